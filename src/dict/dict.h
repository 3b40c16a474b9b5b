/*
** dict.h: the dictionary set, dyad's knowledge of actors, agents and verbs.
**
** A dictionary set is built once from files (dyad's own format, TABARI's, or
** PETRARCH's: see docs/dictionaries.md), validated, then frozen and shared
** read-only by every coding thread.  Everything in it is addressed by dense
** integer ids:
**
**   lexemes   word_ids in the set's word table (text/wordtab.h).  An exact word
**             is its folded form ("VISITED"); a TABARI stem (a dictionary word
**             written without a trailing '_', which matches every word that
**             begins with it) is the form followed by '*' ("ISRAEL*").  A token
**             of text has one or more lexemes: its exact word, if the table has
**             it, and every stem that is a prefix of it (dict_token_lexemes).
**             A TABARI exact last word also matches its "regular endings"
**             (DEPART_: DEPARTS DEPARTED ...; ESTONIA_: ESTONIAS): those are
**             registered as phrases of their own (DICT_PF_ENDING).
**   phrases   sequences of lexemes.  Every actor, agent, verb form, noun,
**             adjective, discard and time phrase is registered in one phrase
**             trie, so one left-to-right pass over a sentence finds every
**             dictionary hit, longest first (dict_trie_*).
**   entries   actor_entry, agent_entry, verb_entry, ...: what a phrase means,
**             with `where` ("file:line") so that every code can be traced back
**             to the line that produced it.
**   patterns  compiled from the verb dictionary: a verb's patterns as arrays of
**             pattern_elem, ready to match, never re-parsed while coding.
**
** Actor codes can depend on the date (roles held for a period): see
** dict_actor_code.
*/
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "text/wordtab.h"
#include "util/diag.h"

typedef word_id lex_id;

typedef enum dict_dialect {
    DIALECT_NATIVE = 0,     /* dyad's own files (data/) */
    DIALECT_TABARI,         /* .actors .agents .verbs .options (TABARI 0.8) */
    DIALECT_PETRARCH,       /* CAMEO.2.0 verbs, Phoenix actors/agents/discards */
    DIALECT_AUTO            /* decide by name and content (dict_load_file/bytes only) */
} dict_dialect;

typedef enum dict_file_kind {
    DICT_FILE_AUTO = 0,     /* by name: .actors, .agents, .verbs, ... */
    DICT_FILE_ACTORS,
    DICT_FILE_AGENTS,
    DICT_FILE_VERBS,
    DICT_FILE_DISCARDS,
    DICT_FILE_OPTIONS,      /* TABARI .options: kept as lines for the coder */
    DICT_FILE_CODEBOOK,     /* codebook.tsv */
    DICT_FILE_ISSUES        /* PETRARCH issues: read and counted, not used */
} dict_file_kind;

/* ---- entries ------------------------------------------------------------ */

/* One dated code of an actor: valid on days from <= d < to. */
typedef struct code_period {
    const char *code;       /* "NORGOV"; "---" = a known non-actor (TABARI [---]) */
    int32_t from, to;       /* DATE_MIN / DATE_MAX for open ends */
} code_period;

typedef struct actor_entry {
    const char *phrase;     /* the primary phrase as written: "SOUTH_KOREA" */
    const char *where;      /* "data/actors/countries.actors:210" */
    uint32_t first_period;  /* into dict_set periods; in file order */
    uint32_t n_periods;
} actor_entry;

typedef enum agent_attach {
    AGENT_SUFFIX = 0,       /* [~GOV]: KOR + GOV -> KORGOV */
    AGENT_PREFIX            /* [IGO~]: IGO + UNO -> IGOUNO */
} agent_attach;

typedef struct agent_entry {
    const char *phrase;
    const char *where;
    const char *code;       /* "GOV", "GOVFRM", "MIL"; without the ~ */
    uint8_t attach;         /* agent_attach */
} agent_entry;

/* code_flags of verbs and patterns: marks written around a code. */
#define DICT_CODE_DOMINANT     0x1u /* TABARI "[100!]": dominant code */
#define DICT_CODE_SUBORDINATE  0x2u /* TABARI "[010?]": subordinate code */
#define DICT_CODE_PAIR_PASSIVE 0x4u /* PETRARCH "[A:B]": B is the code of the passive
                                       reading, not a target -> source event */

