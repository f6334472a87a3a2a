/* read_html: an HTML page's visible FAQ to the model, and the structured data it carries. */
#ifndef FAQ_READ_HTML_H
#define FAQ_READ_HTML_H
#include "diag.h"
#include "html_page.h"
#include "model.h"

/* The start of the message of the fatal diagnostic read_html gives a page that holds no
   visible FAQ and no FAQPage (a directory walk skips such pages without a word). */
extern const char read_html_no_faq[];

/* Reads an HTML page with libxml2's HTML parser (no network, no entities from outside, the
   source already decoded to UTF-8 by source_load). The visible FAQ becomes the model:
   <details>/<summary>, question headings and what follows them, <dl> of questions, schema.org
   microdata and the FAQ blocks of common page builders; <script>, <style>, <template>, <nav>,
   <header> and <footer> are not content. Positions are the page's lines and columns. The
   page's JSON-LD and microdata FAQPages are kept in doc->page for the page rules. Returns a
   new doc, or NULL after a fatal diagnostic (nothing to read as a FAQ). */
faq_doc *read_html(const source *src, diag_list *d);

/* Whether src is an HTML page: by its name (.html, .htm, .xhtml) or by its first markup
   (<!DOCTYPE html or <html); FAQ XML (<?xml, <faq) is never taken for a page. */
int reader_is_html(const source *src);
int reader_is_html_name(const char *path);

#endif
