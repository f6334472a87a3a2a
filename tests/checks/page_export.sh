#!/bin/sh
# page_export: `faq export --to jsonld page.html` gives the FAQPage of the FAQ the page shows,
# and that FAQPage, put into the page in place of the page's own structured data, passes the
# page rules: no jsonld-syntax, faqpage-*, markup-* finding. For every page of tests/cases/page
# and tests/cases/html whose visible FAQ exports (the others have content errors on purpose).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "page_export: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-page-export.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0
for page in "$root"/tests/cases/page/*.html "$root"/tests/cases/html/*.html; do
  name=$(basename "$page")
  "$faq" export --to jsonld "$page" > "$tmp/ld.json" 2> "$tmp/err" || continue
  # The page without its own JSON-LD blocks and microdata FAQPage, the export in its head.
  awk -v ld="$tmp/ld.json" '
    /<script type="application\/ld\+json">/ { skip = 1 }
    skip { if ($0 ~ /<\/script>/) skip = 0; next }
    !done && (/<\/head>/ || /<body/) {
      print "<script type=\"application/ld+json\">"
      while ((getline line < ld) > 0) print line
      print "</script>"
      done = 1
    }
    { gsub(/itemtype="https:\/\/schema\.org\/FAQPage"/, ""); print }
  ' "$page" > "$tmp/$name"
  grep -q 'application/ld+json' "$tmp/$name" || { echo "page_export: $name: the export was not injected"; fail=1; continue; }
  "$faq" lint --format json "$tmp/$name" > "$tmp/out.json" 2>&1
  if grep -E '"rule": "(jsonld-syntax|faqpage-profile|faqpage-multiple|markup-not-visible|markup-differs|markup-missing)"' "$tmp/out.json"; then
    echo "page_export: $name: its own export, put into the page, is not accepted by the page rules"
    fail=1
  fi
  n=$((n + 1))
done
# A page that shows no FAQ has nothing to export (not an empty FAQPage with exit 0).
if "$faq" export --to jsonld "$root/tests/cases/page/no-visible.html" > "$tmp/ld.json" 2>"$tmp/err"; then
  echo "page_export: no-visible.html: exported with exit 0: $(head -3 "$tmp/ld.json")"; fail=1
fi
[ "$n" -ge 8 ] || { echo "page_export: only $n pages exported"; fail=1; }
exit $fail
