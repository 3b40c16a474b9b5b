/* test_store.c: the SQLite store: schema and migrations, dedupe by content hash,
   aggregation (checked against the in-memory event_table of src/events),
   syndicated copies across sessions, queries, and WAL readers during writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <unistd.h>

#include "events/events.h"
#include "store/store.h"
#include "../events/fixture.h"

static char tmpdir[64];
static codebook_table fx_table = {FX_CODEBOOK_ROWS, FX_CODEBOOK_N};
static const int64_t NOW = 1700000000; /* 2023-11-14T22:13:20Z */

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-store-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void db_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmpdir, name);
}

static store *open_rw(const char *path, diag_sink *diags)
{
    store_options opt = {0};
    opt.codebook = codebook_lookup_table(&fx_table);
    opt.dictionary_version = "test-dict-1";
    opt.now = NOW;
    opt.batch = 3;
    return store_open(path, &opt, diags);
}

static store *open_ro(const char *path, diag_sink *diags)
{
    store_options opt = {0};
    opt.readonly = 1;
    return store_open(path, &opt, diags);
}

static int64_t scalar(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* ---- row collectors ----------------------------------------------------- */

typedef struct collected {
    int n;
    char keys[64][96];
    event_row ev[64];           /* strings point to the copies below */
    char names[64][3][64];
    int64_t i64[64];
    double dbl[64];
} collected;

static int collect_event(void *ctx, const event_row *r)
{
    collected *c = ctx;
    if (c->n < 64) {
        snprintf(c->keys[c->n], sizeof c->keys[0], "%s %s>%s %s", r->date, r->source, r->target,
                 r->code);
        c->ev[c->n] = *r;
        snprintf(c->names[c->n][0], 64, "%s", r->code_name);
        snprintf(c->names[c->n][1], 64, "%s", r->source_name);
        snprintf(c->names[c->n][2], 64, "%s", r->first_doc);
        c->ev[c->n].code_name = c->names[c->n][0];
        c->ev[c->n].source_name = c->names[c->n][1];
        c->ev[c->n].first_doc = c->names[c->n][2];
        c->ev[c->n].date = c->ev[c->n].source = c->ev[c->n].target = c->ev[c->n].code = NULL;
        c->n++;
    }
    return 0;
}

static int collect_dyad(void *ctx, const dyad_row *r)
{
    collected *c = ctx;
    snprintf(c->keys[c->n], sizeof c->keys[0], "%s>%s %lld [%s|%s]", r->source, r->target,
             (long long)r->num_events, r->source_name, r->target_name);
    c->i64[c->n] = r->num_mentions;
    c->dbl[c->n] = r->mean_goldstein;
    c->n++;
    return 0;
}

static int collect_timeline(void *ctx, const timeline_row *r)
{
    collected *c = ctx;
    snprintf(c->keys[c->n], sizeof c->keys[0], "%s %lld", r->period, (long long)r->num_events);
    c->dbl[c->n] = r->mean_goldstein;
    c->n++;
    return 0;
}

static int collect_ranked(void *ctx, const ranked_row *r)
{
    collected *c = ctx;
    snprintf(c->keys[c->n], sizeof c->keys[0], "%s %lld %s", r->key, (long long)r->num_events,
             r->name);
    c->n++;
    return 0;
}

/* ---- schema ------------------------------------------------------------- */

static void test_schema_created(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "schema.db");
    diag_sink diags = {0};
    store *s = open_rw(path, &diags);
    assert_non_null(s);
    assert_string_equal(store_backend_name(s), "sqlite");
    assert_int_equal(store_close(s), 0);
    assert_int_equal(scalar(path, "PRAGMA user_version"), STORE_SQLITE_SCHEMA_VERSION);
    assert_int_equal(scalar(path, "PRAGMA journal_mode = WAL") >= 0, 1);
    const char *tables[] = {"documents", "mentions", "events", "event_sources", "codebook",
                            "actor_names", "dictionary_versions", "event_mentions"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'", tables[i]);
        assert_int_equal(scalar(path, sql), 1);
    }
    /* the codebook was stored at open, the dictionary version recorded */
    assert_int_equal(scalar(path, "SELECT count(*) FROM codebook"), (int64_t)FX_CODEBOOK_N);
    assert_int_equal(scalar(path, "SELECT count(*) FROM dictionary_versions"), 1);

    /* reopening changes nothing; read-only works */
    s = open_rw(path, &diags);
    assert_non_null(s);
    store_close(s);
    s = open_ro(path, &diags);
    assert_non_null(s);
    store_close(s);
    assert_int_equal(scalar(path, "SELECT count(*) FROM dictionary_versions"), 1);
    assert_int_equal(diags.counts[DIAG_ERROR] + diags.counts[DIAG_FATAL], 0);
}

