/* test_text.c: normalisation, sentence splitting and tokenizing (src/text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/text.h"
#include "text/textint.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct captured {
    int count;
    long long offset[8];
    char message[8][256];
    char file[8][64];
} captured;

static void capture(void *ctx, const diag *d)
{
    captured *c = ctx;
    if (c->count < 8) {
        c->offset[c->count] = d->offset;
        snprintf(c->message[c->count], sizeof c->message[0], "%s", d->message);
        snprintf(c->file[c->count], sizeof c->file[0], "%s", d->file ? d->file : "");
    }
    c->count++;
}

/* Normalise a NUL-free literal (or explicit length) and return a static copy. */
static const char *norm(const char *in, size_t len, captured *cap)
{
    static char out[4096];
    strbuf sb = {0};
    diag_sink sink = {capture, cap, {0}};
    assert_int_equal(text_normalize(in, len, "input.txt", &sb, cap ? &sink : NULL), 0);
    assert_true(sb.len < sizeof out);
    memcpy(out, sb.data, sb.len);
    out[sb.len] = '\0';
    strbuf_free(&sb);
    return out;
}

static sentence_vec split(const char *text, size_t title_len)
{
    sentence_vec sv = {0};
    long n = text_split_sentences(text, strlen(text), title_len, &sv);
    assert_int_equal(n, (long)sv.len);
    return sv;
}

static void assert_sentence(const char *text, const sentence_vec *sv, size_t i, const char *want)
{
    assert_true(i < sv->len);
    const sentence *s = &sv->items[i];
    char got[1024];
    size_t n = s->end - s->start;
    assert_true(n < sizeof got);
    memcpy(got, text + s->start, n);
    got[n] = '\0';
    assert_string_equal(got, want);
}

typedef struct toks {
    token_vec v;
    const char *text;
} toks;

/* Tokenize text as one sentence. */
static toks tokenize(const wordtab *wt, const char *text, int in_title)
{
    toks t = {{0}, text};
    sentence s = {0, (uint32_t)strlen(text), 0, (uint8_t)in_title};
    long n = text_tokenize(wt, text, &s, &t.v);
    assert_int_equal(n, (long)t.v.len);
    return t;
}

static const char *tok_text(const toks *t, size_t i)
{
    static char buf[256];
    assert_true(i < t->v.len);
    const token *k = &t->v.items[i];
    size_t n = k->end - k->start;
    assert_true(n < sizeof buf);
    memcpy(buf, t->text + k->start, n);
    buf[n] = '\0';
    return buf;
}

/* Token texts joined by '|'. */
static const char *tok_join(const toks *t)
{
    static char buf[2048];
    size_t len = 0;
    for (size_t i = 0; i < t->v.len; i++) {
        const char *s = tok_text(t, i);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "|" : "", s);
    }
    buf[len] = '\0';
    return buf;
}

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = text_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1 && (unsigned char)s[i] != 0xEF)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* ---- text_normalize ----------------------------------------------------- */

static void test_normalize_plain_ascii_untouched(void **state)
{
    (void)state;
    captured cap = {0};
    const char *in = "Talks resumed in Geneva.\n\tA second line.";
    assert_string_equal(norm(in, strlen(in), &cap), in);
    assert_int_equal(cap.count, 0);
}

