/* test_rules: the rule engine on small documents: each rule fires and stays quiet where it
   should, directives, spans, the catalogue, hand-built models, and threads sharing a catalogue. */
#include "model.h"
#include "reader.h"
#include "rules.h"
#include "source.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const rules *R;

/* Lints text with the built-in rules; returns the diagnostics (caller frees). */
static diag_list S_lint(const char *text)
{
    diag_list d;
    diag_list_init(&d);
    source src;
    if (source_from_memory(&src, "t.txt", text, strlen(text), &d) != 0) return d;
    faq_doc *doc = read_text(&src, &d);
    size_t from = d.n;
    diag_list mine;
    diag_list_init(&mine);
    rules_check(R, doc, &mine);
    (void)from;
    faq_doc_free(doc);
    source_free(&src);
    diag_list_free(&d);
    diag_sort(&mine);
    return mine;
}

static size_t S_count(const diag_list *d, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (!strcmp(d->v[i].rule, rule)) n++;
    return n;
}

static const diag *S_find(const diag_list *d, const char *rule, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (!strcmp(d->v[i].rule, rule) && (!needle || strstr(d->v[i].msg, needle))) return &d->v[i];
    return NULL;
}

static void S_dump(const diag_list *d)
{
    for (size_t i = 0; i < d->n; i++)
        printf("    %u:%u-%u:%u %s [%s]\n", d->v[i].line, d->v[i].col, d->v[i].end_line, d->v[i].end_col,
               d->v[i].msg, d->v[i].rule);
}

#define EXPECT(text, rule, n)                                                                      \
    do {                                                                                           \
        diag_list d_ = S_lint(text);                                                               \
        size_t c_ = S_count(&d_, rule);                                                            \
        CHECK(c_ == (size_t)(n), "%s: %zu findings, expected %d", rule, c_, (int)(n));             \
        if (c_ != (size_t)(n)) S_dump(&d_);                                                        \
        diag_list_free(&d_);                                                                       \
    } while (0)

static void test_catalogue(void)
{
    size_t n = 0;
    const rule_info *c = rules_catalogue(R, &n);
    CHECK(n == 17, "catalogue has %zu rules", n);
    for (size_t i = 1; i < n; i++) CHECK(strcmp(c[i - 1].id, c[i].id) < 0, "not sorted at %s", c[i].id);
    static const struct {
        const char *id;
        severity sev;
    } want[] = {{"duplicate-question", SEV_ERROR}, {"near-duplicate-question", SEV_WARNING},
                {"missing-answer", SEV_ERROR},     {"unsupported-claim", SEV_WARNING},
                {"meta-commentary", SEV_WARNING},  {"question-after-conclusion", SEV_WARNING},
                {"duplicate-answer", SEV_WARNING}, {"question-form", SEV_WARNING},
                {"schema", SEV_ERROR},             {"unused-suppression", SEV_WARNING}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const rule_info *f = NULL;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(c[i].id, want[k].id)) f = &c[i];
        CHECK(f && f->sev == want[k].sev && f->description && *f->description, "rule %s", want[k].id);
    }
    buf b;
    buf_init(&b);
    rules_print_config(R, &b);
    CHECK(b.s && strstr(b.s, "built-in default"), "print-config: %s", b.s ? b.s : "");
    buf_free(&b);
}

