/* export_pipe: several exports in one run, built on two threads and streamed to their files. */
#ifndef FAQ_EXPORT_PIPE_H
#define FAQ_EXPORT_PIPE_H
#include "diag.h"
#include "export.h"

/* For k = 0 .. n-1 in order: runs fmts[k] on ctx and writes its output to paths[k]
   (output_write), stopping at the first exporter or write that fails. The result, files and
   diagnostics are those of that plain loop; but an export to a file is streamed to its
   temporary file as it is built (through a buffer of BUF_FLUSH_AT bytes, never the whole
   output in memory), and with n > 1 the exports are built on two other threads. Only an
   export to standard output, a device or a FIFO is built in memory first (at most two of them
   at a time). An html export that follows a jsonld one copies the JSON-LD from the jsonld
   export's file instead of building it again.
   The set changes together: every file export is complete (flushed to disk) under a temporary
   name before the first is renamed over its target, so a failed export or write (a full
   disk) leaves every old file as it was. (A kill between two renames can still leave some
   new files beside old ones; an export to a device or a FIFO is written when it is built.)
   Returns 0, or -1 when an export or a write failed (diagnostics added to d). */
int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx, diag_list *d);

/* export_pipe in two steps, so that the exports can be built before it is known whether they
   will be written. export_pipe_start creates the temporary files, starts building fmts[0..n-1]
   into them on two other threads and returns at once. It copies *ctx and the paths; ctx->doc
   and ctx->opt must live until export_pipe_finish.
   export_pipe_finish with write = 1 renames the outputs over paths (or writes those built in
   memory) and returns as export_pipe would (same files, same diagnostics in the same order);
   with write = 0 it stops the builders, removes every temporary file and adds nothing to d
   (returns 0). Either way it frees p. */
typedef struct export_job export_job;
export_job *export_pipe_start(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx);
int export_pipe_finish(export_job *p, int write, diag_list *d);

#endif
