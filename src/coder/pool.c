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
**
** A batch item is a document, or a raw record that the worker parses first.
** The record's bytes and name are copied into the batch (freed once parsed).
** Diagnostics are held in two lists, each entry tagged with its item: the
** reader's (filled on the submitting thread while the batch is being filled,
** an entry standing before the item that follows it) and the parser's (filled
** by the worker).  Delivery replays, for each item in turn, the reader's
** entries before it, then its parser's entries, then hands over its document.
** A batch is also sent when the reader's entries pile up with no records
** between them (a folder of binary files), so they stay bounded too.
*/
#include "coder/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH_DOCS 256
#define BATCH_BYTES (512 * 1024)
#define BATCH_HELD_DIAGS 1024       /* reader diagnostics that send a batch */
#define NO_FILE ((size_t)-1)

/* A diagnostic held for replay; its strings are in the list's text. */
typedef struct held_diag {
    size_t item;                    /* the item it is replayed with (see above) */
    diag_level level;
    long line;
    long long offset;
    size_t file_at;                 /* NO_FILE: none */
    size_t message_at;
} held_diag;

typedef struct held_diags {
    VEC(held_diag) list;
    strbuf text;
} held_diags;

typedef struct item {
    document *doc;                  /* submitted, or parsed from the record; NULL: none */
    int has_record;
    ingest_record rec;              /* name and bytes at name_at, bytes_at in raw */
    size_t name_at, bytes_at;
} item;

typedef struct batch {
    item items[BATCH_DOCS];
    size_t first[BATCH_DOCS + 1];   /* mentions of item k: first[k]..first[k+1] */
    size_t out_first[BATCH_DOCS + 1];/* rendered bytes of item k in out */
    size_t n_docs, bytes;
    strbuf raw;                     /* records' names and bytes, until parsed */
    size_t last_name_at;            /* name of the last record in raw, or NO_FILE */
    held_diags read_diags;          /* the reader's, on the submitting thread */
    held_diags parse_diags;         /* the parser's, on the worker */
    size_t parsing;                 /* the item being parsed */
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
    ingest_parser *parser;
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
    ingest_parser *inline_parser;

    pthread_mutex_t lock;
    pthread_cond_t work_ready, work_done;
    batch *queue_head, *queue_tail;
    batch *flight_head, *flight_tail;
    size_t in_flight;
    int stopping;
    batch *current;
    batch *spent;                   /* delivered, to be freed by a worker */
    int result;                     /* first non-zero callback result */
    uint64_t sentences, tokens;
    render_fn render;
    void *render_ctx;
    const char *delivering;         /* the rendered bytes of the document being delivered */
    size_t delivering_len;
    diag_sink *diags;               /* where held diagnostics are replayed */
    diag_sink reader_sink;          /* holds the reader's diagnostics in the current batch */
    uint64_t record_docs;           /* documents from records delivered (their ordinal) */
};

static void held_free(held_diags *h)
{
    vec_free(&h->list);
    strbuf_free(&h->text);
}

/* Keep a copy of d, to be replayed with item `at`. */
static void hold(held_diags *h, size_t at, const diag *d)
{
    held_diag e = {at, d->level, d->line, d->offset, NO_FILE, 0};
    if (d->file) {
        e.file_at = h->text.len;
        if (strbuf_append(&h->text, d->file, strlen(d->file) + 1) != 0)
            return;
    }
    e.message_at = h->text.len;
    if (strbuf_append(&h->text, d->message, strlen(d->message) + 1) != 0)
        return;
    vec_push(&h->list, e);
}

static void replay(coder_pool *p, const held_diags *h, size_t k)
{
    const held_diag *e = &h->list.items[k];
    const char *file = e->file_at == NO_FILE ? NULL : h->text.data + e->file_at;
    diag_report(p->diags, e->level, file, e->line, e->offset, "%s",
                h->text.data + e->message_at);
}

