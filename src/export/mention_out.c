/*
** mention_out.c: the per-mention writers for `dyad code` standard output
** (JSON lines and TSV); see export.h.  Everything a reader needs to check a
** code is on the line: the codes, the spanned words, the sentence, and the
** dictionary lines and pattern that produced it.
*/
#include <stdio.h>
#include <string.h>

#include "export/export.h"
#include "util/civil_date.h"

static const char *const flag_names[] = {"paired", "passive", "compound", "coref",
                                         "historical", "negated", "title", "default_actor"};

void export_flag_names(unsigned flags, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++) {
        if (!(flags & (1u << i)))
            continue;
        int w = snprintf(out + n, cap - n, "%s%s", n ? "," : "", flag_names[i]);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
}

const char *export_modality_name(int mod)
{
    switch (mod) {
    case MOD_ASSERTED: return "asserted";
    case MOD_INTENDED: return "intended";
    case MOD_CONDITIONAL: return "conditional";
    case MOD_REPORTED: return "reported";
    }
    return "unknown";
}

const char *export_date_basis_name(int basis)
{
    switch (basis) {
    case DATE_FROM_ARTICLE: return "article";
    case DATE_FROM_TEXT: return "text";
    case DATE_NONE: return "none";
    }
    return "unknown";
}

/* After the last append of a line: on failure, drop the partial line. */
static int finish(strbuf *out, size_t before, int last)
{
    if (last == 0)
        return 0;
    out->len = before;
    if (out->data)
        out->data[before] = '\0';
    return -1;
}

static int span_ok(const document *doc, span s)
{
    return s.end > s.start && s.end <= doc->text_len;
}

/* Decimal digits without printf (a line has a dozen numbers and keys, and
   printf's parsing was most of the writers' time). */
