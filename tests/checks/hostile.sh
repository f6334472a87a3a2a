#!/bin/sh
# hostile.sh: every bad input of the hostile-input suite (tests/hostile/ plus big inputs made
# at run time) through `faq lint` and every export; checks the exit status, a message naming
# the file (with line:col where there is one), bounded time (timeout 20 s) and memory
# (ulimit -v 2 GiB), that no other file is opened and no socket is made (strace, when ptrace
# works), and that nothing partial is written (stdout of a refused export is empty; -o DIR
# holds nothing, or every file complete and equal to the export on stdout).
# Environment: FAQ (the binary), RUN (FAQ, possibly prefixed with valgrind). Under valgrind
# the big inputs are shrunk or skipped, only lint and one export -o DIR run per input, and
# strace/ulimit are not used; an ASan build (detected) gets a smaller FAQ, no strace and
# ASan's own memory bound. About 20 s on 2 cores. Exit 0 pass, 1 fail, 77 skip.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
RUN=${RUN:-$FAQ}
H=$top/tests/hostile
[ -x "$FAQ" ] || { echo "hostile: no binary at $FAQ"; exit 77; }
[ -d "$H" ] || { echo "hostile: no $H"; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
work=$tmp/w
mkdir -p "$work"
cp "$H"/* "$work"/

VG=0
case $RUN in *valgrind*) VG=1 ;; esac
# ulimit -v bounds memory; an ASan build reserves terabytes of address space, so there the
# bound is ASan's own hard_rss_limit_mb.
ULIMIT="ulimit -v 2097152"
ASAN=0
if grep -q __asan_init "$FAQ" 2>/dev/null; then
  ASAN=1
  ULIMIT=:
  # a sanitizer report exits 98, never 1 (which would pass for "findings")
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=2048:exitcode=98"
  UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:exitcode=98"
  export ASAN_OPTIONS UBSAN_OPTIONS
fi
LIMIT=20
[ "$VG" = 1 ] && LIMIT=300
# strace needs ptrace, which some containers deny; then the file/network checks are skipped.
STRACE=0
# LeakSanitizer does not work under ptrace: no strace for an ASan build.
if [ "$VG" = 0 ] && [ "$ASAN" = 0 ] && command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true >/dev/null 2>&1; then
  STRACE=1
fi
HAVE_XMLLINT=0
command -v xmllint >/dev/null 2>&1 && HAVE_XMLLINT=1
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

fails=0
runs=0
notes=""
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
note() { notes="$notes$*
"; }

# fq ARGS...: runs faq in $work with the limits; sets rc; stdout in $tmp/out, stderr in $tmp/err,
# strace log in $tmp/trace. Bounded time: timeout; bounded memory: ulimit -v 2 GiB.
fq() {
  runs=$((runs + 1))
  rm -f "$tmp/trace"
  # The outer subshell's stderr is /dev/null: the shell's own "Killed"/"Aborted" notes go there.
  # shellcheck disable=SC2086
  (
    if [ "$STRACE" = 1 ]; then
      (cd "$work" && $ULIMIT && exec timeout -s KILL $LIMIT \
        strace -f -qq -e trace=open,openat,openat2,creat,connect,socket -o "$tmp/trace" $RUN "$@") \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    elif [ "$VG" = 1 ]; then
      (cd "$work" && exec timeout -s KILL $LIMIT $RUN "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    else
      (cd "$work" && $ULIMIT && exec timeout -s KILL $LIMIT $RUN "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    fi
    exit $?
  ) 2>/dev/null
  rc=$?
}

# Files faq may open besides the input: libraries, /proc, /sys, locales, gconv, the rules
# lookup (.faq.xml) and what the caller allows ($allow: a grep -E pattern of paths).
S_trace_ok() { # $1: what ran
  [ "$STRACE" = 1 ] && [ -f "$tmp/trace" ] || return 0
  bad=$(grep -E '(^|[^a-z_])(open|openat|openat2|creat)\(' "$tmp/trace" |
    sed -n 's/^[^"]*"\([^"]*\)".*/\1/p' |
    grep -Ev '^(/etc/ld\.so\.cache|/etc/ld\.so\.preload|/lib/|/lib64/|/usr/lib/|/usr/lib64/|/proc/|/sys/|/usr/share/locale|/usr/lib/locale|/dev/null$|/dev/urandom$|/dev/tty$)' |
    grep -Ev '(^|/)\.faq\.xml$' |
    grep -Ev "^(${allow})\$" | sort -u)
  if [ -n "$bad" ]; then
    fail "$1: opened a file it should not: $(printf '%s' "$bad" | tr '\n' ' ')"
  fi
  net=$(grep -E 'connect\(|socket\(AF_INET|socket\(AF_INET6' "$tmp/trace")
  if [ -n "$net" ]; then
    fail "$1: used the network: $(printf '%s' "$net" | head -n 2)"
  fi
}

