/*
** wordtab.h: the word table, where every word form gets an integer id.
**
** The dictionary loader interns every word of every phrase (actors, agents,
** verb forms, pattern words, synset members) while it builds the dictionary
** set, then freezes the table.  The tokenizer looks each token of the text up
** once; from then on the coder compares integers, never strings.  A token whose
** form no dictionary uses gets WORD_NONE: it can match nothing but a gap.
**
** Keys are folded forms (see wordtab_fold): upper case, typographic apostrophes
** and dashes made ASCII.  Lookups on a frozen table are read-only and safe from
** any number of threads.
*/
#ifndef DYAD_WORDTAB_H
#define DYAD_WORDTAB_H

#include <stddef.h>
#include <stdint.h>

#define WORD_NONE 0u

typedef uint32_t word_id;
typedef struct wordtab wordtab;

wordtab *wordtab_new(void);
void wordtab_free(wordtab *wt);

/* The id of a folded key, adding it when new; WORD_NONE when out of memory or
   when the table is frozen and the key is absent. */
word_id wordtab_intern(wordtab *wt, const char *key, size_t len);

/* The id of a folded key, or WORD_NONE. */
word_id wordtab_lookup(const wordtab *wt, const char *key, size_t len);

/* ids[i] = wordtab_lookup(wt, keys[i], lens[i]) for i < n, faster than one by
   one when the table is large (the keys' memory accesses overlap). */
void wordtab_lookup_batch(const wordtab *wt, const char *const keys[], const uint32_t lens[],
                          word_id ids[], size_t n);

/* The key of an id (NUL-terminated), or "" for WORD_NONE. */
const char *wordtab_key(const wordtab *wt, word_id id);
size_t wordtab_key_len(const wordtab *wt, word_id id);

/* Number of ids handed out, plus one (ids run 1..count-1). */
uint32_t wordtab_count(const wordtab *wt);

/* After this, intern only looks up. */
void wordtab_freeze(wordtab *wt);

/* Bytes of memory the table holds. */
size_t wordtab_memory(const wordtab *wt);

/* Fold the raw word s[0..len) into its key form in out[0..cap): ASCII upper
   case; U+2018/U+2019/U+02BC -> '\''; U+2010..U+2015 -> '-'; other non-ASCII
   letters upper-cased with utf8proc.  Returns the key length (which may exceed
   cap: then out holds a truncated key and the caller should treat the word as
   unknown). */
size_t wordtab_fold(const char *s, size_t len, char *out, size_t cap);

#endif
