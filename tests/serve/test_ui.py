#!/usr/bin/python3
"""The web UI in a real browser (issue 16, acceptance 2): Debian's chromium driven by playwright-core
(npm, src/serve/web/node_modules) through `newsgraph serve --review` over the bundled corpus:
search, open the seed article, see the airstrike event's source, verb and target highlighted,
review it, download what is on screen; timeline, network and map render the seed's events; no
console errors. Screenshots of each view are kept in build/…/serve-ui-screenshots (look at them).
Usage: test_ui.py NEWSGRAPH_BINARY      (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serveutil as sv  # noqa: E402
from serveutil import su  # noqa: E402

WEB = os.path.join(su.REPO, "src", "serve", "web")
chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(os.path.join(WEB, "node_modules", "playwright-core")) or not os.path.exists(chromium) \
        or not shutil.which("node"):
    print("skip: needs node, src/serve/web/node_modules/playwright-core (scripts/deps.sh) and Debian's chromium")
    sys.exit(77)
NG, check, tmp, db = sv.corpus_db("ng-serve-ui-")
shots = os.path.join(os.path.dirname(os.path.abspath(NG)), "serve-ui-screenshots")
os.makedirs(shots, exist_ok=True)
TOKEN = "ui-test-token-1"
with sv.Served(NG, db, "--review", TOKEN) as s:
    code, body, headers = s.request("GET", "/assets/app.js")
    if code == 404:
        print("skip: this binary was built without the web UI (no src/serve/web/node_modules at configure time)")
        sys.exit(77)
    env = dict(su.ENV, NODE_PATH=os.path.join(WEB, "node_modules"), CHROMIUM=chromium)
    # node resolves bare imports from the script's own folder upwards: run a copy next to node_modules.
    script = os.path.join(WEB, ".ui_check.mjs")
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui_check.mjs"), script)
    try:
        p = subprocess.run(["node", script, f"http://127.0.0.1:{s.port}", shots, TOKEN], capture_output=True, text=True,
                           env=env, timeout=180)
    finally:
        os.remove(script)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    out = json.loads(lines[-1]) if lines else {"result": {}, "errors": [p.stderr[-800:]]}
    r = out["result"]
    check("exception" not in r, f"browser run: {r.get('exception')} {p.stderr[-500:]}")
    check(not out["errors"], f"console errors: {out['errors'][:5]}")
    check(r.get("search_hits", 0) > 0 and r.get("marks", 0) > 0 and r.get("filter_kept") == "airstrikes Iraq",
          f"search: {r.get('search_hits')} hits, {r.get('marks')} marks, filter {r.get('filter_kept')!r}")
    check("article=" in r.get("article_url", "") and r.get("article_title"), f"article view: {r.get('article_url')}")
    a = r.get("airstrike") or {}
    check(a.get("source") and "airstrike" in a.get("verb", "").lower() and a.get("target"),
          f"airstrike highlighted (source / verb / target): {a}")
    check(r.get("persons", 0) > 0 and r.get("places", 0) > 0 and r.get("quantities", 0) > 0,
          f"highlights: {r.get('persons')} persons, {r.get('places')} places, {r.get('quantities')} quantities")
    check(r.get("reviewed") == "right", f"review from the browser: {r.get('reviewed')!r}")
    csv = r.get("csv", "")
    check(csv.startswith("id,") and a.get("id", "-") in csv and "195" in csv, f"CSV download: {csv[:200]!r}")
    check(r.get("timeline_canvas", 0) >= 1 and not r.get("timeline_days", "").startswith("0 "), f"timeline: {r.get('timeline_days')}")
    check(r.get("network_canvas", 0) >= 1 and r.get("network_filter_kept") and not r.get("network_text", "0").startswith("0 "),
          f"network: {r.get('network_text')}")
    check(r.get("map_countries", 0) > 100 and r.get("map_places", 0) > 0, f"map: {r.get('map_countries')} countries, {r.get('map_places')} places")
    check("cameo" in (r.get("bad_filter_message") or ""), f"bad filter message: {r.get('bad_filter_message')!r}")
    for v in ("search", "article", "timeline", "network", "map"):
        f = os.path.join(shots, v + ".png")
        check(os.path.exists(f) and os.path.getsize(f) > 5000, f"screenshot {f}")
p = su.run(NG, "export", "--db", db, "--format", "reviews")
recs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
check(len(recs) == 1 and recs[0]["coded"]["code"] == "195" and recs[0]["review"]["verdict"] == "right",
      f"the browser's review exported: {p.stdout[:300]}")
shutil.rmtree(tmp, ignore_errors=True)
check.finish("test_ui")
