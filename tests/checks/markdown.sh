#!/bin/sh
# markdown: Markdown inputs are chosen by extension (.md, .markdown, .mdx), by --from md or by
# --stdin-filename NAME.md; a directory walk skips a Markdown file without a FAQ (a README, a
# CHANGELOG) without a word, while such a file named on the command line is an error (exit 2).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "markdown: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-md.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "markdown: FAIL: $*"; fail=1; }
want() { w=$1; shift; "$faq" "$@" > "$tmp/out" 2>&1; rc=$?; [ "$rc" = "$w" ] || ko "faq $*: exit $rc, want $w: $(head -3 "$tmp/out")"; }

mkdir -p "$tmp/docs/guide"
printf '# Boat FAQ\n\n## How long is the trip?\n\nAbout two hours.\n' > "$tmp/docs/faq.md"
printf '# Boat tours\n\nSee the FAQ.\n\n## Changelog\n\n- 1.0: first trips.\n' > "$tmp/docs/README.md"
printf '# Notes\n\nNothing to ask.\n' > "$tmp/docs/guide/notes.markdown"
cp "$tmp/docs/faq.md" "$tmp/docs/guide/more.mdx"
want 0 lint "$tmp/docs"
[ -s "$tmp/out" ] && ko "a walk over Markdown without FAQs is not quiet: $(head -3 "$tmp/out")"
want 0 lint --format json "$tmp/docs"
grep -q '"skipped": *2' "$tmp/out" || ko "the walk does not count the two Markdown files without a FAQ as skipped: $(head -c 300 "$tmp/out")"
want 2 lint "$tmp/docs/README.md"
grep -q 'README.md:1:1: error: no FAQ in this Markdown file' "$tmp/out" || ko "README.md named on its own: no clear error: $(head -2 "$tmp/out")"
want 2 export --to jsonld "$tmp/docs/README.md"
# the ways to choose the reader
want 0 export --to xml "$tmp/docs/guide/more.mdx"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko ".mdx is not read as Markdown"
want 0 export --to xml --stdin-filename docs/faq.md - < "$tmp/docs/faq.md"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "--stdin-filename faq.md: not read as Markdown"
cp "$tmp/docs/faq.md" "$tmp/faq.txt"
want 0 export --to xml --from md "$tmp/faq.txt"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "--from md: not read as Markdown"
"$faq" --help > "$tmp/help" 2>&1
grep -q 'Markdown (\*.md, \*.markdown, \*.mdx)' "$tmp/help" || ko "--help does not list the Markdown reader"
exit $fail
