/* rules_text: the pattern rules: unsupported-claim (with hedges and sources), meta-commentary,
   and missing-answer (no answer, or only a placeholder). */
#include "rules_impl.h"
#include <pthread.h>
#include <string.h>

enum { PHRASE_MAX_CP = 60, HEDGE_SCOPE_BYTES = 400 };

/* The matched text for a message: white space runs folded to one space, at most
   PHRASE_MAX_CP code points (then "..."). */
static void S_phrase(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0, cps = 0;
    int space = 0;
    for (size_t i = 0; i < n && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if ((c & 0xC0) != 0x80) {
            if (cps == PHRASE_MAX_CP) {
                memcpy(out + o, "...", 3);
                o += 3;
                break;
            }
            if (space && o) out[o++] = ' ', cps++;
            space = 0;
            cps++;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
}

static int S_mark_index(const rules_run *run, size_t n)
{
    PCRE2_SPTR m = pcre2_get_mark(run->md);
    if (!m || *m == 'e') return -1;
    size_t i = 0;
    for (; *m >= '0' && *m <= '9'; m++) i = i * 10 + (size_t)(*m - '0');
    return i < n ? (int)i : -1;
}

/* ---- missing-answer ---- */

static int S_is_placeholder(rules_run *run, const faq_text *t, int *which)
{
    const rules_family *f = &run->r->placeholder;
    if (run->limit_hit[FAM_PLACEHOLDER] == 2) run->limit_hit[FAM_PLACEHOLDER] = 0; /* that text only */
    if (!f->re || run->limit_hit[FAM_PLACEHOLDER]) return 0;
    int rc = rules_match(run, f, FAM_PLACEHOLDER, f->re, t, t->len, 0, 0);
    if (rc < 0) return 0;
    *which = S_mark_index(run, f->n);
    return 1;
}

void rules_check_answers(rules_run *run)
{
    const faq_doc *doc = run->doc;
    int off = run->r->def[R_MISSING_ANSWER].sev == SEV_OFF;
    for (size_t i = 0; i < doc->nentries; i++) {
        const faq_entry *e = &doc->entries[i];
        size_t nonempty = 0;
        for (size_t j = 0; j < e->answer.n; j++)
            if (e->answer.v[j].len) nonempty++;
        if (!nonempty) {
            run->answer_state[i] = ANSWER_NONE;
            if (!off) rules_report(run, R_MISSING_ANSWER, "none", &e->question, 0, e->question.len, NULL);
            continue;
        }
        int all = 1, which = -1;
        for (size_t j = 0; j < e->answer.n && all; j++)
            if (e->answer.v[j].len && !S_is_placeholder(run, &e->answer.v[j], &which)) all = 0;
        if (!all) continue;
        run->answer_state[i] = ANSWER_PLACEHOLDER;
        if (off) continue;
        const faq_text *a = NULL;
        for (size_t j = 0; j < e->answer.n && !a; j++)
            if (e->answer.v[j].len) a = &e->answer.v[j];
        char phrase[320];
        S_phrase(phrase, sizeof phrase, a->s, a->len);
        const char *fields[] = {"phrase", phrase, NULL};
        rules_report(run, R_MISSING_ANSWER, "placeholder", a, 0, a->len, fields);
    }
}

/* ---- hedges ---- */

/* The word at s[i..) for hedges: letters, digits, apostrophes (' and U+2019) and other
   non-ASCII characters. Returns its end. */
static size_t S_word_end(const char *s, size_t i, size_t end)
{
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80)
            i++;
        else
            break;
    }
    return i;
}

static size_t S_skip_nonword(const char *s, size_t i, size_t end)
{
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80) break;
        i++;
    }
    return i;
}

/* ---- the scope of a hedge ----

   A hedge softens a claim after it in the same clause. The clause starts after the sentence
   before it, a ';' or ':', a comma, or a word that starts a clause (and, but, so, while,
   however, whereas, although, though). What a hedge softens depends on the kind of word it is
   (which words are hedges is data, in the rules file; the grammar of these few function words
   is here):
   - a negation (not, never, no, cannot, isn't, ...) only a claim at most S_NEG_WORDS words
     after it ("is not painless", "cannot be guaranteed"), and not as "not just", "not only";
   - a modal (may, might, can, could) only a claim at most S_MODAL_WORDS words after it ("SMP
     can be painless", but not "you can rest assured it is 100% safe"); a guarantee with a modal
     is still a guarantee: the claim patterns include the modal ("we can guarantee");
   - a condition (if, whether, unless) only in its own clause, up to a comma ("If you want a
     lasting look, SMP is permanent" is a claim);
   - a restrictive condition (provided, providing, assuming) the rest of its sentence: "Provided
     you keep out of the sun, treatment is safe" states no claim without the condition;
   - any other hedge (some, often, usually, in most cases, ...) anywhere in the clause, and
     from a short introductory phrase before a comma ("Generally, SMP is painless").
   Articles and adverbs such as "always", "completely" are not counted ("may not always be
   completely painless"). Claims joined by "and", "or" or a comma are governed as the first is
   ("may be safe and effective", "can be quick, effective and painless"). */

