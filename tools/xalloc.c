/* xalloc: allocation wrappers that abort on out-of-memory. */
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *S_check(void *p)
{
    if (!p) {
        fputs("faq: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xmalloc(size_t n) { return S_check(malloc(n ? n : 1)); }
void *xcalloc(size_t n, size_t sz) { return S_check(calloc(n ? n : 1, sz ? sz : 1)); }
void *xrealloc(void *p, size_t n) { return S_check(realloc(p, n ? n : 1)); }
char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
