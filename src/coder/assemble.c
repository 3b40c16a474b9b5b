/*
** assemble.c: verb groups become event mentions.
**
** For each coded verb group, in sentence order:
**   1. its patterns decide the code (or the verb's own code) and may bind the
**      source and target phrases;
**   2. a "to"-complement is folded in ("urged X to free" -> 0253) and not coded
**      again on its own;
**   3. modality: speculation ("may", "could", "is expected to") and conditions
**      drop the event; intentions ("will", "is to", "plans to") become 03x codes,
**      negated intentions 12x refusals; a negated act is kept only on request;
**   4. roles: the source is the clause's subject, or the "by" phrase of a
**      passive, or the possessor of a nominal ("Japan's visit"); the target is
**      the pattern's '+', or the first actor phrase after the verb that is not
**      a place, a passive agent or a speaker ("according to");
**   5. compounds multiply, paired codes add the reverse event, symmetric codes
**      with a compound source and no target pair its members;
**   6. agents with no country take the country of a place in the sentence;
**      what is still unknown is settled for the whole document in coder.c.
*/
#include <stdio.h>
#include <string.h>

#include "coder/coder_private.h"
#include "util/civil_date.h"
#include "util/strcopy.h"

typedef struct actor_ref {
    char code[ACTOR_CODE_MAX];
    span text;
    const char *entry;
    const char *agent_entry;
    uint16_t flags;             /* MENTF_COREF / MENTF_COMPOUND */
} actor_ref;

#define MAX_REFS 8

typedef struct role_set {
    actor_ref refs[MAX_REFS];
    size_t n;
    uint16_t np;
} role_set;

static int tok_is(const coder *c, uint16_t i, const char *word)
{
    return coder_tok_is(c, i, word);
}

static span tokens_span(const coder *c, uint16_t from, uint16_t to)
{
    span s = {c->tok[from].start, c->tok[to - 1].end};
    return s;
}

static const char *actor_where(const coder *c, int32_t actor)
{
    const actor_entry *a = actor >= 0 ? dict_actor(c->dict, (uint32_t)actor) : NULL;
    return a ? a->where : NULL;
}

static const char *agent_where(const coder *c, int32_t agent)
{
    const agent_entry *a = agent >= 0 ? dict_agent(c->dict, (uint32_t)agent) : NULL;
    return a ? a->where : NULL;
}

/* A country code with an agent's role appended (country codes only). */
static void apply_agent_code(const coder *c, char *code, int32_t agent)
{
    const agent_entry *ag = dict_agent(c->dict, (uint32_t)agent);
    if (!ag || !ag->code || strlen(code) != 3 || ag->attach != AGENT_SUFFIX)
        return;
    char out[ACTOR_CODE_MAX];
    str_concat(out, sizeof out, code, ag->code);
    memcpy(code, out, ACTOR_CODE_MAX);
}

/* Fill an agent's missing country from a place named in the sentence. */
static void fill_country(const coder *c, char *code)
{
    if (strncmp(code, "---", 3) != 0 || !c->sentence_place[0])
        return;
    memcpy(code, c->sentence_place, 3);
}

/* The actors of a phrase (its members, or what a pronoun stands for). */
static void roles_of_np(coder *c, uint16_t n, role_set *rs)
{
    rs->n = 0;
    rs->np = n;
    if (n == NONE16)
        return;
    noun_phrase *np = &c->nps.items[n];
    span text = tokens_span(c, np->start, np->end);
    if (np->flags & (NPF_PRONOUN | NPF_TWO)) {
        char code[ACTOR_CODE_MAX], code2[ACTOR_CODE_MAX];
        if (!resolve_pronoun(c, np, code, sizeof code, code2))
            return;
        if ((np->flags & NPF_PAIR_AGENT) && np->members[0].agent >= 0) {
            /* "the leaders of the two countries": each country's leaders */
            np_member tmp = np->members[0];
            str_copy_n(tmp.code, sizeof tmp.code, code, 3);
            apply_agent_code(c, tmp.code, np->members[0].agent);
            str_copy(code, sizeof code, tmp.code);
            if (code2[0]) {
                str_copy_n(tmp.code, sizeof tmp.code, code2, 3);
                apply_agent_code(c, tmp.code, np->members[0].agent);
                str_copy(code2, sizeof code2, tmp.code);
            }
        }
        actor_ref *r = &rs->refs[rs->n++];
        memset(r, 0, sizeof *r);
        str_copy(r->code, sizeof r->code, code);
        r->text = text;
        r->entry = "coreference";
        r->flags = MENTF_COREF;
        if (code2[0]) {
            r = &rs->refs[rs->n++];
            memset(r, 0, sizeof *r);
            str_copy(r->code, sizeof r->code, code2);
            r->text = text;
            r->entry = "coreference";
            r->flags = MENTF_COREF | MENTF_COMPOUND;
            rs->refs[0].flags |= MENTF_COMPOUND;
        }
        return;
    }
    char owner[ACTOR_CODE_MAX] = "";
    if (np->n_members == 1 && !strncmp(np->members[0].code, "---", 3) &&
        (tok_is(c, np->start, "ITS") || tok_is(c, np->start, "THEIR") ||
         tok_is(c, np->start, "HIS") || tok_is(c, np->start, "HER"))) {
        /* "its troops", "their forces": the owner's country */
        noun_phrase pron = *np;
        pron.end = (uint16_t)(pron.start + 1);
        pron.flags = NPF_PRONOUN | (tok_is(c, np->start, "THEIR") ? NPF_PLURAL : 0);
        char code2[ACTOR_CODE_MAX];
        if (!resolve_pronoun(c, &pron, owner, sizeof owner, code2) || strlen(owner) < 3 ||
            !strncmp(owner, "IGO", 3))
            owner[0] = '\0';
    }
    for (uint8_t k = 0; k < np->n_members && rs->n < MAX_REFS; k++) {
        const np_member *m = &np->members[k];
        if (!m->code[0])
            continue;
        actor_ref *r = &rs->refs[rs->n++];
        memset(r, 0, sizeof *r);
        str_copy(r->code, sizeof r->code, m->code);
        if (owner[0]) {
            memcpy(r->code, owner, 3);
            r->flags |= MENTF_COREF;
        }
        fill_country(c, r->code);
        r->text = np->n_members > 1 ? tokens_span(c, m->start, m->end) : text;
        r->entry = actor_where(c, m->actor);
        r->agent_entry = agent_where(c, m->agent);
        r->flags = np->n_members > 1 ? MENTF_COMPOUND : 0;
    }
}

