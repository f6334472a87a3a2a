/* read_xml: FAQ XML to the model, parsed safely (no DTD, no entities, no network, no other file). */
#include "buf.h"
#include "reader.h"
#include "schema.h"
#include "strset.h"
#include "xalloc.h"
#include "xml_build.h"
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <string.h>

/* ------------------------------------------------------------------ detection */

int reader_is_xml(const source *src)
{
    const char *p = src->data, *end = src->data + src->len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    if (p >= end || *p != '<') return 0;
    p++;
    size_t left = (size_t)(end - p);
    if (left >= 4 && !memcmp(p, "!--", 3)) {
        /* A text FAQ may open with a directive comment: <!-- faq-disable … --> */
        const char *q = p + 3;
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        if ((size_t)(end - q) >= 4 && !memcmp(q, "faq-", 4)) return 0;
        return 1;
    }
    if (left >= 4 && !memcmp(p, "?xml", 4)) return 1;
    if (left >= 8 && !memcmp(p, "!DOCTYPE", 8)) return 1; /* refused by read_xml, clearly */
    return left >= 1 && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_');
}

/* ------------------------------------------------------------------ parsing */

typedef struct S_parse {
    const source *src;
    int doctype; /* a DOCTYPE was met: refused */
    size_t doctype_off;
    int have_err; /* the first fatal error */
    int err_line, err_col, err_code;
    char err_msg[512];
} S_parse;

/* Absolute byte offset of the parser in the input. */
static size_t S_parser_off(xmlParserCtxtPtr ctxt, const source *src)
{
    if (!ctxt || !ctxt->input || !ctxt->input->base || !ctxt->input->cur) return src->len;
    size_t off = (size_t)(ctxt->input->cur - ctxt->input->base) + (size_t)ctxt->input->consumed;
    return off > src->len ? src->len : off;
}

/* SAX internalSubset: any <!DOCTYPE …> stops the parser before its subset is read. */
static void S_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_parse *p = ctxt->_private;
    if (!p->doctype) {
        p->doctype = 1;
        size_t off = S_parser_off(ctxt, p->src);
        const char *data = p->src->data;
        size_t i = off;
        while (i > 0) { /* back to the "<!DOCTYPE" that holds the parser */
            i--;
            if (data[i] == '<' && p->src->len - i >= 9 && !memcmp(data + i, "<!DOCTYPE", 9)) break;
        }
        p->doctype_off = i;
    }
    xmlStopParser(ctxt);
}

static void S_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub, const xmlChar *sys,
                          xmlChar *content)
{
    xmlStopParser((xmlParserCtxtPtr)ctx); /* unreachable after S_doctype; belt and braces */
}

/* Parser errors: keep the first fatal one; print nothing. */
static void S_parse_error(void *ctx, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_parse *p = ctxt ? ctxt->_private : NULL;
    if (!p || !err || err->level < XML_ERR_FATAL || p->have_err) return;
    if (err->code == XML_ERR_USER_STOP) return;
    p->have_err = 1;
    p->err_line = err->line;
    p->err_col = err->int2;
    p->err_code = err->code;
    const char *m = err->message ? err->message : "unknown error";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    if (n >= sizeof p->err_msg) n = sizeof p->err_msg - 1;
    memcpy(p->err_msg, m, n);
    p->err_msg[n] = 0;
}

/* The user message for a fatal parser error. */
static void S_error_message(const S_parse *p, buf *b)
{
    const char *m = p->err_msg;
    if (strstr(m, "Excessive depth in document")) {
        buf_printf(b, "the XML is nested too deeply (more than %u levels)", xmlParserMaxDepth);
    } else if (strstr(m, "huge text node") || strstr(m, "Huge input lookup")) {
        buf_puts(b,
                 "a text in the XML is too large (FAQ XML allows 10000000 bytes in one text, name or "
                 "attribute value, as the text format does in one paragraph): split it into paragraphs");
    } else if (p->err_code == XML_ERR_UNDECLARED_ENTITY || strstr(m, "Entity '")) {
        buf_printf(b,
                   "not well-formed XML: %s: only &amp; &lt; &gt; &quot; &apos; and character references "
                   "such as &#233; are accepted",
                   m);
    } else if (p->err_code == XML_ERR_DOCUMENT_EMPTY) {
        buf_puts(b, "the XML document is empty");
    } else {
        buf_printf(b, "not well-formed XML: %s", m);
    }
}

/* ------------------------------------------------------------------ positions */

typedef struct S_rx {
    const source *src;
    faq_doc *doc;
    size_t cursor; /* source offset after the last start tag located */
} S_rx;

