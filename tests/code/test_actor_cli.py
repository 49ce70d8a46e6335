#!/usr/bin/python3
"""`newsgraph actor`: exit codes, JSON shape, a leader whose office depends on the date, an unknown
name resolving to no code, several phrases and stdin.

  /usr/bin/python3 tests/code/test_actor_cli.py <path-to-newsgraph>

Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import json
import os
import subprocess
import sys

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg)


def run(ng, args, stdin=""):
    return subprocess.run([ng, "actor"] + args, input=stdin, capture_output=True, text=True, timeout=60)


def first(p):
    lines = p.stdout.splitlines()
    return json.loads(lines[0]) if lines else {}


def main():
    ng = sys.argv[1] if len(sys.argv) > 1 else "build/release/newsgraph"
    if not os.path.exists(ng):
        print(f"SKIP: no binary at {ng}")
        return 77
    p = run(ng, ["--help"])
    check(p.returncode == 0 and "usage: newsgraph actor" in p.stdout, "--help prints usage, exit 0")
    p = run(ng, [])
    check(p.returncode == 2 and p.stderr.strip(), "no phrase: exit 2 with a message")
    p = run(ng, ["Chile", "--format", "xml"])
    check(p.returncode == 2, "unknown format: exit 2")
    p = run(ng, ["Chile", "--date", "not a date"])
    check(p.returncode == 2 and "date" in p.stderr, "bad --date: exit 2 naming the date")
    p = run(ng, ["Chile", "--bogus"])
    check(p.returncode == 2, "unknown flag: exit 2")

    p = run(ng, ["Peru's interior minister", "--format", "json"])
    got = first(p)
    check(p.returncode == 0, "a phrase: exit 0")
    for k in ("phrase", "code", "country", "role", "name", "matched"):
        check(k in got, f"JSON has '{k}'")
    check(got.get("country") == "PER" and got.get("role") == "GOV" and got.get("code") == "PERGOV",
          f"Peru's interior minister -> PER GOV PERGOV (got {got.get('country')} {got.get('role')} {got.get('code')})")

    # A leader by date: in office -> GOV, out of office -> ELI of the same country.
    a = first(run(ng, ["Jacques Chirac", "--date", "2001-03-15"]))
    b = first(run(ng, ["Jacques Chirac", "--date", "2012-03-15"]))
    c = first(run(ng, ["Jacques Chirac", "--date", "15 March 2001"]))
    check(a.get("country") == "FRA" and a.get("role") == "GOV", f"Chirac 2001 -> FRA GOV (got {a})")
    check(b.get("country") == "FRA" and b.get("role") == "ELI", f"Chirac 2012 -> FRA ELI (got {b})")
    check(c.get("role") == "GOV", "a written date ('15 March 2001') reads like 2001-03-15")
    t = first(run(ng, ["Jacques Chirac", "--date", "today"]))
    check(t.get("role") == "ELI", "--date today: Chirac is out of office")

    # An unknown name: no code, no country, a reason.
    u = first(run(ng, ["Zorblat Vexmoor"]))
    check(u.get("code") == "" and u.get("country") == "" and u.get("role") == "" and u.get("reason"),
          f"unknown name -> no code, with a reason (got {u})")

    # Several phrases: one line each, in order; '-' reads phrases from stdin.
    p = run(ng, ["Ankara", "the IMF", "she"])
    lines = [json.loads(l) for l in p.stdout.splitlines()]
    check([l.get("phrase") for l in lines] == ["Ankara", "the IMF", "she"], "one JSON line per phrase, in order")
    p = run(ng, ["-"], stdin="Likud\nMossad agents\n")
    lines = [json.loads(l) for l in p.stdout.splitlines()]
    check(len(lines) == 2 and lines[1].get("role") == "SPY", "'-' reads phrases from stdin")
    p = run(ng, ["Ankara", "--format", "text"])
    check(p.stdout.split("\t")[:4] == ["Ankara", "TURGOV", "TUR", "GOV"], "--format text: tab-separated")

    # Bytes that are not UTF-8 still give one valid JSON line.
    p = subprocess.run([ng, "actor", "-"], input=b"\xff\xfe Hamas\n", capture_output=True, timeout=60)
    try:
        got = json.loads(p.stdout.decode("utf-8").splitlines()[0])
        ok = p.returncode == 0 and got.get("country") == "PSE"
    except (ValueError, IndexError, UnicodeDecodeError):
        ok = False
    check(ok, "invalid UTF-8 in a phrase: valid JSON, the rest still resolved")

    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
