"""extract(): the CLI's article, bad input as exceptions or reasons, never a crash."""
import json

import pytest


def test_same_article_as_the_cli(ng, cli, corpus_pages):
    lines = cli("extract", "--format", "jsonl", "--quiet", *corpus_pages).stdout.splitlines()
    assert len(lines) == len(corpus_pages)
    for path, line in zip(corpus_pages, lines):
        want = json.loads(line)
        got = ng.extract(open(path, "rb").read()).to_dict()
        assert want.pop("source") == path and want.pop("error") is None
        assert got == want, path


def test_fields_url_and_charset(ng):
    page = "<html><head><title>Über uns</title></head><body><article><p>" + "Ein Absatz über Wasser. " * 20 + "</p></article></body></html>"
    a = ng.extract(page.encode("latin-1"), url="https://example.com/x", charset="iso-8859-1")
    assert a.url == "https://example.com/x"
    assert a.title == "Über uns"
    assert a.encoding.lower() in ("iso-8859-1", "windows-1252")
    assert "Absatz über Wasser" in a.text
    assert isinstance(a.to_dict()["blocks"], list)
    with pytest.raises(AttributeError):
        a.title = "changed"
    assert ng.extract(page, parser="gumbo").text == ng.extract(page).text


def test_not_html_is_a_reason_or_an_error(ng):
    assert ng.extract(b"").reason == "empty input"
    for junk in (b"\x00\x01\x02\xff\xfe" * 1000, bytes(range(256)) * 50):
        with pytest.raises(ng.InvalidArgumentError, match="not an HTML page"):
            ng.extract(junk)
    # Text that is not markup is read as a page of text: an article, never a crash.
    a = ng.extract(b"%PDF-1.7\n" + b"\x8f" * 4000)
    assert a.title is None and isinstance(a.text, str)


def test_bad_arguments(ng):
    with pytest.raises(ng.InvalidArgumentError, match="expected str or bytes"):
        ng.extract(12345)
    with pytest.raises(ng.InvalidArgumentError, match="parser"):
        ng.extract("<p>x</p>", parser="lxml")
    assert issubclass(ng.InvalidArgumentError, ng.Error)