typedef struct verb_entry {
    const char *phrase;     /* the root as written: "VISIT", "+BEEF_UP" */
    const char *where;
    const char *code;       /* code of the bare verb; NULL = [---] (codes nothing) */
    const char *paired_code;/* [042:043] -> "043": target -> source; else NULL */
    uint32_t first_pattern; /* into dict_set patterns (PETRARCH: every verb of a
                               block shares the block's range) */
    uint32_t n_patterns;
    uint8_t code_flags;     /* DICT_CODE_* */
} verb_entry;

typedef enum verb_form {
    VFORM_UNKNOWN = 0,      /* a TABARI stem: any form */
    VFORM_BASE,             /* visit */
    VFORM_S,                /* visits */
    VFORM_PAST,             /* visited: past tense and participle alike */
    VFORM_PARTICIPLE,       /* taken: participle only */
    VFORM_PRETERITE,        /* took: past tense only */
    VFORM_ING               /* visiting */
} verb_form;

typedef enum pattern_elem_kind {
    PAT_WORD,               /* arg: lex_id of one word */
    PAT_SET,                /* arg: phrase-set id (a synset, or {A | B} alternatives) */
    PAT_VERB,               /* '*': the verb itself */
    PAT_SOURCE,             /* '$': the source actor */
    PAT_TARGET,             /* '+': the target actor */
    PAT_COMPOUND,           /* '%': a compound actor, source and target of each other */
    PAT_SKIP                /* '^': skip one actor or noun phrase */
} pattern_elem_kind;

/* pattern_elem.flags: the phrase structure of PETRARCH-2 patterns, kept so that
   a coder with a shallow parse can use it (0 in TABARI and native patterns). */
#define PEF_HEAD 0x1u           /* a head noun: a bare word, or the last of {...} */
#define PEF_NP   0x2u           /* inside a {...} noun phrase */
#define PEF_PREP 0x4u           /* the preposition opening a (PREP ...) phrase */
#define PEF_PP   0x8u           /* inside a (PREP ...) phrase, after the preposition */

typedef struct pattern_elem {
    uint8_t kind;           /* pattern_elem_kind */
    uint8_t adjacent;       /* 1: must come immediately after the previous element
                               (written with '_' between them) */
    uint16_t flags;         /* PEF_* */
    uint32_t arg;
} pattern_elem;

typedef struct pattern {
    uint32_t verb;          /* verb_entry id */
    uint32_t first_elem;    /* into dict_set pattern elements */
    uint32_t n_elems;
    uint32_t verb_elem;     /* index (within the pattern) of the PAT_VERB element */
    const char *code;       /* NULL = [---]; "###" = discard the sentence */
    const char *paired_code;
    const char *text;       /* the pattern line as written, for explain and provenance */
    const char *where;
    uint16_t n_literals;    /* words and sets: more = more specific */
    uint16_t order;         /* position in its verb's list, as written */
    uint8_t code_flags;     /* DICT_CODE_* */
} pattern;

typedef struct discard_entry {
    const char *phrase;
    const char *where;
    uint8_t whole_story;    /* + prefix: discard the whole document */
} discard_entry;

typedef struct time_entry { /* TABARI <TIME>: a phrase that shifts the event date */
    const char *phrase;
    const char *where;
    int32_t shift_days;
    uint8_t discard;        /* 1: [###] discard the sentence; 2: [+++] reject it as
                               too complex */
} time_entry;

typedef struct codebook_entry {
    const char *code;       /* "042" */
    const char *root;       /* "04" */
    const char *name;
    float goldstein;
    uint8_t quad_class;     /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
} codebook_entry;

/* ---- phrase trie -------------------------------------------------------- */

typedef enum hit_kind {
    HIT_ACTOR = 1,
    HIT_AGENT,
    HIT_VERB,
    HIT_NOUN,               /* TABARI <NOUN>: a word that is never a verb */
    HIT_ADJECTIVE,          /* TABARI <ADJECTIVE> */
    HIT_DISCARD,
    HIT_TIME,
    HIT_PLURAL_AGENT        /* the plural form of an agent ("ministers") */
} hit_kind;

