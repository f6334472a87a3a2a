/* html_page: the FAQPage structured data of a page (JSON-LD with jansson, and microdata),
   with the problems Google's FAQPage profile finds in it. */
#include "html_page.h"
#include "buf.h"
#include "strset.h"
#include "utf8.h"
#include "xalloc.h"
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <string.h>

enum { S_MAX_DEPTH = 200, S_JSON_DEPTH = 64 };

static int S_name(const xmlNode *n, const char *name) { return n && n->name && !strcmp((const char *)n->name, name); }

static const char *S_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, name) && a->children && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static void S_issue(html_page *p, html_issue_kind k, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void S_issue(html_page *p, html_issue_kind k, size_t pos, const char *fmt, ...)
{
    XGROW(p->issues, p->capissues, p->nissues + 1);
    html_issue *i = &p->issues[p->nissues++];
    i->kind = k;
    i->pos = i->block = pos;
    buf b;
    buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    i->msg = buf_detach(&b);
}

/* ------------------------------------------------------------------ text of HTML */

static int S_blank(const char *c, size_t *n)
{
    unsigned char u = (unsigned char)c[0];
    if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f') return (*n = 1);
    if (u == 0xC2 && (unsigned char)c[1] == 0xA0) return (*n = 2) != 0;
    return 0;
}

static void S_put_text(buf *b, const char *s) /* white space collapsed to one blank */
{
    while (*s) {
        size_t n;
        if (S_blank(s, &n)) {
            if (b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
            s += n;
            continue;
        }
        buf_putc(b, *s++);
    }
}

static const char *const S_allowed[] = {"h1", "h2", "h3", "h4",  "h5", "h6",     "br", "ol", "ul",
                                        "li", "a",  "p",  "div", "b",  "strong", "i",  "em"};

static const char *S_disallowed_name(const char *name)
{
    for (size_t i = 0; i < sizeof S_allowed / sizeof *S_allowed; i++)
        if (!strcmp(name, S_allowed[i])) return NULL;
    static const char *const known[] = {"span",   "img",        "table", "script", "style", "iframe",  "pre",
                                        "code",   "blockquote", "u",     "sup",    "sub",   "section", "figure",
                                        "button", "form",       "input", "hr",     "dl",    "dt",      "dd",
                                        "small",  "mark",       "svg",   "video"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(name, known[i])) return known[i];
    return "an element outside the list";
}

static const char *S_disallowed(const xmlNode *n) { return n->name ? S_disallowed_name((const char *)n->name) : NULL; }

static int S_inline_name(const char *name) /* no word break around it */
{
    static const char *const names[] = {"a",    "b",    "strong", "i",    "em", "span", "u",    "sup", "sub", "small",
                                        "mark", "code", "abbr",   "cite", "q",  "s",    "time", "kbd", "var"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i])) return 1;
    return 0;
}

static int S_inline(const xmlNode *n) { return n->name && S_inline_name((const char *)n->name); }

