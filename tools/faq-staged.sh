#!/bin/sh
# faq-staged.sh [LINT-OPTION...] FILE...: lints what is staged for each FILE (the index, not the working copy),
# reporting each under its own path, so that a commit is checked as it will be recorded.
# Used by .pre-commit-hooks.yaml (id: faq-lint) and by a plain .git/hooks/pre-commit.
#   FAQ         the faq binary (default: faq on PATH; else one built in this repository)
# Lint options come first, each one word (--fail-on=warning, --config=ci/faq.xml); -- ends them.
# Exit 0 when every file passes, 1 when one has findings at the fail level, 2 on a usage or
# read error (the highest status of all files).
faq=${FAQ:-}
if [ -z "$faq" ]; then
    if command -v faq >/dev/null 2>&1; then
        faq=faq
    else # pre-commit runs this from its clone of faq's repository: build faq there once
        top=$(cd "$(dirname "$0")/.." && pwd)
        for b in "$top/build/faq" "$top/tools/faq"; do [ -x "$b" ] && faq=$b && break; done
        if [ -z "$faq" ]; then
            echo "faq-staged: building faq in $top (once)" >&2
            make -s -C "$top" deps build >&2 || { echo "faq-staged: cannot build faq: install it (make install) or set FAQ" >&2; exit 2; }
            for b in "$top/build/faq" "$top/tools/faq"; do [ -x "$b" ] && faq=$b && break; done
        fi
    fi
fi
opts=""
while [ $# -gt 0 ]; do
    case $1 in
    --) shift; break ;;
    -?*) opts="$opts '$(printf '%s' "$1" | sed "s/'/'\\\\''/g")'"; shift ;;
    *) break ;;
    esac
done
status=0
for f in "$@"; do
    # The staged blob; a path that is not staged (a new file not added) has none: lint nothing.
    git cat-file -e ":$f" 2>/dev/null || continue
    git show ":$f" | eval "\"\$faq\" lint $opts --stdin-filename \"\$f\" -"
    rc=$?
    [ $rc -gt $status ] && status=$rc
done
exit $status
