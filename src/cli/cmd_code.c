/*
** cmd_code.c: `dyad code`: documents in, events out.
**
** The whole pipeline in one command: inputs are read and cut into raw records
** by ingest (on this thread); a pool of workers (on every core) parses and
** cleans each record into a document, codes it and renders its output lines
** (JSONL, TSV, or one line per document); the results come back here in input
** order to be written to standard output and/or stored in a database, each
** after the diagnostics of reading and parsing it, so stderr reads the same
** whatever the number of threads.  Bad input is reported and skipped; the run
** goes on.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/dicts.h"
#include "cli/progress.h"
#include "coder/pool.h"
#include "export/export.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

typedef enum out_format { OUT_JSONL, OUT_TSV, OUT_DOCS, OUT_NONE } out_format;

typedef struct code_run {
    out_format format;
    FILE *out;
    strbuf line;
    store *db;
    codebook_lookup codebook;
    coder_pool *pool;
    progress bar;
    uint64_t documents, duplicates, mentions, bytes, store_errors;
    int write_failed;
} code_run;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad code [OPTIONS] [FILE|DIR|-]...\n"
            "\n"
            "Code news documents into CAMEO events.  Inputs are files, directories\n"
            "(read recursively), or - for standard input (the default when no input is\n"
            "given); plain text, JSONL ({\"id\",\"date\",\"outlet\",\"url\",\"title\",\"text\"}),\n"
            "HTML or TABARI records, optionally gzip- or zstd-compressed.\n"
            "\n"
            "output:\n"
            "      --db FILE         store documents, mentions and events in an SQLite\n"
            "                        database (created if needed; re-coding the same text\n"
            "                        adds nothing)\n"
            "  -f, --format FMT      standard output: jsonl (one event mention per line,\n"
            "                        with all evidence; the default without --db), tsv,\n"
            "                        docs (one line per document: {\"doc\",\"events\"}), or none\n"
            "                        (the default with --db)\n"
            "  -o, --output FILE     write to FILE instead of standard output\n"
            "\n"
            "coding:\n" DICT_OPTIONS_HELP
            "      --date DATE       date for documents that give none (YYYY-MM-DD)\n"
            "      --input-format F  auto (default), text, jsonl, html or tabari\n"
            "      --historical      also emit events dated well before their article\n"
            "      --negated         also emit events the text negates (flagged)\n"
            "      --no-title        do not code titles\n"
            "      --no-dedupe       keep repeated (source, target, code) within a document\n"
            "      --tabari-rules    code with TABARI's rules (for TABARI dictionaries)\n"
            "  -j, --threads N       coding threads (default: one per core)\n"
            "\n"
            "other:\n"
            "  -q, --quiet           no progress bar or summary (the default in a pipe)\n"
            "  -v, --verbose         also report what cleaning removed and other notes\n"
            "      --progress        progress bar and summary even when not on a terminal\n"
            "      --strict          exit 1 when any input could not be used\n"
            "  -h, --help            this help\n"
            "\n"
            "Problems in the input are reported on standard error as FILE:LINE: problem,\n"
            "and every good document is still coded.  Exit codes: 0 done (1 with --strict\n"
            "when some input was lost), 2 bad command line, 3 the run could not go on.\n");
}

static void write_docs_line(strbuf *out, const document *doc, const event_mention *m, size_t n)
{
    strbuf_puts(out, "{\"doc\":\"");
    strbuf_json_escape(out, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
    strbuf_puts(out, "\",\"events\":[");
    for (size_t k = 0; k < n; k++) {
        strbuf_printf(out, "%s{\"source\":\"%s\",\"target\":\"%s\",\"code\":\"%s\"}",
                      k ? "," : "", m[k].source.code, m[k].target.code, m[k].code);
    }
    strbuf_puts(out, "]}\n");
}

/* The renderer (coder_pool_set_renderer): one document's output lines, on the
   worker that coded it.  Reads only the format and the frozen codebook. */
