/* diag: the diagnostics list: library code reports here and never prints. */
#ifndef FAQ_DIAG_H
#define FAQ_DIAG_H
#include <stddef.h>

typedef enum { SEV_OFF = -1, SEV_INFO = 0, SEV_WARNING = 1, SEV_ERROR = 2 } severity;

typedef struct diag {
    char *file; /* display path, owned */
    unsigned line, col; /* 1-based start; col counts Unicode code points; 0 = whole file */
    unsigned end_line, end_col; /* 1-based, exclusive end column; equal to start when unknown */
    severity sev;
    int fatal; /* the input could not be read at all (I/O, encoding): exit 2 */
    char *rule; /* rule id, owned ("schema", "input", "config", a rule's id) */
    char *msg; /* owned */
    const char *echo_of; /* static: the rule whose finding this one restates (schema's empty
                             answer is missing-answer's); the check keeps only that rule's */
} diag;

typedef struct diag_list {
    diag *v;
    size_t n, cap;
} diag_list;

void diag_list_init(diag_list *l);
void diag_list_free(diag_list *l);

/* Adds one diagnostic; returns it (borrowed until the list grows). */
diag *diag_add(diag_list *l, const char *file, unsigned line, unsigned col, severity sev, const char *rule,
               const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Same, with an end position. */
diag *diag_add_span(diag_list *l, const char *file, unsigned line, unsigned col, unsigned end_line, unsigned end_col,
                    severity sev, const char *rule, const char *fmt, ...) __attribute__((format(printf, 9, 10)));

/* Sorts by file, line, column, rule, message (stable and deterministic). */
void diag_sort(diag_list *l);
/* Keeps, in order, the diagnostics l->v[i] (i >= from) for which keep(&l->v[i], i, arg) is
   true (keep may change them, such as their severity) and frees the others. */
void diag_filter(diag_list *l, size_t from, int (*keep)(diag *x, size_t i, void *arg), void *arg);
/* Appends every diagnostic of src to dst, moving ownership; src becomes empty. */
void diag_move(diag_list *dst, diag_list *src);
/* Number of diagnostics at severity sev exactly. */
size_t diag_count(const diag_list *l, severity sev);
int diag_has_fatal(const diag_list *l);
const char *severity_name(severity s); /* "error", "warning", "info", "off" */
int severity_parse(const char *s, severity *out); /* 0 on success */

#endif
