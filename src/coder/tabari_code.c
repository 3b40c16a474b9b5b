/*
** tabari_code.c: TABARI's coding pass over a parsed record.
**
**   time       the first <TIME> phrase shifts the record's date (or discards
**              it, [###], or rejects it as too complex, [+++])
**   clauses    each clause in turn (CODE BY CLAUSE stops a clause at its
**              first event, CODE BY SENTENCE the record, CODE ALL never); a
**              clause that begins with an actor makes it the source
**   verbs      a verb's patterns longest first: a fixed pattern that matches
**              decides; one with { | } alternatives goes on competing with
**              the longer patterns by the characters it actually matched;
**              without a match the verb's own code applies
**   actors     a pattern's $ + % set the source and the target, else the
**              source is the clause's first actor (DEFAULT: PRIOR: only before
**              the verb) and the target the first actor after the verb, else
**              the nearest before it, else the source's compound itself;
**              an agent right after or before an actor (IN/OF between) is
**              attached, FORMER makes it ~ELI; WAS/WERE/BEEN before the verb
**              and BY after it swap source and target
**   events     paired codes [A:B] give B the other way; a syntactic compound
**              gives one event per member; dominant (!) events cancel the
**              others, subordinate (?) ones go when another event remains;
**              coded compounds [A/B] are expanded; events whose source equals
**              their target, or that repeat an earlier one, are dropped.
*/
#include "coder/tabari.h"
#include "util/strcopy.h"

#include <stdio.h>
#include <string.h>

static const char elite_code[] = "~ELI";

static int wtype_at(const tb_state *s, int loc)
{
    return loc >= 0 && loc < TB_MAX_SYNT ? s->wtype[loc] : TW_NULL;
}

static int root_at(const tb_state *s, int loc)
{
    return loc >= 0 && loc < TB_MAX_SYNT ? s->root[loc] : -1;
}

static void zero_actor(tb_actor *a)
{
    a->agent_before = 0;
    a->code = NULL;
    a->agent = NULL;
    a->compound = 0;
    a->where = -1;
    a->root = -1;
    a->agt_root = -1;
}

static int actor_empty(const tb_actor *a)
{
    return !a->code && !a->agent && !a->compound;
}

static int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static int actor_equal(const tb_actor *a, const tb_actor *b)
{
    return str_eq(a->code, b->code) && str_eq(a->agent, b->agent) && a->compound == b->compound;
}

/* ---- actors, agents ------------------------------------------------------------ */

static void actor_codes(tb_state *s, tb_actor *a, int loc)
{
    for (int hops = 0; tb_has_head(s, loc, TW_PRONOUN) && hops < 8; hops++)
        loc = tb_get_reference(s, loc);
    int r = root_at(s, loc);
    if (r < 0) {
        zero_actor(a);
        return;
    }
    a->root = r;
    a->code = tb_actor_code(s, r);
    a->agent = NULL;
    a->compound = a->code && strchr(a->code, '/') != NULL;
    a->where = loc;
}

static int is_former(const tb_state *s, int loc)
{
    int r = root_at(s, loc);
    return wtype_at(s, loc) == TW_ADJCTV && r >= 0 && s->m->roots.items[r].special == TRS_FORMER;
}

static const char *agent_code(const tb_state *s, int root)
{
    const tb_root *r = &s->m->roots.items[root];
    return r->entry < s->m->n_agents ? s->m->agent_codes[r->entry] : NULL;
}

static void find_agent(tb_state *s, int loc, tb_actor *a)
{
    int tloc = tb_actor_tail(s, loc);
    int former = 0;
    if (is_former(s, tloc + 1)) {
        former = 1;
        tloc++;
    }
    if (loc > 0 && !former && is_former(s, loc - 1))
        former = 1;
    a->agent_before = 0;
    if (wtype_at(s, tloc + 1) == TW_AGENT && tb_has_head(s, tloc + 1, TW_AGENT)) {
        a->agt_root = s->root[tloc + 1];
        a->agent = former ? elite_code : agent_code(s, a->agt_root);
        return;
    }
    if (wtype_at(s, loc - 1) == TW_PREP)
        loc--;
    else if (s->opt.petrarch && loc > 0 && s->m->lit_from != UINT32_MAX &&
             tb_has_lit(s, loc - 1, s->m->lit_from) == 2)
        loc--; /* SET: PETRARCH: "soldiers from Gondor" is one noun phrase */
    if (wtype_at(s, loc - 1) == TW_AGENT && tb_has_tail(s, loc - 1, TW_AGENT)) {
        int i = loc - 1;
        while (i >= 0 && !tb_has_head(s, i, TW_AGENT))
            i--;
        if (i >= 0) {
            a->agt_root = s->root[i];
            if (i > 0 && !former && is_former(s, i - 1))
                former = 1;
            a->agent = former ? elite_code : agent_code(s, a->agt_root);
            a->agent_before = 1;
            return;
        }
    }
    a->agent = NULL;
    a->agt_root = -1;
}

