/*
** read_petrarch.c: PETRARCH dictionaries (FORMAT.md in the PETRARCH dictionaries folder).
**
**   verbs      CAMEO.2.0.txt layout: &SYNSET / +member lines, "--- NAME [CODE] ---"
**              blocks of verb lines (VERB, VERB {FORMS}, +MULTI_WORD, PRE_+VERB,
**              own [CODE]) and "- PATTERN [CODE]" lines shared by every verb of
**              the block; "~" transformations (not part of the model: noted)
**   actors     Phoenix layout (the native reader's, with PETRARCH's dates:
**              YYMMDD allowed, A-B half-open, >D inclusive, first match in
**              file order, a bare date always matches)
**   agents     !SET! = A, B substitution; PHRASE {PLURAL} [~CODE]; plurals Y -> IES,
**              S -> +ES, else +S; in a phrase a blank lets other words come between
**   discards   PHRASE or +PHRASE (story)
**   issues     read and counted, not used
**
** How PETRARCH-2 patterns map onto pattern_elem (compile_petrarch_pattern):
** a bare word is a PAT_WORD flagged PEF_HEAD; {A B HEAD} is one PAT_WORD per
** word, each adjacent to the one before, flagged PEF_NP, the last also
** PEF_HEAD; (PREP X ...) is PREP flagged PEF_PREP followed by its object
** elements flagged PEF_PP (not adjacent: determiners and modifiers may come
** between); &NAME is a PAT_SET whose members include PETRARCH's automatic
** plurals (PETRARCH expands synsets into one pattern per member; a set is the
** same language, in one pattern); $ + ^ % are PAT_SOURCE, PAT_TARGET,
** PAT_SKIP, PAT_COMPOUND (PETRARCH-2 keeps them as plain words).  Patterns
** written in the older TABARI style (PETR.Validate.verbs.txt: `_`, `{ A | B }`)
** go through the flat compiler with exact words.  A dual code [A:B] sets
** DICT_CODE_PAIR_PASSIVE: B is the passive reading's code.
**
** Deliberate differences from PETRARCH-2's reader (its quirks that lose data):
** patterns after a "<!" line are read (PETRARCH-2 ignores them all); the last
** entry of an actor file is kept; pre-compound verbs (WIRE_+TAP) get their code.
*/
#include "dict/dict_internal.h"

#include <string.h>

static int contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return 1;
    return 0;
}

typedef struct block {
    int open;
    const char *code, *paired;
    uint8_t code_flags;
    uint32_t first_verb;        /* verbs of the block: [first_verb, verbs.len) */
    uint32_t first_pattern;
    uint32_t n_patterns;
    long line;
} block;

static void block_close(rdctx *r, block *bk)
{
    dict_core *c = r->c;
    if (!bk->open)
        return;
    uint32_t nverbs = (uint32_t)c->verbs.len - bk->first_verb;
    if (nverbs == 0 && bk->n_patterns) {
        long save = r->line;
        r->line = bk->line;
        rd_problem(r, "block has %u patterns but no verb: patterns dropped", bk->n_patterns);
        r->line = save;
        if (bk->first_pattern < c->patterns.len) {
            c->elems.len = c->patterns.items[bk->first_pattern].first_elem;
            c->patterns.len = bk->first_pattern;
        }
    }
    for (uint32_t v = bk->first_verb; v < c->verbs.len; v++) {
        c->verbs.items[v].first_pattern = bk->first_pattern;
        c->verbs.items[v].n_patterns = nverbs ? bk->n_patterns : 0;
    }
    for (uint32_t p = bk->first_pattern; nverbs && p < c->patterns.len; p++)
        c->patterns.items[p].verb = bk->first_verb;
    bk->open = 0;
}

static void block_open(rdctx *r, block *bk, const char *code, const char *paired, uint8_t flags)
{
    block_close(r, bk);
    bk->open = 1;
    bk->code = code;
    bk->paired = paired;
    bk->code_flags = flags;
    bk->first_verb = (uint32_t)r->c->verbs.len;
    bk->first_pattern = (uint32_t)r->c->patterns.len;
    bk->n_patterns = 0;
    bk->line = r->line;
}

