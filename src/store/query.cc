// query.cc — the read side: event clusters by filters, articles by full-text rank with snippets,
// the summary `make run` prints and one article's events with their evidence.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "newsgraph/analyze.h"
#include "store/store_impl.h"

namespace ng::store {
namespace {

const char* RootName(const std::string& root) {
  static const std::map<std::string, const char*> kRoots = {
      {"01", "Make public statement"}, {"02", "Appeal"}, {"03", "Express intent to cooperate"},
      {"04", "Consult"}, {"05", "Engage in diplomatic cooperation"}, {"06", "Engage in material cooperation"},
      {"07", "Provide aid"}, {"08", "Yield"}, {"09", "Investigate"}, {"10", "Demand"}, {"11", "Disapprove"},
      {"12", "Reject"}, {"13", "Threaten"}, {"14", "Protest"}, {"15", "Exhibit force posture"},
      {"16", "Reduce relations"}, {"17", "Coerce"}, {"18", "Assault"}, {"19", "Fight"},
      {"20", "Use unconventional mass violence"}};
  auto it = kRoots.find(root);
  return it == kRoots.end() ? "" : it->second;
}

// Words of a search string: FTS5 gets each quoted (all must match), PostgreSQL the plain words
// for plainto_tsquery; both tokenise on letters and digits without stemming.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) w += static_cast<char>(c);
    else if (!w.empty()) { out.push_back(w); w.clear(); }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

bool LooksLikeCode(const std::string& s) {
  if (s.empty() || s.size() > 15) return false;
  for (char c : s) if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The 16 PLOVER 2021 categories.
constexpr const char* kPloverCategories[] = {"AGREE",   "CONSULT", "SUPPORT",  "CONCEDE",  "COOPERATE", "AID",
                                             "RETREAT", "REQUEST", "ACCUSE",   "REJECT",   "THREATEN",  "PROTEST",
                                             "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A filter date: YYYY-MM-DD (also YYYY-MM or YYYY), a real day.
Status CheckFilterDate(const char* flag, const std::string& d) {
  std::string full = d.size() == 4 ? d + "-01-01" : d.size() == 7 ? d + "-01" : d;
  if (full.size() == 10 && CheckPublicationDate(full).ok()) return Status::Ok();
  return InvalidArgument(std::string(flag) + " '" + d.substr(0, 40) + "' is not a date: expected YYYY-MM-DD, a real day (2024-02-07)");
}

}  // namespace

// Filter values checked (an unknown value is a usage error naming the valid ones, never a silent
// zero rows) and put in the stored form (upper-case codes).
Result<EventQuery> CheckQuery(EventQuery q) {
  if (!q.country.empty()) {
    q.country = Upper(q.country);
    bool letters = q.country.size() == 3;
    for (char c : q.country) letters &= c >= 'A' && c <= 'Z';
    if (!letters)
      return InvalidArgument("--country '" + q.country + "': expected an ISO 3166 alpha-3 code (3 letters: USA, IRQ, FRA) "
                             "or a non-state code (IGO, UNO, EUR, NGO, IMG, MNC)");
  }
  if (!q.plover.empty()) {
    q.plover = Upper(q.plover);
    bool known = false;
    std::string all;
    for (const char* c : kPloverCategories) {
      known |= q.plover == c;
      all += (all.empty() ? "" : ", ") + std::string(c);
    }
    if (!known) return InvalidArgument("--plover '" + q.plover + "': expected a PLOVER category: " + all);
  }
  if (!q.cameo.empty()) {
    bool digits = q.cameo.size() <= 4;
    for (char c : q.cameo) digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
    std::string root = q.cameo.size() == 1 ? "0" + q.cameo : q.cameo.substr(0, 2);
    if (!digits || root < "01" || root > "20")
      return InvalidArgument("--cameo '" + q.cameo + "': expected a CAMEO code: a root 01 to 20 (19), a base (195) or a "
                             "full code (0254)");
  }
  if (!q.page_type.empty()) {
    q.page_type = Lower(q.page_type);
    bool known = false;
    std::string all;
    for (int t = 0; t <= static_cast<int>(PageType::kOther); ++t) {
      known |= q.page_type == PageTypeName(static_cast<PageType>(t));
      all += (all.empty() ? "" : ", ") + std::string(PageTypeName(static_cast<PageType>(t)));
    }
    if (!known) return InvalidArgument("--page-type '" + q.page_type + "': expected a page type: " + all);
  }
  if (!q.from.empty()) NG_RETURN_IF_ERROR(CheckFilterDate("--from", q.from));
  if (!q.to.empty()) NG_RETURN_IF_ERROR(CheckFilterDate("--to", q.to));
  return q;
}

int64_t DateInt(const std::string& d) {
  std::string digits;
  for (char c : d) if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  if (digits.size() == 4) digits += "0101";
  if (digits.size() == 6) digits += "01";
  return digits.size() == 8 ? std::atoll(digits.c_str()) : -1;
}


// Filters on event columns under `t` (event_clusters or events share the names).
static Status EventFilters(const EventQuery& q, const std::string& t, bool sqlite, Where* w) {
  if (!q.actor.empty()) {
    if (LooksLikeCode(q.actor)) {
      std::string hi = q.actor;
      hi.back() = static_cast<char>(hi.back() + 1);
      w->Add("((" + t + ".actor1_code >= ? AND " + t + ".actor1_code < ?) OR (" + t + ".actor2_code >= ? AND " + t +
                 ".actor2_code < ?))",
             {S(q.actor), S(hi), S(q.actor), S(hi)});
    } else {
      std::string like = "%" + q.actor + "%";
      w->Add("(lower(" + t + ".actor1_name) LIKE lower(?) OR lower(" + t + ".actor2_name) LIKE lower(?))", {S(like), S(like)});
    }
  }
  if (!q.country.empty()) {
    w->Add("(" + t + ".actor1_country = ? OR " + t + ".actor2_country = ? OR " + t + ".geo_country = ?)",
           {S(q.country), S(q.country), S(q.country)});
  }
  if (!q.cameo.empty()) {
    const char* col = q.cameo.size() <= 2 ? ".root_code" : q.cameo.size() == 3 ? ".base_code" : ".event_code";
    w->Add(t + col + " = ?", {S(q.cameo.size() == 1 ? "0" + q.cameo : q.cameo)});
  }
  if (!q.plover.empty()) w->Add(t + ".plover = ?", {S(Upper(q.plover))});
  if (!q.from.empty()) {
    int64_t d = DateInt(q.from);
    if (d < 0) return InvalidArgument("--from: expected YYYY-MM-DD, got '" + q.from + "'");
    w->Add(t + ".sqldate >= ?", {I(d)});
  }
  if (!q.to.empty()) {
    int64_t d = DateInt(q.to);
    if (d < 0) return InvalidArgument("--to: expected YYYY-MM-DD, got '" + q.to + "'");
    w->Add(t + ".sqldate <= ?", {I(d)});
  }
  if (!q.place.empty()) {
    w->Add("(lower(" + t + ".geo_name) LIKE lower(?) OR " + t + ".geo_fips = ? OR " + t + ".geo_adm1 = ? OR " + t +
               ".geo_country = ?)",
           {S("%" + q.place + "%"), S(q.place), S(q.place), S(q.place)});
  }
  (void)sqlite;
  return Status::Ok();
}

// Article ids matching the words (a sub-select), or "" when there are no words.
static std::string TextMatch(const EventQuery& q, bool sqlite, std::vector<Value>* params) {
  std::vector<std::string> words = Words(q.text);
  if (words.empty()) return "";
  std::string expr;
  for (const std::string& w : words) expr += (expr.empty() ? "" : " ") + (sqlite ? "\"" + w + "\"" : w);
  params->push_back(S(expr));
  return sqlite ? "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                : "SELECT id FROM articles WHERE tsv @@ plainto_tsquery('simple', ?)";
}

// Event queries are "the newest N matching": every filter with alternatives (either actor, any of
// three country columns, each code under a prefix) is expanded into branches that are pure ANDs;
// each branch reads an index on (column, sqldate) backwards and stops after N rows, and the union
// of the branches is sorted once. One plan that ORs everything would either sort every match
// (slow for frequent values) or scan by date (slow for rare ones).
Result<QueryResult> StoreImpl::QueryEvents(const EventQuery& query) {
  NG_ASSIGN_OR_RETURN(const EventQuery q, CheckQuery(query));
  struct Alt {
    std::string sql;
    std::vector<Value> params;
  };
  std::vector<std::vector<Alt>> terms;  // AND of ORs
  std::vector<int64_t> most;            // per term: how many of its alternatives one cluster can match
  Where plain;                          // filters without alternatives
  EventQuery rest = q;
  rest.actor.clear();
  rest.country.clear();
  rest.place.clear();
  rest.text.clear();
  NG_RETURN_IF_ERROR(EventFilters(rest, "c", sqlite(), &plain));
  if (q.before_id > 0) {
    // Keyset paging: a range on the (…, sqldate) indexes every branch already reads.
    plain.Add("(c.sqldate < ? OR (c.sqldate = ? AND c.id < ?))", {I(q.before_date), I(q.before_date), I(q.before_id)});
  }
  if (!q.actor.empty()) {
    std::vector<Alt> alts;
    if (LooksLikeCode(q.actor)) {
      std::string hi = q.actor;
      hi.back() = static_cast<char>(hi.back() + 1);
      for (const char* col : {"actor1_code", "actor2_code"}) {
        // The distinct codes under the prefix, by index seeks (USA -> USA, USAGOV, USAMIL, ...).
        std::vector<std::string> codes;
        NG_ASSIGN_OR_RETURN(std::vector<Row> first, db_->Query(std::string("SELECT min(") + col + ") FROM event_clusters WHERE " +
                                                                   col + " >= ? AND " + col + " < ?", {S(q.actor), S(hi)}));
        std::optional<std::string> code = first.empty() ? std::nullopt : first[0][0];
        while (code && codes.size() <= 48) {
          codes.push_back(*code);
          NG_ASSIGN_OR_RETURN(std::vector<Row> next, db_->Query(std::string("SELECT min(") + col + ") FROM event_clusters WHERE " +
                                                                    col + " > ? AND " + col + " < ?", {S(*code), S(hi)}));
          code = next.empty() ? std::nullopt : next[0][0];
        }
        if (codes.size() > 48) {
          alts.push_back({std::string("c.") + col + " >= ? AND c." + col + " < ?", {S(q.actor), S(hi)}});
        } else {
          for (const std::string& c : codes) alts.push_back({std::string("c.") + col + " = ?", {S(c)}});
        }
      }
      if (alts.empty()) alts.push_back({"1 = 0", {}});
    } else {
      std::string like = "%" + q.actor + "%";
      alts.push_back({"lower(c.actor1_name) LIKE lower(?)", {S(like)}});
      alts.push_back({"lower(c.actor2_name) LIKE lower(?)", {S(like)}});
    }
    terms.push_back(std::move(alts));
    most.push_back(2);  // one code (or name) per actor column
  }
  if (!q.country.empty()) {
    terms.push_back({{"c.actor1_country = ?", {S(q.country)}}, {"c.actor2_country = ?", {S(q.country)}},
                     {"c.geo_country = ?", {S(q.country)}}});
    most.push_back(3);
  }
  if (!q.place.empty()) {
    // A code (IZ, IRQ, IZ07) is matched exactly through its index; a name by substring.
    // FIPS country (2 letters), ISO3 country (3), GDELT ADM1 (FIPS + admin code: "IZ07").
    if (LooksLikeCode(q.place) && q.place.size() == 2) {
      terms.push_back({{"c.geo_fips = ?", {S(q.place)}}});
    } else if (LooksLikeCode(q.place) && q.place.size() == 3) {
      terms.push_back({{"c.geo_country = ?", {S(q.place)}}});
    } else if (LooksLikeCode(q.place) && q.place.size() <= 8) {
      terms.push_back({{"c.geo_fips = ? AND c.geo_adm1 = ?", {S(q.place.substr(0, 2)), S(q.place)}}});
    } else {
      terms.push_back({{"lower(c.geo_name) LIKE lower(?)", {S("%" + q.place + "%")}}});
    }
    most.push_back(1);
  }
  std::vector<Value> tp;
  std::string match = TextMatch(q, sqlite(), &tp);
  if (!match.empty()) {
    // Few matching articles: start from them. Many: walk the newest events and keep those with
    // a matching article (the first N are found quickly).
    NG_ASSIGN_OR_RETURN(int64_t hits, QueryInt(*db_, "SELECT count(*) FROM (" + match + " LIMIT 2001) m", tp));
    if (hits <= 2000) {
      terms.push_back({{"c.cluster_key IN (SELECT e.cluster_key FROM events e WHERE e.article_id IN (" + match + "))", tp}});
    } else {
      terms.push_back({{"EXISTS (SELECT 1 FROM events e WHERE e.cluster_key = c.cluster_key AND e.article_id IN (" + match + "))", tp}});
    }
    most.push_back(1);
  }
  // Expand to branches (capped: past 64 the ORs stay inside one branch).
  std::vector<Alt> branches = {{plain.sql.empty() ? "" : plain.sql.substr(7), plain.params}};  // strip " WHERE "
  int64_t copies = 1;  // how many branches one cluster can be in at most
  for (size_t t = 0; t < terms.size(); ++t) {
    const std::vector<Alt>& alts = terms[t];
    bool expand = branches.size() * alts.size() <= 64;
    if (expand) copies *= std::min<int64_t>(most[t], static_cast<int64_t>(alts.size()));
    std::vector<Alt> next;
    if (expand) {
      for (const Alt& b : branches) {
        for (const Alt& a : alts) {
          Alt n = b;
          n.sql += (n.sql.empty() ? "" : " AND ") + a.sql;
          n.params.insert(n.params.end(), a.params.begin(), a.params.end());
          next.push_back(std::move(n));
        }
      }
    } else {
      Alt any;
      for (const Alt& a : alts) {
        any.sql += (any.sql.empty() ? "(" : " OR ") + a.sql;
        any.params.insert(any.params.end(), a.params.begin(), a.params.end());
      }
      any.sql += ")";
      for (Alt b : branches) {
        b.sql += (b.sql.empty() ? "" : " AND ") + any.sql;
        b.params.insert(b.params.end(), any.params.begin(), any.params.end());
        next.push_back(std::move(b));
      }
    }
    branches = std::move(next);
  }
  const std::string cols =
      "SELECT c.id, c.sqldate, c.actor1_code, c.actor1_name, c.actor2_code, c.actor2_name, c.event_code, "
      "c.root_code, c.plover, c.goldstein, c.quad_class, c.geo_name, c.geo_country, c.num_mentions, "
      "c.num_sources, c.num_articles, c.source_url FROM event_clusters c";
  const std::string order = " ORDER BY c.sqldate DESC, c.id DESC LIMIT ?";
  std::string sql;
  std::vector<Value> params;
  if (branches.size() == 1) {
    sql = cols + (branches[0].sql.empty() ? "" : " WHERE " + branches[0].sql) + order;
    params = branches[0].params;
  } else {
    // Each branch's newest ids with their dates (from the covering index, no row read); the
    // newest limit × copies of the union hold the newest `limit` distinct clusters, and only
    // those rows are read.
    std::string u;
    for (size_t i = 0; i < branches.size(); ++i) {
      u += (i ? " UNION ALL " : "") + std::string("SELECT id, sqldate FROM (SELECT c.id, c.sqldate FROM event_clusters c WHERE ") +
           branches[i].sql + order + ") b" + std::to_string(i);
      params.insert(params.end(), branches[i].params.begin(), branches[i].params.end());
      params.push_back(I(q.limit));
    }
    sql = cols + " WHERE c.id IN (SELECT id FROM (" + u + ") u ORDER BY sqldate DESC, id DESC LIMIT ?)" + order;
    params.push_back(I(q.limit * copies));
  }
  params.push_back(I(q.limit));
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db_->Query(sql, params));
  QueryResult r;
  r.columns = {"id", "date", "actor1", "actor1_name", "actor2", "actor2_name", "cameo", "root", "plover",
               "goldstein", "quad", "place", "place_country", "mentions", "sources", "articles", "url"};
  r.numeric = {true, false, false, false, false, false, false, false, false,
               true, true, false, false, true, true, true, false};
  for (Row& row : rows) {
    std::vector<std::string> out;
    for (size_t i = 0; i < row.size(); ++i) out.push_back(i == 9 ? FormatDouble(row[i], 1) : Str(row[i]));
    r.rows.push_back(std::move(out));
  }
  return r;
}

struct SearchCounts {
  struct WordDocs { int64_t docs, rows; };
  std::mutex mu;
  std::unordered_map<std::string, WordDocs> docs;
  int64_t rows = -1;  // articles in the full-text index, as last seen (-1: not yet)
};

namespace {
std::shared_ptr<SearchCounts> SharedSearchCounts(const std::string& target) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<SearchCounts>> all;  // dropped with the last store
  std::lock_guard<std::mutex> lock(mu);
  std::erase_if(all, [](const auto& kv) { return kv.second.expired(); });
  std::shared_ptr<SearchCounts> c = all[target].lock();
  if (!c) all[target] = c = std::make_shared<SearchCounts>();
  return c;
}
}  // namespace

Result<std::vector<int64_t>> StoreImpl::SearchWordDocs(const std::vector<std::string>& words) {
  if (!search_vocab_) {
    // A temp table: read-only connections can make one; it reads main's index.
    NG_RETURN_IF_ERROR(db_->Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.ng_articles_vocab "
                                 "USING fts5vocab(main, articles_fts, row)"));
    search_vocab_ = true;
    search_counts_ = SharedSearchCounts(target_);
  }
  SearchCounts& c = *search_counts_;
  int64_t rows;
  {
    std::lock_guard<std::mutex> lock(c.mu);
    rows = c.rows;
  }
  if (rows < 0) {
    NG_ASSIGN_OR_RETURN(rows, QueryInt(*db_, "SELECT count(*) FROM articles"));
    std::lock_guard<std::mutex> lock(c.mu);
    c.rows = rows;
  }
  std::vector<int64_t> out;
  for (const std::string& w : words) {
    {
      std::lock_guard<std::mutex> lock(c.mu);
      auto it = c.docs.find(w);
      // Counted again once the index has grown (or shrunk: a new file at the same path) by a twentieth.
      if (it != c.docs.end() && std::llabs(c.rows - it->second.rows) <= it->second.rows / 20) {
        out.push_back(it->second.docs);
        continue;
      }
      rows = c.rows;
    }
    // Counted outside the lock (~10 ms for a word in every article, once per process). A word FTS5
    // splits into several tokens ("l’Irak") is a phrase: its count is at most the rarest token's.
    // -1: the word has no token at all ("—").
    NG_ASSIGN_OR_RETURN(std::vector<Row> tok, db_->Query("SELECT ng_fts_tokens(?)", {S(w)}));
    std::string tokens = !tok.empty() && tok[0][0] ? *tok[0][0] : "";
    int64_t docs = -1;
    size_t from = 0;
    while (from < tokens.size()) {
      size_t sp = std::min(tokens.find(' ', from), tokens.size());
      NG_ASSIGN_OR_RETURN(int64_t d, QueryInt(*db_, "SELECT doc FROM temp.ng_articles_vocab WHERE term = ?",
                                              {S(tokens.substr(from, sp - from))}));
      docs = docs < 0 ? d : std::min(docs, d);
      from = sp + 1;
    }
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.docs.size() > 100000) c.docs.clear();  // any words clients send: bounded
    c.docs.insert_or_assign(w, SearchCounts::WordDocs{docs, rows});
    out.push_back(docs);
  }
  return out;
}