static void batch_free(batch *b)
{
    for (size_t k = 0; k < b->n_docs; k++)
        document_free(b->items[k].doc);
    strbuf_free(&b->raw);
    held_free(&b->read_diags);
    held_free(&b->parse_diags);
    vec_free(&b->mentions);
    strbuf_free(&b->out);
    free(b);
}

static batch *batch_new(void)
{
    batch *b = calloc(1, sizeof *b);
    if (b)
        b->last_name_at = NO_FILE;
    return b;
}

/* A diag_sink function for parsing: the diagnostic is held with its item. */
static void hold_parsed(void *ctx, const diag *d)
{
    batch *b = ctx;
    hold(&b->parse_diags, b->parsing, d);
}

/* Turn the batch's records into documents (on the worker). */
static void parse_records(ingest_parser *parser, batch *b)
{
    if (!b->raw.len || !parser) /* no records (or no coder_pool_set_ingest) */
        return;
    diag_sink sink = {hold_parsed, b, {0}};
    for (size_t k = 0; k < b->n_docs; k++) {
        item *it = &b->items[k];
        if (!it->has_record)
            continue;
        ingest_record rec = it->rec;
        rec.name = b->raw.data + it->name_at;
        rec.bytes = b->raw.data + it->bytes_at;
        b->parsing = k;
        document *doc;
        if (ingest_parse_record(parser, &rec, &sink, &doc) > 0)
            it->doc = doc;
    }
    strbuf_free(&b->raw);
}

static void code_batch(const coder_pool *p, coder *c, ingest_parser *parser, batch *b)
{
    parse_records(parser, b);
    vec_clear(&b->mentions);
    strbuf_clear(&b->out);
    for (size_t k = 0; k < b->n_docs; k++) {
        document *doc = b->items[k].doc;
        b->first[k] = b->mentions.len;
        b->out_first[k] = b->out.len;
        if (!doc)
            continue;
        if (coder_code_document(c, doc, &b->mentions) < 0)
            b->mentions.len = b->first[k]; /* out of memory: this document loses its events */
        b->out_first[k] = b->out.len;
        if (p->render && !b->render_failed &&
            p->render(p->render_ctx, doc, b->mentions.items + b->first[k],
                      b->mentions.len - b->first[k], &b->out) != 0)
            b->render_failed = 1;
    }
    b->first[b->n_docs] = b->mentions.len;
    b->out_first[b->n_docs] = b->out.len;
}

/* Hand a coded batch's documents to the callback, in order, each after the
   diagnostics held before and with it (no lock held). */
static void deliver_batch(coder_pool *p, batch *b)
{
    if (b->render_failed && !p->result)
        p->result = -1;
    size_t r = 0, q = 0;
    const held_diags *rd = &b->read_diags, *pd = &b->parse_diags;
    for (size_t k = 0; k < b->n_docs && !p->result; k++) {
        for (; r < rd->list.len && rd->list.items[r].item <= k; r++)
            replay(p, rd, r);
        for (; q < pd->list.len && pd->list.items[q].item == k; q++)
            replay(p, pd, q);
        item *it = &b->items[k];
        if (!it->doc)
            continue;
        if (it->has_record)
            it->doc->ordinal = p->record_docs++;
        p->delivering = b->out.data ? b->out.data + b->out_first[k] : "";
        p->delivering_len = b->out_first[k + 1] - b->out_first[k];
        p->result = p->fn(p->ctx, it->doc, b->mentions.items + b->first[k],
                          b->first[k + 1] - b->first[k]);
    }
    for (; !p->result && r < rd->list.len; r++)
        replay(p, rd, r);
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

/* Batches delivered are freed by the workers (their documents were
   allocated there, and the submitting thread has enough to do). */
static void free_spent(batch *b)
{
    while (b) {
        batch *next = b->next_queue;
        batch_free(b);
        b = next;
    }
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
        batch *spent = p->spent;
        p->spent = NULL;
        pthread_mutex_unlock(&p->lock);
        free_spent(spent);
        code_batch(p, w->coder, w->parser, b);
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
        pthread_mutex_lock(&p->lock);
        b->next_queue = p->spent;
        p->spent = b;
    }
}