enum { S_NEG_WORDS = 3, S_MODAL_WORDS = 2, S_INTRO_WORDS = 3, S_MAX_TRIES = 8, S_MAXW = HEDGE_SCOPE_BYTES + 2 };
enum { H_NONE, H_GENERAL, H_NEG, H_MODAL, H_COND, H_SCOND };
/* Words that join: "and" starts a clause or joins two claims, "or" joins, "so" starts a clause
   unless right before the claim ("not so effective"), the others start a clause. */
enum { B_NONE, B_AND, B_OR, B_SO, B_CLAUSE };

typedef struct S_word {
    unsigned short b, e; /* offsets from the scope's start */
    unsigned char comma; /* a comma (then white space) separates it from the word before */
    unsigned char bound; /* B_... */
    unsigned char hedge; /* H_... */
    unsigned char hn; /* words the hedge spans */
    unsigned char intens; /* just, only, merely, simply: "not just" is no negation */
    unsigned char adv; /* always, completely, the, ...: not counted between a hedge and its claim */
    unsigned char first; /* the first word of a hedge of several words */
} S_word;

/* The function words the scope depends on, with what each is: a hedge's kind (when the word is
   a hedge in the rules file), B_... (a word that joins), or F_INTENS / F_ADV. */
enum { F_INTENS = 1, F_ADV = 2 };
typedef struct S_func {
    const char *w;
    unsigned char len, hedge, bound, flags;
} S_func;
static const S_func S_FUNCS[] = {
    {"not", 3, H_NEG, 0, 0},
    {"never", 5, H_NEG, 0, 0},
    {"no", 2, H_NEG, 0, 0},
    {"cannot", 6, H_NEG, 0, 0},
    {"can't", 5, H_NEG, 0, 0},
    {"isn't", 5, H_NEG, 0, 0},
    {"aren't", 6, H_NEG, 0, 0},
    {"doesn't", 7, H_NEG, 0, 0},
    {"don't", 5, H_NEG, 0, 0},
    {"won't", 5, H_NEG, 0, 0},
    {"wasn't", 6, H_NEG, 0, 0},
    {"weren't", 7, H_NEG, 0, 0},
    {"wouldn't", 8, H_NEG, 0, 0},
    {"couldn't", 8, H_NEG, 0, 0},
    {"shouldn't", 9, H_NEG, 0, 0},
    {"nobody", 6, H_NEG, 0, 0},
    {"nothing", 7, H_NEG, 0, 0},
    {"hardly", 6, H_NEG, 0, 0},
    {"nor", 3, H_NEG, 0, 0},
    {"may", 3, H_MODAL, 0, 0},
    {"might", 5, H_MODAL, 0, 0},
    {"can", 3, H_MODAL, 0, 0},
    {"could", 5, H_MODAL, 0, 0},
    {"if", 2, H_COND, 0, 0},
    {"whether", 7, H_COND, 0, 0},
    {"unless", 6, H_COND, 0, 0},
    {"provided", 8, H_SCOND, 0, 0},
    {"providing", 9, H_SCOND, 0, 0},
    {"assuming", 8, H_SCOND, 0, 0},
    {"and", 3, 0, B_AND, 0},
    {"or", 2, 0, B_OR, 0},
    {"so", 2, 0, B_SO, 0},
    {"but", 3, 0, B_CLAUSE, 0},
    {"while", 5, 0, B_CLAUSE, 0},
    {"however", 7, 0, B_CLAUSE, 0},
    {"whereas", 7, 0, B_CLAUSE, 0},
    {"although", 8, 0, B_CLAUSE, 0},
    {"though", 6, 0, B_CLAUSE, 0},
    {"just", 4, 0, 0, F_INTENS},
    {"only", 4, 0, 0, F_INTENS},
    {"merely", 6, 0, 0, F_INTENS},
    {"simply", 6, 0, 0, F_INTENS},
    {"always", 6, 0, 0, F_ADV},
    {"completely", 10, 0, 0, F_ADV},
    {"totally", 7, 0, 0, F_ADV},
    {"entirely", 8, 0, 0, F_ADV},
    {"fully", 5, 0, 0, F_ADV},
    {"necessarily", 11, 0, 0, F_ADV},
    {"really", 6, 0, 0, F_ADV},
    {"truly", 5, 0, 0, F_ADV},
    {"also", 4, 0, 0, F_ADV},
    {"still", 5, 0, 0, F_ADV},
    {"quite", 5, 0, 0, F_ADV},
    {"very", 4, 0, 0, F_ADV},
    {"absolutely", 10, 0, 0, F_ADV},
    {"perfectly", 9, 0, 0, F_ADV},
    {"exactly", 7, 0, 0, F_ADV},
    {"virtually", 9, 0, 0, F_ADV},
    {"nearly", 6, 0, 0, F_ADV},
    {"almost", 6, 0, 0, F_ADV},
    {"relatively", 10, 0, 0, F_ADV},
    {"largely", 7, 0, 0, F_ADV},
    {"mostly", 6, 0, 0, F_ADV},
    {"practically", 11, 0, 0, F_ADV},
    {"essentially", 11, 0, 0, F_ADV},
    {"effectively", 11, 0, 0, F_ADV},
    {"the", 3, 0, 0, F_ADV},
    {"a", 1, 0, 0, F_ADV},
    {"an", 2, 0, 0, F_ADV},
};

