/* report_checkstyle: Checkstyle's XML report, the format Jenkins (Warnings NG), reviewdog,
   SonarQube, Danger and many other CI tools import: <checkstyle><file name><error .../></file>. */
#include "report.h"
#include "strset.h"
#include <string.h>

static void S_error(buf *out, const diag *d)
{
    /* A finding about the whole file (line 0) stands on its first line: consumers need one. */
    buf_printf(out, "    <error line=\"%u\"", d->line ? d->line : 1);
    if (d->line && d->col) buf_printf(out, " column=\"%u\"", d->col);
    buf_printf(out, " severity=\"%s\" message=\"",
               d->sev == SEV_ERROR         ? "error"
                   : d->sev == SEV_WARNING ? "warning"
                                           : "info");
    report_put_xml(out, d->msg ? d->msg : "", 1);
    buf_puts(out, "\" source=\"faq.");
    report_put_xml(out, d->rule && *d->rule ? d->rule : "faq", 1);
    buf_puts(out, "\"/>\n");
}

static const char *S_name(const char *s) { return s ? s : ""; }

void report_checkstyle(const diag_list *l, const report_ctx *ctx, buf *out)
{
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"");
    report_put_xml(out, ctx->version ? ctx->version : "", 1);
    buf_puts(out, "\">\n");
    /* The diagnostics are sorted by file: where each file's run of them starts. */
    strset first = {0};
    for (size_t i = 0; i < l->n; i++) {
        const char *f = S_name(l->v[i].file);
        if (i && !strcmp(S_name(l->v[i - 1].file), f)) continue;
        strset_put(&first, f, strlen(f), i);
    }
    /* Every file linted gets its <file>, in the order given (a clean one an empty one, so that
       consumers know it was checked); a file named twice gets one. */
    strset linted = {0};
    for (size_t f = 0; ctx->files && f < ctx->nfiles; f++) {
        const char *name = S_name(ctx->files[f]);
        if (strset_put(&linted, name, strlen(name), f)) continue;
        buf_puts(out, "  <file name=\"");
        report_put_xml(out, name, 1);
        buf_puts(out, "\">\n");
        struct strset_slot *s = strset_get(&first, name, strlen(name));
        for (size_t i = s ? s->value : l->n; i < l->n && !strcmp(S_name(l->v[i].file), name); i++)
            S_error(out, &l->v[i]);
        buf_puts(out, "  </file>\n");
    }
    /* Then the files that only diagnostics name (a broken config file, say). */
    for (size_t i = 0; i < l->n; i++) {
        const char *name = S_name(l->v[i].file);
        if (strset_get(&linted, name, strlen(name))) continue;
        if (!i || strcmp(S_name(l->v[i - 1].file), name)) {
            buf_puts(out, "  <file name=\"");
            report_put_xml(out, name, 1);
            buf_puts(out, "\">\n");
        }
        S_error(out, &l->v[i]);
        if (i + 1 == l->n || strcmp(S_name(l->v[i + 1].file), name)) buf_puts(out, "  </file>\n");
    }
    strset_free(&first);
    strset_free(&linted);
    buf_puts(out, "</checkstyle>\n");
}
