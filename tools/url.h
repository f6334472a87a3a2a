/* url: the one check of the URLs faq writes (JSON-LD @id and url, the HTML page's canonical
   link, links in answers). */
#ifndef FAQ_URL_H
#define FAQ_URL_H
#include <stddef.h>

/* Whether byte c may stand in such a URL as it is: printable ASCII other than the space and
   " < > \ ^ ` { | } (what schema/faq.xsd's httpUrl allows; anything else is percent-encoded). */
int url_char(unsigned char c);
/* Length of the scheme ("http://" 7, "https://" 8) that s[0..n) starts with, else 0. */
size_t url_scheme_len(const char *s, size_t n);
/* Whether s[0..n) is an absolute http(s) URL: a scheme, a host that does not start with '/',
   and only url_char bytes. */
int url_is_absolute(const char *s, size_t n);

#endif
