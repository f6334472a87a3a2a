/* readers: the table of input readers (text, XML, HTML, ...), chosen by --from, by the
   input's extension, or by its content. Adding a reader: its file and one row in readers.c. */
#ifndef FAQ_READERS_H
#define FAQ_READERS_H
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "source.h"

struct faq_schema;

enum {
    READER_VALIDATES = 1, /* validates against the schema as it reads (sets *invalid itself) */
    READER_PAGE = 2, /* a walked file in this format without any FAQ is skipped silently */
    READER_DEFAULT = 4 /* reads what no other row claims by name or content */
};

typedef struct reader_def {
    const char *name; /* --from NAME */
    const char *what; /* for the help: "FAQ text" */
    const char *const *exts; /* extensions it owns, without the dot; NULL-terminated */
    int (*sniff)(const source *src); /* content in this format (NULL: only by name or --from) */
    /* Returns a new doc, or NULL after a fatal diagnostic. schema: for READER_VALIDATES. */
    faq_doc *(*read)(const source *src, const struct faq_schema *schema, diag_list *d, int *invalid);
    unsigned flags;
    /* READER_PAGE: the start of the message of the fatal diagnostic for an input without any
       FAQ, which a directory walk skips */
    const char *no_faq;
} reader_def;

const reader_def *reader_all(size_t *n);
/* The row named name (--from), or NULL. */
const reader_def *reader_find(const char *name);
/* The row owning path's extension (case does not matter), or NULL. */
const reader_def *reader_by_name(const char *path);
/* The reader for src: by the extension of name (the path, or --stdin-filename's name; may be
   NULL), else the first row whose sniff claims the content, else text. Never NULL. */
const reader_def *reader_for(const source *src, const char *name);
/* Appends the readers' names joined by sep, or (with_ext) "FAQ text (*.txt, *.text)" forms. */
void reader_list(buf *out, const char *sep, int with_ext);

#endif
