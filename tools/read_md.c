/* read_md: a Markdown FAQ to the model. md4c parses the Markdown; this file maps what it
   reports back to the source (md4c gives text without offsets, but the text it passes points
   into the input for all but a few pieces: entities, line breaks) and finds the FAQ's shape. */
#include "read_md.h"
#include "buf.h"
#include "reader.h"
#include "slug.h"
#include "strset.h"
#include "utf8.h"
#include "xalloc.h"
#include <md4c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char read_md_no_faq[] = "no FAQ in this Markdown file";

#define S_NPOS ((size_t)-1)

enum { S_LIST_INDENT_MAX = 8 }; /* deeper list items are indented no further (linear output) */

/* ------------------------------------------------------------------ text being built */

typedef struct S_tb {
    buf b;
    faq_seg *seg;
    size_t nseg, cap;
} S_tb;

static void S_tb_seg(S_tb *t, size_t src_off)
{
    size_t text_off = t->b.len;
    if (t->nseg) {
        faq_seg *l = &t->seg[t->nseg - 1];
        if (l->text_off == text_off) {
            l->src_off = src_off;
            return;
        }
        if (src_off >= l->src_off && src_off - l->src_off == text_off - l->text_off) return; /* in step */
    }
    XGROW(t->seg, t->cap, t->nseg + 1);
    t->seg[t->nseg].text_off = text_off;
    t->seg[t->nseg].src_off = src_off;
    t->nseg++;
}

static void S_tb_put(S_tb *t, const char *s, size_t n, size_t src_off)
{
    if (!n) return;
    S_tb_seg(t, src_off);
    buf_put(&t->b, s, n);
}

static void S_tb_reset(S_tb *t)
{
    buf_reset(&t->b);
    t->nseg = 0;
}

static void S_tb_free(S_tb *t)
{
    buf_free(&t->b);
    free(t->seg);
}

/* ------------------------------------------------------------------ the reader */

typedef enum { U_PARA, U_HEAD, U_LIST, U_CODE, U_HTML, U_QUOTE, U_TABLE, U_HR } S_kind;

typedef struct S_unit { /* one top-level block of the document */
    S_kind kind;
    int level; /* a heading's level */
    size_t pos; /* source offset of its first text (S_NPOS: none) */
    size_t p0, np; /* its paragraphs: r->texts[p0 .. p0+np) */
    int toc; /* a list of in-page links only (a table of contents) */
    size_t bold_b, bold_e; /* a paragraph opening with bold text: its text range (bold_e 0: none) */
    int comment; /* an HTML block that is only comments */
    size_t it0, nit; /* a list: where its top-level items' texts start, r->items[it0 .. it0+nit) */
} S_unit;

typedef struct S_reader {
    const source *src;
    faq_doc *doc;
    diag_list *d;
    strset ids;
    const char *base; /* where md4c's input starts (after the front matter) */
    size_t base_off;
    S_unit *units;
    size_t nunits, capunits;
    size_t *items; /* text offsets of top-level list items (see S_unit) */
    size_t nitems, capitems;
    faq_text *texts; /* the paragraphs of every unit, in order */
    size_t ntexts, captexts;
    S_tb t; /* the paragraph being built */
    size_t last_end; /* source offset after the last mapped text */
    int depth; /* block nesting (the document is 1) */
    int list_depth, table, code, html, heading, cells;
    long ol_num[S_LIST_INDENT_MAX + 1];
    int ol_kind[S_LIST_INDENT_MAX + 1];
    int strong, link_depth;
    size_t toc_in, toc_out; /* non-blank bytes inside in-page links / outside links, in a list */
    size_t link_start; /* text offset where the open link's text starts */
    char *href; /* the open link's destination (heap) */
    size_t href_len;
    int bold_open; /* the unit's paragraph started with a strong span still open */
} S_reader;

static size_t S_off(const S_reader *r, const char *p, size_t n) /* p's source offset, or S_NPOS */
{
    const char *d = r->src->data;
    if (p >= d && p + n <= d + r->src->len) return (size_t)(p - d);
    return S_NPOS;
}

static S_unit *S_cur(S_reader *r) { return r->nunits ? &r->units[r->nunits - 1] : NULL; }

static void S_add(S_reader *r, const char *s, size_t n, size_t src_off)
{
    if (!n) return;
    if (src_off == S_NPOS)
        src_off = r->last_end;
    else
        r->last_end = src_off + n;
    S_unit *u = S_cur(r);
    if (u && u->pos == S_NPOS) u->pos = src_off;
    S_tb_put(&r->t, s, n, src_off);
}

static int S_is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* The built paragraph, trimmed (keep_indent: only line ends at its edges), as the unit's next
   text. */
static void S_flush(S_reader *r, int keep_indent)
{
    S_tb *t = &r->t;
    size_t b = 0, e = t->b.len;
    if (keep_indent) {
        while (b < e && t->b.s[b] == '\n') b++;
    } else {
        while (b < e && S_is_ws(t->b.s[b])) b++;
    }
    while (e > b && S_is_ws(t->b.s[e - 1])) e--;
    S_unit *u = S_cur(r);
    if (b == e || !u) {
        S_tb_reset(t);
        return;
    }
    if (e - b > FAQ_TEXT_MAX) { /* FAQ XML could not read it back: say where, keep the start */
        size_t at = 0;
        for (size_t i = 0; i < t->nseg && t->seg[i].text_off <= b; i++)
            at = t->seg[i].src_off + (b - t->seg[i].text_off);
        unsigned line, col;
        source_linecol(r->src, at, &line, &col);
        diag_add(r->d, r->src->path, line, col, SEV_ERROR, "structure",
                 "this block holds %zu bytes of text, more than the %u a FAQ text may hold (XML cannot read "
                 "it back): split it into paragraphs",
                 e - b, (unsigned)FAQ_TEXT_MAX);
        e = b + FAQ_TEXT_MAX;
        while (e > b && ((unsigned char)t->b.s[e] & 0xC0) == 0x80) e--; /* on a character boundary */
    }
    XGROW(r->texts, r->captexts, r->ntexts + 1);
    faq_text *out = &r->texts[r->ntexts++];
    memset(out, 0, sizeof *out);
    out->s = arena_strndup(&r->doc->mem, t->b.s + b, e - b);
    out->len = e - b;
    size_t first = 0;
    for (size_t i = 0; i < t->nseg && t->seg[i].text_off <= b; i++) first = i;
    size_t n = 0;
    for (size_t i = first; i < t->nseg && t->seg[i].text_off < e; i++) n++;
    if (!n) n = 1;
    out->seg = arena_alloc(&r->doc->mem, n * sizeof *out->seg);
    out->nseg = n;
    if (t->nseg) {
        for (size_t i = 0; i < n; i++) {
            const faq_seg *g = &t->seg[first + i];
            out->seg[i].text_off = i ? g->text_off - b : 0;
            out->seg[i].src_off = i ? g->src_off : g->src_off + (b - g->text_off);
        }
    }
    for (size_t i = 0; i < u->nit && !u->np; i++) /* the items, in the trimmed text */
        r->items[u->it0 + i] = r->items[u->it0 + i] > b ? r->items[u->it0 + i] - b : 0;
    if (u->bold_e) { /* the bold range, in the trimmed text */
        u->bold_b = u->bold_b > b ? u->bold_b - b : 0;
        u->bold_e = u->bold_e > b ? u->bold_e - b : 0;
    }
    if (!u->np) u->p0 = r->ntexts - 1;
    u->np++;
    S_tb_reset(t);
}

