"""Prints a one-line-per-article summary of `newsgraph extract --format jsonl` on stdin."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
print(f"{'page':42} {'lang':4} {'blocks':>6} {'words':>6}  title")
for r in rows:
    name = r["source"].rsplit("/", 1)[-1][:42]
    if r.get("error"):
        print(f"{name:42} error: {r['error']}")
        continue
    words = len((r.get("text") or "").split())
    print(f"{name:42} {r.get('language') or '-':4} {len(r.get('blocks') or []):6} {words:6}  {(r.get('title') or '')[:70]}")
print(f"{len(rows)} pages, {sum(1 for r in rows if r.get('error'))} errors")