static void test_refuses_foreign_and_newer(void **state)
{
    (void)state;
    char path[128];
    diag_sink diags = {0};
    db_path(path, sizeof path, "missing.db");
    assert_null(open_ro(path, &diags));             /* read-only never creates */
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(diags.counts[DIAG_FATAL], 1);

    sqlite3 *db;
    db_path(path, sizeof path, "foreign.db");
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_null(open_rw(path, &diags));
    assert_int_equal(diags.counts[DIAG_FATAL], 2);

    db_path(path, sizeof path, "newer.db");
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_null(open_rw(path, &diags));
    assert_null(open_ro(path, &diags));
    assert_int_equal(diags.counts[DIAG_FATAL], 4);

    assert_null(store_open("postgresql://localhost/dyad", NULL, &diags));
}

/* ---- writing ------------------------------------------------------------ */

static void test_dedupe_by_content_hash(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "dedupe.db");
    diag_sink diags = {0};
    store *s = open_rw(path, &diags);
    document *d = fx_doc("a", "Wire", "Title", FX_STORY, "2023-01-31", NULL);
    document *same = fx_doc("a-again", "Other", "Title", FX_STORY, "2023-02-05", NULL);
    event_mention m = fx_mention(d, 1, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR",
                                 "042", NULL, 0);
    store_added a1, a2;
    assert_int_equal(store_add_document(s, d, &m, 1, &a1), STORE_ADDED);
    assert_int_equal(a1.mentions, 1);
    assert_int_equal(a1.events_new, 1);
    assert_int_equal(store_add_document(s, same, &m, 1, &a2), STORE_DUPLICATE);
    assert_int_equal(a2.document_id, a1.document_id);
    assert_int_equal(a2.mentions, 0);
    assert_int_equal(store_close(s), 0);
    assert_int_equal(scalar(path, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(scalar(path, "SELECT count(*) FROM mentions"), 1);
    assert_int_equal(scalar(path, "SELECT num_mentions FROM events"), 1);

    /* also across sessions */
    s = open_rw(path, &diags);
    assert_int_equal(store_add_document(s, same, &m, 1, &a2), STORE_DUPLICATE);
    store_close(s);
    assert_int_equal(scalar(path, "SELECT count(*) FROM documents"), 1);
    document_free(d);
    document_free(same);
}

/* The store's events must equal event_table's for the same input. */
static void check_against_oracle(const char *path, event_table *oracle)
{
    diag_sink diags = {0};
    store *s = open_ro(path, &diags);
    assert_non_null(s);
    store_counts c;
    assert_int_equal(store_counts_get(s, &c), 0);
    assert_int_equal(c.events, (int64_t)event_table_count(oracle));
    for (size_t i = 0; i < event_table_count(oracle); i++) {
        const event_agg *a = event_table_at(oracle, i);
        event_filter f = event_filter_all();
        f.source = a->key.source[0] ? a->key.source : NULL;
        f.target = a->key.target[0] ? a->key.target : NULL;
        f.from = f.to = a->key.date;
        collected got = {0};
        assert_int_equal(store_events(s, &f, collect_event, &got), 0);
        int found = 0;
        for (int j = 0; j < got.n; j++) {
            const event_row *r = &got.ev[j];
            /* prefix filters may bring others: match exactly here */
            char key[96];
            char day[11];
            civil_format(a->key.date, day);
            snprintf(key, sizeof key, "%s %s>%s %s", day, a->key.source, a->key.target, a->key.code);
            if (strcmp(got.keys[j], key) != 0)
                continue;
            found++;
            assert_int_equal(r->num_mentions, a->num_mentions);
            assert_int_equal(r->num_articles, a->num_articles);
            assert_int_equal(r->num_sources, a->num_sources);
            assert_int_equal(r->num_historical, a->num_historical);
            assert_int_equal(r->is_root, a->is_root);
            assert_int_equal(r->quad_class, a->quad_class);
            assert_true(r->goldstein > a->goldstein - 1e-4 && r->goldstein < a->goldstein + 1e-4);
            double tone = a->tone_sum / a->num_articles;
            assert_true(r->avg_tone > tone - 1e-6 && r->avg_tone < tone + 1e-6);
            char seen[21];
            format_utc_time(a->first_seen, seen);
            /* the first report is the oracle's first document (ids are 1-based) */
            assert_int_equal(r->first_document_id, (int64_t)a->first_doc + 1);
        }
        assert_int_equal(found, 1);
    }
    store_close(s);
}

static void test_aggregation_matches_oracle(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "agg.db");
    diag_sink diags = {0};
    store *s = open_rw(path, &diags);
    event_table *oracle = event_table_new(codebook_lookup_table(&fx_table), NULL);
    char boiler[sizeof FX_STORY + sizeof FX_BOILERPLATE];
    snprintf(boiler, sizeof boiler, "%s%s", FX_STORY, FX_BOILERPLATE);

    document *docs[] = {
        fx_doc("wire", "example-wire.com", "Norway minister in Seoul", FX_STORY, "2023-01-31", NULL),
        fx_doc("copy", "Daily Reprint", "Nordic visit", boiler, "2023-02-01", NULL),
        fx_doc("edit", "Evening Post", "Minister visits", FX_EDITED, "2023-01-30", NULL),
        fx_doc("other", "Seoul Herald", "Green shipping deal", FX_OTHER, "2023-02-01", NULL),
        fx_doc("trans", "Avisen", "Utenriksministeren i Seoul",
               "Utenriksministeren kom til Seoul tirsdag for samtaler.", "2023-02-01",
               "example-wire.com"),
        fx_doc("undated", NULL, NULL, "An undated note on the Seoul talks by an unknown outlet.",
               NULL, NULL),
    };
    size_t n_docs = sizeof docs / sizeof docs[0];
    for (size_t i = 0; i < n_docs; i++) {
        document *d = docs[i];
        event_mention m[6];
        size_t n = 0;
        m[n++] = fx_mention(d, 0, NULL, "NORGOV", NULL, NULL, "KOR", "042", NULL, MENTF_TITLE);
        m[n++] = fx_mention(d, 3, NULL, "NORGOV", NULL, NULL, "KOR", "042", NULL, 0);
        m[n++] = fx_mention(d, 4, NULL, "KORGOV", NULL, NULL, "NORGOV", "043", NULL,
                            i % 2 ? MENTF_PAIRED : 0);
        m[n++] = fx_mention(d, 5, NULL, "KOROPP", NULL, NULL, "KORGOV", "111", NULL,
                            i == 3 ? 0 : MENTF_NEGATED);
        m[n++] = fx_mention(d, 6, NULL, "NOR", NULL, NULL, "KOR", "057", "2017-06-01",
                            MENTF_HISTORICAL);
        m[n++] = fx_mention(d, 7, NULL, "NORGOV", NULL, NULL, "", "01", NULL, 0);
        store_added added;
        assert_int_equal(store_add_document(s, d, m, n, &added), STORE_ADDED);
        assert_int_equal(added.mentions, n);
        assert_int_equal(added.document_id, (int64_t)i + 1);
        assert_int_equal(event_table_add(oracle, d, m, n, NOW), 0);
        int64_t expect_cluster = (int64_t)event_table_doc(oracle, i)->cluster + 1;
        assert_int_equal(added.cluster_id, expect_cluster);
    }
    assert_int_equal(store_close(s), 0);
    check_against_oracle(path, oracle);

    /* the syndicated and edited copies are one source with the wire story */
    assert_int_equal(scalar(path, "SELECT cluster_id FROM documents WHERE doc_id = 'copy'"), 1);
    assert_int_equal(scalar(path, "SELECT cluster_id FROM documents WHERE doc_id = 'edit'"), 1);
    assert_int_equal(scalar(path, "SELECT cluster_id FROM documents WHERE doc_id = 'other'"), 4);
    assert_int_equal(scalar(path, "SELECT num_sources FROM events WHERE event_code = '042'"
                                  " AND date = '2023-01-31'"),
                     1);
    assert_int_equal(scalar(path, "SELECT count(*) FROM mentions WHERE status = 1"),
                     (int64_t)n_docs - 1);
    assert_int_equal(scalar(path, "SELECT count(*) FROM event_mentions"),
                     scalar(path, "SELECT sum(num_mentions) FROM events"));
    /* the historical mention kept its own date */
    assert_int_equal(scalar(path, "SELECT num_historical FROM events WHERE date = '2017-06-01'"),
                     (int64_t)n_docs);
    for (size_t i = 0; i < n_docs; i++)
        document_free(docs[i]);
    event_table_free(oracle);
}