static int S_is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Searches "<qname" followed by a delimiter in [from, to). */
static size_t S_find_tag(const source *src, const char *qname, size_t from, size_t to, int *found)
{
    size_t n = strlen(qname);
    const char *d = src->data;
    for (size_t i = from; i < to; i++) {
        const char *lt = memchr(d + i, '<', to - i);
        if (!lt) break;
        i = (size_t)(lt - d);
        if (i + 1 + n < src->len + 1 && !memcmp(d + i + 1, qname, n)) {
            char c = i + 1 + n < src->len ? d[i + 1 + n] : 0;
            if (S_is_space(c) || c == '/' || c == '>') {
                *found = 1;
                return i;
            }
        }
    }
    *found = 0;
    return 0;
}

/* Source offset of element e's start tag; elements are located in document order. */
static size_t S_locate(S_rx *r, xmlNodePtr e)
{
    const source *src = r->src;
    char qname[256];
    if (e->ns && e->ns->prefix)
        snprintf(qname, sizeof qname, "%s:%s", e->ns->prefix, e->name);
    else
        snprintf(qname, sizeof qname, "%s", e->name);
    long line = xmlGetLineNo(e);
    size_t ls = line > 0 ? source_line_offset(src, (unsigned)line) : r->cursor;
    size_t le = line > 0 ? source_line_offset(src, (unsigned)line + 1) : src->len;
    if (ls < r->cursor) ls = r->cursor;
    if (le > src->len) le = src->len;
    int found = 0;
    size_t at = 0;
    if (ls < le) at = S_find_tag(src, qname, ls, le, &found);
    if (!found && r->cursor < le) at = S_find_tag(src, qname, r->cursor, le, &found);
    if (!found) return line > 0 ? source_line_offset(src, (unsigned)line) : r->cursor;
    r->cursor = at + 1;
    return at;
}

/* Offset just after the '>' of the start tag at tag (tag's end when it is "<x/>"). */
static size_t S_content_start(const source *src, size_t tag)
{
    const char *d = src->data;
    char quote = 0;
    for (size_t i = tag; i < src->len; i++) {
        if (quote) {
            if (d[i] == quote) quote = 0;
        } else if (d[i] == '"' || d[i] == '\'') {
            quote = d[i];
        } else if (d[i] == '>') {
            return i + 1;
        }
    }
    return src->len;
}

static size_t S_pos(xmlNodePtr e)
{
    size_t p = XML_BUILD_POS(e);
    return p ? p - 1 : 0;
}

/* ------------------------------------------------------------------ text */

/* Fills t from element e's text: lines trimmed, empty lines dropped, joined by sep;
   one segment per line, pointing at the line in the source. */
static void S_text_raw(faq_doc *doc, const source *src, const char *s, size_t n, size_t tag, faq_text *t, char sep)
{
    size_t soff = S_content_start(src, tag); /* source offset of the current raw line */
    size_t lines = 1;
    for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
    faq_seg *seg = arena_alloc(&doc->mem, lines * sizeof *seg);
    char *out = arena_alloc(&doc->mem, n + 1);
    size_t len = 0, nseg = 0;
    size_t first_soff = soff;
    for (size_t b = 0; b <= n;) {
        const char *nl = memchr(s + b, '\n', n - b);
        size_t e_ = nl ? (size_t)(nl - s) : n;
        size_t lb = b, lend = e_;
        while (lb < lend && S_is_space(s[lb])) lb++;
        while (lend > lb && S_is_space(s[lend - 1])) lend--;
        if (lend > lb) {
            if (len) out[len++] = sep;
            size_t so = soff + (lb - b);
            if (so > src->len) so = src->len;
            seg[nseg].text_off = len;
            seg[nseg].src_off = so;
            nseg++;
            memcpy(out + len, s + lb, lend - lb);
            len += lend - lb;
        }
        if (!nl) break;
        b = e_ + 1;
        /* the next raw line starts after the next line break in the source */
        const char *snl = soff < src->len ? memchr(src->data + soff, '\n', src->len - soff) : NULL;
        soff = snl ? (size_t)(snl - src->data) + 1 : src->len;
    }
    out[len] = 0;
    if (nseg == 0) {
        seg[0].text_off = 0;
        seg[0].src_off = first_soff > src->len ? src->len : first_soff;
        nseg = 1;
    }
    t->s = out;
    t->len = len;
    t->seg = seg;
    t->nseg = nseg;
}

static void S_text(S_rx *r, xmlNodePtr e, faq_text *t, char sep)
{
    xmlChar *raw = xmlNodeGetContent(e);
    const char *s = raw ? (const char *)raw : "";
    S_text_raw(r->doc, r->src, s, strlen(s), S_pos(e), t, sep);
    if (raw) xmlFree(raw);
}

