/*
** bench_corpus.h: the corpora `dyad bench` measures on.
**
** Two ways to get at least N bytes of news-like JSONL into a file:
**
**   bench_replicate   concatenates real corpus files (whole files, in order)
**                     again and again until the size is reached, so the text
**                     the coder sees is real news and only its repetition is
**                     artificial;
**   bench_synthesize  writes a generated corpus when no real one is at hand
**                     (a fresh machine without ../shared): documents of two to
**                     seven sentences built by a fixed pseudo-random generator
**                     from small lists of actors, verb phrases, places, times
**                     and everyday non-political sentences, with news-wire
**                     shapes (datelines, agency prefixes, quotes, numbers).
**                     The same seed gives the same bytes on every machine.
**
** Both write to a FILE * and return the number of bytes written, or -1 when
** an input cannot be read or the output cannot be written.
*/
#ifndef DYAD_CLI_BENCH_CORPUS_H
#define DYAD_CLI_BENCH_CORPUS_H

#include <stdint.h>
#include <stdio.h>

int64_t bench_replicate(FILE *out, const char *const *inputs, int n_inputs, uint64_t min_bytes);
int64_t bench_synthesize(FILE *out, uint64_t min_bytes, uint64_t seed);

#endif
