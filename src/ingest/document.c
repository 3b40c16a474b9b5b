/* document.c: see document.h. */
#include "ingest/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"

document *document_new(void)
{
    document *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    arena_init(&doc->mem, 4096);
    doc->published = DATE_UNKNOWN;
    doc->text = "";
    return doc;
}

void document_free(document *doc)
{
    if (!doc)
        return;
    arena_free(&doc->mem);
    free(doc);
}

const char *document_strndup(document *doc, const char *s, size_t len)
{
    return arena_strndup(&doc->mem, s, len);
}

int document_set_text(document *doc, const char *text, size_t len, size_t title_len)
{
    const char *copy = arena_strndup(&doc->mem, text, len);
    if (!copy)
        return -1;
    doc->text = copy;
    doc->text_len = len;
    doc->title_len = title_len <= len ? title_len : len;
    doc->hash = content_hash_of(copy, len);
    return 0;
}
