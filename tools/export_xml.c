/* export_xml: the model as pretty-printed UTF-8 FAQ XML (xml_write: the bytes libxml2 would write
   for the tree of xml_build, without building one). */
#include "export.h"
#include "xml_write.h"

int export_xml(const export_ctx *ctx, buf *out, diag_list *d)
{
    (void)d;
    xml_write_until(ctx->doc, out, ctx->cancel);
    return 0;
}
