/*
** cmd_eval.c: `dyad eval`: accuracy against a gold set, with the errors shown.
**
** Codes the gold set's documents, then scores them exactly as the gold set's
** scorer does (../shared/corpus/dev/score.py: per-document multiset matching at
** three levels, micro-averaged; the principal actor is the country code, or an
** organisation's code without its role suffixes) and prints precision, recall
** and F1 at each level and recall per root code.  With --errors it lists, per
** document, the text, the gold events, and what dyad coded: the working view
** for improving the coder's mechanisms.  `make accuracy` runs the official
** scorer instead; the two agree.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/dicts.h"
#include "coder/pool.h"
#include "ingest/ingest.h"
#include "util/civil_date.h"

#define MAX_EVENTS 64

typedef struct ev {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX], code[EVENT_CODE_MAX];
    char evidence[160];
} ev;

typedef struct gold_doc {
    char id[64];
    ev gold[MAX_EVENTS], pred[MAX_EVENTS];
    size_t n_gold, n_pred;
    char *text;
    int seen;
} gold_doc;

typedef struct eval_run {
    gold_doc *docs;
    size_t n;
    coder_pool *pool;
} eval_run;

static void principal(const char *a, char *out)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "REB", "OPP", "REL", "BUS",
                                        "MED", "EDU", "HLH", "LEG", "SPY", "CVL", "UAF", "ELI",
                                        "LAB", "AGR", "CRM", "REF", "INS", "RAD", "SEP", "MOD",
                                        "HRI", "ENV", "PTY", "MNC", "NGO", "IGO", "IMG", NULL};
    int org = !strncmp(a, "IGO", 3) || !strncmp(a, "NGO", 3) || !strncmp(a, "IMG", 3) ||
              !strncmp(a, "MNC", 3) || !strncmp(a, "NGM", 3);
    if (!org) {
        snprintf(out, 4, "%s", a);
        return;
    }
    char buf[ACTOR_CODE_MAX];
    snprintf(buf, sizeof buf, "%s", a);
    size_t n = strlen(buf);
    for (int changed = 1; changed && n > 6;) {
        changed = 0;
        for (const char *const *r = roles; *r; r++)
            if (!strcmp(buf + n - 3, *r)) {
                n -= 3;
                buf[n] = '\0';
                changed = 1;
                break;
            }
    }
    snprintf(out, ACTOR_CODE_MAX, "%s", buf);
}

enum { L_ROOT, L_DYAD, L_EXACT };

static void key_of(const ev *e, int level, char *out, size_t cap)
{
    char ps[ACTOR_CODE_MAX], pt[ACTOR_CODE_MAX];
    principal(e->source, ps);
    principal(e->target, pt);
    if (level == L_ROOT)
        snprintf(out, cap, "%s|%s|%.2s", ps, pt, e->code);
    else if (level == L_DYAD)
        snprintf(out, cap, "%s|%s", ps, pt);
    else
        snprintf(out, cap, "%s|%s|%s", e->source, e->target, e->code);
}

/* Multiset intersection size; matched_gold/pred mark which items matched. */
static size_t match(const gold_doc *d, int level, int *mg, int *mp)
{
    size_t tp = 0;
    char kg[96], kp[96];
    int used[MAX_EVENTS] = {0};
    for (size_t g = 0; g < d->n_gold; g++) {
        if (mg)
            mg[g] = 0;
        key_of(&d->gold[g], level, kg, sizeof kg);
        for (size_t p = 0; p < d->n_pred; p++) {
            if (used[p])
                continue;
            key_of(&d->pred[p], level, kp, sizeof kp);
            if (!strcmp(kg, kp)) {
                used[p] = 1;
                if (mg)
                    mg[g] = 1;
                tp++;
                break;
            }
        }
    }
    if (mp)
        for (size_t p = 0; p < d->n_pred; p++)
            mp[p] = used[p];
    return tp;
}

static void norm_code(const char *in, char *out)
{
    if (strlen(in) == 2)
        snprintf(out, EVENT_CODE_MAX, "%s0", in);
    else
        snprintf(out, EVENT_CODE_MAX, "%s", in);
}

