// ParseHtml tests: what both parsers (kFast, kGumbo) must agree on beyond the tree shape, and
// the gumbo path's adapter (gumbo_parser.cc).
#include "html/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ng::html {
namespace {

using P = ParseOptions::Parser;

// The body's text nodes and attribute values, in document order: "T:text" / "A:name=value".
std::vector<std::string> BodyStrings(std::string_view html, P parser) {
  Result<ParsedPage> page = ParseHtml(html, {.parser = parser});
  EXPECT_TRUE(page.ok());
  std::vector<std::string> out;
  if (!page.ok()) return out;
  const Node* body = page->doc.body();
  if (!body) return out;
  std::vector<const Node*> stack{body};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n->is_text()) out.push_back("T:" + std::string(n->text));
    if (n->is_element())
      for (const Attribute& a : n->attrs)
        out.push_back("A:" + std::string(a.name) + "=" + std::string(a.value));
    std::vector<const Node*> kids;
    for (const Node* c = n->first_child; c; c = c->next) kids.push_back(c);
    for (size_t i = kids.size(); i-- > 0;) stack.push_back(kids[i]);
  }
  return out;
}
using V = std::vector<std::string>;

// gumbo 0.10 turns controls and noncharacters into U+FFFD as it decodes; the spec keeps them
// (parse errors only), and so do both paths: the adapter hides them from gumbo and restores them.
TEST(ParseHtmlBothParsers, ControlsAndNoncharactersKept) {
  const std::string html =
      "<p data-x='q\u0091r\x01'>we\u0092re \x0B\x7F \u0085</p>"
      "<p>\uFDD0 \uFDEF \uFFFE \uFFFF \U0001FFFE \U0010FFFF</p>"
      "<p>\uFFFD stays, &#x92; is a quote, &#1; is kept</p>";
  const V want = {"T:we\u0092re \x0B\x7F \u0085", "A:data-x=q\u0091r\x01",
                  "T:\uFDD0 \uFDEF \uFFFE \uFFFF \U0001FFFE \U0010FFFF",
                  "T:\uFFFD stays, \u2019 is a quote, \x01 is kept"};
  V fast = BodyStrings(html, P::kFast);
  std::sort(fast.begin(), fast.end());
  V gumbo = BodyStrings(html, P::kGumbo);
  std::sort(gumbo.begin(), gumbo.end());
  V sorted = want;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(fast, sorted);
  EXPECT_EQ(gumbo, sorted);
}

// Unknown element names and comments go through the same restore; NUL keeps its own rules.
TEST(ParseHtmlBothParsers, ControlsInUnknownTagNamesKept) {
  using namespace std::string_literals;
  const std::string html = "<x\u0090y>a\0b</x\u0090y>"s;
  for (P parser : {P::kFast, P::kGumbo}) {
    Result<ParsedPage> page = ParseHtml(html, {.parser = parser});
    ASSERT_TRUE(page.ok());
    const Node* el = page->doc.body()->first_child;
    ASSERT_NE(el, nullptr);
    EXPECT_EQ(el->name, "x\u0090y");
    ASSERT_NE(el->first_child, nullptr);
    EXPECT_EQ(el->first_child->text, "ab");
  }
}

// A page holding a code point of the adapter's stand-in range (plane-16 private use,
// U+10FC00–U+10FEFF), literally or as a reference, keeps it: the adapter then leaves the input
// to gumbo as it is.
TEST(ParseHtmlBothParsers, StandInRangeCodePointsStayThemselves) {
  for (const std::string& html :
       {std::string("<p>\U0010FC92 \u0092</p>"), std::string("<p>&#x10FC92; \u0092</p>")}) {
    V fast = BodyStrings(html, P::kFast);
    V gumbo = BodyStrings(html, P::kGumbo);
    EXPECT_EQ(fast, (V{"T:\U0010FC92 \u0092"}));
    ASSERT_EQ(gumbo.size(), 1u);
    EXPECT_EQ(gumbo[0].substr(0, 6), "T:\U0010FC92") << html;
  }
}

}  // namespace
}  // namespace ng::html
