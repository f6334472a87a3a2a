/* slug: a stable entry id made from a question's text alone. */
#ifndef FAQ_SLUG_H
#define FAQ_SLUG_H
#include "arena.h"
#include "strset.h"
#include <stddef.h>

enum { SLUG_MAX = 96 }; /* bytes of a slug, its NUL included */

/* Writes into out (SLUG_MAX bytes) the slug of the UTF-8 text s[0..n): its words in lower case
   joined by '-', letters and digits of any script kept (é, ß, кириллица, 日本語), punctuation,
   symbols and emoji dropped, apostrophes removed ("don't" -> "dont"). It is an XML name
   (xs:ID), so "q-" goes before a slug that would start with a digit. A slug is cut at a word
   boundary after 60 bytes, and then ends in '-' and six hex digits of a hash of the whole
   text's slug, so that two long questions that start alike get different ids, each its own
   whatever the other. A text with no letter or digit gets "q-" and a hash of its bytes.
   The result depends on the text only, never on its place in the FAQ. Returns its length. */
size_t slug_make(const char *s, size_t n, char *out);

/* The id of a question s[0..n) in a document, unique among ids (every id given so far): its
   slug, or, when that is taken, the slug with -2, -3, ... (a base's slot keeps the next suffix
   to try, so that many questions with one slug cost one probe each). The id is copied into
   mem and added to ids. */
char *slug_unique(strset *ids, arena *mem, const char *s, size_t n);

#endif
