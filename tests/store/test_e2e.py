#!/usr/bin/python3
"""Store end to end (issue 7, acceptance 1): the bundled corpus ingested as HTML files, as a WARC
and through a local HTTP server gives the same database (canonical dumps equal); re-ingesting adds
nothing; a syndicated copy lands in the original's near-duplicate cluster; query and the exports
work on the result and the GDELT exports have GDELT's column counts.
Usage: test_e2e.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import csv
import io
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storeutil as su  # noqa: E402
from ngserver import NgServer  # noqa: E402

NG, check, tmp = su.start("ng-store-e2e-")
try:
    pages = su.corpus_pages()
    # 1. HTML files (a directory).
    db_html = os.path.join(tmp, "html.db")
    p = su.ingest(NG, db_html, su.CORPUS)
    check(p.returncode == 0, f"ingest html: exit {p.returncode}: {p.stderr[-500:]}")
    d_html = su.dump(NG, db_html)
    check(f"## articles" in d_html, "dump has no articles section")
    n_articles = d_html.split("## articles", 1)[1].split("## ", 1)[0].count("\n") - 1
    check(n_articles == len(pages), f"{n_articles} articles stored, expected {len(pages)}")

    # Idempotent: the same input again adds nothing.
    p = su.ingest(NG, db_html, su.CORPUS)
    check(p.returncode == 0 and "0 documents stored" in p.stderr, f"re-ingest: {p.stderr[-300:]}")
    check(su.dump(NG, db_html) == d_html, "re-ingesting changed the database")

    # 2. A WARC of the same pages.
    warc = os.path.join(tmp, "corpus.warc")
    su.corpus_warc(warc)
    db_warc = os.path.join(tmp, "warc.db")
    p = su.ingest(NG, db_warc, warc)
    check(p.returncode == 0, f"ingest warc: exit {p.returncode}: {p.stderr[-500:]}")
    d_warc = su.dump(NG, db_warc)
    check(d_warc == d_html, "WARC vs HTML dumps differ: " + su.first_diff(d_html, d_warc))

    # 3. Over HTTP from a local server.
    srv = NgServer(su.CORPUS).start()
    try:
        urls = os.path.join(tmp, "urls.txt")
        with open(urls, "w") as f:
            f.write("".join(srv.url("/page/" + n) + "\n" for n in pages))
        db_http = os.path.join(tmp, "http.db")
        p = su.ingest(NG, db_http, "--urls", urls)
        check(p.returncode == 0, f"ingest http: exit {p.returncode}: {p.stderr[-500:]}")
        d_http = su.dump(NG, db_http)
        check(d_http == d_html, "HTTP vs HTML dumps differ: " + su.first_diff(d_html, d_http))
    finally:
        srv.stop()

    # 4. A syndicated copy (same story, another site's chrome and a credit line) joins the
    # original's near-duplicate cluster; an unrelated page does not.
    seed = open(os.path.join(su.CORPUS, "seed-page.html"), encoding="utf-8").read()
    copy = seed.replace("</article>", "<p>Reporting by the newsgraph test desk.</p></article>", 1)
    copy = copy.replace("dailyledger.example", "othersite.example")
    check(copy != seed, "could not build a syndicated copy of the seed page")
    copies = os.path.join(tmp, "copies")
    os.makedirs(copies)
    open(os.path.join(copies, "copy.html"), "w", encoding="utf-8").write(copy)
    p = su.ingest(NG, db_html, copies)
    check(p.returncode == 0 and "1 documents stored" in p.stderr, f"ingest copy: {p.stderr[-300:]}")
    s = su.run(NG, "query", "--db", db_html, "--summary").stdout
    check("near-duplicate articles 1 in 1 clusters" in s, "copy not clustered with the seed page:\n" + s)

    # 5. Query and export on the result.
    q = su.run(NG, "query", "--db", db_html, "--articles", "--text", "flood aid", "--format", "jsonl")
    rows = [json.loads(l) for l in q.stdout.splitlines()]
    check(q.returncode == 0 and rows and "flood" in rows[0]["title"].lower(), f"text query: {q.stdout[:300]} {q.stderr}")
    check(all("[" in r["snippet"] for r in rows), "snippets do not mark the matches")
    q = su.run(NG, "query", "--db", db_html, "--articles", "--format", "csv", "--limit", "3")
    check(len(list(csv.reader(io.StringIO(q.stdout)))) == 4, f"csv query: {q.stdout[:300]}")
    q = su.run(NG, "query", "--db", db_html, "--cameo", "19", "--from", "2024-01-01")
    check(q.returncode == 0 and "rows)" in q.stdout, f"event query: {q.stdout[-200:]} {q.stderr}")
    q = su.run(NG, "query", "--db", db_html, "--from", "last week")
    check(q.returncode == 2 and "--from" in q.stderr, f"bad date not a usage error: {q.returncode} {q.stderr}")
    for fmt, table in (("gdelt-events", "gdelt2_event_columns.tsv"), ("gdelt-mentions", "gdelt2_mentions_columns.tsv"),
                       ("gkg", "gdelt_gkg21_columns.tsv")):
        ncols = len(open(os.path.join(su.REPO, "src", "store", "gdelt", table)).read().strip().splitlines()) - 1
        e = su.run(NG, "export", "--db", db_html, "--format", fmt)
        check(e.returncode == 0, f"export {fmt}: {e.stderr}")
        for line in e.stdout.splitlines():
            check(len(line.split("\t")) == ncols, f"export {fmt}: {len(line.split(chr(9)))} columns, expected {ncols}")
            break
        if fmt == "gkg":
            check(len(e.stdout.splitlines()) == len(pages) + 1, f"gkg: {len(e.stdout.splitlines())} rows")
    for fmt in ("jsonl", "csv"):
        e = su.run(NG, "export", "--db", db_html, "--format", fmt)
        check(e.returncode == 0, f"export {fmt}: {e.stderr}")
    e = su.run(NG, "export", "--db", db_html, "--format", "parquet")
    check(e.returncode == 2, "unknown export format is not a usage error")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("store e2e")