/* dict_payload.flags */
#define DICT_PF_VERB_WORD 0x000Fu /* HIT_VERB: index of the inflected word in the phrase */
#define DICT_PF_GAPPED    0x0010u /* the phrase has a gap edge (see dict_trie_step_gap) */
#define DICT_PF_ENDING    0x0020u /* made by a TABARI regular ending (DEPART_ -> DEPARTED) */
#define DICT_PF_GENERATED 0x0040u /* a generated verb form or plural, not written */
#define DICT_PF_SYNONYM   0x0080u /* HIT_ACTOR: a +synonym line, not the primary phrase */

typedef struct dict_payload {
    uint8_t kind;           /* hit_kind */
    uint8_t form;           /* verb_form, for HIT_VERB */
    uint16_t flags;         /* DICT_PF_* */
    uint32_t entry;         /* id in the table of its kind (HIT_NOUN, HIT_ADJECTIVE:
                               a running number; HIT_PLURAL_AGENT: the agent id) */
} dict_payload;

#define DICT_TRIE_ROOT 0u
#define DICT_TRIE_NONE UINT32_MAX

/* In a phrase-set member (dict_set_member): other words may come between the
   lexemes on either side (TABARI "+AUSTRIAN FLORIN", written with a blank). */
#define DICT_LEX_GAP UINT32_MAX

typedef struct dict_set dict_set;

/* The child of trie node `node` along lexeme `lex`, or DICT_TRIE_NONE.  The
   lexeme must follow the previous one immediately. */
uint32_t dict_trie_step(const dict_set *d, uint32_t node, lex_id lex);

/* TABARI phrases written with a blank between two words ("AL GORE",
   "DURTHANG ORC") let other words come between them (TABARI stops at a comma).
   Such a word hangs off its predecessor's node by a gap edge, kept apart from
   the consecutive edges that dict_trie_step follows: the child along `lex`
   reached across a gap of zero or more tokens, or DICT_TRIE_NONE.  PETRARCH
   agents written with a blank have them too; native phrases never do. */
uint32_t dict_trie_step_gap(const dict_set *d, uint32_t node, lex_id lex);

/* 1 when some phrase continues from `node` across a gap (look ahead), else 0. */
int dict_trie_has_gap(const dict_set *d, uint32_t node);

/* 1 when some phrase ends at `node` (it has payloads), else 0: what a walk
   looking for the longest phrase asks at every step, from a bitmap. */
int dict_trie_ends(const dict_set *d, uint32_t node);

/* 0 when no consecutive edge leaves `node` (dict_trie_step from it finds
   nothing whatever the lexeme): a walk need not look at the next token. */
int dict_trie_leads_on(const dict_set *d, uint32_t node);

/* The payloads of the phrases that end at `node` (n = 0 if none). */
const dict_payload *dict_trie_payloads(const dict_set *d, uint32_t node, size_t *n);

/* The lexemes of one token of text, most specific first: its exact word (if in
   the table) then the stems that are prefixes of key, longest first.  `key` is
   the token's folded form (wordtab_fold), `exact` its looked-up word id.
   Returns the count (never more than cap). */
size_t dict_token_lexemes(const dict_set *d, const char *key, size_t len, word_id exact,
                          lex_id *out, size_t cap);

/* Has the set any TABARI stems?  Without them a word the table lacks has no
   lexemes at all. */
int dict_has_stems(const dict_set *d);

/* The same for a token whose folded form is the key of word w (w != WORD_NONE):
   no key needed, the stems were walked when the set was frozen. */
size_t dict_word_lexemes(const dict_set *d, word_id w, lex_id *out, size_t cap);

/* A hint, no effect on results: bring in the memory that dict_word_lexemes(w)
   and a first trie step along w will read.  A coder calls it for every token of
   a sentence before looking at any, so that their cache misses overlap. */
void dict_prefetch_word(const dict_set *d, word_id w);

/* ---- the set ------------------------------------------------------------ */

const wordtab *dict_words(const dict_set *d);

size_t dict_n_actors(const dict_set *d);
size_t dict_n_agents(const dict_set *d);
size_t dict_n_verbs(const dict_set *d);
size_t dict_n_patterns(const dict_set *d);
size_t dict_n_discards(const dict_set *d);
size_t dict_n_sets(const dict_set *d);
size_t dict_n_codes(const dict_set *d);

