/* cmd_timeline.c: `dyad timeline` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_timeline(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad timeline: not built yet\n");
    return EXIT_FAILED;
}
