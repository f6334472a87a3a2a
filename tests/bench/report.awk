# report.awk: the benchmark's tables (Markdown) and JSON, from the runs measure.c recorded.
# Input files, in order: tables.tsv, cases.tsv, targets.tsv (tab-separated), runs.txt
# (space-separated); see run.sh. Variables: json, md (output paths) and the machine's details.

function sortv(a, n,   i, j, t) { # sorts a[1..n] in place (few values: insertion sort)
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
function q(a, n, p,   x, lo) { # quantile p of sorted a[1..n], linear interpolation
    if (n < 1) return -1
    x = 1 + (n - 1) * p; lo = int(x)
    return (lo >= n) ? a[n] : a[lo] + (x - lo) * (a[lo + 1] - a[lo])
}
function stats(vals, n, pre,   i) { # fills ST[pre, "med"|"q1"|"q3"|"min"|"max"]
    sortv(vals, n)
    ST[pre, "n"] = n
    ST[pre, "med"] = q(vals, n, 0.5); ST[pre, "q1"] = q(vals, n, 0.25); ST[pre, "q3"] = q(vals, n, 0.75)
    ST[pre, "min"] = (n ? vals[1] : -1); ST[pre, "max"] = (n ? vals[n] : -1)
}
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return "\"" s "\"" }
function jnum(x, f) { return (x == "" || x < 0) ? "null" : sprintf(f, x) }
function secs(x) { return x < 0 ? "-" : (x < 0.1 ? sprintf("%.4f", x) : (x < 10 ? sprintf("%.3f", x) : sprintf("%.1f", x))) }
function rat(x) { return x < 0 ? "-" : sprintf("%.2f", x) }
function mb(kb) { return sprintf("%.1f", kb / 1024) }
function pretty(n) { return (n >= 1000 && n % 1000 == 0) ? (n / 1000) "k" : n }

