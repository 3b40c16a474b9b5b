/* test_dict.c: the dictionary set on small fixtures of our own, one dialect at a time:
   dates and ranges, word forms and plurals, tokenization, stems and gaps, synsets,
   alternatives, codes, patterns, malformed lines, containers, lint and convert. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>
#include <cmocka.h>

#include "dict/dict.h"
#include "dict/dict_tools.h"
#include "text/text.h"
#include "util/civil_date.h"

/* ---- helpers ----------------------------------------------------------------- */

typedef struct captured {
    diag_level level;
    long line;
    char file[128];
    char msg[256];
} captured;

typedef struct capture {
    captured items[512];
    size_t n;
} capture;

static void cap_fn(void *ctx, const diag *d)
{
    capture *c = ctx;
    if (c->n >= 512)
        return;
    captured *x = &c->items[c->n++];
    x->level = d->level;
    x->line = d->line;
    snprintf(x->file, sizeof x->file, "%s", d->file ? d->file : "");
    snprintf(x->msg, sizeof x->msg, "%s", d->message);
}

static size_t count_warnings(const capture *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += c->items[i].level >= DIAG_WARNING;
    return n;
}

static int has_warning(const capture *c, long line, const char *needle)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].level >= DIAG_WARNING && c->items[i].line == line &&
            strstr(c->items[i].msg, needle))
            return 1;
    return 0;
}

typedef struct src {
    const char *name;
    const char *text;
    dict_file_kind kind;
    dict_dialect dialect;
} src;

static dict_set *build_n(const src *s, size_t n, capture *cap)
{
    dict_builder *b = dict_builder_new();
    assert_non_null(b);
    diag_sink sink = {cap ? cap_fn : NULL, cap, {0}};
    for (size_t i = 0; i < n; i++)
        dict_load_bytes(b, s[i].name, s[i].text, strlen(s[i].text), s[i].kind, s[i].dialect, &sink);
    dict_set *d = dict_builder_freeze(b, &sink);
    assert_non_null(d);
    return d;
}

static dict_set *build(const char *name, const char *text, dict_file_kind kind,
                       dict_dialect dialect, capture *cap)
{
    src s = {name, text, kind, dialect};
    return build_n(&s, 1, cap);
}

static int32_t day(int y, int m, int d)
{
    return civil_to_days(y, m, d);
}

/* The longest phrase (consecutive edges only) at the start of text, the way a
   coder walks the trie: every lexeme of every token.  Returns the tokens
   matched (0: none) and the payloads of the phrase. */
static size_t match(const dict_set *d, const char *text, const dict_payload **pay, size_t *npay)
{
    token_vec toks = {0};
    sentence s = {0, (uint32_t)strlen(text), 0, 0};
    assert_true(text_tokenize(dict_words(d), text, &s, &toks) >= 0);
    lex_id lex[64][16];
    size_t nlex[64];
    size_t nt = toks.len < 64 ? toks.len : 64;
    for (size_t i = 0; i < nt; i++) {
        char key[128];
        size_t kl = text_token_key(text, &toks.items[i], key, sizeof key);
        nlex[i] = dict_token_lexemes(d, key, kl, toks.items[i].word, lex[i], 16);
    }
    struct {
        uint32_t node;
        size_t pos;
    } st[256];
    size_t sp = 0, best = 0;
    st[sp].node = DICT_TRIE_ROOT;
    st[sp++].pos = 0;
    *npay = 0;
    *pay = NULL;
    while (sp) {
        uint32_t node = st[--sp].node;
        size_t pos = st[sp].pos;
        if (pos >= nt)
            continue;
        for (size_t k = 0; k < nlex[pos]; k++) {
            uint32_t child = dict_trie_step(d, node, lex[pos][k]);
            if (child == DICT_TRIE_NONE)
                continue;
            size_t n;
            const dict_payload *p = dict_trie_payloads(d, child, &n);
            if (n && pos + 1 > best) {
                best = pos + 1;
                *pay = p;
                *npay = n;
            }
            if (sp < 256) {
                st[sp].node = child;
                st[sp++].pos = pos + 1;
            }
        }
    }
    vec_free(&toks);
    return best;
}

/* The first payload of `kind` for the whole of text, or NULL. */
static const dict_payload *hit(const dict_set *d, const char *text, uint8_t kind)
{
    const dict_payload *p;
    size_t n;
    token_vec toks = {0};
    sentence s = {0, (uint32_t)strlen(text), 0, 0};
    text_tokenize(NULL, text, &s, &toks);
    size_t want = toks.len;
    vec_free(&toks);
    if (match(d, text, &p, &n) != want)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == kind)
            return &p[i];
    return NULL;
}

static lex_id word(const dict_set *d, const char *key)
{
    return wordtab_lookup(dict_words(d), key, strlen(key));
}

/* ---- native actors and dates -------------------------------------------------- */

static const char native_actors[] =
    "# countries\n"
    "SOUTH_KOREA  [KOR]   # primary and code\n"
    "+REPUBLIC_OF_KOREA\n"
    "+SEOUL\n"
    "JENS_STOLTENBERG\n"
    "+STOLTENBERG\n"
    "    [NORGOV 20051017-20131016]\n"
    "    [IGOWSTNAT 2014-10-01-2024-10-01]\n"
    "    [NORGOV >20250204]\n"
    "    [NOR <20000101]\n"
    "    [NOR]\n"
    "DEFAULT_FIRST\n"
    "    [XXX]\n"
    "    [XXXGOV 20200101-20210101]\n";

static void test_native_actor_dates(void **state)
{
    (void)state;
    capture cap = {0};
    dict_set *d = build("t.actors", native_actors, DICT_FILE_ACTORS, DIALECT_NATIVE, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_actors(d), 3);
    const dict_payload *p = hit(d, "South Korea", HIT_ACTOR);
    assert_non_null(p);
    assert_int_equal(p->entry, 0);
    assert_false(p->flags & DICT_PF_SYNONYM);
    p = hit(d, "Republic of Korea", HIT_ACTOR);
    assert_non_null(p);
    assert_true(p->flags & DICT_PF_SYNONYM);
    assert_string_equal(dict_actor_code(d, dict_actor(d, 0), day(2023, 1, 1)), "KOR");

    const actor_entry *js = dict_actor(d, 1);
    assert_non_null(hit(d, "Stoltenberg", HIT_ACTOR));
    assert_string_equal(dict_actor_code(d, js, day(2005, 10, 16)), "NOR");
    assert_string_equal(dict_actor_code(d, js, day(2005, 10, 17)), "NORGOV");
    assert_string_equal(dict_actor_code(d, js, day(2013, 10, 15)), "NORGOV");
    assert_string_equal(dict_actor_code(d, js, day(2013, 10, 16)), "NOR"); /* to is exclusive */
    assert_string_equal(dict_actor_code(d, js, day(2014, 10, 1)), "IGOWSTNAT");
    assert_string_equal(dict_actor_code(d, js, day(2024, 9, 30)), "IGOWSTNAT");
    assert_string_equal(dict_actor_code(d, js, day(2025, 2, 3)), "NOR");
    assert_string_equal(dict_actor_code(d, js, day(2025, 2, 4)), "NORGOV"); /* > is inclusive */
    assert_string_equal(dict_actor_code(d, js, day(1999, 12, 31)), "NOR");
    assert_string_equal(dict_actor_code(d, js, DATE_UNKNOWN), "NOR");
    /* native: the undated default is a fallback wherever it is written */
    const actor_entry *df = dict_actor(d, 2);
    assert_string_equal(dict_actor_code(d, df, day(2020, 6, 1)), "XXXGOV");
    assert_string_equal(dict_actor_code(d, df, day(2021, 1, 1)), "XXX");
    assert_string_equal(dict_actor_code(d, df, DATE_UNKNOWN), "XXX");
    dict_set_free(d);
}

static void test_tabari_dates(void **state)
{
    (void)state;
    static const char actors[] =
        "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems 02 Feb 2001\n"
        "AXNOR  [AR1 <911226] [AR2]\n"
        "GOLLUM  ; pas\n"
        "+SMEAGOL\n"
        "\t[HOB < 950601]\n"
        "\t[HOBGOV 950601 - 990815]\n"
        "\t[HOBREB > 990816]\n"
        "SOLO_  [ABC 950101-950131]\n"
        "PIVOT_  [OLD <300101] [NEW]\n";
    capture cap = {0};
    dict_set *d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_TABARI, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_actors(d), 5);
    const actor_entry *a = dict_actor(d, 0);
    assert_string_equal(dict_actor_code(d, a, day(1999, 11, 30)), "---");
    assert_string_equal(dict_actor_code(d, a, day(1999, 12, 1)), "USAGOV");
    assert_string_equal(dict_actor_code(d, a, day(2001, 1, 14)), "USAGOV"); /* inclusive end */
    assert_string_equal(dict_actor_code(d, a, day(2001, 1, 15)), "---");
    a = dict_actor(d, 1);
    assert_string_equal(dict_actor_code(d, a, day(1991, 12, 25)), "AR1");
    assert_string_equal(dict_actor_code(d, a, day(1991, 12, 26)), "AR2");
    a = dict_actor(d, 2);
    assert_non_null(hit(d, "Smeagol", HIT_ACTOR));
    assert_string_equal(dict_actor_code(d, a, day(1995, 5, 31)), "HOB");
    assert_string_equal(dict_actor_code(d, a, day(1995, 6, 1)), "HOBGOV");
    assert_string_equal(dict_actor_code(d, a, day(1999, 8, 15)), "HOBGOV");
    assert_null(dict_actor_code(d, a, day(1999, 8, 16))); /* > is exclusive, no default */
    assert_string_equal(dict_actor_code(d, a, day(1999, 8, 17)), "HOBREB");
    /* a solitary dated code gets [---] as its default */
    a = dict_actor(d, 3);
    assert_int_equal(a->n_periods, 2);
    assert_string_equal(dict_actor_code(d, a, day(1995, 1, 31)), "ABC");
    assert_string_equal(dict_actor_code(d, a, day(1995, 2, 1)), "---");
    /* TABARI reads 30 as 1930 (PETRARCH as 2030) */
    a = dict_actor(d, 4);
    assert_string_equal(dict_actor_code(d, a, day(1929, 12, 31)), "OLD");
    assert_string_equal(dict_actor_code(d, a, day(1930, 1, 1)), "NEW");
    dict_set_free(d);
}

