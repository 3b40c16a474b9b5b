/*
** set.c: freezing a built dictionary set, and every read-only accessor.
**
** Freezing validates (event codes against the codebook), then turns the
** builder's growable state into the indexes the coder reads from many threads:
** payloads grouped by trie node (a counting sort, insertion order kept), a
** bit per node telling whether gap edges leave it, and a character trie over
** the TABARI stems so that dict_token_lexemes costs one step per character of
** the token (and nothing at all when the set has no stems).  Two shortcuts
** serve the coder's hottest lookups: the stems of every word in the table are
** walked once here (a token whose word is known gets them with one read, and
** three tokens in four are known), and the root's children are an array by
** lexeme (every token of every sentence starts a trie walk at the root), and
** each node has a byte saying which classes of lexemes lead on from it, so
** that a walk stepping out of a leaf (most phrases are one or two words long)
** or along a lexeme no child has stops without a probe into the edge table,
** which for a full dictionary set is megabytes and out of cache.  After that
** nothing changes: every function below only reads.
*/
#include "dict/dict_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"
#include "util/hash.h"

void dict_core_free(dict_core *c);

/* ---- freezing ------------------------------------------------------------ */

static int special_code(const char *code)
{
    return !code || !strcmp(code, "---") || !strcmp(code, "###") || !strcmp(code, "+++");
}

typedef struct unknown_code {
    const char *code;
    const char *where;
    long uses;
} unknown_code;

typedef VEC(unknown_code) unknown_vec;

static void check_code(dict_core *c, const char *code, const char *where, unknown_vec *unknown)
{
    if (special_code(code))
        return;
    if (wordtab_lookup(c->code_tab, code, strlen(code)) != WORD_NONE)
        return;
    for (size_t i = 0; i < unknown->len; i++)
        if (unknown->items[i].code == code) {
            unknown->items[i].uses++;
            return;
        }
    unknown_code u = {code, where, 1};
    if (vec_push(unknown, u) != 0)
        c->oom = 1;
}

static void validate_codes(dict_core *c, diag_sink *diags)
{
    if (c->codebook.len == 0)
        return;
    unknown_vec unknown = {0};
    for (size_t i = 0; i < c->verbs.len; i++) {
        check_code(c, c->verbs.items[i].code, c->verbs.items[i].where, &unknown);
        check_code(c, c->verbs.items[i].paired_code, c->verbs.items[i].where, &unknown);
    }
    for (size_t i = 0; i < c->patterns.len; i++) {
        check_code(c, c->patterns.items[i].code, c->patterns.items[i].where, &unknown);
        check_code(c, c->patterns.items[i].paired_code, c->patterns.items[i].where, &unknown);
    }
    for (size_t i = 0; i < unknown.len; i++) {
        const unknown_code *u = &unknown.items[i];
        const char *colon = strrchr(u->where, ':');
        long line = colon ? strtol(colon + 1, NULL, 10) : 0;
        char file[1024];
        snprintf(file, sizeof file, "%.*s", colon ? (int)(colon - u->where) : (int)strlen(u->where),
                 u->where);
        diag_report(diags, DIAG_WARNING, file, line, -1,
                    "event code %s is not in the codebook (used %ld time%s)", u->code, u->uses,
                    u->uses == 1 ? "" : "s");
    }
    vec_free(&unknown);
}

static int payload_equal(const dict_payload *a, const dict_payload *b)
{
    return a->kind == b->kind && a->form == b->form && a->flags == b->flags && a->entry == b->entry;
}

static int index_payloads(dict_core *c)
{
    uint32_t n = c->n_nodes;
    c->pay_start = calloc((size_t)n + 1, sizeof *c->pay_start);
    c->payloads = malloc((c->pending.len ? c->pending.len : 1) * sizeof *c->payloads);
    if (!c->pay_start || !c->payloads)
        return -1;
    for (size_t i = 0; i < c->pending.len; i++)
        c->pay_start[c->pending.items[i].node + 1]++;
    for (uint32_t i = 0; i < n; i++)
        c->pay_start[i + 1] += c->pay_start[i];
    uint32_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, c->pay_start, ((size_t)n + 1) * sizeof *fill);
    for (size_t i = 0; i < c->pending.len; i++) {
        const pending_payload *pp = &c->pending.items[i];
        c->payloads[fill[pp->node]++] = pp->p;
    }
    free(fill);
    /* drop exact duplicates within a node (a listed form equal to a generated one) */
    uint32_t out = 0;
    for (uint32_t node = 0; node < n; node++) {
        uint32_t s = c->pay_start[node], e = c->pay_start[node + 1];
        c->pay_start[node] = out;
        for (uint32_t i = s; i < e; i++) {
            int dup = 0;
            for (uint32_t j = c->pay_start[node]; j < out; j++)
                if (payload_equal(&c->payloads[j], &c->payloads[i]))
                    dup = 1;
            if (!dup)
                c->payloads[out++] = c->payloads[i];
        }
    }
    c->pay_start[n] = out;
    vec_free(&c->pending);
    return 0;
}

