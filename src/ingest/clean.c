/*
** clean.c: one article's raw text -> codable text plus metadata
** (ingest_clean_article).
**
** Scraped news is the story wrapped in furniture: a byline, a publication
** line, "Region:" tags, share/follow/subscribe appeals, copyright, disclaimers,
** "originally published on ..." notes.  A coder that reads the furniture finds
** actors in it ("Follow us on Telegram", "The Centre for Research on
** Globalization will not be responsible") and misses nothing by skipping it.
** The cleaner works on paragraphs and uses general rules, not site rules:
**
**  1. normalise (text_normalize), strip markup (markup.c: tags, entities,
**     **bold**), re-normalise if entities produced non-ASCII;
**  2. cut the text into paragraphs: blank lines always separate; a single
**     newline separates when the lines are not a hard-wrapped paragraph (long
**     one-paragraph-per-line text, a short line, a line ending a sentence well
**     before the block's width, an indented or bulleted line); wrapped lines
**     are joined with a blank ("self-\npropelled" is joined without one);
**  3. the head (paragraphs before the first story paragraph): the title (when
**     none was given: a short first line without a final period, followed by
**     a blank line or written in headline case), a byline ("By Kim Hoon" ->
**     author), publication lines (an outlet name and a date -> outlet and
**     published; a second such line names the original publication), tag lines
**     ("Region: Asia"), and boilerplate;
**  4. the body: boilerplate paragraphs (below) and syndication notes
**     ("Originally published on X", "The original source of this article is
**     X", "This article was first published by X" -> original_source) are
**     dropped; weak boilerplate only in the tail run of such paragraphs;
**  5. the first body paragraph loses its dateline ("KABUL, Afghanistan (AP) -",
**     "BAGHDAD (Reuters) -", "LIMA:", "WASHINGTON --", "AP -") -> place, outlet;
**  6. a title ending in an outlet in parentheses ("... (AP)") loses it -> outlet.
** Metadata already set on the document (from JSONL fields) is never
** overwritten.  The text is title, "\n\n", then the paragraphs with "\n\n"
** between them.
**
** Boilerplate is recognised by paragraph shape and vocabulary, not by site:
**   strong  starts with a boilerplate label ("Note to readers", "Disclaimer",
**           "Featured image", "Articles by:", "(The author is", "Copyright",
**           "Follow us", "Become a member", ...) and is not too long for one;
**           or uses two or more boilerplate vocabulary families (social
**           networks, subscribe/newsletter, share/repost, click/button, legal
**           terms, copyright, donate/member, contact/links, read-more
**           navigation, image credits, author notes, syndication) while
**           addressing the reader (imperative, "us", "our", "you", "please",
**           "click"); or is a bare link/e-mail line;
**   weak    one family in a short paragraph (dropped in the head when it is
**           reader-facing or has no sentence end, and in the tail run).
** Story paragraphs are written about third parties and end in sentence
** punctuation, which keeps "Facebook shares rose" and "privacy policy" news
** safe: a lone story paragraph is never dropped on vocabulary alone.
*/
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "ingest/clean.h"
#include "ingest/ingestint.h"
#include "text/text.h"
#include "util/civil_date.h"
#include "util/swar.h"
#include "util/vec.h"

typedef struct para {
    size_t off, len;        /* in cleaner.pbuf */
    size_t words;           /* count_words of the paragraph as built */
    int blank_after;        /* a blank line (not just a newline) follows it */
    int removed;
    int bp;                 /* its boilerplate_class, once asked (-1 before) */
} para;

typedef VEC(para) para_vec;

/* Buffers that one article's cleaning leaves to the next (one set per
   thread, in its ingest_parser): a worker's articles then cost no allocation
   for cleaning beyond the document's own text. */
struct clean_scratch {
    strbuf norm, bare;      /* normalised, then markup-free text (title, then body) */
    strbuf out;             /* the assembled text, before document_set_text copies it */
    strbuf pbuf, title, title_outlet, lower;    /* lent to the cleaner */
    para_vec paras;
};

typedef struct cleaner {
    document *doc;
    const char *name;
    diag_sink *diags;
    clean_scratch *cs;
    strbuf pbuf;            /* paragraph texts, back to back */
    para_vec paras;
    strbuf title;
    strbuf title_outlet;    /* "AP" from a title ending in "(AP)" */
    strbuf lower;           /* scratch: a lower-cased paragraph */
    const char *lower_of;   /* ... of these bytes (lowered() is asked twice per paragraph) */
    size_t lower_n;
    uint64_t lower_pairs[64];/* its byte pairs (see low_has) */
    int header_dates;       /* publication lines seen */
} cleaner;

/* ---- small text helpers ------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_alpha(char c)
{
    return is_upper(c) || is_lower(c);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *ptext(const cleaner *c, const para *p)
{
    return c->pbuf.data + p->off;
}

/* 1 for the bytes is_space() accepts, for count_words' branch-free loop. */
static const unsigned char space_byte[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    unsigned prev_space = 1;
    for (; i + 8 <= n; i += 8) { /* eight bytes at a time: blanks, then starts */
        uint64_t x = swar_load(s + i);
        uint64_t sp = swar_equal_exact(x, ' ') | swar_equal_exact(x, '\t') |
                      swar_equal_exact(x, '\n') | swar_equal_exact(x, '\r');
        uint64_t before = (sp << 8) | ((uint64_t)prev_space << 7); /* the byte before is blank */
        w += swar_count(~sp & before & SWAR_HIGH);
        prev_space = (unsigned)(sp >> 63);
    }
    for (; i < n; i++) {
        unsigned sp = space_byte[(unsigned char)s[i]];
        w += prev_space & !sp; /* a word starts where a blank stops */
        prev_space = sp;
    }
    return w;
}

static int starts_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && strncasecmp(s, lit, k) == 0;
}

/* Does s[0..n) contain lit? */
static int contains_n(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, lit, k) == 0)
            return 1;
    return 0;
}

static int eq_ci(const char *a, size_t an, const char *b)
{
    return b && strlen(b) == an && strncasecmp(a, b, an) == 0;
}

/* The last character before trailing closing quotes and brackets. */
static char last_significant(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (unsigned char)s[n - 1] == 0xA6)
            return '.'; /* an ellipsis */
        return (char)c;
    }
    return 0;
}

static int ends_sentence(const char *s, size_t n)
{
    char c = last_significant(s, n);
    return c == '.' || c == '!' || c == '?';
}

/* Set a metadata field when still empty. */
static void set_meta(cleaner *c, const char **field, const char *s, size_t n)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && (is_space(s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '.' || s[n - 1] == ':' ||
                 s[n - 1] == '|' || s[n - 1] == '-')) {
        if (s[n - 1] == '.') { /* keep the period of "Calif." or "D.C." */
            size_t w = n - 1;
            while (w > 0 && s[w - 1] != ' ')
                w--;
            if (n - 1 - w <= 5 && is_upper(s[w]))
                break;
        }
        n--;
    }
    if (n == 0 || (*field && **field))
        return;
    *field = document_strndup(c->doc, s, n);
}

static void note_removed(cleaner *c, const char *why, const char *s, size_t n)
{
    diag_report(c->diags, DIAG_NOTE, c->name, 0, -1, "removed %s: \"%.*s%s\"", why,
                (int)(n > 48 ? 48 : n), s, n > 48 ? "..." : "");
}

