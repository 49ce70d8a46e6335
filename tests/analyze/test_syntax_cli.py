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


def head_of(rows, phrase):
    """The head outside `phrase` (space-separated words) of the phrase's top word; "ROOT" for the root."""
    words = phrase.split()
    for k in range(len(rows) - len(words) + 1):
        if [r[1] for r in rows[k:k + len(words)]] == words:
            inside = set(range(k + 1, k + len(words) + 1))
            for r in rows[k:k + len(words)]:
                h = int(r[6]) if r[6].isdigit() else -1
                if h not in inside:
                    return "ROOT" if h == 0 else (rows[h - 1][1] if 0 < h <= len(rows) else None)
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

    # (sentence, [(phrase, expected head of the phrase)]); a phrase is checked through whichever of
    # its words heads it ("Gen. Smith": UD may hang "Smith" on "Gen." or the other way round).
    cases = [
        ("The U.S. military conducted airstrikes on Friday against 85 targets in Iraq.",
         [("The U.S. military", "conducted"), ("conducted", "ROOT"), ("airstrikes", "conducted")]),
        ("Gen. Smith said the troops would leave on Tuesday.",
         [("Gen. Smith", "said"), ("said", "ROOT"), ("the troops", "leave")]),
        ("\u201cWe will not negotiate,\u201d Foreign Minister Fuad Hussein told reporters.",
         [("Foreign Minister Fuad Hussein", "told"), ("reporters", "told")]),
        ("Iran's president didn't attend the summit in Geneva.",
         [("Iran 's president", "attend"), ("n't", "attend"), ("did", "attend")]),
        ("U.S. Strikes Houthi Targets in Yemen", []),
        ("The embassy was attacked by militants who had crossed the border.",
         [("The embassy", "attacked"), ("attacked", "ROOT")]),
        ("Rebels killed 12 soldiers near the border.", [("Rebels", "killed"), ("killed", "ROOT")]),
    ]
    # Known errors, printed but not failed (docs/SYNTAX.md, "Known errors"): EWT is web text in the
    # present tense, so the tagger often reads a news past tense after a plural subject as a
    # participle (VBN) and the parser then builds a reduced relative; a dash-bracketed apposition
    # confuses the parser.
    known = [
        ("Iraqi forces attacked the town.", [("Iraqi forces", "attacked"), ("attacked", "ROOT")]),
        ("The protesters -- about 2,500 of them -- marched to the embassy.",
         [("marched", "ROOT"), ("The protesters", "marched")]),
    ]
    for text, expect in cases + known:
        sents = conllu(ng, text)
        check(len(sents) == 1, f"{text!r}: {len(sents)} sentences")
        well_formed(sents, text[:40])
        if sents:
            for phrase, head in expect:
                got = head_of(sents[0], phrase)
                if got != head:
                    msg = f"{text!r}: head of {phrase!r} is {got!r}, expected {head!r}"
                    if (text, expect) in known:
                        print("known error:", msg)
                    else:
                        failures.append(msg)

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
    for w in ("Iraqi", "forces", "attacked", "the", "town"):
        check(f"  {w}  " in out.split("sentence 0:")[0], f"explain: {w!r} missing from the tree: {out[:300]!r}")

    for f in failures:
        print("FAIL:", f)
    print(f"{'FAILED' if failures else 'ok'}: syntax CLI ({len(failures)} failures)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
