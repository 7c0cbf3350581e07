"""What the throwaway cluster logged during each measured window (bench/run.sh): the plans of slow statements
(auto_explain), autovacuum and autoanalyze runs, checkpoints. The log's lines start with a millisecond epoch (%n); a
message's further lines start with a tab."""
import hashlib
import re
import statistics
from pathlib import Path

NODE = re.compile(r"^\s*(?:->\s+)?(\S.*?)\s+\(cost=")
HEAD = re.compile(r"^(\d+\.\d+) \[\d+\] (\w+):\s+(.*)$")
ELAPSED = re.compile(r"elapsed: ([\d.]+) s")


def messages(path):
    """(epoch, level, first line, further lines) of each message of the log."""
    msg = None
    for line in path.read_text(errors="replace").splitlines():
        m = HEAD.match(line)
        if m:
            if msg:
                yield msg
            msg = (float(m[1]), m[2], m[3], [])
        elif msg and line.startswith("\t"):
            msg[3].append(line[1:])
    if msg:
        yield msg


def events(path):
    """Slow statements (end, ms, plan shape, query) and background work (start, end, what)."""
    slow, background, checkpoint_started = [], [], None
    for at, _, first, rest in messages(path):
        if first.startswith("duration: ") and "plan:" in first:
            ms = float(first.split()[1])
            query = next((r[len("Query Text: "):] for r in rest if r.startswith("Query Text: ")), "")
            nodes = [m[1] for r in rest if (m := NODE.match(r))]
            query = " ".join(query.split())
            shape = hashlib.sha1((re.sub(r"\d+", "", query) + " > ".join(nodes)).encode()).hexdigest()[:6]
            slow.append((at, ms, shape, query[:90], nodes))
        elif first.startswith(("automatic vacuum of table", "automatic analyze of table")):
            took = next((float(m[1]) for r in rest if (m := ELAPSED.search(r))), 0.0)
            what = ("autovacuum " if "vacuum" in first.split()[1] else "autoanalyze ") + first.split('"')[1].split(".")[-1]
            if took >= 0.1:   # the catalog's own runs take milliseconds
                background.append((at - took, at, f"{what} {took:.1f} s"))
        elif first.startswith("checkpoint starting"):
            checkpoint_started = at
        elif first.startswith("checkpoint complete") and checkpoint_started is not None:
            background.append((checkpoint_started, at, f"checkpoint {at - checkpoint_started:.1f} s"))
            checkpoint_started = None
    return slow, background


def by_window(work, slow_ms):
    """Per measured window with anything logged: its slow statements by plan shape and the background work that
    overlapped it; and every shape's nodes. ({window: {...}}, {shape: {...}})"""
    log, windows = work / "server.log", work / "windows.log"
    if not log.exists() or not windows.exists():
        return {}, {}
    slow, background = events(log)
    found, shapes = {}, {}
    for line in windows.read_text().splitlines():
        name, start, end = line.split()
        start, end = float(start), float(end)
        mine = [s for s in slow if start <= s[0] - s[1] / 1000 <= end]   # begun in the window (logged when it ended)
        work_done = sorted({w for b0, b1, w in background if b0 <= end and b1 >= start})
        if not mine and not work_done:
            continue
        counts = {}
        for _, ms, shape, query, nodes in mine:
            counts.setdefault(shape, []).append(ms)
            shapes.setdefault(shape, {"query": query, "nodes": nodes})
        found[name] = {"slow_statements": len(mine), "over_ms": slow_ms,
                       "shapes": {k: {"count": len(v), "median_ms": round(statistics.median(v)), "max_ms": round(max(v))}
                                  for k, v in sorted(counts.items(), key=lambda kv: -len(kv[1]))},
                       "background": work_done}
    return found, shapes


def section(work, slow_ms):
    """The report's text (None when nothing was logged) and the data for results.json."""
    found, shapes = by_window(work, slow_ms)
    data = {"windows": found, "shapes": shapes}
    if not found:
        return None, data
    lines = [f"#### Slow statements (over {slow_ms} ms, plans logged by auto_explain) and background work, by measured window",
             "", "| window | slow statements | plan shapes (count, median ms, max ms) | background work overlapping |", "|---|---|---|---|"]
    for name, w in found.items():
        shown = "; ".join(f"{k} ×{v['count']} {v['median_ms']:,}/{v['max_ms']:,}" for k, v in w["shapes"].items()) or "—"
        lines.append(f"| {name} | {w['slow_statements']} | {shown} | {', '.join(w['background']) or '—'} |")
    if shapes:
        lines += ["", "Plan shapes (the nodes, costs left out; the plans are in bench/.work/server.log):"]
        lines += [f"- {k}: {v['query'][:70]} … — {' > '.join(v['nodes'][:8])}{' …' if len(v['nodes']) > 8 else ''}"
                  for k, v in shapes.items()]
    return "\n".join(lines), data