/* ---- paragraphs -------------------------------------------------------- */

static int add_para(cleaner *c, size_t off)
{
    para p = {off, c->pbuf.len - off, 0, 0, 0, -1};
    /* trim, and drop a stray trailing Markdown asterisk ("... Asia-Pacific. *") */
    while (p.len && c->pbuf.data[p.off + p.len - 1] == ' ')
        p.len--;
    if (p.len >= 2 && c->pbuf.data[p.off + p.len - 1] == '*' &&
        c->pbuf.data[p.off + p.len - 2] == ' ') {
        p.len -= 2;
        while (p.len && c->pbuf.data[p.off + p.len - 1] == ' ')
            p.len--;
    } else if (p.len == 1 && c->pbuf.data[p.off] == '*') {
        p.len = 0;
    }
    c->pbuf.len = p.off + p.len;
    if (p.len == 0)
        return 0;
    p.words = count_words(c->pbuf.data + p.off, p.len);
    if (strbuf_putc(&c->pbuf, '\0') != 0 || vec_push(&c->paras, p) != 0)
        return -1;
    return 0;
}

/* Does s[0..n) hold a tab or two blanks in a row?  Eight bytes at a time
   (two blank bytes side by side in a word are side by side in memory, in
   either byte order): most lines hold neither and are copied as they are. */
static int needs_squeeze(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t blank = swar_equal_exact(w, ' ');
        if ((blank & (blank >> 8)) || swar_equal_exact(w, '\t'))
            return 1;
        if (s[i + 7] == ' ' && i + 8 < n && s[i + 8] == ' ')
            return 1; /* a pair across two words */
    }
    for (; i < n; i++)
        if (s[i] == '\t' || (s[i] == ' ' && i + 1 < n && s[i + 1] == ' '))
            return 1;
    return 0;
}

/* Append line s[0..n) to the paragraph being built, squeezing blanks. */
static int append_squeezed(cleaner *c, size_t para_off, const char *s, size_t n)
{
    if (strbuf_reserve(&c->pbuf, n + 1) != 0)
        return -1;
    char *o = c->pbuf.data;
    size_t len = c->pbuf.len;
    if (n && s[0] != ' ' && !needs_squeeze(s, n)) {
        memcpy(o + len, s, n); /* nothing to squeeze: the usual line */
        c->pbuf.len = len + n;
        o[len + n] = '\0';
        return 0;
    }
    size_t i = 0;
    while (i < n) {
        if (s[i] != ' ' && s[i] != '\t') { /* a run without blanks is copied whole */
            size_t j = i + 1;
            while (j < n && s[j] != ' ' && s[j] != '\t')
                j++;
            memcpy(o + len, s + i, j - i);
            len += j - i;
            i = j;
            continue;
        }
        if (!(len == para_off || o[len - 1] == ' '))
            o[len++] = ' ';
        i++;
    }
    o[len] = '\0';
    c->pbuf.len = len;
    return 0;
}

typedef struct line {
    size_t start, end;      /* raw extent */
    size_t ts, te;          /* trimmed */
} line;

static int starts_with_bullet(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xA2)
        return 1;
    return 0;
}

/* Does the newline between lines a and b (of a block whose widest line is
   maxlen) separate paragraphs? */
static int breaks_paragraph(const char *t, const line *a, const line *b, size_t maxlen)
{
    size_t alen = a->te - a->ts;
    if (maxlen > 100 || maxlen <= 40)
        return 1; /* one paragraph per line, or a list of short lines */
    if (b->ts > b->start || starts_with_bullet(t + b->ts, b->te - b->ts))
        return 1;
    if (ends_sentence(t + a->ts, alen) && alen * 5 < maxlen * 4)
        return 1;
    if (alen * 5 < maxlen * 3 && !is_lower(t[b->ts]))
        return 1;
    return 0;
}

static int build_paragraphs(cleaner *c, const char *t, size_t n)
{
    VEC(line) lines = {0};
    size_t i = 0;
    int rc = 0;
    while (i <= n && rc == 0) {
        const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
        size_t e = nl ? (size_t)(nl - t) : n;
        line ln = {i, e, i, e};
        while (ln.ts < ln.te && is_space(t[ln.ts]))
            ln.ts++;
        while (ln.te > ln.ts && is_space(t[ln.te - 1]))
            ln.te--;
        if (ln.ts < ln.te) {
            if (vec_push(&lines, ln) != 0)
                rc = -1;
        }
        if (ln.ts == ln.te || !nl) { /* blank line or end: close the block */
            size_t maxlen = 0;
            for (size_t k = 0; k < lines.len; k++)
                if (lines.items[k].te - lines.items[k].ts > maxlen)
                    maxlen = lines.items[k].te - lines.items[k].ts;
            size_t off = c->pbuf.len;
            for (size_t k = 0; k < lines.len && rc == 0; k++) {
                line *l = &lines.items[k];
                if (k > 0) {
                    line *prev = &lines.items[k - 1];
                    if (breaks_paragraph(t, prev, l, maxlen)) {
                        if (add_para(c, off) != 0)
                            rc = -1;
                        off = c->pbuf.len;
                    } else if (c->pbuf.len > off) {
                        char last = c->pbuf.data[c->pbuf.len - 1];
                        char before = c->pbuf.len - off >= 2 ? c->pbuf.data[c->pbuf.len - 2] : 0;
                        if (!(last == '-' && is_alpha(before) && is_lower(t[l->ts])))
                            strbuf_putc(&c->pbuf, ' ');
                    }
                }
                if (append_squeezed(c, off, t + l->ts, l->te - l->ts) != 0)
                    rc = -1;
            }
            if (lines.len && rc == 0) {
                size_t before = c->paras.len;
                if (add_para(c, off) != 0)
                    rc = -1;
                if (c->paras.len > before)
                    vec_last(&c->paras)->blank_after = nl != NULL;
            }
            vec_clear(&lines);
        }
        if (!nl)
            break;
        i = e + 1;
    }
    vec_free(&lines);
    return rc;
}

/* ---- boilerplate ------------------------------------------------------- */

/* BP_LABEL: a boilerplate label or a bare link, which may remove even a lone
   paragraph; BP_STRONG/BP_WEAK come from vocabulary and never do. */
typedef enum { BP_NONE = 0, BP_WEAK, BP_STRONG, BP_LABEL } bp_class;

typedef struct label {
    const char *text;       /* lower case, matched at the paragraph's start */
    unsigned max_words;     /* longer paragraphs are not taken for it */
} label;

