// store.cc — open + migrate, and the write path: documents are queued into a batch (one
// transaction); at commit the event clusters touched by the batch are recomputed set-wise.
#include <bit>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>

#include "base/clock.h"
#include "store/migrations.h"
#include "store/store_impl.h"

namespace ng {

std::string Document::key() const { return (url.empty() ? source : url) + "|" + content_hash; }

std::optional<ExportFormat> ParseExportFormat(const std::string& name) {
  if (name == "gdelt-events") return ExportFormat::kGdeltEvents;
  if (name == "gdelt-mentions") return ExportFormat::kGdeltMentions;
  if (name == "gkg") return ExportFormat::kGkg;
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "reviews") return ExportFormat::kReviews;
  return std::nullopt;
}

std::optional<AggregateBy> ParseAggregateBy(const std::string& name) {
  if (name == "day") return AggregateBy::kDay;
  if (name == "dyad") return AggregateBy::kDyad;
  if (name == "country") return AggregateBy::kCountry;
  if (name == "place") return AggregateBy::kPlace;
  return std::nullopt;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& target, const StoreOptions& options) {
  if (target.empty()) return InvalidArgument("no database given (--db FILE or --db postgresql://…)");
  bool pg = target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
  Result<std::unique_ptr<store::Db>> db = pg ? store::OpenPostgres(target) : store::OpenSqlite(target, options.read_only);
  if (!db.ok()) return db.status();
  store::Db* raw = db->get();
  auto s = std::make_unique<store::StoreImpl>(std::move(db).value(), target, options);
  NG_RETURN_IF_ERROR(options.read_only ? s->CheckReadable() : s->Migrate());
  // After migrating: a migration (004 sums every cluster) may take longer than a query may.
  if (options.statement_timeout_ms > 0) NG_RETURN_IF_ERROR(raw->SetStatementTimeout(options.statement_timeout_ms));
  return std::unique_ptr<Store>(std::move(s));
}

