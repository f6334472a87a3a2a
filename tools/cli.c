/* cli: the command line: options, subcommands, output, exit status. */
#include "cli.h"
#include "check.h"
#include "diag.h"
#include "export.h"
#include "export_pipe.h"
#include "inputs.h"
#include "output.h"
#include "readers.h"
#include "report.h"
#include "rules.h"
#include "schema.h"
#include "url.h"
#include "xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FAQ_VERSION
#define FAQ_VERSION "0.0.0"
#endif

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

/* The names of a table's rows joined by sep ("human|json|..."), for the usage and the help:
   a new exporter, report format or reader shows up here with no other change. */
typedef enum { S_LIST_REPORTS, S_LIST_EXPORTS, S_LIST_READERS } S_list_kind;

static const char *S_names(S_list_kind kind, const char *sep)
{
    static char lists[3][3][256];
    char *out = lists[kind][sep[0] == '|' ? 0 : sep[1] ? 1 : 2];
    if (out[0]) return out;
    size_t n, len = 0;
    for (size_t i = 0;; i++) {
        const char *name = NULL;
        if (kind == S_LIST_REPORTS) {
            const reporter *t = report_all(&n);
            if (i < n) name = t[i].name;
        } else if (kind == S_LIST_EXPORTS) {
            const exporter *t = export_all(&n);
            if (i < n) name = t[i].name;
        } else {
            const reader_def *t = reader_all(&n);
            if (i < n) name = t[i].name;
        }
        if (!name) break;
        len += (size_t)snprintf(out + len, 256 - len, "%s%s", i ? sep : "", name);
        if (len >= 255) break;
    }
    return out;
}

static void S_put_usage(FILE *f)
{
    fprintf(f,
            "usage: faq lint   [--format %s]\n"
            "                  [--config FILE] [--fail-on error|warning|info] [--max-warnings N]\n"
            "                  [--from %s] [--stdin-filename NAME] [--follow] FILE|DIR|-...\n"
            "       faq export --to %s[,...] [-o PATH|DIR] [--force]\n"
            "                  [--url URL] [--lang LANG] [--graph] [--config FILE] [-q]\n"
            "                  [--from %s] [--stdin-filename NAME] FILE|-\n"
            "       faq rules  [--config FILE] [--print-config]\n"
            "       faq --help | --version\n",
            S_names(S_LIST_REPORTS, "|"), S_names(S_LIST_READERS, "|"), S_names(S_LIST_EXPORTS, "|"),
            S_names(S_LIST_READERS, "|"));
}

static void S_put_help(FILE *f)
{
    buf readers;
    buf_init(&readers);
    reader_list(&readers, ", ", 1);
    fprintf(f,
            "faq checks FAQ content and exports it as XML, schema.org JSON-LD, text and HTML.\n"
            "\n"
            "Commands:\n"
            "  lint     check files against the schema and the style rules; one finding a line,\n"
            "           path:line:col: severity: message [rule-id]\n"
            "  export   write the content in one or more formats (only when it has no error)\n"
            "  rules    list every rule: id, severity, description\n"
            "\n"
            "Inputs: %s;\n"
            "  a file is read by its extension, else by its content; a directory is searched for\n"
            "  all of them (pages without a FAQ skipped); - reads standard input\n"
            "  --from NAME        read every input as NAME: %s\n"
            "  --stdin-filename NAME  standard input (-) is NAME: its extension chooses the reader\n"
            "                     and findings are reported under NAME (a staged file's path)\n"
            "\n"
            "lint options:\n"
            "  --format F         %s (human is the default)\n"
            "  --config FILE      rules file to use instead of .faq.xml found above each input\n"
            "  --fail-on LEVEL    exit 1 on findings at or above error (default), warning or info\n"
            "  --max-warnings N   exit 1 when there are more than N warnings\n"
            "  --follow           a directory walk follows symbolic links out of the directory\n"
            "\n"
            "export options:\n"
            "  --to LIST          %s, comma separated\n"
            "  -o PATH|DIR        output file, or a directory that receives NAME.EXT for each\n"
            "                     format (default: standard output, one format only)\n"
            "  --force            export even when the content has errors\n"
            "  --url URL          page URL for the JSON-LD and HTML (overrides front matter url)\n"
            "  --lang LANG        language (overrides front matter lang)\n"
            "  --graph            JSON-LD: Question nodes for a page that already has a page node\n"
            "  -q, --quiet        print errors only (not the warnings)\n"
            "\n"
            "rules options:\n"
            "  --config FILE      show the catalogue with this rules file applied\n"
            "  --print-config     also show which files the catalogue came from\n"
            "\n"
            "Exit status: 0 no findings at or above the fail level, 1 findings (or export refused),\n"
            "2 usage error, unreadable input or broken configuration.\n"
            "Environment: NO_COLOR turns colour off.\n",
            readers.s, S_names(S_LIST_READERS, ", "), S_names(S_LIST_REPORTS, ", "), S_names(S_LIST_EXPORTS, ", "));
    buf_free(&readers);
}

