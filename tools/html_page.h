/* html_page: the structured data on an HTML page: FAQPage JSON-LD (parsed with jansson) and
   microdata, checked against Google's FAQPage profile. */
#ifndef FAQ_HTML_PAGE_H
#define FAQ_HTML_PAGE_H
#include "source.h"
#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

/* The source byte offset read_html located for a node (kept in its _private), or
   HTML_NPOS. */
#define HTML_NPOS ((size_t)-1)
static inline size_t html_node_pos(const xmlNode *n)
{
    uintptr_t v = n ? (uintptr_t)n->_private : 0;
    return v ? (size_t)v - 1 : HTML_NPOS;
}

typedef struct html_qa { /* one Question of a FAQPage */
    char *name; /* Question.name as text (markup and entities resolved, blanks
                                 collapsed); NULL when it has none */
    char *answer; /* the accepted Answer's text as a visitor would read it; NULL: none */
    size_t pos; /* source offset of the Question in the page */
} html_qa;

typedef enum {
    HTML_ISSUE_SYNTAX, /* a JSON-LD block does not parse */
    HTML_ISSUE_PROFILE /* a FAQPage breaks Google's FAQPage profile */
} html_issue_kind;

typedef struct html_issue {
    html_issue_kind kind;
    size_t pos; /* source offset */
    size_t block; /* source offset of the script or element the issue is in */
    char *msg; /* what is wrong (the rule's message wraps it) */
} html_issue;

typedef struct html_faqpage {
    size_t pos; /* source offset of its script element or microdata element */
    int microdata; /* 1: itemtype markup, 0: JSON-LD */
    char *modified; /* dateModified, or NULL */
    html_qa *qa;
    size_t nqa, cap;
} html_faqpage;

typedef struct html_page {
    html_faqpage *fp;
    size_t nfp, capfp;
    html_issue *issues;
    size_t nissues, capissues;
    int broken_faqpage; /* a JSON-LD block that does not parse names FAQPage */
    char *visible; /* html_text_key of the text a visitor can read on the page (the
                                 body without script, style, template, noscript and hidden
                                 elements); built only when the page has a FAQPage, else NULL */
    size_t nvisible;
} html_page;

/* Reads every <script type="application/ld+json"> and every microdata FAQPage of tree
   (whose nodes read_html located in src). Never NULL. */
html_page *html_page_read(const source *src, xmlDoc *tree);
void html_page_free(html_page *p);
int html_page_has_faqpage(const html_page *p);

/* The text a visitor reads in the HTML fragment s[0..n) (markup dropped, entities resolved,
   blanks collapsed, blocks apart by one blank); *bad receives the first tag Google's FAQPage
   profile does not allow in Answer.text (a static string), or NULL. Returns a new string. */
char *html_fragment_text(const char *s, size_t n, const char **bad);

/* The comparison key of a text: letters and digits only (ASCII folded to lower case, other
   characters kept as they are), so that white space, punctuation, typographic quotes and
   markup left out of a text do not count. list: list markers ("- ", "* ", "1. ", "1) ") at
   the start of a line are dropped too. Returns a new string of *n bytes. */
char *html_text_key(const char *s, size_t len, int list, size_t *n);

#endif
