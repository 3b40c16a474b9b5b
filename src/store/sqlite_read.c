/*
** sqlite_read.c: the SQLite backend's queries (store.h, "reading").
**
** Every query is built from one filter clause (append_filter) whose values are
** bound by name (bind_filter), so a clause can appear twice in a statement
** (top actors: once for sources, once for targets) with one set of bindings.
** Actor and code filters are prefixes, written as GLOB patterns ("KOR*"): GLOB
** is case-sensitive and uses the index on the code column; store_code_ok
** guarantees the prefix has no pattern characters.  Names come from the
** stored codebook and actor_names tables, so reading needs no dictionary.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/cameo.h"
#include "store/sqlite_internal.h"
#include "util/civil_date.h"

/* ---- actor display names ----------------------------------------------- */

struct sq_name {
    char *code, *name;
};

/* The commonest name stored for a code (actor_names), into out. */
static void stored_name(sq_store *s, const char *code, char *out, size_t cap)
{
    out[0] = '\0';
    if (!s->name_stmt &&
        sqlite3_prepare_v3(s->db,
                           "SELECT name FROM actor_names WHERE code = ?1"
                           " ORDER BY mentions DESC, name LIMIT 1",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->name_stmt, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(s->name_stmt, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(s->name_stmt) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(s->name_stmt, 0);
        snprintf(out, cap, "%s", t ? (const char *)t : "");
    }
    sqlite3_reset(s->name_stmt);
}

static uint64_t name_hash(const char *code)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *code; code++)
        h = (h ^ (unsigned char)*code) * 1099511628211ULL;
    return h;
}

/* A code's display name: "<country name> <sectors>" for a country with roles
   ("USAGOV" -> "US Government", when "USA" has a name), else the commonest
   name seen for the code itself.  Names are cached per handle. */
const char *sq_actor_name(sq_store *s, const char *code)
{
    if (!code || !*code)
        return "";
    if ((s->names_used + 1) * 2 > s->names_cap) {
        size_t cap = s->names_cap ? s->names_cap * 2 : 256;
        struct sq_name *t = calloc(cap, sizeof *t);
        if (!t)
            return "";
        for (size_t i = 0; i < s->names_cap; i++) {
            if (!s->names[i].code)
                continue;
            size_t j = (size_t)name_hash(s->names[i].code) & (cap - 1);
            while (t[j].code)
                j = (j + 1) & (cap - 1);
            t[j] = s->names[i];
        }
        free(s->names);
        s->names = t;
        s->names_cap = cap;
    }
    size_t j = (size_t)name_hash(code) & (s->names_cap - 1);
    while (s->names[j].code) {
        if (!strcmp(s->names[j].code, code))
            return s->names[j].name;
        j = (j + 1) & (s->names_cap - 1);
    }
    char name[256], country[4], roles[128];
    name[0] = '\0';
    if (cameo_country_roles(code, country, roles, sizeof roles)) {
        char cn[200];
        stored_name(s, country, cn, sizeof cn);
        if (cn[0])
            snprintf(name, sizeof name, "%.120s %.120s", cn, roles);
    }
    if (!name[0])
        stored_name(s, code, name, sizeof name);
    char *c = strdup(code), *n = strdup(name);
    if (!c || !n) {
        free(c);
        free(n);
        return "";
    }
    s->names[j].code = c;
    s->names[j].name = n;
    s->names_used++;
    return n;
}

void sq_names_free(sq_store *s)
{
    for (size_t i = 0; i < s->names_cap; i++) {
        free(s->names[i].code);
        free(s->names[i].name);
    }
    free(s->names);
    s->names = NULL;
    s->names_cap = s->names_used = 0;
}

typedef struct filter_values {
    char actor[ACTOR_CODE_MAX + 1], source[ACTOR_CODE_MAX + 1], target[ACTOR_CODE_MAX + 1];
    char code[EVENT_CODE_MAX + 1], root[EVENT_CODE_MAX];
    char from[11], to[11];
} filter_values;

