/* buf: a growable byte buffer; exporters and reporters write into one. */
#ifndef FAQ_BUF_H
#define FAQ_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* Where a buffer with a sink sends its bytes (see buf_set_sink). */
typedef void (*buf_sink_fn)(void *arg, const char *s, size_t n);

typedef struct buf {
    char *s; /* always NUL-terminated once anything was written (or after buf_init) */
    size_t len;
    size_t cap;
    buf_sink_fn sink; /* NULL: everything stays in s */
    void *sink_arg;
    size_t flush_at; /* with a sink: flush once this many bytes are held (BUF_FLUSH_AT when 0) */
} buf;

/* Once a buffer with a sink holds BUF_FLUSH_AT bytes, they go to the sink and the buffer is
   empty again (a write of that many bytes or more goes to the sink at once): an export is
   streamed to its file through at most that much memory. */
enum { BUF_FLUSH_AT = 1u << 20 };

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b); /* len = 0, keeps memory */
void buf_put_slow(buf *b, const char *s, size_t n); /* buf_put when the bytes may not fit */
void buf_putc_slow(buf *b, char c);
void buf_flush(buf *b); /* sends what b holds to its sink (nothing without one) */

/* Appends n bytes (inline when they fit: exporters append many short pieces). */
static inline void buf_put(buf *b, const char *s, size_t n)
{
    if (b->len + n < b->cap && n < 4096) {
        memcpy(b->s + b->len, s, n);
        b->len += n;
        b->s[b->len] = '\0';
        if (b->sink && b->len >= (b->flush_at ? b->flush_at : BUF_FLUSH_AT)) buf_flush(b);
        return;
    }
    buf_put_slow(b, s, n);
}

static inline void buf_puts(buf *b, const char *s) { buf_put(b, s, __builtin_strlen(s)); }

static inline void buf_putc(buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
        if (b->sink && b->len >= (b->flush_at ? b->flush_at : BUF_FLUSH_AT)) buf_flush(b);
        return;
    }
    buf_putc_slow(b, c);
}

void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
char *buf_detach(buf *b); /* returns the string, owned by the caller (free()); b is empty again */
/* From now on, b sends its bytes to fn(arg, ...) in order (what it holds already first, at the
   next flush); b->s then holds only the bytes not sent yet. b->flush_at may then be set to
   another flush size. */
void buf_set_sink(buf *b, buf_sink_fn fn, void *arg);

#endif
