/*
** cmd_query.c: `dyad query`: events from a database, filtered, with their
** evidence on request.
**
** Formats: a table for people (with --mentions, every mention under its
** event: document, sentence with the source {marked}, the verb <marked> and
** the target [marked], and the dictionary lines and pattern behind the code),
** CSV (one row per event, or per mention with --mentions), and JSON lines (one
** object per event, with a "mentions" array under --mentions).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_store.h"
#include "export/export.h"

typedef struct query_run {
    store *s;
    cli_format format;
    int mentions;
    long events;
    int failed;
} query_run;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad query --db FILE [FILTERS] [--format table|csv|json] [--mentions]\n"
            "\n"
            "Events stored by `dyad code --db FILE`, one per (date, source, target, code),\n"
            "with how many mentions, articles and independent sources report each.\n"
            "\n"
            "      --db FILE         the database (required)\n"
            "  -f, --format FMT      table (default), csv, or json (one object per line)\n"
            "  -m, --mentions        show the evidence: every mention of each event, its\n"
            "                        document and sentence with {source} <verb> [target]\n"
            "                        marked, and the dictionary entries and pattern\n"
            "  -n, --limit N         at most N events\n"
            "      --by-evidence     best-attested events first (default: by date)\n"
            "  -h, --help            this help\n"
            "\n" CLI_FILTER_HELP
            "\n"
            "examples:\n"
            "  dyad query --db dyad.db --actor KOR --mentions\n"
            "  dyad query --db dyad.db --source USA --target CHN --root 11 --from 2023-01\n"
            "  dyad query --db dyad.db --quad material-conflict --format csv > conflict.csv\n");
}

/* ---- mentions under an event -------------------------------------------- */

static int table_mention(void *ctx, const mention_row *m)
{
    (void)ctx;
    printf("      %s, sentence %lld", m->doc, (long long)m->sentence_no);
    if (m->outlet[0] || m->published[0])
        printf(" (%s%s%s)", m->outlet, m->outlet[0] && m->published[0] ? ", " : "", m->published);
    char flags[128];
    export_flag_names(m->flags, flags, sizeof flags);
    if (flags[0])
        printf(" [%s]", flags);
    if (m->modality)
        printf(" [%s]", export_modality_name(m->modality));
    printf("\n        \"");
    cli_print_marked(stdout, m);
    printf("\"\n");
    if (m->src.entry[0])
        printf("        source %s: %s%s%s\n", m->source, m->src.entry,
               m->src.agent_entry[0] ? " + " : "", m->src.agent_entry);
    if (m->tgt.entry[0])
        printf("        target %s: %s%s%s\n", m->target, m->tgt.entry,
               m->tgt.agent_entry[0] ? " + " : "", m->tgt.agent_entry);
    if (m->pattern[0])
        printf("        pattern: %s\n", m->pattern);
    else if (m->verb.entry[0])
        printf("        verb: %s\n", m->verb.entry);
    return ferror(stdout) ? -1 : 0;
}

static int csv_mention(void *ctx, const mention_row *m)
{
    const event_row *e = ctx;
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)e->id);
    cli_csv(stdout, num, ',');
    cli_csv(stdout, e->date, ',');
    cli_csv(stdout, e->source, ',');
    cli_csv(stdout, e->target, ',');
    cli_csv(stdout, e->code, ',');
    snprintf(num, sizeof num, "%.1f", e->goldstein);
    cli_csv(stdout, num, ',');
    cli_csv(stdout, m->doc, ',');
    snprintf(num, sizeof num, "%lld", (long long)m->sentence_no);
    cli_csv(stdout, num, ',');
    cli_csv(stdout, m->src.text, ',');
    cli_csv(stdout, m->verb.text, ',');
    cli_csv(stdout, m->tgt.text, ',');
    cli_csv(stdout, m->sentence, ',');
    cli_csv(stdout, m->pattern, '\n');
    return ferror(stdout) ? -1 : 0;
}

typedef struct json_list {
    int n;
} json_list;

static void json_field(const char *key, const char *value, int comma)
{
    printf("%s\"%s\":", comma ? "," : "", key);
    cli_json_string(stdout, value);
}

static void json_span(const char *name, const span_row *s)
{
    printf(",\"%s_text\":", name);
    cli_json_string(stdout, s->text);
    if (s->start >= 0)
        printf(",\"%s_span\":[%lld,%lld]", name, (long long)s->start, (long long)s->end);
    else
        printf(",\"%s_span\":null", name);
}

