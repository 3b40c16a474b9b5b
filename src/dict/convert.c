/*
** convert.c: writing any loaded dictionary set in dyad's native format.
**
** The writer works from the model, so what it writes is what the coder would
** have matched: phrases are the lexemes of the trie (tokenized, folded), every
** verb form is listed explicitly ({...}, nothing left to generation rules that
** differ between dialects), TABARI's inclusive date ranges come out half-open,
** and TABARI's regular endings become listed forms and plurals.  What native
** cannot say is counted as lossy and written as a comment: a TABARI stem is
** written as its word (it would have matched more), a gap as adjacency,
** PETRARCH's phrase structure and passive-reading pairs are dropped.
*/
#include "dict/dict_internal.h"
#include "dict/dict_tools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/civil_date.h"

typedef struct writer {
    const dict_set *d;
    long lossy;
    diag_sink *diags;
} writer;

/* One lexeme as native text: a stem loses its '*' (lossy). */
static const char *lex_text(writer *w, lex_id lex, int *stem)
{
    const char *k = wordtab_key(w->d->c.words, lex);
    size_t n = strlen(k);
    *stem = n > 1 && k[n - 1] == '*';
    return k;
}

static int possessive(const char *k)
{
    return !strcmp(k, "'S") || !strcmp(k, "'");
}

/* Append lexemes as a native phrase: words joined with '_' (a possessive
   directly); returns 1 when something was lost. */
static int put_lexemes(writer *w, strbuf *sb, const lex_id *lex, const uint8_t *gap, size_t n)
{
    int lost = 0;
    for (size_t i = 0; i < n; i++) {
        int stem;
        const char *k = lex_text(w, lex[i], &stem);
        size_t kl = strlen(k) - (stem ? 1 : 0);
        if (i > 0 && !possessive(k))
            strbuf_putc(sb, '_');
        strbuf_append(sb, k, kl);
        lost |= stem | (gap && gap[i]);
    }
    return lost;
}

/* The phrase of a trie node as a native phrase. */
static int put_node(writer *w, strbuf *sb, uint32_t node)
{
    const dict_core *c = &w->d->c;
    lex_id lex[DICT_MAX_PHRASE * 2];
    uint8_t gap[DICT_MAX_PHRASE * 2];
    size_t n = 0;
    while (node != DICT_TRIE_ROOT && node < c->n_nodes && n < DICT_MAX_PHRASE * 2) {
        uint32_t label = c->node_lex.items[node];
        lex[n] = label >> 1;
        gap[n] = label & 1u;
        n++;
        node = c->node_parent.items[node];
    }
    for (size_t i = 0; i < n / 2; i++) { /* root first */
        lex_id t = lex[i];
        lex[i] = lex[n - 1 - i];
        lex[n - 1 - i] = t;
        uint8_t g = gap[i];
        gap[i] = gap[n - 1 - i];
        gap[n - 1 - i] = g;
    }
    return put_lexemes(w, sb, lex, gap, n);
}

static FILE *open_out(writer *w, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        diag_report(w->diags, DIAG_ERROR, path, 0, -1, "cannot write: %s", strerror(errno));
    return f;
}

static void header(writer *w, FILE *f, const char *what)
{
    fprintf(f, "# %s written by `dyad dict convert --to native` from:\n", what);
    for (size_t i = 0; i < w->d->c.files.len; i++)
        fprintf(f, "#   %s\n", w->d->c.files.items[i].name);
    fprintf(f, "# dictionary version %s\n\n", w->d->c.version);
}

static void put_date(strbuf *sb, int32_t day)
{
    char buf[9];
    civil_format_compact(day, buf);
    strbuf_puts(sb, buf);
}

/* ---- grouping trie phrases by entry ------------------------------------------- */

typedef struct node_ref {
    uint32_t entry;
    uint32_t node;
    uint8_t kind;
    uint8_t form;
    uint16_t flags;
} node_ref;

