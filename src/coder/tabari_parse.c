/*
** tabari_parse.c: TABARI's parse pass over one record.
**
** In order (each step reads what the steps before it marked):
**
**   filter       punctuation: ; : ( ) become commas, periods stay only in
**                numbers and after capitals (U.S.), apostrophes and $ stay,
**                " is a word of its own, other punctuation is a blank
**   words        cut at blanks; capitalised words after the first capitalised
**                one are "mid-sentence capitals" (they stop being verbs);
**                numbers and commas are words of their own kinds; each other
**                word gets its literals (dictionary words that are prefixes
**                of it, shortest first)
**   roots        left to right, a word not yet typed starts the root with the
**                most characters matched (regular endings count) among the
**                roots its literals start; the words matched get its type,
**                its first and last word a head and a tail tag
**   nouns        a verb after a determiner or with a mid-sentence capital is
**                a noun; so is an actor whose code is [---] on this date
**   agents       SET: CONVERT AGENT: an agent with no actor beside it is one
**   compounds    actor AND actor, actor , actor AND actor (determiners and
**                adjectives may come between)
**   subordinate  comma-delimited clauses of the COMMA: lengths are blanked out:
**                nothing in them is an actor or a verb any more, and phrases
**                that cross their edge are cancelled
**   clauses      a conjunction splits the sentence, except noun AND noun and
**                adjective AND adjective
**   pronouns     HE HIM SHE HER IT: the first actor before it that is not in a
**                compound; THEY THEM THEIR: the first compound before it, else
**                the first actor; with FORWARD:, the previous record's
**   discards     any root coded [###] discards the record
**   complexity   the COMPLEX: limits
**
** Tags are kept as TABARI keeps them, a list of (type, index) per word for the
** structures that begin there and another for those that end there, because
** the coding pass walks them exactly as TABARI does.
*/
#include "coder/tabari.h"

#include <ctype.h>
#include <string.h>

/* ---- tags -------------------------------------------------------------- */

static int add_tag(tb_state *s, uint16_t *list, int type, int index)
{
    tb_tag t = {(uint8_t)type, (uint16_t)index, 0};
    if (s->tags.len >= UINT16_MAX || vec_push(&s->tags, t) != 0)
        return -1;
    uint16_t id = (uint16_t)(s->tags.len - 1);
    if (!*list) {
        *list = id;
        return 0;
    }
    uint16_t k = *list;
    while (s->tags.items[k].next)
        k = s->tags.items[k].next;
    s->tags.items[k].next = id;
    return 0;
}

static int valid(const tb_state *s, int loc)
{
    return loc >= 0 && loc < TB_MAX_SYNT;
}

int tb_has_head_idx(const tb_state *s, int loc, int type, int *index)
{
    if (!valid(s, loc))
        return 0;
    for (uint16_t k = s->head[loc]; k; k = s->tags.items[k].next)
        if (s->tags.items[k].type == type) {
            if (index)
                *index = s->tags.items[k].index;
            return 1;
        }
    if (index)
        *index = 0;
    return 0;
}

int tb_has_head(const tb_state *s, int loc, int type)
{
    return tb_has_head_idx(s, loc, type, NULL);
}


int tb_has_tail(const tb_state *s, int loc, int type)
{
    if (!valid(s, loc))
        return 0;
    for (uint16_t k = s->tail[loc]; k; k = s->tags.items[k].next)
        if (s->tags.items[k].type == type)
            return 1;
    return 0;
}

int tb_has_tail_idx(const tb_state *s, int loc, int type, int index)
{
    if (!valid(s, loc))
        return 0;
    for (uint16_t k = s->tail[loc]; k; k = s->tags.items[k].next)
        if (s->tags.items[k].type == type && s->tags.items[k].index == index)
            return 1;
    return 0;
}


/* 1 when the structure of type that begins at loc ends somewhere after loc
   within the record (it may have been cancelled in part). */
int tb_check_tail(const tb_state *s, int loc, int type)
{
    int idx;
    if (!tb_has_head_idx(s, loc, type, &idx))
        return 0;
    for (++loc; loc <= s->isynt; loc++)
        if (tb_has_tail_idx(s, loc, type, idx))
            return 1;
    return 0;
}

static void change_tag(tb_state *s, uint16_t list, int from, int to)
{
    for (uint16_t k = list; k; k = s->tags.items[k].next)
        if (s->tags.items[k].type == from) {
            s->tags.items[k].type = (uint8_t)to;
            return;
        }
}

static void change_head(tb_state *s, int loc, int from, int to)
{
    if (valid(s, loc))
        change_tag(s, s->head[loc], from, to);
}

static void change_tail(tb_state *s, int loc, int from, int to)
{
    if (valid(s, loc))
        change_tag(s, s->tail[loc], from, to);
}

int tb_get_reference(const tb_state *s, int loc)
{
    if (!valid(s, loc))
        return 0;
    for (uint16_t k = s->head[loc]; k; k = s->tags.items[k].next)
        if (s->tags.items[k].type == TT_REF)
            return s->tags.items[k].index;
    return 0;
}

/* TABARI's skipSegment: when a structure of type begins at *loc, move past
   its end and return 1. */