static void test_normalize_invalid_utf8(void **state)
{
    (void)state;
    captured cap = {0};
    /* a lone 0xFF, a truncated 3-byte sequence, an overlong '/', a surrogate */
    const char in[] = "ab\xFF" "cd\xE2\x82" "ef\xC0\xAF" "gh\xED\xA0\x80" "ij";
    const char *out = norm(in, sizeof in - 1, &cap);
    assert_string_equal(out, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD" "ef\xEF\xBF\xBD\xEF\xBF\xBD"
                             "gh\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "ij");
    assert_int_equal(cap.count, 1); /* one report for the whole input */
    assert_int_equal(cap.offset[0], 2);
    assert_non_null(strstr(cap.message[0], "7 invalid UTF-8"));
    assert_string_equal(cap.file[0], "input.txt");
}

static void test_normalize_nul_and_controls(void **state)
{
    (void)state;
    captured cap = {0};
    const char in[] = "Pe\0ace\x01 talks\x7F begin\x1B\x1Anow.";
    const char *out = norm(in, sizeof in - 1, &cap);
    assert_string_equal(out, "Peace talks begin now."); /* a separator run is a blank */
    assert_int_equal(cap.count, 1);
    assert_int_equal(cap.offset[0], 2);
    assert_non_null(strstr(cap.message[0], "5 NUL or control"));
}

static void test_normalize_line_ends_and_spaces(void **state)
{
    (void)state;
    const char *in = "one\r\ntwo\rthree\xC2\xA0" "four\xE2\x80\x83" "five\xE3\x80\x80six\xE2\x80\xAF" "seven";
    assert_string_equal(norm(in, strlen(in), NULL), "one\ntwo\nthree four five six seven");
    const char *ls = "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\x0C" "d";
    assert_string_equal(norm(ls, strlen(ls), NULL), "a\nb\n\nc\nd");
}

static void test_normalize_nfc(void **state)
{
    (void)state;
    /* e + combining acute -> é */
    const char *in = "Ame\xCC\x81lie met Jose\xCC\x81.";
    assert_string_equal(norm(in, strlen(in), NULL), "Am\xC3\xA9lie met Jos\xC3\xA9.");
    /* canonical reordering: a + circumflex + dot below == a + dot below + circumflex */
    const char *a1 = "a\xCC\x82\xCC\xA3", *a2 = "a\xCC\xA3\xCC\x82";
    char first[32];
    snprintf(first, sizeof first, "%s", norm(a1, strlen(a1), NULL));
    assert_string_equal(first, norm(a2, strlen(a2), NULL));
    assert_string_equal(first, "\xE1\xBA\xAD"); /* U+1EAD */
    /* singleton: ANGSTROM SIGN -> A WITH RING */
    assert_string_equal(norm("\xE2\x84\xAB", 3, NULL), "\xC3\x85");
    /* Hangul jamo compose into a syllable */
    assert_string_equal(norm("\xE1\x84\x80\xE1\x85\xA1", 6, NULL), "\xEA\xB0\x80");
    /* already NFC text with typographic punctuation is unchanged */
    const char *nfc = "\xE2\x80\x9CZ\xC3\xBCrich\xE2\x80\x9D \xE2\x80\x94 S\xC3\xA3o Paulo\xE2\x80\xA6";
    assert_string_equal(norm(nfc, strlen(nfc), NULL), nfc);
}

static void test_normalize_invisible_and_cp1252(void **state)
{
    (void)state;
    /* BOM, zero-width space, soft hyphen dropped; U+0092 read as Windows-1252 */
    const char *in = "\xEF\xBB\xBFinter\xC2\xADnational\xE2\x80\x8B talks, Japan\xC2\x92s view";
    assert_string_equal(norm(in, strlen(in), NULL), "international talks, Japan\xE2\x80\x99s view");
}

static void test_normalize_huge_input_is_linear(void **state)
{
    (void)state;
    /* 24 MB of mixed text, then a pathological run of 200,000 combining marks:
       both must finish promptly and give valid UTF-8 */
    size_t unit_len = 48, reps = 500000;
    const char *unit = "Minister Jos\xC3\xA9 met Ame\xCC\x81lie in Z\xC3\xBCrich.\r\n\xFF!\x01 ";
    unit_len = strlen(unit);
    char *big = malloc(unit_len * reps);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * unit_len, unit, unit_len);
    strbuf out = {0};
    diag_sink sink = {0};
    assert_int_equal(text_normalize(big, unit_len * reps, "big", &out, &sink), 0);
    assert_int_equal(sink.counts[DIAG_WARNING], 2);
    assert_true(valid_utf8(out.data, out.len));
    assert_null(memchr(out.data, '\r', out.len));
    free(big);

    size_t marks = 200000;
    char *comb = malloc(1 + marks * 2);
    assert_non_null(comb);
    comb[0] = 'a';
    for (size_t i = 0; i < marks; i++) {
        comb[1 + 2 * i] = (char)0xCC;
        comb[2 + 2 * i] = (char)(i % 2 ? 0x81 : 0xA3); /* alternate acute / dot below */
    }
    strbuf_clear(&out);
    assert_int_equal(text_normalize(comb, 1 + marks * 2, "comb", &out, NULL), 0);
    assert_true(valid_utf8(out.data, out.len));
    /* every 30 marks a U+034F (2 bytes) keeps the text stream-safe */
    assert_true(out.len > marks && out.len <= 1 + marks * 2 + (marks / 30 + 1) * 2);
    assert_non_null(strstr(out.data, "\xCD\x8F"));
    free(comb);
    strbuf_free(&out);
}

/* ---- text_split_sentences ------------------------------------------------ */

static void test_split_titles_and_abbreviations(void **state)
{
    (void)state;
    const char *t = "Gen. Lee met Mr. Kim, Dr. Park and Sen. Ortiz in St. Louis on Jan. 5. "
                    "They talked for hours. Lt. Col. Reyes and Gov. Hale joined on Sept. 12.";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 3);
    assert_sentence(t, &sv, 0, "Gen. Lee met Mr. Kim, Dr. Park and Sen. Ortiz in St. Louis on Jan. 5.");
    assert_sentence(t, &sv, 1, "They talked for hours.");
    assert_sentence(t, &sv, 2, "Lt. Col. Reyes and Gov. Hale joined on Sept. 12.");
    vec_free(&sv);
}

static void test_split_dotted_abbreviations(void **state)
{
    (void)state;
    const char *t = "U.S. officials said the U.N. Security Council would meet. "
                    "Troops returned to the U.S. The next day they left. "
                    "He moved to the U.S. last year. Aid from the E.U. and U.K. arrived.";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 5);
    assert_sentence(t, &sv, 0, "U.S. officials said the U.N. Security Council would meet.");
    assert_sentence(t, &sv, 1, "Troops returned to the U.S.");
    assert_sentence(t, &sv, 2, "The next day they left.");
    assert_sentence(t, &sv, 3, "He moved to the U.S. last year.");
    assert_sentence(t, &sv, 4, "Aid from the E.U. and U.K. arrived.");
    vec_free(&sv);
}

