"""Packages what the CMake build made: build/release/python/newsgraph/_newsgraph*.so and the
analysis tables (build/release/data -> newsgraph/data). NEWSGRAPH_BUILD_DIR picks another build
directory. From a fresh checkout with no build yet, the project's own CMake build runs first
(offline: Debian's compiler, pybind11 and the repo's npm lock; `scripts/deps.sh` installs them);
nothing is downloaded here."""
import glob
import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))


class BinaryDistribution(Distribution):
    def has_ext_modules(self):  # a platform wheel: the module is compiled for this Python
        return True


class BuildPy(build_py):
    def run(self):
        super().run()
        build = os.environ.get("NEWSGRAPH_BUILD_DIR") or os.path.join(HERE, "build", "release")
        mods = glob.glob(os.path.join(build, "python", "newsgraph", "_newsgraph*.so"))
        if not mods and not os.environ.get("NEWSGRAPH_BUILD_DIR"):
            # A fresh checkout: build it the way `make build` does (a few minutes on 2 cores).
            print(f"newsgraph: no built module in {build}: building with CMake", flush=True)
            gen = ["-G", "Ninja"] if shutil.which("ninja") else []
            subprocess.check_call(["cmake", "-S", HERE, "-B", build, *gen, "-DCMAKE_BUILD_TYPE=Release"])
            subprocess.check_call(["cmake", "--build", build, "-j", str(os.cpu_count() or 2)])
            mods = glob.glob(os.path.join(build, "python", "newsgraph", "_newsgraph*.so"))
        if not mods:
            raise SystemExit(f"newsgraph: no built module in {build}/python/newsgraph: run `make build` first "
                             "(or set NEWSGRAPH_BUILD_DIR to a build directory)")
        dest = os.path.join(self.build_lib, "newsgraph")
        shutil.copy2(mods[0], dest)
        shutil.copytree(os.path.join(build, "data"), os.path.join(dest, "data"), dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPy}, distclass=BinaryDistribution)
