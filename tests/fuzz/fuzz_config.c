/* fuzz_config: libFuzzer target for the config reader: the input is written to a rules file,
   read with rules_env_new (schema/rules.xsd, merged onto the built-in catalogue, patterns
   compiled), and the resulting catalogue runs over a small FAQ (so that patterns match). */
#include "diag.h"
#include "model.h"
#include "reader.h"
#include "rules.h"
#include "source.h"
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char S_path[64];
static source S_src;
static faq_doc *S_doc;

static const char S_faq[] =
    "---\nid: fuzz\nlang: en\n---\nA FAQ for the config fuzzer\n\n"
    "As an AI language model, I will provide you with answers. In this article we explain it.\n\n"
    "What is it?\nIt is guaranteed, 100% safe and painless, the best treatment; studies show 90% of people agree.\n"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n"
    "What is it?\nTBD\n\nIs it permanent? It may be semi-permanent.\nSource: https://example.com/a\n\n\n"
    "In conclusion, it works for everyone.\n\nOne more question?\nLorem ipsum.\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    xmlInitParser();
    const char *dir = getenv("TMPDIR");
    snprintf(S_path, sizeof S_path, "%s/fuzz_config.%ld.xml", dir && strlen(dir) < 32 ? dir : "/tmp",
             (long)getpid());
    diag_list d;
    diag_list_init(&d);
    if (source_from_memory(&S_src, "fuzz.txt", S_faq, sizeof S_faq - 1, &d) != 0) abort();
    S_doc = read_text(&S_src, &d);
    diag_list_free(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) return 0;
    FILE *f = fopen(S_path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    diag_list d;
    diag_list_init(&d);
    rules_env *env = rules_env_new(S_path, &d);
    if (env) {
        const rules *r = rules_env_for(env, "fuzz.txt", &d);
        if (r) {
            size_t n;
            rules_catalogue(r, &n);
            rules_check(r, S_doc, &d);
        }
        rules_env_free(env);
    }
    if (!env && !diag_has_fatal(&d)) {
        fprintf(stderr, "fuzz_config: config refused without a fatal diagnostic\n");
        abort();
    }
    diag_list_free(&d);
    unlink(S_path);
    return 0;
}
