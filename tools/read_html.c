/* read_html: the FAQ a visitor sees on an HTML page, read with libxml2's HTML parser. */
#include "read_html.h"
#include "buf.h"
#include "slug.h"
#include "strset.h"
#include "utf8.h"
#include "xalloc.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char read_html_no_faq[] = "no FAQ on this page";

/* ------------------------------------------------------------------ detection */

static int S_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return 0;
    }
    return 1;
}

int reader_is_html_name(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return (n > 5 && S_ieq(path + n - 5, ".html", 5)) || (n > 4 && S_ieq(path + n - 4, ".htm", 4)) ||
        (n > 6 && S_ieq(path + n - 6, ".xhtml", 6));
}

/* An HTML page opens (after blanks and comments) with <!DOCTYPE html or <html; FAQ XML with
   <?xml or <faq, so a content sniff never takes FAQ XML for a page. */
int reader_is_html(const source *src)
{
    if (reader_is_html_name(src->path)) return 1;
    const char *p = src->data, *end = src->data + src->len;
    for (int guard = 0; guard < 64; guard++) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = p + 4;
            size_t left = (size_t)(end - q);
            const char *c = NULL;
            for (size_t i = 0; i + 2 < left && i < 65536; i++)
                if (q[i] == '-' && q[i + 1] == '-' && q[i + 2] == '>') {
                    c = q + i;
                    break;
                }
            if (!c) return 0;
            p = c + 3;
            continue;
        }
        break;
    }
    size_t left = (size_t)(end - p);
    if (left >= 14 && S_ieq(p, "<!DOCTYPE html", 14) &&
        (left == 14 || p[14] == '>' || p[14] == ' ' || p[14] == '\t' || p[14] == '\n' || p[14] == '\r'))
        return 1;
    if (left >= 5 && S_ieq(p, "<html", 5) &&
        (left == 5 || p[5] == '>' || p[5] == ' ' || p[5] == '\n' || p[5] == '\t' || p[5] == '\r'))
        return 1;
    return 0;
}

/* ------------------------------------------------------------------ the reader's state */

typedef struct S_tb { /* a text being built: bytes and the segments that map them to the source */
    buf b;
    faq_seg *seg;
    size_t nseg, cap;
    int space; /* a blank is pending (collapsed white space) */
    size_t space_src; /* where it stood */
} S_tb;

typedef struct S_reader {
    const source *src;
    faq_doc *doc;
    diag_list *d;
    strset ids;
    html_page *page;
    const xmlNode *root; /* the content root: <main>, else <body> */
    int concluded; /* the .faq-conclusion block was read */
    const char *section; /* a group's heading (h2.faq-group), for the next entry */
    int depth;
} S_reader;

enum { S_MAX_DEPTH = 200 }; /* deeper markup is not walked for entries (libxml2 keeps 256) */

/* ------------------------------------------------------------------ positions */

#define S_NPOS ((size_t)-1)

static size_t S_pos(const xmlNode *n) /* source byte offset located for n, or S_NPOS */
{
    uintptr_t v = (uintptr_t)n->_private;
    return v ? (size_t)v - 1 : S_NPOS;
}

static void S_set_pos(xmlNode *n, size_t off) { n->_private = (void *)(uintptr_t)(off + 1); }

