#define _GNU_SOURCE /* memmem */
/* rules_page: the page rules, run on an HTML page only: its JSON-LD parses, its FAQPage keeps
   Google's FAQPage profile, it has one FAQPage, and the FAQPage says what the page shows
   (markup-not-visible, markup-differs, markup-missing). Texts are compared by their
   html_text_key: white space, entities, markup, punctuation and case do not count. */
#include "html_page.h"
#include "rules_impl.h"
#include "strset.h"
#include "xalloc.h"
#include <stdio.h>
#include <string.h>

/* Reports rule at source offset pos of the page. */
static void S_at(rules_run *run, int rule, const char *msg, size_t pos, const char *const *fields)
{
    const rules *r = run->r;
    if (r->def[rule].sev == SEV_OFF) return;
    unsigned line = 0, col = 0;
    if (run->doc->src && pos != HTML_NPOS) source_linecol(run->doc->src, pos, &line, &col);
    const char *tmpl = rules_msg_get(r, rule, msg);
    buf_reset(&run->tmp);
    rules_format(&run->tmp, tmpl ? tmpl : rules_ids[rule], fields);
    diag_add(run->d, run->path, line, col, r->def[rule].sev, rules_ids[rule], "%s", run->tmp.s);
}

static void S_place(const rules_run *run, size_t pos, char *out, size_t cap) /* "line:col" */
{
    unsigned line = 0, col = 0;
    if (run->doc->src && pos != HTML_NPOS) source_linecol(run->doc->src, pos, &line, &col);
    snprintf(out, cap, "%u:%u", line, col);
}

/* ------------------------------------------------------------------ words */

typedef struct S_words {
    char *buf; /* the text's key letters, words apart by '\0' */
    size_t *off; /* start of each word in buf */
    size_t n;
} S_words;

static int S_word_byte(const unsigned char *s, size_t i, size_t len, size_t *k)
{
    unsigned char c = s[i];
    *k = 1;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
    if (c < 0x80) return 0;
    while (i + *k < len && (s[i + *k] & 0xC0) == 0x80 && *k < 4) ++*k;
    if (c == 0xE2 && *k == 3 && s[i + 1] == 0x80) return 0; /* quotes, dashes, ellipsis */
    if (c == 0xC2 && *k == 2 && (s[i + 1] == 0xA0 || s[i + 1] == 0xAB || s[i + 1] == 0xBB)) return 0;
    return 1;
}

