#!/bin/sh
# sarif_schema: `faq lint --format sarif` output is valid against the published SARIF 2.1.0 schema.
#
#   FAQ=path/to/faq sh tests/checks/sarif_schema.sh          lint content/ and crafted inputs
#   sh tests/checks/sarif_schema.sh FILE.sarif...              validate given files only
#
# The schema is tests/data/sarif-schema-2.1.0.json (JSON Schema draft-04; see tests/data/sarif-SOURCE.md).
# The validator is Debian's python3-jsonschema (with python3-rfc3987 for the uri formats), installed
# with apt-get when missing and we are root; without it and without root the check prints SKIP.
# Exit 0: pass; 77: skipped (printed SKIP); 1: invalid SARIF or a broken setup, with the reason.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
schema="$root/tests/data/sarif-schema-2.1.0.json"
[ -f "$schema" ] || { echo "sarif_schema: FAIL: $schema is missing"; exit 1; }

# A python3 that has jsonschema; Debian's own interpreter first (that is where apt installs it).
pick_python() {
    for py in /usr/bin/python3 python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import jsonschema' >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

as_root=""
if [ "$(id -u)" = 0 ]; then as_root=" "
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then as_root="sudo -n"
fi

apt_install() { # packages...
    [ -n "$as_root" ] && command -v apt-get >/dev/null 2>&1 || return 1
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
    $as_root apt-get update -q >/dev/null 2>&1 || true
    $as_root apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}

py=$(pick_python)
if [ -z "$py" ] && [ -n "$as_root" ]; then
    echo "sarif_schema: installing python3-jsonschema with apt-get"
    apt_install python3-jsonschema python3-rfc3987 || apt_install python3-jsonschema
    py=$(pick_python)
fi
if [ -z "$py" ]; then
    echo "SKIP: sarif_schema: no SARIF validator: python3-jsonschema is not installed and cannot be"
    echo "SKIP: (not root, no sudo, or apt-get failed); run: apt-get install python3-jsonschema python3-rfc3987"
    exit 77
fi
# The uri / uri-reference formats are only checked with rfc3987; get it when we can (not required).
if ! "$py" -c 'import rfc3987' >/dev/null 2>&1; then
    apt_install python3-rfc3987 >/dev/null 2>&1 || true
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-sarif.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
docs=""

if [ $# -gt 0 ]; then
    for f in "$@"; do
        case "$f" in /*) docs="$docs $f" ;; *) docs="$docs $(pwd)/$f" ;; esac
    done
else
    faq=${FAQ:-$root/build/faq}
    case "$faq" in /*) ;; *) faq="$(pwd)/$faq" ;; esac
    [ -x "$faq" ] || { echo "sarif_schema: FAIL: no faq binary at $faq (set FAQ=path/to/faq)"; exit 1; }

    # Crafted inputs, linted from their directory so paths are relative.
    in="$tmp/in"
    mkdir -p "$in/sub dir"
    : > "$in/empty.txt"
    printf 'Title\n\nWhat is it?\n\nIt is caf\351 and \377.\n' > "$in/latin1.txt"
    printf 'FAQ with %%, commas, and <tags>\n\nWhat is SMP?\n\nTBD\n\nWhat is SMP?\n\nIt is 100%% guaranteed & "painless" </script>.\n' \
        > "$in/sub dir/h\303\251 #1%.txt"
    printf 'Title\n\nWhy?\n\nBecause.\n' > "$in/ok.txt"
    n=0
    run() { # name args...
        name=$1; shift
        n=$((n + 1))
        out="$tmp/$n-$name.sarif"
        ( cd "$in" && "$faq" lint --format sarif "$@" ) > "$out" 2> "$tmp/$n.err"
        rc=$?
        case $rc in
        0|1) ;;
        2) [ -s "$out" ] || { rm -f "$out"; return 0; } ;;  # a usage/I/O error may print no SARIF
        *) echo "sarif_schema: FAIL: faq lint --format sarif $* exited $rc"; cat "$tmp/$n.err"; exit 1 ;;
        esac
        [ -s "$out" ] || { echo "sarif_schema: FAIL: faq lint --format sarif $* printed nothing (exit $rc)"; exit 1; }
        docs="$docs $out"
    }
    for f in "$root"/content/*.txt "$root"/content/*.xml; do
        [ -f "$f" ] && run content "$f"
    done
    run empty empty.txt
    run latin1 latin1.txt
    run hostile "sub dir/h$(printf '\303\251') #1%.txt"
    run ok ok.txt
    run several ok.txt empty.txt "sub dir"
    run missing does-not-exist.txt
fi

[ -n "$docs" ] || { echo "sarif_schema: FAIL: no SARIF document to check"; exit 1; }

# shellcheck disable=SC2086
"$py" - "$schema" $docs <<'PY'
import json, re, sys
import jsonschema

schema_path, docs = sys.argv[1], sys.argv[2:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
V = jsonschema.Draft4Validator
V.check_schema(schema)
validator = V(schema, format_checker=jsonschema.FormatChecker())
try:
    import rfc3987  # noqa: F401  (enables the uri and uri-reference formats)
    formats = "with uri formats"
except ImportError:
    formats = "without uri formats (python3-rfc3987 missing; checked by a pattern below)"

# The validator must reject a known-bad document, or this check proves nothing.
bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "faq"}},
       "results": [{"level": "info", "message": {"text": "x"}}]}]}
if not list(validator.iter_errors(bad)):
    print("sarif_schema: FAIL: the validator accepts a document with level 'info'")
    sys.exit(1)

URI_REF = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
failed, results, regions = 0, 0, 0


def fail(doc, msg):
    global failed
    failed += 1
    print("sarif_schema: FAIL: %s: %s" % (doc, msg))


for doc in docs:
    try:
        with open(doc, "rb") as f:
            raw = f.read()
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        fail(doc, "not UTF-8 JSON: %s" % e)
        continue
    errs = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    for e in errs[:10]:
        fail(doc, "schema: %s at /%s" % (e.message, "/".join(str(p) for p in e.absolute_path)))
    if errs:
        continue
    if data.get("version") != "2.1.0" or len(data.get("runs", [])) != 1:
        fail(doc, "want version 2.1.0 and exactly one run")
        continue
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "faq":
        fail(doc, "tool.driver.name is %r" % driver.get("name"))
    if run.get("columnKind") != "unicodeCodePoints":
        fail(doc, "columnKind is %r" % run.get("columnKind"))
    rules = driver.get("rules", [])
    if not rules:
        fail(doc, "tool.driver.rules is empty")
    for r in rules:
        if not r.get("shortDescription", {}).get("text"):
            fail(doc, "rule %r has no shortDescription.text" % r.get("id"))
    for i, res in enumerate(run.get("results", [])):
        results += 1
        if "ruleIndex" in res:
            k = res["ruleIndex"]
            if k >= len(rules) or rules[k].get("id") != res.get("ruleId"):
                fail(doc, "result %d: ruleIndex %d does not name rule %r" % (i, k, res.get("ruleId")))
        for loc in res.get("locations", []):
            pl = loc.get("physicalLocation", {})
            uri = pl.get("artifactLocation", {}).get("uri", "")
            if not URI_REF.match(uri):
                fail(doc, "result %d: uri %r is not a percent-encoded URI reference" % (i, uri))
            reg = pl.get("region")
            if reg is None:
                continue
            regions += 1
            if "startColumn" in reg and not ("endLine" in reg and "endColumn" in reg):
                fail(doc, "result %d: region has a start column but no end" % i)
            end = (reg.get("endLine", reg["startLine"]), reg.get("endColumn", 10**9))
            if end < (reg["startLine"], reg.get("startColumn", 1)):
                fail(doc, "result %d: region ends before it starts" % i)

try:
    from importlib.metadata import version as _v
    version = _v("jsonschema")
except Exception:
    version = "?"
if not failed and results == 0:
    fail("all", "no result at all in %d documents (the empty input should give one)" % len(docs))
if failed:
    sys.exit(1)
print("sarif_schema: %d SARIF documents valid (%d results, %d regions; jsonschema %s, draft-04, %s)"
      % (len(docs), results, regions, version, formats))
PY
