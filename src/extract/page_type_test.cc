#include "extract/page_type.h"

#include <gtest/gtest.h>

#include <string>

#include "newsgraph/extract.h"

namespace ng::extract {
namespace {

// Pages written for these tests (none is copied from a benchmark).
std::string Prose(int paragraphs) {
  std::string s;
  for (int i = 0; i < paragraphs; ++i)
    s += "<p>The regional council met again on Tuesday evening to debate the new transport plan, "
         "which would close two bus depots and move about three hundred drivers to a new site "
         "outside the city, a change the unions say was never put to their members.</p>";
  return s;
}

std::string ArticlePage() {
  return "<html><head><title>Council splits over transport plan</title>"
         "<meta property='og:type' content='article'>"
         "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":"
         "\"NewsArticle\",\"headline\":\"Council splits over transport plan\",\"datePublished\":"
         "\"2024-03-05\",\"author\":{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"}}</script></head>"
         "<body><nav><a href='/'>Home</a><a href='/news'>News</a><a href='/sport'>Sport</a></nav>"
         "<article><h1>Council splits over transport plan</h1><p class='byline'>By Ana Ruiz</p>"
         "<time datetime='2024-03-05'>5 March 2024</time>" +
         Prose(8) + "</article><footer><a href='/about'>About us</a></footer></body></html>";
}

std::string ListingPage() {
  std::string s =
      "<html><head><title>Latest news</title></head><body><nav><a href='/'>Home</a></nav>"
      "<main><h1>Latest news</h1><div class='river'>";
  const char* heads[] = {"Bridge repairs to start in May", "School budget approved",
                         "New cycle lanes on the ring road", "Library opening hours extended",
                         "Harbour dredging delayed again", "Mayor names new deputy",
                         "Flood defences tested", "Market square to go car-free",
                         "Hospital car park fees cut", "Tram line study published",
                         "Park renovation wins award", "Council tax frozen for a year"};
  int day = 1;
  for (const char* h : heads) {
    s += std::string("<div class='teaser'><a href='/news/") + std::to_string(day) +
         "'><img src='/i.jpg' alt=''><h3>" + h + "</h3></a><span class='date'>Mar " +
         std::to_string(day) + ", 2024</span><p>A short summary of the story in one line.</p></div>";
    ++day;
  }
  s += "</div><a href='/news/page/2'>Next page</a></main></body></html>";
  return s;
}

std::string ForumPage() {
  std::string s =
      "<html><head><title>Bike chain keeps slipping - Cycling Forum</title>"
      "<script type='application/ld+json'>{\"@type\":\"DiscussionForumPosting\",\"headline\":"
      "\"Bike chain keeps slipping\"}</script></head><body><div class='thread'>";
  for (int i = 0; i < 8; ++i) {
    s += "<div class='message post' id='post-" + std::to_string(100 + i) +
         "'><div class='userinfo'><a href='/members/rider" + std::to_string(i) +
         "'>rider" + std::to_string(i) +
         "</a></div><div class='message-body'>My chain slips under load on the middle cog even after "
         "a new cassette; I have checked the hanger alignment and the cable tension twice.</div>"
         "<a class='reply' href='#'>Reply</a></div>";
  }
  s += "</div></body></html>";
  return s;
}

std::string ProductPage() {
  return "<html><head><title>Trail Runner 3 shoe</title><meta property='og:type' content='product'>"
         "<script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"Trail Runner 3\","
         "\"offers\":{\"@type\":\"Offer\",\"price\":\"89.00\"}}</script></head><body>"
         "<div class='product-main'><h1>Trail Runner 3</h1><div class='price'>$89.00</div>"
         "<select name='size'><option>8</option><option>9</option></select>"
         "<button class='add-to-cart'>Add to cart</button>"
         "<div class='product-description'><p>A light trail shoe with a grippy outsole and a "
         "cushioned midsole for long days on rough ground.</p></div></div></body></html>";
}

std::string DocsPage() {
  std::string s =
      "<html><head><title>Configuration — Widget 2.1 documentation</title></head><body>"
      "<nav class='sidebar'>";
  for (int i = 0; i < 40; ++i) s += "<a href='/docs/page" + std::to_string(i) + "'>Topic " + std::to_string(i) + "</a>";
  s += "</nav><main class='docs-content'><h1>Configuration</h1><p>Widget reads its settings from a "
       "TOML file in the working directory; every key can also be given on the command line.</p>"
       "<h2>Loading a file</h2><pre><code>widget --config widget.toml</code></pre>"
       "<p>Call <code>load()</code> before <code>run()</code>; later calls replace earlier ones.</p>"
       "<h2>Keys</h2><pre><code>[server]\nport = 8080</code></pre><div class='admonition note'>"
       "<p>Unknown keys are an error.</p></div></main></body></html>";
  return s;
}

