/* export: the exporter table. */
#include "export.h"
#include <string.h>

static const exporter S_table[] = {
    {"xml", "xml", export_xml},   {"jsonld", "jsonld", export_jsonld},
    {"text", "txt", export_text}, {"html", "html", export_html},
    {"md", "md", export_md},
};

const exporter *export_all(size_t *n)
{
    *n = sizeof S_table / sizeof *S_table;
    return S_table;
}

const exporter *export_find(const char *name)
{
    for (size_t i = 0; i < sizeof S_table / sizeof *S_table; i++)
        if (!strcmp(S_table[i].name, name)) return &S_table[i];
    return NULL;
}

const char *export_setting(const export_ctx *ctx, const char *opt, const char *key, size_t *n)
{
    *n = 0;
    const char *s = opt;
    size_t len = opt ? strlen(opt) : 0;
    if (!opt) {
        const faq_text *t = faq_doc_field(ctx->doc, key);
        const char *site = !ctx->opt ? NULL
            : !strcmp(key, "url")    ? ctx->opt->site_url
            : !strcmp(key, "lang")   ? ctx->opt->site_lang
                                     : NULL;
        if ((!t || !t->s) && !site) return NULL;
        s = t && t->s ? t->s : site;
        len = t && t->s ? t->len : strlen(site);
    }
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    *n = len;
    return len ? s : NULL;
}
