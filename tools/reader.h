/* reader: the input readers: FAQ text and FAQ XML to the model. */
#ifndef FAQ_READER_H
#define FAQ_READER_H
#include "diag.h"
#include "model.h"
#include <libxml/tree.h>

/* Reads the text format. Returns a new doc (faq_doc_free) that borrows src; problems of
   structure (unclosed front matter, …) become diagnostics in d. Never NULL. */
faq_doc *read_text(const source *src, diag_list *d);

/* Reads FAQ XML safely (no DTD, no entities, no network, no other file). Returns a new doc,
   or NULL after adding a diagnostic (fatal when the XML is not well-formed or refused).
   *tree_out receives the parsed tree (caller frees with xmlFreeDoc), for schema validation. */
faq_doc *read_xml(const source *src, diag_list *d, xmlDocPtr *tree_out);

/* True when src looks like XML (first non-blank byte is '<' and the file is not the text format). */
int reader_is_xml(const source *src);

#endif
