#!/usr/bin/python3
"""Ingest benchmark: flat memory and parallel speed-up on a generated WARC (not a test: slow).

  /usr/bin/python3 bench/ingest/bench.py --newsgraph build/release/newsgraph [--size-gb 2] [--gzip]

Generates a WARC of the bundled corpus/ pages repeated under unique URLs in /tmp/ng-bench/ (kept
between runs, never committed), then runs `newsgraph ingest FILE --jobs N --quiet` for N = 1 and 2,
measuring wall time and the peak RSS of that process (wait4), and checks the results: every record
became one line, and both runs printed byte-identical output (input order kept).
Targets (issue 4): peak RSS < 300 MB; jobs 2 / jobs 1 throughput >= 1.7 on this 2-core machine.
"""
import argparse
import hashlib
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "ingest"))
import warcgen as wg  # noqa: E402


def generate(path, size, gz):
    n = 0
    written = 0
    tmp = path + ".part"
    records = wg.corpus_responses(os.path.join(REPO, "corpus"))
    with open(tmp, "wb") as f:
        f.write(wg.record("warcinfo", b"software: newsgraph bench\r\n"))
        while written < size:
            rec = next(records)
            data = wg.gz(rec, 1) if gz else rec
            f.write(data)
            written += len(data)
            n += 1
    os.rename(tmp, path)
    with open(path + ".count", "w") as f:
        f.write(str(n))


def file_sha1(path):
    # In chunks: reading the whole output would grow this process by its size, and the next
    # child's ru_maxrss would count that inherited memory (fork happens before exec).
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run(ng, path, jobs, out_path):
    t = time.monotonic()
    with open(out_path, "wb") as out:
        p = subprocess.Popen([ng, "ingest", path, "--jobs", str(jobs), "--quiet"], stdout=out, stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
    secs = time.monotonic() - t
    return secs, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err.decode(errors="replace"), ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsgraph", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--size-gb", type=float, default=2.0)
    ap.add_argument("--gzip", action="store_true", help="gzip per record (4-5x more HTML per GB: slower)")
    ap.add_argument("--dir", default="/tmp/ng-bench")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    size = int(args.size_gb * 1024 ** 3)
    path = os.path.join(args.dir, f"bench-{args.size_gb:g}g.warc" + (".gz" if args.gzip else ""))
    if not os.path.exists(path):
        t = time.monotonic()
        generate(path, size, args.gzip)
        print(f"generated {path} ({os.path.getsize(path) / 1e9:.2f} GB) in {time.monotonic() - t:.0f} s", flush=True)
    records = int(open(path + ".count").read())
    mb = os.path.getsize(path) / 1e6
    results = {}
    for jobs in (1, 2):
        out = os.path.join(args.dir, f"out-j{jobs}.jsonl")
        load = os.getloadavg()[0]
        secs, rss, code, err, cpu = run(args.newsgraph, path, jobs, out)
        lines = sum(1 for _ in open(out, "rb"))
        digest = file_sha1(out)
        results[jobs] = (secs, rss, digest, cpu)
        print(f"jobs {jobs}: {secs:7.1f} s  {mb / secs:6.1f} MB/s  {records / secs:7.1f} records/s  peak RSS {rss:6.1f} MB  "
              f"CPU {cpu:6.1f} s  exit {code}  {lines} lines  (load before: {load:.1f})", flush=True)
        if code != 0 or lines != records:
            print(f"  problem: expected {records} lines and exit 0; stderr: {err[-400:]}")
        os.remove(out)
    s1, s2 = results[1][0], results[2][0]
    same = results[1][2] == results[2][2]
    worst_rss = max(r[1] for r in results.values())
    # On a shared machine wall time depends on the other load; CPU seconds per run do not: with
    # c1, c2 the CPU seconds, 2 * c1 / c2 is the speed-up two idle cores would give.
    c1, c2 = results[1][3], results[2][3]
    print(f"CPU-bound speed-up on 2 idle cores (2 x cpu1 / cpu2): {2 * c1 / c2:.2f}x")
    print(f"speed-up jobs 2 / jobs 1: {s1 / s2:.2f}x (target >= 1.7)   peak RSS {worst_rss:.0f} MB (target < 300)   "
          f"outputs identical: {same}   cores: {os.cpu_count()}  load: {os.getloadavg()[0]:.1f}")
    return 0 if same and worst_rss < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
