/*
** fixture.h: documents, mentions and a small codebook for the events, store and
** export tests (included by tests/unit/{events,store,export}/test_*.c).
**
** The articles are written for these tests: a story, a syndicated copy with a
** boilerplate paragraph added, a lightly edited copy, and a different story on
** the same topic.  Mentions are built the way the coder builds them: byte spans
** into the document text found by searching for the words.
*/
#ifndef DYAD_TEST_FIXTURE_H
#define DYAD_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder/mention.h"
#include "dict/dict.h"
#include "ingest/document.h"
#include "util/civil_date.h"

static const char FX_STORY[] =
    "The foreign minister of Norway arrived in Seoul on Tuesday for two days of talks with "
    "South Korean officials on trade, energy and regional security. The visit is the first by "
    "a Norwegian foreign minister in six years. Officials in both capitals said the talks would "
    "focus on shipbuilding contracts, offshore wind projects and a planned agreement on the "
    "exchange of scientific researchers. The minister is scheduled to meet the South Korean "
    "president on Wednesday morning before travelling to Busan, where she will tour a shipyard "
    "that builds vessels for Norwegian companies. Analysts said the trip reflected a growing "
    "interest in Asia among smaller European states that depend on open sea lanes. A spokesman "
    "for the South Korean foreign ministry said the government welcomed the visit and hoped to "
    "sign a memorandum on green shipping before the end of the year. Trade between the two "
    "countries reached a record last year, driven by orders for liquefied natural gas "
    "carriers. The minister will return to Oslo on Thursday.";

static const char FX_BOILERPLATE[] =
    " This article was originally published by the Nordic Wire Service and is republished "
    "here under a content-sharing agreement. Subscribe to our newsletter for more stories like "
    "this one, and follow us on social media for the latest updates from the region.";

static const char FX_EDITED[] =
    "The foreign minister of Norway arrived in Seoul on Tuesday afternoon for two days of talks "
    "with South Korean officials on trade, energy and regional security. The visit is the first "
    "by a Norwegian foreign minister in seven years. Officials in both capitals said the talks "
    "would focus on shipbuilding contracts, offshore wind projects and a planned agreement on "
    "the exchange of scientific researchers. The minister is scheduled to meet the South Korean "
    "president on Wednesday before travelling to Busan, where she will tour a shipyard that "
    "builds vessels for Norwegian companies. Experts said the trip reflected a growing interest "
    "in Asia among smaller European states that depend on open sea lanes. A spokesman for the "
    "South Korean foreign ministry said the government welcomed the visit and hoped to sign a "
    "memorandum on green shipping before the end of the year. Trade between the two countries "
    "reached a new record last year, driven by orders for liquefied natural gas carriers. The "
    "minister will return to Oslo on Thursday.";

static const char FX_OTHER[] =
    "South Korea and Norway signed a memorandum on green shipping in Seoul on Wednesday, after "
    "the Norwegian foreign minister met President Yoon at the presidential office. The "
    "agreement commits the two governments to fund joint research on ammonia-fuelled engines "
    "and to share port data. Norway's minister told reporters that Korean yards would remain "
    "essential partners for Norwegian ship owners, while Seoul promised faster approval of "
    "offshore wind permits for Nordic investors. Opposition lawmakers in Seoul criticised the "
    "deal as vague and said it lacked binding targets. The minister flew to Busan later in the "
    "day.";

/* A small codebook: enough codes for the tests, values as in CAMEO/GDELT. */
static const codebook_entry FX_CODEBOOK_ROWS[] = {
    {"01", "01", "MAKE PUBLIC STATEMENT", 0.0f, 1},
    {"036", "03", "Express intent to meet or negotiate", 4.0f, 1},
    {"04", "04", "CONSULT", 1.0f, 1},
    {"040", "04", "Consult, not specified below", 1.0f, 1},
    {"042", "04", "Make a visit", 1.9f, 1},
    {"043", "04", "Host a visit", 2.8f, 1},
    {"057", "05", "Sign formal agreement", 8.0f, 1},
    {"0211", "02", "Appeal for economic cooperation", 3.4f, 1},
    {"111", "11", "Criticize or denounce", -2.0f, 3},
    {"173", "17", "Arrest, detain, or charge with legal action", -5.0f, 4},
    {"190", "19", "Use conventional military force", -10.0f, 4},
};
#define FX_CODEBOOK_N (sizeof FX_CODEBOOK_ROWS / sizeof FX_CODEBOOK_ROWS[0])

