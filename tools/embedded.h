/* embedded: files built into the binary (the schemas and the default rules). */
#ifndef FAQ_EMBEDDED_H
#define FAQ_EMBEDDED_H
#include <stddef.h>

typedef struct embedded_file {
    const char *name; /* base name: "faq.xsd", "rules.xsd", "rules.xml" */
    const char *data; /* NUL-terminated */
    size_t len;
} embedded_file;

extern const embedded_file embedded_files[]; /* ends with a NULL name */

/* The file named name, or NULL. */
const embedded_file *embedded_get(const char *name);

#endif
