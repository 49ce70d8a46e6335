#!/usr/bin/python3
"""PLOVER gold-standard dev set: precision and recall of `newsgraph code` per PLOVER category.

  /usr/bin/python3 bench/events/plover_gsr.py [--bin build/release/newsgraph] [--shared ../shared] [-v]

Data: <shared>/bench/events/plover-gsr-dev/records.jsonl (161 sentences from the CAMEO manual,
recoded into PLOVER by Parus Analytics; see its SOURCE.md). Every record is coded as its own
one-sentence document with `newsgraph code --sentences` (date = the record's date).

How we count (over expanded dyads):
  * gold: one item per entry of a record's "events" (already expanded over compound actors):
    (category = code_plover_current, source country = first 3 letters of "source").
  * predicted: one item per emitted event whose CAMEO code maps to a PLOVER category
    (cameo_event_codes.tsv plover_category_2021 + data/code/plover_extra.tsv); events whose code
    has no PLOVER category (01x statements) are not counted either way.
    Source country = first 3 letters of the source actor code (a bare "REB" or "IGO" counts as that).
  * within one record, a predicted item matches at most one gold item and vice versa when the
    category and the source country are equal (greedy, in output order). The target is not
    compared (the GSR leaves it empty in many records).
  * precision = matches / predicted items; recall = matches / gold items; per category the same
    counts restricted to that category (predicted category for P, gold category for R).
Floors (issue 6): P >= 0.75 and R >= 0.60; the script exits 1 below them.
The dictionaries are general CAMEO patterns; none was written from this set's sentences.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss and false alarm")
    args = ap.parse_args()
    path = os.path.join(args.shared, "bench", "events", "plover-gsr-dev", "records.jsonl")
    if not os.path.isfile(path):
        print(f"SKIP: {path} not found")
        return 77
    records = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    t0 = time.time()
    proc = subprocess.run([args.bin, "code", "--sentences", path, "--format", "jsonl", "--ontology", "both"],
                          capture_output=True, timeout=600)
    elapsed = time.time() - t0
    if proc.returncode not in (0, 1):
        print(f"FAIL: newsgraph exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-400:]}")
        return 1
    pred = collections.defaultdict(list)
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        if not e.get("plover"):
            continue
        pred[e["doc_id"]].append((e["plover"], ((e.get("source") or {}).get("code") or "")[:3], e))
    tp = collections.Counter()
    n_pred = collections.Counter()
    n_gold = collections.Counter()
    for r in records:
        gold = []
        for g in r.get("events") or []:
            cat = g.get("code_plover_current") or g.get("code")
            src = (g.get("source") or "")[:3]
            if cat:
                gold.append((cat, src))
        p = pred.get(r["id"], [])
        used = [False] * len(gold)
        for cat, _ in gold:
            n_gold[cat] += 1
        matched_pred = []
        for cat, src, e in p:
            n_pred[cat] += 1
            hit = False
            for i, (gc, gs) in enumerate(gold):
                if not used[i] and gc == cat and gs == src:
                    used[i] = True
                    hit = True
                    tp[cat] += 1
                    break
            matched_pred.append(hit)
        if args.verbose:
            for (cat, src, e), hit in zip(p, matched_pred):
                if not hit:
                    tgt = (e["target"] or {}).get("code", "-")
                    print(f"  FALSE {cat:<10} {e['cameo']:<5} {e['source']['code']}->{tgt}  [{e['verb']['text']}]  {r['text'][:110]}")
            for (gc, gs), u in zip(gold, used):
                if not u:
                    print(f"  MISS  {gc:<10} {gs}  {r['text'][:130]}")
    cats = sorted(set(n_gold) | set(n_pred))
    T, P, G = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
    prec = T / P if P else 0.0
    rec = T / G if G else 0.0
    print(f"plover-gsr-dev: {len(records)} sentences, {G} gold dyads, {P} predicted, {T} matched "
          f"({elapsed:.1f}s incl. analysis and start-up)")
    print(f"{'category':<12}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}")
    for c in cats:
        p_ = tp[c] / n_pred[c] if n_pred[c] else float("nan")
        r_ = tp[c] / n_gold[c] if n_gold[c] else float("nan")
        print(f"{c:<12}{n_gold[c]:>6}{n_pred[c]:>6}{tp[c]:>7}{p_:>8.2f}{r_:>8.2f}")
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"{'overall':<12}{G:>6}{P:>6}{T:>7}{prec:>8.3f}{rec:>8.3f}   F1 {f1:.3f}")
    ok = prec >= 0.75 and rec >= 0.60
    print(("PASS" if ok else "BELOW FLOOR") + ": floors P >= 0.75, R >= 0.60")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
