"""ingest() and open_db(): the CLI's database, DataFrames with real dtypes, bad databases raise."""
import csv
import io
import socket

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def dbs(ng, cli, tmp_path_factory):
    d = tmp_path_factory.mktemp("store")
    py_db, cli_db = str(d / "py.db"), str(d / "cli.db")
    report = ng.ingest(["corpus"], db=py_db, jobs=2, progress=False)
    cli("ingest", "corpus", "--db", cli_db, "--quiet", "--jobs", "2")
    return report, py_db, cli_db


def test_ingest_report(ng, dbs):
    report, py_db, _ = dbs
    assert report.documents == 15 and report.stored == 15
    assert report.failed == 0 and report.problems == []
    again = ng.ingest("corpus", db=py_db, progress=False)
    assert again.stored == 0 and again.already_stored == 15


def test_ingest_dump_equals_the_cli(ng, cli, dbs):
    _, py_db, cli_db = dbs
    want = cli("export", "--db", cli_db, "--format", "dump").stdout
    with ng.open_db(py_db) as db:
        got = db.dump()
    assert len(want) > 1000
    assert got == want


def test_events_equal_query_csv(ng, cli, dbs):
    _, py_db, cli_db = dbs
    text = cli("query", "--db", cli_db, "--format", "csv", "--limit", "100000").stdout
    rows = list(csv.reader(io.StringIO(text)))
    ev = ng.open_db(py_db).events(limit=None)
    assert list(ev.columns) == rows[0]
    assert len(ev) == len(rows) - 1 > 20
    want = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert [str(x) for x in ev["id"]] == list(want["id"])
    assert list(ev["date"].dt.strftime("%Y%m%d")) == list(want["date"])
    assert list(ev["goldstein"]) == [float(x) for x in want["goldstein"]]
    for c in ("actor1", "actor2", "cameo", "plover", "url"):
        assert list(ev[c].fillna("")) == list(want[c]), c
    sub = cli("query", "--db", cli_db, "--format", "csv", "--cameo", "19", "--limit", "100000").stdout
    assert len(ng.open_db(py_db).events(cameo="19", limit=None)) == len(sub.splitlines()) - 1


def test_dtypes_and_filters(ng, dbs):
    db = ng.open_db(dbs[1])
    ev = db.events(limit=None)
    assert str(ev["date"].dtype) == "datetime64[ns]"
    assert ev["goldstein"].dtype == "float64"
    assert str(ev["id"].dtype) == "Int64" and str(ev["quad"].dtype) == "Int64"
    assert str(ev["cameo"].dtype) == "string" and str(ev["actor1"].dtype) == "string"
    assert len(db.events(limit=3)) == 3
    first = ev["date"].min()
    assert (db.events(start=first.date(), end=first.date(), limit=None)["date"] == first).all()
    assert db.events(actor="ZZZNOBODY").empty
    art = db.articles(text="earthquake")
    assert len(art) >= 1 and art["score"].dtype == "float64" and str(art["date"].dtype) == "datetime64[ns]"
    assert str(art["page_type"].dtype) == "string"
    assert set(art["page_type"]) <= {"article", "listing", "forum", "product", "documentation", "collection", "other"}
    dy = db.dyads()
    assert int(dy["events"].sum()) == len(ev)
    assert list(dy.columns) == ["actor1", "actor2", "events", "goldstein", "first", "last"]
    daily = db.daily()
    assert int(daily["events"].sum()) == len(ev)
    assert int(daily[["quad1", "quad2", "quad3", "quad4"]].sum().sum()) == len(ev)
    with pytest.raises(ng.InvalidArgumentError):
        db.events(limit=0)
    with pytest.raises(ng.InvalidArgumentError):
        db.events(start="last week")


def test_export(ng, cli, dbs, tmp_path):
    _, py_db, cli_db = dbs
    db = ng.open_db(py_db)
    db.export("gdelt-events", tmp_path / "e.tsv")
    cli("export", "--db", cli_db, "--format", "gdelt-events", "-o", str(tmp_path / "c.tsv"))
    got = (tmp_path / "e.tsv").read_text()
    assert got.count("\n") > 20 and got == (tmp_path / "c.tsv").read_text()
    with pytest.raises(ng.InvalidArgumentError, match="unknown export format"):
        db.export("parquet", tmp_path / "x")
    with pytest.raises(ng.IoError):
        db.export("csv", tmp_path / "no" / "such" / "dir.csv")
    db.close()
    with pytest.raises(ng.InvalidArgumentError, match="closed"):
        db.events()


def test_bad_databases(ng, tmp_path):
    with pytest.raises(ng.Error):
        ng.open_db(tmp_path / "missing.db")
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 4096)
    with pytest.raises(ng.Error) as e:
        ng.open_db(corrupt).events()
    assert "corrupt.db" in str(e.value) or "database" in str(e.value).lower()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(ng.Error):
        ng.open_db(f"postgresql://nobody@127.0.0.1:{port}/nothing")


def test_ingest_bad_input(ng, tmp_path):
    with pytest.raises(ng.NotFoundError, match="no such file"):
        ng.ingest([tmp_path / "missing-dir"], db=tmp_path / "x.db", progress=False)
    with pytest.raises(ng.InvalidArgumentError):
        ng.ingest(["corpus"], db=tmp_path / "x.db", jobs=0)
    page = tmp_path / "junk.html"
    page.write_bytes(b"\x00\xff" * 100)
    r = ng.ingest([page], db=tmp_path / "junk.db", progress=False)
    assert r.documents == 1 and r.failed + r.articles == 1
