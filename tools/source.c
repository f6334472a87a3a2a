/* source: an input's bytes, checked as UTF-8, with a line map for offset -> line:col. */
#include "source.h"
#include "utf8.h"
#include "word8.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void S_build_lines(source *s)
{
    size_t cap = 64, n = 0;
    size_t *ls = xmalloc(cap * sizeof *ls);
    ls[n++] = 0;
    const char *d = s->data;
    if (!memchr(d, '\r', s->len)) { /* LF line ends only: from one LF to the next */
        for (const char *p = d, *end = d + s->len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
            XGROW(ls, cap, n + 1);
            ls[n++] = (size_t)(p - d) + 1;
        }
        if (n > 1 && ls[n - 1] == s->len) n--;
        s->line_start = n * 2 < cap ? xrealloc(ls, n * sizeof *ls) : ls;
        s->nlines = n;
        return;
    }
    for (size_t i = 0; i < s->len; i++) {
        char c = d[i];
        if (c != '\n' && c != '\r') {
            /* Skip to the next LF or CR at once (memchr), looking at most 4 KiB ahead so that
               a file of CR-only line ends stays linear. */
            size_t lim = s->len - i < 4096 ? s->len - i : 4096;
            const char *nl = memchr(d + i, '\n', lim);
            size_t j = nl ? (size_t)(nl - d) : i + lim;
            const char *cr = memchr(d + i, '\r', j - i);
            if (cr) j = (size_t)(cr - d);
            if (j >= s->len) break;
            i = j;
            c = d[i];
            if (c != '\n' && c != '\r') continue; /* the window ended: look on from its end */
        }
        if (c == '\r' && i + 1 < s->len && d[i + 1] == '\n') i++;
        XGROW(ls, cap, n + 1);
        ls[n++] = i + 1;
    }
    /* A final line terminator does not open a new (empty) line. */
    if (n > 1 && ls[n - 1] == s->len) n--;
    s->line_start = ls;
    s->nlines = n;
}

/* Whether the eight bytes at p are ASCII, and each printable or TAB, LF, CR. */
static inline int S_plain8(const unsigned char *p)
{
    uint64_t w = word8_load(p);
    return !(w & WORD8_HIGHS) && !(word8_bad_ctl(w) | word8_eq(w, 0x7F));
}

/* Checks the bytes: no NUL, valid UTF-8. Adds a fatal diagnostic and returns -1 otherwise. */
/* msg + " (N in the file)"; frees msg. */
static char *S_append_count(char *msg, size_t n)
{
    size_t len = strlen(msg) + 48;
    char *m = xmalloc(len);
    snprintf(m, len, "%s (%zu in the file)", msg, n);
    free(msg);
    return m;
}

static int S_check(source *s, diag_list *d)
{
    const unsigned char *p = (const unsigned char *)s->data;
    size_t i = 0, nctl = 0, first_ctl = 0;
    uint32_t ctl = 0;
    while (i < s->len) {
        /* Eight bytes at a time while they are ASCII and none is a NUL, DEL or a control other
           than TAB, LF, CR (exact byte masks: no carry crosses a byte of ASCII). */
        while (i + 8 <= s->len && S_plain8(p + i)) i += 8;
        while (i + 8 <= s->len) {
            uint64_t w = word8_load(p + i);
            if ((w & WORD8_HIGHS) || word8_maybe_below(w, 0x20) || word8_maybe(w, 0x7F)) break;
            i += 8;
        }
        if (i >= s->len) break;
        if (p[i] < 0x80) {
            if (p[i] == 0) {
                unsigned line, col;
                source_linecol(s, i, &line, &col);
                diag_add(d, s->path, line, col, SEV_ERROR, "input",
                         "NUL byte in the input: the file looks binary; a FAQ must be UTF-8 text")
                    ->fatal = 1;
                return -1;
            }
            if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7F) {
                if (!nctl++) first_ctl = i, ctl = p[i];
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(p + i, s->len - i, &cp);
        if (!n) {
            unsigned line, col;
            source_linecol(s, i, &line, &col);
            diag_add(d, s->path, line, col, SEV_ERROR, "input", "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                     p[i])
                ->fatal = 1;
            return -1;
        }
        if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0x80 && cp <= 0x9F)) { /* and the C1 controls */
            if (!nctl++) first_ctl = i, ctl = cp;
        }
        i += n;
    }
    s->controls = nctl != 0;
    if (nctl) { /* XML cannot hold them: an error, not a reason to stop reading */
        unsigned line, col;
        source_linecol(s, first_ctl, &line, &col);
        diag_add(
            d, s->path, line, col, SEV_ERROR, "input",
            "control character U+%04X cannot be exported (XML, JSON-LD and HTML cannot carry it as text): remove it%s",
            (unsigned)ctl, nctl > 1 ? " and the others like it" : "");
        if (nctl > 1) d->v[d->n - 1].msg = S_append_count(d->v[d->n - 1].msg, nctl);
    }
    return 0;
}

static atomic_ulong S_serial; /* numbers the sources of a run, for source_linecol's cache */

static int S_finish(source *s, diag_list *d)
{
    if (s->len >= 3 && !memcmp(s->data, "\xEF\xBB\xBF", 3)) {
        memmove(s->data, s->data + 3, s->len - 3 + 1);
        s->len -= 3;
    }
    s->serial = atomic_fetch_add(&S_serial, 1) + 1;
    S_build_lines(s);
    return S_check(s, d);
}

