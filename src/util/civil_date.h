/*
** civil_date.h: calendar dates as day numbers.
**
** Every date in dyad (a document's publication date, an event's date, the
** validity range of a dictionary role) is an int32_t count of days since
** 1970-01-01 in the proleptic Gregorian calendar.  Day numbers compare, subtract
** and add directly ("last week" is d - 7), sort correctly, and cost four bytes.
** DATE_UNKNOWN marks a date the input did not give; DATE_MIN/DATE_MAX stand for
** open ends of a range.
*/
#ifndef DYAD_CIVIL_DATE_H
#define DYAD_CIVIL_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_UNKNOWN INT32_MIN
#define DATE_MIN (INT32_MIN + 1)
#define DATE_MAX INT32_MAX

int32_t civil_to_days(int year, int month, int day);
void days_to_civil(int32_t days, int *year, int *month, int *day);

/* 0 = Sunday ... 6 = Saturday. */
int civil_weekday(int32_t days);

/* 1 when year-month-day names a real calendar day. */
int civil_valid(int year, int month, int day);

/* Month number 1..12 for an English month name or its abbreviation
   ("Jan", "Jan.", "january", "Sept"), else 0. */
int civil_month_from_name(const char *s, size_t len);

/* Parse a date as news metadata writes it: "2023-01-29", "2023-01-29T08:00:00Z",
   "20230129", "2023/01/29", "January 29, 2023", "29 January 2023", "Jan. 29 2023",
   "Sun, 29 Jan 2023 08:00:00 +0000", "02 February 2023".  On success stores the day
   number and returns 0; returns -1 when the text is not a date it knows. */
int civil_parse(const char *s, size_t len, int32_t *days);

/* Parse TABARI/PETRARCH compact dates: YYMMDD (00-30 -> 20YY, else 19YY) or
   YYYYMMDD.  Returns 0 or -1. */
int civil_parse_compact(const char *s, size_t len, int32_t *days);

/* Write "YYYY-MM-DD" (or "" for DATE_UNKNOWN) into buf[11]. */
void civil_format(int32_t days, char buf[11]);

/* Write "YYYYMMDD" into buf[9]. */
void civil_format_compact(int32_t days, char buf[9]);

#endif
