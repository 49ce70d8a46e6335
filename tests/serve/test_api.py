#!/usr/bin/python3
"""The HTTP API over loopback (issue 16, acceptance 1 and 4): `newsgraph serve` on an ephemeral
port over a database built by `newsgraph ingest corpus --db`; every endpoint of the OpenAPI file,
every filter (the same answer as `newsgraph query`), the article's evidence offsets, and bad
requests (unknown / repeated / malformed parameters, SQL in every parameter, path traversal,
huge headers and bodies, malformed HTTP) answered with a 4xx while the server stays up and the
database is unchanged.
Usage: test_api.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import socket
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402

NG, check, tmp, db = sv.corpus_db("ng-serve-api-")
dump_before = su.dump(NG, db)
tested = set()  # OpenAPI paths exercised below


def ids(rows):
    return [int(r["id"]) for r in rows]


with sv.Served(NG, db) as s:
    # health, version, OpenAPI
    code, h = s.get("/api/health")
    tested.add("/api/health")
    check(code == 200 and h["status"] == "ok" and h["backend"] == "sqlite" and h["read_only"] is True, f"health: {code} {h}")
    code, v = s.get("/api/version")
    tested.add("/api/version")
    cli_version = su.run(NG, "version").stdout.split()[-1]
    check(code == 200 and v["version"] == cli_version and v["api"] == 1, f"version: {code} {v} vs {cli_version}")
    code, spec = s.get("/api/openapi.json")
    tested.add("/api/openapi.json")
    check(code == 200 and spec and spec["openapi"].startswith("3."), f"openapi: {code}")
    with open(os.path.join(su.REPO, "src", "serve", "openapi.json"), encoding="utf-8") as f:
        check(spec == json.load(f), "/api/openapi.json differs from src/serve/openapi.json")
    code, _, headers = s.request("GET", "/")
    check(code == 200 and headers.get("Content-Type", "").startswith("text/html"), f"/: {code} {headers}")

    # summary = newsgraph query --summary
    code, summ = s.get("/api/summary")
    tested.add("/api/summary")
    cli_summary = su.run(NG, "query", "--db", db, "--summary").stdout
    check(code == 200 and summ["events"] > 0 and f"events {summ['events']} coded" in cli_summary,
          f"summary: {code} {summ and summ.get('events')} vs {cli_summary[:300]}")

    # events: unfiltered and under every filter, the same ids as `newsgraph query`
    code, ev = s.get("/api/events", limit=1000)
    tested.add("/api/events")
    all_events = ev["results"] if code == 200 else []
    cli_all = sv.cli_events(NG, db)
    check(code == 200 and len(all_events) > 20 and ids(all_events) == ids(cli_all),
          f"events unfiltered: {code} {len(all_events)} vs CLI {len(cli_all)}")
    check(ev["count"] == len(all_events) and ev["limit"] == 1000, f"events count/limit: {ev.get('count')} {ev.get('limit')}")
    e0 = next(e for e in all_events if e["actor1"] and e["place_country"] and e["plover"])
    filters = [
        {"cameo": "19"}, {"cameo": e0["cameo"][:3]}, {"cameo": e0["cameo"]}, {"actor": e0["actor1"][:3]},
        {"actor": e0["actor1"]}, {"actor": e0["actor1_name"].split()[0] if e0["actor1_name"] else "x"},
        {"country": e0["place_country"]}, {"country": e0["place_country"].lower()}, {"plover": e0["plover"]},
        {"plover": e0["plover"].lower()}, {"from": str(e0["date"])[:4] + "-" + str(e0["date"])[4:6] + "-01"},
        {"to": "2020-01-01"}, {"from": "2024-02-01", "to": "2024-02-29"}, {"place": e0["place"]},
        {"place": e0["place_country"]}, {"q": "airstrikes"}, {"q": "airstrikes", "cameo": "19"}, {"limit": "3"},
    ]
    flag = {"q": "--text"}
    for f in filters:
        f = dict({"limit": "1000"}, **f)
        code, r = s.get("/api/events", **f)
        args = []
        for k, val in f.items():
            args += [flag.get(k, "--" + k), val.upper() if k == "country" else val]  # the API takes either case
        want = sv.cli_events(NG, db, *args)
        check(code == 200 and ids(r["results"]) == ids(want), f"events {f}: {code} {r and ids(r.get('results', []))} vs CLI {ids(want)}")
    # and the filters do filter (not only agree): these match a non-empty, strict subset
    for f, pred in [({"cameo": "19"}, lambda e: e["root"] == "19"),
                    ({"plover": e0["plover"]}, lambda e: e["plover"] == e0["plover"]),
                    ({"country": e0["place_country"]}, lambda e: e0["place_country"] in (e["place_country"], e["actor1"][:3], e["actor2"][:3]))]:
        code, r = s.get("/api/events", limit=1000, **f)
        got = r["results"] if code == 200 else []
        check(0 < len(got) < len(all_events) and all(pred(e) for e in got), f"events {f}: {len(got)} of {len(all_events)}")

    # keyset pages: walking next_cursor gives the one-call answer, in order, without repeats
    for f in [{}, {"cameo": "19"}, {"actor": e0["actor1"][:3]}, {"country": e0["place_country"]}]:
        want = ids(s.get("/api/events", limit=1000, **f)[1]["results"])
        got, cursor, pages = [], None, 0
        while pages < 200:
            extra = {"cursor": cursor} if cursor else {}
            code, r = s.get("/api/events", limit=7, **f, **extra)
            if code != 200:
                break
            got += ids(r["results"])
            pages += 1
            cursor = r["next_cursor"]
            if cursor is None:
                break
        check(code == 200 and got == want and len(want) > 7 * (f == {}), f"events pages {f}: {pages} pages, {len(got)} vs {len(want)} ids")
    code, r = s.get("/api/events", limit=1000)
    check(code == 200 and r["next_cursor"] is None, f"a short page has no next_cursor: {r.get('next_cursor')}")
    for bad_cursor in ["abc", "2024.", ".5", "20240101.0", "1.2.3", "20240101.99999999999999999999", "'; DROP TABLE events; --"]:
        code, r = s.get("/api/events", cursor=bad_cursor)
        check(code == 400 and "cursor" in r["error"]["message"], f"cursor {bad_cursor!r}: {code} {r}")
    code, r = s.get("/api/search", q="airstrikes", cursor="20240101.5")
    check(code == 400 and "unknown parameter" in r["error"]["message"], f"cursor on search: {code} {r}")

    # search: bm25 ranking with snippets; the seed article on "airstrikes"
    code, r = s.get("/api/search", q="airstrikes Iraq")
    tested.add("/api/search")
    hits = r["results"] if code == 200 else []
    check(hits and hits[0]["title"].startswith("Iraq and US Must Re-Engage") and "[airstrikes]" in hits[0]["snippet"]
          and hits[0]["score"] > 0,
          f"search airstrikes Iraq: {code} {hits[:1]}")
    check(hits and hits[0].get("page_type") == "article", f"search hits carry the page type: {hits[:1]}")
    # a "word" of punctuation only is no FTS5 phrase: the same hits and scores without it
    code, r2 = s.get("/api/search", q="\u2014 airstrikes \u2014 Iraq")
    check(code == 200 and [(h["id"], h["score"]) for h in r2["results"]] == [(h["id"], h["score"]) for h in hits],
          f"search with dashes: {code} {r2.get('results', [])[:2]}")
    cli = su.run(NG, "query", "--db", db, "--articles", "--text", "airstrikes Iraq", "--format", "jsonl").stdout
    check([int(json.loads(l)["id"]) for l in cli.splitlines()] == ids(hits), "search differs from query --articles")
    code, r = s.get("/api/search", q="zzzqqqnothing")
    check(code == 200 and r["count"] == 0 and r["results"] == [], f"search with no match: {code} {r}")
    code, r = s.get("/api/search", cameo="19", limit=5)
    check(code == 200 and 0 < r["count"] <= 5, f"search by event filter only: {code} {r}")

    # aggregates: the per-day counts add up to the events; filters apply
    n_events = len(all_events)
    for by in ("day", "dyad", "country", "place"):
        code, r = s.get(f"/api/aggregate/{by}")
        tested.add("/api/aggregate/{by}")
        rows = r["results"] if code == 200 else []
        check(rows and all(x["events"] > 0 and "goldstein" in x and "mentions" in x for x in rows), f"aggregate {by}: {code} {r}")
        if by == "day":
            check(sum(x["events"] for x in rows) == n_events, f"aggregate day: {sum(x['events'] for x in rows)} != {n_events}")
            check([x["date"] for x in rows] == sorted(x["date"] for x in rows), "aggregate day: not in date order")
            g = [e["goldstein"] for e in all_events if e["date"] == rows[0]["date"]]
            check(abs(rows[0]["goldstein"] - sum(g) / len(g)) < 0.01, f"aggregate day mean Goldstein {rows[0]} vs {g}")
        if by == "dyad":
            want = sum(1 for e in all_events if e["actor1"] and e["actor2"])
            check(sum(x["events"] for x in rows) == want and all(x["actor1"] and x["actor2"] for x in rows),
                  f"aggregate dyad: {sum(x['events'] for x in rows)} != {want}")
        if by == "country":
            want = {}
            for e in all_events:
                if e["place_country"]:
                    want[e["place_country"]] = want.get(e["place_country"], 0) + 1
            check({x["country"]: x["events"] for x in rows} == want, "aggregate country differs from the events")
        if by == "place":
            check(all(isinstance(x["lat"], (int, float)) for x in rows), "aggregate place: lat not a number")
    code, r = s.get("/api/aggregate/day", cameo="19")
    check(code == 200 and sum(x["events"] for x in r["results"]) == sum(1 for e in all_events if e["root"] == "19") > 0,
          f"aggregate day cameo=19: {r}")
    code, r = s.get("/api/aggregate/week")
    check(code == 404 and "day, dyad" in r["error"]["message"], f"aggregate week: {code} {r}")

    # network: every edge end is a node; edges = the dyad aggregate
    code, net = s.get("/api/network")
    tested.add("/api/network")
    node_ids = {n["id"] for n in net["nodes"]} if code == 200 else set()
    check(code == 200 and net["edges"] and all(e["source"] in node_ids and e["target"] in node_ids for e in net["edges"]),
          f"network: {code}")
    code, dy = s.get("/api/aggregate/dyad", limit=200)
    check(sum(e["events"] for e in net["edges"]) == sum(x["events"] for x in dy["results"]), "network edges != dyads")

    # article detail: the seed article, its airstrike event and the evidence offsets
    seed_id = hits[0]["id"] if hits else 0
    code, art = s.get(f"/api/articles/{seed_id}")
    tested.add("/api/articles/{id}")
    check(code == 200 and art["article"]["id"] == seed_id and art["events"] and art["entities"], f"article {seed_id}: {code}")
    text = art["article"]["text"].encode("utf-8") if code == 200 else b""
    check(code == 200 and art["article"].get("page_type") == "article" and art["article"].get("page_type_reason"),
          f"article {seed_id}: page_type / page_type_reason: {art.get('article', {}).get('page_type')!r} "
          f"{art.get('article', {}).get('page_type_reason')!r}")

    def span(b, e):
        return text[b:e].decode("utf-8")

    strikes = [e for e in art.get("events", []) if e["cameo"] == "195"]
    check(strikes, f"seed article: no 195 airstrike event in {[e['cameo'] for e in art.get('events', [])]}")
    for e in strikes[:1]:
        check(span(e["actor1_begin"], e["actor1_end"]) == e["actor1_text"] and e["actor1"].startswith("USA"),
              f"airstrike source span: {span(e['actor1_begin'], e['actor1_end'])!r} vs {e['actor1_text']!r}")
        check("airstrike" in span(e["verb_begin"], e["verb_end"]).lower(), f"airstrike verb: {span(e['verb_begin'], e['verb_end'])!r}")
        sentence = span(e["sentence_begin"], e["sentence_end"])
        check(e["sentence_begin"] <= e["verb_begin"] < e["verb_end"] <= e["sentence_end"] and "85 targets" in sentence,
              f"airstrike sentence: {sentence!r}")
        check(e["actor2"] and span(e["actor2_begin"], e["actor2_end"]) == e["actor2_text"], f"airstrike target: {e}")
    bad_spans = [m for m in art.get("entities", []) if span(m["begin"], m["end"]) != m["text"]]
    check(not bad_spans, f"entity spans that are not their text: {bad_spans[:3]}")
    bad_q = [m for m in art.get("quantities", []) if span(m["begin"], m["end"]) != m["text"]]
    check(art.get("quantities") and not bad_q, f"quantity spans: {bad_q[:3]} of {len(art.get('quantities', []))}")
    check(isinstance(art.get("related"), list) and art.get("reviews") == [], "article related/reviews")
    code, r = s.get("/api/articles/999999")
    check(code == 404 and r["error"]["code"] == "not_found", f"unknown article: {code} {r}")

    # reviews on a read-only server
    code, r = s.post(f"/api/events/{strikes[0]['id'] if strikes else 1}/reviews", {"verdict": "right"}, token="whatever")
    tested.add("/api/events/{id}/reviews")
    check(code == 403 and "read-only" in r["error"]["message"], f"review on a read-only server: {code} {r}")
    # ingest on a server without --allow-ingest (the ingest itself: test_ingest.py)
    code, raw, _ = s.request("POST", "/api/ingest", body=b"<html><p>x</p></html>", headers={"Authorization": "Bearer whatever"})
    tested.add("/api/ingest")
    check(code == 403 and b"--allow-ingest" in raw, f"ingest on a read-only server: {code} {raw[:200]}")

    # bad requests: a 4xx with an error object naming the problem
    bad = [
        ("/api/events", {"colour": "red"}, 400, "unknown parameter"),
        ("/api/events", {"cameo": "1x"}, 400, "cameo"),
        ("/api/events", {"cameo": "19999"}, 400, "cameo"),
        ("/api/events", {"from": "2024-13-01"}, 400, "from"),
        ("/api/events", {"to": "yesterday"}, 400, "to"),
        ("/api/events", {"from": "2024-02-30x"}, 400, "from"),
        ("/api/events", {"limit": "0"}, 400, "limit"),
        ("/api/events", {"limit": "1000001"}, 400, "limit"),
        ("/api/events", {"limit": "99999999999999999999"}, 400, "limit"),
        ("/api/events", {"limit": "-5"}, 400, "limit"),
        ("/api/events", {"country": "Iraq"}, 400, "country"),
        ("/api/events", {"plover": "DROP TABLE"}, 400, "plover"),
        ("/api/events", {"actor": "x" * 5000}, 400, "at most"),
        ("/api/health", {"x": "1"}, 400, "takes none"),
        ("/api/articles/abc", {}, 400, "article id"),
        ("/api/articles/99999999999999999999999", {}, 400, "article id"),
        ("/api/nothing", {}, 404, "no endpoint"),
        ("/etc/passwd", {}, 404, "no such page"),
    ]
    for path, params, want, words in bad:
        code, r = s.get(path, **params)
        check(code == want and r and words in r["error"]["message"], f"GET {path} {str(params)[:80]}: {code} {r}")
    code, r = s.get("/api/events", raw_query="cameo=19&cameo=04")
    check(code == 400 and "more than once" in r["error"]["message"], f"repeated parameter: {code} {r}")
    code, r = s.get("/api/events", raw_query="actor=%ff%fe")
    check(code == 400 and "UTF-8" in r["error"]["message"], f"invalid UTF-8: {code} {r}")
    code, raw, _ = s.request("DELETE", "/api/events")
    check(code == 405, f"DELETE /api/events: {code}")
    code, raw, _ = s.request("POST", "/api/events", body=b"{}")
    check(code == 405, f"POST /api/events: {code}")

    # SQL injection strings in every parameter: 200 or 400, never 5xx; nothing changes
    inject = ["' OR '1'='1", "1; DROP TABLE events; --", "\" OR 1=1 --", "%' UNION SELECT * FROM documents --",
              "') OR ('a'='a", "1e3", "*", "NEAR(a b)", "\"unterminated", "a AND OR NOT"]
    worst = 0
    for name in ("q", "actor", "country", "cameo", "plover", "from", "to", "place", "limit"):
        for val in inject:
            for path in ("/api/events", "/api/search", "/api/aggregate/day", "/api/network"):
                code, r = s.get(path, **{name: val})
                worst = max(worst, code)
                if code >= 500 or (code >= 400 and not (r and "error" in r)):
                    check(False, f"{path} {name}={val!r}: {code} {r}")
    check(worst < 500, f"injection strings: worst status {worst}")

    # HTTP-level hostility (raw sockets): traversal, malformed request line, 1 MB of headers,
    # an oversized body, a header-less slow client; the server answers and stays up
    for target in (b"/../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/api/../../etc/passwd", b"/index.html/../../x"):
        resp = s.raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        check(sv.status_of(resp) in (400, 404) and b"root:" not in resp, f"traversal {target}: {resp[:80]}")
    resp = s.raw(b"GARBAGE\r\n\r\n")
    check(sv.status_of(resp) in (400, 505, None) and s.alive(), f"malformed request line: {resp[:80]}")
    resp = s.raw(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n")
    check(sv.status_of(resp) in (400, 413, 431, None) and s.alive(), f"1 MB header: {resp[:80]}")
    # A body over the limit is refused from its Content-Length, before it is read.
    resp = s.raw(b"POST /api/events/1/reviews HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n{", half_close=False)
    check(sv.status_of(resp) == 413 and b"limited to 65536 bytes" in resp, f"1 MB body: {resp[:160]}")
    slow = []
    for _ in range(20):  # slowloris: half-sent requests hold connections open
        c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        c.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        slow.append(c)
    code, h = s.get("/api/health")
    check(code == 200, f"health while 20 slow clients hold connections: {code}")
    for c in slow:
        c.close()
    code, h = s.get("/api/health")
    check(code == 200 and s.alive(), "the server is up after the hostile requests")
    check(s.stop() == 0, "serve exits 0 on SIGTERM")

tested_all = set(spec["paths"]) if spec else set()
check(tested_all and tested_all <= tested, f"OpenAPI paths not exercised: {sorted(tested_all - tested)}")
check(su.dump(NG, db) == dump_before, "the database changed while being served read-only")

# Usage errors of the command itself
p = su.run(NG, "serve")
check(p.returncode == 2 and "--db" in p.stderr, f"serve without --db: {p.returncode} {p.stderr}")
p = su.run(NG, "serve", "--db", os.path.join(tmp, "missing.db"), "--port", "0")
check(p.returncode == 1 and "no such database" in p.stderr, f"serve a missing database: {p.returncode} {p.stderr}")
p = su.run(NG, "serve", "--db", db, "--host", "localhost:80")
check(p.returncode == 1 and "--host" in p.stderr, f"serve --host garbage: {p.returncode} {p.stderr}")

shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_api")