static int S_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The end of the tag that starts at p (the byte after its '>'), quotes respected. */
static size_t S_tag_end(const source *s, size_t p)
{
    char q = 0;
    for (size_t i = p + 1; i < s->len; i++) {
        char c = s->data[i];
        if (q) {
            if (c == q) q = 0;
        } else if (c == '"' || c == '\'') {
            if (s->data[i - 1] == '=' || s->data[i - 1] == ' ' || s->data[i - 1] == '\t' || s->data[i - 1] == '\n')
                q = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return s->len;
}

static size_t S_find_ci(const source *s, size_t from, const char *needle, size_t n)
{
    for (size_t i = from; i + n <= s->len; i++)
        if (S_ieq(s->data + i, needle, n)) return i;
    return s->len;
}

/* The next start tag at or after from: '<' and an ASCII letter, outside comments, end tags,
   declarations and processing instructions. Returns its offset or s->len. */
static size_t S_next_start(const source *s, size_t from)
{
    const char *d = s->data;
    size_t i = from;
    while (i < s->len) {
        const char *lt = memchr(d + i, '<', s->len - i);
        if (!lt) return s->len;
        i = (size_t)(lt - d);
        if (i + 1 >= s->len) return s->len;
        char c = d[i + 1];
        if (S_alpha(c)) return i;
        if (c == '!' && i + 3 < s->len && d[i + 2] == '-' && d[i + 3] == '-') {
            const char *e = d + i + 4;
            size_t k = i + 4;
            while (k + 2 < s->len && !(d[k] == '-' && d[k + 1] == '-' && d[k + 2] == '>')) k++;
            (void)e;
            i = k + 3;
        } else if (c == '/' || c == '!' || c == '?') {
            i = S_tag_end(s, i);
        } else {
            i++;
        }
    }
    return s->len;
}

static int S_tag_is(const source *s, size_t at, const char *name)
{
    size_t n = strlen(name);
    if (at + 1 + n > s->len || !S_ieq(s->data + at + 1, name, n)) return 0;
    char c = at + 1 + n < s->len ? s->data[at + 1 + n] : '>';
    return !(S_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_');
}

static int S_name(const xmlNode *n, const char *name) { return n && n->name && !strcmp((const char *)n->name, name); }

/* Locates every element, text and comment node in the source, in document order, with one
   cursor: an element is the next start tag when that tag has its name (an element the parser
   implied, such as <tbody>, has none: it keeps the cursor); a few tags ahead are tried when
   the parser dropped one. Linear in the size of the page. */
static void S_locate(const source *s, xmlNode *top)
{
    size_t cur = 0;
    int no_comment = 0;
    xmlNode *n = top;
    while (n) {
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE && n->name) {
            size_t at = S_next_start(s, cur), found = S_NPOS, look = at;
            for (int tries = 0; tries < 4 && look < s->len; tries++) {
                if (S_tag_is(s, look, (const char *)n->name)) {
                    found = look;
                    break;
                }
                look = S_next_start(s, look + 1);
            }
            if (found != S_NPOS) {
                S_set_pos(n, found);
                cur = S_tag_end(s, found);
                if (S_name(n, "script") || S_name(n, "style")) { /* raw text: up to its end tag */
                    char end[16];
                    size_t k = (size_t)snprintf(end, sizeof end, "</%s", (const char *)n->name);
                    S_set_pos(n, found);
                    if (n->children) S_set_pos(n->children, cur);
                    cur = S_find_ci(s, cur, end, k);
                    descend = 0;
                }
            } else {
                S_set_pos(n, at < s->len ? at : cur);
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            /* The text starts after any end tags and comments that stand before it. */
            size_t p = cur;
            while (p + 1 < s->len && s->data[p] == '<' && (s->data[p + 1] == '/' || s->data[p + 1] == '!')) {
                if (p + 3 < s->len && s->data[p + 1] == '!' && s->data[p + 2] == '-' && s->data[p + 3] == '-') {
                    size_t k = p + 4;
                    while (k + 2 < s->len && !(s->data[k] == '-' && s->data[k + 1] == '-' && s->data[k + 2] == '>'))
                        k++;
                    p = k + 3 <= s->len ? k + 3 : s->len;
                } else {
                    p = S_tag_end(s, p);
                }
            }
            S_set_pos(n, p);
            cur = p;
        } else if (n->type == XML_COMMENT_NODE && !no_comment) {
            size_t at = S_find_ci(s, cur, "<!--", 4);
            if (at < s->len) {
                S_set_pos(n, at);
                size_t k = at + 4;
                while (k + 2 < s->len && !(s->data[k] == '-' && s->data[k + 1] == '-' && s->data[k + 2] == '>')) k++;
                cur = k + 3 <= s->len ? k + 3 : s->len;
            } else {
                no_comment = 1; /* none left: later comment nodes are not looked for again */
            }
        }
        if (descend && n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        if (n->next) {
            n = n->next;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n == top || !n || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) return;
        }
        if (n) n = n->next;
    }
}

/* ------------------------------------------------------------------ text building */

static int S_is_blank_at(const char *c, size_t *len) /* ASCII white space or U+00A0 */
{
    unsigned char u = (unsigned char)c[0];
    if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f') {
        *len = 1;
        return 1;
    }
    if (u == 0xC2 && (unsigned char)c[1] == 0xA0) {
        *len = 2;
        return 1;
    }
    return 0;
}

static void S_tb_seg(S_tb *t, size_t src_off) /* the next byte written stands at src_off */
{
    size_t text_off = t->b.len;
    if (t->nseg) {
        faq_seg *l = &t->seg[t->nseg - 1];
        if (l->text_off == text_off) {
            l->src_off = src_off;
            return;
        }
        if (src_off >= l->src_off && src_off - l->src_off == text_off - l->text_off) return; /* still in step */
    }
    XGROW(t->seg, t->cap, t->nseg + 1);
    t->seg[t->nseg].text_off = text_off;
    t->seg[t->nseg].src_off = src_off;
    t->nseg++;
}

static void S_tb_flush_space(S_tb *t)
{
    if (!t->space) return;
    t->space = 0;
    if (!t->b.len || t->b.s[t->b.len - 1] == '\n') return;
    S_tb_seg(t, t->space_src);
    buf_putc(&t->b, ' ');
}

static void S_tb_blank(S_tb *t, size_t src_off)
{
    if (!t->space) t->space_src = src_off;
    t->space = 1;
}

static void S_tb_newline(S_tb *t, size_t src_off)
{
    t->space = 0;
    while (t->b.len && t->b.s[t->b.len - 1] == ' ') t->b.s[--t->b.len] = 0;
    if (!t->b.len || t->b.s[t->b.len - 1] == '\n') return;
    S_tb_seg(t, src_off);
    buf_putc(&t->b, '\n');
}

static void S_tb_lit(S_tb *t, const char *s, size_t src_off) /* a marker such as "- " */
{
    S_tb_flush_space(t);
    S_tb_seg(t, src_off);
    buf_puts(&t->b, s);
}

/* Appends a text node's content, white space collapsed, keeping it in step with the source
   from src_off on: character references and collapsed blanks start new segments. */
static void S_tb_text(S_tb *t, const source *s, const char *c, size_t src_off)
{
    size_t sp = src_off;
    int sync = src_off != S_NPOS && src_off < s->len;
    const char *d = s->data;
    while (*c) {
        size_t bl;
        if (S_is_blank_at(c, &bl)) {
            if (sync) {
                size_t sbl;
                if (sp < s->len && S_is_blank_at(d + sp, &sbl))
                    sp += sbl;
                else if (sp < s->len && d[sp] == '&') {
                    size_t k = sp + 1;
                    while (k < s->len && k - sp < 40 && d[k] != ';' && d[k] != '<' && d[k] != '&' && d[k] != ' ') k++;
                    sp = k < s->len && d[k] == ';' ? k + 1 : k;
                } else
                    sync = 0;
            }
            S_tb_blank(t, sync ? sp - 1 : (src_off == S_NPOS ? 0 : src_off));
            c += bl;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode((const unsigned char *)c, strnlen(c, 4), &cp);
        if (!n) n = 1;
        if (sync && sp < s->len && d[sp] == '&' &&
            !(c[0] == '&' && sp + 1 < s->len && d[sp + 1] != '#' && !S_alpha(d[sp + 1]))) {
            /* a character reference: the character stands where the '&' does */
            S_tb_flush_space(t);
            S_tb_seg(t, sp);
            buf_put(&t->b, c, n);
            size_t k = sp + 1;
            while (k < s->len && k - sp < 40 && d[k] != ';' && d[k] != '<' && d[k] != '&' && d[k] != ' ') k++;
            sp = k < s->len && d[k] == ';' ? k + 1 : k;
            c += n;
            continue;
        }
        if (sync && (sp + n > s->len || memcmp(d + sp, c, n) != 0)) {
            /* out of step (the parser changed something): look ahead a little for the character */
            size_t lim = sp + 256 < s->len ? sp + 256 : s->len, k;
            for (k = sp; k + n <= lim; k++)
                if (!memcmp(d + k, c, n)) break;
            if (k + n <= lim)
                sp = k;
            else
                sync = 0;
        }
        S_tb_flush_space(t);
        S_tb_seg(t, sync ? sp : (src_off == S_NPOS ? 0 : src_off));
        buf_put(&t->b, c, n);
        if (sync) sp += n;
        c += n;
    }
}

static void S_tb_reset(S_tb *t)
{
    buf_reset(&t->b);
    t->nseg = 0;
    t->space = 0;
}

static void S_tb_free(S_tb *t)
{
    buf_free(&t->b);
    free(t->seg);
}

/* The built text, trimmed, into out (in the document's arena); 0 when it is empty. */
static int S_tb_take(S_reader *r, S_tb *t, faq_text *out, size_t skip)
{
    size_t b = skip, e = t->b.len;
    while (b < e && (t->b.s[b] == ' ' || t->b.s[b] == '\n')) b++;
    while (e > b && (t->b.s[e - 1] == ' ' || t->b.s[e - 1] == '\n')) e--;
    memset(out, 0, sizeof *out);
    if (b == e) return 0;
    out->s = arena_strndup(&r->doc->mem, t->b.s + b, e - b);
    out->len = e - b;
    size_t first = 0; /* the last segment at or before b */
    for (size_t i = 0; i < t->nseg && t->seg[i].text_off <= b; i++) first = i;
    size_t n = 0;
    for (size_t i = first; i < t->nseg && t->seg[i].text_off < e; i++) n++;
    if (!n) n = 1;
    out->seg = arena_alloc(&r->doc->mem, n * sizeof *out->seg);
    out->nseg = n;
    if (!t->nseg) {
        out->seg[0].text_off = 0;
        out->seg[0].src_off = 0;
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        const faq_seg *g = &t->seg[first + i];
        if (i == 0) {
            out->seg[0].text_off = 0;
            out->seg[0].src_off = g->src_off + (b - g->text_off);
        } else {
            out->seg[i].text_off = g->text_off - b;
            out->seg[i].src_off = g->src_off;
        }
    }
    for (size_t i = 0; i < out->len; i++) {
        unsigned char c = (unsigned char)out->s[i];
        if (c < 0x20 && c != '\n' && c != '\t') r->doc->xml_clean = 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ elements */

static const char *S_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, name) && a->children && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* Whether the space-separated list v holds word w. */
static int S_has_word(const char *v, const char *w)
{
    if (!v) return 0;
    size_t n = strlen(w);
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f') p++;
        if ((size_t)(p - b) == n && !memcmp(b, w, n)) return 1;
    }
    return 0;
}

static int S_has_class(const xmlNode *n, const char *c) { return S_has_word(S_attr(n, "class"), c); }

static int S_contains_ci(const char *v, const char *w)
{
    if (!v) return 0;
    size_t n = strlen(w);
    for (; *v; v++)
        if (S_ieq(v, w, n)) return 1;
    return 0;
}

/* Elements whose content a visitor does not read as the page's text. */
static int S_not_content(const xmlNode *n)
{
    static const char *const names[] = {"script",   "style",  "template", "nav",     "header", "footer",
                                        "noscript", "head",   "svg",      "math",    "iframe", "object",
                                        "canvas",   "select", "input",    "textarea"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (S_name(n, names[i])) return 1;
    /* Collapsed answers (hidden until a click) are content; an element role="navigation" is not. */
    const char *role = S_attr(n, "role");
    return role && (!strcmp(role, "navigation") || !strcmp(role, "banner") || !strcmp(role, "contentinfo"));
}

static int S_is_block(const xmlNode *n)
{
    static const char *const names[] = {
        "p",        "div",    "section",    "article", "aside",   "blockquote", "pre", "h1",    "h2",      "h3",
        "h4",       "h5",     "h6",         "table",   "tr",      "td",         "th",  "thead", "tbody",   "tfoot",
        "caption",  "figure", "figcaption", "details", "summary", "dl",         "dt",  "dd",    "address", "form",
        "fieldset", "hr",     "main",       "center",  "li",      "ul",         "ol"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (S_name(n, names[i])) return 1;
    return 0;
}

static int S_heading_level(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name) return 0;
    const char *s = (const char *)n->name;
    if (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2]) return s[1] - '0';
    return 0;
}

/* ------------------------------------------------------------------ text of a subtree */

static void S_inline(S_reader *r, S_tb *t, const xmlNode *n, int depth);

static void S_inline_children(S_reader *r, S_tb *t, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) S_inline(r, t, c, depth + 1);
}

/* All the text of n, as one line (blocks and line breaks become blanks). */
static void S_inline(S_reader *r, S_tb *t, const xmlNode *n, int depth)
{
    if (depth > S_MAX_DEPTH) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) S_tb_text(t, r->src, (const char *)n->content, S_pos(n));
        return;
    }
    if (n->type != XML_ELEMENT_NODE || S_not_content(n)) return;
    if (S_name(n, "br") || S_is_block(n)) S_tb_blank(t, S_pos(n) == S_NPOS ? 0 : S_pos(n));
    S_inline_children(r, t, n, depth);
    if (S_is_block(n)) S_tb_blank(t, S_pos(n) == S_NPOS ? 0 : S_pos(n));
}

