/* rules_config: reading rules files (the built-in default, then --config or the nearest .faq.xml),
   merging them into one catalogue, and caching one compiled catalogue per config file. */
#include "embedded.h"
#include "reader.h"
#include "rules_impl.h"
#include "source.h"
#include "xalloc.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUILTIN_NAME RULES_BUILTIN_NAME
enum { CONFIG_MAX_BYTES = 4 * 1024 * 1024 };

typedef struct env_cat { /* a compiled catalogue for one config file ("" = none) */
    char *key;
    rules *r;
} env_cat;

typedef struct env_dir { /* a directory and the config file found from it upwards ("" = none) */
    char *dir;
    char *cfg;
} env_dir;

/* rules_env_for may be called from several threads: one mutex guards both caches; the
   catalogues it returns are read-only and rules_check is thread-safe. */
struct rules_env {
    pthread_mutex_t mu;
    xmlSchemaPtr xsd;
    rules *fixed; /* --config given: the only catalogue */
    env_cat *cats;
    size_t ncats, capcats;
    env_dir *dirs;
    size_t ndirs, capdirs;
    size_t lastdir; /* index of the last directory looked up + 1 */
    char *lastraw; /* the last directory as the input's path names it, and its catalogue: the */
    const rules *lastraw_r; /* files of a walk come directory by directory (no realpath each) */
    char **ignored; /* configs found but not trusted (each warned about once) */
    size_t nignored, capignored;
};

static void S_fatal(diag_list *d, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void S_fatal(diag_list *d, const char *file, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    diag *x = diag_add(d, file, line, 0, SEV_ERROR, "config", "%s", b.s);
    x->fatal = 1;
    buf_free(&b);
}

/* ---- the rules schema ---- */

static void S_quiet(void *ctx, xmlErrorPtr e) { (void)ctx, (void)e; }

typedef struct S_verr {
    int seen;
    unsigned line;
    char msg[512];
} S_verr;

static void S_valid_err(void *ctx, xmlErrorPtr e)
{
    S_verr *v = ctx;
    if (v->seen || !e) return;
    v->seen = 1;
    v->line = e->line > 0 ? (unsigned)e->line : 0;
    /* Name the rule the error is in, as the other config errors do. */
    xmlChar *id = NULL;
    for (xmlNodePtr n = e->node; n && !id; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && n->name && !xmlStrcmp(n->name, BAD_CAST "rule"))
            id = xmlGetProp(n, BAD_CAST "id");
    if (id)
        snprintf(v->msg, sizeof v->msg, "rule \"%s\": %s", (const char *)id, e->message ? e->message : "invalid");
    else
        snprintf(v->msg, sizeof v->msg, "%s", e->message ? e->message : "invalid");
    xmlFree(id);
    size_t n = strlen(v->msg);
    while (n && (v->msg[n - 1] == '\n' || v->msg[n - 1] == ' ')) v->msg[--n] = '\0';
}

static xmlSchemaPtr S_load_xsd(diag_list *d)
{
    const embedded_file *f = embedded_get("rules.xsd");
    if (!f) {
        S_fatal(d, "rules.xsd", 0, "%s%s", "the built-in rules.xsd is missing", "");
        return NULL;
    }
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(f->data, (int)f->len);
    if (!pc) return NULL;
    xmlSchemaSetParserStructuredErrors(pc, S_quiet, NULL);
    xmlSchemaPtr s = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!s) S_fatal(d, "rules.xsd", 0, "%s%s", "the built-in rules.xsd does not compile", "");
    return s;
}

/* ---- reading one rules file ---- */

static char *S_text(xmlNodePtr n) /* trimmed content; caller frees */
{
    xmlChar *c = xmlNodeGetContent(n);
    const char *s = c ? (const char *)c : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
    char *out = xstrndup(s, len);
    xmlFree(c);
    return out;
}

static char *S_attr(xmlNodePtr n, const char *name) /* caller frees; NULL when absent */
{
    xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
    if (!a) return NULL;
    char *s = xstrdup((const char *)a);
    xmlFree(a);
    return s;
}

static int S_is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static size_t S_cat(rules_family *f, const char *name)
{
    for (size_t i = 0; i < f->ncats; i++)
        if (!strcmp(f->cats[i], name)) return i;
    XGROW(f->cats, f->capcats, f->ncats + 1);
    f->cats[f->ncats] = xstrdup(name);
    return f->ncats++;
}

