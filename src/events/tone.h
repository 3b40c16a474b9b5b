/*
** tone.h: a document's tone, GDELT style.
**
** tone = (positive words - negative words) / words * 100, so -100..+100 and in
** practice -10..+10 for news.  Words are runs of letters (ASCII letters, any
** non-ASCII UTF-8 letter bytes, inner apostrophes); numbers are not words.
**
** The word lists are compiled in (tone_words.c): a few hundred common English
** news words of each polarity, written for dyad.  Compiled in rather than read
** from data/ so that the store scores every document the same way whatever
** directory a command runs from, and so that a score never depends on a file
** that may be missing; tone_lexicon_load adds or replaces lists for
** experiments and tests.
**
** An entry ending in '*' is a stem ("attack*" matches attack, attacks,
** attacked, attacker); other entries match the whole word.  Matching folds
** ASCII case.  A lexicon is read-only once built and may be shared by threads.
*/
#ifndef DYAD_TONE_H
#define DYAD_TONE_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

typedef struct tone_lexicon tone_lexicon;

typedef struct tone_score {
    uint32_t words, positive, negative;
    double tone;            /* (positive - negative) / words * 100; 0 for no words */
    double positive_pct;    /* positive / words * 100 */
    double negative_pct;
} tone_score;

/* An empty lexicon, or NULL on out of memory. */
tone_lexicon *tone_lexicon_new(void);

/* The built-in lists, or NULL on out of memory. */
tone_lexicon *tone_lexicon_builtin(void);

void tone_lexicon_free(tone_lexicon *lx);

/* Add a word (or "stem*") with polarity +1 or -1; a later entry for the same
   word replaces the earlier one.  Returns 0, or -1 on out of memory or an
   entry that is empty or longer than 63 bytes. */
int tone_lexicon_add(tone_lexicon *lx, const char *word, size_t len, int polarity);

/* Load lines "+word" / "-word" ("#" comments, blank lines ignored); a bad line
   is reported to diags (named `name`) and skipped.  Returns the number of
   entries added, or -1 on out of memory. */
long tone_lexicon_load(tone_lexicon *lx, const char *text, size_t len, const char *name,
                       diag_sink *diags);

size_t tone_lexicon_size(const tone_lexicon *lx);

/* Score text[0..len). */
void tone_of_text(const tone_lexicon *lx, const char *text, size_t len, tone_score *out);

/* The built-in lists (NULL-terminated), for documentation and tests. */
extern const char *const tone_builtin_positive[];
extern const char *const tone_builtin_negative[];

#endif
