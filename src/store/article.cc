// article.cc — one article in full for a reader (its text, the entities, quantities, places and
// events found in it with their byte offsets, readers' reviews, related articles), and the
// review write: a judgement goes into its own table and never changes the coder's event.
#include <cctype>
#include <cstdlib>

#include "base/clock.h"
#include "base/json_writer.h"
#include "store/store_impl.h"

namespace ng::store {
namespace {

Result<QueryResult> Table(Db& db, std::vector<std::string> columns, const std::string& sql,
                          const std::vector<Value>& params, const std::vector<size_t>& doubles = {}) {
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query(sql, params));
  QueryResult r;
  r.columns = std::move(columns);
  for (const Row& row : rows) {
    std::vector<std::string> out;
    out.reserve(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      bool dbl = false;
      for (size_t d : doubles) dbl |= d == i;
      out.push_back(dbl ? FormatDouble(row[i], 4) : Str(row[i]));
    }
    r.rows.push_back(std::move(out));
  }
  return r;
}

bool AllDigits(const std::string& s) {
  for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

bool IsoDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  if (!AllDigits(d.substr(0, 4)) || !AllDigits(d.substr(5, 2)) || !AllDigits(d.substr(8, 2))) return false;
  int m = std::atoi(d.substr(5, 2).c_str()), day = std::atoi(d.substr(8, 2).c_str());
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

// Actor codes are CAMEO-style: upper-case letters and digits, a few triples long.
bool ActorCode(const std::string& s) {
  if (s.size() > 30) return false;
  for (char c : s) if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

Result<bool> StoreImpl::HasReviews() {
  NG_ASSIGN_OR_RETURN(int64_t n, QueryInt(*db_, sqlite() ? "SELECT count(*) FROM sqlite_master WHERE name = 'reviews'"
                                                        : "SELECT count(*) FROM pg_tables WHERE tablename = 'reviews'"));
  return n > 0;
}

Result<std::string> StoreImpl::ArticlesTable() {
  if (!has_page_type_) {
    NG_ASSIGN_OR_RETURN(int64_t n, QueryInt(*db_, sqlite() ? "SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'page_type'"
                                                          : "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                                            "current_schema() AND table_name = 'articles' AND column_name = 'page_type'"));
    if (n == 0) return std::string("(SELECT *, 'article' AS page_type, '' AS page_type_reason FROM articles)");
    has_page_type_ = true;
  }
  return std::string("articles");
}

Result<ArticleDetail> StoreImpl::ReadArticle(int64_t id) {
  ArticleDetail d;
  std::vector<Value> p = {I(id)};
  NG_ASSIGN_OR_RETURN(std::string articles, ArticlesTable());
  NG_ASSIGN_OR_RETURN(d.article, Table(*db_, {"id", "url", "title", "published", "date", "language", "site_name", "section",
                                              "authors", "description", "tone", "word_count", "dup_of", "page_type",
                                              "page_type_reason", "text"},
                                       "SELECT id, url, title, published, pub_date, language, site_name, section, authors, "
                                       "description, tone, word_count, dup_of, page_type, page_type_reason, text FROM " +
                                           articles + " a WHERE id = ?",
                                       p, {10}));
  if (d.article.rows.empty()) return NotFound("no article with id " + std::to_string(id));
  NG_ASSIGN_OR_RETURN(d.entities, Table(*db_, {"begin", "end", "text", "mention_kind", "role", "title", "sentence", "entity_id",
                                               "kind", "name", "country"},
                                        "SELECT m.begin_offset, m.end_offset, m.text, m.mention_kind, m.role, m.title, m.sentence, "
                                        "e.id, e.kind, e.name, e.country FROM mentions m JOIN entities e ON e.id = m.entity_id "
                                        "WHERE m.article_id = ? ORDER BY m.ordinal",
                                        p));
  NG_ASSIGN_OR_RETURN(d.quantities, Table(*db_, {"begin", "end", "text", "value", "value_max", "qualifier", "unit", "kind",
                                                 "country", "sentence"},
                                          "SELECT begin_offset, end_offset, text, value, value_max, qualifier, unit, kind, country, "
                                          "sentence FROM quantities WHERE article_id = ? ORDER BY ordinal",
                                          p, {3, 4}));
  NG_ASSIGN_OR_RETURN(d.places, Table(*db_, {"kind", "name", "country", "fips", "adm1", "lat", "lon", "mentions"},
                                      "SELECT kind, name, country, fips, adm1, lat, lon, mention_count FROM places "
                                      "WHERE article_id = ? ORDER BY ordinal",
                                      p, {5, 6}));
  NG_ASSIGN_OR_RETURN(d.events, Table(*db_, {"id", "cluster_id", "date", "sentence_begin", "sentence_end", "actor1", "actor1_name",
                                             "actor1_text", "actor1_begin", "actor1_end", "actor2", "actor2_name", "actor2_text",
                                             "actor2_begin", "actor2_end", "verb_begin", "verb_end", "cameo", "root", "plover",
                                             "goldstein", "quad", "place", "place_country", "lat", "lon", "quantities", "rules"},
                                      "SELECT e.id, c.id, e.sqldate, e.sentence_begin, e.sentence_end, e.actor1_code, e.actor1_name, "
                                      "e.actor1_text, e.actor1_begin, e.actor1_end, e.actor2_code, e.actor2_name, e.actor2_text, "
                                      "e.actor2_begin, e.actor2_end, e.verb_begin, e.verb_end, e.event_code, e.root_code, e.plover, "
                                      "e.goldstein, e.quad_class, e.geo_name, e.geo_country, e.geo_lat, e.geo_lon, e.quantities, "
                                      "e.rules FROM events e LEFT JOIN event_clusters c ON c.cluster_key = e.cluster_key "
                                      "WHERE e.article_id = ? ORDER BY e.ordinal",
                                      p, {20, 24, 25}));
  d.reviews.columns = {"id", "event_id", "verdict", "cameo", "actor1", "actor2", "date", "note", "reviewer", "created_at"};
  NG_ASSIGN_OR_RETURN(bool reviews, HasReviews());
  if (reviews) {
    NG_ASSIGN_OR_RETURN(d.reviews, Table(*db_, d.reviews.columns,
                                         "SELECT r.id, r.event_id, r.verdict, r.event_code, r.actor1_code, r.actor2_code, "
                                         "r.event_date, r.note, r.reviewer, r.created_at FROM reviews r JOIN events e "
                                         "ON e.id = r.event_id WHERE e.article_id = ? ORDER BY r.id",
                                         p));
  }
  // Near-duplicates (the same wire copy) first, then articles that report one of the same events.
  NG_ASSIGN_OR_RETURN(d.related, Table(*db_, {"id", "title", "url", "date", "relation"},
                                       "SELECT a.id, a.title, a.url, a.pub_date, 'near-duplicate' FROM articles a "
                                       "WHERE a.dup_of = (SELECT dup_of FROM articles WHERE id = ?) AND a.id <> ? "
                                       "UNION SELECT a.id, a.title, a.url, a.pub_date, 'same event' FROM articles a "
                                       "WHERE a.id IN (SELECT o.article_id FROM events o WHERE o.article_id <> ? AND o.cluster_key IN "
                                       "(SELECT e.cluster_key FROM events e WHERE e.article_id = ?)) "
                                       "AND COALESCE(a.dup_of, a.id) <> (SELECT COALESCE(dup_of, id) FROM articles WHERE id = ?) "
                                       "ORDER BY 5, 1 LIMIT 50",
                                       {I(id), I(id), I(id), I(id), I(id)}));
  return d;
}

Result<int64_t> StoreImpl::AddReview(const Review& r) {
  if (r.verdict != "right" && r.verdict != "wrong" && r.verdict != "corrected") {
    return InvalidArgument("verdict must be right, wrong or corrected, got '" + r.verdict.substr(0, 40) + "'");
  }
  bool corrected = r.verdict == "corrected";
  if (!corrected && !(r.cameo.empty() && r.actor1.empty() && r.actor2.empty() && r.date.empty())) {
    return InvalidArgument("cameo, actor1, actor2 and date are corrections: give them with verdict 'corrected'");
  }
  if (corrected && r.cameo.empty() && r.actor1.empty() && r.actor2.empty() && r.date.empty()) {
    return InvalidArgument("verdict 'corrected' needs at least one of cameo, actor1, actor2, date");
  }
  if (!r.cameo.empty() && (r.cameo.size() < 2 || r.cameo.size() > 4 || !AllDigits(r.cameo))) {
    return InvalidArgument("cameo must be a CAMEO code of 2 to 4 digits (19, 190, 0254)");
  }
  if (!ActorCode(r.actor1) || !ActorCode(r.actor2)) {
    return InvalidArgument("actor codes are upper-case letters and digits (USA, IRQMIL), at most 30");
  }
  if (!r.date.empty() && !IsoDate(r.date)) return InvalidArgument("date must be YYYY-MM-DD, got '" + r.date.substr(0, 40) + "'");
  if (r.note.size() > 4000 || r.reviewer.size() > 200) return InvalidArgument("note (4000) or reviewer (200 bytes) too long");
  if (in_batch_) NG_RETURN_IF_ERROR(Commit());
  NG_ASSIGN_OR_RETURN(int64_t exists, QueryInt(*db_, "SELECT count(*) FROM events WHERE id = ?", {I(r.event_id)}));
  if (exists == 0) return NotFound("no event with id " + std::to_string(r.event_id));
  NG_RETURN_IF_ERROR(db_->Begin());
  Result<int64_t> last = QueryInt(*db_, "SELECT max(id) FROM reviews");
  int64_t id = last.ok() ? *last + 1 : 0;
  Status st = last.status();
  if (st.ok()) {
    st = db_->Exec("INSERT INTO reviews (id, event_id, verdict, event_code, actor1_code, actor2_code, event_date, note, "
                   "reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {I(id), I(r.event_id), S(r.verdict), S(r.cameo), S(r.actor1), S(r.actor2), S(r.date), S(r.note),
                    S(r.reviewer), S(NowIso8601())});
  }
  if (st.ok()) st = db_->Commit();
  if (!st.ok()) {
    db_->Rollback();
    return st;
  }
  return id;
}

// One JSON line per review in the shape of the event gold sets (records.jsonl: id, set, lang,
// date, text, events[{source, target, code}]): `events` holds the event as the reader judged it
// (empty when wrong), `coded` what the coder said, `review` the judgement itself.
Status StoreImpl::ExportReviews(std::ostream& out) {
  NG_ASSIGN_OR_RETURN(bool reviews, HasReviews());
  if (!reviews) return Status::Ok();
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      db_->Query("SELECT r.id, r.event_id, r.verdict, r.event_code, r.actor1_code, r.actor2_code, r.event_date, "
                                 "r.note, r.reviewer, r.created_at, e.sqldate, e.actor1_code, e.actor2_code, e.event_code, "
                                 "e.plover, e.sentence_begin, e.sentence_end, a.text, a.language, a.url, a.id "
                                 "FROM reviews r JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = e.article_id "
                                 "ORDER BY r.id"));
  for (const Row& r : rows) {
    std::string sqldate = Str(r[10]);
    std::string coded_date = sqldate.size() == 8 ? sqldate.substr(0, 4) + "-" + sqldate.substr(4, 2) + "-" + sqldate.substr(6, 2) : "";
    auto pick = [&](size_t mine, size_t coder) { return Str(r[mine]).empty() ? Str(r[coder]) : Str(r[mine]); };
    const std::string text = Str(r[17]);
    size_t b = std::strtoull(Str(r[15]).c_str(), nullptr, 10), e = std::strtoull(Str(r[16]).c_str(), nullptr, 10);
    std::string line;
    JsonWriter w(&line);
    auto str = [&](const char* k, const std::string& v) { w.Key(k); w.String(v); };
    auto num = [&](const char* k, size_t col) { w.Key(k); w.Int(std::atoll(Str(r[col]).c_str())); };
    // source / target / code (null for an empty actor), as the gold records write them
    auto event = [&](const std::string& src, const std::string& tgt, const std::string& code) {
      w.Key("source");
      w.StringOrNull(src);
      w.Key("target");
      w.StringOrNull(tgt);
      str("code", code);
    };
    w.BeginObject();
    str("id", "review-" + Str(r[0]));
    str("set", "newsgraph-reviews");
    str("lang", Str(r[18]).empty() ? "en" : Str(r[18]));
    str("date", Str(r[6]).empty() ? coded_date : Str(r[6]));
    str("text", b < e && e <= text.size() ? text.substr(b, e - b) : "");
    w.Key("events");
    w.BeginArray();
    if (Str(r[2]) != "wrong") {
      w.BeginObject();
      event(pick(4, 11), pick(5, 12), pick(3, 13));
      w.EndObject();
    }
    w.EndArray();
    w.Key("coded");
    w.BeginObject();
    num("event_id", 1);
    event(Str(r[11]), Str(r[12]), Str(r[13]));
    str("plover", Str(r[14]));
    str("date", coded_date);
    w.EndObject();
    w.Key("review");
    w.BeginObject();
    num("id", 0);
    str("verdict", Str(r[2]));
    str("note", Str(r[7]));
    str("reviewer", Str(r[8]));
    str("created_at", Str(r[9]));
    w.EndObject();
    num("article_id", 20);
    str("url", Str(r[19]));
    w.EndObject();
    out << line << '\n';
  }
  return out ? Status::Ok() : IoError("write failed");
}

}  // namespace ng::store
