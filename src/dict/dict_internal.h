/*
** dict_internal.h: how a dictionary set is laid out in memory (private to src/dict/).
**
** A builder and a frozen set share one representation (struct dict_core): a
** frozen set is the builder's core plus the indexes built at freeze time.  The
** readers (read_native.c, read_tabari.c, read_petrarch.c) only ever call the
** db_* functions below, which keep every invariant of the model:
**
**   strings     all in one arena (`mem`), never freed piece by piece; event
**               codes are interned (db_code) so that equal codes share a pointer;
**   words       lexemes in the set's wordtab; a TABARI stem is "FORM*";
**   phrases     db_phrase_lex turns the words a reader cut out of a line into
**               lexemes, tokenizing each word the way the text layer tokenizes
**               news; db_trie_add registers the lexeme sequence in the phrase
**               trie and db_trie_payload attaches what it means;
**   entries     dense VECs; `where` is "file:line";
**   aliases     every phrase as written, by entry, for lint and convert.
**
** The phrase trie is a set of nodes (dense ids, root 0) and one open-addressing
** hash table from (node, lexeme, gap) to child: one probe per step on the
** coder's hot path, and no per-node allocation while loading.
*/
#ifndef DYAD_DICT_INTERNAL_H
#define DYAD_DICT_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dict/dict.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/vec.h"

/* ---- a hash map from 64-bit keys to 32-bit values (trie edges) ---------- */

typedef struct u64map_slot {
    uint64_t key;           /* U64MAP_EMPTY when free */
    uint32_t val;
    uint32_t pad;
} u64map_slot;

typedef struct u64map {
    u64map_slot *slots;
    uint32_t mask;          /* slot count - 1 (power of two); 0 when empty */
    uint32_t count;
    int shift;              /* 64 - log2(slot count) */
} u64map;

#define U64MAP_EMPTY UINT64_MAX

/* Insert key -> val unless key is present; *found gets the value stored.
   Returns 0, or -1 when out of memory. */
int u64map_put(u64map *m, uint64_t key, uint32_t val, uint32_t *found);
void u64map_free(u64map *m);
size_t u64map_memory(const u64map *m);

static inline uint32_t u64map_get(const u64map *m, uint64_t key)
{
    if (!m->mask)
        return UINT32_MAX;
    uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> m->shift);
    for (;; i = (i + 1) & m->mask) {
        const u64map_slot *s = &m->slots[i];
        if (s->key == key)
            return s->val;
        if (s->key == U64MAP_EMPTY)
            return UINT32_MAX;
    }
}

/* ---- the representation --------------------------------------------------- */

/* A phrase set (synset or alternatives): members [first_member, +n_members). */
typedef struct phrase_set {
    const char *name;       /* "&CURRENCY", or "{...}" for alternatives */
    const char *where;
    uint32_t first_member;
    uint32_t n_members;
} phrase_set;

typedef struct set_member {
    uint32_t first;         /* into member_lex */
    uint32_t len;
} set_member;

/* A TABARI <NOUN>/<ADJECTIVE> word. */
typedef struct pos_entry {
    const char *phrase;
    const char *where;
    uint8_t kind;           /* HIT_NOUN or HIT_ADJECTIVE */
} pos_entry;

/* A phrase as written, for lint (duplicates) and convert. */
typedef struct alias {
    const char *text;       /* as written, connectors and all */
    uint32_t entry;
    uint32_t node;          /* its trie node */
    uint8_t kind;           /* hit_kind */
    uint8_t flags;          /* ALIAS_* */
} alias;

#define ALIAS_SYNONYM 0x1   /* an actor's +synonym */
#define ALIAS_LOSSY   0x2   /* uses something native cannot say (stem, gap) */

typedef struct pending_payload {
    uint32_t node;
    dict_payload p;
} pending_payload;

/* What loading one file did, for stats and lint. */
typedef struct dict_file_stat {
    const char *name;
    uint8_t kind;           /* dict_file_kind */
    uint8_t dialect;
    long lines;             /* lines seen */
    long records;           /* entries, patterns, synonyms, code lines, members used */
    long problems;          /* lines reported and skipped (or partly read) */
    long unsupported;       /* lines read but not representable (noted) */
    uint64_t hash;
} dict_file_stat;

