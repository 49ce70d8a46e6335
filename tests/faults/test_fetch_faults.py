#!/usr/bin/python3
"""Network faults mid-fetch (issue 18): a local HTTP server on 127.0.0.1 whose chosen URLs fail —
the connection reset before any answer, reset halfway through the body, a body that stalls longer
than --timeout-ms, a body cut short (Content-Length promises more, then the connection closes).
Each must cost that URL only: `newsgraph ingest --urls` gives every other page exactly as a run
without faults does and reports each failed URL (exit 1); `newsgraph fetch --warc` archives every
other page (read back: the same articles) and reports each failed URL (exit 1).
Usage: test_fetch_faults.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import socket
import socketserver
import struct
import sys
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

NG, check, tmp = fu.su.start("ng-fault-fetch-")
PAGES = fu.su.corpus_pages()
FAULTS = ["reset", "reset-mid", "stall", "truncated"]
STALL_S = 6


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        s = self.request
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1].decode()
        kind, _, name = path.strip("/").partition("/")
        if kind == "robots.txt" or name not in PAGES:
            return self.send(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        body = open(os.path.join(fu.su.CORPUS, name), "rb").read()
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n").encode()
        if kind == "page":
            return self.send(head + body)
        if kind == "reset":
            return self.reset()
        self.send(head + body[:len(body) // 2], close=False)
        if kind == "reset-mid":
            return self.reset()
        if kind == "stall":
            time.sleep(STALL_S)
        s.close()  # truncated: a clean close with half the promised body

    def send(self, b, close=True):
        try:
            self.request.sendall(b)
        except OSError:
            pass
        if close:
            self.request.close()

    def reset(self):  # SO_LINGER 0: close() sends RST
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.request.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


srv = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{srv.server_address[1]}"
FLAGS = ["--timeout-ms", "2000", "--retries", "1", "--backoff-ms", "50", "--delay-ms", "0", "--per-host", "4",
         "--jobs", "4", "--quiet"]


def urls_file(name, urls):
    p = os.path.join(tmp, name)
    with open(p, "w") as f:
        f.write("\n".join(urls) + "\n")
    return p


def articles(jsonl):
    """{url: the line without what depends on the fetch} of `ingest` JSONL output."""
    out = {}
    for line in jsonl.splitlines():
        d = json.loads(line)
        if d.get("error") is None:
            out[d.get("record_url") or d["url"]] = {k: v for k, v in d.items() if k not in ("source", "fetch_time")}
    return out


try:
    good = [f"{base}/page/{n}" for n in PAGES]
    p = fu.su.run(NG, "ingest", "--urls", urls_file("good.txt", good), *FLAGS, timeout=300)
    check(p.returncode == 0, f"run without faults: rc {p.returncode}: {p.stderr[-400:]}")
    want = articles(p.stdout)
    check(sorted(want) == sorted(good), f"run without faults: {len(want)} of {len(good)} pages")

    # Every fault on its own page, interleaved with the good pages.
    bad = [f"{base}/{k}/{PAGES[i]}" for i, k in enumerate(FAULTS)]
    mixed = []
    for i, u in enumerate(good):
        mixed.append(u)
        if i < len(bad):
            mixed.append(bad[i])
    t0 = time.monotonic()
    p = fu.su.run(NG, "ingest", "--urls", urls_file("mixed.txt", mixed), *FLAGS, timeout=300)
    secs = time.monotonic() - t0
    check(p.returncode == 1, f"ingest with faults: rc {p.returncode}, want 1: {p.stderr[-400:]}")
    got = articles(p.stdout)
    check(got == want, f"ingest with faults: {len(got)} good pages, want {len(want)}; differing: "
          f"{sorted(u for u in set(got) | set(want) if got.get(u) != want.get(u))[:3]}")
    for u in bad:
        check(sum(u in line for line in p.stderr.splitlines()) >= 1, f"ingest: {u} failed unreported: {p.stderr[-600:]}")
    check(f"{len(bad)} failed" in p.stderr, f"ingest: the summary does not count {len(bad)} failures: {p.stderr[-300:]}")
    print(f"ingest: {len(bad)} faults ({', '.join(FAULTS)}) among {len(good)} pages: {len(got)} pages equal to "
          f"the run without faults, {len(bad)} reported, {secs:.1f} s")

    # The same list archived by `newsgraph fetch`, then read back.
    warc = os.path.join(tmp, "out.warc.gz")
    p = fu.su.run(NG, "fetch", "--urls", os.path.join(tmp, "mixed.txt"), "--warc", warc, "--timeout-ms", "2000",
                  "--retries", "1", "--backoff-ms", "50", "--delay-ms", "0", "--per-host", "4", "--jobs", "4",
                  timeout=300)
    check(p.returncode == 1, f"fetch with faults: rc {p.returncode}, want 1: {p.stderr[-400:]}")
    for u in bad:
        check(any(u in line for line in p.stderr.splitlines()), f"fetch: {u} failed unreported: {p.stderr[-600:]}")
    r = fu.su.run(NG, "ingest", warc, "--quiet", "--jobs", "2")
    check(r.returncode == 0, f"reading the archive back: rc {r.returncode}: {r.stderr[-400:]}")
    back = articles(r.stdout)
    check(back == want, f"fetch with faults: the archive holds {len(back)} pages equal to the run without faults' "
          f"{len(want)}? differing: {sorted(u for u in set(back) | set(want) if back.get(u) != want.get(u))[:3]}")
    print(f"fetch --warc: {len(back)} pages archived equal, {len(bad)} reported")
finally:
    srv.shutdown()
    srv.server_close()
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("faults fetch")