/* "faq CMD --help": the help, exit 0. */
static int S_is_help(const char *a) { return !strcmp(a, "--help") || !strcmp(a, "-h"); }

static int S_print_help(void)
{
    S_put_usage(stdout);
    fputs("\n", stdout);
    S_put_help(stdout);
    return 0;
}

static int S_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int S_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("faq: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    S_put_usage(stderr);
    return EXIT_USAGE;
}

/* Takes the value of an option given as "--opt VALUE" or "--opt=VALUE". */
static int S_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n)) return 0;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0') return 0;
    if (*i + 1 >= argc) {
        *val = NULL;
        return 1;
    }
    *val = argv[++*i];
    return 1;
}

/* ---- inputs ---- */

typedef struct strv {
    char **v;
    size_t n, cap;
} strv;

static void S_strv_add(strv *s, const char *x)
{
    XGROW(s->v, s->cap, s->n + 1);
    s->v[s->n++] = xstrdup(x);
}

static void S_strv_free(strv *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
}

/* Findings in standard input are reported under name (--stdin-filename). */
static void S_rename_stdin(diag_list *diags, const char *name)
{
    for (size_t i = 0; name && i < diags->n; i++)
        if (!strcmp(diags->v[i].file, "<stdin>")) {
            free(diags->v[i].file);
            diags->v[i].file = xstrdup(name);
        }
}

/* ---- lint ---- */

static const char *S_fail_names = "error|warning|info";