/* A text that is exactly s (a front matter key), at source offset off. */
static void S_literal(faq_doc *doc, faq_text *t, const char *s, size_t off)
{
    t->len = strlen(s);
    t->s = arena_strndup(&doc->mem, s, t->len);
    t->seg = arena_alloc(&doc->mem, sizeof *t->seg);
    t->seg[0].text_off = 0;
    t->seg[0].src_off = off;
    t->nseg = 1;
}

static int S_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns == NULL && !strcmp((const char *)n->name, name);
}

/* ------------------------------------------------------------------ directives */

/* <!-- faq-disable a, b --> and friends, anywhere in the document. */
static void S_directive(S_rx *r, xmlNodePtr c, size_t off)
{
    const char *s = (const char *)c->content;
    if (!s) return;
    unsigned line, col;
    source_linecol(r->src, off, &line, &col);
    faq_doc_add_directive(r->doc, s, strlen(s), line);
}

/* Visits every node in document order (iteratively): marks each element with its source
   offset (XML_BUILD_POS, so that schema errors point at the start tag) and reads directives. */
static void S_mark_all(S_rx *r, xmlDocPtr x)
{
    xmlNodePtr n = x->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            n->_private = (void *)(uintptr_t)(S_locate(r, n) + 1);
        } else if (n->type == XML_COMMENT_NODE) {
            /* the comment's position: the next "<!--" in the source */
            const char *d = r->src->data;
            size_t off = r->cursor;
            const char *hit = NULL;
            for (size_t i = off; i + 4 <= r->src->len; i++) {
                const char *lt = memchr(d + i, '<', r->src->len - i);
                if (!lt) break;
                i = (size_t)(lt - d);
                if (i + 4 <= r->src->len && !memcmp(lt, "<!--", 4)) {
                    hit = lt;
                    break;
                }
            }
            if (hit) {
                off = (size_t)(hit - d);
                r->cursor = off + 4;
            }
            S_directive(r, n, off);
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n && n->type == XML_DOCUMENT_NODE) n = NULL;
        }
        if (n) n = n->next;
    }
}

/* ------------------------------------------------------------------ the model */

static void S_paras(S_rx *r, xmlNodePtr parent, faq_paras *p)
{
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (S_is(c, "p")) S_text(r, c, faq_paras_add(r->doc, p), '\n');
}

static void S_front(S_rx *r, xmlNodePtr front)
{
    faq_doc *doc = r->doc;
    doc->has_front = 1;
    for (xmlNodePtr c = front->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || c->ns) continue;
        const char *name = (const char *)c->name;
        char *key = NULL;
        if (!strcmp(name, "field")) {
            xmlChar *k = xmlGetProp(c, BAD_CAST "name");
            const char *ks = k ? (const char *)k : "";
            while (S_is_space(*ks)) ks++;
            size_t kn = strlen(ks);
            while (kn && S_is_space(ks[kn - 1])) kn--;
            key = xstrndup(ks, kn);
            if (k) xmlFree(k);
        } else if (!strcmp(name, "id") || !strcmp(name, "lang") || !strcmp(name, "url") || !strcmp(name, "modified")) {
            key = xstrdup(name);
        } else {
            continue;
        }
        XGROW(doc->fields, doc->capfields, doc->nfields + 1);
        faq_field *f = &doc->fields[doc->nfields++];
        memset(f, 0, sizeof *f);
        S_literal(doc, &f->key, key, S_pos(c));
        free(key);
        S_text(r, c, &f->value, ' ');
    }
}

static void S_entry(S_rx *r, xmlNodePtr en, int after_conclusion)
{
    faq_doc *doc = r->doc;
    faq_entry *e = faq_doc_add_entry(doc);
    e->pos = S_pos(en);
    xmlChar *id = xmlGetProp(en, BAD_CAST "id");
    if (id) {
        const char *s = (const char *)id;
        while (S_is_space(*s)) s++;
        size_t n = strlen(s);
        while (n && S_is_space(s[n - 1])) n--;
        e->id = arena_strndup(&doc->mem, s, n);
        xmlFree(id);
    } else {
        char b[32];
        snprintf(b, sizeof b, "q-%zu", doc->nentries);
        e->id = arena_strndup(&doc->mem, b, strlen(b));
    }
    xmlChar *sec = xmlGetProp(en, BAD_CAST "section");
    if (sec) {
        e->section = arena_strndup(&doc->mem, (const char *)sec, strlen((const char *)sec));
        xmlFree(sec);
    }
    xmlChar *ac = xmlGetProp(en, BAD_CAST "after-conclusion");
    if (ac) {
        const char *s = (const char *)ac;
        while (S_is_space(*s)) s++;
        if (!strncmp(s, "true", 4) || *s == '1') after_conclusion = 1;
        xmlFree(ac);
    }
    e->after_conclusion = after_conclusion;
    int have_q = 0;
    for (xmlNodePtr c = en->children; c; c = c->next) {
        if (S_is(c, "question") && !have_q) {
            S_text(r, c, &e->question, ' ');
            e->pos = S_pos(c);
            have_q = 1;
        } else if (S_is(c, "answer")) {
            S_paras(r, c, &e->answer);
        } else if (S_is(c, "source")) {
            S_text(r, c, faq_paras_add(doc, &e->sources), '\n');
        }
    }
}

