/* xml_write: the model serialised as FAQ XML straight from the model, without a tree. */
#ifndef FAQ_XML_WRITE_H
#define FAQ_XML_WRITE_H
#include "buf.h"
#include "model.h"

/* One element as xml_write writes it: what the tree of xml_build would hold in its node. */
typedef struct xml_elem {
    const char *name;       /* "faq", "front", "id", "lang", "url", "modified", "field", "title",
                               "intro", "entry", "question", "answer", "p", "source", "conclusion" */
    const faq_text *text;   /* the element's text (as in the model), NULL for an element of elements */
    const char *attr[2][2]; /* up to two attributes {name, value} (value as in the model), name NULL when unused */
    size_t pos;             /* source byte offset (what xml_build marks the node with) */
} xml_elem;

/* Called for every element, in document order, just before its start tag is written to out. */
typedef void (*xml_elem_fn)(void *arg, const xml_elem *e);

/* Appends doc as FAQ XML to out: byte for byte what libxml2's xmlSaveFormatFileTo(..., "UTF-8", 1)
   writes for the tree xml_build(doc) (pretty-printed, characters that XML 1.0 forbids written
   as U+FFFD), ending in a newline. fn (may be NULL) sees each element first. */
void xml_write(const faq_doc *doc, buf *out, xml_elem_fn fn, void *arg);

/* The text s[0..n) (up to its first NUL) as XML makes it safe: the characters XML 1.0 forbids
   (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) as U+FFFD, appended to out. */
void xml_safe_text(buf *out, const char *s, size_t n);

#endif
