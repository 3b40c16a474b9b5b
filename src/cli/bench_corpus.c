/*
** bench_corpus.c: replicated and synthetic corpora for `dyad bench`; see
** bench_corpus.h.
**
** The synthetic generator is a small grammar: a document is a dateline and two
** to seven sentences, about half of them political (actor, verb phrase, actor,
** tail: "The Japanese prime minister held talks with NATO in Brussels on
** Monday."), the rest the everyday background of a news feed (markets, sport,
** weather, technology), which a coder must read and reject.  Every word list
** below was written for this file.  The generator is splitmix64 seeded by the
** caller, so the corpus is the same on every machine and run.
*/
#include "cli/bench_corpus.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const countries[] = {
    "France", "Germany", "Japan", "China", "Russia", "Iran", "Israel", "Kenya", "Brazil",
    "India", "Pakistan", "Egypt", "Turkey", "South Korea", "North Korea", "the United States",
    "Britain", "Ukraine", "Syria", "Iraq", "Afghanistan", "Mexico", "Nigeria", "Indonesia",
    "Canada", "Australia", "Poland", "Spain", "Italy", "Saudi Arabia", "Venezuela", "Cuba"};

static const char *const adjectives[] = {
    "French", "German", "Japanese", "Chinese", "Russian", "Iranian", "Israeli", "Kenyan",
    "Brazilian", "Indian", "Pakistani", "Egyptian", "Turkish", "South Korean", "American",
    "British", "Ukrainian", "Syrian", "Iraqi", "Afghan", "Mexican", "Nigerian", "Canadian",
    "Polish", "Spanish", "Italian", "Saudi", "Venezuelan"};

static const char *const offices[] = {
    "president", "prime minister", "foreign minister", "defence minister", "ambassador",
    "interior minister", "finance minister", "army chief", "opposition leader", "envoy"};

static const char *const bodies[] = {
    "NATO", "the United Nations", "the European Union", "the World Bank", "the African Union",
    "the UN Security Council", "the International Monetary Fund", "the Red Cross",
    "Amnesty International", "the Arab League", "OPEC", "the World Health Organization"};

static const char *const groups[] = {
    "rebels", "police", "protesters", "opposition parties", "insurgents", "soldiers",
    "militants", "security forces", "striking workers", "students", "refugees", "separatists"};

static const char *const cities[] = {
    "Geneva", "Brussels", "Tokyo", "Beijing", "Moscow", "Cairo", "Nairobi", "Baghdad",
    "Kabul", "New Delhi", "Islamabad", "Ankara", "Seoul", "Washington", "London", "Paris",
    "Berlin", "Jerusalem", "Tehran", "Damascus", "Lagos", "Jakarta", "Ottawa", "Madrid",
    "Rome", "Riyadh", "Caracas", "Havana", "Kyiv", "Warsaw", "Mexico City", "Brasilia"};

static const char *const transitive[] = {
    "met", "met with", "accused", "criticized", "condemned", "praised", "thanked", "urged",
    "warned", "threatened", "attacked", "visited", "welcomed", "rejected a proposal from",
    "signed an agreement with", "agreed to cooperate with", "imposed sanctions on",
    "expelled diplomats from", "sent aid to", "called on", "held talks with", "hosted",
    "blamed", "apologized to", "denounced", "appealed to", "promised help to",
    "broke off relations with", "offered to mediate between", "lifted sanctions on",
    "pledged support for", "demanded an apology from", "negotiated with", "sued",
    "arrested members of", "deployed troops along the border with", "shelled positions held by"};

static const char *const infinitive[] = {
    "meet", "cooperate with", "impose new sanctions on", "send humanitarian aid to",
    "resume talks with", "investigate", "host", "withdraw troops from", "recognise",
    "restore diplomatic ties with", "cut aid to", "help"};

static const char *const tails[] = {
    "", "", "", " on Monday", " on Tuesday", " on Wednesday", " on Thursday", " on Friday",
    " over its nuclear programme", " after a week of talks", " amid rising tension",
    " for the second time this year", " over the disputed border", " in a rare move",
    " despite international criticism", " according to officials", " late on Sunday",
    " over human rights", " at a summit", " in a statement"};

