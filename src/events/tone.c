/*
** tone.c: the tone lexicon (an open-addressing set of 64-bit word hashes) and
** the scorer; see tone.h.
**
** Keys are hashes of the lower-cased word (stems hashed with a different seed),
** compared as hashes: with 64 bits and a few thousand entries a false match
** has odds of about 1 in 10^15 per lookup, so the words themselves are not
** kept.  Scoring folds each word into a stack buffer, looks it up whole, then
** tries its prefixes of the lengths some stem has (a 64-bit mask), longest
** first: no allocation per word.
*/
#include "events/tone.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

#define TONE_WORD_MAX 63
#define STEM_SEED 0x5354454dULL   /* "STEM" */

typedef struct tone_slot {
    uint64_t key;               /* 0 = empty (a real key of 0 is bumped to 1) */
    int8_t polarity;
} tone_slot;

struct tone_lexicon {
    tone_slot *slots;
    size_t cap, n;              /* cap is a power of two */
    uint64_t stem_lengths;      /* bit L set: some stem has length L (1..63) */
};

static uint64_t word_key(const char *w, size_t len, int stem)
{
    uint64_t k = stem ? hash64_seeded(w, len, STEM_SEED) : hash64(w, len);
    return k ? k : 1;
}

tone_lexicon *tone_lexicon_new(void)
{
    tone_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->cap = 1024;
    lx->slots = calloc(lx->cap, sizeof *lx->slots);
    if (!lx->slots) {
        free(lx);
        return NULL;
    }
    return lx;
}

void tone_lexicon_free(tone_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->slots);
    free(lx);
}

size_t tone_lexicon_size(const tone_lexicon *lx)
{
    return lx->n;
}

static tone_slot *slot_for(tone_slot *slots, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(tone_lexicon *lx)
{
    size_t cap = lx->cap * 2;
    tone_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < lx->cap; i++)
        if (lx->slots[i].key)
            *slot_for(slots, cap, lx->slots[i].key) = lx->slots[i];
    free(lx->slots);
    lx->slots = slots;
    lx->cap = cap;
    return 0;
}

static size_t fold_ascii(const char *s, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    return len;
}

int tone_lexicon_add(tone_lexicon *lx, const char *word, size_t len, int polarity)
{
    int stem = len > 0 && word[len - 1] == '*';
    if (stem)
        len--;
    if (len == 0 || len > TONE_WORD_MAX || (polarity != 1 && polarity != -1))
        return -1;
    if ((lx->n + 1) * 2 > lx->cap && grow(lx) != 0)
        return -1;
    char buf[TONE_WORD_MAX + 1];
    fold_ascii(word, len, buf);
    uint64_t key = word_key(buf, len, stem);
    tone_slot *s = slot_for(lx->slots, lx->cap, key);
    if (!s->key)
        lx->n++;
    s->key = key;
    s->polarity = (int8_t)polarity;
    if (stem)
        lx->stem_lengths |= 1ULL << len;
    return 0;
}

static int add_list(tone_lexicon *lx, const char *const *words, int polarity)
{
    for (size_t i = 0; words[i]; i++)
        if (tone_lexicon_add(lx, words[i], strlen(words[i]), polarity) != 0)
            return -1;
    return 0;
}

tone_lexicon *tone_lexicon_builtin(void)
{
    tone_lexicon *lx = tone_lexicon_new();
    if (!lx)
        return NULL;
    if (add_list(lx, tone_builtin_positive, 1) != 0 ||
        add_list(lx, tone_builtin_negative, -1) != 0) {
        tone_lexicon_free(lx);
        return NULL;
    }
    return lx;
}

