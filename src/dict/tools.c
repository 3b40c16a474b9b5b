/*
** tools.c: statistics and lint checks over a frozen dictionary set (dict_tools.h).
**
** The checks read the model, not the files: they work the same on native,
** TABARI and PETRARCH sets, and they see what the coder will see (a duplicate
** is two entries reaching the same trie node, whatever the spelling).
*/
#include "dict/dict_internal.h"
#include "dict/dict_tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"

static const char *kind_name(int kind)
{
    switch (kind) {
    case DICT_FILE_ACTORS: return "actors";
    case DICT_FILE_AGENTS: return "agents";
    case DICT_FILE_VERBS: return "verbs";
    case DICT_FILE_DISCARDS: return "discards";
    case DICT_FILE_OPTIONS: return "options";
    case DICT_FILE_CODEBOOK: return "codebook";
    case DICT_FILE_ISSUES: return "issues";
    default: return "?";
    }
}

static const char *dialect_name(int d)
{
    switch (d) {
    case DIALECT_NATIVE: return "native";
    case DIALECT_TABARI: return "tabari";
    case DIALECT_PETRARCH: return "petrarch";
    default: return "?";
    }
}

int dict_builder_has_codebook(const dict_builder *b)
{
    return b && b->c.codebook.len > 0;
}

int dict_file_info_at(const dict_set *d, size_t i, dict_file_info *out)
{
    if (i >= d->c.files.len)
        return -1;
    const dict_file_stat *st = &d->c.files.items[i];
    out->name = st->name;
    out->kind = kind_name(st->kind);
    out->dialect = dialect_name(st->dialect);
    out->lines = st->lines;
    out->records = st->records;
    out->problems = st->problems;
    out->unsupported = st->unsupported;
    return 0;
}

void dict_count(const dict_set *d, dict_counts *o)
{
    const dict_core *c = &d->c;
    memset(o, 0, sizeof *o);
    o->actors = c->actors.len;
    o->periods = c->periods.len;
    for (size_t i = 0; i < c->periods.len; i++)
        if (!(c->periods.items[i].from == DATE_MIN && c->periods.items[i].to == DATE_MAX))
            o->dated_periods++;
    o->agents = c->agents.len;
    o->verbs = c->verbs.len;
    o->patterns = c->patterns.len;
    o->pattern_elems = c->elems.len;
    o->sets = c->sets.len;
    o->set_members = c->members.len;
    o->discards = c->discards.len;
    o->times = c->times.len;
    for (size_t i = 0; i < c->pos.len; i++) {
        if (c->pos.items[i].kind == HIT_NOUN)
            o->nouns++;
        else
            o->adjectives++;
    }
    o->codes = c->codebook.len;
    o->option_lines = c->option_lines.len;
    o->words = wordtab_count(c->words) - 1;
    o->stems = c->n_stems;
    o->trie_nodes = c->n_nodes;
    o->trie_edges = c->edges.count;
    o->gap_edges = c->n_gap_edges;
    o->payloads = c->pay_start ? c->pay_start[c->n_nodes] : 0;
    for (size_t i = 0; i < o->payloads; i++) {
        switch (c->payloads[i].kind) {
        case HIT_ACTOR: o->actor_phrases++; break;
        case HIT_AGENT: o->agent_phrases++; break;
        case HIT_PLURAL_AGENT: o->plural_phrases++; break;
        case HIT_VERB: o->verb_phrases++; break;
        default: break;
        }
    }
}

size_t dict_node_text(const dict_set *d, uint32_t node, char *buf, size_t cap)
{
    const dict_core *c = &d->c;
    uint32_t path[DICT_MAX_PHRASE * 2];
    size_t n = 0;
    while (node != DICT_TRIE_ROOT && node < c->n_nodes && n < sizeof path / sizeof path[0]) {
        path[n++] = node;
        node = c->node_parent.items[node];
    }
    size_t len = 0;
    if (cap)
        buf[0] = '\0';
    for (size_t i = n; i-- > 0;) {
        uint32_t label = c->node_lex.items[path[i]];
        const char *w = wordtab_key(c->words, label >> 1);
        int k = snprintf(buf + len, len < cap ? cap - len : 0, "%s%s",
                         i + 1 == n ? "" : (label & 1u) ? " ... " : " ", w);
        if (k > 0)
            len += (size_t)k;
        if (len >= cap) {
            len = cap ? cap - 1 : 0;
            break;
        }
    }
    return len;
}

