/*
** store.h: where coded documents, mentions and events are kept, and how they
** are read back.
**
** A store is a backend behind a table of function pointers (store_backend) and
** an opaque handle: SQLite is the first backend (store_sqlite.c), PostgreSQL
** comes next and only has to fill the same table.  store_open picks the
** backend from the target: "postgresql://..." / "postgres://..." will be
** PostgreSQL, anything else is a SQLite file.
**
** Writing (`dyad code --db FILE`), from one thread, in input order:
**
**     store_options opt = {.codebook = codebook_lookup_dict(dict),
**                          .dictionary_version = dict_version(dict)};
**     store *s = store_open("dyad.db", &opt, &diags);          // NULL: reported
**     for each coded document:
**         store_added added;
**         int r = store_add_document(s, doc, mentions, n, &added);
**         // STORE_ADDED, STORE_DUPLICATE ("already stored": same content hash,
**         // nothing changed), or STORE_ERROR (reported; the document is lost,
**         // the store is still usable)
**     store_close(s);                                           // commits
**
** Documents are written in transactions of opt.batch documents (each document
** inside its own savepoint, so a failing one leaves no trace); readers in
** other processes see whole batches only.  store_commit ends the current batch
** early (e.g. before a long pause in the input).
**
** Reading: each query takes an event_filter and calls a function once per row.
** Row structs point into the backend's buffers and are valid only during the
** call; copy what you keep.  The callback returns 0 to go on, anything else to
** stop (the query then returns that value).  Queries return 0, or -1 after
** reporting a failure to the store's diag_sink.
**
** The database also keeps the codebook rows (code, name, Goldstein, quad class)
** seen at write time and a name per actor code, so that read commands need no
** dictionary at all.
**
** A store handle is not thread-safe: one thread per handle.  Any number of
** processes may read while one writes (SQLite: WAL mode).
*/
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "coder/mention.h"
#include "events/events.h"
#include "events/tone.h"
#include "ingest/document.h"
#include "util/diag.h"

/* ---- opening ------------------------------------------------------------ */

typedef struct store_options {
    int readonly;                   /* 1: read commands; the store must exist */
    codebook_lookup codebook;       /* for Goldstein, quad class, names (write) */
    const char *dictionary_version; /* recorded with every mention; may be NULL */
    const char *dictionary_files;   /* what it was loaded from; may be NULL */
    const tone_lexicon *tone;       /* NULL: the built-in lists */
    unsigned batch;                 /* documents per transaction; 0 = 500 */
    int64_t now;                    /* ingest time (Unix seconds); 0 = the clock */
    unsigned neardup_window;        /* near-duplicates are looked for among this many
                                       most recent documents; 0 = 50000 */
} store_options;

typedef struct store store;

/* Open (creating and migrating as needed, unless readonly) the store named by
   target.  NULL when it cannot be opened (reported to diags). */
store *store_open(const char *target, const store_options *opt, diag_sink *diags);

/* Commit and close; returns 0, or -1 when the last commit failed (reported). */
int store_close(store *s);

const char *store_backend_name(const store *s);

/* ---- writing ------------------------------------------------------------ */

typedef enum store_status {
    STORE_ERROR = -1,
    STORE_ADDED = 0,
    STORE_DUPLICATE = 1             /* same content hash already stored */
} store_status;

typedef struct store_added {
    int64_t document_id;            /* new id, or the stored one (duplicate) */
    int64_t cluster_id;             /* first document of its near-duplicate cluster */
    double similarity;              /* to the cluster's matching document; 0 if new */
    uint32_t mentions;              /* stored */
    uint32_t aggregated;            /* of which made events */
    uint32_t events_new, events_updated;
} store_added;

/* Store a document and its mentions, aggregating them into events
   (events/events.h).  out may be NULL. */
store_status store_add_document(store *s, const document *doc, const event_mention *m,
                                size_t n, store_added *out);

/* Commit the current batch now.  Returns 0 or -1 (reported). */
int store_commit(store *s);

/* ---- reading ------------------------------------------------------------ */

typedef enum store_order {
    STORE_BY_DATE = 0,              /* date, then id */
    STORE_BY_EVIDENCE               /* most sources, articles, mentions first */
} store_order;

typedef struct event_filter {
    const char *actor;              /* source or target code starts with it ("KOR") */
    const char *source, *target;    /* code prefixes */
    const char *code;               /* event code prefix ("04", "042") */
    const char *root;               /* root code, exactly ("04") */
    int quad;                       /* 1..4; 0 = any */
    int32_t from, to;               /* inclusive day numbers; DATE_UNKNOWN = open */
    int exact;                      /* 1: actor, source, target match whole codes */
    int64_t event_id;               /* one event; 0 = any */
    uint64_t limit;                 /* rows; 0 = all */
    store_order order;
} event_filter;

/* A filter that matches everything (dates open). */
event_filter event_filter_all(void);

/* 1 when s is a usable code prefix (letters and digits, at most ACTOR_CODE_MAX-1). */
int store_code_ok(const char *s);

typedef struct event_row {
    int64_t id;
    const char *date;               /* "YYYY-MM-DD" */
    const char *source, *target;    /* "" when absent */
    const char *code, *base, *root;
    const char *code_name;          /* from the stored codebook; "" if unknown */
    const char *source_name, *target_name;  /* "" if unknown */
    int quad_class;
    double goldstein, avg_tone;
    int64_t num_mentions, num_articles, num_sources, num_historical;
    int is_root;
    const char *first_seen;         /* "YYYY-MM-DDTHH:MM:SSZ" */
    const char *added_at;           /* when it was first stored, same form */
    /* the first report: its mention and document */
    int64_t first_mention_id, first_document_id;
    int64_t first_sentence_no;
    const char *first_doc, *first_url, *first_outlet;   /* "" when unknown */
} event_row;