static void S_newline(S_reader *r)
{
    buf *b = &r->t.b;
    while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = 0;
    if (b->len && b->s[b->len - 1] != '\n') S_add(r, "\n", 1, S_NPOS);
}

/* ------------------------------------------------------------------ entities */

static size_t S_entity(const char *s, size_t n, char *out) /* "&amp;" -> "&"; 0 when unknown */
{
    static const struct {
        const char *name;
        uint32_t cp;
    } names[] = {
        {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
        {"nbsp", 0xA0},    {"copy", 0xA9},     {"reg", 0xAE},     {"trade", 0x2122}, {"mdash", 0x2014},
        {"ndash", 0x2013}, {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
        {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},   {"euro", 0x20AC},  {"pound", 0xA3},
        {"deg", 0xB0},     {"times", 0xD7},    {"middot", 0xB7},  {"bull", 0x2022},  {"rarr", 0x2192},
        {"larr", 0x2190},  {"iquest", 0xBF},   {"iexcl", 0xA1},   {"shy", 0xAD},     {"zwj", 0x200D},
        {"zwnj", 0x200C},
    };
    if (n < 3 || s[0] != '&' || s[n - 1] != ';') return 0;
    uint32_t cp = 0;
    if (s[1] == '#') {
        int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
        for (size_t i = hex ? 3 : 2; i + 1 < n; i++) {
            char c = s[i];
            unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                : hex && c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                : hex && c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                              : 99;
            if (v == 99) return 0;
            cp = cp * (hex ? 16 : 10) + v;
            if (cp > 0x10FFFF) cp = 0xFFFD;
        }
        /* what XML cannot hold (controls, surrogates, U+0) becomes U+FFFD */
        if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
    } else {
        size_t k;
        for (k = 0; k < sizeof names / sizeof *names; k++)
            if (strlen(names[k].name) == n - 2 && !memcmp(names[k].name, s + 1, n - 2)) break;
        if (k == sizeof names / sizeof *names) return 0;
        cp = names[k].cp;
    }
    return utf8_encode(cp, out);
}

/* ------------------------------------------------------------------ md4c callbacks */

static int S_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
    S_reader *r = arg;
    r->depth++;
    if (r->depth == 2) { /* a top-level block: a new unit */
        XGROW(r->units, r->capunits, r->nunits + 1);
        S_unit *u = &r->units[r->nunits++];
        memset(u, 0, sizeof *u);
        u->pos = S_NPOS;
        u->kind = type == MD_BLOCK_H                     ? U_HEAD
            : type == MD_BLOCK_UL || type == MD_BLOCK_OL ? U_LIST
            : type == MD_BLOCK_CODE                      ? U_CODE
            : type == MD_BLOCK_HTML                      ? U_HTML
            : type == MD_BLOCK_QUOTE                     ? U_QUOTE
            : type == MD_BLOCK_TABLE                     ? U_TABLE
            : type == MD_BLOCK_HR                        ? U_HR
                                                         : U_PARA;
        if (type == MD_BLOCK_H) u->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        if (u->kind == U_LIST) r->toc_in = r->toc_out = 0;
        if (u->kind == U_HTML) u->comment = 1;
        r->bold_open = 0;
    }
    switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        if (r->list_depth < S_LIST_INDENT_MAX) {
            r->ol_kind[r->list_depth] = type == MD_BLOCK_OL;
            r->ol_num[r->list_depth] = type == MD_BLOCK_OL ? (long)((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
        }
        r->list_depth++;
        break;
    case MD_BLOCK_LI: {
        S_newline(r);
        int lvl = r->list_depth - 1 < S_LIST_INDENT_MAX ? r->list_depth - 1 : S_LIST_INDENT_MAX - 1;
        if (lvl < 0) lvl = 0;
        for (int i = 0; i < lvl; i++) S_add(r, "  ", 2, S_NPOS);
        char m[32];
        if (r->list_depth <= S_LIST_INDENT_MAX && r->ol_kind[r->list_depth - 1])
            snprintf(m, sizeof m, "%ld. ", r->ol_num[r->list_depth - 1]++);
        else
            snprintf(m, sizeof m, "- ");
        S_add(r, m, strlen(m), S_NPOS);
        MD_BLOCK_LI_DETAIL *li = detail;
        if (li && li->is_task) S_add(r, li->task_mark == ' ' ? "[ ] " : "[x] ", 4, S_NPOS);
        S_unit *u = S_cur(r);
        if (r->depth == 3 && u && u->kind == U_LIST) { /* an item of a top-level list */
            XGROW(r->items, r->capitems, r->nitems + 1);
            if (!u->nit) u->it0 = r->nitems;
            r->items[r->nitems++] = r->t.b.len;
            u->nit++;
        }
        break;
    }
    case MD_BLOCK_TABLE: r->table++; break;
    case MD_BLOCK_TR:
        S_newline(r);
        r->cells = 0;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if (r->cells++) S_add(r, " | ", 3, S_NPOS);
        break;
    case MD_BLOCK_CODE: r->code++; break;
    case MD_BLOCK_HTML: r->html++; break;
    case MD_BLOCK_H: r->heading++; break;
    default: break;
    }
    return 0;
}

static int S_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
    (void)detail;
    S_reader *r = arg;
    int in_container = r->list_depth > 0 || r->table > 0;
    switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        r->list_depth--;
        if (!r->list_depth && !r->table) S_flush(r, 0);
        break;
    case MD_BLOCK_TABLE:
        r->table--;
        if (!r->table && !r->list_depth) S_flush(r, 0);
        break;
    case MD_BLOCK_CODE:
        r->code--;
        if (in_container)
            S_newline(r);
        else
            S_flush(r, 1);
        break;
    case MD_BLOCK_HTML:
        r->html--;
        if (in_container)
            S_newline(r);
        else
            S_flush(r, 1);
        break;
    case MD_BLOCK_H:
        r->heading--;
        /* fall through */
    case MD_BLOCK_P:
        if (in_container)
            S_newline(r);
        else
            S_flush(r, 0);
        break;
    default: break;
    }
    if (r->depth == 2 && S_cur(r)) {
        S_unit *u = S_cur(r);
        if (u->kind == U_LIST) u->toc = r->toc_in > 0 && r->toc_out == 0;
    }
    r->depth--;
    return 0;
}