static int next_random(uint32_t *state, int n)
{
    *state = *state * 1103515245u + 12345u;
    return (int)((*state >> 16) % (uint32_t)n);
}

/* Random documents drawn from a pool of texts, outlets and mentions, over two
   sessions: the store must agree with the oracle on every event. */
static void test_random_against_oracle(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "random.db");
    diag_sink diags = {0};
    event_table *oracle = event_table_new(codebook_lookup_table(&fx_table), NULL);
    const char *bodies[] = {FX_STORY, FX_EDITED, FX_OTHER, "A short dispatch on naval drills.",
                            "Protesters gathered outside the embassy in Oslo on Friday.",
                            "The summit ended without a joint statement."};
    const char *outlets[] = {"Wire A", "Wire B", NULL, "https://www.paper-c.example/x"};
    const char *actors[] = {"NOR", "NORGOV", "KOR", "KORGOV", "USA", ""};
    const char *codes[] = {"042", "043", "036", "111", "190", "0211"};
    const char *dates[] = {NULL, "2023-01-30", "2023-01-31", "2023-02-07"};
    uint32_t rng = 12345;
#define RND(n) next_random(&rng, (n))
    size_t added_docs = 0;
    for (int session = 0; session < 2; session++) {
        store *s = open_rw(path, &diags);
        assert_non_null(s);
        for (int i = 0; i < 40; i++) {
            char body[2048], title[64];
            snprintf(title, sizeof title, "Report %d-%d", session, i);
            /* every document has a distinct text: a number line at the end */
            snprintf(body, sizeof body, "%s Ref %d%d.", bodies[RND(6)], session, i);
            document *d = fx_doc(title, outlets[RND(4)], title, body, dates[RND(4)],
                                 RND(5) == 0 ? "wire a" : NULL);
            event_mention m[8];
            size_t n = (size_t)RND(8);
            for (size_t k = 0; k < n; k++) {
                uint16_t flags = RND(6) == 0 ? MENTF_NEGATED : RND(6) == 0 ? MENTF_HISTORICAL : 0;
                m[k] = fx_mention(d, (uint32_t)RND(5), NULL, actors[RND(5)], NULL, NULL,
                                  actors[RND(6)], codes[RND(6)], dates[RND(4)], flags);
            }
            assert_int_equal(store_add_document(s, d, m, n, NULL), STORE_ADDED);
            assert_int_equal(event_table_add(oracle, d, m, n, NOW), 0);
            added_docs++;
            document_free(d);
        }
        assert_int_equal(store_close(s), 0);
    }
