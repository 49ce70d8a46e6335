#!/usr/bin/python3
"""Golden test: extraction of every page in corpus/ that has tests/golden/corpus/<stem>.expect.json.

  /usr/bin/python3 tests/golden/test_corpus.py <path-to-newsgraph> [-k SUBSTRING] [-v]

For each expectation it runs `newsgraph extract corpus/<stem>.html --format json` and checks:
  title (whitespace-collapsed), published (same string, or the same ISO-8601 instant), and when the
  key is present: section, language, authors and tags (as sorted lists), encoding (any of the listed
  names, compared as Python codec names);
  must_contain      each string appears in `text`          (whitespace collapsed, NFC)
  must_not_contain  no string appears in `title` or `text`
  comments_must_contain  absent by default; present when run again with --comments (and the
                    must_contain / must_not_contain checks must hold in that run too).
Then one directory run, `newsgraph extract corpus --format jsonl`, must print one JSON object per
.html file, in sorted path order.
Every page is checked and every failure reported. Exit 0 pass, 1 fail, 77 skip (no binary).
  -k SUBSTRING  only pages whose file name contains SUBSTRING (skips the directory run)
  -v            print the extracted blocks of failing pages
"""

import glob
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_util as gu  # noqa: E402

EXPECT_DIR = os.path.join(gu.GOLDEN_DIR, "corpus")


def check_content(obj, exp, reasons, label=""):
    text = gu.norm(gu.article_text(obj))
    title = gu.norm(obj.get("title") or "")
    for want in exp.get("must_contain", []):
        if gu.norm(want) not in text:
            hint = gu.closest_block(obj, want)
            reasons.append(f"{label}must_contain missing: {gu.short(want)!r}" + (f"\n       closest block: {hint}" if hint else ""))
    for bad in exp.get("must_not_contain", []):
        b = gu.norm(bad)
        for where, hay in (("title", title), ("text", text)):
            if b in hay:
                reasons.append(f"{label}must_not_contain present in {where}: {bad!r} …{gu.short(gu.context_of(hay, b), 150)!r}")
                break


def check_metadata(obj, exp, reasons):
    if gu.norm(obj.get("title")) != gu.norm(exp["title"]):
        reasons.append(f"title: expected {exp['title']!r}, got {obj.get('title')!r}")
    if "published" in exp and not gu.same_published(exp["published"], obj.get("published")):
        reasons.append(f"published: expected {exp['published']!r}, got {obj.get('published')!r}")
    if "section" in exp:
        want, got = exp["section"], obj.get("section") or None
        if gu.norm(want) != gu.norm(got):
            reasons.append(f"section: expected {want!r}, got {obj.get('section')!r}")
    if "language" in exp and (obj.get("language") or "").lower() != exp["language"].lower():
        reasons.append(f"language: expected {exp['language']!r}, got {obj.get('language')!r}")
    for key in ("authors", "tags"):
        if key in exp:
            want = sorted(gu.norm(x) for x in exp[key])
            got_raw = obj.get(key) or []
            got = sorted(gu.norm(x) for x in got_raw) if isinstance(got_raw, list) else None
            if got != want:
                reasons.append(f"{key}: expected {exp[key]!r}, got {got_raw!r}")
    if "encoding" in exp and not gu.same_encoding(exp["encoding"], obj.get("encoding")):
        reasons.append(f"encoding: expected one of {exp['encoding']!r}, got {obj.get('encoding')!r}")
    if obj.get("error"):
        reasons.append(f"error field set: {gu.short(obj.get('error'), 200)!r}")
    # Every bundled page is a news article: `ingest --db` codes only pages classed as articles.
    want_type = exp.get("page_type", "article")
    if obj.get("page_type") != want_type:
        reasons.append(f"page_type: expected {want_type!r}, got {obj.get('page_type')!r} "
                       f"({obj.get('page_type_reason')!r})")


def dump_blocks(obj):
    for b in (obj or {}).get("blocks") or []:
        print(f"       [{b.get('kind')}] {gu.short(gu.norm(b.get('text')), 150)}")