static int prefix_pattern(sq_store *s, const char *what, const char *in, char *out, size_t cap)
{
    if (!in)
        return 0;
    size_t n = strlen(in);
    if (!store_code_ok(in) || n + 2 > cap) {
        diag_report(s->diags, DIAG_ERROR, NULL, 0, -1,
                    "store: bad %s code '%s' (letters and digits only)", what, in);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = (in[i] >= 'a' && in[i] <= 'z') ? (char)(in[i] - 'a' + 'A') : in[i];
    out[n] = '*';
    out[n + 1] = '\0';
    return 0;
}

static int filter_prepare_values(sq_store *s, const event_filter *f, filter_values *v)
{
    memset(v, 0, sizeof *v);
    if (prefix_pattern(s, "actor", f->actor, v->actor, sizeof v->actor) ||
        prefix_pattern(s, "source", f->source, v->source, sizeof v->source) ||
        prefix_pattern(s, "target", f->target, v->target, sizeof v->target) ||
        prefix_pattern(s, "event", f->code, v->code, sizeof v->code))
        return -1;
    if (f->exact) {     /* whole codes: drop the '*' */
        char *codes[] = {v->actor, v->source, v->target};
        for (size_t i = 0; i < 3; i++)
            if (codes[i][0])
                codes[i][strlen(codes[i]) - 1] = '\0';
    }
    if (f->root) {
        if (!store_code_ok(f->root) || strlen(f->root) >= sizeof v->root) {
            diag_report(s->diags, DIAG_ERROR, NULL, 0, -1, "store: bad root code '%s'", f->root);
            return -1;
        }
        snprintf(v->root, sizeof v->root, "%s", f->root);
    }
    if (f->from != DATE_UNKNOWN)
        civil_format(f->from, v->from);
    if (f->to != DATE_UNKNOWN)
        civil_format(f->to, v->to);
    return 0;
}

/* " AND ..." conditions on events aliased e. */
static void append_filter(strbuf *sql, const event_filter *f)
{
    const char *op = f->exact ? "=" : "GLOB";
    if (f->actor)
        strbuf_printf(sql, " AND (e.source_code %s :actor OR e.target_code %s :actor)", op, op);
    if (f->source)
        strbuf_printf(sql, " AND e.source_code %s :source", op);
    if (f->target)
        strbuf_printf(sql, " AND e.target_code %s :target", op);
    if (f->code)
        strbuf_puts(sql, " AND e.event_code GLOB :code");
    if (f->root)
        strbuf_puts(sql, " AND e.root_code = :root");
    if (f->quad)
        strbuf_puts(sql, " AND e.quad_class = :quad");
    if (f->from != DATE_UNKNOWN)
        strbuf_puts(sql, " AND e.date >= :from");
    if (f->to != DATE_UNKNOWN)
        strbuf_puts(sql, " AND e.date <= :to");
    if (f->event_id)
        strbuf_puts(sql, " AND e.id = :id");
}

static void bind_name(sqlite3_stmt *st, const char *name, const char *value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

static void bind_name_int(sqlite3_stmt *st, const char *name, int64_t value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_int64(st, i, value);
}

static void bind_filter(sqlite3_stmt *st, const event_filter *f, const filter_values *v)
{
    bind_name(st, ":actor", v->actor);
    bind_name(st, ":source", v->source);
    bind_name(st, ":target", v->target);
    bind_name(st, ":code", v->code);
    bind_name(st, ":root", v->root);
    bind_name_int(st, ":quad", f->quad);
    bind_name(st, ":from", v->from);
    bind_name(st, ":to", v->to);
    bind_name_int(st, ":id", f->event_id);
    bind_name_int(st, ":limit", f->limit ? (int64_t)f->limit : -1);
}

static const char *order_clause(const event_filter *f)
{
    return f->order == STORE_BY_EVIDENCE
               ? " ORDER BY e.num_sources DESC, e.num_articles DESC, e.num_mentions DESC, e.id"
               : " ORDER BY e.date, e.id";
}

static const char *text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static int64_t int_or(sqlite3_stmt *st, int i, int64_t dflt)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(st, i);
}

/* Prepare s->sql, bind the filter; NULL on failure (reported). */
static sqlite3_stmt *prepare(sq_store *s, const event_filter *f, const filter_values *v)
{
    sqlite3_stmt *st = NULL;
    if (!s->sql.data || sqlite3_prepare_v2(s->db, s->sql.data, (int)s->sql.len, &st, NULL) != SQLITE_OK) {
        sq_fail(s, "preparing a query");
        return NULL;
    }
    if (f)
        bind_filter(st, f, v);
    return st;
}

/* The row callback of a query, whichever its type. */
typedef union any_fn {
    store_event_fn event;
    store_mention_fn mention;
    store_dyad_fn dyad;
    store_timeline_fn timeline;
    store_ranked_fn ranked;
    store_codebook_fn codebook;
} any_fn;

typedef int (*row_fn)(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx);

/* Step st, calling map for each row; finalizes st. */
static int run_rows(sq_store *s, sqlite3_stmt *st, row_fn map, any_fn fn, void *ctx)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r = map(s, st, fn, ctx);
        if (r)
            break;
    }
    if (!r && rc != SQLITE_DONE)
        r = sq_fail(s, "reading");
    sqlite3_finalize(st);
    return r;
}

