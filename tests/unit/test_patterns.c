/* test_patterns: every pattern of the built-in catalogue (schema/rules.xml, read here, so a new
   pattern is covered without a change to this file) is linear on pathological text.
   For each <pattern> (matched at every start, anchored, as the scanner does) and each
   <placeholder> (inside the wrapper that rules.c puts around it), on each pathological line
   (long runs of one character class, a `=====` rule, a Markdown table row, non-ASCII, the
   pattern's own words repeated or spread apart) at two lengths, the work pcre2 does (counted by
   auto-callouts, so no clock) must grow linearly: at most RATIO times for 4 times the length.
   Then every such line is linted with the built-in rules: no match limit is hit, nothing blames
   a config, and a later placeholder answer is still reported. */
#include "model.h"
#include "reader.h"
#include "rules.h"
#include "rules_impl.h"
#include "source.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

enum { N1 = 32, N2 = 128, MAX_PATS = 512, MAX_SUBJ = 96 };
/* Linear growth gives a ratio near 4; quadratic near 16. */
#define RATIO 6.0

typedef struct pat {
    char *src;
    int placeholder;
    unsigned line;
} pat;

static pat P[MAX_PATS];
static size_t NP;
static unsigned long steps;

static int S_callout(pcre2_callout_block *b, void *data)
{
    (void)b, (void)data;
    steps++;
    return 0;
}

static void S_collect(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        int ph = !xmlStrcmp(n->name, BAD_CAST "placeholder");
        if ((ph || !xmlStrcmp(n->name, BAD_CAST "pattern")) && NP < MAX_PATS) {
            xmlChar *t = xmlNodeGetContent(n);
            P[NP].src = strdup((const char *)t);
            P[NP].placeholder = ph;
            P[NP].line = (unsigned)xmlGetLineNo(n);
            NP++;
            xmlFree(t);
        }
        S_collect(n->children);
    }
}

/* ---- pathological subjects ---- */

typedef struct subj {
    char name[96];
    char *s[2]; /* at N1 and N2 repetitions */
} subj;

static char *S_repeat(const char *head, const char *unit, const char *tail, int n)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * (size_t)n + tl + 1);
    memcpy(s, head, hl);
    for (int i = 0; i < n; i++) memcpy(s + hl + ul * (size_t)i, unit, ul);
    memcpy(s + hl + ul * (size_t)n, tail, tl + 1);
    return s;
}

static void S_add(subj *v, size_t *nv, const char *name, const char *head, const char *unit, const char *tail)
{
    if (*nv >= MAX_SUBJ) return;
    subj *x = &v[(*nv)++];
    snprintf(x->name, sizeof x->name, "%s", name);
    x->s[0] = S_repeat(head, unit, tail, N1);
    x->s[1] = S_repeat(head, unit, tail, N2);
}

/* The pattern's literal words: runs of two or more letters not after a backslash. */
static size_t S_words(const char *src, char words[][32], size_t max)
{
    size_t n = 0;
    for (const char *p = src; *p;) {
        if (*p == '\\') {
            p += p[1] ? 2 : 1;
            continue;
        }
        if (*p == '(' && p[1] == '?') { /* (?-i: (?: (?<! ... : skip the group's flags */
            p += 2;
            while (*p && *p != ':' && *p != ')' && *p != '<' && *p != '=' && *p != '!') p++;
            continue;
        }
        const char *w = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) p++;
        if (p - w >= 2 && p - w < 32 && n < max) {
            int dup = 0;
            for (size_t i = 0; i < n; i++) dup |= (size_t)(p - w) == strlen(words[i]) && !memcmp(words[i], w, (size_t)(p - w));
            if (!dup) {
                memcpy(words[n], w, (size_t)(p - w));
                words[n][p - w] = 0;
                n++;
            }
        }
        if (p == w) p++;
    }
    return n;
}

