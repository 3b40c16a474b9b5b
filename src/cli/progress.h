/*
** progress.h: a one-line progress display on standard error for long runs.
** Drawn only when enabled (a terminal, or --progress), at most 5 times a second.
*/
#ifndef DYAD_PROGRESS_H
#define DYAD_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int enabled;
    double start, last_draw;
    int drawn;
} progress;

void progress_init(progress *p, int enabled);
void progress_update(progress *p, uint64_t documents, uint64_t bytes, uint64_t events);
void progress_done(progress *p);
double progress_elapsed(const progress *p);

#endif
