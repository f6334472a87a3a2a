#!/bin/sh
# html_jsonld_embedded: the HTML page embeds, in its head, exactly the bytes of the JSON-LD export,
# once, in a <script type="application/ld+json"> element that nothing in the content can close.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/validators/exports.sh"
FAQ=${FAQ:-$top/build/faq}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/h" "$tmp/j"
make_exports html "$tmp/h" || exit 1
make_exports jsonld "$tmp/j" || exit 1
fail=0 n=0
for h in "$tmp"/h/*.html; do
  b=$(basename "$h" .html)
  j="$tmp/j/$b.jsonld"
  [ -f "$j" ] || continue
  grep -q '"@graph"' "$j" && continue # --graph: the page still embeds its FAQPage
  n=$((n + 1))
  # The element's content: the lines after the opening tag up to the closing one.
  sed -n '/^<script type="application\/ld+json">$/,/^<\/script>$/p' "$h" | sed '1d;$d' > "$tmp/emb"
  if ! cmp -s "$tmp/emb" "$j"; then echo "$b.html: embedded JSON-LD differs from $b.jsonld"; fail=1; fi
  if [ "$(grep -c '<script' "$h")" != 1 ] || [ "$(grep -c '</script' "$h")" != 1 ]; then
    echo "$b.html: expected exactly one <script> element"; fail=1
  fi
  head=$(sed -n '1,/^<\/head>$/p' "$h")
  case $head in *'<script type="application/ld+json">'*) ;; *) echo "$b.html: the JSON-LD is not in <head>"; fail=1 ;; esac
done
[ $n -gt 0 ] || { echo "no HTML page to check"; exit 1; }
[ $fail -eq 0 ] && echo "$n pages embed their JSON-LD byte for byte"
exit $fail
