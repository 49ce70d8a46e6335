#!/usr/bin/python3
"""The polite fetcher against a real HTTP server on 127.0.0.1 (tests/ingest/ngserver.py).

One `newsgraph ingest` run over pages, an RSS and an Atom feed, a robots.txt-forbidden path, a slow
endpoint, a 500 that recovers, a 429 with Retry-After, a 429 asking for an hour, a 503 that never
recovers, a redirect loop, redirect chains under and over the cap, a 50 MB body (with and without
Content-Length), a gzip-encoded page and an image; then `newsgraph fetch --warc` twice with an
ETag cache (the second run must send If-None-Match and skip the 304), and the archive read back.
Usage: test_fetch.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ngserver import NgServer  # noqa: E402

NG = sys.argv[1] if len(sys.argv) > 1 else ""
if not os.path.exists(NG):
    sys.exit(77)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
ENV = dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
    ENV.pop(k, None)
UA = "ngtest/1.0 (+https://example.invalid/bot)"
FLAGS = ["--user-agent", UA, "--delay-ms", "150", "--timeout-ms", "1500", "--retries", "3",
         "--backoff-ms", "100", "--max-bytes", "2000000", "--jobs", "2", "--quiet"]


def check(cond, msg):
    if not cond:
        failures.append(msg)


def run(args, timeout=60):
    t = time.monotonic()
    p = subprocess.run([NG] + args, capture_output=True, timeout=timeout, env=ENV)
    return p, time.monotonic() - t


srv = NgServer(os.path.join(REPO, "corpus")).start()
tmp = tempfile.mkdtemp(prefix="ng-fetch-")
t0 = time.monotonic()
try:
    names = srv.page_names()
    u = srv.url
    pages = [u("/page/" + n) for n in names[:3]]
    listed = ["/slow", "/flaky", "/busy", "/busy-long", "/always500", "/loop/a", "/chain/3", "/chain/9",
              "/big", "/big-chunked", "/gz/page.html", "/image.png"]
    with open(os.path.join(tmp, "urls.txt"), "w") as f:
        f.write("# test list\n\n" + "\n".join(u(p) for p in listed) + "\n")
    secret = u("/private/" + names[0])
    proc, secs = run(["ingest"] + pages + [u("/feed.rss"), u("/feed.atom"), secret, "--urls",
                                            os.path.join(tmp, "urls.txt")] + FLAGS)
    err = proc.stderr.decode(errors="replace")
    lines = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]

    def find(url):
        return [l for l in lines if l.get("record_url") == url or l.get("source") == url]

    def one(url):
        got = find(url)
        check(len(got) == 1, f"{url}: expected one line, got {len(got)}")
        return got[0] if got else {}

    direct = {}
    for n in names[:5]:
        p = subprocess.run([NG, "extract", os.path.join(REPO, "corpus", n), "--url", u("/page/" + n), "--format", "json"],
                           capture_output=True, env=ENV)
        direct[n] = json.loads(p.stdout)

    # Pages, in input order, equal to extracting the file directly.
    for i, n in enumerate(names[:3]):
        got = lines[i] if i < len(lines) else {}
        check(got.get("record_url") == pages[i] and got.get("error") is None, f"line {i}: {got.get('record_url')} {got.get('error')}")
        check(got.get("title") == direct[n]["title"] and got.get("text") == direct[n]["text"], f"{n}: article differs from direct extraction")
    # Feeds: RSS relative links resolved against the feed URL, Atom against xml:base.
    for n in names[:3]:
        got = [l for l in lines if l.get("source") == u("/feed.rss") and l.get("record_url") == u("/page/" + n)]
        check(len(got) == 1 and got[0].get("error") is None, f"rss item {n}: {got}")
    for n in names[3:5]:
        got = [l for l in lines if l.get("source") == u("/feed.atom") and l.get("record_url") == u("/page/" + n)]
        check(len(got) == 1 and got[0].get("error") is None and got[0].get("title") == direct[n]["title"], f"atom item {n}: {got}")
    # robots.txt: fetched once per host, the forbidden path never requested.
    s = one(secret)
    check("robots.txt" in (s.get("error") or "") and "disallows" in s.get("error", ""), f"robots: {s.get('error')}")
    check(not [e for e in srv.log if e[0].startswith("/private/")], "a robots-forbidden path was requested")
    check(len(srv.requests("/robots.txt")) == 1, f"robots.txt fetched {len(srv.requests('/robots.txt'))} times")
    # User agent on every request; politeness: one request at a time, about 150 ms apart.
    check(all(e[2].get("User-Agent") == UA for e in srv.log), "a request without the configured User-Agent")
    starts = sorted(e[1] for e in srv.log)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # Server-side arrival times jitter on a loaded machine: allow a third of the delay.
    check(min(gaps) >= 0.10, f"politeness: two requests {min(gaps) * 1000:.0f} ms apart (delay 150 ms)")
    # Slow endpoint: a clean timeout.
    check("timed out" in (one(u("/slow")).get("error") or ""), f"slow: {one(u('/slow')).get('error')}")
    # 500 that recovers: three requests, an article.
    fl = one(u("/flaky"))
    check(fl.get("error") is None and fl.get("title") == direct[names[1]]["title"], f"flaky: {fl.get('error')}")
    check(len(srv.requests("/flaky")) == 3, f"flaky: {len(srv.requests('/flaky'))} requests, expected 3")
    # 429 + Retry-After: 1 — waited about a second, then the article.
    b = one(u("/busy"))
    rq = srv.requests("/busy")
    check(b.get("error") is None and len(rq) == 2, f"busy: {b.get('error')} after {len(rq)} requests")
    if len(rq) == 2:
        check(rq[1][1] - rq[0][1] >= 0.95, f"Retry-After not honoured: retried after {rq[1][1] - rq[0][1]:.2f} s")
    check("Retry-After 3600" in (one(u("/busy-long")).get("error") or ""), f"busy-long: {one(u('/busy-long')).get('error')}")
    check(len(srv.requests("/busy-long")) == 1, "a Retry-After over the limit was waited for")
    a5 = one(u("/always500"))
    check("503" in (a5.get("error") or "") and len(srv.requests("/always500")) == 4, f"always500: {a5.get('error')}, {len(srv.requests('/always500'))} requests")
    # Redirects: the loop is caught, a 3-hop chain followed, a 9-hop chain refused (cap 5).
    check("redirect loop" in (one(u("/loop/a")).get("error") or ""), f"loop: {one(u('/loop/a')).get('error')}")
    c3 = one(u("/chain/3"))
    check(c3.get("error") is None and c3.get("title") == direct[names[0]]["title"], f"chain/3: {c3.get('error')}")
    check("too many redirects" in (one(u("/chain/9")).get("error") or ""), f"chain/9: {one(u('/chain/9')).get('error')}")
    # 50 MB bodies: refused at --max-bytes, with or without Content-Length.
    for p in ("/big", "/big-chunked"):
        e = one(u(p)).get("error") or ""
        check("max-bytes" in e, f"{p}: {e}")
    # Content-Encoding: gzip decoded.
    gz = one(u("/gz/page.html"))
    check(gz.get("error") is None and gz.get("title") == direct[names[0]]["title"], f"gzip page: {gz.get('error')}")
    check("gzip" in srv.requests("/gz/page.html")[0][2].get("Accept-Encoding", ""), "no Accept-Encoding: gzip sent")
    # The image is skipped, not an article and not a failure.
    check(not find(u("/image.png")), "image produced a line")
    fails = sum(1 for l in lines if l.get("error"))
    check(proc.returncode == 1, f"exit code {proc.returncode}, expected 1")
    check(f"{fails} of " in err and "records failed" in err, f"summary: {err[-300:]!r}")
    check("1 skipped" in err, f"skipped count: {err[-300:]!r}")
    print(f"ingest: {len(lines)} lines, {fails} failures, {secs:.1f} s")

    # fetch --warc, twice with an ETag cache; then read the archive back.
    warc = os.path.join(tmp, "out.warc.gz")
    cache = os.path.join(tmp, "cache.tsv")
    targets = [u("/etag"), u("/page/" + names[5])]
    p1, _ = run(["fetch"] + targets + ["--warc", warc, "--cache", cache, "--user-agent", UA, "--delay-ms", "20", "--quiet"])
    check(p1.returncode == 0 and "2 archived" in p1.stderr.decode(), f"fetch 1: {p1.returncode} {p1.stderr[-300:]!r}")
    warc2 = os.path.join(tmp, "again.warc")
    p2, _ = run(["fetch"] + targets + ["--warc", warc2, "--cache", cache, "--user-agent", UA, "--delay-ms", "20", "--quiet"])
    check(p2.returncode == 0 and "1 archived, 1 not modified" in p2.stderr.decode(), f"fetch 2: {p2.stderr[-300:]!r}")
    et = srv.requests("/etag")
    check(len(et) == 2 and et[1][2].get("If-None-Match") == '"v1"' and et[1][2].get("If-Modified-Since"),
          "conditional GET headers not sent on the second run")
    r, _ = run(["ingest", warc, "--quiet"])
    back = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
    check(r.returncode == 0 and [b.get("record_url") for b in back] == targets, f"archive read back: {[b.get('record_url') for b in back]} {r.stderr[-200:]!r}")
    if len(back) == 2:
        check(back[0].get("title") == direct[names[4]]["title"], "archived /etag page differs")
    check(b"WARC-Type: request" in __import__("gzip").open(warc).read(), "no request records in the archive")
    print(f"fetch: {p1.stderr.decode().strip().splitlines()[-1]}")
finally:
    srv.stop()

elapsed = time.monotonic() - t0
check(elapsed < 60, f"test took {elapsed:.0f} s")
for f in failures:
    print("FAIL:", f)
print(f"{'FAIL' if failures else 'PASS'} test_fetch ({elapsed:.1f} s)")
sys.exit(1 if failures else 0)
