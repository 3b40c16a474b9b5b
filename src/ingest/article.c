/*
** article.c: the readers for whole-file articles (plain text and HTML), and
** the small helpers they share with the record readers.
**
** A plain-text or HTML file is one document, so it is read whole, but never
** past the record limit: a larger file is drained, reported and skipped.  A
** file cut short by a truncated archive is not delivered (the truncation has
** been reported): a partial article would be coded as if it were complete.
** The whole file is the record (ingest_record); parsing and cleaning it is
** ingest_parse_article, which the coder pool runs on its workers.
*/
#include <string.h>

#include "ingest/ingestint.h"
#include "text/text.h"
#include "util/civil_date.h"

int ingest_parse_date(const char *s, size_t len, int32_t *days)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (civil_parse(s, len, days) == 0)
        return 0;
    return civil_parse_compact(s, len, days);
}

int ingest_plain_article(document *doc, const char *title, size_t title_len, const char *raw,
                         size_t raw_len, const char *name, diag_sink *diags)
{
    strbuf text = {0};
    size_t tlen = 0;
    if (title && title_len) {
        if (text_normalize(title, title_len, name, &text, diags) != 0)
            goto oom;
        for (size_t k = 0; k < text.len; k++)
            if (text.data[k] == '\n' || text.data[k] == '\t')
                text.data[k] = ' ';
        tlen = text.len;
        if (tlen) {
            doc->title = document_strndup(doc, text.data, tlen);
            if (strbuf_append(&text, "\n\n", 2) != 0)
                goto oom;
        }
    }
    if (text_normalize(raw, raw_len, name, &text, diags) != 0)
        goto oom;
    size_t len = text.len;
    while (len > tlen && (text.data[len - 1] == '\n' || text.data[len - 1] == ' '))
        len--;
    if (len == tlen + 2 && tlen)
        len = tlen; /* title only */
    int rc = document_set_text(doc, text.data ? text.data : "", len, tlen);
    strbuf_free(&text);
    return rc;
oom:
    strbuf_free(&text);
    return -1;
}

/* Read a whole-file article into raw; 0 = go on, 1 = skip it (reported). */
static int read_whole(ingest_run *r, linereader *lr, const char *name, strbuf *raw)
{
    uint64_t total = 0;
    int rc = lr_read_all(lr, r->opt.max_record_bytes, raw, &total);
    if (rc < 0)
        return 1;
    if (rc > 0) {
        diag_report(r->diags, DIAG_WARNING, name, 0, 0,
                    "document of %llu bytes is longer than the record limit (%zu bytes): skipped",
                    (unsigned long long)total, r->opt.max_record_bytes);
        r->stats->skipped_records++;
        return 1;
    }
    if (lr->in->truncated || lr->in->corrupt) {
        r->stats->skipped_records++;
        return 1;
    }
    return 0;
}

/* A whole-file document's id is its path without the folders above what the
   user named: "a.txt" for `dyad code news/a.txt`, "news/2023/a.txt" for
   `dyad code ../data/news` (see ingest_path). */
static document *new_file_document(const ingest_record *rec)
{
    document *doc = document_new();
    if (!doc)
        return NULL;
    const char *name = rec->name;
    doc->source_name = document_strndup(doc, name, strlen(name));
    size_t skip = rec->id_skip <= strlen(name) ? rec->id_skip : 0;
    doc->id = doc->source_name + skip;
    return doc;
}

static int finish_article(document *doc, const char *name, int rc, diag_sink *diags,
                          document **out)
{
    if (rc != 0) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "out of memory: document skipped");
        document_free(doc);
        return -1;
    }
    if (doc->text_len == 0) {
        diag_report(diags, DIAG_NOTE, name, 0, -1, "no text: skipped");
        document_free(doc);
        return 0;
    }
    *out = doc;
    return 1;
}

static int parse_text(ingest_parser *pr, const ingest_record *rec, diag_sink *diags,
                      document **out)
{
    document *doc = new_file_document(rec);
    if (!doc)
        return -1;
    const char *name = rec->name;
    int rc = pr->opt.keep_boilerplate
                 ? ingest_plain_article(doc, NULL, 0, rec->bytes, rec->len, name, diags)
                 : ingest_clean_article_in(&pr->clean, doc, NULL, 0, rec->bytes, rec->len, name,
                                           diags);
    return finish_article(doc, name, rc, diags, out);
}

static int parse_html(ingest_parser *pr, const ingest_record *rec, diag_sink *diags,
                      document **out)
{
    strbuf title = {0}, body = {0};
    document *doc = new_file_document(rec);
    if (!doc)
        return -1;
    const char *name = rec->name;
    if (ingest_html_extract(doc, rec->bytes, rec->len, &title, &body, name, diags) != 0) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "cannot parse HTML: document skipped");
        document_free(doc);
        strbuf_free(&title);
        strbuf_free(&body);
        return 0;
    }
    const char *t = title.len ? title.data : NULL;
    const char *b = body.data ? body.data : "";
    int rc = pr->opt.keep_boilerplate
                 ? ingest_plain_article(doc, t, title.len, b, body.len, name, diags)
                 : ingest_clean_article_in(&pr->clean, doc, t, title.len, b, body.len, name, diags);
    strbuf_free(&title);
    strbuf_free(&body);
    return finish_article(doc, name, rc, diags, out);
}

int ingest_parse_article(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                         document **out)
{
    return rec->format == INGEST_HTML ? parse_html(p, rec, diags, out)
                                      : parse_text(p, rec, diags, out);
}

/* The readers: the whole file is the record. */
static int read_article(ingest_run *r, linereader *lr, const char *name, ingest_format format)
{
    strbuf raw = {0};
    if (read_whole(r, lr, name, &raw)) {
        strbuf_free(&raw);
        return 0;
    }
    if (format == INGEST_HTML)
        ingest_html_prepare();
    ingest_record rec = {format, name, r->id_skip, 0, 0, 0, raw.data ? raw.data : "", raw.len};
    int rc = ingest_emit(r, &rec);
    strbuf_free(&raw);
    return rc;
}

int ingest_read_text(ingest_run *r, linereader *lr, const char *name)
{
    return read_article(r, lr, name, INGEST_TEXT);
}

int ingest_read_html(ingest_run *r, linereader *lr, const char *name)
{
    return read_article(r, lr, name, INGEST_HTML);
}
