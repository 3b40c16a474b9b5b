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

/* Word classes are bits of a uint64_t (see grammar_class). */
enum grammar_class_bits {
    G_DET        = 1ull << 0,  /* the, a, an, its, their, this, some, several, both */
    G_PRON_SUBJ  = 1ull << 1,  /* he, she, it, they, we */
    G_PRON_OBJ   = 1ull << 2,  /* him, her, them, it, us */
    G_BE         = 1ull << 3,  /* is, are, was, were, be, been, being */
    G_HAVE       = 1ull << 4,  /* has, have, had */
    G_DO         = 1ull << 5,  /* do, does, did */
    G_FUTURE     = 1ull << 6,  /* will, shall, 'll */
    G_SPECULATE  = 1ull << 7,  /* may, might, could, can, should, must, likely, possibly */
    G_NEGATION   = 1ull << 8,  /* not, n't, never, no longer, didn't, won't ... */
    G_PREP       = 1ull << 9,  /* of, in, at, on, to, with, by, from, for, against ... */
    G_PLACE_PREP = 1ull << 10, /* in, at, near, outside, inside, across, throughout ... */
    G_COORD      = 1ull << 11, /* and, or, but, nor */
    G_SUBORD     = 1ull << 12, /* after, before, while, as, when, because, although, if ... */
    G_RELATIVE   = 1ull << 13, /* who, which, that, whose, whom */
    G_REPORT     = 1ull << 14, /* said, says, told, added, stated, according */
    G_INTENT     = 1ull << 15, /* plans, intends, vowed, pledged, decided, wants (+ to) */
    G_TIME       = 1ull << 16, /* today, yesterday, weekdays, months, last, next, ago */
    G_NUMBER     = 1ull << 17, /* one, two, dozens, hundreds */
    G_ADVERB     = 1ull << 18, /* also, already, still, again, jointly, reportedly ... */
    G_WOULD      = 1ull << 19, /* would */
    G_TO         = 1ull << 20, /* to */
    G_BY         = 1ull << 21, /* by */
    G_OF         = 1ull << 22, /* of */
    G_POSSESSIVE = 1ull << 23, /* 's ' */
    G_WITH       = 1ull << 24, /* with */
    G_BETWEEN    = 1ull << 25, /* between, among */
    G_AND        = 1ull << 26, /* and, as well as (first word) */
    G_PLURAL_PRON= 1ull << 27, /* they, them, their, both, the two */
    G_COMMON_VERB= 1ull << 28, /* frequent verbs that are not coded but end noun phrases:
                                is, has, made, became, took, went, called, began ... */
    G_EXPECT     = 1ull << 29, /* expected, poised, set, likely, due (to) */
    G_SPEECH_NOUN= 1ull << 30, /* statement, spokesman says: words that introduce speech */
    G_ASPECT     = 1ull << 31, /* began, started, continued, managed (+ to): the act is asserted */
    G_FAIL       = 1ull << 32, /* failed (+ to): the act did not happen */
    G_LIGHT      = 1ull << 33, /* held, made, launched, paid, began: their object noun
                                  ("held talks", "paid a visit") is the event */
    G_PARTITIVE  = 1ull << 34, /* thousands, members, supporters (+ of X): X is the head */
    G_VICTIM     = 1ull << 35, /* survived, escaped, suffered (+ an attack): the subject is
                                  the attack's target */
    G_WANT       = 1ull << 36, /* wants, wanted (+ X to do): a demand on X */
    G_SPORT      = 1ull << 37  /* match, goal, tournament, striker: words of sports news,
                                  where countries meet and fight on a pitch */
};

typedef struct grammar_model {
    const dict_set *dict;
    uint32_t n_words;
    uint64_t *word_class;    /* by word id: OR of grammar_class_bits */
} grammar_model;

/* Intern every grammar word into the builder (call before dict_builder_freeze). */
int grammar_register(dict_builder *b);

/* Classes for every word of the frozen set; NULL on out of memory. */
grammar_model *grammar_model_new(const dict_set *d);
void grammar_model_free(grammar_model *g);

static inline uint64_t grammar_class(const grammar_model *g, word_id w)
{
    return w < g->n_words ? g->word_class[w] : 0;
}

/* A hint: bring in the class of w (see dict_prefetch_word). */
static inline void grammar_prefetch(const grammar_model *g, word_id w)
{
    if (w < g->n_words)
        __builtin_prefetch(&g->word_class[w]);
}

/* The id of a grammar word ("THE"), WORD_NONE if absent. */
word_id grammar_word(const grammar_model *g, const char *word);

#endif
