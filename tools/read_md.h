/* read_md: a Markdown FAQ (CommonMark with tables, read by md4c) to the model. */
#ifndef FAQ_READ_MD_H
#define FAQ_READ_MD_H
#include "diag.h"
#include "model.h"

/* The start of the message of the fatal diagnostic read_md gives a Markdown file that holds no
   FAQ (a directory walk skips such files, a README or a CHANGELOG, without a word). */
extern const char read_md_no_faq[];

/* Reads Markdown: YAML front matter (title, description, lang, url/slug, date/lastmod feed
   the model; other keys are kept), the first level-1 heading as the title, and the entries a
   reader sees: question headings at any level (the whole page, or the sub-headings of an
   "FAQ" section), numbered headings under section headings, bold question paragraphs,
   <details>/<summary> blocks and definition lists ("Question?" then ": answer"). The rest of
   the page is kept as the intro and the conclusion. Texts hold no Markdown syntax; every
   text maps to its exact place in the source. Returns a new doc, or NULL after a fatal
   diagnostic (no FAQ in the file). */
faq_doc *read_md(const source *src, diag_list *d);

#endif
