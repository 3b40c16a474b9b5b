/*
** cli.h: the `dyad` command's subcommands and the conventions they share.
**
** Each subcommand lives in its own file (cmd_<name>.c), parses its own options
** with getopt_long, answers --help, reads standard input when given "-", writes
** results to standard output and diagnostics to standard error, and returns one
** of the exit codes below.
*/
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "util/diag.h"

/* Exit codes (documented in the README and in `dyad --help`). */
enum {
    EXIT_OK = 0,            /* done, nothing lost */
    EXIT_INPUT_LOST = 1,    /* done, but some input could not be used (reported) */
    EXIT_USAGE = 2,         /* bad command line */
    EXIT_FAILED = 3         /* the run could not go on: unreadable dictionaries,
                               a database that cannot be opened, out of memory */
};

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_dyads(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_conformance(int argc, char **argv);

/* The directory holding the built-in dictionaries: $DYAD_DATA, else the
   compiled-in DYAD_DATA_DIR, else <prefix>/share/dyad next to the binary. */
const char *cli_data_dir(void);

/* A diag_fn for commands: prints warnings and errors to stderr, and notes
   (what cleaning removed, guesses made) only when *(int *)ctx is non-zero. */
void cli_diag_fn(void *ctx, const diag *d);

/* 1 when stderr is a terminal (progress bars are drawn only then). */
int cli_stderr_is_tty(void);

#endif