Result<QueryResult> StoreImpl::QueryArticles(const EventQuery& query) {
  NG_ASSIGN_OR_RETURN(const EventQuery q, CheckQuery(query));
  EventQuery eq = q;
  eq.text.clear();
  Where ew;
  NG_RETURN_IF_ERROR(EventFilters(eq, "e", sqlite(), &ew));
  std::string events = ew.sql.empty() ? "" : " IN (SELECT e.article_id FROM events e" + ew.sql + ")";
  NG_ASSIGN_OR_RETURN(const std::string articles, ArticlesTable());
  // --page-type: among the candidates, like the event filters (an article's own column).
  std::string page_type = q.page_type.empty() ? "" : " IN (SELECT id FROM " + articles + " x WHERE x.page_type = ?)";
  if (!q.page_type.empty()) ew.params.push_back(S(q.page_type));
  std::vector<Value> params;
  std::string sql;
  std::vector<std::string> words = Words(q.text);
  if (!words.empty()) {
    std::string expr;
    for (const std::string& x : words) expr += (expr.empty() ? "" : " ") + (sqlite() ? "\"" + x + "\"" : x);
    params.push_back(S(expr));
    for (auto& v : ew.params) params.push_back(v);
    params.push_back(I(q.limit));
    if (sqlite()) {
      // FTS5's bm25() would count each word's articles over its whole doclist on every query
      // (~12 ms for a word in every article) and snippet() re-runs the match per row: ng_bm25 is
      // the same formula with the counts given (SearchWordDocs' cache), ranking the newest
      // kSearchCandidates matches (FTS5 walks its doclists newest first and stops); the `limit`
      // best get their article row and a snippet made from its text (fts_search.h).
      NG_ASSIGN_OR_RETURN(std::vector<int64_t> docs, SearchWordDocs(words));
      std::string phrases, counts;
      params.clear();
      for (const std::string& x : words) phrases += (phrases.empty() ? "" : "\n") + x;
      params.push_back(S(phrases));
      for (int64_t d : docs) {
        if (d < 0) continue;  // no token (only punctuation): FTS5 drops the phrase, so no count
        counts += ", ?";
        params.push_back(I(d));
      }
      params.push_back(S(expr));
      for (auto& v : ew.params) params.push_back(v);
      params.push_back(I(kSearchCandidates));
      params.push_back(I(q.limit));
      sql = "SELECT a.id, a.pub_date, a.title, a.url, t.score, ng_snippet(a.text, ?, 16), a.page_type, t.n "
            "FROM (SELECT id, score, n FROM (SELECT rowid AS id, ng_bm25(articles_fts" + counts + ") AS score, "
            "ng_fts_rows(articles_fts) AS n FROM articles_fts WHERE articles_fts MATCH ?" +
            (events.empty() ? "" : " AND rowid" + events) + (page_type.empty() ? "" : " AND rowid" + page_type) +
            " ORDER BY rowid DESC LIMIT ?) ORDER BY score DESC, id LIMIT ?) t CROSS JOIN " + articles + " a "
            "WHERE a.id = t.id ORDER BY t.score DESC, a.id";
    } else {
      // ts_headline only for the rows that made the limit (ts_rank is cheap next to bm25: all
      // matches are ranked).
      sql = "SELECT t.id, t.pub_date, t.title, t.url, t.score, ts_headline('simple', t.text, plainto_tsquery('simple', ?), "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=8'), t.page_type FROM (SELECT a.id, a.pub_date, a.title, a.url, "
            "a.text, a.page_type, ts_rank(a.tsv, tq) AS score FROM " + articles + " a, plainto_tsquery('simple', ?) tq "
            "WHERE a.tsv @@ tq" + (events.empty() ? "" : " AND a.id" + events) +
            (page_type.empty() ? "" : " AND a.id" + page_type) + " ORDER BY score DESC, a.id LIMIT ?) t "
            "ORDER BY t.score DESC, t.id";
      params.insert(params.begin(), S(expr));
    }
  } else {
    std::string where = events.empty() ? "" : " WHERE a.id" + events;
    if (!page_type.empty()) where += (where.empty() ? " WHERE a.id" : " AND a.id") + page_type;
    sql = "SELECT a.id, a.pub_date, a.title, a.url, 0, substr(a.text, 1, 160), a.page_type FROM " + articles + " a" + where +
          " ORDER BY a.pub_date DESC, a.id LIMIT ?";
    for (auto& v : ew.params) params.push_back(v);
    params.push_back(I(q.limit));
  }
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db_->Query(sql, params));
  if (!rows.empty() && rows[0].size() > 7 && rows[0][7] && search_counts_) {
    std::lock_guard<std::mutex> lock(search_counts_->mu);
    search_counts_->rows = std::strtoll(rows[0][7]->c_str(), nullptr, 10);
  }
  QueryResult r;
  r.columns = {"id", "date", "page_type", "title", "url", "score", "snippet"};
  r.numeric = {true, false, false, false, false, true, false};
  for (Row& row : rows) {
    std::string snip = Str(row[5]);
    for (char& c : snip) if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    r.rows.push_back({Str(row[0]), Str(row[1]), Str(row[6]), Str(row[2]), Str(row[3]), FormatDouble(row[4], 3), snip});
  }
  return r;
}

