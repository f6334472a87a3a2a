/* report_sarif: SARIF 2.1.0 (one run; tool.driver.rules from the catalogue; code-point columns). */
#include "json_write.h"
#include "report.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

#define S_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

typedef struct S_rule {
    const char *id, *description;
    severity sev;
} S_rule;

/* Descriptions for ids that diagnostics use without being in the catalogue. */
static const char *S_builtin_description(const char *id)
{
    static const struct {
        const char *id, *text;
    } tab[] = {
        {"input", "The input could not be read (missing, a directory, not UTF-8, NUL bytes, too large)"},
        {"config", "The configuration is broken (a config file, a rule or a pattern)"},
        {"schema", "The XML tree breaks schema/faq.xsd"},
        {"structure", "The text does not read as a FAQ (no title, no question)"},
        {"export", "An export could not be made"},
        {"output", "An output could not be written"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        if (!strcmp(id, tab[i].id)) return tab[i].text;
    return id;
}

static const char *S_level(severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "note";
    default: return "none";
    }
}

static size_t S_rule_index(const S_rule *r, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(r[i].id, id)) return i;
    return (size_t)-1;
}

/* A display path as a URI reference: relative paths stay relative (to %SRCROOT%), absolute
   ones become file:// URIs; every byte but unreserved characters and '/' is percent-encoded. */
static int S_put_uri(buf *out, const char *path)
{
    int absolute = path[0] == '/';
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
        while (*path == '/') path++;
    }
    buf_putc(out, '"');
    if (absolute) buf_puts(out, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || c == '/')
            buf_putc(out, (char)c);
        else
            buf_printf(out, "%%%02X", c);
    }
    buf_putc(out, '"');
    return absolute;
}

static void S_region(const diag *d, buf *out)
{
    unsigned el = d->end_line >= d->line ? d->end_line : d->line;
    buf_printf(out, ", \"region\": {\"startLine\": %u", d->line);
    if (d->col) {
        unsigned ec = d->end_col;
        if (el == d->line && ec <= d->col) ec = d->col + 1; /* unknown end: the one character */
        if (!ec) ec = 1;
        buf_printf(out, ", \"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u", d->col, el, ec);
    } else if (el != d->line) {
        buf_printf(out, ", \"endLine\": %u", el);
    }
    buf_putc(out, '}');
}

void report_sarif(const diag_list *l, const report_ctx *ctx, buf *out)
{
    /* The rules: the catalogue in its order, then ids used by diagnostics but not in it. */
    size_t nr = 0, cap = 0;
    S_rule *r = NULL;
    for (size_t i = 0; i < ctx->nrules && ctx->rules; i++) {
        const rule_info *ri = &ctx->rules[i];
        if (!ri->id || S_rule_index(r, nr, ri->id) != (size_t)-1) continue;
        XGROW(r, cap, nr + 1);
        r[nr++] = (S_rule){ri->id, ri->description, ri->sev};
    }
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        if (!d->rule || !*d->rule || S_rule_index(r, nr, d->rule) != (size_t)-1) continue;
        XGROW(r, cap, nr + 1);
        r[nr++] = (S_rule){d->rule, S_builtin_description(d->rule), d->sev};
    }

    buf_puts(out, "{\n  \"$schema\": \"" S_SCHEMA "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    buf_puts(out, "      \"tool\": {\n        \"driver\": {\n          \"name\": \"faq\",\n");
    if (ctx->version) {
        buf_puts(out, "          \"version\": ");
        json_put_string(out, ctx->version, 0);
        buf_puts(out, ",\n");
    }
    buf_puts(out, "          \"rules\": [");
    for (size_t i = 0; i < nr; i++) {
        buf_puts(out, i ? ",\n            {\"id\": " : "\n            {\"id\": ");
        json_put_string(out, r[i].id, 0);
        buf_puts(out, ", \"shortDescription\": {\"text\": ");
        json_put_string(out, r[i].description && *r[i].description ? r[i].description : r[i].id, 0);
        buf_puts(out, "}, \"defaultConfiguration\": ");
        if (r[i].sev == SEV_OFF)
            buf_puts(out, "{\"enabled\": false}}");
        else
            buf_printf(out, "{\"level\": \"%s\"}}", S_level(r[i].sev));
    }
    buf_puts(out, nr ? "\n          ]\n" : "]\n");
    buf_puts(out, "        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
    for (size_t i = 0; i < l->n; i++) {
        const diag *d = &l->v[i];
        buf_puts(out, i ? ",\n        {" : "\n        {");
        if (d->rule && *d->rule) {
            buf_puts(out, "\"ruleId\": ");
            json_put_string(out, d->rule, 0);
            buf_printf(out, ", \"ruleIndex\": %zu, ", S_rule_index(r, nr, d->rule));
        }
        buf_printf(out, "\"level\": \"%s\", \"message\": {\"text\": ", S_level(d->sev));
        json_put_string(out, d->msg ? d->msg : "", JSON_ESC_LAYOUT);
        buf_puts(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
        if (!S_put_uri(out, d->file ? d->file : "")) buf_puts(out, ", \"uriBaseId\": \"%SRCROOT%\"");
        buf_putc(out, '}');
        if (d->line) S_region(d, out);
        buf_puts(out, "}}]}");
    }
    buf_puts(out, l->n ? "\n      ]\n" : "]\n");
    buf_puts(out, "    }\n  ]\n}\n");
    free(r);
}
