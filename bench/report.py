#!/usr/bin/env python3
"""Reads bench/.work (wrk summaries, import timings, RSS logs), prints the table and the goals, writes results.json."""
import datetime
import json
import os
import platform
import sys
from pathlib import Path

work, out = Path(sys.argv[1]), Path(sys.argv[2])
res = work / "res"


def wrk(name):
    try:
        return json.loads((res / f"{name}.json").read_text() or "{}")
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def imp(name):
    try:
        code, secs = (res / f"{name}.curl").read_text().split()
        body = json.loads((res / f"{name}.body").read_text())
        rows = body.get("received", 0)
        secs = float(secs)
        return {"status": int(code), "seconds": round(secs, 3), "rows": rows, "rows_per_s": round(rows / secs, 1) if secs else None,
                "created": body.get("created"), "updated": body.get("updated"), "unchanged": body.get("unchanged")}
    except Exception as e:  # noqa: BLE001 — a failed phase is reported, not fatal
        return {"error": str(e)}


def ratio(a, b):
    return round(a / b, 3) if a and b else None


# Peak RSS per phase: max of VmHWM at the phase's end (reset at its start) and the 100 ms samples.
rss = {}
for line in (work / "rss.log").read_text().splitlines() if (work / "rss.log").exists() else []:
    if len(line.split()) != 2 or not line.split()[1].isdigit():
        continue  # a sample taken while the phase file was being rewritten
    phase, kb = line.split()
    rss[phase] = max(rss.get(phase, 0), int(kb))
for line in (work / "hwm.log").read_text().splitlines() if (work / "hwm.log").exists() else []:
    if len(line.split()) != 2 or not line.split()[1].isdigit():
        continue
    phase, kb = line.split()
    rss[phase] = max(rss.get(phase, 0), int(kb))
rss_mb = {k: round(v / 1024, 1) for k, v in rss.items()}

r = {"generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
     "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
     "elapsed_s": int(os.environ.get("BENCH_ELAPSED", "0")),
     "reads": {}, "imports": {}, "rss_mb": rss_mb, "goals": []}
for f in sorted(res.glob("*.json")):
    r["reads"][f.stem] = wrk(f.stem)
for f in sorted(res.glob("*.curl")):
    r["imports"][f.stem] = imp(f.stem)

rows, goals = [], []


def row(metric, api, baseline=None, unit="", goal=None, ok=None, rat=None):
    rows.append((metric, api, baseline, rat, goal, ok, unit))


def fmt(v, nd=1):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def goal(name, value, target, cmp=">="):
    ok = value is not None and (value >= target if cmp == ">=" else value <= target)
    goals.append({"goal": name, "value": value, "target": f"{cmp} {target}", "met": ok})
    return ok


# Reads: API vs baseline
for label, key in [("list year=2026&quarter=2", "list_a"), ("list leadUnitCode=STC&status=InProgress", "list_b")]:
    for c in (32, 64):
        a, b = wrk(f"{key}_c{c}.api"), wrk(f"{key}_c{c}.baseline")
        if not a:
            continue
        rr = ratio(a.get("rps"), b.get("rps"))
        ok = goal(f"{key} c{c} req/s API/baseline", rr, 0.9) if key == "list_a" else None
        row(f"{label}, c{c}: req/s", a.get("rps"), b.get("rps"), "req/s", ">= 0.9x" if key == "list_a" else "(info)", ok, rr)
        pr = ratio(a.get("p99_ms"), b.get("p99_ms"))
        okp = goal(f"{key} c{c} p99 API/baseline", pr, 1.5, "<=") if key == "list_a" else None
        row(f"{label}, c{c}: p50 ms", a.get("p50_ms"), b.get("p50_ms"), "ms", None, None, ratio(a.get("p50_ms"), b.get("p50_ms")))
        row(f"{label}, c{c}: p99 ms", a.get("p99_ms"), b.get("p99_ms"), "ms", "<= 1.5x" if key == "list_a" else "(info)", okp, pr)

for c in (32, 64):
    a, full = wrk(f"inm_a_c{c}.api"), wrk(f"list_a_c{c}.api")
    if not a:
        continue
    rr = ratio(a.get("rps"), full.get("rps"))
    ok = goal(f"304 re-poll c{c} / full list c{c}", rr, 1.5)
    row(f"304 re-poll (If-None-Match), c{c}: req/s  [baseline column = API full list]", a.get("rps"), full.get("rps"), "req/s", ">= 1.5x", ok, rr)
    row(f"304 re-poll, c{c}: p50 / p99 ms", f"{fmt(a.get('p50_ms'))} / {fmt(a.get('p99_ms'))}", None, "ms")
    row(f"304 re-poll, c{c}: answers 304 / 200", f"{a.get('n304')} / {a.get('n2xx')}", None, "")

a = wrk("summary_c32.api")
if a:
    row("summary groupBy=LeadUnit&year=2026, c32: req/s", a.get("rps"), None, "req/s", "(info)")
    row("summary, c32: p50 / p99 ms", f"{fmt(a.get('p50_ms'))} / {fmt(a.get('p99_ms'))}", None, "ms")

