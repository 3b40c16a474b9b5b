/*
** phrase.c: from a phrase or pattern as written to lexemes and pattern elements.
**
** The dialects write phrases differently:
**
**   native, PETRARCH   `_` and blanks separate words; every word is exact and
**                      follows the previous one (PETRARCH agents: a blank lets
**                      other words come between); a trailing `_` is dropped; in
**                      verb roots `+` marks the word that inflects (CALL_+ON
**                      is PETRARCH's pre-compound, +BEEF_UP its post-compound).
**   TABARI             the character after a word says two things (TABARI's
**                      "connectors"): `_` the word is exact and the next word
**                      follows it; `_ ` exact, and other words may come between;
**                      a blank (or the end) the word is a stem (matches every
**                      word beginning with it) and others may come between;
**                      `~_` a stem followed immediately; `=` exact, and no
**                      regular endings (see forms.c).
**
** Patterns are compiled the same way into pattern_elem arrays: `*` `$` `+` `%`
** `^` are elements of their own, `&NAME` a synset, `{ A | B_C }` a new phrase
** set of alternatives, any other word a PAT_WORD (a stem lexeme "FORM*" for a
** TABARI stem).  `adjacent` is set on an element that the text before it joins
** with `_` (or `~_`).  PETRARCH-2 patterns ({noun phrase}, (PREP ...)) have
** their own compiler below; it keeps the phrase structure in elem flags.
*/
#include "dict/dict_internal.h"

#include <string.h>

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- cutting phrases into words ----------------------------------------- */

size_t cut_tabari(rdctx *r, const char *s, size_t len, phrase_word *w, size_t cap)
{
    size_t n = 0, i = 0;
    uint8_t gap_next = 0;
    while (i < len) {
        while (i < len && blank(s[i]))
            i++;
        if (i >= len)
            break;
        size_t st = i;
        while (i < len && !blank(s[i]) && s[i] != '_' && s[i] != '~' && s[i] != '=')
            i++;
        phrase_word pw = {s + st, (uint32_t)(i - st), 1, gap_next, 0, 0};
        if (i >= len || blank(s[i])) {
            pw.stem = 1; /* a blank or the end: stem, others may come between */
            gap_next = 1;
        } else if (s[i] == '_') {
            pw.stem = 0;
            gap_next = i + 1 < len && blank(s[i + 1]);
            i++;
        } else if (s[i] == '~') {
            pw.stem = 1;
            gap_next = 0;
            i++;
            if (i < len && s[i] == '_')
                i++;
        } else { /* '=' */
            pw.stem = 0;
            pw.noend = 1;
            gap_next = 0;
            i++;
        }
        if (pw.len == 0)
            continue;
        if (n >= cap) {
            rd_problem(r, "phrase has more than %zu words", cap);
            return 0;
        }
        w[n++] = pw;
    }
    return n;
}

size_t cut_plain(rdctx *r, const char *s, size_t len, int blank_gap, int allow_plus,
                 phrase_word *w, size_t cap)
{
    size_t n = 0, i = 0;
    uint8_t gap_next = 0;
    while (i < len) {
        if (blank(s[i])) {
            gap_next = blank_gap && n > 0;
            i++;
            continue;
        }
        if (s[i] == '_') {
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && !blank(s[i]) && s[i] != '_')
            i++;
        phrase_word pw = {s + st, (uint32_t)(i - st), 0, gap_next, 0, 0};
        gap_next = 0;
        if (allow_plus && pw.len > 1 && pw.s[0] == '+') {
            pw.s++;
            pw.len--;
            pw.plus = 1;
        }
        if (n >= cap) {
            rd_problem(r, "phrase has more than %zu words", cap);
            return 0;
        }
        w[n++] = pw;
    }
    return n;
}

/* ---- registering phrases ------------------------------------------------ */