typedef struct span_row {
    int64_t start, end;             /* bytes in the document text; -1 when absent */
    int64_t chars;                  /* character offset of start; -1 when absent */
    const char *text;               /* the spanned text */
    const char *entry, *agent_entry;/* provenance; "" when none */
} span_row;

typedef struct mention_row {
    int64_t id, event_id, document_id;
    int status;                     /* mention_use */
    /* its document */
    const char *doc, *outlet, *url, *title, *published, *added_at, *lang, *original_source;
    int64_t doc_bytes, doc_chars, cluster_id;
    double doc_tone;
    /* the mention */
    int64_t sentence_no, sentence_start;
    const char *sentence;
    const char *date;               /* its event date, or its own; "" when none */
    int date_basis, modality;
    unsigned flags;
    double confidence;
    const char *source, *target, *code;
    span_row src, tgt, verb;
    const char *pattern, *dictionary_version;
    const char *event_added_at;     /* the event's added_at ("" if not aggregated) */
} mention_row;

typedef struct dyad_row {
    const char *source, *target, *source_name, *target_name;
    int64_t num_events, num_mentions, num_articles;
    double mean_goldstein;          /* over events */
    int64_t quad[5];                /* events per quad class (index 1..4; 0 = unknown) */
    const char *first_date, *last_date;
} dyad_row;

typedef enum time_bucket { BUCKET_DAY = 0, BUCKET_WEEK, BUCKET_MONTH } time_bucket;

typedef struct timeline_row {
    const char *period;             /* first day of the bucket: "2023-01-23" (weeks
                                       start on Monday, months on the 1st) */
    int64_t num_events, num_mentions;
    double mean_goldstein;
    int64_t quad[5];
} timeline_row;

typedef struct ranked_row {
    const char *key, *name;
    int64_t num_events, num_mentions;
} ranked_row;

typedef struct store_counts {
    int64_t documents, clusters, mentions, aggregated, negated, historical,
        undated_historical, events, dyads, actors, codes, dictionary_versions;
    int64_t dated_by_ingest;        /* aggregated mentions dated by the ingest day */
    char first_date[11], last_date[11];     /* of events; "" when none */
    char first_added[21], last_added[21];   /* of documents */
} store_counts;

typedef struct codebook_row {
    const char *code, *root, *name;
    double goldstein;
    int quad_class;
} codebook_row;

typedef int (*store_event_fn)(void *ctx, const event_row *row);
typedef int (*store_mention_fn)(void *ctx, const mention_row *row);
typedef int (*store_dyad_fn)(void *ctx, const dyad_row *row);
typedef int (*store_timeline_fn)(void *ctx, const timeline_row *row);
typedef int (*store_ranked_fn)(void *ctx, const ranked_row *row);
typedef int (*store_codebook_fn)(void *ctx, const codebook_row *row);

/* Events matching f, in f->order. */
int store_events(store *s, const event_filter *f, store_event_fn fn, void *ctx);

/* The mentions of the events matching f (f->limit counts events), by event then
   mention; only aggregated mentions. */
int store_mentions(store *s, const event_filter *f, store_mention_fn fn, void *ctx);

/* Dyads (source and target both present) among the events matching f, most
   events first; f->limit dyads. */
int store_dyads(store *s, const event_filter *f, store_dyad_fn fn, void *ctx);

/* Events matching f per day, week or month, in time order (empty buckets are
   not reported). */
int store_timeline(store *s, const event_filter *f, time_bucket b, store_timeline_fn fn,
                   void *ctx);

/* Actors (as source or target) and event codes by number of events. */
int store_top_actors(store *s, const event_filter *f, store_ranked_fn fn, void *ctx);
int store_top_codes(store *s, const event_filter *f, store_ranked_fn fn, void *ctx);

int store_counts_get(store *s, store_counts *out);

/* The codebook rows stored with the events. */
int store_codebook(store *s, store_codebook_fn fn, void *ctx);

/* ---- backends ----------------------------------------------------------- */

typedef struct store_backend {
    const char *name;
    void *(*open)(const char *target, const store_options *opt, diag_sink *diags);
    int (*close)(void *impl);
    store_status (*add_document)(void *impl, const document *doc, const event_mention *m,
                                 size_t n, store_added *out);
    int (*commit)(void *impl);
    int (*events)(void *impl, const event_filter *f, store_event_fn fn, void *ctx);
    int (*mentions)(void *impl, const event_filter *f, store_mention_fn fn, void *ctx);
    int (*dyads)(void *impl, const event_filter *f, store_dyad_fn fn, void *ctx);
    int (*timeline)(void *impl, const event_filter *f, time_bucket b, store_timeline_fn fn,
                    void *ctx);
    int (*top_actors)(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx);
    int (*top_codes)(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx);
    int (*counts)(void *impl, store_counts *out);
    int (*codebook)(void *impl, store_codebook_fn fn, void *ctx);
} store_backend;

struct store {
    const store_backend *backend;
    void *impl;                     /* the backend's own state */
};

extern const store_backend store_sqlite_backend;

/* The current schema version of the SQLite backend (PRAGMA user_version). */
#define STORE_SQLITE_SCHEMA_VERSION 1

#endif
