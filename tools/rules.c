/* rules: the rule engine: the compiled catalogue, its severities and messages, and running the rules. */
#include "rules_impl.h"
#include "strset.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rules_ids[R_COUNT] = {
#define RULE(name, id, pass, check, msgs) id,
#include "rules_list.h"
#undef RULE
};

/* The checks of the passes that take the whole document and of the text pass take different
   arguments; each row fills the one its pass uses. */
#define S_CHECK_RULES_PASS_NONE(check) NULL, NULL
#define S_CHECK_RULES_PASS_ANSWERS(check) check, NULL
#define S_CHECK_RULES_PASS_MAIN(check) check, NULL
#define S_CHECK_RULES_PASS_SIDE(check) check, NULL
#define S_CHECK_RULES_PASS_TEXT(check) NULL, check
const rules_row rules_table[R_COUNT] = {
#define RULE(name, id, pass, check, msgs) {id, pass, S_CHECK_##pass(check), msgs},
#include "rules_list.h"
#undef RULE
};

const char *const rules_threshold_names[T_COUNT] = {
    "question-max-length",
    "near-duplicate-min-words",
    "duplicate-answer-min-words",
};

/* Limits per pcre2_match call (per start position for the interpreter): a pattern that
   backtracks catastrophically stops within milliseconds and is reported. */
enum { RULES_MATCH_LIMIT = 200000, RULES_DEPTH_LIMIT = 5000, RULES_HEAP_LIMIT_KIB = 16384 };

int rules_id_index(const char *id, size_t len)
{
    for (int i = 0; i < R_COUNT; i++)
        if (strlen(rules_ids[i]) == len && !memcmp(rules_ids[i], id, len)) return i;
    return -1;
}

rules *rules_new_empty(void)
{
    rules *r = xcalloc(1, sizeof *r);
    for (int i = 0; i < R_COUNT; i++) r->def[i].sev = SEV_WARNING;
    r->thr[T_QMAX] = 150;
    r->thr[T_NEAR_MIN] = 1;
    r->thr[T_DUPANS_MIN] = 3;
    r->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(r->mctx, RULES_MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, RULES_DEPTH_LIMIT);
    pcre2_set_heap_limit(r->mctx, RULES_HEAP_LIMIT_KIB);
    return r;
}

static void S_family_free(rules_family *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].src);
        free(f->v[i].file);
        pcre2_code_free(f->v[i].re);
    }
    free(f->v);
    for (size_t i = 0; i < f->ncats; i++) free(f->cats[i]);
    free(f->cats);
    pcre2_code_free(f->re);
    pcre2_code_free(f->re_at);
    free(f->pairs);
    free(f->sub);
    for (size_t i = 0; i < f->nsubs; i++) pcre2_code_free(f->subs[i]);
    free(f->subs);
}

void rules_free(rules *r)
{
    if (!r) return;
    for (int i = 0; i < R_COUNT; i++) {
        rules_def *df = &r->def[i];
        free(df->desc);
        free(df->file);
        for (size_t j = 0; j < df->nmsgs; j++) {
            free(df->msgs[j].name);
            free(df->msgs[j].text);
        }
        free(df->msgs);
    }
    S_family_free(&r->claim);
    S_family_free(&r->meta);
    S_family_free(&r->placeholder);
    for (size_t i = 0; i < r->nhedges; i++) free(r->hedges[i]);
    free(r->hedges);
    rules_words_free(&r->hedge_set);
    rules_words_free(&r->hedge_first);
    rules_words_free(&r->stop);
    free(r->site_url);
    free(r->site_lang);
    free(r->site_dir);
    for (size_t i = 0; i < r->nfiles; i++) free(r->files[i]);
    free(r->files);
    free(r->joint);
    for (int k = 0; k < 2; k++) {
        struct rules_deep *fd = &r->fam_deep[k];
        free(fd->tri_idx);
        free(fd->tri);
        free(fd->quad_idx);
        free(fd->quad);
        free(fd->quint_idx);
        free(fd->quint);
        free(fd->pair_idx);
        for (size_t j = 0; j < fd->npsubs; j++) pcre2_code_free(fd->psubs[j]);
        free(fd->psubs);
    }
    pcre2_match_context_free(r->mctx);
    free(r);
}

/* ---- word sets ---- */

void rules_words_add(rules_words *w, const char *s, size_t len)
{
    if (rules_words_has(w, s, len)) return;
    XGROW(w->own, w->cap, w->n + 1);
    char *c = w->own[w->n++] = xstrndup(s, len);
    strset_put(&w->set, c, len, 0);
}

int rules_words_has(const rules_words *w, const char *s, size_t len) { return strset_get(&w->set, s, len) != NULL; }

void rules_words_free(rules_words *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->own[i]);
    free(w->own);
    strset_free(&w->set);
}

/* ---- messages ---- */