/* ------------------------------------------------------------------ paragraphs */

typedef struct S_paras_out {
    faq_paras *paras;
    faq_paras *sources; /* NULL: "Source:" paragraphs stay paragraphs */
    S_tb t;
} S_paras_out;

static int S_starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && S_ieq(s, w, k);
}

static void S_para_flush(S_reader *r, S_paras_out *o)
{
    faq_text tmp;
    S_tb *t = &o->t;
    size_t b = 0;
    while (b < t->b.len && (t->b.s[b] == ' ' || t->b.s[b] == '\n')) b++;
    const char *s = t->b.s ? t->b.s + b : "";
    size_t n = t->b.len - b;
    size_t skip = 0;
    if (o->sources && (S_starts_ci(s, n, "Source:") || S_starts_ci(s, n, "Sources:")) && !memchr(s, '\n', n))
        skip = b + (S_starts_ci(s, n, "Sources:") ? 8 : 7);
    if (S_tb_take(r, t, &tmp, skip)) *faq_paras_add(r->doc, skip ? o->sources : o->paras) = tmp;
    S_tb_reset(t);
}

static void S_block(S_reader *r, S_paras_out *o, const xmlNode *n, int depth);

static void S_list(S_reader *r, S_paras_out *o, const xmlNode *list, int depth)
{
    int ordered = S_name(list, "ol");
    long num = 1;
    const char *start = S_attr(list, "start");
    if (ordered && start) {
        char *end;
        long v = strtol(start, &end, 10);
        if (end != start && v >= 0 && v < 1000000) num = v;
    }
    for (const xmlNode *li = list->children; li; li = li->next) {
        if (li->type == XML_TEXT_NODE) {
            if (li->content) S_tb_text(&o->t, r->src, (const char *)li->content, S_pos(li));
            continue;
        }
        if (li->type != XML_ELEMENT_NODE || S_not_content(li)) continue;
        size_t at = S_pos(li) == S_NPOS ? 0 : S_pos(li);
        S_tb_newline(&o->t, at);
        if (ordered) {
            char m[32];
            snprintf(m, sizeof m, "%ld. ", num++);
            S_tb_lit(&o->t, m, at);
        } else {
            S_tb_lit(&o->t, "- ", at);
        }
        o->t.space = 0;
        for (const xmlNode *c = li->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && (S_name(c, "ul") || S_name(c, "ol"))) {
                if (depth < S_MAX_DEPTH) S_list(r, o, c, depth + 1);
            } else {
                S_inline(r, &o->t, c, depth + 1);
            }
        }
    }
    S_tb_newline(&o->t, S_pos(list) == S_NPOS ? 0 : S_pos(list));
}

