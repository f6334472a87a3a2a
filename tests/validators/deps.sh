# deps.sh: sourced by the export validators; installs what they need on a fresh machine.
# Each need_* returns 0 when the tool is there (installing it when it may), otherwise prints
# why and returns 77 on a developer's machine (tests/run.sh counts it as failed: not run), or 1 in CI (CI=true), where a
# validator that cannot run must not pass quietly.
# Node packages: tests/package.json, pinned by tests/package-lock.json, installed with
# `npm ci --ignore-scripts` into tests/node_modules (not committed).

top=${top:-$(cd "$(dirname "$0")/../.." && pwd)}

S_missing() {
  echo "$1"
  if [ "${CI:-}" = true ]; then return 1; fi
  return 77
}

S_is_root() { [ "$(id -u)" = 0 ]; }

# apt_install PKG...: apt-get install as root, refreshing the package lists once if needed.
apt_install() {
  S_is_root || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  echo "installing $* (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
  apt-get update -q >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}

need_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  apt_install nodejs npm && command -v node >/dev/null 2>&1 && return 0
  S_missing "node and npm are needed: apt-get install nodejs npm (as root)"
}

# The pinned packages, installed again whenever tests/package-lock.json changed.
need_node_modules() {
  need_node || return $?
  stamp="$top/tests/node_modules/.faq-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$top/tests/package-lock.json"; then return 0; fi
  echo "installing the pinned validators (npm ci --prefix tests)" >&2
  if ! npm ci --prefix "$top/tests" --ignore-scripts --no-audit --no-fund --loglevel=error >&2; then
    S_missing "npm ci --prefix tests failed (is the npm registry reachable?)"
    return $?
  fi
  cp "$top/tests/package-lock.json" "$stamp"
}

need_java() {
  command -v java >/dev/null 2>&1 && java -version >/dev/null 2>&1 && return 0
  apt_install default-jre-headless && command -v java >/dev/null 2>&1 && return 0
  S_missing "java is needed for the Nu Html Checker: apt-get install default-jre-headless (as root)"
}

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
need_chromium() {
  [ -x "$CHROMIUM" ] && return 0
  apt_install chromium && [ -x "$CHROMIUM" ] && return 0
  S_missing "Debian's chromium is needed at $CHROMIUM: apt-get install chromium (as root)"
}