for name, label in [("obl_ward", "obligations unitCode=<ward>&year=2026 (work list)"),
                    ("obl_scorecard", "obligations/summary groupBy=Unit&year=2026 (scorecard)")]:
    a = wrk(f"{name}_c32.api")
    if not a:
        continue
    chk = {"obl_ward": "obligations_ward", "obl_scorecard": "obligations_scorecard"}[name]
    try:
        got, want = (res / f"{chk}.got").read_text().split(None, 1), (res / f"{chk}.want").read_text().strip()
        checked = "200, counts match" if got[0] == "200" and got[1].strip() == want else f"{got[0]}, counts {got[1].strip()} vs {want}"
    except (FileNotFoundError, ValueError):
        checked = "not checked"
    b = wrk(f"{name}_c32.baseline")
    rr = ratio(a.get("rps"), b.get("rps"))
    ok = goal(f"{name} c32 req/s API/baseline", rr, 0.9)
    row(f"{label}, c32: req/s", a.get("rps"), b.get("rps"), "req/s", ">= 0.9x", ok, rr)
    pr = ratio(a.get("p99_ms"), b.get("p99_ms"))
    ok = goal(f"{name} c32 p99 API/baseline", pr, 1.5, "<=")
    none = "no answer in the window" if not a.get("requests") else None
    row(f"{label}, c32: p99 ms", none or a.get("p99_ms"), b.get("p99_ms"), "ms", "<= 1.5x", ok, pr)
    row(f"{label}, c32: p50 ms", none or a.get("p50_ms"), b.get("p50_ms"), "ms")
    row(f"{label}: answer before measuring", checked, None, "")

for c in (32, 64):
    a, b = wrk(f"task_c{c}.api"), wrk(f"task_c{c}.baseline")
    if not a:
        continue
    rr = ratio(a.get("rps"), b.get("rps"))
    ok = goal(f"single task c{c} req/s API/baseline", rr, 0.8)
    row(f"single task GET /tasks/{{id}}, c{c}: req/s", a.get("rps"), b.get("rps"), "req/s", ">= 0.8x", ok, rr)
    pr = ratio(a.get("p99_ms"), b.get("p99_ms"))
    okp = goal(f"single task c{c} p99 API/baseline", pr, 1.5, "<=")
    row(f"single task, c{c}: p50 ms", a.get("p50_ms"), b.get("p50_ms"), "ms", None, None, ratio(a.get("p50_ms"), b.get("p50_ms")))
    row(f"single task, c{c}: p99 ms", a.get("p99_ms"), b.get("p99_ms"), "ms", "<= 1.5x", okp, pr)

for size in ("10K", "100K"):
    for variant in ("fresh", "same", "changed"):
        a, b = imp(f"import_{size}_{variant}.api"), imp(f"import_{size}_{variant}.baseline")
        rr = ratio(a.get("rows_per_s"), b.get("rows_per_s"))
        ok = goal(f"import {size} {variant} rows/s API/baseline", rr, 0.5) if variant != "same" else None
        shown = a.get("rows_per_s") if a.get("status") == 200 else f"HTTP {a.get('status')} after {a.get('seconds')} s"
        row(f"import {size} units, {variant}: rows/s", shown, b.get("rows_per_s"), "rows/s",
            ">= 0.5x" if variant != "same" else "(info)", ok, rr)

# Errors anywhere make a measurement suspect.
for name, v in r["reads"].items():
    if v and (v.get("errors") or v.get("nother")):
        print(f"WARNING: {name}: {v.get('errors')} socket errors, {v.get('nother')} unexpected statuses", file=sys.stderr)
for name, v in r["imports"].items():
    if v.get("status") != 200:
        print(f"WARNING: {name}: {v}", file=sys.stderr)

peak = max(rss_mb.values()) if rss_mb else None
ok = goal("API peak RSS MB (all phases)", peak, 300, "<=")
row("API peak RSS, all phases: MB", peak, None, "MB", "< 300", ok)
worst = sorted(rss_mb.items(), key=lambda kv: -kv[1])[:4]
row("  highest phases", ", ".join(f"{k} {v}" for k, v in worst), None, "MB")
okt = goal("whole run seconds", r["elapsed_s"], 600, "<=")
row("whole run (build, data, all measurements): s", r["elapsed_s"], None, "s", "< 600", okt)

r["table"] = [dict(zip(("metric", "api", "baseline", "ratio", "goal", "met", "unit"), x)) for x in rows]
r["goals"] = goals
out.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")

lines = ["| metric | API | baseline | API/baseline | goal | met |", "|---|---:|---:|---:|---|---|"]
for metric, api, baseline, rat, g, ok, unit in rows:
    lines.append(f"| {metric} | {fmt(api)} | {fmt(baseline)} | {fmt(rat, 2) if rat is not None else ''} | {g or ''} | "
                 f"{'' if ok is None else ('yes' if ok else 'NO')} |")
print("\n".join(lines))
met = sum(g["met"] for g in goals)
print(f"\ngoals met: {met}/{len(goals)}; results in {out}")
for g in goals:
    if not g["met"]:
        print(f"  MISSED: {g['goal']}: {g['value']} (goal {g['target']})")
