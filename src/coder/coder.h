/*
** coder.h: from documents to event mentions.
**
** The coder reads one document at a time, sentence by sentence, title first,
** and writes event mentions (mention.h).  It needs no parser: it chunks each
** sentence into actor phrases and verb groups with the dictionary set and the
** closed-class words of grammar.h, splits it into clauses, finds each verb's
** subject and object, matches the verb's patterns, and assembles events with
** the mechanisms real news needs: compound actors, agents bound to actors,
** paired codes, passive voice, negation, modality (intentions become 03x codes,
** speculation is dropped), verb complements ("urged X to free" -> appeal for
** release), places told from targets, pronoun and "the two countries"
** coreference, relative dates, and one event per document for the same
** source, target and code.
**
**   coder_model  built once per dictionary set, read-only, shared by threads
**   coder        one per thread: scratch memory reused from document to document
*/
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include <stdint.h>

#include "coder/grammar.h"
#include "coder/mention.h"
#include "dict/dict.h"
#include "ingest/document.h"
#include "util/strbuf.h"
#include "util/vec.h"

typedef VEC(event_mention) mention_vec;

typedef enum coder_rules {
    CODER_RULES_DYAD = 0,       /* dyad's own rules for real news (the default) */
    CODER_RULES_TABARI          /* TABARI 0.8's rules, for TABARI dictionaries and its
                                   validation suite (src/coder/tabari*.c) */
} coder_rules;

typedef struct coder_options {
    int rules;                  /* coder_rules */
    int include_historical;     /* also emit MENTF_HISTORICAL mentions */
    int include_negated;        /* also emit MENTF_NEGATED mentions */
    int code_title;             /* code the title (default 1) */
    int dedupe;                 /* one mention per (source, target, code) per document (default 1) */
    int32_t default_date;       /* for documents without a date (DATE_UNKNOWN: none) */
    int historical_days;        /* an event dated more than this many days before the
                                   article is historical (default 45) */
} coder_options;

/* Defaults: code_title 1, dedupe 1, historical_days 45, the rest 0/unknown. */
void coder_options_init(coder_options *opt);

/* The most literal words of a pattern the window filter checks before the
   pattern is tried (the matcher checks them all anyway). */
#define SLOT_FILTER_WORDS 4
#define SLOT_FILTER_NONE 0xFFFFu

/* One pattern as the matcher reads it (see coder_model.slots). */
struct pattern_slot {
    uint64_t needs;             /* bloom-style signature of its literal words
                                   (coder_lex_bit), against sentence_lexemes */
    uint32_t sets[2];           /* two phrase sets it needs, or UINT32_MAX */
    uint32_t first_elem;        /* into coder_model.slot_elems */
    uint32_t n_elems, verb_elem;
    uint32_t pattern;           /* dict_pattern id */
};