static int S_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
    S_reader *r = arg;
    S_unit *u = S_cur(r);
    if (type == MD_SPAN_STRONG) {
        if (!r->strong && u && u->kind == U_PARA && r->depth == 2 && !u->np && !r->bold_open && !u->bold_e) {
            size_t k = 0;
            while (k < r->t.b.len && S_is_ws(r->t.b.s[k])) k++;
            if (k == r->t.b.len) { /* the paragraph opens with it */
                u->bold_b = r->t.b.len;
                r->bold_open = 1;
            }
        }
        r->strong++;
    } else if (type == MD_SPAN_A) {
        MD_SPAN_A_DETAIL *a = detail;
        if (!r->link_depth++) {
            free(r->href);
            r->href_len = a->href.size;
            r->href = xmalloc(r->href_len + 1);
            memcpy(r->href, a->href.text, r->href_len);
            r->href[r->href_len] = 0;
            r->link_start = r->t.b.len;
        }
    }
    return 0;
}

static int S_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
    (void)detail;
    S_reader *r = arg;
    S_unit *u = S_cur(r);
    if (type == MD_SPAN_STRONG) {
        if (--r->strong == 0 && r->bold_open && u) {
            u->bold_e = r->t.b.len;
            if (u->bold_e == u->bold_b) u->bold_e = 0;
            r->bold_open = 0;
        }
    } else if (type == MD_SPAN_A && r->link_depth && !--r->link_depth && r->href) {
        /* A link keeps its address after its text, unless the text is the address or the
           link stays on the page ("#anchor"). */
        const char *text = r->t.b.s ? r->t.b.s + r->link_start : "";
        size_t tn = r->t.b.len - r->link_start;
        int same = tn == r->href_len && !memcmp(text, r->href, tn);
        if (!same && r->href_len > 7 && !strncmp(r->href, "mailto:", 7) && tn == r->href_len - 7 &&
            !memcmp(text, r->href + 7, tn))
            same = 1;
        if (r->href_len && r->href[0] != '#' && !same && !r->heading) {
            S_add(r, " (", 2, S_NPOS);
            S_add(r, r->href, r->href_len, S_NPOS);
            S_add(r, ")", 1, S_NPOS);
        }
    }
    return 0;
}

/* Counts the text of a list for the table-of-contents test: inside links to "#..." or not. */
static void S_toc_count(S_reader *r, const char *s, size_t n)
{
    if (!r->list_depth || r->depth < 2) return;
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) nb += !S_is_ws(s[i]);
    if (r->link_depth && r->href && r->href[0] == '#')
        r->toc_in += nb;
    else
        r->toc_out += nb;
}

static int S_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *arg)
{
    S_reader *r = arg;
    size_t off = S_off(r, s, size);
    switch (type) {
    case MD_TEXT_NULLCHAR: S_add(r, "\xEF\xBF\xBD", 3, off); break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        if (r->heading)
            S_add(r, " ", 1, off);
        else
            S_newline(r);
        break;
    case MD_TEXT_ENTITY: {
        char u[8];
        size_t n = S_entity(s, size, u);
        if (n)
            S_add(r, u, n, off);
        else
            S_add(r, s, size, off);
        S_toc_count(r, s, size);
        break;
    }
    case MD_TEXT_HTML:
        if (r->html) { /* a raw HTML block: kept as it stands */
            S_unit *u = S_cur(r);
            S_add(r, s, size, off);
            if (u && u->comment) { /* only comments so far? */
                const char *p = r->t.b.s, *e = p + r->t.b.len;
                int only = 1;
                while (p < e && only) {
                    while (p < e && S_is_ws(*p)) p++;
                    if (p == e) break;
                    if (e - p >= 4 && !memcmp(p, "<!--", 4)) {
                        const char *c = p + 4;
                        while (c + 2 < e && memcmp(c, "-->", 3)) c++;
                        p = c + 3 <= e ? c + 3 : e;
                    } else {
                        only = 0;
                    }
                }
                u->comment = only;
            }
        } else if (size >= 3 && (s[0] == '<') && (s[1] == 'b' || s[1] == 'B') && (s[2] == 'r' || s[2] == 'R')) {
            S_newline(r); /* <br> */
        } else if (size >= 4 && !memcmp(s, "<!--", 4)) {
            /* an inline comment: a directive, or nothing */
            unsigned line, col;
            source_linecol(r->src, off == S_NPOS ? r->last_end : off, &line, &col);
            if (size >= 7) faq_doc_add_directive(r->doc, s + 4, size - 7, line);
        }
        /* other inline tags are markup, not text */
        break;
    default:
        S_add(r, s, size, off);
        S_toc_count(r, s, size);
        break;
    }
    return 0;
}

/* ------------------------------------------------------------------ front matter */

static int S_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static void S_field(S_reader *r, const char *key, size_t kpos, const char *v, size_t vn, size_t vpos)
{
    XGROW(r->doc->fields, r->doc->capfields, r->doc->nfields + 1);
    faq_field *f = &r->doc->fields[r->doc->nfields++];
    memset(f, 0, sizeof *f);
    f->key.s = arena_strndup(&r->doc->mem, key, strlen(key));
    f->key.len = strlen(key);
    f->key.seg = arena_alloc(&r->doc->mem, sizeof *f->key.seg);
    f->key.seg->src_off = kpos;
    f->key.nseg = 1;
    f->value.s = arena_strndup(&r->doc->mem, v, vn);
    f->value.len = vn;
    f->value.seg = arena_alloc(&r->doc->mem, sizeof *f->value.seg);
    f->value.seg->src_off = vpos;
    f->value.nseg = 1;
}

static int S_is_date(const char *s, size_t n) /* 2024-05-01, or with a time (T or blank) */
{
    if (n < 10) return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return 0;
    if (n == 10) return 1;
    if (s[10] != 'T') return 0;
    if (n < 19 || s[13] != ':' || s[16] != ':') return 0;
    return 1;
}

static int S_is_ncname(const char *s, size_t n)
{
    if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return 0;
    for (size_t i = 0; i < n; i++)
        if (!S_ident(s[i]) && s[i] != '.') return 0;
    return 1;
}

/* The lines [s, s+n) of a nested value on one line: a list ("  - a", "  - b") as "[a, b]",
   nested keys ("  name: x") as "{name: x}", deeper lines as they are, trimmed, joined by ", ".
   Returns its length; *out (heap) receives it. */