const char *rules_msg_get(const rules *r, int rule, const char *name)
{
    const rules_def *df = &r->def[rule];
    for (size_t i = df->nmsgs; i-- > 0;)
        if (!strcmp(df->msgs[i].name, name ? name : "")) return df->msgs[i].text;
    return NULL;
}

void rules_format(buf *out, const char *tmpl, const char *const *fields)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) break;
        const char *close = strchr(open + 1, '}');
        if (!close) break;
        buf_put(out, p, (size_t)(open - p));
        size_t n = (size_t)(close - open - 1);
        const char *val = NULL;
        for (const char *const *f = fields; f && f[0]; f += 2)
            if (strlen(f[0]) == n && !memcmp(f[0], open + 1, n)) val = f[1] ? f[1] : "";
        if (val)
            buf_puts(out, val);
        else
            buf_put(out, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    buf_puts(out, p);
}

/* ---- compiling ---- */

static void S_prefilter(rules_family *f, uint32_t opts);

static void S_config_error(diag_list *d, const char *file, unsigned line, const char *rule, const char *what,
                           const char *pat, const char *why)
{
    diag *x = diag_add(d, file, line, 0, SEV_ERROR, "config", "rule \"%s\": %s \"%s\": %s", rule, what, pat, why);
    x->fatal = 1;
}

/* Compiles each pattern alone (to check it and to name it later), then the alternation
   prefix (?:p0\E)(*MARK:0)|(?:p1\E)(*MARK:1)... suffix. \E ends a \Q a pattern left open.
   empty_alt: the family may have no pattern (the prefix holds the other branch). */
static int S_compile_family(rules *r, rules_family *f, int rule, uint32_t opts, const char *prefix, const char *suffix,
                            int empty_alt, diag_list *d)
{
    const char *what = rule == R_MISSING_ANSWER ? "bad placeholder" : "bad pattern";
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = 0;
    for (size_t i = 0; i < f->n && !rc; i++) {
        rules_pat *p = &f->v[i];
        int err;
        PCRE2_SIZE eoff;
        /* alone without start-up optimisations, so that it fails the way it does when joined */
        p->re = pcre2_compile((PCRE2_SPTR)p->src, PCRE2_ZERO_TERMINATED,
                              RULES_PCRE_OPTS | opts | PCRE2_NO_START_OPTIMIZE, &err, &eoff, NULL);
        if (!p->re) {
            PCRE2_UCHAR m[256];
            pcre2_get_error_message(err, m, sizeof m);
            char why[320];
            snprintf(why, sizeof why, "%s (at offset %zu)", (char *)m, (size_t)eoff);
            S_config_error(d, p->file, p->line, rules_ids[rule], what, p->src, why);
            rc = -1;
        } else if (pcre2_match(p->re, (PCRE2_SPTR) "", 0, 0, 0, md, r->mctx) >= 0) {
            S_config_error(d, p->file, p->line, rules_ids[rule], what, p->src, "it matches the empty string");
            rc = -1;
        }
    }
    pcre2_match_data_free(md);
    if (rc || (!f->n && !empty_alt)) return rc;
    buf b;
    buf_init(&b);
    buf_puts(&b, prefix);
    for (size_t i = 0; i < f->n; i++) buf_printf(&b, "%s(?:%s\\E)(*MARK:%zu)", i ? "|" : "", f->v[i].src, i);
    buf_puts(&b, suffix);
    int err;
    PCRE2_SIZE eoff;
    f->re = pcre2_compile((PCRE2_SPTR)b.s, b.len, RULES_PCRE_OPTS | opts, &err, &eoff, NULL);
    if (!f->re) {
        PCRE2_UCHAR m[256];
        pcre2_get_error_message(err, m, sizeof m);
        const rules_pat *last = f->n ? &f->v[f->n - 1] : NULL;
        if (err == PCRE2_ERROR_PATTERN_TOO_LARGE && last) {
            /* No one pattern is at fault: the set is. Named at the first pattern of the file
               that added the last one, with the count and the size. */
            size_t first = f->n - 1;
            while (first > 0 && !strcmp(f->v[first - 1].file, last->file)) first--;
            diag *x = diag_add(d, last->file, f->v[first].line, 0, SEV_ERROR, "config",
                               "rule \"%s\": its %zu %ss (%zu bytes joined; %zu from this file, lines "
                               "%u-%u) are too large for one regular expression (pcre2: %s): use fewer "
                               "patterns, or merge similar ones into one with an alternation (a|b) or "
                               "a character class",
                               rules_ids[rule], f->n, rule == R_MISSING_ANSWER ? "placeholder" : "pattern", b.len,
                               f->n - first, f->v[first].line, last->line, (char *)m);
            x->fatal = 1;
        } else {
            S_config_error(d, last ? last->file : "rules", last ? last->line : 0, rules_ids[rule],
                           "patterns that cannot be joined, last", last ? last->src : "", (char *)m);
        }
        buf_free(&b);
        return -1;
    }
    if (!empty_alt) { /* JIT code comes later, for a large input (rules_prepare) */
        f->re_at = pcre2_compile((PCRE2_SPTR)b.s, b.len, RULES_PCRE_OPTS | opts | PCRE2_ANCHORED, &err, &eoff, NULL);
        S_prefilter(f, opts);
    }
    buf_free(&b);
    return 0;
}