/* ---- events ------------------------------------------------------------- */

static const char EVENT_COLUMNS[] =
    "SELECT e.id, e.date, e.source_code, e.target_code, e.event_code, e.base_code,"
    " e.root_code, coalesce(cb.name, ''), '', '',"
                         " e.quad_class, e.goldstein, e.avg_tone, e.num_mentions, e.num_articles,"
                         " e.num_sources, e.num_historical, e.is_root, e.first_seen, e.added_at,"
                         " coalesce(e.first_mention_id, 0), coalesce(m.document_id, 0),"
                         " coalesce(m.sentence_no, -1), coalesce(d.doc_id, ''),"
                         " coalesce(d.url, ''), coalesce(d.outlet, '')"
                         " FROM events e LEFT JOIN codebook cb ON cb.code = e.event_code"
                         " LEFT JOIN mentions m ON m.id = e.first_mention_id"
                         " LEFT JOIN documents d ON d.id = m.document_id WHERE 1";

static int map_event(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    event_row r;
    r.id = sqlite3_column_int64(st, 0);
    r.date = text(st, 1);
    r.source = text(st, 2);
    r.target = text(st, 3);
    r.code = text(st, 4);
    r.base = text(st, 5);
    r.root = text(st, 6);
    r.code_name = text(st, 7);
    r.source_name = sq_actor_name(s, r.source);
    r.target_name = sq_actor_name(s, r.target);
    r.quad_class = sqlite3_column_int(st, 10);
    r.goldstein = sqlite3_column_double(st, 11);
    r.avg_tone = sqlite3_column_double(st, 12);
    r.num_mentions = sqlite3_column_int64(st, 13);
    r.num_articles = sqlite3_column_int64(st, 14);
    r.num_sources = sqlite3_column_int64(st, 15);
    r.num_historical = sqlite3_column_int64(st, 16);
    r.is_root = sqlite3_column_int(st, 17);
    r.first_seen = text(st, 18);
    r.added_at = text(st, 19);
    r.first_mention_id = sqlite3_column_int64(st, 20);
    r.first_document_id = sqlite3_column_int64(st, 21);
    r.first_sentence_no = sqlite3_column_int64(st, 22);
    r.first_doc = text(st, 23);
    r.first_url = text(st, 24);
    r.first_outlet = text(st, 25);
    return fn.event(ctx, &r);
}

int sq_events(void *impl, const event_filter *f, store_event_fn fn, void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql, EVENT_COLUMNS);
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql, order_clause(f));
    strbuf_puts(&s->sql, " LIMIT :limit");
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_event, (any_fn){.event = fn}, ctx) : -1;
}

/* ---- mentions ----------------------------------------------------------- */

