// build.mjs — bundles the web UI for the binary: node build.mjs --out DIR
// DIR/index.html, DIR/app.js (esbuild: app.js + uPlot, cytoscape, d3-geo, topojson-client,
// world-atlas 110m, minified) and DIR/app.css (uPlot's css + ours). Offline: node_modules only.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf("--out");
if (i < 0 || !process.argv[i + 1]) {
  console.error("usage: node build.mjs --out DIR");
  process.exit(2);
}
const out = process.argv[i + 1];
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "app.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  outfile: join(out, "app.js"),
  logLevel: "warning",
});
const css = readFileSync(join(here, "node_modules/uplot/dist/uPlot.min.css"), "utf8") + "\n" + readFileSync(join(here, "app.css"), "utf8");
writeFileSync(join(out, "app.css"), css);
copyFileSync(join(here, "index.html"), join(out, "index.html"));