static const label strong_labels[] = {
    {"note to readers", 90}, {"disclaimer", 220}, {"editor's note", 160},
    {"editor\xE2\x80\x99s note", 160}, {"editors' note", 160}, {"editors\xE2\x80\x99 note", 160},
    {"featured image", 30}, {"feature image", 30}, {"photo:", 30}, {"photo credit", 30},
    {"photo by", 20}, {"photos:", 30}, {"image:", 30}, {"image credit", 30}, {"(photo", 30},
    {"copyright", 40}, {"\xC2\xA9", 40}, {"(c) ", 30}, {"all rights reserved", 40},
    {"articles by:", 15}, {"region:", 12}, {"theme:", 12}, {"tags:", 40}, {"topics:", 40},
    {"categories:", 40}, {"category:", 12}, {"filed under", 30}, {"read more", 30},
    {"read also", 30}, {"see also", 30}, {"related:", 40}, {"related articles", 40},
    {"related stories", 40}, {"share this", 30}, {"click here", 40}, {"follow us", 60},
    {"subscribe", 40}, {"sign up", 40}, {"for media inquiries", 30}, {"media inquiries", 30},
    {"press inquiries", 30}, {"become a member", 30}, {"comment on", 20},
    {"(the author is", 80}, {"the author is", 60}, {"about the author", 80},
    {"(the writer is", 80}, {"the writer is", 60}, {"advertisement", 5}, {"support our", 40},
    {"donate", 40}, {"please share", 40}, {"please support", 40}, {"like us on", 30},
    {"join us on", 30}, {"this article was translated", 60}, {"translated by", 20},
    {"(translated", 20}, {"reporting by", 40}, {"additional reporting", 40},
    {"editing by", 30}, {"cross-posted", 40}, {"republished", 40}, {"reprinted", 40},
};

/* Vocabulary families: a paragraph's score is the number of families it uses. */
static const char *const families[][16] = {
    {"facebook", "twitter", "instagram", "telegram", "youtube", "whatsapp", "linkedin",
     "tiktok", "rss feed", NULL},
    {"subscribe", "newsletter", "sign up", "sign-up", "mailing list", NULL},
    {"share this", "share widely", "share button", "repost", "share on", NULL},
    {"click here", "click the", "click on", "button", NULL},
    {"fair use", "permission", "cross-post", "hyperlink", "terms of use", "terms of service",
     "privacy policy", "cookie", "sole responsibility", "do not necessarily reflect",
     "views expressed", "not be responsible", NULL},
    {"copyright", "\xC2\xA9", "all rights reserved", NULL},
    {"donate", "donation", "support us", "become a member", "membership", NULL},
    {"inquiries", "contact us", "email us", "e-mail us", "www.", "http://", "https://", NULL},
    {"read more", "read also", "related articles", "recommended for you", "comment on",
     "comments", NULL},
    {"featured image", "photo credit", "image credit", "getty images", "file photo", NULL},
    {"the author is", "articles by", "translated from", "translated by", "note to readers",
     "editor's note", NULL},
    {"original source", "originally published", "first published", "originally appeared",
     "first appeared", "republished", NULL},
};

static const char *const imperatives[] = {
    "click", "follow", "subscribe", "share", "sign", "join", "like", "become", "support",
    "donate", "read", "watch", "listen", "download", "please", "comment", "visit", "contact",
    "send", "email", "register", "feel", NULL};

/* Bit of a pair of adjacent bytes in cleaner.lower_pairs (4096 bits). */
static inline unsigned pair_hash(unsigned char a, unsigned char b)
{
    return (((unsigned)a << 4) ^ b) & 4095u;
}

/* Lower-case (ASCII) copy of s for searching, with a blank on each side. */
static const char *lowered(cleaner *c, const char *s, size_t n)
{
    if (c->lower_of == s && c->lower_n == n && c->lower.data)
        return c->lower.data; /* paragraph texts do not change once built */
    c->lower_of = s;
    c->lower_n = n;
    strbuf_clear(&c->lower);
    if (strbuf_reserve(&c->lower, n + 2) != 0) {
        c->lower_of = NULL;
        return " ";
    }
    char *o = c->lower.data;
    o[0] = ' ';
    swar_ascii_case(o + 1, s, n, 0);
    o[n + 1] = ' ';
    o[n + 2] = '\0';
    c->lower.len = n + 2;
    memset(c->lower_pairs, 0, sizeof c->lower_pairs);
    size_t m = strlen(o); /* the pairs strstr could see: up to a NUL inside */
    for (size_t i = 0; i + 1 < m; i++) {
        unsigned h = pair_hash((unsigned char)o[i], (unsigned char)o[i + 1]);
        c->lower_pairs[h >> 6] |= 1ull << (h & 63);
    }
    return o;
}

/* strstr(low, phrase) != NULL, for low as lowered() last returned it (or a
   suffix of it).  Each paragraph is searched for some seventy vocabulary
   phrases; a phrase holding a pair of adjacent bytes that the paragraph lacks
   cannot occur in it, so most searches end after a few bit tests, and the rest
   are decided by strstr itself. */
static int low_has(const cleaner *c, const char *low, const char *phrase)
{
    for (size_t i = 0; phrase[i] && phrase[i + 1]; i++) {
        unsigned h = pair_hash((unsigned char)phrase[i], (unsigned char)phrase[i + 1]);
        if (!(c->lower_pairs[h >> 6] & (1ull << (h & 63))))
            return 0;
    }
    return strstr(low, phrase) != NULL;
}

static int addresses_reader(const cleaner *c, const char *low, const char *s, size_t n)
{
    if (low_has(c, low, " us ") || low_has(c, low, " us.") || low_has(c, low, " our ") ||
        low_has(c, low, " you") || low_has(c, low, "please") || low_has(c, low, "click"))
        return 1;
    size_t k = 0;
    while (k < n && is_alpha(s[k]))
        k++;
    for (const char *const *v = imperatives; *v; v++)
        if (strlen(*v) == k && strncasecmp(s, *v, k) == 0)
            return 1;
    return 0;
}

/* A line that is mostly a URL or an e-mail address. */
static int link_like(const char *s, size_t n, size_t words)
{
    if (words > 12)
        return 0;
    size_t linky = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        int mark = 0;
        while (i < n && s[i] != ' ') {
            if (s[i] == '@' || (s[i] == '/' && i + 1 < n && s[i + 1] == '/'))
                mark = 1;
            i++;
        }
        if (mark || (i - st > 4 && starts_ci(s + st, i - st, "www.")))
            linky += i - st;
    }
    return linky * 2 > n;
}

static bp_class boilerplate_class(cleaner *c, const char *s, size_t n, size_t words)
{
    char first = n ? (char)((s[0] >= 'A' && s[0] <= 'Z') ? s[0] + 32 : s[0]) : 0;
    for (size_t k = 0; k < sizeof strong_labels / sizeof strong_labels[0]; k++)
        if (strong_labels[k].text[0] == first && starts_ci(s, n, strong_labels[k].text) &&
            words <= strong_labels[k].max_words)
            return BP_LABEL;
    if (link_like(s, n, words))
        return BP_LABEL;
    if (words > 160)
        return BP_NONE;
    const char *low = lowered(c, s, n);
    int reader = addresses_reader(c, low, s, n);
    if (!reader && words > 25)
        return BP_NONE; /* no rule below can fire: skip the vocabulary scan */
    int score = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t k = 0; families[f][k]; k++)
            if (low_has(c, low, families[f][k])) {
                score++;
                break;
            }
    if (score == 0)
        return BP_NONE;
    if (reader && ((score >= 2 && words <= 60) || score >= 3))
        return BP_STRONG;
    if (words <= 25)
        return reader || !ends_sentence(s, n) ? BP_STRONG : BP_WEAK;
    return BP_NONE;
}

/* A paragraph's class, computed once (the head and the body both ask). */
static bp_class para_class(cleaner *c, para *p)
{
    if (p->bp < 0)
        p->bp = (int)boilerplate_class(c, c->pbuf.data + p->off, p->len, p->words);
    return (bp_class)p->bp;
}

