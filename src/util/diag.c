/* diag.c: formatting and counting diagnostics; see diag.h. */
#include "util/diag.h"

#include <string.h>

const char *diag_level_name(diag_level level)
{
    switch (level) {
    case DIAG_NOTE: return "note";
    case DIAG_WARNING: return "warning";
    case DIAG_ERROR: return "error";
    case DIAG_FATAL: return "fatal";
    }
    return "?";
}

void diag_vreport(diag_sink *sink, diag_level level, const char *file, long line,
                  long long offset, const char *fmt, va_list ap)
{
    if (!sink)
        return;
    sink->counts[level]++;
    if (!sink->fn)
        return;
    char message[1024];
    vsnprintf(message, sizeof message, fmt, ap);
    diag d = {level, file, line, offset, message};
    sink->fn(sink->ctx, &d);
}

void diag_report(diag_sink *sink, diag_level level, const char *file, long line,
                 long long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(sink, level, file, line, offset, fmt, ap);
    va_end(ap);
}

void diag_format(const diag *d, char *buf, size_t size)
{
    size_t n = 0;
    int w;
    if (d->file) {
        w = snprintf(buf, size, "%s:", d->file);
        n = w > 0 ? (size_t)w : 0;
        if (d->line > 0 && n < size) {
            w = snprintf(buf + n, size - n, "%ld:", d->line);
            n += w > 0 ? (size_t)w : 0;
        }
        if (d->offset >= 0 && n < size) {
            w = snprintf(buf + n, size - n, " byte %lld:", d->offset);
            n += w > 0 ? (size_t)w : 0;
        }
        if (n < size) {
            buf[n++] = ' ';
            buf[n] = '\0';
        }
    }
    if (n < size)
        snprintf(buf + n, size - n, "%s: %s", diag_level_name(d->level), d->message);
}

void diag_print_fn(void *ctx, const diag *d)
{
    char line[1400];
    diag_format(d, line, sizeof line);
    fprintf(ctx ? (FILE *)ctx : stderr, "dyad: %s\n", line);
}