# S_status WHAT EXPECTED(rc|rc...): checks rc, crash, timeout.
S_status() {
  case $rc in
    124 | 137) fail "$1: did not finish within ${LIMIT}s (or ran out of memory)"; return 1 ;;
    99) fail "$1: valgrind reported errors: $(head -c 2000 "$tmp/err")"; return 1 ;;
    98) fail "$1: a sanitizer reported errors: $(head -c 2000 "$tmp/err")"; return 1 ;;
  esac
  if grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$tmp/err"; then
    fail "$1: a sanitizer reported errors: $(grep -E -A8 'ERROR|runtime error' "$tmp/err" | head -c 2000)"
    return 1
  fi
  if [ "$rc" -gt 2 ]; then
    fail "$1: crashed or failed oddly (exit $rc): $(head -c 600 "$tmp/err")"
    return 1
  fi
  case "|$2|" in
    *"|$rc|"*) return 0 ;;
  esac
  fail "$1: exit $rc, expected $2: $(head -c 400 "$tmp/out") $(head -c 400 "$tmp/err")"
  return 1
}

# S_msg WHAT PATTERN: stdout+stderr holds a line matching PATTERN (grep -E).
S_msg() {
  [ -n "$2" ] || return 0
  if ! cat "$tmp/out" "$tmp/err" | grep -Eq -- "$2"; then
    fail "$1: no message matching '$2'; got: $(head -c 400 "$tmp/out") $(head -c 400 "$tmp/err")"
  fi
}

# S_complete FMT FILE: FILE is a complete export of FMT (well-formed XML, valid JSON, ...).
S_complete() {
  case $1 in
    xml)
      grep -q '</faq>' "$2" || { fail "$2: the XML export is incomplete"; return; }
      if [ "$HAVE_XMLLINT" = 1 ] && ! xmllint --noout --nonet --huge "$2" 2>/dev/null; then
        fail "$2: the XML export is not well-formed"
      fi ;;
    jsonld)
      if [ "$HAVE_PY" = 1 ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$2" 2>/dev/null; then
        fail "$2: the JSON-LD export is not valid JSON"
      fi ;;
    html)
      grep -qi '</html>' "$2" || fail "$2: the HTML export is incomplete" ;;
    text)
      [ -s "$2" ] || fail "$2: the text export is empty" ;;
  esac
}

