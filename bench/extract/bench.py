#!/usr/bin/python3
"""Extraction benchmark: newsgraph against its peers on every set in ../shared/bench/extraction.

  /usr/bin/python3 bench/extract/bench.py [--sets a,b] [--extractors x,y] [--limit N]
      [--newsgraph PATH] [--out DIR] [--chart PATH] [--rerun-peers] [--timeout S] [--cpu N]

Prints per-set tables (token F1, P, R, shingle F1, pages/s, peak RSS, failures), a summary, a
sanity check of the metric against each set's peers-f1.tsv and the pages newsgraph loses most on.
Writes per-page TSVs to --out and a F1-vs-speed chart. Peer outputs are cached in --out/cache.
See bench/extract/README.md for the metric definitions.
"""
import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path
from statistics import fmean

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
import harness  # noqa: E402
import scoring  # noqa: E402

ALL = ["newsgraph", *harness.PEERS]
# Column of peers-f1.tsv that each peer here should reproduce (same tool, same DOM library).
REFERENCE_COLUMN = {"readability": ["readability"], "defuddle": ["defuddle-jsdom", "defuddle"],
                    "readability-lxml": ["readability-lxml"], "html-text": ["html-text"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", help="comma-separated set names (default: every set found)")
    ap.add_argument("--extractors", default=",".join(ALL), help=f"comma-separated, from {','.join(ALL)}")
    ap.add_argument("--limit", type=int, help="first N pages of each set (quick runs)")
    ap.add_argument("--newsgraph", type=Path, default=harness.DEFAULT_NEWSGRAPH, help="binary path")
    ap.add_argument("--out", type=Path, default=corpus.REPO / "bench" / "out")
    ap.add_argument("--chart", type=Path, help="PNG path (default OUT/extract.png)")
    ap.add_argument("--rerun-peers", action="store_true", help="ignore cached peer outputs")
    ap.add_argument("--timeout", type=float, default=60.0, help="CPU seconds without output = hung page")
    ap.add_argument("--cpu", type=int, default=0, help="core to pin every extractor to")
    args = ap.parse_args()
    harness.CPU = args.cpu

    root = corpus.extraction_dir()
    sets = args.sets.split(",") if args.sets else corpus.discover_sets(root)
    if not sets:
        print(f"no extraction sets under {root} (set NG_SHARED to the shared/ folder)", file=sys.stderr)
        return 2
    names = args.extractors.split(",")
    unknown = [n for n in names if n not in ALL]
    if unknown:
        ap.error(f"unknown extractor(s) {unknown}; choose from {ALL}")
    extractors = []
    for n in names:
        if n != "newsgraph":
            extractors.append(harness.PEERS[n])
        elif args.newsgraph.is_file():
            extractors.append(harness.newsgraph(args.newsgraph.resolve()))
        else:
            print(f"newsgraph: {args.newsgraph} not found, skipped (build it, or pass --newsgraph PATH)")

    summary: dict[str, dict[str, dict]] = {}  # set -> extractor -> row
    for name in sets:
        summary[name] = bench_set(name, root, extractors, args)
    print_summary(summary)
    chart = args.chart or args.out / "extract.png"
    draw_chart(summary, chart)
    print(f"\nchart: {chart}\nper-page scores: {args.out}/<set>/<extractor>.tsv")
    return 0


def bench_set(name: str, root: Path, extractors, args) -> dict[str, dict]:
    pages = corpus.load_pages(name, args.limit, root)
    digest = corpus.corpus_sha256(pages)
    gold = {p.id: corpus.read_gold(p) for p in pages}
    print(f"\n== {name}: {len(pages)} pages, corpus {digest[:12]}")
    rows, per_page = {}, {}
    for ex in extractors:
        run = cached_run(ex, name, pages, digest, args)
        scores = {p.id: scoring.score_page(gold[p.id], run.pages[p.id].text) for p in pages}
        per_page[ex.name] = scores
        s = scoring.score_set(list(scores.values()))
        rows[ex.name] = {"f1": s.f1, "precision": s.precision, "recall": s.recall,
                         "shingle_f1": s.shingle_f1, "pages_per_s": len(pages) / run.seconds if run.seconds else 0.0,
                         "rss_mb": run.rss_mb, "failures": run.failures}
        write_page_tsv(args.out / name / f"{ex.name}.tsv", pages, scores, run)
        if ex.name == "newsgraph":  # texts to diff against gold while tuning
            with open(args.out / name / "newsgraph.jsonl", "w", encoding="utf-8") as f:
                for p in pages:
                    f.write(json.dumps({"id": p.id, **run.pages[p.id].__dict__}, ensure_ascii=False) + "\n")
    print_set_table(rows)
    reference = read_reference(root / name / "peers-f1.tsv")
    print_sanity(per_page, reference)
    print_losses(per_page, reference)
    return rows


def cached_run(ex: harness.Extractor, name: str, pages, digest: str, args) -> harness.RunResult:
    """Peers are cached by (extractor, set, corpus hash, runner sources); newsgraph always runs."""
    path = None
    if ex.name != "newsgraph":
        key = hashlib.sha256(f"{digest}:{harness.runner_digest(ex)}".encode()).hexdigest()[:16]
        path = args.out / "cache" / f"{ex.name}-{name}-{key}.json"
        if path.is_file() and not args.rerun_peers:
            print(f"  {ex.name}: cached ({path.name})")
            return harness.RunResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    print(f"  {ex.name}: running {len(pages)} pages ...", flush=True)
    run = harness.run_extractor(ex, pages, args.timeout, args.out / "logs" / f"{ex.name}-{name}.stderr")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(run.to_json(), ensure_ascii=False), encoding="utf-8")
    return run


def write_page_tsv(path: Path, pages, scores, run: harness.RunResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "f1", "precision", "recall", "shingle_tp", "shingle_fp", "shingle_fn", "seconds", "wall", "error"])
        for p in pages:
            s, r = scores[p.id], run.pages[p.id]
            w.writerow([p.id, f"{s.f1:.4f}", f"{s.precision:.4f}", f"{s.recall:.4f}",
                        *(f"{x:.4f}" for x in s.shingles), f"{r.seconds:.4f}", f"{r.wall:.4f}", r.error or ""])


