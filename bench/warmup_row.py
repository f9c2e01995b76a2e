"""One row of bench/warmup.sh's table from a workspace-traffic JSON report.

Usage: warmup_row.py LABEL REPORT GOAL_MS DURATION_S HARNESS_CPU_S

Send lateness p99 per second comes from the report's time series (the warm-up and the steady
operation, whichever the second holds). A run settles at the first second from which every later
second stays at or under GOAL_MS, up to 3 s before the traffic's end: the last seconds are the
streams closing, not the start-up this table is about.
"""
import json
import sys

label, path, goal, duration, cpu = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
report = json.load(open(path))
measured = []
for point in report["timeseries"]["points"]:
    ops = point.get("ops", {})
    values = [ops[k]["p99_ms"] for k in ("traffic.send_lateness", "traffic.send_lateness.warmup")
              if k in ops and ops[k]["count"]]
    if values:
        measured.append((point["t"] / 1000.0, max(values)))
first = measured[0][0] if measured else 0.0
judged = [(t - first, v) for t, v in measured if t - first <= duration - 3]
settled = next((t for i, (t, _) in enumerate(judged) if all(v <= goal for _, v in judged[i:])), None)
ops = report["operations"]


def p99(op):
    return "%.1f" % ops[op]["p99_ms"] if op in ops else "-"


seconds = " ".join("%.0f" % v for _, v in judged[:15])
print("| %s | %s | %s | %s | %s | %s | %s |" % (
    label, seconds, "never" if settled is None else "%.0f s" % settled, p99("traffic.echo_rtt.warmup"),
    p99("traffic.echo_rtt"), "%.2f%%" % (100 * report["traffic"]["delivery_ratio"]), cpu))
