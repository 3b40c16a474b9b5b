/*
** cmd_conformance.c: `dyad conformance tabari|petrarch`: the validation suites.
**
**   tabari    TABARI 0.8's own validation suite (../shared/conformance/tabari):
**             its dictionaries (Validate.project), its records in order, the
**             { OPTION: ... } records applied to the running coder between
**             records as TABARI's validator does, and TABARI's strict rule
**             for a record (the expected events, in order, no more, no fewer;
**             {---} {###} {+++} mean no event; the date after the first block
**             while TIME SHIFT is on).  Prints the strict pass count and rate,
**             the plain-state subset (records that need no in-stream option)
**             and the failures by test family.
**   petrarch  PETRARCH-2's unit-test records (../shared/conformance/petrarch)
**             with the dictionaries they assume, coded by the TABARI rules
**             with the date of each record; scored per sentence on multisets
**             of (source, target, code): exact, code and dyad precision,
**             recall and F1, as that suite's score.py does.
**
** Both write predictions in the suite scorer's format with --output, so that
** the official scorers can be run on them (bench/conformance.sh does).  When
** the reference folder is absent the command says so and exits 0: the suites
** are reference data that a fresh checkout does not have.
*/
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/dicts.h"
#include "ingest/document.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

#define MAX_EV 64
#define MAX_FAMILIES 64

typedef struct triple {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX], code[EVENT_CODE_MAX], date[12];
} triple;

typedef struct family {
    char name[32];
    int checked, failed;
} family;

static int usage(FILE *f)
{
    fprintf(f,
            "usage: dyad conformance tabari|petrarch [options]\n"
            "  run a validation suite in-process and print its figures\n"
            "  --shared DIR      the reference folder (default ../shared)\n"
            "  --failures        list every failing record\n"
            "  -o, --output FILE write the predictions in the suite scorer's JSONL format\n"
            "  --rules tabari|dyad  the rules for the PETRARCH records (default tabari)\n"
            "  -h, --help\n");
    return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf sb = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (strbuf_append(&sb, buf, n) != 0) {
            fclose(f);
            strbuf_free(&sb);
            return NULL;
        }
    fclose(f);
    if (strbuf_putc(&sb, '\0') != 0) {
        strbuf_free(&sb);
        return NULL;
    }
    *len = sb.len - 1;
    return sb.data;
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static size_t events_of(json_t *arr, triple *out, size_t cap)
{
    size_t n = 0;
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (n == cap)
            break;
        snprintf(out[n].source, sizeof out[n].source, "%s", jstr(e, "source"));
        snprintf(out[n].target, sizeof out[n].target, "%s", jstr(e, "target"));
        snprintf(out[n].code, sizeof out[n].code, "%s", jstr(e, "code"));
        snprintf(out[n].date, sizeof out[n].date, "%s", jstr(e, "date"));
        n++;
    }
    return n;
}

static size_t mentions_to_triples(const mention_vec *mv, size_t from, int date_digits,
                                  triple *out, size_t cap)
{
    size_t n = 0;
    for (size_t k = from; k < mv->len && n < cap; k++, n++) {
        const event_mention *m = &mv->items[k];
        snprintf(out[n].source, sizeof out[n].source, "%s", m->source.code);
        snprintf(out[n].target, sizeof out[n].target, "%s", m->target.code);
        snprintf(out[n].code, sizeof out[n].code, "%s", m->code);
        out[n].date[0] = '\0';
        if (m->date != DATE_UNKNOWN) {
            char c8[9];
            civil_format_compact(m->date, c8);
            snprintf(out[n].date, sizeof out[n].date, "%s", date_digits == 8 ? c8 : c8 + 2);
        }
    }
    return n;
}

