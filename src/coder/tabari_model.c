/*
** tabari_model.c: TABARI's view of a dictionary set.
**
** TABARI matches words through "literals": every word written in a dictionary
** is one, and a word of text carries the list of literals that are prefixes of
** it.  Each phrase (an actor, agent, verb, noun, time phrase, pattern, synset
** member) is a sequence of literals, each followed by a connector that says
** whether a partial match is enough and whether other words may come between.
** Roots (actors, agents, verbs, ...) are found in text through the literal
** their phrase starts with.
**
** The model is built from the phrases as the dictionary files wrote them (the
** dictionary set keeps them: dict_written_phrase), read with TABARI's own
** rules: upper case, a hyphen inside a phrase is an underscore, blanks around
** { | }, and the connector grammar of TABARI's phrase store.  Patterns are kept
** per verb longest first (characters, alternatives at their longest), which
** is the order TABARI tries them in.  Synset members come from the set's
** members; a member is a phrase of its own, so that "PESO_$" binds the source.
**
** Roots that repeat a phrase already stored are dropped, as TABARI's reader
** drops them, and the built-in roots TABARI's parser relies on (determiners,
** conjunctions, pronouns, auxiliaries, BY, IN, OF, FORMER) come first.
*/
#include "coder/tabari.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024u)

/* ---- literals ------------------------------------------------------------ */

static uint32_t hash_str(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

uint32_t tb_lit_find(const tb_model *m, const char *s, size_t len)
{
    if (!m->lit_mask)
        return UINT32_MAX;
    for (uint32_t i = hash_str(s, len) & m->lit_mask;; i = (i + 1) & m->lit_mask) {
        uint32_t v = m->lit_slots[i];
        if (!v)
            return UINT32_MAX;
        if (m->lit_len.items[v - 1] == len && !memcmp(m->lit.items[v - 1], s, len))
            return v - 1;
    }
}

static int lit_grow(tb_model *m)
{
    uint32_t cap = m->lit_mask ? (m->lit_mask + 1) * 2 : 1024;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < m->lit.len; k++) {
        uint32_t i = hash_str(m->lit.items[k], m->lit_len.items[k]) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)k + 1;
    }
    free(m->lit_slots);
    m->lit_slots = slots;
    m->lit_mask = cap - 1;
    return 0;
}

static uint32_t lit_intern(tb_model *m, const char *s, size_t len)
{
    uint32_t id = tb_lit_find(m, s, len);
    if (id != UINT32_MAX)
        return id;
    if ((m->lit.len + 1) * 2 > (size_t)m->lit_mask + 1 && lit_grow(m) != 0)
        return UINT32_MAX;
    char *copy = arena_strndup(&m->mem, s, len);
    if (!copy || vec_push(&m->lit, (const char *)copy) != 0 ||
        vec_push(&m->lit_len, (uint16_t)len) != 0)
        return UINT32_MAX;
    id = (uint32_t)m->lit.len - 1;
    uint32_t i = hash_str(s, len) & m->lit_mask;
    while (m->lit_slots[i])
        i = (i + 1) & m->lit_mask;
    m->lit_slots[i] = id + 1;
    return id;
}

/* ---- phrases as TABARI stores them ------------------------------------- */

/* TABARI's input line rules: upper case, inner hyphens become underscores,
   and { | } are set off by blanks (keeping _{ and }_ joined). */