/* Acts whose agent goes without saying when the text leaves it out: arrests
   and detentions are the police's, deportations and sentences the state's,
   abductions and assassination attempts unknown attackers'.  The country is the
   sentence's place, else the document's (settled in coder.c). */
static void implied_agent(coder *c, const char *code, role_set *src)
{
    if (!strncmp(code, "084", 3) && c->out->len > c->out_start &&
        c->out->items[c->out->len - 1].sentence == c->sentence_no) {
        /* "... would prosecute 300, while another 900 would be released": the
           holder named before in the sentence releases */
        const event_mention *prev = &c->out->items[c->out->len - 1];
        actor_ref *r = &src->refs[0];
        memset(r, 0, sizeof *r);
        str_copy(r->code, sizeof r->code, prev->source.code);
        r->text = prev->source.text;
        r->entry = prev->source.entry;
        r->flags = MENTF_DEFAULT_ACTOR;
        src->n = 1;
        return;
    }
    static const struct { const char *prefix, *role; } implied[] = {
        {"173", "COP"}, {"1721", "COP"}, {"175", "COP"}, {"174", "GOV"}, {"1712", "MIL"},
        {"181", "UAF"}, {"185", "UAF"}, {"186", "UAF"}, {"1823", "UAF"},
    };
    for (size_t k = 0; k < sizeof implied / sizeof implied[0]; k++) {
        if (strncmp(code, implied[k].prefix, strlen(implied[k].prefix)))
            continue;
        actor_ref *r = &src->refs[0];
        memset(r, 0, sizeof *r);
        str_concat(r->code, sizeof r->code, "---", implied[k].role);
        fill_country(c, r->code);
        r->entry = "implied agent of an agentless passive";
        r->flags = MENTF_DEFAULT_ACTOR;
        src->n = 1;
        if (tracing(c))
            trace_printf(c, "    agentless passive: implied source %s\n", r->code);
        return;
    }
}

/* An actor used as a modifier of a noun ("a US trade accord", "Iraqi oil
   exports") is not the object of the verb before it. */
static int modifies_noun(const coder *c, const noun_phrase *np)
{
    uint16_t e = np->end;
    if (e >= c->n_tok || c->tok[e].kind != TOK_WORD || (np->flags & (NPF_PRONOUN | NPF_POSSESSOR)))
        return 0;
    /* "Chilean dictator Augusto Pinochet": a title and a name follow, the
       phrase names a person of that country */
    for (uint16_t q = e; q < c->n_tok && q < e + 3; q++) {
        if (c->tok[q].kind != TOK_WORD || c->info[q].gclass)
            break;
        if ((c->tok[q].flags & TOKF_CAPITALIZED) && !(c->tok[q].flags & TOKF_IN_TITLE) &&
            c->info[q].hit == NONE16)
            return 0;
    }
    /* "a US trade accord": a verb-dictionary noun followed by another word */
    if (c->info[e].role == TR_VERB && e + 1 < c->n_tok && c->tok[e + 1].kind == TOK_WORD &&
        !c->info[e + 1].gclass && c->info[e + 1].np == NONE16)
        return 1;
    if (c->info[e].gclass || c->info[e].np != NONE16 || c->info[e].role != TR_NONE)
        return 0;
    /* an unknown word that is not a verb of ours: a noun this actor modifies */
    return c->info[e].vg == NONE16 && (e + 1 >= c->n_tok || c->tok[e + 1].kind == TOK_WORD ||
                                      c->info[e].hit != NONE16 || !(c->tok[e].flags & TOKF_CAPITALIZED));
}

/* The first actor phrase after `from` in the clause that can be an object. */
static uint16_t find_object(const coder *c, const verb_group *vg, uint16_t from, int allow_by,
                            uint16_t transparent_until, int owner_is_target)
{
    const clause *cl = &c->clauses.items[vg->clause];
    uint16_t limit = cl->end;
    int passed_noun = 0;
    for (uint16_t i = from; i < limit; i++) {
        uint16_t n = c->info[i].np;
        /* "turned down a plea for a force to protect X": past a non-actor object,
           "of" and "for" attach to that object, not to the verb */
        if (passed_noun && i > transparent_until &&
            ((c->info[i].gclass & G_OF) || tok_is(c, i, "FOR")))
            break;
        if (n == NONE16 && c->tok[i].kind == TOK_WORD && !(c->info[i].gclass & (G_DET | G_PREP | G_ADVERB)) &&
            c->info[i].vg == NONE16)
            passed_noun = 1;
        if (n != NONE16 && c->nps.items[n].start == i) {
            const noun_phrase *np = &c->nps.items[n];
            /* "lashed out at China", "fired at police": AT right after the
               verb names its target, not a place */
            int at_target = (np->flags & NPF_PLACE) && np->prep == vg->end && tok_is(c, np->prep, "AT");
            if (((np->flags & (NPF_PLACE | NPF_ACCORDING)) && !at_target) ||
                ((np->flags & NPF_BY) && !allow_by)) {
                i = (uint16_t)(np->end - 1);
                continue;
            }
            if ((np_has_actor(np) || (np->flags & (NPF_PRONOUN | NPF_TWO))) &&
                (owner_is_target || !modifies_noun(c, np)))
                return n;
            i = (uint16_t)(np->end - 1);
            continue;
        }
        /* do not run into the next coded verb's own object */
        if (c->info[i].vg != NONE16 && i >= vg->end &&
            !(c->vgs.items[c->info[i].vg].flags & VGF_NOMINAL))
            break;
    }
    return NONE16;
}