static void test_split_ambiguous_abbreviation_before_capital(void **state)
{
    (void)state;
    /* A capitalised word after U.S. is read as part of the sentence unless it
       is a word that usually starts one. */
    const char *t = "The U.S. President visited Seoul. Olympics-U.S. Women Win Gold";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 2);
    assert_sentence(t, &sv, 0, "The U.S. President visited Seoul.");
    assert_sentence(t, &sv, 1, "Olympics-U.S. Women Win Gold");
    vec_free(&sv);
    const char *c = "Acme Corp. said profits rose. She joined Acme Corp. The firm grew. "
                    "Fresno, Calif. officials agreed, etc. and more. Beta Inc. (BETA.O) fell.";
    sv = split(c, 0);
    assert_int_equal(sv.len, 5);
    assert_sentence(c, &sv, 0, "Acme Corp. said profits rose.");
    assert_sentence(c, &sv, 1, "She joined Acme Corp.");
    assert_sentence(c, &sv, 2, "The firm grew.");
    assert_sentence(c, &sv, 3, "Fresno, Calif. officials agreed, etc. and more.");
    assert_sentence(c, &sv, 4, "Beta Inc. (BETA.O) fell.");
    vec_free(&sv);
}

static void test_split_initials_numbers_ellipses(void **state)
{
    (void)state;
    const char *t = "J. R. Okafor arrived with John F. Mills. Growth was 3.5 percent in 2004. "
                    "No. 10 said no. Talks went on ... and on. They failed... The army moved. "
                    "It ended\xE2\x80\xA6";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 7);
    assert_sentence(t, &sv, 0, "J. R. Okafor arrived with John F. Mills.");
    assert_sentence(t, &sv, 1, "Growth was 3.5 percent in 2004.");
    assert_sentence(t, &sv, 2, "No. 10 said no.");
    assert_sentence(t, &sv, 3, "Talks went on ... and on.");
    assert_sentence(t, &sv, 4, "They failed...");
    assert_sentence(t, &sv, 5, "The army moved.");
    assert_sentence(t, &sv, 6, "It ended\xE2\x80\xA6");
    vec_free(&sv);
    /* a stray ellipsis after a quotation stays with its sentence */
    const char *q = "He vowed: \"We return.\" ...";
    sv = split(q, 0);
    assert_int_equal(sv.len, 1);
    assert_sentence(q, &sv, 0, q);
    vec_free(&sv);
}

static void test_split_quotes_and_brackets(void **state)
{
    (void)state;
    const char *t = "\"We will fight,\" the minister said. \"We will win.\" Then he left. "
                    "\"Why?\" a reporter asked. She replied: \"Because!\" Nobody spoke. "
                    "The army withdrew (officials said so.) Later it returned.";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 8);
    assert_sentence(t, &sv, 0, "\"We will fight,\" the minister said.");
    assert_sentence(t, &sv, 1, "\"We will win.\"");
    assert_sentence(t, &sv, 2, "Then he left.");
    assert_sentence(t, &sv, 3, "\"Why?\" a reporter asked.");
    assert_sentence(t, &sv, 4, "She replied: \"Because!\"");
    assert_sentence(t, &sv, 5, "Nobody spoke.");
    assert_sentence(t, &sv, 6, "The army withdrew (officials said so.)");
    assert_sentence(t, &sv, 7, "Later it returned.");
    vec_free(&sv);
    /* typographic quotes */
    const char *u = "\xE2\x80\x9CWe agree.\xE2\x80\x9D The envoy nodded.";
    sv = split(u, 0);
    assert_int_equal(sv.len, 2);
    assert_sentence(u, &sv, 0, "\xE2\x80\x9CWe agree.\xE2\x80\x9D");
    vec_free(&sv);
}

static void test_split_paragraphs_and_newlines(void **state)
{
    (void)state;
    /* a blank line always ends a sentence, even without punctuation */
    const char *t = "A line without a period\n\nSecond paragraph here. Another one.\n\n\n  Third";
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 4);
    assert_sentence(t, &sv, 0, "A line without a period");
    assert_int_equal(sv.items[0].paragraph, 0);
    assert_int_equal(sv.items[1].paragraph, 1);
    assert_int_equal(sv.items[2].paragraph, 1);
    assert_sentence(t, &sv, 3, "Third");
    assert_int_equal(sv.items[3].paragraph, 2);
    vec_free(&sv);
    /* a heading line then a paragraph on the next line */
    const char *h = "SUMMARY OF TALKS\nThe ministers met today in the capital to discuss the border "
                    "crisis and agreed on a plan to reopen the crossings by the spring.";
    sv = split(h, 0);
    assert_int_equal(sv.len, 2);
    assert_sentence(h, &sv, 0, "SUMMARY OF TALKS");
    assert_int_equal(sv.items[1].paragraph, 1);
    vec_free(&sv);
    /* hard-wrapped text is one sentence */
    const char *w = "The foreign minister of the republic left for\n"
                    "Minas Tirith on Wednesday for meetings of the\n"
                    "joint transport committee with the neighbours.";
    sv = split(w, 0);
    assert_int_equal(sv.len, 1);
    vec_free(&sv);
    /* short lines (a list of metadata) are one sentence each */
    const char *l = "Region: North\nTopic: Border talks";
    sv = split(l, 0);
    assert_int_equal(sv.len, 2);
    vec_free(&sv);
    /* an indented line starts a paragraph */
    const char *i = "The first paragraph runs on and on without end and then stops here\n"
                    "  and the indented second paragraph starts like this one does";
    sv = split(i, 0);
    assert_int_equal(sv.len, 2);
    vec_free(&sv);
}

