/*
** markup.c: strip the markup that leaks into article text.
**
** Scraped articles and feeds carry HTML tags (<u>name</u>, <b>, <a href=..>,
** <br>, <p>), HTML entities (&amp; &#8217; &nbsp;) and Markdown emphasis
** (**Translate Website**).  They are removed here, on text that is already
** valid UTF-8, before paragraphs are judged:
**   - only tags with a known HTML name are removed, so that "<TXN.N>" (a
**     Reuters ticker) or "a <b" in prose survive; block tags (p, div, h1, li,
**     ...) become a paragraph break, <br> a line break; script and style
**     elements go with their content, comments too;
**   - entities become characters (numeric ones 128-159 are read as
**     Windows-1252, as browsers do); unknown names stay as written;
**   - "**" is dropped; a line that is only a rule (*** --- ___) becomes blank.
** The result may need NFC again when an entity produced a combining mark, so
** the caller re-normalises when markup_strip says it produced non-ASCII.
*/
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "ingest/clean.h"

static const char *const inline_tags[] = {
    "a", "abbr", "acronym", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr", "html", "head", "body", "meta", "link", "title",
    NULL};
static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section",
    "article", "header", "footer", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "pre",
    "hr", "figure", "figcaption", "dl", "dt", "dd", "main", "nav", "aside", "address", "center",
    "caption", NULL};

static int in_list(const char *const *list, const char *name, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(*list, name, n) == 0)
            return 1;
    return 0;
}

typedef struct entity {
    const char *name;
    uint32_t cp;
} entity;

static const entity entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
    {"ensp", ' '}, {"emsp", ' '}, {"thinsp", ' '}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"hellip", 0x2026}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"euro", 0x20AC}, {"pound", 0xA3},
    {"yen", 0xA5}, {"cent", 0xA2}, {"deg", 0xB0}, {"middot", 0xB7}, {"bull", 0x2022},
    {"eacute", 0xE9}, {"egrave", 0xE8}, {"aacute", 0xE1}, {"agrave", 0xE0}, {"iacute", 0xED},
    {"oacute", 0xF3}, {"uacute", 0xFA}, {"ntilde", 0xF1}, {"ccedil", 0xE7}, {"uuml", 0xFC},
    {"ouml", 0xF6}, {"auml", 0xE4}, {"Eacute", 0xC9}, {"szlig", 0xDF}, {"times", 0xD7},
    {"divide", 0xF7}, {"sect", 0xA7}, {"para", 0xB6}, {"prime", 0x2032}, {"shy", 0},
    {"zwj", 0x200D}, {"zwnj", 0x200C},
};

static const uint16_t cp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void put_utf8(strbuf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_append(out, b, n);
}

/* An entity at s[0..n) (s[0] == '&'): its length and code point (-1: drop it). */
static size_t parse_entity(const char *s, size_t n, int64_t *cp)
{
    size_t i = 1;
    if (i < n && s[i] == '#') {
        i++;
        int hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        uint64_t v = 0;
        size_t d = 0;
        for (; i < n && d < 8; i++, d++) {
            char c = s[i];
            int k = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (k < 0)
                break;
            v = v * (hex ? 16 : 10) + (uint64_t)k;
        }
        if (d == 0 || i >= n || s[i] != ';')
            return 0;
        if (v >= 0x80 && v <= 0x9F)
            v = cp1252[v - 0x80];
        else if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
            v = 0xFFFD;
        else if (v < 0x20 && v != '\t' && v != '\n')
            v = (uint64_t)-1;
        *cp = v == (uint64_t)-1 ? -1 : (int64_t)v;
        return i + 1;
    }
    size_t st = i;
    while (i < n && i - st < 10 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i == st || i >= n || s[i] != ';')
        return 0;
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++)
        if (strlen(entities[k].name) == i - st && memcmp(entities[k].name, s + st, i - st) == 0) {
            *cp = entities[k].cp ? (int64_t)entities[k].cp : -1;
            return i + 1;
        }
    return 0;
}

/* A tag at s[0..n) (s[0] == '<'): its length, or 0 when it is not a known tag.
   *block: 2 for a block tag, 1 for <br>, 0 inline; *skip_until: for script and
   style, the closing tag to skip to. */
