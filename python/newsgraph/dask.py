"""newsgraph on a Dask cluster: one task per input file (or per slice of a large per-record-gzip
WARC), each worker running the document pipeline into a shard database under `out/`, then one
merge, in input order, into a SQLite file or a PostgreSQL database. The result equals
`newsgraph ingest SOURCES --db DB` on one machine: the merge appends each shard as if its
documents had been ingested there in that order (ids, near-duplicate clusters, event clusters).

    >>> from dask.distributed import Client, LocalCluster
    >>> import newsgraph.dask
    >>> with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:
    ...     report = newsgraph.dask.process(["cc-news/"], "news.db", client=client, out="work/")

or from a shell:

    /usr/bin/python3 -m newsgraph.dask cc-news/*.warc.gz --db news.db --scheduler tcp://HOST:8786
    /usr/bin/python3 -m newsgraph.dask cc-news/ --db news.db --local 2

Resumable: `out/manifest.jsonl` records every finished shard and a rerun with the same `out`
skips them. A failing shard is retried by Dask (`retries`), then reported by name with its error;
the other shards' databases stay in `out/shards/`. Shards are merged in input order, so a failed
shard holds back the ones after it until a rerun finishes it. Workers must see `out/` (one
machine, or a shared file system): docs/SCALE.md.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
import uuid
import zlib

from . import _newsgraph as _ng
from . import InvalidArgumentError, _Value

__all__ = ["process", "plan", "merge", "run_shard", "Shard", "Report", "main"]

MANIFEST = "manifest.jsonl"


class Shard(_Value):
    """One task: name (the path as listed, "@offset" for a slice), path (absolute), start and end (a byte range of the file; end None =
    to its end), id (changes when the file does), db (its database file under out/shards)."""


class Report(_Value):
    """What process() did: shards, done (finished now), reused (finished by an earlier run),
    failed (list of {"name", "error"}), merged (shards merged into db, in order), unmerged (names
    held back behind a failed shard), documents (appended to db by this run), seconds, per_shard
    (name -> the shard's ingest counts, seconds, worker pid and peak RSS in bytes)."""


# ---- Planning: sources -> shards ---------------------------------------------------------------
def _member_start(f, pos: int, limit: int) -> int | None:
    """The first offset in [pos, limit) where a gzip member holding a WARC record begins."""
    f.seek(pos)
    buf = f.read(min(limit - pos, 8 << 20) + 2)
    i = 0
    while True:
        i = buf.find(b"\x1f\x8b\x08", i)
        if i < 0 or pos + i >= limit:
            return None
        d = zlib.decompressobj(31)
        try:
            head = d.decompress(buf[i:i + 65536], 8)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/1."):
            return pos + i
        i += 1


def _slices(path: str, size: int, split_bytes: int):
    """Byte ranges of a per-record-gzip WARC cut at gzip members near every split_bytes, or None
    when the file cannot be cut (plain or whole-file gzip WARC, or small)."""
    if split_bytes <= 0 or size <= split_bytes:
        return None
    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return None
        second = _member_start(f, 1, min(size, 1 << 30))  # a second member: gzip per record
        if second is None:
            return None
        cuts = [0]
        target = split_bytes
        while target < size:
            c = _member_start(f, target, size)
            if c is None:
                break
            if c > cuts[-1]:
                cuts.append(c)
            target = c + split_bytes
    if len(cuts) < 2:
        return None
    return list(zip(cuts, cuts[1:] + [None]))


def plan(sources, split_bytes: int = 256 << 20) -> list:
    """The shards of a run, in input order: every file `newsgraph ingest SOURCES` would read (in
    its order), a per-record-gzip WARC larger than split_bytes cut at gzip members (0: never)."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    files = _ng.expand_sources([os.fspath(s) for s in sources])
    shards = []
    for path in files:
        if path == "-" or "://" in path:
            raise InvalidArgumentError(f"{path}: a distributed run reads files; fetch URLs and stdin with "
                                       "`newsgraph ingest`")
        st = os.stat(path)
        full = os.path.abspath(path)
        ranges = _slices(full, st.st_size, split_bytes) or [(0, None)]
        for start, end in ranges:
            ident = f"{full}\0{st.st_size}\0{st.st_mtime_ns}\0{start}\0{end}"
            sid = hashlib.sha1(ident.encode("utf-8", "surrogateescape")).hexdigest()[:16]
            name = path + (f"@{start}" if len(ranges) > 1 else "")  # as given: unique, readable
            shards.append(Shard({"name": name, "path": full, "start": start, "end": end, "id": sid,
                                 "db": f"{len(shards):05d}-{sid}.db"}))
    return shards


# ---- The task a worker runs ---------------------------------------------------------------------
def _copy_range(src: str, dst: str, start: int, end: int | None) -> None:
    with open(src, "rb") as f, open(dst, "wb") as g:
        f.seek(start)
        left = None if end is None else end - start
        while left is None or left > 0:
            b = f.read(8 << 20 if left is None else min(8 << 20, left))
            if not b:
                break
            g.write(b)
            if left is not None:
                left -= len(b)


def _peak_rss() -> int:
    """This process' peak resident set (VmHWM), in bytes."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_shard(shard: dict, out: str, jobs: int = 1, batch: int = 256) -> dict:
    """Runs the pipeline over one shard into out/shards/<db> (what a Dask task does). The
    database appears under its final name only when complete, so a killed task leaves nothing
    that counts; a shard already there is not redone."""
    from . import ingest
    final = os.path.join(out, "shards", shard["db"])
    if os.path.exists(final):
        return {"reused": True, "worker": os.getpid(), "peak_rss": _peak_rss()}
    tmp = f"{final}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    source, piece = shard["path"], None
    if shard["start"] or shard["end"] is not None:
        piece = tmp + ".warc.gz"  # a run of whole gzip members is a WARC file itself
        _copy_range(shard["path"], piece, shard["start"], shard["end"])
        source = piece
    t0 = time.monotonic()
    try:
        r = ingest([source], db=tmp, jobs=jobs, progress=False, batch=batch)
        # A rollback journal instead of WAL: the merge then reads the file without making -wal
        # and -shm files next to it.
        with contextlib.closing(sqlite3.connect(tmp)) as c:
            c.execute("PRAGMA journal_mode=DELETE")
        os.replace(tmp, final)
    finally:
        for p in (piece, tmp, tmp + "-wal", tmp + "-shm"):
            if p and os.path.exists(p):
                os.remove(p)
    d = r.to_dict()
    d["problems"] = d["problems"][:20]
    d.update(seconds=time.monotonic() - t0, worker=os.getpid(), peak_rss=_peak_rss(), reused=False)
    return d


def merge(shard_dbs, db, batch: int = 256) -> int:
    """Appends shard databases (SQLite files made by `newsgraph ingest FILE --db SHARD`, on any
    engine: Spark, Hadoop streaming, a batch queue) to `db` in the order given, as process() does;
    returns the number of documents added. Give the shards in input order to get the database
    one process would give; a shard merged again adds nothing."""
    if isinstance(shard_dbs, (str, os.PathLike)):
        shard_dbs = [shard_dbs]
    target = _ng.Db(os.fspath(db), False, batch)
    try:
        return sum(target.merge(os.fspath(s)) for s in shard_dbs)
    finally:
        target.close()


# ---- The manifest: finished and merged shards ----------------------------------------------------
def _read_manifest(out: str) -> dict:
    done = {}
    path = os.path.join(out, MANIFEST)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    e = json.loads(line)
                except ValueError:  # a line cut by a crash
                    continue
                if e.get("event") == "done":
                    done[e["id"]] = e
    return done


class _Manifest:
    def __init__(self, out: str):
        self._f = open(os.path.join(out, MANIFEST), "a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, **entry):
        entry["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self._lock:
            self._f.write(json.dumps(entry) + "\n")
            self._f.flush()
            os.fsync(self._f.fileno())

    def close(self):
        self._f.close()


# ---- The run ------------------------------------------------------------------------------------
def _progress_bar(futures, scheduler: str):
    """dask.distributed's text progress bar, drawn from a thread while the client merges."""
    from distributed.diagnostics.progressbar import TextProgressBar

    def draw():
        try:
            TextProgressBar(futures, scheduler=scheduler, complete=True)
        except Exception:  # the bar is a convenience; the run does not depend on it
            pass
    t = threading.Thread(target=draw, name="newsgraph-progress", daemon=True)
    t.start()
    return t


def _has_bokeh() -> bool:
    import importlib.util
    return importlib.util.find_spec("bokeh") is not None


def process(sources, db, client=None, out=None, retries: int = 2, split_bytes: int = 256 << 20,
            jobs: int = 1, batch: int = 256, progress: bool = True, log=None) -> Report:
    """Ingest `sources` into `db` (a SQLite file or a postgresql:// URL) on a Dask cluster.

    client: a dask.distributed Client (default: the current one, else a LocalCluster with one
    single-threaded worker per core). out: the working directory for shard databases and the
    manifest (default: `<db>.shards/` for a file, `newsgraph-shards/` for a URL); it must be
    visible to every worker. retries: Dask retries of a failing shard. jobs: pipeline threads per
    task. Returns a Report; shards that failed are in Report.failed (nothing is raised for them).
    """
    import distributed

    if retries < 0 or jobs < 1 or batch < 1:
        raise InvalidArgumentError("retries must be 0 or more, jobs and batch positive numbers")
    shards = plan(sources, split_bytes)
    db = os.fspath(db)
    if out is None:
        out = "newsgraph-shards" if "://" in db else db + ".shards"
    out = os.path.abspath(os.fspath(out))
    os.makedirs(os.path.join(out, "shards"), exist_ok=True)
    say = log or (lambda msg: print("newsgraph.dask: " + msg, file=sys.stderr, flush=True))
    for name in os.listdir(os.path.join(out, "shards")):  # left by tasks killed in an earlier run
        if ".tmp" in name:
            os.remove(os.path.join(out, "shards", name))

    owned = None
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError:
            owned = distributed.Client(distributed.LocalCluster(threads_per_worker=1))
            client = owned
    t0 = time.monotonic()
    manifest = _Manifest(out)
    futures = {}
    try:
        previous = _read_manifest(out)
        todo, per_shard = [], {}
        finished = set()
        for s in shards:
            if s.id in previous and os.path.exists(os.path.join(out, "shards", s.db)):
                finished.add(s.id)
                per_shard[s.name] = dict(previous[s.id].get("result", {}), reused=True)
            else:
                todo.append(s)
        reused = len(finished)
        has_dashboard = client.run_on_scheduler(_has_bokeh)  # without it the dashboard only says so
        say(f"{len(shards)} shards, {reused} finished by an earlier run; " +
            (f"dashboard: {client.dashboard_link}" if has_dashboard else
             "the scheduler serves no dashboard (it needs bokeh, which Debian 12 does not package)"))
        for i, s in enumerate(todo):
            f = client.submit(run_shard, s.to_dict(), out, jobs, batch,
                              key=f"newsgraph-shard-{s.db[:-3]}-{uuid.uuid4().hex[:6]}",
                              retries=retries, pure=False, priority=len(todo) - i)
            futures[f] = s
        if progress and futures:
            _progress_bar(list(futures), client.scheduler.address)

        target = _ng.Db(db, False, batch)
        merged, failed, appended = [], [], 0
        nxt = 0

        def merge_ready():
            nonlocal nxt, appended
            while nxt < len(shards) and shards[nxt].id in finished:
                s = shards[nxt]
                appended += target.merge(os.path.join(out, "shards", s.db))
                merged.append(s.name)
                nxt += 1

        merge_ready()
        failed_ids = set()
        for f in distributed.as_completed(list(futures)):
            s = futures[f]
            try:
                result = f.result()
            except Exception as e:  # the task's error after its retries, or KilledWorker
                failed.append({"name": s.name, "error": f"{type(e).__name__}: {e}"})
                failed_ids.add(s.id)
                manifest.write(event="failed", id=s.id, name=s.name, error=failed[-1]["error"])
                continue
            per_shard[s.name] = result
            finished.add(s.id)
            manifest.write(event="done", id=s.id, name=s.name, db=s.db, result=result)
            merge_ready()
        merge_ready()
        target.close()
        unmerged = [s.name for s in shards[nxt:] if s.id not in failed_ids]
        done = len(finished) - reused
        for e in failed:
            say(f"shard {e['name']} failed: {e['error']}")
        if failed and unmerged:
            say(f"{len(unmerged)} finished shards after the first failed one are kept in {out}/shards and merged "
                "when a rerun finishes it")
        return Report({"shards": len(shards), "done": done, "reused": reused, "failed": failed,
                       "merged": merged, "unmerged": unmerged, "documents": appended,
                       "seconds": time.monotonic() - t0, "per_shard": per_shard})
    except BaseException:
        # A merge error or an interrupt: stop the shards still queued (finished ones are kept).
        if futures and owned is None:
            client.cancel(list(futures))
        raise
    finally:
        manifest.close()
        if owned is not None:
            cluster = owned.cluster
            owned.close()
            cluster.close()


# ---- Command line -------------------------------------------------------------------------------
def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m newsgraph.dask",
                                description="Ingest news sources on a Dask cluster into one database "
                                            "(the same database `newsgraph ingest SOURCES --db` gives).")
    p.add_argument("sources", nargs="+", help="WARC files, directories, HTML or feed files "
                                              "(with --merge: shard databases, in input order)")
    p.add_argument("--db", required=True, help="target: a SQLite file or a postgresql:// URL")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--merge", action="store_true",
                       help="no cluster: append the shard databases SOURCES to --db, in the order given")
    where.add_argument("--scheduler", help="address of a running scheduler (tcp://HOST:8786)")
    where.add_argument("--local", type=int, metavar="N", help="start a local cluster of N worker processes")
    p.add_argument("--out", help="shard databases and manifest (default: DB.shards/); shared by all workers")
    p.add_argument("--retries", type=int, default=2, help="retries of a failing shard (default 2)")
    p.add_argument("--split-mb", type=int, default=256,
                   help="cut per-record-gzip WARC files larger than this into slices (0: never; default 256)")
    p.add_argument("--jobs", type=int, default=1, help="pipeline threads per task (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    a = p.parse_args(argv)
    if a.local is not None and a.local < 1:
        p.error("--local needs at least one worker")
    if a.jobs < 1 or a.retries < 0:
        p.error("--jobs must be positive and --retries not negative")

    from . import Error
    if a.merge:
        try:
            n = merge(a.sources, a.db)
        except Error as e:
            print(f"newsgraph.dask: {e}", file=sys.stderr)
            return 2
        print(f"newsgraph.dask: {n} documents added to {a.db} from {len(a.sources)} shards", file=sys.stderr)
        return 0

    import importlib

    import distributed
    # Tasks must name this module by its import path, not as __main__, for workers to load them.
    ng_dask = importlib.import_module("newsgraph.dask")
    if a.local:
        client = distributed.Client(distributed.LocalCluster(n_workers=a.local, threads_per_worker=1))
    else:
        client = distributed.Client(a.scheduler)
    try:
        r = ng_dask.process(a.sources, a.db, client=client, out=a.out, retries=a.retries, split_bytes=a.split_mb << 20,
                    jobs=a.jobs, progress=not a.quiet)
    except Error as e:
        print(f"newsgraph.dask: {e}", file=sys.stderr)
        return 2
    finally:
        cluster = client.cluster if a.local else None
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"newsgraph.dask: {r.shards} shards ({r.done} run now, {r.reused} from an earlier run, "
          f"{len(r.failed)} failed), {r.documents} documents added to {a.db} in {r.seconds:.1f} s", file=sys.stderr)
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