#undef RND
    assert_int_equal(scalar(path, "SELECT count(*) FROM documents"), (int64_t)added_docs);
    /* clusters agree document by document */
    for (size_t i = 0; i < added_docs; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT cluster_id FROM documents WHERE id = %zu", i + 1);
        assert_int_equal(scalar(path, sql), (int64_t)event_table_doc(oracle, i)->cluster + 1);
    }
    assert_true(event_table_count(oracle) > 30);
    check_against_oracle(path, oracle);
    event_table_free(oracle);
}

/* ---- queries ------------------------------------------------------------ */

static void build_query_db(const char *path)
{
    diag_sink diags = {0};
    store *s = open_rw(path, &diags);
    document *a = fx_doc("a", "Wire", "Norway's minister visits Seoul", FX_STORY, "2023-01-31", NULL);
    document *b = fx_doc("b", "Herald", "Deal signed", FX_OTHER, "2023-02-01", NULL);
    event_mention ma[4], mb[3];
    ma[0] = fx_mention(a, 0, "Norway", "NORGOV", "visits", "Seoul", "KOR", "042", NULL, MENTF_TITLE);
    ma[1] = fx_mention(a, 1, "foreign minister of Norway", "NORGOV", "arrived", "Seoul", "KOR",
                       "042", NULL, 0);
    ma[2] = fx_mention(a, 3, "minister", "NORGOV", "meet", "South Korean president", "KORGOV",
                       "036", NULL, 0);
    ma[3] = fx_mention(a, 5, "spokesman", "KORGOV", "welcomed", "visit", "NORGOV", "043", NULL, 0);
    mb[0] = fx_mention(b, 1, "South Korea", "KOR", "signed", "Norway", "NOR", "057", NULL, 0);
    mb[1] = fx_mention(b, 4, "Opposition lawmakers", "KOROPP", "criticised", "deal", "KORGOV",
                       "111", NULL, 0);
    mb[2] = fx_mention(b, 5, "minister", "NORGOV", "flew", "Busan", "KOR", "042", "2023-02-08", 0);
    assert_int_equal(store_add_document(s, a, ma, 4, NULL), STORE_ADDED);
    assert_int_equal(store_add_document(s, b, mb, 3, NULL), STORE_ADDED);
    assert_int_equal(store_close(s), 0);
    document_free(a);
    document_free(b);
}