static size_t normalise(const char *s, size_t len, int in_pattern, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < cap; i++) {
        char ch = (char)toupper((unsigned char)s[i]);
        if (ch == '-' && (in_pattern || i > 0))
            ch = '_';
        if (ch == '{' || ch == '|' || ch == '}') {
            char prev = n ? out[n - 1] : ' ';
            char next = i + 1 < len ? s[i + 1] : ' ';
            if (prev != ' ' || next != ' ') {
                if (ch == '{' && prev == '_') {
                    out[n++] = '{';
                    out[n++] = ' ';
                } else if (ch == '}' && next == '_') {
                    out[n++] = ' ';
                    out[n++] = '}';
                } else {
                    out[n++] = ' ';
                    out[n++] = ch;
                    out[n++] = ' ';
                }
                continue;
            }
        }
        out[n++] = ch;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

static int special_kind(const char *w, size_t len)
{
    if (len != 1)
        return -1;
    switch (w[0]) {
    case '*': return TE_VERB;
    case '$': return TE_SOURCE;
    case '+': return TE_TARGET;
    case '@': return TE_ATTRIB;
    case '%': return TE_COMPOUND;
    case '^': return TE_SKIP;
    case '{': return TE_OPEN;
    case '|': return TE_OR;
    case '}': return TE_CLOSE;
    default: return -1;
    }
}

/* A synset by name; a PETRARCH label may keep a trailing _ (&PREPOSIT1_ is
   used as &PREPOSIT1). */
static uint32_t find_synset(const tb_model *m, const char *s, size_t len)
{
    for (size_t k = 0; k < m->synsets.len; k++) {
        const char *n = m->synsets.items[k].name;
        size_t nl = strlen(n);
        if (nl > len + 1 || memcmp(n, s, len < nl ? len : nl))
            continue;
        if (nl == len || (nl == len + 1 && n[len] == '_'))
            return (uint32_t)k;
    }
    return UINT32_MAX;
}

static int push_elem(tb_model *m, uint8_t kind, uint16_t conn, uint32_t arg)
{
    tb_elem e = {kind, conn, arg};
    return vec_push(&m->elems, e);
}

/* The phrase store: words end at a blank or a connector (_ ~ =); the
   connector after each word becomes its elem.conn. */
static uint32_t store_normalised(tb_model *m, const char *s, int in_pattern)
{
    size_t first = m->elems.len;
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && !strchr(" _~=", *e))
            e++;
        size_t wl = (size_t)(e - p);
        uint16_t conn = TB_CONN_PARTSKIP;
        int last = !*e;
        const char *next = e;
        if (!last) {
            if (*e == ' ') {
                conn = TB_CONN_PARTSKIP;
            } else if (*e == '=') {
                conn = TB_CONN_EQUAL;
            } else if (*e == '~') {
                conn = TB_CONN_PARTNEXT;
                if (e[1])
                    next++; /* TABARI skips the '_' of "~_" */
            } else if (e[1] == ' ') {
                conn = TB_CONN_FULLSKIP;
                next++;
            } else {
                conn = TB_CONN_FULLNEXT;
            }
            next++;
        }
        if (wl == 0) { /* a connector with no word before it */
            p = next;
            if (last)
                break;
            continue;
        }
        int sk = in_pattern ? special_kind(p, wl) : -1;
        int rc;
        if (p[0] == '&' && in_pattern) {
            uint32_t set = find_synset(m, p, wl);
            if (set == UINT32_MAX)
                goto reject; /* TABARI: undeclared &synset designator */
            uint16_t sconn = (last || *e == ' ') ? (TB_CONN_SKIP | 0x2u) : (TB_CONN_PART | 0x2u);
            rc = push_elem(m, TE_SYNSET, sconn, set);
        } else if (sk >= 0) {
            rc = push_elem(m, (uint8_t)sk, conn, 0);
        } else {
            uint32_t lit = lit_intern(m, p, wl);
            if (lit == UINT32_MAX)
                goto reject;
            rc = push_elem(m, TE_LIT, conn, lit);
        }
        if (rc != 0)
            goto reject;
        if (last)
            break;
        p = next;
    }
    if (m->elems.len == first)
        return UINT32_MAX;
    if (push_elem(m, TE_END, 0, 0) != 0)
        goto reject;
    return (uint32_t)first;
reject:
    m->elems.len = first;
    return UINT32_MAX;
}

uint32_t tb_store_phrase(tb_model *m, const char *s, size_t len, int in_pattern)
{
    char buf[1024];
    if (len > 300)
        return UINT32_MAX;
    normalise(s, len, in_pattern, buf, sizeof buf);
    return store_normalised(m, buf, in_pattern);
}

/* TABARI's pattern length: letters, digits, underscores and apostrophes,
   alternatives counted at their longest (maxalt). */
static void pattern_length(const char *s, int *len, int *maxalt)
{
    int l = 0, alt = 0;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '_' || ch == '\'')
            l++;
        if (!isspace(ch) && !ispunct(ch)) {
            l++;
        } else if (ch == '{') {
            int best = 0;
            while (*p && *p != '}') {
                p++;
                int t = 0;
                while (*p && *p != '|' && *p != '}') {
                    unsigned char c2 = (unsigned char)*p;
                    if (c2 == '_' || c2 == '\'')
                        t++;
                    if (!isspace(c2) && !ispunct(c2))
                        t++;
                    p++;
                }
                if (t > best)
                    best = t;
            }
            alt += best;
            if (!*p)
                break;
        }
    }
    *len = l + alt;
    *maxalt = alt;
}

