#!/bin/sh
# xmllint_agree.sh: faq and xmllint agree on validity. For every text case, the XML that faq
# exports (with --force, so that invalid content is exported too), and for every XML case the
# input itself, is valid for `xmllint --schema schema/faq.xsd` exactly when `faq lint`
# reports no schema error (an empty answer is reported once, as missing-answer's
# "question has no answer"; a suppressed schema error shows as a refused export).
# Exit 0: they agree on every case; 1: a case where they differ; 77: no xmllint.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: xmllint is not installed (apt-get install libxml2-utils)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
bad=0
checked=0
invalid=0
for input in "$top"/content/*.txt "$top"/tests/cases/*/*.txt "$top"/tests/cases/*/*.xml; do
  [ -f "$input" ] || continue
  # Only inputs faq can read at all (exit 2 = unreadable: nothing to compare).
  "$FAQ" export --to xml --force "$input" > "$tmp/out.xml" 2>/dev/null
  [ $? -eq 2 ] && continue
  "$FAQ" lint "$input" > "$tmp/lint" 2>&1
  [ $? -eq 2 ] && continue
  # "structure" errors (an empty file) stop the schema check on purpose: skip those.
  grep -q '\[structure\]$' "$tmp/lint" && continue
  checked=$((checked + 1))
  # A schema error that an inline directive suppresses still blocks the export.
  "$FAQ" export --to xml "$input" > /dev/null 2> "$tmp/export.err"
  if grep -q -e '\[schema\]$' -e 'question has no answer \[missing-answer\]$' "$tmp/lint" ||
     grep -q 'breaks schema/faq.xsd' "$tmp/export.err"; then
    faq_valid=no
  else
    faq_valid=yes
  fi
  checked_file="$tmp/out.xml"
  case $input in *.xml) checked_file=$input ;; esac
  if xmllint --noout --nonet --schema "$top/schema/faq.xsd" "$checked_file" 2>/dev/null; then
    x_valid=yes
  else
    x_valid=no
  fi
  [ "$x_valid" = no ] && invalid=$((invalid + 1))
  if [ "$faq_valid" != "$x_valid" ]; then
    echo "disagree on ${input#"$top"/}: faq says valid=$faq_valid, xmllint says valid=$x_valid"
    bad=1
  fi
done
if [ "$invalid" -eq 0 ]; then
  echo "no case exported invalid XML: the check would prove nothing"
  exit 1
fi
echo "faq and xmllint agree on $checked cases ($invalid invalid)"
exit $bad
