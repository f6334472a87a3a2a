/* report_json: the versioned JSON shape (version 1) of the diagnostics, one per line. */
#include "json_write.h"
#include "report.h"
#include <string.h>

/* Shape, version 1 (documented for users in the README):
   {"version":1, "tool":{"name":"faq","version":V}, "files":[PATH...],
    "diagnostics":[{"file","line","column","endLine","endColumn","severity","rule","message"}...],
    "summary":{"error":N,"warning":N,"info":N,"skipped":N}}
   (skipped: paths a directory walk passed over: pages without a FAQ, and the paths it
   reported with a warning)
   line/column 0: the whole file; endColumn is exclusive and equals column when unknown. */

static void S_files(const diag_list *l, const report_ctx *ctx, buf *out)
{
    buf_puts(out, "  \"files\": [");
    size_t k = 0;
    if (ctx->files) {
        for (size_t i = 0; i < ctx->nfiles; i++) {
            buf_puts(out, k++ ? ", " : "");
            json_put_string(out, ctx->files[i] ? ctx->files[i] : "", 0);
        }
    } else {
        /* No list from the caller: the files named by diagnostics, in order, each once. */
        for (size_t i = 0; i < l->n; i++) {
            const char *f = l->v[i].file;
            size_t j = 0;
            if (i && !strcmp(l->v[i - 1].file, f)) continue;
            for (; j < i; j++)
                if (!strcmp(l->v[j].file, f)) break;
            if (j < i) continue;
            buf_puts(out, k++ ? ", " : "");
            json_put_string(out, f, 0);
        }
    }
    buf_puts(out, "],\n");
}

void report_json(const diag_list *l, const report_ctx *ctx, buf *out)
{
    size_t count[3] = {0, 0, 0};
    buf_puts(out, "{\n  \"version\": 1,\n  \"tool\": {\"name\": \"faq\", \"version\": ");
    json_put_string(out, ctx->version, 0);
    buf_puts(out, "},\n");
    S_files(l, ctx, out);
    buf_puts(out, "  \"diagnostics\": [");
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        if (d->sev >= SEV_INFO && d->sev <= SEV_ERROR) count[d->sev]++;
        buf_puts(out, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        json_put_string(out, d->file, JSON_ESC_LAYOUT);
        buf_printf(out, ", \"line\": %u, \"column\": %u, \"endLine\": %u, \"endColumn\": %u, \"severity\": ", d->line,
                   d->col, d->end_line, d->end_col);
        json_put_string(out, severity_name(d->sev), 0);
        buf_puts(out, ", \"rule\": ");
        json_put_string(out, d->rule ? d->rule : "", 0);
        buf_puts(out, ", \"message\": ");
        json_put_string(out, d->msg ? d->msg : "", JSON_ESC_LAYOUT);
        buf_putc(out, '}');
    }
    buf_puts(out, l->n ? "\n  ],\n" : "],\n");
    buf_printf(out, "  \"summary\": {\"error\": %zu, \"warning\": %zu, \"info\": %zu, \"skipped\": %zu}\n}\n",
               count[SEV_ERROR], count[SEV_WARNING], count[SEV_INFO], ctx->skipped);
}
