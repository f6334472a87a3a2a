/* fuzz_common: helpers shared by the libFuzzer targets (checks that hold for every input). */
#ifndef FAQ_FUZZ_COMMON_H
#define FAQ_FUZZ_COMMON_H
#include "diag.h"
#include "export.h"
#include "source.h"
#include <stdio.h>
#include <stdlib.h>

/* Every diagnostic points inside the source (line 0 = the whole file; one past the last
   line is allowed for "at the end"), has a rule id and a message. Aborts otherwise. */
static inline void fuzz_check_diags(const diag_list *d, const source *src)
{
    for (size_t i = 0; i < d->n; i++) {
        const diag *x = &d->v[i];
        if (!x->rule || !x->msg || !x->file) {
            fprintf(stderr, "fuzz: diagnostic %zu without rule, message or file\n", i);
            abort();
        }
        if (src && src->nlines && x->line > src->nlines + 1) {
            fprintf(stderr, "fuzz: %s:%u:%u: line past the end (%zu lines): %s [%s]\n", x->file, x->line,
                    x->col, src->nlines, x->msg, x->rule);
            abort();
        }
    }
}

/* Runs every exporter on ctx (as `faq export --force` would); output is discarded. */
static inline void fuzz_export_all(const export_ctx *ctx)
{
    size_t n;
    const exporter *all = export_all(&n);
    for (size_t k = 0; k < n; k++) {
        buf out;
        buf_init(&out);
        diag_list d;
        diag_list_init(&d);
        all[k].run(ctx, &out, &d);
        diag_list_free(&d);
        buf_free(&out);
    }
}

#endif