static void test_claims(void)
{
    /* the shipped FAQ's claims, and what must not be one */
    diag_list d = S_lint("T\n\nIs it safe?\n\nScalp Micropigmentation is a safe and minimally invasive procedure.\n");
    const diag *x = S_find(&d, "unsupported-claim", "\"is a safe\" (safety-efficacy)");
    CHECK(x != NULL, "is a safe");
    if (x) {
        CHECK(x->line == 5 && x->col == 25 && x->end_line == 5 && x->end_col == 34, "span %u:%u-%u:%u", x->line,
              x->col, x->end_line, x->end_col);
        CHECK(x->sev == SEV_WARNING, "severity");
        CHECK(!strcmp(x->msg, "unsupported claim \"is a safe\" (safety-efficacy) with no source: add a Source: "
                              "line or soften it"),
              "message: %s", x->msg);
    }
    diag_list_free(&d);
    EXPECT("T\n\nIs SMP permanent?\n\nIt is considered a semi-permanent solution.\n", "unsupported-claim", 0);
    EXPECT("T\n\nIs SMP permanent?\n\nIt is permanent.\n", "unsupported-claim", 1);
    EXPECT("T\n\nIs SMP permanent?\n\nSMP may be permanent for some.\n", "unsupported-claim", 0);
    EXPECT("T\n\nDoes it hurt?\n\nMost individuals report minimal discomfort.\n", "unsupported-claim", 1);
    EXPECT("T\n\nDoes it hurt?\n\nIt is painless.\nSource: https://example.com/study\n", "unsupported-claim", 0);
    /* intro and conclusion are checked; questions never */
    EXPECT("T\n\nOur results are guaranteed.\n\nIs it guaranteed?\n\nAsk us.\n\n\nSMP is an effective solution.\n",
           "unsupported-claim", 2);
    /* a hedge in an earlier sentence does not soften a later claim; "but" starts a new clause */
    EXPECT("T\n\nQ?\n\nIt may fade. The results are permanent.\n", "unsupported-claim", 1);
    EXPECT("T\n\nQ?\n\nSome find it uncomfortable, but it is painless for most.\n", "unsupported-claim", 1);
    EXPECT("T\n\nQ?\n\nIt can’t be called painless.\n", "unsupported-claim", 0);
    EXPECT("T\n\nQ?\n\nIt is cost-effective and semi‑permanent.\n", "unsupported-claim", 0);
    EXPECT("T\n\nQ?\n\nAsk to ensure the best results.\n", "unsupported-claim", 0);
    /* permanent said of another product is no claim */
    EXPECT("T\n\nQ?\n\nPermanent makeup artists often train in SMP.\n", "unsupported-claim", 0);
    EXPECT("T\n\nQ?\n\nUnlike permanent tattoos, SMP fades over time.\n", "unsupported-claim", 0);
    EXPECT("T\n\nQ?\n\nIt is not permanent make-up or permanent hair removal.\n", "unsupported-claim", 0);
    EXPECT("T\n\nQ?\n\nSMP is permanent. The results are permanent.\n", "unsupported-claim", 2);
    /* every category */
    d = S_lint("T\n\nQ?\n\nIt is 100% risk-free. Studies show it. The best clinic. Suitable for everyone.\n");
    CHECK(S_find(&d, "unsupported-claim", "(absolute)") && S_find(&d, "unsupported-claim", "(statistic)") &&
              S_find(&d, "unsupported-claim", "(superlative)") && S_find(&d, "unsupported-claim", "(universality)"),
          "categories");
    diag_list_free(&d);
}

/* What a hedge governs: its clause, and for negations and modals only a claim right after it. */
static void test_hedge_scope(void)
{
    static const char *const fires[] = {
        "We can guarantee natural results.",
        "You can rest assured it is 100% safe.",
        "It is not just effective, it is guaranteed.",
        "If you want a lasting look, SMP is permanent.",
        "Whether bald or thinning, SMP is suitable for everyone.",
        "Many clinics offer it, and it is painless.",
        "It never fails and is risk-free.",
        "Results can be guaranteed.",
        "Although it may fade, the pigment is permanent.",
        "No needles, no pain.",
        "Some find it uncomfortable, but it is painless for most.",
    };
    static const char *const quiet[] = {
        "Results may be permanent.",
        "SMP can be painless.",
        "SMP is not painful.",
        "It is not painless.",
        "We cannot guarantee results.",
        "Results are not guaranteed.",
        "There is no guarantee that it is permanent.",
        "It may not always be completely painless.",
        "It may be safe and effective.",
        "It can be quick, effective and painless.",
        "Generally, SMP is painless.",
        "In most cases, the results are permanent.",
        "It is, in most cases, painless.",
        "It is not so effective on fair skin.",
        "If it is painless, tell your friends.",
        "It can be effective for many clients, and some find it painless.",
        "It is considered a semi-permanent, cost-effective solution to ensure the best results.",
        "It gives the best possible coverage.",
    };
    char text[512];
    for (size_t i = 0; i < sizeof fires / sizeof *fires; i++) {
        snprintf(text, sizeof text, "T\n\nQ?\n\n%s\n", fires[i]);
        diag_list d = S_lint(text);
        CHECK(S_count(&d, "unsupported-claim") >= 1, "must fire: %s", fires[i]);
        diag_list_free(&d);
    }
    for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++) {
        snprintf(text, sizeof text, "T\n\nQ?\n\n%s\n", quiet[i]);
        diag_list d = S_lint(text);
        CHECK(S_count(&d, "unsupported-claim") == 0, "must be quiet: %s", quiet[i]);
        if (d.n) S_dump(&d);
        diag_list_free(&d);
    }
    /* claims of absence joined by "and": each is a claim, and one sentence gives one finding */
    EXPECT("T\n\nQ?\n\nIt has no risks and no side effects.\n", "unsupported-claim", 1);
    EXPECT("T\n\nQ?\n\nIt is quick, effective and painless.\n", "unsupported-claim", 1);
    EXPECT("T\n\nQ?\n\nIt has no risks. It has no side effects.\n", "unsupported-claim", 2);
    /* the modal is part of a guarantee */
    diag_list d = S_lint("T\n\nQ?\n\nWe can guarantee natural results.\n");
    CHECK(S_find(&d, "unsupported-claim", "\"can guarantee\" (absolute)") != NULL, "can guarantee");
    diag_list_free(&d);
}

