/* check: the pipeline for one input: read, build the tree, validate, run the rules. */
#ifndef FAQ_CHECK_H
#define FAQ_CHECK_H
#include "diag.h"
#include "model.h"
#include "report.h"
#include "rules.h"
#include "schema.h"

typedef struct check_run { /* what every input of one run shares */
    faq_schema *schema; /* compiled once */
    rules_env *env; /* rules catalogues, compiled once per config file */
    const rules *first; /* the catalogue of the first input (for SARIF's rule list) */
    source **sources; /* every input read, kept for caret lines; owned */
    size_t nsources;
    /* Set by the caller before check_files, or NULL: walked[i] is 1 when paths[i] was found by
       a directory walk. A walked HTML page with no FAQ and no FAQPage is skipped without a
       word: check_files sets its walked[i] to 2 and counts it in skipped. */
    unsigned char *walked;
    size_t skipped;
    /* Set by the caller, or NULL: the reader every input is read with (--from), and the name
       whose extension chooses the reader for standard input (--stdin-filename). */
    const struct reader_def *from;
    const char *stdin_name;
} check_run;

typedef struct check_result { /* one input through the pipeline; all owned */
    source *src;
    faq_doc *doc;
    const struct reader_def *reader; /* the reader it was read with (NULL: not read) */
    int invalid; /* the input breaks the schema (even when the schema rule is off or
                                 suppressed: an export must still be valid) */
} check_result;

/* Loads the schema and the rules (config: --config or NULL). 0, or -1 with a fatal diagnostic. */
int check_run_init(check_run *run, const char *config, diag_list *d);
void check_run_free(check_run *run);

/* Runs the whole pipeline on path ("-" = stdin). Returns 0 when the input could be read
   (findings go to d), -1 when it could not (a fatal diagnostic). res is filled either way
   and freed with check_result_free. fn (may be NULL) is called with arg as soon as the input
   is validated, while the rules may still be running on another thread: res->src, res->doc
   and res->invalid are final then, the diagnostics are not. fn is not called when the input
   could not be read. */
typedef void (*check_tree_fn)(void *arg, check_result *res);
int check_one_then(check_run *run, const char *path, check_result *res, diag_list *d, check_tree_fn fn, void *arg);
void check_result_free(check_result *res);

/* Lints every path, on as many threads as there are cores, appending findings to d.
   Keeps each source in run->sources for the reporters. */
void check_files(check_run *run, const char *const *paths, size_t n, diag_list *d);

const source *const *check_run_sources(const check_run *run, size_t *n);
/* The catalogue used (of the first input, else the default); n = 0 when none is loaded. */
const rule_info *check_run_catalogue(check_run *run, size_t *n);

#endif
