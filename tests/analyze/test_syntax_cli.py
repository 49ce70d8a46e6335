#!/usr/bin/python3
"""`newsgraph analyze --format conllu` and `explain` on news sentences: one root per sentence, sane
heads (the subject hangs on the main verb), bounded on a 5,000-token sentence and on garbage bytes.

  /usr/bin/python3 tests/analyze/test_syntax_cli.py <path-to-newsgraph>
Exit 0 pass, 1 fail, 77 skip (no binary or no syntax models in <build>/data/syntax).
"""
import os
import subprocess
import sys
import time

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def conllu(ng, text, timeout=120):
    p = subprocess.run([ng, "analyze", "--format", "conllu", "-"], input=text.encode(), capture_output=True,
                       timeout=timeout)
    check(p.returncode == 0, f"exit {p.returncode} on {text[:60]!r}: {p.stderr[-300:]!r}")
    sentences, rows = [], []
    for line in p.stdout.decode("utf-8", "replace").split("\n"):
        if line.startswith("#"):
            continue
        if not line:
            if rows:
                sentences.append(rows)
            rows = []
            continue
        f = line.split("\t")
        check(len(f) == 10, f"row with {len(f)} fields: {line!r}")
        if len(f) == 10:
            rows.append(f)
    if rows:
        sentences.append(rows)
    return sentences


def well_formed(sentences, what):
    for rows in sentences:
        roots = [r for r in rows if r[6] == "0"]
        check(len(roots) == 1, f"{what}: {len(roots)} roots in {' '.join(r[1] for r in rows)[:80]!r}")
        for r in rows:
            ok = r[6].isdigit() and 0 <= int(r[6]) <= len(rows) and r[6] != r[0]
            check(ok, f"{what}: bad head {r[6]!r} for {r[1]!r}")
            check(r[3] != "_" and r[7] != "_", f"{what}: untagged/unlabelled row {r}")


def head_of(rows, word):
    for r in rows:
        if r[1] == word:
            h = int(r[6])
            return "ROOT" if h == 0 else rows[h - 1][1]
    return None


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    models = os.path.join(os.path.dirname(os.path.abspath(ng)), "data", "syntax")
    for m in ("tagger.model", "parser.model"):
        if not os.path.exists(os.path.join(models, m)):
            print(f"SKIP: no {m} in {models} (make train-syntax)")
            return 77

    # (sentence, [(word, expected head)])
    cases = [
        ("The U.S. military conducted airstrikes on Friday against 85 targets in Iraq.",
         [("military", "conducted"), ("conducted", "ROOT"), ("airstrikes", "conducted")]),
        ("Gen. Smith said the troops would leave on Tuesday.",
         [("Smith", "said"), ("said", "ROOT"), ("troops", "leave")]),
        ("\u201cWe will not negotiate,\u201d Foreign Minister Fuad Hussein told reporters.",
         [("Hussein", "told"), ("reporters", "told")]),
        ("The protesters -- about 2,500 of them -- marched to the embassy.",
         [("marched", "ROOT"), ("protesters", "marched")]),
        ("Iran's president didn't attend the summit in Geneva.",
         [("president", "attend"), ("n't", "attend"), ("did", "attend")]),
        ("U.S. Strikes Houthi Targets in Yemen", []),
        ("The embassy was attacked by militants who had crossed the border.",
         [("embassy", "attacked"), ("attacked", "ROOT")]),
    ]
    for text, expect in cases:
        sents = conllu(ng, text)
        check(len(sents) == 1, f"{text!r}: {len(sents)} sentences")
        well_formed(sents, text[:40])
        if sents:
            for word, head in expect:
                got = head_of(sents[0], word)
                check(got == head, f"{text!r}: head of {word!r} is {got!r}, expected {head!r}")

    # A whole article: every sentence well formed, offsets-derived forms intact.
    article = ("Fighting broke out in Khartoum on Saturday. The army said it had regained control of the "
               "airport, but the RSF denied the claim. \"We are not leaving,\" a commander told Reuters. "
               "Dr. Ahmed, 54, who runs a clinic in the city, said 1,200 people were wounded.")
    sents = conllu(ng, article)
    check(len(sents) == 4, f"article: {len(sents)} sentences")
    well_formed(sents, "article")

    # Bounded: a 5,000-token sentence and garbage bytes.
    long_text = " ".join(["troops", "attacked", "the", "town", "and"] * 1000) + "."
    t0 = time.time()
    sents = conllu(ng, long_text, timeout=60)
    check(time.time() - t0 < 30, f"5,000-token sentence took {time.time() - t0:.1f} s")
    well_formed(sents, "long")
    garbage = bytes((i * 131 + 7) % 256 for i in range(200000))
    p = subprocess.run([ng, "analyze", "--format", "conllu", "-"], input=garbage, capture_output=True, timeout=60)
    check(p.returncode in (0, 1), f"garbage: exit {p.returncode} {p.stderr[-200:]!r}")

    # explain shows the tree before the trace.
    p = subprocess.run([ng, "explain", "Iraqi forces attacked the town."], capture_output=True, timeout=60)
    out = p.stdout.decode("utf-8", "replace")
    check(p.returncode == 0 and out.startswith("tree 1:"), f"explain: no tree first: {out[:200]!r}")
    check("root  attacked" in out, f"explain: 'attacked' is not the root: {out[:300]!r}")

    for f in failures:
        print("FAIL:", f)
    print(f"{'FAILED' if failures else 'ok'}: syntax CLI ({len(failures)} failures)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
