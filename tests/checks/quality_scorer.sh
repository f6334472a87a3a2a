#!/bin/sh
# quality_scorer.sh: the scorer of `make quality` (tests/quality/score.py) counts right: on a
# tiny labelled FAQ with a fixed set of findings (a match, a repeated finding, a wrong
# category, a trap hit, a finding on an ordinary line, a missed label) its report must be
# exactly tests/checks/quality-fixture/expected; a malformed label must be refused (exit 2).
# Exit 0 pass, 1 fail.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
fx=tests/checks/quality-fixture
command -v python3 >/dev/null 2>&1 || { echo "quality_scorer: python3 is missing (tools/deps.sh installs it)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 tests/quality/score.py --details --findings "$fx/findings.json" none "$fx" >"$tmp/out" 2>&1
if ! diff -u "$fx/expected" "$tmp/out"; then
  echo "FAIL the scorer's report differs from $fx/expected"
  exit 1
fi
mkdir "$tmp/bad" && cp "$fx/a.txt" "$tmp/bad/" && printf 'a.txt:x unsupported-claim\n' >"$tmp/bad/labels"
python3 tests/quality/score.py --findings "$fx/findings.json" none "$tmp/bad" >/dev/null 2>&1
rc=$?
if [ "$rc" != 2 ]; then
  echo "FAIL a malformed label was not refused (exit $rc)"
  exit 1
fi
exit 0