/* ---- syndication notes -------------------------------------------------- */

/* Phrases that name where a text was first published.  Those marked
   `context` are also ordinary English ("people first appeared on this
   continent"), so they count only at the start of a note or right after
   "this article" / "this story" / ...; the name must look like one. */
typedef struct synd_phrase {
    const char *text;   /* lower case */
    int context;
} synd_phrase;

static const synd_phrase syndication_phrases[] = {
    {"original source of this article is ", 0}, {"appeared first on ", 0},
    {"republished with permission from ", 0}, {"republished from ", 0},
    {"reprinted with permission from ", 0}, {"reprinted from ", 0},
    {"cross-posted from ", 0}, {"crossposted from ", 0},
    {"originally published on ", 1}, {"originally published in ", 1},
    {"originally published at ", 1}, {"originally published by ", 1},
    {"first published on ", 1}, {"first published in ", 1}, {"first published at ", 1},
    {"first published by ", 1}, {"originally appeared on ", 1}, {"originally appeared in ", 1},
    {"originally appeared at ", 1}, {"first appeared on ", 1}, {"first appeared in ", 1},
};

static int article_context(const char *low, size_t hit)
{
    static const char *const nouns[] = {"this article", "this story", "this piece", "this post",
                                        "this report", "this column", "this essay",
                                        "this interview", "this commentary", "this op-ed",
                                        "this analysis", "this text", NULL};
    size_t from = hit > 48 ? hit - 48 : 0;
    for (const char *const *w = nouns; *w; w++) {
        const char *f = strstr(low + from, *w);
        if (f && (size_t)(f - low) < hit)
            return 1;
    }
    return 0;
}

/* When s names where it was first published, store that name and return 1;
   *at_start says the note opens the paragraph. */
static int syndication_note(cleaner *c, const char *s, size_t n, int *at_start)
{
    const char *low = lowered(c, s, n) + 1; /* skip the leading blank */
    if (!low_has(c, low, "publish") && !low_has(c, low, "appeared") &&
        !low_has(c, low, "reprint") && !low_has(c, low, "posted from") &&
        !low_has(c, low, "original source"))
        return 0; /* every phrase below has one of these */
    for (size_t p = 0; p < sizeof syndication_phrases / sizeof syndication_phrases[0]; p++) {
        const synd_phrase *ph = &syndication_phrases[p];
        const char *hit = low_has(c, low, ph->text) ? strstr(low, ph->text) : NULL;
        if (!hit)
            continue;
        size_t at = (size_t)(hit - low);
        int opens = at < 40;
        if (ph->context && !opens && !article_context(low, at))
            continue;
        size_t from = at + strlen(ph->text);
        if (from >= n)
            continue;
        /* the name runs to a sentence end, a comma, "Copyright", a bracket */
        size_t e = from;
        while (e < n) {
            char ch = s[e];
            if (ch == ',' || ch == ';' || ch == '(' || ch == '|' || ch == '[')
                break;
            if ((ch == '.' || ch == '!' || ch == '?') && (e + 1 >= n || s[e + 1] == ' '))
                break;
            if (ch == ' ' && (starts_ci(s + e + 1, n - e - 1, "copyright") ||
                              starts_ci(s + e + 1, n - e - 1, "\xC2\xA9") ||
                              starts_ci(s + e + 1, n - e - 1, "and is ") ||
                              starts_ci(s + e + 1, n - e - 1, "under ") ||
                              starts_ci(s + e + 1, n - e - 1, "on ")))
                break;
            e++;
        }
        if (e - from > 80 || e == from)
            continue;
        const char *name = s + from;
        size_t len = e - from;
        int domain = 0;
        for (size_t k = 1; k + 1 < len && !domain; k++)
            domain = name[k] == '.' && is_alpha(name[k + 1]) && !memchr(name, ' ', len);
        if (starts_ci(name, len, "the ") && len > 4)
            name += 4, len -= 4;
        if (!(is_upper(name[0]) || is_digit(name[0]) || domain))
            continue; /* "first published in the spring" names no source */
        set_meta(c, &c->doc->original_source, s + from, e - from);
        *at_start = opens;
        return 1;
    }
    return 0;
}

/* ---- head: title, byline, publication lines ----------------------------- */

static int headline_case(const char *s, size_t n)
{
    size_t caps = 0, long_words = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        size_t letters = 0;
        for (size_t k = st; k < i; k++)
            letters += is_alpha(s[k]) || ((unsigned char)s[k] >= 0x80);
        if (letters >= 4) {
            long_words++;
            caps += is_upper(s[st]) || ((unsigned char)s[st] >= 0xC3);
        }
    }
    return long_words >= 2 && caps * 10 >= long_words * 7;
}

static int title_like(const char *s, size_t n, int blank_after)
{
    size_t words = count_words(s, n);
    if (n > 250 || words == 0 || words > 30)
        return 0;
    char last = last_significant(s, n);
    if (last == '.' || last == ',' || last == ':' || last == ';')
        return 0;
    if (starts_ci(s, n, "by "))
        return 0;
    return blank_after || headline_case(s, n);
}

static int name_particle(const char *w, size_t n)
{
    static const char *const particles[] = {"and", "&", "de", "da", "del", "della", "van", "von",
                                            "der", "den", "bin", "ibn", "al", "el", "la", "le",
                                            "du", "dos", "y", "ben", NULL};
    for (const char *const *p = particles; *p; p++)
        if (strlen(*p) == n && strncmp(w, *p, n) == 0)
            return 1;
    return 0;
}

/* "By Kim Hoon", "By Jane Doe | Feb 6, 2023", "Written by X", "Author: X". */
static int byline(cleaner *c, const char *s, size_t n)
{
    static const char *const prefixes[] = {"by ", "written by ", "words by ", "author: ",
                                           "authors: ", "author ", NULL};
    size_t k = 0;
    for (const char *const *p = prefixes; *p; p++)
        if (starts_ci(s, n, *p)) {
            k = strlen(*p);
            break;
        }
    if (!k || n > 160 || count_words(s, n) > 16)
        return 0;
    while (k < n && s[k] == ' ')
        k++;
    size_t name_start = k, name_end = k, names = 0;
    while (k < n) {
        size_t ws = k;
        while (k < n && s[k] != ' ' && s[k] != ',' && s[k] != '|')
            k++;
        size_t wl = k - ws;
        if (wl == 0)
            break;
        int capital = is_upper(s[ws]) || (unsigned char)s[ws] >= 0xC3;
        if (capital && !is_digit(s[ws]) && !civil_month_from_name(s + ws, wl)) {
            names++;
            name_end = k;
        } else if (!name_particle(s + ws, wl)) {
            break;
        }
        if (names > 8)
            return 0;
        if (k < n && (s[k] == ',' || s[k] == '|'))
            break;
        while (k < n && s[k] == ' ')
            k++;
        if (k + 1 < n && (s[k] == '-' || (unsigned char)s[k] == 0xE2))
            break; /* "By X - Reuters" */
    }
    if (names == 0)
        return 0;
    /* whatever follows the name may only be a date or an outlet-like tail */
    size_t rest = name_end;
    int32_t days;
    size_t ds, de;
    if (rest < n && find_date(s + rest, n - rest, &ds, &de, &days)) {
        if (c->doc->published == DATE_UNKNOWN)
            c->doc->published = days;
    } else if (count_words(s + rest, n - rest) > 4 || memchr(s + rest, '(', n - rest) ||
               contains_n(s + rest, n - rest, " - ") || contains_n(s + rest, n - rest, "--")) {
        return 0; /* "By X GENEVA (AP) -- ...": a dateline follows, not a byline tail */
    }
    set_meta(c, &c->doc->author, s + name_start, name_end - name_start);
    return 1;
}

