/*
** sentences.c: document text -> sentence spans (text_split_sentences).
**
** The text is read as paragraphs (blocks of lines between blank lines), and
** each paragraph is scanned once for the bytes that can end a sentence:
** . ! ? the ellipsis, and newlines.  Everything else is skipped through a
** byte table, so the splitter costs little more than a memchr.
**
** A period ends a sentence when it is followed by white space and then:
**   - for an ordinary word ("talks."): anything but a lower-case letter;
**   - for an abbreviation that qualifies what follows (Mr. Gen. Sen. St. vs.):
**     never;
**   - for a month (Jan. Sept.): anything but a number or a lower-case word;
**   - for "No.": anything but a number (then it is an ordinary word);
**   - for an abbreviation that may close a sentence (Corp. Jr. etc. Calif.),
**     a dotted abbreviation (U.S. U.N. a.m.) or an initial (J.): only a word
**     that commonly starts a sentence (The, He, But, In, ...), or an opening
**     quote before a capital.  So "U.S. officials said" and "U.S. President
**     Bush" stay whole, while "fled to the U.S. The next day" splits.  The
**     price: "based in Washington, D.C. Officials said" is not split; a wrong
**     join costs less than a wrong split, which would cut an actor from its
**     verb.
** ! and ? end a sentence unless a lower-case word follows ('"Why?" he asked').
** An ellipsis ends one before a capitalised word.  Closing quotes and brackets
** after the punctuation stay with the sentence.  A period inside a token
** (3.5, huanqiu.com, U.S.A) is never a boundary: white space must follow.
**
** Newlines.  A blank line always ends a sentence (and a paragraph).  A single
** newline ends one (and starts a new paragraph) when the next line is indented
** or starts with a bullet; when every line of the block is short (a list of
** headings or metadata lines); when the line before ends with sentence
** punctuation and is not a full-width line of hard-wrapped text; or when the
** line before is clearly shorter than the block's widest line (a heading or a
** paragraph's last line) and the next line does not start in lower case.
** Otherwise the newline is a line wrap inside a sentence.
**
** Nothing else ends a sentence: in particular length never does.
*/
#include <string.h>

#include "text/text.h"
#include "text/textint.h"
#include "util/swar.h"

/* Bytes the block scanner must look at. */
enum { SB_NONE = 0, SB_NEWLINE, SB_TERMINAL, SB_E2 };

static const unsigned char scan_class[256] = {
    ['\n'] = SB_NEWLINE, ['.'] = SB_TERMINAL, ['!'] = SB_TERMINAL, ['?'] = SB_TERMINAL,
    [0xE2] = SB_E2,
};

typedef struct splitter {
    const char *t;
    sentence_vec *out;
    uint32_t paragraph;
    uint8_t in_title;
    long count;
    long para_first;    /* count when the current paragraph began */
    int oom;
} splitter;

/* Close the current paragraph if it produced any sentence. */
static void end_paragraph(splitter *sp)
{
    if (sp->count > sp->para_first) {
        sp->paragraph++;
        sp->para_first = sp->count;
    }
}

