/* read_text: the FAQ text format to the model, keeping the source position of everything. */
#include "reader.h"
#include "slug.h"
#include "strset.h"
#include "utf8.h"
#include "xalloc.h"
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One physical line: [b, e) is its text without indentation, trailing blanks or terminator.
   (Offsets fit in 32 bits: SOURCE_MAX_BYTES is below 4 GiB. A line's number is its index + 1.) */
typedef struct line {
    uint32_t start; /* offset of the line's first byte */
    uint32_t b, e; /* trimmed text */
} src_line;

typedef enum { ST_TITLE, ST_INTRO, ST_QUESTION, ST_ANSWER, ST_CONCLUSION } state;

typedef struct reader {
    faq_doc *doc;
    const source *src;
    diag_list *d;
    src_line *lines;
    size_t nlines;
    faq_seg *segs; /* scratch for S_make_text */
    size_t capsegs;
    int qa_mode; /* the document uses Q:/A: prefixes: only Q: lines start questions */
    state st;
    faq_paras *dest; /* where the current paragraph goes */
    size_t para_first, para_n; /* lines of the current paragraph: indices into lines */
    int in_para;
    int para_joins_space; /* title and question join with ' ', paragraphs with '\n' */
    faq_text *para_target; /* for title/question: the text being built */
    faq_entry *entry; /* current entry */
    int conclusion_seen;
    int title_started;
    const char *section; /* a group heading read, for the next entry */
    strset ids;
} reader;

static int S_is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

static void S_split_scan(reader *r);

static const char *S_text(const reader *r, const src_line *l) { return r->src->data + l->b; }
static size_t S_len(const src_line *l) { return l->e - l->b; }

static int S_starts_ci(const reader *r, const src_line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return S_len(l) >= n && !strncasecmp(S_text(r, l), prefix, n);
}

static char S_last(const reader *r, const src_line *l) { return S_len(l) ? r->src->data[l->e - 1] : 0; }

static int S_ends_q(const reader *r, const src_line *l) /* a question mark of any script */
{
    return utf8_question_end(S_text(r, l), S_len(l)) > 0;
}

static int S_ends_sentence(const reader *r, const src_line *l)
{
    char c = S_last(r, l);
    if (c == '.') { /* "(e.g." and "i.e." at a line's end go on on the next line */
        static const char *const abbr[] = {"e.g.", "i.e.", "cf.", "vs.", "approx.", "incl.", "resp."};
        const char *t = S_text(r, l);
        size_t n = S_len(l);
        for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++) {
            size_t k = strlen(abbr[i]);
            if (n >= k && !strncasecmp(t + n - k, abbr[i], k) && (n == k || !isalpha((unsigned char)t[n - k - 1])))
                return 0;
        }
    }
    return c == '.' || c == '!' || c == ':' || S_ends_q(r, l);
}

/* Splits the source into lines (LF, CRLF or CR): the source's own line table, each line
   without its line end. */
static void S_split(reader *r)
{
    const source *src = r->src;
    const char *d = src->data;
    size_t len = src->len, n = len && src->line_start ? src->nlines : 0;
    if (len && !src->line_start) {
        S_split_scan(r);
        return;
    }
    r->lines = xmalloc((n ? n : 1) * sizeof *r->lines);
    for (size_t k = 0; k < n; k++) {
        size_t start = src->line_start[k], end = k + 1 < n ? src->line_start[k + 1] : len;
        if (end > start && d[end - 1] == '\n') {
            end--;
            if (end > start && d[end - 1] == '\r') end--;
        } else if (end > start && d[end - 1] == '\r') {
            end--;
        }
        size_t b = start, e = end;
        while (b < e && S_is_blank_char(d[b])) b++;
        while (e > b && S_is_blank_char(d[e - 1])) e--;
        r->lines[k] = (src_line){(uint32_t)start, (uint32_t)b, (uint32_t)e};
    }
    r->nlines = n;
}

