"""Extraction metrics: token bag-of-words F1 (primary) and scrapinghub's shingle F1.

Token F1 (bench/README.md): tokens are lower-cased Unicode `\\w+` runs, counted with multiplicity.
Per page, overlap = sum over tokens of min(count in gold, count in prediction);
P = overlap / |prediction|, R = overlap / |gold|, F1 = 2PR / (P + R). Set scores are the means
of the per-page P, R and F1 over all pages. Edge cases, so every page counts in every mean:
  gold and prediction both without tokens -> P = R = F1 = 1 (nothing to find, nothing added);
  exactly one without tokens (incl. an extractor error) -> P = R = F1 = 0;
  no overlap -> P = R = F1 = 0.

Shingle F1 (scrapinghub article-extraction-benchmark, evaluate.py): case-sensitive `\\w+` tokens,
all runs of 4 consecutive tokens (one shorter shingle if a text has 1-3 tokens), with multiplicity.
Per page tp/fp/fn are normalised to sum 1; page precision = tp/(tp+fp) (1 if fp = fn = 0,
0 if tp = fp = 0), recall likewise. Set precision = mean over pages with tp+fp > 0, set recall =
mean over pages with tp+fn > 0, and shingle F1 = harmonic mean of those two means.
"""
import re
from collections import Counter
from dataclasses import dataclass
from statistics import fmean

_WORD = re.compile(r"\w+")  # str patterns are Unicode-aware in Python 3


def tokens(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


@dataclass(frozen=True)
class PageScore:
    precision: float
    recall: float
    f1: float
    shingles: tuple[float, float, float]  # normalised (tp, fp, fn)


def token_prf(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = Counter(tokens(gold)), Counter(tokens(pred))
    if not g and not p:
        return 1.0, 1.0, 1.0
    overlap = sum((g & p).values())
    if overlap == 0:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _WORD.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def shingle_counts(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = _shingles(gold), _shingles(pred)
    tp = sum((g & p).values())
    fp, fn = sum((p - g).values()), sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def score_page(gold: str, pred: str) -> PageScore:
    return PageScore(*token_prf(gold, pred), shingles=shingle_counts(gold, pred))


def _page_pr(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """Per-page shingle precision and recall; None where evaluate.py leaves the page out of that mean
    (its "1 if fp = fn = 0" case then always equals tp/(tp+fp) and tp/(tp+fn))."""
    return (tp / (tp + fp) if tp + fp > 0 else None), (tp / (tp + fn) if tp + fn > 0 else None)


@dataclass(frozen=True)
class SetScore:
    pages: int
    f1: float
    precision: float
    recall: float
    shingle_f1: float


def score_set(scores: list[PageScore]) -> SetScore:
    if not scores:
        return SetScore(0, 0.0, 0.0, 0.0, 0.0)
    prs = [_page_pr(*s.shingles) for s in scores]
    sp = [p for p, _ in prs if p is not None]
    sr = [r for _, r in prs if r is not None]
    mp, mr = (fmean(sp) if sp else 0.0), (fmean(sr) if sr else 0.0)
    return SetScore(
        pages=len(scores),
        f1=fmean(s.f1 for s in scores),
        precision=fmean(s.precision for s in scores),
        recall=fmean(s.recall for s in scores),
        shingle_f1=2 * mp * mr / (mp + mr) if mp + mr else 0.0,
    )