int tb_skip_segment(const tb_state *s, int *loc, int type)
{
    int idx;
    if (!tb_has_head_idx(s, *loc, type, &idx))
        return 0;
    while (*loc < s->isynt && !tb_has_tail_idx(s, *loc, type, idx))
        (*loc)++;
    (*loc)++;
    return 1;
}


/* 2 exact, 1 partial, 0 when the word does not carry the literal. */
int tb_has_lit(const tb_state *s, int loc, uint32_t lit)
{
    if (loc < 0 || loc > s->ilex || s->lex[loc].ilit <= 0)
        return 0;
    for (const uint32_t *p = s->lits.items + s->lex[loc].ilit; *p; p++)
        if ((*p >> 1) - 1 == lit)
            return (*p & 1) ? 2 : 1;
    return 0;
}

/* ---- codes of roots ------------------------------------------------------- */

const char *tb_actor_code(const tb_state *s, int root)
{
    if (root < 0)
        return NULL;
    const tb_root *r = &s->m->roots.items[root];
    if (r->wtype == TW_AGENT)
        return r->entry < s->m->n_agents ? s->m->agent_codes[r->entry] : NULL;
    if (r->wtype != TW_ACTOR)
        return NULL;
    const actor_entry *a = dict_actor(s->m->dict, r->entry);
    return a ? dict_actor_code(s->m->dict, a, s->date) : NULL;
}

static int is_null_actor(const tb_state *s, int root)
{
    const char *c = tb_actor_code(s, root);
    return c && !strcmp(c, "---");
}

int tb_is_null_verb(const tb_state *s, int root)
{
    const tb_root *r = &s->m->roots.items[root];
    return r->wtype == TW_VERB && !s->m->verbs.items[r->entry].main.code;
}

static int is_discard_root(const tb_state *s, int root)
{
    const tb_root *r = &s->m->roots.items[root];
    if (r->wtype == TW_ACTOR) {
        const char *c = tb_actor_code(s, root);
        return c && !strcmp(c, "###");
    }
    if (r->wtype == TW_VERB) {
        const tb_pattern *p = &s->m->verbs.items[r->entry].main;
        return p->code && !strcmp(p->code, "###") && !p->paired && !p->code_flags;
    }
    if (r->wtype == TW_TIME) { /* also inside a subordinate clause, and whether
                                  or not time shifting is on */
        const time_entry *t = dict_time(s->m->dict, r->entry);
        return t && t->discard == 1;
    }
    return 0;
}

/* ---- filter ----------------------------------------------------------------- */

static void put(tb_state *s, size_t *n, char ch, int32_t at)
{
    if (*n + 1 < sizeof s->filt) {
        s->filt[*n] = ch;
        s->filt_src[*n] = at;
        (*n)++;
    }
}

static void filter_text(tb_state *s)
{
    const char *t = s->src;
    size_t len = s->src_len;
    size_t n = 0, i = 0;
    s->rec_caps = 1;
    if (s->opt.fbis)
        while (i < len && t[i] != '[' && !isalpha((unsigned char)t[i]))
            i++;
    while (i < len) {
        unsigned char ch = (unsigned char)t[i];
        int32_t at = (int32_t)i;
        if (s->rec_caps && islower(ch))
            s->rec_caps = 0;
        unsigned char prev = i ? (unsigned char)t[i - 1] : ' ';
        unsigned char next = i + 1 < len ? (unsigned char)t[i + 1] : '\0';
        if (ch == '/' && next == '*') { /* text between / * and * / is not coded */
            while (i < len && (t[i] != '*' || i + 1 >= len || t[i + 1] != '/'))
                i++;
            if (i < len)
                i += 2;
            continue;
        }
        if (s->opt.fbis && ch == '[') {
            while (i < len && t[i] != ']')
                i++;
            if (i < len)
                i++;
            continue;
        }
        if (ch < 128 && ispunct(ch)) {
            if (ch == ';' || ch == ':' || ch == '(' || ch == ')') {
                put(s, &n, ' ', at);
                put(s, &n, ',', at);
                put(s, &n, ' ', at);
            } else if (ch == ',') {
                if (!isdigit(prev) || !isdigit(next)) {
                    put(s, &n, ' ', at);
                    put(s, &n, ',', at);
                    put(s, &n, ' ', at);
                }
            } else if (ch == '.') {
                if ((isdigit(prev) && isdigit(next)) || isupper(prev))
                    put(s, &n, '.', at);
                else
                    put(s, &n, ' ', at);
            } else if (ch == '\'' || ch == '$') {
                put(s, &n, (char)ch, at);
            } else if (ch == '"') {
                put(s, &n, ' ', at);
                put(s, &n, '"', at);
                put(s, &n, ' ', at);
            } else {
                put(s, &n, ' ', at);
            }
            i++;
            continue;
        }
        put(s, &n, isspace(ch) ? ' ' : (char)ch, at);
        i++;
    }
    if (!n || s->filt[n - 1] != ' ')
        put(s, &n, ' ', (int32_t)len);
    /* collapse blanks; a word of 64 characters or more is broken */
    size_t w = 0, kchar = 0;
    for (size_t r = 0; r < n; r++) {
        if (s->filt[r] == ' ') {
            kchar = 0;
            if (r + 1 < n && s->filt[r + 1] == ' ')
                continue;
        } else if (++kchar >= 64) {
            if (w)
                s->filt[w - 1] = ' ';
            kchar = 1;
        }
        s->filt[w] = s->filt[r];
        s->filt_src[w] = s->filt_src[r];
        w++;
    }
    s->filt[w] = '\0';
}