static size_t S_flow(const char *s, size_t n, char **out)
{
    buf b;
    buf_init(&b);
    int list = 1;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k < e && s[k] != '\r' && !(s[k] == '-' && (k + 1 == e || s[k + 1] == ' '))) list = 0;
        i = nl ? e + 1 : n;
    }
    buf_putc(&b, list ? '[' : '{');
    size_t items = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, k = i;
        i = nl ? e + 1 : n;
        while (k < e && (s[k] == ' ' || s[k] == '\t')) k++;
        if (list && k < e && s[k] == '-') k++;
        while (k < e && (s[k] == ' ' || s[k] == '\t')) k++;
        while (e > k && S_is_ws(s[e - 1])) e--;
        if (e == k || s[k] == '#') continue;
        if (items++) buf_puts(&b, ", ");
        buf_put(&b, s + k, e - k);
    }
    buf_putc(&b, list ? ']' : '}');
    size_t len = b.len;
    *out = buf_detach(&b);
    return len;
}

/* YAML front matter: "---" on the first line up to a line "---" or "...". Top-level
   "key: value" lines feed the model (title, lang, url, slug, date, lastmod and their
   neighbours); a key with nested lines or a list keeps those lines as its value. Nothing in
   it is an error: the file's own tools read it. Returns the offset where the Markdown starts
   and sets *title_at to the title value's field index (-1: none). */
static size_t S_front(S_reader *r, long *title_at)
{
    const char *d = r->src->data;
    size_t len = r->src->len;
    *title_at = -1;
    /* YAML between "---" lines, or TOML (Hugo) between "+++" lines: "key = value" */
    int toml = len >= 4 && !memcmp(d, "+++", 3);
    const char *fence = toml ? "+++" : "---";
    char sep = toml ? '=' : ':';
    if (len < 4 || memcmp(d, fence, 3) || (d[3] != '\n' && d[3] != '\r')) return 0;
    size_t p = d[3] == '\r' && len > 4 && d[4] == '\n' ? 5 : 4, close = S_NPOS, after = 0;
    for (size_t q = p; q < len;) {
        const char *nl = memchr(d + q, '\n', len - q);
        size_t e = nl ? (size_t)(nl - d) : len, te = e;
        if (te > q && d[te - 1] == '\r') te--;
        if (te - q == 3 && (!memcmp(d + q, fence, 3) || (!toml && !memcmp(d + q, "...", 3)))) {
            close = q;
            after = nl ? e + 1 : len;
            break;
        }
        q = nl ? e + 1 : len;
    }
    if (close == S_NPOS) return 0; /* never closed: a thematic break, Markdown's own */
    r->doc->has_front = 1;
    char table[64];
    size_t table_n = 0;
    int has_lastmod = 0; /* a later date key than "date" is there */
    for (size_t q = p; q + 8 < close && !has_lastmod; q++)
        if ((q == p || d[q - 1] == '\n') &&
            (!strncmp(d + q, "lastmod", 7) || !strncmp(d + q, "modified", 8) || !strncmp(d + q, "updated", 7)))
            has_lastmod = 1;
    const char *names[][2] = {
        {"title", "title"},      {"lang", "lang"},         {"language", "lang"},    {"url", "url"},
        {"permalink", "url"},    {"canonical", "url"},     {"slug", "id"},          {"id", "id"},
        {"lastmod", "modified"}, {"modified", "modified"}, {"updated", "modified"}, {"date", "modified"}};
    for (size_t q = p; q < close;) {
        const char *nl = memchr(d + q, '\n', close - q);
        size_t e = nl ? (size_t)(nl - d) : close, te = e;
        size_t next = nl ? e + 1 : close;
        if (te > q && d[te - 1] == '\r') te--;
        if (toml)
            while (q < te && (d[q] == ' ' || d[q] == '\t')) q++;
        size_t k = q;
        while (k < te && (S_ident(d[k]) || d[k] == '.')) k++;
        size_t ke = k;
        if (toml)
            while (k < te && (d[k] == ' ' || d[k] == '\t')) k++;
        if (toml && q < te && d[q] == '[') { /* a TOML table: its keys are kept as TABLE.KEY */
            size_t b = q + 1, e2 = b;
            while (e2 < te && d[e2] != ']') e2++;
            table_n = e2 - b < sizeof table - 1 ? e2 - b : sizeof table - 1;
            memcpy(table, d + b, table_n);
            table[table_n] = 0;
            q = next;
            continue;
        }
        if (ke == q || k >= te || d[k] != sep || (k + 1 < te && d[k + 1] != ' ' && d[k + 1] != '\t')) {
            q = next; /* a comment, a blank, or a line of a value above: kept with its key */
            continue;
        }
        char key[128];
        size_t kn = 0;
        if (table_n) {
            memcpy(key, table, table_n);
            key[table_n] = '.';
            kn = table_n + 1;
        }
        size_t kk = ke - q < sizeof key - 1 - kn ? ke - q : sizeof key - 1 - kn;
        memcpy(key + kn, d + q, kk);
        kn += kk;
        key[kn] = 0;
        size_t vb = k + 1, ve = te;
        while (vb < ve && (d[vb] == ' ' || d[vb] == '\t')) vb++;
        while (ve > vb && (d[ve - 1] == ' ' || d[ve - 1] == '\t')) ve--;
        /* the lines below that are indented or list items belong to this key */
        size_t bn = next, blk_e = next;
        while (bn < close) {
            const char *nl2 = memchr(d + bn, '\n', close - bn);
            size_t e2 = nl2 ? (size_t)(nl2 - d) : close;
            if (e2 > bn && d[bn] != ' ' && d[bn] != '\t' && d[bn] != '-' && d[bn] != '\r') break;
            blk_e = e2;
            bn = nl2 ? e2 + 1 : close;
        }
        char *flow = NULL;
        size_t flow_n = 0;
        if (vb == ve && blk_e > next) { /* a nested value: on one line, in YAML's flow style */
            flow_n = S_flow(d + next, blk_e - next, &flow);
            vb = ve = 0;
        } else if (read_text_is_quoted(d + vb, ve - vb)) {
            vb++, ve--;
        }
        size_t kline = q;
        q = bn;
        if (flow) {
            if (flow_n && !faq_doc_field(r->doc, key)) S_field(r, key, kline, flow, flow_n, next);
            free(flow);
            continue;
        }
        const char *as = key;
        for (size_t i = 0; i < sizeof names / sizeof *names && !table_n; i++)
            if (!strcmp(key, names[i][0])) as = names[i][1];
        if (!strcmp(key, "date") && has_lastmod) as = key; /* lastmod (or modified) says it better */
        if (!strcmp(as, "modified") && !S_is_date(d + vb, ve - vb)) as = key;
        if (!strcmp(as, "id") && !S_is_ncname(d + vb, ve - vb)) as = key;
        if (strcmp(as, key) && faq_doc_field(r->doc, as)) as = key; /* the first one feeds the model */
        if (ve == vb && strcmp(as, "title")) continue;
        if (!strcmp(as, "title") && *title_at < 0 && ve > vb) *title_at = (long)r->doc->nfields;
        S_field(r, as, kline, d + vb, ve - vb, vb);
    }
    return after;
}

