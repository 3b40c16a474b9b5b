/*
** builder.c: building a dictionary set, the primitives every reader uses.
**
** A reader cuts a line into phrase words and codes; the functions here turn
** them into the model: lexemes interned in the word table, nodes of the phrase
** trie with payloads, entries in dense tables, strings in one arena.  Nothing
** is allocated per line: tables grow by doubling, strings are bump-allocated,
** and a phrase's lexemes live in a fixed-size lexseq on the reader's stack.
*/
#include "dict/dict_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"
#include "util/hash.h"

#define ARENA_BLOCK (1u << 20)

dict_builder *dict_builder_new(void)
{
    dict_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    dict_core *c = &b->c;
    arena_init(&c->mem, ARENA_BLOCK);
    c->words = wordtab_new();
    c->set_names = wordtab_new();
    if (!c->words || !c->set_names || vec_push(&c->node_parent, DICT_TRIE_NONE) != 0 ||
        vec_push(&c->node_lex, 0) != 0) {
        dict_builder_free(b);
        return NULL;
    }
    c->n_nodes = 1;
    return b;
}

void dict_core_free(dict_core *c);

void dict_core_free(dict_core *c)
{
    arena_free(&c->mem);
    wordtab_free(c->words);
    wordtab_free(c->set_names);
    wordtab_free(c->code_tab);
    vec_free(&c->actors);
    vec_free(&c->actor_file);
    vec_free(&c->periods);
    vec_free(&c->agents);
    vec_free(&c->verbs);
    vec_free(&c->patterns);
    vec_free(&c->elems);
    vec_free(&c->discards);
    vec_free(&c->times);
    vec_free(&c->codebook);
    vec_free(&c->pos);
    vec_free(&c->sets);
    vec_free(&c->members);
    vec_free(&c->member_lex);
    vec_free(&c->aliases);
    vec_free(&c->option_lines);
    vec_free(&c->files);
    vec_free(&c->set_by_name);
    vec_free(&c->code_strs);
    vec_free(&c->node_parent);
    vec_free(&c->node_lex);
    vec_free(&c->pending);
    u64map_free(&c->code_index);
    u64map_free(&c->edges);
    u64map_free(&c->stem_edges);
    free(c->pay_start);
    free(c->payloads);
    free(c->node_gap);
    free(c->stem_lex);
    free(c->stem_packed);
    free(c->stem_packed_at);
    free(c->word_stem_start);
    free(c->word_stems);
    free(c->root_child);
    free(c->node_kids);
    free(c->edge_bloom);
    free(c->node_ends);
}

void dict_builder_free(dict_builder *b)
{
    if (!b)
        return;
    dict_core_free(&b->c);
    vec_free(&b->toks);
    free(b);
}

word_id dict_builder_word(dict_builder *b, const char *word)
{
    if (!b || !word)
        return WORD_NONE;
    return db_intern(&b->c, word, strlen(word), 0);
}

/* ---- strings ------------------------------------------------------------ */

char *db_strndup(dict_core *c, const char *s, size_t len)
{
    char *p = arena_strndup(&c->mem, s, len);
    if (!p)
        c->oom = 1;
    return p;
}

const char *db_code(dict_core *c, const char *s, size_t len)
{
    uint64_t h = hash64(s, len);
    if (h == U64MAP_EMPTY)
        h--;
    uint32_t idx = u64map_get(&c->code_index, h);
    if (idx != UINT32_MAX) {
        const char *k = c->code_strs.items[idx];
        if (strlen(k) == len && memcmp(k, s, len) == 0)
            return k;
        return db_strndup(c, s, len); /* a 64-bit collision: keep a private copy */
    }
    char *copy = db_strndup(c, s, len);
    if (!copy)
        return NULL;
    uint32_t at = (uint32_t)c->code_strs.len;
    if (vec_push(&c->code_strs, copy) != 0 || u64map_put(&c->code_index, h, at, NULL) != 0)
        c->oom = 1;
    return copy;
}

