#!/usr/bin/python3
"""Only political events, on real articles (issue 13 acceptance 3): sports, market, product and
entertainment articles of scrapinghub-aeb (read in place from ../shared; skipped without it) yield
no event, while political articles of the same set still do.

  /usr/bin/python3 tests/code/test_relevance_corpus.py <path-to-newsgraph>

The article ids were chosen by reading the articles' topics (tennis, ice hockey, basketball,
football, a football manager, a band's tour twice, a stock-market report, a game-streaming
product), not by looking at what the coder does with them.
Exit 0 pass, 1 fail, 77 skip.
"""
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(REPO, "..", "shared", "bench", "extraction", "scrapinghub-aeb", "gold")

NOT_POLITICAL = {
    "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0": "Davis Cup tennis",
    "ecb46e3e489d2aac92b2563112e1801077b4219a6db9751f18e228bcaf457802": "NHL round-up",
    "eecd2575093b85933997521d6babddd397599419588d7096c5c19dc4ffe2ea72": "NBA game",
    "9a440270bf8625d586039dfae1b8df409b467524e075124cd7a5424a5806901b": "Euro 2020 qualifying",
    "921019755f4a96ac4abf9dbcb4ef9d5ac202624a542d5ea70912330aa6fcc71f": "a football manager",
    "9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa": "a band's anniversary tour",
    "ac1bfdd4c510f679c58f1b62101630d40fda20a16703235ae0f56b65a465e423": "the same tour, another outlet",
    "d605bdef2cde7308a9f2fbd1484d4a9c3da0167177245d346da61e455f42208d": "Asian stock markets",
    "680c2848e94a96f961a0964631de94ac572f83c45bfd0bec2deafa893bcfe15c": "a game-streaming product",
}
POLITICAL = {
    "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730": "US policy on settlements",
    "a1fca19b884e0e946ad3fbe2a7f5031e5e3b23372702a76db302b6143c77cb31": "Taliban hostage release",
}


def events(binary, path):
    p = subprocess.run([binary, "code", path, "--date", "2019-11-20", "--format", "jsonl"],
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: newsgraph code {path}: exit {p.returncode}: {p.stderr.decode()[-300:]}")
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        print("SKIP: newsgraph binary not found")
        return 77
    if not os.path.isdir(GOLD):
        print(f"SKIP: {GOLD} not found (../shared is not beside the checkout)")
        return 77
    problems = 0
    for doc, what in sorted(NOT_POLITICAL.items()) + sorted(POLITICAL.items()):
        ev = events(sys.argv[1], os.path.join(GOLD, doc + ".txt"))
        want_none = doc in NOT_POLITICAL
        ok = (len(ev) == 0) if want_none else (len(ev) > 0)
        problems += not ok
        detail = "; ".join(f"{e['cameo']} {e['source']['code']} [{e['verb']['text']}]" for e in ev[:4])
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {len(ev)} events{' (want none)' if want_none else ' (want some)'} {detail}")
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
