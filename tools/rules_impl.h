/* rules_impl: the rule engine's internals, shared by rules*.c and suppress.c (not a public API). */
#ifndef FAQ_RULES_IMPL_H
#define FAQ_RULES_IMPL_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"
#include "strset.h"
#include <pcre2.h>

/* The rules the engine implements, in id order (rules_catalogue's order): R_NAME for each row
   of rules_list.h. */
enum {
#define RULE(name, id, pass, check, msgs) R_##name,
#include "rules_list.h"
#undef RULE
    R_COUNT
};
extern const char *const rules_ids[R_COUNT];
int rules_id_index(const char *id, size_t len); /* R_... or -1 */

enum { T_QMAX, T_NEAR_MIN, T_DUPANS_MIN, T_COUNT };
extern const char *const rules_threshold_names[T_COUNT];

/* The file name of the built-in catalogue's patterns (rules_pat.file). */
#define RULES_BUILTIN_NAME "built-in default"

/* Every pattern is compiled with these: UTF-8 (invalid sequences never match, never fail),
   Unicode \b \w, case-insensitive; parentheses do not capture, so patterns can be joined. */
#define RULES_PCRE_OPTS                                                                                                \
    (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_NO_AUTO_CAPTURE | PCRE2_DUPNAMES)

/* The placeholder family (missing-answer), compiled with PCRE2_DOTALL: a text that holds no
   letter or digit (mark e), or one placeholder with punctuation around it. Linear on any text:
   the runs of punctuation around are possessive where nothing can give back to them. */
#define RULES_PLACEHOLDER_PREFIX "\\A(?:[\\W_]*+\\z(*MARK:e)|[\\W_]*(?:"
#define RULES_PLACEHOLDER_SUFFIX ")[\\W_]*+\\z)"

typedef struct rules_msg {
    char *name; /* "" for the rule's only message */
    char *text; /* with {field}s */
} rules_msg;

typedef struct rules_pat {
    char *src; /* the pattern as written */
    char *file; /* where it was written (for errors) */
    unsigned line;
    size_t cat; /* index into the family's cats */
    pcre2_code *re; /* alone, for naming a pattern that hits a match limit */
} rules_pat;

/* A family: every pattern of one rule, joined into one alternation; (*MARK:i) tells which
   pattern matched. */
typedef struct rules_family {
    rules_pat *v;
    size_t n, cap;
    char **cats;
    size_t ncats, capcats;
    pcre2_code *re; /* NULL when n == 0 */
    pcre2_code *re_at; /* the same, anchored at compile time (JIT cannot anchor at match time) */
    /* The prefilter: where a match can start, by the byte there and the next one (0 = end
       of text). pairs[ctx][c1][c2 / 8] bit c2 % 8; ctx 0: after a non-word character or at
       the start, ctx 1: after a word character. Found by partial matching at compile time;
       texts are then matched only where a bit is set (anchored), not at every byte. */
    unsigned char (*pairs)[256][32];
    /* sub[ctx][c1]: 1 + index in subs of the anchored alternation of only the patterns that can
       start with byte c1 (< 0x80) in that context; 0: none (non-ASCII c1 uses re_at). */
    unsigned short (*sub)[256];
    pcre2_code **subs;
    size_t nsubs;
    unsigned char can[256]; /* byte c can start a match (in some context) */
    int mid; /* a match may start right after a word character */
    int full_scan; /* no prefilter (a positive lookbehind): scan every position */
} rules_family;

typedef struct rules_def {
    severity sev;
    char *desc;
    rules_msg *msgs;
    size_t nmsgs, capmsgs;
    char *file; /* file that last set the severity (for messages) */
} rules_def;

typedef struct rules_words { /* a set of literal words: a strset of copies it owns */
    strset set;
    char **own;
    size_t n, cap;
} rules_words;

