/*
** lex.c: cutting dictionary words into the tokens the text layer makes of news.
**
** A dictionary phrase only matches if its words are the same tokens that
** text_tokenize produces from a sentence: `U.S.` is one word, `KIM'S` is `KIM`
** + `'S`, `SELF-PROPELLED` is one word, `ANTI-` is `ANTI` + `-`.  So the words a
** reader cut out of a line (at its dialect's separators: `_`, blanks, TABARI's
** `~_` and `=`) are joined with blanks into one small "sentence" and given to
** text_tokenize itself; every token is then mapped back to the word it came
** from.  Tokenizing the phrase as a whole (not word by word) lets the rules
** that look at context (an initial keeps its period unless it ends the
** sentence) see the phrase the way they would see it in news.
*/
#include "dict/dict_internal.h"

#include <string.h>

#include "text/text.h"

size_t dict_pieces(dict_builder *b, const phrase_word *w, size_t n, word_piece *out,
                   size_t cap)
{
    char buf[4096];
    uint32_t wstart[DICT_MAX_PHRASE], wend[DICT_MAX_PHRASE];
    size_t len = 0;
    if (n > DICT_MAX_PHRASE)
        return SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (len + w[i].len + 1 >= sizeof buf)
            return SIZE_MAX;
        wstart[i] = (uint32_t)len;
        memcpy(buf + len, w[i].s, w[i].len);
        len += w[i].len;
        wend[i] = (uint32_t)len;
        buf[len++] = ' ';
    }
    token_vec *toks = &b->toks;
    vec_clear(toks);
    sentence s = {0, (uint32_t)(len ? len - 1 : 0), 0, 0};
    if (text_tokenize(NULL, buf, &s, toks) < 0)
        return SIZE_MAX;
    size_t k = 0, j = 0;
    for (size_t t = 0; t < toks->len; t++) {
        const token *tk = &toks->items[t];
        while (j + 1 < n && tk->start >= wend[j])
            j++;
        if (k >= cap)
            return SIZE_MAX;
        uint32_t st = tk->start < wstart[j] ? wstart[j] : tk->start;
        uint32_t en = tk->end > wend[j] ? wend[j] : tk->end;
        out[k].s = w[j].s + (st - wstart[j]);
        out[k].len = en - st;
        out[k].word = (uint8_t)j;
        out[k].is_word = tk->kind == TOK_WORD || tk->kind == TOK_NUMBER;
        k++;
    }
    return k;
}
