/*
** sqlite_write.c: the SQLite backend's write path: one document, its
** near-duplicate cluster, its mentions and their events, in one savepoint.
**
** Per document (events/events.h has the rules, this file only applies them):
**   1. content hash known?  -> STORE_DUPLICATE, nothing written;
**   2. MinHash signature; candidates from the in-memory band index of the
**      opt.neardup_window most recent documents (rebuilt from the stored
**      signatures at open: 20 hash probes per document instead of 40 B-tree
**      operations, which cost 100 us a document when they were a table); the
**      most similar candidate at >= 0.5 gives the cluster and the origin, else
**      the document heads its own cluster;
**   3. the document row (tone, words, chars, origin, signature);
**   4. event_deltas groups the mentions by event; each event is found or
**      created, the mentions are inserted pointing at it, then each event is
**      updated once: mentions, historical, lead flag, +1 article, +tone,
**      +1 source when (event, origin) is new in event_sources, first_seen and
**      first_mention_id when this document is earlier.
** Every statement is prepared once at open and reset after use; documents
** are committed in batches of opt.batch.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "store/sqlite_internal.h"
#include "util/civil_date.h"

static const char *const write_sql[SQ_COUNT] = {
    [SQ_FIND_DOC] = "SELECT id, cluster_id FROM documents WHERE content_hash = ?1",
    [SQ_INSERT_DOC] =
        "INSERT INTO documents(content_hash, doc_id, source_name, source_line, outlet, url,"
        " title, author, place, original_source, lang, published, added_at, bytes, chars,"
        " words, tone, positive, negative, cluster_id, similarity, origin, minhash)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23)",
    [SQ_SET_CLUSTER_HEAD] = "UPDATE documents SET cluster_id = id, origin = ?2 WHERE id = ?1",
    [SQ_DOC_SIGNATURE] = "SELECT minhash, cluster_id, origin FROM documents WHERE id = ?1",
    [SQ_FIND_EVENT] = "SELECT id FROM events WHERE date = ?1 AND source_code = ?2"
                      " AND target_code = ?3 AND event_code = ?4",
    [SQ_INSERT_EVENT] =
        "INSERT INTO events(date, source_code, target_code, event_code, base_code, root_code,"
        " quad_class, goldstein, num_mentions, num_articles, num_sources, num_historical,"
        " is_root, tone_sum, avg_tone, first_seen, first_mention_id, added_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, 0, 0, 0, 0, ?9, NULL, ?10)",
    [SQ_UPDATE_EVENT] =
        "UPDATE events SET num_mentions = num_mentions + ?2,"
        " num_historical = num_historical + ?3, is_root = max(is_root, ?4),"
        " num_articles = num_articles + 1, num_sources = num_sources + ?5,"
        " tone_sum = tone_sum + ?6, avg_tone = (tone_sum + ?6) / (num_articles + 1),"
        " first_mention_id = CASE WHEN first_mention_id IS NULL OR ?7 < first_seen"
        "   THEN ?8 ELSE first_mention_id END,"
        " first_seen = min(first_seen, ?7) WHERE id = ?1",
    [SQ_INSERT_SOURCE] = "INSERT OR IGNORE INTO event_sources(event_id, origin) VALUES(?1, ?2)",
    [SQ_INSERT_MENTION] =
        "INSERT INTO mentions(document_id, event_id, status, sentence_no, sentence_start,"
        " sentence, source_code, target_code, event_code, date, date_basis, modality, flags,"
        " confidence, source_start, source_end, source_char, source_text, source_entry,"
        " source_agent_entry, target_start, target_end, target_char, target_text,"
        " target_entry, target_agent_entry, verb_start, verb_end, verb_char, verb_text,"
        " verb_entry, pattern, dictionary_version_id)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)",
    [SQ_ACTOR_NAME] = "INSERT INTO actor_names(code, name, mentions) VALUES(?1, ?2, 1)"
                      " ON CONFLICT(code, name) DO UPDATE SET mentions = mentions + 1",
    [SQ_CODEBOOK_ROW] =
        "INSERT INTO codebook(code, root, name, goldstein, quad_class)"
        " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET root = excluded.root,"
        " name = excluded.name, goldstein = excluded.goldstein,"
        " quad_class = excluded.quad_class",
};

int sq_prepare_writes(sq_store *s)
{
    for (size_t i = 0; i < SQ_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, write_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK)
            return sq_fail(s, "preparing statements");
    return 0;
}

/* ---- small helpers ------------------------------------------------------ */