static int render(void *ctx, const document *doc, const event_mention *m, size_t n, strbuf *out)
{
    const code_run *r = ctx;
    switch (r->format) {
    case OUT_JSONL:
        for (size_t k = 0; k < n; k++)
            export_mention_jsonl(out, doc, &m[k], &r->codebook);
        break;
    case OUT_TSV:
        for (size_t k = 0; k < n; k++)
            export_mention_tsv(out, doc, &m[k], &r->codebook);
        break;
    case OUT_DOCS:
        write_docs_line(out, doc, m, n);
        break;
    case OUT_NONE:
        break;
    }
    return 0;
}

static int on_coded(void *ctx, const document *doc, const event_mention *m, size_t n)
{
    code_run *r = ctx;
    r->documents++;
    r->bytes += doc->text_len;
    r->mentions += n;
    size_t len;
    const char *bytes = coder_pool_rendered(r->pool, &len);
    if (len && fwrite(bytes, 1, len, r->out) != len) {
        r->write_failed = 1;
        return -1; /* a closed pipe: stop */
    }
    if (r->db) {
        store_status s = store_add_document(r->db, doc, m, n, NULL);
        if (s == STORE_DUPLICATE)
            r->duplicates++;
        else if (s == STORE_ERROR)
            r->store_errors++;
    }
    progress_update(&r->bar, r->documents, r->bytes, r->mentions);
    return 0;
}

static int on_record(void *ctx, const ingest_record *rec)
{
    code_run *r = ctx;
    int rc = coder_pool_submit_record(r->pool, rec);
    return rc > 0 ? rc : (rc < 0 ? -1 : 0);
}

static int parse_format(const char *s, out_format *f)
{
    if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
        *f = OUT_JSONL;
    else if (!strcmp(s, "tsv"))
        *f = OUT_TSV;
    else if (!strcmp(s, "docs"))
        *f = OUT_DOCS;
    else if (!strcmp(s, "none"))
        *f = OUT_NONE;
    else
        return -1;
    return 0;
}

