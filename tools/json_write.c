/* json_write: JSON string escaping that always yields valid UTF-8. */
#include "json_write.h"
#include "utf8.h"
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
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1, ['<'] = 2, ['>'] = 2, ['&'] = 2,
    [0x7F] = 1, [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static const uint64_t S_ones = 0x0101010101010101ull, S_highs = 0x8080808080808080ull;

/* Bit 7 of each byte of w that equals b (exact). */
static inline uint64_t S_eq8(uint64_t w, unsigned char b)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t t = w ^ (S_ones * b);
    return ~(((t & low7) + low7) | t) & S_highs;
}

/* Whether none of the eight bytes at p ends a plain run (S_stop & stop), exactly. */
static inline int S_plain8(const unsigned char *p, int html)
{
    uint64_t w;
    memcpy(&w, p, 8);
    if (w & S_highs) return 0;
    uint64_t bad = (~(w + S_ones * 0x60) & S_highs) | S_eq8(w, '"') | S_eq8(w, '\\') | S_eq8(w, 0x7F);
    if (html) bad |= S_eq8(w, '<') | S_eq8(w, '>') | S_eq8(w, '&');
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
