/* export: the exporter table; each format lives in its own export_*.c. */
#ifndef FAQ_EXPORT_H
#define FAQ_EXPORT_H
#include "buf.h"
#include "diag.h"
#include "model.h"
#include <stdatomic.h>

typedef struct export_opts {
    const char *url; /* --url, overrides front matter "url"; may be NULL */
    const char *lang; /* --lang, overrides front matter "lang"; may be NULL */
    int graph; /* --graph: JSON-LD fragment for a CMS that already has a page node */
    const char *site_url; /* the project config's <site>: the page's address and language when */
    const char *site_lang; /* neither the option nor the front matter gives one; may be NULL */
} export_opts;

typedef struct export_ctx {
    const faq_doc *doc; /* the model, with positions */
    const export_opts *opt;
    const atomic_int *cancel; /* may be NULL; once it holds 1 the output will be thrown away:
                                 an exporter may stop (between entries) with what it has */
} export_ctx;

static inline int export_cancelled(const export_ctx *ctx)
{
    return ctx->cancel && atomic_load_explicit(ctx->cancel, memory_order_relaxed);
}

typedef struct exporter {
    const char *name; /* "xml", "jsonld", "text", "html" */
    const char *ext; /* file extension without the dot */
    /* Appends the whole export to out; returns 0, or -1 after adding a diagnostic to d. */
    int (*run)(const export_ctx *ctx, buf *out, diag_list *d);
} exporter;

const exporter *export_find(const char *name); /* NULL when unknown */
/* A setting: the command-line value opt when given, else the front matter key, trimmed.
   Returns NULL (and *n = 0) when neither is set or the value is empty. */
const char *export_setting(const export_ctx *ctx, const char *opt, const char *key, size_t *n);
const exporter *export_all(size_t *n); /* the table, in a fixed order */

int export_xml(const export_ctx *ctx, buf *out, diag_list *d);
int export_text(const export_ctx *ctx, buf *out, diag_list *d);
int export_jsonld(const export_ctx *ctx, buf *out, diag_list *d); /* d NULL: no notes (nor errors) */
/* The checks export_jsonld makes before it writes anything: 0, or -1 after adding its error. */
int export_jsonld_check(const export_ctx *ctx, diag_list *d);
int export_html(const export_ctx *ctx, buf *out, diag_list *d);
int export_md(const export_ctx *ctx, buf *out, diag_list *d); /* canonical Markdown (read_md reads it back) */
/* export_html with the JSON-LD already built: jsonld, when not NULL, appends to its buffer what
   the jsonld export gave (successfully) for the same ctx (arg is its first argument); it is
   embedded as it is unless ctx->opt->graph is set (the page needs the FAQPage form then, built
   anew). */
typedef void (*export_jsonld_fn)(void *arg, buf *out);
int export_html_with(const export_ctx *ctx, export_jsonld_fn jsonld, void *arg, buf *out, diag_list *d);

#endif
