// app.js — the web UI of `newsgraph serve`: search, an article with its evidence highlighted,
// events, a timeline (uPlot), the actor network (cytoscape), a map (d3-geo + world-atlas).
// Every view reads the JSON API (/api/openapi.json); the filters are shared and kept in the URL
// (#view=…&cameo=19&…); what a view shows can be downloaded as CSV or JSONL.
import uPlot from "uplot";
import cytoscape from "cytoscape";
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

const FILTERS = ["q", "actor", "country", "cameo", "plover", "from", "to", "place"];
const view = document.getElementById("view");
const statusLine = document.getElementById("status");
let shown = { name: "nothing", rows: [] };  // what the download links export
let health = { read_only: true };

// --- URL state -------------------------------------------------------------------------------
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const filters = {};
  for (const k of FILTERS) if (p.get(k)) filters[k] = p.get(k);
  return { view: p.get("view") || "search", article: p.get("article"), filters };
}
function hashFor(state) {
  const p = new URLSearchParams();
  p.set("view", state.view);
  if (state.article) p.set("article", state.article);
  for (const [k, v] of Object.entries(state.filters)) if (v) p.set(k, v);
  return "#" + p.toString();
}

// --- API ---------------------------------------------------------------------------------------
async function api(path, params = {}) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ""));
  const r = await fetch(path + (qs.toString() ? "?" + qs : ""));
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

// Links only to web pages: an article's URL comes from the page it was read from.
const safeUrl = (u) => (/^https?:\/\//i.test(u || "") ? u : "#");

function table(rows, columns) {
  const t = el("table", {}, el("tr", {}, ...columns.map((c) => el("th", {}, c))));
  for (const r of rows) t.append(el("tr", {}, ...columns.map((c) => el("td", {}, r[c] ?? ""))));
  return t;
}

// --- views -------------------------------------------------------------------------------------
async function showSearch(state) {
  const r = await api("/api/search", { ...state.filters, limit: 50 });
  shown = { name: "search", rows: r.results };
  view.replaceChildren(el("p", {}, `${r.count} articles`));
  for (const a of r.results) {
    const snippet = el("div", { class: "snippet" });
    // The API marks matches as [word]; show them as <mark> without trusting any markup.
    for (const [i, part] of a.snippet.split(/[[\]]/).entries()) snippet.append(i % 2 ? el("mark", {}, part) : part);
    view.append(el("div", { class: "hit" },
      el("a", { href: hashFor({ ...state, view: "article", article: a.id }), class: "article-link" }, a.title || a.url),
      el("div", { class: "meta" }, `${a.date} · ${a.url}`), snippet));
  }
}

async function showEvents(state) {
  const r = await api("/api/events", { ...state.filters, limit: 200 });
  shown = { name: "events", rows: r.results };
  view.replaceChildren(el("p", {}, `${r.count} events`),
    table(r.results, ["date", "actor1", "actor1_name", "cameo", "plover", "actor2", "actor2_name", "goldstein", "place", "mentions", "url"]));
}

// Byte offsets (the API's) → string indices of the same text.
function byteToIndex(text) {
  const map = new Int32Array(new TextEncoder().encode(text).length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = text.length;
  return map;
}

// The text as runs of characters covered by the same set of spans (spans may overlap).
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.b); cuts.add(s.e); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const out = el("div", { class: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [b, e] = [points[i], points[i + 1]];
    const on = spans.filter((s) => s.b <= b && s.e >= e && s.b < s.e);
    const piece = text.slice(b, e);
    if (!on.length) { out.append(piece); continue; }
    const attrs = { class: [...new Set(on.map((s) => s.cls))].join(" ") };
    const ev = on.find((s) => s.event !== undefined);
    if (ev) attrs["data-event"] = ev.event;
    out.append(el("span", attrs, piece));
  }
  return out;
}

async function review(eventId, body) {
  const token = document.getElementById("token").value;
  const r = await fetch(`/api/events/${eventId}/reviews`, {
    method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token }, body: JSON.stringify(body),
  });
  const j = await r.json();
  if (!r.ok) throw new Error(j.error.message);
  return j;
}