static void test_split_title(void **state)
{
    (void)state;
    const char *t = "Rebels Seize Town Near Border\n\nRebels seized the town on Friday. Police fled.";
    sentence_vec sv = split(t, strlen("Rebels Seize Town Near Border"));
    assert_int_equal(sv.len, 3);
    assert_sentence(t, &sv, 0, "Rebels Seize Town Near Border");
    assert_int_equal(sv.items[0].in_title, 1);
    assert_int_equal(sv.items[0].paragraph, 0);
    assert_int_equal(sv.items[1].in_title, 0);
    assert_int_equal(sv.items[1].paragraph, 1);
    assert_int_equal(sv.items[2].paragraph, 1);
    vec_free(&sv);
    /* a title never runs into the body, whatever follows it */
    const char *r = "Talks in the U.S.\n\nthe envoys met.";
    sv = split(r, strlen("Talks in the U.S."));
    assert_int_equal(sv.len, 2);
    assert_sentence(r, &sv, 0, "Talks in the U.S.");
    vec_free(&sv);
}

static void test_split_never_for_length(void **state)
{
    (void)state;
    size_t words = 20000;
    char *t = malloc(words * 6 + 2);
    assert_non_null(t);
    for (size_t i = 0; i < words; i++)
        memcpy(t + i * 6, "troop ", 6);
    t[words * 6 - 1] = '.';
    t[words * 6] = '\0';
    sentence_vec sv = split(t, 0);
    assert_int_equal(sv.len, 1);
    assert_int_equal(sv.items[0].end - sv.items[0].start, words * 6);
    vec_free(&sv);
    free(t);
}

static void test_split_appends_and_trims(void **state)
{
    (void)state;
    sentence_vec sv = {0};
    const char *a = "  One.  Two.  ";
    assert_int_equal(text_split_sentences(a, strlen(a), 0, &sv), 2);
    assert_int_equal(text_split_sentences(a, strlen(a), 0, &sv), 2);
    assert_int_equal(sv.len, 4); /* appended, not replaced */
    assert_sentence(a, &sv, 0, "One.");
    assert_sentence(a, &sv, 1, "Two.");
    assert_int_equal(text_split_sentences("", 0, 0, &sv), 0);
    assert_int_equal(text_split_sentences(" \n\n \t", 5, 0, &sv), 0);
    vec_free(&sv);
}

/* ---- text_tokenize ------------------------------------------------------ */

static void test_tokenize_words_and_offsets(void **state)
{
    (void)state;
    const char *t = "Rebels seized Kabul's airport, officials said.";
    toks k = tokenize(NULL, t, 0);
    assert_string_equal(tok_join(&k), "Rebels|seized|Kabul|'s|airport|,|officials|said|.");
    for (size_t i = 0; i < k.v.len; i++) {
        assert_true(k.v.items[i].start < k.v.items[i].end);
        assert_int_equal(k.v.items[i].word, WORD_NONE); /* no word table */
    }
    assert_int_equal(k.v.items[2].start, 14);
    assert_int_equal(k.v.items[2].end, 19);
    assert_true(k.v.items[0].flags & TOKF_SENT_START);
    assert_true(k.v.items[0].flags & TOKF_CAPITALIZED);
    assert_false(k.v.items[1].flags & TOKF_SENT_START);
    assert_true(k.v.items[3].flags & TOKF_POSSESSIVE);
    assert_int_equal(k.v.items[3].kind, TOK_WORD);
    assert_true(k.v.items[5].flags & TOKF_COMMA);
    assert_true(k.v.items[8].flags & TOKF_SENT_END);
    assert_int_equal(k.v.items[8].kind, TOK_PUNCT);
    vec_free(&k.v);
}

