#!/usr/bin/python3
"""Audit the coder's dictionary lines: where does each verbs.txt / frames.txt line fire?

  /usr/bin/python3 tools/lexicon/audit.py [--bin build/release/newsgraph] [--shared ../shared]
        [--codebook DIR] [--json OUT] [--markdown OUT] [--dev-only]

Codes (a) the dev sets (`newsgraph code --sentences records.jsonl`: plover-gsr-dev,
conflibert-quad-dev, case2021-events-dev) and (b) real news text (the gold .txt files of
extraction/{scrapinghub-aeb,dragnet-dev,cleaneval-dev,wcxb-dev}, `newsgraph code FILES --date
2020-01-01`), reads every event's "rules" (which name the dictionary file:line that fired) and
counts, for every pattern line, the events it produced on each corpus.

A line that fires on dev sentences and on no real text is "dev-only": tuned to dev, or too
narrow to matter; issue 13 says remove it or replace it by a general entry. A line that fires
nowhere is "silent" (not evidence of tuning: most of the lexicon is silent on a few thousand
sentences). The tool never prints bench text, only counts per line.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEV = ("plover-gsr-dev", "conflibert-quad-dev", "case2021-events-dev")
NEWS = ("scrapinghub-aeb", "dragnet-dev", "cleaneval-dev", "wcxb-dev")
RULE = re.compile(r"\b(verbs|frames)\.txt:(\d+)")


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return p.stdout


def fired(jsonl):
    """Counter of (file, line) over the events of a JSONL output (one count per event and line)."""
    c = collections.Counter()
    for ln in jsonl.splitlines():
        ln = ln.strip()
        if not ln.startswith("{"):
            continue
        try:
            ev = json.loads(ln)
        except ValueError:
            continue
        seen = set()
        for r in ev.get("rules") or []:
            for m in RULE.finditer(str(r)):
                seen.add((m.group(1) + ".txt", int(m.group(2))))
        for k in seen:
            c[k] += 1
    return c


def code_dev(ng, shared, name, extra):
    recs = os.path.join(shared, "bench", "events", name, "records.jsonl")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        with open(recs, encoding="utf-8") as f:
            for ln in f:
                r = json.loads(ln)
                tmp.write(json.dumps({"id": r["id"], "text": r["text"], "date": r.get("date") or "2000-01-01"}) + "\n")
        path = tmp.name
    try:
        return fired(run([ng, "code", "--sentences", path, "--format", "jsonl"] + extra))
    finally:
        os.unlink(path)


def code_news(ng, shared, name, extra, batch=60):
    gold = os.path.join(shared, "bench", "extraction", name, "gold")
    files = sorted(os.path.join(gold, f) for f in os.listdir(gold) if f.endswith(".txt"))
    c = collections.Counter()
    for i in range(0, len(files), batch):
        c.update(fired(run([ng, "code"] + files[i:i + batch] + ["--format", "jsonl", "--date", "2020-01-01"] + extra)))
    return c, len(files)


def read_lines(codebook_src):
    out = {}
    for fn in ("verbs.txt", "frames.txt"):
        with open(os.path.join(codebook_src, fn), encoding="utf-8") as f:
            for i, ln in enumerate(f, 1):
                s = ln.rstrip("\n")
                if s.strip() and not s.lstrip().startswith("#"):
                    out[(fn, i)] = s
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "release", "newsgraph"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"))
    ap.add_argument("--codebook", help="a codebook dir (default: the build's; its verbs/frames are read for the table)")
    ap.add_argument("--json", help="write the per-line counts as JSON")
    ap.add_argument("--markdown", help="write the summary table (for docs/CODING.md)")
    ap.add_argument("--dev-only", action="store_true", help="print only the dev-only lines")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "bench")):
        print("audit: no %s/bench" % a.shared, file=sys.stderr)
        return 77
    extra = ["--codebook", a.codebook] if a.codebook else []
    src = a.codebook or os.path.join(REPO, "data", "code")
    lines = read_lines(src)
    counts = {}
    for name in DEV:
        counts[name] = code_dev(a.bin, a.shared, name, extra)
        print("audit: coded %s" % name, file=sys.stderr)
    nfiles = {}
    for name in NEWS:
        counts[name], nfiles[name] = code_news(a.bin, a.shared, name, extra)
        print("audit: coded %s (%d files)" % (name, nfiles[name]), file=sys.stderr)
    rows = []
    for key, text in sorted(lines.items()):
        dev = sum(counts[n][key] for n in DEV)
        news = sum(counts[n][key] for n in NEWS)
        status = "dev-only" if dev and not news else "news" if news else "silent"
        rows.append({"file": key[0], "line": key[1], "text": text, "status": status,
                     **{n: counts[n][key] for n in DEV + NEWS}})
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)
    hdr = ["file:line", "dev:plover", "dev:quad", "dev:case", "news:aeb", "news:dragnet", "news:cleaneval", "news:wcxb", "status", "entry"]
    short = dict(zip(DEV + NEWS, hdr[1:8]))
    print("\t".join(hdr))
    for r in rows:
        if a.dev_only and r["status"] != "dev-only":
            continue
        print("\t".join(["%s:%d" % (r["file"], r["line"])] + [str(r[n]) for n in DEV + NEWS] + [r["status"], r["text"].replace("\t", " ")]))
    tally = collections.Counter((r["file"], r["status"]) for r in rows)
    summary = ["| file | lines | fire on real news | dev only | silent |", "|---|---|---|---|---|"]
    for fn in ("verbs.txt", "frames.txt"):
        n = sum(v for (f, _), v in tally.items() if f == fn)
        summary.append("| %s | %d | %d | %d | %d |" % (fn, n, tally[(fn, "news")], tally[(fn, "dev-only")], tally[(fn, "silent")]))
    ev = ["| corpus | events with a dictionary line |", "|---|---|"]
    for n in DEV + NEWS:
        ev.append("| %s%s | %d |" % (n, " (%d files)" % nfiles[n] if n in nfiles else "", sum(counts[n].values())))
    md = "\n".join(summary) + "\n\n" + "\n".join(ev) + "\n"
    print(md, file=sys.stderr)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as f:
            f.write(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