enum { S_FUNC_N = sizeof S_FUNCS / sizeof *S_FUNCS, S_FUNC_MAXLEN = 11 };
/* S_FUNCS by length: S_by_len[S_len_at[n] .. S_len_at[n + 1]) are the entries of length n
   (filled once, by S_ctx_init). */
static unsigned char S_by_len[S_FUNC_N], S_len_at[S_FUNC_MAXLEN + 2];

static void S_funcs_init(void)
{
    size_t o = 0;
    for (unsigned n = 0; n <= S_FUNC_MAXLEN; n++) {
        S_len_at[n] = (unsigned char)o;
        for (size_t k = 0; k < S_FUNC_N; k++)
            if (S_FUNCS[k].len == n) S_by_len[o++] = (unsigned char)k;
    }
    S_len_at[S_FUNC_MAXLEN + 1] = (unsigned char)o;
}

/* The entry of folded word w (n bytes), or NULL. */
static const S_func *S_func_of(const char *w, size_t n)
{
    if (n > S_FUNC_MAXLEN) return NULL;
    for (unsigned k = S_len_at[n]; k < S_len_at[n + 1]; k++) {
        const S_func *fn = &S_FUNCS[S_by_len[k]];
        if (fn->w[0] == w[0] && !memcmp(fn->w, w, n)) return fn;
    }
    return NULL;
}

/* Is there a comma followed by white space in s[a..b)? */
static int S_comma_in(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] == ',' && (i + 1 == b || s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == '\t')) return 1;
    return 0;
}

/* The hedge of several words that starts at word k of w (n words in s), or 0: its length in
   words. */
static size_t S_multi_hedge(const rules *r, const char *s, const S_word *w, size_t k, size_t n)
{
    char fw[192];
    size_t len = rules_fold_word(s + w[k].b, (size_t)(w[k].e - w[k].b), fw, 64);
    if (!len) return 0;
    for (size_t j = 1; j < r->hedge_maxw && k + j < n; j++) {
        const S_word *x = &w[k + j];
        if (x->comma || len + 2 + (size_t)(x->e - x->b) > sizeof fw) return 0;
        fw[len++] = ' ';
        size_t n2 = rules_fold_word(s + x->b, (size_t)(x->e - x->b), fw + len, sizeof fw - len);
        if (!n2) return 0;
        len += n2;
        if (rules_words_has(&r->hedge_set, fw, len)) return j + 1;
    }
    return 0;
}

/* Where the clause that ends before word end starts: after the nearest clause-starting word
   (and, but, ..., "so" only with so_last or when it is not the word just before end), or at
   the nearest comma (*comma = 1), else at word 0. */
static size_t S_clause_start(const S_word *w, size_t end, int so_last, int *comma)
{
    *comma = 0;
    for (size_t k = end; k-- > 0;) {
        if (w[k].bound == B_AND || w[k].bound == B_CLAUSE || (w[k].bound == B_SO && (so_last || k + 1 != end)))
            return k + 1;
        if (w[k].comma) {
            *comma = 1;
            return k;
        }
    }
    return 0;
}

