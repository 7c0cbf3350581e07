#!/usr/bin/env python3
"""Reads bench/.work (wrk summaries, pg_stat_statements, answer checks, import timings, RSS logs), prints one table per
size with the ratios and the goals, the growth table (1M / 100K), the writes, the imports, what the server logged in each
measured window (serverlog.py), and writes results.json."""
import datetime
import json
import os
import platform
import sys
from pathlib import Path

import serverlog

work, out = Path(sys.argv[1]), Path(sys.argv[2])
res = work / "res"
import_max = int(os.environ.get("BENCH_IMPORT_MAX_TIME", "60"))


def load(name, ext="json"):
    try:
        return json.loads((res / f"{name}.{ext}").read_text() or "{}")
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def text(name, ext):
    try:
        return (res / f"{name}.{ext}").read_text().strip()
    except FileNotFoundError:
        return None


def imp(name):
    try:
        code, secs = (res / f"{name}.curl").read_text().split()
    except (FileNotFoundError, ValueError):
        return {"error": "not run"}
    if code == "skipped":
        return {"skipped": "the fresh import's units were not committed, so nothing was there to import again"}
    secs = float(secs)
    r = {"status": int(code), "seconds": round(secs, 3), "max_s": int(text(name, "max") or import_max)}
    # The API's import: "derived S" (the pending queue emptied S seconds after the request) or "cut S [N]" (N units left).
    derived = (text(name, "derived") or "").split()
    if derived:
        r["derived_seconds"] = round(float(derived[1]), 3) if derived[0] == "derived" else None
        r["derivation_cut_at"] = round(float(derived[1]), 1) if derived[0] == "cut" else None
        if derived[0] == "cut" and len(derived) > 2:
            r["units_still_pending"] = int(derived[2])
    done = r.get("derived_seconds", secs) if int(code) == 200 else None  # until the obligations exist
    try:
        body = json.loads((res / f"{name}.body").read_text())
        rows = body.get("received", 0)
        r.update(rows=rows, rows_per_s=round(rows / done, 1) if done else None,
                 created=body.get("created"), updated=body.get("updated"), unchanged=body.get("unchanged"),
                 obligations_pending=body.get("obligationsPending"))
    except (FileNotFoundError, json.JSONDecodeError, AttributeError):
        pass
    pg = load(name, "pgss")
    if pg:
        r["pg_exec_ms"] = round(pg.get("exec_ms") or 0, 1)
    return r


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def per_request(name):
    """PostgreSQL's execution time and statements per answered request (pg_stat_statements over the measurement)."""
    w, pg = load(name), load(name, "pgss")
    n = w.get("requests")
    if not n or not pg:
        return None, None
    return round((pg.get("exec_ms") or 0) / n, 2), round((pg.get("calls") or 0) / n, 2)


def cpu_per_request(name):
    """CPU ms per answered request over the measurement (/proc): the server's process + all of PostgreSQL's backends."""
    n = load(name).get("requests")
    try:
        own, pg, hz = (int(x) for x in (res / f"{name}.cpu").read_text().split())
    except (FileNotFoundError, ValueError):
        return None
    return f"{own * 1000 / hz / n:.1f} + {pg * 1000 / hz / n:.1f}" if n else None


# Peak RSS per phase: max of VmHWM at the phase's end (reset at its start) and the 100 ms samples.
rss = {}
for f in ("rss.log", "hwm.log"):
    for line in (work / f).read_text().splitlines() if (work / f).exists() else []:
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            rss[parts[0]] = max(rss.get(parts[0], 0), int(parts[1]))
rss_mb = {k: round(v / 1024, 1) for k, v in rss.items()}
phases = {}
for line in (work / "phases.txt").read_text().splitlines() if (work / "phases.txt").exists() else []:
    k, v = line.split()
    phases[k] = int(v)

r = {"generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
     "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
     "elapsed_s": int(os.environ.get("BENCH_ELAPSED", "0")), "phases_s": phases,
     "reads": {}, "pg_stat_statements": {}, "compare": {}, "counts": {}, "imports": {}, "rss_mb": rss_mb, "goals": []}
for f in sorted(res.glob("*.json")):
    r["reads"][f.stem] = load(f.stem)
for f in sorted(res.glob("*.pgss")):
    r["pg_stat_statements"][f.stem] = load(f.stem, "pgss")
