/*
** detect.c: what kind of input is this? (format and binary sniffing)
**
** Formats are recognised from the first bytes of the decompressed input, never
** from file names, so that "notes.txt" holding JSONL or a page saved without
** an extension still reads right:
**   html    the first markup (after a BOM, blanks and comments) is a doctype
**           or an <html>, <head> or <body> tag;
**   jsonl   most non-blank lines of the sample start with '{';
**   tabari  the first line that is not blank and not a '#' banner is a TABARI
**           record header: a valid YYMMDD or YYYYMMDD date, then a record id,
**           followed by a line of text;
**   text    anything else: one article per file.
*/
#include <string.h>
#include <strings.h>

#include "ingest/ingestint.h"
#include "util/civil_date.h"

static int starts_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && strncasecmp(p, lit, k) == 0;
}

static int looks_html(const char *p, size_t n)
{
    size_t i = 0;
    for (int guard = 0; guard < 16; guard++) {
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
            i++;
        if (i >= n || p[i] != '<')
            return 0;
        if (starts_ci(p + i, n - i, "<!doctype html") || starts_ci(p + i, n - i, "<html") ||
            starts_ci(p + i, n - i, "<head") || starts_ci(p + i, n - i, "<body"))
            return 1;
        if (starts_ci(p + i, n - i, "<!--")) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 2 < n; k++)
                if (p[k] == '-' && p[k + 1] == '-' && p[k + 2] == '>') {
                    e = p + k + 3;
                    break;
                }
            if (!e)
                return 0;
            i = (size_t)(e - p);
            continue;
        }
        if (starts_ci(p + i, n - i, "<?xml") || starts_ci(p + i, n - i, "<!doctype")) {
            const char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                return 0;
            i = (size_t)(gt - p) + 1;
            continue;
        }
        return 0;
    }
    return 0;
}

/* A TABARI header: 6+ digits forming a valid date, then a non-empty id. */
static int tabari_header(const char *p, size_t n)
{
    size_t d = 0;
    while (d < n && p[d] >= '0' && p[d] <= '9')
        d++;
    if (d < 6)
        return 0;
    int32_t days;
    int ok6 = civil_parse_compact(p, 6, &days) == 0;
    int ok8 = d >= 8 && civil_parse_compact(p, 8, &days) == 0;
    if (!ok6 && !ok8)
        return 0;
    size_t k = ok6 ? 6 : 8;
    while (k < n && (p[k] == ' ' || p[k] == '\t'))
        k++;
    return k < n && p[k] != '\r';
}

ingest_format ingest_detect_format(const char *p, size_t n)
{
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF) {
        p += 3;
        n -= 3;
    }
    if (looks_html(p, n))
        return INGEST_HTML;
    size_t i = 0, nonblank = 0, braces = 0;
    int first_checked = 0, tabari = 0;
    for (int lines = 0; i < n && lines < 200; lines++) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        size_t a = i;
        while (a < e && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r'))
            a++;
        if (a < e) {
            nonblank++;
            if (p[a] == '{')
                braces++;
            if (!first_checked && p[i] != '#') {
                first_checked = 1;
                if (tabari_header(p + i, e - i) && nl) {
                    /* the header must be followed by a line of text */
                    size_t j = e + 1;
                    tabari = j < n && p[j] != '\n' && p[j] != '\r';
                }
            }
        }
        i = e + 1;
    }
    if (nonblank && braces * 2 > nonblank)
        return INGEST_JSONL;
    if (tabari)
        return INGEST_TABARI;
    return INGEST_TEXT;
}

int ingest_looks_binary(const char *p_, size_t n)
{
    const unsigned char *p = (const unsigned char *)p_;
    static const struct { const char *magic; size_t len; } magics[] = {
        {"\x89PNG", 4}, {"\xFF\xD8\xFF", 3}, {"GIF8", 4}, {"%PDF", 4}, {"PK\x03\x04", 4},
        {"\x7F" "ELF", 4}, {"7z\xBC\xAF", 4}, {"Rar!", 4}, {"BZh", 3},
        {"\xFD" "7zXZ", 5}, {"\xD0\xCF\x11\xE0", 4}, {"SQLite format 3", 15},
        {"OggS", 4}, {"RIFF", 4}, {"ID3", 3}, {"\0asm", 4}, {"\xCA\xFE\xBA\xBE", 4},
        {"\xCF\xFA\xED\xFE", 4}, {"wOFF", 4}, {"wOF2", 4},
    };
    for (size_t k = 0; k < sizeof magics / sizeof magics[0]; k++)
        if (n >= magics[k].len && memcmp(p, magics[k].magic, magics[k].len) == 0)
            return 1;
    size_t m = n < 4096 ? n : 4096, controls = 0;
    for (size_t i = 0; i < m; i++) {
        if (p[i] == 0)
            return 1;
        if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t' && p[i] != '\f')
            controls++;
    }
    return m > 0 && controls * 10 > m;
}
