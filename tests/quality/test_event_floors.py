#!/usr/bin/python3
"""Quality tier for event coding with our own dictionaries: every event dev set, in its fixed tune
and confirm halves (bench/events/halves.py), must stay at or above the floors pinned in
tests/quality/event_floors.json. Runs bench/events/bench_all.py (the reference scorer's rules) and
fails when a half falls below its floor. Skips (exit 77) when ../shared is not beside the checkout.

Floors are pins of what was measured, a little below it; they move up as the coder improves and
move down only on purpose (issue 13 removed patterns written for dev sentences, which cost dev
numbers: see docs/STATUS.md).

  /usr/bin/python3 tests/quality/test_event_floors.py build/release/newsgraph
"""
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(REPO, "..", "shared")


def main():
    ng = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "release", "newsgraph")
    if not os.path.exists(os.path.join(SHARED, "bench", "events", "score_extra.py")):
        print("SKIP: ../shared/bench/events not present (quality tier needs ../shared)")
        return 77
    floors = json.load(open(os.path.join(REPO, "tests", "quality", "event_floors.json"), encoding="utf-8"))
    sets = sorted({k.split("-")[0] for k in floors["sets"]})
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "t.json")
        p = subprocess.run([sys.executable, os.path.join(REPO, "bench", "events", "bench_all.py"), "--bin", ng,
                            "--shared", SHARED, "--sets", ",".join(sets), "--json", out],
                           capture_output=True, text=True, timeout=1200)
        print(p.stdout[-3000:])
        if p.returncode != 0 or not os.path.exists(out):
            print(f"FAIL: bench_all.py exit {p.returncode}\n" + p.stderr[-2000:])
            return 1
        got = {r["set"]: r for r in json.load(open(out, encoding="utf-8"))}
    problems = 0
    for name, want in sorted(floors["sets"].items()):
        if name not in got:
            print(f"FAIL {name}: not measured")
            problems += 1
            continue
        for half in ("tune", "confirm"):
            for metric in ("p", "r"):
                if metric not in want.get(half, {}):
                    continue
                v, f = got[name][half][metric], want[half][metric]
                ok = v >= f
                problems += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {name} {half} {metric.upper()} {v:.3f} (floor {f:.3f})")
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