/* Can a match of re start with the n bytes at two, after a word character (ctx 1) or not? */
static int S_can_start(const pcre2_code *re, pcre2_match_data *md, int ctx, const unsigned char *two, size_t n)
{
    unsigned char subj[8];
    size_t off = 0;
    if (ctx) subj[off++] = 'x';
    memcpy(subj + off, two, n);
    int rc = pcre2_match(re, subj, off + n, off, PCRE2_ANCHORED | PCRE2_PARTIAL_HARD | PCRE2_NO_JIT, md, NULL);
    return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* The same at a word start for a sub, compiled anchored: its JIT code serves (JIT matching
   refuses PCRE2_ANCHORED as a match option, and needs none here). */
static int S_sub_can_start(const pcre2_code *re, pcre2_match_data *md, const unsigned char *pre, size_t n)
{
    int rc = pcre2_match(re, pre, n, 0, PCRE2_PARTIAL_HARD, md, NULL);
    return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* The anchored alternation of the patterns marked '1' in which (original order and marks). */
static pcre2_code *S_compile_subset(const rules_family *f, const char *which, uint32_t opts)
{
    buf b;
    buf_init(&b);
    int first = 1;
    for (size_t i = 0; i < f->n; i++) {
        if (which[i] != '1') continue;
        buf_printf(&b, "%s(?:%s\\E)(*MARK:%zu)", first ? "" : "|", f->v[i].src, i);
        first = 0;
    }
    int err;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.s, b.len, RULES_PCRE_OPTS | opts | PCRE2_ANCHORED, &err, &eoff, NULL);
    buf_free(&b);
    return re;
}

/* Builds the prefilter by partial matching: for each pattern, the ASCII bytes a match can
   start with (after a word character or not); for each such byte, the alternation of just
   those patterns, and the second bytes it allows. Conservative: the end of the text and a
   non-ASCII byte after a possible first byte count as possible; a non-ASCII first byte is
   possible at a word start, and inside a word when anything can start there or a pattern
   holds non-ASCII text (both use the whole alternation). A positive lookbehind needs context
   the partial match does not have: such a family is scanned at every position instead. */
static void S_prefilter(rules_family *f, uint32_t opts)
{
    if (!f->re || !f->re_at) return;
    int nonascii = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (strstr(f->v[i].src, "(?<=") || strstr(f->v[i].src, "(*positive_lookbehind:") ||
            strstr(f->v[i].src, "(*plb:")) {
            f->full_scan = 1;
            return;
        }
        for (const unsigned char *p = (const unsigned char *)f->v[i].src; *p; p++)
            if (*p >= 0x80) nonascii = 1;
    }
    size_t n = f->n;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    f->pairs = xcalloc(2, sizeof *f->pairs);
    f->sub = xcalloc(2, sizeof *f->sub);
    char *which = xmalloc(n + 1), **keys = NULL;
    which[n] = '\0';
    int any_mid = 0;
    for (int ctx = 0; ctx < 2; ctx++)
        for (unsigned c1 = 1; c1 < 0x80; c1++) {
            unsigned char two[2] = {(unsigned char)c1, 0};
            int some = 0;
            for (size_t i = 0; i < n; i++) {
                which[i] = S_can_start(f->v[i].re, md, ctx, two, 1) ? '1' : '0';
                some |= which[i] == '1';
            }
            if (!some) continue;
            size_t k = 0;
            while (k < f->nsubs && strcmp(keys[k], which)) k++;
            if (k == f->nsubs) {
                pcre2_code *re = S_compile_subset(f, which, opts);
                if (!re) continue; /* cannot happen: each pattern compiled alone */
                f->subs = xrealloc(f->subs, (f->nsubs + 1) * sizeof *f->subs);
                keys = xrealloc(keys, (f->nsubs + 1) * sizeof *keys);
                f->subs[f->nsubs] = re;
                keys[f->nsubs++] = xstrdup(which);
            }
            f->sub[ctx][c1] = (unsigned short)(k + 1);
            unsigned char *row = f->pairs[ctx][c1];
            for (unsigned c2 = 1; c2 < 0x80; c2++) {
                two[1] = (unsigned char)c2;
                if (S_can_start(f->subs[k], md, ctx, two, 2)) row[c2 / 8] |= (unsigned char)(1u << (c2 % 8));
            }
            row[0] |= 1; /* end of text */
            memset(row + 0x80 / 8, 0xFF, 0x80 / 8); /* a non-ASCII next character */
            if (ctx) any_mid = 1;
        }
    for (unsigned c1 = 0xC0; c1 < 0x100; c1++) { /* lead bytes of non-ASCII characters */
        memset(f->pairs[0][c1], 0xFF, 32);
        if (any_mid || nonascii) memset(f->pairs[1][c1], 0xFF, 32);
    }
    f->mid = any_mid; /* non-ASCII bytes are never skipped, so nonascii needs no slow path */
    for (unsigned c = 0; c < 256; c++)
        for (unsigned k = 0; k < 32 && !f->can[c]; k++) f->can[c] = f->pairs[0][c][k] | f->pairs[1][c][k];
    for (size_t k = 0; k < f->nsubs; k++) free(keys[k]);
    free(keys);
    free(which);
    pcre2_match_data_free(md);
}

