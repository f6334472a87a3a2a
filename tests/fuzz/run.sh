#!/bin/sh
# run.sh [SECONDS]: builds the libFuzzer targets (tests/fuzz/fuzz_*.c, clang with
# -fsanitize=fuzzer,address,undefined against libfaq.a built with the same sanitizers) and runs
# each for SECONDS (default 60) from its seed corpus tests/fuzz/corpus/NAME/.
# New inputs go to a work corpus in the build directory (the seeds in the repo are not changed);
# a crash, leak, sanitizer report or timeout leaves BUILD/NAME/crash-* (or leak-*, timeout-*)
# and makes run.sh fail: turn it into a regression case in tests/hostile/ or tests/cases/.
# Installs clang and the fuzzer runtime (libclang-rt-14-dev) with apt-get when root and missing.
# Environment: FUZZ_O (build directory, default build/fuzz), FUZZ_TARGETS (default
# "text xml config pipeline md html"), FUZZ_JOBS (parallel fuzzing jobs per target, default 1), CLANG (default clang).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
SECONDS_EACH=${1:-60}
case $SECONDS_EACH in '' | *[!0-9]*) echo "usage: run.sh [SECONDS]" >&2; exit 2 ;; esac
FUZZ_O=${FUZZ_O:-build/fuzz}
case $FUZZ_O in /*) ;; *) FUZZ_O="$top/$FUZZ_O" ;; esac
TARGETS=${FUZZ_TARGETS:-text xml config pipeline md html}
JOBS=${FUZZ_JOBS:-1}
CLANG=${CLANG:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

# ---- the compiler and the fuzzer runtime ----
S_can_fuzz() {
  command -v "$CLANG" >/dev/null 2>&1 || return 1
  mkdir -p "$FUZZ_O" || return 1
  printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    >"$FUZZ_O/probe.c"
  "$CLANG" -fsanitize=fuzzer,address,undefined -o "$FUZZ_O/probe" "$FUZZ_O/probe.c" >/dev/null 2>&1
}
if ! S_can_fuzz; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fuzz: installing clang and the fuzzer runtime (clang, libclang-rt-14-dev)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev; } >/dev/null 2>&1 ||
      apt-get install -y -qq --no-install-recommends clang libclang-rt-dev >/dev/null 2>&1
  fi
  if ! S_can_fuzz; then
    echo "fuzz: clang with libFuzzer is missing; install it with: sudo apt-get install clang libclang-rt-14-dev" >&2
    exit 1
  fi
fi
sh tools/deps.sh || exit 1

# ---- the library with sanitizer coverage, then the targets ----
echo "fuzz: building the library in $FUZZ_O"
if ! make -s O="$FUZZ_O" CC="$CLANG" OPT="-O1 -g -fsanitize=fuzzer-no-link $SAN" "$FUZZ_O/libfaq.a" >"$FUZZ_O/build.log" 2>&1; then
  tail -n 30 "$FUZZ_O/build.log" >&2
  echo "fuzz: the library does not build (log: $FUZZ_O/build.log)" >&2
  exit 1
fi
# shellcheck disable=SC2046
PKG_CFLAGS=$(pkg-config --cflags libxml-2.0 libpcre2-8 jansson md4c)
PKG_LIBS="$(pkg-config --libs libxml-2.0 libpcre2-8 jansson md4c) -lstemmer"
for t in $TARGETS; do
  echo "fuzz: linking fuzz_$t"
  # shellcheck disable=SC2086
  if ! "$CLANG" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -fsanitize=fuzzer $SAN \
      $PKG_CFLAGS -Itools -I"$FUZZ_O" -o "$FUZZ_O/fuzz_$t" "tests/fuzz/fuzz_$t.c" "$FUZZ_O/libfaq.a" \
      $PKG_LIBS -lpthread >"$FUZZ_O/fuzz_$t.log" 2>&1; then
    cat "$FUZZ_O/fuzz_$t.log" >&2
    echo "fuzz: fuzz_$t does not link" >&2
    exit 1
  fi
done

# ---- run ----
# Leak detection stays on; a libFuzzer -timeout (per input) of 10 s finds hangs, such as a
# pattern that backtracks without limit.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=""
for t in $TARGETS; do
  work="$FUZZ_O/$t"
  mkdir -p "$work/corpus"
  extra=""
  [ -f "tests/fuzz/$t.dict" ] && extra="-dict=$top/tests/fuzz/$t.dict"
  [ "$JOBS" -gt 1 ] && extra="$extra -jobs=$JOBS -workers=$JOBS"
  echo "fuzz: fuzz_$t for ${SECONDS_EACH}s (seeds tests/fuzz/corpus/$t, work corpus $work/corpus)"
  # shellcheck disable=SC2086
  (cd "$work" && "$FUZZ_O/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 $extra \
      -artifact_prefix="$work/" "$work/corpus" "$top/tests/fuzz/corpus/$t") >"$work/fuzz.log" 2>&1
  rc=$?
  [ "$JOBS" -gt 1 ] && cat "$work"/fuzz-*.log >>"$work/fuzz.log" 2>/dev/null
  grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$work/fuzz.log" | sed "s/^/fuzz: $t: /"
  found=""
  for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*; do
    [ -e "$f" ] && found="$found ${f##*/}"
  done
  if [ $rc -ne 0 ] || [ -n "$found" ]; then
    grep -E 'ERROR|SUMMARY|runtime error|fuzz_' "$work/fuzz.log" | head -n 20
    echo "fuzz: fuzz_$t FAILED (exit $rc); artifacts in $work: $found"
    echo "fuzz: reproduce with $FUZZ_O/fuzz_$t $work/ARTIFACT"
    failed="$failed $t"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: failures in:$failed"
  exit 1
fi
echo "fuzz: no crash in ${SECONDS_EACH}s per target"
exit 0
