/*
** coder_fixture.h: the dictionary set and coder model that the coder tests
** build once per group and share between their tests.
**
** Include after <cmocka.h>.  A test loads its dictionaries into a builder and
** hands it to fixture_build; cmocka_run_group_tests(tests, setup, teardown)
** with fixture_teardown frees what was built.
*/
#ifndef DYAD_TEST_CODER_FIXTURE_H
#define DYAD_TEST_CODER_FIXTURE_H

#include "coder/coder.h"
#include "coder/grammar.h"
#include "dict/dict.h"

typedef struct fixture {
    dict_set *dict;
    coder_model *model;
} fixture;

/* Register the grammar's words in b, freeze it and build its coder model. */
static inline void fixture_build(fixture *f, dict_builder *b)
{
    assert_int_equal(grammar_register(b), 0);
    f->dict = dict_builder_freeze(b, NULL);
    assert_non_null(f->dict);
    f->model = coder_model_new(f->dict);
    assert_non_null(f->model);
}

static inline void fixture_free(fixture *f)
{
    coder_model_free(f->model);
    dict_set_free(f->dict);
}

static inline int fixture_teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

#endif