/* The paragraphs of n: a block element starts and ends one, a list is one paragraph of
   "- item" / "N. item" lines, <br> breaks a line. */
static void S_block(S_reader *r, S_paras_out *o, const xmlNode *n, int depth)
{
    if (depth > S_MAX_DEPTH) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) S_tb_text(&o->t, r->src, (const char *)n->content, S_pos(n));
        return;
    }
    if (n->type != XML_ELEMENT_NODE || S_not_content(n)) return;
    size_t at = S_pos(n) == S_NPOS ? 0 : S_pos(n);
    if (S_name(n, "br")) {
        S_tb_newline(&o->t, at);
        return;
    }
    if (S_name(n, "ul") || S_name(n, "ol")) {
        S_para_flush(r, o);
        S_list(r, o, n, depth);
        S_para_flush(r, o);
        return;
    }
    int block = S_is_block(n);
    if (block) S_para_flush(r, o);
    for (const xmlNode *c = n->children; c; c = c->next) S_block(r, o, c, depth + 1);
    if (block) S_para_flush(r, o);
}

/* ------------------------------------------------------------------ entries */

static char *S_make_id(S_reader *r, const faq_text *q)
{
    return slug_unique(&r->ids, &r->doc->mem, q->s ? q->s : "", q->len);
}

