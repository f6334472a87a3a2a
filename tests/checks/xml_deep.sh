#!/bin/sh
# xml_deep: XML nested 100,000 levels deep (generated here, not committed) gets a clean
# "nested too deeply" error with exit 2 from lint and from every export, quickly and
# without a crash; 250 levels (under libxml2's limit) are a schema error, exit 1.
set -u
FAQ=${FAQ:-build/faq}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
gen() { # gen N FILE: <faq><title/> then N nested <x> elements
    awk -v n="$1" 'BEGIN {
        printf "<faq version=\"1\"><title>Deep</title>\n";
        for (i = 0; i < n; i++) printf "<x>"; printf "deep";
        for (i = 0; i < n; i++) printf "</x>"; printf "\n</faq>\n" }' > "$2"
}
gen 100000 "$tmp/deep.xml"
gen 250 "$tmp/shallow.xml"
fail=0
for cmd in "lint" "export --to xml" "export --to text" "export --to jsonld" "export --to html"; do
    # shellcheck disable=SC2086
    timeout 20 "$FAQ" $cmd "$tmp/deep.xml" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    all=$(cat "$tmp/out" "$tmp/err")
    if [ $rc -ne 2 ]; then echo "xml_deep: faq $cmd deep.xml: exit $rc, expected 2"; echo "$all" | head -5; fail=1; fi
    case $all in
        *"deep.xml:2:"*"nested too deeply"*) ;;
        *) echo "xml_deep: faq $cmd deep.xml: no 'nested too deeply' message at line 2"; echo "$all" | head -5; fail=1 ;;
    esac
    case $cmd in export*) [ -s "$tmp/out" ] && { echo "xml_deep: faq $cmd wrote output for deep.xml"; fail=1; } ;; esac
done
timeout 20 "$FAQ" lint "$tmp/shallow.xml" > "$tmp/out" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q "shallow.xml:2:1: error: unexpected element <x> here" "$tmp/out"; then
    echo "xml_deep: faq lint shallow.xml: exit $rc, expected 1 with a schema error at 2:1"; head -5 "$tmp/out"; fail=1
fi
exit $fail
