/* test_report: every reporter on a hand-made diagnostics list, hostile messages included. */
#include "buf.h"
#include "diag.h"
#include "json_write.h"
#include "report.h"
#include "utf8.h"
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int S_failed;

static void S_expect(const char *what, const char *got, const char *want)
{
    if (!strcmp(got, want)) return;
    S_failed++;
    size_t i = 0;
    while (got[i] && got[i] == want[i]) i++;
    printf("FAIL %s: differs at byte %zu\n--- want\n%s\n--- got\n%s\n---\n", what, i, want, got);
}

static void S_true(const char *what, int ok)
{
    if (ok) return;
    S_failed++;
    printf("FAIL %s\n", what);
}

static const rule_info S_rules[] = {
    {"duplicate-question", SEV_ERROR, "A question equal to an earlier one"},
    {"unsupported-claim", SEV_WARNING, "A claim with no source"},
    {"question-form", SEV_OFF, "A question that does not end in '?'"},
};

/* A source built by hand (the reporters read only path, data, len, line_start, nlines). */
static const char S_text[] = "Title\n\tSMP is guaranteed, \xc3\xa9tonnant.\r\nlast line";
static size_t S_starts[] = {0, 6, 38};

static void S_list(diag_list *l)
{
    diag_list_init(l);
    diag_add(l, "a.txt", 0, 0, SEV_ERROR, "input", "cannot read: \"x\"");
    diag_add_span(l, "a.txt", 2, 9, 2, 19, SEV_WARNING, "unsupported-claim",
                  "claim \"guaranteed\" (absolute) has no source");
    diag_add_span(l, "a.txt", 2, 21, 5, 1, SEV_INFO, "question-form", "spans lines");
    diag_add(l, "a.txt", 3, 0, SEV_ERROR, "duplicate-question", "same as line 1");
    diag_add(l, "b c.txt", 1, 2, SEV_WARNING, "custom-rule", "a\nb\tc %s", "\xff<ok>");
}

static void S_test_find(void)
{
    const char *names[] = {"human", "json", "sarif", "github", "junit", "gitlab", "checkstyle"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const reporter *r = report_find(names[i]);
        S_true(names[i], r && !strcmp(r->name, names[i]) && r->run);
    }
    S_true("unknown format", !report_find("xml") && !report_find(NULL) && !report_find(""));
}

