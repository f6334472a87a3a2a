#!/bin/sh
# hostile_md: hostile Markdown, generated here (nothing huge is committed): 100,000 nested
# block quotes, list items nested 100,000 deep, pathological emphasis, brackets and link
# references (as cmark's pathological tests build them), a 10 MB table row, HTML blocks and
# <details> that never close. Each run is bounded in time (60 s) and memory (2 GB), ends
# with a clear answer, and never crashes.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
RUN=${RUN:-$FAQ}
[ -x "$FAQ" ] || { echo "hostile_md: no binary at $FAQ"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "hostile_md: python3 is missing (apt-get install python3)"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
LIMIT=60
case $RUN in *valgrind*) LIMIT=900 ;; esac
# Memory: ulimit -v 2 GB; an ASan build reserves terabytes of address space, so there the
# sanitizer's own limit on resident memory bounds it instead.
MEM="ulimit -v 2000000"
if grep -q __asan_init "$FAQ" 2>/dev/null; then
  MEM=":"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4096"
  export ASAN_OPTIONS
fi
export NO_COLOR=1
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $*"; }

python3 - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
n = 100000
head = '# Hostile FAQ\n\n## Is this safe to read?\n\n'
def w(name, body): open(os.path.join(d, name), 'w').write(head + body)
w('quotes.md', '>' * n + ' deep\n')
w('quote-lines.md', ''.join('>' * i + ' line\n' for i in range(1, 2000)))
w('lists.md', '- ' * n + 'x\n')
w('olists.md', '1. ' * n + 'x\n')
w('indented-lists.md', ''.join('  ' * i + '- item\n' for i in range(3000)))
w('emphasis.md', '*a **b ' * n + '\n\n' + '_' * n + 'x' + '_' * n + '\n\n' + '*' * n + 'x\n\n' + '**_' * n + 'x\n')
w('brackets.md', '[' * n + 'a' + ']' * n + '\n\n' + '[a](' * n + '\n\n' + '![' * n + 'x\n')
w('refs.md', ''.join('[r%d]: https://example.com/%d\n' % (i, i) for i in range(20000)) + '\n' + '[r1]' * n + '\n')
w('table.md', '| a | b |\n|---|---|\n| ' + 'x' * (10 * 1024 * 1024) + ' | y |\n')
w('html.md', '<div>\n' + 'text\n' * n)
w('details.md', '<details>\n<summary>Is it open?</summary>\n\n' + 'line\n\n' * 20000)
w('entities.md', '&amp;' * n + '&#x110000;&#0;&#xD800;&bogus;\n')
PY

for f in quotes quote-lines lists olists indented-lists emphasis brackets refs html details entities; do
  ($MEM; exec timeout -s KILL $LIMIT $RUN lint "$tmp/$f.md") >"$tmp/out" 2>&1
  rc=$?
  case $rc in
  0 | 1) ;;
  137 | 124) fail "$f.md: did not finish within ${LIMIT}s" ;;
  *) fail "$f.md: exit $rc: $(head -c 400 "$tmp/out")" ;;
  esac
  mkdir -p "$tmp/x-$f"
  ($MEM; exec timeout -s KILL $LIMIT $RUN export --to xml,jsonld,html,md -o "$tmp/x-$f/" --force "$tmp/$f.md") >"$tmp/out" 2>&1
  rc=$?
  case $rc in
  0 | 1) ;;
  *) fail "$f.md: export: exit $rc: $(head -c 400 "$tmp/out")" ;;
  esac
done
# the 10 MB row: too long for one FAQ text, said at its place
($MEM; exec timeout -s KILL $LIMIT $RUN lint "$tmp/table.md") >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 1 ] || fail "table.md: exit $rc, expected 1"
grep -q 'table.md:5:3: error: this block holds [0-9]* bytes of text, more than the 10000000 a FAQ text may hold' "$tmp/out" ||
  fail "table.md: no clear message: $(head -c 400 "$tmp/out")"
[ "$fails" = 0 ] || exit 1
echo "hostile_md: every hostile Markdown input ended in time with a clear answer"
