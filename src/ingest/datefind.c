/*
** datefind.c: find a date inside a line of article text (find_date).
**
** Publication lines come in many shapes ("Global Research, February 06, 2023",
** "Published: 6 Feb 2023 10:15 GMT", "Updated 2023-02-06"), so the date is
** located first (a month name with a day and a four-digit year around it, or
** an ISO date) and only that range is handed to civil_parse; the words around
** it are for the caller to judge (an outlet name, a "Published" label).
*/
#include <string.h>
#include <strings.h>

#include "ingest/clean.h"
#include "util/civil_date.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t skip_seps(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == ','))
        i++;
    return i;
}

static size_t read_digits(const char *s, size_t n, size_t i, size_t max, size_t *count)
{
    size_t k = i;
    while (k < n && k - i < max && is_digit(s[k]))
        k++;
    *count = k - i;
    return k;
}

static size_t skip_ordinal(const char *s, size_t n, size_t i)
{
    if (i + 1 < n && (strncasecmp(s + i, "st", 2) == 0 || strncasecmp(s + i, "nd", 2) == 0 ||
                      strncasecmp(s + i, "rd", 2) == 0 || strncasecmp(s + i, "th", 2) == 0) &&
        (i + 2 >= n || !is_alpha(s[i + 2])))
        return i + 2;
    return i;
}

/* Month word at s[i]: returns the index after it (and its period) or 0. */
static size_t month_at(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && is_alpha(s[k]))
        k++;
    if (k == i || !civil_month_from_name(s + i, k - i))
        return 0;
    if (k < n && s[k] == '.')
        k++;
    return k;
}

static int is_weekday(const char *s, size_t len)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};
    for (int d = 0; d < 7; d++) {
        size_t full = strlen(days[d]);
        if ((len == full || len == 3 || (len == 4 && d == 1) || (len == 5 && d == 3)) &&
            strncasecmp(s, days[d], len) == 0)
            return 1;
    }
    return 0;
}

/* The end of a date that starts at s[i], or 0. */
static size_t date_end_at(const char *s, size_t n, size_t i)
{
    size_t cnt, k;
    if (is_digit(s[i])) {
        /* ISO: 2023-02-06, 2023/02/06 */
        k = read_digits(s, n, i, 4, &cnt);
        if (cnt == 4 && k < n && (s[k] == '-' || s[k] == '/')) {
            char sep = s[k];
            size_t m = read_digits(s, n, k + 1, 2, &cnt);
            if (cnt && m < n && s[m] == sep) {
                size_t d = read_digits(s, n, m + 1, 2, &cnt);
                if (cnt && (d >= n || !is_digit(s[d])))
                    return d;
            }
            return 0;
        }
        /* 6 February 2023 */
        k = read_digits(s, n, i, 2, &cnt);
        if (!cnt || (k < n && is_digit(s[k])))
            return 0;
        k = skip_ordinal(s, n, k);
        k = skip_seps(s, n, k);
        size_t m = k < n ? month_at(s, n, k) : 0;
        if (!m)
            return 0;
        k = skip_seps(s, n, m);
        size_t y = read_digits(s, n, k, 4, &cnt);
        return cnt == 4 && (y >= n || !is_digit(s[y])) ? y : 0;
    }
    /* February 6, 2023 / Feb. 6 2023 */
    size_t m = month_at(s, n, i);
    if (!m)
        return 0;
    k = skip_seps(s, n, m);
    size_t d = read_digits(s, n, k, 2, &cnt);
    if (!cnt || (d < n && is_digit(s[d])))
        return 0;
    d = skip_ordinal(s, n, d);
    k = skip_seps(s, n, d);
    size_t y = read_digits(s, n, k, 4, &cnt);
    return cnt == 4 && (y >= n || !is_digit(s[y])) ? y : 0;
}

int find_date(const char *s, size_t n, size_t *start, size_t *end, int32_t *days)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (is_alpha(s[i - 1]) || is_digit(s[i - 1])))
            continue;
        if (!is_alpha(s[i]) && !is_digit(s[i]))
            continue;
        size_t from = i, at = i;
        if (is_alpha(s[i])) { /* a weekday name belongs to the date */
            size_t k = i;
            while (k < n && is_alpha(s[k]))
                k++;
            if (is_weekday(s + i, k - i)) {
                if (k < n && s[k] == '.')
                    k++;
                at = skip_seps(s, n, k);
                if (at >= n)
                    return 0;
            }
        }
        size_t e = date_end_at(s, n, at);
        if (!e)
            continue;
        int32_t d;
        if (civil_parse(s + at, e - at, &d) != 0)
            continue;
        *start = from;
        *end = e;
        *days = d;
        return 1;
    }
    return 0;
}