/* A new entry with question text from qnode; its answer is read by the caller. NULL when the
   question has no text. */
static faq_entry *S_entry(S_reader *r, const xmlNode *qnode)
{
    S_tb t;
    memset(&t, 0, sizeof t);
    buf_init(&t.b);
    S_inline_children(r, &t, qnode, 0);
    faq_text q;
    int ok = S_tb_take(r, &t, &q, 0);
    S_tb_free(&t);
    if (!ok) return NULL;
    faq_entry *e = faq_doc_add_entry(r->doc);
    e->question = q;
    e->pos = faq_text_src(&q, 0);
    e->id = S_make_id(r, &q);
    e->after_conclusion = r->concluded;
    e->section = r->section;
    r->section = NULL;
    return e;
}

/* The answer of e: the nodes from first up to (not including) stop. */
static void S_answer(S_reader *r, faq_entry *e, const xmlNode *first, const xmlNode *stop)
{
    S_paras_out o;
    memset(&o, 0, sizeof o);
    buf_init(&o.t.b);
    o.paras = &e->answer;
    o.sources = &e->sources;
    for (const xmlNode *c = first; c && c != stop; c = c->next) S_block(r, &o, c, 1);
    S_para_flush(r, &o);
    S_tb_free(&o.t);
}

static int S_text_ends_q(S_reader *r, const xmlNode *n) /* its text ends in '?' (or a full-width one) */
{
    S_tb t;
    memset(&t, 0, sizeof t);
    buf_init(&t.b);
    S_inline_children(r, &t, n, 0);
    size_t e = t.b.len;
    while (e && (t.b.s[e - 1] == ' ' || t.b.s[e - 1] == '\n')) e--;
    int q = utf8_question_end(t.b.s ? t.b.s : "", e) > 0; /* a question mark of any script */
    S_tb_free(&t);
    return q;
}

/* The first descendant element of n (n excluded) for which pred holds, in document order. */
static const xmlNode *S_find(const xmlNode *n, int (*pred)(const xmlNode *, const void *), const void *arg, int depth)
{
    if (depth > S_MAX_DEPTH) return NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (pred(c, arg)) return c;
        const xmlNode *f = S_find(c, pred, arg, depth + 1);
        if (f) return f;
    }
    return NULL;
}

static int S_pred_class(const xmlNode *n, const void *c) { return S_has_class(n, c); }
static int S_pred_itemprop(const xmlNode *n, const void *p) { return S_has_word(S_attr(n, "itemprop"), p); }

/* The FAQ blocks of page builders: an item element (by class) holds a question element and an
   answer element (by class). The block editor's details block is a <details>. */
typedef struct S_builder {
    const char *item, *question, *answer;
} S_builder;

static const S_builder S_builders[] = {
    {"schema-faq-section", "schema-faq-question", "schema-faq-answer"}, /* Yoast FAQ block */
    {"rank-math-list-item", "rank-math-question", "rank-math-answer"}, /* Rank Math FAQ block */
    {"elementor-accordion-item", "elementor-tab-title", "elementor-tab-content"},
    {"elementor-toggle-item", "elementor-tab-title", "elementor-tab-content"},
    {"e-n-accordion-item", "e-n-accordion-item-title-text", "e-con"}, /* Elementor nested accordion */
    {"et_pb_toggle", "et_pb_toggle_title", "et_pb_toggle_content"}, /* Divi toggle and accordion */
    {"accordion-item", "accordion-header", "accordion-body"}, /* Bootstrap 5 */
    {"kt-accordion-pane", "kt-blocks-accordion-title", "kt-accordion-panel-inner"}, /* Kadence */
    {"wp-block-uagb-faq-child", "uagb-question", "uagb-faq-content"}, /* Spectra FAQ */
    {"sp-ea-single", "ea-header", "ea-body"}, /* Easy Accordion */
    {"faq-item", "faq-question", "faq-answer"},
};