/* SET: PETRARCH: an agent written before a compound ("lawmakers in Fornost and
   Gondor") governs every member that has none of its own. */
static void inherit_agent(const tb_state *s, tb_actor *member, const tb_actor *first)
{
    if (!s->opt.petrarch || member->agent || !first->agent || !first->agent_before)
        return;
    member->agent = first->agent;
    member->agt_root = first->agt_root;
}

/* The first actor that begins at or after loc in the clause; -1 none. */
static int find_actor(tb_state *s, int loc, tb_actor *a)
{
    for (; loc <= s->iend; loc++)
        if (wtype_at(s, loc) == TW_ACTOR && tb_has_head(s, loc, TW_ACTOR)) {
            actor_codes(s, a, loc);
            find_agent(s, loc, a);
            return loc;
        }
    return -1;
}

/* The nearest actor at or before loc in the clause; -1 none. */
static int back_actor(tb_state *s, int loc, tb_actor *a)
{
    while (loc >= s->istart) {
        if (wtype_at(s, loc) == TW_ACTOR) {
            int found;
            loc = tb_actor_head(s, loc, &found);
            if (!found)
                return -1;
            actor_codes(s, a, loc);
            find_agent(s, loc, a);
            return loc;
        }
        loc--;
    }
    return -1;
}

static void set_default(tb_state *s, tb_actor *a, const char *code)
{
    zero_actor(a);
    a->code = code;
    a->where = TB_DEFAULT_LOC;
    a->agent_before = 0;
}

static void regular_source(tb_state *s, int index)
{
    int loc = s->istart;
    tb_actor a;
    for (;;) {
        int found = find_actor(s, loc, &a);
        if (found < 0)
            break;
        if (s->opt.def_prior && found > index) {
            set_default(s, &s->source, s->opt.def_src);
            s->regular_source = 1;
            return;
        }
        if (!actor_equal(&a, &s->target)) {
            s->source = a;
            s->regular_source = 1;
            return;
        }
        loc = found + 1;
    }
    if (s->opt.has_def_src) {
        set_default(s, &s->source, s->opt.def_src);
        s->regular_source = 1;
    }
}

static void regular_target(tb_state *s, int index)
{
    tb_actor a;
    int loc = index + 1;
    for (;;) {
        int found = find_actor(s, loc, &a);
        if (found < 0)
            break;
        if (!actor_equal(&a, &s->source)) {
            s->target = a;
            s->regular_target = 1;
            return;
        }
        loc = found + 1;
    }
    if (s->opt.def_after) {
        set_default(s, &s->target, s->opt.def_tar);
        s->regular_target = 1;
        return;
    }
    loc = index - 1;
    for (;;) {
        int found = back_actor(s, loc, &a);
        if (found < 0)
            break;
        if (!actor_equal(&a, &s->source)) {
            s->target = a;
            return;
        }
        loc = found - 1;
    }
    if (s->source.compound ||
        (s->source.where >= 0 && (s->sflags[s->source.where] & TSF_COMPOUND))) {
        s->target = s->source;
    } else if (s->opt.has_def_src) {
        set_default(s, &s->target, s->opt.def_tar);
        s->regular_target = 1;
    }
}

static int check_passive(tb_state *s, int index)
{
    if (wtype_at(s, index + 1) != TW_BYWORD && wtype_at(s, index + 2) != TW_BYWORD &&
        wtype_at(s, index + 3) != TW_BYWORD)
        return 0;
    if ((index > 0 && wtype_at(s, index - 1) == TW_AUXIL) ||
        (index > 1 && wtype_at(s, index - 2) == TW_AUXIL)) {
        s->is_passive = 1;
        return 1;
    }
    return 0;
}

