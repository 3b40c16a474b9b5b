/* test_export.c: per-mention JSONL/TSV and every store export: column names and
   order against EXPORTS.md (copied below by hand), field counts per line, field
   values, well-formed GraphML (libxml2), and DOT edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

#include "events/events.h"
#include "export/export.h"
#include "store/store.h"
#include "../events/fixture.h"

/* ---- the formats, from ../shared/formats/EXPORTS.md --------------------- */

static const char *const GDELT_EVENTS[61] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
    "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat",
    "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName",
    "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat",
    "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"};

static const char *const GDELT_MENTIONS[16] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"};

static const char *const ICEWS[20] = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude"};

static void check_columns(const char *const *got, size_t n_got, const char *const *want,
                          size_t n_want)
{
    assert_int_equal(n_got, n_want);
    for (size_t i = 0; i < n_want; i++)
        assert_string_equal(got[i], want[i]);
}

static void test_column_lists_match_exports_md(void **state)
{
    (void)state;
    check_columns(export_gdelt_event_columns, export_gdelt_event_ncolumns, GDELT_EVENTS, 61);
    check_columns(export_gdelt_mention_columns, export_gdelt_mention_ncolumns, GDELT_MENTIONS, 16);
    check_columns(export_icews_columns, export_icews_ncolumns, ICEWS, 20);
}

/* ---- helpers ------------------------------------------------------------ */

static char tmpdir[64];
static char dbfile[128];
static codebook_table fx_table = {FX_CODEBOOK_ROWS, FX_CODEBOOK_N};

/* Split line (modified in place) at tabs into fields; returns the count. */
static size_t split_tabs(char *line, char **fields, size_t cap)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < cap)
            fields[n] = p;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* The export as one string (caller frees). */
static char *export_to_string(export_format fmt, const event_filter *f, int header)
{
    diag_sink diags = {0};
    store_options opt = {0};
    opt.readonly = 1;
    store *s = store_open(dbfile, &opt, &diags);
    assert_non_null(s);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    export_options eo = {header, "dyad-test"};
    assert_int_equal(export_store(s, fmt, f, &eo, out, &diags), 0);
    fclose(out);
    store_close(s);
    return buf;
}

/* Lines of text (modified in place); returns the count. */
static size_t split_lines(char *text, char **lines, size_t cap)
{
    size_t n = 0;
    for (char *p = text; *p && n < cap;) {
        char *nl = strchr(p, '\n');
        lines[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        p = nl + 1;
    }
    return n;
}

static const char UTF8_BODY[] =
    "\xe2\x80\x9cWe welcome Norway\xe2\x80\x99s minister,\xe2\x80\x9d the spokesman said. "
    "South Korean police arrested two protesters in Seoul on Tuesday.";

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-export-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(dbfile, sizeof dbfile, "%s/x.db", tmpdir);
    store_options opt = {0};
    opt.codebook = codebook_lookup_table(&fx_table);
    opt.dictionary_version = "test-dict";
    opt.now = 1675209600 + 3600;  /* 2023-02-01T01:00:00Z */
    store *s = store_open(dbfile, &opt, NULL);
    if (!s)
        return -1;
    document *a = fx_doc("a", "Wire", "Norway's minister visits Seoul", FX_STORY, "2023-01-31", NULL);
    a->url = "https://www.example-wire.com/norway-seoul";
    document *b = fx_doc("b", "Herald", "Deal signed", FX_OTHER, "2023-02-01", NULL);
    document *c = fx_doc("c", NULL, NULL, UTF8_BODY, "2023-02-01", NULL);
    event_mention ma[3], mb[2], mc[1];
    ma[0] = fx_mention(a, 0, "Norway", "NORGOV", "visits", "Seoul", "KOR", "042", NULL, MENTF_TITLE);
    ma[1] = fx_mention(a, 1, "foreign minister of Norway", "NORGOV", "arrived", "Seoul", "KOR",
                       "042", NULL, 0);
    ma[2] = fx_mention(a, 5, "spokesman", "KORGOV", "welcomed", "visit", "NORGOV", "043", NULL,
                       MENTF_COREF);
    mb[0] = fx_mention(b, 1, "South Korea", "KOR", "signed", "Norway", "NOR", "057", NULL, 0);
    mb[1] = fx_mention(b, 4, "Opposition lawmakers", "KOROPP", "criticised", "deal", "KORGOV",
                       "111", NULL, 0);
    mc[0] = fx_mention(c, 1, "South Korean police", "KORCOP", "arrested", "protesters", "KORCVL",
                       "173", NULL, 0);
    mc[0].source.entry = "data/actors/countries.actors:9 SOUTH_KOREA";
    mc[0].source.agent_entry = "data/agents/x.agents:3 POLICE";
    int ok = store_add_document(s, a, ma, 3, NULL) == STORE_ADDED &&
             store_add_document(s, b, mb, 2, NULL) == STORE_ADDED &&
             store_add_document(s, c, mc, 1, NULL) == STORE_ADDED;
    store_close(s);
    document_free(a);
    document_free(b);
    document_free(c);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd);
}

