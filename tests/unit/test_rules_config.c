/* test_rules_config: rules files: .faq.xml found upwards and cached, --config merging, broken
   configs (file, line, rule), refused DOCTYPE, and a catastrophic pattern stopped by the limits. */
#include "model.h"
#include "reader.h"
#include "rules.h"
#include "source.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "embedded.h"
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

/* The built-in rules.xml matches rules.xsd (faq does not validate it at every start). */
static void test_builtin_valid(void)
{
    const embedded_file *x = embedded_get("rules.xsd"), *r = embedded_get("rules.xml");
    CHECK(x && r, "rules.xsd or rules.xml is not built in");
    if (!x || !r) return;
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(x->data, (int)x->len);
    xmlSchemaPtr s = pc ? xmlSchemaParse(pc) : NULL;
    if (pc) xmlSchemaFreeParserCtxt(pc);
    CHECK(s != NULL, "rules.xsd does not compile");
    xmlDocPtr doc = xmlReadMemory(r->data, (int)r->len, "rules.xml", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL, "rules.xml is not well-formed");
    if (s && doc) {
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s);
        CHECK(vc && xmlSchemaValidateDoc(vc, doc) == 0, "the built-in rules.xml does not match rules.xsd");
        if (vc) xmlSchemaFreeValidCtxt(vc);
    }
    if (doc) xmlFreeDoc(doc);
    if (s) xmlSchemaFree(s);
}

static char dir[256];

static void S_write(const char *rel, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    FILE *f = fopen(p, "w");
    if (!f) {
        printf("cannot write %s\n", p);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static const rule_info *S_rule(const rules *r, const char *id)
{
    size_t n = 0;
    const rule_info *c = rules_catalogue(r, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].id, id)) return &c[i];
    return NULL;
}

static diag_list S_check(const rules *r, const char *text)
{
    diag_list d;
    diag_list_init(&d);
    source src;
    diag_list ignore;
    diag_list_init(&ignore);
    if (source_from_memory(&src, "t.txt", text, strlen(text), &ignore) == 0) {
        faq_doc *doc = read_text(&src, &ignore);
        rules_check(r, doc, &d);
        faq_doc_free(doc);
        source_free(&src);
    }
    diag_list_free(&ignore);
    return d;
}

/* A broken config: rules_env_new fails with one fatal "config" diagnostic at file:line
   whose message holds needle. */
static void S_broken(const char *name, const char *xml, unsigned line, const char *needle)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    S_write(name, xml);
    diag_list d;
    diag_list_init(&d);
    rules_env *e = rules_env_new(p, &d);
    CHECK(!e, "%s: accepted", name);
    CHECK(d.n == 1 && d.v[0].fatal && !strcmp(d.v[0].rule, "config") && !strcmp(d.v[0].file, p) &&
              d.v[0].line == line && strstr(d.v[0].msg, needle),
          "%s: %s:%u: %s [%s]", name, d.n ? d.v[0].file : "", d.n ? d.v[0].line : 0, d.n ? d.v[0].msg : "",
          d.n ? d.v[0].rule : "");
    rules_env_free(e);
    diag_list_free(&d);
}

static void test_discovery(void)
{
    char sub[512], deeper[512], file[600], other[600];
    snprintf(sub, sizeof sub, "%s/proj", dir);
    snprintf(deeper, sizeof deeper, "%s/proj/a/b", dir);
    mkdir(sub, 0700);
    snprintf(file, sizeof file, "%s/proj/a", dir);
    mkdir(file, 0700);
    mkdir(deeper, 0700);
    S_write("proj/.faq.xml", "<?xml version=\"1.0\"?>\n<rules>\n  <threshold name=\"question-max-length\" value=\"20\"/>\n"
                             "  <rule id=\"unsupported-claim\" severity=\"off\"/>\n</rules>\n");
    snprintf(file, sizeof file, "%s/x.txt", deeper);
    snprintf(other, sizeof other, "%s/y.txt", dir);
    diag_list d;
    diag_list_init(&d);
    rules_env *e = rules_env_new(NULL, &d);
    CHECK(e != NULL, "env");
    const rules *r1 = rules_env_for(e, file, &d);
    const rules *r2 = rules_env_for(e, file, &d);
    const rules *r3 = rules_env_for(e, other, &d);
    CHECK(r1 && r1 == r2, "cached per config");
    CHECK(r3 && r3 != r1, "outside the project: the built-in catalogue");
    CHECK(r1 && S_rule(r1, "unsupported-claim")->sev == SEV_OFF, "override: off");
    CHECK(r3 && S_rule(r3, "unsupported-claim")->sev == SEV_WARNING, "built-in: warning");
    if (r1) {
        buf b;
        buf_init(&b);
        rules_print_config(r1, &b);
        CHECK(b.s && strstr(b.s, "built-in default\n") && strstr(b.s, "/proj/.faq.xml"), "print-config: %s",
              b.s ? b.s : "");
        buf_free(&b);
        diag_list x = S_check(r1, "T\n\nIs this question longer than twenty?\n\nIt is painless.\n");
        int form = 0, claim = 0;
        for (size_t i = 0; i < x.n; i++) {
            if (!strcmp(x.v[i].rule, "question-form")) form++;
            if (!strcmp(x.v[i].rule, "unsupported-claim")) claim++;
        }
        CHECK(form == 1 && claim == 0, "threshold and off: form %d claim %d", form, claim);
        diag_list_free(&x);
    }
    CHECK(d.n == 0, "no diagnostics: %s", d.n ? d.v[0].msg : "");
    rules_env_free(e);
    diag_list_free(&d);
}

