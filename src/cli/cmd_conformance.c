/* cmd_conformance.c: `dyad conformance` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_conformance(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad conformance: not built yet\n");
    return EXIT_FAILED;
}
