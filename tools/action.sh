#!/bin/sh
# action.sh build|lint: the steps of action.yml (the GitHub Action), as a script so that they
# are tested outside GitHub (tests/checks/integrations.sh).
#   build  installs the build dependencies (tools/deps.sh; with sudo when not root, as on a
#          hosted runner) and builds faq into $GITHUB_ACTION_PATH/build
#   lint   lints $FAQ_PATHS (one a line) from the working directory: writes SARIF to
#          $RUNNER_TEMP/faq.sarif when FAQ_SARIF is true, then prints the findings in
#          $FAQ_FORMAT; records sarif-file and exit-code in $GITHUB_OUTPUT; exits with faq's
#          status (the upload step runs anyway: if: always()).
set -u
top=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
faq="$top/build/faq"
out=${GITHUB_OUTPUT:-/dev/null}

case ${1:-} in
build)
    if [ "$(id -u)" = 0 ]; then sh "$top/tools/deps.sh" || exit 2
    else sudo sh "$top/tools/deps.sh" || exit 2
    fi
    make -s -C "$top" build O=build || exit 2
    "$faq" --version
    ;;
lint)
    [ -x "$faq" ] || { echo "::error::faq is not built ($faq): run the build step first"; exit 2; }
    # The paths, one a line, as arguments (blank lines dropped; spaces kept).
    set --
    nl='
'
    old_ifs=$IFS
    IFS=$nl
    for p in ${FAQ_PATHS:-.}; do
        p=$(printf '%s' "$p" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -n "$p" ] && set -- "$@" "$p"
    done
    IFS=$old_ifs
    [ $# -gt 0 ] || set -- .
    set -- --fail-on "${FAQ_FAIL_ON:-error}" -- "$@"
    if [ -n "${FAQ_MAX_WARNINGS:-}" ]; then set -- --max-warnings "$FAQ_MAX_WARNINGS" "$@"; fi
    if [ "${FAQ_SARIF:-true}" = true ]; then
        sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/faq.sarif"
        "$faq" lint --format sarif "$@" > "$sarif"
        [ $? -le 1 ] && [ -s "$sarif" ] && echo "sarif-file=$sarif" >> "$out"
    fi
    "$faq" lint --format "${FAQ_FORMAT:-github}" "$@"
    rc=$?
    echo "exit-code=$rc" >> "$out"
    exit $rc
    ;;
*)
    echo "usage: action.sh build|lint" >&2
    exit 2
    ;;
esac
