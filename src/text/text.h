/*
** text.h: from cleaned document text to sentences and tokens.
**
** The text layer is a pure function of bytes (plus the frozen word table): it
** never allocates per token (output goes into caller-owned growable arrays that
** are cleared, not freed, between documents) and it keeps byte offsets into the
** document text for every sentence and token, so that every event can point
** back to the exact bytes that produced it.
**
**   text_normalize()        raw bytes -> valid NFC UTF-8 (problems reported)
**   text_split_sentences()  text -> sentences (abbreviation-, quote-, number-aware)
**   text_tokenize()         one sentence -> tokens with word ids and flags
*/
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "text/wordtab.h"
#include "util/diag.h"
#include "util/strbuf.h"
#include "util/vec.h"

/* A byte range [start, end) in a document's text. */
typedef struct span {
    uint32_t start, end;
} span;

typedef enum token_kind {
    TOK_WORD,       /* letters, possibly with digits, inner hyphens/apostrophes/periods */
    TOK_NUMBER,     /* 12, 1,000, 3.5, 2%, 1990s */
    TOK_PUNCT,      /* one punctuation character (or an ellipsis / a dash run) */
    TOK_SYMBOL      /* anything else ($, emoji, ...) */
} token_kind;

enum token_flags {
    TOKF_CAPITALIZED = 1u << 0,  /* first letter is upper case */
    TOKF_ALLCAPS     = 1u << 1,  /* two or more letters, none lower case */
    TOKF_SENT_START  = 1u << 2,  /* first token of its sentence */
    TOKF_POSSESSIVE  = 1u << 3,  /* the "'s" or "'" split off a word ("Japan's" -> Japan 's) */
    TOKF_ABBREV      = 1u << 4,  /* word keeps a final period: "U.S.", "Gen.", "Jan." */
    TOKF_HYPHENATED  = 1u << 5,  /* word has an inner hyphen: "self-propelled" */
    TOKF_QUOTE       = 1u << 6,  /* a quotation mark (straight or typographic) */
    TOKF_COMMA       = 1u << 7,
    TOKF_CLAUSE_END  = 1u << 8,  /* ; or : */
    TOKF_DASH        = 1u << 9,  /* - -- or an en/em dash standing alone */
    TOKF_PAREN_OPEN  = 1u << 10, /* ( [ { */
    TOKF_PAREN_CLOSE = 1u << 11,
    TOKF_SENT_END    = 1u << 12, /* . ! ? that ends the sentence */
    TOKF_IN_TITLE    = 1u << 13  /* the token belongs to the document's title */
};

typedef struct token {
    uint32_t start, end;    /* byte span in the document text */
    word_id word;           /* folded form in the word table, or WORD_NONE */
    uint16_t flags;         /* enum token_flags */
    uint8_t kind;           /* token_kind */
    uint8_t reserved;
} token;

typedef struct sentence {
    uint32_t start, end;    /* byte span in the document text (trimmed) */
    uint32_t paragraph;     /* 0-based paragraph number; the title is paragraph 0 */
    uint8_t in_title;       /* 1 for sentences of the title */
} sentence;

typedef VEC(token) token_vec;
typedef VEC(sentence) sentence_vec;

/* Validate and normalise raw input bytes into out (appended):
   - invalid UTF-8 sequences become U+FFFD, each reported (once per input, with
     the byte offset of the first and a count) as a warning;
   - NUL bytes and C0 controls other than \t \n are dropped (reported likewise);
     a run of controls other than NUL standing between two characters is
     left as one blank, since feeds use them as separators;
     \r\n and \r become \n; U+00A0 and other Unicode spaces become ' ';
   - the result is NFC (utf8proc).
   `name` names the input in diagnostics.  Returns 0, or -1 on out of memory. */
int text_normalize(const char *in, size_t len, const char *name, strbuf *out, diag_sink *diags);

/* Append the sentences of text[0..len) to out.  The first title_len bytes are
   the document's title: its sentences are marked in_title and never run into
   the body.  A blank line (or a single newline before a line that starts a new
   paragraph) ends a sentence.  Sentence-final periods are told from those of
   abbreviations (Mr., Gen., U.S., Jan., No., initials), decimal numbers, and
   ellipses; closing quotes and brackets stay with their sentence.  Returns the
   number of sentences appended, or -1 on out of memory. */
long text_split_sentences(const char *text, size_t len, size_t title_len, sentence_vec *out);

/* Append the tokens of text[s.start..s.end) to out, looking each word's folded
   form up in wt (wt may be NULL: every word is then WORD_NONE).  Returns the
   number of tokens appended, or -1 on out of memory. */
long text_tokenize(const wordtab *wt, const char *text, const sentence *s, token_vec *out);

/* Word lookups put off by text_tokenize_deferred, to be done together by
   text_tokenize_resolve: over a whole document, the lookups' waits for memory
   (a full dictionary's word table is megabytes) overlap.  Zero-initialise;
   keep it between documents (its storage is reused); vec_free both fields. */
typedef struct text_word_queue {
    VEC(char) keys;         /* the folded keys, back to back */
    VEC(uint32_t) items;    /* per lookup: token index in out, key offset, key length */
} text_word_queue;

/* text_tokenize with every word's lookup queued in q instead of done: the
   tokens' words stay WORD_NONE until text_tokenize_resolve.  Returns the
   number of tokens appended, or -1 on out of memory. */
long text_tokenize_deferred(const char *text, const sentence *s, token_vec *out,
                            text_word_queue *q);

/* Look up every word queued in q (whose tokens are in out), set the tokens'
   words, and empty q.  The same ids as text_tokenize would have set. */
void text_tokenize_resolve(const wordtab *wt, token_vec *out, text_word_queue *q);

/* Fold a token's text into buf (see wordtab_fold); returns its length. */
size_t text_token_key(const char *text, const token *t, char *buf, size_t cap);

#endif