/* The class of a lexeme in node_kids: one of 8 bits. */
static inline uint8_t kid_bit(lex_id lex)
{
    return (uint8_t)(1u << ((lex * 0x9E3779B1u) >> 29));
}

/* The word and the two bits of an edge in edge_bloom. */
static inline uint64_t edge_bloom_hash(uint32_t node, lex_id lex)
{
    uint64_t h = (((uint64_t)node << 32) | lex) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

static inline uint64_t edge_bloom_bits(uint64_t h)
{
    return (1ULL << ((h >> 40) & 63)) | (1ULL << ((h >> 52) & 63));
}

/* Three to four edges a word (up to 8 bits of 64): a missing edge passes
   about 1% of the time. */
/* The root's edges are left out: a step from the root along a word id (every
   edge's lexeme is one) reads root_child, and along anything else finds no
   edge, which a filter without them also says. */
static inline int bloom_edge(const dict_core *c, uint32_t node)
{
    uint32_t edge = c->node_lex.items[node];
    return !(edge & 1u) && c->node_parent.items[node] != DICT_TRIE_ROOT; /* gap edges apart */
}

static int index_edge_bloom(dict_core *c)
{
    uint32_t edges = 0, words = 64;
    for (uint32_t node = 1; node < c->n_nodes; node++)
        edges += (uint32_t)bloom_edge(c, node);
    while (words < edges / 4)
        words *= 2;
    c->edge_bloom = calloc(words, sizeof(uint64_t));
    if (!c->edge_bloom)
        return -1;
    c->edge_bloom_mask = words - 1;
    for (uint32_t node = 1; node < c->n_nodes; node++) {
        uint32_t edge = c->node_lex.items[node];
        if (!bloom_edge(c, node))
            continue;
        uint64_t h = edge_bloom_hash(c->node_parent.items[node], edge >> 1);
        c->edge_bloom[h & c->edge_bloom_mask] |= edge_bloom_bits(h);
    }
    return 0;
}

static int index_ends(dict_core *c)
{
    c->node_ends = calloc(((size_t)c->n_nodes + 63) / 64 + 1, sizeof(uint64_t));
    if (!c->node_ends)
        return -1;
    for (uint32_t node = 0; node < c->n_nodes; node++)
        if (c->pay_start[node + 1] > c->pay_start[node])
            c->node_ends[node >> 6] |= 1ULL << (node & 63);
    return 0;
}

static int index_kids(dict_core *c)
{
    c->node_kids = calloc(c->n_nodes ? c->n_nodes : 1, 1);
    if (!c->node_kids)
        return -1;
    for (uint32_t node = 1; node < c->n_nodes; node++) {
        uint32_t edge = c->node_lex.items[node];
        if (!(edge & 1u)) /* a consecutive edge (gap edges are kept apart) */
            c->node_kids[c->node_parent.items[node]] |= kid_bit(edge >> 1);
    }
    return 0;
}

static int index_gaps(dict_core *c)
{
    c->node_gap = calloc(c->n_nodes ? c->n_nodes : 1, 1);
    if (!c->node_gap)
        return -1;
    for (uint32_t node = 1; node < c->n_nodes; node++)
        if (c->node_lex.items[node] & 1u)
            c->node_gap[c->node_parent.items[node]] = 1;
    return 0;
}

#define STEM_PACKED_OTHER 0x80000000u

/* Bits set in x (without -mpopcnt, __builtin_popcount is a library call). */
static inline uint32_t count_bits(uint32_t x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    return (((x + (x >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24;
}

/* The stems that are prefixes of key[0..len), in the order the walk meets
   them (shortest first), at most 64: what dict_token_lexemes reports. */
static size_t stem_walk(const dict_core *c, const char *key, size_t len, lex_id found[64])
{
    size_t k = 0, i;
    if (!len)
        return 0;
    uint32_t at = c->stem_root_at[(unsigned char)key[0]];
    if (at == UINT32_MAX)
        return 0;
    uint32_t l0 = (uint32_t)(unsigned char)key[0] - 'A';
    uint32_t l1 = len >= 2 ? (uint32_t)(unsigned char)key[1] - 'A' : 26;
    if (l0 < 26 && l1 < 26) { /* two letters: the first two steps in one read */
        const struct stem_pair *p = &c->stem_pairs[l0 * 26 + l1];
        if (p->stem1)
            found[k++] = p->stem1;
        if (p->at == UINT32_MAX)
            return k;
        if (p->stem2)
            found[k++] = p->stem2;
        at = p->at;
        i = 2;
    } else {
        if (c->stem_packed[at + 1])
            found[k++] = c->stem_packed[at + 1];
        i = 1;
    }
    for (; i < len; i++) { /* step from `at` along key[i] */
        const uint32_t *n = c->stem_packed + at;
        unsigned char b = (unsigned char)key[i];
        uint32_t letter = (uint32_t)b - 'A';
        if (letter < 26) {
            uint32_t bit = 1u << letter;
            if (!(n[0] & bit))
                break;
            at = n[3 + count_bits(n[0] & (bit - 1))];
        } else if (n[0] & STEM_PACKED_OTHER) {
            uint32_t child = u64map_get(&c->stem_edges, ((uint64_t)n[2] << 8) | b);
            if (child == UINT32_MAX)
                break;
            at = c->stem_packed_at[child];
        } else {
            break;
        }
        if (c->stem_packed[at + 1] && k < 64)
            found[k++] = c->stem_packed[at + 1];
    }
    return k;
}

/* Pack the char trie (see dict_core.stem_packed). */
static int pack_stems(dict_core *c)
{
    uint32_t n = c->n_stem_nodes;
    uint32_t *mask = calloc(n ? n : 1, sizeof *mask);
    c->stem_packed_at = malloc((n ? n : 1) * sizeof *c->stem_packed_at);
    if (!mask || !c->stem_packed_at) {
        free(mask);
        return -1;
    }
    for (uint32_t i = 0; c->stem_edges.mask && i <= c->stem_edges.mask; i++) {
        const u64map_slot *s = &c->stem_edges.slots[i];
        if (s->key == U64MAP_EMPTY)
            continue;
        uint32_t parent = (uint32_t)(s->key >> 8), letter = (uint32_t)(s->key & 255) - 'A';
        mask[parent] |= letter < 26 ? 1u << letter : STEM_PACKED_OTHER;
    }
    size_t total = 0;
    for (uint32_t node = 0; node < n; node++) {
        c->stem_packed_at[node] = (uint32_t)total;
        total += 3 + (size_t)count_bits(mask[node] & ~STEM_PACKED_OTHER);
    }
    c->stem_packed = malloc((total ? total : 1) * sizeof *c->stem_packed);
    if (!c->stem_packed) {
        free(mask);
        return -1;
    }
    for (uint32_t node = 0; node < n; node++) {
        uint32_t *p = c->stem_packed + c->stem_packed_at[node];
        p[0] = mask[node];
        p[1] = c->stem_lex[node];
        p[2] = node;
    }
    for (uint32_t i = 0; c->stem_edges.mask && i <= c->stem_edges.mask; i++) {
        const u64map_slot *s = &c->stem_edges.slots[i];
        if (s->key == U64MAP_EMPTY)
            continue;
        uint32_t parent = (uint32_t)(s->key >> 8), letter = (uint32_t)(s->key & 255) - 'A';
        if (letter >= 26)
            continue;
        uint32_t *p = c->stem_packed + c->stem_packed_at[parent];
        p[3 + count_bits(p[0] & ((1u << letter) - 1))] = c->stem_packed_at[s->val];
    }
    free(mask);
    for (unsigned b = 0; b < 256; b++)
        c->stem_root_at[b] = c->stem_root[b] == UINT32_MAX ? UINT32_MAX
                                                           : c->stem_packed_at[c->stem_root[b]];
    for (uint32_t l0 = 0; l0 < 26; l0++)
        for (uint32_t l1 = 0; l1 < 26; l1++) {
            struct stem_pair *pr = &c->stem_pairs[l0 * 26 + l1];
            pr->at = UINT32_MAX;
            pr->stem1 = pr->stem2 = 0;
            uint32_t at = c->stem_root_at['A' + l0];
            if (at == UINT32_MAX)
                continue;
            const uint32_t *p = c->stem_packed + at;
            pr->stem1 = p[1];
            if (!(p[0] & (1u << l1)))
                continue;
            pr->at = p[3 + count_bits(p[0] & ((1u << l1) - 1))];
            pr->stem2 = c->stem_packed[pr->at + 1];
        }
    return 0;
}

/* Every word's stems, walked once (the set has stems). */
static int index_word_stems(dict_core *c)
{
    uint32_t count = wordtab_count(c->words);
    c->word_stem_start = malloc(((size_t)count + 1) * sizeof *c->word_stem_start);
    if (!c->word_stem_start)
        return -1;
    VEC(lex_id) stems = {0};
    c->word_stem_start[0] = c->word_stem_start[1] = 0;
    for (uint32_t id = 1; id < count; id++) {
        lex_id found[64];
        size_t k = stem_walk(c, wordtab_key(c->words, id), wordtab_key_len(c->words, id), found);
        while (k > 0)
            if (vec_push(&stems, found[--k]) != 0) {
                vec_free(&stems);
                return -1;
            }
        c->word_stem_start[id + 1] = (uint32_t)stems.len;
    }
    c->word_stems = stems.items;
    c->n_stem_words = count;
    return 0;
}

/* The root's consecutive children as an array by lexeme. */
static int index_root(dict_core *c)
{
    uint32_t count = wordtab_count(c->words);
    c->root_child = malloc((size_t)(count ? count : 1) * sizeof *c->root_child);
    if (!c->root_child)
        return -1;
    for (uint32_t i = 0; i < count; i++)
        c->root_child[i] = DICT_TRIE_NONE;
    for (uint32_t i = 0; c->edges.mask && i <= c->edges.mask; i++) {
        const u64map_slot *s = &c->edges.slots[i];
        if (s->key == U64MAP_EMPTY || (s->key >> 32) != DICT_TRIE_ROOT || (s->key & 1u))
            continue;
        uint64_t lex = (s->key & 0xFFFFFFFFu) >> 1;
        if (lex < count)
            c->root_child[lex] = s->val;
    }
    c->n_root = count;
    return 0;
}

static int index_stems(dict_core *c)
{
    uint32_t count = wordtab_count(c->words);
    VEC(uint32_t) stem_lex = {0};
    if (vec_push(&stem_lex, 0) != 0)
        return -1;
    c->n_stems = 0;
    for (uint32_t id = 1; id < count; id++) {
        size_t len = wordtab_key_len(c->words, id);
        const char *key = wordtab_key(c->words, id);
        if (len < 2 || key[len - 1] != '*')
            continue;
        uint32_t node = 0;
        for (size_t i = 0; i + 1 < len; i++) {
            uint64_t k = ((uint64_t)node << 8) | (unsigned char)key[i];
            uint32_t child = u64map_get(&c->stem_edges, k);
            if (child == UINT32_MAX) {
                child = (uint32_t)stem_lex.len;
                if (vec_push(&stem_lex, 0) != 0 || u64map_put(&c->stem_edges, k, child, NULL) != 0) {
                    vec_free(&stem_lex);
                    return -1;
                }
            }
            node = child;
        }
        stem_lex.items[node] = id;
        c->n_stems++;
    }
    c->stem_lex = stem_lex.items;
    c->n_stem_nodes = (uint32_t)stem_lex.len;
    for (unsigned b = 0; b < 256; b++)
        c->stem_root[b] = u64map_get(&c->stem_edges, b);
    if (pack_stems(c) != 0)
        return -1;
    return c->n_stems ? index_word_stems(c) : 0;
}

static int index_codebook(dict_core *c)
{
    c->code_tab = wordtab_new();
    if (!c->code_tab)
        return -1;
    for (size_t i = 0; i < c->codebook.len; i++) {
        const char *code = c->codebook.items[i].code;
        word_id id = wordtab_intern(c->code_tab, code, strlen(code));
        if (id != i + 1)
            return -1; /* codes are unique (the reader merges repeats) */
    }
    wordtab_freeze(c->code_tab);
    return 0;
}

static void make_version(dict_core *c)
{
    uint64_t h = 0x64796164u; /* "dyad" */
    for (size_t i = 0; i < c->files.len; i++)
        h = hash64_seeded(&c->files.items[i].hash, sizeof c->files.items[i].hash, h);
    h = hash64_seeded(&c->n_nodes, sizeof c->n_nodes, h);
    snprintf(c->version, sizeof c->version, "%016llx", (unsigned long long)h);
}

dict_set *dict_builder_freeze(dict_builder *b, diag_sink *diags)
{
    if (!b)
        return NULL;
    dict_set *d = malloc(sizeof *d);
    if (!d) {
        dict_builder_free(b);
        return NULL;
    }
    d->c = b->c;
    vec_free(&b->toks);
    free(b);
    dict_core *c = &d->c;
    if (c->oom || index_codebook(c) != 0) {
        diag_report(diags, DIAG_FATAL, NULL, 0, -1, "out of memory while building dictionaries");
        dict_set_free(d);
        return NULL;
    }
    validate_codes(c, diags);
    if (index_payloads(c) != 0 || index_gaps(c) != 0 || index_stems(c) != 0 ||
        index_root(c) != 0 || index_kids(c) != 0 || index_edge_bloom(c) != 0 || index_ends(c) != 0 ||
        c->oom) {
        diag_report(diags, DIAG_FATAL, NULL, 0, -1, "out of memory while freezing dictionaries");
        dict_set_free(d);
        return NULL;
    }
    make_version(c);
    wordtab_freeze(c->words);
    c->frozen = 1;
    return d;
}

void dict_set_free(dict_set *d)
{
    if (!d)
        return;
    dict_core_free(&d->c);
    free(d);
}

/* ---- the trie and lexemes -------------------------------------------------- */

/* Edge keys pack node << 32 | lex << 1 | gap; word ids stay below 2^31, and
   anything above (DICT_LEX_GAP) must not alias another node's key. */
uint32_t dict_trie_step(const dict_set *d, uint32_t node, lex_id lex)
{
    if (lex >= 0x80000000u)
        return DICT_TRIE_NONE;
    if (node == DICT_TRIE_ROOT && lex < d->c.n_root)
        return d->c.root_child[lex];
    if (d->c.node_kids && node < d->c.n_nodes && !(d->c.node_kids[node] & kid_bit(lex)))
        return DICT_TRIE_NONE; /* no child along any lexeme of this class */
    if (d->c.edge_bloom) {
        uint64_t h = edge_bloom_hash(node, lex), bits = edge_bloom_bits(h);
        if ((d->c.edge_bloom[h & d->c.edge_bloom_mask] & bits) != bits)
            return DICT_TRIE_NONE; /* no such edge */
    }
    return u64map_get(&d->c.edges, ((uint64_t)node << 32) | ((uint64_t)lex << 1));
}

uint32_t dict_trie_step_gap(const dict_set *d, uint32_t node, lex_id lex)
{
    if (!d->c.n_gap_edges || lex >= 0x80000000u)
        return DICT_TRIE_NONE;
    return u64map_get(&d->c.edges, ((uint64_t)node << 32) | ((uint64_t)lex << 1) | 1u);
}

int dict_trie_has_gap(const dict_set *d, uint32_t node)
{
    return node < d->c.n_nodes && d->c.node_gap && d->c.node_gap[node];
}

int dict_trie_ends(const dict_set *d, uint32_t node)
{
    return node < d->c.n_nodes && ((d->c.node_ends[node >> 6] >> (node & 63)) & 1u);
}

int dict_trie_leads_on(const dict_set *d, uint32_t node)
{
    return node == DICT_TRIE_ROOT || !d->c.node_kids || node >= d->c.n_nodes ||
           d->c.node_kids[node] != 0;
}

const dict_payload *dict_trie_payloads(const dict_set *d, uint32_t node, size_t *n)
{
    if (node >= d->c.n_nodes) {
        *n = 0;
        return NULL;
    }
    uint32_t s = d->c.pay_start[node];
    *n = d->c.pay_start[node + 1] - s;
    return *n ? d->c.payloads + s : NULL;
}

size_t dict_token_lexemes(const dict_set *d, const char *key, size_t len, word_id exact,
                          lex_id *out, size_t cap)
{
    size_t n = 0;
    if (exact != WORD_NONE && n < cap)
        out[n++] = exact;
    const dict_core *c = &d->c;
    if (!c->n_stems || n >= cap)
        return n;
    if (exact != WORD_NONE && exact < c->n_stem_words &&
        len == wordtab_key_len(c->words, exact)) { /* key is exact's key: walked at freeze */
        for (uint32_t i = c->word_stem_start[exact]; i < c->word_stem_start[exact + 1] && n < cap; i++)
            out[n++] = c->word_stems[i];
        return n;
    }
    lex_id found[64];
    size_t k = stem_walk(c, key, len, found);
    while (k > 0 && n < cap)
        out[n++] = found[--k];
    return n;
}

int dict_has_stems(const dict_set *d)
{
    return d->c.n_stems != 0;
}

size_t dict_word_lexemes(const dict_set *d, word_id w, lex_id *out, size_t cap)
{
    const dict_core *c = &d->c;
    if (w >= c->n_stem_words || w == WORD_NONE) /* no stems, or not walked */
        return dict_token_lexemes(d, wordtab_key(c->words, w), wordtab_key_len(c->words, w), w,
                                  out, cap);
    size_t n = 0;
    if (n < cap)
        out[n++] = w;
    for (uint32_t i = c->word_stem_start[w]; i < c->word_stem_start[w + 1] && n < cap; i++)
        out[n++] = c->word_stems[i];
    return n;
}

void dict_prefetch_word(const dict_set *d, word_id w)
{
    const dict_core *c = &d->c;
    if (w < c->n_stem_words)
        __builtin_prefetch(&c->word_stem_start[w]);
    if (w < c->n_root)
        __builtin_prefetch(&c->root_child[w]);
}

/* ---- tables ------------------------------------------------------------------- */

const wordtab *dict_words(const dict_set *d) { return d->c.words; }
size_t dict_n_actors(const dict_set *d) { return d->c.actors.len; }
size_t dict_n_agents(const dict_set *d) { return d->c.agents.len; }
size_t dict_n_verbs(const dict_set *d) { return d->c.verbs.len; }
size_t dict_n_patterns(const dict_set *d) { return d->c.patterns.len; }
size_t dict_n_discards(const dict_set *d) { return d->c.discards.len; }
size_t dict_n_sets(const dict_set *d) { return d->c.sets.len; }
size_t dict_n_codes(const dict_set *d) { return d->c.codebook.len; }

const actor_entry *dict_actor(const dict_set *d, uint32_t id)
{
    return id < d->c.actors.len ? &d->c.actors.items[id] : NULL;
}

const code_period *dict_actor_periods(const dict_set *d, const actor_entry *a)
{
    return a && a->n_periods ? d->c.periods.items + a->first_period : NULL;
}

const agent_entry *dict_agent(const dict_set *d, uint32_t id)
{
    return id < d->c.agents.len ? &d->c.agents.items[id] : NULL;
}

const verb_entry *dict_verb(const dict_set *d, uint32_t id)
{
    return id < d->c.verbs.len ? &d->c.verbs.items[id] : NULL;
}

const pattern *dict_pattern(const dict_set *d, uint32_t id)
{
    return id < d->c.patterns.len ? &d->c.patterns.items[id] : NULL;
}

const pattern_elem *dict_pattern_elems(const dict_set *d, const pattern *p)
{
    return p ? d->c.elems.items + p->first_elem : NULL;
}

const discard_entry *dict_discard(const dict_set *d, uint32_t id)
{
    return id < d->c.discards.len ? &d->c.discards.items[id] : NULL;
}

const time_entry *dict_time(const dict_set *d, uint32_t id)
{
    return id < d->c.times.len ? &d->c.times.items[id] : NULL;
}

size_t dict_set_n_members(const dict_set *d, uint32_t set)
{
    return set < d->c.sets.len ? d->c.sets.items[set].n_members : 0;
}

const lex_id *dict_set_member(const dict_set *d, uint32_t set, size_t i, size_t *len)
{
    if (set >= d->c.sets.len || i >= d->c.sets.items[set].n_members) {
        *len = 0;
        return NULL;
    }
    set_member m = d->c.members.items[d->c.sets.items[set].first_member + i];
    *len = m.len;
    return d->c.member_lex.items + m.first;
}

const char *dict_set_name(const dict_set *d, uint32_t set)
{
    return set < d->c.sets.len ? d->c.sets.items[set].name : NULL;
}

static int undated(const code_period *p)
{
    return p->from == DATE_MIN && p->to == DATE_MAX;
}

const char *dict_actor_code(const dict_set *d, const actor_entry *a, int32_t day)
{
    if (!a || a->n_periods == 0)
        return NULL;
    const code_period *p = d->c.periods.items + a->first_period;
    if (day == DATE_UNKNOWN) {
        for (uint32_t i = 0; i < a->n_periods; i++)
            if (undated(&p[i]))
                return p[i].code;
        return p[a->n_periods - 1].code;
    }
    /* periods are stored in resolution order (native: the undated default last) */
    for (uint32_t i = 0; i < a->n_periods; i++)
        if (undated(&p[i]) || (p[i].from <= day && day < p[i].to))
            return p[i].code;
    return NULL;
}

const codebook_entry *dict_codebook(const dict_set *d, const char *code)
{
    if (!code || !d->c.code_tab)
        return NULL;
    word_id id = wordtab_lookup(d->c.code_tab, code, strlen(code));
    return id ? &d->c.codebook.items[id - 1] : NULL;
}

const codebook_entry *dict_codebook_at(const dict_set *d, size_t i)
{
    return i < d->c.codebook.len ? &d->c.codebook.items[i] : NULL;
}

size_t dict_n_option_lines(const dict_set *d) { return d->c.option_lines.len; }

const char *dict_option_line(const dict_set *d, size_t i)
{
    return i < d->c.option_lines.len ? d->c.option_lines.items[i] : NULL;
}

size_t dict_n_written_phrases(const dict_set *d) { return d->c.aliases.len; }

const char *dict_written_phrase(const dict_set *d, size_t i, uint8_t *kind, uint32_t *entry)
{
    if (i >= d->c.aliases.len)
        return NULL;
    const alias *a = &d->c.aliases.items[i];
    if (kind)
        *kind = a->kind;
    if (entry)
        *entry = a->entry;
    return a->text;
}

const char *dict_version(const dict_set *d) { return d->c.version; }
size_t dict_n_files(const dict_set *d) { return d->c.files.len; }

const char *dict_file(const dict_set *d, size_t i)
{
    return i < d->c.files.len ? d->c.files.items[i].name : NULL;
}

#define VBYTES(v) ((v).cap * sizeof *(v).items)

size_t dict_memory(const dict_set *d)
{
    const dict_core *c = &d->c;
    size_t m = sizeof *d + c->mem.bytes_used + wordtab_memory(c->words) +
               wordtab_memory(c->set_names) + (c->code_tab ? wordtab_memory(c->code_tab) : 0);
    m += VBYTES(c->actors) + VBYTES(c->actor_file) + VBYTES(c->periods) + VBYTES(c->agents) +
         VBYTES(c->verbs) + VBYTES(c->patterns) + VBYTES(c->elems) + VBYTES(c->discards) +
         VBYTES(c->times) + VBYTES(c->codebook) + VBYTES(c->pos) + VBYTES(c->sets) +
         VBYTES(c->members) + VBYTES(c->member_lex) + VBYTES(c->aliases) +
         VBYTES(c->option_lines) + VBYTES(c->files) + VBYTES(c->set_by_name) +
         VBYTES(c->code_strs) + VBYTES(c->node_parent) + VBYTES(c->node_lex);
    m += u64map_memory(&c->code_index) + u64map_memory(&c->edges) + u64map_memory(&c->stem_edges);
    m += ((size_t)c->n_nodes + 1) * sizeof(uint32_t) + (size_t)c->n_nodes +
         (size_t)(c->pay_start ? c->pay_start[c->n_nodes] : 0) * sizeof(dict_payload) +
         (size_t)c->n_stem_nodes * sizeof(uint32_t) * 5 + (size_t)c->stem_edges.count * sizeof(uint32_t);
    if (c->n_stem_words)
        m += ((size_t)c->n_stem_words + 1) * sizeof(uint32_t) +
             (size_t)c->word_stem_start[c->n_stem_words] * sizeof(lex_id);
    m += (size_t)c->n_root * sizeof(uint32_t) + (c->node_kids ? (size_t)c->n_nodes : 0);
    m += c->edge_bloom ? ((size_t)c->edge_bloom_mask + 1) * sizeof(uint64_t) : 0;
    m += c->node_ends ? ((size_t)c->n_nodes + 63) / 64 * sizeof(uint64_t) : 0;
    return m;
}