static int date_label(const char *w, size_t n)
{
    static const char *const labels[] = {"published", "posted", "updated", "last", "date",
                                         "dated", "first", "on", "at", "modified", "created",
                                         "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt",
                                         "bst", "cet", "cest", "ist", "jst", "kst", "pst", "pdt",
                                         "min", "mins", "read", "time", NULL};
    while (n && (w[n - 1] == '.' || w[n - 1] == ':' || w[n - 1] == ','))
        n--;
    for (const char *const *l = labels; *l; l++)
        if (strlen(*l) == n && strncasecmp(w, *l, n) == 0)
            return 1;
    return 0;
}

/* Words of s[a..b) that are not labels, times or separators: all must look like
   a name; returns the name's extent in *ns..*ne (empty when none). */
static int name_part(const char *s, size_t a, size_t b, size_t *ns, size_t *ne)
{
    size_t i = a, names = 0;
    *ns = *ne = 0;
    while (i < b) {
        while (i < b && (s[i] == ' ' || s[i] == ',' || s[i] == '|' || s[i] == ':' || s[i] == '-' ||
                         s[i] == '(' || s[i] == ')' || (unsigned char)s[i] >= 0x80))
            i++;
        if (i >= b)
            break;
        size_t st = i;
        while (i < b && s[i] != ' ' && s[i] != ',' && s[i] != '|' && s[i] != '(' && s[i] != ')')
            i++;
        const char *w = s + st;
        size_t wl = i - st;
        if (date_label(w, wl) || is_digit(w[0]))
            continue;
        if (!is_upper(w[0]) && !name_particle(w, wl) && !(wl > 4 && strstr(w, ".com") == w + wl - 4))
            return 0; /* a lower-case word: this is prose, not a publication line */
        if (++names > 6)
            return 0;
        if (!*ne)
            *ns = st;
        *ne = i;
    }
    return 1;
}

/* "Global Research, February 06, 2023", "Published: 6 Feb 2023", "February 6, 2023". */
static int publication_line(cleaner *c, const char *s, size_t n)
{
    if (n > 120 || count_words(s, n) > 14)
        return 0;
    size_t ds, de;
    int32_t days;
    if (!find_date(s, n, &ds, &de, &days))
        return 0;
    size_t ns1, ne1, ns2, ne2;
    if (!name_part(s, 0, ds, &ns1, &ne1) || !name_part(s, de, n, &ns2, &ne2))
        return 0;
    if (c->doc->published == DATE_UNKNOWN)
        c->doc->published = days;
    size_t ns = ne1 ? ns1 : ns2, ne = ne1 ? ne1 : ne2;
    if (ne > ns) {
        const char *name = s + ns;
        size_t len = ne - ns;
        if (!c->doc->outlet)
            set_meta(c, &c->doc->outlet, name, len);
        else if (!eq_ci(name, len, c->doc->outlet) && c->header_dates > 0)
            set_meta(c, &c->doc->original_source, name, len);
    }
    c->header_dates++;
    return 1;
}

/* ---- datelines and outlets ---------------------------------------------- */

static const char *const agencies[] = {
    "AP", "AFP", "Reuters", "UPI", "Xinhua", "IANS", "PTI", "ANI", "DPA", "dpa", "EFE", "ANSA",
    "Kyodo", "Yonhap", "TASS", "Interfax", "RIA Novosti", "Bloomberg", "IPS", "KCNA", "WAFA",
    "Anadolu", "Bernama", "Antara", "AAP", "CP", "Canadian Press", "Sports Network", "CNN", "BBC",
    "NNA", "MENA", "IRNA", "Sputnik", "Al Jazeera", "Associated Press", "Agence France-Presse",
    NULL};

static int known_outlet(cleaner *c, const char *s, size_t n)
{
    for (const char *const *a = agencies; *a; a++)
        if (eq_ci(s, n, *a))
            return 1;
    if (c->doc->outlet && eq_ci(s, n, c->doc->outlet))
        return 1;
    return c->title_outlet.len && eq_ci(s, n, c->title_outlet.data);
}

/* Does "(X)" at the end of a title name an outlet? */
static int outlet_like(cleaner *c, const char *s, size_t n)
{
    static const char *const outlet_words[] = {"News", "Press", "Times", "Post", "Network", "Wire",
                                               "Online", "Daily", "Herald", "Journal", "Agency",
                                               "Service", "Magazine", "Radio", "TV", "Telegraph",
                                               "Tribune", "Monitor", "Week", "Today", "Report",
                                               "Wired", "Guardian", "Independent", NULL};
    if (n == 0 || n > 40 || count_words(s, n) > 5 || !(is_upper(s[0]) || is_digit(s[0]) || is_lower(s[0])))
        return 0;
    if (known_outlet(c, s, n))
        return 1;
    if (starts_ci(s, n, "update") && n <= 8)
        return 1;
    for (size_t k = 1; k + 1 < n; k++) /* a domain: SPACE.com, CBS.MW */
        if (s[k] == '.' && is_alpha(s[k - 1]) && is_alpha(s[k + 1]) && !memchr(s, ' ', n))
            return 1;
    size_t caps = 0;
    for (size_t k = 0; k < n; k++)
        caps += is_upper(s[k]);
    if (caps == n && n >= 2 && n <= 6)
        return 1;
    const char *last = s + n;
    while (last > s && last[-1] != ' ')
        last--;
    for (const char *const *w = outlet_words; *w; w++)
        if (eq_ci(last, (size_t)(s + n - last), *w))
            return 1;
    return 0;
}

static void clean_title(cleaner *c)
{
    char *t = c->title.data;
    size_t n = c->title.len;
    if (n < 4 || t[n - 1] != ')')
        return;
    size_t open = n - 1;
    while (open > 0 && t[open] != '(')
        open--;
    if (t[open] != '(' || open == 0 || t[open - 1] != ' ')
        return;
    const char *x = t + open + 1;
    size_t xl = n - 1 - open - 1;
    if (!outlet_like(c, x, xl))
        return;
    if (!(starts_ci(x, xl, "update") && xl <= 8)) {
        strbuf_clear(&c->title_outlet);
        strbuf_append(&c->title_outlet, x, xl);
        set_meta(c, &c->doc->outlet, x, xl);
    }
    size_t e = open;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    c->title.len = e;
    t[e] = '\0';
}

/* A dateline separator at s[i..n): " - ", " -- ", " — ", "—", ": " (the colon
   only when allowed, right after the place).  Returns the index of the text
   after it, or 0. */
