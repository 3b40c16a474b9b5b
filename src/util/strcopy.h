/*
** strcopy.h: bounded copies into the small fixed buffers the coder fills.
**
** Actor codes, roles and the like live in char arrays of a few bytes
** (ACTOR_CODE_MAX).  These functions do what snprintf(dst, cap, "%s", src)
** and snprintf(dst, cap, "%s%s", a, b) do (copy what fits, always
** NUL-terminate when cap > 0, return the length the whole result would have)
** without running a format parser for every noun phrase: the coder builds
** such strings for nearly every actor it meets, and snprintf was 3% of a run.
*/
#ifndef DYAD_STRCOPY_H
#define DYAD_STRCOPY_H

#include <stddef.h>
#include <string.h>

/* At most max bytes of src (fewer if it ends sooner) at dst + at, within cap;
   returns the bytes src offered (up to max). */
static inline size_t str_put(char *dst, size_t cap, size_t at, const char *src, size_t max)
{
    size_t n = 0;
    while (n < max && src[n])
        n++;
    if (at + 1 < cap) {
        size_t room = cap - 1 - at;
        memcpy(dst + at, src, n < room ? n : room);
    }
    return n;
}

/* snprintf(dst, cap, "%s", src) */
static inline size_t str_copy(char *dst, size_t cap, const char *src)
{
    size_t n = str_put(dst, cap, 0, src, (size_t)-1);
    if (cap)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* snprintf(dst, cap, "%.*s", (int)max, src) */
static inline size_t str_copy_n(char *dst, size_t cap, const char *src, size_t max)
{
    size_t n = str_put(dst, cap, 0, src, max);
    if (cap)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* snprintf(dst, cap, "%s%s", a, b); dst must not overlap a or b */
static inline size_t str_concat(char *dst, size_t cap, const char *a, const char *b)
{
    size_t na = str_put(dst, cap, 0, a, (size_t)-1);
    size_t nb = str_put(dst, cap, na, b, (size_t)-1);
    size_t n = na + nb;
    if (cap)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

#endif
