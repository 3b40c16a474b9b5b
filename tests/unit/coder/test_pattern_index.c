/*
** test_pattern_index.c: the indexes that spare the pattern matcher most
** patterns (coder_model slots, slot filters, key runs and their bloom) give
** the same answers as looking at every pattern.
**
** A generated dictionary has verbs with a few and with hundreds of patterns
** (the matcher takes the latter through their key words) made of invented
** literal words, phrase sets and actor slots.  Generated sentences are coded
** twice: with a trace, where every pattern whose signature passes is tried in
** full (no window filter), and without, where the filters decide first; the
** events must be the same.  The key-run lookup is compared with a scan of every
** slot's first literal word.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "coder_fixture.h"

#include "coder/coder_private.h"
#include "coder/grammar.h"
#include "util/civil_date.h"

#define N_WORDS 48
#define N_VERBS 6

static const char actors[] = "JAPAN [JPN]\nCHINA [CHN]\nPOLAND [POL]\nNORWAY [NOR]\n";

/* invented words: no grammar word, no actor */
static void word_name(unsigned i, char *out, size_t cap)
{
    static const char *const syl[] = {"ZOR", "BLA", "KEM", "VUD", "TRI", "GAX", "PLO", "MUN"};
    snprintf(out, cap, "%s%s%s", syl[i % 8], syl[(i / 8) % 8], i >= 64 ? "Q" : "");
}

static void lower_word_name(unsigned i, char *out, size_t cap)
{
    word_name(i, out, cap);
    for (char *p = out; *p; p++)
        *p = (char)(*p - 'A' + 'a');
}

static uint32_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

/* The generated patterns, element by element, for sentences made from them:
   a word index, or one of the codes below. */
#define EL_VERB 1000
#define EL_ACTOR 1001
#define EL_SET 1002
#define MAX_GEN 600
typedef struct gen_pattern {
    unsigned verb, n, el[8];
} gen_pattern;
static gen_pattern gen[MAX_GEN];
static unsigned n_gen;

/* A verb file: N_VERBS verbs FLOMPA.. with 3 .. 300 patterns each. */
static char *make_verbs(uint64_t *seed)
{
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    char w[32];
    len += (size_t)snprintf(buf + len, cap - len, "&GROUP =");
    for (unsigned i = 0; i < 4; i++) {
        word_name(40 + i, w, sizeof w);
        len += (size_t)snprintf(buf + len, cap - len, "%s %s", i ? "," : "", w);
    }
    len += (size_t)snprintf(buf + len, cap - len, "\n");
    /* more phrase sets, with one- and two-word members, for set presence */
    for (unsigned s = 0; s < 30; s++) {
        len += (size_t)snprintf(buf + len, cap - len, "&SET%u =", s);
        unsigned members = 1 + rng_next(seed) % 4;
        for (unsigned k = 0; k < members; k++) {
            word_name(rng_next(seed) % 40, w, sizeof w);
            len += (size_t)snprintf(buf + len, cap - len, "%s %s", k ? "," : "", w);
            if (rng_next(seed) % 3 == 0) {
                word_name(rng_next(seed) % 40, w, sizeof w);
                len += (size_t)snprintf(buf + len, cap - len, " %s", w);
            }
        }
        len += (size_t)snprintf(buf + len, cap - len, "\n");
    }
    static const unsigned n_patterns[N_VERBS] = {3, 20, 47, 60, 150, 300};
    for (unsigned v = 0; v < N_VERBS; v++) {
        len += (size_t)snprintf(buf + len, cap - len, "FLOMP%c [---]\n", 'A' + v);
        for (unsigned p = 0; p < n_patterns[v]; p++) {
            gen_pattern *g = &gen[n_gen++];
            g->verb = v;
            g->n = 0;
            len += (size_t)snprintf(buf + len, cap - len, "- ");
            unsigned before = rng_next(seed) % 3, after = 1 + rng_next(seed) % 4;
            for (unsigned k = 0; k < before; k++) {
                g->el[g->n] = rng_next(seed) % 40;
                word_name(g->el[g->n++], w, sizeof w);
                len += (size_t)snprintf(buf + len, cap - len, "%s ", w);
            }
            len += (size_t)snprintf(buf + len, cap - len, "* ");
            g->el[g->n++] = EL_VERB;
            for (unsigned k = 0; k < after; k++) {
                unsigned r = rng_next(seed) % 10;
                if (r < 6) {
                    g->el[g->n] = rng_next(seed) % 40;
                    word_name(g->el[g->n++], w, sizeof w);
                    len += (size_t)snprintf(buf + len, cap - len, "%s ", w);
                } else if (r < 8) {
                    g->el[g->n++] = EL_ACTOR;
                    len += (size_t)snprintf(buf + len, cap - len, "+ ");
                } else if (r < 9) {
                    g->el[g->n++] = EL_SET;
                    len += (size_t)snprintf(buf + len, cap - len, "&GROUP ");
                } else {
                    g->el[g->n++] = EL_ACTOR;
                    len += (size_t)snprintf(buf + len, cap - len, "$ ");
                }
            }
            len += (size_t)snprintf(buf + len, cap - len, "[%03u]\n", 10 + (p % 180));
        }
    }
    buf[len] = '\0';
    return buf;
}