/* ---- words ------------------------------------------------------------------ */

/* Append the literals of word w[0..len) to s->lits (0-terminated); returns the
   index of the list, 0 when the word has none. */
static int literals_of(tb_state *s, const char *w, size_t len)
{
    size_t start = s->lits.len;
    for (size_t l = 1; l <= len; l++) {
        /* TABARI files literals by their first two characters: a one-letter
           literal only meets words whose second character is not alphanumeric */
        if (l == 1 && len > 1 && isalnum((unsigned char)w[1]))
            continue;
        uint32_t lit = tb_lit_find(s->m, w, l);
        if (lit == UINT32_MAX)
            continue;
        if (vec_push(&s->lits, ((lit + 1) << 1) | (l == len ? 1u : 0u)) != 0)
            return 0;
    }
    if (s->lits.len == start)
        return 0;
    if (vec_push(&s->lits, 0u) != 0)
        return 0;
    return (int)start;
}

static int make_lex_words(tb_state *s);

/* Set (on = 1) or clear the bits of the literals in s->lits. */
static void mark_lits(tb_state *s, int on)
{
    for (size_t k = 0; k < s->lits.len; k++) {
        uint32_t v = s->lits.items[k];
        if (!v)
            continue;
        uint32_t lit = (v >> 1) - 1;
        if (on)
            s->lit_seen[lit >> 6] |= 1ull << (lit & 63);
        else
            s->lit_seen[lit >> 6] = 0;
    }
}

static int make_lex(tb_state *s)
{
    int rc = make_lex_words(s);
    mark_lits(s, 1);
    return rc;
}

static int make_lex_words(tb_state *s)
{
    mark_lits(s, 0);
    vec_clear(&s->lits);
    if (vec_push(&s->lits, 0u) != 0)
        return -1;
    s->ilex = -1;
    char *p = s->filt;
    while (*p == ' ')
        p++;
    int first = 1;
    while (*p) {
        if (s->ilex + 1 >= TB_MAX_LEX - 2)
            break; /* long records are cut, not refused */
        int k = ++s->ilex;
        char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        s->lex[k].start = (uint16_t)(p - s->filt);
        s->lex[k].len = (uint16_t)len;
        s->lex[k].src_start = s->filt_src[p - s->filt];
        s->lex[k].src_end = s->filt_src[p - s->filt + (ptrdiff_t)len - 1] + 1;
        s->lex[k].flags = 0;
        s->lex[k].ilit = 0;
        if (!s->rec_caps && isupper((unsigned char)*p)) {
            s->lex[k].flags = first ? TLF_INITCAP : TLF_MIDCAP;
            first = 0;
        }
        int done = 0;
        if (isdigit((unsigned char)*p)) {
            size_t mark = s->lits.len;
            int has = literals_of(s, p, len);
            s->lits.len = mark;
            if (!has) {
                s->lex[k].ilit = -2;
                done = 1;
            }
        } else if (*p == ',') {
            s->lex[k].ilit = -1;
            done = 1;
        }
        if (!done) {
            if (!s->rec_caps)
                for (size_t i = 0; i < len; i++)
                    p[i] = (char)toupper((unsigned char)p[i]);
            s->lex[k].ilit = literals_of(s, p, len);
        }
        if (!e)
            break;
        p = e + 1;
        while (*p == ' ')
            p++;
    }
    if (s->ilex < s->opt.min_lex)
        return -1;
    return 0;
}

/* ---- roots ------------------------------------------------------------------- */

static int suffix_is(const char *rest, size_t rl, const char *sfx)
{
    size_t n = strlen(sfx);
    return rl == n && !memcmp(rest, sfx, n);
}

/* TABARI's matchLex: does root phrase ph match words from w0?  *nmatch gets
   the characters matched; matched[] the words (at most TB_MAX_LEX). */
