/* cmd_summary.c: `dyad summary` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_summary(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad summary: not built yet\n");
    return EXIT_FAILED;
}
