// merge.cc — appending another store's documents (a shard written by one worker of a
// distributed run) as if they had been Added here in the shard's order. Rows are copied as they
// are, except what depends on the order of the whole database: document and event ids continue
// this store's, dup_of is looked up again among every earlier article, and the event clusters the
// new events touch are recomputed (at Commit, as for Add). So shards merged in input order give
// the database one process gives.
#include <algorithm>
#include <map>

#include "store/store_impl.h"

namespace ng::store {
namespace {

// A table's columns as the shard declares them, and how to read each back exactly.
struct Column {
  std::string name;
  char type;  // 'i' integer, 'd' double, 's' text
};

Result<std::vector<Column>> Columns(Db& shard, const std::string& table) {
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows,
                      shard.Query("SELECT name, type FROM pragma_table_info('" + table + "') ORDER BY cid"));
  std::vector<Column> out;
  for (const Row& r : rows) {
    std::string type = Str(r[1]);
    char t = type.find("INT") != std::string::npos ? 'i'
             : (type.find("DOUBLE") != std::string::npos || type.find("REAL") != std::string::npos) ? 'd'
                                                                                                    : 's';
    out.push_back({Str(r[0]), t});
  }
  if (out.empty()) return DataLoss("the shard has no table " + table);
  return out;
}

// SELECT list: doubles as 17 significant digits, which read back to the same double (SQLite's
// own text form keeps 15).
std::string SelectList(const std::vector<Column>& cols) {
  std::string s;
  for (const Column& c : cols) {
    s += s.empty() ? "" : ", ";
    s += c.type == 'd' ? "printf('%!.17g', " + c.name + ")" : c.name;
  }
  return s;
}

std::vector<std::string> Names(const std::vector<Column>& cols) {
  std::vector<std::string> n;
  for (const Column& c : cols) n.push_back(c.name);
  return n;
}

Value Typed(const std::optional<std::string>& v, char type) {
  if (!v) return Value();
  if (type == 'i') return I(std::strtoll(v->c_str(), nullptr, 10));
  if (type == 'd') return D(std::strtod(v->c_str(), nullptr));
  return S(*v);
}

std::vector<Value> Values(const Row& r, const std::vector<Column>& cols) {
  std::vector<Value> v;
  v.reserve(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) v.push_back(Typed(r[i], cols[i].type));
  return v;
}

size_t Index(const std::vector<Column>& cols, const std::string& name) {
  for (size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name == name) return i;
  return cols.size();
}

}  // namespace

