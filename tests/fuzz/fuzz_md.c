/* fuzz_md: libFuzzer target for the Markdown reader: source checks, read_md (md4c and the
   shape of the FAQ, positions mapped back to the source), xml_build, schema validation and
   every exporter (as `faq export --force` runs them), then the Markdown export read back. */
#include "diag.h"
#include "export.h"
#include "fuzz_common.h"
#include "model.h"
#include "read_md.h"
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
        fprintf(stderr, "fuzz_md: the schema does not load\n");
        abort();
    }
    diag_list_free(&d);
    return 0;
}

/* Reads Markdown and runs the pipeline; md (when not NULL) receives the Markdown export. */
static void S_pipeline(const char *data, size_t size, buf *md)
{
    source src;
    diag_list d;
    diag_list_init(&d);
    if (source_from_memory(&src, "fuzz.md", data, size, &d) == 0) {
        faq_doc *doc = read_md(&src, &d);
        if (doc) {
            xmlDocPtr tree = xml_build(doc);
            schema_validate(S_schema, tree, &src, &d);
            fuzz_check_diags(&d, &src);
            export_opts eo;
            memset(&eo, 0, sizeof eo);
            export_ctx ctx = {doc, &eo, NULL};
            if (md) export_md(&ctx, md, &d);
            else fuzz_export_all(&ctx);
            xml_build_free(tree);
            faq_doc_free(doc);
        } else if (!diag_has_fatal(&d)) {
            fprintf(stderr, "fuzz_md: no model and no fatal diagnostic\n");
            abort();
        }
    } else {
        fuzz_check_diags(&d, &src);
    }
    source_free(&src);
    diag_list_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) return 0;
    buf md;
    buf_init(&md);
    S_pipeline((const char *)data, size, &md);
    S_pipeline((const char *)data, size, NULL);
    if (md.len) S_pipeline(md.s, md.len, NULL); /* the export reads back without a crash */
    buf_free(&md);
    return 0;
}