/* ---- events ------------------------------------------------------------------- */

static void put_event(tb_state *s, const tb_pattern *p, int index, const tb_actor *src,
                      const tb_actor *tar)
{
    if (s->n_events + 1 >= TB_MAX_EVENTS || (p->paired && s->n_events + 1 >= TB_MAX_EVENTS - 1))
        return;
    tb_event *e = &s->ev[++s->n_events];
    if (s->n_events > 0)
        s->ev[s->n_events - 1].next = s->n_events;
    e->src = *src;
    e->tar = *tar;
    e->code = p->code;
    e->sub = (p->code_flags & DICT_CODE_SUBORDINATE) != 0;
    e->dom = (p->code_flags & DICT_CODE_DOMINANT) != 0;
    e->isevt = 1;
    e->evtloc = index;
    e->pat = p;
    if (p->paired) {
        tb_event *f = &s->ev[++s->n_events];
        e->next = s->n_events;
        f->src = *tar;
        f->tar = *src;
        f->code = p->paired;
        f->sub = (p->paired_flags & DICT_CODE_SUBORDINATE) != 0;
        f->dom = (p->paired_flags & DICT_CODE_DOMINANT) != 0;
        f->isevt = 1;
        f->evtloc = index;
        f->pat = p;
        e = f;
    }
    e->next = -1;
}

/* The next actor head after idx in a compound, and whether it is the last
   member; -1 when the compound's tags are broken. */
static int next_member(tb_state *s, int idx, int *more)
{
    idx++;
    while (root_at(s, idx) < 0 || wtype_at(s, idx) != TW_ACTOR) {
        if (++idx >= s->isynt)
            return -1;
    }
    int k = idx;
    while (!tb_has_tail(s, k, TW_ACTOR))
        if (++k >= s->isynt)
            return -1;
    if (tb_has_tail(s, k, TT_COMPOUND))
        *more = 0;
    return idx;
}

static int member_start(tb_state *s, const tb_actor *a, int *is_compound)
{
    int where = a->where;
    *is_compound = where >= 0 && (s->sflags[where] & TSF_COMPOUND) &&
                   tb_check_tail(s, where, TT_COMPOUND);
    int idx = *is_compound ? tb_compound_head(s, where) : where;
    return idx < 0 ? where : idx;
}

static void make_event(tb_state *s, const tb_pattern *p, int index)
{
    if (!p->code && !p->paired && !p->code_flags)
        return; /* [---] */
    if (actor_empty(&s->source))
        regular_source(s, index);
    if (actor_empty(&s->target))
        regular_target(s, index);
    if (actor_empty(&s->source) || actor_empty(&s->target))
        return;
    if (s->regular_source && s->regular_target && check_passive(s, index)) {
        tb_actor t = s->source;
        s->source = s->target;
        s->target = t;
    }
    int sw = s->source.where, tw = s->target.where;
    int src_cmp = sw >= 0 && (s->sflags[sw] & TSF_COMPOUND);
    int tar_cmp = tw >= 0 && (s->sflags[tw] & TSF_COMPOUND);
    if (!src_cmp && !tar_cmp) {
        put_event(s, p, index, &s->source, &s->target);
    } else {
        int more_src, more_tar, first_src = 1;
        tb_actor src_first, tar_first;
        int idx_src = member_start(s, &s->source, &more_src);
        for (;;) {
            tb_actor src, tar;
            if (idx_src == TB_DEFAULT_LOC) {
                src = s->source;
            } else {
                actor_codes(s, &src, idx_src);
                find_agent(s, idx_src, &src);
            }
            if (first_src)
                src_first = src;
            else
                inherit_agent(s, &src, &src_first);
            first_src = 0;
            int first_tar = 1;
            int idx_tar = member_start(s, &s->target, &more_tar);
            for (;;) {
                if (idx_tar == TB_DEFAULT_LOC) {
                    tar = s->target;
                } else {
                    actor_codes(s, &tar, idx_tar);
                    find_agent(s, idx_tar, &tar);
                }
                if (first_tar)
                    tar_first = tar;
                else
                    inherit_agent(s, &tar, &tar_first);
                first_tar = 0;
                put_event(s, p, index, &src, &tar);
                if (!more_tar)
                    break;
                idx_tar = next_member(s, idx_tar, &more_tar);
                if (idx_tar < 0)
                    return; /* broken compound: TABARI gives up here */
            }
            if (!more_src)
                break;
            idx_src = next_member(s, idx_src, &more_src);
            if (idx_src < 0)
                return;
        }
    }
    if (!s->regular_source)
        zero_actor(&s->source);
    if (!s->regular_target)
        zero_actor(&s->target);
}