uint32_t rd_register(rdctx *r, const phrase_word *w, size_t n, uint8_t kind, uint8_t form,
                     uint16_t flags, uint32_t entry, lexseq *seq)
{
    if (db_phrase_lex(r, w, n, seq) != 0)
        return DICT_TRIE_NONE;
    uint32_t node = db_trie_add(r->c, seq);
    if (seq->gapped)
        flags |= DICT_PF_GAPPED;
    db_trie_payload(r->c, node, kind, form, flags, entry);
    return node;
}

/* The text of the last token of the last word of w (for regular endings). */
static int last_piece(rdctx *r, const phrase_word *w, size_t n, const char **s, size_t *len)
{
    if (n == 0)
        return 0;
    word_piece p[DICT_MAX_PHRASE];
    size_t np = dict_pieces(r->b, &w[n - 1], 1, p, DICT_MAX_PHRASE);
    if (np == 0 || np == SIZE_MAX || !p[np - 1].is_word)
        return 0;
    *s = p[np - 1].s;
    *len = p[np - 1].len;
    return 1;
}

void rd_register_endings(rdctx *r, const phrase_word *w, size_t n, const lexseq *seq,
                         uint8_t ending_kind, uint16_t flags, uint32_t entry, int verb)
{
    if (n == 0 || w[n - 1].stem || w[n - 1].noend || seq->n == 0)
        return;
    const char *ls;
    size_t ll;
    if (!last_piece(r, w, n, &ls, &ll))
        return;
    char key[128];
    size_t kl = wordtab_fold(ls, ll, key, sizeof key);
    if (kl == 0 || kl >= sizeof key)
        return;
    word_form forms[6];
    size_t nf = forms_tabari_endings(key, kl, verb, forms);
    lexseq v = *seq;
    for (size_t i = 0; i < nf; i++) {
        v.lex[v.n - 1] = db_intern(r->c, forms[i].text, strlen(forms[i].text), 0);
        if (v.lex[v.n - 1] == WORD_NONE)
            continue;
        uint32_t node = db_trie_add(r->c, &v);
        db_trie_payload(r->c, node, ending_kind, verb ? forms[i].form : 0,
                        (uint16_t)(flags | DICT_PF_ENDING | (v.gapped ? DICT_PF_GAPPED : 0)),
                        entry);
    }
}

/* ---- set members with &NAME references ------------------------------------ */

/* The longest defined synset name that s[0..len) starts with, cut at '_'
   boundaries or the end ("&TIETYPES_MEMOS" -> &TIETYPES, "&FIGHT_OF_WORDS"). */
uint32_t rd_find_synset(rdctx *r, const char *s, size_t len, size_t *used)
{
    for (size_t e = len; e > 1; e--) {
        if (e < len && s[e] != '_')
            continue;
        uint32_t set = db_set_find(r->c, s, e);
        if (set != UINT32_MAX) {
            *used = e;
            return set;
        }
        if (e < len) { /* a PETRARCH label keeps its trailing _ (&AUXVERB1_) */
            set = db_set_find(r->c, s, e + 1);
            if (set != UINT32_MAX) {
                *used = e + 1;
                return set;
            }
        }
    }
    return UINT32_MAX;
}

#define MAX_EXPANSION 4096

