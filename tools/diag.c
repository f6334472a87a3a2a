/* diag: the diagnostics list. */
#include "diag.h"
#include "buf.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list *l) { memset(l, 0, sizeof *l); }

void diag_list_free(diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].file);
        free(l->v[i].rule);
        free(l->v[i].msg);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static diag *S_vadd(diag_list *l, const char *file, unsigned line, unsigned col, unsigned eline, unsigned ecol,
                    severity sev, const char *rule, const char *fmt, va_list ap)
{
    XGROW(l->v, l->cap, l->n + 1);
    diag *d = &l->v[l->n++];
    memset(d, 0, sizeof *d);
    d->file = xstrdup(file ? file : "-");
    d->line = line;
    d->col = col;
    d->end_line = eline ? eline : line;
    d->end_col = ecol ? ecol : col;
    d->sev = sev;
    d->rule = xstrdup(rule ? rule : "");
    buf b = {0};
    buf_vprintf(&b, fmt, ap);
    d->msg = buf_detach(&b);
    return d;
}

diag *diag_add(diag_list *l, const char *file, unsigned line, unsigned col, severity sev, const char *rule,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *d = S_vadd(l, file, line, col, 0, 0, sev, rule, fmt, ap);
    va_end(ap);
    return d;
}

diag *diag_add_span(diag_list *l, const char *file, unsigned line, unsigned col, unsigned end_line, unsigned end_col,
                    severity sev, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *d = S_vadd(l, file, line, col, end_line, end_col, sev, rule, fmt, ap);
    va_end(ap);
    return d;
}

static int S_cmp(const void *pa, const void *pb)
{
    const diag *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    if ((c = strcmp(a->rule, b->rule))) return c;
    return strcmp(a->msg, b->msg);
}

void diag_sort(diag_list *l)
{
    if (l->n > 1) qsort(l->v, l->n, sizeof *l->v, S_cmp);
}

void diag_filter(diag_list *l, size_t from, int (*keep)(diag *x, size_t i, void *arg), void *arg)
{
    size_t w = from;
    for (size_t i = from; i < l->n; i++) {
        diag *x = &l->v[i];
        if (keep(x, i, arg)) {
            l->v[w++] = *x;
        } else {
            free(x->file);
            free(x->rule);
            free(x->msg);
        }
    }
    l->n = w;
}

void diag_move(diag_list *dst, diag_list *src)
{
    XGROW(dst->v, dst->cap, dst->n + src->n);
    if (src->n) memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
    dst->n += src->n;
    free(src->v);
    memset(src, 0, sizeof *src);
}

size_t diag_count(const diag_list *l, severity sev)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].sev == sev) k++;
    return k;
}

int diag_has_fatal(const diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].fatal) return 1;
    return 0;
}

const char *severity_name(severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "info";
    default: return "off";
    }
}

int severity_parse(const char *s, severity *out)
{
    static const struct {
        const char *name;
        severity sev;
    } tab[] = {
        {"error", SEV_ERROR},
        {"warning", SEV_WARNING},
        {"info", SEV_INFO},
        {"off", SEV_OFF},
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        if (!strcmp(s, tab[i].name)) {
            *out = tab[i].sev;
            return 0;
        }
    return -1;
}
