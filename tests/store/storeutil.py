"""Helpers shared by the store tests: run newsgraph, build the corpus as a WARC, dump a database."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(REPO, "corpus")
sys.path.insert(0, os.path.join(REPO, "tests", "ingest"))
import warcgen as wg  # noqa: E402

ENV = dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
    ENV.pop(k, None)


class Checker:
    def __init__(self):
        self.failures = []

    def __call__(self, cond, msg):
        if not cond:
            self.failures.append(msg)
            print("FAIL:", msg, flush=True)
        return cond

    def finish(self, name):
        if self.failures:
            print(f"{name}: {len(self.failures)} failure(s)")
            sys.exit(1)
        print(f"{name}: ok")
        sys.exit(0)


def start(prefix):
    """What every store test begins with: the binary from argv[1] (exit 77, skip, without one),
    a Checker and a fresh temporary directory."""
    ng = sys.argv[1] if len(sys.argv) > 1 else ""
    if not os.path.exists(ng):
        print("no newsgraph binary given")
        sys.exit(77)
    return ng, Checker(), tempfile.mkdtemp(prefix=prefix)


def run(ng, *args, timeout=600, check=False):
    p = subprocess.run([ng, *args], capture_output=True, text=True, env=ENV, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError(f"newsgraph {' '.join(args)} -> {p.returncode}: {p.stderr[-2000:]}")
    return p


def ingest(ng, db, *sources, extra=()):
    return run(ng, "ingest", *sources, "--db", db, "--quiet", "--jobs", "2", "--delay-ms", "0", *extra)


def dump(ng, db):
    p = run(ng, "export", "--db", db, "--format", "dump", check=True)
    return p.stdout


def corpus_pages():
    return sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))


def corpus_warc(path, base="https://corpus.example/page/"):
    with open(path, "wb") as f:
        f.write(wg.record("warcinfo", b"software: storetest\r\n"))
        for name in corpus_pages():
            body = open(os.path.join(CORPUS, name), "rb").read()
            f.write(wg.response(base + name, body))


def first_diff(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}:\n  {x[:300]}\n  {y[:300]}"
    return f"lengths differ: {len(la)} vs {len(lb)} lines"
