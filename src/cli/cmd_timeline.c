/*
** cmd_timeline.c: `dyad timeline`: events per day, week or month (usually of
** one dyad), with mentions and mean Goldstein score.  Empty periods between
** the first and the last are listed with zeros, so the series can be plotted
** as it is; the table draws a bar per period.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_store.h"
#include "util/civil_date.h"
#include "util/vec.h"

typedef struct period {
    int32_t day;                /* first day of the period */
    int64_t events, mentions, quad[5];
    double goldstein;           /* mean over events; 0 when none */
} period;

typedef struct timeline {
    VEC(period) rows;
    time_bucket bucket;
    int oom;
} timeline;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad timeline --db FILE [--source X] [--target Y] [--by day|week|month]\n"
            "                     [FILTERS] [--format table|csv|json]\n"
            "\n"
            "Events per period: count, mentions, mean Goldstein score and events per quad\n"
            "class (VC verbal cooperation, MC material cooperation, VX verbal conflict,\n"
            "MX material conflict).  Usually for one dyad (--source and --target; codes\n"
            "are prefixes, so USA includes USAGOV: add --exact for the codes alone), but\n"
            "any filter works.\n"
            "Weeks start on Monday; every period from the first to the last is listed.\n"
            "\n"
            "      --db FILE         the database (required)\n"
            "  -b, --by UNIT         day, week (default) or month\n"
            "  -f, --format FMT      table (default), csv, or json (one object per line)\n"
            "  -h, --help            this help\n"
            "\n" CLI_FILTER_HELP
            "\n"
            "example:\n"
            "  dyad timeline --db dyad.db --source USA --target CHN --by month\n");
}

static int32_t next_period(int32_t day, time_bucket b)
{
    if (b == BUCKET_DAY)
        return day + 1;
    if (b == BUCKET_WEEK)
        return day + 7;
    int y, m, d;
    days_to_civil(day, &y, &m, &d);
    return m == 12 ? civil_to_days(y + 1, 1, 1) : civil_to_days(y, m + 1, 1);
}

static int keep(void *ctx, const timeline_row *r)
{
    timeline *t = ctx;
    period p;
    memset(&p, 0, sizeof p);
    if (civil_parse(r->period, strlen(r->period), &p.day) != 0)
        return 0;
    /* fill the gap since the previous period */
    while (t->rows.len && next_period(vec_last(&t->rows)->day, t->bucket) < p.day) {
        period empty;
        memset(&empty, 0, sizeof empty);
        empty.day = next_period(vec_last(&t->rows)->day, t->bucket);
        if (vec_push(&t->rows, empty) != 0)
            goto oom;
    }
    p.events = r->num_events;
    p.mentions = r->num_mentions;
    p.goldstein = r->mean_goldstein;
    memcpy(p.quad, r->quad, sizeof p.quad);
    if (vec_push(&t->rows, p) != 0)
        goto oom;
    return 0;
oom:
    t->oom = 1;
    return 1;
}

static void print_rows(const timeline *t, cli_format fmt)
{
    int64_t max = 1;
    for (size_t i = 0; i < t->rows.len; i++)
        if (t->rows.items[i].events > max)
            max = t->rows.items[i].events;
    if (fmt == FMT_TABLE)
        printf("%-10s %7s %8s %9s  %4s %4s %4s %4s\n", "PERIOD", "EVENTS", "MENTIONS", "GOLDSTEIN",
               "VC", "MC", "VX", "MX");
    else if (fmt == FMT_CSV)
        printf("period,events,mentions,mean_goldstein,verbal_coop,material_coop,"
               "verbal_conflict,material_conflict\n");
    for (size_t i = 0; i < t->rows.len; i++) {
        const period *p = &t->rows.items[i];
        char day[11];
        civil_format(p->day, day);
        if (fmt == FMT_TABLE) {
            printf("%-10s %7lld %8lld ", day, (long long)p->events, (long long)p->mentions);
            if (p->events)
                printf("%+9.2f", p->goldstein);
            else
                printf("%9s", "");
            printf("  %4lld %4lld %4lld %4lld  ", (long long)p->quad[1], (long long)p->quad[2],
                   (long long)p->quad[3], (long long)p->quad[4]);
            int bar = (int)((p->events * 40 + max - 1) / max);
            for (int k = 0; k < bar; k++)
                putchar('#');
            putchar('\n');
        } else if (fmt == FMT_CSV) {
            printf("%s,%lld,%lld,%.3f,%lld,%lld,%lld,%lld\n", day, (long long)p->events,
                   (long long)p->mentions, p->goldstein, (long long)p->quad[1],
                   (long long)p->quad[2], (long long)p->quad[3], (long long)p->quad[4]);
        } else {
            printf("{\"period\":\"%s\",\"events\":%lld,\"mentions\":%lld,\"mean_goldstein\":%.3f,"
                   "\"quad\":[%lld,%lld,%lld,%lld]}\n",
                   day, (long long)p->events, (long long)p->mentions, p->goldstein,
                   (long long)p->quad[1], (long long)p->quad[2], (long long)p->quad[3],
                   (long long)p->quad[4]);
        }
    }
}

int cmd_timeline(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'D'},
        {"by", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        CLI_FILTER_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    cli_format fmt = FMT_TABLE;
    timeline t;
    memset(&t, 0, sizeof t);
    t.bucket = BUCKET_WEEK;
    event_filter f = event_filter_all();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "b:f:h", longopts, NULL)) != -1) {
        int handled = cli_filter_option("timeline", c, optarg, &f);
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (c) {
        case 'D': db = optarg; break;
        case 'b':
            if (!strcmp(optarg, "day"))
                t.bucket = BUCKET_DAY;
            else if (!strcmp(optarg, "week"))
                t.bucket = BUCKET_WEEK;
            else if (!strcmp(optarg, "month"))
                t.bucket = BUCKET_MONTH;
            else {
                fprintf(stderr, "dyad timeline: --by: day, week or month, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if (cli_parse_format(optarg, &fmt) != 0) {
                fprintf(stderr, "dyad timeline: unknown format '%s' (table, csv, json)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "dyad timeline: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    diag_sink diags;
    cli_diag_init(&diags);
    store *s = cli_open_read("timeline", db, &diags);
    if (!s)
        return db ? EXIT_FAILED : EXIT_USAGE;
    int rc = store_timeline(s, &f, t.bucket, keep, &t);
    store_close(s);
    if (t.oom) {
        fprintf(stderr, "dyad timeline: out of memory\n");
        vec_free(&t.rows);
        return EXIT_FAILED;
    }
    if (rc == 0)
        print_rows(&t, fmt);
    vec_free(&t.rows);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "dyad timeline: write failed\n");
        return EXIT_FAILED;
    }
    return rc != 0 ? EXIT_FAILED : EXIT_OK;
}
