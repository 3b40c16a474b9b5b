/*
** dicts.h: loading the dictionary set a command works with.
**
** Every command that codes text takes the same --dict options: a directory of
** dyad's own files (the default is the built-in data/), a TABARI .project file,
** or single dictionary files of any dialect.  They are loaded into one set, the
** coder's grammar words are added, the set is frozen, and the shared coder
** model is built.
*/
#ifndef DYAD_CLI_DICTS_H
#define DYAD_CLI_DICTS_H

#include <stddef.h>

#include "coder/coder.h"
#include "util/diag.h"

#define CLI_MAX_DICTS 32

typedef struct dict_paths {
    const char *paths[CLI_MAX_DICTS];
    size_t n;
} dict_paths;

typedef struct loaded_dicts {
    dict_set *dict;
    coder_model *model;
    double load_seconds;
} loaded_dicts;

/* Add a --dict argument; -1 when there are too many. */
int dict_paths_add(dict_paths *p, const char *path);

/* Load (the built-in data/ when p has no paths).  Problems in the files are
   reported through diags; returns 0, or -1 when the set cannot be built. */
int load_dictionaries(const dict_paths *p, loaded_dicts *out, diag_sink *diags);
void unload_dictionaries(loaded_dicts *d);

#define DICT_OPTIONS_HELP                                                              \
    "  -d, --dict PATH       dictionaries: a directory of dyad files, a TABARI .project,\n" \
    "                        or a dictionary file of any dialect (repeatable;\n"           \
    "                        default: the built-in dictionaries)\n"

#endif
