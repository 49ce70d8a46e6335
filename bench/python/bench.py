#!/usr/bin/env python3
"""`make bench-python`: the Python module against the CLI, on one core and on two threads.

1. extract() pages/s over a bench set (default scrapinghub-aeb) vs `newsgraph extract --jobs 1`,
   both reading the same files, best of --repeat runs, CPU time of one core; target >= 90%.
2. extract() with 2 threads vs 1 thread (wall time; the GIL is released); target >= 1.7x.
3. RSS over 100,000 extract() calls on a small page: growth from call 10,000 to the end; target flat.
Each run also checks its results: the Python articles equal the CLI's JSONL.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def cli_run(ng_bin, pages):
    t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    p = subprocess.run([ng_bin, "extract", "--format", "jsonl", "--jobs", "1", "--quiet", *pages],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - w0
    t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (t1.ru_utime - t0.ru_utime) + (t1.ru_stime - t0.ru_stime)
    return cpu, wall, p.stdout


def py_run(ng, pages):
    c0, w0 = time.process_time(), time.perf_counter()
    out = [ng.extract(open(p, "rb").read()) for p in pages]
    return time.process_time() - c0, time.perf_counter() - w0, out


def threads_run(ng, pages, n):
    blobs = [open(p, "rb").read() for p in pages]
    c0, w0 = time.process_time(), time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        list(pool.map(ng.extract, blobs))
    wall = time.perf_counter() - w0
    return wall, (time.process_time() - c0) / wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsgraph", default=os.path.join(ROOT, "build", "release", "newsgraph"))
    ap.add_argument("--pages", default=os.path.join(ROOT, "..", "shared", "bench", "extraction", "scrapinghub-aeb", "html"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--calls", type=int, default=100000)
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(a.newsgraph), "python"))
    import newsgraph as ng
    if not os.path.isdir(a.pages):
        sys.exit(f"bench-python: no pages in {a.pages} (set BENCH_DIR)")
    pages = sorted(os.path.join(a.pages, f) for f in os.listdir(a.pages) if f.endswith((".html", ".htm")))
    n = len(pages)
    print(f"bench-python: {n} pages from {a.pages}; module {ng.__file__}")

    # 1. one core: CPU seconds, best of N (the CLI's process start and table loads are in its time)
    cli_best, py_best, cli_out, py_out = 1e9, 1e9, None, None
    for _ in range(a.repeat):
        cpu, wall, cli_out = cli_run(a.newsgraph, pages)
        cli_best = min(cli_best, cpu)
        cpu, wall, py_out = py_run(ng, pages)
        py_best = min(py_best, cpu)
    want = [json.loads(line) for line in cli_out.splitlines()]
    for w in want:
        w.pop("source"), w.pop("error")
    same = sum(x.to_dict() == y for x, y in zip(py_out, want))
    print(f"  check: {same}/{n} Python articles equal the CLI's JSONL")
    cli_ps, py_ps = n / cli_best, n / py_best
    ratio = py_ps / cli_ps
    print(f"1. one core (CPU time, best of {a.repeat}): CLI {cli_ps:.0f} pages/s, Python extract() {py_ps:.0f} pages/s"
          f" = {100 * ratio:.0f}% of the CLI (target >= 90%) {'MET' if ratio >= 0.9 else 'NOT MET'}")

    # 2. threads: wall time, 3 passes over the set per run, best of N
    big = pages * 3
    one, _ = min(threads_run(ng, big, 1) for _ in range(a.repeat))
    two, busy = min(threads_run(ng, big, 2) for _ in range(a.repeat))
    load = os.getloadavg()[0]
    print(f"2. threads (wall, best of {a.repeat}, {len(big)} pages): 1 thread {len(big) / one:.0f} pages/s, 2 threads "
          f"{len(big) / two:.0f} pages/s = {one / two:.2f}x (target >= 1.7x) {'MET' if one / two >= 1.7 else 'NOT MET'}"
          f"  [load average {load:.1f} on {os.cpu_count()} cores; 2 threads kept {busy:.2f} cores busy: "
          f"above 1.0 only if the GIL is released]")

    # 3. RSS over many calls on a small page
    small = open(min(pages, key=os.path.getsize), "rb").read()
    marks = {}
    for i in range(1, a.calls + 1):
        ng.extract(small)
        if i in (1000, a.calls // 10, a.calls // 2, a.calls):
            marks[i] = rss_mb()
    first, last = marks[a.calls // 10], marks[a.calls]
    print(f"3. RSS over {a.calls} extract() calls ({len(small)} byte page): "
          + ", ".join(f"{k}: {v:.1f} MB" for k, v in sorted(marks.items()))
          + f"; growth after call {a.calls // 10}: {last - first:+.1f} MB {'FLAT' if last - first < 2 else 'GROWS'}")


if __name__ == "__main__":
    main()
