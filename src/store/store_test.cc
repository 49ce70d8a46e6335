// store_test.cc — the store on a real SQLite file: idempotence, event clusters counted the GDELT
// way, near-duplicate clusters, query filters, export shapes and actionable open errors.
// Queries are written as designated initialisers ({.cameo = "19"}); the rest default on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/test_temp_dir.h"
#include "newsgraph/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

// A scratch directory named after this test file.
struct TempDir : testutil::TempDir {
  TempDir() : testutil::TempDir("ng_store_test") {}
};

Event MakeEvent(const std::string& a1, const std::string& a2, const std::string& code, const std::string& date) {
  Event e;
  e.sentence = 0;
  e.source.code = a1;
  e.source.country = a1.substr(0, 3);
  e.source.name = a1;
  e.source.text = a1;
  e.target.code = a2;
  e.target.country = a2.substr(0, 3);
  e.target.name = a2;
  e.cameo = code;
  e.base = code.substr(0, 3);
  e.root = code.substr(0, 2);
  e.goldstein = -10;
  e.quad_class = 4;
  e.plover = "ASSAULT";
  e.date = date;
  e.place.type = 1;
  e.place.name = "Iraq";
  e.place.country = "IRQ";
  e.place.fips = "IZ";
  e.rules = {"verbs.tsv:1 test"};
  return e;
}

DocumentRecord MakeDoc(const std::string& url, const std::string& body, std::vector<Event> events = {}) {
  DocumentRecord d;
  d.url = url;
  d.source = url;
  d.content_hash = "sha1:" + std::to_string(std::hash<std::string>()(body));
  d.http_status = 200;
  d.bytes = body.size();
  Article a;
  a.url = url;
  a.title = "Report";
  a.published = "2024-02-07";
  d.article = a;
  d.text = a.title + "\n\n" + body;
  Sentence s;
  s.begin = 0;
  s.end = d.text.size();
  d.analysis.sentences.push_back(s);
  d.analysis.tone.score = -2.5;
  Entity ent;
  ent.kind = EntityKind::kLocation;
  ent.text = ent.name = "Iraq";
  ent.country = "IRQ";
  ent.begin = 0;
  ent.end = 4;
  d.analysis.entities.push_back(ent);
  d.events = std::move(events);
  return d;
}

const char* kWire =
    "BAGHDAD (Reuters) - United States forces carried out air strikes on Friday against more than 85 targets "
    "in Iraq and Syria, the military said, in retaliation for a drone attack that killed three soldiers at a "
    "base in Jordan. The strikes hit command centres, intelligence sites and weapons stores used by militias.";

TEST(Store, IngestIsIdempotentAndIdsAreDense) {
  TempDir dir;
  std::string db = dir.File("news.db");
  {
    auto s = Store::Open(db, {.batch_size = 2});
    ASSERT_TRUE(s.ok()) << s.status().message();
    for (int i = 0; i < 5; ++i) ASSERT_TRUE((*s)->Add(MakeDoc("https://a.example/" + std::to_string(i), kWire + std::to_string(i))).ok());
    ASSERT_TRUE((*s)->Add(MakeDoc("https://a.example/0", std::string(kWire) + "0")).ok());  // same key, same batch window
    ASSERT_TRUE((*s)->Commit().ok());
  }
  auto s = Store::Open(db);
  ASSERT_TRUE(s.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*s)->Add(MakeDoc("https://a.example/" + std::to_string(i), kWire + std::to_string(i))).ok());
  ASSERT_TRUE((*s)->Commit().ok());
  auto sum = (*s)->Summary();
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->documents, 5);
  EXPECT_EQ(sum->articles, 5);
  EXPECT_EQ(sum->entities, 1);  // "Iraq" once, however many mentions
  EXPECT_EQ(sum->mentions, 5);
  auto keys = (*s)->Keys();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->size(), 5u);
}

