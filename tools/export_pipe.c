/* export_pipe: several exports in one run, the next one built on a second thread while the previous one is written. */
#include "export_pipe.h"
#include "buf.h"
#include "output.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>

typedef struct S_slot { /* one export: its output and the exporter's diagnostics */
    buf out;
    diag_list diags;
    int failed;
    int done;
} S_slot;

typedef struct S_pipe {
    const exporter *const *fmts;
    const export_ctx *ctx;
    S_slot *slots;
    size_t n;
    size_t written;   /* exports the writer has finished with (their buffers are freed) */
    int stop;         /* the writer met a failure: build nothing more */
    pthread_mutex_t lock;
    pthread_cond_t cond;
} S_pipe;

/* The builder: export k only once export k-2 is written, so that two outputs at most are held. */
static void *S_builder(void *arg)
{
    S_pipe *p = arg;
    for (size_t k = 0; k < p->n; k++) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && k >= p->written + 2) pthread_cond_wait(&p->cond, &p->lock);
        int stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop) break;
        S_slot *s = &p->slots[k];
        s->failed = p->fmts[k]->run(p->ctx, &s->out, &s->diags) != 0;
        pthread_mutex_lock(&p->lock);
        s->done = 1;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        if (s->failed) break; /* the plain loop stops here too */
    }
    return NULL;
}

static int S_sequential(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx,
                        diag_list *d)
{
    buf out;
    buf_init(&out);
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        buf_reset(&out);
        if (fmts[k]->run(ctx, &out, d) != 0 || output_write(paths[k], out.s, out.len, d) != 0) rc = -1;
    }
    buf_free(&out);
    return rc;
}

int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx,
                diag_list *d)
{
    if (n < 2) return S_sequential(fmts, paths, n, ctx, d);
    S_pipe p = {fmts, ctx, xcalloc(n, sizeof(S_slot)), n, 0, 0, PTHREAD_MUTEX_INITIALIZER,
                PTHREAD_COND_INITIALIZER};
    for (size_t k = 0; k < n; k++) {
        buf_init(&p.slots[k].out);
        diag_list_init(&p.slots[k].diags);
    }
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, S_builder, &p) == 0;
    int rc = threaded ? 0 : S_sequential(fmts, paths, n, ctx, d);
    size_t todo = threaded ? n : 0;
    for (size_t k = 0; k < todo && rc == 0; k++) {
        S_slot *s = &p.slots[k];
        pthread_mutex_lock(&p.lock);
        while (!s->done) pthread_cond_wait(&p.cond, &p.lock);
        pthread_mutex_unlock(&p.lock);
        diag_move(d, &s->diags);
        if (s->failed || output_write(paths[k], s->out.s, s->out.len, d) != 0) rc = -1;
        buf_free(&s->out);
        pthread_mutex_lock(&p.lock);
        p.written = k + 1;
        if (rc) p.stop = 1;
        pthread_cond_broadcast(&p.cond);
        pthread_mutex_unlock(&p.lock);
    }
    if (threaded) pthread_join(tid, NULL);
    for (size_t k = 0; k < n; k++) { /* exports built past a failure: dropped, as never run */
        buf_free(&p.slots[k].out);
        diag_list_free(&p.slots[k].diags);
    }
    free(p.slots);
    return rc;
}
