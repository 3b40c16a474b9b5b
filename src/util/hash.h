/*
** hash.h: the hashes dyad uses, all from xxHash (Debian's libxxhash).
**
** content_hash identifies a document by its bytes (re-ingesting the same text
** changes nothing in the store); hash64 is the fast general-purpose hash for
** hash tables and shingles.
*/
#ifndef DYAD_HASH_H
#define DYAD_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct content_hash {
    uint64_t hi, lo;
} content_hash;

content_hash content_hash_of(const void *data, size_t len);

/* 32 lowercase hex digits and a NUL into buf[33]. */
void content_hash_hex(content_hash h, char buf[33]);

uint64_t hash64(const void *data, size_t len);
uint64_t hash64_seeded(const void *data, size_t len, uint64_t seed);

#endif