static const S_builder *S_builder_item(const xmlNode *n)
{
    const char *cls = S_attr(n, "class");
    if (!cls) return NULL;
    for (size_t i = 0; i < sizeof S_builders / sizeof *S_builders; i++)
        if (S_has_word(cls, S_builders[i].item)) return &S_builders[i];
    return NULL;
}

static int S_is_microdata(const xmlNode *n, const char *type)
{
    const char *t = S_attr(n, "itemtype");
    if (!t || !S_attr(n, "itemscope")) {
        if (!t) return 0;
    }
    size_t k = strlen(type), len = strlen(t);
    while (len && (t[len - 1] == '/' || t[len - 1] == ' ')) len--;
    return len > k && t[len - k - 1] == '/' && !memcmp(t + len - k, type, k) && strstr(t, "schema.org");
}

/* Whether n or an ancestor inside the content root is marked as a FAQ (class or id holds "faq"). */
static int S_in_faq_block(const S_reader *r, const xmlNode *n)
{
    for (int k = 0; n && n != r->root && k < 64; n = n->parent, k++)
        if (n->type == XML_ELEMENT_NODE &&
            (S_contains_ci(S_attr(n, "class"), "faq") || S_contains_ci(S_attr(n, "id"), "faq")))
            return 1;
    return 0;
}

static void S_scan(S_reader *r, const xmlNode *n, int depth);

/* Microdata: itemprop="name" is the question, itemprop="acceptedAnswer" holds itemprop="text". */
static int S_microdata_entry(S_reader *r, const xmlNode *n)
{
    const xmlNode *q = S_find(n, S_pred_itemprop, "name", 0);
    if (!q) return 0;
    faq_entry *e = S_entry(r, q);
    if (!e) return 1;
    const xmlNode *a = S_find(n, S_pred_itemprop, "acceptedAnswer", 0);
    if (!a) a = S_find(n, S_pred_itemprop, "suggestedAnswer", 0);
    if (a) {
        const xmlNode *txt = S_find(a, S_pred_itemprop, "text", 0);
        if (txt && txt->children)
            S_answer(r, e, txt->children, NULL);
        else if (a->children)
            S_answer(r, e, a->children, NULL);
    }
    return 1;
}

static int S_builder_entry(S_reader *r, const xmlNode *n, const S_builder *b)
{
    const xmlNode *q = S_find(n, S_pred_class, b->question, 0);
    const xmlNode *a = S_find(n, S_pred_class, b->answer, 0);
    if (!q) return 0;
    faq_entry *e = S_entry(r, q);
    if (e && a && a->children) S_answer(r, e, a->children, NULL);
    return 1;
}

static const xmlNode *S_summary(const xmlNode *details)
{
    for (const xmlNode *c = details->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) return S_name(c, "summary") ? c : NULL;
    return NULL;
}

/* A group of sibling candidates is a FAQ when one of them ends in '?' or the block is marked. */
static int S_group_is_faq(S_reader *r, const xmlNode *parent, const char *name, const xmlNode *(*q)(const xmlNode *))
{
    if (S_in_faq_block(r, parent)) return 1;
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && S_name(c, name)) {
            const xmlNode *qn = q(c);
            if (qn && S_text_ends_q(r, qn)) return 1;
        }
    return 0;
}

static const xmlNode *S_self(const xmlNode *n) { return n; }

static void S_dl(S_reader *r, const xmlNode *dl)
{
    const xmlNode *c = dl->children;
    int faq = S_in_faq_block(r, dl);
    if (!faq)
        for (const xmlNode *k = c; k && !faq; k = k->next)
            if (k->type == XML_ELEMENT_NODE && S_name(k, "dt") && S_text_ends_q(r, k)) faq = 1;
    if (!faq) {
        for (; c; c = c->next) S_scan(r, c, 1);
        return;
    }
    while (c) {
        if (c->type == XML_ELEMENT_NODE && S_name(c, "dt")) {
            faq_entry *e = S_entry(r, c);
            const xmlNode *a = c->next;
            while (a && !(a->type == XML_ELEMENT_NODE && (S_name(a, "dd") || S_name(a, "dt")))) a = a->next;
            c = c->next;
            if (!e) continue;
            S_paras_out o;
            memset(&o, 0, sizeof o);
            buf_init(&o.t.b);
            o.paras = &e->answer;
            o.sources = &e->sources;
            while (a && !(a->type == XML_ELEMENT_NODE && S_name(a, "dt"))) {
                if (a->type == XML_ELEMENT_NODE && S_name(a, "dd")) {
                    S_para_flush(r, &o);
                    for (const xmlNode *k = a->children; k; k = k->next) S_block(r, &o, k, 1);
                    S_para_flush(r, &o);
                }
                a = a->next;
            }
            S_tb_free(&o.t);
            c = a;
            continue;
        }
        c = c->next;
    }
}

/* Whether heading h starts an entry: its text ends in '?', or it stands in a FAQ block. */
static int S_heading_is_question(S_reader *r, const xmlNode *h)
{
    return S_heading_level(h) >= 2 && (S_text_ends_q(r, h) || S_in_faq_block(r, h));
}