Result<StoreSummary> StoreImpl::Summary() {
  StoreSummary s;
  auto count = [&](const char* sql, int64_t* out) -> Status {
    NG_ASSIGN_OR_RETURN(*out, QueryInt(*db_, sql));
    return Status::Ok();
  };
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM documents", &s.documents));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM articles", &s.articles));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM documents WHERE status = 'failed'", &s.failed));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM entities", &s.entities));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM mentions", &s.mentions));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM quantities", &s.quantities));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM events", &s.events));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM event_clusters", &s.event_clusters));
  NG_RETURN_IF_ERROR(count("SELECT count(DISTINCT dup_of) FROM articles WHERE dup_of <> id", &s.dup_clusters));
  NG_RETURN_IF_ERROR(count("SELECT count(*) FROM articles WHERE dup_of <> id", &s.dup_articles));
  NG_ASSIGN_OR_RETURN(std::vector<Row> roots,
                      db_->Query("SELECT root_code, count(*) FROM events GROUP BY root_code ORDER BY root_code"));
  for (const Row& r : roots) {
    std::string root = Str(r[0]);
    s.events_by_root.emplace_back(root + " " + RootName(root), std::atoll(Str(r[1]).c_str()));
  }
  NG_ASSIGN_OR_RETURN(std::vector<Row> pairs,
                      db_->Query("SELECT actor1_code, actor2_code, count(*) AS n FROM events WHERE actor1_code <> '' "
                                 "GROUP BY actor1_code, actor2_code ORDER BY n DESC, actor1_code, actor2_code LIMIT 10"));
  for (const Row& r : pairs) {
    std::string b = Str(r[1]);
    s.top_actor_pairs.emplace_back(Str(r[0]) + " -> " + (b.empty() ? "(none)" : b), std::atoll(Str(r[2]).c_str()));
  }
  NG_ASSIGN_OR_RETURN(std::vector<Row> ents,
                      db_->Query("SELECT e.name, e.kind, count(*) AS n FROM mentions m JOIN entities e ON e.id = m.entity_id "
                                 "GROUP BY e.id, e.name, e.kind ORDER BY n DESC, e.name, e.kind LIMIT 10"));
  for (const Row& r : ents) s.top_entities.emplace_back(Str(r[0]) + " (" + Str(r[1]) + ")", std::atoll(Str(r[2]).c_str()));
  return s;
}