static void test_petrarch_dates(void **state)
{
    (void)state;
    static const char actors[] =
        "VLADIMIR_PUTIN_  # CountryInfo.txt\n"
        "+PUTIN_\n"
        "\t[RUSELI 700101-990809]\n"
        "\t[RUSGOV 990809-000507]\n"
        "\t[RUSGOV >080508]\n"
        "\t[RUSELI]\n"
        "FIRST_WINS [ABC] [ABCGOV 20200101-20210101]\n"
        "LAST_ONE [DEF]\n";
    capture cap = {0};
    dict_set *d = build("t.actors.txt", actors, DICT_FILE_ACTORS, DIALECT_PETRARCH, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_actors(d), 3); /* PETRARCH-2 drops its last entry; dyad keeps it */
    const actor_entry *a = dict_actor(d, 0);
    assert_non_null(hit(d, "Putin", HIT_ACTOR));
    assert_string_equal(dict_actor_code(d, a, day(1999, 8, 8)), "RUSELI");
    assert_string_equal(dict_actor_code(d, a, day(1999, 8, 9)), "RUSGOV");
    assert_string_equal(dict_actor_code(d, a, day(2000, 5, 7)), "RUSELI"); /* half-open */
    assert_string_equal(dict_actor_code(d, a, day(2008, 5, 7)), "RUSELI");
    assert_string_equal(dict_actor_code(d, a, day(2008, 5, 8)), "RUSGOV"); /* > inclusive */
    /* PETRARCH: first match in file order, so an undated code written first always wins */
    assert_string_equal(dict_actor_code(d, dict_actor(d, 1), day(2020, 6, 1)), "ABC");
    dict_set_free(d);
}

/* ---- tokenization ----------------------------------------------------------------- */

static void test_tokenized_like_text(void **state)
{
    (void)state;
    static const char actors[] =
        "U.S. [USA]\n"
        "KIM'S_COUSIN [PRK]\n"
        "SELF-PROPELLED_GUNS [XXX]\n"
        "ANTI-_GOVERNMENT [YYY]\n"
        "SOUTH KOREA [KOR]\n";
    dict_set *d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_NATIVE, NULL);
    assert_non_null(hit(d, "U.S.", HIT_ACTOR));
    assert_non_null(hit(d, "Kim's cousin", HIT_ACTOR));
    assert_non_null(word(d, "KIM"));
    assert_non_null(word(d, "'S"));
    assert_int_equal(word(d, "KIM'S"), WORD_NONE);
    assert_non_null(hit(d, "self-propelled guns", HIT_ACTOR));
    assert_non_null(hit(d, "anti- government", HIT_ACTOR));
    assert_non_null(hit(d, "South Korea", HIT_ACTOR)); /* a blank is a word separator */
    const dict_payload *p;
    size_t n;
    assert_int_equal(match(d, "U.S. troops", &p, &n), 1);
    dict_set_free(d);
}

/* ---- agents and plurals -------------------------------------------------------------- */

static void test_native_agents(void **state)
{
    (void)state;
    static const char agents[] =
        "!MINIST! = MINISTER, MINISTERS, MINISTRY\n"
        "FOREIGN_!MINIST!            [~GOV]\n"
        "PRESIDENT                   [~GOV]\n"
        "POLICE {}                   [~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
        "PEACEKEEPERS {}             [IGO~]\n"
        "ARMY [~MIL]\n"
        "BOY [~CVL]\n"
        "WATCHDOG_CHURCH [~REL]\n";
    capture cap = {0};
    dict_set *d = build("t.agents", agents, DICT_FILE_AGENTS, DIALECT_NATIVE, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_agents(d), 3 + 7);
    const dict_payload *p = hit(d, "foreign ministry", HIT_AGENT);
    assert_non_null(p);
    assert_string_equal(dict_agent(d, p->entry)->code, "GOV");
    assert_int_equal(dict_agent(d, p->entry)->attach, AGENT_SUFFIX);
    assert_null(hit(d, "foreign ministries", HIT_PLURAL_AGENT)); /* substitutions: no plural */
    assert_non_null(hit(d, "presidents", HIT_PLURAL_AGENT));
    assert_null(hit(d, "polices", HIT_PLURAL_AGENT));
    assert_non_null(hit(d, "attorneys general", HIT_PLURAL_AGENT));
    assert_null(hit(d, "attorney generals", HIT_PLURAL_AGENT));
    p = hit(d, "peacekeepers", HIT_AGENT);
    assert_non_null(p);
    assert_int_equal(dict_agent(d, p->entry)->attach, AGENT_PREFIX);
    assert_string_equal(dict_agent(d, p->entry)->code, "IGO");
    assert_non_null(hit(d, "armies", HIT_PLURAL_AGENT));
    assert_non_null(hit(d, "boys", HIT_PLURAL_AGENT));
    assert_non_null(hit(d, "watchdog churches", HIT_PLURAL_AGENT));
    dict_set_free(d);
}

static void test_petrarch_agents(void **state)
{
    (void)state;
    static const char agents[] =
        "!PERSON! = MAN, MEN, WOMAN\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "ARMY [~MIL] # comment\n"
        "BOY [~CVL]\n"
        "BUS_DRIVER [~LAB]\n"
        "CHIEF EXECUTIVE [~BUS]\n"
        "NO CODE HERE\n";
    capture cap = {0};
    dict_set *d = build("t.agents.txt", agents, DICT_FILE_AGENTS, DIALECT_PETRARCH, &cap);
    assert_true(has_warning(&cap, 7, "without a [code]"));
    assert_int_equal(count_warnings(&cap), 1);
    assert_non_null(hit(d, "congressmen", HIT_AGENT));
    assert_non_null(hit(d, "congresswoman", HIT_AGENT));
    assert_non_null(hit(d, "armies", HIT_PLURAL_AGENT));
    assert_non_null(hit(d, "boies", HIT_PLURAL_AGENT)); /* PETRARCH: Y -> IES, always */
    assert_null(hit(d, "boys", HIT_PLURAL_AGENT));
    assert_non_null(hit(d, "bus drivers", HIT_PLURAL_AGENT));
    /* a blank lets other words come between: a gap edge */
    uint32_t n = dict_trie_step(d, DICT_TRIE_ROOT, word(d, "CHIEF"));
    assert_int_not_equal(n, DICT_TRIE_NONE);
    assert_true(dict_trie_has_gap(d, n));
    assert_int_not_equal(dict_trie_step_gap(d, n, word(d, "EXECUTIVE")), DICT_TRIE_NONE);
    assert_int_equal(dict_trie_step(d, n, word(d, "EXECUTIVE")), DICT_TRIE_NONE);
    dict_set_free(d);
}

/* ---- verbs and forms ---------------------------------------------------------------- */

static uint8_t verb_form_of(const dict_set *d, const char *text, uint32_t verb)
{
    const dict_payload *p;
    size_t n;
    token_vec toks = {0};
    sentence s = {0, (uint32_t)strlen(text), 0, 0};
    text_tokenize(NULL, text, &s, &toks);
    size_t want = toks.len;
    vec_free(&toks);
    if (match(d, text, &p, &n) != want)
        return 0xFF;
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == HIT_VERB && p[i].entry == verb)
            return p[i].form;
    return 0xFF;
}

