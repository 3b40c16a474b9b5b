/*
** grammar.h: the English closed-class words the coder reasons with.
**
** Dictionaries say what words mean (actors, agents, verbs); this module says
** how sentences are built around them: determiners and numbers that open a noun
** phrase, prepositions that turn an actor into a place or an instrument,
** auxiliaries that make a verb passive, negations and modals that change what a
** verb asserts, conjunctions and relative pronouns that end a clause, reporting
** verbs that frame quoted speech, and time words.  Without a parser, these few
** hundred words are what lets a dictionary coder find the subject and the object
** of a verb in real news.
**
** The words are interned into the dictionary set's word table while it is
** being built (grammar_register), so that each token's class is one array read
** at coding time (grammar_model_new, grammar_class).
*/
#ifndef DYAD_GRAMMAR_H
#define DYAD_GRAMMAR_H

#include <stdint.h>

#include "dict/dict.h"

enum grammar_class {
    G_DET        = 1u << 0,  /* the, a, an, its, their, this, some, several, both */
    G_PRON_SUBJ  = 1u << 1,  /* he, she, it, they, we */
    G_PRON_OBJ   = 1u << 2,  /* him, her, them, it, us */
    G_BE         = 1u << 3,  /* is, are, was, were, be, been, being */
    G_HAVE       = 1u << 4,  /* has, have, had */
    G_DO         = 1u << 5,  /* do, does, did */
    G_FUTURE     = 1u << 6,  /* will, shall, 'll */
    G_SPECULATE  = 1u << 7,  /* may, might, could, can, should, must, likely, possibly */
    G_NEGATION   = 1u << 8,  /* not, n't, never, no longer, didn't, won't ... */
    G_PREP       = 1u << 9,  /* of, in, at, on, to, with, by, from, for, against ... */
    G_PLACE_PREP = 1u << 10, /* in, at, near, outside, inside, across, throughout ... */
    G_COORD      = 1u << 11, /* and, or, but, nor */
    G_SUBORD     = 1u << 12, /* after, before, while, as, when, because, although, if ... */
    G_RELATIVE   = 1u << 13, /* who, which, that, whose, whom */
    G_REPORT     = 1u << 14, /* said, says, told, added, stated, according */
    G_INTENT     = 1u << 15, /* plans, intends, vowed, pledged, decided, wants (+ to) */
    G_TIME       = 1u << 16, /* today, yesterday, weekdays, months, last, next, ago */
    G_NUMBER     = 1u << 17, /* one, two, dozens, hundreds */
    G_ADVERB     = 1u << 18, /* also, already, still, again, jointly, reportedly ... */
    G_WOULD      = 1u << 19, /* would */
    G_TO         = 1u << 20, /* to */
    G_BY         = 1u << 21, /* by */
    G_OF         = 1u << 22, /* of */
    G_POSSESSIVE = 1u << 23, /* 's ' */
    G_WITH       = 1u << 24, /* with */
    G_BETWEEN    = 1u << 25, /* between, among */
    G_AND        = 1u << 26, /* and, as well as (first word) */
    G_PLURAL_PRON= 1u << 27, /* they, them, their, both, the two */
    G_COMMON_VERB= 1u << 28, /* frequent verbs that are not coded but end noun phrases:
                                is, has, made, became, took, went, called, began ... */
    G_EXPECT     = 1u << 29, /* expected, poised, set, likely, due (to) */
    G_SPEECH_NOUN= 1u << 30  /* statement, spokesman says: words that introduce speech */
};

typedef struct grammar_model {
    const dict_set *dict;
    uint32_t n_words;
    uint32_t *word_class;    /* by word id: OR of grammar_class */
} grammar_model;

/* Intern every grammar word into the builder (call before dict_builder_freeze). */
int grammar_register(dict_builder *b);

/* Classes for every word of the frozen set; NULL on out of memory. */
grammar_model *grammar_model_new(const dict_set *d);
void grammar_model_free(grammar_model *g);

static inline uint32_t grammar_class(const grammar_model *g, word_id w)
{
    return w < g->n_words ? g->word_class[w] : 0;
}

/* The id of a grammar word ("THE"), WORD_NONE if absent. */
word_id grammar_word(const grammar_model *g, const char *word);

#endif