static void test_tokenize_possessives_and_contractions(void **state)
{
    (void)state;
    toks k = tokenize(NULL, "The allies' ships didn't sail, won't sail, can't sail; it's over and "
                            "they\xE2\x80\x99ll go. Japan\xE2\x80\x99s O'Neill's", 0);
    assert_string_equal(tok_join(&k), "The|allies|'|ships|didn't|sail|,|won't|sail|,|can't|sail|;|"
                                      "it's|over|and|they\xE2\x80\x99ll|go|.|Japan|\xE2\x80\x99s|O'Neill|'s");
    assert_true(k.v.items[2].flags & TOKF_POSSESSIVE);
    assert_true(k.v.items[12].flags & TOKF_CLAUSE_END);
    assert_true(k.v.items[20].flags & TOKF_POSSESSIVE);
    assert_true(k.v.items[22].flags & TOKF_POSSESSIVE);
    char key[16];
    assert_int_equal(text_token_key(k.text, &k.v.items[20], key, sizeof key), 2);
    assert_memory_equal(key, "'S", 2);
    vec_free(&k.v);
    /* a closing single quote after a word in -s is a quote, not a possessive */
    k = tokenize(NULL, "He called them 'the bosses' and left.", 0);
    assert_string_equal(tok_join(&k), "He|called|them|'|the|bosses|'|and|left|.");
    assert_true(k.v.items[3].flags & TOKF_QUOTE);
    assert_true(k.v.items[6].flags & TOKF_QUOTE);
    vec_free(&k.v);
    k = tokenize(NULL, "'Yes' they said", 0);
    assert_true(k.v.items[2].flags & TOKF_QUOTE);
    assert_false(k.v.items[2].flags & TOKF_POSSESSIVE);
    vec_free(&k.v);
}

static void test_tokenize_numbers(void **state)
{
    (void)state;
    toks k = tokenize(NULL, "About 1,000 troops, 3.5% of $10 billion, since the 1990s: 12,500,000 and 9/11.", 0);
    assert_string_equal(tok_join(&k), "About|1,000|troops|,|3.5%|of|$|10|billion|,|since|the|1990s|:|"
                                      "12,500,000|and|9/11|.");
    assert_int_equal(k.v.items[1].kind, TOK_NUMBER);
    assert_int_equal(k.v.items[4].kind, TOK_NUMBER);
    assert_int_equal(k.v.items[6].kind, TOK_SYMBOL);
    assert_int_equal(k.v.items[12].kind, TOK_NUMBER);
    assert_int_equal(k.v.items[16].kind, TOK_NUMBER);
    assert_int_equal(k.v.items[0].kind, TOK_WORD);
    vec_free(&k.v);
    /* a comma list of numbers is not a thousands separator */
    k = tokenize(NULL, "scores 3,4 and 1,0000", 0);
    assert_string_equal(tok_join(&k), "scores|3|,|4|and|1|,|0000");
    vec_free(&k.v);
}

static void test_tokenize_abbreviations(void **state)
{
    (void)state;
    toks k = tokenize(NULL, "Gen. J. Smith of the U.S. Army met Mr. Kim on Jan. 5 in No. 10, e.g. today.", 0);
    assert_string_equal(tok_join(&k), "Gen.|J.|Smith|of|the|U.S.|Army|met|Mr.|Kim|on|Jan.|5|in|No.|10|,|"
                                      "e.g.|today|.");
    assert_true(k.v.items[0].flags & TOKF_ABBREV);
    assert_true(k.v.items[1].flags & TOKF_ABBREV);
    assert_true(k.v.items[5].flags & TOKF_ABBREV);
    assert_true(k.v.items[5].flags & TOKF_ALLCAPS);
    assert_true(k.v.items[14].flags & TOKF_ABBREV);
    assert_false(k.v.items[2].flags & TOKF_ABBREV);
    vec_free(&k.v);
    /* at the end of a sentence an abbreviation keeps its period (and ends the
       sentence); a lone initial gives it back */
    k = tokenize(NULL, "Troops returned to the U.S.", 0);
    assert_string_equal(tok_join(&k), "Troops|returned|to|the|U.S.");
    assert_true(k.v.items[4].flags & TOKF_SENT_END);
    assert_true(k.v.items[4].flags & TOKF_ABBREV);
    vec_free(&k.v);
    k = tokenize(NULL, "They chose plan B.", 0);
    assert_string_equal(tok_join(&k), "They|chose|plan|B|.");
    assert_true(k.v.items[4].flags & TOKF_SENT_END);
    vec_free(&k.v);
    k = tokenize(NULL, "He said no. Then", 0);
    assert_string_equal(tok_join(&k), "He|said|no|.|Then");
    vec_free(&k.v);
}

