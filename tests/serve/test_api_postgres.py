#!/usr/bin/python3
"""The HTTP API on PostgreSQL (issue 16): a throwaway PostgreSQL 15 server (tests/store/pgserver.py),
the corpus ingested into it and into SQLite, one `newsgraph serve` on each; the same events under
filters, aggregates, network and article detail from both, the same articles found by search
(ranking functions differ: bm25 vs ts_rank), the same keyset pages of events, a review stored and
exported on PostgreSQL, a page POSTed to /api/ingest found by search, and a database that grows
while served.
Usage: test_api_postgres.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402
import pgserver  # noqa: E402  (tests/store, on the path through serveutil)

NG, check, tmp = su.start("ng-serve-pg-")
try:
    pg = pgserver.PgServer(port=55329).start()
except pgserver.Unavailable as e:
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"skip: {e}")
    sys.exit(77)
try:
    uri = pg.create_db("served")
    lite = os.path.join(tmp, "news.db")
    first = os.path.join(tmp, "first")
    os.makedirs(first)
    pages = sorted(f for f in os.listdir(su.CORPUS) if f.endswith(".html"))
    for f in pages[:5]:
        shutil.copy(os.path.join(su.CORPUS, f), first)
    for target in (uri, lite):
        p = su.ingest(NG, target, first)
        check(p.returncode == 0, f"ingest first part into {target[:12]}: {p.stderr[-300:]}")
    with sv.Served(NG, uri, "--review", "pg-review-token", "--allow-ingest") as a, sv.Served(NG, lite) as b:
        code, h = a.get("/api/health")
        check(code == 200 and h["backend"] == "postgresql", f"health on PostgreSQL: {code} {h}")
        code, before = a.get("/api/summary")
        # grows while served
        for target in (uri, lite):
            p = su.ingest(NG, target, su.CORPUS)
            check(p.returncode == 0, f"ingest the rest into {target[:12]}: {p.stderr[-300:]}")
        code, after = a.get("/api/summary")
        _, lite_after = b.get("/api/summary")
        check(code == 200 and after["events"] > before["events"] and after == lite_after,
              f"PostgreSQL grew: {before['events']} -> {after.get('events')} events (SQLite: {lite_after.get('events')})")
        queries = [("/api/events", {}), ("/api/events", {"cameo": "19"}), ("/api/events", {"actor": "USA"}),
                   ("/api/events", {"country": "IRQ"}), ("/api/events", {"plover": "ASSAULT"}),
                   ("/api/events", {"from": "2024-02-01", "to": "2024-02-29"}), ("/api/events", {"place": "IZ"}),
                   ("/api/events", {"q": "airstrikes"}), ("/api/aggregate/day", {}), ("/api/aggregate/dyad", {}),
                   ("/api/aggregate/country", {}), ("/api/aggregate/place", {}), ("/api/network", {})]
        for path, params in queries:
            ca, ra = a.get(path, **params)
            cb, rb = b.get(path, **params)
            check(ca == 200 and ra == rb, f"{path} {params}: PostgreSQL and SQLite differ ({ca}, {cb})")
        # keyset pages: the same on both backends, and together the one-call answer
        paged, cursor = [], None
        for _ in range(300):
            extra = {"cursor": cursor} if cursor else {}
            ca, ra = a.get("/api/events", limit=5, **extra)
            cb, rb = b.get("/api/events", limit=5, **extra)
            if not check(ca == 200 and ra == rb, f"events page after {cursor}: PostgreSQL and SQLite differ ({ca}, {cb})"):
                break
            paged += [x["id"] for x in ra["results"]]
            cursor = ra["next_cursor"]
            if not cursor:
                break
        _, whole = a.get("/api/events", limit=1000)
        check(len(paged) > 5 and paged == [x["id"] for x in whole["results"]], f"PostgreSQL pages: {len(paged)} ids vs {len(whole['results'])}")
        ca, ra = a.get("/api/search", q="Iraq", limit=100)
        cb, rb = b.get("/api/search", q="Iraq", limit=100)
        check(ca == 200 and ra["count"] > 0 and sorted(x["id"] for x in ra["results"]) == sorted(x["id"] for x in rb["results"]),
              f"search Iraq: {ra.get('count')} vs {rb.get('count')}")
        _, hits = b.get("/api/search", q="airstrikes Iraq")
        seed = hits["results"][0]["id"]
        ca, da = a.get(f"/api/articles/{seed}")
        cb, db_ = b.get(f"/api/articles/{seed}")
        check(ca == 200 and da["events"] == db_["events"] and da["entities"] == db_["entities"]
              and da["article"]["text"] == db_["article"]["text"], f"article {seed} differs between backends")
        ev = da["events"][0]["id"] if ca == 200 and da["events"] else 0
        code, r = a.post(f"/api/events/{ev}/reviews", {"verdict": "corrected", "cameo": "190"}, token="pg-review-token")
        check(code == 201, f"review on PostgreSQL: {code} {r}")
        code, r = a.get("/api/events", cameo="1x")
        check(code == 400, f"bad cameo on PostgreSQL: {code}")
        # POST /api/ingest into PostgreSQL: searchable at once
        page = ("<html><head><title>Pgwharf talks</title></head><body><article><p>Iranian troops attacked Iraqi "
                "soldiers near the pgwharf on Tuesday, officials in Baghdad said.</p><p>The Iraqi government "
                "condemned the attack at the pgwharf.</p></article></body></html>").encode()
        code, raw, _ = a.request("POST", "/api/ingest", body=page, url="https://news.example/pg", date="2024-03-05",
                                 headers={"Authorization": "Bearer pg-review-token", "Content-Type": "text/html"})
        check(code == 201, f"ingest on PostgreSQL: {code} {raw[:300]}")
        code, r = a.get("/api/search", q="pgwharf")
        check(code == 200 and [x["url"] for x in r["results"]] == ["https://news.example/pg"], f"search the ingested page on PostgreSQL: {r}")
    p = su.run(NG, "export", "--db", uri, "--format", "reviews")
    recs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    check(p.returncode == 0 and len(recs) == 1 and recs[0]["events"][0]["code"] == "190", f"reviews export on PostgreSQL: {p.stdout[:300]} {p.stderr}")
finally:
    pg.stop()
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_api_postgres")
