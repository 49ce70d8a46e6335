#!/usr/bin/python3
"""Every event bench in one table, each dev set in its fixed tune / confirm halves (halves.py).

  /usr/bin/python3 bench/events/bench_all.py [--bin build/release/newsgraph] [--shared ../shared]
                                             [--sets plover,conflibert,case2021,ngec] [--json OUT]

Scoring is exactly the reference scorer's (../shared/bench/events/score_extra.py, imported from
there) for conflibert-quad, case2021-events and ngec-actors; plover-gsr-dev is scored as
bench/events/plover_gsr.py does (PLOVER category + source country over expanded dyads). The coder
runs once per set; the halves are scored from the same output.
Exit 0 always (floors live in tests/quality); 77 when ../shared is absent.
"""
import argparse
import collections
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import halves  # noqa: E402


def load_scorer(shared):
    path = os.path.join(shared, "bench", "events", "score_extra.py")
    spec = importlib.util.spec_from_file_location("score_extra", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cached_coder(mod):
    """score_extra codes the records it is given; code each set once and serve subsets from it."""
    real = mod.code_sentences
    cache = {}

    def code(ng, recs):
        missing = [r for r in recs if r["id"] not in cache]
        if missing:
            got = real(ng, missing)
            for r in missing:
                cache[r["id"]] = got.get(r["id"], [])
        return {r["id"]: cache[r["id"]] for r in recs}
    mod.code_sentences = code
    return code


def plover_score(recs, by):
    """P/R over expanded dyads: (PLOVER category, source country) matched greedily per record."""
    tp = n_pred = n_gold = 0
    for r in recs:
        gold = []
        for g in r.get("events") or []:
            cat = g.get("code_plover_current") or g.get("code")
            if cat:
                gold.append((cat, (g.get("source") or "")[:3]))
        n_gold += len(gold)
        used = [False] * len(gold)
        for e in by.get(r["id"], []):
            if not e.get("plover"):
                continue
            n_pred += 1
            src = ((e.get("source") or {}).get("code") or "")[:3]
            for i, (gc, gs) in enumerate(gold):
                if not used[i] and gc == e["plover"] and gs == src:
                    used[i] = True
                    tp += 1
                    break
    return (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0), len(recs)


def plover_target_score(recs, by):
    """Target country right on the events that plover_score matches (category + source country):
    (share right, same, n) — the held-out AFP/Reuters set also scores the target's country."""
    n = ok = 0
    for r in recs:
        gold = [((g.get("code_plover_current") or g.get("code")), (g.get("source") or "")[:3],
                 (g.get("target") or "")[:3]) for g in r.get("events") or []]
        used = [False] * len(gold)
        for e in by.get(r["id"], []):
            src = ((e.get("source") or {}).get("code") or "")[:3]
            tgt = ((e.get("target") or {}).get("code") or "")[:3]
            for i, (gc, gs, gt) in enumerate(gold):
                if not used[i] and gc == e.get("plover") and gs == src:
                    used[i] = True
                    n += 1
                    ok += gt == tgt
                    break
    a = ok / n if n else 0.0
    return a, a, len(recs)


def quiet(fn, *a):
    """Runs a score_extra scorer without its own print lines; returns (P, R)."""
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*a)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--sets", default="plover,conflibert,case2021,ngec")
    ap.add_argument("--json", help="also write the table as JSON here")
    ap.add_argument("--no-syntax", action="store_true",
                    help="code without the tagger/parser tree (newsgraph code --no-syntax), to see what the parse buys")
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.shared, "bench", "events", "score_extra.py")):
        print(f"SKIP: {args.shared}/bench/events not found")
        return 77
    mod = load_scorer(args.shared)
    code_bin = args.bin
    if args.no_syntax:
        import stat
        import tempfile
        wrapper = os.path.join(tempfile.mkdtemp(prefix="ng-bench-"), "newsgraph-no-syntax")
        with open(wrapper, "w") as f:
            f.write('#!/bin/sh\nexec "%s" "$@" --no-syntax\n' % os.path.abspath(args.bin))
        os.chmod(wrapper, stat.S_IRWXU)
        code_bin = wrapper
    code = cached_coder(mod)
    tables = os.path.join(args.shared, "tables")
    want = args.sets.split(",")
    rows = []

    def add(name, metric, parts):
        rows.append((name, metric, parts))

    if "plover" in want:
        recs = halves.load(args.shared, "plover-gsr-dev")
        by = code(code_bin, recs)
        parts = {}
        for h, rs in [("all", recs)] + list(halves.split("plover-gsr-dev", recs).items()):
            parts[h] = plover_score(rs, by)
        add("plover-gsr-dev", "P/R (category+src country)", parts)
        tparts = {}
        for h, rs in [("all", recs)] + list(halves.split("plover-gsr-dev", recs).items()):
            tparts[h] = plover_target_score(rs, by)
        add("plover-gsr-dev target", "country (matched events)", tparts)
    for short, set_name, fn, metric in (
            ("conflibert", "conflibert-quad-dev", "conflibert", "P/R (quad+src span)"),
            ("case2021", "case2021-events-dev", "case2021", "P/R (PLOVER category)"),
            ("ngec", "ngec-actors-dev", "ngec", "accuracy")):
        if short not in want:
            continue
        recs = halves.load(args.shared, set_name)
        parts = {}
        for h, rs in [("all", recs)] + list(halves.split(set_name, recs).items()):
            p, r = quiet(getattr(mod, fn), rs, args.bin if short == "ngec" else code_bin, tables)
            parts[h] = (p, r, len(rs))
        add(set_name, metric, parts)

    print(f"{'set':<22}{'metric':<28}{'tune':>16}{'confirm':>16}{'all':>16}  gap")
    out = []
    for name, metric, parts in rows:
        cells = []
        for h in ("tune", "confirm", "all"):
            p, r, n = parts[h]
            cells.append(f"{p:.3f}" if metric in ("accuracy", "country (matched events)") else f"{p:.3f}/{r:.3f}")
        gap = max(abs(parts["tune"][0] - parts["confirm"][0]), abs(parts["tune"][1] - parts["confirm"][1]))
        print(f"{name:<22}{metric:<28}{cells[0]:>16}{cells[1]:>16}{cells[2]:>16}  {gap:.3f}")
        out.append({"set": name, "metric": metric,
                    **{h: {"p": parts[h][0], "r": parts[h][1], "n": parts[h][2]} for h in parts}})
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