static void header_line(rdctx *r, block *bk, const char *s, size_t sl)
{
    /* --- NAME [CODE] --- */
    const char *br = memchr(s, '[', sl);
    const char *close = br ? memchr(br, ']', sl - (size_t)(br - s)) : NULL;
    const char *ec = NULL, *ep = NULL;
    uint8_t flags = 0;
    if (!br || !close) {
        rd_problem(r, "block header without [code]: read as [---]");
    } else if (rd_event_code(r, br + 1, (size_t)(close - br - 1), &ec, &ep, &flags) != 0) {
        ec = ep = NULL;
    }
    if (ep)
        flags |= DICT_CODE_PAIR_PASSIVE;
    block_open(r, bk, ec, ep, flags);
    r->st->records++;
}

static void synset_member(rdctx *r, uint32_t set, const char *s, size_t sl)
{
    const char *m = s + 1;
    size_t ml = sl - 1;
    rd_trim(&m, &ml);
    int keep_as_is = ml && m[ml - 1] == '_';
    phrase_word w[DICT_MAX_PHRASE];
    size_t n = cut_plain(r, m, ml, 0, 0, w, DICT_MAX_PHRASE);
    if (n == 0) {
        rd_problem(r, "empty synset member");
        return;
    }
    if (rd_add_member(r, set, w, n) < 0)
        return;
    r->st->records++;
    if (n != 1 || keep_as_is || w[0].s[0] == '&')
        return;
    char key[96], pl[112];
    size_t kl = wordtab_fold(w[0].s, w[0].len, key, sizeof key);
    if (kl == 0 || kl >= sizeof key)
        return;
    size_t pn = plural_petrarch_synset(key, kl, pl, sizeof pl);
    if (!pn)
        return;
    phrase_word pw = {pl, (uint32_t)pn, 0, 0, 0, 0};
    rd_add_member(r, set, &pw, 1);
}

static void pattern_line(rdctx *r, block *bk, const char *s, size_t sl, int *v2_file)
{
    dict_core *c = r->c;
    const char *br = NULL;
    for (size_t i = sl; i-- > 0;)
        if (s[i] == '[') {
            br = s + i;
            break;
        }
    const char *close = br ? memchr(br, ']', sl - (size_t)(br - s)) : NULL;
    if (!br || !close) {
        rd_problem(r, "pattern without a [code]");
        return;
    }
    const char *ec, *ep;
    uint8_t flags;
    if (rd_event_code(r, br + 1, (size_t)(close - br - 1), &ec, &ep, &flags) != 0)
        return;
    if (ep)
        flags |= DICT_CODE_PAIR_PASSIVE;
    const char *body = s + 1;
    size_t bl = (size_t)(br - s - 1);
    int has_paren = memchr(body, '(', bl) != NULL;
    int has_bar = memchr(body, '|', bl) != NULL;
    int has_brace = memchr(body, '{', bl) != NULL;
    int has_join = 0;
    for (size_t i = 0; i < bl; i++)
        if (body[i] == '_' && (i == 0 || body[i - 1] != '&'))
            has_join = 1;
    if (has_paren || (has_brace && !has_bar))
        *v2_file = 1;
    int v2 = !has_bar && (has_paren || has_brace || (*v2_file && !has_join));
    if (!bk->open)
        block_open(r, bk, NULL, NULL, 0);
    uint32_t first = (uint32_t)c->elems.len;
    if ((v2 ? compile_petrarch_pattern(r, body, bl) : compile_flat_pattern(r, body, bl, 0)) != 0)
        return;
    if (db_pattern_add(r, bk->first_verb, first, ec, ep, flags, s, sl) != 0)
        return;
    c->patterns.items[c->patterns.len - 1].order = (uint16_t)bk->n_patterns;
    bk->n_patterns++;
    r->st->records++;
}

