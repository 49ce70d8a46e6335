"""Shared by the fault-injection tests (issue 18, docs/RELIABILITY.md): the input (the corpus as
WARCs under several sites), the reference run, what a database must satisfy after a fault, and
the SIGKILL campaign run against SQLite and PostgreSQL alike.

A database "after a fault" must be: intact (SQLite integrity_check), holding every document an
earlier look saw (nothing committed is lost), each document complete (an ok document has its
article), no document key twice, and every row it holds equal to the uninterrupted run's row
(ids are assigned in input order, so a prefix of a run equals the same prefix of another).
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "store"))
import storeutil as su  # noqa: E402,F401  (re-exported for the tests)
import pgserver  # noqa: E402,F401

SITES = int(os.environ.get("NG_FAULT_SITES", "4"))


def make_input(tmp, sites=SITES):
    """A directory of `sites` WARCs, each the whole corpus under its own site: 15 x sites documents
    (all but the first 15 near-duplicates, so the duplicate clustering runs too)."""
    d = os.path.join(tmp, "warcs")
    os.makedirs(d, exist_ok=True)
    for i in range(sites):
        su.corpus_warc(os.path.join(d, f"site{i:02d}.warc"), base=f"https://site{i}.example/page/")
    return d


def ingest_cmd(ng, source, target, batch):
    return [ng, "ingest", source, "--db", target, "--quiet", "--jobs", "2", "--batch", str(batch)]


def timed(cmd):
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, env=su.ENV, timeout=600)
    return p, time.monotonic() - t0


class Sqlite:
    """SQL on a SQLite file as the tests see it (after WAL recovery)."""

    def __init__(self, path):
        self.path = path

    def exists(self):
        return os.path.exists(self.path)

    def rows(self, sql):
        con = sqlite3.connect(self.path)
        try:
            return [tuple(str(v) for v in r) for r in con.execute(sql)]
        finally:
            con.close()

    def integrity(self):
        return self.rows("PRAGMA integrity_check")[0][0]

    def has_schema(self):
        return bool(self.rows("SELECT count(*) FROM sqlite_master WHERE name = 'documents'")[0][0] != "0")

    def reset(self):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def target(self):
        return self.path


class Postgres:
    """SQL on a database of a pgserver.PgServer, through psql."""

    def __init__(self, pg, name):
        self.pg, self.name, self.created = pg, name, False

    def exists(self):
        return self.created

    def rows(self, sql):
        out = self.pg.psql(sql, db=self.name)
        return [tuple(line.split("|")) for line in out.splitlines()]

    def integrity(self):
        return "ok"  # the server keeps its own consistency; the other checks still apply

    def has_schema(self):
        return self.rows("SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'")[0][0] != "0"

    def reset(self):
        if self.created:
            self.pg.psql(f"DROP DATABASE {self.name} WITH (FORCE)")
        self.pg.psql(f"CREATE DATABASE {self.name}")
        self.created = True

    def target(self):
        return self.pg.uri(self.name)


def state(db):
    """(integrity, document keys, [problems]) of a database after a fault."""
    if not db.exists():
        return "ok", set(), []
    ic = db.integrity()
    if not db.has_schema():
        return ic, set(), []  # stopped before the first migration committed
    keys = [r[0] for r in db.rows("SELECT doc_key FROM documents")]
    problems = []
    if len(keys) != len(set(keys)):
        problems.append(f"{len(keys) - len(set(keys))} document keys stored twice")
    ok_docs = int(db.rows("SELECT count(*) FROM documents WHERE status = 'ok'")[0][0])
    arts = int(db.rows("SELECT count(*) FROM articles")[0][0])
    if ok_docs != arts:
        problems.append(f"{ok_docs} ok documents but {arts} articles (a half-written document)")
    orphans = int(db.rows("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)")[0][0])
    if orphans:
        problems.append(f"{orphans} mentions without their article")
    return ic, set(keys), problems


def parse_dump(text):
    """{table: [row lines]} of a canonical dump (`newsgraph export --format dump`)."""
    tables, cur = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            cur = tables.setdefault(line[3:].split("\t", 1)[0], [])
        elif cur is not None:
            cur.append(line)
    return tables


def prefix_problems(partial, full):
    """What in the dump of a partly written database is not in the uninterrupted run's dump. Event
    clusters count mentions over the articles stored so far, so only their ids must be known."""
    p, f = parse_dump(partial), parse_dump(full)
    out = []
    for table, rows in p.items():
        if table == "event_clusters":
            have = {r.split("\t", 1)[0] for r in f.get(table, [])}
            extra = [r for r in rows if r.split("\t", 1)[0] not in have]
        else:
            have = set(f.get(table, []))
            extra = [r for r in rows if r not in have]
        if extra:
            out.append(f"{table}: {len(extra)} rows an uninterrupted run does not have, e.g. {extra[0][:200]}")
    return out


def kill_campaign(ng, db, source, batch, kills, seed, check, want, load_s, full_s):
    """SIGKILLs `newsgraph ingest SOURCE --db` `kills` times at seeded random moments between the
    end of model loading and the end of an uninterrupted run, rerunning after each kill; after every
    kill the database must pass state() and prefix_problems(); once a run completes, its dump must
    equal `want` and the database starts over (so later kills land at other points of a run).
    Returns (kills, kills that changed what was stored, completed cycles)."""
    rng = random.Random(seed)
    db.reset()
    seen, landed, cycles, k, runs = set(), 0, 0, 0, 0
    total = len(parse_dump(want).get("documents", []))
    # Reruns of a partly filled database are shorter than the reference run, so many end before
    # their kill moment (the PostgreSQL campaign once needed 360 runs for 102 kills): allow 8 runs a kill.
    while k < kills and runs < kills * 8:
        runs += 1
        proc = subprocess.Popen(ingest_cmd(ng, source, db.target(), batch), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=su.ENV)
        time.sleep(rng.uniform(load_s * 0.8, full_s * 1.05))
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
            k += 1
        proc.wait()
        if not killed and not check(proc.returncode == 0, f"run {runs} ended by itself with rc {proc.returncode}"):
            break
        ic, keys, problems = state(db)
        tag = f"kill {k} (run {runs})"
        check(ic == "ok", f"{tag}: integrity_check: {ic}")
        check(not problems, f"{tag}: " + "; ".join(problems))
        lost = seen - keys
        check(not lost, f"{tag}: {len(lost)} committed documents lost")
        if killed and keys != seen:
            landed += 1
        seen = keys
        if keys:
            got = su.dump(ng, db.target())
            bad = prefix_problems(got, want)
            check(not bad, f"{tag}: " + "; ".join(bad))
            if len(keys) == total:
                check(got == want, f"{tag}: complete database differs from the uninterrupted run: "
                      + su.first_diff(want, got))
                cycles += 1
                db.reset()
                seen = set()
    # The last database: one more run completes it.
    p = subprocess.run(ingest_cmd(ng, source, db.target(), batch), capture_output=True, text=True, env=su.ENV,
                       timeout=600)
    check(p.returncode == 0, f"final rerun: rc {p.returncode}: {p.stderr[-500:]}")
    ic, keys, problems = state(db)
    check(ic == "ok" and not problems and len(keys) == total, f"final: {ic} {problems} {len(keys)} of {total} documents")
    got = su.dump(ng, db.target())
    check(got == want, "after the kills the database differs from an uninterrupted run: " + su.first_diff(want, got))
    check(k >= kills, f"only {k} of {kills} runs were killed mid-way over {runs} runs "
          f"(load {load_s:.2f}s, whole run {full_s:.2f}s)")
    return k, landed, cycles + 1


def reference(ng, tmp, source, batch, check):
    """The uninterrupted run into SQLite: (its dump, seconds to load the models, seconds in all)."""
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty, exist_ok=True)
    _, load_s = timed(ingest_cmd(ng, empty, os.path.join(tmp, "load.db"), batch))
    ref = os.path.join(tmp, "ref.db")
    p, full_s = timed(ingest_cmd(ng, source, ref, batch))
    if not check(p.returncode == 0, f"reference run: {p.stderr[-500:]}"):
        check.finish("faults")
    return su.dump(ng, ref), load_s, full_s


def start_ingest(ng, source, db, batch):
    return subprocess.Popen(ingest_cmd(ng, source, db.target(), batch), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=su.ENV)


def wait_for_documents(db, proc, n=1, timeout=120):
    """Polls until `db` holds at least n documents (True) or the run ended first (False)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        try:
            if db.exists() and db.has_schema() and int(db.rows("SELECT count(*) FROM documents")[0][0]) >= n:
                return True
        except (sqlite3.Error, RuntimeError):
            pass  # the schema is being created
        time.sleep(0.01)
    return False


