/* xml_write: the model serialised as FAQ XML straight from the model, without a tree.
   The bytes are those libxml2 writes for the tree of xml_build (xmlSaveFormatFileTo with
   "UTF-8" and formatting on): elements holding only elements are indented by two spaces a
   level, one a line; an element with text is written on one line with its text as it is;
   an element with no content is written <name/>. Text escapes < > & and CR (&#13;); an
   attribute value also " and TAB, LF, CR as character references. */
#include "xml_write.h"
#include <stdio.h>
#include <string.h>

/* Byte classes: 0 plain (copied in runs), 1 escaped in text and attributes, 2 escaped in
   attributes only, 3 a control that XML forbids (U+FFFD), 4 NUL (the end), 5 0xEF (U+FFFE,
   U+FFFF?). */
static const unsigned char S_class[256] = {
    4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ['"'] = 2, ['&'] = 1, ['<'] = 1, ['>'] = 1, [0xEF] = 5,
};

#define S_FFFD "\xEF\xBF\xBD"

/* Appends s[0..n) (up to a NUL) made XML-safe and escaped, for text (attr 0) or an attribute value. */
static void S_escape(buf *out, const char *s, size_t n, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned c = S_class[p[i]];
        if (c == 0 || (c == 2 && !attr)) {
            i++;
            continue;
        }
        if (c == 5) {
            if (!(i + 2 < n && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF))) {
                i++;
                continue;
            }
        }
        buf_put(out, s + run, i - run);
        if (c == 4) return;
        size_t step = 1;
        switch (c) {
        case 1:
        case 2:
            switch (p[i]) {
            case '<': buf_put(out, "&lt;", 4); break;
            case '>': buf_put(out, "&gt;", 4); break;
            case '&': buf_put(out, "&amp;", 5); break;
            case '"': buf_put(out, "&quot;", 6); break;
            case '\r': buf_put(out, "&#13;", 5); break;
            case '\n': buf_put(out, "&#10;", 5); break;
            default: buf_put(out, "&#9;", 4); break; /* tab */
            }
            break;
        case 3: buf_put(out, S_FFFD, 3); break;
        default: buf_put(out, S_FFFD, 3); step = 3; break; /* U+FFFE, U+FFFF */
        }
        i += step;
        run = i;
    }
    buf_put(out, s + run, i - run);
}

void xml_safe_text(buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    for (; i < n && p[i]; i++) {
        if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')) {
            buf_put(out, s + run, i - run);
            buf_put(out, S_FFFD, 3);
            run = i + 1;
        } else if (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) {
            buf_put(out, s + run, i - run);
            buf_put(out, S_FFFD, 3);
            i += 2;
            run = i + 1;
        }
    }
    buf_put(out, s + run, i - run);
}

typedef struct S_w {
    buf *out;
    xml_elem_fn fn;
    void *arg;
} S_w;

static size_t S_pos(const faq_text *t, size_t fallback)
{
    return (t && t->nseg > 0 && t->seg) ? t->seg[0].src_off : fallback;
}

static void S_indent(S_w *w, int level)
{
    static const char sp[] = "                ";
    buf_put(w->out, sp, (size_t)level * 2);
}

/* Indentation, "<name" and the attributes; tells fn first. */
static void S_start(S_w *w, int level, const xml_elem *e)
{
    if (w->fn) w->fn(w->arg, e);
    S_indent(w, level);
    buf_putc(w->out, '<');
    buf_puts(w->out, e->name);
    for (int k = 0; k < 2 && e->attr[k][0]; k++) {
        buf_putc(w->out, ' ');
        buf_puts(w->out, e->attr[k][0]);
        buf_put(w->out, "=\"", 2);
        const char *v = e->attr[k][1] ? e->attr[k][1] : "";
        S_escape(w->out, v, strlen(v), 1);
        buf_putc(w->out, '"');
    }
}

/* An element holding text t (empty: <name/>). */
static void S_text_elem(S_w *w, int level, const char *name, const faq_text *t, size_t pos, const char *an,
                        const char *av)
{
    xml_elem e = {name, t, {{an, av}, {NULL, NULL}}, pos};
    S_start(w, level, &e);
    size_t n = t->s ? strnlen(t->s, t->len) : 0;
    if (!n) {
        buf_put(w->out, "/>\n", 3);
        return;
    }
    buf_putc(w->out, '>');
    S_escape(w->out, t->s, n, 0);
    buf_put(w->out, "</", 2);
    buf_puts(w->out, name);
    buf_put(w->out, ">\n", 2);
}

/* An element of elements: its start tag; returns whether children follow (else it is closed). */
static void S_open(S_w *w, int level, const xml_elem *e, int has_children)
{
    S_start(w, level, e);
    if (has_children) buf_put(w->out, ">\n", 2);
    else buf_put(w->out, "/>\n", 3);
}

static void S_close(S_w *w, int level, const char *name)
{
    S_indent(w, level);
    buf_put(w->out, "</", 2);
    buf_puts(w->out, name);
    buf_put(w->out, ">\n", 2);
}