static int expand(rdctx *r, uint32_t set, const phrase_word *w, size_t n, size_t i,
                  lexseq *acc, size_t *made)
{
    if (i == n) {
        if (acc->n == 0)
            return 0;
        if (++*made > MAX_EXPANSION) {
            rd_problem(r, "synset expansion makes more than %d members", MAX_EXPANSION);
            return -1;
        }
        return db_set_add_member(r->c, set, acc);
    }
    size_t mark = acc->n;
    if (w[i].len > 1 && w[i].s[0] == '&') {
        size_t used = 0;
        uint32_t ref = rd_find_synset(r, w[i].s, w[i].len, &used);
        if (ref == UINT32_MAX || used != w[i].len) {
            rd_problem(r, "synset %.*s is not defined (above)", (int)w[i].len, w[i].s);
            return -1;
        }
        phrase_set rs = r->c->sets.items[ref];
        for (uint32_t m = 0; m < rs.n_members; m++) {
            set_member sm = r->c->members.items[rs.first_member + m];
            uint8_t gap = (uint8_t)(acc->n > 0 ? w[i].gap_before : 0);
            int ok = 1;
            for (uint32_t k = 0; k < sm.len; k++) {
                lex_id lx = r->c->member_lex.items[sm.first + k];
                if (lx == DICT_LEX_GAP) {
                    gap = 1;
                    continue;
                }
                if (acc->n >= DICT_MAX_PHRASE) {
                    ok = 0;
                    break;
                }
                acc->lex[acc->n] = lx;
                acc->gap[acc->n] = gap;
                acc->gapped |= gap;
                acc->n++;
                gap = 0;
            }
            if (ok && expand(r, set, w, n, i + 1, acc, made) != 0)
                return -1;
            acc->n = (uint32_t)mark;
        }
        return 0;
    }
    lexseq one;
    if (db_phrase_lex(r, &w[i], 1, &one) != 0)
        return -1;
    for (uint32_t k = 0; k < one.n; k++) {
        if (acc->n >= DICT_MAX_PHRASE) {
            rd_problem(r, "phrase longer than %d words", DICT_MAX_PHRASE);
            return -1;
        }
        uint8_t gap = (uint8_t)(k == 0 && acc->n > 0 ? w[i].gap_before : 0);
        acc->lex[acc->n] = one.lex[k];
        acc->gap[acc->n] = gap;
        acc->gapped |= gap;
        acc->n++;
    }
    int rc = expand(r, set, w, n, i + 1, acc, made);
    acc->n = (uint32_t)mark;
    return rc;
}

/* Add the member written as words w[0..n) (with &NAME references expanded) to
   set, which must be the set created last.  Returns members added, -1 on error. */
long rd_add_member(rdctx *r, uint32_t set, const phrase_word *w, size_t n)
{
    lexseq acc;
    acc.n = 0;
    acc.gapped = 0;
    size_t made = 0;
    uint32_t before = r->c->sets.items[set].n_members;
    if (expand(r, set, w, n, 0, &acc, &made) != 0) {
        /* drop what this member added */
        phrase_set *ps = &r->c->sets.items[set];
        uint32_t extra = ps->n_members - before;
        if (extra) {
            r->c->member_lex.len = r->c->members.items[ps->first_member + before].first;
            r->c->members.len -= extra;
            ps->n_members = before;
        }
        return -1;
    }
    return (long)made;
}

/* ---- flat (TABARI-style) patterns ----------------------------------------- */

static int push_elem(dict_core *c, uint8_t kind, uint8_t adjacent, uint16_t flags, uint32_t arg)
{
    pattern_elem e = {kind, adjacent, flags, arg};
    if (vec_push(&c->elems, e) != 0) {
        c->oom = 1;
        return -1;
    }
    return 0;
}

static int special_kind(char ch)
{
    switch (ch) {
    case '*': return PAT_VERB;
    case '$': return PAT_SOURCE;
    case '+': return PAT_TARGET;
    case '%': return PAT_COMPOUND;
    case '^': return PAT_SKIP;
    default: return -1;
    }
}

static int is_word_end(char ch)
{
    return blank(ch) || ch == '_' || ch == '~' || ch == '=' || ch == '{' || ch == '|' || ch == '}';
}

/* Read the connector after an item at s[*i]: sets *stem (for words), returns the
   adjacency of the next element. */
static uint8_t read_connector(const char *s, size_t len, size_t *i, int *stem, int stems)
{
    size_t k = *i;
    uint8_t adj = 0;
    *stem = stems;
    if (k < len && s[k] == '_') {
        *stem = 0;
        k++;
        adj = !(k >= len || blank(s[k]));
    } else if (k < len && s[k] == '~') {
        k++;
        if (k < len && s[k] == '_')
            k++;
        adj = 1;
    } else if (k < len && s[k] == '=') {
        *stem = 0;
        k++;
        adj = !(k >= len || blank(s[k]));
    }
    *i = k;
    return adj;
}

