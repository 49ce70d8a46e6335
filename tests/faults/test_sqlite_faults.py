#!/usr/bin/python3
"""Disk full and a database made read-only in the middle of `newsgraph ingest --db FILE` (SQLite,
issue 18). Each fault must end the run with exit code 1 and a message saying what happened, and
leave a database that is intact, readable and holds only what an uninterrupted run holds (a
prefix of it); a rerun once the fault is gone must give the uninterrupted run's dump.

  disk full (tmpfs)  the database on a tmpfs of half the finished database's size (root: a private
                     mount namespace, `unshare -m`); writes fail with ENOSPC
  disk full (rlimit) RLIMIT_FSIZE (`ulimit -f`) of the same size, SIGXFSZ ignored: writes fail
                     with EFBIG; needs no privilege
  read-only          once a batch has committed, the database file and its WAL are made immutable
                     (`chattr +i`, root on ext4/tmpfs): writes fail with EPERM as on a read-only
                     mount (a remount is refused while the file is open for writing)
Usage: test_sqlite_faults.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import resource
import shutil
import signal
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

NG, check, tmp = fu.su.start("ng-fault-sqlite-")
BATCH = 4
ran = []


def can(cmd):
    return subprocess.run(cmd, capture_output=True).returncode == 0


def disk_full(label, cmd, out_db, preexec=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=fu.su.ENV, timeout=600, preexec_fn=preexec)
    check(p.returncode == 1, f"{label}: rc {p.returncode}, want 1: {p.stderr[-400:]}")
    check("disk full or file size limit" in p.stderr, f"{label}: no disk-full message: {p.stderr[-400:]}")
    db = fu.Sqlite(out_db)
    n = fu.after_fault(NG, db, want, check, label)
    check(0 < n < total, f"{label}: {n} of {total} documents stored before the disk filled (want some, not all)")
    fu.rerun_equal(NG, db, src, BATCH, want, check, label)
    ran.append(f"{label}: failed after {n} of {total} documents, rc 1, rerun equal. {p.stderr.strip().splitlines()[-1]}")


try:
    src = fu.make_input(tmp, sites=8)
    want, _, _ = fu.reference(NG, tmp, src, BATCH, check)
    total = len(fu.parse_dump(want)["documents"])
    size = os.path.getsize(os.path.join(tmp, "ref.db")) // 2 // 4096 * 4096

    # 1. Disk full: a tmpfs of `size` bytes in a private mount namespace.
    mnt, out = os.path.join(tmp, "mnt"), os.path.join(tmp, "tmpfs-copy")
    os.makedirs(mnt)
    os.makedirs(out)
    if os.geteuid() == 0 and can(["unshare", "-m", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt]):
        script = ('mount -t tmpfs -o size="$1" tmpfs "$2" || exit 99; "$3" ingest "$4" --db "$2/full.db" --quiet '
                  f'--jobs 2 --batch {BATCH}; rc=$?; cp "$2"/full.db* "$5"/; exit $rc')
        disk_full("disk full (tmpfs)", ["unshare", "-m", "sh", "-c", script, "sh", str(size), mnt, NG, src, out],
                  os.path.join(out, "full.db"))
    else:
        print("skipped disk full (tmpfs): needs root and mount(2) in a new mount namespace")

    # 2. Disk full: RLIMIT_FSIZE.
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    lim = os.path.join(tmp, "limit.db")
    disk_full("disk full (rlimit)", fu.ingest_cmd(NG, src, lim, BATCH), lim, preexec=limit)

    # 3. Read-only mid-batch: chattr +i on the database and its WAL once a batch has committed.
    probe = os.path.join(tmp, "probe")
    open(probe, "w").close()
    if os.geteuid() == 0 and can(["chattr", "+i", probe]):
        subprocess.run(["chattr", "-i", probe])
        ro = fu.Sqlite(os.path.join(tmp, "ro.db"))
        proc = fu.start_ingest(NG, src, ro, BATCH)
        started = fu.wait_for_documents(ro, proc, 1)
        frozen = [f for f in (ro.path, ro.path + "-wal") if os.path.exists(f)]
        if started:
            subprocess.run(["chattr", "+i", *frozen], check=True)
        try:
            _, err = proc.communicate(timeout=300)
            check(started, "read-only: the run ended before its first batch was committed")
            check(proc.returncode == 1, f"read-only: rc {proc.returncode}, want 1: {err[-400:]}")
            check("read-only" in err and "disk full" not in err, f"read-only: the message does not say read-only: {err[-400:]}")
            n = fu.after_fault(NG, ro, want, check, "read-only")  # read while still immutable
            check(0 < n < total, f"read-only: {n} of {total} documents stored before (want some, not all)")
        finally:
            subprocess.run(["chattr", "-i", *frozen])
        fu.rerun_equal(NG, ro, src, BATCH, want, check, "read-only")
        ran.append(f"read-only: failed after {n} of {total} documents, rc 1, rerun equal. {err.strip().splitlines()[-1]}")
    else:
        print("skipped read-only: needs root and chattr +i on the temp directory's file system")
    print("\n".join(ran))
finally:
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("faults sqlite")
