#!/bin/sh
# hostile2.sh: the second round of hostile inputs, each with its bounded, clear answer:
# built-in patterns on pathological lines, long runs of suppression directives, terminal and
# bidi controls in diagnostics, non-ASCII URLs, configs and links planted by another user,
# transactional multi-format exports, skipped paths of `lint DIR`, FIFOs, huge pattern sets.
# Every run is bounded (timeout 60 s). Cases that need a second user run only as root.
# Environment: FAQ (the binary), RUN (FAQ, possibly prefixed with valgrind).
# Exit 0 pass, 1 fail, 77 skip.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
RUN=${RUN:-$FAQ}
[ -x "$FAQ" ] || { echo "hostile2: no binary at $FAQ"; exit 77; }
tmp=$(mktemp -d) || exit 2
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
LIMIT=60
case $RUN in *valgrind*) LIMIT=600 ;; esac
export NO_COLOR=1
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $*"; }

# fq DIR ARGS...: runs faq in DIR, bounded; rc, $tmp/out, $tmp/err.
fq() {
  d=$1; shift
  # shellcheck disable=SC2086
  (cd "$d" && exec timeout -s KILL $LIMIT $RUN "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
}
# expect WHAT RC [PATTERN [ABSENT]]: rc is RC, stdout+stderr match PATTERN and not ABSENT.
expect() {
  what=$1
  if [ "$rc" = 137 ] || [ "$rc" = 124 ]; then fail "$what: did not finish within ${LIMIT}s"; return; fi
  if [ "$rc" != "$2" ]; then
    fail "$what: exit $rc, expected $2: $(head -c 600 "$tmp/out") $(head -c 600 "$tmp/err")"; return
  fi
  if [ -n "${3:-}" ] && ! cat "$tmp/out" "$tmp/err" | grep -Eq -- "$3"; then
    fail "$what: no message matching '$3': $(head -c 600 "$tmp/out") $(head -c 600 "$tmp/err")"
  fi
  if [ -n "${4:-}" ] && cat "$tmp/out" "$tmp/err" | grep -Eq -- "$4"; then
    fail "$what: a message matches '$4': $(cat "$tmp/out" "$tmp/err" | grep -E -- "$4" | head -c 600)"
  fi
}
# rep N STRING: STRING N times
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

w=$tmp/w
mkdir -p "$w"

# ---- built-in patterns on pathological lines ----
# A long `=====` rule or Markdown table row opening an answer: no match limit, nothing blamed
# on a config, and missing-answer still reports the later placeholder.
{
  printf 'Rules FAQ\n\nWhat is a rule?\n\n'; rep 3000 '='; printf '\nA line of equals signs.\n\n'
  printf 'What is a table?\n\n| '; rep 600 '--- | '; printf '\n| a | b |\n\n'
  printf 'What is a dash?\n\n'; rep 3000 '-'; printf ' dash\n\n'
  printf 'What comes later?\n\nTBD\n'
} > "$w/rule-lines.txt"
fq "$w" lint rule-lines.txt
expect "lint rule-lines.txt" 1 'rule-lines.txt:19:1: error: answer is only a placeholder \("TBD"\)' 'match limit|\[config\]'
n=$(grep -c . "$tmp/out")
[ "$n" = 1 ] || fail "lint rule-lines.txt: expected one finding, got $n: $(head -c 800 "$tmp/out")"
fq "$w" export --to xml rule-lines.txt
expect "export rule-lines.txt" 1 'TBD' 'match limit|\[config\]'

# ---- suppression directives: resolved in one pass ----
# 100,000 consecutive next-line directives all aim at the TBD line below them (one pass:
# well under a second; a walk per directive was quadratic: minutes).
{
  printf 'Directives FAQ\n\nWhat is it?\n\n'
  rep 100000 '<!-- faq-disable-next-line missing-answer -->
'
  printf 'TBD\n\nWhat else?\n\n<!-- faq-disable-next-line no-such-rule -->\nTBD\n'
} > "$w/directives.txt"
fq "$w" lint directives.txt
expect "lint directives.txt (100,000 directives)" 1 \
  'directives.txt:100009:1: warning: .*no-such-rule.* \[unused-suppression\]' 'directives.txt:10000[0-7]:'
grep -q 'directives.txt:100010:1: error: answer is only a placeholder' "$tmp/out" ||
  fail "lint directives.txt: the unsuppressed TBD is not reported: $(head -c 600 "$tmp/out")"

# ---- terminal and reading-order controls never reach diagnostics raw ----
# U+2028 U+2029, U+202A..U+202E, U+2066..U+2069, U+200E U+200F, U+061C in a question and an
# answer: every report format a human or an editor reads shows them escaped (\u202e), the
# caret line as '?'. The byte patterns: E2 80 A8..AE, E2 81 A6..A9, E2 80 8E..8F, D8 9C.
raw=$(printf '\342\200[\250-\256]|\342\201[\246-\251]|\342\200[\216\217]|\330\234')
printf 'Bidi FAQ\n\nWhat is \342\200\256evil\342\200\254 and \342\200\250 sep \342\201\246x\342\201\251 \330\234\342\200\217 here?\n\nTBD \342\200\256 \342\200\251\n' > "$w/bidi.txt"
for fmt in human github json sarif junit; do
  fq "$w" lint --format "$fmt" bidi.txt
  expect "lint --format $fmt bidi.txt" 1 'u202e'
  if cat "$tmp/out" "$tmp/err" | LC_ALL=C grep -Eq "$raw"; then
    fail "lint --format $fmt bidi.txt: a raw separator or bidi control reached the output: $(LC_ALL=C grep -E "$raw" "$tmp/out" | od -c | head -n 6)"
  fi
done
# the caret line (a terminal): script gives faq a tty when it is there
if command -v script >/dev/null 2>&1; then
  (cd "$w" && timeout -s KILL $LIMIT script -qc "$RUN lint bidi.txt" /dev/null) >"$tmp/out" 2>&1 </dev/null
  grep -q 'TBD ?' "$tmp/out" || fail "lint bidi.txt on a terminal: no caret line with the control as '?': $(head -c 600 "$tmp/out")"
  if LC_ALL=C grep -Eq "$raw" "$tmp/out"; then fail "lint bidi.txt on a terminal: a raw control reached the caret lines"; fi
fi

# ---- URLs are ASCII or refused ----
printf -- '---\nurl: https://example.com/\342\200\256lmth.exe\n---\nURL FAQ\n\nWhat is it?\n\nIt is a thing.\n' > "$w/url-bidi.txt"
fq "$w" export --to jsonld url-bidi.txt
expect "export --to jsonld url-bidi.txt" 1 'url-bidi.txt:2:6: error: .*is not a valid URL.*ASCII'
[ -s "$tmp/out" ] && fail "export url-bidi.txt: wrote a JSON-LD despite the URL"
fq "$w" export --force --to jsonld,html -o out-url/ url-bidi.txt
expect "export --force url-bidi.txt" 1 'page URL must be an absolute .* in ASCII'
[ -e "$w/out-url/url-bidi.jsonld" ] && fail "export --force url-bidi.txt: wrote the JSON-LD with a raw control in its @id"
printf 'URL FAQ\n\nWhat is it?\n\nIt is a thing.\n' > "$w/plain.txt"
fq "$w" export --to html --url "https://example.com/caf$(printf '\303\251')" plain.txt
expect "export --url with non-ASCII" 2 'percent-encode a non-ASCII path'
fq "$w" export --to jsonld --url "https://example.com/caf%C3%A9" plain.txt
expect "export --url percent-encoded" 0 'caf%C3%A9'

# ---- a multi-format export is one transaction ----
printf 'Set FAQ\n\nWhat is it?\n\nIt is a thing.\n' > "$w/set.txt"
S_old_set() { # DIR: the four old exports, each holding "old"
  for e in xml jsonld txt html; do echo old > "$1/set.$e"; done
}
S_still_old() { # WHAT DIR: every one of the four still holds "old", no temporary file left
  for e in xml jsonld txt html; do
    [ "$(cat "$2/set.$e" 2>/dev/null)" = old ] || fail "$1: set.$e was replaced although the set failed"
  done
  # shellcheck disable=SC2012
  left=$(ls -A "$2" | grep -v -e '^set\.\(xml\|jsonld\|txt\|html\)$' -e '^fill$' -e '^set\.html$' | tr '\n' ' ')
  [ -z "$left" ] || fail "$1: left files behind: $left"
}
# the last format cannot be written (its target is a directory): the first three stay old
mkdir -p "$w/tx"
S_old_set "$w/tx"
rm -f "$w/tx/set.html"; mkdir "$w/tx/set.html"
fq "$w" export --quiet --to xml,jsonld,text,html -o tx/ set.txt
expect "export, one target a directory" 2 'set.html: error: is a directory'
for e in xml jsonld txt; do
  [ "$(cat "$w/tx/set.$e")" = old ] || fail "export, one target a directory: set.$e was replaced although the set failed"
done
rmdir "$w/tx/set.html"
# a full disk (a small tmpfs, as root): the old set stays, nothing half-written
if [ "$(id -u)" = 0 ] && mkdir -p "$w/full" && mount -t tmpfs -o size=64k tmpfs "$w/full" 2>/dev/null; then
  S_old_set "$w/full"
  big=$w/big.txt
  { printf 'Big FAQ\n\n'; i=0; while [ $i -lt 12 ]; do printf 'What is thing %d?\n\nIt is a thing with a long answer that fills the disk a little more each time.\n\n' $i; i=$((i + 1)); done; } > "$big"
  cp "$big" "$w/set.txt"
  # leave room for three of the four exports (tmpfs counts 4 KiB pages: html is the one left out)
  avail=$(df -k "$w/full" | awk 'NR == 2 { print $4 }')
  head -c $(( (avail - 14) * 1024 )) /dev/zero > "$w/full/fill" 2>/dev/null
  fq "$w" export --quiet --to xml,jsonld,text,html -o full/ set.txt
  expect "export to a full disk" 2 'No space left on device'
  S_still_old "export to a full disk" "$w/full"
  umount "$w/full" 2>/dev/null
  printf 'Set FAQ\n\nWhat is it?\n\nIt is a thing.\n' > "$w/set.txt"
else
  echo "hostile2: note: no tmpfs (not root, or mount refused): the full-disk export is not run"
fi
# stale exports that cannot be removed (a read-only directory) and the paths a walk passes
# over: tests/checks/walk.sh

# ---- trust: configs and output links planted by another user (as root: nobody plays them) ----
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  mkdir -p "$w/trust/sub"
  printf '<?xml version="1.0"?>\n<rules version="1"><rule id="missing-answer" severity="off"/></rules>\n' > "$w/trust/.faq.xml"
  printf 'T FAQ\n\nWhat?\n\nTBD\n' > "$w/trust/sub/a.txt"
  fq "$w" lint trust/sub/a.txt
  expect "lint with the user's own .faq.xml" 0
  chown nobody "$w/trust/.faq.xml"
  fq "$w" lint trust/sub/a.txt
  expect "lint with another user's .faq.xml" 1 "trust/\.faq\.xml: warning: ignored: it is owned by another user"
  grep -q 'answer is only a placeholder' "$tmp/out" || fail "another user's .faq.xml still switched a rule off"
  fq "$w" lint --config trust/.faq.xml trust/sub/a.txt
  expect "lint --config naming another user's file" 0
  # root's config in a world-writable directory, read by another user: ignored
  chown root "$w/trust/.faq.xml"; chmod 1777 "$w/trust"; chmod 755 "$tmp" "$w" "$w/trust/sub"; chmod 644 "$w/trust/sub/a.txt"
  (cd "$w" && timeout -s KILL $LIMIT setpriv --reuid=nobody --regid=nogroup --clear-groups $RUN lint trust/sub/a.txt) >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  expect "lint as another user, root's .faq.xml in a world-writable directory" 1 'ignored: it is in a directory anyone can write to'
  chmod 755 "$w/trust"
  # -o into a world-writable sticky directory: a link or FIFO planted by another user
  mkdir -p "$w/drop"; chmod 1777 "$w/drop"
  echo secret > "$w/victim"
  ln -s ../victim "$w/drop/set.xml"; chown -h nobody "$w/drop/set.xml"
  fq "$w" export --to xml -o drop/ set.txt
  expect "export -o onto a planted link" 2 'is a symbolic link owned by another user .* not followed'
  [ "$(cat "$w/victim")" = secret ] || fail "export -o followed a planted link and replaced its target"
  rm -f "$w/drop/set.xml"; mkfifo "$w/drop/set.xml"; chown nobody "$w/drop/set.xml"
  fq "$w" export --to xml -o drop/ set.txt
  expect "export -o onto a planted FIFO" 2 'is a FIFO owned by another user'
  rm -f "$w/drop/set.xml"
  ln -s ../victim "$w/drop/set.xml"
  fq "$w" export --to xml -o drop/ set.txt
  expect "export -o onto the user's own link" 0
else
  echo "hostile2: note: not root: the second-user cases are not run"
fi

# ---- a FIFO with no writer: refused after a wait, never a hang ----
mkfifo "$w/nowriter.txt"
FAQ_FIFO_TIMEOUT=1 fq "$w" lint nowriter.txt
expect "lint a FIFO with no writer" 2 'nowriter.txt: error: is a named pipe \(FIFO\) and nothing wrote to it within 1 s'
rm -f "$w/nowriter.txt"; mkfifo "$w/writer.txt"
(sleep 1; cat "$w/set.txt" > "$w/writer.txt") &
fq "$w" lint writer.txt
wait
expect "lint a FIFO with a writer" 0

if [ "$fails" -gt 0 ]; then echo "$fails failed"; exit 1; fi
echo "hostile2: all passed"
exit 0
