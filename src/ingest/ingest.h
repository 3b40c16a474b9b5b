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

/* ---- records: reading apart from parsing ------------------------------------

   `dyad code` reads on one thread and parses on many.  The readers split the
   input into raw records (a JSONL line, a TABARI record, a whole text or HTML
   file) and report what is wrong with the input as a stream (a line over the
   record limit, a truncated archive, a file that cannot be opened, a binary
   file in a folder); ingest_parse_record turns one record into a document and
   reports what is wrong with the record itself (not JSON, no text, an unknown
   date, invalid UTF-8, and the notes of cleaning).  Reading a path with
   ingest_path and with ingest_path_records then parsing every record in order
   through the same sink gives the same documents and the same diagnostics in
   the same order. */

typedef struct ingest_record {
    ingest_format format;       /* INGEST_JSONL, INGEST_TABARI, INGEST_TEXT or INGEST_HTML */
    const char *name;           /* the input's name */
    size_t id_skip;             /* whole files: bytes of name left out of the id */
    long line;                  /* 1-based line the record starts on; 0 for whole files */
    uint64_t offset;            /* stream offset of that line (0 for whole files) */
    size_t lead;                /* JSONL: blanks on the line before `bytes` */
    const char *bytes;          /* the record (TABARI: header line, '\n', joined text) */
    size_t len;
} ingest_record;

/* Receives each record, in input order; the record's strings are valid only
   during the call.  Return 0 to go on, non-zero to stop (as document_fn). */
typedef int (*record_fn)(void *ctx, const ingest_record *rec);

/* ingest_path, handing out raw records instead of documents.  stats->documents
   and skipped_records count only what the reader itself decided. */
int ingest_path_records(const char *path, const ingest_options *opt, record_fn fn, void *ctx,
                        diag_sink *diags, ingest_stats *stats);

/* Per-thread scratch for parsing records. */
typedef struct ingest_parser ingest_parser;

ingest_parser *ingest_parser_new(const ingest_options *opt);
void ingest_parser_free(ingest_parser *p);

/* One record -> one document, a function of the record's bytes and the
   options (reports go to diags).  Returns 1 with *out set (the default date
   applied; the ordinal is the caller's), 0 when the record gives no document
   (reported: a skipped record), or -1 when it was lost for lack of memory. */
int ingest_parse_record(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                        document **out);

/* Clean one article's raw text into doc (title detection, byline, dateline,
   boilerplate, markup such as <u>...</u>, metadata); used by the text and
   JSONL readers.  title may be NULL.  Returns 0, or -1 on out of memory. */
int ingest_clean_article(document *doc, const char *title, size_t title_len,
                         const char *raw, size_t raw_len, const char *name, diag_sink *diags);

/* The same with buffers kept from one article to the next: *cs is created on
   first use (NULL to start) and freed with ingest_clean_scratch_free. */
typedef struct clean_scratch clean_scratch;
int ingest_clean_article_in(clean_scratch **cs, document *doc, const char *title,
                            size_t title_len, const char *raw, size_t raw_len, const char *name,
                            diag_sink *diags);
void ingest_clean_scratch_free(clean_scratch *cs);

#endif
