#!/usr/bin/python3
"""Runs the TABARI / PETRARCH validation suites through our foreign-dictionary coder.

  bench/events/validate.py [--shared DIR] [--bin PATH] [--suite NAME] [--json] [--failures N]

For each suite (tabari-validate, up-validate-2_02, petrarch2-unittest) it loads the suite's own
fixtures with ng::LoadForeignDictionaries (via the ng_bench_validate driver), codes every record
with evaluate=true, and prints the share of records whose expected event SET is reproduced exactly.

Exact match, precisely:
  * an event is the triple (source, target, code); a record's events form a set (duplicates fold);
  * expected events marked optional (TABARI "-{...}") may be present or absent;
  * no_events / discarded records expect the empty set (a discard reported by the coder counts as
    empty); expected_error records (PETRARCH: dateline, bad_input_parse, story/sentence discard)
    pass when the coder returns an error, reports a discard, or codes nothing;
  * TABARI no_check records ("{+++}", informational) are not scored;
  * per-record options (TABARI options_in_effect, PETRARCH config) are passed to the coder;
    the suite's supplied parse (PTB / CoNLL-U) is passed too, as a user would pass their own.
Failures are grouped by category (PETRARCH `category`; TABARI id prefix, DEMO-01 -> DEMO).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

SUITES = ["tabari-validate", "up-validate-2_02", "petrarch2-unittest"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_binary(explicit):
    if explicit:
        return explicit
    cands = []
    build = os.path.join(ROOT, "build")
    if os.path.isdir(build):
        for d in sorted(os.listdir(build)):
            p = os.path.join(build, d, "bench", "events", "ng_bench_validate")
            if os.path.isfile(p):
                cands.append(p)
        p = os.path.join(build, "bench", "events", "ng_bench_validate")
        if os.path.isfile(p):
            cands.append(p)
    if not cands:
        return None
    return max(cands, key=os.path.getmtime)


def dictionary_path(suite_dir):
    fx = os.path.join(suite_dir, "fixtures")
    projects = [f for f in os.listdir(fx) if f.endswith(".project")]
    return os.path.join(fx, projects[0]) if projects else fx


def category(rec):
    if rec.get("category"):
        return rec["category"]
    return rec["id"].split("-")[0]


def request(rec):
    opts = {}
    for k, v in (rec.get("config") or rec.get("options_in_effect") or {}).items():
        opts[k] = str(v).upper() if isinstance(v, bool) else str(v)
    parse = rec.get("parse") or {}
    return {"id": rec["id"], "text": rec["text"], "date": rec.get("date", ""),
            "parse": parse.get("text", "") if isinstance(parse, dict) else str(parse),
            "options": opts}


def triple(e):
    return (e["source"], e["target"], e["code"])


def judge(rec, ans):
    """Returns (scored, passed, expected_set, got_set)."""
    if rec.get("no_check"):
        return False, False, set(), set()
    got = set() if ans.get("discarded") else {triple(e) for e in ans.get("events", [])}
    if rec.get("expected_error"):
        ok = bool(ans.get("error")) or bool(ans.get("discarded")) or not got
        return True, ok, set(), got
    if ans.get("error"):
        return True, False, set(), {("error", ans["error"], "")}
    required = {triple(e) for e in rec["events"] if not e.get("optional")}
    optional = {triple(e) for e in rec["events"] if e.get("optional")}
    if rec.get("no_events") or rec.get("discarded"):
        required = set()
    return True, (got - optional) == required, required | optional, got


def run_suite(binary, shared, suite, show_failures):
    suite_dir = os.path.join(shared, suite)
    recs = [json.loads(l) for l in open(os.path.join(suite_dir, "records.jsonl"), encoding="utf-8")]
    # TABARI "OPTION: COMMA: ..." / "OPTION: DEFAULT: ..." directives are stateful between records
    # and not in options_in_effect: replay them in file order, as TABARI's .options file would.
    state = {}
    reqs = []
    for r in recs:
        for d in r.get("directives") or []:
            # "SET: CODE ALL" / "SET: CODE BY SENTENCE" hold until "SET: CODE BY CLAUSE" (the default)
            flat = d.replace(" ", "").upper()
            if flat == "OPTION:SET:CODEALL":
                state["CODE ALL"] = "TRUE"
            elif flat == "OPTION:SET:CODEBYSENTENCE":
                state["CODE BY SENTENCE"] = "TRUE"
            elif flat == "OPTION:SET:CODEBYCLAUSE":
                state.pop("CODE ALL", None)
                state.pop("CODE BY SENTENCE", None)
            parts = [p.strip() for p in d.split(":", 2)]
            if len(parts) == 3 and parts[0] == "OPTION" and parts[1] in ("COMMA", "DEFAULT"):
                if parts[2].upper() == "OFF" and parts[1] == "DEFAULT":
                    state.pop("DEFAULT", None)
                else:
                    state[parts[1]] = parts[2]
        if r.get("evaluate"):
            q = request(r)
            # options_in_effect folds every SET ever seen; the CODE mode is the last one, replayed above
            for k in ("CODE ALL", "CODE BY SENTENCE", "CODE BY CLAUSE"):
                q["options"].pop(k, None)
            q["options"].update(state)
            reqs.append(q)
    recs = [r for r in recs if r.get("evaluate")]
    payload = "".join(json.dumps(q) + "\n" for q in reqs)
    proc = subprocess.run([binary, "--dictionaries", dictionary_path(suite_dir)], input=payload,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise SystemExit(f"{suite}: driver failed ({proc.returncode}): {proc.stderr.strip()}")
    answers = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if len(answers) != len(recs):
        raise SystemExit(f"{suite}: {len(recs)} requests but {len(answers)} answers")
    scored = passed = 0
    fails = collections.Counter()
    totals = collections.Counter()
    examples = []
    for rec, ans in zip(recs, answers):
        s, ok, exp, got = judge(rec, ans)
        if not s:
            continue
        scored += 1
        totals[category(rec)] += 1
        if ok:
            passed += 1
        else:
            fails[category(rec)] += 1
            examples.append((rec, exp, got, ans))
    return {"suite": suite, "scored": scored, "passed": passed,
            "rate": passed / scored if scored else 0.0,
            "failures_by_category": dict(fails.most_common()),
            "records_by_category": dict(totals)}, examples


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench", "events"),
                    help="folder holding the suites (default ../shared/bench/events from the repo root)")
    ap.add_argument("--bin", help="ng_bench_validate binary (default: newest under build/)")
    ap.add_argument("--suite", action="append", help="run only this suite (repeatable)")
    ap.add_argument("--json", action="store_true", help="print one JSON summary line per suite")
    ap.add_argument("--failures", type=int, default=0, help="print up to N failing records per suite")
    args = ap.parse_args()
    binary = find_binary(args.bin)
    if not binary:
        print("validate.py: ng_bench_validate not built (cmake --build <dir> --target ng_bench_validate)",
              file=sys.stderr)
        return 2
    shared = os.path.abspath(args.shared)
    for suite in args.suite or SUITES:
        summary, examples = run_suite(binary, shared, suite, args.failures)
        if args.json:
            print(json.dumps(summary))
        else:
            print(f"{suite:22s} exact {summary['passed']:4d}/{summary['scored']:4d} = {100 * summary['rate']:5.1f}%")
            cats = ", ".join(f"{k} {v}/{summary['records_by_category'][k]}"
                             for k, v in summary["failures_by_category"].items())
            print(f"  failures by category: {cats or 'none'}")
        for rec, exp, got, ans in examples[:args.failures]:
            print(f"  FAIL {rec['id']}: {rec['text'][:150]}")
            print(f"       expected {sorted(exp)}  got {sorted(got)}")
            for e in ans.get("events", [])[:2]:
                print(f"       rules {e['rules'][:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