static void S_model(S_rx *r, xmlNodePtr root)
{
    faq_doc *doc = r->doc;
    int concluded = 0;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_is(c, "front")) {
            S_front(r, c);
        } else if (S_is(c, "title")) {
            if (!doc->title.s) S_text(r, c, &doc->title, '\n');
        } else if (S_is(c, "intro")) {
            S_paras(r, c, &doc->intro);
        } else if (S_is(c, "entry")) {
            S_entry(r, c, concluded);
        } else if (S_is(c, "conclusion")) {
            if (!concluded) doc->conclusion_pos = S_pos(c);
            for (xmlNodePtr p = c->children; p; p = p->next)
                if (S_is(p, "p")) {
                    if (!concluded) doc->conclusion_pos = S_pos(p);
                    concluded = 1;
                    break;
                }
            concluded = 1;
            S_paras(r, c, &doc->conclusion);
        }
    }
}

/* ------------------------------------------------------------------ entry point */

xmlDocPtr read_xml_tree(const source *src, const char *what, const char *rule, diag_list *d)
{
    xmlInitParser();
    /* A push parser, fed in chunks: libxml2 parsing one buffer of more than 10 MB from memory
       stops with "Huge input lookup" on ordinary content. */
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, src->path);
    if (!ctxt) {
        diag_add(d, src->path, 0, 0, SEV_ERROR, rule, "cannot create an XML parser")->fatal = 1;
        return NULL;
    }
    S_parse p;
    memset(&p, 0, sizeof p);
    p.src = src;
    ctxt->_private = &p;
    ctxt->sax->serror = S_parse_error;
    ctxt->sax->internalSubset = S_doctype;
    ctxt->sax->externalSubset = S_doctype;
    ctxt->sax->entityDecl = S_entity_decl;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    /* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER. No NOBLANKS either:
       whitespace is left as it is and the schema decides what may hold text. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
        XML_PARSE_IGNORE_ENC;
    xmlCtxtUseOptions(ctxt, opts);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    enum { CHUNK = 1 << 16 };
    size_t off = 0;
    do {
        size_t n = src->len - off < CHUNK ? src->len - off : CHUNK;
        int last = off + n >= src->len;
        xmlParseChunk(ctxt, src->data + off, (int)n, last);
        off += n;
    } while (off < src->len && !p.doctype && !p.have_err && ctxt->instate != XML_PARSER_EOF);
    xmlDocPtr x = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int wellformed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);

    if (p.doctype || (x && (x->intSubset || x->extSubset))) {
        unsigned line = 1, col = 1;
        source_linecol(src, p.doctype ? p.doctype_off : 0, &line, &col);
        diag_add(d, src->path, line, col, SEV_ERROR, rule,
                 "DOCTYPE declarations are not accepted in %s (entities and external files are "
                 "refused); remove the <!DOCTYPE …>",
                 what)
            ->fatal = 1;
        if (x) xmlFreeDoc(x);
        return NULL;
    }
    if (!x || !wellformed || p.have_err) {
        buf b;
        buf_init(&b);
        if (p.have_err)
            S_error_message(&p, &b);
        else
            buf_puts(&b, "not well-formed XML");
        unsigned line = p.err_line > 0 ? (unsigned)p.err_line : 1;
        unsigned col = p.err_col > 0 ? (unsigned)p.err_col : 1;
        diag_add(d, src->path, line, col, SEV_ERROR, rule, "%s", b.s)->fatal = 1;
        buf_free(&b);
        if (x) xmlFreeDoc(x);
        return NULL;
    }
    return x;
}

faq_doc *read_xml(const source *src, diag_list *d, xmlDocPtr *tree_out)
{
    *tree_out = NULL;
    xmlDocPtr x = read_xml_tree(src, "FAQ XML", "input", d);
    if (!x) return NULL;
    faq_doc *doc = faq_doc_new(src);
    S_rx r = {src, doc, 0};
    S_mark_all(&r, x);
    xmlNodePtr root = xmlDocGetRootElement(x);
    if (root && S_is(root, "faq")) S_model(&r, root);
    *tree_out = x;
    return doc;
}

/* ------------------------------------------------------------------ streamed: no tree */

