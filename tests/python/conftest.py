"""Shared fixtures for the Python module's tests: the CLI to compare with, the corpus, scratch dirs.

Run by ctest (tests/CMakeLists.txt) with PYTHONPATH=<build>/python and NEWSGRAPH_BIN=<build>/newsgraph;
by hand: PYTHONPATH=build/release/python /usr/bin/python3 -m pytest tests/python
"""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "corpus")
sys.path.insert(0, os.path.join(ROOT, "tests", "ingest"))  # warcgen: WARC files for the tests


def _binary():
    b = os.environ.get("NEWSGRAPH_BIN") or os.path.join(ROOT, "build", "release", "newsgraph")
    return b if os.path.exists(b) else None


@pytest.fixture(scope="session")
def cli():
    """Runs the newsgraph binary: cli("code", ...) -> CompletedProcess (text)."""
    b = _binary()
    if not b:
        pytest.skip("no newsgraph binary (set NEWSGRAPH_BIN) to compare with")

    def run(*args, check=True):
        p = subprocess.run([b, *args], capture_output=True, text=True, timeout=600)
        if check and p.returncode != 0:
            raise AssertionError(f"newsgraph {' '.join(args)} -> {p.returncode}: {p.stderr[-1500:]}")
        return p
    return run


@pytest.fixture(scope="session")
def corpus_pages():
    pages = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith(".html"))
    assert len(pages) >= 10
    return pages


@pytest.fixture(scope="session")
def ng():
    import newsgraph
    return newsgraph