/* S_split for a source without a line table. */
static void S_split_scan(reader *r)
{
    const char *d = r->src->data;
    size_t len = r->src->len;
    size_t i = 0;
    int has_cr = len && memchr(d, '\r', len) != NULL; /* else each line ends at the next LF */
    /* The lines, counted first: one more than the line ends at most (a CR LF counts twice). */
    size_t cap = 1;
    for (const char *p = d, *end = d + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) cap++;
    if (has_cr)
        for (const char *p = d, *end = d + len; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++) cap++;
    r->lines = xmalloc(cap * sizeof *r->lines);
    while (i < len) {
        size_t start = i;
        if (!has_cr) {
            const char *nl = memchr(d + i, '\n', len - i);
            i = nl ? (size_t)(nl - d) : len;
        } else {
            while (i < len && d[i] != '\n' && d[i] != '\r') i++;
        }
        size_t end = i;
        if (i < len && d[i] == '\r' && i + 1 < len && d[i + 1] == '\n')
            i += 2;
        else if (i < len)
            i++;
        size_t b = start, e = end;
        while (b < e && S_is_blank_char(d[b])) b++;
        while (e > b && S_is_blank_char(d[e - 1])) e--;
        r->lines[r->nlines++] = (src_line){(uint32_t)start, (uint32_t)b, (uint32_t)e};
    }
}

/* ---- building texts ---- */

static void S_check_len(reader *r, const faq_text *t)
{
    if (t->len <= FAQ_TEXT_MAX) return;
    unsigned line, col;
    source_linecol(r->src, t->seg[0].src_off, &line, &col);
    diag_add(r->d, r->src->path, line, col, SEV_ERROR, "structure",
             "this text holds %zu bytes, more than the %u a FAQ text may hold (XML cannot read "
             "it back): split it into paragraphs",
             t->len, (unsigned)FAQ_TEXT_MAX);
}

/* Builds a faq_text from lines [first, first+n), skipping skip bytes of the first line.
   A line whose text maps to the source as the previous one's does (the same distance between
   text and source offsets: the lines of a hard-wrapped paragraph, joined by one byte where the
   source has one line end) continues its segment: faq_text_src gives the same offsets. */
