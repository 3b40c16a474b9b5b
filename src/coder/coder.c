/*
** coder.c: the document loop, and what only the whole document can settle.
**
** A document is coded sentence by sentence, title first.  Across sentences the
** coder keeps three things: a short memory of the actors mentioned (for "he",
** "it", "they", "the two countries"), a count of the countries named (for
** agents with no country: "militants", "gunmen", "police"), and the dateline's
** country.  When the last sentence is done, agents still without a country get
** the story's place (the dateline's country, else the most-named country that
** is not the other party's), mentions that are still unresolved or historical
** are dropped, and one mention is kept per (source, target, code): a headline
** and its lead usually tell the same event twice, and when they name an actor
** differently the more specific name wins.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder/coder_private.h"
#include "util/civil_date.h"
#include "util/strcopy.h"

void coder_options_init(coder_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->code_title = 1;
    opt->dedupe = 1;
    opt->default_date = DATE_UNKNOWN;
    opt->historical_days = 45;
}

/* ---- the shared model -------------------------------------------------- */

static void sort_patterns(const dict_set *d, uint32_t *ids, size_t n)
{
    /* insertion sort: stable, and a verb has few patterns */
    for (size_t i = 1; i < n; i++) {
        uint32_t x = ids[i];
        const pattern *px = dict_pattern(d, x);
        size_t j = i;
        while (j > 0) {
            const pattern *py = dict_pattern(d, ids[j - 1]);
            int before = px->n_literals > py->n_literals ||
                         (px->n_literals == py->n_literals && px->order < py->order);
            if (!before)
                break;
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = x;
    }
}

#define mix64 coder_mix64

static inline uint32_t coder_set_start_bit(lex_id lex)
{
    return (uint32_t)(lex * 2246822519u) >> 18;
}

/* Mark a lexeme the window summaries are asked about (coder_model_window_lexeme). */
static void window_lexeme_add(coder_model *m, lex_id lex)
{
    if (lex < m->window_lexeme_bits)
        m->window_lexeme[lex >> 6] |= 1ULL << (lex & 63);
}

static int set_first_add(coder_model *m, uint64_t key)
{
    uint32_t bit = coder_set_start_bit((lex_id)key);
    m->set_start_filter[bit >> 6] |= 1ULL << (bit & 63);
    uint32_t i = (uint32_t)mix64(key) & m->set_first_mask;
    while (m->set_first[i]) {
        if (m->set_first[i] == key)
            return 0;
        i = (i + 1) & m->set_first_mask;
    }
    m->set_first[i] = key;
    return 0;
}

int coder_model_set_may_start(const coder_model *m, uint32_t set, lex_id lex)
{
    uint64_t key = ((uint64_t)(set + 1) << 32) | lex;
    uint32_t i = (uint32_t)mix64(key) & m->set_first_mask;
    while (m->set_first[i]) {
        if (m->set_first[i] == key)
            return 1;
        i = (i + 1) & m->set_first_mask;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* lexeme -> sets it can start, from the (set, lexeme) pairs of set_first */
static int build_lex_sets(coder_model *m, size_t members)
{
    uint64_t *pairs = malloc((members + 1) * sizeof(uint64_t));
    if (!pairs)
        return -1;
    size_t n = 0;
    for (uint32_t i = 0; i <= m->set_first_mask; i++)
        if (m->set_first[i]) {
            uint64_t key = m->set_first[i];
            uint32_t set = (uint32_t)(key >> 32) - 1, lex = (uint32_t)key;
            pairs[n++] = ((uint64_t)lex << 32) | set; /* sort by lexeme */
        }
    qsort(pairs, n, sizeof *pairs, cmp_u64);
    uint32_t cap = 64;
    while (cap < n * 2 + 64)
        cap *= 2;
    m->lex_sets = calloc(cap, sizeof *m->lex_sets);
    m->lex_sets_ids = malloc((n + 1) * sizeof(uint32_t));
    if (!m->lex_sets || !m->lex_sets_ids) {
        free(pairs);
        return -1;
    }
    m->lex_sets_mask = cap - 1;
    for (size_t i = 0; i < n;) {
        lex_id lex = (lex_id)(pairs[i] >> 32);
        size_t j = i;
        while (j < n && (lex_id)(pairs[j] >> 32) == lex) {
            m->lex_sets_ids[j] = (uint32_t)pairs[j];
            j++;
        }
        uint32_t h = (uint32_t)mix64(lex) & m->lex_sets_mask;
        while (m->lex_sets[h].count)
            h = (h + 1) & m->lex_sets_mask;
        m->lex_sets[h].lex = lex;
        m->lex_sets[h].first = (uint32_t)i;
        m->lex_sets[h].count = (uint32_t)(j - i);
        i = j;
    }
    free(pairs);
    return 0;
}

static int build_set_index(coder_model *m)
{
    const dict_set *d = m->dict;
    size_t members = 0;
    for (size_t s = 0; s < dict_n_sets(d); s++)
        members += dict_set_n_members(d, (uint32_t)s);
    uint32_t cap = 64;
    while (cap < members * 2 + 64)
        cap *= 2;
    m->set_first = calloc(cap, sizeof(uint64_t));
    if (!m->set_first)
        return -1;
    m->set_first_mask = cap - 1;
    m->set_first_start = malloc((dict_n_sets(d) + 1) * sizeof(uint32_t));
    m->set_first_bits = malloc((members + 1) * sizeof(uint16_t));
    if (!m->set_first_start || !m->set_first_bits)
        return -1;
    uint32_t n_bits = 0;
    for (size_t s = 0; s < dict_n_sets(d); s++) {
        m->set_first_start[s] = n_bits;
        for (size_t k = 0; k < dict_set_n_members(d, (uint32_t)s); k++) {
            size_t len;
            const lex_id *ph = dict_set_member(d, (uint32_t)s, k, &len);
            if (len && ph[0] != DICT_LEX_GAP) {
                set_first_add(m, ((uint64_t)(s + 1) << 32) | ph[0]);
                window_lexeme_add(m, ph[0]);
                m->set_first_bits[n_bits++] = coder_lex_filter_bit(ph[0]);
            }
        }
    }
    m->set_first_start[dict_n_sets(d)] = n_bits;
    if (build_lex_sets(m, members) != 0)
        return -1;
    return 0;
}

/* Slot i describes pattern pattern_order[i], so that a verb's patterns are
   checked by reading the slots (and their elements) in order. */
static int build_slots(coder_model *m)
{
    const dict_set *d = m->dict;
    size_t np = dict_n_patterns(d), n_elems = 0;
    for (size_t i = 0; i < np; i++)
        n_elems += dict_pattern(d, (uint32_t)i)->n_elems;
    m->slots = calloc(np + 1, sizeof *m->slots);
    m->slot_elems = malloc((n_elems + 1) * sizeof *m->slot_elems);
    m->slot_filter = malloc((np + 1) * sizeof *m->slot_filter);
    if (!m->slots || !m->slot_elems || !m->slot_filter)
        return -1;
    size_t at = 0;
    for (size_t i = 0; i < np; i++) {
        const pattern *pat = dict_pattern(d, m->pattern_order[i]);
        const pattern_elem *e = dict_pattern_elems(d, pat);
        struct pattern_slot *s = &m->slots[i];
        s->sets[0] = s->sets[1] = UINT32_MAX;
        uint16_t *filter = m->slot_filter[i];
        for (unsigned f = 0; f < SLOT_FILTER_WORDS; f++)
            filter[f] = SLOT_FILTER_NONE;
        unsigned n_filter = 0;
        for (uint32_t k = 0; k < pat->n_elems; k++) {
            if (e[k].kind == PAT_WORD) {
                s->needs |= coder_lex_bit(e[k].arg);
                window_lexeme_add(m, e[k].arg);
                if (n_filter < SLOT_FILTER_WORDS)
                    filter[n_filter++] = coder_lex_filter_bit(e[k].arg);
            } else if (e[k].kind == PAT_SET) {
                s->sets[s->sets[0] == UINT32_MAX ? 0 : 1] = e[k].arg;
            }
        }
        s->first_elem = (uint32_t)at;
        s->n_elems = pat->n_elems;
        s->verb_elem = pat->verb_elem;
        s->pattern = m->pattern_order[i];
        if (pat->n_elems)
            memcpy(m->slot_elems + at, e, pat->n_elems * sizeof *e);
        at += pat->n_elems;
    }
    return 0;
}

/* The key word of a pattern: its first literal word, or WORD_NONE. */
static lex_id key_word(const dict_set *d, const pattern *pat)
{
    const pattern_elem *e = dict_pattern_elems(d, pat);
    for (uint32_t k = 0; k < pat->n_elems; k++)
        if (e[k].kind == PAT_WORD)
            return e[k].arg;
    return WORD_NONE;
}

static int cmp_key_slot(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

static int build_verb_keys(coder_model *m)
{
    const dict_set *d = m->dict;
    size_t nv = dict_n_verbs(d), total = 0, nfree = 0;
    for (size_t v = 0; v < nv; v++)
        total += dict_verb(d, (uint32_t)v)->n_patterns;
    uint64_t (*pairs)[2] = malloc((total + 1) * sizeof *pairs);
    m->verb_free = calloc(nv + 2, sizeof(uint32_t));
    m->free_slots = malloc((total + 1) * sizeof(uint32_t));
    m->key_slots = malloc((total + 1) * sizeof(uint32_t));
    if (!pairs || !m->verb_free || !m->free_slots || !m->key_slots) {
        free(pairs);
        return -1;
    }
    size_t np = 0;
    for (size_t v = 0; v < nv; v++) {
        const verb_entry *ve = dict_verb(d, (uint32_t)v);
        if (ve->n_patterns > m->max_verb_patterns)
            m->max_verb_patterns = ve->n_patterns;
        m->verb_free[v] = (uint32_t)nfree;
        for (uint32_t k = 0; k < ve->n_patterns; k++) {
            lex_id key = key_word(d, dict_pattern(d, m->pattern_order[ve->first_pattern + k]));
            if (key == WORD_NONE) {
                m->free_slots[nfree++] = k;
            } else {
                pairs[np][0] = ((uint64_t)v << 32) | key;
                pairs[np][1] = k;
                np++;
            }
        }
    }
    m->verb_free[nv] = (uint32_t)nfree;
    qsort(pairs, np, sizeof *pairs, cmp_key_slot);
    /* each verb's table and bloom: powers of two, two entries and 16 bits a
       distinct key word */
    m->verb_keys = calloc(nv + 1, sizeof *m->verb_keys);
    if (!m->verb_keys) {
        free(pairs);
        return -1;
    }
    size_t runs = 0, words = 0;
    for (size_t i = 0; i < np;) {
        uint32_t v = (uint32_t)(pairs[i][0] >> 32), keys = 0;
        size_t j = i;
        for (; j < np && (uint32_t)(pairs[j][0] >> 32) == v; j++)
            keys += j == i || pairs[j][0] != pairs[j - 1][0];
        uint32_t entries = 2, bits = 64;
        while (entries < 2 * keys)
            entries *= 2;
        while (bits < 16u * keys)
            bits *= 2;
        m->verb_keys[v] = (struct verb_keys){(uint32_t)runs, entries - 1, (uint32_t)words, bits - 1};
        runs += entries;
        words += bits / 64;
        i = j;
    }
    m->key_runs = calloc(runs + 1, sizeof *m->key_runs);
    m->key_bloom = calloc(words + 1, sizeof(uint64_t));
    if (!m->key_runs || !m->key_bloom) {
        free(pairs);
        return -1;
    }
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pairs[j][0] == pairs[i][0]) {
            m->key_slots[j] = (uint32_t)pairs[j][1];
            j++;
        }
        const struct verb_keys *vk = &m->verb_keys[pairs[i][0] >> 32];
        lex_id key = (lex_id)pairs[i][0];
        uint64_t mixed = mix64(key);
        uint32_t h = (uint32_t)mixed & vk->runs_mask;
        while (m->key_runs[vk->runs_at + h].count)
            h = (h + 1) & vk->runs_mask;
        m->key_runs[vk->runs_at + h] = (struct key_run){key, (uint32_t)i, (uint32_t)(j - i)};
        uint32_t b = (uint32_t)(mixed >> 32) & vk->bloom_mask;
        m->key_bloom[vk->bloom_at + (b >> 6)] |= 1ULL << (b & 63);
        i = j;
    }
    free(pairs);
    return 0;
}

const struct key_run *coder_model_key_run(const coder_model *m, uint32_t verb, lex_id lex)
{
    const struct verb_keys *vk = &m->verb_keys[verb];
    if (!vk->bloom_mask)
        return NULL; /* the verb has no key words */
    uint64_t mixed = mix64(lex);
    uint32_t b = (uint32_t)(mixed >> 32) & vk->bloom_mask;
    if (!(m->key_bloom[vk->bloom_at + (b >> 6)] & (1ULL << (b & 63))))
        return NULL; /* no key of this verb */
    const struct key_run *runs = m->key_runs + vk->runs_at;
    for (uint32_t h = (uint32_t)mixed & vk->runs_mask; runs[h].count; h = (h + 1) & vk->runs_mask)
        if (runs[h].key == lex)
            return &runs[h];
    return NULL;
}

coder_model *coder_model_new(const dict_set *dict)
{
    coder_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->dict = dict;
    m->grammar = grammar_model_new(dict);
    size_t np = dict_n_patterns(dict);
    m->pattern_order = malloc((np ? np : 1) * sizeof(uint32_t));
    if (!m->grammar || !m->pattern_order) {
        coder_model_free(m);
        return NULL;
    }
    for (size_t v = 0; v < dict_n_verbs(dict); v++) {
        const verb_entry *ve = dict_verb(dict, (uint32_t)v);
        for (uint32_t k = 0; k < ve->n_patterns; k++)
            m->pattern_order[ve->first_pattern + k] = ve->first_pattern + k;
        sort_patterns(dict, m->pattern_order + ve->first_pattern, ve->n_patterns);
    }
    m->window_lexeme_bits = wordtab_count(dict_words(dict));
    m->window_lexeme = calloc(m->window_lexeme_bits / 64 + 1, sizeof(uint64_t));
    if (!m->window_lexeme || build_set_index(m) != 0 || build_slots(m) != 0 ||
        build_verb_keys(m) != 0) {
        coder_model_free(m);
        return NULL;
    }
    return m;
}

void coder_model_free(coder_model *m)
{
    if (!m)
        return;
    grammar_model_free(m->grammar);
    free(m->pattern_order);
    free(m->window_lexeme);
    free(m->set_first);
    free(m->lex_sets);
    free(m->lex_sets_ids);
    free(m->set_first_start);
    free(m->set_first_bits);
    free(m->slots);
    free(m->slot_elems);
    free(m->slot_filter);
    free(m->key_bloom);
    free(m->verb_keys);
    free(m->key_runs);
    free(m->key_slots);
    free(m->verb_free);
    free(m->free_slots);
    free(m);
}

/* ---- a coder ------------------------------------------------------------ */

coder *coder_new(const coder_model *model, const coder_options *opt)
{
    coder *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->model = model;
    c->dict = model->dict;
    c->g = model->grammar;
    if (opt)
        c->opt = *opt;
    else
        coder_options_init(&c->opt);
    return c;
}

void coder_free(coder *c)
{
    if (!c)
        return;
    vec_free(&c->sentences);
    vec_free(&c->all_tokens);
    vec_free(&c->sentence_first);
    vec_free(&c->word_queue.keys);
    vec_free(&c->word_queue.items);
    vec_free(&c->hits);
    vec_free(&c->nps);
    vec_free(&c->vgs);
    vec_free(&c->clauses);
    free(c->info);
    free(c->set_seen);
    free(c->candidates);
    free(c->slot_map);
    vec_free(&c->window_lexemes);
    tabari_free(c->tabari);
    free(c);
}

/* Mark, once per window, every phrase set that one of its tokens can start
   (set_seen[set] == window tag); then a set's presence is one read. */
static void mark_window_sets(coder *c)
{
    const coder_model *m = c->model;
    uint32_t tag = c->window_no;
    for (uint16_t i = 0; i < c->n_tok; i++)
        for (uint8_t k = 0; k < c->info[i].n_lex; k++) {
            lex_id lex = c->info[i].lex[k];
            uint32_t bit = coder_set_start_bit(lex);
            if (!((m->set_start_filter[bit >> 6] >> (bit & 63)) & 1u))
                continue; /* starts no member of any set */
            uint32_t h = (uint32_t)mix64(lex) & m->lex_sets_mask;
            while (m->lex_sets[h].count && m->lex_sets[h].lex != lex)
                h = (h + 1) & m->lex_sets_mask;
            for (uint32_t q = 0; q < m->lex_sets[h].count; q++)
                c->set_seen[m->lex_sets_ids[m->lex_sets[h].first + q]] = tag;
        }
    c->sets_marked = tag;
}

int coder_set_in_window(coder *c, uint32_t set)
{
    if (!c->set_seen) {
        c->n_set_seen = dict_n_sets(c->dict);
        c->set_seen = calloc(c->n_set_seen ? c->n_set_seen : 1, sizeof(uint32_t));
        if (!c->set_seen)
            return 1;
    }
    if (set >= c->n_set_seen)
        return 1;
    if (c->sets_marked != c->window_no) {
        /* not marked yet: the window filter may say no without marking */
        const coder_model *m = c->model;
        int maybe = 0;
        for (uint32_t b = m->set_first_start[set]; b < m->set_first_start[set + 1] && !maybe; b++)
            maybe = coder_lex_maybe_in_window(c, m->set_first_bits[b]);
        if (!maybe)
            return 0;
        mark_window_sets(c);
    }
    return c->set_seen[set] == c->window_no;
}

word_id coder_word_lookup(coder *c, const char *literal)
{
    /* open addressing by the literal's address, nothing ever evicted (the
       coder names a hundred or so literals): the probe goes on from the slot
       coder_word missed, and a new literal takes the first free slot */
    size_t slot = coder_word_slot(literal);
    for (size_t k = 0; k < CODER_WORD_CACHE; k++, slot = (slot + 1) & (CODER_WORD_CACHE - 1)) {
        if (c->word_cache[slot].literal == literal)
            return c->word_cache[slot].id;
        if (!c->word_cache[slot].literal)
            break;
    }
    word_id id = wordtab_lookup(dict_words(c->dict), literal, strlen(literal));
    if (!c->word_cache[slot].literal && c->n_word_cache < CODER_WORD_CACHE / 2) {
        c->word_cache[slot].literal = literal;
        c->word_cache[slot].id = id;
        c->n_word_cache++;
    }
    return id;
}

void coder_set_trace(coder *c, strbuf *trace)
{
    c->trace = trace;
}

uint64_t coder_sentences_coded(const coder *c)
{
    return c->n_sentences;
}

uint64_t coder_tokens_seen(const coder *c)
{
    return c->n_tokens;
}

/* ---- context: countries and coreference -------------------------------- */

/* CAMEO's region codes: a region is no country an agent can belong to. */
/* strncmp(code, three, 3) == 0 for a three-letter `three`, inline (it stops
   at code's NUL as strncmp does). */
static inline int starts3(const char *code, const char *three)
{
    return code[0] == three[0] && code[1] == three[1] && code[2] == three[2];
}

static int region_code(const char *code)
{
    static const char *const regions[] = {"AFR", "ASA", "BLK", "BALK", "CAS", "CAU", "CFR",
                                          "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF",
                                          "NMR", "SAF", "SAM", "SAS", "SEA", "WAF", "WST", "SCN",
                                          "PGS", "EIN", NULL};
    for (const char *const *r = regions; *r; r++)
        if (starts3(code, *r))
            return 1;
    return 0;
}

void remember_country(coder *c, const char *code, unsigned weight)
{
    if (strlen(code) < 3 || starts3(code, "---") || starts3(code, "IGO") ||
        starts3(code, "NGO") || starts3(code, "IMG") || starts3(code, "MNC") ||
        region_code(code))
        return;
    for (size_t k = 0; k < c->n_countries; k++)
        if (!strncmp(c->countries[k].code, code, 3)) {
            c->countries[k].count += (uint16_t)weight;
            return;
        }
    if (c->n_countries < MAX_COUNTRIES) {
        memcpy(c->countries[c->n_countries].code, code, 3);
        c->countries[c->n_countries].code[3] = '\0';
        c->countries[c->n_countries].count = (uint16_t)weight;
        c->n_countries++;
    }
}

/* The story's country: the dateline's, else the country the document names
   most; on a tie, one that is not the other party's (`exclude`). */
const char *context_country(const coder *c, const char *exclude)
{
    if (c->doc_place[0])
        return c->doc_place;
    const char *best = NULL;
    unsigned best_count = 0;
    for (size_t k = 0; k < c->n_countries; k++) {
        unsigned n = c->countries[k].count;
        int excluded = exclude && !strncmp(c->countries[k].code, exclude, 3);
        if (n > best_count ||
            (n == best_count && best && exclude && !strncmp(best, exclude, 3) && !excluded)) {
            best = c->countries[k].code;
            best_count = n;
        }
    }
    return best;
}

static int entity_matches(const coref_entity *e, const noun_phrase *np, int person_pronoun)
{
    if (np->flags & NPF_TWO)
        return e->pair;
    if (np->flags & NPF_PLURAL)
        return e->plural || e->pair;
    if (person_pronoun)
        return e->person && !e->plural;
    return !e->person && !e->plural;
}

static int is_person_pronoun(const coder *c, const noun_phrase *np)
{
    char buf[8];
    size_t n = text_token_key(c->doc->text, &c->tok[np->start], buf, sizeof buf);
    if (n >= sizeof buf)
        return 0;
    buf[n] = '\0';
    return !strcmp(buf, "HE") || !strcmp(buf, "SHE") || !strcmp(buf, "HIM") ||
           !strcmp(buf, "HER") || !strcmp(buf, "HIS");
}

static void entity_from_np(const coder *c, const noun_phrase *np, coref_entity *e)
{
    memset(e, 0, sizeof *e);
    str_copy(e->code, sizeof e->code, np->members[0].code);
    if (np->n_members == 2)
        str_copy(e->code2, sizeof e->code2, np->members[1].code);
    e->pair = np->n_members == 2;
    e->plural = (np->flags & NPF_PLURAL) != 0 || np->n_members > 1;
    e->person = (np->flags & NPF_PERSON) != 0 ||
                (np->members[0].agent >= 0 && !e->plural && strlen(e->code) > 3 &&
                 !strncmp(e->code + 3, "GOV", 3));
    e->sentence = c->sentence_no;
}

int resolve_pronoun(coder *c, const noun_phrase *np, char *code, size_t cap, char *code2)
{
    int person = is_person_pronoun(c, np);
    code2[0] = '\0';
    /* earlier in the same sentence first */
    for (size_t n = c->nps.len; n-- > 0;) {
        const noun_phrase *cand = &c->nps.items[n];
        if (cand->start >= np->start || !np_has_actor(cand) || (cand->flags & NPF_PLACE))
            continue;
        coref_entity e;
        entity_from_np(c, cand, &e);
        if (entity_matches(&e, np, person) || (!(np->flags & (NPF_TWO | NPF_PLURAL)) && !e.plural)) {
            str_copy(code, cap, e.code);
            if ((np->flags & (NPF_TWO | NPF_PLURAL)) && e.pair)
                str_copy(code2, ACTOR_CODE_MAX, e.code2);
            return 1;
        }
    }
    /* then the sentences before: a subject pronoun prefers the last subject */
    int as_subject = 0;
    for (size_t k = 0; k < c->clauses.len; k++)
        if (c->clauses.items[k].subject != NONE16 &&
            &c->nps.items[c->clauses.items[k].subject] == np)
            as_subject = 1;
    for (int pass = as_subject ? 0 : 1; pass < 3; pass++)
    for (size_t k = c->n_coref; k-- > 0;) {
        const coref_entity *e = &c->coref[k];
        if (c->sentence_no > e->sentence + 2)
            break;
        if (pass == 0 && (!e->subject || e->sentence != c->coref[c->n_coref - 1].sentence))
            continue;
        /* pass 2: "he" for "an Italian aid worker" when no person was named */
        if (pass == 2 ? (person && !e->plural && !e->pair) : entity_matches(e, np, person)) {
            str_copy(code, cap, e->code);
            if (e->pair && (np->flags & (NPF_TWO | NPF_PLURAL)))
                str_copy(code2, ACTOR_CODE_MAX, e->code2);
            return 1;
        }
    }
    return 0;
}

void remember_entity(coder *c, const noun_phrase *np, int subject)
{
    if (!np_has_actor(np) || (np->flags & (NPF_PLACE | NPF_ACCORDING)))
        return;
    if (!np->members[0].code[0] || !strncmp(np->members[0].code, "---", 3))
        return;
    if (c->n_coref == COREF_MEMORY) {
        memmove(c->coref, c->coref + 1, (COREF_MEMORY - 1) * sizeof c->coref[0]);
        c->n_coref--;
    }
    entity_from_np(c, np, &c->coref[c->n_coref]);
    c->coref[c->n_coref++].subject = (uint8_t)subject;
}

/* The country of the dateline ("KABUL, Afghanistan"): the first actor phrase
   in it that has a country code. */
static void find_place_country(coder *c, const char *place)
{
    c->doc_place[0] = '\0';
    if (!place || !*place)
        return;
    const wordtab *wt = dict_words(c->dict);
    lex_id lex[32][MAX_LEXEMES];
    uint8_t nlex[32];
    size_t n = 0;
    const char *p = place;
    while (*p && n < 32) {
        while (*p && (*p == ' ' || *p == ',' || *p == '(' || *p == ')' || *p == '-'))
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != ',' && *p != '(' && *p != ')')
            p++;
        if (p == s)
            break;
        char key[64];
        size_t len = wordtab_fold(s, (size_t)(p - s), key, sizeof key);
        if (len >= sizeof key)
            continue;
        word_id w = wordtab_lookup(wt, key, len);
        nlex[n] = (uint8_t)dict_token_lexemes(c->dict, key, len, w, lex[n], MAX_LEXEMES);
        n++;
    }
    for (size_t start = 0; start < n; start++) {
        uint32_t node = DICT_TRIE_ROOT;
        for (size_t i = start; i < n; i++) {
            uint32_t next = DICT_TRIE_NONE;
            for (uint8_t k = 0; k < nlex[i] && next == DICT_TRIE_NONE; k++)
                next = dict_trie_step(c->dict, node, lex[i][k]);
            if (next == DICT_TRIE_NONE)
                break;
            node = next;
            size_t np;
            const dict_payload *pl = dict_trie_payloads(c->dict, node, &np);
            for (size_t q = 0; q < np; q++)
                if (pl[q].kind == HIT_ACTOR) {
                    const actor_entry *a = dict_actor(c->dict, pl[q].entry);
                    const char *code = dict_actor_code(c->dict, a, c->doc_date);
                    if (code && strlen(code) >= 3 && strncmp(code, "---", 3) &&
                        strncmp(code, "IGO", 3) && strncmp(code, "NGO", 3)) {
                        memcpy(c->doc_place, code, 3);
                        c->doc_place[3] = '\0';
                    }
                }
        }
        if (c->doc_place[0])
            return;
    }
}

/* ---- one sentence --------------------------------------------------------- */

/* Opinion frames of commentary: "It is clear that ...", "In NATO's view ...". */
static int commentary_sentence(const coder *c)
{
    static const char *const frames[][3] = {
        {"IT", "IS", "CLEAR"},   {"IT", "IS", "WORTH"},   {"IT", "IS", "KNOWN"},
        {"IT", "IS", "NATURAL"}, {"IT", "IS", "OBVIOUS"}, {"IT", "IS", "EVIDENT"},
        {"IT", "IS", "TIME"},    {"IT", "IS", "AS"},      {"IT", "WILL", "BE"},
        {"IT", "IS", "ONLY"},    {"IT", "IS", "NO"},      {"IT", "IS", "TRUE"},
        {"IT", "SEEMS", ""},     {"IN", "THE", "VIEW"},   {"THERE", "IS", "NO"},
    };
    /* every frame opens with IT, IN or THERE: when the table has all three, a
       sentence opening otherwise is passed over without folding */
    word_id it = coder_word((coder *)c, "IT"), in = coder_word((coder *)c, "IN"),
            there = coder_word((coder *)c, "THERE");
    if (it != WORD_NONE && in != WORD_NONE && there != WORD_NONE &&
        (c->n_tok == 0 || (c->tok[0].word != it && c->tok[0].word != in &&
                           c->tok[0].word != there)))
        return 0;
    char w[3][16];
    for (int k = 0; k < 3; k++) {
        w[k][0] = '\0';
        if (k < c->n_tok) {
            size_t n = text_token_key(c->doc->text, &c->tok[k], w[k], sizeof w[k]);
            w[k][n < sizeof w[k] ? n : sizeof w[k] - 1] = '\0';
        }
    }
    for (size_t f = 0; f < sizeof frames / sizeof frames[0]; f++)
        if (!strcmp(w[0], frames[f][0]) && !strcmp(w[1], frames[f][1]) &&
            (!frames[f][2][0] || !strcmp(w[2], frames[f][2])))
            return 1;
    /* "In NATO's view," */
    if (!strcmp(w[0], "IN") && c->n_tok > 4) {
        for (uint16_t i = 1; i < 5 && i < c->n_tok; i++) {
            char buf[16];
            size_t n = text_token_key(c->doc->text, &c->tok[i], buf, sizeof buf);
            buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
            if (!strcmp(buf, "VIEW"))
                return 1;
        }
    }
    return 0;
}

static int discard_hit(const coder *c, int *whole_story)
{
    for (size_t h = 0; h < c->hits.len; h++) {
        const lex_hit *hit = &c->hits.items[h];
        if (hit->discard < 0)
            continue;
        const discard_entry *d = dict_discard(c->dict, (uint32_t)hit->discard);
        *whole_story = d && d->whole_story;
        return 1;
    }
    return 0;
}

static int code_window(coder *c)
{
    c->window_no++;
    if (c->window_no >= 0xfffffff0u) { /* the tags would wrap: start over */
        c->window_no = 1;
        if (c->set_seen)
            memset(c->set_seen, 0, c->n_set_seen * sizeof(uint32_t));
        memset(c->window_set, 0, sizeof c->window_set);
    }
    if (c->opt.rules == CODER_RULES_TABARI)
        return tabari_code_sentence(c);
    if (analyse_sentence(c) != 0)
        return -1;
    int whole_story = 0;
    if (discard_hit(c, &whole_story)) {
        if (tracing(c))
            trace_printf(c, "  discarded by a discard phrase%s\n", whole_story ? " (whole story)" : "");
        return whole_story ? 1 : 0;
    }
    if (commentary_sentence(c)) {
        if (tracing(c))
            trace_printf(c, "  commentary frame: the author's view, not an event\n");
        return 0;
    }
    if (c->vgs.len) /* the sentence's date is only read for its verb groups' events */
        resolve_sentence_date(c);
    c->sentence_discarded = 0;
    size_t before = c->out->len;
    if (assemble_events(c) != 0)
        return -1;
    if (c->sentence_discarded)
        c->out->len = before;
    for (uint16_t i = 0; i < c->n_tok; i++)
        if (c->info[i].gclass & G_SPORT)
            c->sport_words++;
    /* what this sentence named, for the sentences after it */
    for (size_t n = 0; n < c->nps.len; n++) {
        const noun_phrase *np = &c->nps.items[n];
        if (!np_has_actor(np) || (np->flags & (NPF_PRONOUN | NPF_TWO)))
            continue;
        int subject = 0;
        for (size_t k = 0; k < c->clauses.len; k++)
            if (c->clauses.items[k].subject == n)
                subject = 1;
        remember_entity(c, np, subject);
        for (uint8_t k = 0; k < np->n_members; k++)
            remember_country(c, np->members[k].code, (np->flags & NPF_PLACE) ? 2 : 1);
    }
    return 0;
}

/* ---- the document ------------------------------------------------------- */

/* The same actor named more or less specifically: "SDN" and "SDNGOV" are, but
   "IRQMIL" and "IRQREB" are two actors of one country. */
static int principal_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la < 3 || lb < 3)
        return 0;
    return !strncmp(a, b, la < lb ? la : lb);
}

