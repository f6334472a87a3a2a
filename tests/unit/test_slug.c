/* test_slug: entry ids from question text: stable, any script, XML names, unique when cut. */
#include "unit.h"
#include "slug.h"
#include "utf8.h"
#include <string.h>

static void S_is(const char *text, const char *want)
{
    char got[SLUG_MAX];
    slug_make(text, strlen(text), got);
    CHECK(!strcmp(got, want), "slug(\"%s\") = \"%s\", want \"%s\"", text, got, want);
}

int main(void)
{
    S_is("What is Scalp Micropigmentation (SMP)?", "what-is-scalp-micropigmentation-smp");
    S_is("Don't I need a touch-up?", "dont-i-need-a-touch-up");
    S_is("Don\xe2\x80\x99t I need one?", "dont-i-need-one");                  /* curly apostrophe */
    S_is("2024 prices?", "q-2024-prices");                                      /* XML names start with a letter */
    S_is("Gr\xc3\x96\xc3\x9f" "e und Preis?", "gr\xc3\xb6\xc3\x9f" "e-und-preis"); /* Größe -> größe */
    S_is("\xc3\x87" "a co\xc3\xbb" "te combien ?", "\xc3\xa7" "a-co\xc3\xbb" "te-combien");
    S_is("\xd0\xa7\xd1\x82\xd0\xbe \xd1\x8d\xd1\x82\xd0\xbe?", "\xd1\x87\xd1\x82\xd0\xbe-\xd1\x8d\xd1\x82\xd0\xbe"); /* Что это? */
    S_is("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xaf\xef\xbc\x9f", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xaf"); /* 日本語は？ */

    /* Only the text decides: no position, no counter. */
    char a[SLUG_MAX], b[SLUG_MAX];
    slug_make("\xf0\x9f\x98\x80?", 5, a);
    slug_make("\xf0\x9f\x98\x80?", 5, b);
    CHECK(!strncmp(a, "q-", 2) && strlen(a) == 10 && !strcmp(a, b), "emoji-only slug %s", a);

    /* Long questions that start alike: cut at a word, then a hash of the whole text. */
    const char *l1 = "How long should I wait after my first session before I wash my scalp with shampoo?";
    const char *l2 = "How long should I wait after my first session before I wash my scalp with water?";
    slug_make(l1, strlen(l1), a);
    slug_make(l2, strlen(l2), b);
    CHECK(strcmp(a, b) != 0, "long slugs differ: %s", a);
    CHECK(!strncmp(a, "how-long-should-i-wait-after-my-first-session-before-i-wash-", 60) && strlen(a) == 66,
          "long slug cut at a word: %s", a);
    char a2[SLUG_MAX];
    slug_make(l1, strlen(l1), a2);
    CHECK(!strcmp(a, a2), "long slug stable");
    /* A cut never splits a UTF-8 sequence, and the id stays within SLUG_MAX. */
    char longu[400] = "";
    for (int i = 0; i < 40; i++) strcat(longu, "\xc3\xa9t\xc3\xa9 ");
    slug_make(longu, strlen(longu), a);
    size_t len = strlen(a), at = 0;
    uint32_t cp;
    while (at < len) {
        size_t m = utf8_decode((const unsigned char *)a + at, len - at, &cp);
        if (!m) break;
        at += m;
    }
    CHECK(len < SLUG_MAX && at == len && !strncmp(a, "\xc3\xa9t\xc3\xa9-", 6), "long UTF-8 slug: %s", a);
    return failures != 0;
}