/* "talks between Japan and North Korea" */
static uint16_t find_between(const coder *c, const verb_group *vg)
{
    const clause *cl = &c->clauses.items[vg->clause];
    for (uint16_t i = vg->end; i < cl->end && i < vg->end + 4; i++) {
        uint16_t n = c->info[i].np;
        if (n != NONE16 && (c->nps.items[n].flags & NPF_BETWEEN) &&
            (c->nps.items[n].flags & NPF_COMPOUND))
            return n;
    }
    return NONE16;
}

static uint16_t find_by_agent(const coder *c, const verb_group *vg)
{
    const clause *cl = &c->clauses.items[vg->clause];
    for (uint16_t i = vg->end; i < cl->end; i++) {
        uint16_t n = c->info[i].np;
        if (n != NONE16 && (c->nps.items[n].flags & NPF_BY) && np_has_actor(&c->nps.items[n]))
            return n;
    }
    return vg->by_np;
}

/* Does a phrase used as a modifier name an agent ("Israeli air strikes", "US
   raid", "NATO bombing") rather than a place ("Iraq mortar attack", "Gaza
   raid")?  Demonyms, acronyms, organisations and people do; country names do
   not. */
static int agentive_modifier(const coder *c, const noun_phrase *np)
{
    const char *code = np->members[0].code;
    if (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) ||
        strlen(code) > 3 || np->end - np->start > 1)
        return 1;
    const token *t = &c->tok[np->end - 1];
    if ((t->flags & TOKF_ALLCAPS) || (t->flags & TOKF_ABBREV))
        return 1; /* US, U.S., UK */
    char key[40];
    size_t n = text_token_key(c->doc->text, t, key, sizeof key);
    if (n >= sizeof key)
        return 0;
    key[n] = '\0';
    static const char *const endings[] = {"AN", "ESE", "ISH", "I", "IC", "CH", "ERN", "ESE", NULL};
    for (const char *const *e = endings; *e; e++) {
        size_t el = strlen(*e);
        if (n > el + 1 && !strcmp(key + n - el, *e))
            return 1;
    }
    return 0;
}

/* A nominal's owner: "Japan's visit", "his visit", "Israeli air strikes",
   "the US invasion". */
static uint16_t find_possessor(const coder *c, const verb_group *vg)
{
    uint16_t p = vg->head;
    int k = 0;
    while (p > 0 && k < 4) {
        p--;
        uint16_t n = c->info[p].np;
        if (n != NONE16) {
            const noun_phrase *np = &c->nps.items[n];
            if (np->flags & NPF_POSSESSOR)
                return n;
            /* an actor used as a modifier, not governed by a preposition, with
               only modifiers between ("Israeli air strikes"); a bare agent there
               is an adjective ("a military build-up") */
            if (np->end == p + 1 && !(np->flags & (NPF_PREP | NPF_PRONOUN)) && np_has_actor(np) &&
                strncmp(np->members[0].code, "---", 3) && agentive_modifier(c, np)) {
                for (uint16_t q = np->end; q < vg->head; q++)
                    if (c->info[q].gclass || c->info[q].hit != NONE16 ||
                        (c->tok[q].kind != TOK_WORD && c->tok[q].kind != TOK_NUMBER))
                        return NONE16;
                return n;
            }
            return NONE16;
        }
        if (c->tok[p].kind == TOK_PUNCT || c->info[p].vg != NONE16 ||
            (c->info[p].gclass & (G_PREP | G_COORD)))
            return NONE16;
        k++;
    }
    return NONE16;
}

/* The subject of a "that" clause following the verb's clause, NONE16 if none. */
static uint16_t that_clause_subject(const coder *c, const verb_group *vg)
{
    size_t k = (size_t)vg->clause + 1;
    if (k >= c->clauses.len)
        return NONE16;
    const clause *cl = &c->clauses.items[k];
    int after_that = tok_is(c, cl->start, "THAT") || (cl->start > 0 && tok_is(c, cl->start - 1, "THAT"));
    if (!after_that || cl->subject == NONE16 ||
        !np_has_actor(&c->nps.items[cl->subject]))
        return NONE16;
    return cl->subject;
}

/* "the failure of talks", "the collapse of the truce": a nominal governed by
   "of" after another noun is recalled, not reported. */
static int recalled_by_of(const coder *c, const verb_group *vg)
{
    uint16_t p = vg->head;
    for (int k = 0; p > 0 && k < 6; k++) {
        p--;
        if (c->info[p].gclass & G_OF)
            return p > 0 && c->tok[p - 1].kind == TOK_WORD && !c->info[p - 1].gclass &&
                   c->info[p - 1].np == NONE16 && c->info[p - 1].vg == NONE16;
        if (c->tok[p].kind == TOK_PUNCT || c->info[p].np != NONE16 || c->info[p].vg != NONE16)
            return 0;
    }
    return 0;
}

