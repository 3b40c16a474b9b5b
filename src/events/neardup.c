/*
** neardup.c: MinHash signatures, LSH band keys and an in-memory band index;
** see neardup.h for the method and its numbers.
**
** Word hashes are FNV-1a over ASCII-folded bytes, finished with the splitmix64
** mixer; a shingle hash mixes three word hashes in order.  The K hash
** functions are multiply-shift hashes whose constants come from a fixed
** splitmix64 sequence: they are part of the stored format (signatures in a
** store must stay comparable across versions), so never change them.
*/
#include "events/neardup.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* The i-th constant of the fixed sequence. */
static uint64_t seq(uint64_t i)
{
    return mix64(0x9e3779b97f4a7c15ULL * (i + 1) + 0x6479616400000000ULL /* "dyad" */);
}

/* Word characters: ASCII letters and digits, and non-ASCII bytes except those
   of general punctuation U+2000..U+206F (E2 80 xx, E2 81 xx) and of U+00A0
   (C2 A0). */
static size_t separator_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        int word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return word ? 0 : 1;
    }
    if (c == 0xE2 && i + 2 < len && (s[i + 1] == 0x80 || s[i + 1] == 0x81))
        return 3;
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
        return 2;
    return 0;
}

void minhash_of_text(const char *text, size_t len, minhash *out)
{
    uint64_t a[MINHASH_K], b[MINHASH_K];
    for (size_t k = 0; k < MINHASH_K; k++) {
        a[k] = seq(2 * k) | 1;
        b[k] = seq(2 * k + 1);
        out->v[k] = UINT32_MAX;
    }
    out->shingles = 0;

    const unsigned char *s = (const unsigned char *)text;
    uint64_t w[NEARDUP_SHINGLE] = {0};
    size_t n_words = 0, i = 0;
    while (i < len) {
        size_t sep = separator_len(s, i, len);
        if (sep) {
            i += sep;
            continue;
        }
        uint64_t h = 0xcbf29ce484222325ULL;
        while (i < len && !separator_len(s, i, len)) {
            unsigned char c = s[i++];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = (h ^ c) * 0x100000001b3ULL;
        }
        memmove(w, w + 1, sizeof w - sizeof w[0]);
        w[NEARDUP_SHINGLE - 1] = mix64(h);
        n_words++;
        if (n_words < NEARDUP_SHINGLE)
            continue;
        uint64_t sh = w[0];
        for (size_t j = 1; j < NEARDUP_SHINGLE; j++)
            sh = mix64(sh ^ (w[j] + 0x9e3779b97f4a7c15ULL));
        for (size_t k = 0; k < MINHASH_K; k++) {
            uint32_t v = (uint32_t)((a[k] * sh + b[k]) >> 32);
            if (v < out->v[k])
                out->v[k] = v;
        }
        out->shingles++;
    }
    if (n_words > 0 && n_words < NEARDUP_SHINGLE) {
        /* a text shorter than a shingle is one shingle of all its words */
        uint64_t sh = w[NEARDUP_SHINGLE - n_words];
        for (size_t j = NEARDUP_SHINGLE - n_words + 1; j < NEARDUP_SHINGLE; j++)
            sh = mix64(sh ^ (w[j] + 0x9e3779b97f4a7c15ULL));
        for (size_t k = 0; k < MINHASH_K; k++)
            out->v[k] = (uint32_t)((a[k] * sh + b[k]) >> 32);
        out->shingles = 1;
    }
}

void minhash_of_document(const document *doc, minhash *out)
{
    size_t start = doc->title_len;
    while (start < doc->text_len && (doc->text[start] == '\n' || doc->text[start] == ' '))
        start++;
    if (start < doc->text_len)
        minhash_of_text(doc->text + start, doc->text_len - start, out);
    else
        minhash_of_text(doc->text, doc->text_len, out);
}

double minhash_similarity(const minhash *a, const minhash *b)
{
    if (!a->shingles || !b->shingles)
        return 0.0;
    unsigned same = 0;
    for (size_t k = 0; k < MINHASH_K; k++)
        same += a->v[k] == b->v[k];
    return (double)same / MINHASH_K;
}

int minhash_near(const minhash *a, const minhash *b)
{
    return minhash_similarity(a, b) >= NEARDUP_THRESHOLD;
}

