/* gen: writes a deterministic FAQ of N entries in faq's text format, for the benchmark. */
/*
 * Usage: gen N [SEED [STYLE]] > FILE
 *
 * STYLE (default mixed) is one of:
 *   mixed  the planted findings below (thousands of them at 100,000 entries)
 *   clean  the same kind of content with nothing planted: no finding at all
 *   short  clean, each answer one short line (the most entries per byte)
 *   long   clean, each answer 8-12 paragraphs (the fewest entries per byte)
 *
 * The output depends only on N and SEED (default 1): a fixed PRNG (splitmix64), no time,
 * no locale, no floating point. It has front matter, a title, a two-paragraph intro (one
 * sentence of meta commentary), N entries of 1-3 answer paragraphs made from sentence
 * templates (about half hard-wrapped at 72 columns, the rest one line per paragraph), and
 * a conclusion after two blank lines, followed by one more entry (a question after the
 * conclusion). Mixed in, per entry: ~2% exact duplicates of an earlier question (some with
 * case, spacing or quotes changed), ~1% near-duplicates (same content words, reworded),
 * ~1% missing answers (no answer, or a placeholder), ~18% of answers with a Source: line,
 * ~10% of sentences with an unsupported claim and ~12% hedged ones.
 *
 * Questions are unique by construction: each new question takes the next number of a shuffled
 * (Fisher-Yates, same PRNG) list of all (template, subject, audience, context) combinations,
 * so accidental duplicates do not skew the counts of the planted ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t S_state;

enum { MIXED, CLEAN, SHORT, LONG };
static int S_style = MIXED;

static uint64_t S_next(void)
{
    uint64_t z = (S_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0 (multiply-shift; deterministic everywhere). */
