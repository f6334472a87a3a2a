/* export_jsonld: the model as schema.org FAQPage JSON-LD (Google's FAQPage profile), safe in a <script>. */
#include "answer_html.h"
#include "export.h"
#include "json_write.h"
#include "url.h"
#include <string.h>

/* Pretty-printing JSON writer: 2-space indent, members one per line. */
typedef struct S_json {
    buf *out;
    int depth;
    int first; /* no member written yet in the innermost container */
} S_json;

static void S_nl(S_json *j)
{
    buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++) buf_puts(j->out, "  ");
}

static void S_item(S_json *j) /* before an array element or a member */
{
    if (!j->first) buf_putc(j->out, ',');
    j->first = 0;
    S_nl(j);
}

static void S_open(S_json *j, char c)
{
    buf_putc(j->out, c);
    j->depth++;
    j->first = 1;
}

static void S_close(S_json *j, char c)
{
    j->depth--;
    if (!j->first) S_nl(j);
    buf_putc(j->out, c);
    j->first = 0;
}

static void S_key(S_json *j, const char *key)
{
    S_item(j);
    json_put_string(j->out, key, JSON_ESC_SCRIPT);
    buf_puts(j->out, ": ");
}

static void S_str(S_json *j, const char *key, const char *s, size_t n)
{
    S_key(j, key);
    json_put_stringn(j->out, s, n, JSON_ESC_SCRIPT);
}

/* The value of an option, else of a front matter key, else NULL (*n gets its length). */

static const char *S_path(const export_ctx *ctx)
{
    return ctx->doc->src && ctx->doc->src->path ? ctx->doc->src->path : "-";
}

/* The @id of entry e: page URL (without fragment) + "#" + id, or "#" + id without a URL. */
static void S_question_id(buf *b, const char *base, size_t nbase, const faq_entry *e)
{
    buf_reset(b);
    if (base) buf_put(b, base, nbase);
    buf_putc(b, '#');
    buf_puts(b, e->id ? e->id : "");
}

/* Renders e's answer into html; returns 0 when the entry cannot be a Question (no question
   text or no answer), after noting it in d when d is not NULL. */
static int S_answer(const export_ctx *ctx, const faq_entry *e, buf *html, diag_list *d)
{
    buf_reset(html);
    if (e->question.s && e->question.len) answer_html_paras(html, &e->answer, 0);
    if (html->len) {
        for (size_t i = 0; i < e->sources.n; i++) answer_html_source(html, &e->sources.v[i], 0);
        return 1;
    }
    if (d) {
        unsigned line = 0, col = 0;
        if (ctx->doc->src) source_linecol(ctx->doc->src, e->pos, &line, &col);
        diag_add(d, S_path(ctx), line, col, SEV_WARNING, "export",
                 "question left out of the JSON-LD: %s (Google requires a question with exactly one answer)",
                 e->question.s && e->question.len ? "it has no answer" : "it has no text");
    }
    return 0;
}

static void S_question(S_json *j, const char *qid, const faq_entry *e, const buf *html)
{
    S_open(j, '{');
    S_str(j, "@type", "Question", 8);
    S_str(j, "@id", qid, strlen(qid));
    S_str(j, "name", e->question.s, e->question.len);
    S_key(j, "acceptedAnswer");
    S_open(j, '{');
    S_str(j, "@type", "Answer", 6);
    S_str(j, "text", html->s, html->len);
    S_close(j, '}');
    S_close(j, '}');
}

/* A Question node for every answered entry (d: where to report an entry left out, or NULL). */
static void S_questions(S_json *j, const export_ctx *ctx, const char *url, size_t nbase, buf *html, buf *qid,
                        diag_list *d)
{
    for (size_t i = 0; i < ctx->doc->nentries && !export_cancelled(ctx); i++) {
        const faq_entry *e = &ctx->doc->entries[i];
        if (!S_answer(ctx, e, html, d)) continue;
        S_question_id(qid, url, nbase, e);
        S_item(j);
        S_question(j, qid->s, e, html);
    }
}

