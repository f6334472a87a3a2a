/* report_human: gcc-style lines, with the source line and a caret under the span on a terminal. */
#include "json_write.h"
#include "report.h"
#include "utf8.h"
#include <string.h>

#define S_BOLD "\033[1m"
#define S_RESET "\033[0m"

static const char *S_sev_color(severity s)
{
    switch (s) {
    case SEV_ERROR: return "\033[1;31m"; /* red */
    case SEV_WARNING: return "\033[1;35m"; /* magenta */
    default: return "\033[1;36m"; /* cyan */
    }
}

static const source *S_find_source(const report_ctx *ctx, const char *path)
{
    if (!ctx->sources) return NULL;
    for (size_t i = 0; i < ctx->nsources; i++) {
        const source *s = ctx->sources[i];
        if (!s || !s->path) continue;
        if (!strcmp(s->path, path)) return s;
        if (!strcmp(s->path, "-") && !strcmp(path, "<stdin>")) return s;
    }
    return NULL;
}

/* Shown as '?' on the source line: controls, line separators, bidi controls. */
static int S_shown_as_mark(long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp > 0 && utf8_is_layout_control((uint32_t)cp));
}

/* The source line under d and a caret line below it; nothing when the line is unknown. */
static void S_caret(const diag *d, const report_ctx *ctx, buf *out)
{
    if (!d->line || !d->col) return;
    const source *s = S_find_source(ctx, d->file);
    if (!s || !s->data || d->line > s->nlines) return;
    if (!s->line_start) return;
    size_t a = s->line_start[d->line - 1], e = d->line < s->nlines ? s->line_start[d->line] : s->len;
    if (a > s->len) return;
    if (e > s->len) e = s->len;
    while (e > a && (s->data[e - 1] == '\n' || s->data[e - 1] == '\r')) e--;

    /* The line as it is (tabs kept, other control characters, line separators and bidi controls
       as '?'), and its length in code points. */
    buf caret = {0};
    unsigned ncp = 0;
    for (size_t i = a; i < e;) {
        long cp = utf8_next(s->data, e, &i);
        if (cp < 0) cp = 0xFFFD;
        if (cp == '\t')
            buf_putc(out, '\t');
        else if (S_shown_as_mark(cp))
            buf_putc(out, '?');
        else
            utf8_put(out, (uint32_t)cp);
        ncp++;
    }
    if (!ncp) return; /* an empty line: nothing to point at (nothing was written) */
    buf_putc(out, '\n');

    unsigned col = d->col <= ncp + 1 ? d->col : ncp + 1;
    unsigned end; /* exclusive */
    if (d->end_line > d->line)
        end = ncp + 1;
    else if (d->end_line == d->line && d->end_col > col)
        end = d->end_col;
    else
        end = col + 1;
    if (end > ncp + 1) end = ncp + 1;
    if (end < col + 1) end = col + 1;

    /* Pad with a tab under each tab and as many spaces as the terminal cells of anything else
       (two under a wide CJK character), so the caret lines up; the span is underlined the same way. */
    unsigned k = 1, tilde = 0;
    for (size_t i = a; i < e && k < end; k++) {
        long cp = utf8_next(s->data, e, &i);
        int cells = cp == '\t' || S_shown_as_mark(cp) ? 1 : utf8_cells(cp < 0 ? 0xFFFD : (uint32_t)cp);
        if (k < col) {
            if (cp == '\t')
                buf_putc(&caret, '\t');
            else
                for (int c = 0; c < cells; c++) buf_putc(&caret, ' ');
        } else if (k > col) {
            tilde += (unsigned)cells;
        } else if (cells > 1) {
            tilde += (unsigned)cells - 1; /* the caret takes the first cell of a wide character */
        }
    }
    for (; k < col; k++) buf_putc(&caret, ' ');
    if (ctx->color) buf_puts(out, "\033[1;32m");
    buf_put(out, caret.s ? caret.s : "", caret.len);
    buf_putc(out, '^');
    for (unsigned c = 0; c < tilde; c++) buf_putc(out, '~');
    if (ctx->color) buf_puts(out, S_RESET);
    buf_putc(out, '\n');
    buf_free(&caret);
}

void report_human(const diag_list *l, const report_ctx *ctx, buf *out)
{
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        if (d->sev >= SEV_INFO && d->sev <= SEV_ERROR) count[d->sev]++;
        if (!ctx->color) {
            report_plain_line(d, out);
        } else {
            buf_puts(out, S_BOLD);
            report_put_plain(out, d->file);
            if (d->line) {
                buf_printf(out, ":%u", d->line);
                if (d->col) buf_printf(out, ":%u", d->col);
            }
            buf_printf(out, ":" S_RESET " %s%s:" S_RESET " ", S_sev_color(d->sev), severity_name(d->sev));
            report_put_plain(out, d->msg);
            if (d->rule && *d->rule) {
                buf_puts(out, " [");
                report_put_plain(out, d->rule);
                buf_putc(out, ']');
            }
        }
        buf_putc(out, '\n');
        if (ctx->caret) S_caret(d, ctx, out);
    }
    if (ctx->caret)
        buf_printf(out, "%zu error%s, %zu warning%s, %zu info%s\n", count[SEV_ERROR], count[SEV_ERROR] == 1 ? "" : "s",
                   count[SEV_WARNING], count[SEV_WARNING] == 1 ? "" : "s", count[SEV_INFO],
                   count[SEV_INFO] == 1 ? "" : "s");
}
