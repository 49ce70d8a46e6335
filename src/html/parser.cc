// ParseHtml: the byte budget, then one of the two parsers (parser.h).
#include "html/parser.h"

#include <string>

#include "html/tree_builder.h"

namespace ng::html {

Result<ParsedPage> ParseHtml(std::string_view utf8, const ParseOptions& options) {
  ParsedPage page;
  if (utf8.size() > options.max_bytes) {
    // Cut at a tag boundary when one is near, so the last element is not half a tag.
    size_t cut = options.max_bytes;
    size_t lt = utf8.rfind('<', cut);
    if (lt != std::string_view::npos && cut - lt < 4096) cut = lt;
    page.notes = "page is " + std::to_string(utf8.size() >> 20) + " MB; parsed the first " +
                 std::to_string(cut >> 20) + " MB";
    utf8 = utf8.substr(0, cut);
  }
  if (options.parser == ParseOptions::Parser::kGumbo) {
    Status s = ParseWithGumbo(utf8, options.max_depth, &page);
    if (!s.ok()) return s;
    return page;
  }
  if (options.borrow_input) page.doc.Borrow(utf8);
  TreeStats stats = BuildTree(utf8, {.max_depth = options.max_depth}, &page.doc);
  if (stats.depth_capped) {
    if (!page.notes.empty()) page.notes += "; ";
    page.notes += "markup nested deeper than " + std::to_string(options.max_depth) +
                  "; flattened below depth " + std::to_string(options.max_depth);
  }
  return page;
}

}  // namespace ng::html
