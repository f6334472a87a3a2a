/* test_export_html: HTML escaping, answer HTML (lists, links, sources) and the JSON-LD exporter
   on hand-built models: escaping, @ids, skipped questions, --graph. */
#include "answer_html.h"
#include "export.h"
#include "html_escape.h"
#include <stdio.h>
#include <string.h>

static int failures;

static void S_expect(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want)) {
        failures++;
        printf("FAIL %s\n  got:  %s\n  want: %s\n", what, got, want);
    }
}

static void S_contains(const char *what, const char *got, const char *part, int yes)
{
    if ((strstr(got, part) != NULL) != yes) {
        failures++;
        printf("FAIL %s: %s %s\n--- output:\n%s\n", what, yes ? "lacks" : "has", part, got);
    }
}

static faq_text S_t(const char *s)
{
    faq_text t = {0};
    t.s = (char *)s;
    t.len = strlen(s);
    return t;
}

static void S_escape(const char *in, size_t n, const char *want)
{
    buf b;
    buf_init(&b);
    html_escape(&b, in, n);
    S_expect("html_escape", b.s, want);
    buf_free(&b);
}

static void S_paras(const char *para, const char *want)
{
    faq_text t = S_t(para);
    faq_paras p = {&t, 1, 1};
    buf b;
    buf_init(&b);
    answer_html_paras(&b, &p, 0);
    S_expect(para, b.s, want);
    buf_free(&b);
}

static void S_source(const char *src, const char *want)
{
    faq_text t = S_t(src);
    buf b;
    buf_init(&b);
    answer_html_source(&b, &t, 0);
    S_expect(src, b.s, want);
    buf_free(&b);
}

