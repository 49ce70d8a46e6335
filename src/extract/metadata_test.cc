#include "extract/metadata.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "html/parser.h"

namespace ng::extract {
namespace {

using Strings = std::vector<std::string>;

html::Document Parse(std::string_view page) {
  Result<html::ParsedPage> parsed = html::ParseHtml(page);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return std::move(parsed->doc);
}

PageMetadata Meta(std::string_view page, std::string_view url = "https://news.example/a/b") {
  html::Document doc = Parse(page);
  return ExtractMetadata(doc, url);
}

// A page with the given <head> contents and <body> contents.
std::string Page(std::string_view head, std::string_view body = "") {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "</head><body>" + std::string(body) +
         "</body></html>";
}

std::string LdJson(std::string_view json) {
  return "<script type=\"application/ld+json\">" + std::string(json) + "</script>";
}

// The seed page lives in corpus/ at the repository root.
std::string ReadSeedPage() {
  std::vector<std::filesystem::path> candidates;
  if (const char* dir = std::getenv("NG_SOURCE_DIR")) candidates.emplace_back(dir);
  candidates.emplace_back(std::filesystem::path(__FILE__).parent_path() / ".." / "..");
  for (const char* rel : {".", "..", "../..", "../../.."}) candidates.emplace_back(rel);
  for (const auto& dir : candidates) {
    std::ifstream in(dir / "corpus" / "seed-page.html", std::ios::binary);
    if (!in) continue;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  return {};
}

TEST(Metadata, SeedPage) {
  std::string page = ReadSeedPage();
  if (page.empty()) GTEST_SKIP() << "corpus/seed-page.html not found (set NG_SOURCE_DIR)";
  PageMetadata m = Meta(page, "https://dailyledger.example/?p=48211");
  const std::string title =
      "Iraq and US Must Re-Engage in Dialogue on Coalition Force Future, Says Iraqi Foreign "
      "Minister";
  EXPECT_EQ(m.title, title);
  EXPECT_EQ(m.section, "World");
  EXPECT_EQ(m.published, "2024-02-07T09:14:52+00:00");
  EXPECT_EQ(m.modified, "2024-02-07T11:02:10+00:00");
  EXPECT_EQ(m.site_name, "The Daily Ledger");
  EXPECT_EQ(m.url,
            "https://dailyledger.example/world/iraq-us-re-engage-dialogue-coalition-future/");
  EXPECT_EQ(m.tags, (Strings{"Iraq", "United States", "coalition"}));
  EXPECT_EQ(m.language, "en-US");  // raw; the extract stage reduces it to "en"
  EXPECT_EQ(m.page_type, "NewsArticle");
  EXPECT_EQ(m.breadcrumbs, (Strings{"World", title}));
  EXPECT_TRUE(m.authors.empty()) << m.authors[0];  // the comment form's "author" field is not one
  EXPECT_TRUE(m.description.starts_with("Iraqi Foreign Minister Fuad Hussein expressed"));
}

TEST(Metadata, SeedPageWithoutHeadStillFindsTitleDateAndTags) {
  // The same page with the <head> cut off: title from <h1>, tags from rel=tag, section from the
  // HTML breadcrumb trail.
  std::string page = ReadSeedPage();
  if (page.empty()) GTEST_SKIP() << "corpus/seed-page.html not found (set NG_SOURCE_DIR)";
  size_t head_end = page.find("</head>");
  ASSERT_NE(head_end, std::string::npos);
  page =
      "<html><head><title>Iraq and US Must Re-Engage in Dialogue on Coalition Force Future, "
      "Says Iraqi Foreign Minister &#8211; The Daily Ledger</title></head>" +
      page.substr(head_end + 7);
  PageMetadata m = Meta(page, "https://dailyledger.example/world/x/");
  EXPECT_EQ(m.title,
            "Iraq and US Must Re-Engage in Dialogue on Coalition Force Future, Says Iraqi "
            "Foreign Minister");
  EXPECT_EQ(m.section, "World");
  EXPECT_EQ(m.tags, (Strings{"Iraq", "United States", "coalition"}));
  EXPECT_EQ(m.published, "2024-02-07");  // from "February 7, 2024" in the article header
  EXPECT_EQ(m.url, "https://dailyledger.example/world/x/");
}

TEST(Metadata, JsonLdGraphWithIdReferences) {
  PageMetadata m = Meta(Page(LdJson(R"({"@context":"https://schema.org","@graph":[
    {"@type":"WebSite","@id":"https://n.example/#website","name":"N Site"},
    {"@type":"Organization","@id":"https://n.example/#org","name":"N Media Group"},
    {"@type":"WebPage","@id":"https://n.example/a/#webpage","url":"https://n.example/a/",
     "datePublished":"2024-01-01T00:00:00+00:00","breadcrumb":{"@id":"https://n.example/a/#bc"}},
    {"@type":["Article","NewsArticle"],"@id":"https://n.example/a/#article",
     "headline":"Storm hits the coast","author":{"@id":"https://n.example/#/person/1"},
     "publisher":{"@id":"https://n.example/#org"},"datePublished":"2024-03-05T10:00:00Z",
     "keywords":"storm, coast ,weather","articleSection":"Weather",
     "image":{"@id":"https://n.example/a/#img"},"inLanguage":"de-CH"},
    {"@type":"ImageObject","@id":"https://n.example/a/#img","url":"https://n.example/i.jpg"},
    {"@type":"Person","@id":"https://n.example/#/person/1","name":"Anna Muster"},
    {"@type":"BreadcrumbList","@id":"https://n.example/a/#bc","itemListElement":[
      {"@type":"ListItem","position":3,"name":"Storm hits the coast"},
      {"@type":"ListItem","position":1,"name":"Home","item":"https://n.example/"},
      {"@type":"ListItem","position":2,"item":{"@id":"https://n.example/weather/","name":"Weather"}}]}
  ]})")));
  EXPECT_EQ(m.title, "Storm hits the coast");
  EXPECT_EQ(m.authors, Strings{"Anna Muster"});
  EXPECT_EQ(m.site_name, "N Media Group");         // publisher beats WebSite name
  EXPECT_EQ(m.published, "2024-03-05T10:00:00Z");  // the article's date, not the WebPage's
  EXPECT_EQ(m.tags, (Strings{"storm", "coast", "weather"}));
  EXPECT_EQ(m.section, "Weather");
  EXPECT_EQ(m.image, "https://n.example/i.jpg");
  EXPECT_EQ(m.page_type, "Article");
  EXPECT_EQ(m.breadcrumbs, (Strings{"Weather", "Storm hits the coast"}));
  EXPECT_EQ(m.language, "de-CH");
}

TEST(Metadata, JsonLdAuthorsArrayDropsUrlsAndPublisher) {
  PageMetadata m = Meta(Page(LdJson(R"({"@context":"http://schema.org","@type":"NewsArticle",
    "headline":"H","author":["Jane Doe",{"@type":"Person","name":"John Roe"},
      "https://n.example/author/jane",{"@type":"Organization","name":"Daily Planet"},
      {"@type":"Person","givenName":"Ann","familyName":"Poe"}],
    "publisher":{"@type":"Organization","name":"Daily Planet"}})")));
  EXPECT_EQ(m.authors, (Strings{"Jane Doe", "John Roe", "Ann Poe"}));
  EXPECT_EQ(m.site_name, "Daily Planet");
}

TEST(Metadata, JsonLdOrganizationAloneIsKeptAsAuthor) {
  PageMetadata m = Meta(Page(LdJson(R"({"@type":"NewsArticle","headline":"H",
    "author":{"@type":"Organization","name":"Reuters"}})")));
  EXPECT_EQ(m.authors, Strings{"Reuters"});
}

TEST(Metadata, JsonLdTopLevelArrayAndMainEntity) {
  PageMetadata m = Meta(Page(LdJson(R"([{"@type":"WebSite","name":"Planet"},
    {"@type":"WebPage","mainEntity":{"@type":"ReportageNews","headline":"Deep inside",
     "datePublished":"2024-02-07 09:14:52","mainEntityOfPage":{"@id":"https://p.example/deep"}}}])")));
  EXPECT_EQ(m.title, "Deep inside");
  EXPECT_EQ(m.page_type, "ReportageNews");
  EXPECT_EQ(m.published, "2024-02-07T09:14:52");
  EXPECT_EQ(m.site_name, "Planet");
  EXPECT_EQ(m.url, "https://p.example/deep");  // no canonical, no og:url
}

TEST(Metadata, InvalidJsonLdIsRepaired) {
  // A raw newline and tab inside a string, a trailing comma, an invalid \' escape and a CDATA
  // wrapper: all seen in the wild.
  PageMetadata m = Meta(
      Page(LdJson("//<![CDATA[\n{\"@type\":\"NewsArticle\",\"headline\":\"It\\'s a\n\tline\","
                  "\"author\":{\"name\":\"Jane Doe\",},\"keywords\":[\"a\",\"b\",],}\n//]]>")));
  EXPECT_EQ(m.title, "It's a line");
  EXPECT_EQ(m.authors, Strings{"Jane Doe"});
  EXPECT_EQ(m.tags, (Strings{"a", "b"}));
}

TEST(Metadata, ConcatenatedAndEntityEncodedJsonLd) {
  PageMetadata m = Meta(Page(
      LdJson(R"({"@type":"WebSite","name":"S"}{"@type":"BlogPosting","headline":"Two in one"})")));
  EXPECT_EQ(m.title, "Two in one");
  EXPECT_EQ(m.site_name, "S");
  m = Meta(Page(LdJson(
      R"({&quot;@type&quot;:&quot;NewsArticle&quot;,&quot;headline&quot;:&quot;Encoded&quot;})")));
  EXPECT_EQ(m.title, "Encoded");
}

TEST(Metadata, GarbageJsonLdFallsBackToMeta) {
  for (std::string_view garbage :
       {"", "{", "}}}]]", "null", "\"just a string\"", "[[[[[[[[[[", "{\"@type\":",
        "{\"@type\":\"NewsArticle\",\"headline\":42,\"author\":[null,1,{}],\"image\":[[]]}",
        "\xff\xfe{}", "{\"@graph\":[{\"@id\":\"x\"},{\"@id\":\"x\",\"@type\":\"Person\"}]}"}) {
    PageMetadata m =
        Meta(Page(LdJson(garbage) + R"(<meta property="og:title" content="From OG">)"));
    EXPECT_EQ(m.title, "From OG") << garbage;
  }
}

TEST(Metadata, EntitiesAndMarkupInJsonLdAreDecoded) {
  PageMetadata m = Meta(Page(LdJson(
      R"({"@type":"NewsArticle","headline":"Iran&#8217;s &quot;deal&quot; &amp; <em>more</em>",
          "description":"A&nbsp;b &#x2014; c"})")));
  EXPECT_EQ(m.title, "Iran\u2019s \"deal\" & more");
  EXPECT_EQ(m.description, "A b \u2014 c");
}

TEST(Metadata, TruncatedJsonLdHeadlineYieldsToOgTitle) {
  PageMetadata m = Meta(Page(
      LdJson(R"({"@type":"NewsArticle","headline":"A very long headline that got cut..."})") +
      R"(<meta property="og:title" content="A very long headline that got cut at 110 characters">)"));
  EXPECT_EQ(m.title, "A very long headline that got cut at 110 characters");
}

TEST(Metadata, OpenGraphAndMetaTags) {
  PageMetadata m = Meta(Page(R"(
    <meta property="og:title" content="Budget passes | Courier">
    <meta property="og:site_name" content="Courier">
    <meta property="og:type" content="article">
    <meta property="og:description" content="The budget passed.">
    <meta property="og:image" content="/img/budget.jpg">
    <meta property="og:locale" content="fr_FR">
    <meta property="article:published_time" content="2024-05-01T08:00:00+02:00">
    <meta property="article:modified_time" content="2024-05-01T09:30:00+02:00">
    <meta property="article:section" content="Politics">
    <meta property="article:tag" content="Budget">
    <meta property="article:tag" content="Parliament, Taxes">
    <meta property="article:author" content="https://facebook.com/jane">
    <meta name="author" content="Jane Doe">
    <meta name="keywords" content="news, politics, budget">)"),
                        "https://courier.example/politics/budget?utm=x");
  EXPECT_EQ(m.title, "Budget passes");
  EXPECT_EQ(m.site_name, "Courier");
  EXPECT_EQ(m.page_type, "article");
  EXPECT_EQ(m.description, "The budget passed.");
  EXPECT_EQ(m.image, "https://courier.example/img/budget.jpg");
  EXPECT_EQ(m.language, "fr_FR");
  EXPECT_EQ(m.published, "2024-05-01T08:00:00+02:00");
  EXPECT_EQ(m.modified, "2024-05-01T09:30:00+02:00");
  EXPECT_EQ(m.section, "Politics");
  EXPECT_EQ(m.tags, (Strings{"Budget", "Parliament", "Taxes"}));  // keywords meta not used
  EXPECT_EQ(m.authors, Strings{"Jane Doe"});
  EXPECT_EQ(m.url, "https://courier.example/politics/budget?utm=x");
}

TEST(Metadata, OtherDateMetasAndKeywordsAsLastResort) {
  PageMetadata m = Meta(Page(R"(
    <meta name="sailthru.date" content="2024-02-07 09:14:52">
    <meta name="keywords" content="alpha, beta">)"));
  EXPECT_EQ(m.published, "2024-02-07T09:14:52");
  EXPECT_EQ(m.tags, (Strings{"alpha", "beta"}));
  m = Meta(Page(R"(<meta name="parsely-pub-date" content="2024-02-07T09:14:52Z">
                   <meta name="parsely-author" content="Jane Doe">
                   <meta name="parsely-author" content="John Roe">
                   <meta name="parsely-section" content="Tech">)"));
  EXPECT_EQ(m.published, "2024-02-07T09:14:52Z");
  EXPECT_EQ(m.authors, (Strings{"Jane Doe", "John Roe"}));
  EXPECT_EQ(m.section, "Tech");
  m = Meta(Page(
      R"(<meta name="parsely-page" content='{"title":"PP","pub_date":"2023-11-02T10:00:00Z","section":"World","author":"Ann Poe"}'>)"));
  EXPECT_EQ(m.title, "PP");
  EXPECT_EQ(m.published, "2023-11-02T10:00:00Z");
  EXPECT_EQ(m.section, "World");
  EXPECT_EQ(m.authors, Strings{"Ann Poe"});
  m = Meta(Page(R"(<meta name="dc.date" content="7 February 2024">
                   <meta name="DC.title" content="Dublin">
                   <meta name="DC.creator" content="Core, Dub">)"));
  EXPECT_EQ(m.published, "2024-02-07");
  EXPECT_EQ(m.title, "Dublin");
  m = Meta(Page(
      "", R"(<article><span itemprop="datePublished" content="2024-02-07T01:02:03Z">Feb 7</span>
                      <p>x</p></article>)"));
  EXPECT_EQ(m.published, "2024-02-07T01:02:03Z");
}

TEST(Metadata, UnreadableDateFallsThroughToNextSource) {
  PageMetadata m = Meta(Page(R"(<meta property="article:published_time" content="yesterday">
                                <meta name="pubdate" content="20240207">)"));
  EXPECT_EQ(m.published, "2024-02-07");
}

TEST(Metadata, PublishedFallsBackToTimeElement) {
  PageMetadata m = Meta(Page("", R"(
    <aside><time datetime="2020-01-01">old</time></aside>
    <article><h1>T</h1><time class="updated" datetime="2024-02-08T10:00:00Z">upd</time>
      <time datetime="2024-02-07T09:00:00+01:00">Feb 7</time><p>body</p></article>)"));
  EXPECT_EQ(m.published, "2024-02-07T09:00:00+01:00");
  EXPECT_EQ(m.modified, "2024-02-08T10:00:00Z");
  m = Meta(Page("", R"(<div><time class="entry-date published">March 3, 2023</time></div>)"));
  EXPECT_EQ(m.published, "2023-03-03");
  // The hint may sit on the parent; the element need not be inside <article>/<main>.
  m = Meta(Page("", R"(<div id="main"><p class="article-date"><time
      datetime="2024-08-29T12:30:00+09:00">2024年8月29日 12:30</time></p></div>)"));
  EXPECT_EQ(m.published, "2024-08-29T12:30:00+09:00");
  // Last resort: a machine-readable <time> outside chrome and the site masthead.
  m = Meta(Page("", R"(<header><time datetime="2024-09-01">Today</time></header>
      <div><time datetime="2023-03-03T10:00">March 3</time></div>)"));
  EXPECT_EQ(m.published, "2023-03-03T10:00");
  m = Meta(Page("", R"(<div><time>March 3, 2023</time></div>)"));
  EXPECT_EQ(m.published, "");  // no hint, no datetime attribute: could be any date
}

TEST(Metadata, TitleFromTitleTagAndH1) {
  // <title> cleaned with the site name.
  PageMetadata m = Meta(Page(R"(<title>Budget vote delayed again | The Courier</title>
                                <meta property="og:site_name" content="The Courier">)"));
  EXPECT_EQ(m.title, "Budget vote delayed again");
  // An <h1> contained in the <title> wins (keeps a " - " that belongs to the headline).
  m = Meta(Page(
      "<title>The Courier | Fire - what we know so far</title>",
      "<h1 class=logo>The Courier</h1><article><h1>Fire - what we know so far</h1></article>"));
  EXPECT_EQ(m.title, "Fire - what we know so far");
  // No usable head: the only <h1>.
  m = Meta(Page("", "<h1>  Only   heading </h1>"));
  EXPECT_EQ(m.title, "Only heading");
  // <title> inside <svg> is not the page title.
  m = Meta(Page("", "<svg><title>icon</title></svg><h1>Real</h1>"));
  EXPECT_EQ(m.title, "Real");
}

TEST(Metadata, SiteNameAsOgTitleIsSkipped) {
  PageMetadata m = Meta(Page(R"(<meta property="og:title" content="The Courier">
      <meta property="og:site_name" content="The Courier">
      <title>Budget vote delayed again - The Courier</title>)"));
  EXPECT_EQ(m.title, "Budget vote delayed again");
}

TEST(Metadata, CleanTitle) {
  EXPECT_EQ(CleanTitle("Iraq talks resume \u2013 The Daily Ledger", "The Daily Ledger"),
            "Iraq talks resume");
  EXPECT_EQ(CleanTitle("Iraq talks resume | Daily Ledger", "The Daily Ledger"),
            "Iraq talks resume");
  EXPECT_EQ(CleanTitle("The Daily Ledger - Iraq talks resume", "The Daily Ledger"),
            "Iraq talks resume");
  EXPECT_EQ(CleanTitle("Iraq talks resume|dailyledger.com", "Daily Ledger"), "Iraq talks resume");
  // Site and section.
  EXPECT_EQ(CleanTitle("Iraq and US must re-engage in dialogue - World - The Daily Ledger",
                       "The Daily Ledger"),
            "Iraq and US must re-engage in dialogue");
  // No site name known: the much longer side wins.
  EXPECT_EQ(CleanTitle("Iraq and US must re-engage in dialogue, says minister | Ledger", ""),
            "Iraq and US must re-engage in dialogue, says minister");
  EXPECT_EQ(CleanTitle("BBC News \u00bb Iraq and US must re-engage in dialogue, says minister", ""),
            "Iraq and US must re-engage in dialogue, says minister");
  // Separators that belong to the headline stay.
  EXPECT_EQ(CleanTitle("Fire - what we know", ""), "Fire - what we know");
  EXPECT_EQ(CleanTitle("Asian Cup: Jordan reach semi-final", "Ledger"),
            "Asian Cup: Jordan reach semi-final");
  EXPECT_EQ(CleanTitle("  Plain   title  ", "Site"), "Plain title");
  EXPECT_EQ(CleanTitle("The Daily Ledger", "The Daily Ledger"), "The Daily Ledger");
  EXPECT_EQ(CleanTitle("", "Site"), "");
}

TEST(Metadata, NormalizeDate) {
  struct Case {
    std::string_view in, out;
  };
  const Case cases[] = {
      {"2024-02-07T09:14:52+00:00", "2024-02-07T09:14:52+00:00"},
      {"2024-02-07T09:14:52.123Z", "2024-02-07T09:14:52.123Z"},
      {"2024-02-07T09:14", "2024-02-07T09:14"},
      {"2024-02-07", "2024-02-07"},
      {"  2024-02-07  ", "2024-02-07"},
      {"2024-02-07 09:14:52", "2024-02-07T09:14:52"},
      {"2024-02-07 09:14", "2024-02-07T09:14:00"},
      {"2024-02-07T09:14:52+0100", "2024-02-07T09:14:52+01:00"},
      {"2024-02-07 09:14:52 -0500", "2024-02-07T09:14:52-05:00"},
      {"2024-02-07 09:14:52 UTC", "2024-02-07T09:14:52+00:00"},
      {"2024/02/07", "2024-02-07"},
      {"2024-2-7", "2024-02-07"},
      {"07.02.2024", "2024-02-07"},
      {"07.02.2024 09:14", "2024-02-07T09:14:00"},
      {"13/02/2024", "2024-02-13"},
      {"02/13/2024", "2024-02-13"},
      {"02/07/2024", ""},  // US or European: not guessable
      {"20240207", "2024-02-07"},
      {"1707297292", "2024-02-07T09:14:52+00:00"},
      {"1707297292000", "2024-02-07T09:14:52+00:00"},
      {"February 7, 2024", "2024-02-07"},
      {"7 February 2024", "2024-02-07"},
      {"Feb. 7, 2024", "2024-02-07"},
      {"Feb 7 2024", "2024-02-07"},
      {"February 7th, 2024", "2024-02-07"},
      {"Wednesday, February 7 2024", "2024-02-07"},
      {"Published: February 7, 2024", "2024-02-07"},
      {"2 min read \u00b7 February 7, 2024", "2024-02-07"},
      {"Wed, 07 Feb 2024 09:14:52 GMT", "2024-02-07T09:14:52+00:00"},
      {"Wed, 07 Feb 2024 09:14:52 +0100", "2024-02-07T09:14:52+01:00"},
      {"February 7, 2024 9:14 pm EST", "2024-02-07T21:14:00-05:00"},
      {"February 7, 2024 at 12:05 a.m.", "2024-02-07T00:05:00"},
      {"Updated 10:32 AM EST, Wed February 7, 2024", "2024-02-07T10:32:00-05:00"},
      {"7. Februar 2024", "2024-02-07"},
      {"7 de febrero de 2024", "2024-02-07"},
      {"1er mars 2024", "2024-03-01"},
      {"7 f\u00e9vrier 2024", "2024-02-07"},
      {"29 February 2024", "2024-02-29"},
      {"29 February 2023", ""},
      {"2024-02-30", ""},
      {"2024-13-01", ""},
      {"February 2024", ""},
      {"yesterday", ""},
      {"", ""},
      {"12345", ""},
      {"May the force be with you", ""},
      {"2 minutes read", ""},
      {"99999999999999999999", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeDate(c.in), c.out) << "input: " << c.in;
}

TEST(Metadata, SplitByline) {
  EXPECT_EQ(SplitByline("By Jane Doe and John Roe"), (Strings{"Jane Doe", "John Roe"}));
  EXPECT_EQ(SplitByline("BY Jane Doe, John Roe & Ann Poe"),
            (Strings{"Jane Doe", "John Roe", "Ann Poe"}));
  EXPECT_EQ(SplitByline("Von Hans Meier und Eva Schmidt"), (Strings{"Hans Meier", "Eva Schmidt"}));
  EXPECT_EQ(SplitByline("Par Jean Dupont"), Strings{"Jean Dupont"});
  EXPECT_EQ(SplitByline("By Jane Doe | Reuters"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Jane Doe, Reuters"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("Jane Doe, Senior Correspondent"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Jane Doe in Baghdad"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Jane Doe (Reuters) \u2014 Feb 7, 2024"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Jane Doe Published February 7, 2024"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("Feb 7, 2024 | By Jane Doe"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("Written by: Jane Doe"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("More stories by Jane Doe"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Jane Doe and Jane Doe"), Strings{"Jane Doe"});
  EXPECT_EQ(SplitByline("By Reuters"), Strings{"Reuters"});
  EXPECT_EQ(SplitByline("By Ursula von der Leyen"), Strings{"Ursula von der Leyen"});
  EXPECT_EQ(SplitByline("Jean-Pierre O'Neil"), Strings{"Jean-Pierre O'Neil"});
  EXPECT_TRUE(SplitByline("By staff").empty());
  EXPECT_TRUE(SplitByline("admin").empty());
  EXPECT_TRUE(SplitByline("jane@example.com").empty());
  EXPECT_TRUE(
      SplitByline("Jane Doe is a reporter who has covered the Middle East since 2009").empty());
  EXPECT_TRUE(SplitByline("").empty());
}

TEST(Metadata, BylinesFromTheDom) {
  PageMetadata m = Meta(Page("", R"(<article><h1>T</h1>
      <div class="byline">By <a rel="author" href="/a/jane">Jane Doe</a> and
        <a rel="author" href="/a/john">John Roe</a>, Reuters</div>
      <p>Body.</p></article>
      <div id="comments"><span class="comment-author">Troll McTroll</span></div>)"));
  EXPECT_EQ(m.authors, (Strings{"Jane Doe", "John Roe"}));

  m = Meta(Page("", R"(<article><div class="author-box"><span class="author-name">Ann Poe</span>
      <p class="author-bio">Ann Poe has covered the Middle East since 2009 and lives in Amman,
      where she writes about politics, energy and the long shadow of the war.</p></div></article>)"));
  EXPECT_EQ(m.authors, Strings{"Ann Poe"});

  m = Meta(Page("", R"(<article><span itemprop="author" itemscope><meta itemprop="name"
      content="Eva Schmidt"></span></article>)"));
  EXPECT_EQ(m.authors, Strings{"Eva Schmidt"});

  // Only chrome mentions authors: none.
  m = Meta(
      Page("", R"(<form><p class="comment-form-author"><label>Name</label><input name=author></p>
      </form><aside><span class="byline">By Someone Else</span></aside>)"));
  EXPECT_TRUE(m.authors.empty());
}

TEST(Metadata, BreadcrumbSection) {
  // JSON-LD breadcrumbs, the last crumb is the article.
  PageMetadata m =
      Meta(Page(LdJson(R"({"@type":"BreadcrumbList","itemListElement":[
        {"@type":"ListItem","position":1,"name":"Home"},
        {"@type":"ListItem","position":2,"name":"News"},
        {"@type":"ListItem","position":3,"name":"Middle East"},
        {"@type":"ListItem","position":4,"name":"Iraq and US must re-engage in dialogue"}]})") +
                R"(<meta property="og:title" content="Iraq and US must re-engage in dialogue">)"));
  EXPECT_EQ(m.breadcrumbs,
            (Strings{"News", "Middle East", "Iraq and US must re-engage in dialogue"}));
  EXPECT_EQ(m.section, "Middle East");

  // HTML trail (Yoast markup), with separators and the site name as the first crumb.
  m = Meta(Page(R"(<meta property="og:site_name" content="Ledger">)",
                R"(<nav aria-label="breadcrumbs"><span><a href="/">Ledger</a> &raquo;
                   <a href="/sport/">Sport</a> &raquo; <a href="/sport/football/">Football</a>
                   &raquo; <span class="breadcrumb_last" aria-current="page">Jordan reach the
                   semi-final after a late winner against Tajikistan</span></span></nav>
                   <h1>Jordan reach the semi-final after a late winner against Tajikistan</h1>)"));
  EXPECT_EQ(m.breadcrumbs,
            (Strings{"Sport", "Football",
                     "Jordan reach the semi-final after a late winner against Tajikistan"}));
  EXPECT_EQ(m.section, "Football");

  // <ol>/<li> trail.
  m = Meta(Page("", R"(<ol class="breadcrumb"><li><a href="/">Home</a></li><li>
                   <a href="/world">World</a></li></ol><h1>Title</h1>)"));
  EXPECT_EQ(m.breadcrumbs, Strings{"World"});
  EXPECT_EQ(m.section, "World");

  // article:section beats breadcrumbs.
  m = Meta(Page(R"(<meta property="article:section" content="Opinion">)",
                R"(<ol class="breadcrumb"><li>World</li></ol>)"));
  EXPECT_EQ(m.section, "Opinion");
}

TEST(Metadata, CanonicalUrl) {
  // Relative canonical resolved against the page URL.
  PageMetadata m = Meta(Page(R"(<link rel="canonical" href="/world/story-1/">)"),
                        "https://n.example/amp/world/story-1/?amp=1");
  EXPECT_EQ(m.url, "https://n.example/world/story-1/");
  // Protocol-relative and <base href>.
  m = Meta(Page(R"(<link rel="canonical" href="//n.example/x">)"), "https://m.n.example/x");
  EXPECT_EQ(m.url, "https://n.example/x");
  m = Meta(Page(R"(<base href="https://cdn.example/site/"><link rel="canonical" href="a/b">)"),
           "https://n.example/q");
  EXPECT_EQ(m.url, "https://cdn.example/site/a/b");
  // Absolute kept as is, even without a page URL.
  m = Meta(Page(R"(<link rel="canonical" href="https://n.example/abs?id=1">)"), "");
  EXPECT_EQ(m.url, "https://n.example/abs?id=1");
  // A canonical that points at the home page from an article is a template bug: og:url wins.
  m = Meta(Page(R"(<link rel="canonical" href="https://n.example/">
                   <meta property="og:url" content="https://n.example/world/story-2">)"),
           "https://n.example/world/story-2?ref=rss");
  EXPECT_EQ(m.url, "https://n.example/world/story-2");
  // Nothing on the page: the URL we were given.
  m = Meta(Page(""), "https://n.example/given");
  EXPECT_EQ(m.url, "https://n.example/given");
  // A relative canonical without any base stays as it is rather than being dropped silently?
  // No: an unresolvable relative URL is not a URL; fall back to page_url (empty here).
  m = Meta(Page(R"(<link rel="canonical" href="/rel">)"), "");
  EXPECT_EQ(m.url, "");
}

TEST(Metadata, ResolveUrl) {
  // RFC 3986 §5.4 examples.
  const std::string_view base = "http://a/b/c/d;p?q";
  EXPECT_EQ(ResolveUrl(base, "g:h"), "g:h");
  EXPECT_EQ(ResolveUrl(base, "g"), "http://a/b/c/g");
  EXPECT_EQ(ResolveUrl(base, "./g"), "http://a/b/c/g");
  EXPECT_EQ(ResolveUrl(base, "g/"), "http://a/b/c/g/");
  EXPECT_EQ(ResolveUrl(base, "/g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, "//g"), "http://g");
  EXPECT_EQ(ResolveUrl(base, "?y"), "http://a/b/c/d;p?y");
  EXPECT_EQ(ResolveUrl(base, "g?y"), "http://a/b/c/g?y");
  EXPECT_EQ(ResolveUrl(base, "#s"), "http://a/b/c/d;p?q#s");
  EXPECT_EQ(ResolveUrl(base, ""), "http://a/b/c/d;p?q");
  EXPECT_EQ(ResolveUrl(base, "."), "http://a/b/c/");
  EXPECT_EQ(ResolveUrl(base, ".."), "http://a/b/");
  EXPECT_EQ(ResolveUrl(base, "../g"), "http://a/b/g");
  EXPECT_EQ(ResolveUrl(base, "../../g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, "../../../g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, "/./g"), "http://a/g");
  EXPECT_EQ(ResolveUrl(base, "g;x=1/../y"), "http://a/b/c/y");
  EXPECT_EQ(ResolveUrl("https://n.example", "x"), "https://n.example/x");
  EXPECT_EQ(ResolveUrl("", "/x"), "/x");
  EXPECT_EQ(ResolveUrl("https://n.example/a", " \n/b\t "), "https://n.example/b");
}

TEST(Metadata, TagsFromRelTagLinks) {
  PageMetadata m = Meta(Page("", R"(<article><p>x</p>
      <a href="/tag/iraq" rel="tag">Iraq</a> <a href="/tag/us" rel="tag">US</a>
      <a href="/tag/iraq" rel="tag">Iraq</a> <a href="/cat/world" rel="category tag">World</a>
      </article><aside class="widget"><a href="/tag/cats" rel="tag">Cats</a></aside>
      <div class="tagcloud widget_tag_cloud"><a rel="tag">Dogs</a></div>)"));
  EXPECT_EQ(m.tags, (Strings{"Iraq", "US"}));
}

TEST(Metadata, LanguageSources) {
  EXPECT_EQ(Meta("<html lang=\"pt-BR\"><head></head><body></body></html>").language, "pt-BR");
  EXPECT_EQ(Meta(Page(R"(<meta http-equiv="Content-Language" content="de">)")).language, "de");
  EXPECT_EQ(Meta(Page(LdJson(R"({"@type":"NewsArticle","inLanguage":{"@type":"Language",
      "name":"Spanish","alternateName":"es"}})")))
                .language,
            "es");
  EXPECT_EQ(Meta(Page("")).language, "");
}

TEST(Metadata, EmptyDocument) {
  html::Document doc;
  PageMetadata m = ExtractMetadata(doc, "https://n.example/x");
  EXPECT_EQ(m.url, "https://n.example/x");
  EXPECT_EQ(m.title, "");
  EXPECT_TRUE(m.authors.empty());
}

TEST(Metadata, DeepHandBuiltTreeDoesNotRecurse) {
  // 200k nested elements built without the parser (which flattens depth): every walk here must
  // be iterative.
  html::Document doc;
  html::Node* html_el = doc.NewElement("html");
  html::Document::Append(doc.root(), html_el);
  html::Node* body = doc.NewElement("body");
  html::Document::Append(html_el, body);
  html::Node* article = doc.NewElement("article");
  html::Document::Append(body, article);
  html::Node* parent = article;
  for (int i = 0; i < 200000; ++i) {
    html::Node* div = doc.NewElement("div");
    html::Document::Append(parent, div);
    parent = div;
  }
  html::Node* byline = doc.NewElement("span");
  doc.AddAttribute(byline, "class", "byline");
  html::Document::Append(byline, doc.NewText("By Deep Diver"));
  html::Document::Append(parent, byline);
  html::Node* time = doc.NewElement("time");
  doc.AddAttribute(time, "datetime", "2024-02-07");
  html::Document::Append(parent, time);
  PageMetadata m = ExtractMetadata(doc, "");
  EXPECT_EQ(m.authors, Strings{"Deep Diver"});
  EXPECT_EQ(m.published, "2024-02-07");
}

}  // namespace
}  // namespace ng::extract
