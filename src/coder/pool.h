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
**
** Output can be rendered on the workers too (coder_pool_set_renderer): a
** render function turns each coded document into bytes on the thread that
** coded it, and the callback, still called in order on the submitting thread,
** only has to write them (coder_pool_rendered).  Rendering JSONL evidence costs
** as much as coding on event-dense text; done on one thread it would cap the
** speed-up of every other core.
**
** Parsing can be on the workers too (coder_pool_set_ingest): the reader on the
** submitting thread only cuts the input into raw records (ingest_path_records
** with coder_pool_submit_record and the pool's reader sink), and each worker
** turns its records into documents (ingest_parse_record) before coding them.
** Diagnostics keep their order: what the reader reports is held in its place
** between the records, what parsing a record reports is held with the record,
** and both are replayed to the run's sink, in input order, on the submitting
** thread as the batch is delivered, so stderr reads exactly as if everything
** had been done on one thread.
*/
#ifndef DYAD_POOL_H
#define DYAD_POOL_H

#include "coder/coder.h"
#include "ingest/ingest.h"
#include "util/strbuf.h"

/* Called in submission order, on the submitting thread.  The pool frees `doc`
   after the call.  Return non-zero to stop (the pool then drops the rest). */
typedef int (*coded_fn)(void *ctx, const document *doc, const event_mention *mentions,
                        size_t n);

typedef struct coder_pool coder_pool;

/* threads <= 0: one per core. NULL on failure. */
coder_pool *coder_pool_new(const coder_model *model, const coder_options *opt, int threads,
                           coded_fn fn, void *ctx);

/* Renders one coded document by appending to out; runs on a worker thread, so
   ctx must be safe to read from several threads at once.  Returns 0, or -1
   on out of memory (the run then stops, as when the callback says so). */
typedef int (*render_fn)(void *ctx, const document *doc, const event_mention *mentions,
                         size_t n, strbuf *out);

/* Set (before the first submit) a renderer for every document. */
void coder_pool_set_renderer(coder_pool *p, render_fn fn, void *ctx);

/* During the callback: the bytes the renderer made for the document being
   delivered (len 0 without a renderer). */
const char *coder_pool_rendered(const coder_pool *p, size_t *len);

/* Hand over a document (the pool owns it from now on).  Returns 0, -1 on out of
   memory, or the callback's non-zero result. */
int coder_pool_submit(coder_pool *p, document *doc);

/* Parse raw records on the workers with these options (copied); `diags`
   receives every diagnostic of reading and parsing, in input order, on the
   submitting thread.  Call before the first submit.  Returns 0, or -1 on out
   of memory. */
int coder_pool_set_ingest(coder_pool *p, const ingest_options *opt, diag_sink *diags);

/* The sink to give the reader (ingest_path_records): its reports are held in
   their place among the records and replayed to the set_ingest sink. */
diag_sink *coder_pool_reader_diags(coder_pool *p);

/* Hand over a raw record (copied; coder_pool_set_ingest first): a worker
   parses it into a document and codes it; a record that gives no document
   delivers only its diagnostics.  Documents from records are numbered
   (ordinal) in delivery order.  Returns as coder_pool_submit does. */
int coder_pool_submit_record(coder_pool *p, const ingest_record *rec);

/* Wait for everything submitted and deliver it.  Returns as submit does. */
int coder_pool_finish(coder_pool *p);

/* Threads actually used. */
int coder_pool_threads(const coder_pool *p);

/* Sentences and tokens coded by all workers (valid after finish). */
uint64_t coder_pool_sentences(const coder_pool *p);
uint64_t coder_pool_tokens(const coder_pool *p);

void coder_pool_free(coder_pool *p);

#endif