static inline int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline int is_lower_ascii(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static inline int is_upper_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static void emit(splitter *sp, size_t a, size_t b)
{
    const unsigned char *t = (const unsigned char *)sp->t;
    while (a < b && is_blank(t[a]))
        a++;
    while (b > a && is_blank(t[b - 1]))
        b--;
    if (a == b)
        return;
    /* a stray "..." or ")" after a sentence belongs to it, not to a new one */
    int words = 0;
    for (size_t k = a; k < b && !words; k++)
        words = t[k] >= 0x80 || (t[k] >= '0' && t[k] <= '9') || ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z');
    if (!words && sp->count > sp->para_first) {
        vec_last(sp->out)->end = (uint32_t)b;
        return;
    }
    sentence s = {(uint32_t)a, (uint32_t)b, sp->paragraph, sp->in_title};
    if (vec_push(sp->out, s) != 0) {
        sp->oom = 1;
        return;
    }
    sp->count++;
}

/* Length of a closing quote or bracket at t[i..end), or 0. */
static size_t closer_len(const unsigned char *t, size_t i, size_t end)
{
    unsigned char c = t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
        return 1;
    if (c == 0xE2 && i + 2 < end && t[i + 1] == 0x80 &&
        (t[i + 2] == 0x9D || t[i + 2] == 0x99 || t[i + 2] == 0xBA))
        return 3; /* ” ’ › */
    if (c == 0xC2 && i + 1 < end && t[i + 1] == 0xBB)
        return 2; /* » */
    return 0;
}

/* Length of an opening quote or bracket at t[i..end), or 0. */
static size_t opener_len(const unsigned char *t, size_t i, size_t end)
{
    unsigned char c = t[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '`')
        return 1;
    if (c == 0xE2 && i + 2 < end && t[i + 1] == 0x80 &&
        (t[i + 2] == 0x9C || t[i + 2] == 0x98 || t[i + 2] == 0xB9))
        return 3; /* “ ‘ ‹ */
    if (c == 0xC2 && i + 1 < end && t[i + 1] == 0xAB)
        return 2; /* « */
    return 0;
}

static inline int is_ellipsis(const unsigned char *t, size_t i, size_t end)
{
    return t[i] == 0xE2 && i + 2 < end && t[i + 1] == 0x80 && t[i + 2] == 0xA6;
}

/* What follows a candidate boundary: the first word after white space and
   opening quotes/brackets. */
typedef struct next_word {
    int at_end;         /* nothing follows in the block */
    int lower, upper, digit;
    int quoted;         /* an opening quote came first */
    const char *w;      /* ASCII letters of the word */
    size_t wlen;
} next_word;

static next_word look_ahead(const unsigned char *t, size_t k, size_t end)
{
    next_word nw = {0};
    while (k < end && is_blank(t[k]))
        k++;
    size_t o;
    while (k < end && (o = opener_len(t, k, end)) != 0) {
        if (t[k] != '(' && t[k] != '[' && t[k] != '{')
            nw.quoted = 1; /* a quote, not a bracket: "Corp. (DELL.O)" goes on */
        k += o;
    }
    if (k >= end) {
        nw.at_end = 1;
        return nw;
    }
    unsigned char c = t[k];
    if (c < 0x80) {
        nw.lower = is_lower_ascii(c);
        nw.upper = is_upper_ascii(c);
        nw.digit = is_digit(c);
    } else {
        int32_t cp;
        text_utf8_decode(t + k, end - k, &cp);
        /* non-ASCII letters: a cheap case test covering Latin, Greek, Cyrillic */
        if ((cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x3B1 && cp <= 0x3C9) ||
            (cp >= 0x430 && cp <= 0x44F))
            nw.lower = 1;
        else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9) ||
                 (cp >= 0x410 && cp <= 0x42F))
            nw.upper = 1;
    }
    size_t e = k;
    while (e < end && e - k < 16 && (is_upper_ascii(t[e]) || is_lower_ascii(t[e])))
        e++;
    nw.w = (const char *)t + k;
    nw.wlen = e - k;
    return nw;
}

/* Does the single period at t[i] end a sentence, given what follows? */
static int period_ends_sentence(const unsigned char *t, size_t sent, size_t i, const next_word *nw)
{
    if (nw->at_end)
        return 1;
    size_t ws = i;
    while (ws > sent && i - ws < 64 && !is_blank(t[ws - 1]))
        ws--;
    size_t o;
    while (ws < i && (o = opener_len(t, ws, i)) != 0)
        ws += o;
    /* "Olympics-U.S.": the abbreviation is what follows the last hyphen or slash */
    for (size_t k = i; k > ws; k--)
        if (t[k - 1] == '-' || t[k - 1] == '/') {
            ws = k;
            break;
        }
    const char *w = (const char *)t + ws;
    size_t n = i - ws;
    int ambiguous = 0;
    switch (n ? text_abbrev_class(w, n) : ABBR_NONE) {
    case ABBR_TITLE:
        return 0;
    case ABBR_MONTH:
        if (nw->digit || nw->lower)
            return 0;
        ambiguous = 1;
        break;
    case ABBR_NUMBER:
        if (nw->digit)
            return 0;
        break;
    case ABBR_AMBIG:
        ambiguous = 1;
        break;
    case ABBR_NONE:
        if ((n == 1 && is_upper_ascii((unsigned char)w[0])) || text_is_dotted_abbrev(w, n))
            ambiguous = 1;
        break;
    }
    if (ambiguous)
        return text_is_sentence_starter(nw->w, nw->wlen) || (nw->quoted && nw->upper);
    return !nw->lower;
}

