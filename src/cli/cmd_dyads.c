/*
** cmd_dyads.c: `dyad dyads`: the most active (source, target) pairs, with their
** event and mention counts, mean Goldstein score and cooperation/conflict
** balance (events per quad class).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_store.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad dyads --db FILE [--top N] [FILTERS] [--format table|csv|json]\n"
            "\n"
            "The most active dyads (source -> target) among the stored events, most events\n"
            "first: events, mentions, articles, mean Goldstein score (-10 conflict .. +10\n"
            "cooperation) and events per quad class (verbal coop / material coop / verbal\n"
            "conflict / material conflict: VC MC VX MX).\n"
            "\n"
            "      --db FILE         the database (required)\n"
            "  -n, --top N           this many dyads (default 20)\n"
            "  -f, --format FMT      table (default), csv, or json (one object per line)\n"
            "  -h, --help            this help\n"
            "\n" CLI_FILTER_HELP
            "\n"
            "examples:\n"
            "  dyad dyads --db dyad.db --top 10\n"
            "  dyad dyads --db dyad.db --actor KOR --quad verbal-conflict\n");
}

static int on_dyad(void *ctx, const dyad_row *d)
{
    const cli_format *fmt = ctx;
    if (*fmt == FMT_TABLE) {
        cli_pad(stdout, d->source, 12);
        printf(" -> ");
        cli_pad(stdout, d->target, 12);
        printf(" %6lld %8lld %+9.2f  %4lld %4lld %4lld %4lld  %s .. %s  ", (long long)d->num_events,
               (long long)d->num_mentions, d->mean_goldstein, (long long)d->quad[1],
               (long long)d->quad[2], (long long)d->quad[3], (long long)d->quad[4], d->first_date,
               d->last_date);
        printf("%s -> %s\n", d->source_name[0] ? d->source_name : d->source,
               d->target_name[0] ? d->target_name : d->target);
    } else if (*fmt == FMT_CSV) {
        cli_csv(stdout, d->source, ',');
        cli_csv(stdout, d->source_name, ',');
        cli_csv(stdout, d->target, ',');
        cli_csv(stdout, d->target_name, ',');
        printf("%lld,%lld,%lld,%.3f,%lld,%lld,%lld,%lld,%s,%s\n", (long long)d->num_events,
               (long long)d->num_mentions, (long long)d->num_articles, d->mean_goldstein,
               (long long)d->quad[1], (long long)d->quad[2], (long long)d->quad[3],
               (long long)d->quad[4], d->first_date, d->last_date);
    } else {
        printf("{\"source\":");
        cli_json_string(stdout, d->source);
        printf(",\"source_name\":");
        cli_json_string(stdout, d->source_name);
        printf(",\"target\":");
        cli_json_string(stdout, d->target);
        printf(",\"target_name\":");
        cli_json_string(stdout, d->target_name);
        printf(",\"events\":%lld,\"mentions\":%lld,\"articles\":%lld,\"mean_goldstein\":%.3f,"
               "\"quad\":[%lld,%lld,%lld,%lld],\"first_date\":\"%s\",\"last_date\":\"%s\"}\n",
               (long long)d->num_events, (long long)d->num_mentions, (long long)d->num_articles,
               d->mean_goldstein, (long long)d->quad[1], (long long)d->quad[2],
               (long long)d->quad[3], (long long)d->quad[4], d->first_date, d->last_date);
    }
    return ferror(stdout) ? 1 : 0;
}

int cmd_dyads(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'D'},
        {"top", required_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        CLI_FILTER_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    cli_format fmt = FMT_TABLE;
    event_filter f = event_filter_all();
    f.limit = 20;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:f:h", longopts, NULL)) != -1) {
        int handled = cli_filter_option("dyads", c, optarg, &f);
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (c) {
        case 'D': db = optarg; break;
        case 'n': {
            long n = cli_parse_count(optarg);
            if (n < 0) {
                fprintf(stderr, "dyad dyads: --top: expected a positive number\n");
                return EXIT_USAGE;
            }
            f.limit = (uint64_t)n;
            break;
        }
        case 'f':
            if (cli_parse_format(optarg, &fmt) != 0) {
                fprintf(stderr, "dyad dyads: unknown format '%s' (table, csv, json)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "dyad dyads: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    diag_sink diags;
    cli_diag_init(&diags);
    store *s = cli_open_read("dyads", db, &diags);
    if (!s)
        return db ? EXIT_FAILED : EXIT_USAGE;
    if (fmt == FMT_TABLE)
        printf("%-12s    %-12s %6s %8s %9s  %4s %4s %4s %4s  %-24s  %s\n", "SOURCE", "TARGET",
               "EVENTS", "MENTIONS", "GOLDSTEIN", "VC", "MC", "VX", "MX", "DATES", "NAMES");
    else if (fmt == FMT_CSV)
        printf("source,source_name,target,target_name,events,mentions,articles,mean_goldstein,"
               "verbal_coop,material_coop,verbal_conflict,material_conflict,first_date,"
               "last_date\n");
    int rc = store_dyads(s, &f, on_dyad, &fmt);
    store_close(s);
    if (fflush(stdout) != 0 || rc > 0) {
        fprintf(stderr, "dyad dyads: write failed\n");
        return EXIT_FAILED;
    }
    return rc < 0 ? EXIT_FAILED : EXIT_OK;
}
