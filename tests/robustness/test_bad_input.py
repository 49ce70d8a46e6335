"""Bad input never crashes and never sinks the batch.

Builds a directory of hostile pages next to a good one, runs `newsgraph extract DIR --format
jsonl` once, and checks that every page got a line (an error or a best-effort article with a
reason), that the good page came through intact, and that peak memory stayed bounded.
Usage: test_bad_input.py NEWSGRAPH_BINARY
"""
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile

NG = sys.argv[1]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def article_page(body, charset_decl="utf-8"):
    return (f'<!doctype html><html><head><meta charset="{charset_decl}"><title>Storm hits coast</title>'
            f'</head><body><article><h1>Storm hits coast</h1>{body}</article></body></html>')


tmp = tempfile.mkdtemp(prefix="ng-bad-")
try:
    rnd = random.Random(7)
    pages = {}
    pages["a_empty.html"] = b""
    pages["b_garbage.html"] = bytes(rnd.getrandbits(8) for _ in range(200_000))
    para = "<p>The storm brought down power lines across the northern districts, officials said on Monday.</p>\n"
    big = article_page(para * (100 * 1024 * 1024 // len(para)))
    pages["c_100mb.html"] = big.encode()
    pages["d_deep.html"] = article_page("<div>" * 100_000 + "<p>Deep paragraph about the flood relief effort in the valley.</p>" + "</div>" * 100_000).encode()
    bad_utf8 = article_page("<p>Caf\xe9 owners in the old town said the \xff\xfe floods reached the second step.</p>" * 5)
    pages["e_invalid_utf8.html"] = bad_utf8.encode("latin-1")
    # Declares iso-8859-1, is UTF-8: the é must come back as é, not as Ã©.
    pages["f_wrong_charset.html"] = article_page(
        "<p>Le président a rencontré les représentants des sinistrés à Nîmes mardi soir.</p>" * 5,
        charset_decl="iso-8859-1").encode("utf-8")
    pages["g_unterminated.html"] = b"<html><body><p>Unclosed <!-- comment " + b"x" * 100_000
    pages["h_nul_bytes.html"] = article_page("<p>Line with\x00NUL bytes inside a sentence about the election results.</p>" * 4).encode()
    for name, data in pages.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
    shutil.copy(os.path.join(REPO, "corpus", "seed-page.html"), os.path.join(tmp, "z_seed.html"))

    proc = subprocess.run([NG, "extract", tmp, "--format", "jsonl", "--jobs", "2", "--quiet"],
                          capture_output=True, timeout=600)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    names = sorted(list(pages) + ["z_seed.html"])
    check(len(lines) == len(names), f"expected {len(names)} lines, got {len(lines)}; stderr: {proc.stderr[-500:]!r}")
    by = {os.path.basename(l["source"]): l for l in lines}
    check(proc.returncode == 1, f"exit code {proc.returncode}, expected 1 (the garbage and the empty file fail)")
    check(b"2 of 9 inputs failed" in proc.stderr, f"summary line missing: {proc.stderr[-300:]!r}")

    g = by.get("b_garbage.html", {})
    check(g.get("error") and "not an HTML page" in g["error"], f"garbage: {g.get('error')}")
    e = by.get("a_empty.html", {})
    # An empty page is a failed input, said on stderr (issue 17 item 7), not an article without content.
    check(e.get("error") and "empty page (no bytes)" in e["error"] and b"a_empty.html: empty page" in proc.stderr, f"empty: {e}")
    c = by.get("c_100mb.html", {})
    check(c.get("error") is None and "MB" in (c.get("reason") or ""), f"100mb reason: {c.get('reason')}")
    check(f"of {len(big.encode()) >> 20} MB" in (c.get("reason") or ""), f"100mb reason names the true size: {c.get('reason')}")
    check(len(c.get("blocks") or []) > 1000, "100mb: best-effort article has its paragraphs")
    d = by.get("d_deep.html", {})
    check(d.get("error") is None and "flattened" in (d.get("reason") or ""), f"deep reason: {d.get('reason')}")
    check("Deep paragraph about the flood relief" in (d.get("text") or ""), "deep: the paragraph text survives flattening")
    u = by.get("e_invalid_utf8.html", {})
    check(u.get("error") is None and "Caf" in (u.get("text") or ""), f"invalid utf-8: {u.get('error')} {u.get('text', '')[:80]}")
    w = by.get("f_wrong_charset.html", {})
    check("président" in (w.get("text") or "") and "Ã" not in (w.get("text") or ""), f"wrong charset: {w.get('text', '')[:80]!r}")
    check(w.get("encoding") == "UTF-8", f"wrong charset: decoded as {w.get('encoding')}")
    un = by.get("g_unterminated.html", {})
    check(un.get("error") is None, f"unterminated comment: {un.get('error')}")
    nb = by.get("h_nul_bytes.html", {})
    check("\x00" not in (nb.get("text") or "") and "election results" in (nb.get("text") or ""), "NUL bytes dropped, text kept")
    s = by.get("z_seed.html", {})
    check(s.get("title", "").startswith("Iraq and US Must Re-Engage"), "the good page in the same batch is intact")
    check(len(s.get("blocks") or []) == 8, f"seed: {len(s.get('blocks') or [])} blocks")
    # Memory: the 100 MB page is read up to a budget; peak RSS stays far below what a full parse of it would need.
    check(rss_mb < 2048, f"peak RSS {rss_mb:.0f} MB")
    print(f"peak RSS of the batch: {rss_mb:.0f} MB")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

for f in failures:
    print("FAIL:", f)
print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