static size_t S_below(size_t n)
{
    return (size_t)(((S_next() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability per/1000. */
static int S_chance(unsigned per_mille)
{
    return S_below(1000) < per_mille;
}

#define PICK(a) ((a)[S_below(NELEM(a))])

/* ---- word lists ---------------------------------------------------------------------- */

/* Question templates: %S subject, %A audience, %C context. Each has a reworded variant with
   the same content words (a near-duplicate). Every template holds content words of its own. */
static const char *const Q_TPL[][2] = {
    {"How long does %S take for %A %C?", "For %A %C, how long would %S take?"},
    {"What does %S cost for %A %C?", "For %A %C, what would %S cost?"},
    {"How should %A prepare for %S %C?", "%C, how would %A prepare for %S?"},
    {"Can %A combine %S with other treatments %C?", "Could %A combine other treatments with %S %C?"},
    {"What aftercare do %A need after %S %C?", "After %S %C, what aftercare would %A need?"},
    {"How often do %A need a touch-up after %S %C?", "After %S %C, how often would %A need a touch-up?"},
    {"Does %S look natural on %A %C?", "Would %S look natural on %A %C?"},
    {"Which pigment shades suit %A for %S %C?", "For %S %C, which pigment shades would suit %A?"},
    {"What should %A avoid after %S %C?", "After %S %C, what should %A avoid?"},
    {"How do %A choose a practitioner for %S %C?", "For %S %C, how would %A choose a practitioner?"},
    {"Is %S a good fit for %A %C?", "Would %S be a good fit for %A %C?"},
    {"How visible is the healing of %S for %A %C?", "For %A %C, how visible would the healing of %S be?"},
    {"What happens at the consultation before %S for %A %C?", "Before %S for %A %C, what happens at the consultation?"},
    {"How many sessions of %S do %A book %C?", "%C, how many sessions of %S would %A book?"},
    {"Can %A exercise soon after %S %C?", "After %S %C, could %A exercise soon?"},
    {"Will sunlight fade %S for %A %C?", "For %A %C, would sunlight fade %S?"},
    {"What records should %A keep about %S %C?", "About %S %C, what records should %A keep?"},
    {"How does %S change over the years for %A %C?", "For %A %C, how would %S change over the years?"},
    {"Where can %A find reviews of %S %C?", "Reviews of %S %C: where can %A find them?"},
    {"Why do %A ask about %S %C?", "%C, why would %A ask about %S?"},
    {"What questions should %A bring to a clinic about %S %C?", "About %S %C, what questions should %A bring to a clinic?"},
    {"How do %A pay for %S %C?", "For %S %C, how would %A pay?"},
    {"When can %A see final results from %S %C?", "From %S %C, when would %A see final results?"},
    {"How do %A wash their hair after %S %C?", "After %S %C, how would %A wash their hair?"},
};

static const char *const Q_SUBJ[] = {
    "scalp micropigmentation", "a first SMP session", "a hairline design", "a density session",
    "scar camouflage", "a pigment correction", "a crown treatment", "a temple restoration",
    "a full-head treatment", "a follicle simulation", "a partial coverage plan", "a colour match",
    "laser removal of old pigment", "a numbing cream", "a maintenance visit", "a trial patch",
    "a transplant scar cover", "a diffuse thinning treatment", "an alopecia cover-up",
    "a beard-line blend", "a microblading review", "a shaved-look finish", "a long-hair blend",
    "a side-profile refinement", "a nape cleanup", "an eyebrow tint", "a tattoo cover",
    "a forehead reduction look", "a receding hairline fix", "a widow's peak design",
    "a stubble effect", "a hair fibre alternative", "a vertex infill", "a parting line fill",
    "a follow-up appointment", "an aftercare kit", "a pigment lightening", "a spot repair",
    "a hairline lowering", "a two-tone blend",
};

static const char *const Q_AUD[] = {
    "first-time clients", "older adults", "young men", "women with thinning hair",
    "people with fair skin", "people with dark skin", "athletes", "swimmers",
    "office workers", "students", "new parents", "cancer survivors", "transplant patients",
    "people with sensitive skin", "frequent travellers", "outdoor workers", "retirees",
    "musicians", "nurses", "teachers", "cyclists", "runners", "drivers", "chefs", "gardeners",
};

static const char *const Q_CTX[] = {
    "in summer", "in winter", "before a wedding", "after a hair transplant", "during chemotherapy",
    "on a tight budget", "abroad", "near a holiday", "after weight loss", "with psoriasis",
    "with grey hair", "with a scar", "during pregnancy", "with eczema", "at fifty",
    "in humid weather", "with oily skin", "with a beard", "with curly hair", "at a new clinic",
};

/* Prose. */
static const char *const W_PRO[] = {
    "your practitioner", "a trained technician", "the clinic", "an experienced artist",
    "the specialist", "your consultant", "the studio team", "a qualified provider",
};
static const char *const W_THING[] = {
    "the pigment", "the hairline", "the treated area", "the scalp", "the dots",
    "the colour", "the density", "the needle depth", "the healing skin", "the shading",
    "the client\xE2\x80\x99s skin tone", "the surrounding hair",
};
static const char *const W_FACTOR[] = {
    "skin type", "the size of the area", "the amount of hair loss", "sun exposure",
    "how the skin heals", "the chosen style", "the pigment brand", "daily routine",
    "age and lifestyle", "the condition of the scalp", "previous treatments",
};
static const char *const W_EVENT[] = {
    "the consultation", "the first session", "a follow-up visit", "the aftercare call",
    "the design stage", "a patch test", "the final review",
};
static const char *const W_TIME[] = {
    "a few days", "about a week", "two to four weeks", "several months", "two to four years",
    "one or two sessions", "three sessions", "a couple of hours", "most of a day",
};
static const char *const W_ACT[] = {
    "swimming", "heavy exercise", "saunas", "direct sun", "scratching", "harsh shampoos",
    "tight hats", "steam rooms", "hair dye", "exfoliating scrubs",
};
static const char *const W_ADJ[] = {
    "natural", "subtle", "even", "soft", "realistic", "balanced", "consistent", "gradual",
};

/* Sentence templates. %P pro, %T thing, %F factor, %E event, %W time, %X activity, %J adjective.
   Plain: no claim words (safe, effective, proven, best, permanent, guarantee, 100%, ...). */
static const char *const S_PLAIN[] = {
    "The result depends on %F, so %P will look at %T during %E.",
    "Most appointments take %W, and %P will plan the work around %F.",
    "During %E, %P checks %T and explains each step in plain words.",
    "Plan for %W of healing before judging %T.",
    "Avoid %X for %W so that %T settles properly.",
    "The aim is a %J look that matches %T.",
    "After %E, %P will send written aftercare notes.",
    "Expect %T to look darker at first and lighter after %W.",
    "A %J finish comes from matching %T to %F.",
    "Bring photos of your hair from a few years ago to %E.",
    "%P records %T and %F in your file after %E.",
    "The price usually reflects %F and the time needed for %T.",
    "Between sessions, keep %T clean and dry and avoid %X.",
    "It helps to tell %P about %F before %E starts.",
    "Small changes to %T are made at %E rather than all at once.",
    "Wear a loose hat outdoors and skip %X for %W.",
    "Clients who work outside should mention %F at %E.",
    "A gentle, fragrance-free moisturiser keeps %T comfortable during healing.",
    "The layers are built up slowly to keep %T %J.",
    "Ask to see healed work, not only fresh work, before %E.",
    "Each visit is spaced %W apart to let %T recover.",
    "The design is drawn on first, so you can approve %T before any pigment goes in.",
    "Questions about %F are welcome at any point \xE2\x80\x94 %P would rather answer them early.",
};
/* Unsupported claims (the rules should flag them unless the answer has a source). */
static const char *const S_CLAIM[] = {
    "Results are guaranteed to look %J for life.",
    "The procedure is 100%% safe for every skin type.",
    "Studies show that clients are happier within %W.",
    "This is the best treatment for %F.",
    "It is painless, and there are no side effects.",
    "The pigment is permanent and will never fade.",
    "Clinically proven methods keep %T %J.",
    "It is suitable for everyone, whatever %F.",
    "Most clients report a boost in confidence after %E.",
    "Experts agree that it works for everyone.",
    "%P offers the most effective approach to %T.",
    "Research shows that 90%% of clients book again.",
};
/* Hedged versions: not claims. */
static const char *const S_HEDGE[] = {
    "Some clients may find the sessions mildly uncomfortable.",
    "The result might look %J sooner if %T heals quickly.",
    "It can take %W before the colour settles, depending on %F.",
    "Touch-ups may be needed every %W.",
    "Some people notice slight redness that usually fades within %W.",
    "In many cases, %T can be adjusted at %E.",
    "Numbing cream may help, although it is not always needed.",
    "It could be a good option if %F allows it.",
};
static const char *const S_PLACEHOLDER[] = {"TBD", "TODO", "N/A", "Coming soon.",
                                            "Lorem ipsum dolor sit amet."};
static const char *const S_CITE[] = {
    "Journal of Cosmetic Dermatology, 2019", "British Association of Dermatologists, 2021",
    "Clinical review, Dermatologic Surgery 44(3), 2018", "NHS guidance on cosmetic procedures, 2022",
};

/* ---- output -------------------------------------------------------------------------- */

static char S_para[16384]; /* the paragraph being built */
static size_t S_plen;

static void S_pput(const char *s, size_t n)
{
    if (S_plen + n >= sizeof S_para) n = sizeof S_para - 1 - S_plen;
    memcpy(S_para + S_plen, s, n);
    S_plen += n;
}

static void S_pputs(const char *s)
{
    S_pput(s, strlen(s));
}

/* Capitalises the first byte of what was appended since mark (ASCII only). */
static void S_cap(size_t mark)
{
    if (mark < S_plen && S_para[mark] >= 'a' && S_para[mark] <= 'z') S_para[mark] -= 32;
}

/* Appends a template with its slots filled in; the result starts with a capital. */
static void S_fill(const char *tpl, const char *subj, const char *aud, const char *ctx)
{
    size_t mark = S_plen;
    for (const char *p = tpl; *p; p++) {
        if (*p != '%' || !p[1]) {
            S_pput(p, 1);
            continue;
        }
        p++;
        switch (*p) {
        case 'S': S_pputs(subj); break;
        case 'A': S_pputs(aud); break;
        case 'C': S_pputs(ctx); break;
        case 'P': S_pputs(PICK(W_PRO)); break;
        case 'T': S_pputs(PICK(W_THING)); break;
        case 'F': S_pputs(PICK(W_FACTOR)); break;
        case 'E': S_pputs(PICK(W_EVENT)); break;
        case 'W': S_pputs(PICK(W_TIME)); break;
        case 'X': S_pputs(PICK(W_ACT)); break;
        case 'J': S_pputs(PICK(W_ADJ)); break;
        case '%': S_pput("%", 1); break;
        default: S_pput(p - 1, 2); break;
        }
    }
    S_cap(mark);
}

/* Writes the paragraph: as one line, or hard-wrapped at 72 columns (bytes; the few
   multi-byte characters only make a line a little shorter). */
static void S_flush(int wrap)
{
    if (!wrap) {
        fwrite(S_para, 1, S_plen, stdout);
        putchar('\n');
    } else {
        size_t start = 0;
        while (start < S_plen) {
            size_t end = S_plen;
            if (end - start > 72) {
                end = start + 72;
                while (end > start && S_para[end] != ' ') end--;
                if (end == start) { /* one long word: break after it */
                    end = start + 72;
                    while (end < S_plen && S_para[end] != ' ') end++;
                }
            }
            fwrite(S_para + start, 1, end - start, stdout);
            putchar('\n');
            start = end;
            while (start < S_plen && S_para[start] == ' ') start++;
        }
    }
    S_plen = 0;
}

/* One answer paragraph of 2-5 sentences. */
static void S_answer_para(void)
{
    size_t n = 2 + S_below(4);
    for (size_t k = 0; k < n; k++) {
        if (k) S_pput(" ", 1);
        unsigned r = (unsigned)S_below(1000);
        if (S_style != MIXED && r < 220) r = 220; /* nothing planted */
        if (r < 100)
            S_fill(PICK(S_CLAIM), "", "", "");
        else if (r < 220)
            S_fill(PICK(S_HEDGE), "", "", "");
        else
            S_fill(PICK(S_PLAIN), "", "", "");
    }
}

/* The planted questions refer back to earlier ones. */
typedef struct {
    unsigned tpl, subj, aud, ctx;
} qkey;

static void S_question(const qkey *k, int variant)
{
    const char *ctx = Q_CTX[k->ctx];
    S_fill(Q_TPL[k->tpl][variant], Q_SUBJ[k->subj], Q_AUD[k->aud], ctx);
}

/* An exact duplicate after folding: the same words, with case, spacing or quotes changed. */
static void S_dup_question(const qkey *k)
{
    S_question(k, 0);
    switch (S_below(4)) {
    case 0: break; /* verbatim */
    case 1:        /* lower case */
        for (size_t i = 0; i < S_plen; i++)
            if (S_para[i] >= 'A' && S_para[i] <= 'Z') S_para[i] += 32;
        break;
    case 2: { /* doubled spaces */
        char tmp[sizeof S_para];
        size_t n = 0;
        for (size_t i = 0; i < S_plen && n + 2 < sizeof tmp; i++) {
            tmp[n++] = S_para[i];
            if (S_para[i] == ' ') tmp[n++] = ' ';
        }
        memcpy(S_para, tmp, n);
        S_plen = n;
        break;
    }
    default: /* quoted subject: "..." folded away */
        if (S_plen > 1) {
            char tmp[sizeof S_para];
            size_t n = (size_t)snprintf(tmp, sizeof tmp, "\xE2\x80\x9C%.*s\xE2\x80\x9D?",
                                        (int)(S_plen - 1), S_para);
            if (n >= sizeof tmp) n = sizeof tmp - 1;
            memcpy(S_para, tmp, n);
            S_plen = n;
        }
        break;
    }
}

static void S_entry(const qkey *k, int variant, int dup, int missing)
{
    if (dup)
        S_dup_question(k);
    else
        S_question(k, variant);
    S_flush(0);
    putchar('\n');
    if (missing) {
        if (S_chance(500)) {
            S_pputs(PICK(S_PLACEHOLDER));
            S_flush(0);
            putchar('\n');
        }
        /* else: no answer at all, the next question follows */
        return;
    }
    if (S_style == SHORT) { /* one sentence on one line, its own (no duplicate answers) */
        static unsigned long seq;
        char tpl[96];
        snprintf(tpl, sizeof tpl, "Ask a practitioner about %%S for %%A %%C, topic %lu.", ++seq);
        S_fill(tpl, Q_SUBJ[k->subj], Q_AUD[k->aud], Q_CTX[k->ctx]);
        S_flush(0);
        putchar('\n');
        return;
    }
    size_t paras = S_style == LONG ? 8 + S_below(5) : 1 + S_below(3);
    int source = S_chance(180);
    int source_own_para = S_chance(500);
    for (size_t p = 0; p < paras; p++) {
        int wrap = S_chance(500);
        S_answer_para();
        if (source && p + 1 == paras && !source_own_para) {
            S_flush(wrap);
            S_pputs("Source: ");
        } else {
            S_flush(wrap);
            putchar('\n');
            continue;
        }
        /* the Source: line closes the last paragraph */
        if (S_chance(600)) {
            char url[128];
            snprintf(url, sizeof url, "https://example.org/research/smp-%u-%u", k->subj, k->ctx);
            S_pputs(url);
        } else {
            S_pputs(PICK(S_CITE));
        }
        S_flush(0);
        putchar('\n');
        source = 0;
    }
    if (source) {
        S_pputs("Sources: https://example.org/guides/aftercare, ");
        S_pputs(PICK(S_CITE));
        S_flush(0);
        putchar('\n');
    }
}

/* The i-th element of a random permutation of 0..space-1 (partial Fisher-Yates: call with
   i = 0, 1, 2, ... in order; perm must have been filled with the identity by the caller). */
static size_t S_draw(uint32_t *perm, size_t space, size_t i)
{
    if (i >= space) return perm[i % space]; /* not reached: N <= 400000 < space */
    size_t j = i + S_below(space - i);
    uint32_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
    return perm[i];
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fputs("usage: gen N [SEED [mixed|clean|short|long]] > FILE\n", stderr);
        return 2;
    }
    char *end;
    unsigned long long n = strtoull(argv[1], &end, 10);
    unsigned long long seed = 1;
    if (*end || n == 0 || n > 400000ull) {
        fputs("gen: N must be 1..400000\n", stderr);
        return 2;
    }
    if (argc >= 3) {
        seed = strtoull(argv[2], &end, 10);
        if (*end) {
            fputs("gen: SEED must be a number\n", stderr);
            return 2;
        }
    }
    if (argc == 4) {
        const char *st = argv[3];
        if (!strcmp(st, "mixed")) S_style = MIXED;
        else if (!strcmp(st, "clean")) S_style = CLEAN;
        else if (!strcmp(st, "short")) S_style = SHORT;
        else if (!strcmp(st, "long")) S_style = LONG;
        else {
            fputs("gen: STYLE must be mixed, clean, short or long\n", stderr);
            return 2;
        }
    }
    S_state = seed * 0x2545F4914F6CDD1Dull + 12345u;
    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);

    const size_t nt = NELEM(Q_TPL), ns = NELEM(Q_SUBJ), na = NELEM(Q_AUD), nc = NELEM(Q_CTX);
    const size_t space = nt * ns * na * nc; /* 480000 distinct questions */
    uint32_t *perm = malloc(space * sizeof *perm);

    printf("---\nid: generated-faq-%llu\nlang: en\nurl: https://example.com/faq/generated-%llu\n"
           "modified: 2024-05-01\nauthor: faq bench generator\n---\n\n",
           n, n);
    printf("Scalp Micropigmentation FAQ (%llu questions)\n\n", n);
    S_pputs("Scalp micropigmentation (SMP) is a cosmetic treatment that places tiny dots of "
            "pigment in the scalp to suggest hair follicles or a closely shaved head.");
    if (S_style == MIXED) S_pputs(" In this article we answer the questions clients ask most often.");
    S_flush(1);
    putchar('\n');
    S_answer_para();
    S_flush(0);
    putchar('\n');

    qkey *keys = malloc((size_t)n * sizeof *keys);
    if (!keys || !perm) {
        fputs("gen: out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0; i < space; i++) perm[i] = (uint32_t)i;
    /* mixed: the last entry follows the conclusion */
    unsigned long long body = n > 1 && S_style == MIXED ? n - 1 : n;
    unsigned long long made = 0;                 /* distinct questions so far */
    for (unsigned long long i = 0; i < body; i++) {
        unsigned r = (unsigned)S_below(1000);
        if (S_style != MIXED) r = 1000;
        if (made > 10 && r < 20) { /* 2%: duplicate question, answered */
            S_entry(&keys[S_below((size_t)made)], 0, 1, 0);
            continue;
        }
        if (made > 10 && r < 30) { /* 1%: near-duplicate (reworded), answered */
            S_entry(&keys[S_below((size_t)made)], 1, 0, 0);
            continue;
        }
        size_t x = S_draw(perm, space, (size_t)made);
        qkey k;
        k.ctx = (unsigned)(x % nc); x /= nc;
        k.aud = (unsigned)(x % na); x /= na;
        k.subj = (unsigned)(x % ns); x /= ns;
        k.tpl = (unsigned)(x % nt);
        keys[made++] = k;
        S_entry(&k, 0, 0, r < 40); /* 1%: missing answer */
    }

    /* Conclusion after two blank lines, then one more question. */
    putchar('\n');
    putchar('\n');
    S_pputs("Scalp micropigmentation is a considered choice. Talk to a qualified provider, look "
            "at healed results and plan the aftercare before you book.");
    S_flush(1);
    if (n > 1 && S_style == MIXED) {
        size_t x = S_draw(perm, space, (size_t)made);
        qkey k;
        k.ctx = (unsigned)(x % nc); x /= nc;
        k.aud = (unsigned)(x % na); x /= na;
        k.subj = (unsigned)(x % ns); x /= ns;
        k.tpl = (unsigned)(x % nt);
        putchar('\n');
        S_entry(&k, 0, 0, 0);
    }
    free(keys);
    free(perm);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("gen: write error\n", stderr);
        return 1;
    }
    return 0;
}