static void test_native_verb_forms(void **state)
{
    (void)state;
    static const char verbs[] =
        "VISIT  [042:043]\n"
        "CARRY [080]\n"
        "ADMIT_ [013]\n"
        "WATCH [090]\n"
        "DIE [200]\n"
        "AGREE [081]\n"
        "TAKE {TAKES TOOK TAKEN TAKING} [---]\n"
        "LASH_OUT  [111]\n"
        "CALL_+ON  [020]\n"
        "PLAY [---]\n";
    capture cap = {0};
    dict_set *d = build("t.verbs", verbs, DICT_FILE_VERBS, DIALECT_NATIVE, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_verbs(d), 10);
    assert_int_equal(verb_form_of(d, "visit", 0), VFORM_BASE);
    assert_int_equal(verb_form_of(d, "visits", 0), VFORM_S);
    assert_int_equal(verb_form_of(d, "visited", 0), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "visiting", 0), VFORM_ING);
    assert_int_equal(verb_form_of(d, "carries", 1), VFORM_S);
    assert_int_equal(verb_form_of(d, "carried", 1), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "carrying", 1), VFORM_ING);
    assert_int_equal(verb_form_of(d, "admitted", 2), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "admitting", 2), VFORM_ING);
    assert_int_equal(verb_form_of(d, "admits", 2), VFORM_S);
    assert_int_equal(verb_form_of(d, "watches", 3), VFORM_S);
    assert_int_equal(verb_form_of(d, "dying", 4), VFORM_ING);
    assert_int_equal(verb_form_of(d, "died", 4), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "agreed", 5), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "agreeing", 5), VFORM_ING);
    assert_int_equal(verb_form_of(d, "took", 6), VFORM_PRETERITE);
    assert_int_equal(verb_form_of(d, "taken", 6), VFORM_PARTICIPLE);
    assert_int_equal(verb_form_of(d, "takes", 6), VFORM_S);
    assert_int_equal(verb_form_of(d, "taking", 6), VFORM_ING);
    assert_int_equal(verb_form_of(d, "taked", 6), 0xFF); /* listed: nothing generated */
    assert_int_equal(verb_form_of(d, "lashed out", 7), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "plays", 9), VFORM_S);
    assert_int_equal(verb_form_of(d, "played", 9), VFORM_PAST);
    /* + marks the word that inflects: CALL_+ON inflects ON */
    const dict_payload *p = hit(d, "call on", HIT_VERB);
    assert_non_null(p);
    assert_int_equal(p->flags & DICT_PF_VERB_WORD, 1);
    const verb_entry *v = dict_verb(d, 0);
    assert_string_equal(v->code, "042");
    assert_string_equal(v->paired_code, "043");
    assert_null(dict_verb(d, 6)->code);
    dict_set_free(d);
}

static const char petrarch_verbs[] =
    "####### SYNONYM SETS #######\n"
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+CASH_\n"
    "+SWISS_FRANC\n"
    "&AUXVERB1_\n"
    "+WAS\n"
    "+CROSS\n"
    "####### VERB PATTERNS #######\n"
    "---  ACCELERATE   [---]  ---\n"
    "ACCELERATE \n"
    "HURRY {HURRIES HURRYING HURRIED }\n"
    "+BEEF_UP [055]\n"
    "- * (TO)                                              [042:043]     # RUSH\n"
    "- * {ARMS SHIPMENT}                                   [072]\n"
    "- * (TO {BANNED PARTIES}) $                           [1722]\n"
    "- * &CURRENCY                                        [071]\n"
    "- &AUXVERB1 *                                         [154]\n"
    "RUSH\n"
    "---  ADD   [:173]  ---\n"
    "ADD\n"
    "- * SANCTIONS [163]\n"
    "~ a (a b ATTACK) SAY = a b 015\n";

static void test_petrarch_verbs(void **state)
{
    (void)state;
    capture cap = {0};
    dict_set *d = build("CAMEO.test.txt", petrarch_verbs, DICT_FILE_VERBS, DIALECT_PETRARCH, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_verbs(d), 5);
    assert_int_equal(dict_n_patterns(d), 6);
    /* every verb of a block shares the block's patterns */
    for (uint32_t v = 0; v < 4; v++) {
        assert_int_equal(dict_verb(d, v)->first_pattern, 0);
        assert_int_equal(dict_verb(d, v)->n_patterns, 5);
    }
    assert_string_equal(dict_verb(d, 2)->code, "055");
    assert_null(dict_verb(d, 0)->code);
    assert_null(dict_verb(d, 4)->code);
    assert_string_equal(dict_verb(d, 4)->paired_code, "173");
    assert_true(dict_verb(d, 4)->code_flags & DICT_CODE_PAIR_PASSIVE);
    assert_int_equal(verb_form_of(d, "accelerated", 0), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "accelerating", 0), VFORM_ING);
    assert_int_equal(verb_form_of(d, "hurried", 1), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "hurries", 1), VFORM_S);
    assert_int_equal(verb_form_of(d, "beef up", 2), VFORM_BASE);
    assert_int_equal(verb_form_of(d, "rushed", 3), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "rushes", 3), 0xFF); /* PETRARCH: +ES only after S X Z */
    /* synsets get PETRARCH's plurals, except for members written with a trailing _ */
    const pattern *p = dict_pattern(d, 3);
    const pattern_elem *e = dict_pattern_elems(d, p);
    assert_int_equal(e[1].kind, PAT_SET);
    uint32_t set = e[1].arg;
    assert_string_equal(dict_set_name(d, set), "&CURRENCY");
    assert_int_equal(dict_set_n_members(d, set), 4); /* DOLLAR DOLLARS CASH SWISS_FRANC */
    size_t len;
    const lex_id *m = dict_set_member(d, set, 1, &len);
    assert_int_equal(len, 1);
    assert_int_equal(m[0], word(d, "DOLLARS"));
    m = dict_set_member(d, set, 3, &len);
    assert_int_equal(len, 2);
    /* &AUXVERB1 finds the label written &AUXVERB1_; CROSS -> CROSES (PETRARCH's quirk) */
    e = dict_pattern_elems(d, dict_pattern(d, 4));
    assert_int_equal(e[0].kind, PAT_SET);
    assert_non_null(word(d, "CROSES"));
    dict_set_free(d);
}

static void test_petrarch_pattern_structure(void **state)
{
    (void)state;
    dict_set *d = build("CAMEO.test.txt", petrarch_verbs, DICT_FILE_VERBS, DIALECT_PETRARCH, NULL);
    /* - * (TO {BANNED PARTIES}) $ */
    const pattern *p = dict_pattern(d, 2);
    const pattern_elem *e = dict_pattern_elems(d, p);
    assert_int_equal(p->n_elems, 5);
    assert_int_equal(p->verb_elem, 0);
    assert_int_equal(e[0].kind, PAT_VERB);
    assert_int_equal(e[1].kind, PAT_WORD);
    assert_int_equal(e[1].arg, word(d, "TO"));
    assert_int_equal(e[1].flags, PEF_PREP);
    assert_int_equal(e[2].arg, word(d, "BANNED"));
    assert_int_equal(e[2].flags, PEF_PP | PEF_NP);
    assert_int_equal(e[2].adjacent, 0);
    assert_int_equal(e[3].arg, word(d, "PARTIES"));
    assert_int_equal(e[3].flags, PEF_PP | PEF_NP | PEF_HEAD);
    assert_int_equal(e[3].adjacent, 1);
    assert_int_equal(e[4].kind, PAT_SOURCE);
    assert_int_equal(p->n_literals, 3);
    assert_string_equal(p->code, "1722");
    /* - * (TO) [042:043]: a paired code is PETRARCH's passive reading */
    p = dict_pattern(d, 0);
    assert_string_equal(p->paired_code, "043");
    assert_true(p->code_flags & DICT_CODE_PAIR_PASSIVE);
    /* - * {ARMS SHIPMENT} */
    e = dict_pattern_elems(d, dict_pattern(d, 1));
    assert_int_equal(e[1].flags, PEF_NP);
    assert_int_equal(e[2].flags, PEF_NP | PEF_HEAD);
    dict_set_free(d);
}

/* ---- TABARI verbs: synsets, alternatives, adjacency, codes --------------------------- */

static const char tabari_verbs[] =
    "<SYNSETS>\r\n"
    "&CURRENCY \r\n"
    "+DOLLAR\r\n"
    "+AUSTRIAN FLORIN\r\n"
    "+KRONER_\r\n"
    "&TIETYPES\r\n"
    "+MILITARY\r\n"
    "+ECONOMIC\r\n"
    "&TIEPHRASE\r\n"
    "+&TIETYPES_MEMOS\r\n"
    "+MEMOS_ON_&TIETYPES\r\n"
    "</SYNSETS>\r\n"
    "<TIME>\r\n"
    "LAST_WEEK [-7]\r\n"
    "TOMORROW [+1]\r\n"
    "KAN_WA_MA_KAN [###]\r\n"
    "WHEN_PEACE_COMES [+++]\r\n"
    "FOREVER_AND_A_DAY [- - -]\r\n"
    "- * AND TOMORROW [+3]\r\n"
    "</TIME>\r\n"
    "ACCORD  [---]\r\n"
    "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [111] ; comment\r\n"
    "- IN_*  [075]\r\n"
    "- IN_ *  [075A]\r\n"
    "- * REAL~_PLEASANT  [024]\r\n"
    "- * &TIEPHRASE  [904]\r\n"
    "ABDUCT  [181] ;shan   7/24/93\r\n"
    "- + IN_ $ { WAS | WERE } *  [181]\r\n"
    "- % * EACH OTHER  [112:112]\r\n"
    "- FORCE TO_ *  [100!]\r\n"
    "DEPART_ [032:033]\r\n"
    "BREAK_ [1717]\r\n"
    "{ BROKE_ BROKEN_ }\r\n"
    "BAN= [191]\r\n"
    "ACCUS  [112]\r\n"
    "BRUSH ASIDE REPORTS  [142]\r\n";