static void S_test_json_write(void)
{
    buf b = {0};
    buf_init(&b);
    json_put_string(&b, "q\"b\\s/ \n\r\t\b\f\x01\x7f </script> & \xe2\x80\xa8", 0);
    S_expect("json plain", b.s, "\"q\\\"b\\\\s/ \\n\\r\\t\\b\\f\\u0001\\u007f </script> & \xe2\x80\xa8\"");
    buf_reset(&b);
    json_put_string(&b, "</script><!-- & \xe2\x80\xa8\xe2\x80\xa9", JSON_ESC_SCRIPT);
    S_expect("json script", b.s, "\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"");
    buf_reset(&b);
    /* Invalid UTF-8: one U+FFFD per maximal ill-formed subpart. */
    static const char bad[] = "a\xff" "b\xc0\x80" "c\xe2\x82" "d\xed\xa0\x80" "e\xf4\x90\x80\x80" "f\xe2\x82";
    json_put_stringn(&b, bad, sizeof bad - 1, 0);
    S_expect("json invalid utf-8", b.s,
             "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
             "e\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "f\xef\xbf\xbd\"");
    buf_reset(&b);
    json_put_string(&b, "\xf0\x9f\x98\x80\xc3\xa9", JSON_ESC_ASCII);
    S_expect("json ascii", b.s, "\"\\ud83d\\ude00\\u00e9\"");
    buf_reset(&b);
    json_put_stringn(&b, "n\0x", 3, 0);
    json_put_string(&b, NULL, 0);
    S_expect("json nul and null", b.s, "\"n\\u0000x\"null");
    buf_free(&b);
}

static void S_test_human(const diag_list *l)
{
    report_ctx ctx = {0};
    buf b = {0};
    buf_init(&b);
    report_human(l, &ctx, &b);
    S_expect("human", b.s,
             "a.txt: error: cannot read: \"x\" [input]\n"
             "a.txt:2:9: warning: claim \"guaranteed\" (absolute) has no source [unsupported-claim]\n"
             "a.txt:2:21: info: spans lines [question-form]\n"
             "a.txt:3: error: same as line 1 [duplicate-question]\n"
             "b c.txt:1:2: warning: a\\nb\tc \xef\xbf\xbd<ok> [custom-rule]\n");

    source src = {(char *)"a.txt", (char *)S_text, sizeof S_text - 1, S_starts, 3};
    const source *srcs[] = {&src};
    ctx.sources = srcs;
    ctx.nsources = 1;
    ctx.caret = 1;
    buf_reset(&b);
    report_human(l, &ctx, &b);
    S_expect("human caret", b.s,
             "a.txt: error: cannot read: \"x\" [input]\n"
             "a.txt:2:9: warning: claim \"guaranteed\" (absolute) has no source [unsupported-claim]\n"
             "\tSMP is guaranteed, \xc3\xa9tonnant.\n"
             "\t       ^~~~~~~~~~\n"
             "a.txt:2:21: info: spans lines [question-form]\n"
             "\tSMP is guaranteed, \xc3\xa9tonnant.\n"
             "\t                   ^~~~~~~~~\n"
             "a.txt:3: error: same as line 1 [duplicate-question]\n"
             "b c.txt:1:2: warning: a\\nb\tc \xef\xbf\xbd<ok> [custom-rule]\n"
             "2 errors, 2 warnings, 1 info\n");

    ctx.color = 1;
    diag_list one;
    diag_list_init(&one);
    diag_add(&one, "a.txt", 3, 5, SEV_ERROR, "r", "m");
    buf_reset(&b);
    report_human(&one, &ctx, &b);
    S_expect("human colour", b.s,
             "\033[1ma.txt:3:5:\033[0m \033[1;31merror:\033[0m m [r]\n"
             "last line\n"
             "\033[1;32m    ^\033[0m\n"
             "1 error, 0 warnings, 0 infos\n");
    diag_list_free(&one);

    /* No caret under an empty line; a column past the end points just after the text. */
    static char text2[] = "\nab";
    static size_t starts2[] = {0, 1};
    source src2 = {(char *)"e.txt", text2, 3, starts2, 2};
    const source *srcs2[] = {&src2};
    report_ctx c2 = {.caret = 1, .sources = srcs2, .nsources = 1};
    diag_list two;
    diag_list_init(&two);
    diag_add(&two, "e.txt", 1, 1, SEV_WARNING, "r", "m");
    diag_add_span(&two, "e.txt", 2, 9, 2, 12, SEV_INFO, "r", "m");
    diag_add(&two, "e.txt", 7, 1, SEV_INFO, "r", "past the last line");
    buf_reset(&b);
    report_human(&two, &c2, &b);
    S_expect("human caret edges", b.s,
             "e.txt:1:1: warning: m [r]\n"
             "e.txt:2:9: info: m [r]\n"
             "ab\n"
             "  ^\n"
             "e.txt:7:1: info: past the last line [r]\n"
             "0 errors, 1 warning, 2 infos\n");
    diag_list_free(&two);

    /* Wide CJK characters take two cells: the caret and its tildes line up under them. */
    static char text3[] = "\xe6\xb0\xb8\xe4\xb9\x85 guaranteed \xe7\xbb\x93\xe6\x9e\x9c\n";
    static size_t starts3[] = {0};
    source src3 = {(char *)"w.txt", text3, sizeof text3 - 1, starts3, 1};
    const source *srcs3[] = {&src3};
    report_ctx c3 = {.caret = 1, .sources = srcs3, .nsources = 1};
    diag_list three;
    diag_list_init(&three);
    diag_add_span(&three, "w.txt", 1, 4, 1, 14, SEV_WARNING, "r", "ascii after wide");
    diag_add_span(&three, "w.txt", 1, 15, 1, 17, SEV_WARNING, "r", "wide span");
    buf_reset(&b);
    report_human(&three, &c3, &b);
    S_expect("human caret wide", b.s,
             "w.txt:1:4: warning: ascii after wide [r]\n"
             "\xe6\xb0\xb8\xe4\xb9\x85 guaranteed \xe7\xbb\x93\xe6\x9e\x9c\n"
             "     ^~~~~~~~~~\n"
             "w.txt:1:15: warning: wide span [r]\n"
             "\xe6\xb0\xb8\xe4\xb9\x85 guaranteed \xe7\xbb\x93\xe6\x9e\x9c\n"
             "                ^~~~\n"
             "0 errors, 2 warnings, 0 infos\n");
    diag_list_free(&three);
    S_true("utf8_cells", utf8_cells('a') == 1 && utf8_cells(0x6C38) == 2 && utf8_cells(0x0301) == 0 &&
                             utf8_cells(0xFF21) == 2 && utf8_cells(0x1F600) == 2 && utf8_cells(0xE9) == 1);
    buf_free(&b);
}

static void S_test_json(const diag_list *l)
{
    const char *files[] = {"a.txt", "b c.txt", "clean.txt"};
    report_ctx ctx = {.version = "0.1.0", .files = files, .nfiles = 3};
    buf b = {0};
    buf_init(&b);
    report_json(l, &ctx, &b);
    S_expect("json", b.s,
             "{\n"
             "  \"version\": 1,\n"
             "  \"tool\": {\"name\": \"faq\", \"version\": \"0.1.0\"},\n"
             "  \"files\": [\"a.txt\", \"b c.txt\", \"clean.txt\"],\n"
             "  \"diagnostics\": [\n"
             "    {\"file\": \"a.txt\", \"line\": 0, \"column\": 0, \"endLine\": 0, \"endColumn\": 0, \"severity\": \"error\", \"rule\": \"input\", \"message\": \"cannot read: \\\"x\\\"\"},\n"
             "    {\"file\": \"a.txt\", \"line\": 2, \"column\": 9, \"endLine\": 2, \"endColumn\": 19, \"severity\": \"warning\", \"rule\": \"unsupported-claim\", \"message\": \"claim \\\"guaranteed\\\" (absolute) has no source\"},\n"
             "    {\"file\": \"a.txt\", \"line\": 2, \"column\": 21, \"endLine\": 5, \"endColumn\": 1, \"severity\": \"info\", \"rule\": \"question-form\", \"message\": \"spans lines\"},\n"
             "    {\"file\": \"a.txt\", \"line\": 3, \"column\": 0, \"endLine\": 3, \"endColumn\": 0, \"severity\": \"error\", \"rule\": \"duplicate-question\", \"message\": \"same as line 1\"},\n"
             "    {\"file\": \"b c.txt\", \"line\": 1, \"column\": 2, \"endLine\": 1, \"endColumn\": 2, \"severity\": \"warning\", \"rule\": \"custom-rule\", \"message\": \"a\\nb\\tc \xef\xbf\xbd<ok>\"}\n"
             "  ],\n"
             "  \"summary\": {\"error\": 2, \"warning\": 2, \"info\": 1, \"skipped\": 0}\n"
             "}\n");

    diag_list empty;
    diag_list_init(&empty);
    report_ctx bare = {0};
    buf_reset(&b);
    report_json(&empty, &bare, &b);
    S_expect("json empty", b.s,
             "{\n  \"version\": 1,\n  \"tool\": {\"name\": \"faq\", \"version\": null},\n  \"files\": [],\n"
             "  \"diagnostics\": [],\n  \"summary\": {\"error\": 0, \"warning\": 0, \"info\": 0, \"skipped\": 0}\n}\n");
    buf_reset(&b);
    report_json(l, &bare, &b); /* no file list: the files named by diagnostics */
    S_true("json files from diagnostics", strstr(b.s, "\"files\": [\"a.txt\", \"b c.txt\"],\n") != NULL);
    buf_free(&b);
}

static void S_test_sarif(const diag_list *l)
{
    report_ctx ctx = {.rules = S_rules, .nrules = 3, .version = "0.1.0"};
    buf b = {0};
    buf_init(&b);
    report_sarif(l, &ctx, &b);
    S_expect("sarif", b.s,
             "{\n"
             "  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
             "  \"version\": \"2.1.0\",\n"
             "  \"runs\": [\n"
             "    {\n"
             "      \"tool\": {\n"
             "        \"driver\": {\n"
             "          \"name\": \"faq\",\n"
             "          \"version\": \"0.1.0\",\n"
             "          \"rules\": [\n"
             "            {\"id\": \"duplicate-question\", \"shortDescription\": {\"text\": \"A question equal to an earlier one\"}, \"defaultConfiguration\": {\"level\": \"error\"}},\n"
             "            {\"id\": \"unsupported-claim\", \"shortDescription\": {\"text\": \"A claim with no source\"}, \"defaultConfiguration\": {\"level\": \"warning\"}},\n"
             "            {\"id\": \"question-form\", \"shortDescription\": {\"text\": \"A question that does not end in '?'\"}, \"defaultConfiguration\": {\"enabled\": false}},\n"
             "            {\"id\": \"input\", \"shortDescription\": {\"text\": \"The input could not be read (missing, a directory, not UTF-8, NUL bytes, too large)\"}, \"defaultConfiguration\": {\"level\": \"error\"}},\n"
             "            {\"id\": \"custom-rule\", \"shortDescription\": {\"text\": \"custom-rule\"}, \"defaultConfiguration\": {\"level\": \"warning\"}}\n"
             "          ]\n"
             "        }\n"
             "      },\n"
             "      \"columnKind\": \"unicodeCodePoints\",\n"
             "      \"results\": [\n"
             "        {\"ruleId\": \"input\", \"ruleIndex\": 3, \"level\": \"error\", \"message\": {\"text\": \"cannot read: \\\"x\\\"\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.txt\", \"uriBaseId\": \"%SRCROOT%\"}}}]},\n"
             "        {\"ruleId\": \"unsupported-claim\", \"ruleIndex\": 1, \"level\": \"warning\", \"message\": {\"text\": \"claim \\\"guaranteed\\\" (absolute) has no source\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 2, \"startColumn\": 9, \"endLine\": 2, \"endColumn\": 19}}}]},\n"
             "        {\"ruleId\": \"question-form\", \"ruleIndex\": 2, \"level\": \"note\", \"message\": {\"text\": \"spans lines\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 2, \"startColumn\": 21, \"endLine\": 5, \"endColumn\": 1}}}]},\n"
             "        {\"ruleId\": \"duplicate-question\", \"ruleIndex\": 0, \"level\": \"error\", \"message\": {\"text\": \"same as line 1\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"a.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 3}}}]},\n"
             "        {\"ruleId\": \"custom-rule\", \"ruleIndex\": 4, \"level\": \"warning\", \"message\": {\"text\": \"a\\nb\\tc \xef\xbf\xbd<ok>\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"b%20c.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 1, \"startColumn\": 2, \"endLine\": 1, \"endColumn\": 3}}}]}\n"
             "      ]\n"
             "    }\n"
             "  ]\n"
             "}\n");

    diag_list paths;
    diag_list_init(&paths);
    diag_add(&paths, "./dir/\xc3\xa9 #1?:%.txt", 1, 1, SEV_INFO, "", "m");
    diag_add(&paths, "/abs/x y.txt", 1, 1, SEV_INFO, "r", "m");
    buf_reset(&b);
    report_sarif(&paths, &ctx, &b);
    S_true("sarif relative uri", strstr(b.s, "\"uri\": \"dir/%C3%A9%20%231%3F%3A%25.txt\", \"uriBaseId\": \"%SRCROOT%\"") != NULL);
    S_true("sarif absolute uri", strstr(b.s, "\"uri\": \"file:///abs/x%20y.txt\"}") != NULL);
    S_true("sarif no rule id", strstr(b.s, "{\"level\": \"note\", \"message\": {\"text\": \"m\"}") != NULL);
    diag_list_free(&paths);
    buf_free(&b);
}

