/*
** cmd_dict.c: `dyad dict lint | stats | convert`, the dictionary maintainer's tools.
**
** All three load a dictionary set the same way (the built-in data/ directory by
** default; --dict DIR, files of any dialect, or a TABARI .project), freeze it
** as the coder would, then look at it through dict_tools.h.  Loading problems
** are reported line by line on standard error as they are found.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "dict/dict.h"
#include "dict/dict_tools.h"

typedef struct sources {
    const char *dirs[32];
    size_t n_dirs;
    const char *projects[8];
    size_t n_projects;
    const char *codebook;
    const char *default_codebook;   /* used when the sources bring none */
    int no_codebook;
    dict_dialect dialect;
    int quiet;
    char **files;
    int n_files;
} sources;

typedef struct print_ctx {
    FILE *out;
    int quiet;
} print_ctx;

static void print_diag(void *ctx, const diag *d)
{
    print_ctx *pc = ctx;
    if (pc->quiet && d->level == DIAG_NOTE)
        return;
    diag_print_fn(pc->out, d);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    fclose(f);
    return kb;
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int parse_dialect(const char *s, dict_dialect *d)
{
    if (!strcmp(s, "native"))
        *d = DIALECT_NATIVE;
    else if (!strcmp(s, "tabari"))
        *d = DIALECT_TABARI;
    else if (!strcmp(s, "petrarch"))
        *d = DIALECT_PETRARCH;
    else if (!strcmp(s, "auto"))
        *d = DIALECT_AUTO;
    else
        return -1;
    return 0;
}

/* Load everything named; *load_s gets the time spent.  NULL when nothing could
   be loaded at all. */
static dict_set *load_sources(const sources *src, diag_sink *diags, double *load_s,
                              double *freeze_s, int *any_failed)
{
    double t0 = now_s();
    dict_builder *b = dict_builder_new();
    if (!b)
        return NULL;
    int loaded = 0, failed = 0;
    int explicit = src->n_dirs || src->n_projects || src->n_files;
    if (!explicit) {
        if (dict_load_dir(b, cli_data_dir(), diags) == 0)
            loaded++;
        else
            failed++;
    }
    for (size_t i = 0; i < src->n_dirs; i++)
        dict_load_dir(b, src->dirs[i], diags) == 0 ? loaded++ : failed++;
    for (size_t i = 0; i < src->n_projects; i++)
        dict_load_tabari_project(b, src->projects[i], diags) == 0 ? loaded++ : failed++;
    for (int i = 0; i < src->n_files; i++) {
        int rc = is_dir(src->files[i])
                     ? dict_load_dir(b, src->files[i], diags)
                     : dict_load_file(b, src->files[i], DICT_FILE_AUTO, src->dialect, diags);
        rc == 0 ? loaded++ : failed++;
    }
    if (src->codebook) {
        dict_load_file(b, src->codebook, DICT_FILE_CODEBOOK, DIALECT_NATIVE, diags) == 0 ? loaded++
                                                                                           : failed++;
    } else if (src->default_codebook && !dict_builder_has_codebook(b)) {
        dict_load_file(b, src->default_codebook, DICT_FILE_CODEBOOK, DIALECT_NATIVE, diags);
    }
    *load_s = now_s() - t0;
    *any_failed = failed;
    if (!loaded) {
        dict_builder_free(b);
        return NULL;
    }
    double t1 = now_s();
    dict_set *d = dict_builder_freeze(b, diags);
    *freeze_s = now_s() - t1;
    return d;
}

/* The built-in codebook, for checking event codes of a set that has none. */
static int has_codebook(const sources *src)
{
    return src->codebook != NULL || src->no_codebook;
}

static const struct option common_opts[] = {
    {"dict", required_argument, NULL, 'd'},
    {"tabari-project", required_argument, NULL, 'p'},
    {"dialect", required_argument, NULL, 'D'},
    {"codebook", required_argument, NULL, 'c'},
    {"no-codebook", no_argument, NULL, 'C'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"time", no_argument, NULL, 't'},
    {"files", no_argument, NULL, 'f'},
    {"to", required_argument, NULL, 'T'},
    {"output", required_argument, NULL, 'o'},
    {NULL, 0, NULL, 0},
};

static const char sources_help[] =
    "sources (combine freely; default: the built-in data/ directory):\n"
    "  --dict DIR             a directory of dyad's native files (*.actors *.agents\n"
    "                         *.verbs *.discards codebook.tsv, subdirectories too)\n"
    "  FILE...                dictionary files of any dialect (.zip and .gz are read;\n"
    "                         a directory argument is read like --dict)\n"
    "  --tabari-project P     the files a TABARI .project names\n"
    "  --dialect D            native, tabari, petrarch or auto (default: by name\n"
    "                         and content) for FILE arguments\n"
    "  --codebook FILE        a codebook.tsv to check event codes against\n"
    "  -q, --quiet            do not print notes\n";

typedef struct cmd_opts {
    sources src;
    int time;
    int files;
    const char *to;
    const char *output;
} cmd_opts;

/* 0 ok, 1 --help printed, -1 usage error. */
static int parse_opts(int argc, char **argv, cmd_opts *o, void (*help)(FILE *))
{
    memset(o, 0, sizeof *o);
    o->src.dialect = DIALECT_AUTO;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "d:p:qho:", common_opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (o->src.n_dirs < 32)
                o->src.dirs[o->src.n_dirs++] = optarg;
            break;
        case 'p':
            if (o->src.n_projects < 8)
                o->src.projects[o->src.n_projects++] = optarg;
            break;
        case 'D':
            if (parse_dialect(optarg, &o->src.dialect) != 0) {
                fprintf(stderr, "dyad dict: unknown dialect '%s' (native, tabari, petrarch, auto)\n",
                        optarg);
                return -1;
            }
            break;
        case 'c': o->src.codebook = optarg; break;
        case 'C': o->src.no_codebook = 1; break;
        case 'q': o->src.quiet = 1; break;
        case 't': o->time = 1; break;
        case 'f': o->files = 1; break;
        case 'T': o->to = optarg; break;
        case 'o': o->output = optarg; break;
        case 'h':
            help(stdout);
            return 1;
        default:
            help(stderr);
            return -1;
        }
    }
    o->src.files = argv + optind;
    o->src.n_files = argc - optind;
    return 0;
}

