/* cmd_bench.c: `dyad bench` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad bench: not built yet\n");
    return EXIT_FAILED;
}
