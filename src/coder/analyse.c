/*
** analyse.c: one sentence, from tokens to clauses with subjects.
**
** This is the shallow parse that replaces a parser.  It runs in passes over the
** sentence's tokens, each a single left-to-right scan over small arrays:
**
**  1. lexemes     each token's word id plus any dictionary stems it begins with
**  2. hits        the longest dictionary phrase at each position (actors, agents,
**                 verbs, time phrases, discards), left to right
**  3. roles       a phrase that is both an agent and a verb ("forces", "guards")
**                 is read by its neighbours: "US forces" is a noun, "it forces"
**                 a verb; a month that is also a verb ("March") likewise
**  4. phrases     actor phrases: runs of actor, agent and name tokens with their
**                 determiners and modifiers, possessives ("Japan's foreign
**                 minister"), "agent of actor" ("the chairman of the military
**                 committee of NATO"), compounds ("South Korea and Japan", "US
**                 and Iraqi forces"), pronouns and "the two countries"; each with
**                 the preposition that governs it (a place, a passive agent ...)
**  5. verb groups a coded verb with its auxiliaries and adverbs: passive voice,
**                 negation, future and intention, speculation, nominal use
**                 ("his visit"), infinitives, and complements ("urged X to free")
**  6. clauses     boundaries at ; : subordinators, relative pronouns, "and" + verb,
**                 participle phrases and reporting verbs; each clause gets its
**                 subject, inherited where English leaves it out
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder/coder_private.h"
#include "util/civil_date.h"
#include "util/strcopy.h"

/* ---- small helpers ----------------------------------------------------- */

static inline uint64_t gcls(const coder *c, uint16_t i)
{
    return i < c->n_tok ? c->info[i].gclass : 0;
}

static inline int is_punct(const coder *c, uint16_t i)
{
    return i < c->n_tok && c->tok[i].kind == TOK_PUNCT;
}

static inline int is_comma(const coder *c, uint16_t i)
{
    return i < c->n_tok && (c->tok[i].flags & TOKF_COMMA);
}

static inline int is_word(const coder *c, uint16_t i)
{
    return i < c->n_tok && (c->tok[i].kind == TOK_WORD || c->tok[i].kind == TOK_NUMBER);
}

static inline const lex_hit *hit_at(const coder *c, uint16_t i)
{
    return (i < c->n_tok && c->info[i].hit != NONE16) ? &c->hits.items[c->info[i].hit] : NULL;
}

static inline int role_is(const coder *c, uint16_t i, int role)
{
    return i < c->n_tok && c->info[i].role == role;
}

/* The folded text of token i into buf. */
static size_t tok_key(const coder *c, uint16_t i, char *buf, size_t cap)
{
    size_t n = text_token_key(c->doc->text, &c->tok[i], buf, cap);
    if (n >= cap)
        n = cap - 1;
    buf[n] = '\0';
    return n;
}

/* The length tok_key(c, i, buf, cap) would return (cap <= 128), and the last
   three bytes of that key in tail (tail[2] the last; 0 where the key is
   shorter): for an ASCII token that cap does not cut, straight from the text,
   without folding the whole token (suffix tests ask for nothing more). */
