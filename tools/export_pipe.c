/* export_pipe: several exports in one run, built on two threads and streamed to their files. */
#include "export_pipe.h"
#include "buf.h"
#include "output.h"
#include "xalloc.h"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where one export goes, as output_begin decided before it was built. */
enum { S_REFUSED = -1, S_MEMORY = 0, S_STREAM = 1, S_PENDING = 2 };

typedef struct S_slot {
    const exporter *fmt;
    const char *path;
    int where; /* S_STREAM (tmp), S_MEMORY (out holds it all), S_REFUSED, or
                             S_PENDING: not opened until it is known whether it will be written */
    int gated; /* out's bytes go through S_gate (export_pipe_start) */
    struct export_job *job;
    buf mem; /* gated and S_MEMORY: the output */
    output_tmp *tmp;
    diag_list open_diags; /* output_begin's: given after the exporter's, as a write's would be */
    buf out; /* the output, or (streamed) the bytes not yet in the file */
    diag_list diags; /* the exporter's */
    int failed;
    int done;
} S_slot;

struct export_job {
    export_ctx ctx; /* a copy */
    size_t json_at; /* the jsonld export when html comes after it (the html page embeds the
                         same JSON-LD: it copies it), else n */
    size_t html_at;
    int json_fd; /* a descriptor of the jsonld export's file once it is built, or -1 */
    size_t json_len;
    S_slot *slots;
    size_t n;
    size_t next; /* the next export a builder takes */
    size_t written; /* exports the writer has finished with */
    int stop; /* the writer met a failure, or nothing is to be written: build nothing more */
    int decided; /* export_pipe_finish was called: the outputs are open (write) or dropped */
    int go; /* decided to write */
    atomic_int cancel; /* decided not to write: the exporters may stop */
    int threaded; /* builders started */
    pthread_t tid[2];
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

static void S_discard(void *arg, const char *s, size_t n)
{
    (void)arg;
    (void)s;
    (void)n;
}

/* The JSON-LD for the html page, from the jsonld export's file. */
static void S_json_from_file(void *arg, buf *out)
{
    export_job *p = arg;
    enum { CHUNK = 1u << 20 };
    char *chunk = xmalloc(CHUNK);
    size_t off = 0;
    while (off < p->json_len) {
        size_t want = p->json_len - off < CHUNK ? p->json_len - off : CHUNK;
        ssize_t got = pread(p->json_fd, chunk, want, (off_t)off);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0)
            break; /* cannot happen on a file just written; the page is then short, and
                                the jsonld export's own commit reports the disk's error */
        buf_put(out, chunk, (size_t)got);
        off += (size_t)got;
    }
    free(chunk);
}

/* The JSON-LD for the html page, from the jsonld export in memory. */
static void S_json_from_buf(void *arg, buf *out)
{
    const buf *j = arg;
    buf_put(out, j->s, j->len);
}

static void S_init_slot(S_slot *s)
{
    diag_list_init(&s->open_diags);
    diag_list_init(&s->diags);
    buf_init(&s->out);
    buf_init(&s->mem);
    s->where = S_PENDING;
}

/* Opens where slot s goes: a temporary file, memory, or nowhere (refused). */
static void S_open(S_slot *s)
{
    int rc = output_begin(s->path, &s->tmp, &s->open_diags);
    s->where = rc > 0 ? S_STREAM : rc == 0 ? S_MEMORY : S_REFUSED;
}

/* Opens where slot s goes; its output is then streamed to a temporary file, kept in memory,
   or (refused) dropped. */
static void S_begin(S_slot *s)
{
    S_init_slot(s);
    S_open(s);
    if (s->where == S_STREAM)
        buf_set_sink(&s->out, output_put, s->tmp);
    else if (s->where == S_REFUSED)
        buf_set_sink(&s->out, S_discard, NULL);
}

/* The sink of an export built before it is known whether it will be written: its first
   bytes wait for export_pipe_finish, so that nothing is created or written before then (an
   export that is refused writes nothing). */