/* ------------------------------------------------------------------ the FAQ's shape */

static char *S_make_id(S_reader *r, const faq_text *q)
{
    return slug_unique(&r->ids, &r->doc->mem, q->s ? q->s : "", q->len);
}

/* The part [b, e) of text t, with its own segments. */
static faq_text S_sub(S_reader *r, const faq_text *t, size_t b, size_t e)
{
    faq_text o;
    memset(&o, 0, sizeof o);
    while (b < e && S_is_ws(t->s[b])) b++;
    while (e > b && S_is_ws(t->s[e - 1])) e--;
    o.s = arena_strndup(&r->doc->mem, t->s + b, e - b);
    o.len = e - b;
    size_t first = 0, n = 0;
    for (size_t i = 0; i < t->nseg && t->seg[i].text_off <= b; i++) first = i;
    for (size_t i = first; i < t->nseg && (t->seg[i].text_off < e || i == first); i++) n++;
    o.seg = arena_alloc(&r->doc->mem, (n ? n : 1) * sizeof *o.seg);
    o.nseg = n ? n : 1;
    for (size_t i = 0; i < n; i++) {
        const faq_seg *g = &t->seg[first + i];
        o.seg[i].text_off = i ? g->text_off - b : 0;
        o.seg[i].src_off = i ? g->src_off : g->src_off + (b - g->text_off);
    }
    return o;
}

static int S_ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (x != y) return 0;
    }
    return 1;
}

static int S_is_ncname(const char *s, size_t n);

/* A heading's text without its number ("1.2 ") and a trailing "{#anchor}" (kramdown's, Hugo's
   and pandoc's heading id: *id receives it, when it is an XML name, else NULL). */
/* Length of a "Q:" / "Q." / "Question:" prefix with the blanks after it, or 0. */
static size_t S_q_prefix(const char *s, size_t n)
{
    static const char *const pre[] = {"q:", "q.", "question:"};
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
        size_t k = strlen(pre[i]);
        if (n > k + 1 && S_ieq(s, k, pre[i]) && s[k] == ' ') {
            while (k < n && s[k] == ' ') k++;
            return k;
        }
    }
    return 0;
}

static faq_text S_heading_text(S_reader *r, const faq_text *t, const char **id)
{
    size_t b = read_text_number_prefix(t->s, t->len), e = t->len;
    b += S_q_prefix(t->s + b, t->len - b);
    *id = NULL;
    if (e > b && t->s[e - 1] == '}') {
        size_t k = e - 1;
        while (k > b && t->s[k] != '{') k--;
        if (t->s[k] == '{' && k + 1 < e && (t->s[k + 1] == '#' || t->s[k + 1] == '.')) {
            size_t ie = k + 2;
            while (ie < e - 1 && t->s[ie] != ' ') ie++;
            if (t->s[k + 1] == '#' && S_is_ncname(t->s + k + 2, ie - k - 2))
                *id = arena_strndup(&r->doc->mem, t->s + k + 2, ie - k - 2);
            e = k;
        }
    }
    return S_sub(r, t, b, e);
}

static int S_is_q(const faq_text *t) { return t->len && utf8_question_end(t->s, t->len) > 0; }

/* A heading that names the FAQ part of a longer page. */
static int S_is_faq_heading(const faq_text *t)
{
    static const char *const names[] = {"faq",
                                        "faqs",
                                        "f.a.q.",
                                        "faq's",
                                        "frequently asked questions",
                                        "frequently asked questions (faq)",
                                        "frequently asked questions (faqs)",
                                        "questions and answers",
                                        "questions & answers",
                                        "q&a",
                                        "q & a",
                                        "common questions",
                                        "häufige fragen",
                                        "häufig gestellte fragen",
                                        "preguntas frecuentes",
                                        "foire aux questions",
                                        "questions fréquentes",
                                        "perguntas frequentes",
                                        "domande frequenti",
                                        "veelgestelde vragen",
                                        "vanliga frågor",
                                        "często zadawane pytania"};
    size_t n = t->len;
    while (n && (t->s[n - 1] == ':' || t->s[n - 1] == ' ')) n--;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (S_ieq(t->s, n, names[i])) return 1;
    return 0;
}

static const char *S_find_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (S_ieq(s + i, k, w)) return s + i;
    return NULL;
}

/* The text of an HTML fragment [b, e) of t without its tags, white space collapsed. */
static faq_text S_strip_tags(S_reader *r, const faq_text *t, size_t b, size_t e)
{
    S_tb tb;
    memset(&tb, 0, sizeof tb);
    buf_init(&tb.b);
    int space = 0;
    for (size_t i = b; i < e;) {
        char c = t->s[i];
        if (c == '<') {
            const char *gt = memchr(t->s + i, '>', e - i);
            size_t k = i + 1 + (i + 1 < e && t->s[i + 1] == '/');
            /* a tag of a block breaks the text; an inline one (<em>, <a>, <code>) does not */
            static const char *const inl[] = {"em",    "strong", "b",   "i",    "u",    "a", "code", "span", "kbd",
                                              "small", "sup",    "sub", "mark", "abbr", "s", "del",  "ins",  "q"};
            int inline_tag = 0;
            for (size_t m = 0; m < sizeof inl / sizeof *inl && !inline_tag; m++) {
                size_t l = strlen(inl[m]);
                inline_tag = k + l < e && S_ieq(t->s + k, l, inl[m]) &&
                    (t->s[k + l] == '>' || t->s[k + l] == ' ' || t->s[k + l] == '/');
            }
            i = gt ? (size_t)(gt - t->s) + 1 : e;
            if (!inline_tag) space = 1;
            continue;
        }
        if (S_is_ws(c)) {
            space = 1;
            i++;
            continue;
        }
        if (space && tb.b.len) S_tb_put(&tb, " ", 1, faq_text_src(t, i));
        space = 0;
        char u[8];
        size_t n = 1, un = 0;
        if (c == '&') {
            const char *sc = memchr(t->s + i, ';', e - i < 12 ? e - i : 12);
            if (sc && (un = S_entity(t->s + i, (size_t)(sc - t->s) - i + 1, u)) > 0) n = (size_t)(sc - t->s) - i + 1;
        }
        if (un)
            S_tb_put(&tb, u, un, faq_text_src(t, i));
        else
            S_tb_put(&tb, t->s + i, 1, faq_text_src(t, i));
        i += n;
    }
    faq_text o;
    memset(&o, 0, sizeof o);
    o.s = arena_strndup(&r->doc->mem, tb.b.s ? tb.b.s : "", tb.b.len);
    o.len = tb.b.len;
    o.nseg = tb.nseg ? tb.nseg : 1;
    o.seg = arena_alloc(&r->doc->mem, o.nseg * sizeof *o.seg);
    if (tb.nseg)
        memcpy(o.seg, tb.seg, tb.nseg * sizeof *o.seg);
    else if (t->nseg)
        o.seg[0].src_off = faq_text_src(t, b);
    S_tb_free(&tb);
    return o;
}

