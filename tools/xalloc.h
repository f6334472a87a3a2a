/* xalloc: allocation wrappers that abort on out-of-memory, so no caller tests for NULL. */
#ifndef FAQ_XALLOC_H
#define FAQ_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n); /* returns new; caller frees with free() */
void *xcalloc(size_t n, size_t sz); /* returns new, zeroed */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n); /* copies n bytes and adds a NUL */

/* Grow *v (of element size sz) so that it holds at least need elements. */
#define XGROW(v, cap, need)                                                                                            \
    do {                                                                                                               \
        if ((need) > (cap)) {                                                                                          \
            size_t nc_ = (cap) ? (cap)*2 : 8;                                                                          \
            while (nc_ < (need)) nc_ *= 2;                                                                             \
            (v) = xrealloc((v), nc_ * sizeof *(v));                                                                    \
            (cap) = nc_;                                                                                               \
        }                                                                                                              \
    } while (0)

#endif