/* ---- per mention -------------------------------------------------------- */

static void test_mention_jsonl(void **state)
{
    (void)state;
    document *d = fx_doc("doc-7", "Wire", "Norway's minister visits Seoul", FX_STORY, "2023-01-31", NULL);
    event_mention m = fx_mention(d, 1, "foreign minister of Norway", "NORGOV", "arrived", "Seoul",
                                 "KOR", "042", NULL, MENTF_TITLE | MENTF_PAIRED);
    codebook_lookup cb = codebook_lookup_table(&fx_table);
    strbuf sb = {0};
    assert_int_equal(export_mention_jsonl(&sb, d, &m, &cb), 0);
    assert_int_equal(sb.data[sb.len - 1], '\n');
    assert_null(strchr(sb.data, '\n') + 1 == sb.data + sb.len ? NULL : "more than one line");
    json_error_t err;
    json_t *o = json_loads(sb.data, 0, &err);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "doc")), "doc-7");
    assert_string_equal(json_string_value(json_object_get(o, "source")), "NORGOV");
    assert_string_equal(json_string_value(json_object_get(o, "target")), "KOR");
    assert_string_equal(json_string_value(json_object_get(o, "code")), "042");
    assert_string_equal(json_string_value(json_object_get(o, "root")), "04");
    assert_string_equal(json_string_value(json_object_get(o, "name")), "Make a visit");
    assert_int_equal(json_integer_value(json_object_get(o, "quad_class")), 1);
    assert_true(json_real_value(json_object_get(o, "goldstein")) > 1.89);
    assert_string_equal(json_string_value(json_object_get(o, "date")), "2023-01-31");
    assert_string_equal(json_string_value(json_object_get(o, "modality")), "asserted");
    json_t *flags = json_object_get(o, "flags");
    assert_int_equal(json_array_size(flags), 2);
    assert_string_equal(json_string_value(json_array_get(flags, 0)), "paired");
    assert_string_equal(json_string_value(json_array_get(flags, 1)), "title");
    /* spans point at the text they name */
    json_t *sp = json_object_get(o, "source_span");
    size_t a = (size_t)json_integer_value(json_array_get(sp, 0));
    size_t b = (size_t)json_integer_value(json_array_get(sp, 1));
    assert_memory_equal(d->text + a, "foreign minister of Norway", b - a);
    assert_string_equal(json_string_value(json_object_get(o, "verb_text")), "arrived");
    assert_string_equal(json_string_value(json_object_get(o, "target_text")), "Seoul");
    assert_non_null(strstr(json_string_value(json_object_get(o, "sentence_text")), "arrived in Seoul"));
    assert_string_equal(json_string_value(json_object_get(o, "pattern")), m.pattern);
    assert_true(json_is_null(json_object_get(o, "target_agent_entry")));
    json_decref(o);

    /* an unknown code: nulls, not guesses */
    strbuf_clear(&sb);
    snprintf(m.code, sizeof m.code, "999");
    m.target.code[0] = '\0';
    assert_int_equal(export_mention_jsonl(&sb, d, &m, &cb), 0);
    o = json_loads(sb.data, 0, &err);
    assert_non_null(o);
    assert_true(json_is_null(json_object_get(o, "goldstein")));
    assert_true(json_is_null(json_object_get(o, "target")));
    json_decref(o);
    strbuf_free(&sb);
    document_free(d);
}