static void do_verb(tb_state *s, int index)
{
    const tb_model *m = s->m;
    zero_actor(&s->target);
    if (s->is_passive) { /* the verb before was passive: find the source again */
        zero_actor(&s->source);
        s->is_passive = 0;
    }
    const tb_verb *v = &m->verbs.items[m->roots.items[s->root[index]].entry];
    int gotpat = 0, gotalt = 0, old_n = s->n_events, maxlen = 0;
    for (uint32_t k = 0; k < v->n_patterns && !gotpat; k++) {
        const tb_pattern *p = &m->patterns.items[v->first_pattern + k];
        if (gotalt && p->length <= maxlen) {
            gotpat = 1;
            break;
        }
        tb_binding b;
        if (!tb_pattern_possible(s, p) || !tb_check_pattern(s, p->phrase, index, TW_VERB, &b))
            continue;
        int make = 0;
        if (b.lenalt) {
            gotalt = 1;
            if (p->length + b.lenalt > maxlen) {
                make = 1;
                maxlen = p->length - p->maxalt + b.lenalt;
            }
        } else {
            gotalt = 0;
            gotpat = 1;
            make = 1;
        }
        if (!make)
            continue;
        if (b.source >= 0) {
            actor_codes(s, &s->source, b.source);
            find_agent(s, b.source, &s->source);
        }
        if (b.target >= 0) {
            actor_codes(s, &s->target, b.target);
            find_agent(s, b.target, &s->target);
        }
        if (b.compound >= 0) {
            actor_codes(s, &s->source, b.compound);
            actor_codes(s, &s->target, b.compound);
        }
        s->n_events = old_n; /* a longer match replaces an earlier one */
        make_event(s, p, index);
    }
    if (!gotpat)
        make_event(s, &v->main, index);
}

/* ---- clauses -------------------------------------------------------------------- */

static int next_clause(tb_state *s)
{
    if (!s->has_clauses) {
        if (s->iend >= 0)
            return 0;
        s->istart = 0;
        s->iend = s->ilex;
        return 1;
    }
    if (s->iend >= 0) {
        s->istart = s->iend + 1;
        while (s->istart <= s->ilex && !tb_has_head(s, s->istart, TT_CLAUSE))
            s->istart++;
        if (s->istart > s->ilex)
            return 0;
    } else {
        s->istart = 0;
    }
    s->iend = s->istart;
    while (s->iend < s->ilex && !tb_has_tail(s, s->iend, TT_CLAUSE))
        s->iend++;
    return 1;
}

static void check_verbs(tb_state *s)
{
    zero_actor(&s->source);
    s->is_passive = 0;
    s->istart = 0;
    s->iend = -1;
    int start_event = -1;
    while (next_clause(s)) {
        if (s->iend - s->istart < 2)
            continue; /* "sheep and goats": not a clause */
        if (s->istart && tb_has_head(s, s->istart, TW_ACTOR))
            actor_codes(s, &s->source, s->istart);
        zero_actor(&s->target);
        int index = s->istart, got = 0;
        if (s->opt.code_mode == 0)
            start_event = s->n_events;
        while (index <= s->iend) {
            if (tb_skip_segment(s, &index, TT_SUBORD))
                continue;
            if (tb_has_head(s, index, TW_VERB)) {
                do_verb(s, index);
                if (s->opt.code_mode < 2) {
                    for (int e = start_event + 1; e <= s->n_events; e++)
                        if (s->ev[e].isevt && !s->ev[e].sub) {
                            got = 1;
                            if (s->opt.code_mode == 1)
                                return;
                            break;
                        }
                }
            }
            if (got)
                break;
            index++;
        }
    }
}

/* ---- time ---------------------------------------------------------------------- */

static void check_time(tb_state *s)
{
    for (int p = 0; s->wtype[p] != TW_HALT; p++) {
        if (!tb_has_head(s, p, TW_TIME) || s->root[p] < 0)
            continue;
        const time_entry *t = dict_time(s->m->dict, s->m->roots.items[s->root[p]].entry);
        if (!t)
            continue;
        if (t->discard == 1) {
            s->has_discard = 1;
            return;
        }
        if (t->discard == 2) {
            s->is_complex = 1;
            return;
        }
        s->date += t->shift_days;
        s->date_shifted = 1;
        return;
    }
}