size_t rules_fold_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 1 >= cap) return 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    out[o] = '\0';
    return o;
}

/* Hedges are literal words or phrases, looked up word by word (see rules_text.c): each is
   stored folded, with one space between its words. */
static int S_compile_hedges(rules *r, diag_list *d)
{
    (void)d;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < r->nhedges; i++) {
        buf_reset(&b);
        size_t words = 0;
        const char *p = r->hedges[i];
        while (*p) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
            if (!*p) break;
            const char *w = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
            char f[128];
            size_t n = rules_fold_word(w, (size_t)(p - w), f, sizeof f);
            if (!n) continue;
            if (words++) buf_putc(&b, ' ');
            buf_put(&b, f, n);
            if (words == 1) {
                const char *sp = p;
                while (*sp == ' ' || *sp == '\t' || *sp == '\n' || *sp == '\r') sp++;
                if (*sp) rules_words_add(&r->hedge_first, f, n);
            }
        }
        if (!words) continue;
        rules_words_add(&r->hedge_set, b.s, b.len);
        if (words > r->hedge_maxw) r->hedge_maxw = words;
    }
    buf_free(&b);
    return 0;
}

/* One table for both pattern families, so that each text is scanned once with one lookup per
   word (see rules_impl.h). */
static void S_joint(rules *r)
{
    const rules_family *fs[2] = {&r->claim, &r->meta};
    for (int k = 0; k < 2; k++)
        if (fs[k]->re && (fs[k]->full_scan || !fs[k]->pairs || !fs[k]->re_at || fs[k]->mid || fs[k]->nsubs >= 255))
            return;
    r->joint = xcalloc(65536, sizeof *r->joint);
    for (unsigned c1 = 0; c1 < 256; c1++)
        for (unsigned c2 = 0; c2 < 256; c2++) {
            unsigned v = 0;
            for (int k = 0; k < 2; k++)
                if (fs[k]->pairs && (fs[k]->pairs[0][c1][c2 / 8] >> (c2 % 8) & 1))
                    v |= (c1 < 0x80 ? fs[k]->sub[0][c1] : 255u) << (8 * k);
            r->joint[c1 << 8 | c2] = (unsigned short)v;
        }
}

