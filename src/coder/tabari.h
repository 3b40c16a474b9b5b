/*
** tabari.h: TABARI 0.8's coding rules (private to src/coder).
**
** With coder_options.rules = CODER_RULES_TABARI the coder reproduces what
** TABARI 0.8.4 does with TABARI dictionaries, so that TABARI's own validation
** suite can be run and TABARI-era dictionaries keep their meaning.  TABARI
** codes one "record" (a sentence) at a time in two passes over a small array
** of words:
**
**   parse    filter the text (punctuation rules), cut it into words, give each
**            word its dictionary "literals" (every dictionary word that is a
**            prefix of it), assign roots (actors, agents, verbs, nouns, ...) by
**            the most characters matched, then mark nouns, compounds,
**            comma-delimited subordinate clauses, conjoined clauses and pronoun
**            references with head and tail tags (tabari_parse.c);
**   code     per clause, per verb: try the verb's patterns longest first (the
**            pattern matcher, tabari_match.c), find the source and target by
**            TABARI's default rules, handle passives, compounds, paired,
**            dominant and subordinate codes, discards and complexity
**            (tabari_code.c).
**
** The matching is TABARI's, not dyad's: a dictionary word written without a
** trailing `_` matches every text word that begins with it, the character after
** a word (TABARI's "connector") says whether other words may come between and
** whether a partial match is enough, and actors, agents, nouns and verbs also
** take TABARI's regular endings.  So the engine does not use the dictionary
** set's trie; it builds its own model (tabari_model.c) from the phrases as
** written in the files, which the dictionary set keeps.
**
** Everything here is reentrant: the model is read-only once built, and each
** coder has its own tb_state (options, the record being coded, forwarding
** memory).
*/
#ifndef DYAD_CODER_TABARI_H
#define DYAD_CODER_TABARI_H

#include <stddef.h>
#include <stdint.h>

#include "coder/coder_private.h"
#include "util/arena.h"
#include "util/vec.h"

/* ---- phrases ------------------------------------------------------------- */

/* Connectors: what the character after a word means.  The two bits are
   TABARI's: in patterns, SKIP lets other words come before the next element
   and PART accepts a prefix match of this word; root phrases read them the
   other way round (see tb_match_root). */
#define TB_CONN_SKIP     0x0400u
#define TB_CONN_PART     0x4000u
#define TB_CONN_EQUAL    0x0010u            /* WORD=  exact, no regular endings */
#define TB_CONN_FULLNEXT 0x0000u            /* WORD_  */
#define TB_CONN_FULLSKIP TB_CONN_SKIP       /* WORD_  (followed by a blank) */
#define TB_CONN_PARTNEXT TB_CONN_PART       /* WORD~_ */
#define TB_CONN_PARTSKIP (TB_CONN_PART | TB_CONN_SKIP) /* WORD (blank or end) */

typedef enum tb_elem_kind {
    TE_END = 0,     /* terminates a phrase */
    TE_LIT,         /* arg: literal id */
    TE_SYNSET,      /* arg: synset id */
    TE_VERB,        /* * */
    TE_SOURCE,      /* $ */
    TE_TARGET,      /* + */
    TE_ATTRIB,      /* @ */
    TE_COMPOUND,    /* % */
    TE_SKIP,        /* ^ */
    TE_OPEN,        /* { */
    TE_OR,          /* | */
    TE_CLOSE        /* } */
} tb_elem_kind;

typedef struct tb_elem {
    uint8_t kind;           /* tb_elem_kind */
    uint16_t conn;          /* TB_CONN_* */
    uint32_t arg;
} tb_elem;

/* ---- word types and tags ------------------------------------------------- */

typedef enum tb_wtype {
    TW_NULL = 0,
    TW_ACTOR, TW_AGENT, TW_VERB, TW_TIME, TW_DETERM, TW_NOUN, TW_ADJCTV,
    TW_AUXIL, TW_BYWORD, TW_COMMA, TW_PRONOUN, TW_CONJ, TW_PREP, TW_NUMBER,
    TW_SYNYM, TW_NULLTAG, TW_HALT,
    /* types used only as tags */
    TT_CLAUSE, TT_COMPOUND, TT_SUBORD, TT_REF
} tb_wtype;

/* ---- the model ----------------------------------------------------------- */

enum tb_root_special {
    TRS_NONE = 0,
    TRS_AND, TRS_NOR,               /* conjunctions that make compounds */
    TRS_FORMER,                     /* FORMER_: agent becomes ~ELI */
    TRS_SINGULAR, TRS_PLURAL        /* pronouns */
};

