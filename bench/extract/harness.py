"""Runs extractors over a list of pages: one long-lived process per list, pinned to one core,
with a watchdog for hung pages and the process's own peak RSS. Shared by bench.py and
tests/quality/test_floors.py.
"""
import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import REPO, Page

HERE = Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"  # Debian's: it sees the apt-installed peers
DEFAULT_NEWSGRAPH = REPO / "build" / "release" / "newsgraph"


@dataclass(frozen=True)
class Extractor:
    name: str
    cmd: tuple[str, ...]          # argv before the page files
    sources: tuple[str, ...] = ()  # files (in HERE) whose content keys the cache
    timed_by_runner: bool = True  # peers time their extraction loop; newsgraph is timed whole


PEERS = {
    "readability": Extractor("readability", ("node", "run_readability.mjs"),
                             ("run_readability.mjs", "jsrunner.mjs", "package-lock.json")),
    "defuddle": Extractor("defuddle", ("node", "run_defuddle.mjs"),
                          ("run_defuddle.mjs", "jsrunner.mjs", "package-lock.json")),
    "readability-lxml": Extractor("readability-lxml", (PYTHON, "run_readability_lxml.py"),
                                  ("run_readability_lxml.py", "pyrunner.py")),
    "html-text": Extractor("html-text", (PYTHON, "run_html_text.py"),
                           ("run_html_text.py", "pyrunner.py")),
}


def newsgraph(binary: Path) -> Extractor:
    # Contract with src/cli: one JSON object per input file, in input order, with "source"
    # (the path as given), "text" (article body, blocks separated by blank lines) and "error".
    return Extractor("newsgraph", (str(binary), "extract", "--format", "jsonl", "--jobs", "1"),
                     timed_by_runner=False)


def runner_digest(ex: Extractor) -> str:
    h = hashlib.sha256()
    for s in ex.sources:
        h.update((HERE / s).read_bytes())
    return h.hexdigest()


@dataclass
class PageResult:
    text: str = ""
    error: str | None = None
    seconds: float = 0.0  # CPU time of the page (peers only)
    wall: float = 0.0


@dataclass
class RunResult:
    pages: dict[str, PageResult] = field(default_factory=dict)
    seconds: float = 0.0   # CPU seconds. peers: sum over pages; newsgraph: whole process (startup included)
    wall: float = 0.0      # process wall time, startup included
    cpu: float = 0.0       # process CPU time (user + system), startup included
    rss_mb: float = 0.0    # peak RSS of the runner process (max over restarts)
    restarts: int = 0

    @property
    def failures(self) -> int:
        return sum(r.error is not None for r in self.pages.values())

    def to_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "pages"}
        d["pages"] = {k: v.__dict__ for k, v in self.pages.items()}
        return d

    @staticmethod
    def from_json(d: dict) -> "RunResult":
        r = RunResult(**{k: v for k, v in d.items() if k != "pages"})
        r.pages = {k: PageResult(**v) for k, v in d["pages"].items()}
        return r


CPU = 0  # the core every runner is pinned to (bench.py --cpu)


def _pin() -> list[str]:
    # One core for every extractor, so pages/s compare like for like on a shared machine.
    return ["taskset", "-c", str(CPU)] if shutil.which("taskset") else []


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """user + system CPU time of a running process, all threads (0 if /proc is unavailable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


@dataclass
class _Proc:
    records: list[dict]
    wall: float
    cpu: float
    rss_mb: float
    stopped: str  # why it stopped early, or ""


def _run_once(argv: list[str], timeout: float, log) -> _Proc:
    """Run argv and collect its JSON lines. A page is hung when the process burns `timeout` CPU
    seconds without a line (CPU, not wall: on a shared machine a starved runner is not hung),
    or stays silent for 10 x timeout of wall time (blocked without using CPU)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(_pin() + argv, cwd=HERE, stdout=subprocess.PIPE, stderr=log)
    lines: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    records, stopped = [], ""
    last_cpu, last_t = 0.0, t0
    try:
        while True:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                cpu, idle = _cpu_seconds(proc.pid) - last_cpu, time.perf_counter() - last_t
                if cpu > timeout or idle > 10 * timeout:
                    stopped = f"timeout: no output after {cpu:.0f} CPU s, {idle:.0f} wall s"
                    proc.kill()
                    break
                continue
            if line is None:
                break
            last_cpu, last_t = _cpu_seconds(proc.pid), time.perf_counter()
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                print(f"  ! unparsable output line: {line[:120]!r}", file=sys.stderr)
    except BaseException:  # Ctrl-C: leave no runner behind
        proc.kill()
        raise
    finally:
        # wait4 rather than Popen.wait: it returns this child's own rusage, so ru_maxrss is the
        # peak RSS of exactly this process (taskset execs the runner in place, same pid).
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if not stopped and proc.returncode not in (0, 1):  # newsgraph: 1 = some documents failed
        stopped = f"process exited with code {proc.returncode}"
    return _Proc(records, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stopped)


def run_extractor(ex: Extractor, pages: list[Page], timeout: float, log_path: Path) -> RunResult:
    """All pages through one process; if it hangs or dies, the page it was on is recorded as
    failed and a new process resumes after it."""
    result = RunResult()
    todo = list(pages)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        while todo:
            files = [str(p.html) for p in todo]
            run = _run_once(list(ex.cmd) + files, timeout, log)
            result.wall += run.wall
            result.cpu += run.cpu
            result.rss_mb = max(result.rss_mb, run.rss_mb)
            done, stopped = _assign(ex, todo, files, run.records, result), run.stopped
            if done < len(todo) and not stopped:
                stopped = "no output for this page"
            if stopped and done == len(todo):  # every page answered, then it died: note it only
                print(f"  ! {ex.name}: {stopped} after the last page", file=sys.stderr)
            elif stopped:
                result.pages[todo[done].id] = PageResult(error=stopped, seconds=timeout if "timeout" in stopped else 0.0)
                result.restarts += 1
                print(f"  ! {ex.name}: {todo[done].id}: {stopped}", file=sys.stderr)
                if "exited with code 2" in stopped and done == 0:  # usage error: retrying won't help
                    for p in todo[1:]:
                        result.pages[p.id] = PageResult(error=stopped)
                    break
                done += 1
            todo = todo[done:]
    result.seconds = sum(r.seconds for r in result.pages.values()) if ex.timed_by_runner else result.cpu
    return result


def _assign(ex: Extractor, todo: list[Page], files: list[str], records: list[dict], result: RunResult) -> int:
    """Store the records of one process run; return how many leading pages of `todo` got one."""
    records = [r for r in records if not r.get("summary")]
    for i, rec in enumerate(records[:len(todo)]):
        page = todo[i]
        if ex.timed_by_runner:
            if rec.get("id") != page.id:
                raise RuntimeError(f"{ex.name}: expected page {page.id}, got {rec.get('id')}")
        elif rec.get("source") != files[i]:
            raise RuntimeError(f"{ex.name}: output {i} has source {rec.get('source')!r}, expected {files[i]!r}")
        result.pages[page.id] = PageResult(text=rec.get("text") or "", error=rec.get("error"),
                                           seconds=float(rec.get("seconds", 0.0)), wall=float(rec.get("wall", 0.0)))
    return min(len(records), len(todo))
