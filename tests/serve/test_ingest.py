#!/usr/bin/python3
"""POST /api/ingest (issue 16): only with `--allow-ingest` and the `--review` token; a page runs
the library's document pipeline into the served database and is then searchable, with its
events, dated by the `date` parameter; the same page again is not stored twice. Refused (and the
database unchanged): no flag (403), no or a wrong token (401), a body over --max-ingest-bytes
(413), an empty body, a bad url or date, unknown or repeated parameters, a page without article
text (400). Hostile pages (SQL strings, NUL bytes, deep nesting, bytes that are not UTF-8) never
take the server down.
Usage: test_ingest.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402

NG, check, tmp, db = sv.corpus_db("ng-serve-ingest-")
TOKEN = "s3cret-token-for-ingest"
AUTH = {"Authorization": "Bearer " + TOKEN, "Content-Type": "text/html"}

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Troops clash near Basra quarrywharf</title>
<meta property="article:published_time" content="2021-06-01"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Troops clash near Basra quarrywharf</h1>
<p>Iranian troops attacked Iraqi soldiers near Basra on Tuesday, officials in Baghdad said. The
fighting around the quarrywharf lasted several hours and at least 12 soldiers were wounded.</p>
<p>The Iraqi government condemned the attack and summoned the Iranian ambassador on Wednesday.
Residents said the quarrywharf district had been calm for months before the clash began.</p>
<p>Officials in Tehran did not comment. The United Nations called on both governments to show restraint
and to hold talks about the border crossings near the quarrywharf.</p>
</article><footer>Copyright 2024</footer></body></html>"""

p = su.run(NG, "serve", "--db", db, "--allow-ingest")
check(p.returncode == 2 and "--review" in p.stderr, f"--allow-ingest without --review: {p.returncode} {p.stderr}")


def ingest(s, body, headers=AUTH, **params):
    return s.request("POST", "/api/ingest", body=body, headers=headers, **params)


# With --review but without --allow-ingest: 403, whatever the token.
with sv.Served(NG, db, "--review", TOKEN) as s:
    code, raw, _ = ingest(s, PAGE.encode(), url="https://news.example/a")
    check(code == 403 and b"--allow-ingest" in raw, f"no --allow-ingest: {code} {raw[:200]}")