long tone_lexicon_load(tone_lexicon *lx, const char *text, size_t len, const char *name,
                       diag_sink *diags)
{
    long added = 0, line_no = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t end = i++;
        line_no++;
        const char *hash = memchr(text + start, '#', end - start);
        if (hash)
            end = (size_t)(hash - text);
        while (start < end && (text[start] == ' ' || text[start] == '\t'))
            start++;
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                               text[end - 1] == '\r'))
            end--;
        if (start == end)
            continue;
        int polarity = text[start] == '+' ? 1 : text[start] == '-' ? -1 : 0;
        if (polarity == 0 || end - start < 2) {
            diag_report(diags, DIAG_WARNING, name, line_no, (long long)start,
                        "tone list: expected '+word' or '-word'");
            continue;
        }
        if (tone_lexicon_add(lx, text + start + 1, end - start - 1, polarity) != 0) {
            diag_report(diags, DIAG_WARNING, name, line_no, (long long)start,
                        "tone list: entry empty or longer than %d bytes", TONE_WORD_MAX);
            continue;
        }
        added++;
    }
    return added;
}

static int lookup(const tone_lexicon *lx, const char *w, size_t len, int stem)
{
    const tone_slot *s = slot_for(lx->slots, lx->cap, word_key(w, len, stem));
    return s->key ? s->polarity : 0;
}

/* Polarity of one folded word: exact entry first, then the longest stem. */
static int word_polarity(const tone_lexicon *lx, const char *w, size_t len)
{
    int p = lookup(lx, w, len, 0);
    if (p)
        return p;
    for (size_t l = len; l >= 1; l--)
        if ((lx->stem_lengths >> l) & 1) {
            p = lookup(lx, w, l, 1);
            if (p)
                return p;
        }
    return 0;
}

/* Length of the UTF-8 apostrophe (' or U+2019/U+2018) at s[i], else 0. */
static size_t apostrophe_at(const unsigned char *s, size_t i, size_t len)
{
    if (s[i] == '\'')
        return 1;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x98 || s[i + 2] == 0x99))
        return 3;
    return 0;
}

/* Letters: ASCII letters and non-ASCII bytes other than general punctuation
   (U+2000..U+206F, encoded E2 80..81 xx). */
static int is_letter_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if (c < 0x80)
        return 0;
    return !(c == 0xE2 && i + 1 < len && (s[i + 1] == 0x80 || s[i + 1] == 0x81));
}

void tone_of_text(const tone_lexicon *lx, const char *text, size_t len, tone_score *out)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t words = 0, pos = 0, neg = 0;
    size_t i = 0;
    while (i < len) {
        if (!is_letter_at(s, i, len) && !(s[i] >= '0' && s[i] <= '9')) {
            size_t a = apostrophe_at(s, i, len);
            i += a ? a : (s[i] == 0xE2 && i + 2 < len ? 3 : 1);
            continue;
        }
        /* a token: letters and digits, with inner apostrophes */
        size_t start = i, key_end = 0;
        int letters = 0;
        while (i < len) {
            if (is_letter_at(s, i, len)) {
                letters = 1;
                i++;
            } else if (s[i] >= '0' && s[i] <= '9') {
                i++;
            } else {
                size_t a = apostrophe_at(s, i, len);
                if (a && i + a < len && is_letter_at(s, i + a, len)) {
                    if (!key_end)
                        key_end = i;
                    i += a;
                } else {
                    break;
                }
            }
        }
        if (!letters)
            continue;
        words++;
        size_t klen = (key_end ? key_end : i) - start;
        if (klen > TONE_WORD_MAX)
            continue;
        char buf[TONE_WORD_MAX + 1];
        fold_ascii(text + start, klen, buf);
        int p = word_polarity(lx, buf, klen);
        if (p > 0)
            pos++;
        else if (p < 0)
            neg++;
    }
    out->words = words;
    out->positive = pos;
    out->negative = neg;
    out->tone = words ? ((double)pos - (double)neg) * 100.0 / words : 0.0;
    out->positive_pct = words ? pos * 100.0 / words : 0.0;
    out->negative_pct = words ? neg * 100.0 / words : 0.0;
}
