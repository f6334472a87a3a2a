#!/bin/sh
# run.sh: the benchmark (`make bench`): every input path of faq, measured side by side with
# xmllint on the same content, round by round.
#
# Usage: sh tests/bench/run.sh path/to/faq
#
# Inputs are generated (tests/bench/gen.c, deterministic) and turned into FAQ XML with
# `faq export --to xml --force`. Each table below is a list of rows; a row compares the
# command it measures ("faq") with a baseline ("base", usually xmllint --schema on the same
# content as XML). All the commands of one group run once per round, side by side (measure.c
# rotates their order each round), so a busy machine slows both sides of a comparison alike.
# For each command: median wall time with its min–max, median CPU time (user+sys), peak RSS
# (largest of the runs) and bytes written to storage; per row the ratio to the baseline,
# computed round by round (median and interquartile range), and the growth from the row's
# smaller size to its larger one (by CPU time, which a busy machine does not inflate). A target is "met" when the whole interquartile range is
# within its limit, "not met" when the whole range is past it, and otherwise "spread too wide
# for a verdict". Prints Markdown tables (also written to out/bench.md) and writes every run of
# every command to out/bench.json. Exits 1 only when it cannot measure (a build error, a
# crash, an unexpected exit status), never on a target.
#
# Environment:
#   BENCH_SIZES   entries of the large paths (default "10000 100000")
#   BENCH_ROUNDS  rounds per group (default 5; start-up runs 8 times as many)
#   BENCH_LOAD    1: loaded mode, another process keeps one core busy for the whole run
#                 (measure burn: it stops by itself when the run ends or after an hour)
#   BENCH_ONLY    run only the tables whose name matches this extended regex
#   BENCH_SITE_PAGES  pages of the generated site (default 10000)
#   BENCH_JSON, BENCH_MD   output files (default out/bench.json and out/bench.md, or
#                 out/bench-loaded.* in loaded mode)
#   CC, TMPDIR
#
# Adding a row: generate its input in a group below, then
#   bench_case TABLE ROW ENTRIES ROLE BYTES OKCODES CMD...   (ROLE faq or base)
#   bench_same TABLE ROW ENTRIES ROLE ID                     (reuse a case measured already)
#   bench_target TABLE ROW ENTRIES KIND LIMIT                (KIND: wall, cpu, memory,
#                                                             growth, written)
#   bench_measure [ROUNDS]                                   (runs the cases added since)
# A new table: bench_table NAME "title" "what its faq and base columns run".

set -u

