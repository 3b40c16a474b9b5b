/*
** jsonl.c: the JSONL reader, one document per line (jansson).
**
** Fields, with the aliases real corpora use:
**   id       id, doc_id                      (missing: "<source>:<line>")
**   date     date, published, pubdate, publish_date, published_at, datetime
**   outlet   outlet, source, publisher, site_name  (source may be {"name": ...})
**   url      url, link
**   title    title, headline
**   text     text, body, content, description, article
**   author   author, byline, authors (an array is joined with ", ")
**   lang     lang, language
** A line is read as a view into the line buffer (no copy) unless it must be
** repaired: raw control bytes (a NUL, a tab inside a string) and invalid UTF-8
** would make the whole line invalid JSON, so they are dropped or replaced first
** and reported with the file, line and byte offset.  Everything that goes
** wrong with one line (too long, not JSON, not an object, no text, a date that
** cannot be read) is reported with file:line, and the next line is read.
*/
#include <jansson.h>
#include <string.h>

#include "ingest/ingestint.h"
#include "util/civil_date.h"

static const char *const id_keys[] = {"id", "doc_id", NULL};
static const char *const date_keys[] = {"date", "published", "pubdate", "publish_date",
                                        "published_at", "datetime", NULL};
static const char *const outlet_keys[] = {"outlet", "source", "publisher", "site_name", NULL};
static const char *const url_keys[] = {"url", "link", NULL};
static const char *const title_keys[] = {"title", "headline", NULL};
static const char *const text_keys[] = {"text", "body", "content", "description", "article", NULL};
static const char *const author_keys[] = {"author", "byline", "authors", NULL};
static const char *const lang_keys[] = {"lang", "language", NULL};

/* The first present, non-null value among keys. */
static json_t *field(json_t *obj, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(obj, *keys);
        if (v && !json_is_null(v))
            return v;
    }
    return NULL;
}

/* A string field as bytes (numbers are formatted into buf); NULL if absent or empty. */
static const char *field_string(json_t *obj, const char *const *keys, size_t *len, char *buf,
                                size_t bufsize)
{
    json_t *v = field(obj, keys);
    if (!v)
        return NULL;
    if (json_is_object(v)) /* {"source": {"id": ..., "name": "Reuters"}} */
        v = json_object_get(v, "name");
    if (json_is_string(v)) {
        *len = json_string_length(v);
        return *len ? json_string_value(v) : NULL;
    }
    if (json_is_integer(v)) {
        int n = snprintf(buf, bufsize, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *len = n > 0 ? (size_t)n : 0;
        return *len ? buf : NULL;
    }
    return NULL;
}

/* Authors given as an array: joined with ", " into out. */
static void join_authors(json_t *arr, strbuf *out)
{
    size_t k;
    json_t *v;
    json_array_foreach(arr, k, v) {
        if (json_is_object(v))
            v = json_object_get(v, "name");
        if (!json_is_string(v) || json_string_length(v) == 0)
            continue;
        if (out->len)
            strbuf_append(out, ", ", 2);
        strbuf_append(out, json_string_value(v), json_string_length(v));
    }
}

/* Length of the valid UTF-8 sequence at s[0..n) (s[0] >= 0x80), or 0. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (need == 0 || need > n)
        return 0;
    unsigned b1 = s[1];
    if ((b1 & 0xC0) != 0x80 || (c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F) ||
        (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F))
        return 0;
    for (size_t j = 2; j < need; j++)
        if ((s[j] & 0xC0) != 0x80)
            return 0;
    return need;
}

/* Repair a line so that jansson can read it: invalid UTF-8 bytes become
   U+FFFD, raw NUL bytes are dropped and other raw controls become blanks.  Returns 1
   when anything changed (out then holds the repaired line), counting what was
   repaired and where it first occurred. */
static int repair_line(const char *p_, size_t n, strbuf *out, unsigned long *bad_utf8,
                       long long *first_bad, unsigned long *controls, long long *first_control)
{
    const unsigned char *p = (const unsigned char *)p_;
    size_t i = 0;
    while (i < n) { /* fast scan: is anything wrong at all? */
        if (p[i] >= 0x20 && p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = p[i] >= 0x80 ? utf8_valid_len(p + i, n - i) : 0;
        if (!k)
            break;
        i += k;
    }
    if (i == n)
        return 0;
    strbuf_clear(out);
    strbuf_append(out, p_, i);
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x80) {
            strbuf_putc(out, (char)c);
            i++;
        } else if (c < 0x20) {
            if (c != '\t' && (*controls)++ == 0)
                *first_control = (long long)i;
            if (c != 0) /* a raw tab or separator inside a string: a blank */
                strbuf_putc(out, ' ');
            i++;
        } else {
            size_t k = utf8_valid_len(p + i, n - i);
            if (k) {
                strbuf_append(out, p_ + i, k);
                i += k;
            } else {
                if ((*bad_utf8)++ == 0)
                    *first_bad = (long long)i;
                strbuf_append(out, "\xEF\xBF\xBD", 3);
                i++;
            }
        }
    }
    return 1;
}