static void test_tokenize_hyphens_dashes_quotes(void **state)
{
    (void)state;
    toks k = tokenize(NULL, "Self-propelled guns -- and tanks \xE2\x80\x94 reached the Asia\xE2\x80\x93Pacific "
                            "\xE2\x80\x9C" "front\xE2\x80\x9D (reports said) ... then\xE2\x80\xA6 AT&T?!", 0);
    assert_string_equal(tok_join(&k), "Self-propelled|guns|--|and|tanks|\xE2\x80\x94|reached|the|"
                                      "Asia\xE2\x80\x93Pacific|\xE2\x80\x9C|front|\xE2\x80\x9D|(|reports|said|)|"
                                      "...|then|\xE2\x80\xA6|AT&T|?|!");
    assert_true(k.v.items[0].flags & TOKF_HYPHENATED);
    assert_true(k.v.items[2].flags & TOKF_DASH);
    assert_true(k.v.items[5].flags & TOKF_DASH);
    assert_true(k.v.items[8].flags & TOKF_HYPHENATED);
    assert_true(k.v.items[9].flags & TOKF_QUOTE);
    assert_true(k.v.items[11].flags & TOKF_QUOTE);
    assert_true(k.v.items[12].flags & TOKF_PAREN_OPEN);
    assert_true(k.v.items[15].flags & TOKF_PAREN_CLOSE);
    assert_true(k.v.items[20].flags & TOKF_SENT_END);
    assert_true(k.v.items[21].flags & TOKF_SENT_END);
    assert_false(k.v.items[16].flags & TOKF_SENT_END);
    char key[32];
    size_t n = text_token_key(k.text, &k.v.items[8], key, sizeof key);
    assert_int_equal(n, 12);
    assert_memory_equal(key, "ASIA-PACIFIC", 12);
    vec_free(&k.v);
    /* a closing quote after the final period */
    k = tokenize(NULL, "\"We will win.\"", 0);
    assert_string_equal(tok_join(&k), "\"|We|will|win|.|\"");
    assert_true(k.v.items[4].flags & TOKF_SENT_END);
    assert_true(k.v.items[5].flags & TOKF_QUOTE);
    assert_false(k.v.items[5].flags & TOKF_SENT_END);
    vec_free(&k.v);
}

static void test_tokenize_case_flags_and_unicode(void **state)
{
    (void)state;
    toks k = tokenize(NULL, "NATO and I met iPhone makers in Z\xC3\xBCrich and \xC3\x96ZAL \xF0\x9F\x98\x80 now", 1);
    assert_string_equal(tok_join(&k), "NATO|and|I|met|iPhone|makers|in|Z\xC3\xBCrich|and|\xC3\x96ZAL|"
                                      "\xF0\x9F\x98\x80|now");
    assert_true(k.v.items[0].flags & TOKF_ALLCAPS);
    assert_true(k.v.items[0].flags & TOKF_CAPITALIZED);
    assert_true(k.v.items[2].flags & TOKF_CAPITALIZED);
    assert_false(k.v.items[2].flags & TOKF_ALLCAPS);
    assert_false(k.v.items[4].flags & TOKF_CAPITALIZED);
    assert_true(k.v.items[7].flags & TOKF_CAPITALIZED);
    assert_true(k.v.items[9].flags & TOKF_ALLCAPS);
    assert_int_equal(k.v.items[10].kind, TOK_SYMBOL);
    for (size_t i = 0; i < k.v.len; i++)
        assert_true(k.v.items[i].flags & TOKF_IN_TITLE);
    char key[32];
    size_t n = text_token_key(k.text, &k.v.items[7], key, sizeof key);
    assert_int_equal(n, 7);
    assert_memory_equal(key, "Z\xC3\x9CRICH", 7);
    vec_free(&k.v);
}

static void test_tokenize_word_ids(void **state)
{
    (void)state;
    wordtab *wt = wordtab_new();
    word_id japan = wordtab_intern(wt, "JAPAN", 5);
    word_id poss = wordtab_intern(wt, "'S", 2);
    word_id us = wordtab_intern(wt, "U.S.", 4);
    word_id visit = wordtab_intern(wt, "VISITED", 7);
    word_id comma = wordtab_intern(wt, ",", 1);
    wordtab_freeze(wt);
    toks k = tokenize(wt, "Japan\xE2\x80\x99s envoy VISITED the U.S., then JAPAN", 0);
    assert_string_equal(tok_join(&k), "Japan|\xE2\x80\x99s|envoy|VISITED|the|U.S.|,|then|JAPAN");
    assert_int_equal(k.v.items[0].word, japan);
    assert_int_equal(k.v.items[1].word, poss);
    assert_int_equal(k.v.items[2].word, WORD_NONE);
    assert_int_equal(k.v.items[3].word, visit);
    assert_int_equal(k.v.items[5].word, us);
    assert_int_equal(k.v.items[6].word, comma);
    assert_int_equal(k.v.items[8].word, japan);
    vec_free(&k.v);
    /* a word longer than the key buffer is never a dictionary word */
    char longw[200];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    k = tokenize(wt, longw, 0);
    assert_int_equal(k.v.len, 1);
    assert_int_equal(k.v.items[0].word, WORD_NONE);
    vec_free(&k.v);
    wordtab_free(wt);
}

/* wordtab_lookup_batch answers what wordtab_lookup answers, for present and
   absent keys of every length class (up to 8, 16, longer) and batches of any
   size, on a table large enough to be probed past collisions. */