async function showArticle(state) {
  const d = await api(`/api/articles/${encodeURIComponent(state.article)}`);
  const text = d.article.text;
  const at = byteToIndex(text);
  const spans = [];
  for (const m of d.entities) spans.push({ b: at[m.begin], e: at[m.end], cls: "ent-" + m.kind });
  for (const q of d.quantities) spans.push({ b: at[q.begin], e: at[q.end], cls: "qty" });
  for (const e of d.events) {
    if (e.actor1_end > e.actor1_begin) spans.push({ b: at[e.actor1_begin], e: at[e.actor1_end], cls: "ev-source", event: e.id });
    if (e.verb_end > e.verb_begin) spans.push({ b: at[e.verb_begin], e: at[e.verb_end], cls: "ev-verb", event: e.id });
    if (e.actor2_end > e.actor2_begin) spans.push({ b: at[e.actor2_begin], e: at[e.actor2_end], cls: "ev-target", event: e.id });
  }
  shown = { name: `article-${d.article.id}-events`, rows: d.events };
  const reviews = new Map();
  for (const r of d.reviews) reviews.set(r.event_id, r.verdict);
  const events = el("table", { id: "article-events" }, el("tr", {}, ...["id", "date", "source", "cameo", "plover", "target", "evidence", "review"].map((c) => el("th", {}, c))));
  for (const e of d.events) {
    const cell = el("td", { class: "review" }, reviews.get(e.id) || "");
    if (!health.read_only) {
      const act = (body) => async () => {
        try { const r = await review(e.id, body); cell.firstChild.textContent = r.verdict; statusLine.textContent = ""; }
        catch (err) { statusLine.textContent = err.message; }
      };
      if (!cell.firstChild) cell.append("");
      cell.append(" ", el("button", { onclick: act({ verdict: "right" }), "data-review": "right" }, "right"),
        el("button", { onclick: act({ verdict: "wrong" }), "data-review": "wrong" }, "wrong"),
        el("button", { onclick: () => { const c = prompt("Correct CAMEO code", e.cameo); if (c) act({ verdict: "corrected", cameo: c })(); } }, "correct…"));
    }
    events.append(el("tr", { "data-event-row": e.id },
      el("td", {}, e.id), el("td", {}, e.date), el("td", {}, `${e.actor1} ${e.actor1_text ? "(" + e.actor1_text + ")" : ""}`),
      el("td", {}, e.cameo), el("td", {}, e.plover), el("td", {}, `${e.actor2} ${e.actor2_text ? "(" + e.actor2_text + ")" : ""}`),
      el("td", {}, text.slice(at[e.sentence_begin], at[e.sentence_end]).slice(0, 160)), cell));
  }
  const legend = el("p", { class: "legend" }, el("span", { class: "ent-person" }, "person"), el("span", { class: "ent-location" }, "place"),
    el("span", { class: "ent-organization" }, "organization"), el("span", { class: "qty" }, "quantity"),
    el("span", { class: "ev-source" }, "source"), el("span", { class: "ev-verb" }, "verb"), el("span", { class: "ev-target" }, "target"));
  view.replaceChildren(el("h2", {}, d.article.title), el("p", { class: "meta" }, `${d.article.date} · `, el("a", { href: safeUrl(d.article.url), rel: "noreferrer" }, d.article.url)),
    legend, highlighted(text, spans), el("h3", {}, `${d.events.length} events`), events,
    el("h3", {}, "Related"), table(d.related, ["relation", "date", "title"]));
}

async function showTimeline(state) {
  const r = await api("/api/aggregate/day", state.filters);
  shown = { name: "timeline", rows: r.results };
  const day = (n) => Date.UTC(Math.floor(n / 10000), Math.floor(n / 100) % 100 - 1, n % 100) / 1000;
  const box = el("div", { id: "timeline" });
  view.replaceChildren(el("p", {}, `${r.results.length} days`), box);
  const data = [r.results.map((x) => day(x.date)), r.results.map((x) => x.events), r.results.map((x) => x.goldstein)];
  new uPlot({
    width: Math.min(1000, view.clientWidth || 1000), height: 360,
    series: [{}, { label: "events", stroke: "#2563eb", paths: uPlot.paths.bars(), fill: "rgba(37,99,235,0.3)" },
      { label: "mean Goldstein", stroke: "#dc2626", scale: "g" }],
    axes: [{}, { label: "events" }, { side: 1, scale: "g", label: "Goldstein", grid: { show: false } }],
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] }, g: { range: [-10, 10] } },
  }, data, box);
}

