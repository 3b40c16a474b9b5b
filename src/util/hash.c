/* hash.c: thin wrappers over xxHash's XXH3; see hash.h. */
#include "util/hash.h"

#include <stdio.h>
#include <xxhash.h>

content_hash content_hash_of(const void *data, size_t len)
{
    XXH128_hash_t h = XXH3_128bits(data, len);
    content_hash out = {h.high64, h.low64};
    return out;
}

void content_hash_hex(content_hash h, char buf[33])
{
    snprintf(buf, 33, "%016llx%016llx", (unsigned long long)h.hi, (unsigned long long)h.lo);
}

uint64_t hash64(const void *data, size_t len)
{
    return XXH3_64bits(data, len);
}

uint64_t hash64_seeded(const void *data, size_t len, uint64_t seed)
{
    return XXH3_64bits_withSeed(data, len, seed);
}
