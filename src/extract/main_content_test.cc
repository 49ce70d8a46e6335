#include "extract/main_content.h"

#include <gtest/gtest.h>

#include "html/parser.h"

namespace ng::extract {
namespace {

std::vector<Block> Body(std::string_view html, bool comments = false,
                        std::vector<Block>* comment_blocks = nullptr) {
  auto page = html::ParseHtml(html);
  EXPECT_TRUE(page.ok());
  ContentResult r = ExtractMainContent(page->doc, {.title = "Title", .comments = comments});
  if (comment_blocks) *comment_blocks = r.comments;
  return r.blocks;
}

std::string Joined(const std::vector<Block>& blocks) {
  std::string s;
  for (const auto& b : blocks) s += b.text + "\n";
  return s;
}

const char* kProse =
    "<p>The council voted on Tuesday to extend the curfew for another two weeks, citing the "
    "continuing unrest in the northern districts and the need to protect shops.</p>"
    "<p>Opposition members walked out of the chamber before the vote, saying the measure "
    "punished residents for the actions of a few hundred people.</p>";

TEST(MainContent, DropsCommentFormAndRelatedList) {
  std::string html = std::string("<body><nav><a href=/>Home</a><a href=/w>World</a></nav><article>") + kProse +
                     "<p>Short one.</p></article><div class='related-posts'><h3>Related Articles</h3>"
                     "<ul><li><a href=/a>Another story about the council and its curfew vote</a></li></ul></div>"
                     "<div id='respond' class='comment-respond'><h3>Leave a Reply</h3><form><p>Your email "
                     "address will not be published.</p></form></div></body>";
  std::string text = Joined(Body(html));
  EXPECT_NE(text.find("council voted"), std::string::npos);
  EXPECT_NE(text.find("Short one."), std::string::npos);
  EXPECT_EQ(text.find("Related Articles"), std::string::npos);
  EXPECT_EQ(text.find("Leave a Reply"), std::string::npos);
  EXPECT_EQ(text.find("email"), std::string::npos);
  EXPECT_EQ(text.find("Home"), std::string::npos);
}

TEST(MainContent, KeepsParagraphsBetweenAdSlots) {
  std::string html = std::string("<body><div class='entry-content'>") + kProse +
                     "<div class='ad-slot'><span>Advertisement</span></div><p>A middle paragraph.</p>"
                     "<div class='stream-item'><span>Advertisement</span></div>" + kProse +
                     "</div></body>";
  auto blocks = Body(html);
  std::string text = Joined(blocks);
  EXPECT_NE(text.find("A middle paragraph."), std::string::npos);
  EXPECT_EQ(text.find("Advertisement"), std::string::npos);
  EXPECT_EQ(blocks.size(), 5u);
}

TEST(MainContent, DropsFurnitureLinesInOtherLanguages) {
  // data/boilerplate.tsv: ad labels and share/related/comment headings in many languages, upper
  // or lower case; a sentence that uses such a word is kept.
  const char* labels[] = {"إعلان", "Publicidad", "Anuncio", "Publicité", "Anzeige", "Werbung", "РЕКЛАМА", "广告",
                          "Advertentie", "Pubblicità", "— Reklam —", "Lesen Sie auch", "Комментарии", "相关新闻"};
  std::string html = "<body><div class='entry-content'>";
  for (const char* l : labels) html += std::string(kProse) + "<div class='slot'><span>" + l + "</span></div>";
  html += "<p>Werbung und Anzeige sind in diesem Satz einfach Wörter eines Berichts über die Zeitung.</p></div></body>";
  std::string text = Joined(Body(html));
  for (const char* l : labels) EXPECT_EQ(text.find(std::string("\n") + l + "\n"), std::string::npos) << l;
  EXPECT_NE(text.find("Werbung und Anzeige sind"), std::string::npos);
  EXPECT_NE(text.find("council voted"), std::string::npos);
}

TEST(MainContent, KeepsStructure) {
  std::string html = std::string("<body><article>") + kProse +
                     "<h2>What happens next</h2><ul><li>The curfew ends at dawn on the fifteenth day.</li>"
                     "<li>Shops may open from eight in the morning until six.</li></ul>"
                     "<blockquote><p>We will not be silenced by a curfew, said one resident.</p></blockquote>"
                     "<table><tr><th>District</th><th>Arrests</th></tr><tr><td>North</td><td>41</td></tr>"
                     "<tr><td>East</td><td>12</td></tr></table>" + kProse + "</article></body>";
  auto blocks = Body(html);
  int headings = 0, items = 0, quotes = 0, tables = 0;
  for (const auto& b : blocks) {
    headings += b.kind == Block::Kind::kHeading;
    items += b.kind == Block::Kind::kListItem;
    quotes += b.kind == Block::Kind::kQuote;
    if (b.kind == Block::Kind::kTable) {
      ++tables;
      EXPECT_EQ(b.text, "District | Arrests\nNorth | 41\nEast | 12");
    }
  }
  EXPECT_EQ(headings, 1);
  EXPECT_EQ(items, 2);
  EXPECT_EQ(quotes, 1);
  EXPECT_EQ(tables, 1);
}

TEST(MainContent, CommentsOnlyWhenAsked) {
  std::string html = std::string("<body><article>") + kProse +
                     "</article><section id='comments'><ol class='comment-list'><li><p>I was there "
                     "and the streets were empty by nine.</p></li></ol></section></body>";
  std::vector<Block> comments;
  EXPECT_EQ(Joined(Body(html)).find("streets were empty"), std::string::npos);
  std::string text = Joined(Body(html, true, &comments));
  EXPECT_EQ(text.find("streets were empty"), std::string::npos);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].kind, Block::Kind::kComment);
}