static size_t tok_key_tail(const coder *c, uint16_t i, size_t cap, char tail[3])
{
    const token *t = &c->tok[i];
    const unsigned char *raw = (const unsigned char *)c->doc->text + t->start;
    size_t len = t->end - t->start, n;
    const unsigned char *key = raw;
    char buf[128];
    int ascii = len < cap;
    for (size_t k = 0; ascii && k < len; k++)
        ascii = raw[k] < 0x80;
    if (ascii) {
        n = len;
    } else {
        n = tok_key(c, i, buf, cap);
        key = (const unsigned char *)buf;
    }
    for (int t3 = 0; t3 < 3; t3++) {
        size_t back = (size_t)(3 - t3);
        unsigned char ch = n >= back ? key[n - back] : 0;
        tail[t3] = (char)(ascii && ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
    }
    return n;
}

static inline int tail2_is(const char tail[3], const char *two)
{
    return tail[1] == two[0] && tail[2] == two[1];
}

static int tok_is_word(const coder *c, uint16_t i, const char *word)
{
    return coder_tok_is(c, i, word);
}

/* ---- 1. lexemes -------------------------------------------------------- */

/* Remember a lexeme of the window: its signature bit, its bit in the window
   filter, and the distinct list (the filter answers "new" at once; "maybe
   listed" asks window_set, or scans the list when it is too long for the set).
   Only lexemes something asks about (a pattern's literal word, the start of a
   set member: coder_model_window_lexeme) are remembered; leaving the others
   out only removes false positives from the filters. */
static inline void note_window_lexeme(coder *c, lex_id lex)
{
    if (!coder_model_window_lexeme(c->model, lex))
        return; /* nothing asks about it */
    c->sentence_lexemes |= coder_lex_bit(lex);
    uint32_t bit = coder_lex_filter_bit(lex);
    int maybe = (c->lexeme_bits[bit >> 6] >> (bit & 63)) & 1u;
    c->lexeme_bits[bit >> 6] |= 1ULL << (bit & 63);
    size_t n = c->window_lexemes.len;
    if (n < WINDOW_SET_MAX) {
        const uint32_t mask = 2 * WINDOW_SET_MAX - 1;
        uint32_t h = (uint32_t)(lex * 2654435761u) >> 23;
        for (;; h = (h + 1) & mask) {
            if (c->window_set[h].tag != c->window_no) {
                c->window_set[h].lex = lex;
                c->window_set[h].tag = c->window_no;
                break;
            }
            if (c->window_set[h].lex == lex)
                return;
        }
    } else if (maybe) {
        for (size_t q = 0; q < n; q++)
            if (c->window_lexemes.items[q] == lex)
                return;
    }
    vec_push(&c->window_lexemes, lex);
}

static void find_lexemes(coder *c)
{
    char key[128];
    const int stemmed = dict_has_stems(c->dict);
    c->sentence_lexemes = 0;
    vec_clear(&c->window_lexemes);
    memset(c->lexeme_bits, 0, sizeof c->lexeme_bits);
    /* the per-word data of a full dictionary set is megabytes: ask for all the
       window's words first, so that their cache misses overlap */
    for (uint16_t i = 0; i < c->n_tok; i++)
        if (c->tok[i].word != WORD_NONE) {
            dict_prefetch_word(c->dict, c->tok[i].word);
            grammar_prefetch(c->g, c->tok[i].word);
        }
    for (uint16_t i = 0; i < c->n_tok; i++) {
        tok_info *ti = &c->info[i];
        memset(ti, 0, sizeof *ti);
        ti->hit = ti->np = ti->vg = NONE16;
        const token *t = &c->tok[i];
        if (t->kind == TOK_PUNCT && !(t->flags & TOKF_POSSESSIVE)) {
            ti->n_lex = 0;
            if (t->word != WORD_NONE) {
                ti->lex[ti->n_lex++] = t->word;
                uint32_t bit = coder_lex_filter_bit(t->word); /* in the filter, not the list */
                c->lexeme_bits[bit >> 6] |= 1ULL << (bit & 63);
            }
            ti->gclass = grammar_class(c->g, t->word);
            continue;
        }
        if (t->word != WORD_NONE) {
            /* a known word: its key is in the table, no folding needed */
            ti->n_lex = (uint8_t)dict_word_lexemes(c->dict, t->word, ti->lex, MAX_LEXEMES);
            ti->gclass = grammar_class(c->g, t->word);
            for (uint8_t k = 0; k < ti->n_lex; k++)
                note_window_lexeme(c, ti->lex[k]);
            continue;
        }
        size_t len = stemmed ? text_token_key(c->doc->text, t, key, sizeof key) : 0;
        if (!stemmed) {
            ti->n_lex = 0; /* not in the table, and no stems to begin with */
        } else if (len >= sizeof key) {
            ti->n_lex = t->word != WORD_NONE;
            ti->lex[0] = t->word;
        } else {
            ti->n_lex = (uint8_t)dict_token_lexemes(c->dict, key, len, t->word, ti->lex,
                                                    MAX_LEXEMES);
        }
        ti->gclass = grammar_class(c->g, t->word);
        for (uint8_t k = 0; k < ti->n_lex; k++)
            note_window_lexeme(c, ti->lex[k]);
    }
}

/* ---- 2. dictionary hits ------------------------------------------------- */

typedef struct walk_frame {
    uint32_t node;
    uint16_t pos;
} walk_frame;

/* The longest phrase with payloads starting at token `start`: returns its end
   (exclusive) and node, or 0 when none. */
static uint16_t longest_phrase(const coder *c, uint16_t start, uint32_t *best_node)
{
    walk_frame stack[64];
    size_t sp = 0;
    uint16_t best_end = 0;
    stack[sp++] = (walk_frame){DICT_TRIE_ROOT, start};
    while (sp) {
        walk_frame f = stack[--sp];
        if (f.pos >= c->n_tok)
            continue;
        const tok_info *ti = &c->info[f.pos];
        for (uint8_t k = 0; k < ti->n_lex; k++) {
            uint32_t child = dict_trie_step(c->dict, f.node, ti->lex[k]);
            if (child == DICT_TRIE_NONE)
                continue;
            uint16_t end = (uint16_t)(f.pos + 1);
            if (end > best_end && dict_trie_ends(c->dict, child)) {
                best_end = end;
                *best_node = child;
            }
            if (sp < sizeof stack / sizeof stack[0] && dict_trie_leads_on(c->dict, child))
                stack[sp++] = (walk_frame){child, end};
        }
    }
    return best_end;
}

static int record_hit(coder *c, uint16_t start, uint16_t end, uint32_t node)
{
    lex_hit h = {start, end, node, -1, -1, -1, -1, -1, -1, -1, 0, 0};
    size_t n;
    const dict_payload *p = dict_trie_payloads(c->dict, node, &n);
    for (size_t k = 0; k < n; k++) {
        switch (p[k].kind) {
        case HIT_ACTOR: if (h.actor < 0) h.actor = (int32_t)p[k].entry; break;
        case HIT_AGENT: if (h.agent < 0) h.agent = (int32_t)p[k].entry; break;
        case HIT_PLURAL_AGENT:
            if (h.agent < 0) { h.agent = (int32_t)p[k].entry; h.agent_plural = 1; }
            break;
        case HIT_VERB:
            if (h.verb < 0) { h.verb = (int32_t)p[k].entry; h.verb_form = p[k].form; }
            break;
        case HIT_TIME: if (h.time < 0) h.time = (int32_t)p[k].entry; break;
        case HIT_DISCARD: if (h.discard < 0) h.discard = (int32_t)p[k].entry; break;
        case HIT_NOUN: if (h.noun < 0) h.noun = (int32_t)p[k].entry; break;
        case HIT_ADJECTIVE: if (h.adjective < 0) h.adjective = (int32_t)p[k].entry; break;
        }
    }
    if (vec_push(&c->hits, h) != 0)
        return -1;
    for (uint16_t i = start; i < end; i++)
        c->info[i].hit = (uint16_t)(c->hits.len - 1);
    return 0;
}

static int find_hits(coder *c)
{
    vec_clear(&c->hits);
    for (uint16_t i = 0; i < c->n_tok;) {
        uint32_t node = 0;
        uint16_t end = c->info[i].n_lex ? longest_phrase(c, i, &node) : 0;
        if (end > i) {
            if (record_hit(c, i, end, node) != 0)
                return -1;
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- 3. roles ----------------------------------------------------------- */

/* Does the context before token i call for a verb ("to attack", "will force",
   "has attacked", "they attack")? */
static int verb_context_before(const coder *c, uint16_t i)
{
    if (i == 0)
        return 0;
    uint16_t p = i - 1;
    while (p > 0 && (gcls(c, p) & (G_ADVERB | G_NEGATION)) && !(gcls(c, p) & G_DET))
        p--;
    uint64_t g = gcls(c, p);
    if (g & (G_TO | G_FUTURE | G_WOULD | G_SPECULATE | G_DO | G_HAVE | G_BE | G_NEGATION))
        return 1;
    if (g & (G_PRON_SUBJ | G_RELATIVE))
        return 1;
    return 0;
}

static int noun_context_before(const coder *c, uint16_t i)
{
    if (i == 0)
        return 0;
    uint64_t g = gcls(c, i - 1);
    if (g & (G_DET | G_POSSESSIVE | G_NUMBER | G_OF))
        return 1;
    if (c->tok[i - 1].kind == TOK_NUMBER)
        return 1;
    if (role_is(c, i - 1, TR_ACTOR) || role_is(c, i - 1, TR_AGENT))
        return 1;
    return 0;
}

/* A verb form that can only be finite or a participle after a noun phrase: an
   -s form after an actor ("Russia warns") reads as a verb. */
static int looks_finite(const lex_hit *h)
{
    return h->verb_form == VFORM_S || h->verb_form == VFORM_PAST ||
           h->verb_form == VFORM_PRETERITE;
}

static int month_context(const coder *c, uint16_t i)
{
    if (!(gcls(c, i) & G_TIME))
        return 0;
    if (i + 1 < c->n_tok && c->tok[i + 1].kind == TOK_NUMBER)
        return 1;
    if (i > 0 && (tok_is_word(c, i - 1, "IN") || tok_is_word(c, i - 1, "ON") ||
                  tok_is_word(c, i - 1, "LAST") || tok_is_word(c, i - 1, "NEXT") ||
                  tok_is_word(c, i - 1, "SINCE") || tok_is_word(c, i - 1, "UNTIL") ||
                  tok_is_word(c, i - 1, "EARLY") || tok_is_word(c, i - 1, "LATE") ||
                  tok_is_word(c, i - 1, "MID") || tok_is_word(c, i - 1, "BY")))
        return 1;
    return 0;
}

static void assign_roles(coder *c)
{
    for (size_t h = 0; h < c->hits.len; h++) {
        lex_hit *hit = &c->hits.items[h];
        int role = TR_NONE;
        int can_verb = hit->verb >= 0 && !month_context(c, hit->start);
        /* A modal or auxiliary word is never a coded verb ("may", "will"). */
        if (hit->end - hit->start == 1 &&
            (gcls(c, hit->start) & (G_FUTURE | G_SPECULATE | G_BE | G_HAVE | G_DO)))
            can_verb = 0;
        if (hit->noun >= 0 && !verb_context_before(c, hit->start))
            can_verb = 0;
        /* "Suspected Algerian militants killed ...": a participle opening the
           sentence before an actor phrase is an adjective */
        if (hit->start == 0 && (hit->verb_form == VFORM_PAST || hit->verb_form == VFORM_PARTICIPLE) &&
            hit->end < c->n_tok && c->info[hit->end].hit != NONE16 &&
            (c->hits.items[c->info[hit->end].hit].actor >= 0 || c->hits.items[c->info[hit->end].hit].agent >= 0))
            can_verb = 0;
        /* "U.S.-backed", "Iranian-made": a verb joined by a hyphen is an adjective */
        if (hit->start > 0 && (c->tok[hit->start - 1].flags & TOKF_DASH) &&
            c->tok[hit->start - 1].end == c->tok[hit->start].start)
            can_verb = 0;
        if (hit->actor >= 0) {
            role = TR_ACTOR;
            if (can_verb && verb_context_before(c, hit->start) && hit->agent < 0)
                role = TR_VERB;
        } else if (hit->agent >= 0) {
            role = TR_AGENT;
            if (can_verb && !noun_context_before(c, hit->start) &&
                (verb_context_before(c, hit->start) ||
                 (hit->start > 0 && looks_finite(hit) &&
                  (role_is(c, hit->start - 1, TR_ACTOR) || role_is(c, hit->start - 1, TR_NAME)))))
                role = TR_VERB;
        } else if (can_verb) {
            role = TR_VERB;
        }
        for (uint16_t i = hit->start; i < hit->end; i++)
            c->info[i].role = (uint8_t)role;
    }
    /* A first name before a leader's surname that the dictionary does not list
       with it is someone else ("Cherie Blair", "Laura Bush"): no actor. */
    for (size_t h = 0; h < c->hits.len; h++) {
        lex_hit *hit = &c->hits.items[h];
        if (hit->actor < 0 || hit->end != hit->start + 1 || hit->start == 0)
            continue;
        uint16_t p = hit->start - 1;
        const token *t = &c->tok[p];
        if (t->kind != TOK_WORD || !(t->flags & TOKF_CAPITALIZED) || c->info[p].hit != NONE16 ||
            c->info[p].gclass || (t->flags & (TOKF_SENT_START | TOKF_IN_TITLE)))
            continue;
        const actor_entry *a = dict_actor(c->dict, (uint32_t)hit->actor);
        const code_period *pr = a ? dict_actor_periods(c->dict, a) : NULL;
        int dated = 0;
        for (uint32_t k = 0; pr && k < a->n_periods; k++)
            dated |= pr[k].from != DATE_MIN || pr[k].to != DATE_MAX;
        if (dated)
            c->info[hit->start].role = TR_NONE;
    }
    /* Unknown capitalised words next to actors and agents are names ("President
       Hamid Karzai"): they belong to the phrase.  In a title every word is
       capitalised, so there a name must follow an agent or a known name. */
    for (uint16_t i = 0; i < c->n_tok; i++) {
        const token *t = &c->tok[i];
        if (c->info[i].role != TR_NONE || t->kind != TOK_WORD || !(t->flags & TOKF_CAPITALIZED))
            continue;
        if (c->info[i].gclass)
            continue;
        int prev_named = i > 0 && (role_is(c, i - 1, TR_AGENT) || role_is(c, i - 1, TR_NAME) ||
                                   role_is(c, i - 1, TR_ACTOR));
        int title_word = (t->flags & TOKF_IN_TITLE) != 0;
        int sentence_initial = (t->flags & TOKF_SENT_START) != 0;
        int named = (prev_named &&
                     (!title_word || role_is(c, i - 1, TR_AGENT) || role_is(c, i - 1, TR_NAME))) ||
                    (!title_word && !sentence_initial && i + 1 < c->n_tok &&
                     (role_is(c, i + 1, TR_AGENT) || role_is(c, i + 1, TR_ACTOR)) &&
                     (c->tok[i + 1].flags & TOKF_CAPITALIZED));
        if (!named)
            continue;
        char tail[3]; /* asked only of a would-be name */
        size_t klen = tok_key_tail(c, i, 40, tail);
        if (klen > 3 && tail2_is(tail, "LY"))
            continue; /* an adverb ("Forcibly"), not a name */
        c->info[i].role = TR_NAME;
    }
}

/* ---- 4. actor phrases --------------------------------------------------- */

static int verbish_at(const coder *c, uint16_t i);

static int is_nominal_token(const coder *c, uint16_t i)
{
    if (i >= c->n_tok)
        return 0;
    int r = c->info[i].role;
    return r == TR_ACTOR || r == TR_AGENT || r == TR_NAME;
}

/* A lowercase unknown word that can modify a noun ("renegade", "embattled"). */
static int is_modifier(const coder *c, uint16_t i)
{
    if (i >= c->n_tok)
        return 0;
    const token *t = &c->tok[i];
    if (c->info[i].role != TR_NONE)
        return 0;
    if (t->kind == TOK_NUMBER)
        return 1;
    if (t->kind != TOK_WORD)
        return 0;
    uint64_t g = c->info[i].gclass;
    if (g & (G_DET | G_NUMBER))
        return 1;
    if (g)
        return 0;
    return c->info[i].hit == NONE16; /* not a dictionary word of another kind */
}

static int code_is_country(const char *code)
{
    return strlen(code) == 3 && strcmp(code, "---") != 0;
}

/* IGOs, NGOs, international militarised groups and MNCs keep their code when an
   agent is attached ("NATO Secretary General" is NATO). */
static int code_is_organisation(const char *code)
{
    return !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) ||
           !strncmp(code, "MNC", 3);
}

static void apply_agent(const coder *c, np_member *m, int32_t agent)
{
    const agent_entry *ag = dict_agent(c->dict, (uint32_t)agent);
    if (!ag || !ag->code)
        return;
    char out[ACTOR_CODE_MAX];
    if (!m->code[0] || !strcmp(m->code, "---")) {
        if (ag->attach == AGENT_PREFIX)
            str_copy(out, sizeof out, ag->code);
        else
            str_concat(out, sizeof out, "---", ag->code);
    } else if (code_is_organisation(m->code)) {
        return;
    } else if (ag->attach == AGENT_PREFIX) {
        str_concat(out, sizeof out, ag->code, m->code);
    } else if (strlen(m->code) == 3 || strlen(m->code) == 6) {
        /* a country, or a country with a sector the agent refines: keep a
           role the actor already has (a minister is GOV whatever agent) */
        if (strlen(m->code) == 6)
            return;
        str_concat(out, sizeof out, m->code, ag->code);
    } else {
        return;
    }
    memcpy(m->code, out, sizeof m->code);
    m->agent = agent;
}

/* An agent for an organ of the state (government, military, police, courts,
   legislature): it outranks "fighters" or "militants" in the same phrase. */
static int state_role(const coder *c, int32_t agent)
{
    const agent_entry *ag = dict_agent(c->dict, (uint32_t)agent);
    if (!ag || !ag->code)
        return 0;
    return !strncmp(ag->code, "GOV", 3) || !strncmp(ag->code, "MIL", 3) ||
           !strncmp(ag->code, "COP", 3) || !strncmp(ag->code, "JUD", 3) ||
           !strncmp(ag->code, "LEG", 3);
}

/* A title that says who in an organisation, not which organisation: "leader",
   "chief", "commander", "spokesman", "member" (and their plurals). */
static int generic_person(const coder *c, int32_t agent)
{
    static const char *const generic[] = {"LEADER", "LEADERS", "CHIEF", "CHIEFS", "HEAD",
                                          "COMMANDER", "COMMANDERS", "SPOKESMAN",
                                          "SPOKESWOMAN", "SPOKESPERSON", "MEMBER", "MEMBERS",
                                          "OFFICIAL", "OFFICIALS", "REPRESENTATIVE",
                                          "REPRESENTATIVES", NULL};
    const agent_entry *ag = dict_agent(c->dict, (uint32_t)agent);
    if (!ag || !ag->phrase)
        return 0;
    for (const char *const *g = generic; *g; g++)
        if (!strcmp(ag->phrase, *g))
            return 1;
    return 0;
}

/* The code of a span of tokens that forms one member: its head actor and agent. */
static void resolve_member(coder *c, np_member *m)
{
    int32_t actor = -1, agent = -1, possessor_actor = -1;
    const char *actor_code = NULL;
    int head_has_actor = 0;
    for (uint16_t i = m->start; i < m->end;) {
        const lex_hit *h = hit_at(c, i);
        if (c->tok[i].flags & TOKF_POSSESSIVE) {
            /* what came before is the possessor: "Japan 's foreign minister" */
            if (actor >= 0) {
                possessor_actor = actor;
                actor = -1;
                actor_code = NULL;
                head_has_actor = 0;
            }
            agent = -1;
            i++;
            continue;
        }
        if (h && h->start == i) {
            if (c->info[i].role == TR_ACTOR && h->actor >= 0) {
                const actor_entry *a = dict_actor(c->dict, (uint32_t)h->actor);
                const char *code = a ? dict_actor_code(c->dict, a, c->doc_date) : NULL;
                if (code && strcmp(code, "---") != 0) {
                    /* Prefer the later actor, unless the earlier one is more
                       specific ("NATO Secretary General Jens Stoltenberg":
                       IGOWSTNAT, whatever his fallback code) */
                    if (!actor_code || strlen(code) >= strlen(actor_code) || strlen(code) > 3) {
                        actor = h->actor;
                        actor_code = code;
                        head_has_actor = 1;
                    }
                }
                if (h->agent >= 0)
                    agent = h->agent;
            } else if (c->info[i].role == TR_AGENT && h->agent >= 0) {
                /* the head agent wins, except that a state organ is not undone
                   by "fighters", and an organisation not by a generic person
                   ("militia leader" is the militia's) */
                if (agent < 0 || (!generic_person(c, h->agent) &&
                                  (!state_role(c, agent) || state_role(c, h->agent))))
                    agent = h->agent;
            }
            i = h->end;
            continue;
        }
        i++;
    }
    m->code[0] = '\0';
    m->actor = -1;
    m->agent = -1;
    if (!head_has_actor && possessor_actor >= 0) {
        const actor_entry *a = dict_actor(c->dict, (uint32_t)possessor_actor);
        actor_code = dict_actor_code(c->dict, a, c->doc_date);
        actor = possessor_actor;
    }
    if (actor >= 0 && actor_code) {
        str_copy(m->code, sizeof m->code, actor_code);
        m->actor = actor;
    }
    if (agent >= 0)
        apply_agent(c, m, agent);
    /* "the Secret Islamic Army", "the Lord's Resistance Army": a name before a
       military agent, with no country, is an armed group */
    if (actor < 0 && !strcmp(m->code, "---MIL") && m->end > m->start + 1) {
        int named = 0;
        for (uint16_t i = m->start; i < m->end; i++)
            if (c->info[i].role == TR_NAME ||
                (c->tok[i].kind == TOK_WORD && (c->tok[i].flags & TOKF_CAPITALIZED) &&
                 !(c->tok[i].flags & (TOKF_SENT_START | TOKF_IN_TITLE)) && c->info[i].hit == NONE16 &&
                 !c->info[i].gclass))
                named = 1;
        if (named)
            memcpy(m->code, "---REB", 7);
    }
}

static int tok_is_group_noun(const coder *c, uint16_t i)
{
    static const char *const nouns[] = {"COUNTRIES", "SIDES", "NATIONS", "LEADERS",
                                        "GOVERNMENTS", "PARTIES", "STATES", "NEIGHBORS",
                                        "NEIGHBOURS", "ALLIES", "RIVALS", "MINISTERS",
                                        "PRESIDENTS", "DELEGATIONS", "FOES", NULL};
    if (i >= c->n_tok || c->tok[i].kind != TOK_WORD)
        return 0;
    char buf[32];
    tok_key(c, i, buf, sizeof buf);
    for (const char *const *n = nouns; *n; n++)
        if (!strcmp(buf, *n))
            return 1;
    return 0;
}

static int is_possessive_pronoun(const coder *c, uint16_t i)
{
    /* all four are determiners (grammar.c): most tokens stop at the class */
    return (gcls(c, i) & G_DET) &&
           (tok_is_word(c, i, "HIS") || tok_is_word(c, i, "HER") || tok_is_word(c, i, "ITS") ||
            tok_is_word(c, i, "THEIR"));
}

/* Does a verb-dictionary word read as a noun follow ("his visit", "their
   first official talks")? */
static int nominal_event_follows(const coder *c, uint16_t i)
{
    for (uint16_t q = (uint16_t)(i + 1); q < c->n_tok && q < i + 5; q++) {
        if (c->info[q].role == TR_VERB)
            return 1;
        if (!is_modifier(c, q) || (gcls(c, q) & G_DET))
            return 0;
    }
    return 0;
}

static noun_phrase *new_np(coder *c, uint16_t start, uint16_t end)
{
    noun_phrase *np = vec_push_zero(&c->nps);
    if (!np)
        return NULL;
    np->start = start;
    np->end = end;
    np->prep = NONE16;
    return np;
}

/* "the two countries", "both sides", "the two leaders": a pair seen before. */
static uint16_t match_pair_phrase(const coder *c, uint16_t i)
{
    uint16_t j = i;
    if (!(gcls(c, i) & G_DET))
        return 0; /* THE and BOTH are determiners (grammar.c): most tokens stop here */
    if (tok_is_word(c, j, "THE") && tok_is_word(c, j + 1, "TWO"))
        j += 2;
    else if (tok_is_word(c, j, "BOTH"))
        j += 1;
    else
        return 0;
    while (j < c->n_tok && is_modifier(c, j) && !tok_is_group_noun(c, j) && j < i + 4)
        j++;
    if (tok_is_group_noun(c, j))
        return (uint16_t)(j + 1);
    return 0;
}

/* Extend a run of nominal tokens to the left over its determiner and modifiers. */
static uint16_t extend_left(const coder *c, uint16_t start, uint16_t floor)
{
    uint16_t s = start;
    int steps = 0;
    while (s > floor && steps < 5) {
        uint16_t p = s - 1;
        if (c->info[p].np != NONE16)
            break;
        if (gcls(c, p) & G_DET) {
            /* "rumours that Israel poisoned": THAT opens a clause, not the phrase */
            if (!(tok_is_word(c, p, "THAT") && p + 1 == start))
                s = p;
            break;
        }
        if (!is_modifier(c, p))
            break;
        /* a modifier counts only when a determiner (or the clause edge) opens it */
        s = p;
        steps++;
    }
    if (s < start && !(gcls(c, s) & G_DET)) {
        /* no determiner found: keep only numbers ("three soldiers") */
        uint16_t t = start;
        while (t > s && (c->tok[t - 1].kind == TOK_NUMBER || (gcls(c, t - 1) & G_NUMBER)))
            t--;
        s = t;
    }
    return s;
}

static int build_simple_phrases(coder *c)
{
    vec_clear(&c->nps);
    for (uint16_t i = 0; i < c->n_tok;) {
        uint16_t pair_end = match_pair_phrase(c, i);
        if (pair_end) {
            noun_phrase *np = new_np(c, i, pair_end);
            if (!np)
                return -1;
            np->flags = NPF_TWO | NPF_PLURAL;
            for (uint16_t k = i; k < pair_end; k++) {
                c->info[k].np = (uint16_t)(c->nps.len - 1);
                if (c->info[k].role == TR_VERB)
                    c->info[k].role = TR_NONE; /* "the two sides" */
            }
            i = pair_end;
            continue;
        }
        if (is_possessive_pronoun(c, i) && nominal_event_follows(c, i)) {
            noun_phrase *np = new_np(c, i, (uint16_t)(i + 1));
            if (!np)
                return -1;
            np->flags = NPF_PRONOUN | NPF_POSSESSOR;
            if (tok_is_word(c, i, "THEIR"))
                np->flags |= NPF_PLURAL;
            c->info[i].np = (uint16_t)(c->nps.len - 1);
            i++;
            continue;
        }
        if ((gcls(c, i) & (G_PRON_SUBJ | G_PRON_OBJ)) && c->info[i].role == TR_NONE &&
            !(gcls(c, i) & G_DET && tok_is_word(c, i, "HER") && is_nominal_token(c, i + 1))) {
            /* "it" before "is"/"was" opening an expletive frame is not an actor */
            noun_phrase *np = new_np(c, i, (uint16_t)(i + 1));
            if (!np)
                return -1;
            np->flags = NPF_PRONOUN;
            if (gcls(c, i) & G_PLURAL_PRON)
                np->flags |= NPF_PLURAL;
            c->info[i].np = (uint16_t)(c->nps.len - 1);
            i++;
            continue;
        }
        if (!is_nominal_token(c, i)) {
            i++;
            continue;
        }
        uint16_t end = i;
        while (end < c->n_tok) {
            if (is_nominal_token(c, end)) {
                end++;
                continue;
            }
            /* a possessive inside the phrase: "Japan 's foreign minister" */
            if ((c->tok[end].flags & TOKF_POSSESSIVE) && end > i) {
                uint16_t after = end + 1;
                while (after < c->n_tok && is_modifier(c, after) && after < end + 3 &&
                       !(gcls(c, after) & G_DET))
                    after++;
                if (is_nominal_token(c, after)) {
                    end = after;
                    continue;
                }
                end++; /* keep the 's with the possessor */
                break;
            }
            /* hyphen-joined and modifier words between agents: "renegade Afghan militia leader" */
            if (is_modifier(c, end) && !(gcls(c, end) & G_DET) && role_is(c, end + 1, TR_AGENT) &&
                c->tok[end].kind == TOK_WORD && !(c->tok[end].flags & TOKF_CAPITALIZED)) {
                end++;
                continue;
            }
            break;
        }
        /* A run of names alone (no actor, no agent) is not an actor phrase. */
        int any_coded = 0;
        for (uint16_t k = i; k < end; k++)
            if (c->info[k].role == TR_ACTOR || c->info[k].role == TR_AGENT)
                any_coded = 1;
        if (!any_coded) {
            i = end;
            continue;
        }
        uint16_t start = extend_left(c, i, 0);
        noun_phrase *np = new_np(c, start, end);
        if (!np)
            return -1;
        np->n_members = 1;
        np->members[0].start = start;
        np->members[0].end = end;
        for (uint16_t k = start; k < end; k++)
            c->info[k].np = (uint16_t)(c->nps.len - 1);
        i = end;
    }
    return 0;
}

/* Resolve every member's code, and mark plural and person phrases. */
static void resolve_phrases(coder *c)
{
    for (size_t n = 0; n < c->nps.len; n++) {
        noun_phrase *np = &c->nps.items[n];
        if (np->flags & (NPF_PRONOUN | NPF_TWO))
            continue;
        for (uint8_t k = 0; k < np->n_members; k++)
            resolve_member(c, &np->members[k]);
        const lex_hit *last = hit_at(c, (uint16_t)(np->end - 1));
        if (last && last->agent_plural)
            np->flags |= NPF_PLURAL;
        if (np->members[0].actor >= 0) {
            const actor_entry *a = dict_actor(c->dict, (uint32_t)np->members[0].actor);
            if (a && a->n_periods > 1)
                np->flags |= NPF_PERSON;
        }
        if (np->end > np->start && (c->tok[np->end - 1].flags & TOKF_POSSESSIVE))
            np->flags |= NPF_POSSESSOR;
    }
}

/* Phrase n has absorbed phrases n + 1 .. last (its extent now covers
   theirs): drop them, and point every token from phrase n on at its phrase
   again. */
static void drop_absorbed_nps(coder *c, size_t n, size_t last)
{
    noun_phrase *a = &c->nps.items[n];
    size_t removed = last - n;
    memmove(a + 1, a + 1 + removed, (c->nps.len - last - 1) * sizeof *a);
    c->nps.len -= removed;
    for (size_t q = n; q < c->nps.len; q++)
        for (uint16_t k = c->nps.items[q].start; k < c->nps.items[q].end; k++)
            c->info[k].np = (uint16_t)q;
}

/* "agent of actor": "the chairman of the military committee of NATO". */
static void attach_of_phrases(coder *c)
{
    for (size_t n = 0; n + 1 < c->nps.len; n++) {
        noun_phrase *a = &c->nps.items[n], *b = &c->nps.items[n + 1];
        if (a->n_members == 1 && (b->flags & NPF_TWO) && a->members[0].actor < 0 &&
            a->members[0].agent >= 0 && (gcls(c, a->end) & G_OF) && a->end + 1 == b->start) {
            /* "the leaders of the two countries": the pair, with the agent */
            int32_t agent = a->members[0].agent;
            a->flags = (uint16_t)(b->flags | (a->flags & NPF_PREP) | NPF_PAIR_AGENT);
            a->n_members = 1;
            a->members[0].agent = agent;
            a->members[0].code[0] = '\0';
            a->end = b->end;
            drop_absorbed_nps(c, n, n + 1);
            continue;
        }
        if (a->n_members != 1 || b->n_members != 1 || (a->flags | b->flags) & (NPF_PRONOUN | NPF_TWO))
            continue;
        if (a->members[0].actor >= 0 || a->members[0].agent < 0)
            continue;
        if (b->members[0].actor < 0)
            continue;
        uint16_t j = a->end;
        if (!(gcls(c, j) & G_OF))
            continue;
        j++;
        /* "of the western province of Herat": modifiers and further "of"s */
        while (j < b->start && j < a->end + 8 &&
               ((gcls(c, j) & (G_DET | G_OF)) || is_modifier(c, j)))
            j++;
        if (j != b->start)
            continue;
        /* merge b into a */
        int32_t agent = a->members[0].agent;
        int person = (b->flags & NPF_PERSON) != 0;
        a->members[0] = b->members[0];
        a->members[0].start = a->start;
        a->members[0].end = b->end;
        if (person && !code_is_organisation(a->members[0].code) && strlen(a->members[0].code) > 3) {
            /* "supporters of President X": X's country, the agent's role */
            a->members[0].code[3] = '\0';
            apply_agent(c, &a->members[0], agent);
        } else if (!code_is_organisation(a->members[0].code) && strlen(a->members[0].code) == 3)
            apply_agent(c, &a->members[0], agent);
        else if (a->members[0].agent < 0)
            a->members[0].agent = agent;
        a->end = b->end;
        a->flags |= b->flags & NPF_PERSON;
        drop_absorbed_nps(c, n, n + 1);
        n--; /* try again: "the head of the delegation of X" */
    }
}

/* A demonym-like first member ("US and Iraqi forces") shares the agent of the
   last one. */
static int adjectival(const coder *c, const np_member *m)
{
    if (m->agent >= 0 || m->end != m->start + 1 || !code_is_country(m->code))
        return 0;
    char buf[40];
    size_t n = tok_key(c, m->start, buf, sizeof buf);
    if (n < 2)
        return 0;
    static const char *const endings[] = {"AN", "ESE", "ISH", "I", "IC", "CH", "ERN", NULL};
    for (const char *const *e = endings; *e; e++) {
        size_t el = strlen(*e);
        if (n > el && !strcmp(buf + n - el, *e))
            return 1;
    }
    return !strcmp(buf, "US") || !strcmp(buf, "U.S.") || !strcmp(buf, "UK") ||
           !strcmp(buf, "U.K.") || !strcmp(buf, "EU");
}

/* "X and Y", "X, Y and Z", "both X and Y": one phrase with several members. */
static void join_compounds(coder *c)
{
    for (size_t n = 0; n + 1 < c->nps.len; n++) {
        noun_phrase *a = &c->nps.items[n];
        if ((a->flags & (NPF_PRONOUN | NPF_TWO)) || !np_has_actor(a))
            continue;
        size_t last = n;
        int saw_and = 0;
        size_t m = n + 1;
        while (m < c->nps.len) {
            noun_phrase *b = &c->nps.items[m];
            noun_phrase *prev = &c->nps.items[m - 1];
            if ((b->flags & (NPF_PRONOUN | NPF_TWO)) || !np_has_actor(b))
                break;
            uint16_t j = prev->end;
            int sep_and = 0, sep_comma = 0;
            if (is_comma(c, j)) {
                sep_comma = 1;
                j++;
            }
            if (j < c->n_tok && (gcls(c, j) & G_AND)) {
                sep_and = 1;
                j++;
            } else if (tok_is_word(c, j, "AS") && tok_is_word(c, j + 1, "WELL") &&
                       tok_is_word(c, j + 2, "AS")) {
                sep_and = 1;
                j += 3;
            }
            if (j != b->start || (!sep_and && !sep_comma))
                break;
            /* "a member state of NATO, and Japan agreed": ", and" before a
               phrase that opens its own clause ends the list */
            if (sep_and && sep_comma && last == n && verbish_at(c, b->end))
                break;
            last = m;
            m++;
            if (sep_and) {
                saw_and = 1;
                break;
            }
        }
        if (last == n || !saw_and)
            continue;
        /* merge n..last */
        noun_phrase merged = *a;
        merged.n_members = 0;
        merged.flags |= NPF_COMPOUND | NPF_PLURAL;
        for (size_t k = n; k <= last; k++) {
            noun_phrase *p = &c->nps.items[k];
            for (uint8_t q = 0; q < p->n_members && merged.n_members < MAX_NP_MEMBERS; q++)
                if (p->members[q].code[0])
                    merged.members[merged.n_members++] = p->members[q];
        }
        merged.end = c->nps.items[last].end;
        /* distribute the last member's agent over adjectival members */
        np_member *tail = &merged.members[merged.n_members - 1];
        if (tail->agent >= 0)
            for (uint8_t q = 0; q + 1 < merged.n_members; q++)
                if (adjectival(c, &merged.members[q]))
                    apply_agent(c, &merged.members[q], tail->agent);
        if (n > 0 && tok_is_word(c, (uint16_t)(merged.start - 1), "BOTH"))
            merged.start--;
        *a = merged;
        drop_absorbed_nps(c, n, last);
    }
}

/* The preposition that governs each phrase (skipping "the", numbers). */
static void mark_prepositions(coder *c)
{
    for (size_t n = 0; n < c->nps.len; n++) {
        noun_phrase *np = &c->nps.items[n];
        if (np->start == 0)
            continue;
        uint16_t p = np->start - 1;
        /* "in northeastern Nigeria", "against heavily armed rebels" */
        for (int k = 0; k < 3 && p > 0 && is_modifier(c, p) && !(gcls(c, p) & G_DET) &&
                        c->tok[p].kind == TOK_WORD && c->info[p].np == NONE16;
             k++)
            p--;
        if (tok_is_word(c, p, "TO") && p > 0 && tok_is_word(c, p - 1, "ACCORDING")) {
            np->flags |= NPF_ACCORDING | NPF_PREP;
            np->prep = p;
            continue;
        }
        uint64_t g = gcls(c, p);
        if (!(g & G_PREP))
            continue;
        /* "thousands of Israelis", "members of Hamas": the phrase is the head */
        if ((g & G_OF) && p > 0 && ((gcls(c, p - 1) & G_PARTITIVE) || c->tok[p - 1].kind == TOK_NUMBER) &&
            c->info[p - 1].np == NONE16)
            continue;
        np->prep = p;
        np->flags |= NPF_PREP;
        if (g & G_PLACE_PREP)
            np->flags |= NPF_PLACE;
        if (g & G_BY)
            np->flags |= NPF_BY;
        if (g & G_BETWEEN)
            np->flags |= NPF_BETWEEN;
        /* "from X" names an origin, also a place for our purpose */
        if (tok_is_word(c, p, "FROM"))
            np->flags |= NPF_PLACE;
        /* "in a remote area of northeastern Nigeria": a place through "of" */
        if ((g & G_OF) && !(np->flags & NPF_PLACE)) {
            for (uint16_t q = p, k = 0; q > 0 && k < 6; q--, k++) {
                uint64_t gq = gcls(c, q - 1);
                if (gq & G_PLACE_PREP) {
                    np->flags |= NPF_PLACE;
                    break;
                }
                if (c->info[q - 1].np != NONE16 || c->info[q - 1].vg != NONE16 || is_punct(c, q - 1))
                    break;
            }
        }
    }
}

const char *np_code(const coder *c, const noun_phrase *np, size_t member)
{
    (void)c;
    return member < np->n_members ? np->members[member].code : "";
}

int np_has_actor(const noun_phrase *np)
{
    for (uint8_t k = 0; k < np->n_members; k++)
        if (np->members[k].code[0])
            return 1;
    return 0;
}

/* Remember places: a country named after a place preposition fills in the
   country of agents that have none ("police in Burundi's capital"). */
static void note_sentence_place(coder *c)
{
    c->sentence_place[0] = '\0';
    for (size_t n = 0; n < c->nps.len; n++) {
        const noun_phrase *np = &c->nps.items[n];
        if (!(np->flags & NPF_PLACE) || np->n_members == 0)
            continue;
        const char *code = np->members[0].code;
        if (strlen(code) >= 3 && strncmp(code, "---", 3) && !code_is_organisation(code)) {
            memcpy(c->sentence_place, code, 3);
            c->sentence_place[3] = '\0';
            return;
        }
    }
}

/* ---- 5. verb groups ----------------------------------------------------- */

static int past_like(const coder *c, const lex_hit *h)
{
    if (h->verb_form == VFORM_PAST || h->verb_form == VFORM_PARTICIPLE)
        return 1;
    if (h->verb_form != VFORM_UNKNOWN)
        return 0;
    char tail[3];
    size_t n = tok_key_tail(c, (uint16_t)(h->end - 1), 40, tail);
    return n > 3 && (tail2_is(tail, "ED") || tail2_is(tail, "EN"));
}

static int ing_form(const coder *c, const lex_hit *h)
{
    if (h->verb_form == VFORM_ING)
        return 1;
    if (h->verb_form != VFORM_UNKNOWN)
        return 0;
    char tail[3];
    size_t n = tok_key_tail(c, h->start, 40, tail);
    return n > 4 && tail[0] == 'I' && tail2_is(tail, "NG");
}

/* Look left of the verb over auxiliaries, adverbs and negations. */
static void scan_auxiliaries(coder *c, verb_group *vg, const lex_hit *h)
{
    uint16_t p = vg->head;
    int saw_be = 0, saw_have = 0;
    while (p > 0) {
        uint16_t q = p - 1;
        uint64_t g = gcls(c, q);
        if (g & G_NEGATION) {
            vg->flags |= VGF_NEGATED;
        } else if (g & G_ADVERB) {
            /* skip */
        } else if (g & G_BE) {
            saw_be = 1;
        } else if (g & G_HAVE) {
            saw_have = 1;
        } else if (g & G_DO) {
        } else if (g & G_FUTURE) {
            vg->flags |= VGF_INTENT;
        } else if (g & G_WOULD) {
            vg->flags |= VGF_WOULD;
        } else if (g & G_SPECULATE) {
            vg->flags |= VGF_SPECULATE;
        } else if (g & G_TO) {
            vg->flags |= VGF_INFINITIVE;
            p = q;
            break;
        } else {
            break;
        }
        p = q;
    }
    vg->start = p;
    if (saw_be && past_like(c, h) && !(vg->flags & VGF_INFINITIVE))
        vg->flags |= VGF_PASSIVE;
    /* "to be attacked" */
    if ((vg->flags & VGF_INFINITIVE) && vg->head > 0 && (gcls(c, vg->head - 1) & G_BE) &&
        past_like(c, h))
        vg->flags |= VGF_PASSIVE;
    (void)saw_have;
    /* "has been attacked": HAVE BE PAST is passive too (saw_be covers it) */
}

/* What governs an infinitive: "plans to", "is to", "is expected to", "about to". */
static void scan_infinitive_frame(coder *c, verb_group *vg)
{
    uint16_t to = vg->start; /* the TO token */
    if (!(vg->flags & VGF_INFINITIVE) || to == 0)
        return;
    uint16_t p = to - 1;
    while (p > 0 && (gcls(c, p) & G_ADVERB))
        p--;
    uint64_t g = gcls(c, p);
    int negated = 0;
    for (uint16_t q = p; q > 0 && q + 4 > p; q--)
        if (gcls(c, q - 1) & G_NEGATION)
            negated = 1;
    if (g & G_EXPECT) {
        /* "set to"/"due to" in a headline announce; elsewhere they speculate */
        if (c->in_title && (tok_is_word(c, p, "SET") || tok_is_word(c, p, "DUE")))
            vg->flags |= VGF_INTENT;
        else if (tok_is_word(c, p, "DUE") || tok_is_word(c, p, "SCHEDULED"))
            vg->flags |= VGF_INTENT;
        else
            vg->flags |= VGF_SPECULATE;
    } else if (g & G_INTENT) {
        if (c->info[p].vg == NONE16)
            vg->flags |= VGF_INTENT;
    } else if (g & G_BE) {
        vg->flags |= VGF_INTENT; /* "is to visit" */
    } else if (tok_is_word(c, p, "ABOUT") && p > 0 && (gcls(c, p - 1) & (G_BE | G_NEGATION))) {
        vg->flags |= VGF_INTENT; /* "not about to free" */
    } else if (c->in_title && c->info[p].np != NONE16) {
        vg->flags |= VGF_INTENT; /* headline "Karzai to visit Pakistan" */
    } else if (g & G_ASPECT) {
        /* "began to withdraw": the act itself */
    } else if (g & G_FAIL) {
        vg->flags |= VGF_NEGATED; /* "failed to bring" */
    } else {
        /* a purpose clause ("to discuss trade") belongs to the act before it;
           the complement pass below clears this when a verb governs it */
        vg->flags |= VGF_PURPOSE;
    }
    if (negated && (vg->flags & VGF_INTENT))
        vg->flags |= VGF_NEGATED;
}

static int build_verb_groups(coder *c)
{
    vec_clear(&c->vgs);
    for (size_t h = 0; h < c->hits.len; h++) {
        const lex_hit *hit = &c->hits.items[h];
        if (c->info[hit->start].role != TR_VERB || hit->verb < 0)
            continue;
        verb_group *vg = vec_push_zero(&c->vgs);
        if (!vg)
            return -1;
        vg->head = hit->start;
        vg->head_end = hit->end;
        vg->end = hit->end;
        vg->verb = (uint32_t)hit->verb;
        vg->form = hit->verb_form;
        vg->complement = vg->governor = vg->object_np = vg->by_np = NONE16;
        if (c->in_title)
            vg->flags |= VGF_HEADLINE;
        scan_auxiliaries(c, vg, hit);
        scan_infinitive_frame(c, vg);
        /* nominal: "the talks", "his visit", "a two-day official visit",
           "Japan's visit", "the US attack", "Israeli air strikes" */
        if (vg->start == vg->head && vg->head > 0) {
            uint16_t p = vg->head - 1;
            int k = 0;
            while (p > 0 && (c->tok[p].flags & TOKF_QUOTE))
                p--; /* the "free and open Indo-Pacific" */
            while (p > 0 && c->info[p].np == NONE16 && is_modifier(c, p) &&
                   !(gcls(c, p) & G_DET) && k < 3) {
                p--;
                k++;
            }
            uint64_t g = gcls(c, p);
            uint16_t n = c->info[p].np;
            /* a past form after a phrase is a finite verb ("Congo's civil war
               pulled out"); in a title every word is capitalised, so there a
               run of unknown words is no sign of a noun */
            int finite_form = vg->form == VFORM_PAST || vg->form == VFORM_PRETERITE;
            if (n != NONE16) {
                const noun_phrase *np = &c->nps.items[n];
                if (((np->flags & NPF_POSSESSOR) && (k == 0 || !finite_form)) ||
                    (np_has_actor(np) && !finite_form &&
                     ((k > 0 && !c->in_title) || (gcls(c, np->start) & G_DET))))
                    vg->flags |= VGF_NOMINAL;
            } else if (((g & (G_DET | G_POSSESSIVE | G_NUMBER)) ||
                        (c->tok[p].flags & TOKF_POSSESSIVE) || c->tok[p].kind == TOK_NUMBER) &&
                       (!finite_form || k == 0)) {
                /* "the talks", "a visit"; but "the country ransacked ..." */
                vg->flags |= VGF_NOMINAL;
            } else if ((g & G_PREP) && !(g & G_TO)) {
                vg->flags |= VGF_NOMINAL; /* "after talks", "against future visits" */
            }
        }
        /* a verb-dictionary word right after another verb is that verb's
           object noun: "impose sanctions", "condemned attacks" */
        if (c->vgs.len > 1 && vg->start == vg->head &&
            c->vgs.items[c->vgs.len - 2].head_end == vg->head && !(vg->flags & VGF_INFINITIVE))
            vg->flags |= VGF_NOMINAL;
        /* headlines drop "was": "Australian reporter freed in Iraq" */
        if (c->in_title && vg->start == vg->head && vg->head > 0 && past_like(c, hit) &&
            c->info[vg->head - 1].np != NONE16 && !(vg->flags & VGF_NOMINAL) &&
            (vg->end >= c->n_tok || c->info[vg->end].np == NONE16))
            vg->flags |= VGF_PASSIVE;
        if (vg->start == vg->head && vg->head > 0 && is_comma(c, vg->head - 1) && ing_form(c, hit))
            vg->flags |= VGF_PARTICIPLE;
        if (vg->start == vg->head && vg->head > 0 && c->info[vg->head - 1].np != NONE16 &&
            !(vg->flags & VGF_NOMINAL) && past_like(c, hit)) {
            /* "hostages seized by militants": a reduced relative, passive when
               a by-phrase follows */
            for (uint16_t q = vg->end; q < c->n_tok && q < vg->end + 8; q++) {
                if (is_punct(c, q))
                    break;
                if (gcls(c, q) & G_BY) {
                    vg->flags |= VGF_PASSIVE | VGF_PARTICIPLE;
                    break;
                }
            }
        }
        for (uint16_t k = vg->start; k < vg->end; k++)
            c->info[k].vg = (uint16_t)(c->vgs.len - 1);
    }
    /* A bare past participle after a noun, once the clause has its verb, is a
       reduced relative ("a demonstration held to protest", "a group linked to
       al-Qaeda"): it describes that noun, it is not the subject's act. */
    for (size_t v = 1; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v];
        if (vg->start != vg->head || vg->head == 0 || (vg->flags & (VGF_NOMINAL | VGF_PASSIVE)))
            continue;
        if (vg->form != VFORM_PAST && vg->form != VFORM_PARTICIPLE)
            continue;
        uint16_t p = vg->head - 1;
        if (c->tok[p].kind != TOK_WORD || (gcls(c, p) & (G_COORD | G_RELATIVE | G_SUBORD)) ||
            c->info[p].vg != NONE16)
            continue;
        /* the clause so far: back to the last boundary */
        uint16_t boundary = 0;
        for (uint16_t q = p; q > 0; q--)
            if (is_punct(c, q - 1) || (gcls(c, q - 1) & (G_COORD | G_RELATIVE | G_SUBORD | G_REPORT))) {
                boundary = q;
                break;
            }
        int earlier_verb = 0;
        for (size_t u = 0; u < v; u++) {
            const verb_group *o = &c->vgs.items[u];
            if (!(o->flags & (VGF_NOMINAL | VGF_INFINITIVE | VGF_PARTICIPLE)) && o->head < vg->head &&
                o->head >= boundary && !is_comma(c, p))
                earlier_verb = 1;
        }
        for (uint16_t q = p; q > 0 && !earlier_verb; q--) {
            if (is_punct(c, q) || (gcls(c, q) & (G_COORD | G_RELATIVE | G_SUBORD)))
                break;
            if (gcls(c, q) & (G_BE | G_HAVE | G_COMMON_VERB | G_REPORT))
                earlier_verb = 1;
        }
        if (earlier_verb)
            vg->flags |= VGF_REDUCED;
    }
    /* "survived an assassination bid", "escaped a Colombian army ambush": the
       attack's target is the subject of the victim verb */
    for (size_t v = 0; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v];
        if (!(vg->flags & VGF_NOMINAL))
            continue;
        for (uint16_t p = vg->head, k = 0; p > 0 && k < 6; k++) {
            p--;
            if (gcls(c, p) & G_VICTIM) {
                vg->flags |= VGF_VICTIM;
                break;
            }
            if (!(is_modifier(c, p) || c->info[p].np != NONE16 || (gcls(c, p) & (G_DET | G_NUMBER))) ||
                is_punct(c, p))
                break;
        }
    }
    /* "will focus on discussing", "insisted on holding": a gerund complement,
       not a noun; it keeps the modality of the verb before the preposition */
    for (size_t v = 0; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v];
        if (!(vg->flags & VGF_NOMINAL) || vg->form != VFORM_ING || vg->head < 3)
            continue;
        uint16_t prep = vg->head - 1;
        if (!(gcls(c, prep) & G_PREP) || (gcls(c, prep) & G_TO))
            continue;
        uint16_t verb = prep - 1;
        if (c->info[verb].np != NONE16 || c->tok[verb].kind != TOK_WORD || (gcls(c, verb) & G_DET))
            continue;
        uint16_t aux = verb;
        int found = 0;
        while (aux > 0 && aux + 3 > verb) {
            aux--;
            uint64_t g = gcls(c, aux);
            if (g & G_FUTURE) {
                vg->flags |= VGF_INTENT;
                found = 1;
            } else if (g & (G_BE | G_HAVE | G_DO | G_WOULD | G_SPECULATE)) {
                if (g & G_SPECULATE)
                    vg->flags |= VGF_SPECULATE;
                if (g & G_WOULD)
                    vg->flags |= VGF_WOULD;
                found = 1;
            } else if (g & G_NEGATION) {
                vg->flags |= VGF_NEGATED;
            } else {
                break;
            }
        }
        if (found || c->info[verb].vg != NONE16)
            vg->flags &= (uint16_t)~VGF_NOMINAL;
    }
    for (size_t v = 1; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v], *prev = &c->vgs.items[v - 1];
        if (vg->form == VFORM_ING && prev->form == VFORM_ING && (prev->flags & VGF_NOMINAL) &&
            vg->head == prev->end + 1 && (gcls(c, prev->end) & G_COORD))
            vg->flags |= VGF_NOMINAL; /* "by expanding and strengthening" */
    }
    /* A verb coordinated with the one before it and without auxiliaries of its
       own shares its modality: "will not dismantle X or improve Y". */
    for (size_t v = 1; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v], *prev = &c->vgs.items[v - 1];
        if (vg->head == 0 || (vg->flags & VGF_NOMINAL))
            continue;
        int own_aux = 0; /* adverbs may stand before it ("but then released") */
        for (uint16_t q = vg->start; q < vg->head; q++)
            own_aux |= !(gcls(c, q) & G_ADVERB);
        if (own_aux)
            continue;
        uint16_t p = vg->head - 1;
        while (p > prev->end && (gcls(c, p) & G_ADVERB))
            p--;
        if (!(gcls(c, p) & G_COORD) || vg->head > prev->end + 16)
            continue;
        int subject_between = 0;
        for (uint16_t q = prev->end; q < p; q++)
            if (c->info[q].np != NONE16 && (is_comma(c, q - 1) || (gcls(c, q - 1) & G_COORD)))
                subject_between = 1;
        if (subject_between)
            continue;
        vg->flags |= prev->flags & (VGF_NEGATED | VGF_INTENT | VGF_SPECULATE | VGF_WOULD);
        if ((prev->flags & VGF_PASSIVE) && vg->head_end > vg->head &&
            past_like(c, &c->hits.items[c->info[vg->head].hit])) {
            vg->flags |= VGF_PASSIVE;
            /* the agent of the first passive acted in the second too */
            for (uint16_t q = prev->end; q < p; q++)
                if (c->info[q].np != NONE16 && (c->nps.items[c->info[q].np].flags & NPF_BY)) {
                    vg->by_np = c->info[q].np;
                    break;
                }
        }
    }
    /* Complements: "urged Syria to curb", "threatened to attack". */
    for (size_t v = 0; v < c->vgs.len; v++) {
        verb_group *vg = &c->vgs.items[v];
        if (!(vg->flags & VGF_INFINITIVE) || vg->start == 0)
            continue;
        uint16_t p = vg->start - 1; /* token before TO */
        uint16_t object = NONE16;
        if (c->info[p].np != NONE16) {
            object = c->info[p].np;
            p = c->nps.items[object].start;
            if (p == 0)
                continue;
            p--;
        }
        while (p > 0 && (gcls(c, p) & G_ADVERB))
            p--;
        if ((gcls(c, p) & G_WANT) && object != NONE16 && c->info[p].vg == NONE16) {
            vg->flags |= VGF_DEMANDED; /* "wanted Russia to return the islands" */
            vg->flags &= (uint16_t)~(VGF_PURPOSE | VGF_INTENT);
            vg->object_np = object;
            continue;
        }
        uint16_t gov = c->info[p].vg;
        if (gov == NONE16 || gov == v)
            continue;
        verb_group *g = &c->vgs.items[gov];
        if (g->head_end - 1 != p && g->end - 1 != p)
            continue;
        g->complement = (uint16_t)v;
        g->object_np = object;
        vg->governor = gov;
        vg->flags &= (uint16_t)~VGF_PURPOSE;
    }
    return 0;
}