static void S_fragment_walk(const xmlNode *n, buf *b, const char **bad, int depth)
{
    for (const xmlNode *c = n; c && depth < S_MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) S_put_text(b, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        int implied = S_name(c, "html") || S_name(c, "body") || S_name(c, "head");
        if (!implied && bad && !*bad) *bad = S_disallowed(c);
        implied |= S_inline(c);
        if (S_name(c, "script") || S_name(c, "style") || S_name(c, "template")) continue;
        if (!implied && b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
        S_fragment_walk(c->children, b, bad, depth + 1);
        if (!implied && b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
    }
}

/* The character reference at s[0..n) (s[0] == '&') into b; returns the bytes it took, or 0
   when there is none (the '&' is then text). Named references by libxml2's HTML table. */
static size_t S_charref(const char *s, size_t n, buf *b)
{
    size_t i = 1;
    uint32_t cp = 0;
    if (i < n && s[i] == '#') {
        int hex = ++i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex) i++;
        size_t d0 = i;
        for (; i < n && i - d0 < 8; i++) {
            char c = s[i];
            int v = c >= '0' && c <= '9'      ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
            if (v < 0) break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
        }
        if (i == d0) return 0;
        if (i < n && s[i] == ';') i++;
        if (!cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    } else {
        char name[32];
        size_t k = 0;
        while (i < n && k < sizeof name - 1 &&
               ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            name[k++] = s[i++];
        name[k] = '\0';
        if (!k || i >= n || s[i] != ';') return 0;
        const htmlEntityDesc *e = htmlEntityLookup(BAD_CAST name);
        if (!e) return 0;
        cp = e->value;
        i++;
    }
    char u[8];
    size_t un = utf8_encode(cp, u);
    u[un] = '\0';
    S_put_text(b, u);
    return i;
}

/* Skips s[i..n) to just after the text end (e.g. "-->"), or to n. */
static size_t S_skip_past(const char *s, size_t i, size_t n, const char *end)
{
    size_t k = strlen(end);
    for (; i + k <= n; i++)
        if (s[i] == end[0] && !memcmp(s + i, end, k)) return i + k;
    return n;
}

/* A fragment of HTML as a visitor reads it, by a scan of its tags and character references
   (an Answer.text is a short fragment: a parser and a tree for each would cost more than the
   page). Script, style and template content and comments are not text. */
static void S_fragment_scan(const char *s, size_t n, buf *b, const char **bad)
{
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '&') {
            size_t k = S_charref(s + i, n - i, b);
            if (k) {
                i += k;
                continue;
            }
        } else if (c == '<' && i + 1 < n) {
            if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
                i = S_skip_past(s, i + 4, n, "-->");
                continue;
            }
            size_t j = i + 1;
            int close = s[j] == '/';
            if (close) j++;
            char name[16];
            size_t k = 0;
            while (
                j < n &&
                ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (k && s[j] >= '0' && s[j] <= '9'))) {
                if (k < sizeof name - 1) name[k++] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
                j++;
            }
            name[k] = '\0';
            if (k || s[i + 1] == '!' || s[i + 1] == '?') {
                char q = 0; /* to the end of the tag, quotes respected */
                for (; j < n; j++) {
                    if (q) {
                        if (s[j] == q) q = 0;
                    } else if (s[j] == '"' || s[j] == '\'') {
                        q = s[j];
                    } else if (s[j] == '>') {
                        break;
                    }
                }
                i = j < n ? j + 1 : n;
                if (!k) continue;
                if (bad && !*bad && !close) *bad = S_disallowed_name(name);
                if (!S_inline_name(name) && b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
                if (!close && (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "template"))) {
                    char end[24];
                    snprintf(end, sizeof end, "</%s", name);
                    i = S_skip_past(s, i, n, end);
                    i = S_skip_past(s, i, n, ">");
                }
                continue;
            }
        }
        size_t bl;
        if (S_blank(s + i, &bl) && (i + bl <= n)) {
            if (b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
            i += bl;
            continue;
        }
        buf_putc(b, c);
        i++;
    }
}

char *html_fragment_text(const char *s, size_t n, const char **bad)
{
    if (bad) *bad = NULL;
    buf b;
    buf_init(&b);
    S_fragment_scan(s, n, &b, bad);
    size_t st = 0, e = b.len;
    while (st < e && b.s[st] == ' ') st++;
    while (e > st && b.s[e - 1] == ' ') e--;
    char *r = xstrndup(b.s ? b.s + st : "", e - st);
    buf_free(&b);
    return r;
}

/* ------------------------------------------------------------------ FAQPage */

static html_faqpage *S_faqpage(html_page *p, size_t pos, int microdata)
{
    XGROW(p->fp, p->capfp, p->nfp + 1);
    html_faqpage *f = &p->fp[p->nfp++];
    memset(f, 0, sizeof *f);
    f->pos = pos;
    f->microdata = microdata;
    return f;
}

static html_qa *S_qa(html_faqpage *f, size_t pos)
{
    XGROW(f->qa, f->cap, f->nqa + 1);
    html_qa *q = &f->qa[f->nqa++];
    memset(q, 0, sizeof *q);
    q->pos = pos;
    return q;
}

