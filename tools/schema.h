/* schema: the FAQ XML schema, compiled once; validation with errors mapped to source positions. */
#ifndef FAQ_SCHEMA_H
#define FAQ_SCHEMA_H
#include "diag.h"
#include "model.h"
#include "source.h"
#include <libxml/tree.h>

typedef struct faq_schema faq_schema;

/* Compiles the built-in schema/faq.xsd. Returns new (schema_free) or NULL with a diagnostic. */
faq_schema *schema_load(diag_list *d);
void schema_free(faq_schema *s);

/* Validates tree. Each problem becomes `error … [schema]` at the source position of the
   offending node: from node->_private (trees built by xml_build, see xml_build.h) or else the
   node's line in src (trees parsed from XML input). Returns the number of errors, -1 when
   validation itself failed (also reported). Thread-safe for distinct trees. */
int schema_validate(const faq_schema *s, xmlDocPtr tree, const source *src, diag_list *d);

/* Validates the model doc as schema_validate(s, xml_build(doc), src, d) would, with the same
   diagnostics, but without building the tree: the model is written as XML (xml_write) to a
   streaming validation in chunks, in constant memory. (When two entries share an id, which a
   streamed validation cannot see, or the stream fails, the tree is built after all.) */
int schema_validate_model(const faq_schema *s, const faq_doc *doc, const source *src, diag_list *d);

#endif