/* How specific a code is: "0214" > "021" > "020" > "02". */
static int code_specificity(const char *code)
{
    size_t n = strlen(code);
    if (n >= 4)
        return 3;
    if (n == 3)
        return code[2] != '0' ? 2 : 1;
    return 0;
}

/* One sentence, one dyad, one root: "Israeli air strikes killed two Hamas
   militants" is one act told by two words (195 and 190); keep the more
   specific code. */
static void merge_same_act(coder *c)
{
    size_t w = c->out_start;
    for (size_t r = c->out_start; r < c->out->len; r++) {
        event_mention *m = &c->out->items[r];
        int merged = 0;
        for (size_t k = c->out_start; k < w && !merged; k++) {
            event_mention *kept = &c->out->items[k];
            if (kept->sentence != m->sentence || strncmp(kept->code, m->code, 2) ||
                ((kept->flags ^ m->flags) & MENTF_HISTORICAL) ||
                strcmp(kept->source.code, m->source.code) || strcmp(kept->target.code, m->target.code))
                continue;
            if (code_specificity(m->code) > code_specificity(kept->code))
                *kept = *m;
            merged = 1;
        }
        if (!merged)
            c->out->items[w++] = *m;
    }
    c->out->len = w;
}

/* One mention per (source, target, code); the more specific actor names win. */
static void dedupe(coder *c)
{
    size_t w = c->out_start;
    for (size_t r = c->out_start; r < c->out->len; r++) {
        event_mention *m = &c->out->items[r];
        int merged = 0;
        for (size_t k = c->out_start; k < w; k++) {
            event_mention *kept = &c->out->items[k];
            if (strcmp(kept->code, m->code) || !principal_equal(kept->source.code, m->source.code) ||
                !principal_equal(kept->target.code, m->target.code))
                continue;
            /* "visited in April last year" and "is visiting" are two visits */
            if (((kept->flags ^ m->flags) & MENTF_HISTORICAL) ||
                (kept->date != m->date && kept->date_basis == DATE_FROM_TEXT &&
                 m->date_basis == DATE_FROM_TEXT))
                continue;
            actor_slot src = kept->source, tgt = kept->target;
            if (strlen(m->source.code) > strlen(src.code))
                src = m->source;
            if (strlen(m->target.code) > strlen(tgt.code))
                tgt = m->target;
            if (!strcmp(src.code, tgt.code))
                continue; /* "SAU -> SAUCOP" and "SAUCOP -> SAU" are not one event */
            kept->source = src;
            kept->target = tgt;
            merged = 1;
            break;
        }
        if (!merged)
            c->out->items[w++] = *m;
    }
    c->out->len = w;
}

