/*
** dates.c: when did it happen?  Time expressions resolved against the article.
**
** News dates events relative to publication: "on Tuesday" is the last Tuesday
** up to the article's date, "yesterday" the day before, "last year" a year
** before, "in April" the last April not after the article (unless "next"),
** "in April last year" April of the year before, "three weeks ago" 21 days
** before.  The first expression in the event's clause wins, else the first in
** its sentence, else the article's own date.  An event dated well before the
** article (coder_options.historical_days) is historical: background the article
** recalls, not news it reports.  TABARI <TIME> phrases shift the date by their
** own number of days.
*/
#include <stdlib.h>
#include <string.h>

#include "coder/coder_private.h"
#include "util/civil_date.h"

static size_t key_of(const coder *c, uint16_t i, char *buf, size_t cap)
{
    size_t n = text_token_key(c->doc->text, &c->tok[i], buf, cap);
    if (n >= cap)
        n = cap - 1;
    buf[n] = '\0';
    return n;
}

static int weekday_of(const char *w)
{
    static const char *const days[] = {"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY",
                                       "THURSDAY", "FRIDAY", "SATURDAY"};
    for (int d = 0; d < 7; d++)
        if (!strcmp(w, days[d]))
            return d;
    return -1;
}

static int unit_days(const char *w)
{
    if (!strcmp(w, "DAY") || !strcmp(w, "DAYS"))
        return 1;
    if (!strcmp(w, "WEEK") || !strcmp(w, "WEEKS"))
        return 7;
    if (!strcmp(w, "MONTH") || !strcmp(w, "MONTHS"))
        return 30;
    if (!strcmp(w, "YEAR") || !strcmp(w, "YEARS"))
        return 365;
    if (!strcmp(w, "DECADE") || !strcmp(w, "DECADES"))
        return 3650;
    return 0;
}

static long small_number(const char *w)
{
    static const char *const words[] = {"A", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX",
                                        "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE"};
    for (int k = 0; k < 13; k++)
        if (!strcmp(w, words[k]))
            return k == 0 ? 1 : k;
    if (!strcmp(w, "SEVERAL") || !strcmp(w, "A FEW"))
        return 3;
    char *end;
    long v = strtol(w, &end, 10);
    return (*w && !*end && v > 0 && v < 1000) ? v : -1;
}

/* A year relation within the next few tokens: "last year" -1, "this year" 0,
   "next year" +1, or a four-digit year; returns 1 when found. */
static int year_after(const coder *c, uint16_t i, uint16_t limit, int base_year, int *year)
{
    char w[32], w2[32];
    for (uint16_t k = i; k < limit && k < i + 6; k++) {
        key_of(c, k, w, sizeof w);
        if (c->tok[k].kind == TOK_NUMBER && strlen(w) == 4) {
            long y = strtol(w, NULL, 10);
            if (y >= 1900 && y <= 2100) {
                *year = (int)y;
                return 1;
            }
        }
        if (k + 1 < limit && (!strcmp(w, "LAST") || !strcmp(w, "THIS") || !strcmp(w, "NEXT"))) {
            key_of(c, (uint16_t)(k + 1), w2, sizeof w2);
            if (!strcmp(w2, "YEAR")) {
                *year = base_year + (w[0] == 'L' ? -1 : w[0] == 'N' ? 1 : 0);
                return 1;
            }
        }
        if (c->tok[k].kind == TOK_PUNCT && !(c->tok[k].flags & TOKF_COMMA))
            break;
    }
    return 0;
}