/* Is byte c filtered by the third and fourth byte tables (a letter or the space)? */
static int S_filtered(unsigned c) { return c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The row of bytes (after the n - 1 in pre) with which a match of the subs named in v can
   still start: every byte but the letters and the space, plus those partial matching allows.
   Returns 1 when the row filters anything out. */
static int S_next_row(rules *r, unsigned v, pcre2_match_data *md, unsigned char *pre, size_t n, unsigned char row[32])
{
    const rules_family *fs[2] = {&r->claim, &r->meta};
    memset(row, 0xFF, 32);
    int some = 0;
    for (unsigned c = 1; c < 0x80; c++) {
        if (!S_filtered(c)) continue;
        pre[n - 1] = (unsigned char)c;
        int ok = 0;
        for (int k = 0; k < 2 && !ok; k++) {
            unsigned idx = v >> (8 * k) & 255;
            if (idx && (idx == 255 || S_sub_can_start(fs[k]->subs[idx - 1], md, pre, n))) ok = 1;
        }
        if (!ok) row[c / 8] &= (unsigned char)~(1u << (c % 8)), some = 1;
    }
    return some;
}

/* Appends row to a table of rows; returns its number (1 + index), or 0 when the table is full. */
static unsigned short S_add_row(unsigned char (**rows)[32], size_t *n, const unsigned char row[32])
{
    if (*n >= 65535) return 0;
    *rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
    memcpy((*rows)[*n], row, 32);
    return (unsigned short)++*n;
}

/* The fifth byte rows under quad row q, just made for the four bytes pre[0..3) + its c4:
   quint_idx grows by one block of 128 per quad row, in the order the rows are made. */
static void S_quint_rows(rules *r, struct rules_deep *fd, unsigned v, pcre2_match_data *md, unsigned char *pre,
                         unsigned q)
{
    unsigned char row[32];
    fd->quint_idx = xrealloc(fd->quint_idx, (size_t)q * 128 * sizeof *fd->quint_idx);
    memset(fd->quint_idx + (size_t)(q - 1) * 128, 0, 128 * sizeof *fd->quint_idx);
    for (unsigned c4 = 1; c4 < 0x80; c4++) {
        if (!S_filtered(c4) || !(fd->quad[q - 1][c4 / 8] >> (c4 % 8) & 1)) continue;
        pre[3] = (unsigned char)c4;
        if (S_next_row(r, v, md, pre, 5, row))
            fd->quint_idx[(q - 1) * 128 + c4] = S_add_row(&fd->quint, &fd->nquint, row);
    }
}

/* The third, fourth and fifth byte tables of family k alone (see rules_impl.h). */
static void S_deeper_family(rules *r, int k, pcre2_match_data *md)
{
    struct rules_deep *fd = &r->fam_deep[k];
    unsigned char row[32], pre[5];
    fd->tri_idx = xcalloc(65536, sizeof *fd->tri_idx);
    for (unsigned c1 = 1; c1 < 0x80; c1++)
        for (unsigned c2 = 1; c2 < 0x80; c2++) {
            unsigned v = r->joint[c1 << 8 | c2] & (255u << (8 * k));
            /* words only: a match that starts with a digit or a sign ("95% of", "3x faster")
               is rarer in text than its rows are costly to build (numbers go on in too many
               ways to filter) */
            if (!v || (v >> (8 * k)) == 255 || c1 == ' ' || !S_filtered(c1)) continue;
            pre[0] = (unsigned char)c1, pre[1] = (unsigned char)c2;
            if (S_next_row(r, v, md, pre, 3, row)) fd->tri_idx[c1 << 8 | c2] = S_add_row(&fd->tri, &fd->ntri, row);
        }
    fd->quad_idx = xcalloc(fd->ntri * 128 + 1, sizeof *fd->quad_idx);
    for (unsigned c1 = 1; c1 < 0x80; c1++)
        for (unsigned c2 = 1; c2 < 0x80; c2++) {
            unsigned t = fd->tri_idx[c1 << 8 | c2];
            if (!t) continue;
            unsigned v = r->joint[c1 << 8 | c2] & (255u << (8 * k));
            for (unsigned c3 = 1; c3 < 0x80; c3++) {
                if (!S_filtered(c3) || !(fd->tri[t - 1][c3 / 8] >> (c3 % 8) & 1)) continue;
                pre[0] = (unsigned char)c1, pre[1] = (unsigned char)c2, pre[2] = (unsigned char)c3;
                if (!S_next_row(r, v, md, pre, 4, row)) continue;
                unsigned q = S_add_row(&fd->quad, &fd->nquad, row);
                fd->quad_idx[(t - 1) * 128 + c3] = (unsigned short)q;
                if (q) S_quint_rows(r, fd, v, md, pre, q);
            }
        }
}

/* The alternation of just the patterns that can start with each two ASCII bytes at a word
   start (a letter first), for family k: a try there skips the patterns of other second
   bytes. */
static void S_pair_subs(rules *r, int k, pcre2_match_data *md)
{
    const rules_family *f = k ? &r->meta : &r->claim;
    struct rules_deep *fd = &r->fam_deep[k];
    size_t n = f->n;
    if (!n || !f->subs) return;
    char *one = xmalloc(n + 1), *two = xmalloc(n + 1), **keys = NULL;
    one[n] = two[n] = '\0';
    fd->pair_idx = xcalloc(65536, sizeof *fd->pair_idx);
    for (unsigned c1 = 1; c1 < 0x80; c1++) {
        if (c1 == ' ' || !S_filtered(c1)) continue;
        unsigned char b[2] = {(unsigned char)c1, 0};
        int some = 0;
        for (size_t i = 0; i < n; i++) some |= (one[i] = S_can_start(f->v[i].re, md, 0, b, 1) ? '1' : '0') == '1';
        if (!some) continue;
        for (unsigned c2 = 1; c2 < 0x80; c2++) {
            unsigned v = r->joint[c1 << 8 | c2] >> (8 * k) & 255;
            if (!v || v == 255) continue;
            b[1] = (unsigned char)c2;
            for (size_t i = 0; i < n; i++) two[i] = one[i] == '1' && S_can_start(f->v[i].re, md, 0, b, 2) ? '1' : '0';
            size_t j = 0;
            while (j < fd->npsubs && strcmp(keys[j], two)) j++;
            if (j == fd->npsubs) {
                if (fd->npsubs >= 65535) continue;
                pcre2_code *re = S_compile_subset(f, two, 0);
                if (!re) continue;
                (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
                fd->psubs = xrealloc(fd->psubs, (fd->npsubs + 1) * sizeof *fd->psubs);
                keys = xrealloc(keys, (fd->npsubs + 1) * sizeof *keys);
                fd->psubs[fd->npsubs] = re;
                keys[fd->npsubs++] = xstrdup(two);
            }
            fd->pair_idx[c1 << 8 | c2] = (unsigned short)(j + 1);
        }
    }
    for (size_t j = 0; j < fd->npsubs; j++) free(keys[j]);
    free(keys);
    free(one);
    free(two);
}

/* The byte tables behind joint, for each family (see rules_impl.h). */
static void S_deeper(rules *r)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    /* the tables take many thousand partial matches of the subs (compiled anchored): JIT code
       for partial matching too, beside the complete-match code large inputs use anyway */
    const rules_family *fs[2] = {&r->claim, &r->meta};
    for (int k = 0; k < 2; k++)
        for (size_t j = 0; j < fs[k]->nsubs; j++)
            (void)pcre2_jit_compile(fs[k]->subs[j], PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
    for (int k = 0; k < 2; k++) S_deeper_family(r, k, md);
    for (int k = 0; k < 2; k++) S_pair_subs(r, k, md);
    pcre2_match_data_free(md);
}

int rules_compile(rules *r, diag_list *d)
{
    int rc = 0;
    if (S_compile_family(r, &r->claim, R_CLAIM, 0, "", "", 0, d)) rc = -1;
    if (S_compile_family(r, &r->meta, R_META, 0, "", "", 0, d)) rc = -1;
    if (S_compile_family(r, &r->placeholder, R_MISSING_ANSWER, PCRE2_DOTALL, RULES_PLACEHOLDER_PREFIX,
                         RULES_PLACEHOLDER_SUFFIX, 1, d))
        rc = -1;
    if (S_compile_hedges(r, d)) rc = -1;
    if (!rc) S_joint(r);
    for (int i = 0; i < R_COUNT; i++) {
        r->info[i].id = rules_ids[i];
        r->info[i].sev = r->def[i].sev;
        r->info[i].description = r->def[i].desc ? r->def[i].desc : "";
    }
    return rc;
}

/* ---- running ---- */

void rules_report(rules_run *run, int rule, const char *msg, const faq_text *t, size_t off, size_t end,
                  const char *const *fields)
{
    const rules *r = run->r;
    if (r->def[rule].sev == SEV_OFF) return;
    unsigned l1 = 0, c1 = 0, l2 = 0, c2 = 0;
    if (t && (t->nseg || t->len)) {
        faq_text_linecol(run->doc, t, off, &l1, &c1);
        if (end > off)
            faq_text_linecol(run->doc, t, end, &l2, &c2);
        else
            l2 = l1, c2 = c1;
    }
    const char *tmpl = rules_msg_get(r, rule, msg);
    buf_reset(&run->tmp);
    rules_format(&run->tmp, tmpl ? tmpl : rules_ids[rule], fields);
    diag_add_span(run->d, run->path, l1, c1, l2, c2, r->def[rule].sev, rules_ids[rule], "%s", run->tmp.s);
}

static int S_is_limit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
        rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_NOMEMORY;
}

/* Whether every pattern of f (or the one named) comes from the built-in catalogue. */
static int S_builtin(const rules_family *f, const rules_pat *culprit)
{
    if (culprit) return !strcmp(culprit->file, RULES_BUILTIN_NAME);
    for (size_t i = 0; f && i < f->n; i++)
        if (strcmp(f->v[i].file, RULES_BUILTIN_NAME)) return 0;
    return 1;
}

int rules_match(rules_run *run, const rules_family *f, int fam, const pcre2_code *re, const faq_text *t, size_t len,
                size_t start, uint32_t opts)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)t->s, len, start, opts, run->md, run->r->mctx);
    if (rc == 0) rc = 1; /* ovector too small: still a match */
    if (!S_is_limit(rc) || fam < 0 || run->limit_hit[fam]) return rc;
    /* Name the pattern: the first that hits the limit alone on this text. */
    const rules_pat *culprit = NULL;
    for (size_t i = 0; f && i < f->n && !culprit; i++) {
        int rc2 = pcre2_match(f->v[i].re, (PCRE2_SPTR)t->s, len, start, opts, run->md, run->r->mctx);
        if (S_is_limit(rc2)) culprit = &f->v[i];
    }
    int rule = fam == FAM_CLAIM ? R_CLAIM : fam == FAM_META ? R_META : R_MISSING_ANSWER;
    unsigned line = 0, col = 0;
    faq_text_linecol(run->doc, t, start, &line, &col);
    if (S_builtin(f, culprit)) {
        /* A built-in pattern is linear by design (tests/unit/test_patterns.c): a limit hit is
           a bug of faq, not of the user's config. Only this text goes unchecked. */
        run->limit_hit[fam] = 2;
        diag_add(run->d, run->path, line, col, SEV_WARNING, rules_ids[rule],
                 "rule \"%s\" could not check this text: the built-in pattern \"%s\" hit the match limit "
                 "(a bug in faq: please report it with this text); later texts are checked",
                 rules_ids[rule], culprit ? culprit->src : "(the joined patterns)");
        return rc;
    }
    run->limit_hit[fam] = 1;
    if (culprit)
        diag_add(run->d, run->path, line, col, SEV_ERROR, "config",
                 "rule \"%s\": pattern \"%s\" (%s:%u) hit the match limit on this text: simplify it; "
                 "the rule is skipped for the rest of this file",
                 rules_ids[rule], culprit->src, culprit->file, culprit->line);
    else
        diag_add(run->d, run->path, line, col, SEV_ERROR, "config",
                 "rule \"%s\": its patterns hit the match limit on this text: simplify them; "
                 "the rule is skipped for the rest of this file",
                 rules_ids[rule]);
    return rc;
}

