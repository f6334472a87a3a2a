/* rules_text: the pattern rules: unsupported-claim (with hedges and sources), meta-commentary,
   and missing-answer (no answer, or only a placeholder). */
#include "rules_impl.h"
#include <pthread.h>
#include <string.h>

enum { FAM_CLAIM = 0, FAM_META = 1, FAM_PLACEHOLDER = 2 };
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
            run->answer_state[i] = 1;
            if (!off) rules_report(run, R_MISSING_ANSWER, "none", &e->question, 0, e->question.len, NULL);
            continue;
        }
        int all = 1, which = -1;
        for (size_t j = 0; j < e->answer.n && all; j++)
            if (e->answer.v[j].len && !S_is_placeholder(run, &e->answer.v[j], &which)) all = 0;
        if (!all) continue;
        run->answer_state[i] = 2;
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

static int S_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

static int S_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Is word w the word ending at s[end) (preceded by a non-letter or lo)? */
static int S_word_ends(const char *s, size_t lo, size_t end, const char *w)
{
    size_t n = strlen(w);
    if (end - lo < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (S_lower((unsigned char)s[end - n + i]) != w[i]) return 0;
    return end - n == lo || !S_alpha((unsigned char)s[end - n - 1]);
}

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
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80)
            break;
        i++;
    }
    return i;
}

/* A claim at offset m is hedged when a hedge occurs before it in its clause: from the start
   of the sentence, or a later ';', "but" or "however", and at most HEDGE_SCOPE_BYTES back.
   Hedges are matched as whole words (several for a phrase), folded. */
static int S_hedged(rules_run *run, const faq_text *t, size_t m)
{
    const rules *r = run->r;
    if (!r->hedge_set.n) return 0;
    const char *s = t->s;
    size_t lo = m > HEDGE_SCOPE_BYTES ? m - HEDGE_SCOPE_BYTES : 0;
    size_t i = m;
    while (i > lo) {
        char c = s[i - 1];
        if ((c == '.' || c == '!' || c == '?') && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) break;
        if (c == ';') break;
        if ((c == ' ' || c == '\n' || c == ',') &&
            (S_word_ends(s, lo, i - 1, "but") || S_word_ends(s, lo, i - 1, "however")))
            break;
        i--;
    }
    /* start at a word boundary */
    while (i > lo && i < m && S_word_end(s, i - 1, i) == i) i++;
    char w[192];
    for (size_t p = S_skip_nonword(s, i, m); p < m; p = S_skip_nonword(s, p, m)) {
        size_t e = S_word_end(s, p, m);
        size_t n = rules_fold_word(s + p, e - p, w, 64);
        if (n && rules_words_has(&r->hedge_set, w, n)) return 1;
        if (n && r->hedge_maxw > 1 && rules_words_has(&r->hedge_first, w, n)) {
            size_t q = e, len = n;
            for (size_t k = 1; k < r->hedge_maxw; k++) {
                size_t q0 = S_skip_nonword(s, q, m);
                if (q0 == q || q0 >= m) break;
                size_t q1 = S_word_end(s, q0, m);
                if (len + 1 + (q1 - q0) + 1 > sizeof w) break;
                w[len++] = ' ';
                size_t n2 = rules_fold_word(s + q0, q1 - q0, w + len, sizeof w - len);
                if (!n2) break;
                len += n2;
                if (rules_words_has(&r->hedge_set, w, len)) return 1;
                q = q1;
            }
        }
        p = e;
    }
    return 0;
}

/* End of the sentence holding offset from: after the next . ! ? followed by white space. */
static size_t S_sentence_end(const faq_text *t, size_t from)
{
    for (size_t i = from; i < t->len; i++) {
        char c = t->s[i];
        if ((c == '.' || c == '!' || c == '?') &&
            (i + 1 == t->len || t->s[i + 1] == ' ' || t->s[i + 1] == '\n' || t->s[i + 1] == '\t'))
            return i + 1;
    }
    return t->len;
}

/* The character before a position: 0 not a word character (or none), 1 an ASCII word
   character, 2 part of a non-ASCII character (either). */
static unsigned char S_ctx[256];
static pthread_once_t S_ctx_once = PTHREAD_ONCE_INIT;
static void S_ctx_init(void)
{
    for (unsigned c = 0; c < 256; c++)
        S_ctx[c] = (unsigned char)(c >= 0x80 ? 2
                                   : ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
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
            if (S_ctx[u[p++]] == 1)
                while (p < len && S_ctx[u[p]] == 1) p++;
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

/* Handles the match in run->md of family fam in t: reports it unless it is an empty match
   or (a claim) hedged. Returns where the family may match next. */
static size_t S_found(rules_run *run, int fam, const faq_text *t)
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
    if (fam == FAM_CLAIM && S_hedged(run, t, s)) return e;
    char phrase[320];
    S_phrase(phrase, sizeof phrase, t->s + s, e - s);
    const char *fields[] = {"phrase", phrase, "category", pi >= 0 ? f->cats[f->v[pi].cat] : "custom", NULL};
    rules_report(run, fam == FAM_CLAIM ? R_CLAIM : R_META, NULL, t, s, e, fields);
    return fam == FAM_META ? S_sentence_end(t, e) : e;
}

/* Scans t with family fam alone: unanchored matching, or anchored tries where the prefilter
   allows one. */
static void S_scan(rules_run *run, int fam, const faq_text *t)
{
    const rules_family *f = fam == FAM_CLAIM ? &run->r->claim : &run->r->meta;
    size_t start = 0;
    while (start < t->len && !run->limit_hit[fam] && S_next(run, fam, f, t, start)) start = S_found(run, fam, t);
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
                                       : idx == 255           ? fs[k]->re_at
                                                              : fs[k]->subs[idx - 1];
                if (!re) continue;
                if (rules_match(run, fs[k], k, re, t, len, p, 0) > 0)
                    next[k] = S_found(run, k, t);
                else if (run->limit_hit[k])
                    on[k] = 0;
            }
        }
        p++;
        if (S_ctx[c] == 1)
            while (p < len && S_ctx[u[p]] == 1) p++;
    }
}

static void S_scan_paras(rules_run *run, const faq_paras *p, int claims, int meta)
{
    for (size_t i = 0; i < p->n; i++) S_scan_both(run, &p->v[i], claims, meta);
}

void rules_check_text(rules_run *run)
{
    rules_check_text_range(run, 0, run->doc->nentries);
}

void rules_check_text_range(rules_run *run, size_t from, size_t to)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    int claims = r->def[R_CLAIM].sev != SEV_OFF, meta = r->def[R_META].sev != SEV_OFF;
    pthread_once(&S_ctx_once, S_ctx_init);
    if (from == 0) {
        if (doc->title.s) S_scan_both(run, &doc->title, 0, meta);
        S_scan_paras(run, &doc->intro, claims, meta);
    }
    for (size_t i = from; i < to; i++) {
        const faq_entry *e = &doc->entries[i];
        S_scan_both(run, &e->question, 0, meta);
        /* Questions are never claims; an answer with a source is backed. */
        S_scan_paras(run, &e->answer, claims && !e->sources.n && !run->answer_state[i], meta);
    }
    if (to == doc->nentries) S_scan_paras(run, &doc->conclusion, claims, meta);
}
