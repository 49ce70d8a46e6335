// fts_search_test.cc — ng_bm25 equals FTS5's bm25() when given the same document counts (and
// counts them itself when not given them); ng_fts_tokens are FTS5's tokens; snippets mark every
// query word in the window with the most distinct words.
#include "store/fts_search.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/test_temp_dir.h"
#include "store/db.h"

namespace ng::store {
namespace {

struct Fixture {
  testutil::TempDir dir{"ng_fts_search_test"};
  std::unique_ptr<Db> db;
  Fixture() {
    Result<std::unique_ptr<Db>> d = OpenSqlite(dir.File("f.db"), false);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    db = std::move(d).value();
    EXPECT_TRUE(db->Exec("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 0')").ok());
    const char* docs[][2] = {
        {"Troops clash near Basra", "Iranian troops attacked Iraqi soldiers near Basra. The clash lasted hours."},
        {"Parliament report", "The parliament published a report on the budget and the report was long."},
        {"Budget talks", "Talks on the budget went on; no clash, no troops, only a report."},
        {"Weather", "Rain fell on Basra and on Baghdad for the third day."},
        {"Élections à Paris", "Les électeurs de Paris ont voté; l’Irak n'était pas au programme."},
        {"Troops", "Troops troops troops: a whole text about troops and their report."},
    };
    for (auto& d2 : docs) EXPECT_TRUE(db->Exec("INSERT INTO t (title, text) VALUES (?, ?)", {std::string(d2[0]), std::string(d2[1])}).ok());
  }
  int64_t Docs(const std::string& term) {
    Result<std::vector<Row>> r = db->Query("SELECT count(*) FROM t WHERE t MATCH ?", {"\"" + term + "\""});
    return r.ok() && !r->empty() ? std::atoll((*r)[0][0]->c_str()) : -1;
  }
};

TEST(FtsSearch, Bm25EqualsFts5sWithTheSameCounts) {
  Fixture f;
  for (std::vector<std::string> words : std::vector<std::vector<std::string>>{
           {"troops"}, {"report"}, {"basra", "clash"}, {"budget", "report"}, {"troops", "report"}, {"paris"}}) {
    std::string expr, counts;
    std::vector<Value> params;
    for (const std::string& w : words) {
      expr += (expr.empty() ? "\"" : " \"") + w + "\"";
      counts += ", " + std::to_string(f.Docs(w));  // a count computed here, not input
    }
    params.push_back(expr);
    Result<std::vector<Row>> r = f.db->Query(
        "SELECT rowid, -bm25(t), ng_bm25(t" + counts + "), ng_bm25(t), ng_fts_rows(t) FROM t WHERE t MATCH ? ORDER BY rowid", params);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_FALSE(r->empty()) << expr;
    for (const Row& row : *r) {
      double fts5 = std::atof(row[1]->c_str()), ours = std::atof(row[2]->c_str()), counted = std::atof(row[3]->c_str());
      EXPECT_NEAR(ours, fts5, 1e-9 + 1e-9 * std::fabs(fts5)) << expr << " row " << *row[0];
      EXPECT_NEAR(counted, fts5, 1e-9 + 1e-9 * std::fabs(fts5)) << expr << " row " << *row[0] << " (counts not given)";
      EXPECT_EQ(*row[4], "6");
    }
  }
  // The ranking: the article all about troops first.
  Result<std::vector<Row>> best = f.db->Query("SELECT rowid FROM t WHERE t MATCH '\"troops\"' ORDER BY ng_bm25(t, ?) DESC LIMIT 1",
                                              {f.Docs("troops")});
  ASSERT_TRUE(best.ok() && !best->empty());
  EXPECT_EQ(*(*best)[0][0], "6");
}

TEST(FtsSearch, TokensAreFts5s) {
  Fixture f;
  Result<std::vector<Row>> r = f.db->Query("SELECT ng_fts_tokens(?)", {std::string("L’Irak, ÉLECTIONS à U.S. 2024!")});
  ASSERT_TRUE(r.ok() && !r->empty());
  EXPECT_EQ(*(*r)[0][0], "l irak élections à u s 2024");
  // Each of them finds what FTS5's MATCH finds.
  EXPECT_EQ(f.Docs("élections"), 1);
  EXPECT_EQ(f.Docs("Paris"), 1);
}

TEST(FtsSearch, SnippetMarksTheWordsInTheBestWindow) {
  Fixture f;
  std::string text = "Rain fell. " + std::string(200, 'x') + " Officials said Iranian troops attacked near Basra on Tuesday, "
                     "and the troops stayed. " + "More words follow here to the end of the text.";
  Result<std::vector<Row>> r = f.db->Query("SELECT ng_snippet(?, ?, 16)", {text, std::string("troops\nBASRA")});
  ASSERT_TRUE(r.ok() && !r->empty() && (*r)[0][0]);
  const std::string& s = *(*r)[0][0];
  EXPECT_NE(s.find("[troops]"), std::string::npos) << s;
  EXPECT_NE(s.find("[Basra]"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;            // cut at the start
  EXPECT_EQ(s.find("Rain"), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 3), "…") << s;    // and at the end
  // No hit: the start of the text; a short text whole; nothing breaks on odd input.
  r = f.db->Query("SELECT ng_snippet('Rain fell on Basra.', 'zzz', 16), ng_snippet('', 'x', 16), ng_snippet(NULL, 'x', 16), "
                  "ng_snippet('a b', '', 0)");
  ASSERT_TRUE(r.ok() && !r->empty());
  EXPECT_EQ(*(*r)[0][0], "Rain fell on Basra.");
  EXPECT_EQ(*(*r)[0][1], "");
  EXPECT_FALSE((*r)[0][2].has_value());
  EXPECT_EQ(*(*r)[0][3], "a…");
}

TEST(FtsSearch, SnippetPhraseOfSeveralTokens) {
  std::vector<FtsToken> tokens = {{0, 1, "l"}, {2, 6, "irak"}, {7, 10, "est"}};
  EXPECT_EQ(MakeSnippet("l'Irak est", tokens, {{"l", "irak"}}, 16), "[l'Irak] est");
  EXPECT_EQ(MakeSnippet("l'Irak est", tokens, {{"irak"}, {"est"}}, 16), "l'[Irak] [est]");
}

}  // namespace
}  // namespace ng::store