static void S_paras(S_w *w, int level, const char *name, const faq_paras *p, size_t off)
{
    xml_elem e = {name, NULL, {{NULL, NULL}, {NULL, NULL}}, p->n ? S_pos(&p->v[0], off) : off};
    S_open(w, level, &e, p->n > 0);
    if (!p->n) return;
    for (size_t i = 0; i < p->n; i++) S_text_elem(w, level + 1, "p", &p->v[i], S_pos(&p->v[i], off), NULL, NULL);
    S_close(w, level, name);
}

static int S_key_is(const faq_field *f, const char *key)
{
    return f->key.s && !strcmp(f->key.s, key);
}

static const char *const S_known[] = {"id", "lang", "url", "modified"};

static int S_is_known(const faq_field *f)
{
    for (size_t k = 0; k < sizeof S_known / sizeof *S_known; k++)
        if (S_key_is(f, S_known[k])) return 1;
    return 0;
}

static void S_front(S_w *w, const faq_doc *doc)
{
    size_t off = doc->nfields ? S_pos(&doc->fields[0].key, 0) : 0;
    /* Every field gives an element (the first of each known key, and every other key), so
       the front has children when there is a field. */
    int has = doc->nfields > 0;
    xml_elem e = {"front", NULL, {{NULL, NULL}, {NULL, NULL}}, off};
    S_open(w, 1, &e, has);
    if (!has) return;
    for (size_t k = 0; k < sizeof S_known / sizeof *S_known; k++)
        for (size_t i = 0; i < doc->nfields; i++) {
            const faq_field *f = &doc->fields[i];
            if (!S_key_is(f, S_known[k])) continue;
            S_text_elem(w, 2, S_known[k], &f->value, S_pos(&f->value, S_pos(&f->key, off)), NULL, NULL);
            break; /* the first wins */
        }
    for (size_t i = 0; i < doc->nfields; i++) {
        const faq_field *f = &doc->fields[i];
        if (S_is_known(f)) continue;
        S_text_elem(w, 2, "field", &f->value, S_pos(&f->value, S_pos(&f->key, off)), "name",
                    f->key.s ? f->key.s : "");
    }
    S_close(w, 1, "front");
}

static void S_entry(S_w *w, const faq_entry *e, size_t index)
{
    char idbuf[32];
    const char *id = e->id;
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "q-%zu", index + 1);
        id = idbuf;
    }
    xml_elem en = {"entry", NULL, {{"id", id}, {e->after_conclusion ? "after-conclusion" : NULL, "true"}}, e->pos};
    S_open(w, 1, &en, 1);
    S_text_elem(w, 2, "question", &e->question, S_pos(&e->question, e->pos), NULL, NULL);
    xml_elem a = {"answer", NULL, {{NULL, NULL}, {NULL, NULL}}, e->answer.n ? S_pos(&e->answer.v[0], e->pos) : e->pos};
    S_open(w, 2, &a, e->answer.n > 0);
    if (e->answer.n) {
        for (size_t i = 0; i < e->answer.n; i++)
            S_text_elem(w, 3, "p", &e->answer.v[i], S_pos(&e->answer.v[i], e->pos), NULL, NULL);
        S_close(w, 2, "answer");
    }
    for (size_t i = 0; i < e->sources.n; i++)
        S_text_elem(w, 2, "source", &e->sources.v[i], S_pos(&e->sources.v[i], e->pos), NULL, NULL);
    S_close(w, 1, "entry");
}

void xml_write(const faq_doc *doc, buf *out, xml_elem_fn fn, void *arg)
{
    S_w w = {out, fn, arg};
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int has = doc->has_front || doc->nfields || doc->title.s || doc->intro.n || doc->nentries || doc->conclusion.n;
    xml_elem root = {"faq", NULL, {{"version", "1"}, {NULL, NULL}}, 0};
    S_start(&w, 0, &root);
    if (!has) {
        buf_put(out, "/>\n", 3);
        return;
    }
    buf_put(out, ">\n", 2);
    if (doc->has_front || doc->nfields) S_front(&w, doc);
    if (doc->title.s) S_text_elem(&w, 1, "title", &doc->title, S_pos(&doc->title, 0), NULL, NULL);
    if (doc->intro.n) S_paras(&w, 1, "intro", &doc->intro, 0);
    int concluded = 0;
    for (size_t i = 0; i < doc->nentries; i++) {
        const faq_entry *e = &doc->entries[i];
        if (e->after_conclusion && !concluded && doc->conclusion.n) {
            S_paras(&w, 1, "conclusion", &doc->conclusion, doc->conclusion_pos);
            concluded = 1;
        }
        S_entry(&w, e, i);
    }
    if (!concluded && doc->conclusion.n) S_paras(&w, 1, "conclusion", &doc->conclusion, doc->conclusion_pos);
    buf_put(out, "</faq>\n", 7);
}
