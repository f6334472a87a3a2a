/* report_junit: JUnit XML, one test case per linted file, failing on the findings that fail the
   run (the fail level and --max-warnings, as the exit status); the others go to its system-out. */
#include "json_write.h"
#include "report.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

typedef struct S_name {
    const char *name;
    size_t idx;
} S_name;

static int S_name_cmp(const void *a, const void *b)
{
    const S_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static void S_counts(buf *out, size_t e, size_t w, size_t n)
{
    buf_printf(out, "%zu error%s, %zu warning%s", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
    if (n) buf_printf(out, ", %zu info%s", n, n == 1 ? "" : "s");
}

void report_junit(const diag_list *l, const report_ctx *ctx, buf *out)
{
    /* The test cases: the files linted, then any other file a diagnostic names (a config file). */
    size_t nf = 0, capf = 0;
    const char **files = NULL;
    for (size_t i = 0; ctx->files && i < ctx->nfiles; i++) {
        XGROW(files, capf, nf + 1);
        files[nf++] = ctx->files[i] ? ctx->files[i] : "";
    }
    size_t nsorted = nf;
    S_name *sorted = xmalloc((nf ? nf : 1) * sizeof *sorted);
    for (size_t i = 0; i < nf; i++) sorted[i] = (S_name){files[i], i};
    qsort(sorted, nsorted, sizeof *sorted, S_name_cmp);

    size_t *fi = xmalloc((l->n ? l->n : 1) * sizeof *fi); /* file index of each diagnostic */
    for (size_t i = 0; i < l->n; i++) {
        const char *f = l->v[i].file;
        size_t lo = 0, hi = nsorted, found = (size_t)-1;
        while (lo < hi) { /* the first entry with that name */
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(sorted[mid].name, f) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < nsorted && !strcmp(sorted[lo].name, f)) found = sorted[lo].idx;
        if (found == (size_t)-1) { /* not linted: look among the extras (few) */
            if (i && !strcmp(l->v[i - 1].file, f)) found = fi[i - 1];
            for (size_t j = nsorted; found == (size_t)-1 && j < nf; j++)
                if (!strcmp(files[j], f)) found = j;
            if (found == (size_t)-1) {
                XGROW(files, capf, nf + 1);
                files[nf] = f;
                found = nf++;
            }
        }
        fi[i] = found;
    }

    /* Diagnostics grouped by file, in their order (a counting sort). */
    size_t *start = xcalloc(nf + 1, sizeof *start), *order = xmalloc((l->n ? l->n : 1) * sizeof *order);
    for (size_t i = 0; i < l->n; i++) start[fi[i] + 1]++;
    for (size_t f = 0; f < nf; f++) start[f + 1] += start[f];
    size_t *fill = xmalloc((nf ? nf : 1) * sizeof *fill);
    for (size_t f = 0; f < nf; f++) fill[f] = start[f];
    for (size_t i = 0; i < l->n; i++) order[fill[fi[i]]++] = i;

    size_t nfail = 0, nerr = 0;
    unsigned char *kind = xcalloc(nf ? nf : 1, 1); /* 0 pass, 1 failure, 2 error (unreadable) */
    for (size_t f = 0; f < nf; f++)
        for (size_t k = start[f]; k < start[f + 1]; k++) {
            const diag *d = &l->v[order[k]];
            if (d->fatal)
                kind[f] = 2;
            else if (report_fails(d, ctx) && !kind[f])
                kind[f] = 1;
        }
    for (size_t f = 0; f < nf; f++) {
        if (kind[f] == 1) nfail++;
        if (kind[f] == 2) nerr++;
    }

    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    buf_printf(out, "<testsuites name=\"faq\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", nf, nfail, nerr);
    buf_printf(out, "  <testsuite name=\"faq\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n", nf,
               nfail, nerr);
    buf line = {0};
    for (size_t f = 0; f < nf; f++) {
        buf_puts(out, "    <testcase classname=\"faq\" name=\"");
        report_put_xml(out, files[f], 1);
        size_t e = 0, w = 0, n = 0, others = 0; /* failing errors, warnings, infos; the rest */
        for (size_t k = start[f]; k < start[f + 1]; k++) {
            const diag *d = &l->v[order[k]];
            if (!report_fails(d, ctx))
                others++;
            else if (d->sev == SEV_ERROR)
                e++;
            else if (d->sev == SEV_WARNING)
                w++;
            else
                n++;
        }
        if (!kind[f] && !others) {
            buf_puts(out, "\"/>\n");
            continue;
        }
        buf_puts(out, "\">\n");
        if (kind[f]) {
            const char *el = kind[f] == 2 ? "error" : "failure";
            buf_printf(out, "      <%s type=\"%s\" message=\"", el,
                       kind[f] == 2 ? "input"
                           : e      ? "error"
                           : w      ? "warning"
                                    : "info");
            buf_reset(&line);
            S_counts(&line, e, w, n);
            buf_puts(out, line.s);
            buf_puts(out, "\">");
            for (size_t k = start[f]; k < start[f + 1]; k++) {
                const diag *d = &l->v[order[k]];
                if (!report_fails(d, ctx)) continue;
                buf_reset(&line);
                report_plain_line(d, &line);
                buf_putc(&line, '\n');
                report_put_xml(out, line.s, 0);
            }
            buf_printf(out, "</%s>\n", el);
        }
        if (others) {
            buf_puts(out, "      <system-out>");
            for (size_t k = start[f]; k < start[f + 1]; k++) {
                const diag *d = &l->v[order[k]];
                if (report_fails(d, ctx)) continue;
                buf_reset(&line);
                report_plain_line(d, &line);
                buf_putc(&line, '\n');
                report_put_xml(out, line.s, 0);
            }
            buf_puts(out, "</system-out>\n");
        }
        buf_puts(out, "    </testcase>\n");
    }
    buf_puts(out, "  </testsuite>\n</testsuites>\n");
    buf_free(&line);
    free(kind);
    free(fill);
    free(order);
    free(start);
    free(fi);
    free(sorted);
    free(files);
}
