/* export: the exporter table. */
#include "export.h"
#include <string.h>

static const exporter S_table[] = {
    {"xml", "xml", export_xml},
    {"jsonld", "jsonld", export_jsonld},
    {"text", "txt", export_text},
    {"html", "html", export_html},
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