/* Codes as written between [ ]: "042", "032:033", "031!", "023?". */
static const char *code_part(tb_model *m, const char *s, size_t len, uint8_t *flags)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *flags = 0;
    char buf[64];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < sizeof buf; i++) {
        if (s[i] == '?')
            *flags |= DICT_CODE_SUBORDINATE;
        else if (s[i] == '!')
            *flags |= DICT_CODE_DOMINANT;
        else if (s[i] != ' ')
            buf[n++] = s[i];
    }
    if (n == 0 || (n == 3 && !memcmp(buf, "---", 3)))
        return NULL;
    return arena_strndup(&m->mem, buf, n);
}

static void parse_code(tb_model *m, const char *code, size_t len, tb_pattern *p)
{
    const char *colon = memchr(code, ':', len);
    size_t l1 = colon ? (size_t)(colon - code) : len;
    p->code = code_part(m, code, l1, &p->code_flags);
    p->paired = colon ? code_part(m, colon + 1, len - l1 - 1, &p->paired_flags) : NULL;
}

/* ---- roots ----------------------------------------------------------------- */

typedef struct builder {
    tb_model *m;
    VEC(uint32_t) lit_head;     /* per literal: first root + 1 */
    VEC(uint32_t) lit_tail;
    VEC(uint32_t) root_next;    /* per root: next root with the same first literal + 1 */
} builder;

static int same_phrase(const tb_model *m, uint32_t a, uint32_t b)
{
    for (;; a++, b++) {
        const tb_elem *x = &m->elems.items[a], *y = &m->elems.items[b];
        if (x->kind != y->kind || x->conn != y->conn || x->arg != y->arg)
            return 0;
        if (x->kind == TE_END)
            return 1;
    }
}

/* Add a root for phrase (already stored); -1 on OOM, 1 when it repeats an
   existing phrase (dropped, as TABARI drops duplicates). */
static int add_root(builder *b, uint32_t phrase, uint8_t wtype, uint8_t special, uint32_t entry,
                    int check_dup)
{
    tb_model *m = b->m;
    const tb_elem *e0 = &m->elems.items[phrase];
    if (e0->kind != TE_LIT)
        return 1;
    uint32_t lit = e0->arg;
    while (b->lit_head.len < m->lit.len) {
        if (vec_push(&b->lit_head, 0u) != 0 || vec_push(&b->lit_tail, 0u) != 0)
            return -1;
    }
    if (check_dup) {
        for (uint32_t r = b->lit_head.items[lit]; r; r = b->root_next.items[r - 1])
            if (same_phrase(m, m->roots.items[r - 1].phrase, phrase))
                return 1;
    }
    tb_root root = {phrase, entry, wtype, special, 0};
    if (vec_push(&m->roots, root) != 0 || vec_push(&b->root_next, 0u) != 0)
        return -1;
    uint32_t id = (uint32_t)m->roots.len;
    if (b->lit_tail.items[lit])
        b->root_next.items[b->lit_tail.items[lit] - 1] = id;
    else
        b->lit_head.items[lit] = id;
    b->lit_tail.items[lit] = id;
    return 0;
}

static int add_builtin(builder *b, const char *phrase, uint8_t wtype, uint8_t special)
{
    uint32_t ph = tb_store_phrase(b->m, phrase, strlen(phrase), 0);
    if (ph == UINT32_MAX)
        return -1;
    return add_root(b, ph, wtype, special, 0, 0) < 0 ? -1 : 0;
}

