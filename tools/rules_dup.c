/* rules_dup: duplicates by hashing, never by comparing every pair: duplicate-question (normalised
   text), near-duplicate-question (the sorted set of content words, with abbreviations learnt from
   the text, and the question word when there is one content word) and duplicate-answer. */
#include "arena.h"
#include "rules_impl.h"
#include "strset.h"
#include "xalloc.h"
#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ABBR_MAX = 4096 };

/* ---- normalising text ---- */

static uint32_t S_decode(const unsigned char *s, size_t n, size_t *k)
{
    unsigned char c = s[0];
    if (c < 0xC0 || n < 2) return *k = 1, 0xFFFD;
    if (c < 0xE0) return *k = 2, ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    if (c < 0xF0 || n < 4) {
        if (n < 3) return *k = n, 0xFFFD;
        return *k = 3, ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    return *k = 4,
           ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) |
               (s[3] & 0x3F);
}

static int S_is_quote(uint32_t cp)
{
    return cp == '\'' || cp == '"' || cp == '`' || cp == 0xB4 || cp == 0xAB || cp == 0xBB ||
        (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2039 || cp == 0x203A;
}

static int S_is_sep(uint32_t cp) /* white space and punctuation outside ASCII */
{
    return (cp >= 0x80 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 || cp == 0xF7 ||
        (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        cp == 0xFEFF || cp == 0xFFFD;
}

/* ASCII folding: a letter or digit in lower case, 0 a separator, 1 a quote, 2 not ASCII
   (a constant table: both rule threads read it, nothing writes it). */
static const unsigned char S_fold[256] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   1,   0,   0,   0,   0,   1,   0,   0,   0,   0,
    0,   0,   0,   0,   48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  0,   0,   0,   0,   0,   0,   0,   97,
    98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
    120, 121, 122, 0,   0,   0,   0,   0,   1,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109,
    110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,
};

/* Appends s folded: words of letters and digits in lower case (ASCII and Latin-1), one space
   between words; quotes vanish ("don't" -> "dont"); other punctuation and white space separate
   words. With clip, an apostrophe drops the rest of its word instead ("what's" -> "what").
   words: the number of words already in this key (a space goes before the next); returns the
   new number. */
static size_t S_norm(buf *out, const char *s, size_t n, int clip, size_t words)
{
    if (out->cap < out->len + n + 2) { /* folding never grows a character; a space per byte at most */
        size_t nc = out->cap ? out->cap : 64;
        while (nc < out->len + n + 2) nc *= 2;
        out->s = xrealloc(out->s, nc);
        out->cap = nc;
    }
    char *o = out->s + out->len;
    int inword = 0, skipping = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i], f = S_fold[c];
        if (f > 2) { /* a run of ASCII letters and digits, folded */
            if (skipping) {
                i++;
                continue;
            }
            if (!inword) {
                if (words) *o++ = ' ';
                words++;
                inword = 1;
            }
            do {
                *o++ = (char)f;
                i++;
            } while (i < n && (f = S_fold[u[i]]) > 2);
            continue;
        }
        if (f == 0) { /* other ASCII: separates words */
            i++;
            inword = skipping = 0;
            continue;
        }
        if (f == 1) { /* ASCII quote: vanishes */
            i++;
            if (clip && inword && c == '\'') skipping = 1;
            continue;
        }
        size_t k = 1;
        uint32_t cp = S_decode(u + i, n - i, &k);
        if (S_is_quote(cp)) {
            if (clip && inword && cp == 0x2019) skipping = 1;
        } else if (S_is_sep(cp)) {
            inword = skipping = 0;
        } else if (!skipping) {
            if (!inword) {
                if (words) *o++ = ' ';
                words++;
                inword = 1;
            }
            if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
                uint32_t l = cp + 32; /* Latin-1 upper to lower */
                *o++ = (char)(0xC0 | (l >> 6));
                *o++ = (char)(0x80 | (l & 0x3F));
            } else {
                memcpy(o, s + i, k);
                o += k;
            }
        }
        i += k;
    }
    out->len = (size_t)(o - out->s);
    out->s[out->len] = '\0';
    return words;
}

/* ---- hash tables: 64-bit hashes of keys; equal hashes are checked by rebuilding both keys ---- */

typedef struct S_tab {
    uint64_t *h;
    uint32_t *item; /* item + 1; 0 = empty */
    size_t cap;
} S_tab;

static void S_tab_init(S_tab *t, size_t n)
{
    t->cap = 64;
    while (t->cap < n * 2) t->cap *= 2;
    t->h = xcalloc(t->cap, sizeof *t->h);
    t->item = xcalloc(t->cap, sizeof *t->item);
}

static void S_tab_free(S_tab *t)
{
    free(t->h);
    free(t->item);
}

