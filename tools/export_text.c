/* export_text: the model in the canonical text format (Q:/A: form), which reads back to the same XML. */
#include "export.h"
#include <string.h>

static void S_paras(buf *out, const faq_paras *p, const char *first_prefix)
{
    for (size_t i = 0; i < p->n; i++) {
        if (i) buf_putc(out, '\n');
        if (i == 0 && first_prefix) buf_puts(out, first_prefix);
        buf_put(out, p->v[i].s, p->v[i].len);
        buf_putc(out, '\n');
    }
}

static void S_entry(buf *out, const faq_entry *e)
{
    buf_puts(out, "Q: ");
    buf_put(out, e->question.s ? e->question.s : "", e->question.len);
    buf_putc(out, '\n');
    S_paras(out, &e->answer, "A: ");
    for (size_t i = 0; i < e->sources.n; i++) {
        buf_puts(out, "Source: ");
        buf_put(out, e->sources.v[i].s, e->sources.v[i].len);
        buf_putc(out, '\n');
    }
}

int export_text(const export_ctx *ctx, buf *out, diag_list *d)
{
    (void)d;
    const faq_doc *doc = ctx->doc;
    if (doc->nfields) {
        buf_puts(out, "---\n");
        for (size_t i = 0; i < doc->nfields; i++) {
            const faq_text *v = &doc->fields[i].value;
            /* a value in quotes reads back without them: quote it once more */
            int quote = v->len >= 2 && (v->s[0] == '"' || v->s[0] == '\'') && v->s[v->len - 1] == v->s[0];
            if (quote) buf_printf(out, "%s: %c%s%c\n", doc->fields[i].key.s, v->s[0], v->s, v->s[0]);
            else buf_printf(out, "%s: %s\n", doc->fields[i].key.s, v->s);
        }
        buf_puts(out, "---\n");
    }
    if (doc->title.s) {
        /* A title that starts with U+FEFF would read back as a byte order mark: write one. */
        if (out->len == 0 && doc->title.len >= 3 && !memcmp(doc->title.s, "\xEF\xBB\xBF", 3))
            buf_puts(out, "\xEF\xBB\xBF");
        buf_put(out, doc->title.s, doc->title.len);
        buf_putc(out, '\n');
    }
    if (doc->intro.n) {
        buf_putc(out, '\n');
        S_paras(out, &doc->intro, NULL);
    }
    size_t i = 0;
    for (; i < doc->nentries && !doc->entries[i].after_conclusion; i++) {
        buf_putc(out, '\n');
        S_entry(out, &doc->entries[i]);
    }
    if (doc->conclusion.n) {
        buf_puts(out, "\n\n"); /* two blank lines close the last answer */
        S_paras(out, &doc->conclusion, NULL);
    }
    for (; i < doc->nentries; i++) {
        buf_putc(out, '\n');
        S_entry(out, &doc->entries[i]);
    }
    return 0;
}
