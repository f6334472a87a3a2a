/* export_pipe: several exports in one run, built on two threads while the earlier ones are written. */
#include "export_pipe.h"
#include "buf.h"
#include "output.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_slot { /* one export: its output and the exporter's diagnostics */
    buf out;
    diag_list diags;
    int failed;
    int done;
} S_slot;

struct export_job {
    const exporter *fmts[8];
    export_ctx ctx;   /* a copy */
    size_t json_at;   /* the jsonld export when html comes after it (its output is kept for the
                         html page, which embeds the same JSON-LD), else n */
    size_t html_at;
    S_slot *slots;
    size_t n;
    size_t next;      /* the next export a builder takes */
    size_t written;   /* exports the writer has finished with (their buffers are freed) */
    int stop;         /* the writer met a failure, or nothing is to be written: build nothing more */
    int threaded;     /* builders started */
    pthread_t tid[2];
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

/* A builder (two of them): takes the next export, but export k only once export k-2 is
   written, so that two outputs at most are held; two builders keep both cores busy while the
   writer mostly waits for the disk. */
static void *S_builder(void *arg)
{
    export_job *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->next < p->n && p->next >= p->written + 2) pthread_cond_wait(&p->cond, &p->lock);
        if (p->stop || p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        size_t k = p->next++;
        pthread_mutex_unlock(&p->lock);
        S_slot *s = &p->slots[k];
        const buf *json = NULL;
        if (k == p->html_at && p->json_at < p->n) { /* the JSON-LD is being or was built */
            S_slot *j = &p->slots[p->json_at];
            pthread_mutex_lock(&p->lock);
            while (!j->done) pthread_cond_wait(&p->cond, &p->lock);
            pthread_mutex_unlock(&p->lock);
            if (!j->failed) json = &j->out; /* (else nothing is built past it) */
        }
        if (json) s->failed = export_html_with(&p->ctx, json, &s->out, &s->diags) != 0;
        else s->failed = p->fmts[k]->run(&p->ctx, &s->out, &s->diags) != 0;
        pthread_mutex_lock(&p->lock);
        s->done = 1;
        if (s->failed) p->stop = 1; /* the plain loop stops here too: build nothing past it */
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
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

export_job *export_pipe_start(const exporter *const *fmts, size_t n, const export_ctx *ctx)
{
    export_job *p = xcalloc(1, sizeof *p);
    if (n > sizeof p->fmts / sizeof p->fmts[0]) n = sizeof p->fmts / sizeof p->fmts[0];
    memcpy(p->fmts, fmts, n * sizeof *fmts);
    p->ctx = *ctx;
    p->n = n;
    p->json_at = p->html_at = n;
    for (size_t k = 0; k < n; k++) {
        if (fmts[k]->run == export_jsonld && p->html_at == n) p->json_at = k;
        if (fmts[k]->run == export_html && p->json_at < n) p->html_at = k;
    }
    if (p->html_at == n) p->json_at = n;
    p->slots = xcalloc(n ? n : 1, sizeof(S_slot));
    for (size_t k = 0; k < n; k++) {
        buf_init(&p->slots[k].out);
        diag_list_init(&p->slots[k].diags);
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    for (int t = 0; t < 2 && t < (int)n; t++)
        if (pthread_create(&p->tid[p->threaded], NULL, S_builder, p) == 0) p->threaded++;
    return p;
}

int export_pipe_finish(export_job *p, const char *const *paths, int write, diag_list *d)
{
    int rc = 0;
    if (!p->threaded) {
        if (write) rc = S_sequential(p->fmts, paths, p->n, &p->ctx, d);
    } else {
        if (!write) {
            pthread_mutex_lock(&p->lock);
            p->stop = 1;
            pthread_cond_broadcast(&p->cond);
            pthread_mutex_unlock(&p->lock);
        }
        for (size_t k = 0; write && k < p->n && rc == 0; k++) {
            S_slot *s = &p->slots[k];
            pthread_mutex_lock(&p->lock);
            while (!s->done) pthread_cond_wait(&p->cond, &p->lock);
            pthread_mutex_unlock(&p->lock);
            diag_move(d, &s->diags);
            if (s->failed || output_write(paths[k], s->out.s, s->out.len, d) != 0) rc = -1;
            pthread_mutex_lock(&p->lock);
            if (k == p->json_at) {
                /* kept for the html export (the builder reads it); freed at the end */
            } else if (k + 2 < p->n && !rc) { /* export k+2 starts once k is written: it gets k's memory, */
                buf_reset(&s->out);    /* already faulted in, instead of fresh pages */
                buf_free(&p->slots[k + 2].out);
                p->slots[k + 2].out = s->out;
                buf_init(&s->out);
            } else {
                buf_free(&s->out);
            }
            p->written = k + 1;
            if (rc) p->stop = 1;
            pthread_cond_broadcast(&p->cond);
            pthread_mutex_unlock(&p->lock);
        }
        for (int t = 0; t < p->threaded; t++) pthread_join(p->tid[t], NULL);
    }
    for (size_t k = 0; k < p->n; k++) { /* exports built past a failure: dropped, as never run */
        buf_free(&p->slots[k].out);
        diag_list_free(&p->slots[k].diags);
    }
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p->slots);
    free(p);
    return rc;
}

int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx,
                diag_list *d)
{
    if (n < 2) return S_sequential(fmts, paths, n, ctx, d);
    return export_pipe_finish(export_pipe_start(fmts, n, ctx), paths, 1, d);
}
