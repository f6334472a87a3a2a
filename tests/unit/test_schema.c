/* test_schema: the FAQ schema on built and parsed trees: messages, positions, threads. */
#include "diag.h"
#include "model.h"
#include "reader.h"
#include "schema.h"
#include "source.h"
#include "xml_build.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static faq_schema *schema;

static int S_by_pos(const void *pa, const void *pb)
{
    const diag *a = *(const diag *const *)pa, *b = *(const diag *const *)pb;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return strcmp(a->msg, b->msg);
}

/* Whether a and b hold the same diagnostics (position, severity, rule, message), in any order. */
static int S_same_diags(const diag_list *a, const diag_list *b, const char *name)
{
    if (a->n != b->n) {
        printf("%s: %zu diagnostics read as a tree, %zu streamed\n", name, a->n, b->n);
        return 0;
    }
    const diag **x = malloc((a->n + 1) * sizeof *x), **y = malloc((b->n + 1) * sizeof *y);
    for (size_t i = 0; i < a->n; i++) x[i] = &a->v[i], y[i] = &b->v[i];
    qsort(x, a->n, sizeof *x, S_by_pos);
    qsort(y, b->n, sizeof *y, S_by_pos);
    int same = 1;
    for (size_t i = 0; i < a->n && same; i++)
        if (x[i]->line != y[i]->line || x[i]->col != y[i]->col || x[i]->sev != y[i]->sev ||
            strcmp(x[i]->rule, y[i]->rule) || strcmp(x[i]->msg, y[i]->msg)) {
            printf("%s: tree %u:%u %s / streamed %u:%u %s\n", name, x[i]->line, x[i]->col, x[i]->msg, y[i]->line,
                   y[i]->col, y[i]->msg);
            same = 0;
        }
    free(x);
    free(y);
    return same;
}

/* Validates the XML text xml (parsed with read_xml); returns the diagnostics in d.
   Unless the XML holds elements that the model drops, the tree rebuilt from the model
   (xml_build) must give as many errors. */
static int S_validate_xml(const char *name, const char *xml, diag_list *d)
{
    source src;
    diag_list tmp;
    diag_list_init(&tmp);
    if (source_from_memory(&src, name, xml, strlen(xml), &tmp) != 0) {
        diag_move(d, &tmp);
        diag_list_free(&tmp);
        return -2;
    }
    xmlDocPtr tree = NULL;
    faq_doc *doc = read_xml(&src, &tmp, &tree);
    int rc = -3;
    if (doc) {
        rc = schema_validate(schema, tree, &src, &tmp);
        /* the model rebuilt as a tree validates the same way */
        xmlDocPtr built = xml_build(doc);
        diag_list again;
        diag_list_init(&again);
        int rc2 = schema_validate(schema, built, &src, &again);
        CHECK(rc2 == rc || strstr(xml, "xi:include"), "%s: the rebuilt tree gives %d errors, the parsed one %d", name, rc2, rc);
        diag_list_free(&again);
        xml_build_free(built);
        faq_doc_free(doc);
    }
    if (tree) xmlFreeDoc(tree);
    /* read as a stream and validated as it is read (what faq runs): the same diagnostics */
    diag_list st;
    diag_list_init(&st);
    int invalid = -1;
    faq_doc *sdoc = read_xml_validated(&src, schema, &st, &invalid);
    CHECK(!sdoc == (rc == -3), "%s: read as a tree %s, streamed %s", name, rc == -3 ? "refused" : "read",
          sdoc ? "read" : "refused");
    CHECK(!sdoc || invalid == (rc > 0), "%s: streamed invalid=%d, tree errors %d", name, invalid, rc);
    CHECK(S_same_diags(&tmp, &st, name), "%s: the streamed reading gives other diagnostics", name);
    if (sdoc) faq_doc_free(sdoc);
    diag_list_free(&st);
    diag_move(d, &tmp);
    diag_list_free(&tmp);
    source_free(&src);
    return rc;
}

/* Elements with too many attributes are refused before libxml2 parses them (its check of each
   attribute against the others is quadratic); at the cap they are only a schema error. */
