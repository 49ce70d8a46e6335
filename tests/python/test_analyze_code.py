"""analyze(), code(), explain(): the CLI's answers; invalid dates and options raise."""
import json

import pytest

ATTACK = "Iraqi forces attacked Kurdish rebels in Kirkuk on Monday, officials said."


def test_code_equals_the_cli_over_the_corpus(ng, cli, corpus_pages):
    want = cli("code", "--format", "jsonl", *corpus_pages).stdout.splitlines()
    got = []
    for path in corpus_pages:
        got += [json.dumps(e.to_dict(), ensure_ascii=False, separators=(",", ":")) for e in ng.code(ng.extract(open(path, "rb").read()))]
    assert len(want) > 20
    assert [json.loads(x) for x in got] == [json.loads(x) for x in want]


def test_code_text_with_date_and_ontology(ng, cli):
    want = [json.loads(x) for x in cli("code", "--text", ATTACK, "--date", "2024-02-07", "--ontology", "plover").stdout.splitlines()]
    got = ng.code(ATTACK, date="2024-02-07", ontology="plover")
    assert [e.to_dict() for e in got] == want
    assert got and got[0].plover == "ASSAULT"
    import datetime
    assert ng.code(ATTACK, date=datetime.date(2024, 2, 7), ontology="plover") == got


def test_analyze_equals_the_cli(ng, cli):
    want = json.loads(cli("analyze", "--text", ATTACK, "--date", "2024-02-07").stdout)
    got = ng.analyze(ATTACK, date="2024-02-07").to_dict()
    assert got.pop("reason") == ""
    assert want.pop("source") == "text" and want.pop("error") is None
    assert got == want


def test_analyze_finds_things(ng):
    a = ng.analyze(ATTACK, date="2024-02-07")
    assert a.publication_date == "2024-02-07"
    assert {e["text"] for e in a.entities} >= {"Kirkuk"}
    assert any(d["resolved"] == "2024-02-05" for d in a.dates)
    assert "tokens" not in a.to_dict()
    assert ng.analyze(ATTACK, tokens=True).tokens


def test_article_with_an_invalid_date_is_analysed_with_a_reason(ng):
    art = ng.extract("<html><head><title>Kirkuk</title></head><body><article><p>" + ATTACK + "</p></article></body></html>")
    d = art.to_dict()
    d["published"] = "2024-02-30"
    a = ng.analyze(ng.Article(d))
    assert "2024-02-30" in a.reason
    assert a.publication_date is None
    assert a.sentences


def test_invalid_dates_and_options_raise(ng):
    for bad in ("2024-13-45", "yesterday", "2024-02-30"):
        with pytest.raises(ng.InvalidArgumentError, match="publication date"):
            ng.code(ATTACK, date=bad)
        with pytest.raises(ng.InvalidArgumentError):
            ng.analyze(ATTACK, date=bad)
    with pytest.raises(ng.InvalidArgumentError):
        ng.code(ATTACK, date=20240207)
    with pytest.raises(ng.InvalidArgumentError, match="ontology"):
        ng.code(ATTACK, ontology="idea")
    with pytest.raises(ng.InvalidArgumentError, match="expected str or Article"):
        ng.code(b"bytes are not text")
    assert ng.code("") == []
    assert ng.analyze("\x00\ufffd junk \udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace")).text


def test_explain(ng, cli):
    x = ng.explain(ATTACK, date="2024-02-07")
    assert x.trace and x.events
    assert x.events[0].root == "19"
    assert "\tKirkuk\t" in x.conllu
    out = cli("explain", ATTACK, "--date", "2024-02-07").stdout
    for line in x.trace:
        assert line in out
    with pytest.raises(ng.InvalidArgumentError):
        ng.explain(ATTACK, date="2024-99-99")
    with pytest.raises(ng.InvalidArgumentError):
        ng.explain(None)