static void S_split(const char *text, size_t len, S_words *w)
{
    const unsigned char *s = (const unsigned char *)text;
    w->buf = xmalloc(2 * len + 1);
    w->off = xmalloc((len / 2 + 1) * sizeof *w->off);
    w->n = 0;
    size_t o = 0;
    int in = 0;
    for (size_t i = 0; i < len;) {
        size_t k;
        if (S_word_byte(s, i, len, &k)) {
            if (!in) w->off[w->n++] = o, in = 1;
            for (size_t j = 0; j < k; j++) {
                unsigned char c = s[i + j];
                w->buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        } else if (in) {
            w->buf[o++] = '\0', in = 0;
        }
        i += k;
    }
    w->buf[o] = '\0';
}

static void S_words_free(S_words *w)
{
    free(w->buf);
    free(w->off);
}

/* Distinct words shared by a and b, over the distinct words of the longer (0..1). */
static double S_overlap(const S_words *a, const S_words *b)
{
    if (!a->n || !b->n) return 0;
    strset sa = {0}, sb = {0};
    size_t na = 0, nb = 0, common = 0;
    for (size_t i = 0; i < a->n; i++) {
        const char *s = a->buf + a->off[i];
        if (!strset_put(&sa, s, strlen(s), i)) na++;
    }
    for (size_t i = 0; i < b->n; i++) {
        const char *s = b->buf + b->off[i];
        if (strset_put(&sb, s, strlen(s), i)) continue;
        nb++;
        if (strset_get(&sa, s, strlen(s))) common++;
    }
    strset_free(&sa);
    strset_free(&sb);
    return (double)common / (double)(na > nb ? na : nb);
}

/* Where a and b part: a few words of each from the first that differs, into ea and eb. */
static void S_excerpts(const char *a, const char *b, buf *ea, buf *eb)
{
    S_words wa, wb;
    S_split(a, strlen(a), &wa);
    S_split(b, strlen(b), &wb);
    size_t i = 0;
    while (i < wa.n && i < wb.n && !strcmp(wa.buf + wa.off[i], wb.buf + wb.off[i])) i++;
    S_words_free(&wa);
    S_words_free(&wb);
    /* the same word i in the original texts: count words again, keeping their spelling */
    const char *src[2] = {a, b};
    buf *out[2] = {ea, eb};
    for (int k = 0; k < 2; k++) {
        const unsigned char *s = (const unsigned char *)src[k];
        size_t len = strlen(src[k]), from = i > 2 ? i - 2 : 0, word = 0, start = len, end = len;
        int in = 0;
        for (size_t p = 0; p < len;) {
            size_t n;
            int wb2 = S_word_byte(s, p, len, &n);
            if (wb2 && !in) {
                if (word == from) start = p;
                if (word == from + 8) {
                    end = p;
                    break;
                }
                word++;
            }
            in = wb2;
            p += n;
        }
        if (start > len) start = len;
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\n')) end--;
        if (start > 0) buf_puts(out[k], "…");
        for (size_t p = start; p < end; p++) buf_putc(out[k], s[p] == '\n' ? ' ' : (char)s[p]);
        if (end < len) buf_puts(out[k], "…");
    }
}

/* ------------------------------------------------------------------ the visible FAQ */

typedef struct S_entry {
    char *q, *a; /* keys */
    size_t nq, na;
    char *atext; /* the answer as text (paragraphs, then "Source: " lines) */
    S_words qw, aw;
    int marked; /* a marked-up question was matched to it */
    int split; /* qw and aw are made (only a marked-up text that differs needs them) */
} S_entry;

static void S_entry_words(S_entry *e, const faq_entry *fe)
{
    if (e->split) return;
    S_split(fe->question.s, fe->question.len, &e->qw);
    S_split(e->atext, strlen(e->atext), &e->aw);
    e->split = 1;
}

static char *S_answer_text(const faq_entry *e)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < e->answer.n; i++) {
        if (b.len) buf_putc(&b, '\n');
        buf_put(&b, e->answer.v[i].s, e->answer.v[i].len);
    }
    for (size_t i = 0; i < e->sources.n; i++) {
        if (b.len) buf_putc(&b, '\n');
        buf_puts(&b, "Source: ");
        buf_put(&b, e->sources.v[i].s, e->sources.v[i].len);
    }
    char *s = buf_detach(&b);
    return s ? s : xstrdup("");
}

static const char *S_short(const char *s, char *out, size_t cap) /* the first 80 bytes or so */
{
    size_t n = strlen(s);
    if (n < cap) return s;
    n = cap - 4;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    memcpy(out, s, n);
    memcpy(out + n, "…", 4);
    return out;
}

static int S_has(const html_page *p, const char *key, size_t n)
{
    return n && p->visible && n <= p->nvisible && memmem(p->visible, p->nvisible, key, n) != NULL;
}

/* ------------------------------------------------------------------ the rules */

static void S_issues(rules_run *run, const html_page *p)
{
    for (size_t i = 0; i < p->nissues; i++) {
        const html_issue *x = &p->issues[i];
        if (x->kind == HTML_ISSUE_SYNTAX) {
            char block[32], line[16], col[16];
            unsigned l = 0, c = 0;
            source_linecol(run->doc->src, x->pos, &l, &c);
            S_place(run, x->block, block, sizeof block);
            snprintf(line, sizeof line, "%u", l);
            snprintf(col, sizeof col, "%u", c);
            const char *f[] = {"error", x->msg, "line", line, "column", col, "block", block, NULL};
            S_at(run, R_JSONLD_SYNTAX, "", x->pos, f);
        } else {
            const char *f[] = {"problem", x->msg, NULL};
            S_at(run, R_FAQPAGE_PROFILE, "", x->pos, f);
        }
    }
}