static int match_root(const tb_state *s, uint32_t ph, int wtype, int w0, int *nmatch,
                      int *matched, int *nm)
{
    const tb_model *m = s->m;
    const tb_elem *e = &m->elems.items[ph];
    int w = w0, fskip = 0, fmatch = 0;
    *nmatch = 0;
    *nm = 0;
    while (e->kind != TE_END && w <= s->ilex) {
        if (s->lex[w].ilit == -1)
            return 0; /* never across a comma */
        fmatch = 0;
        uint32_t litlen = 0;
        if (e->kind == TE_LIT && s->lex[w].ilit > 0) {
            for (const uint32_t *p = s->lits.items + s->lex[w].ilit; *p; p++)
                if ((*p >> 1) - 1 == e->arg) {
                    fmatch = 1;
                    litlen = m->lit_len.items[e->arg];
                    *nmatch += (int)litlen;
                    break;
                }
        }
        if (!fmatch) {
            if (fskip) {
                w++;
                continue;
            }
            return 0;
        }
        matched[(*nm)++] = w;
        const char *word = s->filt + s->lex[w].start;
        size_t wl = s->lex[w].len;
        if (litlen < wl && !(e->conn & TB_CONN_SKIP)) {
            if (e->conn == TB_CONN_EQUAL)
                return 0;
            const char *rest = word + litlen;
            size_t rl = wl - litlen;
            if (wtype == TW_ACTOR || wtype == TW_AGENT || wtype == TW_NOUN) {
                if (e[1].kind != TE_END)
                    return 0;
                if (suffix_is(rest, rl, "S")) {
                    *nmatch += 1;
                    return 1;
                }
                if (suffix_is(rest, rl, "'S") || suffix_is(rest, rl, "ES")) {
                    *nmatch += 2;
                    return 1;
                }
            }
            if (wtype == TW_VERB) {
                if (e[1].kind != TE_END)
                    return 0;
                if (suffix_is(rest, rl, "S")) {
                    *nmatch += 1;
                    return 1;
                }
                if (suffix_is(rest, rl, "ED") || suffix_is(rest, rl, "ES") ||
                    suffix_is(rest, rl, "EN")) {
                    *nmatch += 2;
                    return 1;
                }
                if (suffix_is(rest, rl, "ING")) {
                    *nmatch += 3;
                    return 1;
                }
                if (rest[-1] == 'E' && suffix_is(rest, rl, "D")) {
                    *nmatch += 1;
                    return 1;
                }
            }
            return 0;
        }
        fskip = (e->conn & TB_CONN_PART) != 0;
        w++;
        e++;
    }
    if (e->kind != TE_END)
        return 0;
    return fmatch;
}

static int make_synt(tb_state *s)
{
    const tb_model *m = s->m;
    for (int k = 0; k < TB_MAX_SYNT; k++) {
        s->wtype[k] = TW_NULL;
        s->root[k] = -1;
        s->head[k] = s->tail[k] = 0;
        s->sflags[k] = 0;
    }
    vec_clear(&s->tags);
    tb_tag dummy = {0, 0, 0};
    if (vec_push(&s->tags, dummy) != 0)
        return -1;
    s->isynt = s->ilex + 1;
    s->wtype[s->isynt] = TW_HALT;
    int matched[TB_MAX_LEX], best[TB_MAX_LEX];
    for (int w = 0; w <= s->ilex; w++) {
        if (!s->lex[w].ilit || s->wtype[w] != TW_NULL)
            continue;
        if (s->lex[w].ilit < 0) {
            s->wtype[w] = s->lex[w].ilit == -1 ? TW_COMMA : TW_NUMBER;
            continue;
        }
        int maxmatch = 0, nbest = 0, broot = -1;
        for (const uint32_t *p = s->lits.items + s->lex[w].ilit; *p; p++) {
            uint32_t lit = (*p >> 1) - 1;
            for (uint32_t k = m->start_first[lit]; k < m->start_first[lit + 1]; k++) {
                uint32_t r = m->start_roots[k];
                const tb_root *rt = &m->roots.items[r];
                if (rt->deleted)
                    continue;
                int nmatch, nm;
                if (match_root(s, rt->phrase, rt->wtype, w, &nmatch, matched, &nm) &&
                    nmatch > maxmatch) {
                    maxmatch = nmatch;
                    broot = (int)r;
                    nbest = nm;
                    memcpy(best, matched, (size_t)nm * sizeof *best);
                }
            }
        }
        if (maxmatch) {
            uint8_t type = m->roots.items[broot].wtype;
            s->root[w] = broot;
            if (add_tag(s, &s->head[w], type, 1) != 0)
                return -1;
            for (int k = 0; k < nbest; k++)
                s->wtype[best[k]] = type;
            if (add_tag(s, &s->tail[best[nbest - 1]], type, 1) != 0)
                return -1;
        }
    }
    return 0;
}

/* ---- forwarding ------------------------------------------------------------- */

/* Put what the previous record named first beyond this record's words. */
static int set_forward(tb_state *s)
{
    s->idx_fwd_actor = s->idx_fwd_compd = -1;
    if (!s->can_forward || !s->has_fwd)
        return 0;
    int at = s->ilex + 2;
    if (s->n_fwd_compd > 0 && at + s->n_fwd_compd < TB_DEFAULT_LOC) {
        s->idx_fwd_compd = at;
        if (add_tag(s, &s->head[at], TT_COMPOUND, 0) != 0)
            return -1;
        for (int k = 0; k < s->n_fwd_compd; k++, at++) {
            const tb_fwd_cell *c = &s->fwd_compd[k];
            s->root[at] = c->root;
            s->wtype[at] = c->wtype;
            s->sflags[at] = TSF_COMPOUND;
            if ((c->actor_head && add_tag(s, &s->head[at], TW_ACTOR, 1) != 0) ||
                (c->actor_tail && add_tag(s, &s->tail[at], TW_ACTOR, 1) != 0))
                return -1;
        }
        if (add_tag(s, &s->tail[at - 1], TT_COMPOUND, 0) != 0)
            return -1;
    }
    if (s->fwd_has_actor && at < TB_DEFAULT_LOC) {
        s->idx_fwd_actor = at;
        s->root[at] = s->fwd_actor.root;
        s->wtype[at] = s->fwd_actor.wtype;
        if (add_tag(s, &s->head[at], TW_ACTOR, 1) != 0 || add_tag(s, &s->tail[at], TW_ACTOR, 1) != 0)
            return -1;
    }
    if (s->idx_fwd_compd < 0)
        s->idx_fwd_compd = s->idx_fwd_actor;
    return 0;
}

