/*
** coder_private.h: the coder's state and the functions its files share.
**
** coder.c      the document loop, coreference memory, context country, dedupe
** analyse.c    one sentence: lexemes, dictionary hits, noun phrases, verb
**              groups, complements, clauses and subjects
** patterns.c   matching a verb's compiled patterns around a verb group
** assemble.c   verb groups -> event mentions (voice, modality, compounds, pairs)
** combine.c    verb + complement -> code ("urged X to release" -> 0253)
** dates.c      time expressions -> event dates; historical events
** trace.c      the explanation written for `dyad explain`
*/
#ifndef DYAD_CODER_PRIVATE_H
#define DYAD_CODER_PRIVATE_H

#include "coder/analysis.h"
#include "coder/coder.h"
#include "util/arena.h"

/* An actor remembered for coreference ("he", "it", "they", "the two sides"). */
typedef struct coref_entity {
    char code[ACTOR_CODE_MAX];
    char code2[ACTOR_CODE_MAX];     /* second member of a pair, "" if none */
    span text;
    uint32_t sentence;
    uint8_t person, plural, pair;
    uint8_t subject;                /* it was the subject of its clause */
} coref_entity;

#define COREF_MEMORY 8
#define MAX_COUNTRIES 64

typedef struct country_count {
    char code[4];
    uint16_t count;
} country_count;

#define WINDOW_SET_MAX 256
#define CODER_WORD_CACHE 256    /* a power of two, over twice the literals the coder names */

struct coder {
    const coder_model *model;
    const dict_set *dict;
    const grammar_model *g;
    coder_options opt;
    strbuf *trace;

    /* the document */
    const document *doc;
    int32_t doc_date;
    char doc_place[4];              /* country of the dateline, "" if none */
    country_count countries[MAX_COUNTRIES];
    size_t n_countries;
    coref_entity coref[COREF_MEMORY];
    size_t n_coref;
    int commentary;                 /* the document reads as an opinion piece */
    unsigned sport_words;           /* distinct-position sports words seen (G_SPORT) */

    /* the sentence */
    sentence_vec sentences;
    token_vec all_tokens;           /* the document's tokens, sentence after sentence */
    VEC(uint32_t) sentence_first;   /* by sentence: its first token in all_tokens */
    text_word_queue word_queue;     /* the document's word lookups, done together */
    const token *sentence_tok;      /* the current sentence's first token */
    const token *tok;
    uint16_t n_tok;
    uint32_t sentence_no;
    span sentence_span;
    int in_title;
    tok_info *info;
    size_t info_cap;
    VEC(lex_hit) hits;
    VEC(noun_phrase) nps;
    VEC(verb_group) vgs;
    VEC(clause) clauses;
    char sentence_place[4];         /* country of a place named in the sentence */
    int32_t sentence_date;          /* date fixed by a time expression, or DATE_UNKNOWN */
    uint8_t sentence_date_basis;
    int sentence_discarded;
    int sentence_background;        /* "in recent years", "for decades": background */
    uint64_t sentence_lexemes;      /* OR of coder_lex_bit of every lexeme in the window */

    /* output */
    mention_vec *out;
    size_t out_start;               /* first mention of this document in out */

    uint64_t n_sentences, n_tokens;

    struct tabari_coder *tabari;    /* TABARI rules: model and state, built on first use */

    /* word ids of the literal words the coder asks about ("THE", "AT"),
       by the address of the literal: one pointer compare instead of folding
       and comparing strings (see coder_word) */
    struct { const char *literal; word_id id; } word_cache[CODER_WORD_CACHE];
    size_t n_word_cache;

    uint32_t window_no;             /* counts sentence windows (for set_seen) */
    uint32_t *set_seen;             /* per phrase set: the last window it can match in */
    size_t n_set_seen;
    uint32_t sets_marked;           /* the window set_seen was last marked for */
    uint32_t *candidates;           /* pattern slots to try (max_verb_patterns) */
    uint64_t *slot_map;             /* a bit per slot of one verb, to sort candidates */
    VEC(lex_id) window_lexemes;     /* the distinct lexemes of the window */
    /* 4096-bit filter of the lexemes of every token of the window (punctuation
       too, which window_lexemes leaves out): a pattern one of whose literal
       words has no bit here cannot match (coder_lex_filter_bit) */
    uint64_t lexeme_bits[64];
    /* window_lexemes as an open-addressing set while it holds fewer than
       WINDOW_SET_MAX (a slot is used when its tag is window_no): "already
       listed?" in a probe or two; past that, the list is scanned */
    struct { lex_id lex; uint32_t tag; } window_set[2 * WINDOW_SET_MAX];
};