static void test_tabari_verbs(void **state)
{
    (void)state;
    capture cap = {0};
    dict_set *d = build("t.verbs", tabari_verbs, DICT_FILE_VERBS, DIALECT_TABARI, &cap);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_verbs(d), 7);
    assert_int_equal(dict_n_patterns(d), 8);
    /* SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS */
    const pattern *p = dict_pattern(d, 0);
    const pattern_elem *e = dict_pattern_elems(d, p);
    assert_int_equal(p->n_elems, 6);
    assert_int_equal(e[0].kind, PAT_WORD);
    assert_int_equal(e[0].arg, word(d, "SUGGESTED"));
    assert_int_equal(e[1].kind, PAT_TARGET);
    assert_int_equal(e[1].adjacent, 1);
    assert_int_equal(e[2].kind, PAT_VERB);
    assert_int_equal(e[2].adjacent, 0);
    assert_int_equal(e[3].arg, word(d, "DEMAND"));
    assert_int_equal(e[4].kind, PAT_SET);
    assert_int_equal(e[4].adjacent, 1);
    assert_int_equal(e[5].arg, word(d, "CONVENTIONS*")); /* no trailing _: a stem */
    assert_int_equal(e[5].adjacent, 1);
    assert_int_equal(dict_set_n_members(d, e[4].arg), 2);
    size_t len;
    const lex_id *m = dict_set_member(d, e[4].arg, 0, &len);
    assert_int_equal(len, 1);
    assert_int_equal(m[0], word(d, "GENEVA"));
    m = dict_set_member(d, e[4].arg, 1, &len);
    assert_int_equal(m[0], word(d, "INTERNATIONAL*"));
    assert_int_equal(p->n_literals, 4); /* SUGGESTED DEMAND {..} CONVENTIONS */
    assert_int_equal(p->verb_elem, 2);
    /* IN_* (adjacent) vs IN_ * (exact IN, then a gap) */
    e = dict_pattern_elems(d, dict_pattern(d, 1));
    assert_int_equal(e[0].arg, word(d, "IN"));
    assert_int_equal(e[1].adjacent, 1);
    e = dict_pattern_elems(d, dict_pattern(d, 2));
    assert_int_equal(e[0].arg, word(d, "IN"));
    assert_int_equal(e[1].adjacent, 0);
    /* REAL~_PLEASANT: a stem followed immediately */
    e = dict_pattern_elems(d, dict_pattern(d, 3));
    assert_int_equal(e[1].arg, word(d, "REAL*"));
    assert_int_equal(e[2].arg, word(d, "PLEASANT*"));
    assert_int_equal(e[2].adjacent, 1);
    /* nested synset: &TIETYPES_MEMOS and MEMOS_ON_&TIETYPES expand */
    e = dict_pattern_elems(d, dict_pattern(d, 4));
    uint32_t tp = e[1].arg;
    assert_string_equal(dict_set_name(d, tp), "&TIEPHRASE");
    assert_int_equal(dict_set_n_members(d, tp), 4);
    m = dict_set_member(d, tp, 1, &len);
    assert_int_equal(len, 2);
    assert_int_equal(m[0], word(d, "ECONOMIC*"));
    assert_int_equal(m[1], word(d, "MEMOS*"));
    m = dict_set_member(d, tp, 2, &len);
    assert_int_equal(len, 3);
    assert_int_equal(m[2], word(d, "MILITARY*"));
    /* a blank inside a member lets other words come between: DICT_LEX_GAP */
    uint32_t cur = UINT32_MAX;
    for (uint32_t s = 0; s < dict_n_sets(d); s++)
        if (dict_set_name(d, s) && !strcmp(dict_set_name(d, s), "&CURRENCY"))
            cur = s;
    assert_int_not_equal(cur, UINT32_MAX);
    m = dict_set_member(d, cur, 1, &len);
    assert_int_equal(len, 3);
    assert_int_equal(m[0], word(d, "AUSTRIAN*"));
    assert_int_equal(m[1], DICT_LEX_GAP);
    m = dict_set_member(d, cur, 2, &len);
    assert_int_equal(m[0], word(d, "KRONER"));
    /* codes */
    assert_null(dict_verb(d, 0)->code);
    p = dict_pattern(d, 6);
    assert_string_equal(p->code, "112");
    assert_string_equal(p->paired_code, "112");
    e = dict_pattern_elems(d, p);
    assert_int_equal(e[0].kind, PAT_COMPOUND);
    p = dict_pattern(d, 7);
    assert_string_equal(p->code, "100");
    assert_true(p->code_flags & DICT_CODE_DOMINANT);
    assert_int_equal(p->order, 2);
    assert_int_equal(p->verb, 1);
    /* the phrases as written, TABARI connectors and all */
    int depart = 0, broke = 0, brush = 0;
    for (size_t i = 0; i < dict_n_written_phrases(d); i++) {
        uint8_t kind;
        uint32_t entry;
        const char *w = dict_written_phrase(d, i, &kind, &entry);
        depart |= kind == HIT_VERB && entry == 2 && !strcmp(w, "DEPART_");
        broke |= kind == HIT_VERB && entry == 3 && !strcmp(w, "BROKE_");
        brush |= kind == HIT_VERB && entry == 6 && !strcmp(w, "BRUSH ASIDE REPORTS");
    }
    assert_true(depart && broke && brush);
    assert_null(dict_written_phrase(d, dict_n_written_phrases(d), NULL, NULL));
    /* time phrases */
    const dict_payload *t = hit(d, "last week", HIT_TIME);
    assert_non_null(t);
    assert_int_equal(dict_time(d, t->entry)->shift_days, -7);
    assert_int_equal(dict_time(d, hit(d, "tomorrow", HIT_TIME)->entry)->shift_days, 1);
    assert_int_equal(dict_time(d, hit(d, "kan wa ma kan", HIT_TIME)->entry)->discard, 1);
    assert_int_equal(dict_time(d, hit(d, "when peace comes", HIT_TIME)->entry)->discard, 2);
    assert_int_equal(dict_time(d, hit(d, "forever and a day", HIT_TIME)->entry)->shift_days, 0);
    dict_set_free(d);
}

static void test_tabari_stems_and_endings(void **state)
{
    (void)state;
    dict_set *d = build("t.verbs", tabari_verbs, DICT_FILE_VERBS, DIALECT_TABARI, NULL);
    /* DEPART_: exact, with TABARI's regular verb endings */
    assert_int_equal(verb_form_of(d, "depart", 2), VFORM_BASE);
    assert_int_equal(verb_form_of(d, "departs", 2), VFORM_S);
    assert_int_equal(verb_form_of(d, "departed", 2), VFORM_PAST);
    assert_int_equal(verb_form_of(d, "departen", 2), VFORM_PARTICIPLE);
    assert_int_equal(verb_form_of(d, "departing", 2), VFORM_ING);
    assert_int_equal(verb_form_of(d, "departx", 2), 0xFF);
    assert_int_equal(verb_form_of(d, "departure", 2), 0xFF);
    /* BAN=: exact, no endings */
    assert_int_not_equal(verb_form_of(d, "ban", 4), 0xFF);
    assert_int_equal(verb_form_of(d, "bans", 4), 0xFF);
    assert_int_equal(verb_form_of(d, "baning", 4), 0xFF);
    /* listed forms BROKE_ BROKEN_ */
    assert_int_not_equal(verb_form_of(d, "broken", 3), 0xFF);
    assert_int_equal(verb_form_of(d, "brokenly", 3), 0xFF);
    /* ACCUS: a stem matches every word beginning with it */
    assert_int_equal(verb_form_of(d, "accused", 5), VFORM_UNKNOWN);
    assert_int_equal(verb_form_of(d, "accusation", 5), VFORM_UNKNOWN);
    assert_int_equal(verb_form_of(d, "accu", 5), 0xFF);
    lex_id lex[8];
    size_t n = dict_token_lexemes(d, "ACCUSING", 8, WORD_NONE, lex, 8);
    assert_int_equal(n, 1);
    assert_int_equal(lex[0], word(d, "ACCUS*"));
    /* exact word first, then stems longest first */
    n = dict_token_lexemes(d, "INTERNATIONAL", 13, word(d, "INTERNATIONAL"), lex, 8);
    assert_true(n >= 1);
    assert_int_equal(lex[n - 1], word(d, "INTERNATIONAL*"));
    dict_set_free(d);

    /* longest first among several stems; cap respected */
    static const char actors[] = "ISR [A]\nISRAEL [B]\nISRAELI_ [C]\nESTONIA_ [EST]\nMOUSE= [MUS]\n";
    d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_TABARI, NULL);
    n = dict_token_lexemes(d, "ISRAELIS", 8, word(d, "ISRAELIS"), lex, 8);
    assert_int_equal(n, 3);
    assert_int_equal(lex[0], word(d, "ISRAELIS")); /* ISRAELI_ + regular ending S */
    assert_int_equal(lex[1], word(d, "ISRAEL*"));
    assert_int_equal(lex[2], word(d, "ISR*"));
    assert_int_equal(dict_token_lexemes(d, "ISRAELIS", 8, WORD_NONE, lex, 1), 1);
    assert_non_null(hit(d, "Estonia", HIT_ACTOR));
    assert_non_null(hit(d, "Estonias", HIT_ACTOR));
    const dict_payload *pp;
    size_t npp;
    assert_int_equal(match(d, "Estonia's", &pp, &npp), 1); /* ESTONIA + 's */
    assert_null(hit(d, "Estoniab", HIT_ACTOR));
    assert_null(hit(d, "Estonian", HIT_ACTOR));
    assert_non_null(hit(d, "mouse", HIT_ACTOR));
    assert_null(hit(d, "mouses", HIT_ACTOR));
    dict_set_free(d);

    /* native sets have no stems: only the exact word comes back */
    d = build("t.actors", "ISRAEL [ISR]\n", DICT_FILE_ACTORS, DIALECT_NATIVE, NULL);
    n = dict_token_lexemes(d, "ISRAELI", 7, WORD_NONE, lex, 8);
    assert_int_equal(n, 0);
    n = dict_token_lexemes(d, "ISRAEL", 6, word(d, "ISRAEL"), lex, 8);
    assert_int_equal(n, 1);
    dict_set_free(d);
}