static size_t dateline_sep(const char *s, size_t n, size_t i, int colon_ok)
{
    size_t k = i;
    while (k < n && s[k] == ' ')
        k++;
    int dash = 0;
    if (k < n && s[k] == '-') {
        while (k < n && s[k] == '-')
            k++;
    } else if (k + 2 < n && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
               ((unsigned char)s[k + 2] == 0x94 || (unsigned char)s[k + 2] == 0x93)) {
        k += 3;
        dash = 1; /* an en or em dash needs no blank after it */
    } else if (colon_ok && k < n && s[k] == ':') {
        k++;
    } else {
        return 0;
    }
    size_t after = k;
    while (after < n && s[after] == ' ')
        after++;
    if ((after == k && !dash) || after >= n)
        return 0;
    return after;
}

/* An all-capitals word (KABUL, ST., D.C., N'DJAMENA, BOGOTÁ) at s[i]; returns its end. */
static size_t caps_word(const char *s, size_t n, size_t i, size_t *letters)
{
    size_t k = i;
    *letters = 0;
    while (k < n) {
        unsigned char ch = (unsigned char)s[k];
        if (is_upper((char)ch)) {
            (*letters)++;
            k++;
        } else if ((ch == '.' || ch == '\'' || ch == '-' || ch == '/') && k > i) {
            k++;
        } else if (ch >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + k,
                                                  (utf8proc_ssize_t)(n - k), &cp);
            if (l <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
                break;
            (*letters)++;
            k += (size_t)l;
        } else {
            break;
        }
    }
    if (k < n && (is_lower(s[k]) || is_digit(s[k])))
        return i; /* not all capitals */
    return k;
}

static int dateline_stopword(const char *s, size_t n)
{
    static const char *const stop[] = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "NOTE",
                                       "PHOTOS", "PHOTO", "VIDEO", "ANALYSIS", "OPINION",
                                       "EDITORIAL", "COMMENTARY", "FACTBOX", "CORRECTED",
                                       "REFILE", "WRAPUP", "INTERVIEW", "REVIEW", "WATCH",
                                       "LIVE", "URGENT", "FLASH", "NEWS", NULL};
    for (const char *const *w = stop; *w; w++)
        if (strlen(*w) == n && strncmp(s, *w, n) == 0)
            return 1;
    return 0;
}

/* A capitalised, not all-capitals word (Athens, Greece) at s[i]; returns its end. */
static size_t title_word(const char *s, size_t n, size_t i)
{
    if (i >= n || !is_upper(s[i]))
        return i;
    size_t k = i + 1;
    int lower = 0;
    while (k < n && (is_alpha(s[k]) || s[k] == '.' || s[k] == '\'' || s[k] == '-')) {
        lower |= is_lower(s[k]);
        k++;
    }
    return lower ? k : i;
}

/* A date inside a dateline ("Aug. 23, 2004", "Feb 6", "(Aug. 30, 2004)") at
   s[i]: returns its end (i when none), with the day when it names a year. */
static size_t dateline_date(const char *s, size_t n, size_t i, int32_t *days)
{
    size_t k = i;
    int paren = k < n && s[k] == '(';
    if (paren)
        k++;
    size_t w = k;
    while (w < n && is_alpha(s[w]))
        w++;
    if (w == k || !civil_month_from_name(s + k, w - k))
        return i;
    if (w < n && s[w] == '.')
        w++;
    while (w < n && s[w] == ' ')
        w++;
    size_t d = w;
    while (d < n && is_digit(s[d]) && d - w < 2)
        d++;
    if (d == w)
        return i;
    size_t e = d;
    size_t y = e;
    while (y < n && (s[y] == ',' || s[y] == ' '))
        y++;
    size_t ye = y;
    while (ye < n && is_digit(s[ye]) && ye - y < 4)
        ye++;
    if (ye - y == 4) {
        int32_t dd;
        if (civil_parse(s + k, ye - k, &dd) == 0)
            *days = dd;
        e = ye;
    }
    if (paren) {
        if (e >= n || s[e] != ')')
            return i;
        e++;
    } else if (e < n && s[e] == '.') {
        e++; /* "NEW DELHI, Aug. 25. -" */
    }
    return e;
}

/* One dateline element at the start of s: returns bytes consumed (0: none),
   setting place/outlet (and the date, when it has a year) unless dry.
     (Sports Network) -            AP -  /  SPACE.com -      (a known outlet)
     KABUL, Afghanistan (AP) -     LIMA:     SEATTLE/NEW YORK (Reuters) -
     JERUSALEM Aug. 23, 2004 -     SOUTH WILLIAMSPORT, Pa., Aug. 26 --
     Athens, Greece (Sports Network) -   (a capitalised place needs the outlet) */
static size_t dateline_once(cleaner *c, const char *s, size_t n, int dry)
{
    if (n > 2 && s[0] == '(') {
        const char *close = memchr(s, ')', n < 48 ? n : 48);
        if (close) {
            size_t after = dateline_sep(s, n, (size_t)(close - s) + 1, 0);
            if (after && count_words(s + 1, (size_t)(close - s) - 1) <= 5) {
                if (!dry)
                    set_meta(c, &c->doc->outlet, s + 1, (size_t)(close - s) - 1);
                return after;
            }
        }
    }
    for (size_t k = 1; k < n && k < 48; k++) {
        if (s[k] != ' ')
            continue;
        size_t after = dateline_sep(s, n, k, 0);
        if (after) {
            if (known_outlet(c, s, k)) {
                if (!dry)
                    set_meta(c, &c->doc->outlet, s, k);
                return after;
            }
            break;
        }
    }
    /* "SEPTEMBER 27, 2004 (COMPUTERWORLD) -": a date alone */
    int32_t lead_day = DATE_UNKNOWN;
    size_t lead = dateline_date(s, n, 0, &lead_day);
    if (lead > 0) {
        size_t k = lead, os = 0, oe = 0;
        while (k < n && s[k] == ' ')
            k++;
        if (k < n && s[k] == '(') {
            const char *close = memchr(s + k, ')', n - k < 48 ? n - k : 48);
            if (close) {
                os = k + 1;
                oe = (size_t)(close - s);
                k = oe + 1;
            }
        }
        size_t after = dateline_sep(s, n, k, 0);
        if (after && lead_day != DATE_UNKNOWN) {
            if (!dry) {
                if (c->doc->published == DATE_UNKNOWN)
                    c->doc->published = lead_day;
                if (oe > os)
                    set_meta(c, &c->doc->outlet, s + os, oe - os);
            }
            return after;
        }
    }
    /* the place: all-capitals words, else capitalised ones (checked below) */
    size_t i = 0, letters = 0, words = 0, place_end = 0;
    int titled = 0;
    while (i < n && words < 6) {
        size_t l;
        size_t e = caps_word(s, n, i, &l);
        if (e == i)
            break;
        if (words == 0 && dateline_stopword(s + i, e - i))
            return 0;
        letters += l;
        words++;
        place_end = e;
        if (e < n && s[e] == ' ' && e + 1 < n && caps_word(s, n, e + 1, &l) > e + 1) {
            i = e + 1;
            continue;
        }
        break;
    }
    if (words == 0) {
        while (words < 3) {
            size_t e = title_word(s, n, i);
            if (e == i || civil_month_from_name(s + i, e - i))
                break;
            words++;
            letters += e - i;
            place_end = e;
            if (e < n && s[e] == ' ' && title_word(s, n, e + 1) > e + 1) {
                i = e + 1;
                continue;
            }
            break;
        }
        titled = 1;
    }
    if (words == 0 || letters < 3)
        return 0;
    i = place_end;
    size_t place_extent = place_end;
    int colon_ok = 1;
    int32_t days = DATE_UNKNOWN;
    if (i < n && s[i] == ',') { /* ", Afghanistan" / ", Pa.," / ", Aug 25, 2004" */
        size_t k = i + 1, rw = 0, region_end = 0;
        while (k < n && s[k] == ' ')
            k++;
        while (k < n && rw < 3) {
            size_t st = k;
            while (k < n && s[k] != ' ' && s[k] != '(' && s[k] != ',')
                k++;
            if (k == st || !(is_upper(s[st]) || (unsigned char)s[st] >= 0xC3) ||
                civil_month_from_name(s + st, k - st) ||
                (k - st > 1 && s[k - 1] == '.' && civil_month_from_name(s + st, k - st - 1)))
                break;
            rw++;
            region_end = k;
            while (k < n && (s[k] == ' ' || s[k] == ','))
                k++;
            if (k < n && (s[k] == '(' || s[k] == '-' || (unsigned char)s[k] == 0xE2))
                break;
        }
        if (region_end) {
            place_extent = region_end;
            i = region_end;
        }
    }
    /* an optional date */
    size_t k = i;
    while (k < n && (s[k] == ' ' || s[k] == ','))
        k++;
    size_t de = dateline_date(s, n, k, &days);
    if (de > k)
        i = de;
    else if (i < n && s[i] == ',')
        return 0; /* a comma that led nowhere: prose, not a dateline */
    size_t outlet_s = 0, outlet_e = 0;
    k = i;
    while (k < n && s[k] == ' ')
        k++;
    if (k < n && s[k] == '(') {
        const char *close = memchr(s + k, ')', n - k < 48 ? n - k : 48);
        if (!close)
            return 0;
        outlet_s = k + 1;
        outlet_e = (size_t)(close - s);
        i = outlet_e + 1;
        colon_ok = 0;
        if (count_words(s + outlet_s, outlet_e - outlet_s) > 5)
            return 0;
    }
    if (titled && outlet_e == 0 && place_extent == place_end)
        return 0; /* "Summary - ..." is not a dateline; "Caracas, Venezuela -" is */
    size_t after = dateline_sep(s, n, i, colon_ok && !titled);
    if (!after)
        return 0;
    if (!dry) {
        set_meta(c, &c->doc->place, s, place_extent);
        if (outlet_e > outlet_s)
            set_meta(c, &c->doc->outlet, s + outlet_s, outlet_e - outlet_s);
        if (days != DATE_UNKNOWN && c->doc->published == DATE_UNKNOWN)
            c->doc->published = days;
    }
    return after;
}

