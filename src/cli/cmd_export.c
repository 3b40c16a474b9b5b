/*
** cmd_export.c: `dyad export`: a database's events in the formats other tools
** read (GDELT 2.0 events and mentions, PLOVER, ICEWS, CSV) or its actor network
** (GraphML, DOT); see src/export/export.h for the formats.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_store.h"
#include "export/export.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "dev"
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad export --db FILE --format FMT [-o FILE] [FILTERS]\n"
            "\n"
            "Write the stored events in another system's format:\n"
            "  gdelt            GDELT 2.0 event table: 61 tab-separated columns, no header\n"
            "                   (--header adds one); geography columns are empty\n"
            "  gdelt-mentions   GDELT 2.0 mentions table: 16 columns, one row per mention,\n"
            "                   with character offsets of the actors and the action\n"
            "  plover           PLOVER/POLECAT JSON lines, with the first report's\n"
            "                   sentence (CAMEO 01 statements have no PLOVER category and\n"
            "                   are left out)\n"
            "  icews            ICEWS-like TSV, 20 columns, with a header\n"
            "  csv              one row per event, with a header\n"
            "  graphml          the actor network: actors as nodes, dyads as edges with\n"
            "                   events, mentions, mean Goldstein, events per quad class\n"
            "  dot              the same network for Graphviz (dot -Tsvg)\n"
            "\n"
            "      --db FILE         the database (required)\n"
            "  -f, --format FMT      one of the formats above (required)\n"
            "  -o, --output FILE     write to FILE instead of standard output\n"
            "      --header          a header line for gdelt and gdelt-mentions\n"
            "  -n, --limit N         at most N events (networks: N dyads)\n"
            "  -h, --help            this help\n"
            "\n" CLI_FILTER_HELP
            "\n"
            "examples:\n"
            "  dyad export --db dyad.db --format gdelt -o events.tsv\n"
            "  dyad export --db dyad.db --format dot --actor KOR | dot -Tsvg > kor.svg\n");
}

int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"header", no_argument, NULL, 'H'},
        {"limit", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        CLI_FILTER_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *out_path = NULL;
    int have_format = 0;
    export_format fmt = EXPORT_GDELT;
    export_options eo = {0, "dyad " DYAD_VERSION};
    event_filter f = event_filter_all();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:n:h", longopts, NULL)) != -1) {
        int handled = cli_filter_option("export", c, optarg, &f);
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (c) {
        case 'D': db = optarg; break;
        case 'f':
            if (export_format_parse(optarg, &fmt) != 0) {
                fprintf(stderr, "dyad export: unknown format '%s' (gdelt, gdelt-mentions, plover, "
                                "icews, csv, graphml, dot)\n", optarg);
                return EXIT_USAGE;
            }
            have_format = 1;
            break;
        case 'o': out_path = optarg; break;
        case 'H': eo.header = 1; break;
        case 'n': {
            long n = cli_parse_count(optarg);
            if (n < 0) {
                fprintf(stderr, "dyad export: --limit: expected a positive number\n");
                return EXIT_USAGE;
            }
            f.limit = (uint64_t)n;
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "dyad export: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    if (!have_format) {
        fprintf(stderr, "dyad export: --format is required (gdelt, gdelt-mentions, plover, "
                        "icews, csv, graphml, dot)\n");
        return EXIT_USAGE;
    }
    diag_sink diags;
    cli_diag_init(&diags);
    store *s = cli_open_read("export", db, &diags);
    if (!s)
        return db ? EXIT_FAILED : EXIT_USAGE;
    FILE *out = stdout;
    if (out_path && !(out = fopen(out_path, "w"))) {
        perror(out_path);
        store_close(s);
        return EXIT_FAILED;
    }
    int rc = export_store(s, fmt, &f, &eo, out, &diags);
    store_close(s);
    if (out != stdout && fclose(out) != 0)
        rc = -1;
    return rc != 0 ? EXIT_FAILED : EXIT_OK;
}
