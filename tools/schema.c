/* schema: compile the built-in schema/faq.xsd once, validate trees, map errors to source positions. */
#include "schema.h"
#include "buf.h"
#include "embedded.h"
#include "strset.h"
#include "xalloc.h"
#include "xml_build.h"
#include "xml_write.h"
#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct faq_schema {
    xmlSchemaPtr xsd;
};

/* ------------------------------------------------------------------ compiling */

typedef struct S_load_ctx {
    diag_list *d;
    int reported;
} S_load_ctx;

static void S_load_error(void *data, xmlErrorPtr err)
{
    S_load_ctx *c = data;
    if (!err || err->level < XML_ERR_ERROR || c->reported) return;
    c->reported = 1;
    size_t n = err->message ? strlen(err->message) : 0;
    while (n && (err->message[n - 1] == '\n' || err->message[n - 1] == ' ')) n--;
    diag_add(c->d, "faq.xsd", err->line > 0 ? (unsigned)err->line : 0, 0, SEV_ERROR, "schema",
             "the built-in schema does not compile: %.*s", (int)n, err->message ? err->message : "");
}

faq_schema *schema_load(diag_list *d)
{
    xmlInitParser();
    const embedded_file *f = embedded_get("faq.xsd");
    if (!f) {
        diag_add(d, "faq.xsd", 0, 0, SEV_ERROR, "schema", "the built-in schema faq.xsd is missing");
        return NULL;
    }
    S_load_ctx lc = {d, 0};
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(f->data, (int)f->len);
    if (!pc) {
        diag_add(d, "faq.xsd", 0, 0, SEV_ERROR, "schema", "cannot read the built-in schema faq.xsd");
        return NULL;
    }
    xmlSchemaSetParserStructuredErrors(pc, S_load_error, &lc);
    xmlSchemaPtr xsd = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!xsd) {
        if (!lc.reported)
            diag_add(d, "faq.xsd", 0, 0, SEV_ERROR, "schema", "the built-in schema faq.xsd does not compile");
        return NULL;
    }
    faq_schema *s = xmalloc(sizeof *s);
    s->xsd = xsd;
    return s;
}

void schema_free(faq_schema *s)
{
    if (!s) return;
    xmlSchemaFree(s->xsd);
    free(s);
}

/* ------------------------------------------------------------------ validating */

typedef struct S_val_ctx {
    xmlDocPtr tree; /* tree validation; NULL when streamed */
    const source *src;
    diag_list *d;
    int nerr;
} S_val_ctx;

/* The element an error is about: a tree's node, or (streamed) the element xml_write wrote. */
typedef struct S_el {
    xmlNodePtr node;
    const xml_elem *e;
    const schema_elem *x; /* or the element the XML reader is at */
} S_el;

static const char *S_el_name(S_el el)
{
    return el.node ? (const char *)el.node->name : el.e ? el.e->name : el.x ? el.x->name : NULL;
}

static const char *S_el_prefix(S_el el)
{
    if (el.node) return el.node->ns && el.node->ns->prefix ? (const char *)el.node->ns->prefix : NULL;
    return el.x ? el.x->prefix : NULL;
}

static const char *S_el_uri(S_el el)
{
    if (el.node) return el.node->ns && el.node->ns->href ? (const char *)el.node->ns->href : NULL;
    return el.x ? el.x->uri : NULL;
}

/* The element's text (aname empty) or attribute aname, as the tree holds it; owned (free()),
   or NULL. */
