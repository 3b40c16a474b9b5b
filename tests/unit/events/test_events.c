/* test_events.c: tone, near-duplicate clustering, the aggregation rules, and the
   in-memory event table (the oracle the store tests compare against). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "events/cameo.h"
#include "events/events.h"
#include "events/neardup.h"
#include "events/tone.h"
#include "fixture.h"

/* ---- tone --------------------------------------------------------------- */

static void test_tone_custom_lexicon(void **state)
{
    (void)state;
    tone_lexicon *lx = tone_lexicon_new();
    const char list[] = "# test list\n+good\n-bad\n-attack*\n+peace*\nnonsense\n";
    diag_sink sink = {0};
    assert_int_equal(tone_lexicon_load(lx, list, strlen(list), "list", &sink), 4);
    assert_int_equal(sink.counts[DIAG_WARNING], 1);   /* "nonsense" */

    tone_score s;
    /* 11 words (2024 is a number, not a word); good, peaceful +; attacked, Bad - */
    const char text[] = "Good news: peaceful talks in 2024, yet rebels attacked. Bad day's end!";
    tone_of_text(lx, text, strlen(text), &s);
    assert_int_equal(s.words, 11);
    assert_int_equal(s.positive, 2);
    assert_int_equal(s.negative, 2);
    assert_true(s.tone == 0.0);

    const char neg[] = "attackers ATTACK the goodness";   /* goodness is not "good" */
    tone_of_text(lx, neg, strlen(neg), &s);
    assert_int_equal(s.words, 4);
    assert_int_equal(s.positive, 0);
    assert_int_equal(s.negative, 2);
    assert_true(s.tone < -49.9 && s.tone > -50.1);

    tone_of_text(lx, "", 0, &s);
    assert_int_equal(s.words, 0);
    assert_true(s.tone == 0.0);
    tone_lexicon_free(lx);
}

static void test_tone_builtin(void **state)
{
    (void)state;
    tone_lexicon *lx = tone_lexicon_builtin();
    assert_non_null(lx);
    size_t n = 0;
    for (size_t i = 0; tone_builtin_positive[i]; i++)
        n++;
    assert_true(n >= 200);
    n = 0;
    for (size_t i = 0; tone_builtin_negative[i]; i++)
        n++;
    assert_true(n >= 200);

    tone_score good, bad, story;
    const char g[] = "The leaders welcomed the agreement and praised the successful, peaceful talks.";
    const char b[] = "Troops attacked the village, killing twelve civilians and wounding dozens in the violence.";
    tone_of_text(lx, g, strlen(g), &good);
    tone_of_text(lx, b, strlen(b), &bad);
    tone_of_text(lx, FX_STORY, strlen(FX_STORY), &story);
    assert_true(good.tone > 20.0);
    assert_true(bad.tone < -20.0);
    assert_true(story.tone > bad.tone && story.tone < good.tone);
    tone_lexicon_free(lx);
}

/* ---- near duplicates ---------------------------------------------------- */

static void sig_of(const char *text, minhash *m)
{
    minhash_of_text(text, strlen(text), m);
}

static void test_minhash_similarity(void **state)
{
    (void)state;
    char boiler[sizeof FX_STORY + sizeof FX_BOILERPLATE];
    snprintf(boiler, sizeof boiler, "%s%s", FX_STORY, FX_BOILERPLATE);
    minhash base, copy, plus, edited, other;
    sig_of(FX_STORY, &base);
    sig_of(FX_STORY, &copy);
    sig_of(boiler, &plus);
    sig_of(FX_EDITED, &edited);
    sig_of(FX_OTHER, &other);

    assert_true(minhash_similarity(&base, &copy) == 1.0);
    assert_true(minhash_similarity(&base, &plus) >= 0.65);
    assert_true(minhash_similarity(&base, &edited) >= 0.65);
    assert_true(minhash_similarity(&base, &other) <= 0.25);
    assert_true(minhash_near(&base, &plus));
    assert_true(minhash_near(&base, &edited));
    assert_false(minhash_near(&base, &other));

    /* case and punctuation do not matter; words do */
    minhash a, b, c;
    sig_of("Norway's minister \xe2\x80\x9cvisited\xe2\x80\x9d SEOUL on Tuesday.", &a);
    sig_of("norway's minister \"visited\" Seoul, on tuesday", &b);
    sig_of("Norway's minister visited Tokyo on Tuesday", &c);
    assert_true(minhash_similarity(&a, &b) == 1.0);
    assert_true(minhash_similarity(&a, &c) < 0.8);

    /* empty texts are never near anything */
    minhash e;
    sig_of("  ...  ", &e);
    assert_int_equal(e.shingles, 0);
    assert_false(minhash_near(&e, &e));
    int64_t keys[MINHASH_BANDS];
    assert_int_equal(minhash_bands(&e, keys), 0);
}

