// ui_check.mjs — drives Debian's chromium through the web UI with playwright-core (run by
// test_ui.py): node ui_check.mjs BASE_URL OUT_DIR TOKEN. Prints one JSON object with what each
// view showed and every console error; saves a screenshot per view in OUT_DIR.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";

const [base, out, token] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const errors = [];
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
page.on("pageerror", (e) => errors.push(String(e)));
const r = {};
const ready = (v) => page.waitForSelector(`body[data-ready="${v}"]`, { timeout: 20000 });
try {
  // search, then open the first hit (the seed article)
  await page.goto(`${base}/#view=search&q=airstrikes%20Iraq`);
  await ready("search");
  r.search_hits = await page.locator(".hit").count();
  r.marks = await page.locator(".hit mark").count();
  r.filter_kept = await page.inputValue('#filters input[name="q"]');
  await page.screenshot({ path: `${out}/search.png`, fullPage: true });
  await page.locator(".hit a.article-link").first().click();
  await ready("article");
  r.article_url = page.url();
  r.article_title = await page.locator("main h2").textContent();
  // the airstrike event (CAMEO 195): its source, verb and target highlighted in the text
  r.airstrike = await page.evaluate(() => {
    const row = [...document.querySelectorAll("#article-events tr[data-event-row]")].find((tr) => tr.children[3].textContent === "195");
    if (!row) return null;
    const id = row.getAttribute("data-event-row");
    const text = (cls) => [...document.querySelectorAll(`.article-text span.${cls}[data-event="${id}"]`)].map((s) => s.textContent).join("");
    return { id, source: text("ev-source"), verb: text("ev-verb"), target: text("ev-target") };
  });
  r.persons = await page.locator(".article-text .ent-person").count();
  r.places = await page.locator(".article-text .ent-location").count();
  r.quantities = await page.locator(".article-text .qty").count();
  await page.screenshot({ path: `${out}/article.png`, fullPage: true });
  // review the airstrike event as right
  if (r.airstrike) {
    await page.fill("#token", token);
    await page.dispatchEvent("#token", "change");
    const row = page.locator(`#article-events tr[data-event-row="${r.airstrike.id}"]`);
    await row.locator('button[data-review="right"]').click();
    await page.waitForFunction((id) => document.querySelector(`#article-events tr[data-event-row="${id}"] td.review`).textContent.startsWith("right"), r.airstrike.id, { timeout: 10000 });
    r.reviewed = (await row.locator("td.review").textContent()).slice(0, 5);
  }
  // download what is on screen (the article's events) as CSV
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#dl-csv")]);
  r.csv = readFileSync(await dl.path(), "utf8");
  // timeline, network, map with the seed's filter kept
  await page.goto(`${base}/#view=timeline&q=airstrikes`);
  await ready("timeline");
  r.timeline_canvas = await page.locator("#timeline canvas").count();
  r.timeline_days = await page.locator("main p").first().textContent();
  await page.screenshot({ path: `${out}/timeline.png`, fullPage: true });
  await page.locator('nav a[data-view="network"]').click();
  await ready("network");
  r.network_text = await page.locator("main p").first().textContent();
  r.network_canvas = await page.locator("#cy canvas").count();
  r.network_filter_kept = page.url().includes("q=airstrikes");
  await page.screenshot({ path: `${out}/network.png`, fullPage: true });
  await page.locator('nav a[data-view="map"]').click();
  await ready("map");
  r.map_countries = await page.locator("#map path.land").count();
  r.map_places = await page.locator("#map circle.place").count();
  await page.screenshot({ path: `${out}/map.png`, fullPage: true });
  // a bad filter shows the API's message, not a broken page
  await page.goto(`${base}/#view=events&cameo=1x`);
  await ready("events");
  r.bad_filter_message = await page.locator("#status").textContent();
} catch (e) {
  r.exception = String(e);
}
await browser.close();
// The bad-filter request is a 400 by design; chromium logs every failed fetch as an error.
console.log(JSON.stringify({ result: r, errors: errors.filter((e) => !e.includes("400 (Bad Request)")) }));