static void S_gate(void *arg, const char *s, size_t n)
{
    S_slot *slot = arg;
    export_job *p = slot->job;
    pthread_mutex_lock(&p->lock);
    while (!p->decided) pthread_cond_wait(&p->cond, &p->lock);
    int go = p->go, where = slot->where;
    pthread_mutex_unlock(&p->lock);
    if (!go) return;
    if (where == S_STREAM)
        output_put(slot->tmp, s, n);
    else if (where == S_MEMORY)
        buf_put(&slot->mem, s, n);
}

/* What a slot built in memory holds. */
static buf *S_held(S_slot *s) { return s->gated ? &s->mem : &s->out; }

/* Runs slot k's exporter (the html page with the JSON-LD it is given). */
static int S_run(const export_ctx *ctx, S_slot *s, export_jsonld_fn json, void *json_arg)
{
    int failed;
    if (json)
        failed = export_html_with(ctx, json, json_arg, &s->out, &s->diags) != 0;
    else
        failed = s->fmt->run(ctx, &s->out, &s->diags) != 0;
    buf_flush(&s->out);
    return failed;
}

/* After the exporter: writes slot s out as the plain loop would (its diagnostics, then the
   write's); returns 0 or -1. A file export is left complete under its temporary name
   (s->tmp), for S_install. */
static int S_finish_slot(S_slot *s, diag_list *d)
{
    diag_move(d, &s->diags);
    if (s->failed) return -1;
    if (s->where == S_REFUSED) {
        diag_move(d, &s->open_diags);
        return -1;
    }
    if (s->where == S_STREAM) {
        if (output_finish(s->tmp, d) == 0) return 0;
        s->tmp = NULL; /* removed and freed */
        return -1;
    }
    buf *m = S_held(s);
    return output_write(s->path, m->s, m->len, d);
}

/* The exports of one run change together: once every one of v[0..n) is complete (rc 0),
   the temporary files are renamed over their targets one after the other; otherwise (or
   from a rename that fails) the rest are removed by S_free_slot, so an error or a full disk
   leaves every old file as it was. Returns rc, or -1 when a rename failed. */
static int S_install(S_slot *v, size_t n, int rc, diag_list *d)
{
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (!v[k].tmp || v[k].where != S_STREAM) continue;
        output_tmp *t = v[k].tmp;
        v[k].tmp = NULL;
        rc = output_install(t, d);
    }
    return rc;
}

static void S_free_slot(S_slot *s)
{
    if (s->tmp) output_cancel(s->tmp);
    s->tmp = NULL;
    buf_free(&s->out);
    buf_free(&s->mem);
    diag_list_free(&s->diags);
    diag_list_free(&s->open_diags);
}

/* A builder (two of them): takes the next export. An export built in memory waits until the
   one two before it is written, so that two such outputs at most are held; streamed ones do
   not wait. Two builders keep both cores busy. */
static void *S_builder(void *arg)
{
    export_job *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->next < p->n && p->slots[p->next].where == S_MEMORY && p->next >= p->written + 2)
            pthread_cond_wait(&p->cond, &p->lock);
        if (p->stop || p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        size_t k = p->next++;
        pthread_mutex_unlock(&p->lock);
        S_slot *s = &p->slots[k];
        export_jsonld_fn json = NULL;
        void *json_arg = NULL;
        if (k == p->html_at && p->json_at < p->n) { /* the JSON-LD is being or was built */
            S_slot *j = &p->slots[p->json_at];
            pthread_mutex_lock(&p->lock);
            while (!j->done) pthread_cond_wait(&p->cond, &p->lock);
            pthread_mutex_unlock(&p->lock);
            if (!j->failed && j->where == S_STREAM && p->json_fd >= 0)
                json = S_json_from_file, json_arg = p;
            else if (!j->failed && j->where == S_MEMORY)
                json = S_json_from_buf, json_arg = S_held(j);
            /* else (failed: nothing is built past it; refused: never written) built anew */
        }
        s->failed = S_run(&p->ctx, s, json, json_arg);
        if (k == p->json_at && !s->failed && s->where == S_STREAM) {
            p->json_fd = dup(output_fd(s->tmp)); /* the writer may commit (close) it before the page reads it */
            p->json_len = output_size(s->tmp);
        }
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
    int rc = 0;
    S_slot *v = xcalloc(n ? n : 1, sizeof *v);
    size_t k = 0;
    for (; k < n && rc == 0; k++) {
        S_slot *s = &v[k];
        s->fmt = fmts[k];
        s->path = paths[k];
        S_begin(s);
        s->failed = S_run(ctx, s, NULL, NULL);
        rc = S_finish_slot(s, d);
        buf_free(&s->out); /* written (a file's bytes are in it) */
        buf_free(&s->mem);
    }
    rc = S_install(v, k, rc, d);
    for (size_t i = 0; i < k; i++) S_free_slot(&v[i]);
    free(v);
    return rc;
}

