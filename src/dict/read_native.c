/*
** read_native.c: dyad's own dictionary files (docs/dictionaries.md).
**
**   *.actors     PHRASE [CODE ...]  /  +SYNONYM  /  <indent>[CODE FROM-TO] ...
**                dates YYYYMMDD or YYYY-MM-DD, ranges half-open (from <= d < to),
**                [CODE >D] from D on, [CODE <D] before D, an undated default
**                used only when no dated period covers the day
**   *.agents     !SET! = A, B  /  PHRASE [{PLURALS}] [~ROLE] or [ROLE~]
**   *.verbs      &SET = a, b  /  ROOT [{FORMS}] [CODE]  /  - PATTERN [CODE]
**   *.discards   PHRASE (the sentence) or +PHRASE (the whole document)
**   codebook.tsv code, root, name, goldstein, quad_class (header first)
**
** Words match exactly; `_` and blanks separate them; `#` starts a comment.
** Regular verb forms and agent plurals are generated (forms.c) unless listed.
*/
#include "dict/dict_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"

/* '#' starts a comment, except inside a code block: [###] is the discard code. */
static size_t strip_comment(const char *s, size_t len)
{
    int in_block = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '[')
            in_block = 1;
        else if (s[i] == ']')
            in_block = 0;
        else if (s[i] == '#' && !in_block)
            return i;
    }
    return len;
}

/* The next line without its comment, trimmed on the right; 0 at the end. */
static int content_line(rdctx *r, linereader *lr, const char **s, size_t *len)
{
    const char *line;
    size_t ll;
    while (next_line(lr, &line, &ll)) {
        r->line = lr->lineno;
        r->st->lines++;
        ll = strip_comment(line, ll);
        while (ll && (line[ll - 1] == ' ' || line[ll - 1] == '\t'))
            ll--;
        if (ll == 0)
            continue;
        *s = line;
        *len = ll;
        return 1;
    }
    return 0;
}

