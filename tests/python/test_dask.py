"""newsgraph.dask on a real LocalCluster (2 worker processes): WARC shards made from the bundled
corpus give the canonical dump of `newsgraph ingest corpus/ --db` (SQLite, and PostgreSQL when a
server can be started), also when a worker is killed mid-run, when the whole run is killed and
resumed (finished shards are not redone), when a shard fails (reported by name, the others kept)
and when a large per-record-gzip WARC is cut into slices at gzip members."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import CORPUS, ROOT

distributed = pytest.importorskip(
    "distributed", reason="python3-distributed is not installed (apt-get install python3-distributed)")
import warcgen as wg  # noqa: E402

PAGES = sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))
PY = "/usr/bin/python3"


def write_warc(path, names, gzip_members=True, site="https://corpus.example/page/"):
    with open(path, "wb") as f:
        for rec in [wg.record("warcinfo", b"software: test_dask\r\n")] + [
                wg.response(site + n, open(os.path.join(CORPUS, n), "rb").read()) for n in names]:
            f.write(wg.gz(rec) if gzip_members else rec)


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """One WARC per corpus page, in the corpus' order (names sort as the pages do); every other one
    gzip per record, the rest plain."""
    d = tmp_path_factory.mktemp("shards")
    for i, n in enumerate(PAGES):
        write_warc(str(d / f"part-{i:03d}.warc{'.gz' if i % 2 == 0 else ''}"), [n], gzip_members=i % 2 == 0)
    return str(d)


@pytest.fixture(scope="module")
def mirrored(cli, tmp_path_factory):
    """Shards where pages come back under other sites' URLs in later shards: near-duplicate and
    event clusters span shards. With the dump of `newsgraph ingest SHARDS --db` on one process."""
    d = tmp_path_factory.mktemp("mirrored")
    write_warc(str(d / "a.warc.gz"), PAGES[0:6])
    write_warc(str(d / "b.warc"), PAGES[3:10], gzip_members=False, site="https://mirror.example/")
    write_warc(str(d / "c.warc.gz"), PAGES[9:] + PAGES[0:3], site="https://other.example/news/")
    db = str(tmp_path_factory.mktemp("mref") / "ref.db")
    cli("ingest", str(d), "--db", db, "--quiet")
    import sqlite3
    with sqlite3.connect(db) as c:
        dups = c.execute("SELECT count(*) FROM articles WHERE dup_of <> id").fetchone()[0]
        shared = c.execute("SELECT count(*) FROM event_clusters WHERE num_articles > 1").fetchone()[0]
    assert dups >= 6 and shared >= 5, (dups, shared)  # the cases the merge must get right are there
    return str(d), cli("export", "--db", db, "--format", "dump").stdout


@pytest.fixture(scope="module")
def want(cli, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("ref") / "ref.db")
    cli("ingest", CORPUS, "--db", db, "--quiet")
    dump = cli("export", "--db", db, "--format", "dump").stdout
    assert dump.count("\n") > 500 and "## events" in dump
    return dump


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def dump(ng, db):
    with ng.open_db(db) as s:
        return s.dump()


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}:\n  {x[:200]}\n  {y[:200]}"
    return f"{a.count(chr(10))} vs {b.count(chr(10))} lines"


def shard_files(out):
    d = os.path.join(out, "shards")
    return {n: os.stat(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(".db")}


def test_plan_follows_ingest_order(ng, shards):
    import newsgraph.dask as nd
    p = nd.plan([shards])
    assert [s.name for s in p] == [os.path.join(shards, n) for n in sorted(os.listdir(shards))]
    assert len({s.id for s in p}) == len(p) == len(PAGES)
    with pytest.raises(ng.NotFoundError):
        nd.plan([os.path.join(shards, "missing.warc.gz")])


def test_equals_single_process_ingest(ng, shards, want, client, tmp_path):
    import newsgraph.dask as nd
    db, out = str(tmp_path / "news.db"), str(tmp_path / "work")
    r = nd.process([shards], db, client=client, out=out, progress=False)
    assert r.failed == [] and r.done == len(PAGES) and r.reused == 0
    assert r.merged == [os.path.join(shards, n) for n in sorted(os.listdir(shards))] and r.unmerged == []
    assert r.documents == len(PAGES)
    got = dump(ng, db)
    assert got == want, first_diff(want, got)
    assert {v["worker"] for v in r.per_shard.values()} and all(v["peak_rss"] > 0 for v in r.per_shard.values())
    # A rerun finds every shard in the manifest and adds nothing.
    before = shard_files(out)
    r2 = nd.process([shards], db, client=client, out=out, progress=False)
    assert (r2.done, r2.reused, r2.documents) == (0, len(PAGES), 0)
    assert shard_files(out) == before
    assert dump(ng, db) == want
    # The shards merged again by the command line's --merge (what a Spark or Hadoop job would run).
    names = sorted(shard_files(out))
    again = str(tmp_path / "again.db")
    p = subprocess.run([PY, "-m", "newsgraph.dask", "--merge", *[os.path.join(out, "shards", n) for n in names],
                        "--db", again], env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert f"{len(PAGES)} documents added" in p.stderr
    assert dump(ng, again) == want


def test_clusters_across_shards(ng, mirrored, client, tmp_path):
    import newsgraph.dask as nd
    src, ref = mirrored
    db = str(tmp_path / "news.db")
    r = nd.process([src], db, client=client, out=str(tmp_path / "work"), progress=False)
    assert r.failed == [] and r.done == 3
    got = dump(ng, db)
    assert got == ref, first_diff(ref, got)


def test_postgres_target(ng, shards, want, mirrored, client, tmp_path):
    sys.path.insert(0, os.path.join(ROOT, "tests", "store"))
    import pgserver
    import newsgraph.dask as nd
    try:
        pg = pgserver.PgServer().start()
    except pgserver.Unavailable as e:
        pytest.skip(f"no PostgreSQL test server: {e}")
    try:
        uri = pg.create_db("dask")
        r = nd.process([shards], uri, client=client, out=str(tmp_path / "work"), progress=False)
        assert r.failed == [] and r.documents == len(PAGES)
        got = dump(ng, uri)
        assert got == want, first_diff(want, got)
        uri = pg.create_db("mirrored")
        r = nd.process([mirrored[0]], uri, client=client, out=str(tmp_path / "work2"), progress=False)
        assert r.failed == []
        got = dump(ng, uri)
        assert got == mirrored[1], first_diff(mirrored[1], got)
        # The summary tables (schema 004) followed the merges: clusters of several shards grew.
        from conftest import _binary
        bench = os.path.join(os.path.dirname(_binary() or "."), "bench", "store", "ng_bench_store")
        if not os.path.exists(bench):
            pytest.skip(f"needs {bench} (the bench targets) to check the summary tables")
        for u in (pg.uri("dask"), uri):
            c = subprocess.run([bench, "--db", u, "--check-rollups"], capture_output=True, text=True, timeout=120)
            assert c.returncode == 0, c.stdout + c.stderr
    finally:
        pg.stop()


def test_killed_worker(ng, shards, want, client, tmp_path):
    """SIGKILL one worker process while it runs a shard: Dask reruns its task elsewhere (the nanny
    restarts the worker); the result is still equal and holds every document once."""
    import newsgraph.dask as nd
    db, out = str(tmp_path / "news.db"), str(tmp_path / "work")
    pids = client.run(os.getpid)
    result, killed = {}, {}

    def run():
        result["r"] = nd.process([shards], db, client=client, out=out, progress=False)
    t = threading.Thread(target=run)
    t.start()
    deadline = time.monotonic() + 120
    while not killed and t.is_alive() and time.monotonic() < deadline:
        busy = {w: keys for w, keys in client.processing().items() if any("newsgraph-shard" in str(k) for k in keys)}
        finished = len(shard_files(out)) if os.path.isdir(os.path.join(out, "shards")) else 0
        if busy and finished >= 1:
            w = sorted(busy)[0]
            killed = {"pid": pids[w], "finished": finished, "keys": busy[w]}
            os.kill(pids[w], signal.SIGKILL)
        time.sleep(0.01)
    t.join(180)
    assert killed, "the run ended before a worker could be killed mid-run"
    assert 1 <= killed["finished"] < len(PAGES)
    r = result["r"]
    assert r.failed == [] and r.done == len(PAGES) and r.documents == len(PAGES)
    assert killed["pid"] not in client.run(os.getpid).values()  # the killed process is gone
    got = dump(ng, db)
    assert got == want, first_diff(want, got)
    assert len(shard_files(out)) == len(PAGES)


def test_interrupted_run_resumes(ng, shards, want, client, tmp_path):
    """Kill the whole run (client, scheduler and workers of `python3 -m newsgraph.dask --local 2`)
    after some shards finished; a rerun (on the test's cluster, through --scheduler) skips them."""
    db, out = str(tmp_path / "news.db"), str(tmp_path / "work")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    cmd = [PY, "-m", "newsgraph.dask", shards, "--db", db, "--out", out, "--quiet"]
    p = subprocess.Popen(cmd + ["--local", "2"], env=env, start_new_session=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    manifest = os.path.join(out, "manifest.jsonl")
    deadline = time.monotonic() + 120

    def done_ids():
        if not os.path.exists(manifest):
            return set()
        return {json.loads(line)["id"] for line in open(manifest) if '"event": "done"' in line}
    while p.poll() is None and len(done_ids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(30)
    finished = done_ids()
    assert 2 <= len(finished) < len(PAGES), f"interrupted with {len(finished)} of {len(PAGES)} shards done"
    before = {n: (s.st_ino, s.st_mtime_ns) for n, s in shard_files(out).items()}
    assert len(before) >= len(finished)

    q = subprocess.run(cmd + ["--scheduler", client.scheduler.address], env=env, capture_output=True, text=True,
                       timeout=300)
    assert q.returncode == 0, q.stderr[-2000:]
    assert f"{len(finished)} from an earlier run" in q.stderr, q.stderr[-600:]
    after = {n: (s.st_ino, s.st_mtime_ns) for n, s in shard_files(out).items()}
    redone = [n for n in before if after.get(n) != before[n]]
    assert redone == [], f"finished shards were redone: {redone}"
    assert len(after) == len(PAGES)
    got = dump(ng, db)
    assert got == want, first_diff(want, got)


def test_failed_shard_is_reported_and_the_rest_kept(ng, shards, want, client, tmp_path):
    """A shard whose file disappears after planning fails on every retry: reported by name with the
    error; the shards before it are merged, the ones after kept; restoring it and rerunning
    completes the same database."""
    import shutil

    import newsgraph.dask as nd
    src = tmp_path / "src"
    shutil.copytree(shards, src)
    names = [os.path.join(src, n) for n in sorted(os.listdir(src))]
    victim = os.path.basename(names[4])
    stash = str(tmp_path / victim)
    db, out = str(tmp_path / "news.db"), str(tmp_path / "work")

    def log(msg):
        if "shards," in msg and os.path.exists(src / victim):
            shutil.move(str(src / victim), stash)
    r = nd.process([str(src)], db, client=client, out=out, progress=False, retries=1, log=log)
    assert [f["name"] for f in r.failed] == [names[4]]
    assert "NotFoundError" in r.failed[0]["error"] and victim in r.failed[0]["error"]
    assert r.merged == names[:4] and r.unmerged == names[5:]
    assert len(shard_files(out)) == len(PAGES) - 1
    shutil.move(stash, str(src / victim))
    r2 = nd.process([str(src)], db, client=client, out=out, progress=False)
    assert r2.failed == [] and r2.done == 1 and r2.reused == len(PAGES) - 1
    got = dump(ng, db)
    assert got == want, first_diff(want, got)


def test_large_warc_is_cut_at_gzip_members(ng, want, client, tmp_path):
    import newsgraph.dask as nd
    big = str(tmp_path / "all.warc.gz")
    write_warc(big, PAGES)
    size = os.path.getsize(big)
    p = nd.plan([big], split_bytes=size // 5)
    assert 4 <= len(p) <= 6
    starts = [s.start for s in p]
    assert starts[0] == 0 and starts == sorted(starts) and [s.end for s in p[:-1]] == starts[1:] and p[-1].end is None
    with open(big, "rb") as f:
        for s in starts:
            f.seek(s)
            assert f.read(2) == b"\x1f\x8b"
    assert nd.plan([big], split_bytes=0)[0].end is None and len(nd.plan([big], split_bytes=0)) == 1
    db = str(tmp_path / "news.db")
    r = nd.process([big], db, client=client, out=str(tmp_path / "work"), progress=False, split_bytes=size // 5)
    assert r.failed == [] and r.done == len(p) and r.documents == len(PAGES)
    got = dump(ng, db)
    assert got == want, first_diff(want, got)
