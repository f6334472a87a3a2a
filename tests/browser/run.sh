#!/bin/sh
# run.sh [FAQ]: the browser test (`make test-browser`). Exports content/smp-faq.txt (and the
# hostile export case) to HTML and JSON-LD, opens each page from a file:// URL in Debian's
# headless chromium driven by the pinned playwright-core, and asserts: no console errors, no
# page errors, no dialogs, no request for anything but the page itself, every question visible,
# the page fits a phone's width, and JSON.parse of the embedded JSON-LD equals the export.
# Installs chromium (apt-get, as root) and the node packages (npm ci --prefix tests) if missing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/validators/deps.sh"
FAQ=${1:-${FAQ:-$top/build/faq}}
case $FAQ in /*) ;; *) FAQ="$PWD/$FAQ" ;; esac
[ -x "$FAQ" ] || { echo "no faq binary at $FAQ (run make first)"; exit 2; }
need_chromium || exit $?
need_node_modules || exit $?
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

set --
for spec in "content/smp-faq.txt|smp-faq|" "content/smp-faq.txt|smp-faq-url|--url https://example.com/faq/smp-faq --lang en" \
            "tests/cases/export/hostile.txt|hostile|"; do
  file=${spec%%|*}; rest=${spec#*|}; name=${rest%%|*}; args=${rest#*|}
  [ -f "$top/$file" ] || continue
  for fmt in html jsonld; do
    # shellcheck disable=SC2086
    if ! "$FAQ" export --to $fmt $args "$top/$file" > "$tmp/$name.$fmt" 2> "$tmp/err"; then
      echo "faq export --to $fmt $args $file failed:"; cat "$tmp/err"; exit 1
    fi
  done
  set -- "$@" "$tmp/$name.html" "$tmp/$name.jsonld"
done
CHROMIUM="$CHROMIUM" timeout 300 node "$top/tests/browser/check.js" "$@"
