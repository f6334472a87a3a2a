/* answer_html: FAQ paragraphs and sources as the HTML Google allows in Answer.text. */
#include "answer_html.h"
#include "html_escape.h"
#include "url.h"
#include <stddef.h>
#include <string.h>

enum { S_NONE, S_P, S_UL, S_OL };

static int S_is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Length of the http(s) URL that starts at s[0..n), 0 when none starts there. */
static size_t S_url_len(const char *s, size_t n)
{
    size_t k = url_scheme_len(s, n);
    if (!k || k == n) return 0;
    size_t start = k;
    while (k < n && url_char((unsigned char)s[k])) k++;
    /* Trailing punctuation belongs to the sentence; a ')' or ']' only when unbalanced. */
    ptrdiff_t paren = 0, bracket = 0; /* closers minus openers, counted once (linear) */
    for (size_t j = start; j < k; j++) {
        if (s[j] == '(')
            paren--;
        else if (s[j] == ')')
            paren++;
        else if (s[j] == '[')
            bracket--;
        else if (s[j] == ']')
            bracket++;
    }
    while (k > start) {
        char c = s[k - 1];
        if (strchr(".,;:!?'*", c)) {
            k--;
            continue;
        }
        if (c == ')' && paren > 0) {
            k--;
            paren--;
            continue;
        }
        if (c == ']' && bracket > 0) {
            k--;
            bracket--;
            continue;
        }
        break;
    }
    return k > start ? k : 0;
}

static void S_link(buf *out, const char *u, size_t n)
{
    buf_puts(out, "<a href=\"");
    html_escape(out, u, n);
    buf_puts(out, "\">");
    html_escape(out, u, n);
    buf_puts(out, "</a>");
}

/* Escaped text with its URLs linked: each "http://" or "https://" (not right after a letter,
   digit or '/') that S_url_len takes, found from one ':' to the next (colons are rare). */
static void S_inline(buf *out, const char *s, size_t n)
{
    size_t run = 0, i = 0;
    while (i < n) {
        const char *cp = memchr(s + i, ':', n - i);
        if (!cp) break;
        size_t c = (size_t)(cp - s), h;
        if (c >= i + 5 && !memcmp(s + c - 5, "https", 5))
            h = c - 5;
        else if (c >= i + 4 && !memcmp(s + c - 4, "http", 4))
            h = c - 4;
        else {
            i = c + 1;
            continue;
        }
        if (h > 0) {
            unsigned char b = (unsigned char)s[h - 1];
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '/') {
                i = c + 1;
                continue;
            }
        }
        size_t k = S_url_len(s + h, n - h);
        if (!k) {
            i = c + 1;
            continue;
        }
        html_escape(out, s + run, h - run);
        S_link(out, s + h, k);
        i = run = h + k;
    }
    html_escape(out, s + run, n - run);
}

/* The list marker at the start of line s[0..n): its kind and length (with the following
   spaces), or S_NONE. */
static int S_marker(const char *s, size_t n, size_t *len)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
        size_t k = 2;
        while (k < n && S_is_space(s[k])) k++;
        if (k == n) return S_NONE;
        *len = k;
        return S_UL;
    }
    size_t d = 0;
    while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9') d++;
    if (d == 0 || d + 1 >= n || (s[d] != '.' && s[d] != ')') || s[d + 1] != ' ') return S_NONE;
    size_t k = d + 2;
    while (k < n && S_is_space(s[k])) k++;
    if (k == n) return S_NONE;
    *len = k;
    return S_OL;
}

static void S_close(buf *out, int state, const char *nl)
{
    if (state == S_P) {
        buf_puts(out, "</p>");
        buf_puts(out, nl);
    } else if (state == S_UL) {
        buf_puts(out, "</li>");
        buf_puts(out, nl);
        buf_puts(out, "</ul>");
        buf_puts(out, nl);
    } else if (state == S_OL) {
        buf_puts(out, "</li>");
        buf_puts(out, nl);
        buf_puts(out, "</ol>");
        buf_puts(out, nl);
    }
}

static void S_para(buf *out, const faq_text *t, const char *nl)
{
    int state = S_NONE;
    const char *s = t->s;
    size_t n = s ? t->len : 0, i = 0;
    while (i < n) {
        const char *nl_at = memchr(s + i, '\n', n - i);
        size_t e = nl_at ? (size_t)(nl_at - s) : n;
        size_t a = i, b = e;
        i = e + 1;
        while (a < b && S_is_space(s[a])) a++;
        while (b > a && S_is_space(s[b - 1])) b--;
        if (a == b) continue;
        size_t mlen = 0;
        int kind = S_marker(s + a, b - a, &mlen);
        if (kind == S_NONE) {
            if (state == S_NONE) {
                buf_puts(out, "<p>");
                state = S_P;
            } else
                buf_putc(out, ' ');
        } else {
            if (state == kind) {
                buf_puts(out, "</li>");
                buf_puts(out, nl);
            } else {
                S_close(out, state, nl);
                buf_puts(out, kind == S_UL ? "<ul>" : "<ol>");
                buf_puts(out, nl);
                state = kind;
            }
            buf_puts(out, "<li>");
            a += mlen;
        }
        S_inline(out, s + a, b - a);
    }
    S_close(out, state, nl);
}

void answer_html_paras(buf *out, const faq_paras *paras, int pretty)
{
    for (size_t i = 0; i < paras->n; i++) S_para(out, &paras->v[i], pretty ? "\n" : "");
}

void answer_html_source(buf *out, const faq_text *src, int pretty)
{
    const char *s = src->s ? src->s : "";
    size_t n = src->s ? src->len : 0;
    while (n && S_is_space(s[0])) {
        s++;
        n--;
    }
    while (n && (S_is_space(s[n - 1]) || s[n - 1] == '\n')) n--;
    if (!n) return;
    buf_puts(out, "<p>Source: ");
    if (S_url_len(s, n) == n)
        S_link(out, s, n);
    else
        S_inline(out, s, n);
    buf_puts(out, "</p>");
    if (pretty) buf_putc(out, '\n');
}

void answer_html(buf *out, const faq_entry *e, int pretty)
{
    answer_html_paras(out, &e->answer, pretty);
    for (size_t i = 0; i < e->sources.n; i++) answer_html_source(out, &e->sources.v[i], pretty);
}
