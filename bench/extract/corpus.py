"""The extraction ground-truth sets in ../shared/bench/extraction, read in place (never copied).

A set is a folder with html/<id>.html (raw bytes) and gold/<id>.txt (gold article text);
only gold/<id>.txt is scored, the other gold files are the sets' original formats.
"""
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """NG_SHARED overrides <repo>/../shared (CI clones the repo beside its own copy of shared/)."""
    return Path(os.environ.get("NG_SHARED") or REPO.parent / "shared").resolve()


def extraction_dir() -> Path:
    return shared_dir() / "bench" / "extraction"


@dataclass(frozen=True)
class Page:
    id: str
    html: Path
    gold: Path


def discover_sets(root: Path | None = None) -> list[str]:
    root = root or extraction_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "html").is_dir() and (p / "gold").is_dir())


def load_pages(name: str, limit: int | None = None, root: Path | None = None) -> list[Page]:
    """Pages sorted by id; pages without gold/<id>.txt are not scorable and are left out."""
    d = (root or extraction_dir()) / name
    pages = []
    for html in sorted((d / "html").glob("*.html")):
        gold = d / "gold" / f"{html.stem}.txt"
        if gold.is_file():
            pages.append(Page(html.stem, html, gold))
    return pages[:limit] if limit else pages


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_sha256(pages: list[Page]) -> str:
    """sha256 of the lines "<id>\\t<sha256(html)>\\t<sha256(gold txt)>\\n", sorted by id.

    Pins exactly what is scored: any added, removed or edited page or gold changes it.
    """
    h = hashlib.sha256()
    for p in sorted(pages, key=lambda p: p.id):
        h.update(f"{p.id}\t{_sha256(p.html)}\t{_sha256(p.gold)}\n".encode())
    return h.hexdigest()


def read_gold(page: Page) -> str:
    return page.gold.read_text(encoding="utf-8")