/* ---- lint ----------------------------------------------------------------------- */

static void lint_help(FILE *out)
{
    fprintf(out,
            "usage: dyad dict lint [SOURCES]\n"
            "\n"
            "Load dictionaries and report every problem, one line each (FILE:LINE:):\n"
            "lines that cannot be read, overlapping date ranges of one actor, gaps\n"
            "between two periods of the same role, unknown country roots (native\n"
            "files), event codes missing from the codebook, a phrase given conflicting\n"
            "codes, and patterns that are shadowed by an earlier one or can never match.\n"
            "Event codes are checked against the set's codebook, else against the\n"
            "built-in data/codebook.tsv (--no-codebook: not at all).\n"
            "\n"
            "%s"
            "  --no-codebook          do not check event codes\n"
            "\n"
            "exit status: 0 no problems, 1 problems found, 3 nothing could be loaded\n",
            sources_help);
}

static int lint(int argc, char **argv)
{
    cmd_opts o;
    int rc = parse_opts(argc, argv, &o, lint_help);
    if (rc)
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    print_ctx pc = {stderr, o.src.quiet};
    diag_sink sink = {print_diag, &pc, {0}};
    char builtin_codebook[4096];
    if (!has_codebook(&o.src)) {
        snprintf(builtin_codebook, sizeof builtin_codebook, "%s/codebook.tsv", cli_data_dir());
        struct stat sb;
        if (stat(builtin_codebook, &sb) == 0)
            o.src.default_codebook = builtin_codebook;
    }
    double load_s, freeze_s;
    int failed;
    dict_set *d = load_sources(&o.src, &sink, &load_s, &freeze_s, &failed);
    if (!d) {
        fprintf(stderr, "dyad dict lint: no dictionaries could be loaded\n");
        return EXIT_FAILED;
    }
    unsigned long load_problems = sink.counts[DIAG_WARNING] + sink.counts[DIAG_ERROR];
    long found = dict_lint(d, &sink);
    long total = (long)load_problems + found;
    printf("%ld problem%s: %lu while loading (unreadable lines, unknown codes), %ld from checks\n",
           total, total == 1 ? "" : "s", load_problems, found);
    dict_set_free(d);
    return total ? EXIT_INPUT_LOST : EXIT_OK;
}

