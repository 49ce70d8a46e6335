#!/usr/bin/python3
"""Review mode (issue 16): `newsgraph serve --review TOKEN`; judgements of events over loopback
(right, wrong, corrected), refused without or with a wrong token and for bad bodies; stored in
their own table (the coder's events are unchanged: equal canonical dumps), shown with the
article, exported by `newsgraph export --format reviews` as JSONL gold records (the shape of the
event bench's records.jsonl: id, set, lang, date, text, events[{source, target, code}]).
Usage: test_reviews.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402

NG, check, tmp, db = sv.corpus_db("ng-serve-rev-")
TOKEN = "s3cret-token-for-tests"

p = su.run(NG, "serve", "--db", db, "--review", "short")
check(p.returncode == 2 and "at least 8" in p.stderr, f"--review with a short token: {p.returncode} {p.stderr}")

with sv.Served(NG, db, "--review", TOKEN) as s:
    code, h = s.get("/api/health")
    check(code == 200 and h["read_only"] is False, f"health with --review: {h}")
    # Migration 003 ran on open (the database was made by ingest, which also migrates).
    dump_before = su.dump(NG, db)
    code, hits = s.get("/api/search", q="airstrikes Iraq")
    seed = hits["results"][0]["id"]
    code, art = s.get(f"/api/articles/{seed}")
    events = art["events"]
    check(len(events) >= 3, f"seed article events: {len(events)}")
    e_right, e_wrong, e_fix = events[0], events[1], events[2]
    path = lambda e: f"/api/events/{e['id']}/reviews"  # noqa: E731

    # refused
    code, r = s.post(path(e_right), {"verdict": "right"})
    check(code == 401 and "Authorization" in r["error"]["message"], f"no token: {code} {r}")
    code, r = s.post(path(e_right), {"verdict": "right"}, token=TOKEN + "x")
    check(code == 401, f"wrong token: {code} {r}")
    code, r = s.post(path(e_right), {"verdict": "right"}, token=TOKEN[:-1])
    check(code == 401, f"token prefix: {code} {r}")
    refusals = [
        ({"verdict": "maybe"}, 400, "verdict"),
        ({"verdict": "right", "cameo": "190"}, 400, "corrected"),
        ({"verdict": "corrected"}, 400, "at least one"),
        ({"verdict": "corrected", "cameo": "19x"}, 400, "cameo"),
        ({"verdict": "corrected", "date": "2024-02-31x"}, 400, "date"),
        ({"verdict": "corrected", "actor1": "usa; drop"}, 400, "actor"),
        ({"verdict": "right", "colour": "red"}, 400, "unknown field"),
        ({"verdict": 1}, 400, "string"),
        (["right"], 400, "object"),
    ]
    for body, want, words in refusals:
        code, r = s.post(path(e_right), body, token=TOKEN)
        check(code == want and words in r["error"]["message"], f"review {body}: {code} {r}")
    code, raw, _ = s.request("POST", path(e_right), body=b"{not json", headers={"Authorization": "Bearer " + TOKEN})
    check(code == 400, f"malformed JSON: {code} {raw[:200]}")
    code, r = s.post("/api/events/987654321/reviews", {"verdict": "right"}, token=TOKEN)
    check(code == 404 and "no event" in r["error"]["message"], f"unknown event: {code} {r}")
    code, r = s.post("/api/events/abc/reviews", {"verdict": "right"}, token=TOKEN)
    check(code == 400, f"event id abc: {code} {r}")
    code, r = s.get(path(e_right))
    check(code == 405, f"GET reviews: {code}")
    check(su.dump(NG, db) == dump_before, "a refused review changed the database")

    # accepted
    code, r1 = s.post(path(e_right), {"verdict": "right", "reviewer": "tester"}, token=TOKEN)
    check(code == 201 and r1["event_id"] == e_right["id"] and r1["verdict"] == "right", f"right: {code} {r1}")
    code, r2 = s.post(path(e_wrong), {"verdict": "wrong", "note": "background, not an event"}, token=TOKEN)
    check(code == 201 and r2["id"] == r1["id"] + 1, f"wrong: {code} {r2}")
    code, r3 = s.post(path(e_fix), {"verdict": "corrected", "cameo": "190", "actor2": "IRQ", "date": "2024-02-02"}, token=TOKEN)
    check(code == 201, f"corrected: {code} {r3}")
    code, art2 = s.get(f"/api/articles/{seed}")
    check([(x["event_id"], x["verdict"]) for x in art2["reviews"]] ==
          [(e_right["id"], "right"), (e_wrong["id"], "wrong"), (e_fix["id"], "corrected")], f"article reviews: {art2['reviews']}")
    check(art2["events"] == events, "a review changed the article's events")
    check(s.stop() == 0, "serve exits 0")

check(su.dump(NG, db) == dump_before, "the coder's tables changed after reviews (they must stay as coded)")

# export --format reviews: records.jsonl-shaped lines
p = su.run(NG, "export", "--db", db, "--format", "reviews")
lines = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
check(p.returncode == 0 and len(lines) == 3, f"export reviews: {p.returncode} {len(lines)} {p.stderr}")
if len(lines) == 3:
    for rec in lines:
        check(set(rec) >= {"id", "set", "lang", "date", "text", "events", "coded", "review"}, f"record keys: {sorted(rec)}")
        check(rec["text"] and len(rec["text"]) < len(art["article"]["text"]), f"record text is the sentence: {rec['text'][:80]}")
    a, b, c = lines
    check(a["events"] == [{"source": e_right["actor1"] or None, "target": e_right["actor2"] or None, "code": e_right["cameo"]}],
          f"right: {a['events']}")
    check(b["events"] == [] and b["coded"]["code"] == e_wrong["cameo"] and b["review"]["note"].startswith("background"),
          f"wrong: {b}")
    check(c["events"] == [{"source": e_fix["actor1"] or None, "target": "IRQ", "code": "190"}] and c["date"] == "2024-02-02"
          and c["coded"]["code"] == e_fix["cameo"], f"corrected: {c}")
    check(a["id"] == "review-1" and a["set"] == "newsgraph-reviews", f"ids: {a['id']} {a['set']}")
p = su.run(NG, "export", "--db", db, "--format", "bogus")
check(p.returncode == 2 and "reviews" in p.stderr, f"export --format bogus lists reviews: {p.stderr}")

shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_reviews")
