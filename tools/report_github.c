/* report_github: GitHub Actions workflow commands (::error/::warning/::notice annotations). */
#include "json_write.h"
#include "report.h"
#include "utf8.h"
#include <string.h>

/* Appends s escaped for a workflow command: % CR LF always, and : , in a property value.
   Invalid UTF-8 becomes U+FFFD. */
static void S_escape(buf *out, const char *s, int property)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            long cp = utf8_next(s, n, &i);
            if (cp >= 0 && (cp < 0xA0 || utf8_is_layout_control((uint32_t)cp)))
                buf_printf(out, "\\u%04lx", (unsigned long)cp); /* C1, separators, bidi controls */
            else
                utf8_put(out, cp < 0 ? 0xFFFD : (uint32_t)cp);
            continue;
        }
        i++;
        if (c == '%')
            buf_puts(out, "%25");
        else if (c == '\r')
            buf_puts(out, "%0D");
        else if (c == '\n')
            buf_puts(out, "%0A");
        else if (property && c == ':')
            buf_puts(out, "%3A");
        else if (property && c == ',')
            buf_puts(out, "%2C");
        else if ((c < 0x20 && c != '\t') || c == 0x7F)
            buf_printf(out, "%%%02X", c); /* no raw ESC or other control in a log line */
        else
            buf_putc(out, (char)c);
    }
}

void report_github(const diag_list *l, const report_ctx *ctx, buf *out)
{
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        const char *cmd = d->sev == SEV_ERROR ? "error" : d->sev == SEV_WARNING ? "warning" : "notice";
        buf_printf(out, "::%s file=", cmd);
        S_escape(out, d->file, 1);
        if (d->line) {
            unsigned el = d->end_line >= d->line ? d->end_line : d->line;
            buf_printf(out, ",line=%u", d->line);
            if (d->col) {
                /* GitHub's endColumn is the last column of the span (inclusive). */
                unsigned ec = d->end_col > d->col || el > d->line ? d->end_col - (d->end_col > 0) : d->col;
                if (!ec) ec = 1;
                buf_printf(out, ",col=%u,endLine=%u,endColumn=%u", d->col, el, ec);
            } else {
                buf_printf(out, ",endLine=%u", el);
            }
        }
        if (d->rule && *d->rule) {
            buf_puts(out, ",title=");
            S_escape(out, d->rule, 1);
        }
        buf_puts(out, "::");
        S_escape(out, d->msg ? d->msg : "", 0);
        buf_putc(out, '\n');
    }
}
