/*
** wordtab.c: open-addressing hash table from folded word keys to dense ids.
**
** Keys live in one growing pool, each behind a record header (its id and
** length); slots hold (hash, where the record is), so that a lookup reads a slot
** and then one place in the pool, where the id, the length and the key bytes
** are together (for a table of megabytes each is a cache miss).  Ids are dense
** so that per-word data elsewhere (phrase trie roots, verb forms) can be plain
** arrays indexed by id; keys[id] says where an id's key is.  The load factor
** stays under 1/2, so a lookup is about one probe: this is the tokenizer's hot
** path.
*/
#include "text/wordtab.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/hash.h"
#include "util/swar.h"

typedef struct slot {
    uint32_t hash32;
    uint32_t rec;       /* offset of the key's record in pool; 0 = empty */
} slot;

/* A record in pool: the header, then the key's bytes and a NUL. */
typedef struct rec_header {
    uint32_t id;
    uint32_t len;
} rec_header;

typedef struct keyref { /* where an id's key is: one read finds both */
    uint32_t offset;    /* start of the key in pool */
    uint32_t len;
} keyref;

struct wordtab {
    slot *slots;
    uint32_t mask;      /* slot count - 1 (power of two) */
    uint32_t count;     /* ids used, plus one */
    uint32_t cap_ids;
    keyref *keys;       /* by id */
    char *pool;
    size_t pool_len, pool_cap;
    int frozen;
};

wordtab *wordtab_new(void)
{
    wordtab *wt = calloc(1, sizeof *wt);
    if (!wt)
        return NULL;
    wt->mask = 1023;
    wt->slots = calloc(wt->mask + 1, sizeof(slot));
    wt->cap_ids = 512;
    wt->keys = malloc(wt->cap_ids * sizeof(keyref));
    wt->pool_cap = 8192;
    wt->pool = malloc(wt->pool_cap);
    if (!wt->slots || !wt->keys || !wt->pool) {
        wordtab_free(wt);
        return NULL;
    }
    wt->count = 1;
    wt->keys[0] = (keyref){0, 0}; /* WORD_NONE's key: "" (no record starts at 0) */
    wt->pool[0] = '\0';
    wt->pool_len = 1;
    return wt;
}

void wordtab_free(wordtab *wt)
{
    if (!wt)
        return;
    free(wt->slots);
    free(wt->keys);
    free(wt->pool);
    free(wt);
}

/* The n <= 8 bytes at p as memcpy into a zeroed uint64_t would give them on a
   little-endian machine, without the library call a variable-length memcpy
   becomes: two overlapping loads (overlapping bytes are the same bytes). */
static inline uint64_t load_tail(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, u, 4);
        memcpy(&b, u + n - 4, 4);
        return a | ((uint64_t)b << (8 * (n - 4)));
    }
    if (n == 0)
        return 0;
    return u[0] | ((uint64_t)u[n / 2] << (8 * (n / 2))) | ((uint64_t)u[n - 1] << (8 * (n - 1)));
}

/* memcmp(a, b, n) == 0, inline for keys up to 16 bytes. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    if (n <= 8)
        return load_tail(a, n) == load_tail(b, n);
    if (n <= 16) {
        uint64_t a0, b0, a1, b1;
        memcpy(&a0, a, 8);
        memcpy(&b0, b, 8);
        memcpy(&a1, a + n - 8, 8);
        memcpy(&b1, b + n - 8, 8);
        return a0 == b0 && a1 == b1;
    }
    return memcmp(a, b, n) == 0;
}

/* Word keys are short (a word is 7 bytes on average): up to 16 bytes they are
   hashed inline from two 8-byte loads, longer ones by XXH3.  This is the
   tokenizer's hottest call. */