Article ExtractPage(const std::string& html, std::string_view url, PageTypeFeatures* f = nullptr) {
  PageTypeFeatures local;
  ExtractOptions options;
  options.url = url;
  Result<Article> a = ExtractWithPageSignals(html, options, f ? f : &local);
  EXPECT_TRUE(a.ok());
  return a.ok() ? *a : Article{};
}

double Signal(const PageTypeFeatures& f, std::string_view name) {
  for (size_t i = 0; i < kPageTypeFeatureNames.size(); ++i)
    if (kPageTypeFeatureNames[i] == name) return f.values[i];
  ADD_FAILURE() << "no signal " << name;
  return 0;
}

TEST(PageTypeSignals, UrlWords) {
  PageTypeFeatures f;
  ExtractPage("<p>x</p>", "https://forum.example.org/threads/chain-slipping.1234/", &f);
  EXPECT_EQ(Signal(f, "url_forum"), 1.0);
  EXPECT_EQ(Signal(f, "url_docs"), 0.0);
  ExtractPage("<p>x</p>", "https://example.org/docs/guide/config.html", &f);
  EXPECT_EQ(Signal(f, "url_docs"), 1.0);
  EXPECT_EQ(Signal(f, "url_forum"), 0.0);
  ExtractPage("<p>x</p>", "https://news.example.com/2024/03/05/council-splits-over-transport-plan/", &f);
  EXPECT_EQ(Signal(f, "url_dated"), 1.0);
  EXPECT_NEAR(Signal(f, "url_slug_words"), 5 / 12.0, 1e-9);
  ExtractPage("<p>x</p>", "https://shop.example.com/products/trail-runner-3", &f);
  EXPECT_EQ(Signal(f, "url_product"), 1.0);
  ExtractPage("<p>x</p>", "https://news.example.com/news/page/2", &f);
  EXPECT_EQ(Signal(f, "url_listing"), 1.0);
  ExtractPage("<p>x</p>", "https://example.com/", &f);
  EXPECT_EQ(Signal(f, "url_root"), 1.0);
}

TEST(PageTypeSignals, RepeatedTeasersWithDatesAndHeadings) {
  PageTypeFeatures f;
  ExtractPage(ListingPage(), "https://news.example.com/latest", &f);
  EXPECT_GT(Signal(f, "rep_count"), 0.5);  // 12 alike teasers
  EXPECT_EQ(Signal(f, "rep_heading"), 1.0);
  EXPECT_EQ(Signal(f, "rep_date"), 1.0);
  EXPECT_EQ(Signal(f, "rep_image"), 1.0);
  EXPECT_EQ(Signal(f, "rep_price"), 0.0);
  ExtractPage(ArticlePage(), "https://news.example.com/a", &f);
  EXPECT_EQ(Signal(f, "rep_count"), 0.0);  // nav links do not count, paragraphs have no links
  EXPECT_EQ(Signal(f, "ld_article"), 1.0);
  EXPECT_GT(Signal(f, "body_share"), 0.8);
}

// Text is counted in bytes with each run of white space as one (leading white space not at
// all), also where a run crosses the 16-byte steps the count is taken in.
TEST(PageTypeSignals, TextBytesCountWhiteSpaceRunsOnce) {
  // 50 bytes: ab, 37 spaces, cd, "\n\t ", ef, 3 spaces (across byte 48), g → 10 counted.
  std::string outside = "ab" + std::string(37, ' ') + "cd\n\t ef" + std::string(3, ' ') + "g";
  // 28 bytes: link, 20 spaces (across byte 16), text → 9 counted.
  std::string inside = "link" + std::string(20, ' ') + "text";
  PageTypeFeatures f;
  ExtractPage("<html><body><p>" + outside + "<a href='/x'>" + inside + "</a></p></body></html>",
              "https://example.org/a", &f);
  EXPECT_NEAR(Signal(f, "link_density"), 9.0 / 19.0, 1e-12);
  // Leading white space and a digit in the tail.
  ExtractPage("<html><body><p>" + std::string(20, ' ') + "abc<a href='/x'>" + std::string(17, '\n') +
                  "x 1</a></p></body></html>",
              "https://example.org/a", &f);
  EXPECT_NEAR(Signal(f, "link_density"), 3.0 / 6.0, 1e-12);  // "abc" + "x 1"
}