/* A headline summarises its lead: a title event whose source also acts with
   the same root code in the body is the body's event told less precisely
   ("Israel Urges Sanctions on Iran" over "Israel urged the United Nations ...
   to move toward sanctions against Iran"). */
static void drop_title_echoes(coder *c)
{
    size_t w = c->out_start;
    for (size_t r = c->out_start; r < c->out->len; r++) {
        event_mention *m = &c->out->items[r];
        int echo = 0;
        if (m->flags & MENTF_TITLE)
            for (size_t k = c->out_start; k < c->out->len && !echo; k++) {
                const event_mention *b = &c->out->items[k];
                echo = !(b->flags & MENTF_TITLE) && !(b->flags & MENTF_PAIRED) &&
                       !(m->flags & MENTF_PAIRED) && !strncmp(b->code, m->code, 2) &&
                       !strncmp(b->source.code, m->source.code, 3) &&
                       strncmp(b->target.code, m->target.code, 3);
            }
        if (!echo)
            c->out->items[w++] = *m;
    }
    c->out->len = w;
}

/* An organ of the state, an armed group or an organisation: actors whose acts
   stay political even in a sports story ("police arrested fans"). */
static int political_role(const char *code)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "UAF", "SPY", NULL};
    if (!strncmp(code, "IGO", 3) || !strncmp(code, "IMG", 3))
        return 1;
    for (const char *const *r = roles; *r; r++)
        if (strlen(code) > 3 && strstr(code + 3, *r))
            return 1;
    return 0;
}

