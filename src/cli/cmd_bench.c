/*
** cmd_bench.c: `dyad bench`: how fast the whole pipeline codes a corpus.
**
** One dictionary set per run (the same --dict / --tabari-rules options as
** `dyad code`).  The set is loaded once and timed; then the corpus goes through
** exactly what `dyad code -f jsonl FILE` does (ingest, cleaning, the coder pool,
** the JSONL writer), first on one thread and then on every core, except that
** the output bytes are hashed instead of written, so the figures do not depend
** on a disk or a pipe and the two runs can be compared byte for byte.  Each
** configuration is run --repeat times and the fastest run is kept (the machine
** may be busy with other work; the minimum is the least disturbed figure); the
** repeats of one thread and of every core take turns, so that the scaling
** compares runs made in the same phases of the machine.
** Peak memory is the process high-water mark (VmHWM), reset before each run
** through /proc/self/clear_refs so that each figure is that run's own.  Last,
** `wc -w` reads the same bytes: nothing that looks at every word can be faster,
** so it is the floor, and dyad's time is printed as a multiple of it.
**
** The corpus is the files given (as they are), or those files concatenated
** again and again up to --size MB, or with no files a synthetic news-like
** corpus (bench_corpus.h) of --size MB (10 by default), written to a
** temporary file that is removed at the end.  bench/bench.sh runs this for
** every dictionary set and size of the Speed issue and sums it up in a table.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/bench_corpus.h"
#include "cli/cli.h"
#include "cli/dicts.h"
#include "coder/pool.h"
#include "export/export.h"
#include "ingest/ingest.h"
#include "util/civil_date.h"
#include "util/hash.h"
#include "util/strbuf.h"

#define MAX_INPUTS 64
#define SYNTHETIC_SEED 20230130u

typedef enum out_kind { OUT_JSONL, OUT_DOCS, OUT_NONE } out_kind;

typedef struct bench_config {
    const char *inputs[MAX_INPUTS];
    int n_inputs;
    double size_mb;             /* 0: the inputs as they are */
    const char *write_to;       /* --write: only build the corpus */
    const char *tsv_path;
    const char *label;
    int threads, repeat, skip_wc;
    out_kind out;
    coder_options copt;
    ingest_options iopt;
    dict_paths dicts;
} bench_config;

/* What one pass over the corpus measured. */
typedef struct run_result {
    int threads;
    double wall, cpu;
    uint64_t documents, sentences, events, text_bytes;
    uint64_t hash;
    long peak_kb;
} run_result;

/* The callback's state while coding. */
typedef struct run_ctx {
    coder_pool *pool;
    out_kind out;
    codebook_lookup codebook;
    uint64_t documents, events, text_bytes, hash;
} run_ctx;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad bench [OPTIONS] [CORPUS_FILE...]\n"
            "\n"
            "Throughput of the whole pipeline (ingest, cleaning, coding, JSONL output) on a\n"
            "corpus, on one thread and on every core, with the dictionary load time, the\n"
            "peak memory, a byte-for-byte determinism check between the thread counts, and\n"
            "the time `wc -w` takes to read the same bytes (the floor).\n"
            "\n"
            "corpus:\n"
            "      --size MB         replicate the corpus files up to MB megabytes (whole\n"
            "                        copies) in a temporary file; without files, generate a\n"
            "                        synthetic news-like corpus of that size (default 10)\n"
            "      --write FILE      only build the corpus (replicated or synthetic) into FILE\n"
            "\n"
            "coding (as in dyad code):\n" DICT_OPTIONS_HELP
            "      --tabari-rules    code with TABARI's rules (for TABARI dictionaries)\n"
            "      --date DATE       date for documents that give none (YYYY-MM-DD)\n"
            "  -f, --format FMT      what is written (and hashed): jsonl (default), docs, none\n"
            "\n"
            "measuring:\n"
            "  -j, --threads N       the parallel run's threads (default: one per core)\n"
            "  -r, --repeat N        runs per configuration, the fastest kept (default 1)\n"
            "      --no-wc           do not time wc -w\n"
            "      --label TEXT      name of this configuration in the TSV line\n"
            "      --tsv FILE        also append the figures as TSV lines to FILE\n"
            "  -h, --help            this help\n");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* The process high-water mark in kB (VmHWM), or the lifetime maximum from
   getrusage where /proc is missing. */
