/*
** sqlite_schema.c: the SQLite backend's schema, its migrations, and opening.
**
** Schema (version 1; PRAGMA user_version holds the version, application_id
** marks the file as dyad's):
**
**   documents        one row per distinct text (content_hash UNIQUE: storing the
**                    same text again changes nothing).  Metadata from ingest;
**                    tone (events/tone.h) with its positive/negative shares and
**                    word count; cluster_id = the first document of its
**                    near-duplicate cluster (itself when none) and the similarity
**                    of the match; origin = the source identity that num_sources
**                    counts (events.h, doc_origin); minhash = the signature.
**   mentions         every mention the coder emitted, with its evidence: the
**                    sentence text and its byte offset, byte spans and character
**                    offsets of source, target and verb with the spanned texts,
**                    actor/agent/verb entries and the pattern (provenance), the
**                    dictionary version; status = how it was used (0 aggregated,
**                    1 negated, 2 historical without a date, 3 no code) and
**                    event_id when aggregated.
**   event_mentions   a view (event_id, mention_id) over mentions: a mention
**                    belongs to at most one event, so the link is a column.
**   events           one row per (date, source_code, target_code, event_code),
**                    with the aggregates of events.h; tone_sum keeps avg_tone
**                    exact under incremental updates; first_mention_id points at
**                    the first report (GDELT's SOURCEURL).
**   event_sources    (event, origin) pairs: num_sources is their count.
**   codebook         CAMEO rows (code, root, name, goldstein, quad_class) as given
**                    at write time, so read commands need no dictionary.
**   actor_names      names seen for each actor code, with counts (the most
**                    frequent is the code's display name).
**   dictionary_versions  fingerprints of the dictionary sets used to code.
**
** Dates are ISO text ('YYYY-MM-DD'; times 'YYYY-MM-DDTHH:MM:SSZ'): they sort,
** SQLite's date functions read them, and a person reading the file with the
** sqlite3 shell sees dates.
**
** Migrations: migrations[v] takes a database from version v to v + 1, each in
** its own transaction.  A database from a newer dyad is refused; an older one
** is upgraded when opened for writing and refused (with advice) when opened
** read-only.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_internal.h"

#define DYAD_APPLICATION_ID 0x64796164 /* "dyad" */

