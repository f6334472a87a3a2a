/* export_xml: the validated tree (built by xml_build) serialised as pretty-printed UTF-8 XML. */
#include "export.h"
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>

/* libxml2's output goes straight into out: no second copy of the whole serialisation. */
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

/* libxml2 indents only elements whose children are all elements: the text of a <p>, line
   breaks included, is written exactly as it is. */
int export_xml(const export_ctx *ctx, buf *out, diag_list *d)
{
    const char *path = ctx->doc && ctx->doc->src ? ctx->doc->src->path : "";
    if (!ctx->tree) {
        diag_add(d, path, 0, 0, SEV_ERROR, "export", "no XML tree to export");
        return -1;
    }
    size_t start = out->len;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(S_put, S_close, out, NULL);
    int rc = ob ? xmlSaveFormatFileTo(ob, ctx->tree, "UTF-8", 1) : -1; /* closes ob */
    if (rc < 0 || out->len == start) {
        out->len = start;
        if (out->s) out->s[start] = '\0';
        diag_add(d, path, 0, 0, SEV_ERROR, "export", "cannot serialise the XML");
        return -1;
    }
    if (out->s[out->len - 1] != '\n') buf_putc(out, '\n');
    return 0;
}
