/*
** events.c: the aggregation rules shared by every store (see events.h): which
** mentions make events and on which date, event codes, document origins and
** first-seen times, and a document's per-event deltas.
*/
#include "events/events.h"

#include <stdio.h>
#include <string.h>

#include "util/civil_date.h"

/* ---- codebook ----------------------------------------------------------- */

const codebook_entry *codebook_find(const codebook_lookup *cb, const char *code)
{
    if (!cb || !cb->find || !code || !*code)
        return NULL;
    return cb->find(cb->ctx, code);
}

static const codebook_entry *table_find(void *ctx, const char *code)
{
    const codebook_table *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].code, code))
            return &t->rows[i];
    return NULL;
}

static const codebook_entry *table_at(void *ctx, size_t i)
{
    const codebook_table *t = ctx;
    return i < t->n ? &t->rows[i] : NULL;
}

codebook_lookup codebook_lookup_table(const codebook_table *t)
{
    codebook_lookup cb = {table_find, table_at, (void *)t};
    return cb;
}

/* ---- event codes -------------------------------------------------------- */

void event_code_parts(const char *code, char root[3], char base[4])
{
    size_t len = strnlen(code, EVENT_CODE_MAX);
    size_t r = len < 2 ? len : 2, b = len < 3 ? len : 3;
    memcpy(root, code, r);
    root[r] = '\0';
    memcpy(base, code, b);
    base[b] = '\0';
}

int quad_class_of_root(const char *root)
{
    if (!root || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9' || root[2])
        return 0;
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    if (r >= 1 && r <= 5)
        return 1;
    if (r >= 6 && r <= 9)
        return 2;
    if (r >= 10 && r <= 14)
        return 3;
    if (r >= 15 && r <= 20)
        return 4;
    return 0;
}

/* ---- which mentions make events ----------------------------------------- */

mention_use event_mention_date(const event_mention *m, const document *doc,
                               int32_t ingest_day, int32_t *date)
{
    if (!m->code[0])
        return MENTION_NO_CODE;
    if (m->flags & MENTF_NEGATED)
        return MENTION_NEGATED;
    if (m->flags & MENTF_HISTORICAL) {
        /* only a date the text itself gave places a recalled event */
        if (m->date == DATE_UNKNOWN || m->date_basis != DATE_FROM_TEXT)
            return MENTION_UNDATED_HISTORICAL;
        *date = m->date;
        return MENTION_AGGREGATED;
    }
    if (m->date != DATE_UNKNOWN)
        *date = m->date;
    else if (doc->published != DATE_UNKNOWN)
        *date = doc->published;
    else
        *date = ingest_day;
    return MENTION_AGGREGATED;
}

int event_mention_is_lead(const event_mention *m)
{
    return (m->flags & MENTF_TITLE) || m->sentence <= 1;
}

/* ---- documents ---------------------------------------------------------- */

static void fold_outlet(const char *s, char out[ORIGIN_MAX])
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!strncmp(s, "http://", 7))
        s += 7;
    else if (!strncmp(s, "https://", 8))
        s += 8;
    if (!strncmp(s, "www.", 4) || !strncmp(s, "WWW.", 4))
        s += 4;
    size_t n = 0;
    for (; *s && *s != '/' && n + 1 < ORIGIN_MAX; s++) {
        char c = *s;
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
}

void doc_origin(const document *doc, const char *cluster_origin, int64_t cluster_id,
                char out[ORIGIN_MAX])
{
    out[0] = '\0';
    if (cluster_origin && *cluster_origin) {
        snprintf(out, ORIGIN_MAX, "%s", cluster_origin);
        return;
    }
    if (doc->original_source && *doc->original_source)
        fold_outlet(doc->original_source, out);
    if (!out[0] && doc->outlet && *doc->outlet)
        fold_outlet(doc->outlet, out);
    if (!out[0])
        snprintf(out, ORIGIN_MAX, "#%lld", (long long)cluster_id);
}

int64_t doc_first_seen(const document *doc, int64_t ingest_time)
{
    if (doc->published != DATE_UNKNOWN)
        return (int64_t)doc->published * 86400;
    return ingest_time;
}

void format_utc_time(int64_t t, char out[21])
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int y, mo, d;
    days_to_civil((int32_t)days, &y, &mo, &d);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    memcpy(out, buf, 20);
    out[20] = '\0';
}

/* ---- one document's contribution ---------------------------------------- */

static void copy_code(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strnlen(src, cap - 1) : 0;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void event_key_make(event_key *k, int32_t date, const char *source, const char *target,
                    const char *code)
{
    memset(k, 0, sizeof *k);
    k->date = date;
    copy_code(k->source, sizeof k->source, source);
    copy_code(k->target, sizeof k->target, target);
    copy_code(k->code, sizeof k->code, code);
}

int event_key_equal(const event_key *a, const event_key *b)
{
    return a->date == b->date && !strcmp(a->code, b->code) && !strcmp(a->source, b->source) &&
           !strcmp(a->target, b->target);
}

size_t event_deltas(const document *doc, const event_mention *m, size_t n, int32_t ingest_day,
                    event_delta *out, int32_t *which, uint8_t *why)
{
    size_t n_out = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t date = DATE_UNKNOWN;
        mention_use use = event_mention_date(&m[i], doc, ingest_day, &date);
        if (why)
            why[i] = (uint8_t)use;
        which[i] = -1;
        if (use != MENTION_AGGREGATED)
            continue;
        event_key k;
        event_key_make(&k, date, m[i].source.code, m[i].target.code, m[i].code);
        size_t j = 0;
        while (j < n_out && !event_key_equal(&out[j].key, &k))
            j++;
        if (j == n_out) {
            memset(&out[j], 0, sizeof out[j]);
            out[j].key = k;
            n_out++;
        }
        out[j].mentions++;
        if (m[i].flags & MENTF_HISTORICAL)
            out[j].historical++;
        if (event_mention_is_lead(&m[i]))
            out[j].is_root = 1;
        which[i] = (int32_t)j;
    }
    return n_out;
}
