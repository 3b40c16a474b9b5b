/*
** ingestint.h: the pieces of ingest shared by its readers (src/ingest only).
**
**   instream    bytes from a file descriptor or memory, gunzipped or
**               zstd-decoded on the fly when the magic bytes say so;
**   linereader  a bounded buffer over an instream: lines (an over-long line is
**               measured and skipped without being held), prefixes for format
**               detection, and whole-document reads up to a limit;
**   ingest_run  the state of one ingest call: options, callback, diagnostics,
**               statistics, and the ordinal of the next document;
**   readers     one function per format, each consuming a linereader.
*/
#ifndef DYAD_INGESTINT_H
#define DYAD_INGESTINT_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>
#include <zstd.h>

#include "ingest/ingest.h"
#include "util/strbuf.h"

#define INGEST_DEFAULT_MAX_RECORD (16u << 20)
#define INGEST_CHUNK (64u << 10)

/* ---- instream ---------------------------------------------------------- */

enum { COMP_NONE = 0, COMP_GZIP, COMP_ZSTD };

typedef struct instream {
    const char *name;
    diag_sink *diags;
    int fd;                         /* -1: memory */
    const unsigned char *raw;       /* raw (compressed or not) bytes buffered */
    size_t raw_len, raw_pos;
    unsigned char *raw_buf;         /* owned buffer when reading a descriptor */
    int raw_eof;
    int comp;
    z_stream z;
    int z_ready;
    ZSTD_DStream *zd;
    size_t zstd_pending;            /* last ZSTD_decompressStream hint: 0 = frame done */
    int zstd_any;                   /* some input was fed to the current frame */
    uint64_t out_total;             /* decompressed bytes handed out */
    int done;                       /* no more output (end, truncation or error) */
    int truncated, corrupt, read_error;
} instream;

/* Open a stream over a descriptor (not closed by instream_close) or memory,
   sniffing gzip/zstd magic.  Returns 0, or -1 on out of memory (reported). */
int instream_open_fd(instream *s, int fd, const char *name, diag_sink *diags);
int instream_open_mem(instream *s, const void *data, size_t len, const char *name,
                      diag_sink *diags);

/* Up to cap decompressed bytes into buf: >0 bytes, 0 at the end (also after a
   truncated or corrupt stream, which has then been reported). */
size_t instream_read(instream *s, void *buf, size_t cap);
void instream_close(instream *s);

/* ---- linereader -------------------------------------------------------- */

typedef struct linereader {
    instream *in;
    char *buf;
    size_t start, len, cap;         /* unread bytes are buf[start..len) */
    uint64_t base;                  /* stream offset of buf[0] */
    int eof;
    long line;                      /* number of the line last returned (1-based) */
    size_t limit;                   /* lr_next_line's max: the buffer never grows past it */
    int oom;
} linereader;

typedef struct line_ref {
    const char *text;
    size_t len;                     /* without the '\n' (and a '\r' before it) */
    long line;
    uint64_t offset;                /* stream offset of the line's first byte */
    int oversize;                   /* 1: the line exceeded the limit and was skipped;
                                       len is then its length, text is NULL */
    int unterminated;               /* the stream ended inside this line */
} line_ref;

void lr_init(linereader *lr, instream *in);
void lr_free(linereader *lr);

/* Make at least `want` unread bytes available (fewer at the end). Returns the
   number available. */
size_t lr_peek(linereader *lr, size_t want, const char **data);

/* The next line, at most max bytes long (longer ones are skipped, with
   oversize set).  Returns 1, or 0 at the end of the stream. */
int lr_next_line(linereader *lr, size_t max, line_ref *out);

/* Read everything that is left into out (appended).  Returns 0, 1 when it is
   longer than max (out then holds an unspecified prefix and the rest of the
   stream has been drained and counted into *total), or -1 on out of memory. */
int lr_read_all(linereader *lr, size_t max, strbuf *out, uint64_t *total);

/* ---- the parser: one record -> one document ------------------------------ */

