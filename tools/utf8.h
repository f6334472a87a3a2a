/* utf8: UTF-8 validation and decoding. */
#ifndef FAQ_UTF8_H
#define FAQ_UTF8_H
#include "buf.h"
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes available), 0 when invalid
   (bad lead, bad continuation, overlong, surrogate, above U+10FFFF, truncated).
   *cp receives the code point when cp is not NULL. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* The one UTF-8 iterator: decodes the character at s[*i] (n bytes in all) and moves *i past
   it. Returns the code point, or -1 for an ill-formed sequence, which *i then passes as one
   unit: the lead byte and the continuation bytes that were valid after it (the "maximal
   subpart" that Unicode replaces with one U+FFFD). *i < n on entry. */
long utf8_next(const char *s, size_t n, size_t *i);
/* Appends the UTF-8 encoding of cp (a valid code point) to out. */
void utf8_put(buf *out, uint32_t cp);
/* Number of code points in s[0..n) (continuation bytes are not counted). */
size_t utf8_count(const char *s, size_t n);
/* Terminal cells a code point takes: 2 for East Asian wide and full-width characters and
   emoji, 0 for combining marks and zero-width characters, else 1 (for caret lines). */
int utf8_cells(uint32_t cp);
/* Whether cp changes how a line reads without showing itself: the line and paragraph
   separators (U+2028, U+2029) and the bidirectional and format controls (U+061C, U+200E,
   U+200F, U+202A..U+202E, U+2066..U+2069). Diagnostics escape them like C0/C1 controls. */
int utf8_is_layout_control(uint32_t cp);
/* Writes the UTF-8 encoding of cp into out (4 bytes room); returns its length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Whether s[0..n) ends in a question mark of any script: '?', the full-width U+FF1F, the Arabic
   U+061F, the Greek U+037E, the Ethiopic U+1367, the Armenian U+055E (a Spanish question opens
   with U+00BF and ends with '?'). Returns the mark's length in bytes, 0 when there is none. */
size_t utf8_question_end(const char *s, size_t n);

#endif
