/*
** map.c: the open-addressing hash table behind the phrase trie and the stem trie.
**
** Keys are 64-bit integers that pack (node, label); values are child node ids.
** Fibonacci hashing (multiply, keep the top bits) spreads the packed keys well
** enough that linear probing stays short at a load factor under 1/2, so a trie
** step is one multiplication and, nearly always, one cache line.
*/
#include "dict/dict_internal.h"

#include <stdlib.h>

static int map_grow(u64map *m)
{
    uint32_t nslots = m->mask ? (m->mask + 1) * 2 : 1024;
    int shift = 64;
    for (uint32_t n = nslots; n > 1; n >>= 1)
        shift--;
    u64map_slot *ns = malloc((size_t)nslots * sizeof *ns);
    if (!ns)
        return -1;
    for (uint32_t i = 0; i < nslots; i++)
        ns[i].key = U64MAP_EMPTY;
    uint32_t nmask = nslots - 1;
    for (uint32_t i = 0; m->mask && i <= m->mask; i++) {
        u64map_slot s = m->slots[i];
        if (s.key == U64MAP_EMPTY)
            continue;
        uint32_t j = (uint32_t)((s.key * 0x9E3779B97F4A7C15ull) >> shift);
        while (ns[j].key != U64MAP_EMPTY)
            j = (j + 1) & nmask;
        ns[j] = s;
    }
    free(m->slots);
    m->slots = ns;
    m->mask = nmask;
    m->shift = shift;
    return 0;
}

int u64map_put(u64map *m, uint64_t key, uint32_t val, uint32_t *found)
{
    if ((m->count + 1) * 2 > (m->mask ? m->mask + 1 : 0) && map_grow(m) != 0)
        return -1;
    uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> m->shift);
    for (;; i = (i + 1) & m->mask) {
        u64map_slot *s = &m->slots[i];
        if (s->key == key) {
            if (found)
                *found = s->val;
            return 0;
        }
        if (s->key == U64MAP_EMPTY) {
            s->key = key;
            s->val = val;
            m->count++;
            if (found)
                *found = val;
            return 0;
        }
    }
}

void u64map_free(u64map *m)
{
    free(m->slots);
    m->slots = NULL;
    m->mask = 0;
    m->count = 0;
}

size_t u64map_memory(const u64map *m)
{
    return m->mask ? ((size_t)m->mask + 1) * sizeof(u64map_slot) : 0;
}
