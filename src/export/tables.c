/*
** tables.c: the event-table exports: GDELT 2.0 events and mentions, ICEWS-like
** TSV, CSV and PLOVER JSON lines (export.h).  Column lists are written from
** ../shared/formats/EXPORTS.md; the tests check them against their own copy.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"
#include "util/civil_date.h"

/* ---- GDELT 2.0 events --------------------------------------------------- */

const char *const export_gdelt_event_columns[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
};
const size_t export_gdelt_event_ncolumns =
    sizeof export_gdelt_event_columns / sizeof export_gdelt_event_columns[0];

static void header(exporter *x, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ex_tsv(x, cols[i]);
    ex_end_line(x);
}

static void gdelt_actor(exporter *x, const char *code, const char *name)
{
    cameo_actor_parts p;
    cameo_actor_split(code, &p);
    ex_tsv(x, code);
    ex_tsv(x, name);
    ex_tsv(x, p.country);
    ex_tsv(x, p.known_group);
    ex_tsv(x, p.ethnic);
    ex_tsv(x, p.religion1);
    ex_tsv(x, p.religion2);
    ex_tsv(x, p.type1);
    ex_tsv(x, p.type2);
    ex_tsv(x, p.type3);
}

/* Geo_Type 0 (none) and seven empty fields. */
static void gdelt_no_geo(exporter *x)
{
    ex_tsv(x, "0");
    for (int i = 0; i < 7; i++)
        ex_tsv(x, "");
}

static double fraction_date(int y, int m, int d)
{
    int32_t doy = civil_to_days(y, m, d) - civil_to_days(y, 1, 1) + 1;
    return y + doy / 365.0;
}

static int gdelt_event_row(void *ctx, const event_row *e)
{
    exporter *x = ctx;
    int y = 0, mo = 0, d = 0;
    sscanf(e->date, "%d-%d-%d", &y, &mo, &d);
    char added[16];
    ex_compact_date(e->added_at, added, sizeof added);

    ex_tsvf(x, "%lld", (long long)e->id);
    ex_tsvf(x, "%04d%02d%02d", y, mo, d);
    ex_tsvf(x, "%04d%02d", y, mo);
    ex_tsvf(x, "%04d", y);
    ex_tsvf(x, "%.4f", fraction_date(y, mo, d));
    gdelt_actor(x, e->source, e->source_name);
    gdelt_actor(x, e->target, e->target_name);
    ex_tsvf(x, "%d", e->is_root);
    ex_tsv(x, e->code);
    ex_tsv(x, e->base);
    ex_tsv(x, e->root);
    ex_tsvf(x, "%d", e->quad_class);
    ex_tsvf(x, "%.1f", e->goldstein);
    ex_tsvf(x, "%lld", (long long)e->num_mentions);
    ex_tsvf(x, "%lld", (long long)e->num_sources);
    ex_tsvf(x, "%lld", (long long)e->num_articles);
    ex_tsvf(x, "%.4f", e->avg_tone);
    gdelt_no_geo(x);
    gdelt_no_geo(x);
    gdelt_no_geo(x);
    ex_tsv(x, added);
    ex_tsv(x, e->first_url[0] ? e->first_url : e->first_doc);
    ex_end_line(x);
    return x->failed;
}

int export_gdelt_events(exporter *x)
{
    if (x->opt->header)
        header(x, export_gdelt_event_columns, export_gdelt_event_ncolumns);
    return store_events(x->s, x->f, gdelt_event_row, x) < 0 ? -1 : 0;
}

/* ---- GDELT 2.0 mentions ------------------------------------------------- */

const char *const export_gdelt_mention_columns[] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
};
const size_t export_gdelt_mention_ncolumns =
    sizeof export_gdelt_mention_columns / sizeof export_gdelt_mention_columns[0];

/* The host of a URL ("https://www.x.com/a" -> "x.com"), into out. */
static void url_host(const char *url, char *out, size_t cap)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (!strncmp(p, "www.", 4))
        p += 4;
    size_t n = 0;
    while (p[n] && p[n] != '/' && p[n] != ':' && n + 1 < cap) {
        out[n] = p[n];
        n++;
    }
    out[n] = '\0';
}

static int gdelt_mention_row(void *ctx, const mention_row *m)
{
    exporter *x = ctx;
    char event_time[16], mention_time[16], host[128];
    ex_compact_date(m->event_added_at, event_time, sizeof event_time);
    ex_compact_date(m->added_at, mention_time, sizeof mention_time);
    url_host(m->url, host, sizeof host);
    int in_raw = !(m->flags & (MENTF_COREF | MENTF_DEFAULT_ACTOR));

    ex_tsvf(x, "%lld", (long long)m->event_id);
    ex_tsv(x, event_time);
    ex_tsv(x, mention_time);
    ex_tsv(x, m->url[0] ? "1" : "2");               /* WEB, else CITATIONONLY */
    ex_tsv(x, m->outlet[0] ? m->outlet : host);
    ex_tsv(x, m->url[0] ? m->url : m->doc);
    ex_tsvf(x, "%lld", (long long)m->sentence_no + 1);
    ex_tsvf(x, "%lld", (long long)m->src.chars);
    ex_tsvf(x, "%lld", (long long)m->tgt.chars);
    ex_tsvf(x, "%lld", (long long)m->verb.chars);
    ex_tsvf(x, "%d", in_raw);
    ex_tsvf(x, "%d", (int)lround(m->confidence * 100.0));
    ex_tsvf(x, "%lld", (long long)m->doc_chars);
    ex_tsvf(x, "%.4f", m->doc_tone);
    ex_tsv(x, "");
    ex_tsv(x, "");
    ex_end_line(x);
    return x->failed;
}

