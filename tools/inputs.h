/* inputs: the command line's inputs as the list of files to check: directories walked for
   every file a reader owns by extension, and every path a walk passes over reported. */
#ifndef FAQ_INPUTS_H
#define FAQ_INPUTS_H
#include "diag.h"
#include <stddef.h>

typedef struct inputs {
    char **files; /* owned */
    unsigned char *walked; /* walked[i]: files[i] was found by a directory walk */
    size_t n, cap;
    size_t passed_over; /* paths a walk did not check, each with a warning in d */
} inputs;

/* Expands args ("-" stays "-"). A directory is searched recursively, in name order, for
   regular files with a reader's extension; hidden entries are skipped. What a walk passes
   over gets a warning in d and counts in passed_over: directories deeper than 32 levels or
   that cannot be read, FIFOs and devices with a FAQ name, dangling links, and symbolic links
   whose target lies outside the directory named on the command line (followed only with
   follow, each directory once). A directory with no FAQ file is a fatal diagnostic. */
void inputs_expand(inputs *in, const char *const *args, size_t nargs, int follow, diag_list *d);
void inputs_free(inputs *in);

#endif
