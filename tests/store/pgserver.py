"""A throwaway PostgreSQL 15 server for the store tests: initdb into a temp dir owned by the
`postgres` user (the server refuses to run as root), Unix socket only, fsync off; stop() removes
everything.

  with PgServer() as pg: uri = pg.create_db("t1")   # postgresql://postgres@/t1?host=…&port=…
Raises Unavailable (the caller skips with exit 77) when PostgreSQL 15 is not installed.
"""
import os
import pwd
import shutil
import subprocess
import tempfile

BIN = "/usr/lib/postgresql/15/bin"


class Unavailable(Exception):
    pass


class PgServer:
    def __init__(self, port=54329):
        if not os.path.exists(os.path.join(BIN, "initdb")):
            raise Unavailable(f"PostgreSQL 15 is not installed ({BIN}/initdb missing; apt-get install postgresql)")
        self.port = port + os.getpid() % 500
        self.root = tempfile.mkdtemp(prefix="ng-pg-")
        self.data = os.path.join(self.root, "data")
        self.sock = os.path.join(self.root, "sock")
        os.makedirs(self.sock)
        self.as_user = []
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no 'postgres' user to run the server as")
            os.chmod(self.root, 0o755)
            for d in (self.root, self.sock):
                os.chown(d, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *cmd, **kw):
        return subprocess.run(self.as_user + list(cmd), capture_output=True, text=True, timeout=120, **kw)

    def start(self):
        p = self.run(f"{BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
                     "--locale", "C")
        if p.returncode != 0:
            raise Unavailable("initdb failed: " + p.stderr.strip()[-400:])
        opts = f"-k {self.sock} -c listen_addresses='' -p {self.port} -c fsync=off -c synchronous_commit=off " \
               f"-c full_page_writes=off"
        p = self.run(f"{BIN}/pg_ctl", "-D", self.data, "-o", opts, "-l", os.path.join(self.root, "log"), "-w", "start")
        if p.returncode != 0:
            log = open(os.path.join(self.root, "log")).read()[-600:] if os.path.exists(os.path.join(self.root, "log")) else ""
            raise Unavailable("pg_ctl start failed: " + p.stderr.strip()[-300:] + " " + log)
        return self

    def psql(self, sql, db="postgres"):
        p = self.run(f"{BIN}/../../../../bin/psql" if not os.path.exists("/usr/bin/psql") else "/usr/bin/psql",
                     "-h", self.sock, "-p", str(self.port), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1",
                     "-At", "-c", sql)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        return p.stdout

    def create_db(self, name):
        self.psql(f"CREATE DATABASE {name}")
        return self.uri(name)

    def uri(self, name):
        return f"postgresql://postgres@/{name}?host={self.sock}&port={self.port}"

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.run(f"{BIN}/pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *a):
        self.stop()
