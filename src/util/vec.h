/*
** vec.h: growable arrays of any element type.
**
**     VEC(token) tokens = {0};
**     if (vec_push(&tokens, t) != 0) return DYAD_ENOMEM;
**     for (size_t i = 0; i < tokens.len; i++) use(tokens.items[i]);
**     vec_free(&tokens);
**
** Growth doubles the capacity, so pushes are amortised O(1).  vec_clear keeps the
** storage, which is what a per-document buffer wants.
*/
#ifndef DYAD_VEC_H
#define DYAD_VEC_H

#include <stddef.h>
#include <stdlib.h>

#define VEC(T) struct { T *items; size_t len, cap; }

/* Make room for at least `need` elements of size `elem`; 0 on success, -1 on OOM. */
int vec_reserve_(void **items, size_t *cap, size_t elem, size_t need);

#define vec_reserve(v, n) \
    vec_reserve_((void **)&(v)->items, &(v)->cap, sizeof *(v)->items, (n))

#define vec_push(v, x)                                                        \
    (((v)->len < (v)->cap || vec_reserve((v), (v)->len + 1) == 0)             \
         ? ((v)->items[(v)->len++] = (x), 0)                                  \
         : -1)

/* Pointer to a new zeroed slot at the end, or NULL on OOM. */
#define vec_push_zero(v)                                                      \
    (((v)->len < (v)->cap || vec_reserve((v), (v)->len + 1) == 0)             \
         ? (memset(&(v)->items[(v)->len], 0, sizeof *(v)->items),             \
            &(v)->items[(v)->len++])                                          \
         : NULL)

#define vec_last(v) (&(v)->items[(v)->len - 1])
#define vec_clear(v) ((v)->len = 0)
#define vec_free(v) (free((v)->items), (v)->items = NULL, (v)->len = (v)->cap = 0)

#endif
