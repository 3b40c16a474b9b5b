/*
** read_tabari.c: TABARI 0.8 dictionaries (.actors, .agents, .verbs, .options).
**
** The syntax is the one TABARI's reader accepts (FORMAT.md in the TABARI
** conformance folder, the TABARI 0.8 manual):
**
**   .actors   PHRASE [CODE] ;comment      codes may be dated: [CODE 991201-010114]
**             +SYNONYM                    (inclusive), [CODE <D], [CODE >D]
**             <tab>[CODE ...]             (exclusive), [---] not an actor, and
**             <NOUN> ... </NOUN>          compound codes [A/B]; a solitary dated
**             <ADJECTIVE> ... </ADJECTIVE> code gets [---] as its default; a
**                                         phrase with & is rejected (synsets)
**   .agents   PHRASE [~CODE] or [CODE~]
**   .verbs    <SYNSETS> &NAME / +member </SYNSETS>, <TIME> PHRASE [+-days] </TIME>,
**             ROOT [CODE] / { FORMS } / - PATTERN [CODE] lines
**   .options  kept as lines for the coder (comments // and the ~~~~~ end dropped)
**
** Words follow TABARI's connectors (see phrase.c): without a trailing `_` a
** word is a stem, and an exact last word also matches its regular endings.
** Lines starting with # are comments; a line starting with ~~ ends the file.
*/
#include "dict/dict_internal.h"

#include <string.h>

#include "util/civil_date.h"

static size_t strip_comment(const char *s, size_t len)
{
    const char *sc = memchr(s, ';', len);
    return sc ? (size_t)(sc - s) : len;
}

/* The next line with content, comment and blanks off; 0 at the end of the
   data or at the ~~ that ends a TABARI file.  *indented (when asked) says
   whether the line began with a blank: an actor's continuation line. */
static int content_line(rdctx *r, linereader *lr, const char **s, size_t *sl, int *indented)
{
    const char *line;
    size_t ll;
    while (next_line(lr, &line, &ll)) {
        r->line = lr->lineno;
        r->st->lines++;
        if (rd_starts(line, ll, "~~"))
            return 0;
        if (ll && line[0] == '#')
            continue;
        *s = line;
        *sl = strip_comment(line, ll);
        rd_trim(s, sl);
        if (indented)
            *indented = ll && (line[0] == ' ' || line[0] == '\t');
        if (*sl)
            return 1;
    }
    return 0;
}

static int has_stem_or_gap(const phrase_word *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i].stem || w[i].gap_before)
            return 1;
    return 0;
}

/* ---- actors ------------------------------------------------------------------ */

static void actor_phrase(rdctx *r, uint32_t actor, const char *p, size_t pl, int synonym)
{
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_tabari(r, p, pl, w, DICT_MAX_PHRASE);
    if (n == 0) {
        rd_problem(r, "empty phrase");
        return;
    }
    lexseq seq;
    uint16_t flags = synonym ? DICT_PF_SYNONYM : 0;
    uint32_t node = rd_register(r, w, n, HIT_ACTOR, 0, flags, actor, &seq);
    if (node == DICT_TRIE_NONE)
        return;
    rd_register_endings(r, w, n, &seq, HIT_ACTOR, flags, actor, 0);
    db_alias(r->c, p, pl, HIT_ACTOR, actor, node,
             (uint8_t)((synonym ? ALIAS_SYNONYM : 0) | (has_stem_or_gap(w, n) ? ALIAS_LOSSY : 0)));
    r->st->records++;
}

static void pos_word(rdctx *r, const char *p, size_t pl, uint8_t kind)
{
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_tabari(r, p, pl, w, DICT_MAX_PHRASE);
    if (n == 0)
        return;
    dict_core *c = r->c;
    uint32_t id = (uint32_t)c->pos.len;
    pos_entry e = {db_strndup(c, p, pl), rd_where(r), kind};
    if (vec_push(&c->pos, e) != 0) {
        c->oom = 1;
        return;
    }
    lexseq seq;
    uint32_t node = rd_register(r, w, n, kind, 0, 0, id, &seq);
    if (node == DICT_TRIE_NONE)
        return;
    if (kind == HIT_NOUN)
        rd_register_endings(r, w, n, &seq, kind, 0, id, 0);
    db_alias(c, p, pl, kind, id, node, has_stem_or_gap(w, n) ? ALIAS_LOSSY : 0);
    r->st->records++;
}