static const char *const companies[] = {
    "Northwind Systems", "Acme Steel", "Blue River Foods", "Crescent Energy", "Orion Motors",
    "Helix Pharma", "Summit Bank", "Granite Telecom", "Lumen Software", "Pioneer Airlines"};

static const char *const teams[] = {
    "the Falcons", "the Rangers", "United", "the Lions", "City", "the Hawks", "Rovers",
    "the Tigers", "Athletic", "the Bears"};

static const char *const gadgets[] = {
    "phone", "laptop", "battery", "search engine", "video player", "chip", "camera",
    "music service", "satellite", "browser"};

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"};

static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                   "Saturday", "Sunday"};

static const char *const outlets[] = {"Reuters", "AP", "AFP", "Xinhua", "Canadian Press"};

static const char *const quotes[] = {
    "We will not accept any threat to our sovereignty",
    "The talks were frank and useful",
    "This is a dangerous escalation",
    "Our doors remain open to dialogue",
    "The sanctions will stay until they change course",
    "We hope the ceasefire will hold"};

typedef struct gen {
    uint64_t state;
    strbuf sb;
} gen;

static uint64_t next(gen *g)
{
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned below(gen *g, unsigned n)
{
    return (unsigned)(next(g) % n);
}

#define PICK(g, list) ((list)[below((g), NELEM(list))])

static void put(gen *g, const char *s)
{
    strbuf_puts(&g->sb, s);
}

/* An actor phrase: a country, an office holder, a body or a group. */
static void actor(gen *g)
{
    switch (below(g, 6)) {
    case 0:
    case 1: put(g, PICK(g, countries)); break;
    case 2:
        put(g, "the ");
        put(g, PICK(g, adjectives));
        put(g, " ");
        put(g, PICK(g, offices));
        break;
    case 3: put(g, PICK(g, bodies)); break;
    case 4:
        put(g, PICK(g, adjectives));
        put(g, " ");
        put(g, PICK(g, groups));
        break;
    default:
        put(g, PICK(g, groups));
        put(g, " in ");
        put(g, PICK(g, cities));
        break;
    }
}

static void political(gen *g)
{
    switch (below(g, 5)) {
    case 0:
    case 1:
        actor(g);
        put(g, " ");
        put(g, PICK(g, transitive));
        put(g, " ");
        actor(g);
        put(g, PICK(g, tails));
        put(g, ".");
        break;
    case 2:
        actor(g);
        put(g, " said on ");
        put(g, PICK(g, days));
        put(g, " it was ready to ");
        put(g, PICK(g, infinitive));
        put(g, " ");
        actor(g);
        put(g, PICK(g, tails));
        put(g, ".");
        break;
    case 3:
        put(g, "\\\"");
        put(g, PICK(g, quotes));
        put(g, ",\\\" the ");
        put(g, PICK(g, adjectives));
        put(g, " ");
        put(g, PICK(g, offices));
        put(g, " told reporters in ");
        put(g, PICK(g, cities));
        put(g, ".");
        break;
    default:
        put(g, PICK(g, adjectives));
        put(g, " troops clashed with ");
        put(g, PICK(g, groups));
        put(g, " near ");
        put(g, PICK(g, cities));
        strbuf_printf(&g->sb, ", killing at least %u people, witnesses said.", 2 + below(g, 40));
        break;
    }
}

static void background(gen *g)
{
    switch (below(g, 5)) {
    case 0:
        strbuf_printf(&g->sb, "Shares of %s rose %u.%u percent to $%u.%02u in early trading.",
                      PICK(g, companies), below(g, 9), below(g, 10), 5 + below(g, 200),
                      below(g, 100));
        break;
    case 1:
        strbuf_printf(&g->sb, "%s beat %s %u-%u on %s, their %s straight win.", PICK(g, teams),
                      PICK(g, teams), 2 + below(g, 4), below(g, 2), PICK(g, days),
                      below(g, 2) ? "third" : "fifth");
        break;
    case 2:
        strbuf_printf(&g->sb,
                      "%s said quarterly profit rose to $%u million, beating analysts' forecasts.",
                      PICK(g, companies), 10 + below(g, 900));
        break;
    case 3:
        strbuf_printf(&g->sb, "The new %s from %s will go on sale in %s at a price of $%u.",
                      PICK(g, gadgets), PICK(g, companies), PICK(g, months), 49 + below(g, 900));
        break;
    default:
        strbuf_printf(&g->sb,
                      "Forecasters expect heavy rain in %s through %s, with temperatures "
                      "near %u degrees.",
                      PICK(g, cities), PICK(g, days), 5 + below(g, 30));
        break;
    }
}

static void capitalize_from(gen *g, size_t at)
{
    if (at < g->sb.len)
        g->sb.data[at] = (char)toupper((unsigned char)g->sb.data[at]);
}

static void document_line(gen *g, uint64_t n)
{
    strbuf_clear(&g->sb);
    int politics = below(g, 10) < 6;
    const char *outlet = PICK(g, outlets);
    strbuf_printf(&g->sb, "{\"id\":\"synthetic-%llu\",\"date\":\"2023-%02u-%02u\",\"outlet\":\"%s\","
                          "\"title\":\"",
                  (unsigned long long)n, 1 + below(g, 12), 1 + below(g, 28), outlet);
    size_t at = g->sb.len;
    if (politics) {
        actor(g);
        put(g, " ");
        put(g, PICK(g, transitive));
        put(g, " ");
        actor(g);
    } else {
        background(g);
        g->sb.len--; /* no final period in a headline */
    }
    capitalize_from(g, at);
    put(g, "\",\"text\":\"");
    if (below(g, 3)) {
        const char *city = PICK(g, cities);
        for (const char *c = city; *c; c++)
            strbuf_putc(&g->sb, (char)toupper((unsigned char)*c));
        strbuf_printf(&g->sb, " (%s) - ", outlet);
    }
    unsigned n_sentences = 2 + below(g, 6);
    for (unsigned k = 0; k < n_sentences; k++) {
        if (k)
            put(g, " ");
        at = g->sb.len;
        if (below(g, 10) < (politics ? 6u : 2u))
            political(g);
        else
            background(g);
        capitalize_from(g, at);
    }
    put(g, "\"}\n");
}

int64_t bench_synthesize(FILE *out, uint64_t min_bytes, uint64_t seed)
{
    gen g = {seed, {0}};
    uint64_t written = 0;
    for (uint64_t n = 1; written < min_bytes; n++) {
        document_line(&g, n);
        if (!g.sb.data || fwrite(g.sb.data, 1, g.sb.len, out) != g.sb.len) {
            strbuf_free(&g.sb);
            return -1;
        }
        written += g.sb.len;
    }
    strbuf_free(&g.sb);
    return (int64_t)written;
}

/* Append one whole file to out; returns its size or -1. */
static int64_t append_file(FILE *out, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[1 << 16];
    int64_t total = 0;
    size_t n;
    char last = '\n';
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) {
            fclose(in);
            return -1;
        }
        total += (int64_t)n;
        last = buf[n - 1];
    }
    int bad = ferror(in);
    fclose(in);
    if (!bad && last != '\n') { /* keep the next copy's first line a line of its own */
        bad = fputc('\n', out) == EOF;
        total++;
    }
    return bad ? -1 : total;
}

int64_t bench_replicate(FILE *out, const char *const *inputs, int n_inputs, uint64_t min_bytes)
{
    uint64_t written = 0;
    do {
        uint64_t round = 0;
        for (int k = 0; k < n_inputs; k++) {
            int64_t n = append_file(out, inputs[k]);
            if (n < 0)
                return -1;
            round += (uint64_t)n;
        }
        if (round == 0)
            return -1; /* empty inputs would never reach the size */
        written += round;
    } while (written < min_bytes);
    return (int64_t)written;
}
