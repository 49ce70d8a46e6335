#!/usr/bin/python3
"""Quality tier for event coding with our own dictionaries: PLOVER category precision and recall
on ../shared/bench/events/plover-gsr-dev must stay at or above the issue's floors (P >= 0.75,
R >= 0.60). Runs bench/events/plover_gsr.py (which documents how dyads are matched) and fails when
it reports a value below a floor. Skips (exit 77) when ../shared is not beside the checkout.

  /usr/bin/python3 tests/quality/test_plover_floors.py build/release/newsgraph
"""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(REPO, "..", "shared")


def main():
    ng = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "release", "newsgraph")
    if not os.path.exists(os.path.join(SHARED, "bench", "events", "plover-gsr-dev", "records.jsonl")):
        print("SKIP: ../shared/bench/events/plover-gsr-dev not present (quality tier needs ../shared)")
        return 77
    p = subprocess.run([sys.executable, os.path.join(REPO, "bench", "events", "plover_gsr.py"),
                        "--bin", ng, "--shared", SHARED], capture_output=True, text=True, timeout=600)
    print(p.stdout[-3000:])
    if p.returncode == 77:
        print("SKIP: " + p.stdout.strip().splitlines()[-1] if p.stdout.strip() else "SKIP")
        return 77
    overall = [l for l in p.stdout.splitlines() if l.startswith("overall")]
    if not overall:
        print("FAIL: no overall line from plover_gsr.py\n" + p.stderr[-2000:])
        return 1
    fields = overall[0].split()
    precision, recall = float(fields[4]), float(fields[5])
    ok = precision >= 0.75 and recall >= 0.60 and p.returncode == 0
    print(f"{'ok  ' if ok else 'FAIL'} PLOVER precision {precision:.3f} (floor 0.75)  recall {recall:.3f} (floor 0.60)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
