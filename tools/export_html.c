/* export_html: the model as one self-contained HTML5 page with the JSON-LD embedded in its head. */
#include "answer_html.h"
#include "export.h"
#include "html_escape.h"
#include <string.h>

static const char S_style[] = "body {\n"
                              "  margin: 0;\n"
                              "  font: 1.0625rem/1.6 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif;\n"
                              "  color: #1b1b1b;\n"
                              "  background: #fff;\n"
                              "}\n"
                              "main {\n"
                              "  max-width: 42rem;\n"
                              "  margin: 0 auto;\n"
                              "  padding: 1rem 1.25rem 3rem;\n"
                              "  overflow-wrap: anywhere;\n"
                              "}\n"
                              "h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 1.25rem; }\n"
                              "h2 { font-size: 1.2rem; line-height: 1.35; margin: 2.25rem 0 .5rem; }\n"
                              "p, ul, ol { margin: 0 0 1rem; }\n"
                              "a { color: #0b57d0; overflow-wrap: anywhere; }\n"
                              ".faq-conclusion { margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 1rem; }\n"
                              "@media (prefers-color-scheme: dark) {\n"
                              "  body { color: #e8e8e8; background: #121212; }\n"
                              "  a { color: #8ab4f8; }\n"
                              "}\n";

/* The value of an option, else of a front matter key (trimmed), else NULL. */

static void S_entry(buf *out, const faq_entry *e)
{
    if (e->section) { /* a group of entries: its heading */
        buf_puts(out, "<h2 class=\"faq-group\">");
        html_escape_cstr(out, e->section);
        buf_puts(out, "</h2>\n");
    }
    buf_puts(out, "<section class=\"faq-entry\">\n<h2");
    if (e->id && *e->id) {
        buf_puts(out, " id=\"");
        html_escape_cstr(out, e->id);
        buf_putc(out, '"');
    }
    buf_putc(out, '>');
    if (e->question.s) html_escape(out, e->question.s, e->question.len);
    buf_puts(out, "</h2>\n");
    answer_html(out, e, 1);
    buf_puts(out, "</section>\n");
}

int export_html(const export_ctx *ctx, buf *out, diag_list *d) { return export_html_with(ctx, NULL, NULL, out, d); }

int export_html_with(const export_ctx *ctx, export_jsonld_fn jsonld, void *arg, buf *out, diag_list *d)
{
    const faq_doc *doc = ctx->doc;
    static const export_opts none = {0};
    export_opts opt = ctx->opt ? *ctx->opt : none;
    int reuse = jsonld && !opt.graph; /* built with the options the page would use */
    opt.graph = 0; /* the page is the FAQ page itself: it always carries the FAQPage */
    export_ctx jctx = *ctx;
    jctx.opt = &opt;

    /* The JSON-LD's checks first: a failure leaves out untouched. Its notes (questions left
       out) are the jsonld export's to give, so the page writes it without them. */
    if (!reuse && export_jsonld_check(&jctx, d) != 0) return -1;

    size_t nlang = 0, nurl = 0;
    const char *lang = export_setting(ctx, opt.lang, "lang", &nlang);
    const char *url = export_setting(ctx, opt.url, "url", &nurl);
    if (url) {
        const char *hash = memchr(url, '#', nurl);
        if (hash) nurl = (size_t)(hash - url);
    }
    if (!lang) /* a page is still written: the language is not to be guessed */
        diag_add(d, doc->src && doc->src->path ? doc->src->path : "-", 0, 0, SEV_WARNING, "export",
                 "the HTML page has no language: add 'lang: en' (or the right BCP 47 tag) to the front "
                 "matter, or pass --lang; browsers, screen readers and search engines need it");
    const char *title = doc->title.s && doc->title.len ? doc->title.s : "FAQ";
    size_t ntitle = doc->title.s && doc->title.len ? doc->title.len : 3;

    buf_puts(out, "<!DOCTYPE html>\n<html");
    if (lang) {
        buf_puts(out, " lang=\"");
        html_escape(out, lang, nlang);
        buf_putc(out, '"');
    }
    buf_puts(out,
             ">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    html_escape(out, title, ntitle);
    buf_puts(out, "</title>\n");
    if (url) {
        buf_puts(out, "<link rel=\"canonical\" href=\"");
        html_escape(out, url, nurl);
        buf_puts(out, "\">\n");
    }
    buf_puts(out, "<style>\n");
    buf_puts(out, S_style);
    buf_puts(out, "</style>\n<script type=\"application/ld+json\">\n");
    /* JSON with <, > and & escaped: nothing in it can end the script */
    if (reuse)
        jsonld(arg, out);
    else
        export_jsonld(&jctx, out, NULL);
    buf_puts(out, "</script>\n</head>\n<body>\n<main>\n<h1>");
    html_escape(out, title, ntitle);
    buf_puts(out, "</h1>\n");
    answer_html_paras(out, &doc->intro, 1);
    for (size_t i = 0; i < doc->nentries && !export_cancelled(ctx); i++)
        if (!doc->entries[i].after_conclusion) S_entry(out, &doc->entries[i]);
    if (doc->conclusion.n) {
        buf_puts(out, "<div class=\"faq-conclusion\">\n");
        answer_html_paras(out, &doc->conclusion, 1);
        buf_puts(out, "</div>\n");
    }
    for (size_t i = 0; i < doc->nentries && !export_cancelled(ctx); i++)
        if (doc->entries[i].after_conclusion) S_entry(out, &doc->entries[i]);
    buf_puts(out, "</main>\n</body>\n</html>\n");
    return 0;
}
