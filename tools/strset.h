/* strset: a set of strings by hash (open addressing), for uniqueness checks in linear time. */
#ifndef FAQ_STRSET_H
#define FAQ_STRSET_H
#include <stddef.h>
#include <stdint.h>

typedef struct strset {
    struct strset_slot {
        const char *s;
        size_t len;
        uint64_t h;
        size_t value;
    } * slot;
    size_t cap, n;
} strset;

uint64_t strset_hash(const char *s, size_t len); /* 64-bit, eight bytes at a time */
/* Looks s up; when absent inserts it with value and returns NULL, else returns the existing
   slot (its value is the one first inserted). s is borrowed: it must outlive the set. */
struct strset_slot *strset_put(strset *set, const char *s, size_t len, size_t value);
struct strset_slot *strset_get(const strset *set, const char *s, size_t len);
void strset_free(strset *set);

#endif
