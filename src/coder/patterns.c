/*
** patterns.c: matching a verb's compiled patterns around one verb group.
**
** A pattern is a sequence of elements with the verb (*) somewhere in it.  The
** elements after the verb are matched left to right from the end of the verb,
** those before it right to left from its start, all within the verb's clause:
** literal words and phrase sets must appear in that order with any gap, unless
** the pattern joined them with '_' (adjacent); '+' and '$' bind the next actor
** phrase as target or source; '%' a compound phrase; '^' skips one phrase.
** Patterns are tried from the most specific (most literal words) down, ties in
** the order written, and the first that matches decides the code.
*/
#include <string.h>

#include "coder/coder_private.h"

typedef struct match_state {
    uint16_t source_np, target_np, compound_np;
    uint16_t last;
} match_state;

static int tok_has_lex(const coder *c, uint16_t i, lex_id lex)
{
    const tok_info *ti = &c->info[i];
    for (uint8_t k = 0; k < ti->n_lex; k++)
        if (ti->lex[k] == lex)
            return 1;
    return 0;
}

/* Does the member phrase match tokens starting at i?  Returns its end or 0.
   DICT_LEX_GAP between two words lets other tokens come between them. */
static uint16_t phrase_at(const coder *c, uint16_t i, const lex_id *ph, size_t len, uint16_t limit)
{
    uint16_t pos = i;
    for (size_t k = 0; k < len; k++) {
        if (ph[k] == DICT_LEX_GAP) {
            if (k + 1 == len)
                return pos;
            uint16_t q = pos;
            while (q < limit && !tok_has_lex(c, q, ph[k + 1]))
                q++;
            if (q >= limit)
                return 0;
            pos = (uint16_t)(q + 1);
            k++;
            continue;
        }
        if (pos >= limit || !tok_has_lex(c, pos, ph[k]))
            return 0;
        pos++;
    }
    return pos;
}

static uint16_t set_at(const coder *c, uint16_t i, uint32_t set, uint16_t limit)
{
    /* most positions start no member: one probe says so */
    const tok_info *ti = &c->info[i];
    int may = 0;
    for (uint8_t k = 0; k < ti->n_lex && !may; k++)
        may = coder_model_set_may_start(c->model, set, ti->lex[k]);
    if (!may)
        return 0;
    size_t n = dict_set_n_members(c->dict, set);
    uint16_t best = 0;
    for (size_t k = 0; k < n; k++) {
        size_t len;
        const lex_id *ph = dict_set_member(c->dict, set, k, &len);
        uint16_t end = phrase_at(c, i, ph, len, limit);
        if (end > best)
            best = end;
    }
    return best;
}

/* Is there an actor phrase (or a pronoun) starting at i? */
static uint16_t actor_np_at(const coder *c, uint16_t i)
{
    uint16_t n = c->info[i].np;
    if (n == NONE16 || c->nps.items[n].start != i)
        return NONE16;
    const noun_phrase *np = &c->nps.items[n];
    if (np_has_actor(np) || (np->flags & (NPF_PRONOUN | NPF_TWO)))
        return n;
    return NONE16;
}

/* Match one element forwards at or after *pos (exactly at *pos when adjacent).
   On success moves *pos past it. */
/* How far a literal word may lie from the element before it.  Unbounded gaps
   let a pattern pick a word from far down a long clause. */
#define MAX_LITERAL_GAP 8

static int match_forward(const coder *c, const pattern_elem *e, uint16_t *pos, uint16_t limit,
                         match_state *st)
{
    uint16_t from = *pos, to = e->adjacent ? (uint16_t)(*pos + 1) : limit;
    if ((e->kind == PAT_WORD || e->kind == PAT_SET) && to > from + MAX_LITERAL_GAP)
        to = (uint16_t)(from + MAX_LITERAL_GAP);
    if (to > limit)
        to = limit;
    for (uint16_t p = from; p < to; p++) {
        uint16_t end = 0;
        switch (e->kind) {
        case PAT_WORD:
            end = tok_has_lex(c, p, e->arg) ? (uint16_t)(p + 1) : 0;
            break;
        case PAT_SET:
            end = set_at(c, p, e->arg, limit);
            break;
        case PAT_TARGET:
        case PAT_SOURCE:
        case PAT_COMPOUND: {
            uint16_t n = actor_np_at(c, p);
            if (n == NONE16)
                break;
            if (e->kind == PAT_COMPOUND && !(c->nps.items[n].flags & NPF_COMPOUND))
                break;
            if (e->kind == PAT_TARGET)
                st->target_np = n;
            else if (e->kind == PAT_SOURCE)
                st->source_np = n;
            else
                st->compound_np = n;
            end = c->nps.items[n].end;
            break;
        }
        case PAT_SKIP:
            end = c->info[p].np != NONE16 ? c->nps.items[c->info[p].np].end : (uint16_t)(p + 1);
            break;
        default:
            break;
        }
        if (end) {
            *pos = end;
            st->last = (uint16_t)(end - 1);
            return 1;
        }
        /* a target or source is the next phrase: it does not jump over other
           verbs, punctuation or another preposition's phrase ("exchange views
           with the situation in Ukraine" has no "with +") */
        if ((e->kind == PAT_TARGET || e->kind == PAT_SOURCE || e->kind == PAT_COMPOUND) && p >= from &&
            (c->info[p].vg != NONE16 || c->tok[p].kind == TOK_PUNCT ||
             (p > from && (c->info[p].gclass & G_PREP))))
            return 0;
    }
    return 0;
}

