#!/bin/sh
# exit_status: the exit status is what the README promises where it is easy to get wrong:
#   - a report or export to a pipe whose reader stops early (`| head -1`) ends with exit 2 and
#     no message (SIGPIPE ignored, EPIPE handled), in every lint format and for an export;
#   - a full disk is exit 2 with a message;
#   - `faq --version extra` is a usage error (2);
#   - JUnit failures agree with the exit status under every --fail-on and --max-warnings.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "exit_status: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-exit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "exit_status: FAIL: $*"; fail=1; }

# A FAQ whose report is far larger than a pipe's buffer (several MB in every format).
awk 'BEGIN { print "Big FAQ\n\nIntro.\n"; for (i = 0; i < 6000; i++) printf "Question %d?\n\nIt is guaranteed and 100%% painless, number %d.\n\n", i, i }' > "$tmp/big.txt"

for fmt in human json sarif github junit gitlab checkstyle; do
    { "$faq" lint --format "$fmt" "$tmp/big.txt" 2> "$tmp/err"; echo $? > "$tmp/rc"; } | head -1 > /dev/null
    rc=$(cat "$tmp/rc")
    [ "$rc" = 2 ] || ko "faq lint --format $fmt big.txt | head -1: exit $rc, want 2"
    [ -s "$tmp/err" ] && ko "faq lint --format $fmt big.txt | head -1 printed: $(head -2 "$tmp/err")"
done
{ "$faq" export --to jsonld "$tmp/big.txt" 2> "$tmp/err"; echo $? > "$tmp/rc"; } | head -1 > /dev/null
rc=$(cat "$tmp/rc")
[ "$rc" = 2 ] || ko "faq export --to jsonld big.txt | head -1: exit $rc, want 2"
grep -q 'stdout\|pipe' "$tmp/err" && ko "faq export | head -1 printed: $(grep 'stdout\|pipe' "$tmp/err" | head -2)"

if [ -w /dev/full ]; then
    "$faq" lint "$tmp/big.txt" > /dev/full 2> "$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || ko "faq lint > /dev/full: exit $rc, want 2"
    grep -q 'No space left' "$tmp/err" || ko "faq lint > /dev/full: no message about the full disk"
fi

"$faq" --version extra > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] || ko "faq --version extra: exit $rc, want 2"
grep -q 'usage:' "$tmp/err" || ko "faq --version extra: no usage on stderr"
"$faq" --version > "$tmp/out" 2>&1 || ko "faq --version: exit $?"

# JUnit: a failure or an error in the report exactly when the exit status is not 0.
cases="$root/tests/cases/report"
for f in "$cases"/*.txt "$root"/content/*.txt; do
    for opts in "" "--fail-on warning" "--fail-on info" "--max-warnings 0" "--max-warnings 100" \
                "--fail-on info --config $cases/config/info.xml" "--fail-on warning --config $cases/config/info.xml"; do
        # shellcheck disable=SC2086
        "$faq" lint --format junit $opts "$f" > "$tmp/j.xml" 2>/dev/null
        rc=$?
        failing=$(sed -n 's/^<testsuites .*failures="\([0-9]*\)" errors="\([0-9]*\)".*/\1\2/p' "$tmp/j.xml")
        if [ "$rc" = 0 ] && [ "$failing" != 00 ]; then ko "junit $opts $(basename "$f"): failures in the report, exit 0"; fi
        if [ "$rc" != 0 ] && [ "$failing" = 00 ]; then ko "junit $opts $(basename "$f"): no failure in the report, exit $rc"; fi
    done
done
exit $fail
