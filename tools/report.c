/* report: the table of diagnostic output formats and the helpers they share. */
#include "report.h"
#include "json_write.h"
#include "utf8.h"
#include "xml_write.h"
#include <string.h>

static const reporter S_reporters[] = {
    {"human", report_human}, {"json", report_json},     {"sarif", report_sarif},           {"github", report_github},
    {"junit", report_junit}, {"gitlab", report_gitlab}, {"checkstyle", report_checkstyle},
};

const reporter *report_all(size_t *n)
{
    *n = sizeof S_reporters / sizeof *S_reporters;
    return S_reporters;
}

const reporter *report_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < sizeof S_reporters / sizeof *S_reporters; i++)
        if (!strcmp(name, S_reporters[i].name)) return &S_reporters[i];
    return NULL;
}

void report_put_plain(buf *out, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F) j++;
        if (j > i) buf_put(out, s + i, j - i);
        i = j;
        if (i >= n) break;
        long cp = utf8_next(s, n, &i);
        if (cp < 0) cp = 0xFFFD;
        if (cp == '\t')
            buf_putc(out, '\t');
        else if (cp == '\n')
            buf_puts(out, "\\n");
        else if (cp == '\r')
            buf_puts(out, "\\r");
        else if (cp < 0x20 || cp == 0x7F)
            buf_printf(out, "\\x%02lx", (unsigned long)cp);
        else if (cp >= 0x80 && (cp < 0xA0 || utf8_is_layout_control((uint32_t)cp)))
            buf_printf(out, "\\u%04lx", (unsigned long)cp); /* C1, separators, bidi controls */
        else
            utf8_put(out, (uint32_t)cp);
    }
}

/* ':' and the decimal digits of v. */
static void S_put_num(buf *out, unsigned v)
{
    char t[16];
    size_t k = sizeof t;
    do t[--k] = (char)('0' + v % 10);
    while (v /= 10);
    t[--k] = ':';
    buf_put(out, t + k, sizeof t - k);
}

void report_plain_line(const diag *d, buf *out)
{
    report_put_plain(out, d->file);
    if (d->line) {
        S_put_num(out, d->line);
        if (d->col) S_put_num(out, d->col);
    }
    buf_puts(out, ": ");
    buf_puts(out, severity_name(d->sev));
    buf_puts(out, ": ");
    report_put_plain(out, d->msg);
    if (d->rule && *d->rule) {
        buf_puts(out, " [");
        report_put_plain(out, d->rule);
        buf_putc(out, ']');
    }
}

void report_put_xml(buf *out, const char *s, int attr)
{
    size_t n = strlen(s), i = 0;
    int bad = 0;
    while (i < n && !bad) bad = utf8_next(s, n, &i) < 0;
    if (!bad) { /* valid UTF-8: as it is */
        xml_escape(out, s, n, attr);
        return;
    }
    buf clean; /* a path or a message may hold bytes that are not UTF-8: U+FFFD each */
    buf_init(&clean);
    for (i = 0; i < n;) {
        size_t at = i;
        if (utf8_next(s, n, &i) < 0)
            utf8_put(&clean, 0xFFFD);
        else
            buf_put(&clean, s + at, i - at);
    }
    xml_escape(out, clean.s, clean.len, attr);
    buf_free(&clean);
}

int report_fails(const diag *d, const report_ctx *ctx)
{
    if (d->fatal) return 1;
    if (d->sev == SEV_WARNING && ctx->warnings_fail) return 1;
    return d->sev >= (ctx->fail_on_set ? ctx->fail_on : SEV_WARNING) && d->sev != SEV_OFF;
}