static int S_colour(void)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static int S_lint(int argc, char **argv)
{
    const char *format = "human", *config = NULL, *fail_on = "error", *stdin_name = NULL;
    const reader_def *from = NULL;
    int follow = 0;
    long max_warnings = -1;
    strv args = {0};
    int rc = EXIT_OK;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if (S_opt(argc, argv, &i, "--format", &v)) {
            if (!v) return S_usage_error("--format needs a value: %s", S_names(S_LIST_REPORTS, "|"));
            format = v;
        } else if (S_opt(argc, argv, &i, "--config", &v)) {
            if (!v) return S_usage_error("--config needs a file");
            config = v;
        } else if (S_opt(argc, argv, &i, "--stdin-filename", &v)) {
            if (!v || !*v) return S_usage_error("--stdin-filename needs the path to report standard input as");
            stdin_name = v;
        } else if (S_opt(argc, argv, &i, "--from", &v)) {
            if (!v || !(from = reader_find(v)))
                return S_usage_error("--from needs an input format: %s, not '%s'", S_names(S_LIST_READERS, ", "),
                                     v ? v : "");
        } else if (S_opt(argc, argv, &i, "--fail-on", &v)) {
            if (!v) return S_usage_error("--fail-on needs a value: %s", S_fail_names);
            fail_on = v;
        } else if (S_opt(argc, argv, &i, "--max-warnings", &v)) {
            char *end = NULL;
            errno = 0;
            max_warnings = v ? strtol(v, &end, 10) : -1;
            if (!v || !*v || *end || max_warnings < 0 || errno)
                return S_usage_error("--max-warnings needs a number >= 0, not '%s'", v ? v : "");
        } else if (!strcmp(argv[i], "--follow")) {
            follow = 1;
        } else if (S_is_help(argv[i])) {
            S_strv_free(&args);
            return S_print_help();
        } else if (!strcmp(argv[i], "--")) {
            for (i++; i < argc; i++) S_strv_add(&args, argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            S_strv_free(&args);
            return S_usage_error("unknown option for lint: %s", argv[i]);
        } else {
            S_strv_add(&args, argv[i]);
        }
    }
    const reporter *rep = report_find(format);
    severity fail_sev;
    if (!rep) {
        S_strv_free(&args);
        return S_usage_error("unknown --format '%s': use %s", format, S_names(S_LIST_REPORTS, ", "));
    }
    if (severity_parse(fail_on, &fail_sev) || fail_sev == SEV_OFF) {
        S_strv_free(&args);
        return S_usage_error("unknown --fail-on '%s': use error, warning or info", fail_on);
    }
    if (!args.n) {
        S_strv_free(&args);
        return S_usage_error("lint needs a FILE, a DIR or - (standard input)");
    }
    /* Directories become the FAQ files below them. */
    diag_list diags;
    diag_list_init(&diags);
    inputs expanded;
    inputs_expand(&expanded, (const char *const *)args.v, args.n, follow, &diags);
    S_strv_free(&args);
    strv files = {expanded.files, expanded.n, expanded.cap};
    unsigned char *walked = expanded.walked;

    check_run run;
    if (check_run_init(&run, config, &diags) == 0) {
        run.walked = walked;
        run.from = from;
        run.stdin_name = stdin_name;
        check_files(&run, (const char *const *)files.v, files.n, &diags);
    }
    if (stdin_name) { /* standard input is reported under the name given (a staged file's path) */
        S_rename_stdin(&diags, stdin_name);
        for (size_t i = 0; i < files.n; i++)
            if (!strcmp(files.v[i], "-")) {
                free(files.v[i]);
                files.v[i] = xstrdup(stdin_name);
            }
    }
    diag_sort(&diags);
    size_t kept = 0; /* the files the report lists: not the pages a walk skipped */
    for (size_t i = 0; i < files.n; i++) {
        if (walked && walked[i] == 2)
            free(files.v[i]);
        else
            files.v[kept++] = files.v[i];
    }
    files.n = kept;
    free(walked);

    report_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.version = FAQ_VERSION;
    ctx.caret = !strcmp(format, "human") && isatty(STDOUT_FILENO); /* source line and caret: a terminal */
    ctx.color = ctx.caret && S_colour();
    ctx.files = (const char *const *)files.v;
    ctx.nfiles = files.n;
    ctx.skipped = run.skipped + expanded.passed_over;
    ctx.sources = check_run_sources(&run, &ctx.nsources);
    ctx.rules = check_run_catalogue(&run, &ctx.nrules);
    size_t warnings = diag_count(&diags, SEV_WARNING);
    ctx.fail_on = fail_sev;
    ctx.fail_on_set = 1;
    ctx.warnings_fail = max_warnings >= 0 && warnings > (size_t)max_warnings;
    buf out;
    buf_init(&out);
    rep->run(&diags, &ctx, &out);
    int write_failed = (out.len && fwrite(out.s, 1, out.len, stdout) != out.len) || fflush(stdout) != 0;
    int write_errno = errno;
    buf_free(&out);
    /* A truncated report must not pass for a clean one: exit 2. A reader that stopped reading
       (`faq lint ... | head`) is no news to the user: no message then. */
    if (write_failed && write_errno != EPIPE)
        fprintf(stderr, "faq: cannot write the report to standard output: %s\n", strerror(write_errno));

    if (diag_has_fatal(&diags) || write_failed)
        rc = EXIT_USAGE;
    else if (diag_count(&diags, SEV_ERROR) || (fail_sev <= SEV_WARNING && warnings) ||
             (fail_sev <= SEV_INFO && diag_count(&diags, SEV_INFO)) ||
             (max_warnings >= 0 && warnings > (size_t)max_warnings))
        rc = EXIT_FINDINGS;
    if (rc == EXIT_FINDINGS && max_warnings >= 0 && warnings > (size_t)max_warnings)
        fprintf(stderr, "faq: %zu warning%s, more than --max-warnings %ld allows\n", warnings, warnings == 1 ? "" : "s",
                max_warnings);
    check_run_free(&run);
    diag_list_free(&diags);
    S_strv_free(&files);
    return rc;
}

