/*
** abbrev.c: the abbreviations that decide what a period means.
**
** A period after a word is one of three things: the end of a sentence, part of
** an abbreviation that never ends one ("Gen. Lee", "Mr. Kim", "vs."), or part
** of an abbreviation that may end one ("Microsoft Corp.", "Fresno, Calif.",
** "the U.S.").  The tables below hold the English abbreviations of news text;
** they are small and looked up only when a word meets a period, so a binary
** search over lower-case keys is plenty.
**
** Capitalised entries must be written capitalised (or in capitals) in the
** text: "Ill." is Illinois but "ill." is a word; lower-case entries ("etc",
** "vs") match in any case.
*/
#include <string.h>

#include "text/textint.h"

typedef struct abbrev_entry {
    const char *key;    /* as usually written; sorted by lower-cased key */
    unsigned char cls;  /* abbrev_class */
} abbrev_entry;

/* Sorted by strcasecmp of key (checked by the unit tests through behaviour). */
static const abbrev_entry abbrevs[] = {
    {"Adm", ABBR_TITLE},   {"al", ABBR_AMBIG},     {"Ala", ABBR_AMBIG},
    {"Amb", ABBR_TITLE},   {"approx", ABBR_TITLE}, {"Apr", ABBR_MONTH},
    {"Ariz", ABBR_AMBIG},  {"Ark", ABBR_AMBIG},    {"Assn", ABBR_AMBIG},
    {"Atty", ABBR_TITLE},  {"Aug", ABBR_MONTH},    {"Ave", ABBR_AMBIG},
    {"Blvd", ABBR_AMBIG},  {"Brig", ABBR_TITLE},   {"Bros", ABBR_AMBIG},
    {"Calif", ABBR_AMBIG}, {"Capt", ABBR_TITLE},   {"Cdr", ABBR_TITLE},
    {"cf", ABBR_TITLE},    {"Cmdr", ABBR_TITLE},   {"Co", ABBR_AMBIG},
    {"Col", ABBR_TITLE},   {"Colo", ABBR_AMBIG},   {"Conn", ABBR_AMBIG},
    {"Corp", ABBR_AMBIG},  {"Cpl", ABBR_TITLE},    {"Dec", ABBR_MONTH},
    {"Del", ABBR_AMBIG},   {"Dept", ABBR_AMBIG},   {"Det", ABBR_TITLE},
    {"Dr", ABBR_TITLE},    {"Drs", ABBR_TITLE},    {"etc", ABBR_AMBIG},
    {"Feb", ABBR_MONTH},   {"Fla", ABBR_AMBIG},    {"Fr", ABBR_TITLE},
    {"Ft", ABBR_TITLE},    {"Ga", ABBR_AMBIG},     {"Gen", ABBR_TITLE},
    {"Gens", ABBR_TITLE},  {"Gov", ABBR_TITLE},    {"Govs", ABBR_TITLE},
    {"Hon", ABBR_TITLE},   {"Ill", ABBR_AMBIG},    {"Inc", ABBR_AMBIG},
    {"Ind", ABBR_AMBIG},   {"Insp", ABBR_TITLE},   {"Jan", ABBR_MONTH},
    {"Jr", ABBR_AMBIG},    {"Jul", ABBR_MONTH},    {"Jun", ABBR_MONTH},
    {"Kan", ABBR_AMBIG},   {"Ky", ABBR_AMBIG},     {"La", ABBR_AMBIG},
    {"Lt", ABBR_TITLE},    {"Ltd", ABBR_AMBIG},    {"Maj", ABBR_TITLE},
    {"Mar", ABBR_MONTH},   {"Mass", ABBR_AMBIG},   {"Md", ABBR_AMBIG},
    {"Messrs", ABBR_TITLE},{"Mich", ABBR_AMBIG},   {"Minn", ABBR_AMBIG},
    {"Miss", ABBR_AMBIG},  {"Mme", ABBR_TITLE},    {"Mo", ABBR_AMBIG},
    {"Mont", ABBR_AMBIG},  {"Mr", ABBR_TITLE},     {"Mrs", ABBR_TITLE},
    {"Ms", ABBR_TITLE},    {"Mt", ABBR_TITLE},     {"Neb", ABBR_AMBIG},
    {"Nev", ABBR_AMBIG},   {"No", ABBR_NUMBER},    {"Nos", ABBR_NUMBER},
    {"Nov", ABBR_MONTH},   {"Oct", ABBR_MONTH},    {"Okla", ABBR_AMBIG},
    {"Ont", ABBR_AMBIG},   {"Ore", ABBR_AMBIG},    {"Pa", ABBR_AMBIG},
    {"Plc", ABBR_AMBIG},   {"Pres", ABBR_TITLE},   {"Prof", ABBR_TITLE},
    {"Pvt", ABBR_TITLE},   {"Rd", ABBR_AMBIG},     {"Rep", ABBR_TITLE},
    {"Reps", ABBR_TITLE},  {"Rev", ABBR_TITLE},    {"Sen", ABBR_TITLE},
    {"Sens", ABBR_TITLE},  {"Sep", ABBR_MONTH},    {"Sept", ABBR_MONTH},
    {"Sgt", ABBR_TITLE},   {"Sr", ABBR_AMBIG},     {"St", ABBR_TITLE},
    {"Supt", ABBR_TITLE},  {"Tenn", ABBR_AMBIG},   {"Tex", ABBR_AMBIG},
    {"Univ", ABBR_AMBIG},  {"v", ABBR_TITLE},      {"Va", ABBR_AMBIG},
    {"viz", ABBR_TITLE},   {"vs", ABBR_TITLE},     {"Vt", ABBR_AMBIG},
    {"Wash", ABBR_AMBIG},  {"Wis", ABBR_AMBIG},    {"Wyo", ABBR_AMBIG},
};

