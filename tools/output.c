/* output: write an export to a file atomically (temporary name, then rename) or to stdout. */
#include "output.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int output_write(const char *path, const char *data, size_t len, diag_list *d)
{
    if (!strcmp(path, "-")) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            diag_add(d, "<stdout>", 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(errno))->fatal = 1;
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path);
    char *tmp = xmalloc(n + 32);
    snprintf(tmp, n + 32, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_add(d, path, 0, 0, SEV_ERROR, "output", "cannot create a file beside it: %s", strerror(errno))->fatal = 1;
        free(tmp);
        return -1;
    }
    fchmod(fd, 0644);
    int err = S_write_all(fd, data, len) || fsync(fd);
    int saved = errno;
    if (close(fd) != 0 && !err) err = 1, saved = errno;
    if (!err && rename(tmp, path) != 0) err = 1, saved = errno;
    if (err) {
        unlink(tmp);
        diag_add(d, path, 0, 0, SEV_ERROR, "output", "cannot write: %s", strerror(saved))->fatal = 1;
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