static int setup(void **state)
{
    static fixture f;
    uint64_t seed = 12345;
    n_gen = 0;
    char *verbs = make_verbs(&seed);
    dict_builder *b = dict_builder_new();
    assert_non_null(b);
    assert_int_equal(dict_load_bytes(b, "gen.actors", actors, strlen(actors), DICT_FILE_ACTORS,
                                     DIALECT_NATIVE, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "gen.verbs", verbs, strlen(verbs), DICT_FILE_VERBS,
                                     DIALECT_NATIVE, NULL), 0);
    free(verbs);
    fixture_build(&f, b);
    assert_true(dict_n_patterns(f.dict) > 500);
    *state = &f;
    return 0;
}

/* The events of `text` as "SRC TGT CODE;" strings, coded with or without a
   trace. */
static void code_text(const fixture *f, const char *text, int traced, char *out, size_t cap)
{
    document *doc = document_new();
    assert_int_equal(document_set_text(doc, text, strlen(text), 0), 0);
    doc->published = civil_to_days(2023, 1, 30);
    coder *c = coder_new(f->model, NULL);
    strbuf trace = {0};
    if (traced)
        coder_set_trace(c, &trace);
    mention_vec ms = {0};
    assert_true(coder_code_document(c, doc, &ms) >= 0);
    out[0] = '\0';
    for (size_t k = 0; k < ms.len; k++) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s %s %s;", ms.items[k].source.code, ms.items[k].target.code,
                 ms.items[k].code);
    }
    vec_free(&ms);
    strbuf_free(&trace);
    coder_free(c);
    document_free(doc);
}

static void test_filtered_matches_equal_full_tries(void **state)
{
    const fixture *f = *state;
    static const char *const countries[] = {"Japan", "China", "Poland", "Norway"};
    uint64_t seed = 777;
    unsigned with_events = 0;
    for (unsigned s = 0; s < 3000; s++) {
        /* a pattern of a verb, written out with changes: words dropped,
           replaced or added, so that some match and some nearly do */
        const gen_pattern *g = &gen[rng_next(&seed) % n_gen];
        char text[1024], w[32];
        size_t len = 0;
        len += (size_t)snprintf(text + len, sizeof text - len, "%s",
                                countries[rng_next(&seed) % 4]);
        for (unsigned k = 0; k < g->n; k++) {
            unsigned r = rng_next(&seed) % 12, el = g->el[k];
            if (el == EL_VERB) {
                len += (size_t)snprintf(text + len, sizeof text - len, " flomp%ced", 'a' + g->verb);
                continue;
            }
            if (r == 0)
                continue; /* dropped */
            if (r == 1)
                el = rng_next(&seed) % N_WORDS; /* replaced */
            if (r == 2) { /* a word or a comma added before it */
                lower_word_name(rng_next(&seed) % N_WORDS, w, sizeof w);
                len += (size_t)snprintf(text + len, sizeof text - len, " %s",
                                        rng_next(&seed) % 3 ? w : ",");
            }
            if (el == EL_ACTOR)
                snprintf(w, sizeof w, "%s", countries[rng_next(&seed) % 4]);
            else
                lower_word_name(el == EL_SET ? 40 + rng_next(&seed) % 4 : el, w, sizeof w);
            len += (size_t)snprintf(text + len, sizeof text - len, " %s", w);
        }
        if (rng_next(&seed) % 2)
            len += (size_t)snprintf(text + len, sizeof text - len, " %s",
                                    countries[rng_next(&seed) % 4]);
        snprintf(text + len, sizeof text - len, ".");
        char plain[2048], traced[2048];
        code_text(f, text, 0, plain, sizeof plain);
        code_text(f, text, 1, traced, sizeof traced);
        if (strcmp(plain, traced) != 0)
            fail_msg("\"%s\": filtered \"%s\", full \"%s\"", text, plain, traced);
        with_events += plain[0] != '\0';
    }
    /* the sentences exercise the patterns: many of them code something */
    assert_true(with_events > 600);
}

