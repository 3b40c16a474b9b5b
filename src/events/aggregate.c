/*
** aggregate.c: event_table, the in-memory reference aggregator (events.h).
**
** The same rules as the stores, in the simplest data structures: events in a
** growable array with an open-addressing index by key hash, and the set of
** (event, origin) pairs in a second open-addressing set.  Used by tests as the
** oracle for the SQL aggregates, and usable by any caller that wants events
** without a database.
*/
#include "events/events.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/vec.h"

typedef struct agg_slot {
    uint64_t hash;
    uint32_t index_plus_one;    /* 0 = empty */
} agg_slot;

struct event_table {
    codebook_lookup cb;
    const tone_lexicon *tone;
    tone_lexicon *own_tone;
    neardup_index *dups;
    VEC(event_agg) events;
    VEC(uint32_t) last_doc;     /* per event: the last document counted */
    VEC(event_doc_info) docs;
    agg_slot *slots;            /* event key -> index */
    size_t slots_cap;
    uint64_t *origins;          /* set of hash(event index, origin); 0 = empty */
    size_t origins_cap, origins_used;
    VEC(event_delta) deltas;    /* scratch, per document */
    VEC(int32_t) which;
};

static uint64_t key_hash(const event_key *k)
{
    uint64_t h = hash64(k, sizeof *k);   /* keys are zero-padded by event_key_make */
    return h ? h : 1;
}

event_table *event_table_new(codebook_lookup cb, const tone_lexicon *tone)
{
    event_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cb = cb;
    if (!tone) {
        t->own_tone = tone_lexicon_builtin();
        tone = t->own_tone;
    }
    t->tone = tone;
    t->dups = neardup_index_new();
    if (!t->tone || !t->dups) {
        event_table_free(t);
        return NULL;
    }
    return t;
}

void event_table_free(event_table *t)
{
    if (!t)
        return;
    tone_lexicon_free(t->own_tone);
    neardup_index_free(t->dups);
    vec_free(&t->events);
    vec_free(&t->last_doc);
    vec_free(&t->docs);
    vec_free(&t->deltas);
    vec_free(&t->which);
    free(t->slots);
    free(t->origins);
    free(t);
}

static int grow_slots(event_table *t)
{
    size_t cap = t->slots_cap ? t->slots_cap * 2 : 256;
    agg_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->slots_cap; i++) {
        if (!t->slots[i].index_plus_one)
            continue;
        size_t j = (size_t)t->slots[i].hash & (cap - 1);
        while (slots[j].index_plus_one)
            j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->slots_cap = cap;
    return 0;
}

/* The slot where key k is or would go. */
static agg_slot *find_slot(const event_table *t, const event_key *k, uint64_t h)
{
    size_t j = (size_t)h & (t->slots_cap - 1);
    while (t->slots[j].index_plus_one) {
        if (t->slots[j].hash == h &&
            event_key_equal(&t->events.items[t->slots[j].index_plus_one - 1].key, k))
            break;
        j = (j + 1) & (t->slots_cap - 1);
    }
    return &t->slots[j];
}

const event_agg *event_table_find(const event_table *t, const event_key *k)
{
    if (!t->slots_cap)
        return NULL;
    event_key norm;
    event_key_make(&norm, k->date, k->source, k->target, k->code);
    agg_slot *s = find_slot(t, &norm, key_hash(&norm));
    return s->index_plus_one ? &t->events.items[s->index_plus_one - 1] : NULL;
}

/* Index of the event with key k, created when new; -1 on out of memory. */
static long event_for(event_table *t, const event_key *k, int64_t first_seen, uint32_t doc)
{
    if ((t->events.len + 1) * 2 > t->slots_cap && grow_slots(t) != 0)
        return -1;
    uint64_t h = key_hash(k);
    agg_slot *s = find_slot(t, k, h);
    if (s->index_plus_one)
        return (long)s->index_plus_one - 1;
    if (vec_reserve(&t->events, t->events.len + 1) != 0 ||
        vec_reserve(&t->last_doc, t->last_doc.len + 1) != 0)
        return -1;
    event_agg a;
    memset(&a, 0, sizeof a);
    a.key = *k;
    event_code_parts(k->code, a.root, a.base);
    const codebook_entry *e = codebook_find(&t->cb, k->code);
    if (e) {
        a.goldstein = e->goldstein;
        a.quad_class = e->quad_class;
    } else {
        a.quad_class = (uint8_t)quad_class_of_root(a.root);
    }
    a.first_seen = first_seen;
    a.first_doc = doc;
    t->events.items[t->events.len++] = a;
    t->last_doc.items[t->last_doc.len++] = UINT32_MAX;
    s->hash = h;
    s->index_plus_one = (uint32_t)t->events.len;
    return (long)t->events.len - 1;
}