static void bind_text(sqlite3_stmt *st, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_bytes(sqlite3_stmt *st, int i, const char *t, size_t len)
{
    sqlite3_bind_text(st, i, t, (int)len, SQLITE_STATIC);
}

/* Step a statement that returns no row; reset it. 0 or -1. */
static int run(sq_store *s, int which, const char *what)
{
    sqlite3_stmt *st = s->st[which];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : sq_fail(s, what);
}

static int64_t now_of(const sq_store *s)
{
    return s->fixed_now ? s->fixed_now : (int64_t)time(NULL);
}

static int64_t utf8_chars(const char *text, size_t len)
{
    int64_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static int span_ok(const document *doc, span sp)
{
    return sp.end > sp.start && sp.end <= doc->text_len;
}

/* Bind start, end, char offset and text of a span at i..i+3 (NULLs if absent). */
static void bind_span(sqlite3_stmt *st, int i, const document *doc, span sp)
{
    if (!span_ok(doc, sp)) {
        for (int j = 0; j < 4; j++)
            sqlite3_bind_null(st, i + j);
        return;
    }
    sqlite3_bind_int64(st, i, sp.start);
    sqlite3_bind_int64(st, i + 1, sp.end);
    sqlite3_bind_int64(st, i + 2, utf8_chars(doc->text, sp.start));
    bind_bytes(st, i + 3, doc->text + sp.start, sp.end - sp.start);
}

static void iso_date(int32_t day, char out[11])
{
    if (day == DATE_UNKNOWN)
        out[0] = '\0';
    else
        civil_format(day, out);
}

/* ---- transactions ------------------------------------------------------- */

static int begin_batch(sq_store *s)
{
    if (s->in_batch)
        return 0;
    if (sq_exec(s, "BEGIN IMMEDIATE") != 0)
        return -1;
    s->in_batch = 1;
    s->batch_docs = 0;
    return 0;
}

int sq_commit(void *impl)
{
    sq_store *s = impl;
    if (!s->in_batch)
        return 0;
    s->in_batch = 0;
    s->batch_docs = 0;
    if (sq_exec(s, "COMMIT") != 0) {
        sq_exec(s, "ROLLBACK");
        return -1;
    }
    return 0;
}

static int upsert_codebook_entry(sq_store *s, const codebook_entry *e)
{
    sqlite3_stmt *st = s->st[SQ_CODEBOOK_ROW];
    bind_text(st, 1, e->code);
    bind_text(st, 2, e->root ? e->root : "");
    bind_text(st, 3, e->name ? e->name : "");
    sqlite3_bind_double(st, 4, e->goldstein);
    sqlite3_bind_int(st, 5, e->quad_class);
    return run(s, SQ_CODEBOOK_ROW, "storing the codebook");
}

int sq_store_codebook(sq_store *s)
{
    if (!s->codebook.at)
        return 0;
    if (begin_batch(s) != 0)
        return -1;
    for (size_t i = 0;; i++) {
        const codebook_entry *e = s->codebook.at(s->codebook.ctx, i);
        if (!e)
            break;
        if (e->code && upsert_codebook_entry(s, e) != 0)
            return -1;
    }
    return sq_commit(s);
}

/* ---- clustering --------------------------------------------------------- */

typedef struct cluster_match {
    int64_t cluster_id;             /* 0 = none */
    double similarity;
    char origin[ORIGIN_MAX];
} cluster_match;

static int find_cluster(sq_store *s, const minhash *sig, const int64_t *bands, size_t n_bands,
                        cluster_match *best)
{
    int64_t cand[NEARDUP_CANDIDATES], best_doc = 0;
    size_t n = band_index_candidates(s->bands, bands, n_bands, cand, NEARDUP_CANDIDATES);
    best->cluster_id = 0;
    best->similarity = 0;
    best->origin[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *q = s->st[SQ_DOC_SIGNATURE];
        sqlite3_bind_int64(q, 1, cand[i]);
        int rc = sqlite3_step(q);
        minhash other;
        if (rc == SQLITE_ROW &&
            minhash_decode(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0),
                           &other) == 0) {
            double sim = minhash_similarity(sig, &other);
            if (sim >= NEARDUP_THRESHOLD &&
                (sim > best->similarity || (sim == best->similarity && cand[i] < best_doc))) {
                best_doc = cand[i];
                best->similarity = sim;
                best->cluster_id = sqlite3_column_int64(q, 1);
                const unsigned char *o = sqlite3_column_text(q, 2);
                snprintf(best->origin, sizeof best->origin, "%s", o ? (const char *)o : "");
            }
        }
        sqlite3_reset(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return sq_fail(s, "looking up near-duplicates");
    }
    return 0;
}

/* Index a stored document; past twice the window, forget the older half. */
static int index_document(sq_store *s, const int64_t *bands, size_t n_bands, int64_t doc)
{
    if (n_bands && band_index_add(s->bands, bands, n_bands, doc) != 0)
        return sq_fail(s, "out of memory");
    if (doc > s->newest_doc)
        s->newest_doc = doc;
    if (band_index_docs(s->bands) > 2 * (size_t)s->window &&
        band_index_prune(s->bands, s->newest_doc - s->window + 1) != 0)
        return sq_fail(s, "out of memory");
    return 0;
}

/* At open: the band index of the `window` most recent documents. */
int sq_load_bands(sq_store *s)
{
    s->bands = band_index_new();
    if (!s->bands)
        return sq_fail(s, "out of memory");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, minhash FROM (SELECT id, minhash FROM documents"
                           " ORDER BY id DESC LIMIT ?1) ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "reading document signatures");
    sqlite3_bind_int64(st, 1, s->window);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        minhash m;
        int64_t bands[MINHASH_BANDS] = {0};
        if (minhash_decode(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), &m))
            continue;
        if (index_document(s, bands, minhash_bands(&m, bands), sqlite3_column_int64(st, 0)) != 0) {
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sq_fail(s, "reading document signatures");
}

/* ---- the document row --------------------------------------------------- */

static int insert_document(sq_store *s, const document *doc, const char *hash_hex,
                           const minhash *sig, const cluster_match *match, const char *origin,
                           const tone_score *ts, const char *added_at, int64_t *id)
{
    sqlite3_stmt *st = s->st[SQ_INSERT_DOC];
    char published[11];
    iso_date(doc->published, published);
    uint8_t blob[MINHASH_BYTES];
    minhash_encode(sig, blob);

    bind_text(st, 1, hash_hex);
    bind_text(st, 2, doc->id);
    bind_text(st, 3, doc->source_name);
    if (doc->source_line > 0)
        sqlite3_bind_int64(st, 4, doc->source_line);
    bind_text(st, 5, doc->outlet);
    bind_text(st, 6, doc->url);
    bind_text(st, 7, doc->title);
    bind_text(st, 8, doc->author);
    bind_text(st, 9, doc->place);
    bind_text(st, 10, doc->original_source);
    bind_text(st, 11, doc->lang);
    bind_text(st, 12, published[0] ? published : NULL);
    bind_text(st, 13, added_at);
    sqlite3_bind_int64(st, 14, (int64_t)doc->text_len);
    sqlite3_bind_int64(st, 15, utf8_chars(doc->text, doc->text_len));
    sqlite3_bind_int64(st, 16, ts->words);
    sqlite3_bind_double(st, 17, ts->tone);
    sqlite3_bind_double(st, 18, ts->positive_pct);
    sqlite3_bind_double(st, 19, ts->negative_pct);
    if (match->cluster_id) {
        sqlite3_bind_int64(st, 20, match->cluster_id);
        sqlite3_bind_double(st, 21, match->similarity);
    }
    bind_text(st, 22, origin);
    sqlite3_bind_blob(st, 23, blob, sizeof blob, SQLITE_STATIC);
    if (run(s, SQ_INSERT_DOC, "storing a document") != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

/* ---- events and mentions ------------------------------------------------ */

static int find_or_create_event(sq_store *s, const event_key *k, const char *first_seen,
                                const char *added_at, int64_t *id, int *created)
{
    char date[11];
    civil_format(k->date, date);
    sqlite3_stmt *st = s->st[SQ_FIND_EVENT];
    bind_text(st, 1, date);
    bind_text(st, 2, k->source);
    bind_text(st, 3, k->target);
    bind_text(st, 4, k->code);
    int rc = sqlite3_step(st);
    *created = 0;
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, "looking up an event");

    char root[3], base[4];
    event_code_parts(k->code, root, base);
    const codebook_entry *e = codebook_find(&s->codebook, k->code);
    st = s->st[SQ_INSERT_EVENT];
    bind_text(st, 1, date);
    bind_text(st, 2, k->source);
    bind_text(st, 3, k->target);
    bind_text(st, 4, k->code);
    bind_text(st, 5, base);
    bind_text(st, 6, root);
    sqlite3_bind_int(st, 7, e ? e->quad_class : quad_class_of_root(root));
    sqlite3_bind_double(st, 8, e ? e->goldstein : 0.0);
    bind_text(st, 9, first_seen);
    bind_text(st, 10, added_at);
    if (run(s, SQ_INSERT_EVENT, "creating an event") != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    *created = 1;
    /* a lookup that cannot list its codebook stores each code as it is used */
    if (e && !s->codebook.at && upsert_codebook_entry(s, e) != 0)
        return -1;
    return 0;
}

/* The phrase of a provenance string "file:line PHRASE" ("" if it has none),
   with '_' as space, into out. */
static size_t entry_phrase(const char *entry, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = entry ? strrchr(entry, ':') : NULL;
    if (!p || !p[1])
        return 0;
    for (p++; *p >= '0' && *p <= '9'; p++)
        ;
    if (*p != ' ')
        return 0;
    for (p++; *p && n + 1 < cap; p++)
        out[n++] = *p == '_' ? ' ' : *p;
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

/* The spanned text as a name: determiners and a possessive cut off, spaces
   collapsed; "" when it does not look like a name (starts in lower case:
   "officials"; a pronoun: "He") or is too long to be one. */
static void clean_span_name(const char *s, size_t len, char *out, size_t cap)
{
    static const char *const lead[] = {"the ", "that ", "a ", "an ", "this ", "these ", "those "};
    out[0] = '\0';
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
        size_t n = strlen(lead[i]);
        if (len > n && !strncasecmp(s, lead[i], n)) {
            s += n;
            len -= n;
            break;
        }
    }
    if (len >= 2 && s[len - 2] == '\'' && (s[len - 1] == 's' || s[len - 1] == 'S'))
        len -= 2;
    else if (len >= 4 && !memcmp(s + len - 4, "\xe2\x80\x99s", 4))
        len -= 4;
    else if (len >= 1 && s[len - 1] == '\'')
        len -= 1;
    if (len == 0 || len >= cap || len > 60 || (s[0] >= 'a' && s[0] <= 'z'))
        return;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = (s[i] == '\n' || s[i] == '\t') ? ' ' : s[i];
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    static const char *const pronouns[] = {"he", "she", "it", "they", "we", "i", "you", "him",
                                           "her", "his", "its", "them", "their", "our", "who",
                                           "which", "this", "that", "these", "those", "there"};
    for (size_t i = 0; i < sizeof pronouns / sizeof pronouns[0]; i++)
        if (!strcasecmp(out, pronouns[i]))
            out[0] = '\0';
}

/* A display name for an actor slot: the phrase of its dictionary entry when
   the provenance names one ("file:line PHRASE", agent phrase in parentheses),
   else the words that named it in the text, when they came from a dictionary
   match (not a pronoun or a default). */
static void actor_name(const document *doc, const actor_slot *a, char *out, size_t cap)
{
    char phrase[96], agent[96];
    size_t p = entry_phrase(a->entry, phrase, sizeof phrase);
    size_t g = entry_phrase(a->agent_entry, agent, sizeof agent);
    out[0] = '\0';
    if (p && g)
        snprintf(out, cap, "%s (%s)", phrase, agent);
    else if (p)
        snprintf(out, cap, "%s", phrase);
    else if (a->entry && strchr(a->entry, ':') && span_ok(doc, a->text))
        clean_span_name(doc->text + a->text.start, a->text.end - a->text.start, out, cap);
}

static int note_actor(sq_store *s, const document *doc, const actor_slot *a)
{
    if (!a->code[0])
        return 0;
    char name[200];
    actor_name(doc, a, name, sizeof name);
    if (!name[0])
        return 0;
    sqlite3_stmt *st = s->st[SQ_ACTOR_NAME];
    bind_text(st, 1, a->code);
    bind_text(st, 2, name);
    return run(s, SQ_ACTOR_NAME, "storing an actor name");
}

static int insert_mention(sq_store *s, const document *doc, int64_t doc_id,
                          const event_mention *m, int64_t event_id, int status, int32_t date,
                          int64_t *id)
{
    sqlite3_stmt *st = s->st[SQ_INSERT_MENTION];
    char day[11];
    iso_date(date, day);
    sqlite3_bind_int64(st, 1, doc_id);
    if (event_id)
        sqlite3_bind_int64(st, 2, event_id);
    sqlite3_bind_int(st, 3, status);
    sqlite3_bind_int64(st, 4, m->sentence);
    if (span_ok(doc, m->sentence_text)) {
        sqlite3_bind_int64(st, 5, m->sentence_text.start);
        bind_bytes(st, 6, doc->text + m->sentence_text.start,
                   m->sentence_text.end - m->sentence_text.start);
    }
    bind_text(st, 7, m->source.code);
    bind_text(st, 8, m->target.code);
    bind_text(st, 9, m->code);
    bind_text(st, 10, day[0] ? day : NULL);
    sqlite3_bind_int(st, 11, m->date_basis);
    sqlite3_bind_int(st, 12, m->modality);
    sqlite3_bind_int(st, 13, m->flags);
    sqlite3_bind_double(st, 14, m->confidence);
    bind_span(st, 15, doc, m->source.text);
    bind_text(st, 19, m->source.entry);
    bind_text(st, 20, m->source.agent_entry);
    bind_span(st, 21, doc, m->target.text);
    bind_text(st, 25, m->target.entry);
    bind_text(st, 26, m->target.agent_entry);
    bind_span(st, 27, doc, m->verb_text);
    bind_text(st, 31, m->verb_entry);
    bind_text(st, 32, m->pattern);
    if (s->dictionary_version_id)
        sqlite3_bind_int64(st, 33, s->dictionary_version_id);
    if (run(s, SQ_INSERT_MENTION, "storing a mention") != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    if (note_actor(s, doc, &m->source) != 0 || note_actor(s, doc, &m->target) != 0)
        return -1;
    return 0;
}

static int update_event(sq_store *s, int64_t id, const event_delta *d, const char *origin,
                        double tone, const char *first_seen, int64_t first_mention)
{
    sqlite3_stmt *st = s->st[SQ_INSERT_SOURCE];
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, origin);
    if (run(s, SQ_INSERT_SOURCE, "counting sources") != 0)
        return -1;
    int new_source = sqlite3_changes(s->db) > 0;

    st = s->st[SQ_UPDATE_EVENT];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, d->mentions);
    sqlite3_bind_int64(st, 3, d->historical);
    sqlite3_bind_int(st, 4, d->is_root);
    sqlite3_bind_int(st, 5, new_source);
    sqlite3_bind_double(st, 6, tone);
    bind_text(st, 7, first_seen);
    sqlite3_bind_int64(st, 8, first_mention);
    return run(s, SQ_UPDATE_EVENT, "updating an event");
}

static int reserve_scratch(sq_store *s, size_t n)
{
    return vec_reserve(&s->deltas, n) || vec_reserve(&s->which, n) || vec_reserve(&s->why, n) ||
                   vec_reserve(&s->event_ids, n) || vec_reserve(&s->first_mention, n) ||
                   vec_reserve(&s->event_is_new, n)
               ? -1
               : 0;
}

/* Everything but the duplicate check; inside the document's savepoint. */
static int add_document_rows(sq_store *s, const document *doc, const char *hash_hex,
                             const event_mention *m, size_t n, store_added *out)
{
    int64_t now = now_of(s);
    char added_at[21], first_seen[21];
    format_utc_time(now, added_at);
    format_utc_time(doc_first_seen(doc, now), first_seen);

    minhash sig;
    minhash_of_document(doc, &sig);
    int64_t bands[MINHASH_BANDS] = {0};
    size_t n_bands = minhash_bands(&sig, bands);
    cluster_match match;
    if (find_cluster(s, &sig, bands, n_bands, &match) != 0)
        return -1;

    tone_score ts;
    tone_of_text(s->tone, doc->text, doc->text_len, &ts);
    char origin[ORIGIN_MAX];
    doc_origin(doc, match.cluster_id ? match.origin : NULL, 0, origin);
    int64_t doc_id;
    if (insert_document(s, doc, hash_hex, &sig, &match, origin, &ts, added_at, &doc_id) != 0)
        return -1;
    if (!match.cluster_id) {
        doc_origin(doc, NULL, doc_id, origin);  /* "#<id>" needs the id */
        sqlite3_stmt *st = s->st[SQ_SET_CLUSTER_HEAD];
        sqlite3_bind_int64(st, 1, doc_id);
        bind_text(st, 2, origin);
        if (run(s, SQ_SET_CLUSTER_HEAD, "storing a document") != 0)
            return -1;
    }
    out->document_id = doc_id;
    out->cluster_id = match.cluster_id ? match.cluster_id : doc_id;
    out->similarity = match.similarity;

    if (reserve_scratch(s, n) != 0)
        return sq_fail(s, "out of memory");
    int64_t day = now / 86400;
    size_t nd = event_deltas(doc, m, n, (int32_t)day, s->deltas.items, s->which.items,
                             s->why.items);
    for (size_t i = 0; i < nd; i++) {
        int created;
        if (find_or_create_event(s, &s->deltas.items[i].key, first_seen, added_at,
                                 &s->event_ids.items[i], &created) != 0)
            return -1;
        s->event_is_new.items[i] = (uint8_t)created;
        s->first_mention.items[i] = 0;
        out->events_new += (uint32_t)created;
        out->events_updated += (uint32_t)!created;
    }
    for (size_t i = 0; i < n; i++) {
        int32_t w = s->which.items[i];
        int32_t date = w >= 0 ? s->deltas.items[w].key.date : m[i].date;
        int64_t mid;
        if (insert_mention(s, doc, doc_id, &m[i], w >= 0 ? s->event_ids.items[w] : 0,
                           s->why.items[i], date, &mid) != 0)
            return -1;
        if (w >= 0 && !s->first_mention.items[w])
            s->first_mention.items[w] = mid;
        out->mentions++;
        out->aggregated += w >= 0;
    }
    for (size_t i = 0; i < nd; i++)
        if (update_event(s, s->event_ids.items[i], &s->deltas.items[i], origin, ts.tone,
                         first_seen, s->first_mention.items[i]) != 0)
            return -1;
    /* last: an index entry of a document rolled back later only yields a
       candidate that fails the signature check */
    return index_document(s, bands, n_bands, doc_id);
}

store_status sq_add_document(void *impl, const document *doc, const event_mention *m, size_t n,
                             store_added *out)
{
    sq_store *s = impl;
    memset(out, 0, sizeof *out);
    if (s->readonly) {
        diag_report(s->diags, DIAG_ERROR, s->path, 0, -1, "store: opened read-only");
        return STORE_ERROR;
    }
    if (begin_batch(s) != 0)
        return STORE_ERROR;

    char hash_hex[33];
    content_hash_hex(doc->hash, hash_hex);
    sqlite3_stmt *st = s->st[SQ_FIND_DOC];
    bind_text(st, 1, hash_hex);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->document_id = sqlite3_column_int64(st, 0);
        out->cluster_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return STORE_DUPLICATE;
    if (rc != SQLITE_DONE) {
        sq_fail(s, "looking up a document");
        return STORE_ERROR;
    }

    if (sq_exec(s, "SAVEPOINT doc") != 0)
        return STORE_ERROR;
    if (add_document_rows(s, doc, hash_hex, m, n, out) != 0) {
        diag_report(s->diags, DIAG_ERROR, doc->source_name, doc->source_line, -1,
                    "store: document %s not stored", doc->id ? doc->id : "?");
        sq_exec(s, "ROLLBACK TO doc; RELEASE doc");
        memset(out, 0, sizeof *out);
        return STORE_ERROR;
    }
    if (sq_exec(s, "RELEASE doc") != 0)
        return STORE_ERROR;
    if (++s->batch_docs >= s->batch && sq_commit(s) != 0)
        return STORE_ERROR;
    return STORE_ADDED;
}