Result<int64_t> StoreImpl::Merge(const std::string& shard_path) {
  NG_RETURN_IF_ERROR(Commit());
  NG_ASSIGN_OR_RETURN(std::unique_ptr<Db> shard, OpenSqlite(shard_path, /*read_only=*/true));
  NG_ASSIGN_OR_RETURN(int64_t ours_table,
                      QueryInt(*shard, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
  if (ours_table == 0) return NotFound(shard_path + ": not a newsgraph database (no schema_migrations table)");
  NG_ASSIGN_OR_RETURN(int64_t theirs, QueryInt(*shard, "SELECT max(version) FROM schema_migrations"));
  NG_ASSIGN_OR_RETURN(int64_t ours, QueryInt(*db_, "SELECT max(version) FROM schema_migrations"));
  if (theirs != ours) {
    return InvalidArgument(shard_path + ": schema version " + std::to_string(theirs) + ", but " + target_ +
                           " has version " + std::to_string(ours) + "; make both with the same newsgraph");
  }
  NG_ASSIGN_OR_RETURN(std::vector<Column> doc_cols, Columns(*shard, "documents"));
  const int64_t chunk = std::max(1, options_.batch_size);
  int64_t last = -1, added = 0;
  for (;;) {
    NG_ASSIGN_OR_RETURN(std::vector<Row> docs,
                        shard->Query("SELECT " + SelectList(doc_cols) + " FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                                     {I(last), I(chunk)}));
    if (docs.empty()) break;
    last = std::strtoll(Str(docs.back()[Index(doc_cols, "id")]).c_str(), nullptr, 10);
    size_t before = batch_keys_.size();
    Status st = MergeChunk(*shard, docs);
    if (!st.ok()) return Fail(Status(st.code(), "merging " + shard_path + ": " + st.message()));
    added += static_cast<int64_t>(batch_keys_.size() - before);
    NG_RETURN_IF_ERROR(Commit());
  }
  return added;
}

// One chunk of the shard's documents (ids ascending) in one transaction of this store.
Status StoreImpl::MergeChunk(Db& shard, const std::vector<Row>& docs) {
  if (!in_batch_) NG_RETURN_IF_ERROR(BeginBatch());
  NG_ASSIGN_OR_RETURN(std::vector<Column> doc_cols, Columns(shard, "documents"));
  size_t id_col = Index(doc_cols, "id"), key_col = Index(doc_cols, "doc_key");
  std::map<int64_t, int64_t> ids;  // shard document id -> ours
  for (const Row& r : docs) {
    std::string key = Str(r[key_col]);
    NG_ASSIGN_OR_RETURN(bool have, Contains(key));
    if (have) continue;
    int64_t id = next_doc_id_++;
    ids[std::strtoll(Str(r[id_col]).c_str(), nullptr, 10)] = id;
    std::vector<Value> v = Values(r, doc_cols);
    v[id_col] = I(id);
    NG_RETURN_IF_ERROR(db_->Insert("documents", Names(doc_cols), std::move(v)));
    batch_keys_.insert(key);
  }
  if (ids.empty()) return Status::Ok();
  std::vector<Value> range = {I(ids.begin()->first), I(ids.rbegin()->first)};

  NG_ASSIGN_OR_RETURN(std::vector<Column> art_cols, Columns(shard, "articles"));
  NG_ASSIGN_OR_RETURN(std::vector<Row> arts, shard.Query("SELECT " + SelectList(art_cols) +
                                                         " FROM articles WHERE id BETWEEN ? AND ? ORDER BY id",
                                                         range));
  size_t sh_col = Index(art_cols, "simhash"), dup_col = Index(art_cols, "dup_of"),
         dist_col = Index(art_cols, "dup_distance");
  for (const Row& r : arts) {
    auto it = ids.find(std::strtoll(Str(r[0]).c_str(), nullptr, 10));
    if (it == ids.end()) continue;
    uint64_t sh = static_cast<uint64_t>(std::strtoll(Str(r[sh_col]).c_str(), nullptr, 10));
    NG_ASSIGN_OR_RETURN(NearDuplicate dup, FindNearDuplicate(it->second, sh));
    std::vector<Value> v = Values(r, art_cols);
    v[Index(art_cols, "id")] = I(it->second);
    v[dup_col] = I(dup.dup_of);
    v[dist_col] = I(dup.distance);
    NG_RETURN_IF_ERROR(db_->Insert("articles", Names(art_cols), std::move(v)));
    NG_RETURN_IF_ERROR(InsertBands(it->second, sh));
  }

  // Entities are keyed by a hash of what they are: staged like Add's, existing ones kept.
  NG_ASSIGN_OR_RETURN(std::vector<Row> ents,
                      shard.Query("SELECT id, kind, name, country FROM entities WHERE id IN "
                                  "(SELECT entity_id FROM mentions WHERE article_id BETWEEN ? AND ?) ORDER BY id",
                                  range));
  for (const Row& r : ents) {
    int64_t eid = std::strtoll(Str(r[0]).c_str(), nullptr, 10);
    if (batch_entity_ids_.insert(eid).second) batch_entities_.push_back({eid, Str(r[1]), Str(r[2]), Str(r[3])});
  }

  // Rows that belong to an article: the article id mapped; events also get ids of ours.
  for (const char* table : {"mentions", "places", "quantities", "events"}) {
    bool events = std::string(table) == "events";
    NG_ASSIGN_OR_RETURN(std::vector<Column> cols, Columns(shard, table));
    size_t art_col = Index(cols, "article_id"), ck_col = Index(cols, "cluster_key"), eid_col = Index(cols, "id");
    NG_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        shard.Query("SELECT " + SelectList(cols) + " FROM " + table +
                                        " WHERE article_id BETWEEN ? AND ? ORDER BY " +
                                        (events ? "id" : "article_id, ordinal"),
                                    range));
    std::vector<std::string> names = Names(cols);
    for (const Row& r : rows) {
      auto it = ids.find(std::strtoll(Str(r[art_col]).c_str(), nullptr, 10));
      if (it == ids.end()) continue;
      std::vector<Value> v = Values(r, cols);
      v[art_col] = I(it->second);
      if (events) {
        v[eid_col] = I(next_event_id_++);
        batch_clusters_.insert(Str(r[ck_col]));
      }
      NG_RETURN_IF_ERROR(db_->Insert(table, names, std::move(v)));
    }
  }
  return Status::Ok();
}

}  // namespace ng::store
