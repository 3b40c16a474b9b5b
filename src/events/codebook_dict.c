/*
** codebook_dict.c: a codebook_lookup over a dictionary set.  In a file of its
** own so that programs that never touch a dictionary (the read commands, the
** unit tests) do not pull the dictionary module in when linking statically.
*/
#include "events/events.h"

static const codebook_entry *dict_find(void *ctx, const char *code)
{
    return dict_codebook((const dict_set *)ctx, code);
}

static const codebook_entry *dict_at(void *ctx, size_t i)
{
    const dict_set *d = ctx;
    return i < dict_n_codes(d) ? dict_codebook_at(d, i) : NULL;
}

codebook_lookup codebook_lookup_dict(const dict_set *d)
{
    codebook_lookup cb = {dict_find, dict_at, (void *)d};
    return cb;
}
