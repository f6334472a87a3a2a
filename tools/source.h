/* source: an input's bytes, checked as UTF-8, with a line map for offset -> line:col. */
#ifndef FAQ_SOURCE_H
#define FAQ_SOURCE_H
#include "diag.h"
#include <stddef.h>

typedef struct source {
    char *path; /* display name ("-" reads stdin, shown as "<stdin>"), owned */
    char *data; /* the bytes, NUL-terminated, BOM removed, then SOURCE_PAD more zero
                            bytes (model texts point into data: pcre2's JIT may read a few
                            bytes past a subject's end); owned */
    size_t len;
    size_t *line_start; /* byte offset of each line's first byte; owned */
    size_t nlines;
    int controls; /* holds a control character (other than TAB, LF, CR) or U+FFFE/U+FFFF */
    unsigned long serial; /* unique per source of a run (a later one may reuse this address) */
} source;

enum { SOURCE_MAX_BYTES = 256u * 1024 * 1024 }; /* larger inputs are refused */
enum { SOURCE_PAD = 64 };

/* Reads path ("-" for stdin). On failure adds a fatal diagnostic to d and returns -1.
   Refuses directories, NUL bytes, invalid UTF-8 and inputs over SOURCE_MAX_BYTES,
   each with a line:col where there is one. */
int source_load(source *s, const char *path, diag_list *d);
/* Takes a copy of len bytes as the source (for tests and fuzzers); same checks. */
int source_from_memory(source *s, const char *name, const char *data, size_t len, diag_list *d);
void source_free(source *s);

/* Line (1-based) and column (1-based, in code points) of byte offset off. */
void source_linecol(const source *s, size_t off, unsigned *line, unsigned *col);
/* Byte offset of the first byte of line (1-based); len if past the end. */
size_t source_line_offset(const source *s, unsigned line);

#endif