static void S_multiple(rules_run *run, const html_page *p)
{
    char first[32];
    if (p->nfp < 2) return;
    S_place(run, p->fp[0].pos, first, sizeof first);
    for (size_t i = 1; i < p->nfp; i++) {
        const char *f[] = {"first", first, "kind", p->fp[i].microdata ? "microdata" : "JSON-LD", NULL};
        S_at(run, R_FAQPAGE_MULTIPLE, "", p->fp[i].pos, f);
    }
}

/* The visible entry a marked-up question is: its key equal to one's, else the most alike by
   words (at least half of them shared); *exact says which. -1: none. */
static long S_match(S_entry *es, const faq_doc *doc, size_t n, const char *key, size_t nkey, const char *name,
                    int *exact)
{
    for (size_t i = 0; i < n; i++)
        if (es[i].nq == nkey && !memcmp(es[i].q, key, nkey)) {
            *exact = 1;
            return (long)i;
        }
    *exact = 0;
    long best = -1;
    double bv = 0.5;
    S_words w;
    S_split(name, strlen(name), &w);
    for (size_t i = 0; i < n; i++) {
        S_entry_words(&es[i], &doc->entries[i]);
        double v = S_overlap(&w, &es[i].qw);
        if (v >= bv && (best < 0 || v > bv)) best = (long)i, bv = v;
    }
    S_words_free(&w);
    return best;
}

