// api.cc — the routes of the JSON API, without HTTP: parameters → checked ng::EventQuery → the
// store's own queries (QueryEvents, QueryArticles, Aggregate, Article, AddReview) → JSON. Every
// bad input is a 4xx with a message that names the parameter; nothing here builds SQL.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

#include "base/json_writer.h"
#include "newsgraph/analyze.h"
#include "newsgraph/pipeline.h"
#include "newsgraph/serve.h"
#include "newsgraph/store.h"
#include "serve/static_files.h"

namespace ng {
namespace {

constexpr const char* kVersion = "0.1.0";
constexpr size_t kMaxParamBytes = 200;

// POST /api/ingest's parameters.
const std::vector<std::string> kIngestNames = {"url", "date"};

// An HTTP error as a value: status + the store-style code name + message.
struct HttpError {
  int status;
  std::string code, message;
};

ApiResponse ErrorResponse(const HttpError& e) {
  ApiResponse r;
  r.status = e.status;
  JsonWriter w(&r.body);
  w.BeginObject();
  w.Key("error");
  w.BeginObject();
  w.Key("code");
  w.String(e.code);
  w.Key("message");
  w.String(e.message);
  w.EndObject();
  w.EndObject();
  return r;
}

HttpError FromStatus(const Status& st) {
  switch (st.code()) {
    case Code::kInvalidArgument: return {400, "invalid_argument", st.message()};
    case Code::kNotFound: return {404, "not_found", st.message()};
    case Code::kResourceExhausted: return {503, "resource_exhausted", st.message()};
    case Code::kUnavailable: return {503, "unavailable", st.message()};
    default: return {500, std::string(CodeName(st.code())), st.message()};
  }
}

// Parameter values are echoed in messages: keep them short and printable.
std::string Quote(std::string_view v) {
  std::string out = "'";
  for (char c : v.substr(0, 60)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return out + (v.size() > 60 ? "…'" : "'");
}

bool ValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// YYYY, YYYY-MM or YYYY-MM-DD with a month 1–12 and a day 1–31 (what the store's filter reads).
bool DateParam(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!Digits(d.substr(0, 4))) return false;
  if (d.size() >= 7) {
    if (d[4] != '-' || !Digits(d.substr(5, 2))) return false;
    int m = std::atoi(std::string(d.substr(5, 2)).c_str());
    if (m < 1 || m > 12) return false;
  }
  if (d.size() == 10) {
    if (d[7] != '-' || !Digits(d.substr(8, 2))) return false;
    int day = std::atoi(std::string(d.substr(8, 2)).c_str());
    if (day < 1 || day > 31) return false;
  }
  return true;
}

// Columns whose values are numbers in JSON (when the value is one: an article's "date" is text).
bool NumericColumn(const std::string& c) {
  static const std::set<std::string> kNumeric = {
      "id", "cluster_id", "event_id", "entity_id", "article_id", "date", "goldstein", "quad", "mentions", "sources",
      "articles", "score", "events", "begin", "end", "sentence", "sentence_begin", "sentence_end", "actor1_begin",
      "actor1_end", "actor2_begin", "actor2_end", "verb_begin", "verb_end", "value", "value_max", "lat", "lon", "tone",
      "word_count", "dup_of"};
  return kNumeric.count(c) > 0;
}

// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool JsonNumber(std::string_view v) {
  size_t i = 0, n = v.size();
  auto digits = [&]() {
    size_t s = i;
    while (i < n && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    return i > s;
  };
  if (i < n && v[i] == '-') ++i;
  if (i < n && v[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && v[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < n && (v[i] == '+' || v[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n && n > 0;
}

void WriteRow(JsonWriter& w, const std::vector<std::string>& columns, const std::vector<std::string>& row) {
  w.BeginObject();
  for (size_t i = 0; i < columns.size() && i < row.size(); ++i) {
    w.Key(columns[i]);
    const std::string& v = row[i];
    if (NumericColumn(columns[i]) && JsonNumber(v)) {
      w.RawNumber(v);
    } else if (NumericColumn(columns[i]) && v.empty()) {
      w.Null();
    } else {
      w.String(ValidUtf8(v) ? v : std::string("\xEF\xBF\xBD"));
    }
  }
  w.EndObject();
}

void WriteRows(JsonWriter& w, const QueryResult& r) {
  w.BeginArray();
  for (const auto& row : r.rows) WriteRow(w, r.columns, row);
  w.EndArray();
}

// The parsed, checked parameters of one request.
struct Params {
  std::map<std::string, std::string> values;
  const std::string* Get(const std::string& k) const {
    auto it = values.find(k);
    return it == values.end() ? nullptr : &it->second;
  }
};

const std::vector<std::string> kFilterNames = {"q", "actor", "country", "cameo", "plover", "from", "to", "place", "limit"};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Unknown, repeated, oversized or non-UTF-8 parameters are refused before anything runs.
std::optional<HttpError> ReadParams(const ApiRequest& req, const std::vector<std::string>& allowed, Params* out) {
  for (const auto& [k, v] : req.params) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      return HttpError{400, "invalid_argument",
                       "unknown parameter " + Quote(k) + (allowed.empty() ? std::string("; this endpoint takes none")
                                                                         : "; known: " + Join(allowed))};
    }
    if (v.size() > kMaxParamBytes) {
      return HttpError{400, "invalid_argument", k + ": at most " + std::to_string(kMaxParamBytes) + " bytes"};
    }
    if (!ValidUtf8(v)) return HttpError{400, "invalid_argument", k + ": not valid UTF-8"};
    if (!out->values.emplace(k, v).second) return HttpError{400, "invalid_argument", k + ": given more than once"};
  }
  return std::nullopt;
}

// The filters of `newsgraph query`, checked the way its flags are, plus a limit in [1, max].
std::optional<HttpError> ReadQuery(const Params& p, int max_results, int default_limit, EventQuery* q) {
  auto bad = [](const std::string& m) { return HttpError{400, "invalid_argument", m}; };
  if (auto* v = p.Get("q")) q->text = *v;
  if (auto* v = p.Get("actor")) q->actor = *v;
  if (auto* v = p.Get("place")) q->place = *v;
  if (auto* v = p.Get("country")) {
    if (v->size() != 3 || !std::all_of(v->begin(), v->end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      return bad("country: an ISO 3166 alpha-3 code (IRQ, USA), got " + Quote(*v));
    }
    q->country = *v;
    for (char& c : q->country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (auto* v = p.Get("cameo")) {
    if (v->empty() || v->size() > 4 || !Digits(*v)) return bad("cameo: 1 to 4 digits (19, 195, 0254), got " + Quote(*v));
    q->cameo = *v;
  }
  if (auto* v = p.Get("plover")) {
    if (v->empty() || v->size() > 30 ||
        !std::all_of(v->begin(), v->end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-'; })) {
      return bad("plover: a PLOVER category (CONSULT, ASSAULT), got " + Quote(*v));
    }
    q->plover = *v;
  }
  for (const char* k : {"from", "to"}) {
    if (auto* v = p.Get(k)) {
      if (!DateParam(*v)) return bad(std::string(k) + ": a date YYYY-MM-DD (or YYYY-MM, YYYY), got " + Quote(*v));
      (std::string(k) == "from" ? q->from : q->to) = *v;
    }
  }
  q->limit = default_limit;
  if (auto* v = p.Get("limit")) {
    if (!Digits(*v) || v->size() > 9 || std::atoi(v->c_str()) < 1 || std::atoi(v->c_str()) > max_results) {
      return bad("limit: a whole number from 1 to " + std::to_string(max_results) + ", got " + Quote(*v));
    }
    q->limit = std::atoi(v->c_str());
  }
  return std::nullopt;
}

// Store connections, one per concurrent request: a Store is not thread-safe, so each worker
// borrows one and gives it back. At most `threads` are ever open.
class StorePool {
 public:
  StorePool(std::string target, StoreOptions options) : target_(std::move(target)), options_(options) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (store_) pool_->Return(std::move(store_)); }
    Store* operator->() { return store_.get(); }
    Store& operator*() { return *store_; }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<Store> s = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(s));
      }
    }
    Result<std::unique_ptr<Store>> s = Store::Open(target_, options_);
    if (!s.ok()) return s.status();
    return Lease(this, std::move(s).value());
  }
  void Return(std::unique_ptr<Store> s) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }

 private:
  std::string target_;
  StoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

// Compares without an early exit, so the time taken says nothing about the token.
bool SameToken(std::string_view given, std::string_view token) {
  if (given.size() != token.size() || token.empty()) return false;
  unsigned diff = 0;
  for (size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i]) ^ static_cast<unsigned char>(token[i]);
  return diff == 0;
}

class ApiImpl : public Api {
 public:
  ApiImpl(const ServeOptions& o, std::unique_ptr<Store> first)
      : options_(o),
        pool_(o.db, {.read_only = o.review_token.empty(), .statement_timeout_ms = o.statement_timeout_ms,
                    .use_rollups = o.use_rollups}),
        backend_(first->backend()) {
    pool_.Return(std::move(first));
  }
  void SetModels(std::shared_ptr<const Models> models) { models_ = std::move(models); }

  ApiResponse Handle(const ApiRequest& req) override {
    const std::string& path = req.path;
    bool get = req.method == "GET" || req.method == "HEAD";
    if (path.rfind("/api/", 0) != 0) {
      if (!get) return ErrorResponse({405, "method_not_allowed", req.method + " " + Quote(path) + ": only GET"});
      const StaticFile* f = FindStaticFile(path == "/" ? "/index.html" : path);
      if (!f) return ErrorResponse({404, "not_found", "no such page " + Quote(path) + "; the API is under /api/"});
      return {200, f->content_type, std::string(f->data, f->size)};
    }
    if (path == "/api/ingest") {
      if (req.method != "POST") return ErrorResponse({405, "method_not_allowed", "ingest: POST a page (see /api/openapi.json)"});
      return Ingest(req);
    }
    // /api/events/{id}/reviews and /api/ingest are the writes.
    std::string rest;
    if (path.rfind("/api/events/", 0) == 0 && path.size() > 20 && path.compare(path.size() - 8, 8, "/reviews") == 0) {
      std::string id = path.substr(12, path.size() - 20);
      if (req.method != "POST") return ErrorResponse({405, "method_not_allowed", "reviews: POST a judgement (see /api/openapi.json)"});
      return PostReview(req, id);
    }
    if (!get) return ErrorResponse({405, "method_not_allowed", req.method + " " + Quote(path) + ": this endpoint only answers GET"});
    if (path == "/api/health") return Simple(req, [&](JsonWriter& w) { Health(w); });
    if (path == "/api/version") {
      return Simple(req, [&](JsonWriter& w) {
        w.Key("name");
        w.String("newsgraph");
        w.Key("version");
        w.String(kVersion);
        w.Key("api");
        w.Int(1);
      });
    }
    if (path == "/api/openapi.json") {
      const StaticFile* f = FindStaticFile("/api/openapi.json");
      if (!f) return ErrorResponse({500, "internal", "the OpenAPI file was not embedded at build time"});
      return {200, f->content_type, std::string(f->data, f->size)};
    }
    if (path == "/api/summary") return Summary(req);
    if (path == "/api/search") return Rows(req, [](Store& s, const EventQuery& q) { return s.QueryArticles(q); }, 20);
    if (path == "/api/events") return Rows(req, [](Store& s, const EventQuery& q) { return s.QueryEvents(q); }, 100, true);
    if (path.rfind("/api/aggregate/", 0) == 0) {
      std::optional<AggregateBy> by = ParseAggregateBy(path.substr(15));
      if (!by) return ErrorResponse({404, "not_found", "aggregate by " + Quote(path.substr(15)) + ": day, dyad, country or place"});
      return Rows(req, [by](Store& s, const EventQuery& q) { return s.Aggregate(q, *by); }, options_.max_results);
    }
    if (path == "/api/network") return Network(req);
    if (path.rfind("/api/articles/", 0) == 0) return ArticleDetailResponse(req, path.substr(14));
    return ErrorResponse({404, "not_found", "no endpoint " + Quote(path) + "; see /api/openapi.json"});
  }

 private:
  template <typename Fn>
  ApiResponse Simple(const ApiRequest& req, Fn fn) {
    Params p;
    if (auto e = ReadParams(req, {}, &p)) return ErrorResponse(*e);
    ApiResponse r;
    JsonWriter w(&r.body);
    w.BeginObject();
    fn(w);
    w.EndObject();
    return r;
  }

  void Health(JsonWriter& w) {
    w.Key("status");
    w.String("ok");
    w.Key("backend");
    w.String(backend_);
    w.Key("read_only");
    w.Bool(options_.review_token.empty());
    w.Key("version");
    w.String(kVersion);
  }

  ApiResponse Summary(const ApiRequest& req) {
    Params p;
    if (auto e = ReadParams(req, {}, &p)) return ErrorResponse(*e);
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Result<StoreSummary> s = (*store)->Summary();
    if (!s.ok()) return ErrorResponse(FromStatus(s.status()));
    ApiResponse r;
    JsonWriter w(&r.body);
    w.BeginObject();
    for (auto [k, v] : std::initializer_list<std::pair<const char*, int64_t>>{
             {"documents", s->documents}, {"articles", s->articles}, {"failed", s->failed}, {"entities", s->entities},
             {"mentions", s->mentions}, {"quantities", s->quantities}, {"events", s->events},
             {"event_clusters", s->event_clusters}, {"dup_articles", s->dup_articles}}) {
      w.Key(k);
      w.Int(v);
    }
    auto pairs = [&](const char* key, const std::vector<std::pair<std::string, int64_t>>& v) {
      w.Key(key);
      w.BeginArray();
      for (const auto& [name, n] : v) {
        w.BeginObject();
        w.Key("name");
        w.String(name);
        w.Key("count");
        w.Int(n);
        w.EndObject();
      }
      w.EndArray();
    };
    pairs("events_by_root", s->events_by_root);
    pairs("top_actor_pairs", s->top_actor_pairs);
    pairs("top_entities", s->top_entities);
    w.EndObject();
    return r;
  }

  // `paged`: keyset pages (/api/events): `cursor` = the previous answer's next_cursor, "DATE.ID" of
  // its last row; next_cursor is null on the last page.
  template <typename Fn>
  ApiResponse Rows(const ApiRequest& req, Fn fn, int default_limit, bool paged = false) {
    Params p;
    std::vector<std::string> names = kFilterNames;
    if (paged) names.push_back("cursor");
    if (auto e = ReadParams(req, names, &p)) return ErrorResponse(*e);
    EventQuery q;
    if (auto e = ReadQuery(p, options_.max_results, std::min(default_limit, options_.max_results), &q)) return ErrorResponse(*e);
    if (auto* v = p.Get("cursor")) {
      size_t dot = v->find('.');
      std::string date = dot == std::string::npos ? "" : v->substr(0, dot), id = dot == std::string::npos ? "" : v->substr(dot + 1);
      if (!Digits(date) || !Digits(id) || date.size() > 9 || id.size() > 18 || std::atoll(id.c_str()) < 1) {
        return ErrorResponse({400, "invalid_argument", "cursor: the next_cursor of a previous answer (DATE.ID), got " + Quote(*v)});
      }
      q.before_date = std::atoll(date.c_str());
      q.before_id = std::atoll(id.c_str());
    }
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Result<QueryResult> rows = fn(**store, q);
    if (!rows.ok()) return ErrorResponse(FromStatus(rows.status()));
    ApiResponse r;
    JsonWriter w(&r.body);
    w.BeginObject();
    w.Key("count");
    w.Int(static_cast<long long>(rows->rows.size()));
    w.Key("limit");
    w.Int(q.limit);
    if (paged) {
      w.Key("next_cursor");
      const std::vector<std::string>* last = rows->rows.empty() ? nullptr : &rows->rows.back();  // id, date, …
      if (static_cast<int>(rows->rows.size()) == q.limit && last && last->size() > 1 && Digits((*last)[0]) && Digits((*last)[1])) {
        w.String((*last)[1] + "." + (*last)[0]);
      } else {
        w.Null();
      }
    }
    w.Key("results");
    WriteRows(w, *rows);
    w.EndObject();
    return r;
  }

  // The actor network: the dyad aggregate as nodes (actors, with their event counts) and
  // weighted edges (source → target: events, mean Goldstein).
  ApiResponse Network(const ApiRequest& req) {
    Params p;
    if (auto e = ReadParams(req, kFilterNames, &p)) return ErrorResponse(*e);
    EventQuery q;
    if (auto e = ReadQuery(p, options_.max_results, std::min(200, options_.max_results), &q)) return ErrorResponse(*e);
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Result<QueryResult> dyads = (*store)->Aggregate(q, AggregateBy::kDyad);
    if (!dyads.ok()) return ErrorResponse(FromStatus(dyads.status()));
    struct Node { std::string name; long long events = 0; };
    std::map<std::string, Node> nodes;
    for (const auto& row : dyads->rows) {  // actor1, actor2, actor1_name, actor2_name, events, goldstein, mentions
      long long n = std::atoll(row[4].c_str());
      for (int side = 0; side < 2; ++side) {
        Node& node = nodes[row[side]];
        if (node.name.empty()) node.name = row[2 + side];
        node.events += n;
      }
    }
    ApiResponse r;
    JsonWriter w(&r.body);
    w.BeginObject();
    w.Key("nodes");
    w.BeginArray();
    for (const auto& [code, node] : nodes) {
      w.BeginObject();
      w.Key("id");
      w.String(code);
      w.Key("name");
      w.String(ValidUtf8(node.name) ? node.name : code);
      w.Key("events");
      w.Int(node.events);
      w.EndObject();
    }
    w.EndArray();
    w.Key("edges");
    w.BeginArray();
    for (const auto& row : dyads->rows) {
      w.BeginObject();
      w.Key("source");
      w.String(row[0]);
      w.Key("target");
      w.String(row[1]);
      w.Key("events");
      w.Int(std::atoll(row[4].c_str()));
      w.Key("goldstein");
      if (JsonNumber(row[5])) w.RawNumber(row[5]);
      else w.Null();
      w.Key("mentions");
      w.Int(std::atoll(row[6].c_str()));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return r;
  }

  ApiResponse ArticleDetailResponse(const ApiRequest& req, const std::string& id) {
    Params p;
    if (auto e = ReadParams(req, {}, &p)) return ErrorResponse(*e);
    if (!Digits(id) || id.size() > 18) return ErrorResponse({400, "invalid_argument", "article id: a number, got " + Quote(id)});
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Result<ArticleDetail> d = (*store)->ReadArticle(std::atoll(id.c_str()));
    if (!d.ok()) return ErrorResponse(FromStatus(d.status()));
    ApiResponse r;
    JsonWriter w(&r.body);
    w.BeginObject();
    w.Key("article");
    WriteRow(w, d->article.columns, d->article.rows[0]);
    for (auto [key, table] : std::initializer_list<std::pair<const char*, const QueryResult*>>{
             {"entities", &d->entities}, {"quantities", &d->quantities}, {"places", &d->places},
             {"events", &d->events}, {"reviews", &d->reviews}, {"related", &d->related}}) {
      w.Key(key);
      WriteRows(w, *table);
    }
    w.EndObject();
    return r;
  }

  // A page through the library's document pipeline (ProcessRecord: extract → analyze → code, the
  // call `newsgraph ingest --db` makes) into the served database (StoreSink). A `date` replaces
  // the page's own publication date: the page is extracted, re-dated, then analysed and coded.
  // Bad input is a 400 and nothing is stored.
  ApiResponse Ingest(const ApiRequest& req) {
    if (!options_.allow_ingest || !models_) {
      return ErrorResponse({403, "forbidden", "this server does not ingest; start it with --allow-ingest --review TOKEN"});
    }
    const std::string kBearer = "Bearer ";
    if (req.authorization.rfind(kBearer, 0) != 0 || !SameToken(req.authorization.substr(kBearer.size()), options_.review_token)) {
      return ErrorResponse({401, "unauthenticated", "ingest needs the header 'Authorization: Bearer TOKEN' (the --review token)"});
    }
    Params p;
    if (auto e = ReadParams(req, kIngestNames, &p)) return ErrorResponse(*e);
    Record rec;
    rec.content_type = "text/html";
    rec.body = req.body;
    if (auto* v = p.Get("url")) {
      if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0) {
        return ErrorResponse({400, "invalid_argument", "url: an http:// or https:// address, got " + Quote(*v)});
      }
      rec.url = *v;
    }
    rec.source = rec.url.empty() ? "POST /api/ingest" : rec.url;
    std::string date;
    if (auto* v = p.Get("date")) {
      if (Status st = CheckPublicationDate(*v); !st.ok() || v->size() != 10) {
        return ErrorResponse({400, "invalid_argument", "date: a real day YYYY-MM-DD, got " + Quote(*v)});
      }
      date = *v;
    }
    if (rec.body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      return ErrorResponse({400, "invalid_argument", "the body must be an HTML page; it is empty"});
    }
    // One writer at a time; the connection is one of the pool's (writable: a token is set).
    std::lock_guard<std::mutex> lock(ingest_mu_);
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Store& st = **store;
    DocumentOptions o;
    o.known = [&st](const std::string& key) {
      Result<bool> have = st.Contains(key);
      return have.ok() && *have;
    };
    if (!date.empty()) o.analyze = false;
    Document doc = ProcessRecord(rec, *models_, o);
    if (!date.empty() && doc.status == "ok" && doc.article && !doc.already_stored) {
      Article a = *doc.article;
      a.published = date;
      Document dated = ProcessArticle(std::move(a), *models_);
      dated.url = doc.url;
      dated.source = doc.source;
      dated.content_hash = doc.content_hash;
      dated.fetch_time = doc.fetch_time;
      dated.http_status = doc.http_status;
      dated.bytes = doc.bytes;
      doc = std::move(dated);
    }
    if (doc.status != "ok" && !doc.already_stored) {
      const std::string why = doc.status == "failed" ? doc.error : doc.reason;
      return ErrorResponse({400, "invalid_argument", "the page was not ingested: " + why});
    }
    if (!doc.already_stored && (!doc.article || doc.article->blocks.empty())) {
      // `ingest` keeps such a page as an empty article; a client sending one has sent no article.
      std::string why = doc.article && !doc.article->reason.empty() ? " (" + doc.article->reason + ")" : "";
      return ErrorResponse({400, "invalid_argument", "the page was not ingested: no article text found" + why});
    }
    StoreSink sink(st);
    sink.Write(doc);
    if (Status fin = sink.Finish(); !fin.ok()) return ErrorResponse(FromStatus(fin));
    ApiResponse r;
    r.status = sink.stored() ? 201 : 200;
    JsonWriter w(&r.body);
    w.BeginObject();
    w.Key("stored");
    w.Bool(sink.stored() > 0);
    w.Key("already_stored");
    w.Bool(sink.already() > 0);
    w.Key("key");
    w.String(ValidUtf8(doc.key()) ? doc.key() : std::string("?"));
    if (doc.article) {
      w.Key("title");
      w.String(ValidUtf8(doc.article->title) ? doc.article->title : std::string("\xEF\xBF\xBD"));
      w.Key("date");
      w.String(ValidUtf8(doc.article->published) ? doc.article->published : std::string());
    }
    w.Key("events");
    w.Int(static_cast<long long>(doc.events.size()));
    w.Key("reason");
    w.String(ValidUtf8(doc.reason) ? doc.reason : std::string());
    w.EndObject();
    return r;
  }

  ApiResponse PostReview(const ApiRequest& req, const std::string& id) {
    if (options_.review_token.empty()) {
      return ErrorResponse({403, "forbidden", "this server is read-only; start it with --review TOKEN to accept reviews"});
    }
    const std::string kBearer = "Bearer ";
    if (req.authorization.rfind(kBearer, 0) != 0 || !SameToken(req.authorization.substr(kBearer.size()), options_.review_token)) {
      return ErrorResponse({401, "unauthenticated", "reviews need the header 'Authorization: Bearer TOKEN' (the --review token)"});
    }
    Params p;
    if (auto e = ReadParams(req, {}, &p)) return ErrorResponse(*e);
    if (!Digits(id) || id.size() > 18) return ErrorResponse({400, "invalid_argument", "event id: a number, got " + Quote(id)});
    Review review;
    review.event_id = std::atoll(id.c_str());
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(req.body).get(doc) != simdjson::SUCCESS) {
      return ErrorResponse({400, "invalid_argument", "the body must be a JSON object: {\"verdict\": \"right\"|\"wrong\"|\"corrected\", …}"});
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
      return ErrorResponse({400, "invalid_argument", "the body must be a JSON object"});
    }
    const std::map<std::string_view, std::string*> fields = {
        {"verdict", &review.verdict}, {"cameo", &review.cameo}, {"actor1", &review.actor1}, {"actor2", &review.actor2},
        {"date", &review.date}, {"note", &review.note}, {"reviewer", &review.reviewer}};
    for (auto field : obj) {
      auto it = fields.find(field.key);
      if (it == fields.end()) {
        return ErrorResponse({400, "invalid_argument", "unknown field " + Quote(field.key) +
                                                           "; known: verdict, cameo, actor1, actor2, date, note, reviewer"});
      }
      std::string_view v;
      if (field.value.get_string().get(v) != simdjson::SUCCESS) {
        return ErrorResponse({400, "invalid_argument", std::string(field.key) + ": a string"});
      }
      *it->second = std::string(v);
    }
    Result<StorePool::Lease> store = pool_.Acquire();
    if (!store.ok()) return ErrorResponse(FromStatus(store.status()));
    Result<int64_t> rid = (*store)->AddReview(review);
    if (!rid.ok()) return ErrorResponse(FromStatus(rid.status()));
    ApiResponse r;
    r.status = 201;
    JsonWriter w(&r.body);
    w.BeginObject();
    w.Key("id");
    w.Int(*rid);
    w.Key("event_id");
    w.Int(review.event_id);
    w.Key("verdict");
    w.String(review.verdict);
    w.EndObject();
    return r;
  }

  ServeOptions options_;
  StorePool pool_;
  std::string backend_;
  std::shared_ptr<const Models> models_;  // loaded at start with --allow-ingest
  std::mutex ingest_mu_;
};

}  // namespace

Result<std::unique_ptr<Api>> Api::Open(const ServeOptions& options) {
  if (options.max_results < 1) return InvalidArgument("max_results must be at least 1");
  // Opened once here so a wrong --db fails at start, not at the first request. With a review
  // token the store is writable (and migrated: the reviews table may be new).
  Result<std::unique_ptr<Store>> first =
      Store::Open(options.db, {.read_only = options.review_token.empty(), .statement_timeout_ms = options.statement_timeout_ms});
  if (!first.ok()) return first.status();
  if (options.allow_ingest && options.review_token.empty()) {
    return InvalidArgument("--allow-ingest needs --review TOKEN (the token ingest requests carry)");
  }
  auto api = std::make_unique<ApiImpl>(options, std::move(first).value());
  if (options.allow_ingest) {
    // Loaded once, as `newsgraph ingest --db` does: a missing codebook still stores articles.
    Result<Models> models = LoadModels({.require_codebook = false});
    if (!models.ok()) return models.status();
    api->SetModels(std::make_shared<const Models>(std::move(models).value()));
  }
  return std::unique_ptr<Api>(std::move(api));
}

}  // namespace ng
