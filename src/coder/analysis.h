/*
** analysis.h: the coder's picture of one sentence (private to src/coder).
**
** A sentence is analysed in layers, each an array indexed by position, all of
** them scratch memory of the coder that is reused from sentence to sentence:
**
**   tokens        from the text layer (byte spans, word ids, flags)
**   tok_info      per token: grammar class, lexemes, the dictionary hit that
**                 covers it, the noun phrase / verb group / clause it belongs to
**   lex_hit       dictionary phrases found, longest match first, left to right
**   noun_phrase   actor phrases with their members (compounds have several)
**   verb_group    a coded verb with its auxiliaries, voice, negation, modality
**   clause        spans between clause boundaries, each with its subject
**
** Token positions are uint16_t: a sentence longer than MAX_SENTENCE_TOKENS is
** coded in windows of that size (see analyse.c), never skipped.
*/
#ifndef DYAD_ANALYSIS_H
#define DYAD_ANALYSIS_H

#include <stdint.h>

#include "coder/coder.h"
#include "text/text.h"

#define MAX_SENTENCE_TOKENS 400
#define MAX_LEXEMES 6
#define NONE16 0xFFFFu

typedef struct lex_hit {
    uint16_t start, end;        /* tokens [start, end) */
    uint32_t node;              /* trie node where the phrase ends (payloads) */
    int32_t actor, agent, verb, time, discard, noun, adjective; /* first entry of each kind, -1 */
    uint8_t verb_form;
    uint8_t agent_plural;
} lex_hit;

enum tok_role {
    TR_NONE = 0,
    TR_ACTOR,       /* part of an actor phrase hit */
    TR_AGENT,       /* part of an agent phrase hit (noun reading) */
    TR_VERB,        /* part of a verb phrase hit (verb reading) */
    TR_NAME         /* an unknown capitalised word inside a name */
};

typedef struct tok_info {
    uint64_t gclass;            /* grammar_class_bits */
    uint16_t hit;               /* lex_hit index or NONE16 */
    uint16_t np;                /* noun_phrase index or NONE16 */
    uint16_t vg;                /* verb_group index or NONE16 */
    uint16_t clause;
    uint8_t role;               /* enum tok_role */
    uint8_t n_lex;
    lex_id lex[MAX_LEXEMES];
} tok_info;

enum np_flags {
    NPF_PLACE      = 1u << 0,   /* governed by a place preposition ("in Najaf") */
    NPF_BY         = 1u << 1,   /* governed by "by" (a passive agent) */
    NPF_PRONOUN    = 1u << 2,   /* he/she/it/they: coreference needed */
    NPF_PLURAL     = 1u << 3,
    NPF_COMPOUND   = 1u << 4,   /* several members joined by and/commas */
    NPF_POSSESSOR  = 1u << 5,   /* "Japan's ..." whose head is not an actor */
    NPF_ACCORDING  = 1u << 6,   /* "according to X": a speaker, not a participant */
    NPF_TWO        = 1u << 7,   /* "the two countries", "both sides": the last pair */
    NPF_PREP       = 1u << 8,   /* governed by some preposition (see prep) */
    NPF_PERSON     = 1u << 9,   /* names a person (a dated actor, a titled agent) */
    NPF_BETWEEN    = 1u << 10,  /* "between X and Y" */
    NPF_LOCATIVE   = 1u << 11,  /* a place name without a governing preposition */
    NPF_USED       = 1u << 12,
    NPF_PAIR_AGENT = 1u << 13   /* "the leaders of the two countries": members[0].agent applies */
};

typedef struct np_member {
    uint16_t start, end;        /* tokens of this member */
    int32_t actor;              /* actor entry that gave the code, -1 */
    int32_t agent;              /* agent entry applied, -1 */
    char code[ACTOR_CODE_MAX];  /* resolved code; "" when the member is no actor */
} np_member;

#define MAX_NP_MEMBERS 8

typedef struct noun_phrase {
    uint16_t start, end;        /* tokens [start, end) */
    uint16_t prep;              /* token of the governing preposition, NONE16 */
    uint16_t flags;             /* np_flags */
    uint8_t n_members;
    np_member members[MAX_NP_MEMBERS];
} noun_phrase;

enum vg_flags {
    VGF_PASSIVE    = 1u << 0,
    VGF_NEGATED    = 1u << 1,
    VGF_INTENT     = 1u << 2,   /* will, is to, plans to, vowed to ... */
    VGF_SPECULATE  = 1u << 3,   /* may, could, is expected to ... */
    VGF_NOMINAL    = 1u << 4,   /* "the talks", "his visit": a noun */
    VGF_INFINITIVE = 1u << 5,   /* to + verb */
    VGF_PARTICIPLE = 1u << 6,   /* -ing or -ed form opening a participle phrase */
    VGF_CONSUMED   = 1u << 7,   /* the complement of another coded verb */
    VGF_WOULD      = 1u << 8,
    VGF_REPORTED   = 1u << 9,   /* inside a clause reported by "X said" */
    VGF_HEADLINE   = 1u << 10,
    VGF_CONDITION  = 1u << 11,  /* inside an if/unless clause */
    VGF_PURPOSE    = 1u << 12,  /* an infinitive of purpose: "(in order) to discuss" */
    VGF_REDUCED    = 1u << 13,  /* a reduced relative: "a group linked to", "troops based in" */
    VGF_DEMANDED   = 1u << 14,  /* "wanted Russia to return": a demand on the object */
    VGF_VICTIM     = 1u << 15   /* "survived an assassination bid": the subject is the target */
};

typedef struct verb_group {
    uint16_t start, end;        /* the whole group, auxiliaries included */
    uint16_t head, head_end;    /* the verb hit's tokens */
    uint16_t clause;
    uint16_t flags;             /* vg_flags */
    uint16_t complement;        /* verb group of its "to"-complement, NONE16 */
    uint16_t governor;          /* verb group it is the complement of, NONE16 */
    uint16_t object_np;         /* NP between it and its complement ("urged Syria to"), NONE16 */
    uint16_t by_np;             /* agent inherited through coordination ("was seized by X
                                   but then released"), NONE16 */
    uint32_t verb;              /* verb entry */
    uint8_t form;               /* verb_form */
} verb_group;

enum clause_kind {
    CL_MAIN = 0,
    CL_COORD,       /* after and/but: may share the subject of the clause before */
    CL_SUBORD,      /* after a subordinator: after, while, because ... */
    CL_RELATIVE,    /* who/which/that: the subject is the noun phrase before */
    CL_PARTICIPLE,  /* ", touring ...": the subject of the clause it is attached to */
    CL_REPORTED,    /* after "said (that)": its own subject, asserted by the speaker */
    CL_REPORTING    /* ", X said": the speaker's clause */
};

typedef struct clause {
    uint16_t start, end;
    uint8_t kind;
    uint16_t subject;           /* noun_phrase index, NONE16 */
    uint16_t parent;            /* clause it hangs from, NONE16 */
    uint8_t conditional;
} clause;

#endif
