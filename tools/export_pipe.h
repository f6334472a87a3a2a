/* export_pipe: several exports in one run, the next one built on a second thread while the previous one is written. */
#ifndef FAQ_EXPORT_PIPE_H
#define FAQ_EXPORT_PIPE_H
#include "diag.h"
#include "export.h"

/* For k = 0 .. n-1 in order: runs fmts[k] on ctx and writes its output to paths[k]
   (output_write), stopping at the first exporter or write that fails. The result, files and
   diagnostics (in d, in the same order) are those of that plain loop; with n > 1, export k+1
   is built on a second thread while export k is written (at most two outputs in memory).
   Returns 0, or -1 when an export or a write failed (diagnostics added to d). */
int export_pipe(const exporter *const *fmts, const char *const *paths, size_t n, const export_ctx *ctx,
                diag_list *d);

#endif
