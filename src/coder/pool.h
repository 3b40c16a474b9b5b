/*
** pool.h: coding on every core, with output in input order.
**
** Documents are submitted one at a time on the calling thread and grouped into
** batches; worker threads, each with its own coder over the one shared,
** read-only coder_model, code whole batches; the results come back through the
** callback on the calling thread, in exactly the order the documents were
** submitted, whatever the number of threads.  So `dyad code` prints and stores
** the same bytes with 1 thread or 16.  With one thread nothing is started: the
** documents are coded inline.
*/
#ifndef DYAD_POOL_H
#define DYAD_POOL_H

#include "coder/coder.h"

/* Called in submission order, on the submitting thread.  The pool frees `doc`
   after the call.  Return non-zero to stop (the pool then drops the rest). */
typedef int (*coded_fn)(void *ctx, const document *doc, const event_mention *mentions,
                        size_t n);

typedef struct coder_pool coder_pool;

/* threads <= 0: one per core. NULL on failure. */
coder_pool *coder_pool_new(const coder_model *model, const coder_options *opt, int threads,
                           coded_fn fn, void *ctx);

/* Hand over a document (the pool owns it from now on).  Returns 0, -1 on out of
   memory, or the callback's non-zero result. */
int coder_pool_submit(coder_pool *p, document *doc);

/* Wait for everything submitted and deliver it.  Returns as submit does. */
int coder_pool_finish(coder_pool *p);

/* Threads actually used. */
int coder_pool_threads(const coder_pool *p);

/* Sentences and tokens coded by all workers (valid after finish). */
uint64_t coder_pool_sentences(const coder_pool *p);
uint64_t coder_pool_tokens(const coder_pool *p);

void coder_pool_free(coder_pool *p);

#endif
