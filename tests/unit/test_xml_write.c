/* test_xml_write: xml_write gives the bytes libxml2 writes for the tree of xml_build, and
   schema_validate_model the diagnostics that validating that tree gives, on every input of the
   tests (text and XML) and on crafted models with every character that escaping or XML safety
   touches. */
#include "buf.h"
#include "model.h"
#include "reader.h"
#include "schema.h"
#include "source.h"
#include "xml_build.h"
#include "xml_write.h"
#include "xalloc.h"
#include <glob.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static int S_put(void *ctx, const char *s, int n)
{
    buf_put(ctx, s, (size_t)n);
    return n;
}

static int S_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* What the XML export wrote before xml_write: the tree of xml_build through libxml2. */
static void S_libxml2(const faq_doc *doc, buf *out)
{
    xmlDocPtr tree = xml_build(doc);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(S_put, S_close, out, NULL);
    xmlSaveFormatFileTo(ob, tree, "UTF-8", 1);
    if (out->len && out->s[out->len - 1] != '\n') buf_putc(out, '\n');
    xml_build_free(tree);
}

static faq_schema *S_schema;
static size_t S_errors; /* schema errors seen in all */

/* The diagnostics as one string per line. */
static void S_dump(const diag_list *d, buf *out)
{
    for (size_t i = 0; i < d->n; i++)
        buf_printf(out, "%u:%u %s [%s]\n", d->v[i].line, d->v[i].col, d->v[i].msg, d->v[i].rule);
}

/* schema_validate_model gives what validating xml_build's tree gives. */
static void S_compare_schema(const char *name, const faq_doc *doc, const source *src)
{
    diag_list a, b;
    diag_list_init(&a);
    diag_list_init(&b);
    xmlDocPtr tree = xml_build(doc);
    int ra = schema_validate(S_schema, tree, src, &a);
    xml_build_free(tree);
    int rb = schema_validate_model(S_schema, doc, src, &b);
    diag_sort(&a);
    diag_sort(&b);
    buf da, db;
    buf_init(&da);
    buf_init(&db);
    S_dump(&a, &da);
    S_dump(&b, &db);
    CHECK(ra == rb && !strcmp(da.s, db.s), "%s: the tree gives %d errors:\n%s  the model %d:\n%s", name, ra, da.s, rb, db.s);
    S_errors += a.n;
    buf_free(&da);
    buf_free(&db);
    diag_list_free(&a);
    diag_list_free(&b);
}

static void S_compare(const char *name, const faq_doc *doc)
{
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    S_libxml2(doc, &a);
    xml_write(doc, &b);
    if (a.len != b.len || memcmp(a.s, b.s, a.len)) {
        size_t i = 0;
        while (i < a.len && i < b.len && a.s[i] == b.s[i]) i++;
        CHECK(0, "%s: xml_write differs at byte %zu: libxml2 '%.60s' xml_write '%.60s'", name, i, a.s + i, b.s + i);
    }
    buf_free(&a);
    buf_free(&b);
}

static void S_file(const char *path)
{
    diag_list d;
    diag_list_init(&d);
    source src;
    if (source_load(&src, path, &d) == 0) {
        xmlDocPtr parsed = NULL;
        faq_doc *doc = reader_is_xml(&src) ? read_xml(&src, &d, &parsed) : read_text(&src, &d);
        if (doc) S_compare(path, doc);
        if (doc && !doc->empty) S_compare_schema(path, doc, &src);
        if (parsed) xmlFreeDoc(parsed);
        faq_doc_free(doc);
    }
    source_free(&src);
    diag_list_free(&d);
}

static void S_set(faq_doc *doc, faq_text *t, const char *s)
{
    t->len = strlen(s);
    t->s = arena_strndup(&doc->mem, s, t->len);
    t->seg = arena_alloc(&doc->mem, sizeof *t->seg);
    t->nseg = 1;
}

/* A model holding s in every text and attribute (the entry ids: s and a number, so that they
   stay distinct, and once all the same). */
