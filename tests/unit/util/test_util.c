/* test_util.c: arena, vec, strbuf, bounded copies, SWAR scans, civil dates, hashes. */
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
#include "util/swar.h"
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

/* The SWAR helpers answer what byte loops answer: runs of printable ASCII
   (both tops), case changes, and the first flagged byte of below/equal tests,
   on buffers of every length up to 40 with bytes drawn to hit every edge
   (0x1F 0x20 0x7E 0x7F 0x80 0xFF, letters next to '@' '[' '`' '{'). */
static void test_swar_equals_byte_loops(void **state)
{
    (void)state;
    static const unsigned char pool[] = {0x00, 0x1F, 0x20, 0x21, 'A', 'Z', '@', '[', 'a', 'z',
                                         '`', '{', '"', '\\', 0x7E, 0x7F, 0x80, 0xC3, 0xFF, 'm'};
    uint64_t seed = 7;
    for (int round = 0; round < 20000; round++) {
        unsigned char buf[48];
        size_t n = (size_t)(round % 41);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* mostly plain letters, so that long runs occur too */
            unsigned r = (unsigned)(seed >> 33);
            buf[i] = r % 4 ? (unsigned char)('a' + r % 26) : pool[(r >> 8) % sizeof pool];
        }
        for (unsigned top = 0x7F; top <= 0x80; top++) {
            size_t want = 0;
            while (want < n && buf[want] >= 0x20 && buf[want] < top)
                want++;
            assert_int_equal(swar_printable_run(buf, n, top), want);
        }
        for (int up = 0; up < 2; up++) {
            char got[48], want[48];
            for (size_t i = 0; i < n; i++) {
                unsigned char c = buf[i];
                if (up && c >= 'a' && c <= 'z')
                    c = (unsigned char)(c - 32);
                if (!up && c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + 32);
                want[i] = (char)c;
            }
            swar_ascii_case(got, (const char *)buf, n, up);
            assert_memory_equal(got, want, n);
        }
        if (n >= 8) {
            uint64_t x = swar_load(buf);
            uint64_t flags[3] = {swar_below(x, 0x20), swar_equal(x, '"'), swar_in_range(x, 'a', 'z')};
            for (int t = 0; t < 3; t++) {
                size_t first = 8;
                for (size_t i = 0; i < 8 && first == 8; i++)
                    if ((t == 0 && buf[i] < 0x20) || (t == 1 && buf[i] == '"') ||
                        (t == 2 && buf[i] >= 'a' && buf[i] <= 'z'))
                        first = i;
                if (first == 8)
                    assert_true(flags[t] == 0);
                else
                    assert_int_equal(swar_first(flags[t]), first);
            }
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
        cmocka_unit_test(test_swar_equals_byte_loops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
