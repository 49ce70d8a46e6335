"""Type stubs for newsgraph (python/newsgraph/__init__.py)."""
import datetime
import os
from typing import Any, Iterator, Literal, Sequence

import pandas

_Date = str | datetime.date | None
_Path = str | os.PathLike[str]

class Error(Exception): ...
class InvalidArgumentError(Error): ...
class NotFoundError(Error): ...
class DataLossError(Error): ...
class ResourceExhaustedError(Error): ...
class UnimplementedError(Error): ...
class UnavailableError(Error): ...
class InternalError(Error): ...
class IoError(Error): ...

class _Value:
    def __getattr__(self, name: str) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...

class Article(_Value):
    url: str | None
    title: str | None
    section: str | None
    authors: list[str]
    published: str | None
    modified: str | None
    language: str | None
    site_name: str | None
    description: str | None
    image: str | None
    tags: list[str]
    blocks: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    text: str
    encoding: str | None
    reason: str | None
    page_type: str  # article, listing, forum, product, documentation, collection, other
    page_type_reason: str | None
    schema_type: str | None

class Analysis(_Value):
    text: str
    reason: str
    publication_date: str | None
    sentences: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    places: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    tone: dict[str, Any]
    sentence_tone: list[dict[str, Any]]

class Event(_Value):
    id: str
    cameo: str
    root: str
    plover: str
    goldstein: float
    date: str
    date_precision: str | None  # "day", "week", "month", "year"; None when undated
    quantities: list[dict[str, Any]]  # text, value, value_max, qualifier, unit, kind, begin, end

class Explanation(_Value):
    trace: list[str]
    events: list[Event]
    conllu: str

class Record(_Value):
    url: str
    fetch_time: str
    http_status: int
    content_type: str
    charset: str
    headers: list[tuple[str, str]]
    body: bytes
    source: str

class FeedItem(_Value):
    url: str
    title: str
    published: str
    summary: str

class IngestReport(_Value):
    documents: int
    articles: int
    skipped: int
    failed: int
    stored: int
    already_stored: int
    problems: list[str]

class Document(_Value):
    source: str
    url: str
    status: Literal["ok", "skipped", "failed"]
    error: str | None
    reason: str
    article: Article | None
    text: str
    analysis: Analysis | None
    events: list[Event]

def documents(sources: _Path | Sequence[_Path], jobs: int | None = ..., analyze: bool = ...) -> Iterator[Document]: ...

class _Records(Iterator[Any]):
    def __next__(self) -> Any: ...
    @property
    def errors(self) -> list[str]: ...

def extract(html: bytes | str, url: str | None = ..., charset: str | None = ..., comments: bool = ...,
            parser: Literal["fast", "gumbo"] = ...) -> Article: ...
def analyze(text_or_article: str | Article, date: _Date = ..., tokens: bool = ...) -> Analysis: ...
def code(text_or_article: str | Article, date: _Date = ...,
         ontology: Literal["cameo", "plover", "both"] = ...) -> list[Event]: ...
def explain(sentence: str, date: _Date = ...) -> Explanation: ...
def read_warc(path: _Path) -> _Records: ...
def read_feed(path: _Path, url: str | None = ...) -> _Records: ...
def ingest(sources: _Path | Sequence[_Path], db: _Path, jobs: int | None = ..., progress: bool = ...,
           batch: int = ...) -> IngestReport: ...
def open_db(path_or_url: _Path, read_only: bool = ...) -> Store: ...

class Store:
    def __init__(self, target: str, read_only: bool = ...) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    def close(self) -> None: ...
    @property
    def backend(self) -> str: ...
    def events(self, actor: str | None = ..., cameo: str | int | None = ..., plover: str | None = ...,
               country: str | None = ..., place: str | None = ..., start: _Date = ..., end: _Date = ...,
               text: str | None = ..., limit: int | None = ...) -> pandas.DataFrame: ...
    def articles(self, text: str | None = ..., actor: str | None = ..., cameo: str | int | None = ...,
                 plover: str | None = ..., country: str | None = ..., place: str | None = ...,
                 start: _Date = ..., end: _Date = ..., limit: int | None = ...) -> pandas.DataFrame: ...
    def dyads(self, **filters: Any) -> pandas.DataFrame: ...
    def daily(self, **filters: Any) -> pandas.DataFrame: ...
    def export(self, format: str, path: _Path) -> None: ...
    def dump(self) -> str: ...
