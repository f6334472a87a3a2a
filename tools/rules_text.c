/* rules_text: the pattern rules: unsupported-claim (with hedges and sources), meta-commentary,
   and missing-answer (no answer, or only a placeholder). */
#include "rules_impl.h"
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

/* A claim at offset m is hedged when a hedge occurs before it in its clause: from the start
   of the sentence, or a later ';', "but" or "however", and at most HEDGE_SCOPE_BYTES back. */
static int S_hedged(rules_run *run, const faq_text *t, size_t m)
{
    const rules *r = run->r;
    if (!r->hedge_re) return 0;
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
    if (i >= m) return 0;
    return rules_match(run, NULL, -1, r->hedge_re, t, m, i, 0) >= 0;
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

/* Scans t once with family fam's alternation; reports each match (claims: unless hedged;
   meta-commentary: the first match of each sentence). */
static void S_scan(rules_run *run, int fam, const faq_text *t)
{
    const rules *r = run->r;
    const rules_family *f = fam == FAM_CLAIM ? &r->claim : &r->meta;
    int rule = fam == FAM_CLAIM ? R_CLAIM : R_META;
    if (!f->re || !t->s || !t->len) return;
    size_t start = 0;
    while (start < t->len && !run->limit_hit[fam]) {
        int rc = rules_match(run, f, fam, f->re, t, t->len, start, 0);
        if (rc < 0) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(run->md);
        size_t s = ov[0], e = ov[1];
        if (e <= s) { /* an empty match (cannot happen with checked patterns): step one code point */
            start = s + 1;
            while (start < t->len && ((unsigned char)t->s[start] & 0xC0) == 0x80) start++;
            continue;
        }
        int pi = S_mark_index(run, f->n);
        const char *cat = pi >= 0 ? f->cats[f->v[pi].cat] : "custom";
        if (fam == FAM_CLAIM && S_hedged(run, t, s)) {
            start = e;
            continue;
        }
        char phrase[320];
        S_phrase(phrase, sizeof phrase, t->s + s, e - s);
        const char *fields[] = {"phrase", phrase, "category", cat, NULL};
        rules_report(run, rule, NULL, t, s, e, fields);
        start = fam == FAM_META ? S_sentence_end(t, e) : e;
    }
}

static void S_scan_paras(rules_run *run, int fam, const faq_paras *p)
{
    for (size_t i = 0; i < p->n; i++) S_scan(run, fam, &p->v[i]);
}

void rules_check_text(rules_run *run)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    int claims = r->def[R_CLAIM].sev != SEV_OFF, meta = r->def[R_META].sev != SEV_OFF;
    if (meta && doc->title.s) S_scan(run, FAM_META, &doc->title);
    if (meta) S_scan_paras(run, FAM_META, &doc->intro);
    if (claims) S_scan_paras(run, FAM_CLAIM, &doc->intro);
    for (size_t i = 0; i < doc->nentries; i++) {
        const faq_entry *e = &doc->entries[i];
        if (meta) {
            S_scan(run, FAM_META, &e->question);
            S_scan_paras(run, FAM_META, &e->answer);
        }
        /* Questions are never claims; an answer with a source is backed. */
        if (claims && !e->sources.n && !run->answer_state[i]) S_scan_paras(run, FAM_CLAIM, &e->answer);
    }
    if (meta) S_scan_paras(run, FAM_META, &doc->conclusion);
    if (claims) S_scan_paras(run, FAM_CLAIM, &doc->conclusion);
}