/* Build the document for one parsed object; returns it or NULL (reported). */
static document *object_to_document(ingest_run *r, json_t *obj, const char *name,
                                    const line_ref *ln, strbuf *scratch)
{
    char numbuf[64];
    size_t len = 0;
    document *doc = document_new();
    if (!doc)
        return NULL;
    doc->source_name = document_strndup(doc, name, strlen(name));
    doc->source_line = ln->line;
    const char *id = field_string(obj, id_keys, &len, numbuf, sizeof numbuf);
    if (id) {
        doc->id = document_strndup(doc, id, len);
    } else {
        strbuf_clear(scratch);
        strbuf_printf(scratch, "%s:%ld", name, ln->line);
        doc->id = document_strndup(doc, scratch->data, scratch->len);
    }
    const char *s;
    if ((s = field_string(obj, outlet_keys, &len, numbuf, sizeof numbuf)))
        doc->outlet = document_strndup(doc, s, len);
    if ((s = field_string(obj, url_keys, &len, numbuf, sizeof numbuf)))
        doc->url = document_strndup(doc, s, len);
    if ((s = field_string(obj, lang_keys, &len, numbuf, sizeof numbuf)))
        doc->lang = document_strndup(doc, s, len);
    json_t *a = field(obj, author_keys);
    if (a && json_is_array(a)) {
        strbuf_clear(scratch);
        join_authors(a, scratch);
        if (scratch->len)
            doc->author = document_strndup(doc, scratch->data, scratch->len);
    } else if ((s = field_string(obj, author_keys, &len, numbuf, sizeof numbuf))) {
        doc->author = document_strndup(doc, s, len);
    }

    json_t *dv = field(obj, date_keys);
    if (dv) {
        int32_t days;
        int ok = 0;
        if (json_is_string(dv)) {
            ok = ingest_parse_date(json_string_value(dv), json_string_length(dv), &days) == 0;
        } else if (json_is_integer(dv)) {
            int n = snprintf(numbuf, sizeof numbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(dv));
            ok = n > 0 && civil_parse_compact(numbuf, (size_t)n, &days) == 0;
        }
        if (ok) {
            doc->published = days;
        } else {
            char *shown = json_dumps(dv, JSON_ENCODE_ANY);
            diag_report(r->diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                        "unknown date %.80s: document kept without a date", shown ? shown : "?");
            free(shown);
        }
    }

    size_t title_len = 0, text_len = 0;
    const char *title = field_string(obj, title_keys, &title_len, numbuf, sizeof numbuf);
    if (title)
        title = document_strndup(doc, title, title_len); /* numbuf may be reused */
    const char *text = field_string(obj, text_keys, &text_len, numbuf, sizeof numbuf);
    if (!text) {
        if (!title) {
            diag_report(r->diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                        "record has no text and no title: skipped");
            document_free(doc);
            return NULL;
        }
        diag_report(r->diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                    "record has no text: coding its title only");
        text = "";
    }
    /* diagnostics about the text name the record */
    strbuf_clear(scratch);
    strbuf_printf(scratch, "%s:%ld", name, ln->line);
    int rc = r->opt.keep_boilerplate
                 ? ingest_plain_article(doc, title, title_len, text, text_len, scratch->data, r->diags)
                 : ingest_clean_article(doc, title, title_len, text, text_len, scratch->data, r->diags);
    if (rc != 0) {
        diag_report(r->diags, DIAG_ERROR, name, ln->line, (long long)ln->offset,
                    "out of memory: record skipped");
        document_free(doc);
        return NULL;
    }
    if (doc->text_len == 0) {
        diag_report(r->diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                    "record has no text left after cleaning: skipped");
        document_free(doc);
        return NULL;
    }
    return doc;
}

int ingest_read_jsonl(ingest_run *r, linereader *lr, const char *name)
{
    strbuf fixed = {0}, scratch = {0};
    line_ref ln;
    while (!r->stop && lr_next_line(lr, r->opt.max_record_bytes, &ln)) {
        if (ln.oversize) {
            diag_report(r->diags, DIAG_WARNING, name, ln.line, (long long)ln.offset,
                        "line of %zu bytes is longer than the record limit (%zu bytes): skipped",
                        ln.len, r->opt.max_record_bytes);
            r->stats->skipped_records++;
            continue;
        }
        const char *p = ln.text;
        size_t n = ln.len;
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        if (ln.unterminated && lr->in->truncated) {
            /* the cut-off tail of a truncated archive: already reported */
            r->stats->skipped_records++;
            continue;
        }
        unsigned long bad = 0, controls = 0;
        long long first_bad = -1, first_control = -1;
        if (repair_line(p, n, &fixed, &bad, &first_bad, &controls, &first_control)) {
            long long base = (long long)ln.offset + (p - ln.text);
            if (bad)
                diag_report(r->diags, DIAG_WARNING, name, ln.line, base + first_bad,
                            "%lu invalid UTF-8 sequence%s replaced by U+FFFD", bad,
                            bad == 1 ? "" : "s");
            if (controls)
                diag_report(r->diags, DIAG_WARNING, name, ln.line, base + first_control,
                            "%lu NUL or control byte%s dropped", controls, controls == 1 ? "" : "s");
            p = fixed.data ? fixed.data : "";
            n = fixed.len;
        }
        json_error_t err;
        json_t *obj = json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        if (!obj) {
            diag_report(r->diags, DIAG_WARNING, name, ln.line, (long long)ln.offset + err.position,
                        "malformed JSON (%s, column %d): line skipped", err.text, err.column);
            r->stats->skipped_records++;
            continue;
        }
        if (!json_is_object(obj)) {
            diag_report(r->diags, DIAG_WARNING, name, ln.line, (long long)ln.offset,
                        "line is JSON but not an object: skipped");
            json_decref(obj);
            r->stats->skipped_records++;
            continue;
        }
        document *doc = object_to_document(r, obj, name, &ln, &scratch);
        json_decref(obj);
        if (!doc) {
            r->stats->skipped_records++;
            continue;
        }
        ingest_deliver(r, doc);
    }
    strbuf_free(&fixed);
    strbuf_free(&scratch);
    return r->stop;
}