/* Writes the key of item into out (reset first). */
typedef void (*S_keyfn)(void *ctx, size_t item, buf *out);

/* Inserts item (key in key, hash h); returns the earlier item with the same key, or -1. */
static long S_tab_put(S_tab *t, uint64_t h, size_t item, const buf *key, S_keyfn fn, void *ctx, buf *other)
{
    size_t j = h & (t->cap - 1);
    while (t->item[j]) {
        size_t it = t->item[j] - 1;
        if (t->h[j] == h) {
            fn(ctx, it, other);
            if (other->len == key->len && !memcmp(other->s, key->s, key->len)) return (long)it;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->h[j] = h;
    t->item[j] = (uint32_t)(item + 1);
    return -1;
}

/* ---- abbreviations: "Scalp Micropigmentation (SMP)", "SMP (Scalp Micropigmentation)" ---- */

typedef struct S_abbr {
    size_t s_off, s_len; /* the short form, normalised, in words buffer */
    size_t l_off, l_len; /* the long form, normalised words */
    size_t first_len; /* length of the long form's first word */
    long next; /* next abbreviation in the same long-form bucket */
    long snext; /* next abbreviation in the same short-form bucket */
} S_abbr;

typedef struct S_abbrs {
    S_abbr *v;
    size_t n, cap;
    buf words;
    long bucket[256]; /* by the long form's first word */
    long sbucket[256]; /* by the short form */
} S_abbrs;

static int S_al(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

static unsigned char S_lc(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* Schwartz and Hearst's algorithm: the shortest tail of l whose letters hold the short form's
   letters in order, the first at a word start. Returns the tail's start in l, or -1. */
static long S_long_form(const char *sh, size_t sn, const char *l, size_t ln)
{
    long si = (long)sn - 1, li = (long)ln - 1;
    while (si >= 0) {
        unsigned char c = S_lc((unsigned char)sh[si]);
        if (!S_al(c)) {
            si--;
            continue;
        }
        while ((li >= 0 && S_lc((unsigned char)l[li]) != c) || (si == 0 && li > 0 && S_al((unsigned char)l[li - 1])))
            li--;
        if (li < 0) return -1;
        li--;
        si--;
    }
    li++;
    while (li > 0 && l[li - 1] != ' ') li--;
    return li;
}

static unsigned S_bucket(const char *w, size_t n) { return (unsigned)(strset_hash(w, n) & 255); }

/* Records the short form sh (sn bytes) of the long form l (ln bytes), unless the short form is
   already known. */
static void S_abbr_add(S_abbrs *a, const char *sh, size_t sn, const char *l, size_t ln)
{
    size_t s_off = a->words.len;
    S_norm(&a->words, sh, sn, 0, 0);
    size_t s_len = a->words.len - s_off;
    unsigned sb = S_bucket(a->words.s + s_off, s_len);
    int known = 0;
    for (long k = a->sbucket[sb]; k >= 0 && !known; k = a->v[k].snext)
        if (a->v[k].s_len == s_len && !memcmp(a->words.s + a->v[k].s_off, a->words.s + s_off, s_len)) known = 1;
    size_t l_off = a->words.len;
    S_norm(&a->words, l, ln, 0, 0);
    size_t l_len = a->words.len - l_off;
    if (known || !l_len) {
        a->words.len = s_off;
        return;
    }
    XGROW(a->v, a->cap, a->n + 1);
    S_abbr *x = &a->v[a->n];
    x->s_off = s_off, x->s_len = s_len, x->l_off = l_off, x->l_len = l_len;
    const char *sp = memchr(a->words.s + l_off, ' ', l_len);
    x->first_len = sp ? (size_t)(sp - (a->words.s + l_off)) : l_len;
    unsigned bk = S_bucket(a->words.s + l_off, x->first_len);
    x->next = a->bucket[bk];
    a->bucket[bk] = (long)a->n;
    x->snext = a->sbucket[sb];
    a->sbucket[sb] = (long)a->n;
    a->n++;
}

/* A short form: 2 to 10 letters and digits, the first a capital, at least two capitals; with
   caps, no small letter at all. */
static int S_short_form(const char *s, size_t n, int caps)
{
    size_t upper = 0;
    if (n < 2 || n > 10 || !(s[0] >= 'A' && s[0] <= 'Z')) return 0;
    for (size_t k = 0; k < n; k++) {
        if (!S_al((unsigned char)s[k])) return 0;
        if (s[k] >= 'A' && s[k] <= 'Z')
            upper++;
        else if (caps && s[k] >= 'a' && s[k] <= 'z')
            return 0;
    }
    return upper >= 2;
}

/* Words of at most maxw words in s[0..n) (single spaces or more between them), or 0. */
static size_t S_count_words(const char *s, size_t n, size_t maxw)
{
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && (k == 0 || s[k - 1] == ' ') && ++w > maxw) return 0;
    return w;
}

/* Learns "Scalp Micropigmentation (SMP)" and "SMP (Scalp Micropigmentation)". */
static void S_abbr_learn(S_abbrs *a, const faq_text *t)
{
    const char *s = t->s;
    if (!s) return;
    for (const char *p = memchr(s, '(', t->len); p && a->n < ABBR_MAX;
         p = memchr(p + 1, '(', t->len - (size_t)(p + 1 - s))) {
        size_t i = (size_t)(p - s) + 1, j = i;
        while (j < t->len && j - i <= 10 && S_al((unsigned char)s[j])) j++;
        size_t sn = j - i;
        size_t e = (size_t)(p - s);
        while (e > 0 && s[e - 1] == ' ') e--;
        if (j >= t->len || s[j] != ')' || !S_short_form(s + i, sn, 0)) {
            /* the reverse form: an all-capitals word, then the long form alone in parentheses */
            size_t ws = e;
            while (ws > 0 && S_al((unsigned char)s[ws - 1])) ws--;
            size_t wn = e - ws;
            if (!wn || (ws > 0 && (unsigned char)s[ws - 1] >= 0x80) || !S_short_form(s + ws, wn, 1)) continue;
            size_t q = i;
            while (q < t->len && q - i < 200 && s[q] != ')' && s[q] != '(' && s[q] != '.' && s[q] != ',' &&
                   s[q] != ';' && s[q] != ':' && s[q] != '\n')
                q++;
            if (q >= t->len || s[q] != ')') continue;
            size_t lb = i, le = q;
            while (lb < le && s[lb] == ' ') lb++;
            while (le > lb && s[le - 1] == ' ') le--;
            size_t maxw = wn + 5 < wn * 2 ? wn + 5 : wn * 2;
            if (le - lb <= wn || !S_count_words(s + lb, le - lb, maxw)) continue;
            if (S_long_form(s + ws, wn, s + lb, le - lb) != 0) continue;
            S_abbr_add(a, s + ws, wn, s + lb, le - lb);
            continue;
        }
        /* up to min(|A| + 5, 2|A|) words before the '(' in the same clause */
        size_t maxw = sn + 5 < sn * 2 ? sn + 5 : sn * 2;
        size_t b = e, w = 0;
        while (b > 0 && w < maxw) {
            char c = s[b - 1];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' ||
                c == '\n')
                break;
            if (c == ' ' && b < e && s[b] != ' ') w++;
            if (c == ' ' && w >= maxw) break;
            b--;
        }
        while (b < e && s[b] == ' ') b++;
        if (b >= e) continue;
        long lf = S_long_form(s + i, sn, s + b, e - b);
        if (lf < 0) continue;
        const char *l = s + b + lf;
        size_t ln = e - b - (size_t)lf;
        if (ln <= sn) continue;
        S_abbr_add(a, s + i, sn, l, ln);
    }
}

static void S_abbr_learn_paras(S_abbrs *a, const faq_paras *p)
{
    for (size_t i = 0; i < p->n; i++) S_abbr_learn(a, &p->v[i]);
}

/* ---- content words ---- */

typedef struct S_tok {
    const char *p;
    size_t n;
} S_tok;

typedef struct S_scratch {
    buf norm; /* the question, normalised */
    buf stem; /* stemmed words */
    S_tok *tok;
    size_t ntok, captok;
    size_t *offs, *lens; /* each stemmed word in stem */
    size_t capo, capl;
} S_scratch;

/* Is s[0..n) a question word (what, who, why, where, when, which, how, ...)? */
static int S_wh(const char *s, size_t n)
{
    static const char *const wh[] = {"what", "who", "whom", "whose", "why", "where", "when", "which", "how"};
    for (size_t k = 0; k < sizeof wh / sizeof *wh; k++)
        if (strlen(wh[k]) == n && !memcmp(wh[k], s, n)) return 1;
    return 0;
}

/* ---- near-duplicates by meaning ----

   Each question becomes a set of tokens: its content words stemmed (Snowball's English
   stemmer, each distinct word stemmed once), words and phrases of one meaning folded to one
   token by a small table of FAQ synonyms ("jab" = "vaccination", "get in touch" = "contact",
   "hurt" = "painful"), and its intent, when it has one: the price (how much, cost, fee,
   charge, price), a duration (how long), a number (how many) or a speed (how fast). Two
   questions are near-duplicates when their sets are equal, or when one holds the other and
   at most one more token (two with an intent), the smaller set having at least two words
   besides its intent ("What does a full groom cost?" meets "How much is a full groom for a
   large dog?"; "How long is the first session?" stays apart from "How long is a session?"). A
   question that asks for the price and names nothing but the subject of the whole FAQ (its
   words in at least an eighth of the questions) meets the other general price question
   ("What are your prices?" and "How much does laser hair removal cost?"). A set is a sum of
   its tokens' hashes, so the sets one token smaller are found by subtraction: each question
   is looked up and inserted a few times in hash tables, never compared with every other. */

static unsigned S_qline(const rules_run *run, const faq_entry *e);

enum { IN_NONE, IN_PRICE, IN_DURATION, IN_COUNT, IN_SPEED, IN_N };
static const char *const S_intent_name[IN_N] = {"", "price", "how long", "how many", "how fast"};

typedef struct S_syn {
    const char *from, *to; /* to: a token, or "#N" an intent */
} S_syn;

static const S_syn S_SYN[] = {
    {"how much time", "#2"},
    {"how much", "#1"},
    {"how long", "#2"},
    {"how many", "#3"},
    {"how fast", "#4"},
    {"how quickly", "#4"},
    {"how quick", "#4"},
    {"how soon", "#4"},
    {"cost", "#1"},
    {"costs", "#1"},
    {"price", "#1"},
    {"prices", "#1"},
    {"pricing", "#1"},
    {"priced", "#1"},
    {"fee", "#1"},
    {"fees", "#1"},
    {"charge", "#1"},
    {"charges", "#1"},
    {"rate", "#1"},
    {"rates", "#1"},
    {"tariff", "#1"},
    {"tariffs", "#1"},
    {"expensive", "#1"},
    {"afford", "#1"},
    {"duration", "#2"},
    {"hurt", "pain"},
    {"hurts", "pain"},
    {"painful", "pain"},
    {"sore", "pain"},
    {"ache", "pain"},
    {"aches", "pain"},
    {"uncomfortable", "pain"},
    {"recovery", "heal"},
    {"recover", "heal"},
    {"recovering", "heal"},
    {"recuperate", "heal"},
    {"recuperation", "heal"},
    {"healing", "heal"},
    {"heals", "heal"},
    {"treatment", "session"},
    {"treatments", "session"},
    {"appointment", "session"},
    {"appointments", "session"},
    {"visit", "session"},
    {"visits", "session"},
    {"sessions", "session"},
    {"vaccination", "vaccine"},
    {"vaccinations", "vaccine"},
    {"vaccines", "vaccine"},
    {"jab", "vaccine"},
    {"jabs", "vaccine"},
    {"inoculation", "vaccine"},
    {"inoculations", "vaccine"},
    {"booster", "vaccine"},
    {"boosters", "vaccine"},
    {"need", "need"},
    {"needs", "need"},
    {"needed", "need"},
    {"require", "need"},
    {"requires", "need"},
    {"required", "need"},
    {"necessary", "need"},
    {"quote", "quote"},
    {"quotes", "quote"},
    {"estimate", "quote"},
    {"estimates", "quote"},
    {"quotation", "quote"},
    {"quotations", "quote"},
    {"get in touch", "contact"},
    {"reach you", "contact"},
    {"speak to", "contact"},
    {"talk to", "contact"},
    {"pay in instalments", "instalment"},
    {"pay in installments", "instalment"},
    {"pay monthly", "instalment"},
    {"payment plan", "instalment"},
    {"payment plans", "instalment"},
    {"spread the cost", "instalment"},
    {"instalments", "instalment"},
    {"installment", "instalment"},
    {"installments", "instalment"},
    {"finance", "instalment"},
    {"swap", "change"},
    {"switch", "change"},
    {"reschedule", "change"},
    {"rearrange", "change"},
    {"fit", "install"},
    {"fits", "install"},
    {"fitting", "install"},
    {"installation", "install"},
    {"kids", "child"},
    {"kid", "child"},
    {"children", "child"},
    {"insurance", "insure"},
    {"insured", "insure"},
    {"insurer", "insure"},
    {"insurers", "insure"},
    {"refund", "refund"},
    {"refunds", "refund"},
    {"money back", "refund"},
};
/* with the price: words that only say which price ("the pricing tiers", "your price list") */
static const char *const S_PRICE_ONLY[] = {"tier", "tiers", "list", "structure", "breakdown", "hourly", NULL};
enum { S_SYN_N = sizeof S_SYN / sizeof *S_SYN, S_PHRASE_MAXW = 3 };

static uint64_t S_mix(uint64_t x) /* splitmix64's finaliser */
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* a map of 64-bit keys to items, open addressing, growing */
typedef struct S_map {
    uint64_t *k;
    uint32_t *v; /* item + 1; 0 = empty */
    size_t cap, n;
} S_map;

static void S_map_free(S_map *m)
{
    free(m->k);
    free(m->v);
}

static long S_map_get(const S_map *m, uint64_t k)
{
    if (!m->cap) return -1;
    for (size_t j = k & (m->cap - 1); m->v[j]; j = (j + 1) & (m->cap - 1))
        if (m->k[j] == k) return (long)m->v[j] - 1;
    return -1;
}

static void S_map_put(S_map *m, uint64_t k, size_t item) /* keeps the first item of a key */
{
    if ((m->n + 1) * 2 > m->cap) {
        S_map o = *m;
        m->cap = o.cap ? o.cap * 2 : 256;
        m->k = xcalloc(m->cap, sizeof *m->k);
        m->v = xcalloc(m->cap, sizeof *m->v);
        m->n = 0;
        for (size_t j = 0; j < o.cap; j++)
            if (o.v[j]) S_map_put(m, o.k[j], o.v[j] - 1);
        S_map_free(&o);
    }
    size_t j = k & (m->cap - 1);
    for (; m->v[j]; j = (j + 1) & (m->cap - 1))
        if (m->k[j] == k) return;
    m->k[j] = k;
    m->v[j] = (uint32_t)(item + 1);
    m->n++;
}

/* What a distinct word is, found once per document: a stop word, the first word of a phrase
   of the table, a token (its hash), an intent. */
typedef struct S_wd {
    uint64_t h; /* the token's hash (0: a stop word) */
    unsigned char in; /* IN_... when the word is an intent */
    unsigned char first; /* it starts a phrase of the table */
    unsigned char price_only;
} S_wd;

typedef struct S_near {
    struct sb_stemmer *st;
    strset words; /* folded word -> index in wd */
    S_wd *wd;
    size_t nwd, capwd;
    arena mem; /* the words' text */
    strset phrase; /* the table's phrases of several words -> index in S_SYN */
    strset syn1; /* its single words */
} S_near;

static uint64_t S_tok_hash(const char *s, size_t n) { return S_mix(strset_hash(s, n)) | 1; }

static void S_near_init(S_near *nr)
{
    memset(nr, 0, sizeof *nr);
    nr->st = sb_stemmer_new("english", NULL);
    for (size_t k = 0; k < S_SYN_N; k++) {
        const char *f = S_SYN[k].from;
        strset_put(strchr(f, ' ') ? &nr->phrase : &nr->syn1, f, strlen(f), k);
    }
}

static void S_near_free(S_near *nr)
{
    if (nr->st) sb_stemmer_delete(nr->st);
    strset_free(&nr->words);
    strset_free(&nr->phrase);
    strset_free(&nr->syn1);
    free(nr->wd);
    arena_free(&nr->mem);
}

static void S_wd_of_syn(S_wd *w, size_t k)
{
    const char *to = S_SYN[k].to;
    if (to[0] == '#')
        w->in = (unsigned char)(to[1] - '0'), w->h = 0;
    else
        w->h = S_tok_hash(to, strlen(to));
}

/* The entry of word s[0..n) (folded, one word). */
static const S_wd *S_word_of(S_near *nr, const rules *r, const char *s, size_t n)
{
    struct strset_slot *sl = strset_get(&nr->words, s, n);
    if (sl) return &nr->wd[sl->value];
    XGROW(nr->wd, nr->capwd, nr->nwd + 1);
    S_wd *w = &nr->wd[nr->nwd];
    memset(w, 0, sizeof *w);
    for (size_t k = 0; k < S_SYN_N; k++) /* once per distinct word */
        if (strchr(S_SYN[k].from, ' ') && !strncmp(S_SYN[k].from, s, n) && S_SYN[k].from[n] == ' ') w->first = 1;
    for (const char *const *p = S_PRICE_ONLY; *p; p++)
        if (strlen(*p) == n && !memcmp(*p, s, n)) w->price_only = 1;
    struct strset_slot *y = strset_get(&nr->syn1, s, n);
    if (y) {
        S_wd_of_syn(w, y->value);
    } else if (rules_words_has(&r->stop, s, n)) {
        w->h = 0;
    } else {
        const sb_symbol *st = nr->st ? sb_stemmer_stem(nr->st, (const sb_symbol *)s, (int)n) : NULL;
        if (st)
            w->h = S_tok_hash((const char *)st, (size_t)sb_stemmer_length(nr->st));
        else
            w->h = S_tok_hash(s, n);
    }
    strset_put(&nr->words, arena_strndup(&nr->mem, s, n), n, nr->nwd);
    return &nr->wd[nr->nwd++];
}

/* One question's tokens. */
typedef struct S_qtok {
    uint64_t *h; /* distinct token hashes */
    const char **w; /* their first surface word (in sc->norm) */
    size_t *wn;
    size_t n, cap;
    int in; /* IN_... */
    uint64_t wh; /* hash of its first question word (what, who, ...), or 0 */
} S_qtok;

static void S_qtok_add(S_qtok *qt, uint64_t h, const char *w, size_t wn)
{
    for (size_t k = 0; k < qt->n; k++)
        if (qt->h[k] == h) return;
    if (qt->n == qt->cap) {
        qt->cap = qt->cap ? qt->cap * 2 : 16;
        qt->h = xrealloc(qt->h, qt->cap * sizeof *qt->h);
        qt->w = xrealloc(qt->w, qt->cap * sizeof *qt->w);
        qt->wn = xrealloc(qt->wn, qt->cap * sizeof *qt->wn);
    }
    qt->h[qt->n] = h, qt->w[qt->n] = w, qt->wn[qt->n] = wn;
    qt->n++;
}

/* Fills qt with the tokens of q (abbreviations learnt from the text count as one word). */
static void S_tokens(S_near *nr, const rules *r, const S_abbrs *a, S_scratch *sc, const faq_text *q, S_qtok *qt)
{
    qt->n = 0, qt->in = IN_NONE, qt->wh = 0;
    buf_reset(&sc->norm);
    if (!q->s) return;
    S_norm(&sc->norm, q->s, q->len, 1, 0);
    const char *s = sc->norm.s ? sc->norm.s : "";
    size_t n = sc->norm.len;
    int price_only = 0;
    for (size_t i = 0; i < n;) {
        size_t we = i;
        while (we < n && s[we] != ' ') we++;
        size_t wl = we - i, adv = we + 1;
        if (!qt->wh && S_wh(s + i, wl)) qt->wh = S_tok_hash(s + i, wl);
        int abbr = 0;
        if (a->n) {
            for (long k = a->bucket[S_bucket(s + i, wl)]; k >= 0; k = a->v[k].next) {
                const S_abbr *x = &a->v[k];
                if (x->l_len <= n - i && !memcmp(a->words.s + x->l_off, s + i, x->l_len) &&
                    (i + x->l_len == n || s[i + x->l_len] == ' ')) {
                    S_qtok_add(qt, S_tok_hash(a->words.s + x->s_off, x->s_len), a->words.s + x->s_off, x->s_len);
                    adv = i + x->l_len + 1;
                    abbr = 1;
                    break;
                }
            }
        }
        if (abbr) {
            i = adv;
            continue;
        }
        const S_wd *w = S_word_of(nr, r, s + i, wl);
        if (w->first) { /* the longest phrase of the table that starts here */
            size_t e = we, best = 0, bk = 0;
            for (int m = 2; m <= S_PHRASE_MAXW && e < n; m++) {
                e++;
                while (e < n && s[e] != ' ') e++;
                struct strset_slot *p = strset_get(&nr->phrase, s + i, e - i);
                if (p) best = e, bk = p->value;
            }
            if (best) {
                S_wd pw;
                memset(&pw, 0, sizeof pw);
                S_wd_of_syn(&pw, bk);
                if (pw.in) {
                    if (!qt->in) qt->in = pw.in;
                } else {
                    S_qtok_add(qt, pw.h, s + i, best - i);
                }
                i = best + 1;
                continue;
            }
        }
        if (w->in) {
            if (!qt->in) qt->in = w->in;
        } else if (w->h) {
            if (w->price_only) price_only = 1;
            S_qtok_add(qt, w->h, s + i, wl);
        }
        i = adv;
    }
    if (qt->in == IN_PRICE && price_only) { /* "the pricing tiers": the price alone */
        size_t o = 0;
        for (size_t k = 0; k < qt->n; k++) {
            const S_wd *w = S_word_of(nr, r, qt->w[k], qt->wn[k]);
            if (w->price_only) continue;
            qt->h[o] = qt->h[k], qt->w[o] = qt->w[k], qt->wn[o] = qt->wn[k], o++;
        }
        qt->n = o;
    }
}

static uint64_t S_intent_hash(int in) { return S_mix(0x1A7E47ull + (uint64_t)in); }
static const uint64_t S_GENERAL = 0x6E6E52A1ull;

/* The sum of q's tokens, its intent, and (one token, no intent) its question word. */
static uint64_t S_set_hash(const S_qtok *qt)
{
    uint64_t k = 0;
    for (size_t j = 0; j < qt->n; j++) k += qt->h[j];
    if (qt->in)
        k += S_intent_hash(qt->in);
    else if (qt->n == 1 && qt->wh)
        k += S_mix(qt->wh);
    return k;
}

/* The words of the shared set: the intent, then each token of qt but those left out (skip1,
   skip2: indices, or (size_t)-1). */
static void S_near_words(buf *out, const S_qtok *qt, size_t skip1, size_t skip2)
{
    buf_reset(out);
    if (qt->in) buf_puts(out, S_intent_name[qt->in]);
    for (size_t j = 0; j < qt->n; j++) {
        if (j == skip1 || j == skip2) continue;
        if (out->len) buf_puts(out, ", ");
        buf_put(out, qt->w[j], qt->wn[j]);
    }
    if (!out->s) buf_puts(out, "");
}

static void S_check_near(rules_run *run, const S_abbrs *a, S_scratch *sc, const unsigned char *dup)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    size_t n = doc->nentries;
    S_near nr;
    S_near_init(&nr);
    S_qtok qt;
    memset(&qt, 0, sizeof qt);
    /* how many questions hold each token: the subject of the FAQ is in many */
    S_map df;
    memset(&df, 0, sizeof df);
    uint32_t *dfc = NULL;
    size_t ndf = 0, capdf = 0;
    for (size_t i = 0; i < n; i++) {
        S_tokens(&nr, r, a, sc, &doc->entries[i].question, &qt);
        for (size_t j = 0; j < qt.n; j++) {
            long d = S_map_get(&df, qt.h[j]);
            if (d < 0) {
                XGROW(dfc, capdf, ndf + 1);
                dfc[ndf] = 0;
                S_map_put(&df, qt.h[j], ndf);
                d = (long)ndf++;
            }
            dfc[d]++;
        }
    }
    S_map full, sup;
    memset(&full, 0, sizeof full);
    memset(&sup, 0, sizeof sup);
    char line[24];
    const char *fields[] = {"line", line, "words", NULL, NULL};
    buf words;
    buf_init(&words);
    enum { S_DEL1_MAX = 8, S_DEL2_MAX = 5 };
    const size_t none = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        const faq_text *q = &doc->entries[i].question;
        S_tokens(&nr, r, a, sc, q, &qt);
        size_t real = qt.n + (qt.in ? 1 : 0);
        if (!real || real < r->thr[T_NEAR_MIN]) continue;
        uint64_t k = S_set_hash(&qt);
        size_t maxdel = qt.in ? 2 : 1;
        /* which tokens name the subject of the whole FAQ; a smaller set must name more */
        unsigned topic = 0, ntopic = 0; /* bits of the first 32 tokens */
        for (size_t j = 0; j < qt.n && j < 32; j++) {
            long d = S_map_get(&df, qt.h[j]);
            if (d >= 0 && dfc[d] >= 3 && (size_t)dfc[d] * 8 >= n) topic |= 1u << j, ntopic++;
        }
        long prev = S_map_get(&full, k);
        size_t s1 = none, s2 = none;
        if (prev < 0 && qt.n >= 2 && ntopic < qt.n) prev = S_map_get(&sup, k); /* an earlier question holds this one */
        for (size_t j = 0; prev < 0 && j < qt.n && qt.n <= S_DEL1_MAX && qt.n >= 3; j++) {
            if (ntopic + !(topic >> j & 1) >= qt.n) continue; /* only the subject would be left */
            prev = S_map_get(&full, k - qt.h[j]);
            if (prev >= 0) s1 = j;
        }
        for (size_t j = 0; prev < 0 && maxdel == 2 && j < qt.n && qt.n <= S_DEL2_MAX && qt.n >= 4; j++)
            for (size_t j2 = j + 1; prev < 0 && j2 < qt.n; j2++) {
                if (ntopic + !(topic >> j & 1) + !(topic >> j2 & 1) >= qt.n) continue;
                prev = S_map_get(&full, k - qt.h[j] - qt.h[j2]);
                if (prev >= 0) s1 = j, s2 = j2;
            }
        int general = qt.in == IN_PRICE && ntopic == qt.n; /* the general price question */
        if (general) {
            if (general && prev < 0) {
                prev = S_map_get(&full, S_GENERAL);
                if (prev >= 0) s1 = s2 = none, qt.n = 0;
            }
        }
        S_map_put(&full, k, i);
        if (general) S_map_put(&full, S_GENERAL, i);
        if (qt.n <= S_DEL1_MAX && qt.n >= 3)
            for (size_t j = 0; j < qt.n; j++) S_map_put(&sup, k - qt.h[j], i);
        if (maxdel == 2 && qt.n <= S_DEL2_MAX && qt.n >= 4)
            for (size_t j = 0; j < qt.n; j++)
                for (size_t j2 = j + 1; j2 < qt.n; j2++) S_map_put(&sup, k - qt.h[j] - qt.h[j2], i);
        if (prev < 0 || dup[i]) continue;
        snprintf(line, sizeof line, "%u", S_qline(run, &doc->entries[prev]));
        S_near_words(&words, &qt, s1, s2);
        fields[3] = words.s;
        rules_report(run, R_NEAR_DUPLICATE, NULL, q, 0, q->len, fields);
        fields[3] = NULL;
    }
    buf_free(&words);
    S_map_free(&full);
    S_map_free(&sup);
    S_map_free(&df);
    free(dfc);
    free(qt.h);
    free(qt.w);
    free(qt.wn);
    S_near_free(&nr);
}

