#!/bin/sh
# atomic.sh: exports are written atomically. A large FAQ is exported to -o DIR (the old files);
# then an export of changed content is killed with SIGKILL at several points; after each kill
# every target file must be the complete old or the complete new export, never a truncated
# one. Leftover temporary files (NAME.EXT.tmp.XXXXXX) must not look like exports (faq lint
# DIR ignores them). Also reports whether SIGTERM and SIGINT leave temporary files behind.
# Environment: FAQ (the binary; run directly, never under valgrind: a kill test does not need
# it), ATOMIC_ENTRIES (default 100000: files of 15 to 35 MB, a window of about a second
# per file between the temporary file and the rename). Exit 0 pass, 1 fail, 77 skip.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
[ -x "$FAQ" ] || { echo "atomic: no binary at $FAQ"; exit 77; }
N=${ATOMIC_ENTRIES:-100000}

tmp=$(mktemp -d) || exit 2
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
cd "$tmp" || exit 2
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
EXTS="xml jsonld txt html"

# make_faq WORD: N entries whose answers (and title) carry WORD, as faq.txt.
make_faq() {
  awk -v n="$N" -v w="$1" 'BEGIN {
    printf "Atomic %s FAQ\n\n", w
    for (i = 1; i <= n; i++) printf "What is item %d?\nItem %d is %s, like the others.\n\n", i, i, w }' >faq.txt
}

# sums DIR: one line per target file: name and checksum ("missing" when absent).
sums() {
  for e in $EXTS; do
    if [ -f "$1/faq.$e" ]; then printf '%s %s\n' "$e" "$(cksum <"$1/faq.$e")"
    else printf '%s missing\n' "$e"; fi
  done
}

now_ms() { date +%s%3N; }
# The temporary files in out/ (their names are faq.EXT.tmp.XXXXXX), one a line; and their number.
tmps() { for f in out/*.tmp.*; do [ -e "$f" ] && printf '%s\n' "${f#out/}"; done; }
ntmps() { tmps | grep -c .; }

# ---- the old export ----
make_faq old
t0=$(now_ms)
if ! "$FAQ" export --to xml,jsonld,text,html -o out/ faq.txt >log 2>&1; then
  echo "atomic: the first export failed: $(head -c 500 log)"
  exit 1
fi
t1=$(now_ms)
T=$((t1 - t0))
sums out >old.sums
grep -q missing old.sums && { echo "atomic: the first export did not write every file"; cat old.sums; exit 1; }
make_faq new

# ---- kills in the middle of the new export ----
# kill_at MS | kill_at tmpN: SIGKILL after MS milliseconds, or as soon as N temporary files
# have appeared in out/ (in the middle of writing the Nth format).
kills=0
leftover_kill=0
kill_at() {
  "$FAQ" export --to xml,jsonld,text,html -o out/ faq.txt >/dev/null 2>&1 &
  pid=$!
  case $1 in
    tmp*)
      want=${1#tmp}
      names=""
      cnt=0
      i=0
      while [ $i -lt 3000 ]; do
        cur=$(tmps)
        for f in $cur; do
          case " $names " in *" $f "*) ;; *) names="$names $f"; cnt=$((cnt + 1)) ;; esac
        done
        [ "$cnt" -ge "$want" ] && [ -n "$cur" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.005
        i=$((i + 1))
      done ;;
    *) sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')" ;;
  esac
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  pid=""
  sums out >"kill.$1.sums"
  n=$(ntmps)
  leftover_kill=$((leftover_kill + n))
  # Nothing but the targets and temporary files.
  other=$(for f in out/*; do printf '%s\n' "${f#out/}"; done | grep -Ev '^faq\.(xml|jsonld|txt|html)(\.tmp\.[A-Za-z0-9]{6})?$')
  [ -n "$other" ] && fail "kill at $1: unexpected files in out/: $other"
}
for frac in 10 30 50 70 90; do
  kill_at $((T * frac / 100))
done
kill_at tmp1
kill_at tmp3

# Leftover temporary files are not exports: a directory holding only them has no FAQ file.
mkdir lint-dir
for f in out/*.tmp.*; do [ -f "$f" ] && cp "$f" lint-dir/; done
if [ -n "$(ls lint-dir)" ]; then
  "$FAQ" lint lint-dir >lint.log 2>&1
  rc=$?
  if [ $rc -ne 2 ] || ! grep -q 'no FAQ file' lint.log; then
    fail "faq lint treats leftover temporary files as FAQ files (exit $rc): $(head -c 300 lint.log)"
  fi
fi
rm -rf lint-dir

# ---- the complete new export, then every snapshot against old and new ----
if ! "$FAQ" export --to xml,jsonld,text,html -o out/ faq.txt >log 2>&1; then
  echo "atomic: the new export failed: $(head -c 500 log)"
  exit 1
fi
sums out >new.sums
for e in $EXTS; do
  o=$(grep "^$e " old.sums)
  n=$(grep "^$e " new.sums)
  [ "$o" = "$n" ] && fail "the old and new $e exports are equal: the test cannot tell them apart"
done
for s in kill.*.sums; do
  while read -r e rest; do
    line="$e $rest"
    if [ "$line" != "$(grep "^$e " old.sums)" ] && [ "$line" != "$(grep "^$e " new.sums)" ]; then
      case $rest in
        missing) fail "${s#kill.}: out/faq.$e is missing after the kill" ;;
        *) fail "${s#kill.}: out/faq.$e is neither the old nor the new export (truncated?)" ;;
      esac
    fi
  done <"$s"
done

# ---- SIGTERM / SIGINT: are temporary files removed? (reported, not failed) ----
note=""
for sig in TERM INT; do
  rm -f out/*.tmp.*
  make_faq "$sig"
  # A background job of sh starts with SIGINT ignored: env --default-signal restores it.
  if env --default-signal=INT true 2>/dev/null; then
    env --default-signal=INT "$FAQ" export --to xml,jsonld,text,html -o out/ faq.txt >/dev/null 2>&1 &
  elif [ "$sig" = INT ]; then
    note="$note SIGINT not tried (env --default-signal missing);"
    continue
  else
    "$FAQ" export --to xml,jsonld,text,html -o out/ faq.txt >/dev/null 2>&1 &
  fi
  pid=$!
  i=0
  while [ $i -lt 3000 ] && [ "$(ntmps)" -eq 0 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.005
    i=$((i + 1))
  done
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  pid=""
  n=$(ntmps)
  note="$note SIG$sig (exit $st) leaves $n temporary file(s);"
  for e in $EXTS; do
    [ -f "out/faq.$e" ] || fail "SIG$sig: out/faq.$e is missing"
  done
done

echo "atomic: $N entries, a full export takes ${T} ms; $kills kills; SIGKILL left $leftover_kill temporary file(s) in total;$note"
if [ "$fails" -gt 0 ]; then
  echo "atomic: $fails problem(s)"
  exit 1
fi
exit 0
