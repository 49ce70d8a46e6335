// Mozilla Readability.js peer on jsdom, default options, the way Firefox Reader View and most
// node users run it. Text = block-aware text of the article element (see jsrunner.mjs).
import { Readability } from "@mozilla/readability";
import { blockText, parseHtml, run } from "./jsrunner.mjs";

await run(async (bytes) => {
  const dom = parseHtml(bytes);
  // serializer: el => el hands back the article element itself, saving an innerHTML round trip.
  const article = new Readability(dom.window.document, { serializer: (el) => el }).parse();
  return { text: article && article.content ? blockText(article.content) : "", dom };
});