static void test_merge(void)
{
    char p[512];
    snprintf(p, sizeof p, "%s/extra.xml", dir);
    S_write("extra.xml", "<rules>\n  <rule id=\"unsupported-claim\" severity=\"error\">\n"
                         "    <pattern category=\"hype\">\\bmiracle\\b</pattern>\n    <hedge>reportedly</hedge>\n"
                         "  </rule>\n  <rule id=\"near-duplicate-question\"><stopword>SMP</stopword></rule>\n</rules>\n");
    diag_list d;
    diag_list_init(&d);
    rules_env *e = rules_env_new(p, &d);
    CHECK(e != NULL, "merge env: %s", d.n ? d.v[0].msg : "");
    if (!e) return;
    const rules *r = rules_env_for(e, "/anything/at/all.txt", &d);
    diag_list x = S_check(r, "T\n\nQ?\n\nA miracle. It is reportedly a miracle. It is painless.\n");
    int hype = 0, absolute = 0;
    for (size_t i = 0; i < x.n; i++) {
        if (strstr(x.v[i].msg, "(hype)")) {
            hype++;
            CHECK(x.v[i].sev == SEV_ERROR, "severity error");
        }
        if (strstr(x.v[i].msg, "(absolute)")) absolute++;
    }
    CHECK(hype == 1 && absolute == 1, "extra pattern and hedge: hype %d absolute %d", hype, absolute);
    diag_list_free(&x);
    rules_env_free(e);
    diag_list_free(&d);
}

static void test_broken(void)
{
    S_broken("b1.xml", "<?xml version=\"1.0\"?>\n<rules>\n  <rule id=\"unsupported-claim\">\n</rules>\n", 4,
             "not well-formed");
    S_broken("b2.xml", "<rules>\n  <rule id=\"unsupported-claim\">\n    <pattern>(unclosed</pattern>\n  </rule>\n</rules>\n",
             3, "rule \"unsupported-claim\": bad pattern \"(unclosed\"");
    S_broken("b3.xml", "<rules>\n\n  <rule id=\"no-such-rule\" severity=\"off\"/>\n</rules>\n", 3,
             "unknown rule \"no-such-rule\"");
    S_broken("b4.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE rules [<!ENTITY x \"y\">]>\n<rules/>\n", 2, "DOCTYPE");
    S_broken("b5.xml", "<rules>\n  <rule id=\"question-form\" severity=\"fatal\"/>\n</rules>\n", 2, "rules.xsd");
    S_broken("b6.xml", "<rules>\n  <rule id=\"question-form\">\n    <hedge>may</hedge>\n  </rule>\n</rules>\n", 3,
             "takes no <hedge>");
    S_broken("b7.xml", "<rules>\n  <rule id=\"meta-commentary\">\n    <pattern>x*</pattern>\n  </rule>\n</rules>\n", 3,
             "matches the empty string");
    S_broken("b8.xml", "<rules>\n  <threshold name=\"question-max-length\" value=\"0\"/>\n</rules>\n", 2, "rules.xsd");
    char p[512];
    snprintf(p, sizeof p, "%s/missing.xml", dir);
    diag_list d;
    diag_list_init(&d);
    CHECK(!rules_env_new(p, &d) && d.n == 1 && d.v[0].fatal, "missing config");
    diag_list_free(&d);
}

static double S_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_catastrophic(void)
{
    char p[512];
    snprintf(p, sizeof p, "%s/slow.xml", dir);
    S_write("slow.xml", "<rules>\n  <rule id=\"unsupported-claim\">\n    <pattern category=\"slow\">(?:a+)+b</pattern>\n"
                        "  </rule>\n</rules>\n");
    diag_list d;
    diag_list_init(&d);
    rules_env *e = rules_env_new(p, &d);
    CHECK(e != NULL, "slow env");
    if (!e) return;
    const rules *r = rules_env_for(e, "-", &d);
    char text[4096];
    strcpy(text, "T\n\nQ?\n\n");
    size_t n = strlen(text);
    for (int k = 0; k < 60; k++) {
        memset(text + n, 'a', 60);
        n += 60;
        text[n++] = (k % 10 == 9) ? '\n' : ' ';
    }
    strcpy(text + n, "c.\n");
    double t0 = S_now();
    diag_list x = S_check(r, text);
    double t1 = S_now();
    int limit = 0;
    for (size_t i = 0; i < x.n; i++)
        if (!strcmp(x.v[i].rule, "config") && strstr(x.v[i].msg, "match limit") && strstr(x.v[i].msg, "(?:a+)+b") &&
            strstr(x.v[i].msg, "slow.xml:3"))
            limit++;
    CHECK(limit == 1, "one limit diagnostic naming the pattern, got %d", limit);
    CHECK(t1 - t0 < 2.0, "stopped quickly: %.2f s", t1 - t0);
    diag_list_free(&x);
    rules_env_free(e);
    diag_list_free(&d);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/faq-rules-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return 1;
    }
    test_discovery();
    test_merge();
    test_broken();
    test_catastrophic();
    test_builtin_valid();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("cannot remove %s\n", dir);
    if (failures) printf("%d failed\n", failures);
    return failures ? 1 : 0;
}
