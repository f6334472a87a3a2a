/* suppress: inline directives (<!-- faq-disable RULE -->, <!-- faq-enable RULE -->,
   <!-- faq-disable-next-line RULE: reason -->) applied to diagnostics by line; a directive
   that suppresses nothing, or names an unknown rule, is reported (unused-suppression). */
#include "rules_impl.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

#define ALL R_COUNT /* a directive without rule ids: every rule */

typedef struct S_item { /* one rule id of one directive */
    size_t dir;
    int rule; /* R_..., ALL, or -1 when unknown */
    const char *id; /* as written */
    size_t idlen;
    unsigned target; /* next-line: the line it applies to */
    int used;
} S_item;

typedef struct S_range { /* rule disabled on lines [from, to) by item */
    unsigned from, to;
    size_t item;
} S_range;

typedef struct S_ranges {
    S_range *v;
    size_t n, cap;
    long open; /* index in v of the open range, or -1 */
} S_ranges;

static int S_sep(char c) { return c == ',' || c == ' ' || c == '\t'; }

static int S_blank_line(const source *src, unsigned line)
{
    size_t a = source_line_offset(src, line), b = source_line_offset(src, line + 1);
    for (size_t i = a; i < b && i < src->len; i++)
        if (src->data[i] != ' ' && src->data[i] != '\t' && src->data[i] != '\r' && src->data[i] != '\n') return 0;
    return 1;
}

static const faq_directive *S_sort_dv; /* for S_cmp_dir (set just before qsort) */

static int S_cmp_dir(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    unsigned a = S_sort_dv[i].line, b = S_sort_dv[j].line;
    if (a != b) return (a > b) - (a < b);
    return (i > j) - (i < j);
}

static int S_cmp_target(const void *x, const void *y)
{
    const S_item *a = *(S_item *const *)x, *b = *(S_item *const *)y;
    return (a->target > b->target) - (a->target < b->target);
}

static const char *S_kind_name(int kind)
{
    return kind == DIR_DISABLE ? "faq-disable" : kind == DIR_ENABLE ? "faq-enable" : "faq-disable-next-line";
}

/* The line each next-line directive applies to: the first line after it that is neither blank
   nor holds a directive. One pass from the last directive back, each line looked at once:
   a directive followed (over blank lines) by the next directive takes that one's target. */
static unsigned *S_targets(const faq_doc *doc, const size_t *order)
{
    size_t nd = doc->ndirectives;
    unsigned *tg = xmalloc((nd ? nd : 1) * sizeof *tg);
    for (size_t oi = nd; oi-- > 0;) {
        unsigned line = doc->directives[order[oi]].line;
        if (oi + 1 < nd && doc->directives[order[oi + 1]].line == line) { /* same line */
            tg[oi] = tg[oi + 1];
            continue;
        }
        unsigned next = oi + 1 < nd ? doc->directives[order[oi + 1]].line : 0;
        unsigned t = line + 1;
        if (doc->src)
            while (t <= doc->src->nlines && t != next && S_blank_line(doc->src, t)) t++;
        tg[oi] = next && t == next ? tg[oi + 1] : t;
    }
    return tg;
}

static void S_range_open(S_ranges *rg, unsigned line, size_t item)
{
    if (rg->open >= 0) rg->v[rg->open].to = line;
    XGROW(rg->v, rg->cap, rg->n + 1);
    rg->v[rg->n] = (S_range){line, (unsigned)-1, item};
    rg->open = (long)rg->n++;
}

static void S_range_close(S_ranges *rg, unsigned line)
{
    if (rg->open >= 0) rg->v[rg->open].to = line;
    rg->open = -1;
}

static S_range *S_range_find(S_ranges *rg, unsigned line)
{
    size_t lo = 0, hi = rg->n; /* last range with from <= line */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rg->v[mid].from <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo) return NULL;
    S_range *x = &rg->v[lo - 1];
    return line < x->to ? x : NULL;
}

/* What diag_filter needs to decide on a diagnostic. */
typedef struct S_filter {
    const rules *r;
    const char *path;
    S_item **nl; /* next-line directives, by target line */
    size_t nnl;
    S_ranges *rg; /* disable/enable ranges, per rule */
    S_item *it;
} S_filter;

/* Keeps x unless its rule is off or a directive aimed at its line switches it off; gives it
   its rule's effective severity; marks the directives used. Other files' and fatal
   diagnostics, and unused-suppression's own, are kept as they are. */
static int S_keep(diag *x, size_t i, void *arg)
{
    (void)i;
    S_filter *f = arg;
    int ri = x->fatal || strcmp(x->file, f->path) ? -1 : rules_id_index(x->rule, strlen(x->rule));
    if (ri < 0 || ri == R_UNUSED) return 1;
    if (f->r->def[ri].sev == SEV_OFF) return 0;
    x->sev = f->r->def[ri].sev;
    int drop = 0;
    size_t lo = 0, hi = f->nnl; /* next-line directives aimed at this line */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->nl[mid]->target < x->line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < f->nnl && f->nl[j]->target == x->line; j++)
        if (f->nl[j]->rule == ri || f->nl[j]->rule == ALL) f->nl[j]->used = drop = 1;
    S_range *g = S_range_find(&f->rg[ri], x->line);
    if (g) f->it[g->item].used = drop = 1;
    return !drop;
}

