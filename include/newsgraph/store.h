// store.h — keep what the pipeline found: documents, articles (full-text indexed), entities and
// mentions, quantities, coded events, event clusters (GDELT's NumMentions/NumSources/NumArticles)
// and near-duplicate article clusters; query them and export GDELT-compatible files.
//
//   NG_ASSIGN_OR_RETURN(std::unique_ptr<ng::Store> db, ng::Store::Open("news.db"));  // or postgresql://…
//   if (!*db->Contains(doc.key())) NG_RETURN_IF_ERROR(db->Add(doc));   // batched; Add commits every N
//   NG_RETURN_IF_ERROR(db->Commit());
//   NG_ASSIGN_OR_RETURN(ng::QueryResult r, db->QueryEvents({.cameo = "19"}));
//
// A target is a file path (SQLite, WAL mode) or a postgresql:// / postgres:// URI (libpq). Both
// backends share one schema (src/store/schema/*.sql, versioned migrations) and give the same
// answers; ids are assigned by the store, so the same input in the same order gives the same ids.
// Ingest is idempotent: a document is identified by its URL (or source label) and the SHA-1 of its
// bytes. Writes happen in batches, each one transaction: a crash loses at most the open batch.
// One writer at a time (SQLite: the database lock; PostgreSQL: an advisory lock).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/analyze.h"
#include "newsgraph/article.h"
#include "newsgraph/code.h"
#include "newsgraph/document.h"
#include "newsgraph/status.h"

namespace ng {

// One input record and everything the pipeline derived from it (document.h).
using DocumentRecord = Document;

struct StoreOptions {
  int batch_size = 64;        // documents per transaction
  bool read_only = false;     // query/export: never creates or migrates
  int near_dup_distance = 3;  // SimHash Hamming distance for "the same wire copy" (≤ 3 is exact by banding)
  int statement_timeout_ms = 0;  // > 0: a statement running longer fails with kResourceExhausted (serve)
  bool use_rollups = true;       // Aggregate reads the summary tables when they answer the filters
                                 // (false: always scans the clusters; for measuring and tests)
};

// Full-text search on SQLite ranks (BM25, with cached word counts) the newest this many matching
// articles: a word in most articles would otherwise rank them all. PostgreSQL ranks every match
// (ts_rank).
inline constexpr int kSearchCandidates = 1000;

// Filters for QueryEvents / QueryArticles; empty fields do not filter. A value that cannot match
// (a country that is not 3 letters, an unknown PLOVER category, a CAMEO root outside 01-20, a date
// that is no real day) is kInvalidArgument naming the valid values.
struct EventQuery {
  std::string text;      // full-text search over the articles (words, all must match)
  std::string actor;     // actor code prefix or name substring, either side ("IRQ", "USAMIL", "Hussein")
  std::string country;   // ISO3 of either actor or of the action place
  std::string cameo;     // 2 digits = root, 3 = base, 4 = exact code
  std::string plover;    // PLOVER category ("CONSULT")
  std::string from, to;  // YYYY-MM-DD, inclusive
  std::string place;     // action place: name substring, FIPS (IZ), ISO3 (IRQ) or ADM1 (IZ07) code
  std::string page_type;  // QueryArticles only: pages extraction classed so (PageTypeName: "listing")
  int limit = 100;
  // Keyset paging of QueryEvents (newest first): only clusters after this (date, id) in that
  // order — the last row of the previous page. before_id 0: from the newest.
  int64_t before_date = 0, before_id = 0;
};

// A table of strings: the CLI prints it as a table, JSONL or CSV.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<bool> numeric;  // per column: its cells are numbers ("" = none), JSON writes them bare
  std::vector<std::vector<std::string>> rows;
};

struct StoreSummary {
  int64_t documents = 0, articles = 0, failed = 0, entities = 0, mentions = 0, quantities = 0;
  int64_t events = 0, event_clusters = 0, dup_clusters = 0, dup_articles = 0;
  std::vector<std::pair<std::string, int64_t>> events_by_root;          // "19 Fight" -> n
  std::vector<std::pair<std::string, int64_t>> top_actor_pairs;         // "USA -> IRQ" -> n
  std::vector<std::pair<std::string, int64_t>> top_entities;            // "Iraq (location)" -> n
};

enum class ExportFormat { kGdeltEvents, kGdeltMentions, kGkg, kJsonl, kCsv, kReviews };
// "gdelt-events", "gdelt-mentions", "gkg", "jsonl", "csv", "reviews"; nullopt when unknown.
std::optional<ExportFormat> ParseExportFormat(const std::string& name);