static void S_make_text(reader *r, faq_text *t, size_t first, size_t n, size_t skip, char joiner)
{
    const char *d = r->src->data;
    const src_line *l0 = &r->lines[first];
    size_t b0 = l0->b + skip;
    while (b0 < l0->e && S_is_blank_char(d[b0])) b0++;
    /* The text as it stands in the source (each line joined to the next by the one byte the
       text has there: LF line ends, no blanks around them): the text points into the source,
       no copy (it is not NUL-terminated then; see model.h). */
    int contiguous = 1;
    for (size_t i = 1; i < n && contiguous; i++) {
        const src_line *a = &r->lines[first + i - 1], *b = &r->lines[first + i];
        contiguous = b->b == a->e + 1 && d[a->e] == joiner;
    }
    if (contiguous) {
        size_t e = r->lines[first + n - 1].e;
        t->s = (char *)d + b0;
        t->len = e - b0;
        t->seg = arena_alloc_raw(&r->doc->mem, sizeof *t->seg);
        t->seg[0].text_off = 0;
        t->seg[0].src_off = b0;
        t->nseg = 1;
        S_check_len(r, t);
        return;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += S_len(&r->lines[first + i]) + 1;
    char *s = arena_alloc_raw(&r->doc->mem, total + 1); /* filled below, up to its NUL */
    XGROW(r->segs, r->capsegs, n);
    faq_seg *seg = r->segs;
    size_t k = 0, nseg = 0;
    for (size_t i = 0; i < n; i++) {
        const src_line *l = &r->lines[first + i];
        size_t b = l->b + (i == 0 ? skip : 0);
        while (i == 0 && b < l->e && S_is_blank_char(r->src->data[b])) b++;
        if (i > 0) s[k++] = joiner;
        if (!nseg || b + seg[nseg - 1].text_off != seg[nseg - 1].src_off + k) {
            seg[nseg].text_off = k;
            seg[nseg].src_off = b;
            nseg++;
        }
        memcpy(s + k, r->src->data + b, l->e - b);
        k += l->e - b;
    }
    memset(s + k, 0, total + 1 - k); /* the NUL and the unused rest */
    t->s = s;
    t->len = k;
    t->seg = arena_alloc_raw(&r->doc->mem, nseg * sizeof *seg);
    memcpy(t->seg, seg, nseg * sizeof *seg);
    t->nseg = nseg;
    S_check_len(r, t);
}

/* ---- questions ---- */

/* Length of a number prefix (with the blanks after it), or 0. A prefix is a number that
   says it is one: an integer (or Q + integer) followed by '.', ')' or ':' ("1. ", "2) ",
   "10. ", "Q1. ", "Q1: "), or a dotted section number with or without such a mark ("2.3 ",
   "2.3. "). A bare integer followed by a blank is text, not a number: "2024 prices?" and
   "24 hours after SMP?" keep it. A prefix needs text after it. */
static size_t S_number_prefix(const char *s, size_t n)
{
    size_t i = 0;
    int letter = 0; /* "Q1. " and the section-lettered "A8) " of older FAQs */
    if (i < n && isalpha((unsigned char)s[i]) && i + 1 < n && isdigit((unsigned char)s[i + 1])) i++, letter = 1;
    if (i >= n || !isdigit((unsigned char)s[i])) return 0;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    int dotted = 0, marked = 0;
    while (i + 1 < n && s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        i++;
        while (i < n && isdigit((unsigned char)s[i])) i++;
        dotted = 1;
    }
    if (i < n && (s[i] == '.' || s[i] == ')' || s[i] == ':')) i++, marked = 1;
    if (!dotted && !marked) return 0;
    if (letter && s[0] != 'Q' && s[0] != 'q' && !(isupper((unsigned char)s[0]) && marked && s[i - 1] == ')')) return 0;
    size_t j = i;
    while (j < n && S_is_blank_char(s[j])) j++;
    if (j == i || j == n) return 0; /* "1.5%?" and a lone "3." are the question's own text */
    return j;
}

size_t read_text_number_prefix(const char *s, size_t n) { return S_number_prefix(s, n); }

/* Whether line li starts a question; starts_para: it is the first line of a paragraph.
   Q: and A: are accepted in either case (the text export writes upper case). */
static int S_is_question(const reader *r, size_t li, int starts_para)
{
    const src_line *l = &r->lines[li];
    if (r->qa_mode) return S_starts_ci(r, l, "Q:");
    if (!S_ends_q(r, l)) return 0;
    if (starts_para) return 1;
    return li > 0 && S_ends_sentence(r, &r->lines[li - 1]);
}

static int S_is_source(const reader *r, const src_line *l)
{
    return S_starts_ci(r, l, "Source:") || S_starts_ci(r, l, "Sources:");
}

/* A stable, unique id from the question (slug_make); a slug given twice gets -2, -3, ... */
static char *S_make_id(reader *r, const faq_text *q)
{
    return slug_unique(&r->ids, &r->doc->mem, q->s ? q->s : "", q->len);
}

/* ---- paragraphs ---- */

static void S_close_para(reader *r)
{
    if (!r->in_para) return;
    r->in_para = 0;
    if (r->para_target) { /* title or question */
        faq_text *t = r->para_target;
        size_t skip = 0, first = r->para_first, nlines = r->para_n;
        if (r->st == ST_QUESTION) {
            const src_line *l0 = &r->lines[first];
            if (S_starts_ci(r, l0, "Q:")) skip = 2;
            if (skip && S_len(l0) == skip && nlines > 1) { /* "Q:" alone: the text starts below */
                first++, nlines--;
                skip = 0;
                l0 = &r->lines[first];
            }
            const char *s = S_text(r, l0) + skip;
            size_t n = S_len(l0) - skip, ws = 0;
            while (ws < n && S_is_blank_char(s[ws])) ws++;
            skip += ws + S_number_prefix(s + ws, n - ws);
        }
        S_make_text(r, t, first, nlines, skip, ' ');
        if (r->st == ST_QUESTION) r->entry->id = S_make_id(r, t);
        r->para_target = NULL;
        return;
    }
    faq_text *t = faq_paras_add(r->doc, r->dest);
    size_t skip = 0;
    const src_line *l0 = &r->lines[r->para_first];
    if (r->qa_mode && r->st == ST_ANSWER && r->dest == &r->entry->answer && r->dest->n == 1 && S_starts_ci(r, l0, "A:"))
        skip = 2;
    size_t first = r->para_first, n = r->para_n;
    if (skip && S_len(l0) == skip && n > 1) { /* "A:" alone on its line */
        first++, n--;
        skip = 0;
    }
    S_make_text(r, t, first, n, skip, '\n');
    if (t->len == 0) r->dest->n--; /* a bare "A:" line holds no paragraph */
}

static void S_open_para(reader *r, size_t li, faq_paras *dest, faq_text *target)
{
    S_close_para(r);
    r->in_para = 1;
    r->para_first = li;
    r->para_n = 1;
    r->dest = dest;
    r->para_target = target;
}

/* Adds line li (the next line) to the open paragraph. */
static void S_add_line(reader *r, size_t li)
{
    (void)li;
    r->para_n++;
}

static void S_new_entry(reader *r, size_t li)
{
    S_close_para(r);
    r->entry = faq_doc_add_entry(r->doc);
    r->entry->pos = r->lines[li].b;
    r->entry->after_conclusion = r->conclusion_seen;
    r->entry->section = r->section;
    r->section = NULL;
    r->st = ST_QUESTION;
    S_open_para(r, li, NULL, &r->entry->question);
    if (!r->qa_mode) { /* a plain question is one line */
        S_close_para(r);
        r->st = ST_ANSWER;
    }
}

/* A numbered question wrapped over lines: line li opens a paragraph with a number prefix
   ("A8) How can I ...") and a later line of the paragraph ends in a question mark, no line
   between them ending a sentence. Returns how many lines the question takes (0: none). */
static size_t S_wrapped_question(const reader *r, size_t li)
{
    const src_line *l = &r->lines[li];
    if (r->qa_mode || S_ends_q(r, l) || !S_number_prefix(S_text(r, l), S_len(l))) return 0;
    for (size_t k = li + 1; k < r->nlines && k < li + 4; k++) {
        const src_line *m = &r->lines[k];
        if (!S_len(m) || S_ends_sentence(r, &r->lines[k - 1])) return 0;
        if (S_ends_q(r, m)) return k - li + 1;
    }
    return 0;
}

static void S_new_wrapped_entry(reader *r, size_t li, size_t n)
{
    S_close_para(r);
    r->entry = faq_doc_add_entry(r->doc);
    r->entry->pos = r->lines[li].b;
    r->entry->after_conclusion = r->conclusion_seen;
    r->entry->section = r->section;
    r->section = NULL;
    r->st = ST_QUESTION;
    S_open_para(r, li, NULL, &r->entry->question);
    for (size_t k = 1; k < n; k++) S_add_line(r, li + k);
    S_close_para(r);
    r->st = ST_ANSWER;
}

/* Lines [li, end of its paragraph) are a contents list: at least two lines, each a numbered
   question, after at most one line that names the list ("Contents:"). Returns its length. */
static size_t S_contents(const reader *r, size_t li)
{
    size_t k = li, numbered = 0;
    while (k < r->nlines && S_len(&r->lines[k])) {
        const src_line *m = &r->lines[k];
        int q = S_ends_q(r, m) && S_number_prefix(S_text(r, m), S_len(m));
        if (!q && k != li) return 0;
        numbered += q;
        k++;
    }
    return numbered >= 2 ? k - li : 0;
}

/* Whether line li is a banner ("=====", "-----", "*****"): decoration, not content. */
static int S_banner(const reader *r, size_t li)
{
    const src_line *l = &r->lines[li];
    size_t n = S_len(l);
    const char *t = S_text(r, l);
    if (n < 3 || (n == 3 && t[0] == '-')) return 0; /* "---": a front matter fence, or text */
    for (size_t i = 0; i < n; i++)
        if (t[i] != t[0] || (t[0] != '=' && t[0] != '-' && t[0] != '*' && t[0] != '#' && t[0] != '~')) return 0;
    return 1;
}

/* Whether line li, after a gap or a banner, is a group heading: one line that ends no
   sentence, alone in its paragraph, and the next paragraph starts with a question. */
static int S_section_heading(const reader *r, size_t li)
{
    const src_line *l = &r->lines[li];
    if (S_ends_sentence(r, l) || S_last(r, l) == ',' || S_len(l) > 80) return 0;
    size_t k = li + 1;
    while (k < r->nlines && S_banner(r, k)) k++;
    if (k < r->nlines && S_len(&r->lines[k])) return 0;
    while (k < r->nlines && (!S_len(&r->lines[k]) || S_banner(r, k))) k++;
    if (k >= r->nlines) return 0;
    const src_line *m = &r->lines[k];
    return r->qa_mode ? S_starts_ci(r, m, "Q:") : (S_ends_q(r, m) || S_wrapped_question(r, k) > 0);
}

static void S_add_source(reader *r, size_t li)
{
    S_close_para(r);
    const src_line *l = &r->lines[li];
    size_t skip = S_starts_ci(r, l, "Sources:") ? 8 : 7;
    faq_text *t = faq_paras_add(r->doc, &r->entry->sources);
    S_make_text(r, t, li, 1, skip, ' ');
}

/* ---- directives ---- */

/* Whether trimmed line s[0..n) is a comment on its own line; other comments are text. */
static int S_is_comment(const char *s, size_t n)
{
    return n >= 7 && !memcmp(s, "<!--", 4) && !memcmp(s + n - 3, "-->", 3);
}

/* "<!-- faq-disable a, b -->" on its own line: records it and returns 1; other lines return 0. */
static int S_directive(reader *r, size_t li)
{
    const src_line *l = &r->lines[li];
    const char *s = S_text(r, l);
    size_t n = S_len(l);
    if (!S_is_comment(s, n)) return 0;
    return faq_doc_add_directive(r->doc, s + 4, n - 7, (unsigned)(li + 1));
}

text_line_role read_text_line_role(const char *s, size_t n)
{
    size_t b = 0;
    while (b < n && S_is_blank_char(s[b])) b++;
    while (n > b && S_is_blank_char(s[n - 1])) n--;
    const char *t = s + b;
    size_t len = n - b;
    /* the same tests as the walk's, on the same trimmed text */
    if (len >= 2 && (t[0] == 'Q' || t[0] == 'q') && t[1] == ':') return TEXT_LINE_QUESTION;
    if ((len >= 7 && !strncasecmp(t, "Source:", 7)) || (len >= 8 && !strncasecmp(t, "Sources:", 8)))
        return TEXT_LINE_SOURCE;
    if (S_is_comment(t, len) && faq_directive_kind(t + 4, len - 7) >= 0) return TEXT_LINE_DIRECTIVE;
    if (b == 0 && len == 3 && !memcmp(t, "---", 3)) return TEXT_LINE_FENCE; /* indented: text */
    return TEXT_LINE_TEXT;
}

/* ---- front matter ---- */

static void S_add_field(reader *r, size_t li, size_t colon)
{
    const src_line *l = &r->lines[li];
    XGROW(r->doc->fields, r->doc->capfields, r->doc->nfields + 1);
    faq_field *f = &r->doc->fields[r->doc->nfields++];
    memset(f, 0, sizeof *f);
    size_t ke = colon;
    while (ke > l->b && S_is_blank_char(r->src->data[ke - 1])) ke--;
    f->key.s = arena_strndup(&r->doc->mem, r->src->data + l->b, ke - l->b);
    f->key.len = ke - l->b;
    f->key.seg = arena_alloc(&r->doc->mem, sizeof *f->key.seg);
    f->key.seg->src_off = l->b;
    f->key.nseg = 1;
    size_t vb = colon + 1, ve = l->e;
    while (vb < ve && S_is_blank_char(r->src->data[vb])) vb++;
    if (read_text_is_quoted(r->src->data + vb, ve - vb)) vb++, ve--;
    f->value.s = arena_strndup(&r->doc->mem, r->src->data + vb, ve - vb);
    f->value.len = ve - vb;
    f->value.seg = arena_alloc(&r->doc->mem, sizeof *f->value.seg);
    f->value.seg->src_off = vb;
    f->value.nseg = 1;
    S_check_len(r, &f->value); /* the XML export must read back, as for any other text */
}

/* One quoted string: '"a" and "b"' is two strings and some text, kept as it is (else its
   outer quotes would go and the inner ones stay: 'a" and "b'). */
int read_text_is_quoted(const char *s, size_t n)
{
    if (n < 2 || (s[0] != '"' && s[0] != '\'') || s[n - 1] != s[0]) return 0;
    return memchr(s + 1, s[0], n - 2) == NULL;
}

static int S_is_fence(const reader *r, const src_line *l)
{
    return l->b == l->start && S_len(l) == 3 && !memcmp(S_text(r, l), "---", 3);
}

/* Reads front matter; returns the index of the first line after it. */
static size_t S_front(reader *r)
{
    if (r->nlines == 0 || !S_is_fence(r, &r->lines[0])) return 0;
    size_t close = 1;
    while (close < r->nlines && !S_is_fence(r, &r->lines[close])) close++;
    if (close == r->nlines) {
        diag_add(r->d, r->src->path, 1, 1, SEV_ERROR, "structure",
                 "front matter opened with '---' is never closed: add a line '---' after the last key");
        return 0;
    }
    r->doc->has_front = 1;
    strset keys = {0};
    for (size_t i = 1; i < close; i++) {
        const src_line *l = &r->lines[i];
        if (S_len(l) == 0 || S_text(r, l)[0] == '#') continue;
        const char *s = S_text(r, l);
        const char *colon = memchr(s, ':', S_len(l));
        size_t kn = colon ? (size_t)(colon - s) : 0;
        int ok = colon && kn > 0;
        for (size_t k = 0; ok && k < kn; k++)
            ok = isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || (S_is_blank_char(s[k]) && k + 1 == kn);
        if (!ok) {
            unsigned line_no, col;
            source_linecol(r->src, l->b, &line_no, &col);
            diag_add(r->d, r->src->path, line_no, col, SEV_ERROR, "structure",
                     "front matter line is not 'key: value' (keys are letters, digits, '-', '_')");
            continue;
        }
        size_t before = r->doc->nfields;
        S_add_field(r, i, l->b + kn);
        faq_field *f = &r->doc->fields[before];
        if (strset_put(&keys, f->key.s, f->key.len, i + 1)) {
            unsigned line_no, col;
            source_linecol(r->src, l->b, &line_no, &col);
            unsigned first = (unsigned)strset_get(&keys, f->key.s, f->key.len)->value;
            diag_add(r->d, r->src->path, line_no, col, SEV_ERROR, "structure",
                     "front matter key '%s' is set twice (first on line %u): keep one", f->key.s, first);
            r->doc->nfields--;
        }
    }
    strset_free(&keys);
    return close + 1;
}

/* ---- the walk ---- */

/* In Q:/A: form only Q: lines start questions, so a paragraph that starts with a line ending
   in '?' (a question in a plain file) becomes text of the intro, an answer or the conclusion.
   Say so rather than do it silently. The finding is question-form's: suppress_apply gives it
   that rule's configured severity, drops it when the rule is off, and applies the inline
   directives, as for the rules' own findings. */
static void S_note_plain_question(reader *r, size_t li, int starts_para)
{
    const src_line *l = &r->lines[li];
    if (!r->qa_mode || !starts_para || !S_ends_q(r, l) || S_starts_ci(r, l, "A:")) return;
    unsigned line, col, eline, ecol;
    source_linecol(r->src, l->b, &line, &col);
    source_linecol(r->src, l->e, &eline, &ecol);
    diag_add_span(r->d, r->src->path, line, col, eline, ecol, SEV_WARNING, "question-form",
                  "line looks like a question but this file uses Q:/A: prefixes: write \"Q: ...\" or "
                  "reword it");
}

static void S_walk(reader *r, size_t from)
{
    /* The gap before a content line is the longest run of blank lines since the previous
       content line: a directive line is not content, but it ends a run, so that "blank,
       directive, blank" is one blank line, not two (which would open the conclusion). */
    unsigned blanks = 1; /* blank lines in the current run; the start counts as a break */
    unsigned longest = 0; /* the longest run ended by a directive line since the last content */
    int any = 0;
    r->st = ST_TITLE;
    int banner = 0; /* a banner line since the last content line */
    for (size_t li = from; li < r->nlines; li++) {
        const src_line *l = &r->lines[li];
        if (S_len(l) && !any && !r->title_started && S_is_comment(S_text(r, l), S_len(l)) &&
            faq_directive_kind(S_text(r, l) + 4, S_len(l) - 7) < 0)
            continue; /* a leading comment (a licence line): neither the title nor content */
        if (S_len(l) && r->st != ST_QUESTION && S_banner(r, li)) {
            banner = 1; /* decoration: it separates like a blank line */
            if (r->st == ST_TITLE && r->title_started) {
                S_close_para(r);
                r->st = ST_INTRO;
            }
            S_close_para(r);
            blanks++;
            continue;
        }
        if (S_len(l) == 0) {
            blanks++;
            if (r->st == ST_QUESTION) { /* a Q: question ends at a blank line */
                S_close_para(r);
                r->st = ST_ANSWER;
            }
            S_close_para(r);
            continue;
        }
        if (S_directive(r, li)) {
            /* a Q: question ends at a directive line, as at a blank line: closed while it is
               still the question (its prefix stripped, its id made), then the answer starts */
            if (r->st == ST_QUESTION) {
                S_close_para(r);
                r->st = ST_ANSWER;
            }
            S_close_para(r);
            if (blanks > longest) longest = blanks;
            blanks = 0;
            continue;
        }
        unsigned gap = blanks > longest ? blanks : longest;
        int starts_para = gap > 0 || !r->in_para;
        int after_banner = banner;
        blanks = longest = 0;
        banner = 0;
        any = 1;
        size_t wrapped = starts_para && r->st != ST_TITLE && r->st != ST_QUESTION ? S_wrapped_question(r, li) : 0;
        if (wrapped) { /* "A8) How can I ..." wrapped onto the next line */
            S_new_wrapped_entry(r, li, wrapped);
            li += wrapped - 1;
            continue;
        }
        if (r->st == ST_INTRO && starts_para && !r->doc->nentries) {
            size_t toc = S_contents(r, li);
            if (toc) { /* a contents list repeating the numbered questions: intro text */
                S_open_para(r, li, &r->doc->intro, NULL);
                for (size_t k = 1; k < toc; k++) S_add_line(r, li + k);
                S_close_para(r);
                li += toc - 1;
                continue;
            }
        }
        if (r->st == ST_ANSWER && starts_para && (gap >= 2 || after_banner) && S_section_heading(r, li)) {
            S_close_para(r); /* a group heading between the answers: not the conclusion */
            r->section = arena_strndup(&r->doc->mem, S_text(r, l), S_len(l));
            continue;
        }
        switch (r->st) {
        case ST_TITLE: /* the title is the first paragraph */
            /* in Q:/A: form a Q: line starts a question even inside the first paragraph,
               rather than merging into the title */
            if (r->qa_mode && S_is_question(r, li, 1)) {
                S_new_entry(r, li);
                break;
            }
            if (!r->title_started) {
                r->title_started = 1;
                S_open_para(r, li, NULL, &r->doc->title);
            } else if (starts_para) {
                S_close_para(r);
                r->st = ST_INTRO;
                li--; /* read the line again as the intro's */
                blanks = gap;
                continue;
            } else {
                S_add_line(r, li);
            }
            break;
        case ST_INTRO:
        case ST_CONCLUSION:
            if (S_is_question(r, li, starts_para)) {
                S_new_entry(r, li);
                break;
            }
            S_note_plain_question(r, li, starts_para);
            if (starts_para)
                S_open_para(r, li, r->st == ST_INTRO ? &r->doc->intro : &r->doc->conclusion, NULL);
            else
                S_add_line(r, li);
            break;
        case ST_QUESTION:
            if (S_starts_ci(r, l, "A:") || S_is_source(r, l) || S_is_question(r, li, 0)) {
                S_close_para(r);
                r->st = ST_ANSWER;
                li--; /* read the line again as part of the answer */
                blanks = 0;
                continue;
            }
            S_add_line(r, li);
            break;
        case ST_ANSWER:
            if (S_is_question(r, li, starts_para)) {
                S_new_entry(r, li);
                break;
            }
            if (S_is_source(r, l)) {
                S_add_source(r, li);
                break;
            }
            S_note_plain_question(r, li, starts_para);
            if (gap >= 2 && (r->entry->answer.n || r->entry->sources.n)) {
                S_close_para(r);
                if (!r->conclusion_seen) r->doc->conclusion_pos = l->b;
                r->conclusion_seen = 1;
                r->st = ST_CONCLUSION;
                S_open_para(r, li, &r->doc->conclusion, NULL);
                break;
            }
            if (starts_para)
                S_open_para(r, li, &r->entry->answer, NULL);
            else
                S_add_line(r, li);
            break;
        }
    }
    if (r->st == ST_QUESTION) {
        S_close_para(r);
        r->st = ST_ANSWER;
    }
    S_close_para(r);
    r->doc->empty = !any;
}

faq_doc *read_text(const source *src, diag_list *d)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc = faq_doc_new(src);
    r.src = src;
    r.d = d;
    S_split(&r);
    size_t from = S_front(&r);
    for (size_t li = from; li < r.nlines && !r.qa_mode; li++)
        if (S_starts_ci(&r, &r.lines[li], "Q:")) r.qa_mode = 1;
    S_walk(&r, from);
    if (r.doc->empty) {
        diag_add(d, src->path, 1, 1, SEV_ERROR, "structure",
                 "the file holds no FAQ: write a title, then questions (lines ending in '?') with their answers");
    } else if (r.doc->nentries == 0) {
        unsigned line = 1, col = 1;
        if (r.doc->title.s) faq_text_linecol(r.doc, &r.doc->title, 0, &line, &col);
        diag_add(d, src->path, line, col, SEV_ERROR, "structure",
                 "no question found: a question is a line that ends in '?' (or starts with 'Q:')");
    }
    r.doc->ids_unique = 1; /* S_make_id gives each entry an id of its own */
    r.doc->xml_clean = !src->controls; /* every text is made of the source's characters */
    free(r.lines);
    free(r.segs);
    strset_free(&r.ids);
    return r.doc;
}
