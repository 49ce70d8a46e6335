// rollups.cc — summary tables of event_clusters (schema 004_rollups.sql): kept equal to the
// group-bys over the clusters in the write transaction that changes them, and read by Aggregate
// when its filters are ones a summary can answer (the timeline, network and map of `serve`).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "store/store_impl.h"

namespace ng::store {
namespace {

// One summary: its key columns, label columns (min() of the clusters' values) and the rows of
// event_clusters `c` it sums — `source` selects the keys, labels, g (goldstein) and m (mentions)
// of the clusters that pass `{F}`.
struct Rollup {
  const char* table;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
  std::string source;
};

// Every 3-letter-aligned prefix of either actor code (CAMEO codes are 3-letter blocks, ≤ 15
// letters). UNION (not ALL) keeps one row per cluster and prefix when both actors share it.
std::string ActorPrefixes() {
  std::string s;
  for (const char* col : {"actor1_code", "actor2_code"}) {
    for (int n = 3; n <= 15; n += 3) {
      std::string len = std::to_string(n);
      s += std::string(s.empty() ? "" : " UNION ") + "SELECT c.id, substr(c." + col + ", 1, " + len + ") AS prefix, c.sqldate AS sqldate, "
           "c.goldstein AS g, c.num_mentions AS m FROM event_clusters c WHERE length(c." + col + ") >= " + len + " AND {F}";
    }
  }
  return s;
}

const std::vector<Rollup>& Rollups() {
  static const std::vector<Rollup> kRollups = {
      {"rollup_date", {"sqldate"}, {},
       "SELECT c.sqldate AS sqldate, c.goldstein AS g, c.num_mentions AS m FROM event_clusters c WHERE {F}"},
      {"rollup_day", {"sqldate", "root_code"}, {},
       "SELECT c.sqldate AS sqldate, c.root_code AS root_code, c.goldstein AS g, c.num_mentions AS m FROM event_clusters c WHERE {F}"},
      {"rollup_actor_day", {"prefix", "sqldate"}, {}, ActorPrefixes()},
      {"rollup_dyad", {"actor1_code", "actor2_code"}, {"actor1_name", "actor2_name"},
       "SELECT c.actor1_code AS actor1_code, c.actor2_code AS actor2_code, c.actor1_name AS actor1_name, "
       "c.actor2_name AS actor2_name, c.goldstein AS g, c.num_mentions AS m FROM event_clusters c "
       "WHERE c.actor1_code <> '' AND c.actor2_code <> '' AND {F}"},
      {"rollup_country", {"geo_country", "root_code"}, {},
       "SELECT c.geo_country AS geo_country, c.root_code AS root_code, c.goldstein AS g, c.num_mentions AS m "
       "FROM event_clusters c WHERE c.geo_country <> '' AND {F}"},
      {"rollup_place", {"geo_name", "geo_country", "geo_lat", "geo_lon"}, {},
       "SELECT c.geo_name AS geo_name, c.geo_country AS geo_country, c.geo_lat AS geo_lat, c.geo_lon AS geo_lon, "
       "c.goldstein AS g, c.num_mentions AS m FROM event_clusters c WHERE c.geo_name <> '' AND {F}"},
  };
  return kRollups;
}

std::string Join(const std::vector<std::string>& v, const std::string& sep, const std::string& prefix = "") {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : sep) + prefix + x;
  return s;
}

// The raw group-by of one summary over the clusters passing `filter`: keys, labels, events,
// goldstein sum, mentions sum, each count multiplied by `sign`.
std::string Grouped(const Rollup& r, const std::string& filter, int sign) {
  std::string src = r.source;
  for (size_t p; (p = src.find("{F}")) != std::string::npos;) src.replace(p, 3, filter);
  std::string k = Join(r.keys, ", ", "s.");
  std::string labels;
  for (const std::string& l : r.labels) labels += ", min(s." + l + ")";
  std::string mul = sign < 0 ? "-" : "";
  return "SELECT " + k + labels + ", " + mul + "count(*), " + mul + "sum(s.g), " + mul + "sum(s.m) FROM (" + src + ") s GROUP BY " + k;
}

// Adds the group-by to the summary (an upsert: existing groups are incremented).
std::string Upsert(const Rollup& r, const std::string& filter, int sign) {
  std::string cols = Join(r.keys, ", ") + (r.labels.empty() ? "" : ", " + Join(r.labels, ", ")) + ", events, goldstein, mentions";
  std::string t = r.table;
  std::string set = "events = " + t + ".events + excluded.events, goldstein = " + t + ".goldstein + excluded.goldstein, "
                    "mentions = " + t + ".mentions + excluded.mentions";
  for (const std::string& l : r.labels) {
    set += ", " + l + " = CASE WHEN excluded." + l + " < " + t + "." + l + " THEN excluded." + l + " ELSE " + t + "." + l + " END";
  }
  return "INSERT INTO " + t + " (" + cols + ") SELECT * FROM (" + Grouped(r, filter, sign) + ") x WHERE true ON CONFLICT (" +
         Join(r.keys, ", ") + ") DO UPDATE SET " + set;
}

constexpr const char* kTouched = "c.cluster_key IN (SELECT cluster_key FROM touched_clusters)";

}  // namespace

