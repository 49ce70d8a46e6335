"""Packages what the CMake build made: build/release/python/newsgraph/_newsgraph*.so and the
analysis tables (build/release/data -> newsgraph/data). `make build` first; NEWSGRAPH_BUILD_DIR
picks another build directory. Nothing is compiled or downloaded here."""
import glob
import os
import shutil

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
        if not mods:
            raise SystemExit(f"newsgraph: no built module in {build}/python/newsgraph: run `make build` first "
                             "(or set NEWSGRAPH_BUILD_DIR to a build directory)")
        dest = os.path.join(self.build_lib, "newsgraph")
        shutil.copy2(mods[0], dest)
        shutil.copytree(os.path.join(build, "data"), os.path.join(dest, "data"), dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPy}, distclass=BinaryDistribution)
