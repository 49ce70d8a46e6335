#!/usr/bin/python3
"""`make bench-serve`: the HTTP API under load (issue 16, acceptance 3). Generates N events with
ng_bench_store into /tmp/ng-bench/serve-N.db (kept for reruns; not committed), starts
`newsgraph serve` on loopback, holds 1,000 idle connections open, and runs wrk (Debian) against
the most used endpoints, one at a time: requests/s and p50/p90/p99 latency (wrk --latency), the
answers checked first (a 200 with results), the server's RSS after the run.
wrk 4 has no fixed-rate mode: it runs closed-loop at full speed, so a p99 measured at a
throughput above the 500 requests/s target bounds the p99 at 500 requests/s from above.
A database made before the summary tables (schema 004) is migrated first (a writable open:
`newsgraph serve --review`), and the time that takes is printed. `--no-rollups` serves the
aggregates by scanning the clusters instead (the answers are the same): the "before" numbers.
Usage: bench.py --newsgraph BUILD/newsgraph [--events N] [--seconds S] [--connections C] [--no-rollups]
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--newsgraph", required=True)
ap.add_argument("--events", type=int, default=1000000)
ap.add_argument("--seconds", type=int, default=10)
ap.add_argument("--connections", type=int, default=8)
ap.add_argument("--idle", type=int, default=1000)
ap.add_argument("--no-rollups", action="store_true")
args = ap.parse_args()
ng = os.path.abspath(args.newsgraph)
gen = os.path.join(os.path.dirname(ng), "bench", "store", "ng_bench_store")
os.makedirs("/tmp/ng-bench", exist_ok=True)
db = f"/tmp/ng-bench/serve-{args.events}.db"
if not os.path.exists(db):
    print(f"generating {args.events} events into {db} …", flush=True)
    subprocess.run([gen, "--db", db + ".tmp", "--events", str(args.events), "--repeat", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(db + ".tmp" + ext):
            os.rename(db + ".tmp" + ext, db + ext)

# A writable open applies pending migrations (004 sums the existing clusters into the summaries).
t = time.time()
mig = subprocess.Popen([ng, "serve", "--db", db, "--port", "0", "--review", "bench-migrate-only"], stdout=subprocess.PIPE, text=True)
mig.stdout.readline()
mig.terminate()
mig.wait(timeout=60)
print(f"opened to write (migrations applied if any) in {time.time() - t:.1f} s", flush=True)

srv = subprocess.Popen([ng, "serve", "--db", db, "--port", "0", "--threads", "4",
                        "--max-conn-per-client", str(args.idle + 200)] + (["--no-rollups"] if args.no_rollups else []),
                       stdout=subprocess.PIPE, text=True)
line = srv.stdout.readline()
port = int(re.search(r":(\d+)/", line).group(1))
base = f"http://127.0.0.1:{port}"
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


VARIED = "/tmp/ng-bench/search-varied.lua"
with open(VARIED, "w") as f:
    f.write('math.randomseed(7)\n'
            'local topics = {"report", "president", "court", "parliament", "oil", "talks", "strike", "vote"}\n'
            'request = function()\n'
            '  local q = "w" .. math.random(0, 2999) .. "%20" .. topics[math.random(1, #topics)]\n'
            '  return wrk.format(nil, "/api/search?q=" .. q .. "&limit=20")\n'
            'end\n')


def get(path):
    with opener.open(base + path, timeout=60) as r:
        return json.loads(r.read())


def run():
    global first
    first = get("/api/events?limit=1")["results"][0]
    article = get("/api/search?limit=1")["results"][0]["id"]  # the newest article
    words = get(f"/api/articles/{article}")["article"]["title"].split()[:2]  # generated titles: "parliament report 0"
    endpoints = [
        ("events, newest 100", "/api/events?limit=100"),
        ("events by actor", f"/api/events?actor={first['actor1'][:3]}&limit=100"),
        ("events by CAMEO root + month", f"/api/events?cameo={first['root']}&from={str(first['date'])[:4]}-{str(first['date'])[4:6]}&limit=100"),
        ("search (bm25)", f"/api/search?q={'%20'.join(words)}&limit=20"),
        ("article detail", f"/api/articles/{article}"),
        ("timeline of an actor", f"/api/aggregate/day?actor={first['actor1']}"),
        ("timeline, everything", "/api/aggregate/day"),
    ]
    cursor = get("/api/events?limit=100").get("next_cursor")  # keyset paging: the 50th page's cursor
    for _ in range(48):
        cursor = cursor and get(f"/api/events?limit=100&cursor={cursor}").get("next_cursor")
    if cursor:
        endpoints.append(("events, page 50 by cursor", f"/api/events?limit=100&cursor={cursor}"))
    # Search with a different pair of words each request (generated texts use words w0…w9999 and
    # a topic word): no cache of a single query's answer helps here.
    endpoints.append(("search, varied words", "/api/search?q=w1%20report&limit=20", VARIED))
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(args.idle)]
    print(f"{args.events} events{' (aggregates scan the clusters: --no-rollups)' if args.no_rollups else ''}; {len(idle)} idle connections held; wrk -t2 -c{args.connections} -d{args.seconds}s\n")
    print(f"{'endpoint':32} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}  check")
    ms = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for name, path, *script in endpoints:
        t = time.time()
        try:
            body = get(path)
            ok = "ok" if ("results" in body and body.get("count", 1) > 0) or "article" in body else "EMPTY"
        except urllib.error.HTTPError as e:  # 503: the query ran past --statement-timeout-ms
            ok = f"HTTP {e.code}"
        single = (time.time() - t) * 1000
        lua = ["-s", script[0]] if script else []
        w = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "--timeout", "10s", *lua, base + path],
                           capture_output=True, text=True)
        rps = re.search(r"Requests/sec:\s+([\d.]+)", w.stdout)
        lat = {p: re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", w.stdout, re.M) for p in ("50", "90", "99")}
        vals = [float(m.group(1)) * ms[m.group(2)] if m else float("nan") for m in lat.values()]
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", w.stdout)
        note = ok + (f", {errors.group(1)} non-2xx" if errors else "") + f", first call {single:.0f} ms"
        print(f"{name:32} {float(rps.group(1)) if rps else float('nan'):9.0f} {vals[0]:8.1f} {vals[1]:8.1f} {vals[2]:8.1f}  {note}", flush=True)
    t = time.time()
    code = get("/api/health")["status"]
    print(f"\nhealth with {len(idle)} idle connections still open: {code} in {(time.time() - t) * 1000:.1f} ms")
    with open(f"/proc/{srv.pid}/status") as f:
        rss = next(l for l in f if l.startswith("VmRSS")).split()[1]
    print(f"server RSS after the run: {int(rss) / 1024:.0f} MB")
    for c in idle:
        c.close()


try:
    run()
finally:
    srv.terminate()
    srv.wait(timeout=20)
