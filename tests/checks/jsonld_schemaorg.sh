#!/bin/sh
# jsonld_schemaorg: faq's JSON-LD expands offline (jsonld.js, schema.org's local context) to known
# schema.org terms and follows Google's FAQPage rules (tests/validators/jsonld_check.js).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/validators/deps.sh"
. "$top/tests/validators/exports.sh"
FAQ=${FAQ:-$top/build/faq}
need_node_modules || exit $?
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
check="$top/tests/validators/jsonld_check.js"

# The checker must reject known-bad input, or a pass would mean nothing.
for bad in "$top"/tests/validators/fixtures/bad-*.jsonld; do
  if node "$check" "$bad" > "$tmp/out" 2>&1; then
    echo "jsonld_check.js accepted the bad fixture $(basename "$bad"):"; cat "$tmp/out"; exit 1
  fi
done

mkdir "$tmp/x"
make_exports jsonld "$tmp/x" || exit 1
# --graph without a URL must be refused, with a hint at the fix.
printf 'No URL FAQ\n\nWhat is this?\n\nA FAQ without a URL.\n' > "$tmp/nourl.txt"
if "$FAQ" export --to jsonld --graph "$tmp/nourl.txt" > "$tmp/g" 2> "$tmp/gerr" ||
   ! grep -q -- "--url" "$tmp/gerr"; then
  echo "--graph without a URL was not refused with a hint at --url:"; cat "$tmp/gerr"; exit 1
fi
node "$check" "$tmp"/x/*.jsonld > "$tmp/out" 2>&1
rc=$?
[ $rc -eq 0 ] || { grep -v ': ok (' "$tmp/out"; exit 1; }
echo "$(grep -c ': ok (' "$tmp/out") JSON-LD exports valid"