static int dispatch_current(coder_pool *p)
{
    batch *b = p->current;
    if (!b)
        return p->result;
    p->current = NULL;
    if (p->inline_coder) {
        code_batch(p, p->inline_coder, p->inline_parser, b);
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

/* The batch being filled, made when needed; NULL on out of memory. */
static batch *current(coder_pool *p)
{
    if (!p->current)
        p->current = batch_new();
    return p->current;
}

int coder_pool_submit(coder_pool *p, document *doc)
{
    if (p->result) {
        document_free(doc);
        return p->result;
    }
    batch *b = current(p);
    if (!b) {
        document_free(doc);
        return -1;
    }
    b->items[b->n_docs++].doc = doc;
    b->bytes += doc->text_len;
    if (b->n_docs == BATCH_DOCS || b->bytes >= BATCH_BYTES)
        return dispatch_current(p);
    return 0;
}

int coder_pool_submit_record(coder_pool *p, const ingest_record *rec)
{
    if (p->result)
        return p->result;
    batch *b = current(p);
    if (!b)
        return -1;
    item *it = &b->items[b->n_docs];
    memset(it, 0, sizeof *it);
    it->has_record = 1;
    it->rec = *rec;
    it->rec.name = NULL;
    it->rec.bytes = NULL;
    if (!b->raw.cap && strbuf_reserve(&b->raw, BATCH_BYTES + 4096) != 0)
        return -1;
    const char *name = rec->name ? rec->name : "";
    if (b->last_name_at != NO_FILE && strcmp(b->raw.data + b->last_name_at, name) == 0) {
        it->name_at = b->last_name_at;
    } else {
        it->name_at = b->raw.len;
        if (strbuf_append(&b->raw, name, strlen(name) + 1) != 0)
            return -1;
        b->last_name_at = it->name_at;
    }
    it->bytes_at = b->raw.len;
    if (strbuf_append(&b->raw, rec->bytes, rec->len) != 0 || strbuf_putc(&b->raw, '\0') != 0)
        return -1;
    b->n_docs++;
    b->bytes += rec->len;
    if (b->n_docs == BATCH_DOCS || b->bytes >= BATCH_BYTES)
        return dispatch_current(p);
    return 0;
}

/* The reader's sink: hold the diagnostic before the next record. */
static void hold_read(void *ctx, const diag *d)
{
    coder_pool *p = ctx;
    batch *b = current(p);
    if (!b) { /* out of memory: reported now, if out of place */
        diag_report(p->diags, d->level, d->file, d->line, d->offset, "%s", d->message);
        return;
    }
    hold(&b->read_diags, b->n_docs, d);
    if (b->read_diags.list.len >= BATCH_HELD_DIAGS)
        dispatch_current(p);
}

diag_sink *coder_pool_reader_diags(coder_pool *p)
{
    return &p->reader_sink;
}

int coder_pool_set_ingest(coder_pool *p, const ingest_options *opt, diag_sink *diags)
{
    p->diags = diags;
    p->reader_sink = (diag_sink){hold_read, p, {0}};
    if (p->inline_coder) {
        p->inline_parser = ingest_parser_new(opt);
        return p->inline_parser ? 0 : -1;
    }
    for (int k = 0; k < p->n_threads; k++) {
        p->workers[k].parser = ingest_parser_new(opt);
        if (!p->workers[k].parser)
            return -1;
    }
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
            ingest_parser_free(p->workers[k].parser);
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
    free_spent(p->spent);
    coder_free(p->inline_coder);
    ingest_parser_free(p->inline_parser);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->work_done);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