typedef struct S_walk {
    faq_entry *entry; /* the open entry, or NULL */
    int entry_level; /* its heading's level (7: not a heading) */
    int in_details; /* the open entry is a <details> block not closed yet */
    int concluded; /* context after entries: the conclusion */
    const char *section; /* a group's heading, for the next entry */
} S_walk;

static faq_entry *S_new_entry(S_reader *r, S_walk *w, const faq_text *q, int level)
{
    faq_entry *e = faq_doc_add_entry(r->doc);
    e->question = *q;
    e->pos = faq_text_src(q, 0);
    while (e->pos > 0 && r->src->data[e->pos - 1] != '\n' && r->src->data[e->pos - 1] != '\r') e->pos--;
    e->id = S_make_id(r, q);
    e->after_conclusion = w->concluded;
    e->section = w->section;
    w->section = NULL;
    w->entry = e;
    w->entry_level = level;
    w->in_details = 0;
    return e;
}

/* The heading's own id for e, unless another entry has it already. */
static void S_set_id(S_reader *r, faq_entry *e, const char *id)
{
    if (!id || !strcmp(id, e->id)) return;
    size_t n = strlen(id);
    if (strset_get(&r->ids, id, n)) return;
    strset_put(&r->ids, id, n, 2);
    e->id = (char *)id;
}

static int S_starts_ci(const faq_text *t, const char *w)
{
    size_t k = strlen(w);
    return t->len >= k && S_ieq(t->s, k, w);
}

/* A paragraph of the open entry's answer ("Source:" lines are its sources), or of the intro
   or the conclusion when no entry is open. */
static void S_context_or_answer(S_reader *r, S_walk *w, const faq_text *t)
{
    if (w->entry) {
        if ((S_starts_ci(t, "source:") || S_starts_ci(t, "sources:")) && !memchr(t->s, '\n', t->len)) {
            size_t k = S_starts_ci(t, "sources:") ? 8 : 7;
            faq_text s = S_sub(r, t, k, t->len);
            if (s.len) *faq_paras_add(r->doc, &w->entry->sources) = s;
            return;
        }
        if (!w->entry->answer.n && t->len > 3 && (t->s[0] == 'A' || t->s[0] == 'a') && t->s[1] == ':' &&
            t->s[2] == ' ') { /* "A: ..." opens the answer of a "Q: ..." */
            *faq_paras_add(r->doc, &w->entry->answer) = S_sub(r, t, 3, t->len);
            return;
        }
        *faq_paras_add(r->doc, &w->entry->answer) = *t;
        return;
    }
    if (!r->doc->nentries) {
        *faq_paras_add(r->doc, &r->doc->intro) = *t;
        return;
    }
    if (!w->concluded) r->doc->conclusion_pos = faq_text_src(t, 0);
    w->concluded = 1;
    *faq_paras_add(r->doc, &r->doc->conclusion) = *t;
}

static void S_end_entry(S_walk *w)
{
    w->entry = NULL;
    w->in_details = 0;
}

/* A paragraph that is "Question?" then ": answer" lines (a definition list): 1 when it was. */
static int S_deflist(S_reader *r, S_walk *w, const faq_text *t)
{
    const char *nl = memchr(t->s, '\n', t->len);
    if (!nl) return 0;
    size_t qe = (size_t)(nl - t->s);
    faq_text q = S_sub(r, t, 0, qe);
    if (!S_is_q(&q) || qe + 2 >= t->len || t->s[qe + 1] != ':' || t->s[qe + 2] != ' ') return 0;
    S_new_entry(r, w, &q, 7);
    size_t b = qe + 3;
    while (b < t->len) { /* each ": " line opens a paragraph of the answer */
        size_t e = b;
        for (;;) {
            const char *n2 = memchr(t->s + e, '\n', t->len - e);
            if (!n2) {
                e = t->len;
                break;
            }
            e = (size_t)(n2 - t->s);
            if (e + 2 < t->len && t->s[e + 1] == ':' && t->s[e + 2] == ' ') break;
            e++;
        }
        faq_text a = S_sub(r, t, b, e);
        if (a.len) *faq_paras_add(r->doc, &w->entry->answer) = a;
        b = e + 3;
    }
    return 1;
}

/* A <details> block: its summary is the question; the answer is what follows the summary up
   to </details>, in this block and the blocks after it. 1 when u opened one. */
static int S_details(S_reader *r, S_walk *w, const faq_text *t)
{
    const char *sum = S_find_ci(t->s, t->len, "<summary");
    if (!sum || !S_find_ci(t->s, (size_t)(sum - t->s), "<details")) return 0;
    const char *gt = memchr(sum, '>', t->len - (size_t)(sum - t->s));
    if (!gt) return 0;
    size_t qb = (size_t)(gt - t->s) + 1;
    const char *end = S_find_ci(t->s + qb, t->len - qb, "</summary");
    size_t qe = end ? (size_t)(end - t->s) : t->len;
    faq_text q = S_strip_tags(r, t, qb, qe);
    if (!S_is_q(&q)) return 0; /* "Show the log": a collapsed part of the page, no question */
    S_new_entry(r, w, &q, 7);
    w->in_details = 1;
    if (end) {
        const char *gt2 = memchr(end, '>', t->len - (size_t)(end - t->s));
        size_t ab = gt2 ? (size_t)(gt2 - t->s) + 1 : t->len;
        const char *close = S_find_ci(t->s + ab, t->len - ab, "</details");
        size_t ae = close ? (size_t)(close - t->s) : t->len;
        faq_text a = S_strip_tags(r, t, ab, ae);
        if (a.len) *faq_paras_add(r->doc, &w->entry->answer) = a;
        if (close) S_end_entry(w);
    }
    return 1;
}

/* A list whose every item opens with a question ("1. **How do I ...?**") and one at least
   goes on with an answer: an entry per item. 1 when it was one. */