static void test_tabari_gaps(void **state)
{
    (void)state;
    static const char actors[] =
        "AL_GORE  [AGR]\n"
        "AL GORE  [TEN]\n"
        "DURTHANG ORC  [MORORC]\n"
        "ITHILEN_GOVERNMENT_RADIO_  [ITHRAD]\n"
        "THE_AU_ [IGOAFR]\n";
    dict_set *d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_TABARI, NULL);
    /* AL_GORE: AL exact, GORE a stem right after it */
    uint32_t n1 = dict_trie_step(d, DICT_TRIE_ROOT, word(d, "AL"));
    assert_int_not_equal(n1, DICT_TRIE_NONE);
    uint32_t g1 = dict_trie_step(d, n1, word(d, "GORE*"));
    assert_int_not_equal(g1, DICT_TRIE_NONE);
    size_t np;
    const dict_payload *p = dict_trie_payloads(d, g1, &np);
    assert_int_equal(np, 1);
    assert_string_equal(dict_actor_code(d, dict_actor(d, p->entry), DATE_UNKNOWN), "AGR");
    assert_false(p->flags & DICT_PF_GAPPED);
    /* AL GORE: AL a stem, then GORE across a gap */
    uint32_t n2 = dict_trie_step(d, DICT_TRIE_ROOT, word(d, "AL*"));
    assert_int_not_equal(n2, DICT_TRIE_NONE);
    assert_true(dict_trie_has_gap(d, n2));
    assert_false(dict_trie_has_gap(d, n1));
    assert_int_equal(dict_trie_step(d, n2, word(d, "GORE*")), DICT_TRIE_NONE);
    uint32_t g2 = dict_trie_step_gap(d, n2, word(d, "GORE*"));
    assert_int_not_equal(g2, DICT_TRIE_NONE);
    p = dict_trie_payloads(d, g2, &np);
    assert_int_equal(np, 1);
    assert_true(p->flags & DICT_PF_GAPPED);
    assert_string_equal(dict_actor_code(d, dict_actor(d, p->entry), DATE_UNKNOWN), "TEN");
    /* consecutive exact phrase with an ending on its last word only */
    assert_non_null(hit(d, "Ithilen government radio", HIT_ACTOR));
    assert_non_null(hit(d, "Ithilen government radios", HIT_ACTOR));
    assert_null(hit(d, "Ithilen governments radio", HIT_ACTOR));
    assert_non_null(hit(d, "the AU", HIT_ACTOR));
    assert_null(hit(d, "the Australian", HIT_ACTOR));
    dict_set_free(d);
}

/* ---- the trie --------------------------------------------------------------------- */

static void test_trie_longest_match(void **state)
{
    (void)state;
    static const char actors[] =
        "UNITED [XXX]\nUNITED_STATES [USA]\nUNITED_STATES_ARMY [USAMIL]\nSTATES [YYY]\n";
    dict_set *d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_NATIVE, NULL);
    const dict_payload *p;
    size_t n;
    assert_int_equal(match(d, "United States Army troops", &p, &n), 3);
    assert_string_equal(dict_actor_code(d, dict_actor(d, p[0].entry), DATE_UNKNOWN), "USAMIL");
    assert_int_equal(match(d, "United States Navy", &p, &n), 2);
    assert_string_equal(dict_actor_code(d, dict_actor(d, p[0].entry), DATE_UNKNOWN), "USA");
    assert_int_equal(match(d, "United Nations", &p, &n), 1);
    assert_int_equal(match(d, "Nations United", &p, &n), 0);
    /* a node that only continues carries no payload */
    dict_set_free(d);
    d = build("t.actors", "UNITED_STATES_ARMY [USAMIL]\n", DICT_FILE_ACTORS, DIALECT_NATIVE, NULL);
    uint32_t node = dict_trie_step(d, DICT_TRIE_ROOT, word(d, "UNITED"));
    dict_trie_payloads(d, node, &n);
    assert_int_equal(n, 0);
    assert_int_equal(dict_trie_step(d, node, WORD_NONE), DICT_TRIE_NONE);
    assert_int_equal(dict_trie_step(d, DICT_TRIE_NONE - 1, word(d, "UNITED")), DICT_TRIE_NONE);
    assert_int_equal(dict_trie_step(d, DICT_TRIE_ROOT, DICT_LEX_GAP), DICT_TRIE_NONE);
    assert_int_equal(dict_trie_step_gap(d, DICT_TRIE_ROOT, DICT_LEX_GAP), DICT_TRIE_NONE);
    dict_set_free(d);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* A phrase prefix of up to 4 vocabulary words as one number. */
static uint64_t prefix_code(const unsigned *w, size_t n)
{
    uint64_t c = n;
    for (size_t i = 0; i < n; i++)
        c |= (uint64_t)(w[i] + 1) << (8 + 8 * i);
    return c;
}

/* Every trie step, on thousands of generated phrases: a child exactly when the
   prefix and the word begin some phrase (the steps' filters - the node's class
   byte and the edge bloom - never hide an edge, and never invent one), and
   dict_trie_ends exactly when the child has payloads. */
static void test_trie_steps_exact(void **state)
{
    (void)state;
    enum { VOCAB = 40, PHRASES = 3000 };
    char vocab[VOCAB][8];
    for (unsigned i = 0; i < VOCAB; i++)
        snprintf(vocab[i], sizeof vocab[i], "Q%c%c", 'A' + i % 26, 'A' + i / 26);
    static unsigned words[PHRASES][4];
    static size_t lens[PHRASES];
    static uint64_t prefixes[PHRASES * 5];
    size_t n_prefixes = 0;
    size_t cap = PHRASES * 40, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    uint64_t x = 2463534242ULL;
    for (size_t p = 0; p < PHRASES; p++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        lens[p] = 1 + x % 4;
        for (size_t k = 0; k < lens[p]; k++) {
            words[p][k] = (unsigned)((x >> (8 + 6 * k)) % VOCAB);
            len += (size_t)snprintf(text + len, cap - len, "%s%s", k ? "_" : "", vocab[words[p][k]]);
        }
        len += (size_t)snprintf(text + len, cap - len, " [X%zu]\n", p);
        for (size_t k = 0; k <= lens[p]; k++)
            prefixes[n_prefixes++] = prefix_code(words[p], k);
    }
    qsort(prefixes, n_prefixes, sizeof *prefixes, cmp_u64);
    dict_set *d = build("gen.actors", text, DICT_FILE_ACTORS, DIALECT_NATIVE, NULL);
    free(text);
    size_t checked = 0, children = 0, ends = 0;
    for (size_t p = 0; p < PHRASES; p++) {
        uint32_t node = DICT_TRIE_ROOT;
        for (size_t k = 0; k <= lens[p]; k++) {
            /* from this prefix, every word of the vocabulary */
            for (unsigned w = 0; w < VOCAB; w++) {
                unsigned ext[5];
                memcpy(ext, words[p], k * sizeof *ext);
                ext[k] = w;
                uint64_t code = k < 4 ? prefix_code(ext, k + 1) : 0;
                int expect = k < 4 && bsearch(&code, prefixes, n_prefixes, sizeof code, cmp_u64);
                uint32_t child = dict_trie_step(d, node, word(d, vocab[w]));
                assert_int_equal(child != DICT_TRIE_NONE, expect);
                if (child != DICT_TRIE_NONE) { /* the end bit says what the payloads say */
                    size_t np;
                    dict_trie_payloads(d, child, &np);
                    assert_int_equal(dict_trie_ends(d, child), np > 0);
                    ends += np > 0;
                }
                checked++;
                children += expect;
            }
            if (k < lens[p]) {
                node = dict_trie_step(d, node, word(d, vocab[words[p][k]]));
                assert_int_not_equal(node, DICT_TRIE_NONE);
            }
        }
        size_t n;
        dict_trie_payloads(d, node, &n);
        assert_true(n > 0);
    }
    assert_true(checked > 100000 && children > 10000 && ends > 1000 && ends < children);
    assert_int_equal(dict_trie_ends(d, DICT_TRIE_NONE - 1), 0);
    dict_set_free(d);
}

/* The stems of a token, from the packed character trie, equal those found by
   testing every stem of the set as a prefix, longest first; and a known word's
   lexemes (walked at freeze) equal its key's. */
