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

/* FAQ XML read as a stream is validated as it is read: the validator is driven by the
   reader's SAX2 events, and no tree is built. */
typedef struct schema_elem { /* the element an error is about, as the reader sees it */
    const char *name; /* local name */
    const char *prefix; /* NULL without one */
    const char *uri; /* namespace, NULL without one */
    const xmlChar **attrs; /* SAX2 attributes: localname, prefix, URI, value, end; n of them */
    int nattrs;
    const char *text; /* its text so far (NUL-terminated), or NULL */
    size_t pos; /* source offset of its start tag */
} schema_elem;
/* The open element (innermost first) that has local name name, or the innermost when none or
   name is NULL. */
typedef const schema_elem *(*schema_where_fn)(void *arg, const char *name);
typedef struct schema_sax schema_sax;

/* Starts a validation; *sax and *data receive the validator's handlers and their first
   argument. The reader calls startElementNs and characters after its own bookkeeping, and
   endElementNs before it forgets the element, so that where(arg, name) finds the element each
   error is about (the one its message names). Errors go to d as schema_validate reports them for the same document.
   Returns NULL when the validation cannot start. */
schema_sax *schema_sax_begin(const faq_schema *s, const source *src, diag_list *d, schema_where_fn where, void *arg,
                             xmlSAXHandlerPtr *sax, void **data);
/* Ends it: returns the number of errors (at least 1 when the document is invalid), and frees v. */
int schema_sax_end(schema_sax *v);
/* The error a second entry with the id value gets (a streamed validation does not see xs:ID's
   uniqueness): at source offset pos, naming the line of the first. */
void schema_dup_id(const source *src, diag_list *d, size_t pos, const char *value, unsigned first_line);

#endif