namespace store {

std::string Domain(const std::string& url) {
  size_t p = url.find("://");
  if (p == std::string::npos) return "";
  size_t b = p + 3, e = url.find_first_of("/?#", b);
  std::string host = url.substr(b, e == std::string::npos ? std::string::npos : e - b);
  size_t at = host.find('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']') == std::string::npos) host = host.substr(0, colon);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

std::string FormatDouble(const std::optional<std::string>& v, int decimals) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::strtod(v->c_str(), nullptr));
  std::string s = buf;
  if (s.find('.') != std::string::npos) {  // trim zeros: "2.5000" -> "2.5", "3.0000" -> "3"
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

namespace {

int64_t EntityId(const std::string& kind, const std::string& name, const std::string& country) {
  uint64_t h = 1469598103934665603ULL;
  for (const std::string* s : {&kind, &name, &country}) {
    for (unsigned char c : *s) { h ^= c; h *= 1099511628211ULL; }
    h ^= 0xff;
    h *= 1099511628211ULL;
  }
  return static_cast<int64_t>(h & 0x7fffffffffffffffULL);
}

bool IsDigits(std::string_view s) {
  for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

// "YYYY-MM-DD…" -> YYYYMMDD; "YYYY-MM" -> the publication day when in that month, else YYYYMM01.
int64_t SqlDate(const std::string& date, const std::string& pub_date) {
  auto day = [](const std::string& d) -> int64_t {
    if (d.size() >= 10 && IsDigits(d.substr(0, 4)) && IsDigits(d.substr(5, 2)) && IsDigits(d.substr(8, 2)))
      return std::stoll(d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2));
    return 0;
  };
  if (int64_t d = day(date)) return d;
  if (date.size() == 7 && IsDigits(date.substr(0, 4)) && IsDigits(date.substr(5, 2))) {
    if (pub_date.rfind(date, 0) == 0) return day(pub_date);
    return std::stoll(date.substr(0, 4) + date.substr(5, 2) + "01");
  }
  return day(pub_date);
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

}  // namespace

StoreImpl::~StoreImpl() {
  if (in_batch_) (void)Commit();
}

Status StoreImpl::CheckReadable() {
  Result<int64_t> n = QueryInt(*db_, sqlite() ? "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"
                                             : "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'");
  if (!n.ok()) return n.status();
  if (*n == 0) return NotFound(target_ + ": not a newsgraph database (no schema_migrations table); create it with `newsgraph ingest … --db`");
  return Status::Ok();
}

Status StoreImpl::Migrate() {
  if (sqlite()) {
    NG_ASSIGN_OR_RETURN(int64_t tables, QueryInt(*db_, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"));
    NG_ASSIGN_OR_RETURN(int64_t ours, QueryInt(*db_, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
    if (tables > 0 && ours == 0) {
      return InvalidArgument(target_ + ": a SQLite database that is not a newsgraph store; choose another --db");
    }
  }
  NG_RETURN_IF_ERROR(db_->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, file TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  NG_ASSIGN_OR_RETURN(std::vector<Row> done, db_->Query("SELECT version FROM schema_migrations"));
  std::set<int64_t> applied;
  for (const Row& r : done) applied.insert(std::stoll(Str(r[0])));
  std::string mine = sqlite() ? ".sqlite.sql" : ".postgres.sql", other = sqlite() ? ".postgres.sql" : ".sqlite.sql";
  int64_t newest = 0;
  for (size_t i = 0; i < kMigrationCount; ++i) {
    std::string file = kMigrations[i].file;
    if (file.size() >= other.size() && file.compare(file.size() - other.size(), other.size(), other) == 0) continue;
    int64_t version = std::stoll(file.substr(0, file.find('_')));
    newest = std::max(newest, version);
    if (applied.count(version)) continue;
    NG_RETURN_IF_ERROR(db_->Begin());
    std::string sql = kMigrations[i].sql;
    if (sqlite()) {
      // SQLite: only INTEGER PRIMARY KEY is the rowid itself; BIGINT would add a second index.
      for (size_t p; (p = sql.find("BIGINT PRIMARY KEY")) != std::string::npos;) sql.replace(p, 6, "INTEGER");
    }
    Status st = db_->Exec(sql);
    if (st.ok() && version == 4) st = RebuildRollups();  // 004_rollups: sum the clusters already stored
    if (st.ok()) st = db_->Exec("INSERT INTO schema_migrations (version, file, applied_at) VALUES (?, ?, ?)",
                                {I(version), S(file), S(NowIso8601())});
    if (st.ok()) st = db_->Commit();
    if (!st.ok()) {
      db_->Rollback();
      return Status(st.code(), "schema migration " + file + ": " + st.message());
    }
  }
  for (int64_t v : applied) {
    if (v > newest) return InvalidArgument(target_ + ": schema version " + std::to_string(v) + " is newer than this newsgraph knows (" +
                                           std::to_string(newest) + "); use a newer newsgraph");
  }
  // Per-session staging for entity rows (COPY cannot skip duplicates; INSERT … SELECT can).
  NG_RETURN_IF_ERROR(db_->Exec("CREATE TEMP TABLE IF NOT EXISTS touched_clusters (cluster_key TEXT PRIMARY KEY)"));
  return db_->Exec(std::string("CREATE TEMP TABLE IF NOT EXISTS entities_stage (id BIGINT, kind TEXT, name TEXT, country TEXT)"));
}

Result<bool> StoreImpl::Contains(const std::string& key) {
  if (batch_keys_.count(key)) return true;
  NG_ASSIGN_OR_RETURN(int64_t n, QueryInt(*db_, "SELECT count(*) FROM documents WHERE doc_key = ?", {S(key)}));
  return n > 0;
}

Result<std::vector<std::string>> StoreImpl::Keys() {
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db_->Query("SELECT doc_key FROM documents"));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(Str(r[0]));
  for (const std::string& k : batch_keys_) out.push_back(k);
  return out;
}

void StoreImpl::EndBatch() {
  in_batch_ = false;
  batch_docs_ = 0;
  batch_keys_.clear();
  batch_clusters_.clear();
  batch_prints_.clear();
  batch_entities_.clear();
  batch_entity_ids_.clear();
}

Status StoreImpl::Fail(Status st) {
  db_->Rollback();
  EndBatch();
  return st;
}

Status StoreImpl::BeginBatch() {
  NG_RETURN_IF_ERROR(db_->Begin());
  in_batch_ = true;
  Result<int64_t> d = QueryInt(*db_, "SELECT max(id) FROM documents");
  if (!d.ok()) return Fail(d.status());
  Result<int64_t> e = QueryInt(*db_, "SELECT max(id) FROM events");
  if (!e.ok()) return Fail(e.status());
  next_doc_id_ = batch_first_id_ = *d + 1;
  next_event_id_ = *e + 1;
  return Status::Ok();
}

Status StoreImpl::Add(const DocumentRecord& doc) {
  std::string key = doc.key();
  if (!in_batch_) NG_RETURN_IF_ERROR(BeginBatch());
  Result<bool> have = Contains(key);
  if (!have.ok()) return Fail(have.status());
  if (*have) return Status::Ok();
  int64_t id = next_doc_id_++;
  bool article = doc.status == "ok" && doc.article.has_value();
  Status st = db_->Insert("documents",
                          {"id", "doc_key", "url", "source", "content_hash", "fetch_time", "http_status", "bytes",
                           "status", "error", "ingested_at"},
                          {I(id), S(key), S(doc.url), S(doc.source), S(doc.content_hash), S(doc.fetch_time),
                           I(doc.http_status), I(static_cast<int64_t>(doc.bytes)), S(article ? "ok" : doc.status == "ok" ? "failed" : doc.status),
                           S(doc.error), S(NowIso8601())});
  if (st.ok() && article) st = AddArticle(id, doc);
  if (!st.ok()) return Fail(st);
  batch_keys_.insert(key);
  if (++batch_docs_ >= options_.batch_size) return Commit();
  return Status::Ok();
}

// Near-duplicates: earlier articles sharing a 16-bit band, then the batch's own (not yet
// visible to PostgreSQL's COPY buffer), closest first; ties go to the earliest. Remembers the
// article for the rest of the batch.
Result<StoreImpl::NearDuplicate> StoreImpl::FindNearDuplicate(int64_t id, uint64_t sh) {
  int64_t dup_of = id, best = 65;
  auto consider = [&](int64_t other_dup, uint64_t other_hash) {
    int d = std::popcount(sh ^ other_hash);
    if (d <= options_.near_dup_distance && (d < best || (d == best && other_dup < dup_of))) {
      best = d;
      dup_of = other_dup;
    }
  };
  // One indexed lookup per band (an OR of the four would scan the table).
  std::vector<Value> bands;
  std::string union_sql;
  for (int b = 0; b < 4; ++b) {
    union_sql += (b ? " UNION " : "") + std::string("SELECT article_id FROM simhash_bands WHERE band = ? AND value = ?");
    bands.push_back(I(b));
    bands.push_back(I(static_cast<int64_t>((sh >> (16 * b)) & 0xffff)));
  }
  bands.push_back(I(batch_first_id_));
  NG_ASSIGN_OR_RETURN(std::vector<Row> cands,
                      db_->Query("SELECT a.id, a.simhash, a.dup_of FROM articles a WHERE a.id IN (" + union_sql +
                                     ") AND a.id < ?",
                                 bands));
  for (const Row& r : cands) consider(std::stoll(Str(r[2])), static_cast<uint64_t>(std::stoll(Str(r[1]))));
  for (const Fingerprint& f : batch_prints_) consider(f.dup_of, f.simhash);
  batch_prints_.push_back({id, sh, dup_of});
  return NearDuplicate{dup_of, dup_of == id ? 0 : best};
}

Status StoreImpl::InsertBands(int64_t id, uint64_t sh) {
  for (int b = 0; b < 4; ++b) {
    NG_RETURN_IF_ERROR(db_->Insert("simhash_bands", {"band", "value", "article_id"},
                                   {I(b), I(static_cast<int64_t>((sh >> (16 * b)) & 0xffff)), I(id)}));
  }
  return Status::Ok();
}

Status StoreImpl::AddArticle(int64_t id, const DocumentRecord& doc) {
  const Article& a = *doc.article;
  const Analysis& an = doc.analysis;
  const std::string& text = doc.text;
  std::string url = !a.url.empty() ? a.url : doc.url;
  std::string domain = Domain(url);
  std::string pub_date = a.published.size() >= 10 ? a.published.substr(0, 10) : "";

  uint64_t sh = SimHash(text);
  NG_ASSIGN_OR_RETURN(NearDuplicate dup, FindNearDuplicate(id, sh));
  int64_t dup_of = dup.dup_of, best = dup.distance;

  NG_RETURN_IF_ERROR(db_->Insert(
      "articles",
      {"id", "url", "domain", "title", "published", "pub_date", "language", "site_name", "section", "authors",
       "description", "text", "text_hash", "simhash", "dup_of", "dup_distance", "tone", "tone_positive",
       "tone_negative", "tone_polarity", "word_count", "reason", "page_type", "page_type_reason"},
      {I(id), S(url), S(domain), S(a.title), S(a.published), S(pub_date), S(a.language), S(a.site_name), S(a.section),
       S(Join(a.authors, "; ")), S(a.description), S(text), S(""), I(static_cast<int64_t>(sh)), I(dup_of),
       I(best), D(an.tone.score), D(an.tone.positive), D(an.tone.negative), D(an.tone.polarity),
       I(an.tone.word_count), S(a.reason), S(PageTypeName(a.page_type)), S(a.page_type_reason)}));
  NG_RETURN_IF_ERROR(InsertBands(id, sh));

  for (size_t i = 0; i < an.entities.size(); ++i) {
    const Entity& e = an.entities[i];
    // Coreferent mentions point at their antecedent's entity.
    const Entity& head = e.antecedent >= 0 && static_cast<size_t>(e.antecedent) < an.entities.size() ? an.entities[e.antecedent] : e;
    std::string name = !head.name.empty() ? head.name : head.text;
    std::string kind = EntityKindName(head.kind);
    int64_t eid = EntityId(kind, name, head.country);
    if (batch_entity_ids_.insert(eid).second) batch_entities_.push_back({eid, kind, name, head.country});
    std::string place;
    if (e.place >= 0 && static_cast<size_t>(e.place) < an.places.size()) place = an.places[e.place].name;
    NG_RETURN_IF_ERROR(db_->Insert(
        "mentions",
        {"article_id", "ordinal", "entity_id", "begin_offset", "end_offset", "text", "mention_kind", "role", "title",
         "sentence", "place_name"},
        {I(id), I(static_cast<int64_t>(i)), I(eid), I(static_cast<int64_t>(e.begin)), I(static_cast<int64_t>(e.end)),
         S(e.text), S(MentionKindName(e.mention)), S(e.role), S(e.title), I(e.sentence), S(place)}));
  }
  for (size_t i = 0; i < an.places.size(); ++i) {
    const Place& p = an.places[i];
    NG_RETURN_IF_ERROR(db_->Insert(
        "places", {"article_id", "ordinal", "kind", "name", "country", "fips", "adm1", "lat", "lon", "geonames_id", "mention_count"},
        {I(id), I(static_cast<int64_t>(i)), S(PlaceKindName(p.kind)), S(p.name), S(p.country), S(p.fips), S(p.adm1),
         D(p.lat), D(p.lon), I(p.geonames_id), I(static_cast<int64_t>(p.mentions.size()))}));
  }
  for (size_t i = 0; i < an.quantities.size(); ++i) {
    const Quantity& q = an.quantities[i];
    NG_RETURN_IF_ERROR(db_->Insert(
        "quantities",
        {"article_id", "ordinal", "begin_offset", "end_offset", "text", "value", "value_max", "qualifier", "unit", "kind",
         "country", "sentence"},
        {I(id), I(static_cast<int64_t>(i)), I(static_cast<int64_t>(q.begin)), I(static_cast<int64_t>(q.end)), S(q.text),
         D(q.value), D(q.value_max), S(q.qualifier), S(q.unit), S(q.kind), S(q.country), I(q.sentence)}));
  }
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& ev = doc.events[i];
    int64_t sqldate = SqlDate(ev.date, pub_date);
    std::string geo_key = std::to_string(ev.place.type) + ":" + ev.place.fips + ":" + ev.place.adm1 + ":" +
                          std::to_string(ev.place.feature_id);
    std::string ckey = std::to_string(sqldate) + "|" + ev.source.code + "|" + ev.target.code + "|" + ev.cameo + "|" + geo_key;
    batch_clusters_.insert(ckey);
    size_t sb = 0, se = 0;
    if (ev.sentence >= 0 && static_cast<size_t>(ev.sentence) < an.sentences.size()) {
      sb = an.sentences[ev.sentence].begin;
      se = an.sentences[ev.sentence].end;
    }
    std::vector<std::string> qs;
    for (int qi : ev.quantities) {
      if (qi < 0 || static_cast<size_t>(qi) >= an.quantities.size()) continue;
      const Quantity& q = an.quantities[qi];
      qs.push_back(FormatDouble(std::to_string(q.value), 2) + " " + q.unit + (q.kind.empty() ? "" : " " + q.kind));
    }
    std::string root = !ev.root.empty() ? ev.root : ev.cameo.substr(0, std::min<size_t>(2, ev.cameo.size()));
    std::string base = !ev.base.empty() ? ev.base : ev.cameo.substr(0, std::min<size_t>(3, ev.cameo.size()));
    NG_RETURN_IF_ERROR(db_->Insert(
        "events",
        {"id", "article_id", "ordinal", "cluster_key", "sqldate", "event_date", "sentence", "sentence_begin", "sentence_end",
         "actor1_code", "actor1_name", "actor1_country", "actor1_role", "actor1_text", "actor1_begin", "actor1_end",
         "actor2_code", "actor2_name", "actor2_country", "actor2_role", "actor2_text", "actor2_begin", "actor2_end",
         "event_code", "base_code", "root_code", "goldstein", "quad_class", "plover", "plover_mode", "is_root",
         "geo_type", "geo_name", "geo_country", "geo_fips", "geo_adm1", "geo_lat", "geo_lon", "geo_feature_id",
         "verb_begin", "verb_end", "quantities", "rules"},
        {I(next_event_id_++), I(id), I(static_cast<int64_t>(i)), S(ckey), I(sqldate), S(ev.date), I(ev.sentence),
         I(static_cast<int64_t>(sb)), I(static_cast<int64_t>(se)),
         S(ev.source.code), S(ev.source.name), S(ev.source.country), S(ev.source.role), S(ev.source.text),
         I(static_cast<int64_t>(ev.source.span.begin)), I(static_cast<int64_t>(ev.source.span.end)),
         S(ev.target.code), S(ev.target.name), S(ev.target.country), S(ev.target.role), S(ev.target.text),
         I(static_cast<int64_t>(ev.target.span.begin)), I(static_cast<int64_t>(ev.target.span.end)),
         S(ev.cameo), S(base), S(root), D(ev.goldstein), I(ev.quad_class), S(ev.plover), S(ev.plover_mode),
         I(ev.root_event ? 1 : 0), I(ev.place.type), S(ev.place.name), S(ev.place.country), S(ev.place.fips),
         S(ev.place.adm1), D(ev.place.lat), D(ev.place.lon), I(ev.place.feature_id),
         I(static_cast<int64_t>(ev.verb.begin)), I(static_cast<int64_t>(ev.verb.end)), S(Join(qs, "; ")),
         S(Join(ev.rules, "; "))}));
  }
  return Status::Ok();
}

Status StoreImpl::StageEntities() {
  if (batch_entities_.empty()) return Status::Ok();
  for (const EntityRow& e : batch_entities_) {
    NG_RETURN_IF_ERROR(db_->Insert("entities_stage", {"id", "kind", "name", "country"}, {I(e.id), S(e.kind), S(e.name), S(e.country)}));
  }
  NG_RETURN_IF_ERROR(db_->Flush());
  NG_RETURN_IF_ERROR(db_->Exec(
      "INSERT INTO entities (id, kind, name, country) SELECT id, kind, name, country FROM entities_stage WHERE true "
      "ON CONFLICT (id) DO NOTHING", {}));
  return db_->Exec("DELETE FROM entities_stage", {});
}

// GDELT counts, recomputed from the mentions for every cluster key the batch touched. The first
// mention (lowest event id) names the cluster and gives its coded fields.
Status StoreImpl::RecomputeClusters() {
  std::vector<std::string> keys(batch_clusters_.begin(), batch_clusters_.end());
  const size_t kChunk = 400;
  for (size_t k = 0; k < keys.size(); k += kChunk) {
    std::vector<Value> params;
    std::string in;
    for (size_t j = k; j < std::min(keys.size(), k + kChunk); ++j) {
      in += params.empty() ? "?" : ",?";
      params.push_back(S(keys[j]));
    }
    NG_RETURN_IF_ERROR(db_->Exec(
        "INSERT INTO event_clusters (id, cluster_key, sqldate, actor1_code, actor1_name, actor1_country, actor1_role, "
        "actor2_code, actor2_name, actor2_country, actor2_role, event_code, base_code, root_code, goldstein, quad_class, "
        "plover, plover_mode, is_root, geo_type, geo_name, geo_country, geo_fips, geo_adm1, geo_lat, geo_lon, geo_feature_id, "
        "num_mentions, num_sources, num_articles, avg_tone, date_added, source_url) "
        "SELECT e.id, e.cluster_key, e.sqldate, e.actor1_code, e.actor1_name, e.actor1_country, e.actor1_role, "
        "e.actor2_code, e.actor2_name, e.actor2_country, e.actor2_role, e.event_code, e.base_code, e.root_code, e.goldstein, "
        "e.quad_class, e.plover, e.plover_mode, e.is_root, e.geo_type, e.geo_name, e.geo_country, e.geo_fips, e.geo_adm1, "
        "e.geo_lat, e.geo_lon, e.geo_feature_id, s.n, s.sources, s.arts, s.tone, "
        "CASE WHEN d.fetch_time <> '' THEN d.fetch_time ELSE a.published END, a.url "
        "FROM (SELECT m.cluster_key AS ck, min(m.id) AS first_id, count(*) AS n, "
        "             count(DISTINCT CASE WHEN ma.domain = '' THEN 'doc:' || CAST(m.article_id AS TEXT) ELSE ma.domain END) AS sources, "
        "             count(DISTINCT m.article_id) AS arts, avg(ma.tone) AS tone "
        "      FROM events m JOIN articles ma ON ma.id = m.article_id WHERE m.cluster_key IN (" + in + ") GROUP BY m.cluster_key) s "
        "JOIN events e ON e.id = s.first_id JOIN articles a ON a.id = e.article_id JOIN documents d ON d.id = e.article_id "
        "WHERE true "
        "ON CONFLICT (cluster_key) DO UPDATE SET num_mentions = excluded.num_mentions, num_sources = excluded.num_sources, "
        "num_articles = excluded.num_articles, avg_tone = excluded.avg_tone",
        params));
  }
  return Status::Ok();
}

Status StoreImpl::Commit() {
  if (!in_batch_) return Status::Ok();
  Status st = db_->Flush();
  if (st.ok()) st = StageEntities();
  // The summaries: the touched clusters' old values out, the recomputed ones in.
  if (st.ok()) st = MarkTouchedClusters();
  if (st.ok()) st = AddToRollups(-1);
  if (st.ok()) st = RecomputeClusters();
  if (st.ok()) st = AddToRollups(1);
  if (st.ok()) st = db_->Commit();
  if (!st.ok()) return Fail(st);
  EndBatch();
  return Status::Ok();
}

}  // namespace store
}  // namespace ng