static void S_add_pattern(rules_family *f, char *src, const char *file, unsigned line, const char *cat)
{
    XGROW(f->v, f->cap, f->n + 1);
    rules_pat *p = &f->v[f->n++];
    memset(p, 0, sizeof *p);
    p->src = src;
    p->file = xstrdup(file);
    p->line = line;
    p->cat = S_cat(f, cat ? cat : "custom");
}

/* Which list element a rule takes. */
static const char *S_child_rule(const char *elem)
{
    if (!strcmp(elem, "hedge")) return "unsupported-claim";
    if (!strcmp(elem, "placeholder")) return "missing-answer";
    if (!strcmp(elem, "stopword")) return "near-duplicate-question";
    return NULL;
}

static int S_load_rule(rules *r, xmlNodePtr rn, const char *file, int builtin, diag_list *d)
{
    unsigned rline = (unsigned)xmlGetLineNo(rn);
    char *id = S_attr(rn, "id");
    int ri = id ? rules_id_index(id, strlen(id)) : -1;
    if (ri < 0) {
        S_fatal(d, file, rline, "unknown rule \"%s\"%s", id ? id : "",
                builtin ? " in the built-in catalogue" : ": see `faq rules` for the rule ids");
        free(id);
        return -1;
    }
    free(id);
    rules_def *df = &r->def[ri];
    char *sev = S_attr(rn, "severity");
    if (sev) {
        severity s;
        if (severity_parse(sev, &s)) {
            S_fatal(d, file, rline, "rule \"%s\": bad severity \"%s\"", rules_ids[ri], sev);
            free(sev);
            return -1;
        }
        df->sev = s;
        free(df->file);
        df->file = xstrdup(file);
        free(sev);
    }
    for (xmlNodePtr c = rn->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *en = (const char *)c->name;
        unsigned line = (unsigned)xmlGetLineNo(c);
        if (S_is(c, "description")) {
            free(df->desc);
            df->desc = S_text(c);
        } else if (S_is(c, "message")) {
            XGROW(df->msgs, df->capmsgs, df->nmsgs + 1);
            char *name = S_attr(c, "name");
            df->msgs[df->nmsgs].name = name ? name : xstrdup("");
            df->msgs[df->nmsgs].text = S_text(c);
            df->nmsgs++;
        } else if (S_is(c, "pattern")) {
            rules_family *f = ri == R_CLAIM ? &r->claim : ri == R_META ? &r->meta : NULL;
            if (!f) {
                S_fatal(d, file, line, "rule \"%s\" takes no <pattern> (only %s do)", rules_ids[ri],
                        "unsupported-claim and meta-commentary");
                return -1;
            }
            char *cat = S_attr(c, "category");
            S_add_pattern(f, S_text(c), file, line, cat);
            free(cat);
        } else {
            const char *want = S_child_rule(en);
            if (!want || strcmp(want, rules_ids[ri])) {
                char what[160];
                snprintf(what, sizeof what, "<%s>%s%s%s", en, want ? " (only " : "", want ? want : "",
                         want ? " does)" : "");
                S_fatal(d, file, line, "rule \"%s\" takes no %s", rules_ids[ri], what);
                return -1;
            }
            char *t = S_text(c);
            if (!strcmp(en, "placeholder")) {
                S_add_pattern(&r->placeholder, t, file, line, "placeholder");
            } else if (!strcmp(en, "hedge")) {
                XGROW(r->hedges, r->caphedges, r->nhedges + 1);
                r->hedges[r->nhedges++] = t;
            } else {
                for (char *p = t; *p; p++)
                    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
                rules_words_add(&r->stop, t, strlen(t));
                free(t);
            }
        }
    }
    return 0;
}

/* <site url="..." lang="..."/>: the address and language of the pages below the config file. */
static void S_load_site(rules *r, xmlNodePtr n, const char *file)
{
    char *url = S_attr(n, "url"), *lang = S_attr(n, "lang");
    if (url) {
        free(r->site_url);
        r->site_url = url;
        free(r->site_dir);
        const char *slash = strrchr(file, '/');
        char *dir = slash ? xstrndup(file, slash == file ? 1 : (size_t)(slash - file)) : xstrdup(".");
        r->site_dir = realpath(dir, NULL);
        free(dir);
    }
    if (lang) {
        free(r->site_lang);
        r->site_lang = lang;
    }
}

