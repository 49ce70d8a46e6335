#!/usr/bin/python3
"""Quality gate: newsgraph's mean token F1 on each extraction set must stay at or above its floor.

  /usr/bin/python3 tests/quality/test_floors.py <path-to-newsgraph>    (cwd = repo root, via CTest)

Floors and corpus hashes are pinned in tests/quality/floors.json; running and scoring are
bench/extract's (same metric as `make bench-extract`). Exit 0 pass, 1 fail, 77 skip (no ../shared).
"""
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "extract"))
import corpus  # noqa: E402
import harness  # noqa: E402
import scoring  # noqa: E402

FLOORS = Path(__file__).resolve().parent / "floors.json"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = Path(sys.argv[1]).resolve()
    root = corpus.extraction_dir()
    if not root.is_dir():
        print("SKIP: ../shared/bench/extraction not found (extended tier needs ../shared)")
        return 77
    if not binary.is_file():
        print(f"FAIL: newsgraph binary {binary} not found")
        return 1
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["sets"]
    extractor = harness.newsgraph(binary)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, floor in sorted(floors.items()):
            pages = corpus.load_pages(name, root=root)
            digest = corpus.corpus_sha256(pages)
            if digest != floor["corpus_sha256"]:
                print(f"FAIL {name}: corpus changed ({len(pages)} pages, sha256 {digest[:12]}; floors.json pins "
                      f"{floor['pages']} pages, {floor['corpus_sha256'][:12]}): re-measure and update "
                      f"floors.json on purpose")
                failed.append(name)
                continue
            run = harness.run_extractor(extractor, pages, timeout=60.0, log_path=Path(tmp) / f"{name}.stderr")
            scores = [scoring.score_page(corpus.read_gold(p), run.pages[p.id].text) for p in pages]
            f1 = scoring.score_set(scores).f1
            ok = f1 >= floor["token_f1"]
            print(f"{'ok  ' if ok else 'FAIL'} {name:<24} token F1 {f1:.4f}  floor {floor['token_f1']:.4f}  "
                  f"pages {len(pages)}  failures {run.failures}  {run.wall:.1f}s")
            if not ok:
                failed.append(name)
    for name in sorted(set(corpus.discover_sets(root)) - set(floors)):
        print(f"note {name}: no floor in floors.json (not gated)")
    print(f"{len(floors) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
