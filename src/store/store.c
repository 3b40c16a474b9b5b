/*
** store.c: the backend-independent face of the store (store.h): picks a
** backend for a target and forwards every call through its function table.
*/
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"

static int is_postgres(const char *target)
{
    return !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
}

store *store_open(const char *target, const store_options *opt, diag_sink *diags)
{
    static const store_options defaults = {0};
    if (!opt)
        opt = &defaults;
    if (!target || !*target) {
        diag_report(diags, DIAG_FATAL, NULL, 0, -1, "store: no database named");
        return NULL;
    }
    if (is_postgres(target)) {
        diag_report(diags, DIAG_FATAL, target, 0, -1,
                    "store: the PostgreSQL backend is not built yet; use a SQLite file");
        return NULL;
    }
    const store_backend *be = &store_sqlite_backend;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        diag_report(diags, DIAG_FATAL, target, 0, -1, "store: out of memory");
        return NULL;
    }
    s->backend = be;
    s->impl = be->open(target, opt, diags);
    if (!s->impl) {
        free(s);
        return NULL;
    }
    return s;
}

int store_close(store *s)
{
    if (!s)
        return 0;
    int r = s->backend->close(s->impl);
    free(s);
    return r;
}

const char *store_backend_name(const store *s)
{
    return s->backend->name;
}

store_status store_add_document(store *s, const document *doc, const event_mention *m,
                                size_t n, store_added *out)
{
    store_added ignored;
    return s->backend->add_document(s->impl, doc, m, n, out ? out : &ignored);
}

int store_commit(store *s)
{
    return s->backend->commit(s->impl);
}

event_filter event_filter_all(void)
{
    event_filter f;
    memset(&f, 0, sizeof f);
    f.from = DATE_UNKNOWN;
    f.to = DATE_UNKNOWN;
    return f;
}

int store_code_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return n > 0 && n < ACTOR_CODE_MAX;
}

int store_events(store *s, const event_filter *f, store_event_fn fn, void *ctx)
{
    return s->backend->events(s->impl, f, fn, ctx);
}

int store_mentions(store *s, const event_filter *f, store_mention_fn fn, void *ctx)
{
    return s->backend->mentions(s->impl, f, fn, ctx);
}

int store_dyads(store *s, const event_filter *f, store_dyad_fn fn, void *ctx)
{
    return s->backend->dyads(s->impl, f, fn, ctx);
}

int store_timeline(store *s, const event_filter *f, time_bucket b, store_timeline_fn fn,
                   void *ctx)
{
    return s->backend->timeline(s->impl, f, b, fn, ctx);
}

int store_top_actors(store *s, const event_filter *f, store_ranked_fn fn, void *ctx)
{
    return s->backend->top_actors(s->impl, f, fn, ctx);
}

int store_top_codes(store *s, const event_filter *f, store_ranked_fn fn, void *ctx)
{
    return s->backend->top_codes(s->impl, f, fn, ctx);
}

int store_counts_get(store *s, store_counts *out)
{
    return s->backend->counts(s->impl, out);
}

int store_codebook(store *s, store_codebook_fn fn, void *ctx)
{
    return s->backend->codebook(s->impl, fn, ctx);
}