/* ---- export ---- */

static int S_not_stdout_error(diag *d, size_t i, void *arg)
{
    (void)i, (void)arg;
    return !(!strcmp(d->file, "<stdout>") && d->rule && !strcmp(d->rule, "output"));
}

static int S_is_error(diag *d, size_t i, void *arg)
{
    (void)i, (void)arg;
    return d->sev == SEV_ERROR;
}

/* Prints diagnostics of an export to stderr, in the human format. */
static void S_print_stderr(diag_list *diags, check_run *run)
{
    S_rename_stdin(diags, run->stdin_name);
    diag_sort(diags);
    report_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.version = FAQ_VERSION;
    const char *nc = getenv("NO_COLOR");
    ctx.caret = isatty(STDERR_FILENO);
    ctx.color = ctx.caret && !(nc && *nc);
    ctx.sources = check_run_sources(run, &ctx.nsources);
    if (output_stdout_closed()) diag_filter(diags, 0, S_not_stdout_error, NULL); /* `| head`: no news */
    buf out;
    buf_init(&out);
    report_human(diags, &ctx, &out);
    fwrite(out.s, 1, out.len, stderr);
    buf_free(&out);
}

/* --lang: a BCP 47 tag as xs:language has it, [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*. */
static int S_is_lang(const char *s)
{
    size_t part = 0, first = 1;
    for (;; s++) {
        if (*s == '-' || !*s) {
            if (part == 0 || part > 8) return 0;
            if (!*s) return 1;
            part = 0, first = 0;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (!first && *s >= '0' && *s <= '9')) {
            part++;
        } else {
            return 0;
        }
    }
}

/* Removes the exports an earlier run left at paths, so that none looks current after a
   refused or failed export. Only regular files: never a device, a FIFO or a link's target. */