static void end_actor(rdctx *r, uint32_t actor)
{
    if (actor != UINT32_MAX && r->c->actors.items[actor].n_periods == 0)
        rd_problem(r, "actor %s (above) has no code", r->c->actors.items[actor].phrase);
    db_actor_end(r, actor);
}

static void read_actors(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    enum { MAIN, NOUNS, ADJECTIVES } section = MAIN;
    uint32_t cur = UINT32_MAX;
    int skipping = 0; /* continuation lines of a rejected entry */
    const char *s;
    size_t sl;
    int indented;
    while (content_line(r, &lr, &s, &sl, &indented)) {
        if (s[0] == '<') {
            if (rd_starts(s, sl, "<NOUN>"))
                section = NOUNS;
            else if (rd_starts(s, sl, "<ADJECTIVE>"))
                section = ADJECTIVES;
            else if (rd_starts(s, sl, "</NOUN>") || rd_starts(s, sl, "</ADJECTIVE>"))
                section = MAIN;
            else
                rd_problem(r, "unknown section '%.*s'", (int)sl, s);
            continue;
        }
        if (section != MAIN) {
            const char *br = memchr(s, '[', sl);
            size_t pl = br ? (size_t)(br - s) : sl;
            rd_trim(&s, &pl);
            pos_word(r, s, pl, section == NOUNS ? HIT_NOUN : HIT_ADJECTIVE);
            continue;
        }
        if (indented || s[0] == '[') {
            if (skipping)
                continue;
            if (cur == UINT32_MAX) {
                rd_problem(r, "code line before any actor");
                continue;
            }
            long first = rd_actor_blocks(r, cur, s, sl);
            if (first > 0)
                rd_problem(r, "text '%.*s' on a code line", (int)first, s);
            else if (first == 0)
                r->st->records++;
            continue;
        }
        if (s[0] == '+') {
            if (skipping)
                continue;
            if (cur == UINT32_MAX) {
                rd_problem(r, "synonym before any actor");
                continue;
            }
            const char *p = s + 1;
            size_t pl = sl - 1;
            const char *br = memchr(p, '[', pl);
            if (br) {
                rd_actor_blocks(r, cur, br, pl - (size_t)(br - p));
                pl = (size_t)(br - p);
            }
            rd_trim(&p, &pl);
            actor_phrase(r, cur, p, pl, 1);
            continue;
        }
        /* a primary phrase */
        end_actor(r, cur);
        cur = UINT32_MAX;
        const char *br = memchr(s, '[', sl);
        size_t pl = br ? (size_t)(br - s) : sl;
        const char *p = s;
        rd_trim(&p, &pl);
        int amp = 0; /* '&' opening a word is a synset: TABARI rejects the actor (AT&T is fine) */
        for (size_t i = 0; i < pl; i++)
            if (p[i] == '&' && (i == 0 || p[i - 1] == ' ' || p[i - 1] == '_' || p[i - 1] == '~' ||
                                p[i - 1] == '='))
                amp = 1;
        if (amp) {
            rd_problem(r, "'&' is reserved for synsets: actor '%.*s' rejected", (int)pl, p);
            skipping = 1;
            continue;
        }
        skipping = 0;
        cur = db_actor_begin(r, p, pl);
        if (cur == UINT32_MAX)
            continue;
        if (br)
            rd_actor_blocks(r, cur, br, sl - (size_t)(br - s));
        actor_phrase(r, cur, p, pl, 0);
    }
    r->line = lr.lineno;
    end_actor(r, cur);
}

/* ---- agents ------------------------------------------------------------------ */

int rd_agent_code(rdctx *r, const char *s, size_t len, const char **code, uint8_t *attach)
{
    rd_trim(&s, &len);
    if (len >= 2 && s[0] == '~') {
        s++, len--;
        rd_trim(&s, &len);
        *attach = AGENT_SUFFIX;
    } else if (len >= 2 && s[len - 1] == '~') {
        len--;
        rd_trim(&s, &len);
        *attach = AGENT_PREFIX;
    } else {
        rd_problem(r, "agent code [%.*s] has no '~'", (int)len, s);
        return -1;
    }
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '~' || s[i] == '[') {
            rd_problem(r, "cannot read agent code [%.*s]", (int)len, s);
            return -1;
        }
    *code = db_code(r->c, s, len);
    return *code ? 0 : -1;
}

