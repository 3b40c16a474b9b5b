/* cmd_dyads.c: `dyad dyads` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_dyads(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad dyads: not built yet\n");
    return EXIT_FAILED;
}