static int add_builtins(builder *b)
{
    static const struct { const char *p; uint8_t w, s; } bi[] = {
        {"A_", TW_DETERM, 0}, {"AN_", TW_DETERM, 0}, {"THE_", TW_DETERM, 0},
        {"AND_", TW_CONJ, TRS_AND}, {"NOR_", TW_CONJ, TRS_NOR},
        {"BUT_", TW_CONJ, 0}, {"OR_", TW_CONJ, 0},
        {"IN_", TW_PREP, 0}, {"OF_", TW_PREP, 0},
        {"HE_", TW_PRONOUN, TRS_SINGULAR}, {"HIM_", TW_PRONOUN, TRS_SINGULAR},
        {"SHE_", TW_PRONOUN, TRS_SINGULAR}, {"HER_", TW_PRONOUN, TRS_SINGULAR},
        {"IT_", TW_PRONOUN, TRS_SINGULAR},
        {"THEM_", TW_PRONOUN, TRS_PLURAL}, {"THEIR_", TW_PRONOUN, TRS_PLURAL},
        {"THEY_", TW_PRONOUN, TRS_PLURAL},
        {"WERE_", TW_AUXIL, 0}, {"WAS_", TW_AUXIL, 0}, {"BEEN_", TW_AUXIL, 0},
        {"BY_", TW_BYWORD, 0}, {"FORMER_", TW_ADJCTV, TRS_FORMER},
    };
    for (size_t i = 0; i < sizeof bi / sizeof bi[0]; i++)
        if (add_builtin(b, bi[i].p, bi[i].w, bi[i].s) != 0)
            return -1;
    b->m->lit_and = tb_lit_find(b->m, "AND", 3);
    b->m->lit_nor = tb_lit_find(b->m, "NOR", 3);
    b->m->lit_the = tb_lit_find(b->m, "THE", 3);
    b->m->n_builtin_roots = (uint32_t)b->m->roots.len;
    return 0;
}

/* ---- synsets ---------------------------------------------------------------- */

/* Longest first; equal lengths keep the written order (TABARI inserts each
   pattern after every pattern at least as long). */
static void sort_by_length(tb_pattern *ps, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        tb_pattern x = ps[i];
        uint32_t j = i;
        while (j > 0 && ps[j - 1].length < x.length) {
            ps[j] = ps[j - 1];
            j--;
        }
        ps[j] = x;
    }
}

/* A token the text tokenizer splits off a word: 's, n't. */
static int clitic(const char *w)
{
    return w[0] == '\'' || !strncmp(w, "N'T", 3);
}

/* A member as TABARI wrote it, from the set's lexemes: a stem is a word
   without `_`, and a gap is a blank.  Clitics go back on their word (TABARI's
   text filter keeps DIDN'T whole). */
static size_t member_text(const dict_set *d, const lex_id *lx, size_t n, char *out, size_t cap)
{
    const wordtab *wt = dict_words(d);
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        if (lx[k] == DICT_LEX_GAP)
            continue;
        const char *w = wordtab_key(wt, lx[k]);
        size_t wl = strlen(w);
        int stem = wl > 1 && w[wl - 1] == '*';
        if (stem)
            wl--;
        size_t j = k + 1;
        int gap = 0;
        while (j < n && lx[j] == DICT_LEX_GAP)
            gap = 1, j++;
        int last = j >= n;
        if (!last && !gap && clitic(wordtab_key(wt, lx[j]))) {
            if (o + wl + 1 >= cap)
                return 0;
            memcpy(out + o, w, wl);
            o += wl;
            continue; /* the clitic follows with no connector */
        }
        const char *conn = stem ? (last || gap ? " " : "~_") : (gap ? "_ " : "_");
        size_t cl = strlen(conn);
        if (o + wl + cl + 1 >= cap)
            return 0;
        memcpy(out + o, w, wl);
        o += wl;
        memcpy(out + o, conn, cl);
        o += cl;
    }
    out[o] = '\0';
    return o;
}