static char *S_el_value(S_el el, const char *aname)
{
    if (el.node) {
        xmlChar *v = aname[0] ? xmlGetProp(el.node, BAD_CAST aname) : xmlNodeGetContent(el.node);
        char *s = v ? xstrdup((const char *)v) : NULL;
        if (v) xmlFree(v);
        return s;
    }
    if (el.x) { /* as xmlGetProp (the first attribute of that name, whatever its namespace) */
        if (!aname[0]) return el.x->text ? xstrdup(el.x->text) : NULL;
        for (int k = 0; k < el.x->nattrs; k++) {
            const xmlChar *const *a = el.x->attrs + 5 * k;
            if (!strcmp((const char *)a[0], aname)) return xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
        }
        return NULL;
    }
    if (!el.e) return NULL;
    buf b;
    buf_init(&b);
    if (aname[0]) {
        const char *v = NULL;
        for (int k = 0; k < 3 && el.e->attr[k][0] && !v; k++)
            if (!strcmp(el.e->attr[k][0], aname)) v = el.e->attr[k][1] ? el.e->attr[k][1] : "";
        if (!v) {
            buf_free(&b);
            return NULL;
        }
        xml_safe_text(&b, v, strlen(v));
    } else if (el.e->text && el.e->text->s) {
        xml_safe_text(&b, el.e->text->s, el.e->text->len);
    }
    return buf_detach(&b);
}

/* Nearest element at or above node. */
static xmlNodePtr S_element(xmlNodePtr node)
{
    while (node && node->type != XML_ELEMENT_NODE) {
        if (node->type == XML_DOCUMENT_NODE) return NULL;
        node = node->parent;
    }
    return node;
}

/* Source line:col of node: its _private offset, an ancestor's, or its line in the XML. */
static void S_node_pos(const S_val_ctx *c, xmlNodePtr node, int fallback_line, unsigned *line, unsigned *col)
{
    for (xmlNodePtr e = S_element(node); e; e = S_element(e->parent)) {
        size_t pos = XML_BUILD_POS(e);
        if (pos && c->src && pos - 1 <= c->src->len) {
            source_linecol(c->src, pos - 1, line, col);
            return;
        }
    }
    long l = 0;
    xmlNodePtr e = S_element(node);
    if (e) l = xmlGetLineNo(e);
    if (l <= 0) l = fallback_line;
    *line = l > 0 ? (unsigned)l : 1;
    *col = 1;
}

/* Appends a short quotation of s: at most max code points, each run of white space shown as one space. */
static void S_quote(buf *b, const char *s, size_t max)
{
    buf_putc(b, '\'');
    size_t cps = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            if (cps == max) {
                buf_puts(b, "…");
                break;
            }
            cps++;
        }
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
            while (p[1] == '\n' || p[1] == '\r' || p[1] == '\t' || p[1] == ' ') p++;
            buf_putc(b, ' ');
        } else {
            buf_putc(b, (char)*p);
        }
    }
    buf_putc(b, '\'');
}

static int S_blank(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\r\n", *s)) return 0;
    return 1;
}

/* Parses libxml2's "Element 'E'[, attribute 'A']: REST" into its parts. */
static const char *S_split(const char *msg, char *el, size_t elsz, char *at, size_t atsz)
{
    el[0] = at[0] = 0;
    if (strncmp(msg, "Element '", 9)) return msg;
    const char *p = msg + 9, *q = strchr(p, '\'');
    if (!q) return msg;
    snprintf(el, elsz, "%.*s", (int)(q - p), p);
    p = q + 1;
    if (!strncmp(p, ", attribute '", 13)) {
        p += 13;
        q = strchr(p, '\'');
        if (!q) return msg;
        snprintf(at, atsz, "%.*s", (int)(q - p), p);
        p = q + 1;
    }
    if (*p == ':') p++;
    while (*p == ' ') p++;
    return p;
}

/* The "Expected is ( a, b )." list of a content model error, as "a, b", or "". */
static void S_expected(const char *rest, char *out, size_t outsz)
{
    out[0] = 0;
    const char *p = strstr(rest, "Expected is");
    if (!p) return;
    p = strchr(p, '(');
    if (!p) return;
    p++;
    while (*p == ' ') p++;
    const char *q = strchr(p, ')');
    if (!q) return;
    while (q > p && q[-1] == ' ') q--;
    snprintf(out, outsz, "%.*s", (int)(q - p), p);
}

static int S_has(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == 0 || p[n] == ',')) return 1;
    return 0;
}