FILENAME == ARGV[1] { nt++; TNAME[nt] = $1; TTITLE[$1] = $2; TDESC[$1] = $3; next }
FILENAME == ARGV[2] {
    id = $1; nc++; CID[nc] = id
    CT[id] = $2; CR[id] = $3; CN[id] = $4; CROLE[id] = $5; CB[id] = $6; CRUN[id] = $7; COK[$7] = " " $8 " "; CCMD[id] = $9
    rk = $2 SUBSEP $3 SUBSEP $4
    if (!(rk in RSEEN)) { RSEEN[rk] = 1; nr++; RT[nr] = $2; RR[nr] = $3; RN[nr] = $4 }
    ROWC[rk, $5] = id
    next
}
FILENAME == ARGV[3] { ng++; GT[ng] = $1; GR[ng] = $2; GN[ng] = $3; GK[ng] = $4; GL[ng] = $5; next }
{
    r = $1; k = ++NRUN[r]
    RW[r, k] = $3; RU[r, k] = $4; RSY[r, k] = $5; RP[r, k] = $6; RB[r, k] = $7; RX[r, k] = $8; RRD[r, k] = $2
    BYROUND[r, $2] = k
}
END {
    # per measured command
    for (r in NRUN) {
        n = NRUN[r]; pk = 0; wb = -1
        for (k = 1; k <= n; k++) {
            w[k] = RW[r, k]; c[k] = RU[r, k] + RSY[r, k]
            if (RP[r, k] > pk) pk = RP[r, k]
            if (RB[r, k] > wb) wb = RB[r, k]
        }
        for (k = 1; k <= n; k++) if (index(COK[r], " " RX[r, k] " ") == 0) BAD[r] = RX[r, k]
        stats(w, n, r SUBSEP "wall"); stats(c, n, r SUBSEP "cpu")
        PEAK[r] = pk; WB[r] = wb
    }
    # per row: ratios round by round
    for (i = 1; i <= nr; i++) {
        rk = RT[i] SUBSEP RR[i] SUBSEP RN[i]
        f = ROWC[rk, "faq"]; b = ROWC[rk, "base"]
        if (f == "" || b == "") continue
        fr = CRUN[f]; br = CRUN[b]; m = 0
        for (k = 1; k <= NRUN[fr]; k++) {
            rd = RRD[fr, k]
            if (!((br, rd) in BYROUND)) continue
            kb = BYROUND[br, rd]; m++
            wr[m] = RW[br, kb] > 0 ? RW[fr, k] / RW[br, kb] : 0
            cr[m] = (RU[br, kb] + RSY[br, kb]) > 0 ? (RU[fr, k] + RSY[fr, k]) / (RU[br, kb] + RSY[br, kb]) : 0
        }
        stats(wr, m, rk SUBSEP "rwall"); stats(cr, m, rk SUBSEP "rcpu")
    }
    # growth: from the previous size of the same row
    for (i = 1; i <= nr; i++) {
        rk = RT[i] SUBSEP RR[i] SUBSEP RN[i]; f = ROWC[rk, "faq"]
        if (f == "") continue
        pk2 = RT[i] SUBSEP RR[i]
        if ((pk2 in LASTN) && RN[i] > LASTN[pk2] && !(CRUN[LASTF[pk2]] in BAD) && !(CRUN[f] in BAD)) {
            a = CRUN[LASTF[pk2]]; z = CRUN[f]; fac = RN[i] / LASTN[pk2]
            # CPU time: the work done, which another process's load does not inflate
            GROW[rk] = ST[z, "cpu", "med"] / ST[a, "cpu", "med"] / fac
            GLO[rk] = ST[z, "cpu", "q1"] / ST[a, "cpu", "q3"] / fac
            GHI[rk] = ST[z, "cpu", "q3"] / ST[a, "cpu", "q1"] / fac
            GFROM[rk] = LASTN[pk2]
        }
        LASTN[pk2] = RN[i]; LASTF[pk2] = f
    }
    # targets
    for (g = 1; g <= ng; g++) {
        rk = GT[g] SUBSEP GR[g] SUBSEP GN[g]; f = ROWC[rk, "faq"]; L = GL[g] + 0
        v = -1; lo = -1; hi = -1
        if (f == "" || !(CRUN[f] in NRUN)) { TV[g] = -1; TS[g] = "not measured"; continue }
        fr = CRUN[f]
        if (fr in BAD) { TV[g] = -1; TS[g] = "FAILED (exit " BAD[fr] ")"; continue }
        if (GK[g] == "wall" || GK[g] == "cpu") {
            p = rk SUBSEP (GK[g] == "wall" ? "rwall" : "rcpu")
            if ((p, "n") in ST && ST[p, "n"] > 0) { v = ST[p, "med"]; lo = ST[p, "q1"]; hi = ST[p, "q3"]; MN = ST[p, "min"]; MX = ST[p, "max"] }
        } else if (GK[g] == "memory") {
            v = PEAK[fr] * 1024 / CB[f]; lo = hi = v
        } else if (GK[g] == "written") {
            v = WB[fr]; lo = hi = v
        } else if (GK[g] == "growth") {
            if (rk in GROW) { v = GROW[rk]; lo = GLO[rk]; hi = GHI[rk] }
            else { TV[g] = -1; TS[g] = "-"; continue }
        }
        TV[g] = v; TLO[g] = lo; THI[g] = hi
        if (v < 0 && GK[g] != "written") TS[g] = "not measured"
        else if (GK[g] == "written" && v < 0) TS[g] = "not measured"
        else if (hi <= L) TS[g] = "met"
        else if (lo > L) TS[g] = "not met"
        else TS[g] = "spread too wide for a verdict"
        TROW[rk, GK[g]] = g
    }

    # ---- Markdown
    o = sprintf("faq benchmark: %s, %s; %s cores (%s), %s; %s; median of %d rounds (start-up: %d)%s\n", \
        faqv, commit, cores, cpu, uname, xmlv, rounds, rounds * 8, \
        (loaded == 1 ? "; LOADED: another process kept one core busy" : "; quiet: nothing else started by the benchmark"))
    o = o sprintf("load average %s at the start, %s at the end%s\n", load0, load1, \
        (loaded != 1 && load0 + 0 > 0.7 ? " (the machine was busy: wall times inflated, ratios are measured side by side)" : ""))
    for (t = 1; t <= nt; t++) {
        tn = TNAME[t]; any = 0
        for (i = 1; i <= nr; i++) if (RT[i] == tn) any = 1
        if (!any) continue
        o = o "\n### " TTITLE[tn] "\n\n" TDESC[tn] ".\n\n"
        o = o "| row | entries | input MB | wall s, median (min–max) | CPU s | peak MB | peak / input | base wall s | base CPU s | wall ratio, median (IQR) | CPU ratio, median (IQR) | growth per entry |\n"
        o = o "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|---:|\n"
        for (i = 1; i <= nr; i++) {
            if (RT[i] != tn) continue
            rk = RT[i] SUBSEP RR[i] SUBSEP RN[i]; f = ROWC[rk, "faq"]; b = ROWC[rk, "base"]
            if (f == "" || !(CRUN[f] in NRUN)) continue
            fr = CRUN[f]
            line = "| " RR[i] ((fr in BAD) ? " **FAILED: exit " BAD[fr] "**" : "") " | " pretty(RN[i]) " | " sprintf("%.2f", CB[f] / 1e6)
            line = line " | " secs(ST[fr, "wall", "med"]) " (" secs(ST[fr, "wall", "min"]) "–" secs(ST[fr, "wall", "max"]) ")"
            line = line " | " secs(ST[fr, "cpu", "med"]) " | " mb(PEAK[fr]) " | " sprintf("%.2f", PEAK[fr] * 1024 / CB[f])
            if (b != "" && (CRUN[b] in NRUN)) {
                br = CRUN[b]; p = rk SUBSEP "rwall"; pc = rk SUBSEP "rcpu"
                line = line " | " secs(ST[br, "wall", "med"]) " | " secs(ST[br, "cpu", "med"])
                line = line " | " rat(ST[p, "med"]) " (" rat(ST[p, "q1"]) "–" rat(ST[p, "q3"]) ")"
                line = line " | " rat(ST[pc, "med"]) " (" rat(ST[pc, "q1"]) "–" rat(ST[pc, "q3"]) ")"
            } else line = line " | - | - | - | -"
            line = line " | " ((rk in GROW) ? sprintf("%.2f", GROW[rk]) : "-") " |"
            o = o line "\n"
        }
    }
    o = o "\n(growth per entry: CPU time per entry at this size / CPU time per entry at the row's smaller size, 1.00 = linear; peak MB: the largest of the runs; ratios: this command / the base command of the same round)\n"
    o = o "\n### Targets\n\n| table | row | entries | target | limit | value | spread (IQR) | verdict |\n|---|---|---:|---|---:|---:|---|---|\n"
    for (g = 1; g <= ng; g++) {
        k = GK[g]
        desc = (k == "wall") ? "wall time / base" : (k == "cpu") ? "CPU time / base" : (k == "memory") ? "peak memory / input" : \
               (k == "growth") ? "growth per entry (CPU)" : (k == "written") ? "bytes written" : k
        if (TS[g] == "-") continue
        if (TS[g] ~ /^FAILED/) TV[g] = -1
        val = (TV[g] < 0) ? "-" : (k == "written" ? sprintf("%d", TV[g]) : sprintf("%.2f", TV[g]))
        spr = (k == "wall" || k == "cpu" || k == "growth") && TV[g] >= 0 ? sprintf("%.2f–%.2f", TLO[g], THI[g]) : "-"
        o = o "| " TTITLE[GT[g]] " | " GR[g] " | " pretty(GN[g]) " | " desc " | " (k == "written" ? "0" : "≤ " GL[g]) " | " val " | " spr " | " TS[g] " |\n"
    }
    printf "%s", o > md
    close(md)

    # ---- JSON: every run of every command
    j = "{\n  \"benchmark\": \"faq make bench\",\n  \"schema_version\": 2,\n"
    j = j "  \"date\": " jstr(when) ",\n  \"commit\": " jstr(commit) ",\n  \"faq_version\": " jstr(faqv) ",\n  \"xmllint_version\": " jstr(xmlv) ",\n"
    j = j "  \"loaded\": " (loaded == 1 ? "true" : "false") ",\n"
    j = j "  \"machine\": {\"cores\": " cores ", \"cpu\": " jstr(cpu) ", \"system\": " jstr(uname) ", \"load_average_start\": " (load0 + 0) ", \"load_average_end\": " (load1 + 0) "},\n"
    j = j "  \"method\": {\"rounds\": " rounds ", \"order\": \"the commands of a group run once per round, rotated each round\", \"wall\": \"monotonic clock, fork to exit\", \"cpu\": \"user+sys from wait4\", \"peak_kb\": \"ru_maxrss\", \"write_bytes\": \"/proc/PID/io write_bytes\", \"ratio\": \"per round, this command / the base of the same round\", \"verdict\": \"met when the interquartile range is within the limit, not met when it is past it, else spread too wide\"},\n"
    j = j "  \"commands\": ["
    first = 1
    for (i = 1; i <= nc; i++) {
        id = CID[i]; r = CRUN[id]
        if (id != r) continue
        j = j (first ? "" : ",") "\n    {\"id\": " jstr(id) ", \"command\": " jstr(CCMD[id]) ", \"input_bytes\": " CB[id] ", \"runs\": ["
        first = 0
        for (k = 1; k <= NRUN[r]; k++)
            j = j (k > 1 ? ", " : "") "{\"round\": " RRD[r, k] ", \"wall_s\": " RW[r, k] ", \"user_s\": " RU[r, k] ", \"sys_s\": " RSY[r, k] ", \"peak_kb\": " RP[r, k] ", \"write_bytes\": " RB[r, k] ", \"exit\": " RX[r, k] "}"
        j = j "]}"
    }
    j = j "\n  ],\n  \"rows\": ["
    first = 1
    for (i = 1; i <= nr; i++) {
        rk = RT[i] SUBSEP RR[i] SUBSEP RN[i]; f = ROWC[rk, "faq"]; b = ROWC[rk, "base"]
        if (f == "" || !(CRUN[f] in NRUN)) continue
        fr = CRUN[f]; p = rk SUBSEP "rwall"; pc = rk SUBSEP "rcpu"
        if (fr in BAD) j = j (first ? "" : ",") "\n    {\"table\": " jstr(RT[i]) ", \"row\": " jstr(RR[i]) ", \"entries\": " RN[i] ", \"faq\": " jstr(fr) ", \"failed_exit\": " BAD[fr] "}"
        if (fr in BAD) { first = 0; continue }
        j = j (first ? "" : ",") "\n    {\"table\": " jstr(RT[i]) ", \"row\": " jstr(RR[i]) ", \"entries\": " RN[i] ", \"faq\": " jstr(fr) ", \"base\": " (b == "" ? "null" : jstr(CRUN[b]))
        first = 0
        j = j ", \"input_bytes\": " CB[f] ", \"wall_s\": {\"median\": " jnum(ST[fr, "wall", "med"], "%.6f") ", \"q1\": " jnum(ST[fr, "wall", "q1"], "%.6f") ", \"q3\": " jnum(ST[fr, "wall", "q3"], "%.6f") ", \"min\": " jnum(ST[fr, "wall", "min"], "%.6f") ", \"max\": " jnum(ST[fr, "wall", "max"], "%.6f") "}"
        j = j ", \"cpu_s_median\": " jnum(ST[fr, "cpu", "med"], "%.6f") ", \"peak_kb\": " PEAK[fr] ", \"peak_per_input\": " sprintf("%.3f", PEAK[fr] * 1024 / CB[f]) ", \"write_bytes_max\": " WB[fr]
        if (b != "") j = j ", \"wall_ratio\": {\"median\": " jnum(ST[p, "med"], "%.4f") ", \"q1\": " jnum(ST[p, "q1"], "%.4f") ", \"q3\": " jnum(ST[p, "q3"], "%.4f") ", \"min\": " jnum(ST[p, "min"], "%.4f") ", \"max\": " jnum(ST[p, "max"], "%.4f") "}, \"cpu_ratio\": {\"median\": " jnum(ST[pc, "med"], "%.4f") ", \"q1\": " jnum(ST[pc, "q1"], "%.4f") ", \"q3\": " jnum(ST[pc, "q3"], "%.4f") "}"
        if (rk in GROW) j = j ", \"growth_per_entry\": {\"from_entries\": " GFROM[rk] ", \"median\": " sprintf("%.4f", GROW[rk]) ", \"low\": " sprintf("%.4f", GLO[rk]) ", \"high\": " sprintf("%.4f", GHI[rk]) "}"
        j = j "}"
    }
    j = j "\n  ],\n  \"targets\": ["
    first = 1
    for (g = 1; g <= ng; g++) {
        if (TS[g] == "-") continue
        j = j (first ? "" : ",") "\n    {\"table\": " jstr(GT[g]) ", \"row\": " jstr(GR[g]) ", \"entries\": " GN[g] ", \"kind\": " jstr(GK[g]) ", \"limit\": " GL[g] ", \"value\": " jnum(TV[g], "%.4f") ", \"low\": " jnum(TLO[g], "%.4f") ", \"high\": " jnum(THI[g], "%.4f") ", \"verdict\": " jstr(TS[g]) "}"
        first = 0
    }
    j = j "\n  ]\n}\n"
    printf "%s", j > json
    close(json)
}