static void S_test_github(const diag_list *l)
{
    report_ctx ctx = {0};
    buf b = {0};
    buf_init(&b);
    report_github(l, &ctx, &b);
    diag_list h;
    diag_list_init(&h);
    diag_add_span(&h, "dir/a,b:c%.txt", 4, 3, 4, 8, SEV_ERROR, "x:y,z", "100%% sure,\r\nnext: \xe2\x82 ::done");
    report_github(&h, &ctx, &b);
    diag_list_free(&h);
    S_expect("github", b.s,
             "::error file=a.txt,title=input::cannot read: \"x\"\n"
             "::warning file=a.txt,line=2,col=9,endLine=2,endColumn=18,title=unsupported-claim::claim \"guaranteed\" (absolute) has no source\n"
             "::notice file=a.txt,line=2,col=21,endLine=5,endColumn=1,title=question-form::spans lines\n"
             "::error file=a.txt,line=3,endLine=3,title=duplicate-question::same as line 1\n"
             "::warning file=b c.txt,line=1,col=2,endLine=1,endColumn=2,title=custom-rule::a%0Ab\tc \xef\xbf\xbd<ok>\n"
             "::error file=dir/a%2Cb%3Ac%25.txt,line=4,col=3,endLine=4,endColumn=7,title=x%3Ay%2Cz::100%25 sure,%0D%0Anext: \xef\xbf\xbd ::done\n");
    buf_free(&b);
}