/* Rewrites one libxml2 validation message into a user message in b. */
static void S_rewrite(const S_val_ctx *c, xmlErrorPtr err, S_el el, buf *b, const char **echo_of)
{
    const char *msg = err->message ? err->message : "";
    char ename[128], aname[128], expected[256];
    const char *rest = S_split(msg, ename, sizeof ename, aname, sizeof aname);
    S_expected(rest, expected, sizeof expected);
    char *value = S_el_value(el, aname);
    const char *v = value ? value : "";
    xmlNodePtr node = el.node;
    const char *el_name = S_el_name(el);
    /* nonEmptyText is a minLength on collapsed white space; questionText a pattern */
    int pattern = strstr(rest, "[facet 'pattern']") != NULL || strstr(rest, "[facet 'minLength']") != NULL;
    int atomic = strstr(rest, "is not a valid value of") != NULL;
    int missing = !strncmp(rest, "Missing child element(s)", 24);
    int unexpected = strstr(rest, "This element is not expected") != NULL;

    if ((missing || unexpected) && S_has(expected, "title")) {
        buf_puts(b, "the FAQ has no title: its first paragraph (<title> in XML) is the title");
    } else if (missing && !strcmp(ename, "answer")) {
        buf_puts(b, "the answer is empty: write at least one paragraph under the question");
        *echo_of = "missing-answer";
    } else if (missing && (!strcmp(ename, "intro") || !strcmp(ename, "conclusion"))) {
        buf_printf(b, "the %s is empty: it needs at least one paragraph", ename);
    } else if (missing && !strcmp(ename, "entry")) {
        buf_printf(b, "the entry is incomplete: it needs a %s", S_has(expected, "question") ? "question" : "answer");
    } else if (missing) {
        buf_printf(b, "<%s> is incomplete: expected %s", ename, expected[0] ? expected : "more content");
    } else if (unexpected) {
        if (S_el_prefix(el) && el_name)
            buf_printf(b, "unexpected element <%s:%s> here", S_el_prefix(el), el_name);
        else if (el_name)
            buf_printf(b, "unexpected element <%s> here", el_name);
        else
            buf_printf(b, "unexpected element <%s> here", ename);
        if (expected[0])
            buf_printf(b, " (expected: %s)", expected);
        else
            buf_puts(b, " (nothing more is allowed in this element)");
        if (S_el_uri(el) && !strcmp(S_el_uri(el), "http://www.w3.org/2001/XInclude"))
            buf_puts(b, "; XInclude is not processed");
    } else if (!strcmp(ename, "question") && !aname[0] && (pattern || atomic)) {
        if (S_blank(v))
            buf_puts(b, "the question is empty");
        else if (strpbrk(v, "\r\n")) {
            buf_puts(b, "the question must be on one line: ");
            S_quote(b, v, 60);
        } else {
            buf_puts(b, "the question must end with '?': ");
            S_quote(b, v, 60);
        }
    } else if (!strcmp(ename, "title") && !aname[0] && (pattern || atomic)) {
        buf_puts(b, "the title is empty");
    } else if (!strcmp(ename, "p") && !aname[0] && (pattern || atomic)) {
        buf_puts(b, "the paragraph is empty");
    } else if (!strcmp(ename, "source") && !aname[0] && (pattern || atomic)) {
        buf_puts(b, "the source is empty: give a URL or a citation");
    } else if (strstr(rest, "Element content is not allowed, because the type definition is simple")) {
        buf_printf(b, "<%s> holds text only: remove the markup inside it", ename);
    } else if (strstr(rest, "Element content is not allowed, because the content type is a simple type")) {
        buf_printf(b, "<%s> holds text only: remove the markup inside it", ename);
    } else if (!strcmp(ename, "entry") && !strcmp(aname, "id") && atomic) {
        if (xmlValidateNCName(BAD_CAST v, 0) == 0) {
            buf_puts(b, "duplicate entry id ");
            S_quote(b, v, 60);
            xmlAttrPtr first = c->tree ? xmlGetID(c->tree, BAD_CAST v) : NULL;
            if (first && first->parent && first->parent != node) {
                unsigned l, col;
                S_node_pos(c, first->parent, 0, &l, &col);
                buf_printf(b, " (first used on line %u)", l);
            }
            buf_puts(b, ": entry ids must be unique");
        } else {
            buf_puts(b, "entry id ");
            S_quote(b, v, 60);
            buf_puts(b, " is not a valid id: use letters, digits, '-', '_' or '.', starting with a letter");
        }
    } else if (!strcmp(ename, "modified") && !aname[0] && (atomic || pattern)) {
        S_quote(b, v, 60);
        buf_puts(b, " is not a valid date: write YYYY-MM-DD or YYYY-MM-DDThh:mm:ss (with an optional time zone)");
    } else if (!strcmp(ename, "url") && !aname[0] && (atomic || pattern)) {
        S_quote(b, v, 60);
        buf_puts(b,
                 " is not a valid URL: write an absolute http:// or https:// address in ASCII without spaces "
                 "(percent-encode other characters)");
    } else if (!strcmp(ename, "lang") && !aname[0] && atomic) {
        S_quote(b, v, 60);
        buf_puts(b, " is not a valid language tag: write one such as en or en-GB");
    } else if (!strcmp(ename, "id") && !aname[0] && (atomic || pattern)) {
        buf_puts(b, "the FAQ id ");
        S_quote(b, v, 60);
        buf_puts(b, " is not a valid id: use letters, digits, '-', '_' or '.', starting with a letter");
    } else if (!strcmp(ename, "entry") && !strcmp(aname, "after-conclusion") && atomic) {
        buf_puts(b, "after-conclusion must be true or false, not ");
        S_quote(b, v, 20);
    } else if (!strcmp(ename, "field") && !strcmp(aname, "name")) {
        buf_puts(b, "a front matter field needs a non-empty name");
    } else if (!strcmp(ename, "faq") && !strcmp(aname, "version")) {
        buf_puts(b, "the faq element needs version=\"1\"");
    } else if (strstr(rest, "The attribute '") && strstr(rest, "is required but missing")) {
        const char *a = strstr(rest, "The attribute '") + 15;
        const char *q = strchr(a, '\'');
        int an = q ? (int)(q - a) : 0;
        if (!strcmp(ename, "faq") && an == 7 && !strncmp(a, "version", 7))
            buf_puts(b, "the faq element needs version=\"1\"");
        else if (!strcmp(ename, "entry") && an == 2 && !strncmp(a, "id", 2))
            buf_puts(b, "the entry has no id attribute: give it a unique id such as id=\"what-is-smp\"");
        else if (!strcmp(ename, "field") && an == 4 && !strncmp(a, "name", 4))
            buf_puts(b, "a front matter field needs a non-empty name");
        else
            buf_printf(b, "<%s> needs the attribute '%.*s'", ename, an, a);
    } else if (aname[0] && strstr(rest, "is not allowed")) {
        buf_printf(b, "the attribute '%s' is not allowed on <%s>", aname, ename);
    } else if (strstr(msg, "No matching global declaration available for the validation root")) {
        buf_printf(b, "the root element must be <faq>, not <%s>", el_name ? el_name : "?");
    }
    if (b->len == 0) { /* fallback: libxml2's own text, trimmed and bounded */
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
        size_t cut = n > 300 ? 300 : n;
        while (cut < n && cut > 0 && ((unsigned char)msg[cut] & 0xC0) == 0x80) cut--;
        buf_put(b, msg, cut);
        if (cut < n) buf_puts(b, "…");
    }
    free(value);
}

