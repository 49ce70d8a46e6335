#!/usr/bin/python3
"""Golden test: `newsgraph analyze` on the seed article finds every expected entity, quantity and date.

  /usr/bin/python3 tests/golden/test_seed_analysis.py <path-to-newsgraph>

The article text and the expectation are ../shared/seed/000_990763cec5e87549.txt and
seed-article.expected-analysis.json when present, else the copies in tests/fixtures/. The
publication date is the expectation's "published" (2024-02-07). Every finding's offsets are checked
by slicing the UTF-8 bytes of the analysed text. Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(REPO, "..", "shared", "seed")
FIXTURES = os.path.join(REPO, "tests", "fixtures")


def pick(shared_name, fixture_name):
    p = os.path.join(SHARED, shared_name)
    return p if os.path.isfile(p) else os.path.join(FIXTURES, fixture_name)


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    text_path = pick("000_990763cec5e87549.txt", "seed-article.txt")
    exp_path = pick("seed-article.expected-analysis.json", "seed-article.expected-analysis.json")
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    proc = subprocess.run([sys.argv[1], "analyze", text_path, "--date", exp["published"]],
                          capture_output=True, timeout=120)
    if proc.returncode != 0:
        print(f"FAIL: exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-400:]}")
        return 1
    out = json.loads(proc.stdout)
    raw = out["text"].encode("utf-8")
    with open(text_path, "rb") as f:
        original = f.read()
    problems = []
    if raw != original:
        problems.append("the output's text differs from the input file")

    def sliced(item):
        return raw[item["begin"]:item["end"]].decode("utf-8", errors="replace")

    # Offsets: every finding's text is exactly the slice of the input.
    for group in ("entities", "quantities", "dates", "sentences"):
        for i, item in enumerate(out[group]):
            if sliced(item) != item["text"]:
                problems.append(f"{group}[{i}] offsets [{item['begin']},{item['end']}) give {sliced(item)!r}, text is {item['text']!r}")

    ents = out["entities"]

    def find_entity(kind, want):
        for e in ents:
            if e["kind"] != kind or e["mention"] not in ("name", "description"):
                continue
            if want["name"] not in (e["text"], e["name"]):
                continue
            if e["country"] != want.get("country"):
                continue
            if "role" in want and e["role"] != want["role"]:
                continue
            if "title" in want and e["title"] != want["title"]:
                continue
            return e
        return None

    found = 0
    for kind, key in (("person", "persons"), ("organization", "organizations"), ("location", "locations")):
        for want in exp["entities"][key]:
            e = find_entity(kind, want)
            if e is None:
                close = [(x["text"], x["country"], x["role"], x["title"]) for x in ents if want["name"].split()[-1] in x["text"]]
                problems.append(f"{kind} {want} not found; near: {close[:4]}")
            else:
                found += 1
    # Coreference: later "Hussein" and "He" resolve to Fuad Hussein.
    for mention, kind in (("Hussein", "partial"), ("He", "pronoun")):
        if not any(e["text"] == mention and e["mention"] == kind and e["name"] == "Fuad Hussein" for e in ents):
            problems.append(f"{kind} mention {mention!r} does not resolve to Fuad Hussein")

    for want in exp["quantities"]:
        hit = [q for q in out["quantities"] if q["text"] == want["text"]]
        if not hit:
            problems.append(f"quantity {want['text']!r} not found; got {[q['text'] for q in out['quantities']]}")
            continue
        q = hit[0]
        for field in ("value", "unit", "kind", "qualifier", "country"):
            if q.get(field) != want.get(field):
                problems.append(f"quantity {want['text']!r}: {field} expected {want.get(field)!r}, got {q.get(field)!r}")
        found += 1

    for want in exp["dates"]:
        hit = [d for d in out["dates"] if d["text"] == want["text"]]
        if not hit:
            problems.append(f"date {want['text']!r} not found; got {[d['text'] for d in out['dates']]}")
        elif hit[0]["resolved"] != want["resolved"]:
            problems.append(f"date {want['text']!r}: resolved {hit[0]['resolved']!r}, expected {want['resolved']!r}")
        else:
            found += 1

    if problems:
        print(f"FAIL seed analysis ({os.path.relpath(exp_path, REPO)})")
        for p in problems:
            print("     " + p)
        return 1
    total = sum(len(v) for v in exp["entities"].values()) + len(exp["quantities"]) + len(exp["dates"])
    print(f"PASS seed analysis: {found}/{total} expected entities, quantities and dates, offsets exact "
          f"({len(out['sentences'])} sentences, {len(ents)} entity mentions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