/* ------------------------------------------------------------------ JSON-LD */

typedef struct S_ld {
    html_page *page;
    const source *src;
    size_t pos; /* the script's content in the source */
    const char *text; /* the script's content */
    size_t len;
    size_t cursor; /* where the last Question was found in text */
    strset ids; /* @id -> node, within this script */
    json_t **nodes;
} S_ld;

static int S_type_is(json_t *o, const char *type)
{
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t)) {
        const char *s = json_string_value(t);
        const char *slash = strrchr(s, '/'); /* "https://schema.org/FAQPage" */
        return !strcmp(slash ? slash + 1 : s, type);
    }
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (json_is_string(v))
        {
            const char *s = json_string_value(v);
            const char *slash = strrchr(s, '/');
            if (!strcmp(slash ? slash + 1 : s, type)) return 1;
        }
    }
    return 0;
}

static void S_collect_ids(S_ld *ld, json_t *v, int depth)
{
    if (depth > S_JSON_DEPTH) return;
    size_t i;
    json_t *x;
    const char *k;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) S_collect_ids(ld, x, depth + 1);
    } else if (json_is_object(v)) {
        json_t *id = json_object_get(v, "@id");
        if (json_is_string(id) && json_object_size(v) > 1) {
            size_t n = ld->ids.n;
            if (!strset_put(&ld->ids, json_string_value(id), strlen(json_string_value(id)), n)) {
                ld->nodes = xrealloc(ld->nodes, (n + 1) * sizeof *ld->nodes);
                ld->nodes[n] = v;
            }
        }
        json_object_foreach(v, k, x) S_collect_ids(ld, x, depth + 1);
    }
}

static json_t *S_deref(S_ld *ld, json_t *v) /* {"@id": X} alone: the node of that @id in the script */
{
    if (!json_is_object(v) || json_object_size(v) != 1) return v;
    json_t *id = json_object_get(v, "@id");
    if (!json_is_string(id)) return v;
    struct strset_slot *s = strset_get(&ld->ids, json_string_value(id), strlen(json_string_value(id)));
    return s ? ld->nodes[s->value] : v;
}

/* Where the Question named name stands in the script: its name's first bytes searched from
   the last Question on; else the script itself. */
static size_t S_locate_name(S_ld *ld, const char *name)
{
    if (!name || !*name) return ld->pos;
    size_t n = 0;
    while (n < 24 && name[n] && name[n] != '"' && name[n] != '\\' && name[n] != '<' && name[n] != '>' &&
           name[n] != '&' && name[n] != '/' && (unsigned char)name[n] >= 0x20)
        n++;
    if (n < 4) return ld->pos + ld->cursor;
    for (size_t i = ld->cursor; i + n <= ld->len; i++)
        if (ld->text[i] == name[0] && !memcmp(ld->text + i, name, n)) {
            ld->cursor = i + n;
            return ld->pos + i;
        }
    return ld->pos + ld->cursor;
}