/* Add (event, origin) to the set; 1 when it was new, 0 when known, -1 on OOM. */
static int add_origin(event_table *t, size_t event, const char *origin)
{
    if ((t->origins_used + 1) * 2 > t->origins_cap) {
        size_t cap = t->origins_cap ? t->origins_cap * 2 : 256;
        uint64_t *o = calloc(cap, sizeof *o);
        if (!o)
            return -1;
        for (size_t i = 0; i < t->origins_cap; i++) {
            if (!t->origins[i])
                continue;
            size_t j = (size_t)t->origins[i] & (cap - 1);
            while (o[j])
                j = (j + 1) & (cap - 1);
            o[j] = t->origins[i];
        }
        free(t->origins);
        t->origins = o;
        t->origins_cap = cap;
    }
    uint64_t h = hash64_seeded(origin, strlen(origin), (uint64_t)event + 1);
    if (!h)
        h = 1;
    size_t j = (size_t)h & (t->origins_cap - 1);
    while (t->origins[j]) {
        if (t->origins[j] == h)
            return 0;
        j = (j + 1) & (t->origins_cap - 1);
    }
    t->origins[j] = h;
    t->origins_used++;
    return 1;
}

int event_table_add(event_table *t, const document *doc, const event_mention *m, size_t n,
                    int64_t ingest_time)
{
    uint32_t self = (uint32_t)t->docs.len;
    event_doc_info info;
    memset(&info, 0, sizeof info);

    minhash sig;
    minhash_of_document(doc, &sig);
    if (neardup_index_add(t->dups, &sig, &info.cluster) != 0)
        return -1;
    const char *cluster_origin = info.cluster != self ? t->docs.items[info.cluster].origin : NULL;
    doc_origin(doc, cluster_origin, info.cluster, info.origin);
    tone_score ts;
    tone_of_text(t->tone, doc->text, doc->text_len, &ts);
    info.tone = ts.tone;
    info.first_seen = doc_first_seen(doc, ingest_time);
    if (vec_push(&t->docs, info) != 0)
        return -1;

    if (vec_reserve(&t->deltas, n) != 0 || vec_reserve(&t->which, n) != 0)
        return -1;
    int64_t day = ingest_time >= 0 ? ingest_time / 86400 : -((-ingest_time + 86399) / 86400);
    size_t nd = event_deltas(doc, m, n, (int32_t)day, t->deltas.items, t->which.items, NULL);
    for (size_t i = 0; i < nd; i++) {
        const event_delta *d = &t->deltas.items[i];
        long e = event_for(t, &d->key, info.first_seen, self);
        if (e < 0)
            return -1;
        event_agg *a = &t->events.items[e];
        a->num_mentions += d->mentions;
        a->num_historical += d->historical;
        a->is_root |= d->is_root;
        if (t->last_doc.items[e] != self) {     /* each document counts once */
            t->last_doc.items[e] = self;
            a->num_articles++;
            a->tone_sum += info.tone;
            if (info.first_seen < a->first_seen) {
                a->first_seen = info.first_seen;
                a->first_doc = self;
            }
            int fresh = add_origin(t, (size_t)e, info.origin);
            if (fresh < 0)
                return -1;
            a->num_sources += (uint32_t)fresh;
        }
    }
    return 0;
}

size_t event_table_count(const event_table *t)
{
    return t->events.len;
}

const event_agg *event_table_at(const event_table *t, size_t i)
{
    return i < t->events.len ? &t->events.items[i] : NULL;
}

const event_doc_info *event_table_doc(const event_table *t, size_t i)
{
    return i < t->docs.len ? &t->docs.items[i] : NULL;
}

size_t event_table_n_docs(const event_table *t)
{
    return t->docs.len;
}
