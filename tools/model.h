/* model: a FAQ in memory: front matter, title, intro, entries, conclusion, with source positions. */
#ifndef FAQ_MODEL_H
#define FAQ_MODEL_H
#include "arena.h"
#include "source.h"
#include <stddef.h>

/* A run of text and where it came from. s is normalised (CR removed, prefixes such as Q:/A:
   and indentation stripped, lines of a paragraph joined by '\n', of a question by ' ').
   seg maps text offsets back to source byte offsets: segment i covers text from
   seg[i].text_off up to seg[i+1].text_off and starts at source byte seg[i].src_off. */
typedef struct faq_seg {
    size_t text_off;
    size_t src_off;
} faq_seg;

/* The longest text (paragraph, question, title, source) a FAQ may hold, in bytes: libxml2
   refuses longer text nodes when it reads XML, so longer ones could not be read back. */
enum { FAQ_TEXT_MAX = 10000000 };

typedef struct faq_text {
    char *s; /* len bytes, in the document's arena, or (the text format: a text just as it
                       stands in the source) in the source: then NOT NUL-terminated. Read
                       s[0..len) only. A front matter key or value is NUL-terminated. */
    size_t len;
    faq_seg *seg; /* at least one segment when len > 0 or the text has a position */
    size_t nseg;
} faq_text;

typedef struct faq_paras {
    faq_text *v;
    size_t n, cap;
} faq_paras;

typedef struct faq_field { /* one front matter line: key: value */
    faq_text key, value;
} faq_field;

typedef struct faq_entry {
    char *id; /* unique in the document, an XML NCName ("what-is-smp") */
    faq_text question; /* without Q: or number */
    faq_paras answer; /* may be empty: checks report it */
    faq_paras sources; /* text after "Source:"/"Sources:" */
    int after_conclusion; /* placed after the conclusion had started */
    const char *section; /* the heading of the group of entries this one opens ("Billing"),
                               NUL-terminated in the arena, or NULL (most FAQs have no groups) */
    size_t pos; /* source byte offset of the question line's first byte */
} faq_entry;

typedef struct faq_directive { /* <!-- faq-disable RULE --> and friends */
    enum { DIR_DISABLE, DIR_ENABLE, DIR_DISABLE_NEXT_LINE } kind;
    char *rules; /* comma/space separated rule ids as written ("" = all) */
    char *reason; /* text after ':' for next-line, or "" */
    unsigned line; /* line of the comment */
} faq_directive;

typedef struct faq_doc {
    arena mem; /* owns every string and array below unless said otherwise */
    const source *src; /* borrowed: must outlive the doc */
    int has_front;
    faq_field *fields; /* front matter in source order (heap) */
    size_t nfields, capfields;
    int empty; /* the input holds nothing but blank lines */
    faq_text title; /* title.s == NULL when there is none */
    faq_paras intro;
    faq_entry *entries;
    size_t nentries, capentries;
    faq_paras conclusion;
    size_t conclusion_pos; /* source offset of the conclusion's first paragraph */
    faq_directive *directives;
    size_t ndirectives, capdirectives;
    int ids_unique; /* the reader made every entry id distinct (read_text does) */
    int xml_clean; /* no text holds a character XML 1.0 forbids (read_text: the source
                               holds none) */
    struct html_page *page; /* an HTML page's structured data (read_html), or NULL */
    void (*page_free)(struct html_page *); /* frees page with the doc */
} faq_doc;

faq_doc *faq_doc_new(const source *src); /* returns new; free with faq_doc_free */
void faq_doc_free(faq_doc *d);

/* The value of a front matter key (id, lang, url, modified, ...), or NULL. */
const faq_text *faq_doc_field(const faq_doc *d, const char *key);

/* Source byte offset of text offset off (off may equal len). */
size_t faq_text_src(const faq_text *t, size_t off);
/* Line and column of text offset off, through the document's source. */
void faq_text_linecol(const faq_doc *d, const faq_text *t, size_t off, unsigned *line, unsigned *col);

/* Builders (used by readers): append to arrays in the document's arena/heap. */
faq_text *faq_paras_add(faq_doc *d, faq_paras *p);
faq_entry *faq_doc_add_entry(faq_doc *d);
/* Records a directive when the comment text s[0..n) (what stands between <!-- and -->) is
   "faq-disable RULES", "faq-enable RULES" or "faq-disable-next-line RULES: reason".
   Returns 1 when it was one, 0 otherwise. */
int faq_doc_add_directive(faq_doc *d, const char *s, size_t n, unsigned line);
/* The kind (DIR_...) of directive that comment text s[0..n) is, or -1 when it is none:
   faq_doc_add_directive's test without recording anything (the text exporter asks it). */
int faq_directive_kind(const char *s, size_t n);

#endif
