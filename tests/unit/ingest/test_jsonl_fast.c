/* test_jsonl_fast.c: the JSONL reader's fast path (jsonl.c) against jansson.
   Thousands of generated lines (field values of every JSON type, escapes,
   surrogates, U+0000, raw UTF-8, repeated keys, nested values, numbers jansson
   cannot hold, and broken lines) are read twice, once with the fast path and
   once with every line through jansson; the documents and the diagnostics must
   be the same, field for field and byte for byte, and the fast path must have
   taken most of the lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "ingest/ingestint.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

#define MAX_DOCS 4096
#define MAX_DIAGS 4096

typedef struct seen {
    document *docs[MAX_DOCS];
    size_t ndocs;
    char *diags[MAX_DIAGS];
    size_t ndiags;
    diag_sink sink;
    ingest_stats stats;
} seen;

static void on_diag(void *ctx, const diag *d)
{
    seen *s = ctx;
    if (s->ndiags >= MAX_DIAGS)
        return;
    char buf[1024];
    snprintf(buf, sizeof buf, "%d|%s|%ld|%lld|%s", (int)d->level, d->file ? d->file : "",
             d->line, d->offset, d->message);
    s->diags[s->ndiags++] = strdup(buf);
}

static int on_doc(void *ctx, document *doc)
{
    seen *s = ctx;
    if (s->ndocs < MAX_DOCS)
        s->docs[s->ndocs++] = doc;
    else
        document_free(doc);
    return 0;
}

static void seen_free(seen *s)
{
    for (size_t i = 0; i < s->ndocs; i++)
        document_free(s->docs[i]);
    for (size_t i = 0; i < s->ndiags; i++)
        free(s->diags[i]);
    free(s);
}

/* Read data as JSONL; returns the lines the fast path took. */
static uint64_t read_jsonl(seen *s, const char *data, size_t len, int no_fast)
{
    s->sink.fn = on_diag;
    s->sink.ctx = s;
    ingest_options o = {0};
    o.format = INGEST_JSONL;
    o.default_date = DATE_UNKNOWN;
    ingest_run r;
    ingest_run_init(&r, &o, on_doc, s, &s->sink, &s->stats);
    r.jsonl_no_fast = no_fast;
    instream in;
    assert_int_equal(instream_open_mem(&in, data, len, "gen.jsonl", &s->sink), 0);
    ingest_stream(&r, &in, "gen.jsonl", 0);
    instream_close(&in);
    return r.jsonl_fast_lines;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void same_runs(const seen *a, const seen *b)
{
    assert_int_equal(a->ndocs, b->ndocs);
    for (size_t i = 0; i < a->ndocs; i++) {
        const document *x = a->docs[i], *y = b->docs[i];
        same_str(x->id, y->id);
        same_str(x->source_name, y->source_name);
        assert_int_equal(x->source_line, y->source_line);
        assert_int_equal(x->ordinal, y->ordinal);
        assert_int_equal(x->text_len, y->text_len);
        assert_memory_equal(x->text, y->text, x->text_len);
        assert_int_equal(x->title_len, y->title_len);
        same_str(x->title, y->title);
        same_str(x->outlet, y->outlet);
        same_str(x->url, y->url);
        same_str(x->author, y->author);
        same_str(x->place, y->place);
        same_str(x->original_source, y->original_source);
        same_str(x->lang, y->lang);
        assert_int_equal(x->published, y->published);
        assert_memory_equal(&x->hash, &y->hash, sizeof x->hash);
    }
    assert_int_equal(a->ndiags, b->ndiags);
    for (size_t i = 0; i < a->ndiags; i++)
        assert_string_equal(a->diags[i], b->diags[i]);
    assert_int_equal(a->stats.documents, b->stats.documents);
    assert_int_equal(a->stats.skipped_records, b->stats.skipped_records);
}

/* ---- the generator ---------------------------------------------------------- */

static uint64_t rng = 0x1234567;

static unsigned pick(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define ONE_OF(list) ((list)[pick(sizeof(list) / sizeof((list)[0]))])

static const char *const keys[] = {
    "id", "doc_id", "date", "published", "pubdate", "publish_date", "published_at", "datetime",
    "outlet", "source", "publisher", "site_name", "url", "link", "title", "headline", "text",
    "body", "content", "description", "article", "author", "byline", "authors", "lang",
    "language", "category", "x", "", "te\\u0078t", "Text", "id "};

static const char *const strings[] = {
    "\"BAGHDAD (Reuters) - The army withdrew from the ridge, a spokesman said.\"",
    "\"Envoys met in Vilnius on Sunday. Follow us on Twitter.\"",
    "\"Quote \\\"inside\\\" and a back\\\\slash \\/ here.\"",
    "\"Line\\nbreak\\tand\\rcontrols\\b\\f.\"",
    "\"Caf\\u00e9 talks \\u2019resume\\u2019 in \\u65e5\\u672c.\"",
    "\"A smile \\uD83D\\uDE00 here.\"",
    "\"Lone \\uD83D surrogate.\"",
    "\"Lone \\uDE00 low.\"",
    "\"NUL \\u0000 inside.\"",
    "\"Bad \\x escape.\"",
    "\"Short \\u12 hex.\"",
    "\"Caf\xC3\xA9 \xE2\x80\x99quoted\xE2\x80\x99 \xE6\x97\xA5\xE6\x9C\xAC.\"",
    "\"\"",
    "\"2021-03-14\"",
    "\"March 5, 2020\"",
    "\"yesterday\"",
    "\"20200102\"",
    "\"Reuters\"",
    "\"By Ana Ruiz\"",
    "\"en\"",
    "\"Army Withdraws From Ridge (AP)\"",
    "\"http://example.org/a?b=c\"",
};

static const char *const others[] = {
    "null", "null", "true", "false", "42", "-3", "0", "1.5", "-0.25", "1e5", "2E-3",
    "12345678901234567890", "123456789012345", "1234567890123456", "01", "-", "1.", "[]",
    "[\"Kim Lo\",\"Pat Ng\"]", "[{\"name\":\"X\"},\"Y\",3]", "{\"name\":\"Reuters\"}", "{}",
    "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "nul", "nullx", "tru", "[1,]", "{\"a\" 1}",
    "20210314",
};

static void gen_value(strbuf *o)
{
    if (pick(3))
        strbuf_puts(o, ONE_OF(strings));
    else
        strbuf_puts(o, ONE_OF(others));
}

static void gen_line(strbuf *o)
{
    size_t start = o->len;
    static const char *const blanks[] = {"", "", "", " ", "  ", "\t"};
    if (pick(40) == 0) {
        strbuf_puts(o, ONE_OF(others)); /* not an object */
    } else {
        strbuf_puts(o, ONE_OF(blanks));
        strbuf_putc(o, '{');
        unsigned n = pick(7);
        int text_first = pick(10) < 7;
        if (text_first) /* most lines have a text, so that most make documents */
            strbuf_puts(o, "\"text\":\"ANKARA (AP) - Turkey and Greece held talks on Monday.\"");
        for (unsigned k = 0; k < n; k++) {
            if (k || text_first)
                strbuf_putc(o, ',');
            strbuf_puts(o, ONE_OF(blanks));
            strbuf_printf(o, "\"%s\"", ONE_OF(keys));
            strbuf_puts(o, ONE_OF(blanks));
            strbuf_putc(o, ':');
            strbuf_puts(o, ONE_OF(blanks));
            gen_value(o);
        }
        strbuf_puts(o, ONE_OF(blanks));
        strbuf_putc(o, '}');
        strbuf_puts(o, ONE_OF(blanks));
    }
    unsigned m = pick(12);
    size_t len = o->len - start;
    if (m == 0 && len > 1) { /* cut short */
        o->len = start + 1 + pick((unsigned)len - 1);
        o->data[o->len] = '\0';
    } else if (m == 1 && len > 1) { /* one byte in the wrong place */
        static const char junk[] = "{}[],:\"\\ x0\x01\xC3\xFF";
        size_t at = start + pick((unsigned)len);
        char c = junk[pick(sizeof junk - 1)];
        strbuf_putc(o, ' ');
        memmove(o->data + at + 1, o->data + at, o->len - at - 1);
        o->data[at] = c;
    } else if (m == 2) {
        strbuf_puts(o, " x");
    }
    strbuf_putc(o, '\n');
}

static void test_fast_path_matches_jansson(void **state)
{
    (void)state;
    for (int round = 0; round < 16; round++) {
        strbuf in = {0};
        for (int k = 0; k < 400; k++)
            gen_line(&in);
        seen *fast = calloc(1, sizeof *fast), *slow = calloc(1, sizeof *slow);
        uint64_t taken = read_jsonl(fast, in.data, in.len, 0);
        uint64_t none = read_jsonl(slow, in.data, in.len, 1);
        assert_int_equal(none, 0);
        assert_true(taken > 60); /* the fast path is taken often enough to be tested */
        assert_true(fast->ndocs > 80);
        assert_true(slow->ndiags > 50); /* and the lines it leaves to jansson are many */
        same_runs(fast, slow);
        seen_free(fast);
        seen_free(slow);
        strbuf_free(&in);
    }
}

static void test_fast_path_fields(void **state)
{
    (void)state;
    const char *in =
        "{\"id\":\"a\\u00e9\",\"title\":\"T\",\"text\":\"Body \\\"q\\\" here.\",\"source\":\"AFP\","
        "\"date\":\"2021-03-14\",\"text\":null,\"body\":\"Second body.\"}\n"
        "{\"id\":\"b\",\"text\":\"\",\"description\":\"Not used.\",\"title\":\"Only Title\"}\n";
    seen *s = calloc(1, sizeof *s);
    assert_int_equal(read_jsonl(s, in, strlen(in), 0), 2);
    assert_int_equal(s->ndocs, 2);
    assert_string_equal(s->docs[0]->id, "a\xC3\xA9");
    assert_string_equal(s->docs[0]->outlet, "AFP");
    assert_int_equal(s->docs[0]->published, civil_to_days(2021, 3, 14));
    /* a repeated key keeps its last value: text is null, so body is the text */
    assert_string_equal(s->docs[0]->text, "T\n\nSecond body.");
    /* an empty text is no text, and the next alias is not consulted */
    assert_string_equal(s->docs[1]->text, "Only Title");
    seen_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_path_fields),
        cmocka_unit_test(test_fast_path_matches_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
