/*
** ingest.c: paths, directories, standard input and memory -> documents.
**
** This file decides where bytes come from; the readers (jsonl.c, tabari.c,
** text.c, html.c) decide what they mean.  Directories are walked recursively
** with their entries sorted by name (byte order), so two runs over the same
** tree deliver documents in the same order whatever the file system does.
** Hidden entries (".name") are skipped; inside a walk, so are files whose first
** bytes show a binary format (images, PDFs, executables, anything with NULs),
** which a user pointing dyad at a folder of news never means to code.  A file
** named explicitly is always read.  Unreadable entries are reported and the
** walk goes on.  Symbolic links are followed, but a directory already on the
** current path is not entered twice.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/ingestint.h"
#include "util/civil_date.h"

#define WALK_MAX_DEPTH 64

void ingest_parser_init(ingest_parser *p, const ingest_options *opt)
{
    memset(p, 0, sizeof *p);
    if (opt) {
        p->opt = *opt;
    } else {
        p->opt.default_date = DATE_UNKNOWN;
    }
    if (p->opt.max_record_bytes == 0)
        p->opt.max_record_bytes = INGEST_DEFAULT_MAX_RECORD;
}

void ingest_parser_clear(ingest_parser *p)
{
    strbuf_free(&p->fixed);
    strbuf_free(&p->scratch);
    strbuf_free(&p->decoded);
    strbuf_free(&p->text);
    strbuf_free(&p->authors);
    ingest_clean_scratch_free(p->clean);
    p->clean = NULL;
}

ingest_parser *ingest_parser_new(const ingest_options *opt)
{
    ingest_parser *p = malloc(sizeof *p);
    if (p)
        ingest_parser_init(p, opt);
    return p;
}

void ingest_parser_free(ingest_parser *p)
{
    if (!p)
        return;
    ingest_parser_clear(p);
    free(p);
}

int ingest_parse_record(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                        document **out)
{
    *out = NULL;
    int got;
    switch (rec->format) {
    case INGEST_JSONL: got = ingest_parse_jsonl(p, rec, diags, out); break;
    case INGEST_TABARI: got = ingest_parse_tabari(p, rec, diags, out); break;
    default: got = ingest_parse_article(p, rec, diags, out); break;
    }
    if (got <= 0) {
        *out = NULL;
        return got;
    }
    document *doc = *out;
    if (doc->published == DATE_UNKNOWN && p->opt.default_date != 0 &&
        p->opt.default_date != DATE_UNKNOWN)
        doc->published = p->opt.default_date;
    return 1;
}

void ingest_run_init(ingest_run *r, const ingest_options *opt, document_fn fn, void *ctx,
                     diag_sink *diags, ingest_stats *stats)
{
    memset(r, 0, sizeof *r);
    ingest_parser_init(&r->parser, opt);
    r->opt = r->parser.opt;
    r->fn = fn;
    r->ctx = ctx;
    r->diags = diags;
    r->stats = stats ? stats : &r->own_stats;
}

int ingest_deliver(ingest_run *r, document *doc)
{
    doc->ordinal = r->stats->documents++;
    if (!r->fn) {
        document_free(doc);
        return 0;
    }
    int rc = r->fn(r->ctx, doc);
    if (rc)
        r->stop = rc;
    return rc;
}

int ingest_emit(ingest_run *r, const ingest_record *rec)
{
    if (r->record_fn) {
        int rc = r->record_fn(r->ctx, rec);
        if (rc)
            r->stop = rc;
        return rc;
    }
    document *doc;
    r->parser.jsonl_no_fast = r->jsonl_no_fast;
    uint64_t fast = r->parser.jsonl_fast_lines;
    int got = ingest_parse_record(&r->parser, rec, r->diags, &doc);
    r->jsonl_fast_lines += r->parser.jsonl_fast_lines - fast;
    if (got > 0)
        return ingest_deliver(r, doc);
    if (got == 0)
        r->stats->skipped_records++;
    return 0;
}

int ingest_stream(ingest_run *r, instream *in, const char *name, int in_walk)
{
    linereader lr;
    lr_init(&lr, in);
    const char *p;
    size_t n = lr_peek(&lr, INGEST_CHUNK, &p);
    if (in_walk && ingest_looks_binary(p, n)) {
        diag_report(r->diags, DIAG_NOTE, name, 0, -1, "skipping binary file");
        lr_free(&lr);
        return 0;
    }
    r->stats->files++;
    ingest_format fmt = r->opt.format != INGEST_AUTO ? r->opt.format : ingest_detect_format(p, n);
    int rc = 0;
    switch (fmt) {
    case INGEST_JSONL: rc = ingest_read_jsonl(r, &lr, name); break;
    case INGEST_TABARI: rc = ingest_read_tabari(r, &lr, name); break;
    case INGEST_HTML: rc = ingest_read_html(r, &lr, name); break;
    case INGEST_AUTO: case INGEST_TEXT: default: rc = ingest_read_text(r, &lr, name); break;
    }
    if (lr.oom)
        diag_report(r->diags, DIAG_ERROR, name, 0, -1, "out of memory reading input");
    r->stats->bytes += in->out_total;
    lr_free(&lr);
    ingest_parser_clear(&r->parser);
    return rc;
}

static int ingest_fd(ingest_run *r, int fd, const char *name, int in_walk)
{
    instream in;
    if (instream_open_fd(&in, fd, name, r->diags) != 0) {
        instream_close(&in);
        return 0;
    }
    int rc = ingest_stream(r, &in, name, in_walk);
    instream_close(&in);
    return rc;
}

static int ingest_file(ingest_run *r, const char *path, int in_walk)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        diag_report(r->diags, DIAG_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = ingest_fd(r, fd, path, in_walk);
    close(fd);
    return rc;
}

typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *up;
} dir_chain;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk one directory; returns 0, -1 when it cannot be listed, or the callback's answer. */
static int walk_dir(ingest_run *r, const char *dir, const dir_chain *chain, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_report(r->diags, DIAG_ERROR, dir, 0, -1, "cannot read directory: %s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    int oom = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", ".." and hidden entries */
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn) {
                oom = 1;
                break;
            }
            names = nn;
            cap = ncap;
        }
        names[count] = strdup(e->d_name);
        if (!names[count]) {
            oom = 1;
            break;
        }
        count++;
    }
    closedir(d);
    if (oom)
        diag_report(r->diags, DIAG_ERROR, dir, 0, -1, "out of memory listing directory");
    qsort(names, count, sizeof *names, cmp_names);
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] == '/';
    strbuf path = {0};
    for (size_t k = 0; k < count && !r->stop; k++) {
        strbuf_clear(&path);
        if (strbuf_append(&path, dir, dlen) != 0 || (!slash && strbuf_putc(&path, '/') != 0) ||
            strbuf_puts(&path, names[k]) != 0) {
            diag_report(r->diags, DIAG_ERROR, dir, 0, -1, "out of memory");
            break;
        }
        struct stat st;
        if (stat(path.data, &st) != 0) {
            diag_report(r->diags, DIAG_ERROR, path.data, 0, -1, "cannot read: %s", strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            int loop = 0;
            for (const dir_chain *c = chain; c; c = c->up)
                if (c->dev == st.st_dev && c->ino == st.st_ino)
                    loop = 1;
            if (loop || depth >= WALK_MAX_DEPTH) {
                diag_report(r->diags, DIAG_NOTE, path.data, 0, -1,
                            loop ? "directory already being walked (link loop): skipped"
                                 : "directory nested too deep: skipped");
                continue;
            }
            dir_chain here = {st.st_dev, st.st_ino, chain};
            walk_dir(r, path.data, &here, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            ingest_file(r, path.data, 1);
        } else {
            diag_report(r->diags, DIAG_NOTE, path.data, 0, -1, "not a regular file: skipped");
        }
    }
    strbuf_free(&path);
    for (size_t k = 0; k < count; k++)
        free(names[k]);
    free(names);
    return r->stop;
}

static int path_run(ingest_run *r, const char *path);

int ingest_path(const char *path, const ingest_options *opt, document_fn fn, void *ctx,
                diag_sink *diags, ingest_stats *stats)
{
    ingest_run r;
    ingest_run_init(&r, opt, fn, ctx, diags, stats);
    return path_run(&r, path);
}

int ingest_path_records(const char *path, const ingest_options *opt, record_fn fn, void *ctx,
                        diag_sink *diags, ingest_stats *stats)
{
    ingest_run r;
    ingest_run_init(&r, opt, NULL, ctx, diags, stats);
    r.record_fn = fn;
    return path_run(&r, path);
}

static int path_run(ingest_run *r, const char *path)
{
    diag_sink *diags = r->diags;
    if (strcmp(path, "-") == 0) {
        ingest_fd(r, STDIN_FILENO, "-", 0);
        return r->stop;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_report(diags, DIAG_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
        return -1;
    }
    /* ids keep the named file's own name, or the named folder's name and
       everything below it */
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t base = len;
    while (base > 0 && path[base - 1] != '/')
        base--;
    r->id_skip = base;
    if (S_ISDIR(st.st_mode)) {
        dir_chain top = {st.st_dev, st.st_ino, NULL};
        int rc = walk_dir(r, path, &top, 0);
        return r->stop ? r->stop : (rc < 0 ? -1 : 0);
    }
    if (ingest_file(r, path, 0) < 0)
        return -1;
    return r->stop;
}

int ingest_bytes(const char *name, const void *data, size_t len, const ingest_options *opt,
                 document_fn fn, void *ctx, diag_sink *diags, ingest_stats *stats)
{
    ingest_run r;
    ingest_run_init(&r, opt, fn, ctx, diags, stats);
    instream in;
    if (instream_open_mem(&in, data, len, name ? name : "-", diags) != 0) {
        instream_close(&in);
        return -1;
    }
    ingest_stream(&r, &in, name ? name : "-", 0);
    instream_close(&in);
    return r.stop;
}
