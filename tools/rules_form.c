/* rules_form: the shape of each question: question-form ('?', length, one sentence) and
   question-after-conclusion. */
#include "rules_impl.h"
#include "utf8.h"
#include <stdio.h>
#include <string.h>

static int S_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int S_upper_or_digit(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC0; }

/* Words that end in '.' without ending a sentence. */
static const char *const S_abbrev[] = {"mr", "mrs", "ms", "dr",   "st",  "vs",  "etc", "e.g",  "i.e", "approx",
                                       "no", "jr",  "sr", "prof", "inc", "ltd", "co",  "fig",  "ca",  "cf",
                                       "mt", "ft",  "oz", "lb",   "min", "max", "est", "dept", "u.s", NULL};

static int S_is_abbrev(const char *s, size_t dot)
{
    size_t b = dot;
    while (b > 0 && !S_space(s[b - 1]) && s[b - 1] != '(' && s[b - 1] != '"') b--;
    size_t n = dot - b;
    if (n == 0) return 1;
    if (n == 1 || (n >= 3 && s[dot - 2] == '.')) return 1; /* an initial: "J. Smith", "U.S." */
    char w[16];
    if (n >= sizeof w) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[b + i];
        w[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    w[n] = '\0';
    for (const char *const *a = S_abbrev; *a; a++)
        if (!strcmp(*a, w)) return 1;
    return 0;
}

/* Offset of the start of a second sentence in q (before its final mark), or 0. */
static size_t S_second_sentence(const faq_text *q, size_t end)
{
    const char *s = q->s;
    for (size_t i = 1; i + 1 < end; i++) {
        char c = s[i];
        if (c != '.' && c != '!' && c != '?') continue;
        if (!S_space(s[i + 1])) continue;
        size_t j = i + 1;
        while (j < end && S_space(s[j])) j++;
        while (j < end && (s[j] == '"' || s[j] == '(' || s[j] == '\'')) j++;
        if (j >= end) continue;
        if (c == '.' && (!S_upper_or_digit((unsigned char)s[j]) || S_is_abbrev(s, i))) continue;
        if (c != '.' && !(S_upper_or_digit((unsigned char)s[j]) || (s[j] >= 'a' && s[j] <= 'z'))) continue;
        return j;
    }
    return 0;
}

void rules_check_form(rules_run *run)
{
    const rules *r = run->r;
    const faq_doc *doc = run->doc;
    int form = r->def[R_QUESTION_FORM].sev != SEV_OFF, after = r->def[R_AFTER_CONCLUSION].sev != SEV_OFF;
    unsigned max = r->thr[T_QMAX];
    for (size_t i = 0; i < doc->nentries; i++) {
        const faq_entry *e = &doc->entries[i];
        const faq_text *q = &e->question;
        if (after && e->after_conclusion) rules_report(run, R_AFTER_CONCLUSION, NULL, q, 0, q->len, NULL);
        if (!form || !q->s || !q->len) continue;
        size_t end = q->len;
        while (end && S_space(q->s[end - 1])) end--;
        if (!end) continue;
        int mark = utf8_question_end(q->s, end) > 0; /* a question mark of any script */
        if (!mark) rules_report(run, R_QUESTION_FORM, "mark", q, 0, end, NULL);
        size_t cps = 0, cut = 0;
        for (size_t k = 0; k < end; k++)
            if (((unsigned char)q->s[k] & 0xC0) != 0x80 && cps++ == max) cut = k;
        if (cps > max) {
            char len[24], mx[24];
            snprintf(len, sizeof len, "%zu", cps);
            snprintf(mx, sizeof mx, "%u", max);
            const char *fields[] = {"length", len, "max", mx, NULL};
            rules_report(run, R_QUESTION_FORM, "length", q, cut, end, fields);
        }
        size_t second = S_second_sentence(q, end);
        if (second) rules_report(run, R_QUESTION_FORM, "sentences", q, second, end, NULL);
    }
}
