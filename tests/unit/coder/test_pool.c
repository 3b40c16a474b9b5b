/*
** test_pool.c: the coder pool (src/coder/pool.c): whatever the number of
** threads, every document comes back once, in submission order, with the
** events and the rendered bytes of 1 thread; a callback's stop and a failed
** render stop the run.  Documents are generated from sentences of our own and
** coded with the built-in dictionaries.
**
** Raw records (coder_pool_submit_record) are parsed on the workers: the
** documents and every diagnostic (the reader's and the parser's, good and bad
** records interleaved) come back in exactly the order and text of a plain
** ingest_path run on one thread, and the records and held diagnostics in
** flight stay bounded.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "coder_fixture.h"

#include "coder/grammar.h"
#include "coder/pool.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

#define N_DOCS 4000 /* many batches of 256 */

static int setup(void **state)
{
    static fixture f;
    dict_builder *b = dict_builder_new();
    assert_non_null(b);
    assert_int_equal(dict_load_dir(b, DYAD_DATA_DIR, NULL), 0);
    fixture_build(&f, b);
    *state = &f;
    return 0;
}

static const char *const subjects[] = {"Japan", "The Chinese government", "Police in Nairobi",
                                       "The French foreign minister", "NATO", "Rebels"};
static const char *const verbs[] = {"met", "accused", "attacked", "praised", "visited",
                                    "signed an agreement with", "criticized"};
static const char *const objects[] = {"South Korea", "Russia", "protesters", "the United Nations",
                                      "Iran", "Canadian troops"};

/* Document k: one to four sentences picked by k (some without events). */
static document *make_document(unsigned k)
{
    strbuf sb = {0};
    unsigned n = 1 + k % 4;
    for (unsigned s = 0; s < n; s++) {
        unsigned x = k * 7 + s * 13;
        if (x % 5 == 0)
            strbuf_printf(&sb, "%sShares rose %u percent on Tuesday.", s ? " " : "", x % 9);
        else
            strbuf_printf(&sb, "%s%s %s %s on Monday.", s ? " " : "", subjects[x % 6],
                          verbs[(x / 6) % 7], objects[(x / 42) % 6]);
    }
    document *doc = document_new();
    assert_non_null(doc);
    char id[32];
    snprintf(id, sizeof id, "doc-%u", k);
    doc->id = document_strndup(doc, id, strlen(id));
    doc->ordinal = k;
    doc->published = civil_to_days(2023, 1, 30);
    assert_int_equal(document_set_text(doc, sb.data, sb.len, 0), 0);
    strbuf_free(&sb);
    return doc;
}

/* What came back, in the order it came back. */
typedef struct collected {
    coder_pool *pool;
    strbuf events;          /* "ordinal: codes" lines */
    strbuf rendered;        /* the renderer's bytes, as delivered */
    unsigned delivered;
    unsigned stop_at;       /* > 0: answer 5 when this many were delivered */
    unsigned fail_render_at;/* > 0: the renderer fails on this ordinal */
    int out_of_order;
    unsigned max_backlog;   /* most documents submitted and not yet delivered */
} collected;

static int render(void *ctx, const document *doc, const event_mention *m, size_t n, strbuf *out)
{
    const collected *c = ctx;
    if (c->fail_render_at && doc->ordinal == c->fail_render_at)
        return -1;
    strbuf_printf(out, "%s:", doc->id);
    for (size_t k = 0; k < n; k++)
        strbuf_printf(out, " %s>%s=%s", m[k].source.code, m[k].target.code, m[k].code);
    return strbuf_putc(out, '\n');
}