static const char SCHEMA_V1[] =
    "CREATE TABLE dictionary_versions("
    "  id INTEGER PRIMARY KEY,"
    "  version TEXT NOT NULL UNIQUE,"
    "  files TEXT,"
    "  first_used TEXT NOT NULL);"
    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  doc_id TEXT,"
    "  source_name TEXT,"
    "  source_line INTEGER,"
    "  outlet TEXT, url TEXT, title TEXT, author TEXT, place TEXT,"
    "  original_source TEXT, lang TEXT,"
    "  published TEXT,"
    "  added_at TEXT NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  chars INTEGER NOT NULL,"
    "  words INTEGER NOT NULL,"
    "  tone REAL NOT NULL,"
    "  positive REAL NOT NULL,"
    "  negative REAL NOT NULL,"
    "  cluster_id INTEGER REFERENCES documents(id),"
    "  similarity REAL,"
    "  origin TEXT NOT NULL,"
    "  minhash BLOB);"
    "CREATE INDEX documents_cluster ON documents(cluster_id);"
    "CREATE TABLE events("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL,"
    "  source_code TEXT NOT NULL,"
    "  target_code TEXT NOT NULL,"
    "  event_code TEXT NOT NULL,"
    "  base_code TEXT NOT NULL,"
    "  root_code TEXT NOT NULL,"
    "  quad_class INTEGER NOT NULL,"
    "  goldstein REAL NOT NULL,"
    "  num_mentions INTEGER NOT NULL,"
    "  num_articles INTEGER NOT NULL,"
    "  num_sources INTEGER NOT NULL,"
    "  num_historical INTEGER NOT NULL,"
    "  is_root INTEGER NOT NULL,"
    "  tone_sum REAL NOT NULL,"
    "  avg_tone REAL NOT NULL,"
    "  first_seen TEXT NOT NULL,"
    "  first_mention_id INTEGER,"
    "  added_at TEXT NOT NULL,"
    "  UNIQUE(date, source_code, target_code, event_code));"
    "CREATE INDEX events_source ON events(source_code, target_code);"
    "CREATE INDEX events_target ON events(target_code);"
    "CREATE INDEX events_code ON events(event_code);"
    "CREATE TABLE event_sources("
    "  event_id INTEGER NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  PRIMARY KEY(event_id, origin)) WITHOUT ROWID;"
    "CREATE TABLE mentions("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  event_id INTEGER REFERENCES events(id),"
    "  status INTEGER NOT NULL,"
    "  sentence_no INTEGER NOT NULL,"
    "  sentence_start INTEGER,"
    "  sentence TEXT,"
    "  source_code TEXT NOT NULL,"
    "  target_code TEXT NOT NULL,"
    "  event_code TEXT NOT NULL,"
    "  date TEXT,"
    "  date_basis INTEGER,"
    "  modality INTEGER,"
    "  flags INTEGER NOT NULL,"
    "  confidence REAL,"
    "  source_start INTEGER, source_end INTEGER, source_char INTEGER, source_text TEXT,"
    "  source_entry TEXT, source_agent_entry TEXT,"
    "  target_start INTEGER, target_end INTEGER, target_char INTEGER, target_text TEXT,"
    "  target_entry TEXT, target_agent_entry TEXT,"
    "  verb_start INTEGER, verb_end INTEGER, verb_char INTEGER, verb_text TEXT,"
    "  verb_entry TEXT,"
    "  pattern TEXT,"
    "  dictionary_version_id INTEGER REFERENCES dictionary_versions(id));"
    "CREATE INDEX mentions_event ON mentions(event_id);"
    "CREATE INDEX mentions_document ON mentions(document_id);"
    "CREATE VIEW event_mentions AS"
    "  SELECT event_id, id AS mention_id FROM mentions WHERE event_id IS NOT NULL;"
    "CREATE TABLE codebook("
    "  code TEXT PRIMARY KEY,"
    "  root TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  goldstein REAL NOT NULL,"
    "  quad_class INTEGER NOT NULL);"
    "CREATE TABLE actor_names("
    "  code TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  mentions INTEGER NOT NULL,"
    "  PRIMARY KEY(code, name)) WITHOUT ROWID;";

static const char *const migrations[] = {
    SCHEMA_V1,      /* 0 -> 1 */
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SQLITE_SCHEMA_VERSION,
               "one migration per schema version");

int sq_fail(sq_store *s, const char *what)
{
    diag_report(s->diags, DIAG_ERROR, s->path, 0, -1, "store: %s: %s", what,
                s->db ? sqlite3_errmsg(s->db) : "no database");
    return -1;
}

int sq_exec(sq_store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        diag_report(s->diags, DIAG_ERROR, s->path, 0, -1, "store: %s", err ? err : "failed");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int pragma_int(sq_store *s, const char *sql, int *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "reading the schema version");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_fail(s, "reading the schema version");
}

static int count_tables(sq_store *s, int *n)
{
    return pragma_int(s, "SELECT count(*) FROM sqlite_master", n);
}

static int migrate(sq_store *s)
{
    int version = 0, app = 0, tables = 0;
    if (pragma_int(s, "PRAGMA user_version", &version) != 0 ||
        pragma_int(s, "PRAGMA application_id", &app) != 0 || count_tables(s, &tables) != 0)
        return -1;
    if (version == 0 && tables > 0 && app != DYAD_APPLICATION_ID) {
        diag_report(s->diags, DIAG_FATAL, s->path, 0, -1,
                    "store: not a dyad database (it has other tables)");
        return -1;
    }
    if (version > STORE_SQLITE_SCHEMA_VERSION) {
        diag_report(s->diags, DIAG_FATAL, s->path, 0, -1,
                    "store: schema version %d is newer than this dyad's (%d): upgrade dyad",
                    version, STORE_SQLITE_SCHEMA_VERSION);
        return -1;
    }
    if (version == STORE_SQLITE_SCHEMA_VERSION)
        return 0;
    if (s->readonly) {
        if (version == 0)
            diag_report(s->diags, DIAG_FATAL, s->path, 0, -1,
                        "store: not a dyad database yet (code some documents into it first)");
        else
            diag_report(s->diags, DIAG_FATAL, s->path, 0, -1,
                        "store: schema version %d is older than this dyad's (%d): open it "
                        "once for writing (dyad code --db) to upgrade it",
                        version, STORE_SQLITE_SCHEMA_VERSION);
        return -1;
    }
    for (int v = version; v < STORE_SQLITE_SCHEMA_VERSION; v++) {
        char tail[96];
        snprintf(tail, sizeof tail, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
                 v + 1, DYAD_APPLICATION_ID);
        if (sq_exec(s, "BEGIN IMMEDIATE") != 0)
            return -1;
        if (sq_exec(s, migrations[v]) != 0 || sq_exec(s, tail) != 0) {
            sq_exec(s, "ROLLBACK");
            return -1;
        }
        if (sq_exec(s, "COMMIT") != 0)
            return -1;
    }
    return 0;
}