static void verb_line(rdctx *r, block *bk, const char *s, size_t sl)
{
    dict_core *c = r->c;
    const char *root, *forms, *code;
    size_t rootlen, clen;
    long forms_len;
    if (split_verb_line(r, s, sl, &root, &rootlen, &forms, &forms_len, &code, &clen) != 0)
        return;
    if (!bk->open)
        block_open(r, bk, NULL, NULL, 0);
    const char *ec = bk->code, *ep = bk->paired;
    uint8_t flags = bk->code_flags;
    if (code) {
        if (rd_event_code(r, code, clen, &ec, &ep, &flags) != 0)
            return;
        if (ep)
            flags |= DICT_CODE_PAIR_PASSIVE;
    }
    verb_entry v = {db_strndup(c, root, rootlen), rd_where(r), ec, ep,
                    bk->first_pattern, 0, flags};
    if (vec_push(&c->verbs, v) != 0) {
        c->oom = 1;
        return;
    }
    verb_forms(r, (uint32_t)c->verbs.len - 1, root, rootlen, forms, forms_len, 1);
    r->st->records++;
}

static void read_verbs(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    block bk = {0};
    uint32_t set = UINT32_MAX;      /* the synset taking members */
    int v2_file = 0, noted_transform = 0, noted_comment_quirk = 0;
    while (next_line(&lr, &line, &ll)) {
        r->line = lr.lineno;
        r->st->lines++;
        const char *s = line;
        size_t sl = ll;
        rd_trim(&s, &sl);
        if (sl >= 7 && memcmp(s, "#######", 7) == 0) {
            if (contains(s, sl, "VERB PATTERNS"))
                v2_file = 1;
            set = UINT32_MAX;
            continue;
        }
        if (sl >= 2 && s[0] == '<' && s[1] == '!') {
            if (!noted_comment_quirk) {
                rd_note(r, "PETRARCH-2 ignores every pattern after a '<!' line; dyad reads them");
                noted_comment_quirk = 1;
            }
            continue;
        }
        for (size_t i = 0, in_block = 0; i < sl; i++) { /* a comment, but not [###] */
            if (s[i] == '[')
                in_block = 1;
            else if (s[i] == ']')
                in_block = 0;
            else if (s[i] == '#' && !in_block) {
                sl = i;
                break;
            }
        }
        rd_trim(&s, &sl);
        if (sl == 0)
            continue;
        if (s[0] == '&') {
            set = db_set_new(r, s, sl);
            if (set == UINT32_MAX)
                continue;
            if (db_set_find(r->c, s, sl) != UINT32_MAX)
                rd_problem(r, "synset %.*s defined again: the new definition is used", (int)sl, s);
            db_set_bind_name(r->c, set, s, sl);
            r->st->records++;
            continue;
        }
        if (s[0] == '+' && set != UINT32_MAX) {
            synset_member(r, set, s, sl);
            continue;
        }
        set = UINT32_MAX;
        if (sl >= 3 && memcmp(s, "---", 3) == 0) {
            header_line(r, &bk, s, sl);
        } else if (s[0] == '-') {
            pattern_line(r, &bk, s, sl, &v2_file);
        } else if (s[0] == '~') {
            if (!noted_transform) {
                rd_unsupported(r, "transformations (~ lines) are not part of the model: skipped");
                noted_transform = 1;
            } else {
                r->st->unsupported++;
            }
        } else {
            verb_line(r, &bk, s, sl);
        }
    }
    block_close(r, &bk);
}

static void read_issues(rdctx *r, const char *data, size_t len)
{
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    while (next_line(&lr, &line, &ll)) {
        r->line = lr.lineno;
        r->st->lines++;
        if (ll && line[0] != '#' && memchr(line, '[', ll))
            r->st->records++;
    }
    r->line = 0;
    rd_note(r, "issue codes are read and counted, not used (%ld phrases)", r->st->records);
}

void read_petrarch(rdctx *r, const char *data, size_t len, dict_file_kind kind)
{
    switch (kind) {
    case DICT_FILE_ACTORS: read_actor_lines(r, data, len, 1); break;
    case DICT_FILE_AGENTS: read_agent_lines(r, data, len, 1); break;
    case DICT_FILE_VERBS: read_verbs(r, data, len); break;
    case DICT_FILE_DISCARDS: read_discard_lines(r, data, len, 1); break;
    case DICT_FILE_ISSUES: read_issues(r, data, len); break;
    default:
        rd_problem(r, "PETRARCH has no dictionary of this kind");
        break;
    }
}