static inline uint32_t key_hash(const char *key, size_t len)
{
    uint64_t h;
    if (len <= 8) {
        h = load_tail(key, len) ^ ((uint64_t)len << 59);
        h *= 0x9E3779B97F4A7C15ULL;
    } else if (len <= 16) {
        uint64_t a, b;
        memcpy(&a, key, 8);
        b = load_tail(key + 8, len - 8);
        h = (a * 0x9E3779B97F4A7C15ULL) ^ ((b + len) * 0xC2B2AE3D27D4EB4FULL);
        h ^= h >> 29;
        h *= 0x165667B19E3779F9ULL;
    } else {
        h = hash64(key, len);
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* The id of the record at rec when its key is key[0..len), else WORD_NONE. */
static inline word_id record_id(const wordtab *wt, uint32_t rec, const char *key, size_t len)
{
    rec_header h;
    memcpy(&h, wt->pool + rec, sizeof h);
    return h.len == len && same_bytes(wt->pool + rec + sizeof h, key, len) ? h.id : WORD_NONE;
}

/* The id of key (hashed h), probing from slot i on. */
static inline word_id probe_from(const wordtab *wt, uint32_t i, uint32_t h, const char *key,
                                 size_t len)
{
    for (;; i = (i + 1) & wt->mask) {
        const slot *s = &wt->slots[i];
        if (!s->rec)
            return WORD_NONE;
        if (s->hash32 == h) {
            word_id id = record_id(wt, s->rec, key, len);
            if (id != WORD_NONE)
                return id;
        }
    }
}

word_id wordtab_lookup(const wordtab *wt, const char *key, size_t len)
{
    uint32_t h = key_hash(key, len);
    return probe_from(wt, h & wt->mask, h, key, len);
}

/* A lookup waits on two cache misses one after the other (the slot, then the
   record): for a table of megabytes that is most of its time.  Here the keys
   go through those steps as a pipeline, a group of GROUP keys a step behind
   the next: while one group's keys are compared, the next group's records and
   the one after's slots are already on their way, so that the waits overlap. */
#define GROUP 32
#define CHUNK 256 /* keys whose hashes and slots are held at once */

void wordtab_lookup_batch(const wordtab *wt, const char *const keys[], const uint32_t lens[],
                          word_id ids[], size_t n)
{
    uint32_t hash[CHUNK], at[CHUNK];
    for (size_t base = 0; base < n; base += CHUNK) {
        size_t m = n - base < CHUNK ? n - base : CHUNK;
        const char *const *k = keys + base;
        const uint32_t *l = lens + base;
        for (size_t g = 0; g < m + 2 * GROUP; g += GROUP) {
            /* step 1, keys [g, g + GROUP): hash, ask for the slot */
            for (size_t i = g; i < g + GROUP && i < m; i++) {
                hash[i] = key_hash(k[i], l[i]);
                at[i] = hash[i] & wt->mask;
                __builtin_prefetch(&wt->slots[at[i]]);
            }
            /* step 2, the group before: the first slot that may hold it, ask
               for its record */
            for (size_t i = g - GROUP; g >= GROUP && i < g && i < m; i++) {
                uint32_t j = at[i];
                while (wt->slots[j].rec && wt->slots[j].hash32 != hash[i])
                    j = (j + 1) & wt->mask;
                at[i] = j;
                if (wt->slots[j].rec)
                    __builtin_prefetch(wt->pool + wt->slots[j].rec);
            }
            /* step 3, two groups before: the lookup itself */
            for (size_t i = g - 2 * GROUP; g >= 2 * GROUP && i < g - GROUP && i < m; i++)
                ids[base + i] = probe_from(wt, at[i], hash[i], k[i], l[i]);
        }
    }
}

static int grow_slots(wordtab *wt)
{
    uint32_t nmask = wt->mask * 2 + 1;
    slot *ns = calloc((size_t)nmask + 1, sizeof(slot));
    if (!ns)
        return -1;
    for (uint32_t i = 0; i <= wt->mask; i++) {
        slot s = wt->slots[i];
        if (!s.rec)
            continue;
        uint32_t j = s.hash32 & nmask;
        while (ns[j].rec)
            j = (j + 1) & nmask;
        ns[j] = s;
    }
    free(wt->slots);
    wt->slots = ns;
    wt->mask = nmask;
    return 0;
}

static int grow_ids(wordtab *wt)
{
    uint32_t ncap = wt->cap_ids * 2;
    keyref *nk = realloc(wt->keys, ncap * sizeof(keyref));
    if (!nk)
        return -1;
    wt->keys = nk;
    wt->cap_ids = ncap;
    return 0;
}

/* Append id's record (4-byte aligned); *offset gets where its key starts. */
static int pool_append(wordtab *wt, uint32_t id, const char *key, size_t len, uint32_t *rec,
                       uint32_t *offset)
{
    size_t start = (wt->pool_len + 3) & ~(size_t)3;
    size_t need = start + sizeof(rec_header) + len + 1;
    if (need > wt->pool_cap) {
        size_t ncap = wt->pool_cap;
        while (need > ncap)
            ncap *= 2;
        if (ncap > UINT32_MAX)
            return -1;
        char *np = realloc(wt->pool, ncap);
        if (!np)
            return -1;
        wt->pool = np;
        wt->pool_cap = ncap;
    }
    memset(wt->pool + wt->pool_len, 0, start - wt->pool_len);
    rec_header h = {id, (uint32_t)len};
    memcpy(wt->pool + start, &h, sizeof h);
    memcpy(wt->pool + start + sizeof h, key, len);
    wt->pool[start + sizeof h + len] = '\0';
    wt->pool_len = need;
    *rec = (uint32_t)start;
    *offset = (uint32_t)(start + sizeof h);
    return 0;
}

word_id wordtab_intern(wordtab *wt, const char *key, size_t len)
{
    word_id found = wordtab_lookup(wt, key, len);
    if (found || wt->frozen || len == 0)
        return found;
    if ((wt->count + 1) * 2 > wt->mask + 1 && grow_slots(wt) != 0)
        return WORD_NONE;
    if (wt->count == wt->cap_ids && grow_ids(wt) != 0)
        return WORD_NONE;
    uint32_t rec, offset;
    if (pool_append(wt, wt->count, key, len, &rec, &offset) != 0)
        return WORD_NONE;
    uint32_t id = wt->count++;
    wt->keys[id] = (keyref){offset, (uint32_t)len};
    uint32_t h = key_hash(key, len);
    uint32_t i = h & wt->mask;
    while (wt->slots[i].rec)
        i = (i + 1) & wt->mask;
    wt->slots[i].hash32 = h;
    wt->slots[i].rec = rec;
    return id;
}

const char *wordtab_key(const wordtab *wt, word_id id)
{
    if (id == WORD_NONE || id >= wt->count)
        return "";
    return wt->pool + wt->keys[id].offset;
}

size_t wordtab_key_len(const wordtab *wt, word_id id)
{
    if (id == WORD_NONE || id >= wt->count)
        return 0;
    return wt->keys[id].len;
}

uint32_t wordtab_count(const wordtab *wt)
{
    return wt->count;
}

void wordtab_freeze(wordtab *wt)
{
    wt->frozen = 1;
}

size_t wordtab_memory(const wordtab *wt)
{
    return sizeof *wt + ((size_t)wt->mask + 1) * sizeof(slot) +
           (size_t)wt->cap_ids * sizeof(keyref) + wt->pool_cap;
}

size_t wordtab_fold(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    size_t i = 0;
    if (len <= cap) { /* the usual word: ASCII that fits, folded without checks */
        for (; i + 8 <= len; i += 8) {
            uint64_t x = swar_load(s + i);
            if (x & SWAR_HIGH)
                break;
            x -= swar_in_range(x, 'a', 'z') >> 2;
            memcpy(out + i, &x, 8);
        }
        for (; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80)
                break;
            out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : (char)c;
        }
        n = i; /* ASCII maps byte to byte: the general loop goes on from here */
    }
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (n < cap)
                out[n] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : (char)c;
            n++;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) { /* invalid byte: keep it, the text layer reported it */
            if (n < cap)
                out[n] = (char)c;
            n++;
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032) {
            if (n < cap)
                out[n] = '\'';
            n++;
            continue;
        }
        if (cp >= 0x2010 && cp <= 0x2015) {
            if (n < cap)
                out[n] = '-';
            n++;
            continue;
        }
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_toupper(cp), buf);
        for (utf8proc_ssize_t j = 0; j < w; j++) {
            if (n < cap)
                out[n] = (char)buf[j];
            n++;
        }
    }
    return n;
}