static void test_queries(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "query.db");
    build_query_db(path);
    diag_sink diags = {0};
    store *s = open_ro(path, &diags);
    assert_non_null(s);

    /* actor prefix: KOR matches KOR, KORGOV, KOROPP on either side */
    event_filter f = event_filter_all();
    f.actor = "kor";
    collected c = {0};
    assert_int_equal(store_events(s, &f, collect_event, &c), 0);
    assert_int_equal(c.n, 6);
    assert_string_equal(c.keys[0], "2023-01-31 NORGOV>KOR 042");    /* by date */
    assert_int_equal(c.ev[0].num_mentions, 2);
    assert_string_equal(c.ev[0].code_name, "Make a visit");
    assert_string_equal(c.ev[0].source_name, "NORWAY Government");   /* NOR + GOV */
    assert_string_equal(c.ev[0].first_doc, "a");
    assert_int_equal(c.ev[0].first_sentence_no, 0);

    f = event_filter_all();
    f.source = "NORGOV";
    f.target = "KOR";
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 3);      /* 042 on 01-31, 036 (KORGOV), 042 on 02-08 */
    f.exact = 1;
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 2);      /* not KORGOV */

    f = event_filter_all();
    f.code = "04";
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 3);
    f = event_filter_all();
    f.root = "05";
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.keys[0], "2023-02-01 KOR>NOR 057");
    f = event_filter_all();
    f.quad = 3;
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.keys[0], "2023-02-01 KOROPP>KORGOV 111");

    f = event_filter_all();
    f.from = fx_day("2023-02-01");
    f.to = fx_day("2023-02-07");
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 2);
    f.limit = 1;
    memset(&c, 0, sizeof c);
    store_events(s, &f, collect_event, &c);
    assert_int_equal(c.n, 1);

    f = event_filter_all();
    f.actor = "KOR*";   /* not a code */
    assert_int_equal(store_events(s, &f, collect_event, &c), -1);
    assert_int_equal(diags.counts[DIAG_ERROR], 1);

    /* dyads */
    f = event_filter_all();
    memset(&c, 0, sizeof c);
    assert_int_equal(store_dyads(s, &f, collect_dyad, &c), 0);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.keys[0], "NORGOV>KOR 2 [NORWAY Government|SOUTH KOREA]");
    assert_int_equal(c.i64[0], 3);
    assert_true(c.dbl[0] > 1.89 && c.dbl[0] < 1.91);

    /* timelines */
    f = event_filter_all();
    f.source = "NORGOV";
    f.target = "KOR";
    memset(&c, 0, sizeof c);
    store_timeline(s, &f, BUCKET_DAY, collect_timeline, &c);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.keys[0], "2023-01-31 2");     /* 042 and 036 (KORGOV) */
    assert_string_equal(c.keys[1], "2023-02-08 1");
    assert_true(c.dbl[0] > 2.94 && c.dbl[0] < 2.96);    /* (1.9 + 4.0) / 2 */
    memset(&c, 0, sizeof c);
    store_timeline(s, &f, BUCKET_WEEK, collect_timeline, &c);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.keys[0], "2023-01-30 2");     /* Monday of 01-31 */
    assert_string_equal(c.keys[1], "2023-02-06 1");
    memset(&c, 0, sizeof c);
    store_timeline(s, &f, BUCKET_MONTH, collect_timeline, &c);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.keys[0], "2023-01-01 2");
    assert_string_equal(c.keys[1], "2023-02-01 1");

    /* rankings and counts */
    f = event_filter_all();
    memset(&c, 0, sizeof c);
    store_top_actors(s, &f, collect_ranked, &c);
    assert_string_equal(c.keys[0], "NORGOV 4 NORWAY Government");
    memset(&c, 0, sizeof c);
    store_top_codes(s, &f, collect_ranked, &c);
    assert_string_equal(c.keys[0], "042 2 Make a visit");
    store_counts n;
    assert_int_equal(store_counts_get(s, &n), 0);
    assert_int_equal(n.documents, 2);
    assert_int_equal(n.clusters, 2);
    assert_int_equal(n.mentions, 7);
    assert_int_equal(n.aggregated, 7);
    assert_int_equal(n.events, 6);
    assert_int_equal(n.dyads, 5);
    assert_int_equal(n.actors, 5);
    assert_string_equal(n.first_date, "2023-01-31");
    assert_string_equal(n.last_date, "2023-02-08");
    assert_string_equal(n.first_added, "2023-11-14T22:13:20Z");
    store_close(s);
}

