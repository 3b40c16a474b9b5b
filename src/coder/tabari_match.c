/*
** tabari_match.c: TABARI's pattern matcher.
**
** A pattern is matched in two runs from the verb: the "upper" run takes the
** elements after * left to right from the word after the verb's last word,
** the "lower" run the elements before * right to left from the word before
** the verb's first word.  The connector of an element says whether the next
** element may be found further on (skip) and whether a prefix match of a word
** is enough (partial).  $ and + bind the actor found there as source and
** target, % a compound, ^ passes over an actor; &NAME tries the synset's
** members longest first; { A | B } tries its alternatives (the lower run from
** the last one), and the characters matched inside them decide between
** patterns of different lengths (see doVerb in tabari_code.c).
**
** The matcher is a small state machine whose modes are shared between a
** pattern and the synset members it calls, exactly as in TABARI: after a
** member has been tried, the skip and partial modes it left behind still
** apply, the lower run of a member only looks at its first element, and a
** synset match resumes from the word where it began.  The validation suite
** records those behaviours, so they are kept.
*/
#include "coder/tabari.h"

typedef struct matcher {
    tb_state *s;
    const tb_elem *el;
    long pt, this_pat;          /* element indices */
    int loc;
    int is_high, full_mode, skip_mode;
    int fcond, cond_loc, cond_len, cond_skip;
    int lenalt;
    int src, tar, att, cmp;
} matcher;

static const tb_elem end_elem = {TE_END, 0, 0};

static const tb_elem *elem(const matcher *mt, long i)
{
    if (i < 0 || (size_t)i >= mt->s->m->elems.len)
        return &end_elem;
    return &mt->el[i];
}

static int wtype_at(const tb_state *s, int loc)
{
    return loc >= 0 && loc < TB_MAX_SYNT ? s->wtype[loc] : TW_NULL;
}

/* ---- actors and compounds around a word ----------------------------------- */

int tb_actor_head(const tb_state *s, int loc, int *found)
{
    if (tb_has_head(s, loc, TW_PRONOUN))
        loc = tb_get_reference(s, loc);
    int i = loc;
    while (i >= 0 && !tb_has_head(s, i, TW_ACTOR))
        i--;
    if (i < 0) {
        *found = 0;
        return loc;
    }
    *found = 1;
    return i;
}

int tb_actor_tail(const tb_state *s, int loc)
{
    if (tb_has_head(s, loc, TW_PRONOUN))
        return loc;
    while (loc < s->iend && !tb_has_tail(s, loc, TW_ACTOR))
        loc++;
    return loc;
}

/* The head of the compound that ends at loc, -1 when none ends there. */
int tb_compound_head(const tb_state *s, int loc)
{
    int idx = 0;
    if (loc >= 0 && loc < TB_MAX_SYNT)
        for (uint16_t k = s->tail[loc]; k; k = s->tags.items[k].next)
            if (s->tags.items[k].type == TT_COMPOUND) {
                idx = s->tags.items[k].index;
                break;
            }
    if (!idx)
        return -1;
    int i = loc;
    while (i >= 0) {
        int found = 0;
        for (uint16_t k = s->head[i]; k; k = s->tags.items[k].next)
            if (s->tags.items[k].type == TT_COMPOUND && s->tags.items[k].index == idx)
                found = 1;
        if (found)
            break;
        i--;
    }
    return i;
}

static int compound_at(const tb_state *s, int loc, int *found)
{
    int start;
    if (tb_has_head(s, loc, TT_COMPOUND)) {
        if (!tb_check_tail(s, loc, TT_COMPOUND))
            return -1;
        start = loc;
    } else {
        start = tb_compound_head(s, loc);
        if (start < 0)
            return -1;
    }
    *found = 1;
    return start;
}

/* ---- one element against one word ------------------------------------------ */