static int register_dictionary(sq_store *s, const char *version, const char *files)
{
    sqlite3_stmt *st;
    char now[21];
    format_utc_time(s->fixed_now ? s->fixed_now : (int64_t)time(NULL), now);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO dictionary_versions(version, files, first_used) "
                           "VALUES(?1, ?2, ?3) ON CONFLICT(version) DO NOTHING",
                           -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "recording the dictionary version");
    sqlite3_bind_text(st, 1, version, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, files, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, "recording the dictionary version");
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM dictionary_versions WHERE version = ?1", -1,
                           &st, NULL) != SQLITE_OK)
        return sq_fail(s, "recording the dictionary version");
    sqlite3_bind_text(st, 1, version, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        s->dictionary_version_id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

void *sq_open(const char *target, const store_options *opt, diag_sink *diags)
{
    sq_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->diags = diags;
    s->path = strdup(target);
    s->readonly = opt->readonly;
    s->codebook = opt->codebook;
    s->batch = opt->batch ? opt->batch : 500;
    s->fixed_now = opt->now;
    s->tone = opt->tone;
    if (!s->path) {
        free(s);
        return NULL;
    }
    /* one thread per handle (store.h): no need for SQLite's own mutexes */
    int flags = SQLITE_OPEN_NOMUTEX |
                (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(target, &s->db, flags, NULL) != SQLITE_OK) {
        diag_report(diags, DIAG_FATAL, target, 0, -1, "store: cannot open: %s",
                    s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sq_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_extended_result_codes(s->db, 1);
    if (!s->readonly) {
        /* WAL: readers keep reading a consistent snapshot while we write;
           NORMAL sync is durable at checkpoints and safe with WAL. */
        if (sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                       "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;"
                       "PRAGMA temp_store = MEMORY") != 0)
            goto fail;
    } else {
        sq_exec(s, "PRAGMA query_only = 1");
    }
    if (migrate(s) != 0)
        goto fail;
    if (!s->readonly) {
        if (!s->tone) {
            s->own_tone = tone_lexicon_builtin();
            s->tone = s->own_tone;
            if (!s->tone)
                goto fail;
        }
        if (opt->dictionary_version &&
            register_dictionary(s, opt->dictionary_version, opt->dictionary_files) != 0)
            goto fail;
        s->window = opt->neardup_window ? opt->neardup_window : 50000;
        if (sq_prepare_writes(s) != 0 || sq_store_codebook(s) != 0 || sq_load_bands(s) != 0)
            goto fail;
    }
    return s;
fail:
    sq_close(s);
    return NULL;
}

int sq_close(void *impl)
{
    sq_store *s = impl;
    if (!s)
        return 0;
    int r = 0;
    if (s->in_batch && sq_commit(s) != 0)
        r = -1;
    for (size_t i = 0; i < SQ_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_finalize(s->name_stmt);
    s->name_stmt = NULL;
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        r = sq_fail(s, "closing");
    sq_names_free(s);
    band_index_free(s->bands);
    tone_lexicon_free(s->own_tone);
    vec_free(&s->deltas);
    vec_free(&s->which);
    vec_free(&s->why);
    vec_free(&s->event_ids);
    vec_free(&s->first_mention);
    vec_free(&s->event_is_new);
    strbuf_free(&s->sql);
    free((char *)s->path);
    free(s);
    return r;
}

const store_backend store_sqlite_backend = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .add_document = sq_add_document,
    .commit = sq_commit,
    .events = sq_events,
    .mentions = sq_mentions,
    .dyads = sq_dyads,
    .timeline = sq_timeline,
    .top_actors = sq_top_actors,
    .top_codes = sq_top_codes,
    .counts = sq_counts,
    .codebook = sq_codebook,
};
