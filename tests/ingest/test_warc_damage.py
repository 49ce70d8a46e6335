#!/usr/bin/python3
"""One damaged WARC record costs that record only (issue 18, acceptance 1).

A 20-record WARC is built from the bundled corpus/ pages (response records with sha1 digests), in
three forms: plain, gzip per record (one member per record, as Common Crawl ships) and whole-file
gzip. Each record in turn is damaged in five ways, one file per (form, way, record), 300 files:
  cut    the record (plain) or its gzip member is cut to half its length; the next records follow
  flip   8 bytes XOR 0x5A in the middle of the record / member / its compressed bytes
  head   4 bytes XOR 0x5A at the record's start ("WARC/1.0" line; the member's gzip magic)
  long   Content-Length claims 5000 bytes more than the block (then gzipped as the form says)
  short  Content-Length claims half the block
Each file goes through `newsgraph ingest` on its own. Plain and per-record gzip (and whole-file
gzip for long/short, where the gzip stream is intact): exactly the 19 intact records come out, in
order, each article equal to the undamaged run's; every failure names the damaged record's offset
(the gzip member's offset for gzip per record, the uncompressed offset for whole-file gzip); the
summary counts them; exit code 1. Whole-file gzip cut/flip/head (damage in the compressed stream):
every record before the damage comes out unchanged, nothing that comes out differs from the
undamaged run, a failure names an uncompressed offset at or after the damaged record, exit code 1.
Usage: test_warc_damage.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import warcgen as wg  # noqa: E402

NG = sys.argv[1] if len(sys.argv) > 1 else ""
if not os.path.exists(NG):
    sys.exit(77)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPO, "corpus")
N = 20
KINDS = ("cut", "flip", "head", "long", "short")
TIMEOUT = float(os.environ.get("NG_DAMAGE_TIMEOUT", "120"))  # seconds per file
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def ingest(path):
    try:
        p = subprocess.run([NG, "ingest", path, "--quiet", "--jobs", "2"], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:  # a reader that loops: a failure of this file, not of the test
        p = subprocess.CompletedProcess([], -1, b"", f"timed out after {TIMEOUT} s".encode())
    lines = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    good = [l for l in lines if not l.get("error")]
    bad = [l["error"] for l in lines if l.get("error")]
    return p, good, bad


def article(d):
    return {k: v for k, v in d.items() if k != "source"}


def xor(b, at, n):
    b = bytearray(b)
    for i in range(at, min(at + n, len(b))):
        b[i] ^= 0x5A
    return bytes(b)


def lie(rec, delta):
    """The record with its Content-Length changed by delta (a function of the true length)."""
    head, sep, rest = rec.partition(b"\r\n\r\n")
    m = re.search(rb"Content-Length: (\d+)", head)
    true_len = int(m.group(1))
    return head[:m.start(1)] + str(delta(true_len)).encode() + head[m.end(1):] + sep + rest


t0 = time.monotonic()
names = sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))
pages = [open(os.path.join(CORPUS, n), "rb").read() for n in names]
urls = [f"http://news.example.org/{i:02d}-{names[i % len(names)]}" for i in range(N)]
recs = [wg.response(urls[i], pages[i % len(pages)]) for i in range(N)]
starts = [sum(len(r) for r in recs[:i]) for i in range(N + 1)]  # uncompressed record offsets
members = [wg.gz(r) for r in recs]
mstarts = [sum(len(m) for m in members[:i]) for i in range(N + 1)]
whole = wg.gz(b"".join(recs))
# Output emitted after feeding each compressed byte of the whole-file gzip: flipping byte c can
# only change output from emitted[c - 1] on, so damage placed by it leaves earlier records intact.
emitted, d, total = [], zlib.decompressobj(16 + 15), 0
for i in range(len(whole)):
    total += len(d.decompress(whole[i:i + 1]))
    emitted.append(total)


def whole_at(k, frac):
    """First compressed byte whose damage cannot touch output before record k's start + frac."""
    target = starts[k] + int(frac * (starts[k + 1] - starts[k]))
    return next(c for c in range(1, len(whole)) if emitted[c - 1] >= target)