typedef struct mention_check {
    int n;
    int ok;
} mention_check;

static int check_mention(void *ctx, const mention_row *r)
{
    mention_check *mc = ctx;
    mc->n++;
    /* the evidence is complete and consistent */
    int64_t sent_end = r->sentence_start + (int64_t)strlen(r->sentence);
    if (r->verb.start < r->sentence_start || r->verb.end > sent_end ||
        strncmp(r->sentence + (r->verb.start - r->sentence_start), r->verb.text,
                strlen(r->verb.text)) != 0)
        mc->ok = 0;
    if (!r->src.text[0] || !r->verb.text[0] || !r->tgt.text[0] || !r->sentence[0] ||
        strcmp(r->dictionary_version, "test-dict-1") || !r->pattern[0] || !r->verb.entry[0] ||
        r->src.chars != r->src.start /* ASCII text */)
        mc->ok = 0;
    return 0;
}

static void test_mentions_explain_events(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "query.db");
    diag_sink diags = {0};
    store *s = open_ro(path, &diags);
    event_filter f = event_filter_all();
    f.source = "NORGOV";
    f.target = "KOR";
    f.code = "042";
    f.limit = 1;
    mention_check mc = {0, 1};
    assert_int_equal(store_mentions(s, &f, check_mention, &mc), 0);
    assert_int_equal(mc.n, 2);
    assert_true(mc.ok);
    f = event_filter_all();
    f.event_id = 1;
    mc.n = 0;
    assert_int_equal(store_mentions(s, &f, check_mention, &mc), 0);
    assert_int_equal(mc.n, 2);
    f = event_filter_all();
    mc.n = 0;
    assert_int_equal(store_mentions(s, &f, check_mention, &mc), 0);
    assert_int_equal(mc.n, 7);
    assert_true(mc.ok);
    store_close(s);
}

/* Copies are found across sessions (the band index is rebuilt from the stored
   signatures) but only among the window of most recent documents. */