/* 0 no match, 1 partial, 2 exact (actors always 2). */
static int comp_target(matcher *mt)
{
    tb_state *s = mt->s;
    const tb_elem *e = elem(mt, mt->pt);
    int found = 0;
    int actor = wtype_at(s, mt->loc) == TW_ACTOR;
    switch (e->kind) {
    case TE_LIT: {
        int r = tb_has_lit(s, mt->loc, e->arg);
        if (r && mt->fcond)
            mt->lenalt += s->m->lit_len.items[e->arg];
        return r;
    }
    case TE_SOURCE:
        if (actor)
            mt->src = tb_actor_head(s, mt->loc, &found);
        break;
    case TE_TARGET:
        if (actor)
            mt->tar = tb_actor_head(s, mt->loc, &found);
        break;
    case TE_ATTRIB:
        if (actor)
            mt->att = tb_actor_head(s, mt->loc, &found);
        break;
    case TE_SKIP:
        if (actor) {
            if (mt->is_high) {
                tb_actor_head(s, mt->loc, &found);
                if (found)
                    mt->loc = tb_actor_tail(s, mt->loc);
            } else {
                mt->loc = tb_actor_head(s, mt->loc, &found);
            }
        }
        break;
    case TE_COMPOUND:
        if (tb_has_head(s, mt->loc, TT_COMPOUND))
            mt->cmp = compound_at(s, mt->loc, &found);
        break;
    default:
        break;
    }
    return found ? 2 : 0;
}

/* ---- moving on ------------------------------------------------------------------- */

/* Next word, same element: 0 at the end of the text, else 2. */
static int continue_check(matcher *mt)
{
    if (mt->is_high) {
        if (++mt->loc > mt->s->iend)
            return 0;
    } else if (--mt->loc < 0) {
        return 0;
    }
    return 2;
}

/* Next element and next word: 0 end of text, 1 end of pattern, else 2. */
static int next_check(matcher *mt)
{
    if (mt->is_high) {
        if (mt->fcond) {
            int k = elem(mt, mt->pt + 1)->kind;
            if (k == TE_OR || k == TE_CLOSE) { /* end of this alternative */
                mt->fcond = 0;
                while (elem(mt, mt->pt)->kind != TE_CLOSE && elem(mt, mt->pt)->kind != TE_END)
                    mt->pt++;
            }
        }
        mt->skip_mode = (elem(mt, mt->pt)->conn & TB_CONN_SKIP) != 0;
        mt->pt++;
        if (elem(mt, mt->pt)->kind == TE_END)
            return 1;
        if (++mt->loc > mt->s->iend)
            return 0;
    } else {
        mt->pt--;
        if (mt->pt < mt->this_pat)
            return 1;
        if (mt->fcond) {
            int k = elem(mt, mt->pt)->kind;
            if (k == TE_OR || k == TE_OPEN) {
                mt->fcond = 0;
                while (elem(mt, mt->pt)->kind != TE_OPEN && mt->pt >= mt->this_pat)
                    mt->pt--;
                mt->pt--; /* the element before the alternatives */
            }
        }
        mt->skip_mode = (elem(mt, mt->pt)->conn & TB_CONN_SKIP) != 0;
        if (--mt->loc < 0)
            return 0;
    }
    mt->full_mode = !(elem(mt, mt->pt)->conn & TB_CONN_PART);
    return 2;
}

/* 0 failed, 1 succeeded, 2 go on. */
static int state_check(matcher *mt, int result)
{
    int advance = mt->full_mode ? result == 2 : result != 0;
    if (advance)
        return next_check(mt);
    return mt->skip_mode ? continue_check(mt) : 0;
}

static void save_state(matcher *mt)
{
    mt->fcond = 1;
    mt->cond_loc = mt->loc;
    mt->cond_len = mt->lenalt;
    mt->cond_skip = mt->skip_mode;
}

static void restore_state(matcher *mt)
{
    mt->loc = mt->cond_loc;
    mt->lenalt = mt->cond_len;
    mt->skip_mode = mt->cond_skip;
}

static void init_condit(matcher *mt)
{
    save_state(mt);
    mt->pt += mt->is_high ? 1 : -1;
}

