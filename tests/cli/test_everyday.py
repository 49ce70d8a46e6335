#!/usr/bin/python3
"""The everyday-use surprises of issue 17 (items 1-8), one section per item, each a check that
failed before the fix.

  /usr/bin/python3 tests/cli/test_everyday.py <path-to-newsgraph>

 1 dates: `code` without any date writes no year 0 (empty GDELT date columns, DATEADDED the run
   time, a notice on stderr); SOURCEURL is an HTML page's canonical URL; JSON carries
   "date_precision" (month for a month-only date); docs/STORE.md says how GDELT's columns take it.
 2 `code --format jsonl` writes attached quantities as objects (text, value, offsets), not indexes.
 3 --date is checked the same way by analyze, code and explain (and actor): rc 2, the same message.
 4 a missing input does not stop a batch (rc 1, the good input printed, the file named once);
   a directory without pages reads as "is a directory".
 5 `export -o` into a missing directory exits with the code --help gives for it (2).
 6 query filters are checked (rc 2, the message lists valid values); the README's example queries
   return rows on the bundled corpus.
 7 an empty page is reported (rc 1) by extract and is not stored as an article by ingest --db.
 8 `help nosuch` rc 2; query jsonl numbers are JSON numbers; "(1 row)"; tables fit 120 columns
   (or $COLUMNS); analyze --pretty indents JSON.
Exit 0 pass, 1 fail, 77 skip (no binary).
"""
import datetime
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPO, "corpus")
SEED_TXT = os.path.join(REPO, "tests", "fixtures", "seed-article.txt")
SEED_HTML = os.path.join(CORPUS, "seed-page.html")
CANONICAL = "https://dailyledger.example/world/iraq-us-re-engage-dialogue-coalition-future/"
problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    print(("ok   " if cond else "FAIL ") + msg, flush=True)
    return cond


def run(ng, *args, stdin=b"", env=None):
    e = dict(os.environ)
    e.pop("COLUMNS", None)
    e.update(env or {})
    p = subprocess.run([ng, *args], input=stdin, capture_output=True, timeout=600, env=e)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def gdelt_rows(out):
    return [l.split("\t") for l in out.splitlines() if l.strip()]


def item1(ng):
    rc, out, err = run(ng, "code", SEED_TXT, "--format", "gdelt")
    rows = gdelt_rows(out)
    check(rc == 0 and rows, f"1: code without a date still codes (rc {rc}, {len(rows)} rows)")
    year_now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y")
    check(all(not r[3].startswith("0000") and not r[1].startswith("0000") for r in rows),
          f"1: no year 0 in SQLDATE/Year: {sorted({(r[1], r[3]) for r in rows})[:3]}")
    check(all(r[3] == "" or (r[3].isdigit() and int(r[3]) >= 1) for r in rows), "1: Year empty or a real year")
    undated = [r for r in rows if r[1] == ""]
    check(all(r[59][:4] == year_now and len(r[59]) == 14 for r in undated) and undated,
          f"1: undated events have DATEADDED = the run time ({len(undated)} undated)")
    check("no publication date" in err and "--date" in err, f"1: a notice says the input has no date: {err.strip()[:200]!r}")

    rc, out, _ = run(ng, "code", SEED_HTML, "--format", "gdelt")
    rows = gdelt_rows(out)
    check(rc == 0 and rows and all(r[60] == CANONICAL for r in rows),
          f"1: SOURCEURL is the page's canonical URL ({sorted({r[60] for r in rows})[:2]})")
    rc, out, _ = run(ng, "code", SEED_HTML, "--format", "gdelt", "--url", "https://given.example/x")
    check(rc == 0 and all(r[60] == "https://given.example/x" for r in gdelt_rows(out)), "1: --url still wins")

    rc, out, _ = run(ng, "code", "--text", "In March 2023, Iranian troops attacked Iraqi soldiers near Basra.",
                     "--date", "2024-02-07")
    ev = [json.loads(l) for l in out.splitlines() if l.strip()]
    prec = {(e["date"], e.get("date_precision")) for e in ev}
    check(("2023-03", "month") in prec, f"1: a month-only date says date_precision month: {prec}")
    rc, out, _ = run(ng, "code", SEED_TXT, "--date", "2024-02-07")
    ev = [json.loads(l) for l in out.splitlines() if l.strip()]
    check(ev and all(e.get("date_precision") == {10: "day", 7: "month", 4: "year"}.get(len(e["date"] or ""))
                     for e in ev), "1: date_precision matches every event's date")
    doc = open(os.path.join(REPO, "docs", "STORE.md"), encoding="utf-8").read()
    check("date_precision" in doc and "SQLDATE" in doc, "1: docs/STORE.md says how GDELT's date columns take the precision")


