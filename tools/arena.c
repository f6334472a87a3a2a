/* arena: a region allocator; everything of one document is freed at once. */
#include "arena.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum {
    ARENA_BLOCK = 64 * 1024,
    ARENA_FIRST = 4 * 1024
}; /* blocks double from 4 KiB to 64 KiB:
                                                            a page of a site holds little */

void *arena_alloc_raw(arena *a, size_t want)
{
    size_t n = (want + 15) & ~(size_t)15;
    arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t grow = !a->head ? ARENA_FIRST : a->head->size >= ARENA_BLOCK / 2 ? ARENA_BLOCK : a->head->size * 2;
        size_t size = n > ARENA_BLOCK / 4 ? n : n > grow ? ARENA_BLOCK : grow;
        b = xmalloc(sizeof *b + size);
        b->used = 0;
        b->size = size;
        if (size == n && a->head) { /* a big one-off: keep the current block in front */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    unsigned char *p = b->data + b->used;
    b->used += n;
    memset(p + want, 0, n - want); /* the padding: nothing reads uninitialised bytes past the end */
    return p;
}

void *arena_alloc(arena *a, size_t n)
{
    void *p = arena_alloc_raw(a, n);
    memset(p, 0, (n + 15) & ~(size_t)15);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc_raw(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