static int parse_input_format(const char *s, ingest_format *f)
{
    static const struct { const char *name; ingest_format f; } names[] = {
        {"auto", INGEST_AUTO}, {"text", INGEST_TEXT}, {"jsonl", INGEST_JSONL},
        {"html", INGEST_HTML}, {"tabari", INGEST_TABARI}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (!strcmp(s, names[k].name)) {
            *f = names[k].f;
            return 0;
        }
    return -1;
}

int cmd_code(int argc, char **argv)
{
    enum { O_DB = 256, O_DATE, O_INFMT, O_HIST, O_NEG, O_NOTITLE, O_NODEDUPE, O_TABARI,
           O_PROGRESS, O_STRICT };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"dict", required_argument, NULL, 'd'},
        {"date", required_argument, NULL, O_DATE},
        {"input-format", required_argument, NULL, O_INFMT},
        {"historical", no_argument, NULL, O_HIST},
        {"negated", no_argument, NULL, O_NEG},
        {"no-title", no_argument, NULL, O_NOTITLE},
        {"no-dedupe", no_argument, NULL, O_NODEDUPE},
        {"tabari-rules", no_argument, NULL, O_TABARI},
        {"threads", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"progress", no_argument, NULL, O_PROGRESS},
        {"strict", no_argument, NULL, O_STRICT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    code_run r;
    memset(&r, 0, sizeof r);
    r.out = stdout;
    const char *db_path = NULL, *out_path = NULL;
    int format_given = 0, threads = 0, quiet = 0, force_progress = 0, strict = 0, verbose = 0;
    dict_paths paths = {0};
    coder_options copt;
    coder_options_init(&copt);
    ingest_options iopt = {0};
    iopt.default_date = DATE_UNKNOWN;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:o:d:j:qvh", longopts, NULL)) != -1) {
        switch (ch) {
        case O_DB: db_path = optarg; break;
        case 'f':
            if (parse_format(optarg, &r.format) != 0) {
                fprintf(stderr, "dyad code: unknown --format '%s' (jsonl, tsv, docs, none)\n", optarg);
                return EXIT_USAGE;
            }
            format_given = 1;
            break;
        case 'o': out_path = optarg; break;
        case 'd':
            if (dict_paths_add(&paths, optarg) != 0) {
                fprintf(stderr, "dyad code: too many --dict options\n");
                return EXIT_USAGE;
            }
            break;
        case O_DATE:
            if (civil_parse(optarg, strlen(optarg), &iopt.default_date) != 0) {
                fprintf(stderr, "dyad code: --date: not a date: %s\n", optarg);
                return EXIT_USAGE;
            }
            copt.default_date = iopt.default_date;
            break;
        case O_INFMT:
            if (parse_input_format(optarg, &iopt.format) != 0) {
                fprintf(stderr, "dyad code: unknown --input-format '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_HIST: copt.include_historical = 1; break;
        case O_NEG: copt.include_negated = 1; break;
        case O_NOTITLE: copt.code_title = 0; break;
        case O_NODEDUPE: copt.dedupe = 0; break;
        case O_TABARI: copt.rules = CODER_RULES_TABARI; break;
        case 'j': threads = atoi(optarg); break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case O_PROGRESS: force_progress = 1; break;
        case O_STRICT: strict = 1; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!format_given)
        r.format = db_path ? OUT_NONE : OUT_JSONL;

    diag_sink diags = {cli_diag_fn, &verbose, {0}};
    loaded_dicts d;
    if (load_dictionaries(&paths, &d, &diags) != 0) {
        fprintf(stderr, "dyad code: the dictionaries could not be loaded\n");
        return EXIT_FAILED;
    }
    int rc = EXIT_OK;
    r.codebook = codebook_lookup_dict(d.dict);
    if (out_path && !(r.out = fopen(out_path, "w"))) {
        fprintf(stderr, "dyad code: cannot write %s\n", out_path);
        unload_dictionaries(&d);
        return EXIT_FAILED;
    }
    if (db_path) {
        store_options sopt = {0};
        sopt.codebook = r.codebook;
        sopt.dictionary_version = dict_version(d.dict);
        r.db = store_open(db_path, &sopt, &diags);
        if (!r.db) {
            rc = EXIT_FAILED;
            goto done;
        }
    }
    r.pool = coder_pool_new(d.model, &copt, threads, on_coded, &r);
    if (!r.pool) {
        fprintf(stderr, "dyad code: out of memory\n");
        rc = EXIT_FAILED;
        goto done;
    }
    if (coder_pool_set_ingest(r.pool, &iopt, &diags) != 0) {
        fprintf(stderr, "dyad code: out of memory\n");
        rc = EXIT_FAILED;
        goto done;
    }
    if (r.format != OUT_NONE)
        coder_pool_set_renderer(r.pool, render, &r);
    progress_init(&r.bar, !quiet && (force_progress || cli_stderr_is_tty()));
    if (r.format == OUT_TSV) {
        strbuf_clear(&r.line);
        export_mention_tsv_header(&r.line);
        fwrite(r.line.data, 1, r.line.len, r.out);
    }
    int n_inputs = argc - optind;
    for (int k = 0; k < (n_inputs ? n_inputs : 1); k++) {
        const char *in = n_inputs ? argv[optind + k] : "-";
        ingest_stats st = {0};
        int ir = ingest_path_records(in, &iopt, on_record, &r, coder_pool_reader_diags(r.pool),
                                     &st);
        if (ir != 0 && (r.write_failed || ir > 0))
            break;
    }
    coder_pool_finish(r.pool);
    progress_done(&r.bar);
    if (!quiet && (force_progress || cli_stderr_is_tty()))
        fprintf(stderr,
                "dyad code: %llu documents (%llu already stored), %llu sentences, %llu events, "
                "%.1f MB in %.2f s (%d threads)\n",
                (unsigned long long)r.documents, (unsigned long long)r.duplicates,
                (unsigned long long)coder_pool_sentences(r.pool), (unsigned long long)r.mentions,
                r.bytes / 1e6, progress_elapsed(&r.bar), coder_pool_threads(r.pool));
done:
    coder_pool_free(r.pool);
    if (r.db && store_close(r.db) != 0)
        rc = EXIT_FAILED;
    if (r.out != stdout && r.out)
        fclose(r.out);
    else
        fflush(stdout);
    strbuf_free(&r.line);
    unload_dictionaries(&d);
    if (rc == EXIT_OK && diags.counts[DIAG_FATAL])
        rc = EXIT_FAILED;
    if (rc == EXIT_OK && strict && (diags.counts[DIAG_WARNING] || diags.counts[DIAG_ERROR] ||
                                    r.store_errors))
        rc = EXIT_INPUT_LOST;
    return rc;
}