/* Inputs at least this large use the third and fourth byte tables (built on first use). */
enum { S_DEEP_MIN_BYTES = 1u << 20 };
static pthread_mutex_t S_deep_lock = PTHREAD_MUTEX_INITIALIZER;

/* Builds r's tables behind joint once (r is otherwise read-only, and shared by threads: only
   runs that took the lock read these tables). */
static void S_deepen(const rules *r)
{
    pthread_mutex_lock(&S_deep_lock);
    rules *w = (rules *)r; /* a cache filled once under the lock */
    if (!w->deep_done) {
        S_deeper(w);
        w->deep_done = 1;
    }
    pthread_mutex_unlock(&S_deep_lock);
}

/* Inputs at least this large get the patterns JIT-compiled (once, on first use). */
enum { S_JIT_MIN_BYTES = 1u << 16 };

static void S_jit_family(rules_family *f)
{
    if (f->re) (void)pcre2_jit_compile(f->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    if (f->re_at) (void)pcre2_jit_compile(f->re_at, PCRE2_JIT_COMPLETE);
    for (size_t k = 0; k < f->nsubs; k++) (void)pcre2_jit_compile(f->subs[k], PCRE2_JIT_COMPLETE);
}

void rules_prepare(const rules *r, size_t input_bytes)
{
    if (input_bytes >= S_JIT_MIN_BYTES) {
        pthread_mutex_lock(&S_deep_lock);
        rules *w = (rules *)r; /* compiled once under the lock, before any run of a large input */
        if (!w->jit_done) {
            S_jit_family(&w->claim);
            S_jit_family(&w->meta);
            S_jit_family(&w->placeholder);
            w->jit_done = 1;
        }
        pthread_mutex_unlock(&S_deep_lock);
    }
    if (r->joint && input_bytes >= S_DEEP_MIN_BYTES) S_deepen(r);
}

static void S_run_init(rules_run *run, const rules *r, const faq_doc *doc, diag_list *d, unsigned char *state)
{
    memset(run, 0, sizeof *run);
    run->r = r;
    run->doc = doc;
    run->d = d;
    run->path = doc->src && doc->src->path ? doc->src->path : "-";
    run->md = pcre2_match_data_create(1, NULL);
    run->answer_state = state;
    buf_init(&run->tmp);
}

static void S_run_free(rules_run *run)
{
    buf_free(&run->tmp);
    pcre2_match_data_free(run->md);
}

/* Runs every check of pass, each function once, in table order. */
static void S_run_pass(rules_run *run, rules_pass pass)
{
    for (int i = 0; i < R_COUNT; i++) {
        const rules_row *row = &rules_table[i];
        if (row->pass != pass || !row->check) continue;
        int seen = 0;
        for (int k = 0; k < i && !seen; k++) seen = rules_table[k].pass == pass && rules_table[k].check == row->check;
        if (!seen) row->check(run);
    }
}

static void S_run_text(rules_run *run, size_t from, size_t to)
{
    for (int i = 0; i < R_COUNT; i++) {
        const rules_row *row = &rules_table[i];
        if (row->pass != RULES_PASS_TEXT || !row->check_range) continue;
        int seen = 0;
        for (int k = 0; k < i && !seen; k++) seen = rules_table[k].check_range == row->check_range;
        if (!seen) row->check_range(run, from, to);
    }
}

/* The text pass goes in chunks of entries, which both threads take in turn once their own
   part is done; the findings of each chunk are kept apart and joined in order. */
enum { S_CHUNK_ENTRIES = 512 };

struct rules_job {
    const rules *r;
    const faq_doc *doc;
    unsigned char *answer_state; /* written by the answers pass only, before answered is set */
    int answered;
    int deep;
    int threaded;
    pthread_t tid;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    diag_list d[2]; /* answers and main passes | side pass */
    diag_list *chunk_d; /* text, chunk by chunk */
    unsigned char *chunk_limit; /* the chunk hit a match limit */
    size_t nchunks, next_chunk;
};

/* Takes chunks of the text pass until none is left. */
static void S_text_chunks(rules_job *p, rules_run *run)
{
    size_t n = p->doc->nentries;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t c = p->next_chunk++;
        pthread_mutex_unlock(&p->lock);
        if (c >= p->nchunks) return;
        size_t from = c * S_CHUNK_ENTRIES, to = c + 1 == p->nchunks ? n : from + S_CHUNK_ENTRIES;
        run->d = &p->chunk_d[c];
        run->limit_hit[FAM_CLAIM] = run->limit_hit[FAM_META] = 0; /* a chunk starts as the file does */
        S_run_text(run, from, to);
        p->chunk_limit[c] = run->limit_hit[FAM_CLAIM] == 1 || run->limit_hit[FAM_META] == 1;
    }
}

