/*
** pool.c: batches, a work queue, and an in-order delivery line; see pool.h.
**
** A batch is up to BATCH_DOCS documents or BATCH_BYTES bytes of text.  Every
** submitted batch joins two lists: the work queue (until a worker takes it) and
** the flight line (until it is delivered).  Workers finish batches in any
** order; delivery always waits for the head of the flight line, so output
** order is input order.  At most 2 x threads + 2 batches are in flight, which
** bounds memory on endless input.  A renderer, when set, runs right after each
** document is coded and appends to the batch's output buffer; delivery hands
** each document's slice of it to the callback.
*/
#include "coder/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (512 * 1024)

typedef struct batch {
    document *docs[BATCH_DOCS];
    size_t first[BATCH_DOCS + 1];   /* mentions of doc k: first[k]..first[k+1] */
    size_t out_first[BATCH_DOCS + 1];/* rendered bytes of doc k in out */
    size_t n_docs, bytes;
    mention_vec mentions;
    strbuf out;                     /* rendered documents, back to back */
    int render_failed;
    int done;
    struct batch *next_queue;
    struct batch *next_flight;
} batch;

typedef struct worker {
    pthread_t thread;
    coder *coder;
    struct coder_pool *pool;
    int started;
} worker;

struct coder_pool {
    const coder_model *model;
    coded_fn fn;
    void *ctx;
    int n_threads;
    worker *workers;
    coder *inline_coder;            /* when n_threads == 1 */

    pthread_mutex_t lock;
    pthread_cond_t work_ready, work_done;
    batch *queue_head, *queue_tail;
    batch *flight_head, *flight_tail;
    size_t in_flight;
    int stopping;
    batch *current;
    int result;                     /* first non-zero callback result */
    uint64_t sentences, tokens;
    render_fn render;
    void *render_ctx;
    const char *delivering;         /* the rendered bytes of the document being delivered */
    size_t delivering_len;
};

static void batch_free(batch *b)
{
    for (size_t k = 0; k < b->n_docs; k++)
        document_free(b->docs[k]);
    vec_free(&b->mentions);
    strbuf_free(&b->out);
    free(b);
}

static void code_batch(const coder_pool *p, coder *c, batch *b)
{
    vec_clear(&b->mentions);
    strbuf_clear(&b->out);
    for (size_t k = 0; k < b->n_docs; k++) {
        b->first[k] = b->mentions.len;
        if (coder_code_document(c, b->docs[k], &b->mentions) < 0)
            b->mentions.len = b->first[k]; /* out of memory: this document loses its events */
        b->out_first[k] = b->out.len;
        if (p->render && !b->render_failed &&
            p->render(p->render_ctx, b->docs[k], b->mentions.items + b->first[k],
                      b->mentions.len - b->first[k], &b->out) != 0)
            b->render_failed = 1;
    }
    b->first[b->n_docs] = b->mentions.len;
    b->out_first[b->n_docs] = b->out.len;
}

/* Hand a coded batch's documents to the callback, in order (no lock held). */
static void deliver_batch(coder_pool *p, batch *b)
{
    if (b->render_failed && !p->result)
        p->result = -1;
    for (size_t k = 0; k < b->n_docs; k++) {
        if (p->result)
            break;
        p->delivering = b->out.data ? b->out.data + b->out_first[k] : "";
        p->delivering_len = b->out_first[k + 1] - b->out_first[k];
        p->result = p->fn(p->ctx, b->docs[k], b->mentions.items + b->first[k],
                          b->first[k + 1] - b->first[k]);
    }
    p->delivering = NULL;
    p->delivering_len = 0;
}

void coder_pool_set_renderer(coder_pool *p, render_fn fn, void *ctx)
{
    p->render = fn;
    p->render_ctx = ctx;
}

const char *coder_pool_rendered(const coder_pool *p, size_t *len)
{
    *len = p->delivering_len;
    return p->delivering ? p->delivering : "";
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    coder_pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->queue_head && !p->stopping)
            pthread_cond_wait(&p->work_ready, &p->lock);
        if (!p->queue_head)
            break;
        batch *b = p->queue_head;
        p->queue_head = b->next_queue;
        if (!p->queue_head)
            p->queue_tail = NULL;
        pthread_mutex_unlock(&p->lock);
        code_batch(p, w->coder, b);
        pthread_mutex_lock(&p->lock);
        b->done = 1;
        pthread_cond_broadcast(&p->work_done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

coder_pool *coder_pool_new(const coder_model *model, const coder_options *opt, int threads,
                           coded_fn fn, void *ctx)
{
    if (threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (int)n : 1;
    }
    if (threads > 256)
        threads = 256;
    coder_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->model = model;
    p->fn = fn;
    p->ctx = ctx;
    p->n_threads = threads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_ready, NULL);
    pthread_cond_init(&p->work_done, NULL);
    if (threads == 1) {
        p->inline_coder = coder_new(model, opt);
        if (!p->inline_coder) {
            coder_pool_free(p);
            return NULL;
        }
        return p;
    }
    p->workers = calloc((size_t)threads, sizeof *p->workers);
    if (!p->workers) {
        coder_pool_free(p);
        return NULL;
    }
    for (int k = 0; k < threads; k++) {
        worker *w = &p->workers[k];
        w->pool = p;
        w->coder = coder_new(model, opt);
        if (!w->coder || pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            coder_pool_free(p);
            return NULL;
        }
        w->started = 1;
    }
    return p;
}