/* Where a claim stands decides the advice; a placeholder source backs nothing. */
static void test_claim_sources(void)
{
    diag_list d = S_lint("T\n\nSMP is the best treatment.\n\nQ?\n\nIt is painless.\n\n\nIt is an effective solution.\n");
    CHECK(S_count(&d, "unsupported-claim") == 3, "intro, answer, conclusion");
    const diag *x = S_find(&d, "unsupported-claim", "\"the best\"");
    CHECK(x && strstr(x->msg, "soften it, or move it into an answer with a Source: line") &&
              !strstr(x->msg, "add a Source:"),
          "intro message: %s", x ? x->msg : "");
    x = S_find(&d, "unsupported-claim", "\"effective\"");
    CHECK(x && strstr(x->msg, "move it into an answer"), "conclusion message: %s", x ? x->msg : "");
    x = S_find(&d, "unsupported-claim", "\"painless\"");
    CHECK(x && strstr(x->msg, "add a Source: line or soften it"), "answer message: %s", x ? x->msg : "");
    diag_list_free(&d);
    static const char *const ph[] = {"TBD", "TODO", "N/A", "to be added", "TODO: find the study"};
    char text[256];
    for (size_t i = 0; i < sizeof ph / sizeof *ph; i++) {
        snprintf(text, sizeof text, "T\n\nQ?\n\nIt is painless.\nSource: %s\n", ph[i]);
        d = S_lint(text);
        x = S_find(&d, "unsupported-claim", "only a placeholder source");
        CHECK(x && strstr(x->msg, ph[i]), "Source: %s backs nothing", ph[i]);
        diag_list_free(&d);
    }
    d = S_lint("T\n\nQ?\n\nIt is painless.\nSource:\n");
    x = S_find(&d, "unsupported-claim", "with no source: add a Source: line");
    CHECK(x != NULL, "an empty Source: line backs nothing");
    diag_list_free(&d);
    EXPECT("T\n\nQ?\n\nIt is painless.\nSource: TBD\nSource: https://example.com/study\n", "unsupported-claim", 0);
}

static void test_meta(void)
{
    diag_list d = S_lint("T\n\nSMP is a treatment. As an SEO content writing expert, I will provide you with answers.\n\n"
                         "Q?\n\nAs an AI language model, I cannot say.\n\n\nIn this article we covered SMP.\n");
    CHECK(S_count(&d, "meta-commentary") == 3, "meta: %zu", S_count(&d, "meta-commentary"));
    const diag *x = S_find(&d, "meta-commentary", "As an SEO content writing expert");
    CHECK(x && x->line == 3 && x->col == 21, "meta position");
    diag_list_free(&d);
    EXPECT("T\n\nQ?\n\nAs a rule, ask for healed photos. The clinic will provide aftercare.\n", "meta-commentary", 0);
}

static void test_missing(void)
{
    EXPECT("T\n\nQ1?\n\nQ2?\n\nTBD\n\nQ3?\n\nLorem ipsum dolor sit amet.\n\nQ4?\n\n...\n\nQ5?\n\nComing soon.\n",
           "missing-answer", 5);
    EXPECT("T\n\nQ1?\n\nYes.\n\nQ2?\n\nNone needed.\n\nQ3?\n\nTo do this, call us.\n", "missing-answer", 0);
}