def read_reference(path: Path) -> dict[str, dict[str, float]]:
    """peers-f1.tsv: id -> {peer setting -> token F1} (may cover only some pages)."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as f:
        return {row.pop("id"): {k: float(v) for k, v in row.items() if v not in ("", None)}
                for row in csv.DictReader(f, delimiter="\t")}


def print_set_table(rows: dict[str, dict]) -> None:
    print(f"  {'extractor':<18}{'token F1':>9}{'prec':>7}{'recall':>7}{'shingle F1':>11}"
          f"{'pages/s':>9}{'peak RSS MB':>12}{'failures':>9}")
    for n, r in rows.items():
        print(f"  {n:<18}{r['f1']:>9.3f}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['shingle_f1']:>11.3f}"
              f"{r['pages_per_s']:>9.1f}{r['rss_mb']:>12.0f}{r['failures']:>9d}")


def print_sanity(per_page, reference) -> None:
    """Our per-page F1 of a peer vs the same peer's column in peers-f1.tsv: a large gap means
    our metric, runner or text conversion differs from how the reference was made."""
    for n, cols in REFERENCE_COLUMN.items():
        col = next((c for c in cols if any(c in row for row in reference.values())), None)
        if n not in per_page or col is None:
            continue
        diffs = [abs(per_page[n][i].f1 - reference[i][col]) for i in per_page[n] if col in reference.get(i, {})]
        if diffs:
            print(f"  sanity: {n} vs peers-f1.tsv[{col}]: mean |dF1| {fmean(diffs):.4f} over {len(diffs)} pages, "
                  f"{sum(d > 0.05 for d in diffs)} pages off by > 0.05")


def print_losses(per_page, reference, n: int = 10) -> None:
    """The pages where newsgraph trails the best peer most: best of peers-f1.tsv's 16 settings and
    of the peers run here."""
    if "newsgraph" not in per_page:
        return
    ng = per_page["newsgraph"]
    rows = []
    for pid, s in ng.items():
        best = dict(reference.get(pid, {}))
        best.update({k: v[pid].f1 for k, v in per_page.items() if k != "newsgraph"})
        if best:
            peer = max(best, key=best.get)
            rows.append((best[peer] - s.f1, pid, s.f1, peer, best[peer]))
    rows.sort(key=lambda r: (-r[0], r[2]))
    print(f"  newsgraph's {n} largest losses to the best peer:")
    print(f"    {'id':<44}{'newsgraph':>10}{'best peer':>10}  peer")
    for gap, pid, f1, peer, bf1 in rows[:n]:
        print(f"    {pid[:44]:<44}{f1:>10.3f}{bf1:>10.3f}  {peer}")


def print_summary(summary: dict[str, dict[str, dict]]) -> None:
    sets = list(summary)
    names = list(dict.fromkeys(n for rows in summary.values() for n in rows))
    print("\n== summary: mean token F1 per set (* = best peer)")
    print(f"  {'extractor':<18}" + "".join(f"{s[:22]:>23}" for s in sets))
    for n in names:
        cells = []
        for s in sets:
            rows = summary[s]
            peers = [p for p in rows if p != "newsgraph"]
            best = max(peers, key=lambda p: rows[p]["f1"]) if peers else None
            cells.append(f"{rows[n]['f1']:.3f}{'*' if n == best else ' '}" if n in rows else "-")
        print(f"  {n:<18}" + "".join(f"{c:>23}" for c in cells))
    if "newsgraph" in names:
        for peer in ("readability", "html-text"):
            ratios = [f"{summary[s]['newsgraph']['pages_per_s'] / summary[s][peer]['pages_per_s']:.1f}x"
                      if peer in summary[s] and summary[s][peer]["pages_per_s"] else "-" for s in sets]
            print(f"  {'pages/s vs ' + peer:<18}" + "".join(f"{c:>23}" for c in ratios))


def draw_chart(summary: dict[str, dict[str, dict]], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    names = list(dict.fromkeys(n for rows in summary.values() for n in rows))
    colours = dict(zip(names, plt.get_cmap("tab10").colors))
    markers = dict(zip(summary, "osD^vP*X"))
    fig, ax = plt.subplots(figsize=(9, 6))
    for s, rows in summary.items():
        for n, r in rows.items():
            if r["pages_per_s"] <= 0:
                continue
            ax.scatter(r["pages_per_s"], r["f1"], color=colours[n], marker=markers[s], s=60)
            ax.annotate(n, (r["pages_per_s"], r["f1"]), textcoords="offset points", xytext=(5, 4), fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel("pages per CPU second on one core (log scale; newsgraph includes process startup)")
    ax.set_ylabel("mean token F1")
    ax.set_title("main-content extraction: quality vs speed")
    ax.grid(True, which="both", alpha=0.3)
    handles = [Line2D([], [], color=c, marker="o", linestyle="", label=n) for n, c in colours.items()]
    handles += [Line2D([], [], color="grey", marker=m, linestyle="", label=s) for s, m in markers.items()]
    ax.legend(handles=handles, fontsize=8, loc="lower left")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
