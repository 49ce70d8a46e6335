// fts_search.h — SQL functions that make SQLite full-text search cheap at a million events.
// FTS5's bm25() counts the documents of every query phrase over its whole doclist on each query
// (~12 ms for a word in every article), and snippet() re-runs the match for each returned row.
// These functions take the document counts from the caller (who caches them, read from an
// fts5vocab table) and build snippets from the article text with FTS5's own tokenizer:
//   ng_bm25(articles_fts, docs_1, …, docs_k)  FTS5's bm25 (k1 1.2, b 0.75, columns weighted 1),
//                                             positive; docs_i = articles holding phrase i
//   ng_fts_rows(articles_fts)                 rows in the index (xRowCount, cheap)
//   ng_fts_tokens(text)                       the tokens FTS5 indexes for text, space-separated
//   ng_snippet(text, phrases, n)              about n tokens of text around the best window of
//                                             hits, [marked], '…' where cut; phrases '\n'-separated
// Registered on every SQLite connection the store opens (sqlite_db.cc).
#pragma once

#include <string>
#include <vector>

struct sqlite3;

namespace ng::store {

// Registers the four functions; false (and a message in *error) when FTS5 is not available.
bool RegisterFtsFunctions(sqlite3* db, std::string* error);

// The snippet alone, for tests: tokens are (byte start, byte end, folded text) of `text`, phrases
// are the folded tokens of each query phrase.
struct FtsToken {
  int start, end;
  std::string text;
};
std::string MakeSnippet(const std::string& text, const std::vector<FtsToken>& tokens,
                        const std::vector<std::vector<std::string>>& phrases, int n_tokens);

}  // namespace ng::store