/* ---- the rules ---- */

static unsigned S_qline(const rules_run *run, const faq_entry *e)
{
    unsigned line = 0, col = 0;
    faq_text_linecol(run->doc, &e->question, 0, &line, &col);
    return line;
}

/* Key builders for the tables (also used to confirm equal hashes). */
typedef struct S_ctx {
    const rules_run *run;
    const S_abbrs *a;
    S_scratch *sc;
} S_ctx;

static void S_qkey(void *ctx, size_t i, buf *out)
{
    const faq_text *q = &((S_ctx *)ctx)->run->doc->entries[i].question;
    buf_reset(out);
    if (q->s) S_norm(out, q->s, q->len, 0, 0);
}

static size_t S_akey_words(const rules_run *run, size_t i, buf *out)
{
    const faq_entry *e = &run->doc->entries[i];
    size_t words = 0;
    buf_reset(out);
    if (run->answer_state[i] == ANSWER_GIVEN)
        for (size_t j = 0; j < e->answer.n; j++)
            if (e->answer.v[j].s) words = S_norm(out, e->answer.v[j].s, e->answer.v[j].len, 0, words);
    return words;
}

static void S_akey(void *ctx, size_t i, buf *out) { (void)S_akey_words(((S_ctx *)ctx)->run, i, out); }

