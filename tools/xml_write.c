/* xml_write: the model as FAQ XML straight from the model, without a tree.
   The bytes are those libxml2 writes for the tree of xml_build (xmlSaveFormatFileTo with
   "UTF-8" and formatting on): elements holding only elements are indented by two spaces a
   level, one a line; an element with text is written on one line with its text as it is;
   an element with no content is written <name/>. Text escapes < > & and CR (&#13;); an
   attribute value also " and TAB, LF, CR as character references. */
#include "xml_write.h"
#include "word8.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Byte classes: 0 plain (copied in runs), 1 escaped in text and attributes, 2 escaped in
   attributes only, 3 a control that XML forbids (U+FFFD), 4 NUL (the end), 5 0xEF (U+FFFE,
   U+FFFF?). */
static const unsigned char S_class[256] = {
    4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 1,         3,         3,         3,         3,          3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, ['"'] = 2, ['&'] = 1, ['<'] = 1, ['>'] = 1, [0xEF] = 5,
};

#define S_FFFD "\xEF\xBF\xBD"

/* Whether word w may hold a byte that is not plain text: below 0x20, '<', '>', '&', 0xEF (and,
   with quote, '"'). False positives are fine (the bytes are then looked at one by one). */
static inline int S_word_special(uint64_t w, int quote)
{
    return (word8_maybe_below(w, 0x20) | word8_maybe(w, '<') | word8_maybe(w, '>') | word8_maybe(w, '&') |
            word8_maybe(w, 0xEF) | (quote ? word8_maybe(w, '"') : 0)) != 0;
}

void xml_escape(buf *out, const char *s, size_t n, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        while (i + 8 <= n) { /* eight plain bytes at a time */
            if (S_word_special(word8_load(p + i), attr)) break;
            i += 8;
        }
        if (i >= n) break;
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
        default:
            buf_put(out, S_FFFD, 3);
            step = 3;
            break; /* U+FFFE, U+FFFF */
        }
        i += step;
        run = i;
    }
    buf_put(out, s + run, i - run);
}

static inline int S_forbidden_at(const unsigned char *p, size_t i, size_t n)
{
    return (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') ||
        (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF));
}

/* Whether the eight bytes at p may hold a forbidden character: a NUL or another C0 control
   but TAB, LF, CR, or 0xEF (U+FFFE, U+FFFF start with it). Exact but for 0xEF. */
static inline int S_unsafe8(const unsigned char *p)
{
    uint64_t w = word8_load(p);
    return (word8_bad_ctl(w) | word8_eq(w, 0xEF)) != 0;
}

int xml_needs_safe(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        while (i + 8 <= n && !S_unsafe8(p + i)) i += 8;
        size_t end = i + 8 < n ? i + 8 : n;
        for (; i < end; i++) {
            if (!p[i]) return 0;
            if (S_forbidden_at(p, i, n)) return 1;
        }
    }
    return 0;
}

void xml_safe_text(buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    for (; i < n && p[i]; i++) {
        if (!S_forbidden_at(p, i, n)) continue;
        buf_put(out, s + run, i - run);
        buf_put(out, S_FFFD, 3);
        if (p[i] == 0xEF) i += 2;
        run = i + 1;
    }
    buf_put(out, s + run, i - run);
}

/* ------------------------------------------------------------------ the walk */

static size_t S_pos(const faq_text *t, size_t fallback)
{
    return (t && t->nseg > 0 && t->seg) ? t->seg[0].src_off : fallback;
}

static void S_text_elem(const xml_events *ev, int level, const char *name, const faq_text *t, size_t pos,
                        const char *an, const char *av)
{
    size_t n = t->s ? strnlen(t->s, t->len) : 0;
    xml_elem e = {name, t, {{an, av}, {NULL, NULL}}, pos, level, n == 0};
    ev->start(ev->arg, &e);
    if (n) ev->text(ev->arg, &e, t->s, n);
    ev->end(ev->arg, &e);
}

static void S_paras(const xml_events *ev, int level, const char *name, const faq_paras *p, size_t off)
{
    xml_elem e = {name, NULL, {{NULL, NULL}, {NULL, NULL}}, p->n ? S_pos(&p->v[0], off) : off, level, p->n == 0};
    ev->start(ev->arg, &e);
    for (size_t i = 0; i < p->n; i++) S_text_elem(ev, level + 1, "p", &p->v[i], S_pos(&p->v[i], off), NULL, NULL);
    ev->end(ev->arg, &e);
}

static int S_key_is(const faq_field *f, const char *key) { return f->key.s && !strcmp(f->key.s, key); }

static const char *const S_known[] = {"id", "lang", "url", "modified"};

static int S_is_known(const faq_field *f)
{
    for (size_t k = 0; k < sizeof S_known / sizeof *S_known; k++)
        if (S_key_is(f, S_known[k])) return 1;
    return 0;
}

