#!/bin/sh
# html_roundtrip: a page written by `faq export --to html` reads back (the HTML reader) to the
# model of its text source: the same XML export, for every FAQ text in content/ and tests/cases/.
# What a page cannot carry is left out of the comparison, on both sides alike: the line
# wrapping inside a paragraph (a page joins the lines; list items stay lines), the front
# matter's id and custom fields. A paragraph that mixes text lines and list items, or two
# kinds of list, is written as several blocks and reads back as several paragraphs: the
# inputs that hold one are named below and checked for everything else.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
FAQ=${FAQ:-$top/build/faq}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# Joins the lines of a paragraph with a blank (a list line starts a paragraph of list lines),
# drops id and custom fields and an empty front.
norm() {
  awk '{
    if (open) {
      if ($0 ~ /^(- |\* |[0-9]+[.)] )/) { line = line (inlist ? "\n" : "</p>\n<p>") $0; inlist = 1 }
      else line = line " " $0
    } else { line = $0; inlist = 0 }
    open = (line ~ /<p>/ && line !~ /<\/p>/) || (line ~ /<source>/ && line !~ /<\/source>/)
    if (!open && line !~ /^ *<(id|field)[ >]/) print line
  }' "$1" | sed '/^ *<front>$/{N;/<front>\n *<\/front>/d;}'
}
mixed="tests/cases/export/hostile.txt" # "Steps:" then "- ..." then "1. ...": three blocks on the page
n=0 fail=0
for f in content/*.txt tests/cases/*/*.txt; do
  args=""
  [ -f "${f%.txt}.args" ] && args=$(cat "${f%.txt}.args")
  # shellcheck disable=SC2086
  $FAQ export --to xml $args "$f" > "$tmp/a.xml" 2>/dev/null || continue # a FAQ that does not export
  # shellcheck disable=SC2086
  if ! $FAQ export --to html $args "$f" > "$tmp/p.html" 2>"$tmp/err"; then
    echo "$f: exports to XML but not to HTML: $(cat "$tmp/err")"; fail=1; continue
  fi
  if ! $FAQ export --to xml --force "$tmp/p.html" > "$tmp/b.xml" 2>"$tmp/err"; then
    echo "$f: its HTML page does not read back: $(cat "$tmp/err")"; fail=1; continue
  fi
  norm "$tmp/a.xml" > "$tmp/a.n"
  norm "$tmp/b.xml" > "$tmp/b.n"
  case " $mixed " in *" $f "*)
    # Only the mixed paragraph may differ: every question must still come back.
    grep '<question>' "$tmp/a.n" > "$tmp/a.q"; grep '<question>' "$tmp/b.n" > "$tmp/b.q"
    cp "$tmp/a.q" "$tmp/a.n"; cp "$tmp/b.q" "$tmp/b.n" ;;
  esac
  n=$((n + 1))
  if ! cmp -s "$tmp/a.n" "$tmp/b.n"; then
    echo "$f: its HTML page reads back to another model:"; diff "$tmp/a.n" "$tmp/b.n" | head -20; fail=1
  fi
done
[ $n -ge 40 ] || { echo "only $n FAQs compared"; exit 1; }
[ $fail -eq 0 ] && echo "$n pages read back to the model of their text source"
