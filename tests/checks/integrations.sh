#!/bin/sh
# integrations: every integration recipe of README.md ("## Integrations"), read from between its
# `<!-- recipe: NAME -->` marker and the end of the code block after it, is run as written:
#   github-steps, gitlab-ci  their steps on a clean clone of this repository, dependency step
#                            included (`sudo` is the runner's: without it, as root, a stand-in)
#   github-action            action.yml's steps, with the recipe's inputs (tools/action.sh)
#   container                the Containerfile's build-stage steps in a scratch copy, and its
#                            runtime packages against the libraries the binary links
#   git-hook, pre-commit     against a scratch git repository: a bad staged file with a fixed
#                            working copy is refused, a good staged file with a broken working
#                            copy passes; names with spaces and non-ASCII characters
#   vim                      a real `vim -es` quickfix run lands on each finding's character
#   vscode                   the problem matchers' patterns and file locations on real output
# Needs git, vim and python3 with yaml (installed with apt-get as root when missing, else FAIL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
faq=${FAQ:-$root/build/faq}
case $faq in /*) ;; *) faq="$root/$faq" ;; esac
[ -x "$faq" ] || { echo "integrations: no faq binary at $faq"; exit 1; }
FAQ=$faq
# The recipes run as on a fresh runner: nothing of an enclosing make (`make asan` passes its
# OPT and LDFLAGS down, in MAKEFLAGS and the environment) may reach their own `make`; two
# jobs, as a runner has.
unset MAKEFLAGS MFLAGS MAKELEVEL OPT CFLAGS LDFLAGS LDLIBS SAN_FLAGS O
MAKEFLAGS=-j2
export FAQ MAKEFLAGS
readme="$root/README.md"

install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    echo "integrations: installing $* (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 && return 0
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1
}
command -v git >/dev/null 2>&1 || install git
command -v vim >/dev/null 2>&1 || install vim-nox
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || install python3-yaml
for t in git vim /usr/bin/python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "integrations: FAIL: $t is missing (apt-get install git vim-nox python3-yaml)"; exit 1; }
done
/usr/bin/python3 -c 'import yaml' 2>/dev/null || { echo "integrations: FAIL: python3-yaml is missing"; exit 1; }
py=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/faq-integrations.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ko() { echo "integrations: FAIL: $*"; fail=1; }
say() { echo "integrations: $*"; }

# recipe NAME: the code block after the marker, verbatim.
recipe() {
    awk -v m="<!-- recipe: $1 -->" '
        $0 == m { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }' "$readme"
}
for r in github-action github-steps gitlab-ci container pre-commit-config git-hook vim vscode; do
    [ -n "$(recipe $r)" ] || ko "README.md has no recipe '$r'"
done

# faq on PATH, as the editor and hook recipes expect.
mkdir -p "$tmp/bin"
ln -s "$faq" "$tmp/bin/faq"
PATH="$tmp/bin:$PATH"
export PATH
git_id() { git -c user.name=t -c user.email=t@example.invalid "$@"; }

E=$(printf '\303\251')     # é
CJK=$(printf '\346\227\245\346\234\254')  # 日本
COMB=$(printf 'e\314\201')  # e + combining acute

# ---- vim: a real quickfix run lands on the first character of each finding ----
mkdir -p "$tmp/vim dir"
vf="$tmp/vim dir/caf$E faq.txt"
printf 'Caf%s FAQ\n\nIs it safe?\n\nCaf%s: it is guaranteed.\n\n%s%s: it is painless.\n\n\tIndented, it is guaranteed.\n\nCaf%s and %s, 100%% safe.\n' \
    "$E" "$E" "$CJK" "$CJK" "$COMB" "$CJK" > "$vf"
recipe vim > "$tmp/faq.vim"
cat > "$tmp/run.vim" <<'VIM'
source $FAQ_VIMRC
execute 'edit' fnameescape($FAQ_FILE)
silent make
let s:out = []
for s:i in range(1, len(getqflist()))
  silent execute 'cc' s:i
  call add(s:out, line('.') . "\t" . strpart(getline('.'), col('.') - 1))
endfor
call writefile(s:out, $FAQ_OUT)
qall!
VIM
FAQ_VIMRC="$tmp/faq.vim" FAQ_FILE="$vf" FAQ_OUT="$tmp/vim.out" \
    vim -es -u NONE -i NONE -N -S "$tmp/run.vim" < /dev/null > "$tmp/vim.log" 2>&1
faq lint --format json "$vf" > "$tmp/vim.json" 2>/dev/null
if [ ! -s "$tmp/vim.out" ]; then
    ko "vim: no quickfix entries ($(head -3 "$tmp/vim.log"))"
else
    "$py" - "$tmp/vim.json" "$tmp/vim.out" <<'PY' || fail=1
import json, re, sys
diags = json.load(open(sys.argv[1], encoding="utf-8"))["diagnostics"]
got = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
bad = 0
if len(got) != len(diags):
    print("integrations: FAIL: vim: %d quickfix entries for %d findings" % (len(got), len(diags))); sys.exit(1)
for d, g in zip(diags, got):
    line, rest = g.split("\t", 1)
    m = re.match(r'unsupported claim "([^"]*)"', d["message"])
    if int(line) != d["line"] or (m and not rest.startswith(m.group(1))):
        print("integrations: FAIL: vim: %s:%d:%d landed on line %s at %r" % (d["file"], d["line"], d["column"], line, rest[:30]))
        bad = 1
print("integrations: vim: %d findings, each landed on its character" % len(got)) if not bad else None
sys.exit(bad)
PY
fi

# ---- VS Code: the problem matchers on real output, absolute and relative paths ----
ws="$tmp/ws"
mkdir -p "$ws/content"
cp "$vf" "$ws/content/my faq $E.txt"
printf 'Title\n\nWhat?\n\nIt is 100%% painless: a:b.\n' > "$ws/content/a:b.txt"
printf 'x\0y' > "$ws/content/nul.txt"
( cd "$ws" && faq lint "$ws/content/my faq $E.txt" > "$tmp/vs.abs" 2>&1
  faq lint content/ > "$tmp/vs.rel" 2>&1
  faq lint --format json content/ > "$tmp/vs.json" 2>/dev/null )
recipe vscode > "$tmp/tasks.json"
"$py" - "$tmp/tasks.json" "$ws" "$tmp/vs.abs" "$tmp/vs.rel" "$tmp/vs.json" <<'PY' || fail=1
import json, os, re, sys
tasks, ws, abs_out, rel_out, ref = sys.argv[1:6]
task = json.load(open(tasks, encoding="utf-8"))["tasks"][0]
bad = 0
def ko(m):
    global bad
    bad = 1
    print("integrations: FAIL: vscode: " + m)
if task.get("command") != "faq" or task.get("args", [None])[0] != "lint":
    ko("the task does not run faq lint")
ms = task["problemMatcher"]
for m in ms:
    if m["fileLocation"] != ["autoDetect", "${workspaceFolder}"]:
        ko("fileLocation %r is not autoDetect from the workspace folder" % m["fileLocation"])
def resolve(f):  # VS Code's autoDetect: absolute as is, else from the workspace folder
    return f if os.path.isabs(f) else os.path.join(ws, f)
def parse(line):
    hits = []
    for m in ms:
        p = m["pattern"]
        r = re.match(p["regexp"], line)
        if r:
            g = lambda k: r.group(p[k]) if k in p else None
            hits.append({"file": g("file"), "line": g("line"), "column": g("column"),
                         "severity": g("severity"), "message": g("message"), "code": g("code"), "kind": p.get("kind")})
    return hits
diags = json.load(open(ref, encoding="utf-8"))["diagnostics"]
n = 0
for out, absolute in ((abs_out, True), (rel_out, False)):
    lines = open(out, encoding="utf-8").read().split("\n")[:-1]
    want = [d for d in diags if not absolute or d["file"].endswith("my faq \u00e9.txt")]
    if len(lines) != len(want):
        ko("%d lines of output for %d findings in %s" % (len(lines), len(want), out)); continue
    for line, d in zip(lines, want):
        hits = parse(line)
        if len(hits) != 1:
            ko("%d matchers take %r" % (len(hits), line)); continue
        h = hits[0]
        path = resolve(h["file"])
        if not os.path.exists(path) or os.path.samefile(path, os.path.join(ws, d["file"])) is False:
            ko("%r resolves to %r, not the linted file" % (line, path)); continue
        if absolute != os.path.isabs(h["file"]):
            ko("%r: path %r" % (line, h["file"]))
        if h["code"] != d["rule"] or h["severity"] != d["severity"] or h["message"] != d["message"]:
            ko("%r: wrong code, severity or message" % line)
        if d["line"]:
            if int(h["line"]) != d["line"] or int(h["column"]) != d["column"]:
                ko("%r: line/column %s/%s, want %d/%d" % (line, h["line"], h["column"], d["line"], d["column"]))
            text = open(path, encoding="utf-8").read().split("\n")[d["line"] - 1]
            # VS Code's column is in UTF-16 units: the same as faq's for these lines (no emoji).
            u16 = len(text[:d["column"] - 1].encode("utf-16-le")) // 2 + 1
            if u16 != int(h["column"]):
                ko("%r: VS Code would put column %s at UTF-16 column %d" % (line, h["column"], u16))
        elif h["kind"] != "file":
            ko("%r: a finding about the whole file not taken as one" % line)
        n += 1
if not bad:
    print("integrations: vscode: %d findings matched, absolute and relative paths resolved" % n)
sys.exit(bad)
PY

# ---- git hook and pre-commit: staged content, not the working copy ----
hook_test() { # name, how to install the hook (a function), args for commit...
    name=$1; setup=$2
    r="$tmp/repo-$name"
    rm -rf "$r"
    git init -q "$r"
    mkdir -p "$r/content"
    "$setup" "$r"
    bad="content/bad file $E.txt"
    good='Hair FAQ\n\nHow long does it last?\n\nThree to five years.\n'
    broken='Hair FAQ\n\nHow long does it last?\n\nTBD\n'
    # 1: a bad staged file, fixed in the working copy: refused, and named by its real path.
    printf "$broken" > "$r/$bad"
    ( cd "$r" && git add -- "$bad" )
    printf "$good" > "$r/$bad"
    if ( cd "$r" && git_id commit -q -m one ) > "$tmp/hook.out" 2>&1; then
        ko "$name: a commit whose staged file has an error passed"
    elif ! grep -q "^content/bad file $E.txt:5:1: error: .*\[missing-answer\]" "$tmp/hook.out"; then
        ko "$name: the refusal does not name the staged file's error: $(head -3 "$tmp/hook.out")"
    fi
    # 2: a good staged file, broken in the working copy: passes.
    ( cd "$r" && git add -- "$bad" )
    printf "$broken" > "$r/$bad"
    ( cd "$r" && git_id commit -q -m two ) > "$tmp/hook.out" 2>&1 ||
        ko "$name: a commit whose staged file is good was refused: $(head -3 "$tmp/hook.out")"
    # 3: a file outside the FAQ paths is not linted.
    printf 'TBD\n' > "$r/notes.txt"
    ( cd "$r" && git add notes.txt && git_id commit -q -m three ) > "$tmp/hook.out" 2>&1 ||
        ko "$name: a file outside content/ was linted: $(head -3 "$tmp/hook.out")"
    [ "$(cd "$r" && git rev-list --count HEAD 2>/dev/null)" = 2 ] || ko "$name: not exactly the two good commits recorded"
    say "$name: staged content linted (bad staged refused, good staged passed), names with spaces and accents"
}
plain_hook() {
    recipe git-hook > "$1/.git/hooks/pre-commit"
    chmod +x "$1/.git/hooks/pre-commit"
}
hook_test git-hook plain_hook

# pre-commit runs a `language: script` hook as its entry (from its clone of faq's repository),
# then the config's args, then the staged file names matching `files:`, from the repository's top.
"$py" - "$root/.pre-commit-hooks.yaml" "$tmp/pc.sh" <<'PY' || fail=1
import os, re, shlex, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
h = [x for x in hooks if x.get("id") == "faq-lint"]
if len(h) != 1 or h[0].get("language") != "script":
    print("integrations: FAIL: .pre-commit-hooks.yaml has no faq-lint hook of language script"); sys.exit(1)
h = h[0]
open(sys.argv[2], "w").write("entry=%s\nfiles=%s\n" % (shlex.quote(h["entry"]), shlex.quote(h.get("files", ""))))
PY
recipe pre-commit-config > "$tmp/pcc.yaml"
"$py" - "$tmp/pcc.yaml" "$tmp/pcc.sh" <<'PY' || fail=1
import shlex, sys, yaml
c = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
h = c["repos"][0]["hooks"][0]
assert h["id"] == "faq-lint"
open(sys.argv[2], "w").write("args=%s\nfiles=%s\n" % (" ".join(shlex.quote(a) for a in h.get("args", [])), shlex.quote(h.get("files", ""))))
PY
entry="" files="" args=""
. "$tmp/pc.sh"
"$py" -c 'import re, sys; sys.exit(0 if re.search(sys.argv[1], "content/x y.txt") else 1)' "$files" ||
    ko "pre-commit: the hook's default files: does not take content/x y.txt"
[ -x "$root/$entry" ] || ko "pre-commit: the entry $entry is not an executable file"
. "$tmp/pcc.sh"
framework_hook() {
    cat > "$1/.git/hooks/pre-commit" <<HOOK
#!/bin/sh
# What pre-commit does for faq-lint: the staged names matching files:, to entry + args.
git diff --cached --name-only -z --diff-filter=ACMR | grep -z -E '$files' |
    xargs -0 -r "$root/$entry" $args
HOOK
    chmod +x "$1/.git/hooks/pre-commit"
}
hook_test pre-commit framework_hook
"$py" -c 'import re, sys; sys.exit(0 if re.search(sys.argv[1], "content/x y.txt") else 1)' "$files" ||
    ko "pre-commit: the recipe's files: does not take content/x y.txt"

# ---- CI recipes on a clean clone ----
clone="$tmp/clone"
git clone -q "$root" "$clone" || { ko "cannot clone $root"; exit 1; }
# The recipes run as a runner's user would: `sudo` is there (a stand-in when we are root).
if ! command -v sudo >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    printf '#!/bin/sh\nexec "$@"\n' > "$tmp/bin/sudo"
    chmod +x "$tmp/bin/sudo"
fi
recipe github-steps > "$tmp/gh.yml"
recipe gitlab-ci > "$tmp/gl.yml"
recipe github-action > "$tmp/gha.yml"
"$py" - "$tmp" "$clone" <<'PY' || fail=1
import json, os, re, subprocess, sys, yaml
tmp, clone = sys.argv[1:3]
bad = 0
def ko(m):
    global bad
    bad = 1
    print("integrations: FAIL: " + m)
def sh(cmd, env=None, what=""):
    r = subprocess.run(["sh", "-ec", cmd], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = r.stdout.decode("utf-8", "replace")
    return r.returncode, out
def check_sarif(path, what):
    try:
        d = json.load(open(os.path.join(clone, path), encoding="utf-8"))
        assert d["version"] == "2.1.0" and d["runs"][0]["tool"]["driver"]["name"] == "faq"
    except Exception as e:
        ko("%s: %s is not faq's SARIF: %s" % (what, path, e))

# GitHub, plain steps
wf = yaml.safe_load(open(os.path.join(tmp, "gh.yml"), encoding="utf-8"))
failed = False
for st in wf["jobs"]["lint"]["steps"]:
    if "run" in st:
        if failed and st.get("if") != "always()":
            continue
        rc, out = sh(st["run"])
        if rc:
            failed = True
            ko("github-steps: `%s` exited %d: %s" % (st["run"], rc, out[-600:]))
    elif st["uses"].startswith("github/codeql-action/upload-sarif"):
        check_sarif(st["with"]["sarif_file"], "github-steps")
    elif not st["uses"].startswith("actions/checkout"):
        ko("github-steps: a step this test does not know: %r" % st)
if not bad:
    print("integrations: github-steps: every step ran on a clean clone")

# GitLab CI
job = yaml.safe_load(open(os.path.join(tmp, "gl.yml"), encoding="utf-8"))["faq"]
assert job["image"].startswith("debian:")
for cmd in job["script"]:
    rc, out = sh(cmd)
    if rc:
        ko("gitlab-ci: `%s` exited %d: %s" % (cmd, rc, out[-600:])); break
for cmd in job.get("after_script", []):
    rc, out = sh(cmd)
    if rc > 1:
        ko("gitlab-ci: after_script `%s` exited %d: %s" % (cmd, rc, out[-600:]))
rep = job["artifacts"]["reports"]
try:
    cq = json.load(open(os.path.join(clone, rep["codequality"]), encoding="utf-8"))
    assert isinstance(cq, list) and all("fingerprint" in i for i in cq)
except Exception as e:
    ko("gitlab-ci: the codequality report is not Code Quality JSON: %s" % e)
if subprocess.run(["xmllint", "--noout", os.path.join(clone, rep["junit"])]).returncode:
    ko("gitlab-ci: the junit report is not XML")
if not bad:
    print("integrations: gitlab-ci: every step ran, both reports written")

# GitHub, with the action: action.yml's steps with the recipe's inputs
wf = yaml.safe_load(open(os.path.join(tmp, "gha.yml"), encoding="utf-8"))
act = yaml.safe_load(open(os.path.join(clone, "action.yml"), encoding="utf-8"))
assert act["runs"]["using"] == "composite"
step = [s for s in wf["jobs"]["lint"]["steps"] if s.get("uses") == "./"][0]
inputs = {k: str(v.get("default", "")) for k, v in act["inputs"].items()}
for k, v in step.get("with", {}).items():
    if k not in inputs:
        ko("github-action: the recipe gives an input the action does not have: %s" % k)
    inputs[k] = str(v)
outputs, out_file = {}, os.path.join(tmp, "gh-output")
def expr(s):
    s = re.sub(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(s))
    return re.sub(r"\$\{\{\s*steps\.lint\.outputs\.([a-z-]+)\s*\}\}", lambda m: outputs.get(m.group(1), ""), s)
for st in act["runs"]["steps"]:
    if "run" in st:
        env = dict(os.environ, GITHUB_ACTION_PATH=clone, GITHUB_OUTPUT=out_file, RUNNER_TEMP=tmp)
        env.update({k: expr(v) for k, v in st.get("env", {}).items()})
        open(out_file, "w").close()
        rc, out = sh(expr(st["run"]), env)
        for l in open(out_file).read().splitlines():
            k, _, v = l.partition("=")
            outputs[k] = v
        if rc:
            ko("github-action: step %r exited %d: %s" % (st.get("name"), rc, out[-600:]))
        if st.get("id") == "lint" and "::warning file=content/" not in out:
            ko("github-action: the lint step showed no annotation: %s" % out[-300:])
    elif st["uses"].startswith("github/codeql-action/upload-sarif"):
        check_sarif(expr(st["with"]["sarif_file"]), "github-action")
if outputs.get("exit-code") != "0":
    ko("github-action: exit-code output %r" % outputs.get("exit-code"))
if not bad:
    print("integrations: github-action: built, linted, SARIF ready for upload")
sys.exit(bad)
PY

# ---- Containerfile: the build stage's steps in a scratch copy; the runtime's libraries ----
cf="$clone/Containerfile"
if [ ! -f "$cf" ]; then
    ko "no Containerfile"
else
    grep -q '^ENTRYPOINT \["faq"\]' "$cf" || ko "Containerfile: faq is not the entry point"
    grep -q '^USER faq' "$cf" || ko "Containerfile: the image does not run as the unprivileged user"
    [ "$(grep -c '^FROM debian:12-slim' "$cf")" = 2 ] || ko "Containerfile: not two Debian 12 slim stages"
    recipe container | grep -q -- '-f Containerfile' || ko "the container recipe does not build the Containerfile"
    # The build stage's RUN steps, in a scratch copy of the clone (its COPY . .), as root would;
    # the image's /out (what the runtime stage copies) is a scratch directory here.
    scratch="$tmp/image-src"
    img="$tmp/image"
    git -C "$clone" archive --prefix=image-src/ HEAD | tar -x -C "$tmp"
    # The clone's build of the same sources (by the same `make build O=build`) saves a second
    # compile; make then only checks that it is up to date.
    [ -d "$clone/build" ] && cp -pR "$clone/build" "$scratch/build"
    awk '/^FROM /{stage++} stage==1 && /^RUN /{sub(/^RUN /, ""); print}' "$cf" > "$tmp/build-steps"
    grep -q 'DESTDIR=/out' "$tmp/build-steps" || ko "Containerfile: the build stage does not install into /out"
    while IFS= read -r step; do
        step=$(printf '%s' "$step" | sed "s|DESTDIR=/out|DESTDIR=$img|")
        ( cd "$scratch" && sh -ec "$step" ) > "$tmp/step.out" 2>&1 || ko "Containerfile build step \`$step\` failed: $(tail -5 "$tmp/step.out")"
    done < "$tmp/build-steps"
    grep -q "^COPY --from=build /out/usr/local/ /usr/local/" "$cf" || ko "Containerfile: the runtime stage does not copy /out/usr/local"
    "$img/usr/local/bin/faq" lint "$root/content" > /dev/null 2>&1
    [ $? -le 1 ] || ko "Containerfile: the installed faq does not lint content/"
    # Every library the binary needs comes from a package of the runtime stage (or libc6).
    runtime=$(awk '/^FROM /{stage++} stage==2' "$cf" | tr ' \\' '\n\n' | grep -E '^lib[a-z0-9.+-]+$')
    for lib in $(objdump -p "$img/usr/local/bin/faq" 2>/dev/null | awk '$1 == "NEEDED" {print $2}'); do
        pkg=$(dpkg -S "$lib" 2>/dev/null | grep -v -- '-dev' | head -1 | cut -d: -f1)
        case " libc6 $(echo $runtime) " in
        *" $pkg "*) ;;
        *) ko "Containerfile: $lib (package ${pkg:-unknown}) is not installed in the runtime stage" ;;
        esac
    done
    say "container: build stage ran, runtime packages cover $(objdump -p "$img/usr/local/bin/faq" | grep -c NEEDED) libraries"
fi
exit $fail
