#!/usr/bin/python3
"""SIGKILL campaign on SQLite (issue 18): `newsgraph ingest DIR --db FILE` killed at seeded random
moments, rerun after each kill; after every kill the database is intact, keeps what it had, holds no
document twice and no row an uninterrupted run would not hold; the final dump equals an
uninterrupted run's. 10 kills in `make test`; `make faults` runs 120 (NG_FAULT_KILLS).
Usage: test_kill_sqlite.py NEWSGRAPH_BINARY [KILLS]      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

NG, check, tmp = fu.su.start("ng-fault-kill-")
KILLS = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("NG_FAULT_KILLS", "10"))
SEED = int(os.environ.get("NG_FAULT_SEED", "18"))
try:
    src = fu.make_input(tmp)
    want, load_s, full_s = fu.reference(NG, tmp, src, 4, check)
    kills, landed, cycles = fu.kill_campaign(NG, fu.Sqlite(os.path.join(tmp, "kill.db")), src, 4, KILLS, SEED,
                                             check, want, load_s, full_s)
    print(f"sqlite: {kills} SIGKILLs (seed {SEED}), {landed} after some batch had committed, {cycles} complete "
          f"databases equal to the uninterrupted run (load {load_s:.2f}s, run {full_s:.2f}s)")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("faults kill sqlite")