static void test_key_runs_equal_a_scan(void **state)
{
    const fixture *f = *state;
    const coder_model *m = f->model;
    const wordtab *wt = dict_words(f->dict);
    for (uint32_t v = 0; v < dict_n_verbs(f->dict); v++) {
        const verb_entry *ve = dict_verb(f->dict, v);
        for (unsigned i = 0; i < N_WORDS; i++) {
            char w[32];
            word_name(i, w, sizeof w);
            lex_id lex = wordtab_lookup(wt, w, strlen(w));
            if (lex == WORD_NONE)
                continue;
            /* the slots whose first literal word is lex, by a scan */
            uint32_t expect = 0;
            for (uint32_t k = 0; k < ve->n_patterns; k++) {
                const struct pattern_slot *s = &m->slots[ve->first_pattern + k];
                const pattern_elem *e = m->slot_elems + s->first_elem;
                for (uint32_t q = 0; q < s->n_elems; q++)
                    if (e[q].kind == PAT_WORD) {
                        expect += e[q].arg == lex;
                        break;
                    }
            }
            const struct key_run *run = coder_model_key_run(m, v, lex);
            assert_int_equal(run ? run->count : 0, expect);
            for (uint32_t q = 0; run && q < run->count; q++) {
                uint32_t k = m->key_slots[run->first + q];
                assert_true(k < ve->n_patterns);
                /* the slot's filter holds the key word's bit */
                int found = 0;
                for (unsigned b = 0; b < SLOT_FILTER_WORDS; b++)
                    found |= m->slot_filter[ve->first_pattern + k][b] == coder_lex_filter_bit(lex);
                assert_true(found);
            }
        }
    }
}

/* coder_set_in_window (which first asks the window filter) answers whether a
   token of the window starts a member of the set, on generated windows. */
static void test_set_presence_equals_a_scan(void **state)
{
    const fixture *f = *state;
    const wordtab *wt = dict_words(f->dict);
    coder *c = coder_new(f->model, NULL);
    assert_non_null(c);
    static tok_info info[24];
    c->info = info;
    uint64_t seed = 4242;
    size_t present = 0, checks = 0;
    for (unsigned w = 0; w < 2000; w++) {
        c->window_no++;
        c->n_tok = (uint16_t)(1 + rng_next(&seed) % 24);
        memset(c->lexeme_bits, 0, sizeof c->lexeme_bits);
        for (uint16_t i = 0; i < c->n_tok; i++) { /* what find_lexemes leaves */
            char name[32];
            word_name(rng_next(&seed) % N_WORDS, name, sizeof name);
            info[i].n_lex = 1;
            info[i].lex[0] = wordtab_lookup(wt, name, strlen(name));
            uint16_t bit = coder_lex_filter_bit(info[i].lex[0]);
            c->lexeme_bits[bit >> 6] |= 1ULL << (bit & 63);
        }
        for (uint32_t s = 0; s < dict_n_sets(f->dict); s++) {
            int want = 0;
            for (size_t k = 0; k < dict_set_n_members(f->dict, s); k++) {
                size_t len;
                const lex_id *ph = dict_set_member(f->dict, s, k, &len);
                for (uint16_t i = 0; i < c->n_tok && len && ph[0] != DICT_LEX_GAP; i++)
                    want |= info[i].lex[0] == ph[0];
            }
            assert_int_equal(coder_set_in_window(c, s), want);
            present += want;
            checks++;
        }
    }
    assert_true(present > checks / 20 && present < checks);
    c->info = NULL;
    coder_free(c);
}

