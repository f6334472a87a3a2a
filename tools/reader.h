/* reader: the input readers: FAQ text and FAQ XML to the model. */
#ifndef FAQ_READER_H
#define FAQ_READER_H
#include "diag.h"
#include "model.h"
#include <libxml/tree.h>

/* Reads the text format. Returns a new doc (faq_doc_free) that borrows src; problems of
   structure (unclosed front matter, …) become diagnostics in d. Never NULL. */
faq_doc *read_text(const source *src, diag_list *d);

/* The text format's rules for single lines, shared with the text exporter so that what it
   writes is what the reader reads back (one definition, not two that drift apart). */

/* Length of a question's number prefix ("1. ", "2) ", "Q1: ", "2.3 ", "2.3. ", with the
   blanks after it) at the start of s[0..n), or 0: the reader drops it from the question. */
size_t read_text_number_prefix(const char *s, size_t n);
/* Whether a front matter value s[0..n) is one quoted string ("x" or 'x', the quote not
   inside): the reader keeps only what stands between the quotes. */
int read_text_is_quoted(const char *s, size_t n);

/* What a line of text s[0..n) means to the reader when it stands inside a paragraph.
   Indentation and trailing blanks do not count, except that an indented "---" is no fence. */
typedef enum {
    TEXT_LINE_TEXT, /* plain text */
    TEXT_LINE_QUESTION, /* "Q:"/"q:": starts a question (in a file in Q:/A: form) */
    TEXT_LINE_SOURCE, /* "Source:"/"Sources:": a source, in an answer */
    TEXT_LINE_DIRECTIVE, /* "<!-- faq-disable ... -->" and friends: not content at all */
    TEXT_LINE_FENCE /* "---" at the start of a line: opens front matter on the first line */
} text_line_role;
text_line_role read_text_line_role(const char *s, size_t n);

/* Reads FAQ XML safely (no DTD, no entities, no network, no other file). Returns a new doc,
   or NULL after adding a diagnostic (fatal when the XML is not well-formed or refused).
   *tree_out receives the parsed tree (caller frees with xmlFreeDoc), for schema validation. */
faq_doc *read_xml(const source *src, diag_list *d, xmlDocPtr *tree_out);
/* The one safe XML parse behind read_xml, also for rules files: src parsed into a tree with no
   DTD, entities, network or other file. NULL after a fatal diagnostic under rule (a DOCTYPE
   "... not accepted in " what, or the first error of XML that is not well-formed, at its
   line and column). The caller frees the tree (xmlFreeDoc). */
xmlDocPtr read_xml_tree(const source *src, const char *what, const char *rule, diag_list *d);

/* Reads FAQ XML as a stream and validates it against schema (may be NULL: no validation) as
   it is read, without building a tree: the same model and diagnostics as read_xml followed by
   schema_validate, in memory for the model only. Returns a new doc, or NULL after a fatal
   diagnostic (not well-formed, refused); *invalid is set when the schema found errors. */
struct faq_schema;
faq_doc *read_xml_validated(const source *src, const struct faq_schema *schema, diag_list *d, int *invalid);

/* True when src looks like XML (first non-blank byte is '<' and the file is not the text format). */
int reader_is_xml(const source *src);

#endif
