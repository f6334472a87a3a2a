/* report_gitlab: GitLab Code Quality JSON (artifacts:reports:codequality), the subset of the Code
   Climate issue format that GitLab's merge-request widget and diff view read. */
#include "json_write.h"
#include "report.h"
#include "strset.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* GitLab's severities are info, minor, major, critical, blocker. */
static const char *S_severity(const diag *d)
{
    if (d->fatal) return "critical"; /* the file could not be checked at all */
    switch (d->sev) {
    case SEV_ERROR: return "major";
    case SEV_WARNING: return "minor";
    default: return "info";
    }
}

/* location.path must be relative to the repository: a leading "./" goes, and an absolute path
   under the working directory (where CI runs faq: the checkout) is made relative to it. */
static const char *S_rel_path(const char *path, const char *cwd)
{
    size_t n = cwd ? strlen(cwd) : 0;
    if (path[0] == '/' && n > 1 && !strncmp(path, cwd, n) && path[n] == '/') path += n + 1;
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
        while (*path == '/') path++;
    }
    return path;
}

/* The fingerprint names one finding and stays the same while it stays: a hash of the path,
   the rule, the message and how many equal findings come before it in the file; the line is
   left out, so a finding does not look new (and fixed) when text above it moves it. */
static void S_fingerprint(buf *out, buf *key, const char *path, const diag *d, size_t nth)
{
    buf_reset(key);
    buf_puts(key, path);
    buf_putc(key, '\0');
    buf_puts(key, d->rule ? d->rule : "");
    buf_putc(key, '\0');
    buf_puts(key, d->msg ? d->msg : "");
    buf_printf(key, "%c%zu", '\0', nth);
    uint64_t h1 = strset_hash(key->s, key->len);
    buf_putc(key, '\0'); /* a second, independent 64 bits: 128 in all, as MD5-sized ids are */
    uint64_t h2 = strset_hash(key->s, key->len);
    buf_printf(out, "\"%016llx%016llx\"", (unsigned long long)h1, (unsigned long long)h2);
}

void report_gitlab(const diag_list *l, const report_ctx *ctx, buf *out)
{
    char *cwd = getcwd(NULL, 0);
    buf key = {0};
    /* Equal findings (same file, rule and message) are told apart by their rank among them. */
    strset seen = {0};
    size_t *count = xmalloc((l->n ? l->n : 1) * sizeof *count);
    buf_puts(out, "[");
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        const char *path = S_rel_path(d->file ? d->file : "", cwd);
        buf_reset(&key);
        buf_puts(&key, path);
        buf_putc(&key, '\0');
        buf_puts(&key, d->rule ? d->rule : "");
        buf_putc(&key, '\0');
        buf_puts(&key, d->msg ? d->msg : "");
        char *k = xmalloc(key.len + 1);
        memcpy(k, key.s, key.len + 1);
        struct strset_slot *slot = strset_put(&seen, k, key.len, i);
        size_t nth = 0;
        if (slot) {
            free(k);
            nth = ++count[slot->value];
        } else {
            count[i] = 0;
        }
        unsigned begin = d->line ? d->line : 1; /* a finding about the whole file: its first line */
        unsigned end = d->end_line > begin ? d->end_line : begin;
        buf_puts(out, i ? ",\n  {" : "\n  {");
        buf_puts(out, "\"description\": ");
        json_put_string(out, d->msg ? d->msg : "", 0);
        buf_puts(out, ", \"check_name\": ");
        json_put_string(out, d->rule && *d->rule ? d->rule : "faq", 0);
        buf_puts(out, ", \"fingerprint\": ");
        S_fingerprint(out, &key, path, d, nth);
        buf_printf(out, ", \"severity\": \"%s\", \"location\": {\"path\": ", S_severity(d));
        json_put_string(out, path, 0);
        buf_printf(out, ", \"lines\": {\"begin\": %u, \"end\": %u}}}", begin, end);
    }
    buf_puts(out, l->n ? "\n]\n" : "]\n");
    for (size_t i = 0; i < seen.cap; i++)
        if (seen.slot[i].s) free((char *)seen.slot[i].s);
    strset_free(&seen);
    free(count);
    buf_free(&key);
    free(cwd);
    (void)ctx;
}