int export_gdelt_mentions(exporter *x)
{
    if (x->opt->header)
        header(x, export_gdelt_mention_columns, export_gdelt_mention_ncolumns);
    return store_mentions(x->s, x->f, gdelt_mention_row, x) < 0 ? -1 : 0;
}

/* ---- ICEWS -------------------------------------------------------------- */

const char *const export_icews_columns[] = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
};
const size_t export_icews_ncolumns = sizeof export_icews_columns / sizeof export_icews_columns[0];

static void icews_actor(exporter *x, const char *code, const char *name)
{
    cameo_actor_parts p;
    cameo_actor_split(code, &p);
    ex_tsv(x, name[0] ? name : code);
    char sectors[160] = "";
    const char *types[] = {p.type1, p.type2, p.type3};
    for (size_t i = 0; i < 3; i++) {
        const char *s = types[i][0] ? cameo_sector_name(types[i]) : NULL;
        if (s)
            snprintf(sectors + strlen(sectors), sizeof sectors - strlen(sectors), "%s%s",
                     sectors[0] ? "," : "", s);
    }
    ex_tsv(x, sectors);
    const char *country = p.country[0] ? ex_name_of(x, p.country) : NULL;
    ex_tsv(x, country ? country : p.country);
}

static int icews_row(void *ctx, const event_row *e)
{
    exporter *x = ctx;
    ex_tsvf(x, "%lld", (long long)e->id);
    ex_tsv(x, e->date);
    icews_actor(x, e->source, e->source_name);
    ex_tsv(x, e->code_name);
    ex_tsv(x, e->code);
    ex_tsvf(x, "%.1f", e->goldstein);
    icews_actor(x, e->target, e->target_name);
    ex_tsv(x, e->first_doc);
    if (e->first_sentence_no >= 0)
        ex_tsvf(x, "%lld", (long long)e->first_sentence_no + 1);
    else
        ex_tsv(x, "");
    ex_tsv(x, e->first_outlet);
    for (int i = 0; i < 6; i++)
        ex_tsv(x, "");
    ex_end_line(x);
    return x->failed;
}

int export_icews(exporter *x)
{
    if (ex_load_names(x) != 0)
        return -1;
    header(x, export_icews_columns, export_icews_ncolumns);
    return store_events(x->s, x->f, icews_row, x) < 0 ? -1 : 0;
}

/* ---- CSV ---------------------------------------------------------------- */

const char *const export_csv_columns[] = {
    "id", "date", "source", "source_name", "target", "target_name", "event_code",
    "event_name", "root_code", "quad_class", "goldstein", "num_mentions", "num_articles",
    "num_sources", "avg_tone", "first_seen", "source_url",
};
const size_t export_csv_ncolumns = sizeof export_csv_columns / sizeof export_csv_columns[0];

static void csv_end_line(exporter *x)
{
    if (x->line.len && x->line.data[x->line.len - 1] == ',')
        x->line.len--;
    strbuf_puts(&x->line, "\r\n");
    ex_flush(x);
}

static void csvf(exporter *x, const char *fmt, double v, int is_int)
{
    char buf[64];
    if (is_int)
        snprintf(buf, sizeof buf, "%lld", (long long)v);
    else
        snprintf(buf, sizeof buf, fmt, v);
    ex_csv(x, buf);
}

static int csv_row(void *ctx, const event_row *e)
{
    exporter *x = ctx;
    csvf(x, NULL, (double)e->id, 1);
    ex_csv(x, e->date);
    ex_csv(x, e->source);
    ex_csv(x, e->source_name);
    ex_csv(x, e->target);
    ex_csv(x, e->target_name);
    ex_csv(x, e->code);
    ex_csv(x, e->code_name);
    ex_csv(x, e->root);
    csvf(x, NULL, e->quad_class, 1);
    csvf(x, "%.1f", e->goldstein, 0);
    csvf(x, NULL, (double)e->num_mentions, 1);
    csvf(x, NULL, (double)e->num_articles, 1);
    csvf(x, NULL, (double)e->num_sources, 1);
    csvf(x, "%.4f", e->avg_tone, 0);
    ex_csv(x, e->first_seen);
    ex_csv(x, e->first_url[0] ? e->first_url : e->first_doc);
    csv_end_line(x);
    return x->failed;
}

int export_csv(exporter *x)
{
    for (size_t i = 0; i < export_csv_ncolumns; i++)
        ex_csv(x, export_csv_columns[i]);
    csv_end_line(x);
    return store_events(x->s, x->f, csv_row, x) < 0 ? -1 : 0;
}

