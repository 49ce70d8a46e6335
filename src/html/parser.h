// parser.h — HTML (UTF-8) → ng::html::Document, with budgets.
//
//   ng::Result<ng::html::ParsedPage> p = ng::html::ParseHtml(utf8, {.max_depth = 400});
//   if (!p->notes.empty()) article.reason = p->notes;   // a budget changed the input
// libgumbo is the parser today. It is quadratic in nesting depth, so markup nested deeper than
// max_depth is flattened first (tags past the cap are dropped, their text kept) and input past
// max_bytes is cut; both are reported in `notes`, never as errors.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "html/dom.h"
#include "newsgraph/status.h"

namespace ng::html {

struct ParseOptions {
  size_t max_bytes = 16u << 20;
  int max_depth = 400;
};

struct ParsedPage {
  Document doc;
  std::string notes;  // what a budget changed, "" when nothing
};

Result<ParsedPage> ParseHtml(std::string_view utf8, const ParseOptions& options = {});

// Guard used before parsing: a cheap scan of the tag structure that returns the input with
// start/end tags beyond `max_depth` removed (text kept). Returns false when nothing had to change.
// Elements whose end tag is often implied (p, li, td, option…) and void elements do not count.
bool FlattenDeepNesting(std::string_view in, int max_depth, std::string* out, int* max_seen);

}  // namespace ng::html