static int add_synsets(tb_model *m)
{
    const dict_set *d = m->dict;
    /* names first, so that members can refer to earlier sets */
    for (size_t s = 0; s < dict_n_sets(d); s++) {
        const char *name = dict_set_name(d, (uint32_t)s);
        if (!name || name[0] != '&')
            continue;
        tb_synset sy = {name, 0, 0};
        if (find_synset(m, name, strlen(name)) != UINT32_MAX)
            continue; /* TABARI keeps the first definition */
        if (vec_push(&m->synsets, sy) != 0)
            return -1;
    }
    for (size_t k = 0; k < m->synsets.len; k++) {
        tb_synset *sy = &m->synsets.items[k];
        uint32_t set = UINT32_MAX;
        for (size_t s = 0; s < dict_n_sets(d); s++)
            if (dict_set_name(d, (uint32_t)s) == sy->name)
                set = (uint32_t)s;
        sy->first = (uint32_t)m->members.len;
        for (size_t i = 0; set != UINT32_MAX && i < dict_set_n_members(d, set); i++) {
            size_t n;
            const lex_id *lx = dict_set_member(d, set, i, &n);
            char text[512];
            size_t tl = member_text(d, lx, n, text, sizeof text);
            if (!tl)
                continue;
            uint32_t ph = tb_store_phrase(m, text, tl, 1);
            if (ph == UINT32_MAX)
                continue;
            tb_pattern p = {0};
            p.phrase = ph;
            char norm[1024];
            normalise(text, tl, 1, norm, sizeof norm);
            int len, alt;
            pattern_length(norm, &len, &alt);
            p.length = (int16_t)len;
            p.maxalt = (int16_t)alt;
            p.text = arena_strdup(&m->mem, text);
            if (!p.text || vec_push(&m->members, p) != 0)
                return -1;
        }
        sy = &m->synsets.items[k];
        sy->n = (uint32_t)m->members.len - sy->first;
        sort_by_length(m->members.items + sy->first, sy->n);
    }
    return 0;
}

/* The literals a verb pattern needs (see tb_pattern): those outside { | },
   the longest first (long words are the rare ones); none when the braces do
   not balance. */
static void pattern_needs(const tb_model *m, tb_pattern *p)
{
    uint32_t need[TB_PAT_NEED];
    unsigned n = 0;
    int depth = 0;
    p->n_need = 0;
    for (uint32_t i = p->phrase; i < m->elems.len && m->elems.items[i].kind != TE_END; i++) {
        const tb_elem *e = &m->elems.items[i];
        if (e->kind == TE_OPEN)
            depth++;
        else if (e->kind == TE_CLOSE && --depth < 0)
            return;
        if (e->kind != TE_LIT || depth != 0)
            continue;
        int dup = 0;
        for (unsigned k = 0; k < n; k++)
            dup |= need[k] == e->arg;
        if (dup)
            continue;
        unsigned at = n < TB_PAT_NEED ? n++ : TB_PAT_NEED; /* insertion by length */
        while (at > 0 && m->lit_len.items[need[at - 1]] < m->lit_len.items[e->arg]) {
            if (at < TB_PAT_NEED)
                need[at] = need[at - 1];
            at--;
        }
        if (at < TB_PAT_NEED)
            need[at] = e->arg;
    }
    if (depth != 0)
        return;
    memcpy(p->need, need, n * sizeof *need);
    p->n_need = (uint8_t)n;
}

/* ---- verbs and their patterns ------------------------------------------------ */

static int add_verb(tb_model *m, uint32_t v, uint32_t *out)
{
    const dict_set *d = m->dict;
    const verb_entry *ve = dict_verb(d, v);
    tb_verb tv = {0};
    tv.dict_verb = v;
    tv.main.code = ve->code;
    tv.main.paired = ve->paired_code;
    tv.main.code_flags = ve->code_flags & (DICT_CODE_DOMINANT | DICT_CODE_SUBORDINATE);
    tv.main.where = ve->where;
    tv.main.text = ve->phrase;
    tv.first_pattern = (uint32_t)m->patterns.len;
    for (uint32_t k = 0; k < ve->n_patterns; k++) {
        const pattern *pt = dict_pattern(d, ve->first_pattern + k);
        if (!pt || !pt->text)
            continue;
        const char *t = pt->text;
        const char *dash = strchr(t, '-');
        const char *br = strchr(t, '[');
        if (!dash || !br || br < dash)
            continue;
        const char *close = strchr(br, ']');
        if (!close)
            continue;
        tb_pattern p = {0};
        char norm[1024];
        size_t bl = (size_t)(br - dash - 1);
        if (bl > 600)
            continue;
        normalise(dash + 1, bl, 1, norm, sizeof norm);
        if (!strchr(norm, '*'))
            continue; /* TABARI: no verb marker */
        p.phrase = store_normalised(m, norm, 1);
        if (p.phrase == UINT32_MAX)
            continue;
        int len, alt;
        pattern_length(norm, &len, &alt);
        p.length = (int16_t)len;
        p.maxalt = (int16_t)alt;
        parse_code(m, br + 1, (size_t)(close - br - 1), &p);
        p.where = pt->where;
        p.text = pt->text;
        pattern_needs(m, &p);
        if (vec_push(&m->patterns, p) != 0)
            return -1;
    }
    tv.n_patterns = (uint32_t)m->patterns.len - tv.first_pattern;
    sort_by_length(m->patterns.items + tv.first_pattern, tv.n_patterns);
    if (vec_push(&m->verbs, tv) != 0)
        return -1;
    *out = (uint32_t)m->verbs.len - 1;
    return 0;
}

