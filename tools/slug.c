/* slug: a stable entry id made from a question's text alone. */
#include "slug.h"
#include "utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { S_CUT = 60 };

/* Whether cp (not ASCII) is a letter or digit for an id. Every code point kept is an XML
   NameChar, and all but the combining marks (U+0300-U+036F) a NameStartChar; punctuation,
   symbols, spaces and emoji are left out. */
static int S_word(uint32_t cp)
{
    /* the question marks and commas of other scripts, inside the ranges kept below */
    if (cp == 0x055E || cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x1367) return 0;
    static const uint32_t keep[][2] = {
        {0x00AA, 0x00AA}, {0x00B5, 0x00B5}, {0x00BA, 0x00BA},   {0x00C0, 0x00D6},   {0x00D8, 0x00F6},
        {0x00F8, 0x036F}, {0x0370, 0x037D}, {0x037F, 0x0386},   {0x0388, 0x1FFF},   {0x2C00, 0x2DFF},
        {0x3040, 0xD7FF}, {0xF900, 0xFDCF}, {0xFDF0, 0xFDFF},   {0xFF10, 0xFF19},   {0xFF21, 0xFF3A},
        {0xFF41, 0xFF5A}, {0xFF66, 0xFFDC}, {0x10000, 0x1EFFF}, {0x20000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        if (cp >= keep[i][0] && cp <= keep[i][1]) return 1;
    return 0;
}

/* Lower case for the scripts that have it and that FAQs use most: Latin-1, Latin Extended-A,
   Greek, Cyrillic (other letters as they are). */
static uint32_t S_lower(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    if (cp >= 0x100 && cp <= 0x17F) {
        int odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (cp == 0x130 || cp == 0x138 || cp == 0x149 || cp == 0x178 || cp == 0x17F) return cp;
        return (odd_upper ? cp % 2 == 1 : cp % 2 == 0) ? cp + 1 : cp;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    return cp;
}

/* FNV-1a, not strset_hash: these digits are published in @ids and anchors, so they must stay
   the same whatever the in-memory tables come to use. */
static uint32_t S_fnv(uint32_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 16777619u;
    return h;
}

size_t slug_make(const char *s, size_t n, char *out)
{
    char slug[S_CUT + 8]; /* the first S_CUT bytes or so, then the cut */
    size_t k = 0, cut = 0; /* cut: length at the last word end that fits */
    int dash = 0, truncated = 0, seen = 0;
    uint32_t h = 2166136261u; /* hash of the whole slug, for a truncated one */
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp = u[i];
        size_t len = 1;
        if (cp >= 0x80) {
            len = utf8_decode(u + i, n - i, &cp);
            if (!len) len = 1, cp = 0xFFFD;
        }
        i += len;
        int ascii_word = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        if (!ascii_word && !(cp >= 0x80 && S_word(cp) && !utf8_is_layout_control(cp))) { /* no bidi control in an id */
            if (cp != '\'' && cp != 0x2019) dash = 1; /* apostrophes vanish: "don't" -> "dont" */
            continue;
        }
        char enc[4];
        size_t m;
        if (cp < 0x80)
            enc[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), m = 1;
        else
            m = utf8_encode(S_lower(cp), enc);
        if (dash && seen) {
            h = S_fnv(h, "-", 1);
            if (!truncated) {
                cut = k; /* a word ends here */
                if (k + 1 + m > S_CUT)
                    truncated = 1;
                else
                    slug[k++] = '-';
            }
        }
        dash = 0, seen = 1;
        h = S_fnv(h, enc, m);
        if (!truncated) {
            if (k + m > S_CUT)
                truncated = 1;
            else
                memcpy(slug + k, enc, m), k += m;
        }
    }
    if (truncated && cut) k = cut; /* at the last word boundary */
    size_t o = 0;
    if (!k) { /* no letter or digit at all: a hash of the text itself */
        return (size_t)snprintf(out, SLUG_MAX, "q-%08x", (unsigned)S_fnv(2166136261u, s, n));
    }
    uint32_t first;
    if (utf8_decode((const unsigned char *)slug, k, &first) == 0) first = 0;
    if ((slug[0] >= '0' && slug[0] <= '9') || (first >= 0x300 && first <= 0x36F)) memcpy(out, "q-", 2), o = 2;
    memcpy(out + o, slug, k);
    o += k;
    if (truncated) o += (size_t)snprintf(out + o, SLUG_MAX - o, "-%06x", (unsigned)(h & 0xFFFFFF));
    out[o] = '\0';
    return o;
}

char *slug_unique(strset *ids, arena *mem, const char *s, size_t n)
{
    char base[SLUG_MAX];
    size_t nb = slug_make(s, n, base); /* from the text alone: a stable @id */
    char id[SLUG_MAX + 24];
    memcpy(id, base, nb + 1);
    size_t nid = nb;
    struct strset_slot *taken = strset_get(ids, id, nid);
    if (taken) {
        size_t k = taken->value > 2 ? taken->value : 2;
        do nid = (size_t)snprintf(id, sizeof id, "%s-%zu", base, k++);
        while (strset_get(ids, id, nid));
        taken->value = k;
    }
    char *c = arena_strndup(mem, id, nid);
    strset_put(ids, c, nid, 2);
    return c;
}
