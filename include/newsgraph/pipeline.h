// pipeline.h — the record → document stage (extract → analyze → code, with the skip rules and
// the error handling) and the ordered parallel pipeline that carries Documents from inputs to a
// sink. Every front end (CLI, Python, a server) runs on these calls and holds no stage logic.
//
//   NG_ASSIGN_OR_RETURN(ng::Models models, ng::LoadModels({}));
//   ng::Document d = ng::ProcessRecord(record, models);          // one record, typed result
//   NG_ASSIGN_OR_RETURN(auto in, ng::OpenInputs({"corpus/", "news.warc.gz"}));
//   ng::RunPipeline(*in, models, {.jobs = 4}, [](ng::Document& d) { Use(d); return true; });
//
// Nothing here throws or prints: problems are Statuses, or a status and reason on the Document.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/analyze.h"
#include "newsgraph/code.h"
#include "newsgraph/document.h"
#include "newsgraph/extract.h"
#include "newsgraph/ingest.h"
#include "newsgraph/status.h"
#include "newsgraph/store.h"

namespace ng {

// ---- What the stages need, loaded once and shared read-only by every worker ----------------
struct Models {
  std::shared_ptr<const Resources> resources;  // analysis tables; null = extraction only
  std::shared_ptr<const Codebook>
      codebook;  // our dictionaries + CAMEO/PLOVER tables; null = no events
  std::shared_ptr<const ForeignCoder>
      foreign;       // a user's TABARI/PETRARCH dictionaries: code with them
  std::string note;  // what could not be loaded when it was optional ("events are not coded: …")
};

struct ModelOptions {
  std::string data_dir = "";  // analysis tables; "" = $NEWSGRAPH_DATA, else the build's data dir
  std::string codebook_dir = "";  // "" = $NEWSGRAPH_CODEBOOK, else the build's data/code
  std::string dictionaries =
      "";                // a user's TABARI/PETRARCH files (LoadForeignDictionaries); "" = ours
  bool analysis = true;  // load the analysis tables
  bool codebook = true;  // load a coder
  // false: a codebook that does not load leaves Models::codebook null and says why in `note`
  // (ingest still stores documents, articles and entities); true: it is an error.
  bool require_codebook = true;
};

// Errors name the directory or file at fault (kNotFound, kInvalidArgument with file:line).
Result<Models> LoadModels(const ModelOptions& options = {});

// ---- One record → one Document ----------------------------------------------------------------
struct DocumentOptions {
  bool analyze = true;  // false: stop after extraction (Document::text, analysis, events empty)
  bool code = true;     // code events when Models has a coder
  bool content_hash = true;  // compute Document::content_hash (the store's identity)
  bool comments = false;     // ExtractOptions::comments
  HtmlParser parser = HtmlParser::kFast;
  bool syntax = true;       // AnalyzeOptions::syntax
  bool tokens = true;       // keep Analysis::tokens (always computed when coding)
  CodeOptions coding = {};  // ontology, events per sentence
  // When set and it returns true for a document's key, the document is marked already_stored
  // and not extracted or analysed (a store's keys, read once before the run).
  std::function<bool(const std::string& key)> known = nullptr;
  // A page with no bytes (or only white space) fails: "empty page", an input error a batch reports
  // and a store keeps as a failed document. false: extracted as an Article whose reason is
  // "empty input" (what ng::Extract gives; the Python extract() of one page).
  bool empty_fails = true;
  // Code events only from pages that extraction classed as articles (Article::page_type):
  // listings, forums, products, documentation, collections and other pages are still analysed
  // (and stored) but get no events. `ingest --db` sets it unless --code-all-pages.
  bool articles_only = false;
};

// Skip rules (status "skipped", reason says why): HTTP 304, a non-2xx response, a media type that
// is not HTML. Then extraction (failure: status "failed"), and unless options.analyze is false the
// analysis of title + body and the events. A publication date that is not a real day is rejected
// before analysis: the text is analysed without it and `reason` says so. One document never sinks
// a batch: any failure, even an exception from a stage, becomes status "failed" with the error.
Document ProcessRecord(const Record& record, const Models& models,
                       const DocumentOptions& options = {});

// The analysis and events of an article already extracted (title + "\n\n" + body), dated by
// its `published` day; a date that is not a real day is rejected as in ProcessRecord.
Document ProcessArticle(Article article, const Models& models, const DocumentOptions& options = {});

// Text that is already clean (an article's text, a sentence, a JSON article's "text").
struct TextInput {
  std::string text = "";
  std::string date = "";                                  // publication date YYYY-MM-DD, or ""
  std::vector<std::pair<size_t, size_t>> sentences = {};  // pre-split sentence spans, or empty
  std::string source = "";                                // label for messages
};
// Analysis and (when options.code and Models has a coder) events of `input.text`. An invalid date
// or invalid sentence spans: status "failed", kInvalidArgument, nothing analysed.
Document ProcessText(TextInput input, const Models& models, const DocumentOptions& options = {});

// How the coder read one sentence (`newsgraph explain`): the analysis (with its dependency tree),
// the events and every decision, one line each.
struct Explanation {
  std::string text;
  Analysis analysis;
  std::vector<Event> events;
  std::vector<std::string> trace;
};
// Needs Models::codebook (our coder; foreign dictionaries cannot explain). kInvalidArgument for an
// invalid date.
Result<Explanation> Explain(std::string_view sentence, std::string_view date, const Models& models,
                            const DocumentOptions& options = {});

// ---- Inputs: what the pipeline reads ------------------------------------------------------------
// One unit of pipeline input: a record, a URL a worker fetches first, or a problem found while
// reading (reported in order, as a failed Document).
struct Input {
  std::string source;  // label for messages: "a.warc.gz@1234", a path, a URL
  std::optional<Record> record;
  std::string fetch_url;
  Status error;
};

class InputStream {
 public:
  using Emit = std::function<bool(Input)>;  // false: stop reading (the run was cancelled)
  virtual ~InputStream() = default;
  // Emits every input in order (on the pipeline's reader thread).
  virtual void Produce(const Emit& emit) = 0;
  // For progress bars: input bytes read so far (any thread) and the total when known (0 = unknown).
  virtual uint64_t bytes_read() const { return bytes_read_.load(); }
  virtual uint64_t bytes_total() const { return 0; }