def item2(ng):
    rc, out, _ = run(ng, "code", "--text", "U.S. forces struck 85 targets in Iraq on Friday.", "--date", "2024-02-07")
    ev = [json.loads(l) for l in out.splitlines() if l.strip()]
    qs = [q for e in ev for q in e["quantities"]]
    check(rc == 0 and qs, f"2: the airstrike sentence has an event with a quantity ({len(ev)} events)")
    check(all(isinstance(q, dict) and "85" in q.get("text", "") and q.get("value") == 85 for q in qs),
          f"2: quantities are objects with their text and value, not indexes: {qs}")


def item3(ng):
    msgs = {}
    for cmd in (["analyze", "--text", "Rain fell."], ["code", "--text", "Rain fell."], ["explain", "Rain fell."]):
        for bad in ("yesterday", "2024-13-45"):
            rc, _, err = run(ng, *cmd, "--date", bad)
            check(rc == 2, f"3: {cmd[0]} --date {bad}: rc 2 (got {rc})")
            msgs.setdefault(bad, set()).add(err.strip().split(": ", 1)[-1])
    for bad, m in msgs.items():
        check(len(m) == 1 and "YYYY-MM-DD" in next(iter(m)), f"3: one message for --date {bad} in every command: {m}")
    rc, _, err = run(ng, "actor", "Iraq", "--date", "2024-13-45")
    check(rc == 2 and "--date '2024-13-45' is not a date: expected YYYY-MM-DD" in err, f"3: actor --date 2024-13-45: rc {rc} {err.strip()}")


def item4(ng, tmp):
    missing = os.path.join(tmp, "missing.html")
    rc, out, err = run(ng, "extract", SEED_HTML, missing)
    check(rc == 1, f"4: extract good + missing: rc 1 (got {rc})")
    check("Iraq and US Must Re-Engage" in out, "4: the good page is printed")
    check(err.count("missing.html") == 1, f"4: extract names the missing file once: {err.strip()!r}")
    rc, _, err = run(ng, "analyze", missing)
    check(rc == 1 and err.count("missing.html") == 1, f"4: analyze names the missing file once (rc {rc}): {err.strip()!r}")
    rc, out, err = run(ng, "code", SEED_TXT, missing, "--date", "2024-02-07")
    check(rc == 1 and out.strip() and err.count("missing.html") == 1, f"4: code goes on past a missing file (rc {rc}): {err.strip()!r}")
    empty_dir = os.path.join(tmp, "nopages")
    os.makedirs(empty_dir)
    rc, _, err = run(ng, "analyze", empty_dir)
    check(rc == 1 and "is a directory" in err and "read error" not in err, f"4: analyze DIR: {err.strip()!r}")
    rc, out, err = run(ng, "ingest", SEED_HTML, missing, "--quiet")
    check(rc == 1 and '"title"' in out and err.count("missing.html") == 1,
          f"4: ingest goes on past a missing source (rc {rc}): {err.strip()[:300]!r}")


def item5(ng, db):
    rc_help, help_text, _ = run(ng, "export", "--help")
    said = re.search(r"2 nothing done:[^;]*output file", help_text.replace("\n", " "))
    rc, _, err = run(ng, "export", "--db", db, "--format", "csv", "-o", "/nonexistent/x.csv")
    check(rc_help == 0 and said is not None, "5: export --help says an output file that cannot be opened is exit 2")
    check(rc == 2 and "/nonexistent/x.csv" in err, f"5: export -o /nonexistent/x.csv: rc {rc} as --help says ({err.strip()})")


def item6(ng, db):
    for flag, value, want in (("--from", "2024-99-01", "YYYY-MM-DD"), ("--to", "2024-02-30", "YYYY-MM-DD"),
                              ("--plover", "NOTACAT", "ASSAULT"), ("--country", "XX", "ISO 3166"),
                              ("--cameo", "99", "01 to 20")):
        rc, out, err = run(ng, "query", "--db", db, flag, value)
        check(rc == 2 and want in err and value in err, f"6: query {flag} {value}: rc {rc}, message lists valid values: {err.strip()}")
    rc, out, _ = run(ng, "query", "--db", db, "--plover", "assault", "--country", "irq", "--format", "jsonl")
    check(rc == 0, f"6: lower-case plover/country are accepted (rc {rc})")
    readme = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    queries = [l.split("#")[0].strip() for l in readme.splitlines() if l.startswith("newsgraph query --db news.db --")]
    queries = [q for q in queries if "--text" not in q and "--summary" not in q]
    check(queries, "6: the README shows event queries")
    for q in queries:
        args = shlex.split(q)[1:]
        args[args.index("news.db")] = db
        if "--format" in args:
            args[args.index("--format") + 1] = "jsonl"
        else:
            args += ["--format", "jsonl"]
        rc, out, err = run(ng, *args)
        rows = [json.loads(l) for l in out.splitlines() if l.strip()]
        check(rc == 0 and rows, f"6: the README's `{q}` returns rows on the corpus ({len(rows)}, rc {rc} {err.strip()[:100]})")