static void S_front(const xml_events *ev, const faq_doc *doc)
{
    size_t off = doc->nfields ? S_pos(&doc->fields[0].key, 0) : 0;
    /* Every field gives an element (the first of each known key, and every other key), so
       the front has children when there is a field. */
    xml_elem e = {"front", NULL, {{NULL, NULL}, {NULL, NULL}}, off, 1, doc->nfields == 0};
    ev->start(ev->arg, &e);
    for (size_t k = 0; k < sizeof S_known / sizeof *S_known; k++)
        for (size_t i = 0; i < doc->nfields; i++) {
            const faq_field *f = &doc->fields[i];
            if (!S_key_is(f, S_known[k])) continue;
            S_text_elem(ev, 2, S_known[k], &f->value, S_pos(&f->value, S_pos(&f->key, off)), NULL, NULL);
            break; /* the first wins */
        }
    for (size_t i = 0; i < doc->nfields; i++) {
        const faq_field *f = &doc->fields[i];
        if (S_is_known(f)) continue;
        S_text_elem(ev, 2, "field", &f->value, S_pos(&f->value, S_pos(&f->key, off)), "name", f->key.s ? f->key.s : "");
    }
    ev->end(ev->arg, &e);
}

static void S_entry(const xml_events *ev, const faq_entry *e, size_t index)
{
    char idbuf[32];
    const char *id = e->id;
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "q-%zu", index + 1);
        id = idbuf;
    }
    xml_elem en = {"entry", NULL, {{"id", id}, {NULL, NULL}, {NULL, NULL}}, e->pos, 1, 0};
    int na = 1;
    if (e->section) en.attr[na][0] = "section", en.attr[na++][1] = e->section;
    if (e->after_conclusion) en.attr[na][0] = "after-conclusion", en.attr[na][1] = "true";
    ev->start(ev->arg, &en);
    S_text_elem(ev, 2, "question", &e->question, S_pos(&e->question, e->pos), NULL, NULL);
    xml_elem a = {
        "answer",        NULL, {{NULL, NULL}, {NULL, NULL}}, e->answer.n ? S_pos(&e->answer.v[0], e->pos) : e->pos, 2,
        e->answer.n == 0};
    ev->start(ev->arg, &a);
    for (size_t i = 0; i < e->answer.n; i++)
        S_text_elem(ev, 3, "p", &e->answer.v[i], S_pos(&e->answer.v[i], e->pos), NULL, NULL);
    ev->end(ev->arg, &a);
    for (size_t i = 0; i < e->sources.n; i++)
        S_text_elem(ev, 2, "source", &e->sources.v[i], S_pos(&e->sources.v[i], e->pos), NULL, NULL);
    ev->end(ev->arg, &en);
}

void xml_walk(const faq_doc *doc, const xml_events *ev)
{
    int has = doc->has_front || doc->nfields || doc->title.s || doc->intro.n || doc->nentries || doc->conclusion.n;
    xml_elem root = {"faq", NULL, {{"version", "1"}, {NULL, NULL}}, 0, 0, !has};
    ev->start(ev->arg, &root);
    if (doc->has_front || doc->nfields) S_front(ev, doc);
    if (doc->title.s) S_text_elem(ev, 1, "title", &doc->title, S_pos(&doc->title, 0), NULL, NULL);
    if (doc->intro.n) S_paras(ev, 1, "intro", &doc->intro, 0);
    int concluded = 0;
    for (size_t i = 0; i < doc->nentries; i++) {
        if (ev->cancel && atomic_load_explicit(ev->cancel, memory_order_relaxed)) return;
        const faq_entry *e = &doc->entries[i];
        if (e->after_conclusion && !concluded && doc->conclusion.n) {
            S_paras(ev, 1, "conclusion", &doc->conclusion, doc->conclusion_pos);
            concluded = 1;
        }
        S_entry(ev, e, i);
    }
    if (!concluded && doc->conclusion.n) S_paras(ev, 1, "conclusion", &doc->conclusion, doc->conclusion_pos);
    ev->end(ev->arg, &root);
}

/* ------------------------------------------------------------------ writing */

static void S_indent(buf *out, int level)
{
    static const char sp[] = "                ";
    buf_put(out, sp, (size_t)level * 2);
}

static void S_w_start(void *arg, const xml_elem *e)
{
    buf *out = arg;
    S_indent(out, e->level);
    buf_putc(out, '<');
    buf_puts(out, e->name);
    for (int k = 0; k < 3 && e->attr[k][0]; k++) {
        buf_putc(out, ' ');
        buf_puts(out, e->attr[k][0]);
        buf_put(out, "=\"", 2);
        const char *v = e->attr[k][1] ? e->attr[k][1] : "";
        xml_escape(out, v, strlen(v), 1);
        buf_putc(out, '"');
    }
    if (e->empty)
        buf_put(out, "/>\n", 3);
    else if (e->text)
        buf_putc(out, '>');
    else
        buf_put(out, ">\n", 2);
}

static void S_w_text(void *arg, const xml_elem *e, const char *s, size_t n)
{
    (void)e;
    xml_escape(arg, s, n, 0);
}

static void S_w_end(void *arg, const xml_elem *e)
{
    buf *out = arg;
    if (e->empty) return;
    if (!e->text) S_indent(out, e->level);
    buf_put(out, "</", 2);
    buf_puts(out, e->name);
    buf_put(out, ">\n", 2);
}

void xml_write_until(const faq_doc *doc, buf *out, const atomic_int *cancel)
{
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml_events ev = {S_w_start, S_w_text, S_w_end, out, cancel};
    xml_walk(doc, &ev);
}

void xml_write(const faq_doc *doc, buf *out) { xml_write_until(doc, out, NULL); }
