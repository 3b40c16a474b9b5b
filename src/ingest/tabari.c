/*
** tabari.c: the TABARI text-record reader.
**
** A record is a header line that starts with a digit (the date, then the record
** id) and the lines after it up to the first completely empty line, joined with
** single blanks; text between slash-star and star-slash is a comment (an
** unterminated one runs to the end of the record).  Lines between records
** (banners, '#' comments) are ignored, as TABARI ignores them.
**
** The date is YYMMDD (00-30 -> 20YY) or YYYYMMDD.  TABARI takes 8 digits only in
** its YYYY mode; here 8 digits are taken when the 6-digit reading is not a
** valid date ("19950103") or when exactly 8 digits stand before a blank.  The
** id is the rest of the header line with leading blanks skipped, so TABARI's
** quirks are kept: "9501201  X" has date 950120 and id "1  X".
**
** The reader gathers a record's lines (header, newline, text lines joined with
** blanks); ingest_parse_tabari reads the header, strips comments and builds
** the document from those bytes alone.
*/
#include <string.h>

#include "ingest/ingestint.h"
#include "text/text.h"
#include "util/civil_date.h"

/* Date and id of a header line. */
static void parse_header(const char *p, size_t n, int32_t *date, size_t *id_at, int *date_ok)
{
    size_t d = 0;
    while (d < n && p[d] >= '0' && p[d] <= '9')
        d++;
    int32_t d6 = DATE_UNKNOWN, d8 = DATE_UNKNOWN;
    int ok6 = d >= 6 && civil_parse_compact(p, 6, &d6) == 0;
    int ok8 = d >= 8 && civil_parse_compact(p, 8, &d8) == 0;
    int exact8 = d == 8 && (d == n || p[d] == ' ' || p[d] == '\t');
    size_t k;
    if (ok8 && (!ok6 || exact8)) {
        *date = d8;
        k = 8;
    } else {
        *date = d6;
        k = d < 6 ? d : 6;
    }
    *date_ok = ok6 || ok8;
    while (k < n && (p[k] == ' ' || p[k] == '\t'))
        k++;
    *id_at = k;
}

/* Remove comments from the joined record text in place; returns the new length. */
static size_t strip_comments(char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/'))
                j++;
            i = j + 1 < n ? j + 2 : n;
            if (w > 0 && s[w - 1] != ' ')
                s[w++] = ' ';
            continue;
        }
        s[w++] = s[i++];
    }
    return w;
}

/* A record being read: its header line and its text lines joined. */
typedef struct record {
    int open;
    long line;
    uint64_t offset;
    strbuf bytes;               /* header line, '\n', the text lines joined with blanks */
    size_t text_len;            /* of the joined text */
    int oversize;
} record;

