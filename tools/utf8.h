/* utf8: UTF-8 validation and decoding. */
#ifndef FAQ_UTF8_H
#define FAQ_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes available), 0 when invalid
   (bad lead, bad continuation, overlong, surrogate, above U+10FFFF, truncated).
   *cp receives the code point when cp is not NULL. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Number of code points in s[0..n) (continuation bytes are not counted). */
size_t utf8_count(const char *s, size_t n);
/* Terminal cells a code point takes: 2 for East Asian wide and full-width characters and
   emoji, 0 for combining marks and zero-width characters, else 1 (for caret lines). */
int utf8_cells(uint32_t cp);
/* Writes the UTF-8 encoding of cp into out (4 bytes room); returns its length. */
size_t utf8_encode(uint32_t cp, char *out);

#endif
