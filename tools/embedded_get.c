/* embedded_get: look up a file built into the binary by name. */
#include "embedded.h"
#include <string.h>

const embedded_file *embedded_get(const char *name)
{
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (!strcmp(f->name, name)) return f;
    return NULL;
}
