/*
** tokenize.c: one sentence -> tokens with byte spans, word ids and flags
** (text_tokenize, text_token_key).
**
** This is the hot path of the whole coder: every byte of every document goes
** through the loop below once.  So it is one pass, driven by a 256-entry byte
** class table; ASCII letters never leave the fast path (non-ASCII is decoded
** only where it occurs); tokens are written straight into the caller's array
** (which keeps its storage between sentences); and the word key is folded into
** a stack buffer and looked up in the frozen word table, with no allocation,
** a group of words at a time so that their waits for memory overlap.
**
** What a token is (see text.h for the kinds and flags):
**   words    letters and digits, with inner hyphens ("self-propelled"), inner
**            apostrophes ("didn't", "O'Brien"), inner periods ("U.S.", "e.g.",
**            "huanqiu.com") and "&" between capitals ("AT&T").  A final period
**            stays on dotted abbreviations (U.S.), on the abbreviations that
**            the splitter knows (Gen. Jan. Corp. Calif.; "No." only before a
**            number) and on single capital initials ("J. Smith"), except that
**            an initial at the very end of a sentence gives its period back;
**   numbers  a word that starts with a digit and has no hyphen: 1,000 3.5
**            1990s 5th 9/11, with a "%" directly after it kept ("2%");
**   possessives  "'s" after a word ("Japan's" -> Japan + 's) and a bare "'"
**            after a plural in -s ("allies' ships") are tokens of their own with
**            TOKF_POSSESSIVE; "it's", "he's", "that's", "let's" (contractions of
**            is/us) stay whole, as do "didn't", "won't", "they'll";
**   punctuation  one character a token, except an ellipsis ("..." or U+2026)
**            and a run of dashes ("--", U+2014), which are one token each.
** Every token, punctuation included, gets the word id of its folded form (or
** WORD_NONE), so that dictionary phrases may contain any token.
*/
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/textint.h"
#include "util/swar.h"

#define KEY_MAX 64  /* longer words cannot be dictionary words: WORD_NONE */

enum byte_class {
    B_SPACE = 0, B_UPPER, B_LOWER, B_DIGIT, B_APOS, B_HYPHEN, B_PERIOD, B_COMMA,
    B_QUOTE, B_OPEN, B_CLOSE, B_CLAUSE, B_TERM, B_AMP, B_SLASH, B_PUNCT, B_SYMBOL, B_HIGH
};

#define R4(x) x, x, x, x
#define R8(x) R4(x), R4(x)
#define R16(x) R8(x), R8(x)

static const unsigned char byte_class[256] = {
    /* 0x00-0x1F: controls (normally gone after text_normalize) act as space */
    R16(B_SPACE), R16(B_SPACE),
    /* 0x20 */ B_SPACE, B_TERM, B_QUOTE, B_PUNCT, B_SYMBOL, B_PUNCT, B_AMP, B_APOS,
    /* 0x28 */ B_OPEN, B_CLOSE, B_PUNCT, B_SYMBOL, B_COMMA, B_HYPHEN, B_PERIOD, B_SLASH,
    /* 0x30 */ R8(B_DIGIT), B_DIGIT, B_DIGIT, B_CLAUSE, B_CLAUSE, B_SYMBOL, B_SYMBOL, B_SYMBOL, B_TERM,
    /* 0x40 */ B_PUNCT, R8(B_UPPER), R4(B_UPPER), B_UPPER, B_UPPER, B_UPPER,
    /* 0x50 */ R8(B_UPPER), B_UPPER, B_UPPER, B_UPPER, B_OPEN, B_PUNCT, B_CLOSE, B_SYMBOL, B_PUNCT,
    /* 0x60 */ B_QUOTE, R8(B_LOWER), R4(B_LOWER), B_LOWER, B_LOWER, B_LOWER,
    /* 0x70 */ R8(B_LOWER), B_LOWER, B_LOWER, B_LOWER, B_OPEN, B_SYMBOL, B_CLOSE, B_SYMBOL, B_SPACE,
    /* 0x80-0xFF */ R16(B_HIGH), R16(B_HIGH), R16(B_HIGH), R16(B_HIGH),
    R16(B_HIGH), R16(B_HIGH), R16(B_HIGH), R16(B_HIGH),
};