static void read_agents(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    dict_core *c = r->c;
    const char *s;
    size_t sl;
    while (content_line(r, &lr, &s, &sl, NULL)) {
        const char *br = memchr(s, '[', sl);
        const char *close = br ? memchr(br, ']', sl - (size_t)(br - s)) : NULL;
        if (!br || !close) {
            rd_problem(r, br ? "missing ']'" : "agent without a [code]");
            continue;
        }
        const char *code;
        uint8_t attach;
        if (rd_agent_code(r, br + 1, (size_t)(close - br - 1), &code, &attach) != 0)
            continue;
        const char *p = s;
        size_t pl = (size_t)(br - s);
        rd_trim(&p, &pl);
        phrase_word w[DICT_MAX_PHRASE];
        size_t n = cut_tabari(r, p, pl, w, DICT_MAX_PHRASE);
        uint32_t node;
        lexseq seq;
        uint32_t id = rd_agent_entry(r, p, pl, w, n, code, attach, &node, &seq);
        if (c->oom)
            return;
        if (id == UINT32_MAX)
            continue;
        rd_register_endings(r, w, n, &seq, HIT_PLURAL_AGENT, 0, id, 0);
        db_alias(c, p, pl, HIT_AGENT, id, node, has_stem_or_gap(w, n) ? ALIAS_LOSSY : 0);
        r->st->records++;
    }
}

/* ---- verbs ------------------------------------------------------------------- */

typedef struct verb_state {
    uint32_t verb;          /* current verb root, or UINT32_MAX */
    uint32_t set;           /* current synset, or UINT32_MAX */
} verb_state;

static void verb_form_phrase(rdctx *r, uint32_t verb, const char *p, size_t pl, int listed,
                             const char *root, size_t rootlen)
{
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_tabari(r, p, pl, w, DICT_MAX_PHRASE);
    if (n == 0)
        return;
    uint8_t form = w[n - 1].stem ? VFORM_UNKNOWN : VFORM_BASE;
    if (listed) {
        int uncl;
        char a[128], b[128];
        size_t al = wordtab_fold(root, rootlen, a, sizeof a);
        size_t bl = wordtab_fold(w[0].s, w[0].len, b, sizeof b);
        form = (al < sizeof a && bl < sizeof b) ? forms_classify(a, al, b, bl, &uncl) : VFORM_UNKNOWN;
        if (uncl)
            form = VFORM_UNKNOWN;
    }
    lexseq seq;
    uint32_t node = rd_register(r, w, n, HIT_VERB, form, 0, verb, &seq);
    if (node == DICT_TRIE_NONE)
        return;
    rd_register_endings(r, w, n, &seq, HIT_VERB, 0, verb, 1);
    db_alias(r->c, p, pl, HIT_VERB, verb, node,
             (uint8_t)(has_stem_or_gap(w, n) ? ALIAS_LOSSY : 0));
}

/* Split "BODY [CODE]" at the last '[': 0, or -1 when there is no code. */
static int split_code(const char *s, size_t len, size_t *body, const char **code, size_t *clen)
{
    for (size_t i = len; i-- > 0;) {
        if (s[i] == '[') {
            const char *close = memchr(s + i, ']', len - i);
            if (!close)
                return -1;
            *body = i;
            *code = s + i + 1;
            *clen = (size_t)(close - s - i - 1);
            return 0;
        }
    }
    return -1;
}

