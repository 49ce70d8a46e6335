"""A small HTTP server on 127.0.0.1 for the ingest tests: corpus pages, feeds, robots.txt and the
misbehaving endpoints a polite fetcher must survive. Every request is logged (path, time, headers).

  srv = NgServer(corpus_dir); srv.start(); ... srv.url("/page/x.html") ...; srv.stop()
"""
import gzip
import http.server
import os
import threading
import time

ROBOTS = b"User-agent: *\nDisallow: /private/\nAllow: /private/open.html\n\nUser-agent: evilbot\nDisallow: /\n"


class NgServer:
    def __init__(self, corpus_dir):
        self.corpus = corpus_dir
        self.log = []           # (path, monotonic time, headers dict)
        self.lock = threading.Lock()
        self.counts = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_GET(self):
                path = self.path
                with server.lock:
                    server.log.append((path, time.monotonic(), dict(self.headers)))
                    n = server.counts[path] = server.counts.get(path, 0) + 1
                try:
                    server.route(self, path, n)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests(self, path):
        with self.lock:
            return [e for e in self.log if e[0] == path]

    def page_names(self):
        return sorted(f for f in os.listdir(self.corpus) if f.endswith(".html"))

    def route(self, h, path, n):
        if path == "/robots.txt":
            return h.send(200, ROBOTS, "text/plain")
        if path.startswith("/page/") or path.startswith("/private/"):
            name = os.path.basename(path)
            p = os.path.join(self.corpus, name)
            if not os.path.isfile(p):
                return h.send(404, b"not found")
            # No charset in the header: the page's own declaration decides, as for a file.
            return h.send(200, open(p, "rb").read(), "text/html")
        if path == "/gz/page.html":
            body = gzip.compress(open(os.path.join(self.corpus, self.page_names()[0]), "rb").read())
            return h.send(200, body, "text/html", [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
        if path == "/feed.rss":
            items = "".join(f"<item><title>{i}</title><link>page/{n}</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>"
                            for i, n in enumerate(self.page_names()[:3]))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>{self.url("/")}</link>{items}</channel></rss>'
            return h.send(200, body.encode(), "application/rss+xml")
        if path == "/feed.atom":
            entries = "".join(f'<entry><title>{n}</title><link rel="alternate" href="{n}"/><id>urn:{n}</id>'
                              f"<updated>2024-01-01T00:00:00Z</updated></entry>" for n in self.page_names()[3:5])
            body = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
                    f'xml:base="{self.url("/page/")}"><title>A</title>{entries}</feed>')
            return h.send(200, body.encode(), "application/atom+xml")
        if path == "/slow":
            time.sleep(5)
            return h.send(200, b"<html><body><p>late</p></body></html>")
        if path == "/flaky":  # 500 twice, then the page
            if n <= 2:
                return h.send(500, b"oops")
            return h.send(200, open(os.path.join(self.corpus, self.page_names()[1]), "rb").read(), "text/html")
        if path == "/busy":  # 429 with Retry-After: 1 once, then the page
            if n == 1:
                return h.send(429, b"slow down", headers=[("Retry-After", "1")])
            return h.send(200, open(os.path.join(self.corpus, self.page_names()[2]), "rb").read(), "text/html")
        if path == "/busy-long":  # asks for an hour: not worth waiting for
            return h.send(429, b"slow down", headers=[("Retry-After", "3600")])
        if path == "/always500":
            return h.send(503, b"down")
        if path.startswith("/loop/"):
            nxt = "/loop/b" if path == "/loop/a" else "/loop/a"
            return h.send(302, b"", headers=[("Location", nxt)])
        if path.startswith("/chain/"):  # /chain/N -> /chain/N-1 ... -> page
            k = int(path.rsplit("/", 1)[1])
            loc = f"/chain/{k - 1}" if k > 0 else "/page/" + self.page_names()[0]
            return h.send(301, b"", headers=[("Location", loc)])
        if path == "/big":  # 50 MB
            size = 50 * 1024 * 1024
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(size))
            h.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            while sent < size:
                k = min(len(chunk), size - sent)
                h.wfile.write(chunk[:k])
                sent += k
            return
        if path == "/big-chunked":  # 50 MB, no Content-Length: only the running count can stop it
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"<p>" + b"y" * 65530 + b"</p>"
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")
            return
        if path == "/etag":
            page = open(os.path.join(self.corpus, self.page_names()[4]), "rb").read()
            if h.headers.get("If-None-Match") == '"v1"':
                h.send_response(304)
                h.send_header("ETag", '"v1"')
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            return h.send(200, page, "text/html", [("ETag", '"v1"'), ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")])
        if path == "/image.png":
            return h.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        return h.send(404, b"not found")