static int S_remove_stale(char *const *paths, size_t n)
{
    int failed = 0;
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (!strcmp(paths[k], "-") || lstat(paths[k], &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (unlink(paths[k]) == 0) {
            fprintf(stderr, "faq: %s: removed the earlier export\n", paths[k]);
        } else if (errno != ENOENT) { /* a read-only directory: the stale file stays, and says so */
            fprintf(stderr,
                    "faq: %s: cannot remove the earlier export (%s): it no longer matches "
                    "the input; remove it by hand or make its directory writable\n",
                    paths[k], strerror(errno));
            failed = 1;
        }
    }
    return failed;
}

/* Whether path names the same file as the input (so that an export would overwrite it). */
static int S_same_file(const char *path, const struct stat *in)
{
    struct stat st;
    return strcmp(path, "-") && stat(path, &st) == 0 && st.st_dev == in->st_dev && st.st_ino == in->st_ino;
}

/* NAME for DIR/NAME.EXT: the input's base name without its extension. */
static char *S_base_name(const char *input)
{
    if (!strcmp(input, "-")) return xstrdup("faq");
    const char *slash = strrchr(input, '/');
    const char *b = slash ? slash + 1 : input;
    const char *dot = strrchr(b, '.');
    return xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

typedef struct S_early { /* the exports, started as soon as the input is validated */
    const exporter *const *fmts;
    const char *const *paths;
    size_t n;
    const export_opts *opt;
    int force;
    export_job *job;
} S_early;

/* check_one_then's hook: build the exports while the rules still run (nothing is written
   before the findings decide; content that breaks the schema is refused at once). */
static void S_start_exports(void *arg, check_result *res)
{
    S_early *e = arg;
    if (res->invalid && !e->force) return;
    export_ctx ctx = {res->doc, e->opt, NULL};
    e->job = export_pipe_start(e->fmts, e->paths, e->n, &ctx);
}

static int S_export(int argc, char **argv)
{
    const char *to = NULL, *outp = NULL, *config = NULL, *input = NULL, *stdin_name = NULL;
    const reader_def *from = NULL;
    export_opts eo;
    memset(&eo, 0, sizeof eo);
    int force = 0, quiet = 0;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if (S_opt(argc, argv, &i, "--to", &v)) {
            if (!v) return S_usage_error("--to needs a list of formats: %s", S_names(S_LIST_EXPORTS, ","));
            to = v;
        } else if (S_opt(argc, argv, &i, "-o", &v) || S_opt(argc, argv, &i, "--output", &v)) {
            if (!v) return S_usage_error("-o needs a path");
            outp = v;
        } else if (S_opt(argc, argv, &i, "--url", &v)) {
            if (!v) return S_usage_error("--url needs a URL");
            eo.url = v;
        } else if (S_opt(argc, argv, &i, "--lang", &v)) {
            if (!v) return S_usage_error("--lang needs a language tag such as en");
            eo.lang = v;
        } else if (S_opt(argc, argv, &i, "--config", &v)) {
            if (!v) return S_usage_error("--config needs a file");
            config = v;
        } else if (S_opt(argc, argv, &i, "--stdin-filename", &v)) {
            if (!v || !*v) return S_usage_error("--stdin-filename needs the name standard input stands for");
            stdin_name = v;
        } else if (S_opt(argc, argv, &i, "--from", &v)) {
            if (!v || !(from = reader_find(v)))
                return S_usage_error("--from needs an input format: %s, not '%s'", S_names(S_LIST_READERS, ", "),
                                     v ? v : "");
        } else if (!strcmp(argv[i], "--force")) {
            force = 1;
        } else if (!strcmp(argv[i], "--graph")) {
            eo.graph = 1;
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (S_is_help(argv[i])) {
            return S_print_help();
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return S_usage_error("unknown option for export: %s", argv[i]);
        } else if (input) {
            return S_usage_error("export takes one input, not also '%s'", argv[i]);
        } else {
            input = argv[i];
        }
    }
    if (eo.lang && !S_is_lang(eo.lang))
        return S_usage_error("--lang '%s' is not a language tag: use a BCP 47 tag such as en, en-GB or pt-BR", eo.lang);
    if (eo.url && !url_is_absolute(eo.url, strlen(eo.url)))
        return S_usage_error("--url '%s' is not an absolute http(s) URL in ASCII without spaces, quotes or <>: "
                             "percent-encode a non-ASCII path as UTF-8 (%%C3%%A9 for \u00e9) and such "
                             "characters; a non-ASCII host in its xn-- form",
                             eo.url);
    if (!to) return S_usage_error("export needs --to FORMAT (%s)", S_names(S_LIST_EXPORTS, ", "));
    if (!input) return S_usage_error("export needs a FILE or - (standard input)");

    /* The formats, in the order given, each once. */
    const exporter *fmts[8];
    size_t nfmts = 0;
    char *list = xstrdup(to);
    for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        const exporter *x = export_find(tok);
        if (!x && !strcmp(tok, "txt")) x = export_find("text");
        if (!x) {
            int r = S_usage_error("unknown export format '%s': use %s", tok, S_names(S_LIST_EXPORTS, ", "));
            free(list);
            return r;
        }
        int dup = 0;
        for (size_t k = 0; k < nfmts; k++) dup |= fmts[k] == x;
        if (!dup && nfmts < 8) fmts[nfmts++] = x;
    }
    free(list);
    if (!nfmts) return S_usage_error("export needs --to FORMAT (%s)", S_names(S_LIST_EXPORTS, ", "));

    struct stat st;
    int out_is_dir = outp && ((stat(outp, &st) == 0 && S_ISDIR(st.st_mode)) || outp[strlen(outp) - 1] == '/');
    if (nfmts > 1 && !out_is_dir) return S_usage_error("several formats need -o DIR (each gets DIR/NAME.EXT)");
    if (out_is_dir && stat(outp, &st) != 0 && mkdir(outp, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "faq: %s: cannot create directory: %s\n", outp, strerror(errno));
        return EXIT_USAGE;
    }

    /* The paths to write. */
    char *paths[8] = {0};
    char *name = S_base_name(strcmp(input, "-") || !stdin_name ? input : stdin_name);
    for (size_t k = 0; k < nfmts; k++) {
        if (!outp)
            paths[k] = xstrdup("-");
        else if (!out_is_dir)
            paths[k] = xstrdup(outp);
        else {
            size_t len = strlen(outp) + strlen(name) + strlen(fmts[k]->ext) + 3;
            paths[k] = xmalloc(len);
            snprintf(paths[k], len, "%s%s%s.%s", outp, outp[strlen(outp) - 1] == '/' ? "" : "/", name, fmts[k]->ext);
        }
    }
    free(name);
    struct stat in_st;
    if (strcmp(input, "-") && stat(input, &in_st) == 0) {
        for (size_t k = 0; k < nfmts; k++) {
            if (!S_same_file(paths[k], &in_st)) continue;
            fprintf(stderr,
                    "faq: %s: is the input itself; an export never overwrites its source: choose "
                    "another -o\n",
                    paths[k]);
            for (size_t j = 0; j < nfmts; j++) free(paths[j]);
            return EXIT_USAGE;
        }
    }

    diag_list diags;
    diag_list_init(&diags);
    int rc = EXIT_OK;
    check_run run;
    check_result res;
    memset(&res, 0, sizeof res);
    if (check_run_init(&run, config, &diags) != 0) {
        S_print_stderr(&diags, &run);
        rc = EXIT_USAGE;
        goto done;
    }
    run.from = from;
    run.stdin_name = stdin_name;
    char *site_url = NULL; /* the project config's <site>, below front matter and the options */
    {
        diag_list quiet_d; /* a config error is reported once, by the check itself */
        diag_list_init(&quiet_d);
        const rules *cr = rules_env_for(run.env, strcmp(input, "-") ? input : ".", &quiet_d);
        diag_list_free(&quiet_d);
        if (cr) {
            site_url = rules_site_url(cr, strcmp(input, "-") || !stdin_name ? input : stdin_name);
            eo.site_url = site_url;
            eo.site_lang = rules_site_lang(cr);
        }
    }
    S_early early = {fmts, (const char *const *)paths, nfmts, &eo, force, NULL};
    if (check_one_then(&run, input, &res, &diags, S_start_exports, &early) != 0 || diag_has_fatal(&diags)) {
        if (early.job) export_pipe_finish(early.job, 0, &diags);
        S_print_stderr(&diags, &run);
        S_remove_stale(paths, nfmts); /* unreadable input: nothing may look exported from it */
        rc = EXIT_USAGE;
        goto done_run;
    }
    rules_page_drop(&diags, 0); /* a page's own FAQPage markup: the export is what replaces it */
    if (res.doc && res.doc->page && !res.doc->nentries)
        diag_add(&diags, res.src->path, 1, 1, SEV_ERROR, "structure",
                 "the page shows no FAQ (only FAQPage markup, which is not what a visitor reads): nothing to "
                 "export; put the questions on the page");
    int errors = diag_count(&diags, SEV_ERROR) != 0;
    if ((errors || res.invalid) && !force) {
        if (early.job) export_pipe_finish(early.job, 0, &diags);
        diag_add(&diags, res.src ? res.src->path : input, 0, 0, SEV_ERROR, "export",
                 errors ? "not exported: the content has errors; fix them, or pass --force"
                        : "not exported: the content breaks schema/faq.xsd (the schema rule is off or "
                          "suppressed here, but an export must be valid); fix it, or pass --force");
        S_print_stderr(&diags, &run);
        /* no stale export may look current; one that cannot be removed is an I/O error */
        rc = S_remove_stale(paths, nfmts) ? EXIT_USAGE : EXIT_FINDINGS;
        goto done_run;
    }
    int failed;
    if (early.job) {
        failed = export_pipe_finish(early.job, 1, &diags) != 0;
    } else {
        export_ctx ctx = {res.doc, &eo, NULL};
        failed = export_pipe(fmts, (const char *const *)paths, nfmts, &ctx, &diags) != 0;
    }
    if (failed) rc = diag_has_fatal(&diags) ? EXIT_USAGE : EXIT_FINDINGS;
    if (quiet) diag_filter(&diags, 0, S_is_error, NULL); /* errors only */
    if (diags.n) S_print_stderr(&diags, &run);
done_run:
    free(site_url);
    check_result_free(&res);
    check_run_free(&run);
done:
    diag_list_free(&diags);
    for (size_t k = 0; k < nfmts; k++) free(paths[k]);
    return rc;
}

/* ---- rules ---- */

static int S_rules(int argc, char **argv)
{
    const char *config = NULL;
    int print_config = 0;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if (S_opt(argc, argv, &i, "--config", &v)) {
            if (!v) return S_usage_error("--config needs a file");
            config = v;
        } else if (!strcmp(argv[i], "--print-config")) {
            print_config = 1;
        } else if (S_is_help(argv[i])) {
            return S_print_help();
        } else {
            return S_usage_error("unknown argument for rules: %s", argv[i]);
        }
    }
    diag_list diags;
    diag_list_init(&diags);
    rules_env *env = rules_env_new(config, &diags);
    const rules *r = env ? rules_env_for(env, ".", &diags) : NULL;
    if (!r) {
        check_run none;
        memset(&none, 0, sizeof none);
        S_print_stderr(&diags, &none);
        rules_env_free(env);
        diag_list_free(&diags);
        return EXIT_USAGE;
    }
    size_t n;
    const rule_info *cat = rules_catalogue(r, &n);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(cat[i].id) > w) w = strlen(cat[i].id);
    for (size_t i = 0; i < n; i++)
        printf("%-*s  %-7s  %s\n", (int)w, cat[i].id, severity_name(cat[i].sev), cat[i].description);
    if (print_config) {
        buf out;
        buf_init(&out);
        rules_print_config(r, &out);
        printf("\n%s", out.s);
        buf_free(&out);
    }
    rules_env_free(env);
    diag_list_free(&diags);
    return EXIT_OK;
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary export files, then die of the signal. */
static void S_on_signal(int sig)
{
    output_abandon();
    signal(sig, SIG_DFL);
    raise(sig);
}

