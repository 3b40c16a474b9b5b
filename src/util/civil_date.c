/*
** civil_date.c: day-number arithmetic and the date formats news metadata uses.
**
** The conversions are Howard Hinnant's days_from_civil/civil_from_days
** algorithms: exact for the whole int32 range and branch-light.
*/
#include "util/civil_date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int32_t civil_to_days(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void days_to_civil(int32_t z32, int *year, int *month, int *day)
{
    long z = (long)z32 + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned long doe = (unsigned long)(z - era * 146097);
    const unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = (long)yoe + era * 400;
    const unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned long mp = (5 * doy + 2) / 153;
    const unsigned long d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned long m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int civil_weekday(int32_t days)
{
    long z = (long)days;
    return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int civil_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int civil_month_from_name(const char *s, size_t len)
{
    static const char *names[] = {"january", "february", "march",     "april",
                                  "may",     "june",     "july",      "august",
                                  "september", "october", "november", "december"};
    char low[16];
    if (len && s[len - 1] == '.')
        len--;
    if (len < 3 || len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[len] = '\0';
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        if (len == full && memcmp(low, names[m], len) == 0)
            return m + 1;
        if (len == 3 && memcmp(low, names[m], 3) == 0)
            return m + 1;
    }
    if (len == 4 && memcmp(low, "sept", 4) == 0)
        return 9;
    return 0;
}

/* Reads an unsigned decimal of 1..maxdigits digits at s[*i]; -1 if none. */
static long read_number(const char *s, size_t len, size_t *i, int maxdigits, int *ndigits)
{
    long v = 0;
    int n = 0;
    while (*i < len && isdigit((unsigned char)s[*i]) && n < maxdigits) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (ndigits)
        *ndigits = n;
    return n ? v : -1;
}

static size_t skip_separators(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '\t'))
        i++;
    return i;
}

static size_t word_end(const char *s, size_t len, size_t i)
{
    while (i < len && (isalpha((unsigned char)s[i]) || s[i] == '.'))
        i++;
    return i;
}

static int store(int y, int m, int d, int32_t *days)
{
    if (!civil_valid(y, m, d))
        return -1;
    *days = civil_to_days(y, m, d);
    return 0;
}

/* "2023-01-29", "2023/01/29", "20230129", with anything after a 'T' or blank. */
static int parse_numeric(const char *s, size_t len, int32_t *days)
{
    size_t i = 0;
    int nd;
    long y = read_number(s, len, &i, 8, &nd);
    if (nd == 8 && (i == len || !isdigit((unsigned char)s[i])))
        return store((int)(y / 10000), (int)(y / 100 % 100), (int)(y % 100), days);
    if (nd != 4 || i >= len || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
        return -1;
    char sep = s[i++];
    long m = read_number(s, len, &i, 2, NULL);
    if (m < 0 || i >= len || s[i] != sep)
        return -1;
    i++;
    long d = read_number(s, len, &i, 2, NULL);
    if (d < 0)
        return -1;
    if (i < len && isdigit((unsigned char)s[i]))
        return -1;
    return store((int)y, (int)m, (int)d, days);
}

/* "January 29, 2023", "29 January 2023", "Sun, 29 Jan 2023 08:00", "Jan. 29 2023". */
static int parse_words(const char *s, size_t len, int32_t *days)
{
    size_t i = skip_separators(s, len, 0);
    size_t e = word_end(s, len, i);
    /* A leading weekday name ("Sun," / "Monday") is skipped. */
    if (e > i && !civil_month_from_name(s + i, e - i)) {
        static const char *wd[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        int is_weekday = 0;
        for (int k = 0; k < 7; k++)
            if (e - i >= 3 && strncasecmp(s + i, wd[k], 3) == 0)
                is_weekday = 1;
        if (!is_weekday)
            return -1;
        i = skip_separators(s, len, e);
    }
    long day = -1, year = -1;
    int month = 0, nd;
    if (i < len && isdigit((unsigned char)s[i])) {
        day = read_number(s, len, &i, 2, NULL);
        if (i + 1 < len && (strncmp(s + i, "st", 2) == 0 || strncmp(s + i, "nd", 2) == 0 ||
                            strncmp(s + i, "rd", 2) == 0 || strncmp(s + i, "th", 2) == 0))
            i += 2;
        i = skip_separators(s, len, i);
        e = word_end(s, len, i);
        month = civil_month_from_name(s + i, e - i);
        i = skip_separators(s, len, e);
    } else {
        e = word_end(s, len, i);
        month = civil_month_from_name(s + i, e - i);
        i = skip_separators(s, len, e);
        day = read_number(s, len, &i, 2, NULL);
        if (i + 1 < len && (strncmp(s + i, "st", 2) == 0 || strncmp(s + i, "nd", 2) == 0 ||
                            strncmp(s + i, "rd", 2) == 0 || strncmp(s + i, "th", 2) == 0))
            i += 2;
        i = skip_separators(s, len, i);
    }
    year = read_number(s, len, &i, 4, &nd);
    if (!month || day < 0 || nd != 4)
        return -1;
    return store((int)year, month, (int)day, days);
}

int civil_parse(const char *s, size_t len, int32_t *days)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (!len)
        return -1;
    if (isdigit((unsigned char)s[0]) && parse_numeric(s, len, days) == 0)
        return 0;
    return parse_words(s, len, days);
}

int civil_parse_compact(const char *s, size_t len, int32_t *days)
{
    if (len != 6 && len != 8)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    size_t i = 0;
    int y;
    if (len == 6) {
        y = (int)read_number(s, len, &i, 2, NULL);
        y += y <= 30 ? 2000 : 1900;
    } else {
        y = (int)read_number(s, len, &i, 4, NULL);
    }
    int m = (int)read_number(s, len, &i, 2, NULL);
    int d = (int)read_number(s, len, &i, 2, NULL);
    return store(y, m, d, days);
}

void civil_format(int32_t days, char buf[11])
{
    if (days == DATE_UNKNOWN) {
        buf[0] = '\0';
        return;
    }
    int y, m, d;
    days_to_civil(days, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void civil_format_compact(int32_t days, char buf[9])
{
    int y, m, d;
    days_to_civil(days, &y, &m, &d);
    snprintf(buf, 9, "%04u%02u%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}