Result<QueryResult> StoreImpl::ArticleEvents(const std::string& url_suffix) {
  NG_ASSIGN_OR_RETURN(std::vector<Row> arts,
                      db_->Query("SELECT a.id, a.text, a.title FROM articles a JOIN documents d ON d.id = a.id "
                                 "WHERE a.url LIKE ? OR d.url LIKE ? OR d.source LIKE ? ORDER BY a.id LIMIT 1",
                                 {S("%" + url_suffix), S("%" + url_suffix), S("%" + url_suffix)}));
  if (arts.empty()) return NotFound("no stored article whose URL or path ends with '" + url_suffix + "'");
  std::string text = Str(arts[0][1]);
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      db_->Query("SELECT id, sqldate, actor1_code, event_code, actor2_code, plover, goldstein, geo_name, "
                                 "sentence_begin, sentence_end, rules FROM events WHERE article_id = ? ORDER BY ordinal",
                                 {I(std::atoll(Str(arts[0][0]).c_str()))}));
  QueryResult r;
  r.columns = {"id", "date", "actor1", "cameo", "actor2", "plover", "goldstein", "place", "evidence"};
  r.numeric = {true, false, false, false, false, false, true, false, false};
  for (const Row& row : rows) {
    size_t b = std::strtoull(Str(row[8]).c_str(), nullptr, 10), e = std::strtoull(Str(row[9]).c_str(), nullptr, 10);
    std::string ev = b < e && e <= text.size() ? text.substr(b, e - b) : "";
    for (char& c : ev) if (c == '\n' || c == '\t') c = ' ';
    r.rows.push_back({Str(row[0]), Str(row[1]), Str(row[2]), Str(row[3]), Str(row[4]), Str(row[5]),
                      FormatDouble(row[6], 1), Str(row[7]), ev});
  }
  return r;
}

}  // namespace ng::store