int ingest_parse_tabari(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                        document **out)
{
    const char *name = rec->name;
    const char *nl = memchr(rec->bytes, '\n', rec->len);
    size_t hlen = nl ? (size_t)(nl - rec->bytes) : rec->len;
    const char *hdr = rec->bytes;
    int32_t date;
    int date_ok;
    size_t id_at;
    parse_header(hdr, hlen, &date, &id_at, &date_ok);
    size_t e = hlen;
    while (e > id_at && (hdr[e - 1] == ' ' || hdr[e - 1] == '\t'))
        e--;
    const char *id = hdr + id_at;
    size_t id_len = e - id_at;
    strbuf *text = &p->text;
    strbuf_clear(text);
    if (nl && strbuf_append(text, nl + 1, rec->len - hlen - 1) != 0)
        return -1;
    size_t n = text->len ? strip_comments(text->data, text->len) : 0;
    strbuf *scratch = &p->scratch;
    document *doc = document_new();
    if (!doc)
        return -1;
    doc->source_name = document_strndup(doc, name, strlen(name));
    doc->source_line = rec->line;
    if (id_len) {
        doc->id = document_strndup(doc, id, id_len);
    } else {
        strbuf_clear(scratch);
        strbuf_printf(scratch, "%s:%ld", name, rec->line);
        doc->id = document_strndup(doc, scratch->data, scratch->len);
    }
    if (!date_ok)
        diag_report(diags, DIAG_WARNING, name, rec->line, (long long)rec->offset,
                    "unknown date in record header \"%.*s\": record kept without a date",
                    (int)(id_len < 40 ? id_len : 40), id);
    doc->published = date_ok ? date : DATE_UNKNOWN;
    strbuf_clear(scratch);
    strbuf norm = {0};
    strbuf_printf(scratch, "%s:%ld", name, rec->line);
    if (text_normalize(text->data ? text->data : "", n, scratch->data, &norm, diags) != 0) {
        strbuf_free(&norm);
        document_free(doc);
        return -1;
    }
    /* trim and squeeze the blanks that joining and comments left */
    size_t w = 0;
    for (size_t i = 0; i < norm.len; i++) {
        char c = norm.data[i] == '\t' || norm.data[i] == '\n' ? ' ' : norm.data[i];
        if (c == ' ' && (w == 0 || norm.data[w - 1] == ' '))
            continue;
        norm.data[w++] = c;
    }
    while (w && norm.data[w - 1] == ' ')
        w--;
    if (w == 0) {
        diag_report(diags, DIAG_NOTE, name, rec->line, (long long)rec->offset,
                    "record has no text outside comments: skipped");
        strbuf_free(&norm);
        document_free(doc);
        return 0;
    }
    if (document_set_text(doc, norm.data, w, 0) != 0) {
        strbuf_free(&norm);
        document_free(doc);
        return -1;
    }
    strbuf_free(&norm);
    *out = doc;
    return 1;
}

static void finish(ingest_run *r, record *rec, const char *name)
{
    rec->open = 0;
    if (rec->oversize) {
        diag_report(r->diags, DIAG_WARNING, name, rec->line, (long long)rec->offset,
                    "record longer than the record limit (%zu bytes): skipped",
                    r->opt.max_record_bytes);
        r->stats->skipped_records++;
        return;
    }
    ingest_record out = {INGEST_TABARI, name, 0, rec->line, rec->offset, 0,
                         rec->bytes.data ? rec->bytes.data : "", rec->bytes.len};
    ingest_emit(r, &out);
}

int ingest_read_tabari(ingest_run *r, linereader *lr, const char *name)
{
    record rec = {0};
    line_ref ln;
    while (!r->stop && lr_next_line(lr, r->opt.max_record_bytes, &ln)) {
        if (!rec.open) {
            if (ln.oversize || ln.len == 0 || ln.text[0] < '0' || ln.text[0] > '9')
                continue;
            if (ln.unterminated && lr->in->truncated)
                break;
            rec.open = 1;
            rec.oversize = 0;
            rec.line = ln.line;
            rec.offset = ln.offset;
            strbuf_clear(&rec.bytes);
            strbuf_append(&rec.bytes, ln.text, ln.len);
            strbuf_putc(&rec.bytes, '\n');
            rec.text_len = 0;
            continue;
        }
        if (ln.oversize) {
            rec.oversize = 1;
            continue;
        }
        if (ln.len == 0) {
            finish(r, &rec, name);
            continue;
        }
        if (ln.unterminated && lr->in->truncated) {
            rec.open = 0; /* cut off by the truncation, already reported */
            r->stats->skipped_records++;
            break;
        }
        if (rec.text_len + ln.len + 1 > r->opt.max_record_bytes) {
            rec.oversize = 1;
            continue;
        }
        if (rec.text_len) {
            strbuf_putc(&rec.bytes, ' ');
            rec.text_len++;
        }
        strbuf_append(&rec.bytes, ln.text, ln.len);
        rec.text_len += ln.len;
    }
    if (rec.open) {
        if (lr->in->truncated) {
            r->stats->skipped_records++; /* the stream was cut inside this record */
        } else {
            finish(r, &rec, name);
        }
    }
    strbuf_free(&rec.bytes);
    return r->stop;
}