static int cmp_ref(const void *a, const void *b)
{
    const node_ref *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

typedef VEC(node_ref) ref_vec;

static int collect_refs(const dict_set *d, ref_vec *out)
{
    const dict_core *c = &d->c;
    for (uint32_t node = 0; node < c->n_nodes; node++)
        for (uint32_t i = c->pay_start[node]; i < c->pay_start[node + 1]; i++) {
            const dict_payload *p = &c->payloads[i];
            node_ref r = {p->entry, node, p->kind, p->form, p->flags};
            if (vec_push(out, r) != 0)
                return -1;
        }
    qsort(out->items, out->len, sizeof *out->items, cmp_ref);
    return 0;
}

/* [first, end) of the refs of (kind, entry). */
static size_t find_refs(const ref_vec *refs, uint8_t kind, uint32_t entry, size_t *end)
{
    size_t lo = 0, hi = refs->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const node_ref *r = &refs->items[mid];
        if (r->kind < kind || (r->kind == kind && r->entry < entry))
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < refs->len && refs->items[e].kind == kind && refs->items[e].entry == entry)
        e++;
    *end = e;
    return lo;
}

/* ---- the files ------------------------------------------------------------------ */

static void write_actors(writer *w, FILE *f, const ref_vec *refs)
{
    const dict_core *c = &w->d->c;
    strbuf sb = {0};
    header(w, f, "actors");
    for (uint32_t a = 0; a < c->actors.len; a++) {
        const actor_entry *e = &c->actors.items[a];
        size_t end, i = find_refs(refs, HIT_ACTOR, a, &end);
        int first = 1, lost = 0, undated_first = 0;
        strbuf_clear(&sb);
        for (int pass = 0; pass < 2; pass++) /* the primary phrase first, then synonyms */
            for (size_t j = i; j < end; j++) {
                uint16_t fl = refs->items[j].flags;
                /* TABARI's regular endings (ESTONIAS) become synonyms */
                int extra = (fl & (DICT_PF_SYNONYM | DICT_PF_ENDING)) != 0;
                if ((pass == 0) == extra)
                    continue;
                if (!first)
                    strbuf_putc(&sb, '+');
                lost |= put_node(w, &sb, refs->items[j].node);
                strbuf_putc(&sb, '\n');
                first = 0;
            }
        if (first)
            continue; /* no phrase survived loading */
        for (uint32_t k = 0; k < e->n_periods; k++) {
            const code_period *p = &c->periods.items[e->first_period + k];
            strbuf_printf(&sb, "    [%s", p->code);
            if (p->from != DATE_MIN && p->to != DATE_MAX) {
                strbuf_putc(&sb, ' ');
                put_date(&sb, p->from);
                strbuf_putc(&sb, '-');
                put_date(&sb, p->to);
            } else if (p->from != DATE_MIN) {
                strbuf_puts(&sb, " >");
                put_date(&sb, p->from);
            } else if (p->to != DATE_MAX) {
                strbuf_puts(&sb, " <");
                put_date(&sb, p->to);
            } else if (k + 1 < e->n_periods) {
                undated_first = 1;
            }
            strbuf_puts(&sb, "]\n");
        }
        if (lost || undated_first) {
            w->lossy++;
            fprintf(f, "# %s: %s\n", e->where,
                    lost ? "TABARI stems or gaps written as exact, adjacent words"
                         : "the undated code came before dated ones (first match wins there)");
        }
        fputs(sb.data ? sb.data : "", f);
    }
    strbuf_free(&sb);
}

static void write_agents(writer *w, FILE *f, const ref_vec *refs)
{
    const dict_core *c = &w->d->c;
    strbuf sb = {0};
    header(w, f, "agents");
    for (uint32_t a = 0; a < c->agents.len; a++) {
        const agent_entry *e = &c->agents.items[a];
        size_t end, i = find_refs(refs, HIT_AGENT, a, &end);
        if (i == end)
            continue;
        strbuf_clear(&sb);
        int lost = put_node(w, &sb, refs->items[i].node);
        size_t pend, p = find_refs(refs, HIT_PLURAL_AGENT, a, &pend);
        strbuf_puts(&sb, " {");
        for (size_t j = p; j < pend; j++) {
            if (j > p)
                strbuf_putc(&sb, ' ');
            lost |= put_node(w, &sb, refs->items[j].node);
        }
        strbuf_printf(&sb, "} [%s%s%s]\n", e->attach == AGENT_SUFFIX ? "~" : "", e->code,
                      e->attach == AGENT_PREFIX ? "~" : "");
        if (lost) {
            w->lossy++;
            fprintf(f, "# %s: TABARI stems or gaps written as exact, adjacent words\n", e->where);
        }
        fputs(sb.data, f);
    }
    strbuf_free(&sb);
}