/* Is a claim at word position eff (after the words w[0..eff); comma: a comma right before it)
   hedged by one of the n words w? cnt[k]: the words before w[k] that count for distance. neg:
   negations count (not after a comma: "No needles, no pain" is a claim). */
static int S_scope_hedged(const S_word *w, size_t n, const unsigned short *cnt, size_t eff, int comma, int neg)
{
    /* the clause: back to a clause-starting word or a comma; conditions: back to a comma */
    size_t cs = eff, pcs = eff;
    int cs_comma = comma;
    if (!comma) {
        pcs = 0;
        cs = S_clause_start(w, eff, 0, &cs_comma);
        for (size_t k = eff; k-- > 0;)
            if (w[k].comma) {
                pcs = k;
                break;
            }
    }
    for (size_t k = 0; k < pcs; k++)
        if (w[k].hedge == H_SCOND) return 1;
    for (size_t k = pcs; k < eff; k++) {
        const S_word *x = &w[k];
        if (!x->hedge || k + x->hn > eff) continue;
        size_t gap = (size_t)(cnt[eff] - cnt[k + x->hn]); /* words between, but adverbs ("not always") */
        switch (x->hedge) {
        case H_GENERAL:
            if (k >= cs) return 1;
            break;
        case H_COND:
        case H_SCOND: return 1;
        case H_NEG:
            if (neg && k >= cs && gap <= S_NEG_WORDS && !(k + 1 < n && w[k + 1].intens)) return 1;
            break;
        case H_MODAL:
            if (k >= cs && gap <= S_MODAL_WORDS) return 1;
            break;
        }
    }
    /* short phrases before a comma: "Generally, ...", "In most cases, ...", "It is, for some, ..." */
    for (size_t end = cs; cs_comma && end > 0;) {
        int st_comma;
        size_t st = S_clause_start(w, end, 1, &st_comma);
        if (end - st > S_INTRO_WORDS) break;
        for (size_t k = st; k < end; k++)
            if (w[k].hedge == H_GENERAL && k + w[k].hn <= end) return 1;
        if (!st_comma) break;
        end = st;
    }
    return 0;
}

/* A claim at offset m of t is hedged (see above). Looks at most HEDGE_SCOPE_BYTES back. */
static int S_hedged(rules_run *run, const faq_text *t, size_t m)
{
    const rules *r = run->r;
    if (!r->hedge_set.n) return 0;
    const char *s = t->s;
    size_t lo = m > HEDGE_SCOPE_BYTES ? m - HEDGE_SCOPE_BYTES : 0;
    size_t i = m;
    while (i > lo) { /* the start of the sentence, or a later ';' or ':' */
        char c = s[i - 1];
        int ws_after = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
        if ((c == '.' || c == '!' || c == '?' || c == ':') && ws_after) break;
        if (c == ';') break;
        i--;
    }
    while (i > lo && i < m && S_word_end(s, i - 1, i) == i) i++; /* start at a word boundary */
    const char *b = s + i;
    size_t len = m - i;
    /* the words before the claim */
    S_word w[S_MAXW];
    size_t n = 0, prev_end = 0;
    char f[64];
    for (size_t p = S_skip_nonword(b, 0, len); p < len && n < S_MAXW; p = S_skip_nonword(b, p, len)) {
        size_t e = S_word_end(b, p, len);
        S_word *x = &w[n++];
        memset(x, 0, sizeof *x);
        x->b = (unsigned short)p, x->e = (unsigned short)e;
        x->comma = (unsigned char)(n > 1 && S_comma_in(b, prev_end, p));
        size_t fl = rules_fold_word(b + p, e - p, f, sizeof f);
        if (fl) {
            const S_func *fn = S_func_of(f, fl);
            if (fn) {
                x->bound = fn->bound;
                x->intens = (unsigned char)(fn->flags & F_INTENS);
                x->adv = (unsigned char)(fn->flags & F_ADV);
            }
            x->first = (unsigned char)(r->hedge_maxw > 1 && rules_words_has(&r->hedge_first, f, fl));
            if (rules_words_has(&r->hedge_set, f, fl)) {
                x->hedge = fn && fn->hedge ? fn->hedge : H_GENERAL;
                x->hn = 1;
            }
        }
        prev_end = e;
        p = e;
    }
    int claim_comma = n && S_comma_in(b, prev_end, len);
    unsigned short cnt[S_MAXW + 1]; /* cnt[k]: words before word k that are not adverbs */
    cnt[0] = 0;
    for (size_t k = 0; k < n; k++) cnt[k + 1] = (unsigned short)(cnt[k] + !w[k].adv);
    for (size_t k = 0; k < n; k++) { /* hedges of several words: anywhere in the clause */
        size_t hn = w[k].first ? S_multi_hedge(r, b, w, k, n) : 0;
        if (hn) w[k].hedge = H_GENERAL, w[k].hn = (unsigned char)hn;
    }
    /* Coordinated claims ("X and CLAIM", "X, CLAIM") are governed as X is: the claim is tried
       at its own place, then at each X before it ("It is, in most cases, painless" is hedged
       at its own place, "can be quick, effective and painless" at "quick"). */
    size_t eff = n;
    int neg = 1;
    for (int tries = 0; tries < S_MAX_TRIES; tries++) {
        int comma = eff == n ? claim_comma : w[eff].comma;
        if (S_scope_hedged(w, n, cnt, eff, comma, neg)) return 1;
        if (!tries) { /* a claim of absence is no negated item of a list: "no risks and no pain" */
            size_t ce = S_word_end(s, m, t->len);
            size_t fl = rules_fold_word(s + m, ce - m, f, sizeof f);
            const S_func *fn = fl ? S_func_of(f, fl) : NULL;
            if (fn && fn->hedge == H_NEG) neg = 0;
        }
        if (eff >= 2 && !comma && (w[eff - 1].bound == B_AND || w[eff - 1].bound == B_OR)) {
            eff -= 2;
        } else if (eff >= 1 && comma) {
            eff -= 1;
            neg = 0;
        } else {
            break;
        }
    }
    return 0;
}