char *rules_site_url(const rules *r, const char *path)
{
    if (!r->site_url) return NULL;
    char *abs = path && strcmp(path, "-") ? realpath(path, NULL) : NULL;
    const char *rel = path && strcmp(path, "-") ? path : "";
    size_t nd = r->site_dir ? strlen(r->site_dir) : 0;
    if (abs && nd && !strncmp(abs, r->site_dir, nd) && abs[nd] == '/')
        rel = abs + nd + 1;
    else if (strrchr(rel, '/'))
        rel = strrchr(rel, '/') + 1;
    buf p;
    buf_init(&p);
    buf_puts(&p, rel);
    const char *dot = p.len ? strrchr(p.s, '.') : NULL;
    if (dot && !strchr(dot, '/')) p.len = (size_t)(dot - p.s);
    if (p.len >= 5 && !memcmp(p.s + p.len - 5, "index", 5) && (p.len == 5 || p.s[p.len - 6] == '/'))
        p.len -= p.len == 5 ? 5 : 6;
    buf_putc(&p, '\0');
    p.len--;
    free(abs);
    buf out;
    buf_init(&out);
    const char *at = strstr(r->site_url, "{path}");
    if (at) {
        buf_put(&out, r->site_url, (size_t)(at - r->site_url));
        buf_put(&out, p.s ? p.s : "", p.len);
        buf_puts(&out, at + 6);
    } else {
        buf_puts(&out, r->site_url);
        if (p.len) {
            if (out.len && out.s[out.len - 1] != '/') buf_putc(&out, '/');
            buf_put(&out, p.s, p.len);
            buf_putc(&out, '/');
        }
    }
    buf_free(&p);
    char *res = buf_detach(&out);
    /* "{path}/" of the site's root page: one slash, not two */
    size_t n = res ? strlen(res) : 0;
    for (size_t i = 8; i + 1 < n; i++)
        if (res[i] == '/' && res[i + 1] == '/') memmove(res + i, res + i + 1, n-- - i), i--;
    return res;
}

const char *rules_site_lang(const rules *r) { return r->site_lang; }

/* Parses, checks and merges one rules file onto r. */
static int S_load(rules *r, xmlSchemaPtr xsd, const char *data, size_t len, const char *file, int builtin, diag_list *d)
{
    /* The same safe parser as FAQ XML: a DOCTYPE is refused (no DTD, no entities, no network,
       no other file), errors at their line and column. */
    source src;
    if (source_from_memory(&src, file, data, len, d) != 0) {
        source_free(&src);
        return -1;
    }
    xmlDocPtr doc = read_xml_tree(&src, "a rules file", "config", d);
    source_free(&src);
    if (!doc) return -1;
    int rc = 0;
    if (!rc && !builtin) { /* the built-in rules.xml is checked against rules.xsd by the tests */
        S_verr v;
        memset(&v, 0, sizeof v);
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(xsd);
        xmlSchemaSetValidStructuredErrors(vc, S_valid_err, &v);
        int vr = xmlSchemaValidateDoc(vc, doc);
        xmlSchemaFreeValidCtxt(vc);
        if (vr != 0) {
            S_fatal(d, file, v.line, "does not match rules.xsd: %s%s", v.seen ? v.msg : "invalid", "");
            rc = -1;
        }
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = root ? root->children : NULL; c && !rc; c = c->next) {
        if (S_is(c, "threshold")) {
            char *name = S_attr(c, "name"), *val = S_attr(c, "value");
            for (int t = 0; t < T_COUNT; t++)
                if (name && val && !strcmp(name, rules_threshold_names[t]))
                    r->thr[t] = (unsigned)strtoul(val, NULL, 10);
            free(name);
            free(val);
        } else if (S_is(c, "rule")) {
            rc = S_load_rule(r, c, file, builtin, d);
        } else if (S_is(c, "site")) {
            S_load_site(r, c, file);
        }
    }
    xmlFreeDoc(doc);
    if (!rc && builtin) {
        /* every message a check uses (the rule table's messages column) */
        for (int i = 0; i < R_COUNT && !rc; i++) {
            const char *m = rules_table[i].msgs;
            if (!m) continue;
            do {
                char name[32];
                size_t n = strcspn(m, " ");
                snprintf(name, sizeof name, "%.*s", (int)n, m);
                if (!rules_msg_get(r, i, name)) {
                    S_fatal(d, file, 0, "the built-in catalogue lacks a message for rule \"%s\"%s", rules_ids[i], "");
                    rc = -1;
                }
                m += n;
            } while (*m++ == ' ');
        }
        for (int i = 0; i < R_COUNT && !rc; i++)
            if (!r->def[i].desc) {
                S_fatal(d, file, 0, "the built-in catalogue lacks rule \"%s\"%s", rules_ids[i], "");
                rc = -1;
            }
    }
    return rc;
}

