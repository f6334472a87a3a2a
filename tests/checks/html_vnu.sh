#!/bin/sh
# html_vnu: faq's HTML pages pass the Nu Html Checker (vnu.jar, pinned npm package vnu-jar, run
# offline with the machine's java), warnings included, and load nothing from outside.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/validators/deps.sh"
. "$top/tests/validators/exports.sh"
FAQ=${FAQ:-$top/build/faq}
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
# Pages with a language are checked in full. Pages exported without one (content with no
# lang: key and no --lang; faq warns about them) get the same check but for the checker's
# "consider adding a lang attribute" hint; at least one page of each kind is checked.
mkdir "$tmp/lang" "$tmp/nolang"
for f in "$tmp"/x/*.html; do
  if grep -q '^<html lang="' "$f"; then mv "$f" "$tmp/lang/"; else mv "$f" "$tmp/nolang/"; fi
done
for kind in lang nolang; do
  set -- "$tmp/$kind"/*.html
  [ -f "$1" ] || { echo "no exported page in the group '$kind' (with/without a language): the check would prove nothing"; fail=1; continue; }
  filter=
  [ $kind = nolang ] && filter='.*Consider adding (a )?“lang.*'
  if ! vnu --Werror --also-check-css --format gnu ${filter:+--filterpattern "$filter"} "$@" > "$tmp/out" 2>&1; then
    sed "s|$tmp/$kind/||g" "$tmp/out"; fail=1
  fi
done
[ $fail -eq 0 ] && echo "$(ls "$tmp"/lang/*.html "$tmp"/nolang/*.html | wc -l) HTML pages valid (Nu Html Checker)"
exit $fail