static void S_test_junit(const diag_list *l)
{
    const char *files[] = {"a.txt", "clean.txt", "b c.txt", "only-info.txt"};
    report_ctx ctx = {.files = files, .nfiles = 4};
    diag_list m;
    diag_list_init(&m);
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        diag_add_span(&m, d->file, d->line, d->col, d->end_line, d->end_col, d->sev, d->rule, "%s", d->msg);
    }
    m.v[0].fatal = 1;
    diag_add(&m, "c.xml", 1, 1, SEV_ERROR, "config", "bad <rule> & \"q\"\x01 ]]>");
    diag_add(&m, "only-info.txt", 1, 1, SEV_INFO, "i", "fyi");
    buf b = {0};
    buf_init(&b);
    report_junit(&m, &ctx, &b);
    S_expect("junit", b.s,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<testsuites name=\"faq\" tests=\"5\" failures=\"2\" errors=\"1\">\n"
             "  <testsuite name=\"faq\" tests=\"5\" failures=\"2\" errors=\"1\" skipped=\"0\">\n"
             "    <testcase classname=\"faq\" name=\"a.txt\">\n"
             "      <error type=\"input\" message=\"2 errors, 1 warning\">a.txt: error: cannot read: \"x\" [input]\n"
             "a.txt:2:9: warning: claim \"guaranteed\" (absolute) has no source [unsupported-claim]\n"
             "a.txt:3: error: same as line 1 [duplicate-question]\n"
             "</error>\n"
             "      <system-out>a.txt:2:21: info: spans lines [question-form]\n"
             "</system-out>\n"
             "    </testcase>\n"
             "    <testcase classname=\"faq\" name=\"clean.txt\"/>\n"
             "    <testcase classname=\"faq\" name=\"b c.txt\">\n"
             "      <failure type=\"warning\" message=\"0 errors, 1 warning\">b c.txt:1:2: warning: a\\nb\tc \xef\xbf\xbd&lt;ok&gt; [custom-rule]\n"
             "</failure>\n"
             "    </testcase>\n"
             "    <testcase classname=\"faq\" name=\"only-info.txt\">\n"
             "      <system-out>only-info.txt:1:1: info: fyi [i]\n"
             "</system-out>\n"
             "    </testcase>\n"
             "    <testcase classname=\"faq\" name=\"c.xml\">\n"
             "      <failure type=\"error\" message=\"1 error, 0 warnings\">c.xml:1:1: error: bad &lt;rule&gt; &amp; \"q\"\\x01 ]]&gt; [config]\n"
             "</failure>\n"
             "    </testcase>\n"
             "  </testsuite>\n"
             "</testsuites>\n");
    xmlDocPtr doc = xmlReadMemory(b.s, (int)b.len, "junit.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    S_true("junit is well-formed XML", doc != NULL);
    xmlFreeDoc(doc);

    /* Raw control characters and invalid UTF-8 in names must not break the XML either. */
    diag_list h;
    diag_list_init(&h);
    diag_add(&h, "x\x01\xff\"<&>.txt", 1, 1, SEV_WARNING, "r", "m");
    report_ctx bare = {0};
    buf_reset(&b);
    report_junit(&h, &bare, &b);
    S_true("junit hostile name escaped",
           strstr(b.s, "name=\"x\xef\xbf\xbd\xef\xbf\xbd&quot;&lt;&amp;&gt;.txt\"") != NULL);
    doc = xmlReadMemory(b.s, (int)b.len, "junit.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    S_true("junit hostile is well-formed XML", doc != NULL);
    xmlFreeDoc(doc);
    diag_list_free(&h);

    diag_list empty;
    diag_list_init(&empty);
    buf_reset(&b);
    report_junit(&empty, &bare, &b);
    S_expect("junit empty", b.s,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<testsuites name=\"faq\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
             "  <testsuite name=\"faq\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
             "  </testsuite>\n"
             "</testsuites>\n");
    diag_list_free(&m);
    buf_free(&b);
}

/* GitLab Code Quality: hostile messages escaped, whole-file findings on line 1, one distinct
   fingerprint per finding even for equal ones; Checkstyle: well-formed XML, a <file> for each
   linted file (a clean one too), no column for a whole-file finding. */
static void S_test_gitlab_checkstyle(const diag_list *l)
{
    diag_list m;
    S_list(&m);
    diag_add(&m, "a.txt", 9, 1, SEV_WARNING, "unsupported-claim", "claim \"guaranteed\" (absolute) has no source");
    diag_add(&m, "a.txt", 12, 1, SEV_WARNING, "unsupported-claim", "claim \"guaranteed\" (absolute) has no source");
    m.v[0].fatal = 1;
    diag_sort(&m);
    buf b = {0};
    buf_init(&b);
    report_ctx bare = {0};
    report_gitlab(&m, &bare, &b);
    S_true("gitlab escapes", strstr(b.s, "\"description\": \"a\\nb\\tc \xef\xbf\xbd<ok>\"") != NULL);
    S_true("gitlab whole file on line 1", strstr(b.s, "\"severity\": \"critical\", \"location\": {\"path\": \"a.txt\", \"lines\": {\"begin\": 1, \"end\": 1}}") != NULL);
    S_true("gitlab span end line", strstr(b.s, "\"lines\": {\"begin\": 2, \"end\": 5}") != NULL);
    size_t n = 0;
    char fp[16][33];
    for (const char *p = b.s; (p = strstr(p, "\"fingerprint\": \"")) && n < 16; p++, n++) {
        memcpy(fp[n], p + 16, 32);
        fp[n][32] = '\0';
        for (size_t k = 0; k < n; k++) S_true("gitlab fingerprints distinct", strcmp(fp[k], fp[n]) != 0);
    }
    S_true("gitlab one issue per finding", n == m.n);
    buf_reset(&b);
    report_gitlab(&(diag_list){0}, &bare, &b);
    S_expect("gitlab empty", b.s, "[]\n");

    buf_reset(&b);
    const char *files[] = {"a.txt", "b c.txt", "clean.txt"};
    report_ctx ctx = {.version = "0.1.0", .files = files, .nfiles = 3};
    report_checkstyle(&m, &ctx, &b);
    xmlDocPtr doc = xmlReadMemory(b.s, (int)b.len, "cs.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    S_true("checkstyle is well-formed XML", doc != NULL);
    xmlFreeDoc(doc);
    S_true("checkstyle clean file listed", strstr(b.s, "<file name=\"clean.txt\">\n  </file>") != NULL);
    S_true("checkstyle whole file", strstr(b.s, "<error line=\"1\" severity=\"error\" message=\"cannot read: &quot;x&quot;\" source=\"faq.input\"/>") != NULL);
    S_true("checkstyle hostile message", strstr(b.s, "message=\"a&#10;b&#9;c \xef\xbf\xbd&lt;ok&gt;\"") != NULL);
    buf_free(&b);
    diag_list_free(&m);
    (void)l;
}

int main(void)
{
    diag_list l;
    S_list(&l);
    S_test_find();
    S_test_json_write();
    S_test_human(&l);
    S_test_json(&l);
    S_test_sarif(&l);
    S_test_github(&l);
    S_test_junit(&l);
    S_test_gitlab_checkstyle(&l);
    diag_list_free(&l);
    xmlCleanupParser();
    if (S_failed) printf("test_report: %d failed\n", S_failed);
    return S_failed ? 1 : 0;
}
