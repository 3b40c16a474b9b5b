/*
** sqlite_internal.h: the SQLite backend's state, shared by its three files:
** sqlite_schema.c (open, schema, migrations), sqlite_write.c (documents,
** mentions, events) and sqlite_read.c (queries).  Not part of the store API.
*/
#ifndef DYAD_SQLITE_INTERNAL_H
#define DYAD_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"
#include "util/strbuf.h"
#include "util/vec.h"

/* Prepared statements of the write path, prepared once at open. */
enum {
    SQ_FIND_DOC,
    SQ_INSERT_DOC,
    SQ_SET_CLUSTER_HEAD,
    SQ_DOC_SIGNATURE,
    SQ_FIND_EVENT,
    SQ_INSERT_EVENT,
    SQ_UPDATE_EVENT,
    SQ_INSERT_SOURCE,
    SQ_INSERT_MENTION,
    SQ_ACTOR_NAME,
    SQ_CODEBOOK_ROW,
    SQ_COUNT
};

typedef struct sq_store {
    sqlite3 *db;
    const char *path;               /* for messages (owned copy) */
    diag_sink *diags;
    int readonly;
    codebook_lookup codebook;
    const tone_lexicon *tone;
    tone_lexicon *own_tone;
    unsigned batch;
    int64_t fixed_now;              /* 0 = the clock */
    int64_t dictionary_version_id;  /* 0 = none */
    band_index *bands;              /* near-duplicate index of recent documents */
    unsigned window;                /* how many recent documents it covers */
    int64_t newest_doc;

    sqlite3_stmt *st[SQ_COUNT];
    int in_batch;                   /* a transaction is open */
    unsigned batch_docs;            /* documents in it */

    /* per-document scratch, kept between documents */
    VEC(event_delta) deltas;
    VEC(int32_t) which;
    VEC(uint8_t) why;
    VEC(int64_t) event_ids;
    VEC(int64_t) first_mention;
    VEC(uint8_t) event_is_new;
    strbuf sql;                     /* query text being built */

    /* display names of actor codes, computed once per handle (sq_actor_name) */
    struct sq_name *names;
    size_t names_cap, names_used;
    sqlite3_stmt *name_stmt;
} sq_store;

/* The display name of an actor code ("" when none is known); valid as long as
   the handle. */
const char *sq_actor_name(sq_store *s, const char *code);
void sq_names_free(sq_store *s);

/* Report the connection's last error with a context phrase; returns -1. */
int sq_fail(sq_store *s, const char *what);

/* Run SQL with no results; 0 or -1 (reported). */
int sq_exec(sq_store *s, const char *sql);

/* Open/migrate (sqlite_schema.c). */
void *sq_open(const char *target, const store_options *opt, diag_sink *diags);
int sq_close(void *impl);

/* Write path (sqlite_write.c). */
int sq_prepare_writes(sq_store *s);
int sq_load_bands(sq_store *s);
store_status sq_add_document(void *impl, const document *doc, const event_mention *m, size_t n,
                             store_added *out);
int sq_commit(void *impl);
int sq_store_codebook(sq_store *s);

/* Read path (sqlite_read.c). */
int sq_events(void *impl, const event_filter *f, store_event_fn fn, void *ctx);
int sq_mentions(void *impl, const event_filter *f, store_mention_fn fn, void *ctx);
int sq_dyads(void *impl, const event_filter *f, store_dyad_fn fn, void *ctx);
int sq_timeline(void *impl, const event_filter *f, time_bucket b, store_timeline_fn fn,
                void *ctx);
int sq_top_actors(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx);
int sq_top_codes(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx);
int sq_counts(void *impl, store_counts *out);
int sq_codebook(void *impl, store_codebook_fn fn, void *ctx);

#endif
