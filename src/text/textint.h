/*
** textint.h: helpers private to the text layer (the .c files of src/text only).
**
** The splitter and the tokenizer must agree on what an abbreviation is
** ("Gen." keeps its period and does not end a sentence; "Corp." keeps its
** period but may end one), so both ask the functions declared here.  The
** UTF-8 decoder is the lenient one both use on the hot path: the text is
** normally valid (text_normalize made it so), but an invalid byte must never
** make them read out of bounds, so it decodes as one byte of U+FFFD.
*/
#ifndef DYAD_TEXTINT_H
#define DYAD_TEXTINT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..n) (n >= 1).  Returns its length in bytes
   (1..4); an invalid or truncated sequence decodes as U+FFFD of length 1. */
static inline int text_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                              (s[3] & 0x3F));
        if (v >= 0x10000 && v <= 0x10FFFF) {
            *cp = v;
            return 4;
        }
    }
    *cp = 0xFFFD;
    return 1;
}

/* How a word written with a final period behaves ("Gen." "Jan." "No." "Corp."). */
typedef enum abbrev_class {
    ABBR_NONE = 0,  /* not a known abbreviation */
    ABBR_TITLE,     /* always precedes what it qualifies: Mr. Gen. Sen. St. vs. */
    ABBR_MONTH,     /* Jan. Sept.: does not end a sentence before a number */
    ABBR_NUMBER,    /* No.: an abbreviation only before a number ("No. 10") */
    ABBR_AMBIG      /* Corp. Jr. etc. Calif.: may end a sentence */
} abbrev_class;

/* Class of the word w[0..n) (without its final period). */
abbrev_class text_abbrev_class(const char *w, size_t n);

/* 1 when w[0..n) (without its final period) is a dotted abbreviation such as
   "U.S", "U.N", "e.g", "a.m", "Ph.D": letter groups of at most three letters
   joined by single periods, at least two groups. */
int text_is_dotted_abbrev(const char *w, size_t n);

/* 1 when w[0..n) is a capitalised word that commonly begins a sentence
   ("The", "He", "But", "In", ...): after an ambiguous abbreviation ("in the
   U.S. The next day") such a word is taken as the start of a new sentence. */
int text_is_sentence_starter(const char *w, size_t n);

#endif