/* The answers and main passes, then text chunks. */
static void S_first_part(rules_job *p)
{
    rules_run run;
    S_run_init(&run, p->r, p->doc, &p->d[0], p->answer_state);
    if ((run.deep = p->deep)) S_deepen(p->r);
    S_run_pass(&run, RULES_PASS_ANSWERS);
    pthread_mutex_lock(&p->lock);
    p->answered = 1;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    S_run_pass(&run, RULES_PASS_MAIN);
    S_text_chunks(p, &run);
    S_run_free(&run);
}

/* The side pass once the answers are known, then text chunks. */
static void S_second_part(rules_job *p)
{
    pthread_mutex_lock(&p->lock);
    while (!p->answered) pthread_cond_wait(&p->cond, &p->lock);
    pthread_mutex_unlock(&p->lock);
    rules_run run;
    S_run_init(&run, p->r, p->doc, &p->d[1], p->answer_state);
    if ((run.deep = p->deep)) S_deepen(p->r);
    S_run_pass(&run, RULES_PASS_SIDE);
    S_text_chunks(p, &run);
    S_run_free(&run);
}

static void *S_first_thread(void *arg)
{
    S_first_part(arg);
    return NULL;
}

rules_job *rules_start(const rules *r, const faq_doc *doc, int threaded)
{
    rules_job *p = xcalloc(1, sizeof *p);
    p->r = r;
    p->doc = doc;
    p->answer_state = xcalloc(doc->nentries ? doc->nentries : 1, 1);
    p->deep = r->joint && doc->src && doc->src->len >= S_DEEP_MIN_BYTES;
    /* One thread: the text pass is one chunk, so a match limit stops a family for the rest of
       the file in one go. */
    p->nchunks = !threaded ? 1 : doc->nentries ? (doc->nentries + S_CHUNK_ENTRIES - 1) / S_CHUNK_ENTRIES : 1;
    p->chunk_d = xcalloc(p->nchunks, sizeof *p->chunk_d);
    p->chunk_limit = xcalloc(p->nchunks, 1);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    for (int i = 0; i < 2; i++) diag_list_init(&p->d[i]);
    for (size_t c = 0; c < p->nchunks; c++) diag_list_init(&p->chunk_d[c]);
    p->threaded = threaded && pthread_create(&p->tid, NULL, S_first_thread, p) == 0;
    return p;
}