/* Match one element backwards, ending at or before *pos (exactly at *pos when
   `adjacent`).  On success moves *pos to its start. */
static int match_backward(const coder *c, const pattern_elem *e, int adjacent, uint16_t *pos,
                          uint16_t floor, match_state *st)
{
    if (*pos <= floor)
        return 0;
    uint16_t hi = *pos; /* element must end at or before hi */
    for (int32_t end = hi; end > floor; end--) {
        if (adjacent && end != hi)
            return 0;
        uint16_t last = (uint16_t)(end - 1);
        int32_t start = -1;
        switch (e->kind) {
        case PAT_WORD:
            if (tok_has_lex(c, last, e->arg))
                start = last;
            break;
        case PAT_SET: {
            size_t n = dict_set_n_members(c->dict, e->arg);
            for (size_t k = 0; k < n && start < 0; k++) {
                size_t len;
                const lex_id *ph = dict_set_member(c->dict, e->arg, k, &len);
                int gapped = 0;
                for (size_t q = 0; q < len; q++)
                    gapped |= ph[q] == DICT_LEX_GAP;
                if (gapped) {
                    /* find the latest start whose match ends exactly at end */
                    for (int32_t from = end - 1; from >= floor && start < 0; from--)
                        if (phrase_at(c, (uint16_t)from, ph, len, (uint16_t)end) == end)
                            start = from;
                } else if (len <= (size_t)(end - floor) &&
                           phrase_at(c, (uint16_t)(end - len), ph, len, (uint16_t)end) == end) {
                    start = (int32_t)(end - len);
                }
            }
            break;
        }
        case PAT_TARGET:
        case PAT_SOURCE:
        case PAT_COMPOUND: {
            uint16_t n = c->info[last].np;
            if (n == NONE16 || c->nps.items[n].end != end)
                break;
            const noun_phrase *np = &c->nps.items[n];
            if (!np_has_actor(np) && !(np->flags & (NPF_PRONOUN | NPF_TWO)))
                break;
            if (e->kind == PAT_COMPOUND && !(np->flags & NPF_COMPOUND))
                break;
            if (e->kind == PAT_TARGET)
                st->target_np = n;
            else if (e->kind == PAT_SOURCE)
                st->source_np = n;
            else
                st->compound_np = n;
            start = np->start;
            break;
        }
        case PAT_SKIP:
            start = c->info[last].np != NONE16 ? c->nps.items[c->info[last].np].start : last;
            break;
        default:
            break;
        }
        if (start >= 0) {
            *pos = (uint16_t)start;
            return 1;
        }
    }
    return 0;
}

static int try_pattern(const coder *c, const verb_group *vg, const struct pattern_slot *p,
                       uint16_t floor, uint16_t limit, match_state *st)
{
    const pattern_elem *e = c->model->slot_elems + p->first_elem;
    st->source_np = st->target_np = st->compound_np = NONE16;
    st->last = (uint16_t)(vg->head_end - 1);
    uint16_t pos = vg->head_end;
    for (uint32_t k = p->verb_elem + 1; k < p->n_elems; k++)
        if (!match_forward(c, &e[k], &pos, limit, st))
            return 0;
    pos = vg->head;
    for (int32_t k = (int32_t)p->verb_elem - 1; k >= 0; k--) {
        int adjacent = e[k + 1].adjacent;
        if (!match_backward(c, &e[k], adjacent, &pos, floor, st))
            return 0;
    }
    return 1;
}