int source_from_memory(source *s, const char *name, const char *data, size_t len, diag_list *d)
{
    memset(s, 0, sizeof *s);
    s->path = xstrdup(name);
    s->data = xmalloc(len + 1 + SOURCE_PAD);
    memcpy(s->data, data, len);
    memset(s->data + len, 0, 1 + SOURCE_PAD);
    s->len = len;
    return S_finish(s, d);
}

/* A named pipe: opened without waiting for a writer (a plain open blocks until one comes),
   then read once data or the writer's end arrives within FAQ_FIFO_TIMEOUT seconds (default
   30); else refused with a message, never a run that blocks forever. */
static FILE *S_open_fifo(source *s, const char *path, diag_list *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "cannot open: %s", strerror(errno))->fatal = 1;
        return NULL;
    }
    const char *env = getenv("FAQ_FIFO_TIMEOUT");
    long secs = env && *env ? strtol(env, NULL, 10) : 30;
    if (secs < 0 || secs > 86400) secs = 30;
    struct pollfd pf = {fd, POLLIN, 0};
    int rc;
    do rc = poll(&pf, 1, (int)(secs * 1000));
    while (rc < 0 && errno == EINTR);
    if (rc <= 0) {
        close(fd);
        diag_add(d, s->path, 0, 0, SEV_ERROR, "input",
                 "is a named pipe (FIFO) and nothing wrote to it within %ld s: start its writer first "
                 "(FAQ_FIFO_TIMEOUT sets the wait)",
                 secs)
            ->fatal = 1;
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "cannot open: %s", strerror(errno))->fatal = 1;
    }
    return f;
}

int source_load(source *s, const char *path, diag_list *d)
{
    memset(s, 0, sizeof *s);
    int is_stdin = !strcmp(path, "-");
    s->path = xstrdup(is_stdin ? "<stdin>" : path);
    FILE *f = is_stdin ? stdin : NULL;
    size_t cap = 64 * 1024; /* a regular file: its size (and room to notice that it grew) */
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) != 0) {
            diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "cannot read: %s", strerror(errno))->fatal = 1;
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            diag_add(d, s->path, 0, 0, SEV_ERROR, "input",
                     "is a directory: name a FAQ file (faq lint also takes a directory)")
                ->fatal = 1;
            return -1;
        }
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
            diag_add(d, s->path, 0, 0, SEV_ERROR, "input",
                     "input is larger than %u MiB: split it into several FAQ files", (unsigned)(SOURCE_MAX_BYTES >> 20))
                ->fatal = 1;
            return -1;
        }
        if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
            diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "not a regular file")->fatal = 1;
            return -1;
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size + 1 > cap) cap = (size_t)st.st_size + 1;
        f = S_ISFIFO(st.st_mode) ? S_open_fifo(s, path, d) : fopen(path, "rb");
        if (!f && S_ISFIFO(st.st_mode)) return -1;
        if (!f) {
            diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "cannot open: %s", strerror(errno))->fatal = 1;
            return -1;
        }
    }
    size_t len = 0;
    char *data = xmalloc(cap + 1 + SOURCE_PAD);
    for (;;) {
        if (len == cap) {
            if (cap > SOURCE_MAX_BYTES) break;
            cap *= 2;
            data = xrealloc(data, cap + 1 + SOURCE_PAD);
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len > SOURCE_MAX_BYTES) break;
    }
    int err = ferror(f);
    if (!is_stdin) fclose(f);
    if (err) {
        free(data);
        diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "read error")->fatal = 1;
        return -1;
    }
    if (len > SOURCE_MAX_BYTES) {
        free(data);
        diag_add(d, s->path, 0, 0, SEV_ERROR, "input", "input is larger than %u MiB: split it into several FAQ files",
                 (unsigned)(SOURCE_MAX_BYTES >> 20))
            ->fatal = 1;
        return -1;
    }
    if (cap - len > 64 * 1024) data = xrealloc(data, len + 1 + SOURCE_PAD); /* read from a pipe: give back the rest */
    memset(data + len, 0, 1 + SOURCE_PAD);
    s->data = data;
    s->len = len;
    return S_finish(s, d);
}

void source_free(source *s)
{
    free(s->path);
    free(s->data);
    free(s->line_start);
    memset(s, 0, sizeof *s);
}

static size_t S_line_index(const source *s, size_t off)
{
    size_t lo = 0, hi = s->nlines; /* last line_start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void source_linecol(const source *s, size_t off, unsigned *line, unsigned *col)
{
    if (!s->line_start || s->nlines == 0) {
        *line = 1;
        *col = 1;
        return;
    }
    if (off > s->len) off = s->len;
    size_t li = S_line_index(s, off);
    *line = (unsigned)(li + 1);
    /* Columns are counted from the line start; on a long line with many findings, counting
       on from the previous query (per thread) keeps the cost linear. */
    static _Thread_local struct {
        unsigned long serial;
        size_t li, off, col;
    } last;
    size_t from = s->line_start[li], col0 = 1;
    /* by serial, not address: a source freed and another made at the same address (a loop
       over files, a fuzzer) must not inherit the column */
    if (last.serial == s->serial && s->serial && last.li == li && last.off <= off && last.off >= from) {
        from = last.off;
        col0 = last.col;
    }
    size_t c = col0 + utf8_count(s->data + from, off - from);
    last.serial = s->serial;
    last.li = li;
    last.off = off;
    last.col = c;
    *col = (unsigned)c;
}

size_t source_line_offset(const source *s, unsigned line)
{
    if (line == 0 || !s->line_start) return 0;
    if (line > s->nlines) return s->len;
    return s->line_start[line - 1];
}