typedef struct tb_root {
    uint32_t phrase;        /* first element in tb_model.elems */
    uint32_t entry;         /* actor / agent / time entry of the dictionary set;
                               verbs: tb_verb id */
    uint8_t wtype;          /* tb_wtype */
    uint8_t special;        /* tb_root_special */
    uint8_t deleted;
} tb_root;

/* A verb pattern, a time pattern or a synset member.  A verb pattern's
   literals outside { | } must each be found on some word for the matcher to
   pass them (it advances past a literal only where tb_has_lit says so), so a
   record that lacks one of `need` (the longest of them, up to TB_PAT_NEED)
   cannot match the pattern and the matcher is not run (tb_pattern_possible). */
#define TB_PAT_NEED 4
/* A verb pattern, a time pattern or a synset member. */
typedef struct tb_pattern {
    uint32_t phrase;
    const char *code;       /* NULL = [---] */
    const char *paired;     /* [A:B] -> "B" */
    uint8_t code_flags;     /* DICT_CODE_DOMINANT / _SUBORDINATE of code */
    uint8_t paired_flags;
    int16_t length;         /* characters, alternatives at their longest */
    int16_t maxalt;         /* the share of length inside { | } */
    const char *where;      /* provenance, "file:line" */
    const char *text;       /* as written */
    uint8_t n_need;         /* verb patterns: literals every match needs (see below) */
    uint32_t need[TB_PAT_NEED];
} tb_pattern;

/* A verb: its code and its patterns (sorted longest first); every listed
   form of the verb is a root of its own that points here. */
typedef struct tb_verb {
    uint32_t first_pattern, n_patterns;
    tb_pattern main;        /* the verb's own code (phrase unused) */
    uint32_t dict_verb;
} tb_verb;

typedef struct tb_synset {
    const char *name;
    uint32_t first, n;      /* members in tb_model.members, longest first */
} tb_synset;

typedef struct tb_model {
    arena mem;
    const dict_set *dict;

    /* literals: every word written in a dictionary, upper case */
    VEC(const char *) lit;
    VEC(uint16_t) lit_len;
    uint32_t *lit_slots;    /* open addressing: literal id + 1, 0 = free */
    uint32_t lit_mask;
    uint32_t *start_first;  /* per literal (n + 1): roots whose phrase starts with it */
    uint32_t *start_roots;

    VEC(tb_elem) elems;
    VEC(tb_root) roots;
    VEC(tb_verb) verbs;
    VEC(tb_pattern) patterns;       /* verbs' patterns, grouped by verb */
    VEC(tb_pattern) members;        /* synset members, grouped by synset */
    VEC(tb_synset) synsets;
    /* the set's discard phrases (PETRARCH, native): exact consecutive words */
    VEC(uint32_t) discards;         /* phrases */
    VEC(uint8_t) discard_story;     /* 1: +PHRASE, the whole story */
    uint32_t *disc_first;           /* per literal (n + 1): discards starting with it */
    uint32_t *disc_list;
    const char **agent_codes;       /* per dictionary agent: "~GOV" or "NGM~" */
    uint32_t n_agents;
    uint32_t lit_and, lit_nor, lit_the; /* ids of AND, NOR, THE */
    uint32_t lit_from;              /* FROM, when a dictionary has it */
    uint32_t n_builtin_roots;
    int has_time;                   /* the verbs had a <TIME> section */
} tb_model;

/* Build the model of a dictionary set; NULL on out of memory.  Problems
   (phrases TABARI would reject) are skipped silently: the dictionary reader
   has reported them already. */
tb_model *tb_model_new(const dict_set *d);
void tb_model_free(tb_model *m);

/* Literal id of an upper-case word, or UINT32_MAX. */
uint32_t tb_lit_find(const tb_model *m, const char *s, size_t len);

/* Parse one TABARI phrase as written (a root, or a pattern body without its
   leading '-') into elements appended to m->elems (TE_END-terminated).
   Returns its first element, or UINT32_MAX when TABARI would reject it. */
uint32_t tb_store_phrase(tb_model *m, const char *s, size_t len, int in_pattern);

/* ---- options ------------------------------------------------------------- */

