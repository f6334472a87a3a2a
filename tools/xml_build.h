/* xml_build: the model as a libxml2 tree in the schema's vocabulary. */
#ifndef FAQ_XML_BUILD_H
#define FAQ_XML_BUILD_H
#include "model.h"
#include <libxml/tree.h>
#include <stdint.h>

/* Returns a new tree (free it with xml_build_free, before doc). Every element's _private
   holds its source byte offset plus one (XML_BUILD_POS), so schema errors map back to the
   text. Text nodes point into doc's text instead of copying it. Deterministic. */
xmlDocPtr xml_build(const faq_doc *doc);

/* Frees a tree from xml_build (NULL is fine); doc must still be alive or at least unchanged. */
void xml_build_free(xmlDocPtr tree);

#define XML_BUILD_POS(node) ((size_t)(uintptr_t)(node)->_private) /* 0 = none, else offset + 1 */

#endif