static void test_wordtab_lookup_batch(void **state)
{
    (void)state;
    enum { N = 20000, Q = 3000 };
    wordtab *wt = wordtab_new();
    static char keys[N + Q][40];
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < N + Q; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t len = 1 + x % 30;
        for (size_t k = 0; k < len; k++)
            keys[i][k] = (char)('A' + (x >> (k % 50)) % 26);
        keys[i][len] = '\0';
        if (i < N)
            wordtab_intern(wt, keys[i], len);
    }
    wordtab_freeze(wt);
    const char *batch[Q];
    uint32_t lens[Q];
    word_id ids[Q];
    size_t present = 0;
    for (size_t q = 0; q < Q; q++) { /* every other key absent */
        batch[q] = keys[q % 2 ? N + q : q * 6];
        lens[q] = (uint32_t)strlen(batch[q]);
    }
    static const size_t sizes[] = {0, 1, 7, 32, 33, 100, Q};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        memset(ids, 0xFF, sizeof ids);
        wordtab_lookup_batch(wt, batch, lens, ids, sizes[s]);
        for (size_t q = 0; q < sizes[s]; q++)
            assert_int_equal(ids[q], wordtab_lookup(wt, batch[q], lens[q]));
        for (size_t q = sizes[s]; q < Q; q++)
            assert_int_equal(ids[q], 0xFFFFFFFFu); /* nothing past n written */
    }
    for (size_t q = 0; q < Q; q++)
        present += ids[q] != WORD_NONE;
    assert_true(present >= Q / 2); /* the even ones, and any random repeat */
    wordtab_free(wt);
}

/* A sentence longer than a lookup group: every token's id is its own key's. */
static void test_tokenize_many_words_get_their_ids(void **state)
{
    (void)state;
    wordtab *wt = wordtab_new();
    char text[4096] = "";
    size_t len = 0;
    for (unsigned i = 0; i < 150; i++) {
        char w[16];
        snprintf(w, sizeof w, "W%uX", i * 7919 % 1000);
        if (i % 3)
            wordtab_intern(wt, w, strlen(w));
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", w, i % 10 == 9 ? ", " : " ");
    }
    wordtab_freeze(wt);
    toks k = tokenize(wt, text, 0);
    assert_true(k.v.len > 150);
    for (size_t i = 0; i < k.v.len; i++) {
        const char *t = tok_text(&k, i);
        assert_int_equal(k.v.items[i].word, wordtab_lookup(wt, t, strlen(t)));
    }
    vec_free(&k.v);
    wordtab_free(wt);
}

/* Tokenizing the sentences of a document with the lookups put off and then
   resolved together gives the same tokens, ids included, as tokenizing them
   one by one (ASCII, non-ASCII, possessives, punctuation, over-long words). */