static void write_events(FILE *f, const char *key, const char *id_or_n, int quoted,
                         const triple *ev, size_t n, int with_date)
{
    strbuf sb = {0};
    strbuf_printf(&sb, "{\"%s\": ", key);
    if (quoted) {
        strbuf_putc(&sb, '"');
        strbuf_json_escape(&sb, id_or_n, strlen(id_or_n));
        strbuf_putc(&sb, '"');
    } else {
        strbuf_puts(&sb, id_or_n);
    }
    strbuf_puts(&sb, ", \"events\": [");
    for (size_t k = 0; k < n; k++) {
        strbuf_printf(&sb, "%s{\"source\": \"", k ? ", " : "");
        strbuf_json_escape(&sb, ev[k].source, strlen(ev[k].source));
        strbuf_puts(&sb, "\", \"target\": \"");
        strbuf_json_escape(&sb, ev[k].target, strlen(ev[k].target));
        strbuf_puts(&sb, "\", \"code\": \"");
        strbuf_json_escape(&sb, ev[k].code, strlen(ev[k].code));
        strbuf_puts(&sb, "\"");
        if (with_date && ev[k].date[0])
            strbuf_printf(&sb, ", \"date\": \"%s\"", ev[k].date);
        strbuf_puts(&sb, "}");
    }
    strbuf_puts(&sb, "]}\n");
    fwrite(sb.data, 1, sb.len, f);
    strbuf_free(&sb);
}

static void print_triples(FILE *f, const triple *ev, size_t n)
{
    if (!n)
        fprintf(f, "-");
    for (size_t k = 0; k < n; k++)
        fprintf(f, "%s%s/%s/%s", k ? " " : "", ev[k].source, ev[k].target, ev[k].code);
}

/* "PATTERN-12a" -> "PATTERN"; "1  ACTORSYN-01" -> "ACTORSYN". */
static void family_of(const char *id, char *out, size_t cap)
{
    const char *p = id;
    while (*p && !isalpha((unsigned char)*p))
        p++;
    size_t n = 0;
    while (p[n] && isalpha((unsigned char)p[n]) && n + 1 < cap)
        n++;
    snprintf(out, cap, "%.*s", (int)n, p);
}

static family *family_get(family *fs, int *nf, const char *name)
{
    for (int k = 0; k < *nf; k++)
        if (!strcmp(fs[k].name, name))
            return &fs[k];
    if (*nf == MAX_FAMILIES)
        return &fs[MAX_FAMILIES - 1];
    family *f = &fs[(*nf)++];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->checked = f->failed = 0;
    return f;
}

static int by_failures(const void *a, const void *b)
{
    const family *x = a, *y = b;
    if (x->failed != y->failed)
        return y->failed - x->failed;
    return strcmp(x->name, y->name);
}

/* ---- TABARI ---------------------------------------------------------------------- */

/* TABARI's checkEvents, as ../shared/conformance/tabari/score.py states it. */
static int tabari_pass(json_t *rec, const triple *pred, size_t np, int time_shift)
{
    triple gold[MAX_EV];
    json_t *evs = json_object_get(rec, "events");
    size_t ng = events_of(evs, gold, MAX_EV);
    int first_optional = ng && json_is_true(json_object_get(json_array_get(evs, 0), "optional"));
    if (first_optional || (!ng && json_is_true(json_object_get(rec, "skip_check"))))
        return 1;
    if (json_is_true(json_object_get(rec, "noevents")))
        return np == 0;
    if (np == 0) {
        json_t *alt = json_object_get(rec, "alt");
        return json_is_array(alt) && json_array_size(alt) > 0;
    }
    for (size_t k = 0; k < ng; k++) {
        if (json_is_true(json_object_get(json_array_get(evs, k), "optional")))
            return np > k;
        if (k >= np || strcmp(pred[k].source, gold[k].source) ||
            strcmp(pred[k].target, gold[k].target) || strcmp(pred[k].code, gold[k].code))
            return 0;
    }
    if (np != ng)
        return 0;
    if (time_shift && ng && gold[0].date[0])
        return !strcmp(pred[0].date, gold[0].date);
    return 1;
}