static void test_attribute_cap(void)
{
    for (int n = 256; n <= 257; n++) {
        char *xml = malloc(64 + (size_t)n * 16);
        size_t len = (size_t)sprintf(xml, "<faq version=\"1\"><title>T</title><entry id=\"a\"");
        for (int k = 1; k < n; k++) len += (size_t)sprintf(xml + len, " a%d=\"v\"", k);
        sprintf(xml + len, "><question>Q?</question><answer><p>x</p></answer></entry></faq>\n");
        source src;
        diag_list d;
        diag_list_init(&d);
        if (source_from_memory(&src, "attrs.xml", xml, strlen(xml), &d) == 0) {
            int invalid = 0;
            faq_doc *doc = read_xml_validated(&src, schema, &d, &invalid);
            if (n == 256) CHECK(doc && invalid, "256 attributes: not read as a schema error");
            else CHECK(!doc && d.n == 1 && d.v[0].fatal && d.v[0].line == 1 && d.v[0].col == 34 &&
                           strstr(d.v[0].msg, "<entry> has 257 attributes"),
                       "257 attributes: no clear refusal (%s)", d.n ? d.v[0].msg : "nothing");
            if (doc) faq_doc_free(doc);
            source_free(&src);
        }
        diag_list_free(&d);
        free(xml);
    }
}

/* Validates the FAQ text txt through read_text and xml_build. */
static int S_validate_text(const char *name, const char *txt, diag_list *d)
{
    source src;
    if (source_from_memory(&src, name, txt, strlen(txt), d) != 0) return -2;
    faq_doc *doc = read_text(&src, d);
    xmlDocPtr tree = xml_build(doc);
    int rc = schema_validate(schema, tree, &src, d);
    xml_build_free(tree);
    faq_doc_free(doc);
    source_free(&src);
    return rc;
}

/* True when d holds a [schema] error at line:col whose message contains msg. */
static int S_has(const diag_list *d, unsigned line, unsigned col, const char *msg)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].line == line && (col == 0 || d->v[i].col == col) && d->v[i].rule &&
            !strcmp(d->v[i].rule, "schema") && strstr(d->v[i].msg, msg))
            return 1;
    return 0;
}

static void S_dump(const diag_list *d)
{
    for (size_t i = 0; i < d->n; i++)
        printf("    got %u:%u %s [%s]\n", d->v[i].line, d->v[i].col, d->v[i].msg, d->v[i].rule);
}

static const char *const valid_xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<faq version=\"1\">\n"
    "  <front><id>smp-faq</id><lang>en</lang><url>https://example.com/faq</url>"
    "<modified>2024-05-01</modified><field name=\"author\">Jane</field></front>\n"
    "  <title>FAQ</title>\n"
    "  <intro><p>Intro.</p></intro>\n"
    "  <entry id=\"a\"><question>What?</question><answer><p>This.</p></answer>"
    "<source>https://example.com/s</source></entry>\n"
    "  <conclusion><p>End.</p></conclusion>\n"
    "  <entry id=\"b\" after-conclusion=\"true\"><question>Late?</question><answer><p>Yes.</p></answer></entry>\n"
    "</faq>\n";

static void test_valid(void)
{
    diag_list d;
    diag_list_init(&d);
    int rc = S_validate_xml("valid.xml", valid_xml, &d);
    CHECK(rc == 0 && d.n == 0, "valid.xml: %d errors", rc);
    if (d.n) S_dump(&d);
    diag_list_free(&d);
}

static void test_xml_errors(void)
{
    diag_list d;
    diag_list_init(&d);
    const char *xml = "<faq version=\"1\">\n"                                          /* 1 */
                      "  <front><modified>2024-13-01</modified></front>\n"             /* 2 */
                      "  <title>FAQ</title>\n"                                         /* 3 */
                      "  <entry id=\"a\">\n"                                           /* 4 */
                      "    <question>No question mark</question>\n"                    /* 5 */
                      "    <answer/>\n"                                                /* 6 */
                      "  </entry>\n"                                                   /* 7 */
                      "  <entry id=\"a\"><question>Dup?</question>"                    /* 8 */
                      "<answer><p>x</p></answer></entry>\n"
                      "  <entry id=\"c\"><question>Url?</question><answer><p> </p></answer></entry>\n" /* 9 */
                      "</faq>\n";
    int rc = S_validate_xml("errors.xml", xml, &d);
    CHECK(rc == 5, "errors.xml: %d errors, expected 5", rc);
    CHECK(S_has(&d, 2, 10, "'2024-13-01' is not a valid date"), "bad date");
    CHECK(S_has(&d, 5, 5, "the question must end with '?': 'No question mark'"), "missing '?'");
    CHECK(S_has(&d, 6, 5, "the answer is empty: write at least one paragraph under the question"), "empty answer");
    CHECK(S_has(&d, 8, 3, "duplicate entry id 'a' (first used on line 4)"), "duplicate id");
    CHECK(S_has(&d, 9, 50, "the paragraph is empty"), "empty paragraph");
    if (failures) S_dump(&d);
    diag_list_free(&d);
}

