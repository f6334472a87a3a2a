/* word8: eight bytes at a time, for the scanners that copy plain runs of text (escapers,
   UTF-8 checks): one definition of the bit tricks every one of them uses. */
#ifndef FAQ_WORD8_H
#define FAQ_WORD8_H
#include <stdint.h>
#include <string.h>

#define WORD8_ONES 0x0101010101010101ull
#define WORD8_HIGHS 0x8080808080808080ull

/* The eight bytes at p as one word (any alignment). */
static inline uint64_t word8_load(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Bit 7 of each byte of w that equals b, exactly (no false positives). */
static inline uint64_t word8_eq(uint64_t w, unsigned char b)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t t = w ^ (WORD8_ONES * b);
    return ~(((t & low7) + low7) | t) & WORD8_HIGHS;
}

/* Nonzero when w may hold byte b: exact when it does not (0), but a byte after a match may be
   flagged too. Cheaper than word8_eq, for a loop that then looks at the bytes one by one. */
static inline uint64_t word8_maybe(uint64_t w, unsigned char b)
{
    uint64_t t = w ^ (WORD8_ONES * b);
    return (t - WORD8_ONES) & ~t & WORD8_HIGHS;
}

/* Nonzero when w may hold a byte below n (n <= 0x80), as word8_maybe. */
static inline uint64_t word8_maybe_below(uint64_t w, unsigned char n)
{
    return (w - WORD8_ONES * n) & ~w & WORD8_HIGHS;
}

/* Bit 7 of each byte of w below 0x20, exactly. */
static inline uint64_t word8_ctl(uint64_t w)
{
    return ~((w & 0x7F7F7F7F7F7F7F7Full) + WORD8_ONES * 0x60) & ~w & WORD8_HIGHS;
}

/* Bit 7 of each byte of w below 0x20 that is not TAB, LF or CR: the controls text may not hold. */
static inline uint64_t word8_bad_ctl(uint64_t w)
{
    return word8_ctl(w) & ~(word8_eq(w, '\t') | word8_eq(w, '\n') | word8_eq(w, '\r'));
}

#endif