static void test_stem_walk_exact(void **state)
{
    (void)state;
    static const char alphabet[] = "ABCZ1-";
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (unsigned i = 0; i < 600; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = 1 + x % 6;
        char w[16];
        w[0] = "ABCZ"[(x >> 8) % 4]; /* a stem starts with a letter */
        for (size_t k = 1; k < n; k++)
            w[k] = alphabet[(x >> (12 + 4 * k)) % 6];
        if (w[n - 1] == '-')
            w[n - 1] = 'A';
        w[n] = '\0';
        /* a stem (no final '_') or, one in four, an exact word */
        len += (size_t)snprintf(text + len, cap - len, "%s%s [X%u]\n", w, i % 4 ? "" : "_", i);
    }
    dict_set *d = build("gen.actors", text, DICT_FILE_ACTORS, DIALECT_TABARI, NULL);
    free(text);
    const wordtab *wt = dict_words(d);
    size_t n_stems = 0;
    for (uint32_t id = 1; id < wordtab_count(wt); id++)
        n_stems += wordtab_key(wt, id)[wordtab_key_len(wt, id) - 1] == '*';
    assert_true(n_stems > 200);
    size_t with_stems = 0;
    for (unsigned t = 0; t < 20000; t++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = 1 + x % 9;
        char key[16];
        for (size_t k = 0; k < n; k++)
            key[k] = alphabet[(x >> (4 + 5 * k)) % 6];
        key[n] = '\0';
        lex_id want[64];
        size_t n_want = 0;
        for (size_t l = n; l >= 1; l--) { /* longest first */
            char stem[20];
            snprintf(stem, sizeof stem, "%.*s*", (int)l, key);
            word_id id = wordtab_lookup(wt, stem, l + 1);
            if (id != WORD_NONE)
                want[n_want++] = id;
        }
        lex_id got[64];
        size_t n_got = dict_token_lexemes(d, key, n, WORD_NONE, got, 64);
        assert_int_equal(n_got, n_want);
        for (size_t k = 0; k < n_got; k++)
            assert_int_equal(got[k], want[k]);
        with_stems += n_got > 0;
    }
    assert_true(with_stems > 1000);
    for (uint32_t id = 1; id < wordtab_count(wt); id++) {
        lex_id a[16], b[16];
        size_t na = dict_word_lexemes(d, id, a, 16);
        size_t nb = dict_token_lexemes(d, wordtab_key(wt, id), wordtab_key_len(wt, id), id, b, 16);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na * sizeof *a);
    }
    dict_set_free(d);
}

/* ---- malformed lines ---------------------------------------------------------------- */

static void test_malformed_lines(void **state)
{
    (void)state;
    static const char actors[] =
        "    [KOR]\n"                        /* 1: a code line before any actor */
        "SOUTH_KOREA [KOR]\n"                /* 2 */
        "+SEOUL\n"                           /* 3 */
        "JENS_STOLTENBERG\n"                 /* 4 */
        "    [NORGOV 20051317-20131016]\n"   /* 5: month 13 */
        "    [NORGOV 20131016-20051017]\n"   /* 6: empty period */
        "    [NOR\n"                         /* 7: missing ] */
        "    [NOR]\n"                        /* 8 */
        "JAPAN [JPN] junk\n"                 /* 9: text after the blocks */
        "CHINA [CHN 990101-000101]\n";       /* 10: 6-digit dates are not native */
    capture cap = {0};
    dict_set *d = build("bad.actors", actors, DICT_FILE_ACTORS, DIALECT_NATIVE, &cap);
    assert_true(has_warning(&cap, 1, "before any actor"));
    assert_true(has_warning(&cap, 5, "not a date"));
    assert_true(has_warning(&cap, 6, "empty period"));
    assert_true(has_warning(&cap, 7, "missing ']'"));
    assert_true(has_warning(&cap, 9, "unexpected"));
    assert_true(has_warning(&cap, 10, "dates"));
    assert_string_equal(cap.items[0].file, "bad.actors");
    /* the rest is loaded */
    assert_int_equal(dict_n_actors(d), 4);
    assert_non_null(hit(d, "Seoul", HIT_ACTOR));
    assert_string_equal(dict_actor_code(d, dict_actor(d, 1), day(2010, 1, 1)), "NOR");
    assert_non_null(hit(d, "Japan", HIT_ACTOR));
    dict_file_info fi;
    assert_int_equal(dict_file_info_at(d, 0, &fi), 0);
    assert_string_equal(fi.kind, "actors");
    assert_string_equal(fi.dialect, "native");
    assert_int_equal(fi.lines, 10);
    assert_true(fi.problems >= 6);
    dict_set_free(d);

    static const char verbs[] =
        "- * + [042]\n"                       /* 1: a pattern before any verb */
        "VISIT [042:043]\n"                   /* 2 */
        "- * TO + [042:043]\n"                /* 3 */
        "- TO + [042]\n"                      /* 4: no * */
        "- * * + [042]\n"                     /* 5: two * */
        "- * &UNDEFINED [042]\n"              /* 6 */
        "- * WITH +\n"                        /* 7: no code */
        "- * { A | B [042]\n"                 /* 8: missing } */
        "MEET {MEETS MET [040]\n"             /* 9: missing } */
        "- * WITH + [040:040]\n"              /* 10: pattern of a verb that failed */
        "HOST [043:042]\n"                    /* 11 */
        "- * + [043:042]\n";                  /* 12 */
    memset(&cap, 0, sizeof cap);
    d = build("bad.verbs", verbs, DICT_FILE_VERBS, DIALECT_NATIVE, &cap);
    assert_true(has_warning(&cap, 1, "before any verb"));
    assert_true(has_warning(&cap, 4, "no '*'"));
    assert_true(has_warning(&cap, 5, "more than one"));
    assert_true(has_warning(&cap, 6, "not defined"));
    assert_true(has_warning(&cap, 7, "without a [code]"));
    assert_true(has_warning(&cap, 8, "missing '}'"));
    assert_true(has_warning(&cap, 9, "missing '}'"));
    assert_true(has_warning(&cap, 10, "before any verb"));
    assert_int_equal(dict_n_verbs(d), 2);
    assert_int_equal(dict_n_patterns(d), 2);
    assert_int_equal(dict_verb(d, 0)->n_patterns, 1);
    assert_int_equal(dict_verb(d, 1)->n_patterns, 1);
    dict_set_free(d);

    /* bytes that are not UTF-8, and NULs, are reported and dropped */
    static const char bytes[] = "FRANCE [FRA]\nBAD\xff" "NAME [XXX]\nNUL\0L [YYY]\nGERMANY [DEU]\n";
    memset(&cap, 0, sizeof cap);
    dict_builder *b = dict_builder_new();
    diag_sink sink = {cap_fn, &cap, {0}};
    assert_int_equal(dict_load_bytes(b, "bytes.actors", bytes, sizeof bytes - 1, DICT_FILE_ACTORS,
                                     DIALECT_NATIVE, &sink), 0);
    d = dict_builder_freeze(b, &sink);
    assert_true(has_warning(&cap, 2, "not UTF-8"));
    assert_true(has_warning(&cap, 3, "NUL"));
    assert_int_equal(dict_n_actors(d), 4);
    assert_non_null(hit(d, "Germany", HIT_ACTOR));
    dict_set_free(d);
}

/* ---- codebook ------------------------------------------------------------------------ */

static const char codebook[] =
    "code\troot\tname\tgoldstein\tquad_class\n"
    "04\t04\tCONSULT\t1.0\t1\n"
    "042\t04\tMake a visit\t1.9\t1\n"
    "043\t04\tHost a visit\t2.8\t1\n"
    "19\t19\tFIGHT\t-10.0\t4\n"
    "190\t19\tUse conventional military force\t-10.0\t4\n"
    "bad line\n";

static void test_codebook_and_unknown_codes(void **state)
{
    (void)state;
    capture cap = {0};
    src s[] = {{"codebook.tsv", codebook, DICT_FILE_CODEBOOK, DIALECT_NATIVE},
               {"t.verbs", "VISIT [042:043]\n- * + [042:099]\nFIGHT [777]\n", DICT_FILE_VERBS,
                DIALECT_NATIVE}};
    dict_set *d = build_n(s, 2, &cap);
    assert_true(has_warning(&cap, 7, "columns"));
    assert_int_equal(dict_n_codes(d), 5);
    const codebook_entry *e = dict_codebook(d, "190");
    assert_non_null(e);
    assert_string_equal(e->root, "19");
    assert_int_equal(e->quad_class, 4);
    assert_true(e->goldstein < -9.9f);
    assert_null(dict_codebook(d, "999"));
    assert_string_equal(dict_codebook_at(d, 1)->code, "042");
    /* freeze checks event codes against the codebook */
    int found099 = 0, found777 = 0;
    for (size_t i = 0; i < cap.n; i++) {
        if (strstr(cap.items[i].msg, "099") && cap.items[i].line == 2 &&
            !strcmp(cap.items[i].file, "t.verbs"))
            found099 = 1;
        if (strstr(cap.items[i].msg, "777") && cap.items[i].line == 3)
            found777 = 1;
    }
    assert_true(found099);
    assert_true(found777);
    dict_set_free(d);
}

/* ---- discards, options, kinds ------------------------------------------------------------ */