/* Scratch buffers reused from record to record; one per thread (see
   ingest_parse_record).  Embedded in an ingest_run for the readers that deliver
   documents, allocated by ingest_parser_new for the coder pool's workers. */
struct ingest_parser {
    ingest_options opt;             /* with defaults filled in */
    strbuf fixed, scratch, decoded, text, authors;
    clean_scratch *clean;           /* the cleaner's buffers (ingest_clean_article_in) */
    int jsonl_no_fast;              /* 1: every JSONL line through jansson (tests) */
    uint64_t jsonl_fast_lines;      /* lines the fast path read (jsonl.c) */
};

void ingest_parser_init(ingest_parser *p, const ingest_options *opt);
void ingest_parser_clear(ingest_parser *p); /* frees the buffers; p stays usable */

/* The parsers of each format (same contract as ingest_parse_record). */
int ingest_parse_jsonl(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                       document **out);
int ingest_parse_tabari(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                        document **out);
int ingest_parse_article(ingest_parser *p, const ingest_record *rec, diag_sink *diags,
                         document **out);

/* ---- the run ----------------------------------------------------------- */

typedef struct ingest_run {
    ingest_options opt;             /* with defaults filled in */
    document_fn fn;                 /* documents out (parsed here) ... */
    record_fn record_fn;            /* ... or raw records out (parsed by the caller) */
    ingest_parser parser;           /* for fn */
    void *ctx;
    diag_sink *diags;
    ingest_stats *stats;
    ingest_stats own_stats;
    int stop;                       /* the callback's non-zero answer */
    size_t id_skip;                 /* bytes of an input path left out of document ids */
    int jsonl_no_fast;              /* 1: every JSONL line through jansson (for tests that
                                       compare the fast path with it) */
    uint64_t jsonl_fast_lines;      /* lines the fast path read (jsonl.c) */
} ingest_run;

void ingest_run_init(ingest_run *r, const ingest_options *opt, document_fn fn, void *ctx,
                     diag_sink *diags, ingest_stats *stats);

/* Hand doc to the callback (setting its ordinal); returns its answer. */
int ingest_deliver(ingest_run *r, document *doc);

/* A reader's record: to the record callback, or parsed here and delivered.
   Returns the callback's answer (0 to go on). */
int ingest_emit(ingest_run *r, const ingest_record *rec);

/* Before a reader hands out an HTML record: libxml2's one-time setup, on the
   reading thread, so that workers can parse pages at the same time. */
void ingest_html_prepare(void);

/* Read one stream (a file, stdin or memory) named `name` in the run's format
   (detected when INGEST_AUTO).  in_walk: skip obvious binaries quietly.
   Returns 0 or the callback's answer. */
int ingest_stream(ingest_run *r, instream *in, const char *name, int in_walk);

/* Format readers. */
int ingest_read_jsonl(ingest_run *r, linereader *lr, const char *name);
int ingest_read_tabari(ingest_run *r, linereader *lr, const char *name);
int ingest_read_text(ingest_run *r, linereader *lr, const char *name);
int ingest_read_html(ingest_run *r, linereader *lr, const char *name);

/* Detection on a prefix of the (decompressed) input. */
ingest_format ingest_detect_format(const char *p, size_t n);
int ingest_looks_binary(const char *p, size_t n);

/* HTML bytes -> title and body paragraphs ("\n\n" between) plus metadata set
   on doc (outlet, author, url, lang, published when found).  Returns 0, or -1
   when the page could not be parsed at all. */
int ingest_html_extract(document *doc, const char *html, size_t len, strbuf *title,
                        strbuf *body, const char *name, diag_sink *diags);

/* Text without cleaning (keep_boilerplate): normalized, title kept as given. */
int ingest_plain_article(document *doc, const char *title, size_t title_len, const char *raw,
                         size_t raw_len, const char *name, diag_sink *diags);

/* Parse a date the way news pages write it; 0 on success. Accepts everything
   civil_parse does, plus compact YYYYMMDD/YYMMDD digits. */
int ingest_parse_date(const char *s, size_t len, int32_t *days);

#endif