static size_t S_subjects(const pat *pt, subj *v)
{
    static const char *const units[][2] = {
        {"spaces", " "}, {"equals", "="}, {"dashes", "-"}, {"table row", "| --- "}, {"letters", "a"},
        {"e-acute", "\xc3\xa9"}, {"digits", "1"}, {"dots", "."}, {"words", "ab "}, {"hyphenated", "ab-"},
        {"apostrophes", "'"}, {"right quotes", "\xe2\x80\x99"}, {"hashes", "# "}, {"percent", "1% "},
        {"line breaks", "a\n"}, {"underscores", "_"}, {"mixed", "=a"}, {"tabs", "\t"}};
    size_t nv = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        S_add(v, &nv, units[i][0], "", units[i][1], "");
        char name[64];
        snprintf(name, sizeof name, "%s then a word", units[i][0]);
        S_add(v, &nv, name, "", units[i][1], " answer.");
    }
    char words[24][32];
    size_t nw = S_words(pt->src, words, 24);
    char all[800] = "", spread_head[64];
    for (size_t i = 0; i < nw; i++) {
        char name[96], unit[40];
        snprintf(unit, sizeof unit, "%s ", words[i]);
        snprintf(name, sizeof name, "\"%s \" repeated", words[i]);
        S_add(v, &nv, name, "", unit, "");
        snprintf(unit, sizeof unit, "%s-", words[i]);
        snprintf(name, sizeof name, "\"%s-\" repeated", words[i]);
        S_add(v, &nv, name, "", unit, "");
        if (i + 1 < nw) { /* a word, a long gap of spaces, the next word */
            snprintf(spread_head, sizeof spread_head, "%s", words[i]);
            snprintf(name, sizeof name, "\"%s\" spaces \"%s\"", words[i], words[i + 1]);
            S_add(v, &nv, name, spread_head, " ", words[i + 1]);
        }
        if (strlen(all) + strlen(words[i]) + 2 < sizeof all) {
            strcat(all, words[i]);
            strcat(all, " ");
        }
    }
    if (nw) {
        S_add(v, &nv, "all its words repeated", "", all, "");
        S_add(v, &nv, "its words then spaces", all, " ", "x");
        S_add(v, &nv, "its words then words", all, "ab ", "");
        S_add(v, &nv, "its words then hyphenated", all, "ab-", "");
    }
    return nv;
}

/* ---- counting ---- */

static pcre2_code *S_compile(const pat *pt, uint32_t extra)
{
    char *src;
    uint32_t opts = RULES_PCRE_OPTS | extra;
    if (pt->placeholder) {
        size_t n = strlen(RULES_PLACEHOLDER_PREFIX) + strlen(pt->src) + strlen(RULES_PLACEHOLDER_SUFFIX) + 16;
        src = malloc(n);
        snprintf(src, n, "%s(?:%s\\E)(*MARK:0)%s", RULES_PLACEHOLDER_PREFIX, pt->src, RULES_PLACEHOLDER_SUFFIX);
        opts |= PCRE2_DOTALL;
    } else {
        src = strdup(pt->src);
    }
    int err;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts, &err, &eoff, NULL);
    free(src);
    return re;
}

/* The work of matching re on s as the rules do: the placeholder once from the start, a
   pattern anchored at every character (the scanner tries at most that many). */
static unsigned long S_work(const pcre2_code *re, int placeholder, const char *s, pcre2_match_data *md,
                            pcre2_match_context *mc)
{
    size_t len = strlen(s);
    steps = 0;
    if (placeholder) {
        (void)pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_JIT, md, mc);
        return steps;
    }
    for (size_t at = 0; at < len; at++) {
        if (((unsigned char)s[at] & 0xC0) == 0x80) continue;
        (void)pcre2_match(re, (PCRE2_SPTR)s, len, at, PCRE2_ANCHORED | PCRE2_NO_JIT, md, mc);
    }
    return steps;
}

/* ---- linting ---- */

static size_t S_count(const diag_list *d, const char *rule, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if ((!rule || !strcmp(d->v[i].rule, rule)) && (!needle || strstr(d->v[i].msg, needle))) n++;
    return n;
}