/* memmem is a GNU extension: a portable one for short needles. */
static const char *find_sub(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

/* ---- actors ------------------------------------------------------------------ */

static void actor_phrase(rdctx *r, uint32_t actor, const char *p, size_t pl, int synonym,
                         int blank_gap)
{
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_plain(r, p, pl, blank_gap, 0, w, DICT_MAX_PHRASE);
    if (n == 0) {
        rd_problem(r, "empty phrase");
        return;
    }
    lexseq seq;
    uint32_t node = rd_register(r, w, n, HIT_ACTOR, 0, synonym ? DICT_PF_SYNONYM : 0, actor, &seq);
    if (node == DICT_TRIE_NONE)
        return;
    db_alias(r->c, p, pl, HIT_ACTOR, actor, node, synonym ? ALIAS_SYNONYM : 0);
    r->st->records++;
}

/* PETRARCH: the codes on an entry's primary line are its default, which the
   dated restriction lines below it override (PETRARCH's unit-test gold:
   SAM_GAMGEE [HOB] followed by [HOBCIV <20080120] is HOBCIV in 1995), so they
   go after them; codes on one line keep their order. */
static void primary_codes_last(rdctx *r, uint32_t actor, uint32_t n_primary)
{
    actor_entry *a = &r->c->actors.items[actor];
    if (n_primary == 0 || n_primary > 64 || a->n_periods <= n_primary)
        return;
    code_period *p = r->c->periods.items + a->first_period;
    code_period tmp[64];
    memcpy(tmp, p, n_primary * sizeof *p);
    memmove(p, p + n_primary, (a->n_periods - n_primary) * sizeof *p);
    memcpy(p + a->n_periods - n_primary, tmp, n_primary * sizeof *p);
}

void read_actor_lines(rdctx *r, const char *data, size_t len, int petrarch)
{
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    uint32_t cur = UINT32_MAX, n_primary = 0;
    int in_comment = 0;
    while (next_line(&lr, &line, &ll)) {
        r->line = lr.lineno;
        r->st->lines++;
        const char *s = line;
        size_t sl = ll;
        if (petrarch) {
            /* <!-- ... --> comments, possibly over several lines */
            const char *open = find_sub(s, sl, "<!--");
            if (in_comment) {
                if (find_sub(s, sl, "-->"))
                    in_comment = 0;
                continue;
            }
            if (open) {
                const char *close = find_sub(open, sl - (size_t)(open - s), "-->");
                if (!close) {
                    in_comment = 1;
                    sl = (size_t)(open - s);
                } else if (open == s && (size_t)(close + 3 - s) >= sl) {
                    continue;
                }
            }
            if (sl >= 2 && s[0] == '<' && s[1] == '!')
                continue;
        }
        sl = strip_comment(s, sl);
        while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '\t'))
            sl--;
        const char *t = s;
        size_t tl = sl;
        rd_trim(&t, &tl);
        if (tl == 0)
            continue;
        if (t[0] == '[') {
            if (cur == UINT32_MAX) {
                rd_problem(r, "code line before any actor");
                continue;
            }
            if (t == s && !petrarch)
                rd_note(r, "code block at the start of a line: indent it");
            if (rd_actor_blocks(r, cur, t, tl) == 0)
                r->st->records++;
            continue;
        }
        if ((s[0] == ' ' || s[0] == '\t') && !petrarch) {
            rd_problem(r, "indented line is not a code line");
            continue;
        }
        if (t[0] == '+') {
            if (cur == UINT32_MAX) {
                rd_problem(r, "synonym before any actor");
                continue;
            }
            const char *p = t + 1;
            size_t pl = tl - 1;
            const char *br = memchr(p, '[', pl);
            if (br) {
                rd_problem(r, "codes on a synonym line belong to the entry: read as such");
                rd_actor_blocks(r, cur, br, pl - (size_t)(br - p));
                pl = (size_t)(br - p);
            }
            rd_trim(&p, &pl);
            actor_phrase(r, cur, p, pl, 1, 0);
            continue;
        }
        if (cur != UINT32_MAX) {
            if (r->c->actors.items[cur].n_periods == 0)
                rd_problem(r, "actor %s (above) has no code", r->c->actors.items[cur].phrase);
            if (petrarch)
                primary_codes_last(r, cur, n_primary);
            db_actor_end(r, cur);
        }
        const char *br = memchr(t, '[', tl);
        const char *p = t;
        size_t pl = br ? (size_t)(br - t) : tl;
        rd_trim(&p, &pl);
        cur = db_actor_begin(r, p, pl);
        n_primary = 0;
        if (cur == UINT32_MAX)
            continue;
        if (br) {
            rd_actor_blocks(r, cur, br, tl - (size_t)(br - t));
            n_primary = r->c->actors.items[cur].n_periods;
        }
        actor_phrase(r, cur, p, pl, 0, 0);
    }
    if (cur != UINT32_MAX) {
        if (r->c->actors.items[cur].n_periods == 0) {
            r->line = lr.lineno;
            rd_problem(r, "actor %s (above) has no code", r->c->actors.items[cur].phrase);
        }
        if (petrarch)
            primary_codes_last(r, cur, n_primary);
        db_actor_end(r, cur);
    }
}

/* ---- agents -------------------------------------------------------------------- */

typedef struct subst_set {
    const char *name;       /* "!MINIST!" */
    size_t name_len;
    const char *members;    /* "MINISTER, MINISTERS" (arena) */
    size_t members_len;
} subst_set;

typedef VEC(subst_set) subst_vec;