/* "By MICHAEL LIEDTKE SAN FRANCISCO (AP) --", "By Deborah Cohen CHICAGO
   (Reuters) -": a byline run into the dateline.  An all-capitals name is taken
   as two words (three when the second is an initial); a capitalised one runs
   to the first all-capitals word.  The rest must read as a dateline.  Returns
   the bytes of the byline part (the dateline is then stripped as usual), or 0. */
static size_t caps_byline(cleaner *c, const char *s, size_t n)
{
    if (n < 4 || memcmp(s, "By ", 3) != 0)
        return 0;
    size_t i = 3, name_end = 0, letters;
    size_t e0 = caps_word(s, n, i, &letters);
    if (e0 > i && letters > 1) {
        size_t ends[3];
        for (int w = 0; w < 3; w++) {
            size_t st = w == 0 ? i : ends[w - 1] + 1;
            size_t e = caps_word(s, n, st, &letters);
            if (e == st || letters == 0 || e >= n || s[e] != ' ')
                return 0;
            ends[w] = e;
            if (w == 1 && !(e - st <= 3 && s[e - 1] == '.'))
                break; /* the second word is no initial: a two-word name */
        }
        int initial = ends[1] - ends[0] - 1 <= 3 && s[ends[1] - 1] == '.';
        name_end = initial ? ends[2] : ends[1];
    } else {
        int names = 0;
        while (names < 4) {
            size_t e = title_word(s, n, i);
            if (e == i) {
                size_t l;
                e = caps_word(s, n, i, &l);
                if (!(l == 1 && e > i && s[e - 1] == '.'))
                    break; /* an initial ("J.") belongs to the name */
            }
            names++;
            name_end = e;
            if (e >= n || s[e] != ' ')
                return 0;
            i = e + 1;
        }
        if (names == 0)
            return 0;
    }
    size_t rest = name_end + 1;
    if (rest >= n || !dateline_once(c, s + rest, n - rest, 1))
        return 0;
    set_meta(c, &c->doc->author, s + 3, name_end - 3);
    return rest;
}

static void strip_dateline(cleaner *c, para *p)
{
    const char *s = ptext(c, p);
    size_t total = caps_byline(c, s, p->len);
    for (int round = 0; round < 2; round++) {
        size_t k = dateline_once(c, s + total, p->len - total, 0);
        if (!k)
            break;
        total += k;
    }
    if (total && total < p->len) {
        p->off += total;
        p->len -= total;
    }
}

/* ---- the cleaner --------------------------------------------------------- */

static int same_text_ci(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && strncasecmp(a, b, an) == 0;
}

/* May p, the only paragraph left, be dropped as boilerplate?  Only when it is
   a short labelled line or a bare link: a one-paragraph story that opens with
   "Editor's note:" or mentions Twitter is still the story. */
static int lone_boilerplate(cleaner *c, const para *p, int cls)
{
    return cls == BP_LABEL && p->words <= 15;
}

static int clean_head(cleaner *c, int have_title)
{
    size_t n = c->paras.len;
    for (size_t i = 0; i < n && i < 16; i++) {
        para *p = &c->paras.items[i];
        const char *s = ptext(c, p);
        if (have_title && i == 0 && same_text_ci(s, p->len, c->title.data, c->title.len)) {
            p->removed = 1; /* the body repeats the given title */
            continue;
        }
        if (byline(c, s, p->len) || publication_line(c, s, p->len)) {
            p->removed = 1;
            continue;
        }
        bp_class bc = para_class(c, p);
        if (!have_title && i + 1 < n && bc != BP_LABEL && title_like(s, p->len, p->blank_after)) {
            strbuf_append(&c->title, s, p->len);
            have_title = 1;
            p->removed = 1;
            continue;
        }
        if ((bc == BP_LABEL && (i + 1 < n || lone_boilerplate(c, p, bc))) ||
            (bc != BP_NONE && i + 1 < n)) {
            note_removed(c, "boilerplate", s, p->len);
            p->removed = 1;
            continue;
        }
        break;
    }
    return have_title;
}