/* ---- the events that remain ---------------------------------------------------------- */

static int bad_code(const char *c)
{
    return !c || !*c || !strcmp(c, "---") || !strcmp(c, "###") || !strcmp(c, "+++") ||
           !strcmp(c, "***");
}

static int same_actors(const tb_event *e)
{
    if (bad_code(e->src.code) || bad_code(e->tar.code))
        return 1;
    return str_eq(e->src.code, e->tar.code) && str_eq(e->src.agent, e->tar.agent);
}

static int duplicate(const tb_state *s, int i)
{
    const tb_event *e = &s->ev[i];
    for (int k = 0; k < i; k++) {
        const tb_event *f = &s->ev[k];
        if (str_eq(e->src.code, f->src.code) && str_eq(e->src.agent, f->src.agent) &&
            str_eq(e->tar.code, f->tar.code) && str_eq(e->tar.agent, f->tar.agent) &&
            str_eq(e->code, f->code))
            return 1;
    }
    return 0;
}

static void evaluate_events(tb_state *s)
{
    int non_sub = 0, has_dom = 0, has_null = 0;
    for (int k = 0; k <= s->n_events; k++) {
        tb_event *e = &s->ev[k];
        if (!e->code) {
            e->isevt = 0;
            e->sub = 1;
            has_null = 1;
        }
        if (e->code && !strcmp(e->code, "###")) {
            s->has_discard_evt = 1;
            break;
        }
        if ((e->code && !strcmp(e->code, "+++")) || (e->src.code && !strcmp(e->src.code, "+++")) ||
            (e->tar.code && !strcmp(e->tar.code, "+++"))) {
            s->has_complex_evt = 1;
            break;
        }
        if (e->dom) {
            has_dom = non_sub = 1;
            break;
        }
        if (!e->sub)
            non_sub = 1;
    }
    for (int k = 0; k <= s->n_events; k++) {
        if (has_dom && !s->ev[k].dom)
            s->ev[k].isevt = 0;
        else if (!has_dom && non_sub && s->ev[k].sub)
            s->ev[k].isevt = 0;
    }
    if (has_dom || non_sub || has_null) {
        int w = 0;
        for (int k = 0; k <= s->n_events; k++)
            if (s->ev[k].isevt)
                s->ev[w++] = s->ev[k];
        s->n_events = w - 1;
        if (s->n_events >= 0)
            s->ev[s->n_events].next = -1;
    }
}

/* The codes of a coded compound "A/B/C", one at a time. */
static const char *code_part(tb_state *s, const char *code, int k, char *buf, size_t cap)
{
    (void)s;
    const char *p = code;
    for (int i = 0; i < k; i++) {
        p = strchr(p, '/');
        if (!p)
            return NULL;
        p++;
    }
    const char *e = strchr(p, '/');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len >= cap)
        len = cap - 1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* Codes of expanded compounds live in a small per-record pool. */
static const char *pool_code(tb_state *s, const char *code)
{
    for (int k = 0; k < s->n_pool; k++)
        if (!strcmp(s->pool[k], code))
            return s->pool[k];
    if (s->n_pool >= TB_MAX_EVENTS)
        return NULL;
    strncpy(s->pool[s->n_pool], code, sizeof s->pool[0] - 1);
    s->pool[s->n_pool][sizeof s->pool[0] - 1] = '\0';
    return s->pool[s->n_pool++];
}

static int expand_one(tb_state *s, int ka, int target, int *ilast, int inext, int *ievt)
{
    tb_actor *a = target ? &s->ev[ka].tar : &s->ev[ka].src;
    if (!a->compound || !a->code)
        return 0;
    char buf[ACTOR_CODE_MAX];
    const char *whole = a->code;
    a->code = pool_code(s, code_part(s, whole, 0, buf, sizeof buf));
    a->agent = NULL;
    a->compound = 0;
    for (int k = 1; code_part(s, whole, k, buf, sizeof buf); k++) {
        if (*ievt + 1 >= TB_MAX_EVENTS)
            return -1;
        tb_event *e = &s->ev[++*ievt];
        *e = s->ev[ka];
        tb_actor *b = target ? &e->tar : &e->src;
        b->code = pool_code(s, buf);
        b->agent = NULL;
        b->compound = 0;
        if (target && (same_actors(e) || duplicate(s, *ievt))) {
            --*ievt;
            continue;
        }
        s->ev[*ilast].next = *ievt;
        e->next = inext;
        *ilast = *ievt;
    }
    return 0;
}

