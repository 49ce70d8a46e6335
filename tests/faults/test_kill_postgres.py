#!/usr/bin/python3
"""SIGKILL campaign on PostgreSQL (issue 18): as test_kill_sqlite.py, against a throwaway
PostgreSQL 15 server (tests/store/pgserver.py); the final dump must equal the uninterrupted SQLite
run's (both backends dump alike). 10 kills in `make test`; `make faults` runs 120.
Usage: test_kill_postgres.py NEWSGRAPH_BINARY [KILLS]      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402


def backend(tmp):
    pg = fu.start_postgres(tmp)
    return fu.Postgres(pg, "ng_kill"), pg.stop


fu.kill_test("postgresql", backend)