static const char MENTION_COLUMNS[] =
    "SELECT m.id, coalesce(m.event_id, 0), m.document_id, m.status,"
    " coalesce(d.doc_id, ''), coalesce(d.outlet, ''), coalesce(d.url, ''),"
    " coalesce(d.title, ''), coalesce(d.published, ''), d.added_at, coalesce(d.lang, ''),"
    " coalesce(d.original_source, ''), d.bytes, d.chars, d.cluster_id, d.tone,"
    " m.sentence_no, coalesce(m.sentence_start, -1), coalesce(m.sentence, ''),"
    " coalesce(m.date, ''), m.date_basis, m.modality, m.flags, m.confidence,"
    " m.source_code, m.target_code, m.event_code,"
    " m.source_start, m.source_end, m.source_char, m.source_text, m.source_entry,"
    " m.source_agent_entry,"
    " m.target_start, m.target_end, m.target_char, m.target_text, m.target_entry,"
    " m.target_agent_entry,"
    " m.verb_start, m.verb_end, m.verb_char, m.verb_text, m.verb_entry,"
    " coalesce(m.pattern, ''), coalesce(dv.version, ''), coalesce(e.added_at, '')"
    " FROM mentions m JOIN documents d ON d.id = m.document_id"
    " JOIN events e ON e.id = m.event_id"
    " LEFT JOIN dictionary_versions dv ON dv.id = m.dictionary_version_id";

static void map_span(sqlite3_stmt *st, int i, span_row *sp, int has_agent)
{
    sp->start = int_or(st, i, -1);
    sp->end = int_or(st, i + 1, -1);
    sp->chars = int_or(st, i + 2, -1);
    sp->text = text(st, i + 3);
    sp->entry = text(st, i + 4);
    sp->agent_entry = has_agent ? text(st, i + 5) : "";
}

static int map_mention(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    mention_row r;
    r.id = sqlite3_column_int64(st, 0);
    r.event_id = sqlite3_column_int64(st, 1);
    r.document_id = sqlite3_column_int64(st, 2);
    r.status = sqlite3_column_int(st, 3);
    r.doc = text(st, 4);
    r.outlet = text(st, 5);
    r.url = text(st, 6);
    r.title = text(st, 7);
    r.published = text(st, 8);
    r.added_at = text(st, 9);
    r.lang = text(st, 10);
    r.original_source = text(st, 11);
    r.doc_bytes = sqlite3_column_int64(st, 12);
    r.doc_chars = sqlite3_column_int64(st, 13);
    r.cluster_id = sqlite3_column_int64(st, 14);
    r.doc_tone = sqlite3_column_double(st, 15);
    r.sentence_no = sqlite3_column_int64(st, 16);
    r.sentence_start = sqlite3_column_int64(st, 17);
    r.sentence = text(st, 18);
    r.date = text(st, 19);
    r.date_basis = sqlite3_column_int(st, 20);
    r.modality = sqlite3_column_int(st, 21);
    r.flags = (unsigned)sqlite3_column_int(st, 22);
    r.confidence = sqlite3_column_double(st, 23);
    r.source = text(st, 24);
    r.target = text(st, 25);
    r.code = text(st, 26);
    map_span(st, 27, &r.src, 1);
    map_span(st, 33, &r.tgt, 1);
    map_span(st, 39, &r.verb, 0);
    r.pattern = text(st, 44);
    r.dictionary_version = text(st, 45);
    r.event_added_at = text(st, 46);
    return fn.mention(ctx, &r);
}

int sq_mentions(void *impl, const event_filter *f, store_mention_fn fn, void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql, MENTION_COLUMNS);
    if (f->event_id) {
        strbuf_puts(&s->sql, " WHERE m.event_id = :id ORDER BY m.id");
    } else {
        strbuf_puts(&s->sql, " WHERE m.event_id IN (SELECT e.id FROM events e WHERE 1");
        append_filter(&s->sql, f);
        strbuf_puts(&s->sql, order_clause(f));
        strbuf_puts(&s->sql, " LIMIT :limit) ORDER BY m.event_id, m.id");
    }
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_mention, (any_fn){.mention = fn}, ctx) : -1;
}

/* ---- dyads and timelines ------------------------------------------------ */

#define QUAD_SUMS                                                                        \
    " sum(e.quad_class NOT BETWEEN 1 AND 4), sum(e.quad_class = 1), sum(e.quad_class = 2),"   \
    " sum(e.quad_class = 3), sum(e.quad_class = 4)"