static char *S_read_file(const char *path, size_t *len, diag_list *d)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        S_fatal(d, path, 0, "cannot read the rules file: %s%s", strerror(errno), "");
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        S_fatal(d, path, 0, "cannot read the rules file: %s%s", "not a regular file", "");
        return NULL;
    }
    if (st.st_size > CONFIG_MAX_BYTES) {
        S_fatal(d, path, 0, "the rules file is too large (over 4 MB)%s%s", "", "");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        S_fatal(d, path, 0, "cannot read the rules file: %s%s", strerror(errno), "");
        return NULL;
    }
    char *data = xmalloc((size_t)st.st_size + 1);
    size_t n = fread(data, 1, (size_t)st.st_size, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        S_fatal(d, path, 0, "cannot read the rules file: %s%s", "read error", "");
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static void S_add_file(rules *r, const char *name)
{
    r->files = xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
    r->files[r->nfiles++] = xstrdup(name);
}

/* The built-in catalogue merged with config (NULL: none), compiled. */
static rules *S_build(rules_env *e, const char *config, diag_list *d)
{
    const embedded_file *f = embedded_get("rules.xml");
    if (!f) {
        S_fatal(d, "rules.xml", 0, "%s%s", "the built-in rules.xml is missing", "");
        return NULL;
    }
    rules *r = rules_new_empty();
    int rc = S_load(r, NULL, f->data, f->len, "rules.xml", 1, d);
    S_add_file(r, BUILTIN_NAME);
    if (!rc && config) {
        size_t len = 0;
        char *data = S_read_file(config, &len, d);
        if (data && !e->xsd) e->xsd = S_load_xsd(d); /* compiled for the first rules file */
        rc = data && e->xsd ? S_load(r, e->xsd, data, len, config, 0, d) : -1;
        free(data);
        S_add_file(r, config);
    }
    if (!rc) rc = rules_compile(r, d);
    if (rc) {
        rules_free(r);
        return NULL;
    }
    return r;
}

/* ---- the environment ---- */

rules_env *rules_env_new(const char *config, diag_list *d)
{
    xmlInitParser();
    rules_env *e = xcalloc(1, sizeof *e);
    pthread_mutex_init(&e->mu, NULL);
    rules *r = S_build(e, config, d);
    if (!r) {
        rules_env_free(e);
        return NULL;
    }
    if (config) {
        e->fixed = r;
    } else {
        XGROW(e->cats, e->capcats, 1);
        e->cats[0].key = xstrdup("");
        e->cats[0].r = r;
        e->ncats = 1;
    }
    return e;
}

void rules_env_free(rules_env *e)
{
    if (!e) return;
    rules_free(e->fixed);
    for (size_t i = 0; i < e->ncats; i++) {
        free(e->cats[i].key);
        rules_free(e->cats[i].r);
    }
    free(e->cats);
    for (size_t i = 0; i < e->ndirs; i++) {
        free(e->dirs[i].dir);
        free(e->dirs[i].cfg);
    }
    free(e->dirs);
    free(e->lastraw);
    for (size_t i = 0; i < e->nignored; i++) free(e->ignored[i]);
    free(e->ignored);
    if (e->xsd) xmlSchemaFree(e->xsd);
    pthread_mutex_destroy(&e->mu);
    free(e);
}

/* Why the config file at p (st: its lstat) is not to be trusted, as git's safe.directory:
   owned by another user than the one running faq (root's are trusted), or in a directory that
   anyone may write to (/tmp) without being the user's own; NULL when it is trusted. */
static const char *S_untrusted(const char *p, const struct stat *st)
{
    uid_t me = geteuid();
    if (st->st_uid != me && st->st_uid != 0) return "it is owned by another user";
    char *dir = xstrdup(p);
    char *slash = strrchr(dir, '/');
    if (slash) slash == dir ? (void)(slash[1] = '\0') : (void)(*slash = '\0');
    struct stat ds;
    int open_dir = stat(slash ? dir : ".", &ds) == 0 && (ds.st_mode & S_IWOTH);
    free(dir);
    if (open_dir && st->st_uid != me) return "it is in a directory anyone can write to and is not yours";
    return NULL;
}

/* The nearest trusted .faq.xml from directory dir (absolute) upwards; "" when there is none.
   One that is not trusted is skipped, with a warning (once a run) that names it. */
static char *S_find_config(rules_env *e, const char *dir, diag_list *d)
{
    size_t n = strlen(dir);
    char *p = xmalloc(n + sizeof "/.faq.xml");
    memcpy(p, dir, n + 1);
    for (;;) {
        while (n > 1 && p[n - 1] == '/') n--;
        memcpy(p + n, n == 1 && p[0] == '/' ? ".faq.xml" : "/.faq.xml",
               n == 1 && p[0] == '/' ? sizeof ".faq.xml" : sizeof "/.faq.xml");
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            const char *why = S_untrusted(p, &st);
            if (!why) return p;
            size_t k = 0;
            while (k < e->nignored && strcmp(e->ignored[k], p)) k++;
            if (k == e->nignored) {
                XGROW(e->ignored, e->capignored, e->nignored + 1);
                e->ignored[e->nignored++] = xstrdup(p);
                if (d)
                    diag_add(d, p, 0, 0, SEV_WARNING, "config",
                             "ignored: %s (uid %u); pass it with --config to apply it anyway", why,
                             (unsigned)st.st_uid);
            }
        }
        if (n <= 1) break;
        while (n > 1 && p[n - 1] != '/') n--; /* the parent */
        p[n] = '\0';
    }
    free(p);
    return xstrdup("");
}