/* Remember the first actor or the first compound of this record (TABARI's
   setForward looks at the previous record's words when the next one comes). */
void tb_remember_forward(tb_state *s)
{
    s->has_fwd = 1;
    s->n_fwd_compd = 0;
    s->fwd_has_actor = 0;
    for (int p = 0; p < s->isynt && !s->n_fwd_compd && !s->fwd_has_actor; p++) {
        if (tb_has_head(s, p, TT_COMPOUND)) {
            for (; p < s->isynt && s->n_fwd_compd < TB_MAX_LEX; p++) {
                tb_fwd_cell *c = &s->fwd_compd[s->n_fwd_compd++];
                c->root = s->root[p];
                c->wtype = s->wtype[p];
                c->actor_head = (uint8_t)tb_has_head(s, p, TW_ACTOR);
                c->actor_tail = (uint8_t)tb_has_tail(s, p, TW_ACTOR);
                if (tb_has_tail(s, p, TT_COMPOUND))
                    break;
            }
            if (p >= s->isynt)
                break;
        }
        if (!s->fwd_has_actor && tb_has_head(s, p, TW_ACTOR) && !tb_has_head(s, p, TW_PRONOUN)) {
            s->fwd_has_actor = 1;
            s->fwd_actor.root = s->root[p];
            s->fwd_actor.wtype = s->wtype[p];
        }
    }
}

/* ---- nouns, agents, compounds ------------------------------------------------ */

static void mark_nouns(tb_state *s)
{
    for (int p = 0; s->wtype[p] != TW_HALT; p++) {
        int ti;
        if (s->wtype[p] == TW_VERB && p > 0) {
            if (s->wtype[p - 1] == TW_DETERM || (s->lex[p].flags & TLF_MIDCAP)) {
                s->wtype[p] = TW_NOUN;
                if (tb_has_head_idx(s, p, TW_VERB, &ti)) {
                    change_head(s, p, TW_VERB, TW_NOUN);
                    int a = p;
                    while (!tb_has_tail_idx(s, a, TW_VERB, ti)) {
                        if (++a > s->ilex) {
                            s->parse_error = 1;
                            a--;
                            break;
                        }
                        if (s->wtype[a] == TW_VERB && !tb_has_head(s, a, TW_VERB))
                            s->wtype[a] = TW_NOUN;
                    }
                    change_tail(s, a, TW_VERB, TW_NOUN);
                }
            }
        } else if (tb_has_head_idx(s, p, TW_ACTOR, &ti) && is_null_actor(s, s->root[p])) {
            change_head(s, p, TW_ACTOR, TW_NOUN);
            s->wtype[p] = TW_NOUN;
            while (!tb_has_tail_idx(s, p, TW_ACTOR, ti)) {
                if (++p > s->ilex) {
                    s->parse_error = 1;
                    p--;
                    break;
                }
                if (s->wtype[p] == TW_ACTOR && !tb_has_head(s, p, TW_ACTOR))
                    s->wtype[p] = TW_NOUN;
            }
            change_tail(s, p, TW_ACTOR, TW_NOUN);
        }
    }
}

static int is_former(const tb_state *s, int loc)
{
    return valid(s, loc) && s->root[loc] >= 0 &&
           s->m->roots.items[s->root[loc]].special == TRS_FORMER;
}

static void convert_agents(tb_state *s)
{
    for (int a = 0; a <= s->ilex; a++) {
        if (s->wtype[a] != TW_AGENT)
            continue;
        int ti = 0;
        if (a > 0 && (s->wtype[a - 1] == TW_ACTOR || tb_has_tail(s, a - 1, TW_ACTOR) ||
                      is_former(s, a - 1))) {
            tb_has_head_idx(s, a, TW_AGENT, &ti);
            while (!tb_has_tail_idx(s, a, TW_AGENT, ti))
                if (++a > s->ilex) {
                    s->parse_error = 1;
                    return;
                }
            continue;
        }
        int h = a, convert = 1;
        tb_has_head_idx(s, a, TW_AGENT, &ti);
        while (!tb_has_tail_idx(s, a, TW_AGENT, ti))
            if (++a > s->ilex) {
                s->parse_error = 1;
                return;
            }
        if (a < s->ilex && tb_has_head(s, a + 1, TW_ACTOR))
            convert = 0;
        if (convert && a + 1 < s->ilex && s->wtype[a + 1] == TW_PREP && s->wtype[a + 2] == TW_ACTOR)
            convert = 0;
        if (convert) {
            s->wtype[h] = TW_ACTOR;
            change_head(s, h, TW_AGENT, TW_ACTOR);
            change_tail(s, a, TW_AGENT, TW_ACTOR);
        }
    }
}

