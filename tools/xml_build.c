/* xml_build: the model as a libxml2 tree in the schema's vocabulary, each element pointing back at its source. */
#include "xml_build.h"
#include "utf8.h"
#include "word8.h"
#include "xalloc.h"
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <string.h>

/* Marks node with source offset off (stored plus one; 0 means no position). */
static void S_mark(xmlNodePtr n, size_t off) { n->_private = (void *)(uintptr_t)(off + 1); }

/* Source offset where text t starts, or fallback when it has no position. */
static size_t S_pos(const faq_text *t, size_t fallback)
{
    return (t && t->nseg > 0 && t->seg) ? t->seg[0].src_off : fallback;
}

/* Length of the character at p (valid UTF-8 from the source) whose code point is *cp. */
/* Text as XML content: characters that XML 1.0 forbids (C0 controls other than tab, LF, CR;
   U+FFFE, U+FFFF) become U+FFFD so that the serialised tree always parses again.
   n: bytes of s that may be read (at most up to its terminating NUL; 0 is always fine).
   Returns s itself when nothing changes, else new (caller frees). */
static const char *S_xml_safe(const char *s, size_t n, char **to_free)
{
    *to_free = NULL;
    const unsigned char *p = (const unsigned char *)s;
    int bad = 0;
    /* eight bytes at a time, within the n readable bytes: a word with no byte below 0x20 and
       no 0xEF is skipped at once; another is looked at byte by byte (a NUL ends the text) */
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t w = word8_load(p);
        if (!word8_maybe_below(w, 0x20) && !word8_maybe(w, 0xEF)) continue;
        size_t j = 0;
        for (; j < 8 && p[j]; j++)
            if ((p[j] < 0x20 && p[j] != '\t' && p[j] != '\n' && p[j] != '\r') ||
                (p[j] == 0xEF && p[j + 1] == 0xBF && (p[j + 2] == 0xBE || p[j + 2] == 0xBF)))
                break;
        if (j < 8) { /* a NUL or a character to replace: the loop below decides */
            p += j;
            break;
        }
    }
    for (; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
            (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))) {
            bad = 1;
            break;
        }
    if (!bad) return s;
    size_t len = strlen(s);
    char *out = xmalloc(len * 3 + 1), *o = out;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        long cp = utf8_next(s, len, &i);
        if ((cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(o, s + at, i - at);
            o += i - at;
        }
    }
    *o = 0;
    *to_free = out;
    return out;
}

/* Marks a text node whose content points into the model instead of a copy of its own:
   xml_build_free detaches such content before libxml2 frees the tree. Only elements carry
   positions (schema.c looks at elements), so a text node's _private is free for this. */
static char S_borrowed;

/* A child element <name> of parent holding text s (raw: no entity parsing), marked at off.
   The text node borrows s (the model outlives the tree) unless s had to be made XML-safe. */
static xmlNodePtr S_text_child(xmlNodePtr parent, const char *name, const faq_text *text, size_t off)
{
    char *tmp, *own = NULL;
    const char *s = text->s ? text->s : "";
    if (text->s && text->s[text->len] != '\0') s = own = xstrndup(text->s, text->len); /* a text in the source */
    const char *safe = S_xml_safe(s, text->s ? text->len : 0, &tmp);
    if (tmp) {
        free(own);
        own = tmp;
    }
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    S_mark(n, off);
    if (!*safe) {
        free(own);
        return n;
    }
    xmlNodePtr t = xmlNewDocText(parent->doc, NULL);
    if (own) {
        t->content = BAD_CAST own; /* owned: freed with the tree */
    } else {
        t->content = BAD_CAST safe;
        t->_private = &S_borrowed;
    }
    t->parent = n;
    n->children = n->last = t;
    return n;
}

static xmlNodePtr S_elem(xmlNodePtr parent, const char *name, size_t off)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    S_mark(n, off);
    return n;
}

/* <name><p>…</p>…</name> for paragraphs p, marked at off (or the first paragraph). */
static void S_paras(xmlNodePtr parent, const char *name, const faq_paras *p, size_t off)
{
    xmlNodePtr n = S_elem(parent, name, p->n ? S_pos(&p->v[0], off) : off);
    for (size_t i = 0; i < p->n; i++) S_text_child(n, "p", &p->v[i], S_pos(&p->v[i], off));
}

static int S_key_is(const faq_field *f, const char *key) { return f->key.s && !strcmp(f->key.s, key); }