/* The record header lines of Validate.text, by line number (1-based). */
typedef struct text_lines {
    char *data;
    char **line;
    size_t n;
} text_lines;

static int load_lines(const char *path, text_lines *tl)
{
    size_t len;
    memset(tl, 0, sizeof *tl);
    tl->data = read_all(path, &len);
    if (!tl->data)
        return -1;
    size_t cap = 1024;
    tl->line = malloc(cap * sizeof *tl->line);
    if (!tl->line)
        return -1;
    char *p = tl->data;
    while (*p) {
        if (tl->n == cap) {
            char **nl = realloc(tl->line, 2 * cap * sizeof *nl);
            if (!nl)
                return -1;
            tl->line = nl;
            cap *= 2;
        }
        tl->line[tl->n++] = p;
        char *e = strchr(p, '\n');
        if (!e)
            break;
        *e = '\0';
        if (e > p && e[-1] == '\r')
            e[-1] = '\0';
        p = e + 1;
    }
    return 0;
}

static int run_tabari(const char *shared, int show_failures, FILE *pred_out)
{
    char dir[4096], project[4200], jsonl[4200], text[4200];
    snprintf(dir, sizeof dir, "%s/conformance/tabari", shared);
    snprintf(project, sizeof project, "%s/Validate.project", dir);
    snprintf(jsonl, sizeof jsonl, "%s/validate.jsonl", dir);
    snprintf(text, sizeof text, "%s/Validate.text", dir);
    if (!is_dir(dir)) {
        printf("skipped: %s is absent (the TABARI validation suite is reference data)\n", dir);
        return EXIT_OK;
    }
    diag_sink quiet = {0};
    dict_paths paths = {{0}, 0};
    dict_paths_add(&paths, project);
    loaded_dicts ld;
    if (load_dictionaries(&paths, &ld, &quiet) != 0) {
        fprintf(stderr, "dyad conformance: cannot load %s\n", project);
        return EXIT_FAILED;
    }
    coder_options opt;
    coder_options_init(&opt);
    opt.rules = CODER_RULES_TABARI;
    opt.dedupe = 0;
    coder *c = coder_new(ld.model, &opt);
    text_lines tl;
    int have_lines = load_lines(text, &tl) == 0;
    size_t len;
    char *data = read_all(jsonl, &len);
    if (!c || !data) {
        fprintf(stderr, "dyad conformance: cannot read %s\n", jsonl);
        free(data);
        coder_free(c);
        unload_dictionaries(&ld);
        return EXIT_FAILED;
    }
    mention_vec mv = {0};
    family fams[MAX_FAMILIES];
    int nfam = 0, checked = 0, passed = 0, options = 0, plain = 0, plain_passed = 0;
    int time_shift = 0;
    char *line = data;
    while (line && *line) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        json_error_t err;
        json_t *rec = json_loads(line, 0, &err);
        line = next;
        if (!rec)
            continue;
        int n = (int)json_integer_value(json_object_get(rec, "n"));
        const char *id = jstr(rec, "id");
        const char *expect = jstr(rec, "expect");
        long ln = (long)json_integer_value(json_object_get(rec, "line"));
        char header[512];
        if (have_lines && ln >= 1 && (size_t)ln <= tl.n)
            snprintf(header, sizeof header, "%s", tl.line[ln - 1]);
        else
            snprintf(header, sizeof header, "%s %s", jstr(rec, "date"), id);
        if (!strcmp(expect, "option")) {
            /* the header is read before the commands run (YYYY-Cancel) */
            coder_code_tabari_record(c, header, "", 0, &mv);
            size_t i;
            json_t *o;
            json_array_foreach(json_object_get(rec, "options"), i, o) {
                const char *cmd = json_string_value(o);
                if (!cmd)
                    continue;
                coder_apply_tabari_option(c, cmd);
                if (!strncmp(cmd, "SET:", 4) && strstr(cmd, "TIME SHIFT"))
                    time_shift = strstr(cmd, "TRUE") != NULL;
            }
            options++;
            mv.len = 0;
            json_decref(rec);
            continue;
        }
        const char *t = jstr(rec, "text");
        mv.len = 0;
        if (coder_code_tabari_record(c, header, t, strlen(t), &mv) < 0) {
            fprintf(stderr, "dyad conformance: out of memory\n");
            json_decref(rec);
            break;
        }
        triple pred[MAX_EV];
        const char *date = jstr(rec, "date");
        size_t np = mentions_to_triples(&mv, 0, strlen(date) == 8 ? 8 : 6, pred, MAX_EV);
        char nbuf[16];
        snprintf(nbuf, sizeof nbuf, "%d", n);
        if (pred_out)
            write_events(pred_out, "n", nbuf, 0, pred, np, 1);
        if (!strcmp(expect, "unverified")) {
            json_decref(rec);
            continue;
        }
        int ok = tabari_pass(rec, pred, np, time_shift);
        checked++;
        passed += ok;
        json_t *inforce = json_object_get(rec, "options_in_force");
        if (!json_array_size(inforce)) {
            plain++;
            plain_passed += ok;
        }
        char fname[32];
        family_of(id, fname, sizeof fname);
        family *f = family_get(fams, &nfam, fname);
        f->checked++;
        f->failed += !ok;
        if (!ok && show_failures) {
            triple gold[MAX_EV];
            size_t ng = events_of(json_object_get(rec, "events"), gold, MAX_EV);
            printf("FAIL n=%d %s expect=%s gold=", n, id, expect);
            print_triples(stdout, gold, ng);
            printf(" got=");
            print_triples(stdout, pred, np);
            printf(" (%s)\n", coder_tabari_outcome(c));
        }
        json_decref(rec);
    }
    printf("TABARI validation suite: %d records checked, %d option records applied in stream\n",
           checked, options);
    printf("strict (TABARI checkEvents rule): %d/%d passed = %.1f%%\n", passed, checked,
           checked ? 100.0 * passed / checked : 0.0);
    printf("plain-state subset (no in-stream option needed): %d/%d passed\n", plain_passed, plain);
    qsort(fams, (size_t)nfam, sizeof fams[0], by_failures);
    printf("failures by family:");
    int any = 0;
    for (int k = 0; k < nfam; k++)
        if (fams[k].failed) {
            printf(" %s %d/%d", fams[k].name, fams[k].failed, fams[k].checked);
            any = 1;
        }
    printf("%s\n", any ? "" : " none");
    vec_free(&mv);
    free(data);
    free(tl.data);
    free(tl.line);
    coder_free(c);
    unload_dictionaries(&ld);
    return EXIT_OK;
}