static void S_val_error(void *data, xmlErrorPtr err)
{
    S_val_ctx *c = data;
    if (!err || err->level < XML_ERR_ERROR) return;
    xmlNodePtr node = err->node;
    if (node && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
    xmlNodePtr el = S_element(node);
    unsigned line = 0, col = 0;
    S_node_pos(c, el, err->line, &line, &col);
    buf b;
    buf_init(&b);
    const char *echo_of = NULL;
    S_el view = {el, NULL, NULL};
    S_rewrite(c, err, view, &b, &echo_of);
    diag_add(c->d, c->src ? c->src->path : "", line, col, SEV_ERROR, "schema", "%s", b.s ? b.s : "")->echo_of = echo_of;
    buf_free(&b);
    c->nerr++;
}

int schema_validate(const faq_schema *s, xmlDocPtr tree, const source *src, diag_list *d)
{
    const char *path = src ? src->path : "";
    if (!s || !tree) {
        diag_add(d, path, 0, 0, SEV_ERROR, "schema", "no schema or no document to validate");
        return -1;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->xsd);
    if (!vc) {
        diag_add(d, path, 0, 0, SEV_ERROR, "schema", "cannot create a schema validation context");
        return -1;
    }
    S_val_ctx c = {tree, src, d, 0};
    xmlSchemaSetValidStructuredErrors(vc, S_val_error, &c);
    /* Without a URL: libxml2 raises each error with the document's URL as its file, and to
       find it walks back over every node before the one in error (looking for an XInclude
       start), so that n errors cost n passes over the document. Positions come from the
       source offsets in the nodes (S_node_pos), never from the error's file. */
    xmlChar *url = (xmlChar *)tree->URL;
    tree->URL = NULL;
    int rc = xmlSchemaValidateDoc(vc, tree);
    tree->URL = url;
    xmlSchemaFreeValidCtxt(vc);
    if (rc < 0) {
        diag_add(d, path, 0, 0, SEV_ERROR, "schema", "schema validation failed (libxml2 internal error %d)", rc);
        return -1;
    }
    if (rc > 0 && c.nerr == 0) { /* invalid but nothing reported: never pass silently */
        diag_add(d, path, 1, 1, SEV_ERROR, "schema", "the document does not match the FAQ schema");
        c.nerr = 1;
    }
    return c.nerr;
}

/* ------------------------------------------------------------------ validating the model, streamed */

/* The validator is driven with the SAX events a parser of the model's XML would give
   (xmlSchemaSAXPlug without a parser: its handlers are called straight from xml_walk), so no
   tree is built and no XML is written or parsed. An error is then always about the element
   being started or ended, known with its source position and text. */

typedef struct S_stream {
    S_val_ctx c;
    int clean; /* the model holds no character XML forbids: nothing to make safe */
    xmlSAXHandlerPtr sax; /* the validator's handlers */
    void *sax_data;
    const xml_elem *cur; /* the element an error now is about */
    buf tmp; /* XML-safe text and attribute values */
    buf vals;
} S_stream;

static void S_stream_error(void *data, xmlErrorPtr err)
{
    S_stream *st = data;
    if (!err || err->level < XML_ERR_ERROR) return;
    const S_val_ctx *c = &st->c;
    unsigned line = 1, col = 1;
    if (c->src && st->cur)
        source_linecol(c->src, st->cur->pos <= c->src->len ? st->cur->pos : c->src->len, &line, &col);
    buf b;
    buf_init(&b);
    const char *echo_of = NULL;
    S_el view = {NULL, st->cur, NULL};
    S_rewrite(c, err, view, &b, &echo_of);
    diag_add(c->d, c->src ? c->src->path : "", line, col, SEV_ERROR, "schema", "%s", b.s ? b.s : "")->echo_of = echo_of;
    buf_free(&b);
    st->c.nerr++;
}

static void S_ev_start(void *arg, const xml_elem *e)
{
    S_stream *st = arg;
    st->cur = e;
    /* attributes as SAX2 gives them: localname, prefix, URI, value, end of value */
    const xmlChar *attrs[3 * 5];
    size_t off[3];
    int na = 0;
    size_t len[3];
    const char *plain[3];
    buf_reset(&st->vals);
    for (int k = 0; k < 3 && e->attr[k][0]; k++, na++) {
        const char *v = e->attr[k][1] ? e->attr[k][1] : "";
        size_t n = strlen(v);
        plain[k] = NULL;
        if (st->clean || !xml_needs_safe(v, n)) { /* as it is */
            plain[k] = v;
            len[k] = n;
            continue;
        }
        off[k] = st->vals.len;
        xml_safe_text(&st->vals, v, n);
        len[k] = st->vals.len - off[k];
        buf_putc(&st->vals, '\0');
    }
    for (int k = 0; k < na; k++) {
        const xmlChar *v = BAD_CAST(plain[k] ? plain[k] : st->vals.s + off[k]);
        attrs[5 * k] = BAD_CAST e->attr[k][0];
        attrs[5 * k + 1] = NULL;
        attrs[5 * k + 2] = NULL;
        attrs[5 * k + 3] = v;
        attrs[5 * k + 4] = v + len[k];
    }
    st->sax->startElementNs(st->sax_data, BAD_CAST e->name, NULL, NULL, 0, NULL, na, 0, attrs);
}

static void S_ev_text(void *arg, const xml_elem *e, const char *s, size_t n)
{
    S_stream *st = arg;
    st->cur = e;
    if (!st->clean && xml_needs_safe(s, n)) {
        buf_reset(&st->tmp);
        xml_safe_text(&st->tmp, s, n);
        s = st->tmp.s;
        n = st->tmp.len;
    }
    while (n) {
        int k = n > (size_t)1 << 30 ? 1 << 30 : (int)n;
        st->sax->characters(st->sax_data, BAD_CAST s, k);
        s += k;
        n -= (size_t)k;
    }
}

static void S_ev_end(void *arg, const xml_elem *e)
{
    S_stream *st = arg;
    st->cur = e;
    st->sax->endElementNs(st->sax_data, BAD_CAST e->name, NULL, NULL);
}

/* Whether the entries' ids are distinct: a streamed validation does not check xs:ID's
   uniqueness (it needs a tree), so the tree validates a model where two share one. */
static int S_ids_unique(const faq_doc *doc)
{
    strset ids = {0};
    char(*made)[32] = NULL;
    size_t nmade = 0;
    int ok = 1;
    for (size_t i = 0; i < doc->nentries && ok; i++) {
        const faq_entry *e = &doc->entries[i];
        const char *id = e->id;
        if (!id) { /* made up as xml_walk does: kept until the set is freed */
            if (!made) made = xcalloc(doc->nentries, sizeof *made);
            snprintf(made[nmade], sizeof made[nmade], "q-%zu", i + 1);
            id = made[nmade++];
        }
        if (strset_put(&ids, id, strlen(id), i)) ok = 0;
    }
    strset_free(&ids);
    free(made);
    return ok;
}

/* The streamed validation; -2 when it could not run (nothing added to d then). */
static int S_validate_stream(const faq_schema *s, const faq_doc *doc, const source *src, diag_list *d)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->xsd);
    if (!vc) return -2;
    S_stream st;
    memset(&st, 0, sizeof st);
    st.c = (S_val_ctx){NULL, src, d, 0};
    st.clean = doc->xml_clean;
    xmlSchemaSetValidStructuredErrors(vc, S_stream_error, &st);
    xmlSAXHandlerPtr sax = NULL; /* none of our own: the plug gives the validator's handlers */
    void *data = NULL;
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(vc, &sax, &data);
    int rc = -2;
    if (plug && sax && sax->startElementNs && sax->endElementNs && sax->characters) {
        st.sax = sax;
        st.sax_data = data;
        buf_init(&st.tmp);
        buf_init(&st.vals);
        xml_events ev = {S_ev_start, S_ev_text, S_ev_end, &st, NULL};
        xml_walk(doc, &ev);
        st.cur = NULL;
        rc = xmlSchemaIsValid(vc) > 0 ? 0 : 1;
        buf_free(&st.tmp);
        buf_free(&st.vals);
    }
    if (plug) xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(vc);
    if (rc < 0) return -2;
    if (rc > 0 && st.c.nerr == 0) { /* invalid but nothing reported: never pass silently */
        diag_add(d, src ? src->path : "", 1, 1, SEV_ERROR, "schema", "the document does not match the FAQ schema");
        st.c.nerr = 1;
    }
    return st.c.nerr;
}