static void S_front(xmlNodePtr root, const faq_doc *doc)
{
    static const char *const known[] = {"id", "lang", "url", "modified"};
    size_t off = doc->nfields ? S_pos(&doc->fields[0].key, 0) : 0;
    xmlNodePtr front = S_elem(root, "front", off);
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        for (size_t i = 0; i < doc->nfields; i++) {
            const faq_field *f = &doc->fields[i];
            if (!S_key_is(f, known[k])) continue;
            S_text_child(front, known[k], &f->value, S_pos(&f->value, S_pos(&f->key, off)));
            break; /* the first wins; the reader reports duplicates */
        }
    for (size_t i = 0; i < doc->nfields; i++) {
        const faq_field *f = &doc->fields[i];
        int is_known = 0;
        for (size_t k = 0; k < sizeof known / sizeof *known; k++) is_known |= S_key_is(f, known[k]);
        if (is_known) continue;
        xmlNodePtr n = S_text_child(front, "field", &f->value, S_pos(&f->value, S_pos(&f->key, off)));
        char *tmp;
        const char *name = S_xml_safe(f->key.s ? f->key.s : "", 0, &tmp);
        xmlNewProp(n, BAD_CAST "name", BAD_CAST name); /* raw value: no entity parsing */
        free(tmp);
    }
}

static void S_entry(xmlNodePtr root, const faq_doc *doc, const faq_entry *e, size_t index)
{
    xmlNodePtr n = S_elem(root, "entry", e->pos);
    char idbuf[32];
    const char *id = e->id;
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "q-%zu", index + 1);
        id = idbuf;
    }
    char *tmp;
    const char *safe = S_xml_safe(id, 0, &tmp);
    xmlNewProp(n, BAD_CAST "id", BAD_CAST safe);
    free(tmp);
    if (e->section) {
        const char *sec = S_xml_safe(e->section, 0, &tmp);
        xmlNewProp(n, BAD_CAST "section", BAD_CAST sec);
        free(tmp);
    }
    if (e->after_conclusion) xmlNewProp(n, BAD_CAST "after-conclusion", BAD_CAST "true");
    S_text_child(n, "question", &e->question, S_pos(&e->question, e->pos));
    /* An empty answer stays <answer/>: the schema reports it at the question. */
    xmlNodePtr a = S_elem(n, "answer", e->answer.n ? S_pos(&e->answer.v[0], e->pos) : e->pos);
    for (size_t i = 0; i < e->answer.n; i++) S_text_child(a, "p", &e->answer.v[i], S_pos(&e->answer.v[i], e->pos));
    for (size_t i = 0; i < e->sources.n; i++)
        S_text_child(n, "source", &e->sources.v[i], S_pos(&e->sources.v[i], e->pos));
    (void)doc;
}

xmlDocPtr xml_build(const faq_doc *doc)
{
    xmlDocPtr x = xmlNewDoc(BAD_CAST "1.0");
    /* Element and attribute names from a dictionary: one copy of each name, not one per node
       (xmlFreeDoc frees the dictionary with the tree). */
    x->dict = xmlDictCreate();
    /* The ID table that validation fills (xmlAddID, one ID per entry): sized up front and
       without the dictionary, so that 100k entry IDs neither grow it step by step nor go
       through the dictionary (xmlFreeDoc frees it). */
    x->ids = xmlHashCreate((int)(doc->nentries < 1u << 24 ? doc->nentries * 2 + 16 : 1u << 25));
    xmlNodePtr root = xmlNewDocNode(x, NULL, BAD_CAST "faq", NULL);
    xmlDocSetRootElement(x, root);
    xmlNewProp(root, BAD_CAST "version", BAD_CAST "1");
    S_mark(root, 0);
    if (doc->has_front || doc->nfields) S_front(root, doc);
    if (doc->title.s) S_text_child(root, "title", &doc->title, S_pos(&doc->title, 0));
    if (doc->intro.n) S_paras(root, "intro", &doc->intro, 0);
    int concluded = 0;
    for (size_t i = 0; i < doc->nentries; i++) {
        const faq_entry *e = &doc->entries[i];
        if (e->after_conclusion && !concluded && doc->conclusion.n) {
            S_paras(root, "conclusion", &doc->conclusion, doc->conclusion_pos);
            concluded = 1;
        }
        S_entry(root, doc, e, i);
    }
    if (!concluded && doc->conclusion.n) S_paras(root, "conclusion", &doc->conclusion, doc->conclusion_pos);
    return x;
}

void xml_build_free(xmlDocPtr tree)
{
    if (!tree) return;
    xmlNodePtr n = tree->children;
    while (n) { /* depth first, without recursion: detach borrowed text */
        if (n->type == XML_TEXT_NODE && n->_private == &S_borrowed) {
            n->content = NULL;
            n->_private = NULL;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) n = n->parent && n->parent->type != XML_DOCUMENT_NODE ? n->parent : NULL;
        if (n) n = n->next;
    }
    xmlFreeDoc(tree);
}