TEST(MainContent, CookieDialogLongerThanArticleIsDropped) {
  std::string cookie = "<div class='cli-modal' role='dialog'>";
  for (int i = 0; i < 10; ++i)
    cookie += "<p>This website uses cookies to improve your experience while you navigate through "
              "the website and to collect analytics about how it is used.</p>";
  cookie += "</div>";
  std::string html = std::string("<body><article><h1>Title</h1><p>The bridge reopened on Friday after "
                                 "repairs that took nine months and cost four million euros.</p></article>") +
                     cookie + "</body>";
  std::string text = Joined(Body(html));
  EXPECT_NE(text.find("bridge reopened"), std::string::npos);
  EXPECT_EQ(text.find("cookies"), std::string::npos);
}

TEST(MainContent, SidebarClassOnPageWrapperDoesNotLoseArticle) {
  std::string html = std::string("<body><div class='site-content has-sidebar'><main>") + kProse +
                     "</main><aside><p>Popular now</p></aside></div></body>";
  std::string text = Joined(Body(html));
  EXPECT_NE(text.find("council voted"), std::string::npos);
  EXPECT_EQ(text.find("Popular now"), std::string::npos);
}

TEST(MainContent, DropsHeadingEqualToTitle) {
  std::string html = std::string("<body><article><h1>Title</h1>") + kProse + "</article></body>";
  auto blocks = Body(html);
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(blocks[0].kind, Block::Kind::kParagraph);
}

TEST(MainContent, KeepsTheEntrysContinuation) {
  // Movable Type / TypePad put the part after the jump in "entry-more" or id="more".
  std::string html = std::string("<body><div class='entry'><div class='entry-body'>") + kProse +
                     "</div><div class='entry-more'><p>After the jump, the mayor said the curfew "
                     "would be reviewed again at the end of the month by the full council.</p></div>"
                     "<div id='more'><p>Shopkeepers in the old town said business had fallen by half "
                     "since the first curfew began in the spring.</p></div></div>"
                     "<div class='more-news'><a href=/x>More news</a></div></body>";
  std::string text = Joined(Body(html));
  EXPECT_NE(text.find("After the jump"), std::string::npos) << text;
  EXPECT_NE(text.find("Shopkeepers"), std::string::npos) << text;
  EXPECT_EQ(text.find("More news"), std::string::npos) << text;
}

