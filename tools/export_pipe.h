/* export_pipe: several exports in one run, built on two threads while the earlier ones are written. */
#ifndef FAQ_EXPORT_PIPE_H
#define FAQ_EXPORT_PIPE_H
#include "diag.h"
#include "export.h"

/* For k = 0 .. n-1 in order: runs fmts[k] on ctx and writes its output to paths[k]
   (output_write), stopping at the first exporter or write that fails. The result, files and
   diagnostics (in d, in the same order) are those of that plain loop; with n > 1, the exports
   are built on two other threads while the earlier ones are written (export k is started only
   once export k-2 is written: at most two outputs in memory, plus the JSON-LD kept for an html
   export that follows a jsonld one, which embeds it instead of building it again).
   Returns 0, or -1 when an export or a write failed (diagnostics added to d). */
int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx,
                diag_list *d);

/* export_pipe in two steps, so that the exports can be built before it is known whether they
   will be written. export_pipe_start starts building fmts[0..n-1] on a second thread (at most
   two unwritten outputs in memory) and returns at once. It copies *ctx; ctx->doc and ctx->opt
   must live until export_pipe_finish.
   export_pipe_finish with write = 1 writes the outputs to paths and returns as export_pipe
   would (same files, same diagnostics in the same order); with write = 0 it stops the
   builder, drops every output and adds nothing to d (returns 0). Either way it frees p. */
typedef struct export_job export_job;
export_job *export_pipe_start(const exporter *const *fmts, size_t n, const export_ctx *ctx);
int export_pipe_finish(export_job *p, const char *const *paths, int write, diag_list *d);

#endif
