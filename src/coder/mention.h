/*
** mention.h: an event mention, the coder's output.
**
** One mention is one coded event in one sentence of one document: who did what
** to whom, when, and all the evidence for it (byte spans into the document text,
** the dictionary entries that named the actors and the verb, the pattern that
** fired).  Mentions are aggregated into events (src/events) and stored; nothing
** downstream re-reads the text to explain a code.
*/
#ifndef DYAD_MENTION_H
#define DYAD_MENTION_H

#include <stdint.h>

#include "text/text.h"

#define ACTOR_CODE_MAX 32
#define EVENT_CODE_MAX 8

typedef enum modality {
    MOD_ASSERTED = 0,   /* the text says it happened or is happening */
    MOD_INTENDED,       /* a stated intention, plan or offer ("will visit", "plans to") */
    MOD_CONDITIONAL,    /* offered or threatened on a condition */
    MOD_REPORTED        /* asserted by a quoted or reported speaker other than the outlet */
} modality;

typedef enum date_basis {
    DATE_FROM_ARTICLE = 0,  /* the document's publication date */
    DATE_FROM_TEXT,         /* resolved from the sentence ("on Saturday", "in April last year") */
    DATE_NONE               /* neither the document nor the text gave one */
} date_basis;

enum mention_flags {
    MENTF_PAIRED     = 1u << 0,  /* the second half of a paired code (visit -> host) */
    MENTF_PASSIVE    = 1u << 1,  /* roles came from a passive construction */
    MENTF_COMPOUND   = 1u << 2,  /* one member of a compound actor ("South Korea and Japan") */
    MENTF_COREF      = 1u << 3,  /* an actor came from a pronoun or "the two countries" */
    MENTF_HISTORICAL = 1u << 4,  /* recalled from well before the article */
    MENTF_NEGATED    = 1u << 5,  /* the text denies it happened (kept only with --negated) */
    MENTF_TITLE      = 1u << 6,  /* coded from the title */
    MENTF_DEFAULT_ACTOR = 1u << 7/* an actor came from context (dateline place, default) */
};

typedef struct actor_slot {
    char code[ACTOR_CODE_MAX];  /* CAMEO actor code: "KOR", "IGOWSTNAT", "USAGOV" */
    span text;                  /* bytes naming it (the whole phrase, agents included) */
    const char *entry;          /* provenance of the actor entry: "data/actors/igo.txt:12 NATO" */
    const char *agent_entry;    /* provenance of the agent entry, or NULL */
} actor_slot;

typedef struct event_mention {
    uint32_t sentence;          /* 0-based sentence number in the document (title first) */
    span sentence_text;         /* the whole sentence */
    actor_slot source, target;
    char code[EVENT_CODE_MAX];  /* CAMEO event code as a string: "042", "0211" */
    span verb_text;             /* the verb group or phrase that carried the code */
    const char *verb_entry;     /* provenance of the verb entry: "data/verbs.txt:310 VISIT" */
    const char *pattern;        /* provenance of the pattern: "data/verbs.txt:318 - * + [042:043]" */
    int32_t date;               /* day number or DATE_UNKNOWN */
    uint8_t date_basis;         /* enum date_basis */
    uint8_t modality;           /* enum modality */
    uint16_t flags;             /* enum mention_flags */
    float confidence;           /* 0..1: how sure the coder is (pattern specificity, distance) */
} event_mention;

#endif