static void S_ld_faqpage(S_ld *ld, json_t *o)
{
    html_faqpage *f = S_faqpage(ld->page, ld->pos, 0);
    json_t *mod = json_object_get(o, "dateModified");
    if (json_is_string(mod) && *json_string_value(mod)) f->modified = xstrdup(json_string_value(mod));
    json_t *me = json_object_get(o, "mainEntity");
    if (!me) {
        S_issue(ld->page, HTML_ISSUE_PROFILE, ld->pos, "the FAQPage has no mainEntity (its Questions)");
        return;
    }
    size_t n = json_is_array(me) ? json_array_size(me) : 1;
    if (!n) S_issue(ld->page, HTML_ISSUE_PROFILE, ld->pos, "the FAQPage's mainEntity is empty");
    for (size_t i = 0; i < n; i++) {
        json_t *q = S_deref(ld, json_is_array(me) ? json_array_get(me, i) : me);
        json_t *name = json_is_object(q) ? json_object_get(q, "name") : NULL;
        const char *nm = json_is_string(name) ? json_string_value(name) : NULL;
        html_qa *qa = S_qa(f, S_locate_name(ld, nm));
        if (!json_is_object(q)) {
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos, "mainEntity item %zu is not a Question object", i + 1);
            continue;
        }
        if (!S_type_is(q, "Question"))
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos, "mainEntity item %zu has no \"@type\": \"Question\"", i + 1);
        if (!nm || !*nm)
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos, "a Question has no name (its text)");
        else
            qa->name = html_fragment_text(nm, strlen(nm), NULL);
        json_t *aa = json_object_get(q, "acceptedAnswer");
        if (json_is_array(aa) && json_array_size(aa) == 1) aa = json_array_get(aa, 0);
        if (!aa) {
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos, "the Question \"%.80s\" has no acceptedAnswer",
                    nm ? nm : "");
            continue;
        }
        if (json_is_array(aa)) {
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos,
                    "the Question \"%.80s\" has %zu acceptedAnswers: a FAQ question has exactly one", nm ? nm : "",
                    json_array_size(aa));
            continue;
        }
        aa = S_deref(ld, aa);
        json_t *text = json_is_object(aa) ? json_object_get(aa, "text") : NULL;
        if (json_is_object(aa) && !S_type_is(aa, "Answer"))
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos,
                    "the acceptedAnswer of \"%.80s\" has no \"@type\": \"Answer\"", nm ? nm : "");
        if (!json_is_string(text) || !*json_string_value(text)) {
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos, "the Answer to \"%.80s\" has no text", nm ? nm : "");
            continue;
        }
        const char *bad = NULL;
        qa->answer = html_fragment_text(json_string_value(text), strlen(json_string_value(text)), &bad);
        if (bad)
            S_issue(ld->page, HTML_ISSUE_PROFILE, qa->pos,
                    "the Answer to \"%.80s\" holds <%s>: Answer.text may only use <h1>-<h6>, <br>, <ol>, <ul>, "
                    "<li>, <a>, <p>, <div>, <b>, <strong>, <i> and <em>",
                    nm ? nm : "", bad);
    }
}

static void S_ld_walk(S_ld *ld, json_t *v, int depth)
{
    if (depth > S_JSON_DEPTH) return;
    size_t i;
    json_t *x;
    const char *k;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) S_ld_walk(ld, x, depth + 1);
        return;
    }
    if (!json_is_object(v)) return;
    if (S_type_is(v, "FAQPage")) {
        S_ld_faqpage(ld, v);
        return;
    }
    json_object_foreach(v, k, x) if (json_is_object(x) || json_is_array(x)) S_ld_walk(ld, x, depth + 1);
}

/* The offset in text of jansson's line and column (1-based; the column counts characters). */
static size_t S_json_offset(const char *text, size_t len, int line, int column)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        if (text[i] == '\n') l++;
    for (int c = 1; c < column && i < len; c++) {
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

static int S_mentions(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == w[0] && !memcmp(s + i, w, k)) return 1;
    return 0;
}

static void S_jsonld(html_page *p, const source *src, const xmlNode *script)
{
    buf b;
    buf_init(&b);
    for (const xmlNode *c = script->children; c; c = c->next)
        if (c->content) buf_puts(&b, (const char *)c->content);
    size_t pos = script->children ? html_node_pos(script->children) : html_node_pos(script);
    if (pos == HTML_NPOS) pos = 0;
    S_ld ld;
    memset(&ld, 0, sizeof ld);
    ld.page = p;
    ld.src = src;
    ld.pos = pos;
    ld.text = b.s ? b.s : "";
    ld.len = b.len;
    json_error_t err;
    json_t *root = json_loadb(ld.text, ld.len, 0, &err);
    if (!root) {
        size_t at = pos + S_json_offset(ld.text, ld.len, err.line, err.column);
        if (at > src->len) at = src->len;
        if (strstr(err.text, "maximum parsing depth"))
            S_issue(p, HTML_ISSUE_SYNTAX, at,
                    "arrays and objects nested more than %d deep (the JSON parser's limit; no FAQPage nests "
                    "more than a few levels)",
                    JSON_PARSER_MAX_DEPTH);
        else
            S_issue(p, HTML_ISSUE_SYNTAX, at, "%s", err.text);
        p->issues[p->nissues - 1].block = pos;
        if (S_mentions(ld.text, ld.len, "FAQPage")) p->broken_faqpage = 1;
    } else {
        S_collect_ids(&ld, root, 0);
        S_ld_walk(&ld, root, 0);
        json_decref(root);
    }
    strset_free(&ld.ids);
    free(ld.nodes);
    buf_free(&b);
}

