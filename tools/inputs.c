/* inputs: the command line's inputs as the list of files to check. */
#include "inputs.h"
#include "readers.h"
#include "xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { S_MAX_DEPTH = 32 };

typedef struct S_walk {
    inputs *in;
    diag_list *d;
    const char *top; /* the directory named on the command line, as given */
    char *top_real; /* and resolved */
    int follow;
    struct {
        dev_t dev;
        ino_t ino;
    } * seen; /* directories entered (--follow: no loops) */
    size_t nseen, capseen;
} S_walk;

static void S_add(inputs *in, const char *path, int walked)
{
    XGROW(in->files, in->cap, in->n + 1);
    in->walked = xrealloc(in->walked, in->cap);
    in->files[in->n] = xstrdup(path);
    in->walked[in->n++] = (unsigned char)walked;
}

static int S_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int S_is_faq_name(const char *name) { return name[0] != '.' && reader_by_name(name) != NULL; }

static void S_pass(S_walk *w, const char *path, const char *fmt, const char *arg)
{
    diag_add(w->d, path, 0, 0, SEV_WARNING, "input", fmt, arg);
    w->in->passed_over++;
}

/* Whether real lies inside the walked directory. */
static int S_inside(const S_walk *w, const char *real)
{
    size_t n = strlen(w->top_real);
    if (n == 1) return 1; /* "/" */
    return !strncmp(real, w->top_real, n) && (real[n] == '/' || real[n] == '\0');
}

static int S_enter(S_walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) return 0;
    XGROW(w->seen, w->capseen, w->nseen + 1);
    w->seen[w->nseen].dev = st->st_dev;
    w->seen[w->nseen++].ino = st->st_ino;
    return 1;
}

static void S_walk_dir(S_walk *w, const char *dir, int depth)
{
    if (depth > S_MAX_DEPTH) {
        S_pass(w, dir, "not searched: more than %s directories below the input; lint it on its own", "32");
        return;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        S_pass(w, dir, "not searched: cannot read the directory (%s); its files are not checked", strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.') continue;
        XGROW(names, cap, n + 1);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, S_cmp);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + strlen(names[i]) + 2;
        char *p = xmalloc(len);
        snprintf(p, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        struct stat lst, st;
        int faq_name = S_is_faq_name(names[i]);
        if (lstat(p, &lst) != 0) {
            if (faq_name) S_pass(w, p, "not checked: %s", strerror(errno));
        } else if (S_ISDIR(lst.st_mode)) {
            if (S_enter(w, &lst)) S_walk_dir(w, p, depth + 1);
        } else if (S_ISLNK(lst.st_mode)) {
            char *real = realpath(p, NULL);
            if (!real || stat(real, &st) != 0) {
                if (faq_name) S_pass(w, p, "not checked: a symbolic link to nothing (%s)", strerror(errno));
            } else if (S_ISDIR(st.st_mode)) {
                /* Inside the tree, the directory is walked under its own name already. */
                if (!S_inside(w, real)) {
                    if (!w->follow)
                        S_pass(w, p,
                               "not searched: a symbolic link to a directory outside the input (%s); "
                               "pass --follow to search it",
                               real);
                    else if (S_enter(w, &st))
                        S_walk_dir(w, p, depth + 1);
                }
            } else if (faq_name) {
                if (!S_ISREG(st.st_mode))
                    S_pass(w, p, "not checked: a symbolic link to something that is not a regular file (%s)", real);
                else if (!w->follow && !S_inside(w, real))
                    S_pass(w, p,
                           "not checked: a symbolic link to a file outside the input (%s); pass "
                           "--follow to check it",
                           real);
                else
                    S_add(w->in, p, 1);
            }
            free(real);
        } else if (faq_name) {
            if (S_ISREG(lst.st_mode))
                S_add(w->in, p, 1);
            else
                S_pass(w, p,
                       "not checked: %s (a walk checks regular files only; name it on the command line to read it)",
                       S_ISFIFO(lst.st_mode)       ? "a named pipe (FIFO)"
                           : S_ISSOCK(lst.st_mode) ? "a socket"
                                                   : "a device");
        }
        free(p);
        free(names[i]);
    }
    free(names);
}

void inputs_expand(inputs *in, const char *const *args, size_t nargs, int follow, diag_list *d)
{
    memset(in, 0, sizeof *in);
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        if (!strcmp(args[i], "-") || stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            S_add(in, args[i], 0);
            continue;
        }
        size_t before = in->n;
        S_walk w = {in, d, args[i], realpath(args[i], NULL), follow, NULL, 0, 0};
        if (!w.top_real) w.top_real = xstrdup(args[i]);
        S_enter(&w, &st);
        S_walk_dir(&w, args[i], 0);
        free(w.top_real);
        free(w.seen);
        if (in->n == before) {
            buf names;
            buf_init(&names);
            size_t nr;
            const reader_def *rd = reader_all(&nr);
            for (size_t k = 0; k < nr; k++)
                for (const char *const *e = rd[k].exts; *e; e++)
                    buf_printf(&names, "%s*.%s", names.len ? ", " : "", *e);
            diag_add(d, args[i], 0, 0, SEV_ERROR, "input", "directory holds no FAQ file (%s)", names.s)->fatal = 1;
            buf_free(&names);
        }
    }
}

void inputs_free(inputs *in)
{
    for (size_t i = 0; i < in->n; i++) free(in->files[i]);
    free(in->files);
    free(in->walked);
    memset(in, 0, sizeof *in);
}