size_t minhash_bands(const minhash *m, int64_t keys[MINHASH_BANDS])
{
    if (!m->shingles)
        return 0;
    for (size_t band = 0; band < MINHASH_BANDS; band++) {
        uint8_t bytes[4 * MINHASH_ROWS];
        for (size_t r = 0; r < MINHASH_ROWS; r++) {
            uint32_t v = m->v[band * MINHASH_ROWS + r];
            for (size_t j = 0; j < 4; j++)
                bytes[4 * r + j] = (uint8_t)(v >> (8 * j));
        }
        keys[band] = (int64_t)hash64_seeded(bytes, sizeof bytes, band + 1);
    }
    return MINHASH_BANDS;
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (size_t j = 0; j < 4; j++)
        p[j] = (uint8_t)(v >> (8 * j));
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void minhash_encode(const minhash *m, uint8_t out[MINHASH_BYTES])
{
    put_u32(out, m->shingles);
    for (size_t k = 0; k < MINHASH_K; k++)
        put_u32(out + 4 + 4 * k, m->v[k]);
}

int minhash_decode(const void *data, size_t len, minhash *out)
{
    if (!data || len != MINHASH_BYTES)
        return -1;
    const uint8_t *p = data;
    out->shingles = get_u32(p);
    for (size_t k = 0; k < MINHASH_K; k++)
        out->v[k] = get_u32(p + 4 + 4 * k);
    return 0;
}

/* ---- the band index ----------------------------------------------------- */

/* One (document, band key) pair, in a log in add order.  Pairs with the same
   key are chained newest first, so a lookup walks at most `cap` of them however
   many documents share a popular key (boilerplate, a stock paragraph). */
typedef struct band_entry {
    uint32_t key;               /* the high half of the band key */
    uint32_t doc;               /* doc - base */
    uint32_t next_plus_one;     /* the previous entry with this key; 0 = none */
} band_entry;

typedef struct band_head {
    uint32_t key;
    uint32_t entry_plus_one;    /* the newest entry with this key; 0 = empty slot */
} band_head;

struct band_index {
    band_entry *log;
    size_t n_log, log_cap;
    band_head *heads;           /* open addressing, capacity a power of two, <= 5/8 full */
    size_t cap, used;
    int64_t base;               /* ids are stored relative to it */
    size_t docs;
};

band_index *band_index_new(void)
{
    return calloc(1, sizeof(band_index));
}

void band_index_free(band_index *bi)
{
    if (!bi)
        return;
    free(bi->log);
    free(bi->heads);
    free(bi);
}

static uint32_t key32(int64_t key)
{
    return (uint32_t)((uint64_t)key >> 32);
}

static band_head *head_for(band_head *heads, size_t cap, uint32_t key)
{
    size_t i = (size_t)mix64(key) & (cap - 1);
    while (heads[i].entry_plus_one && heads[i].key != key)
        i = (i + 1) & (cap - 1);
    return &heads[i];
}

/* Chain log entry e under its key (heads has room). */
static void link_entry(band_index *bi, size_t e)
{
    band_head *h = head_for(bi->heads, bi->cap, bi->log[e].key);
    if (!h->entry_plus_one) {
        h->key = bi->log[e].key;
        bi->used++;
    }
    bi->log[e].next_plus_one = h->entry_plus_one;
    h->entry_plus_one = (uint32_t)e + 1;
}

/* A fresh head table of at least room keys, with every log entry chained. */
static int relink(band_index *bi, size_t room)
{
    size_t cap = 1024;
    while (room * 8 > cap * 5)
        cap *= 2;
    band_head *heads = calloc(cap, sizeof *heads);
    if (!heads)
        return -1;
    free(bi->heads);
    bi->heads = heads;
    bi->cap = cap;
    bi->used = 0;
    for (size_t e = 0; e < bi->n_log; e++)
        link_entry(bi, e);
    return 0;
}

int band_index_add(band_index *bi, const int64_t keys[MINHASH_BANDS], size_t n_keys, int64_t doc)
{
    if (!bi->n_log)
        bi->base = doc;
    if (doc < bi->base || doc - bi->base >= (int64_t)UINT32_MAX || bi->n_log + n_keys >= UINT32_MAX)
        return -1;
    if (bi->n_log + n_keys > bi->log_cap) {
        size_t cap = bi->log_cap ? bi->log_cap * 2 : 1024;
        while (bi->n_log + n_keys > cap)
            cap *= 2;
        band_entry *log = realloc(bi->log, cap * sizeof *log);
        if (!log)
            return -1;
        bi->log = log;
        bi->log_cap = cap;
    }
    if ((bi->used + n_keys) * 8 > bi->cap * 5 && relink(bi, 2 * (bi->used + n_keys)) != 0)
        return -1;
    for (size_t k = 0; k < n_keys; k++) {
        band_entry *e = &bi->log[bi->n_log];
        e->key = key32(keys[k]);
        e->doc = (uint32_t)(doc - bi->base);
        link_entry(bi, bi->n_log++);
    }
    bi->docs++;
    return 0;
}

size_t band_index_candidates(const band_index *bi, const int64_t keys[MINHASH_BANDS],
                             size_t n_keys, int64_t *out, size_t cap)
{
    size_t n = 0;
    if (!bi->cap)
        return 0;
    for (size_t k = 0; k < n_keys; k++) {
        const band_head *h = head_for(bi->heads, bi->cap, key32(keys[k]));
        size_t walked = 0;
        for (uint32_t e = h->entry_plus_one; e && walked < cap; e = bi->log[e - 1].next_plus_one) {
            walked++;
            int64_t doc = bi->base + bi->log[e - 1].doc;
            size_t j = 0;
            while (j < n && out[j] != doc)
                j++;
            if (j < n)
                continue;
            if (n < cap) {
                out[n++] = doc;
                continue;
            }
            size_t oldest = 0;      /* full: keep the newest */
            for (j = 1; j < n; j++)
                if (out[j] < out[oldest])
                    oldest = j;
            if (doc <= out[oldest])
                break;              /* the rest of this chain is older still */
            out[oldest] = doc;
        }
    }
    for (size_t a = 1; a < n; a++) {    /* newest first */
        int64_t v = out[a];
        size_t b = a;
        while (b > 0 && out[b - 1] < v) {
            out[b] = out[b - 1];
            b--;
        }
        out[b] = v;
    }
    return n;
}

int band_index_prune(band_index *bi, int64_t min_doc)
{
    size_t first = 0;   /* the log is in add order: drop a prefix */
    while (first < bi->n_log && bi->base + bi->log[first].doc < min_doc)
        first++;
    if (!first)
        return 0;
    size_t keep = bi->n_log - first;
    int64_t new_base = keep ? bi->base + bi->log[first].doc : bi->base;
    for (size_t e = 0; e < keep; e++) {
        bi->log[e] = bi->log[first + e];
        bi->log[e].doc = (uint32_t)(bi->base + bi->log[e].doc - new_base);
    }
    bi->n_log = keep;
    bi->base = new_base;
    bi->docs = keep / MINHASH_BANDS;
    if (keep * 4 < bi->log_cap && bi->log_cap > 1024) {     /* give memory back */
        size_t cap = keep * 2 > 1024 ? keep * 2 : 1024;
        band_entry *log = realloc(bi->log, cap * sizeof *log);
        if (log) {
            bi->log = log;
            bi->log_cap = cap;
        }
    }
    return relink(bi, 2 * keep);
}

size_t band_index_docs(const band_index *bi)
{
    return bi->docs;
}

size_t band_index_memory(const band_index *bi)
{
    return sizeof *bi + bi->log_cap * sizeof(band_entry) + bi->cap * sizeof(band_head);
}

/* ---- in-memory clusterer ------------------------------------------------ */

struct neardup_index {
    band_index *bands;
    minhash *sigs;
    uint32_t *clusters;
    size_t n_docs, docs_cap;
};

neardup_index *neardup_index_new(void)
{
    neardup_index *idx = calloc(1, sizeof *idx);
    if (idx && !(idx->bands = band_index_new())) {
        free(idx);
        return NULL;
    }
    return idx;
}

void neardup_index_free(neardup_index *idx)
{
    if (!idx)
        return;
    band_index_free(idx->bands);
    free(idx->sigs);
    free(idx->clusters);
    free(idx);
}

static int reserve_docs(neardup_index *idx)
{
    if (idx->n_docs < idx->docs_cap)
        return 0;
    size_t cap = idx->docs_cap ? idx->docs_cap * 2 : 64;
    minhash *sigs = realloc(idx->sigs, cap * sizeof *sigs);
    if (!sigs)
        return -1;
    idx->sigs = sigs;
    uint32_t *clusters = realloc(idx->clusters, cap * sizeof *clusters);
    if (!clusters)
        return -1;
    idx->clusters = clusters;
    idx->docs_cap = cap;
    return 0;
}

int neardup_index_add(neardup_index *idx, const minhash *m, uint32_t *cluster)
{
    if (reserve_docs(idx) != 0)
        return -1;
    uint32_t self = (uint32_t)idx->n_docs;
    int64_t keys[MINHASH_BANDS] = {0}, cand[NEARDUP_CANDIDATES];
    size_t n_keys = minhash_bands(m, keys);
    size_t n = band_index_candidates(idx->bands, keys, n_keys, cand, NEARDUP_CANDIDATES);
    uint32_t best = self;
    double best_sim = 0.0;
    for (size_t i = 0; i < n; i++) {
        uint32_t doc = (uint32_t)cand[i];
        double sim = minhash_similarity(m, &idx->sigs[doc]);
        if (sim >= NEARDUP_THRESHOLD && (sim > best_sim || (sim == best_sim && doc < best))) {
            best = doc;
            best_sim = sim;
        }
    }
    if (n_keys && band_index_add(idx->bands, keys, n_keys, self) != 0)
        return -1;
    idx->sigs[self] = *m;
    idx->clusters[self] = best == self ? self : idx->clusters[best];
    idx->n_docs++;
    *cluster = idx->clusters[self];
    return 0;
}