static void put_code(strbuf *sb, const char *code, const char *paired, uint8_t flags)
{
    strbuf_printf(sb, "[%s%s", code ? code : "---",
                  flags & DICT_CODE_DOMINANT ? "!" : flags & DICT_CODE_SUBORDINATE ? "?" : "");
    if (paired)
        strbuf_printf(sb, ":%s", paired);
    strbuf_putc(sb, ']');
}

static int set_is_synset(const dict_core *c, uint32_t s)
{
    return c->sets.items[s].name && c->sets.items[s].name[0] == '&';
}

/* A set member as native text ('_' inside, DICT_LEX_GAP dropped: lossy). */
static int put_member(writer *w, strbuf *sb, uint32_t set, uint32_t m)
{
    size_t len;
    const lex_id *lex = dict_set_member(w->d, set, m, &len);
    lex_id buf[DICT_MAX_PHRASE * 2];
    uint8_t gap[DICT_MAX_PHRASE * 2];
    size_t n = 0;
    int lost = 0;
    for (size_t i = 0; i < len && n < DICT_MAX_PHRASE * 2; i++) {
        if (lex[i] == DICT_LEX_GAP) {
            lost = 1;
            continue;
        }
        gap[n] = 0;
        buf[n++] = lex[i];
    }
    return put_lexemes(w, sb, buf, gap, n) | lost;
}

static int put_pattern(writer *w, strbuf *sb, const pattern *p)
{
    const dict_core *c = &w->d->c;
    const pattern_elem *e = c->elems.items + p->first_elem;
    int lost = 0;
    strbuf_puts(sb, "- ");
    for (uint32_t i = 0; i < p->n_elems; i++) {
        if (i > 0)
            strbuf_putc(sb, e[i].adjacent ? '_' : ' ');
        lost |= e[i].flags != 0;
        switch (e[i].kind) {
        case PAT_VERB: strbuf_putc(sb, '*'); break;
        case PAT_SOURCE: strbuf_putc(sb, '$'); break;
        case PAT_TARGET: strbuf_putc(sb, '+'); break;
        case PAT_COMPOUND: strbuf_putc(sb, '%'); break;
        case PAT_SKIP: strbuf_putc(sb, '^'); break;
        case PAT_WORD: {
            int stem;
            const char *k = lex_text(w, e[i].arg, &stem);
            strbuf_append(sb, k, strlen(k) - (stem ? 1 : 0));
            lost |= stem;
            break;
        }
        case PAT_SET:
            if (set_is_synset(c, e[i].arg)) {
                strbuf_puts(sb, c->sets.items[e[i].arg].name);
            } else {
                strbuf_puts(sb, "{");
                for (uint32_t m = 0; m < c->sets.items[e[i].arg].n_members; m++) {
                    strbuf_puts(sb, m ? " | " : " ");
                    lost |= put_member(w, sb, e[i].arg, m);
                }
                strbuf_puts(sb, " }");
            }
            break;
        }
    }
    strbuf_putc(sb, ' ');
    put_code(sb, p->code, p->paired_code, p->code_flags);
    lost |= (p->code_flags & DICT_CODE_PAIR_PASSIVE) != 0;
    strbuf_putc(sb, '\n');
    return lost;
}