TEST(MainContent, SecondCopyOfTheArticleGoesButAuthorsRepeatStays) {
  const char* p1 = "<p>The first paragraph of the report is long enough to count as a paragraph and says what happened in the city.</p>";
  const char* p2 = "<p>The second paragraph of the report adds what the officials said afterwards, at some length, to reporters.</p>";
  // The page carries the article twice, in two containers: the second copy goes.
  std::string twice = std::string("<body><article><div class='a'>") + p1 + p2 +
                      "</div><div class='b'>" + p1 + p2 + "</div></article></body>";
  std::string text = Joined(Body(twice));
  EXPECT_EQ(text.find("first paragraph"), text.rfind("first paragraph")) << text;
  EXPECT_NE(text.find("second paragraph"), std::string::npos);
  // One paragraph repeated by its author stays.
  std::string refrain = std::string("<body><article>") + p1 + kProse + "<div>" + p1 + "</div></article></body>";
  text = Joined(Body(refrain));
  EXPECT_NE(text.find("first paragraph"), text.rfind("first paragraph")) << text;
}

TEST(MainContent, DropsReprintNotice) {
  std::string html = std::string("<body><article>") + kProse +
                     "<p>This copy is for your personal, non-commercial use only. To order "
                     "presentation-ready copies for distribution, use the order form.</p></article></body>";
  std::string text = Joined(Body(html));
  EXPECT_EQ(text.find("non-commercial"), std::string::npos) << text;
  EXPECT_NE(text.find("council voted"), std::string::npos);
}

TEST(MainContent, EmptyBodyGivesReason) {
  auto page = html::ParseHtml("<html><body><nav><a href=/>Home</a></nav></body></html>");
  ASSERT_TRUE(page.ok());
  ContentResult r = ExtractMainContent(page->doc, {});
  EXPECT_TRUE(r.blocks.empty() || r.blocks.size() == 1);
}

TEST(ClassHint, WholeWordsOnly) {
  html::Document doc;
  auto hint = [&](std::string_view cls) {
    html::Node* n = doc.NewElement("div");
    doc.AddAttribute(n, "class", cls);
    return ClassHint(*n);
  };
  EXPECT_EQ(hint("ad-slot"), Hint::kStrongChrome);
  EXPECT_EQ(hint("header-wrap"), Hint::kChrome);
  EXPECT_EQ(hint("lead-paragraph"), Hint::kNone);      // "ad" inside "lead" is no ad
  EXPECT_EQ(hint("entry-content"), Hint::kContent);
  EXPECT_EQ(hint("comment-list"), Hint::kComments);
  EXPECT_EQ(hint("tag-iraq category-world"), Hint::kNone);  // WordPress taxonomy classes
  EXPECT_EQ(hint("cookie-notice"), Hint::kDialog);
}

// Class strings of every length give the same hint, cached or not, again and again (the cache
// keeps short strings only; the scans read whole words past a string's end into padding).
TEST(ClassHint, SameHintForLongAndRepeatedClassStrings) {
  html::Document doc;
  auto hint = [&](std::string_view cls) {
    html::Node* n = doc.NewElement("div");
    doc.AddAttribute(n, "class", cls);
    return ClassHint(*n);
  };
  for (size_t pad : {0u, 1u, 7u, 8u, 15u, 16u, 250u, 255u, 256u, 300u, 100000u}) {
    std::string filler(pad, 'x');
    for (int round = 0; round < 2; ++round) {
      EXPECT_EQ(hint(filler + " sidebar"), Hint::kChrome) << pad;
      EXPECT_EQ(hint("sidebar " + filler), Hint::kChrome) << pad;
      EXPECT_EQ(hint(filler + " share-tools"), Hint::kStrongChrome) << pad;
      EXPECT_EQ(hint(filler + " comments"), Hint::kComments) << pad;
      EXPECT_EQ(hint(filler), Hint::kNone) << pad;
    }
  }
}

}  // namespace
}  // namespace ng::extract
