#!/bin/sh
# hostile_html: hostile pages, generated here (some are megabytes), each with its bounded,
# clear answer and never a crash: JSON-LD that tries to close its script element, 10 MB of
# nested <div>, charsets that lie, a JSON-LD block of 1,000,000 nested arrays (past jansson's
# depth limit), character references everywhere (a quadratic scan once took 105 s on 14 MB).
# Every run is bounded in time (timeout) and, where GNU time is installed, in peak memory.
# Environment: FAQ (the binary), RUN (FAQ, possibly prefixed with valgrind).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FAQ=${FAQ:-$top/build/faq}
case $FAQ in /*) ;; *) FAQ="$top/$FAQ" ;; esac
RUN=${RUN:-$FAQ}
[ -x "$FAQ" ] || { echo "hostile_html: no binary at $FAQ"; exit 1; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
LIMIT=30
case $RUN in *valgrind*) LIMIT=600 ;; esac
# An ASan build keeps shadow memory and freed blocks in quarantine: its peak is measured
# against four times the limit, and it gets more time.
MEMX=1
if grep -q __asan_init "$FAQ" 2>/dev/null; then MEMX=4; LIMIT=120; fi
export NO_COLOR=1
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $*"; }

# fq MAXMB ARGS...: runs faq bounded in time; rc, $tmp/out, $tmp/err; fails past MAXMB of memory.
fq() {
  max=$1; shift
  # shellcheck disable=SC2086
  : > "$tmp/time"
  if [ -x /usr/bin/time ]; then
    (cd "$tmp" && exec /usr/bin/time -o "$tmp/time" -f '%M' timeout -s KILL $LIMIT $RUN "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
  else
    (cd "$tmp" && exec timeout -s KILL $LIMIT $RUN "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
  fi
  rc=$?
  kb=$(tail -n 1 "$tmp/time" 2>/dev/null)
  case $RUN in *valgrind*) ;; *)
    case $kb in '' | *[!0-9]*) ;; *) [ "$kb" -le $((max * 1024 * MEMX)) ] || fail "$*: peak memory $((kb / 1024)) MB, more than $((max * MEMX)) MB" ;; esac ;;
  esac
}
# expect WHAT RC [PATTERN [ABSENT]]: rc is RC, stdout+stderr match PATTERN and not ABSENT.
expect() {
  what=$1
  if [ "$rc" = 137 ] || [ "$rc" = 124 ]; then fail "$what: did not finish within ${LIMIT}s"; return; fi
  if [ "$rc" != "$2" ]; then fail "$what: exit $rc, expected $2: $(head -c 600 "$tmp/out") $(head -c 600 "$tmp/err")"; return; fi
  if [ -n "${3:-}" ] && ! cat "$tmp/out" "$tmp/err" | grep -Eq -- "$3"; then
    fail "$what: no message matching '$3': $(head -c 600 "$tmp/out") $(head -c 600 "$tmp/err")"
  fi
  if [ -n "${4:-}" ] && cat "$tmp/out" "$tmp/err" | grep -Eq -- "$4"; then
    fail "$what: a message matches '$4': $(cat "$tmp/out" "$tmp/err" | grep -E -- "$4" | head -c 600)"
  fi
}
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
head='<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Opening hours</title>'
faq='<details><summary>Is it open on Sunday?</summary><p>Yes, from noon.</p></details>'

# ---- JSON-LD that closes its script element ----
# The HTML parser ends the script at "</script>": the JSON is cut, a jsonld-syntax finding,
# and the script that follows is not read as FAQ.
{ printf '%s<script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Is it open on Sunday?</script><script>alert(1)</script>","acceptedAnswer":{"@type":"Answer","text":"Yes, from noon."}}]}</script></head>\n<body>%s</body></html>\n' "$head" "$faq"; } > "$tmp/close.html"
fq 100 lint close.html
expect "JSON-LD closing its script" 1 '^close.html:1:[0-9]+: error: the JSON-LD block at 1:[0-9]+ does not parse at line 1, column [0-9]+: premature end of input.*\[jsonld-syntax\]' 'alert'
# A visible question that holds "</script>": its export cannot close the script of a page.
printf '%s</head><body><details><summary>Is &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; safe?</summary><p>No: &lt;/script&gt; ends a script.</p></details></body></html>\n' "$head" > "$tmp/script-text.html"
fq 100 export --to jsonld script-text.html
expect "a question holding </script>, exported to JSON-LD" 0 'u003c/script' '</script'
fq 100 export --to html script-text.html
expect "a question holding </script>, exported to HTML" 0 '&lt;/script&gt;&lt;script&gt;alert'
grep -c '<script' "$tmp/out" | grep -qx 1 || fail "the HTML export of script-text.html holds more than its one JSON-LD script: $(grep -o '<script[^>]*>' "$tmp/out" | head -3)"

# ---- 10 MB of nested <div> ----
{ printf '%s</head><body>%s' "$head" "$faq"; rep 2000000 '<div>'; printf 'deep</body></html>\n'; } > "$tmp/divs.html"
fq 300 lint divs.html
expect "10 MB of nested <div>" 0

# ---- charsets that lie ----
printf '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Caf\351</title></head><body><details><summary>Est-ce ouvert\240?</summary><p>Oui, \340 midi.</p></details></body></html>\n' > "$tmp/lie-latin1.html"
fq 100 lint lie-latin1.html
expect "utf-8 declared, Latin-1 bytes" 2 '^lie-latin1.html:1:[0-9]+: error: invalid UTF-8 \(byte 0xE9\): save the file as UTF-8 \[input\]'
printf '<!DOCTYPE html><html lang="fr"><head><meta charset="iso-8859-1"><title>Caf\303\251</title></head><body><details><summary>Est-ce ouvert ?</summary><p>Oui, \303\240 midi.</p></details></body></html>\n' > "$tmp/lie-utf8.html"
fq 100 lint lie-utf8.html
case $rc in 0 | 1 | 2) ;; *) fail "iso-8859-1 declared, UTF-8 bytes: exit $rc: $(head -c 400 "$tmp/err")" ;; esac
printf '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=x-no-such-charset"><title>T</title></head><body>%s</body></html>\n' "$faq" > "$tmp/unknown-cs.html"
fq 100 lint unknown-cs.html
case $rc in 0 | 1 | 2) ;; *) fail "an unknown charset: exit $rc: $(head -c 400 "$tmp/err")" ;; esac

# ---- 1,000,000 nested arrays in a JSON-LD block ----
{ printf '%s<script type="application/ld+json">{"@type":"FAQPage","mainEntity":' "$head"; rep 1000000 '['; rep 1000000 ']'; printf '}</script></head><body>%s</body></html>\n' "$faq"; } > "$tmp/deep.html"
fq 200 lint deep.html
expect "1,000,000 nested arrays" 1 'deep.html:1:[0-9]+: error: .* nested more than 2048 deep .*\[jsonld-syntax\]'
# The same block alone on a page without a visible FAQ: not skipped by a walk (it names FAQPage).
mkdir -p "$tmp/site" && { printf '%s<script type="application/ld+json">{"@type":"FAQPage","mainEntity":' "$head"; rep 100000 '['; printf '</script></head><body><p>Hello.</p></body></html>\n'; } > "$tmp/site/deep.html"
fq 200 lint site
expect "a walked page whose only FAQPage block is broken" 1 'site/deep.html:.*\[jsonld-syntax\]'

# ---- character references everywhere ----
ent='&amp;&#x1F600;&nosuch;&#0;&#xD800;&eacute;&#233;'
{ printf '%s<script type="application/ld+json">{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Is it &amp; open?","acceptedAnswer":{"@type":"Answer","text":"' "$head"; rep 200000 "$ent"; printf '"}}]}</script></head><body><details><summary>Is it &amp; open?</summary><p>'; rep 200000 "$ent&lt;"; printf '</p></details></body></html>\n'; } > "$tmp/entities.html"
fq 400 lint entities.html
case $rc in 0 | 1) ;; *) fail "character references everywhere: exit $rc: $(head -c 400 "$tmp/err") $(head -c 400 "$tmp/out")" ;; esac
expect "character references everywhere" "$rc" '\[markup-differs\]'
fq 400 export --to jsonld entities.html
expect "character references everywhere, exported" 0 '"name": "Is it \\u0026 open\?"'

[ "$fails" -eq 0 ]