static void test_minhash_encoding_and_bands(void **state)
{
    (void)state;
    minhash a, b, back;
    sig_of(FX_STORY, &a);
    sig_of(FX_OTHER, &b);
    uint8_t bytes[MINHASH_BYTES];
    minhash_encode(&a, bytes);
    assert_int_equal(minhash_decode(bytes, sizeof bytes, &back), 0);
    assert_memory_equal(&a, &back, sizeof a);
    assert_int_equal(minhash_decode(bytes, sizeof bytes - 1, &back), -1);

    int64_t ka[MINHASH_BANDS], kb[MINHASH_BANDS], ka2[MINHASH_BANDS];
    assert_int_equal(minhash_bands(&a, ka), MINHASH_BANDS);
    minhash_bands(&back, ka2);
    minhash_bands(&b, kb);
    assert_memory_equal(ka, ka2, sizeof ka);
    int shared = 0;
    for (size_t i = 0; i < MINHASH_BANDS; i++)
        shared += ka[i] == kb[i];
    assert_true(shared <= 2);
    /* distinct bands of one signature have distinct keys */
    for (size_t i = 0; i < MINHASH_BANDS; i++)
        for (size_t j = i + 1; j < MINHASH_BANDS; j++)
            assert_true(ka[i] != ka[j]);
}

static void test_neardup_index_clusters(void **state)
{
    (void)state;
    char boiler[sizeof FX_STORY + sizeof FX_BOILERPLATE];
    snprintf(boiler, sizeof boiler, "%s%s", FX_STORY, FX_BOILERPLATE);
    const char *texts[] = {FX_OTHER, FX_STORY, FX_STORY, boiler, FX_EDITED, "Short note."};
    uint32_t expect[] = {0, 1, 1, 1, 1, 5};
    neardup_index *idx = neardup_index_new();
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        minhash m;
        uint32_t cluster = 99;
        sig_of(texts[i], &m);
        assert_int_equal(neardup_index_add(idx, &m, &cluster), 0);
        assert_int_equal(cluster, expect[i]);
    }
    neardup_index_free(idx);
}

static void test_band_index(void **state)
{
    (void)state;
    band_index *bi = band_index_new();
    minhash a, b;
    sig_of(FX_STORY, &a);
    sig_of(FX_OTHER, &b);
    int64_t ka[MINHASH_BANDS], kb[MINHASH_BANDS], out[8];
    minhash_bands(&a, ka);
    minhash_bands(&b, kb);
    for (int64_t doc = 100; doc < 3000; doc++)      /* grows several times */
        assert_int_equal(band_index_add(bi, doc % 2 ? kb : ka, MINHASH_BANDS, doc), 0);
    assert_int_equal(band_index_docs(bi), 2900);
    /* the newest first, capped, each once */
    size_t n = band_index_candidates(bi, ka, MINHASH_BANDS, out, 8);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], 2998 - 2 * (int64_t)i);
    assert_int_equal(band_index_prune(bi, 2990), 0);
    assert_int_equal(band_index_docs(bi), 10);
    n = band_index_candidates(bi, kb, MINHASH_BANDS, out, 8);
    assert_int_equal(n, 5);
    assert_int_equal(out[4], 2991);
    assert_int_equal(band_index_add(bi, ka, MINHASH_BANDS, 5000), 0);
    n = band_index_candidates(bi, ka, MINHASH_BANDS, out, 8);
    assert_int_equal(out[0], 5000);
    assert_true(band_index_memory(bi) < 64 * 1024);
    band_index_free(bi);
}

/* the title is not part of the signature: republishers rewrite headlines */
static void test_minhash_of_document_ignores_title(void **state)
{
    (void)state;
    document *a = fx_doc("a", NULL, "Norway's minister in Seoul", FX_STORY, NULL, NULL);
    document *b = fx_doc("b", NULL, "Nordic envoy lands in Korea for trade talks", FX_STORY, NULL, NULL);
    minhash ma, mb;
    minhash_of_document(a, &ma);
    minhash_of_document(b, &mb);
    assert_true(minhash_similarity(&ma, &mb) == 1.0);
    document_free(a);
    document_free(b);
}

/* ---- rules -------------------------------------------------------------- */

