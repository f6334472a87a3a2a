#!/usr/bin/env python3
"""score.py: how well faq's findings agree with an editor's labels.

    score.py [--details] [--findings FILE.json] FAQ DIR [DIR...]

For each DIR (a half of the corpus: FAQs plus a `labels` file), lints every FAQ in DIR with
`FAQ lint --format json` (or reads the findings from FILE.json, a report in that format, for
testing the scorer itself) and prints, per rule and overall, the labels, the findings, the
matches, precision and recall; then the trap lines that got a false alarm and the findings on
ordinary lines (lines with no label at all).

Labels, one a line ('#' starts a comment):
    FILE:LINE RULE               a defect of RULE on that line
    FILE:LINE RULE/CATEGORY      the same, and the finding must name CATEGORY
    FILE:LINE trap RULE          a line that looks like a defect of RULE and is not

A finding matches a label of the same file, line and rule (and category, when the label has
one); each label and each finding matches at most once. A finding that matches nothing is a
false alarm; on a trap line it counts against the trap rate, on a line with no label at all
it is a finding on an ordinary line. --details lists every miss and false alarm (use it on
the tuning half only). Exit status 0, or 2 on a usage or input error.
"""
import json
import os
import re
import subprocess
import sys

CATEGORY = re.compile(r'\(([a-z-]+)\) with')


def die(msg):
    sys.stderr.write("score.py: %s\n" % msg)
    sys.exit(2)


def read_labels(path):
    defects, traps = [], []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            m = re.fullmatch(r"(.+):(\d+)", parts[0])
            if not m or len(parts) not in (2, 3) or (len(parts) == 3 and parts[1] != "trap"):
                die("%s:%d: expected FILE:LINE RULE[/CATEGORY] or FILE:LINE trap RULE" % (path, n))
            key = (m.group(1), int(m.group(2)))
            if len(parts) == 3:
                traps.append((key, parts[2]))
            else:
                rule, _, cat = parts[1].partition("/")
                defects.append((key, rule, cat or None))
    return defects, traps


def lint(faq, d, files):
    paths = [os.path.join(d, f) for f in files]
    p = subprocess.run([faq, "lint", "--format", "json"] + paths, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        die("%s lint exited %d: %s" % (faq, p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)


def findings_of(report):
    out = []
    for d in report.get("diagnostics", []):
        m = CATEGORY.search(d.get("message", "")) if d["rule"] == "unsupported-claim" else None
        out.append(((os.path.basename(d["file"]), d["line"]), d["rule"], m.group(1) if m else None, d.get("message", "")))
    return out


def score(name, defects, traps, found, details):
    rules = sorted({r for _, r, _ in defects} | {r for _, r in traps} | {r for _, r, _, _ in found})
    used = [False] * len(found)
    matched = [False] * len(defects)
    # exact matches first (rule and category), so that a finding is not spent on the wrong label
    for i, (key, rule, cat) in enumerate(defects):
        for j, (fk, fr, fc, _) in enumerate(found):
            if not used[j] and fk == key and fr == rule and (cat is None or fc == cat):
                used[j] = matched[i] = True
                break
    labelled = {k for k, _, _ in defects} | {k for k, _ in traps}
    trap_lines = sorted({k for k, _ in traps})
    trap_hit = {k for j, (k, _, _, _) in enumerate(found) if not used[j] and k in set(trap_lines)}
    ordinary = [j for j, (k, _, _, _) in enumerate(found) if k not in labelled]
    wrong_cat = sum(1 for i, (key, rule, cat) in enumerate(defects) if not matched[i] and cat and
                    any(not used[j] and fk == key and fr == rule for j, (fk, fr, _, _) in enumerate(found)))

    print("%s: %d FAQs, %d labelled defects, %d trap lines, %d findings" %
          (name, len({k[0] for k, _, _ in defects} | {k[0] for k, _ in traps}), len(defects), len(trap_lines), len(found)))
    print("  %-26s %6s %8s %7s %9s %6s" % ("rule", "labels", "findings", "matched", "precision", "recall"))

    def row(label, nl, nf, nm_l, nm_f):
        prec = "%.2f" % (nm_f / nf) if nf else "-"
        rec = "%.2f" % (nm_l / nl) if nl else "-"
        print("  %-26s %6d %8d %7d %9s %6s" % (label, nl, nf, nm_l, prec, rec))

    for rule in rules:
        li = [i for i, d in enumerate(defects) if d[1] == rule]
        fi = [j for j, f in enumerate(found) if f[1] == rule]
        row(rule, len(li), len(fi), sum(matched[i] for i in li), sum(used[j] for j in fi))
        if rule == "unsupported-claim":
            for cat in sorted({d[2] for d in defects if d[1] == rule and d[2]}):
                lc = [i for i in li if defects[i][2] == cat]
                fc = [j for j in fi if found[j][2] == cat]
                row("  " + cat, len(lc), len(fc), sum(matched[i] for i in lc), sum(used[j] for j in fc))
    row("overall", len(defects), len(found), sum(matched), sum(used))
    if wrong_cat:
        print("  claims found on the right line with another category: %d" % wrong_cat)
    rate = 100.0 * len(trap_hit) / len(trap_lines) if trap_lines else 0.0
    print("  trap lines with a false alarm: %d of %d (%.1f%%)" % (len(trap_hit), len(trap_lines), rate))
    print("  findings on ordinary lines: %d" % len(ordinary))
    if details:
        for i, (key, rule, cat) in enumerate(defects):
            if not matched[i]:
                print("  miss  %s:%d %s%s" % (key[0], key[1], rule, "/" + cat if cat else ""))
        for j, (key, rule, cat, msg) in enumerate(found):
            if not used[j]:
                kind = "trap" if key in set(trap_lines) else "extra" if key in labelled else "ordinary"
                print("  %-5s %s:%d %s: %s" % (kind, key[0], key[1], rule, msg))
    print()


def main(argv):
    details, fixture = False, None
    while argv and argv[0].startswith("--"):
        if argv[0] == "--details":
            details = True
            argv = argv[1:]
        elif argv[0] == "--findings" and len(argv) > 1:
            fixture = argv[1]
            argv = argv[2:]
        else:
            die("unknown option %s" % argv[0])
    if len(argv) < 2:
        die("usage: score.py [--details] [--findings FILE.json] FAQ DIR [DIR...]")
    faq = argv[0]
    for d in argv[1:]:
        lab = os.path.join(d, "labels")
        if not os.path.isfile(lab):
            die("%s: no labels file" % d)
        defects, traps = read_labels(lab)
        files = sorted(f for f in os.listdir(d) if f != "labels" and not f.startswith("."))
        known = set(files)
        for key, *_ in defects + traps:
            if key[0] not in known:
                die("%s: label for %s, which is not in %s" % (lab, key[0], d))
        if fixture:
            with open(fixture, encoding="utf-8") as f:
                report = json.load(f)
        else:
            report = lint(faq, d, files)
        score(os.path.basename(os.path.normpath(d)), defects, traps, findings_of(report), details)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