/* Alternatives "{ A | B_C }" starting at s[*i] == '{': a new phrase set. */
static uint32_t compile_alternatives(rdctx *r, const char *s, size_t len, size_t *i, int stems)
{
    size_t open = *i;
    const char *close = memchr(s + open, '}', len - open);
    if (!close) {
        rd_problem(r, "missing '}' in pattern");
        return UINT32_MAX;
    }
    size_t end = (size_t)(close - s);
    uint32_t set = db_set_new(r, s + open, end - open + 1);
    if (set == UINT32_MAX)
        return UINT32_MAX;
    size_t a = open + 1;
    while (a <= end) {
        size_t b = a;
        while (b < end && s[b] != '|')
            b++;
        phrase_word w[DICT_MAX_PHRASE];
        size_t n = stems ? cut_tabari(r, s + a, b - a, w, DICT_MAX_PHRASE)
                         : cut_plain(r, s + a, b - a, 1, 0, w, DICT_MAX_PHRASE);
        if (n == 0) {
            rd_problem(r, "empty alternative in '%.*s'", (int)(end - open + 1), s + open);
            return UINT32_MAX;
        }
        /* in native and PETRARCH-1 patterns, `_` joins and a blank allows a gap */
        if (rd_add_member(r, set, w, n) < 0)
            return UINT32_MAX;
        a = b + 1;
    }
    *i = end + 1;
    return set;
}

/* Compile a TABARI-style pattern body; stems: TABARI (words without _ are stems). */
int compile_flat_pattern(rdctx *r, const char *s, size_t len, int stems)
{
    dict_core *c = r->c;
    size_t first = c->elems.len, i = 0;
    uint8_t adj = 0;
    while (i < len) {
        if (blank(s[i])) {
            adj = 0;
            i++;
            continue;
        }
        int sk = special_kind(s[i]);
        int stem;
        if (sk >= 0 && (i + 1 >= len || is_word_end(s[i + 1]))) {
            i++;
            if (push_elem(c, (uint8_t)sk, adj, 0, 0) != 0)
                goto fail;
            adj = read_connector(s, len, &i, &stem, 0);
            continue;
        }
        if (s[i] == '{') {
            uint32_t set = compile_alternatives(r, s, len, &i, stems);
            if (set == UINT32_MAX || push_elem(c, PAT_SET, adj, 0, set) != 0)
                goto fail;
            adj = read_connector(s, len, &i, &stem, 0);
            continue;
        }
        if (s[i] == '|' || s[i] == '}') {
            rd_problem(r, "unexpected '%c' in pattern", s[i]);
            goto fail;
        }
        if (s[i] == '&') {
            size_t e = i;
            while (e < len && !blank(s[e]) && s[e] != '~' && s[e] != '=' && s[e] != '{' &&
                   s[e] != '|' && s[e] != '}')
                e++;
            size_t used = 0;
            uint32_t set = rd_find_synset(r, s + i, e - i, &used);
            if (set == UINT32_MAX) {
                rd_problem(r, "synset %.*s is not defined (above)", (int)(e - i), s + i);
                goto fail;
            }
            if (push_elem(c, PAT_SET, adj, 0, set) != 0)
                goto fail;
            i += used;
            adj = read_connector(s, len, &i, &stem, 0);
            continue;
        }
        if (s[i] == '_' || s[i] == '~' || s[i] == '=') { /* stray connector */
            adj = 1;
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && !is_word_end(s[i]))
            i++;
        size_t wl = i - st;
        uint8_t next = read_connector(s, len, &i, &stem, stems);
        phrase_word pw = {s + st, (uint32_t)wl, (uint8_t)stem, 0, 0, 0};
        lexseq seq;
        if (db_phrase_lex(r, &pw, 1, &seq) != 0)
            goto fail;
        for (uint32_t k = 0; k < seq.n; k++)
            if (push_elem(c, PAT_WORD, k ? 1 : adj, 0, seq.lex[k]) != 0)
                goto fail;
        adj = next;
    }
    return 0;
fail:
    c->elems.len = first;
    return -1;
}