typedef struct tb_options {
    int code_mode;          /* 0 CODE BY CLAUSE, 1 BY SENTENCE, 2 CODE ALL */
    int yyyy;               /* SET: YYYY: record dates have 8 digits */
    int time_shift;         /* SET: TIME SHIFT (on when the verbs have <TIME>) */
    int fbis;               /* SET: FBIS */
    int conv_agent;         /* SET: CONVERT AGENT */
    int petrarch;           /* SET: PETRARCH (dyad's): compounds take unknown modifier
                               words, an agent before a compound governs it all, and
                               FROM joins an agent to its actor like IN and OF */
    int min_lex;            /* SET: MINIMUM WORDS, minus one */
    /* COMPLEX: limits (0 = off) and flags */
    int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_nonres, cx_lateverb;
    int cx_preact, cx_postact, cx_nosrc, cx_noverb, cx_notar, cx_noevt;
    /* COMMA: subordinate clause lengths (internal, initial, terminal) */
    int min_sub, max_sub, min_beg, max_beg, min_end, max_end;
    /* DEFAULT: */
    int has_def_src, has_def_tar, def_prior, def_after;
    char def_src[32], def_tar[32];
    /* FORWARD: positions in the record header */
    int use_forward, id_loc, id_len, story_loc, story_len, sent_loc, sent_len;
} tb_options;

void tb_options_init(tb_options *o, const tb_model *m);

/* Apply one .options command ("COMPLEX: VERBS[5] CONJ[4]", "SET: CODE ALL",
   ...).  Returns 0, or -1 when the command is not understood (it is then
   ignored, as TABARI does). */
int tb_apply_option(tb_options *o, const char *line);

/* ---- the record ---------------------------------------------------------- */

#define TB_MAX_LEX 128              /* words in a record (TABARI's MAX_LEX) */
#define TB_MAX_SYNT 128
#define TB_MAX_TEXT 2048            /* characters in a record */
#define TB_MAX_EVENTS 64

/* lexical flags */
#define TLF_INITCAP 0x1u
#define TLF_MIDCAP  0x2u

/* syntactic flags */
#define TSF_COMPOUND 0x1u           /* inside a syntactic compound */

typedef struct tb_tag {
    uint8_t type;           /* tb_wtype */
    uint16_t index;         /* pairs a head with its tail; TT_REF: the word referred to */
    uint16_t next;          /* next tag of the word, 0 = none */
} tb_tag;

typedef struct tb_actor {
    const char *code;       /* resolved code, "ARN"; may be a coded compound "A/B" */
    const char *agent;      /* "~GOV" / "NGM~" or NULL */
    int compound;           /* the code is a coded compound (several codes) */
    int where;              /* word of its head, -1 none, TB_DEFAULT_LOC default */
    int root, agt_root;     /* roots, -1 none */
    int agent_before;       /* the agent was written before the actor */
} tb_actor;

#define TB_DEFAULT_LOC (TB_MAX_SYNT - 1)

typedef struct tb_event {
    tb_actor src, tar;
    const char *code;
    uint8_t sub, dom, isevt;
    int evtloc;             /* the verb's word */
    const tb_pattern *pat;  /* the pattern or the verb's own code */
    int next;
} tb_event;

/* An event as TABARI writes it. */
typedef struct tb_out {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX]; /* with agents attached */
    const char *code;
    int verb, src_loc, tar_loc;         /* words (TB_DEFAULT_LOC: default actor) */
    int src_root, tar_root, src_agt, tar_agt; /* roots, -1 none */
    const tb_pattern *pat;
} tb_out;

/* What became of a record (TABARI's problem string, in short). */
typedef enum tb_outcome {
    TB_EVENTS = 0,
    TB_NO_EVENTS,           /* {---} */
    TB_DISCARD,             /* {###} */
    TB_COMPLEX,             /* {+++} */
    TB_INPUT_ERROR          /* too few words */
} tb_outcome;

/* Forwarding memory: what the previous record named first (FORWARD:). */
typedef struct tb_fwd_cell {
    int root;
    uint8_t wtype;
    uint8_t actor_head, actor_tail;
} tb_fwd_cell;

