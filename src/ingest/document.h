/*
** document.h: a news document, cleaned, with its metadata.
**
** This is what ingest hands to the coder.  `text` is the codable text: the
** title (when there is one) as its first paragraph, then a blank line, then the
** body with boilerplate and markup removed, as valid NFC UTF-8.  Every byte span
** that dyad reports (sentences, actors, verbs) is an offset into `text`.
**
** A document owns all of its strings through its arena: document_free releases
** everything at once.
*/
#ifndef DYAD_DOCUMENT_H
#define DYAD_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/hash.h"

typedef struct document {
    arena mem;                  /* owns every string below */

    const char *id;             /* the input's id ("agnews-test-12"), else derived
                                   from the file name ("seeds/000_x.txt") */
    const char *source_name;    /* input path, or "-" for standard input */
    long source_line;           /* 1-based line of a JSONL/TABARI record, else 0 */
    uint64_t ordinal;           /* 0-based position in the whole input stream */

    const char *text;           /* title paragraph, "\n\n", body (or just the body) */
    size_t text_len;
    size_t title_len;           /* bytes of text that are the title; 0 = no title */

    const char *title;          /* NULL when absent (also inside text, see above) */
    const char *outlet;         /* publisher / agency: "Reuters", "Global Research" */
    const char *url;
    const char *author;         /* byline: "Kim Hoon" */
    const char *place;          /* dateline place: "KABUL, Afghanistan" -> "KABUL, Afghanistan" */
    const char *original_source;/* "originally published on huanqiu.com" -> "huanqiu.com" */
    const char *lang;           /* "en" when known */
    int32_t published;          /* day number (util/civil_date.h) or DATE_UNKNOWN */

    content_hash hash;          /* of text: the same text is the same document */
} document;

/* A new empty document with its own arena; NULL on out of memory. */
document *document_new(void);
void document_free(document *doc);

/* Copy s[0..len) into the document's arena (NUL-terminated); NULL on OOM. */
const char *document_strndup(document *doc, const char *s, size_t len);

/* Set text (copied) and compute its hash. title_len as in the struct. */
int document_set_text(document *doc, const char *text, size_t len, size_t title_len);

#endif
