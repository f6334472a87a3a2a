/* test_source: line:col of offsets, also when a source is freed and another one is made at the
   same address (source_linecol keeps a per-thread cache of the last query). */
#include "source.h"
#include <string.h>

#include "unit.h"

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    source s;
    unsigned line, col;
    /* a line of 12 two-byte characters then x: x at byte 24, column 13 */
    const char *a = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9x\n";
    CHECK(source_from_memory(&s, "a.txt", a, strlen(a), &d) == 0, "a.txt refused");
    source_linecol(&s, 2, &line, &col);
    CHECK(line == 1 && col == 2, "a.txt offset 2: %u:%u, expected 1:2", line, col);
    source_linecol(&s, 24, &line, &col);
    CHECK(line == 1 && col == 13, "a.txt offset 24: %u:%u, expected 1:13", line, col);
    source_free(&s);
    /* the same struct, ASCII now: offset 30 is column 31, whatever the last query was */
    const char *b = "abcdefghijklmnopqrstuvwxyz0123456789\n";
    CHECK(source_from_memory(&s, "b.txt", b, strlen(b), &d) == 0, "b.txt refused");
    source_linecol(&s, 30, &line, &col);
    CHECK(line == 1 && col == 31, "b.txt offset 30 (same address as a.txt): %u:%u, expected 1:31", line, col);
    source_free(&s);
    diag_list_free(&d);
    return failures != 0;
}