static void agent_variant(rdctx *r, const char *p, size_t pl, const char *code, uint8_t attach,
                          const char *plurals, long plurals_len, int substituted, int petrarch)
{
    dict_core *c = r->c;
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_plain(r, p, pl, petrarch, 0, w, DICT_MAX_PHRASE);
    uint32_t node;
    lexseq seq;
    uint32_t id = rd_agent_entry(r, p, pl, w, n, code, attach, &node, &seq);
    if (id == UINT32_MAX)
        return;
    db_alias(c, p, pl, HIT_AGENT, id, node, 0);
    r->st->records++;
    if (plurals_len > 0) { /* explicit plurals, blank separated */
        size_t i = 0;
        while (i < (size_t)plurals_len) {
            while (i < (size_t)plurals_len && (plurals[i] == ' ' || plurals[i] == '\t'))
                i++;
            size_t st = i;
            while (i < (size_t)plurals_len && plurals[i] != ' ' && plurals[i] != '\t')
                i++;
            if (i == st)
                continue;
            phrase_word pw[DICT_MAX_PHRASE];
            size_t pn = cut_plain(r, plurals + st, i - st, 0, 0, pw, DICT_MAX_PHRASE);
            if (pn)
                rd_register(r, pw, pn, HIT_PLURAL_AGENT, 0, 0, id, &seq);
        }
        return;
    }
    if (plurals_len == 0 || substituted) /* {} or a substitution: no plural */
        return;
    /* generated: the last word of the phrase takes the plural */
    char key[96], pl_word[112];
    size_t kl = wordtab_fold(w[n - 1].s, w[n - 1].len, key, sizeof key);
    if (kl == 0 || kl >= sizeof key)
        return;
    size_t m = petrarch ? plural_petrarch_agent(key, kl, pl_word, sizeof pl_word)
                        : plural_native(key, kl, pl_word, sizeof pl_word);
    if (!m)
        return;
    w[n - 1].s = pl_word;
    w[n - 1].len = (uint32_t)m;
    rd_register(r, w, n, HIT_PLURAL_AGENT, 0, DICT_PF_GENERATED, id, &seq);
}

/* Expand the !SET! markers of p (a product over every marker), then add. */
static void agent_expand(rdctx *r, subst_vec *sets, const char *p, size_t pl, const char *code,
                         uint8_t attach, const char *plurals, long plurals_len, int substituted,
                         int petrarch, int depth)
{
    const char *bang = memchr(p, '!', pl);
    const char *end = bang ? memchr(bang + 1, '!', pl - (size_t)(bang + 1 - p)) : NULL;
    if (!bang || !end || depth > 4) {
        agent_variant(r, p, pl, code, attach, plurals, plurals_len, substituted, petrarch);
        return;
    }
    size_t nl = (size_t)(end - bang + 1);
    const subst_set *set = NULL;
    for (size_t i = 0; i < sets->len; i++)
        if (sets->items[i].name_len == nl && memcmp(sets->items[i].name, bang, nl) == 0)
            set = &sets->items[i];
    if (!set) {
        rd_problem(r, "substitution set %.*s is not defined (above)", (int)nl, bang);
        return;
    }
    size_t i = 0;
    while (i < set->members_len) {
        size_t st = i;
        while (i < set->members_len && set->members[i] != ',')
            i++;
        const char *m = set->members + st;
        size_t ml = i - st;
        rd_trim(&m, &ml);
        i++;
        if (ml == 0)
            continue;
        size_t pre = (size_t)(bang - p), post = pl - pre - nl;
        char buf[512];
        if (pre + ml + post >= sizeof buf) {
            rd_problem(r, "agent phrase too long");
            return;
        }
        memcpy(buf, p, pre);
        memcpy(buf + pre, m, ml);
        memcpy(buf + pre + ml, end + 1, post);
        agent_expand(r, sets, buf, pre + ml + post, code, attach, plurals, plurals_len, 1,
                     petrarch, depth + 1);
    }
}

