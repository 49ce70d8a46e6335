// Tree builder tests, one per tree-construction rule (WHATWG 13.2.6) the builder implements.
// Trees are compared as compact markup: elements as <name>…</name>, text as is, no attributes
// unless asked.
#include "html/tree_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace ng::html {
namespace {

std::string Serialize(const Node* root, bool attrs = false) {
  std::string out;
  // Iterative: (node, closing?) pairs.
  std::vector<std::pair<const Node*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [n, closing] = stack.back();
    stack.pop_back();
    if (closing) {
      out += "</" + std::string(n->name) + ">";
      continue;
    }
    if (n->is_text()) {
      out += n->text;
      continue;
    }
    if (n->type == NodeType::kComment) {
      out += "<!--" + std::string(n->text) + "-->";
      continue;
    }
    if (n->is_element()) {
      out += "<" + std::string(n->name);
      if (attrs)
        for (const Attribute& a : n->attrs) out += " " + std::string(a.name) + "=\"" + std::string(a.value) + "\"";
      out += ">";
      stack.emplace_back(n, true);
    }
    std::vector<const Node*> kids;
    for (const Node* c = n->first_child; c; c = c->next) kids.push_back(c);
    for (size_t i = kids.size(); i-- > 0;) stack.emplace_back(kids[i], false);
  }
  return out;
}

std::string Body(std::string_view html, TreeOptions o = {}) {
  Document doc;
  BuildTree(html, o, &doc);
  const Node* body = doc.body();
  if (!body) return "(no body)";
  std::string s = Serialize(body);
  return s.substr(6, s.size() - 13);  // strip <body>…</body>
}
std::string Whole(std::string_view html, TreeOptions o = {}, bool attrs = false) {
  Document doc;
  BuildTree(html, o, &doc);
  return Serialize(doc.root(), attrs);
}

// The Document's arenas: what the builder relies on.
TEST(DocumentArena, AppendTextKeepsEarlierTextAndGrowsAfterOtherAllocations) {
  Document doc;
  Node* t = doc.NewText("ab");
  doc.AppendText(t, "cd");             // in place: the last allocation
  Node* other = doc.NewText("zz");     // now t is not at the top any more
  doc.AppendText(t, "ef");             // moved, with room
  Node* e = doc.NewElement("div");
  doc.AddAttribute(e, "class", "x");   // another allocation between appends
  doc.AppendText(t, "gh");             // fits in the room
  for (int i = 0; i < 1000; ++i) doc.AppendText(t, "ij");
  EXPECT_EQ(t->text.substr(0, 8), "abcdefgh");
  EXPECT_EQ(t->text.size(), 8u + 2000u);
  EXPECT_EQ(other->text, "zz");
  EXPECT_EQ(e->attr("class"), "x");
}

TEST(DocumentArena, AttributesGrowShareAndCopy) {
  Document doc;
  Node* body = doc.NewElement("body");
  for (int i = 0; i < 100; ++i) doc.AddAttribute(body, "a" + std::to_string(i), std::to_string(i));
  ASSERT_EQ(body->attrs.size(), 100u);
  EXPECT_EQ(body->attr("a0"), "0");
  EXPECT_EQ(body->attr("a99"), "99");
  std::string name = "data-x", value = "scratch";
  std::vector<Attribute> from{{name, value}};
  Node* b = doc.NewElement("b");
  doc.SetAttributes(b, std::span<const Attribute>(from));
  name = "clobber", value = "clobber";  // the Document holds its own copies
  EXPECT_EQ(b->attr("data-x"), "scratch");
  Node* clone = doc.NewElement("b");
  Document::ShareAttributes(clone, b);
  EXPECT_EQ(clone->attr("data-x"), "scratch");
  EXPECT_EQ(doc.NewElement("custom-tag")->name, "custom-tag");
  EXPECT_EQ(doc.NewElement("div")->tag, Tag::kDiv);
  EXPECT_TRUE(doc.NewText("")->text.empty());
  EXPECT_EQ(doc.size(), 7u);  // root + 6
}

