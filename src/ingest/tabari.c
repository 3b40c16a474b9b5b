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

typedef struct record {
    int open;
    long line;
    uint64_t offset;
    int32_t date;
    int date_ok;
    strbuf header_id;
    strbuf text;
    int oversize;
} record;

static void finish(ingest_run *r, record *rec, const char *name, strbuf *scratch)
{
    rec->open = 0;
    if (rec->oversize) {
        diag_report(r->diags, DIAG_WARNING, name, rec->line, (long long)rec->offset,
                    "record longer than the record limit (%zu bytes): skipped",
                    r->opt.max_record_bytes);
        r->stats->skipped_records++;
        return;
    }
    size_t n = rec->text.len ? strip_comments(rec->text.data, rec->text.len) : 0;
    document *doc = document_new();
    if (!doc)
        return;
    doc->source_name = document_strndup(doc, name, strlen(name));
    doc->source_line = rec->line;
    if (rec->header_id.len) {
        doc->id = document_strndup(doc, rec->header_id.data, rec->header_id.len);
    } else {
        strbuf_clear(scratch);
        strbuf_printf(scratch, "%s:%ld", name, rec->line);
        doc->id = document_strndup(doc, scratch->data, scratch->len);
    }
    if (!rec->date_ok)
        diag_report(r->diags, DIAG_WARNING, name, rec->line, (long long)rec->offset,
                    "unknown date in record header \"%.*s\": record kept without a date",
                    (int)(rec->header_id.len < 40 ? rec->header_id.len : 40),
                    rec->header_id.data ? rec->header_id.data : "");
    doc->published = rec->date_ok ? rec->date : DATE_UNKNOWN;
    strbuf_clear(scratch);
    strbuf norm = {0};
    strbuf_printf(scratch, "%s:%ld", name, rec->line);
    if (text_normalize(rec->text.data ? rec->text.data : "", n, scratch->data, &norm, r->diags) != 0) {
        strbuf_free(&norm);
        document_free(doc);
        return;
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
        diag_report(r->diags, DIAG_NOTE, name, rec->line, (long long)rec->offset,
                    "record has no text outside comments: skipped");
        r->stats->skipped_records++;
        strbuf_free(&norm);
        document_free(doc);
        return;
    }
    if (document_set_text(doc, norm.data, w, 0) != 0) {
        strbuf_free(&norm);
        document_free(doc);
        return;
    }
    strbuf_free(&norm);
    ingest_deliver(r, doc);
}

int ingest_read_tabari(ingest_run *r, linereader *lr, const char *name)
{
    record rec = {0};
    strbuf scratch = {0};
    line_ref ln;
    while (!r->stop && lr_next_line(lr, r->opt.max_record_bytes, &ln)) {
        if (!rec.open) {
            if (ln.oversize || ln.len == 0 || ln.text[0] < '0' || ln.text[0] > '9')
                continue;
            if (ln.unterminated && lr->in->truncated)
                break;
            size_t id_at;
            rec.open = 1;
            rec.oversize = 0;
            rec.line = ln.line;
            rec.offset = ln.offset;
            parse_header(ln.text, ln.len, &rec.date, &id_at, &rec.date_ok);
            size_t e = ln.len;
            while (e > id_at && (ln.text[e - 1] == ' ' || ln.text[e - 1] == '\t'))
                e--;
            strbuf_clear(&rec.header_id);
            strbuf_append(&rec.header_id, ln.text + id_at, e - id_at);
            strbuf_clear(&rec.text);
            continue;
        }
        if (ln.oversize) {
            rec.oversize = 1;
            continue;
        }
        if (ln.len == 0) {
            finish(r, &rec, name, &scratch);
            continue;
        }
        if (ln.unterminated && lr->in->truncated) {
            rec.open = 0; /* cut off by the truncation, already reported */
            r->stats->skipped_records++;
            break;
        }
        if (rec.text.len + ln.len + 1 > r->opt.max_record_bytes) {
            rec.oversize = 1;
            continue;
        }
        if (rec.text.len)
            strbuf_putc(&rec.text, ' ');
        strbuf_append(&rec.text, ln.text, ln.len);
    }
    if (rec.open) {
        if (lr->in->truncated) {
            r->stats->skipped_records++; /* the stream was cut inside this record */
        } else {
            finish(r, &rec, name, &scratch);
        }
    }
    strbuf_free(&rec.header_id);
    strbuf_free(&rec.text);
    strbuf_free(&scratch);
    return r->stop;
}