typedef struct tb_state {
    const tb_model *m;
    tb_options opt;

    /* the record */
    const char *src;        /* its text */
    size_t src_len;
    int32_t date;           /* julian day of the record, shifted by <TIME> */
    int32_t record_date;
    int date_shifted;
    char filt[TB_MAX_TEXT * 3 + 8];     /* filtered text */
    int32_t filt_src[TB_MAX_TEXT * 3 + 8]; /* its characters' offsets in src */
    int rec_caps;

    /* words */
    int ilex;               /* index of the last word, -1 none */
    int parse_error;
    struct {
        uint16_t start, len;    /* in filt */
        int32_t src_start, src_end;
        uint8_t flags;          /* TLF_* */
        int ilit;               /* >0 first literal (1-based into lits), 0 none,
                                   -1 comma, -2 number */
    } lex[TB_MAX_LEX];
    VEC(uint32_t) lits;         /* literal id << 1 | exact, 0-terminated lists */
    uint64_t *lit_seen;         /* bit per literal id: on some word of the record */

    /* syntax (TB_MAX_SYNT: room for forwarded cells and the default actor) */
    int isynt;              /* the Halt word */
    uint8_t wtype[TB_MAX_SYNT];
    int root[TB_MAX_SYNT];
    uint16_t head[TB_MAX_SYNT], tail[TB_MAX_SYNT];
    uint8_t sflags[TB_MAX_SYNT];
    VEC(tb_tag) tags;       /* tags[0] unused */
    int has_clauses;
    int has_discard, is_complex;
    int discard_story;      /* a +PHRASE discard: the whole document goes */
    int idx_fwd_actor, idx_fwd_compd;

    /* forwarding */
    int can_forward;
    char last_rec_id[80];
    int last_seq;
    int has_fwd;            /* the previous record left something to forward */
    tb_fwd_cell fwd_actor;
    tb_fwd_cell fwd_compd[TB_MAX_LEX];
    int n_fwd_compd, fwd_has_actor;

    /* coding */
    int istart, iend;       /* the clause */
    tb_actor source, target;
    int regular_source, regular_target, is_passive;
    tb_event ev[TB_MAX_EVENTS];
    int n_events;           /* index of the last event, -1 none */
    int has_discard_evt, has_complex_evt;
    char pool[TB_MAX_EVENTS][ACTOR_CODE_MAX]; /* codes split from coded compounds */
    int n_pool;

    /* the result */
    tb_out out[TB_MAX_EVENTS];
    int n_out;
    tb_outcome outcome;
} tb_state;

tb_state *tb_state_new(const tb_model *m);
void tb_state_free(tb_state *s);

/* tabari_parse.c: the parse pass.  0, or -1 when the record cannot be coded
   (too few words). */
int tb_parse(tb_state *s);

/* Remember what this record named first, for FORWARD: (tabari_parse.c). */
void tb_remember_forward(tb_state *s);

/* tag helpers (tabari_parse.c) */
int tb_has_head(const tb_state *s, int loc, int type);
int tb_has_head_idx(const tb_state *s, int loc, int type, int *index);
int tb_has_tail(const tb_state *s, int loc, int type);
int tb_has_tail_idx(const tb_state *s, int loc, int type, int index);
int tb_check_tail(const tb_state *s, int loc, int type);
int tb_get_reference(const tb_state *s, int loc);
int tb_has_lit(const tb_state *s, int loc, uint32_t lit);

/* 0 when the record lacks a literal that pattern p needs (see tb_pattern). */
static inline int tb_pattern_possible(const tb_state *s, const tb_pattern *p)
{
    for (unsigned k = 0; k < p->n_need; k++)
        if (!(s->lit_seen[p->need[k] >> 6] >> (p->need[k] & 63) & 1))
            return 0;
    return 1;
}
int tb_skip_segment(const tb_state *s, int *loc, int type);
/* The resolved actor code of a root on the record's date: NULL when none. */
const char *tb_actor_code(const tb_state *s, int root);
int tb_is_null_verb(const tb_state *s, int root);

/* tabari_match.c: does pattern p match around the root of type wtype whose
   head is at loc?  Sets the words bound by $ + %. */
typedef struct tb_binding {
    int source, target, compound;   /* head words, -1 when not bound */
    int lenalt;                     /* characters matched inside alternatives */
} tb_binding;
int tb_check_pattern(tb_state *s, uint32_t phrase, int loc, int wtype, tb_binding *b);
int tb_actor_head(const tb_state *s, int loc, int *found);
int tb_actor_tail(const tb_state *s, int loc);
int tb_compound_head(const tb_state *s, int loc);

/* tabari_code.c: the coding pass; events are left in s->ev (list from 0).
   Returns the number of events. */
int tb_code(tb_state *s);

/* Compose an output code: actor with agent (TABARI's rule). */
void tb_compose(char *out, size_t cap, const char *actor, const char *agent);

#endif