static void test_discards_and_options(void **state)
{
    (void)state;
    src s[] = {{"t.discards", "# sport\n+ACADEMY AWARD\nAFL_GRAND_FINAL\n", DICT_FILE_DISCARDS,
                DIALECT_NATIVE},
               {"t.options", "// comment\nCOMPLEX: VERBS[5] CONJ[4]\n\nSET: CODE ALL\n~~~~~\nAFTER\n",
                DICT_FILE_OPTIONS, DIALECT_TABARI},
               {"p.discards.txt", "+OLYMPIC_GAMES   # x\nWORLD CUP\n", DICT_FILE_DISCARDS,
                DIALECT_PETRARCH}};
    dict_set *d = build_n(s, 3, NULL);
    assert_int_equal(dict_n_discards(d), 4);
    const dict_payload *p = hit(d, "academy award", HIT_DISCARD);
    assert_non_null(p);
    assert_int_equal(dict_discard(d, p->entry)->whole_story, 1);
    p = hit(d, "AFL grand final", HIT_DISCARD);
    assert_non_null(p);
    assert_int_equal(dict_discard(d, p->entry)->whole_story, 0);
    assert_non_null(hit(d, "olympic games", HIT_DISCARD));
    assert_non_null(hit(d, "world cup", HIT_DISCARD));
    assert_int_equal(dict_n_option_lines(d), 2);
    assert_string_equal(dict_option_line(d, 0), "COMPLEX: VERBS[5] CONJ[4]");
    assert_string_equal(dict_option_line(d, 1), "SET: CODE ALL");
    assert_null(dict_option_line(d, 2));
    assert_int_equal(dict_n_files(d), 3);
    assert_string_equal(dict_file(d, 1), "t.options");
    assert_int_equal(strlen(dict_version(d)), 16);
    assert_true(dict_memory(d) > 0);
    dict_set_free(d);
}

static void test_nouns_and_adjectives(void **state)
{
    (void)state;
    static const char actors[] =
        "<NOUN>\nBEES   ;pas\nFORCES_\n</NOUN>\n<ADJECTIVE>\nAWFUL\n</ADJECTIVE>\nARNOR [ARN]\n";
    dict_set *d = build("t.actors", actors, DICT_FILE_ACTORS, DIALECT_TABARI, NULL);
    assert_non_null(hit(d, "forces", HIT_NOUN));
    assert_non_null(hit(d, "awfully", HIT_ADJECTIVE));
    assert_non_null(hit(d, "Arnor", HIT_ACTOR));
    assert_int_equal(dict_n_actors(d), 1);
    dict_set_free(d);
}