/* Try to read a time expression at token i; on success returns its date. */
static int32_t expression_at(const coder *c, uint16_t i, uint16_t limit, int32_t base)
{
    char w[32], prev[32] = "", next[32] = "";
    key_of(c, i, w, sizeof w);
    if (i > 0)
        key_of(c, (uint16_t)(i - 1), prev, sizeof prev);
    if (i + 1 < limit)
        key_of(c, (uint16_t)(i + 1), next, sizeof next);
    int y, m, d;
    days_to_civil(base, &y, &m, &d);

    if (!strcmp(w, "YESTERDAY"))
        return base - 1;
    if (!strcmp(w, "TODAY") || !strcmp(w, "TONIGHT"))
        return base;
    if (!strcmp(w, "TOMORROW"))
        return base + 1;
    int wd = weekday_of(w);
    if (wd >= 0) {
        int today = civil_weekday(base);
        if (!strcmp(prev, "NEXT"))
            return base + ((wd - today + 7) % 7 ? (wd - today + 7) % 7 : 7);
        return base - (today - wd + 7) % 7;
    }
    if ((!strcmp(w, "LAST") || !strcmp(w, "NEXT") || !strcmp(w, "PAST")) && next[0]) {
        int u = unit_days(next);
        if (u && strcmp(next, "YEARS") && strcmp(next, "MONTHS") && strcmp(next, "WEEKS") &&
            strcmp(next, "DAYS")) /* "last year", not "the past three years" */
            return w[0] == 'N' ? base + u : base - u;
    }
    if (!strcmp(w, "AGO") && i > 0) {
        int u = unit_days(prev);
        if (u) {
            long n = 1;
            if (i > 1) {
                char before[32];
                key_of(c, (uint16_t)(i - 2), before, sizeof before);
                long v = small_number(before);
                if (v > 0)
                    n = v;
                else if (!strcmp(before, "DECADES") || !strcmp(before, "YEARS"))
                    n = 2;
            }
            return (int32_t)(base - n * u);
        }
    }
    int month = civil_month_from_name(w, strlen(w));
    if (month && (!strcmp(w, "MAY") || !strcmp(w, "MARCH"))) {
        /* "May" and "March" are also words: need "in"/"on"/"last"/a day number */
        static const char *const cues[] = {"IN", "ON", "SINCE", "LAST", "NEXT", "EARLY",
                                           "LATE", "MID", "UNTIL", "BY", NULL};
        int cued = i + 1 < limit && c->tok[i + 1].kind == TOK_NUMBER;
        for (const char *const *q = cues; *q && !cued; q++)
            cued = !strcmp(prev, *q);
        if (!cued)
            month = 0;
    }
    if (month) {
        int day = 1, year = y, explicit_year = 0;
        if (i + 1 < limit && c->tok[i + 1].kind == TOK_NUMBER) {
            long v = strtol(next, NULL, 10);
            if (v >= 1 && v <= 31)
                day = (int)v;
            else if (v >= 1900 && v <= 2100) {
                year = (int)v;
                explicit_year = 1;
            }
        } else if (i > 0 && c->tok[i - 1].kind == TOK_NUMBER) {
            long v = strtol(prev, NULL, 10);
            if (v >= 1 && v <= 31)
                day = (int)v;
        }
        if (!explicit_year && year_after(c, (uint16_t)(i + 1), limit, y, &year))
            explicit_year = 1;
        if (!explicit_year && !strcmp(prev, "LAST"))
            year = month >= m ? y - 1 : y;
        if (!civil_valid(year, month, day))
            day = 1;
        int32_t date = civil_to_days(year, month, day);
        /* news looks back: a month after the article without "next" is last year's */
        if (!explicit_year && strcmp(prev, "NEXT") && date > base + 31)
            date = civil_to_days(year - 1, month, civil_valid(year - 1, month, day) ? day : 1);
        return date;
    }
    if (c->tok[i].kind == TOK_NUMBER && strlen(w) == 4 &&
        (!strcmp(prev, "IN") || !strcmp(prev, "SINCE") || !strcmp(prev, "OF"))) {
        long v = strtol(w, NULL, 10);
        if (v >= 1900 && v <= 2100 && v != y)
            return civil_to_days((int)v, 1, 1);
    }
    const lex_hit *h = c->info[i].hit != NONE16 ? &c->hits.items[c->info[i].hit] : NULL;
    if (h && h->time >= 0 && h->start == i) {
        const time_entry *te = dict_time(c->dict, (uint32_t)h->time);
        if (te && !te->discard)
            return base + te->shift_days;
    }
    return DATE_UNKNOWN;
}

static int32_t scan_range(const coder *c, uint16_t from, uint16_t to, int32_t base)
{
    for (uint16_t i = from; i < to; i++) {
        if (!(c->info[i].gclass & G_TIME) && c->tok[i].kind != TOK_NUMBER &&
            c->info[i].hit == NONE16)
            continue;
        int32_t d = expression_at(c, i, to, base);
        if (d != DATE_UNKNOWN)
            return d;
    }
    return DATE_UNKNOWN;
}