static void test_codes_and_quads(void **state)
{
    (void)state;
    char root[3], base[4];
    event_code_parts("0211", root, base);
    assert_string_equal(root, "02");
    assert_string_equal(base, "021");
    event_code_parts("04", root, base);
    assert_string_equal(root, "04");
    assert_string_equal(base, "04");
    event_code_parts("", root, base);
    assert_string_equal(root, "");
    assert_int_equal(quad_class_of_root("05"), 1);
    assert_int_equal(quad_class_of_root("09"), 2);
    assert_int_equal(quad_class_of_root("14"), 3);
    assert_int_equal(quad_class_of_root("20"), 4);
    assert_int_equal(quad_class_of_root("21"), 0);
    assert_int_equal(quad_class_of_root("4"), 0);

    codebook_table t = {FX_CODEBOOK_ROWS, FX_CODEBOOK_N};
    codebook_lookup cb = codebook_lookup_table(&t);
    const codebook_entry *e = codebook_find(&cb, "042");
    assert_non_null(e);
    assert_string_equal(e->name, "Make a visit");
    assert_null(codebook_find(&cb, "999"));
    assert_null(codebook_find(NULL, "042"));
    assert_non_null(cb.at(cb.ctx, 0));
    assert_null(cb.at(cb.ctx, FX_CODEBOOK_N));
}

