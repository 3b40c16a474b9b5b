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
**
** Reading and parsing are apart (see ingest_record in ingest.h): the reader
** only cuts lines and reports the ones over the record limit; everything else
** is ingest_parse_jsonl, a function of the line's bytes, which the coder pool
** runs on its workers.
*/
#include <jansson.h>
#include <string.h>

#include "ingest/ingestint.h"
#include "util/civil_date.h"
#include "util/swar.h"

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
        size_t plain = swar_printable_run(p + i, n - i, 0x80);
        if (plain) {
            i += plain;
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

/* ---- a record's fields, however they were read --------------------------- */

/* The fields the document is built from.  A NULL `s` is an absent field (or
   an empty one: both are treated alike).  Strings are views into the line, the
   JSON object or the buffers of the reading path, valid until the document has
   been built. */
typedef struct rec_field {
    const char *s;
    size_t len;
} rec_field;

enum { DATE_NONE = 0, DATE_READ, DATE_UNREADABLE };

typedef struct record {
    rec_field id, outlet, url, lang, author, title, text;
    int date_state;
    int32_t days;               /* DATE_READ */
    char *date_shown;           /* DATE_UNREADABLE: the value as JSON (malloc'd) */
} record;

/* ---- the jansson path: any valid JSON ------------------------------------ */

/* Per-field number buffers: an integer field is formatted where it stays. */
typedef struct json_bufs {
    char id[64], outlet[64], url[64], lang[64], author[64], title[64], text[64];
    strbuf authors;
} json_bufs;

static rec_field string_field(json_t *obj, const char *const *keys, char *buf, size_t bufsize)
{
    rec_field f = {NULL, 0};
    f.s = field_string(obj, keys, &f.len, buf, bufsize);
    return f;
}

static void record_from_json(json_t *obj, record *rec, json_bufs *b)
{
    memset(rec, 0, sizeof *rec);
    rec->id = string_field(obj, id_keys, b->id, sizeof b->id);
    rec->outlet = string_field(obj, outlet_keys, b->outlet, sizeof b->outlet);
    rec->url = string_field(obj, url_keys, b->url, sizeof b->url);
    rec->lang = string_field(obj, lang_keys, b->lang, sizeof b->lang);
    json_t *a = field(obj, author_keys);
    if (a && json_is_array(a)) {
        strbuf_clear(&b->authors);
        join_authors(a, &b->authors);
        if (b->authors.len)
            rec->author = (rec_field){b->authors.data, b->authors.len};
    } else {
        rec->author = string_field(obj, author_keys, b->author, sizeof b->author);
    }
    json_t *dv = field(obj, date_keys);
    if (dv) {
        char numbuf[64];
        int ok = 0;
        if (json_is_string(dv)) {
            ok = ingest_parse_date(json_string_value(dv), json_string_length(dv), &rec->days) == 0;
        } else if (json_is_integer(dv)) {
            int n = snprintf(numbuf, sizeof numbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(dv));
            ok = n > 0 && civil_parse_compact(numbuf, (size_t)n, &rec->days) == 0;
        }
        rec->date_state = ok ? DATE_READ : DATE_UNREADABLE;
        if (!ok)
            rec->date_shown = json_dumps(dv, JSON_ENCODE_ANY);
    }
    rec->title = string_field(obj, title_keys, b->title, sizeof b->title);
    rec->text = string_field(obj, text_keys, b->text, sizeof b->text);
}

/* ---- the fast path: the common shape, without jansson ---------------------- */

/* Nearly every line of a news feed is a flat object of strings.  Reading such
   a line with jansson builds a tree of allocated values only to look eight
   fields up in it; this path validates the line in one pass, notes where the
   value of each key that names a field starts, and decodes only the strings
   that are used.  It takes a line only when it is sure jansson would read it
   and give the same fields: valid JSON (after repair_line: valid UTF-8, no
   control bytes) whose field values are strings or null.  Anything else (a
   field given as a number, an array or an object, a key or string with an
   escape it does not decode, a long or exponent number anywhere, deep
   nesting, trailing bytes, a line that is not an object) goes to jansson,
   which then also reports whatever is wrong with it exactly as before.  As in
   jansson, a repeated key keeps its last value. */

#define FAST_MAX_DEPTH 32

/* Every key that names a field, in one table: the alias lists above point
   into it through fast_key_index. */
enum { FK_MAX = 40 };

typedef struct fast_value {
    const char *s;              /* a string's raw bytes (between the quotes) */
    size_t len;
    int kind;                   /* FV_ABSENT, FV_NULL, FV_STRING */
    int escaped;                /* the raw bytes hold a backslash */
} fast_value;

enum { FV_ABSENT = 0, FV_NULL, FV_STRING };

typedef struct fast_reader {
    const unsigned char *p, *end;
    fast_value values[FK_MAX];
    strbuf *decoded;            /* reserved to the line's length: pointers stay valid */
} fast_reader;

static const char *const *const alias_lists[] = {id_keys, date_keys, outlet_keys, url_keys,
                                                 title_keys, text_keys, author_keys, lang_keys};

/* The slot of a key among all aliases, or -1. */
static int fast_key_slot(const unsigned char *k, size_t n)
{
    int slot = 0;
    for (size_t l = 0; l < sizeof alias_lists / sizeof alias_lists[0]; l++)
        for (const char *const *a = alias_lists[l]; *a; a++, slot++)
            if ((unsigned char)(*a)[0] == k[0] && strncmp(*a, (const char *)k, n) == 0 &&
                (*a)[n] == '\0')
                return slot;
    return -1;
}

static void fast_ws(fast_reader *f)
{
    while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' || *f->p == '\n' || *f->p == '\r'))
        f->p++;
}

/* A string at f->p (the opening quote); on success its raw extent and whether
   it holds escapes.  Escapes are checked here as jansson would: the simple
   ones, and \uXXXX other than U+0000 and surrogates (those go to jansson). */
static int fast_string(fast_reader *f, const char **s, size_t *len, int *escaped)
{
    const unsigned char *q = ++f->p;
    int esc = 0;
    while (q < f->end) {
        /* skip plain bytes eight at a time: stop at '"', '\\' or a control */
        while (q + 8 <= f->end) {
            uint64_t x = swar_load(q);
            uint64_t stop = swar_equal(x, '"') | swar_equal(x, '\\') | swar_below(x, 0x20);
            if (stop) {
                q += swar_first(stop);
                break;
            }
            q += 8;
        }
        if (q >= f->end)
            break;
        unsigned char c = *q;
        if (c == '"')
            break;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            esc = 1;
            if (q + 1 >= f->end)
                return 0;
            unsigned char e = q[1];
            if (e == 'u') {
                if (q + 6 > f->end)
                    return 0;
                unsigned v = 0;
                for (int k = 2; k < 6; k++) {
                    unsigned char h = q[k];
                    unsigned d = h >= '0' && h <= '9' ? h - '0'
                               : h >= 'a' && h <= 'f' ? h - 'a' + 10
                               : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 16;
                    if (d == 16)
                        return 0;
                    v = v * 16 + d;
                }
                if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
                    return 0;
                q += 6;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == 0)
                return 0;
            q += 2;
            continue;
        }
        q++;
    }
    if (q >= f->end)
        return 0;
    *s = (const char *)f->p;
    *len = (size_t)(q - f->p);
    *escaped = esc;
    f->p = q + 1;
    return 1;
}

