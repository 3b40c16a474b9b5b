/* cmd_eval.c: `dyad eval` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad eval: not built yet\n");
    return EXIT_FAILED;
}