static const char *const starters[] = {
    "a", "after", "all", "also", "although", "an", "and", "another", "as", "at",
    "before", "both", "but", "during", "each", "for", "he", "her", "here", "his",
    "how", "however", "i", "if", "in", "it", "its", "many", "meanwhile", "most",
    "my", "now", "on", "our", "she", "since", "so", "some", "such", "that", "the",
    "their", "then", "there", "these", "they", "this", "those", "though", "thus",
    "we", "what", "when", "where", "which", "while", "who", "why", "yet", "you",
};

static inline char lower_ascii(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* strcasecmp on ASCII, key NUL-terminated, w of length n. */
static int casecmp_n(const char *key, const char *w, size_t n)
{
    size_t i = 0;
    for (; i < n && key[i]; i++) {
        char a = lower_ascii(key[i]), b = lower_ascii(w[i]);
        if (a != b)
            return (unsigned char)a < (unsigned char)b ? -1 : 1;
    }
    if (i < n)
        return -1;
    return key[i] ? 1 : 0;
}

abbrev_class text_abbrev_class(const char *w, size_t n)
{
    if (n == 0 || n > 6)
        return ABBR_NONE;
    size_t lo = 0, hi = sizeof abbrevs / sizeof abbrevs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = casecmp_n(abbrevs[mid].key, w, n);
        if (c == 0) {
            const char *key = abbrevs[mid].key;
            if (key[0] >= 'A' && key[0] <= 'Z' && !(w[0] >= 'A' && w[0] <= 'Z'))
                return ABBR_NONE; /* "ill." is not Illinois */
            return (abbrev_class)abbrevs[mid].cls;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return ABBR_NONE;
}

int text_is_dotted_abbrev(const char *w, size_t n)
{
    size_t groups = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            if (++run > 3)
                return 0;
        } else if (c == '.') {
            if (run == 0)
                return 0;
            groups++;
            run = 0;
        } else {
            return 0;
        }
    }
    if (run)
        groups++;
    return groups >= 2 && run > 0;
}

int text_is_sentence_starter(const char *w, size_t n)
{
    if (n == 0 || n > 9 || !(w[0] >= 'A' && w[0] <= 'Z'))
        return 0;
    size_t lo = 0, hi = sizeof starters / sizeof starters[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = casecmp_n(starters[mid], w, n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