const rules *rules_env_for(rules_env *e, const char *path, diag_list *d)
{
    if (e->fixed) return e->fixed;
    /* The input's directory, absolute. */
    char *dir;
    if (!path || !strcmp(path, "-")) {
        dir = xstrdup(".");
    } else {
        const char *slash = strrchr(path, '/');
        dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    }
    pthread_mutex_lock(&e->mu);
    const rules *same = e->lastraw && !strcmp(e->lastraw, dir) ? e->lastraw_r : NULL;
    pthread_mutex_unlock(&e->mu);
    if (same) {
        free(dir);
        return same;
    }
    char *abs = realpath(dir, NULL);
    if (!abs) abs = xstrdup("/nonexistent");

    pthread_mutex_lock(&e->mu);
    const char *cfg = NULL;
    if (e->lastdir && !strcmp(e->dirs[e->lastdir - 1].dir, abs)) cfg = e->dirs[e->lastdir - 1].cfg;
    for (size_t i = 0; !cfg && i < e->ndirs; i++)
        if (!strcmp(e->dirs[i].dir, abs)) {
            cfg = e->dirs[i].cfg;
            e->lastdir = i + 1;
        }
    if (!cfg) {
        XGROW(e->dirs, e->capdirs, e->ndirs + 1);
        e->dirs[e->ndirs].dir = abs;
        e->dirs[e->ndirs].cfg = S_find_config(e, abs, d);
        cfg = e->dirs[e->ndirs].cfg;
        e->lastdir = ++e->ndirs;
        abs = NULL;
    }
    free(abs);
    const rules *r = NULL;
    for (size_t i = 0; i < e->ncats && !r; i++)
        if (!strcmp(e->cats[i].key, cfg)) r = e->cats[i].r;
    if (!r) {
        rules *nr = S_build(e, cfg, d);
        if (nr) {
            XGROW(e->cats, e->capcats, e->ncats + 1);
            e->cats[e->ncats].key = xstrdup(cfg);
            e->cats[e->ncats].r = nr;
            e->ncats++;
            r = nr;
        }
    }
    if (r) {
        free(e->lastraw);
        e->lastraw = dir;
        e->lastraw_r = r;
        dir = NULL;
    }
    pthread_mutex_unlock(&e->mu);
    free(dir);
    return r;
}