/* The date a reporting clause gives (", officials said Tuesday"): it dates the
   events of its sentence that carry no date of their own. */
/* Does the sentence frame itself as background ("in recent years", "over the
   past decade", "for decades", "in the past")? */
static int background_frame(const coder *c)
{
    char w[3][24];
    /* every frame opens with one of these words: when the table has them all,
       a token that is none of them is passed over without folding */
    word_id in = coder_word((coder *)c, "IN"), over = coder_word((coder *)c, "OVER"),
            for_ = coder_word((coder *)c, "FOR");
    int by_id = in != WORD_NONE && over != WORD_NONE && for_ != WORD_NONE;
    for (uint16_t i = 0; i + 2 < c->n_tok; i++) {
        word_id w0 = c->tok[i].word;
        if (by_id && w0 != in && w0 != over && w0 != for_)
            continue;
        if (!(c->info[i].gclass & (G_PREP)) && !(c->info[i + 1].gclass & G_TIME) &&
            !(c->info[i + 2].gclass & G_TIME))
            continue;
        for (int k = 0; k < 3; k++)
            key_of(c, (uint16_t)(i + k), w[k], sizeof w[k]);
        if (!strcmp(w[0], "IN") && !strcmp(w[1], "RECENT") &&
            (!strcmp(w[2], "YEARS") || !strcmp(w[2], "DECADES") || !strcmp(w[2], "MONTHS")))
            return 1;
        if ((!strcmp(w[0], "OVER") || !strcmp(w[0], "IN") || !strcmp(w[0], "FOR")) &&
            !strcmp(w[1], "THE") && !strcmp(w[2], "PAST") && i + 3 < c->n_tok) {
            char w3[24];
            key_of(c, (uint16_t)(i + 3), w3, sizeof w3);
            if (!strcmp(w3, "DECADE") || !strcmp(w3, "DECADES") || !strcmp(w3, "YEARS") ||
                !strcmp(w3, "CENTURY"))
                return 1;
        }
        if (!strcmp(w[0], "FOR") && (!strcmp(w[1], "DECADES") || !strcmp(w[1], "YEARS") ||
                                     !strcmp(w[1], "CENTURIES")))
            return 1;
    }
    return 0;
}

void resolve_sentence_date(coder *c)
{
    c->sentence_background = background_frame(c);
    c->sentence_date = DATE_UNKNOWN;
    c->sentence_date_basis = c->doc_date == DATE_UNKNOWN ? DATE_NONE : DATE_FROM_ARTICLE;
    if (c->doc_date == DATE_UNKNOWN)
        return;
    for (size_t k = 0; k < c->clauses.len; k++) {
        const clause *cl = &c->clauses.items[k];
        if (cl->kind != CL_REPORTING)
            continue;
        int32_t d = scan_range(c, cl->start, cl->end, c->doc_date);
        if (d != DATE_UNKNOWN) {
            c->sentence_date = d;
            c->sentence_date_basis = DATE_FROM_TEXT;
            return;
        }
    }
}

/* How far from its verb a time expression may be and still date it: further
   away it usually dates something else in the clause ("talks on Japanese
   nationals abducted decades ago ended Sunday"). */
#define DATE_WINDOW 10

int32_t resolve_clause_date(coder *c, const clause *cl, uint16_t verb, uint8_t *basis)
{
    if (c->doc_date == DATE_UNKNOWN) {
        *basis = DATE_NONE;
        return DATE_UNKNOWN;
    }
    uint16_t from = verb > cl->start + DATE_WINDOW ? (uint16_t)(verb - DATE_WINDOW) : cl->start;
    uint16_t to = verb + DATE_WINDOW < cl->end ? (uint16_t)(verb + DATE_WINDOW) : cl->end;
    int32_t d = scan_range(c, from, to, c->doc_date);
    if (d != DATE_UNKNOWN) {
        *basis = DATE_FROM_TEXT;
        return d;
    }
    /* a reporting clause's date ("officials said Tuesday") dates the report;
       the event inherits it only when its own clause says nothing */
    if (c->sentence_date != DATE_UNKNOWN) {
        *basis = DATE_FROM_TEXT;
        return c->sentence_date;
    }
    *basis = DATE_FROM_ARTICLE;
    return c->doc_date;
}