static void put_uint(strbuf *sb, unsigned long v)
{
    char buf[24];
    size_t n = sizeof buf;
    do {
        buf[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_append(sb, buf + n, sizeof buf - n);
}

static void put_int(strbuf *sb, long v)
{
    if (v < 0) {
        strbuf_putc(sb, '-');
        put_uint(sb, 0UL - (unsigned long)v);
    } else {
        put_uint(sb, (unsigned long)v);
    }
}

/* ---- JSON --------------------------------------------------------------- */

/* ,"<key><suffix>": */
static void json_key2(strbuf *sb, const char *key, const char *suffix)
{
    strbuf_append(sb, ",\"", 2);
    strbuf_puts(sb, key);
    strbuf_puts(sb, suffix);
    strbuf_append(sb, "\":", 2);
}

static void json_key(strbuf *sb, const char *key)
{
    json_key2(sb, key, "");
}

static void json_value(strbuf *sb, const char *s, size_t len)
{
    if (!s) {
        strbuf_puts(sb, "null");
        return;
    }
    strbuf_putc(sb, '"');
    strbuf_json_escape(sb, s, len);
    strbuf_putc(sb, '"');
}

static void json_cstr(strbuf *sb, const char *key, const char *s)
{
    json_key(sb, key);
    json_value(sb, s, s ? strlen(s) : 0);
}

static void json_span(strbuf *sb, const char *name, const document *doc, span s)
{
    json_key2(sb, name, "_text");
    if (span_ok(doc, s))
        json_value(sb, doc->text + s.start, s.end - s.start);
    else
        json_value(sb, NULL, 0);
    json_key2(sb, name, "_span");
    if (span_ok(doc, s)) {
        strbuf_putc(sb, '[');
        put_uint(sb, s.start);
        strbuf_putc(sb, ',');
        put_uint(sb, s.end);
        strbuf_putc(sb, ']');
    } else {
        strbuf_puts(sb, "null");
    }
}

/* The date a mention is about, as far as the mention and document tell. */
static void mention_day(const document *doc, const event_mention *m, char out[11])
{
    int32_t d = m->date != DATE_UNKNOWN ? m->date : doc->published;
    if (d == DATE_UNKNOWN)
        out[0] = '\0';
    else
        civil_format(d, out);
}

int export_mention_jsonl(strbuf *out, const document *doc, const event_mention *m,
                         const codebook_lookup *cb)
{
    size_t before = out->len;
    const codebook_entry *e = codebook_find(cb, m->code);
    char root[3], base[4], day[11], published[11], flags[128];
    event_code_parts(m->code, root, base);
    mention_day(doc, m, day);
    if (doc->published != DATE_UNKNOWN)
        civil_format(doc->published, published);
    export_flag_names(m->flags, flags, sizeof flags);

    strbuf_puts(out, "{\"doc\":");
    strbuf_putc(out, '"');
    strbuf_json_escape(out, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
    strbuf_putc(out, '"');
    json_cstr(out, "outlet", doc->outlet);
    json_cstr(out, "url", doc->url);
    json_cstr(out, "published", doc->published != DATE_UNKNOWN ? published : NULL);
    strbuf_puts(out, ",\"sentence\":");
    put_uint(out, m->sentence);
    json_cstr(out, "date", day[0] ? day : NULL);
    json_cstr(out, "date_basis", export_date_basis_name(m->date_basis));
    json_cstr(out, "source", m->source.code[0] ? m->source.code : NULL);
    json_cstr(out, "target", m->target.code[0] ? m->target.code : NULL);
    json_cstr(out, "code", m->code);
    json_cstr(out, "base", base);
    json_cstr(out, "root", root);
    json_cstr(out, "name", e ? e->name : NULL);
    int quad = e ? e->quad_class : quad_class_of_root(root);
    strbuf_puts(out, ",\"quad_class\":");
    if (quad)
        put_int(out, quad);
    else
        strbuf_puts(out, "null");
    if (e)
        strbuf_printf(out, ",\"goldstein\":%.1f", e->goldstein);
    else
        strbuf_puts(out, ",\"goldstein\":null");
    json_cstr(out, "modality", export_modality_name(m->modality));
    strbuf_puts(out, ",\"flags\":[");
    for (char *p = flags; *p;) {
        char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (p != flags)
            strbuf_putc(out, ',');
        strbuf_putc(out, '"');
        strbuf_append(out, p, len);
        strbuf_putc(out, '"');
        p += len + (comma ? 1 : 0);
    }
    strbuf_putc(out, ']');
    strbuf_printf(out, ",\"confidence\":%.2f", m->confidence);
    json_span(out, "source", doc, m->source.text);
    json_cstr(out, "source_entry", m->source.entry);
    json_cstr(out, "source_agent_entry", m->source.agent_entry);
    json_span(out, "target", doc, m->target.text);
    json_cstr(out, "target_entry", m->target.entry);
    json_cstr(out, "target_agent_entry", m->target.agent_entry);
    json_span(out, "verb", doc, m->verb_text);
    json_cstr(out, "verb_entry", m->verb_entry);
    json_cstr(out, "pattern", m->pattern);
    json_span(out, "sentence", doc, m->sentence_text);
    return finish(out, before, strbuf_puts(out, "}\n"));
}

/* ---- TSV ---------------------------------------------------------------- */

const char *const export_mention_tsv_columns[] = {
    "doc", "sentence", "date", "source", "target", "code", "root", "quad_class", "goldstein",
    "modality", "flags", "confidence", "source_text", "verb_text", "target_text",
    "source_start", "source_end", "target_start", "target_end", "verb_start", "verb_end",
    "source_entry", "target_entry", "verb_entry", "pattern", "sentence_text",
};
const size_t export_mention_tsv_ncolumns =
    sizeof export_mention_tsv_columns / sizeof export_mention_tsv_columns[0];

int export_mention_tsv_header(strbuf *out)
{
    for (size_t i = 0; i < export_mention_tsv_ncolumns; i++) {
        strbuf_puts(out, export_mention_tsv_columns[i]);
        strbuf_putc(out, i + 1 < export_mention_tsv_ncolumns ? '\t' : '\n');
    }
    return out->data ? 0 : -1;
}

static void tsv_field(strbuf *sb, const char *s, size_t len)
{
    if (s)
        strbuf_tsv_escape(sb, s, len);
    strbuf_putc(sb, '\t');
}

static void tsv_cstr(strbuf *sb, const char *s)
{
    tsv_field(sb, s, s ? strlen(s) : 0);
}

static void tsv_span_text(strbuf *sb, const document *doc, span s)
{
    if (span_ok(doc, s))
        tsv_field(sb, doc->text + s.start, s.end - s.start);
    else
        tsv_field(sb, NULL, 0);
}

static void tsv_span_bounds(strbuf *sb, const document *doc, span s)
{
    if (span_ok(doc, s)) {
        put_uint(sb, s.start);
        strbuf_putc(sb, '\t');
        put_uint(sb, s.end);
        strbuf_putc(sb, '\t');
    } else
        strbuf_puts(sb, "-1\t-1\t");
}

int export_mention_tsv(strbuf *out, const document *doc, const event_mention *m,
                       const codebook_lookup *cb)
{
    size_t before = out->len;
    const codebook_entry *e = codebook_find(cb, m->code);
    char root[3], base[4], day[11], flags[128];
    event_code_parts(m->code, root, base);
    mention_day(doc, m, day);
    export_flag_names(m->flags, flags, sizeof flags);

    tsv_cstr(out, doc->id);
    put_uint(out, m->sentence);
    strbuf_putc(out, '\t');
    tsv_cstr(out, day);
    tsv_cstr(out, m->source.code);
    tsv_cstr(out, m->target.code);
    tsv_cstr(out, m->code);
    tsv_cstr(out, root);
    int quad = e ? e->quad_class : quad_class_of_root(root);
    if (quad)
        put_int(out, quad);
    strbuf_putc(out, '\t');
    if (e)
        strbuf_printf(out, "%.1f", e->goldstein);
    strbuf_putc(out, '\t');
    tsv_cstr(out, export_modality_name(m->modality));
    tsv_cstr(out, flags);
    strbuf_printf(out, "%.2f\t", m->confidence);
    tsv_span_text(out, doc, m->source.text);
    tsv_span_text(out, doc, m->verb_text);
    tsv_span_text(out, doc, m->target.text);
    tsv_span_bounds(out, doc, m->source.text);
    tsv_span_bounds(out, doc, m->target.text);
    tsv_span_bounds(out, doc, m->verb_text);
    tsv_cstr(out, m->source.entry);
    tsv_cstr(out, m->target.entry);
    tsv_cstr(out, m->verb_entry);
    tsv_cstr(out, m->pattern);
    if (span_ok(doc, m->sentence_text))
        strbuf_tsv_escape(out, doc->text + m->sentence_text.start,
                          m->sentence_text.end - m->sentence_text.start);
    return finish(out, before, strbuf_putc(out, '\n'));
}