static void test_tokenize_deferred_equals_immediate(void **state)
{
    (void)state;
    wordtab *wt = wordtab_new();
    static const char *const words[] = {"JAPAN", "'S", "ENVOY", ",", ".", "CAF\xC3\x89",
                                        "U.S.", "VISITED", "-", "SELF-RULE", "\"", "O'BRIEN"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        wordtab_intern(wt, words[i], strlen(words[i]));
    wordtab_freeze(wt);
    char text[8192];
    size_t len = 0;
    static const char *const pieces[] = {"Japan's envoy visited the U.S., then Japan. ",
                                         "The caf\xC3\xA9 \"self-rule\" O'Brien - allies' ships. ",
                                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
                                         "Envoy\xE2\x80\x99s visit \xE2\x80\x94 CAF\xC3\x89 caf\xC3\xA9. "};
    for (unsigned k = 0; k < 60; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s", pieces[(k * 7) % 4]);
    sentence_vec sents = {0};
    assert_true(text_split_sentences(text, len, 0, &sents) > 10);
    token_vec one = {0}, all = {0};
    text_word_queue q = {0};
    for (size_t s = 0; s < sents.len; s++)
        assert_true(text_tokenize_deferred(text, &sents.items[s], &all, &q) >= 0);
    size_t words_before = 0;
    for (size_t i = 0; i < all.len; i++)
        words_before += all.items[i].word != WORD_NONE;
    assert_int_equal(words_before, 0); /* nothing looked up yet */
    text_tokenize_resolve(wt, &all, &q);
    assert_int_equal(q.items.len, 0);
    for (size_t s = 0; s < sents.len; s++)
        assert_true(text_tokenize(wt, text, &sents.items[s], &one) >= 0);
    assert_int_equal(one.len, all.len);
    size_t known = 0;
    for (size_t i = 0; i < one.len; i++) {
        assert_memory_equal(&one.items[i], &all.items[i], sizeof one.items[i]);
        known += one.items[i].word != WORD_NONE;
    }
    assert_true(known > one.len / 3);
    vec_free(&one);
    vec_free(&all);
    vec_free(&q.keys);
    vec_free(&q.items);
    vec_free(&sents);
    wordtab_free(wt);
}

static void test_tokenize_sentence_spans_of_a_document(void **state)
{
    (void)state;
    const char *doc = "Envoys Meet (AP)\n\nGen. Kim arrived. \"Talks start,\" he said.";
    sentence_vec sv = split(doc, strlen("Envoys Meet (AP)"));
    assert_int_equal(sv.len, 3);
    token_vec tv = {0};
    long total = 0;
    for (size_t i = 0; i < sv.len; i++) {
        long n = text_tokenize(NULL, doc, &sv.items[i], &tv);
        assert_true(n > 0);
        assert_true(tv.items[total].flags & TOKF_SENT_START);
        for (long j = total; j < total + n; j++) {
            assert_true(tv.items[j].start >= sv.items[i].start);
            assert_true(tv.items[j].end <= sv.items[i].end);
            assert_int_equal(!!(tv.items[j].flags & TOKF_IN_TITLE), i == 0);
        }
        total += n;
    }
    assert_int_equal(tv.len, (size_t)total);
    assert_int_equal(total, 5 + 4 + 8); /* Envoys Meet ( AP ) / Gen. Kim arrived . / " Talks start , " he said . */
    vec_free(&tv);
    vec_free(&sv);
}

static void test_tokenize_survives_invalid_bytes(void **state)
{
    (void)state;
    /* the tokenizer may be handed raw bytes: it must never read past the span */
    const char raw[] = "ab\xE2\x80 c\xF0\x9F d\xC3";
    char *t = malloc(sizeof raw - 1);
    memcpy(t, raw, sizeof raw - 1);
    token_vec tv = {0};
    sentence s = {0, sizeof raw - 1, 0, 0};
    assert_true(text_tokenize(NULL, t, &s, &tv) > 0);
    for (size_t i = 0; i < tv.len; i++)
        assert_true(tv.items[i].end <= sizeof raw - 1);
    vec_free(&tv);
    free(t);
}

static void test_abbreviation_tables(void **state)
{
    (void)state;
    assert_int_equal(text_abbrev_class("Gen", 3), ABBR_TITLE);
    assert_int_equal(text_abbrev_class("GEN", 3), ABBR_TITLE);
    assert_int_equal(text_abbrev_class("gen", 3), ABBR_NONE);
    assert_int_equal(text_abbrev_class("Sept", 4), ABBR_MONTH);
    assert_int_equal(text_abbrev_class("etc", 3), ABBR_AMBIG);
    assert_int_equal(text_abbrev_class("Etc", 3), ABBR_AMBIG);
    assert_int_equal(text_abbrev_class("No", 2), ABBR_NUMBER);
    assert_int_equal(text_abbrev_class("Ill", 3), ABBR_AMBIG);
    assert_int_equal(text_abbrev_class("ill", 3), ABBR_NONE);
    assert_int_equal(text_abbrev_class("Talks", 5), ABBR_NONE);
    /* every entry is found (the table is sorted) */
    const char *all[] = {"Adm", "al", "Ala", "approx", "Apr", "Co", "Col", "Colo", "Conn", "Corp",
                         "Cpl", "Mme", "Mo", "No", "Nos", "Nov", "Sep", "Sept", "Sgt", "v", "Va",
                         "viz", "vs", "Vt", "Wash", "Wis", "Wyo", "Messrs", "Miss"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        assert_int_not_equal(text_abbrev_class(all[i], strlen(all[i])), ABBR_NONE);
    assert_true(text_is_dotted_abbrev("U.S", 3));
    assert_true(text_is_dotted_abbrev("Ph.D", 4));
    assert_false(text_is_dotted_abbrev("huanqiu.com", 11));
    assert_false(text_is_dotted_abbrev("U", 1));
    assert_true(text_is_sentence_starter("The", 3));
    assert_true(text_is_sentence_starter("However", 7));
    assert_false(text_is_sentence_starter("the", 3));
    assert_false(text_is_sentence_starter("President", 9));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_plain_ascii_untouched),
        cmocka_unit_test(test_normalize_invalid_utf8),
        cmocka_unit_test(test_normalize_nul_and_controls),
        cmocka_unit_test(test_normalize_line_ends_and_spaces),
        cmocka_unit_test(test_normalize_nfc),
        cmocka_unit_test(test_normalize_invisible_and_cp1252),
        cmocka_unit_test(test_normalize_huge_input_is_linear),
        cmocka_unit_test(test_split_titles_and_abbreviations),
        cmocka_unit_test(test_split_dotted_abbreviations),
        cmocka_unit_test(test_split_ambiguous_abbreviation_before_capital),
        cmocka_unit_test(test_split_initials_numbers_ellipses),
        cmocka_unit_test(test_split_quotes_and_brackets),
        cmocka_unit_test(test_split_paragraphs_and_newlines),
        cmocka_unit_test(test_split_title),
        cmocka_unit_test(test_split_never_for_length),
        cmocka_unit_test(test_split_appends_and_trims),
        cmocka_unit_test(test_tokenize_words_and_offsets),
        cmocka_unit_test(test_tokenize_possessives_and_contractions),
        cmocka_unit_test(test_tokenize_numbers),
        cmocka_unit_test(test_tokenize_abbreviations),
        cmocka_unit_test(test_tokenize_hyphens_dashes_quotes),
        cmocka_unit_test(test_tokenize_case_flags_and_unicode),
        cmocka_unit_test(test_tokenize_word_ids),
        cmocka_unit_test(test_wordtab_lookup_batch),
        cmocka_unit_test(test_tokenize_many_words_get_their_ids),
        cmocka_unit_test(test_tokenize_deferred_equals_immediate),
        cmocka_unit_test(test_tokenize_sentence_spans_of_a_document),
        cmocka_unit_test(test_tokenize_survives_invalid_bytes),
        cmocka_unit_test(test_abbreviation_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
