#!/usr/bin/python3
"""`newsgraph analyze` end to end: input kinds and bad input (never a crash, clear errors).

  /usr/bin/python3 tests/analyze/test_analyze_cli.py <path-to-newsgraph>
Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def run(ng, args, stdin=None, timeout=300):
    p = subprocess.run([ng, "analyze", *args], input=stdin, capture_output=True, timeout=timeout)
    check(p.returncode >= 0, f"{args}: killed by signal {-p.returncode}")
    return p


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ng-analyze-")
    # Empty input: a failed input (README "Exit codes"), exit 1, said on stderr; the JSON line
    # carries the error and no analysis.
    p = run(ng, ["-"], stdin=b"")
    check(p.returncode == 1 and b"empty input" in p.stderr, f"empty: exit {p.returncode} {p.stderr[-300:]!r}")
    if p.returncode == 1:
        out = json.loads(p.stdout)
        check("empty input" in (out["error"] or "") and "sentences" not in out, "empty: expected the error, no analysis")
    # One 10 MB sentence without punctuation: bounded (cut into pieces), finishes, exit 0.
    big = ("word after word without a stop in Iraq " * (10 * 1024 * 1024 // 39 + 1)).encode()
    path = os.path.join(tmp, "big.txt")
    with open(path, "wb") as f:
        f.write(big)
    p = run(ng, [path, "--date", "2024-02-07"])
    check(p.returncode == 0, f"10 MB sentence: exit {p.returncode} {p.stderr[-300:]!r}")
    if p.returncode == 0:
        out = json.loads(p.stdout)
        check(max(s["end"] - s["begin"] for s in out["sentences"]) <= 4096, "10 MB sentence: a piece is over 4096 bytes")
    # Mixed scripts and invalid UTF-8.
    mixed = "Президент Путин met 習近平 in Beijing. \xff broken. مرحبا 3 soldiers were killed in Iraq.".encode("utf-8", "surrogateescape") + b"\xff\xfe"
    p = run(ng, ["-", "--date", "2024-02-07"], stdin=mixed)
    check(p.returncode == 0, f"mixed scripts: exit {p.returncode} {p.stderr[-300:]!r}")
    if p.returncode == 0:
        out = json.loads(p.stdout)
        check(any(q["kind"] == "KILL" and q["value"] == 3 for q in out["quantities"]), f"mixed: KILL 3 missing: {out['quantities']}")
    # Article JSON with invalid sentence offsets: a clear error, exit 1, still one JSON line.
    for name, spans in (("past_end", [[0, 10_000]]), ("overlap", [[0, 10], [5, 12]]), ("negative", [[-1, 4]]),
                        ("not_pair", [[1]])):
        art = os.path.join(tmp, f"bad_{name}.json")
        with open(art, "w") as f:
            json.dump({"title": "Storm", "text": "The storm hit Iraq on Tuesday. Three people died.", "sentences": spans}, f)
        p = run(ng, [art])
        check(p.returncode == 1, f"offsets {name}: expected exit 1, got {p.returncode}")
        line = json.loads(p.stdout) if p.stdout.strip() else {}
        check(bool(line.get("error")) and "sentences[" in line.get("error", ""), f"offsets {name}: error not clear: {line.get('error')!r}")
    # Valid article JSON (the extract output shape): title + blocks, its own published date.
    art = os.path.join(tmp, "article.json")
    with open(art, "w") as f:
        json.dump({"title": "Strikes in Syria", "published": "2024-02-07T10:00:00Z",
                   "blocks": [{"kind": "p", "text": "The U.S. military conducted airstrikes on Friday against over 85 targets."}]}, f)
    p = run(ng, [art])
    check(p.returncode == 0, f"article json: exit {p.returncode} {p.stderr[-300:]!r}")
    if p.returncode == 0:
        out = json.loads(p.stdout)
        check(any(d["resolved"] == "2024-02-02" for d in out["dates"]), f"article json: on Friday not resolved: {out['dates']}")
        check(any(e["text"] == "U.S. military" for e in out["entities"]), "article json: U.S. military missing")
    # HTML goes through extraction first.
    page = os.path.join(REPO, "corpus", "seed-page.html")
    if os.path.isfile(page):
        p = run(ng, [page, "--date", "2024-02-07"])
        check(p.returncode == 0, f"html: exit {p.returncode} {p.stderr[-300:]!r}")
        if p.returncode == 0:
            out = json.loads(p.stdout)
            check(any(e["name"] == "Fuad Hussein" for e in out["entities"]), "html: Fuad Hussein missing")
    # Usage errors.
    check(run(ng, ["--date"]).returncode == 2, "missing --date value: expected exit 2")
    p = run(ng, ["--text", "x", "--date", "2024-13-45"])
    # A bad --date is a usage error in every command (README "Exit codes").
    check(p.returncode == 2 and b"YYYY-MM-DD" in p.stderr, "bad --date: expected exit 2 with a clear message")
    if failures:
        print("FAIL analyze cli")
        for f in failures:
            print("     " + f)
        return 1
    print("PASS analyze cli: empty, 10 MB sentence, mixed scripts, invalid offsets, article JSON, HTML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