void suppress_apply(const rules *r, const faq_doc *doc, diag_list *d, size_t from, int report_unused)
{
    const char *path = doc->src && doc->src->path ? doc->src->path : "-";
    size_t nd = doc->ndirectives;

    /* directives in line order (readers give them in order; sorted otherwise, stable) */
    size_t *order = xmalloc((nd ? nd : 1) * sizeof *order);
    for (size_t i = 0; i < nd; i++) order[i] = i;
    int sorted = 1;
    for (size_t i = 1; i < nd && sorted; i++)
        if (doc->directives[i - 1].line > doc->directives[i].line) sorted = 0;
    if (!sorted) {
        S_sort_dv = doc->directives;
        qsort(order, nd, sizeof *order, S_cmp_dir);
    }

    /* one item per rule id of each directive */
    S_item *it = NULL;
    size_t nit = 0, capit = 0;
    unsigned *tg = S_targets(doc, order);
    for (size_t oi = 0; oi < nd; oi++) {
        size_t k = order[oi];
        const faq_directive *dv = &doc->directives[k];
        const char *s = dv->rules ? dv->rules : "";
        int any = 0;
        while (*s) {
            while (S_sep(*s)) s++;
            if (!*s) break;
            const char *b = s;
            while (*s && !S_sep(*s)) s++;
            XGROW(it, capit, nit + 1);
            it[nit] = (S_item){k, rules_id_index(b, (size_t)(s - b)), b, (size_t)(s - b), tg[oi], 0};
            nit++;
            any = 1;
        }
        if (!any) {
            XGROW(it, capit, nit + 1);
            it[nit++] = (S_item){k, ALL, "", 0, tg[oi], 0};
        }
    }

    /* disable/enable ranges per rule; next-line targets */
    S_ranges rg[R_COUNT];
    for (int i = 0; i < R_COUNT; i++) rg[i] = (S_ranges){NULL, 0, 0, -1};
    S_item **nl = xmalloc((nit ? nit : 1) * sizeof *nl);
    size_t nnl = 0;
    for (size_t i = 0; i < nit; i++) {
        const faq_directive *dv = &doc->directives[it[i].dir];
        if (it[i].rule < 0) continue;
        int lo = it[i].rule == ALL ? 0 : it[i].rule, hi = it[i].rule == ALL ? R_COUNT : it[i].rule + 1;
        if (dv->kind == DIR_DISABLE) {
            for (int x = lo; x < hi; x++) S_range_open(&rg[x], dv->line, i);
        } else if (dv->kind == DIR_ENABLE) {
            for (int x = lo; x < hi; x++) S_range_close(&rg[x], dv->line);
        } else {
            nl[nnl++] = &it[i];
        }
    }
    if (nnl > 1) qsort(nl, nnl, sizeof *nl, S_cmp_target);

    /* filter */
    S_filter f = {r, path, nl, nnl, rg, it};
    diag_filter(d, from, S_keep, &f);

    /* unused and unknown */
    severity us = r->def[R_UNUSED].sev;
    if (report_unused && us != SEV_OFF) {
        buf m, dirtext;
        buf_init(&m);
        buf_init(&dirtext);
        for (size_t i = 0; i < nit; i++) {
            const faq_directive *dv = &doc->directives[it[i].dir];
            if (dv->kind == DIR_ENABLE && it[i].rule >= 0) continue;
            buf_reset(&dirtext);
            buf_puts(&dirtext, S_kind_name(dv->kind));
            if (it[i].idlen) {
                buf_putc(&dirtext, ' ');
                buf_put(&dirtext, it[i].id, it[i].idlen);
            }
            char id[128];
            size_t n = it[i].idlen < sizeof id - 1 ? it[i].idlen : sizeof id - 1;
            memcpy(id, it[i].id, n);
            id[n] = '\0';
            const char *fields[] = {"directive", dirtext.s, "rule", id, NULL};
            const char *name = it[i].rule < 0 ? "unknown" : it[i].used ? NULL : "unused";
            if (!name) continue;
            const char *tmpl = rules_msg_get(r, R_UNUSED, name);
            buf_reset(&m);
            rules_format(&m, tmpl ? tmpl : name, fields);
            diag_add(d, path, dv->line, 1, us, rules_ids[R_UNUSED], "%s", m.s);
        }
        buf_free(&m);
        buf_free(&dirtext);
    }

    for (int i = 0; i < R_COUNT; i++) free(rg[i].v);
    free(nl);
    free(tg);
    free(it);
    free(order);
}