TEST(DocumentArena, BigStringsAndManyNodesStayPut) {
  Document doc;
  std::string big(3 << 20, 'x');
  Node* first = doc.NewText("first");
  Node* t = doc.NewText(big);
  std::vector<Node*> nodes;
  for (int i = 0; i < 20000; ++i) nodes.push_back(doc.NewText(std::to_string(i)));
  EXPECT_EQ(first->text, "first");  // node addresses never move
  EXPECT_EQ(t->text.size(), big.size());
  EXPECT_EQ(nodes[12345]->text, "12345");
  EXPECT_EQ(nodes[12345]->id, 12345u + 3u);
  Document moved = std::move(doc);
  EXPECT_EQ(nodes[19999]->text, "19999");
  EXPECT_EQ(moved.size(), 20003u);
}

TEST(DocumentArena, BorrowedInputIsViewedNotCopied) {
  std::string page = "<p class=lede>Hello &amp; welcome</p><p>plain text</p>";
  Document doc;
  doc.Borrow(page);
  BuildTree(page, {}, &doc);
  const Node* p = doc.FindFirst(Tag::kP);
  ASSERT_TRUE(p && p->first_child);
  auto inside = [&](std::string_view v) {
    return v.data() >= page.data() && v.data() + v.size() <= page.data() + page.size();
  };
  EXPECT_TRUE(inside(p->attr("class")));              // a slice of the page
  EXPECT_EQ(p->first_child->text, "Hello & welcome");  // decoded: a copy
  EXPECT_FALSE(inside(p->first_child->text));
  const Node* second = p->next;
  ASSERT_TRUE(second && second->first_child);
  EXPECT_TRUE(inside(second->first_child->text));
  Node* t = const_cast<Node*>(second->first_child);
  doc.AppendText(t, "!");  // growing a borrowed text copies it first
  EXPECT_EQ(t->text, "plain text!");
  EXPECT_FALSE(inside(t->text));
  EXPECT_EQ(page, "<p class=lede>Hello &amp; welcome</p><p>plain text</p>");
}

// Found by fuzz_tree_builder (tests/fuzz/regressions/tree-depth-ghost-a-in-svg-title.html):
// an <a> start tag inside an svg <title> removes the outer <a> from the stack (it is out of
// scope) but not from the tree, so the tree grows 3 levels per 2 stack entries. The depth cap
// holds the tree within 3/2 of max_depth.
TEST(TreeDepth, OutOfScopeAnchorsKeepTheTreeWithinThreeHalvesOfTheCap) {
  std::string page = "<!DOCTYPE html><body>";
  for (int i = 0; i < 5000; ++i) page += "<a><svg><title>";
  page += "deep";
  for (int max_depth : {8, 64, 400}) {
    Document doc;
    TreeStats stats = BuildTree(page, {.max_depth = max_depth}, &doc);
    EXPECT_TRUE(stats.depth_capped);
    int deepest = 0;
    bool text_kept = false;
    for (const Node* n = doc.root(); n; n = Next(n, doc.root())) {
      int depth = 0;
      for (const Node* a = n; a; a = a->parent) ++depth;
      deepest = std::max(deepest, depth);
      text_kept |= n->is_text() && n->text == "deep";
    }
    EXPECT_GT(deepest, max_depth) << max_depth;  // the ghosts are real (spec behaviour)
    EXPECT_LE(deepest, max_depth * 3 / 2 + 16) << max_depth;
    EXPECT_TRUE(text_kept) << max_depth;
  }
}

