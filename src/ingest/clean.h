/*
** clean.h: helpers of the article cleaner (src/ingest only).
*/
#ifndef DYAD_CLEAN_H
#define DYAD_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Append s[0..n) to out without HTML tags, entities and Markdown emphasis (see
   markup.c).  Returns 1 when an entity produced a non-ASCII character. */
int markup_strip(const char *s, size_t n, strbuf *out);

/* Find a calendar date written in s[0..n) ("February 06, 2023", "2 Feb 2023",
   "2023-02-06", "Sunday, 5 March 2023").  On success stores its byte range and
   day number and returns 1. */
int find_date(const char *s, size_t n, size_t *start, size_t *end, int32_t *days);

#endif
