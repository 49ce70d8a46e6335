// main_content.h — find the article body in a parsed page and cut it into Blocks.
//
//   ContentResult c = ExtractMainContent(doc, {.title = meta.title, .comments = false});
//   article.blocks = std::move(c.blocks);
// How: the page is cut into text blocks (paragraphs, list items, headings… with their link
// text); every block votes for its ancestors with its length, content-like blocks for, chrome
// against; the element with the best balance is the body. Elements whose class/id/role mark
// them as chrome (share bars, related links, comment forms, ads, menus) are dropped first,
// unless they hold most of the page's prose (sites put "sidebar" on whole-page wrappers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html/dom.h"
#include "newsgraph/article.h"

namespace ng::extract {

struct ContentOptions {
  std::string_view title;  // dropped when it opens the body as a heading
  bool comments = false;   // also collect the comment thread into ContentResult::comments
};

struct ContentResult {
  std::vector<Block> blocks;
  std::vector<Block> comments;
  std::string reason;  // "" or why the body is empty/partial
};

ContentResult ExtractMainContent(const html::Document& doc, const ContentOptions& options);

// Class/id/role heuristics, exposed for tests.
// kChrome: weak (ignored when it would leave too little); kStrongChrome: share bars, ads,
// related links; kDialog: cookie/consent pop-ups, removed even when they hold most of the text.
enum class Hint { kNone, kChrome, kStrongChrome, kDialog, kComments, kContent };
Hint ClassHint(const html::Node& element);

}  // namespace ng::extract
