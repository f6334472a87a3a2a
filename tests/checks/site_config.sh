#!/bin/sh
# site_config: a project config (.faq.xml) sets the site's address and language once:
# <site url="https://example.com/" lang="en-GB"/> gives every FAQ file below it an absolute
# page URL (its path from the config's directory, without extension or a last "index") and a
# language, so its JSON-LD has absolute @ids and inLanguage without front matter; {path} in the
# URL places the path; front matter and --url/--lang win; a bad URL is a config error.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "site_config: no faq binary at $faq"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-site-config.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "site_config: FAIL: $*"; fail=1; }
# has FILE TEXT: the export in FILE holds TEXT
has() { grep -qF -- "$2" "$1" || ko "$3: no $2 in: $(grep -E '"@id"|inLanguage|canonical|lang=' "$1" | head -4)"; }

cd "$tmp" || exit 1
mkdir -p site/help/billing
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rules>\n  <site url="https://example.com/" lang="en-GB"/>\n</rules>\n' > site/.faq.xml
printf 'Billing FAQ\n\nHow do I pay?\n\nBy card.\n' > site/help/billing/index.txt
printf 'Shipping FAQ\n\nHow fast is it?\n\nTwo days.\n' > site/help/shipping.txt
printf -- '---\nurl: https://other.example/s\nlang: fr\n---\nShipping FAQ\n\nHow fast is it?\n\nTwo days.\n' > site/help/front.txt

"$faq" export --to jsonld site/help/billing/index.txt > out.json 2>err.txt || ko "billing: $(cat err.txt)"
has out.json '"@id": "https://example.com/help/billing/#how-do-i-pay"' "index.txt"
has out.json '"inLanguage": "en-GB"' "index.txt"
(cd site/help && "$faq" export --to jsonld shipping.txt) > out.json 2>err.txt || ko "shipping: $(cat err.txt)"
has out.json '"@id": "https://example.com/help/shipping/#how-fast-is-it"' "from another directory"
"$faq" export --to html site/help/shipping.txt > out.html 2>err.txt || ko "html: $(cat err.txt)"
has out.html '<html lang="en-GB">' "html export"
has out.html '<link rel="canonical" href="https://example.com/help/shipping/">' "html export"
"$faq" export --to jsonld site/help/front.txt > out.json 2>err.txt || ko "front: $(cat err.txt)"
has out.json '"@id": "https://other.example/s#how-fast-is-it"' "front matter url"
has out.json '"inLanguage": "fr"' "front matter lang"
"$faq" export --url https://cli.example/x --lang de --to jsonld site/help/shipping.txt > out.json 2>err.txt || ko "options: $(cat err.txt)"
has out.json '"@id": "https://cli.example/x#how-fast-is-it"' "--url"
has out.json '"inLanguage": "de"' "--lang"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rules>\n  <site url="https://example.com/faq/{path}.html"/>\n</rules>\n' > site/.faq.xml
"$faq" export --to jsonld site/help/shipping.txt > out.json 2>err.txt || ko "{path}: $(cat err.txt)"
has out.json '"@id": "https://example.com/faq/help/shipping.html#how-fast-is-it"' "{path}"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rules>\n  <site url="example.com/faq"/>\n</rules>\n' > site/.faq.xml
"$faq" export --to jsonld site/help/shipping.txt > out.json 2>err.txt
rc=$?
[ "$rc" = 2 ] || ko "a site url that is not absolute: exit $rc, want 2"
grep -q 'site/.faq.xml:3: error: does not match rules.xsd' err.txt || ko "a bad site url: $(cat err.txt)"
exit $fail
