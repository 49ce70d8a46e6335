"""read_warc() and read_feed(): records and items, damaged input noted, missing files raise."""
import os

import pytest
import warcgen as wg


def test_read_warc(ng, tmp_path, corpus_pages):
    path = tmp_path / "c.warc.gz"
    with open(path, "wb") as f:
        f.write(wg.gz(wg.record("warcinfo", b"software: pytest\r\n")))
        for p in corpus_pages[:3]:
            f.write(wg.gz(wg.response("https://example.com/" + os.path.basename(p), open(p, "rb").read())))
    records = list(ng.read_warc(path))
    assert [r.url for r in records] == ["https://example.com/" + os.path.basename(p) for p in corpus_pages[:3]]
    assert records[0].http_status == 200
    assert records[0].content_type == "text/html"
    assert records[0].body == open(corpus_pages[0], "rb").read()
    assert records[0].source.startswith(str(path) + "@") or "@" in records[0].source
    assert ng.extract(records[1].body).title == ng.extract(open(corpus_pages[1], "rb").read()).title


def test_damaged_record_is_skipped_and_noted(ng, tmp_path):
    good = wg.response("https://example.com/a", b"<p>a</p>")
    bad = wg.response("https://example.com/b", b"<p>b</p>").replace(b"<p>b</p>", b"<p>B</p>")  # digest mismatch
    path = tmp_path / "d.warc"
    path.write_bytes(good + bad + wg.response("https://example.com/c", b"<p>c</p>"))
    it = ng.read_warc(path)
    urls = [r.url for r in it]
    assert urls == ["https://example.com/a", "https://example.com/c"]
    assert len(it.errors) == 1 and "digest" in it.errors[0].lower()


def test_missing_warc_raises(ng, tmp_path):
    with pytest.raises(ng.IoError, match="nope.warc.gz: No such file"):
        ng.read_warc(tmp_path / "nope.warc.gz")


def test_read_feed(ng, tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    '<item><title>One</title><link>/a/1</link><pubDate>Wed, 07 Feb 2024 10:00:00 GMT</pubDate></item>'
                    '<item><title>Two</title><link>https://other.example/2</link></item></channel></rss>')
    items = list(ng.read_feed(feed, url="https://news.example/feed"))
    assert [i.url for i in items] == ["https://news.example/a/1", "https://other.example/2"]
    assert items[0].title == "One" and "2024" in items[0].published


def test_bad_feeds_raise(ng, tmp_path):
    with pytest.raises(ng.NotFoundError):
        ng.read_feed(tmp_path / "missing.xml")
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"\x00\x01 not xml at all")
    with pytest.raises(ng.Error) as e:
        ng.read_feed(junk)
    assert "junk.xml" in str(e.value)


def test_documents_iterator_in_order(ng, cli, corpus_pages):
    docs = list(ng.documents(["corpus"], jobs=2))
    assert [d.source for d in docs] == corpus_pages or [os.path.basename(d.source) for d in docs] == [os.path.basename(p) for p in corpus_pages]
    assert all(d.status == "ok" for d in docs)
    seed = next(d for d in docs if d.source.endswith("seed-page.html"))
    assert seed.events and seed.analysis.sentences and seed.article.title
    want = [e.to_dict() for e in ng.code(ng.extract(open(os.path.join("corpus", "seed-page.html"), "rb").read()))]
    assert [e.to_dict() for e in seed.events] == want
    quick = list(ng.documents("corpus", analyze=False))
    assert len(quick) == len(docs) and quick[0].analysis is None and quick[0].events == []


def test_documents_iterator_stops_early(ng, tmp_path):
    for i in range(200):
        (tmp_path / f"p{i:03}.html").write_text(f"<html><head><title>Page {i}</title></head><body><p>Text {i}.</p></body></html>")
    it = ng.documents([tmp_path], analyze=False)
    first = [next(it) for _ in range(3)]
    assert [d.article.title for d in first] == ["Page 0", "Page 1", "Page 2"]
    it.close()  # stops the background run; nothing hangs
    with pytest.raises(ng.NotFoundError):
        next(ng.documents([tmp_path / "missing"]))