/* The character before a position: 0 not a word character (or none), 1 an ASCII word
   character, 2 part of a non-ASCII character (either). */
static unsigned char S_ctx[256];
static pthread_once_t S_ctx_once = PTHREAD_ONCE_INIT;
static void S_ctx_init(void)
{
    S_funcs_init();
    for (unsigned c = 0; c < 256; c++)
        S_ctx[c] = (unsigned char)(c >= 0x80 ? 2
                                       : ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                          c == '_')
                                       ? 1
                                       : 0);
}

/* The anchored alternation to try at p, or NULL when no match can start there. */
static const pcre2_code *S_at(const rules_family *f, const unsigned char *u, size_t len, size_t p)
{
    unsigned c1 = u[p], c2 = p + 1 < len ? u[p + 1] : 0;
    unsigned bit = 1u << (c2 % 8), k = c2 / 8;
    int ctx = p ? S_ctx[u[p - 1]] : 0;
    if (ctx < 2) {
        if (!(f->pairs[ctx][c1][k] & bit)) return NULL;
        return c1 < 0x80 ? f->subs[f->sub[ctx][c1] - 1] : f->re_at;
    }
    if (!((f->pairs[0][c1][k] | f->pairs[1][c1][k]) & bit)) return NULL;
    if (c1 >= 0x80 || (f->sub[0][c1] && f->sub[1][c1])) return f->re_at;
    return f->subs[(f->sub[0][c1] ? f->sub[0][c1] : f->sub[1][c1]) - 1];
}

/* The length of the word character at u[p] that a match cannot start right after (\w under
   UCP): an ASCII letter, digit or '_' (1), a Latin letter U+00C0..U+027F but for the signs
   U+00D7 and U+00F7, or a Cyrillic letter U+0400..U+047F (2); 0 for anything else. So that a
   run of accented letters is skipped as fast as a run of ASCII ones. */
static inline size_t S_word_len(const unsigned char *u, size_t p, size_t len)
{
    unsigned c = u[p];
    if (c < 0x80) return S_ctx[c] == 1;
    if (p + 1 >= len || (u[p + 1] & 0xC0) != 0x80) return 0;
    if (c == 0xC3) return u[p + 1] != 0x97 && u[p + 1] != 0xB7 ? 2 : 0;
    return (c >= 0xC4 && c <= 0xC9) || c == 0xD0 || c == 0xD1 ? 2 : 0;
}

/* Past the word character at u[p] and the word characters right after it; p + 1 when u[p]
   starts none. */
static inline size_t S_skip_word(const unsigned char *u, size_t p, size_t len)
{
    size_t w = S_word_len(u, p, len);
    if (!w) return p + 1;
    for (p += w; p < len && (w = S_word_len(u, p, len)) != 0;) p += w;
    return p;
}