r["cpu_ms_per_request"] = {f.stem: cpu_per_request(f.stem) for f in sorted(res.glob("*.cpu"))}
for f in sorted(res.glob("*.compare")):
    r["compare"][f.stem] = f.read_text().strip()
for f in sorted(res.glob("*.counts")):
    r["counts"][f.stem] = load(f.stem, "counts")
for f in sorted(res.glob("*.curl")):
    r["imports"][f.stem] = imp(f.stem)

goals = []


def goal(name, value, target, cmp=">="):
    ok = value is not None and (value >= target if cmp == ">=" else value <= target)
    goals.append({"goal": name, "value": value, "target": f"{cmp} {target}", "met": ok})
    return ok


def fmt(v, nd=1):
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(fmt(c) for c in row) + " |")
    return "\n".join(lines)


FIGURES = [
    ("list_q", "list year=2026&quarter=2"),
    ("list_lead", "list leadUnitCode=SNV&year=2026"),
    ("list_unit", "list unitCode=<ward>&year=2026 (groups expanded)"),
    ("changed", "changedSince poll (sort=updatedAt)"),
    ("obl_ward", "work list obligations?unitCode=<ward>&year=2026"),
    ("scorecard", "scorecard obligations/summary?groupBy=Unit&year=2026"),
    ("sum_lead", "summary groupBy=LeadUnit&year=2026"),
    ("sum_quarter", "summary groupBy=Quarter&year=2026"),
    ("sum_plan", "summary groupBy=Plan&year=2026"),
    ("task", "single task GET /tasks/{id}"),
    ("inm", "304 re-poll of the quarter list (If-None-Match)"),
]
sizes = [s for s in ("100k", "1m") if any(k.startswith(f"list_q_{s}_") for k in r["reads"])]
printed = []
for size in sizes:
    rows = []
    for key, label in FIGURES:
        check = text(f"{key}_{size}", "compare") if key != "inm" else "(ETag from the list's answer)"
        for c in (32, 64):
            a, b = load(f"{key}_{size}_c{c}.api"), load(f"{key}_{size}_c{c}.baseline")
            if not a:
                continue
            rr, pr = ratio(a.get("rps"), b.get("rps")), ratio(a.get("p99_ms"), b.get("p99_ms"))
            if key == "inm":  # the twin's 304 is shown, not a goal (the 304 goal is against the API's own list, below)
                ok_r = ok_p = None
            else:
                ok_r = goal(f"{size} {key} c{c} req/s API/twin", rr, 0.9)
                ok_p = goal(f"{size} {key} c{c} p99 API/twin", pr, 1.5, "<=")
            apg, acalls = per_request(f"{key}_{size}_c{c}.api")
            bpg, bcalls = per_request(f"{key}_{size}_c{c}.baseline")
            errs = (a.get("errors") or 0) + (a.get("nother") or 0)
            rows.append((f"{label}, c{c}", a.get("rps"), b.get("rps"), rr, ok_r, a.get("p50_ms"), a.get("p99_ms"), b.get("p99_ms"), pr, ok_p,
                         apg, bpg, acalls, bcalls, cpu_per_request(f"{key}_{size}_c{c}.api"), cpu_per_request(f"{key}_{size}_c{c}.baseline"),
                         (check or "not checked")[:60] + (f"; {errs} errors/non-2xx" if errs else "")))
        if key == "inm":
            for c in (32, 64):
                a, full = load(f"inm_{size}_c{c}.api"), load(f"list_q_{size}_c{c}.api")
                if a:
                    rr = ratio(a.get("rps"), full.get("rps"))
                    ok = goal(f"{size} 304 re-poll c{c} / full list c{c} (API)", rr, 5)
                    rows.append((f"304 re-poll / full list (API), c{c}: {a.get('n304')} × 304, {a.get('n2xx')} × 200", a.get("rps"), full.get("rps"),
                                 rr, ok, None, None, None, None, None, None, None, None, None, None, None, "goal >= 5x"))
    head = ["figure", "API req/s", "twin req/s", "API/twin", ">= 0.9x", "API p50 ms", "API p99 ms", "twin p99 ms", "p99 API/twin", "<= 1.5x",
            "API PG ms/req", "twin PG ms/req", "API stmts/req", "twin stmts/req", "API CPU ms/req (own + PG)", "twin CPU ms/req (own + PG)",
            "same answer"]
    counts = load(size, "counts")
    printed.append(f"### {size} tasks ({fmt(counts.get('tasks'))} tasks, {fmt(counts.get('tasks_2026'))} in 2026, "
                   f"{fmt(counts.get('obligations_2026'))} active obligations of 2026, {fmt(counts.get('changed'))} changed since the poll's instant)\n\n"
                   + table(head, rows))

