#!/usr/bin/python3
"""Progress bars (issue 17 item 12), with stderr a real pseudo-terminal:

  /usr/bin/python3 tests/cli/test_progress.py <path-to-newsgraph>

- `analyze` and `code` over several files draw "[####…] n/N" and end at N/N; `--quiet` and a
  single input draw nothing;
- `ingest` of the corpus directory (15 pages) draws a bar whose first frame is not full: the bar
  follows finished documents, not the reader, which runs ahead of the workers.
Exit 0 pass, 1 fail, 77 skip (no binary or no pty).
"""
import os
import pty
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPO, "corpus")
SEED_TXT = os.path.join(REPO, "tests", "fixtures", "seed-article.txt")
problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg, flush=True)


def run_tty(ng, *args):
    """Runs with stderr on a pty; returns (rc, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    out_file = tempfile.TemporaryFile()  # not a pipe: a full pipe would block the child while we read the pty
    p = subprocess.Popen([ng, *args], stdout=out_file, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    rc = p.wait(timeout=600)
    os.close(master)
    out_file.seek(0)
    out = out_file.read()
    return rc, out.decode("utf-8", "replace"), b"".join(chunks).decode("utf-8", "replace")


def frames(tty):
    return [f for f in re.split(r"[\r\n]", tty.replace("\x1b[K", "")) if f.startswith("[")]


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    try:
        m, s = pty.openpty()
        os.close(m)
        os.close(s)
    except OSError as e:
        print(f"SKIP: no pseudo-terminal ({e})")
        return 77
    tmp = tempfile.mkdtemp(prefix="ng-progress-")
    texts = []
    for i in range(3):
        t = os.path.join(tmp, f"t{i}.txt")
        with open(t, "w") as f:
            f.write(f"Iranian troops attacked Iraqi soldiers near Basra on day {i}.\n")
        texts.append(t)

    for cmd in ("analyze", "code"):
        rc, out, tty = run_tty(ng, cmd, *texts, "--date", "2024-02-07")
        fr = frames(tty)
        check(rc == 0 and out.strip(), f"{cmd}: three files processed (rc {rc})")
        check(fr and "3/3" in fr[-1] and fr[-1].startswith("[" + "#" * 24 + "]"), f"{cmd}: a bar ending at 3/3: {fr[-1:]!r}")
        rc, _, tty = run_tty(ng, cmd, *texts, "--date", "2024-02-07", "--quiet")
        check(rc == 0 and not frames(tty), f"{cmd} --quiet: no bar ({tty[:80]!r})")
        rc, _, tty = run_tty(ng, cmd, texts[0], "--date", "2024-02-07")
        check(rc == 0 and not frames(tty), f"{cmd}: no bar for one input ({tty[:80]!r})")

    rc, out, tty = run_tty(ng, "ingest", CORPUS, "--jobs", "2")
    fr = frames(tty)
    pages = len([n for n in os.listdir(CORPUS) if n.endswith(".html")])
    check(rc == 0 and out.count("\n") == pages, f"ingest: {pages} records (rc {rc}, {out.count(chr(10))} lines)")
    first = fr[0] if fr else ""
    filled = first[1:first.find("]")].count("#") if "]" in first else -1
    check(0 <= filled <= 10, f"ingest: the first frame is not full ({filled}/20 filled: {first[:60]!r})")
    check(fr and fr[-1].startswith("[" + "#" * 20 + "]") and f"{pages} records" in fr[-1], f"ingest: the last frame is full: {fr[-1:]!r}")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
