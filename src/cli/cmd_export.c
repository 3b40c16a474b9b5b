/* cmd_export.c: `dyad export` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad export: not built yet\n");
    return EXIT_FAILED;
}
