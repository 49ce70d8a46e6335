// parser.h — HTML (UTF-8) → ng::html::Document, with budgets.
//
//   ng::Result<ng::html::ParsedPage> p = ng::html::ParseHtml(utf8, {.max_depth = 400});
//   if (!p->notes.empty()) article.reason = p->notes;   // a budget changed the input
// Two parsers build the same tree (as far as extracted text can tell):
//  - kFast (default): our tokenizer + tree builder (tokenizer.h, tree_builder.h), linear in
//    size and depth; max_depth is a DOM depth cap it enforces itself (elements past it are not
//    created, their text is kept).
//  - kGumbo: libgumbo, the reference. It is quadratic in nesting depth, so markup nested
//    deeper than max_depth is flattened first by PrepareForParse. gumbo turns controls and
//    noncharacters into U+FFFD; the adapter passes them through stand-ins, so both parsers keep
//    them as the spec says (gumbo_parser.cc).
// Input past max_bytes is cut. Budgets are reported in `notes`, never as errors.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "html/dom.h"
#include "newsgraph/status.h"

namespace ng::html {

struct ParseOptions {
  enum class Parser { kFast, kGumbo };
  size_t max_bytes = 16u << 20;
  int max_depth = 400;
  Parser parser = Parser::kFast;
  // The fast parser's Document points into `utf8` for text and attributes it did not change
  // (no copy): only when the caller keeps utf8 alive for as long as the ParsedPage.
  bool borrow_input = false;
};

struct ParsedPage {
  Document doc;
  std::string notes;  // what a budget changed, "" when nothing
};

Result<ParsedPage> ParseHtml(std::string_view utf8, const ParseOptions& options = {});

// The gumbo path after the max_bytes cut (gumbo_parser.cc): pre-parse pass + gumbo + copy.
Status ParseWithGumbo(std::string_view utf8, int max_depth, ParsedPage* page);

// The pass before parsing: a cheap linear scan of the tag structure that (1) drops start/end tags
// nested deeper than `max_depth` (their text is kept) and (2) drops what can never be text —
// comments and the bodies of <script>/<style> except JSON-LD — which is half of a typical news
// page and most of gumbo's time. Elements whose end tag is often implied (p, li, td, option…)
// and void elements do not count towards depth. `out` is written only when `changed`.
struct PrescanResult {
  bool changed = false;    // out holds the rewritten input
  bool flattened = false;  // some tags were dropped for depth
  int max_depth_seen = 0;
};
PrescanResult PrepareForParse(std::string_view in, int max_depth, std::string* out);

}  // namespace ng::html