static int32_t fx_day(const char *iso)
{
    int32_t d = DATE_UNKNOWN;
    if (iso)
        civil_parse(iso, strlen(iso), &d);
    return d;
}

/* A document "title\n\nbody" with the given metadata (any may be NULL). */
static document *fx_doc(const char *id, const char *outlet, const char *title, const char *body,
                        const char *published, const char *original_source)
{
    document *doc = document_new();
    char *text = NULL;
    size_t tl = title ? strlen(title) : 0, bl = strlen(body);
    text = malloc(tl + 2 + bl + 1);
    size_t n = 0;
    if (title) {
        memcpy(text, title, tl);
        memcpy(text + tl, "\n\n", 2);
        n = tl + 2;
    }
    memcpy(text + n, body, bl);
    n += bl;
    document_set_text(doc, text, n, tl);
    free(text);
    doc->id = document_strndup(doc, id, strlen(id));
    if (title)
        doc->title = document_strndup(doc, title, tl);
    if (outlet)
        doc->outlet = document_strndup(doc, outlet, strlen(outlet));
    if (original_source)
        doc->original_source = document_strndup(doc, original_source, strlen(original_source));
    doc->published = fx_day(published);
    doc->lang = "en";
    return doc;
}

/* The span of the first occurrence of `what` at or after `from`, else {0,0}. */
static span fx_find(const document *doc, const char *what, uint32_t from)
{
    span s = {0, 0};
    if (!what)
        return s;
    const char *hit = strstr(doc->text + from, what);
    if (hit) {
        s.start = (uint32_t)(hit - doc->text);
        s.end = s.start + (uint32_t)strlen(what);
    }
    return s;
}

/* The sentence (between '.'s or the title break) around byte offset at. */
static span fx_sentence_around(const document *doc, uint32_t at)
{
    uint32_t a = at, b = at;
    while (a > 0 && doc->text[a - 1] != '.' && doc->text[a - 1] != '\n')
        a--;
    while (a < at && doc->text[a] == ' ')
        a++;
    while (b < doc->text_len && doc->text[b] != '.' && doc->text[b] != '\n')
        b++;
    if (b < doc->text_len && doc->text[b] == '.')
        b++;
    span s = {a, b};
    return s;
}

/* The provenance of the actor entry that names a code, by its country. */
static const char *fx_entry(const char *code)
{
    if (!strncmp(code, "NOR", 3))
        return "data/actors/test.actors:1 NORWAY";
    if (!strncmp(code, "KOR", 3))
        return "data/actors/test.actors:2 SOUTH_KOREA";
    return "data/actors/test.actors:3 SOMEWHERE_ELSE";
}

/* A mention: source text/code, verb text, target text/code (target may be
   NULL), event code, the sentence number, a date (NULL = none) and flags. */
static event_mention fx_mention(const document *doc, uint32_t sentence_no, const char *src_text,
                                const char *src, const char *verb_text, const char *tgt_text,
                                const char *tgt, const char *code, const char *date,
                                uint16_t flags)
{
    event_mention m;
    memset(&m, 0, sizeof m);
    m.sentence = sentence_no;
    m.source.text = fx_find(doc, src_text, 0);
    m.verb_text = fx_find(doc, verb_text, m.source.text.start);
    m.target.text = fx_find(doc, tgt_text, m.source.text.start);
    m.sentence_text = fx_sentence_around(doc, m.verb_text.start);
    snprintf(m.source.code, sizeof m.source.code, "%s", src ? src : "");
    snprintf(m.target.code, sizeof m.target.code, "%s", tgt ? tgt : "");
    snprintf(m.code, sizeof m.code, "%s", code);
    m.source.entry = fx_entry(m.source.code);
    m.target.entry = tgt && *tgt ? fx_entry(m.target.code) : NULL;
    m.verb_entry = "data/verbs/test.verbs:10 VISIT";
    m.pattern = "data/verbs/test.verbs:11 - * +  [042:043]";
    m.date = fx_day(date);
    m.date_basis = date ? DATE_FROM_TEXT : DATE_FROM_ARTICLE;
    m.modality = MOD_ASSERTED;
    m.flags = flags;
    m.confidence = 0.75f;
    return m;
}

#endif