const actor_entry *dict_actor(const dict_set *d, uint32_t id);
const code_period *dict_actor_periods(const dict_set *d, const actor_entry *a);
const agent_entry *dict_agent(const dict_set *d, uint32_t id);
const verb_entry *dict_verb(const dict_set *d, uint32_t id);
const pattern *dict_pattern(const dict_set *d, uint32_t id);
const pattern_elem *dict_pattern_elems(const dict_set *d, const pattern *p);
const discard_entry *dict_discard(const dict_set *d, uint32_t id);
const time_entry *dict_time(const dict_set *d, uint32_t id);

/* A phrase set (synset or alternatives): its member phrases as lexeme arrays. */
size_t dict_set_n_members(const dict_set *d, uint32_t set);
const lex_id *dict_set_member(const dict_set *d, uint32_t set, size_t i, size_t *len);
const char *dict_set_name(const dict_set *d, uint32_t set);

/* The code of an actor on a given day (DATE_UNKNOWN: its first undated or last
   listed code), following the dialect's rule for ranges; NULL when no period
   covers the day. */
const char *dict_actor_code(const dict_set *d, const actor_entry *a, int32_t day);

/* The codebook entry of an event code ("042"), or NULL if unknown. */
const codebook_entry *dict_codebook(const dict_set *d, const char *code);
const codebook_entry *dict_codebook_at(const dict_set *d, size_t i);

/* Every phrase as the files wrote it, in load order: actors and their
   +synonyms, agents, verb roots and their listed forms, TABARI nouns,
   adjectives and time phrases.  kind is a hit_kind, entry the id of the entry
   it names (HIT_NOUN, HIT_ADJECTIVE: a running number).  For coders that apply
   a dialect's own matching rules to the words (TABARI's connectors: see
   src/coder/tabari_model.c), for lint and for conversion.  NULL past the end. */
size_t dict_n_written_phrases(const dict_set *d);
const char *dict_written_phrase(const dict_set *d, size_t i, uint8_t *kind, uint32_t *entry);

/* TABARI .options lines, in file order, for the coder to interpret. */
size_t dict_n_option_lines(const dict_set *d);
const char *dict_option_line(const dict_set *d, size_t i);

/* A short fingerprint of every file loaded (for the store's dictionary_versions). */
const char *dict_version(const dict_set *d);

/* The files loaded, for provenance and stats. */
size_t dict_n_files(const dict_set *d);
const char *dict_file(const dict_set *d, size_t i);

size_t dict_memory(const dict_set *d);

/* ---- building ----------------------------------------------------------- */

typedef struct dict_builder dict_builder;

dict_builder *dict_builder_new(void);
void dict_builder_free(dict_builder *b);

/* Load one file.  Problems are reported per line through diags; a line that
   cannot be read is skipped and loading goes on.  Returns 0, or -1 when the
   file cannot be read at all.  Files ending in .zip are read member by member
   (libzip); .gz is decompressed. */
int dict_load_file(dict_builder *b, const char *path, dict_file_kind kind,
                   dict_dialect dialect, diag_sink *diags);

/* Load the same from memory (for tests and fuzzing); name names it in messages. */
int dict_load_bytes(dict_builder *b, const char *name, const char *data, size_t len,
                    dict_file_kind kind, dict_dialect dialect, diag_sink *diags);

/* Load every dictionary file of a directory of dyad's own format (data/). */
int dict_load_dir(dict_builder *b, const char *dir, diag_sink *diags);

/* Load the files named by a TABARI .project file (actors, verbs, agents, options). */
int dict_load_tabari_project(dict_builder *b, const char *project_path, diag_sink *diags);

/* Intern a word the coder needs to recognise (closed-class words: auxiliaries,
   modals, negations, prepositions).  Call before dict_builder_freeze. */
word_id dict_builder_word(dict_builder *b, const char *word);

/* Validate, index and freeze.  Consumes the builder (also on failure). */
dict_set *dict_builder_freeze(dict_builder *b, diag_sink *diags);

void dict_set_free(dict_set *d);

#endif