def item7(ng, tmp):
    pages = os.path.join(tmp, "pages")
    os.makedirs(pages)
    open(os.path.join(pages, "a-empty.html"), "wb").close()
    with open(os.path.join(pages, "b-seed.html"), "wb") as f:
        f.write(open(SEED_HTML, "rb").read())
    rc, out, err = run(ng, "extract", os.path.join(pages, "a-empty.html"))
    check(rc == 1 and "a-empty.html" in err and "empty" in err, f"7: extract of an empty file: rc {rc}, {err.strip()!r}")
    db = os.path.join(tmp, "empty.db")
    rc, _, err = run(ng, "ingest", pages, "--db", db, "--quiet")
    check(rc == 1 and "a-empty.html" in err and "empty" in err, f"7: ingest --db reports the empty page (rc {rc}): {err.strip()[-300:]!r}")
    con = sqlite3.connect(db)
    arts = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    failed = con.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0]
    con.close()
    check(arts == 1 and failed == 1, f"7: the empty page is a failed document, not an article ({arts} articles, {failed} failed)")
    rc, _, err = run(ng, "analyze", "-", stdin=b"  \n")
    check(rc == 1 and "empty input" in err, f"7: analyze of blank stdin: rc {rc} {err.strip()!r}")


def item8(ng, db):
    rc, out, err = run(ng, "help", "nosuch")
    check(rc == 2 and "unknown command 'nosuch'" in err and not out, f"8: help nosuch: rc {rc}, {err.strip()!r}")
    rc, out, _ = run(ng, "query", "--db", db, "--format", "jsonl", "--limit", "5")
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    check(rows and all(isinstance(r["goldstein"], (int, float)) and isinstance(r["id"], int)
                       and isinstance(r["mentions"], int) and isinstance(r["cameo"], str) for r in rows),
          f"8: jsonl numbers are numbers, codes strings: {rows[:1]}")
    rc, out, _ = run(ng, "query", "--db", db, "--limit", "1")
    check(rc == 0 and "(1 row)" in out.splitlines(), f"8: one row says (1 row): {out.strip()[-30:]!r}")
    rc, out, _ = run(ng, "query", "--db", db)
    widths = [len(l) for l in out.splitlines()]
    check(rc == 0 and widths and max(widths) <= 120, f"8: a table fits 120 columns (widest {max(widths or [0])})")
    rc, out, _ = run(ng, "query", "--db", db, env={"COLUMNS": "80"})
    widths = [len(l) for l in out.splitlines()]
    check(rc == 0 and widths and max(widths) <= 80, f"8: COLUMNS=80 narrows it (widest {max(widths or [0])})")
    check(out.splitlines()[0].split()[:2] == ["id", "date"] and "columns left out to fit 80" in out,
          "8: narrowing leaves columns out from the right and says which")
    rc, out, _ = run(ng, "analyze", SEED_TXT, "--date", "2024-02-07", "--pretty")
    check(rc == 0 and out.count("\n") > 50 and json.loads(out)["source"] == SEED_TXT and '\n  "text": ' in out,
          f"8: analyze --pretty is indented JSON ({out.count(chr(10))} lines)")
    rc, out2, _ = run(ng, "analyze", SEED_TXT, "--date", "2024-02-07")
    try:
        same = json.loads(out2) == json.loads(out)
    except ValueError:
        same = False
    check(out2.count("\n") == 1 and same, "8: without --pretty (not a terminal) one line, same data")


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    ng = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ng-everyday-")
    item1(ng)
    item2(ng)
    item3(ng)
    item4(ng, tmp)
    item7(ng, tmp)
    db = os.path.join(tmp, "corpus.db")
    rc, _, err = run(ng, "ingest", CORPUS, "--db", db, "--quiet")
    check(rc == 0, f"the corpus ingests (rc {rc}: {err.strip()[-200:]})")
    item5(ng, db)
    item6(ng, db)
    item8(ng, db)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
