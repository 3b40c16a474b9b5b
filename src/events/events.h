/*
** events.h: from event mentions to events, the rules every store follows.
**
** The coder emits mentions: one coded event in one sentence of one document.
** An *event* is what many mentions report: one (date, source, target, code)
** across all documents, with how much evidence there is for it:
**
**   num_mentions   mentions aggregated into it (repeats within a document count)
**   num_articles   distinct documents among them
**   num_sources    distinct *origins* among those documents (see doc_origin):
**                  a syndicated, republished or translated copy of an article
**                  adds an article but not a source
**   avg_tone       mean tone of its documents (each document once; events/tone.h)
**   first_seen     earliest publication time of its documents (midnight UTC of
**                  the publication day), or their ingest time when undated
**   goldstein, quad_class, root and base code: from the CAMEO codebook
**
** Which mentions become events (event_mention_date):
**   - a NEGATED mention ("denied that it shelled") is stored and marked but never
**     aggregated: a denied event did not happen as far as the text says;
**   - a HISTORICAL mention keeps its own date (the date the coder resolved from
**     the text, e.g. 1950-06-25 for "the 1950 invasion") and so joins the event
**     of that day, never the day of the article; when the coder could not date
**     it, it is stored but not aggregated (the article's date would be wrong);
**   - any other mention takes its date, else the document's publication date,
**     else the ingest day;
**   - a mention without an event code is never aggregated.
** Modality is not part of the key: "plans to visit" and "visited" are coded
** with different CAMEO codes by the coder when they differ.
**
** The rules live here, as functions of a document and its mentions, so that
** every store backend (SQLite now, PostgreSQL next) and the in-memory
** event_table below count the same way; the store's tests check the SQL
** aggregates against event_table.
**
** The codebook comes in through codebook_lookup, a function pointer and its
** context, so that this module needs no dictionary: the command line passes the
** dictionary set's codebook (codebook_lookup_dict), tests pass a small table.
*/
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "coder/mention.h"
#include "dict/dict.h"
#include "events/neardup.h"
#include "events/tone.h"
#include "ingest/document.h"

/* ---- codebook ----------------------------------------------------------- */

typedef struct codebook_lookup {
    /* The entry of an event code ("042"), or NULL when unknown. */
    const codebook_entry *(*find)(void *ctx, const char *code);
    /* The i-th entry, NULL past the end; may itself be NULL (then the codebook
       cannot be listed, only looked up). */
    const codebook_entry *(*at)(void *ctx, size_t i);
    void *ctx;
} codebook_lookup;

/* find() through a lookup that may be NULL or empty. */
const codebook_entry *codebook_find(const codebook_lookup *cb, const char *code);

/* A lookup over an array of entries (the caller keeps both alive). */
typedef struct codebook_table {
    const codebook_entry *rows;
    size_t n;
} codebook_table;

codebook_lookup codebook_lookup_table(const codebook_table *t);

/* A lookup over a dictionary set's codebook (dict_codebook/dict_codebook_at). */
codebook_lookup codebook_lookup_dict(const dict_set *d);

/* ---- event codes -------------------------------------------------------- */

/* Root ("04") and base ("042") of a CAMEO event code ("0421" -> "04", "042";
   "04" -> "04", "04").  root[3], base[4]; empty strings for an empty code. */
void event_code_parts(const char *code, char root[3], char base[4]);

/* The GDELT quad class of a root code (1..4), or 0 when it is not 01..20. */
int quad_class_of_root(const char *root);

/* ---- which mentions make events ----------------------------------------- */

typedef enum mention_use {
    MENTION_AGGREGATED = 0,     /* part of an event */
    MENTION_NEGATED,            /* stored, not aggregated */
    MENTION_UNDATED_HISTORICAL, /* stored, not aggregated */
    MENTION_NO_CODE             /* stored, not aggregated */
} mention_use;

/* Decide what a mention of doc contributes, and its event date (a day number)
   when aggregated.  ingest_day is the day the document is being stored. */
mention_use event_mention_date(const event_mention *m, const document *doc,
                               int32_t ingest_day, int32_t *date);