async function showNetwork(state) {
  const r = await api("/api/network", state.filters);
  shown = { name: "network", rows: r.edges };
  const box = el("div", { id: "cy" });
  view.replaceChildren(el("p", {}, `${r.nodes.length} actors, ${r.edges.length} dyads`), box);
  const max = Math.max(1, ...r.nodes.map((n) => n.events));
  cytoscape({
    container: box,
    elements: [
      ...r.nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 12 + 28 * Math.sqrt(n.events / max) } })),
      ...r.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, w: 1 + Math.log2(1 + e.events), g: e.goldstein } })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10, "background-color": "#2563eb" } },
      { selector: "edge", style: { width: "data(w)", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": "mapData(g, -10, 10, #dc2626, #16a34a)", "target-arrow-color": "mapData(g, -10, 10, #dc2626, #16a34a)" } },
    ],
    layout: { name: "cose", animate: false, randomize: false },
  });
}

async function showMap(state) {
  const r = await api("/api/aggregate/place", state.filters);
  shown = { name: "map", rows: r.results };
  const width = 960, height = 500;
  const land = feature(world, world.objects.countries);
  const projection = geoNaturalEarth1().fitSize([width, height], land);
  const path = geoPath(projection);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  for (const f of land.features) {
    const p = document.createElementNS(ns, "path");
    p.setAttribute("d", path(f) || "");
    p.setAttribute("class", "land");
    svg.append(p);
  }
  const max = Math.max(1, ...r.results.map((x) => x.events));
  for (const x of r.results) {
    const xy = projection([x.lon, x.lat]);
    if (!xy || (x.lat === 0 && x.lon === 0)) continue;
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", xy[0]);
    c.setAttribute("cy", xy[1]);
    c.setAttribute("r", 3 + 12 * Math.sqrt(x.events / max));
    c.setAttribute("class", "place");
    const t = document.createElementNS(ns, "title");
    t.textContent = `${x.place} (${x.country}): ${x.events} events`;
    c.append(t);
    svg.append(c);
  }
  view.replaceChildren(el("p", {}, `${r.results.length} places`), el("div", { id: "map" }, svg));
}

// --- downloads ---------------------------------------------------------------------------------
function download(kind) {
  const rows = shown.rows;
  const cols = rows.length ? Object.keys(rows[0]) : [];
  const cell = (v) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const body = kind === "csv" ? [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n") + "\n"
    : rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  const a = el("a", { href: URL.createObjectURL(new Blob([body], { type: kind === "csv" ? "text/csv" : "application/jsonl" })),
    download: `newsgraph-${shown.name}.${kind}` });
  document.body.append(a);
  a.click();
  a.remove();
}

// --- wiring ------------------------------------------------------------------------------------
const VIEWS = { search: showSearch, events: showEvents, article: showArticle, timeline: showTimeline, network: showNetwork, map: showMap };

async function render() {
  const state = readHash();
  const form = document.getElementById("filters");
  for (const k of FILTERS) form.elements[k].value = state.filters[k] || "";
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    a.classList.toggle("active", a.dataset.view === state.view);
    a.href = hashFor({ view: a.dataset.view, filters: state.filters });
  }
  statusLine.textContent = "";
  document.body.dataset.ready = "";
  try {
    await (VIEWS[state.view] || showSearch)(state);
  } catch (err) {
    statusLine.textContent = err.message;
  }
  document.body.dataset.ready = state.view;
}

document.getElementById("filters").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const state = readHash();
  const form = ev.target;
  const filters = {};
  for (const k of FILTERS) if (form.elements[k].value.trim()) filters[k] = form.elements[k].value.trim();
  location.hash = hashFor({ view: state.view === "article" ? "search" : state.view, filters });
});
document.getElementById("dl-csv").addEventListener("click", (e) => { e.preventDefault(); download("csv"); });
document.getElementById("dl-jsonl").addEventListener("click", (e) => { e.preventDefault(); download("jsonl"); });
const token = document.getElementById("token");
token.value = sessionStorage.getItem("newsgraph-token") || "";
token.addEventListener("change", () => sessionStorage.setItem("newsgraph-token", token.value));
window.addEventListener("hashchange", render);

api("/api/health").then((h) => {
  health = h;
  document.getElementById("review-box").hidden = h.read_only;
}).catch(() => {}).finally(render);