static int on_coded(void *ctx, const document *doc, const event_mention *m, size_t n)
{
    collected *c = ctx;
    if (doc->ordinal != c->delivered)
        c->out_of_order = 1;
    c->delivered++;
    strbuf_printf(&c->events, "%llu:", (unsigned long long)doc->ordinal);
    for (size_t k = 0; k < n; k++)
        strbuf_printf(&c->events, " %s>%s=%s", m[k].source.code, m[k].target.code, m[k].code);
    strbuf_putc(&c->events, '\n');
    size_t len;
    const char *bytes = coder_pool_rendered(c->pool, &len);
    /* the slice is this document's own rendering */
    char head[32];
    snprintf(head, sizeof head, "%s:", doc->id);
    if (len < strlen(head) || memcmp(bytes, head, strlen(head)) != 0 || bytes[len - 1] != '\n')
        c->out_of_order = 1;
    strbuf_append(&c->rendered, bytes, len);
    if (c->stop_at && c->delivered == c->stop_at)
        return 5;
    return 0;
}

/* Code N_DOCS documents on `threads` threads; returns the last submit/finish result. */
static int run_pool(const fixture *f, int threads, collected *c)
{
    coder_options opt;
    coder_options_init(&opt);
    c->pool = coder_pool_new(f->model, &opt, threads, on_coded, c);
    assert_non_null(c->pool);
    coder_pool_set_renderer(c->pool, render, c);
    int rc = 0;
    for (unsigned k = 0; k < N_DOCS && rc == 0; k++) {
        rc = coder_pool_submit(c->pool, make_document(k));
        if (k + 1 - c->delivered > c->max_backlog)
            c->max_backlog = k + 1 - c->delivered;
    }
    int fin = coder_pool_finish(c->pool);
    if (rc == 0)
        rc = fin;
    coder_pool_free(c->pool);
    return rc;
}

static void collected_free(collected *c)
{
    strbuf_free(&c->events);
    strbuf_free(&c->rendered);
}

static void test_same_output_in_order_whatever_the_threads(void **state)
{
    fixture *f = *state;
    collected one = {0};
    assert_int_equal(run_pool(f, 1, &one), 0);
    assert_int_equal(one.delivered, N_DOCS);
    assert_false(one.out_of_order);
    assert_true(one.max_backlog <= 256); /* one thread codes each batch as it fills */
    assert_non_null(strstr(one.events.data, "=")); /* some documents have events */
    assert_non_null(strstr(one.events.data, ":\n")); /* and some have none */
    const int counts[] = {2, 3, 8};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        collected many = {0};
        assert_int_equal(run_pool(f, counts[t], &many), 0);
        assert_int_equal(many.delivered, N_DOCS);
        assert_false(many.out_of_order);
        /* memory stays bounded: at most 2 x threads + 2 batches of 256 in flight,
           plus the one being filled */
        assert_true(many.max_backlog <= (unsigned)(2 * counts[t] + 3) * 256);
        assert_int_equal(many.events.len, one.events.len);
        assert_memory_equal(many.events.data, one.events.data, one.events.len);
        assert_int_equal(many.rendered.len, one.rendered.len);
        assert_memory_equal(many.rendered.data, one.rendered.data, one.rendered.len);
        collected_free(&many);
    }
    collected_free(&one);
}

static void test_callback_stop(void **state)
{
    fixture *f = *state;
    for (int threads = 1; threads <= 4; threads += 3) {
        collected c = {0};
        c.stop_at = 300;
        assert_int_equal(run_pool(f, threads, &c), 5);
        assert_int_equal(c.delivered, 300); /* nothing after the stop */
        assert_false(c.out_of_order);
        collected_free(&c);
    }
}

static void test_render_failure_stops(void **state)
{
    fixture *f = *state;
    for (int threads = 1; threads <= 4; threads += 3) {
        collected c = {0};
        c.fail_render_at = 700;
        assert_int_equal(run_pool(f, threads, &c), -1);
        assert_true(c.delivered <= 700); /* the failed batch is not delivered */
        assert_false(c.out_of_order);
        collected_free(&c);
    }
}

/* ---- raw records parsed on the workers ------------------------------------ */

/* What a run said, in order: "doc ..." and "diag ..." lines. */
typedef struct said {
    strbuf log;
    coder_pool *pool;
    unsigned submitted, delivered;   /* records in, documents out */
    unsigned reported, replayed;     /* reader diagnostics in, all diagnostics out */
    unsigned max_backlog, max_held;
} said;