static void clean_body(cleaner *c)
{
    size_t n = c->paras.len;
    VEC(unsigned char) cls = {0};
    if (vec_reserve(&cls, n) != 0)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += !c->paras.items[i].removed;
    for (size_t i = 0; i < n; i++) {
        para *p = &c->paras.items[i];
        cls.items[i] = BP_NONE;
        if (p->removed)
            continue;
        const char *s = ptext(c, p);
        int at_start = 0;
        size_t words = p->words;
        /* a note that is the paragraph goes; a note inside a story paragraph
           only gives its metadata (the story stays) */
        if (syndication_note(c, s, p->len, &at_start) &&
            (words <= 40 || starts_ci(s, p->len, "editor")) &&
            (kept > 1 || words <= 15)) {
            note_removed(c, "syndication note", s, p->len);
            p->removed = 1;
            kept--;
            continue;
        }
        if (starts_ci(s, p->len, "articles by:")) {
            set_meta(c, &c->doc->author, s + 12, p->len - 12);
            p->removed = 1;
            kept--;
            continue;
        }
        cls.items[i] = (unsigned char)para_class(c, p);
    }
    /* the tail run: trailing paragraphs that are all boilerplate */
    size_t tail = n;
    while (tail > 0 && (c->paras.items[tail - 1].removed || cls.items[tail - 1] != BP_NONE))
        tail--;
    for (size_t i = 0; i < n; i++) {
        para *p = &c->paras.items[i];
        if (p->removed)
            continue;
        int drop = cls.items[i] >= BP_STRONG || (cls.items[i] == BP_WEAK && i >= tail);
        if (drop && kept == 1 && !lone_boilerplate(c, p, cls.items[i]))
            drop = 0; /* a story's only paragraph goes only when it is plainly furniture */
        if (drop) {
            note_removed(c, "boilerplate", ptext(c, p), p->len);
            p->removed = 1;
            kept--;
        }
    }
    vec_free(&cls);
}

static int assemble(cleaner *c)
{
    strbuf out = c->cs->out;
    strbuf_clear(&out);
    size_t title_len = 0;
    int rc = 0;
    if (c->title.len) {
        rc |= strbuf_append(&out, c->title.data, c->title.len);
        title_len = out.len;
        c->doc->title = document_strndup(c->doc, c->title.data, c->title.len);
    }
    for (size_t i = 0; i < c->paras.len; i++) {
        para *p = &c->paras.items[i];
        if (p->removed || p->len == 0)
            continue;
        if (out.len)
            rc |= strbuf_append(&out, "\n\n", 2);
        rc |= strbuf_append(&out, ptext(c, p), p->len);
    }
    if (rc == 0)
        rc = document_set_text(c->doc, out.data ? out.data : "", out.len, title_len);
    c->cs->out = out;
    return rc ? -1 : 0;
}

/* Title text: normalised, markup-free, on one line. */
static int prepare_title(cleaner *c, const char *title, size_t title_len)
{
    strbuf norm = c->cs->norm, bare = c->cs->bare;
    strbuf_clear(&norm);
    strbuf_clear(&bare);
    int rc = text_normalize(title, title_len, c->name, &norm, c->diags);
    if (rc == 0 && markup_strip(norm.data ? norm.data : "", norm.len, &bare)) {
        strbuf_clear(&norm);
        rc = text_normalize(bare.data, bare.len, NULL, &norm, NULL);
        strbuf_clear(&bare);
        strbuf_append(&bare, norm.data ? norm.data : "", norm.len);
    }
    int space = 1;
    if (rc == 0 && bare.len)
        rc = strbuf_reserve(&c->title, bare.len);
    for (size_t i = 0; rc == 0 && i < bare.len; i++) {
        char ch = is_space(bare.data[i]) ? ' ' : bare.data[i];
        if (ch == ' ' && space)
            continue;
        space = ch == ' ';
        c->title.data[c->title.len++] = ch;
    }
    if (c->title.data)
        c->title.data[c->title.len] = '\0';
    while (c->title.len && c->title.data[c->title.len - 1] == ' ')
        c->title.data[--c->title.len] = '\0';
    c->cs->norm = norm;
    c->cs->bare = bare;
    return rc;
}

/* Give a buffer back to the scratch, or drop it when one huge article made
   it large: a thread keeps at most a few megabytes between articles. */
static void keep_buffer(strbuf *dst, strbuf *src)
{
    if (src->cap > ((size_t)1 << 20))
        strbuf_free(src);
    *dst = *src;
}

static int clean_article(clean_scratch *cs, document *doc, const char *title, size_t title_len,
                         const char *raw, size_t raw_len, const char *name, diag_sink *diags)
{
    cleaner c = {.doc = doc, .name = name, .diags = diags, .cs = cs, .pbuf = cs->pbuf,
                 .paras = cs->paras, .title = cs->title, .title_outlet = cs->title_outlet,
                 .lower = cs->lower};
    strbuf_clear(&c.pbuf);
    vec_clear(&c.paras);
    strbuf_clear(&c.title);
    strbuf_clear(&c.title_outlet);
    strbuf_clear(&c.lower);
    int rc = 0;
    if (title && title_len)
        rc = prepare_title(&c, title, title_len);
    strbuf norm = cs->norm, bare = cs->bare;
    strbuf_clear(&norm);
    strbuf_clear(&bare);
    if (rc == 0)
        rc = text_normalize(raw ? raw : "", raw_len, name, &norm, diags);
    if (rc == 0 && markup_strip(norm.data ? norm.data : "", norm.len, &bare)) {
        strbuf_clear(&norm);
        rc = text_normalize(bare.data, bare.len, NULL, &norm, NULL);
        strbuf_clear(&bare);
        if (rc == 0)
            rc = strbuf_append(&bare, norm.data ? norm.data : "", norm.len);
    }
    if (rc == 0)
        rc = build_paragraphs(&c, bare.data ? bare.data : "", bare.len);
    keep_buffer(&cs->norm, &norm);
    keep_buffer(&cs->bare, &bare);
    if (rc == 0) {
        int had_title = c.title.len > 0;
        int have_title = clean_head(&c, had_title);
        (void)have_title;
        clean_body(&c);
        clean_title(&c);
        for (size_t i = 0; i < c.paras.len; i++)
            if (!c.paras.items[i].removed) {
                strip_dateline(&c, &c.paras.items[i]);
                break;
            }
        rc = assemble(&c);
    }
    keep_buffer(&cs->out, &cs->out);
    keep_buffer(&cs->pbuf, &c.pbuf);
    keep_buffer(&cs->title, &c.title);
    keep_buffer(&cs->title_outlet, &c.title_outlet);
    keep_buffer(&cs->lower, &c.lower);
    if (c.paras.cap > 4096)
        vec_free(&c.paras);
    cs->paras = c.paras;
    return rc;
}

void ingest_clean_scratch_free(clean_scratch *cs)
{
    if (!cs)
        return;
    strbuf_free(&cs->norm);
    strbuf_free(&cs->bare);
    strbuf_free(&cs->out);
    strbuf_free(&cs->pbuf);
    strbuf_free(&cs->title);
    strbuf_free(&cs->title_outlet);
    strbuf_free(&cs->lower);
    vec_free(&cs->paras);
    free(cs);
}

int ingest_clean_article_in(clean_scratch **cs, document *doc, const char *title,
                            size_t title_len, const char *raw, size_t raw_len, const char *name,
                            diag_sink *diags)
{
    if (!*cs && !(*cs = calloc(1, sizeof **cs)))
        return -1;
    return clean_article(*cs, doc, title, title_len, raw, raw_len, name, diags);
}

int ingest_clean_article(document *doc, const char *title, size_t title_len, const char *raw,
                         size_t raw_len, const char *name, diag_sink *diags)
{
    clean_scratch *cs = NULL;
    int rc = ingest_clean_article_in(&cs, doc, title, title_len, raw, raw_len, name, diags);
    ingest_clean_scratch_free(cs);
    return rc;
}
