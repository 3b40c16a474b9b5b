/*
** cmd_summary.c: `dyad summary`: what a database holds, for a person who has
** just coded something (`make demo` ends here): the counts, the most active
** dyads with their commonest event types, the most active actors and event
** types, the best-attested events with the sentences that report them, and
** the commands to dig further.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_store.h"

typedef struct summary {
    store *s;
    const char *db;
    long dyads_shown;
    char first_dyad[2][ACTOR_CODE_MAX];
    int failed;
} summary;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad summary --db FILE [--top N] [--events N]\n"
            "\n"
            "A readable overview of a database written by `dyad code --db FILE`: counts,\n"
            "the most active dyads, actors and event types, and the best-attested events\n"
            "with the sentences that report them ({source} <verb> [target] marked).\n"
            "\n"
            "      --db FILE         the database (required)\n"
            "  -n, --top N           rows in each ranking (default 8)\n"
            "  -e, --events N        events shown with their evidence (default 3)\n"
            "  -h, --help            this help\n");
}

static const char *plural(int64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* ---- rankings ----------------------------------------------------------- */

/* A codebook name without GDELT's ", not specified below" tail. */
static void short_name(const char *name, char *out, size_t cap)
{
    static const char tail[] = ", not specified below";
    size_t n = strlen(name), t = sizeof tail - 1;
    if (n > t && !strcmp(name + n - t, tail))
        n -= t;
    snprintf(out, cap, "%.*s", (int)n, name);
}

static int print_code_inline(void *ctx, const ranked_row *r)
{
    int *n = ctx;
    char name[128];
    short_name(r->name[0] ? r->name : "?", name, sizeof name);
    printf("%s%s %s (%lld)", (*n)++ ? ", " : "", r->key, name, (long long)r->num_mentions);
    return 0;
}

static int print_dyad(void *ctx, const dyad_row *d)
{
    summary *sm = ctx;
    if (sm->dyads_shown++ == 0) {
        snprintf(sm->first_dyad[0], ACTOR_CODE_MAX, "%s", d->source);
        snprintf(sm->first_dyad[1], ACTOR_CODE_MAX, "%s", d->target);
    }
    char pair[2 * ACTOR_CODE_MAX + 8];
    snprintf(pair, sizeof pair, "%s -> %s", d->source, d->target);
    printf("  ");
    cli_pad(stdout, pair, 24);
    printf(" %5lld %8lld  %+6.2f   %s -> %s\n", (long long)d->num_events,
           (long long)d->num_mentions, d->mean_goldstein,
           d->source_name[0] ? d->source_name : d->source,
           d->target_name[0] ? d->target_name : d->target);
    printf("        ");
    event_filter f = event_filter_all();
    f.source = d->source;
    f.target = d->target;
    f.exact = 1;
    f.limit = 3;
    int n = 0;
    if (store_top_codes(sm->s, &f, print_code_inline, &n) < 0)
        return -1;
    printf("\n");
    return 0;
}

static int print_ranked(void *ctx, const ranked_row *r)
{
    (void)ctx;
    char name[128];
    short_name(r->name, name, sizeof name);
    printf("  ");
    cli_pad(stdout, r->key, 24);
    printf(" %5lld %8lld   %s\n", (long long)r->num_events, (long long)r->num_mentions, name);
    return 0;
}

/* ---- events with evidence ----------------------------------------------- */

static int print_evidence(void *ctx, const mention_row *m)
{
    int *shown = ctx;
    if ((*shown)++ >= 2)
        return 0;       /* two reports per event are enough here */
    printf("     %s, sentence %lld%s%s%s:\n       \"", m->doc, (long long)m->sentence_no,
           m->outlet[0] ? " (" : "", m->outlet, m->outlet[0] ? ")" : "");
    cli_print_marked(stdout, m);
    printf("\"\n");
    return 0;
}

static int print_event(void *ctx, const event_row *e)
{
    summary *sm = ctx;
    char name[128];
    short_name(e->code_name[0] ? e->code_name : "?", name, sizeof name);
    printf("  #%lld %s  %s -> %s  %s %s  (Goldstein %+.1f)\n", (long long)e->id, e->date,
           e->source[0] ? e->source : "-", e->target[0] ? e->target : "-", e->code, name,
           e->goldstein);
    printf("     %lld %s in %lld %s from %lld independent %s\n", (long long)e->num_mentions,
           plural(e->num_mentions, "mention", "mentions"), (long long)e->num_articles,
           plural(e->num_articles, "article", "articles"), (long long)e->num_sources,
           plural(e->num_sources, "source", "sources"));
    event_filter one = event_filter_all();
    one.event_id = e->id;
    int shown = 0;
    if (store_mentions(sm->s, &one, print_evidence, &shown) < 0)
        return -1;
    if (shown > 2)
        printf("     ... and %d more (dyad query --db %s --mentions --source %s --target %s "
               "--code %s --exact)\n",
               shown - 2, sm->db, e->source, e->target[0] ? e->target : "?", e->code);
    return 0;
}

/* ---- the page ----------------------------------------------------------- */

