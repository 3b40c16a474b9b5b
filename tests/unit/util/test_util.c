/* test_util.c: arena, vec, strbuf, bounded copies, civil dates, hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "util/arena.h"
#include "util/civil_date.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/strcopy.h"
#include "util/vec.h"

static void test_arena_alloc_and_reset(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1024);
    char *s = arena_strdup(&a, "hello");
    assert_string_equal(s, "hello");
    void *big = arena_alloc(&a, 100000); /* larger than a block */
    assert_non_null(big);
    memset(big, 1, 100000);
    assert_true(((uintptr_t)arena_alloc(&a, 3) % _Alignof(max_align_t)) == 0);
    arena_reset(&a);
    assert_int_equal(a.bytes_used, 0);
    assert_non_null(arena_calloc(&a, 10, 10));
    arena_free(&a);
}

static void test_vec_push(void **state)
{
    (void)state;
    VEC(int) v = {0};
    for (int i = 0; i < 1000; i++)
        assert_int_equal(vec_push(&v, i), 0);
    assert_int_equal(v.len, 1000);
    assert_int_equal(v.items[999], 999);
    vec_clear(&v);
    assert_int_equal(v.len, 0);
    vec_free(&v);
}

static void test_strbuf_escapes(void **state)
{
    (void)state;
    strbuf sb = {0};
    strbuf_json_escape(&sb, "a\"b\\c\n\x01", 7);
    assert_string_equal(sb.data, "a\\\"b\\\\c\\n\\u0001");
    strbuf_clear(&sb);
    strbuf_tsv_escape(&sb, "x\ty\nz", 5);
    assert_string_equal(sb.data, "x\\ty\\nz");
    strbuf_clear(&sb);
    strbuf_printf(&sb, "%d-%s", 42, "x");
    assert_string_equal(sb.data, "42-x");
    strbuf_free(&sb);
}

static void test_civil_roundtrip(void **state)
{
    (void)state;
    assert_int_equal(civil_to_days(1970, 1, 1), 0);
    assert_int_equal(civil_to_days(2000, 3, 1), 11017);
    for (int32_t d = -800000; d < 800000; d += 997) {
        int y, m, dd;
        days_to_civil(d, &y, &m, &dd);
        assert_int_equal(civil_to_days(y, m, dd), d);
    }
    assert_int_equal(civil_weekday(civil_to_days(2023, 1, 29)), 0); /* a Sunday */
    assert_int_equal(civil_weekday(civil_to_days(1969, 12, 31)), 3);
    assert_true(civil_valid(2024, 2, 29));
    assert_false(civil_valid(2023, 2, 29));
}

static int32_t parsed(const char *s)
{
    int32_t d;
    return civil_parse(s, strlen(s), &d) == 0 ? d : DATE_UNKNOWN;
}

static void test_civil_parse_formats(void **state)
{
    (void)state;
    int32_t want = civil_to_days(2023, 2, 6);
    assert_int_equal(parsed("2023-02-06"), want);
    assert_int_equal(parsed("2023-02-06T10:00:00Z"), want);
    assert_int_equal(parsed("20230206"), want);
    assert_int_equal(parsed("2023/02/06"), want);
    assert_int_equal(parsed("February 06, 2023"), want);
    assert_int_equal(parsed("Feb. 6 2023"), want);
    assert_int_equal(parsed("6 February 2023"), want);
    assert_int_equal(parsed("Mon, 06 Feb 2023 08:00:00 +0000"), want);
    assert_int_equal(parsed("6th February 2023"), want);
    assert_int_equal(parsed("yesterday"), DATE_UNKNOWN);
    assert_int_equal(parsed("2023-02-30"), DATE_UNKNOWN);
    assert_int_equal(parsed(""), DATE_UNKNOWN);
    int32_t d;
    assert_int_equal(civil_parse_compact("950103", 6, &d), 0);
    assert_int_equal(d, civil_to_days(1995, 1, 3));
    assert_int_equal(civil_parse_compact("080806", 6, &d), 0);
    assert_int_equal(d, civil_to_days(2008, 8, 6));
    char buf[11];
    civil_format(want, buf);
    assert_string_equal(buf, "2023-02-06");
}

static void test_hash_stable(void **state)
{
    (void)state;
    content_hash a = content_hash_of("abc", 3), b = content_hash_of("abc", 3),
                 c = content_hash_of("abd", 3);
    assert_true(a.hi == b.hi && a.lo == b.lo);
    assert_false(a.hi == c.hi && a.lo == c.lo);
    char hex[33];
    content_hash_hex(a, hex);
    assert_int_equal(strlen(hex), 32);
}

static void count_fn(void *ctx, const diag *d)
{
    char buf[256];
    diag_format(d, buf, sizeof buf);
    strcpy(ctx, buf);
}

static void test_diag_format(void **state)
{
    (void)state;
    char last[256] = "";
    diag_sink sink = {count_fn, last, {0}};
    diag_report(&sink, DIAG_WARNING, "in.jsonl", 3, 120, "bad %s", "json");
    assert_string_equal(last, "in.jsonl:3: byte 120: warning: bad json");
    assert_int_equal(sink.counts[DIAG_WARNING], 1);
}

/* str_copy, str_copy_n and str_concat write and return what snprintf with
   "%s", "%.*s" and "%s%s" would, for every length against every capacity. */
static void test_strcopy_equals_snprintf(void **state)
{
    (void)state;
    const char *words[] = {"", "A", "USA", "USAGOV", "---", "IGOUNOKID", "ABCDEFGHIJKLMNOPQRSTUV"};
    size_t nw = sizeof words / sizeof words[0];
    for (size_t cap = 0; cap < 28; cap++)
        for (size_t a = 0; a < nw; a++) {
            char want[32], got[32];
            memset(want, 'x', sizeof want);
            memset(got, 'x', sizeof got);
            int n = snprintf(want, cap, "%s", words[a]);
            assert_int_equal(str_copy(got, cap, words[a]), (size_t)n);
            assert_memory_equal(got, want, sizeof want);
            for (size_t max = 0; max < 8; max++) {
                memset(want, 'x', sizeof want);
                memset(got, 'x', sizeof got);
                n = snprintf(want, cap, "%.*s", (int)max, words[a]);
                assert_int_equal(str_copy_n(got, cap, words[a], max), (size_t)n);
                assert_memory_equal(got, want, sizeof want);
            }
            for (size_t b = 0; b < nw; b++) {
                memset(want, 'x', sizeof want);
                memset(got, 'x', sizeof got);
                n = snprintf(want, cap, "%s%s", words[a], words[b]);
                assert_int_equal(str_concat(got, cap, words[a], words[b]), (size_t)n);
                assert_memory_equal(got, want, sizeof want);
            }
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc_and_reset), cmocka_unit_test(test_vec_push),
        cmocka_unit_test(test_strbuf_escapes),        cmocka_unit_test(test_civil_roundtrip),
        cmocka_unit_test(test_civil_parse_formats),   cmocka_unit_test(test_hash_stable),
        cmocka_unit_test(test_diag_format),           cmocka_unit_test(test_strcopy_equals_snprintf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