/* The content before the first entry (after the title) and the conclusion block, read from
   the content root's own children. */
static void S_root_para(S_reader *r, faq_paras *p, const xmlNode *n)
{
    S_paras_out o;
    memset(&o, 0, sizeof o);
    buf_init(&o.t.b);
    o.paras = p;
    S_block(r, &o, n, 1);
    S_para_flush(r, &o);
    S_tb_free(&o.t);
}

/* Walks the children of n for entries. */
static void S_scan_children(S_reader *r, const xmlNode *n, int depth)
{
    const xmlNode *c = n->children;
    int details_faq = -1;
    while (c) {
        if (c->type == XML_ELEMENT_NODE && S_heading_level(c) && S_has_class(c, "faq-group")) {
            S_tb t; /* the heading of a group of entries (faq export --to html writes them) */
            memset(&t, 0, sizeof t);
            buf_init(&t.b);
            S_inline_children(r, &t, c, 0);
            faq_text g;
            r->section = S_tb_take(r, &t, &g, 0) ? g.s : NULL;
            S_tb_free(&t);
            c = c->next;
            continue;
        }
        if (c->type == XML_ELEMENT_NODE && !S_not_content(c)) {
            int level = S_heading_level(c);
            if (level && S_heading_is_question(r, c)) {
                faq_entry *e = S_entry(r, c);
                const xmlNode *stop = c->next;
                while (stop) {
                    int l2 = S_heading_level(stop);
                    if (l2 && (l2 <= level || S_heading_is_question(r, stop))) break;
                    if (stop->type == XML_ELEMENT_NODE &&
                        (S_builder_item(stop) || S_is_microdata(stop, "Question") ||
                         (S_name(stop, "details") && S_summary(stop))))
                        break;
                    stop = stop->next;
                }
                if (e) S_answer(r, e, c->next, stop);
                c = stop;
                continue;
            }
            if (S_name(c, "details") && S_summary(c)) {
                if (details_faq < 0) details_faq = S_group_is_faq(r, n, "details", S_summary);
                if (details_faq) {
                    faq_entry *e = S_entry(r, S_summary(c));
                    if (e) S_answer(r, e, S_summary(c)->next, NULL);
                    c = c->next;
                    continue;
                }
            }
            if (depth == 0 && r->doc->nentries == 0 && !r->concluded &&
                (S_name(c, "p") || S_name(c, "ul") || S_name(c, "ol") || S_name(c, "blockquote")) && r->doc->title.s &&
                S_pos(c) != S_NPOS && S_pos(c) > faq_text_src(&r->doc->title, 0)) {
                S_root_para(r, &r->doc->intro, c);
                c = c->next;
                continue;
            }
            if (depth == 0 && S_name(c, "div") && S_has_class(c, "faq-conclusion") && r->doc->nentries) {
                if (!r->doc->conclusion.n && S_pos(c) != S_NPOS) r->doc->conclusion_pos = S_pos(c);
                for (const xmlNode *k = c->children; k; k = k->next) S_root_para(r, &r->doc->conclusion, k);
                r->concluded = 1;
                c = c->next;
                continue;
            }
        }
        S_scan(r, c, depth + 1);
        c = c->next;
    }
    (void)S_self;
}

static void S_scan(S_reader *r, const xmlNode *n, int depth)
{
    if (n->type == XML_COMMENT_NODE) {
        if (n->content) {
            const char *s = (const char *)n->content;
            faq_doc_add_directive(r->doc, s, strlen(s), (unsigned)xmlGetLineNo((xmlNodePtr)n));
        }
        return;
    }
    if (n->type != XML_ELEMENT_NODE || S_not_content(n) || depth > S_MAX_DEPTH) return;
    if (S_is_microdata(n, "Question") && S_microdata_entry(r, n)) return;
    const S_builder *b = S_builder_item(n);
    if (b && S_builder_entry(r, n, b)) return;
    if (S_name(n, "dl")) {
        S_dl(r, n);
        return;
    }
    S_scan_children(r, n, depth);
}

/* ------------------------------------------------------------------ the page's head */

static const xmlNode *S_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && S_name(c, name)) return c;
    return NULL;
}

static void S_field(S_reader *r, const char *key, const char *v, size_t pos)
{
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\n' || v[n - 1] == '\t' || v[n - 1] == '\r')) n--;
    while (n && (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')) v++, n--;
    if (!n || n > FAQ_TEXT_MAX) return;
    XGROW(r->doc->fields, r->doc->capfields, r->doc->nfields + 1);
    faq_field *f = &r->doc->fields[r->doc->nfields++];
    memset(f, 0, sizeof *f);
    f->key.s = arena_strndup(&r->doc->mem, key, strlen(key));
    f->key.len = strlen(key);
    f->value.s = arena_strndup(&r->doc->mem, v, n);
    f->value.len = n;
    faq_seg *g = arena_alloc(&r->doc->mem, 2 * sizeof *g);
    g[0].src_off = g[1].src_off = pos == S_NPOS ? 0 : pos;
    f->key.seg = g;
    f->key.nseg = 1;
    f->value.seg = g + 1;
    f->value.nseg = 1;
}

static const xmlNode *S_find_name(const xmlNode *n, const char *name, int depth)
{
    if (depth > S_MAX_DEPTH) return NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_name(c, name)) return c;
        if (S_not_content(c)) continue;
        const xmlNode *f = S_find_name(c, name, depth + 1);
        if (f) return f;
    }
    return NULL;
}

