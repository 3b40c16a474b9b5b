/* test_dict_shared.c: the full reference dictionaries in ../shared load, and what is
   read matches the counts in ../shared/conformance/tabari/FORMAT.md and
   ../shared/dictionaries/petrarch/FORMAT.md.  Skipped (exit 77) when ../shared
   is absent.  Load time and memory are printed by `dyad dict stats --time`, not
   asserted here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dict/dict.h"
#include "dict/dict_tools.h"
#include "text/text.h"
#include "util/civil_date.h"

#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

typedef struct counter {
    long reserved_amp;      /* TABARI: actors rejected for a word starting with & */
    long warnings;
} counter;

static void count_fn(void *ctx, const diag *d)
{
    counter *c = ctx;
    if (d->level >= DIAG_WARNING)
        c->warnings++;
    if (strstr(d->message, "reserved for synsets"))
        c->reserved_amp++;
}

static char path_buf[16][1024];

static const char *shared(int slot, const char *rel)
{
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", DYAD_SHARED_DIR, rel);
    return path_buf[slot];
}

static dict_set *load(const char *const *rel, size_t n, dict_dialect dialect, counter *cnt)
{
    dict_builder *b = dict_builder_new();
    assert_non_null(b);
    diag_sink sink = {count_fn, cnt, {0}};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(dict_load_file(b, shared((int)i, rel[i]), DICT_FILE_AUTO, dialect, &sink), 0);
    dict_set *d = dict_builder_freeze(b, &sink);
    assert_non_null(d);
    return d;
}

static const dict_file_info *file_info(const dict_set *d, const char *suffix, dict_file_info *fi)
{
    for (size_t i = 0; i < dict_n_files(d); i++) {
        dict_file_info_at(d, i, fi);
        size_t n = strlen(fi->name), m = strlen(suffix);
        if (n >= m && !strcmp(fi->name + n - m, suffix))
            return fi;
    }
    fail_msg("file %s not loaded", suffix);
    return NULL;
}

/* The actor matched by the whole of text (consecutive exact words), or NULL. */
static const actor_entry *actor_of(const dict_set *d, const char *text)
{
    token_vec toks = {0};
    sentence s = {0, (uint32_t)strlen(text), 0, 0};
    text_tokenize(dict_words(d), text, &s, &toks);
    uint32_t node = DICT_TRIE_ROOT;
    for (size_t i = 0; i < toks.len && node != DICT_TRIE_NONE; i++) {
        /* each token's lexemes: the exact word, then TABARI stems; the first that steps */
        char key[128];
        size_t kl = text_token_key(text, &toks.items[i], key, sizeof key);
        lex_id lex[16];
        size_t nl = dict_token_lexemes(d, key, kl, toks.items[i].word, lex, 16);
        uint32_t next = DICT_TRIE_NONE;
        for (size_t k = 0; k < nl && next == DICT_TRIE_NONE; k++)
            next = dict_trie_step(d, node, lex[k]);
        node = next;
    }
    vec_free(&toks);
    if (node == DICT_TRIE_NONE)
        return NULL;
    size_t n;
    const dict_payload *p = dict_trie_payloads(d, node, &n);
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == HIT_ACTOR)
            return dict_actor(d, p[i].entry);
    return NULL;
}