static void test_mention_dates(void **state)
{
    (void)state;
    document *doc = fx_doc("d", "Wire", NULL, FX_STORY, "2023-01-31", NULL);
    int32_t ingest = fx_day("2024-05-05"), date = 0;
    event_mention m = fx_mention(doc, 0, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR",
                                 "042", NULL, 0);
    assert_int_equal(event_mention_date(&m, doc, ingest, &date), MENTION_AGGREGATED);
    assert_int_equal(date, fx_day("2023-01-31"));       /* the article's date */

    m = fx_mention(doc, 0, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR", "042",
                   "2023-01-30", 0);
    event_mention_date(&m, doc, ingest, &date);
    assert_int_equal(date, fx_day("2023-01-30"));       /* the text's date */

    m.flags = MENTF_NEGATED;
    assert_int_equal(event_mention_date(&m, doc, ingest, &date), MENTION_NEGATED);

    m = fx_mention(doc, 0, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR", "042",
                   "2017-03-01", MENTF_HISTORICAL);
    assert_int_equal(event_mention_date(&m, doc, ingest, &date), MENTION_AGGREGATED);
    assert_int_equal(date, fx_day("2017-03-01"));       /* keeps its own date */
    m.date_basis = DATE_FROM_ARTICLE;                   /* a historical event on the article's day: no */
    assert_int_equal(event_mention_date(&m, doc, ingest, &date), MENTION_UNDATED_HISTORICAL);

    m = fx_mention(doc, 0, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR", "", NULL, 0);
    assert_int_equal(event_mention_date(&m, doc, ingest, &date), MENTION_NO_CODE);

    doc->published = DATE_UNKNOWN;
    m = fx_mention(doc, 0, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR", "042", NULL, 0);
    event_mention_date(&m, doc, ingest, &date);
    assert_int_equal(date, ingest);                     /* nothing else known */
    document_free(doc);
}

static void test_doc_origin(void **state)
{
    (void)state;
    char out[ORIGIN_MAX];
    document *d = fx_doc("d", "  Global Wire ", NULL, "x", NULL, NULL);
    doc_origin(d, NULL, 7, out);
    assert_string_equal(out, "global wire");
    d->original_source = "https://www.Example-Wire.com/story/12";
    doc_origin(d, NULL, 7, out);
    assert_string_equal(out, "example-wire.com");
    doc_origin(d, "first copy's origin", 3, out);       /* a copy inherits */
    assert_string_equal(out, "first copy's origin");
    d->original_source = NULL;
    d->outlet = NULL;
    doc_origin(d, NULL, 7, out);
    assert_string_equal(out, "#7");
    document_free(d);

    char t[21];
    format_utc_time(0, t);
    assert_string_equal(t, "1970-01-01T00:00:00Z");
    format_utc_time((int64_t)fx_day("2023-01-29") * 86400 + 3661, t);
    assert_string_equal(t, "2023-01-29T01:01:01Z");
}

static void test_deltas_group_a_document(void **state)
{
    (void)state;
    document *doc = fx_doc("d", "Wire", "Norway's minister visits Seoul", FX_STORY, "2023-01-31", NULL);
    event_mention m[5];
    m[0] = fx_mention(doc, 0, "Norway", "NORGOV", "visits", "Seoul", "KOR", "042", NULL, MENTF_TITLE);
    m[1] = fx_mention(doc, 1, "foreign minister", "NORGOV", "arrived", "Seoul", "KOR", "042", NULL, 0);
    m[2] = fx_mention(doc, 5, "spokesman", "KORGOV", "welcomed", "visit", "NORGOV", "043", NULL, 0);
    m[3] = fx_mention(doc, 5, "spokesman", "KORGOV", "welcomed", "visit", "NORGOV", "043", NULL, MENTF_NEGATED);
    m[4] = fx_mention(doc, 7, "minister", "NORGOV", "return", "Oslo", "NOR", "042", "2023-02-02", 0);
    event_delta d[5];
    int32_t which[5];
    uint8_t why[5];
    size_t n = event_deltas(doc, m, 5, 0, d, which, why);
    assert_int_equal(n, 3);
    assert_int_equal(d[0].mentions, 2);
    assert_int_equal(d[0].is_root, 1);
    assert_int_equal(d[1].mentions, 1);
    assert_int_equal(d[1].is_root, 0);
    assert_int_equal(which[3], -1);
    assert_int_equal(why[3], MENTION_NEGATED);
    assert_int_equal(which[4], 2);
    assert_int_equal(d[2].key.date, fx_day("2023-02-02"));
    document_free(doc);
}

static void test_cameo_display_parts(void **state)
{
    (void)state;
    char country[4], roles[64];
    assert_int_equal(cameo_country_roles("USAGOV", country, roles, sizeof roles), 1);
    assert_string_equal(country, "USA");
    assert_string_equal(roles, "Government");
    assert_int_equal(cameo_country_roles("IRQMILREB", country, roles, sizeof roles), 1);
    assert_string_equal(roles, "Military Rebels");
    assert_int_equal(cameo_country_roles("KOR", country, roles, sizeof roles), 0);
    assert_int_equal(cameo_country_roles("IGOUNO", country, roles, sizeof roles), 0);
    assert_int_equal(cameo_country_roles("MNCUSA", country, roles, sizeof roles), 0);
    assert_int_equal(cameo_country_roles("AFGREBTAL", country, roles, sizeof roles), 0);
    assert_int_equal(cameo_country_roles("USAXYZ", country, roles, sizeof roles), 0);
    assert_string_equal(cameo_sector_name("MIL"), "Military");
    assert_null(cameo_sector_name("XYZ"));
}

/* ---- the in-memory table ------------------------------------------------ */

static void test_event_table_syndication(void **state)
{
    (void)state;
    codebook_table t = {FX_CODEBOOK_ROWS, FX_CODEBOOK_N};
    event_table *tab = event_table_new(codebook_lookup_table(&t), NULL);
    assert_non_null(tab);
    char boiler[sizeof FX_STORY + sizeof FX_BOILERPLATE];
    snprintf(boiler, sizeof boiler, "%s%s", FX_STORY, FX_BOILERPLATE);

    /* 0: the wire story; 1: a syndicated copy elsewhere (boilerplate added);
       2: an edited copy; 3: a different story from the same wire; 4: another
       outlet's own story; 5: a translation that says where it came from */
    document *docs[6] = {
        fx_doc("wire", "example-wire.com", "Norway minister in Seoul", FX_STORY, "2023-01-31", NULL),
        fx_doc("copy", "Daily Reprint", "Nordic visit", boiler, "2023-02-01", NULL),
        fx_doc("edit", "Evening Post", "Minister visits", FX_EDITED, "2023-01-30", NULL),
        fx_doc("wire2", "example-wire.com", "Memorandum signed", FX_OTHER, "2023-02-01", NULL),
        fx_doc("own", "Seoul Herald", "Green shipping deal", FX_OTHER + 0, "2023-02-01", NULL),
        fx_doc("trans", "Avisen", "Utenriksministeren i Seoul",
               "Utenriksministeren kom til Seoul tirsdag for samtaler med koreanske tjenestemenn.",
               "2023-02-01", "https://www.example-wire.com/norway-seoul"),
    };
    int64_t now = (int64_t)fx_day("2024-01-01") * 86400 + 600;
    for (size_t i = 0; i < 6; i++) {
        event_mention m[2];
        m[0] = fx_mention(docs[i], 1, NULL, "NORGOV", NULL, NULL, "KOR", "042", "2023-01-31", 0);
        m[1] = fx_mention(docs[i], 2, NULL, "NORGOV", NULL, NULL, "KOR", "042", "2023-01-31", 0);
        size_t n = i == 0 ? 2 : 1;                      /* the wire repeats it */
        assert_int_equal(event_table_add(tab, docs[i], m, n, now), 0);
    }
    /* clusters: 0,1,2 together; 3 alone; 4 is an exact copy of 3's body */
    assert_int_equal(event_table_doc(tab, 1)->cluster, 0);
    assert_int_equal(event_table_doc(tab, 2)->cluster, 0);
    assert_int_equal(event_table_doc(tab, 3)->cluster, 3);
    assert_int_equal(event_table_doc(tab, 4)->cluster, 3);
    assert_int_equal(event_table_doc(tab, 5)->cluster, 5);
    assert_string_equal(event_table_doc(tab, 1)->origin, "example-wire.com");
    assert_string_equal(event_table_doc(tab, 4)->origin, "example-wire.com");
    assert_string_equal(event_table_doc(tab, 5)->origin, "example-wire.com");

    assert_int_equal(event_table_count(tab), 1);
    const event_agg *a = event_table_at(tab, 0);
    assert_int_equal(a->num_mentions, 7);
    assert_int_equal(a->num_articles, 6);
    assert_int_equal(a->num_sources, 1);    /* everything came from the wire */
    assert_int_equal(a->first_doc, 2);      /* published 2023-01-30, the earliest */
    assert_int_equal(a->first_seen, (int64_t)fx_day("2023-01-30") * 86400);
    assert_true(a->goldstein > 1.89f && a->goldstein < 1.91f);
    assert_int_equal(a->quad_class, 1);
    assert_string_equal(a->root, "04");
    assert_int_equal(a->is_root, 1);
    double mean = 0;
    for (size_t i = 0; i < 6; i++)
        mean += event_table_doc(tab, i)->tone;
    assert_true(a->tone_sum > mean - 1e-9 && a->tone_sum < mean + 1e-9);

    event_key k;
    event_key_make(&k, fx_day("2023-01-31"), "NORGOV", "KOR", "042");
    assert_ptr_equal(event_table_find(tab, &k), a);
    event_key_make(&k, fx_day("2023-01-31"), "KOR", "NORGOV", "042");
    assert_null(event_table_find(tab, &k));
    for (size_t i = 0; i < 6; i++)
        document_free(docs[i]);
    event_table_free(tab);
}

static void test_event_table_independent_sources(void **state)
{
    (void)state;
    event_table *tab = event_table_new((codebook_lookup){0}, NULL);
    document *a = fx_doc("a", "Outlet A", NULL, FX_STORY, "2023-01-31", NULL);
    document *b = fx_doc("b", "Outlet B", NULL, FX_OTHER, "2023-01-31", NULL);
    document *c = fx_doc("c", NULL, NULL, "A third text about the visit, written by nobody known.", NULL, NULL);
    event_mention m = fx_mention(a, 3, NULL, "NORGOV", NULL, NULL, "KORGOV", "036", NULL, 0);
    event_table_add(tab, a, &m, 1, 0);
    event_table_add(tab, b, &m, 1, 0);
    event_mention h = fx_mention(c, 3, NULL, "NORGOV", NULL, NULL, "KORGOV", "036", NULL, MENTF_HISTORICAL);
    event_table_add(tab, c, &h, 1, 86400 * 5);  /* undated historical: not aggregated */
    m.date = DATE_UNKNOWN;
    event_table_add(tab, c, &m, 1, 86400 * 5);  /* undated document: the ingest day */
    assert_int_equal(event_table_count(tab), 2);
    const event_agg *e = event_table_at(tab, 0);
    assert_int_equal(e->num_articles, 2);
    assert_int_equal(e->num_sources, 2);
    assert_true(e->goldstein == 0.0f);          /* no codebook */
    assert_int_equal(e->quad_class, 1);         /* from the root */
    e = event_table_at(tab, 1);
    assert_int_equal(e->key.date, 5);
    assert_int_equal(e->first_seen, 86400 * 5);
    document_free(a);
    document_free(b);
    document_free(c);
    event_table_free(tab);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone_custom_lexicon),
        cmocka_unit_test(test_tone_builtin),
        cmocka_unit_test(test_minhash_similarity),
        cmocka_unit_test(test_minhash_encoding_and_bands),
        cmocka_unit_test(test_neardup_index_clusters),
        cmocka_unit_test(test_band_index),
        cmocka_unit_test(test_minhash_of_document_ignores_title),
        cmocka_unit_test(test_codes_and_quads),
        cmocka_unit_test(test_mention_dates),
        cmocka_unit_test(test_doc_origin),
        cmocka_unit_test(test_deltas_group_a_document),
        cmocka_unit_test(test_cameo_display_parts),
        cmocka_unit_test(test_event_table_syndication),
        cmocka_unit_test(test_event_table_independent_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