/* ---- diagnostics -------------------------------------------------------- */

const char *rd_where(rdctx *r)
{
    /* ":LINE" by hand: every entry of a big set is given one (snprintf was
       7% of the instructions of loading the TABARI set) */
    char digits[24], buf[32];
    size_t nd = 0;
    unsigned long line = r->line > 0 ? (unsigned long)r->line : 0;
    do
        digits[nd++] = (char)('0' + line % 10);
    while ((line /= 10) != 0);
    int n = 0;
    buf[n++] = ':';
    while (nd)
        buf[n++] = digits[--nd];
    buf[n] = '\0';
    size_t nl = strlen(r->name);
    char *w = arena_alloc(&r->c->mem, nl + (size_t)n + 1);
    if (!w) {
        r->c->oom = 1;
        return r->name;
    }
    memcpy(w, r->name, nl);
    memcpy(w + nl, buf, (size_t)n + 1);
    return w;
}

void rd_problem(rdctx *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (r->st)
        r->st->problems++;
    diag_vreport(r->diags, DIAG_WARNING, r->name, r->line, -1, fmt, ap);
    va_end(ap);
}

void rd_note(rdctx *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(r->diags, DIAG_NOTE, r->name, r->line, -1, fmt, ap);
    va_end(ap);
}

void rd_unsupported(rdctx *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (r->st)
        r->st->unsupported++;
    diag_vreport(r->diags, DIAG_NOTE, r->name, r->line, -1, fmt, ap);
    va_end(ap);
}

/* ---- words and phrases ---------------------------------------------------- */

lex_id db_intern(dict_core *c, const char *s, size_t len, int stem)
{
    char key[256];
    size_t n = wordtab_fold(s, len, key, sizeof key - 1);
    if (n == 0 || n >= sizeof key - 1)
        return WORD_NONE;
    if (stem)
        key[n++] = '*';
    word_id id = wordtab_intern(c->words, key, n);
    if (id == WORD_NONE)
        c->oom = 1;
    return id;
}

int db_phrase_lex(rdctx *r, const phrase_word *w, size_t n, lexseq *out)
{
    out->n = 0;
    out->gapped = 0;
    word_piece pieces[DICT_MAX_PHRASE];
    size_t np = dict_pieces(r->b, w, n, pieces, DICT_MAX_PHRASE);
    if (np == SIZE_MAX) {
        rd_problem(r, "phrase longer than %d words", DICT_MAX_PHRASE);
        return -1;
    }
    for (size_t k = 0; k < np; k++) {
        const word_piece *p = &pieces[k];
        const phrase_word *pw = &w[p->word];
        int first_of_word = k == 0 || pieces[k - 1].word != p->word;
        int last_of_word = k + 1 == np || pieces[k + 1].word != p->word;
        int stem = pw->stem && last_of_word && p->is_word;
        lex_id lex = db_intern(r->c, p->s, p->len, stem);
        if (lex == WORD_NONE) {
            rd_problem(r, "word '%.*s' is too long", (int)pw->len, pw->s);
            return -1;
        }
        uint8_t gap = (first_of_word && out->n > 0) ? pw->gap_before : 0;
        out->lex[out->n] = lex;
        out->gap[out->n] = gap;
        out->word_of[out->n] = p->word;
        out->gapped |= gap;
        out->n++;
    }
    if (out->n == 0) {
        rd_problem(r, "empty phrase");
        return -1;
    }
    return 0;
}

uint32_t db_trie_add(dict_core *c, const lexseq *seq)
{
    uint32_t node = DICT_TRIE_ROOT;
    for (uint32_t i = 0; i < seq->n; i++) {
        uint64_t label = ((uint64_t)seq->lex[i] << 1) | (i > 0 && seq->gap[i] ? 1u : 0u);
        uint64_t key = ((uint64_t)node << 32) | label;
        uint32_t child = u64map_get(&c->edges, key);
        if (child == UINT32_MAX) {
            child = c->n_nodes;
            if (vec_push(&c->node_parent, node) != 0 ||
                vec_push(&c->node_lex, (uint32_t)label) != 0 ||
                u64map_put(&c->edges, key, child, NULL) != 0) {
                c->oom = 1;
                return DICT_TRIE_NONE;
            }
            c->n_nodes++;
            if (label & 1u)
                c->n_gap_edges++;
        }
        node = child;
    }
    return node;
}

