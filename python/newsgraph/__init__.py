"""newsgraph from Python: news pages -> articles -> political events (CAMEO and PLOVER).

    >>> import newsgraph as ng
    >>> art = ng.extract(open("page.html", "rb").read(), url="https://example.com/a")
    >>> events = ng.code(art)                      # list of ng.Event
    >>> ng.ingest(["corpus/"], db="news.db")
    >>> ng.open_db("news.db").events(cameo="19")   # a pandas DataFrame

Every call runs the C++ library (the same code as the `newsgraph` command line); heavy calls
release the GIL, so a thread pool scales. Failures raise a subclass of `newsgraph.Error`
carrying the library's message. See docs/PYTHON.md for a tour.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import os
import threading

from . import _newsgraph as _ng
from ._newsgraph import (DataLossError, Error, InternalError, InvalidArgumentError, IoError, NotFoundError,
                         ResourceExhaustedError, UnavailableError, UnimplementedError)

__all__ = [
    "extract", "analyze", "code", "explain", "read_warc", "read_feed", "ingest", "documents", "open_db",
    "Article", "Analysis", "Event", "Explanation", "Record", "FeedItem", "IngestReport", "Document", "Store",
    "Error", "InvalidArgumentError", "NotFoundError", "DataLossError", "ResourceExhaustedError",
    "UnimplementedError", "UnavailableError", "InternalError", "IoError",
]

_HERE = os.path.dirname(os.path.abspath(__file__))


class _Value:
    """A plain result: fields as attributes, `to_dict()` for a deep copy of them."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name):
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only; use to_dict() for a copy to change")

    def to_dict(self) -> dict:
        """The fields as a new dict (nested values copied)."""
        return copy.deepcopy(self._data)

    def __eq__(self, other):
        return type(self) is type(other) and self._data == other._data

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._data))

    def __repr__(self):
        keys = ", ".join(f"{k}={self._data[k]!r}"[:60] for k in list(self._data)[:4])
        return f"{type(self).__name__}({keys}, ...)"


class Article(_Value):
    """One extracted news article: url, title, section, authors, published (ISO 8601 or None),
    modified, language, site_name, description, image, tags, blocks (list of {"kind", "text"}),
    comments, text (the body as plain text), encoding, reason (why the result is partial or empty)."""


class Analysis(_Value):
    """An analysed text: text (what was analysed; offsets are UTF-8 byte offsets into it),
    reason, publication_date, sentences, entities, places, quantities, dates, tone,
    sentence_tone, and tokens when asked for."""


class Event(_Value):
    """One coded event, as `newsgraph code --format jsonl` prints it: id, cameo, root, plover,
    goldstein, quad_class, source/target actors with spans, date, place, evidence, rules."""


class Explanation(_Value):
    """How the coder read a sentence: trace (one line per decision), events (list of Event),
    conllu (the dependency tree of each sentence, CoNLL-U)."""


class Record(_Value):
    """One archived HTTP response: url, fetch_time, http_status, content_type, charset,
    headers (list of (name, value)), body (bytes), source ("file.warc.gz@offset")."""


class FeedItem(_Value):
    """One RSS/Atom item: url (resolved), title, published (as written), summary."""


class IngestReport(_Value):
    """What ingest() did: documents, articles, skipped, failed, stored, already_stored and
    problems (one line per failed document, at most 200)."""


class Document(_Value):
    """One record through the whole pipeline: source, url, status ("ok", "skipped", "failed"),
    error, reason, article (Article or None), text, analysis (Analysis or None), events."""


_models_lock = threading.Lock()
_models_cache: dict = {}


def _models(codebook: bool = True):
    """The analysis tables (and coder) loaded once per process and shared by every thread."""
    with _models_lock:
        m = _models_cache.get(codebook)
        if m is None:
            data = os.path.join(_HERE, "data")  # an installed package ships its tables
            if os.path.isdir(data):
                m = _ng.load_models(data, os.path.join(data, "code"), "", codebook)
            else:
                m = _ng.load_models("", "", "", codebook)
            _models_cache[codebook] = m
        return m


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        return value
    raise InvalidArgumentError(f"a date is 'YYYY-MM-DD', a datetime.date or None, not {type(value).__name__}")


def extract(html, url: str | None = None, charset: str | None = None, comments: bool = False,
            parser: str = "fast") -> Article:
    """Extract the article from one HTML page (bytes in any encoding, or str).

    `url` is where the page came from (a canonical link in the page wins), `charset` the one the
    HTTP header gave, `comments` keeps the comment thread. "No main content" is not an error:
    the Article comes back with a `reason`."""
    return Article(json.loads(_ng.extract(html, url or "", charset or "", comments, parser)))


