// fts_search.cc — ng_bm25, ng_fts_rows, ng_fts_tokens and ng_snippet (see fts_search.h).
#include "store/fts_search.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

namespace ng::store {
namespace {

fts5_api* FtsApi(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(s);
  sqlite3_finalize(s);
  return api;
}

// The tokenizer articles_fts is declared with (002_fts.sqlite.sql): unicode61, diacritics kept.
struct Tokenizer {
  fts5_tokenizer api{};
  Fts5Tokenizer* inst = nullptr;
  ~Tokenizer() {
    if (inst) api.xDelete(inst);
  }
  std::vector<FtsToken> Tokens(const char* text, int n) const {
    std::vector<FtsToken> out;
    if (n <= 0) return out;
    api.xTokenize(inst, &out, FTS5_TOKENIZE_DOCUMENT, text, n,
                  [](void* ctx, int flags, const char* tok, int len, int start, int end) -> int {
                    if (!(flags & FTS5_TOKEN_COLOCATED))
                      static_cast<std::vector<FtsToken>*>(ctx)->push_back({start, end, std::string(tok, len)});
                    return SQLITE_OK;
                  });
    return out;
  }
};
using TokenizerRef = std::shared_ptr<const Tokenizer>;

const Tokenizer& TokenizerOf(sqlite3_context* ctx) {
  return **static_cast<TokenizerRef*>(sqlite3_user_data(ctx));
}

std::vector<FtsToken> ArgTokens(const Tokenizer& t, sqlite3_value* v) {
  const char* s = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return s ? t.Tokens(s, sqlite3_value_bytes(v)) : std::vector<FtsToken>{};
}

void TokensFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  std::string out;
  for (const FtsToken& t : ArgTokens(TokenizerOf(ctx), argv[0])) out += (out.empty() ? "" : " ") + t.text;
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void SnippetFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const Tokenizer& tok = TokenizerOf(ctx);
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!text) return sqlite3_result_null(ctx);
  std::string body(text, sqlite3_value_bytes(argv[0]));
  std::vector<std::vector<std::string>> phrases;
  const char* q = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  std::string all = q ? std::string(q, sqlite3_value_bytes(argv[1])) : "";
  size_t from = 0;
  while (from <= all.size()) {
    size_t nl = all.find('\n', from);
    if (nl == std::string::npos) nl = all.size();
    std::vector<std::string> p;
    for (FtsToken& t : tok.Tokens(all.data() + from, static_cast<int>(nl - from))) p.push_back(std::move(t.text));
    if (!p.empty()) phrases.push_back(std::move(p));
    from = nl + 1;
  }
  std::string out = MakeSnippet(body, tok.Tokens(body.data(), static_cast<int>(body.size())), phrases,
                                sqlite3_value_int(argv[2]));
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// Documents per phrase counted over the whole index: only when the caller gave no count (the
// cost ng_bm25 exists to avoid), kept for the rest of the statement.
std::vector<int64_t>* CountedDocs(const Fts5ExtensionApi* api, Fts5Context* fts, int phrases) {
  if (auto* d = static_cast<std::vector<int64_t>*>(api->xGetAuxdata(fts, 0))) return d;
  auto* d = new std::vector<int64_t>(phrases, 0);
  for (int i = 0; i < phrases; ++i) {
    api->xQueryPhrase(fts, i, &(*d)[i], [](const Fts5ExtensionApi*, Fts5Context*, void* n) -> int {
      ++*static_cast<int64_t*>(n);
      return SQLITE_OK;
    });
  }
  api->xSetAuxdata(fts, d, [](void* p) { delete static_cast<std::vector<int64_t>*>(p); });
  return d;
}

// Tokens per article, by rowid, as FTS5's docsize table has them: articles are only ever inserted,
// so a length once read stays right. xColumnSize is a statement run per row (~5 µs: most of a
// ranking's cost at 1,000 candidates); this reads each article's length once per connection.
struct Lengths {
  static constexpr sqlite3_int64 kMaxRowid = 1 << 24;  // 64 MB at most; later rows are not kept
  std::vector<uint32_t> len;                            // 0: not read yet
};

int RowLength(const Fts5ExtensionApi* api, Fts5Context* fts, int* len) {
  auto* cache = static_cast<Lengths*>(api->xUserData(fts));
  sqlite3_int64 row = api->xRowid(fts);
  bool keep = cache && row > 0 && row < Lengths::kMaxRowid;
  if (keep && static_cast<size_t>(row) < cache->len.size() && cache->len[row]) {
    *len = static_cast<int>(cache->len[row]);
    return SQLITE_OK;
  }
  int rc = api->xColumnSize(fts, -1, len);
  if (rc == SQLITE_OK && keep && *len > 0) {
    if (static_cast<size_t>(row) >= cache->len.size()) {
      cache->len.resize(std::min<size_t>(Lengths::kMaxRowid, std::max<size_t>(row + 1, cache->len.size() * 2)));
    }
    cache->len[row] = static_cast<uint32_t>(*len);
  }
  return rc;
}

void Bm25Function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_args, sqlite3_value** args) {
  constexpr double k1 = 1.2, b = 0.75;
  int phrases = api->xPhraseCount(fts);
  sqlite3_int64 rows = 0, total = 0;
  int n_inst = 0, len = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &total) != SQLITE_OK ||
      api->xInstCount(fts, &n_inst) != SQLITE_OK || RowLength(api, fts, &len) != SQLITE_OK) {
    return sqlite3_result_error(ctx, "ng_bm25: cannot read the full-text index", -1);
  }
  if (rows <= 0) rows = 1;
  double avgdl = std::max(1.0, static_cast<double>(total) / static_cast<double>(rows));
  // Hits per phrase; on the stack for the usual few words (this runs for 1,000 rows a search).
  double small[16] = {};
  std::vector<double> large(phrases > 16 ? phrases : 0, 0.0);
  double* freq = phrases > 16 ? large.data() : small;
  for (int i = 0; i < n_inst; ++i) {
    int phrase = 0, col = 0, off = 0;
    if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && phrase >= 0 && phrase < phrases) freq[phrase] += 1.0;
  }
  std::vector<int64_t>* counted = n_args < phrases ? CountedDocs(api, fts, phrases) : nullptr;
  double score = 0;
  for (int i = 0; i < phrases; ++i) {
    double docs = static_cast<double>(i < n_args && !counted ? sqlite3_value_int64(args[i]) : (*counted)[i]);
    docs = std::clamp(docs, 0.0, static_cast<double>(rows));
    double idf = std::log((static_cast<double>(rows) - docs + 0.5) / (docs + 0.5));
    if (idf <= 0) idf = 1e-6;
    score += idf * freq[i] * (k1 + 1) / (freq[i] + k1 * (1 - b + b * len / avgdl));
  }
  sqlite3_result_double(ctx, score);
}

void RowsFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  sqlite3_int64 rows = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK) return sqlite3_result_error(ctx, "ng_fts_rows: cannot read the index", -1);
  sqlite3_result_int64(ctx, rows);
}

}  // namespace

std::string MakeSnippet(const std::string& text, const std::vector<FtsToken>& tokens,
                        const std::vector<std::vector<std::string>>& phrases, int n_tokens) {
  const int count = static_cast<int>(tokens.size()), n = std::max(1, n_tokens);
  struct Hit { int pos, len, phrase; };
  std::vector<Hit> hits;
  for (int i = 0; i < count && hits.size() < 10000; ++i) {
    for (size_t p = 0; p < phrases.size(); ++p) {
      const std::vector<std::string>& ph = phrases[p];
      bool match = i + static_cast<int>(ph.size()) <= count;
      for (size_t k = 0; match && k < ph.size(); ++k) match = tokens[i + k].text == ph[k];
      if (match) {
        hits.push_back({i, static_cast<int>(ph.size()), static_cast<int>(p)});
        break;
      }
    }
  }
  // The window of n tokens from a hit that holds the most distinct phrases, then the most hits
  // (FTS5's snippet() scores 1000 per new phrase, 1 per repeat); the earliest on ties.
  int start = 0;
  if (!hits.empty()) {
    long best = -1;
    size_t best_h = 0;
    std::vector<char> seen(phrases.size());
    for (size_t h = 0; h < hits.size(); ++h) {
      std::fill(seen.begin(), seen.end(), 0);
      long score = 0;
      for (size_t k = h; k < hits.size() && hits[k].pos + hits[k].len <= hits[h].pos + n; ++k) {
        score += seen[hits[k].phrase] ? 1 : 1000;
        seen[hits[k].phrase] = 1;
      }
      if (score > best) best = score, best_h = h;
    }
    // Centre the window's hits.
    int first = hits[best_h].pos, last = first + hits[best_h].len;
    for (size_t k = best_h; k < hits.size() && hits[k].pos + hits[k].len <= first + n; ++k) last = hits[k].pos + hits[k].len;
    start = std::clamp(first - (n - (last - first)) / 2, 0, std::max(0, count - n));
  }
  if (count == 0) return "";
  const int end = std::min(count, start + n);
  std::string out = start > 0 ? "…" : "";
  size_t at = start > 0 ? static_cast<size_t>(tokens[start].start) : 0;
  const size_t stop = end < count ? static_cast<size_t>(tokens[end - 1].end) : text.size();
  for (const Hit& h : hits) {
    if (h.pos < start || h.pos + h.len > end) continue;
    size_t a = tokens[h.pos].start, z = tokens[h.pos + h.len - 1].end;
    if (a < at) continue;  // overlaps the hit before
    out.append(text, at, a - at).append("[").append(text, a, z - a).append("]");
    at = z;
  }
  if (at < stop) out.append(text, at, stop - at);
  if (end < count) out += "…";
  return out;
}

bool RegisterFtsFunctions(sqlite3* db, std::string* error) {
  fts5_api* api = FtsApi(db);
  if (!api || api->iVersion < 2) {
    *error = "this SQLite has no FTS5";
    return false;
  }
  auto tok = std::make_shared<Tokenizer>();
  void* user = nullptr;
  const char* args[] = {"remove_diacritics", "0"};
  if (api->xFindTokenizer(api, "unicode61", &user, &tok->api) != SQLITE_OK ||
      tok->api.xCreate(user, args, 2, &tok->inst) != SQLITE_OK) {
    *error = "FTS5's unicode61 tokenizer is missing";
    return false;
  }
  auto destroy = [](void* p) { delete static_cast<TokenizerRef*>(p); };
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2(db, "ng_fts_tokens", 1, flags, new TokenizerRef(tok), TokensFunction, nullptr,
                                      nullptr, destroy);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "ng_snippet", 3, flags, new TokenizerRef(tok), SnippetFunction, nullptr, nullptr,
                                    destroy);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, "ng_bm25", new Lengths, Bm25Function, [](void* p) { delete static_cast<Lengths*>(p); });
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "ng_fts_rows", nullptr, RowsFunction, nullptr);
  if (rc != SQLITE_OK) *error = std::string("registering the search functions: ") + sqlite3_errstr(rc);
  return rc == SQLITE_OK;
}

}  // namespace ng::store
