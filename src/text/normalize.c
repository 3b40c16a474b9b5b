/*
** normalize.c: raw input bytes -> valid NFC UTF-8 (text_normalize).
**
** Everything the coder sees has been through here, so every later stage may
** assume valid UTF-8 with LF line ends.  The work is one linear pass:
**
**   - printable ASCII is copied in runs (the common case, no decoding);
**   - \r\n and \r become \n; \v and \f become \n (they are line breaks, and
**     dropping them would glue two words together); \t and \n are kept; NUL
**     bytes are dropped; a run of other C0 controls or DEL is dropped too, but
**     left as one blank when it stands between two characters, where feeds use
**     it as a separator (TABARI's own test data does);
**   - a run of non-ASCII bytes is decoded code point by code point: invalid
**     sequences become U+FFFD (one per maximal ill-formed subpart, as Unicode
**     recommends); Unicode spaces become ' '; U+2028/U+0085 become \n and
**     U+2029 a blank line; the invisible U+FEFF, U+200B, U+2060 and soft hyphen
**     are dropped; C1 controls (U+0080..U+009F), which in real news are nearly
**     always Windows-1252 punctuation decoded as Latin-1, are read as
**     Windows-1252 (U+0092 -> U+2019) or dropped;
**   - only the stretches that may change under NFC (combining marks, characters
**     with a canonical decomposition, Hangul jamo) go through utf8proc, together
**     with the starter before them, in pieces of bounded size; everything else
**     is already NFC and is copied as decoded.  A run of more than 30 combining
**     marks gets U+034F inserted every 30 marks (UAX #15's stream-safe format),
**     so a hostile input cannot make normalisation quadratic.
**
** Invalid sequences and dropped controls are reported once per input each,
** with the byte offset of the first and a count, so a damaged file produces two
** diagnostics, not a million.
*/
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/textint.h"
#include "util/swar.h"

/* Longest stretch (in code points) normalized in one utf8proc call; a stretch
   is cut at the first safe boundary after this, so that pathological inputs
   (a megabyte of combining marks) stay linear in time and bounded in memory. */
#define NFC_PIECE 1024

typedef struct norm_state {
    strbuf *out;
    utf8proc_int32_t *cps;      /* code points of the pending stretch */
    size_t ncps, cap;
    int needs_nfc;              /* the pending stretch has a non-NFC-inert code point */
    unsigned marks_in_row;      /* consecutive non-starters pushed */
    strbuf utf8;                /* scratch: the stretch re-encoded for utf8proc */
    utf8proc_int32_t *decomp;   /* scratch: its decomposition */
    size_t dcap;
    unsigned long invalid, controls;
    long long first_invalid, first_control;
    int oom;
} norm_state;

/* Windows-1252 for 0x80..0x9F; 0 where Windows-1252 has no character. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* 1 when cp may change under NFC or make the code point before it change. */
static int nfc_sensitive(utf8proc_int32_t cp)
{
    if (cp < 0x300)
        return cp >= 0xC0; /* Latin-1 letters with accents decompose */
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF))
        return 1; /* Hangul jamo compose algorithmically */
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0)
        return 1;
    if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
        return 1; /* can be the second half of a composition */
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
        return 1; /* canonical decomposition: recomposes, or is a singleton */
    return 0;
}

/* 1 when cp is a starter that nothing before it can combine with: a stretch
   may be cut just before it. */
static int safe_boundary(utf8proc_int32_t cp)
{
    if (cp < 0x300)
        return 1;
    if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class == 0 &&
           !(p->comb_index != UINT16_MAX && (p->comb_index & 0x8000));
}

static void put_cp_utf8(norm_state *st, utf8proc_int32_t cp)
{
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
    if (strbuf_append(st->out, (const char *)buf, (size_t)n) != 0)
        st->oom = 1;
}