TEST(Store, EventClustersCountMentionsSourcesArticles) {
  TempDir dir;
  auto s = Store::Open(dir.File("e.db"));
  ASSERT_TRUE(s.ok());
  Event strike = MakeEvent("USAMIL", "IRQ", "195", "2024-02-02");
  // Article 1 mentions the strike twice; article 2 (another site) once; article 3 (same site as 2) once.
  ASSERT_TRUE((*s)->Add(MakeDoc("https://one.example/a", "first body", {strike, strike})).ok());
  ASSERT_TRUE((*s)->Commit().ok());  // the cluster must be updated across batches too
  ASSERT_TRUE((*s)->Add(MakeDoc("https://two.example/b", "second body", {strike, MakeEvent("IRQ", "USA", "112", "2024-02-03")})).ok());
  ASSERT_TRUE((*s)->Add(MakeDoc("https://www.two.example/c", "third body", {strike})).ok());
  ASSERT_TRUE((*s)->Commit().ok());
  auto r = (*s)->QueryEvents({.cameo = "19"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 1u);
  const auto& cols = r->columns;
  auto col = [&](const char* n) { return static_cast<size_t>(std::find(cols.begin(), cols.end(), n) - cols.begin()); };
  EXPECT_EQ(r->rows[0][col("id")], "1");  // GLOBALEVENTID = the first mention's id
  EXPECT_EQ(r->rows[0][col("mentions")], "4");
  EXPECT_EQ(r->rows[0][col("sources")], "2");  // www. is the same source
  EXPECT_EQ(r->rows[0][col("articles")], "3");
  EXPECT_EQ(r->rows[0][col("url")], "https://one.example/a");

  EXPECT_EQ((*s)->QueryEvents({.cameo = "112"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.cameo = "11"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.actor = "USA"})->rows.size(), 2u);  // prefix: USAMIL and USA
  EXPECT_EQ((*s)->QueryEvents({.actor = "USAMIL"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.country = "IRQ"})->rows.size(), 2u);
  EXPECT_EQ((*s)->QueryEvents({.plover = "assault"})->rows.size(), 2u);
  EXPECT_EQ((*s)->QueryEvents({.from = "2024-02-03"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.to = "2024-02-02"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.place = "IZ"})->rows.size(), 2u);
  EXPECT_EQ((*s)->QueryEvents({.text = "second"})->rows.size(), 2u);
  EXPECT_EQ((*s)->QueryEvents({.text = "third"})->rows.size(), 1u);
  EXPECT_EQ((*s)->QueryEvents({.text = "nowhere"})->rows.size(), 0u);
  EXPECT_FALSE((*s)->QueryEvents({.from = "yesterday"}).ok());

  auto arts = (*s)->QueryArticles({.text = "body", .cameo = "112"});
  ASSERT_TRUE(arts.ok()) << arts.status().message();
  ASSERT_EQ(arts->rows.size(), 1u);
  EXPECT_NE(arts->rows[0].back().find("[body]"), std::string::npos) << arts->rows[0].back();  // the snippet

  auto ev = (*s)->ArticleEvents("two.example/b");
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(ev->rows.size(), 2u);
}

// The server's reads: aggregates under the query filters, one article with its evidence, and
// reviews that never change an event.
TEST(Store, AggregatesArticleDetailAndReviews) {
  TempDir dir;
  auto s = Store::Open(dir.File("r.db"));
  ASSERT_TRUE(s.ok());
  Event strike = MakeEvent("USAMIL", "IRQ", "195", "2024-02-02");
  ASSERT_TRUE((*s)->Add(MakeDoc("https://one.example/a", "first body", {strike, MakeEvent("IRQ", "USA", "112", "2024-02-03")})).ok());
  ASSERT_TRUE((*s)->Add(MakeDoc("https://two.example/b", "second body", {strike})).ok());
  ASSERT_TRUE((*s)->Commit().ok());

  auto days = (*s)->Aggregate({}, AggregateBy::kDay);
  ASSERT_TRUE(days.ok()) << days.status().message();
  ASSERT_EQ(days->rows.size(), 2u);
  EXPECT_EQ(days->columns, (std::vector<std::string>{"date", "events", "goldstein", "mentions"}));
  EXPECT_EQ(days->rows[0], (std::vector<std::string>{"20240202", "1", "-10", "2"}));  // one cluster, two mentions
  auto dyads = (*s)->Aggregate({.cameo = "19"}, AggregateBy::kDyad);
  ASSERT_TRUE(dyads.ok());
  ASSERT_EQ(dyads->rows.size(), 1u);
  EXPECT_EQ(dyads->rows[0][0] + ">" + dyads->rows[0][1], "USAMIL>IRQ");
  EXPECT_EQ((*s)->Aggregate({.text = "second"}, AggregateBy::kCountry)->rows.size(), 1u);
  EXPECT_EQ((*s)->Aggregate({.text = "nowhere"}, AggregateBy::kPlace)->rows.size(), 0u);
  EXPECT_FALSE((*s)->Aggregate({.to = "soon"}, AggregateBy::kDay).ok());
  EXPECT_EQ(ParseAggregateBy("week"), std::nullopt);

  auto d = (*s)->ReadArticle(1);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->article.rows.size(), 1u);
  EXPECT_EQ(d->events.rows.size(), 2u);
  EXPECT_EQ(d->entities.rows.size(), 1u);
  ASSERT_EQ(d->related.rows.size(), 1u);  // article 2 reports the same strike
  EXPECT_EQ(d->related.rows[0][4], "same event");
  EXPECT_EQ((*s)->ReadArticle(99).status().code(), Code::kNotFound);

  std::ostringstream before, after, reviews;
  ASSERT_TRUE((*s)->CanonicalDump(before).ok());
  EXPECT_EQ((*s)->AddReview({.event_id = 1, .verdict = "maybe"}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ((*s)->AddReview({.event_id = 1, .verdict = "right", .cameo = "190"}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ((*s)->AddReview({.event_id = 1, .verdict = "corrected", .date = "2024-2-1"}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ((*s)->AddReview({.event_id = 77, .verdict = "right"}).status().code(), Code::kNotFound);
  auto r1 = (*s)->AddReview({.event_id = 1, .verdict = "corrected", .cameo = "190", .actor2 = "IRQMIL"});
  ASSERT_TRUE(r1.ok()) << r1.status().message();
  EXPECT_EQ(*r1, 1);
  EXPECT_EQ(*(*s)->AddReview({.event_id = 2, .verdict = "wrong"}), 2);
  ASSERT_TRUE((*s)->CanonicalDump(after).ok());
  EXPECT_EQ(before.str(), after.str());  // the coder's output is untouched
  EXPECT_EQ((*s)->ReadArticle(1)->reviews.rows.size(), 2u);
  ASSERT_TRUE((*s)->Export(ExportFormat::kReviews, reviews).ok());
  std::string out = reviews.str();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  EXPECT_NE(out.find("\"events\":[{\"source\":\"USAMIL\",\"target\":\"IRQMIL\",\"code\":\"190\"}]"), std::string::npos) << out;
  EXPECT_NE(out.find("\"events\":[],\"coded\""), std::string::npos) << out;
}

TEST(Store, ExportsHaveGdeltColumnCounts) {
  TempDir dir;
  auto s = Store::Open(dir.File("x.db"));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->Add(MakeDoc("https://one.example/a", "a body\twith tab", {MakeEvent("USAMIL", "IRQ", "195", "2024-02-02")})).ok());
  ASSERT_TRUE((*s)->Commit().ok());
  auto fields = [&](ExportFormat f) {
    std::ostringstream out;
    EXPECT_TRUE((*s)->Export(f, out).ok());
    std::string line = out.str().substr(0, out.str().find('\n'));
    return std::count(line.begin(), line.end(), '\t') + 1;
  };
  EXPECT_EQ(fields(ExportFormat::kGdeltEvents), 61);
  EXPECT_EQ(fields(ExportFormat::kGdeltMentions), 16);
  EXPECT_EQ(fields(ExportFormat::kGkg), 27);
  std::ostringstream j;
  ASSERT_TRUE((*s)->Export(ExportFormat::kJsonl, j).ok());
  EXPECT_NE(j.str().find("\"cameo\":\"195\""), std::string::npos) << j.str();
}

TEST(Store, NearDuplicatesJoinTheFirstCopy) {
  TempDir dir;
  auto s = Store::Open(dir.File("d.db"), {.batch_size = 2});
  ASSERT_TRUE(s.ok());
  std::string wire = kWire;
  std::string copy = wire + " Reporting by Jane Doe.";  // a syndicated copy with a credit line
  std::string other = "The central bank kept interest rates unchanged on Thursday, citing inflation that "
                      "remains above target and a labour market that is cooling only slowly, officials said.";
  ASSERT_TRUE((*s)->Add(MakeDoc("https://wire.example/1", wire)).ok());
  ASSERT_TRUE((*s)->Add(MakeDoc("https://bank.example/2", other)).ok());
  ASSERT_TRUE((*s)->Add(MakeDoc("https://paper.example/3", copy)).ok());       // next batch
  ASSERT_TRUE((*s)->Add(MakeDoc("https://paper.example/4", copy + " ")).ok()); // same batch as 3
  ASSERT_TRUE((*s)->Commit().ok());
  auto sum = (*s)->Summary();
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->dup_clusters, 1);
  EXPECT_EQ(sum->dup_articles, 2);
}

std::string Dump(Store& s) {
  std::ostringstream out;
  EXPECT_TRUE(s.CanonicalDump(out).ok());
  return out.str();
}

// Shards of an input merged in input order give the store one process gives: near-duplicates
// and event clusters that span shards, a failed document, a key repeated in two shards.
TEST(Store, MergingShardsInOrderEqualsOneStore) {
  TempDir dir;
  std::string wire = kWire, copy = wire + " Reporting by Jane Doe.";
  Event strike = MakeEvent("USAMIL", "IRQ", "195", "2024-02-02");
  DocumentRecord failed = MakeDoc("https://bad.example/x", "unreadable");
  failed.status = "failed";
  failed.error = "DATA_LOSS: cut short";
  failed.article.reset();
  std::vector<std::vector<DocumentRecord>> shards = {
      {MakeDoc("https://wire.example/1", wire, {strike}), MakeDoc("https://bank.example/2", "rates unchanged")},
      {failed, MakeDoc("https://paper.example/3", copy, {strike, MakeEvent("IRQ", "USA", "112", "2024-02-03")}),
       MakeDoc("https://wire.example/1", wire, {strike})},  // the same key as shard 0's first
      {MakeDoc("https://www.paper.example/4", copy + " ", {strike})}};
  auto one = Store::Open(dir.File("one.db"), {.batch_size = 2});
  ASSERT_TRUE(one.ok());
  std::vector<std::string> paths;
  for (size_t i = 0; i < shards.size(); ++i) {
    paths.push_back(dir.File("shard" + std::to_string(i) + ".db"));
    auto sh = Store::Open(paths.back());
    ASSERT_TRUE(sh.ok());
    for (const DocumentRecord& d : shards[i]) {
      ASSERT_TRUE((*one)->Add(d).ok());
      ASSERT_TRUE((*sh)->Add(d).ok());
    }
    ASSERT_TRUE((*sh)->Commit().ok());
  }
  ASSERT_TRUE((*one)->Commit().ok());
  std::string want = Dump(**one);
  auto sum = (*one)->Summary();
  ASSERT_TRUE(sum.ok());
  ASSERT_EQ(sum->dup_articles, 2);  // the case is exercised: copies in shards 1 and 2
  ASSERT_EQ(sum->failed, 1);

  auto merged = Store::Open(dir.File("merged.db"), {.batch_size = 2});
  ASSERT_TRUE(merged.ok());
  int64_t added = 0;
  for (const std::string& p : paths) {
    auto n = (*merged)->Merge(p);
    ASSERT_TRUE(n.ok()) << n.status().message();
    added += *n;
  }
  EXPECT_EQ(added, 5);
  EXPECT_EQ(Dump(**merged), want);
  auto again = (*merged)->Merge(paths[1]);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(Dump(**merged), want);
  auto r = (*merged)->QueryEvents({.cameo = "195"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][std::find(r->columns.begin(), r->columns.end(), "articles") - r->columns.begin()], "3");

  // Out of order is another database (the first copy decides the near-duplicate cluster).
  auto reversed = Store::Open(dir.File("reversed.db"));
  ASSERT_TRUE(reversed.ok());
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) ASSERT_TRUE((*reversed)->Merge(*it).ok());
  EXPECT_NE(Dump(**reversed), want);

  auto missing = (*merged)->Merge(dir.File("nothing.db"));
  EXPECT_EQ(missing.status().code(), Code::kNotFound) << missing.status().message();
  std::ofstream(dir.File("junk.db")) << "not a database at all, not even close to one";
  auto junk = (*merged)->Merge(dir.File("junk.db"));
  EXPECT_FALSE(junk.ok());
  EXPECT_NE(junk.status().message().find("junk.db"), std::string::npos) << junk.status().message();
  EXPECT_EQ(Dump(**merged), want);
}

// Every aggregate a summary table answers, read from the summaries and from a scan of the clusters.
void ExpectRollupsEqualScan(const std::string& db) {
  auto fast = Store::Open(db, {.read_only = true});
  auto scan = Store::Open(db, {.read_only = true, .use_rollups = false});
  ASSERT_TRUE(fast.ok() && scan.ok());
  Status check = (*fast)->CheckRollups();
  ASSERT_TRUE(check.ok()) << check.message();
  const std::vector<std::pair<AggregateBy, EventQuery>> cases = {
      {AggregateBy::kDay, {}}, {AggregateBy::kDay, {.cameo = "19"}}, {AggregateBy::kDay, {.from = "2024-02-02", .to = "2024-02-03"}},
      {AggregateBy::kDay, {.actor = "USA"}}, {AggregateBy::kDay, {.actor = "USAMIL"}}, {AggregateBy::kDyad, {}},
      {AggregateBy::kCountry, {}}, {AggregateBy::kCountry, {.cameo = "19"}}, {AggregateBy::kPlace, {}}};
  for (const auto& [by, q] : cases) {
    auto a = (*fast)->Aggregate(q, by), b = (*scan)->Aggregate(q, by);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_FALSE(b->rows.empty()) << "case " << static_cast<int>(by) << " " << q.actor << q.cameo << q.from;
    EXPECT_EQ(a->columns, b->columns);
    ASSERT_EQ(a->rows.size(), b->rows.size());
    for (size_t i = 0; i < a->rows.size(); ++i) {
      ASSERT_EQ(a->rows[i].size(), b->rows[i].size());
      for (size_t j = 0; j < a->rows[i].size(); ++j) {
        // Mean Goldstein to its 2 printed decimals (the two sums add in different orders).
        if (a->columns[j] == "goldstein") EXPECT_NEAR(std::atof(a->rows[i][j].c_str()), std::atof(b->rows[i][j].c_str()), 0.0101);
        else EXPECT_EQ(a->rows[i][j], b->rows[i][j]) << a->columns[j] << " row " << i;
      }
    }
  }
}

void Sql(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql, nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

// The summary tables (schema 004) equal the group-bys over the clusters: after batches that
// report an event again (its cluster's mentions grow), after merging shards, and after the
// migration that builds them for a database made without them.
TEST(Store, RollupsEqualTheClustersAfterBatchesMergeAndMigration) {
  TempDir dir;
  auto event = [](const char* a1, const char* a2, const char* code, const char* date, double goldstein, const char* place) {
    Event e = MakeEvent(a1, a2, code, date);
    e.goldstein = goldstein;
    e.place.name = e.place.country = place;
    return e;
  };
  Event strike = event("USAMIL", "IRQ", "195", "2024-02-02", -10, "IRQ");
  std::vector<DocumentRecord> docs = {
      MakeDoc("https://a.example/1", "one", {strike, event("USAGOV", "RUSGOV", "042", "2024-02-02", 1.9, "RUS")}),
      MakeDoc("https://b.example/2", "two", {strike, event("USAMIL", "USAGOV", "190", "2024-02-03", -10, "USA")}),
      MakeDoc("https://c.example/3", "three", {event("RUS", "", "010", "2024-02-04", 0, ""), strike}),
      MakeDoc("https://d.example/4", "four", {event("IRQ", "USAMIL", "112", "2024-02-03", -2, "IRQ"), strike})};
  std::string db = dir.File("one.db");
  {
    auto one = Store::Open(db, {.batch_size = 2});  // the strike is reported again in the second batch
    ASSERT_TRUE(one.ok());
    for (const DocumentRecord& d : docs) ASSERT_TRUE((*one)->Add(d).ok());
    ASSERT_TRUE((*one)->Commit().ok());
    auto r = (*one)->QueryEvents({.cameo = "195"});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0][std::find(r->columns.begin(), r->columns.end(), "mentions") - r->columns.begin()], "4");
  }
  ExpectRollupsEqualScan(db);

  std::string merged = dir.File("merged.db");
  {
    std::vector<std::string> shards;
    for (size_t i = 0; i < docs.size(); i += 2) {
      shards.push_back(dir.File("shard" + std::to_string(i) + ".db"));
      auto sh = Store::Open(shards.back());
      ASSERT_TRUE(sh.ok());
      for (size_t k = i; k < i + 2; ++k) ASSERT_TRUE((*sh)->Add(docs[k]).ok());
      ASSERT_TRUE((*sh)->Commit().ok());
    }
    auto m = Store::Open(merged);
    ASSERT_TRUE(m.ok());
    for (const std::string& p : shards) ASSERT_TRUE((*m)->Merge(p).ok());
  }
  ExpectRollupsEqualScan(merged);

  // A changed summary is seen (by the check, and in the answers: the summaries are what is read)...
  Sql(db, "UPDATE rollup_date SET events = events + 1 WHERE sqldate = 20240202");
  {
    auto fast = Store::Open(db, {.read_only = true});
    auto scan = Store::Open(db, {.read_only = true, .use_rollups = false});
    ASSERT_TRUE(fast.ok() && scan.ok());
    EXPECT_FALSE((*fast)->CheckRollups().ok());
    auto a = (*fast)->Aggregate({}, AggregateBy::kDay), b = (*scan)->Aggregate({}, AggregateBy::kDay);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->rows, b->rows);
  }
  // ...and a database without the summaries gets them built from its clusters when opened to write.
  Sql(db, "DROP TABLE rollup_date; DROP TABLE rollup_day; DROP TABLE rollup_actor_day; DROP TABLE rollup_dyad; DROP TABLE rollup_country; "
          "DROP TABLE rollup_place; DELETE FROM schema_migrations WHERE version = 4");
  {
    auto old = Store::Open(db, {.read_only = true});  // read-only: no migration, the scan answers
    ASSERT_TRUE(old.ok());
    auto a = (*old)->Aggregate({}, AggregateBy::kDyad);
    ASSERT_TRUE(a.ok()) << a.status().message();
    EXPECT_FALSE(a->rows.empty());
    ASSERT_TRUE(Store::Open(db).ok());
  }
  ExpectRollupsEqualScan(db);
}

DocumentRecord MakeListing(const std::string& url, const std::string& body) {
  DocumentRecord d = MakeDoc(url, body);
  d.article->page_type = PageType::kListing;
  d.article->page_type_reason = "listing over article: 12 teasers";
  return d;
}

// A cell of the row for `url` in a QueryResult that has "url" and `column`.
std::string Cell(const QueryResult& r, const std::string& url, const std::string& column) {
  size_t u = std::find(r.columns.begin(), r.columns.end(), "url") - r.columns.begin();
  size_t c = std::find(r.columns.begin(), r.columns.end(), column) - r.columns.begin();
  if (u == r.columns.size() || c == r.columns.size()) return "<no column " + column + ">";
  for (const auto& row : r.rows)
    if (row[u] == url) return row[c];
  return "<no row " + url + ">";
}

// Schema 005: the page type extraction gave each article is stored, read by QueryArticles,
// ReadArticle and the canonical dump, filtered with q.page_type, and carried by Merge.
TEST(Store, PageTypeIsStoredReadFilteredAndMerged) {
  TempDir dir;
  std::string db = dir.File("types.db");
  {
    auto s = Store::Open(db);
    ASSERT_TRUE(s.ok()) << s.status().message();
    ASSERT_TRUE((*s)->Add(MakeDoc("https://a.example/story", kWire)).ok());
    ASSERT_TRUE((*s)->Add(MakeListing("https://a.example/world/", "World news: strikes in Iraq and Syria")).ok());
    ASSERT_TRUE((*s)->Commit().ok());
  }
  auto s = Store::Open(db, {.read_only = true});
  ASSERT_TRUE(s.ok());
  auto all = (*s)->QueryArticles({});
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(Cell(*all, "https://a.example/world/", "page_type"), "listing");
  EXPECT_EQ(Cell(*all, "https://a.example/story", "page_type"), "article");
  for (const char* type : {"listing", "LISTING"}) {
    auto only = (*s)->QueryArticles({.page_type = type});
    ASSERT_TRUE(only.ok()) << only.status().message();
    ASSERT_EQ(only->rows.size(), 1u);
    EXPECT_EQ(Cell(*only, "https://a.example/world/", "page_type"), "listing");
  }
  auto text = (*s)->QueryArticles({.text = "Iraq", .page_type = "article"});  // full text, then the type
  ASSERT_TRUE(text.ok()) << text.status().message();
  ASSERT_EQ(text->rows.size(), 1u);
  EXPECT_EQ(Cell(*text, "https://a.example/story", "page_type"), "article");
  auto none = (*s)->QueryArticles({.page_type = "forum"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->rows.empty());
  auto bad = (*s)->QueryArticles({.page_type = "blog"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("article, listing, forum, product, documentation, collection, other"),
            std::string::npos) << bad.status().message();

  auto id = Cell(*all, "https://a.example/world/", "id");
  auto detail = (*s)->ReadArticle(std::atoll(id.c_str()));
  ASSERT_TRUE(detail.ok()) << detail.status().message();
  EXPECT_EQ(Cell(detail->article, "https://a.example/world/", "page_type"), "listing");
  EXPECT_EQ(Cell(detail->article, "https://a.example/world/", "page_type_reason"), "listing over article: 12 teasers");
  std::ostringstream dump;
  ASSERT_TRUE((*s)->CanonicalDump(dump).ok());
  EXPECT_NE(dump.str().find("\tlisting\n"), std::string::npos);  // page_type (its reason is provenance)

  // A shard's page types survive the merge (the Dask runner's path).
  std::string merged = dir.File("merged.db");
  {
    auto m = Store::Open(merged);
    ASSERT_TRUE(m.ok());
    auto n = (*m)->Merge(db);
    ASSERT_TRUE(n.ok()) << n.status().message();
    EXPECT_EQ(*n, 2);
  }
  auto m = Store::Open(merged, {.read_only = true});
  ASSERT_TRUE(m.ok());
  auto mr = (*m)->QueryArticles({.page_type = "listing"});
  ASSERT_TRUE(mr.ok());
  ASSERT_EQ(mr->rows.size(), 1u);
  EXPECT_EQ(Cell(*mr, "https://a.example/world/", "page_type"), "listing");
  std::ostringstream mdump;
  ASSERT_TRUE((*m)->CanonicalDump(mdump).ok());
  EXPECT_EQ(mdump.str(), dump.str());
}

// A database made before schema 005 (version 4: no page_type columns) reads as 'article'
// read-only (no migration), and is migrated when opened to write: its rows read 'article' and
// new rows keep their type.
TEST(Store, DatabaseBeforePageTypeReadsArticleAndUpgrades) {
  TempDir dir;
  std::string db = dir.File("v4.db");
  {
    auto s = Store::Open(db);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Add(MakeDoc("https://a.example/old", kWire)).ok());
    ASSERT_TRUE((*s)->Commit().ok());
  }
  Sql(db, "DROP INDEX articles_page_type; ALTER TABLE articles DROP COLUMN page_type_reason; "
          "ALTER TABLE articles DROP COLUMN page_type; DELETE FROM schema_migrations WHERE version = 5");
  {
    auto old = Store::Open(db, {.read_only = true});
    ASSERT_TRUE(old.ok()) << old.status().message();
    std::string id;
    for (const char* text : {"", "Iraq"}) {
      auto r = (*old)->QueryArticles({.text = text});
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_EQ(Cell(*r, "https://a.example/old", "page_type"), "article");
      id = Cell(*r, "https://a.example/old", "id");
    }
    auto listing = (*old)->QueryArticles({.page_type = "listing"});
    ASSERT_TRUE(listing.ok()) << listing.status().message();
    EXPECT_TRUE(listing->rows.empty());
    auto d = (*old)->ReadArticle(std::atoll(id.c_str()));
    ASSERT_TRUE(d.ok()) << d.status().message();
    EXPECT_EQ(Cell(d->article, "https://a.example/old", "page_type"), "article");
    std::ostringstream dump;
    EXPECT_TRUE((*old)->CanonicalDump(dump).ok());
  }
  {
    auto s = Store::Open(db);  // writable: migration 005 runs
    ASSERT_TRUE(s.ok()) << s.status().message();
    ASSERT_TRUE((*s)->Add(MakeListing("https://a.example/front/", "Front page")).ok());
    ASSERT_TRUE((*s)->Commit().ok());
  }
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, "SELECT url, page_type, page_type_reason FROM articles ORDER BY id", -1, &st, nullptr), SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < 3; ++c) row += std::string(c ? "|" : "") + reinterpret_cast<const char*>(sqlite3_column_text(st, c));
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  int version = 0;
  sqlite3_prepare_v2(h, "SELECT max(version) FROM schema_migrations", -1, &st, nullptr);
  if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  EXPECT_EQ(version, 5);
  EXPECT_EQ(rows, (std::vector<std::string>{"https://a.example/old|article|",
                                            "https://a.example/front/|listing|listing over article: 12 teasers"}));
}

TEST(SimHash, CloseForCopiesFarForOthers) {
  std::string wire = kWire;
  uint64_t a = SimHash(wire), b = SimHash(wire + " Reporting by Jane Doe."),
           c = SimHash("Parliament passed the budget after a long night of debate over pensions and taxes.");
  EXPECT_LE(std::popcount(a ^ b), 3);
  EXPECT_GE(std::popcount(a ^ c), 12);
  EXPECT_EQ(SimHash(""), 0u);
}

TEST(Store, OpenErrorsSayWhatToDo) {
  TempDir dir;
  std::string junk = dir.File("junk.db");
  std::ofstream(junk) << std::string(8192, 'x');
  auto s = Store::Open(junk);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kDataLoss);
  EXPECT_NE(s.status().message().find("corrupted"), std::string::npos) << s.status().message();

  auto missing = Store::Open(dir.File("nope.db"), {.read_only = true});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);

  auto nodir = Store::Open(dir.File("no/such/dir/x.db"));
  ASSERT_FALSE(nodir.ok());
  EXPECT_NE(nodir.status().message().find("does not exist"), std::string::npos);

  auto pg = Store::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace ng
