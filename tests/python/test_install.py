"""`pip install .` from a fresh clone into a new virtual environment, offline, then the tour there.

The clone ships the module this build made (NEWSGRAPH_BUILD_DIR): setup.py packages it with the
analysis tables; nothing is compiled or downloaded (pip --no-index --no-build-isolation).
"""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_pip_install_into_a_venv_and_run_the_tour(ng, tmp_path):
    if not shutil.which("git") or not os.path.exists(os.path.join(ROOT, ".git")):
        pytest.skip("needs git and a git checkout to clone")
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(ng.__file__))))
    assert os.path.isdir(os.path.join(build, "data")), build
    clone, env_dir = tmp_path / "clone", tmp_path / "venv"
    subprocess.run(["git", "clone", "--quiet", ROOT, str(clone)], check=True, timeout=300)
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(env_dir)], check=True, timeout=300)
    py = str(env_dir / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSGRAPH_DATA", "NEWSGRAPH_CODEBOOK")}
    env.update(NEWSGRAPH_BUILD_DIR=build, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    p = subprocess.run([py, "-m", "pip", "install", "-q", "--no-index", "--no-build-isolation", str(clone)],
                       capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    script = ("import sys, os; sys.path.insert(0, 'tests/python'); import newsgraph; "
              "assert newsgraph.__file__.startswith(sys.prefix), newsgraph.__file__; "
              "assert os.path.isdir(os.path.join(os.path.dirname(newsgraph.__file__), 'data')); "
              "from test_docs import run_tour; ns, out = run_tour('.'); print(out)")
    p = subprocess.run([py, "-c", script], cwd=clone, capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "61 GDELT columns" in p.stdout and "15 documents stored" in p.stdout