static void log_diag(void *ctx, const diag *d)
{
    said *s = ctx;
    s->replayed++;
    strbuf_printf(&s->log, "diag %s %s:%ld:%lld %s\n", diag_level_name(d->level),
                  d->file ? d->file : "-", d->line, d->offset, d->message);
}

static void log_doc(said *s, const document *doc)
{
    strbuf_printf(&s->log, "doc %s %s:%ld %zu+%zu %d\n", doc->id, doc->source_name,
                  doc->source_line, doc->title_len, doc->text_len, (int)doc->published);
}

static int ref_on_doc(void *ctx, document *doc)
{
    log_doc(ctx, doc);
    document_free(doc);
    return 0;
}

static int rec_on_coded(void *ctx, const document *doc, const event_mention *m, size_t n)
{
    (void)m, (void)n;
    said *s = ctx;
    s->delivered++;
    log_doc(s, doc);
    return 0;
}

static int rec_submit(void *ctx, const ingest_record *rec)
{
    said *s = ctx;
    s->submitted++;
    if (s->submitted - s->delivered > s->max_backlog)
        s->max_backlog = s->submitted - s->delivered;
    return coder_pool_submit_record(s->pool, rec);
}

/* The reader's reports, counted on their way to the pool's reader sink. */
static void count_reported(void *ctx, const diag *d)
{
    said *s = ctx;
    s->reported++;
    if (s->reported - s->replayed > s->max_held)
        s->max_held = s->reported - s->replayed;
    diag_sink *held = coder_pool_reader_diags(s->pool);
    held->fn(held->ctx, d);
}

/* JSONL with good records and, among them, every kind of bad one. */
static void write_mixed(const char *path, unsigned n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (unsigned k = 0; k < n; k++) {
        unsigned x = k * 7;
        switch (k % 11) {
        case 3: fputs("{\"id\": \"broken\", this is not json\n", f); break;
        case 5: fprintf(f, "{\"id\":\"u%u\",\"text\":\"Japan met \xff\xfe Russia.\x01\"}\n", k); break;
        case 6: fprintf(f, "{\"id\":\"nt%u\",\"title\":\"\",\"text\":\"\"}\n", k); break;
        case 7: fprintf(f, "{\"id\":\"d%u\",\"date\":\"someday\",\"text\":\"NATO praised Iran.\"}\n", k); break;
        case 8: fprintf(f, "{\"id\":\"long%u\",\"text\":\"%0400u\"}\n", k, k); break; /* over the limit */
        case 9: fputs("   \n[1, 2]\n", f); break;
        case 10: fprintf(f, "{\"id\":\"bp%u\",\"text\":\"Rebels attacked police.\\n\\nShare this article on "
                            "Facebook\\n\\nFollow us on Twitter\"}\n", k); break;
        default:
            fprintf(f, "{\"id\":\"g%u\",\"date\":\"2023-01-%02u\",\"title\":\"News %u\",\"text\":\"%s %s %s "
                       "on Monday.\"}\n", k, 1 + k % 28, k, subjects[x % 6], verbs[(x / 6) % 7],
                    objects[(x / 42) % 6]);
        }
    }
    fclose(f);
}

static void write_tabari(const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("950120 A1\nJapan accused Russia /* note */ on Monday.\n\n991301 BAD\nNATO met Iran.\n\n"
          "950121 C3\n/* only a comment */\n\n950122 D4\nRebels attacked\npolice.\n", f);
    fclose(f);
}

static void run_records(const fixture *f, const char *const *paths, size_t n_paths,
                        const ingest_options *iopt, int threads, said *s)
{
    coder_options opt;
    coder_options_init(&opt);
    s->pool = coder_pool_new(f->model, &opt, threads, rec_on_coded, s);
    assert_non_null(s->pool);
    diag_sink out = {log_diag, s, {0}};
    assert_int_equal(coder_pool_set_ingest(s->pool, iopt, &out), 0);
    diag_sink reader = {count_reported, s, {0}};
    for (size_t k = 0; k < n_paths; k++)
        ingest_path_records(paths[k], iopt, rec_submit, s, &reader, NULL);
    assert_int_equal(coder_pool_finish(s->pool), 0);
    coder_pool_free(s->pool);
}