/* Shared by the native and PETRARCH agent readers. */
void read_agent_lines(rdctx *r, const char *data, size_t len, int petrarch)
{
    linereader lr = {data, data + len, 0};
    const char *s;
    size_t sl;
    subst_vec sets = {0};
    while (content_line(r, &lr, &s, &sl)) {
        rd_trim(&s, &sl);
        if (sl >= 2 && s[0] == '<' && s[1] == '!')
            continue;
        const char *set_end = sl > 1 && s[0] == '!' ? memchr(s + 1, '!', sl - 1) : NULL;
        const char *eq = NULL;
        if (set_end) { /* "!NAME! = A, B" defines a set; "!NAME! WORDS [~X]" uses one */
            const char *k = set_end + 1;
            while (k < s + sl && (*k == ' ' || *k == '\t'))
                k++;
            if (k < s + sl && *k == '=')
                eq = k;
        }
        if (eq) {
            const char *end = set_end;
            const char *m = eq + 1;
            size_t ml = sl - (size_t)(m - s);
            rd_trim(&m, &ml);
            subst_set set = {db_strndup(r->c, s, (size_t)(end - s + 1)), (size_t)(end - s + 1),
                             db_strndup(r->c, m, ml), ml};
            if (!set.name || !set.members || vec_push(&sets, set) != 0) {
                r->c->oom = 1;
                break;
            }
            r->st->records++;
            continue;
        }
        const char *br = memchr(s, '[', sl);
        const char *close = br ? memchr(br, ']', sl - (size_t)(br - s)) : NULL;
        if (!br || !close) {
            rd_problem(r, br ? "missing ']': skipped" : "agent without a [code]: skipped");
            continue;
        }
        const char *code;
        uint8_t attach;
        if (rd_agent_code(r, br + 1, (size_t)(close - br - 1), &code, &attach) != 0)
            continue;
        const char *p = s;
        size_t pl = (size_t)(br - s);
        const char *plurals = NULL;
        long plurals_len = -1; /* -1: none given */
        const char *ob = memchr(p, '{', pl);
        if (ob) {
            const char *cb = memchr(ob, '}', pl - (size_t)(ob - p));
            if (!cb) {
                rd_problem(r, "missing '}'");
                continue;
            }
            plurals = ob + 1;
            plurals_len = (long)(cb - ob - 1);
            while (plurals_len > 0 && (*plurals == ' ' || *plurals == '\t'))
                plurals++, plurals_len--;
            pl = (size_t)(ob - p);
        }
        rd_trim(&p, &pl);
        agent_expand(r, &sets, p, pl, code, attach, plurals, plurals_len, 0, petrarch, 0);
    }
    vec_free(&sets);
}

/* ---- verbs --------------------------------------------------------------------- */

typedef struct vstate {
    uint32_t verb;
} vstate;

/* Register a verb phrase with word k replaced by `form` (NULL: as written). */
static void verb_phrase(rdctx *r, uint32_t verb, phrase_word *w, size_t n, size_t k,
                        const char *form, uint8_t vform, uint16_t flags)
{
    phrase_word save = w[k];
    if (form) {
        w[k].s = form;
        w[k].len = (uint32_t)strlen(form);
    }
    lexseq seq;
    rd_register(r, w, n, HIT_VERB, vform, (uint16_t)(flags | (k & DICT_PF_VERB_WORD)), verb, &seq);
    w[k] = save;
}

