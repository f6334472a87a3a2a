/* rules_dup: duplicates by hashing, never by comparing every pair: duplicate-question (normalised
   text), near-duplicate-question (the sorted set of content words, with abbreviations learnt from
   the text, and the question word when there is one content word) and duplicate-answer. */
#include "rules_impl.h"
#include "strset.h"
#include "xalloc.h"
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
    return *k = 4, ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                       ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
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
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
    0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    1, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
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
    size_t first_len;    /* length of the long form's first word */
    long next;           /* next abbreviation in the same long-form bucket */
    long snext;          /* next abbreviation in the same short-form bucket */
} S_abbr;

typedef struct S_abbrs {
    S_abbr *v;
    size_t n, cap;
    buf words;
    long bucket[256];    /* by the long form's first word */
    long sbucket[256];   /* by the short form */
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
        if (s[k] >= 'A' && s[k] <= 'Z') upper++;
        else if (caps && s[k] >= 'a' && s[k] <= 'z') return 0;
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

static int S_tok_cmp(const void *x, const void *y)
{
    const S_tok *a = x, *b = y;
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->p, b->p, n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

typedef struct S_scratch {
    buf norm;   /* the question, normalised */
    buf stem;   /* stemmed words */
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

/* Appends to key the sorted, distinct content words of q; returns their number. A question of
   one content word says too little alone ("What is SMP?", "Who is SMP for?"): its key starts
   with its first question word and a '|' (a character no word holds), "what|smp", "|hurt". */
static size_t S_content_key(const rules *r, const S_abbrs *a, S_scratch *sc, const faq_text *q, buf *key)
{
    buf_reset(&sc->norm);
    buf_reset(&sc->stem);
    sc->ntok = 0;
    S_norm(&sc->norm, q->s, q->len, 1, 0);
    const char *s = sc->norm.s ? sc->norm.s : "";
    size_t n = sc->norm.len;
    /* stems first into sc->stem (offsets), since the buffer may move while growing */
    size_t no = 0;
    size_t i = 0;
    const char *wh = NULL;
    size_t whn = 0;
    while (i < n) {
        size_t we = i;
        while (we < n && s[we] != ' ') we++;
        size_t wl = we - i;
        if (!wh && S_wh(s + i, wl)) wh = s + i, whn = wl;
        size_t adv = we + 1;
        const char *out = s + i;
        size_t outn = wl;
        int abbr = 0;
        if (a->n) {
            for (long k = a->bucket[S_bucket(s + i, wl)]; k >= 0; k = a->v[k].next) {
                const S_abbr *x = &a->v[k];
                if (x->l_len <= n - i && !memcmp(a->words.s + x->l_off, s + i, x->l_len) &&
                    (i + x->l_len == n || s[i + x->l_len] == ' ')) {
                    out = a->words.s + x->s_off;
                    outn = x->s_len;
                    adv = i + x->l_len + 1;
                    abbr = 1;
                    break;
                }
            }
        }
        if (!abbr && rules_words_has(&r->stop, s + i, wl)) {
            i = adv;
            continue;
        }
        size_t off = sc->stem.len;
        buf_put(&sc->stem, out, outn);
        if (!abbr && outn > 3) { /* plurals: risks -> risk, therapies -> therapy */
            char *w = sc->stem.s + off;
            if (outn > 4 && !memcmp(w + outn - 3, "ies", 3)) {
                w[outn - 3] = 'y';
                sc->stem.len -= 2;
            } else if (w[outn - 1] == 's' && w[outn - 2] != 's' && w[outn - 2] != 'u' && w[outn - 2] != 'i') {
                sc->stem.len -= 1;
            }
        }
        XGROW(sc->offs, sc->capo, no + 1);
        XGROW(sc->lens, sc->capl, no + 1);
        sc->offs[no] = off;
        sc->lens[no] = sc->stem.len - off;
        no++;
        i = adv;
    }
    XGROW(sc->tok, sc->captok, no + 1);
    for (size_t k = 0; k < no; k++) sc->tok[k] = (S_tok){sc->stem.s + sc->offs[k], sc->lens[k]};
    if (no > 1) qsort(sc->tok, no, sizeof *sc->tok, S_tok_cmp);
    size_t distinct = 0, k0 = key->len;
    for (size_t k = 0; k < no; k++) {
        if (k && !S_tok_cmp(&sc->tok[k - 1], &sc->tok[k])) continue;
        if (distinct) buf_putc(key, ' ');
        buf_put(key, sc->tok[k].p, sc->tok[k].n);
        distinct++;
    }
    if (distinct == 1) { /* the question word in front: wh is in sc->norm, which does not move */
        size_t wn = key->len - k0;
        buf_put(key, "|", 1);
        if (whn) buf_put(key, wh, whn);
        memmove(key->s + k0 + whn + 1, key->s + k0, wn);
        memcpy(key->s + k0, wh ? wh : "", whn);
        key->s[k0 + whn] = '|';
        key->s[key->len] = '\0';
    }
    return distinct;
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
    if (!run->answer_state[i])
        for (size_t j = 0; j < e->answer.n; j++)
            if (e->answer.v[j].s) words = S_norm(out, e->answer.v[j].s, e->answer.v[j].len, 0, words);
    return words;
}

static void S_akey(void *ctx, size_t i, buf *out) { (void)S_akey_words(((S_ctx *)ctx)->run, i, out); }

static void S_ckey(void *ctx, size_t i, buf *out)
{
    S_ctx *c = ctx;
    const faq_text *q = &c->run->doc->entries[i].question;
    buf_reset(out);
    if (q->s) (void)S_content_key(c->run->r, c->a, c->sc, q, out);
}

void rules_check_dups(rules_run *run)
{
    rules_check_dups_part(run, 1, 1);
}

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
        S_tab t;
        S_tab_init(&t, n);
        buf words;
        buf_init(&words);
        for (size_t i = 0; i < n; i++) {
            const faq_text *q = &doc->entries[i].question;
            buf_reset(&key);
            size_t cw = q->s ? S_content_key(r, &a, &sc, q, &key) : 0;
            if (cw < r->thr[T_NEAR_MIN]) continue;
            long prev = S_tab_put(&t, strset_hash(key.s, key.len), i, &key, S_ckey, &ctx, &other);
            if (prev < 0 || dup[i]) continue;
            snprintf(line, sizeof line, "%u", S_qline(run, &doc->entries[prev]));
            buf_reset(&words);
            const char *bar = memchr(key.s, '|', key.len); /* after the question word, if any */
            for (size_t j = bar ? (size_t)(bar - key.s) + 1 : 0; j < key.len; j++) {
                if (key.s[j] == ' ')
                    buf_puts(&words, ", ");
                else
                    buf_putc(&words, key.s[j]);
            }
            fields[3] = words.s;
            rules_report(run, R_NEAR_DUPLICATE, NULL, q, 0, q->len, fields);
            fields[3] = NULL;
        }
        buf_free(&words);
        S_tab_free(&t);
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