void rules_finish(rules_job *p, diag_list *d)
{
    if (!p->threaded) S_first_part(p);
    S_second_part(p);
    if (p->threaded) pthread_join(p->tid, NULL);
    for (int i = 0; i < 2; i++) {
        diag_move(d, &p->d[i]);
        diag_list_free(&p->d[i]);
    }
    /* The chunks in order, up to the first that hit a match limit: from there on, the family
       that hit it is skipped for the rest of the file, so those chunks run again in one go. */
    size_t c = 0;
    for (; c < p->nchunks && !p->chunk_limit[c]; c++) diag_move(d, &p->chunk_d[c]);
    if (c < p->nchunks) {
        if (c == 0 && p->nchunks == 1) {
            diag_move(d, &p->chunk_d[0]); /* one chunk: it already ran to the end */
        } else {
            rules_run run;
            S_run_init(&run, p->r, p->doc, d, p->answer_state);
            if ((run.deep = p->deep)) S_deepen(p->r);
            S_run_text(&run, c * S_CHUNK_ENTRIES, p->doc->nentries);
            S_run_free(&run);
        }
    }
    for (c = 0; c < p->nchunks; c++) diag_list_free(&p->chunk_d[c]);
    free(p->chunk_d);
    free(p->chunk_limit);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p->answer_state);
    free(p);
}

void rules_apply(const rules *r, const faq_doc *doc, diag_list *d) { suppress_apply(r, doc, d, 0, 1); }

void rules_check(const rules *r, const faq_doc *doc, diag_list *d)
{
    rules_finish(rules_start(r, doc, 0), d);
    rules_apply(r, doc, d);
}

const rule_info *rules_catalogue(const rules *r, size_t *n)
{
    *n = R_COUNT;
    return r->info;
}

void rules_print_config(const rules *r, buf *out)
{
    for (size_t i = 0; i < r->nfiles; i++) buf_printf(out, "%s\n", r->files[i]);
}
