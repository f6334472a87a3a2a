/* report: the diagnostic output formats; each lives in its own report_*.c. */
#ifndef FAQ_REPORT_H
#define FAQ_REPORT_H
#include "buf.h"
#include "diag.h"
#include "source.h"

typedef struct rule_info {
    const char *id;
    severity sev; /* effective default severity */
    const char *description; /* one line */
} rule_info;

typedef struct report_ctx {
    const rule_info *rules; /* the effective catalogue (for SARIF's tool.driver.rules) */
    size_t nrules;
    int color; /* human: ANSI colour (only on a terminal, never with NO_COLOR) */
    int caret; /* human: source line and a caret under the span (terminal only) */
    const char *version; /* faq's version */
    const source *const *sources; /* the sources read, to show lines for carets; may be NULL */
    size_t nsources;
    const char *const *files; /* every file linted, in order (for JUnit test cases); may be NULL */
    size_t nfiles;
    /* What fails a run, as the exit status has it (junit fails a test case on the same findings):
       findings at or above fail_on when fail_on_set (otherwise warnings and errors), and every
       warning when warnings_fail (more warnings than --max-warnings allows). */
    severity fail_on;
    int fail_on_set;
    int warnings_fail;
    size_t skipped; /* pages without a FAQ that a directory walk passed over */
} report_ctx;

typedef struct reporter {
    const char *name; /* "human", "json", "sarif", "github", "junit", "gitlab", "checkstyle" */
    /* Writes every diagnostic of l (already sorted) to out. */
    void (*run)(const diag_list *l, const report_ctx *ctx, buf *out);
} reporter;

const reporter *report_find(const char *name); /* NULL when unknown */
const reporter *report_all(size_t *n); /* the table, n rows */

void report_human(const diag_list *l, const report_ctx *ctx, buf *out);
void report_json(const diag_list *l, const report_ctx *ctx, buf *out);
void report_sarif(const diag_list *l, const report_ctx *ctx, buf *out);
void report_github(const diag_list *l, const report_ctx *ctx, buf *out);
void report_junit(const diag_list *l, const report_ctx *ctx, buf *out);
void report_gitlab(const diag_list *l, const report_ctx *ctx, buf *out);
void report_checkstyle(const diag_list *l, const report_ctx *ctx, buf *out);

/* Helpers the report_*.c files share (report.c). */
/* Appends s for a terminal or a log: invalid UTF-8 as U+FFFD, newline and carriage return as the
   two characters \n and \r, other control characters (not tab) as \xNN; one line always. */
void report_put_plain(buf *out, const char *s);
/* Appends "path:line:col: severity: message [rule-id]" without colour or newline
   ("path: severity: ..." when line is 0, "path:line: ..." when col is 0). */
void report_plain_line(const diag *d, buf *out);
/* Appends s as XML 1.0 character data (attr: for a double-quoted attribute value). Invalid UTF-8
   and characters XML cannot hold (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD. */
void report_put_xml(buf *out, const char *s, int attr);
/* Whether d fails the run by ctx's fail level (and warnings_fail); a fatal one always does. */
int report_fails(const diag *d, const report_ctx *ctx);

#endif
