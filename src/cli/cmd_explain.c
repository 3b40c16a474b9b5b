/*
** cmd_explain.c: `dyad explain "sentence"`: how a sentence is coded, and why.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/dicts.h"
#include "coder/coder.h"
#include "ingest/ingest.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad explain [OPTIONS] \"SENTENCE...\" | -\n"
            "\n"
            "Code the text given on the command line (or standard input with -) and\n"
            "show every step: tokens, dictionary hits (with file:line), actor phrases,\n"
            "clauses and subjects, verb groups, the patterns tried and which fired,\n"
            "and each event with the reason it was made or dropped.\n"
            "\n"
            "options:\n"
            "      --date DATE       the article's date (YYYY-MM-DD), for relative dates\n"
            "                        and dated roles (default: today)\n"
            "      --title TEXT      a headline coded before the text\n"
            "      --raw             code the text as given, without the article cleaning\n"
            "                        (datelines, bylines, boilerplate) that `dyad code` does\n"
            "      --historical      also show events dated well before the article\n"
            "      --negated         also show events the text negates\n" DICT_OPTIONS_HELP
            "  -h, --help            this help\n");
}

static int read_stdin(strbuf *sb)
{
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (strbuf_append(sb, buf, n) != 0)
            return -1;
    return 0;
}

static void print_event(const loaded_dicts *d, const document *doc, const event_mention *m)
{
    const codebook_entry *cb = dict_codebook(d->dict, m->code);
    char date[11];
    civil_format(m->date, date);
    printf("  %s -> %s  %s %s  date %s", m->source.code, m->target.code, m->code,
           cb ? cb->name : "(not in the codebook)", date[0] ? date : "unknown");
    if (m->flags & MENTF_HISTORICAL)
        printf(" [historical]");
    if (m->flags & MENTF_NEGATED)
        printf(" [negated]");
    if (m->modality == MOD_INTENDED)
        printf(" [intention]");
    printf("\n    sentence %u; source \"%.*s\" (%s); target \"%.*s\" (%s); verb \"%.*s\" (%s)\n",
           m->sentence, (int)(m->source.text.end - m->source.text.start),
           doc->text + m->source.text.start, m->source.entry ? m->source.entry : "-",
           (int)(m->target.text.end - m->target.text.start), doc->text + m->target.text.start,
           m->target.entry ? m->target.entry : "-",
           (int)(m->verb_text.end - m->verb_text.start), doc->text + m->verb_text.start,
           m->pattern ? m->pattern : (m->verb_entry ? m->verb_entry : "-"));
}

int cmd_explain(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'D'},  {"title", required_argument, NULL, 'T'},
        {"dict", required_argument, NULL, 'd'},  {"historical", no_argument, NULL, 'H'},
        {"negated", no_argument, NULL, 'N'},     {"help", no_argument, NULL, 'h'},
        {"raw", no_argument, NULL, 'R'},
        {NULL, 0, NULL, 0}};
    dict_paths paths = {0};
    coder_options opt;
    coder_options_init(&opt);
    const char *title = NULL;
    int32_t date = DATE_UNKNOWN;
    int raw = 0;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'D':
            if (civil_parse(optarg, strlen(optarg), &date) != 0) {
                fprintf(stderr, "dyad explain: --date: not a date: %s\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'T': title = optarg; break;
        case 'd':
            if (dict_paths_add(&paths, optarg) != 0) {
                fprintf(stderr, "dyad explain: too many --dict options\n");
                return EXIT_USAGE;
            }
            break;
        case 'H': opt.include_historical = 1; break;
        case 'N': opt.include_negated = 1; break;
        case 'R': raw = 1; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    strbuf text = {0};
    if (!strcmp(argv[optind], "-")) {
        if (read_stdin(&text) != 0)
            return EXIT_FAILED;
    } else {
        for (int k = optind; k < argc; k++) {
            if (k > optind)
                strbuf_putc(&text, ' ');
            strbuf_puts(&text, argv[k]);
        }
    }
    if (date == DATE_UNKNOWN) {
        time_t now = time(NULL);
        date = (int32_t)(now / 86400);
    }
    int verbose = 0;
    diag_sink diags = {cli_diag_fn, &verbose, {0}};
    loaded_dicts d;
    if (load_dictionaries(&paths, &d, &diags) != 0) {
        fprintf(stderr, "dyad explain: the dictionaries could not be loaded\n");
        strbuf_free(&text);
        return EXIT_FAILED;
    }
    document *doc = document_new();
    strbuf full = {0};
    size_t title_len = 0;
    if (title) {
        strbuf_puts(&full, title);
        title_len = full.len;
        strbuf_puts(&full, "\n\n");
    }
    strbuf_append(&full, text.data ? text.data : "", text.len);
    int rc = EXIT_FAILED;
    int ready = 0;
    if (doc && raw)
        ready = document_set_text(doc, full.data ? full.data : "", full.len, title_len) == 0;
    else if (doc) /* the same cleaning as `dyad code` (datelines, boilerplate) */
        ready = ingest_clean_article(doc, title, title ? strlen(title) : 0,
                                     text.data ? text.data : "", text.len, "explain", &diags) == 0;
    if (ready) {
        doc->id = "explain";
        if (doc->published == DATE_UNKNOWN || raw)
            doc->published = date;
        if (doc->place)
            printf("dateline place: %s\n", doc->place);
        coder *c = coder_new(d.model, &opt);
        strbuf trace = {0};
        mention_vec out = {0};
        if (c) {
            coder_set_trace(c, &trace);
            long n = coder_code_document(c, doc, &out);
            fputs(trace.data ? trace.data : "", stdout);
            printf("events (%ld):\n", n < 0 ? 0 : n);
            for (size_t k = 0; k < out.len; k++)
                print_event(&d, doc, &out.items[k]);
            rc = n < 0 ? EXIT_FAILED : EXIT_OK;
        }
        coder_free(c);
        vec_free(&out);
        strbuf_free(&trace);
    }
    document_free(doc);
    strbuf_free(&full);
    strbuf_free(&text);
    unload_dictionaries(&d);
    return rc;
}
