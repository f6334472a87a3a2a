/* arena: a region allocator; everything of one document is freed at once. */
#ifndef FAQ_ARENA_H
#define FAQ_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

void *arena_alloc(arena *a, size_t n); /* zeroed, 16-byte aligned; freed by arena_free */
void *arena_alloc_raw(arena *a, size_t n); /* the same, but only the bytes past n are zeroed */
char *arena_strndup(arena *a, const char *s, size_t n); /* copies n bytes and adds a NUL */
void arena_free(arena *a); /* frees every block; the arena is empty again */

#endif
