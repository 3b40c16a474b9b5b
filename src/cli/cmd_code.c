/* cmd_code.c: `dyad code` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_code(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad code: not built yet\n");
    return EXIT_FAILED;
}