/* Write the pending stretch to out, through utf8proc when it needs NFC. */
static void flush_stretch(norm_state *st)
{
    if (st->ncps == 0)
        return;
    if (!st->needs_nfc) {
        for (size_t i = 0; i < st->ncps; i++)
            put_cp_utf8(st, st->cps[i]);
        st->ncps = 0;
        return;
    }
    /* utf8proc wants UTF-8 in and gives decomposed code points out: encode the
       stretch into scratch, decompose into the code point scratch, compose. */
    strbuf *tmp = &st->utf8;
    strbuf_clear(tmp);
    if (strbuf_reserve(tmp, st->ncps * 4) != 0) {
        st->oom = 1;
        st->ncps = 0;
        return;
    }
    for (size_t i = 0; i < st->ncps; i++)
        tmp->len += (size_t)utf8proc_encode_char(st->cps[i], (utf8proc_uint8_t *)tmp->data + tmp->len);
    utf8proc_option_t opts = UTF8PROC_COMPOSE | UTF8PROC_STABLE;
    utf8proc_ssize_t n = -1;
    size_t want = st->ncps * 4 + 8;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (want > st->dcap) {
            utf8proc_int32_t *nb = realloc(st->decomp, want * sizeof *nb);
            if (!nb) {
                st->oom = 1;
                break;
            }
            st->decomp = nb;
            st->dcap = want;
        }
        n = utf8proc_decompose((const utf8proc_uint8_t *)tmp->data, (utf8proc_ssize_t)tmp->len,
                               st->decomp, (utf8proc_ssize_t)st->dcap, opts);
        if (n < 0 || (size_t)n <= st->dcap)
            break;
        want = (size_t)n;
        n = -1;
    }
    if (n >= 0)
        n = utf8proc_normalize_utf32(st->decomp, n, opts);
    if (n >= 0) {
        for (utf8proc_ssize_t i = 0; i < n; i++)
            put_cp_utf8(st, st->decomp[i]);
    } else if (strbuf_append(st->out, tmp->data, tmp->len) != 0) {
        st->oom = 1; /* utf8proc failed (cannot on valid code points): keep the text */
    }
    st->ncps = 0;
    st->needs_nfc = 0;
}

static void push_cp(norm_state *st, utf8proc_int32_t cp)
{
    /* Unicode's stream-safe format: after 30 non-starters in a row a
       COMBINING GRAPHEME JOINER (a starter) is inserted, so that no
       reordering run is unbounded (utf8proc sorts marks in quadratic time) */
    if (cp >= 0x300 && utf8proc_get_property(cp)->combining_class != 0) {
        if (++st->marks_in_row > 30) {
            push_cp(st, 0x034F); /* resets the count */
            st->marks_in_row = 1;
        }
    } else {
        st->marks_in_row = 0;
    }
    if (st->ncps >= NFC_PIECE && safe_boundary(cp))
        flush_stretch(st);
    if (st->ncps == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 64;
        utf8proc_int32_t *n = realloc(st->cps, ncap * sizeof *n);
        if (!n) {
            st->oom = 1;
            return;
        }
        st->cps = n;
        st->cap = ncap;
    }
    if (!st->needs_nfc && nfc_sensitive(cp))
        st->needs_nfc = 1;
    st->cps[st->ncps++] = cp;
}

/* A stretch that needs NFC must start at a starter: move the last starter (and
   anything after it) already written to out back into the stretch.  Looks back
   over at most a few code points; the previous output is valid UTF-8. */
static void pull_back_starter(norm_state *st)
{
    strbuf *out = st->out;
    size_t end = out->len;
    size_t pos = end;
    for (int k = 0; k < 32 && pos > 0; k++) {
        size_t start = pos - 1;
        while (start > 0 && ((unsigned char)out->data[start] & 0xC0) == 0x80)
            start--;
        int32_t cp;
        text_utf8_decode((const unsigned char *)out->data + start, pos - start, &cp);
        pos = start;
        if (cp == '\n')
            return; /* nothing combines across a line break */
        if (safe_boundary(cp))
            break;
    }
    if (pos == end)
        return;
    /* re-decode [pos, end) into the stretch, in order */
    utf8proc_int32_t saved[32 * 4];
    size_t nsaved = 0;
    for (size_t i = pos; i < end && nsaved < sizeof saved / sizeof saved[0];) {
        int32_t cp;
        i += (size_t)text_utf8_decode((const unsigned char *)out->data + i, end - i, &cp);
        saved[nsaved++] = cp;
    }
    out->len = pos;
    out->data[pos] = '\0';
    for (size_t i = 0; i < nsaved; i++)
        push_cp(st, saved[i]);
}

/* Decode the maximal ill-formed subpart at s[0..n) (s[0] >= 0x80); returns its
   length, storing the code point or -1 when invalid. */
static size_t decode_strict(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    int32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= n) {
            *cp = -1;
            return i;
        }
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
            *cp = -1;
            return i;
        }
        v = (v << 6) | (int32_t)(b & 0x3F);
    }
    *cp = v;
    return i;
}

