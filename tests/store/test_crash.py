#!/usr/bin/python3
"""Crash safety (issue 7, acceptance 2): `newsgraph ingest --db` is killed with SIGKILL at random
moments (at least 20 times), rerun each time; after every kill the database must be intact
(PRAGMA integrity_check), must still hold every document an earlier check saw (nothing committed is
lost), and every stored document must be complete (its article and mentions are in the same
transaction); the final database must equal an uninterrupted run's (canonical dumps).
Usage: test_crash.py NEWSGRAPH_BINARY [KILLS]      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storeutil as su  # noqa: E402

NG, check, tmp = su.start("ng-store-crash-")
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 24
rng = random.Random(int(os.environ.get("NG_CRASH_SEED", "7")))


def state(db):
    """(documents, articles, ok documents, mentions of missing articles) after WAL recovery."""
    con = sqlite3.connect(db)
    try:
        ic = con.execute("PRAGMA integrity_check").fetchone()[0]
        if not con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0]:
            return ic, set(), 0, 0, 0  # killed before the first migration committed
        docs = {r[0] for r in con.execute("SELECT doc_key FROM documents")}
        ok_docs = con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        arts = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        return ic, docs, ok_docs, arts, orphans
    finally:
        con.close()


try:
    # 120 documents: every corpus page in 8 variants (some only in markup, some with an extra
    # paragraph, so near-duplicate clustering runs too).
    src = os.path.join(tmp, "pages")
    os.makedirs(src)
    for name in su.corpus_pages():
        raw = open(os.path.join(su.CORPUS, name), "rb").read()
        for v in range(8):
            body = raw.replace(b"</body>", f"<!-- variant {v} --></body>".encode(), 1)
            if v % 2:
                body = body.replace(b"</article>", f"<p>Update {v}: this version adds a line.</p></article>".encode(), 1)
            open(os.path.join(src, f"v{v}_{name}"), "wb").write(body)
    args = [src, "--batch", "4"]

    ref = os.path.join(tmp, "ref.db")
    t0 = time.monotonic()
    p = su.ingest(NG, ref, *args)
    full = time.monotonic() - t0
    check(p.returncode == 0, f"reference run: {p.stderr[-500:]}")
    want = su.dump(NG, ref)

    db = os.path.join(tmp, "crash.db")
    seen = set()
    kills = 0
    runs = 0
    for i in range(KILLS * 3):
        if kills >= KILLS:
            break
        runs += 1
        proc = subprocess.Popen([NG, "ingest", *args, "--db", db, "--quiet", "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=su.ENV)
        time.sleep(rng.uniform(0.0, full * 1.1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if not os.path.exists(db):
            continue
        ic, docs, ok_docs, arts, orphans = state(db)
        check(ic == "ok", f"kill {i}: integrity_check: {ic}")
        lost = seen - docs
        check(not lost, f"kill {i}: {len(lost)} committed documents lost")
        check(ok_docs == arts, f"kill {i}: {ok_docs} ok documents but {arts} articles (a half-written document)")
        check(orphans == 0, f"kill {i}: {orphans} mentions without their article")
        seen = docs
        # Once everything is in, start over so later kills land at other points of a run.
        if len(docs) == 120 and kills < KILLS:
            check(su.dump(NG, db) == want, f"kill {i}: complete database differs from the reference: "
                  + su.first_diff(want, su.dump(NG, db)))
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            seen = set()
    p = su.ingest(NG, db, *args)
    check(p.returncode == 0, f"final rerun: {p.stderr[-500:]}")
    got = su.dump(NG, db)
    check(got == want, "after the kills the database differs from an uninterrupted run: " + su.first_diff(want, got))
    check(kills >= min(20, KILLS), f"only {kills} runs were killed mid-way (the reference run took {full:.2f}s)")
    print(f"{kills} SIGKILLs over {runs} runs; uninterrupted run {full:.2f}s")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("store crash")