/* ---- stats ---------------------------------------------------------------------- */

static void stats_help(FILE *out)
{
    fprintf(out,
            "usage: dyad dict stats [SOURCES] [--time] [--files]\n"
            "\n"
            "Load dictionaries and print what they hold: entries and phrases per kind,\n"
            "patterns, phrase sets, words and stems, the phrase trie, memory, and what\n"
            "each file contributed (lines read, records, lines that could not be read).\n"
            "\n"
            "%s"
            "  --time                 print load and freeze times and the peak memory\n"
            "  --files                one line per file (the default when several files)\n",
            sources_help);
}

static int stats(int argc, char **argv)
{
    cmd_opts o;
    int rc = parse_opts(argc, argv, &o, stats_help);
    if (rc)
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    print_ctx pc = {stderr, o.src.quiet};
    diag_sink sink = {print_diag, &pc, {0}};
    double load_s = 0, freeze_s = 0;
    int failed;
    dict_set *d = load_sources(&o.src, &sink, &load_s, &freeze_s, &failed);
    if (!d) {
        fprintf(stderr, "dyad dict stats: no dictionaries could be loaded\n");
        return EXIT_FAILED;
    }
    size_t nf = dict_n_files(d);
    if (o.files || nf > 1) {
        printf("%-60s %-8s %-8s %8s %8s %8s %8s\n", "file", "kind", "dialect", "lines", "records",
               "problems", "skipped");
        for (size_t i = 0; i < nf; i++) {
            dict_file_info fi;
            dict_file_info_at(d, i, &fi);
            printf("%-60s %-8s %-8s %8ld %8ld %8ld %8ld\n", fi.name, fi.kind, fi.dialect, fi.lines,
                   fi.records, fi.problems, fi.unsupported);
        }
        printf("\n");
    }
    dict_counts c;
    dict_count(d, &c);
    printf("actors      %8zu entries, %zu phrases, %zu code periods (%zu dated)\n", c.actors,
           c.actor_phrases, c.periods, c.dated_periods);
    printf("agents      %8zu entries, %zu phrases, %zu plural phrases\n", c.agents,
           c.agent_phrases, c.plural_phrases);
    printf("verbs       %8zu roots, %zu verb-form phrases\n", c.verbs, c.verb_phrases);
    printf("patterns    %8zu (%zu elements)\n", c.patterns, c.pattern_elems);
    printf("phrase sets %8zu (%zu members)\n", c.sets, c.set_members);
    printf("discards    %8zu\n", c.discards);
    printf("time shifts %8zu phrases\n", c.times);
    printf("pos words   %8zu nouns, %zu adjectives\n", c.nouns, c.adjectives);
    printf("codebook    %8zu event codes\n", c.codes);
    printf("options     %8zu lines\n", c.option_lines);
    printf("words       %8zu (%zu TABARI stems)\n", c.words, c.stems);
    printf("trie        %8zu nodes, %zu edges (%zu gap edges), %zu payloads\n", c.trie_nodes,
           c.trie_edges, c.gap_edges, c.payloads);
    printf("memory      %8.1f MB in the frozen set\n", (double)dict_memory(d) / (1024.0 * 1024.0));
    printf("version     %s\n", dict_version(d));
    unsigned long problems = sink.counts[DIAG_WARNING] + sink.counts[DIAG_ERROR];
    printf("problems    %8lu reported while loading\n", problems);
    if (o.time) {
        long kb = peak_rss_kb();
        printf("load time   %8.3f s reading and parsing, %.3f s freezing, %.3f s in all\n", load_s, freeze_s,
               load_s + freeze_s);
        if (kb >= 0)
            printf("peak memory %8.1f MB (process high-water mark)\n", (double)kb / 1024.0);
    }
    dict_set_free(d);
    return EXIT_OK;
}