/* Finds the next match of family f in t at or after at: anchored tries only where the
   prefilter allows one (one pass over the text), or unanchored matching without a prefilter.
   Returns 1 with the match in run->md, 0 at the end (or when a limit stopped the family). */
static int S_next(rules_run *run, int fam, const rules_family *f, const faq_text *t, size_t at)
{
    const unsigned char *u = (const unsigned char *)t->s;
    if (f->full_scan || !f->pairs || !f->re_at) return rules_match(run, f, fam, f->re, t, t->len, at, 0) > 0;
    size_t len = t->len, p = at;
    if (!f->mid) { /* only at word starts and non-word characters: skip the rest of each word */
        if (p > 0 && p < len && S_ctx[u[p - 1]] == 1)
            while (p < len && S_ctx[u[p]] == 1) p++;
        while (p < len) {
            const pcre2_code *re = S_at(f, u, len, p);
            if (re) {
                int rc = rules_match(run, f, fam, re, t, len, p, 0);
                if (rc > 0) return 1;
                if (run->limit_hit[fam]) return 0;
            }
            p = S_skip_word(u, p, len);
        }
        return 0;
    }
    for (; p < t->len; p++) {
        const pcre2_code *re = S_at(f, u, t->len, p);
        if (!re) continue;
        int rc = rules_match(run, f, fam, re, t, t->len, p, 0);
        if (rc > 0) return 1;
        if (run->limit_hit[fam]) return 0;
    }
    return 0;
}

/* A claim waiting to be reported: claims later in the same sentence join it, so that one
   sentence that stacks claims ("100% of fleas instantly and protects for life") gives one
   finding naming the whole phrase, in the category of the first. */
typedef struct S_pend {
    const faq_text *t; /* NULL: none */
    size_t s, e;
    int pi;
} S_pend;

static void S_flush(rules_run *run, S_pend *pd)
{
    if (!pd->t) return;
    const rules_family *f = &run->r->claim;
    const faq_text *t = pd->t;
    char phrase[320];
    S_phrase(phrase, sizeof phrase, t->s + pd->s, pd->e - pd->s);
    const char *fields[] = {"phrase",   phrase,
                            "category", pd->pi >= 0 ? f->cats[f->v[pd->pi].cat] : "custom",
                            "source",   run->claim_src ? run->claim_src : "",
                            NULL};
    rules_report(run, R_CLAIM, run->claim_msg, t, pd->s, pd->e, fields);
    pd->t = NULL;
}

/* Does a sentence end in t between a and b? */
static int S_sentence_between(const faq_text *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        char c = t->s[i];
        if ((c == '.' || c == '!' || c == '?' || c == ';') &&
            (i + 1 == t->len || t->s[i + 1] == ' ' || t->s[i + 1] == '\n' || t->s[i + 1] == '\t'))
            return 1;
    }
    return 0;
}

static int S_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int S_lower(char c) { return c >= 'a' && c <= 'z'; }

/* Is the one-word match t[s..e) part of a name in title case ("the Keystone Rate Guarantee",
   "the Brightside Guaranteed Smile Plan"): a capitalised word, not at the start of its
   sentence, after a capitalised word, or before one? */
static int S_in_name(const faq_text *t, size_t s, size_t e)
{
    const char *x = t->s;
    if (e - s < 2 || !S_upper(x[s])) return 0;
    for (size_t i = s + 1; i < e; i++)
        if (!S_lower(x[i])) return 0;
    /* the word before, on the same line, with only spaces between */
    size_t p = s;
    while (p > 0 && x[p - 1] == ' ') p--;
    int before = 0;
    if (p < s && p > 0 && (S_lower(x[p - 1]) || S_upper(x[p - 1]))) {
        size_t q = p;
        while (q > 0 && (S_lower(x[q - 1]) || S_upper(x[q - 1]))) q--;
        size_t r = q;
        while (r > 0 && x[r - 1] == ' ') r--;
        int sentence_start = r == 0 || x[r - 1] == '.' || x[r - 1] == '!' || x[r - 1] == '?' || x[r - 1] == ':' ||
            x[r - 1] == '\n' || x[r - 1] == '"';
        before = S_upper(x[q]) && !sentence_start;
    }
    int after = e + 2 < t->len && x[e] == ' ' && S_upper(x[e + 1]) && S_lower(x[e + 2]);
    return before || after;
}