# Growth 100K -> 1M at 32 connections: slowdown = req/s at 100K / req/s at 1M.
if len(sizes) == 2:
    c100, c1m = load("100k", "counts"), load("1m", "counts")
    rows_grow = {"tasks": ratio(c1m.get("tasks"), c100.get("tasks")), "tasks_2026": ratio(c1m.get("tasks_2026"), c100.get("tasks_2026")),
                 "obligations_2026": ratio(c1m.get("obligations_2026"), c100.get("obligations_2026")), "changed": ratio(c1m.get("changed"), c100.get("changed"))}
    counted = {"list_q": None, "list_lead": None, "list_unit": None, "changed": None, "inm": None, "task": None,
               "obl_ward": None, "scorecard": "obligations_2026", "sum_lead": "tasks_2026", "sum_quarter": "tasks_2026", "sum_plan": "tasks_2026"}
    rows = []
    for key, label in FIGURES:
        a0, a1 = load(f"{key}_100k_c32.api"), load(f"{key}_1m_c32.api")
        b0, b1 = load(f"{key}_100k_c32.baseline"), load(f"{key}_1m_c32.baseline")
        if not a0:
            continue
        slow = ratio(a0.get("rps"), a1.get("rps"))
        tslow = ratio(b0.get("rps"), b1.get("rps"))
        if counted[key]:
            limit = max(rows_grow.get(counted[key]) or 1, 1)
            target = f"<= rows counted x{limit:.2f}"
        elif key in ("list_q", "list_lead", "list_unit", "changed", "inm"):
            limit, target = 2, "<= 2x"
        else:
            limit, target = None, "(info)"
        ok = goal(f"growth 1M/100K {key} (API slowdown)", slow, limit, "<=") if limit else None
        p0, _ = per_request(f"{key}_100k_c32.api")
        p1, _ = per_request(f"{key}_1m_c32.api")
        rows.append((label, a0.get("rps"), a1.get("rps"), slow, tslow, p0, p1, ratio(p1, p0), target, ok))
    printed.append("### Growth from 100K to 1M tasks (32 connections; slowdown = req/s at 100K ÷ req/s at 1M)\n\n"
                   f"Rows: all tasks ×{fmt(rows_grow['tasks'], 2)}, tasks of 2026 ×{fmt(rows_grow['tasks_2026'], 2)}, "
                   f"obligations of 2026 ×{fmt(rows_grow['obligations_2026'], 2)}, changed since the instant ×{fmt(rows_grow['changed'], 2)}.\n\n"
                   + table(["figure", "API req/s 100K", "API req/s 1M", "API slowdown", "twin slowdown", "API PG ms/req 100K", "API PG ms/req 1M",
                            "PG growth", "goal", "met"], rows))

# Writes.
w0, w1 = load("reports_c32.api"), load("reports_during_import_c32.api")
if w0:
    pr = ratio(w1.get("p99_ms"), w0.get("p99_ms"))
    ok = goal("progress reports p99 during a 10K import / without", pr, 3, "<=")
    imp_w = imp("reports_import")
    pg0, c0 = per_request("reports_c32.api")
    pg1, c1 = per_request("reports_during_import_c32.api")
    printed.append("### Writes: progress reports, 32 concurrent reporters (admin key, reportingUnitCode = a lead unit)\n\n" + table(
        ["phase", "reports/s", "p50 ms", "p99 ms", "max ms", "2xx", "other", "PG ms/req", "stmts/req"],
        [("alone", w0.get("rps"), w0.get("p50_ms"), w0.get("p99_ms"), w0.get("max_ms"), w0.get("n2xx"), (w0.get("nother") or 0) + (w0.get("errors") or 0), pg0, c0),
         (f"during a 10,000-unit import (HTTP {imp_w.get('status')}: answered in {imp_w.get('seconds')} s, obligations "
          + (f"derived in {imp_w['derived_seconds']} s)" if imp_w.get("derived_seconds") else f"not derived in {imp_w.get('derivation_cut_at')} s)"), w1.get("rps"), w1.get("p50_ms"), w1.get("p99_ms"),
          w1.get("max_ms"), w1.get("n2xx"), (w1.get("nother") or 0) + (w1.get("errors") or 0), pg1, c1)])
        + f"\n\np99 during / without: {fmt(pr, 2)} (goal <= 3x: {fmt(ok)})")

