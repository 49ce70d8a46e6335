#!/usr/bin/python3
"""Dictionary coverage: every CAMEO leaf code has a verb pattern, and every pattern line is sound.

  /usr/bin/python3 tests/code/test_dictionary.py [<path-to-newsgraph>]

Leaf codes: codes in data/code/cameo_event_codes.tsv with no longer code under them (254 of 311).
Each must appear as the code of at least one data/code/verbs.txt line (patterns written from the
code's meaning). Every conversion and frame code must exist in the table. No pattern may be
listed twice for the same code (copy-paste slips). Exit 0 pass, 1 fail.
"""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
D = os.path.join(REPO, "data", "code")


def rows(name):
    with open(os.path.join(D, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield n, line.split("\t")


def main():
    codes = [r[0] for _, r in rows("cameo_event_codes.tsv") if r[0].isdigit()]
    leaves = [c for c in codes if not any(d != c and d.startswith(c) for d in codes)]
    problems = []
    verbs = {}
    for n, r in rows("verbs.txt"):
        if len(r) < 2:
            problems.append(f"verbs.txt:{n}: no pattern")
            continue
        key = (r[0], r[1].strip())
        if key in verbs:
            problems.append(f"verbs.txt:{n}: duplicate of line {verbs[key]}")
        verbs[key] = n
    have = {c for c, _ in verbs}
    missing = [c for c in leaves if c not in have]
    if missing:
        problems.append(f"leaf codes without a verb pattern: {missing}")
    unknown = sorted(have - set(codes))
    if unknown:
        problems.append(f"verbs.txt codes not in the CAMEO table: {unknown}")
    for n, r in rows("conversions.tsv"):
        if r[2] not in codes:
            problems.append(f"conversions.tsv:{n}: unknown code {r[2]}")
    for n, r in rows("frames.txt"):
        if len(r) > 2 and r[2] and r[2] not in codes:
            problems.append(f"frames.txt:{n}: unknown bare code {r[2]}")
    print(f"{len(codes)} codes, {len(leaves)} leaves, {len(verbs)} patterns, {len(leaves) - len(missing)} leaves covered")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