static long peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    long kb = -1;
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "VmHWM:", 6))
                kb = strtol(line + 6, NULL, 10);
        fclose(f);
    }
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = ru.ru_maxrss;
    }
    return kb;
}

/* Start a new high-water mark at the current resident size (Linux >= 4.0). */
static void reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* The output of one document, rendered on the worker that coded it (as dyad
   code does). */
static int render(void *ctx, const document *doc, const event_mention *m, size_t n, strbuf *out)
{
    const run_ctx *c = ctx;
    if (c->out == OUT_JSONL) {
        for (size_t k = 0; k < n; k++)
            if (export_mention_jsonl(out, doc, &m[k], &c->codebook) != 0)
                return -1;
    } else if (c->out == OUT_DOCS) {
        strbuf_puts(out, "{\"doc\":\"");
        strbuf_json_escape(out, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
        strbuf_puts(out, "\",\"events\":[");
        for (size_t k = 0; k < n; k++)
            strbuf_printf(out, "%s{\"source\":\"%s\",\"target\":\"%s\",\"code\":\"%s\"}",
                          k ? "," : "", m[k].source.code, m[k].target.code, m[k].code);
        if (strbuf_puts(out, "]}\n") != 0)
            return -1;
    }
    return 0;
}

/* In input order: count, and hash what would have been written. */
static int on_coded(void *ctx, const document *doc, const event_mention *m, size_t n)
{
    run_ctx *c = ctx;
    (void)m;
    c->documents++;
    c->events += n;
    c->text_bytes += doc->text_len;
    size_t len;
    const char *bytes = coder_pool_rendered(c->pool, &len);
    if (len)
        c->hash = hash64_seeded(bytes, len, c->hash);
    return 0;
}

static int on_record(void *ctx, const ingest_record *rec)
{
    run_ctx *c = ctx;
    int rc = coder_pool_submit_record(c->pool, rec);
    return rc > 0 ? rc : (rc < 0 ? -1 : 0);
}

/* One pass over the corpus; 0, or -1 when it could not run. */
static int run_once(const bench_config *cfg, const loaded_dicts *d, const char *const *files,
                    int n_files, int threads, run_result *out)
{
    run_ctx c;
    memset(&c, 0, sizeof c);
    c.out = cfg->out;
    c.codebook = codebook_lookup_dict(d->dict);
    diag_sink quiet = {NULL, NULL, {0}};
    reset_peak();
    double c0 = cpu_s(), t0 = now_s();
    c.pool = coder_pool_new(d->model, &cfg->copt, threads, on_coded, &c);
    if (!c.pool)
        return -1;
    int rc = coder_pool_set_ingest(c.pool, &cfg->iopt, &quiet);
    if (c.out != OUT_NONE)
        coder_pool_set_renderer(c.pool, render, &c);
    for (int k = 0; k < n_files && rc == 0; k++) {
        ingest_stats st = {0};
        int ir = ingest_path_records(files[k], &cfg->iopt, on_record, &c,
                                     coder_pool_reader_diags(c.pool), &st);
        if (ir != 0)
            rc = -1;
    }
    if (coder_pool_finish(c.pool) != 0)
        rc = -1;
    out->wall = now_s() - t0;
    out->cpu = cpu_s() - c0;
    out->peak_kb = peak_kb();
    out->threads = coder_pool_threads(c.pool);
    out->sentences = coder_pool_sentences(c.pool);
    out->documents = c.documents;
    out->events = c.events;
    out->text_bytes = c.text_bytes;
    out->hash = c.hash;
    coder_pool_free(c.pool);
    return rc;
}

/* Keep in *best the faster of *best and r (the first run when first).  The
   peak memory is the first run's: the repeats alternate thread counts, and a
   later one-thread run would also count the arenas that the parallel run
   before it freed but glibc kept resident. */
static void keep_best(run_result *best, const run_result *r, int first)
{
    long peak = first ? r->peak_kb : best->peak_kb;
    if (first || r->wall < best->wall)
        *best = *r;
    best->peak_kb = peak;
}

/* Time `wc -w FILES` (best of repeat); the word count into *words.  -1 when
   wc cannot be run. */
static int time_wc(const char *const *files, int n_files, int repeat, double *secs,
                   uint64_t *words)
{
    *secs = -1;
    for (int k = 0; k < repeat; k++) {
        int fds[2];
        if (pipe(fds) != 0)
            return -1;
        double t0 = now_s();
        pid_t pid = fork();
        if (pid < 0) {
            close(fds[0]);
            close(fds[1]);
            return -1;
        }
        if (pid == 0) {
            const char *argv[MAX_INPUTS + 3];
            int n = 0;
            argv[n++] = "wc";
            argv[n++] = "-w";
            for (int j = 0; j < n_files; j++)
                argv[n++] = files[j];
            argv[n] = NULL;
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            execvp("wc", (char *const *)argv);
            _exit(127);
        }
        close(fds[1]);
        char buf[8192];
        size_t len = 0;
        ssize_t got;
        while ((got = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0 ||
               (got < 0 && errno == EINTR))
            if (got > 0)
                len += (size_t)got;
        close(fds[0]);
        int status;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return -1;
        double t = now_s() - t0;
        if (*secs < 0 || t < *secs)
            *secs = t;
        buf[len] = '\0';
        /* the last line is the total (or the only file) */
        char *last = buf;
        for (char *p = buf; *p; p++)
            if (*p == '\n' && p[1])
                last = p + 1;
        *words = strtoull(last, NULL, 10);
    }
    return 0;
}

static uint64_t files_size(const char *const *files, int n)
{
    uint64_t total = 0;
    for (int k = 0; k < n; k++) {
        struct stat st;
        if (stat(files[k], &st) == 0)
            total += (uint64_t)st.st_size;
    }
    return total;
}

/* Build the corpus cfg asks for into path. */
static int build_corpus(const bench_config *cfg, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "dyad bench: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    uint64_t bytes = (uint64_t)(cfg->size_mb * 1e6);
    int64_t n = cfg->n_inputs ? bench_replicate(f, cfg->inputs, cfg->n_inputs, bytes)
                              : bench_synthesize(f, bytes, SYNTHETIC_SEED);
    if (fclose(f) != 0 || n < 0) {
        fprintf(stderr, "dyad bench: could not build the corpus in %s\n", path);
        remove(path);
        return -1;
    }
    return 0;
}

static void print_run(const run_result *r, uint64_t file_bytes)
{
    double w = r->wall > 0 ? r->wall : 1e-9;
    printf("%7d %9.3f %9.3f %10.0f %12.0f %8.1f %10.0f %9.1f   %016llx\n", r->threads, r->wall,
           r->cpu, r->documents / w, r->sentences / w, file_bytes / 1e6 / w, r->events / w,
           r->peak_kb / 1024.0, (unsigned long long)r->hash);
}

static void write_tsv(const bench_config *cfg, const run_result *r, uint64_t file_bytes,
                      double load_s, long load_kb, double wc_s, double scaling, int same)
{
    FILE *f = fopen(cfg->tsv_path, "a");
    if (!f) {
        fprintf(stderr, "dyad bench: cannot append to %s\n", cfg->tsv_path);
        return;
    }
    double w = r->wall > 0 ? r->wall : 1e-9;
    fprintf(f,
            "%s\t%.1f\t%d\t%llu\t%llu\t%llu\t%.3f\t%.3f\t%.0f\t%.2f\t%.0f\t%.3f\t%.1f\t%.1f\t%.3f\t%.1f"
            "\t%.2f\t%s\t%016llx\n",
            cfg->label ? cfg->label : "-", file_bytes / 1e6, r->threads,
            (unsigned long long)r->documents, (unsigned long long)r->sentences,
            (unsigned long long)r->events, r->wall, r->cpu, r->sentences / w,
            file_bytes / 1e6 / w, r->events / w, load_s, load_kb / 1024.0, r->peak_kb / 1024.0,
            wc_s, wc_s > 0 ? r->wall / wc_s : 0.0, scaling, same ? "yes" : "NO",
            (unsigned long long)r->hash);
    fclose(f);
}

static int parse_args(int argc, char **argv, bench_config *cfg)
{
    enum { O_SIZE = 256, O_WRITE, O_TABARI, O_DATE, O_NOWC, O_LABEL, O_TSV };
    static const struct option longopts[] = {
        {"size", required_argument, NULL, O_SIZE},
        {"write", required_argument, NULL, O_WRITE},
        {"dict", required_argument, NULL, 'd'},
        {"tabari-rules", no_argument, NULL, O_TABARI},
        {"date", required_argument, NULL, O_DATE},
        {"format", required_argument, NULL, 'f'},
        {"threads", required_argument, NULL, 'j'},
        {"repeat", required_argument, NULL, 'r'},
        {"no-wc", no_argument, NULL, O_NOWC},
        {"label", required_argument, NULL, O_LABEL},
        {"tsv", required_argument, NULL, O_TSV},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:f:j:r:h", longopts, NULL)) != -1) {
        switch (ch) {
        case O_SIZE:
            cfg->size_mb = atof(optarg);
            if (cfg->size_mb <= 0) {
                fprintf(stderr, "dyad bench: --size must be a positive number of MB\n");
                return EXIT_USAGE;
            }
            break;
        case O_WRITE: cfg->write_to = optarg; break;
        case 'd':
            if (dict_paths_add(&cfg->dicts, optarg) != 0) {
                fprintf(stderr, "dyad bench: too many --dict options\n");
                return EXIT_USAGE;
            }
            break;
        case O_TABARI: cfg->copt.rules = CODER_RULES_TABARI; break;
        case O_DATE:
            if (civil_parse(optarg, strlen(optarg), &cfg->iopt.default_date) != 0) {
                fprintf(stderr, "dyad bench: --date: not a date: %s\n", optarg);
                return EXIT_USAGE;
            }
            cfg->copt.default_date = cfg->iopt.default_date;
            break;
        case 'f':
            if (!strcmp(optarg, "jsonl"))
                cfg->out = OUT_JSONL;
            else if (!strcmp(optarg, "docs"))
                cfg->out = OUT_DOCS;
            else if (!strcmp(optarg, "none"))
                cfg->out = OUT_NONE;
            else {
                fprintf(stderr, "dyad bench: unknown --format '%s' (jsonl, docs, none)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j': cfg->threads = atoi(optarg); break;
        case 'r':
            cfg->repeat = atoi(optarg);
            if (cfg->repeat < 1) {
                fprintf(stderr, "dyad bench: --repeat must be at least 1\n");
                return EXIT_USAGE;
            }
            break;
        case O_NOWC: cfg->skip_wc = 1; break;
        case O_LABEL: cfg->label = optarg; break;
        case O_TSV: cfg->tsv_path = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    for (int k = optind; k < argc; k++) {
        if (cfg->n_inputs == MAX_INPUTS) {
            fprintf(stderr, "dyad bench: at most %d corpus files\n", MAX_INPUTS);
            return EXIT_USAGE;
        }
        cfg->inputs[cfg->n_inputs++] = argv[k];
    }
    if (!cfg->n_inputs && cfg->size_mb == 0)
        cfg->size_mb = 10;
    return -1;
}

/* Measure cfg on files; prints the report.  Returns an exit code. */
static int measure(bench_config *cfg, const char *const *files, int n_files)
{
    uint64_t file_bytes = files_size(files, n_files);
    int verbose = 0;
    diag_sink diags = {NULL, &verbose, {0}}; /* dictionary warnings: counted, see dyad dict lint */
    loaded_dicts d;
    reset_peak();
    if (load_dictionaries(&cfg->dicts, &d, &diags) != 0) {
        fprintf(stderr, "dyad bench: the dictionaries could not be loaded (dyad dict lint says why)\n");
        return EXIT_FAILED;
    }
    long load_kb = peak_kb();

    printf("corpus        ");
    for (int k = 0; k < n_files; k++)
        printf("%s%s", k ? " " : "", files[k]);
    printf(" (%.1f MB)\n", file_bytes / 1e6);
    printf("dictionaries  ");
    if (cfg->dicts.n == 0)
        printf("built-in (%s)", cli_data_dir());
    for (size_t k = 0; k < cfg->dicts.n; k++)
        printf("%s%s", k ? " + " : "", cfg->dicts.paths[k]);
    printf(", %s rules\n", cfg->copt.rules == CODER_RULES_TABARI ? "TABARI" : "dyad");
    printf("load          %.3f s, %.1f MB peak while loading", d.load_seconds, load_kb / 1024.0);
    if (diags.counts[DIAG_WARNING] || diags.counts[DIAG_ERROR])
        printf(" (%lu dictionary warnings: see dyad dict lint)",
               diags.counts[DIAG_WARNING] + diags.counts[DIAG_ERROR]);
    printf("\n\n");

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int parallel = cfg->threads > 0 ? cfg->threads : (cores > 0 ? (int)cores : 1);
    run_result runs[2];
    int n_runs = parallel > 1 ? 2 : 1;
    printf("threads    wall s     cpu s     docs/s  sentences/s     MB/s   events/s   peak MB   "
           "output xxh64\n");
    fflush(stdout);
    int rc = EXIT_OK;
    /* the repeats alternate one thread and all cores, so that both sample the
       same phases of a machine whose speed drifts (the scaling compares them) */
    for (int rep = 0; rep < cfg->repeat && rc == EXIT_OK; rep++)
        for (int k = 0; k < n_runs; k++) {
            run_result r;
            if (run_once(cfg, &d, files, n_files, k ? parallel : 1, &r) != 0) {
                fprintf(stderr, "dyad bench: the corpus could not be coded\n");
                rc = EXIT_FAILED;
                break;
            }
            keep_best(&runs[k], &r, rep == 0);
        }
    for (int k = 0; k < n_runs && rc == EXIT_OK; k++)
        print_run(&runs[k], file_bytes);
    fflush(stdout);
    if (rc == EXIT_OK) {
        const run_result *one = &runs[0], *all = &runs[n_runs - 1];
        int same = one->hash == all->hash && one->events == all->events &&
                   one->documents == all->documents;
        double scaling = all->wall > 0 ? one->wall / all->wall : 0;
        printf("\n%llu documents, %llu sentences, %llu events, %.1f MB of text after cleaning\n",
               (unsigned long long)one->documents, (unsigned long long)one->sentences,
               (unsigned long long)one->events, one->text_bytes / 1e6);
        if (n_runs == 2)
            printf("scaling       %.2fx with %d threads; output %s\n", scaling, all->threads,
                   same ? "identical (same hash)" : "DIFFERS between thread counts");
        double wc_s = -1;
        uint64_t words = 0;
        if (!cfg->skip_wc && time_wc(files, n_files, cfg->repeat, &wc_s, &words) == 0) {
            printf("wc -w         %.3f s for %llu words (%.1f MB/s): dyad takes %.1fx that on 1 "
                   "thread",
                   wc_s, (unsigned long long)words, file_bytes / 1e6 / wc_s, one->wall / wc_s);
            if (n_runs == 2)
                printf(", %.1fx on %d", all->wall / wc_s, all->threads);
            printf("\n");
        } else if (!cfg->skip_wc) {
            printf("wc -w         could not be run\n");
        }
        if (cfg->tsv_path)
            for (int k = 0; k < n_runs; k++)
                write_tsv(cfg, &runs[k], file_bytes, d.load_seconds, load_kb, wc_s,
                          k ? scaling : 1.0, same);
        if (!same)
            rc = EXIT_FAILED;
    }
    unload_dictionaries(&d);
    return rc;
}

int cmd_bench(int argc, char **argv)
{
    bench_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.repeat = 1;
    coder_options_init(&cfg.copt);
    cfg.iopt.default_date = DATE_UNKNOWN;
    int rc = parse_args(argc, argv, &cfg);
    if (rc >= 0)
        return rc;

    if (cfg.write_to) {
        if (cfg.size_mb == 0) {
            fprintf(stderr, "dyad bench: --write needs --size\n");
            return EXIT_USAGE;
        }
        return build_corpus(&cfg, cfg.write_to) == 0 ? EXIT_OK : EXIT_FAILED;
    }
    if (cfg.size_mb == 0) /* the files as they are */
        return measure(&cfg, cfg.inputs, cfg.n_inputs);

    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/dyad-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "dyad bench: cannot make a temporary directory: %s\n", strerror(errno));
        return EXIT_FAILED;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/corpus-%gMB.jsonl", dir, cfg.size_mb);
    if (build_corpus(&cfg, path) != 0) {
        rmdir(dir);
        return EXIT_FAILED;
    }
    const char *files[1] = {path};
    rc = measure(&cfg, files, 1);
    remove(path);
    rmdir(dir);
    return rc;
}