/* Forms of a verb, shared by the native and PETRARCH readers. */
void verb_forms(rdctx *r, uint32_t verb, const char *root, size_t rootlen, const char *forms,
                long forms_len, int petrarch)
{
    phrase_word w[DICT_MAX_PHRASE];
    int double_final = rootlen && root[rootlen - 1] == '_';
    size_t n = cut_plain(r, root, rootlen, 0, 1, w, DICT_MAX_PHRASE);
    if (n == 0) {
        rd_problem(r, "verb without a root");
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i].plus)
            k = i;
    lexseq seq;
    uint32_t node = rd_register(r, w, n, HIT_VERB, VFORM_BASE, (uint16_t)(k & DICT_PF_VERB_WORD),
                                verb, &seq);
    if (node != DICT_TRIE_NONE)
        db_alias(r->c, root, rootlen, HIT_VERB, verb, node, 0);
    char base[96];
    size_t bl = wordtab_fold(w[k].s, w[k].len, base, sizeof base);
    if (bl == 0 || bl >= sizeof base)
        return;
    base[bl] = '\0';
    if (forms_len >= 0) { /* listed: nothing is generated */
        size_t i = 0, nf = 0, uncl_total = 0;
        uint8_t cls[32];
        struct { size_t st, len; } spans[32];
        while (i < (size_t)forms_len && nf < 32) {
            while (i < (size_t)forms_len && (forms[i] == ' ' || forms[i] == '\t'))
                i++;
            size_t st = i;
            while (i < (size_t)forms_len && forms[i] != ' ' && forms[i] != '\t')
                i++;
            if (i == st)
                continue;
            spans[nf].st = st;
            spans[nf].len = i - st;
            nf++;
        }
        for (size_t f = 0; f < nf; f++) {
            phrase_word fw[DICT_MAX_PHRASE];
            size_t fn = cut_plain(r, forms + spans[f].st, spans[f].len, 0, 1, fw, DICT_MAX_PHRASE);
            if (fn == 0)
                continue;
            size_t fk = fn == n ? k : 0;
            for (size_t j = 0; j < fn; j++)
                if (fw[j].plus)
                    fk = j;
            char fkey[96];
            size_t fl = wordtab_fold(fw[fk].s, fw[fk].len, fkey, sizeof fkey);
            int uncl = 1;
            cls[f] = fl < sizeof fkey ? forms_classify(base, bl, fkey, fl, &uncl) : VFORM_UNKNOWN;
            if (uncl)
                cls[f] = 0xFF, uncl_total++;
            lexseq fs;
            if (cls[f] != 0xFF) {
                uint32_t fnode = rd_register(r, fw, fn, HIT_VERB, cls[f],
                                             (uint16_t)(fk & DICT_PF_VERB_WORD), verb, &fs);
                if (fnode != DICT_TRIE_NONE)
                    db_alias(r->c, forms + spans[f].st, spans[f].len, HIT_VERB, verb, fnode, 0);
            }
        }
        /* forms that are neither -S, -ED nor -ING: TOOK TAKEN (preterite, participle) */
        size_t seen = 0;
        for (size_t f = 0; f < nf; f++) {
            if (cls[f] != 0xFF)
                continue;
            uint8_t vf = uncl_total == 1 ? VFORM_PAST : seen == 0 ? VFORM_PRETERITE
                                                     : seen == 1 ? VFORM_PARTICIPLE
                                                                 : VFORM_UNKNOWN;
            seen++;
            phrase_word fw[DICT_MAX_PHRASE];
            size_t fn = cut_plain(r, forms + spans[f].st, spans[f].len, 0, 1, fw, DICT_MAX_PHRASE);
            size_t fk = fn == n ? k : 0;
            for (size_t j = 0; j < fn; j++)
                if (fw[j].plus)
                    fk = j;
            lexseq fs;
            uint32_t fnode = fn ? rd_register(r, fw, fn, HIT_VERB, vf,
                                              (uint16_t)(fk & DICT_PF_VERB_WORD), verb, &fs)
                                : DICT_TRIE_NONE;
            if (fnode != DICT_TRIE_NONE)
                db_alias(r->c, forms + spans[f].st, spans[f].len, HIT_VERB, verb, fnode, 0);
        }
        return;
    }
    word_form gen[3];
    size_t ng = petrarch ? forms_petrarch_verb(base, bl, gen)
                         : forms_native_verb(base, bl, double_final, gen);
    for (size_t i = 0; i < ng; i++)
        verb_phrase(r, verb, w, n, k, gen[i].text, gen[i].form, DICT_PF_GENERATED);
}

/* "ROOT {FORMS} [CODE]": splits a verb line; returns 0 or -1 (reported). */
int split_verb_line(rdctx *r, const char *s, size_t sl, const char **root, size_t *rootlen,
                    const char **forms, long *forms_len, const char **code, size_t *clen)
{
    *code = NULL;
    *clen = 0;
    *forms = NULL;
    *forms_len = -1;
    size_t end = sl;
    const char *br = memchr(s, '[', sl);
    if (br) {
        const char *close = memchr(br, ']', sl - (size_t)(br - s));
        if (!close) {
            rd_problem(r, "missing ']'");
            return -1;
        }
        *code = br + 1;
        *clen = (size_t)(close - br - 1);
        end = (size_t)(br - s);
    }
    const char *ob = memchr(s, '{', end);
    if (ob) {
        const char *cb = memchr(ob, '}', end - (size_t)(ob - s));
        if (!cb) {
            rd_problem(r, "missing '}'");
            return -1;
        }
        *forms = ob + 1;
        *forms_len = (long)(cb - ob - 1);
        end = (size_t)(ob - s);
    }
    *root = s;
    *rootlen = end;
    rd_trim(root, rootlen);
    if (*rootlen == 0) {
        rd_problem(r, "verb without a root");
        return -1;
    }
    return 0;
}