# check NAME FILE LINT_RC EXPORT_RC PATTERN [EXTRA_ALLOW]:
# lint FILE, export FILE to each format on stdout, and to all formats with -o DIR.
# PATTERN: a message that must appear (e.g. 'nul\.txt:4:8: error'), '' for none.
check() {
  name=$1 file=$2 lrc=$3 xrc=$4 pat=$5
  allow="$(printf '%s' "$file" | sed 's/[.[\*^$]/\\&/g')${6:+|$6}"
  fq lint "$file"
  S_status "$name: lint" "$lrc" && S_msg "$name: lint" "$pat"
  S_trace_ok "$name: lint"
  # Under valgrind, -o DIR below covers every exporter: the per-format runs on stdout are skipped.
  fmts="xml jsonld text html"
  [ "$VG" = 1 ] && fmts=""
  for fmt in $fmts; do
    fq export --to "$fmt" "$file"
    S_status "$name: export --to $fmt" "$xrc" || continue
    S_trace_ok "$name: export --to $fmt"
    if [ "$rc" -ne 0 ]; then
      [ -s "$tmp/out" ] && fail "$name: export --to $fmt refused (exit $rc) but wrote to stdout"
      S_msg "$name: export --to $fmt" "$pat"
    else
      cp "$tmp/out" "$tmp/stdout.$fmt"
      S_complete "$fmt" "$tmp/stdout.$fmt"
    fi
  done
  rm -rf "$work/out"
  # Under valgrind, an input refused before parsing (exit 2 from lint) is not exported again.
  [ "$VG" = 1 ] && [ "$lrc" = 2 ] && return
  allow="$allow|out/.*"
  fq export --to xml,jsonld,text,html -o out/ "$file"
  S_status "$name: export -o out/" "$xrc" || return
  S_trace_ok "$name: export -o out/"
  left=$(ls -A "$work/out" 2>/dev/null)
  if [ "$rc" -ne 0 ]; then
    [ -n "$left" ] && fail "$name: export refused (exit $rc) but left files in out/: $left"
  else
    base=${file##*/}
    base=${base%.*}
    for ext in xml jsonld txt html; do
      f=$work/out/$base.$ext
      [ -f "$f" ] || { fail "$name: export -o out/ did not write out/$base.$ext"; continue; }
      fmt=$ext
      [ "$ext" = txt ] && fmt=text
      if [ -f "$tmp/stdout.$fmt" ] && ! cmp -s "$f" "$tmp/stdout.$fmt"; then
        fail "$name: out/$base.$ext differs from the export on stdout"
      fi
    done
    case $left in *.tmp.*) fail "$name: temporary files left in out/: $left" ;; esac
  fi
  rm -f "$tmp"/stdout.*
}

# ---- small inputs (files in tests/hostile/) ----
# name                file                           lint  export  message
check missing          no-such-file.txt               2     2       'no-such-file\.txt: .*error'
mkdir -p "$work/emptydir"
fq lint emptydir
S_status "directory (lint)" 2 && S_msg "directory (lint)" 'emptydir.*(no FAQ|directory)'
fq export --to xml emptydir
S_status "directory (export)" 2 && S_msg "directory (export)" 'emptydir.*directory'
[ -s "$tmp/out" ] && fail "directory (export): wrote to stdout"
check empty            empty.txt                      1     1       'empty\.txt:1:1: error'
check blank-lines      blank.txt                      1     1       'blank\.txt:1:1: error'
check bom-only         bom-only.txt                   1     1       'bom-only\.txt:1:1: error'
check nul              nul.txt                        2     2       'nul\.txt:4:8: error'
check utf8-continuation utf8-bad-continuation.txt     2     2       'utf8-bad-continuation\.txt:3:9: error'
check utf8-lone        utf8-lone-continuation.txt     2     2       'utf8-lone-continuation\.txt:4:21: error'
check utf8-overlong    utf8-overlong.txt              2     2       'utf8-overlong\.txt:4:19: error'
check utf8-surrogate   utf8-surrogate.txt             2     2       'utf8-surrogate\.txt:4:13: error'
check utf8-too-big     utf8-too-big.txt               2     2       'utf8-too-big\.txt:4:15: error'
check utf8-truncated   utf8-truncated.txt             2     2       'utf8-truncated\.txt:4:22: error'
check binary           binary.txt                     2     2       'binary\.txt:1:1: error'
check latin1-xml       latin1.xml                     2     2       'latin1\.xml:3:28: error'
check cr-only          cr-only.txt                    '0|1' 0       ''
if [ -f "$work/out/cr-only.xml" ] && [ "$(grep -c '<question>' "$work/out/cr-only.xml")" != 2 ]; then
  fail "cr-only: CR line endings: expected 2 questions in the XML export"
fi
# C0 control characters (not allowed in XML, even as references): reported with a position,
# never silently replaced in the exports.
check control-chars    control-chars.txt              '1|2' '0|1|2' 'control-chars\.txt:4:3: (error|warning)'
if [ -f "$work/out/control-chars.xml" ] && grep -q "$(printf '\357\277\275')" "$work/out/control-chars.xml"; then
  fail "control-chars: the XML export replaced control characters with U+FFFD (content lost)"
