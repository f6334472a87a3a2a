/* check: the pipeline for one input: read, validate, run the rules. */
#include "check.h"
#include "reader.h"
#include "readers.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int check_run_init(check_run *run, const char *config, diag_list *d)
{
    memset(run, 0, sizeof *run);
    run->schema = schema_load(d);
    if (!run->schema) return -1;
    run->env = rules_env_new(config, d);
    if (!run->env) return -1;
    return 0;
}

void check_run_free(check_run *run)
{
    for (size_t i = 0; i < run->nsources; i++) {
        if (run->sources[i]) source_free(run->sources[i]);
        free(run->sources[i]);
    }
    free(run->sources);
    if (run->env) rules_env_free(run->env);
    if (run->schema) schema_free(run->schema);
    memset(run, 0, sizeof *run);
}

void check_result_free(check_result *res)
{
    faq_doc_free(res->doc);
    if (res->src) {
        source_free(res->src);
        free(res->src);
    }
    memset(res, 0, sizeof *res);
}

static int S_by_line(const void *a, const void *b)
{
    const diag *x = *(const diag *const *)a, *y = *(const diag *const *)b;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Does a finding other than x, among the n sorted by line in by, sit on x's line with the
   rule x restates? */
static int S_is_echo(const diag *const *by, size_t n, const diag *x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first on x's line */
        size_t mid = lo + (hi - lo) / 2;
        if (by[mid]->line < x->line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < n && by[j]->line == x->line; j++)
        if (by[j] != x && !strcmp(by[j]->rule, x->echo_of)) return 1;
    return 0;
}

/* A schema finding that restates a rule's finding on the same line (the empty answer that
   missing-answer reports) says the same thing twice: keep the rule's, which is more specific. */
typedef struct S_drops {
    const unsigned char *drop;
    size_t from;
} S_drops;

static int S_not_dropped(diag *x, size_t i, void *arg)
{
    (void)x;
    const S_drops *dr = arg;
    return !dr->drop[i - dr->from];
}

static void S_drop_echoes(diag_list *d, size_t from)
{
    size_t n = d->n - from, echoes = 0;
    for (size_t i = from; i < d->n; i++) echoes += d->v[i].echo_of != NULL;
    if (!echoes) return;
    const diag **by = xmalloc(n * sizeof *by); /* by line: one lookup per echo, not a pass */
    for (size_t i = 0; i < n; i++) by[i] = &d->v[from + i];
    qsort(by, n, sizeof *by, S_by_line);
    unsigned char *drop = xcalloc(n, 1);
    for (size_t i = from; i < d->n; i++)
        if (d->v[i].echo_of) drop[i - from] = (unsigned char)S_is_echo(by, n, &d->v[i]);
    free(by);
    S_drops dr = {drop, from};
    diag_filter(d, from, S_not_dropped, &dr);
    free(drop);
}

/* Inputs at least this large run the rules on a second thread while the model of a text input
   is validated (both only read the model and the source); smaller ones stay on one thread. */
enum { S_OVERLAP_MIN_BYTES = 1u << 20 };

typedef struct S_prep {
    const rules *r;
    size_t bytes;
} S_prep;

static void *S_prepare_thread(void *arg) /* the rules' tables for a large input, while it is read */
{
    S_prep *p = arg;
    rules_prepare(p->r, p->bytes);
    return NULL;
}

/* The pipeline with the rules already chosen (r may be NULL: no rules). overlap: a second
   thread may be used for the rules of a large input. XML input is validated as it is read
   (no tree); text input once its model is built, while the rules may already run on the other
   thread (the exports write from the model). fn (may be NULL) is called once the input is
   validated. With the second thread,
   this one checks the duplicate answers once its own work is done. The diagnostics are the
   same either way: schema's, then the rules', then directives and severities applied to all
   of them. */
static int S_check(check_run *run, const rules *r, const char *path, check_result *res, diag_list *d, int overlap,
                   check_tree_fn fn, void *arg)
{
    memset(res, 0, sizeof *res);
    size_t from = d->n;
    res->src = xcalloc(1, sizeof *res->src);
    if (source_load(res->src, path, d) != 0) return -1;
    const reader_def *rd = run->from ? run->from : reader_for(res->src, strcmp(path, "-") ? path : run->stdin_name);
    res->reader = rd;
    int validated = (rd->flags & READER_VALIDATES) != 0;
    int read_invalid = 0;
    S_prep prep = {r, res->src->len};
    pthread_t prep_tid;
    int prepping = overlap && r && res->src->len >= S_OVERLAP_MIN_BYTES &&
        pthread_create(&prep_tid, NULL, S_prepare_thread, &prep) == 0;
    /* XML is validated as it is read (no tree); text and pages once their model is built */
    if (r && !prepping) rules_prepare(r, res->src->len);
    res->doc = rd->read(res->src, run->schema, d, &read_invalid);
    if (prepping) pthread_join(prep_tid, NULL);
    if (!res->doc) return -1;
    /* A large input's rules start on a second thread while this one validates it */
    rules_job *job = r ? rules_start(r, res->doc, overlap && res->src->len >= S_OVERLAP_MIN_BYTES) : NULL;
    if (validated) {
        res->invalid = read_invalid;
    } else if (!res->doc->empty) { /* streamed: no tree is built */
        res->invalid = schema_validate_model(run->schema, res->doc, res->src, d) != 0;
    }
    if (fn) fn(arg, res);
    if (job) {
        rules_finish(job, d);
        rules_apply(r, res->doc, d);
    }
    if (d->n - from > 1) S_drop_echoes(d, from);
    return 0;
}

int check_one_then(check_run *run, const char *path, check_result *res, diag_list *d, check_tree_fn fn, void *arg)
{
    const rules *r = rules_env_for(run->env, path, d);
    if (!r) {
        memset(res, 0, sizeof *res);
        return -1;
    }
    if (!run->first) run->first = r;
    return S_check(run, r, path, res, d, 1, fn, arg);
}

typedef struct job {
    check_run *run;
    const char *path;
    const rules *r;
    int overlap; /* few files: each may use a second thread for its rules */
    int walked; /* found by a directory walk: a page without a FAQ is skipped */
    int skipped;
    source *src; /* kept after the check */
    diag_list diags;
} job;

typedef struct pool {
    job *jobs;
    size_t n;
    size_t next;
    pthread_mutex_t lock;
} pool;

static void S_do_job(job *j)
{
    check_result res;
    size_t from = j->diags.n;
    int rc = S_check(j->run, j->r, j->path, &res, &j->diags, j->overlap, NULL, NULL);
    if (rc != 0 && j->walked && j->diags.n == from + 1 && res.reader && (res.reader->flags & READER_PAGE) &&
        res.reader->no_faq && !strncmp(j->diags.v[from].msg, res.reader->no_faq, strlen(res.reader->no_faq))) {
        diag_list_free(&j->diags); /* a page of the site without a FAQ: not a finding */
        diag_list_init(&j->diags);
        j->skipped = 1;
    }
    j->src = j->skipped ? NULL : res.src; /* a skipped page's text is not kept: a site has thousands */
    if (!j->skipped) res.src = NULL;
    check_result_free(&res);
}

static void *S_worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n) return NULL;
        if (p->jobs[i].r) S_do_job(&p->jobs[i]);
    }
}