static void S_crafted(const char *label, const char *s)
{
    static const char text[] = "Title\n";
    source src;
    diag_list d;
    diag_list_init(&d);
    source_from_memory(&src, "crafted", text, sizeof text - 1, &d);
    faq_doc *doc = faq_doc_new(&src);
    doc->has_front = 1;
    const char *keys[] = {"url", "id", s, "lang", "id", "x"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        XGROW(doc->fields, doc->capfields, doc->nfields + 1);
        faq_field *f = &doc->fields[doc->nfields++];
        memset(f, 0, sizeof *f);
        S_set(doc, &f->key, keys[i]);
        S_set(doc, &f->value, i == 5 ? "" : s);
    }
    S_set(doc, &doc->title, s);
    S_set(doc, faq_paras_add(doc, &doc->intro), s);
    for (int k = 0; k < 4; k++) {
        faq_entry *e = faq_doc_add_entry(doc);
        char id[256];
        snprintf(id, sizeof id, "%s%d", s, k);
        e->id = k == 1 ? NULL : arena_strndup(&doc->mem, id, strlen(id));
        e->after_conclusion = k >= 2;
        S_set(doc, &e->question, k == 3 ? "" : s);
        if (k != 1) S_set(doc, faq_paras_add(doc, &e->answer), s);
        if (k == 2) S_set(doc, faq_paras_add(doc, &e->answer), "");
        if (k >= 1) S_set(doc, faq_paras_add(doc, &e->sources), s);
    }
    S_set(doc, faq_paras_add(doc, &doc->conclusion), s);
    S_compare(label, doc);
    S_compare_schema(label, doc, &src);
    doc->conclusion.n = 0;
    S_compare(label, doc);
    S_compare_schema(label, doc, &src);
    doc->entries[2].id = doc->entries[0].id; /* two entries with one id: the tree decides */
    S_compare_schema(label, doc, &src);
    faq_doc_free(doc);
    source_free(&src);
    diag_list_free(&d);
}

int main(void)
{
    xmlInitParser();
    diag_list d0;
    diag_list_init(&d0);
    S_schema = schema_load(&d0);
    CHECK(S_schema != NULL, "the schema does not load");
    if (!S_schema) return 1;
    diag_list_free(&d0);
    const char *pats[] = {"../cases/*/*.txt", "../cases/*/*.xml", "../hostile/*", "../fuzz/corpus/text/*",
                          "../fuzz/corpus/xml/*", "../../content/*"};
    size_t files = 0;
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        glob_t g;
        if (glob(pats[p], 0, NULL, &g) != 0) continue;
        for (size_t i = 0; i < g.gl_pathc; i++, files++) S_file(g.gl_pathv[i]);
        globfree(&g);
    }
    CHECK(files > 100, "only %zu input files found", files);
    const char *strs[] = {
        "",
        "plain",
        "a<b>c&d\"e'f",
        "tab\there\nline\rcr\r\nend",
        "]]> and ]]&gt;",
        "ctl \x01\x02\x08\x0b\x0c\x0e\x1f end",
        "\x7f del \xc2\x80\xc2\x9f c1",
        "nonchars \xef\xbf\xbe \xef\xbf\xbf \xef\xbf\xbd \xef\xbb\xbf",
        "\xef\xbf\xbe",
        "x\xef\xbf\xbf",
        "utf8 \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8",
        "  spaced  ",
        "&amp; &#13; &lt;",
        "\"\"\"",
        "\n",
    };
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
        char label[32];
        snprintf(label, sizeof label, "crafted %zu", i);
        S_crafted(label, strs[i]);
    }
    /* an empty model */
    faq_doc *doc = faq_doc_new(NULL);
    S_compare("empty", doc);
    doc->has_front = 1;
    S_compare("empty front", doc);
    faq_doc_free(doc);
    CHECK(S_errors > 100, "only %zu schema errors in all: the comparison proves little", S_errors);
    schema_free(S_schema);
    xmlCleanupParser();
    return failures != 0;
}