/* ---- PETRARCH-2 patterns ----------------------------------------------------- */

int compile_petrarch_pattern(rdctx *r, const char *s, size_t len)
{
    dict_core *c = r->c;
    size_t first = c->elems.len, i = 0;
    int in_np = 0, in_pp = 0, pp_first = 0;
    size_t np_elems = 0;
    while (i < len) {
        char ch = s[i];
        if (blank(ch)) {
            i++;
            continue;
        }
        if (ch == '(') {
            if (in_pp || in_np) {
                rd_problem(r, "nested '(' in pattern");
                goto fail;
            }
            in_pp = 1;
            pp_first = 1;
            i++;
            continue;
        }
        if (ch == ')') {
            if (!in_pp || in_np) {
                rd_problem(r, "unbalanced ')' in pattern");
                goto fail;
            }
            in_pp = 0;
            i++;
            continue;
        }
        if (ch == '{') {
            if (in_np) {
                rd_problem(r, "nested '{' in pattern");
                goto fail;
            }
            in_np = 1;
            np_elems = 0;
            i++;
            continue;
        }
        if (ch == '}') {
            if (!in_np) {
                rd_problem(r, "unbalanced '}' in pattern");
                goto fail;
            }
            if (np_elems)
                c->elems.items[c->elems.len - 1].flags |= PEF_HEAD;
            in_np = 0;
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && !blank(s[i]) && s[i] != '(' && s[i] != ')' && s[i] != '{' &&
               s[i] != '}')
            i++;
        const char *tok = s + st;
        size_t tl = i - st;
        uint16_t flags = 0;
        if (in_pp && pp_first)
            flags = PEF_PREP;
        else if (in_pp)
            flags = PEF_PP;
        if (in_np)
            flags |= PEF_NP;
        uint8_t adj = in_np && np_elems > 0;
        int sk = tl == 1 ? special_kind(tok[0]) : -1;
        if (sk >= 0) {
            if (push_elem(c, (uint8_t)sk, adj, flags, 0) != 0)
                goto fail;
        } else if (tok[0] == '&' && tl > 1) {
            size_t used = 0;
            uint32_t set = rd_find_synset(r, tok, tl, &used);
            if (set == UINT32_MAX || used != tl) {
                rd_problem(r, "synset %.*s is not defined", (int)tl, tok);
                goto fail;
            }
            if (push_elem(c, PAT_SET, adj, (uint16_t)(flags | (in_np || flags & PEF_PREP ? 0 : PEF_HEAD)),
                          set) != 0)
                goto fail;
        } else {
            phrase_word w[DICT_MAX_PHRASE];
            size_t n = cut_plain(r, tok, tl, 0, 0, w, DICT_MAX_PHRASE);
            lexseq seq;
            if (n == 0 || db_phrase_lex(r, w, n, &seq) != 0)
                goto fail;
            for (uint32_t k = 0; k < seq.n; k++) {
                uint16_t f = flags;
                if (!in_np && !(flags & PEF_PREP) && k + 1 == seq.n)
                    f |= PEF_HEAD;
                if (push_elem(c, PAT_WORD, k ? 1 : adj, f, seq.lex[k]) != 0)
                    goto fail;
            }
        }
        if (in_np)
            np_elems++;
        pp_first = 0;
    }
    if (in_np || in_pp) {
        rd_problem(r, "unclosed %s in pattern", in_np ? "'{'" : "'('");
        goto fail;
    }
    return 0;
fail:
    c->elems.len = first;
    return -1;
}