/* ------------------------------------------------------------------ microdata */

static int S_itemtype(const xmlNode *n, const char *type)
{
    const char *t = S_attr(n, "itemtype");
    if (!t) return 0;
    size_t k = strlen(type), len = strlen(t);
    while (len && (t[len - 1] == '/' || t[len - 1] == ' ')) len--;
    return len > k && t[len - k - 1] == '/' && !memcmp(t + len - k, type, k) && strstr(t, "schema.org");
}

static int S_has_word(const char *v, const char *w)
{
    if (!v) return 0;
    size_t n = strlen(w);
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        if ((size_t)(p - b) == n && !memcmp(b, w, n)) return 1;
    }
    return 0;
}

static const xmlNode *S_prop(const xmlNode *n, const char *prop, int depth)
{
    if (depth > S_MAX_DEPTH) return NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_has_word(S_attr(c, "itemprop"), prop)) return c;
        if (S_attr(c, "itemscope") && S_attr(c, "itemtype")) continue; /* another item's properties */
        const xmlNode *f = S_prop(c, prop, depth + 1);
        if (f) return f;
    }
    return NULL;
}

static char *S_node_text(const xmlNode *n, const char **bad)
{
    const char *content = S_attr(n, "content");
    if (content) return html_fragment_text(content, strlen(content), NULL);
    buf b;
    buf_init(&b);
    if (bad) *bad = NULL;
    S_fragment_walk(n->children, &b, bad, 0);
    size_t st = 0, e = b.len;
    while (st < e && b.s[st] == ' ') st++;
    while (e > st && b.s[e - 1] == ' ') e--;
    char *r = xstrndup(b.s ? b.s + st : "", e - st);
    buf_free(&b);
    return r;
}

static void S_micro_questions(html_page *p, html_faqpage *f, const xmlNode *n, int depth)
{
    if (depth > S_MAX_DEPTH) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!S_itemtype(c, "Question")) {
            S_micro_questions(p, f, c, depth + 1);
            continue;
        }
        size_t pos = html_node_pos(c);
        html_qa *qa = S_qa(f, pos == HTML_NPOS ? 0 : pos);
        const xmlNode *name = S_prop(c, "name", 0);
        qa->name = name ? S_node_text(name, NULL) : NULL;
        if (!qa->name || !*qa->name)
            S_issue(p, HTML_ISSUE_PROFILE, qa->pos, "a microdata Question has no itemprop=\"name\"");
        const xmlNode *a = S_prop(c, "acceptedAnswer", 0);
        if (!a) {
            S_issue(p, HTML_ISSUE_PROFILE, qa->pos, "the microdata Question \"%.80s\" has no acceptedAnswer",
                    qa->name ? qa->name : "");
            continue;
        }
        int count = 0;
        for (const xmlNode *k = a; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE && S_has_word(S_attr(k, "itemprop"), "acceptedAnswer")) count++;
        if (count > 1)
            S_issue(p, HTML_ISSUE_PROFILE, qa->pos,
                    "the microdata Question \"%.80s\" has %d acceptedAnswers: a FAQ question has exactly one",
                    qa->name ? qa->name : "", count);
        const xmlNode *t = S_prop(a, "text", 0);
        if (!t) {
            S_issue(p, HTML_ISSUE_PROFILE, qa->pos, "the microdata Answer to \"%.80s\" has no itemprop=\"text\"",
                    qa->name ? qa->name : "");
            continue;
        }
        const char *bad = NULL;
        qa->answer = S_node_text(t, &bad);
        if (bad)
            S_issue(p, HTML_ISSUE_PROFILE, qa->pos,
                    "the microdata Answer to \"%.80s\" holds <%s>: Answer.text may only use <h1>-<h6>, <br>, <ol>, "
                    "<ul>, <li>, <a>, <p>, <div>, <b>, <strong>, <i> and <em>",
                    qa->name ? qa->name : "", bad);
    }
}