static void settle_document(coder *c)
{
    /* sports news: countries "meet", "beat" and "battle" on a pitch */
    int sports = c->sport_words >= 3;
    size_t w = c->out_start;
    for (size_t r = c->out_start; r < c->out->len; r++) {
        event_mention *m = &c->out->items[r];
        if (sports && !political_role(m->source.code) && !political_role(m->target.code))
            continue;
        int filled_state = 0;
        if (!strncmp(m->source.code, "---", 3)) {
            const char *country = context_country(c, m->target.code);
            if (country) {
                filled_state |= political_role(m->source.code) && !strstr(m->source.code, "REB") &&
                                !strstr(m->source.code, "UAF");
                memcpy(m->source.code, country, 3);
                m->flags |= MENTF_DEFAULT_ACTOR;
            }
        }
        if (!strncmp(m->target.code, "---", 3)) {
            const char *country = context_country(c, m->source.code);
            if (country) {
                filled_state |= political_role(m->target.code) && !strstr(m->target.code, "REB") &&
                                !strstr(m->target.code, "UAF");
                memcpy(m->target.code, country, 3);
                m->flags |= MENTF_DEFAULT_ACTOR;
            }
        }
        if (!strncmp(m->source.code, "---", 3) || !strncmp(m->target.code, "---", 3))
            continue;
        if (!strcmp(m->source.code, m->target.code))
            continue;
        /* a state organ given the story's country, facing that same country:
           the guess was wrong ("the Japanese government visited Poland" with
           Japan unknown is not Poland visiting itself) */
        if (filled_state && !strncmp(m->source.code, m->target.code, 3) &&
            (strlen(m->source.code) == 3 || strlen(m->target.code) == 3))
            continue;
        if ((m->flags & MENTF_HISTORICAL) && !c->opt.include_historical)
            continue;
        c->out->items[w++] = *m;
    }
    c->out->len = w;
    if (c->opt.dedupe) {
        drop_title_echoes(c);
        merge_same_act(c);
        dedupe(c);
    }
}

