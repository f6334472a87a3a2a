#!/bin/sh
# walk: what `faq lint DIR` does with every path it meets, and what an export does when it
# cannot remove a stale file. Each path a walk passes over gets a warning and counts in the
# JSON summary's "skipped": a directory more than 32 levels down, one it cannot read, a FIFO
# with a FAQ name, a dangling link, a link to a file or directory outside the tree (followed
# with --follow, loops entered once). Also: a config rule with thousands of patterns is a clear
# error naming the rule and the count, not one innocent pattern.
# The unreadable-directory and read-only cases run as an unprivileged user (setpriv), since
# root reads and writes anything.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "walk: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-walk.XXXXXX") || exit 1
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "walk: FAIL: $*"; fail=1; }
faqfile() { printf 'Boat FAQ\n\nHow long is the trip?\n\nAbout two hours.\n' > "$1"; }

mkdir -p "$tmp/outside/sub" "$tmp/site/docs"
faqfile "$tmp/outside/secret.txt"
faqfile "$tmp/outside/sub/more.txt"
faqfile "$tmp/site/docs/a.txt"
ln -s ../../outside/secret.txt "$tmp/site/docs/link-out.txt"
ln -s a.txt "$tmp/site/docs/link-in.txt"
ln -s ../outside/sub "$tmp/site/linked-dir"
ln -s .. "$tmp/site/docs/loop"
ln -s nowhere.txt "$tmp/site/docs/dangling.txt"
mkfifo "$tmp/site/docs/pipe.txt"
d="$tmp/site/deep"; i=0
while [ $i -lt 34 ]; do d="$d/d"; i=$((i + 1)); done
mkdir -p "$d"; faqfile "$d/deep.txt"

timeout 60 "$faq" lint "$tmp/site" > "$tmp/out" 2>&1; rc=$?
[ "$rc" = 0 ] || ko "lint site: exit $rc, want 0 (warnings only): $(head -5 "$tmp/out")"
grep -q 'link-out.txt: warning: not checked: a symbolic link to a file outside the input .*--follow' "$tmp/out" || ko "a link to a file outside the tree is not reported: $(cat "$tmp/out")"
grep -q 'secret.txt' "$tmp/out" && ! grep -q 'link-out.txt: warning' "$tmp/out" && ko "a file outside the tree was checked"
grep -q 'linked-dir: warning: not searched: a symbolic link to a directory outside the input' "$tmp/out" || ko "a link to a directory outside the tree is not reported"
grep -q 'more.txt' "$tmp/out" && ko "a directory outside the tree was searched without --follow"
grep -q 'dangling.txt: warning: not checked: a symbolic link to nothing' "$tmp/out" || ko "a dangling link is not reported"
grep -q 'pipe.txt: warning: not checked: a named pipe' "$tmp/out" || ko "a FIFO is not reported"
grep -q 'warning: not searched: more than 32 directories' "$tmp/out" || ko "a directory too deep is not reported"
timeout 60 "$faq" lint --format json "$tmp/site" > "$tmp/json" 2>&1
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; sys.exit(0 if s["skipped"] == 5 else "skipped %s, want 5" % s["skipped"])' "$tmp/json" || ko "JSON summary: $(tail -3 "$tmp/json")"
timeout 60 "$faq" lint --follow --format json "$tmp/site" > "$tmp/json" 2>&1
grep -q '"skipped": 3' "$tmp/json" || ko "--follow: skipped count: $(grep skipped "$tmp/json")"
grep -q 'more.txt' "$tmp/json" || ko "--follow: the linked directory was not searched"
grep -q 'link-out.txt' "$tmp/json" || ko "--follow: the linked file was not checked"

# As an unprivileged user: an unreadable directory; an export that cannot remove its stale files.
if ! command -v setpriv > /dev/null; then echo "walk: setpriv (util-linux) is missing"; exit 77; fi
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
# a copy the unprivileged user can run, wherever the build lives (a home directory may be closed)
cp "$faq" "$tmp/faq"; chmod 755 "$tmp/faq"; faq_bin=$faq; faq=$tmp/faq
mkdir -p "$tmp/site/locked"; faqfile "$tmp/site/locked/x.txt"; chmod 000 "$tmp/site/locked"
as_nobody "$faq" lint "$tmp/site/docs/a.txt" > /dev/null 2>&1 || ko "nobody cannot run faq on a readable file"
as_nobody timeout 60 "$faq" lint "$tmp/site" > "$tmp/out" 2>&1
grep -q 'locked: warning: not searched: cannot read the directory (Permission denied)' "$tmp/out" || ko "an unreadable directory is not reported: $(grep locked "$tmp/out")"
chmod 755 "$tmp/site/locked"

mkdir "$tmp/ro"
faqfile "$tmp/ro/good.txt"
printf 'Boat FAQ\n\nHow long is the trip?\n\n' > "$tmp/ro/bad.txt"
"$faq" export --to xml,jsonld -o "$tmp/ro/" "$tmp/ro/good.txt" 2>/dev/null
cp "$tmp/ro/good.xml" "$tmp/ro/bad.xml"; cp "$tmp/ro/good.jsonld" "$tmp/ro/bad.jsonld"
chmod 555 "$tmp/ro"; chmod 644 "$tmp/ro/bad.xml" "$tmp/ro/bad.jsonld"
as_nobody "$faq" export --to xml,jsonld -o "$tmp/ro/" "$tmp/ro/bad.txt" > "$tmp/out" 2>&1; rc=$?
[ "$rc" = 2 ] || ko "a stale export that cannot be removed: exit $rc, want 2"
grep -q 'bad.xml: cannot remove the earlier export (Permission denied)' "$tmp/out" || ko "a stale export that cannot be removed is not reported: $(cat "$tmp/out")"
chmod 755 "$tmp/ro"

# Thousands of patterns in one config rule
{ echo '<?xml version="1.0" encoding="UTF-8"?><rules><rule id="unsupported-claim">'
  i=0; while [ $i -lt 3000 ]; do printf '<pattern category="c">\\bword%d[a-z]{1,40}(?:alpha|beta|gamma|delta)+x{2,9}\\b</pattern>\n' $i; i=$((i + 1)); done
  echo '</rule></rules>'; } > "$tmp/big.xml"
"$faq" lint --config "$tmp/big.xml" "$tmp/site/docs/a.txt" > "$tmp/out" 2>&1; rc=$?
[ "$rc" = 2 ] || ko "a config too large for pcre2: exit $rc, want 2"
grep -q 'big.xml:2: error: rule "unsupported-claim": its [0-9]* patterns .*3000 from this file.* too large for one regular expression' "$tmp/out" || ko "a config too large for pcre2: $(cat "$tmp/out")"
exit $fail
