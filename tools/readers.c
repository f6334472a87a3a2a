/* readers: the table of input readers. A reader is one row: its name (for --from), the
   extensions it owns, a content sniff for inputs whose name says nothing (standard input, an
   unknown extension) and its read function. */
#include "readers.h"
#include "read_html.h"
#include "read_md.h"
#include "reader.h"
#include "schema.h"
#include <string.h>
#include <strings.h>

static faq_doc *S_read_text(const source *src, const faq_schema *schema, diag_list *d, int *invalid)
{
    (void)schema, (void)invalid;
    return read_text(src, d);
}

static faq_doc *S_read_xml(const source *src, const faq_schema *schema, diag_list *d, int *invalid)
{
    return read_xml_validated(src, schema, d, invalid);
}

static faq_doc *S_read_html(const source *src, const faq_schema *schema, diag_list *d, int *invalid)
{
    (void)schema, (void)invalid;
    return read_html(src, d);
}

static faq_doc *S_read_md(const source *src, const faq_schema *schema, diag_list *d, int *invalid)
{
    (void)schema, (void)invalid;
    return read_md(src, d);
}

static const char *const S_text_ext[] = {"txt", NULL};
static const char *const S_xml_ext[] = {"xml", NULL};
static const char *const S_html_ext[] = {"html", "htm", "xhtml", NULL};
static const char *const S_md_ext[] = {"md", "markdown", "mdx", NULL};

/* The content sniffs run in this order (a page before XML: both open with '<'); the row
   marked READER_DEFAULT takes whatever no row claims. */
static const reader_def S_readers[] = {
    {"text", "FAQ text", S_text_ext, NULL, S_read_text, READER_DEFAULT, NULL},
    {"html", "an HTML page", S_html_ext, reader_is_html, S_read_html, READER_PAGE, read_html_no_faq},
    {"xml", "FAQ XML", S_xml_ext, reader_is_xml, S_read_xml, READER_VALIDATES, NULL},
    {"md", "Markdown", S_md_ext, NULL, S_read_md, READER_PAGE, read_md_no_faq},
};
#define S_N (sizeof S_readers / sizeof *S_readers)

const reader_def *reader_all(size_t *n)
{
    *n = S_N;
    return S_readers;
}

const reader_def *reader_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < S_N; i++)
        if (!strcmp(S_readers[i].name, name)) return &S_readers[i];
    return NULL;
}

const reader_def *reader_by_name(const char *path)
{
    if (!path) return NULL;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) return NULL;
    for (size_t i = 0; i < S_N; i++)
        for (const char *const *e = S_readers[i].exts; *e; e++)
            if (!strcasecmp(dot + 1, *e)) return &S_readers[i];
    return NULL;
}

const reader_def *reader_for(const source *src, const char *name)
{
    const reader_def *r = reader_by_name(name);
    if (r) return r;
    for (size_t i = 0; i < S_N; i++)
        if (S_readers[i].sniff && S_readers[i].sniff(src)) return &S_readers[i];
    for (size_t i = 0; i < S_N; i++)
        if (S_readers[i].flags & READER_DEFAULT) return &S_readers[i];
    return &S_readers[0];
}

void reader_list(buf *out, const char *sep, int with_ext)
{
    for (size_t i = 0; i < S_N; i++) {
        if (i) buf_puts(out, sep);
        buf_puts(out, with_ext ? S_readers[i].what : S_readers[i].name);
        if (!with_ext) continue;
        buf_puts(out, " (");
        for (const char *const *e = S_readers[i].exts; *e; e++) {
            if (e != S_readers[i].exts) buf_puts(out, ", ");
            buf_puts(out, "*.");
            buf_puts(out, *e);
        }
        buf_puts(out, ")");
    }
}