int main(void)
{
    S_escape("a<b>&\"c'", 8, "a&lt;b&gt;&amp;&quot;c'");
    S_escape("x\x01y\x7fz", 5, "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
    S_escape("\xC2\x85|\xEF\xB7\x90|\xEF\xBF\xBE", 10, "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD");
    S_escape("bad\xC3(\xFF", 6, "bad\xEF\xBF\xBD(\xEF\xBF\xBD");
    S_escape("\xE2\x80\xA8 tab\tnl\n", 11, "\xE2\x80\xA8 tab\tnl\n");

    S_paras("one\ntwo", "<p>one two</p>");
    S_paras("Steps:\n- a\n- b\ncontinued\n1. x\n2) y", "<p>Steps:</p><ul><li>a</li><li>b continued</li></ul><ol><li>x</li><li>y</li></ol>");
    S_paras("* star\n-not a list\n1.5 hours", "<ul><li>star -not a list 1.5 hours</li></ul>");
    S_paras("</script><!-- & \"q\"", "<p>&lt;/script&gt;&lt;!-- &amp; &quot;q&quot;</p>");
    S_paras("see https://e.com/a_(b)).", "<p>see <a href=\"https://e.com/a_(b)\">https://e.com/a_(b)</a>).</p>");
    S_paras("(https://e.com/p) and http://e.net/q?a=1&b=<2>!",
            "<p>(<a href=\"https://e.com/p\">https://e.com/p</a>) and <a href=\"http://e.net/q?a=1&amp;b=\">http://e.net/q?a=1&amp;b=</a>&lt;2&gt;!</p>");
    S_paras("xhttps://no.link and https:// alone", "<p>xhttps://no.link and https:// alone</p>");
    S_paras("", "");
    S_source("https://e.com/s?a=1&b=2", "<p>Source: <a href=\"https://e.com/s?a=1&amp;b=2\">https://e.com/s?a=1&amp;b=2</a></p>");
    S_source("Smith (2020), https://e.org/x.", "<p>Source: Smith (2020), <a href=\"https://e.org/x\">https://e.org/x</a>.</p>");

    /* The JSON-LD exporter on a hand-built model. */
    faq_doc *doc = faq_doc_new(NULL);
    doc->title = S_t("T </script> \xE2\x80\xA8");
    faq_text a1[2] = {S_t("First <!-- para."), S_t("- item\n- two")};
    faq_text s1[1] = {S_t("https://e.com/src")};
    faq_entry e[2];
    memset(e, 0, sizeof e);
    e[0].id = "q-one";
    e[0].question = S_t("Is </script> safe?");
    e[0].answer = (faq_paras){a1, 2, 2};
    e[0].sources = (faq_paras){s1, 1, 1};
    e[1].id = "q-two";
    e[1].question = S_t("Unanswered?");
    doc->entries = e;
    doc->nentries = 2;
    export_opts o = {0};
    export_ctx ctx = {doc, &o, NULL};
    diag_list d;
    diag_list_init(&d);
    buf b;
    buf_init(&b);
    if (export_jsonld(&ctx, &b, &d) != 0) { failures++; printf("FAIL export_jsonld returned -1\n"); }
    S_contains("jsonld", b.s, "<", 0);
    S_contains("jsonld", b.s, ">", 0);
    S_contains("jsonld", b.s, "&", 0);
    S_contains("jsonld", b.s, "\xE2\x80\xA8", 0);
    S_contains("jsonld", b.s, "\"name\": \"T \\u003c/script\\u003e \\u2028\"", 1);
    S_contains("jsonld", b.s, "\"@id\": \"#q-one\"", 1);
    S_contains("jsonld", b.s, "\\u003cp\\u003eFirst \\u0026lt;!-- para.\\u003c/p\\u003e\\u003cul\\u003e", 1);
    S_contains("jsonld", b.s, "Unanswered", 0);
    S_contains("jsonld", b.s, "\"url\"", 0);
    if (d.n != 1 || d.v[0].sev != SEV_WARNING) { failures++; printf("FAIL expected one warning for the unanswered question, got %zu\n", d.n); }
    if (b.len < 2 || strcmp(b.s + b.len - 2, "}\n")) { failures++; printf("FAIL no final newline\n"); }

    /* --url with a fragment: page @id keeps it, url and question @ids drop it. */
    buf_reset(&b);
    diag_list_free(&d);
    o.url = "https://e.com/faq#webpage";
    o.lang = "en";
    export_jsonld(&ctx, &b, &d);
    S_contains("jsonld url", b.s, "\"@id\": \"https://e.com/faq#webpage\"", 1);
    S_contains("jsonld url", b.s, "\"url\": \"https://e.com/faq\"", 1);
    S_contains("jsonld url", b.s, "\"@id\": \"https://e.com/faq#q-one\"", 1);
    S_contains("jsonld url", b.s, "\"inLanguage\": \"en\"", 1);

    /* --graph: no FAQPage, a typeless page node referencing the questions. */
    buf_reset(&b);
    diag_list_free(&d);
    o.graph = 1;
    export_jsonld(&ctx, &b, &d);
    S_contains("jsonld graph", b.s, "FAQPage", 0);
    S_contains("jsonld graph", b.s, "\"@graph\": [\n    {\n      \"@id\": \"https://e.com/faq#webpage\",\n      \"mainEntity\": [\n        {\n          \"@id\": \"https://e.com/faq#q-one\"\n        }\n      ]\n    },", 1);

    /* --graph without a URL, or a relative URL: refused, nothing written. */
    buf_reset(&b);
    diag_list_free(&d);
    o.url = NULL;
    if (export_jsonld(&ctx, &b, &d) != -1 || b.len != 0 || d.n != 1 || d.v[0].sev != SEV_ERROR) {
        failures++;
        printf("FAIL --graph without a URL was not refused cleanly\n");
    }
    diag_list_free(&d);
    o.graph = 0;
    o.url = "/faq";
    if (export_jsonld(&ctx, &b, &d) != -1 || b.len != 0) { failures++; printf("FAIL relative --url accepted\n"); }
    diag_list_free(&d);

    /* HTML page: embeds the JSON-LD, shows every question, escapes. */
    o.url = NULL;
    buf_reset(&b);
    if (export_html(&ctx, &b, &d) != 0) { failures++; printf("FAIL export_html returned -1\n"); }
    S_contains("html", b.s, "<!DOCTYPE html>\n<html lang=\"en\">", 1);
    S_contains("html", b.s, "<h2 id=\"q-one\">Is &lt;/script&gt; safe?</h2>", 1);
    S_contains("html", b.s, "<h2 id=\"q-two\">Unanswered?</h2>", 1);
    S_contains("html", b.s, "<title>T &lt;/script&gt; \xE2\x80\xA8</title>", 1);
    S_contains("html", b.s, "<p>Source: <a href=\"https://e.com/src\">https://e.com/src</a></p>", 1);
    if (d.n != 0) { failures++; printf("FAIL export_html added %zu diagnostics\n", d.n); }
    diag_list_free(&d);
    buf_free(&b);

    doc->entries = NULL; /* stack-owned */
    doc->nentries = 0;
    faq_doc_free(doc);
    if (failures) printf("%d failures\n", failures);
    return failures != 0;
}
