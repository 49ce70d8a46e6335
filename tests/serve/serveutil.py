"""Helpers for the server tests: start `newsgraph serve` on an ephemeral loopback port, call it
over real HTTP (urllib, and raw sockets for what urllib will not send), stop it.

  with Served(ng, db) as s: code, body = s.get("/api/events", cameo="19")
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "store"))
import storeutil as su  # noqa: E402,F401  (re-exported: start, run, ingest, dump, Checker)

# No proxy for loopback, whatever the environment says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Served:
    def __init__(self, ng, db, *extra):
        self.args = [ng, "serve", "--db", db, "--port", "0", *extra]
        self.proc = None
        self.port = None

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=su.ENV)
        line = self.proc.stdout.readline()  # "newsgraph serve: http://127.0.0.1:PORT/ (...)"
        if "http://" not in line:
            err = self.proc.stderr.read()
            raise RuntimeError(f"serve did not start: {line!r} {err[-1000:]}")
        self.port = int(line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        return self

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                return self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode if self.proc else None

    def __enter__(self):
        return self.start()

    def __exit__(self, *a):
        self.stop()

    def url(self, path, **params):
        q = urllib.parse.urlencode(params)
        return f"http://127.0.0.1:{self.port}{path}" + ("?" + q if q else "")

    def request(self, method, path, body=None, headers=None, raw_query=None, **params):
        url = self.url(path, **params) + (("?" + raw_query) if raw_query is not None else "")
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with _OPENER.open(req, timeout=30) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def get(self, path, raw_query=None, **params):
        """(status, parsed JSON or None)"""
        code, body, _ = self.request("GET", path, raw_query=raw_query, **params)
        try:
            return code, json.loads(body)
        except ValueError:
            return code, None

    def post(self, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        code, raw, _ = self.request("POST", path, body=body, headers=headers)
        try:
            return code, json.loads(raw)
        except ValueError:
            return code, None

    def raw(self, data, timeout=10, half_close=True):
        """Sends bytes on a fresh connection; returns what came back before the server closed
        it or `timeout` passed (b"" when nothing). half_close=False keeps our side open (a
        request whose body we never send)."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        out = b""
        try:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except OSError:
            pass
        finally:
            s.close()
        return out


def status_of(response_bytes):
    """The status code of a raw HTTP response, or None."""
    try:
        return int(response_bytes.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def corpus_db(prefix):
    """What the corpus tests begin with: (binary, Checker, temp dir, database) where the database
    holds the bundled corpus ingested by `newsgraph ingest corpus --db` (exit 1 if that fails)."""
    ng, check, tmp = su.start(prefix)
    db = os.path.join(tmp, "news.db")
    p = su.ingest(ng, db, su.CORPUS)
    if not check(p.returncode == 0, f"ingest corpus: {p.returncode} {p.stderr[-500:]}"):
        check.finish(prefix)
    return ng, check, tmp, db


def cli_events(ng, db, *args):
    more = [] if "--limit" in args else ["--limit", "1000"]
    p = su.run(ng, "query", "--db", db, *args, "--format", "jsonl", *more, check=True)
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def wait_until(pred, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return pred()