static int S_list_entries(S_reader *r, S_walk *w, const S_unit *x, const faq_text *t)
{
    int answered = 0;
    for (size_t i = 0; i < x->nit; i++) {
        size_t b = r->items[x->it0 + i], e = t->len;
        if (i + 1 < x->nit) { /* up to the line end before the next item's marker */
            e = r->items[x->it0 + i + 1];
            while (e > b && t->s[e - 1] != '\n') e--;
        }
        if (b >= e || e > t->len) return 0;
        const char *nl = memchr(t->s + b, '\n', e - b);
        size_t qe = nl ? (size_t)(nl - t->s) : e, k = qe;
        while (qe > b && S_is_ws(t->s[qe - 1])) qe--;
        if (!utf8_question_end(t->s + b, qe - b)) return 0;
        while (k < e && S_is_ws(t->s[k])) k++;
        answered |= k < e;
    }
    if (!answered) return 0;
    for (size_t i = 0; i < x->nit; i++) {
        size_t b = r->items[x->it0 + i], e = t->len;
        if (i + 1 < x->nit) { /* up to the line end before the next item's marker */
            e = r->items[x->it0 + i + 1];
            while (e > b && t->s[e - 1] != '\n') e--;
        }
        const char *nl = memchr(t->s + b, '\n', e - b);
        size_t qe = nl ? (size_t)(nl - t->s) : e;
        faq_text q = S_sub(r, t, b, qe);
        size_t qp = S_q_prefix(q.s, q.len);
        if (qp) q = S_sub(r, &q, qp, q.len);
        S_new_entry(r, w, &q, 7);
        if (nl) {
            faq_text a = S_sub(r, t, qe + 1, e);
            if (a.len) S_context_or_answer(r, w, &a);
        }
    }
    S_end_entry(w); /* the list is over: what follows is context */
    return 1;
}

/* The units' shape: the title, the FAQ region (an "FAQ" section's scope, or the whole page),
   and what each block of it is. */
