/*
** main.c: `dyad`, the command-line entry point.  Dispatches to a subcommand.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "dev"
#endif
#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "/usr/local/share/dyad"
#endif

static const command commands[] = {
    {"code", cmd_code, "code documents into events (stdout and/or --db)"},
    {"explain", cmd_explain, "show how one sentence is coded, step by step"},
    {"summary", cmd_summary, "a readable summary of what a database holds"},
    {"query", cmd_query, "events from a database, filtered by actor, dyad, code, date"},
    {"dyads", cmd_dyads, "the most active dyads in a database"},
    {"timeline", cmd_timeline, "one dyad's counts and mean Goldstein over time"},
    {"export", cmd_export, "write a database as GDELT, PLOVER, ICEWS, CSV, GraphML or DOT"},
    {"dict", cmd_dict, "check, describe and convert dictionaries (lint, stats, convert)"},
    {"eval", cmd_eval, "accuracy on a gold set of real news (../shared/corpus/dev)"},
    {"conformance", cmd_conformance, "run the TABARI or PETRARCH validation suites"},
    {"bench", cmd_bench, "throughput figures on a corpus"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "dyad reads news text and codes political events: who did what to whom,\n"
            "when, in the CAMEO ontology, with the evidence for every event.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Run `dyad COMMAND --help` for a command's options.\n"
            "\n"
            "exit codes:\n"
            "  0  done, nothing lost\n"
            "  1  done, but some input could not be used (each problem was reported)\n"
            "  2  bad command line\n"
            "  3  the run could not go on (dictionaries, database, memory)\n");
}

const char *cli_data_dir(void)
{
    const char *env = getenv("DYAD_DATA");
    if (env && *env)
        return env;
    if (access(DYAD_DATA_DIR, R_OK) == 0)
        return DYAD_DATA_DIR;
    return "/usr/local/share/dyad";
}

void cli_diag_fn(void *ctx, const diag *d)
{
    if (d->level == DIAG_NOTE && !(ctx && *(int *)ctx))
        return;
    diag_print_fn(stderr, d);
}

int cli_stderr_is_tty(void)
{
    return isatty(STDERR_FILENO);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}
