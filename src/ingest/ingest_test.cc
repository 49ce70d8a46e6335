#include <gtest/gtest.h>

#include "ingest/http_message.h"
#include "ingest/xml_pull.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

TEST(Robots, LongestMatchWinsAndAllowWinsTies) {
  const char* txt = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: otherbot\nDisallow: /\n";
  EXPECT_TRUE(RobotsAllows(txt, "newsgraph/0.1", "/news/a.html"));
  EXPECT_FALSE(RobotsAllows(txt, "newsgraph/0.1", "/private/x"));
  EXPECT_TRUE(RobotsAllows(txt, "newsgraph/0.1", "/private/open.html"));
  EXPECT_FALSE(RobotsAllows(txt, "OtherBot/2.0", "/news/a.html"));
}

TEST(Robots, WildcardsAndOwnGroup) {
  const char* txt = "User-agent: newsgraph\nDisallow: /*.pdf$\nDisallow: /search\n\nUser-agent: *\nDisallow: /\n";
  EXPECT_TRUE(RobotsAllows(txt, "newsgraph/0.1 (+x)", "/story.html"));
  EXPECT_FALSE(RobotsAllows(txt, "newsgraph/0.1", "/files/a.pdf"));
  EXPECT_TRUE(RobotsAllows(txt, "newsgraph/0.1", "/files/a.pdf?x=1"));
  EXPECT_FALSE(RobotsAllows(txt, "newsgraph/0.1", "/search?q=x"));
  EXPECT_FALSE(RobotsAllows(txt, "curl/8", "/story.html"));
  EXPECT_TRUE(RobotsAllows("", "x", "/anything"));
  EXPECT_TRUE(RobotsAllows("User-agent: *\nDisallow:\n", "x", "/anything"));
}

TEST(Feed, RssRelativeLinksResolveAgainstTheFeedUrl) {
  const char* rss =
      "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
      "<channel><title>News &amp; more</title><link>https://ex.org/</link>"
      "<item><title>A</title><link>/a.html</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>"
      "<content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item>"
      "<item><title>B</title><guid>https://ex.org/b</guid></item>"
      "<item><title>no link</title></item></channel></rss>";
  Result<Feed> f = ParseFeed(rss, {.url = "https://ex.org/feeds/main.xml"});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->title, "News & more");
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].url, "https://ex.org/a.html");
  EXPECT_EQ(f->items[0].summary, "<p>Body</p>");
  EXPECT_EQ(f->items[0].published, "Mon, 01 Jan 2024 10:00:00 GMT");
  EXPECT_EQ(f->items[1].url, "https://ex.org/b");
}

TEST(Feed, AtomXmlBaseAndAlternateLinks) {
  const char* atom =
      "<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://ex.org/news/'><title>T</title>"
      "<link rel='self' href='/feed'/><link href='/'/>"
      "<entry xml:base='2024/'><title type='html'>One</title><link rel='edit' href='e1'/>"
      "<link rel='alternate' href='one.html'/><published>2024-01-02T00:00:00Z</published></entry>"
      "<entry><title>Two</title><link href='http://other.org/two'/><updated>2024-01-03</updated></entry></feed>";
  Result<Feed> f = ParseFeed(atom);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->link, "http://ex.org/");
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].url, "http://ex.org/news/2024/one.html");
  EXPECT_EQ(f->items[0].published, "2024-01-02T00:00:00Z");
  EXPECT_EQ(f->items[1].url, "http://other.org/two");
  EXPECT_EQ(f->items[1].published, "2024-01-03");
}

TEST(Feed, NotXmlOrNotAFeedIsAnError) {
  Result<Feed> a = ParseFeed("Hello world");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("not XML"), std::string::npos);
  Result<Feed> b = ParseFeed("<html><body>x</body></html>");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("not a feed"), std::string::npos);
  EXPECT_FALSE(LooksLikeFeed("<!doctype html><html>"));
  EXPECT_TRUE(LooksLikeFeed("\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c --><rss version='2.0'>"));
  EXPECT_FALSE(ParseFeed(std::string(1000, '<') + "rss").ok());
}

TEST(Xml, EntitiesAndNumericReferences) {
  EXPECT_EQ(ingest::DecodeXmlEntities("a &lt;b&gt; &amp;amp; &#233;&#x4E2D; &nbsp; &#0;"),
            "a <b> &amp; \xC3\xA9\xE4\xB8\xAD &nbsp; \xEF\xBF\xBD");
}

TEST(Http, ContentTypeAndChunked) {
  std::string mt, cs;
  ingest::ParseContentType("Text/HTML; Charset=\"ISO-8859-1\"", &mt, &cs);
  EXPECT_EQ(mt, "text/html");
  EXPECT_EQ(cs, "ISO-8859-1");
  std::string out;
  EXPECT_TRUE(ingest::Dechunk("5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n", &out, 100).ok());
  EXPECT_EQ(out, "hello world");
  EXPECT_FALSE(ingest::Dechunk("5\r\nhel", &out, 100).ok());
  EXPECT_EQ(ingest::Dechunk("ffffffff\r\n", &out, 100).code(), Code::kResourceExhausted);
}

TEST(Warc, ReadsResponseAndResourceSkipsTheRest) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>hi</p>";
  std::string warc =
      "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n"
      "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: <http://ex.org/a>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
      "Content-Type: application/http; msgtype=response\r\nContent-Length: " + std::to_string(http.size()) +
      "\r\n\r\n" + http + "\r\n\r\n"
      "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///x.html\r\nContent-Type: text/html\r\n"
      "Content-Length: 3\r\n\r\n<b>\r\n\r\n";
  auto src = WarcFromBytes(warc);
  auto r1 = src->Next();
  ASSERT_TRUE(r1.ok() && r1->has_value()) << r1.status().ToString();
  EXPECT_EQ((*r1)->url, "http://ex.org/a");
  EXPECT_EQ((*r1)->http_status, 200);
  EXPECT_EQ((*r1)->charset, "windows-1252");
  EXPECT_EQ((*r1)->body, "<p>hi</p>");
  EXPECT_EQ((*r1)->fetch_time, "2024-01-01T00:00:00Z");
  auto r2 = src->Next();
  ASSERT_TRUE(r2.ok() && r2->has_value());
  EXPECT_EQ((*r2)->body, "<b>");
  EXPECT_EQ((*r2)->http_status, 0);
  auto r3 = src->Next();
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(r3->has_value());
}

TEST(Warc, EmptyAndGarbageInput) {
  auto empty = WarcFromBytes("");
  auto e = empty->Next();
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->has_value());
  auto junk = WarcFromBytes("this is not a warc file\nat all\n");
  auto j = junk->Next();
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.status().message().find("not a WARC record"), std::string::npos);
  auto end = junk->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(Url, Resolve) {
  EXPECT_EQ(ResolveUrl("http://ex.org/a/b.xml", "../c.html"), "http://ex.org/c.html");
  EXPECT_EQ(ResolveUrl("http://ex.org/a/", "//cdn.org/x"), "http://cdn.org/x");
  EXPECT_EQ(ResolveUrl("", "/relative"), "");
}

}  // namespace
}  // namespace ng
