#!/usr/bin/python3
"""`make install` and `make deb` (issue 17 item 11), into temporary roots:

  /usr/bin/python3 tests/cli/test_install.py <path-to-newsgraph>

- `cmake --install <build> --prefix <tmp>/usr` puts the binary, its data, a man page and a bash
  completion in place; the man page has every command and the exit codes; the completion offers
  commands and each command's flags; the installed binary codes a sentence with no environment
  set, and it reads the installed tables (renaming them makes it fail naming the installed path);
- CPack builds newsgraph_<version>_<arch>.deb: its control file names the package and its library
  dependencies, it holds the same files under /usr, and the binary unpacked from it runs.
Exit 0 pass, 1 fail, 77 skip (no build tree, cmake/cpack/dpkg-deb missing, or a sanitizer build).
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

problems = []
SENTENCE = "U.S. forces struck 85 targets in Iraq on Friday."


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg, flush=True)
    return cond


def run(*args, env=None, cwd=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    e.update(env or {})
    p = subprocess.run(list(args), capture_output=True, text=True, timeout=600, env=e, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def check_tree(root, how):
    """The installed files under root/usr, and the installed binary at work."""
    usr = os.path.join(root, "usr")
    ng = os.path.join(usr, "bin", "newsgraph")
    data = os.path.join(usr, "share", "newsgraph")
    man = glob.glob(os.path.join(usr, "share", "man", "man1", "newsgraph.1*"))
    comp = os.path.join(usr, "share", "bash-completion", "completions", "newsgraph")
    check(os.access(ng, os.X_OK), f"{how}: bin/newsgraph")
    check(os.path.isfile(os.path.join(data, "VERSION")) and os.path.isfile(os.path.join(data, "code", "verbs.txt"))
          and os.path.isfile(os.path.join(data, "syntax", "parser.model")), f"{how}: share/newsgraph with tables, codebook, models")
    check(len(man) == 1, f"{how}: share/man/man1/newsgraph.1 ({man})")
    check(os.path.isfile(comp), f"{how}: bash completion")
    if not os.access(ng, os.X_OK):
        return
    rc, out, err = run(ng, "code", "--text", SENTENCE, "--date", "2024-02-07")
    check(rc == 0 and '"root":"19"' in out, f"{how}: the installed binary codes a sentence (rc {rc}) {err.strip()[-200:]}")
    os.rename(os.path.join(data, "code"), os.path.join(data, "code.moved"))
    rc, _, err = run(ng, "code", "--text", SENTENCE, "--date", "2024-02-07")
    os.rename(os.path.join(data, "code.moved"), os.path.join(data, "code"))
    check(rc == 2 and os.path.join(data, "code") in err, f"{how}: it reads the installed codebook ({err.strip()[:160]!r})")
    return man[0] if man else None, comp


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    build = os.path.dirname(os.path.abspath(sys.argv[1]))
    cache = os.path.join(build, "CMakeCache.txt")
    if not os.path.isfile(os.path.join(build, "cmake_install.cmake")) or not shutil.which("cmake"):
        print("SKIP: no CMake build tree next to the binary")
        return 77
    if "NG_SANITIZE:BOOL=ON" in open(cache).read():
        print("SKIP: sanitizer build (the package is made from a release build)")
        return 77
    tmp = tempfile.mkdtemp(prefix="ng-install-")

    root = os.path.join(tmp, "root")
    rc, _, err = run("cmake", "--install", build, "--prefix", os.path.join(root, "usr"))
    check(rc == 0, f"cmake --install (rc {rc}) {err.strip()[-200:]}")
    found = check_tree(root, "install")
    if found and found[0]:
        man, comp = found
        page = open(man, encoding="utf-8").read()
        check(page.startswith(".TH NEWSGRAPH 1") and ".SH EXIT STATUS" in page and "exit codes: 0 ok" in page,
              "man page: title and exit status")
        for c in ("actor", "analyze", "code", "explain", "export", "extract", "fetch", "ingest", "query"):
            check(f".SS {c}\n" in page and f"usage: newsgraph {c}" in page, f"man page: section for {c}")
        if shutil.which("groff"):
            rc, out, _ = run("groff", "-man", "-Tascii", "-P-cbou", man)
            check(rc == 0 and "EXIT STATUS" in out, "man page: groff renders it")
        script = (f"source {comp}; COMP_WORDS=(newsgraph ex); COMP_CWORD=1; _newsgraph; echo ${{COMPREPLY[@]}}; "
                  "COMP_WORDS=(newsgraph query --pl); COMP_CWORD=2; _newsgraph; echo ${COMPREPLY[@]}")
        rc, out, _ = run("bash", "-c", script)
        lines = out.splitlines()
        check(rc == 0 and len(lines) == 2 and set(lines[0].split()) == {"explain", "export", "extract"}
              and set(lines[1].split()) == {"--place", "--plover"}, f"completion: commands and flags ({lines})")

    if not (shutil.which("cpack") and shutil.which("dpkg-deb")):
        print("SKIP part: cpack or dpkg-deb missing, no package built")
    else:
        pkg = os.path.join(tmp, "pkg")
        rc, _, err = run("cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", pkg, cwd=build)
        debs = glob.glob(os.path.join(pkg, "newsgraph_*.deb"))
        check(rc == 0 and len(debs) == 1, f"cpack builds one newsgraph_*.deb (rc {rc}: {debs}) {err.strip()[-200:]}")
        if debs:
            rc, info, _ = run("dpkg-deb", "--field", debs[0], "Package", "Version", "Architecture", "Depends")
            check(rc == 0 and "Package: newsgraph" in info and "libc6" in info and "libcurl" in info,
                  f"package control: name and library dependencies ({info.strip()!r})")
            rc, listing, _ = run("dpkg-deb", "--contents", debs[0])
            for path in ("./usr/bin/newsgraph", "./usr/share/newsgraph/code/verbs.txt", "./usr/share/man/man1/newsgraph.1",
                         "./usr/share/bash-completion/completions/newsgraph"):
                check(path in listing, f"package holds {path}")
            debroot = os.path.join(tmp, "debroot")
            rc, _, err = run("dpkg-deb", "-x", debs[0], debroot)
            check(rc == 0, f"dpkg-deb -x (rc {rc}) {err.strip()}")
            check_tree(debroot, "package")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