fi
# DEL and the C1 controls (U+0080-U+009F): reported too, not turned into U+FFFD in silence.
check del-c1           del-c1.txt                     1     1       'del-c1\.txt:5:11: error: control character U\+007F'
check not-well-formed  not-well-formed.xml            2     2       'not-well-formed\.xml:6:[0-9]+: error'
check truncated-xml    truncated.xml                  2     2       'truncated\.xml:[56]:[0-9]+: error'
check doctype          doctype.xml                    2     2       'doctype\.xml:2:1: error.*DOCTYPE'
check internal-entity  internal-entity.xml            2     2       'internal-entity\.xml:2:1: error'
check external-file    external-entity-file.xml       2     2       'external-entity-file\.xml:2:1: error'
check external-http    external-entity-http.xml       2     2       'external-entity-http\.xml:2:1: error'
check external-dtd     external-dtd.xml               2     2       'external-dtd\.xml:2:1: error'
check parameter-entity parameter-entity.xml           2     2       'parameter-entity\.xml:2:1: error'
check billion-laughs   billion-laughs.xml             2     2       'billion-laughs\.xml:2:1: error'
check undefined-entity undefined-entity.xml           2     2       'undefined-entity\.xml:3:[0-9]+: error'
check xinclude         xinclude.xml                   1     1       'xinclude\.xml:4:3: error.*\[schema\]'
check schema-location  schema-location.xml            '0|1' '0|1'   ''
check encoding-lie     encoding-lie.xml               '0|1' '0|1'   ''
check breaks-schema    breaks-schema.xml              1     1       'breaks-schema\.xml:5:5: error.*\[schema\]'

# An output path that cannot be written: exit 2, a message naming it, nothing left.
fq export --to xml -o no-such-dir/x.xml cr-only.txt
S_status "unwritable -o" 2 && S_msg "unwritable -o" 'no-such-dir/x\.xml'

# ---- big inputs, made here ----
if [ "$VG" = 1 ]; then
  N=2000 LONG=1048576
  note "valgrind: 300,000 entries shrunk to $N, the 10 MB line to 1 MB; inputs over 256 MiB skipped"
elif [ "$ASAN" = 1 ]; then
  N=30000 LONG=10485760
  note "ASan build: 300,000 entries shrunk to $N"
else
  N=300000 LONG=10485760
fi
STRACE_SAVED=$STRACE
STRACE=0 # the big inputs check time, memory and output; the small ones check file access

# A 10 MB line (an answer paragraph of one line): over the 10,000,000-byte limit on one text,
# a positioned error (exit 1) and nothing exported; just under it (and under valgrind, 1 MB),
# every export complete, and the XML export reads back.
long_line() { # $1 = bytes of the answer line
  { printf 'Long line\n\nWhat is in the long line?\n'; head -c "$1" /dev/zero | tr '\0' 'a'; printf '\n'; } >"$work/long-line.txt"
}
if [ "$LONG" -gt 10000000 ]; then
  long_line "$LONG"
  fq lint long-line.txt
  S_status "10 MB line: lint" 1 && S_msg "10 MB line: lint" 'long-line\.txt:4:1: error: this text holds 10485760 bytes'
  rm -rf "$work/out"
  fq export --to xml,jsonld,text,html -o out/ long-line.txt
  S_status "10 MB line: export" 1 && S_msg "10 MB line: export" 'long-line\.txt:4:1: error'
  [ -n "$(ls -A "$work/out" 2>/dev/null)" ] && fail "10 MB line: export refused but left files in out/"
  LONG=9999000
fi
long_line "$LONG"
fq lint long-line.txt
S_status "long line under the limit: lint" 0
rm -rf "$work/out"
fq export --to xml,jsonld,text,html -o out/ long-line.txt
if S_status "long line under the limit: export" 0; then
  for ext in xml jsonld txt html; do
    fmt=$ext
    [ "$ext" = txt ] && fmt=text
    S_complete "$fmt" "$work/out/long-line.$ext"
  done
  # What faq exports, faq reads back: the XML export of a long line is not refused.
  mv "$work/out/long-line.xml" "$work/long-line.xml"
  fq lint long-line.xml
  S_status "long line under the limit: lint of its own XML export" 0