/* ------------------------------------------------------------------ the page */

static void S_walk(html_page *p, const source *src, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_name(c, "script")) {
            const char *t = S_attr(c, "type");
            if (t && !strncasecmp(t, "application/ld+json", 19)) S_jsonld(p, src, c);
            continue;
        }
        if (S_itemtype(c, "FAQPage")) {
            size_t pos = html_node_pos(c);
            html_faqpage *f = S_faqpage(p, pos == HTML_NPOS ? 0 : pos, 1);
            S_micro_questions(p, f, c, 0);
            if (!f->nqa) S_issue(p, HTML_ISSUE_PROFILE, f->pos, "the microdata FAQPage holds no Question");
            continue;
        }
        if (depth < S_MAX_DEPTH) S_walk(p, src, c->children, depth + 1);
    }
}

/* ------------------------------------------------------------------ visible text */

char *html_text_key(const char *s, size_t len, int list, size_t *n)
{
    char *out = xmalloc(len + 1);
    size_t o = 0;
    int bol = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (bol && list) { /* a list marker at the start of a line */
            size_t j = i;
            while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
            if (j + 1 < len && (s[j] == '-' || s[j] == '*') && s[j + 1] == ' ')
                i = j + 2;
            else {
                size_t k = j;
                while (k < len && k - j < 4 && s[k] >= '0' && s[k] <= '9') k++;
                if (k > j && k + 1 < len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ') i = k + 2;
            }
            bol = 0;
            continue;
        }
        if (c == '\n') bol = 1;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            out[o++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c + 32);
        else if (c >= 0x80) {
            size_t k = 1;
            while (i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80 && k < 4) k++;
            /* no-break space, general punctuation (quotes, dashes, ellipsis), soft hyphen */
            int punct = (c == 0xC2 && k == 2 &&
                         ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0xAD ||
                          (unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB)) ||
                (c == 0xE2 && k == 3 && (unsigned char)s[i + 1] == 0x80);
            if (!punct) memcpy(out + o, s + i, k), o += k;
            i += k;
            continue;
        }
        i++;
    }
    out[o] = '\0';
    *n = o;
    return out;
}

static void S_visible(const xmlNode *n, buf *b, int depth)
{
    for (const xmlNode *c = n; c && depth < S_MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) buf_puts(b, (const char *)c->content), buf_putc(b, ' ');
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (S_name(c, "script") || S_name(c, "style") || S_name(c, "template") || S_name(c, "noscript") ||
            S_name(c, "head") || S_name(c, "svg") || xmlHasProp((xmlNode *)c, BAD_CAST "hidden"))
            continue;
        S_visible(c->children, b, depth + 1);
    }
}

html_page *html_page_read(const source *src, xmlDoc *tree)
{
    html_page *p = xcalloc(1, sizeof *p);
    if (tree) S_walk(p, src, tree->children, 0);
    if (tree && p->nfp) {
        buf b;
        buf_init(&b);
        S_visible(tree->children, &b, 0);
        p->visible = html_text_key(b.s ? b.s : "", b.len, 0, &p->nvisible);
        buf_free(&b);
    }
    return p;
}

int html_page_has_faqpage(const html_page *p) { return p && p->nfp > 0; }

void html_page_free(html_page *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->nfp; i++) {
        for (size_t j = 0; j < p->fp[i].nqa; j++) {
            free(p->fp[i].qa[j].name);
            free(p->fp[i].qa[j].answer);
        }
        free(p->fp[i].qa);
        free(p->fp[i].modified);
    }
    free(p->fp);
    for (size_t i = 0; i < p->nissues; i++) free(p->issues[i].msg);
    free(p->issues);
    free(p->visible);
    free(p);
}