static void test_duplicates(void)
{
    diag_list d = S_lint("T\n\nWhat is SMP?\n\nA.\n\nWhat is \"SMP\" ?\n\nB.\n");
    const diag *x = S_find(&d, "duplicate-question", "line 3");
    CHECK(x && x->line == 7 && x->sev == SEV_ERROR, "duplicate-question");
    CHECK(S_count(&d, "near-duplicate-question") == 0, "an exact duplicate is not also a near one");
    diag_list_free(&d);
    /* abbreviation learnt from the text */
    d = S_lint("T\n\nScalp Micropigmentation (SMP) is a treatment.\n\nHow much does Scalp Micropigmentation cost?\n\n"
               "Prices vary.\n\nWhat does SMP cost?\n\nIt varies.\n");
    x = S_find(&d, "near-duplicate-question", "line 5");
    CHECK(x && x->line == 9 && strstr(x->msg, "price, smp"), "near-duplicate with abbreviation");
    diag_list_free(&d);
    EXPECT("T\n\nHow much does Scalp Micropigmentation cost?\n\nPrices vary.\n\nWhat does SMP cost?\n\nIt varies.\n",
           "near-duplicate-question", 0);
    /* one content word is enough (near-duplicate-min-words 1), with the same question word */
    d = S_lint("T\n\nScalp Micropigmentation (SMP) is a treatment.\n\nWhat is Scalp Micropigmentation?\n\nA.\n\n"
               "What is SMP?\n\nB.\n\nWho is SMP for?\n\nC.\n\nIs SMP for me?\n\nD.\n\nWhat is it?\n\nE.\n\nWhy?\n\nF.\n");
    x = S_find(&d, "near-duplicate-question", "line 5");
    CHECK(x && x->line == 9 && strstr(x->msg, "same content words (smp)"), "What is SMP? = What is Scalp Micropigmentation?");
    CHECK(S_count(&d, "near-duplicate-question") == 1, "who/is/what it/why are different questions");
    if (S_count(&d, "near-duplicate-question") != 1) S_dump(&d);
    diag_list_free(&d);
    EXPECT("T\n\nQ1?\n\nDoes it hurt?\n\nA little.\n\nWill it hurt?\n\nA bit.\n", "near-duplicate-question", 1);
    /* the reverse form: SMP (Scalp Micropigmentation) */
    d = S_lint("T\n\nSMP (Scalp Micropigmentation) is a treatment.\n\nWhat is Scalp Micropigmentation?\n\nA.\n\n"
               "What is SMP?\n\nB.\n");
    x = S_find(&d, "near-duplicate-question", "line 5");
    CHECK(x && x->line == 9, "reverse abbreviation");
    diag_list_free(&d);
    EXPECT("T\n\nSMP (see below) and USA (the United States) and NHS (2022).\n\nWhat is SMP?\n\nA.\n\n"
           "What is see below?\n\nB.\n\nWhat are the United States?\n\nC.\n\nWhat is USA?\n\nD.\n",
           "near-duplicate-question", 0);
    EXPECT("T\n\nQ1?\n\nBetween two and five hours.\n\nQ2?\n\nBetween two and FIVE hours!\n", "duplicate-answer", 1);
    EXPECT("T\n\nQ1?\n\nYes.\n\nQ2?\n\nYes.\n", "duplicate-answer", 0);
}

static void test_form(void)
{
    EXPECT("T\n\nI have scars. Can SMP hide them?\n\nYes.\n", "question-form", 1);
    EXPECT("T\n\nCan Dr. Smith treat scars, e.g. old ones?\n\nYes.\n", "question-form", 0);
    char q[400];
    memset(q, 'a', 160);
    memcpy(q, "T\n\n", 3);
    strcpy(q + 160, "?\n\nYes.\n");
    diag_list d = S_lint(q);
    const diag *x = S_find(&d, "question-form", "158 characters");
    CHECK(x != NULL, "long question");
    if (x) CHECK(x->col == 151 && x->end_col == 159, "long span %u-%u", x->col, x->end_col);
    diag_list_free(&d);
    EXPECT("T\n\nWhat is SMP?\n\nA.\n\n\nThe end.\nAnother question?\n\nYes.\n", "question-after-conclusion", 1);
    EXPECT("T\n\nWhat is SMP?\n\nA.\n\n\nThe end.\n", "question-after-conclusion", 0);
}

