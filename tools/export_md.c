/* export_md: the model as canonical Markdown, which the Markdown reader reads back to the same
   XML: front matter, "# Title", the intro, "## Question?" entries (under "## Group" headings
   with "### Question?" when the FAQ has groups), sources as "Source:" lines, and the
   conclusion after a thematic break. Text is escaped so that it reads back as the same text:
   ASCII punctuation that Markdown could take for markup gets a backslash; a paragraph of
   "- item" (or "1. item") lines becomes a Markdown list, which reads back as those lines; a
   paragraph whose lines are indented (code) becomes a fenced code block. */
#include "export.h"
#include "reader.h"
#include "slug.h"
#include <string.h>

static int S_digit(char c) { return c >= '0' && c <= '9'; }

/* The inline text s[0..n) (one line), escaped; at_start: it starts a line. */
static void S_inline(buf *out, const char *s, size_t n, int at_start)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int esc = strchr("\\`*_[]<>&!|~", c) != NULL;
        if (at_start && i == 0 && strchr("#>-+=:", c)) esc = 1;
        if (at_start && i == 0 && S_digit(c)) { /* "1." or "1)" opens a list: escape the mark */
            size_t k = i;
            while (k < n && S_digit(s[k])) k++;
            if (k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || s[k + 1] == ' ')) {
                buf_put(out, s + i, k - i);
                buf_putc(out, '\\');
                i = k - 1;
                continue;
            }
        }
        if (esc) buf_putc(out, '\\');
        buf_putc(out, c);
    }
}

/* A paragraph: lines joined by line ends, each line escaped. */
static void S_lines(buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i <= n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        S_inline(out, s + i, e - i, 1);
        buf_putc(out, '\n');
        if (!nl) break;
        i = e + 1;
    }
}

/* Whether every line of s[0..n) is a list item of one kind at the left margin: "- x" (kind 1)
   or "N. x" numbered from 1 up (kind 2). */
static int S_list_kind(const char *s, size_t n)
{
    int kind = 0;
    long want = 1;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        const char *l = s + i;
        size_t ln = e - i;
        int k = 0;
        if (ln > 2 && l[0] == '-' && l[1] == ' ' && l[2] != ' ')
            k = 1;
        else {
            size_t d = 0;
            long v = 0;
            while (d < ln && d < 9 && S_digit(l[d])) v = v * 10 + (l[d++] - '0');
            if (d && d + 2 < ln && l[d] == '.' && l[d + 1] == ' ' && l[d + 2] != ' ' && v == want) k = 2, want++;
        }
        if (!k || (kind && k != kind)) return 0;
        kind = k;
        i = nl ? e + 1 : n;
    }
    return kind;
}

static void S_para(buf *out, const faq_text *t)
{
    const char *s = t->s ? t->s : "";
    size_t n = t->s ? t->len : 0;
    if (!n) return;
    int indented = s[0] == ' ' || s[0] == '\t';
    for (size_t i = 0; i + 1 < n && !indented; i++)
        if (s[i] == '\n' && (s[i + 1] == ' ' || s[i + 1] == '\t')) indented = 1;
    if (indented) { /* code: fenced, verbatim, the fence longer than any run of backticks */
        size_t run = 0, longest = 0;
        for (size_t i = 0; i < n; i++) {
            run = s[i] == '`' ? run + 1 : 0;
            if (run > longest) longest = run;
        }
        size_t f = longest >= 3 ? longest + 1 : 3;
        for (size_t i = 0; i < f; i++) buf_putc(out, '`');
        buf_putc(out, '\n');
        buf_put(out, s, n);
        buf_putc(out, '\n');
        for (size_t i = 0; i < f; i++) buf_putc(out, '`');
        buf_put(out, "\n\n", 2);
        return;
    }
    int kind = S_list_kind(s, n);
    if (kind) { /* a list: each item's marker as it is, its text escaped */
        size_t i = 0;
        while (i < n) {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - s) : n;
            const char *sp = memchr(s + i, ' ', e - i);
            size_t m = (size_t)(sp - s) + 1;
            buf_put(out, s + i, m - i);
            S_inline(out, s + m, e - m, 1);
            buf_putc(out, '\n');
            i = nl ? e + 1 : n;
        }
        buf_putc(out, '\n');
        return;
    }
    S_lines(out, s, n);
    buf_putc(out, '\n');
}