static void S_lint(const rules *r, const pat *pt, subj *v, size_t nv)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "Pathological lines\n\n");
    for (size_t i = 0; i < nv; i++) {
        /* a line of its own, and a line followed by prose, as the answer */
        buf_printf(&b, "Question %zu one?\n\n%s\n\nQuestion %zu two?\n\n%s\nThe real answer.\n\n", i, v[i].s[1], i,
                   v[i].s[1]);
    }
    buf_puts(&b, "Question last?\n\nTBD\n");
    diag_list d;
    diag_list_init(&d);
    source src;
    if (source_from_memory(&src, "p.txt", b.s, b.len, &d) != 0) {
        CHECK(0, "source_from_memory failed");
        buf_free(&b);
        return;
    }
    faq_doc *doc = read_text(&src, &d);
    diag_list mine;
    diag_list_init(&mine);
    if (doc) rules_check(r, doc, &mine);
    size_t limits = S_count(&mine, NULL, "match limit"), config = S_count(&mine, "config", NULL);
    size_t tbd = S_count(&mine, "missing-answer", "(\"TBD\")");
    CHECK(doc && !limits && !config && tbd == 1,
          "rules.xml:%u %s: linting its pathological lines: %zu match-limit, %zu config diagnostics, "
          "later TBD reported %zu times", pt->line, pt->src, limits, config, tbd);
    if (limits || config)
        for (size_t i = 0; i < mine.n; i++)
            if (strstr(mine.v[i].msg, "match limit")) printf("    %u: %s\n", mine.v[i].line, mine.v[i].msg);
    diag_list_free(&mine);
    faq_doc_free(doc);
    source_free(&src);
    diag_list_free(&d);
    buf_free(&b);
}

int main(void)
{
    xmlDocPtr x = xmlReadFile("../../schema/rules.xml", NULL, XML_PARSE_NONET);
    CHECK(x != NULL, "cannot read ../../schema/rules.xml");
    if (!x) return 1;
    S_collect(xmlDocGetRootElement(x));
    xmlFreeDoc(x);
    size_t nph = 0;
    for (size_t i = 0; i < NP; i++) nph += P[i].placeholder;
    CHECK(NP - nph >= 10 && nph >= 5, "rules.xml: only %zu patterns and %zu placeholders found", NP - nph, nph);

    diag_list d;
    diag_list_init(&d);
    rules_env *env = rules_env_new(NULL, &d);
    const rules *r = env ? rules_env_for(env, "-", &d) : NULL;
    CHECK(r != NULL, "the built-in rules do not load");

    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_callout(mc, S_callout, NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    static subj v[MAX_SUBJ];
    size_t checked = 0;
    for (size_t i = 0; i < NP; i++) {
        pcre2_code *re = S_compile(&P[i], PCRE2_AUTO_CALLOUT);
        CHECK(re != NULL, "rules.xml:%u: %s does not compile", P[i].line, P[i].src);
        size_t nv = S_subjects(&P[i], v);
        for (size_t k = 0; re && k < nv; k++) {
            unsigned long w1 = S_work(re, P[i].placeholder, v[k].s[0], md, mc);
            unsigned long w2 = S_work(re, P[i].placeholder, v[k].s[1], md, mc);
            CHECK((double)w2 <= RATIO * (double)w1 + 64,
                  "rules.xml:%u %s %s: not linear on %s: %lu steps at %d repetitions, %lu at %d", P[i].line,
                  P[i].placeholder ? "placeholder" : "pattern", P[i].src, v[k].name, w1, N1, w2, N2);
            checked++;
        }
        if (r) S_lint(r, &P[i], v, nv);
        for (size_t k = 0; k < nv; k++) free(v[k].s[0]), free(v[k].s[1]);
        pcre2_code_free(re);
    }
    CHECK(checked > NP * 30, "only %zu pattern/line pairs checked", checked);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    rules_env_free(env);
    diag_list_free(&d);
    for (size_t i = 0; i < NP; i++) free(P[i].src);
    xmlCleanupParser();
    if (!failures) printf("%zu patterns, %zu pattern/line pairs: linear\n", NP, checked);
    return failures != 0;
}