/* ---- containers, directories, projects ------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_files_dirs_projects(void **state)
{
    (void)state;
    char dir[] = "/tmp/dyad-dict-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], sub[512];
    /* a native data/ directory with a subdirectory; loaded in sorted order */
    snprintf(sub, sizeof sub, "%s/actors", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(path, sizeof path, "%s/actors/b.actors", dir);
    write_file(path, "FRANCE [FRA]\n");
    snprintf(path, sizeof path, "%s/actors/a.actors", dir);
    write_file(path, "GERMANY [DEU]\n");
    snprintf(path, sizeof path, "%s/z.verbs", dir);
    write_file(path, "VISIT [042]\n");
    snprintf(path, sizeof path, "%s/codebook.tsv", dir);
    write_file(path, codebook);
    snprintf(path, sizeof path, "%s/readme.txt", dir);
    write_file(path, "not a dictionary\n");
    /* a gzipped agents file */
    snprintf(path, sizeof path, "%s/x.agents.gz", dir);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    gzputs(gz, "PRESIDENT [~GOV]\n");
    gzclose(gz);
    dict_builder *b = dict_builder_new();
    assert_int_equal(dict_load_dir(b, dir, NULL), 0);
    dict_set *d = dict_builder_freeze(b, NULL);
    assert_int_equal(dict_n_files(d), 5);
    assert_non_null(strstr(dict_file(d, 0), "actors/a.actors"));
    assert_non_null(strstr(dict_file(d, 1), "actors/b.actors"));
    assert_non_null(strstr(dict_file(d, 2), "codebook.tsv"));
    assert_non_null(strstr(dict_file(d, 3), "x.agents"));
    assert_null(strstr(dict_file(d, 3), ".gz"));
    assert_int_equal(dict_n_actors(d), 2);
    assert_int_equal(dict_n_agents(d), 1);
    assert_non_null(hit(d, "presidents", HIT_PLURAL_AGENT));
    assert_int_equal(dict_n_verbs(d), 1);
    dict_set_free(d);

    /* a zip archive, its members' kinds from their names */
    snprintf(path, sizeof path, "%s/set.zip", dir);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    static const char za[] = "ARNOR_  [ARN]\n";
    static const char zv[] = "ARRIVE  [032:033]\n";
    zip_source_t *s1 = zip_source_buffer(z, za, sizeof za - 1, 0);
    zip_source_t *s2 = zip_source_buffer(z, zv, sizeof zv - 1, 0);
    assert_true(zip_file_add(z, "Demo.actors", s1, 0) >= 0);
    assert_true(zip_file_add(z, "Demo.verbs", s2, 0) >= 0);
    assert_int_equal(zip_close(z), 0);
    b = dict_builder_new();
    assert_int_equal(dict_load_file(b, path, DICT_FILE_AUTO, DIALECT_TABARI, NULL), 0);
    d = dict_builder_freeze(b, NULL);
    assert_int_equal(dict_n_files(d), 2);
    assert_int_equal(dict_n_actors(d), 1);
    assert_int_equal(dict_n_verbs(d), 1);
    assert_non_null(hit(d, "arrived", HIT_VERB));
    dict_set_free(d);

    /* a TABARI project names its files relative to itself */
    snprintf(path, sizeof path, "%s/Demo.actors", dir);
    write_file(path, "ARNOR  [ARN]\nGONDOR  [GON]\n");
    snprintf(path, sizeof path, "%s/Demo.verbs", dir);
    write_file(path, "ARRIVE  [032:033]\n- * IN_ +  [032]\n");
    snprintf(path, sizeof path, "%s/Demo.opts", dir);
    write_file(path, "SET: CODE ALL\n");
    snprintf(path, sizeof path, "%s/Demo.project", dir);
    write_file(path, "Demo project\n<actorsfile> \tDemo.actors\n<verbsfile> Demo.verbs\n"
                     "<optionsfile> Demo.opts\n<textfile> none.text\n");
    b = dict_builder_new();
    assert_int_equal(dict_load_tabari_project(b, path, NULL), 0);
    d = dict_builder_freeze(b, NULL);
    assert_int_equal(dict_n_actors(d), 2);
    assert_int_equal(dict_n_patterns(d), 1);
    assert_int_equal(dict_n_option_lines(d), 1);
    /* the same through dict_load_file: a .project is recognised by its name */
    dict_set_free(d);
    b = dict_builder_new();
    assert_int_equal(dict_load_file(b, path, DICT_FILE_AUTO, DIALECT_AUTO, NULL), 0);
    d = dict_builder_freeze(b, NULL);
    assert_int_equal(dict_n_actors(d), 2);
    dict_set_free(d);

    /* missing files and directories are errors, not crashes */
    capture cap = {0};
    diag_sink sink = {cap_fn, &cap, {0}};
    b = dict_builder_new();
    snprintf(path, sizeof path, "%s/missing.actors", dir);
    assert_int_equal(dict_load_file(b, path, DICT_FILE_AUTO, DIALECT_AUTO, &sink), -1);
    snprintf(path, sizeof path, "%s/missing-dir", dir);
    assert_int_equal(dict_load_dir(b, path, &sink), -1);
    assert_int_equal(sink.counts[DIAG_ERROR], 2);
    dict_builder_free(b);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_auto_dialect(void **state)
{
    (void)state;
    src s[] = {{"a.actors", "ARNOR  [ARN] ;tony\nGONDOR_  [GON] ;x\n", DICT_FILE_AUTO, DIALECT_AUTO},
               {"b.actors", "# native\nJAPAN [JPN]\n", DICT_FILE_AUTO, DIALECT_AUTO},
               {"Phoenix.x.actors.txt", "CHAD_ [TCD]\n", DICT_FILE_AUTO, DIALECT_AUTO},
               {"CAMEO.x.txt", "--- A [010] ---\nSAY\n- * + [010]\n", DICT_FILE_AUTO, DIALECT_AUTO}};
    dict_set *d = build_n(s, 4, NULL);
    dict_file_info fi;
    dict_file_info_at(d, 0, &fi);
    assert_string_equal(fi.dialect, "tabari");
    dict_file_info_at(d, 1, &fi);
    assert_string_equal(fi.dialect, "native");
    dict_file_info_at(d, 2, &fi);
    assert_string_equal(fi.dialect, "petrarch");
    assert_string_equal(fi.kind, "actors");
    dict_file_info_at(d, 3, &fi);
    assert_string_equal(fi.dialect, "petrarch");
    assert_string_equal(fi.kind, "verbs");
    assert_non_null(hit(d, "Arnorian", HIT_ACTOR)); /* TABARI stem */
    dict_set_free(d);
}

/* ---- lint and convert --------------------------------------------------------------------- */

static void test_lint(void **state)
{
    (void)state;
    capture cap = {0};
    src s[] = {{"codebook.tsv", codebook, DICT_FILE_CODEBOOK, DIALECT_NATIVE},
               {"l.actors",
                "JENS\n    [NORGOV 20050101-20140101]\n    [IGOWSTNAT 20130101-20240101]\n"
                "HANS\n    [NORGOV 20050101-20060101]\n    [NORGOV 20070101-20080101]\n"
                "ZED [ZZZ]\n"
                "PARIS [FRA]\nPARIS [FRAGOV]\n",
                DICT_FILE_ACTORS, DIALECT_NATIVE},
               {"l.verbs",
                "&EMPTY = \n"
                "VISIT [042]\n- * + [042]\n- * TO + [043]\n- * + [190]\n- * &EMPTY [042]\n"
                "ATTACK [666]\n",
                DICT_FILE_VERBS, DIALECT_NATIVE}};
    dict_set *d = build_n(s, 3, &cap);
    memset(&cap, 0, sizeof cap);
    diag_sink sink = {cap_fn, &cap, {0}};
    long n = dict_lint(d, &sink);
    assert_true(has_warning(&cap, 1, "overlap"));
    assert_true(has_warning(&cap, 4, "gap"));
    assert_true(has_warning(&cap, 7, "unknown country root"));
    assert_true(has_warning(&cap, 9, "other codes"));
    assert_true(has_warning(&cap, 5, "unreachable"));
    assert_true(has_warning(&cap, 7, "unknown event code 666"));
    int empty_set = 0;
    for (size_t i = 0; i < cap.n; i++)
        if (strstr(cap.items[i].msg, "never match"))
            empty_set = 1;
    assert_true(empty_set);
    assert_int_equal(n, (long)count_warnings(&cap));
    assert_true(n >= 7);
    dict_set_free(d);

    /* a clean set has nothing to report */
    src clean[] = {{"codebook.tsv", codebook, DICT_FILE_CODEBOOK, DIALECT_NATIVE},
                   {"c.actors", "NORWAY [NOR]\nJENS\n    [NORGOV 20050101-20140101]\n    [NOR]\n",
                    DICT_FILE_ACTORS, DIALECT_NATIVE},
                   {"c.verbs", "VISIT [042:043]\n- * TO + [042]\n", DICT_FILE_VERBS, DIALECT_NATIVE}};
    d = build_n(clean, 3, NULL);
    assert_int_equal(dict_lint(d, NULL), 0);
    dict_set_free(d);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_convert_round_trip(void **state)
{
    (void)state;
    static const char actors[] =
        "GOLLUM  ; pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n\t[HOBREB > 990816]\n"
        "ESTONIA_  [EST]\nARGENTIN  [ARG]\n";
    src s[] = {{"t.actors", actors, DICT_FILE_ACTORS, DIALECT_TABARI},
               {"t.verbs", tabari_verbs, DICT_FILE_VERBS, DIALECT_TABARI},
               {"t.agents", "PRESIDENT_  [~GOVPRS]\nHUMAN_RIGHTS_BODY_   [  NGO~]\n", DICT_FILE_AGENTS,
                DIALECT_TABARI}};
    dict_set *d = build_n(s, 3, NULL);
    char dir[] = "/tmp/dyad-convert-XXXXXX";
    assert_non_null(mkdtemp(dir));
    long lossy = -1;
    assert_int_equal(dict_write_native(d, dir, &lossy, NULL), 0);
    assert_true(lossy > 0); /* ARGENTIN and ACCUS are stems, time phrases have no native form */
    dict_builder *b = dict_builder_new();
    capture cap = {0};
    diag_sink sink = {cap_fn, &cap, {0}};
    assert_int_equal(dict_load_dir(b, dir, &sink), 0);
    dict_set *n = dict_builder_freeze(b, &sink);
    assert_int_equal(count_warnings(&cap), 0);
    assert_int_equal(dict_n_actors(n), dict_n_actors(d));
    assert_int_equal(dict_n_agents(n), dict_n_agents(d));
    assert_int_equal(dict_n_verbs(n), dict_n_verbs(d));
    assert_int_equal(dict_n_patterns(n), dict_n_patterns(d));
    /* TABARI's inclusive and exclusive date edges survive as half-open ranges */
    const dict_payload *p = hit(n, "Smeagol", HIT_ACTOR);
    assert_non_null(p);
    const actor_entry *a = dict_actor(n, p->entry);
    assert_string_equal(dict_actor_code(n, a, day(1999, 8, 15)), "HOBGOV");
    assert_null(dict_actor_code(n, a, day(1999, 8, 16)));
    assert_string_equal(dict_actor_code(n, a, day(1999, 8, 17)), "HOBREB");
    /* regular endings became listed forms and plurals */
    assert_non_null(hit(n, "estonias", HIT_ACTOR));
    assert_non_null(hit(n, "departed", HIT_VERB));
    assert_non_null(hit(n, "presidents", HIT_PLURAL_AGENT));
    p = hit(n, "human rights body", HIT_AGENT);
    assert_non_null(p);
    assert_int_equal(dict_agent(n, p->entry)->attach, AGENT_PREFIX);
    /* patterns and their sets */
    const pattern *q = dict_pattern(n, 0);
    assert_string_equal(q->code, "111");
    const pattern_elem *e = dict_pattern_elems(n, q);
    assert_int_equal(e[4].kind, PAT_SET);
    assert_int_equal(e[4].adjacent, 1);
    assert_true(dict_pattern(n, 7)->code_flags & DICT_CODE_DOMINANT);
    char path[512];
    snprintf(path, sizeof path, "%s/actors.actors", dir);
    char *text = slurp(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "[HOBGOV 19950601-19990816]"));
    assert_non_null(strstr(text, "[HOBREB >19990817]"));
    free(text);
    dict_set_free(n);
    dict_set_free(d);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- robustness ----------------------------------------------------------------------------- */

static void test_fuzz_readers(void **state)
{
    (void)state;
    static const char alphabet[] = "AB_ ~=[]{}|()*$+%^&#;:<>!-0123456789\t\n\r\"'.,/\xc3\xa9\xff";
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char buf[600];
    for (int round = 0; round < 600; round++) {
        size_t n = 0;
        /* mostly random bytes, sometimes a line that looks almost right */
        while (n < sizeof buf - 40) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if ((x & 15) == 0) {
                static const char *const seeds[] = {"- * + [042]\n", "[NOR 990101-000101]\n",
                                                    "&S = A, B\n", "--- X [010] ---\n",
                                                    "+SYN\n", "{ A | B }\n", "<SYNSETS>\n",
                                                    "\t[X >20200101]\n", "!P! = A, B\n"};
                const char *s = seeds[(x >> 8) % 9];
                memcpy(buf + n, s, strlen(s));
                n += strlen(s);
            } else {
                buf[n++] = alphabet[(x >> 8) % (sizeof alphabet - 1)];
            }
        }
        dict_builder *b = dict_builder_new();
        for (int kind = DICT_FILE_ACTORS; kind <= DICT_FILE_ISSUES; kind++)
            for (int dia = DIALECT_NATIVE; dia <= DIALECT_AUTO; dia++)
                dict_load_bytes(b, "fuzz", buf, n, (dict_file_kind)kind, (dict_dialect)dia, NULL);
        dict_set *d = dict_builder_freeze(b, NULL);
        assert_non_null(d);
        dict_lint(d, NULL);
        dict_set_free(d);
    }
    /* empty and NULL-ish inputs */
    dict_builder *b = dict_builder_new();
    assert_int_equal(dict_load_bytes(b, "e.actors", "", 0, DICT_FILE_AUTO, DIALECT_AUTO, NULL), 0);
    assert_int_equal(dict_load_bytes(b, "e.gz", "xx", 2, DICT_FILE_AUTO, DIALECT_AUTO, NULL), -1);
    assert_int_equal(dict_load_bytes(b, "e.zip", "xx", 2, DICT_FILE_AUTO, DIALECT_AUTO, NULL), -1);
    assert_int_equal(dict_load_bytes(b, "mystery", "hello\n", 6, DICT_FILE_AUTO, DIALECT_AUTO, NULL),
                     -1);
    assert_int_not_equal(dict_builder_word(b, "would"), WORD_NONE);
    dict_set *d = dict_builder_freeze(b, NULL);
    assert_int_not_equal(word(d, "WOULD"), WORD_NONE);
    assert_int_equal(dict_n_actors(d), 0);
    assert_null(dict_actor(d, 0));
    size_t n;
    assert_null(dict_trie_payloads(d, DICT_TRIE_NONE, &n));
    assert_int_equal(n, 0);
    dict_set_free(d);
    dict_builder_free(NULL);
    dict_set_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native_actor_dates),
        cmocka_unit_test(test_tabari_dates),
        cmocka_unit_test(test_petrarch_dates),
        cmocka_unit_test(test_tokenized_like_text),
        cmocka_unit_test(test_native_agents),
        cmocka_unit_test(test_petrarch_agents),
        cmocka_unit_test(test_native_verb_forms),
        cmocka_unit_test(test_petrarch_verbs),
        cmocka_unit_test(test_petrarch_pattern_structure),
        cmocka_unit_test(test_tabari_verbs),
        cmocka_unit_test(test_tabari_stems_and_endings),
        cmocka_unit_test(test_tabari_gaps),
        cmocka_unit_test(test_trie_longest_match),
        cmocka_unit_test(test_trie_steps_exact),
        cmocka_unit_test(test_stem_walk_exact),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_codebook_and_unknown_codes),
        cmocka_unit_test(test_discards_and_options),
        cmocka_unit_test(test_nouns_and_adjectives),
        cmocka_unit_test(test_files_dirs_projects),
        cmocka_unit_test(test_auto_dialect),
        cmocka_unit_test(test_lint),
        cmocka_unit_test(test_convert_round_trip),
        cmocka_unit_test(test_fuzz_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
