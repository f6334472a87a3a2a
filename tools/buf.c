/* buf: a growable byte buffer, optionally flushed to a sink (an export's file). */
#include "buf.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b)
{
    b->cap = 64;
    b->s = xmalloc(b->cap);
    b->s[0] = '\0';
    b->len = 0;
    b->sink = NULL;
    b->sink_arg = NULL;
    b->flush_at = 0;
}

void buf_free(buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

void buf_set_sink(buf *b, buf_sink_fn fn, void *arg)
{
    b->sink = fn;
    b->sink_arg = arg;
}

void buf_flush(buf *b)
{
    if (!b->sink || !b->len) return;
    b->sink(b->sink_arg, b->s, b->len);
    b->len = 0;
    b->s[0] = '\0';
}

static void S_reserve(buf *b, size_t more)
{
    size_t need = b->len + more + 1;
    if (need <= b->cap) return;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < need) nc *= 2;
    b->s = xrealloc(b->s, nc);
    b->cap = nc;
}

/* A buffer with a sink that has reached the flush size sends its bytes on. */
static inline size_t S_flush_at(const buf *b) { return b->flush_at ? b->flush_at : BUF_FLUSH_AT; }

static inline void S_full(buf *b)
{
    if (b->sink && b->len >= S_flush_at(b)) buf_flush(b);
}

void buf_put_slow(buf *b, const char *s, size_t n)
{
    if (b->sink && n >= S_flush_at(b)) { /* large: straight to the sink, no copy */
        buf_flush(b);
        b->sink(b->sink_arg, s, n);
        return;
    }
    S_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    S_full(b);
}

void buf_putc_slow(buf *b, char c)
{
    S_reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
    S_full(b);
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    /* Straight into the room left when it fits (one pass), else measured first. */
    size_t room = b->s && b->cap > b->len ? b->cap - b->len : 0;
    int n = room ? vsnprintf(b->s + b->len, room, fmt, ap2) : vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        if (b->s) b->s[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        S_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
    S_full(b);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *buf_detach(buf *b)
{
    if (!b->s) buf_init(b);
    char *s = b->s;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}