# Imports, timed until the obligations exist on both sides: the API answers when the units are committed
# ("answered") and its worker derives their obligations after ("derived", the pending queue polled every 0.2 s); the
# twin merges, commits, derives them in one call of the same function and then answers.
rows = []
for isize in ("10K", "100K"):
    for variant in ("fresh", "same", "changed"):
        a, b = imp(f"import_{isize}_{variant}.api"), imp(f"import_{isize}_{variant}.baseline")

        def shown(x):
            if x.get("skipped"):
                return "skipped (fresh committed nothing)"
            if x.get("status") == 200 and x.get("rows_per_s"):
                return x.get("rows_per_s")
            if x.get("status") == 200:
                return f"obligations not derived in {x.get('max_s')} s"
            if x.get("status") in (0, 100) or (x.get("seconds") or 0) >= x.get("max_s", import_max) - 0.5:
                return f"did not finish in {x.get('max_s', import_max)} s"
            return f"HTTP {x.get('status')} after {x.get('seconds')} s"
        rr = ratio(a.get("rows_per_s"), b.get("rows_per_s"))
        ok = goal(f"import {isize} {variant} rows/s API/twin (until the obligations exist)", rr, 0.5) if variant != "same" else None
        derived = a.get("derived_seconds") if a.get("derived_seconds") is not None else (
            f"cut at {a['derivation_cut_at']} s" if a.get("derivation_cut_at") is not None else None)
        rows.append((f"import {isize} units, {variant}", shown(a), shown(b), rr, ok, a.get("seconds"), derived, a.get("obligations_pending"),
                     b.get("seconds"), a.get("pg_exec_ms"), b.get("pg_exec_ms"), f"{a.get('created')}/{a.get('updated')}/{a.get('unchanged')}"))
printed.append("### Unit imports (CSV), until the obligations exist\n\n"
               "API: validation, set checks, merge and commit, then answers with `obligationsPending`; its worker derives the new and "
               "re-kinded units' obligations (`emulation_derive_unit_obligations`, ~2,000 obligations a transaction under the feed lock). "
               "Twin: binary COPY + one `INSERT … ON CONFLICT` (commit), then ONE `emulation_derive_unit_obligations` call over the same "
               "units under the feed lock, then answers. rows/s = rows ÷ seconds until the obligations exist.\n\n"
               + table(["import", "API rows/s", "twin rows/s", "API/twin", ">= 0.5x", "API answered s", "API obligations derived s",
                        "obligationsPending", "twin s", "API PG ms", "twin PG ms", "API created/updated/unchanged"], rows))

# Memory and time.
peak = max((v for k, v in rss_mb.items() if k != "idle_end"), default=None)
ok_peak = goal("API peak RSS MB (every phase)", peak, 250, "<=")
ok_idle = goal("API RSS MB idle after the run", rss_mb.get("idle_end"), 150, "<=")
ok_time = goal("whole run seconds", r["elapsed_s"], 900, "<=")
worst = ", ".join(f"{k} {v}" for k, v in sorted(rss_mb.items(), key=lambda kv: -kv[1])[:4])
prev = 0
phase_rows = []
for k, v in phases.items():
    phase_rows.append((k, v - prev))
    prev = v
printed.append(table(["other goals", "value", "goal", "met"], [
    ("API peak RSS, every phase: MB", peak, "< 250", ok_peak), ("  highest phases", worst, "", None),
    ("API RSS idle after the run: MB", rss_mb.get("idle_end"), "< 150", ok_idle),
    ("whole run (build, data, all measurements): s", r["elapsed_s"], "< 900", ok_time)])
    + "\n\nPhases (s): " + ", ".join(f"{k} {v}" for k, v in phase_rows))

# What the server logged during the windows (auto_explain's slow plans, autovacuum, checkpoints): the cause of a window
# that collapses, or the proof that nothing ran beside it.
logged, r["server_log"] = serverlog.section(work, int(os.environ.get("BENCH_SLOW_MS", "1000")))
if logged:
    printed.append(logged)

r["goals"] = goals
r["tables"] = printed
out.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
print("\n\n".join(printed))
met = sum(g["met"] for g in goals)
print(f"\ngoals met: {met}/{len(goals)}; results in {out}")
for g in goals:
    if not g["met"]:
        print(f"  MISSED: {g['goal']}: {g['value']} (goal {g['target']})")