int export_jsonld_check(const export_ctx *ctx, diag_list *d)
{
    static const export_opts none = {0};
    const export_opts *opt = ctx->opt ? ctx->opt : &none;
    size_t nurl = 0;
    const char *url = export_setting(ctx, opt->url, "url", &nurl);
    if (url && !url_is_absolute(url, nurl)) {
        diag *x =
            diag_add(d, S_path(ctx), 0, 0, SEV_ERROR, "export",
                     "the page URL must be an absolute http:// or https:// URL in ASCII without spaces, quotes or <> "
                     "(percent-encode a non-ASCII path as UTF-8, %%C3%%A9 for \u00e9; a non-ASCII host in its "
                     "xn-- form): %.*s",
                     (int)nurl, url);
        x->fatal = opt->url != NULL; /* --url: a usage error */
        return -1;
    }
    if (opt->graph && !url) {
        diag_add(d, S_path(ctx), 0, 0, SEV_ERROR, "export",
                 "--graph needs the page's URL for absolute @ids: add `url: https://…` to the front "
                 "matter or pass --url")
            ->fatal = 1; /* an option that cannot apply: a usage error */
        return -1;
    }
    return 0;
}

int export_jsonld(const export_ctx *ctx, buf *out, diag_list *d)
{
    const faq_doc *doc = ctx->doc;
    static const export_opts none = {0};
    const export_opts *opt = ctx->opt ? ctx->opt : &none;
    size_t nurl = 0, nlang = 0, nmod = 0;
    const char *url = export_setting(ctx, opt->url, "url", &nurl);
    const char *lang = export_setting(ctx, opt->lang, "lang", &nlang);
    const char *mod = export_setting(ctx, NULL, "modified", &nmod);
    if (d ? export_jsonld_check(ctx, d) != 0 : (url && !url_is_absolute(url, nurl)) || (opt->graph && !url)) return -1;
    size_t nbase = nurl; /* the URL without its fragment */
    if (url) {
        const char *hash = memchr(url, '#', nurl);
        if (hash) nbase = (size_t)(hash - url);
    }

    buf html, qid;
    buf_init(&html);
    buf_init(&qid);
    S_json j = {out, 0, 1};
    S_open(&j, '{');
    S_str(&j, "@context", "https://schema.org", 18);
    if (opt->graph) {
        /* The page node, without a type: it merges with the CMS's own page node of the same
           @id, which gets the Questions as mainEntity; no second FAQPage is made. */
        S_key(&j, "@graph");
        S_open(&j, '[');
        S_item(&j);
        S_open(&j, '{');
        S_str(&j, "@id", url, nurl);
        S_key(&j, "mainEntity");
        S_open(&j, '[');
        for (size_t i = 0; i < doc->nentries && !export_cancelled(ctx); i++) {
            const faq_entry *e = &doc->entries[i];
            if (!S_answer(ctx, e, &html, d)) continue;
            S_question_id(&qid, url, nbase, e);
            S_item(&j);
            S_open(&j, '{');
            S_str(&j, "@id", qid.s, qid.len);
            S_close(&j, '}');
        }
        S_close(&j, ']');
        S_close(&j, '}');
        S_questions(&j, ctx, url, nbase, &html, &qid, NULL);
        S_close(&j, ']');
    } else {
        S_str(&j, "@type", "FAQPage", 7);
        if (url) {
            S_str(&j, "@id", url, nurl);
            S_str(&j, "url", url, nbase);
        }
        if (doc->title.s && doc->title.len) S_str(&j, "name", doc->title.s, doc->title.len);
        if (lang && nlang) S_str(&j, "inLanguage", lang, nlang);
        if (mod) S_str(&j, "dateModified", mod, nmod);
        S_key(&j, "mainEntity");
        S_open(&j, '[');
        S_questions(&j, ctx, url, nbase, &html, &qid, d);
        S_close(&j, ']');
    }
    S_close(&j, '}');
    buf_putc(out, '\n');
    buf_free(&html);
    buf_free(&qid);
    return 0;
}
