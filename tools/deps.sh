#!/bin/sh
# deps.sh [--test]: make sure the build dependencies (with --test: the tools the tests run) are
# there; installs them with apt-get when it runs as root on Debian, otherwise says exactly what
# to install.
if [ "${1:-}" = --test ]; then
    # command-or-python-module:Debian package
    need="xmllint:libxml2-utils strace:strace git:git vim:vim-nox py:jsonschema:python3-jsonschema py:yaml:python3-yaml"
    missing=""
    for n in $need; do
        case $n in
        py:*) m=${n#py:}; m=${m%%:*}; /usr/bin/python3 -c "import $m" >/dev/null 2>&1 || missing="$missing ${n##*:}" ;;
        *) command -v "${n%%:*}" >/dev/null 2>&1 || missing="$missing ${n##*:}" ;;
        esac
    done
    [ -z "$missing" ] && exit 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "faq: installing test dependencies:$missing"
        export DEBIAN_FRONTEND=noninteractive
        # shellcheck disable=SC2086
        { apt-get install -y -qq --no-install-recommends python3 $missing ||
          { apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 $missing; }; } >/dev/null ||
            { echo "faq: apt-get failed; install them with: apt-get install$missing" >&2; exit 1; }
        exit 0
    fi
    # Not root: the tests that need them fail and say so (none is skipped).
    echo "faq: missing test dependencies; install them with: sudo apt-get install$missing" >&2
    exit 0
fi
pkgs="libxml2-dev libpcre2-dev libjansson-dev libmd4c-dev libstemmer-dev pkg-config"
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libxml-2.0 || missing="$missing libxml2-dev"
  pkg-config --exists libpcre2-8 || missing="$missing libpcre2-dev"
  pkg-config --exists jansson || missing="$missing libjansson-dev"
  pkg-config --exists md4c || missing="$missing libmd4c-dev"
fi
# libstemmer has no pkg-config file on Debian: its header
[ -f /usr/include/libstemmer.h ] || missing="$missing libstemmer-dev"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "faq: installing build dependencies:$missing"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $pkgs gcc make; } >/dev/null || {
    echo "faq: apt-get failed; install them with: apt-get install $pkgs" >&2; exit 1; }
  exit 0
fi
echo "faq: missing build dependencies; install them with: sudo apt-get install$missing" >&2
exit 1