static void expand_compound_codes(tb_state *s)
{
    int ievt = s->n_events, ilast = -1;
    for (int ka = 0; ka <= s->n_events; ka++) {
        if (ilast >= 0)
            s->ev[ilast].next = ka;
        ilast = ka;
        if (expand_one(s, ka, 0, &ilast, s->ev[ka].next, &ievt) != 0)
            break;
    }
    s->n_events = ievt;
    ilast = -1;
    for (int ka = 0, steps = 0; ka >= 0 && ka < TB_MAX_EVENTS && steps < 2 * TB_MAX_EVENTS; steps++) {
        if (ilast >= 0)
            s->ev[ilast].next = ka;
        ilast = ka;
        int inext = s->ev[ka].next;
        if (expand_one(s, ka, 1, &ilast, inext, &ievt) != 0)
            break;
        ka = inext;
    }
    s->n_events = ievt;
}

void tb_compose(char *out, size_t cap, const char *actor, const char *agent)
{
    if (!actor)
        actor = "";
    if (!agent || !*agent) {
        str_copy(out, cap, actor);
        return;
    }
    size_t al = strlen(agent);
    if (agent[0] == '~') {
        const char *ps = strstr(actor, agent + 1);
        if (ps && (ps - actor) % 3 == 0)
            str_copy(out, cap, actor);
        else
            str_concat(out, cap, actor, agent + 1);
    } else {
        char pre[ACTOR_CODE_MAX];
        str_copy_n(pre, sizeof pre, agent, al - 1);
        const char *ps = strstr(actor, pre);
        if (!ps || (ps - actor) % 3 != 0)
            str_concat(out, cap, pre, actor);
        else
            str_copy(out, cap, actor);
    }
}

static void make_output(tb_state *s)
{
    s->n_out = 0;
    int steps = 0;
    for (int i = 0; i >= 0 && i < TB_MAX_EVENTS && s->n_events >= 0 && steps < 2 * TB_MAX_EVENTS;
         i = s->ev[i].next, steps++) {
        const tb_event *e = &s->ev[i];
        if (!same_actors(e) && !duplicate(s, i) && s->n_out < TB_MAX_EVENTS) {
            tb_out *o = &s->out[s->n_out++];
            tb_compose(o->source, sizeof o->source, e->src.code, e->src.agent);
            tb_compose(o->target, sizeof o->target, e->tar.code, e->tar.agent);
            o->code = e->code;
            o->verb = e->evtloc;
            o->src_loc = e->src.where;
            o->tar_loc = e->tar.where;
            o->src_root = e->src.root;
            o->tar_root = e->tar.root;
            o->src_agt = e->src.agt_root;
            o->tar_agt = e->tar.agt_root;
            o->pat = e->pat;
        }
    }
}

int tb_code(tb_state *s)
{
    s->n_events = -1;
    s->n_out = 0;
    s->n_pool = 0;
    s->has_discard_evt = s->has_complex_evt = 0;
    s->regular_source = s->regular_target = 0;
    s->outcome = TB_NO_EVENTS;
    if (s->parse_error) {
        s->outcome = TB_INPUT_ERROR;
        return 0;
    }
    if (s->opt.time_shift)
        check_time(s);
    if (s->has_discard) {
        s->outcome = TB_DISCARD;
        return 0;
    }
    if (s->is_complex) {
        s->outcome = TB_COMPLEX;
        return 0;
    }
    check_verbs(s);
    if (s->n_events < 0)
        return 0;
    evaluate_events(s);
    if (s->n_events < 0)
        return 0;
    if (s->has_discard_evt) {
        s->outcome = TB_DISCARD;
        return 0;
    }
    if (s->has_complex_evt) {
        s->outcome = TB_COMPLEX;
        return 0;
    }
    expand_compound_codes(s);
    make_output(s);
    s->outcome = s->n_out ? TB_EVENTS : TB_NO_EVENTS;
    return s->n_out;
}