static void S_build(S_reader *r, long title_at)
{
    S_unit *u = r->units;
    size_t n = r->nunits;
    /* the headings' texts, and whether each has a question heading below it in its scope */
    faq_text *ht = xcalloc(n ? n : 1, sizeof *ht);
    unsigned char *isq = xcalloc(n ? n : 1, 1), *qbelow = xcalloc(n ? n : 1, 1);
    const char **hid = xcalloc(n ? n : 1, sizeof *hid);
    size_t stack[8];
    int ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i].kind == U_PARA && u[i].np && u[i].bold_e) { /* a bold question: a question below */
            const faq_text *t = &r->texts[u[i].p0];
            size_t e = u[i].bold_e;
            while (e > u[i].bold_b && S_is_ws(t->s[e - 1])) e--;
            if (utf8_question_end(t->s + u[i].bold_b, e - u[i].bold_b))
                for (int k = 0; k < ns; k++) qbelow[stack[k]] = 1;
            continue;
        }
        if (u[i].kind != U_HEAD || !u[i].np) continue;
        ht[i] = S_heading_text(r, &r->texts[u[i].p0], &hid[i]);
        isq[i] = (unsigned char)S_is_q(&ht[i]);
        while (ns && u[stack[ns - 1]].level >= u[i].level) ns--;
        if (isq[i])
            for (int k = 0; k < ns; k++) qbelow[stack[k]] = 1;
        if (ns < 8) stack[ns++] = i;
    }
    /* the title: a first level-1 heading that is no question, else the front matter's */
    size_t title = S_NPOS;
    for (size_t i = 0; i < n; i++) {
        if (u[i].kind != U_HEAD || !u[i].np) continue;
        if (u[i].level == 1 && !isq[i]) title = i;
        break;
    }
    if (title != S_NPOS)
        r->doc->title = r->texts[u[title].p0];
    else if (title_at >= 0) {
        faq_field *f = &r->doc->fields[title_at];
        r->doc->title = f->value;
        memmove(f, f + 1, (r->doc->nfields - (size_t)title_at - 1) * sizeof *f); /* it is the title now */
        r->doc->nfields--;
    }
    /* the region: the scope of a heading "FAQ" (not the title), else the whole page */
    size_t rb = 0, re = n, faqh = S_NPOS;
    int section_mode = title != S_NPOS && S_is_faq_heading(&ht[title]);
    for (size_t i = 0; i < n && faqh == S_NPOS; i++)
        if (i != title && u[i].kind == U_HEAD && u[i].np && S_is_faq_heading(&ht[i])) faqh = i;
    if (faqh != S_NPOS) {
        section_mode = 1;
        rb = faqh + 1;
        for (re = rb; re < n; re++)
            if (u[re].kind == U_HEAD && u[re].level <= u[faqh].level) break;
    }
    /* in a whole page, statement headings between the first and the last question heading at
       the questions' level are entries too */
    size_t firstq = S_NPOS, lastq = S_NPOS;
    int qlevel = 7;
    for (size_t i = rb; i < re; i++)
        if (isq[i] && u[i].kind == U_HEAD) {
            if (firstq == S_NPOS) firstq = i;
            lastq = i;
            if (u[i].level < qlevel) qlevel = u[i].level;
        }
    if (faqh == S_NPOS && firstq == S_NPOS) section_mode = 0; /* "# faq" over no question: no FAQ page */
    S_walk w;
    memset(&w, 0, sizeof w);
    /* MDX: its import and export lines are code, not text (its JSX is not run) */
    size_t pl = r->src->path ? strlen(r->src->path) : 0;
    int mdx = pl > 4 && S_ieq(r->src->path + pl - 4, 4, ".mdx");
    for (size_t i = 0; i < n; i++) {
        S_unit *x = &u[i];
        if (i == title || i == faqh) continue;
        int inside = i >= rb && i < re;
        if (x->kind == U_HTML && x->comment) {
            for (size_t p = 0; p < x->np; p++) { /* directives */
                const faq_text *t = &r->texts[x->p0 + p];
                for (const char *c = t->s; (c = S_find_ci(c, t->len - (size_t)(c - t->s), "<!--")) != NULL;) {
                    const char *e = S_find_ci(c + 4, t->len - (size_t)(c + 4 - t->s), "-->");
                    if (!e) break;
                    unsigned line, col;
                    faq_text_linecol(r->doc, t, (size_t)(c - t->s), &line, &col);
                    faq_doc_add_directive(r->doc, c + 4, (size_t)(e - c - 4), line);
                    c = e + 3;
                }
            }
            continue;
        }
        if (x->kind == U_HR) { /* a thematic break ends an answer: what follows is context */
            if (i >= rb && i < re && w.entry && !w.in_details) S_end_entry(&w);
            continue;
        }
        if (!x->np) continue;
        const faq_text *t0 = &r->texts[x->p0];
        if (x->kind == U_PARA && mdx && (S_starts_ci(t0, "import ") || S_starts_ci(t0, "export "))) continue;
        if (x->kind == U_HTML && !S_find_ci(t0->s, t0->len, "<img") && !S_find_ci(t0->s, t0->len, "details") &&
            !S_find_ci(t0->s, t0->len, "summary") && !S_strip_tags(r, t0, 0, t0->len).len)
            continue; /* markup without text (an anchor, a <br>): nothing a reader sees */
        if (!inside) {
            if (w.entry) S_end_entry(&w);
            if (i >= re && r->doc->nentries) w.concluded = 1;
            for (size_t p = 0; p < x->np; p++) S_context_or_answer(r, &w, &r->texts[x->p0 + p]);
            continue;
        }
        if (x->kind == U_HEAD) {
            if (w.in_details) { /* a heading inside an open <details>: part of its answer */
                S_context_or_answer(r, &w, &ht[i]);
                continue;
            }
            if (isq[i] && !(qbelow[i] && i + 1 < n && u[i + 1].kind == U_HEAD && u[i + 1].level > x->level)) {
                S_set_id(r, S_new_entry(r, &w, &ht[i], x->level), hid[i]);
                continue;
            }
            if (qbelow[i] && ht[i].len) { /* a group of questions: its heading names the group */
                S_end_entry(&w);
                w.section = ht[i].s;
                continue;
            }
            if (w.entry && x->level > w.entry_level) {
                S_context_or_answer(r, &w, &ht[i]);
                continue;
            }
            int at_qlevel = x->level == qlevel || (qlevel == 7 && section_mode);
            if (ht[i].len && at_qlevel && (section_mode || (firstq != S_NPOS && i > firstq && i < lastq))) {
                S_set_id(r, S_new_entry(r, &w, &ht[i], x->level), hid[i]); /* question-form reports it */
                continue;
            }
            S_end_entry(&w); /* a heading of context */
            if (r->doc->nentries) w.concluded = 1;
            S_context_or_answer(r, &w, &ht[i]);
            continue;
        }
        if (x->kind == U_HTML && !w.in_details && S_details(r, &w, t0)) continue;
        if (x->kind == U_HTML && w.in_details) {
            const char *close = S_find_ci(t0->s, t0->len, "</details");
            faq_text a = S_strip_tags(r, t0, 0, close ? (size_t)(close - t0->s) : t0->len);
            if (a.len) S_context_or_answer(r, &w, &a);
            if (close) {
                S_end_entry(&w);
                faq_text rest = S_strip_tags(r, t0, (size_t)(close - t0->s), t0->len);
                if (rest.len) S_context_or_answer(r, &w, &rest);
            }
            continue;
        }
        if (x->kind == U_PARA && !w.in_details && x->bold_e) { /* **Question?** */
            faq_text q = S_sub(r, t0, x->bold_b, x->bold_e);
            size_t qp = S_q_prefix(q.s, q.len);
            if (qp) q = S_sub(r, &q, qp, q.len);
            size_t k = x->bold_e;
            while (k < t0->len && t0->s[k] == ' ') k++;
            if (S_is_q(&q) && (k == t0->len || t0->s[k] == '\n')) {
                S_new_entry(r, &w, &q, 7);
                faq_text a = S_sub(r, t0, k, t0->len);
                if (a.len) S_context_or_answer(r, &w, &a);
                continue;
            }
        }
        if (x->kind == U_PARA && !w.in_details && S_deflist(r, &w, t0)) continue;
        if (x->kind == U_PARA && !w.in_details && i + 1 < re && u[i + 1].kind == U_PARA && u[i + 1].np && S_is_q(t0) &&
            !memchr(t0->s, '\n', t0->len) && r->texts[u[i + 1].p0].len > 2 &&
            !memcmp(r->texts[u[i + 1].p0].s, ": ", 2)) { /* "Question?", a blank line, ": answer" */
            S_new_entry(r, &w, t0, 7);
            continue;
        }
        if (x->kind == U_PARA && w.entry && !w.entry->answer.n && t0->len > 2 && t0->s[0] == ':' &&
            t0->s[1] == ' ') { /* "Question?", a blank line, then ": answer" */
            faq_text a = S_sub(r, t0, 2, t0->len);
            S_context_or_answer(r, &w, &a);
            continue;
        }
        if (x->kind == U_HTML && (S_find_ci(t0->s, t0->len, "<details") || S_find_ci(t0->s, t0->len, "</details"))) {
            faq_text a = S_strip_tags(r, t0, 0, t0->len); /* a collapsed block that is no question */
            if (a.len) S_context_or_answer(r, &w, &a);
            continue;
        }
        if (x->kind == U_LIST && x->np == 1 && x->nit && !w.entry && !w.in_details && S_list_entries(r, &w, x, t0))
            continue;
        if (x->kind == U_LIST && x->toc && !w.entry) { /* a table of contents: context */
            for (size_t p = 0; p < x->np; p++) S_context_or_answer(r, &w, &r->texts[x->p0 + p]);
            continue;
        }
        for (size_t p = 0; p < x->np; p++) S_context_or_answer(r, &w, &r->texts[x->p0 + p]);
    }
    free(ht);
    free(hid);
    free(isq);
    free(qbelow);
}

faq_doc *read_md(const source *src, diag_list *d)
{
    S_reader r;
    memset(&r, 0, sizeof r);
    r.src = src;
    r.d = d;
    r.doc = faq_doc_new(src);
    r.doc->xml_clean = !src->controls;
    buf_init(&r.t.b);
    long title_at;
    size_t start = S_front(&r, &title_at);
    MD_PARSER p;
    memset(&p, 0, sizeof p);
    p.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;
    p.enter_block = S_enter_block;
    p.leave_block = S_leave_block;
    p.enter_span = S_enter_span;
    p.leave_span = S_leave_span;
    p.text = S_text;
    r.base = src->data + start;
    r.base_off = start;
    r.last_end = start;
    md_parse(src->data + start, (MD_SIZE)(src->len - start), &p, &r);
    S_build(&r, title_at);
    free(r.units);
    free(r.items);
    free(r.texts);
    free(r.href);
    S_tb_free(&r.t);
    if (r.doc->nentries == 0) {
        diag_add(d, src->path, 1, 1, SEV_ERROR, "input",
                 "%s: no question heading (\"## How do I ...?\"), bold question, <details>/<summary> or "
                 "definition list of questions was found; write the questions so that they end in '?', "
                 "or put them under a heading \"FAQ\"",
                 read_md_no_faq)
            ->fatal = 1;
        faq_doc_free(r.doc);
        strset_free(&r.ids);
        return NULL;
    }
    r.doc->ids_unique = 1;
    strset_free(&r.ids);
    return r.doc;
}
