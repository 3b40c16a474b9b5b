/* cmd_explain.c: `dyad explain` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_explain(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad explain: not built yet\n");
    return EXIT_FAILED;
}