static void native_synset(rdctx *r, const char *s, size_t sl)
{
    const char *eq = memchr(s, '=', sl);
    if (!eq) {
        rd_problem(r, "cannot read synset (want &NAME = a, b)");
        return;
    }
    const char *name = s;
    size_t nl = (size_t)(eq - s);
    rd_trim(&name, &nl);
    uint32_t set = db_set_new(r, name, nl);
    if (set == UINT32_MAX)
        return;
    if (db_set_find(r->c, name, nl) != UINT32_MAX)
        rd_problem(r, "synset %.*s defined again: the new definition is used", (int)nl, name);
    db_set_bind_name(r->c, set, name, nl);
    const char *m = eq + 1;
    size_t rest = sl - (size_t)(m - s);
    size_t i = 0;
    while (i <= rest) {
        size_t st = i;
        while (i < rest && m[i] != ',')
            i++;
        const char *mem = m + st;
        size_t ml = i - st;
        rd_trim(&mem, &ml);
        i++;
        if (ml == 0)
            continue;
        phrase_word w[DICT_MAX_PHRASE];
        size_t n = cut_plain(r, mem, ml, 0, 0, w, DICT_MAX_PHRASE);
        if (n)
            rd_add_member(r, set, w, n);
    }
    if (r->c->sets.items[set].n_members == 0)
        rd_problem(r, "synset %.*s has no members", (int)nl, name);
    r->st->records++;
}

static void read_verbs(rdctx *r, const char *data, size_t len)
{
    dict_core *c = r->c;
    linereader lr = {data, data + len, 0};
    const char *s;
    size_t sl;
    vstate vs = {UINT32_MAX};
    while (content_line(r, &lr, &s, &sl)) {
        const char *t = s;
        size_t tl = sl;
        rd_trim(&t, &tl);
        if (t[0] == '&') {
            native_synset(r, t, tl);
            continue;
        }
        if (t[0] == '-' && (tl == 1 || t[1] == ' ' || t[1] == '\t')) {
            if (vs.verb == UINT32_MAX) {
                rd_problem(r, "pattern before any verb");
                continue;
            }
            const char *br = NULL;
            for (size_t i = tl; i-- > 0;)
                if (t[i] == '[') {
                    br = t + i;
                    break;
                }
            const char *close = br ? memchr(br, ']', tl - (size_t)(br - t)) : NULL;
            if (!br || !close) {
                rd_problem(r, "pattern without a [code]");
                continue;
            }
            const char *ec, *ep;
            uint8_t flags;
            if (rd_event_code(r, br + 1, (size_t)(close - br - 1), &ec, &ep, &flags) != 0)
                continue;
            uint32_t first = (uint32_t)c->elems.len;
            if (compile_flat_pattern(r, t + 1, (size_t)(br - t - 1), 0) != 0)
                continue;
            verb_entry *v = &c->verbs.items[vs.verb];
            if (db_pattern_add(r, vs.verb, first, ec, ep, flags, t, tl) != 0)
                continue;
            c->patterns.items[c->patterns.len - 1].order = (uint16_t)v->n_patterns;
            v->n_patterns++;
            r->st->records++;
            continue;
        }
        if (s[0] == ' ' || s[0] == '\t') {
            rd_problem(r, "indented line is neither a pattern nor a verb");
            continue;
        }
        const char *root, *forms, *code;
        size_t rootlen, clen;
        long forms_len;
        vs.verb = UINT32_MAX;
        if (split_verb_line(r, t, tl, &root, &rootlen, &forms, &forms_len, &code, &clen) != 0)
            continue;
        const char *ec = NULL, *ep = NULL;
        uint8_t flags = 0;
        if (code && rd_event_code(r, code, clen, &ec, &ep, &flags) != 0)
            continue;
        verb_entry v = {db_strndup(c, root, rootlen), rd_where(r), ec, ep,
                        (uint32_t)c->patterns.len, 0, flags};
        if (vec_push(&c->verbs, v) != 0) {
            c->oom = 1;
            return;
        }
        vs.verb = (uint32_t)c->verbs.len - 1;
        verb_forms(r, vs.verb, root, rootlen, forms, forms_len, 0);
        r->st->records++;
    }
}

/* ---- discards -------------------------------------------------------------------- */

