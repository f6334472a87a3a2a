/* json_write: JSON string escaping that always yields valid UTF-8 (reporters and exporters share it). */
#ifndef FAQ_JSON_WRITE_H
#define FAQ_JSON_WRITE_H
#include "buf.h"
#include <stddef.h>

/* Flags for json_put_*: what to escape beyond what JSON requires (", \ and U+0000..U+001F;
   U+007F is always escaped too). */
enum {
    JSON_ESC_HTML = 1u << 0, /* <, >, & as \u003c \u003e \u0026: safe inside <script> and HTML */
    JSON_ESC_LINESEP = 1u << 1, /* U+2028, U+2029 as \u2028 \u2029: safe in JavaScript source */
    JSON_ESC_ASCII = 1u << 2, /* every non-ASCII code point as \uXXXX (surrogate pairs above U+FFFF) */
    JSON_ESC_LAYOUT = 1u << 3, /* C1, U+2028, U+2029 and bidi controls (utf8_is_layout_control) as \uXXXX */
    JSON_ESC_SCRIPT = JSON_ESC_HTML | JSON_ESC_LINESEP /* for <script type="application/ld+json"> */
};

/* Appends the n bytes of s as the inside of a JSON string (no quotes). Invalid UTF-8
   (bad, overlong, surrogate or truncated sequences) becomes U+FFFD, one per maximal ill-formed
   subpart, so the output is always valid UTF-8. */
void json_put_escaped(buf *out, const char *s, size_t n, unsigned flags);
/* Appends s (NUL-terminated) as a quoted JSON string; NULL appends null. */
void json_put_string(buf *out, const char *s, unsigned flags);
/* Same with an explicit length (s may then hold NUL bytes, written as \u0000). */
void json_put_stringn(buf *out, const char *s, size_t n, unsigned flags);

#endif
