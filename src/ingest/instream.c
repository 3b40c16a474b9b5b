/*
** instream.c: input bytes, decompressed on the fly (see ingestint.h).
**
** Compression is recognised by magic bytes, never by file name: 1f 8b is gzip
** (zlib inflate, every member of a concatenated file in turn), 28 b5 2f fd is
** zstd (the streaming API, every frame in turn).  Output is produced in
** caller-sized pieces, so memory does not depend on the file size.
**
** A stream that ends before its archive does is reported once, as
** "truncated gzip stream" / "truncated zstd stream" with the file name and the
** decompressed offset reached; every byte decoded before the cut has already
** been handed out, so the readers deliver every complete document before it.
** A corrupt stream is reported likewise and ends there.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd_errors.h>

#include "ingest/ingestint.h"

#define RAW_CHUNK (256u << 10)

/* Make more raw bytes available when the buffer is used up.  Returns the
   number of unread raw bytes. */
static size_t raw_fill(instream *s)
{
    if (s->raw_pos < s->raw_len || s->raw_eof)
        return s->raw_len - s->raw_pos;
    if (s->fd < 0) {
        s->raw_eof = 1;
        return 0;
    }
    for (;;) {
        ssize_t n = read(s->fd, s->raw_buf, RAW_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            diag_report(s->diags, DIAG_ERROR, s->name, 0, (long long)s->out_total,
                        "read error: %s", strerror(errno));
            s->read_error = 1;
            s->raw_eof = 1;
            return 0;
        }
        if (n == 0) {
            s->raw_eof = 1;
            return 0;
        }
        s->raw = s->raw_buf;
        s->raw_len = (size_t)n;
        s->raw_pos = 0;
        return (size_t)n;
    }
}

/* Read at least `want` raw bytes into the buffer's front when possible (for
   the magic-byte sniff); a descriptor may deliver fewer per read. */
static void raw_prefill(instream *s, size_t want)
{
    if (s->fd < 0)
        return;
    while (!s->raw_eof && s->raw_len < want) {
        ssize_t n = read(s->fd, s->raw_buf + s->raw_len, RAW_CHUNK - s->raw_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            diag_report(s->diags, DIAG_ERROR, s->name, 0, 0, "read error: %s", strerror(errno));
            s->read_error = 1;
            s->raw_eof = 1;
            break;
        }
        if (n == 0) {
            s->raw_eof = 1;
            break;
        }
        s->raw_len += (size_t)n;
    }
    s->raw = s->raw_buf;
}

static int sniff(instream *s)
{
    const unsigned char *r = s->raw + s->raw_pos;
    size_t n = s->raw_len - s->raw_pos;
    if (n >= 2 && r[0] == 0x1f && r[1] == 0x8b) {
        s->comp = COMP_GZIP;
        memset(&s->z, 0, sizeof s->z);
        if (inflateInit2(&s->z, 15 + 16) != Z_OK)
            return -1;
        s->z_ready = 1;
    } else if (n >= 4 && r[0] == 0x28 && r[1] == 0xb5 && r[2] == 0x2f && r[3] == 0xfd) {
        s->comp = COMP_ZSTD;
        s->zd = ZSTD_createDStream();
        if (!s->zd)
            return -1;
        ZSTD_initDStream(s->zd);
    }
    return 0;
}

static int open_common(instream *s)
{
    if (sniff(s) != 0) {
        diag_report(s->diags, DIAG_ERROR, s->name, 0, -1, "out of memory opening decompressor");
        return -1;
    }
    return 0;
}

int instream_open_fd(instream *s, int fd, const char *name, diag_sink *diags)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->name = name;
    s->diags = diags;
    s->raw_buf = malloc(RAW_CHUNK);
    if (!s->raw_buf) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "out of memory");
        return -1;
    }
    raw_prefill(s, 4);
    return open_common(s);
}

int instream_open_mem(instream *s, const void *data, size_t len, const char *name,
                      diag_sink *diags)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->name = name;
    s->diags = diags;
    s->raw = data;
    s->raw_len = data ? len : 0;
    s->raw_eof = 1;
    return open_common(s);
}

static void report_truncated(instream *s, const char *what)
{
    if (s->truncated)
        return;
    s->truncated = 1;
    diag_report(s->diags, DIAG_WARNING, s->name, 0, (long long)s->out_total,
                "truncated %s stream: input ends after %llu decompressed bytes; "
                "the document in progress there is lost", what,
                (unsigned long long)s->out_total);
}