static void S_field(buf *out, const faq_field *f)
{
    const char *k = f->key.s ? f->key.s : "";
    const char *v = f->value.s ? f->value.s : "";
    size_t n = f->value.s ? f->value.len : 0;
    static const struct {
        const char *model, *md;
    } keys[] = {{"modified", "lastmod"}};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (!strcmp(k, keys[i].model)) k = keys[i].md;
    buf_puts(out, k);
    buf_putc(out, ':');
    buf_putc(out, ' ');
    if (read_text_is_quoted(v, n) || (n && (v[0] == '"' || v[0] == '\''))) { /* keep its quotes */
        char q = memchr(v, '"', n) ? '\'' : '"';
        buf_putc(out, q);
        buf_put(out, v, n);
        buf_putc(out, q);
    } else {
        buf_put(out, v, n);
    }
    buf_putc(out, '\n');
}

static void S_entry(buf *out, const faq_entry *e, size_t index, int grouped)
{
    if (e->section) {
        buf_puts(out, "## ");
        S_inline(out, e->section, strlen(e->section), 0);
        buf_put(out, "\n\n", 2);
    }
    buf_puts(out, grouped ? "### " : "## ");
    const char *q = e->question.s ? e->question.s : "";
    size_t qn = e->question.s ? e->question.len : 0;
    if (read_text_number_prefix(q, qn)) buf_printf(out, "%zu. ", index + 1); /* the reader drops one */
    S_inline(out, q, qn, 0);
    char slug[SLUG_MAX];
    slug_make(q, qn, slug);
    if (e->id && strcmp(e->id, slug) && !strchr(e->id, '}')) buf_printf(out, " {#%s}", e->id); /* its own id */
    buf_put(out, "\n\n", 2);
    for (size_t i = 0; i < e->answer.n; i++) S_para(out, &e->answer.v[i]);
    for (size_t i = 0; i < e->sources.n; i++) {
        const faq_text *s = &e->sources.v[i];
        buf_puts(out, "Source: ");
        S_inline(out, s->s ? s->s : "", s->s ? s->len : 0, 0);
        buf_put(out, "\n\n", 2);
    }
}

int export_md(const export_ctx *ctx, buf *out, diag_list *d)
{
    (void)d;
    const faq_doc *doc = ctx->doc;
    if (doc->has_front || doc->nfields) {
        buf_puts(out, "---\n");
        for (size_t i = 0; i < doc->nfields; i++) S_field(out, &doc->fields[i]);
        buf_puts(out, "---\n\n");
    }
    if (doc->title.s) {
        buf_puts(out, "# ");
        S_inline(out, doc->title.s, doc->title.len, 0);
        buf_put(out, "\n\n", 2);
    }
    for (size_t i = 0; i < doc->intro.n; i++) S_para(out, &doc->intro.v[i]);
    int grouped = 0;
    for (size_t i = 0; i < doc->nentries; i++) grouped |= doc->entries[i].section != NULL;
    int concluded = 0;
    for (size_t i = 0; i < doc->nentries && !export_cancelled(ctx); i++) {
        const faq_entry *e = &doc->entries[i];
        if (e->after_conclusion && !concluded && doc->conclusion.n) {
            buf_puts(out, "---\n\n");
            for (size_t k = 0; k < doc->conclusion.n; k++) S_para(out, &doc->conclusion.v[k]);
            concluded = 1;
        }
        S_entry(out, e, i, grouped);
    }
    if (!concluded && doc->conclusion.n) {
        buf_puts(out, "---\n\n");
        for (size_t k = 0; k < doc->conclusion.n; k++) S_para(out, &doc->conclusion.v[k]);
    }
    while (out->len >= 2 && out->s[out->len - 1] == '\n' && out->s[out->len - 2] == '\n') out->s[--out->len] = 0;
    return 0;
}
