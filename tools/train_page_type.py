#!/usr/bin/python3
"""train_page_type.py — rebuilds data/page_type_model.tsv, the page-type model of
src/extract/page_type.h, from the labelled pages of wcxb-dev (`make train-pagetype`).

    tools/train_page_type.py --signals build/release/page_type_signals \
        --data ../shared/bench/extraction/wcxb-dev --out data/page_type_model.tsv
    tools/train_page_type.py --signals … --data … --report     # the tables only, no training

wcxb-dev is cut in two fixed halves by the first byte of sha256(id): even = "tune" (the model
learns from it alone), odd = "check" (never seen in training). The benchmark's `service` pages
are our `other`. The model is a multinomial logistic regression on standardised signals with an
L2 penalty chosen by 5-fold cross-validation inside the tune half; plain full-batch gradient
descent from zeros, so the same signals give the same bytes. Prints accuracy and a per-type
table (precision/recall/F1) for both halves.

--articles SET,SET adds the tune halves (same sha256 rule) of other extraction sets whose pages
are all news/blog articles (scrapinghub-aeb, dragnet-dev), at weight 0.1 each: without them a
model trained on wcxb's 103 tune articles took 13% of dragnet's older blog pages (comment
threads, teaser rails) for listings or forums, and `ingest --db` does not code those. Their
check halves' article rate is printed too.
"""
import argparse
import hashlib
import os
import subprocess
import sys

import numpy as np

TYPES = ["article", "listing", "forum", "product", "documentation", "collection", "other"]
LABEL_MAP = {"service": "other"}


def half(page_id):
    return "tune" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "check"