int schema_validate_model(const faq_schema *s, const faq_doc *doc, const source *src, diag_list *d)
{
    if (s && doc && (doc->ids_unique || S_ids_unique(doc))) {
        int rc = S_validate_stream(s, doc, src, d);
        if (rc != -2) return rc;
    }
    xmlDocPtr tree = xml_build(doc);
    int rc = schema_validate(s, tree, src, d);
    xml_build_free(tree);
    return rc;
}

/* ------------------------------------------------------------------ validating XML input, streamed */

struct schema_sax {
    S_val_ctx c;
    schema_where_fn where;
    void *arg;
    xmlSchemaValidCtxtPtr vc;
    xmlSchemaSAXPlugPtr plug;
};

static void S_sax_error(void *data, xmlErrorPtr err)
{
    schema_sax *v = data;
    if (!err || err->level < XML_ERR_ERROR) return;
    char ename[128], aname[128];
    S_split(err->message ? err->message : "", ename, sizeof ename, aname, sizeof aname);
    const char *local = ename[0] == '{' && strchr(ename, '}') ? strchr(ename, '}') + 1 : ename;
    const schema_elem *x = v->where(v->arg, local[0] ? local : NULL);
    unsigned line = 1, col = 1;
    if (x && v->c.src) source_linecol(v->c.src, x->pos <= v->c.src->len ? x->pos : v->c.src->len, &line, &col);
    buf b;
    buf_init(&b);
    const char *echo_of = NULL;
    S_el view = {NULL, NULL, x};
    S_rewrite(&v->c, err, view, &b, &echo_of);
    diag_add(v->c.d, v->c.src ? v->c.src->path : "", line, col, SEV_ERROR, "schema", "%s", b.s ? b.s : "")->echo_of =
        echo_of;
    buf_free(&b);
    v->c.nerr++;
}

