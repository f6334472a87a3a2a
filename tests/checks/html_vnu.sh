#!/bin/sh
# html_vnu: faq's HTML pages pass the Nu Html Checker (vnu.jar, pinned npm package vnu-jar, run
# offline with the machine's java), warnings included, and load nothing from outside.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/validators/deps.sh"
. "$top/tests/validators/exports.sh"
FAQ=${FAQ:-$top/tools/faq}
need_java || exit $?
need_node_modules || exit $?
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
vnu() { java -Xss8m -jar "$top/tests/node_modules/vnu-jar/build/dist/vnu.jar" "$@"; }

if vnu --Werror --format gnu "$top/tests/validators/fixtures/bad-page.html" > "$tmp/out" 2>&1; then
  echo "vnu accepted the bad fixture bad-page.html"; exit 1
fi

mkdir "$tmp/x"
make_exports html "$tmp/x" || exit 1
fail=0
# Nothing external: no src attributes, no stylesheet or preload links, no url() or @import in CSS.
for f in "$tmp"/x/*.html; do
  if grep -n -E ' src=|<link rel="(stylesheet|preload|icon|manifest)|url\(|@import|<iframe|<img|<object|<embed' "$f"; then
    echo "$(basename "$f"): loads an external resource"; fail=1
  fi
done
# Pages exported without a language (content with no lang: key and no --lang) are otherwise
# checked in full; only the checker's "consider adding a lang attribute" hint is filtered.
if ! vnu --Werror --also-check-css --format gnu \
     --filterpattern '.*Consider adding (a )?“lang.*' "$tmp"/x/*.html > "$tmp/out" 2>&1; then
  sed "s|$tmp/x/||g" "$tmp/out"; fail=1
fi
[ $fail -eq 0 ] && echo "$(ls "$tmp"/x/*.html | wc -l) HTML pages valid (Nu Html Checker)"
exit $fail
