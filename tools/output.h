/* output: write an export to a file atomically (temporary name, then rename) or to stdout. */
#ifndef FAQ_OUTPUT_H
#define FAQ_OUTPUT_H
#include "diag.h"
#include <stddef.h>

/* Writes data to path ("-" = stdout). A file is written to a temporary name beside it,
   flushed and renamed over path, so path holds either the old or the new content. A symbolic
   link is followed (the file it names is replaced); a device or a FIFO is written to directly.
   Returns 0, or -1 after adding a fatal diagnostic to d. */
int output_write(const char *path, const char *data, size_t len, diag_list *d);
/* Removes the temporary files being written now. Async-signal-safe: for a handler of
   SIGINT/SIGTERM, so an interrupted export leaves the old files and no temporary ones. */
void output_abandon(void);

#endif