fi
rm -rf "$work/out" "$work/long-line.txt" "$work/long-line.xml"

# A front matter value over the limit on one text: refused like a paragraph, so that every
# export reads back (the XML of a longer value would not).
if [ "$VG" = 0 ]; then
  { printf -- '---\nauthor: '; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '\n---\nTitle\n\nWhat is it?\nA thing.\n'; } >"$work/long-field.txt"
  fq lint long-field.txt
  S_status "10 MB front matter value: lint" 1 && S_msg "10 MB front matter value: lint" 'long-field\.txt:2:9: error: this text holds'
  rm -f "$work/long-field.txt"
fi

# N entries, as text and (through the XML export) as XML.
awk -v n="$N" 'BEGIN { print "Many entries\n"; for (i = 1; i <= n; i++) printf "What is item %d?\nItem %d is one of many.\n\n", i, i }' >"$work/many.txt"
fq lint many.txt
S_status "$N entries: lint" '0|1'
fq export --to xml,jsonld,text,html -o out/ many.txt
if S_status "$N entries: export" '0|1' && [ "$rc" = 0 ]; then
  got=$(grep -c '<entry ' "$work/out/many.xml")
  [ "$got" = "$N" ] || fail "$N entries: the XML export holds $got entries"
  S_complete jsonld "$work/out/many.jsonld"
  S_complete html "$work/out/many.html"
fi
rm -rf "$work/out"
# Memory exhausted (ulimit -v below what N entries need, at two points of the pipeline):
# "out of memory" and exit 2 (or xalloc's abort), never a segfault on a NULL from libxml2.
if [ "$VG" = 0 ] && [ "$ASAN" = 0 ] && [ "$N" -ge 300000 ]; then
  for kb in 300000 550000; do
    ULIMIT_SAVED=$ULIMIT
    ULIMIT="ulimit -v $kb"
    fq export --to xml,jsonld,text,html -o out/ many.txt
    ULIMIT=$ULIMIT_SAVED
    case $rc in
      0 | 1) ;; # it fitted after all
      2 | 134)
        grep -q 'out of memory' "$tmp/err" || fail "out of memory ($kb KB): exit $rc without saying so: $(head -c 300 "$tmp/err")" ;;
      *) fail "out of memory ($kb KB): crashed (exit $rc): $(head -c 300 "$tmp/err")" ;;
    esac
    rm -rf "$work/out"
  done
fi
rm -f "$work/many.txt"
# The XML reader at a tenth of the size (the text run above already takes most of the time).
M=$((N / 10))
awk -v n="$M" 'BEGIN { print "Many entries\n"; for (i = 1; i <= n; i++) printf "What is item %d?\nItem %d is one of many.\n\n", i, i }' >"$work/many.txt"
fq export --to xml -o many.xml many.txt
if S_status "$M entries: export --to xml" '0|1' && [ "$rc" = 0 ]; then
  fq lint many.xml
  S_status "$M entries as XML: lint" '0|1'
fi
rm -f "$work/many.txt" "$work/many.xml"

# Cost stays linear where findings pile up: many equal questions (each needs a unique id and
# is a duplicate) and many findings on one long line (each needs a column).
D=$((N / 10))
awk -v n="$D" 'BEGIN { print "Duplicates\n"; for (i = 1; i <= n; i++) printf "What is the same thing?\nThe same answer, %d.\n\n", i }' >"$work/dups.txt"
fq lint dups.txt
S_status "$D equal questions: lint" '1' && S_msg "$D equal questions: lint" 'dups\.txt:6:1: error.*duplicate'
rm -f "$work/dups.txt"
awk -v n="$D" 'BEGIN { printf "Claims\n\nWhat is claimed?\n"; for (i = 1; i <= n; i++) printf "This is permanent and guaranteed. "; printf "\n" }' >"$work/claims.txt"
fq lint claims.txt
S_status "$D claims on one line: lint" '0|1'
rm -f "$work/claims.txt"