namespace ng::store {

// Group-bys over the clusters the filters select, with the same filters as QueryEvents (one
// plan here: an aggregate reads every match anyway, so there is no "newest N" to stop early at).
Result<QueryResult> StoreImpl::Aggregate(const EventQuery& q, AggregateBy by) {
  NG_ASSIGN_OR_RETURN(std::optional<QueryResult> summed, AggregateFromRollups(q, by));
  if (summed) return *std::move(summed);
  EventQuery f = q;
  f.text.clear();
  Where w;
  NG_RETURN_IF_ERROR(EventFilters(f, "c", sqlite(), &w));
  std::vector<Value> tp;
  std::string match = TextMatch(q, sqlite(), &tp);
  if (!match.empty()) {
    w.Add("c.cluster_key IN (SELECT e.cluster_key FROM events e WHERE e.article_id IN (" + match + "))", std::move(tp));
  }
  QueryResult r;
  std::string key, labels, order;
  size_t doubles_from = 0;  // lat/lon columns before the counts (kPlace)
  switch (by) {
    case AggregateBy::kDay:
      key = "c.sqldate";
      order = "c.sqldate";
      r.columns = {"date"};
      break;
    case AggregateBy::kDyad:
      w.Add("c.actor1_code <> '' AND c.actor2_code <> ''", {});
      key = "c.actor1_code, c.actor2_code";
      labels = ", min(c.actor1_name), min(c.actor2_name)";
      order = "n DESC, c.actor1_code, c.actor2_code";
      r.columns = {"actor1", "actor2", "actor1_name", "actor2_name"};
      break;
    case AggregateBy::kCountry:
      w.Add("c.geo_country <> ''", {});
      key = "c.geo_country";
      order = "n DESC, c.geo_country";
      r.columns = {"country"};
      break;
    case AggregateBy::kPlace:
      w.Add("c.geo_name <> ''", {});
      key = "c.geo_name, c.geo_country, c.geo_lat, c.geo_lon";
      order = "n DESC, c.geo_name, c.geo_country, c.geo_lat, c.geo_lon";
      r.columns = {"place", "country", "lat", "lon"};
      doubles_from = 2;
      break;
  }
  std::vector<Value> params = w.params;
  params.push_back(I(q.limit));
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      db_->Query("SELECT " + key + labels + ", count(*) AS n, avg(c.goldstein), sum(c.num_mentions) "
                                 "FROM event_clusters c" + w.sql + " GROUP BY " + key + " ORDER BY " + order + " LIMIT ?",
                                 params));
  return AggregateResult(std::move(r.columns), doubles_from, rows);
}

QueryResult AggregateResult(std::vector<std::string> columns, size_t doubles_from, const std::vector<Row>& rows) {
  QueryResult r;
  size_t groups = columns.size();
  r.columns = std::move(columns);
  r.columns.insert(r.columns.end(), {"events", "goldstein", "mentions"});
  for (const Row& row : rows) {
    std::vector<std::string> out;
    for (size_t i = 0; i < row.size(); ++i) {
      bool dbl = (doubles_from && i >= doubles_from && i < groups) || i == groups + 1;
      out.push_back(dbl ? FormatDouble(row[i], i == groups + 1 ? 2 : 4) : Str(row[i]));
    }
    r.rows.push_back(std::move(out));
  }
  return r;
}

}  // namespace ng::store
