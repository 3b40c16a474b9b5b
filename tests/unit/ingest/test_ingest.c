/* test_ingest.c: every input format, every kind of bad input, article cleaning,
   compression and directory walks (src/ingest).  Fixtures are our own text in
   tests/data/ingest/; large and compressed inputs are generated at run time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "ingest/ingest.h"
#include "ingest/ingestint.h"
#include "util/civil_date.h"

#define DATA DYAD_SOURCE_DIR "/tests/data/ingest/"

/* ---- collecting documents and diagnostics ------------------------------- */

#define MAX_DOCS 8192
#define MAX_DIAGS 64

typedef struct seen_diag {
    diag_level level;
    char file[512];
    long line;
    long long offset;
    char message[512];
} seen_diag;

typedef struct run {
    document *docs[MAX_DOCS];
    size_t ndocs;
    seen_diag diags[MAX_DIAGS];
    size_t ndiags;
    diag_sink sink;
    ingest_stats stats;
    int stop_after;     /* >0: the callback answers 7 after this many documents */
} run;

static void on_diag(void *ctx, const diag *d)
{
    run *r = ctx;
    if (r->ndiags >= MAX_DIAGS)
        return;
    seen_diag *s = &r->diags[r->ndiags++];
    s->level = d->level;
    snprintf(s->file, sizeof s->file, "%s", d->file ? d->file : "");
    s->line = d->line;
    s->offset = d->offset;
    snprintf(s->message, sizeof s->message, "%s", d->message);
}

static int on_doc(void *ctx, document *doc)
{
    run *r = ctx;
    if (r->ndocs < MAX_DOCS)
        r->docs[r->ndocs++] = doc;
    else
        document_free(doc);
    if (r->stop_after && (int)r->ndocs >= r->stop_after)
        return 7;
    return 0;
}

static run *run_new(void)
{
    run *r = calloc(1, sizeof *r);
    r->sink.fn = on_diag;
    r->sink.ctx = r;
    return r;
}

static void run_free(run *r)
{
    for (size_t i = 0; i < r->ndocs; i++)
        document_free(r->docs[i]);
    free(r);
}

static ingest_options default_options(void)
{
    ingest_options o = {0};
    o.default_date = DATE_UNKNOWN;
    return o;
}

static int from_bytes(run *r, const char *name, const void *data, size_t len, const ingest_options *o)
{
    ingest_options d = default_options();
    return ingest_bytes(name, data, len, o ? o : &d, on_doc, r, &r->sink, &r->stats);
}

static int from_path(run *r, const char *path, const ingest_options *o)
{
    ingest_options d = default_options();
    return ingest_path(path, o ? o : &d, on_doc, r, &r->sink, &r->stats);
}

/* The first diagnostic whose message contains needle, or NULL. */
static const seen_diag *find_diag(const run *r, const char *needle)
{
    for (size_t i = 0; i < r->ndiags; i++)
        if (strstr(r->diags[i].message, needle))
            return &r->diags[i];
    return NULL;
}

static const document *doc_by_id(const run *r, const char *id)
{
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->id && strcmp(r->docs[i]->id, id) == 0)
            return r->docs[i];
    return NULL;
}

static int32_t day(int y, int m, int d)
{
    return civil_to_days(y, m, d);
}

