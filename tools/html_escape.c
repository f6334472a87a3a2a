/* html_escape: text and attribute values escaped for HTML5. */
#include "html_escape.h"
#include "utf8.h"
#include "word8.h"
#include <stdint.h>
#include <string.h>

#define S_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

static int S_forbidden(uint32_t cp)
{
    if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
    if (cp >= 0x7F && cp <= 0x9F) return 1;
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return 1;
    return (cp & 0xFFFE) == 0xFFFE;
}

/* ASCII bytes copied as they are: printable but & < > ", and tab, LF, CR (1). */
static const unsigned char S_plain_tab[256] = {
    [0x09] = 1, [0x0A] = 1, [0x0D] = 1, [0x20] = 1, 1, 0 /* " */, 1, 1, 1,           0 /* & */, 1, 1, 1, 1, 1,
    1,          1,          1,          1,          1, 1,         1, 1, 1,           1,         1, 1, 1, 1, 1,
    1,          0 /* < */,  1,          0 /* > */,  1, 1,         1, 1, 1,           1,         1, 1, 1, 1, 1,
    1,          1,          1,          1,          1, 1,         1, 1, 1,           1,         1, 1, 1, 1, 1,
    1,          1,          1,          1,          1, 1,         1, 1, 1,           1,         1, 1, 1, 1, 1,
    1,          1,          1,          1,          1, 1,         1, 1, 1,           1,         1, 1, 1, 1, 1,
    1,          1,          1,          1,          1, 1,         1, 1, 0 /* DEL */,
};

static int S_plain(unsigned char c) { return S_plain_tab[c]; }

/* Whether the eight bytes at p are all plain (S_plain), exactly. */
static inline int S_plain8(const unsigned char *p)
{
    uint64_t w = word8_load(p);
    if (w & WORD8_HIGHS) return 0;
    return !(word8_bad_ctl(w) | word8_eq(w, '&') | word8_eq(w, '<') | word8_eq(w, '>') | word8_eq(w, '"') |
             word8_eq(w, 0x7F));
}

void html_escape(buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* run: start of the bytes still to copy verbatim */
    while (i < n) {
        while (i + 8 <= n && S_plain8(p + i)) i += 8; /* plain ASCII: nothing to decide */
        while (i < n && S_plain(p[i])) i++;
        if (i >= n) break;
        uint32_t cp = p[i];
        size_t step = 1;
        const char *esc = NULL;
        if (cp >= 0x80) {
            step = utf8_decode(p + i, n - i, &cp);
            if (step == 0) {
                step = 1;
                esc = S_REPLACEMENT;
            }
        }
        if (!esc) {
            switch (cp) {
            case '&': esc = "&amp;"; break;
            case '<': esc = "&lt;"; break;
            case '>': esc = "&gt;"; break;
            case '"': esc = "&quot;"; break;
            default:
                if (S_forbidden(cp)) esc = S_REPLACEMENT;
            }
        }
        if (esc) {
            buf_put(out, s + run, i - run);
            buf_puts(out, esc);
            run = i + step;
        }
        i += step;
    }
    buf_put(out, s + run, n - run);
}

void html_escape_cstr(buf *out, const char *s) { html_escape(out, s, strlen(s)); }
