#!/usr/bin/python3
"""`newsgraph code` / `explain` on bad input: bounded time, no crash, clear errors; output formats.

  /usr/bin/python3 tests/code/test_code_cli.py <path-to-newsgraph>

Checks: a 5,000-token sentence and 200 actors in one sentence finish in bounded time with at most
--max-events events per sentence; empty input and binary garbage exit cleanly; a malformed
dictionary (--codebook DIR) is exit 2 with a message naming file and line; --dictionaries with the
foreign reader is a clean error or works; --format gdelt has exactly 61 tab-separated columns and
the same ids on two runs; jsonl events parse and carry doc_id with --sentences; csv has a header.
Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(REPO, "tests", "fixtures", "seed-article.txt")
problems = []


def run(binary, args, stdin=b"", timeout=60):
    t0 = time.time()
    p = subprocess.run([binary] + args, input=stdin, capture_output=True, timeout=timeout)
    return p, time.time() - t0


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg)


def codebook_dir(binary):
    # The build writes <build>/data/code next to the binary's build tree.
    d = os.path.join(os.path.dirname(os.path.abspath(binary)), "data", "code")
    return d if os.path.isdir(d) else None


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    b = sys.argv[1]

    # Long sentence: 5,000 tokens, actors and verbs throughout, no full stop.
    words = []
    for i in range(1000):
        words += ["Iranian", "troops", "attacked", "Iraqi", "soldiers"]
    p, dt = run(b, ["code", "-", "--date", "2024-02-07", "--max-events", "8"], " ".join(words).encode(), timeout=120)
    check(p.returncode == 0, f"5,000-token sentence: exit 0 (got {p.returncode}) in {dt:.2f}s")
    check(dt < 30, f"5,000-token sentence: bounded time ({dt:.2f}s < 30s)")
    ev = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    per = {}
    for e in ev:
        per[e["sentence"]] = per.get(e["sentence"], 0) + 1
    check(all(v <= 8 for v in per.values()), f"5,000-token sentence: <= 8 events per sentence ({max(per.values()) if per else 0})")

    # 200 coordinated actors in one sentence.
    countries = ["Iran", "Iraq", "Syria", "Jordan", "Egypt", "Israel", "Turkey", "France", "Germany", "Spain"]
    names = [countries[i % len(countries)] for i in range(200)]
    text = ", ".join(names[:-1]) + " and " + names[-1] + " condemned " + " and ".join(countries[:5]) + "."
    p, dt = run(b, ["code", "--text", text, "--date", "2024-02-07"])
    ev = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    check(p.returncode == 0 and dt < 30, f"200 actors: exit 0 in bounded time ({dt:.2f}s)")
    check(0 < len(ev) <= 8, f"200 actors: compound expansion capped at 8 events (got {len(ev)})")
    check(all(len((e["source"] or {}).get("code", "")) <= 6 for e in ev), "200 actors: no concatenated actor codes")

    # Empty input and binary garbage.
    p, _ = run(b, ["code", "-"], b"")
    # An empty input is a failed input (README "Exit codes"): exit 1, said on stderr, no events.
    check(p.returncode == 1 and p.stdout.strip() == b"" and b"empty input" in p.stderr,
          f"empty input: exit 1 with a notice, no events (exit {p.returncode})")
    garbage = bytes((i * 7919 + 13) % 256 for i in range(200000))
    p, dt = run(b, ["code", "-"], garbage)
    # Garbage is text nobody can code: a successful run with no events (exit 0), not an input error.
    check(p.returncode == 0 and dt < 30, f"binary garbage: exit 0 ({p.returncode}) in {dt:.2f}s")
    check(p.stdout.strip() == b"", "binary garbage: no events")
    check(b"Sanitizer" not in p.stderr and b"terminate" not in p.stderr, "binary garbage: no crash report")
    p, _ = run(b, ["explain", "--date", "2024-02-07", "\x01\x02 \xff garbage"], b"")
    check(p.returncode == 0 and b"events: 0" in p.stdout, f"explain on garbage: exit 0, no events ({p.returncode})")

    # Malformed dictionaries: our loader names the file and the line.
    src = codebook_dir(b)
    check(src is not None, "the build wrote its codebook next to the binary (data/code)")
    if src:
        with tempfile.TemporaryDirectory() as tmp:
            dst = os.path.join(tmp, "code")
            shutil.copytree(src, dst)
            with open(os.path.join(dst, "frames.txt"), "a") as f:
                f.write("intent\tplan\n")
                f.write("sometimes\tperhaps\n")
            n = sum(1 for _ in open(os.path.join(dst, "frames.txt")))
            p, _ = run(b, ["code", "--codebook", dst, "--text", "Iran attacked Iraq."])
            err = p.stderr.decode()
            check(p.returncode == 2, f"malformed frames.txt: exit 2 (got {p.returncode})")
            check(f"frames.txt:{n}" in err, f"malformed frames.txt: message names frames.txt:{n} ({err.strip()[:120]})")
            with open(os.path.join(dst, "verbs.txt"), "wb") as f:
                f.write(b"190\tattack\n\x00\x01binary\n")
            p, _ = run(b, ["code", "--codebook", dst, "--text", "Iran attacked Iraq."])
            check(p.returncode == 2 and b"verbs.txt:2" in p.stderr, f"binary verbs.txt: exit 2 naming verbs.txt:2 ({p.stderr.decode().strip()[:100]})")
            os.remove(os.path.join(dst, "verbs.txt"))
            p, _ = run(b, ["code", "--codebook", dst, "--text", "Iran attacked Iraq."])
            check(p.returncode == 2 and b"verbs.txt" in p.stderr, "missing verbs.txt: exit 2 naming it")

    # Foreign dictionaries: a directory without a verbs file is a usage error (exit 2, one line
    # naming what is missing).
    with tempfile.TemporaryDirectory() as tmp:
        p, _ = run(b, ["code", "--dictionaries", tmp, "--text", "Iran attacked Iraq."])
        err = p.stderr.decode().strip()
        check(p.returncode == 2 and len(err.splitlines()) == 1 and "verbs" in err,
              f"--dictionaries on an empty dir: exit 2, one line naming the verbs file ({p.returncode}: {err[:100]})")

    # GDELT rows: 61 columns, stable ids.
    url = "https://example.com/seed"
    p1, _ = run(b, ["code", SEED, "--date", "2024-02-07", "--format", "gdelt", "--url", url])
    p2, _ = run(b, ["code", SEED, "--date", "2024-02-07", "--format", "gdelt", "--url", url])
    rows = [l.split("\t") for l in p1.stdout.decode().splitlines()]
    check(p1.returncode == 0 and len(rows) > 0, f"gdelt: rows written ({len(rows)})")
    check(all(len(r) == 61 for r in rows), f"gdelt: every row has 61 columns ({sorted(set(len(r) for r in rows))})")
    check(p1.stdout == p2.stdout, "gdelt: identical output and ids on two runs")
    check(all(r[0].isdigit() for r in rows) and len({r[0] for r in rows}) == len(rows), "gdelt: numeric, distinct GLOBALEVENTIDs")
    check(all(r[60] == url for r in rows), "gdelt: SOURCEURL is the article URL")
    check(all(len(r[1]) == 8 and r[1].isdigit() for r in rows), "gdelt: SQLDATE is YYYYMMDD")
    check(all(len(r[59]) == 14 for r in rows), "gdelt: DATEADDED is YYYYMMDDHHMMSS")
    check(all(r[26].startswith(r[28]) and r[26].startswith(r[27][:len(r[27])]) for r in rows), "gdelt: EventCode starts with its base and root codes")
    p3, _ = run(b, ["code", SEED, "--date", "2024-02-07", "--format", "gdelt", "--url", url + "?other"])
    ids3 = {l.split("\t")[0] for l in p3.stdout.decode().splitlines()}
    check(not ids3 & {r[0] for r in rows}, "gdelt: another URL gives other ids")

    # JSONL with --sentences: doc ids, parsable events.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.jsonl")
        with open(path, "w") as f:
            f.write(json.dumps({"id": "a1", "text": "Iranian troops attacked Iraqi soldiers.", "date": "2020-05-01"}) + "\n")
            f.write("not json\n")
            f.write(json.dumps({"id": "a2", "text": "The United States imposed sanctions on Iran.", "date": "2021-01-02"}) + "\n")
        p, _ = run(b, ["code", "--sentences", path])
        ev = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
        check(p.returncode == 1, f"--sentences with one bad line: exit 1 (got {p.returncode})")
        check({e["doc_id"] for e in ev} == {"a1", "a2"}, f"--sentences: events carry doc_id ({sorted({e['doc_id'] for e in ev})})")
        check(any(e["doc_id"] == "a1" and e["date"] == "2020-05-01" for e in ev), "--sentences: the line's date is the event date")
        p, _ = run(b, ["code", "--sentences", path, "--format", "csv"])
        lines = p.stdout.decode().splitlines()
        check(lines and lines[0].startswith("id,doc_id,"), "csv: header line")
        p, _ = run(b, ["code", "--sentences", path, "--ontology", "plover"])
        ev = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
        check(ev and all("plover" in e and "cameo" not in e for e in ev), "--ontology plover: PLOVER fields only")

    # explain shows its reasoning.
    p, _ = run(b, ["explain", "Iranian troops did not attack Iraqi soldiers.", "--date", "2024-02-07"])
    out = p.stdout.decode()
    check(p.returncode == 0 and "negated" in out and "verbs.txt:" in out and "events: 0" in out,
          "explain: shows the pattern (file:line), the negation and no event")
    p, _ = run(b, ["code", "--format", "xml", "--text", "x"])
    check(p.returncode == 2, "unknown format: exit 2")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
