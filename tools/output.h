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

/* The same in steps, so that an export is streamed to its temporary file as it is built:
   output_begin creates the temporary file beside path (after following a link) and returns 1
   with *o set; it returns 0 when path is "-" or names a device or a FIFO (nothing is created:
   write the whole export with output_write once it is built), and -1 after adding a fatal
   diagnostic to d (a link to nothing, a directory, no temporary file). output_put (a
   buf_sink_fn) appends bytes; an error is kept for output_commit, which flushes the file to
   disk, renames it over path and returns 0, or removes it and returns -1 after adding the
   diagnostic output_write gives. output_cancel removes the file. Both free o. The
   diagnostics are output_write's, word for word. */
typedef struct output_tmp output_tmp;
int output_begin(const char *path, output_tmp **o, diag_list *d);
void output_put(void *o, const char *s, size_t n);
int output_commit(output_tmp *o, diag_list *d);
void output_cancel(output_tmp *o);
/* output_commit in two steps, for a set of exports that must change together: output_finish
   flushes the file to disk and closes it, and returns 0 (o stays, complete, under its
   temporary name) or -1 after removing it, freeing o and adding output_commit's diagnostic;
   output_install then renames it over path (0, or -1 with the diagnostic) and frees o.
   output_cancel removes a finished file too. */
int output_finish(output_tmp *o, diag_list *d);
int output_install(output_tmp *o, diag_list *d);
/* Bytes written so far, and a descriptor of the file that stays valid until commit or cancel
   (to read back what was written with pread). */
size_t output_size(const output_tmp *o);
int output_fd(const output_tmp *o);

/* Removes the temporary files being written now. Async-signal-safe: for a handler of
   SIGINT/SIGTERM, so an interrupted export leaves the old files and no temporary ones. */
void output_abandon(void);

/* Whether a write to standard output failed because its reader closed it (EPIPE, as in
   `faq export ... | head`): the write's diagnostic ("<stdout>", rule "output") is then no news
   to the user, and the command line leaves it out (the exit status still says 2). */
int output_stdout_closed(void);

#endif
