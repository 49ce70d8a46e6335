"""docs/PYTHON.md's tour runs as written: every ```python block, in order, in one namespace."""
import contextlib
import io
import os
import re

from conftest import ROOT


def tour_blocks():
    text = open(os.path.join(ROOT, "docs", "PYTHON.md"), encoding="utf-8").read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


def run_tour(cwd):
    blocks = tour_blocks()
    assert len(blocks) >= 8
    ns, out = {}, io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out):
            for i, block in enumerate(blocks):
                exec(compile(block, f"docs/PYTHON.md block {i + 1}", "exec"), ns)
    finally:
        os.chdir(old)
    return ns, out.getvalue()


def test_tour_runs():
    ns, out = run_tour(ROOT)
    assert "error: publication date '2024-02-30'" in out
    assert ns["report"].stored == 15
    assert len(ns["titles"]) == len(os.listdir(os.path.join(ROOT, "corpus")))
    assert "61 GDELT columns" in out