static int map_dyad(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    dyad_row r;
    r.source = text(st, 0);
    r.target = text(st, 1);
    r.num_events = sqlite3_column_int64(st, 2);
    r.num_mentions = sqlite3_column_int64(st, 3);
    r.num_articles = sqlite3_column_int64(st, 4);
    r.mean_goldstein = sqlite3_column_double(st, 5);
    for (int q = 0; q < 5; q++)
        r.quad[q] = sqlite3_column_int64(st, 6 + q);
    r.first_date = text(st, 11);
    r.last_date = text(st, 12);
    r.source_name = sq_actor_name(s, r.source);
    r.target_name = sq_actor_name(s, r.target);
    return fn.dyad(ctx, &r);
}

int sq_dyads(void *impl, const event_filter *f, store_dyad_fn fn, void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql,
                "SELECT x.*, '', '' FROM ("
                "SELECT e.source_code AS s, e.target_code AS t, count(*) AS n,"
                " sum(e.num_mentions) AS nm, sum(e.num_articles), avg(e.goldstein)," QUAD_SUMS
                ", min(e.date), max(e.date) FROM events e"
                " WHERE e.source_code <> '' AND e.target_code <> ''");
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql, " GROUP BY e.source_code, e.target_code"
                         " ORDER BY n DESC, nm DESC, s, t LIMIT :limit) x"
                         " ORDER BY x.n DESC, x.nm DESC, x.s, x.t");
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_dyad, (any_fn){.dyad = fn}, ctx) : -1;
}

static int map_timeline(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    timeline_row r;
    r.period = text(st, 0);
    r.num_events = sqlite3_column_int64(st, 1);
    r.num_mentions = sqlite3_column_int64(st, 2);
    r.mean_goldstein = sqlite3_column_double(st, 3);
    for (int q = 0; q < 5; q++)
        r.quad[q] = sqlite3_column_int64(st, 4 + q);
    return fn.timeline(ctx, &r);
}

int sq_timeline(void *impl, const event_filter *f, time_bucket b, store_timeline_fn fn,
                void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    /* weeks start on Monday: the next Sunday (or the day itself), minus 6 days */
    const char *bucket = b == BUCKET_MONTH  ? "strftime('%Y-%m-01', e.date)"
                         : b == BUCKET_WEEK ? "date(e.date, 'weekday 0', '-6 days')"
                                            : "e.date";
    strbuf_clear(&s->sql);
    strbuf_printf(&s->sql,
                  "SELECT %s AS p, count(*), sum(e.num_mentions), avg(e.goldstein)," QUAD_SUMS
                  " FROM events e WHERE 1",
                  bucket);
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql, " GROUP BY p ORDER BY p LIMIT :limit");
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_timeline, (any_fn){.timeline = fn}, ctx) : -1;
}

/* ---- rankings ----------------------------------------------------------- */

static int map_ranked(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    ranked_row r;
    r.key = text(st, 0);
    r.name = text(st, 1);
    r.num_events = sqlite3_column_int64(st, 2);
    r.num_mentions = sqlite3_column_int64(st, 3);
    return fn.ranked(ctx, &r);
}

static int map_actor(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    ranked_row r;
    r.key = text(st, 0);
    r.name = sq_actor_name(s, r.key);
    r.num_events = sqlite3_column_int64(st, 2);
    r.num_mentions = sqlite3_column_int64(st, 3);
    return fn.ranked(ctx, &r);
}

int sq_top_actors(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql, "SELECT a.code, '', count(*) AS n, sum(a.nm) AS nm"
                         " FROM (SELECT e.source_code AS code, e.num_mentions AS nm"
                         " FROM events e WHERE 1");
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql, " UNION ALL SELECT e.target_code, e.num_mentions FROM events e"
                         " WHERE 1");
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql, ") a WHERE a.code <> '' GROUP BY a.code"
                         " ORDER BY n DESC, nm DESC, a.code LIMIT :limit");
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_actor, (any_fn){.ranked = fn}, ctx) : -1;
}