def after_fault(ng, db, want, check, tag):
    """A database a failed run left: intact, consistent, readable, a prefix of the uninterrupted
    run. Returns how many documents it holds."""
    ic, keys, problems = state(db)
    check(ic == "ok", f"{tag}: integrity_check: {ic}")
    check(not problems, f"{tag}: " + "; ".join(problems))
    p = su.run(ng, "export", "--db", db.target(), "--format", "dump")
    check(p.returncode == 0, f"{tag}: the database left behind cannot be dumped: {p.stderr[-300:]}")
    bad = prefix_problems(p.stdout, want)
    check(not bad, f"{tag}: " + "; ".join(bad))
    return len(keys)


def rerun_equal(ng, db, source, batch, want, check, tag):
    p = subprocess.run(ingest_cmd(ng, source, db.target(), batch), capture_output=True, text=True, env=su.ENV,
                       timeout=600)
    check(p.returncode == 0, f"{tag}: rerun: rc {p.returncode}: {p.stderr[-400:]}")
    got = su.dump(ng, db.target())
    check(got == want, f"{tag}: after the rerun the database differs from an uninterrupted run: "
          + su.first_diff(want, got))


def start_postgres(tmp):
    """A throwaway PostgreSQL 15 server, or exit 77 (skip) saying why there is none."""
    try:
        return pgserver.PgServer().start()
    except pgserver.Unavailable as e:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"skip: {e}")
        sys.exit(77)


def kill_test(name, backend):
    """The body of test_kill_<backend>.py: argv[2] or NG_FAULT_KILLS kills (default 10) with seed
    NG_FAULT_SEED (default 18) against the database backend(tmp) makes (a Sqlite or a Postgres)."""
    ng, check, tmp = su.start(f"ng-fault-{name}-")
    kills = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("NG_FAULT_KILLS", "10"))
    seed = int(os.environ.get("NG_FAULT_SEED", "18"))
    db, stop = backend(tmp)
    try:
        src = make_input(tmp)
        want, load_s, full_s = reference(ng, tmp, src, 4, check)
        k, landed, cycles = kill_campaign(ng, db, src, 4, kills, seed, check, want, load_s, full_s)
        print(f"{name}: {k} SIGKILLs (seed {seed}), {landed} after some batch had committed, {cycles} complete "
              f"databases equal to the uninterrupted SQLite run (load {load_s:.2f}s, run {full_s:.2f}s)")
    finally:
        stop()
        shutil.rmtree(tmp, ignore_errors=True)
    check.finish(f"faults kill {name}")