/* ---- PLOVER ------------------------------------------------------------- */

static void json_str(strbuf *sb, const char *key, const char *s, int comma)
{
    strbuf_printf(sb, "%s\"%s\":", comma ? "," : "", key);
    if (!s || !*s) {
        strbuf_puts(sb, "null");
        return;
    }
    strbuf_putc(sb, '"');
    strbuf_json_escape(sb, s, strlen(s));
    strbuf_putc(sb, '"');
}

static void plover_entity(strbuf *sb, const char *code, const char *name, const char *text)
{
    if (!code[0]) {
        strbuf_puts(sb, "[]");
        return;
    }
    cameo_actor_parts p;
    cameo_actor_split(code, &p);
    strbuf_putc(sb, '{');
    json_str(sb, "code", code, 0);
    const char *sector = p.type1[0] ? cameo_sector_name(p.type1) : NULL;
    json_str(sb, "sector", sector, 1);
    json_str(sb, "entity_text", text[0] ? text : name, 1);
    json_str(sb, "identifier_text", name, 1);
    strbuf_putc(sb, '}');
}

/* The first mention of the event being written. */
typedef struct first_mention {
    exporter *x;
    const event_row *e;
    int written;
} first_mention;

static int plover_with_mention(void *ctx, const mention_row *m)
{
    first_mention *fm = ctx;
    if (fm->written || (fm->e->first_mention_id && m->id != fm->e->first_mention_id))
        return 0;
    fm->written = 1;
    const event_row *e = fm->e;
    exporter *x = fm->x;
    strbuf *sb = &x->line;
    const char *mode = "";
    const char *event = plover_event_of(e->code, &mode);

    strbuf_printf(sb, "{\"id\":\"dyad-%lld\"", (long long)e->id);
    json_str(sb, "date", e->date, 1);
    strbuf_puts(sb, ",\"actor\":[");
    plover_entity(sb, e->source, e->source_name, m->src.text);
    strbuf_puts(sb, "],\"recipient\":[");
    if (e->target[0])
        plover_entity(sb, e->target, e->target_name, m->tgt.text);
    strbuf_puts(sb, "]");
    strbuf_printf(sb, ",\"event\":[\"%s\"]", event);
    strbuf_puts(sb, ",\"event_text\":[");
    if (m->verb.text[0]) {
        strbuf_putc(sb, '"');
        strbuf_json_escape(sb, m->verb.text, strlen(m->verb.text));
        strbuf_putc(sb, '"');
    }
    strbuf_printf(sb, "],\"quad_code\":%d", e->quad_class);
    strbuf_puts(sb, ",\"mode\":[");
    if (mode[0])
        strbuf_printf(sb, "\"%s\"", mode);
    strbuf_puts(sb, "],\"context\":[]");
    json_str(sb, "link", m->url, 1);
    json_str(sb, "text", m->sentence, 1);
    strbuf_printf(sb, ",\"text_info\":{\"sequence\":%lld,\"start\":%lld,\"end\":%lld}",
                  (long long)m->sentence_no, (long long)m->sentence_start,
                  (long long)(m->sentence_start + (int64_t)strlen(m->sentence)));
    strbuf_puts(sb, ",\"cite_info\":{");
    json_str(sb, "url", m->url, 0);
    json_str(sb, "title", m->title, 1);
    json_str(sb, "language", m->lang, 1);
    json_str(sb, "publication", m->outlet, 1);
    json_str(sb, "citation", m->doc, 1);
    json_str(sb, "codebook", "CAMEO", 1);
    strbuf_putc(sb, '}');
    json_str(sb, "coder", x->opt->coder ? x->opt->coder : "dyad", 1);
    char coded[11];
    snprintf(coded, sizeof coded, "%.10s", e->added_at);
    json_str(sb, "coded_date", coded, 1);
    snprintf(coded, sizeof coded, "%.8s", strlen(e->added_at) > 11 ? e->added_at + 11 : "");
    json_str(sb, "coded_time", coded, 1);
    strbuf_printf(sb,
                  ",\"cameo\":{\"code\":\"%s\",\"root\":\"%s\",\"goldstein\":%.1f,"
                  "\"num_mentions\":%lld,\"num_articles\":%lld,\"num_sources\":%lld,"
                  "\"avg_tone\":%.4f}}\n",
                  e->code, e->root, e->goldstein, (long long)e->num_mentions,
                  (long long)e->num_articles, (long long)e->num_sources, e->avg_tone);
    ex_flush(x);
    return x->failed;
}

static int plover_row(void *ctx, const event_row *e)
{
    exporter *x = ctx;
    if (!plover_event_of(e->code, NULL) || !e->source[0]) {
        x->skipped++;       /* PLOVER requires an event category and an actor */
        return 0;
    }
    event_filter one = event_filter_all();
    one.event_id = e->id;
    first_mention fm = {x, e, 0};
    if (store_mentions(x->s, &one, plover_with_mention, &fm) < 0)
        return -1;
    return x->failed;
}

int export_plover(exporter *x)
{
    return store_events(x->s, x->f, plover_row, x) < 0 ? -1 : 0;
}
