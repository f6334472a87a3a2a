/* fuzz_xml: libFuzzer target for the XML reader: source checks, read_xml (no DTD, no entities,
   no network), schema validation of the parsed tree, xml_build and every exporter. */
#include "diag.h"
#include "export.h"
#include "fuzz_common.h"
#include "model.h"
#include "reader.h"
#include "schema.h"
#include "source.h"
#include "xml_build.h"
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static faq_schema *S_schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    xmlInitParser();
    diag_list d;
    diag_list_init(&d);
    S_schema = schema_load(&d);
    if (!S_schema) {
        fprintf(stderr, "fuzz_xml: the schema does not load\n");
        abort();
    }
    diag_list_free(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) return 0;
    source src;
    diag_list d;
    diag_list_init(&d);
    int readable = source_from_memory(&src, "fuzz.xml", (const char *)data, size, &d) == 0;
    if (readable) {
        xmlDocPtr parsed = NULL;
        faq_doc *doc = read_xml(&src, &d, &parsed);
        if (doc) {
            schema_validate(S_schema, parsed, &src, &d);
            xmlFreeDoc(parsed);
            xmlDocPtr tree = xml_build(doc);
            export_opts eo;
            memset(&eo, 0, sizeof eo);
            export_ctx ctx = {doc, &eo, NULL};
            fuzz_export_all(&ctx);
            xml_build_free(tree);
            faq_doc_free(doc);
        } else {
            if (parsed) xmlFreeDoc(parsed);
            if (!diag_has_fatal(&d)) {
                fprintf(stderr, "fuzz_xml: read_xml returned NULL without a fatal diagnostic\n");
                abort();
            }
        }
    }
    fuzz_check_diags(&d, &src);
    if (readable) { /* the streamed reading, validated as it reads (what faq runs) */
        diag_list s;
        diag_list_init(&s);
        int invalid = 0;
        faq_doc *doc = read_xml_validated(&src, S_schema, &s, &invalid);
        if (doc) {
            faq_doc_free(doc);
        } else if (!diag_has_fatal(&s)) {
            fprintf(stderr, "fuzz_xml: read_xml_validated returned NULL without a fatal diagnostic\n");
            abort();
        }
        fuzz_check_diags(&s, &src);
        diag_list_free(&s);
    }
    source_free(&src);
    diag_list_free(&d);
    return 0;
}