static void time_line(rdctx *r, const char *s, size_t sl)
{
    size_t body;
    const char *code;
    size_t clen;
    if (split_code(s, sl, &body, &code, &clen) != 0) {
        rd_problem(r, "time phrase without [shift]");
        return;
    }
    const char *p = s;
    size_t pl = body;
    rd_trim(&p, &pl);
    rd_trim(&code, &clen);
    time_entry t = {db_strndup(r->c, p, pl), rd_where(r), 0, 0};
    int dashes = 1;
    for (size_t i = 0; i < clen; i++)
        if (code[i] != '-' && code[i] != ' ')
            dashes = 0;
    if (clen == 3 && memcmp(code, "###", 3) == 0) {
        t.discard = 1;
    } else if (clen == 3 && memcmp(code, "+++", 3) == 0) {
        t.discard = 2;
    } else if (!dashes) {
        size_t i = 0;
        int neg = 0;
        if (i < clen && (code[i] == '+' || code[i] == '-'))
            neg = code[i++] == '-';
        long v = 0;
        size_t d0 = i;
        while (i < clen && code[i] >= '0' && code[i] <= '9' && v < 100000)
            v = v * 10 + (code[i++] - '0');
        if (i == d0 || i != clen) {
            rd_problem(r, "cannot read time shift [%.*s]", (int)clen, code);
            return;
        }
        t.shift_days = (int32_t)(neg ? -v : v);
    }
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_tabari(r, p, pl, w, DICT_MAX_PHRASE);
    if (n == 0)
        return;
    dict_core *c = r->c;
    uint32_t id = (uint32_t)c->times.len;
    if (vec_push(&c->times, t) != 0) {
        c->oom = 1;
        return;
    }
    lexseq seq;
    uint32_t node = rd_register(r, w, n, HIT_TIME, 0, 0, id, &seq);
    if (node != DICT_TRIE_NONE) {
        db_alias(c, p, pl, HIT_TIME, id, node, has_stem_or_gap(w, n) ? ALIAS_LOSSY : 0);
        r->st->records++;
    }
}

static void synset_line(rdctx *r, verb_state *vs, const char *s, size_t sl)
{
    if (s[0] == '&') {
        const char *e = s;
        size_t nl = sl;
        rd_trim(&e, &nl);
        vs->set = db_set_new(r, e, nl);
        if (vs->set == UINT32_MAX)
            return;
        if (db_set_find(r->c, e, nl) != UINT32_MAX)
            rd_problem(r, "synset %.*s defined again: the new definition is used", (int)nl, e);
        db_set_bind_name(r->c, vs->set, e, nl);
        r->st->records++;
        return;
    }
    if (s[0] != '+') {
        rd_problem(r, "synset section: expected &NAME or +member");
        return;
    }
    if (vs->set == UINT32_MAX || vs->set + 1 != r->c->sets.len) {
        rd_problem(r, "synset member before any &NAME");
        return;
    }
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_tabari(r, s + 1, sl - 1, w, DICT_MAX_PHRASE);
    if (n == 0) {
        rd_problem(r, "empty synset member");
        return;
    }
    if (rd_add_member(r, vs->set, w, n) >= 0)
        r->st->records++;
}

static void pattern_line(rdctx *r, verb_state *vs, const char *s, size_t sl, int stems)
{
    dict_core *c = r->c;
    if (vs->verb == UINT32_MAX) {
        rd_problem(r, "pattern before any verb");
        return;
    }
    size_t body;
    const char *code;
    size_t clen;
    if (split_code(s, sl, &body, &code, &clen) != 0) {
        rd_problem(r, "pattern without a [code]");
        return;
    }
    const char *ec, *ep;
    uint8_t flags;
    if (rd_event_code(r, code, clen, &ec, &ep, &flags) != 0)
        return;
    uint32_t first = (uint32_t)c->elems.len;
    if (compile_flat_pattern(r, s + 1, body - 1, stems) != 0)
        return;
    verb_entry *v = &c->verbs.items[vs->verb];
    if (db_pattern_add(r, vs->verb, first, ec, ep, flags, s, sl) != 0)
        return;
    c->patterns.items[c->patterns.len - 1].order = (uint16_t)v->n_patterns;
    v->n_patterns++;
    r->st->records++;
}

