/*
** export.c: format names, the store-export driver and its shared helpers
** (export_internal.h).  Rows are built in one line buffer and written with
** one fwrite each; a failed write is reported once and ends the export.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"

static const char *const FORMAT_NAMES[] = {
    [EXPORT_GDELT] = "gdelt",     [EXPORT_GDELT_MENTIONS] = "gdelt-mentions",
    [EXPORT_PLOVER] = "plover",   [EXPORT_ICEWS] = "icews",
    [EXPORT_CSV] = "csv",         [EXPORT_GRAPHML] = "graphml",
    [EXPORT_DOT] = "dot",
};

int export_format_parse(const char *name, export_format *out)
{
    for (size_t i = 0; i < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]; i++)
        if (!strcmp(name, FORMAT_NAMES[i])) {
            *out = (export_format)i;
            return 0;
        }
    return -1;
}

const char *export_format_name(export_format f)
{
    return (size_t)f < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] ? FORMAT_NAMES[f] : "?";
}

void ex_flush(exporter *x)
{
    if (!x->failed && x->line.len && fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len) {
        diag_report(x->diags, DIAG_ERROR, NULL, 0, -1, "export: write failed");
        x->failed = 1;
    }
    strbuf_clear(&x->line);
}

void ex_tsv(exporter *x, const char *s)
{
    if (s)
        strbuf_tsv_escape(&x->line, s, strlen(s));
    strbuf_putc(&x->line, '\t');
}

void ex_tsvf(exporter *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&x->line, fmt, ap);
    va_end(ap);
    strbuf_putc(&x->line, '\t');
}

void ex_end_line(exporter *x)
{
    if (x->line.len && x->line.data[x->line.len - 1] == '\t')
        x->line.data[x->line.len - 1] = '\n';
    else
        strbuf_putc(&x->line, '\n');
    ex_flush(x);
}

void ex_csv(exporter *x, const char *s)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\r\n")) {
        strbuf_putc(&x->line, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                strbuf_putc(&x->line, '"');
            strbuf_putc(&x->line, *p);
        }
        strbuf_putc(&x->line, '"');
    } else {
        strbuf_puts(&x->line, s);
    }
    strbuf_putc(&x->line, ',');
}

void ex_compact_date(const char *iso, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = iso; *p && n + 1 < cap; p++)
        if (*p >= '0' && *p <= '9')
            out[n++] = *p;
    out[n] = '\0';
}

/* ---- actor names -------------------------------------------------------- */

static int keep_name(void *ctx, const ranked_row *r)
{
    exporter *x = ctx;
    name_entry *grown = realloc(x->names, (x->n_names + 1) * sizeof *grown);
    if (!grown)
        return -1;
    x->names = grown;
    grown[x->n_names].code = strdup(r->key);
    grown[x->n_names].name = strdup(r->name);
    if (!grown[x->n_names].code || !grown[x->n_names].name)
        return -1;
    x->n_names++;
    return 0;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const name_entry *)a)->code, ((const name_entry *)b)->code);
}

int ex_load_names(exporter *x)
{
    event_filter all = event_filter_all();
    if (store_top_actors(x->s, &all, keep_name, x) != 0)
        return -1;
    qsort(x->names, x->n_names, sizeof *x->names, by_code);
    return 0;
}

const char *ex_name_of(const exporter *x, const char *code)
{
    name_entry key = {(char *)code, NULL};
    const name_entry *e = x->n_names ? bsearch(&key, x->names, x->n_names, sizeof *x->names, by_code)
                                     : NULL;
    return e && e->name[0] ? e->name : NULL;
}

/* ---- the driver --------------------------------------------------------- */

int export_store(store *s, export_format fmt, const event_filter *f, const export_options *opt,
                 FILE *out, diag_sink *diags)
{
    static const export_options defaults = {0, "dyad"};
    event_filter all = event_filter_all();
    exporter x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.f = f ? f : &all;
    x.opt = opt ? opt : &defaults;
    x.out = out;
    x.diags = diags;
    int r;
    switch (fmt) {
    case EXPORT_GDELT: r = export_gdelt_events(&x); break;
    case EXPORT_GDELT_MENTIONS: r = export_gdelt_mentions(&x); break;
    case EXPORT_PLOVER: r = export_plover(&x); break;
    case EXPORT_ICEWS: r = export_icews(&x); break;
    case EXPORT_CSV: r = export_csv(&x); break;
    case EXPORT_GRAPHML: r = export_graphml(&x); break;
    case EXPORT_DOT: r = export_dot(&x); break;
    default: r = -1; break;
    }
    ex_flush(&x);
    if (fflush(out) != 0 && !x.failed) {
        diag_report(diags, DIAG_ERROR, NULL, 0, -1, "export: write failed");
        x.failed = 1;
    }
    if (x.skipped)
        diag_report(diags, DIAG_NOTE, NULL, 0, -1,
                    "export: %ld events have no %s equivalent and were left out", x.skipped,
                    export_format_name(fmt));
    for (size_t i = 0; i < x.n_names; i++) {
        free(x.names[i].code);
        free(x.names[i].name);
    }
    free(x.names);
    strbuf_free(&x.line);
    return r != 0 || x.failed ? -1 : 0;
}
