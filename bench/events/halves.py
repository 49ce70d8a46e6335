#!/usr/bin/python3
"""Fixed tune / confirm halves of every event dev set (issue 13: tune on one half, confirm on the
other, report both).

  from halves import half_of, split        # bench/events on sys.path
  half_of("plover-gsr-dev", record)  -> "tune" | "confirm"
  /usr/bin/python3 bench/events/halves.py  # prints the size of each half per set

The half of a record is decided by a stable hash (SHA-1) of a key, never by file order or by
content we tune on:
  * plover-gsr-dev:        the record id
  * conflibert-quad-dev:   the record id
  * case2021-events-dev:   the variant group when there is one (edited copies of one snippet stay
                           on one side), else the id
  * ngec-actors-dev:       the casefolded, space-collapsed phrase (one phrase never on both sides)
  * validation suites:     the record id (they are contracts for foreign dictionaries, reported whole
                           as well)
"""
import hashlib
import json
import os
import sys

SETS = ("plover-gsr-dev", "conflibert-quad-dev", "case2021-events-dev", "ngec-actors-dev",
        "tabari-validate", "up-validate-2_02", "petrarch2-unittest")


def _key(set_name, rec):
    if set_name.startswith("case2021"):
        return str(rec.get("variant_group") or rec["id"])
    if set_name.startswith("ngec"):
        return " ".join(str(rec.get("phrase", "")).casefold().split())
    return str(rec["id"])


def half_of(set_name, rec):
    h = hashlib.sha1(("newsgraph-halves-v1|" + _key(set_name, rec)).encode("utf-8")).digest()
    return "tune" if h[0] % 2 == 0 else "confirm"


def split(set_name, records):
    out = {"tune": [], "confirm": []}
    for r in records:
        out[half_of(set_name, r)].append(r)
    return out


def load(shared, set_name):
    path = os.path.join(shared, "bench", "events", set_name, "records.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
    for s in SETS:
        try:
            recs = load(shared, s)
        except OSError:
            print(f"{s}: not found under {shared}")
            continue
        parts = split(s, recs)
        print(f"{s:<22} tune {len(parts['tune']):>5}  confirm {len(parts['confirm']):>5}")
