#include "newsgraph/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "base/test_temp_dir.h"

namespace ng {
namespace {

// A page written for these tests: one attack sentence the coder knows, a dated byline.
constexpr const char* kPage =
    "<html><head><title>Clashes in Kirkuk</title>"
    "<meta property=\"article:published_time\" "
    "content=\"2024-02-07T10:00:00Z\"></head><body><article>"
    "<h1>Clashes in Kirkuk</h1>"
    "<p>Iraqi forces attacked Kurdish rebels in Kirkuk on Monday, officials said on Wednesday.</p>"
    "<p>The fighting lasted for several hours, and hundreds of families left their homes in the "
    "city.</p>"
    "</article></body></html>";

const Models& Loaded() {
  static const Models* m = [] {
    Result<Models> r = LoadModels({});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new Models(r.ok() ? std::move(r).value() : Models());
  }();
  return *m;
}

Record Page(std::string body, std::string content_type = "text/html", int http_status = 200) {
  Record r;
  r.url = "https://example.com/kirkuk";
  r.source = "test";
  r.content_type = std::move(content_type);
  r.http_status = http_status;
  r.body = std::move(body);
  return r;
}

TEST(ProcessRecord, SkipsWhatIsNotAnArticle) {
  Document img = ProcessRecord(Page("\x89PNG", "image/png"), Models());
  EXPECT_EQ(img.status, "skipped");
  EXPECT_EQ(img.reason, "not HTML: image/png");
  EXPECT_FALSE(img.article.has_value());
  Document missing = ProcessRecord(Page(kPage, "text/html", 404), Models());
  EXPECT_EQ(missing.status, "skipped");
  EXPECT_EQ(missing.reason, "HTTP status 404");
  Document not_modified = ProcessRecord(Page("", "text/html", 304), Models());
  EXPECT_EQ(not_modified.status, "skipped");
  EXPECT_NE(not_modified.reason.find("304"), std::string::npos);
}

TEST(ProcessRecord, ExtractionOnly) {
  DocumentOptions o;
  o.analyze = false;
  o.content_hash = false;
  Document d = ProcessRecord(Page(kPage), Models(), o);
  ASSERT_EQ(d.status, "ok") << d.error;
  ASSERT_TRUE(d.article.has_value());
  EXPECT_EQ(d.article->title, "Clashes in Kirkuk");
  EXPECT_TRUE(d.text.empty());
  EXPECT_TRUE(d.analysis.sentences.empty());
  EXPECT_TRUE(d.content_hash.empty());
  EXPECT_EQ(d.bytes, std::string(kPage).size());
}

TEST(ProcessRecord, ExtractAnalyzeCode) {
  Document d = ProcessRecord(Page(kPage), Loaded());
  ASSERT_EQ(d.status, "ok") << d.error;
  EXPECT_EQ(d.content_hash.rfind("sha1:", 0), 0u);
  EXPECT_EQ(d.text.rfind("Clashes in Kirkuk\n\n", 0), 0u);
  EXPECT_EQ(d.analysis.publication_date, "2024-02-07");
  EXPECT_GE(d.analysis.sentences.size(), 3u);
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(d.events[0].root, "19");  // fight
  EXPECT_TRUE(d.reason.empty()) << d.reason;
}

TEST(ProcessRecord, KnownKeyIsNotProcessed) {
  DocumentOptions o;
  std::string seen;
  o.known = [&](const std::string& key) {
    seen = key;
    return true;
  };
  Document d = ProcessRecord(Page(kPage), Loaded(), o);
  EXPECT_TRUE(d.already_stored);
  EXPECT_FALSE(d.article.has_value());
  EXPECT_EQ(seen, d.key());
  EXPECT_EQ(seen.rfind("https://example.com/kirkuk|sha1:", 0), 0u);
}

TEST(ProcessArticle, InvalidPublicationDateIsRejectedBeforeAnalysis) {
  Article a;
  a.title = "Clashes in Kirkuk";
  a.published = "2024-02-30";
  a.blocks.push_back(
      {Block::Kind::kParagraph, 0, false, "Iraqi forces attacked Kurdish rebels on Monday."});
  Document d = ProcessArticle(a, Loaded());
  EXPECT_EQ(d.status, "ok") << d.error;
  EXPECT_NE(d.reason.find("publication date '2024-02-30' is not a valid date"), std::string::npos)
      << d.reason;
  EXPECT_EQ(d.analysis.publication_date, "");
  EXPECT_FALSE(d.analysis.sentences.empty());
  // "on Monday" cannot be resolved without a date.
  ASSERT_FALSE(d.analysis.dates.empty());
  EXPECT_EQ(d.analysis.dates[0].resolved, "");
}

TEST(ProcessText, InvalidDateIsAnErrorValue) {
  Document d =
      ProcessText({.text = "Iraqi forces attacked rebels.", .date = "2024-13-45"}, Loaded());
  EXPECT_EQ(d.status, "failed");
  EXPECT_EQ(d.error_code, Code::kInvalidArgument);
  EXPECT_NE(d.error.find("2024-13-45"), std::string::npos);
  EXPECT_TRUE(d.analysis.sentences.empty());
  Document spans = ProcessText({.text = "abc", .sentences = {{2, 99}}}, Loaded());
  EXPECT_EQ(spans.status, "failed");
  EXPECT_EQ(spans.error_code, Code::kInvalidArgument);
  Document none = ProcessText({.text = "Iraqi forces attacked rebels."}, Models());
  EXPECT_EQ(none.status, "failed");
}

TEST(ProcessText, CodesWithOptions) {
  DocumentOptions o;
  o.coding.ontology = "plover";
  Document d = ProcessText(
      {.text = "Iraqi forces attacked Kurdish rebels in Kirkuk on Monday.", .date = "2024-02-07"},
      Loaded(), o);
  ASSERT_EQ(d.status, "ok") << d.error;
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(d.events[0].plover, "ASSAULT");
  o.code = false;
  Document plain = ProcessText({.text = d.text, .date = "2024-02-07"}, Loaded(), o);
  EXPECT_TRUE(plain.events.empty());
  EXPECT_EQ(plain.analysis.sentences.size(), d.analysis.sentences.size());
}

TEST(Explain, TracesTheDecisions) {
  Result<Explanation> x =
      Explain("Iraqi forces attacked Kurdish rebels in Kirkuk.", "2024-02-07", Loaded());
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_FALSE(x->trace.empty());
  EXPECT_FALSE(x->events.empty());
  EXPECT_FALSE(Explain("x", "not a date", Loaded()).ok());
  EXPECT_FALSE(Explain("x", "", Models()).ok());
}

// Inputs numbered 0..n-1; every seventh is a read error.
class Numbered : public InputStream {
 public:
  explicit Numbered(int n) : n_(n) {}
  void Produce(const Emit& emit) override {
    for (int i = 0; i < n_; ++i) {
      Input in;
      in.source = std::to_string(i);
      if (i % 7 == 3)
        in.error = DataLoss("record " + std::to_string(i) + " is damaged");
      else
        in.record = Page(i % 2 ? kPage : "<p>short page " + std::to_string(i) + "</p>");
      ++emitted;
      if (!emit(std::move(in))) return;
    }
  }
  std::atomic<int> emitted{0};