static void print_counts(const summary *sm, const store_counts *c)
{
    printf("%s: %lld %s", sm->db, (long long)c->documents,
           plural(c->documents, "document", "documents"));
    if (c->clusters != c->documents)
        printf(" (%lld distinct %s; %lld %s of another)", (long long)c->clusters,
               plural(c->clusters, "story", "stories"), (long long)(c->documents - c->clusters),
               plural(c->documents - c->clusters, "is a near-copy", "are near-copies"));
    printf(", %lld event %s -> %lld %s\n", (long long)c->mentions,
           plural(c->mentions, "mention", "mentions"), (long long)c->events,
           plural(c->events, "event", "events"));
    if (c->events)
        printf("  event dates %s .. %s; %lld %s, %lld %s, %lld event %s\n", c->first_date,
               c->last_date, (long long)c->dyads, plural(c->dyads, "dyad", "dyads"),
               (long long)c->actors, plural(c->actors, "actor", "actors"), (long long)c->codes,
               plural(c->codes, "type", "types"));
    if (c->first_added[0])
        printf("  coded %.10s%s%.10s with %lld dictionary %s\n", c->first_added,
               strncmp(c->first_added, c->last_added, 10) ? " .. " : "",
               strncmp(c->first_added, c->last_added, 10) ? c->last_added : "",
               (long long)c->dictionary_versions,
               plural(c->dictionary_versions, "version", "versions"));
    int64_t held = c->mentions - c->aggregated;
    if (held)
        printf("  %lld %s kept but not counted as events: %lld negated, %lld historical "
               "without a date%s\n",
               (long long)held, plural(held, "mention", "mentions"), (long long)c->negated,
               (long long)c->undated_historical,
               held > c->negated + c->undated_historical ? ", others without a code" : "");
    if (c->dated_by_ingest)
        printf("  %lld %s dated by the day %s coded: neither the text nor the document gave "
               "a date (dyad code --date sets one)\n",
               (long long)c->dated_by_ingest, plural(c->dated_by_ingest, "mention", "mentions"),
               plural(c->dated_by_ingest, "it was", "they were"));
    if (c->historical)
        printf("  %lld historical %s dated in the past by the text\n", (long long)c->historical,
               plural(c->historical, "mention", "mentions"));
}

int cmd_summary(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'D'},
        {"top", required_argument, NULL, 'n'},
        {"events", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    summary sm;
    memset(&sm, 0, sizeof sm);
    long top = 8, events = 3;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'D': sm.db = optarg; break;
        case 'n':
        case 'e': {
            long n = cli_parse_count(optarg);
            if (n < 0) {
                fprintf(stderr, "dyad summary: -%c: expected a positive number\n", c);
                return EXIT_USAGE;
            }
            *(c == 'n' ? &top : &events) = n;
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "dyad summary: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    diag_sink diags;
    cli_diag_init(&diags);
    sm.s = cli_open_read("summary", sm.db, &diags);
    if (!sm.s)
        return sm.db ? EXIT_FAILED : EXIT_USAGE;

    store_counts counts;
    int rc = store_counts_get(sm.s, &counts);
    if (rc == 0)
        print_counts(&sm, &counts);
    if (rc == 0 && counts.events == 0)
        printf("\nNo events yet: code some news with `dyad code --db %s FILES`.\n", sm.db);
    event_filter f = event_filter_all();
    f.limit = (uint64_t)top;
    if (rc == 0 && counts.dyads) {
        printf("\nMost active dyads          events mentions  Goldstein   names\n"
               "        (and their commonest event types, with mentions)\n");
        rc = store_dyads(sm.s, &f, print_dyad, &sm);
    }
    if (rc == 0 && counts.events) {
        printf("\nMost active actors         events mentions   name\n");
        rc = store_top_actors(sm.s, &f, print_ranked, &sm);
    }
    if (rc == 0 && counts.events) {
        printf("\nCommonest event types      events mentions   CAMEO name\n");
        rc = store_top_codes(sm.s, &f, print_ranked, &sm);
    }
    if (rc == 0 && counts.events) {
        printf("\nBest-attested events, with their evidence ({source} <verb> [target]):\n");
        event_filter best = event_filter_all();
        best.order = STORE_BY_EVIDENCE;
        best.limit = (uint64_t)events;
        rc = store_events(sm.s, &best, print_event, &sm);
    }
    if (rc == 0 && counts.events) {
        printf("\nDig further:\n"
               "  dyad query --db %s --actor %s --mentions    events of an actor, with evidence\n"
               "  dyad dyads --db %s --top 20    the most active dyads\n",
               sm.db, sm.dyads_shown ? sm.first_dyad[0] : "KOR", sm.db);
        if (sm.dyads_shown)
            printf("  dyad timeline --db %s --source %s --target %s --by week\n", sm.db,
                   sm.first_dyad[0], sm.first_dyad[1]);
        printf("  dyad export --db %s --format gdelt -o events.tsv   (or plover, icews, csv, "
               "graphml, dot)\n",
               sm.db);
    }
    store_close(sm.s);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "dyad summary: write failed\n");
        return EXIT_FAILED;
    }
    return rc != 0 ? EXIT_FAILED : EXIT_OK;
}