typedef struct coder_model {
    const dict_set *dict;
    grammar_model *grammar;
    uint32_t *pattern_order;    /* per verb, its pattern ids from most to least
                                   specific (indexed from verb_entry.first_pattern) */
    /* (set << 32 | first lexeme) of every phrase-set member, open addressing:
       a set can match at a token only if the token's lexeme starts a member */
    uint64_t *set_first;
    uint32_t set_first_mask;
    /* the inverse: lexeme -> the phrase sets one of whose members it starts
       (open addressing on lexeme; each slot a range of lex_sets_ids) */
    struct lex_sets_slot { lex_id lex; uint32_t first, count; } *lex_sets;
    uint32_t lex_sets_mask;
    uint32_t *lex_sets_ids;
    /* per set, coder_lex_filter_bit of the lexemes its members start with
       (set_first_bits[set_first_start[s] .. set_first_start[s + 1])): a set none
       of whose bits is in the window's filter is absent without marking */
    uint32_t *set_first_start;
    uint16_t *set_first_bits;
    /* a 16384-bit filter of every lexeme that starts a member of some set
       (coder_set_start_bit): marking a window's sets skips the others */
    uint64_t set_start_filter[256];
    /* per pattern_order slot (verb order, most specific first), what the
       matcher reads to reject a pattern without trying it and then to try it:
       read in order, with the elements copied next to each other in slot
       order (slot_elems), so that a verb's patterns are one sequential scan */
    struct pattern_slot *slots;
    pattern_elem *slot_elems;
    /* per slot, coder_lex_filter_bit of its first SLOT_FILTER_WORDS literal
       words (SLOT_FILTER_NONE when fewer): the first test, apart so that a
       verb's scan reads 8 bytes a pattern */
    uint16_t (*slot_filter)[SLOT_FILTER_WORDS];
    /* per verb, its pattern slots keyed by one literal word of each pattern
       (its key word), so that a verb with hundreds of patterns only tries
       those whose key word is in the sentence: key word -> a run of slots in
       key_slots, in the verb's own open-addressing table (key_runs from
       verb_keys[v].runs_at, runs_mask + 1 entries, two or more a key word);
       patterns with no literal word: verb_free runs.  Before the table, the
       verb's small bloom filter of its key words (key_bloom from word
       verb_keys[v].bloom_at, bloom_mask + 1 bits, 16 a key word): most lexemes
       of a sentence are no key of the verb, and a verb group's probes stay in
       its verb's few cache lines */
    struct key_run { lex_id key; uint32_t first, count; } *key_runs;
    uint64_t *key_bloom;
    struct verb_keys { uint32_t runs_at, runs_mask, bloom_at, bloom_mask; } *verb_keys;
    uint32_t *key_slots;
    uint32_t *verb_free;        /* n_verbs + 1 offsets into free_slots */
    uint32_t *free_slots;
    uint32_t max_verb_patterns;
    /* a bit per lexeme (window_lexeme_bits lexemes) that the window's
       summaries are asked about: a literal word of some pattern (which
       includes every key word) or the first lexeme of a phrase-set member.
       Only these enter sentence_lexemes, the window filter and the window's
       lexeme list; the others (most stems of actor names) could only add
       false positives to the filters and probes that fail */
    uint64_t *window_lexeme;
    uint32_t window_lexeme_bits;
} coder_model;

/* Is lexeme `lex` one that the window's summaries are asked about? */
static inline int coder_model_window_lexeme(const coder_model *m, lex_id lex)
{
    return lex < m->window_lexeme_bits && ((m->window_lexeme[lex >> 6] >> (lex & 63)) & 1u);
}

/* Can phrase set `set` start with lexeme `lex`? */
int coder_model_set_may_start(const coder_model *m, uint32_t set, lex_id lex);

/* Build the shared model for a frozen dictionary set (which must have had
   grammar_register called on its builder).  NULL on out of memory. */
coder_model *coder_model_new(const dict_set *dict);
void coder_model_free(coder_model *m);

typedef struct coder coder;

coder *coder_new(const coder_model *model, const coder_options *opt);
void coder_free(coder *c);

/* Code one document: append its mentions to out (in sentence order).
   Returns the number appended, or -1 on out of memory. */
long coder_code_document(coder *c, const document *doc, mention_vec *out);

/* When trace is non-NULL, every later coding step is explained into it
   (tokens, dictionary hits, phrases, clauses, patterns tried, events and why). */
void coder_set_trace(coder *c, strbuf *trace);

/* TABARI rules (CODER_RULES_TABARI, src/coder/tabari*.c).  The coder starts
   from the dictionary set's .options lines; a command given here changes the
   options for the records coded after it ("SET: CODE ALL", "COMMA: OFF", ...:
   TABARI's .options syntax).  Returns 0, or -1 when it is not understood. */
int coder_apply_tabari_option(coder *c, const char *line);

/* Code one TABARI text record as a unit: header is its header line ("950103
   DEMO-04": the date in 6 digits, 8 while SET: YYYY is on, then the record ID,
   which FORWARD: reads), text its text.  The mentions' spans are offsets into
   text.  Returns the number of mentions appended, or -1 on out of memory. */
long coder_code_tabari_record(coder *c, const char *header, const char *text, size_t len,
                              mention_vec *out);

/* What became of the last TABARI record: "events", "none", "discard",
   "complex" or "input error"; and whether record dates now have 8 digits. */
const char *coder_tabari_outcome(const coder *c);
int coder_tabari_yyyy(const coder *c);

/* Sentences and tokens seen so far (for throughput figures). */
uint64_t coder_sentences_coded(const coder *c);
uint64_t coder_tokens_seen(const coder *c);

#endif