def damaged(form, kind, k):
    if kind in ("long", "short"):
        bad = lie(recs[k], (lambda n: n + 5000) if kind == "long" else (lambda n: n // 2))
        rs = recs[:k] + [bad] + recs[k + 1:]
        if form == "plain":
            return b"".join(rs)
        if form == "members":
            return b"".join(wg.gz(r) for r in rs)
        return wg.gz(b"".join(rs))
    if form in ("plain", "members"):
        units = recs if form == "plain" else members
        u = units[k]
        u = {"cut": lambda: u[:len(u) // 2], "flip": lambda: xor(u, len(u) // 2, 8), "head": lambda: xor(u, 0, 4)}[kind]()
        return b"".join(units[:k] + [u] + units[k + 1:])
    if kind == "cut":
        return whole[:whole_at(k, 0.5)]
    return xor(whole, whole_at(k, 0.5 if kind == "flip" else 0.0), 8 if kind == "flip" else 4)


def offsets(msg, form):
    """The offsets a failure message names first: the record's (or member's) own."""
    if form == "whole":
        return [int(x) for x in re.findall(r"offset (\d+)", msg)]
    m = re.search(r"offset (\d+)", msg)
    return [int(m.group(1))] if m else []


tmp = tempfile.mkdtemp(prefix="ng-warc-damage-")
try:
    # The undamaged run, in each form: 20 articles, exit 0; the plain one is the reference.
    want = {}
    for form, data in (("plain", b"".join(recs)), ("members", b"".join(members)), ("whole", whole)):
        path = os.path.join(tmp, f"intact-{form}.warc" + ("" if form == "plain" else ".gz"))
        open(path, "wb").write(data)
        p, good, bad = ingest(path)
        check(p.returncode == 0 and not bad, f"intact {form}: exit {p.returncode}, {bad}")
        check([g.get("record_url") for g in good] == urls, f"intact {form}: records {[g.get('record_url') for g in good]}")
        if form == "plain":
            want = {g["record_url"]: article(g) for g in good}
            check(all(a.get("text") for a in want.values()), "intact plain: an article without text")
        else:
            check({g["record_url"]: article(g) for g in good} == want, f"intact {form}: articles differ from plain")
    if not check(len(want) == N, f"the reference run gave {len(want)} articles, expected {N}"):
        print("FAIL:", "\nFAIL: ".join(failures))
        sys.exit(1)

    tried = yielded = expected_yield = reported = 0
    lost_beyond = []  # (file, intact records missing or changed)
    for form in ("plain", "members", "whole"):
        for kind in KINDS:
            for k in range(N):
                label = f"{form}/{kind}/record {k + 1}"
                path = os.path.join(tmp, f"{form}-{kind}-{k:02d}.warc" + ("" if form == "plain" else ".gz"))
                open(path, "wb").write(damaged(form, kind, k))
                p, good, bad = ingest(path)
                err = p.stderr.decode(errors="replace")
                tried += 1
                got_urls = [g.get("record_url") for g in good]
                changed = [g.get("record_url") for g in good if want.get(g.get("record_url")) != article(g)]
                check(not changed, f"{label}: records that differ from the undamaged run came out: {changed}")
                check(p.returncode == 1, f"{label}: exit {p.returncode}, expected 1")
                check(len(bad) >= 1, f"{label}: the damage was not reported")
                check(f"newsgraph ingest: {len(bad)} of {len(good) + len(bad)} records failed" in err,
                      f"{label}: the summary does not count {len(bad)} failures: {err[-300:]!r}")
                check(all(b.partition(": ")[2] in err for b in bad), f"{label}: a failure is missing from stderr")
                stream_damage = form == "whole" and kind in ("cut", "flip", "head")
                if stream_damage:
                    must = urls[:k]
                    missing = [u for u in must if u not in got_urls]
                    check(got_urls[:k] == must, f"{label}: records before the damage missing: {missing}")
                    named = [o for b in bad for o in offsets(b, form)]
                    check(any(o >= starts[k] for o in named),
                          f"{label}: no failure names an offset >= {starts[k]}: {bad}")
                else:
                    must = urls[:k] + urls[k + 1:]
                    missing = [u for u in must if u not in got_urls]
                    check(got_urls == must, f"{label}: intact records missing {missing}, or the damaged one came out")
                    own = mstarts[k] if form == "members" else starts[k]
                    for b in bad:
                        named = offsets(b, form)
                        check(named[:1] == [own], f"{label}: a failure does not name offset {own} first: {b}")
                expected_yield += len(must)
                yielded += sum(1 for u in must if u in got_urls)
                reported += 1 if bad else 0
                if missing or changed:
                    lost_beyond.append((label, missing + changed))
                os.remove(path)
    elapsed = time.monotonic() - t0
    print(f"{tried} damaged files (3 forms x {len(KINDS)} ways x {N} records): {yielded} of {expected_yield} "
          f"intact records yielded unchanged, {reported} of {tried} damages reported, "
          f"{len(lost_beyond)} files lost more than the damaged record ({elapsed:.1f} s)")
    for label, lost in lost_beyond[:20]:
        print(f"  {label}: lost {lost}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

for f in failures[:60]:
    print("FAIL:", f)
if len(failures) > 60:
    print(f"FAIL: … and {len(failures) - 60} more")
print(f"{'FAIL' if failures else 'PASS'} test_warc_damage ({time.monotonic() - t0:.1f} s)")
sys.exit(1 if failures else 0)
