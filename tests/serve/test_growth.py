#!/usr/bin/python3
"""A database another process is ingesting into is served as it grows (issue 16): serve a
database holding part of the corpus, ingest the rest into it from a second process, keep asking
the server during the ingest (every answer a 200), then see the new events, the same as
`newsgraph query` reads.
Usage: test_growth.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402

NG, check, tmp = su.start("ng-serve-grow-")
db = os.path.join(tmp, "news.db")
first, rest = os.path.join(tmp, "first"), os.path.join(tmp, "rest")
os.makedirs(first)
os.makedirs(rest)
pages = sorted(f for f in os.listdir(su.CORPUS) if f.endswith(".html"))
for i, f in enumerate(pages):
    shutil.copy(os.path.join(su.CORPUS, f), first if i < 5 else rest)
p = su.ingest(NG, db, first)
check(p.returncode == 0, f"ingest first part: {p.stderr[-300:]}")

with sv.Served(NG, db) as s:
    code, before = s.get("/api/summary")
    check(code == 200 and before["articles"] == 5, f"summary before: {code} {before}")
    ing = subprocess.Popen([NG, "ingest", rest, "--db", db, "--quiet", "--jobs", "2", "--delay-ms", "0",
                            "--batch", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=su.ENV)
    polls, failures, seen = 0, [], set()
    while True:
        running = ing.poll() is None
        for path in ("/api/summary", "/api/events", "/api/aggregate/day"):
            code, body = s.get(path)
            polls += 1
            if code != 200:
                failures.append((path, code, body))
            elif path == "/api/summary":
                seen.add(body["articles"])
        if not running:
            break
    out, err = ing.communicate()
    check(ing.returncode == 0, f"second ingest: {ing.returncode} {err[-300:]}")
    check(polls >= 3 and not failures, f"{polls} requests during the ingest, failures: {failures[:3]}")
    code, after = s.get("/api/summary")
    check(code == 200 and after["articles"] == len(pages) and after["events"] > before["events"],
          f"summary after: {after.get('articles')} articles, {after.get('events')} events (before {before['events']})")
    check(len(seen) >= 2, f"article counts seen while ingesting: {sorted(seen)}")
    code, ev = s.get("/api/events", limit=1000)
    want = sv.cli_events(NG, db)
    check(code == 200 and [e["id"] for e in ev["results"]] == [int(e["id"]) for e in want],
          f"events after the ingest: {len(ev.get('results', []))} vs CLI {len(want)}")

shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_growth")
