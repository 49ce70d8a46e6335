#!/usr/bin/python3
"""Dask benchmark (issue 15, acceptance 3; not a test: slow).

  /usr/bin/python3 bench/dask/bench.py --newsgraph build/release/newsgraph [--size-mb 512] [--files 8]

Generates a WARC set of the bundled corpus/ pages repeated under unique URLs in /tmp/ng-bench/dask
(kept between runs, never committed; per-record gzip), then ingests it into SQLite four ways and
prints documents/s for each:
  cli-1, cli-2    `newsgraph ingest DIR --db … --jobs 1|2 --quiet` (wall time, peak RSS by wait4)
  dask-1, dask-2  newsgraph.dask.process on a LocalCluster of 1|2 single-threaded worker processes
                  (wall time of the whole run: planning, shards, ordered merge; the cluster's
                  start is timed apart), peak RSS of each worker (VmHWM, reported by the tasks)
and the ratios: dask-2 / dask-1 (target >= 1.7 on 2 cores), dask-N / cli-N (the overhead of Dask,
shard databases and the merge). Both databases hold the same documents (checked: canonical
dump digests equal, --no-check to skip). The machine's load average is printed with the numbers:
on a shared machine, 2 workers cannot reach 2x.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "ingest"))
import warcgen as wg  # noqa: E402


def generate(d, size, files):
    n = 0
    records = wg.corpus_responses(os.path.join(REPO, "corpus"))
    tmp = d + ".part"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for k in range(files):
        written = 0
        with open(os.path.join(tmp, f"part-{k:04d}.warc.gz"), "wb") as f:
            f.write(wg.gz(wg.record("warcinfo", b"software: newsgraph bench-dask\r\n"), 1))
            while written < size // files:
                data = wg.gz(next(records), 1)
                f.write(data)
                written += len(data)
                n += 1
    with open(os.path.join(tmp, "count"), "w") as f:
        f.write(str(n))
    os.rename(tmp, d)


def rm_db(db):
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p):
            os.remove(p)


def dump_digest(ng, db):
    h = hashlib.sha1()
    p = subprocess.Popen([ng, "export", "--db", db, "--format", "dump"], stdout=subprocess.PIPE)
    for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
        h.update(chunk)
    if p.wait() != 0:
        raise SystemExit(f"export of {db} failed")
    return h.hexdigest()


def run_cli(ng, src, db, jobs):
    rm_db(db)
    t = time.monotonic()
    p = subprocess.Popen([ng, "ingest", src, "--db", db, "--jobs", str(jobs), "--quiet"], stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"newsgraph ingest --jobs {jobs} failed: {err.decode(errors='replace')[-800:]}")
    return {"seconds": time.monotonic() - t, "rss_mb": [ru.ru_maxrss / 1024]}


def warm():
    import newsgraph
    newsgraph._models(True)


def run_dask(src, db, workers, out):
    import distributed

    import newsgraph.dask as nd
    rm_db(db)
    shutil.rmtree(out, ignore_errors=True)
    t = time.monotonic()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    client = distributed.Client(cluster)
    client.run(warm)  # the tables load once per worker process
    start = time.monotonic() - t
    try:
        t = time.monotonic()
        r = nd.process([src], db, client=client, out=out, progress=False)
        secs = time.monotonic() - t
    finally:
        client.close()
        cluster.close()
    if r.failed:
        raise SystemExit(f"dask run with {workers} workers: failed shards {r.failed}")
    rss = {}
    for v in r.per_shard.values():
        rss[v["worker"]] = max(rss.get(v["worker"], 0), v["peak_rss"])
    busy = sum(v["seconds"] for v in r.per_shard.values())
    return {"seconds": secs, "start": start, "rss_mb": sorted(x / 2**20 for x in rss.values()), "task_seconds": busy}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsgraph", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--size-mb", type=int, default=512)
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--dir", default="/tmp/ng-bench/dask")
    ap.add_argument("--no-check", action="store_true", help="skip the dump comparison")
    ap.add_argument("--only", default="cli-1,cli-2,dask-1,dask-2")
    args = ap.parse_args()
    # The module next to the binary (build/<type>/python), for this process and the workers.
    pydir = os.path.join(os.path.dirname(os.path.abspath(args.newsgraph)), "python")
    sys.path.insert(0, pydir)
    os.environ["PYTHONPATH"] = os.pathsep.join([pydir] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    src = os.path.join(args.dir, f"warc-{args.size_mb}mb-{args.files}")
    if not os.path.exists(src):
        t = time.monotonic()
        os.makedirs(args.dir, exist_ok=True)
        generate(src, args.size_mb << 20, args.files)
        print(f"generated {src} in {time.monotonic() - t:.0f} s", flush=True)
    docs = int(open(os.path.join(src, "count")).read())
    mb = sum(os.path.getsize(os.path.join(src, f)) for f in os.listdir(src) if f.endswith(".warc.gz")) / 1e6
    print(f"input: {args.files} WARC files, {mb:.0f} MB (gzip per record), {docs} documents; "
          f"load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores", flush=True)
    res, dbs = {}, {}
    for name in args.only.split(","):
        kind, n = name.split("-")
        db = os.path.join(args.dir, f"{name}.db")
        if kind == "cli":
            res[name] = run_cli(args.newsgraph, src, db, int(n))
        else:
            res[name] = run_dask(src, db, int(n), os.path.join(args.dir, f"{name}.shards"))
        dbs[name] = db
        r = res[name]
        extra = f", cluster start {r['start']:.1f} s, task time {r['task_seconds']:.0f} s" if "start" in r else ""
        print(f"{name:7s} {r['seconds']:8.1f} s {docs / r['seconds']:8.1f} docs/s  peak RSS "
              f"{', '.join(f'{x:.0f}' for x in r['rss_mb'])} MB{extra}  (load {os.getloadavg()[0]:.2f})", flush=True)

    def ratio(a, b, with_start=False):
        if a in res and b in res:
            ta = res[a]["seconds"] + (res[a].get("start", 0) if with_start else 0)
            print(f"{a}{' with its cluster start' if with_start else ''} / {b}: "
                  f"{res[b]['seconds'] / ta:.2f}x the documents/s")
    ratio("dask-2", "dask-1")
    ratio("cli-2", "cli-1")
    # The CLI's time includes loading the tables; a cluster loads them at its start.
    for n in ("1", "2"):
        ratio("dask-" + n, "cli-" + n)
        ratio("dask-" + n, "cli-" + n, with_start=True)
    if not args.no_check and len(dbs) > 1:
        digests = {n: dump_digest(args.newsgraph, db) for n, db in dbs.items()}
        same = len(set(digests.values())) == 1
        print("canonical dumps: " + ("all equal" if same else f"DIFFER {digests}"))
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
