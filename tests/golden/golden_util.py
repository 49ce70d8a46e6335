"""Shared helpers for the golden extraction tests (stdlib only).

The tests run as `/usr/bin/python3 tests/golden/test_X.py <path-to-newsgraph>` with the repo root as
cwd (see tests/CMakeLists.txt). Exit codes: 0 pass, 1 fail, 77 skip (binary not built yet).
"""

import codecs
import datetime
import difflib
import json
import os
import subprocess
import sys
import unicodedata

SKIP = 77
GOLDEN_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(GOLDEN_DIR))
CORPUS_DIR = os.path.join(REPO_ROOT, "corpus")
TIMEOUT_S = 120


def binary_from_argv(argv):
    """Returns the newsgraph binary path from argv[1]; exits 77 when it is missing."""
    if len(argv) < 2:
        print(f"usage: {os.path.basename(argv[0])} <path-to-newsgraph> [-k SUBSTRING] [-v]", file=sys.stderr)
        sys.exit(2)
    path = os.path.abspath(argv[1])
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        print(f"SKIP: newsgraph binary not found or not executable: {argv[1]}")
        sys.exit(SKIP)
    return path


def norm(s):
    """NFC + whitespace collapsed to single spaces (U+00A0 and U+3000 count as whitespace)."""
    if s is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(s)).split())


def short(s, n=110):
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def run_extract(binary, args):
    """Runs `newsgraph extract ARGS`; returns (returncode, stdout_text, stderr_text, problem)."""
    cmd = [binary, "extract", *args]
    try:
        p = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, "", "", f"timed out after {TIMEOUT_S}s: {' '.join(cmd)}"
    except OSError as e:
        return None, "", "", f"could not run {' '.join(cmd)}: {e}"
    err = p.stderr.decode("utf-8", "replace").strip()
    try:
        out = p.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        return p.returncode, "", err, f"stdout is not valid UTF-8 ({e})"
    return p.returncode, out, err, None


def extract_json(binary, page, extra=()):
    """Extracts one page as a JSON object; returns (obj, problem)."""
    rc, out, err, problem = run_extract(binary, [page, "--format", "json", *extra])
    if problem:
        return None, problem
    first_err = err.splitlines()[0] if err else ""
    if rc != 0:
        return None, f"exit code {rc}" + (f"; stderr: {short(first_err, 200)}" if first_err else "")
    try:
        obj = json.loads(out)
    except json.JSONDecodeError as e:
        return None, f"stdout is not one JSON object ({e}); starts with {short(out, 80)!r}"
    if not isinstance(obj, dict):
        return None, f"stdout JSON is a {type(obj).__name__}, not an object"
    return obj, None


def article_text(obj):
    """The `text` field (contract: all block texts joined by blank lines)."""
    t = obj.get("text")
    return t if isinstance(t, str) else ""


def closest_block(obj, wanted):
    """The extracted block most similar to `wanted`, for failure messages."""
    best, best_r = None, 0.0
    w = norm(wanted)
    for b in obj.get("blocks") or []:
        t = norm(b.get("text", ""))
        if not t:
            continue
        r = difflib.SequenceMatcher(None, w, t, autojunk=False).ratio()
        if r > best_r:
            best, best_r = b, r
    if best is None or best_r < 0.5:
        return None
    return f"[{best.get('kind')}] {short(norm(best.get('text')), 140)!r}"


def context_of(hay, needle, width=40):
    i = hay.find(needle)
    if i < 0:
        return ""
    a, b = max(0, i - width), min(len(hay), i + len(needle) + width)
    return ("…" if a else "") + hay[a:b] + ("…" if b < len(hay) else "")


def _parse_dt(s):
    try:
        return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except (ValueError, AttributeError, TypeError):
        return None


def same_published(expected, actual):
    """Exact string match, or the same ISO-8601 instant written differently ('Z' vs '+00:00')."""
    if expected is None or actual in (None, ""):
        return expected is None and actual in (None, "")
    if expected == actual:
        return True
    e, a = _parse_dt(expected), _parse_dt(actual)
    if e is None or a is None:
        return False
    if (e.tzinfo is None) != (a.tzinfo is None):
        return False
    return e == a


def _codec_name(name):
    try:
        return codecs.lookup(name).name
    except (LookupError, TypeError):
        return str(name).lower().replace("_", "-")


def same_encoding(expected_names, actual):
    if not actual:
        return False
    return _codec_name(actual) in {_codec_name(e) for e in expected_names}


def unified_diff(expected_lines, actual_lines, a="expected", b="actual"):
    return "\n".join(difflib.unified_diff(expected_lines, actual_lines, a, b, lineterm="", n=1))