/* FAQ XML read as a stream: the parser's SAX2 events build the model as they come and drive
   the schema validator (schema_sax), so no tree is ever built; the memory is the input, the
   model and the open elements. The model is the one read_xml gives (same texts, positions and
   directives). */

enum { S_MAX_ATTRS = 256 }; /* per element, namespace declarations included */

typedef enum {
    K_OTHER,
    K_ROOT,
    K_FRONT,
    K_FIELD,
    K_TITLE,
    K_INTRO,
    K_ENTRY,
    K_QUESTION,
    K_ANSWER,
    K_SOURCE,
    K_CONCL,
    K_PARA
} S_kind;

typedef struct S_frame {
    schema_elem x;
    S_kind kind;
    faq_paras *dest; /* K_PARA, K_SOURCE: where the text goes (in the intro, conclusion or entry) */
    char *key; /* K_FIELD */
    size_t text_from; /* its text in S_sx.txt starts here */
    int have_p; /* K_CONCL: a paragraph was met */
} S_frame;

typedef struct S_sx {
    S_parse p; /* first member: S_doctype and S_parse_error read ctxt->_private as S_parse */
    xmlParserCtxtPtr ctxt;
    faq_doc *doc;
    diag_list *vd; /* the validator's findings, kept until the XML proves well-formed */
    xmlSAXHandlerPtr vsax;
    void *vdata;
    S_frame *st;
    size_t n, cap;
    size_t collector; /* depth + 1 of the element whose whole text is being collected, or 0 */
    buf txt; /* the open elements' texts, one after the other */
    strset ids; /* entry ids seen: value = line of the first */
    int concluded; /* a conclusion was met (entries after it are after_conclusion) */
    int concl_first; /* inside the first conclusion, no paragraph yet */
    int have_q; /* the current entry has its question */
    size_t entry; /* index + 1 of the current entry, or 0 */
    S_frame none;
} S_sx;

static int S_collects(S_kind k)
{
    return k == K_FIELD || k == K_TITLE || k == K_QUESTION || k == K_SOURCE || k == K_PARA;
}

static const schema_elem *S_where(void *arg, const char *name)
{
    S_sx *x = arg;
    if (!x->n) return NULL;
    size_t k = x->n - 1;
    if (name)
        for (size_t i = x->n; i-- > 0;)
            if (!strcmp(x->st[i].x.name, name)) {
                k = i;
                break;
            }
    S_frame *f = &x->st[k];
    f->x.text = x->txt.s ? x->txt.s + f->text_from : NULL;
    return &f->x;
}

/* Source offset of the start tag whose '>' the parser is at (no '<' can stand inside a tag). */
static size_t S_tag_start(S_sx *x)
{
    size_t off = S_parser_off(x->ctxt, x->p.src);
    const char *d = x->p.src->data;
    while (off > 0 && d[off] != '<') off--;
    return off;
}

/* The value of attribute name (no namespace) among SAX2 attributes, trimmed; NULL when absent. */
static char *S_attr(const xmlChar **attrs, int n, const char *name, size_t *len)
{
    for (int k = 0; k < n; k++) {
        const xmlChar **a = attrs + 5 * k;
        if (strcmp((const char *)a[0], name)) continue;
        const char *s = (const char *)a[3], *e = (const char *)a[4];
        while (s < e && S_is_space(*s)) s++;
        while (e > s && S_is_space(e[-1])) e--;
        *len = (size_t)(e - s);
        return (char *)s;
    }
    return NULL;
}

