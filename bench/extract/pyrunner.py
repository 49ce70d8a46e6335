"""Shared loop of the Python peer runners (run_readability_lxml.py, run_html_text.py).

Usage: /usr/bin/python3 run_<peer>.py [--timeout SECONDS] FILE...
One long-lived process per list of pages, so interpreter and import time stay out of the figures.
Writes one JSON line per page to stdout, {"id","text","error","seconds","wall"}, where seconds is
the CPU time (user + system) of the whole work from the page's bytes to text (decoding, parsing,
extraction, text conversion), not reading the file, and wall the same span in wall-clock time;
then one summary line {"summary": true, "pages", "errors", "seconds"}. CPU time, because the
machine may be shared: wall time then measures the neighbours too. The per-page timeout is in
CPU time for the same reason (ITIMER_PROF).
"""
import argparse
import json
import re
import signal
import sys
import time
from pathlib import Path
from typing import Callable

from lxml import etree

# Elements whose boundaries separate blocks of text (the gold files have blank lines there).
BLOCK_TAGS = frozenset("""
    address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary
    table tbody td tfoot th thead tr ul""".split())
SKIP_TAGS = frozenset("script style noscript template head".split())
_SPACES = re.compile(r"[^\S\n]+")


def lxml_to_text(root) -> str:
    """Block-aware text of an lxml tree: blocks joined by blank lines, <br> a line break,
    whitespace collapsed (plain text_content() would glue "a</p><p>b" into one token)."""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for action, el in walker:
        if action in ("comment", "pi"):
            parts.append(el.tail or "")
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
            if action == "start":
                walker.skip_subtree()  # its "end" still comes and emits the tail
            else:
                parts.append(el.tail or "")
        elif action == "start":
            parts.append("\n\n" if tag in BLOCK_TAGS else "\n" if tag == "br" else "")
            parts.append(el.text or "")
        else:
            parts.append("\n\n" if tag in BLOCK_TAGS else "")
            parts.append(el.tail or "")
    return normalize_blocks("".join(parts))


def normalize_blocks(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """Bytes to str for a tool that only takes str (html-text): BOM, then strict UTF-8, then the
    declared <meta> charset, then windows-1252 (what browsers assume for undeclared Western pages).
    UTF-8 goes before the declaration because some sets re-serialised pages to UTF-8 and kept the
    old <meta charset>; valid non-ASCII UTF-8 is almost never accidental."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


class PageTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PageTimeout()


def run(extract: Callable[[bytes], str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=30.0, help="CPU seconds per page")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    out = sys.stdout
    sys.stdout = sys.stderr  # a library that prints must not corrupt the JSONL stream
    signal.signal(signal.SIGPROF, _alarm)
    total, errors = 0.0, 0
    for f in args.files:
        data = Path(f).read_bytes()
        text, error = "", None
        c0, t0 = time.process_time(), time.perf_counter()
        signal.setitimer(signal.ITIMER_PROF, args.timeout)
        try:
            text = extract(data)
        except PageTimeout:
            error = f"timeout after {args.timeout:g}s"
        except Exception as e:  # one bad page never sinks the run
            error = f"{type(e).__name__}: {e}"[:300]
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        dt, wall = time.process_time() - c0, time.perf_counter() - t0
        total += dt
        errors += error is not None
        out.write(json.dumps({"id": Path(f).stem, "text": text, "error": error, "seconds": dt, "wall": wall},
                             ensure_ascii=False) + "\n")
        out.flush()  # bench.py's watchdog reads line by line
    out.write(json.dumps({"summary": True, "pages": len(args.files), "errors": errors,
                          "seconds": total}) + "\n")