static void test_mention_tsv(void **state)
{
    (void)state;
    document *d = fx_doc("doc\t8", "Wire", NULL, FX_STORY, "2023-01-31", NULL);
    event_mention m = fx_mention(d, 3, "minister", "NORGOV", "meet", "South Korean president",
                                 "KORGOV", "036", "2023-02-01", MENTF_NEGATED);
    codebook_lookup cb = codebook_lookup_table(&fx_table);
    strbuf sb = {0};
    assert_int_equal(export_mention_tsv_header(&sb), 0);
    assert_int_equal(export_mention_tsv(&sb, d, &m, &cb), 0);
    char *lines[4];
    assert_int_equal(split_lines(sb.data, lines, 4), 2);
    char *h[64], *f[64];
    size_t nh = split_tabs(lines[0], h, 64), nf = split_tabs(lines[1], f, 64);
    assert_int_equal(nh, export_mention_tsv_ncolumns);
    assert_int_equal(nf, nh);
    for (size_t i = 0; i < nh; i++) {
        if (!strcmp(h[i], "doc"))
            assert_string_equal(f[i], "doc\\t8");   /* escaped, not a column break */
        else if (!strcmp(h[i], "code"))
            assert_string_equal(f[i], "036");
        else if (!strcmp(h[i], "date"))
            assert_string_equal(f[i], "2023-02-01");
        else if (!strcmp(h[i], "goldstein"))
            assert_string_equal(f[i], "4.0");
        else if (!strcmp(h[i], "flags"))
            assert_string_equal(f[i], "negated");
        else if (!strcmp(h[i], "target_text"))
            assert_string_equal(f[i], "South Korean president");
        else if (!strcmp(h[i], "verb_start"))
            assert_int_equal(atoi(f[i]), (int)m.verb_text.start);
    }
    strbuf_free(&sb);
    document_free(d);
}

/* ---- store exports ------------------------------------------------------ */

static void test_gdelt_events(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    char *text = export_to_string(EXPORT_GDELT, &f, 0);
    char *lines[32];
    size_t n = split_lines(text, lines, 32);
    assert_int_equal(n, 5);     /* events: 042, 043, 057, 111, 173 */
    int seen_visit = 0;
    for (size_t i = 0; i < n; i++) {
        char *c[80];
        assert_int_equal(split_tabs(lines[i], c, 80), 61);
        assert_int_equal(strlen(c[1]), 8);      /* SQLDATE */
        assert_int_equal(strlen(c[59]), 14);    /* DATEADDED */
        assert_string_equal(c[59], "20230201010000");
        assert_string_equal(c[35], "0");        /* Actor1Geo_Type: none */
        if (!strcmp(c[26], "042")) {
            seen_visit = 1;
            assert_string_equal(c[1], "20230131");
            assert_string_equal(c[2], "202301");
            assert_string_equal(c[3], "2023");
            assert_string_equal(c[4], "2023.0849");
            assert_string_equal(c[5], "NORGOV");
            assert_string_equal(c[6], "NORWAY Government");
            assert_string_equal(c[7], "NOR");
            assert_string_equal(c[12], "GOV");
            assert_string_equal(c[15], "KOR");
            assert_string_equal(c[25], "1");    /* in the title */
            assert_string_equal(c[27], "042");
            assert_string_equal(c[28], "04");
            assert_string_equal(c[29], "1");
            assert_string_equal(c[30], "1.9");
            assert_string_equal(c[31], "2");    /* NumMentions */
            assert_string_equal(c[32], "1");    /* NumSources */
            assert_string_equal(c[33], "1");    /* NumArticles */
            assert_string_equal(c[60], "https://www.example-wire.com/norway-seoul");
        }
        if (!strcmp(c[26], "173"))
            assert_string_equal(c[60], "c");    /* no URL: the document id */
    }
    assert_true(seen_visit);
    free(text);

    text = export_to_string(EXPORT_GDELT, &f, 1);
    n = split_lines(text, lines, 32);
    assert_int_equal(n, 6);
    char *c[80];
    assert_int_equal(split_tabs(lines[0], c, 80), 61);
    assert_string_equal(c[0], "GLOBALEVENTID");
    assert_string_equal(c[60], "SOURCEURL");
    free(text);
}

static void test_gdelt_mentions(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    char *text = export_to_string(EXPORT_GDELT_MENTIONS, &f, 0);
    char *lines[32];
    size_t n = split_lines(text, lines, 32);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        char *c[32];
        assert_int_equal(split_tabs(lines[i], c, 32), 16);
        assert_true(atoi(c[6]) >= 1);           /* SentenceID is 1-based */
        if (!strcmp(c[4], "Wire")) {
            assert_string_equal(c[3], "1");     /* WEB */
            assert_string_equal(c[5], "https://www.example-wire.com/norway-seoul");
        }
        if (!strcmp(c[5], "c")) {
            /* the UTF-8 document: offsets are characters, not bytes */
            const char *hit = strstr(UTF8_BODY, "South Korean police");
            int bytes = (int)(hit - UTF8_BODY);
            assert_int_equal(atoi(c[7]), bytes - 6);    /* three 3-byte quote marks */
            assert_string_equal(c[3], "2");             /* CITATIONONLY */
            assert_string_equal(c[10], "1");
            assert_string_equal(c[11], "75");
        }
        if (atoi(c[7]) >= 0 && strcmp(c[10], "0") == 0)
            assert_string_equal(c[4], "Wire");           /* the coref mention */
    }
    free(text);
}