/* ---- 6. clauses and subjects ------------------------------------------- */

static int vg_starts_at(const coder *c, uint16_t i)
{
    return i < c->n_tok && c->info[i].vg != NONE16 && c->vgs.items[c->info[i].vg].start == i;
}

/* Does a verb (coded, common, or auxiliary) begin at or right after i? */
static int verbish_at(const coder *c, uint16_t i)
{
    while (i < c->n_tok && (gcls(c, i) & G_ADVERB))
        i++;
    if (i >= c->n_tok)
        return 0;
    if (vg_starts_at(c, i) || c->info[i].role == TR_VERB)
        return 1;
    uint64_t g = gcls(c, i);
    if (g & (G_BE | G_HAVE | G_DO | G_FUTURE | G_WOULD | G_SPECULATE | G_COMMON_VERB | G_REPORT))
        return 1;
    /* an unknown lowercase -ed word right here reads as a verb ("participated") */
    if (!g && c->tok[i].kind == TOK_WORD && !(c->tok[i].flags & TOKF_CAPITALIZED) &&
        c->info[i].hit == NONE16) {
        char tail[3];
        size_t n = tok_key_tail(c, i, 40, tail);
        return n > 4 && tail2_is(tail, "ED");
    }
    return 0;
}

/* Does an actor phrase followed by a verb begin at i (after an optional
   comma-enclosed aside)? */