static int add_roots(builder *b)
{
    tb_model *m = b->m;
    const dict_set *d = m->dict;
    size_t nv = dict_n_verbs(d);
    uint32_t *verb_of = malloc((nv ? nv : 1) * sizeof *verb_of);
    uint8_t *verb_skip = calloc(nv ? nv : 1, 1);
    if (!verb_of || !verb_skip) {
        free(verb_of);
        free(verb_skip);
        return -1;
    }
    for (size_t v = 0; v < nv; v++)
        verb_of[v] = UINT32_MAX;
    int rc = 0;
    size_t n = dict_n_written_phrases(d);
    for (size_t i = 0; i < n && rc == 0; i++) {
        uint8_t kind;
        uint32_t entry;
        const char *text = dict_written_phrase(d, i, &kind, &entry);
        if (!text)
            continue;
        uint8_t wtype;
        switch (kind) {
        case HIT_ACTOR: wtype = TW_ACTOR; break;
        case HIT_AGENT: wtype = TW_AGENT; break;
        case HIT_VERB: wtype = TW_VERB; break;
        case HIT_NOUN: wtype = TW_NOUN; break;
        case HIT_ADJECTIVE: wtype = TW_ADJCTV; break;
        case HIT_TIME: wtype = TW_TIME; break;
        default: continue;
        }
        if (kind == HIT_VERB && (entry >= nv || verb_skip[entry]))
            continue;
        char plain[512];
        if (kind == HIT_VERB && strchr(text, '+') && strlen(text) < sizeof plain) {
            /* PETRARCH marks the inflecting word of a multi-word verb with +
               (+BREAK_DOWN, WIRE_+TAP): not part of the word */
            size_t o = 0;
            for (const char *q = text; *q; q++)
                if (!(*q == '+' && (q == text || q[-1] == '_' || q[-1] == ' ')))
                    plain[o++] = *q;
            plain[o] = '\0';
            text = plain;
        }
        uint32_t ph = tb_store_phrase(m, text, strlen(text), 0);
        if (ph == UINT32_MAX) {
            if (kind == HIT_VERB && verb_of[entry] == UINT32_MAX)
                verb_skip[entry] = 1;
            continue;
        }
        if (kind == HIT_VERB) {
            if (verb_of[entry] == UINT32_MAX) {
                /* the verb's own line: a duplicate drops the verb and its patterns */
                int dup = 0;
                const tb_elem *e0 = &m->elems.items[ph];
                if (e0->kind == TE_LIT && e0->arg < b->lit_head.len)
                    for (uint32_t r = b->lit_head.items[e0->arg]; r && !dup; r = b->root_next.items[r - 1])
                        dup = same_phrase(m, m->roots.items[r - 1].phrase, ph);
                if (dup) {
                    verb_skip[entry] = 1;
                    continue;
                }
                if (add_verb(m, entry, &verb_of[entry]) != 0) {
                    rc = -1;
                    break;
                }
            }
            entry = verb_of[entry];
        }
        if (add_root(b, ph, wtype, 0, entry, 1) < 0)
            rc = -1;
    }
    free(verb_of);
    free(verb_skip);
    return rc;
}

static int finish_start_lists(builder *b)
{
    tb_model *m = b->m;
    size_t nl = m->lit.len;
    m->start_first = calloc(nl + 1, sizeof *m->start_first);
    m->start_roots = malloc((m->roots.len ? m->roots.len : 1) * sizeof *m->start_roots);
    if (!m->start_first || !m->start_roots)
        return -1;
    uint32_t k = 0;
    for (size_t l = 0; l < nl; l++) {
        m->start_first[l] = k;
        if (l < b->lit_head.len)
            for (uint32_t r = b->lit_head.items[l]; r; r = b->root_next.items[r - 1])
                m->start_roots[k++] = r - 1;
    }
    m->start_first[nl] = k;
    return 0;
}