with sv.Served(NG, db, "--review", TOKEN, "--allow-ingest", "--max-ingest-bytes", "300000") as s:
    code, h = s.get("/api/health")
    check(code == 200 and h["read_only"] is False, f"health: {code} {h}")
    dump_before = su.dump(NG, db)

    # refused, nothing stored
    refusals = [
        (PAGE.encode(), {"Content-Type": "text/html"}, {"url": "https://news.example/a"}, 401, "Authorization"),
        (PAGE.encode(), dict(AUTH, Authorization="Bearer " + TOKEN + "x"), {}, 401, "Authorization"),
        (PAGE.encode(), dict(AUTH, Authorization="Bearer " + TOKEN[:-1]), {}, 401, "Authorization"),
        (PAGE.encode(), dict(AUTH, Authorization=TOKEN), {}, 401, "Authorization"),
        (b"", AUTH, {"url": "https://news.example/a"}, 400, "empty"),
        (b"  \n\t ", AUTH, {}, 400, "empty"),
        (PAGE.encode(), AUTH, {"url": "javascript:alert(1)"}, 400, "url"),
        (PAGE.encode(), AUTH, {"url": "file:///etc/passwd"}, 400, "url"),
        (PAGE.encode(), AUTH, {"date": "2024-02-30"}, 400, "date"),
        (PAGE.encode(), AUTH, {"date": "2024-02"}, 400, "date"),
        (PAGE.encode(), AUTH, {"date": "'; DROP TABLE articles; --"}, 400, "date"),
        (PAGE.encode(), AUTH, {"colour": "red"}, 400, "unknown parameter"),
        (PAGE.encode(), AUTH, {"url": "https://news.example/" + "x" * 300}, 400, "200 bytes"),
        (b"<html><body><script>var a = 1;</script><style>p {}</style><img src=x></body></html>", AUTH, {}, 400, "no article text"),
    ]
    for body, headers, params, want, words in refusals:
        code, raw, _ = ingest(s, body, headers, **params)
        check(code == want and words.encode() in raw, f"ingest {params} {body[:30]!r} {headers.get('Authorization', '')[:12]}: {code} {raw[:300]}")
    code, raw, _ = s.request("POST", "/api/ingest", body=PAGE.encode(), headers=AUTH,
                             raw_query="url=https%3A%2F%2Fa.example%2F1&url=https%3A%2F%2Fa.example%2F2")
    check(code == 400 and b"more than once" in raw, f"repeated url: {code} {raw[:200]}")
    code, raw, _ = s.request("GET", "/api/ingest")
    check(code == 405, f"GET /api/ingest: {code}")
    big = PAGE.replace("</article>", "<p>" + "filler words here " * 20000 + "</p></article>").encode()
    check(len(big) > 300000, "the big page is over the limit")
    code, raw, _ = ingest(s, big)
    check(code == 413 and b"300000" in raw, f"over --max-ingest-bytes: {code} {raw[:200]}")
    check(s.alive() and s.get("/api/health")[0] == 200, "server up after the refusals")
    check(su.dump(NG, db) == dump_before, "a refused ingest changed the database")

    # accepted: searchable, dated by `date`, with its events
    code, raw, _ = ingest(s, PAGE.encode(), url="https://news.example/basra-clash", date="2024-03-05")
    r = json.loads(raw) if raw.startswith(b"{") else {}
    check(code == 201 and r.get("stored") is True and r.get("date") == "2024-03-05" and r.get("events", 0) >= 1,
          f"ingest the page: {code} {raw[:300]}")
    code, hits = s.get("/api/search", q="quarrywharf")
    got = hits["results"] if code == 200 else []
    check(len(got) == 1 and got[0]["url"] == "https://news.example/basra-clash" and got[0]["date"] == "2024-03-05"
          and "[quarrywharf]" in got[0]["snippet"], f"search for the ingested page: {code} {got}")
    if got:
        code, art = s.get(f"/api/articles/{got[0]['id']}")
        ev = art.get("events", []) if code == 200 else []
        check(len(ev) == r.get("events") and any(e["root"] == "19" or e["root"] == "18" for e in ev),
              f"the page's events: {[(e['actor1'], e['cameo'], e['actor2']) for e in ev]}")
        check(all(str(e["date"]).startswith("2024") for e in ev), f"events dated from the date parameter: {[e['date'] for e in ev]}")
    code, raw, _ = ingest(s, PAGE.encode(), url="https://news.example/basra-clash", date="2024-03-05")
    r2 = json.loads(raw) if raw.startswith(b"{") else {}
    check(code == 200 and r2.get("stored") is False and r2.get("already_stored") is True, f"the same page again: {code} {raw[:300]}")
    # the page's own date when no `date` is given; a page over the ordinary 64 KiB body limit
    long_page = PAGE.replace("quarrywharf", "longwharf").replace("</article>", "<p>" + "Residents waited for news. " * 4000 + "</p></article>")
    check(64 * 1024 < len(long_page) < 300000, "the long page is between the limits")
    code, raw, _ = ingest(s, long_page.encode(), url="https://news.example/long")
    r3 = json.loads(raw) if raw.startswith(b"{") else {}
    check(code == 201 and r3.get("date", "").startswith("2021-06-01"), f"a 100 KB page with its own date: {code} {raw[:300]}")

    # hostile pages: stored or refused with a 4xx, never a crash; SQL strings are text
    hostile = [
        PAGE.replace("Troops clash", "Robert'); DROP TABLE articles;-- clash").replace("quarrywharf", "sqlwharf"),
        PAGE.replace("quarrywharf", "nulwharf\x00\x00x").replace("<p>", "<p>\x00", 1),
        "<div>" * 50000 + "Deep nesting text about deepwharf. " * 20 + "</div>" * 10,
        "<html><body><p>" + "\ufffd\ud7ff" * 10 + "</p></body></html>",
    ]
    for i, page in enumerate(hostile):
        code, raw, _ = ingest(s, page.encode("utf-8", "surrogatepass"), url=f"https://news.example/h{i}")
        check(code in (200, 201, 400) and raw.startswith(b"{"), f"hostile page {i}: {code} {raw[:200]}")
    code, raw, _ = ingest(s, bytes(range(256)) * 200, url="https://news.example/bytes")
    check(code in (201, 400) and raw.startswith(b"{"), f"not UTF-8: {code} {raw[:200]}")
    check(s.alive() and s.get("/api/health")[0] == 200, "server up after hostile pages")
    code, hits = s.get("/api/search", q="sqlwharf")
    check(code == 200 and hits["count"] == 1 and "DROP TABLE" in hits["results"][0]["title"], f"SQL string stored as text: {hits}")
    code, summary = s.get("/api/summary")
    check(code == 200 and summary["articles"] >= 4, f"summary after ingest: {summary}")
    check(s.stop() == 0, "serve exits 0")

# what was stored is what `newsgraph query` reads
cli = su.run(NG, "query", "--db", db, "--articles", "--text", "quarrywharf", "--format", "jsonl").stdout
check("https://news.example/basra-clash" in cli, f"query --articles finds the ingested page: {cli[:300]}")
shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_ingest")