static void S_sx_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                       int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                       const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_sx *x = ctxt->_private;
    faq_doc *doc = x->doc;
    if (x->n > xmlParserMaxDepth) { /* libxml2's limit, which its push parser does not check */
        if (!x->p.have_err) {
            unsigned line = 1, col = 1;
            source_linecol(x->p.src, S_tag_start(x), &line, &col);
            x->p.have_err = 1;
            x->p.err_line = (int)line;
            x->p.err_col = (int)col;
            x->p.err_code = XML_ERR_INTERNAL_ERROR;
            snprintf(x->p.err_msg, sizeof x->p.err_msg, "Excessive depth in document: %zu", x->n);
        }
        xmlStopParser(ctxt);
        return;
    }
    S_frame *parent = x->n ? &x->st[x->n - 1] : NULL;
    S_kind pk = parent ? parent->kind : K_OTHER;
    if (parent && !x->collector) x->txt.len = parent->text_from; /* its text so far is not needed */
    if (x->txt.s) x->txt.s[x->txt.len] = 0;
    XGROW(x->st, x->cap, x->n + 1);
    S_frame *f = &x->st[x->n++];
    memset(f, 0, sizeof *f);
    f->x.name = (const char *)localname;
    f->x.prefix = (const char *)prefix;
    f->x.uri = (const char *)URI;
    f->x.attrs = attributes;
    f->x.nattrs = nb_attributes;
    f->x.pos = S_tag_start(x);
    f->text_from = x->txt.len;
    const char *name = (const char *)localname;
    int plain = URI == NULL;
    S_kind k = K_OTHER;
    if (!parent) {
        if (plain && !strcmp(name, "faq")) k = K_ROOT;
    } else if (pk == K_ROOT && plain) {
        if (!strcmp(name, "front")) {
            k = K_FRONT;
            doc->has_front = 1;
        } else if (!strcmp(name, "title")) {
            if (!doc->title.s) k = K_TITLE;
        } else if (!strcmp(name, "intro")) {
            k = K_INTRO;
        } else if (!strcmp(name, "entry")) {
            k = K_ENTRY;
            faq_entry *e = faq_doc_add_entry(doc);
            x->entry = doc->nentries;
            x->have_q = 0;
            e->pos = f->x.pos;
            size_t n = 0;
            const char *id = S_attr(attributes, nb_attributes, "id", &n);
            if (id) {
                e->id = arena_strndup(&doc->mem, id, n);
                unsigned line = 1, col = 1;
                source_linecol(x->p.src, f->x.pos, &line, &col);
                struct strset_slot *first =
                    xmlValidateNCName(BAD_CAST e->id, 0) == 0 ? strset_put(&x->ids, e->id, n, line) : NULL;
                if (first) { /* as validating a tree reports it: the attribute as written */
                    const xmlChar **a = attributes;
                    while (strcmp((const char *)a[0], "id")) a += 5;
                    char *raw = xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
                    schema_dup_id(x->p.src, x->vd, f->x.pos, raw, (unsigned)first->value);
                    free(raw);
                }
            } else {
                char b[32];
                snprintf(b, sizeof b, "q-%zu", doc->nentries);
                e->id = arena_strndup(&doc->mem, b, strlen(b));
            }
            int after = x->concluded;
            const char *sec = S_attr(attributes, nb_attributes, "section", &n);
            if (sec) { /* libxml2 hands an '&' of an attribute over as "&#38;" */
                char *v = arena_strndup(&doc->mem, sec, n);
                size_t w = 0;
                for (size_t i = 0; i < n; i++) {
                    v[w++] = v[i];
                    if (v[i] == '&' && i + 4 < n && !memcmp(v + i + 1, "#38;", 4)) i += 4;
                }
                v[w] = 0;
                e->section = v;
            }
            const char *ac = S_attr(attributes, nb_attributes, "after-conclusion", &n);
            if (ac && ((n >= 4 && !strncmp(ac, "true", 4)) || (n && *ac == '1'))) after = 1;
            e->after_conclusion = after;
        } else if (!strcmp(name, "conclusion")) {
            k = K_CONCL;
            if (!x->concluded) {
                doc->conclusion_pos = f->x.pos;
                x->concl_first = 1;
            }
            x->concluded = 1;
        }
    } else if (pk == K_FRONT && plain) {
        size_t n = 0;
        if (!strcmp(name, "field")) {
            const char *kv = S_attr(attributes, nb_attributes, "name", &n);
            f->key = xstrndup(kv ? kv : "", kv ? n : 0);
            k = K_FIELD;
        } else if (!strcmp(name, "id") || !strcmp(name, "lang") || !strcmp(name, "url") || !strcmp(name, "modified")) {
            f->key = xstrdup(name);
            k = K_FIELD;
        }
    } else if ((pk == K_INTRO || pk == K_ANSWER || pk == K_CONCL) && plain && !strcmp(name, "p")) {
        k = K_PARA;
        f->dest = pk == K_INTRO ? &doc->intro : pk == K_CONCL ? &doc->conclusion : &doc->entries[x->entry - 1].answer;
        if (pk == K_CONCL && x->concl_first) {
            doc->conclusion_pos = f->x.pos;
            x->concl_first = 0;
        }
    } else if (pk == K_ENTRY && plain) {
        if (!strcmp(name, "question") && !x->have_q) {
            k = K_QUESTION;
            x->have_q = 1;
        } else if (!strcmp(name, "answer")) {
            k = K_ANSWER;
        } else if (!strcmp(name, "source")) {
            k = K_SOURCE;
            f->dest = &doc->entries[x->entry - 1].sources;
        }
    }
    f->kind = k;
    if (!x->collector && S_collects(k)) x->collector = x->n;
    if (x->vsax) {
        x->vsax->startElementNs(x->vdata, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes,
                                nb_defaulted, attributes);
        f = &x->st[x->n - 1];
    }
    f->x.attrs = NULL; /* they live only during this call */
    f->x.nattrs = 0;
}