static void test_text_errors(void)
{
    diag_list d;
    diag_list_init(&d);
    const char *txt = "---\n"                   /* 1 */
                      "modified: 2024-02-30\n"  /* 2 */
                      "url: ftp://example.com\n" /* 3 */
                      "---\n"                   /* 4 */
                      "Title\n"                 /* 5 */
                      "\n"                      /* 6 */
                      "Q: Empty?\n"             /* 7 */
                      "\n"                      /* 8 */
                      "Q: Full?\n"              /* 9 */
                      "A: Yes.\n";              /* 10 */
    int before = failures;
    int rc = S_validate_text("errors.txt", txt, &d);
    CHECK(rc == 3, "errors.txt: %d schema errors, expected 3", rc);
    CHECK(S_has(&d, 2, 11, "'2024-02-30' is not a valid date"), "bad date in front matter");
    CHECK(S_has(&d, 3, 6, "'ftp://example.com' is not a valid URL"), "bad url in front matter");
    CHECK(S_has(&d, 7, 0, "the answer is empty"), "empty answer at the question");
    if (failures != before) S_dump(&d);
    diag_list_free(&d);
}

static void test_no_title(void)
{
    diag_list d;
    diag_list_init(&d);
    int rc = S_validate_xml("notitle.xml",
                            "<faq version=\"1\">\n  <entry id=\"a\"><question>Q?</question>"
                            "<answer><p>A.</p></answer></entry>\n</faq>\n",
                            &d);
    CHECK(rc == 1 && S_has(&d, 2, 3, "the FAQ has no title"), "no title: %d", rc);
    if (rc != 1) S_dump(&d);
    diag_list_free(&d);
}

static void test_unexpected(void)
{
    diag_list d;
    diag_list_init(&d);
    int rc = S_validate_xml("xi.xml",
                            "<faq version=\"1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
                            "  <title>T</title>\n  <xi:include href=\"/etc/passwd\" parse=\"text\"/>\n</faq>\n",
                            &d);
    CHECK(rc == 1 && S_has(&d, 3, 3, "unexpected element <xi:include> here"), "xinclude: %d", rc);
    if (rc != 1) S_dump(&d);
    diag_list_free(&d);
}

static void test_refused(void)
{
    static const char *const bad[] = {
        "<?xml version=\"1.0\"?>\n<!DOCTYPE faq [<!ENTITY e \"x\">]>\n<faq version=\"1\"><title>&e;</title></faq>\n",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE faq SYSTEM \"file:///etc/passwd\">\n<faq version=\"1\"/>\n",
        "<faq version=\"1\"><title>x</faq>\n",
    };
    static const unsigned lines[] = {2, 2, 1};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        diag_list d;
        diag_list_init(&d);
        source src;
        if (source_from_memory(&src, "bad.xml", bad[i], strlen(bad[i]), &d) != 0) {
            CHECK(0, "source_from_memory failed");
            diag_list_free(&d);
            continue;
        }
        xmlDocPtr tree = (xmlDocPtr)1;
        faq_doc *doc = read_xml(&src, &d, &tree);
        CHECK(doc == NULL && tree == NULL, "bad[%zu] was accepted", i);
        CHECK(d.n == 1 && d.v[0].fatal && d.v[0].line == lines[i], "bad[%zu]: expected one fatal diagnostic on line %u",
              i, lines[i]);
        if (i < 2) CHECK(d.n == 1 && strstr(d.v[0].msg, "DOCTYPE"), "bad[%zu]: not the DOCTYPE message", i);
        if (doc) faq_doc_free(doc);
        source_free(&src);
        diag_list_free(&d);
    }
}

/* Several threads validate their own trees against the one compiled schema. */
static void *S_worker(void *arg)
{
    int *bad = arg;
    for (int k = 0; k < 50; k++) {
        diag_list d;
        diag_list_init(&d);
        int rc = S_validate_xml("valid.xml", valid_xml, &d);
        if (rc != 0) (*bad)++;
        diag_list_free(&d);
        diag_list_init(&d);
        rc = S_validate_xml("dup.xml",
                            "<faq version=\"1\"><title>T</title>"
                            "<entry id=\"a\"><question>A?</question><answer><p>x</p></answer></entry>"
                            "<entry id=\"a\"><question>B?</question><answer><p>y</p></answer></entry></faq>",
                            &d);
        if (rc != 1) (*bad)++;
        diag_list_free(&d);
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[4];
    int bad[4] = {0};
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, S_worker, &bad[i]);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) CHECK(bad[i] == 0, "thread %d: %d wrong results", i, bad[i]);
}

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    schema = schema_load(&d);
    if (!schema) {
        printf("schema_load failed\n");
        S_dump(&d);
        return 1;
    }
    diag_list_free(&d);
    test_valid();
    test_xml_errors();
    test_text_errors();
    test_no_title();
    test_unexpected();
    test_refused();
    test_attribute_cap();
    test_threads();
    schema_free(schema);
    xmlCleanupParser();
    return failures ? 1 : 0;
}
