#!/bin/sh
# run.sh [-u]: runs every test of faq and ends with "N passed, N failed".
#   unit tests      tests/unit/test_*.c, linked against libfaq.a
#   golden cases    tests/cases/GROUP/NAME.{txt,xml} with NAME.expect/CHECK beside it
#   properties      round trip (text export -> XML is the same XML) and xmllint agreement,
#                   on every case and on content/
#   check scripts   tests/checks/*.sh (exit 0 pass, else fail; 77, "could not run: a tool is
#                   missing", fails too: `make test` installs the tools first, see tools/deps.sh --test)
# Nothing is skipped: a test that cannot run is counted as failed and says why.
# -u rewrites the goldens from the current output (review them with git diff).
# Environment: FAQ (the binary), O (build dir), CC, VALGRIND=1 (run faq under valgrind),
# ONLY=PATTERN (run only the tests whose name contains PATTERN).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
FAQ=${FAQ:-build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
O=${O:-build}
case $O in /*) ;; *) O="$top/$O" ;; esac
CC=${CC:-cc}
UPDATE=0
[ "${1:-}" = "-u" ] && UPDATE=1
ONLY=${ONLY:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

RUN="$FAQ"
if [ "${VALGRIND:-0}" = 1 ]; then
  RUN="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect $FAQ"
fi
export FAQ RUN

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 40; }
selected() { [ -z "$ONLY" ] && return 0; case $1 in *"$ONLY"*) return 0 ;; esac; return 1; }

# ---- unit tests ----
for src in tests/unit/test_*.c; do
  [ -f "$src" ] || continue
  name=unit/$(basename "$src" .c)
  selected "$name" || continue
  bin="$tmp/$(basename "$src" .c)"
  # shellcheck disable=SC2046
  if ! $CC -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g ${SAN_FLAGS:-} -Itools -I"$O" \
      $(pkg-config --cflags libxml-2.0 libpcre2-8 jansson md4c) -o "$bin" "$src" "$O/libfaq.a" \
      $(pkg-config --libs libxml-2.0 libpcre2-8 jansson md4c) -lstemmer -lpthread 2>"$tmp/cc.log"; then
    ko "$name (does not compile)" "$(cat "$tmp/cc.log")"
    continue
  fi
  if [ "${VALGRIND:-0}" = 1 ]; then
    out=$(cd tests/unit && valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$bin" 2>&1)
  else
    out=$(cd tests/unit && "$bin" 2>&1)
  fi
  if [ $? -eq 0 ]; then ok; else ko "$name" "$out"; fi
done

# ---- golden cases ----
# Produces the output of one check for input file $1 (run in its directory), args from $2.
produce() {
  file=$1; check=$2; args=$3
  case $check in
    lint) cmd="lint" ;;
    lint.*) cmd="lint --format ${check#lint.}" ;;
    xml|jsonld|html|md) cmd="export --to $check" ;;
    txt) cmd="export --to text" ;;
    *) echo "unknown check '$check'"; return ;;
  esac
  # shellcheck disable=SC2086
  NO_COLOR=1 $RUN $cmd $args "$file" 2>&1
  echo "exit $?"
}

for input in tests/cases/*/*.txt tests/cases/*/*.xml tests/cases/*/*.html tests/cases/*/*.md tests/cases/*/*.mdx; do
  [ -f "$input" ] || continue
  dir=$(dirname "$input")
  file=$(basename "$input")
  name=${file%.*}
  exp="$dir/$name.expect"
  [ -d "$exp" ] || continue
  args=""
  [ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
  for golden in "$exp"/*; do
    [ -f "$golden" ] || continue
    check=$(basename "$golden")
    tname="${dir#tests/cases/}/$name:$check"
    selected "$tname" || continue
    got=$(cd "$dir" && produce "$file" "$check" "$args")
    if [ "$UPDATE" = 1 ]; then
      printf '%s\n' "$got" > "$golden"
      ok
    elif [ "$got" = "$(cat "$golden")" ]; then
      ok
    else
      printf '%s\n' "$got" > "$tmp/got"
      ko "$tname" "$(diff -u "$golden" "$tmp/got")"
    fi
  done
done

# ---- properties: round trip and xmllint agreement ----
for input in content/*.txt tests/cases/*/*.txt; do
  [ -f "$input" ] || continue
  tname="roundtrip/$input"
  selected "$tname" || continue
  args=""
  n=${input%.txt}
  [ -f "$n.args" ] && args=$(cat "$n.args")
  # shellcheck disable=SC2086
  $FAQ export --to xml $args "$input" > "$tmp/a.xml" 2>/dev/null || continue
  # shellcheck disable=SC2086
  if ! $FAQ export --to text $args "$input" > "$tmp/a.txt" 2>"$tmp/err"; then
    ko "$tname (text export failed)" "$(cat "$tmp/err")"; continue
  fi
  # shellcheck disable=SC2086
  if ! $FAQ export --to xml --force $args "$tmp/a.txt" > "$tmp/b.xml" 2>"$tmp/err"; then
    ko "$tname (text export does not read back)" "$(cat "$tmp/err")"; continue
  fi
  if cmp -s "$tmp/a.xml" "$tmp/b.xml"; then ok; else ko "$tname" "$(diff -u "$tmp/a.xml" "$tmp/b.xml")"; fi
  case " $args " in *" --force "*) continue ;; esac # forced exports may be invalid on purpose
  if ! command -v xmllint >/dev/null 2>&1; then
    ko "xmllint/$input (not run: xmllint is missing: apt-get install libxml2-utils)"
  elif xmllint --noout --nonet --schema schema/faq.xsd "$tmp/a.xml" 2>"$tmp/err"; then ok
  else ko "xmllint/$input (faq exported XML that xmllint rejects)" "$(cat "$tmp/err")"; fi
done

# ---- property: the Markdown export reads back as the same XML ----
# For every case and content file, whatever its reader: the XML export of the input and the
# XML export of its Markdown export are the same (FAQ XML -> Markdown -> XML too).
for input in content/*.txt tests/cases/*/*.txt tests/cases/md/*.md tests/cases/md/*.mdx tests/cases/xml/*.xml; do
  [ -f "$input" ] || continue
  tname="roundtrip-md/$input"
  selected "$tname" || continue
  args=""
  n=${input%.*}
  [ -f "$n.args" ] && args=$(cat "$n.args")
  # shellcheck disable=SC2086
  $FAQ export --to xml $args "$input" > "$tmp/a.xml" 2>/dev/null || continue
  grep -q '<entry' "$tmp/a.xml" || continue # Markdown has no FAQ without a question
  # shellcheck disable=SC2086
  if ! $FAQ export --to md $args "$input" > "$tmp/a.md" 2>"$tmp/err"; then
    ko "$tname (Markdown export failed)" "$(cat "$tmp/err")"; continue
  fi
  # shellcheck disable=SC2086
  if ! $FAQ export --to xml --force $args "$tmp/a.md" > "$tmp/b.xml" 2>"$tmp/err"; then
    ko "$tname (Markdown export does not read back)" "$(cat "$tmp/err")"; continue
  fi
  if cmp -s "$tmp/a.xml" "$tmp/b.xml"; then ok; else ko "$tname" "$(diff -u "$tmp/a.xml" "$tmp/b.xml")"; fi
done

# ---- check scripts ----
for script in tests/checks/*.sh; do
  [ -f "$script" ] || continue
  tname="check/$(basename "$script" .sh)"
  selected "$tname" || continue
  out=$(sh "$script" 2>&1)
  rc=$?
  if [ $rc -eq 0 ]; then ok
  elif [ $rc -eq 77 ]; then ko "$tname (could not run)" "$(printf '%s' "$out" | tail -n 3)"
  else ko "$tname" "$out"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