int sq_top_codes(void *impl, const event_filter *f, store_ranked_fn fn, void *ctx)
{
    sq_store *s = impl;
    filter_values v;
    if (filter_prepare_values(s, f, &v) != 0)
        return -1;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql, "SELECT e.event_code, coalesce(cb.name, ''), count(*) AS n,"
                         " sum(e.num_mentions) AS nm FROM events e"
                         " LEFT JOIN codebook cb ON cb.code = e.event_code WHERE 1");
    append_filter(&s->sql, f);
    strbuf_puts(&s->sql,
                " GROUP BY e.event_code ORDER BY n DESC, nm DESC, e.event_code LIMIT :limit");
    sqlite3_stmt *st = prepare(s, f, &v);
    return st ? run_rows(s, st, map_ranked, (any_fn){.ranked = fn}, ctx) : -1;
}

/* ---- counts and codebook ------------------------------------------------ */

static const char COUNTS_SQL[] =
    "SELECT (SELECT count(*) FROM documents),"
    " (SELECT count(*) FROM documents WHERE cluster_id = id),"
    " (SELECT count(*) FROM mentions),"
    " (SELECT count(*) FROM mentions WHERE event_id IS NOT NULL),"
    " (SELECT count(*) FROM mentions WHERE status = 1),"
    " (SELECT count(*) FROM mentions WHERE flags & 16),"
    " (SELECT count(*) FROM mentions WHERE status = 2),"
    " (SELECT count(*) FROM events),"
    " (SELECT count(*) FROM (SELECT DISTINCT source_code, target_code FROM events"
    "   WHERE source_code <> '' AND target_code <> '')),"
    " (SELECT count(*) FROM (SELECT source_code AS c FROM events UNION"
    "   SELECT target_code FROM events) WHERE c <> ''),"
    " (SELECT count(DISTINCT event_code) FROM events),"
    " (SELECT count(*) FROM dictionary_versions),"
    " coalesce((SELECT min(date) FROM events), ''), coalesce((SELECT max(date) FROM events), ''),"
    " coalesce((SELECT min(added_at) FROM documents), ''),"
    " coalesce((SELECT max(added_at) FROM documents), ''),"
    " (SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.document_id"
    "   WHERE m.status = 0 AND d.published IS NULL AND m.date_basis <> 1)";

int sq_counts(void *impl, store_counts *out)
{
    sq_store *s = impl;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, COUNTS_SQL, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "counting");
    /* one statement: one read transaction, so the counts agree with each other */
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int64_t *dst[] = {&out->documents, &out->clusters, &out->mentions, &out->aggregated,
                          &out->negated, &out->historical, &out->undated_historical,
                          &out->events, &out->dyads, &out->actors, &out->codes,
                          &out->dictionary_versions};
        for (int i = 0; i < 12; i++)
            *dst[i] = sqlite3_column_int64(st, i);
        snprintf(out->first_date, sizeof out->first_date, "%s", text(st, 12));
        snprintf(out->last_date, sizeof out->last_date, "%s", text(st, 13));
        snprintf(out->first_added, sizeof out->first_added, "%s", text(st, 14));
        snprintf(out->last_added, sizeof out->last_added, "%s", text(st, 15));
        out->dated_by_ingest = sqlite3_column_int64(st, 16);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, "counting");
}

static int map_codebook(sq_store *s, sqlite3_stmt *st, any_fn fn, void *ctx)
{
    (void)s;
    codebook_row r;
    r.code = text(st, 0);
    r.root = text(st, 1);
    r.name = text(st, 2);
    r.goldstein = sqlite3_column_double(st, 3);
    r.quad_class = sqlite3_column_int(st, 4);
    return fn.codebook(ctx, &r);
}

int sq_codebook(void *impl, store_codebook_fn fn, void *ctx)
{
    sq_store *s = impl;
    strbuf_clear(&s->sql);
    strbuf_puts(&s->sql, "SELECT code, root, name, goldstein, quad_class FROM codebook"
                         " ORDER BY code");
    sqlite3_stmt *st = prepare(s, NULL, NULL);
    return st ? run_rows(s, st, map_codebook, (any_fn){.codebook = fn}, ctx) : -1;
}
