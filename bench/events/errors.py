#!/usr/bin/python3
"""Error listing for one event dev set and half, to read while tuning (tune half by default).

  /usr/bin/python3 bench/events/errors.py case2021 [--half tune|confirm] [--only miss|fp]

plover: a miss = a record with no event of a gold (category, source country); fp = an event matching none.
case2021: a miss = the snippet's PLOVER category is not among our events; fp = an event of another
category. conflibert: a miss = no event of the gold quad with a source over a gold span; fp = an
event that is not right. Prints id, text, gold and what we coded (code, plover, source text).
Read the confirm half only to confirm, never to tune.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import halves  # noqa: E402
import bench_all  # noqa: E402

NAMES = {"case2021": "case2021-events-dev", "conflibert": "conflibert-quad-dev", "plover": "plover-gsr-dev",
         "ngec": "ngec-actors-dev"}


def ngec_errors(binary, recs):
    """ngec: a record is wrong when an asserted field (country, sector = role) differs from ours."""
    import subprocess
    for r in recs:
        want = {k: r[k] for k in ("country", "sector") if r.get(k) is not None}
        if not want:
            continue
        args = [binary, "actor", r["phrase"], "--format", "json"]
        d = (r.get("context") or {}).get("date")
        if d:
            args += ["--date", str(d)[:10]]
        out = subprocess.run(args, capture_output=True, text=True).stdout
        got = json.loads(out.splitlines()[0]) if out.strip() else {}
        have = {"country": got.get("country") or "", "sector": got.get("role") or ""}
        if all(have[k] == (v or "") for k, v in want.items()):
            continue
        print(f"{r['id']} {r['phrase']!r} date={d} want {want} got {have} "
              f"({got.get('reason') or got.get('matched') or ''})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=sorted(NAMES))
    ap.add_argument("--half", default="tune", choices=("tune", "confirm"))
    ap.add_argument("--only", choices=("miss", "fp"))
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    args = ap.parse_args()
    name = NAMES[args.set]
    recs = halves.split(name, halves.load(args.shared, name))[args.half]
    if args.set == "ngec":
        ngec_errors(args.bin, recs)
        return
    mod = bench_all.load_scorer(args.shared)
    quad = mod.load_quad(os.path.join(args.shared, "tables"))
    if args.set == "case2021":
        recs = [r for r in recs if r.get("plover")]
    elif args.set == "plover":
        pass
    else:
        recs = [r for r in recs if r.get("quad") is not None and r.get("has_spans") and r.get("sources")]
    by = mod.code_sentences(args.bin, recs)
    for r in recs:
        evs = by.get(r["id"], [])
        rows = []
        hit = False
        for e in evs:
            src = e.get("source") or {}
            if args.set == "case2021":
                ok = e.get("plover") == r["plover"]
            elif args.set == "plover":
                gold = [((g.get("code_plover_current") or g.get("code")), (g.get("source") or "")[:3]) for g in r.get("events") or []]
                ok = (e.get("plover"), (src.get("code") or "")[:3]) in gold
            else:
                c = e.get("cameo") or ""
                q = quad.get(c, quad.get(c[:3], quad.get(c[:2])))
                gold = (r.get("source_offsets") or []) + (r.get("reciprocal_offsets") or [])
                ok = q == r["quad"] and src.get("begin") is not None and mod.overlaps((src["begin"], src["end"]), gold)
            hit = hit or ok
            stext = r["text"][src["begin"]:src["end"]] if src.get("begin") is not None else "-"
            rows.append(f"    {'ok' if ok else 'XX'} {e.get('cameo')} {e.get('plover')} src={stext!r} ({src.get('code', '')})")
        fp = any(x.startswith("    XX") for x in rows)
        if args.only == "miss" and hit:
            continue
        if args.only == "fp" and not fp:
            continue
        if args.set == "case2021":
            gold = r["plover"]
        elif args.set == "plover":
            gold = [((g.get("code_plover_current") or g.get("code")), g.get("source")) for g in r.get("events") or []]
        else:
            gold = f"quad {r['quad']} src={r['sources']}"
        print(f"{r['id']} [{'hit' if hit else 'MISS'}] gold {gold}: {r['text']}")
        print("\n".join(rows))


if __name__ == "__main__":
    main()