static void S_head(S_reader *r, const xmlNode *html)
{
    const char *lang = S_attr(html, "lang");
    if (lang && *lang) S_field(r, "lang", lang, S_pos(html));
    const xmlNode *head = S_child(html, "head");
    for (const xmlNode *c = head ? head->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_name(c, "link") && S_has_word(S_attr(c, "rel"), "canonical") && S_attr(c, "href") &&
            !faq_doc_field(r->doc, "url")) {
            const char *u = S_attr(c, "href");
            if (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7))
                S_field(r, "url", u, S_pos(c));
            else {
                unsigned line, col;
                source_linecol(r->src, S_pos(c) == S_NPOS ? 0 : S_pos(c), &line, &col);
                diag_add(r->d, r->src->path, line, col, SEV_WARNING, "input",
                         "the canonical link is not an absolute http(s) URL, so the page has no address: %s", u);
            }
        }
    }
}

/* The title: the first <h1> of the content, else the page's <title>. */
static void S_title(S_reader *r, const xmlNode *html)
{
    const xmlNode *h1 = r->root ? S_find_name(r->root, "h1", 0) : NULL;
    const xmlNode *t = h1;
    if (!t) {
        const xmlNode *head = S_child(html, "head");
        t = head ? S_child(head, "title") : NULL;
    }
    if (!t || (h1 && S_text_ends_q(r, h1))) return;
    S_tb tb;
    memset(&tb, 0, sizeof tb);
    buf_init(&tb.b);
    S_inline_children(r, &tb, t, 0);
    S_tb_take(r, &tb, &r->doc->title, 0);
    S_tb_free(&tb);
}

/* ------------------------------------------------------------------ the reader */

static void S_silent(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }
static void S_silent_structured(void *ctx, xmlErrorPtr e) { (void)ctx, (void)e; }

static htmlDocPtr S_parse(const source *src)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) return NULL;
    xmlSetGenericErrorFunc(NULL, S_silent);
    xmlSetStructuredErrorFunc(NULL, S_silent_structured);
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->sax->serror = NULL;
    int len = src->len > (size_t)0x7FFFFFFF ? 0x7FFFFFFF : (int)src->len;
    htmlDocPtr doc =
        htmlCtxtReadMemory(ctxt, src->data, len, NULL, "UTF-8",
                           HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD | HTML_PARSE_COMPACT);
    htmlFreeParserCtxt(ctxt);
    return doc;
}

faq_doc *read_html(const source *src, diag_list *d)
{
    S_reader r;
    memset(&r, 0, sizeof r);
    r.src = src;
    r.d = d;
    htmlDocPtr tree = S_parse(src);
    xmlNode *html = tree ? xmlDocGetRootElement(tree) : NULL;
    if (!html) {
        if (tree) xmlFreeDoc(tree);
        diag_add(d, src->path, 1, 1, SEV_ERROR, "input", "%s: the page is empty", read_html_no_faq)->fatal = 1;
        return NULL;
    }
    S_locate(src, html);
    r.doc = faq_doc_new(src);
    r.doc->xml_clean = !src->controls;
    const xmlNode *body = S_child(html, "body");
    const xmlNode *main = body ? S_find_name(body, "main", 0) : NULL;
    r.root = main ? main : body;
    S_head(&r, html);
    S_title(&r, html);
    r.page = html_page_read(src, tree);
    for (size_t i = 0; i < r.page->nfp; i++) /* the date the page's own FAQPage gives */
        if (!r.page->fp[i].microdata && r.page->fp[i].modified) {
            S_field(&r, "modified", r.page->fp[i].modified, r.page->fp[i].pos);
            break;
        }
    if (r.root) S_scan_children(&r, r.root, 0);
    size_t root_pos = r.root ? S_pos(r.root) : S_NPOS;
    xmlFreeDoc(tree);
    if (r.doc->nentries == 0 && !html_page_has_faqpage(r.page) && !r.page->broken_faqpage) {
        unsigned line = 1, col = 1;
        if (root_pos != S_NPOS) source_linecol(src, root_pos, &line, &col);
        diag_add(d, src->path, line, col, SEV_ERROR, "input",
                 "%s: no <details>/<summary>, question heading, <dl> of questions, FAQ block or FAQPage "
                 "markup was found; faq reads the questions a visitor sees on the page",
                 read_html_no_faq)
            ->fatal = 1;
        html_page_free(r.page);
        faq_doc_free(r.doc);
        strset_free(&r.ids);
        return NULL;
    }
    r.doc->ids_unique = 1;
    r.doc->page = r.page;
    r.doc->page_free = html_page_free;
    strset_free(&r.ids);
    return r.doc;
}
