#!/usr/bin/python3
"""SIGKILL campaign on SQLite (issue 18): `newsgraph ingest DIR --db FILE` killed at seeded random
moments, rerun after each kill; after every kill the database is intact, keeps what it had, holds no
document twice and no row an uninterrupted run would not hold; the final dump equals an
uninterrupted run's (faultutil.kill_campaign). 10 kills in `make test`; `make faults` runs 120.
Usage: test_kill_sqlite.py NEWSGRAPH_BINARY [KILLS]      (exit 0 pass, 1 fail, 77 skip)
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultutil as fu  # noqa: E402

fu.kill_test("sqlite", lambda tmp: (fu.Sqlite(os.path.join(tmp, "kill.db")), lambda: None))
