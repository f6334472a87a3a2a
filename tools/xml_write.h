/* xml_write: the model as FAQ XML straight from the model, without a tree: written out, or walked
   as elements (for the streamed schema validation). */
#ifndef FAQ_XML_WRITE_H
#define FAQ_XML_WRITE_H
#include "buf.h"
#include "model.h"
#include <stdatomic.h>

/* The one XML escaper: appends s[0..n) (up to a NUL) to out, escaped for element text (attr 0:
   < > & and CR as &lt; &gt; &amp; &#13;) or for a double-quoted attribute value (also " and TAB,
   LF, CR as &quot; &#9; &#10; &#13;); the C0 controls XML forbids and U+FFFE, U+FFFF become
   U+FFFD. s must be valid UTF-8 (the model is; report_put_xml cleans what may not be). */
void xml_escape(buf *out, const char *s, size_t n, int attr);

/* One element of the model's XML: what the tree of xml_build would hold in its node. */
typedef struct xml_elem {
    const char *name; /* "faq", "front", "id", "lang", "url", "modified", "field", "title",
                               "intro", "entry", "question", "answer", "p", "source", "conclusion" */
    const faq_text *text; /* the element's text (as in the model), NULL for an element of elements */
    const char *attr[3][2]; /* up to three attributes {name, value} (value as in the model, not yet
                               XML-safe), name NULL when unused */
    size_t pos; /* source byte offset (what xml_build marks the node with) */
    int level; /* depth: 0 for the root */
    int empty; /* no children and no text: written <name/> */
} xml_elem;

/* What xml_walk reports, in document order; e lives until its end. An element of text gets
   start, text (its bytes up to the first NUL, as in the model: not yet XML-safe; only when not
   empty), end; another gets start, its children, end. */
typedef struct xml_events {
    void (*start)(void *arg, const xml_elem *e);
    void (*text)(void *arg, const xml_elem *e, const char *s, size_t n);
    void (*end)(void *arg, const xml_elem *e);
    void *arg;
    const atomic_int *cancel; /* may be NULL; once it holds 1 the walk stops between entries */
} xml_events;

/* Walks the elements of the tree xml_build(doc) would build, without building it. */
void xml_walk(const faq_doc *doc, const xml_events *ev);

/* Appends doc as FAQ XML to out: byte for byte what libxml2's xmlSaveFormatFileTo(..., "UTF-8", 1)
   writes for the tree xml_build(doc) (pretty-printed, characters that XML 1.0 forbids written
   as U+FFFD), ending in a newline. */
void xml_write(const faq_doc *doc, buf *out);
/* xml_write that stops between entries once *cancel (when not NULL) holds 1. */
void xml_write_until(const faq_doc *doc, buf *out, const atomic_int *cancel);

/* Whether s[0..n) holds a character XML 1.0 forbids (a C0 control other than tab, LF, CR;
   U+FFFE, U+FFFF): xml_safe_text would change it. */
int xml_needs_safe(const char *s, size_t n);
/* The text s[0..n) (up to its first NUL) as XML makes it safe: the characters XML 1.0 forbids
   as U+FFFD, appended to out. */
void xml_safe_text(buf *out, const char *s, size_t n);

#endif
