"""Hand-built WARC records in Python, independent of newsgraph's writer (for interop tests and
the benchmark). Also a small reader that checks digests of the files newsgraph writes."""
import base64
import gzip
import hashlib
import io
import os
import zlib


def sha1(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def record(wtype, block, url=None, version="1.0", ctype=None, extra="", digest=True, length=None,
           date="2024-03-01T12:00:00Z"):
    ctype = ctype or {"response": "application/http; msgtype=response", "request": "application/http; msgtype=request",
                      "warcinfo": "application/warc-fields", "metadata": "application/warc-fields"}.get(wtype, "text/html")
    head = f"WARC/{version}\r\nWARC-Type: {wtype}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{hashlib.md5(block).hexdigest()}>\r\n"
    if url:
        head += f"WARC-Target-URI: {url}\r\n"
    head += f"Content-Type: {ctype}\r\n"
    if digest:
        head += f"WARC-Block-Digest: {sha1(block)}\r\n"
    head += extra
    head += f"Content-Length: {len(block) if length is None else length}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def http_response(body, ctype="text/html", chunked=False, gzip_body=False, status="200 OK"):
    headers = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nServer: test\r\n"
    payload = body
    if gzip_body:
        payload = gzip.compress(payload)
        headers += "Content-Encoding: gzip\r\n"
    if chunked:
        out = b""
        for i in range(0, len(payload), 1000):
            c = payload[i:i + 1000]
            out += b"%x\r\n" % len(c) + c + b"\r\n"
        payload = out + b"0\r\n\r\n"
        headers += "Transfer-Encoding: chunked\r\n"
    else:
        headers += f"Content-Length: {len(payload)}\r\n"
    return headers.encode() + b"\r\n" + payload


def response(url, body, **kw):
    opts = {k: kw.pop(k) for k in ("ctype", "chunked", "gzip_body", "status") if k in kw}
    block = http_response(body, **opts)
    return record("response", block, url=url, **kw)


def gz(b, level=6):
    return gzip.compress(b, compresslevel=level)


def corpus_responses(corpus_dir, start=0):
    """Response records of the .html pages in corpus_dir, repeated forever under unique URLs
    (http://bench.example.org/<n>/<page>, n from `start`), for generated benchmark WARCs."""
    names = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".html"))
    pages = [open(os.path.join(corpus_dir, n), "rb").read() for n in names]
    n = start
    while True:
        yield response(f"http://bench.example.org/{n}/{names[n % len(names)]}", pages[n % len(pages)])
        n += 1


def read_members(data):
    """Splits a gzip-per-record file into decompressed members (raises on damage)."""
    out = []
    while data:
        d = zlib.decompressobj(16 + 15)
        out.append(d.decompress(data))
        data = d.unused_data
    return out


def parse_records(blob):
    """Yields (headers dict, block) from uncompressed WARC bytes, checking layout strictly."""
    f = io.BytesIO(blob)
    while True:
        line = f.readline()
        if not line:
            return
        if line.strip() == b"":
            continue
        assert line.startswith(b"WARC/1."), line[:40]
        h = {}
        while True:
            line = f.readline()
            if line in (b"\r\n", b""):
                break
            k, _, v = line.decode().partition(":")
            h[k.strip()] = v.strip()
        block = f.read(int(h["Content-Length"]))
        assert f.read(4) == b"\r\n\r\n"
        yield h, block
