"""Checks a create-workspaces report against what the simulator holds; prints the start of a table row.

Usage: faults_check.py URL TOKEN REPORT MODE WALL_SECONDS
"""
import json
import re
import sys
import time
import urllib.error
import urllib.request

url, token, report_path, mode, wall = sys.argv[1:6]
CREATED = re.compile(r"Workspace (\S+) \(([0-9a-f-]{36})\) created")


def api(path):
    # The simulator's faults hit these calls too: send again after a 429 or 5xx.
    for _ in range(50):
        request = urllib.request.Request(url + "/api/v2" + path, headers={"Coder-Session-Token": token})
        try:
            with urllib.request.urlopen(request) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            if e.code != 429 and e.code < 500:
                raise
            time.sleep(0.1)
    raise SystemExit(f"GET {path} kept failing")


with open(report_path) as f:
    report = json.load(f)
users = api("/users?q=scaletest-&limit=100000")["users"]
workspaces = api("/workspaces?q=name:scaletest-&limit=100000")["workspaces"]

passed_ids = set()
for run in report["runs"].values():
    if run.get("error") in (None, "", "<nil>"):
        match = CREATED.search(run["logs"])
        if match:
            passed_ids.add(match.group(2))


def ready(w):
    build = w["latest_build"]
    agents = [a for r in build.get("resources") or [] for a in r.get("agents") or []]
    return build["transition"] == "start" and build["job"]["status"] == "succeeded" and all(a["status"] == "connected" for a in agents)


ready_ids = {w["id"] for w in workspaces if ready(w)}
usernames = [u["username"] for u in users]
owners = [w["owner_id"] for w in workspaces]
twice = (len(usernames) - len(set(usernames))) + (len(owners) - len(set(owners)))
classes = ", ".join(f"{e['class']} {e['count']}" for e in report["errors"]) or "none"
t = report["throttling"]
mismatch = "" if passed_ids == ready_ids and report["total_pass"] == len(passed_ids) else " (MISMATCH)"
print(f"| {mode} | {report['total_runs']} | {report['total_pass']} | {len(ready_ids)}{mismatch} | {report['total_fail']} ({classes}) | "
      f"{len(users)} / {len(workspaces)} | {twice} | {t['responses']} | {t.get('retries', 0)} | {t.get('found_existing', 0)} | "
      f"{float(wall):.1f} |", end="")