static int json_mention(void *ctx, const mention_row *m)
{
    json_list *l = ctx;
    char flags[128];
    export_flag_names(m->flags, flags, sizeof flags);
    printf("%s{\"id\":%lld", l->n++ ? "," : "", (long long)m->id);
    json_field("doc", m->doc, 1);
    json_field("outlet", m->outlet, 1);
    json_field("url", m->url, 1);
    json_field("published", m->published, 1);
    printf(",\"sentence\":%lld", (long long)m->sentence_no);
    json_field("sentence_text", m->sentence, 1);
    json_field("date", m->date, 1);
    json_field("modality", export_modality_name(m->modality), 1);
    printf(",\"flags\":[");
    for (char *p = flags, *comma; *p; p = comma ? comma + 1 : p + strlen(p)) {
        comma = strchr(p, ',');
        printf("%s\"%.*s\"", p == flags ? "" : ",", (int)(comma ? comma - p : (long)strlen(p)), p);
    }
    printf("]");
    printf(",\"confidence\":%.2f", m->confidence);
    json_span("source", &m->src);
    json_span("target", &m->tgt);
    json_span("verb", &m->verb);
    json_field("source_entry", m->src.entry, 1);
    json_field("source_agent_entry", m->src.agent_entry, 1);
    json_field("target_entry", m->tgt.entry, 1);
    json_field("target_agent_entry", m->tgt.agent_entry, 1);
    json_field("verb_entry", m->verb.entry, 1);
    json_field("pattern", m->pattern, 1);
    json_field("dictionary_version", m->dictionary_version, 1);
    printf("}");
    return ferror(stdout) ? -1 : 0;
}

static int for_mentions(query_run *r, const event_row *e, store_mention_fn fn, void *ctx)
{
    event_filter one = event_filter_all();
    one.event_id = e->id;
    return store_mentions(r->s, &one, fn, ctx);
}

/* ---- events ------------------------------------------------------------- */

static void table_header(void)
{
    printf("%6s  %-10s  %-12s  %-12s  %-5s  %-34s %5s %4s %4s %4s\n", "ID", "DATE", "SOURCE",
           "TARGET", "CODE", "EVENT", "GOLD", "MEN", "ART", "SRC");
}

static int table_event(query_run *r, const event_row *e)
{
    printf("%6lld  %-10s  ", (long long)e->id, e->date);
    cli_pad(stdout, e->source[0] ? e->source : "-", 12);
    printf("  ");
    cli_pad(stdout, e->target[0] ? e->target : "-", 12);
    printf("  %-5s  ", e->code);
    cli_pad(stdout, e->code_name[0] ? e->code_name : "?", 34);
    printf(" %+5.1f %4lld %4lld %4lld\n", e->goldstein, (long long)e->num_mentions,
           (long long)e->num_articles, (long long)e->num_sources);
    if (r->mentions) {
        if (e->source_name[0] || e->target_name[0])
            printf("      %s -> %s\n", e->source_name[0] ? e->source_name : e->source,
                   e->target_name[0] ? e->target_name : (e->target[0] ? e->target : "-"));
        if (for_mentions(r, e, table_mention, NULL) != 0)
            return -1;
        printf("\n");
    }
    return 0;
}

static const char *const CSV_EVENT_MENTION_COLUMNS =
    "event_id,date,source,target,event_code,goldstein,doc,sentence,source_text,verb_text,"
    "target_text,sentence_text,pattern\n";

static int json_event(query_run *r, const event_row *e)
{
    printf("{\"id\":%lld", (long long)e->id);
    json_field("date", e->date, 1);
    json_field("source", e->source, 1);
    json_field("source_name", e->source_name, 1);
    json_field("target", e->target, 1);
    json_field("target_name", e->target_name, 1);
    json_field("code", e->code, 1);
    json_field("name", e->code_name, 1);
    json_field("base", e->base, 1);
    json_field("root", e->root, 1);
    printf(",\"quad_class\":%d,\"goldstein\":%.1f,\"num_mentions\":%lld,\"num_articles\":%lld,"
           "\"num_sources\":%lld,\"num_historical\":%lld,\"avg_tone\":%.4f,\"is_root\":%d",
           e->quad_class, e->goldstein, (long long)e->num_mentions, (long long)e->num_articles,
           (long long)e->num_sources, (long long)e->num_historical, e->avg_tone, e->is_root);
    json_field("first_seen", e->first_seen, 1);
    json_field("source_url", e->first_url[0] ? e->first_url : e->first_doc, 1);
    if (r->mentions) {
        printf(",\"mentions\":[");
        json_list l = {0};
        if (for_mentions(r, e, json_mention, &l) != 0)
            return -1;
        printf("]");
    }
    printf("}\n");
    return 0;
}

