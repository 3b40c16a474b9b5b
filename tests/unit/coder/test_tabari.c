/*
** test_tabari.c: the TABARI rules (CODER_RULES_TABARI), one mechanism at a
** time, on a small TABARI-format dictionary of our own: stems and regular
** endings, paired codes, syntactic and coded compounds, a pattern with $ and +,
** synsets, agents, pronouns, discards ([###] codes and a discard list), the
** complexity filter, CODE BY options, time shifts, and the hook that codes a
** document's sentences.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "coder_fixture.h"

#include "coder/coder.h"
#include "coder/grammar.h"
#include "util/civil_date.h"

static const char actors[] =
    "<NOUN>\n"
    "LEADER\n"
    "</NOUN>\n"
    "VALORIA [VAL]\n"
    "NORDIA_ [NOR]\n"
    "OSTLAND [OST]\n"
    "EMBER_ISLES [EMB/ASH]   ; a coded compound\n"
    "SPORTSCLUB [###]        ; discards the sentence\n"
    "QUARREL [+++]           ; too complex to code\n";

static const char agents[] =
    "MINISTER_ [~GOV]\n"
    "ACTIVISTS_ [NGM~]\n";

static const char verbs[] =
    "<SYNSETS>\n"
    "&MONEY\n"
    "+DOLLAR\n"
    "+CROWNS\n"
    "</SYNSETS>\n"
    "<TIME>\n"
    "LAST_WEEK [-7]\n"
    "</TIME>\n"
    "PRAISE_ [051]\n"
    "VISIT_ [042:043]\n"
    "CONDEMN [122]\n"
    "HOST [---]\n"
    "FREE [066]\n"
    "- + * FROM $ [0661]\n"
    "FUND [070]\n"
    "- * &MONEY [071]\n";

/* a discard list (PETRARCH and dyad dictionaries have them; TABARI uses [###]) */
static const char discards[] =
    "+CHESS OLYMPIAD\n"
    "HARVEST FESTIVAL\n";

static int setup(void **state)
{
    static fixture f;
    dict_builder *b = dict_builder_new();
    assert_non_null(b);
    assert_int_equal(dict_load_bytes(b, "t.actors", actors, strlen(actors), DICT_FILE_ACTORS,
                                     DIALECT_TABARI, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "t.agents", agents, strlen(agents), DICT_FILE_AGENTS,
                                     DIALECT_TABARI, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "t.verbs", verbs, strlen(verbs), DICT_FILE_VERBS,
                                     DIALECT_TABARI, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "t.discards", discards, strlen(discards),
                                     DICT_FILE_DISCARDS, DIALECT_NATIVE, NULL), 0);
    fixture_build(&f, b);
    *state = &f;
    return 0;
}

static coder *new_coder(void **state)
{
    fixture *f = *state;
    coder_options opt;
    coder_options_init(&opt);
    opt.rules = CODER_RULES_TABARI;
    coder *c = coder_new(f->model, &opt);
    assert_non_null(c);
    return c;
}

/* Code one record; out gets "SOURCE/TARGET/CODE" separated by blanks. */
static long code(coder *c, const char *text, char *out, size_t cap, mention_vec *mv)
{
    mv->len = 0;
    long n = coder_code_tabari_record(c, "230110  TEST-1", text, strlen(text), mv);
    assert_true(n >= 0);
    size_t o = 0;
    out[0] = '\0';
    for (size_t k = 0; k < mv->len; k++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s/%s/%s", k ? " " : "",
                              mv->items[k].source.code, mv->items[k].target.code,
                              mv->items[k].code);
    return n;
}