/* ---- convert -------------------------------------------------------------------- */

static void convert_help(FILE *out)
{
    fprintf(out,
            "usage: dyad dict convert --to native -o DIR [SOURCES]\n"
            "\n"
            "Write the loaded dictionaries in dyad's native format into DIR\n"
            "(actors.actors, agents.agents, verbs.verbs, discards.discards, codebook.tsv),\n"
            "to migrate TABARI or PETRARCH dictionaries.  Every phrase is written as the\n"
            "coder would match it, every verb form is listed, and dates become half-open\n"
            "ranges.  What native cannot say (TABARI stems and gaps, PETRARCH phrase\n"
            "structure, time phrases, noun lists, options) is flagged in a comment or\n"
            "dropped, and counted.  Do not commit converted third-party dictionaries\n"
            "to this repository.\n"
            "\n"
            "%s"
            "  --to native            the output format (the only one)\n"
            "  -o, --output DIR       where to write (created when missing)\n",
            sources_help);
}

static int convert(int argc, char **argv)
{
    cmd_opts o;
    int rc = parse_opts(argc, argv, &o, convert_help);
    if (rc)
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    if (!o.to || strcmp(o.to, "native") != 0 || !o.output) {
        fprintf(stderr, "dyad dict convert: need --to native and -o DIR\n");
        convert_help(stderr);
        return EXIT_USAGE;
    }
    print_ctx pc = {stderr, o.src.quiet};
    diag_sink sink = {print_diag, &pc, {0}};
    double load_s, freeze_s;
    int failed;
    dict_set *d = load_sources(&o.src, &sink, &load_s, &freeze_s, &failed);
    if (!d) {
        fprintf(stderr, "dyad dict convert: no dictionaries could be loaded\n");
        return EXIT_FAILED;
    }
    long lossy = 0;
    int wrc = dict_write_native(d, o.output, &lossy, &sink);
    dict_set_free(d);
    if (wrc != 0)
        return EXIT_FAILED;
    fprintf(stderr, "dyad dict convert: written to %s; %ld item%s could not be said exactly in "
            "the native format (see the # comments)\n",
            o.output, lossy, lossy == 1 ? "" : "s");
    unsigned long problems = sink.counts[DIAG_WARNING] + sink.counts[DIAG_ERROR];
    return problems || failed ? EXIT_INPUT_LOST : EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------- */

static void dict_help(FILE *out)
{
    fprintf(out,
            "usage: dyad dict lint|stats|convert [OPTIONS] [SOURCES]\n"
            "\n"
            "  lint      report malformed lines and inconsistencies (exit 1 when any)\n"
            "  stats     what the dictionaries hold, load time and memory\n"
            "  convert   write the dictionaries in dyad's native format\n"
            "\n"
            "Without sources, the built-in data/ directory is used.  Dialects: dyad's\n"
            "native files, TABARI (.actors .agents .verbs .options .project) and\n"
            "PETRARCH (CAMEO.2.0.txt, Phoenix.*.txt).  `dyad dict COMMAND --help` for more.\n");
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        dict_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "lint"))
        return lint(argc - 1, argv + 1);
    if (!strcmp(sub, "stats"))
        return stats(argc - 1, argv + 1);
    if (!strcmp(sub, "convert"))
        return convert(argc - 1, argv + 1);
    fprintf(stderr, "dyad dict: unknown command '%s'\n", sub);
    dict_help(stderr);
    return EXIT_USAGE;
}
