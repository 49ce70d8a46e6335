// store_impl.h — the one Store implementation, over either Db (store.cc: open, migrate, write;
// query.cc: queries and summary; export.cc: GDELT/JSONL/CSV exports and the canonical dump;
// merge.cc: appending another store's documents).
#pragma once

#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsgraph/store.h"
#include "store/db.h"

namespace ng::store {

// Value helpers so row literals read as data.
inline Value I(int64_t v) { return Value(v); }
inline Value D(double v) { return Value(v); }
inline Value S(std::string v) { return Value(std::move(v)); }

// Column text as a string ("" for NULL).
inline std::string Str(const std::optional<std::string>& v) { return v ? *v : std::string(); }

// Articles holding each search word, cached for every store open on one database in this
// process (query.cc).
struct SearchCounts;

class StoreImpl : public Store {
 public:
  StoreImpl(std::unique_ptr<Db> db, std::string target, StoreOptions options)
      : db_(std::move(db)), target_(std::move(target)), options_(options) {}
  ~StoreImpl() override;

  Status Migrate();
  Status CheckReadable();

  std::string backend() const override { return db_->dialect() == "sqlite" ? "sqlite" : "postgresql"; }
  Result<bool> Contains(const std::string& key) override;
  Result<std::vector<std::string>> Keys() override;
  Status Add(const DocumentRecord& doc) override;
  Status Commit() override;

  Result<QueryResult> QueryEvents(const EventQuery& q) override;
  Result<QueryResult> QueryArticles(const EventQuery& q) override;
  Result<StoreSummary> Summary() override;
  Result<QueryResult> ArticleEvents(const std::string& url_suffix) override;
  Result<QueryResult> Aggregate(const EventQuery& q, AggregateBy by) override;
  Status CheckRollups() override;  // rollups.cc
  Result<ArticleDetail> ReadArticle(int64_t id) override;
  Result<int64_t> AddReview(const Review& review) override;
  Status Export(ExportFormat format, std::ostream& out) override;
  Status CanonicalDump(std::ostream& out) override;
  Result<int64_t> Merge(const std::string& shard_path) override;

 private:
  Status BeginBatch();
  Status AddArticle(int64_t id, const DocumentRecord& doc);
  struct NearDuplicate { int64_t dup_of; int64_t distance; };
  Result<NearDuplicate> FindNearDuplicate(int64_t id, uint64_t simhash);
  Status InsertBands(int64_t id, uint64_t simhash);
  Status MergeChunk(Db& shard, const std::vector<Row>& docs);  // merge.cc
  void EndBatch();          // forgets the batch's bookkeeping (after commit or rollback)
  Status Fail(Status st);  // rolls the open batch back and returns st
  Status RecomputeClusters();
  // rollups.cc: the summary tables (schema 004).
  Status RebuildRollups();  // from every cluster (the migration)
  Status MarkTouchedClusters();  // the batch's cluster keys into the temp table touched_clusters
  Status AddToRollups(int sign);  // adds (+1) or subtracts (-1) the touched clusters' current values
  Result<std::optional<QueryResult>> AggregateFromRollups(const EventQuery& q, AggregateBy by);
  Status StageEntities();
  // query.cc: articles holding each search word (FTS5 phrase), from an fts5vocab table, cached
  // until the index has grown by a twentieth since the count was read; -1 for a word FTS5 reads
  // no token in (it drops that phrase).
  Result<std::vector<int64_t>> SearchWordDocs(const std::vector<std::string>& words);
  Status ExportReviews(std::ostream& out);
  Result<bool> HasReviews();  // false on a database made before migration 003 and opened read-only
  // "articles", or on a database made before migration 005 and opened read-only a sub-select of
  // it whose page_type is 'article' and page_type_reason '' (what the migration would give).
  Result<std::string> ArticlesTable();
  bool sqlite() const { return db_->dialect() == "sqlite"; }

  std::unique_ptr<Db> db_;
  std::string target_;
  StoreOptions options_;
  bool has_rollups_ = false;  // migration 004 seen (a read-only store may predate it)
  bool has_page_type_ = false;  // migration 005 seen (likewise)
  bool in_batch_ = false;
  int batch_docs_ = 0;
  int64_t next_doc_id_ = 0, next_event_id_ = 0, batch_first_id_ = 0;
  std::unordered_set<std::string> batch_keys_;
  std::set<std::string> batch_clusters_;  // cluster keys the batch touched
  struct Fingerprint { int64_t id; uint64_t simhash; int64_t dup_of; };
  std::vector<Fingerprint> batch_prints_;
  struct EntityRow { int64_t id; std::string kind, name, country; };
  std::vector<EntityRow> batch_entities_;
  std::shared_ptr<SearchCounts> search_counts_;  // SearchWordDocs' cache, shared (query.cc)
  bool search_vocab_ = false;                    // this connection's temp fts5vocab table exists
  std::unordered_set<int64_t> batch_entity_ids_;
};

// Helpers shared by the .cc files.
std::string Domain(const std::string& url);
std::string FormatDouble(const std::optional<std::string>& v, int decimals = 4);
// A filter date (YYYY-MM-DD, YYYY-MM, YYYY) as GDELT's SQLDATE integer; -1 when it is none.
int64_t DateInt(const std::string& d);
// Checks and normalises the filters (upper-case codes); InvalidArgument naming the bad one.
Result<EventQuery> CheckQuery(EventQuery q);

// A WHERE clause built from bound conditions.
struct Where {
  std::string sql;
  std::vector<Value> params;
  void Add(const std::string& clause, std::vector<Value> p) {
    sql += (sql.empty() ? " WHERE " : " AND ") + clause;
    for (auto& v : p) params.push_back(std::move(v));
  }
};

// Aggregate's answer from its rows: group columns, then events, mean Goldstein (2 decimals) and
// mentions; `doubles_from` > 0 marks group columns from there on as coordinates (4 decimals).
QueryResult AggregateResult(std::vector<std::string> columns, size_t doubles_from, const std::vector<Row>& rows);

}  // namespace ng::store