static int load_gold(const char *path, eval_run *r)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dyad eval: cannot read %s\n", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            continue;
        const char *id = json_string_value(json_object_get(o, "doc"));
        if (!id)
            id = json_string_value(json_object_get(o, "id"));
        if (!id) {
            json_decref(o);
            continue;
        }
        gold_doc *d = realloc(r->docs, (r->n + 1) * sizeof *d);
        if (!d) {
            json_decref(o);
            break;
        }
        r->docs = d;
        d = &r->docs[r->n++];
        memset(d, 0, sizeof *d);
        snprintf(d->id, sizeof d->id, "%s", id);
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(o, "events"), k, e) {
            if (d->n_gold == MAX_EVENTS)
                break;
            ev *g = &d->gold[d->n_gold++];
            const char *s = json_string_value(json_object_get(e, "source"));
            const char *t = json_string_value(json_object_get(e, "target"));
            const char *c = json_string_value(json_object_get(e, "code"));
            const char *x = json_string_value(json_object_get(e, "evidence"));
            snprintf(g->source, sizeof g->source, "%s", s ? s : "");
            snprintf(g->target, sizeof g->target, "%s", t ? t : "");
            norm_code(c ? c : "", g->code);
            snprintf(g->evidence, sizeof g->evidence, "%s", x ? x : "");
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return 0;
}

static gold_doc *find_doc(eval_run *r, const char *id)
{
    for (size_t k = 0; k < r->n; k++)
        if (!strcmp(r->docs[k].id, id))
            return &r->docs[k];
    return NULL;
}

static int on_coded(void *ctx, const document *doc, const event_mention *m, size_t n)
{
    eval_run *r = ctx;
    gold_doc *d = find_doc(r, doc->id ? doc->id : "");
    if (!d)
        return 0;
    d->seen = 1;
    free(d->text);
    d->text = strndup(doc->text, doc->text_len);
    for (size_t k = 0; k < n && d->n_pred < MAX_EVENTS; k++) {
        ev *p = &d->pred[d->n_pred++];
        snprintf(p->source, sizeof p->source, "%s", m[k].source.code);
        snprintf(p->target, sizeof p->target, "%s", m[k].target.code);
        snprintf(p->code, sizeof p->code, "%s", m[k].code);
        snprintf(p->evidence, sizeof p->evidence, "%.*s",
                 (int)(m[k].verb_text.end - m[k].verb_text.start), doc->text + m[k].verb_text.start);
    }
    return 0;
}

static int on_document(void *ctx, document *doc)
{
    eval_run *r = ctx;
    if (!find_doc(r, doc->id ? doc->id : "")) {
        document_free(doc);
        return 0;
    }
    return coder_pool_submit(r->pool, doc) < 0 ? -1 : 0;
}

static void print_errors(const eval_run *r)
{
    for (size_t k = 0; k < r->n; k++) {
        const gold_doc *d = &r->docs[k];
        int mg[MAX_EVENTS], mp[MAX_EVENTS];
        size_t tp = match(d, L_ROOT, mg, mp);
        if (tp == d->n_gold && tp == d->n_pred)
            continue;
        printf("== %s  (%zu gold, %zu coded, %zu right at root level)\n", d->id, d->n_gold,
               d->n_pred, tp);
        if (d->text)
            printf("   %s\n", d->text);
        for (size_t g = 0; g < d->n_gold; g++)
            printf("   %s gold  %-10s %-10s %-5s  \"%s\"\n", mg[g] ? "ok  " : "MISS",
                   d->gold[g].source, d->gold[g].target, d->gold[g].code, d->gold[g].evidence);
        for (size_t p = 0; p < d->n_pred; p++)
            if (!mp[p])
                printf("   FALSE     %-10s %-10s %-5s  (verb \"%s\")\n", d->pred[p].source,
                       d->pred[p].target, d->pred[p].code, d->pred[p].evidence);
    }
}