/* 1 when the mention is in the lead (GDELT's IsRootEvent): coded from the title,
   or from one of the first two sentences. */
int event_mention_is_lead(const event_mention *m);

/* ---- documents ---------------------------------------------------------- */

#define ORIGIN_MAX 128

/* The source identity of a document, for num_sources: the origin of the first
   document of its near-duplicate cluster when it is a copy (cluster_origin,
   NULL when the document starts its own cluster); else the outlet it names as
   the original ("originally published on huanqiu.com"); else its outlet; else
   "#<cluster_id>" (an unknown outlet counts once per cluster).  Outlets are
   folded to lower case without a URL scheme or "www.".  Writes into out. */
void doc_origin(const document *doc, const char *cluster_origin, int64_t cluster_id,
                char out[ORIGIN_MAX]);

/* When the document was first seen, as Unix seconds: midnight UTC of its
   publication day, else ingest_time. */
int64_t doc_first_seen(const document *doc, int64_t ingest_time);

/* "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void format_utc_time(int64_t unix_seconds, char out[21]);

/* ---- one document's contribution ---------------------------------------- */

/* The identity of an event. */
typedef struct event_key {
    int32_t date;
    char source[ACTOR_CODE_MAX];
    char target[ACTOR_CODE_MAX];
    char code[EVENT_CODE_MAX];
} event_key;

/* Make an event key (codes are truncated to fit). */
void event_key_make(event_key *k, int32_t date, const char *source, const char *target,
                    const char *code);
int event_key_equal(const event_key *a, const event_key *b);

/* What one document adds to one event: a store adds mentions/historical to the
   event's counts, one article, the document's tone once, its origin to the
   event's set of origins, and lowers first_seen to the document's. */
typedef struct event_delta {
    event_key key;
    uint32_t mentions, historical;
    uint8_t is_root;
} event_delta;

/* Group a document's mentions by event.  out must hold n deltas; which[i] is
   set to the index in out of mention i's event, or -1 when mention i is not
   aggregated (why[i], if why is not NULL, says why).  Returns the number of
   deltas (events touched), in order of first mention. */
size_t event_deltas(const document *doc, const event_mention *m, size_t n, int32_t ingest_day,
                    event_delta *out, int32_t *which, uint8_t *why);

/* ---- an in-memory event table ------------------------------------------ */

typedef struct event_agg {
    event_key key;
    char root[3], base[4];
    float goldstein;            /* 0 when the code is not in the codebook */
    uint8_t quad_class;         /* 0 when unknown */
    uint8_t is_root;            /* some mention is in a lead */
    uint32_t num_mentions, num_articles, num_sources, num_historical;
    double tone_sum;            /* avg_tone = tone_sum / num_articles */
    int64_t first_seen;         /* Unix seconds */
    uint32_t first_doc;         /* index (0-based, in add order) of the first document */
} event_agg;

/* What the table computed for one document. */
typedef struct event_doc_info {
    double tone;
    int64_t first_seen;
    uint32_t cluster;           /* index of the first document of its cluster */
    char origin[ORIGIN_MAX];
} event_doc_info;

typedef struct event_table event_table;

/* A table whose documents are clustered with their own near-duplicate index
   and scored with the given tone lexicon (NULL = built-in). */
event_table *event_table_new(codebook_lookup cb, const tone_lexicon *tone);
void event_table_free(event_table *t);

/* Add one document and its mentions.  ingest_time (Unix seconds) stands for
   "now".  Returns 0, or -1 on out of memory (part of the document may then be
   counted). */
int event_table_add(event_table *t, const document *doc, const event_mention *m, size_t n,
                    int64_t ingest_time);

size_t event_table_count(const event_table *t);
const event_agg *event_table_at(const event_table *t, size_t i);   /* in creation order */
const event_agg *event_table_find(const event_table *t, const event_key *k);

/* The facts computed for the i-th document added. */
const event_doc_info *event_table_doc(const event_table *t, size_t i);
size_t event_table_n_docs(const event_table *t);

#endif