def check_page(binary, exp_path, verbose):
    stem = os.path.basename(exp_path)[: -len(".expect.json")]
    page = os.path.join(gu.CORPUS_DIR, stem + ".html")
    reasons = []
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    if not os.path.isfile(page):
        return stem, [f"page missing: {os.path.relpath(page, gu.REPO_ROOT)}"]

    rel = os.path.relpath(page, gu.REPO_ROOT)
    obj, problem = gu.extract_json(binary, rel)
    if problem:
        return stem, [problem]
    check_metadata(obj, exp, reasons)
    check_content(obj, exp, reasons)
    text = gu.norm(gu.article_text(obj))
    for c in exp.get("comments_must_contain", []):
        if gu.norm(c) in text:
            reasons.append(f"comment text present without --comments: {gu.short(c)!r}")

    cobj = None
    if exp.get("comments_must_contain"):
        cobj, problem = gu.extract_json(binary, rel, ["--comments"])
        if problem:
            reasons.append(f"--comments run: {problem}")
        else:
            ctext = gu.norm(gu.article_text(cobj))
            for c in exp["comments_must_contain"]:
                if gu.norm(c) not in ctext:
                    reasons.append(f"--comments: comment missing: {gu.short(c)!r}")
            check_content(cobj, exp, reasons, label="--comments: ")
    if reasons and verbose:
        print(f"---- blocks extracted from {stem}:")
        dump_blocks(obj)
        if cobj is not None:
            print(f"---- blocks extracted from {stem} with --comments:")
            dump_blocks(cobj)
    return stem, reasons


def check_directory_run(binary):
    """`extract corpus --format jsonl`: one parseable line per .html file, sorted by path."""
    pages = sorted(glob.glob(os.path.join(gu.CORPUS_DIR, "*.html")))
    names = [os.path.basename(p) for p in pages]
    rc, out, err, problem = gu.run_extract(binary, ["corpus", "--format", "jsonl"])
    if problem:
        return [problem]
    reasons = []
    if rc != 0:
        first = err.splitlines()[0] if err else ""
        reasons.append(f"exit code {rc}" + (f"; stderr: {gu.short(first, 200)}" if first else ""))
    lines = [ln for ln in out.split("\n") if ln.strip()]
    if len(lines) != len(names):
        reasons.append(f"expected {len(names)} lines (one per .html file), got {len(lines)}")
    sources = []
    for i, ln in enumerate(lines):
        try:
            o = json.loads(ln)
        except json.JSONDecodeError as e:
            reasons.append(f"line {i + 1} is not JSON ({e}): {gu.short(ln, 80)!r}")
            sources.append(None)
            continue
        if not isinstance(o, dict):
            reasons.append(f"line {i + 1} is a JSON {type(o).__name__}, not an object")
            sources.append(None)
            continue
        src = o.get("source")
        sources.append(os.path.basename(src) if isinstance(src, str) and src else None)
    if len(lines) == len(names) and sources != names:
        reasons.append("order/sources differ from sorted .html files:\n"
                       + gu.unified_diff(names, [s or "<no source>" for s in sources], "sorted corpus/*.html", "jsonl sources"))
    return reasons


def main():
    binary = gu.binary_from_argv(sys.argv)
    args = sys.argv[2:]
    verbose = "-v" in args
    only = args[args.index("-k") + 1] if "-k" in args and args.index("-k") + 1 < len(args) else None

    expects = sorted(glob.glob(os.path.join(EXPECT_DIR, "*.expect.json")))
    if only:
        expects = [e for e in expects if only in os.path.basename(e)]
    if not expects:
        print("FAIL: no expectation files selected in tests/golden/corpus/")
        return 1

    passed = failed = 0
    for exp_path in expects:
        stem, reasons = check_page(binary, exp_path, verbose)
        if reasons:
            failed += 1
            print(f"FAIL {stem}  ({len(reasons)} problem{'s' if len(reasons) != 1 else ''})")
            for r in reasons:
                print("     " + r)
        else:
            passed += 1
            print(f"PASS {stem}")

    if not only:
        reasons = check_directory_run(binary)
        if reasons:
            failed += 1
            print("FAIL directory run: extract corpus --format jsonl")
            for r in reasons:
                print("     " + r.replace("\n", "\n     "))
        else:
            passed += 1
            print("PASS directory run: extract corpus --format jsonl")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
