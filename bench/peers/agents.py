#!/usr/bin/env python3
"""Writes the agent IDs of the first COUNT scaletest workspaces as a Gatling feeder CSV.

    agents.py URL TOKEN COUNT OUT.csv

The same targets, in the same order, as `scaletest workspace-traffic --target-workspaces 0:COUNT`:
GET /api/v2/workspaces?q=name:"scaletest-" in pages of 100 until an empty page, keeping the
workspaces whose name or owner starts with "scaletest-", and from each the traffic agent (the first
agent of the last resource that has any). Exits 1 with one line when there are too few.
"""
import json
import sys
import urllib.parse
import urllib.request

PAGE = 100


def traffic_agent(workspace):
    chosen = None
    for resource in (workspace.get("latest_build") or {}).get("resources") or []:
        agents = resource.get("agents") or []
        if agents:
            chosen = agents[0]["id"]
    return chosen


def main():
    url, token, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    query = 'name:"scaletest-"'
    agents = []
    offset = 0
    while True:
        params = urllib.parse.urlencode({"q": query, "limit": PAGE, "offset": offset})
        request = urllib.request.Request(f"{url.rstrip('/')}/api/v2/workspaces?{params}",
                                         headers={"Coder-Session-Token": token})
        with urllib.request.urlopen(request, timeout=60) as response:
            page = json.load(response).get("workspaces") or []
        if not page:
            break
        for w in page:
            if not (w.get("name", "").startswith("scaletest-") or w.get("owner_name", "").startswith("scaletest-")):
                continue
            agents.append(traffic_agent(w))
        offset += PAGE
    # A workspace without an agent keeps its index in scaletest's slice but gets no stream.
    chosen = [a for a in agents[:count] if a]
    if len(chosen) < count:
        sys.exit(f"agents.py: only {len(chosen)} of the first {count} scaletest workspaces have an agent")
    with open(out, "w") as f:
        f.write("agent_id\n")
        for a in chosen:
            f.write(a + "\n")


if __name__ == "__main__":
    main()
