#!/usr/bin/python3
"""SIGKILL campaign on PostgreSQL (issue 18): as test_kill_sqlite.py, against a throwaway
PostgreSQL 15 server (tests/store/pgserver.py); the final dump must equal the uninterrupted SQLite
run's (both backends dump alike). 10 kills in `make test`; `make faults` runs 120 (NG_FAULT_KILLS).
Usage: test_kill_postgres.py NEWSGRAPH_BINARY [KILLS]      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

NG, check, tmp = fu.su.start("ng-fault-killpg-")
KILLS = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("NG_FAULT_KILLS", "10"))
SEED = int(os.environ.get("NG_FAULT_SEED", "18"))
try:
    pg = fu.pgserver.PgServer().start()
except fu.pgserver.Unavailable as e:
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"skip: {e}")
    sys.exit(77)
try:
    src = fu.make_input(tmp)
    want, load_s, full_s = fu.reference(NG, tmp, src, 4, check)
    kills, landed, cycles = fu.kill_campaign(NG, fu.Postgres(pg, "ng_kill"), src, 4, KILLS, SEED, check, want,
                                             load_s, full_s)
    print(f"postgresql: {kills} SIGKILLs (seed {SEED}), {landed} after some batch had committed, {cycles} complete "
          f"databases equal to the uninterrupted SQLite run (load {load_s:.2f}s, run {full_s:.2f}s)")
finally:
    pg.stop()
    shutil.rmtree(tmp, ignore_errors=True)
check.finish("faults kill postgresql")
