/* dicts.c: see dicts.h. */
#include "cli/dicts.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "coder/grammar.h"

int dict_paths_add(dict_paths *p, const char *path)
{
    if (p->n == CLI_MAX_DICTS)
        return -1;
    p->paths[p->n++] = path;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int load_one(dict_builder *b, const char *path, diag_sink *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_report(diags, DIAG_FATAL, path, 0, -1, "cannot read dictionary: no such file or directory");
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return dict_load_dir(b, path, diags);
    if (ends_with(path, ".project"))
        return dict_load_tabari_project(b, path, diags);
    return dict_load_file(b, path, DICT_FILE_AUTO, DIALECT_AUTO, diags);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int load_dictionaries(const dict_paths *p, loaded_dicts *out, diag_sink *diags)
{
    memset(out, 0, sizeof *out);
    double t0 = now_seconds();
    dict_builder *b = dict_builder_new();
    if (!b)
        return -1;
    int failed = 0;
    if (p->n == 0)
        failed = load_one(b, cli_data_dir(), diags) != 0;
    for (size_t k = 0; k < p->n && !failed; k++)
        failed = load_one(b, p->paths[k], diags) != 0;
    if (failed || grammar_register(b) != 0) {
        dict_builder_free(b);
        return -1;
    }
    out->dict = dict_builder_freeze(b, diags);
    if (!out->dict)
        return -1;
    out->model = coder_model_new(out->dict);
    if (!out->model) {
        dict_set_free(out->dict);
        out->dict = NULL;
        return -1;
    }
    out->load_seconds = now_seconds() - t0;
    return 0;
}

void unload_dictionaries(loaded_dicts *d)
{
    coder_model_free(d->model);
    dict_set_free(d->dict);
    memset(d, 0, sizeof *d);
}