/* "accused of killing", "charged with kidnapping", "convicted of the attack",
   "on charges of": the event is the accusation's content. */
static int charged_with(const coder *c, const verb_group *vg)
{
    static const char *const frames[] = {"ACCUSED", "ACCUSING", "CHARGED", "CONVICTED",
                                         "SUSPECTED", "GUILTY", "CHARGES", "ACCUSATIONS",
                                         "ALLEGATIONS", "TRIAL", "INDICTED", "SENTENCED",
                                         "ACQUITTED", "CLEARED", "BLAMED", NULL};
    uint16_t p = vg->head;
    for (int k = 0; p > 0 && k < 5; k++) {
        p--;
        for (const char *const *f = frames; *f; f++)
            if (tok_is(c, p, *f))
                return 1;
        if (c->tok[p].kind == TOK_PUNCT || c->info[p].np != NONE16)
            return 0;
    }
    return 0;
}

/* Is this phrase the object of a verb right before it ("oppose [Turkish] talks")? */
static int object_of_verb(const coder *c, const noun_phrase *np)
{
    uint16_t p = np->start;
    for (int k = 0; p > 0 && k < 3; k++) {
        p--;
        if (c->info[p].vg != NONE16)
            return !(c->vgs.items[c->info[p].vg].flags & VGF_NOMINAL);
        if (!(c->info[p].gclass & (G_DET | G_ADVERB)))
            return 0;
    }
    return 0;
}

/* The subject of an if/unless clause after the verb ("... if the British
   government refuses to pull its troops"), or NONE16. */
static uint16_t condition_subject(const coder *c, const verb_group *vg)
{
    for (size_t k = vg->clause + 1; k < c->clauses.len; k++) {
        const clause *cl = &c->clauses.items[k];
        if (cl->conditional && cl->subject != NONE16 && np_has_actor(&c->nps.items[cl->subject]))
            return cl->subject;
    }
    return NONE16;
}

/* "held talks", "paid a visit", "launched an offensive": a light verb whose
   object is the nominal; the light verb's subject is the event's source. */
static int light_verb_before(const coder *c, const verb_group *vg)
{
    uint16_t p = vg->head;
    for (int k = 0; p > 0 && k < 5; k++) {
        p--;
        uint64_t g = c->info[p].gclass;
        if (g & G_LIGHT)
            return 1;
        if (tok_is(c, p, "OVER") || tok_is(c, p, "OUT") || tok_is(c, p, "UP") ||
            tok_is(c, p, "DOWN") || tok_is(c, p, "BACK") || tok_is(c, p, "OFF"))
            continue; /* the particle of "handed over", "carried out" */
        if (c->info[p].np != NONE16 || c->tok[p].kind == TOK_PUNCT || c->info[p].vg != NONE16)
            return 0;
        if (!(g & (G_DET | G_NUMBER | G_ADVERB)) && (g || c->info[p].hit != NONE16))
            return 0;
    }
    return 0;
}

static uint16_t first_place_np(const coder *c, const verb_group *vg)
{
    const clause *cl = &c->clauses.items[vg->clause];
    for (uint16_t i = vg->end; i < cl->end; i++) {
        uint16_t n = c->info[i].np;
        if (n != NONE16 && (c->nps.items[n].flags & NPF_PLACE) && np_has_actor(&c->nps.items[n]))
            return n;
    }
    return NONE16;
}


static int code_root_in(const char *code, const char *const *roots)
{
    for (; *roots; roots++)
        if (!strncmp(code, *roots, 2))
            return 1;
    return 0;
}

/* "may"/"might" directly before the verb, with an actor as the clause subject:
   the actor weighing an option, not the author guessing. */
static int considering_option(const coder *c, const verb_group *vg)
{
    if (vg->flags & (VGF_NOMINAL | VGF_INFINITIVE))
        return 0;
    int may = 0;
    for (uint16_t p = vg->start; p < vg->head; p++)
        may |= tok_is(c, p, "MAY") || tok_is(c, p, "MIGHT");
    const clause *cl = &c->clauses.items[vg->clause];
    return may && cl->subject != NONE16 && np_has_actor(&c->nps.items[cl->subject]);
}

typedef struct event_plan {
    const char *code, *paired;
    const pattern *pat;
    const verb_group *vg;
    uint16_t flags;             /* mention flags to set */
    uint8_t modality;
    int32_t date;
    uint8_t date_basis;
} event_plan;

static int same_principal(const char *a, const char *b)
{
    return !strcmp(a, b);
}

static int emit(coder *c, const event_plan *ep, const actor_ref *src, const actor_ref *tgt,
                const char *code, uint16_t extra_flags)
{
    if (!src->code[0] || !tgt->code[0] || same_principal(src->code, tgt->code))
        return 0;
    event_mention *m = vec_push_zero(c->out);
    if (!m)
        return -1;
    m->sentence = c->sentence_no;
    m->sentence_text = c->sentence_span;
    str_copy(m->source.code, sizeof m->source.code, src->code);
    m->source.text = src->text;
    m->source.entry = src->entry;
    m->source.agent_entry = src->agent_entry;
    str_copy(m->target.code, sizeof m->target.code, tgt->code);
    m->target.text = tgt->text;
    m->target.entry = tgt->entry;
    m->target.agent_entry = tgt->agent_entry;
    str_copy(m->code, sizeof m->code, code);
    m->verb_text = tokens_span(c, ep->vg->head, ep->vg->head_end);
    const verb_entry *v = dict_verb(c->dict, ep->vg->verb);
    m->verb_entry = v ? v->where : NULL;
    m->pattern = ep->pat ? ep->pat->where : NULL;
    m->date = ep->date;
    m->date_basis = ep->date_basis;
    m->modality = ep->modality;
    m->flags = (uint16_t)(ep->flags | extra_flags | ((src->flags | tgt->flags) & (MENTF_COREF | MENTF_COMPOUND)));
    if (c->in_title)
        m->flags |= MENTF_TITLE;
    m->confidence = ep->pat ? 0.9f : 0.7f;
    if (tracing(c))
        trace_printf(c, "    => EVENT %s -> %s  %s%s\n", m->source.code, m->target.code, m->code,
                     (m->flags & MENTF_PAIRED) ? " (paired)" : "");
    return 0;
}

