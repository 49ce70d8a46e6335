#!/usr/bin/python3
"""Page types in the CLI (issue 17): `extract` says what a page is and why; a listing keeps its
items as blocks; `ingest --db` codes events only from articles unless --code-all-pages, counts
the other pages in its summary and stores each page's type (`query --articles` shows it and
filters by it with --page-type; a database from before the column reads 'article').

  /usr/bin/python3 tests/cli/test_page_types.py <path-to-newsgraph>

The pages are written here (a news front page of teasers whose headlines are codable events,
and the bundled seed article); nothing comes from ../shared. Exit 0 pass, 1 fail, 77 skip.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_HTML = os.path.join(REPO, "corpus", "seed-page.html")
FRONT = "https://dailyledger.example/world/"
problems = []

HEADLINES = [
    ("Police arrest dozens of protesters in Baghdad after clashes", "Jan 12, 2024"),
    ("Iraq and Turkey sign a water-sharing agreement in Ankara", "Jan 12, 2024"),
    ("Kenya sends troops to Haiti as the mission begins", "Jan 11, 2024"),
    ("Israeli jets strike targets in southern Lebanon", "Jan 11, 2024"),
    ("France condemns the attack on its embassy in Niger", "Jan 10, 2024"),
    ("Protesters rally in Nairobi against new taxes", "Jan 10, 2024"),
    ("Russia and China hold talks on energy cooperation", "Jan 9, 2024"),
    ("Brazil expels Venezuelan diplomats after the dispute", "Jan 9, 2024"),
    ("Rebels attack an army base in eastern Congo", "Jan 8, 2024"),
    ("Japan pledges aid to earthquake victims in Turkey", "Jan 8, 2024"),
    ("UN envoy meets Sudanese leaders in Khartoum", "Jan 7, 2024"),
    ("Germany accuses Russia of a cyber attack on its parliament", "Jan 7, 2024"),
]


def listing_page():
    items = "".join(
        f"<article class='card'><a href='/world/story-{i}'><img src='/img/{i}.jpg' alt=''>"
        f"<h3>{h}</h3></a><time datetime='2024-01-{12 - i // 2:02d}'>{d}</time>"
        f"<p>{h}, officials said on the day.</p><a class='more' href='/world/story-{i}'>Read more</a></article>"
        for i, (h, d) in enumerate(HEADLINES))
    return ("<!doctype html><html><head><title>World news - The Daily Ledger</title>"
            "<link rel='canonical' href='https://dailyledger.example/world/'></head><body>"
            "<header><nav><a href='/'>Home</a><a href='/world/'>World</a><a href='/business/'>Business</a>"
            "</nav></header><main><h1>World news</h1><div class='river'>" + items +
            "</div><a href='/world/page/2'>Next page</a></main><footer><a href='/about'>About</a>"
            "</footer></body></html>")


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg, flush=True)
    return cond


def run(ng, *args):
    p = subprocess.run([ng, *args], capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def events_by_url(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT a.url, COUNT(e.id) FROM articles a LEFT JOIN events e "
                       "ON e.article_id = a.id GROUP BY a.url").fetchall()
    con.close()
    return dict(rows)


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("skip: no newsgraph binary given")
        return 77
    ng = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ng-pagetypes-")
    try:
        pages = os.path.join(tmp, "pages")
        os.mkdir(pages)
        with open(os.path.join(pages, "world-front.html"), "w", encoding="utf-8") as f:
            f.write(listing_page())
        shutil.copy(SEED_HTML, os.path.join(pages, "seed-page.html"))

        # extract: the type, the reason, the items as blocks
        rc, out, err = run(ng, "extract", os.path.join(pages, "world-front.html"), "--format", "json")
        check(rc == 0, f"extract of the front page: rc {rc} {err.strip()[:200]}")
        obj = json.loads(out) if rc == 0 and out.strip() else {}
        check(obj.get("page_type") == "listing",
              f"front page is a listing: {obj.get('page_type')!r} ({obj.get('page_type_reason')!r})")
        check((obj.get("page_type_reason") or "").startswith("listing over "),
              f"the reason names the type and the signals: {obj.get('page_type_reason')!r}")
        blocks = [b.get("text", "") for b in obj.get("blocks") or []]
        kept = sum(any(h in b for b in blocks) for h, _ in HEADLINES)
        check(kept == len(HEADLINES), f"the listing keeps every item as a block ({kept}/{len(HEADLINES)})")
        rc, out, err = run(ng, "extract", SEED_HTML, "--format", "json")
        seed = json.loads(out) if rc == 0 and out.strip() else {}
        check(seed.get("page_type") == "article", f"the seed page is an article: {seed.get('page_type')!r}")

        # ingest --db: only the article is coded; the listing is stored and counted
        db = os.path.join(tmp, "a.db")
        rc, out, err = run(ng, "ingest", pages, "--db", db, "--quiet")
        check(rc == 0, f"ingest --db: rc {rc} {err.strip()[:300]}")
        check("1 of them are not article pages: 1 listing (stored without events" in err,
              f"the summary counts the listing: {err.strip()[-400:]!r}")
        ev = events_by_url(db) if os.path.exists(db) else {}
        front = ev.get("https://dailyledger.example/world/")
        check(front == 0, f"the listing is stored without events: {front!r} ({ev})")
        check(sum(v for k, v in ev.items() if k != "https://dailyledger.example/world/") > 0,
              f"the seed article is coded: {ev}")

        # the store keeps the type (schema 005): query --articles shows it in every format and
        # filters by it; the reason is stored beside it
        rc, out, err = run(ng, "query", "--db", db, "--articles", "--format", "jsonl")
        types = {r.get("url"): r.get("page_type") for r in map(json.loads, out.splitlines())} if rc == 0 else {}
        check(types.get(FRONT) == "listing" and len(types) == 2 and
              all(t == "article" for u, t in types.items() if u != FRONT),
              f"query --articles (jsonl) shows the listing and the article: rc {rc} {types} {err.strip()[:200]}")
        rc, out, err = run(ng, "query", "--db", db, "--articles", "--format", "csv")
        lines = out.splitlines()
        check(rc == 0 and lines and lines[0].split(",")[2] == "page_type" and
              sum(",listing," in l for l in lines) == 1, f"query --articles (csv) has a page_type column: {out[:300]!r}")
        rc, out, err = run(ng, "query", "--db", db, "--articles")
        head = out.splitlines()[0].split() if rc == 0 and out else []
        check(head[:3] == ["id", "date", "page_type"] and sum(" listing " in l for l in out.splitlines()) == 1,
              f"query --articles (table) shows the page type: {out[:300]!r}")
        for value in ("listing", "LISTING"):
            rc, out, err = run(ng, "query", "--db", db, "--articles", "--page-type", value, "--format", "jsonl")
            urls = [json.loads(l)["url"] for l in out.splitlines()] if rc == 0 else []
            check(urls == [FRONT], f"--page-type {value} keeps only the listing: rc {rc} {urls} {err.strip()[:200]}")
        rc, out, err = run(ng, "query", "--db", db, "--articles", "--page-type", "blog")
        check(rc == 2 and "article, listing, forum, product, documentation, collection, other" in err,
              f"an unknown --page-type is a usage error naming the valid ones: rc {rc} {err.strip()[:300]!r}")
        rc, out, err = run(ng, "query", "--db", db, "--page-type", "listing")
        check(rc == 2 and "--articles" in err, f"--page-type without --articles is a usage error: rc {rc} {err.strip()[:200]!r}")
        con = sqlite3.connect(db)
        stored = con.execute("SELECT page_type, page_type_reason FROM articles WHERE url = ?", (FRONT,)).fetchall()
        con.close()
        check(len(stored) == 1 and stored[0][0] == "listing" and stored[0][1].startswith("listing over "),
              f"articles.page_type and page_type_reason stored: {stored}")

        # a database from before the column (schema 4) reads 'article' read-only and is migrated
        # when opened to write; the pages it stored keep no type (they read 'article')
        if sqlite3.sqlite_version_info < (3, 35):
            print(f"skip: the schema-4 database needs SQLite >= 3.35 for DROP COLUMN (python has {sqlite3.sqlite_version})")
        else:
            old = os.path.join(tmp, "v4.db")
            shutil.copy(db, old)
            con = sqlite3.connect(old)
            con.executescript("DROP INDEX articles_page_type; ALTER TABLE articles DROP COLUMN page_type_reason; "
                              "ALTER TABLE articles DROP COLUMN page_type; DELETE FROM schema_migrations WHERE version = 5")
            con.close()
            rc, out, err = run(ng, "query", "--db", old, "--articles", "--format", "jsonl")
            types = [json.loads(l).get("page_type") for l in out.splitlines()] if rc == 0 else []
            check(types == ["article", "article"], f"schema 4, read-only: every page reads 'article': rc {rc} {types} {err[:200]}")
            rc, out, err = run(ng, "ingest", pages, "--db", old, "--quiet")
            check(rc == 0 and "0 documents stored" in err, f"schema 4, ingest again: rc {rc} {err.strip()[-300:]!r}")
            con = sqlite3.connect(old)
            version = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
            rows = con.execute("SELECT page_type, page_type_reason FROM articles").fetchall()
            con.close()
            check(version == 5 and rows == [("article", ""), ("article", "")],
                  f"schema 4 migrated to 5, old rows read 'article': version {version} {rows}")

        # --code-all-pages: the listing's headlines are coded too
        db2 = os.path.join(tmp, "b.db")
        rc, out, err = run(ng, "ingest", pages, "--db", db2, "--quiet", "--code-all-pages")
        check(rc == 0, f"ingest --db --code-all-pages: rc {rc} {err.strip()[:300]}")
        check("(coded: --code-all-pages)" in err, f"the summary says they were coded: {err.strip()[-300:]!r}")
        ev2 = events_by_url(db2) if os.path.exists(db2) else {}
        check((ev2.get("https://dailyledger.example/world/") or 0) > 0,
              f"with --code-all-pages the listing has events: {ev2}")
        rc, out, err = run(ng, "query", "--db", db2, "--articles", "--page-type", "listing", "--format", "jsonl")
        check(rc == 0 and [json.loads(l)["url"] for l in out.splitlines()] == [FRONT],
              f"coded or not, the listing is stored as a listing: rc {rc} {out[:200]!r}")
        rc, out, err = run(ng, "ingest", "--help")
        check("--code-all-pages" in out + err, "ingest --help documents --code-all-pages")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("all page-type CLI checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