static const char *body_of(const document *d)
{
    return d->text + (d->title_len ? d->title_len + 2 : 0);
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/dyad-ingest-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void remove_tree(const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- JSONL -------------------------------------------------------------- */

static void test_jsonl_fixture_fields_and_bad_lines(void **state)
{
    (void)state;
    run *r = run_new();
    assert_int_equal(from_path(r, DATA "docs.jsonl", NULL), 0);
    assert_int_equal(r->ndocs, 5);

    const document *d1 = doc_by_id(r, "d1");
    assert_non_null(d1);
    assert_string_equal(d1->title, "Envoys Meet in Vilnius");
    assert_string_equal(d1->outlet, "World Monitor"); /* the field wins over "(AP)" */
    assert_int_equal(d1->published, day(2021, 3, 14));
    assert_string_equal(d1->text, "Envoys Meet in Vilnius\n\nEnvoys from two neighbouring states met in Vilnius on Sunday.");
    assert_int_equal(d1->title_len, strlen("Envoys Meet in Vilnius"));
    assert_int_equal(d1->source_line, 1);

    const document *d2 = doc_by_id(r, DATA "docs.jsonl:2"); /* no id: source:line */
    assert_non_null(d2);
    assert_string_equal(d2->title, "Army Withdraws From Ridge");
    assert_string_equal(d2->outlet, "Reuters");
    assert_string_equal(d2->author, "Ana Ruiz");
    assert_string_equal(d2->place, "BAGHDAD");
    assert_int_equal(d2->published, day(2021, 3, 15));
    assert_string_equal(body_of(d2), "The army withdrew from the ridge overnight, a spokesman said.");

    const seen_diag *bad = find_diag(r, "malformed JSON");
    assert_non_null(bad);
    assert_int_equal(bad->line, 3);
    assert_string_equal(bad->file, DATA "docs.jsonl");
    const seen_diag *arr = find_diag(r, "not an object");
    assert_non_null(arr);
    assert_int_equal(arr->line, 4);
    const seen_diag *empty = find_diag(r, "no text and no title");
    assert_non_null(empty);
    assert_int_equal(empty->line, 5);

    const seen_diag *date = find_diag(r, "unknown date");
    assert_non_null(date);
    assert_int_equal(date->line, 6);
    assert_int_equal(date->level, DIAG_WARNING);
    assert_non_null(strstr(date->message, "the day after tomorrow"));
    const document *d6 = doc_by_id(r, "d6");
    assert_non_null(d6); /* kept, without a date */
    assert_int_equal(d6->published, DATE_UNKNOWN);
    assert_string_equal(d6->place, "LIMA");
    assert_string_equal(d6->text, "Protesters marched to the congress building on Monday.");

    const document *d7 = doc_by_id(r, "d7"); /* a headline alone is still codable */
    assert_non_null(d7);
    assert_string_equal(d7->text, "Only A Headline Here");
    assert_int_equal(d7->title_len, d7->text_len);
    assert_non_null(find_diag(r, "coding its title only"));

    const document *d8 = doc_by_id(r, "8");
    assert_non_null(d8);
    assert_int_equal(d8->published, day(2021, 3, 16));
    assert_string_equal(d8->author, "Kim Lo, Pat Ng");
    assert_string_equal(d8->place, "WASHINGTON");
    assert_int_equal(d8->title_len, 0);

    for (size_t i = 0; i < r->ndocs; i++)
        assert_int_equal(r->docs[i]->ordinal, i);
    assert_int_equal(r->stats.documents, 5);
    assert_int_equal(r->stats.skipped_records, 3);
    assert_int_equal(r->stats.files, 1);
    run_free(r);
}

static void test_jsonl_default_date_and_hash(void **state)
{
    (void)state;
    const char *in = "{\"id\":\"a\",\"text\":\"Same words here.\"}\n"
                     "{\"id\":\"b\",\"text\":\"Same words here.\",\"date\":\"2020-01-02\"}\n";
    run *r = run_new();
    ingest_options o = default_options();
    o.default_date = day(2019, 5, 1);
    assert_int_equal(from_bytes(r, "mem.jsonl", in, strlen(in), &o), 0);
    assert_int_equal(r->ndocs, 2);
    assert_int_equal(r->docs[0]->published, day(2019, 5, 1));
    assert_int_equal(r->docs[1]->published, day(2020, 1, 2));
    assert_memory_equal(&r->docs[0]->hash, &r->docs[1]->hash, sizeof r->docs[0]->hash);
    assert_string_equal(r->docs[0]->source_name, "mem.jsonl");
    run_free(r);
}

static void test_jsonl_invalid_utf8_and_nul_bytes(void **state)
{
    (void)state;
    /* line 2 holds a raw invalid byte and a raw NUL inside its string; line 3
       an escaped NUL; lines 1 and 4 are clean */
    const char in[] = "{\"id\":\"ok1\",\"text\":\"Talks began.\"}\n"
                      "{\"id\":\"bad\",\"text\":\"Caf\xE9 talks\x00 ended.\"}\n"
                      "{\"id\":\"esc\",\"text\":\"Troops\\u0000 left.\"}\n"
                      "{\"id\":\"ok2\",\"text\":\"Talks ended.\"}\n";
    run *r = run_new();
    assert_int_equal(from_bytes(r, "u.jsonl", in, sizeof in - 1, NULL), 0);
    assert_int_equal(r->ndocs, 4);
    assert_string_equal(doc_by_id(r, "ok1")->text, "Talks began.");
    assert_string_equal(doc_by_id(r, "bad")->text, "Caf\xEF\xBF\xBD talks ended.");
    assert_string_equal(doc_by_id(r, "esc")->text, "Troops left.");
    assert_string_equal(doc_by_id(r, "ok2")->text, "Talks ended.");
    const seen_diag *u = find_diag(r, "invalid UTF-8");
    assert_non_null(u);
    assert_string_equal(u->file, "u.jsonl");
    assert_int_equal(u->line, 2);
    size_t line1 = strlen("{\"id\":\"ok1\",\"text\":\"Talks began.\"}\n");
    assert_int_equal(u->offset, (long long)(line1 + strlen("{\"id\":\"bad\",\"text\":\"Caf")));
    const seen_diag *n = find_diag(r, "NUL or control byte");
    assert_non_null(n);
    assert_int_equal(n->line, 2);
    const seen_diag *esc = find_diag(r, "NUL or control character");
    assert_non_null(esc); /* from the text normaliser, naming the record */
    assert_string_equal(esc->file, "u.jsonl:3");
    run_free(r);
}

/* Write good line, a 50 MB line, good line to a file, without ever holding
   the long line in memory. */
static void write_long_line_file(const char *path, size_t long_len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"id\":\"before\",\"text\":\"Envoys met.\"}\n", f);
    fputs("{\"id\":\"huge\",\"text\":\"", f);
    static char chunk[1 << 16];
    memset(chunk, 'x', sizeof chunk);
    size_t body = long_len - strlen("{\"id\":\"huge\",\"text\":\"") - 2;
    for (size_t left = body; left > 0;) {
        size_t k = left < sizeof chunk ? left : sizeof chunk;
        assert_int_equal(fwrite(chunk, 1, k, f), k);
        left -= k;
    }
    fputs("\"}\n", f);
    fputs("{\"id\":\"after\",\"text\":\"Envoys left.\"}\n", f);
    fclose(f);
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void test_jsonl_50mb_line_is_skipped_without_buffering(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/long.jsonl", dir);
    size_t long_len = 50u << 20;
    write_long_line_file(path, long_len);
    run *r = run_new();
    long before = max_rss_kb();
    assert_int_equal(from_path(r, path, NULL), 0);
    long grown_mb = (max_rss_kb() - before) / 1024;
    assert_int_equal(r->ndocs, 2);
    assert_string_equal(r->docs[0]->id, "before");
    assert_string_equal(r->docs[1]->id, "after");
    const seen_diag *d = find_diag(r, "longer than the record limit");
    assert_non_null(d);
    assert_string_equal(d->file, path);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->offset, (long long)strlen("{\"id\":\"before\",\"text\":\"Envoys met.\"}\n"));
    char want[64];
    snprintf(want, sizeof want, "line of %zu bytes", long_len);
    assert_non_null(strstr(d->message, want));
    assert_int_equal(r->stats.skipped_records, 1);
    /* peak memory is bounded by the 16 MiB record limit, not by the 50 MB line */
#if !defined(__SANITIZE_ADDRESS__)
    assert_true(grown_mb < 40); /* (ASan's quarantine keeps freed buffers: not measurable there) */
#else
    (void)grown_mb;
#endif
    run_free(r);
    remove_tree(dir);
    free(dir);
}

/* ---- compression -------------------------------------------------------- */

/* n JSONL lines with distinct ids and some incompressible-ish text. */
static char *make_lines(int n, size_t *len)
{
    size_t cap = (size_t)n * 160 + 1;
    char *s = malloc(cap);
    size_t k = 0;
    unsigned x = 12345;
    for (int i = 1; i <= n; i++) {
        char noise[41];
        for (int j = 0; j < 40; j++) {
            x = x * 1103515245u + 12345u;
            noise[j] = (char)('a' + (x >> 16) % 26);
        }
        noise[40] = '\0';
        k += (size_t)snprintf(s + k, cap - k, "{\"id\":\"doc-%d\",\"text\":\"Envoy %d met %s.\"}\n", i,
                              i, noise);
    }
    *len = k;
    return s;
}

static size_t gzip_into(const char *in, size_t len, unsigned char *out, size_t cap)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

/* Every delivered document must be one of the originals, whole, in order. */
static void assert_prefix_delivered(const run *r, size_t min_docs, size_t max_docs)
{
    assert_true(r->ndocs >= min_docs);
    assert_true(r->ndocs <= max_docs);
    for (size_t i = 0; i < r->ndocs; i++) {
        char id[32], start[32];
        snprintf(id, sizeof id, "doc-%zu", i + 1);
        snprintf(start, sizeof start, "Envoy %zu met ", i + 1);
        assert_string_equal(r->docs[i]->id, id);
        assert_true(strncmp(r->docs[i]->text, start, strlen(start)) == 0);
        assert_int_equal(r->docs[i]->text_len, strlen(start) + 41);
    }
}

static void test_gzip_whole_concatenated_and_truncated(void **state)
{
    (void)state;
    size_t len;
    char *lines = make_lines(400, &len);
    size_t cap = len + 1024;
    unsigned char *gz = malloc(cap * 2);
    /* two members: lines split in the middle of the file */
    size_t half = len / 2;
    while (lines[half - 1] != '\n')
        half++;
    size_t n1 = gzip_into(lines, half, gz, cap);
    size_t n2 = gzip_into(lines + half, len - half, gz + n1, cap);
    run *r = run_new();
    assert_int_equal(from_bytes(r, "two.jsonl.gz", gz, n1 + n2, NULL), 0);
    assert_prefix_delivered(r, 400, 400);
    assert_int_equal(r->ndiags, 0);
    assert_int_equal(r->stats.bytes, len);
    run_free(r);

    /* cut the single-member archive at 60% */
    size_t n = gzip_into(lines, len, gz, cap);
    size_t cut = n * 6 / 10;
    r = run_new();
    assert_int_equal(from_bytes(r, "cut.jsonl.gz", gz, cut, NULL), 0);
    const seen_diag *d = find_diag(r, "truncated gzip stream");
    assert_non_null(d);
    assert_string_equal(d->file, "cut.jsonl.gz");
    assert_true(d->offset > 0 && (size_t)d->offset < len);
    assert_prefix_delivered(r, 100, 399);
    /* every document wholly before the cut was delivered */
    size_t whole = 0, k = 0;
    for (size_t i = 0; i < len && i < (size_t)d->offset; i++)
        if (lines[i] == '\n') {
            whole++;
            k = i;
        }
    (void)k;
    assert_int_equal(r->ndocs, whole);
    run_free(r);
    free(gz);
    free(lines);
}

static void test_zstd_whole_concatenated_and_truncated(void **state)
{
    (void)state;
    size_t len;
    char *lines = make_lines(6000, &len); /* several 128 KB zstd blocks */
    size_t cap = ZSTD_compressBound(len);
    unsigned char *zs = malloc(cap * 2);
    size_t half = len / 2;
    while (lines[half - 1] != '\n')
        half++;
    size_t n1 = ZSTD_compress(zs, cap, lines, half, 3);
    size_t n2 = ZSTD_compress(zs + n1, cap, lines + half, len - half, 3);
    assert_false(ZSTD_isError(n1) || ZSTD_isError(n2));
    run *r = run_new();
    assert_int_equal(from_bytes(r, "two.jsonl.zst", zs, n1 + n2, NULL), 0);
    assert_prefix_delivered(r, 6000, 6000);
    assert_int_equal(r->ndiags, 0);
    run_free(r);

    size_t n = ZSTD_compress(zs, cap, lines, len, 3);
    size_t cut = n * 6 / 10;
    r = run_new();
    assert_int_equal(from_bytes(r, "cut.jsonl.zst", zs, cut, NULL), 0);
    const seen_diag *d = find_diag(r, "truncated zstd stream");
    assert_non_null(d);
    assert_string_equal(d->file, "cut.jsonl.zst");
    assert_true(d->offset > 0 && (size_t)d->offset < len);
    size_t whole = 0;
    for (size_t i = 0; i < (size_t)d->offset; i++)
        whole += lines[i] == '\n';
    assert_int_equal(r->ndocs, whole);
    assert_prefix_delivered(r, 1, 5999);
    run_free(r);
    free(zs);
    free(lines);
}

static void test_compressed_text_and_corrupt_gzip(void **state)
{
    (void)state;
    const char *article = "Envoys Meet\n\nThe envoys met in Riga on Monday.\n";
    unsigned char gz[512];
    size_t n = gzip_into(article, strlen(article), gz, sizeof gz);
    run *r = run_new();
    assert_int_equal(from_bytes(r, "a.txt.gz", gz, n, NULL), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->title, "Envoys Meet");
    run_free(r);
    /* a truncated plain-text archive: the one (incomplete) document is not coded */
    r = run_new();
    assert_int_equal(from_bytes(r, "a.txt.gz", gz, n - 6, NULL), 0);
    assert_int_equal(r->ndocs, 0);
    assert_non_null(find_diag(r, "truncated gzip stream"));
    run_free(r);
    /* flipped bytes in the deflate data */
    size_t len;
    char *lines = make_lines(50, &len);
    unsigned char *big = malloc(len + 1024);
    size_t m = gzip_into(lines, len, big, len + 1024);
    for (size_t i = m / 2; i < m / 2 + 16; i++)
        big[i] ^= 0x5A;
    r = run_new();
    assert_int_equal(from_bytes(r, "bad.jsonl.gz", big, m, NULL), 0);
    assert_true(find_diag(r, "corrupt gzip stream") || find_diag(r, "malformed JSON"));
    assert_true(r->ndocs < 50);
    run_free(r);
    free(big);
    free(lines);
}

/* ---- plain text cleaning -------------------------------------------------- */

static void test_text_fixture_article_cleaning(void **state)
{
    (void)state;
    run *r = run_new();
    assert_int_equal(from_path(r, DATA "article.txt", NULL), 0);
    assert_int_equal(r->ndocs, 1);
    const document *d = r->docs[0];
    assert_string_equal(d->source_name, DATA "article.txt");
    assert_string_equal(d->id, "article.txt"); /* a named file's id is its own name */
    assert_string_equal(d->title, "Border Talks Resume After Two-Year Freeze");
    assert_string_equal(d->author, "Marta Quell");
    assert_string_equal(d->outlet, "World Monitor");
    assert_int_equal(d->published, day(2021, 3, 14));
    assert_string_equal(d->place, "VILNIUS, Lithuania");
    assert_string_equal(d->original_source, "The Baltic Ledger");
    assert_string_equal(d->text,
        "Border Talks Resume After Two-Year Freeze\n\n"
        "Negotiators from Lithuania and Belarus met on Saturday for the first round of border "
        "talks since 2019, officials said.\n\n"
        "The foreign ministry said the delegations & their advisers agreed to meet again in "
        "April. Gen. Tomas Ruel led the Lithuanian side.\n\n"
        "\"We are ready to listen,\" the envoy told reporters.");
    assert_int_equal(d->title_len, strlen("Border Talks Resume After Two-Year Freeze"));
    assert_non_null(find_diag(r, "removed boilerplate"));
    run_free(r);
}

static void test_clean_line_per_paragraph_article(void **state)
{
    (void)state;
    /* paragraphs on single lines, a byline first, an author note and an
       editor's note with a syndication source last */
    const char *raw =
        "By Teodor Miles\n"
        "Ministers from the five coastal states gathered in Tallinn on Monday to discuss fishing "
        "quotas, a meeting that officials described as overdue after two years of disputes over "
        "the northern grounds.\n"
        "The talks ended without agreement. Delegates said they would meet again in the autumn, "
        "although no date was set and several ministers left before the closing session began.\n"
        "(The author is a fellow at an institute for maritime studies)\n"
        "Editor's note: Originally published on harbourwatch.example, this article is translated "
        "from Estonian into English. The opinions in this article do not necessarily reflect the "
        "views of this site.";
    document *d = document_new();
    assert_int_equal(ingest_clean_article(d, NULL, 0, raw, strlen(raw), "note.txt", NULL), 0);
    assert_string_equal(d->author, "Teodor Miles");
    assert_string_equal(d->original_source, "harbourwatch.example");
    assert_int_equal(d->title_len, 0);
    assert_null(d->title);
    assert_true(strncmp(d->text, "Ministers from the five", 23) == 0);
    assert_non_null(strstr(d->text, "northern grounds.\n\nThe talks ended"));
    assert_null(strstr(d->text, "author is"));
    assert_null(strstr(d->text, "Editor"));
    assert_true(d->text[d->text_len - 1] == '.');
    document_free(d);
}

static void test_clean_datelines_and_title_outlets(void **state)
{
    (void)state;
    struct {
        const char *title, *raw, *place, *outlet, *body;
    } cases[] = {
        {"Rebels Shell Airport (Reuters)", "BAGHDAD (Reuters) - Rebels shelled the airport.",
         "BAGHDAD", "Reuters", "Rebels shelled the airport."},
        {"Talks Stall (AP)", "KABUL, Afghanistan (AP) - Talks stalled again on Friday.",
         "KABUL, Afghanistan", "AP", "Talks stalled again on Friday."},
        {"Strike Spreads", "LIMA: Miners joined the strike on Tuesday.", "LIMA", NULL,
         "Miners joined the strike on Tuesday."},
        {"Senate Votes", "WASHINGTON -- The senate voted late on Monday.", "WASHINGTON", NULL,
         "The senate voted late on Monday."},
        {"Quake Hits Coast (AFP)", "AFP - A strong quake hit the coast.", NULL, "AFP",
         "A strong quake hit the coast."},
        {"Deal Signed", "NEW YORK, Feb 6 (Reuters) - The firms signed the deal.", "NEW YORK",
         "Reuters", "The firms signed the deal."},
        {"Port Closed", "SINGAPORE : The port closed at noon.", "SINGAPORE", NULL,
         "The port closed at noon."},
        {"Final Set", "Oslo, Norway (Sports Network) - The final was delayed.", "Oslo, Norway",
         "Sports Network", "The final was delayed."},
        {"Summary", "Summary - The committee met twice.", NULL, NULL,
         "Summary - The committee met twice."},
        {"Merger Talks", "RIGA/TALLINN (Reuters) - Two banks held merger talks.", "RIGA/TALLINN",
         "Reuters", "Two banks held merger talks."},
        {"Vote Count", "By Dana Pell OSLO (Reuters) - The count went on.", "OSLO", "Reuters",
         "The count went on."},
        {"Border Reopens", "By RUTA KANE VILNIUS, Lithuania (AP) -- The border reopened.",
         "VILNIUS, Lithuania", "AP", "The border reopened."},
        {"Strike Ends", "TARTU, Estonia Aug. 23, 2004 - The strike ended.", "TARTU, Estonia", NULL,
         "The strike ended."},
        {"Fire Out", "FRESNO, Calif. - The fire was contained.", "FRESNO, Calif.", NULL,
         "The fire was contained."},
        {"Talks Open", "Tartu, Estonia - Talks opened.", "Tartu, Estonia", NULL, "Talks opened."},
        {"Chips Ship", "MARCH 3, 2004 (TECHWIRE) - Chips shipped.", NULL, "TECHWIRE",
         "Chips shipped."},
        {"Quake", "QUITO, Ecuador : A quake shook the city.", "QUITO, Ecuador", NULL,
         "A quake shook the city."},
        {"Kabul", "Kabul - the capital - was quiet.", NULL, NULL, "Kabul - the capital - was quiet."},
        {"Ceasefire Holds", "By JOHN Q. ADAMS GENEVA (AP) -- The ceasefire held overnight.", "GENEVA",
         "AP", "The ceasefire held overnight."},
        {"US-China talks", "US - China talks resumed.", NULL, NULL, "US - China talks resumed."},
        {"NATO Meets", "NATO leaders met in Brussels - and agreed.", NULL, NULL,
         "NATO leaders met in Brussels - and agreed."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        document *d = document_new();
        assert_int_equal(ingest_clean_article(d, cases[i].title, strlen(cases[i].title), cases[i].raw,
                                              strlen(cases[i].raw), "t", NULL), 0);
        if (cases[i].place)
            assert_string_equal(d->place, cases[i].place);
        else
            assert_null(d->place);
        if (cases[i].outlet)
            assert_string_equal(d->outlet, cases[i].outlet);
        else
            assert_null(d->outlet);
        assert_string_equal(body_of(d), cases[i].body);
        assert_null(strstr(d->title, "("));
        document_free(d);
    }
    struct {
        const char *raw, *author;
        int32_t published;
    } bylines[] = {
        {"By JOHN Q. ADAMS GENEVA (AP) -- x", "JOHN Q. ADAMS", DATE_UNKNOWN},
        {"By Dana Pell OSLO (Reuters) - x", "Dana Pell", DATE_UNKNOWN},
        {"TARTU, Estonia Aug. 23, 2004 - x", NULL, day(2004, 8, 23)},
    };
    for (size_t i = 0; i < sizeof bylines / sizeof bylines[0]; i++) {
        document *d = document_new();
        const char *t = bylines[i].raw;
        assert_int_equal(ingest_clean_article(d, NULL, 0, t, strlen(t), "t", NULL), 0);
        if (bylines[i].author)
            assert_string_equal(d->author, bylines[i].author);
        else
            assert_null(d->author);
        assert_int_equal(d->published, bylines[i].published);
        assert_string_equal(d->text, "x");
        document_free(d);
    }
}

static void test_clean_keeps_story_with_boilerplate_words(void **state)
{
    (void)state;
    /* a one-paragraph story about social networks and privacy is still a story */
    const char *raw = "Facebook and Twitter shares fell after regulators criticised the new privacy "
                      "policy and the newsletter terms, analysts said.";
    document *d = document_new();
    assert_int_equal(ingest_clean_article(d, "Shares Fall", 11, raw, strlen(raw), "t", NULL), 0);
    assert_string_equal(body_of(d), raw);
    document_free(d);
    /* and a middle paragraph that mentions copyright in passing stays too */
    const char *mid = "Lawmakers met on Monday.\n\nThe copyright bill, which publishers support, "
                      "passed its first reading by a wide margin after a long debate in the chamber.\n\n"
                      "The vote is expected next week.";
    d = document_new();
    assert_int_equal(ingest_clean_article(d, NULL, 0, mid, strlen(mid), "t", NULL), 0);
    assert_non_null(strstr(d->text, "copyright bill"));
    document_free(d);
}

static void test_clean_markup_entities_and_wrapping(void **state)
{
    (void)state;
    const char *raw = "Envoys Agree\n\n<p>The <b>envoys</b> agreed &amp; signed a <i>self-\n"
                      "propelled</i> plan at the hotel on the main square of the old town near\n"
                      "the river, officials said on Monday&#8217;s briefing.</p><p>Jos&eacute; "
                      "Ruiz &ndash; the mediator &ndash; welcomed it.</p>";
    document *d = document_new();
    assert_int_equal(ingest_clean_article(d, NULL, 0, raw, strlen(raw), "t", NULL), 0);
    assert_string_equal(d->title, "Envoys Agree");
    assert_string_equal(body_of(d),
        "The envoys agreed & signed a self-propelled plan at the hotel on the main square of the "
        "old town near the river, officials said on Monday\xE2\x80\x99s briefing.\n\n"
        "Jos\xC3\xA9 Ruiz \xE2\x80\x93 the mediator \xE2\x80\x93 welcomed it.");
    document_free(d);
    /* a ticker in angle brackets is not markup */
    const char *tick = "Acme Inc. <ACME.N> rose.";
    d = document_new();
    assert_int_equal(ingest_clean_article(d, "Acme Rises", 10, tick, strlen(tick), "t", NULL), 0);
    assert_string_equal(body_of(d), tick);
    document_free(d);
}

static void test_clean_normalizes_and_reports(void **state)
{
    (void)state;
    run *r = run_new();
    const char raw[] = "Talks End\n\nThe envoys\x00 left Riga \xFF on Friday.\r\n";
    assert_int_equal(from_bytes(r, "n.txt", raw, sizeof raw - 1, NULL), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->text, "Talks End\n\nThe envoys left Riga \xEF\xBF\xBD on Friday.");
    const seen_diag *u = find_diag(r, "invalid UTF-8");
    assert_non_null(u);
    assert_string_equal(u->file, "n.txt");
    assert_int_equal(u->offset, 33);
    const seen_diag *c = find_diag(r, "NUL or control");
    assert_non_null(c);
    assert_int_equal(c->offset, 21);
    run_free(r);
}

static void test_keep_boilerplate_option(void **state)
{
    (void)state;
    const char *raw = "By Marta Quell\n\nFollow us on Telegram.\n\nThe envoys met.";
    run *r = run_new();
    ingest_options o = default_options();
    o.keep_boilerplate = 1;
    assert_int_equal(from_bytes(r, "k.txt", raw, strlen(raw), &o), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->text, raw);
    assert_null(r->docs[0]->author);
    run_free(r);
}

/* ---- HTML ---------------------------------------------------------------- */

static void test_html_fixture(void **state)
{
    (void)state;
    run *r = run_new();
    assert_int_equal(from_path(r, DATA "page.html", NULL), 0);
    assert_int_equal(r->ndocs, 1);
    const document *d = r->docs[0];
    assert_string_equal(d->title, "Ports Reopen in Storm-Hit South");
    assert_string_equal(d->outlet, "The Coastal Herald");
    assert_string_equal(d->author, "Ilse Varga");
    assert_string_equal(d->url, "https://herald.example/ports-reopen");
    assert_string_equal(d->lang, "en");
    assert_string_equal(d->place, "MARSA DELTA");
    assert_int_equal(d->published, day(2022, 11, 3));
    assert_string_equal(d->text,
        "Ports Reopen in Storm-Hit South\n\n"
        "Authorities in the southern province reopened two ports on Thursday after the storm "
        "passed, the transport minister said.\n\n"
        "Fishing crews returned to the harbour at dawn. \xE2\x80\x9CWe lost a week,\xE2\x80\x9D one "
        "captain said.\n\n"
        "Aid arrives\n\n"
        "The Red Crescent delivered food to three villages near Caf\xC3\xA9 Point.");
    run_free(r);
}

static void test_html_without_article(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Flood Warning - Valley Times</title>"
                       "<meta property=\"og:site_name\" content=\"Valley Times\"></head><body>"
                       "<div id=\"menu\"><p>Home | Sports</p></div>"
                       "<div class=\"article-body\"><p>Rivers rose in the valley overnight.</p>"
                       "<p>Residents of S\xC3\xA3o Mateus left.</p></div>"
                       "<div class=\"comments\"><p>Great post!</p></div></body></html>";
    run *r = run_new();
    assert_int_equal(from_bytes(r, "f.html", html, strlen(html), NULL), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->title, "Flood Warning");
    assert_string_equal(body_of(r->docs[0]),
                        "Rivers rose in the valley overnight.\n\nResidents of S\xC3\xA3o Mateus left.");
    run_free(r);
}

static void test_html_encodings(void **state)
{
    (void)state;
    /* declared UTF-8 with a bad byte: repaired and reported, nothing lost */
    const char bad[] = "<html><head><meta charset=\"utf-8\"></head><body><article>"
                       "<p>Troops \xFF crossed.</p><p>Envoys met.</p></article></body></html>";
    run *r = run_new();
    assert_int_equal(from_bytes(r, "bad.html", bad, sizeof bad - 1, NULL), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->text, "Troops \xEF\xBF\xBD crossed.\n\nEnvoys met.");
    const seen_diag *d = find_diag(r, "invalid UTF-8");
    assert_true(d && strcmp(d->file, "bad.html") == 0);
    run_free(r);
    /* a page in Windows-1252 is converted */
    const char legacy[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                          "charset=windows-1252\"></head><body><p>Caf\xE9 talks \x96 and \x93more\x94.</p>"
                          "</body></html>";
    r = run_new();
    assert_int_equal(from_bytes(r, "old.html", legacy, sizeof legacy - 1, NULL), 0);
    assert_int_equal(r->ndocs, 1);
    assert_string_equal(r->docs[0]->text,
                        "Caf\xC3\xA9 talks \xE2\x80\x93 and \xE2\x80\x9Cmore\xE2\x80\x9D.");
    assert_int_equal(r->ndiags, 0);
    run_free(r);
}

/* ---- TABARI ---------------------------------------------------------------- */

static void test_tabari_fixture(void **state)
{
    (void)state;
    run *r = run_new();
    assert_int_equal(from_path(r, DATA "records.tabari", NULL), 0);
    assert_int_equal(r->ndocs, 3);
    assert_string_equal(r->docs[0]->id, "BORDER-01");
    assert_int_equal(r->docs[0]->published, day(2021, 3, 14));
    assert_string_equal(r->docs[0]->text, "Lithuanian negotiators met Belarusian officials in Vilnius on Saturday.");
    assert_int_equal(r->docs[0]->source_line, 5);
    assert_string_equal(r->docs[1]->id, "BORDER-02");
    assert_int_equal(r->docs[1]->published, day(2021, 3, 15));
    assert_string_equal(r->docs[1]->text, "The envoy left for Minsk. Talks resume in April.");
    assert_string_equal(r->docs[2]->id, "BADDATE-01");
    assert_int_equal(r->docs[2]->published, DATE_UNKNOWN);
    const seen_diag *d = find_diag(r, "unknown date in record header");
    assert_non_null(d);
    assert_int_equal(d->line, 15);
    run_free(r);
}

static void test_tabari_quirks_in_memory(void **state)
{
    (void)state;
    const char *in = "9501201  QUIRK-01\nText one.\n\n950101*STAR\nText two /* unterminated\ncomment\n";
    run *r = run_new();
    ingest_options o = default_options();
    o.format = INGEST_TABARI;
    assert_int_equal(from_bytes(r, "q.txt", in, strlen(in), &o), 0);
    assert_int_equal(r->ndocs, 2);
    assert_string_equal(r->docs[0]->id, "1  QUIRK-01"); /* TABARI's own reading */
    assert_int_equal(r->docs[0]->published, day(1995, 1, 20));
    assert_string_equal(r->docs[1]->id, "*STAR");
    assert_string_equal(r->docs[1]->text, "Text two");
    run_free(r);
}

/* ---- detection, paths, walking ------------------------------------------------ */

static void test_format_detection(void **state)
{
    (void)state;
    const char *jsonl = "{\"a\":1}\n\n{\"b\":2}\n";
    const char *html = "\xEF\xBB\xBF  <!-- saved page -->\n<!DOCTYPE html><html><body></body></html>";
    const char *tab = "####\n# banner\n\n230129  ID-1\nText.\n";
    const char *text = "Envoys Meet\n\n{not json} The envoys met.\n";
    const char *text2 = "2023 was a year of talks.\nMore text.\n";
    assert_int_equal(ingest_detect_format(jsonl, strlen(jsonl)), INGEST_JSONL);
    assert_int_equal(ingest_detect_format(html, strlen(html)), INGEST_HTML);
    assert_int_equal(ingest_detect_format(tab, strlen(tab)), INGEST_TABARI);
    assert_int_equal(ingest_detect_format(text, strlen(text)), INGEST_TEXT);
    assert_int_equal(ingest_detect_format(text2, strlen(text2)), INGEST_TEXT);
    assert_int_equal(ingest_detect_format("", 0), INGEST_TEXT);
    assert_true(ingest_looks_binary("\x89PNG\r\n\x1a\n", 8));
    assert_true(ingest_looks_binary("ab\0cd", 5));
    assert_false(ingest_looks_binary("plain text\n", 11));
    /* forcing a format overrides detection */
    run *r = run_new();
    ingest_options o = default_options();
    o.format = INGEST_TEXT;
    assert_int_equal(from_bytes(r, "j.txt", jsonl, strlen(jsonl), &o), 0);
    assert_int_equal(r->ndocs, 1);
    run_free(r);
}

static void test_directory_walk_order_and_skips(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char p[1024];
    const char *names[] = {"b.txt", "a.txt", "A.txt", "sub/c.txt", "sub/deeper/d.txt", ".hidden.txt",
                           ".git/config"};
    snprintf(p, sizeof p, "%s/sub", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/sub/deeper", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/.git", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char body[128];
        snprintf(body, sizeof body, "The envoy of file %s arrived.", names[i]);
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        write_file(p, body, strlen(body));
    }
    snprintf(p, sizeof p, "%s/photo.png", dir);
    write_file(p, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    unsigned char gz[256];
    const char *zipped = "The envoy of the zipped file arrived.";
    size_t n = gzip_into(zipped, strlen(zipped), gz, sizeof gz);
    snprintf(p, sizeof p, "%s/m.txt.gz", dir);
    write_file(p, gz, n);
    snprintf(p, sizeof p, "%s/broken.txt", dir);
    assert_int_equal(symlink("/nonexistent/dyad-target", p), 0);
    snprintf(p, sizeof p, "%s/sub/loop", dir);
    assert_int_equal(symlink("..", p), 0);

    run *r = run_new();
    assert_int_equal(from_path(r, dir, NULL), 0);
    const char *order[] = {"A.txt", "a.txt", "b.txt", "m.txt.gz", "sub/c.txt", "sub/deeper/d.txt"};
    assert_int_equal(r->ndocs, 6);
    for (size_t i = 0; i < 6; i++) {
        char want[1024];
        snprintf(want, sizeof want, "%s/%s", dir, order[i]);
        assert_string_equal(r->docs[i]->source_name, want);
        /* ids start at the named folder's own name */
        const char *base = strrchr(dir, '/');
        snprintf(want, sizeof want, "%s/%s", base ? base + 1 : dir, order[i]);
        assert_string_equal(r->docs[i]->id, want);
    }
    assert_string_equal(r->docs[3]->text, zipped);
    const seen_diag *png = find_diag(r, "binary");
    assert_non_null(png);
    assert_non_null(strstr(png->file, "photo.png"));
    const seen_diag *broken = find_diag(r, "cannot read");
    assert_true(broken && strstr(broken->file, "broken.txt") && broken->level == DIAG_ERROR);
    assert_non_null(find_diag(r, "link loop"));
    assert_int_equal(r->stats.files, 6);
    run_free(r);

    /* the callback can stop the walk */
    r = run_new();
    r->stop_after = 2;
    assert_int_equal(from_path(r, dir, NULL), 7);
    assert_int_equal(r->ndocs, 2);
    run_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_missing_path_and_stdin(void **state)
{
    (void)state;
    run *r = run_new();
    assert_int_equal(from_path(r, "/nonexistent/dyad/input.txt", NULL), -1);
    const seen_diag *d = find_diag(r, "cannot open");
    assert_non_null(d);
    assert_int_equal(d->level, DIAG_ERROR);
    assert_string_equal(d->file, "/nonexistent/dyad/input.txt");
    run_free(r);

    char *dir = temp_dir();
    char p[512];
    snprintf(p, sizeof p, "%s/in.jsonl", dir);
    const char *in = "{\"id\":\"s1\",\"text\":\"Envoys met.\"}\n{\"id\":\"s2\",\"text\":\"Envoys left.\"}\n";
    write_file(p, in, strlen(in));
    int saved = dup(STDIN_FILENO);
    int fd = open(p, O_RDONLY);
    assert_true(fd >= 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    r = run_new();
    assert_int_equal(from_path(r, "-", NULL), 0);
    dup2(saved, STDIN_FILENO);
    close(saved);
    assert_int_equal(r->ndocs, 2);
    assert_string_equal(r->docs[0]->source_name, "-");
    assert_string_equal(r->docs[1]->id, "s2");
    run_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_record_limit_for_whole_files(void **state)
{
    (void)state;
    char *big = malloc(5000);
    memset(big, 'a', 5000);
    for (int i = 80; i < 5000; i += 81)
        big[i] = '\n';
    run *r = run_new();
    ingest_options o = default_options();
    o.max_record_bytes = 1000;
    assert_int_equal(from_bytes(r, "big.txt", big, 5000, &o), 0);
    assert_int_equal(r->ndocs, 0);
    const seen_diag *d = find_diag(r, "longer than the record limit");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "5000 bytes"));
    run_free(r);
    free(big);
}

/* ---- the seed articles (reference data, when present) ----------------------- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    *len = fread(s, 1, (size_t)n, f);
    s[*len] = '\0';
    fclose(f);
    return s;
}

static void test_seed_articles_come_out_clean(void **state)
{
    (void)state;
    const char *dir = DYAD_SHARED_DIR "/seeds";
    struct stat st;
    if (stat(dir, &st) != 0) {
        print_message("skipped: %s is absent (reference data)\n", dir);
        skip();
    }
    run *r = run_new();
    assert_int_equal(from_path(r, dir, NULL), 0);
    assert_true(r->ndocs >= 2);
    for (size_t i = 0; i < r->ndocs; i++) {
        const document *d = r->docs[i];
        size_t raw_len = 0;
        char *raw = read_all(d->source_name, &raw_len);
        assert_non_null(raw);
        assert_non_null(d->author);
        assert_non_null(d->original_source);
        /* furniture gone: no labels, links, appeals or markup survive */
        const char *gone[] = {"Note to readers", "Disclaimer", "Follow us", "Featured image",
                              "Become a Member", "Articles by", "Region:", "<u>", "**",
                              "copyright", "Copyright", "(The author is", "Editor's note",
                              "click here", "www.", "@"};
        for (size_t k = 0; k < sizeof gone / sizeof gone[0]; k++)
            assert_null(strstr(d->text, gone[k]));
        assert_null(strstr(d->text, d->author)); /* the byline is metadata now */
        assert_true(d->text_len > raw_len / 2);  /* and the story is still there */
        free(raw);
    }
    const document *with_title = NULL;
    for (size_t i = 0; i < r->ndocs; i++)
        if (r->docs[i]->title_len)
            with_title = r->docs[i];
    assert_non_null(with_title);
    assert_int_not_equal(with_title->published, DATE_UNKNOWN);
    assert_non_null(with_title->outlet);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_fixture_fields_and_bad_lines),
        cmocka_unit_test(test_jsonl_default_date_and_hash),
        cmocka_unit_test(test_jsonl_invalid_utf8_and_nul_bytes),
        cmocka_unit_test(test_jsonl_50mb_line_is_skipped_without_buffering),
        cmocka_unit_test(test_gzip_whole_concatenated_and_truncated),
        cmocka_unit_test(test_zstd_whole_concatenated_and_truncated),
        cmocka_unit_test(test_compressed_text_and_corrupt_gzip),
        cmocka_unit_test(test_text_fixture_article_cleaning),
        cmocka_unit_test(test_clean_line_per_paragraph_article),
        cmocka_unit_test(test_clean_datelines_and_title_outlets),
        cmocka_unit_test(test_clean_keeps_story_with_boilerplate_words),
        cmocka_unit_test(test_clean_markup_entities_and_wrapping),
        cmocka_unit_test(test_clean_normalizes_and_reports),
        cmocka_unit_test(test_keep_boilerplate_option),
        cmocka_unit_test(test_html_fixture),
        cmocka_unit_test(test_html_without_article),
        cmocka_unit_test(test_html_encodings),
        cmocka_unit_test(test_tabari_fixture),
        cmocka_unit_test(test_tabari_quirks_in_memory),
        cmocka_unit_test(test_format_detection),
        cmocka_unit_test(test_directory_walk_order_and_skips),
        cmocka_unit_test(test_missing_path_and_stdin),
        cmocka_unit_test(test_record_limit_for_whole_files),
        cmocka_unit_test(test_seed_articles_come_out_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