int faq_main(int argc, char **argv)
{
    /* A closed standard output is a write error (EPIPE), handled where the output is written,
       so that the run ends with exit 2 and its temporary files removed, not killed by SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, S_on_signal);
    signal(SIGTERM, S_on_signal);
    signal(SIGHUP, S_on_signal);
    xmlMemSetup(free, xmalloc, xrealloc,
                xstrdup); /* libxml2 out of memory: the message and abort of xalloc, never a NULL dereference */
    xmlInitParser();
    if (argc < 2) {
        S_put_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    int rc;
    if (S_is_help(cmd) || !strcmp(cmd, "help")) {
        rc = S_print_help();
    } else if (!strcmp(cmd, "--version") && argc > 2) {
        rc = S_usage_error("--version takes no argument, not '%s'", argv[2]);
    } else if (!strcmp(cmd, "--version")) {
        int xv = atoi(xmlParserVersion); /* "20914" */
        printf("faq %s (libxml2 %d.%d.%d, pcre2 %d.%02d)\n", FAQ_VERSION, xv / 10000, xv / 100 % 100, xv % 100,
               PCRE2_MAJOR, PCRE2_MINOR);
        rc = EXIT_OK;
    } else if (!strcmp(cmd, "lint")) {
        rc = S_lint(argc, argv);
    } else if (!strcmp(cmd, "export")) {
        rc = S_export(argc, argv);
    } else if (!strcmp(cmd, "rules")) {
        rc = S_rules(argc, argv);
    } else {
        rc = S_usage_error("unknown command '%s'", cmd);
    }
    xmlCleanupParser();
    /* What went to standard output (help, version, rules) must have arrived. */
    int lost = ferror(stdout); /* a write failed already (and was reported where it failed) */
    if (fflush(stdout) != 0) {
        if (errno != EPIPE) fprintf(stderr, "faq: cannot write to standard output: %s\n", strerror(errno));
        lost = 1;
    }
    if (lost) rc = EXIT_USAGE;
    return rc;
}
