/* url: the one check of the URLs faq writes. */
#include "url.h"
#include <string.h>

int url_char(unsigned char c) { return c > 0x20 && c < 0x7F && !strchr("<>\"`{}|\\^", c); }

size_t url_scheme_len(const char *s, size_t n)
{
    if (n >= 8 && !strncmp(s, "https://", 8)) return 8;
    if (n >= 7 && !strncmp(s, "http://", 7)) return 7;
    return 0;
}

int url_is_absolute(const char *s, size_t n)
{
    size_t k = url_scheme_len(s, n);
    if (!k || k == n || s[k] == '/') return 0;
    for (size_t i = k; i < n; i++)
        if (!url_char((unsigned char)s[i])) return 0;
    return 1;
}
