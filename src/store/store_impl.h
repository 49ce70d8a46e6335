// store_impl.h — the one Store implementation, over either Db (store.cc: open, migrate, write;
// query.cc: queries and summary; export.cc: GDELT/JSONL/CSV exports and the canonical dump;
// merge.cc: appending another store's documents).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
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
  Status StageEntities();
  Status ExportReviews(std::ostream& out);
  Result<bool> HasReviews();  // false on a database made before migration 003 and opened read-only
  bool sqlite() const { return db_->dialect() == "sqlite"; }

  std::unique_ptr<Db> db_;
  std::string target_;
  StoreOptions options_;
  bool in_batch_ = false;
  int batch_docs_ = 0;
  int64_t next_doc_id_ = 0, next_event_id_ = 0, batch_first_id_ = 0;
  std::unordered_set<std::string> batch_keys_;
  std::set<std::string> batch_clusters_;  // cluster keys the batch touched
  struct Fingerprint { int64_t id; uint64_t simhash; int64_t dup_of; };
  std::vector<Fingerprint> batch_prints_;
  struct EntityRow { int64_t id; std::string kind, name, country; };
  std::vector<EntityRow> batch_entities_;
  std::unordered_set<int64_t> batch_entity_ids_;
};

// Helpers shared by the .cc files.
std::string Domain(const std::string& url);
std::string FormatDouble(const std::optional<std::string>& v, int decimals = 4);

}  // namespace ng::store