/* A run of sentence punctuation starts at t[i].  Sets *next to where scanning
   resumes and returns the end of the sentence (after closers), or 0 when the
   run does not end one. */
static size_t terminal_run(const unsigned char *t, size_t sent, size_t i, size_t end, size_t *next)
{
    size_t j = i;
    int periods = 0, marks = 0, ellipses = 0;
    for (;;) {
        if (j < end && t[j] == '.') {
            periods++;
            j++;
        } else if (j < end && (t[j] == '!' || t[j] == '?')) {
            marks++;
            j++;
        } else if (j < end && is_ellipsis(t, j, end)) {
            ellipses++;
            j += 3;
        } else {
            break;
        }
    }
    *next = j;
    size_t k = j, c;
    while (k < end && (c = closer_len(t, k, end)) != 0)
        k += c;
    if (k < end && !is_blank(t[k]))
        return 0; /* 3.5, U.S.A, huanqiu.com, "Why?", */
    next_word nw = look_ahead(t, k, end);
    int ends;
    if (marks)
        ends = !nw.lower || nw.at_end;
    else if (ellipses || periods == 2 || periods == 3)
        ends = nw.at_end || nw.upper;
    else if (periods >= 4)
        ends = nw.at_end || !nw.lower;
    else
        ends = period_ends_sentence(t, sent, i, &nw);
    if (!ends)
        return 0;
    *next = k;
    return k;
}

/* Trimmed extent of the line [ls, le). */
static void trim_line(const unsigned char *t, size_t *ls, size_t *le)
{
    while (*ls < *le && is_blank(t[*ls]))
        (*ls)++;
    while (*le > *ls && is_blank(t[*le - 1]))
        (*le)--;
}

static int starts_with_bullet(const unsigned char *t, size_t i, size_t end)
{
    if (i + 1 < end && (t[i] == '-' || t[i] == '*' || t[i] == '+') && t[i + 1] == ' ')
        return 1;
    if (i + 3 < end && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0xA2)
        return 1; /* • */
    size_t k = i;
    while (k < end && k - i < 3 && is_digit(t[k]))
        k++;
    return k > i && k + 1 < end && (t[k] == '.' || t[k] == ')') && t[k + 1] == ' ';
}

/* Does the newline at t[nl] (inside a block whose widest trimmed line is
   maxlen bytes) end a sentence? prev_ls is where the line before starts. */
static int newline_breaks(const unsigned char *t, size_t prev_ls, size_t nl, size_t end,
                          size_t maxlen)
{
    size_t ns = nl + 1;
    if (ns >= end)
        return 0;
    if (t[ns] == ' ' || t[ns] == '\t')
        return 1; /* indented: a new paragraph */
    if (starts_with_bullet(t, ns, end))
        return 1;
    if (maxlen <= 40)
        return 1;
    size_t ps = prev_ls, pe = nl;
    trim_line(t, &ps, &pe);
    size_t plen = pe - ps;
    if (plen == 0)
        return 0;
    size_t q = pe, c;
    /* strip closers backwards: find the byte before trailing quotes/brackets */
    for (int guard = 0; guard < 4 && q > ps; guard++) {
        size_t back = q - 1;
        while (back > ps && (t[back] & 0xC0) == 0x80)
            back--;
        c = closer_len(t, back, q);
        if (c == 0 || back + c != q)
            break;
        q = back;
    }
    unsigned char last = q > ps ? t[q - 1] : 0;
    int terminal = last == '.' || last == '!' || last == '?' ||
                   (q >= ps + 3 && is_ellipsis(t, q - 3, q));
    if (terminal && (maxlen > 100 || plen * 5 < maxlen * 4))
        return 1;
    if (plen * 5 < maxlen * 3 && !is_lower_ascii(t[ns]) && last != ',' && last != ';' &&
        last != '-')
        return 1;
    return 0;
}

