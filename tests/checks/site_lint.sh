#!/bin/sh
# site_lint: `faq lint public/` on a built static site (tests/bench/gen_site.awk: 300 pages, a
# third with a FAQ and FAQPage markup, some of them with markup that disagrees with the page)
# gives exactly the findings the generator planted, each page once; pages without a FAQ are
# skipped without a word and counted in --format json; the exit status is 1 with findings
# and 0 on the same site without them. This is the README's CI recipe, run as it stands.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "site_lint: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-site.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "site_lint: FAIL: $*"; fail=1; }

cd "$tmp" || exit 1
awk -v pages=300 -v out=public -v defects=1 -f "$root/tests/bench/gen_site.awk" > want.txt || { echo "site_lint: the generator failed"; exit 1; }
[ "$(find public -name '*.html' | wc -l)" -eq 300 ] || ko "the generator wrote $(find public -name '*.html' | wc -l) pages, not 300"

# The CI recipe: faq lint public/
"$faq" lint public/ > human.txt 2>&1
rc=$?
[ "$rc" = 1 ] || ko "faq lint public/: exit $rc, want 1 (findings): $(head -3 human.txt)"
"$faq" lint --format json public/ > report.json 2>&1
rc=$?
[ "$rc" = 1 ] || ko "faq lint --format json public/: exit $rc, want 1"
while read -r rule count; do
  if [ "$rule" = skipped ]; then
    got=$(grep -o '"skipped": [0-9]*' report.json | grep -o '[0-9]*$')
  else
    got=$(grep -c "\"rule\": \"$rule\"" report.json)
    hgot=$(grep -c "\[$rule\]\$" human.txt)
    [ "$hgot" = "$count" ] || ko "$rule: $hgot findings in the human report, want $count"
  fi
  [ "$got" = "$count" ] || ko "$rule: $got in the JSON report, want $count"
done < want.txt
# Nothing else: no content rule fires on the generated FAQ, no page without a FAQ is named.
others=$(grep -o '"rule": "[a-z-]*"' report.json | grep -v -E 'markup-differs|markup-not-visible|markup-missing|jsonld-syntax' | sort | uniq -c)
[ -z "$others" ] || ko "findings nobody planted: $others"
# Each finding names the markup's place and (but markup-not-visible on a page with no FAQ) the page's.
grep '\[markup-differs\]' human.txt | grep -v -q -E '\(markup at [0-9]+:[0-9]+\) differs from the page.s at [0-9]+:[0-9]+' &&
  ko "a markup-differs finding does not name both places: $(grep -m1 '\[markup-differs\]' human.txt)"
grep '\[markup-missing\]' human.txt | grep -v -q -E '^public/s[0-9]+/p[0-9]+\.html:[0-9]+:[0-9]+: .*FAQPage at [0-9]+:[0-9]+' &&
  ko "a markup-missing finding does not name both places: $(grep -m1 '\[markup-missing\]' human.txt)"
# A page with FAQPage markup and no visible FAQ is not skipped.
grep -q 'is not on the page (the page shows no FAQ)' human.txt || ko "a page with FAQPage markup and no visible FAQ was skipped"

# The same site without the planted defects: quiet, exit 0, the same pages skipped.
rm -rf public
awk -v pages=300 -v out=public -f "$root/tests/bench/gen_site.awk" || exit 1
"$faq" lint public/ > clean.txt 2>&1
rc=$?
[ "$rc" = 0 ] || ko "the site without defects: exit $rc, want 0: $(head -3 clean.txt)"
[ -s clean.txt ] && ko "the site without defects: faq lint printed: $(head -3 clean.txt)"
"$faq" lint --format json public/ > clean.json 2>&1
grep -q '"skipped": 200' clean.json || ko "the site without defects: $(grep summary clean.json), want 200 skipped"
exit $fail
