/* fuzz_pipeline: libFuzzer target for the whole `faq lint` + `faq export` pipeline, not only a
   reader: the first byte picks the reader (text or XML) and the options, the rest is the file.
   Source checks, the reader, xml_build and schema validation, the built-in rules on both thread
   paths (rules_check on one thread, and rules_pair on two: they must give the same findings),
   inline suppression, every report format (human with caret lines, json, sarif, github, junit,
   gitlab, checkstyle) and every export, also through export_pipe (several formats at once, on
   its threads, to /dev/null). */
#include "diag.h"
#include "export.h"
#include "export_pipe.h"
#include "fuzz_common.h"
#include "model.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
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
    S_rules = S_env ? rules_env_for(S_env, "/nonexistent/fuzz.txt", &d) : NULL;
    if (!S_schema || !S_rules) {
        fprintf(stderr, "fuzz_pipeline: the schema or the built-in rules do not load\n");
        abort();
    }
    diag_list_free(&d);
    return 0;
}

/* The findings of both thread paths, compared: same count, same lines, rules and messages. */
static void S_rules_both(const faq_doc *doc, diag_list *d)
{
    diag_list one, two;
    diag_list_init(&one);
    diag_list_init(&two);
    rules_finish(rules_start(S_rules, doc, 0), &one);
    rules_finish(rules_start(S_rules, doc, 1), &two);
    int same = one.n == two.n;
    for (size_t i = 0; same && i < one.n; i++)
        same = one.v[i].line == two.v[i].line && one.v[i].col == two.v[i].col &&
               !strcmp(one.v[i].rule, two.v[i].rule) && !strcmp(one.v[i].msg, two.v[i].msg);
    if (!same) {
        fprintf(stderr, "fuzz_pipeline: the rules give %zu findings on one thread, %zu on two\n", one.n, two.n);
        for (size_t i = 0; i < one.n || i < two.n; i++)
            fprintf(stderr, "  %u:%u %s %s | %u:%u %s %s\n", i < one.n ? one.v[i].line : 0, i < one.n ? one.v[i].col : 0,
                    i < one.n ? one.v[i].rule : "", i < one.n ? one.v[i].msg : "", i < two.n ? two.v[i].line : 0,
                    i < two.n ? two.v[i].col : 0, i < two.n ? two.v[i].rule : "", i < two.n ? two.v[i].msg : "");
        abort();
    }
    diag_move(d, &one);
    diag_list_free(&two);
    rules_apply(S_rules, doc, d); /* suppression, severities, unused directives */
}

static void S_reports(diag_list *d, const source *src)
{
    static const char *const names[] = {"human", "json", "sarif", "github", "junit", "gitlab", "checkstyle"};
    size_t nrules = 0;
    const rule_info *ri = rules_catalogue(S_rules, &nrules);
    const source *srcs[1] = {src};
    const char *files[1] = {src->path};
    diag_sort(d);
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        const reporter *rp = report_find(names[k]);
        if (!rp) continue;
        report_ctx ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.rules = ri;
        ctx.nrules = nrules;
        ctx.caret = ctx.color = k == 0;
        ctx.version = "fuzz";
        ctx.sources = srcs;
        ctx.nsources = 1;
        ctx.files = files;
        ctx.nfiles = 1;
        buf out;
        buf_init(&out);
        rp->run(d, &ctx, &out);
        buf_free(&out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20) return 0;
    unsigned flags = data[0];
    data++, size--;
    int xml = flags & 1;
    source src;
    diag_list d;
    diag_list_init(&d);
    if (source_from_memory(&src, xml ? "fuzz.xml" : "fuzz.txt", (const char *)data, size, &d) != 0) {
        fuzz_check_diags(&d, &src);
        if (!diag_has_fatal(&d)) {
            fprintf(stderr, "fuzz_pipeline: source refused without a fatal diagnostic\n");
            abort();
        }
        source_free(&src);
        diag_list_free(&d);
        return 0;
    }
    xmlDocPtr tree = NULL;
    faq_doc *doc = xml ? read_xml(&src, &d, &tree) : read_text(&src, &d);
    if (doc && !xml) tree = xml_build(doc);
    if (doc && tree && !doc->empty) schema_validate(S_schema, tree, &src, &d);
    if (doc) S_rules_both(doc, &d);
    fuzz_check_diags(&d, &src);
    S_reports(&d, &src);
    if (doc) {
        export_opts eo;
        memset(&eo, 0, sizeof eo);
        if (flags & 2) eo.url = "https://example.com/faq";
        if (flags & 4) eo.lang = "en";
        eo.graph = (flags & 2) && (flags & 8);
        export_ctx ctx = {doc, &eo, NULL};
        fuzz_export_all(&ctx);
        if (flags & 16) { /* several formats at once through the pipe (its threads) */
            size_t n;
            const exporter *all = export_all(&n);
            const exporter *fmts[8];
            const char *paths[8];
            for (size_t k = 0; k < n && k < 8; k++) fmts[k] = &all[k], paths[k] = "/dev/null";
            diag_list pd;
            diag_list_init(&pd);
            export_pipe(fmts, paths, n < 8 ? n : 8, &ctx, &pd);
            diag_list_free(&pd);
        }
    }
    if (tree) {
        if (xml) xmlFreeDoc(tree);
        else xml_build_free(tree);
    }
    faq_doc_free(doc);
    source_free(&src);
    diag_list_free(&d);
    return 0;
}
