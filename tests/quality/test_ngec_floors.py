#!/usr/bin/python3
"""Quality tier for `newsgraph actor`: accuracy on ../shared/bench/events/ngec-actors-dev (every
record with a country and/or sector assertion, scored exactly as the reference scorer
score_extra.py does) must stay at or above the floors below, on the whole dev set and on each of
its fixed halves (bench/events/halves.py). Skips (exit 77) when ../shared is not beside the
checkout.

  /usr/bin/python3 tests/quality/test_ngec_floors.py build/release/newsgraph

The floors pin what the resolver reaches today (see the commit that last moved them), a little
below, so that a table or rule change that loses actors fails here.
"""
import contextlib
import importlib.util
import io
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(REPO, "..", "shared")
FLOORS = {"all": 0.75, "tune": 0.85, "confirm": 0.62}  # measured .776 / .890 / .646 (ninth session)


def main():
    ng = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "release", "newsgraph")
    recs_path = os.path.join(SHARED, "bench", "events", "ngec-actors-dev", "records.jsonl")
    scorer = os.path.join(SHARED, "bench", "events", "score_extra.py")
    if not (os.path.exists(recs_path) and os.path.exists(scorer)):
        print("SKIP: ../shared/bench/events/ngec-actors-dev not present (quality tier needs ../shared)")
        return 77
    if not os.path.exists(ng):
        print(f"SKIP: no binary at {ng}")
        return 77
    spec = importlib.util.spec_from_file_location("score_extra", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.path.insert(0, os.path.join(REPO, "bench", "events"))
    import halves  # noqa: E402
    with open(recs_path, encoding="utf-8") as f:
        recs = [json.loads(l) for l in f if l.strip()]
    parts = halves.split("ngec-actors-dev", recs)
    failed = False
    got, scored = {}, {}
    # Each half once (the scorer starts one `newsgraph actor` per phrase; under the sanitizers that
    # is slow); the whole set is the halves' weighted sum over the records the scorer counts.
    for name in ("tune", "confirm"):
        with contextlib.redirect_stdout(io.StringIO()):
            acc, _ = mod.ngec(parts[name], ng, None)
        got[name] = acc
        scored[name] = sum(1 for r in parts[name] if r.get("country") is not None or r.get("sector") is not None)
    got["all"] = (got["tune"] * scored["tune"] + got["confirm"] * scored["confirm"]) / max(1, scored["tune"] + scored["confirm"])
    for name in ("all", "tune", "confirm"):
        acc = got[name]
        ok = acc >= FLOORS[name]
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} ngec-actors-dev {name:<8} accuracy {acc:.3f} (floor {FLOORS[name]:.2f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