TEST(TreeStructure, ImpliesHtmlHeadBody) {
  EXPECT_EQ(Whole("x"), "<html><head></head><body>x</body></html>");
  EXPECT_EQ(Whole("<!DOCTYPE html><title>T</title><p>x"),
            "<html><head><title>T</title></head><body><p>x</p></body></html>");
}
TEST(TreeStructure, HeadElementsBeforeBodyGoToHead) {
  EXPECT_EQ(Whole("<meta charset=utf-8><link rel=x><script>a</script><p>x"),
            "<html><head><meta></meta><link></link><script></script></head><body><p>x</p></body></html>");
}
TEST(TreeStructure, HeadElementAfterHeadGoesBackIntoHead) {
  EXPECT_EQ(Whole("<head></head><title>T</title><body>x"),
            "<html><head><title>T</title></head><body>x</body></html>");
}
TEST(TreeStructure, HeadNoscriptScriptingDisabled) {
  EXPECT_EQ(Whole("<head><noscript><link><p>x</p></noscript>"),
            "<html><head><noscript><link></link></noscript></head><body><p>x</p></body></html>");
}
TEST(TreeStructure, SecondHtmlAndBodyMergeAttributes) {
  EXPECT_EQ(Whole("<html><body><p>x<html lang=en><body class=b>", {}, true),
            "<html lang=\"en\"><head></head><body class=\"b\"><p>x</p></body></html>");
}
TEST(TreeStructure, AfterBodyContentStaysInBody) {
  EXPECT_EQ(Body("<p>a</p></body></html><p>b"), "<p>a</p><p>b</p>");
}

TEST(TreeImpliedEndTags, ParagraphClosedByBlockStart) {
  EXPECT_EQ(Body("<p>a<div>b</div><p>c<ul><li>d</ul>"),
            "<p>a</p><div>b</div><p>c</p><ul><li>d</li></ul>");
}
TEST(TreeImpliedEndTags, HeadingsCloseHeadings) {
  EXPECT_EQ(Body("<h1>a<h2>b</h1>c"), "<h1>a</h1><h2>b</h2>c");
}
TEST(TreeImpliedEndTags, ListItems) {
  EXPECT_EQ(Body("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>"),
            "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>");
  EXPECT_EQ(Body("<li>a<div><li>b"), "<li>a<div></div></li><li>b</li>");
}
TEST(TreeImpliedEndTags, DefinitionLists) {
  EXPECT_EQ(Body("<dl><dt>a<dd>b<dt>c</dl>"), "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>");
}
TEST(TreeImpliedEndTags, Ruby) {
  EXPECT_EQ(Body("<ruby>a<rb>b<rt>c<rp>d</ruby>"), "<ruby>a<rb>b</rb><rt>c</rt><rp>d</rp></ruby>");
}
TEST(TreeEndTags, StrayEndTagsIgnored) {
  EXPECT_EQ(Body("a</div></span>b</h1>c"), "abc");
  EXPECT_EQ(Body("<div><span>a</div>b"), "<div><span>a</span></div>b");
}
TEST(TreeEndTags, EndPWithoutPMakesEmptyP) {
  EXPECT_EQ(Body("a</p>b"), "a<p></p>b");
}
TEST(TreeEndTags, EndBrIsBr) {
  EXPECT_EQ(Body("a</br>b"), "a<br></br>b");
}
TEST(TreeEndTags, AnyOtherEndTagStopsAtSpecial) {
  EXPECT_EQ(Body("<x-a><div>a</x-a>b</div>"), "<x-a><div>ab</div></x-a>");
}

TEST(TreeFormatting, AdoptionAgencyMisnestedBlock) {
  EXPECT_EQ(Body("<b><p>x</b>y</p>"), "<b></b><p><b>x</b>y</p>");
  EXPECT_EQ(Body("<b>1<p>2</b>3</p>"), "<b>1</b><p><b>2</b>3</p>");
}
TEST(TreeFormatting, AdoptionAgencyInlineMisnesting) {
  EXPECT_EQ(Body("<b>1<i>2</b>3</i>"), "<b>1<i>2</i></b><i>3</i>");
}
TEST(TreeFormatting, ReconstructAfterBlock) {
  EXPECT_EQ(Body("<i>a<div>b</div>c"), "<i>a<div>b</div>c</i>");
  EXPECT_EQ(Body("<p><i>a</p><p>b"), "<p><i>a</i></p><p><i>b</i></p>");
}
TEST(TreeFormatting, NestedAnchorsCloseTheFirst) {
  EXPECT_EQ(Body("<a>1<a>2</a>3"), "<a>1</a><a>2</a>3");
}
TEST(TreeFormatting, NoahsArkKeepsThree) {
  EXPECT_EQ(Body("<p><b><b><b><b>x</p><p>y"),
            "<p><b><b><b><b>x</b></b></b></b></p><p><b><b><b>y</b></b></b></p>");
}

