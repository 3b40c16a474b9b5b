/*
** trace.c: the explanation `dyad explain` prints.
**
** When a coder has a trace buffer, every stage writes what it saw and decided:
** the tokens with the dictionary entry (file:line) each one hit, the actor
** phrases with their codes, the verb groups with voice/negation/modality, the
** clauses with their subjects, every pattern tried, and each event with the
** reason it was made or dropped.  A user who disagrees with a code can see
** which entry or rule to change.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "coder/coder_private.h"

void trace_printf(coder *c, const char *fmt, ...)
{
    if (!c->trace)
        return;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(c->trace, fmt, ap);
    va_end(ap);
}

void trace_text(coder *c, uint16_t from, uint16_t to)
{
    if (!c->trace || from >= to || to > c->n_tok)
        return;
    uint32_t s = c->tok[from].start, e = c->tok[to - 1].end;
    strbuf_putc(c->trace, '"');
    strbuf_append(c->trace, c->doc->text + s, e - s);
    strbuf_putc(c->trace, '"');
}

static const char *role_name(int role)
{
    switch (role) {
    case TR_ACTOR: return "actor";
    case TR_AGENT: return "agent";
    case TR_VERB: return "verb";
    case TR_NAME: return "name";
    default: return NULL;
    }
}

void trace_tokens(coder *c)
{
    trace_printf(c, "  tokens:");
    for (uint16_t i = 0; i < c->n_tok; i++) {
        const token *t = &c->tok[i];
        trace_printf(c, " %.*s", (int)(t->end - t->start), c->doc->text + t->start);
    }
    trace_printf(c, "\n  dictionary hits:\n");
    for (size_t h = 0; h < c->hits.len; h++) {
        const lex_hit *hit = &c->hits.items[h];
        const char *role = role_name(c->info[hit->start].role);
        trace_printf(c, "    ");
        trace_text(c, hit->start, hit->end);
        trace_printf(c, " read as %s:", role ? role : "nothing");
        if (hit->actor >= 0) {
            const actor_entry *a = dict_actor(c->dict, (uint32_t)hit->actor);
            const char *code = dict_actor_code(c->dict, a, c->doc_date);
            trace_printf(c, " actor %s [%s] (%s)", a->phrase, code ? code : "no code on this date",
                         a->where);
        }
        if (hit->agent >= 0) {
            const agent_entry *a = dict_agent(c->dict, (uint32_t)hit->agent);
            trace_printf(c, " agent %s [%s%s] (%s)", a->phrase,
                         a->attach == AGENT_PREFIX ? "" : "~", a->code ? a->code : "",
                         a->where);
        }
        if (hit->verb >= 0) {
            const verb_entry *v = dict_verb(c->dict, (uint32_t)hit->verb);
            trace_printf(c, " verb %s [%s%s%s] (%s)", v->phrase, v->code ? v->code : "---",
                         v->paired_code ? ":" : "", v->paired_code ? v->paired_code : "", v->where);
        }
        if (hit->time >= 0)
            trace_printf(c, " time phrase");
        if (hit->discard >= 0)
            trace_printf(c, " discard phrase");
        trace_printf(c, "\n");
    }
}

static void trace_np(coder *c, const noun_phrase *np)
{
    trace_text(c, np->start, np->end);
    if (np->flags & NPF_PRONOUN)
        trace_printf(c, " pronoun");
    else if (np->flags & NPF_TWO)
        trace_printf(c, " (the pair mentioned before)");
    for (uint8_t k = 0; k < np->n_members; k++)
        trace_printf(c, "%s%s", k ? " + " : " = ", np->members[k].code[0] ? np->members[k].code : "(no actor)");
    if (np->flags & NPF_PLACE)
        trace_printf(c, " [place]");
    if (np->flags & NPF_BY)
        trace_printf(c, " [by-phrase]");
    if (np->flags & NPF_ACCORDING)
        trace_printf(c, " [speaker]");
    if (np->flags & NPF_BETWEEN)
        trace_printf(c, " [between]");
    if (np->flags & NPF_POSSESSOR)
        trace_printf(c, " [possessor]");
}

void trace_phrases(coder *c)
{
    static const char *const kinds[] = {"main", "coordinate", "subordinate", "relative",
                                        "participle", "reported", "reporting"};
    trace_printf(c, "  actor phrases:\n");
    for (size_t n = 0; n < c->nps.len; n++) {
        trace_printf(c, "    ");
        trace_np(c, &c->nps.items[n]);
        trace_printf(c, "\n");
    }
    trace_printf(c, "  clauses:\n");
    for (size_t k = 0; k < c->clauses.len; k++) {
        const clause *cl = &c->clauses.items[k];
        trace_printf(c, "    %s: ", kinds[cl->kind]);
        trace_text(c, cl->start, cl->end);
        if (cl->subject != NONE16) {
            trace_printf(c, "  subject ");
            trace_np(c, &c->nps.items[cl->subject]);
        }
        trace_printf(c, "\n");
    }
}
