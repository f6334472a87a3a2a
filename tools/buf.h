/* buf: a growable byte buffer; exporters and reporters write into one. */
#ifndef FAQ_BUF_H
#define FAQ_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *s;    /* always NUL-terminated once anything was written (or after buf_init) */
    size_t len;
    size_t cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b); /* len = 0, keeps memory */
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
char *buf_detach(buf *b); /* returns the string, owned by the caller (free()); b is empty again */

#endif