static void verb_line(rdctx *r, verb_state *vs, const char *s, size_t sl)
{
    dict_core *c = r->c;
    size_t body;
    const char *code;
    size_t clen;
    const char *ec = NULL, *ep = NULL;
    uint8_t flags = 0;
    if (split_code(s, sl, &body, &code, &clen) != 0) {
        rd_problem(r, "verb without a [code]: read as [---]");
        body = sl;
    } else if (rd_event_code(r, code, clen, &ec, &ep, &flags) != 0) {
        vs->verb = UINT32_MAX;
        return;
    }
    const char *p = s;
    size_t pl = body;
    rd_trim(&p, &pl);
    if (pl == 0) {
        rd_problem(r, "verb without a root");
        vs->verb = UINT32_MAX;
        return;
    }
    verb_entry v = {db_strndup(c, p, pl), rd_where(r), ec, ep,
                    (uint32_t)c->patterns.len, 0, flags};
    if (vec_push(&c->verbs, v) != 0) {
        c->oom = 1;
        return;
    }
    vs->verb = (uint32_t)c->verbs.len - 1;
    verb_form_phrase(r, vs->verb, p, pl, 0, NULL, 0);
    r->st->records++;
}

static void forms_line(rdctx *r, verb_state *vs, const char *s, size_t sl)
{
    if (vs->verb == UINT32_MAX) {
        rd_problem(r, "verb forms before any verb");
        return;
    }
    const char *close = memchr(s, '}', sl);
    if (!close) {
        rd_problem(r, "missing '}'");
        return;
    }
    const verb_entry *v = &r->c->verbs.items[vs->verb];
    size_t rootlen = 0;
    while (v->phrase[rootlen] && v->phrase[rootlen] != '_' && v->phrase[rootlen] != ' ' &&
           v->phrase[rootlen] != '=' && v->phrase[rootlen] != '~')
        rootlen++;
    size_t i = 1, end = (size_t)(close - s), nforms = 0;
    while (i < end) {
        while (i < end && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t st = i;
        while (i < end && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i > st) {
            verb_form_phrase(r, vs->verb, s + st, i - st, 1, v->phrase, rootlen);
            nforms++;
        }
    }
    if (nforms == 0)
        rd_problem(r, "no verb forms inside {...}");
    else
        r->st->records++;
}

static void read_verbs(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    enum { MAIN, SYNSETS, TIMES } section = MAIN;
    verb_state vs = {UINT32_MAX, UINT32_MAX};
    const char *s;
    size_t sl;
    while (content_line(r, &lr, &s, &sl, NULL)) {
        if (s[0] == '<') {
            if (rd_starts(s, sl, "<SYNSETS>"))
                section = SYNSETS;
            else if (rd_starts(s, sl, "<TIME>"))
                section = TIMES;
            else if (rd_starts(s, sl, "</SYNSETS>") || rd_starts(s, sl, "</TIME>"))
                section = MAIN;
            else
                rd_problem(r, "unknown section '%.*s'", (int)sl, s);
            continue;
        }
        if (section == SYNSETS) {
            synset_line(r, &vs, s, sl);
        } else if (section == TIMES) {
            if (s[0] == '-')
                rd_unsupported(r, "time patterns are not part of the model: skipped");
            else
                time_line(r, s, sl);
        } else if (s[0] == '-' && (sl == 1 || s[1] == ' ' || s[1] == '\t')) {
            pattern_line(r, &vs, s, sl, 1);
        } else if (s[0] == '{') {
            forms_line(r, &vs, s, sl);
        } else {
            verb_line(r, &vs, s, sl);
        }
    }
}

/* ---- options ------------------------------------------------------------------ */

static void read_options(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    while (next_line(&lr, &line, &ll)) {
        r->line = lr.lineno;
        r->st->lines++;
        const char *s = line;
        size_t sl = ll;
        rd_trim(&s, &sl);
        if (rd_starts(s, sl, "~~~~~"))
            break;
        if (sl == 0 || rd_starts(s, sl, "//"))
            continue;
        const char *copy = db_strndup(r->c, s, sl);
        if (!copy || vec_push(&r->c->option_lines, copy) != 0) {
            r->c->oom = 1;
            return;
        }
        r->st->records++;
    }
}

void read_tabari(rdctx *r, const char *data, size_t len, dict_file_kind kind)
{
    switch (kind) {
    case DICT_FILE_ACTORS: read_actors(r, data, len); break;
    case DICT_FILE_AGENTS: read_agents(r, data, len); break;
    case DICT_FILE_VERBS: read_verbs(r, data, len); break;
    case DICT_FILE_OPTIONS: read_options(r, data, len); break;
    default:
        rd_problem(r, "TABARI has no dictionary of this kind");
        break;
    }
}