static void S_compare(rules_run *run, const html_page *p)
{
    const faq_doc *doc = run->doc;
    size_t n = doc->nentries;
    S_entry *es = xcalloc(n ? n : 1, sizeof *es);
    for (size_t i = 0; i < n; i++) {
        const faq_entry *e = &doc->entries[i];
        es[i].q = html_text_key(e->question.s, e->question.len, 0, &es[i].nq);
        es[i].atext = S_answer_text(e);
        es[i].a = html_text_key(es[i].atext, strlen(es[i].atext), 1, &es[i].na);
    }
    char shown[96], vis[32], mk[32], qs[100];
    if (n) {
        char at[32];
        S_place(run, doc->entries[0].pos, at, sizeof at);
        snprintf(shown, sizeof shown, "the page shows %zu question%s from %s", n, n == 1 ? "" : "s", at);
    } else {
        snprintf(shown, sizeof shown, "the page shows no FAQ");
    }
    for (size_t f = 0; f < p->nfp; f++)
        for (size_t k = 0; k < p->fp[f].nqa; k++) {
            const html_qa *qa = &p->fp[f].qa[k];
            if (!qa->name || !*qa->name) continue; /* faqpage-profile says so */
            S_place(run, qa->pos, mk, sizeof mk);
            const char *qshort = S_short(qa->name, qs, sizeof qs);
            size_t nkey, nakey = 0;
            char *key = html_text_key(qa->name, strlen(qa->name), 0, &nkey);
            char *akey = qa->answer ? html_text_key(qa->answer, strlen(qa->answer), 1, &nakey) : NULL;
            int exact = 0;
            long m = nkey ? S_match(es, doc, n, key, nkey, qa->name, &exact) : -1;
            if (m >= 0) {
                S_entry *e = &es[m];
                e->marked = 1;
                S_place(run, doc->entries[m].pos, vis, sizeof vis);
                if (!exact) {
                    buf ea, eb;
                    buf_init(&ea), buf_init(&eb);
                    char *vq = xstrndup(doc->entries[m].question.s, doc->entries[m].question.len);
                    S_excerpts(qa->name, vq, &ea, &eb);
                    const char *fl[] = {"question",    qshort, "markup",    mk,   "visible", vis,
                                        "markup-text", ea.s,   "page-text", eb.s, NULL};
                    S_at(run, R_MARKUP_DIFFERS, "question", qa->pos, fl);
                    free(vq);
                    buf_free(&ea), buf_free(&eb);
                }
                if (akey && !(nakey == e->na && !memcmp(akey, e->a, nakey)) && !S_has(p, akey, nakey)) {
                    S_entry_words(e, &doc->entries[m]);
                    S_words aw;
                    S_split(qa->answer, strlen(qa->answer), &aw);
                    double v = S_overlap(&aw, &e->aw);
                    S_words_free(&aw);
                    buf ea, eb;
                    buf_init(&ea), buf_init(&eb);
                    S_excerpts(qa->answer, e->atext, &ea, &eb);
                    const char *fl[] = {"question",    qshort, "markup",    mk,   "visible", vis,
                                        "markup-text", ea.s,   "page-text", eb.s, NULL};
                    if (v >= 0.5)
                        S_at(run, R_MARKUP_DIFFERS, "answer", qa->pos, fl);
                    else
                        S_at(run, R_MARKUP_NOT_VISIBLE, "answer", qa->pos, fl);
                    buf_free(&ea), buf_free(&eb);
                }
            } else if (S_has(p, key, nkey)) { /* on the page, but not as a FAQ entry */
                if (akey && !S_has(p, akey, nakey)) {
                    char ex[100];
                    const char *fl[] = {"question",  qshort, "markup",      mk,
                                        "visible",   shown,  "markup-text", S_short(qa->answer, ex, sizeof ex),
                                        "page-text", "",     NULL};
                    S_at(run, R_MARKUP_NOT_VISIBLE, "answer", qa->pos, fl);
                }
            } else {
                const char *fl[] = {"question", qshort, "markup", mk, "visible", shown, NULL};
                S_at(run, R_MARKUP_NOT_VISIBLE, "question", qa->pos, fl);
            }
            free(key);
            free(akey);
        }
    size_t nqa = 0;
    for (size_t f = 0; f < p->nfp; f++) nqa += p->fp[f].nqa;
    if (nqa) {
        S_place(run, p->fp[0].pos, mk, sizeof mk);
        for (size_t i = 0; i < n; i++) {
            if (es[i].marked) continue;
            const faq_entry *e = &doc->entries[i];
            char *q = xstrndup(e->question.s, e->question.len);
            const char *fl[] = {"question", S_short(q, qs, sizeof qs), "markup", mk, NULL};
            rules_report(run, R_MARKUP_MISSING, "", &e->question, 0, 0, fl);
            free(q);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(es[i].q);
        free(es[i].a);
        free(es[i].atext);
        if (es[i].split) S_words_free(&es[i].qw), S_words_free(&es[i].aw);
    }
    free(es);
}

void rules_check_page(rules_run *run)
{
    const html_page *p = run->doc->page;
    if (!p) return;
    S_issues(run, p);
    S_multiple(run, p);
    if (p->nfp) S_compare(run, p);
}

void rules_page_drop(diag_list *d, size_t from)
{
    static const int page[] = {R_JSONLD_SYNTAX,      R_FAQPAGE_PROFILE, R_FAQPAGE_MULTIPLE,
                               R_MARKUP_NOT_VISIBLE, R_MARKUP_DIFFERS,  R_MARKUP_MISSING};
    size_t w = from;
    for (size_t i = from; i < d->n; i++) {
        diag *x = &d->v[i];
        int drop = 0;
        for (size_t k = 0; k < sizeof page / sizeof *page && !drop; k++)
            drop = x->rule && !strcmp(x->rule, rules_ids[page[k]]);
        if (drop) {
            free(x->file);
            free(x->rule);
            free(x->msg);
        } else {
            d->v[w++] = *x;
        }
    }
    d->n = w;
}