TEST(PageTypeSignals, SchemaTypesCodeAndPrices) {
  PageTypeFeatures f;
  ExtractPage(ProductPage(), "https://shop.example.com/trail-runner-3", &f);
  EXPECT_EQ(Signal(f, "ld_product"), 1.0);
  EXPECT_EQ(Signal(f, "cart_button"), 1.0);
  EXPECT_GT(Signal(f, "prices"), 0.0);
  ExtractPage(DocsPage(), "https://widget.example.org/config.html", &f);
  EXPECT_GT(Signal(f, "code_blocks"), 0.3);
  EXPECT_GT(Signal(f, "nav_links"), 0.5);
  ExtractPage(ForumPage(), "https://cycling.example.org/bike-chain-keeps-slipping", &f);
  EXPECT_EQ(Signal(f, "ld_forum"), 1.0);
  EXPECT_GT(Signal(f, "forum_posts"), 0.5);
}

// The compiled-in model on pages that carry their type plainly; the URL is neutral where the
// structure alone should decide.
TEST(PageType, ClassifiesPlainPages) {
  Article a = ExtractPage(ArticlePage(), "https://news.example.com/2024/03/05/council-splits-over-transport-plan");
  EXPECT_EQ(a.page_type, PageType::kArticle) << a.page_type_reason;
  a = ExtractPage(ListingPage(), "https://news.example.com/news/");
  EXPECT_EQ(a.page_type, PageType::kListing) << a.page_type_reason;
  a = ExtractPage(ForumPage(), "https://forum.example.org/threads/bike-chain-keeps-slipping.1234/");
  EXPECT_EQ(a.page_type, PageType::kForum) << a.page_type_reason;
  a = ExtractPage(ProductPage(), "https://shop.example.com/products/trail-runner-3");
  EXPECT_EQ(a.page_type, PageType::kProduct) << a.page_type_reason;
  a = ExtractPage(DocsPage(), "https://widget.example.org/docs/config.html");
  EXPECT_EQ(a.page_type, PageType::kDocumentation) << a.page_type_reason;
}

// A local file has no URL: its url_* signals are unknown, not "a short path", and a plain
// two-paragraph story stays an article (it was once called a forum for want of headings).
TEST(PageType, PageWithoutUrlIsReadWithoutUrlSignals) {
  const std::string html =
      "<html><head><title>Clash near the border</title></head><body><article><h1>Clash near the "
      "border</h1><p>Troops exchanged fire near the border crossing on Monday, the defence ministry "
      "said in a statement that gave no figure for the dead and wounded on either side.</p><p>The "
      "government condemned the attack and summoned the ambassador to explain the raid, which it "
      "called a violation of the country's sovereignty.</p></article></body></html>";
  PageTypeFeatures f;
  Article a = ExtractPage(html, "", &f);
  EXPECT_FALSE(f.url_known);
  EXPECT_EQ(a.page_type, PageType::kArticle) << a.page_type_reason;
  EXPECT_EQ(a.page_type_reason.find("url_"), std::string::npos) << a.page_type_reason;
  ExtractPage(html, "https://example.com/", &f);
  EXPECT_TRUE(f.url_known);
}

TEST(PageType, ReasonNamesTheTypeAndItsSignals) {
  Article a = ExtractPage(ForumPage(), "https://forum.example.org/threads/bike-chain-keeps-slipping.1234/");
  EXPECT_EQ(a.page_type_reason.rfind("forum over ", 0), 0u) << a.page_type_reason;
  EXPECT_NE(a.page_type_reason.find('='), std::string::npos) << a.page_type_reason;
  std::string json = RenderArticle(a, Format::kJson);
  EXPECT_NE(json.find("\"page_type\":\"forum\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"page_type_reason\":\"forum over "), std::string::npos);
  EXPECT_NE(json.find("\"schema_type\":\"DiscussionForumPosting\""), std::string::npos) << json;
}

TEST(PageType, OddInputNeverFails) {
  for (std::string html : {std::string(""), std::string("<"), std::string("<html><body></body>"),
                           std::string("<script type='application/ld+json'>{\"@type\":[\"Product\"")}) {
    ExtractOptions options;
    options.url = "not a url";
    Result<Article> a = Extract(html, options);
    ASSERT_TRUE(a.ok());
    EXPECT_STRNE(PageTypeName(a->page_type), "");
  }
}

}  // namespace
}  // namespace ng::extract
