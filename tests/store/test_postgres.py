#!/usr/bin/python3
"""PostgreSQL backend (issue 7, acceptance 3): starts a throwaway PostgreSQL 15 server (initdb as
the `postgres` user into a temp dir, Unix socket only), runs the store suite against it and
compares with SQLite: the corpus as HTML files, page types and their migration, as a WARC and over HTTP, generated events (ng_bench_store:
clusters, counts), re-ingest idempotence, SIGKILL during ingest, the same query answers, the same
exports and equal canonical dumps.
Usage: test_postgres.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storeutil as su  # noqa: E402
import pgserver  # noqa: E402

NG, check, tmp = su.start("ng-store-pg-")
BENCH = os.path.join(os.path.dirname(os.path.abspath(NG)), "bench", "store", "ng_bench_store")
try:
    pg = pgserver.PgServer().start()
except pgserver.Unavailable as e:
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"skip: {e}")
    sys.exit(77)

EVENT_QUERIES = [
    [], ["--cameo", "19"], ["--cameo", "04"], ["--cameo", "043"], ["--actor", "USA"], ["--actor", "RUSGOV"],
    ["--country", "RUS"], ["--plover", "consult"], ["--from", "2023-03-01", "--to", "2023-03-28"],
    ["--place", "IZ"], ["--actor", "CHN", "--cameo", "04", "--limit", "7"], ["--summary"],
]


def same_queries(label, a, b, queries, text_words=()):
    for q in queries:
        qa = su.run(NG, "query", "--db", a, *q, "--format", "csv", "--limit", "500") if "--summary" not in q else \
            su.run(NG, "query", "--db", a, *q)
        qb = su.run(NG, "query", "--db", b, *q, "--format", "csv", "--limit", "500") if "--summary" not in q else \
            su.run(NG, "query", "--db", b, *q)
        check(qa.returncode == 0 and qb.returncode == 0, f"{label} query {q}: {qa.stderr} {qb.stderr}")
        check(qa.stdout == qb.stdout, f"{label} query {q}: SQLite and PostgreSQL answer differently:\n"
              + su.first_diff(qa.stdout, qb.stdout))
    # Full-text: the same articles match; the ranking functions differ (bm25 vs ts_rank).
    for w in text_words:
        ids = []
        for db in (a, b):
            r = su.run(NG, "query", "--db", db, "--articles", "--text", w, "--format", "csv", "--limit", "100000")
            ids.append(sorted(line.split(",", 1)[0] for line in r.stdout.splitlines()[1:]))
        check(ids[0] == ids[1] and ids[0], f"{label} text '{w}': {len(ids[0])} vs {len(ids[1])} matching articles")
        e = [su.run(NG, "query", "--db", db, "--text", w, "--format", "csv", "--limit", "100000").stdout for db in (a, b)]
        check(e[0] == e[1], f"{label} events for text '{w}' differ")


def same_exports(label, a, b):
    for fmt in ("gdelt-events", "gdelt-mentions", "gkg", "jsonl", "csv"):
        ea, eb = (su.run(NG, "export", "--db", d, "--format", fmt) for d in (a, b))
        check(ea.returncode == 0 and eb.returncode == 0, f"{label} export {fmt}: {ea.stderr} {eb.stderr}")
        check(ea.stdout == eb.stdout, f"{label} export {fmt} differs:\n" + su.first_diff(ea.stdout, eb.stdout))


try:
    # 1. The corpus as HTML files: SQLite and PostgreSQL hold the same.
    lite = os.path.join(tmp, "html.db")
    p = su.ingest(NG, lite, su.CORPUS)
    check(p.returncode == 0, f"sqlite ingest: {p.stderr[-400:]}")
    uri = pg.create_db("ng_html")
    p = su.ingest(NG, uri, su.CORPUS)
    check(p.returncode == 0, f"postgres ingest: {p.stderr[-400:]}")
    d_lite, d_pg = su.dump(NG, lite), su.dump(NG, uri)
    check(d_lite == d_pg, "HTML corpus: dumps differ: " + su.first_diff(d_lite, d_pg))
    p = su.ingest(NG, uri, su.CORPUS)
    check(p.returncode == 0 and "0 documents stored" in p.stderr, f"postgres re-ingest: {p.stderr[-300:]}")
    check(su.dump(NG, uri) == d_pg, "postgres: re-ingesting changed the database")
    same_queries("corpus", lite, uri, [["--articles"], ["--summary"]], text_words=("flood", "minister", "the"))
    same_exports("corpus", lite, uri)

    # 1b. Page types (schema 005): a news front page (tests/cli/test_page_types.py's) is stored as
    # a listing on both backends, read and filtered the same; a database from before 005 (columns
    # dropped, version 5 forgotten) reads 'article' read-only and is migrated when opened to write.
    sys.path.insert(0, os.path.join(su.REPO, "tests", "cli"))
    from test_page_types import listing_page  # noqa: E402
    pt = os.path.join(tmp, "pt")
    os.makedirs(pt)
    open(os.path.join(pt, "world-front.html"), "w", encoding="utf-8").write(listing_page())
    shutil.copy(os.path.join(su.CORPUS, "seed-page.html"), pt)
    lite_pt, uri_pt = os.path.join(tmp, "pt.db"), pg.create_db("ng_pt")
    for target in (lite_pt, uri_pt):
        p = su.ingest(NG, target, pt)
        check(p.returncode == 0, f"page types, ingest into {target}: {p.stderr[-300:]}")
    same_queries("page types", lite_pt, uri_pt, [["--articles"], ["--articles", "--page-type", "listing"]])
    q = su.run(NG, "query", "--db", uri_pt, "--articles", "--page-type", "listing", "--format", "csv")
    rows = q.stdout.splitlines()
    check(q.returncode == 0 and len(rows) == 2 and rows[0].startswith("id,date,page_type,")
          and ",listing,World news" in rows[1], f"postgres: the front page is a listing: {q.stdout[:300]} {q.stderr}")
    check(pg.psql("SELECT page_type_reason FROM articles WHERE page_type = 'listing'", db="ng_pt").startswith("listing over "),
          "postgres: page_type_reason stored")
    pg.psql("DROP INDEX articles_page_type; ALTER TABLE articles DROP COLUMN page_type_reason, DROP COLUMN page_type; "
            "DELETE FROM schema_migrations WHERE version = 5", db="ng_pt")
    q = su.run(NG, "query", "--db", uri_pt, "--articles", "--format", "csv")
    check(q.returncode == 0 and len(q.stdout.splitlines()) == 3 and q.stdout.count(",article,") == 2,
          f"postgres, version 4 read-only: every article reads 'article': {q.stdout[:300]} {q.stderr}")
    d = su.run(NG, "export", "--db", uri_pt, "--format", "dump")
    check(d.returncode == 0 and "page_type" in d.stdout, f"postgres, version 4: dump: {d.stderr[-300:]}")
    p = su.ingest(NG, uri_pt, pt)
    check(p.returncode == 0 and "0 documents stored" in p.stderr, f"postgres, version 4: reopen to write: {p.stderr[-300:]}")
    check(pg.psql("SELECT max(version) FROM schema_migrations", db="ng_pt").strip() == "5"
          and pg.psql("SELECT count(*) FROM articles WHERE page_type = 'article' AND page_type_reason = ''",
                      db="ng_pt").strip() == "2", "postgres, version 4: migrated to 5, old rows 'article'")

    # 2. The same pages as a WARC.
    warc = os.path.join(tmp, "corpus.warc")
    su.corpus_warc(warc)
    uri_w = pg.create_db("ng_warc")
    p = su.ingest(NG, uri_w, warc)
    check(p.returncode == 0, f"postgres warc ingest: {p.stderr[-400:]}")
    d_w = su.dump(NG, uri_w)
    check(d_w == d_lite, "WARC into PostgreSQL vs HTML into SQLite: " + su.first_diff(d_lite, d_w))

    # 2b. Over HTTP from a local server.
    from ngserver import NgServer  # noqa: E402  (tests/ingest, on the path via storeutil)
    srv = NgServer(su.CORPUS).start()
    try:
        urls = os.path.join(tmp, "urls.txt")
        with open(urls, "w") as f:
            f.write("".join(srv.url("/page/" + n) + "\n" for n in su.corpus_pages()))
        uri_h = pg.create_db("ng_http")
        p = su.ingest(NG, uri_h, "--urls", urls)
        check(p.returncode == 0, f"postgres http ingest: {p.stderr[-400:]}")
        d_h = su.dump(NG, uri_h)
        check(d_h == d_lite, "HTTP into PostgreSQL vs HTML into SQLite: " + su.first_diff(d_lite, d_h))
    finally:
        srv.stop()

    # 3. Generated events (the corpus may have none while the coder is a placeholder): event
    # clusters with NumMentions / NumSources / NumArticles, queries and exports on both.
    if os.path.exists(BENCH):
        lite_b = os.path.join(tmp, "bench.db")
        uri_b = pg.create_db("ng_bench")
        for target in (lite_b, uri_b):
            r = subprocess.run([BENCH, "--db", target, "--events", "3000", "--repeat", "1", "--batch", "50"],
                               capture_output=True, text=True, timeout=600)
            check(r.returncode == 0, f"ng_bench_store {target}: {r.stderr[-400:]}")
        db_a, db_b = su.dump(NG, lite_b), su.dump(NG, uri_b)
        check("## event_clusters" in db_a and db_a.count("\n") > 3000, "generated events missing from the dump")
        check(db_a == db_b, "generated events: dumps differ: " + su.first_diff(db_a, db_b))
        same_queries("events", lite_b, uri_b, EVENT_QUERIES, text_words=("protest", "election ceasefire"))
        same_exports("events", lite_b, uri_b)
    else:
        check(False, f"{BENCH} not built")

    # 4. SIGKILL during ingest into PostgreSQL, rerun: the same as SQLite's uninterrupted run.
    src = os.path.join(tmp, "pages")
    os.makedirs(src)
    for name in su.corpus_pages():
        raw = open(os.path.join(su.CORPUS, name), "rb").read()
        for v in range(4):
            open(os.path.join(src, f"v{v}_{name}"), "wb").write(raw.replace(b"</body>", f"<!-- {v} --></body>".encode(), 1))
    ref = os.path.join(tmp, "ref.db")
    t0 = time.monotonic()
    su.ingest(NG, ref, src, extra=("--batch", "3"))
    full = time.monotonic() - t0
    uri_k = pg.create_db("ng_kill")
    rng = random.Random(3)
    kills = 0
    for i in range(8):
        proc = subprocess.Popen([NG, "ingest", src, "--db", uri_k, "--batch", "3", "--quiet", "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=su.ENV)
        time.sleep(rng.uniform(0.05, full * 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    p = su.ingest(NG, uri_k, src, extra=("--batch", "3"))
    check(p.returncode == 0, f"postgres rerun after kills: {p.stderr[-300:]}")
    want, got = su.dump(NG, ref), su.dump(NG, uri_k)
    check(want == got, f"postgres after {kills} kills differs from SQLite: " + su.first_diff(want, got))
    print(f"postgres: {kills} SIGKILLs, then equal to SQLite")

    # 5. No server: one clear line, no crash.
    bad = f"postgresql://postgres@/nowhere?host={pg.sock}&port=1"
    p = su.ingest(NG, bad, su.CORPUS)
    check(p.returncode == 2 and "cannot connect to PostgreSQL" in p.stderr, f"unreachable server: {p.returncode} {p.stderr}")
    p = su.run(NG, "query", "--db", bad, "--summary")
    # A database named on the command line that cannot be opened: exit 2, as for ingest (README "Exit codes").
    check(p.returncode == 2 and "cannot connect" in p.stderr, f"query, unreachable server: {p.returncode} {p.stderr}")
finally:
    pg.stop()
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("store postgres")