static size_t parse_tag(const char *s, size_t n, int *block, const char **skip_until)
{
    *block = 0;
    *skip_until = NULL;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        for (size_t k = 4; k + 2 < n; k++)
            if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>')
                return k + 3;
        return 0;
    }
    size_t i = 1;
    if (i < n && s[i] == '/')
        i++;
    size_t ns = i;
    while (i < n && i - ns < 12 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                                    (s[i] >= '0' && s[i] <= '9')))
        i++;
    size_t nlen = i - ns;
    if (nlen == 0 || i >= n || !(s[i] == '>' || s[i] == ' ' || s[i] == '/' || s[i] == '\n' ||
                                 s[i] == '\t'))
        return 0;
    const char *name = s + ns;
    int known_block = in_list(block_tags, name, nlen);
    int is_br = nlen == 2 && strncasecmp(name, "br", 2) == 0;
    int is_script = (nlen == 6 && strncasecmp(name, "script", 6) == 0) ||
                    (nlen == 5 && strncasecmp(name, "style", 5) == 0);
    if (!known_block && !is_br && !is_script && !in_list(inline_tags, name, nlen))
        return 0;
    /* find the closing '>' (attributes may hold quoted '>') */
    char quote = 0;
    for (size_t k = i; k < n && k < 4096; k++) {
        char c = s[k];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<') {
            return 0;
        } else if (c == '>') {
            *block = known_block ? 2 : is_br ? 1 : 0;
            if (is_script && s[1] != '/')
                *skip_until = (name[0] == 's' || name[0] == 'S') && nlen == 6 ? "</script" : "</style";
            return k + 1;
        }
    }
    return 0;
}

/* The bytes that may start markup, and where each occurs next: markup_strip
   copies the text between them in runs, and finding a run's end is one
   memchr per kind of byte and occurrence instead of four tests per byte. */
static const char markup_starts[4] = {'<', '&', '*', '\n'};

typedef struct next_markup {
    const char *s;
    size_t n;
    size_t at[4];           /* next occurrence of markup_starts[k], n for none;
                               SIZE_MAX before the first search */
} next_markup;

/* The first index >= i holding one of markup_starts, or n. */
static size_t next_markup_at(next_markup *m, size_t i)
{
    size_t best = m->n;
    for (int k = 0; k < 4; k++) {
        if (m->at[k] == SIZE_MAX || m->at[k] < i) {
            const char *p = i < m->n ? memchr(m->s + i, markup_starts[k], m->n - i) : NULL;
            m->at[k] = p ? (size_t)(p - m->s) : m->n;
        }
        if (m->at[k] < best)
            best = m->at[k];
    }
    return best;
}

int markup_strip(const char *s, size_t n, strbuf *out)
{
    int nonascii = 0;
    size_t i = 0, line_start_out = out->len;
    next_markup next = {s, n, {SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX}};
    while (i < n) {
        char c = s[i];
        if (c == '<') {
            int block;
            const char *skip_until;
            size_t k = parse_tag(s + i, n - i, &block, &skip_until);
            if (k) {
                i += k;
                if (skip_until) {
                    size_t sl = strlen(skip_until);
                    while (i < n && !(i + sl <= n && strncasecmp(s + i, skip_until, sl) == 0))
                        i++;
                    const char *gt = i < n ? memchr(s + i, '>', n - i) : NULL;
                    i = gt ? (size_t)(gt - s) + 1 : n;
                }
                if (block == 2)
                    strbuf_append(out, "\n\n", 2);
                else if (block == 1)
                    strbuf_putc(out, '\n');
                continue;
            }
        } else if (c == '&') {
            int64_t cp;
            size_t k = parse_entity(s + i, n - i, &cp);
            if (k) {
                if (cp >= 0) {
                    put_utf8(out, (uint32_t)cp);
                    nonascii |= cp >= 0x80;
                }
                i += k;
                continue;
            }
        } else if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        } else if (c == '\n') {
            /* a line that is only a rule (*** --- ___ ===) becomes empty */
            size_t a = line_start_out, b = out->len;
            while (a < b && (out->data[a] == ' ' || out->data[a] == '\t'))
                a++;
            if (b - a >= 3) {
                char r = out->data[a];
                size_t k = a;
                while (k < b && (out->data[k] == r || out->data[k] == ' '))
                    k++;
                if (k == b && (r == '*' || r == '-' || r == '_' || r == '='))
                    out->len = line_start_out;
            }
            strbuf_putc(out, '\n');
            line_start_out = out->len;
            i++;
            continue;
        }
        /* copy the run up to the next byte that may start markup */
        size_t j = next_markup_at(&next, i + 1);
        strbuf_append(out, s + i, j - i);
        i = j;
    }
    if (!out->data)
        strbuf_reserve(out, 1);
    out->data[out->len] = '\0';
    return nonascii;
}
