#!/bin/sh
# html_browser: the exported page in Debian's headless chromium (tests/browser/run.sh, also
# `make test-browser`): no console errors, every question visible, embedded JSON-LD = export.
top=$(cd "$(dirname "$0")/../.." && pwd)
exec sh "$top/tests/browser/run.sh" "${FAQ:-$top/build/faq}"
