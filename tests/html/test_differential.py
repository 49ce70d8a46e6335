#!/usr/bin/python3
"""Differential test: our HTML parser (--parser fast) against gumbo (--parser gumbo).

  /usr/bin/python3 tests/html/test_differential.py <path-to-newsgraph>   (cwd = repo root, via CTest)

On every page of the bundled corpus/ and, when ../shared/bench/extraction exists, of every bench
set, `newsgraph extract --format jsonl` runs with each parser. A page passes when the title and
the block texts are equal. A page that differs must be listed in tests/html/known_differences.md
(a line "- `<set>/<page id>`: why"), and at most 1% of all pages may be listed. Per bench set, the
token F1 against the gold text (bench/extract/scoring.py) of the fast path must be within 0.002
of gumbo's. Exit 0 pass, 1 fail (the bench part is skipped with a message when ../shared is absent).
"""
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "extract"))
import corpus  # noqa: E402
import scoring  # noqa: E402

KNOWN = Path(__file__).resolve().parent / "known_differences.md"
MAX_KNOWN_SHARE = 0.01
MAX_F1_DELTA = 0.002


def run(binary: Path, inputs: list[Path], parser: str) -> dict[str, dict]:
    out = subprocess.run([str(binary), "extract", *map(str, inputs), "--format", "jsonl", "--parser", parser,
                          "--quiet"], capture_output=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"FAIL: newsgraph extract --parser {parser} exited {out.returncode}: "
                         f"{out.stderr.decode(errors='replace')[:400]}")
    pages = {}
    for line in out.stdout.decode("utf-8").split("\n"):
        if not line.strip():
            continue
        rec = json.loads(line)
        pages[Path(rec["source"]).stem] = rec
    return pages


def view(rec: dict) -> tuple:
    return (rec.get("error"), rec.get("title") or "", [b["text"] for b in rec.get("blocks") or []])


def known_pages() -> set[str]:
    if not KNOWN.is_file():
        return set()
    return set(re.findall(r"^- `([^`]+)`", KNOWN.read_text(encoding="utf-8"), flags=re.M))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = Path(sys.argv[1]).resolve()
    if not binary.is_file():
        print(f"FAIL: newsgraph binary {binary} not found")
        return 1
    known = known_pages()
    sets = [("corpus", sorted((REPO / "corpus").glob("*.html")), None)]
    root = corpus.extraction_dir()
    if root.is_dir():
        for name in corpus.discover_sets(root):
            sets.append((name, sorted((root / name / "html").glob("*.html")), corpus.load_pages(name, root=root)))
    else:
        print("note: ../shared/bench/extraction not found; bench sets skipped (corpus only)")
    total, differing, unlisted, failed = 0, [], [], []
    for name, files, scored in sets:
        if not files:
            continue
        fast, gumbo = run(binary, files, "fast"), run(binary, files, "gumbo")
        diff = []
        for f in files:
            a, b = fast.get(f.stem), gumbo.get(f.stem)
            if a is None or b is None or view(a) != view(b):
                diff.append(f"{name}/{f.stem}")
        total += len(files)
        differing += diff
        unlisted += [d for d in diff if d not in known]
        line = f"{name:<24} pages {len(files):4d}  differ {len(diff):3d}"
        if scored:
            def f1(recs):
                return scoring.score_set([scoring.score_page(corpus.read_gold(p), (recs.get(p.id) or {}).get("text") or "")
                                          for p in scored]).f1
            f_fast, f_gumbo = f1(fast), f1(gumbo)
            ok = abs(f_fast - f_gumbo) <= MAX_F1_DELTA
            line += f"  token F1 fast {f_fast:.4f} gumbo {f_gumbo:.4f} delta {f_fast - f_gumbo:+.4f}"
            if not ok:
                failed.append(f"{name}: F1 delta {f_fast - f_gumbo:+.4f} > {MAX_F1_DELTA}")
        print(line)
    for d in differing:
        print(f"  {'known' if d in known else 'NEW  '} {d}")
    if unlisted:
        failed.append(f"{len(unlisted)} differing pages not listed in {KNOWN.relative_to(REPO)}")
    if len(differing) > MAX_KNOWN_SHARE * total:
        failed.append(f"{len(differing)} of {total} pages differ (> {MAX_KNOWN_SHARE:.0%})")
    print(f"{total} pages, {len(differing)} differ ({len(differing) / max(total, 1):.2%})")
    for f in failed:
        print(f"FAIL {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
