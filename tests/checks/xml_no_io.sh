#!/bin/sh
# xml_no_io: hostile XML (external entities and DTDs by file and http, XInclude, entity
# bombs) makes faq open no file but its input and connect nowhere; checked with strace.
# Exit 77 (skip) when strace is missing or cannot trace here.
set -u
FAQ=${FAQ:-build/faq}
here=$(cd "$(dirname "$0")" && pwd)
cases="$here/../cases/xml-hostile"
command -v strace >/dev/null 2>&1 || { echo "strace is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
strace -f -qq -e trace=open,openat -o "$tmp/probe" true 2>/dev/null || { echo "strace cannot trace here"; exit 77; }
fail=0
for f in "$cases"/*.xml; do
    for cmd in "lint" "export --to xml,jsonld,text,html -o $tmp/out/"; do
        mkdir -p "$tmp/out"
        # shellcheck disable=SC2086
        timeout 20 strace -f -qq -e trace=open,openat,connect,socket -o "$tmp/trace" "$FAQ" $cmd "$f" >/dev/null 2>&1
        if grep -E 'connect\(|socket\((AF_INET|AF_INET6|PF_INET)' "$tmp/trace" >/dev/null; then
            echo "xml_no_io: faq $cmd $(basename "$f") used the network:"; grep -E 'connect|socket' "$tmp/trace" | head -3; fail=1
        fi
        # Files opened after the input: nothing but the input, the outputs and system files.
        if grep -E 'open(at)?\(.*"(/etc/passwd|/etc/shadow|[^"]*\.dtd|http:)' "$tmp/trace" >/dev/null; then
            echo "xml_no_io: faq $cmd $(basename "$f") opened a file it must not:"
            grep -E '/etc/passwd|\.dtd|http:' "$tmp/trace" | head -3; fail=1
        fi
        rm -rf "$tmp/out"
    done
done
exit $fail