def _process(text_or_article, date, code: bool, ontology: str, tokens: bool):
    m = _models(codebook=code)
    if isinstance(text_or_article, Article):
        a = text_or_article
        if date is None:
            out = _ng.process_article(m, a.title or "", a.text or "", a.published or "", a.url or "", code, ontology,
                                      tokens, True)
            return json.loads(out)
        text = (a.title or "") + ("\n\n" if a.title and a.text else "") + (a.text or "")
    elif isinstance(text_or_article, str):
        text = text_or_article
    else:
        raise InvalidArgumentError(f"expected str or Article, got {type(text_or_article).__name__}")
    return json.loads(_ng.process_text(m, text, _date(date), code, ontology, tokens, True))


def analyze(text_or_article, date=None, tokens: bool = False) -> Analysis:
    """Sentences, entities (persons, organisations, locations), places, quantities, dates and tone.

    An Article is analysed as title + body, dated by its `published` day unless `date` is given
    (an invalid published day is left out, with a `reason`); an invalid `date` raises
    InvalidArgumentError."""
    d = _process(text_or_article, date, False, "both", tokens)
    out = dict(d["analysis"])
    out["text"] = d["text"]
    out["reason"] = d["reason"]
    return Analysis(out)


def code(text_or_article, date=None, ontology: str = "both") -> list:
    """Political events (who did what to whom) in CAMEO and/or PLOVER: `ontology` is "cameo",
    "plover" or "both". The same events as `newsgraph code --format jsonl`."""
    d = _process(text_or_article, date, True, ontology, False)
    return [Event(e) for e in d["events"]]


def explain(sentence: str, date=None) -> Explanation:
    """How the coder reads one sentence: every decision, the events and the dependency tree."""
    if not isinstance(sentence, str):
        raise InvalidArgumentError(f"expected str, got {type(sentence).__name__}")
    trace, events, conllu = _ng.explain(_models(), sentence, _date(date))
    return Explanation({"trace": list(trace), "events": [Event(e) for e in json.loads(events)], "conllu": conllu})


class _Records:
    """An iterator of Records (read_warc) or FeedItems (read_feed); `errors` lists what was skipped."""

    def __init__(self, it, wrap):
        self._it, self._wrap = it, wrap

    def __iter__(self):
        return self

    def __next__(self):
        return self._wrap(next(self._it))

    @property
    def errors(self) -> list:
        """Damaged records skipped so far, one message each."""
        return list(getattr(self._it, "errors", []))


def read_warc(path) -> "_Records":
    """The response and resource records of a WARC file (.warc or .warc.gz), one Record at a time
    in flat memory. A damaged record is skipped and noted in the iterator's `errors`; a file that
    cannot be opened raises IoError now."""
    return _Records(_ng.WarcIterator(os.fspath(path)), Record)


def read_feed(path, url: str | None = None) -> "_Records":
    """The items of an RSS 2.0 / Atom 1.0 file; relative links resolve against `url`."""
    return _Records(iter(_ng.read_feed(os.fspath(path), url or "")), FeedItem)


def ingest(sources, db: str, jobs: int | None = None, progress: bool = True, batch: int = 64) -> IngestReport:
    """Read sources (WARC files, directories, HTML files, feeds, URLs) into a database: extract,
    analyse and code every page on `jobs` threads (default: all cores) and store it in `db`
    (a SQLite file, made if needed, or a postgresql:// URL). Idempotent: documents already
    stored are skipped. The same run as `newsgraph ingest SOURCES --db DB`."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    if jobs is not None and jobs < 1:
        raise InvalidArgumentError("jobs must be a positive number")
    if batch < 1:
        raise InvalidArgumentError("batch must be a positive number")
    m = _models(codebook=True)
    r = _ng.ingest(m, [os.fspath(s) for s in sources], os.fspath(db), jobs or 0, progress, batch)
    return IngestReport(dict(r))


def documents(sources, jobs: int | None = None, analyze: bool = True):
    """The documents of `sources` (as ingest() reads them) through the pipeline, in input order,
    as they are done: extraction, and unless analyze=False the analysis and events. Runs on
    `jobs` threads in the background; stop iterating (or close()) to stop the run."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    if jobs is not None and jobs < 1:
        raise InvalidArgumentError("jobs must be a positive number")
    it = _ng.DocumentIterator(_models(codebook=analyze), [os.fspath(s) for s in sources], jobs or 0, analyze)
    try:
        for raw in it:
            d = json.loads(raw)
            doc = d["document"]
            art = Article(d["article"]) if d["article"] is not None else None
            analysis = None
            if doc["analysis"] is not None and analyze and doc["status"] == "ok":
                analysis = Analysis(dict(doc["analysis"], text=doc["text"], reason=doc["reason"]))
            yield Document({"source": d["source"], "url": d["url"], "status": doc["status"], "error": doc["error"],
                            "reason": doc["reason"], "article": art, "text": doc["text"], "analysis": analysis,
                            "events": [Event(e) for e in doc["events"]]})
    finally:
        it.close()