def read_manifest(data):
    rows = []
    with open(os.path.join(data, "manifest.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            r["label"] = LABEL_MAP.get(r["page_type"], r["page_type"])
            rows.append(r)
    return rows


def run_signals(tool, data, rows):
    listing = "".join(f"{r['id']}\t{r['url']}\t{os.path.join(data, 'html', r['id'] + '.html')}\n"
                      for r in rows)
    out = subprocess.run([tool], input=listing, capture_output=True, text=True, check=True).stdout
    lines = out.rstrip("\n").split("\n")
    names = lines[0].split("\t")[2:]
    sig = {}
    for line in lines[1:]:
        parts = line.split("\t")
        if parts[1] == "error":
            continue
        sig[parts[0]] = (parts[1], [float(v) for v in parts[2:]])
    return names, sig


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(x, y, lam, iters=3000, lr=0.5, weights=None):
    n, d = x.shape
    k = len(TYPES)
    w = np.zeros((d, k))
    b = np.zeros(k)
    onehot = np.eye(k)[y]
    sw = np.ones(n) if weights is None else weights
    for _ in range(iters):
        p = softmax(x @ w + b)
        g = (p - onehot) * sw[:, None] / sw.sum()
        w -= lr * (x.T @ g + lam * w)
        b -= lr * g.sum(axis=0)
    return w, b


def decide(probs, min_p):
    pred = np.argmax(probs, axis=1)
    weak = probs[np.arange(len(pred)), pred] < min_p
    pred[weak & (pred != 0)] = 0  # 0 = article
    return pred


def predict(x, w, b):
    return np.argmax(x @ w + b, axis=1)


def table(title, y, pred):
    print(f"\n{title}: accuracy {np.mean(y == pred):.3f} ({int(np.sum(y == pred))}/{len(y)})")
    print(f"  {'type':<14}{'pages':>6}{'precision':>10}{'recall':>8}{'F1':>7}")
    for t, name in enumerate(TYPES):
        tp = int(np.sum((pred == t) & (y == t)))
        n_true = int(np.sum(y == t))
        n_pred = int(np.sum(pred == t))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_true if n_true else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:<14}{n_true:>6}{p:>10.3f}{r:>8.3f}{f1:>7.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--signals", required=True, help="the page_type_signals binary")
    ap.add_argument("--data", required=True, help="wcxb-dev folder (manifest.tsv, html/)")
    ap.add_argument("--out", help="where to write the model table")
    ap.add_argument("--report", action="store_true", help="only print the compiled model's tables")
    ap.add_argument("--articles", default="", help="comma-separated sets (beside --data) of article pages")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.data, "manifest.tsv")):
        sys.exit(f"train_page_type: no {args.data}/manifest.tsv (wcxb-dev lives in ../shared)")
    rows = read_manifest(args.data)
    names, sig = run_signals(args.signals, args.data, rows)
    rows = [r for r in rows if r["id"] in sig]
    halves = {h: [r for r in rows if half(r["id"]) == h] for h in ("tune", "check")}
    if args.report:
        for h in ("tune", "check"):
            y = np.array([TYPES.index(r["label"]) for r in halves[h]])
            pred = np.array([TYPES.index(sig[r["id"]][0]) for r in halves[h]])
            table(f"compiled model, {h} half", y, pred)
        return
    def xy(rs):
        return (np.array([sig[r["id"]][1] for r in rs]),
                np.array([TYPES.index(r["label"]) for r in rs]))
    x_tune, y_tune = xy(halves["tune"])
    extra = {}
    for name in filter(None, args.articles.split(",")):
        d = os.path.join(os.path.dirname(os.path.abspath(args.data)), name)
        with open(os.path.join(d, "manifest.tsv"), encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            ers = [dict(zip(head, l.rstrip("\n").split("\t"))) for l in f]
        _, esig = run_signals(args.signals, d, ers)
        extra[name] = {h: np.array([esig[r["id"]][1] for r in ers
                                    if r["id"] in esig and half(r["id"]) == h])
                       for h in ("tune", "check")}
    x_extra = (np.vstack([extra[n]["tune"] for n in extra]) if extra
               else np.zeros((0, x_tune.shape[1])))
    EXTRA_WEIGHT = 0.1

    def fit_with_extra(z_part, y_part, lam, iters=3000):
        za = np.vstack([z_part, (x_extra - mean) / scale])
        ya = np.concatenate([y_part, np.zeros(len(x_extra), dtype=int)])
        wa = np.concatenate([np.ones(len(y_part)), np.full(len(x_extra), EXTRA_WEIGHT)])
        return fit(za, ya, lam, iters=iters, weights=wa)
    mean = x_tune.mean(axis=0)
    scale = x_tune.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z_tune = (x_tune - mean) / scale
    # The L2 penalty: 5-fold cross-validation inside the tune half (folds by position).
    folds = np.arange(len(y_tune)) % 5
    best = None
    for lam in (0.003, 0.01, 0.03, 0.1, 0.3):
        correct = 0
        for k in range(5):
            w, b = fit_with_extra(z_tune[folds != k], y_tune[folds != k], lam, iters=1500)
            correct += int(np.sum(predict(z_tune[folds == k], w, b) == y_tune[folds == k]))
        acc = correct / len(y_tune)
        print(f"lambda {lam}: cross-validated accuracy {acc:.3f} on the tune half")
        if best is None or acc > best[1] + 1e-9:
            best = (lam, acc)
    lam = best[0]
    # The decision rule: another type than article wins only with at least this probability
    # (a page without clear signals stays an article). Chosen by cross-validation too; on a tie
    # the larger threshold (fewer pages taken away from event coding).
    probs = np.zeros((len(y_tune), len(TYPES)))
    for k in range(5):
        w, b = fit_with_extra(z_tune[folds != k], y_tune[folds != k], lam, iters=1500)
        probs[folds == k] = softmax(z_tune[folds == k] @ w + b)
    best_t = None
    for t in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7):
        acc = float(np.mean(decide(probs, t) == y_tune))
        print(f"min probability {t}: cross-validated accuracy {acc:.3f} on the tune half")
        if best_t is None or acc >= best_t[1] - 1e-9:
            best_t = (t, acc)
    min_p = best_t[0]
    w, b = fit_with_extra(z_tune, y_tune, lam)
    w = np.round(w, 4)
    b = np.round(b, 4)
    table("tune half (trained on)", y_tune, decide(softmax(z_tune @ w + b), min_p))
    x_check, y_check = xy(halves["check"])
    table("check half (held out)", y_check,
          decide(softmax((x_check - mean) / scale @ w + b), min_p))
    for name in extra:
        for h in ("tune", "check"):
            pr = decide(softmax((extra[name][h] - mean) / scale @ w + b), min_p)
            print(f"{name} {h} half: {np.mean(pr == 0):.3f} of {len(pr)} article pages taken for articles")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# The page-type model (src/extract/page_type.h): rebuilt by `make train-pagetype`"
                    " (tools/train_page_type.py); do not edit.\n")
            f.write(f"# Trained on the tune half of wcxb-dev ({len(y_tune)} pages), L2 {lam}; "
                    f"articles from the tune halves of {args.articles or 'no other set'} "
                    f"({len(x_extra)} pages at weight {EXTRA_WEIGHT}).\n")
            f.write("feature\tmean\tscale\t" + "\t".join(TYPES) + "\n")
            f.write(f"min_probability\t{min_p}\n")
            f.write("bias\t0\t1\t" + "\t".join(f"{v:.4f}" for v in b) + "\n")
            for i, name in enumerate(names):
                f.write(f"{name}\t{mean[i]:.6g}\t{scale[i]:.6g}\t" +
                        "\t".join(f"{v:.4f}" for v in w[i]) + "\n")
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