static void test_tabari_full_cameo_set(void **state)
{
    (void)state;
    static const char *const files[] = {
        "dictionaries/tabari/CAMEO.091003.master.verbs",
        "dictionaries/tabari/CountryInfo.120116.actors.zip",
        "dictionaries/tabari/Internatnl.120521.actors",
        "dictionaries/tabari/PSU.120522.agents",
    };
    counter cnt = {0};
    dict_set *d = load(files, 4, DIALECT_TABARI, &cnt);
    dict_file_info fi;
    /* FORMAT.md: 1,216 verb roots and 15,582 pattern lines */
    assert_int_equal(dict_n_verbs(d), 1216);
    file_info(d, "CAMEO.091003.master.verbs", &fi);
    assert_int_equal(fi.records, 1216 + (long)dict_n_patterns(d));
    assert_true(dict_n_patterns(d) <= 15582);
    assert_true((long)dict_n_patterns(d) + fi.problems >= 15582);
    assert_true(dict_n_patterns(d) > 15500);
    /* FORMAT.md: the 128 CountryInfo/Internatnl entries with & in a name are rejected */
    assert_int_equal(cnt.reserved_amp, 128);
    /* the zip member loaded, and every line was seen */
    file_info(d, "CountryInfo.120116.actors.zip/CountryInfo.120116.actors", &fi);
    assert_string_equal(fi.kind, "actors");
    assert_true(fi.lines > 52000);
    assert_true(fi.records > 50000);
    assert_true(dict_n_actors(d) > 29000);
    assert_true(dict_n_agents(d) > 2000);
    /* a person whose role changes: HAMID_KARZAI_ [AFGELI 750101-000101] [AFGGOV >011222] [AFGELI] */
    const actor_entry *a = actor_of(d, "Hamid Karzai");
    assert_non_null(a);
    assert_string_equal(dict_actor_code(d, a, civil_to_days(2005, 1, 1)), "AFGGOV");
    assert_string_equal(dict_actor_code(d, a, civil_to_days(1980, 1, 1)), "AFGELI");
    printf("# TABARI CAMEO set: %zu actors, %zu agents, %zu verbs, %zu patterns, %.1f MB\n",
           dict_n_actors(d), dict_n_agents(d), dict_n_verbs(d), dict_n_patterns(d),
           (double)dict_memory(d) / 1048576.0);
    dict_set_free(d);
}

static void test_tabari_validation_set(void **state)
{
    (void)state;
    counter cnt = {0};
    dict_builder *b = dict_builder_new();
    diag_sink sink = {count_fn, &cnt, {0}};
    assert_int_equal(dict_load_tabari_project(b, shared(0, "conformance/tabari/Validate.project"),
                                              &sink), 0);
    dict_set *d = dict_builder_freeze(b, &sink);
    assert_non_null(d);
    assert_int_equal(cnt.warnings, 0);
    assert_int_equal(dict_n_files(d), 4);
    assert_true(dict_n_option_lines(d) > 0);
    /* LEFT_ [032:033]: a paired code */
    int found = 0;
    for (uint32_t v = 0; v < dict_n_verbs(d); v++) {
        const verb_entry *e = dict_verb(d, v);
        if (!strcmp(e->phrase, "LEFT_")) {
            assert_string_equal(e->code, "032");
            assert_string_equal(e->paired_code, "033");
            found = 1;
        }
    }
    assert_true(found);
    const actor_entry *a = actor_of(d, "Dagolath");
    assert_non_null(a);
    assert_string_equal(dict_actor_code(d, a, civil_to_days(1995, 1, 3)), "DAG");
    dict_set_free(d);
}

