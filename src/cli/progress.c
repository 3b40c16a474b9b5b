/* progress.c: see progress.h. */
#include "cli/progress.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int enabled)
{
    p->enabled = enabled;
    p->start = p->last_draw = now();
    p->drawn = 0;
}

void progress_update(progress *p, uint64_t documents, uint64_t bytes, uint64_t events)
{
    if (!p->enabled)
        return;
    double t = now();
    if (t - p->last_draw < 0.2)
        return;
    p->last_draw = t;
    double secs = t - p->start;
    fprintf(stderr, "\r  %llu documents  %.1f MB  %llu events  %.0f docs/s  %.1f MB/s ",
            (unsigned long long)documents, bytes / 1e6, (unsigned long long)events,
            secs > 0 ? documents / secs : 0.0, secs > 0 ? bytes / 1e6 / secs : 0.0);
    p->drawn = 1;
}

void progress_done(progress *p)
{
    if (p->enabled && p->drawn)
        fputs("\r\033[K", stderr);
}

double progress_elapsed(const progress *p)
{
    return now() - p->start;
}