/* Handles the match in run->md of family fam in t: reports it unless it is an empty match
   or (a claim) hedged or part of a name; a claim waits in pd for the rest of its sentence.
   Returns where the family may match next. */
static size_t S_found(rules_run *run, int fam, const faq_text *t, S_pend *pd)
{
    const rules_family *f = fam == FAM_CLAIM ? &run->r->claim : &run->r->meta;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(run->md);
    size_t s = ov[0], e = ov[1];
    if (e <= s) { /* an empty match (patterns that allow one are refused): step one character */
        e = s + 1;
        while (e < t->len && ((unsigned char)t->s[e] & 0xC0) == 0x80) e++;
        return e;
    }
    int pi = S_mark_index(run, f->n); /* before the hedge match reuses run->md */
    if (fam == FAM_CLAIM) {
        if (S_in_name(t, s, e) || S_hedged(run, t, s)) return e;
        if (pd->t == t && !S_sentence_between(t, pd->e, s)) {
            if (e > pd->e) pd->e = e;
            return e;
        }
        S_flush(run, pd);
        *pd = (S_pend){t, s, e, pi};
        return e;
    }
    char phrase[320];
    S_phrase(phrase, sizeof phrase, t->s + s, e - s);
    const char *fields[] = {"phrase", phrase, "category", pi >= 0 ? f->cats[f->v[pi].cat] : "custom", NULL};
    rules_report(run, R_META, NULL, t, s, e, fields);
    const char *nl = memchr(t->s + e, '\n', t->len - e); /* one finding per line of commentary */
    return nl ? (size_t)(nl - t->s) : t->len;
}

/* Scans t with family fam alone: unanchored matching, or anchored tries where the prefilter
   allows one. */
static void S_scan(rules_run *run, int fam, const faq_text *t)
{
    const rules_family *f = fam == FAM_CLAIM ? &run->r->claim : &run->r->meta;
    size_t start = 0;
    S_pend pd = {NULL, 0, 0, -1};
    if (run->limit_hit[fam] == 2) run->limit_hit[fam] = 0; /* a built-in pattern's hit: that text only */
    while (start < t->len && !run->limit_hit[fam] && S_next(run, fam, f, t, start)) start = S_found(run, fam, t, &pd);
    S_flush(run, &pd);
}

/* Whether family k can still start at p by its own third to fifth byte tables (r's deep
   tables are built; p is not right after a non-ASCII byte). */
static int S_fam_can(const rules *r, int k, const unsigned char *u, size_t len, size_t p)
{
    const struct rules_deep *fd = &r->fam_deep[k];
    if (!fd->tri_idx || p + 2 >= len) return 1;
    unsigned t = fd->tri_idx[u[p] << 8 | u[p + 1]];
    if (!t) return 1;
    unsigned c3 = u[p + 2];
    if (!(fd->tri[t - 1][c3 / 8] >> (c3 % 8) & 1)) return 0;
    if (c3 >= 0x80 || p + 3 >= len) return 1;
    unsigned q = fd->quad_idx[(t - 1) * 128 + c3];
    if (!q) return 1;
    unsigned c4 = u[p + 3];
    if (!(fd->quad[q - 1][c4 / 8] >> (c4 % 8) & 1)) return 0;
    if (c4 >= 0x80 || p + 4 >= len) return 1;
    unsigned q5 = fd->quint_idx[(q - 1) * 128 + c4];
    if (!q5) return 1;
    unsigned c5 = u[p + 4];
    return fd->quint[q5 - 1][c5 / 8] >> (c5 % 8) & 1;
}

/* Scans t once for both families (each as if alone): at each word start and each byte that
   can start a match, tries the anchored alternation the prefilter picks. Families the fast
   path cannot serve (a match may start inside a word, no prefilter) are scanned alone. */