static void test_records_diagnostics_in_order(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/dyad-pool-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char jsonl[64], tab[64], missing[64];
    snprintf(jsonl, sizeof jsonl, "%s/mixed.jsonl", dir);
    snprintf(tab, sizeof tab, "%s/records.tabari", dir);
    snprintf(missing, sizeof missing, "%s/missing.jsonl", dir);
    write_mixed(jsonl, 3000); /* several batches */
    write_tabari(tab);
    const char *paths[] = {jsonl, missing, tab, jsonl};
    ingest_options iopt = {0};
    iopt.max_record_bytes = 300; /* so that the reader has lines to report */
    iopt.default_date = civil_to_days(2023, 1, 30);

    /* the reference: everything on this thread, as ingest_path does it */
    said ref = {0};
    diag_sink sink = {log_diag, &ref, {0}};
    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++)
        ingest_path(paths[k], &iopt, ref_on_doc, &ref, &sink, NULL);
    assert_non_null(strstr(ref.log.data, "malformed JSON"));
    assert_non_null(strstr(ref.log.data, "longer than the record limit"));
    assert_non_null(strstr(ref.log.data, "cannot open"));
    assert_non_null(strstr(ref.log.data, "unknown date in record header"));
    assert_non_null(strstr(ref.log.data, "diag note"));
    assert_non_null(strstr(ref.log.data, "doc g1 "));

    const int counts[] = {1, 2, 3, 8};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        said s = {0};
        run_records(f, paths, sizeof paths / sizeof paths[0], &iopt, counts[t], &s);
        assert_int_equal(s.log.len, ref.log.len);
        assert_memory_equal(s.log.data, ref.log.data, ref.log.len);
        assert_int_equal(s.replayed, ref.replayed);
        assert_true(s.reported > 0 && s.reported < s.replayed); /* the reader's and the parser's */
        strbuf_free(&s.log);
    }
    strbuf_free(&ref.log);
    unlink(jsonl);
    unlink(tab);
    rmdir(dir);
}

static void test_records_backlog_bounded(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/dyad-pool-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char good[64], bad[64];
    snprintf(good, sizeof good, "%s/good.jsonl", dir);
    snprintf(bad, sizeof bad, "%s/bad.jsonl", dir);
    FILE *g = fopen(good, "wb");
    assert_non_null(g);
    for (unsigned k = 0; k < 6000; k++)
        fprintf(g, "{\"id\":\"g%u\",\"text\":\"%s %s %s.\"}\n", k, subjects[k % 6],
                verbs[(k / 6) % 7], objects[(k / 42) % 6]);
    fclose(g);
    FILE *b = fopen(bad, "wb"); /* only lines over the limit: only the reader's reports */
    assert_non_null(b);
    for (unsigned k = 0; k < 20000; k++)
        fprintf(b, "{\"id\":\"x%u\",\"text\":\"%0200u\"}\n", k, k);
    fclose(b);
    ingest_options iopt = {0};
    iopt.max_record_bytes = 100;
    const int counts[] = {1, 2, 3, 8};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        said s = {0};
        const char *paths[] = {good, bad};
        run_records(f, paths, 2, &iopt, counts[t], &s);
        assert_int_equal(s.delivered, 6000);
        assert_int_equal(s.reported, 20000);
        assert_int_equal(s.replayed, 20000);
        /* at most 2 x threads + 2 batches in flight, plus the one being filled */
        assert_true(s.max_backlog <= (unsigned)(2 * counts[t] + 3) * 256);
        assert_true(s.max_held <= (unsigned)(2 * counts[t] + 3) * 1024);
        strbuf_free(&s.log);
    }
    unlink(good);
    unlink(bad);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_output_in_order_whatever_the_threads),
        cmocka_unit_test(test_callback_stop),
        cmocka_unit_test(test_render_failure_stops),
        cmocka_unit_test(test_records_diagnostics_in_order),
        cmocka_unit_test(test_records_backlog_bounded),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
