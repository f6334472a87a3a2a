/* fuzz_html: libFuzzer target for the HTML reader and the page rules: read_html (libxml2's
   HTML parser, the visible FAQ, the page's JSON-LD with jansson and its microdata), the schema
   check of the model, every rule (the page rules with them) and every exporter, as `faq lint`
   and `faq export --force` run them on a page. Every finding must point inside the page. */
#include "diag.h"
#include "export.h"
#include "fuzz_common.h"
#include "model.h"
#include "read_html.h"
#include "rules.h"
#include "schema.h"
#include "source.h"
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static faq_schema *S_schema;
static rules_env *S_env;
static const rules *S_rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    xmlInitParser();
    diag_list d;
    diag_list_init(&d);
    S_schema = schema_load(&d);
    S_env = rules_env_new(NULL, &d);
    S_rules = S_env ? rules_env_for(S_env, "/nonexistent/fuzz.html", &d) : NULL;
    if (!S_schema || !S_rules) {
        fprintf(stderr, "fuzz_html: the schema or the rules do not load\n");
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
    if (source_from_memory(&src, "fuzz.html", (const char *)data, size, &d) == 0) {
        faq_doc *doc = read_html(&src, &d);
        if (doc) {
            schema_validate_model(S_schema, doc, &src, &d);
            rules_check(S_rules, doc, &d);
            fuzz_check_diags(&d, &src);
            export_opts eo;
            memset(&eo, 0, sizeof eo);
            export_ctx ctx = {doc, &eo, NULL};
            fuzz_export_all(&ctx);
            faq_doc_free(doc);
        } else {
            fuzz_check_diags(&d, &src);
            if (!diag_has_fatal(&d)) {
                fprintf(stderr, "fuzz_html: no model and no fatal diagnostic\n");
                abort();
            }
        }
    } else {
        fuzz_check_diags(&d, &src);
    }
    source_free(&src);
    diag_list_free(&d);
    return 0;
}