struct rules {
    rules_def def[R_COUNT];
    rule_info info[R_COUNT];
    unsigned thr[T_COUNT];
    rules_family claim, meta, placeholder;
    char **hedges;
    size_t nhedges, caphedges;
    rules_words hedge_set; /* each hedge folded: lower case, ' for U+2019, one space between words */
    rules_words hedge_first; /* the first word of each hedge of several words */
    size_t hedge_maxw; /* words in the longest hedge */
    /* joint[c1 << 8 | c2]: what to try at a word start (or a non-word byte) c1 followed by c2
       (0: end of text), for claims in the low byte and meta-commentary in the high byte:
       0 nothing, 255 the whole anchored alternation, else 1 + index in the family's subs.
       NULL when a family needs the slower scan (see rules_family). */
    unsigned short *joint;
    /* A stronger filter behind joint, for each family (claim, meta) alone: at a word start
       c1 c2 (both ASCII) that joint lets through for the family, fam_deep[k].tri_idx[c1 << 8 |
       c2] is 0 (no filter) or 1 + a row of tri, the set of third bytes c3 with which a match
       of the family can still start; quad_idx[row * 128 + c3] likewise 0 or 1 + a row of quad
       for the fourth byte, quint_idx[row * 128 + c4] for the fifth. Only letters and the space
       are ever filtered out (every other byte, and the end of the text, passes). Built on
       first use by a large input only (tens of milliseconds of partial matching), under a
       lock (rules_prepare builds them while the input is read); deep_done says it was built. */
    int deep_done;
    int jit_done; /* the families' patterns JIT-compiled (rules_prepare, for inputs large enough
                       to repay it: a FAQ of a few entries is matched faster by the interpreter) */
    struct rules_deep {
        unsigned short *tri_idx; /* [c1 << 8 | c2]: 0 or 1 + a row of tri */
        unsigned char (*tri)[32];
        size_t ntri;
        unsigned short *quad_idx; /* [(tri row) * 128 + c3]: 0 or 1 + a row of quad */
        unsigned char (*quad)[32];
        size_t nquad;
        unsigned short *quint_idx; /* [(quad row) * 128 + c4]: 0 or 1 + a row of quint */
        unsigned char (*quint)[32];
        size_t nquint;
        /* [c1 << 8 | c2]: 0, or 1 + the index in psubs of the alternation of just the patterns
           that can start with c1 c2 at a word start (fewer than the sub of c1 alone) */
        unsigned short *pair_idx;
        pcre2_code **psubs;
        size_t npsubs;
    } fam_deep[2];
    rules_words stop;
    char *site_url, *site_lang; /* the config's <site>: the pages' address and language, or NULL */
    char *site_dir; /* the directory of the config file that set site_url (absolute) */
    char **files; /* "built-in default", then each config file merged */
    size_t nfiles;
    pcre2_match_context *mctx;
};

/* rules.c */
rules *rules_new_empty(void);
void rules_free(rules *r);
/* Compiles every family after loading; returns 0 or -1 after a fatal "config" diagnostic. */
int rules_compile(rules *r, diag_list *d);
const char *rules_msg_get(const rules *r, int rule, const char *name);
/* Appends tmpl to out with each {name} replaced by its value from fields (name, value, ..., NULL). */
void rules_format(buf *out, const char *tmpl, const char *const *fields);
void rules_words_add(rules_words *w, const char *s, size_t len);
void rules_words_free(rules_words *w);
int rules_words_has(const rules_words *w, const char *s, size_t len);
/* Folds one word for hedge lookup into out (cap bytes): ASCII lower case, U+2019 as '.
   Returns its length, or 0 when it does not fit. */
size_t rules_fold_word(const char *s, size_t n, char *out, size_t cap);

/* The pattern families, as run->limit_hit and rules_match number them. */
enum { FAM_CLAIM = 0, FAM_META = 1, FAM_PLACEHOLDER = 2, FAM_COUNT = 3 };

/* What the answers pass found for each entry (run->answer_state). */
enum { ANSWER_GIVEN = 0, ANSWER_NONE = 1, ANSWER_PLACEHOLDER = 2 };

