/* unit.h: the harness of the unit tests: CHECK(cond, printf-args) counts and prints a failure;
   main() returns failures != 0. */
#ifndef FAQ_TEST_UNIT_H
#define FAQ_TEST_UNIT_H
#include <stdio.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            printf("%s:%d: ", __FILE__, __LINE__);                                                 \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

#endif