static void S_sx_chars(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_sx *x = ctxt->_private;
    if (x->n) buf_put(&x->txt, (const char *)ch, (size_t)len);
    if (x->vsax) x->vsax->characters(x->vdata, ch, len);
}

static void S_sx_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_sx *x = ctxt->_private;
    if (x->vsax) x->vsax->endElementNs(x->vdata, localname, prefix, URI);
    if (!x->n) return;
    faq_doc *doc = x->doc;
    S_frame *f = &x->st[x->n - 1];
    const char *s = x->txt.s ? x->txt.s + f->text_from : "";
    size_t len = x->txt.len - f->text_from;
    if (x->collector == x->n) {
        faq_entry *e = x->entry ? &doc->entries[x->entry - 1] : NULL;
        switch (f->kind) {
        case K_FIELD: {
            XGROW(doc->fields, doc->capfields, doc->nfields + 1);
            faq_field *fl = &doc->fields[doc->nfields++];
            memset(fl, 0, sizeof *fl);
            S_literal(doc, &fl->key, f->key, f->x.pos);
            S_text_raw(doc, x->p.src, s, len, f->x.pos, &fl->value, ' ');
            break;
        }
        case K_TITLE: S_text_raw(doc, x->p.src, s, len, f->x.pos, &doc->title, '\n'); break;
        case K_QUESTION:
            S_text_raw(doc, x->p.src, s, len, f->x.pos, &e->question, ' ');
            e->pos = f->x.pos;
            break;
        case K_SOURCE:
        case K_PARA: S_text_raw(doc, x->p.src, s, len, f->x.pos, faq_paras_add(doc, f->dest), '\n'); break;
        default: break;
        }
        x->collector = 0;
    }
    if (!x->collector) x->txt.len = f->text_from; /* else part of the collected text */
    if (x->txt.s) x->txt.s[x->txt.len] = 0;
    if (f->kind == K_CONCL) x->concl_first = 0;
    if (f->kind == K_ENTRY) x->entry = 0;
    free(f->key);
    x->n--;
}

static void S_sx_comment(void *ctx, const xmlChar *value)
{
    xmlParserCtxtPtr ctxt = ctx;
    S_sx *x = ctxt->_private;
    const source *src = x->p.src;
    size_t off = S_parser_off(ctxt, src);
    while (off > 0 && !(src->data[off] == '<' && off + 4 <= src->len && !memcmp(src->data + off, "<!--", 4))) off--;
    const char *s = (const char *)value;
    unsigned line, col;
    source_linecol(src, off, &line, &col);
    faq_doc_add_directive(x->doc, s, strlen(s), line);
}

/* Elements with more attributes than S_MAX_ATTRS: libxml2 checks each attribute against all
   the others of its element, so that one element with 100,000 of them takes a minute. A scan
   of the bytes (tags, comments, CDATA, processing instructions) before parsing; returns 0, or
   -1 after adding a fatal diagnostic. */
static int S_attr_cap(const source *src, diag_list *d)
{
    const char *s = src->data, *end = src->data + src->len;
    const char *p = s;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        size_t left = (size_t)(end - p);
        if (left >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = p + 4;
            while (q && (q = memchr(q, '-', (size_t)(end - q))) != NULL &&
                   !((size_t)(end - q) >= 3 && !memcmp(q, "-->", 3)))
                q++;
            if (!q) return 0;
            p = q + 3;
        } else if (left >= 9 && !memcmp(p, "<![CDATA[", 9)) {
            const char *q = p + 9;
            while (q && (q = memchr(q, ']', (size_t)(end - q))) != NULL &&
                   !((size_t)(end - q) >= 3 && !memcmp(q, "]]>", 3)))
                q++;
            if (!q) return 0;
            p = q + 3;
        } else if (left >= 2 && p[1] == '!') {
            return 0; /* a DOCTYPE: refused by the parser */
        } else if (left >= 2 && p[1] == '?') {
            const char *q = p + 2;
            while (q && (q = memchr(q, '?', (size_t)(end - q))) != NULL && !((size_t)(end - q) >= 2 && q[1] == '>'))
                q++;
            if (!q) return 0;
            p = q + 2;
        } else {
            const char *tag = p;
            size_t natt = 0;
            char quote = 0;
            for (p++; p < end; p++) {
                if (quote) {
                    const char *q = memchr(p, quote, (size_t)(end - p));
                    if (!q) return 0;
                    p = q;
                    quote = 0;
                } else if (*p == '"' || *p == '\'') {
                    quote = *p;
                } else if (*p == '=') {
                    natt++;
                } else if (*p == '>' || *p == '<') {
                    break;
                }
            }
            if (natt > S_MAX_ATTRS) {
                const char *n = tag + 1, *ne = n;
                while (ne < end && ne - n < 64 && !S_is_space(*ne) && *ne != '/' && *ne != '>') ne++;
                unsigned line = 1, col = 1;
                source_linecol(src, (size_t)(tag - s), &line, &col);
                diag_add(d, src->path, line, col, SEV_ERROR, "input",
                         "<%.*s> has %zu attributes: FAQ XML allows %d on one element (namespace declarations "
                         "included; the schema needs at most two): remove them",
                         (int)(ne - n), n, natt, S_MAX_ATTRS)
                    ->fatal = 1;
                return -1;
            }
            if (p < end && *p == '>') p++;
        }
    }
    return 0;
}

