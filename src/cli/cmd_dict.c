/* cmd_dict.c: `dyad dict` (under construction). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_dict(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad dict: not built yet\n");
    return EXIT_FAILED;
}