Status StoreImpl::RebuildRollups() {
  for (const Rollup& r : Rollups()) {
    NG_RETURN_IF_ERROR(db_->Exec(std::string("DELETE FROM ") + r.table));
    NG_RETURN_IF_ERROR(db_->Exec(Upsert(r, "true", 1)));
  }
  return Status::Ok();
}

Status StoreImpl::MarkTouchedClusters() {
  NG_RETURN_IF_ERROR(db_->Exec("DELETE FROM touched_clusters"));
  std::vector<std::string> keys(batch_clusters_.begin(), batch_clusters_.end());
  for (size_t k = 0; k < keys.size(); k += 400) {
    std::vector<Value> params;
    std::string values;
    for (size_t j = k; j < std::min(keys.size(), k + 400); ++j) {
      values += params.empty() ? "(?)" : ",(?)";
      params.push_back(S(keys[j]));
    }
    NG_RETURN_IF_ERROR(db_->Exec("INSERT INTO touched_clusters (cluster_key) VALUES " + values, params));
  }
  return Status::Ok();
}

Status StoreImpl::AddToRollups(int sign) {
  for (const Rollup& r : Rollups()) NG_RETURN_IF_ERROR(db_->Exec(Upsert(r, kTouched, sign)));
  return Status::Ok();
}

Status StoreImpl::CheckRollups() {
  for (const Rollup& r : Rollups()) {
    std::string k = Join(r.keys, ", ");
    std::string labels = r.labels.empty() ? "" : ", " + Join(r.labels, ", ");
    NG_ASSIGN_OR_RETURN(std::vector<Row> want, db_->Query(Grouped(r, "true", 1) + " ORDER BY " + Join(r.keys, ", ", "s.")));
    NG_ASSIGN_OR_RETURN(std::vector<Row> have, db_->Query("SELECT " + k + labels + ", events, goldstein, mentions FROM " +
                                                              std::string(r.table) + " ORDER BY " + k));
    auto say = [&](const Row& row) {
      std::string s;
      for (const auto& v : row) s += (s.empty() ? "" : " | ") + Str(v);
      return s;
    };
    size_t labels_end = r.keys.size() + r.labels.size();
    for (size_t i = 0; i < std::min(want.size(), have.size()); ++i) {
      const Row &w = want[i], &h = have[i];
      bool same = w.size() == h.size() && w.size() == labels_end + 3;
      for (size_t j = 0; same && j < w.size(); ++j) {
        double a = std::strtod(Str(w[j]).c_str(), nullptr), b = std::strtod(Str(h[j]).c_str(), nullptr);
        // keys and labels as text; counts as numbers (PostgreSQL sums are numeric); the goldstein
        // sum up to the rounding of a different order of addition.
        same = j < labels_end ? Str(w[j]) == Str(h[j]) : j == labels_end + 1 ? std::fabs(a - b) < 1e-6 : a == b;
      }
      if (!same) return Internal(std::string(r.table) + " differs from the clusters' group-by: stored " + say(h) + ", computed " + say(w));
    }
    if (want.size() != have.size()) {
      return Internal(std::string(r.table) + " has " + std::to_string(have.size()) + " groups, the clusters give " +
                      std::to_string(want.size()));
    }
  }
  return Status::Ok();
}

