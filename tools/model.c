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
    if (d->page && d->page_free) d->page_free(d->page);
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
        if (t->seg[mid].text_off <= off)
            lo = mid;
        else
            hi = mid;
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
    if (p->n == p->cap) { /* most answers have one to three paragraphs: grow from two */
        p->cap = p->cap ? p->cap * 2 : 2;
        p->v = xrealloc(p->v, p->cap * sizeof *p->v);
    }
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

static int S_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Matches the directive grammar on comment text s[0..n): returns the kind, with [*b, *e) the
   trimmed text and *wl the length of its directive word, or -1 when it is no directive. */
static int S_directive_word(const char *s, size_t n, size_t *b_out, size_t *e_out, size_t *wl_out)
{
    size_t b = 0, e = n;
    while (b < e && S_blank(s[b])) b++;
    while (e > b && S_blank(s[e - 1])) e--;
    static const struct {
        const char *word;
        int kind;
    } kinds[] = {
        {"faq-disable-next-line", DIR_DISABLE_NEXT_LINE},
        {"faq-disable", DIR_DISABLE},
        {"faq-enable", DIR_ENABLE},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t wl = strlen(kinds[k].word);
        if (e - b < wl || memcmp(s + b, kinds[k].word, wl)) continue;
        if (e - b > wl && !S_blank(s[b + wl])) continue;
        *b_out = b, *e_out = e, *wl_out = wl;
        return kinds[k].kind;
    }
    return -1;
}

int faq_directive_kind(const char *s, size_t n)
{
    size_t b, e, wl;
    return S_directive_word(s, n, &b, &e, &wl);
}

int faq_doc_add_directive(faq_doc *d, const char *s, size_t n, unsigned line)
{
    size_t b, e, wl;
    int kind = S_directive_word(s, n, &b, &e, &wl);
    if (kind < 0) return 0;
    const char *rs = s + b + wl;
    size_t rn = e - b - wl;
    const char *colon = memchr(rs, ':', rn);
    size_t rules_n = colon ? (size_t)(colon - rs) : rn;
    XGROW(d->directives, d->capdirectives, d->ndirectives + 1);
    faq_directive *dir = &d->directives[d->ndirectives++];
    dir->kind = kind;
    size_t a = 0;
    while (a < rules_n && S_blank(rs[a])) a++;
    while (rules_n > a && S_blank(rs[rules_n - 1])) rules_n--;
    dir->rules = arena_strndup(&d->mem, rs + a, rules_n - a);
    const char *why = colon ? colon + 1 : s + e;
    size_t wn = (size_t)(s + e - why);
    while (wn && S_blank(*why)) why++, wn--;
    dir->reason = arena_strndup(&d->mem, why, wn);
    dir->line = line;
    return 1;
}