void db_trie_payload(dict_core *c, uint32_t node, uint8_t kind, uint8_t form,
                     uint16_t flags, uint32_t entry)
{
    if (node == DICT_TRIE_NONE)
        return;
    pending_payload p = {node, {kind, form, flags, entry}};
    if (vec_push(&c->pending, p) != 0)
        c->oom = 1;
}

void db_alias(dict_core *c, const char *text, size_t len, uint8_t kind, uint32_t entry,
              uint32_t node, uint8_t flags)
{
    alias a = {db_strndup(c, text, len), entry, node, kind, flags};
    if (a.text && vec_push(&c->aliases, a) != 0)
        c->oom = 1;
}

/* ---- phrase sets ------------------------------------------------------------ */

uint32_t db_set_new(rdctx *r, const char *name, size_t len)
{
    dict_core *c = r->c;
    phrase_set s = {db_strndup(c, name, len), rd_where(r), (uint32_t)c->members.len, 0};
    if (vec_push(&c->sets, s) != 0) {
        c->oom = 1;
        return UINT32_MAX;
    }
    return (uint32_t)c->sets.len - 1;
}

int db_set_bind_name(dict_core *c, uint32_t set, const char *name, size_t len)
{
    /* PETRARCH labels may end with _ (&AUXVERB1_: no plurals); patterns write
       them with or without it */
    if (len > 2 && name[len - 1] == '_' && db_set_bind_name(c, set, name, len - 1) != 0)
        return -1;
    char key[256];
    size_t n = wordtab_fold(name, len, key, sizeof key);
    if (n == 0 || n > sizeof key)
        return -1;
    word_id id = wordtab_intern(c->set_names, key, n);
    if (id == WORD_NONE)
        return -1;
    while (c->set_by_name.len <= id)
        if (vec_push(&c->set_by_name, 0) != 0)
            return -1;
    c->set_by_name.items[id] = set + 1;
    return 0;
}

uint32_t db_set_find(const dict_core *c, const char *name, size_t len)
{
    char key[256];
    size_t n = wordtab_fold(name, len, key, sizeof key);
    if (n == 0 || n > sizeof key)
        return UINT32_MAX;
    word_id id = wordtab_lookup(c->set_names, key, n);
    if (id == WORD_NONE || id >= c->set_by_name.len || !c->set_by_name.items[id])
        return UINT32_MAX;
    return c->set_by_name.items[id] - 1;
}

int db_set_add_member(dict_core *c, uint32_t set, const lexseq *seq)
{
    set_member m = {(uint32_t)c->member_lex.len, 0};
    for (uint32_t i = 0; i < seq->n; i++) {
        if (i > 0 && seq->gap[i]) {
            if (vec_push(&c->member_lex, DICT_LEX_GAP) != 0)
                goto oom;
            m.len++;
        }
        if (vec_push(&c->member_lex, seq->lex[i]) != 0)
            goto oom;
        m.len++;
    }
    if (vec_push(&c->members, m) != 0)
        goto oom;
    c->sets.items[set].n_members++;
    return 0;
oom:
    c->oom = 1;
    return -1;
}

int db_set_add_members_of(dict_core *c, uint32_t set, uint32_t from)
{
    phrase_set src = c->sets.items[from];
    size_t need = 0;
    for (uint32_t i = 0; i < src.n_members; i++)
        need += c->members.items[src.first_member + i].len;
    if (vec_reserve(&c->member_lex, c->member_lex.len + need) != 0 ||
        vec_reserve(&c->members, c->members.len + src.n_members) != 0) {
        c->oom = 1;
        return -1;
    }
    for (uint32_t i = 0; i < src.n_members; i++) {
        set_member m = c->members.items[src.first_member + i];
        set_member copy = {(uint32_t)c->member_lex.len, m.len};
        for (uint32_t k = 0; k < m.len; k++)
            c->member_lex.items[c->member_lex.len++] = c->member_lex.items[m.first + k];
        c->members.items[c->members.len++] = copy;
        c->sets.items[set].n_members++;
    }
    return 0;
}