// Aggregate from a summary when the filters are ones it keeps (else nullopt: the caller scans
// the clusters). Same columns, order and formatting as the scan.
Result<std::optional<QueryResult>> StoreImpl::AggregateFromRollups(const EventQuery& query, AggregateBy by) {
  const std::optional<QueryResult> kScan;  // the filters need the clusters themselves
  if (!options_.use_rollups) return kScan;
  Result<EventQuery> checked = CheckQuery(query);
  if (!checked.ok()) return kScan;  // the scan answers as it always did
  const EventQuery& q = *checked;
  if (!q.text.empty() || !q.country.empty() || !q.plover.empty() || !q.place.empty()) return kScan;
  if (!has_rollups_) {
    NG_ASSIGN_OR_RETURN(int64_t n, QueryInt(*db_, sqlite() ? "SELECT count(*) FROM sqlite_master WHERE name = 'rollup_day'"
                                                           : "SELECT count(*) FROM pg_tables WHERE tablename = 'rollup_day'"));
    if (n == 0) return kScan;  // a database older than migration 004, opened read-only
    has_rollups_ = true;
  }
  bool root = q.cameo.size() <= 2;
  std::string root_code = q.cameo.size() == 1 ? "0" + q.cameo : q.cameo;
  bool actor = !q.actor.empty();
  if (actor) {
    bool code = q.actor.size() % 3 == 0 && q.actor.size() <= 15;
    for (char c : q.actor) code &= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!code) return kScan;
  }
  Where w;
  std::string sql;
  std::vector<std::string> columns;
  switch (by) {
    case AggregateBy::kDay:
      if (!root || (actor && !q.cameo.empty())) return kScan;
      if (actor) w.Add("prefix = ?", {S(q.actor)});
      if (!q.cameo.empty()) w.Add("root_code = ?", {S(root_code)});
      if (!q.from.empty()) w.Add("sqldate >= ?", {I(DateInt(q.from))});
      if (!q.to.empty()) w.Add("sqldate <= ?", {I(DateInt(q.to))});
      sql = "SELECT sqldate, sum(events), sum(goldstein) / CAST(sum(events) AS DOUBLE PRECISION), sum(mentions) FROM " +
            std::string(actor ? "rollup_actor_day" : q.cameo.empty() ? "rollup_date" : "rollup_day") + w.sql + " GROUP BY sqldate ORDER BY sqldate LIMIT ?";
      columns = {"date"};
      break;
    case AggregateBy::kDyad:
      if (actor || !q.cameo.empty() || !q.from.empty() || !q.to.empty()) return kScan;
      sql = "SELECT actor1_code, actor2_code, actor1_name, actor2_name, events, goldstein / CAST(events AS DOUBLE PRECISION), "
            "mentions FROM rollup_dyad ORDER BY events DESC, actor1_code, actor2_code LIMIT ?";
      columns = {"actor1", "actor2", "actor1_name", "actor2_name"};
      break;
    case AggregateBy::kCountry:
      if (actor || !root || !q.from.empty() || !q.to.empty()) return kScan;
      if (!q.cameo.empty()) w.Add("root_code = ?", {S(root_code)});
      sql = "SELECT geo_country, sum(events) AS n, sum(goldstein) / CAST(sum(events) AS DOUBLE PRECISION), sum(mentions) "
            "FROM rollup_country" + w.sql + " GROUP BY geo_country ORDER BY n DESC, geo_country LIMIT ?";
      columns = {"country"};
      break;
    case AggregateBy::kPlace:
      if (actor || !q.cameo.empty() || !q.from.empty() || !q.to.empty()) return kScan;
      sql = "SELECT geo_name, geo_country, geo_lat, geo_lon, events, goldstein / CAST(events AS DOUBLE PRECISION), mentions "
            "FROM rollup_place ORDER BY events DESC, geo_name, geo_country, geo_lat, geo_lon LIMIT ?";
      columns = {"place", "country", "lat", "lon"};
      break;
  }
  w.params.push_back(I(q.limit));
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db_->Query(sql, w.params));
  return std::optional<QueryResult>(AggregateResult(std::move(columns), by == AggregateBy::kPlace ? 2 : 0, rows));
}

}  // namespace ng::store