static int clause_with_subject_at(const coder *c, uint16_t i)
{
    if (is_comma(c, i)) {
        uint16_t k = (uint16_t)(i + 1);
        while (k < c->n_tok && k < i + 12 && !is_comma(c, k) && !(c->tok[k].flags & TOKF_CLAUSE_END))
            k++;
        if (k >= c->n_tok || !is_comma(c, k))
            return 0;
        i = (uint16_t)(k + 1);
    }
    if (i >= c->n_tok || c->info[i].np == NONE16)
        return 0;
    const noun_phrase *np = &c->nps.items[c->info[i].np];
    if (np->start != i || !(np_has_actor(np) || (np->flags & NPF_PRONOUN)))
        return 0;
    /* a bare agent ("and fighters valued at ...") is as likely a list item */
    if (!(np->flags & NPF_PRONOUN) && !strncmp(np->members[0].code, "---", 3))
        return 0;
    return verbish_at(c, np->end);
}

static int push_clause(coder *c, uint16_t start, uint8_t kind, uint16_t parent)
{
    clause *cl = vec_push_zero(&c->clauses);
    if (!cl)
        return -1;
    cl->start = start;
    cl->end = c->n_tok;
    cl->kind = kind;
    cl->subject = NONE16;
    cl->parent = parent;
    if (c->clauses.len > 1)
        c->clauses.items[c->clauses.len - 2].end = start;
    return 0;
}