/* ---- actors ----------------------------------------------------------------- */

uint32_t db_actor_begin(rdctx *r, const char *phrase, size_t len)
{
    dict_core *c = r->c;
    actor_entry a = {db_strndup(c, phrase, len), rd_where(r), (uint32_t)c->periods.len, 0};
    if (vec_push(&c->actors, a) != 0 || vec_push(&c->actor_file, r->file_index) != 0) {
        c->oom = 1;
        return UINT32_MAX;
    }
    return (uint32_t)c->actors.len - 1;
}

void db_actor_period(rdctx *r, uint32_t actor, const char *code, size_t clen,
                     int32_t from, int32_t to)
{
    dict_core *c = r->c;
    if (actor == UINT32_MAX || actor + 1 != c->actors.len)
        return;
    code_period p = {db_code(c, code, clen), from, to};
    if (!p.code || vec_push(&c->periods, p) != 0) {
        c->oom = 1;
        return;
    }
    c->actors.items[actor].n_periods++;
}

static int undated(const code_period *p)
{
    return p->from == DATE_MIN && p->to == DATE_MAX;
}

void db_actor_end(rdctx *r, uint32_t actor)
{
    dict_core *c = r->c;
    if (actor == UINT32_MAX || actor >= c->actors.len)
        return;
    actor_entry *a = &c->actors.items[actor];
    code_period *p = c->periods.items + a->first_period;
    if (r->dialect == DIALECT_NATIVE && a->n_periods > 1) {
        /* native: dated periods first, the undated default last (stable) */
        code_period tmp[64];
        size_t n = a->n_periods < 64 ? a->n_periods : 64, k = 0;
        for (size_t i = 0; i < n; i++)
            if (!undated(&p[i]))
                tmp[k++] = p[i];
        for (size_t i = 0; i < n; i++)
            if (undated(&p[i]))
                tmp[k++] = p[i];
        memcpy(p, tmp, n * sizeof *p);
    } else if (r->dialect == DIALECT_TABARI && a->n_periods == 1 && !undated(p)) {
        /* TABARI: a solitary dated code gets [---] as its default */
        db_actor_period(r, actor, "---", 3, DATE_MIN, DATE_MAX);
    }
}

/* ---- patterns ----------------------------------------------------------------- */

int db_pattern_add(rdctx *r, uint32_t verb, uint32_t first_elem, const char *code,
                   const char *paired, uint8_t code_flags, const char *text, size_t tlen)
{
    dict_core *c = r->c;
    uint32_t n = (uint32_t)c->elems.len - first_elem;
    uint32_t verb_elem = UINT32_MAX, n_verbs = 0, n_lit = 0;
    for (uint32_t i = 0; i < n; i++) {
        const pattern_elem *e = &c->elems.items[first_elem + i];
        if (e->kind == PAT_VERB) {
            verb_elem = i;
            n_verbs++;
        } else if (e->kind == PAT_WORD || e->kind == PAT_SET) {
            n_lit++;
        }
    }
    if (n_verbs != 1) {
        rd_problem(r, n_verbs ? "pattern has more than one '*'" : "pattern has no '*' (the verb)");
        c->elems.len = first_elem;
        return -1;
    }
    pattern p = {verb, first_elem, n, verb_elem, code, paired,
                 db_strndup(c, text, tlen), rd_where(r),
                 (uint16_t)(n_lit > UINT16_MAX ? UINT16_MAX : n_lit), 0, code_flags};
    if (vec_push(&c->patterns, p) != 0) {
        c->oom = 1;
        return -1;
    }
    return 0;
}
