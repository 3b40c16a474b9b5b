/*
** export_internal.h: what the store exporters share (not part of the API): a
** line buffer with write-error tracking, field helpers, and the actor-name map.
*/
#ifndef DYAD_EXPORT_INTERNAL_H
#define DYAD_EXPORT_INTERNAL_H

#include "export/export.h"

typedef struct name_entry {
    char *code, *name;
} name_entry;

typedef struct exporter {
    store *s;
    const event_filter *f;
    const export_options *opt;
    FILE *out;
    diag_sink *diags;
    strbuf line;
    int failed;                 /* a write or memory error happened */
    long skipped;               /* rows a format could not express */
    name_entry *names;          /* actor code -> display name, sorted */
    size_t n_names;
} exporter;

/* Write the line buffer out and clear it. */
void ex_flush(exporter *x);

/* TSV fields: escaped text and a tab (the last field of a line ends with '\n'
   through ex_end_line, which replaces the final tab). */
void ex_tsv(exporter *x, const char *s);
void ex_tsvf(exporter *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ex_end_line(exporter *x);

/* A CSV field (RFC 4180 quoting when needed) and a comma. */
void ex_csv(exporter *x, const char *s);

/* Load every actor name the store knows (for country names); 0 or -1. */
int ex_load_names(exporter *x);
const char *ex_name_of(const exporter *x, const char *code);

/* "2023-01-29" -> "20230129"; "2023-01-29T08:15:00Z" -> "20230129081500". */
void ex_compact_date(const char *iso, char *out, size_t cap);

int export_gdelt_events(exporter *x);
int export_gdelt_mentions(exporter *x);
int export_icews(exporter *x);
int export_csv(exporter *x);
int export_plover(exporter *x);
int export_graphml(exporter *x);
int export_dot(exporter *x);

#endif