TEST(TreeTables, ImpliedTbodyTrAndCellEnds) {
  EXPECT_EQ(Body("<table><tr><td>a<td>b<tr><th>c</table>"),
            "<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>");
}
TEST(TreeTables, StrayTextIsFosterParented) {
  EXPECT_EQ(Body("<table>x<tr><td>a</td></tr>y</table>"),
            "xy<table><tbody><tr><td>a</td></tr></tbody></table>");
  EXPECT_EQ(Body("<table><div>d</div><tr><td>a</table>"),
            "<div>d</div><table><tbody><tr><td>a</td></tr></tbody></table>");
}
TEST(TreeTables, WhitespaceStaysInTable) {
  EXPECT_EQ(Body("<table> <tr> <td>a</table>"), "<table> <tbody><tr> <td>a</td></tr></tbody></table>");
}
TEST(TreeTables, TableClosesPOutsideQuirksMode) {
  EXPECT_EQ(Body("<!DOCTYPE html><p>a<table></table>"), "<p>a</p><table></table>");
  EXPECT_EQ(Body("<p>a<table></table>"), "<p>a<table></table></p>");  // quirks (no DOCTYPE)
}
TEST(TreeTables, CaptionAndColgroup) {
  EXPECT_EQ(Body("<table><caption>c<col><tr><td>a</table>"),
            "<table><caption>c</caption><colgroup><col></col></colgroup><tbody><tr><td>a</td></tr></tbody></table>");
}
TEST(TreeTables, NestedTableInCell) {
  EXPECT_EQ(Body("<table><td><table><td>a</table>b</table>"),
            "<table><tbody><tr><td><table><tbody><tr><td>a</td></tr></tbody></table>b</td></tr></tbody></table>");
}
TEST(TreeTables, TableStartTagInTableClosesIt) {
  EXPECT_EQ(Body("<table><tr><td>a<table>"),
            "<table><tbody><tr><td>a<table></table></td></tr></tbody></table>");
}

TEST(TreeSelect, OptionsImplyEndsAndOtherTagsAreIgnored) {
  EXPECT_EQ(Body("<select><option>a<option>b<div>c</div></select>d"),
            "<select><option>a</option><option>bc</option></select>d");
  EXPECT_EQ(Body("<select><optgroup><option>a<optgroup><option>b</select>"),
            "<select><optgroup><option>a</option></optgroup><optgroup><option>b</option></optgroup></select>");
}
TEST(TreeSelect, InTableTableTagsCloseSelect) {
  EXPECT_EQ(Body("<table><tr><td><select><option>a<td>b</table>"),
            "<table><tbody><tr><td><select><option>a</option></select></td><td>b</td></tr></tbody></table>");
}

TEST(TreeRawText, TitleAndTextareaAreRcdata) {
  EXPECT_EQ(Whole("<title>a<b>&amp;</title>"), "<html><head><title>a<b>&</title></head><body></body></html>");
  EXPECT_EQ(Body("<textarea>\n<p>x</textarea>"), "<textarea><p>x</textarea>");
}
TEST(TreeRawText, ScriptAndStyleTextDroppedUnlessJsonLd) {
  EXPECT_EQ(Body("<body><script>x<p></script><style>p{}</style><script type=application/ld+json>{}</script>"),
            "<script></script><style></style><script>{}</script>");
  EXPECT_EQ(Body("<body><script>x</script>", {.keep_script_text = true}), "<script>x</script>");
}
TEST(TreeRawText, Plaintext) {
  EXPECT_EQ(Body("<p>a<plaintext>b</plaintext><i>"), "<p>a</p><plaintext>b</plaintext><i></plaintext>");
}
TEST(TreeRawText, PreSkipsFirstNewline) {
  EXPECT_EQ(Body("<pre>\n\na</pre>"), "<pre>\na</pre>");
}
TEST(TreeRawText, XmpIframeNoembedAreRawtext) {
  EXPECT_EQ(Body("<xmp><b>&amp;</xmp><iframe><p></iframe>"), "<xmp><b>&amp;</xmp><iframe><p></iframe>");
}

