/*
** linereader.c: a bounded buffer over an instream (see ingestint.h).
**
** JSONL and TABARI input is read line by line.  A line is returned as a view
** into the buffer, so a normal line costs no copy.  The buffer grows only as
** far as the longest line it must hold, and never past the record limit: a
** longer line is measured while it streams past (chunk by chunk, looking for
** its newline) and reported as oversize, without ever being held whole.
*/
#include <stdlib.h>
#include <string.h>

#include "ingest/ingestint.h"

void lr_init(linereader *lr, instream *in)
{
    memset(lr, 0, sizeof *lr);
    lr->in = in;
}

void lr_free(linereader *lr)
{
    free(lr->buf);
    memset(lr, 0, sizeof *lr);
}

/* Read one more chunk into the buffer, first moving unread bytes to the
   front and growing it if needed.  Returns bytes added (0 at the end). */
static size_t lr_more(linereader *lr)
{
    if (lr->eof)
        return 0;
    if (lr->start > 0) {
        size_t keep = lr->len - lr->start;
        memmove(lr->buf, lr->buf + lr->start, keep);
        lr->base += lr->start;
        lr->len = keep;
        lr->start = 0;
    }
    if (lr->cap - lr->len < INGEST_CHUNK) {
        size_t ncap = lr->cap ? lr->cap * 2 : 2 * INGEST_CHUNK;
        while (ncap - lr->len < INGEST_CHUNK)
            ncap *= 2;
        /* a line may need limit bytes plus one read: growing further is waste */
        if (lr->limit && ncap > lr->limit + 2 * INGEST_CHUNK && lr->len + INGEST_CHUNK <= lr->limit + 2 * INGEST_CHUNK)
            ncap = lr->limit + 2 * INGEST_CHUNK;
        char *nb = realloc(lr->buf, ncap + 1);
        if (!nb) {
            lr->oom = 1;
            lr->eof = 1;
            return 0;
        }
        lr->buf = nb;
        lr->cap = ncap;
    }
    size_t n = instream_read(lr->in, lr->buf + lr->len, lr->cap - lr->len);
    if (n == 0)
        lr->eof = 1;
    lr->len += n;
    return n;
}

size_t lr_peek(linereader *lr, size_t want, const char **data)
{
    while (lr->len - lr->start < want && lr_more(lr) > 0)
        ;
    *data = lr->buf ? lr->buf + lr->start : "";
    return lr->len - lr->start;
}

/* Skip the rest of an over-long line whose first `seen` bytes were dropped;
   returns its full length. */
static size_t skip_long_line(linereader *lr, size_t seen, int *unterminated)
{
    for (;;) {
        lr->base += lr->len;
        lr->start = lr->len = 0;
        if (lr_more(lr) == 0) {
            *unterminated = 1;
            return seen;
        }
        char *nl = memchr(lr->buf, '\n', lr->len);
        if (nl) {
            size_t k = (size_t)(nl - lr->buf);
            lr->start = k + 1;
            return seen + k;
        }
        seen += lr->len;
    }
}

int lr_next_line(linereader *lr, size_t max, line_ref *out)
{
    memset(out, 0, sizeof *out);
    lr->limit = max;
    size_t scanned = 0; /* bytes of the current line known to hold no newline */
    for (;;) {
        size_t avail = lr->len - lr->start;
        char *p = lr->buf ? lr->buf + lr->start : NULL;
        char *nl = avail > scanned ? memchr(p + scanned, '\n', avail - scanned) : NULL;
        if (nl || (lr->eof && avail > 0)) {
            size_t k = nl ? (size_t)(nl - p) : avail;
            out->line = ++lr->line;
            out->offset = lr->base + lr->start;
            out->unterminated = !nl;
            lr->start += nl ? k + 1 : k;
            if (k > max) {
                out->oversize = 1;
                out->len = k;
                return 1;
            }
            if (k > 0 && p[k - 1] == '\r')
                k--;
            p[k] = '\0'; /* views are NUL-terminated (the '\n' or the spare byte) */
            out->text = p;
            out->len = k;
            return 1;
        }
        if (lr->eof)
            return 0;
        scanned = avail;
        if (avail > max) {
            out->line = ++lr->line;
            out->offset = lr->base + lr->start;
            out->oversize = 1;
            out->len = skip_long_line(lr, avail, &out->unterminated);
            return 1;
        }
        lr_more(lr);
    }
}

int lr_read_all(linereader *lr, size_t max, strbuf *out, uint64_t *total)
{
    uint64_t count = 0;
    for (;;) {
        size_t avail = lr->len - lr->start;
        if (avail) {
            count += avail;
            if (count <= max && strbuf_append(out, lr->buf + lr->start, avail) != 0) {
                lr->oom = 1;
                return -1;
            }
            lr->base += lr->len;
            lr->start = lr->len = 0;
        }
        if (lr->eof || lr_more(lr) == 0)
            break;
    }
    if (total)
        *total = count;
    return count > max;
}