static inline int is_alnum_class(unsigned char cls)
{
    return cls == B_UPPER || cls == B_LOWER || cls == B_DIGIT;
}

/* Unicode character kinds the tokenizer cares about. */
enum cp_kind { CP_UPPER, CP_LOWER, CP_LETTER, CP_DIGIT, CP_MARK, CP_APOS, CP_HYPHEN,
               CP_DASH, CP_QUOTE_OPEN, CP_QUOTE_CLOSE, CP_QUOTE, CP_ELLIPSIS, CP_SPACE,
               CP_PUNCT, CP_SYMBOL };

static int cp_kind_of(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x02BC: return CP_APOS;   /* also a closing single quote */
    case 0x2010: case 0x2011: return CP_HYPHEN;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return CP_DASH;
    case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201E: case 0x201F:
    case 0x00AB: case 0x2039: return CP_QUOTE_OPEN;
    case 0x201D: case 0x00BB: case 0x203A: return CP_QUOTE_CLOSE;
    case 0x2026: return CP_ELLIPSIS;
    case 0xFFFD: return CP_SYMBOL;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return CP_UPPER;
    case UTF8PROC_CATEGORY_LL: return CP_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return CP_LETTER;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return CP_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return CP_MARK;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return CP_SPACE;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return CP_PUNCT;
    default:
        return CP_SYMBOL;
    }
}

static inline int cp_is_wordchar(int kind)
{
    return kind <= CP_MARK;
}

/* Kind of the character at t[i] (i < end), and its byte length. */
static inline int kind_at(const unsigned char *t, size_t i, size_t end, int *len)
{
    unsigned char cls = byte_class[t[i]];
    *len = 1;
    switch (cls) {
    case B_UPPER: return CP_UPPER;
    case B_LOWER: return CP_LOWER;
    case B_DIGIT: return CP_DIGIT;
    case B_APOS: return CP_APOS;
    case B_HYPHEN: return CP_HYPHEN;
    case B_SPACE: return CP_SPACE;
    case B_HIGH: {
        int32_t cp;
        *len = text_utf8_decode(t + i, end - i, &cp);
        return cp_kind_of(cp);
    }
    default: return CP_PUNCT;
    }
}

/* How many bytes from p (p + 8 <= end) continue a run of letters of one case
   (B_LOWER: a-z, B_UPPER: A-Z), at most 8. */
static inline size_t case_run8(const unsigned char *p, unsigned char cls)
{
    uint64_t in = cls == B_LOWER ? swar_in_range(swar_load(p), 'a', 'z')
                                 : swar_in_range(swar_load(p), 'A', 'Z');
    uint64_t out = ~in & SWAR_HIGH;
    return out ? swar_first(out) : 8;
}

/* What scanning one word found. */
typedef struct word_scan {
    size_t end;
    unsigned upper, lower;      /* cased letters seen */
    int first_case;             /* case of the first cased letter: 1 upper, 0 lower, -1 none */
    int nonascii, hyphen, inner_period, starts_digit;
    int last_is_s;              /* the word's last character is s or S */
} word_scan;

static inline void note_letter(word_scan *ws, int upper)
{
    if (upper)
        ws->upper++;
    else
        ws->lower++;
    if (ws->first_case < 0)
        ws->first_case = upper;
}