/* A number, as JSON writes it; short and without exponent, so that jansson
   can neither overflow nor lose it. */
static int fast_number(fast_reader *f)
{
    const unsigned char *st = f->p, *q = f->p;
    if (q < f->end && *q == '-')
        q++;
    if (q < f->end && *q == '0') {
        q++;
    } else if (q < f->end && *q >= '1' && *q <= '9') {
        while (q < f->end && *q >= '0' && *q <= '9')
            q++;
    } else {
        return 0;
    }
    if (q < f->end && *q == '.') {
        q++;
        if (!(q < f->end && *q >= '0' && *q <= '9'))
            return 0;
        while (q < f->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < f->end && (*q == 'e' || *q == 'E' || (*q >= '0' && *q <= '9')))
        return 0;
    if (q - st > 15)
        return 0;
    f->p = q;
    return 1;
}

static int fast_word(fast_reader *f, const char *w, size_t n)
{
    if ((size_t)(f->end - f->p) < n || memcmp(f->p, w, n) != 0)
        return 0;
    f->p += n;
    /* jansson reads a run of letters as one word: "nullx" is not null */
    if (f->p < f->end && ((*f->p | 0x20) >= 'a' && (*f->p | 0x20) <= 'z'))
        return 0;
    return 1;
}

static int fast_value_skip(fast_reader *f, int depth);

/* The members of an object (f->p just after '{'); slots are noted only at the
   top level. */
static int fast_members(fast_reader *f, int depth)
{
    fast_ws(f);
    if (f->p < f->end && *f->p == '}') {
        f->p++;
        return 1;
    }
    for (;;) {
        fast_ws(f);
        if (f->p >= f->end || *f->p != '"')
            return 0;
        const char *key;
        size_t klen;
        int kesc;
        if (!fast_string(f, &key, &klen, &kesc) || kesc)
            return 0;
        fast_ws(f);
        if (f->p >= f->end || *f->p != ':')
            return 0;
        f->p++;
        fast_ws(f);
        int slot = depth == 0 ? fast_key_slot((const unsigned char *)key, klen) : -1;
        if (slot >= 0) {
            fast_value *v = &f->values[slot];
            if (f->p < f->end && *f->p == '"') {
                v->kind = FV_STRING;
                if (!fast_string(f, &v->s, &v->len, &v->escaped))
                    return 0;
            } else if (fast_word(f, "null", 4)) {
                v->kind = FV_NULL;
            } else {
                return 0; /* a number, boolean, array or object as a field: jansson */
            }
        } else if (!fast_value_skip(f, depth + 1)) {
            return 0;
        }
        fast_ws(f);
        if (f->p < f->end && *f->p == ',') {
            f->p++;
            continue;
        }
        if (f->p < f->end && *f->p == '}') {
            f->p++;
            return 1;
        }
        return 0;
    }
}

/* Validate and step over any value. */
static int fast_value_skip(fast_reader *f, int depth)
{
    if (depth > FAST_MAX_DEPTH || f->p >= f->end)
        return 0;
    const char *s;
    size_t len;
    int esc;
    switch (*f->p) {
    case '"': return fast_string(f, &s, &len, &esc);
    case '{': f->p++; return fast_members(f, depth);
    case '[':
        f->p++;
        fast_ws(f);
        if (f->p < f->end && *f->p == ']') {
            f->p++;
            return 1;
        }
        for (;;) {
            fast_ws(f);
            if (!fast_value_skip(f, depth + 1))
                return 0;
            fast_ws(f);
            if (f->p < f->end && *f->p == ',') {
                f->p++;
                continue;
            }
            if (f->p < f->end && *f->p == ']') {
                f->p++;
                return 1;
            }
            return 0;
        }
    case 't': return fast_word(f, "true", 4);
    case 'f': return fast_word(f, "false", 5);
    case 'n': return fast_word(f, "null", 4);
    default: return fast_number(f);
    }
}

static void put_utf8(char **o, unsigned cp)
{
    unsigned char *u = (unsigned char *)*o;
    if (cp < 0x80) {
        *u++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *u++ = (unsigned char)(0xC0 | (cp >> 6));
        *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *u++ = (unsigned char)(0xE0 | (cp >> 12));
        *u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *u++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    *o = (char *)u;
}

/* The decoded bytes of a string value that fast_string accepted (no U+0000,
   no surrogates, so every \u escape is one BMP character). */
static rec_field fast_decode(fast_reader *f, const fast_value *v)
{
    if (!v->escaped)
        return (rec_field){v->len ? v->s : NULL, v->len};
    char *o = f->decoded->data + f->decoded->len, *start = o;
    for (size_t i = 0; i < v->len; i++) {
        char c = v->s[i];
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        char e = v->s[++i];
        switch (e) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned cp = 0;
            for (int k = 1; k <= 4; k++) {
                char h = v->s[i + (size_t)k];
                cp = cp * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            put_utf8(&o, cp);
            i += 4;
            break;
        }
        default: *o++ = e; break; /* " \ / */
        }
    }
    size_t n = (size_t)(o - start);
    f->decoded->len += n;
    return (rec_field){n ? start : NULL, n};
}

/* The first non-null value among a field's aliases, as field() does. */
static const fast_value *fast_field(const fast_reader *f, size_t list)
{
    int slot = 0;
    for (size_t l = 0; l < list; l++)
        for (const char *const *a = alias_lists[l]; *a; a++)
            slot++;
    for (const char *const *a = alias_lists[list]; *a; a++, slot++)
        if (f->values[slot].kind == FV_STRING)
            return &f->values[slot];
    return NULL;
}

static rec_field fast_string_field(fast_reader *f, size_t list)
{
    const fast_value *v = fast_field(f, list);
    return v ? fast_decode(f, v) : (rec_field){NULL, 0};
}

/* 1 when the line was read here (rec filled), 0 when it must go to jansson. */
static int record_fast(const char *line, size_t n, record *rec, strbuf *decoded)
{
    fast_reader f;
    memset(f.values, 0, sizeof f.values);
    f.p = (const unsigned char *)line;
    f.end = f.p + n;
    f.decoded = decoded;
    fast_ws(&f);
    if (f.p >= f.end || *f.p != '{')
        return 0;
    f.p++;
    if (!fast_members(&f, 0))
        return 0;
    fast_ws(&f);
    if (f.p != f.end)
        return 0;
    strbuf_clear(decoded);
    if (strbuf_reserve(decoded, n + 1) != 0)
        return 0;
    memset(rec, 0, sizeof *rec);
    enum { L_ID, L_DATE, L_OUTLET, L_URL, L_TITLE, L_TEXT, L_AUTHOR, L_LANG };
    rec->id = fast_string_field(&f, L_ID);
    rec->outlet = fast_string_field(&f, L_OUTLET);
    rec->url = fast_string_field(&f, L_URL);
    rec->lang = fast_string_field(&f, L_LANG);
    rec->author = fast_string_field(&f, L_AUTHOR);
    const fast_value *dv = fast_field(&f, L_DATE);
    if (dv) {
        rec_field d = fast_decode(&f, dv);
        if (ingest_parse_date(d.s ? d.s : "", d.len, &rec->days) == 0) {
            rec->date_state = DATE_READ;
        } else {
            rec->date_state = DATE_UNREADABLE; /* shown the way jansson writes it */
            json_t *js = json_stringn(d.s ? d.s : "", d.len);
            rec->date_shown = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
            json_decref(js);
        }
    }
    rec->title = fast_string_field(&f, L_TITLE);
    rec->text = fast_string_field(&f, L_TEXT);
    return 1;
}

/* ---- from fields to a document ---------------------------------------------- */

/* scratch = "name:line" (every record's name; without printf, which cost
   more than the rest of building the document). */
static void name_line(strbuf *scratch, const char *name, long line)
{
    char digits[24];
    size_t n = sizeof digits;
    unsigned long v = line < 0 ? 0UL - (unsigned long)line : (unsigned long)line;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (line < 0)
        digits[--n] = '-';
    strbuf_clear(scratch);
    strbuf_puts(scratch, name);
    strbuf_putc(scratch, ':');
    strbuf_append(scratch, digits + n, sizeof digits - n);
}

/* Build the document for one record; returns it or NULL (reported). */
static document *record_to_document(ingest_parser *p, const record *rec,
                                    const ingest_record *ln, diag_sink *diags)
{
    const char *name = ln->name;
    strbuf *scratch = &p->scratch;
    document *doc = document_new();
    if (!doc)
        return NULL;
    doc->source_name = document_strndup(doc, name, strlen(name));
    doc->source_line = ln->line;
    if (rec->id.s) {
        doc->id = document_strndup(doc, rec->id.s, rec->id.len);
    } else {
        name_line(scratch, name, ln->line);
        doc->id = document_strndup(doc, scratch->data, scratch->len);
    }
    if (rec->outlet.s)
        doc->outlet = document_strndup(doc, rec->outlet.s, rec->outlet.len);
    if (rec->url.s)
        doc->url = document_strndup(doc, rec->url.s, rec->url.len);
    if (rec->lang.s)
        doc->lang = document_strndup(doc, rec->lang.s, rec->lang.len);
    if (rec->author.s)
        doc->author = document_strndup(doc, rec->author.s, rec->author.len);

    if (rec->date_state == DATE_READ) {
        doc->published = rec->days;
    } else if (rec->date_state == DATE_UNREADABLE) {
        diag_report(diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                    "unknown date %.80s: document kept without a date",
                    rec->date_shown ? rec->date_shown : "?");
    }

    size_t title_len = rec->title.len, text_len = rec->text.len;
    const char *title = rec->title.s;
    if (title)
        title = document_strndup(doc, title, title_len);
    const char *text = rec->text.s;
    if (!text) {
        if (!title) {
            diag_report(diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                        "record has no text and no title: skipped");
            document_free(doc);
            return NULL;
        }
        diag_report(diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                    "record has no text: coding its title only");
        text = "";
    }
    /* diagnostics about the text name the record */
    name_line(scratch, name, ln->line);
    int rc = p->opt.keep_boilerplate
                 ? ingest_plain_article(doc, title, title_len, text, text_len, scratch->data, diags)
                 : ingest_clean_article_in(&p->clean, doc, title, title_len, text, text_len,
                                           scratch->data, diags);
    if (rc != 0) {
        diag_report(diags, DIAG_ERROR, name, ln->line, (long long)ln->offset,
                    "out of memory: record skipped");
        document_free(doc);
        return NULL;
    }
    if (doc->text_len == 0) {
        diag_report(diags, DIAG_WARNING, name, ln->line, (long long)ln->offset,
                    "record has no text left after cleaning: skipped");
        document_free(doc);
        return NULL;
    }
    return doc;
}

int ingest_parse_jsonl(ingest_parser *pr, const ingest_record *rec, diag_sink *diags,
                       document **out)
{
    const char *p = rec->bytes;
    size_t n = rec->len;
    unsigned long bad = 0, controls = 0;
    long long first_bad = -1, first_control = -1;
    if (repair_line(p, n, &pr->fixed, &bad, &first_bad, &controls, &first_control)) {
        long long base = (long long)rec->offset + (long long)rec->lead;
        if (bad)
            diag_report(diags, DIAG_WARNING, rec->name, rec->line, base + first_bad,
                        "%lu invalid UTF-8 sequence%s replaced by U+FFFD", bad,
                        bad == 1 ? "" : "s");
        if (controls)
            diag_report(diags, DIAG_WARNING, rec->name, rec->line, base + first_control,
                        "%lu NUL or control byte%s dropped", controls, controls == 1 ? "" : "s");
        p = pr->fixed.data ? pr->fixed.data : "";
        n = pr->fixed.len;
    }
    record fields;
    if (!pr->jsonl_no_fast && record_fast(p, n, &fields, &pr->decoded)) {
        pr->jsonl_fast_lines++;
        *out = record_to_document(pr, &fields, rec, diags);
        free(fields.date_shown);
        return *out ? 1 : 0;
    }
    json_error_t err;
    json_t *obj = json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!obj) {
        diag_report(diags, DIAG_WARNING, rec->name, rec->line, (long long)rec->offset + err.position,
                    "malformed JSON (%s, column %d): line skipped", err.text, err.column);
        return 0;
    }
    if (!json_is_object(obj)) {
        diag_report(diags, DIAG_WARNING, rec->name, rec->line, (long long)rec->offset,
                    "line is JSON but not an object: skipped");
        json_decref(obj);
        return 0;
    }
    json_bufs bufs;
    bufs.authors = pr->authors;
    record_from_json(obj, &fields, &bufs);
    pr->authors = bufs.authors;
    *out = record_to_document(pr, &fields, rec, diags);
    free(fields.date_shown);
    json_decref(obj);
    return *out ? 1 : 0;
}

/* The reader: lines -> records.  A line over the record limit and the cut-off
   tail of a truncated archive are the reader's; everything else about a line
   is the parser's. */
int ingest_read_jsonl(ingest_run *r, linereader *lr, const char *name)
{
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
        ingest_record rec = {INGEST_JSONL, name, 0, ln.line, ln.offset, (size_t)(p - ln.text),
                             p, n};
        ingest_emit(r, &rec);
    }
    return r->stop;
}
