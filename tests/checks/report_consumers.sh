#!/bin/sh
# report_consumers: `faq lint --format gitlab` and `--format checkstyle` give what their consumers
# read, checked against the consumers' documented shapes on real and crafted inputs:
#   gitlab      tests/data/gitlab-codequality.schema.json (written from GitLab's Code Quality
#               report format), with python3-jsonschema; plus unique fingerprints, relative paths,
#               one issue per finding of the JSON format, and fingerprints that survive a line shift
#   checkstyle  tests/data/checkstyle.xsd (the Checkstyle XML report), with xmllint --schema; plus
#               one <error> per finding and one <file> per linted file
# Each validator must also reject a known-bad document, or the check proves nothing.
# A missing validator is installed with apt-get (as root), otherwise the check fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "report_consumers: no faq binary at $faq"; exit 1; }

install() { # packages...
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    echo "report_consumers: installing $* (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}
pick_python() {
    for py in /usr/bin/python3 python3; do
        command -v "$py" >/dev/null 2>&1 && "$py" -c 'import jsonschema' >/dev/null 2>&1 && { echo "$py"; return 0; }
    done
    return 1
}
command -v xmllint >/dev/null 2>&1 || install libxml2-utils
command -v xmllint >/dev/null 2>&1 || { echo "report_consumers: FAIL: xmllint is missing: apt-get install libxml2-utils"; exit 1; }
py=$(pick_python) || { install python3-jsonschema; py=$(pick_python); } ||
    { echo "report_consumers: FAIL: python3-jsonschema is missing: apt-get install python3-jsonschema"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-consumers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "report_consumers: FAIL: $*"; fail=1; }

# Inputs: the shipped content, the report cases, and crafted names and failures.
in="$tmp/in"
mkdir -p "$in/sub dir"
cp "$root"/content/*.txt "$root"/tests/cases/report/*.txt "$in/"
printf 'Caf\303\251 <FAQ> & "more"\n\nIs it 100%% "painless"?\n\nYes: it is 100%% painless & guaranteed <b>.\n\nIs it 100%% "painless"?\n\nTBD\n' \
    > "$in/sub dir/h\303\251 & <x>.txt"
: > "$in/empty.txt"
printf 'Title\n\nWhat is it?\n\nIt is caf\351.\n' > "$in/latin1.txt"
n=0
docs=""
run() { # format args... (from $in)
    fmt=$1; shift
    n=$((n + 1))
    ( cd "$in" && "$faq" lint --format "$fmt" "$@" ) > "$tmp/$n.$fmt" 2> "$tmp/$n.err"
    rc=$?
    [ $rc -le 2 ] || ko "faq lint --format $fmt $* exited $rc: $(cat "$tmp/$n.err")"
    ( cd "$in" && "$faq" lint --format json "$@" ) > "$tmp/$n.json" 2>/dev/null
    docs="$docs $n"
}
for fmt in gitlab checkstyle; do
    run "$fmt" .
    run "$fmt" "sub dir/h$(printf '\303\251') & <x>.txt" empty.txt latin1.txt missing.txt
    run "$fmt" "$in/findings.txt" "./warnings.txt"   # absolute under the working directory, and ./
    run "$fmt" --config "$root/tests/cases/report/config/info.xml" failon.txt
    run "$fmt" ok-nothing-here.txt
done

# ---- gitlab ----
"$py" - "$root/tests/data/gitlab-codequality.schema.json" "$tmp" $docs <<'PY' || fail=1
import json, os, sys
import jsonschema
schema_path, tmp, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open(schema_path, encoding="utf-8"))
V = jsonschema.Draft7Validator
V.check_schema(schema)
v = V(schema)
bad = [{"description": "x", "check_name": "c", "fingerprint": "0" * 32, "severity": "warning",
        "location": {"path": "/abs/x.txt", "lines": {"begin": 0}}}]
if len(list(v.iter_errors(bad))) < 3:
    print("report_consumers: FAIL: the GitLab schema accepts a bad severity, an absolute path or line 0")
    sys.exit(1)
failed = issues = 0
def ko(doc, msg):
    global failed
    failed += 1
    print("report_consumers: FAIL: gitlab %s: %s" % (doc, msg))
sev = {"error": {"major", "critical"}, "warning": {"minor"}, "info": {"info"}}
for d in docs:
    p = os.path.join(tmp, d + ".gitlab")
    if not os.path.exists(p):
        continue
    try:
        data = json.loads(open(p, "rb").read().decode("utf-8"))
    except ValueError as e:
        ko(d, "not UTF-8 JSON: %s" % e); continue
    for e in list(v.iter_errors(data))[:10]:
        ko(d, "schema: %s at /%s" % (e.message, "/".join(str(x) for x in e.absolute_path)))
    ref = json.loads(open(os.path.join(tmp, d + ".json"), encoding="utf-8").read())["diagnostics"]
    if len(ref) != len(data):
        ko(d, "%d issues for %d findings" % (len(data), len(ref)))
    fps = [i.get("fingerprint") for i in data]
    if len(set(fps)) != len(fps):
        ko(d, "fingerprints are not unique")
    for i, r in zip(data, ref):
        issues += 1
        want = r["file"][len(os.path.join(tmp, "in")) + 1:] if r["file"].startswith("/") else r["file"]
        if want.startswith("./"): want = want[2:]
        if i["location"]["path"] != want or i["check_name"] != r["rule"] or i["description"] != r["message"] \
                or i["location"]["lines"]["begin"] != max(r["line"], 1) or i["severity"] not in sev[r["severity"]]:
            ko(d, "issue %r does not match the finding %r" % (i, r))
if failed: sys.exit(1)
print("report_consumers: gitlab: %d issues valid" % issues)
PY

# A finding keeps its fingerprint when text above it moves it down (GitLab then sees no new issue).
printf 'Hair FAQ\n\nIs it safe?\n\nIt is painless.\n' > "$tmp/a.txt"
printf 'Hair FAQ\n\nAn intro line.\n\nIs it safe?\n\nIt is painless.\n' > "$tmp/b.txt"
fa=$(cd "$tmp" && "$faq" lint --format gitlab a.txt | sed -n 's/.*"fingerprint": "\([0-9a-f]*\)".*/\1/p')
cp "$tmp/b.txt" "$tmp/a.txt"
fb=$(cd "$tmp" && "$faq" lint --format gitlab a.txt | sed -n 's/.*"fingerprint": "\([0-9a-f]*\)".*/\1/p')
[ -n "$fa" ] && [ "$fa" = "$fb" ] || ko "gitlab: the fingerprint changed when the finding moved a line down ($fa, $fb)"

# ---- checkstyle ----
xsd="$root/tests/data/checkstyle.xsd"
printf '<checkstyle version="1"><file name="x"><error line="0" severity="fatal" message="m"/></file></checkstyle>\n' > "$tmp/bad.xml"
xmllint --noout --nonet --schema "$xsd" "$tmp/bad.xml" >/dev/null 2>&1 && ko "checkstyle.xsd accepts line 0, a bad severity and no source"
cs=0
for d in $docs; do
    f="$tmp/$d.checkstyle"
    [ -f "$f" ] || continue
    cs=$((cs + 1))
    xmllint --noout --nonet --schema "$xsd" "$f" 2> "$tmp/xsd.err" || { ko "checkstyle $d: $(head -5 "$tmp/xsd.err")"; continue; }
    want=$(grep -c '"severity": ' "$tmp/$d.json")
    got=$(grep -c '<error ' "$f")
    [ "$want" = "$got" ] || ko "checkstyle $d: $got <error> for $want findings"
done
# Every linted file has its <file>, a clean one too (run 6 is `faq lint --format checkstyle .`).
[ "$(grep -c '<file name=' "$tmp/6.checkstyle")" = "$(find "$in" -name '*.txt' | wc -l)" ] ||
    ko "checkstyle: not one <file> element for each linted file"
grep -q '<file name="./warnings.txt">' "$tmp/6.checkstyle" || ko "checkstyle: no <file> for a file without errors"
[ $fail = 0 ] || exit 1
echo "report_consumers: checkstyle: $cs documents valid against checkstyle.xsd"
