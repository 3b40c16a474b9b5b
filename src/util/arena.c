/*
** arena.c: bump allocation in chained blocks; see arena.h for why.
*/
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size;            /* usable bytes in data[] */
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

#define ARENA_ALIGN (_Alignof(max_align_t))

void arena_init(arena *a, size_t block_size)
{
    a->head = NULL;
    a->default_size = block_size < 1024 ? 1024 : block_size;
    a->bytes_used = 0;
}

static arena_block *arena_new_block(size_t size)
{
    arena_block *b = malloc(sizeof(arena_block) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *arena_alloc(arena *a, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size)
        return NULL; /* overflow */
    arena_block *b = a->head;
    if (!b || b->size - b->used < rounded) {
        size_t want = rounded > a->default_size ? rounded : a->default_size;
        arena_block *nb = arena_new_block(want);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += rounded;
    a->bytes_used += rounded;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_reset(arena *a)
{
    /* Keep the largest block: it is the one a steady workload needs. */
    arena_block *keep = NULL;
    for (arena_block *b = a->head; b;) {
        arena_block *next = b->next;
        if (!keep || b->size > keep->size) {
            if (keep)
                free(keep);
            keep = b;
        } else {
            free(b);
        }
        b = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->bytes_used = 0;
}

void arena_free(arena *a)
{
    for (arena_block *b = a->head; b;) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->bytes_used = 0;
}