int coder_pool_threads(const coder_pool *p)
{
    return p->n_threads;
}

/* Hand the finished head batches to the callback (lock held on entry/exit). */
static void deliver_ready(coder_pool *p, int wait_for_one)
{
    while (p->flight_head) {
        batch *b = p->flight_head;
        if (!b->done) {
            if (!wait_for_one)
                return;
            pthread_cond_wait(&p->work_done, &p->lock);
            continue;
        }
        wait_for_one = 0;
        p->flight_head = b->next_flight;
        if (!p->flight_head)
            p->flight_tail = NULL;
        p->in_flight--;
        pthread_mutex_unlock(&p->lock);
        deliver_batch(p, b);
        batch_free(b);
        pthread_mutex_lock(&p->lock);
    }
}

static int dispatch_current(coder_pool *p)
{
    batch *b = p->current;
    if (!b)
        return p->result;
    p->current = NULL;
    if (p->inline_coder) {
        code_batch(p, p->inline_coder, b);
        deliver_batch(p, b);
        batch_free(b);
        return p->result;
    }
    pthread_mutex_lock(&p->lock);
    if (p->queue_tail)
        p->queue_tail->next_queue = b;
    else
        p->queue_head = b;
    p->queue_tail = b;
    if (p->flight_tail)
        p->flight_tail->next_flight = b;
    else
        p->flight_head = b;
    p->flight_tail = b;
    p->in_flight++;
    pthread_cond_signal(&p->work_ready);
    deliver_ready(p, 0);
    while (p->in_flight > (size_t)(2 * p->n_threads + 2))
        deliver_ready(p, 1);
    pthread_mutex_unlock(&p->lock);
    return p->result;
}

int coder_pool_submit(coder_pool *p, document *doc)
{
    if (p->result) {
        document_free(doc);
        return p->result;
    }
    if (!p->current) {
        p->current = calloc(1, sizeof *p->current);
        if (!p->current) {
            document_free(doc);
            return -1;
        }
    }
    batch *b = p->current;
    b->docs[b->n_docs++] = doc;
    b->bytes += doc->text_len;
    if (b->n_docs == BATCH_DOCS || b->bytes >= BATCH_BYTES)
        return dispatch_current(p);
    return 0;
}

int coder_pool_finish(coder_pool *p)
{
    int r = dispatch_current(p);
    if (p->inline_coder) {
        p->sentences = coder_sentences_coded(p->inline_coder);
        p->tokens = coder_tokens_seen(p->inline_coder);
        return r;
    }
    pthread_mutex_lock(&p->lock);
    while (p->flight_head)
        deliver_ready(p, 1);
    pthread_mutex_unlock(&p->lock);
    p->sentences = p->tokens = 0;
    for (int k = 0; k < p->n_threads; k++) {
        p->sentences += coder_sentences_coded(p->workers[k].coder);
        p->tokens += coder_tokens_seen(p->workers[k].coder);
    }
    return p->result;
}

uint64_t coder_pool_sentences(const coder_pool *p)
{
    return p->sentences;
}

uint64_t coder_pool_tokens(const coder_pool *p)
{
    return p->tokens;
}

void coder_pool_free(coder_pool *p)
{
    if (!p)
        return;
    if (p->workers) {
        pthread_mutex_lock(&p->lock);
        p->stopping = 1;
        pthread_cond_broadcast(&p->work_ready);
        pthread_mutex_unlock(&p->lock);
        for (int k = 0; k < p->n_threads; k++) {
            if (p->workers[k].started)
                pthread_join(p->workers[k].thread, NULL);
            coder_free(p->workers[k].coder);
        }
        free(p->workers);
    }
    /* batches never delivered (a stopped run) */
    for (batch *b = p->flight_head; b;) {
        batch *next = b->next_flight;
        batch_free(b);
        b = next;
    }
    if (p->current)
        batch_free(p->current);
    coder_free(p->inline_coder);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->work_done);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