static int split_clauses(coder *c)
{
    vec_clear(&c->clauses);
    if (push_clause(c, 0, CL_MAIN, NONE16) != 0)
        return -1;
    int open_if = 0;
    for (uint16_t i = 1; i < c->n_tok; i++) {
        uint64_t g = gcls(c, i);
        const token *t = &c->tok[i];
        uint16_t here = (uint16_t)(c->clauses.len - 1);
        if (c->info[i].np != NONE16 && c->nps.items[c->info[i].np].start != i)
            continue; /* inside a phrase ("South Korea and Japan") */
        if (t->flags & TOKF_CLAUSE_END) {
            if (push_clause(c, (uint16_t)(i + 1), CL_MAIN, NONE16) != 0)
                return -1;
            continue;
        }
        if ((g & G_SUBORD) && !(g & G_PREP && c->info[i + 1 < c->n_tok ? i + 1 : i].np != NONE16 &&
                                !verbish_at(c, c->nps.items[c->info[i + 1 < c->n_tok ? i + 1 : i].np].end))) {
            /* "after rebels threatened" (a clause) vs "after the talks" (a phrase) */
            if (push_clause(c, i, CL_SUBORD, here) != 0)
                return -1;
            if (tok_is_word(c, i, "IF") || tok_is_word(c, i, "UNLESS"))
                c->clauses.items[c->clauses.len - 1].conditional = open_if = 1;
            continue;
        }
        if ((g & G_RELATIVE) && i > 0 &&
            (c->info[i - 1].np != NONE16 || is_comma(c, i - 1)) && verbish_at(c, i + 1)) {
            if (push_clause(c, i, CL_RELATIVE, here) != 0)
                return -1;
            continue;
        }
        if ((g & G_REPORT) && !(g & G_PREP)) {
            /* "X said (that) ...": what follows is reported, when it reads as a
               clause ("claimed responsibility" is an act, not speech) */
            uint16_t j = (uint16_t)(i + 1);
            int clause_follows = 0;
            if (tok_is_word(c, j, "THAT")) {
                j++;
                clause_follows = 1;
            } else {
                uint16_t k = j;
                while (k < c->n_tok && (gcls(c, k) & (G_TIME | G_ADVERB)))
                    k++; /* "said Tuesday" */
                if (k < c->n_tok && c->info[k].np != NONE16) {
                    k = c->nps.items[c->info[k].np].end;
                    clause_follows = verbish_at(c, k);
                } else if (k < c->n_tok && (gcls(c, k) & (G_DET | G_PRON_SUBJ))) {
                    for (uint16_t q = k; q < c->n_tok && q < k + 6 && !clause_follows; q++)
                        clause_follows = verbish_at(c, q) && q > k;
                }
            }
            if (clause_follows && j < c->n_tok && !is_punct(c, j)) {
                if (push_clause(c, j, CL_REPORTED, here) != 0)
                    return -1;
                i = j;
                continue;
            }
        }
        if ((g & G_COORD) && verbish_at(c, (uint16_t)(i + 1))) {
            if (push_clause(c, i, CL_COORD, here) != 0)
                return -1;
            continue;
        }
        /* "and, at the end of June, South Korea and Japan participated": an
           independent clause with its own subject; "the fact that NATO
           visited": a complement clause */
        if (((g & G_COORD) || ((g & G_DET) && tok_is_word(c, i, "THAT"))) && /* THAT: a determiner */
            clause_with_subject_at(c, (uint16_t)(i + 1))) {
            if (push_clause(c, i, (g & G_COORD) ? CL_MAIN : CL_SUBORD, here) != 0)
                return -1;
            continue;
        }
        if (is_comma(c, i) && i + 1 < c->n_tok) {
            uint16_t j = (uint16_t)(i + 1);
            if (c->info[j].vg != NONE16 && (c->vgs.items[c->info[j].vg].flags & VGF_PARTICIPLE)) {
                if (push_clause(c, j, CL_PARTICIPLE, here) != 0)
                    return -1;
                continue;
            }
            /* ", X said" / ", said X": the reporting clause at the end */
            uint16_t k = j;
            if (c->info[k].np != NONE16)
                k = c->nps.items[c->info[k].np].end;
            while (k < c->n_tok && c->tok[k].kind == TOK_WORD && !(gcls(c, k) & G_REPORT) &&
                   k < j + 6 && !is_punct(c, k) && c->info[k].vg == NONE16)
                k++;
            if (k < c->n_tok && (gcls(c, k) & G_REPORT)) {
                if (push_clause(c, j, CL_REPORTING, NONE16) != 0)
                    return -1;
                continue;
            }
            if ((gcls(c, j) & G_COORD) && verbish_at(c, (uint16_t)(j + 1))) {
                if (push_clause(c, j, CL_COORD, here) != 0)
                    return -1;
                i = j;
                continue;
            }
        }
    }
    (void)open_if;
    for (size_t k = 0; k < c->clauses.len; k++)
        for (uint16_t i = c->clauses.items[k].start; i < c->clauses.items[k].end; i++)
            c->info[i].clause = (uint16_t)k;
    return 0;
}