void check_files(check_run *run, const char *const *paths, size_t n, diag_list *d)
{
    pool p = {xcalloc(n ? n : 1, sizeof(job)), n, 0, PTHREAD_MUTEX_INITIALIZER};
    for (size_t i = 0; i < n; i++) { /* choose every catalogue first: compiled once, read-only after */
        job *j = &p.jobs[i];
        j->run = run;
        j->path = paths[i];
        j->walked = run->walked && run->walked[i];
        diag_list_init(&j->diags);
        j->r = rules_env_for(run->env, paths[i], &j->diags);
        if (j->r && !run->first) run->first = j->r;
    }
    /* Before the threads: what the inputs need, by the bytes each catalogue will scan in this run
       (the JIT code of the patterns pays for itself over a site of small pages as over one large
       file; the deeper tables only for one large input, which its own check builds). */
    const rules *cur = NULL;
    size_t bytes = 0;
    for (size_t i = 0; i <= n; i++) {
        struct stat st;
        if (i < n && !p.jobs[i].r) continue;
        if (i == n || p.jobs[i].r != cur) {
            if (cur) rules_prepare(cur, bytes < (1u << 20) ? bytes : (1u << 20) - 1);
            if (i == n) break;
            cur = p.jobs[i].r;
            bytes = 0;
        }
        if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
            bytes += (size_t)st.st_size;
        else
            bytes = (1u << 20) - 1; /* size unknown */
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    for (size_t i = 0; i < n; i++) p.jobs[i].overlap = cores > 0 && 2 * n <= (size_t)cores;
    size_t nthreads = cores > 1 ? (size_t)cores : 1;
    if (nthreads > n) nthreads = n;
    if (nthreads > 16) nthreads = 16;
    pthread_t tid[16];
    size_t started = 0;
    for (size_t t = 1; t < nthreads; t++)
        if (pthread_create(&tid[started], NULL, S_worker, &p) == 0) started++;
    S_worker(&p);
    for (size_t t = 0; t < started; t++) pthread_join(tid[t], NULL);
    run->sources = xrealloc(run->sources, (run->nsources + n + 1) * sizeof *run->sources);
    for (size_t i = 0; i < n; i++) {
        diag_move(d, &p.jobs[i].diags);
        run->sources[run->nsources++] = p.jobs[i].src;
        if (p.jobs[i].skipped) {
            run->walked[i] = 2;
            run->skipped++;
        }
    }
    free(p.jobs);
}

const source *const *check_run_sources(const check_run *run, size_t *n)
{
    *n = run->nsources;
    return (const source *const *)run->sources;
}

const rule_info *check_run_catalogue(check_run *run, size_t *n)
{
    *n = 0;
    if (!run->first && run->env) {
        diag_list tmp;
        diag_list_init(&tmp);
        run->first = rules_env_for(run->env, ".", &tmp);
        diag_list_free(&tmp);
    }
    return run->first ? rules_catalogue(run->first, n) : NULL;
}