 private:
  int n_;
};

TEST(RunPipeline, DeliversDocumentsInInputOrder) {
  Numbered in(120);
  PipelineOptions o;
  o.jobs = 4;
  o.max_items = 6;
  o.document.analyze = false;
  std::vector<std::string> order;
  size_t failed = 0;
  PipelineStats s = RunPipeline(in, Models(), o, [&](Document& d) {
    order.push_back(d.source);
    if (d.status == "failed") {
      ++failed;
      EXPECT_FALSE(d.from_record);
      EXPECT_EQ(d.error_code, Code::kDataLoss);
    }
    return true;
  });
  ASSERT_EQ(order.size(), 120u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], std::to_string(i));
  EXPECT_EQ(failed, 17u);  // 3, 10, …, 115
  EXPECT_EQ(s.failed, 17u);
  EXPECT_EQ(s.documents, 120u);
  EXPECT_EQ(s.articles, 103u);
}

TEST(RunPipeline, SinkStopsTheRun) {
  Numbered in(5000);
  PipelineOptions o;
  o.jobs = 2;
  o.max_items = 4;
  o.document.analyze = false;
  size_t delivered = 0, cancelled = 0;
  RunPipeline(in, Models(), o, [&](Document& d) {
    ++delivered;
    if (d.reason == "cancelled") ++cancelled;
    return delivered < 10;
  });
  EXPECT_LT(in.emitted.load(), 100);  // reading stopped soon after the sink said so
  EXPECT_EQ(delivered, static_cast<size_t>(in.emitted.load()));  // nothing read is lost
  EXPECT_GE(delivered, 10u);
}

// Pages through the whole chain (extract, analyze, code) on four workers sharing one Models:
// each document equals the one-thread result. Under `make test TSAN=1` this is where a race in
// the analysis tables, the syntax models or the coder would show.
class Pages : public InputStream {
 public:
  explicit Pages(std::vector<Record> r) : records_(std::move(r)) {}
  void Produce(const Emit& emit) override {
    for (size_t i = 0; i < records_.size(); ++i) {
      Input in;
      in.source = std::to_string(i);
      in.record = records_[i];
      if (!emit(std::move(in))) return;
    }
  }