/* The phrase a clause is about: the first phrase before its first verb that
   no preposition governs, skipping appositions between commas. */
static uint16_t find_subject(const coder *c, const clause *cl)
{
    uint16_t first_verb = cl->end;
    for (uint16_t i = cl->start; i < cl->end; i++)
        if ((c->info[i].vg != NONE16 && !(c->vgs.items[c->info[i].vg].flags & VGF_NOMINAL)) ||
            (gcls(c, i) & (G_REPORT | G_COMMON_VERB | G_BE | G_HAVE))) {
            if (c->info[i].np == NONE16) {
                first_verb = i;
                break;
            }
        }
    uint16_t best = NONE16;
    for (size_t n = 0; n < c->nps.len; n++) {
        const noun_phrase *np = &c->nps.items[n];
        if (np->start < cl->start || np->start >= first_verb)
            continue;
        if (np->flags & (NPF_PREP | NPF_ACCORDING))
            continue;
        if (np->flags & NPF_POSSESSOR) {
            /* "Japan's defence ministry said": the possessor stands for it
               only if nothing better follows */
            if (best == NONE16)
                best = (uint16_t)n;
            continue;
        }
        /* an apposition after a subject: ", NATO's secretary general," */
        if (best != NONE16 && np->start > 0 && is_comma(c, np->start - 1) &&
            !(c->nps.items[best].flags & NPF_POSSESSOR))
            continue;
        if (best == NONE16 || (c->nps.items[best].flags & NPF_POSSESSOR))
            best = (uint16_t)n;
        if (!(np->flags & NPF_POSSESSOR))
            break;
    }
    return best;
}

