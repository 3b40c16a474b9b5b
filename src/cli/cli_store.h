/*
** cli_store.h: what the read-side commands (summary, query, dyads, timeline,
** export) share: opening a database read-only, the event filter options, and
** text layout helpers for tables (UTF-8 aware padding, marked-up evidence).
**
** Read commands need no dictionary: names, Goldstein weights and quad classes
** come from the database, which keeps the codebook rows and actor names seen
** when the documents were coded.
*/
#ifndef DYAD_CLI_STORE_H
#define DYAD_CLI_STORE_H

#include <getopt.h>
#include <stdio.h>

#include "store/store.h"

/* Long-option values of the filter options (above any short option). */
enum {
    OPT_ACTOR = 1000,
    OPT_SOURCE,
    OPT_TARGET,
    OPT_CODE,
    OPT_ROOT,
    OPT_QUAD,
    OPT_FROM,
    OPT_TO,
    OPT_EXACT,
    OPT_FILTER_END
};

#define CLI_FILTER_LONG_OPTIONS                                                        \
    {"actor", required_argument, NULL, OPT_ACTOR},                                     \
        {"source", required_argument, NULL, OPT_SOURCE},                               \
        {"target", required_argument, NULL, OPT_TARGET},                               \
        {"code", required_argument, NULL, OPT_CODE},                                   \
        {"root", required_argument, NULL, OPT_ROOT},                                   \
        {"quad", required_argument, NULL, OPT_QUAD},                                   \
        {"from", required_argument, NULL, OPT_FROM},                                   \
        {"to", required_argument, NULL, OPT_TO},                                       \
        {"exact", no_argument, NULL, OPT_EXACT}

#define CLI_FILTER_HELP                                                                \
    "filters (all optional, combined with AND):\n"                                     \
    "      --actor CODE      source or target actor code starts with CODE\n"           \
    "                        (KOR matches KOR, KORGOV, KORMIL...)\n"                   \
    "      --source CODE     source actor code starts with CODE\n"                     \
    "      --target CODE     target actor code starts with CODE\n"                     \
    "      --exact           actor codes must match whole (KOR is only KOR)\n"         \
    "      --code CODE       CAMEO event code starts with CODE (04, 042)\n"            \
    "      --root RR         CAMEO root code (01..20)\n"                               \
    "      --quad Q          quad class: 1 verbal-coop, 2 material-coop,\n"            \
    "                        3 verbal-conflict, 4 material-conflict (number or name)\n" \
    "      --from DATE       events on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)\n"   \
    "      --to DATE         events on or before DATE (same forms; YYYY-MM = its end)\n"

/* Handle a filter option; returns 1 when handled, 0 when opt is not a filter
   option, -1 on a bad value (reported as "dyad CMD: ..."). */
int cli_filter_option(const char *cmd, int opt, const char *arg, event_filter *f);

/* Open a database for reading; NULL after printing why. */
store *cli_open_read(const char *cmd, const char *path, diag_sink *diags);

/* A diag_sink printing to stderr. */
void cli_diag_init(diag_sink *sink);

/* Parse "table", "csv", "json"; -1 when unknown. */
typedef enum cli_format { FMT_TABLE, FMT_CSV, FMT_JSON } cli_format;
int cli_parse_format(const char *s, cli_format *out);

/* A positive count ("--top 20"); -1 when not one. */
long cli_parse_count(const char *s);

/* Print s left-aligned in width columns (UTF-8 characters), cut with "~" when
   longer. */
void cli_pad(FILE *out, const char *s, int width);

/* Print a sentence with the source marked {..}, the verb <..> and the target
   [..] (spans are document byte offsets; the sentence starts at
   sentence_start; spans outside it or overlapping are left unmarked). */
void cli_print_marked(FILE *out, const mention_row *m);

/* A CSV field and its separator (sep is ',' or '\n'). */
void cli_csv(FILE *out, const char *s, char sep);

/* A JSON string (with quotes). */
void cli_json_string(FILE *out, const char *s);

#endif