def open_db(path_or_url, read_only: bool = True) -> "Store":
    """Open a database made by ingest (a SQLite file or a postgresql:// URL) for queries."""
    return Store(os.fspath(path_or_url), read_only)


def _frame(columns, rows, ints=(), floats=(), dates=()):
    import pandas as pd
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for c in columns:
        if c in ints:
            df[c] = pd.to_numeric(df[c].replace({"": None}), errors="coerce").astype("Int64")
        elif c in floats:
            df[c] = pd.to_numeric(df[c].replace({"": None}), errors="coerce").astype("float64")
        elif c in dates:
            df[c] = pd.to_datetime(df[c].replace({"": None}), format=dates[c], errors="coerce")
        else:
            df[c] = df[c].astype("string")
    return df


_EVENT_INTS = ("id", "quad", "mentions", "sources", "articles")


class Store:
    """A newsgraph database. Queries return pandas DataFrames with real dtypes: dates as
    datetime64, Goldstein as float64, counts as Int64, codes and names as strings."""

    def __init__(self, target: str, read_only: bool = True):
        self._db = _ng.Db(target, read_only)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Close the database (further calls raise InvalidArgumentError)."""
        self._db.close()

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._db.backend()

    @staticmethod
    def _query(text=None, actor=None, cameo=None, plover=None, country=None, place=None, start=None, end=None,
               limit=100):
        q = _ng.EventQuery()
        q.text, q.actor, q.cameo, q.plover = text or "", actor or "", str(cameo or ""), plover or ""
        q.country, q.place, q.start, q.end = country or "", place or "", _date(start), _date(end)
        if limit is not None and limit < 1:
            raise InvalidArgumentError("limit must be a positive number or None")
        q.limit = 2**31 - 1 if limit is None else int(limit)
        return q

    def events(self, actor=None, cameo=None, plover=None, country=None, place=None, start=None, end=None,
               text=None, limit: int | None = 100):
        """Distinct events (GDELT-style clusters), newest first, filtered like `newsgraph query`:
        actor code prefix or name, CAMEO code prefix, PLOVER category, country (ISO3), place,
        start/end dates (inclusive), full-text words. limit=None returns every match."""
        cols, rows = self._db.events(self._query(text, actor, cameo, plover, country, place, start, end, limit))
        return _frame(cols, rows, ints=_EVENT_INTS, floats=("goldstein",), dates={"date": "%Y%m%d"})

    def articles(self, text=None, actor=None, cameo=None, plover=None, country=None, place=None, start=None,
                 end=None, limit: int | None = 100):
        """Articles matching the words of `text`, best first, with a snippet; the other filters keep
        articles with a matching event."""
        cols, rows = self._db.articles(self._query(text, actor, cameo, plover, country, place, start, end, limit))
        return _frame(cols, rows, ints=("id",), floats=("score",), dates={"date": "%Y-%m-%d"})

    def dyads(self, **filters):
        """Events per (actor1, actor2) pair: events, mean Goldstein, first and last date."""
        import pandas as pd
        ev = self.events(limit=None, **filters)
        g = ev.groupby(["actor1", "actor2"], dropna=False)
        out = g.agg(events=("id", "size"), goldstein=("goldstein", "mean"), first=("date", "min"),
                    last=("date", "max")).reset_index()
        out["events"] = out["events"].astype("Int64")
        return out.sort_values(["events", "actor1", "actor2"], ascending=[False, True, True],
                               ignore_index=True).astype({"actor1": pd.StringDtype(), "actor2": pd.StringDtype()})

    def daily(self, **filters):
        """Events per day: events, mean Goldstein, and counts per QuadClass (quad1..quad4)."""
        ev = self.events(limit=None, **filters)
        out = ev.groupby("date").agg(events=("id", "size"), goldstein=("goldstein", "mean"))
        for q in (1, 2, 3, 4):
            out[f"quad{q}"] = ev[ev["quad"] == q].groupby("date").size().reindex(out.index, fill_value=0)
        return out.astype({"events": "Int64", "quad1": "Int64", "quad2": "Int64", "quad3": "Int64",
                           "quad4": "Int64"})

    def export(self, format: str, path) -> None:
        """Write the whole database as gdelt-events, gdelt-mentions, gkg, jsonl, csv or dump
        (the canonical dump `newsgraph export --format dump` writes)."""
        self._db.export(format, os.fspath(path))

    def dump(self) -> str:
        """The canonical dump: every table without provenance columns; equal dumps = equal contents."""
        return self._db.dump()
