/*
** forms.c: generated word forms (verb inflections, plurals, TABARI endings).
**
** Each dialect spells regular forms its own way, and a faithful reader has to
** generate exactly what the original program would have matched:
**
**   native    English spelling rules (docs/dictionaries.md): VISITS, CARRIES,
**             WATCHES; VISITED, CARRIED, AGREED, ADMITTED (root written ADMIT_);
**             VISITING, TAKING, DYING, ADMITTING.
**   PETRARCH  its reader's rules, quirks included: +ES after S/X/Z, Y -> IES,
**             else +S; +D after E, else +ED; +ING dropping an E after a
**             consonant.  Plurals: agents Y -> IES, S -> +ES, else +S; synset
**             members Y -> IES, a final S -> ES (CROSS -> CROSES), else +S.
**   TABARI    no generation: an exact word (written with a trailing _) also
**             matches its "regular endings" when it is the last word of a
**             phrase: verbs +S +ES +ED +EN +ING (+D after E), actors, agents
**             and nouns +S +ES ('S is split off by the tokenizer anyway).
**
** Words are folded (upper case) before they get here.
*/
#include "dict/dict_internal.h"

#include <string.h>

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static int is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_consonant(char c)
{
    return is_letter(c) && !is_vowel(c);
}

static int ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* out = w[0..keep) + suffix; 0 when it does not fit. */
static size_t make(char *out, size_t cap, const char *w, size_t keep, const char *suffix)
{
    size_t n = strlen(suffix);
    if (keep + n + 1 > cap)
        return 0;
    memcpy(out, w, keep);
    memcpy(out + keep, suffix, n);
    out[keep + n] = '\0';
    return keep + n;
}

static size_t add(word_form *out, size_t k, const char *w, size_t keep, const char *suffix,
                  uint8_t form)
{
    if (make(out[k].text, sizeof out[k].text, w, keep, suffix)) {
        out[k].form = form;
        return k + 1;
    }
    return k;
}

size_t forms_native_verb(const char *w, size_t len, int double_final, word_form out[3])
{
    size_t k = 0;
    if (len == 0)
        return 0;
    char last = w[len - 1];
    char before = len >= 2 ? w[len - 2] : '\0';
    /* -S */
    if (ends_with(w, len, "S") || ends_with(w, len, "X") || ends_with(w, len, "Z") ||
        ends_with(w, len, "CH") || ends_with(w, len, "SH"))
        k = add(out, k, w, len, "ES", VFORM_S);
    else if (last == 'Y' && is_consonant(before))
        k = add(out, k, w, len - 1, "IES", VFORM_S);
    else
        k = add(out, k, w, len, "S", VFORM_S);
    /* -ED */
    char dbl[2] = {last, '\0'};
    char sfx[8];
    if (double_final && is_consonant(last)) {
        memcpy(sfx, dbl, 1);
        memcpy(sfx + 1, "ED", 3);
        k = add(out, k, w, len, sfx, VFORM_PAST);
    } else if (last == 'E')
        k = add(out, k, w, len, "D", VFORM_PAST);
    else if (last == 'Y' && is_consonant(before))
        k = add(out, k, w, len - 1, "IED", VFORM_PAST);
    else
        k = add(out, k, w, len, "ED", VFORM_PAST);
    /* -ING */
    if (double_final && is_consonant(last)) {
        memcpy(sfx, dbl, 1);
        memcpy(sfx + 1, "ING", 4);
        k = add(out, k, w, len, sfx, VFORM_ING);
    } else if (ends_with(w, len, "IE") && len > 2)
        k = add(out, k, w, len - 2, "YING", VFORM_ING);
    else if (last == 'E' && is_consonant(before) && len > 2)
        k = add(out, k, w, len - 1, "ING", VFORM_ING);
    else
        k = add(out, k, w, len, "ING", VFORM_ING);
    return k;
}

size_t forms_petrarch_verb(const char *w, size_t len, word_form out[3])
{
    size_t k = 0;
    if (len == 0)
        return 0;
    char last = w[len - 1];
    if (last == 'S' || last == 'X' || last == 'Z')
        k = add(out, k, w, len, "ES", VFORM_S);
    else if (last == 'Y')
        k = add(out, k, w, len - 1, "IES", VFORM_S);
    else
        k = add(out, k, w, len, "S", VFORM_S);
    if (last == 'E')
        k = add(out, k, w, len, "D", VFORM_PAST);
    else
        k = add(out, k, w, len, "ED", VFORM_PAST);
    if (last == 'E' && len >= 2 && !is_vowel(w[len - 2]))
        k = add(out, k, w, len - 1, "ING", VFORM_ING);
    else
        k = add(out, k, w, len, "ING", VFORM_ING);
    return k;
}

size_t forms_tabari_endings(const char *w, size_t len, int verb, word_form out[6])
{
    size_t k = 0;
    if (len == 0 || !is_letter(w[len - 1]))
        return 0;
    k = add(out, k, w, len, "S", verb ? VFORM_S : 0);
    k = add(out, k, w, len, "ES", verb ? VFORM_S : 0);
    if (verb) {
        k = add(out, k, w, len, "ED", VFORM_PAST);
        k = add(out, k, w, len, "EN", VFORM_PARTICIPLE);
        k = add(out, k, w, len, "ING", VFORM_ING);
        if (w[len - 1] == 'E')
            k = add(out, k, w, len, "D", VFORM_PAST);
    }
    return k;
}

size_t plural_native(const char *w, size_t len, char *out, size_t cap)
{
    if (len == 0)
        return 0;
    if (w[len - 1] == 'Y' && len >= 2 && is_consonant(w[len - 2]))
        return make(out, cap, w, len - 1, "IES");
    if (ends_with(w, len, "S") || ends_with(w, len, "X") || ends_with(w, len, "Z") ||
        ends_with(w, len, "CH") || ends_with(w, len, "SH"))
        return make(out, cap, w, len, "ES");
    return make(out, cap, w, len, "S");
}

size_t plural_petrarch_agent(const char *w, size_t len, char *out, size_t cap)
{
    if (len == 0)
        return 0;
    if (w[len - 1] == 'Y')
        return make(out, cap, w, len - 1, "IES");
    if (w[len - 1] == 'S')
        return make(out, cap, w, len, "ES");
    return make(out, cap, w, len, "S");
}

size_t plural_petrarch_synset(const char *w, size_t len, char *out, size_t cap)
{
    if (len == 0)
        return 0;
    if (w[len - 1] == 'Y')
        return make(out, cap, w, len - 1, "IES");
    if (w[len - 1] == 'S')
        return make(out, cap, w, len - 1, "ES");
    return make(out, cap, w, len, "S");
}

uint8_t forms_classify(const char *base, size_t blen, const char *f, size_t flen,
                       int *unclassified)
{
    *unclassified = 0;
    if (ends_with(f, flen, "ING"))
        return VFORM_ING;
    if (flen == blen + 1 && f[flen - 1] == 'S' && memcmp(f, base, blen) == 0)
        return VFORM_S;
    if (flen == blen + 2 && ends_with(f, flen, "ES") && memcmp(f, base, blen) == 0)
        return VFORM_S;
    if (blen >= 1 && flen == blen + 2 && ends_with(f, flen, "IES") &&
        memcmp(f, base, blen - 1) == 0)
        return VFORM_S;
    if (ends_with(f, flen, "ED"))
        return VFORM_PAST;
    *unclassified = 1;
    return VFORM_PAST;
}