static void test_petrarch_phoenix_set(void **state)
{
    (void)state;
    static const char *const files[] = {
        "dictionaries/petrarch/CAMEO.2.0.txt",
        "dictionaries/petrarch/Phoenix.Countries.actors.txt",
        "dictionaries/petrarch/Phoenix.International.actors.txt",
        "dictionaries/petrarch/Phoenix.MilNonState.actors.txt",
        "dictionaries/petrarch/Phoenix.agents.txt",
        "dictionaries/petrarch/Phoenix.discards.txt",
        "dictionaries/petrarch/Phoenix.IssueCoding.txt",
    };
    counter cnt = {0};
    dict_set *d = load(files, 7, DIALECT_AUTO, &cnt);
    dict_file_info fi;
    /* verbs: 40 synsets / 558 members, 397 blocks, 1,817 verb lines, 4,668 patterns */
    assert_int_equal(dict_n_verbs(d), 1817);
    size_t synsets = 0;
    for (uint32_t s = 0; s < dict_n_sets(d); s++)
        if (dict_set_name(d, s)[0] == '&')
            synsets++;
    assert_int_equal(synsets, 40);
    file_info(d, "CAMEO.2.0.txt", &fi);
    assert_string_equal(fi.dialect, "petrarch");
    assert_int_equal(fi.records, 40 + 558 + 397 + 1817 + (long)dict_n_patterns(d));
    assert_int_equal((long)dict_n_patterns(d) + fi.problems, 4668);
    size_t dual = 0;
    for (uint32_t p = 0; p < dict_n_patterns(d); p++)
        if (dict_pattern(d, p)->code_flags & DICT_CODE_PAIR_PASSIVE)
            dual++;
    assert_true(dual <= 437 && dual + (size_t)fi.problems >= 437);
    /* actors: primary entries + synonyms + restriction lines, per file */
    file_info(d, "Phoenix.Countries.actors.txt", &fi);
    assert_int_equal(fi.records, 18390 + 7527 + 28174);
    file_info(d, "Phoenix.International.actors.txt", &fi);
    assert_int_equal(fi.records, 7841 + 66 + 47);
    file_info(d, "Phoenix.MilNonState.actors.txt", &fi);
    assert_int_equal(fi.records, 1021 + 772 + 6);
    assert_int_equal(dict_n_actors(d), 18390 + 7841 + 1021);
    /* agents: 2,244 entries and one line without a code */
    file_info(d, "Phoenix.agents.txt", &fi);
    size_t lines_read = 0;
    const char *last = NULL;
    for (uint32_t i = 0; i < dict_n_agents(d); i++) {
        const char *w = dict_agent(d, i)->where;
        if (!last || strcmp(w, last) != 0)
            lines_read++;
        last = w;
    }
    assert_int_equal((long)lines_read + fi.problems, 2244 + 1);
    /* discards: 506 entries, 64 for the story */
    assert_int_equal(dict_n_discards(d), 506);
    size_t story = 0;
    for (uint32_t i = 0; i < dict_n_discards(d); i++)
        story += dict_discard(d, i)->whole_story;
    assert_int_equal(story, 64);
    /* issues: 2,976 coded phrases, read and counted */
    file_info(d, "Phoenix.IssueCoding.txt", &fi);
    assert_int_equal(fi.records, 2976);
    printf("# PETRARCH Phoenix set: %zu actors, %zu agents, %zu verbs, %zu patterns, %.1f MB\n",
           dict_n_actors(d), dict_n_agents(d), dict_n_verbs(d), dict_n_patterns(d),
           (double)dict_memory(d) / 1048576.0);
    dict_set_free(d);
}

static void test_petrarch_validation_set(void **state)
{
    (void)state;
    static const char *const files[] = {
        "conformance/petrarch/PETR.Validate.actors.txt",
        "conformance/petrarch/PETR.Validate.agents.txt",
        "conformance/petrarch/PETR.Validate.discards.txt",
        "conformance/petrarch/PETR.Validate.verbs.txt",
    };
    counter cnt = {0};
    dict_set *d = load(files, 4, DIALECT_PETRARCH, &cnt);
    dict_file_info fi;
    /* actors: 128 primary entries, 33 synonyms, 17 restriction lines */
    file_info(d, "PETR.Validate.actors.txt", &fi);
    assert_int_equal(fi.records, 128 + 33 + 17);
    assert_int_equal(dict_n_actors(d), 128);
    /* agents: 88 entries */
    size_t lines_read = 0;
    const char *last = NULL;
    for (uint32_t i = 0; i < dict_n_agents(d); i++) {
        const char *w = dict_agent(d, i)->where;
        if (!last || strcmp(w, last) != 0)
            lines_read++;
        last = w;
    }
    assert_int_equal(lines_read, 88);
    /* discards: 9 (4 story) */
    assert_int_equal(dict_n_discards(d), 9);
    /* verbs: 17 synsets, 261 blocks, 325 verb and member lines, 474 patterns */
    file_info(d, "PETR.Validate.verbs.txt", &fi);
    assert_int_equal(fi.records, 17 + 261 + 325 + (long)dict_n_patterns(d));
    assert_int_equal((long)dict_n_patterns(d) + fi.problems, 474);
    dict_set_free(d);
}

int main(void)
{
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/dictionaries/tabari/CAMEO.091003.master.verbs",
             DYAD_SHARED_DIR);
    if (access(probe, R_OK) != 0) {
        printf("skipped: the reference dictionaries in %s are not here\n", DYAD_SHARED_DIR);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tabari_full_cameo_set),
        cmocka_unit_test(test_tabari_validation_set),
        cmocka_unit_test(test_petrarch_phoenix_set),
        cmocka_unit_test(test_petrarch_validation_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
