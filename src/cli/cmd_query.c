/* cmd_query.c: `dyad query` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_query(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad query: not built yet\n");
    return EXIT_FAILED;
}