TEST(TreeForeign, SvgSelfClosingAndNoHtmlRules) {
  EXPECT_EQ(Body("<svg><path/><title>t</title><p>x"), "<svg><path></path><title>t</title></svg><p>x</p>");
  EXPECT_EQ(Body("<svg><g><li>x"), "<svg><g></g></svg><li>x</li>");
}
TEST(TreeForeign, ForeignObjectIsHtml) {
  EXPECT_EQ(Body("<svg><foreignObject><p>a<p>b</p></foreignObject></svg>c"),
            "<svg><foreignobject><p>a</p><p>b</p></foreignobject></svg>c");
  // </foreignObject> is not an HTML end tag: with a <p> open it is ignored (special element).
  EXPECT_EQ(Body("<svg><foreignObject><p>a</foreignObject>b"),
            "<svg><foreignobject><p>ab</p></foreignobject></svg>");
}
TEST(TreeForeign, MathTextIntegrationAndCdata) {
  EXPECT_EQ(Body("<math><mi>x<b>y</b></mi><![CDATA[<z>]]></math>"),
            "<math><mi>x<b>y</b></mi><z></math>");
}
TEST(TreeForeign, StyleInSvgIsNotRawtext) {
  EXPECT_EQ(Body("<svg><style><g/></style></svg>x"), "<svg><style><g></g></style></svg>x");
}

TEST(TreeTemplate, ContentIsChildrenParsedAsBody) {
  EXPECT_EQ(Body("<body><template><p>a</template>b"), "<template><p>a</p></template>b");
}
TEST(TreeFrameset, FramesetIgnored) {
  EXPECT_EQ(Body("<frameset><frame></frameset>x"), "x");
}
TEST(TreeForm, NestedFormIgnoredAndEndFormRemovesIt) {
  EXPECT_EQ(Body("<form><div><form>a</div></form>b"), "<form><div>a</div></form>b");
  // </form> removes the form element even when it is not the current node.
  EXPECT_EQ(Body("<form><div>a</form>b"), "<form><div>ab</div></form>");
}
TEST(TreeComments, DroppedUnlessKept) {
  EXPECT_EQ(Body("a<!--c-->b"), "ab");
  EXPECT_EQ(Body("a<!--c-->b", {.keep_comments = true}), "a<!--c-->b");
}

TEST(TreeDepth, CapDropsElementsKeepsText) {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 50; ++i) html += "</div>";
  html += "<p>after";
  Document doc;
  TreeStats s = BuildTree(html, {.max_depth = 10}, &doc);
  EXPECT_TRUE(s.depth_capped);
  int max_depth = 0;
  for (const Node* n = doc.root(); n; n = Next(n, doc.root())) {
    int d = 0;
    for (const Node* a = n; a; a = a->parent) ++d;
    max_depth = std::max(max_depth, d);
  }
  EXPECT_LE(max_depth, 12);
  EXPECT_EQ(TextContent(doc.root()), "deepafter");
  // The dropped elements' end tags were counted off: <p> is the body's child, not a div's.
  const Node* p = doc.FindFirst(Tag::kP);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->parent->is(Tag::kBody));
}
TEST(TreeDepth, DeepNestingIsIterative) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div><span>";
  html += "x";
  Document doc;
  BuildTree(html, {.max_depth = 1000000}, &doc);  // no cap: the builder never recurses
  EXPECT_EQ(TextContent(doc.root()), "x");
}

TEST(TreeTruncation, EveryPrefixBuildsATree) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>A</title></head><body><table><tr><td><b>x<p>y</b>"
      "<select><option>o</select><svg><path/><foreignObject><i>z</i></foreignObject></svg>"
      "</td></tr></table><template><li>t</template><textarea>\nq</textarea></body></html>";
  for (size_t cut = 0; cut <= page.size(); ++cut) {
    std::string prefix = page.substr(0, cut);
    Document doc;
    BuildTree(prefix, {}, &doc);
    EXPECT_NE(doc.root(), nullptr);
  }
}

}  // namespace
}  // namespace ng::html
