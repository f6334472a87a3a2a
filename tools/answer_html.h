/* answer_html: FAQ paragraphs and sources as the HTML Google allows in Answer.text. */
#ifndef FAQ_ANSWER_HTML_H
#define FAQ_ANSWER_HTML_H
#include "buf.h"
#include "model.h"

/* Appends paragraphs as HTML blocks using only p, ul, ol, li and a. Within a paragraph, lines
   that start with "- " or "* " become <ul><li>, lines that start with "N. " or "N) " become
   <ol><li>; a line without a marker continues the item before it, or else the <p>. Lines
   of one block are joined with a space. http:// and https:// URLs become <a href>. All text
   is escaped (html_escape). pretty: a newline after each block, list tag and item (for the
   HTML page); otherwise no white space between tags (for JSON-LD). Deterministic. */
void answer_html_paras(buf *out, const faq_paras *paras, int pretty);

/* One source of an answer: <p>Source: <a href="URL">URL</a></p> when the source is a URL,
   otherwise <p>Source: CITATION</p> with any URLs in it linked. */
void answer_html_source(buf *out, const faq_text *src, int pretty);

/* The whole answer of e: its paragraphs, then its sources in order. */
void answer_html(buf *out, const faq_entry *e, int pretty);

#endif