static int emit_all(coder *c, const event_plan *ep, const role_set *src, const role_set *tgt)
{
    int symmetric = ep->paired && !strcmp(ep->paired, ep->code);
    if (tgt->n == 0 && src->n > 1 && symmetric) {
        for (size_t a = 0; a < src->n; a++)
            for (size_t b = 0; b < src->n; b++)
                if (a != b && emit(c, ep, &src->refs[a], &src->refs[b], ep->code, 0) != 0)
                    return -1;
        return 0;
    }
    for (size_t a = 0; a < src->n; a++)
        for (size_t b = 0; b < tgt->n; b++) {
            if (emit(c, ep, &src->refs[a], &tgt->refs[b], ep->code, 0) != 0)
                return -1;
            if (ep->paired &&
                emit(c, ep, &tgt->refs[b], &src->refs[a], ep->paired, MENTF_PAIRED) != 0)
                return -1;
        }
    return 0;
}

/* The code a verb group carries by itself: its best pattern or its own code. */
static const char *verb_code(coder *c, const verb_group *vg, pattern_match *m, const char **paired,
                             int *blocked)
{
    *blocked = 0;
    const verb_entry *v = dict_verb(c->dict, vg->verb);
    if (match_verb_patterns(c, vg, m)) {
        *paired = m->pat->paired_code;
        if (!m->pat->code)
            *blocked = 1;
        return m->pat->code;
    }
    *paired = v ? v->paired_code : NULL;
    return v ? v->code : NULL;
}

/* A verb that codes nothing ("are trying to root out"): its complement is the
   act, with this verb's subject and modality. */
static void hand_over_complement(coder *c, const verb_group *vg)
{
    if (vg->complement == NONE16)
        return;
    verb_group *comp = &c->vgs.items[vg->complement];
    comp->governor = NONE16;
    comp->flags &= (uint16_t)~VGF_CONSUMED;
    if (c->info[vg->head].gclass & G_INTENT)
        comp->flags |= VGF_INTENT;
    comp->flags |= vg->flags & (VGF_NEGATED | VGF_SPECULATE | VGF_WOULD);
}

static void describe_skip(coder *c, const verb_group *vg, const char *why)
{
    if (!tracing(c))
        return;
    trace_printf(c, "  verb ");
    trace_text(c, vg->head, vg->head_end);
    trace_printf(c, ": %s\n", why);
}

