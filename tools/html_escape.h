/* html_escape: text and attribute values escaped for HTML5 (and so for the XHTML-ish subset Google reads). */
#ifndef FAQ_HTML_ESCAPE_H
#define FAQ_HTML_ESCAPE_H
#include "buf.h"
#include <stddef.h>

/* Appends s[0..n) to out escaped for HTML text and double-quoted attribute values:
   & < > " become &amp; &lt; &gt; &quot;. Characters that HTML forbids in a document (C0
   controls other than tab, LF and CR; DEL; C1 controls; noncharacters) and invalid UTF-8
   bytes become U+FFFD, so the output is always valid UTF-8 that an HTML5 checker accepts. */
void html_escape(buf *out, const char *s, size_t n);
/* Same for a NUL-terminated string. */
void html_escape_cstr(buf *out, const char *s);

#endif