static void test_icews_and_csv(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    char *text = export_to_string(EXPORT_ICEWS, &f, 0);
    char *lines[32];
    size_t n = split_lines(text, lines, 32);
    assert_int_equal(n, 6);
    char *c[32];
    assert_int_equal(split_tabs(lines[0], c, 32), 20);
    for (size_t i = 0; i < 20; i++)
        assert_string_equal(c[i], ICEWS[i]);
    int seen_arrest = 0;
    for (size_t i = 1; i < n; i++) {
        assert_int_equal(split_tabs(lines[i], c, 32), 20);
        if (!strcmp(c[6], "173")) {
            seen_arrest = 1;
            assert_string_equal(c[2], "SOUTH KOREA Police");    /* KOR + COP */
            assert_string_equal(c[3], "Police");
            assert_string_equal(c[4], "SOUTH KOREA");      /* country name from the store */
            assert_string_equal(c[5], "Arrest, detain, or charge with legal action");
            assert_string_equal(c[7], "-5.0");
            assert_string_equal(c[11], "c");
            assert_string_equal(c[12], "2");
        }
    }
    assert_true(seen_arrest);
    free(text);

    text = export_to_string(EXPORT_CSV, &f, 0);
    assert_non_null(strstr(text, "\"Arrest, detain, or charge with legal action\""));
    n = split_lines(text, lines, 32);
    assert_int_equal(n, 6);
    /* count fields with quoting */
    for (size_t i = 0; i < n; i++) {
        size_t fields = 1;
        int quoted = 0;
        for (const char *p = lines[i]; *p; p++) {
            if (*p == '"')
                quoted = !quoted;
            else if (*p == ',' && !quoted)
                fields++;
        }
        assert_int_equal(fields, export_csv_ncolumns);
    }
    assert_true(!strncmp(lines[0], "id,date,source,", 15));
    free(text);
}

static void test_plover(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    char *text = export_to_string(EXPORT_PLOVER, &f, 0);
    char *lines[32];
    size_t n = split_lines(text, lines, 32);
    assert_int_equal(n, 5);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        json_error_t err;
        json_t *o = json_loads(lines[i], 0, &err);
        assert_non_null(o);
        assert_non_null(json_string_value(json_object_get(o, "id")));
        assert_int_equal(strlen(json_string_value(json_object_get(o, "date"))), 10);
        json_t *actor = json_array_get(json_object_get(o, "actor"), 0);
        assert_non_null(json_string_value(json_object_get(actor, "code")));
        json_t *event = json_object_get(o, "event");
        assert_int_equal(json_array_size(event), 1);
        int quad = (int)json_integer_value(json_object_get(o, "quad_code"));
        assert_true(quad >= 1 && quad <= 4);
        if (!strcmp(json_string_value(json_object_get(json_object_get(o, "cameo"), "code")), "042")) {
            seen = 1;
            assert_string_equal(json_string_value(json_array_get(event, 0)), "CONSULT");
            assert_string_equal(json_string_value(json_array_get(json_object_get(o, "mode"), 0)), "visit");
            assert_string_equal(json_string_value(json_object_get(actor, "code")), "NORGOV");
            /* the first report was the title */
            assert_string_equal(json_string_value(json_array_get(json_object_get(o, "event_text"), 0)), "visits");
            assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "text_info"), "sequence")), 0);
        }
        json_decref(o);
    }
    assert_true(seen);
    free(text);

    const char *mode;
    assert_string_equal(plover_event_of("0871", &mode), "RETREAT");
    assert_string_equal(mode, "ceasefire");
    assert_string_equal(plover_event_of("0811", &mode), "CONCEDE");
    assert_string_equal(plover_event_of("190", &mode), "ASSAULT");
    assert_string_equal(plover_event_of("1712", &mode), "ASSAULT");
    assert_null(plover_event_of("010", &mode));
}