/* After a gzip member ends: another member, zero padding, or garbage. */
static int gzip_next_member(instream *s)
{
    for (;;) {
        size_t avail = raw_fill(s);
        if (avail == 0)
            return 0;
        const unsigned char *r = s->raw + s->raw_pos;
        if (r[0] == 0) { /* tape-style zero padding after the last member */
            size_t k = 0;
            while (k < avail && r[k] == 0)
                k++;
            s->raw_pos += k;
            continue;
        }
        if (avail >= 2 ? (r[0] == 0x1f && r[1] == 0x8b) : (r[0] == 0x1f)) {
            inflateReset(&s->z);
            return 1;
        }
        diag_report(s->diags, DIAG_WARNING, s->name, 0, (long long)s->out_total,
                    "ignoring %zu bytes of trailing garbage after the gzip data", avail);
        s->raw_pos = s->raw_len;
        return 0;
    }
}

static size_t read_gzip(instream *s, unsigned char *buf, size_t cap)
{
    s->z.next_out = buf;
    s->z.avail_out = (uInt)cap;
    while (s->z.avail_out == cap) {
        int input_ended = 0;
        if (s->z.avail_in == 0) {
            size_t avail = raw_fill(s);
            if (avail == 0) {
                input_ended = 1; /* inflate may still hold output: ask once more */
            } else {
                size_t take = avail > (1u << 30) ? (1u << 30) : avail;
                s->z.next_in = (Bytef *)(s->raw + s->raw_pos);
                s->z.avail_in = (uInt)take;
            }
        }
        const Bytef *before = s->z.next_in;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->raw_pos += (size_t)(s->z.next_in - before);
        if (rc == Z_STREAM_END) {
            s->z.avail_in = 0; /* the rest is re-read from raw_pos */
            if (!gzip_next_member(s)) {
                s->done = 1;
                break;
            }
            continue;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR) {
            if (!input_ended)
                continue; /* needs more input */
            report_truncated(s, "gzip");
            s->done = 1;
            break;
        }
        s->corrupt = 1;
        s->done = 1;
        diag_report(s->diags, DIAG_WARNING, s->name, 0, (long long)s->out_total,
                    "corrupt gzip stream (%s) after %llu decompressed bytes; the rest is lost",
                    s->z.msg ? s->z.msg : "inflate error", (unsigned long long)s->out_total);
        break;
    }
    return cap - s->z.avail_out;
}

static size_t read_zstd(instream *s, unsigned char *buf, size_t cap)
{
    ZSTD_outBuffer out = {buf, cap, 0};
    while (out.pos == 0) {
        size_t avail = raw_fill(s);
        if (avail == 0) {
            /* the input is over: flush what the decoder still holds */
            ZSTD_inBuffer none = {NULL, 0, 0};
            size_t rc = ZSTD_decompressStream(s->zd, &out, &none);
            if (!ZSTD_isError(rc) && out.pos > 0)
                break;
            if (s->zstd_any && s->zstd_pending != 0)
                report_truncated(s, "zstd");
            s->done = 1;
            break;
        }
        ZSTD_inBuffer in = {s->raw + s->raw_pos, avail, 0};
        size_t rc = ZSTD_decompressStream(s->zd, &out, &in);
        s->raw_pos += in.pos;
        if (in.pos)
            s->zstd_any = 1;
        if (!ZSTD_isError(rc) && in.pos == 0 && out.pos == 0)
            rc = (size_t)-ZSTD_error_corruption_detected; /* no progress possible */
        if (ZSTD_isError(rc)) {
            s->corrupt = 1;
            s->done = 1;
            diag_report(s->diags, DIAG_WARNING, s->name, 0, (long long)s->out_total,
                        "corrupt zstd stream (%s) after %llu decompressed bytes; the rest is lost",
                        ZSTD_getErrorName(rc), (unsigned long long)s->out_total);
            break;
        }
        s->zstd_pending = rc;
        if (rc == 0)
            s->zstd_any = 0; /* a frame ended cleanly; another may follow */
    }
    return out.pos;
}

size_t instream_read(instream *s, void *buf, size_t cap)
{
    if (s->done || cap == 0)
        return 0;
    size_t n = 0;
    switch (s->comp) {
    case COMP_NONE: {
        size_t avail = raw_fill(s);
        if (avail == 0) {
            s->done = 1;
            return 0;
        }
        n = avail < cap ? avail : cap;
        memcpy(buf, s->raw + s->raw_pos, n);
        s->raw_pos += n;
        break;
    }
    case COMP_GZIP:
        n = read_gzip(s, buf, cap > (1u << 30) ? (1u << 30) : cap);
        break;
    case COMP_ZSTD:
        n = read_zstd(s, buf, cap);
        break;
    }
    s->out_total += n;
    return n;
}

void instream_close(instream *s)
{
    if (s->z_ready)
        inflateEnd(&s->z);
    if (s->zd)
        ZSTD_freeDStream(s->zd);
    free(s->raw_buf);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}