static void print_scores(const eval_run *r)
{
    static const char *const names[] = {"root", "dyad", "exact"};
    double root_f1 = 0;
    printf("%-6s %5s %5s %5s  %9s %6s %6s\n", "level", "tp", "pred", "gold", "precision",
           "recall", "f1");
    for (int level = 0; level < 3; level++) {
        size_t tp = 0, np = 0, ng = 0;
        for (size_t k = 0; k < r->n; k++) {
            tp += match(&r->docs[k], level, NULL, NULL);
            np += r->docs[k].n_pred;
            ng += r->docs[k].n_gold;
        }
        double p = np ? (double)tp / np : 0, rc = ng ? (double)tp / ng : 0;
        double f = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
        if (level == L_ROOT)
            root_f1 = f;
        printf("%-6s %5zu %5zu %5zu  %9.3f %6.3f %6.3f\n", names[level], tp, np, ng, p, rc, f);
    }
    printf("\nrecall by root code (gold events, right):\n");
    for (int root = 1; root <= 20; root++) {
        char rs[3];
        snprintf(rs, sizeof rs, "%02d", root);
        size_t g = 0, hit = 0, pred = 0;
        for (size_t k = 0; k < r->n; k++) {
            const gold_doc *d = &r->docs[k];
            int mg[MAX_EVENTS], mp[MAX_EVENTS];
            match(d, L_ROOT, mg, mp);
            for (size_t q = 0; q < d->n_gold; q++)
                if (!strncmp(d->gold[q].code, rs, 2)) {
                    g++;
                    hit += (size_t)mg[q];
                }
            for (size_t q = 0; q < d->n_pred; q++)
                pred += !strncmp(d->pred[q].code, rs, 2);
        }
        if (g || pred)
            printf("  %s  gold %3zu  right %3zu  recall %.2f  coded %3zu\n", rs, g, hit,
                   g ? (double)hit / g : 0.0, pred);
    }
    printf("root_f1=%.3f\n", root_f1);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad eval [OPTIONS]\n"
            "\n"
            "Code a gold set of real news and score it (root, dyad and exact precision,\n"
            "recall and F1, and recall per root code), as ../shared/corpus/dev/score.py does.\n"
            "\n"
            "options:\n"
            "      --shared DIR      the shared reference folder (default ../shared)\n"
            "      --gold FILE       gold events (default SHARED/corpus/dev/gold.jsonl)\n"
            "      --corpus FILE     the documents (default SHARED/corpus/agnews-test.jsonl)\n"
            "      --date DATE       date for undated documents (default 2004-09-01: AG News)\n"
            "      --errors          list every document with a miss or a false event\n" DICT_OPTIONS_HELP
            "  -j, --threads N       coding threads\n"
            "  -h, --help            this help\n");
}

int cmd_eval(int argc, char **argv)
{
    enum { O_SHARED = 256, O_GOLD, O_CORPUS, O_DATE, O_ERRORS };
    static const struct option longopts[] = {
        {"shared", required_argument, NULL, O_SHARED}, {"gold", required_argument, NULL, O_GOLD},
        {"corpus", required_argument, NULL, O_CORPUS}, {"date", required_argument, NULL, O_DATE},
        {"errors", no_argument, NULL, O_ERRORS},        {"dict", required_argument, NULL, 'd'},
        {"threads", required_argument, NULL, 'j'},      {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *shared = "../shared", *gold = NULL, *corpus = NULL;
    int errors = 0, threads = 0, ch;
    int32_t date = civil_to_days(2004, 9, 1);
    dict_paths paths = {0};
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:j:h", longopts, NULL)) != -1) {
        switch (ch) {
        case O_SHARED: shared = optarg; break;
        case O_GOLD: gold = optarg; break;
        case O_CORPUS: corpus = optarg; break;
        case O_DATE:
            if (civil_parse(optarg, strlen(optarg), &date) != 0) {
                fprintf(stderr, "dyad eval: --date: not a date: %s\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_ERRORS: errors = 1; break;
        case 'd': dict_paths_add(&paths, optarg); break;
        case 'j': threads = atoi(optarg); break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    char gold_path[4096], corpus_path[4096];
    snprintf(gold_path, sizeof gold_path, "%s", gold ? gold : "");
    if (!gold)
        snprintf(gold_path, sizeof gold_path, "%s/corpus/dev/gold.jsonl", shared);
    snprintf(corpus_path, sizeof corpus_path, "%s", corpus ? corpus : "");
    if (!corpus)
        snprintf(corpus_path, sizeof corpus_path, "%s/corpus/agnews-test.jsonl", shared);
    eval_run r = {0};
    if (load_gold(gold_path, &r) != 0)
        return EXIT_FAILED;
    int verbose = 0;
    diag_sink diags = {cli_diag_fn, &verbose, {0}};
    loaded_dicts d;
    if (load_dictionaries(&paths, &d, &diags) != 0)
        return EXIT_FAILED;
    coder_options opt;
    coder_options_init(&opt);
    opt.default_date = date;
    r.pool = coder_pool_new(d.model, &opt, threads, on_coded, &r);
    ingest_options iopt = {0};
    iopt.default_date = date;
    ingest_stats st = {0};
    int rc = r.pool ? ingest_path(corpus_path, &iopt, on_document, &r, &diags, &st) : -1;
    if (r.pool)
        coder_pool_finish(r.pool);
    if (rc == 0) {
        if (errors)
            print_errors(&r);
        print_scores(&r);
    }
    coder_pool_free(r.pool);
    for (size_t k = 0; k < r.n; k++)
        free(r.docs[k].text);
    free(r.docs);
    unload_dictionaries(&d);
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}