/* Split one block of non-blank lines [bs, be). */
static void split_block(splitter *sp, size_t bs, size_t be, size_t maxlen)
{
    const unsigned char *t = (const unsigned char *)sp->t;
    size_t sent = bs, line_start = bs;
    size_t i = bs;
    while (i < be && !sp->oom) {
        unsigned char cls = scan_class[t[i]];
        if (cls == SB_NONE) {
            /* on to the next byte of scan_class, eight bytes at a time */
            for (i++; i + 8 <= be; i += 8) {
                uint64_t x = swar_load(t + i);
                uint64_t stop = swar_equal(x, '\n') | swar_equal(x, '.') | swar_equal(x, '!') |
                                swar_equal(x, '?') | swar_equal(x, 0xE2);
                if (stop) {
                    i += swar_first(stop);
                    break;
                }
            }
            continue;
        }
        if (cls == SB_NEWLINE) {
            if (newline_breaks(t, line_start, i, be, maxlen)) {
                emit(sp, sent, i);
                end_paragraph(sp);
                sent = i + 1;
            }
            line_start = i + 1;
            i++;
            continue;
        }
        if (cls == SB_E2 && !is_ellipsis(t, i, be)) {
            i++;
            continue;
        }
        size_t next;
        size_t stop = terminal_run(t, sent, i, be, &next);
        if (stop) {
            emit(sp, sent, stop);
            sent = stop;
        }
        i = next;
    }
    emit(sp, sent, be);
}

/* Split [start, end) into blocks separated by blank lines. */
static void split_region(splitter *sp, size_t start, size_t end)
{
    const unsigned char *t = (const unsigned char *)sp->t;
    size_t i = start;
    while (i < end && !sp->oom) {
        /* skip blank lines */
        size_t bs = (size_t)-1, be = i, maxlen = 0;
        size_t ls = i;
        while (ls < end) {
            const unsigned char *nlp = memchr(t + ls, '\n', end - ls);
            size_t le = nlp ? (size_t)(nlp - t) : end;
            size_t a = ls, b = le;
            trim_line(t, &a, &b);
            if (a == b) { /* blank line */
                if (bs != (size_t)-1)
                    break;
            } else {
                if (bs == (size_t)-1)
                    bs = ls;
                if (b - a > maxlen)
                    maxlen = b - a;
                be = le;
            }
            ls = le + 1;
        }
        if (bs == (size_t)-1)
            return;
        split_block(sp, bs, be, maxlen);
        end_paragraph(sp);
        i = be + 1;
    }
}

long text_split_sentences(const char *text, size_t len, size_t title_len, sentence_vec *out)
{
    if (len > UINT32_MAX)
        len = UINT32_MAX; /* spans are 32-bit; documents are far smaller */
    if (title_len > len)
        title_len = len;
    splitter sp = {.t = text, .out = out};
    if (title_len) {
        sp.in_title = 1;
        split_region(&sp, 0, title_len);
        for (size_t k = out->len - (size_t)sp.count; k < out->len; k++)
            out->items[k].paragraph = 0; /* the title is one paragraph */
        sp.in_title = 0;
        sp.paragraph = sp.count > 0 ? 1 : 0;
        sp.para_first = sp.count;
    }
    split_region(&sp, title_len, len);
    return sp.oom ? -1 : sp.count;
}