/* ---- PETRARCH ---------------------------------------------------------------------- */

typedef struct tally {
    long tp[3], npred[3], ngold[3];
    int sentences, exact_sentences;
} tally;

enum { V_EXACT, V_CODE, V_DYAD };

static void key(const triple *t, int view, char *out, size_t cap)
{
    if (view == V_EXACT)
        snprintf(out, cap, "%s|%s|%s", t->source, t->target, t->code);
    else if (view == V_CODE)
        snprintf(out, cap, "%s", t->code);
    else
        snprintf(out, cap, "%s|%s", t->source, t->target);
}

static long multiset_tp(const triple *g, size_t ng, const triple *p, size_t np, int view)
{
    int used[MAX_EV] = {0};
    long tp = 0;
    char kg[96], kp[96];
    for (size_t i = 0; i < ng; i++) {
        key(&g[i], view, kg, sizeof kg);
        for (size_t j = 0; j < np; j++) {
            if (used[j])
                continue;
            key(&p[j], view, kp, sizeof kp);
            if (!strcmp(kg, kp)) {
                used[j] = 1;
                tp++;
                break;
            }
        }
    }
    return tp;
}

static void prf(const tally *t, int view, double *p, double *r, double *f)
{
    long tp = t->tp[view], np = t->npred[view], ng = t->ngold[view];
    *p = np ? (double)tp / (double)np : (ng ? 0.0 : 1.0);
    *r = ng ? (double)tp / (double)ng : (np ? 0.0 : 1.0);
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

static void upper_trim(char *s)
{
    char *p = s, *w = s;
    while (*p == ' ')
        p++;
    while (*p)
        *w++ = (char)toupper((unsigned char)*p++);
    while (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

static int run_petrarch(const char *shared, int show_failures, FILE *pred_out, int dyad_rules,
                        int petrarch_flavour)
{
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/conformance/petrarch", shared);
    if (!is_dir(dir)) {
        printf("skipped: %s is absent (the PETRARCH unit tests are reference data)\n", dir);
        return EXIT_OK;
    }
    static const char *const files[] = {"PETR.Validate.actors.txt", "PETR.Validate.agents.txt",
                                        "PETR.Validate.verbs.txt", "PETR.Validate.discards.txt"};
    char fpaths[4][4200];
    dict_paths paths = {{0}, 0};
    for (int k = 0; k < 4; k++) {
        snprintf(fpaths[k], sizeof fpaths[k], "%s/%s", dir, files[k]);
        dict_paths_add(&paths, fpaths[k]);
    }
    diag_sink quiet = {0};
    loaded_dicts ld;
    if (load_dictionaries(&paths, &ld, &quiet) != 0) {
        fprintf(stderr, "dyad conformance: cannot load the PETRARCH validation dictionaries\n");
        return EXIT_FAILED;
    }
    coder_options opt;
    coder_options_init(&opt);
    opt.rules = dyad_rules ? CODER_RULES_DYAD : CODER_RULES_TABARI;
    opt.dedupe = 0;
    coder *c = coder_new(ld.model, &opt);
    snprintf(path, sizeof path, "%s/unittest.jsonl", dir);
    size_t len;
    char *data = read_all(path, &len);
    if (!c || !data) {
        fprintf(stderr, "dyad conformance: cannot read %s\n", path);
        free(data);
        coder_free(c);
        unload_dictionaries(&ld);
        return EXIT_FAILED;
    }
    coder_apply_tabari_option(c, "SET: YYYY = TRUE");
    if (petrarch_flavour)
        coder_apply_tabari_option(c, "SET: PETRARCH = TRUE");
    mention_vec mv = {0};
    tally t = {{0}, {0}, {0}, 0, 0};
    char *line = data;
    while (line && *line) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        json_error_t err;
        json_t *rec = json_loads(line, 0, &err);
        line = next;
        if (!rec)
            continue;
        const char *id = jstr(rec, "id");
        const char *date = jstr(rec, "date");
        char header[128];
        int y = 0, mo = 0, d = 0;
        if (sscanf(date, "%d-%d-%d", &y, &mo, &d) != 3)
            y = 1995, mo = 1, d = 1;
        snprintf(header, sizeof header, "%04d%02d%02d %s", y, mo, d, id);
        const char *txt = jstr(rec, "text");
        mv.len = 0;
        long coded;
        if (dyad_rules) {
            document *doc = document_new();
            coded = -1;
            if (doc && document_set_text(doc, txt, strlen(txt), 0) == 0) {
                doc->id = id;
                doc->published = civil_valid(y, mo, d) ? civil_to_days(y, mo, d) : DATE_UNKNOWN;
                coded = coder_code_document(c, doc, &mv);
            }
            document_free(doc);
        } else {
            coded = coder_code_tabari_record(c, header, txt, strlen(txt), &mv);
        }
        if (coded < 0) {
            json_decref(rec);
            break;
        }
        triple pred[MAX_EV], gold[MAX_EV];
        size_t np = mentions_to_triples(&mv, 0, 8, pred, MAX_EV);
        if (pred_out)
            write_events(pred_out, "id", id, 1, pred, np, 0);
        json_t *ev = json_object_get(rec, "evaluate");
        if (json_is_false(ev)) {
            json_decref(rec);
            continue;
        }
        size_t ng = events_of(json_object_get(rec, "events"), gold, MAX_EV);
        for (size_t k = 0; k < ng; k++) {
            upper_trim(gold[k].source);
            upper_trim(gold[k].target);
        }
        t.sentences++;
        for (int v = 0; v < 3; v++) {
            t.tp[v] += multiset_tp(gold, ng, pred, np, v);
            t.ngold[v] += (long)ng;
            t.npred[v] += (long)np;
        }
        int exact = ng == np && multiset_tp(gold, ng, pred, np, V_EXACT) == (long)ng;
        t.exact_sentences += exact;
        if (!exact && show_failures) {
            printf("MISMATCH %s gold=", id);
            print_triples(stdout, gold, ng);
            printf(" got=");
            print_triples(stdout, pred, np);
            printf(" (%s)\n", dyad_rules ? "dyad" : coder_tabari_outcome(c));
        }
        json_decref(rec);
    }
    printf("PETRARCH unit tests: %d sentences scored (evaluate subset), coded by the %s rules\n",
           t.sentences, dyad_rules ? "dyad" : "TABARI");
    static const char *const names[] = {"exact", "code", "dyad"};
    for (int v = 0; v < 3; v++) {
        double p, r, f;
        prf(&t, v, &p, &r, &f);
        printf("%-6s gold %4ld pred %4ld tp %4ld  precision %.3f recall %.3f f1 %.3f\n", names[v],
               t.ngold[v], t.npred[v], t.tp[v], p, r, f);
    }
    printf("sentence accuracy (exact multiset match): %d/%d\n", t.exact_sentences, t.sentences);
    double p, r, f;
    prf(&t, V_EXACT, &p, &r, &f);
    printf("exact_f1=%.3f\n", f);
    vec_free(&mv);
    free(data);
    coder_free(c);
    unload_dictionaries(&ld);
    return EXIT_OK;
}

int cmd_conformance(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"shared", required_argument, NULL, 's'},
        {"failures", no_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"rules", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *shared = getenv("DYAD_SHARED");
    const char *output = NULL;
    int failures = 0, dyad_rules = 0, flavour = 1;
    if (!shared || !*shared)
        shared = "../shared";
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "s:fo:r:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'r':
            if (!strcmp(optarg, "dyad"))
                dyad_rules = 1;
            else if (!strcmp(optarg, "tabari-plain"))
                flavour = 0;
            else if (strcmp(optarg, "tabari") != 0)
                return usage(stderr);
            break;
        case 's': shared = optarg; break;
        case 'f': failures = 1; break;
        case 'o': output = optarg; break;
        case 'h': return usage(stdout);
        default: return usage(stderr);
        }
    }
    if (optind + 1 != argc)
        return usage(stderr);
    const char *suite = argv[optind];
    int tabari = !strcmp(suite, "tabari");
    if (!tabari && strcmp(suite, "petrarch") != 0)
        return usage(stderr);
    if (!is_dir(shared)) {
        printf("skipped: %s is absent (the conformance suites are reference data)\n", shared);
        return EXIT_OK;
    }
    FILE *out = NULL;
    if (output) {
        out = fopen(output, "w");
        if (!out) {
            fprintf(stderr, "dyad conformance: cannot write %s\n", output);
            return EXIT_FAILED;
        }
    }
    int rc = tabari ? run_tabari(shared, failures, out)
                    : run_petrarch(shared, failures, out, dyad_rules, flavour);
    if (out && fclose(out) != 0) {
        fprintf(stderr, "dyad conformance: cannot write %s\n", output);
        rc = EXIT_FAILED;
    }
    return rc;
}
