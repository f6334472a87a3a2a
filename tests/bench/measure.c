/* measure: runs the benchmark's commands round by round and records every run. */
/*
 * Usage: measure run PLAN ROUNDS RESULTS
 *        measure burn SECONDS
 *
 * run: PLAN holds one command a line: "ID<TAB>ARG0<TAB>ARG1...". Each round runs every
 * command once, starting one further down the list each round (round r starts at command
 * r mod n), so that commands compared with each other run side by side under the same load
 * and none is always first. For every run it appends one line to RESULTS:
 *   "ID ROUND WALL_S USER_S SYS_S PEAK_KB WRITE_BYTES STATUS"
 * WALL_S: monotonic wall-clock time from fork to the command's exit (nanosecond clock);
 * USER_S, SYS_S: its CPU time (wait4's rusage: above WALL_S when several cores work at
 * once); PEAK_KB: its peak resident set size (ru_maxrss, what GNU time's %M reports);
 * WRITE_BYTES: the bytes it sent towards storage (write_bytes of /proc/PID/io, read before
 * the process is reaped; temporary files that are deleted later count too), -1 when the
 * system does not say; STATUS: the exit status, or 128+N after signal N. The commands'
 * standard input, output and error are /dev/null (a write to them is no storage I/O).
 * A line of progress per round goes to standard error.
 *
 * burn: keeps one core busy until SECONDS have passed or the process that started it has
 * gone, whichever comes first (the benchmark's loaded mode; it never outlives a run).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double S_secs(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double S_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int S_burn(double secs)
{
    pid_t parent = getppid();
    double end = S_now() + secs;
    volatile unsigned long x = 0;
    for (;;) {
        for (int i = 0; i < 1000000; i++) x += (unsigned long)i;
        if (S_now() >= end || getppid() != parent) return 0;
    }
}

typedef struct S_cmd {
    char *id;
    char **argv;
} S_cmd;

/* write_bytes of a finished but not yet reaped process. */
static long long S_write_bytes(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/io", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[256];
    long long v = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "write_bytes:", 12)) v = atoll(line + 12);
    fclose(f);
    return v;
}

static int S_run_one(const S_cmd *c, int round, FILE *out)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2) close(fd);
        }
        execvp(c->argv[0], c->argv);
        _exit(127);
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "measure: waitid: %s\n", strerror(errno));
            return -1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long wb = S_write_bytes(pid);
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &st, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
            return -1;
        }
    }
    int status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
    fprintf(out, "%s %d %.6f %.6f %.6f %ld %lld %d\n", c->id, round, S_secs(&t0, &t1),
            (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
            (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, (long)ru.ru_maxrss, wb, status);
    return 0;
}

static int S_plan(const char *plan, int rounds, const char *results)
{
    FILE *in = fopen(plan, "r");
    if (!in) {
        fprintf(stderr, "measure: %s: %s\n", plan, strerror(errno));
        return 2;
    }
    S_cmd *cmds = NULL;
    size_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) > 0) {
        if (line[len - 1] == '\n') line[--len] = 0;
        if (!len) continue;
        size_t nf = 1;
        for (ssize_t i = 0; i < len; i++) nf += line[i] == '\t';
        if (nf < 2) {
            fprintf(stderr, "measure: %s: a line without a command\n", plan);
            return 2;
        }
        cmds = realloc(cmds, (n + 1) * sizeof *cmds);
        char **f = calloc(nf + 1, sizeof *f);
        if (!cmds || !f) return 2;
        char *save = NULL, *tok = strtok_r(line, "\t", &save);
        size_t k = 0;
        while (tok) {
            f[k++] = strdup(tok);
            tok = strtok_r(NULL, "\t", &save);
        }
        cmds[n].id = f[0];
        cmds[n].argv = f + 1;
        n++;
    }
    free(line);
    fclose(in);
    FILE *out = fopen(results, "a");
    if (!out) {
        fprintf(stderr, "measure: %s: %s\n", results, strerror(errno));
        return 2;
    }
    for (int r = 0; r < rounds; r++) {
        for (size_t k = 0; k < n; k++)
            if (S_run_one(&cmds[(k + (size_t)r) % n], r + 1, out) != 0) return 2;
        fflush(out);
        if (rounds > 1 && (rounds <= 10 || (r + 1) % 10 == 0)) fprintf(stderr, "  round %d/%d\n", r + 1, rounds);
    }
    if (fclose(out) != 0) {
        fprintf(stderr, "measure: %s: %s\n", results, strerror(errno));
        return 2;
    }
    for (size_t k = 0; k < n; k++) {
        for (char **a = cmds[k].argv; *a; a++) free(*a);
        free(cmds[k].id);
        free(cmds[k].argv - 1);
    }
    free(cmds);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "run")) {
        int rounds = atoi(argv[3]);
        if (rounds < 1) rounds = 1;
        return S_plan(argv[2], rounds, argv[4]);
    }
    if (argc == 3 && !strcmp(argv[1], "burn")) return S_burn(atof(argv[2]));
    fputs("usage: measure run PLAN ROUNDS RESULTS | measure burn SECONDS\n", stderr);
    return 2;
}
