/* export_xml: the validated tree (built by xml_build) serialised as pretty-printed UTF-8 XML. */
#include "export.h"
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

/* libxml2 indents only elements whose children are all elements: the text of a <p>, line
   breaks included, is written exactly as it is. */
int export_xml(const export_ctx *ctx, buf *out, diag_list *d)
{
    const char *path = ctx->doc && ctx->doc->src ? ctx->doc->src->path : "";
    if (!ctx->tree) {
        diag_add(d, path, 0, 0, SEV_ERROR, "export", "no XML tree to export");
        return -1;
    }
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(ctx->tree, &mem, &size, "UTF-8", 1);
    if (!mem || size <= 0) {
        if (mem) xmlFree(mem);
        diag_add(d, path, 0, 0, SEV_ERROR, "export", "cannot serialise the XML");
        return -1;
    }
    buf_put(out, (const char *)mem, (size_t)size);
    if (mem[size - 1] != '\n') buf_putc(out, '\n');
    xmlFree(mem);
    return 0;
}
