#!/usr/bin/python3
"""PostgreSQL restarted and made read-only in the middle of `newsgraph ingest --db postgresql://…`
(issue 18), against a throwaway PostgreSQL 15 server (tests/store/pgserver.py).

  restart    once a batch has committed: `pg_ctl restart -m fast` (every session is cut). The run
             must either reconnect and finish (rc 0) or stop with rc 1 and a message saying the
             connection was lost, within a minute — never hang or crash
  read-only  once a batch has committed: ALTER SYSTEM SET default_transaction_read_only = on and a
             configuration reload (the live session's next transaction is read-only). The run must
             stop with rc 1 and a message saying the database is read-only
After each: the database holds only what an uninterrupted run holds (a prefix of it), and a
rerun once the fault is gone gives the uninterrupted SQLite run's dump.
Usage: test_postgres_faults.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import shutil
import signal
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

NG, check, tmp = fu.su.start("ng-fault-pg-")
pg = fu.start_postgres(tmp)
BATCH = 4


def mid_run(label, db, fault, undo, want_rc, want_words):
    db.reset()
    proc = fu.start_ingest(NG, src, db, BATCH)
    started = fu.wait_for_documents(db, proc, 1)
    if started:
        # The run is held while the fault is applied: on a busy machine the whole input could
        # otherwise be stored before psql has made the change (rc 0, every document stored).
        proc.send_signal(signal.SIGSTOP)
        try:
            fault()
        finally:
            proc.send_signal(signal.SIGCONT)
    try:
        _, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        check(False, f"{label}: the run hung for 90 s after the fault: {err[-400:]}")
    finally:
        if started:
            undo()
    check(started, f"{label}: the run ended before its first batch was committed")
    check(proc.returncode in want_rc, f"{label}: rc {proc.returncode}, want {want_rc}: {err[-400:]}")
    if proc.returncode != 0:
        check(any(w in err for w in want_words), f"{label}: the message does not say {want_words}: {err[-400:]}")
    n = fu.after_fault(NG, db, want, check, label)
    fu.rerun_equal(NG, db, src, BATCH, want, check, label)
    if proc.returncode:
        print(f"{label}: " + err.strip().splitlines()[-1])
    return proc.returncode, n


try:
    src = fu.make_input(tmp, sites=24)  # 360 documents: room for the fault to land mid-run on a busy machine
    want, _, _ = fu.reference(NG, tmp, src, BATCH, check)
    total = len(fu.parse_dump(want)["documents"])

    def restart():
        # -l: without a log file the server would keep pg_ctl's stdout (our pipe) open.
        p = pg.run(f"{fu.pgserver.BIN}/pg_ctl", "-D", pg.data, "-l", os.path.join(pg.root, "log"), "-m", "fast",
                   "-w", "restart")
        check(p.returncode == 0, f"pg_ctl restart: {p.stderr[-300:]}")

    rc, n = mid_run("restart", fu.Postgres(pg, "ng_restart"), restart, lambda: None, (0, 1), ("connection lost",))
    print(f"restart: rc {rc} ({'reconnected and finished' if rc == 0 else 'stopped'}) with {n} of {total} "
          "documents stored; rerun equal")

    def read_only():
        pg.psql("ALTER SYSTEM SET default_transaction_read_only = on")
        pg.psql("SELECT pg_reload_conf()")

    def writable():
        pg.psql("ALTER SYSTEM RESET default_transaction_read_only")
        pg.psql("SELECT pg_reload_conf()")

    rc, n = mid_run("read-only", fu.Postgres(pg, "ng_ro"), read_only, writable, (1,), ("the database is read-only",))
    check(0 < n < total, f"read-only: {n} of {total} documents stored before (want some, not all)")
    print(f"read-only: rc {rc} with {n} of {total} documents stored; rerun equal")
finally:
    pg.stop()
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("faults postgresql")