/* The bit of lexeme_bits for a lexeme. */
static inline uint16_t coder_lex_filter_bit(lex_id lex)
{
    return (uint16_t)((uint32_t)(lex * 2654435761u) >> 20);
}

static inline int coder_lex_maybe_in_window(const coder *c, uint16_t bit)
{
    return (c->lexeme_bits[bit >> 6] >> (bit & 63)) & 1u;
}

int coder_set_in_window(coder *c, uint32_t set);

static inline uint64_t coder_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

/* One bit of a 64-bit sentence signature per lexeme (see pattern_slot.needs). */
static inline uint64_t coder_lex_bit(lex_id lex)
{
    return 1ULL << (coder_mix64(lex) & 63);
}
const struct key_run *coder_model_key_run(const coder_model *m, uint32_t verb, lex_id lex);

/* The word id of a literal upper-case word (cached per coder, by the
   literal's address: a hit in its first slot is one compare, inline). */
word_id coder_word_lookup(coder *c, const char *literal);

/* Literals lie a few bytes apart: all the address's bits go into the slot. */
static inline size_t coder_word_slot(const char *literal)
{
    uint64_t a = (uint64_t)(uintptr_t)literal * 0x9E3779B97F4A7C15ULL;
    return (size_t)(a >> 56) & (CODER_WORD_CACHE - 1);
}

static inline word_id coder_word(coder *c, const char *literal)
{
    size_t slot = coder_word_slot(literal);
    if (c->word_cache[slot].literal == literal)
        return c->word_cache[slot].id;
    return coder_word_lookup(c, literal);
}

/* Is token i of the current window this literal word? */
static inline int coder_tok_is(const coder *c, uint16_t i, const char *literal)
{
    return i < c->n_tok && c->tok[i].word != WORD_NONE &&
           c->tok[i].word == coder_word((coder *)c, literal);
}

/* analyse.c */
int analyse_sentence(coder *c);
const char *np_code(const coder *c, const noun_phrase *np, size_t member);
int np_has_actor(const noun_phrase *np);

/* patterns.c */
typedef struct pattern_match {
    const pattern *pat;
    uint16_t source_np, target_np;  /* NONE16 when the pattern does not bind them */
    uint16_t compound_np;
    uint16_t last_token;            /* last token the pattern consumed */
} pattern_match;
int match_verb_patterns(coder *c, const verb_group *vg, pattern_match *m);

/* assemble.c */
int assemble_events(coder *c);

/* combine.c */
typedef enum frame_kind { FRAME_NONE, FRAME_APPEAL, FRAME_INTENT, FRAME_DEMAND,
                          FRAME_REJECT, FRAME_THREATEN } frame_kind;
frame_kind frame_of_code(const char *code);
/* The code for `frame` applied to complement code `inner`, or NULL when the
   combination has no code of its own. */
const char *combine_codes(frame_kind frame, const char *inner);

/* dates.c */
void resolve_sentence_date(coder *c);
int32_t resolve_clause_date(coder *c, const clause *cl, uint16_t verb, uint8_t *basis);

/* coder.c */
void remember_country(coder *c, const char *code, unsigned weight);
const char *context_country(const coder *c, const char *exclude);
int resolve_pronoun(coder *c, const noun_phrase *np, char *code, size_t cap, char *code2);
void remember_entity(coder *c, const noun_phrase *np, int subject);

/* tabari.c: code the current sentence window (c->tok, c->n_tok) with TABARI's
   rules, appending mentions to c->out.  Returns 0, 1 when the whole story is to
   be discarded, -1 on out of memory. */
int tabari_code_sentence(coder *c);
void tabari_free(struct tabari_coder *t);

/* trace.c */
void trace_printf(coder *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void trace_tokens(coder *c);
void trace_phrases(coder *c);
void trace_text(coder *c, uint16_t from, uint16_t to);
static inline int tracing(const coder *c) { return c->trace != NULL; }

#endif