 private:
  std::vector<Record> records_;
};

std::string Summary(const Document& d) {
  std::string s = d.status + "|" + d.text + "|" + std::to_string(d.analysis.sentences.size()) + "|" +
                  std::to_string(d.analysis.entities.size());
  for (const Event& e : d.events) s += "|" + e.cameo + ":" + std::to_string(e.sentence);
  return s;
}

TEST(RunPipeline, WorkersShareTheModelsAndMatchOneThread) {
  const Models& m = Loaded();
  ASSERT_TRUE(m.resources && m.codebook);
  const char* kLines[] = {"Police arrested dozens of protesters in Baghdad on Tuesday.",
                          "The prime minister met the Turkish foreign minister in Ankara.",
                          "Rebels fired rockets at an army base near Mosul, killing three soldiers.",
                          "The government promised to hold talks with the opposition next month."};
  std::vector<Record> records;
  for (int i = 0; i < 24; ++i) {
    std::string body = kPage;
    body.insert(body.find("</article>"), std::string("<p>") + kLines[i % 4] + " Report " +
                                             std::to_string(i) + ".</p>");
    records.push_back(Page(body));
    records.back().url += "/" + std::to_string(i);
  }
  std::vector<std::string> serial;
  for (const Record& r : records) serial.push_back(Summary(ProcessRecord(r, m)));
  Pages in(records);
  PipelineOptions o;
  o.jobs = 4;
  o.max_items = 8;
  std::vector<std::string> parallel;
  size_t events = 0;
  RunPipeline(in, m, o, [&](Document& d) {
    parallel.push_back(Summary(d));
    events += d.events.size();
    return true;
  });
  ASSERT_EQ(parallel.size(), serial.size());
  for (size_t i = 0; i < serial.size(); ++i) EXPECT_EQ(parallel[i], serial[i]) << "document " << i;
  EXPECT_GE(events, records.size());  // every page has the Kirkuk attack
}

TEST(OpenInputs, DirectoriesFeedsAndErrors) {
  testutil::TempDir dir("ng_pipeline_test");
  dir.Write("a.html", kPage);
  dir.Write("b.txt", "not listed");
  dir.Write("c.rss",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>"
            "<item><link>https://example.invalid/1</link></item></channel></rss>");
  Result<std::unique_ptr<InputStream>> missing = OpenInputs({dir.File("nope.html")});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.html"), std::string::npos);
  Result<std::unique_ptr<InputStream>> in = OpenInputs({dir.path()});
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_GT((*in)->bytes_total(), std::string(kPage).size());
  std::vector<Document> docs;
  PipelineOptions o;
  o.document.analyze = false;
  RunPipeline(**in, Models(), o, [&](Document& d) {
    docs.push_back(d);
    return true;
  });
  ASSERT_EQ(docs.size(), 2u);  // the page, then the feed's one item (no fetcher: a failure)
  EXPECT_EQ(docs[0].status, "ok");
  EXPECT_EQ(docs[0].article->title, "Clashes in Kirkuk");
  EXPECT_EQ(docs[1].status, "failed");
  EXPECT_EQ(docs[1].url, "https://example.invalid/1");
  EXPECT_NE(DocumentJsonLine(docs[1], true).find("\"record_url\":\"https://example.invalid/1\""),
            std::string::npos);
}

TEST(OpenPages, UnreadablePageIsAFailedDocument) {
  testutil::TempDir dir("ng_pipeline_test");
  dir.Write("a.html", kPage);
  std::unique_ptr<InputStream> in =
      OpenPages({dir.File("a.html"), dir.File("gone.html")}, "https://x.test/a");
  std::vector<Document> docs;
  PipelineOptions o;
  o.document.analyze = false;
  RunPipeline(*in, Models(), o, [&](Document& d) {
    docs.push_back(d);
    return true;
  });
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].status, "ok");
  EXPECT_EQ(docs[0].url, "https://x.test/a");
  EXPECT_EQ(docs[1].status, "failed");
  EXPECT_EQ(docs[1].error_code, Code::kIo);
  std::string line = DocumentJsonLine(docs[1], false);
  EXPECT_EQ(line.find("record_url"), std::string::npos);
  EXPECT_NE(line.find("\"error\":\"i/o error: "), std::string::npos) << line;
}

TEST(StoreSink, StoresOnceAndKnowsTheKeys) {
  testutil::TempDir dir("ng_pipeline_test");
  Result<std::unique_ptr<Store>> store = Store::Open(dir.File("x.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document d = ProcessRecord(Page(kPage), Loaded());
  Document skipped = ProcessRecord(Page("gif", "image/gif"), Loaded());
  Document unread;
  unread.status = "failed";
  unread.from_record = false;
  {
    StoreSink sink(**store);
    ASSERT_TRUE(sink.LoadKeys().ok());
    EXPECT_FALSE(sink.Known(d.key()));
    EXPECT_TRUE(sink.Write(d));
    EXPECT_TRUE(sink.Write(d));
    EXPECT_TRUE(sink.Write(skipped));
    EXPECT_TRUE(sink.Write(unread));
    ASSERT_TRUE(sink.Finish().ok());
    EXPECT_EQ(sink.stored(), 2u);  // the article and the skipped record; not the unread input
    EXPECT_EQ(sink.already(), 1u);
  }
  StoreSink again(**store);
  ASSERT_TRUE(again.LoadKeys().ok());
  EXPECT_TRUE(again.Known(d.key()));
  Result<QueryResult> events = (*store)->QueryEvents({});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->rows.size(), d.events.size());
}

}  // namespace
}  // namespace ng
