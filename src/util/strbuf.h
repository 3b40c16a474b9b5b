/*
** strbuf.h: a growable byte string, for building output lines and messages.
**
** The buffer is always NUL-terminated once anything has been appended.  Append
** functions return 0, or -1 when memory runs out (the buffer keeps what it had).
*/
#ifndef DYAD_STRBUF_H
#define DYAD_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

int strbuf_reserve(strbuf *sb, size_t extra);
int strbuf_append(strbuf *sb, const char *s, size_t len);
int strbuf_puts(strbuf *sb, const char *s);
int strbuf_putc(strbuf *sb, char c);
int strbuf_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);

/* Append s with JSON string escaping (no surrounding quotes). */
int strbuf_json_escape(strbuf *sb, const char *s, size_t len);

/* Append s with TSV escaping: tab, newline, CR and backslash as \t \n \r \\. */
int strbuf_tsv_escape(strbuf *sb, const char *s, size_t len);

void strbuf_clear(strbuf *sb);
void strbuf_free(strbuf *sb);

#endif