if [ $# -ne 1 ]; then
    echo "usage: sh tests/bench/run.sh path/to/faq" >&2
    exit 2
fi
case $1 in
/*) FAQ=$1 ;;
*) FAQ=$(pwd)/$1 ;;
esac
if [ ! -x "$FAQ" ]; then
    echo "bench: $1: not an executable (build it first: make build)" >&2
    exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIZES=${BENCH_SIZES:-"10000 100000"}
ROUNDS=${BENCH_ROUNDS:-5}
LOAD=${BENCH_LOAD:-0}
ONLY=${BENCH_ONLY:-}
if [ "$LOAD" = 1 ]; then sfx=-loaded; else sfx=; fi
JSON=${BENCH_JSON:-$ROOT/out/bench$sfx.json}
MD=${BENCH_MD:-$ROOT/out/bench$sfx.md}
CC=${CC:-cc}
XSD=$ROOT/schema/faq.xsd
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-bench.XXXXXX") || exit 2
burner=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    if [ -n "$burner" ]; then kill "$burner" 2>/dev/null; wait "$burner" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

warn() {
    echo "bench: $*" >&2
}

# ---- tools ------------------------------------------------------------------------------
CFLAGS_BENCH="-std=c11 -O2 -D_DEFAULT_SOURCE -Wall -Wextra"
for t in gen measure; do
    # shellcheck disable=SC2086 # CC and CFLAGS_BENCH are word lists
    $CC $CFLAGS_BENCH -o "$tmp/$t" "$HERE/$t.c" || { warn "cannot compile tests/bench/$t.c"; exit 1; }
done
if ! command -v xmllint >/dev/null 2>&1; then
    warn "xmllint not found (Debian: apt-get install libxml2-utils): it is the baseline of every table"
    exit 1
fi
XMLLINT=$(command -v xmllint)

# ---- the registry -------------------------------------------------------------------------
TABLES=$tmp/tables.tsv   # NAME TITLE DESCRIPTION
CASES=$tmp/cases.tsv     # ID TABLE ROW ENTRIES ROLE BYTES RUNID OKCODES COMMAND
TARGETS=$tmp/targets.tsv # TABLE ROW ENTRIES KIND LIMIT
PLAN=$tmp/plan.tsv       # RUNID ARG0 ARG1 ... (the commands of the current group)
OKS=$tmp/ok.tsv          # RUNID OKCODES
RUNS=$tmp/runs.txt       # RUNID ROUND WALL USER SYS PEAK_KB WRITE_BYTES STATUS
: >"$TABLES"; : >"$CASES"; : >"$TARGETS"; : >"$PLAN"; : >"$OKS"; : >"$RUNS"
ncase=0
failed=0
TAB=$(printf '\t')

wanted() { # TABLE: whether BENCH_ONLY selects it
    [ -z "$ONLY" ] || echo "$1" | grep -Eq -- "$ONLY"
}

bench_table() { # NAME TITLE DESCRIPTION
    printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$TABLES"
}

bench_case() { # TABLE ROW ENTRIES ROLE BYTES OKCODES CMD...
    bc_t=$1 bc_r=$2 bc_n=$3 bc_role=$4 bc_b=$5 bc_ok=$6
    shift 6
    wanted "$bc_t" || return 0
    ncase=$((ncase + 1))
    bc_line=c$ncase bc_cmd=
    for a in "$@"; do
        case $a in *"$TAB"*) warn "an argument holds a tab: $a"; exit 1 ;; esac
        bc_line="$bc_line$TAB$a"
        bc_cmd="$bc_cmd${bc_cmd:+ }$a"
    done
    printf '%s\n' "$bc_line" >>"$PLAN"
    printf 'c%s\t%s\n' "$ncase" "$bc_ok" >>"$OKS"
    printf 'c%s\t%s\t%s\t%s\t%s\t%s\tc%s\t%s\t%s\n' "$ncase" "$bc_t" "$bc_r" "$bc_n" "$bc_role" "$bc_b" "$ncase" \
        "$bc_ok" "$(echo "$bc_cmd" | sed "s|$tmp/||g; s|$ROOT/||g")" >>"$CASES"
    LAST=c$ncase
}

bench_same() { # TABLE ROW ENTRIES ROLE ID: the runs of case ID count for this row too
    wanted "$1" || return 0
    awk -F'\t' -v OFS='\t' -v id="$5" -v t="$1" -v r="$2" -v n="$3" -v role="$4" \
        '$1 == id { print id "+" t "+" r "+" role, t, r, n, role, $6, $7, $8, $9 }' "$CASES" >>"$CASES.add"
    cat "$CASES.add" >>"$CASES"
    rm -f "$CASES.add"
}

bench_target() { # TABLE ROW ENTRIES KIND LIMIT
    wanted "$1" || return 0
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$TARGETS"
}

bench_measure() { # [ROUNDS]: runs the group's commands round by round
    [ -s "$PLAN" ] || return 0
    "$tmp/measure" run "$PLAN" "${1:-$ROUNDS}" "$RUNS" || { warn "measure failed"; exit 1; }
    # unexpected exit statuses: say which command, and show its messages from one more run
    awk -F'\t' 'NR == FNR { ok[$1] = " " $2 " "; next }
                ($1 in ok) && index(ok[$1], " " $8 " ") == 0 { print $1 }' "$OKS" \
        FS=' ' "$RUNS" 2>/dev/null | sort -u >"$tmp/bad"
    while read -r id; do
        grep -q "^$id$TAB" "$OKS" || continue
        failed=1
        line=$(grep "^$id$TAB" "$PLAN")
        warn "$id: unexpected exit status (wanted: $(grep "^$id$TAB" "$OKS" | cut -f2)): $(echo "$line" | cut -f2- | tr '\t' ' ')"
        # shellcheck disable=SC2046 # the command's words, split at tabs
        (IFS=$TAB; set -f; set -- $(echo "$line" | cut -f2-); "$@" 2>&1 >/dev/null | head -5 | sed 's/^/    /' >&2)
    done <"$tmp/bad"
    : >"$PLAN"
    : >"$OKS"
}

size_of() {
    wc -c <"$1" | tr -d ' '
}

# to_xml TEXT XML: the same content as FAQ XML
to_xml() {
    "$FAQ" export --to xml --force -o "$2" "$1" >/dev/null 2>"$tmp/x.err"
    if [ ! -s "$2" ]; then
        warn "faq export --to xml failed for $1:"
        head -5 "$tmp/x.err" >&2
        exit 1
    fi
}

# valid_copy XML OUT: the XML with each empty answer given a paragraph (schema-valid)
valid_copy() {
    sed 's|<answer/>|<answer><p>x</p></answer>|; s|<answer></answer>|<answer><p>x</p></answer>|' "$1" >"$2"
}

if [ "$LOAD" = 1 ]; then
    "$tmp/measure" burn 3600 &
    burner=$!
    echo "bench: loaded mode: process $burner keeps one core busy" >&2
fi
load_start=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo -1)

# ---- tables -------------------------------------------------------------------------------
bench_table startup "Start-up" \
    "faq lint on a 10-entry FAQ (text, and the same as XML) against xmllint --noout --schema schema/faq.xsd on its XML: one process per file, as pre-commit hooks and editors run it"
bench_table paths "Input paths" \
    "faq lint (or export, as named) against xmllint --noout --schema schema/faq.xsd on the same content as XML (for content with findings, on a copy whose empty answers get a paragraph, so that xmllint takes its valid path); refused export against faq lint on the same file"
bench_table memory "Memory for short and long entries" \
    "peak memory of faq lint and export (4 formats) per byte of input, for one-line answers and for answers of 8-12 paragraphs, text and XML input; xmllint --schema on the XML for comparison"

bench_table site "A built site" \
    "faq lint DIR on a generated static site (tests/bench/gen_site.awk: a third of the pages with a FAQ in <details> and FAQPage JSON-LD that agrees with it, the others without a FAQ) against find DIR -name '*.html' -exec xmllint --html --noout {} + over the same files"

bench_table pathological "Pathological inputs" \
    "faq lint on inputs built to be slow, each at two sizes (growth shows whether time stays linear); base: the same size of plain ASCII prose where there is one"

# ---- start-up ---------------------------------------------------------------------------------
if wanted startup; then
    echo "bench: start-up: 10-entry FAQ" >&2
    "$tmp/gen" 10 1 clean >"$tmp/s10.txt" || exit 1
    to_xml "$tmp/s10.txt" "$tmp/s10.xml"
    tb=$(size_of "$tmp/s10.txt") xb=$(size_of "$tmp/s10.xml")
    bench_case startup "lint, text" 10 faq "$tb" "0" "$FAQ" lint "$tmp/s10.txt"
    bench_case startup "lint, text" 10 base "$xb" "0" "$XMLLINT" --noout --schema "$XSD" "$tmp/s10.xml"
    xl=$LAST
    bench_case startup "lint, XML" 10 faq "$xb" "0" "$FAQ" lint "$tmp/s10.xml"
    bench_same startup "lint, XML" 10 base "$xl"
    bench_target startup "lint, text" 10 wall 1.5
    bench_target startup "lint, text" 10 cpu 1.5
    bench_target startup "lint, XML" 10 wall 1.5
    bench_measure $((ROUNDS * 8))
fi

# ---- paths at each size ---------------------------------------------------------------------
if wanted paths; then
    largest=${SIZES##* }
    for n in $SIZES; do
        echo "bench: paths: $n entries: generating" >&2
        mixed=$tmp/mixed-$n.txt clean=$tmp/clean-$n.txt
        "$tmp/gen" "$n" 1 mixed >"$mixed" || exit 1
        "$tmp/gen" "$n" 1 clean >"$clean" || exit 1
        to_xml "$mixed" "$tmp/mixed-$n.xml"
        to_xml "$clean" "$tmp/clean-$n.xml"
        valid_copy "$tmp/mixed-$n.xml" "$tmp/mixed-valid-$n.xml"
        mb=$(size_of "$mixed") cb=$(size_of "$clean")
        mxb=$(size_of "$tmp/mixed-$n.xml") cxb=$(size_of "$tmp/clean-$n.xml") vb=$(size_of "$tmp/mixed-valid-$n.xml")
        mkdir -p "$tmp/exp-$n" "$tmp/refused-$n"
        X="$XMLLINT --noout --schema $XSD"
        # shellcheck disable=SC2086 # X is a word list
        {
            bench_case paths "xmllint, valid XML" "$n" faq "$cxb" "0" $X "$tmp/clean-$n.xml"
            xc=$LAST
            bench_case paths "xmllint, valid copy of the XML with findings" "$n" faq "$vb" "0" $X "$tmp/mixed-valid-$n.xml"
            xv=$LAST
        }
        bench_case paths "lint, text, no findings" "$n" faq "$cb" "0 1" "$FAQ" lint "$clean"
        lc=$LAST
        bench_same paths "lint, text, no findings" "$n" base "$xc"
        # the same FAQ as Markdown (its Markdown export), against the text's lint
        "$FAQ" export --to md --force "$clean" >"$tmp/clean-$n.md" 2>/dev/null || exit 1
        bench_case paths "lint, Markdown (base: lint of the same FAQ as text)" "$n" faq "$(size_of "$tmp/clean-$n.md")" "0 1" \
            "$FAQ" lint "$tmp/clean-$n.md"
        bench_same paths "lint, Markdown (base: lint of the same FAQ as text)" "$n" base "$lc"
        bench_target paths "lint, Markdown (base: lint of the same FAQ as text)" "$n" wall 1.3
        bench_target paths "lint, Markdown (base: lint of the same FAQ as text)" "$n" cpu 1.3
        bench_case paths "lint, text, thousands of findings" "$n" faq "$mb" "1" "$FAQ" lint "$mixed"
        lm=$LAST
        bench_same paths "lint, text, thousands of findings" "$n" base "$xv"
        bench_case paths "lint, XML, valid" "$n" faq "$cxb" "0 1" "$FAQ" lint "$tmp/clean-$n.xml"
        bench_same paths "lint, XML, valid" "$n" base "$xc"
        bench_case paths "lint, XML, thousands of schema errors" "$n" faq "$mxb" "1" "$FAQ" lint "$tmp/mixed-$n.xml"
        bench_same paths "lint, XML, thousands of schema errors" "$n" base "$xv"
        bench_case paths "export, 4 formats, text" "$n" faq "$cb" "0" \
            "$FAQ" export --to xml,jsonld,text,html -o "$tmp/exp-$n/" "$clean"
        bench_same paths "export, 4 formats, text" "$n" base "$xc"
        bench_case paths "export refused (errors), 4 formats" "$n" faq "$mb" "1" \
            "$FAQ" export --to xml,jsonld,text,html -o "$tmp/refused-$n/" "$mixed"
        bench_same paths "export refused (errors), 4 formats" "$n" base "$lm"
        for row in "lint, text, no findings" "lint, text, thousands of findings" "lint, XML, valid" \
            "lint, XML, thousands of schema errors"; do
            bench_target paths "$row" "$n" wall 1.0
            bench_target paths "$row" "$n" cpu 1.0
            [ "$n" = "$largest" ] && bench_target paths "$row" "$n" memory 3.0
            bench_target paths "$row" "$n" growth 1.25
        done
        bench_target paths "export, 4 formats, text" "$n" wall 2.0
        [ "$n" = "$largest" ] && bench_target paths "export, 4 formats, text" "$n" memory 3.0
        bench_target paths "export, 4 formats, text" "$n" growth 1.25
        bench_target paths "export refused (errors), 4 formats" "$n" written 0
        bench_target paths "export refused (errors), 4 formats" "$n" wall 1.1
        bench_target paths "export refused (errors), 4 formats" "$n" growth 1.25
        echo "bench: paths: $n entries: measuring" >&2
        bench_measure
        rm -rf "$tmp/exp-$n" "$tmp/refused-$n" "$tmp"/*-"$n".txt "$tmp"/*-"$n".xml
    done
fi

# ---- memory for short and long entries ----------------------------------------------------------
if wanted memory; then
    for spec in "short 100000" "long 10000"; do
        # shellcheck disable=SC2086 # two words
        set -- $spec
        st=$1 n=$2
        echo "bench: memory: $st entries ($n)" >&2
        "$tmp/gen" "$n" 1 "$st" >"$tmp/$st.txt" || exit 1
        to_xml "$tmp/$st.txt" "$tmp/$st.xml"
        tb=$(size_of "$tmp/$st.txt") xb=$(size_of "$tmp/$st.xml")
        mkdir -p "$tmp/exp-$st"
        bench_case memory "$st answers: xmllint" "$n" faq "$xb" "0" "$XMLLINT" --noout --schema "$XSD" "$tmp/$st.xml"
        bench_case memory "$st answers: lint, text" "$n" faq "$tb" "0" "$FAQ" lint "$tmp/$st.txt"
        bench_case memory "$st answers: export, text" "$n" faq "$tb" "0" \
            "$FAQ" export --to xml,jsonld,text,html -o "$tmp/exp-$st/" "$tmp/$st.txt"
        bench_case memory "$st answers: lint, XML" "$n" faq "$xb" "0" "$FAQ" lint "$tmp/$st.xml"
        bench_case memory "$st answers: export, XML" "$n" faq "$xb" "0" \
            "$FAQ" export --to jsonld,text,html -o "$tmp/exp-$st/" "$tmp/$st.xml"
        for r in "lint, text" "export, text" "lint, XML" "export, XML"; do
            bench_target memory "$st answers: $r" "$n" memory 3.0
        done
    done
    bench_measure 3
fi

# ---- a built site: thousands of pages, a third with a FAQ -------------------------------------
if wanted site; then
    np=${BENCH_SITE_PAGES:-10000}
    echo "bench: site: $np pages: generating" >&2
    awk -v pages="$np" -v out="$tmp/site" -f "$HERE/gen_site.awk" || { warn "gen_site.awk failed"; exit 1; }
    sb=$(find "$tmp/site" -name '*.html' -exec cat {} + | wc -c | tr -d ' ')
    bench_case site "lint, a built site" "$np" faq "$sb" "0" "$FAQ" lint "$tmp/site"
    bench_case site "lint, a built site" "$np" base "$sb" "0 1" find "$tmp/site" -name '*.html' -exec "$XMLLINT" --html --noout '{}' +
    bench_target site "lint, a built site" "$np" wall 1.5
    bench_measure
    rm -rf "$tmp/site"
fi

# ---- pathological inputs: each at two sizes, time must grow linearly ----------------------------
# (entries = the input's size in thousands of lines, directives or characters)
if wanted pathological; then
    echo "bench: pathological inputs" >&2
    for k in 25 50; do
        n=$((k * 1000))
        # n consecutive faq-disable-next-line directives aimed at one line
        awk -v n="$n" 'BEGIN { printf "D FAQ\n\nWhat is it?\n\n"; for (i = 0; i < n; i++) print "<!-- faq-disable-next-line missing-answer -->"; print "TBD" }' \
            >"$tmp/directives-$k.txt"
        bench_case pathological "consecutive next-line directives" "$k" faq "$(size_of "$tmp/directives-$k.txt")" "0" \
            "$FAQ" lint "$tmp/directives-$k.txt"
        bench_target pathological "consecutive next-line directives" "$k" growth 1.25
        # answers that open with a long `=====` rule or a Markdown table row
        awk -v n="$k" 'BEGIN { printf "R FAQ\n\n"; for (i = 0; i < n * 10; i++) { printf "What is rule %d?\n\n", i;
            for (j = 0; j < 500; j++) printf "="; printf "\n| "; for (j = 0; j < 100; j++) printf "--- | "; printf "\nThe answer.\n\n" } }' \
            >"$tmp/rules-$k.txt"
        bench_case pathological "answers opening with ===== and table-rule lines" "$k" faq "$(size_of "$tmp/rules-$k.txt")" "0" \
            "$FAQ" lint "$tmp/rules-$k.txt"
        bench_target pathological "answers opening with ===== and table-rule lines" "$k" growth 1.25
        # one word of k*100,000 e-acute characters, against one of as many ASCII e
        for ch in e é; do
            awk -v n="$((k * 100000))" -v ch="$ch" 'BEGIN { printf "W FAQ\n\nWhat is it?\n\n"; for (i = 0; i < n; i++) printf "%s", ch; printf "\n" }' \
                >"$tmp/word-$ch-$k.txt"
        done
        bench_case pathological "one word of é (k = 100,000 characters)" "$k" base "$(size_of "$tmp/word-e-$k.txt")" "0" \
            "$FAQ" lint "$tmp/word-e-$k.txt"
        bench_case pathological "one word of é (k = 100,000 characters)" "$k" faq "$(size_of "$tmp/word-é-$k.txt")" "0" \
            "$FAQ" lint "$tmp/word-é-$k.txt"
        bench_target pathological "one word of é (k = 100,000 characters)" "$k" wall 2.0
        bench_target pathological "one word of é (k = 100,000 characters)" "$k" growth 1.25
        # prose of accented words against ASCII prose, k*100 entries of 40 words
        for lang in ascii accented; do
            awk -v n="$((k * 100))" -v lang="$lang" 'BEGIN {
                if (lang == "ascii") m = split("the answer is clear and short so every reader gets it quickly without trouble", w, " ");
                else m = split("réponse été très générale où élève préfère écouter son professeur déjà âgé", w, " ");
                srand(1); printf "P FAQ\n\n";
                for (i = 0; i < n; i++) { printf "What is thing %d?\n\n", i; for (j = 0; j < 40; j++) printf "%s ", w[int(rand() * m) + 1]; printf "end.\n\n" } }' \
                >"$tmp/prose-$lang-$k.txt"
        done
        bench_case pathological "accented prose (k = 100 entries)" "$k" base "$(size_of "$tmp/prose-ascii-$k.txt")" "0" \
            "$FAQ" lint "$tmp/prose-ascii-$k.txt"
        bench_case pathological "accented prose (k = 100 entries)" "$k" faq "$(size_of "$tmp/prose-accented-$k.txt")" "0" \
            "$FAQ" lint "$tmp/prose-accented-$k.txt"
        bench_target pathological "accented prose (k = 100 entries)" "$k" wall 2.0
        bench_target pathological "accented prose (k = 100 entries)" "$k" growth 1.25
    done
    bench_measure 3
fi

# ---- report -------------------------------------------------------------------------------------
faqv=$("$FAQ" --version 2>/dev/null | head -1)
xmlv=$(xmllint --version 2>&1 | head -1)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo none)
when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_end=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo -1)
mkdir -p "$(dirname "$JSON")" "$(dirname "$MD")"

awk -v json="$JSON.tmp" -v md="$MD.tmp" -v faqv="$faqv" -v xmlv="$xmlv" -v cpu="$cpu" -v cores="$cores" \
    -v commit="$commit" -v when="$when" -v rounds="$ROUNDS" -v loaded="$LOAD" -v uname="$(uname -srm)" \
    -v load0="$load_start" -v load1="$load_end" -F '\t' -f "$HERE/report.awk" \
    "$TABLES" "$CASES" "$TARGETS" FS=' ' "$RUNS" || { warn "report failed"; exit 1; }
mv "$JSON.tmp" "$JSON" && mv "$MD.tmp" "$MD" || exit 1
cat "$MD"
echo "wrote $MD and $JSON"
exit "$failed"