static int is_and_nor(const tb_state *s, int loc)
{
    const tb_model *m = s->m;
    return (m->lit_and != UINT32_MAX && tb_has_lit(s, loc, m->lit_and)) ||
           (m->lit_nor != UINT32_MAX && tb_has_lit(s, loc, m->lit_nor)) ||
           (s->opt.fbis && s->root[loc] < 0);
}

static int mark_compound(tb_state *s)
{
    int cmpindex = 1, need_connect = 0;
    for (int p = 0; s->wtype[p] != TW_HALT; p++) {
        if (s->wtype[p] != TW_CONJ || !is_and_nor(s, p))
            continue;
        int pend = -1, pset = -1;
        int a = p + 1;
        /* SET: PETRARCH: words no dictionary knows are modifiers inside the
           noun phrase ("and the evil awful Gondor"), as a parser would read them */
        int modifier = s->opt.petrarch ? TW_NULL : TW_ADJCTV;
        while (s->wtype[a] == TW_ACTOR || s->wtype[a] == TW_DETERM || s->wtype[a] == TW_ADJCTV ||
               (s->wtype[a] == modifier && s->lex[a].ilit >= 0)) {
            if (s->wtype[a] == TW_ACTOR && tb_has_head(s, a, TW_ACTOR)) {
                while (a < s->ilex && !tb_has_tail(s, a, TW_ACTOR))
                    a++;
                pend = a;
            }
            a++;
        }
        if (pend < 0)
            continue;
        for (a = p; a >= 0; a--) {
            int w = s->wtype[a];
            if (w != TW_ACTOR && w != TW_CONJ && w != TW_COMMA && w != TW_DETERM && w != TW_ADJCTV &&
                !(w == modifier && s->lex[a].ilit >= 0))
                break;
            if (w == TW_CONJ || w == TW_COMMA)
                need_connect = 0;
            if (w == TW_ACTOR) {
                if (need_connect)
                    break;
                while (a > 0 && !tb_has_head(s, a, TW_ACTOR))
                    a--;
                pset = a;
                need_connect = 1;
            }
        }
        if (pset < 0)
            continue;
        if (add_tag(s, &s->head[pset], TT_COMPOUND, cmpindex) != 0 ||
            add_tag(s, &s->tail[pend], TT_COMPOUND, cmpindex) != 0)
            return -1;
        /* cancel earlier compounds inside this one */
        for (a = pset; a <= pend; a++) {
            int idx;
            if (tb_has_head_idx(s, a, TT_COMPOUND, &idx) && idx < cmpindex) {
                int loc = a;
                while (loc < s->isynt && !tb_has_tail_idx(s, loc, TT_COMPOUND, idx))
                    loc++;
                if (loc < s->isynt) {
                    change_head(s, a, TT_COMPOUND, TW_NULLTAG);
                    change_tail(s, loc, TT_COMPOUND, TW_NULLTAG);
                } else {
                    s->parse_error = 1;
                }
            }
        }
        cmpindex++;
        for (a = pset; a <= pend; a++)
            s->sflags[a] |= TSF_COMPOUND;
    }
    return 0;
}

/* ---- subordinate clauses ----------------------------------------------------- */

static int mark_subordinate(tb_state *s)
{
    int subindex = 1;
    int p = 0;
    const tb_options *o = &s->opt;
    while (s->wtype[p] != TW_HALT) {
        if (tb_skip_segment(s, &p, TT_COMPOUND))
            continue;
        if (s->wtype[p] == TW_COMMA) {
            int start = p;
            if (p >= o->min_beg && p <= o->max_beg && start > 0) {
                if (add_tag(s, &s->head[0], TT_SUBORD, subindex) != 0 ||
                    add_tag(s, &s->tail[start - 1], TT_SUBORD, subindex) != 0)
                    return -1;
                subindex++;
            }
            p++;
            while (s->wtype[p] != TW_COMMA && s->wtype[p] != TW_HALT) {
                if (!tb_skip_segment(s, &p, TT_COMPOUND))
                    p++;
            }
            int inside = p - start - 1;
            if (s->wtype[p] == TW_HALT && inside >= o->min_end && inside <= o->max_end) {
                if (add_tag(s, &s->head[start], TT_SUBORD, subindex) != 0 ||
                    add_tag(s, &s->tail[s->isynt - 1], TT_SUBORD, subindex) != 0)
                    return -1;
                return 0;
            }
            if (s->wtype[p] == TW_COMMA && inside >= o->min_sub && inside <= o->max_sub) {
                if (add_tag(s, &s->head[start], TT_SUBORD, subindex) != 0 ||
                    add_tag(s, &s->tail[p], TT_SUBORD, subindex) != 0)
                    return -1;
                subindex++;
            }
        }
        if (s->wtype[p] != TW_HALT)
            p++;
    }
    return 0;
}

/* Blank out the subordinate clauses: their words are no longer actors or
   verbs, and any structure that crosses their edge is cancelled. */