/* One run of rules_check over one document: scratch state, never shared between threads. */
typedef struct rules_run {
    const rules *r;
    const faq_doc *doc;
    diag_list *d;
    const char *path;
    pcre2_match_data *md; /* for every family (sized for the largest) */
    unsigned char *answer_state; /* per entry: ANSWER_GIVEN, ANSWER_NONE or ANSWER_PLACEHOLDER */
    buf tmp; /* message building */
    int limit_hit[FAM_COUNT]; /* claim, meta, placeholder: a match limit stopped the family (1: for the
                         rest of the file, a config pattern; 2: for this text, a built-in one) */
    int deep; /* r's tri and quad tables are built and may be used */
    const char *claim_msg; /* unsupported-claim's message for the text scanned (NULL: the default) */
    const char *claim_src; /* {source} for it: the placeholder Source: line of the answer */
} rules_run;

/* Reports rule at text t, text offsets [off, end) (end == off: the start only); fields is
   NULL or name, value, name, value, ..., NULL; the message is the rule's message named msg. */
void rules_report(rules_run *run, int rule, const char *msg, const faq_text *t, size_t off, size_t end,
                  const char *const *fields);

/* Runs re on t->s[start..len) with the catalogue's limits into run->md; returns pcre2_match's
   result (a match: > 0) and reports a limit once per family (fam: 0 claim, 1 meta,
   2 placeholder; -1: hedges, not reported). */
int rules_match(rules_run *run, const rules_family *f, int fam, const pcre2_code *re, const faq_text *t, size_t len,
                size_t start, uint32_t opts);

/* When a rule's check runs. On one thread: the answers pass, then the main and side passes,
   then the text pass over all entries. On a large input the pipeline runs the answers and
   main passes on one thread and the side pass on another (once the answers are known), and
   both threads share the text pass in chunks of entries; the findings are the same. */
typedef enum {
    RULES_PASS_NONE, /* found outside the engine (reader, schema, suppression) */
    RULES_PASS_ANSWERS, /* first: decides which entries are answered (run->answer_state) */
    RULES_PASS_MAIN, /* the whole document, after the answers */
    RULES_PASS_SIDE, /* the whole document, after the answers, beside the main pass */
    RULES_PASS_TEXT /* entry by entry: check(run, from, to) */
} rules_pass;

typedef struct rules_row {
    const char *id;
    rules_pass pass;
    void (*check)(rules_run *run); /* whole-document passes */
    void (*check_range)(rules_run *run, size_t from, size_t to); /* RULES_PASS_TEXT */
    const char *msgs; /* the messages the check uses, space separated ("": the unnamed one) */
} rules_row;
extern const rules_row rules_table[R_COUNT];

/* rules_text.c */
void rules_check_answers(rules_run *run); /* missing-answer, fills answer_state */
void rules_check_text(rules_run *run); /* unsupported-claim, meta-commentary */
/* The same on entries [from, to) only: the title and intro with from 0, the conclusion with
   to == nentries. Consecutive ranges give rules_check_text's findings in its order, as long
   as no match limit is hit (a hit skips the family for the rest of the file). */
void rules_check_text_range(rules_run *run, size_t from, size_t to);
/* rules_form.c */
void rules_check_form(rules_run *run); /* question-form, question-after-conclusion */
/* rules_dup.c */
void rules_check_dups(rules_run *run); /* duplicate-question, near-duplicate-question, duplicate-answer */
void rules_check_dup_questions(rules_run *run); /* duplicate-question, near-duplicate-question */
void rules_check_dup_answers(rules_run *run); /* duplicate-answer */
/* The same in two parts (rules_check_dups == questions then answers): questions =
   duplicate-question and near-duplicate-question, answers = duplicate-answer. */
void rules_check_dups_part(rules_run *run, int questions, int answers);
/* rules_page.c */
void rules_check_page(rules_run *run); /* an HTML page's structured data (doc->page): jsonld-syntax,
                                              faqpage-profile, faqpage-multiple, markup-* */
/* suppress.c */
void suppress_apply(const rules *r, const faq_doc *doc, diag_list *d, size_t from, int report_unused);

#endif