static void test_stems_and_endings(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    /* VALORIA is a stem: Valorian; NORDIA_ is exact but takes 'S; PRAISE_ takes D */
    code(c, "The Valorian delegation praised Nordia's new offer on Monday morning.", got,
         sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/051");
    /* an exact word does not take an ending it does not know */
    code(c, "The Nordiak delegation praised Ostland on Monday in the capital.", got, sizeof got,
         &mv);
    assert_null(strstr(got, "NOR"));
    vec_free(&mv);
    coder_free(c);
}

static void test_paired_code(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    code(c, "Valoria visited Ostland on Monday for talks on trade.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/OST/042 OST/VAL/043");
    vec_free(&mv);
    coder_free(c);
}

static void test_compounds(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    code(c, "Valoria and Nordia condemned Ostland on Monday in a joint statement.", got,
         sizeof got, &mv);
    assert_string_equal(got, "VAL/OST/122 NOR/OST/122");
    assert_true(mv.items[0].flags & MENTF_COMPOUND);
    /* a coded compound [EMB/ASH] gives one event per code */
    code(c, "Ostland condemned the Ember Isles on Monday in a statement.", got, sizeof got, &mv);
    assert_string_equal(got, "OST/EMB/122 OST/ASH/122");
    vec_free(&mv);
    coder_free(c);
}

static void test_pattern_source_target(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    /* - + * FROM $: the target before the verb, the source after FROM */
    code(c, "Valorian hostages were freed from Nordia on Monday after long talks.", got,
         sizeof got, &mv);
    assert_string_equal(got, "NOR/VAL/0661");
    assert_non_null(mv.items[0].pattern);
    /* without FROM the verb's own code and the default source and target */
    code(c, "Valoria freed Nordia's fishermen on Monday after long talks.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/066");
    vec_free(&mv);
    coder_free(c);
}

static void test_synset(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    code(c, "Valoria will fund Ostland with ten million crowns next year.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/OST/071");
    code(c, "Valoria will fund Ostland with ten million bricks next year.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/OST/070");
    vec_free(&mv);
    coder_free(c);
}

static void test_agents(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    code(c, "The Valorian minister condemned Ostland on Monday in the capital.", got, sizeof got,
         &mv);
    assert_string_equal(got, "VALGOV/OST/122");
    assert_non_null(mv.items[0].source.agent_entry);
    /* a prefix agent, across IN */
    code(c, "Activists in Nordia praised Ostland on Monday for its reforms.", got, sizeof got, &mv);
    assert_string_equal(got, "NGMNOR/OST/051");
    vec_free(&mv);
    coder_free(c);
}

static void test_pronoun(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    /* IT: the first actor before it that is not in a compound */
    code(c, "Nordia hosted the summit and Valoria praised it warmly on Monday.", got, sizeof got,
         &mv);
    assert_string_equal(got, "VAL/NOR/051");
    vec_free(&mv);
    coder_free(c);
}

static void test_discard(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    long n = code(c, "Valoria praised the Sportsclub of Nordia on Monday for its work.", got,
                  sizeof got, &mv);
    assert_int_equal(n, 0);
    assert_string_equal(coder_tabari_outcome(c), "discard");
    vec_free(&mv);
    coder_free(c);
}

static void test_discard_list(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    assert_int_equal(code(c, "Valoria praised Nordia at the harvest festival on Monday.", got,
                          sizeof got, &mv), 0);
    assert_string_equal(coder_tabari_outcome(c), "discard");
    /* the words must be there, one after the other */
    code(c, "Valoria praised Nordia for the harvest at the festival on Monday.", got, sizeof got,
         &mv);
    assert_string_equal(got, "VAL/NOR/051");
    /* a +PHRASE discards the whole document */
    const char *text = "Valoria praised Nordia on Monday in the capital city.\n\n"
                       "Ostland hosted the chess olympiad on Tuesday at the northern border.";
    document *doc = document_new();
    assert_non_null(doc);
    assert_int_equal(document_set_text(doc, text, strlen(text), 0), 0);
    mv.len = 0;
    assert_int_equal(coder_code_document(c, doc, &mv), 0);
    document_free(doc);
    vec_free(&mv);
    coder_free(c);
}

static void test_complexity(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    const char *three = "Valoria praised Nordia and condemned Ostland and then visited the Ember Isles.";
    assert_true(code(c, three, got, sizeof got, &mv) > 0);
    assert_int_equal(coder_apply_tabari_option(c, "COMPLEX: VERBS[3]"), 0);
    assert_int_equal(code(c, three, got, sizeof got, &mv), 0);
    assert_string_equal(coder_tabari_outcome(c), "complex");
    /* an actor coded [+++] rejects the sentence too */
    assert_int_equal(coder_apply_tabari_option(c, "COMPLEX: VERBS[9]"), 0);
    assert_int_equal(code(c, "Valoria condemned the quarrel on Monday in a long statement.", got,
                          sizeof got, &mv), 0);
    assert_string_equal(coder_tabari_outcome(c), "complex");
    vec_free(&mv);
    coder_free(c);
}

static void test_code_by_options(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    const char *two = "Valoria praised Nordia on Monday and condemned Ostland on Tuesday morning.";
    code(c, two, got, sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/051 VAL/OST/122"); /* one event per clause */
    assert_int_equal(coder_apply_tabari_option(c, "SET: CODE BY SENTENCE"), 0);
    code(c, two, got, sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/051");
    /* too few words: MINIMUM WORDS */
    assert_int_equal(code(c, "Valoria praised Nordia.", got, sizeof got, &mv), 0);
    assert_int_equal(coder_apply_tabari_option(c, "SET: MINIMUM WORDS = 3"), 0);
    code(c, "Valoria praised Nordia.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/051");
    assert_int_equal(coder_apply_tabari_option(c, "NONSENSE"), -1);
    vec_free(&mv);
    coder_free(c);
}

static void test_petrarch_flavour(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    const char *mods = "Valoria and the brave young Nordia condemned Ostland on Monday.";
    const char *gov = "Activists in Valoria and Nordia praised Ostland on Monday for its reforms.";
    const char *from = "Ministers from Nordia condemned Ostland on Monday in the capital.";
    /* TABARI: "brave young" are no adjectives it knows, so no compound */
    code(c, mods, got, sizeof got, &mv);
    assert_string_equal(got, "NOR/OST/122");
    code(c, gov, got, sizeof got, &mv);
    assert_string_equal(got, "NGMVAL/OST/051 NOR/OST/051");
    code(c, from, got, sizeof got, &mv);
    assert_string_equal(got, "NOR/OST/122");
    assert_int_equal(coder_apply_tabari_option(c, "SET: PETRARCH = TRUE"), 0);
    code(c, mods, got, sizeof got, &mv);
    assert_string_equal(got, "VAL/OST/122 NOR/OST/122");
    /* an agent before the compound governs every member */
    code(c, gov, got, sizeof got, &mv);
    assert_string_equal(got, "NGMVAL/OST/051 NGMNOR/OST/051");
    /* FROM joins an agent to its actor as IN and OF do */
    code(c, from, got, sizeof got, &mv);
    assert_string_equal(got, "NORGOV/OST/122");
    vec_free(&mv);
    coder_free(c);
}

static void test_time_shift(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    char got[512];
    code(c, "Last week Valoria praised Nordia for its help with the floods.", got, sizeof got, &mv);
    assert_string_equal(got, "VAL/NOR/051");
    assert_int_equal(mv.items[0].date, civil_to_days(2023, 1, 3));
    assert_int_equal(coder_apply_tabari_option(c, "SET: TIME SHIFT = FALSE"), 0);
    code(c, "Last week Valoria praised Nordia for its help with the floods.", got, sizeof got, &mv);
    assert_int_equal(mv.items[0].date, civil_to_days(2023, 1, 10));
    vec_free(&mv);
    coder_free(c);
}

static void test_document_hook(void **state)
{
    coder *c = new_coder(state);
    mention_vec mv = {0};
    const char *text = "Valoria praised Nordia on Monday in the capital city.\n\n"
                       "Ostland condemned Valoria on Tuesday at the northern border.";
    document *doc = document_new();
    assert_non_null(doc);
    assert_int_equal(document_set_text(doc, text, strlen(text), 0), 0);
    doc->published = civil_to_days(2023, 1, 10);
    assert_int_equal(coder_code_document(c, doc, &mv), 2);
    assert_string_equal(mv.items[0].source.code, "VAL");
    assert_string_equal(mv.items[1].source.code, "OST");
    assert_true(mv.items[1].sentence > mv.items[0].sentence);
    /* evidence points at the words */
    const event_mention *m = &mv.items[1];
    assert_int_equal(strncmp(doc->text + m->verb_text.start, "condemned", 9), 0);
    assert_int_equal(strncmp(doc->text + m->source.text.start, "Ostland", 7), 0);
    document_free(doc);
    vec_free(&mv);
    coder_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stems_and_endings),
        cmocka_unit_test(test_paired_code),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_pattern_source_target),
        cmocka_unit_test(test_synset),
        cmocka_unit_test(test_agents),
        cmocka_unit_test(test_pronoun),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_discard_list),
        cmocka_unit_test(test_complexity),
        cmocka_unit_test(test_code_by_options),
        cmocka_unit_test(test_petrarch_flavour),
        cmocka_unit_test(test_time_shift),
        cmocka_unit_test(test_document_hook),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