static void null_subordinate(tb_state *s)
{
    int p = 0;
    if (tb_has_head(s, 0, TT_SUBORD))
        s->wtype[0] = TW_NULL;
    while (s->wtype[p] != TW_HALT) {
        if (tb_has_head(s, p, TT_SUBORD)) {
            do {
                if (++p >= s->isynt) {
                    s->parse_error = 1;
                    return;
                }
                s->wtype[p] = TW_NULL;
                for (uint16_t k = s->head[p]; k; k = s->tags.items[k].next) {
                    int tag = s->tags.items[k].type;
                    if (tag == TW_NULLTAG)
                        continue;
                    int a = p;
                    while (!tb_has_tail(s, a, tag) && s->wtype[a] != TW_HALT)
                        a++;
                    if (s->wtype[a] == TW_HALT) {
                        s->parse_error = 1;
                        return;
                    }
                    s->wtype[p] = TW_NULLTAG;
                    change_head(s, p, tag, TW_NULLTAG);
                    change_tail(s, a, tag, TW_NULLTAG);
                }
                for (uint16_t k = s->tail[p]; k; k = s->tags.items[k].next) {
                    int tag = s->tags.items[k].type;
                    if (tag == TW_NULLTAG || tag == TT_SUBORD)
                        continue;
                    int a = p;
                    while (!tb_has_head(s, a, tag) && a > 0)
                        a--;
                    if (a == 0 && !tb_has_head(s, 0, tag)) {
                        s->parse_error = 1;
                        return;
                    }
                    change_tail(s, p, tag, TW_NULLTAG);
                    change_head(s, a, tag, TW_NULLTAG);
                    s->wtype[a] = TW_NULLTAG;
                }
            } while (!tb_has_tail(s, p, TT_SUBORD));
        }
        if (s->wtype[p] == TW_HALT)
            return;
        p++;
    }
}

/* ---- clauses and pronouns ----------------------------------------------------- */

static int mark_clauses(tb_state *s)
{
    int idx = 1;
    s->has_clauses = 0;
    if (add_tag(s, &s->head[0], TT_CLAUSE, idx) != 0)
        return -1;
    int p = 0;
    while (s->wtype[p] != TW_HALT) {
        if (tb_skip_segment(s, &p, TT_COMPOUND))
            continue;
        if (tb_skip_segment(s, &p, TT_SUBORD))
            continue;
        if (s->wtype[p] == TW_CONJ && p > 0 && s->wtype[p + 1] != TW_HALT) {
            int not_phrase = 1;
            if (s->wtype[p - 1] == TW_NOUN) {
                int a = p + 1;
                while (s->wtype[a] == TW_ADJCTV)
                    a++;
                if (s->wtype[a] == TW_NOUN) {
                    not_phrase = 0;
                    p = a;
                }
            }
            if (p > 0 && s->wtype[p - 1] == TW_ADJCTV && s->wtype[p + 1] == TW_ADJCTV) {
                not_phrase = 0;
                p++;
            }
            if (not_phrase) {
                s->has_clauses = 1;
                if (add_tag(s, &s->tail[p - 1], TT_CLAUSE, idx) != 0)
                    return -1;
                idx++;
                if (add_tag(s, &s->head[p + 1], TT_CLAUSE, idx) != 0)
                    return -1;
                p++;
            }
        }
        p++;
    }
    if (p > s->isynt)
        p = s->isynt;
    return add_tag(s, &s->tail[p - 1], TT_CLAUSE, idx);
}

static int dereference_pronouns(tb_state *s)
{
    for (int p = 0; s->wtype[p] != TW_HALT; p++) {
        if (s->wtype[p] != TW_PRONOUN || s->root[p] < 0)
            continue;
        int special = s->m->roots.items[s->root[p]].special;
        int idx = -1;
        if (special == TRS_SINGULAR) {
            int a = 0;
            while (a < p) {
                while (a < p && s->wtype[a] != TW_ACTOR)
                    a++;
                if (a >= p)
                    break;
                int ci;
                if (tb_has_head_idx(s, a, TT_COMPOUND, &ci)) {
                    do
                        a++;
                    while (a < s->isynt && !tb_has_tail_idx(s, a, TT_COMPOUND, ci));
                    a++;
                } else if (!tb_has_head(s, a, TW_ACTOR)) {
                    a++;
                } else {
                    idx = a;
                    break;
                }
            }
            if (idx < 0 && s->can_forward && s->idx_fwd_actor >= 0)
                idx = s->idx_fwd_actor;
        } else if (special == TRS_PLURAL) {
            for (int a = 0; a < p; a++) {
                if (s->wtype[a] != TW_ACTOR)
                    continue;
                if (tb_has_head(s, a, TT_COMPOUND)) {
                    idx = a;
                    break;
                }
                if (idx < 0)
                    idx = a;
            }
            if (idx < 0 && s->can_forward && s->idx_fwd_compd >= 0)
                idx = s->idx_fwd_compd;
        }
        if (idx >= 0) {
            s->wtype[p] = TW_ACTOR;
            if (add_tag(s, &s->head[p], TW_ACTOR, 1) != 0 || add_tag(s, &s->tail[p], TW_ACTOR, 1) != 0 ||
                add_tag(s, &s->head[p], TT_REF, idx) != 0 || add_tag(s, &s->tail[p], TT_REF, idx) != 0)
                return -1;
        }
    }
    return 0;
}

/* ---- discards and complexity ---------------------------------------------------- */