static void test_neardup_window_and_sessions(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "window.db");
    char boiler[sizeof FX_STORY + sizeof FX_BOILERPLATE];
    snprintf(boiler, sizeof boiler, "%s%s", FX_STORY, FX_BOILERPLATE);
    store_options opt = {0};
    opt.now = NOW;
    opt.neardup_window = 3;
    store *s = store_open(path, &opt, NULL);
    document *story = fx_doc("story", "Wire", NULL, FX_STORY, "2023-01-31", NULL);
    store_added a;
    assert_int_equal(store_add_document(s, story, NULL, 0, &a), STORE_ADDED);
    store_close(s);

    /* a new session finds the copy */
    s = store_open(path, &opt, NULL);
    document *copy = fx_doc("copy", "Reprint", NULL, boiler, "2023-02-01", NULL);
    assert_int_equal(store_add_document(s, copy, NULL, 0, &a), STORE_ADDED);
    assert_int_equal(a.cluster_id, 1);
    assert_true(a.similarity >= NEARDUP_THRESHOLD);
    /* push the story out of the window (3 recent documents, pruned past 6) */
    for (int i = 0; i < 8; i++) {
        char body[128], id[16];
        snprintf(body, sizeof body, "Unrelated filler story number %d about local weather and %d trains.", i, i * 7);
        snprintf(id, sizeof id, "f%d", i);
        document *f = fx_doc(id, "Local", NULL, body, "2023-02-02", NULL);
        assert_int_equal(store_add_document(s, f, NULL, 0, &a), STORE_ADDED);
        assert_int_equal(a.cluster_id, a.document_id);
        document_free(f);
    }
    document *edited = fx_doc("edited", "Late", NULL, FX_EDITED, "2023-03-01", NULL);
    assert_int_equal(store_add_document(s, edited, NULL, 0, &a), STORE_ADDED);
    assert_int_equal(a.cluster_id, a.document_id);      /* too old to match */
    store_close(s);
    document_free(story);
    document_free(copy);
    document_free(edited);
}

/* Names come from dictionary phrases when the provenance has them, else from
   the words of the text (cleaned), never from pronouns; a country with roles
   is named from its country. */
static void test_actor_names(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "names.db");
    diag_sink diags = {0};
    store *s = open_rw(path, &diags);
    document *d = fx_doc("n", "Wire", NULL,
                         "The United States's envoy met officials. He thanked the United States. "
                         "U.S. troops left.", "2023-03-01", NULL);
    event_mention m[4];
    m[0] = fx_mention(d, 0, "The United States's", "USA", "met", "officials", "KOR", "040", NULL, 0);
    m[0].source.entry = "actors/x.actors:17";                 /* no phrase: use the text */
    m[1] = fx_mention(d, 1, "He", "USA", "thanked", "United States", "KOR", "040", NULL, MENTF_COREF);
    m[1].source.entry = "coreference";                        /* never a name */
    m[2] = fx_mention(d, 2, "U.S. troops", "USAMIL", "left", NULL, NULL, "040", NULL, 0);
    m[2].source.entry = "actors/x.actors:17";
    m[3] = fx_mention(d, 1, "He", "JPN", "thanked", NULL, NULL, "040", NULL, 0);
    m[3].source.entry = "actors/x.actors:99";                 /* lower case: not a name */
    assert_int_equal(store_add_document(s, d, m, 4, NULL), STORE_ADDED);
    store_close(s);
    document_free(d);

    s = open_ro(path, &diags);
    event_filter f = event_filter_all();
    collected c = {0};
    store_top_actors(s, &f, collect_ranked, &c);
    int seen = 0;
    for (int i = 0; i < c.n; i++) {
        if (!strncmp(c.keys[i], "USA ", 4))
            seen++, assert_string_equal(c.keys[i], "USA 1 United States");   /* one event, two mentions */
        if (!strncmp(c.keys[i], "USAMIL ", 7))
            seen++, assert_string_equal(c.keys[i], "USAMIL 1 United States Military");
        if (!strncmp(c.keys[i], "JPN ", 4))
            seen++, assert_string_equal(c.keys[i], "JPN 1 ");
    }
    assert_int_equal(seen, 3);
    store_close(s);
    assert_int_equal(scalar(path, "SELECT count(*) FROM actor_names WHERE name = 'He'"), 0);
}