static int assemble_one(coder *c, size_t v)
{
    verb_group *vg = &c->vgs.items[v];
    const clause *cl = &c->clauses.items[vg->clause];
    const verb_entry *ve = dict_verb(c->dict, vg->verb);
    if (tracing(c)) {
        trace_printf(c, "  verb ");
        trace_text(c, vg->head, vg->head_end);
        trace_printf(c, " (%s %s)%s%s%s%s%s%s\n", ve ? ve->phrase : "?", ve ? ve->where : "",
                     (vg->flags & VGF_PASSIVE) ? " passive" : "",
                     (vg->flags & VGF_NEGATED) ? " negated" : "",
                     (vg->flags & VGF_INTENT) ? " intention" : "",
                     (vg->flags & VGF_SPECULATE) ? " speculative" : "",
                     (vg->flags & VGF_NOMINAL) ? " nominal" : "",
                     (vg->flags & VGF_WOULD) ? " would" : "");
    }
    int considered = 0;
    if (vg->flags & VGF_SPECULATE) {
        if (!considering_option(c, vg)) {
            describe_skip(c, vg, "speculation or expectation, not an event");
            return 0;
        }
        considered = 1;
    }
    if (cl->conditional) {
        describe_skip(c, vg, "inside a condition (if/unless), not an event");
        return 0;
    }
    if ((vg->flags & VGF_PURPOSE) && !(vg->flags & VGF_INTENT)) {
        describe_skip(c, vg, "an infinitive of purpose: part of the act before it");
        return 0;
    }
    if ((vg->flags & VGF_WOULD) && cl->kind != CL_REPORTED && !(vg->flags & VGF_INTENT)) {
        describe_skip(c, vg, "'would' outside reported speech: hypothetical");
        return 0;
    }
    pattern_match m;
    const char *paired = NULL;
    int blocked;
    const char *code = verb_code(c, vg, &m, &paired, &blocked);
    if (blocked) {
        hand_over_complement(c, vg);
        describe_skip(c, vg, "its pattern codes nothing ([---])");
        return 0;
    }
    if (code && !strcmp(code, "###")) {
        c->sentence_discarded = 1;
        describe_skip(c, vg, "pattern discards the sentence ([###])");
        return 0;
    }
    /* words a pattern matched are not coded again as verbs of their own */
    if (m.pat)
        for (size_t k = 0; k < c->vgs.len; k++) {
            verb_group *o = &c->vgs.items[k];
            if (k != v && o->head >= vg->head_end && o->head <= m.last_token)
                o->flags |= VGF_CONSUMED;
        }
    event_plan ep = {0};
    ep.vg = vg;
    ep.pat = m.pat;
    uint16_t target_np = m.target_np, source_np = m.source_np;

    /* complement: "urged Syria to curb", "threatened to attack X" */
    if (vg->complement != NONE16) {
        verb_group *comp = &c->vgs.items[vg->complement];
        pattern_match cm;
        const char *cpaired;
        int cblocked;
        const char *ccode = verb_code(c, comp, &cm, &cpaired, &cblocked);
        frame_kind frame = frame_of_code(code);
        const char *combined = combine_codes(frame, cblocked ? NULL : ccode);
        if (code) {
            comp->flags |= VGF_CONSUMED;
            if (combined) {
                if (tracing(c))
                    trace_printf(c, "    complement code %s folded into %s -> %s\n",
                                 ccode ? ccode : "-", code, combined);
                code = combined;
                paired = NULL;
            }
            if (vg->object_np != NONE16 && target_np == NONE16)
                target_np = vg->object_np;
            if (target_np == NONE16 && vg->object_np == NONE16)
                target_np = cm.target_np != NONE16 ? cm.target_np : find_object(c, comp, comp->end, 0, 0, 0);
        }
    }
    if (!code) {
        hand_over_complement(c, vg);
        describe_skip(c, vg, "the verb alone codes nothing and no pattern matched");
        return 0;
    }

    /* "may impose sanctions": an actor weighing a policy of its own (014) */
    if (considered) {
        static const char *const policy_roots[] = {"05", "06", "07", "08", "16", "17", NULL};
        if (!code_root_in(code, policy_roots) || (vg->flags & VGF_NEGATED)) {
            describe_skip(c, vg, "speculation, not an event");
            return 0;
        }
        if (tracing(c))
            trace_printf(c, "    may/might + a policy act: considering a policy option, %s -> 014\n", code);
        code = "014";
        paired = NULL;
    }

    /* modality */
    ep.modality = MOD_ASSERTED;
    int intent = (vg->flags & VGF_INTENT) || ((vg->flags & VGF_WOULD) && cl->kind == CL_REPORTED);
    static const char *const coercive_roots[] = {"16", "17", "18", "19", "20", NULL};
    /* ("would prosecute" is a decision announced: the act itself, 17x) */
    if (intent && (vg->flags & VGF_WOULD) && !(vg->flags & VGF_NEGATED) &&
        code_root_in(code, coercive_roots) && strncmp(code, "17", 2)) {
        /* "said it would withdraw from the talks": a conditional threat */
        const char *r = combine_codes(FRAME_THREATEN, code);
        if (r) {
            if (tracing(c))
                trace_printf(c, "    'would' + a coercive act in reported speech: threat, %s -> %s\n", code, r);
            code = r;
            paired = NULL;
            intent = 0;
            ep.modality = MOD_CONDITIONAL;
        }
    }
    if (intent) {
        frame_kind f = (vg->flags & VGF_NEGATED) ? FRAME_REJECT : FRAME_INTENT;
        const char *r = combine_codes(f, code);
        if (r) {
            if (tracing(c))
                trace_printf(c, "    %s: %s -> %s\n", f == FRAME_REJECT ? "refusal" : "intention",
                             code, r);
            code = r;
            paired = NULL;
        } else if (f == FRAME_REJECT) {
            describe_skip(c, vg, "negated intention with no refusal code");
            return 0;
        }
        ep.modality = MOD_INTENDED;
    } else if (vg->flags & VGF_NEGATED) {
        ep.flags |= MENTF_NEGATED;
        if (!c->opt.include_negated) {
            describe_skip(c, vg, "negated: the text says it did not happen");
            return 0;
        }
    }
    if (cl->kind == CL_REPORTED && ep.modality == MOD_ASSERTED)
        ep.modality = MOD_REPORTED;
    ep.code = code;
    ep.paired = paired;

    /* source */
    role_set src, tgt;
    if (vg->flags & VGF_DEMANDED) {
        /* "Japan said it wanted Russia to return the islands": a demand */
        const char *r = combine_codes(FRAME_DEMAND, code);
        code = r ? r : "100";
        ep.code = code;
        ep.paired = paired = NULL;
        target_np = vg->object_np;
        source_np = cl->subject;
        if (tracing(c))
            trace_printf(c, "    wanted X to act: a demand, %s\n", code);
    }
    if (vg->flags & VGF_VICTIM) {
        /* the subject survived or escaped it: it was the target */
        target_np = cl->subject;
        source_np = find_possessor(c, vg);
        if (source_np == NONE16)
            source_np = find_by_agent(c, vg);
        ep.flags |= MENTF_PASSIVE;
    }
    if (source_np == NONE16 && !(vg->flags & VGF_VICTIM)) {
        if (vg->flags & VGF_PASSIVE)
            source_np = find_by_agent(c, vg);
        else if ((vg->flags & VGF_NOMINAL) && charged_with(c, vg)) {
            describe_skip(c, vg, "what someone is accused or charged of, not an event told");
            return 0;
        } else if (vg->flags & VGF_NOMINAL) {
            /* a noun names its agent by a possessor, a "by" phrase, or as the
               object of a light verb; otherwise it is background */
            source_np = find_possessor(c, vg);
            if (source_np != NONE16 && object_of_verb(c, &c->nps.items[source_np])) {
                describe_skip(c, vg, "a noun inside another verb's object (\"would not oppose Turkish accession talks\")");
                return 0;
            }
            if (source_np == NONE16)
                source_np = find_by_agent(c, vg);
            if (source_np == NONE16 && light_verb_before(c, vg))
                source_np = cl->subject;
            /* "was killed in clashes with militants": both sides of a mutual act */
            if (source_np == NONE16 && paired && !strcmp(paired, code) && vg->head > 0 &&
                (c->info[vg->head - 1].gclass & (G_PREP | G_DET)) && m.target_np != NONE16)
                source_np = cl->subject;
        } else if (vg->flags & VGF_REDUCED) {
            /* "militants based in X", "a cleric detained in London": the noun
               before is what was done to; a by-phrase names who did it */
            uint16_t before = c->info[vg->head - 1].np;
            source_np = find_by_agent(c, vg);
            if (target_np == NONE16 && before != NONE16 && np_has_actor(&c->nps.items[before]))
                target_np = before;
            if (target_np == NONE16) {
                describe_skip(c, vg, "a participle describing a noun that is no actor");
                return 0;
            }
            ep.flags |= MENTF_PASSIVE;
        } else if (vg->governor != NONE16 && c->vgs.items[vg->governor].object_np != NONE16) {
            source_np = c->vgs.items[vg->governor].object_np;
        } else {
            source_np = cl->subject;
        }
    }
    /* target */
    if (target_np == NONE16) {
        if (vg->flags & VGF_PASSIVE) {
            target_np = cl->subject;
            if (vg->flags & VGF_PARTICIPLE && vg->head > 0 && c->info[vg->head - 1].np != NONE16)
                target_np = c->info[vg->head - 1].np;
            ep.flags |= MENTF_PASSIVE;
        } else {
            /* the words a pattern matched ("pulled out of") are no object */
            uint16_t matched = m.pat ? m.last_token : 0;
            /* force against X's property is force against X ("ransacked U.N.
               compounds"); elsewhere an actor modifying a noun is no object
               ("signed a US trade accord") */
            static const char *const force_on_property[] = {"14", "17", "18", "19", "20", NULL};
            target_np = find_object(c, vg, vg->end, 0, matched, code_root_in(code, force_on_property));
        }
    }
    int reciprocal = 0;
    /* a compound governed by a preposition the pattern did not name ("talks
       between X and Y aimed at resolving") is not the pattern's '%' */
    if (m.compound_np != NONE16) {
        const noun_phrase *cnp = &c->nps.items[m.compound_np];
        if ((cnp->flags & NPF_PREP) && !(cnp->prep >= vg->head_end && cnp->prep <= m.last_token))
            m.compound_np = NONE16;
    }
    if (m.compound_np != NONE16 && m.target_np == NONE16 &&
        (target_np == NONE16 || target_np == m.compound_np)) {
        /* "X and Y clashed": a reciprocal act among the members */
        source_np = m.compound_np;
        target_np = NONE16;
        if (!ep.paired)
            ep.paired = ep.code;
        reciprocal = 1;
    }
    /* a subject that comes after the verb is not the verb's ("the news released
       by the ministry, ... Japan and NATO will") */
    if (source_np != NONE16 && source_np == cl->subject && !reciprocal &&
        c->nps.items[source_np].start > vg->head && !(vg->flags & VGF_PASSIVE))
        source_np = NONE16;
    if (source_np == target_np)
        target_np = NONE16;
    /* "investigate rumours that Israel poisoned Arafat", "denied that X": the
       subject of the "that" clause is what is investigated, accused or denied */
    if (target_np == NONE16 && source_np != NONE16 && !reciprocal) {
        static const char *const about_roots[] = {"09", "11", "12", "01", NULL};
        if (code_root_in(code, about_roots))
            target_np = that_clause_subject(c, vg);
    }
    roles_of_np(c, source_np, &src);
    roles_of_np(c, target_np, &tgt);
    /* a passive with no agent: some acts imply theirs ("were arrested": police) */
    if (src.n == 0 && (vg->flags & (VGF_PASSIVE | VGF_REDUCED | VGF_VICTIM)) && tgt.n > 0)
        implied_agent(c, ep.code, &src);
    /* armed forces that "visit" or "fly to" a country deploy there (154) */
    if (src.n > 0 && (!strcmp(ep.code, "042") || !strcmp(ep.code, "036")) &&
        strlen(src.refs[0].code) >= 6 && !strcmp(src.refs[0].code + strlen(src.refs[0].code) - 3, "MIL")) {
        if (tracing(c))
            trace_printf(c, "    armed forces going to a country: deployment, %s -> 154\n", ep.code);
        ep.code = "154";
        ep.paired = NULL;
    }
    /* a threat on a condition another actor must meet is an ultimatum (139) */
    if (src.n > 0 && !strncmp(ep.code, "13", 2)) {
        uint16_t cond = condition_subject(c, vg);
        if (cond != NONE16) {
            roles_of_np(c, cond, &tgt);
            if (tgt.n) {
                if (tracing(c))
                    trace_printf(c, "    threat with a condition on %s: ultimatum, %s -> 139\n",
                                 tgt.refs[0].code, ep.code);
                ep.code = "139";
                ep.paired = NULL;
            }
        }
    }
    /* protesters and rioters who fight, burn or destroy are protesting
       violently (145), one way */
    static const char *const violent_roots[] = {"17", "18", "19", "20", NULL};
    if (src.n > 0 && code_root_in(ep.code, violent_roots) && strlen(src.refs[0].code) >= 6 &&
        !strcmp(src.refs[0].code + strlen(src.refs[0].code) - 3, "OPP")) {
        if (tracing(c))
            trace_printf(c, "    force by protesters: violent protest, %s -> 145\n", ep.code);
        ep.code = "145";
        ep.paired = NULL;
    }

    /* "talks between X and Y": the members are the parties (but "the failure of
       peace talks between X and Y" recalls them) */
    if ((src.n == 0 || (vg->flags & VGF_NOMINAL)) && !recalled_by_of(c, vg)) {
        uint16_t between = find_between(c, vg);
        if (between != NONE16) {
            roles_of_np(c, between, &src);
            tgt.n = 0;
            if (!ep.paired)
                ep.paired = ep.code;
        }
    }
    /* a place stands for the target of visits and force when no one else does:
       a place in the clause, else (force and threats only) the sentence's or
       the story's place */
    if (tgt.n == 0 && src.n > 0 && !(reciprocal && src.n > 1)) {
        static const char *const place_roots[] = {"04", "15", "17", "18", "19", "20", NULL};
        static const char *const force_roots[] = {"13", "14", "17", "18", "19", "20", NULL};
        uint16_t place = code_root_in(ep.code, place_roots) ? first_place_np(c, vg) : NONE16;
        if (place != NONE16) {
            roles_of_np(c, place, &tgt);
            for (size_t k = 0; k < tgt.n; k++)
                tgt.refs[k].code[3] = '\0'; /* the country, not its institutions */
        } else if (code_root_in(ep.code, force_roots)) {
            /* the sentence's place, the dateline's, else the story's country
               ("---", settled when the document is done) */
            actor_ref *r = &tgt.refs[0];
            memset(r, 0, sizeof *r);
            str_copy(r->code, sizeof r->code,
                     c->sentence_place[0] ? c->sentence_place : c->doc_place[0] ? c->doc_place : "---");
            r->entry = "the place of the event";
            r->flags = MENTF_DEFAULT_ACTOR;
            tgt.n = 1;
            /* a state's own forces acting at home name no target by the place
               (rebels and gunmen attacking their country do) */
            const char *sc = src.refs[0].code;
            if (strlen(sc) >= 6 && !strncmp(sc, r->code, 3) &&
                (strstr(sc + 3, "GOV") || strstr(sc + 3, "MIL") || strstr(sc + 3, "COP") ||
                 strstr(sc + 3, "JUD") || strstr(sc + 3, "LEG")))
                tgt.n = 0;
        }
    }
    if (tgt.n == 0 && src.n > 1 && !ep.paired) {
        static const char *const mutual_roots[] = {"03", "04", "05", "06", NULL};
        if (code_root_in(ep.code, mutual_roots))
            ep.paired = ep.code; /* members act on each other */
    }
    if (tracing(c))
        trace_printf(c, "    code %s%s%s, source %s, target %s\n", ep.code, ep.paired ? ":" : "",
                     ep.paired ? ep.paired : "", src.n ? src.refs[0].code : "(none)",
                     tgt.n ? tgt.refs[0].code : "(none)");
    if (src.n == 0) {
        describe_skip(c, vg, "no source actor");
        return 0;
    }
    if (tgt.n == 0 && !(src.n > 1 && ep.paired && !strcmp(ep.paired, ep.code))) {
        describe_skip(c, vg, "no target actor");
        return 0;
    }
    ep.date = resolve_clause_date(c, cl, vg->head, &ep.date_basis);
    if (c->sentence_background) {
        /* "In recent years, ...": background the article recalls, undated */
        ep.flags |= MENTF_HISTORICAL;
        ep.date = DATE_UNKNOWN;
        ep.date_basis = DATE_NONE;
    }
    if (ep.date != DATE_UNKNOWN && c->doc_date != DATE_UNKNOWN &&
        ep.date < c->doc_date - c->opt.historical_days)
        ep.flags |= MENTF_HISTORICAL;
    size_t before = c->out->len;
    if (emit_all(c, &ep, &src, &tgt) != 0)
        return -1;
    if (!strncmp(ep.code, "045", 3) && m.pat && tgt.n > 1 &&
        (c->nps.items[target_np].flags & NPF_BETWEEN)) {
        for (size_t k = 0; k < c->vgs.len; k++) {
            verb_group *o = &c->vgs.items[k];
            const verb_entry *oe = dict_verb(c->dict, o->verb);
            if (k == v || o->head < vg->head_end || o->head > m.last_token || !oe || !oe->code)
                continue;
            event_plan mediated = ep;
            mediated.code = mediated.paired = oe->code;
            mediated.vg = o;
            if (tracing(c))
                trace_printf(c, "    the mediated %s is the parties' own event\n", oe->code);
            role_set none = {0};
            if (emit_all(c, &mediated, &tgt, &none) != 0)
                return -1;
            break;
        }
    }
    if ((ep.flags & MENTF_HISTORICAL) && !c->opt.include_historical) {
        if (tracing(c) && c->out->len > before)
            trace_printf(c, "    (historical: dated well before the article; kept only with --historical)\n");
    }
    return 0;
}

int assemble_events(coder *c)
{
    for (size_t v = 0; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v];
        if (vg->flags & VGF_CONSUMED)
            continue;
        if (vg->governor != NONE16) {
            /* coded by its governor when the governor has a code of its own */
            const verb_group *g = &c->vgs.items[vg->governor];
            const verb_entry *ge = dict_verb(c->dict, g->verb);
            if (ge && (ge->code || ge->n_patterns))
                continue;
        }
        if (assemble_one(c, v) != 0)
            return -1;
        if (c->sentence_discarded)
            break;
    }
    return 0;
}
