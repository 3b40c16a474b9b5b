/*
** arena.h: a bump allocator for memory that dies together.
**
** Coding a document allocates many small things (tokens, phrases, candidate
** events) whose lifetimes all end when the document is done.  Instead of a
** malloc/free per object, they come from an arena that is reset between
** documents: allocation is a pointer bump, and freeing is one call.  The arena
** keeps its largest block across resets, so a worker thread that codes a
** million documents reaches a steady state with no allocation at all.
**
** Allocation failure is reported by returning NULL (errors are values); no
** function here aborts.
*/
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;      /* current block; older blocks chain behind it */
    size_t default_size;    /* size of a new block when a request fits */
    size_t bytes_used;      /* total handed out since the last reset */
} arena;

/* Prepare an empty arena whose blocks are at least block_size bytes. */
void arena_init(arena *a, size_t block_size);

/* size bytes aligned for any type, or NULL when memory is exhausted. */
void *arena_alloc(arena *a, size_t size);

/* Like arena_alloc, but zero-filled. */
void *arena_calloc(arena *a, size_t count, size_t size);

/* A NUL-terminated copy of s[0..len) in the arena. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

/* Forget everything allocated, keeping the largest block for reuse. */
void arena_reset(arena *a);

/* Release all memory. The arena may be reused after arena_init. */
void arena_free(arena *a);

#endif
