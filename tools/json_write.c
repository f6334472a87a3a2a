/* json_write: JSON string escaping that always yields valid UTF-8. */
#include "json_write.h"
#include "utf8.h"
#include "word8.h"
#include <stdint.h>
#include <string.h>

static void S_u(buf *out, unsigned long v) /* a backslash, u and four lower-case hex digits */
{
    static const char hex[] = "0123456789abcdef";
    char t[6] = {'\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    buf_put(out, t, 6);
}

/* Bytes that end a run of plain ASCII: 1 always (control, DEL, non-ASCII, '"', '\\'),
   2 with JSON_ESC_HTML ('<', '>', '&'). */
static const unsigned char S_stop[256] = {
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1, ['<'] = 2, ['>'] = 2, ['&'] = 2, [0x7F] = 1,
    [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,          1,         1,         1,         1,
    1,          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Whether none of the eight bytes at p ends a plain run (S_stop & stop), exactly. */
static inline int S_plain8(const unsigned char *p, int html)
{
    uint64_t w = word8_load(p);
    if (w & WORD8_HIGHS) return 0;
    uint64_t bad = word8_ctl(w) | word8_eq(w, '"') | word8_eq(w, '\\') | word8_eq(w, 0x7F);
    if (html) bad |= word8_eq(w, '<') | word8_eq(w, '>') | word8_eq(w, '&');
    return !bad;
}

void json_put_escaped(buf *out, const char *s, size_t n, unsigned flags)
{
    unsigned char stop = (flags & JSON_ESC_HTML) ? 3 : 1;
    int html = (flags & JSON_ESC_HTML) != 0;
    size_t i = 0;
    while (i < n) {
        /* Copy a run of plain ASCII at once. */
        size_t j = i;
        const unsigned char *u = (const unsigned char *)s;
        while (j + 8 <= n && S_plain8(u + j, html)) j += 8;
        while (j < n && !(S_stop[u[j]] & stop)) j++;
        if (j > i) buf_put(out, s + i, j - i);
        i = j;
        if (i >= n) break;
        size_t at = i;
        long cp = utf8_next(s, n, &i);
        int valid = cp >= 0;
        if (!valid) cp = 0xFFFD;
        switch (cp) {
        case '"': buf_puts(out, "\\\""); continue;
        case '\\': buf_puts(out, "\\\\"); continue;
        case '\b': buf_puts(out, "\\b"); continue;
        case '\f': buf_puts(out, "\\f"); continue;
        case '\n': buf_puts(out, "\\n"); continue;
        case '\r': buf_puts(out, "\\r"); continue;
        case '\t': buf_puts(out, "\\t"); continue;
        default: break;
        }
        if (cp < 0x20 || cp == 0x7F || cp == '<' || cp == '>' || cp == '&')
            S_u(out, (unsigned long)cp); /* < > & only reach here with JSON_ESC_HTML */
        else if ((flags & JSON_ESC_LINESEP) && (cp == 0x2028 || cp == 0x2029))
            S_u(out, (unsigned long)cp);
        else if ((flags & JSON_ESC_LAYOUT) && valid && (cp < 0xA0 || utf8_is_layout_control((uint32_t)cp)))
            S_u(out, (unsigned long)cp);
        else if ((flags & JSON_ESC_ASCII) && cp >= 0x80) {
            if (cp >= 0x10000) {
                unsigned long v = (unsigned long)cp - 0x10000;
                S_u(out, 0xD800 + (v >> 10));
                S_u(out, 0xDC00 + (v & 0x3FF));
            } else
                S_u(out, (unsigned long)cp);
        } else if (valid)
            buf_put(out, s + at, i - at); /* valid UTF-8 as it was: its own encoding */
        else
            utf8_put(out, (unsigned long)cp);
    }
}

void json_put_stringn(buf *out, const char *s, size_t n, unsigned flags)
{
    buf_putc(out, '"');
    json_put_escaped(out, s, n, flags);
    buf_putc(out, '"');
}

void json_put_string(buf *out, const char *s, unsigned flags)
{
    if (!s) {
        buf_puts(out, "null");
        return;
    }
    json_put_stringn(out, s, strlen(s), flags);
}
