/* export_text: the model in the canonical text format (Q:/A: form), which reads back to the same XML.

   Text from FAQ XML can hold lines that the text reader would take for structure: a line
   "Q: …" (a question), "Source: …" in an answer (a source), "<!-- faq-disable … -->" (a
   directive, dropped), a first line "---" (front matter). Where the format has a way to
   write such text, the exporter uses it (the "A: " that opens an answer, the indentation
   the reader strips, a number prefix, the other quote mark); where it has none, the line is
   written as it is and reported as a warning [export] at its place in the input, so that the
   writer can reword it: the format gets no new escape syntax for rare text. */
#include "export.h"
#include "reader.h"
#include <stdarg.h>
#include <string.h>

typedef struct S_out {
    const export_ctx *ctx;
    buf *out;
    diag_list *d;
} S_out;

typedef enum { S_INTRO, S_ANSWER, S_CONCLUSION } S_where;

static const char *S_path(const export_ctx *ctx)
{
    return ctx->doc->src && ctx->doc->src->path ? ctx->doc->src->path : "-";
}

/* A warning [export] at text offset off of t (its place in the input). */
static void S_warn(S_out *o, const faq_text *t, size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void S_warn(S_out *o, const faq_text *t, size_t off, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    if (o->ctx->doc->src && t->nseg) faq_text_linecol(o->ctx->doc, t, off, &line, &col);
    buf m;
    buf_init(&m);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    diag_add(o->d, S_path(o->ctx), line, col, SEV_WARNING, "export", "%s", m.s);
    buf_free(&m);
}

/* The length of line s[0..n) to quote in a message: at most 60 bytes, cut on a UTF-8
   boundary; *cut says whether it was cut. */
static int S_quote_len(const char *s, size_t n, int *cut)
{
    size_t max = 60;
    *cut = n > max;
    if (*cut) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    return (int)n;
}

/* Reports that line t[off, end) does not read back as the same text: it reads back as what. */
static void S_cannot(S_out *o, const faq_text *t, size_t off, size_t end, const char *what)
{
    int cut, n = S_quote_len(t->s + off, end - off, &cut);
    S_warn(o, t, off,
           "the text export cannot keep the line \"%.*s%s\" as text: it reads back as %s, and the "
           "text format has no escape for it; reword the line",
           n, t->s + off, cut ? "..." : "", what);
}

/* Checks each line of paragraph t as the reader will see it in section where; the first line
   is safe when a prefix ("A: ") stands before it on the same line. opens: t is the first
   paragraph of the conclusion, whose first line the reader reads as the last answer's (two
   blank lines before it open the conclusion only when it is no question or source). */
static void S_check_lines(S_out *o, const faq_text *t, S_where where, int first_safe, int opens)
{
    for (size_t b = 0; b < t->len;) {
        const char *nl = memchr(t->s + b, '\n', t->len - b);
        size_t e = nl ? (size_t)(nl - t->s) : t->len;
        if (b || !first_safe) {
            text_line_role role = read_text_line_role(t->s + b, e - b);
            if (role == TEXT_LINE_QUESTION)
                S_cannot(o, t, b, e, "the start of a question");
            else if (role == TEXT_LINE_SOURCE && where == S_ANSWER)
                S_cannot(o, t, b, e, "a source of the answer");
            else if (role == TEXT_LINE_SOURCE && opens && b == 0)
                S_cannot(o, t, b, e, "a source of the last answer (not the conclusion)");
            else if (role == TEXT_LINE_DIRECTIVE)
                S_cannot(o, t, b, e, "an inline directive, which is not content (the line is lost)");
        }
        b = e + 1;
    }
}

static void S_paras(S_out *o, const faq_paras *p, const char *first_prefix, S_where where, int after_entry)
{
    for (size_t i = 0; i < p->n; i++) {
        if (i) buf_putc(o->out, '\n');
        if (i == 0 && first_prefix) buf_puts(o->out, first_prefix);
        S_check_lines(o, &p->v[i], where, i == 0 && first_prefix, i == 0 && where == S_CONCLUSION && after_entry);
        buf_put(o->out, p->v[i].s, p->v[i].len);
        buf_putc(o->out, '\n');
    }
}

static void S_entry(S_out *o, const faq_entry *e, size_t number)
{
    const char *q = e->question.s ? e->question.s : "";
    if (e->section && number > 1) { /* a group heading: two blank lines before it, one after */
        buf_putc(o->out, '\n');
        buf_puts(o->out, e->section);
        buf_puts(o->out, "\n\n");
    }
    buf_puts(o->out, "Q: ");
    /* The reader drops a number prefix from a question ("1. ", "2.3 "). A question whose own
       text starts with one ("2.3 million people?", "1. first?") gets a number prefix of its
       own in front, the entry's number, which the reader drops instead: "Q: 4. 2.3 million
       people?" reads back as "2.3 million people?". */
    if (read_text_number_prefix(q, e->question.len)) buf_printf(o->out, "%zu. ", number);
    buf_put(o->out, q, e->question.len);
    buf_putc(o->out, '\n');
    S_paras(o, &e->answer, "A: ", S_ANSWER, 0);
    for (size_t i = 0; i < e->sources.n; i++) {
        const faq_text *s = &e->sources.v[i];
        const char *nl = memchr(s->s, '\n', s->len);
        if (nl) {
            const char *next = nl + 1;
            const char *next_end = memchr(next, '\n', (size_t)(s->s + s->len - next));
            int cut, n = S_quote_len(next, next_end ? (size_t)(next_end - next) : (size_t)(s->s + s->len - next), &cut);
            S_warn(o, s, (size_t)(next - s->s),
                   "the text export cannot keep the line break in a source before \"%.*s%s\": a source "
                   "is one line in the text format, and what follows reads back as answer text; write "
                   "the source on one line",
                   n, next, cut ? "..." : "");
        }
        buf_puts(o->out, "Source: ");
        buf_put(o->out, s->s, s->len);
        buf_putc(o->out, '\n');
    }
}

/* A front matter value. The reader drops the quotes around a value that is one quoted string
   ("x" or 'x'), so such a value is written inside the other quote mark: '"x"' reads back as
   "x". One that holds both marks ("it's") has no form that reads back: reported. */
static void S_field(S_out *o, const faq_field *f)
{
    const faq_text *v = &f->value;
    const char *s = v->s ? v->s : "";
    if (!read_text_is_quoted(s, v->len)) {
        buf_printf(o->out, "%s: %s\n", f->key.s, s);
        return;
    }
    char other = s[0] == '"' ? '\'' : '"';
    if (memchr(s, other, v->len)) {
        S_warn(o, v, 0,
               "the text export cannot keep the front matter value of '%s' as it is: a value that is "
               "one quoted string reads back without its quotes, and this one holds both quote marks, "
               "so neither can protect it; reword it",
               f->key.s);
        buf_printf(o->out, "%s: %s\n", f->key.s, s);
        return;
    }
    buf_printf(o->out, "%s: %c%s%c\n", f->key.s, other, s, other);
}

static void S_title(S_out *o, const faq_text *t)
{
    /* A title that starts with U+FEFF would read back as a byte order mark: write one. */
    if (o->out->len == 0 && t->len >= 3 && !memcmp(t->s, "\xEF\xBB\xBF", 3)) buf_puts(o->out, "\xEF\xBB\xBF");
    for (size_t b = 0; b < t->len;) {
        const char *nl = memchr(t->s + b, '\n', t->len - b);
        size_t e = nl ? (size_t)(nl - t->s) : t->len;
        text_line_role role = read_text_line_role(t->s + b, e - b);
        /* "---" as the first line opens front matter; indented, it is text (the reader strips
           the indentation, and a fence must start the line). */
        if (role == TEXT_LINE_FENCE && b == 0 && o->out->len == 0)
            buf_putc(o->out, ' ');
        else if (role == TEXT_LINE_QUESTION)
            S_cannot(o, t, b, e, "the start of a question (not the title)");
        else if (role == TEXT_LINE_DIRECTIVE)
            S_cannot(o, t, b, e, "an inline directive, which is not content (the line is lost)");
        if (b) { /* the reader joins a title's lines with a space */
            int cut, n = S_quote_len(t->s + b, e - b, &cut);
            S_warn(o, t, b,
                   "the text export cannot keep the line break in the title before \"%.*s%s\": the "
                   "text format joins the lines of a title with a space; write the title on one line",
                   n, t->s + b, cut ? "..." : "");
        }
        b = e + 1;
    }
    buf_put(o->out, t->s, t->len);
    buf_putc(o->out, '\n');
}

int export_text(const export_ctx *ctx, buf *out, diag_list *d)
{
    const faq_doc *doc = ctx->doc;
    S_out o = {ctx, out, d};
    if (doc->has_front || doc->nfields) { /* an empty front matter is kept too: <front/> */
        buf_puts(out, "---\n");
        for (size_t i = 0; i < doc->nfields; i++) S_field(&o, &doc->fields[i]);
        buf_puts(out, "---\n");
    }
    if (doc->title.s) {
        /* A file that starts with '<' and something like a tag reads as FAQ XML (reader_is_xml),
           not as text; one that starts with a faq- directive comment reads as text. So such a
           title ("<!-- note --> …", "<Brand> FAQ") gets a first line "<!-- faq-enable -->",
           which enables what is not disabled: no effect, and no finding. */
        source head = {0};
        head.data = doc->title.s;
        head.len = doc->title.len;
        if (out->len == 0 && reader_is_xml(&head)) buf_puts(out, "<!-- faq-enable -->\n");
        S_title(&o, &doc->title);
    }
    if (doc->intro.n) {
        buf_putc(out, '\n');
        S_paras(&o, &doc->intro, NULL, S_INTRO, 0);
    }
    size_t i = 0;
    for (; i < doc->nentries && !doc->entries[i].after_conclusion && !export_cancelled(ctx); i++) {
        buf_putc(out, '\n');
        S_entry(&o, &doc->entries[i], i + 1);
    }
    if (doc->conclusion.n) {
        buf_puts(out, "\n\n"); /* two blank lines close the last answer */
        S_paras(&o, &doc->conclusion, NULL, S_CONCLUSION, i > 0);
    }
    for (; i < doc->nentries && !export_cancelled(ctx); i++) {
        buf_putc(out, '\n');
        S_entry(&o, &doc->entries[i], i + 1);
    }
    return 0;
}
