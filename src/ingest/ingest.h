/*
** ingest.h: from input bytes to documents.
**
** Everything a user can point `dyad code` at arrives here: files, directories
** (walked recursively, in sorted order so runs are reproducible), standard input,
** gzip- and zstd-compressed versions of all of these (recognised by their magic
** bytes, not their names), and these formats (recognised by content, or forced):
**
**   text    one document per file; the first line is the title when it is short
**           and followed by a blank line; byline ("By X"), dateline ("KABUL (AP) -"),
**           publication date lines, and boilerplate (share/follow/subscribe,
**           copyright, disclaimers, "originally published on ...") are removed
**           from the text and kept as metadata;
**   jsonl   one document per line: {"id","date","outlet","url","title","text"}
**           (also "published"/"source"/"body"/"headline" as aliases);
**   html    an article page (libxml2's HTML parser): title, meta tags, <p> text;
**   tabari  TABARI text records (date + id header line, text to a blank line).
**
** Parsers are functions of bytes (ingest_bytes), so they can be fuzzed.  Bad
** input never stops the stream: an invalid line, an unknown date, a truncated
** archive or an oversized line is reported through the diag_sink (naming file,
** line and byte offset) and every good document before and after it is still
** delivered.  Large inputs are streamed: memory stays bounded by the largest
** single document (or max_record_bytes), not by the file size.
*/
#ifndef DYAD_INGEST_H
#define DYAD_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/document.h"
#include "util/diag.h"

typedef enum ingest_format {
    INGEST_AUTO = 0,
    INGEST_TEXT,
    INGEST_JSONL,
    INGEST_HTML,
    INGEST_TABARI
} ingest_format;

typedef struct ingest_options {
    ingest_format format;       /* INGEST_AUTO: by content */
    int32_t default_date;       /* for documents that give none; DATE_UNKNOWN = none
                                   (0, as in a zero-initialised struct, also means none) */
    int keep_boilerplate;       /* 1: skip the cleaning step (for debugging) */
    size_t max_record_bytes;    /* a longer line/document is reported and skipped;
                                   0 = default (16 MiB) */
} ingest_options;

/* Receives each document; takes ownership (must document_free it eventually).
   Return 0 to go on, non-zero to stop the whole ingest (which then returns it). */
typedef int (*document_fn)(void *ctx, document *doc);

typedef struct ingest_stats {
    uint64_t files, documents, bytes, skipped_records;
} ingest_stats;

/* Ingest a path: a file, a directory (recursively), or "-" for standard input.
   Returns 0 when the input could be read (even if some records were bad), -1
   when it could not be opened at all (reported), or the callback's non-zero. */
int ingest_path(const char *path, const ingest_options *opt, document_fn fn, void *ctx,
                diag_sink *diags, ingest_stats *stats);

/* Ingest an in-memory input named `name` (decompressing it if compressed).
   Same return values as ingest_path. */
int ingest_bytes(const char *name, const void *data, size_t len, const ingest_options *opt,
                 document_fn fn, void *ctx, diag_sink *diags, ingest_stats *stats);

/* Clean one article's raw text into doc (title detection, byline, dateline,
   boilerplate, markup such as <u>...</u>, metadata); used by the text and
   JSONL readers.  title may be NULL.  Returns 0, or -1 on out of memory. */
int ingest_clean_article(document *doc, const char *title, size_t title_len,
                         const char *raw, size_t raw_len, const char *name, diag_sink *diags);

#endif