static int csv_event(const event_row *e)
{
    char num[64];
    snprintf(num, sizeof num, "%lld", (long long)e->id);
    cli_csv(stdout, num, ',');
    cli_csv(stdout, e->date, ',');
    cli_csv(stdout, e->source, ',');
    cli_csv(stdout, e->source_name, ',');
    cli_csv(stdout, e->target, ',');
    cli_csv(stdout, e->target_name, ',');
    cli_csv(stdout, e->code, ',');
    cli_csv(stdout, e->code_name, ',');
    snprintf(num, sizeof num, "%d", e->quad_class);
    cli_csv(stdout, num, ',');
    snprintf(num, sizeof num, "%.1f", e->goldstein);
    cli_csv(stdout, num, ',');
    snprintf(num, sizeof num, "%lld,%lld,%lld", (long long)e->num_mentions,
             (long long)e->num_articles, (long long)e->num_sources);
    fputs(num, stdout);
    fputc(',', stdout);
    snprintf(num, sizeof num, "%.4f", e->avg_tone);
    cli_csv(stdout, num, ',');
    cli_csv(stdout, e->first_url[0] ? e->first_url : e->first_doc, '\n');
    return 0;
}

static int on_event(void *ctx, const event_row *e)
{
    query_run *r = ctx;
    r->events++;
    int rc;
    if (r->format == FMT_TABLE)
        rc = table_event(r, e);
    else if (r->format == FMT_JSON)
        rc = json_event(r, e);
    else if (r->mentions)
        rc = for_mentions(r, e, csv_mention, (void *)e);
    else
        rc = csv_event(e);
    if (rc != 0 || ferror(stdout)) {
        r->failed = 1;
        return 1;
    }
    return 0;
}

int cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"mentions", no_argument, NULL, 'm'},
        {"limit", required_argument, NULL, 'n'},
        {"by-evidence", no_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},
        CLI_FILTER_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    query_run r = {0};
    event_filter f = event_filter_all();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:mn:h", longopts, NULL)) != -1) {
        int handled = cli_filter_option("query", c, optarg, &f);
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (c) {
        case 'D': db = optarg; break;
        case 'f':
            if (cli_parse_format(optarg, &r.format) != 0) {
                fprintf(stderr, "dyad query: unknown format '%s' (table, csv, json)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm': r.mentions = 1; break;
        case 'n': {
            long n = cli_parse_count(optarg);
            if (n < 0) {
                fprintf(stderr, "dyad query: --limit: expected a positive number\n");
                return EXIT_USAGE;
            }
            f.limit = (uint64_t)n;
            break;
        }
        case 'E': f.order = STORE_BY_EVIDENCE; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "dyad query: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    diag_sink diags;
    cli_diag_init(&diags);
    r.s = cli_open_read("query", db, &diags);
    if (!r.s)
        return db ? EXIT_FAILED : EXIT_USAGE;
    if (r.format == FMT_TABLE)
        table_header();
    else if (r.format == FMT_CSV)
        fputs(r.mentions ? CSV_EVENT_MENTION_COLUMNS
                         : "id,date,source,source_name,target,target_name,event_code,event_name,"
                           "quad_class,goldstein,num_mentions,num_articles,num_sources,avg_tone,"
                           "source_url\n",
              stdout);
    int rc = store_events(r.s, &f, on_event, &r);
    store_close(r.s);
    if (r.format == FMT_TABLE && !r.failed && rc == 0)
        fprintf(stderr, "%ld event%s\n", r.events, r.events == 1 ? "" : "s");
    if (fflush(stdout) != 0 || r.failed) {
        fprintf(stderr, "dyad query: write failed\n");
        return EXIT_FAILED;
    }
    return rc < 0 ? EXIT_FAILED : EXIT_OK;
}
