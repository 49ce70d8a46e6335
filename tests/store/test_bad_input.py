#!/usr/bin/python3
"""The store under bad conditions (issue 7, acceptance 5): a corrupted database file, a read-only
directory and a full disk. Each gives one clear line and a non-zero exit, never a crash, and
nothing already stored is lost: after a full disk the database is intact, still holds everything
committed before, and a rerun with space finishes it equal to an uninterrupted run.
Full disk: a 2 MB tmpfs when mounting is permitted (root in most CI containers), else RLIMIT_FSIZE.
Read-only: a tmpfs remounted read-only, else a 0555 directory used as the `nobody` user.
Usage: test_bad_input.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storeutil as su  # noqa: E402

NG, check, tmp = su.start("ng-store-bad-")
mounts = []


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    if os.geteuid() != 0 or os.environ.get("NG_TEST_NO_MOUNT"):  # the second: exercise the fallbacks
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], capture_output=True)
    if r.returncode == 0:
        mounts.append(path)
    return r.returncode == 0


def ingest_limited(db, src, limit):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([NG, "ingest", src, "--db", db, "--quiet", "--jobs", "2", "--batch", "4"],
                          capture_output=True, text=True, env=su.ENV, preexec_fn=pre, timeout=600)


def section(dump, name):
    return dump.split(f"## {name}\t", 1)[1].split("\n## ", 1)[0].splitlines()[1:]


try:
    pages = su.corpus_pages()
    variants = os.path.join(tmp, "variants")
    os.makedirs(variants)
    for name in pages:
        raw = open(os.path.join(su.CORPUS, name), "rb").read()
        for v in range(10):
            open(os.path.join(variants, f"v{v}_{name}"), "wb").write(raw.replace(b"</body>", f"<!-- {v} --></body>".encode(), 1))

    # 1. Corrupted database files.
    junk = os.path.join(tmp, "junk.db")
    open(junk, "wb").write(os.urandom(64 * 1024))
    before = sha(junk)
    for cmd in (["ingest", su.CORPUS, "--db", junk, "--quiet"], ["query", "--db", junk, "--summary"],
                ["export", "--db", junk, "--format", "gkg"]):
        p = su.run(NG, *cmd)
        check(p.returncode in (1, 2) and "corrupted" in p.stderr and p.stderr.count("\n") <= 3,
              f"{cmd[0]} on a random file: exit {p.returncode}: {p.stderr[-300:]}")
    check(sha(junk) == before, "a file that is not a database was modified")

    good = os.path.join(tmp, "good.db")
    su.ingest(NG, good, su.CORPUS)
    other = os.path.join(tmp, "other.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    con.commit()
    con.close()
    p = su.ingest(NG, other, su.CORPUS)
    check(p.returncode == 2 and "not a newsgraph store" in p.stderr, f"foreign SQLite file: {p.returncode} {p.stderr[-300:]}")
    # Damage pages in the middle of a real store (the header stays valid).
    broken = os.path.join(tmp, "broken.db")
    shutil.copy(good, broken)
    size = os.path.getsize(broken)
    with open(broken, "r+b") as f:
        for off in range(4096 * 3, size - 4096, 4096 * 5):
            f.seek(off)
            f.write(os.urandom(2048))
    for cmd in (["export", "--db", broken, "--format", "gkg"], ["export", "--db", broken, "--format", "dump"],
                ["ingest", variants, "--db", broken, "--quiet"]):
        p = su.run(NG, *cmd)
        check(p.returncode in (1, 2) and ("corrupt" in p.stderr or "malformed" in p.stderr) and "Traceback" not in p.stderr
              and p.returncode >= 0, f"{cmd[0]} on a damaged store: exit {p.returncode}: {p.stderr[-300:]}")

    # 2. Read-only directory: no new database can be made there; an existing one can be read.
    ro = os.path.join(tmp, "ro")
    if mount_tmpfs(ro, "4m"):
        su.ingest(NG, os.path.join(ro, "old.db"), su.CORPUS)
        subprocess.run(["mount", "-o", "remount,ro", ro], check=True)
        prefix = []
        how = "read-only tmpfs"
    else:
        os.makedirs(ro, exist_ok=True)
        su.ingest(NG, os.path.join(ro, "old.db"), su.CORPUS)
        os.chmod(ro, 0o555)
        os.chmod(tmp, 0o755)  # let `nobody` reach it
        prefix = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        how = "0555 directory"
    def run_as(*args):
        return subprocess.run(prefix + [NG, *args], capture_output=True, text=True, env=su.ENV, timeout=300)
    p = run_as("ingest", su.CORPUS, "--db", os.path.join(ro, "new.db"), "--quiet")
    check(p.returncode == 2 and "not writable" in p.stderr, f"{how}, new database: {p.returncode} {p.stderr[-300:]}")
    p = run_as("ingest", variants, "--db", os.path.join(ro, "old.db"), "--quiet")
    check(p.returncode == 2 and ("not writable" in p.stderr or "read-only" in p.stderr),
          f"{how}, existing database: {p.returncode} {p.stderr[-300:]}")
    p = run_as("query", "--db", os.path.join(ro, "old.db"), "--summary")
    check(p.returncode == 0 and f"articles {len(pages)}" in p.stdout, f"{how}: cannot read an existing store: {p.stderr[-300:]}")

    # 3. Full disk.
    full_dir = os.path.join(tmp, "full")
    small = mount_tmpfs(full_dir, "2m")
    db = os.path.join(full_dir, "news.db")
    p = su.ingest(NG, db, su.CORPUS, extra=("--batch", "4"))
    check(p.returncode == 0, f"first ingest on the small disk: {p.stderr[-300:]}")
    first = su.dump(NG, db)
    if small:
        p = su.ingest(NG, db, variants, extra=("--batch", "4"))
        how = "2 MB tmpfs"
    else:
        p = ingest_limited(db, variants, os.path.getsize(db) + 1024 * 1024)
        how = "RLIMIT_FSIZE"
    check(p.returncode == 1 and "disk full" in p.stderr, f"{how}: exit {p.returncode}, stderr: {p.stderr[-400:]}")
    check("Segmentation" not in p.stderr and p.returncode >= 0, f"{how}: crashed")
    # Everything committed before is there, and the file is sound.
    saved = os.path.join(tmp, "saved.db")
    shutil.copy(db, saved)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            shutil.copy(db + suffix, saved + suffix)
    con = sqlite3.connect(saved)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"{how}: integrity_check failed")
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    check(n >= len(pages), f"{how}: {n} documents left, {len(pages)} were stored before")
    after = su.dump(NG, saved)
    for name in ("documents", "articles", "mentions"):
        old, new = section(first, name), set(section(after, name))
        check(all(line in new for line in old), f"{how}: rows of {name} stored before the disk filled are gone")
    # With space again, a rerun finishes the job: equal to an uninterrupted run.
    p = su.ingest(NG, saved, variants, extra=("--batch", "4"))
    check(p.returncode == 0, f"rerun with space: {p.stderr[-300:]}")
    ref = os.path.join(tmp, "ref.db")
    su.ingest(NG, ref, su.CORPUS, extra=("--batch", "4"))
    su.ingest(NG, ref, variants, extra=("--batch", "4"))
    check(su.dump(NG, saved) == su.dump(NG, ref), f"{how}: resumed database differs from an uninterrupted run")
    print(f"full disk via {how}: stopped with {n} documents, resumed to {len(pages) * 11}")
finally:
    for m in reversed(mounts):
        subprocess.run(["umount", "-l", m], capture_output=True)
    ro_dir = os.path.join(tmp, "ro")
    if os.path.isdir(ro_dir):
        os.chmod(ro_dir, 0o755)
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("store bad input")