/* The set's discard list: a phrase of exact words, one after the other, as
   PETRARCH matches it (TABARI itself discards with [###] codes instead). */
static int add_discards(tb_model *m)
{
    const dict_set *d = m->dict;
    for (size_t i = 0; i < dict_n_discards(d); i++) {
        const discard_entry *de = dict_discard(d, (uint32_t)i);
        if (!de || !de->phrase)
            continue;
        char buf[512];
        size_t n = 0;
        for (const char *p = de->phrase; *p && n + 2 < sizeof buf; p++)
            buf[n++] = (*p == ' ' || *p == '\t') ? '_' : *p;
        while (n && buf[n - 1] == '_')
            n--;
        buf[n++] = '_';
        uint32_t ph = tb_store_phrase(m, buf, n, 0);
        if (ph == UINT32_MAX)
            continue;
        if (vec_push(&m->discards, ph) != 0 || vec_push(&m->discard_story, de->whole_story) != 0)
            return -1;
    }
    return 0;
}

/* Discards by their first literal (after every literal exists). */
static int index_discards(tb_model *m)
{
    size_t nl = m->lit.len;
    m->disc_first = calloc(nl + 2, sizeof *m->disc_first);
    m->disc_list = malloc((m->discards.len ? m->discards.len : 1) * sizeof *m->disc_list);
    if (!m->disc_first || !m->disc_list)
        return -1;
    for (size_t k = 0; k < m->discards.len; k++)
        m->disc_first[m->elems.items[m->discards.items[k]].arg + 1]++;
    for (size_t l = 0; l < nl; l++)
        m->disc_first[l + 1] += m->disc_first[l];
    uint32_t *fill = calloc(nl + 1, sizeof *fill);
    if (!fill)
        return -1;
    for (size_t k = 0; k < m->discards.len; k++) {
        uint32_t lit = m->elems.items[m->discards.items[k]].arg;
        m->disc_list[m->disc_first[lit] + fill[lit]++] = (uint32_t)k;
    }
    free(fill);
    return 0;
}

static int add_agent_codes(tb_model *m)
{
    const dict_set *d = m->dict;
    m->n_agents = (uint32_t)dict_n_agents(d);
    m->agent_codes = arena_calloc(&m->mem, m->n_agents ? m->n_agents : 1, sizeof(char *));
    if (!m->agent_codes)
        return -1;
    for (uint32_t a = 0; a < m->n_agents; a++) {
        const agent_entry *ae = dict_agent(d, a);
        size_t cl = strlen(ae->code);
        char *s = arena_alloc(&m->mem, cl + 2);
        if (!s)
            return -1;
        if (ae->attach == AGENT_PREFIX) {
            memcpy(s, ae->code, cl);
            s[cl] = '~';
        } else {
            s[0] = '~';
            memcpy(s + 1, ae->code, cl);
        }
        s[cl + 1] = '\0';
        m->agent_codes[a] = s;
    }
    return 0;
}

tb_model *tb_model_new(const dict_set *d)
{
    tb_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    arena_init(&m->mem, ARENA_BLOCK);
    m->dict = d;
    builder b = {m, {0}, {0}, {0}};
    int ok = add_builtins(&b) == 0 && add_agent_codes(m) == 0 && add_synsets(m) == 0 &&
             add_roots(&b) == 0 && add_discards(m) == 0 && finish_start_lists(&b) == 0 &&
             index_discards(m) == 0;
    m->has_time = dict_time(d, 0) != NULL;
    m->lit_from = tb_lit_find(m, "FROM", 4);
    vec_free(&b.lit_head);
    vec_free(&b.lit_tail);
    vec_free(&b.root_next);
    if (!ok) {
        tb_model_free(m);
        return NULL;
    }
    return m;
}

void tb_model_free(tb_model *m)
{
    if (!m)
        return;
    vec_free(&m->lit);
    vec_free(&m->lit_len);
    free(m->lit_slots);
    free(m->start_first);
    free(m->start_roots);
    free(m->disc_first);
    free(m->disc_list);
    vec_free(&m->discards);
    vec_free(&m->discard_story);
    vec_free(&m->elems);
    vec_free(&m->roots);
    vec_free(&m->verbs);
    vec_free(&m->patterns);
    vec_free(&m->members);
    vec_free(&m->synsets);
    arena_free(&m->mem);
    free(m);
}