static void write_verbs(writer *w, FILE *f, const ref_vec *refs)
{
    const dict_core *c = &w->d->c;
    strbuf sb = {0};
    header(w, f, "verbs");
    for (uint32_t s = 0; s < c->sets.len; s++) {
        if (!set_is_synset(c, s))
            continue;
        strbuf_clear(&sb);
        strbuf_printf(&sb, "%s =", c->sets.items[s].name);
        int lost = 0;
        for (uint32_t m = 0; m < c->sets.items[s].n_members; m++) {
            strbuf_puts(&sb, m ? ", " : " ");
            lost |= put_member(w, &sb, s, m);
        }
        strbuf_putc(&sb, '\n');
        if (lost) {
            w->lossy++;
            fprintf(f, "# %s: TABARI stems or gaps written as exact, adjacent words\n",
                    c->sets.items[s].where);
        }
        fputs(sb.data, f);
    }
    fputc('\n', f);
    for (uint32_t v = 0; v < c->verbs.len; v++) {
        const verb_entry *e = &c->verbs.items[v];
        size_t end, i = find_refs(refs, HIT_VERB, v, &end);
        if (i == end)
            continue;
        strbuf_clear(&sb);
        size_t base = i;
        for (size_t j = i; j < end; j++)
            if (refs->items[j].form == VFORM_BASE && !(refs->items[j].flags & DICT_PF_ENDING)) {
                base = j;
                break;
            }
        int lost = put_node(w, &sb, refs->items[base].node);
        strbuf_puts(&sb, " {");
        int nforms = 0;
        for (size_t j = i; j < end; j++) {
            if (j == base)
                continue;
            if (nforms++)
                strbuf_putc(&sb, ' ');
            lost |= put_node(w, &sb, refs->items[j].node);
        }
        strbuf_puts(&sb, "} ");
        put_code(&sb, e->code, e->paired_code, e->code_flags);
        strbuf_putc(&sb, '\n');
        for (uint32_t k = 0; k < e->n_patterns; k++)
            lost |= put_pattern(w, &sb, &c->patterns.items[e->first_pattern + k]);
        if (lost) {
            w->lossy++;
            fprintf(f, "# %s: TABARI stems or gaps, or PETRARCH phrase structure, lost\n", e->where);
        }
        fputs(sb.data, f);
    }
    strbuf_free(&sb);
}

static void write_discards(writer *w, FILE *f, const ref_vec *refs)
{
    const dict_core *c = &w->d->c;
    strbuf sb = {0};
    header(w, f, "discards");
    for (uint32_t i = 0; i < c->discards.len; i++) {
        size_t end, r = find_refs(refs, HIT_DISCARD, i, &end);
        if (r == end)
            continue;
        strbuf_clear(&sb);
        if (c->discards.items[i].whole_story)
            strbuf_putc(&sb, '+');
        if (put_node(w, &sb, refs->items[r].node))
            w->lossy++;
        strbuf_putc(&sb, '\n');
        fputs(sb.data, f);
    }
    strbuf_free(&sb);
}

static void write_codebook(writer *w, FILE *f)
{
    const dict_core *c = &w->d->c;
    fprintf(f, "code\troot\tname\tgoldstein\tquad_class\n");
    for (size_t i = 0; i < c->codebook.len; i++) {
        const codebook_entry *e = &c->codebook.items[i];
        fprintf(f, "%s\t%s\t%s\t%.1f\t%u\n", e->code, e->root, e->name, e->goldstein,
                (unsigned)e->quad_class);
    }
}

int dict_write_native(const dict_set *d, const char *dir, long *lossy, diag_sink *diags)
{
    writer w = {d, 0, diags};
    const dict_core *c = &d->c;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        diag_report(diags, DIAG_ERROR, dir, 0, -1, "cannot create directory: %s", strerror(errno));
        return -1;
    }
    ref_vec refs = {0};
    if (collect_refs(d, &refs) != 0) {
        vec_free(&refs);
        diag_report(diags, DIAG_FATAL, NULL, 0, -1, "out of memory");
        return -1;
    }
    int rc = 0;
    struct {
        size_t n;
        const char *name;
        int which;
    } files[] = {{c->actors.len, "actors.actors", 0},
                 {c->agents.len, "agents.agents", 1},
                 {c->verbs.len, "verbs.verbs", 2},
                 {c->discards.len, "discards.discards", 3},
                 {c->codebook.len, "codebook.tsv", 4}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!files[i].n)
            continue;
        FILE *f = open_out(&w, dir, files[i].name);
        if (!f) {
            rc = -1;
            continue;
        }
        switch (files[i].which) {
        case 0: write_actors(&w, f, &refs); break;
        case 1: write_agents(&w, f, &refs); break;
        case 2: write_verbs(&w, f, &refs); break;
        case 3: write_discards(&w, f, &refs); break;
        case 4: write_codebook(&w, f); break;
        }
        if (fclose(f) != 0)
            rc = -1;
    }
    long dropped = (long)(c->times.len + c->pos.len + c->option_lines.len);
    if (dropped)
        diag_report(diags, DIAG_NOTE, NULL, 0, -1,
                    "not written (no native form): %zu time phrases, %zu noun/adjective words, "
                    "%zu option lines",
                    c->times.len, c->pos.len, c->option_lines.len);
    w.lossy += dropped;
    vec_free(&refs);
    if (lossy)
        *lossy = w.lossy;
    return rc;
}