faq_doc *read_xml_validated(const source *src, const faq_schema *schema, diag_list *d, int *invalid)
{
    *invalid = 0;
    if (S_attr_cap(src, d) != 0) return NULL;
    xmlInitParser();
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = S_sx_start;
    sax.endElementNs = S_sx_end;
    sax.characters = S_sx_chars;
    sax.ignorableWhitespace = S_sx_chars;
    sax.cdataBlock = S_sx_chars;
    sax.comment = S_sx_comment;
    sax.internalSubset = S_doctype;
    sax.externalSubset = S_doctype;
    sax.entityDecl = S_entity_decl;
    sax.serror = S_parse_error;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, src->path);
    if (!ctxt) {
        diag_add(d, src->path, 0, 0, SEV_ERROR, "input", "cannot create an XML parser")->fatal = 1;
        return NULL;
    }
    S_sx x;
    memset(&x, 0, sizeof x);
    x.p.src = src;
    x.ctxt = ctxt;
    x.doc = faq_doc_new(src);
    diag_list vd;
    diag_list_init(&vd);
    x.vd = &vd;
    buf_init(&x.txt);
    ctxt->_private = &x;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    schema_sax *v = schema ? schema_sax_begin(schema, src, &vd, S_where, &x, &x.vsax, &x.vdata) : NULL;
    if (schema && !v) diag_add(d, src->path, 0, 0, SEV_ERROR, "schema", "cannot create a schema validation context");
    /* as read_xml: never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER */
    xmlCtxtUseOptions(ctxt,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                          XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    enum { CHUNK = 1 << 16 };
    size_t off = 0;
    do {
        size_t n = src->len - off < CHUNK ? src->len - off : CHUNK;
        xmlParseChunk(ctxt, src->data + off, (int)n, off + n >= src->len);
        off += n;
    } while (off < src->len && !x.p.doctype && !x.p.have_err && ctxt->instate != XML_PARSER_EOF);
    int wellformed = ctxt->wellFormed;
    int nerr = v ? schema_sax_end(v) : 0;
    xmlFreeParserCtxt(ctxt);
    for (size_t i = 0; i < x.n; i++) free(x.st[i].key);
    free(x.st);
    buf_free(&x.txt);
    strset_free(&x.ids);
    faq_doc *doc = x.doc;
    S_parse *p = &x.p;
    if (p->doctype) {
        unsigned line = 1, col = 1;
        source_linecol(src, p->doctype_off, &line, &col);
        diag_add(d, src->path, line, col, SEV_ERROR, "input",
                 "DOCTYPE declarations are not accepted in FAQ XML (entities and external files are "
                 "refused); remove the <!DOCTYPE …>")
            ->fatal = 1;
    } else if (!wellformed || p->have_err) {
        buf b;
        buf_init(&b);
        if (p->have_err)
            S_error_message(p, &b);
        else
            buf_puts(&b, "not well-formed XML");
        unsigned line = p->err_line > 0 ? (unsigned)p->err_line : 1;
        unsigned col = p->err_col > 0 ? (unsigned)p->err_col : 1;
        diag_add(d, src->path, line, col, SEV_ERROR, "input", "%s", b.s)->fatal = 1;
        buf_free(&b);
    } else {
        size_t ndup = vd.n;
        diag_move(d, &vd);
        diag_list_free(&vd);
        *invalid = nerr > 0 || ndup > 0 || !v;
        return doc;
    }
    diag_list_free(&vd);
    faq_doc_free(doc);
    return NULL;
}