static void test_directives(void)
{
    EXPECT("T\n\nQ?\n\n<!-- faq-disable-next-line unsupported-claim: our own data -->\nIt is painless.\n",
           "unsupported-claim", 0);
    diag_list d = S_lint("T\n\n<!-- faq-disable-next-line unsupported-claim: nothing here -->\nQ?\n\nYes.\n");
    CHECK(S_find(&d, "unused-suppression", "suppresses nothing") != NULL, "unused next-line");
    diag_list_free(&d);
    d = S_lint("T\n\n<!-- faq-disable bogus-rule -->\nQ?\n\nYes.\n");
    CHECK(S_find(&d, "unused-suppression", "unknown rule \"bogus-rule\"") != NULL, "unknown rule");
    diag_list_free(&d);
    d = S_lint("T\n\n<!-- faq-disable unsupported-claim -->\nQ?\n\nIt is painless.\n<!-- faq-enable unsupported-claim -->\n\n"
               "Q2?\n\nIt is guaranteed.\n");
    CHECK(S_count(&d, "unsupported-claim") == 1 && S_count(&d, "unused-suppression") == 0, "range");
    diag_list_free(&d);
    /* no rule ids: every rule */
    EXPECT("T\n\n<!-- faq-disable -->\nQ?\n\nIt is painless.\n", "unsupported-claim", 0);
}

/* A model built by hand, as the XML reader makes it: a question without '?'. */
static void test_built_model(void)
{
    diag_list d;
    diag_list_init(&d);
    const char *text = "Tell me about SMP\nIt is painless.\n";
    source src;
    CHECK(source_from_memory(&src, "m.xml", text, strlen(text), &d) == 0, "source");
    faq_doc *doc = faq_doc_new(&src);
    faq_entry *e = faq_doc_add_entry(doc);
    static faq_seg qs = {0, 0}, as = {0, 18};
    e->id = "tell";
    e->question.s = "Tell me about SMP";
    e->question.len = 17;
    e->question.seg = &qs;
    e->question.nseg = 1;
    faq_text *a = faq_paras_add(doc, &e->answer);
    a->s = "It is painless.";
    a->len = 15;
    a->seg = &as;
    a->nseg = 1;
    rules_check(R, doc, &d);
    diag_sort(&d);
    const diag *x = S_find(&d, "question-form", "does not end");
    CHECK(x && x->line == 1 && x->col == 1, "question-form mark");
    x = S_find(&d, "unsupported-claim", "painless");
    CHECK(x && x->line == 2 && x->col == 7 && x->end_col == 15, "claim in built model");
    faq_doc_free(doc);
    source_free(&src);
    diag_list_free(&d);
}

/* rules_check is thread-safe: two threads on one catalogue give the same findings. */
static const char *S_thread_text = "T\n\nAs an AI, I will explain.\n\nWhat is SMP?\n\nIt is guaranteed and painless.\n\n"
                                   "What is SMP?\n\nTBD\n";
static void *S_thread(void *arg)
{
    size_t *n = arg;
    for (int i = 0; i < 50; i++) {
        diag_list d = S_lint(S_thread_text);
        *n += d.n;
        diag_list_free(&d);
    }
    return NULL;
}

static void test_threads(void)
{
    size_t n1 = 0, n2 = 0;
    pthread_t a, b;
    pthread_create(&a, NULL, S_thread, &n1);
    pthread_create(&b, NULL, S_thread, &n2);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    diag_list d = S_lint(S_thread_text);
    CHECK(n1 == 50 * d.n && n2 == 50 * d.n && d.n >= 4, "threads: %zu %zu vs %zu", n1, n2, d.n);
    diag_list_free(&d);
}

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    rules_env *env = rules_env_new(NULL, &d);
    CHECK(env != NULL, "rules_env_new: %s", d.n ? d.v[0].msg : "");
    if (!env) return 1;
    R = rules_env_for(env, "-", &d);
    CHECK(R != NULL, "rules_env_for");
    if (!R) return 1;
    test_catalogue();
    test_claims();
    test_hedge_scope();
    test_claim_sources();
    test_meta();
    test_missing();
    test_duplicates();
    test_form();
    test_directives();
    test_built_model();
    test_threads();
    rules_env_free(env);
    diag_list_free(&d);
    if (failures) printf("%d failed\n", failures);
    return failures ? 1 : 0;
}