/* "According to the ministry, during this visit, Japan and NATO will ...": past
   a leading adverbial, the first actor phrase right before a verb. */
static uint16_t subject_before_verb(const coder *c, const clause *cl)
{
    for (size_t n = 0; n < c->nps.len; n++) {
        const noun_phrase *np = &c->nps.items[n];
        if (np->start < cl->start || np->end > cl->end || (np->flags & (NPF_PREP | NPF_ACCORDING)))
            continue;
        if (!np_has_actor(np) && !(np->flags & (NPF_PRONOUN | NPF_TWO)))
            continue;
        if (np->start > cl->start && !is_comma(c, np->start - 1))
            continue;
        if (verbish_at(c, np->end))
            return (uint16_t)n;
    }
    return NONE16;
}

static void assign_subjects(coder *c)
{
    for (size_t k = 0; k < c->clauses.len; k++) {
        clause *cl = &c->clauses.items[k];
        cl->subject = find_subject(c, cl);
        if (cl->subject == NONE16 && cl->kind != CL_COORD && cl->kind != CL_PARTICIPLE &&
            cl->kind != CL_RELATIVE)
            cl->subject = subject_before_verb(c, cl);
        if (cl->subject != NONE16)
            continue;
        switch (cl->kind) {
        case CL_COORD:
        case CL_PARTICIPLE:
            if (cl->parent != NONE16)
                cl->subject = c->clauses.items[cl->parent].subject;
            break;
        case CL_RELATIVE:
            if (cl->start > 0) {
                uint16_t p = cl->start - 1;
                if (is_comma(c, p) && p > 0)
                    p--;
                if (c->info[p].np != NONE16)
                    cl->subject = c->info[p].np;
            }
            break;
        default:
            break;
        }
    }
}

/* ---- driver ------------------------------------------------------------- */

int analyse_sentence(coder *c)
{
    if (c->info_cap < c->n_tok) {
        size_t cap = c->info_cap ? c->info_cap : 64;
        while (cap < c->n_tok)
            cap *= 2;
        tok_info *p = realloc(c->info, cap * sizeof *p);
        if (!p)
            return -1;
        c->info = p;
        c->info_cap = cap;
    }
    find_lexemes(c);
    if (find_hits(c) != 0)
        return -1;
    assign_roles(c);
    if (build_simple_phrases(c) != 0)
        return -1;
    resolve_phrases(c);
    attach_of_phrases(c);
    join_compounds(c);
    mark_prepositions(c);
    note_sentence_place(c);
    if (build_verb_groups(c) != 0)
        return -1;
    if (split_clauses(c) != 0)
        return -1;
    assign_subjects(c);
    for (size_t v = 0; v < c->vgs.len; v++)
        c->vgs.items[v].clause = c->info[c->vgs.items[v].head].clause;
    if (tracing(c)) {
        trace_tokens(c);
        trace_phrases(c);
    }
    return 0;
}
