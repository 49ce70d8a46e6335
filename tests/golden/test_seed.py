#!/usr/bin/python3
"""Golden test: exact extraction of corpus/seed-page.html.

  /usr/bin/python3 tests/golden/test_seed.py <path-to-newsgraph>

Checks title, section, published, tags, language, site_name and url exactly; that the texts of the
blocks whose kind is "p", in order, equal the expected paragraphs exactly; and that no
must_not_contain string appears in any text field of the output. The expectation is
../shared/seed/seed-page.expected.json when it exists, else the verbatim copy beside this file.
Exit 0 pass, 1 fail, 77 skip (no binary).
"""

import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_util as gu  # noqa: E402

PAGE = os.path.join(gu.CORPUS_DIR, "seed-page.html")
EXPECTED_CANDIDATES = [
    os.path.join(gu.REPO_ROOT, "..", "shared", "seed", "seed-page.expected.json"),
    os.path.join(gu.GOLDEN_DIR, "seed-page.expected.json"),
]
EXACT_FIELDS = ["title", "section", "published", "tags", "language", "site_name", "url"]
# Fields that hold identifiers or diagnostics, not extracted text.
NON_TEXT_KEYS = {"source", "url", "encoding", "reason", "error", "published", "modified", "language", "kind",
                 "page_type", "page_type_reason", "schema_type"}


def text_fields(value, path="$"):
    """Yields (json_path, string) for every text-bearing string in the output."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from text_fields(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in NON_TEXT_KEYS:
                yield from text_fields(v, f"{path}.{k}")


def main():
    binary = gu.binary_from_argv(sys.argv)
    exp_path = next((p for p in EXPECTED_CANDIDATES if os.path.isfile(p)), None)
    if exp_path is None:
        print("FAIL seed: no seed-page.expected.json found")
        return 1
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)

    obj, problem = gu.extract_json(binary, PAGE)
    if problem:
        print(f"FAIL seed: {problem}")
        return 1

    reasons = []
    for field in EXACT_FIELDS:
        if field in exp and obj.get(field) != exp[field]:
            reasons.append(f"{field}: expected {exp[field]!r}, got {obj.get(field)!r}")
    if obj.get("error"):
        reasons.append(f"error field set: {gu.short(obj.get('error'), 200)!r}")

    paras = [b.get("text", "") for b in obj.get("blocks") or [] if b.get("kind") == "p"]
    if paras != exp["paragraphs"]:
        note = ""
        if [gu.norm(p) for p in paras] == [gu.norm(p) for p in exp["paragraphs"]]:
            note = " (they differ only in whitespace/normalisation)"
        reasons.append(f"paragraphs (kind \"p\", in order) differ from the expectation{note}:\n"
                       + gu.unified_diff(exp["paragraphs"], paras, "expected paragraphs", "extracted p blocks"))

    for bad in exp.get("must_not_contain", []):
        for where, s in text_fields(obj):
            if bad in s or gu.norm(bad) in gu.norm(s):
                reasons.append(f"must_not_contain {bad!r} found in {where}: {gu.short(gu.context_of(gu.norm(s), gu.norm(bad)), 160)!r}")
                break

    if reasons:
        print(f"FAIL seed ({os.path.relpath(exp_path, gu.REPO_ROOT)})")
        for r in reasons:
            print("     " + r.replace("\n", "\n     "))
        return 1
    print(f"PASS seed: {len(paras)} paragraphs, metadata exact ({os.path.relpath(exp_path, gu.REPO_ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