long coder_code_document(coder *c, const document *doc, mention_vec *out)
{
    c->doc = doc;
    c->out = out;
    c->out_start = out->len;
    c->doc_date = doc->published != DATE_UNKNOWN ? doc->published : c->opt.default_date;
    c->n_countries = 0;
    c->n_coref = 0;
    c->sport_words = 0;
    find_place_country(c, doc->place);
    vec_clear(&c->sentences);
    if (text_split_sentences(doc->text, doc->text_len, doc->title_len, &c->sentences) < 0)
        return -1;
    /* every sentence's tokens first, so that all the document's word lookups
       are done together (text_tokenize_resolve) */
    vec_clear(&c->all_tokens);
    vec_clear(&c->sentence_first);
    vec_clear(&c->word_queue.keys);
    vec_clear(&c->word_queue.items);
    for (size_t s = 0; s <= c->sentences.len; s++) {
        if (vec_push(&c->sentence_first, (uint32_t)c->all_tokens.len) != 0)
            return -1;
        if (s == c->sentences.len)
            break;
        const sentence *sent = &c->sentences.items[s];
        if (sent->in_title && !c->opt.code_title)
            continue;
        if (text_tokenize_deferred(doc->text, sent, &c->all_tokens, &c->word_queue) < 0)
            return -1;
    }
    text_tokenize_resolve(dict_words(c->dict), &c->all_tokens, &c->word_queue);
    for (size_t s = 0; s < c->sentences.len; s++) {
        const sentence *sent = &c->sentences.items[s];
        if (sent->in_title && !c->opt.code_title)
            continue;
        const token *first = c->all_tokens.items + c->sentence_first.items[s];
        size_t n_tokens = c->sentence_first.items[s + 1] - c->sentence_first.items[s];
        c->sentence_tok = first;
        c->n_sentences++;
        c->n_tokens += n_tokens;
        c->sentence_no = (uint32_t)s;
        c->sentence_span = (span){sent->start, sent->end};
        c->in_title = sent->in_title;
        if (tracing(c))
            trace_printf(c, "sentence %zu%s: %.*s\n", s, sent->in_title ? " (title)" : "",
                         (int)(sent->end - sent->start), doc->text + sent->start);
        /* long sentences are coded in windows, never skipped */
        for (size_t w = 0; w < n_tokens; w += MAX_SENTENCE_TOKENS) {
            c->tok = first + w;
            size_t left = n_tokens - w;
            c->n_tok = (uint16_t)(left < MAX_SENTENCE_TOKENS ? left : MAX_SENTENCE_TOKENS);
            int r = code_window(c);
            if (r < 0)
                return -1;
            if (r == 1) {
                c->out->len = c->out_start; /* the whole story is discarded */
                return 0;
            }
        }
    }
    settle_document(c);
    return (long)(out->len - c->out_start);
}