/* ---- WAL: a reader sees whole batches while a writer writes ------------- */

typedef struct wal_run {
    const char *path;
    int batch;
    int docs;
    volatile int done;
    int reads, bad;
} wal_run;

static void *wal_writer(void *arg)
{
    wal_run *w = arg;
    store_options opt = {0};
    opt.codebook = codebook_lookup_table(&fx_table);
    opt.now = NOW;
    opt.batch = (unsigned)w->batch;
    store *s = store_open(w->path, &opt, NULL);
    for (int i = 0; s && i < w->docs; i++) {
        char body[512], id[32];
        snprintf(id, sizeof id, "w%d", i);
        snprintf(body, sizeof body, "Document %d: officials of country %d met envoys of country %d "
                 "to discuss a treaty numbered %d.", i, i % 7, i % 5, i * 31);
        document *d = fx_doc(id, "Wire", NULL, body, "2023-03-01", NULL);
        event_mention m[3];
        m[0] = fx_mention(d, 0, NULL, "AAA", NULL, NULL, "BBB", "036", NULL, 0);
        m[1] = fx_mention(d, 0, NULL, "AAA", NULL, NULL, "BBB", "036", NULL, 0);
        m[2] = fx_mention(d, 0, NULL, "CCC", NULL, NULL, "AAA", "111", NULL, 0);
        store_add_document(s, d, m, 3, NULL);
        document_free(d);
    }
    store_close(s);
    w->done = 1;
    return NULL;
}

static void *wal_reader(void *arg)
{
    wal_run *w = arg;
    while (!w->done) {
        store_options opt = {0};
        opt.readonly = 1;
        store *s = store_open(w->path, &opt, NULL);
        if (!s)
            continue;
        store_counts c;
        if (store_counts_get(s, &c) == 0) {
            w->reads++;
            /* only committed batches are visible, and they are whole */
            if (c.documents % w->batch != 0 && c.documents != w->docs)
                w->bad++;
            if (c.mentions != 3 * c.documents || c.aggregated != c.mentions)
                w->bad++;
        }
        event_filter f = event_filter_all();
        collected got = {0};
        if (store_events(s, &f, collect_event, &got) == 0) {
            int64_t total = 0;
            for (int i = 0; i < got.n; i++)
                total += got.ev[i].num_mentions;
            /* event aggregates agree with the number of documents in the same snapshot */
            if (got.n == 2 && (got.ev[0].num_articles * 3 != total))
                w->bad++;
        }
        store_close(s);
    }
    return NULL;
}

static void test_wal_reader_during_writes(void **state)
{
    (void)state;
    char path[128];
    db_path(path, sizeof path, "wal.db");
    /* create the schema first so that readers can open it at once */
    diag_sink diags = {0};
    store_close(open_rw(path, &diags));
    wal_run w = {path, 7, 400, 0, 0, 0};
    pthread_t wt, rt;
    pthread_create(&rt, NULL, wal_reader, &w);
    pthread_create(&wt, NULL, wal_writer, &w);
    pthread_join(wt, NULL);
    pthread_join(rt, NULL);
    assert_int_equal(w.bad, 0);
    assert_true(w.reads > 0);
    assert_int_equal(scalar(path, "SELECT count(*) FROM documents"), 400);
    assert_int_equal(scalar(path, "SELECT num_mentions FROM events WHERE event_code = '036'"), 800);
    assert_int_equal(scalar(path, "SELECT num_articles FROM events WHERE event_code = '111'"), 400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_created),
        cmocka_unit_test(test_refuses_foreign_and_newer),
        cmocka_unit_test(test_dedupe_by_content_hash),
        cmocka_unit_test(test_aggregation_matches_oracle),
        cmocka_unit_test(test_random_against_oracle),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_mentions_explain_events),
        cmocka_unit_test(test_actor_names),
        cmocka_unit_test(test_neardup_window_and_sessions),
        cmocka_unit_test(test_wal_reader_during_writes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