/* A discard phrase of the set at word p: its words, exactly, one after the other. */
static int discard_at(const tb_state *s, uint32_t phrase, int p)
{
    const tb_elem *e = &s->m->elems.items[phrase];
    for (; e->kind != TE_END; e++, p++)
        if (e->kind != TE_LIT || p > s->ilex || tb_has_lit(s, p, e->arg) != 2)
            return 0;
    return 1;
}

static void check_discards(tb_state *s)
{
    const tb_model *m = s->m;
    s->has_discard = s->discard_story = 0;
    for (int p = 0; s->wtype[p] != TW_HALT; p++)
        if (s->root[p] >= 0 && is_discard_root(s, s->root[p])) {
            s->has_discard = 1;
            return;
        }
    if (!m->discards.len)
        return;
    for (int p = 0; p <= s->ilex; p++) {
        if (s->lex[p].ilit <= 0)
            continue;
        for (const uint32_t *q = s->lits.items + s->lex[p].ilit; *q; q++) {
            uint32_t lit = (*q >> 1) - 1;
            for (uint32_t k = m->disc_first[lit]; k < m->disc_first[lit + 1]; k++) {
                uint32_t d = m->disc_list[k];
                if (discard_at(s, m->discards.items[d], p)) {
                    s->has_discard = 1;
                    s->discard_story = m->discard_story.items[d];
                    return;
                }
            }
        }
    }
}

static int count_heads(const tb_state *s, int type)
{
    int n = 0, p = 0;
    while (s->wtype[p] != TW_HALT) {
        if (tb_skip_segment(s, &p, TT_SUBORD))
            continue;
        if (tb_has_head(s, p, type))
            n++;
        p++;
    }
    return n;
}

static int count_type(const tb_state *s, int type)
{
    int n = 0, p = 0;
    while (s->wtype[p] != TW_HALT) {
        if (tb_skip_segment(s, &p, TT_SUBORD))
            continue;
        if (s->wtype[p] == type)
            n++;
        p++;
    }
    return n;
}

/* no actor in [from, to) outside subordinate clauses */
static int no_actor(const tb_state *s, int from, int to)
{
    int p = from;
    while (p < to) {
        if (tb_skip_segment(s, &p, TT_SUBORD))
            continue;
        if (s->wtype[p] == TW_ACTOR)
            return 0;
        p++;
    }
    return 1;
}

static void evaluate_complexity(tb_state *s)
{
    const tb_options *o = &s->opt;
    int n_verb = count_heads(s, TW_VERB);
    int n_actor = o->cx_actors ? count_heads(s, TW_ACTOR) : 0;
    int n_pron = o->cx_pronouns ? count_type(s, TW_PRONOUN) : 0;
    int n_conj = 0;
    if (o->cx_conj) {
        for (int k = 0; k <= s->ilex; k++) {
            if (tb_has_head(s, k, TT_COMPOUND)) {
                while (k < s->isynt && !tb_has_tail(s, k, TT_COMPOUND))
                    k++;
                k++;
            }
            if (k <= s->ilex && s->wtype[k] == TW_CONJ)
                n_conj++;
        }
    }
    /* the first verb that codes something, outside subordinate clauses */
    int iverb = 0;
    while (iverb <= s->ilex) {
        if (tb_skip_segment(s, &iverb, TT_SUBORD))
            continue;
        if (s->wtype[iverb] == TW_VERB && tb_has_head(s, iverb, TW_VERB) &&
            !tb_is_null_verb(s, s->root[iverb]))
            break;
        iverb++;
    }
    int pre = o->cx_preact ? no_actor(s, 0, iverb) : 0;
    int post = o->cx_postact ? no_actor(s, iverb + 1, s->ilex + 1) : 0;
    s->is_complex = 0;
#define LIMIT(lim, val) if ((lim) > 0 && (val) >= (lim)) s->is_complex = 1
    LIMIT(o->cx_verbs, n_verb);
    LIMIT(o->cx_actors, n_actor);
    LIMIT(o->cx_pronouns, n_pron);
    LIMIT(o->cx_conj, n_conj);
    if (o->cx_lateverb > 0) {
        if (n_verb < 255) {
            LIMIT(o->cx_lateverb, iverb);
        } else if (!o->cx_noverb) {
            LIMIT(o->cx_lateverb, 0);
        }
    }
#undef LIMIT
    if (pre || post)
        s->is_complex = 1;
    if (o->cx_noverb && n_verb == 0)
        s->is_complex = 1;
}

/* ---- the pass ------------------------------------------------------------------------ */

int tb_parse(tb_state *s)
{
    s->parse_error = 0;
    s->has_discard = s->discard_story = 0;
    s->is_complex = 0;
    s->idx_fwd_actor = s->idx_fwd_compd = -1;
    filter_text(s);
    if (make_lex(s) != 0) {
        s->parse_error = 1;
        return -1;
    }
    if (make_synt(s) != 0)
        return -1;
    if (s->opt.use_forward && set_forward(s) != 0)
        return -1;
    mark_nouns(s);
    if (s->opt.conv_agent)
        convert_agents(s);
    if (mark_compound(s) != 0 || mark_subordinate(s) != 0)
        return -1;
    null_subordinate(s);
    if (mark_clauses(s) != 0 || dereference_pronouns(s) != 0)
        return -1;
    check_discards(s);
    if (!s->has_discard)
        evaluate_complexity(s);
    return 0;
}
