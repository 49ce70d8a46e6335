// Shared loop of the node peer runners (run_readability.mjs, run_defuddle.mjs).
//
// Usage: node run_<peer>.mjs FILE...
// One long-lived process per list of pages, so node startup and module loading stay out of the
// figures. Writes one JSON line per page to stdout, {"id","text","error","seconds","wall"}, where
// seconds is the CPU time (user + system, all threads: GC included) of the whole work from the
// page's bytes to text (jsdom decoding + parsing, extraction, text conversion), not reading the
// file; wall is the same span in wall-clock time. Then {"summary": true, "pages", "errors", "seconds"}.
// CPU time, because the machine may be shared: wall time then measures the neighbours too.
// Extraction is synchronous, so a page that hangs cannot be interrupted from inside node:
// bench.py's watchdog kills the process and resumes after that page.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";

// Elements whose boundaries separate blocks of text (the gold files have blank lines there);
// same lists as pyrunner.py.
const BLOCK = new Set(`address article aside blockquote body caption dd details dialog div dl dt
  fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p
  pre section summary table tbody td tfoot th thead tr ul`.split(/\s+/));
const SKIP = new Set(["script", "style", "noscript", "template", "head"]);

// Block-aware text of a DOM node: blocks joined by blank lines, <br> a line break, whitespace
// collapsed (textContent would glue "a</p><p>b" into one token). Iterative: pages nest deeply.
export function blockText(root) {
  const parts = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === "string") { parts.push(node); continue; }
    if (node.nodeType === 3 || node.nodeType === 4) { parts.push(node.data); continue; }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) continue;
    const tag = node.nodeType === 1 ? node.localName : "";
    if (SKIP.has(tag)) continue;
    const sep = BLOCK.has(tag) ? "\n\n" : tag === "br" ? "\n" : "";
    parts.push(sep);
    if (sep === "\n\n") stack.push(sep); // closes the block once its children are out
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return normalizeBlocks(parts.join(""));
}

function normalizeBlocks(text) {
  const blocks = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split("\n").map((l) => l.replace(/[^\S\n]+/g, " ").trim()).filter(Boolean);
    if (lines.length) blocks.push(lines.join("\n"));
  }
  return blocks.join("\n\n");
}

// Bytes that are valid UTF-8 are given to jsdom as a server would declare them (charset=utf-8 in
// the content type, which outranks <meta>); anything else goes to jsdom's own sniffing (BOM,
// <meta charset>, else windows-1252). Same policy as pyrunner.decode_html: some sets re-serialised
// pages to UTF-8 and kept the old <meta charset>, and node code usually gets a decoded string.
const utf8 = new TextDecoder("utf-8", { fatal: true });
function isUtf8(bytes) {
  try { utf8.decode(bytes); return true; } catch { return false; }
}

// A silent virtual console keeps jsdom's CSS parse complaints off stderr.
export function parseHtml(bytes) {
  return new JSDOM(bytes, {
    url: "https://example.invalid/",
    contentType: isUtf8(bytes) ? "text/html; charset=utf-8" : "text/html",
    virtualConsole: new VirtualConsole(),
  });
}

// extract(bytes) -> { text, dom? }: the dom, if returned, is closed after the timed section.
export async function run(extract) {
  console.log = console.error; // a library that logs must not corrupt the JSONL stream
  const files = process.argv.slice(2);
  let total = 0, errors = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    let text = "", error = null, dom = null;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      ({ text, dom } = await extract(bytes));
    } catch (e) { // one bad page never sinks the run
      error = String(e && e.stack ? e.stack.split("\n")[0] : e).slice(0, 300);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const dt = (cpu.user + cpu.system) / 1e6;
    if (dom) dom.window.close();
    // Let the event loop turn between pages, as a server would between requests: jsdom finishes
    // releasing a closed window in a macrotask, and without this turn a long run leaks ~7 MB a
    // page until the GC thrashes (seen as pages "hanging" after a few hundred).
    await new Promise((resolve) => setImmediate(resolve));
    total += dt;
    if (error !== null) errors++;
    process.stdout.write(JSON.stringify({ id: basename(f, ".html"), text: text || "", error, seconds: dt, wall }) + "\n");
  }
  process.stdout.write(JSON.stringify({ summary: true, pages: files.length, errors, seconds: total }) + "\n");
}