export_job *export_pipe_start(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx)
{
    export_job *p = xcalloc(1, sizeof *p);
    p->ctx = *ctx;
    p->n = n;
    p->json_fd = -1;
    p->json_at = p->html_at = n;
    for (size_t k = 0; k < n; k++) {
        if (fmts[k]->run == export_jsonld && p->html_at == n) p->json_at = k;
        if (fmts[k]->run == export_html && p->json_at < n) p->html_at = k;
    }
    if (p->html_at == n) p->json_at = n;
    p->ctx.cancel = &p->cancel;
    atomic_init(&p->cancel, 0);
    p->slots = xcalloc(n ? n : 1, sizeof(S_slot));
    for (size_t k = 0; k < n; k++) { /* nothing is opened yet: see S_gate */
        S_slot *s = &p->slots[k];
        s->fmt = fmts[k];
        s->path = xstrdup(paths[k]);
        s->job = p;
        s->gated = 1;
        S_init_slot(s);
        buf_set_sink(&s->out, S_gate, s);
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    for (int t = 0; t < 2 && t < (int)n; t++)
        if (pthread_create(&p->tid[p->threaded], NULL, S_builder, p) == 0) p->threaded++;
    return p;
}

int export_pipe_finish(export_job *p, int write, diag_list *d)
{
    int rc = 0;
    pthread_mutex_lock(&p->lock);
    if (write && p->threaded) /* the outputs are created now, in order, as the plain loop would */
        for (size_t k = 0; k < p->n; k++) S_open(&p->slots[k]);
    p->decided = 1;
    p->go = write && p->threaded;
    if (!write || !p->threaded) {
        p->stop = 1;
        atomic_store(&p->cancel, 1);
    }
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    if (!p->threaded) {
        if (write) {
            const exporter *fmts[8];
            const char *paths[8];
            size_t n = p->n < 8 ? p->n : 8;
            for (size_t k = 0; k < n; k++) {
                fmts[k] = p->slots[k].fmt;
                paths[k] = p->slots[k].path;
                S_free_slot(&p->slots[k]); /* S_sequential opens each anew */
            }
            rc = S_sequential(fmts, paths, n, &p->ctx, d);
        }
    } else {
        for (size_t k = 0; write && k < p->n && rc == 0; k++) {
            S_slot *s = &p->slots[k];
            pthread_mutex_lock(&p->lock);
            while (!s->done) pthread_cond_wait(&p->cond, &p->lock);
            pthread_mutex_unlock(&p->lock);
            if (S_finish_slot(s, d) != 0) rc = -1;
            pthread_mutex_lock(&p->lock);
            if (k != p->json_at || s->where != S_MEMORY) { /* else the page may read it */
                buf_free(&s->out);
                buf_free(&s->mem);
            }
            p->written = k + 1;
            if (rc) p->stop = 1;
            pthread_cond_broadcast(&p->cond);
            pthread_mutex_unlock(&p->lock);
        }
        for (int t = 0; t < p->threaded; t++) pthread_join(p->tid[t], NULL);
        if (write) rc = S_install(p->slots, p->n, rc, d);
    }
    for (size_t k = 0; k < p->n; k++) { /* exports built past a failure: dropped, as never run */
        S_free_slot(&p->slots[k]);
        free((char *)p->slots[k].path);
    }
    if (p->json_fd >= 0) close(p->json_fd);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p->slots);
    free(p);
    return rc;
}

int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx, diag_list *d)
{
    if (n < 2) return S_sequential(fmts, paths, n, ctx, d);
    return export_pipe_finish(export_pipe_start(fmts, paths, n, ctx), 1, d);
}