// Aggregates over the event clusters an EventQuery matches: per day (timeline), per dyad (the actor
// network's weighted edges), per action country, per action place (the map).
enum class AggregateBy { kDay, kDyad, kCountry, kPlace };
// "day", "dyad", "country", "place"; nullopt when unknown.
std::optional<AggregateBy> ParseAggregateBy(const std::string& name);

// One article and what the pipeline found in it. Every *_begin/*_end is a byte offset into the
// article's `text` (UTF-8): the evidence a reader checks an event against.
struct ArticleDetail {
  QueryResult article;     // one row: id, url, title, date, …, text
  QueryResult entities;    // mentions with their entity (kind, name, country)
  QueryResult quantities;
  QueryResult places;
  QueryResult events;      // sentence, actor and verb spans, codes, place
  QueryResult reviews;     // readers' judgements of those events (empty before any review)
  QueryResult related;     // near-duplicates and other articles reporting the same events
};

// A reader's judgement of one coded event. Stored beside the coder's output, never over it.
struct Review {
  int64_t event_id = 0;
  std::string verdict;                       // "right", "wrong" or "corrected"
  std::string cameo, actor1, actor2, date;   // "corrected": the reader's values; empty = as coded
  std::string note, reviewer;
};

class Store {
 public:
  // Opens (creating and migrating unless read_only) the database at `target`.
  // Errors name the target and say what to do: not a database, read-only directory, no server…
  static Result<std::unique_ptr<Store>> Open(const std::string& target, const StoreOptions& options = {});
  virtual ~Store() = default;

  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"

  // True when a document with this key is stored (or waits in the open batch).
  virtual Result<bool> Contains(const std::string& key) = 0;
  // Every stored document key, for a cheap skip before the expensive stages.
  virtual Result<std::vector<std::string>> Keys() = 0;
  // Queues a document; commits when the batch is full. A key already stored is ignored.
  virtual Status Add(const DocumentRecord& doc) = 0;
  // Commits the open batch (also done by the destructor, errors ignored there).
  virtual Status Commit() = 0;

  virtual Result<QueryResult> QueryEvents(const EventQuery& q) = 0;
  // Articles matching q.text ranked by bm25 (SQLite) / ts_rank (PostgreSQL), with a snippet and
  // the page type extraction gave each; q.page_type keeps pages of that type, the other filters
  // articles with a matching event.
  virtual Result<QueryResult> QueryArticles(const EventQuery& q) = 0;
  virtual Result<StoreSummary> Summary() = 0;
  // The events of the article whose URL (or source) ends with `url_suffix`, evidence included.
  virtual Result<QueryResult> ArticleEvents(const std::string& url_suffix) = 0;

  // Counts, mean Goldstein and mentions of the matching event clusters, grouped by `by`
  // (q.limit caps the groups; dyads and places come most frequent first, days in date order).
  // Unfiltered or filtered by CAMEO root / date range / a whole actor code, the answer comes from
  // summary tables kept at ingest (schema 004_rollups.sql) instead of a scan of the clusters.
  virtual Result<QueryResult> Aggregate(const EventQuery& q, AggregateBy by) = 0;
  // Compares every summary table with the group-by over the clusters it sums; Internal naming
  // the first differing group. (The bench and the tests call it; nothing else needs to.)
  virtual Status CheckRollups() = 0;
  // The article with this id and everything found in it; NotFound when there is none.
  virtual Result<ArticleDetail> ReadArticle(int64_t id) = 0;
  // Stores a judgement (its own table; the event is unchanged) and returns its id. InvalidArgument
  // for a bad verdict / code / date, NotFound for an unknown event. Needs a writable store.
  virtual Result<int64_t> AddReview(const Review& review) = 0;

  virtual Status Export(ExportFormat format, std::ostream& out) = 0;
  // Every table in a fixed order, without provenance columns that depend on how the bytes
  // arrived (URLs, paths, fetch and ingest times): equal dumps = equal contents.
  virtual Status CanonicalDump(std::ostream& out) = 0;

  // Appends the documents of another store — a SQLite file, e.g. the shard one worker of a
  // distributed run wrote — that this one lacks, in that store's id order, as if they had been
  // Added here in that order: ids continue this store's, near-duplicates and event clusters are
  // recomputed over both. Merging shards in their input order therefore gives the database one
  // process gives over the same inputs; merging a shard twice adds nothing. Commits every
  // batch_size documents (a crash keeps a prefix; merging again completes it). Returns the
  // number of documents appended.
  virtual Result<int64_t> Merge(const std::string& shard_path) = 0;
};

// 64-bit SimHash of word 3-shingles of `text` (lower-cased, punctuation dropped).
uint64_t SimHash(std::string_view text);

}  // namespace ng