void read_discard_lines(rdctx *r, const char *data, size_t len, int petrarch)
{
    dict_core *c = r->c;
    linereader lr = {data, data + len, 0};
    const char *s;
    size_t sl;
    while (content_line(r, &lr, &s, &sl)) {
        rd_trim(&s, &sl);
        if (petrarch && sl >= 2 && s[0] == '<' && s[1] == '!')
            continue;
        uint8_t story = 0;
        if (s[0] == '+') {
            story = 1;
            s++, sl--;
            rd_trim(&s, &sl);
        }
        phrase_word w[DICT_MAX_PHRASE];
        size_t n = cut_plain(r, s, sl, 0, 0, w, DICT_MAX_PHRASE);
        if (n == 0) {
            rd_problem(r, "empty discard phrase");
            continue;
        }
        uint32_t id = (uint32_t)c->discards.len;
        discard_entry d = {db_strndup(c, s, sl), rd_where(r), story};
        if (vec_push(&c->discards, d) != 0) {
            c->oom = 1;
            return;
        }
        lexseq seq;
        uint32_t node = rd_register(r, w, n, HIT_DISCARD, 0, 0, id, &seq);
        if (node != DICT_TRIE_NONE) {
            db_alias(c, s, sl, HIT_DISCARD, id, node, 0);
            r->st->records++;
        }
    }
}

/* ---- codebook ---------------------------------------------------------------------- */

void read_codebook(rdctx *r, const char *data, size_t len)
{
    dict_core *c = r->c;
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    while (next_line(&lr, &line, &ll)) {
        r->line = lr.lineno;
        r->st->lines++;
        if (ll == 0 || line[0] == '#')
            continue;
        if (lr.lineno == 1 && ll >= 4 && memcmp(line, "code", 4) == 0)
            continue;
        const char *col[6];
        size_t cl[6], nc = 0, i = 0;
        while (nc < 6) {
            size_t st = i;
            while (i < ll && line[i] != '\t')
                i++;
            col[nc] = line + st;
            cl[nc] = i - st;
            nc++;
            if (i >= ll)
                break;
            i++;
        }
        if (nc != 5) {
            rd_problem(r, "codebook line has %zu columns, want 5 (code root name goldstein quad_class)", nc);
            continue;
        }
        char num[32];
        if (cl[3] == 0 || cl[3] >= sizeof num || cl[4] != 1 || col[4][0] < '1' || col[4][0] > '4') {
            rd_problem(r, "cannot read goldstein weight or quad class");
            continue;
        }
        memcpy(num, col[3], cl[3]);
        num[cl[3]] = '\0';
        char *endp;
        double g = strtod(num, &endp);
        if (*endp || g < -10.0 || g > 10.0) {
            rd_problem(r, "goldstein weight '%s' is not a number in [-10, 10]", num);
            continue;
        }
        if (cl[0] == 0) {
            rd_problem(r, "empty code");
            continue;
        }
        codebook_entry e = {db_code(c, col[0], cl[0]), db_code(c, col[1], cl[1]),
                            db_strndup(c, col[2], cl[2]), (float)g, (uint8_t)(col[4][0] - '0')};
        for (size_t k = 0; k < c->codebook.len; k++)
            if (c->codebook.items[k].code == e.code) {
                rd_problem(r, "code %s listed twice: the later line is used", e.code);
                c->codebook.items[k] = e;
                e.code = NULL;
                break;
            }
        if (e.code && vec_push(&c->codebook, e) != 0) {
            c->oom = 1;
            return;
        }
        r->st->records++;
    }
}

void read_native(rdctx *r, const char *data, size_t len, dict_file_kind kind)
{
    switch (kind) {
    case DICT_FILE_ACTORS: read_actor_lines(r, data, len, 0); break;
    case DICT_FILE_AGENTS: read_agent_lines(r, data, len, 0); break;
    case DICT_FILE_VERBS: read_verbs(r, data, len); break;
    case DICT_FILE_DISCARDS: read_discard_lines(r, data, len, 0); break;
    case DICT_FILE_CODEBOOK: read_codebook(r, data, len); break;
    default:
        rd_problem(r, "dyad's native format has no dictionary of this kind");
        break;
    }
}