typedef struct dict_core {
    arena mem;
    wordtab *words;

    VEC(actor_entry) actors;
    VEC(uint16_t) actor_file;       /* by actor: index into files */
    VEC(code_period) periods;
    VEC(agent_entry) agents;
    VEC(verb_entry) verbs;
    VEC(pattern) patterns;
    VEC(pattern_elem) elems;
    VEC(discard_entry) discards;
    VEC(time_entry) times;
    VEC(codebook_entry) codebook;
    VEC(pos_entry) pos;
    VEC(phrase_set) sets;
    VEC(set_member) members;
    VEC(lex_id) member_lex;
    VEC(alias) aliases;
    VEC(const char *) option_lines;
    VEC(dict_file_stat) files;
    VEC(uint32_t) set_by_name;      /* by word id in set_names: set id + 1 */
    wordtab *set_names;             /* synset names ("&CURRENCY") */

    /* codes: interned strings */
    u64map code_index;              /* hash64(code) -> index in code_strs */
    VEC(const char *) code_strs;

    /* phrase trie */
    u64map edges;                   /* node<<32 | lex<<1 | gap -> child */
    VEC(uint32_t) node_parent;      /* by node */
    VEC(uint32_t) node_lex;         /* by node: lex<<1 | gap of the edge into it */
    VEC(pending_payload) pending;
    uint32_t n_nodes;
    uint32_t n_gap_edges;
    uint32_t n_stems;

    /* frozen indexes */
    uint32_t *pay_start;            /* n_nodes + 1 */
    dict_payload *payloads;
    uint8_t *node_gap;              /* by node: 1 when it has gap children */
    u64map stem_edges;              /* char trie: node<<8 | byte -> child */
    uint32_t *stem_lex;             /* by char-trie node: stem lexeme or 0 */
    uint32_t n_stem_nodes;
    uint32_t stem_root[256];        /* the char trie's first step: byte -> node (UINT32_MAX) */
    /* the char trie packed for stem_walk: per node, at stem_packed_at[node],
       [mask of its children's letters A-Z, STEM_PACKED_OTHER when a child is
       along another byte][its stem lexeme or 0][its node id][the packed offsets
       of its letter children, in letter order]: a step along a letter reads one
       place, where the edge table took a probe and stem_lex a second read */
    uint32_t *stem_packed;
    uint32_t *stem_packed_at;       /* by node */
    uint32_t stem_root_at[256];     /* byte -> packed offset of the root's child (UINT32_MAX) */
    struct stem_pair {              /* the first two steps along two letters A-Z, at once */
        uint32_t at;                /* packed offset after both, or UINT32_MAX */
        lex_id stem1, stem2;        /* the stems after the first and after both, or 0 */
    } stem_pairs[26 * 26];
    uint32_t *word_stem_start;      /* by word id, n_stem_words + 1: its stems in word_stems */
    lex_id *word_stems;             /* the stems each word begins with, longest first */
    uint32_t n_stem_words;          /* 0 when the set has no stems */
    uint32_t *root_child;           /* by lexeme < n_root: the root's child along it */
    uint32_t n_root;
    uint8_t *node_kids;             /* by node: a bit per class of lexeme (kid_bit) that
                                       has a consecutive child; 0 for a leaf */
    uint64_t *edge_bloom;           /* two bits per consecutive edge (node, lexeme) in
                                       one word of this blocked bloom filter: a step
                                       whose bits are not both set has no edge, and
                                       needs no probe into the edge table */
    uint32_t edge_bloom_mask;       /* words - 1 */
    uint64_t *node_ends;            /* a bit per node: some phrase ends there (it
                                       has payloads); 16 KB where pay_start is 512 */
    wordtab *code_tab;              /* codebook codes -> id (index + 1) */
    char version[33];
    int frozen;
    int oom;                        /* an allocation failed while building */
} dict_core;

struct dict_builder {
    dict_core c;
    token_vec toks;         /* text_tokenize output for one phrase, reused */
};

struct dict_set {
    dict_core c;
};

/* ---- builder primitives used by the readers ------------------------------ */

#define DICT_MAX_PHRASE 64          /* lexemes in one phrase */

/* One word of a phrase as a reader cut it out of a line. */
typedef struct phrase_word {
    const char *s;
    uint32_t len;
    uint8_t stem;           /* TABARI: matches any word beginning with it */
    uint8_t gap_before;     /* TABARI: other words may come before it */
    uint8_t plus;           /* PETRARCH/native verbs: marked with + (the verb word) */
    uint8_t noend;          /* TABARI "WORD=": exact, without regular endings */
} phrase_word;

/* A phrase as lexemes, ready for the trie. */
typedef struct lexseq {
    lex_id lex[DICT_MAX_PHRASE];
    uint8_t gap[DICT_MAX_PHRASE];   /* gap before lex[i] */
    uint8_t word_of[DICT_MAX_PHRASE]; /* index of the phrase_word lex[i] came from */
    uint32_t n;
    uint8_t gapped;
} lexseq;