schema_sax *schema_sax_begin(const faq_schema *s, const source *src, diag_list *d, schema_where_fn where, void *arg,
                             xmlSAXHandlerPtr *sax, void **data)
{
    if (!s) return NULL;
    schema_sax *v = xcalloc(1, sizeof *v);
    v->c = (S_val_ctx){NULL, src, d, 0};
    v->where = where;
    v->arg = arg;
    v->vc = xmlSchemaNewValidCtxt(s->xsd);
    if (v->vc) {
        xmlSchemaSetValidStructuredErrors(v->vc, S_sax_error, v);
        *sax = NULL; /* none of our own: the plug gives the validator's handlers */
        *data = NULL;
        v->plug = xmlSchemaSAXPlug(v->vc, sax, data);
    }
    if (!v->plug || !*sax || !(*sax)->startElementNs || !(*sax)->endElementNs || !(*sax)->characters) {
        if (v->plug) xmlSchemaSAXUnplug(v->plug);
        if (v->vc) xmlSchemaFreeValidCtxt(v->vc);
        free(v);
        return NULL;
    }
    return v;
}

int schema_sax_end(schema_sax *v)
{
    int invalid = xmlSchemaIsValid(v->vc) <= 0;
    xmlSchemaSAXUnplug(v->plug);
    xmlSchemaFreeValidCtxt(v->vc);
    int n = v->c.nerr;
    if (invalid && n == 0) { /* invalid but nothing reported: never pass silently */
        diag_add(v->c.d, v->c.src ? v->c.src->path : "", 1, 1, SEV_ERROR, "schema",
                 "the document does not match the FAQ schema");
        n = 1;
    }
    free(v);
    return n;
}

void schema_dup_id(const source *src, diag_list *d, size_t pos, const char *value, unsigned first_line)
{
    unsigned line = 1, col = 1;
    if (src) source_linecol(src, pos <= src->len ? pos : src->len, &line, &col);
    buf b;
    buf_init(&b);
    buf_puts(&b, "duplicate entry id ");
    S_quote(&b, value, 60);
    if (first_line) buf_printf(&b, " (first used on line %u)", first_line);
    buf_puts(&b, ": entry ids must be unique");
    diag_add(d, src ? src->path : "", line, col, SEV_ERROR, "schema", "%s", b.s);
    buf_free(&b);
}
