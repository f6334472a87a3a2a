/* strset: a set of strings by hash (open addressing), for uniqueness checks in linear time. */
#include "strset.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

uint64_t strset_hash(const char *s, size_t len)
{
    /* eight bytes at a time, multiplied and folded; the tail in one last word */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xFF51AFD7ED558CCDull);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 32);
}

static struct strset_slot *S_find(const strset *set, const char *s, size_t len, uint64_t h)
{
    size_t mask = set->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct strset_slot *sl = &set->slot[i];
        if (!sl->s) return sl;
        if (sl->h == h && sl->len == len && !memcmp(sl->s, s, len)) return sl;
    }
}

static void S_grow(strset *set)
{
    size_t ocap = set->cap;
    struct strset_slot *old = set->slot;
    set->cap = ocap ? ocap * 2 : 64;
    set->slot = xcalloc(set->cap, sizeof *set->slot);
    for (size_t i = 0; i < ocap; i++)
        if (old[i].s) *S_find(set, old[i].s, old[i].len, old[i].h) = old[i];
    free(old);
}

struct strset_slot *strset_put(strset *set, const char *s, size_t len, size_t value)
{
    if ((set->n + 1) * 4 > set->cap * 3) S_grow(set);
    uint64_t h = strset_hash(s, len);
    struct strset_slot *sl = S_find(set, s, len, h);
    if (sl->s) return sl;
    sl->s = s ? s : "";
    sl->len = len;
    sl->h = h;
    sl->value = value;
    set->n++;
    return NULL;
}

struct strset_slot *strset_get(const strset *set, const char *s, size_t len)
{
    if (!set->cap) return NULL;
    struct strset_slot *sl = S_find(set, s, len, strset_hash(s, len));
    return sl->s ? sl : NULL;
}

void strset_free(strset *set)
{
    free(set->slot);
    memset(set, 0, sizeof *set);
}
