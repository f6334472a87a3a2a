/* output: write an export to a file atomically (temporary name, then rename) or to stdout. */
#include "output.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written (at most one per export of a run: tools/export_pipe.c
   streams them all at once), so that an interrupted run can remove them (output_abandon, from
   a signal handler). */
enum { S_SLOTS = 8, S_PATH = 4096 };
static char S_tmp[S_SLOTS][S_PATH];
static volatile sig_atomic_t S_busy[S_SLOTS];
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

static int S_claim(const char *tmp)
{
    if (strlen(tmp) >= S_PATH) return -1;
    pthread_mutex_lock(&S_lock);
    int slot = -1;
    for (int i = 0; i < S_SLOTS && slot < 0; i++)
        if (!S_busy[i]) slot = i;
    if (slot >= 0) {
        strcpy(S_tmp[slot], tmp);
        S_busy[slot] = 1;
    }
    pthread_mutex_unlock(&S_lock);
    return slot;
}

static void S_release(int slot)
{
    if (slot >= 0) S_busy[slot] = 0;
}

void output_abandon(void)
{
    for (int i = 0; i < S_SLOTS; i++)
        if (S_busy[i]) unlink(S_tmp[i]);
}

static int S_write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Whether the entry at path (lst: its lstat) was planted by someone else in a directory where
   anyone may create files (world-writable and sticky, as /tmp): such a link or FIFO is never
   followed or written to (as the kernel's protected_symlinks and protected_fifos do). */
static int S_planted(const char *path, const struct stat *lst)
{
    if (lst->st_uid == geteuid()) return 0;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] != '/') n--;
    char *dir = n > 1 || path[0] == '/' ? xstrndup(path, n) : xstrdup(".");
    struct stat ds;
    int open_dir = stat(dir, &ds) == 0 && (ds.st_mode & S_IWOTH) && (ds.st_mode & S_ISVTX);
    free(dir);
    return open_dir;
}

struct output_tmp {
    char *path; /* the target (a link's target once followed) */
    char *tmp; /* the temporary file beside it */
    int fd;
    int slot;
    int err; /* the first write error (errno), 0 when none */
    size_t size; /* bytes written */
};

/* Where an export of path goes: 1 a temporary file (*o), 0 written directly (stdout, a device,
   a FIFO: *real_out is the path to open), -1 refused (diagnostic added). */
static int S_begin(const char *path, output_tmp **o, char **direct, diag_list *d)
{
    *o = NULL;
    *direct = NULL;
    if (!strcmp(path, "-")) return 0;
    /* A symbolic link is followed: the file it names is replaced and the link stays. A target
       that is not a regular file (a device such as /dev/null, a FIFO) is written to as it is:
       renaming over it would replace the device or the pipe with a plain file. */
    struct stat st;
    char *real = NULL;
    mode_t mode = 0644;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && S_planted(path, &st)) {
        diag_add(d, path, 0, 0, SEV_ERROR, "output",
                 "is a %s owned by another user (uid %u) in a directory anyone can write to: not followed "
                 "or written to; remove it, or write the export elsewhere",
                 S_ISLNK(st.st_mode)        ? "symbolic link"
                     : S_ISFIFO(st.st_mode) ? "FIFO"
                                            : "special file",
                 (unsigned)st.st_uid)
            ->fatal = 1;
        return -1;
    }
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        real = realpath(path, NULL);
        if (!real) {
            diag_add(d, path, 0, 0, SEV_ERROR, "output",
                     "is a symbolic link to nothing (%s): remove it or point it at a file", strerror(errno))
                ->fatal = 1;
            return -1;
        }
        path = real;
    }
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            diag_add(d, path, 0, 0, SEV_ERROR, "output", "is a directory: name a file, or end the path with '/'")
                ->fatal = 1;
            free(real);
            return -1;
        }
        if (!S_ISREG(st.st_mode)) {
            *direct = real ? real : xstrdup(path);
            return 0;
        }
        mode = st.st_mode & 07777; /* the new export keeps the old one's permissions */
    }
    size_t n = strlen(path);
    char *tmp = xmalloc(n + 32);
    snprintf(tmp, n + 32, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_add(d, path, 0, 0, SEV_ERROR, "output", "cannot create a file beside it: %s", strerror(errno))->fatal = 1;
        free(tmp);
        free(real);
        return -1;
    }
    output_tmp *t = xcalloc(1, sizeof *t);
    t->slot = S_claim(tmp);
    fchmod(fd, mode);
    t->path = real ? real : xstrdup(path);
    t->tmp = tmp;
    t->fd = fd;
    *o = t;
    return 1;
}

int output_begin(const char *path, output_tmp **o, diag_list *d)
{
    char *direct = NULL;
    int rc = S_begin(path, o, &direct, d);
    free(direct);
    return rc;
}

void output_put(void *arg, const char *s, size_t n)
{
    output_tmp *o = arg;
    if (o->err || !n) return;
    if (S_write_all(o->fd, s, n) != 0)
        o->err = errno ? errno : EIO;
    else
        o->size += n;
}

size_t output_size(const output_tmp *o) { return o->size; }
int output_fd(const output_tmp *o) { return o->fd; }

static void S_free(output_tmp *o)
{
    S_release(o->slot);
    free(o->tmp);
    free(o->path);
    free(o);
}

void output_cancel(output_tmp *o)
{
    if (!o) return;
    if (o->fd >= 0) close(o->fd);
    unlink(o->tmp);
    S_free(o);
}

int output_finish(output_tmp *o, diag_list *d)
{
    int err = o->err != 0, saved = o->err;
    if (!err && fsync(o->fd) != 0) err = 1, saved = errno;
    if (close(o->fd) != 0 && !err) err = 1, saved = errno;
    o->fd = -1;
    if (!err) return 0;
    unlink(o->tmp);
    diag_add(d, o->path, 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(saved))->fatal = 1;
    S_free(o);
    return -1;
}

int output_install(output_tmp *o, diag_list *d)
{
    int err = rename(o->tmp, o->path) != 0 ? errno : 0;
    if (err) {
        unlink(o->tmp);
        diag_add(d, o->path, 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(err))->fatal = 1;
    }
    S_free(o);
    return err ? -1 : 0;
}

int output_commit(output_tmp *o, diag_list *d)
{
    if (output_finish(o, d) != 0) return -1;
    return output_install(o, d);
}

static volatile int S_stdout_closed; /* a write to stdout failed with EPIPE */

int output_stdout_closed(void) { return S_stdout_closed; }

int output_write(const char *path, const char *data, size_t len, diag_list *d)
{
    output_tmp *o;
    char *direct = NULL;
    int rc = S_begin(path, &o, &direct, d);
    if (rc < 0) return -1;
    if (rc == 1) {
        output_put(o, data, len);
        return output_commit(o, d);
    }
    if (!direct) { /* stdout */
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            if (errno == EPIPE) S_stdout_closed = 1;
            diag_add(d, "<stdout>", 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(errno))->fatal = 1;
            return -1;
        }
        return 0;
    }
    int err = 0, fd = open(direct, O_WRONLY | O_NOCTTY | O_NOFOLLOW); /* never a link put there since */
    if (fd < 0 || S_write_all(fd, data, len)) err = errno;
    if (fd >= 0 && close(fd) != 0 && !err) err = errno;
    if (err) diag_add(d, direct, 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(err))->fatal = 1;
    free(direct);
    return err ? -1 : 0;
}