/* Contractions with 's that are not possessives: "it's", "that's", "let's". */
static int is_s_contraction(const unsigned char *w, size_t n)
{
    static const char *const forms[] = {"it", "he", "she", "that", "there", "what", "who",
                                        "where", "here", "let", "how", "when", "why"};
    if (n < 2 || n > 5)
        return 0;
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        const char *f = forms[k];
        if (strlen(f) != n)
            continue;
        size_t j = 0;
        while (j < n && (w[j] | 0x20) == (unsigned char)f[j])
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

/* Scan a word starting at t[i] (a letter or digit). */
static void scan_word(const unsigned char *t, size_t i, size_t end, word_scan *ws)
{
    size_t st = i;
    ws->starts_digit = byte_class[t[i]] == B_DIGIT;
    while (i < end) {
        unsigned char c = t[i];
        unsigned char cls = byte_class[c];
        if (cls == B_LOWER || cls == B_UPPER) {
            /* a run of letters of one case at once: most of every word */
            size_t run = i + 1, more = 8;
            while (more == 8 && run + 8 <= end) {
                more = case_run8(t + run, cls);
                run += more;
            }
            if (more == 8)
                while (run < end && byte_class[t[run]] == cls)
                    run++;
            int upper = cls == B_UPPER;
            if (ws->first_case < 0)
                ws->first_case = upper;
            if (upper)
                ws->upper += (unsigned)(run - i);
            else
                ws->lower += (unsigned)(run - i);
            i = run;
            continue;
        }
        if (cls == B_DIGIT) {
            i++;
            continue;
        }
        int len, kind;
        size_t nx;
        switch (cls) {
        case B_HIGH: {
            kind = kind_at(t, i, end, &len);
            if (cp_is_wordchar(kind)) {
                if (kind == CP_UPPER || kind == CP_LOWER)
                    note_letter(ws, kind == CP_UPPER);
                ws->nonascii = 1;
                i += (size_t)len;
                continue;
            }
            if (kind == CP_APOS)
                goto apostrophe;
            if (kind == CP_HYPHEN || (kind == CP_DASH && t[i + 2] == 0x93)) /* U+2013 */
                goto hyphen;
            goto done;
        }
        case B_HYPHEN:
            len = 1;
        hyphen:
            nx = i + (size_t)len;
            if (nx < end) {
                int nlen, nk = kind_at(t, nx, end, &nlen);
                if (nk <= CP_DIGIT) {
                    ws->hyphen = 1;
                    ws->nonascii |= len > 1;
                    i = nx;
                    continue;
                }
            }
            goto done;
        case B_APOS:
            len = 1;
        apostrophe:
            nx = i + (size_t)len;
            if (nx < end) {
                int nlen, nk = kind_at(t, nx, end, &nlen);
                if (nk == CP_UPPER || nk == CP_LOWER || nk == CP_LETTER) {
                    /* 's at the end of a word is a possessive unless the word
                       is a pronoun it contracts with */
                    int is_s = (t[nx] | 0x20) == 's';
                    int boundary_after = nx + 1 >= end || !(is_alnum_class(byte_class[t[nx + 1]]) ||
                                                            byte_class[t[nx + 1]] == B_HIGH);
                    if (is_s && boundary_after && !is_s_contraction(t + st, i - st))
                        goto done;
                    ws->nonascii |= len > 1;
                    i = nx;
                    continue;
                }
            }
            goto done;
        case B_PERIOD:
            if (i + 1 < end && (is_alnum_class(byte_class[t[i + 1]]) ||
                                (byte_class[t[i + 1]] == B_HIGH &&
                                 cp_is_wordchar(kind_at(t, i + 1, end, &len))))) {
                ws->inner_period = 1;
                i++;
                continue;
            }
            goto done;
        case B_COMMA:
            /* thousands: 1,000 and 12,500,000 (only digits so far) */
            if (ws->starts_digit && !ws->upper && !ws->lower && i + 3 < end &&
                byte_class[t[i + 1]] == B_DIGIT && byte_class[t[i + 2]] == B_DIGIT &&
                byte_class[t[i + 3]] == B_DIGIT &&
                (i + 4 >= end || byte_class[t[i + 4]] != B_DIGIT)) {
                i += 4;
                continue;
            }
            goto done;
        case B_AMP:
            if (i > st && byte_class[t[i - 1]] == B_UPPER && i + 1 < end &&
                byte_class[t[i + 1]] == B_UPPER) {
                i++;
                continue;
            }
            goto done;
        case B_SLASH:
            if (byte_class[t[i - 1]] == B_DIGIT && i + 1 < end && byte_class[t[i + 1]] == B_DIGIT) {
                i++;
                continue;
            }
            goto done;
        default:
            goto done;
        }
    }
done:
    ws->end = i;
    ws->last_is_s = i > st && (t[i - 1] | 0x20) == 's';
}

/* Word lookups are queued and done a group at a time (wordtab_lookup_batch):
   a full dictionary's word table is megabytes, and one lookup after another
   would each wait for memory alone.  Nothing in here reads a token's word. */
#define LOOKUP_GROUP 32

typedef struct tok_out {
    token_vec *v;
    int oom;
    int single_open;    /* an opening single quote ('the bosses') awaits its close */
    const wordtab *wt;
    text_word_queue *deferred;          /* when set, lookups go there instead */
    uint32_t n_queued;
    uint32_t queued_tok[LOOKUP_GROUP];  /* index in v of the token to fill */
    uint32_t queued_len[LOOKUP_GROUP];
    const char *queued_key[LOOKUP_GROUP];
    char keys[LOOKUP_GROUP][KEY_MAX];   /* the folded keys */
} tok_out;

static void flush_lookups(tok_out *o)
{
    word_id ids[LOOKUP_GROUP];
    wordtab_lookup_batch(o->wt, o->queued_key, o->queued_len, ids, o->n_queued);
    for (uint32_t i = 0; i < o->n_queued; i++)
        o->v->items[o->queued_tok[i]].word = ids[i];
    o->n_queued = 0;
}

/* Queue the lookup of the folded s[0..n) for token tk (whose word stays
   WORD_NONE when the key cannot be a dictionary word). */
static void defer_lookup(tok_out *o, token *tk, const unsigned char *s, size_t n, size_t avail,
                         int ascii);

/* key[0..n) = the ASCII word s[0..n) upper-cased; avail bytes from s may be
   read and KEY_MAX bytes of key written.  Whole eight-byte steps when the
   text has the bytes (garbage past key[n) is never read): a word's length
   then costs no branch. */
static inline void fold_ascii_key(char *key, const unsigned char *s, size_t n, size_t avail)
{
    size_t steps = (n + 7) / 8;
    if (steps * 8 <= avail && steps * 8 <= KEY_MAX) {
        for (size_t k = 0; k < steps * 8; k += 8) {
            uint64_t x = swar_load(s + k);
            x -= swar_in_range(x, 'a', 'z') >> 2;
            memcpy(key + k, &x, 8);
        }
    } else {
        swar_ascii_case(key, (const char *)s, n, 1);
    }
}

/* The word s[0..n) folded into key (KEY_MAX bytes); returns the key's
   length, or more than KEY_MAX when the word is longer (the key is then not
   to be used). */
static inline size_t fold_word_key(char *key, const unsigned char *s, size_t n, size_t avail,
                                   int ascii)
{
    if (!ascii)
        return wordtab_fold((const char *)s, n, key, KEY_MAX);
    if (n <= KEY_MAX)
        fold_ascii_key(key, s, n, avail);
    return n;
}

static inline void lookup(tok_out *o, token *tk, const unsigned char *s, size_t n, size_t avail,
                          int ascii)
{
    if (o->deferred) {
        defer_lookup(o, tk, s, n, avail, ascii);
        return;
    }
    if (!o->wt)
        return;
    char *key = o->keys[o->n_queued];
    size_t klen = fold_word_key(key, s, n, avail, ascii);
    if (klen > KEY_MAX)
        return; /* too long to be a dictionary word: WORD_NONE */
    uint32_t q = o->n_queued++;
    o->queued_tok[q] = (uint32_t)(tk - o->v->items);
    o->queued_key[q] = key;
    o->queued_len[q] = (uint32_t)klen;
    if (o->n_queued == LOOKUP_GROUP)
        flush_lookups(o);
}

/* The folded key, as lookup makes it, appended to the deferred queue. */
static void defer_lookup(tok_out *o, token *tk, const unsigned char *s, size_t n, size_t avail,
                         int ascii)
{
    text_word_queue *q = o->deferred;
    if ((q->keys.cap < q->keys.len + KEY_MAX &&
         vec_reserve(&q->keys, q->keys.len + KEY_MAX) != 0) ||
        (q->items.cap < q->items.len + 3 && vec_reserve(&q->items, q->items.len + 3) != 0)) {
        o->oom = 1;
        return;
    }
    char *key = q->keys.items + q->keys.len;
    size_t klen = fold_word_key(key, s, n, avail, ascii);
    if (klen > KEY_MAX)
        return; /* too long to be a dictionary word: WORD_NONE */
    uint32_t *it = q->items.items + q->items.len;
    it[0] = (uint32_t)(tk - o->v->items);
    it[1] = (uint32_t)q->keys.len;
    it[2] = (uint32_t)klen;
    q->items.len += 3;
    q->keys.len += klen;
}

static inline token *push(tok_out *o, size_t start, size_t end, unsigned kind, unsigned flags)
{
    token_vec *v = o->v;
    if (v->len == v->cap && vec_reserve(v, v->len + 1) != 0) {
        o->oom = 1;
        return NULL;
    }
    token *tk = &v->items[v->len++];
    tk->start = (uint32_t)start;
    tk->end = (uint32_t)end;
    tk->word = WORD_NONE;
    tk->flags = (uint16_t)flags;
    tk->kind = (uint8_t)kind;
    tk->reserved = 0;
    return tk;
}

/* 1 when nothing but closing quotes/brackets and blanks follow t[i..end). */
static int only_closers_after(const unsigned char *t, size_t i, size_t end)
{
    while (i < end) {
        unsigned char cls = byte_class[t[i]];
        if (cls == B_SPACE || cls == B_CLOSE || cls == B_QUOTE || cls == B_APOS) {
            i++;
            continue;
        }
        if (cls == B_HIGH) {
            int len, k = kind_at(t, i, end, &len);
            if (k == CP_QUOTE_CLOSE || k == CP_APOS || k == CP_SPACE) {
                i += (size_t)len;
                continue;
            }
        }
        return 0;
    }
    return 1;
}

static int next_nonblank_is_digit(const unsigned char *t, size_t i, size_t end)
{
    while (i < end && byte_class[t[i]] == B_SPACE)
        i++;
    return i < end && byte_class[t[i]] == B_DIGIT;
}

/* Emit the word starting at t[i]; returns the index after it (and after any
   possessive split off it). */
static size_t emit_word(tok_out *o, const unsigned char *t, size_t i,
                        size_t end, unsigned base_flags)
{
    word_scan ws = {.first_case = -1};
    scan_word(t, i, end, &ws);
    size_t we = ws.end;
    unsigned flags = base_flags;
    /* a final period that belongs to the word */
    if (we < end && t[we] == '.' && (ws.upper || ws.lower) &&
        !(we + 1 < end && t[we + 1] == '.')) {
        size_t n = we - i;
        int attach = 0;
        if (ws.inner_period) {
            attach = text_is_dotted_abbrev((const char *)t + i, n);
        } else {
            switch (text_abbrev_class((const char *)t + i, n)) {
            case ABBR_TITLE: case ABBR_MONTH: case ABBR_AMBIG:
                attach = 1;
                break;
            case ABBR_NUMBER:
                attach = next_nonblank_is_digit(t, we + 1, end);
                break;
            case ABBR_NONE:
                if (n == 1 && byte_class[t[i]] == B_UPPER)
                    attach = !only_closers_after(t, we + 1, end);
                break;
            }
        }
        if (attach) {
            we++;
            flags |= TOKF_ABBREV;
        }
    }
    unsigned kind = TOK_WORD;
    if (ws.starts_digit && !ws.hyphen) {
        kind = TOK_NUMBER;
        if (we < end && t[we] == '%')
            we++;
    }
    if (ws.first_case == 1)
        flags |= TOKF_CAPITALIZED;
    if (ws.upper + ws.lower >= 2 && ws.lower == 0)
        flags |= TOKF_ALLCAPS;
    if (ws.hyphen)
        flags |= TOKF_HYPHENATED;
    token *tk = push(o, i, we, kind, flags);
    if (!tk)
        return end;
    lookup(o, tk, t + i, we - i, end - i, !ws.nonascii);

    /* a possessive after the word: 's or a bare ' after -s */
    if (we >= end)
        return we;
    int alen = 0;
    if (t[we] == '\'')
        alen = 1;
    else if (t[we] == 0xE2 && we + 2 < end && t[we + 1] == 0x80 && t[we + 2] == 0x99)
        alen = 3;
    else if (t[we] == 0xCA && we + 1 < end && t[we + 1] == 0xBC)
        alen = 2;
    if (!alen)
        return we;
    size_t nx = we + (size_t)alen;
    int boundary_at_nx = nx >= end || !(is_alnum_class(byte_class[t[nx]]) ||
                                        byte_class[t[nx]] == B_HIGH);
    size_t pe = 0;
    if (nx < end && (t[nx] | 0x20) == 's' &&
        (nx + 1 >= end || !(is_alnum_class(byte_class[t[nx + 1]]) || byte_class[t[nx + 1]] == B_HIGH)))
        pe = nx + 1;
    else if (boundary_at_nx && ws.last_is_s && !(flags & TOKF_ABBREV)) {
        /* "allies' ships", unless a single quote is open: 'the bosses' is a
           quotation */
        if (!o->single_open)
            pe = nx;
    }
    if (!pe)
        return we;
    tk = push(o, we, pe, TOK_WORD, (base_flags & TOKF_IN_TITLE) | TOKF_POSSESSIVE);
    if (!tk)
        return end;
    lookup(o, tk, t + we, pe - we, end - we, alen == 1);
    return pe;
}

/* A single quote standing alone: it opens a quotation when a word follows it
   directly and none precedes it ("said 'the"), else it closes one. */
static void note_single_quote(tok_out *o, const unsigned char *t, size_t i, size_t e, size_t end)
{
    int word_after = e < end && (is_alnum_class(byte_class[t[e]]) || byte_class[t[e]] == B_HIGH);
    int word_before = i > 0 && (is_alnum_class(byte_class[t[i - 1]]) || byte_class[t[i - 1]] == B_HIGH);
    if (word_after && !word_before)
        o->single_open = 1;
    else if (word_before)
        o->single_open = 0;
}

/* Emit the punctuation or symbol token at t[i]; returns the index after it. */
static size_t emit_punct(tok_out *o, const unsigned char *t, size_t i,
                         size_t end, unsigned base_flags)
{
    unsigned char c = t[i];
    unsigned char cls = byte_class[c];
    size_t e = i + 1;
    unsigned kind = TOK_PUNCT, flags = base_flags;
    int ascii = 1;
    switch (cls) {
    case B_PERIOD:
        while (e < end && t[e] == '.')
            e++;
        break;
    case B_HYPHEN:
        while (e < end && t[e] == '-')
            e++;
        flags |= TOKF_DASH;
        break;
    case B_COMMA:
        flags |= TOKF_COMMA;
        break;
    case B_CLAUSE:
        flags |= TOKF_CLAUSE_END;
        break;
    case B_OPEN:
        flags |= TOKF_PAREN_OPEN;
        break;
    case B_CLOSE:
        flags |= TOKF_PAREN_CLOSE;
        break;
    case B_QUOTE: case B_APOS:
        flags |= TOKF_QUOTE;
        if (c == '\'')
            note_single_quote(o, t, i, e, end);
        break;
    case B_SYMBOL:
        kind = TOK_SYMBOL;
        break;
    case B_HIGH: {
        int len;
        int k = kind_at(t, i, end, &len);
        e = i + (size_t)len;
        ascii = 0;
        switch (k) {
        case CP_APOS: case CP_QUOTE_OPEN: case CP_QUOTE_CLOSE:
            flags |= TOKF_QUOTE;
            if (k == CP_APOS || (t[i] == 0xE2 && t[i + 2] == 0x98)) /* ’ or ‘ */
                note_single_quote(o, t, i, e, end);
            break;
        case CP_DASH: case CP_HYPHEN:
            flags |= TOKF_DASH;
            while (e < end) { /* a run of dashes is one token */
                int l2, k2 = kind_at(t, e, end, &l2);
                if (k2 != CP_DASH && k2 != CP_HYPHEN)
                    break;
                e += (size_t)l2;
            }
            break;
        case CP_ELLIPSIS: case CP_PUNCT:
            break;
        default:
            kind = TOK_SYMBOL;
            /* keep combining marks, variation selectors and joiners with it */
            while (e < end && byte_class[t[e]] == B_HIGH) {
                int l2, k2 = kind_at(t, e, end, &l2);
                int32_t cp;
                text_utf8_decode(t + e, end - e, &cp);
                if (k2 != CP_MARK && cp != 0x200D && !(cp >= 0xFE00 && cp <= 0xFE0F))
                    break;
                e += (size_t)l2;
            }
            break;
        }
        break;
    }
    default:
        break;
    }
    token *tk = push(o, i, e, kind, flags);
    if (!tk)
        return end;
    lookup(o, tk, t + i, e - i, end - i, ascii);
    return e;
}

/* Mark the . ! ? (or the abbreviation whose period it is) that ends the
   sentence, looking back over closing quotes and brackets. */
static void mark_sentence_end(token_vec *v, size_t first, const unsigned char *t)
{
    size_t k = v->len;
    while (k > first && (v->items[k - 1].flags & (TOKF_QUOTE | TOKF_PAREN_CLOSE)))
        k--;
    while (k > first) {
        token *tk = &v->items[k - 1];
        unsigned char c = t[tk->start];
        if (tk->kind == TOK_PUNCT && (c == '.' || c == '!' || c == '?' ||
                                      (c == 0xE2 && t[tk->start + 2] == 0xA6))) {
            tk->flags |= TOKF_SENT_END;
            k--;
            continue;
        }
        if ((tk->flags & TOKF_ABBREV) && t[tk->end - 1] == '.')
            tk->flags |= TOKF_SENT_END;
        break;
    }
}

static long tokenize(const wordtab *wt, text_word_queue *deferred, const char *text,
                     const sentence *s, token_vec *out);

long text_tokenize(const wordtab *wt, const char *text, const sentence *s, token_vec *out)
{
    return tokenize(wt, NULL, text, s, out);
}

long text_tokenize_deferred(const char *text, const sentence *s, token_vec *out,
                            text_word_queue *q)
{
    return tokenize(NULL, q, text, s, out);
}

void text_tokenize_resolve(const wordtab *wt, token_vec *out, text_word_queue *q)
{
    enum { N = 256 };
    const char *keys[N];
    uint32_t lens[N];
    word_id ids[N];
    size_t n = q->items.len / 3;
    for (size_t b = 0; wt && b < n; b += N) {
        size_t m = n - b < N ? n - b : N;
        for (size_t i = 0; i < m; i++) {
            const uint32_t *it = q->items.items + 3 * (b + i);
            keys[i] = q->keys.items + it[1];
            lens[i] = it[2];
        }
        wordtab_lookup_batch(wt, keys, lens, ids, m);
        for (size_t i = 0; i < m; i++)
            out->items[q->items.items[3 * (b + i)]].word = ids[i];
    }
    vec_clear(&q->keys);
    vec_clear(&q->items);
}

static long tokenize(const wordtab *wt, text_word_queue *deferred, const char *text,
                     const sentence *s, token_vec *out)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = s->start, end = s->end;
    size_t first = out->len;
    tok_out o;
    o.v = out;
    o.oom = 0;
    o.single_open = 0;
    o.wt = wt;
    o.deferred = deferred;
    o.n_queued = 0;
    unsigned base = s->in_title ? TOKF_IN_TITLE : 0;
    /* a sentence of n bytes has at most n tokens: one reservation per sentence
       for the common sizes keeps the push branch cold */
    if (end - i < 4096 && vec_reserve(out, out->len + (end - i)) != 0)
        return -1;
    while (i < end && !o.oom) {
        unsigned char cls = byte_class[t[i]];
        if (cls == B_SPACE) {
            i++;
            continue;
        }
        if (is_alnum_class(cls)) {
            i = emit_word(&o, t, i, end, base);
            continue;
        }
        if (cls == B_HIGH) {
            int len, k = kind_at(t, i, end, &len);
            if (k == CP_SPACE) {
                i += (size_t)len;
                continue;
            }
            if (k <= CP_DIGIT) {
                i = emit_word(&o, t, i, end, base);
                continue;
            }
        }
        i = emit_punct(&o, t, i, end, base);
    }
    if (o.n_queued)
        flush_lookups(&o);
    if (o.oom)
        return -1;
    if (out->len > first) {
        out->items[first].flags |= TOKF_SENT_START;
        mark_sentence_end(out, first, t);
    }
    return (long)(out->len - first);
}

size_t text_token_key(const char *text, const token *t, char *buf, size_t cap)
{
    return wordtab_fold(text + t->start, t->end - t->start, buf, cap);
}
