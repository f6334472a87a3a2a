/* model: a FAQ in memory, with source positions. */
#include "model.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

faq_doc *faq_doc_new(const source *src)
{
    faq_doc *d = xcalloc(1, sizeof *d);
    d->src = src;
    return d;
}

void faq_doc_free(faq_doc *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->nentries; i++) {
        free(d->entries[i].answer.v);
        free(d->entries[i].sources.v);
    }
    free(d->entries);
    free(d->intro.v);
    free(d->conclusion.v);
    free(d->fields);
    free(d->directives);
    arena_free(&d->mem);
    free(d);
}

const faq_text *faq_doc_field(const faq_doc *d, const char *key)
{
    for (size_t i = 0; i < d->nfields; i++)
        if (d->fields[i].key.s && !strcmp(d->fields[i].key.s, key)) return &d->fields[i].value;
    return NULL;
}

size_t faq_text_src(const faq_text *t, size_t off)
{
    if (!t->nseg) return 0;
    size_t lo = 0, hi = t->nseg; /* last segment with text_off <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->seg[mid].text_off <= off) lo = mid;
        else hi = mid;
    }
    return t->seg[lo].src_off + (off - t->seg[lo].text_off);
}

void faq_text_linecol(const faq_doc *d, const faq_text *t, size_t off, unsigned *line, unsigned *col)
{
    source_linecol(d->src, faq_text_src(t, off), line, col);
}

faq_text *faq_paras_add(faq_doc *d, faq_paras *p)
{
    (void)d;
    XGROW(p->v, p->cap, p->n + 1);
    faq_text *t = &p->v[p->n++];
    memset(t, 0, sizeof *t);
    return t;
}

faq_entry *faq_doc_add_entry(faq_doc *d)
{
    XGROW(d->entries, d->capentries, d->nentries + 1);
    faq_entry *e = &d->entries[d->nentries++];
    memset(e, 0, sizeof *e);
    return e;
}
