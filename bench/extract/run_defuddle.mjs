// Defuddle peer through its node entry (defuddle/node) on a jsdom Document.
// useAsync: false — its default may call third-party APIs when the page has no content;
// the bench is offline and measures local extraction only.
import { Defuddle } from "defuddle/node";
import { blockText, parseHtml, run } from "./jsrunner.mjs";

await run(async (bytes) => {
  const dom = parseHtml(bytes);
  const doc = dom.window.document;
  const result = await Defuddle(doc, "https://example.invalid/", { useAsync: false });
  // Defuddle returns cleaned HTML: parse it into an inert <template> of the same window.
  const tpl = doc.createElement("template");
  tpl.innerHTML = result.content || "";
  return { text: blockText(tpl.content), dom };
});
