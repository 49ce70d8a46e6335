#!/usr/bin/python3
"""Every command obeys the one exit-code table of README.md ("Exit codes"):

  0  everything asked for was done
  1  some inputs failed (each reported, the others processed), or the database/output failed part-way
  2  nothing done: unknown command or flag, a missing or invalid value, or a database, output file,
     dictionary or table named on the command line that cannot be opened

  /usr/bin/python3 tests/cli/test_exit_codes.py <path-to-newsgraph>

For each command: --help is 0 and ends with the same exit-code paragraph; an unknown flag and a
flag without its value are 2; a success case is 0; where a command takes several inputs, one
missing input among good ones is 1; an -o FILE in a missing directory and a --db that cannot be
opened are 2. Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_HTML = os.path.join(REPO, "corpus", "seed-page.html")
SEED_TXT = os.path.join(REPO, "tests", "fixtures", "seed-article.txt")
COMMANDS = ["actor", "analyze", "code", "explain", "export", "extract", "fetch", "ingest", "query"]
problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg, flush=True)


def run(ng, *args, stdin=b""):
    env = dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env.pop(k, None)
    p = subprocess.run([ng, *args], input=stdin, capture_output=True, timeout=600, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def expect(ng, want, args, what, stdin=b""):
    rc, out, err = run(ng, *args, stdin=stdin)
    check(rc == want, f"{what}: exit {want} (got {rc}) — newsgraph {' '.join(a if len(a) < 60 else '…' for a in args)}"
                      + ("" if rc == want else f" {err.strip()[-200:]!r}"))
    if want != 0:
        check(err.strip() != "", f"{what}: a message on stderr")
    return out


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ng-exit-")
    missing = os.path.join(tmp, "missing.html")
    nowhere = "/nonexistent-dir/out.txt"

    # The README's table: one row per code, 0, 1 and 2.
    readme = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    sec = readme.split("## Exit codes", 1)
    rows = re.findall(r"^\| *(\d) *\|", sec[1].split("\n## ", 1)[0], re.M) if len(sec) == 2 else []
    check(rows == ["0", "1", "2"], f"README.md has one exit-code table with 0, 1, 2 ({rows})")

    # --help: 0, and the same exit-code paragraph in every command and in `help`.
    paragraphs = {}
    for cmd in COMMANDS + ["help"]:
        rc, out, _ = run(ng, cmd, "--help") if cmd != "help" else run(ng, "help")
        check(rc == 0, f"{cmd} --help: exit 0 (got {rc})")
        paragraphs[cmd] = out[out.rfind("exit codes:"):] if "exit codes:" in out else ""
    check(len(set(paragraphs.values())) == 1 and paragraphs["extract"].startswith("exit codes: 0 ok; 1 some inputs"),
          f"every --help ends with the same exit-code paragraph ({sorted(k for k, v in paragraphs.items() if not v)} have none)")
    for cmd in COMMANDS:
        rc, _, _ = run(ng, "help", cmd)
        check(rc == 0, f"help {cmd}: exit 0")

    # 2: unknown command, no command, help for an unknown command, unknown flag, flag without value.
    expect(ng, 2, ["nosuch"], "unknown command")
    expect(ng, 2, [], "no command")
    expect(ng, 2, ["help", "nosuch"], "help nosuch")
    for cmd in COMMANDS:
        expect(ng, 2, [cmd, "--no-such-flag"], f"{cmd}: unknown flag")
    value_flags = {"actor": "--date", "analyze": "--format", "code": "--format", "explain": "--date", "export": "--db",
                   "extract": "--format", "fetch": "--jobs", "ingest": "--jobs", "query": "--db"}
    for cmd, flag in value_flags.items():
        expect(ng, 2, [cmd, flag], f"{cmd}: {flag} without a value")
    for cmd, args in {"analyze": ["--format", "xml", SEED_TXT], "code": ["--format", "xml", SEED_TXT],
                      "extract": ["--format", "xml", SEED_HTML], "actor": ["Iraq", "--format", "xml"],
                      "export": ["--db", os.path.join(tmp, "x.db"), "--format", "xml"],
                      "ingest": [SEED_HTML, "--jobs", "0"], "fetch": ["http://127.0.0.1:1/", "--jobs", "0"]}.items():
        expect(ng, 2, [cmd, *args], f"{cmd}: an invalid value")
    expect(ng, 2, ["fetch", "http://127.0.0.1:1/"], "fetch: --warc missing (a required flag)")

    # 0: a success case per command; builds the database the others read.
    db = os.path.join(tmp, "news.db")
    expect(ng, 0, ["version"], "version")
    expect(ng, 0, ["extract", SEED_HTML], "extract: one page")
    expect(ng, 0, ["analyze", SEED_TXT, "--date", "2024-02-07"], "analyze: one text")
    expect(ng, 0, ["code", SEED_TXT, "--date", "2024-02-07"], "code: one text")
    expect(ng, 0, ["explain", "Iranian troops attacked Iraqi soldiers.", "--date", "2024-02-07"], "explain: a sentence")
    expect(ng, 0, ["actor", "Somalia's prime minister", "--date", "2024-02-07"], "actor: a phrase")
    expect(ng, 0, ["ingest", SEED_HTML, "--db", db, "--quiet"], "ingest --db: one page")
    expect(ng, 0, ["query", "--db", db], "query: events")
    expect(ng, 0, ["export", "--db", db, "--format", "csv"], "export: csv")

    # 1: one missing input among good ones; the good one is still processed.
    out = expect(ng, 1, ["extract", SEED_HTML, missing], "extract: good + missing")
    check("Re-Engage" in out, "extract: the good page is printed")
    out = expect(ng, 1, ["analyze", SEED_TXT, missing, "--date", "2024-02-07"], "analyze: good + missing")
    check('"entities"' in out, "analyze: the good text is analysed")
    out = expect(ng, 1, ["code", SEED_TXT, missing, "--date", "2024-02-07"], "code: good + missing")
    check('"cameo"' in out, "code: the good text is coded")
    out = expect(ng, 1, ["ingest", SEED_HTML, missing, "--quiet"], "ingest: good + missing")
    check('"title"' in out, "ingest: the good page is printed")
    expect(ng, 1, ["fetch", "http://127.0.0.1:1/x", "--warc", os.path.join(tmp, "f.warc"), "--retries", "0",
                   "--delay-ms", "0", "--quiet"], "fetch: an unreachable URL")
    # An input list (--urls, --sentences) that is not there is an input like the others.
    out = expect(ng, 1, ["ingest", SEED_HTML, "--urls", missing, "--quiet"], "ingest: a missing --urls list")
    check('"title"' in out, "ingest: the source next to a missing --urls list is printed")
    out = expect(ng, 1, ["code", SEED_TXT, "--sentences", missing, "--date", "2024-02-07"], "code: a missing --sentences file")
    check('"cameo"' in out, "code: the text next to a missing --sentences file is coded")
    expect(ng, 1, ["fetch", "--urls", missing, "--warc", os.path.join(tmp, "g.warc")], "fetch: a missing --urls list")

    # 2: an output file that cannot be created, a database that cannot be opened.
    for cmd, args in {"extract": [SEED_HTML], "analyze": [SEED_TXT], "code": [SEED_TXT, "--date", "2024-02-07"],
                      "ingest": [SEED_HTML, "--quiet"], "query": ["--db", db], "export": ["--db", db, "--format", "csv"]}.items():
        expect(ng, 2, [cmd, *args, "-o", nowhere], f"{cmd}: -o in a missing directory")
    expect(ng, 2, ["fetch", "http://127.0.0.1:1/x", "--warc", nowhere], "fetch: --warc in a missing directory")
    for cmd, args in {"query": [], "export": ["--format", "csv"], "ingest": [SEED_HTML, "--quiet"]}.items():
        expect(ng, 2, [cmd, "--db", "/nonexistent-dir/x.db", *args], f"{cmd}: a --db that cannot be opened")
    expect(ng, 2, ["code", SEED_TXT, "--codebook", os.path.join(tmp, "no-codebook")], "code: a codebook that cannot be read")

    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
