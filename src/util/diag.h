/*
** diag.h: diagnostics, the way every stage reports a problem.
**
** dyad never aborts on bad input.  A stage that meets a problem it can step over
** (an invalid UTF-8 sequence, a malformed JSON line, an unreadable dictionary
** entry) reports it to a diag_sink, naming the file, the line (1-based, 0 when
** unknown) and the byte offset (-1 when unknown), and carries on with what it
** can still use.  A stage that cannot go on returns an error status as well.
** The command line decides what to print and which exit code a run deserves,
** from the counts the sink keeps.
*/
#ifndef DYAD_DIAG_H
#define DYAD_DIAG_H

#include <stdarg.h>
#include <stdio.h>

typedef enum diag_level {
    DIAG_NOTE,      /* informational: a skipped boilerplate block, a guess made */
    DIAG_WARNING,   /* input partly lost, the run goes on: a bad line, an unknown date */
    DIAG_ERROR,     /* a whole input (file, document) lost, the run goes on */
    DIAG_FATAL      /* the run cannot go on */
} diag_level;

typedef struct diag {
    diag_level level;
    const char *file;       /* input name, or NULL */
    long line;              /* 1-based line, 0 when not meaningful */
    long long offset;       /* byte offset in the input, -1 when unknown */
    const char *message;
} diag;

typedef void (*diag_fn)(void *ctx, const diag *d);

typedef struct diag_sink {
    diag_fn fn;             /* NULL: count only */
    void *ctx;
    unsigned long counts[4];/* by level */
} diag_sink;

/* Report a problem to the sink (which may be NULL: then it is dropped). */
void diag_report(diag_sink *sink, diag_level level, const char *file, long line,
                 long long offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

void diag_vreport(diag_sink *sink, diag_level level, const char *file, long line,
                  long long offset, const char *fmt, va_list ap);

/* A diag_fn that prints "dyad: FILE:LINE: offset N: level: message" to the
   FILE* given as ctx, the format compilers use so editors can jump to it. */
void diag_print_fn(void *ctx, const diag *d);

/* Format d as one line into buf (always NUL-terminated). */
void diag_format(const diag *d, char *buf, size_t size);

const char *diag_level_name(diag_level level);

#endif