void rules_check_dups(rules_run *run) { rules_check_dups_part(run, 1, 1); }

void rules_check_dups_part(rules_run *run, int questions, int answers)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    size_t n = doc->nentries;
    int dq = questions && r->def[R_DUPLICATE_QUESTION].sev != SEV_OFF,
        nd = questions && r->def[R_NEAR_DUPLICATE].sev != SEV_OFF,
        da = answers && r->def[R_DUPLICATE_ANSWER].sev != SEV_OFF;
    if (!n || !(dq || nd || da)) return;
    char line[24];
    const char *fields[] = {"line", line, "words", NULL, NULL};
    unsigned char *dup = xcalloc(n, 1);
    buf key, other;
    buf_init(&key);
    buf_init(&other);
    S_scratch sc;
    memset(&sc, 0, sizeof sc);
    S_abbrs a;
    memset(&a, 0, sizeof a);
    memset(a.bucket, 0xFF, sizeof a.bucket); /* -1 */
    memset(a.sbucket, 0xFF, sizeof a.sbucket);
    buf_init(&a.words);
    S_ctx ctx = {run, &a, &sc};

    /* duplicate-question: the folded question */
    if (dq || nd) {
        S_tab t;
        S_tab_init(&t, n);
        for (size_t i = 0; i < n; i++) {
            S_qkey(&ctx, i, &key);
            if (!key.len) continue;
            long prev = S_tab_put(&t, strset_hash(key.s, key.len), i, &key, S_qkey, &ctx, &other);
            if (prev < 0) continue;
            dup[i] = 1;
            if (!dq) continue;
            const faq_text *q = &doc->entries[i].question;
            snprintf(line, sizeof line, "%u", S_qline(run, &doc->entries[prev]));
            rules_report(run, R_DUPLICATE_QUESTION, NULL, q, 0, q->len, fields);
        }
        S_tab_free(&t);
    }

    /* near-duplicate-question: the same sorted set of content words */
    if (nd) {
        if (doc->title.s) S_abbr_learn(&a, &doc->title);
        S_abbr_learn_paras(&a, &doc->intro);
        for (size_t i = 0; i < n; i++) {
            S_abbr_learn(&a, &doc->entries[i].question);
            S_abbr_learn_paras(&a, &doc->entries[i].answer);
        }
        S_abbr_learn_paras(&a, &doc->conclusion);
        S_check_near(run, &a, &sc, dup);
    }

    /* duplicate-answer: the folded text of every paragraph */
    if (da) {
        S_tab t;
        S_tab_init(&t, n);
        for (size_t i = 0; i < n; i++) {
            size_t words = S_akey_words(run, i, &key);
            if (!key.len || words < r->thr[T_DUPANS_MIN]) continue;
            long prev = S_tab_put(&t, strset_hash(key.s, key.len), i, &key, S_akey, &ctx, &other);
            if (prev < 0) continue;
            const faq_text *a0 = &doc->entries[i].answer.v[0];
            snprintf(line, sizeof line, "%u", S_qline(run, &doc->entries[prev]));
            rules_report(run, R_DUPLICATE_ANSWER, NULL, a0, 0, a0->len, fields);
        }
        S_tab_free(&t);
    }
    buf_free(&key);
    buf_free(&other);
    buf_free(&sc.norm);
    buf_free(&sc.stem);
    free(sc.tok);
    free(sc.offs);
    free(sc.lens);
    free(a.v);
    buf_free(&a.words);
    free(dup);
}

void rules_check_dup_questions(rules_run *run) { rules_check_dups_part(run, 1, 0); }

void rules_check_dup_answers(rules_run *run) { rules_check_dups_part(run, 0, 1); }