 protected:
  std::atomic<uint64_t> bytes_read_{0};
};

struct InputOptions {
  std::vector<std::string> urls;  // also fetch these (after the sources)
  Fetcher* fetcher = nullptr;     // for URLs (sources, feed items, `urls`); none: URLs fail
  WarcReaderOptions warc;
  size_t max_file_bytes = 64u << 20;  // a page file is read up to this size
};

// Sources as `newsgraph ingest` takes them: .warc / .warc.gz files (sniffed, not by name),
// directories (recursive: *.html *.htm *.xhtml *.shtml *.warc(.gz) *.rss *.atom *.xml, in path
// order), HTML files, RSS/Atom feed files and URLs (each item's link is fetched), page URLs, and
// "-" (stdin: a page, a WARC or a feed). Directories are listed now: a missing path is kNotFound.
Result<std::unique_ptr<InputStream>> OpenInputs(const std::vector<std::string>& sources,
                                                const InputOptions& options = {});
// The plan OpenInputs reads, in its order: each directory replaced by its files, other sources
// as given (a distributed run makes one task per entry). A missing path is kNotFound.
Result<std::vector<std::string>> ExpandSources(const std::vector<std::string>& sources);
// Every record of a Source (e.g. OpenWarc), `label` naming it in read errors.
std::unique_ptr<InputStream> FromSource(std::unique_ptr<Source> source, std::string label);
// Each path is one HTML page (no sniffing; "-" = stdin), read up to max_bytes; `url` and `charset`
// (from an HTTP header) apply to every page. A page that cannot be read is a failed Document.
std::unique_ptr<InputStream> OpenPages(std::vector<std::string> paths, std::string url = "",
                                       std::string charset = "", size_t max_bytes = 64u << 20);
// Lines of a URL list file (blank lines and # comments skipped).
Result<std::vector<std::string>> ReadUrlList(const std::string& path);

// ---- The ordered parallel pipeline ------------------------------------------------------------
struct PipelineOptions {
  int jobs = 0;                  // worker threads; 0 = all cores
  size_t max_items = 0;          // documents in flight; 0 = 8 per worker
  size_t max_bytes = 64u << 20;  // record bytes in flight (one record is always admitted)
  DocumentOptions document;
  Fetcher* fetcher = nullptr;  // for inputs that name a URL
};

struct PipelineStats {
  size_t documents = 0, articles = 0, skipped = 0, failed = 0, already_stored = 0;
};

// Called on the calling thread, in input order. Return false to stop: no more input is read and
// documents already in flight arrive with status "skipped" (reason "cancelled") unprocessed.
using DocumentSink = std::function<bool(Document&)>;

// Reads `input` on a reader thread, runs ProcessRecord on `jobs` workers (fetching URL inputs
// first), and hands every Document to `sink` in input order. Memory stays flat: at most
// max_items documents and max_bytes record bytes are in flight.
PipelineStats RunPipeline(InputStream& input, const Models& models, const PipelineOptions& options,
                          const DocumentSink& sink);

// The JSONL line (no newline) `newsgraph extract --format jsonl` and `ingest` print for a document:
// {"source", ["record_url",] "error": null|"CODE: message", <the article's fields>}. record_url is
// written when `with_record_url` and the document has a URL.
std::string DocumentJsonLine(const Document& doc, bool with_record_url);

// Writes documents into a Store: documents already there are counted, not added; documents with
// no bytes (input errors, failed fetches) are not stored; the first store error stops writing.
class StoreSink {
 public:
  explicit StoreSink(Store& store) : store_(store) {}
  // Reads the store's keys, for DocumentOptions::known (skip before the expensive stages).
  Status LoadKeys();
  bool Known(const std::string& key) const;
  // False after a store error (the pipeline should stop).
  bool Write(const Document& doc);
  // Commits the open batch; the first error of the run.
  Status Finish();
  size_t stored() const { return stored_; }
  size_t already() const { return already_; }
  const Status& status() const { return status_; }

 private:
  Store& store_;
  std::vector<std::string> keys_;  // sorted
  Status status_;
  size_t stored_ = 0, already_ = 0;
};

}  // namespace ng