int match_verb_patterns(coder *c, const verb_group *vg, pattern_match *m)
{
    const verb_entry *v = dict_verb(c->dict, vg->verb);
    memset(m, 0, sizeof *m);
    m->source_np = m->target_np = m->compound_np = NONE16;
    if (!v || !v->n_patterns)
        return 0;
    const clause *cl = &c->clauses.items[vg->clause];
    uint16_t floor = cl->start, limit = cl->end;
    /* A reported clause's verb may take its object past a trailing ", X said". */
    const coder_model *model = c->model;
    const struct pattern_slot *slots = model->slots + v->first_pattern;
    /* the candidates: patterns whose key word is in the sentence, in the
       order of specificity (slot order) */
    if (!c->candidates) {
        c->candidates = malloc((model->max_verb_patterns + 1) * sizeof(uint32_t));
        c->slot_map = malloc(((model->max_verb_patterns + 63) / 64 + 1) * sizeof(uint64_t));
        if (!c->candidates || !c->slot_map)
            return 0;
    }
    uint32_t n_cand = 0;
    if (v->n_patterns <= 48) {
        /* few patterns: the signature check below is cheaper than key lookups */
        for (uint32_t k = 0; k < v->n_patterns; k++)
            c->candidates[n_cand++] = k;
        goto sorted;
    }
    for (uint32_t q = model->verb_free[vg->verb]; q < model->verb_free[vg->verb + 1]; q++)
        c->candidates[n_cand++] = model->free_slots[q];
    for (size_t w = 0; w < c->window_lexemes.len; w++) {
        const struct key_run *run = coder_model_key_run(model, vg->verb, c->window_lexemes.items[w]);
        if (!run)
            continue;
        /* each slot has one key word and the lexemes are distinct: no slot twice */
        for (uint32_t q = 0; q < run->count; q++)
            c->candidates[n_cand++] = model->key_slots[run->first + q];
    }
    if (n_cand <= 32) {
        for (uint32_t a = 1; a < n_cand; a++) { /* few: insertion sort */
            uint32_t x = c->candidates[a], j = a;
            while (j > 0 && c->candidates[j - 1] > x) {
                c->candidates[j] = c->candidates[j - 1];
                j--;
            }
            c->candidates[j] = x;
        }
    } else {
        /* many: a bitmap over the verb's slots gives them back in order */
        size_t words = (v->n_patterns + 63) / 64;
        uint64_t *map = c->slot_map;
        memset(map, 0, words * sizeof(uint64_t));
        for (uint32_t a = 0; a < n_cand; a++)
            map[c->candidates[a] >> 6] |= 1ULL << (c->candidates[a] & 63);
        n_cand = 0;
        for (size_t w = 0; w < words; w++)
            for (uint64_t x = map[w]; x; x &= x - 1)
                c->candidates[n_cand++] = (uint32_t)(w * 64 + (uint32_t)__builtin_ctzll(x));
    }
sorted:
    if (tracing(c) && n_cand < v->n_patterns)
        trace_printf(c, "    (%u of %u patterns have their key word in the sentence)\n", n_cand,
                     v->n_patterns);
    const uint16_t (*filters)[SLOT_FILTER_WORDS] = model->slot_filter + v->first_pattern;
    for (uint32_t ci = 0; ci < n_cand; ci++) {
        uint32_t k = c->candidates[ci];
        /* the window filter first: a literal word with no bit there is in no
           token, and the pattern cannot match (when tracing, every pattern
           goes on to the checks below, whose verdicts the messages tell) */
        if (!tracing(c)) {
            const uint16_t *f = filters[k];
            unsigned q = 0;
            while (q < SLOT_FILTER_WORDS && f[q] != SLOT_FILTER_NONE &&
                   coder_lex_maybe_in_window(c, f[q]))
                q++;
            if (q < SLOT_FILTER_WORDS && f[q] != SLOT_FILTER_NONE)
                continue; /* word q is in no token */
        }
        const struct pattern_slot *p = &slots[k];
        /* a literal word or a phrase set of the pattern is not in the sentence */
        int absent = (p->needs & c->sentence_lexemes) != p->needs ||
                     (p->sets[0] != UINT32_MAX && !coder_set_in_window(c, p->sets[0])) ||
                     (p->sets[1] != UINT32_MAX && !coder_set_in_window(c, p->sets[1]));
        if (absent) {
            if (tracing(c))
                trace_printf(c, "    pattern %s  no match (its words are not in the sentence)\n",
                             dict_pattern(c->dict, p->pattern)->text);
            continue; /* a literal word of the pattern is not in the sentence */
        }
        match_state st;
        if (try_pattern(c, vg, p, floor, limit, &st)) {
            m->pat = dict_pattern(c->dict, p->pattern);
            m->source_np = st.source_np;
            m->target_np = st.target_np;
            m->compound_np = st.compound_np;
            m->last_token = st.last;
            if (tracing(c))
                trace_printf(c, "    pattern %s  matched (%s)\n", m->pat->text, m->pat->where);
            return 1;
        }
        if (tracing(c))
            trace_printf(c, "    pattern %s  no match\n", dict_pattern(c->dict, p->pattern)->text);
    }
    return 0;
}