/* The reading context: which file, which line, where problems go. */
typedef struct rdctx {
    dict_builder *b;
    dict_core *c;
    const char *name;       /* arena copy of the file name */
    diag_sink *diags;
    dict_file_stat *st;
    uint16_t file_index;
    dict_dialect dialect;
    long line;
} rdctx;

void rd_problem(rdctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rd_note(rdctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rd_unsupported(rdctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *rd_where(rdctx *r);     /* "file:line" in the arena */

char *db_strndup(dict_core *c, const char *s, size_t len);
const char *db_code(dict_core *c, const char *s, size_t len);

/* Tokenize and intern words; 0, or -1 (reported) when the phrase is empty or too long. */
int db_phrase_lex(rdctx *r, const phrase_word *w, size_t n, lexseq *out);
lex_id db_intern(dict_core *c, const char *s, size_t len, int stem);

/* Register a lexeme sequence in the trie; returns its node (DICT_TRIE_NONE on OOM). */
uint32_t db_trie_add(dict_core *c, const lexseq *seq);
void db_trie_payload(dict_core *c, uint32_t node, uint8_t kind, uint8_t form,
                     uint16_t flags, uint32_t entry);
void db_alias(dict_core *c, const char *text, size_t len, uint8_t kind, uint32_t entry,
              uint32_t node, uint8_t flags);

/* Phrase sets. */
uint32_t db_set_new(rdctx *r, const char *name, size_t len);   /* UINT32_MAX on OOM */
int db_set_bind_name(dict_core *c, uint32_t set, const char *name, size_t len);
uint32_t db_set_find(const dict_core *c, const char *name, size_t len); /* or UINT32_MAX */
/* Append one member (to the set created last); gaps from seq->gap become DICT_LEX_GAP. */
int db_set_add_member(dict_core *c, uint32_t set, const lexseq *seq);
/* Append the members of set `from` to the set created last. */
int db_set_add_members_of(dict_core *c, uint32_t set, uint32_t from);

/* ---- phrases and patterns as written (phrase.c) ----------------------------- */

/* Cut a phrase into words: TABARI connectors (stems, gaps, =), or native and
   PETRARCH separators (`_` and blanks; blank_gap: a blank allows a gap;
   allow_plus: a leading + marks the verb word).  Returns the word count, 0
   when there is none or a problem was reported. */
size_t cut_tabari(rdctx *r, const char *s, size_t len, phrase_word *w, size_t cap);
size_t cut_plain(rdctx *r, const char *s, size_t len, int blank_gap, int allow_plus,
                 phrase_word *w, size_t cap);

/* Lexemes, trie node and payload for an entry's phrase; the node or DICT_TRIE_NONE. */
uint32_t rd_register(rdctx *r, const phrase_word *w, size_t n, uint8_t kind, uint8_t form,
                     uint16_t flags, uint32_t entry, lexseq *seq);
/* TABARI: the regular-ending variants of a phrase whose last word is exact. */
void rd_register_endings(rdctx *r, const phrase_word *w, size_t n, const lexseq *seq,
                         uint8_t ending_kind, uint16_t flags, uint32_t entry, int verb);

uint32_t rd_find_synset(rdctx *r, const char *s, size_t len, size_t *used);
long rd_add_member(rdctx *r, uint32_t set, const phrase_word *w, size_t n);

/* Compile a pattern body into c->elems (0, or -1 reported and nothing added). */
int compile_flat_pattern(rdctx *r, const char *s, size_t len, int stems);
int compile_petrarch_pattern(rdctx *r, const char *s, size_t len);

/* ---- word forms (forms.c) ------------------------------------------------ */

typedef struct word_form {
    char text[96];
    uint8_t form;           /* verb_form */
} word_form;

/* Regular forms of a verb word: S, PAST, ING.  Returns the count. */
size_t forms_native_verb(const char *w, size_t len, int double_final, word_form out[3]);
size_t forms_petrarch_verb(const char *w, size_t len, word_form out[3]);
/* TABARI regular endings: verbs S ES ED EN ING (+D after E); nouns S ES. */
size_t forms_tabari_endings(const char *w, size_t len, int verb, word_form out[6]);
/* Plurals; return the length written into out (0 when none). */
size_t plural_native(const char *w, size_t len, char *out, size_t cap);
size_t plural_petrarch_agent(const char *w, size_t len, char *out, size_t cap);
size_t plural_petrarch_synset(const char *w, size_t len, char *out, size_t cap);
/* Guess the verb_form of a listed irregular form of base. */
uint8_t forms_classify(const char *base, size_t blen, const char *f, size_t flen,
                       int *unclassified);

/* ---- tokenizing dictionary words (lex.c) ---------------------------------- */

typedef struct word_piece {
    const char *s;          /* inside the phrase_word it came from */
    uint32_t len;
    uint8_t word;           /* index of that phrase_word */
    uint8_t is_word;        /* a word or number token (stems apply), else punctuation */
} word_piece;

/* The tokens text_tokenize makes of the words w[0..n) written with blanks
   between them; SIZE_MAX when the phrase is too long. */
size_t dict_pieces(dict_builder *b, const phrase_word *w, size_t n, word_piece *out,
                   size_t cap);

/* ---- readers ---------------------------------------------------------------- */

/* Line iteration over a buffer: strips \r\n; 1 while there is a line. */
typedef struct linereader {
    const char *p, *end;
    long lineno;
} linereader;

int next_line(linereader *lr, const char **line, size_t *len);

/* Blanks and tabs off both ends of s[0..len). */
void rd_trim(const char **s, size_t *len);

/* 1 when s[0..len) begins with the C string p. */
int rd_starts(const char *s, size_t len, const char *p);

/* A new agent entry for the phrase p[0..pl), cut into the words w[0..n) with
   its code and attachment: stored and registered in the phrase trie.  Returns
   the entry's id, with its trie node in *node and its lexemes in *seq; or
   UINT32_MAX when there is no phrase (reported), it cannot be registered, or
   memory ran out (c->oom). */
uint32_t rd_agent_entry(rdctx *r, const char *p, size_t pl, const phrase_word *w, size_t n,
                        const char *code, uint8_t attach, uint32_t *node, lexseq *seq);

/* Shared between the native and PETRARCH readers (read_native.c), whose
   line formats for these kinds are the same apart from the dialect's flags. */
void read_actor_lines(rdctx *r, const char *data, size_t len, int petrarch);
void read_agent_lines(rdctx *r, const char *data, size_t len, int petrarch);
void read_discard_lines(rdctx *r, const char *data, size_t len, int petrarch);
void verb_forms(rdctx *r, uint32_t verb, const char *root, size_t rootlen, const char *forms,
                long forms_len, int petrarch);
/* "ROOT {FORMS} [CODE]": splits a verb line; returns 0 or -1 (reported). */
int split_verb_line(rdctx *r, const char *s, size_t sl, const char **root, size_t *rootlen,
                    const char **forms, long *forms_len, const char **code, size_t *clen);

void read_native(rdctx *r, const char *data, size_t len, dict_file_kind kind);
void read_tabari(rdctx *r, const char *data, size_t len, dict_file_kind kind);
void read_petrarch(rdctx *r, const char *data, size_t len, dict_file_kind kind);
void read_codebook(rdctx *r, const char *data, size_t len);

/* Parse a date (YYYYMMDD, YYYY-MM-DD, or YYMMDD when allow6); an impossible day
   of a real month is clamped with a warning.  Returns chars used, 0 if none. */
size_t rd_date(rdctx *r, const char *s, size_t len, int allow6, int32_t *day);

/* An event code block's text "042:043", "100!", "---": sets code/paired/flags.
   Returns 0, or -1 (reported) when it cannot be read. */
int rd_event_code(rdctx *r, const char *s, size_t len, const char **code,
                  const char **paired, uint8_t *flags);

/* Actor code blocks: one block's inside ("KORGOV 20051017-20131016"), with the
   dialect's date rules (TABARI ranges inclusive, > exclusive; PETRARCH and native
   ranges half-open, > inclusive); and every block of a line (returns the offset
   of the first '[', len when none, -1 when unbalanced). */
int rd_actor_block(rdctx *r, uint32_t actor, const char *s, size_t len);
long rd_actor_blocks(rdctx *r, uint32_t actor, const char *s, size_t len);

/* An agent code "~GOV" / "NGO~" (blanks allowed): 0, or -1 (reported). */
int rd_agent_code(rdctx *r, const char *s, size_t len, const char **code, uint8_t *attach);

/* Actor entry assembly shared by the readers. */
uint32_t db_actor_begin(rdctx *r, const char *phrase, size_t len);
void db_actor_period(rdctx *r, uint32_t actor, const char *code, size_t clen,
                     int32_t from, int32_t to);
void db_actor_end(rdctx *r, uint32_t actor);

/* Pattern assembly: elements go to c->elems from `first`. */
int db_pattern_add(rdctx *r, uint32_t verb, uint32_t first_elem, const char *code,
                   const char *paired, uint8_t code_flags, const char *text, size_t tlen);

#endif