# XML 100,000 levels deep: refused by the parser's depth limit, with a position.
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<faq version=\"1\">\n"; for (i = 0; i < 100000; i++) printf "<a>"; for (i = 0; i < 100000; i++) printf "</a>"; printf "\n</faq>\n" }' >"$work/deep.xml"
check deep-xml deep.xml 2 2 'deep\.xml:[0-9]+:[0-9]+: error.*(deep|depth)'
rm -f "$work/deep.xml"

# Text nested like XML (not XML: it starts with a word): 100,000 '<' on one line.
awk 'BEGIN { printf "Angles\n\nWhat about angles?\n"; for (i = 0; i < 100000; i++) printf "<a>"; printf "\n" }' >"$work/angles.txt"
check angles-text angles.txt '0|1' '0|1' ''
rm -f "$work/angles.txt"

if [ "$VG" = 0 ]; then
  # Over 256 MiB: refused from its size (a sparse file: nothing is written to disk).
  : >"$work/huge.txt"
  if truncate -s 270M "$work/huge.txt" 2>/dev/null; then
    fq lint huge.txt
    S_status "over 256 MiB: lint" 2 && S_msg "over 256 MiB: lint" 'huge\.txt: .*error.*(MiB|large)'
    fq export --to xml huge.txt
    S_status "over 256 MiB: export" 2
    [ -s "$tmp/out" ] && fail "over 256 MiB: export wrote to stdout"
  fi
  rm -f "$work/huge.txt"
  # An endless device: refused after 256 MiB, in bounded memory.
  fq lint /dev/zero
  S_status "/dev/zero: lint" 2 && S_msg "/dev/zero: lint" '/dev/zero: .*error'
fi
STRACE=$STRACE_SAVED

# ---- a config whose pattern backtracks catastrophically ----
# Only with the real rules engine (a stub lists at most one rule).
nrules=$("$FAQ" rules 2>/dev/null | wc -l)
if [ "$nrules" -gt 3 ]; then
  cat >"$work/backtrack.rules.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rules version="1">
  <rule id="unsupported-claim">
    <pattern category="absolute">(a+)+$</pattern>
    <pattern category="absolute">(?:x+x+)+y</pattern>
  </rule>
</rules>
EOF
  awk 'BEGIN { printf "Backtracking\n\nWhat makes a pattern slow?\n"; for (i = 0; i < 30000; i++) printf "a"; printf "b\n\nAnd this?\n"; for (i = 0; i < 30000; i++) printf "x"; printf "\n" }' >"$work/backtrack.txt"
  allow='backtrack\.rules\.xml|backtrack\.txt'
  fq lint --config backtrack.rules.xml backtrack.txt
  # Bounded by pcre2's match limits: a finding that names the pattern's file and line.
  S_status "catastrophic pattern: lint" '1|2' && S_trace_ok "catastrophic pattern: lint"
  S_msg "catastrophic pattern: lint" 'backtrack\.txt:4:1: .*backtrack\.rules\.xml:4'
  fq export --config backtrack.rules.xml --to xml backtrack.txt
  S_status "catastrophic pattern: export" '0|1|2'
  # A config that is not a rules file, or not XML at all: exit 2 naming it.
  cp "$work/billion-laughs.xml" "$work/laughs.rules.xml"
  allow='laughs\.rules\.xml|cr-only\.txt'
  fq lint --config laughs.rules.xml cr-only.txt
  S_status "config with a DOCTYPE" 2 && S_msg "config with a DOCTYPE" 'laughs\.rules\.xml'
  S_trace_ok "config with a DOCTYPE"
  allow='nul\.txt|cr-only\.txt'
  fq lint --config nul.txt cr-only.txt
  S_status "config with a NUL" 2 && S_msg "config with a NUL" 'nul\.txt'
  fq lint --config no-such.rules.xml cr-only.txt
  S_status "missing config" 2 && S_msg "missing config" 'no-such\.rules\.xml'
else
  note "the rules engine is a stub: the catastrophic-pattern config is not checked"
fi

[ "$STRACE" = 1 ] || note "strace unavailable (or valgrind, or ASan): file and network access not checked"
[ -n "$notes" ] && printf '%s' "$notes"
if [ "$fails" -gt 0 ]; then
  echo "hostile: $fails problem(s) in $runs runs"
  exit 1
fi
echo "hostile: $runs runs passed"
exit 0