static int is_unicode_space(int32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Handle the non-ASCII run starting at in[i]; returns the index after it. */
static size_t normalize_run(norm_state *st, const unsigned char *in, size_t len, size_t i)
{
    int pulled = 0;
    while (i < len && in[i] >= 0x80) {
        int32_t cp;
        size_t k = decode_strict(in + i, len - i, &cp);
        if (cp < 0) {
            if (st->invalid++ == 0)
                st->first_invalid = (long long)i;
            cp = 0xFFFD;
        } else if (cp < 0xA0) { /* C1 control */
            int32_t mapped = cp == 0x85 ? '\n' : cp1252_c1[cp - 0x80];
            if (!mapped) {
                if (st->controls++ == 0)
                    st->first_control = (long long)i;
                i += k;
                continue;
            }
            cp = mapped;
        }
        i += k;
        if (is_unicode_space(cp)) {
            cp = ' ';
        } else if (cp == 0x2028) {
            cp = '\n';
        } else if (cp == 0x2029) {
            push_cp(st, '\n');
            cp = '\n';
        } else if (cp == 0xFEFF || cp == 0x200B || cp == 0x2060 || cp == 0xAD) {
            continue;
        }
        if (!pulled && nfc_sensitive(cp) && st->ncps == 0) {
            pull_back_starter(st);
            pulled = 1;
        }
        push_cp(st, cp);
    }
    flush_stretch(st);
    return i;
}

int text_normalize(const char *in_, size_t len, const char *name, strbuf *out, diag_sink *diags)
{
    const unsigned char *in = (const unsigned char *)in_;
    norm_state st = {.out = out, .first_invalid = -1, .first_control = -1};
    if (strbuf_reserve(out, len + 1) != 0)
        return -1;
    size_t i = 0;
    while (i < len && !st.oom) {
        unsigned c = in[i];
        if (c >= 0x20 && c < 0x7F) {
            size_t j = i + 1 + swar_printable_run(in + i + 1, len - i - 1, 0x7F);
            if (strbuf_append(out, (const char *)in + i, j - i) != 0)
                st.oom = 1;
            i = j;
        } else if (c == '\n' || c == '\t') {
            if (strbuf_putc(out, (char)c) != 0)
                st.oom = 1;
            i++;
        } else if (c == '\r' || c == 0x0B || c == 0x0C) {
            if (strbuf_putc(out, '\n') != 0)
                st.oom = 1;
            i += (c == '\r' && i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
        } else if (c < 0x80) {
            /* NUL goes; another control between two characters is a field
               separator in some feeds ("Gondor\x1a\x1a3"): it becomes a blank */
            if (st.controls++ == 0)
                st.first_control = (long long)i;
            size_t j = i + 1;
            while (j < len && (in[j] < 0x20 || in[j] == 0x7F) && in[j] != '\n' && in[j] != '\t' &&
                   in[j] != '\r' && in[j] != 0x0B && in[j] != 0x0C) {
                st.controls++;
                j++;
            }
            int separates = 0;
            for (size_t k = i; k < j; k++)
                separates |= in[k] != 0;
            if (separates && out->len > 0 && j < len && in[j] != ' ' && in[j] != '\n' &&
                in[j] != '\t' && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\n' &&
                out->data[out->len - 1] != '\t' && strbuf_putc(out, ' ') != 0)
                st.oom = 1;
            i = j;
        } else {
            i = normalize_run(&st, in, len, i);
        }
    }
    free(st.cps);
    free(st.decomp);
    strbuf_free(&st.utf8);
    if (st.oom)
        return -1;
    if (out->data == NULL && strbuf_reserve(out, 1) != 0)
        return -1;
    out->data[out->len] = '\0';
    if (st.invalid)
        diag_report(diags, DIAG_WARNING, name, 0, st.first_invalid,
                    "%lu invalid UTF-8 sequence%s replaced by U+FFFD (first at byte %lld)",
                    st.invalid, st.invalid == 1 ? "" : "s", st.first_invalid);
    if (st.controls)
        diag_report(diags, DIAG_WARNING, name, 0, st.first_control,
                    "%lu NUL or control character%s dropped (first at byte %lld)", st.controls,
                    st.controls == 1 ? "" : "s", st.first_control);
    return 0;
}