/* The window's distinct lexemes (window_lexemes, deduplicated through a small
   set that gives way to a list scan past WINDOW_SET_MAX) are every token's
   lexemes that something asks about once, in the order they first occur, on
   windows of up to 373 tokens and 350 distinct words.  The QW words start
   members of a phrase set, so they are asked about; the QZ words are actors
   only and never listed. */
static void test_window_lexemes_distinct_in_order(void **state)
{
    (void)state;
    enum { WORDS = 350 };
    size_t cap = WORDS * 40, len = 0;
    char *actors_text = malloc(cap);
    assert_non_null(actors_text);
    size_t vcap = WORDS * 12 + 16, vlen = 0;
    char *verbs_text = malloc(vcap);
    assert_non_null(verbs_text);
    vlen += (size_t)snprintf(verbs_text, vcap, "&QWSET = ");
    for (unsigned i = 0; i < WORDS; i++) {
        len += (size_t)snprintf(actors_text + len, cap - len, "QW%uX [A%u]\nQZ%uX [Z%u]\n", i, i,
                                i, i);
        vlen += (size_t)snprintf(verbs_text + vlen, vcap - vlen, "%sQW%uX", i ? ", " : "", i);
    }
    vlen += (size_t)snprintf(verbs_text + vlen, vcap - vlen, "\n");
    dict_builder *b = dict_builder_new();
    assert_int_equal(dict_load_bytes(b, "w.actors", actors_text, len, DICT_FILE_ACTORS,
                                     DIALECT_NATIVE, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "w.verbs", verbs_text, vlen, DICT_FILE_VERBS,
                                     DIALECT_NATIVE, NULL), 0);
    free(actors_text);
    free(verbs_text);
    fixture words;
    fixture_build(&words, b);
    dict_set *d = words.dict;
    coder *c = coder_new(words.model, NULL);
    uint64_t seed = 99;
    unsigned past_set = 0;
    for (unsigned round = 0; round < 40; round++) {
        /* up to 300 words, 30 actor-only words, 42 commas and a period: one
           window */
        unsigned n_tok = 20 + rng_next(&seed) % 280, vocab = 5 + rng_next(&seed) % WORDS;
        static char text[8192];
        static word_id order[512];
        size_t tl = 0, n_order = 0;
        unsigned fresh = rng_next(&seed) % WORDS;
        for (unsigned t = 0; t < n_tok; t++) {
            char w[16]; /* mostly words not seen yet, some repeats */
            snprintf(w, sizeof w, "QW%uX",
                     rng_next(&seed) % 5 ? fresh++ % WORDS : rng_next(&seed) % vocab);
            tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s%s", t ? (t % 7 ? " " : ", ") : "", w);
            word_id id = wordtab_lookup(dict_words(d), w, strlen(w));
            assert_int_not_equal(id, WORD_NONE);
            if (t % 10 == 3) /* an actor-only word: in the window, never listed */
                tl += (size_t)snprintf(text + tl, sizeof text - tl, " QZ%uX", t % WORDS);
            int seen = 0;
            for (size_t q = 0; q < n_order; q++)
                seen |= order[q] == id;
            if (!seen)
                order[n_order++] = id;
        }
        snprintf(text + tl, sizeof text - tl, ".");
        document *doc = document_new();
        assert_int_equal(document_set_text(doc, text, strlen(text), 0), 0);
        mention_vec ms = {0};
        assert_true(coder_code_document(c, doc, &ms) >= 0);
        /* the one window of the one sentence is the last one analysed */
        assert_int_equal(c->window_lexemes.len, n_order);
        assert_memory_equal(c->window_lexemes.items, order, n_order * sizeof *order);
        past_set += n_order > WINDOW_SET_MAX;
        vec_free(&ms);
        document_free(doc);
    }
    assert_true(past_set > 0); /* the list scan past the set was exercised */
    coder_free(c);
    fixture_free(&words);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filtered_matches_equal_full_tries),
        cmocka_unit_test(test_key_runs_equal_a_scan),
        cmocka_unit_test(test_set_presence_equals_a_scan),
        cmocka_unit_test(test_window_lexemes_distinct_in_order),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
