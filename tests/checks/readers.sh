#!/bin/sh
# readers: how an input's reader is chosen (tools/readers.c's table): --from NAME, else the
# extension of the file's name (or of --stdin-filename's for -), else its content; and that a
# text FAQ opening with an HTML comment (a licence line) is text, never refused as XML.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "readers: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-readers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "readers: FAIL: $*"; fail=1; }
# want STATUS CMD...: runs faq CMD, output in $tmp/out (stdout+stderr), checks the status
want() { w=$1; shift; "$faq" "$@" > "$tmp/out" 2>&1; rc=$?; [ "$rc" = "$w" ] || ko "faq $*: exit $rc, want $w: $(head -3 "$tmp/out")"; }

printf '<!-- SPDX-License-Identifier: CC-BY-4.0 -->\nBoat FAQ\n\nHow long is the trip?\n\nAbout two hours.\n' > "$tmp/spdx.txt"
want 0 export --to xml "$tmp/spdx.txt"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "spdx.txt: the question is not read: $(head -5 "$tmp/out")"

cat > "$tmp/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Boat FAQ</title></head><body><h1>Boat FAQ</h1>
<details><summary>How long is the trip?</summary><p>About two hours.</p></details>
</body></html>
HTML
# standard input: named by --stdin-filename, or sniffed
want 0 export --to xml --stdin-filename site/boat.html - < "$tmp/page.html"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "--stdin-filename boat.html: not read as a page"
want 0 export --to xml - < "$tmp/page.html"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "a page on standard input is not sniffed as one"
want 0 export --to xml --from html - < "$tmp/page.html"
# --from overrides the extension
cp "$tmp/page.html" "$tmp/page.txt"
want 0 export --to xml --from html "$tmp/page.txt"
grep -q '<question>How long is the trip?</question>' "$tmp/out" || ko "--from html page.txt: not read as a page"
"$faq" export --to xml "$tmp/spdx.txt" > "$tmp/faq.xml" 2>/dev/null
cp "$tmp/faq.xml" "$tmp/faq.data"
want 0 lint --from xml "$tmp/faq.data"
want 0 lint - < "$tmp/faq.xml"
# stdin-filename names the findings too
printf 'Boat FAQ\n\nHow long is the trip?\n\nAbout two hours.\n\nHow long is the trip?\n\nTwo hours.\n' > "$tmp/bad.txt"
want 1 lint --stdin-filename docs/boat.txt - < "$tmp/bad.txt"
grep -q '^docs/boat.txt:7:' "$tmp/out" || ko "--stdin-filename: findings not under the name: $(head -2 "$tmp/out")"
want 1 export --to xml --stdin-filename docs/boat.txt - < "$tmp/bad.txt"
want 0 export --to xml -q --stdin-filename docs/boat.txt - < "$tmp/spdx.txt"
# unknown reader: a usage error naming every reader
want 2 lint --from docx "$tmp/spdx.txt"
for r in text xml html; do grep -q "$r" "$tmp/out" || ko "--from docx: the message does not list $r"; done
# the help lists the readers from the table
"$faq" --help > "$tmp/help"
grep -q -- '--from NAME' "$tmp/help" || ko "--help does not describe --from"
grep -q 'an HTML page (\*.html, \*.htm, \*.xhtml)' "$tmp/help" || ko "--help does not list the HTML reader's extensions"
exit $fail