static void S_scan_both(rules_run *run, const faq_text *t, int claims, int meta)
{
    const rules *r = run->r;
    const rules_family *fs[2] = {&r->claim, &r->meta};
    int on[2] = {claims, meta};
    if (!t->s || !t->len) return;
    for (int k = 0; k < 2; k++) {
        if (run->limit_hit[k] == 2) run->limit_hit[k] = 0; /* a built-in pattern's hit: that text only */
        if (!on[k]) continue;
        if (!fs[k]->re || run->limit_hit[k]) {
            on[k] = 0;
        } else if (fs[k]->full_scan || !fs[k]->pairs || !fs[k]->re_at || fs[k]->mid) {
            S_scan(run, k, t);
            on[k] = 0;
        }
    }
    if (!on[0] && !on[1]) return;
    const unsigned char *u = (const unsigned char *)t->s;
    size_t len = t->len, next[2] = {0, 0};
    const unsigned short *joint = r->joint;
    S_pend pd = {NULL, 0, 0, -1};
    for (size_t p = 0; p < len;) {
        unsigned c = u[p];
        unsigned c2 = p + 1 < len ? u[p + 1] : 0;
        unsigned v = joint ? joint[c << 8 | c2] : 0xFFFF;
        int after_nonascii = v && p && S_ctx[u[p - 1]] == 2;
        if (v) {
            for (int k = 0; k < 2; k++) {
                unsigned idx = v >> (8 * k) & 255;
                if (!idx || !on[k] || p < next[k]) continue;
                /* the third to fifth bytes, where they can tell */
                if (run->deep && !after_nonascii && idx != 255 && c < 0x80 && c2 < 0x80 && !S_fam_can(r, k, u, len, p))
                    continue;
                const pcre2_code *re = after_nonascii || !joint ? S_at(fs[k], u, len, p)
                    : idx == 255                                ? fs[k]->re_at
                                                                : fs[k]->subs[idx - 1];
                if (run->deep && !after_nonascii && idx != 255 && c < 0x80 &&
                    c2 < 0x80) { /* the patterns of c c2 alone */
                    unsigned pi = r->fam_deep[k].pair_idx ? r->fam_deep[k].pair_idx[c << 8 | c2] : 0;
                    if (pi) re = r->fam_deep[k].psubs[pi - 1];
                }
                if (!re) continue;
                if (rules_match(run, fs[k], k, re, t, len, p, 0) > 0)
                    next[k] = S_found(run, k, t, &pd);
                else if (run->limit_hit[k])
                    on[k] = 0;
            }
        }
        p = S_skip_word(u, p, len);
    }
    S_flush(run, &pd);
}

static void S_scan_paras(rules_run *run, const faq_paras *p, int claims, int meta)
{
    for (size_t i = 0; i < p->n; i++) S_scan_both(run, &p->v[i], claims, meta);
}

/* The message for claims in t's part: name, when the catalogue has it (an override may lack it). */
static const char *S_claim_msg(const rules *r, const char *name)
{
    return rules_msg_get(r, R_CLAIM, name) ? name : NULL;
}

void rules_check_text(rules_run *run) { rules_check_text_range(run, 0, run->doc->nentries); }

void rules_check_text_range(rules_run *run, size_t from, size_t to)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    int claims = r->def[R_CLAIM].sev != SEV_OFF, meta = r->def[R_META].sev != SEV_OFF;
    pthread_once(&S_ctx_once, S_ctx_init);
    /* Outside the answers no Source: line can back a claim: the message says what to do. */
    const char *outside = S_claim_msg(r, "outside"), *placeholder = S_claim_msg(r, "placeholder-source");
    if (from == 0) {
        if (doc->title.s) S_scan_both(run, &doc->title, 0, meta);
        run->claim_msg = outside;
        S_scan_paras(run, &doc->intro, claims, meta);
    }
    char src[320];
    for (size_t i = from; i < to; i++) {
        const faq_entry *e = &doc->entries[i];
        run->claim_msg = NULL;
        run->claim_src = NULL;
        S_scan_both(run, &e->question, 0, meta);
        /* Questions are never claims; an answer with a source is backed, unless every Source:
           line is empty or a placeholder (TBD, N/A, ...: missing-answer's placeholders). */
        int check = claims && run->answer_state[i] == ANSWER_GIVEN, backed = 0;
        const faq_text *ph = NULL;
        for (size_t j = 0; check && j < e->sources.n && !backed; j++) {
            const faq_text *st = &e->sources.v[j];
            int which;
            if (st->len && !S_is_placeholder(run, st, &which))
                backed = 1;
            else if (!ph)
                ph = st;
        }
        if (ph && !backed) { /* an empty Source: line is no source (and a schema error) */
            S_phrase(src, sizeof src, ph->s ? ph->s : "", ph->len);
            run->claim_msg = src[0] ? placeholder : NULL;
            run->claim_src = src;
        }
        S_scan_paras(run, &e->answer, check && !backed, meta);
    }
    if (to == doc->nentries) {
        run->claim_msg = outside;
        run->claim_src = NULL;
        S_scan_paras(run, &doc->conclusion, claims, meta);
    }
    run->claim_msg = NULL;
    run->claim_src = NULL;
}
