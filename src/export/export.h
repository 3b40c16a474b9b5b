/*
** export.h: dyad's output formats.
**
** Two kinds of writers:
**
**  - per mention, for `dyad code` standard output: one JSON object or one TSV
**    line per mention with all of its evidence.  They take the document, the
**    mention and a codebook lookup, and append to a strbuf, so the caller
**    decides when to write (cmd_code writes each document's lines in input
**    order).
**
**  - per store, for `dyad export`: the event table as GDELT 2.0 events (61
**    columns), GDELT 2.0 mentions (16 columns), PLOVER JSONL, ICEWS-like TSV (20
**    columns), CSV, and the actor network as GraphML or DOT.  Column orders
**    are those of ../shared/formats/EXPORTS.md; what dyad does not know
**    (geography, ethnicity, and the like) is left empty, or 0 where the format
**    has a numeric "none" (GDELT's Geo_Type).
**
** Conventions dyad keeps in every format: event codes are strings ("042"),
** Goldstein has one decimal as in the codebook, quad classes are GDELT's
** grouping (1 verbal cooperation .. 4 material conflict), tabs and newlines
** inside TSV fields are escaped (\t \n, strbuf_tsv_escape).
*/
#ifndef DYAD_EXPORT_H
#define DYAD_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "coder/mention.h"
#include "events/cameo.h"
#include "events/events.h"
#include "ingest/document.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/strbuf.h"

/* ---- per mention -------------------------------------------------------- */

/* One JSON object and a newline.  Fields: doc, outlet, url, published,
   sentence (0-based, the title first), date, date_basis, source, target, code,
   base, root, name, quad_class, goldstein, modality, flags (names), confidence,
   for each of source/target/verb: *_text and *_span [start, end) in bytes of
   the document text, source_entry, source_agent_entry, target_entry,
   target_agent_entry, verb_entry, pattern, sentence_span, sentence_text.
   Absent values are null.  Returns 0, or -1 on out of memory. */
int export_mention_jsonl(strbuf *out, const document *doc, const event_mention *m,
                         const codebook_lookup *cb);

/* TSV: the header line, and one line per mention (columns as named in
   export_mention_tsv_columns; spans in bytes, -1 when absent). */
extern const char *const export_mention_tsv_columns[];
extern const size_t export_mention_tsv_ncolumns;
int export_mention_tsv_header(strbuf *out);
int export_mention_tsv(strbuf *out, const document *doc, const event_mention *m,
                       const codebook_lookup *cb);

/* The names of a mention's flags ("title,paired"), "" for none, into out. */
void export_flag_names(unsigned flags, char *out, size_t cap);
const char *export_modality_name(int mod);
const char *export_date_basis_name(int basis);

/* ---- per store ---------------------------------------------------------- */

typedef enum export_format {
    EXPORT_GDELT = 0,       /* GDELT 2.0 event table, 61 tab-separated columns */
    EXPORT_GDELT_MENTIONS,  /* GDELT 2.0 mentions table, 16 columns */
    EXPORT_PLOVER,          /* PLOVER/POLECAT JSON lines */
    EXPORT_ICEWS,           /* ICEWS Dataverse-like TSV, 20 columns */
    EXPORT_CSV,             /* one row per event, with a header */
    EXPORT_GRAPHML,         /* actor network */
    EXPORT_DOT              /* actor network for Graphviz */
} export_format;

/* "gdelt", "gdelt-mentions", "plover", "icews", "csv", "graphml", "dot". */
int export_format_parse(const char *name, export_format *out);
const char *export_format_name(export_format f);

typedef struct export_options {
    int header;             /* TSV formats: 1 = write a header line (GDELT files have
                               none; ICEWS and CSV always have one) */
    const char *coder;      /* for PLOVER "coder": "dyad 0.1.0" */
} export_options;

/* Write the events (or mentions, or network) of s that match f to out.
   Returns 0, -1 on a store or write error (reported to diags). */
int export_store(store *s, export_format fmt, const event_filter *f, const export_options *opt,
                 FILE *out, diag_sink *diags);

/* Column names, in order, as EXPORTS.md gives them. */
extern const char *const export_gdelt_event_columns[];
extern const size_t export_gdelt_event_ncolumns;          /* 61 */
extern const char *const export_gdelt_mention_columns[];
extern const size_t export_gdelt_mention_ncolumns;        /* 16 */
extern const char *const export_icews_columns[];
extern const size_t export_icews_ncolumns;                /* 20 */
extern const char *const export_csv_columns[];
extern const size_t export_csv_ncolumns;

#endif
