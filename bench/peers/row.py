#!/usr/bin/env python3
"""Prints one Markdown row of bench/peers.sh from what one run left behind.

    row.py TOOL KEY=VALUE...

Keys (all from peers.sh): n, duration, bytes_per_tick, tick_ms, rc, cpu (whole process, s), cpu0,
cpu1, t0, t1 (steady window: CPU seconds and epoch seconds at its ends), sim0, sim1 (simulator CPU
at the same instants), recv0, recv1 (the simulator's bytes_received before and after the run), rss
(MiB), threads, up (streams up when the window opened), and per tool: report (scaletest's JSON
report) or out (the Gatling peer's output directory). With verdict=FILE it also writes "pass" or
"fail <why>" there: the search mode's bar of 99.9% delivered and a steady lateness p99 <= 50 ms.

Delivery is what the simulator received against the plan (n x ticks x bytes per tick; each stream's
closing Ctrl-C adds one byte). Lateness and echo round trip are given for the whole run and as the
worst one-second p99 inside the steady window, the one figure both tools' per-second data allow.
"""
import json
import os
import re
import sys
from datetime import datetime


def percentile(pairs, q):
    """pairs: (value, count); the smallest value at or below which a fraction q of the counts lie."""
    total = sum(c for _, c in pairs)
    if total == 0:
        return None
    seen = 0
    for v, c in sorted(pairs):
        seen += c
        if seen >= q * total:
            return v
    return sorted(pairs)[-1][0]


def fmt(v, digits=1):
    return "n/a" if v is None else f"{v:.{digits}f}"


def gatling_seconds(path):
    """{second: [(micros, count), ...]} from a per-second histogram log of the Gatling peer."""
    out = {}
    if os.path.exists(path):
        for line in open(path):
            d = json.loads(line)
            out[d["second"]] = [tuple(p) for p in d["values"]]
    return out


def gatling_figures(a):
    out = a["out"]
    t0, t1 = float(a["t0"]), float(a["t1"])

    def run_and_steady(name):
        seconds = gatling_seconds(os.path.join(out, name))
        everything = [p for pairs in seconds.values() for p in pairs]
        whole = percentile(everything, 0.99)
        inside = [percentile(pairs, 0.99) for s, pairs in seconds.items() if s >= t0 and s + 1 <= t1]
        worst = max((v for v in inside if v is not None), default=None)
        return (None if whole is None else whole / 1000), (None if worst is None else worst / 1000)

    late_run, late_steady = run_and_steady("lateness.jsonl")
    rtt_run, rtt_steady = run_and_steady("echo-rtt.jsonl")
    summary_path = os.path.join(out, "summary.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    planned = summary.get("planned_ticks_per_stream", 0) * summary.get("streams", 0)
    echoed = summary.get("echoes", 0) / planned if planned else None
    # Gatling's own report: its "echo" request, from the tick's last frame sent to the echo, in ms.
    own = None
    for page in sorted(os.listdir(out + "/results")) if os.path.isdir(out + "/results") else []:
        for f in os.listdir(os.path.join(out, "results", page)):
            if f.startswith("req_echo"):
                html = open(os.path.join(out, "results", page, f)).read()
                m = re.search(r'99th percentile</td>\s*<td class="total">([0-9.]+)<', html)
                own = float(m.group(1)) if m else None
    note = f" (Gatling's own echo p99 {fmt(own, 0)} ms)" if own is not None else ""
    return echoed, late_run, late_steady, rtt_run, rtt_steady, note


def scaletest_figures(a):
    path = a["report"]
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None, None, None, None, None, " (no report)"
    r = json.load(open(path))
    ops = r.get("operations", {})
    t0, t1 = float(a["t0"]), float(a["t1"])
    started = datetime.fromisoformat(r["metadata"]["started_at"].replace("Z", "+00:00")).timestamp()
    ts = r.get("timeseries", {})
    step = ts.get("interval_ms", 1000) / 1000
    inside = [pt["ops"] for pt in ts.get("points", [])
              if started + pt["t"] / 1000 >= t0 and started + pt["t"] / 1000 + step <= t1]

    def worst(name):
        vals = [o[name]["p99_ms"] for o in inside if name in o and o[name].get("count", 0) > 0]
        return max(vals) if vals else None

    def whole(name):
        return ops.get(name, {}).get("p99_ms")

    late, rtt = "traffic.send_lateness", "traffic.echo_rtt.uncorrected"
    echoed = r.get("traffic", {}).get("delivery_ratio")
    note = "" if step == 1 else f" (series at {step:g} s)"
    return echoed, whole(late), worst(late), whole(rtt), worst(rtt), note


def main():
    tool = sys.argv[1]
    a = dict(arg.split("=", 1) for arg in sys.argv[2:])
    n, duration = int(a["n"]), int(a["duration"])
    planned_bytes = n * (duration * 1000 // int(a["tick_ms"])) * int(a["bytes_per_tick"])
    received = int(a["recv1"]) - int(a["recv0"])
    delivered = f"{100 * received / planned_bytes:.2f}%" if planned_bytes else "n/a"
    window = float(a["t1"]) - float(a["t0"])
    up = int(a["up"])
    ended_early = a["threads"] in ("", "0")

    def per_stream_s(cpu, streams, seconds):
        return f"{1e6 * cpu / (streams * seconds):.0f}" if streams and seconds > 0 else "n/a"

    whole_cpu = float(a["cpu"])
    whole_us = per_stream_s(whole_cpu, n, duration)
    steady_us = "n/a" if ended_early else per_stream_s(float(a["cpu1"]) - float(a["cpu0"]), up, window)
    sim_us = "n/a" if ended_early else per_stream_s(float(a["sim1"]) - float(a["sim0"]), up, window)
    figures = gatling_figures(a) if tool == "gatling" else scaletest_figures(a)
    echoed, late_run, late_steady, rtt_run, rtt_steady, note = figures
    echoed_s = "n/a" if echoed is None else f"{100 * echoed:.2f}%"
    up_note = "" if up >= n else f" (only {up} up)"
    rc_note = "" if a["rc"] == "0" else f" (exit {a['rc']})"
    if "verdict" in a:
        # The search mode's bar: at least 99.9% delivered and a steady lateness p99 of at most 50 ms.
        reasons = []
        if a["rc"] != "0":
            reasons.append(f"exit {a['rc']}")
        if not planned_bytes or received / planned_bytes < 0.999:
            reasons.append(f"delivered {delivered}")
        if late_steady is None or late_steady > 50:
            reasons.append(f"steady lateness p99 {fmt(late_steady)} ms")
        with open(a["verdict"], "w") as f:
            f.write("pass\n" if not reasons else "fail " + ", ".join(reasons) + "\n")
    print(f"| {tool}{rc_note} | {n}{up_note} | {duration} | {delivered} | {echoed_s} | {whole_cpu:.1f} | {whole_us} | "
          f"{steady_us} | {a['threads'] if not ended_early else 'n/a'} | {a['rss'] if not ended_early else 'n/a'} | "
          f"{fmt(late_run)} / {fmt(late_steady)} | {fmt(rtt_run)} / {fmt(rtt_steady)}{note} | {sim_us} |")


if __name__ == "__main__":
    main()