/* The alternative failed: try the next one, if any. */
static void cond_check(matcher *mt, int *state)
{
    if (mt->is_high) {
        int k;
        while ((k = elem(mt, mt->pt)->kind) != TE_OR && k != TE_CLOSE && k != TE_END)
            mt->pt++;
        if (k != TE_OR)
            return;
    } else {
        int k;
        while ((k = elem(mt, mt->pt)->kind) != TE_OR && k != TE_OPEN && mt->pt >= mt->this_pat)
            mt->pt--;
        if (k != TE_OR)
            return;
    }
    restore_state(mt);
    mt->pt += mt->is_high ? 1 : -1;
    mt->full_mode = !(elem(mt, mt->pt)->conn & TB_CONN_PART);
    *state = 2;
}

/* ---- synsets ---------------------------------------------------------------------- */

static int comp_synset(matcher *mt);

static int lower_synset(matcher *mt)
{
    int result = 0, docheck = 1;
    save_state(mt);
    while (docheck) {
        result = comp_synset(mt);
        docheck = result ? 0 : continue_check(mt);
    }
    if (!result) {
        mt->fcond = 0;
        restore_state(mt);
    }
    return result;
}

static int check_member(matcher *mt, uint32_t phrase)
{
    long save_pt = mt->pt, save_this = mt->this_pat;
    int save_loc = mt->loc;
    mt->this_pat = mt->pt = phrase;
    int state = 2;
    while (state == 2) {
        int result;
        if (elem(mt, mt->pt)->kind == TE_SYNSET)
            result = mt->is_high ? comp_synset(mt) : lower_synset(mt);
        else
            result = comp_target(mt);
        state = state_check(mt, result);
    }
    mt->pt = save_pt;
    mt->this_pat = save_this;
    mt->loc = save_loc;
    return state ? 2 : 0;
}

static int comp_synset(matcher *mt)
{
    const tb_model *m = mt->s->m;
    uint32_t id = elem(mt, mt->pt)->arg;
    if (id >= m->synsets.len)
        return 0;
    const tb_synset *sy = &m->synsets.items[id];
    for (uint32_t k = 0; k < sy->n; k++) {
        int r = check_member(mt, m->members.items[sy->first + k].phrase);
        if (r)
            return r;
    }
    return 0;
}

/* ---- a pattern ------------------------------------------------------------------------ */

int tb_check_pattern(tb_state *s, uint32_t phrase, int loc, int wtype, tb_binding *b)
{
    matcher mt = {0};
    mt.s = s;
    mt.el = s->m->elems.items;
    mt.src = mt.tar = mt.att = mt.cmp = -1;
    mt.this_pat = mt.pt = phrase;
    mt.loc = loc;
    while (elem(&mt, mt.pt)->kind != TE_END && elem(&mt, mt.pt)->kind != TE_VERB)
        mt.pt++;
    if (elem(&mt, mt.pt)->kind == TE_END)
        return 0;
    long pverb = mt.pt;
    while (wtype_at(s, mt.loc) != TW_HALT && mt.loc < TB_MAX_SYNT - 1 &&
           !tb_has_tail(s, mt.loc, wtype))
        mt.loc++; /* from the end of a multi-word verb */

    mt.is_high = 1;
    int state = next_check(&mt);
    while (state == 2) {
        int result;
        if (elem(&mt, mt.pt)->kind == TE_SYNSET) {
            result = comp_synset(&mt);
        } else {
            if (elem(&mt, mt.pt)->kind == TE_OPEN)
                init_condit(&mt);
            result = comp_target(&mt);
        }
        state = state_check(&mt, result);
        if (!state && mt.fcond)
            cond_check(&mt, &state);
    }
    if (!state)
        return 0;
    if (pverb != (long)phrase) {
        mt.is_high = 0;
        mt.pt = pverb;
        mt.loc = loc;
        state = next_check(&mt);
        while (state == 2) {
            int result;
            if (elem(&mt, mt.pt)->kind == TE_SYNSET) {
                result = lower_synset(&mt);
            } else {
                if (elem(&mt, mt.pt)->kind == TE_CLOSE)
                    init_condit(&mt);
                result = comp_target(&mt);
            }
            state = state_check(&mt, result);
            if (!state && mt.fcond)
                cond_check(&mt, &state);
        }
        if (!state)
            return 0;
    }
    b->source = mt.src;
    b->target = mt.tar;
    b->compound = mt.cmp;
    b->lenalt = mt.lenalt;
    return 1;
}
