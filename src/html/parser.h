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
