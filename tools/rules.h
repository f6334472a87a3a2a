/* rules: the rule engine: a catalogue read from a rules file (XML), run over a model. */
#ifndef FAQ_RULES_H
#define FAQ_RULES_H
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "report.h"

typedef struct rules rules; /* one effective catalogue, patterns compiled once */
typedef struct rules_env rules_env; /* finds and caches the catalogue for each input */

/* config: the --config file or NULL (then .faq.xml is looked up from each input's
   directory upwards). Returns new, or NULL after adding a diagnostic (rule "config",
   fatal, naming file, line and rule) to d. */
rules_env *rules_env_new(const char *config, diag_list *d);
void rules_env_free(rules_env *e);
/* The catalogue for input path ("-" = stdin: the current directory). Borrowed until
   rules_env_free. NULL after adding a fatal "config" diagnostic to d. */
const rules *rules_env_for(rules_env *e, const char *path, diag_list *d);

/* The address of the page made from input path under the config's <site url="..."> (the
   directory of the config file is the site's root; {path} in the URL is the input's path from
   there, without its extension and without a last "index"; without {path}, "{path}/" is
   appended): a new string, or NULL when no config sets a site URL. */
char *rules_site_url(const rules *r, const char *path);
/* The config's <site lang="...">, or NULL. */
const char *rules_site_lang(const rules *r);

/* Runs every rule on doc, applies inline faq-disable/enable directives and the effective
   severities, and reports unused suppressions. */
void rules_check(const rules *r, const faq_doc *doc, diag_list *d);
/* rules_check in steps, so that the rules can run beside another stage (schema validation,
   exports): rules_start begins, on a thread of its own when threaded (a large input);
   rules_finish does the rest on the calling thread, waits for the other and adds the rules'
   findings to d (the same findings, in the same order, either way), freeing job. rules_start
   and rules_finish read only r and doc. rules_apply then applies the directives and
   severities to every diagnostic of d (other stages' too) and reports unused suppressions.
   rules_check(r, doc, d) == rules_finish(rules_start(r, doc, 0), d); rules_apply(r, doc, d). */
typedef struct rules_job rules_job;
rules_job *rules_start(const rules *r, const faq_doc *doc, int threaded);
void rules_finish(rules_job *job, diag_list *d);
void rules_apply(const rules *r, const faq_doc *doc, diag_list *d);
/* Builds, once, what inputs of at least input_bytes are matched with: from 64 KiB the patterns'
   JIT code (milliseconds, which a FAQ of a few entries does not repay: it is matched by the
   interpreter), from 1 MiB the deeper prefilter (tens of milliseconds; on first use
   otherwise). Thread-safe, but call it before other threads run r: while the JIT code is
   made, no run may use r. */
void rules_prepare(const rules *r, size_t input_bytes);
/* The effective catalogue, in id order; borrowed. */
/* Removes from d[from..] the findings of the page rules (an HTML page's own FAQPage markup,
   which an export from the page replaces). */
void rules_page_drop(diag_list *d, size_t from);
const rule_info *rules_catalogue(const rules *r, size_t *n);
/* Describes which files the catalogue came from (for --print-config). */
void rules_print_config(const rules *r, buf *out);

#endif