/* ---- lint ------------------------------------------------------------------ */

static void where_split(const char *where, char *file, size_t cap, long *line)
{
    const char *colon = strrchr(where, ':');
    *line = colon ? strtol(colon + 1, NULL, 10) : 0;
    snprintf(file, cap, "%.*s", colon ? (int)(colon - where) : (int)strlen(where), where);
}

static void lint_report(diag_sink *diags, diag_level level, const char *where, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

static void lint_report(diag_sink *diags, diag_level level, const char *where, const char *fmt,
                        ...)
{
    char file[1024];
    long line;
    where_split(where ? where : "", file, sizeof file, &line);
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(diags, level, file[0] ? file : NULL, line, -1, fmt, ap);
    va_end(ap);
}

static void fmt_day(int32_t day, char buf[11])
{
    if (day == DATE_MIN || day == DATE_MAX)
        snprintf(buf, 11, "open");
    else
        civil_format(day, buf);
}

static int cmp_from(const void *a, const void *b)
{
    const code_period *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

static long lint_periods(const dict_set *d, diag_sink *diags)
{
    const dict_core *c = &d->c;
    long problems = 0;
    code_period dated[256];
    for (size_t i = 0; i < c->actors.len; i++) {
        const actor_entry *a = &c->actors.items[i];
        size_t nd = 0;
        int has_default = 0;
        for (uint32_t k = 0; k < a->n_periods; k++) {
            const code_period *p = &c->periods.items[a->first_period + k];
            if (p->from == DATE_MIN && p->to == DATE_MAX)
                has_default = 1;
            else if (nd < 256)
                dated[nd++] = *p;
        }
        if (nd < 2)
            continue;
        qsort(dated, nd, sizeof dated[0], cmp_from);
        for (size_t k = 1; k < nd; k++) {
            const code_period *p = &dated[k - 1], *q = &dated[k];
            char a1[11], a2[11], b1[11], b2[11];
            fmt_day(p->from, a1);
            fmt_day(p->to, a2);
            fmt_day(q->from, b1);
            fmt_day(q->to, b2);
            if (q->from < p->to) {
                lint_report(diags, DIAG_WARNING, a->where,
                            "actor %s: periods [%s %s..%s) and [%s %s..%s) overlap", a->phrase,
                            p->code, a1, a2, q->code, b1, b2);
                problems++;
            } else if (q->from > p->to && !has_default && strlen(p->code) >= 6 &&
                       strlen(q->code) >= 6 && memcmp(p->code, q->code, 6) == 0) {
                lint_report(diags, DIAG_WARNING, a->where,
                            "actor %s: gap from %s to %s between two %.6s periods and no default",
                            a->phrase, a2, b1, p->code);
                problems++;
            }
        }
    }
    return problems;
}

/* CAMEO roots that are not ISO 3166 countries: regions, organisations, the
   unknown root, and the older codes the TABARI and PETRARCH files use. */
static const char *const extra_roots[] = {
    "---", "XKX", "WST", "EUR", "AFR", "ASA", "MEA", "LAM", "SAM", "NMR", "CRB", "CAU",
    "CAS", "SAS", "SEA", "NAF", "WAF", "EAF", "SAF", "CFR", "EEU", "BLK", "SCN", "MDT",
    "PGS", "IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "INT", "REB", "GOV", "MIL", "COP",
};

static int load_iso_roots(wordtab *roots)
{
    FILE *f = fopen("/usr/share/iso-codes/json/iso_3166-1.json", "rb");
    if (!f)
        return -1;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *k = strstr(line, "\"alpha_3\"");
        if (!k)
            continue;
        const char *q = strchr(k + 9, '"');
        if (q && strlen(q) >= 5 && q[4] == '"') {
            wordtab_intern(roots, q + 1, 3);
            n++;
        }
    }
    fclose(f);
    return n ? 0 : -1;
}

static long lint_roots(const dict_set *d, diag_sink *diags)
{
    const dict_core *c = &d->c;
    int any_native = 0;
    for (size_t i = 0; i < c->files.len; i++)
        if (c->files.items[i].dialect == DIALECT_NATIVE && c->files.items[i].kind == DICT_FILE_ACTORS)
            any_native = 1;
    if (!any_native)
        return 0;
    wordtab *roots = wordtab_new();
    if (!roots)
        return 0;
    if (load_iso_roots(roots) != 0) {
        diag_report(diags, DIAG_NOTE, NULL, 0, -1,
                    "ISO 3166 list not found: country roots checked against the set's own codes");
        for (size_t i = 0; i < c->periods.len; i++)
            if (strlen(c->periods.items[i].code) == 3)
                wordtab_intern(roots, c->periods.items[i].code, 3);
    }
    for (size_t i = 0; i < sizeof extra_roots / sizeof extra_roots[0]; i++)
        wordtab_intern(roots, extra_roots[i], 3);
    long problems = 0;
    for (size_t i = 0; i < c->actors.len; i++) {
        if (c->files.items[c->actor_file.items[i]].dialect != DIALECT_NATIVE)
            continue;
        const actor_entry *a = &c->actors.items[i];
        for (uint32_t k = 0; k < a->n_periods; k++) {
            const char *code = c->periods.items[a->first_period + k].code;
            if (strlen(code) < 3 || wordtab_lookup(roots, code, 3) == WORD_NONE) {
                lint_report(diags, DIAG_WARNING, a->where, "actor %s: unknown country root in %s",
                            a->phrase, code);
                problems++;
            }
        }
    }
    wordtab_free(roots);
    return problems;
}

static int special_code(const char *code)
{
    return !code || !strcmp(code, "---") || !strcmp(code, "###") || !strcmp(code, "+++");
}

static long lint_event_codes(const dict_set *d, diag_sink *diags)
{
    const dict_core *c = &d->c;
    if (c->codebook.len == 0) {
        if (c->verbs.len)
            diag_report(diags, DIAG_NOTE, NULL, 0, -1,
                        "no codebook loaded: event codes not checked (add codebook.tsv)");
        return 0;
    }
    long problems = 0;
    for (size_t i = 0; i < c->verbs.len; i++) {
        const verb_entry *v = &c->verbs.items[i];
        const char *codes[2] = {v->code, v->paired_code};
        for (int k = 0; k < 2; k++)
            if (!special_code(codes[k]) && !dict_codebook(d, codes[k])) {
                lint_report(diags, DIAG_WARNING, v->where, "verb %s: unknown event code %s",
                            v->phrase, codes[k]);
                problems++;
            }
    }
    for (size_t i = 0; i < c->patterns.len; i++) {
        const pattern *p = &c->patterns.items[i];
        const char *codes[2] = {p->code, p->paired_code};
        for (int k = 0; k < 2; k++)
            if (!special_code(codes[k]) && !dict_codebook(d, codes[k])) {
                lint_report(diags, DIAG_WARNING, p->where, "pattern: unknown event code %s",
                            codes[k]);
                problems++;
            }
    }
    return problems;
}

static int same_periods(const dict_core *c, const actor_entry *a, const actor_entry *b)
{
    if (a->n_periods != b->n_periods)
        return 0;
    for (uint32_t k = 0; k < a->n_periods; k++) {
        const code_period *p = &c->periods.items[a->first_period + k];
        const code_period *q = &c->periods.items[b->first_period + k];
        if (p->code != q->code || p->from != q->from || p->to != q->to)
            return 0;
    }
    return 1;
}

static const char *entry_where(const dict_core *c, const dict_payload *p)
{
    switch (p->kind) {
    case HIT_ACTOR: return c->actors.items[p->entry].where;
    case HIT_AGENT: case HIT_PLURAL_AGENT: return c->agents.items[p->entry].where;
    case HIT_VERB: return c->verbs.items[p->entry].where;
    default: return "";
    }
}

/* 1 when two payloads of one kind at one node give different codes. */
static int conflicting(const dict_core *c, const dict_payload *x, const dict_payload *y)
{
    switch (x->kind) {
    case HIT_ACTOR:
        return !same_periods(c, &c->actors.items[x->entry], &c->actors.items[y->entry]);
    case HIT_AGENT: case HIT_PLURAL_AGENT: {
        const agent_entry *a = &c->agents.items[x->entry], *b = &c->agents.items[y->entry];
        return a->code != b->code || a->attach != b->attach;
    }
    case HIT_VERB: {
        const verb_entry *a = &c->verbs.items[x->entry], *b = &c->verbs.items[y->entry];
        return a->code != b->code || a->paired_code != b->paired_code;
    }
    default:
        return 0;
    }
}

static long lint_duplicates(const dict_set *d, diag_sink *diags)
{
    const dict_core *c = &d->c;
    long problems = 0;
    uint8_t *seen = calloc(c->n_nodes ? c->n_nodes : 1, 1);
    if (!seen)
        return 0;
    for (size_t i = 0; i < c->aliases.len; i++) {
        uint32_t node = c->aliases.items[i].node;
        if (node >= c->n_nodes || seen[node])
            continue;
        seen[node] = 1;
        size_t n;
        const dict_payload *p = dict_trie_payloads(d, node, &n);
        for (size_t x = 0; x < n; x++) {
            if (p[x].kind != HIT_ACTOR && p[x].kind != HIT_AGENT && p[x].kind != HIT_VERB)
                continue;
            for (size_t y = x + 1; y < n; y++) {
                if (p[y].kind != p[x].kind || p[y].entry == p[x].entry)
                    continue;
                char text[512];
                dict_node_text(d, node, text, sizeof text);
                const char *what = p[x].kind == HIT_ACTOR ? "actor" : p[x].kind == HIT_AGENT ? "agent" : "verb";
                if (conflicting(c, &p[x], &p[y])) {
                    lint_report(diags, DIAG_WARNING, entry_where(c, &p[y]),
                                "%s phrase '%s' also at %s with other codes", what, text,
                                entry_where(c, &p[x]));
                    problems++;
                } else {
                    lint_report(diags, DIAG_NOTE, entry_where(c, &p[y]),
                                "%s phrase '%s' repeated (also at %s, same codes)", what, text,
                                entry_where(c, &p[x]));
                }
                break;
            }
        }
    }
    free(seen);
    return problems;
}

/* 1 when two phrase sets have the same members in the same order. */
static int same_set(const dict_core *c, uint32_t s, uint32_t t)
{
    if (s == t)
        return 1;
    const phrase_set *a = &c->sets.items[s], *b = &c->sets.items[t];
    if (a->n_members != b->n_members)
        return 0;
    for (uint32_t i = 0; i < a->n_members; i++) {
        set_member x = c->members.items[a->first_member + i];
        set_member y = c->members.items[b->first_member + i];
        if (x.len != y.len ||
            memcmp(c->member_lex.items + x.first, c->member_lex.items + y.first,
                   x.len * sizeof(lex_id)) != 0)
            return 0;
    }
    return 1;
}

static int same_elems(const dict_core *c, const pattern *a, const pattern *b)
{
    if (a->n_elems != b->n_elems)
        return 0;
    const pattern_elem *x = c->elems.items + a->first_elem, *y = c->elems.items + b->first_elem;
    for (uint32_t i = 0; i < a->n_elems; i++) {
        if (x[i].kind != y[i].kind || x[i].adjacent != y[i].adjacent || x[i].flags != y[i].flags)
            return 0;
        if (x[i].arg != y[i].arg && !(x[i].kind == PAT_SET && same_set(c, x[i].arg, y[i].arg)))
            return 0;
    }
    return 1;
}

static long lint_patterns(const dict_set *d, diag_sink *diags)
{
    const dict_core *c = &d->c;
    long problems = 0;
    size_t start = 0;
    while (start < c->patterns.len) {
        size_t end = start;
        while (end < c->patterns.len && c->patterns.items[end].verb == c->patterns.items[start].verb)
            end++;
        for (size_t i = start; i < end; i++) {
            const pattern *p = &c->patterns.items[i];
            const pattern_elem *e = c->elems.items + p->first_elem;
            for (uint32_t k = 0; k < p->n_elems; k++)
                if (e[k].kind == PAT_SET && c->sets.items[e[k].arg].n_members == 0) {
                    lint_report(diags, DIAG_WARNING, p->where,
                                "pattern can never match: phrase set %s is empty",
                                c->sets.items[e[k].arg].name);
                    problems++;
                }
            for (size_t j = start; j < i; j++)
                if (same_elems(c, &c->patterns.items[j], p)) {
                    const pattern *q = &c->patterns.items[j];
                    int same_code = q->code == p->code && q->paired_code == p->paired_code;
                    lint_report(diags, DIAG_WARNING, p->where,
                                "pattern is unreachable: the same as the pattern at %s%s", q->where,
                                same_code ? "" : ", which gives another code");
                    problems++;
                    break;
                }
        }
        start = end;
    }
    return problems;
}

long dict_lint(const dict_set *d, diag_sink *diags)
{
    long problems = 0;
    problems += lint_periods(d, diags);
    problems += lint_roots(d, diags);
    problems += lint_event_codes(d, diags);
    problems += lint_duplicates(d, diags);
    problems += lint_patterns(d, diags);
    return problems;
}