static void test_graphml_well_formed(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    char *text = export_to_string(EXPORT_GRAPHML, &f, 0);
    xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), "x.graphml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "graphml");
    int nodes = 0, edges = 0, found = 0;
    for (xmlNodePtr g = root->children; g; g = g->next) {
        if (g->type != XML_ELEMENT_NODE || strcmp((const char *)g->name, "graph"))
            continue;
        for (xmlNodePtr n = g->children; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            if (!strcmp((const char *)n->name, "node"))
                nodes++;
            if (!strcmp((const char *)n->name, "edge")) {
                edges++;
                xmlChar *s = xmlGetProp(n, (const xmlChar *)"source");
                xmlChar *t = xmlGetProp(n, (const xmlChar *)"target");
                if (!strcmp((char *)s, "NORGOV") && !strcmp((char *)t, "KOR")) {
                    found = 1;
                    for (xmlNodePtr d = n->children; d; d = d->next) {
                        xmlChar *key = xmlGetProp(d, (const xmlChar *)"key");
                        xmlChar *val = xmlNodeGetContent(d);
                        if (!strcmp((char *)key, "events"))
                            assert_string_equal((char *)val, "1");
                        if (!strcmp((char *)key, "mentions"))
                            assert_string_equal((char *)val, "2");
                        xmlFree(key);
                        xmlFree(val);
                    }
                }
                xmlFree(s);
                xmlFree(t);
            }
        }
    }
    /* actors: NORGOV KOR KORGOV NOR KOROPP KORCOP KORCVL; dyads: 5 */
    assert_int_equal(nodes, 7);
    assert_int_equal(edges, 5);
    assert_true(found);
    xmlFreeDoc(doc);
    free(text);
}

static void test_dot_edges(void **state)
{
    (void)state;
    event_filter f = event_filter_all();
    f.actor = "KOR";
    char *text = export_to_string(EXPORT_DOT, &f, 0);
    assert_true(!strncmp(text, "digraph dyad {", 14));
    char *lines[64];
    size_t n = split_lines(text, lines, 64);
    const char *want[] = {"\"NORGOV\" -> \"KOR\"", "\"KORGOV\" -> \"NORGOV\"", "\"KOR\" -> \"NOR\"",
                          "\"KOROPP\" -> \"KORGOV\"", "\"KORCOP\" -> \"KORCVL\""};
    int seen[5] = {0}, edges = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strstr(lines[i], "->"))
            continue;
        edges++;
        for (size_t k = 0; k < 5; k++)
            if (strstr(lines[i], want[k]) == lines[i] + 2)
                seen[k]++;
        if (strstr(lines[i], "\"KOROPP\" -> \"KORGOV\""))
            assert_non_null(strstr(lines[i], "color=red3"));
    }
    assert_int_equal(edges, 5);
    for (size_t k = 0; k < 5; k++)
        assert_int_equal(seen[k], 1);
    assert_string_equal(lines[n - 1], "}");
    free(text);

    f.actor = "NOR";
    f.quad = 1;
    text = export_to_string(EXPORT_DOT, &f, 0);
    n = split_lines(text, lines, 64);
    edges = 0;
    for (size_t i = 0; i < n; i++)
        edges += strstr(lines[i], "->") != NULL;
    assert_int_equal(edges, 3);
    free(text);
}

static void test_actor_code_split(void **state)
{
    (void)state;
    cameo_actor_parts p;
    cameo_actor_split("KORGOV", &p);
    assert_string_equal(p.country, "KOR");
    assert_string_equal(p.type1, "GOV");
    cameo_actor_split("IGOWSTNAT", &p);
    assert_string_equal(p.type1, "IGO");
    assert_string_equal(p.country, "WST");
    assert_string_equal(p.known_group, "NAT");
    cameo_actor_split("IGOUNO", &p);
    assert_string_equal(p.country, "");
    assert_string_equal(p.known_group, "UNO");
    cameo_actor_split("AFGREBTAL", &p);
    assert_string_equal(p.country, "AFG");
    assert_string_equal(p.type1, "REB");
    assert_string_equal(p.known_group, "TAL");
    cameo_actor_split("ISRGOVMILJEW", &p);
    assert_string_equal(p.type2, "MIL");
    assert_string_equal(p.religion1, "JEW");
    cameo_actor_split("", &p);
    assert_string_equal(p.country, "");
    export_format fmt;
    assert_int_equal(export_format_parse("gdelt-mentions", &fmt), 0);
    assert_int_equal(fmt, EXPORT_GDELT_MENTIONS);
    assert_int_equal(export_format_parse("xml", &fmt), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_lists_match_exports_md),
        cmocka_unit_test(test_mention_jsonl),
        cmocka_unit_test(test_mention_tsv),
        cmocka_unit_test(test_gdelt_events),
        cmocka_unit_test(test_gdelt_mentions),
        cmocka_unit_test(test_icews_and_csv),
        cmocka_unit_test(test_plover),
        cmocka_unit_test(test_graphml_well_formed),
        cmocka_unit_test(test_dot_edges),
        cmocka_unit_test(test_actor_code_split),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
