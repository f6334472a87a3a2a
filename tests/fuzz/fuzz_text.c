/* fuzz_text: libFuzzer target for the text reader: source checks, read_text, xml_build,
   schema validation and every exporter (as `faq export --force` runs them). With the
   environment variable FAQ_FUZZ_ROUNDTRIP=1 it also checks the round trip of the brief:
   for input without errors, the text export read back gives the same XML export. */
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
static int S_roundtrip;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    xmlInitParser();
    diag_list d;
    diag_list_init(&d);
    S_schema = schema_load(&d);
    if (!S_schema) {
        fprintf(stderr, "fuzz_text: the schema does not load\n");
        abort();
    }
    diag_list_free(&d);
    const char *rt = getenv("FAQ_FUZZ_ROUNDTRIP");
    S_roundtrip = rt && *rt == '1';
    return 0;
}

/* Reads text, builds and validates the tree; returns the XML export in *xml (when asked)
   and the text export in *text. Returns the number of errors (-1: unreadable). */
static int S_pipeline(const char *data, size_t size, buf *xml, buf *text)
{
    source src;
    diag_list d;
    diag_list_init(&d);
    int errors = -1;
    if (source_from_memory(&src, "fuzz.txt", data, size, &d) == 0) {
        faq_doc *doc = read_text(&src, &d);
        xmlDocPtr tree = xml_build(doc);
        if (!doc->empty) schema_validate(S_schema, tree, &src, &d);
        fuzz_check_diags(&d, &src);
        errors = (int)diag_count(&d, SEV_ERROR);
        export_opts eo;
        memset(&eo, 0, sizeof eo);
        export_ctx ctx = {doc, &eo, NULL};
        if (xml || text) {
            if (xml) export_xml(&ctx, xml, &d);
            if (text) export_text(&ctx, text, &d);
        } else {
            fuzz_export_all(&ctx);
        }
        xml_build_free(tree);
        faq_doc_free(doc);
    } else {
        fuzz_check_diags(&d, &src);
        if (!diag_has_fatal(&d)) {
            fprintf(stderr, "fuzz_text: source refused without a fatal diagnostic\n");
            abort();
        }
    }
    source_free(&src);
    diag_list_free(&d);
    return errors;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) return 0;
    S_pipeline((const char *)data, size, NULL, NULL);
    if (S_roundtrip) {
        buf x1, t1, x2;
        buf_init(&x1), buf_init(&t1), buf_init(&x2);
        if (S_pipeline((const char *)data, size, &x1, &t1) == 0) {
            int again = S_pipeline(t1.s, t1.len, &x2, NULL);
            if (again < 0 || x1.len != x2.len || memcmp(x1.s, x2.s, x1.len)) {
                fprintf(stderr, "fuzz_text: round trip differs\n--- XML of the input\n%s\n--- text export\n%s\n"
                                "--- XML of the text export\n%s\n",
                        x1.s, t1.s, x2.s);
                abort();
            }
        }
        buf_free(&x1), buf_free(&t1), buf_free(&x2);
    }
    return 0;
}
