// newsgraph ingest — sources (WARC, feeds, directories, files, URLs) → articles as JSONL or
// documents in a store, through the document pipeline (newsgraph/pipeline.h).
// Thin: flags → options → pipeline → output.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <filesystem>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/ingest.h"
#include "newsgraph/pipeline.h"
#include "newsgraph/store.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph ingest SOURCE... [--urls FILE] [flags]\n"
    "\n"
    "Reads news pages from every SOURCE, extracts the article from each, and prints one JSON\n"
    "line per record, in input order (the shape of `newsgraph extract --format jsonl`, plus\n"
    "\"record_url\"). A SOURCE is:\n"
    "  a .warc / .warc.gz file   WARC/1.0 or 1.1, plain, gzip per record or whole-file gzip\n"
    "  a directory               read recursively: *.html *.htm *.xhtml *.shtml *.warc(.gz) *.rss\n"
    "                            *.atom *.xml, in path order\n"
    "  an HTML file, or -        one page (stdin may also carry a WARC or a feed)\n"
    "  a feed file or feed URL   RSS 2.0 / Atom 1.0: each item's link is fetched\n"
    "  a page URL                fetched politely (robots.txt, per-host delay, retries)\n"
    "\n"
    "flags:\n"
    "  --urls FILE          also fetch the URLs in FILE (one per line, # comments)\n"
    "  --format jsonl       output format (the only one for now)\n"
    "  --jobs N             extraction threads (default: all cores)\n"
    "  -o FILE              write to FILE instead of stdout\n"
    "  --user-agent S       User-Agent for fetching (robots.txt is matched on its first word)\n"
    "  --delay-ms N         minimum gap between requests to one host (default 1000)\n"
    "  --per-host N         requests in flight to one host (default 1)\n"
    "  --max-bytes N        largest body fetched (default 16 MiB) or WARC record read (64 MiB)\n"
    "  --timeout-ms N       per request (default 30000)\n"
    "  --retries N          on 429 / 5xx / network errors (default 3)\n"
    "  --backoff-ms N       first retry wait, doubling (default 500); Retry-After wins\n"
    "  --max-retry-wait-ms N  give up on a longer Retry-After (default 60000)\n"
    "  --max-redirects N    (default 5)\n"
    "  --cache FILE         ETag / Last-Modified store for conditional GET across runs\n"
    "  --no-digest-check    do not verify WARC sha1 digests\n"
    "  --quiet              no progress bar\n"
    "  --db TARGET          store instead of printing: extract -> analyze -> code events -> a SQLite\n"
    "                       file (WAL) or postgresql://… database. Idempotent (documents already\n"
    "                       stored are skipped) and crash-safe (batches are transactions; rerun to\n"
    "                       resume). Query with `newsgraph query --db`, export with `newsgraph export`\n"
    "  --batch N            documents per transaction with --db (default 64)\n"
    "  --code-all-pages     with --db, code events from every page; by default only pages that\n"
    "                       extraction classes as articles are coded (listings, forums, products,\n"
    "                       documentation, collections and other pages are stored without events\n"
    "                       and counted in the summary)\n"
    "  --data DIR           analysis tables (default: $NEWSGRAPH_DATA or the build's data dir)\n"
    "\n"
    "Records that are not HTML (images, robots.txt…), non-2xx archived responses and 304s are\n"
    "skipped and counted. A summary line goes to stderr at the end.\n"
    "\n";

struct Flags {
  std::vector<std::string> sources;
  std::string urls_file, out_path, db, data_dir;
  int jobs = 0, batch = 64;
  bool quiet = false, digests = true;
  bool code_all_pages = false;
  bool max_bytes_set = false;
  FetchOptions fetch;
  WarcReaderOptions warc;
};

bool ParseInt(const std::string& v, long long lo, long long* out) {
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end || n < lo) return false;
  *out = n;
  return true;
}

std::optional<Flags> ParseFlags(const std::vector<std::string>& args, int* exit_code) {
  Flags f;
  auto fail = [&](const std::string& msg) {
    std::fprintf(stderr, "newsgraph ingest: %s\n", msg.c_str());
    *exit_code = 2;
    return std::nullopt;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    auto number = [&](long long lo, long long* out) -> bool {
      const std::string* v = value();
      return v && ParseInt(*v, lo, out);
    };
    long long n = 0;
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      *exit_code = 0;
      return std::nullopt;
    } else if (a == "--urls") {
      const std::string* v = value();
      if (!v) return fail("--urls needs a file");
      f.urls_file = *v;
    } else if (a == "--format") {
      const std::string* v = value();
      if (!v || (*v != "jsonl" && *v != "json")) return fail("--format: only jsonl is supported");
    } else if (a == "-o" || a == "--output") {
      const std::string* v = value();
      if (!v) return fail("-o needs a file");
      f.out_path = *v;
    } else if (a == "--jobs" || a == "-j") {
      if (!number(1, &n)) return fail("--jobs needs a positive number");
      f.jobs = static_cast<int>(n);
    } else if (a == "--user-agent") {
      const std::string* v = value();
      if (!v || v->empty()) return fail("--user-agent needs a value");
      f.fetch.user_agent = *v;
    } else if (a == "--delay-ms") {
      if (!number(0, &n)) return fail("--delay-ms needs a number >= 0");
      f.fetch.delay_ms = static_cast<int>(n);
    } else if (a == "--per-host") {
      if (!number(1, &n)) return fail("--per-host needs a positive number");
      f.fetch.per_host_concurrency = static_cast<int>(n);
    } else if (a == "--max-bytes") {
      if (!number(1, &n)) return fail("--max-bytes needs a positive number");
      f.fetch.max_bytes = static_cast<uint64_t>(n);
      f.warc.max_record_bytes = f.warc.max_payload_bytes = static_cast<uint64_t>(n);
    } else if (a == "--timeout-ms") {
      if (!number(1, &n)) return fail("--timeout-ms needs a positive number");
      f.fetch.timeout_ms = static_cast<int>(n);
      f.fetch.connect_timeout_ms = std::min(f.fetch.connect_timeout_ms, static_cast<int>(n));
    } else if (a == "--retries") {
      if (!number(0, &n)) return fail("--retries needs a number >= 0");
      f.fetch.max_retries = static_cast<int>(n);
    } else if (a == "--backoff-ms") {
      if (!number(0, &n)) return fail("--backoff-ms needs a number >= 0");
      f.fetch.backoff_ms = static_cast<int>(n);
    } else if (a == "--max-retry-wait-ms") {
      if (!number(0, &n)) return fail("--max-retry-wait-ms needs a number >= 0");
      f.fetch.max_retry_wait_ms = static_cast<int>(n);
    } else if (a == "--max-redirects") {
      if (!number(0, &n)) return fail("--max-redirects needs a number >= 0");
      f.fetch.max_redirects = static_cast<int>(n);
    } else if (a == "--cache") {
      const std::string* v = value();
      if (!v) return fail("--cache needs a file");
      f.fetch.cache_path = *v;
    } else if (a == "--db") {
      const std::string* v = value();
      if (!v || v->empty()) return fail("--db needs a file or a postgresql:// URI");
      f.db = *v;
    } else if (a == "--batch") {
      if (!number(1, &n)) return fail("--batch needs a positive number");
      f.batch = static_cast<int>(n);
    } else if (a == "--data") {
      const std::string* v = value();
      if (!v) return fail("--data needs a directory");
      f.data_dir = *v;
    } else if (a == "--no-digest-check") {
      f.warc.check_digests = false;
    } else if (a == "--code-all-pages") {
      f.code_all_pages = true;
    } else if (a == "--quiet" || a == "-q") {
      f.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "newsgraph ingest: unknown flag '%s'\n\n%s", a.c_str(), kHelp);
      *exit_code = 2;
      return std::nullopt;
    } else {
      f.sources.push_back(a);
    }
  }
  if (f.sources.empty() && f.urls_file.empty()) return fail("no SOURCE given (see --help)");
  return f;
}

// "[####     ] 1200 records  310.2/s  3 errors  41.0 MB/s  ETA 12s" (ETA when sizes are known).
class IngestProgress {
 public:
  IngestProgress(bool enabled, uint64_t total_bytes)
      : enabled_(enabled), total_(total_bytes), start_(std::chrono::steady_clock::now()) {}
  void Tick(bool failed, uint64_t bytes_done) {
    ++done_;
    failed_ += failed;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    Draw(bytes_done, false);
  }
  void Clear() {
    if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  }
  void Done(uint64_t bytes_done) {
    if (enabled_) Draw(bytes_done, true);
  }

 private:
  void Draw(uint64_t bytes, bool final) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = secs > 0 ? done_ / secs : 0, mbs = secs > 0 ? bytes / secs / 1e6 : 0;
    std::string bar, eta;
    if (total_ > 0) {
      const int width = 20;
      int filled = static_cast<int>(width * std::min<uint64_t>(bytes, total_) / total_);
      bar.assign(static_cast<size_t>(width), ' ');
      bar.replace(0, static_cast<size_t>(filled), static_cast<size_t>(filled), '#');
      bar.insert(bar.begin(), '[');
      bar.append("] ");
      if (mbs > 0 && bytes <= total_) eta = "  ETA " + std::to_string(static_cast<long>((total_ - bytes) / 1e6 / mbs)) + "s";
    }
    std::fprintf(stderr, "\r%s%zu records  %.1f/s  %zu errors  %.1f MB/s%s\033[K%s", bar.c_str(), done_, rate,
                 failed_, mbs, eta.c_str(), final ? "\n" : "");
    std::fflush(stderr);
    drawn_ = true;
  }
  bool enabled_, drawn_ = false;
  uint64_t total_;
  size_t done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point start_, last_{};
};

// Wraps the input stream to remember how far the reader was when it emitted each input: the
// reader runs ahead of the workers, so its own position fills the bar before anything is done.
// Documents come back in input order, one per input, so the front of the queue is the position of
// the document just finished.
class PositionedInput : public InputStream {
 public:
  explicit PositionedInput(InputStream& in) : in_(in) {}
  void Produce(const Emit& emit) override {
    in_.Produce([&](Input input) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        ends_.push_back(in_.bytes_read());
      }
      return emit(std::move(input));
    });
  }
  uint64_t bytes_read() const override { return in_.bytes_read(); }
  uint64_t bytes_total() const override { return in_.bytes_total(); }
  // The input position up to which documents are done (after one more document).
  uint64_t Finished() {
    std::lock_guard<std::mutex> lock(mu_);
    if (ends_.empty()) return done_;
    done_ = ends_.front();
    ends_.pop_front();
    return done_;
  }

 private:
  InputStream& in_;
  std::mutex mu_;
  std::deque<uint64_t> ends_;
  uint64_t done_ = 0;
};

class Ingest {
 public:
  explicit Ingest(Flags f) : f_(std::move(f)) {}

  int Run() {
    Result<std::unique_ptr<Fetcher>> fetcher = Fetcher::Create(f_.fetch);
    if (!fetcher.ok()) return Usage(fetcher.status().message());
    fetcher_ = std::move(fetcher).value();
    InputOptions io;
    io.fetcher = fetcher_.get();
    io.warc = f_.warc;
    io.max_file_bytes = kMaxReadBytes;
    // A source (or --urls list) that is not there is reported and counted; the others are ingested.
    std::vector<std::string> sources;
    size_t missing = 0;
    if (!f_.urls_file.empty()) {
      Result<std::vector<std::string>> urls = ReadUrlList(f_.urls_file);
      if (urls.ok()) {
        io.urls = std::move(urls).value();
      } else {
        std::fprintf(stderr, "newsgraph ingest: %s\n", InputMessage(f_.urls_file, urls.status()).c_str());
        ++missing;
      }
    }
    for (const std::string& s : f_.sources) {
      std::error_code ec;
      bool url = s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
      if (url || s == "-" || std::filesystem::exists(s, ec)) {
        sources.push_back(s);
      } else {
        std::fprintf(stderr, "newsgraph ingest: %s: no such file, directory or URL\n", s.c_str());
        ++missing;
      }
    }
    size_t given = f_.sources.size() + !f_.urls_file.empty();
    if (sources.empty() && io.urls.empty()) {
      std::fprintf(stderr, "newsgraph ingest: %zu of %zu sources failed\n", missing, given);
      return kExitPartial;
    }
    Result<std::unique_ptr<InputStream>> input = OpenInputs(sources, io);
    if (!input.ok()) return Usage(input.status().message());
    PipelineOptions po;
    po.jobs = f_.jobs;
    po.fetcher = fetcher_.get();
    po.document.analyze = false;  // JSONL: the article only
    po.document.content_hash = false;
    if (!f_.db.empty()) {
      if (int rc = OpenStore(&po); rc != 0) return rc;
    }
    std::ofstream file_out;
    std::ostream* out = &std::cout;
    if (!f_.out_path.empty()) {
      file_out.open(f_.out_path, std::ios::binary);
      if (!file_out) return Usage("cannot write " + f_.out_path);
      out = &file_out;
    }
    std::ios::sync_with_stdio(false);
    PositionedInput in(**input);
    IngestProgress progress(!f_.quiet && isatty(STDERR_FILENO), in.bytes_total());
    auto start = std::chrono::steady_clock::now();
    size_t messages = 0;
    // Pages that are not articles, by type (the pipeline delivers documents in order, one at a
    // time, so plain counters do).
    std::array<size_t, 7> by_type{};
    PipelineStats stats = RunPipeline(in, models_, po, [&](Document& doc) {
      bool go_on = true;
      if (doc.status != "failed" && doc.status != "skipped" && doc.article &&
          doc.article->page_type != PageType::kArticle)
        ++by_type[static_cast<size_t>(doc.article->page_type)];
      if (store_) go_on = sink_->Write(doc);
      else if (doc.status != "skipped") *out << DocumentJsonLine(doc, /*with_record_url=*/true) << "\n";
      if (doc.status == "failed") {
        progress.Clear();
        // Read errors name their input already; a document's error is about its source.
        std::string message = doc.from_record ? doc.source + ": " + doc.error : doc.error;
        if (++messages <= 200) std::fprintf(stderr, "newsgraph ingest: %s\n", message.c_str());
        else if (messages == 201) std::fprintf(stderr, "newsgraph ingest: (further problems are only counted)\n");
      }
      progress.Tick(doc.status == "failed", in.Finished());
      return go_on;
    });
    out->flush();
    Status store_status = store_ ? sink_->Finish() : Status::Ok();
    progress.Done(in.bytes_read());
    (void)fetcher_->SaveCache();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t records = stats.documents, failed = stats.failed, skipped = stats.skipped;
    size_t articles = records - failed - skipped;
    std::fprintf(stderr,
                 "newsgraph ingest: %zu records: %zu articles, %zu skipped, %zu failed in %.1f s "
                 "(%.1f records/s, %.1f MB/s read)\n",
                 records, articles, skipped, failed, secs, secs > 0 ? records / secs : 0.0,
                 secs > 0 ? in.bytes_read() / secs / 1e6 : 0.0);
    size_t not_articles = 0;
    for (size_t n : by_type) not_articles += n;
    if (not_articles) {
      // Which pages were not articles, and what that meant for their events.
      std::string kinds;
      for (size_t t = 0; t < by_type.size(); ++t) {
        if (!by_type[t]) continue;
        kinds += (kinds.empty() ? "" : ", ") + std::to_string(by_type[t]) + " " +
                 PageTypeName(static_cast<PageType>(t));
      }
      const char* what = !store_ ? "" : f_.code_all_pages ? " (coded: --code-all-pages)"
                                                          : " (stored without events; --code-all-pages codes them)";
      std::fprintf(stderr, "newsgraph ingest: %zu of them are not article pages: %s%s\n", not_articles,
                   kinds.c_str(), what);
    }
    if (store_) {
      std::string where = store_->backend() == "sqlite" ? f_.db : "postgresql";  // a URI may hold a password
      std::fprintf(stderr, "newsgraph ingest: %s: %zu documents stored, %zu already there\n", where.c_str(),
                   sink_->stored(), sink_->already());
      if (!store_status.ok()) {
        std::fprintf(stderr, "newsgraph ingest: %s\n", store_status.message().c_str());
        return 1;
      }
    }
    if (failed) {
      std::fprintf(stderr, "newsgraph ingest: %zu of %zu records failed\n", failed, records);
      return kExitPartial;
    }
    if (missing) {
      std::fprintf(stderr, "newsgraph ingest: %zu of %zu sources failed\n", missing, given);
      return kExitPartial;
    }
    return kExitOk;
  }

 private:
  int Usage(const std::string& msg) {
    std::fprintf(stderr, "newsgraph ingest: %s\n", msg.c_str());
    return 2;
  }

  // --db: open the store, load the analysis tables and codebook once, and the keys already stored
  // (so workers skip known documents before the expensive stages).
  int OpenStore(PipelineOptions* po) {
    StoreOptions so;
    so.batch_size = f_.batch;
    Result<std::unique_ptr<ng::Store>> st = ng::Store::Open(f_.db, so);
    if (!st.ok()) return Usage(st.status().message());
    store_ = std::move(st).value();
    // Without a codebook the documents, articles and entities are still worth storing; events
    // then stay empty (said once, here) and a later run cannot add them to stored documents.
    Result<Models> models = LoadModels({.data_dir = f_.data_dir, .require_codebook = false});
    if (!models.ok()) return Usage(models.status().ToString());
    models_ = std::move(models).value();
    if (!models_.note.empty()) std::fprintf(stderr, "newsgraph ingest: warning: %s\n", models_.note.c_str());
    sink_ = std::make_unique<StoreSink>(*store_);
    if (Status keys = sink_->LoadKeys(); !keys.ok()) return Usage(keys.message());
    po->document = DocumentOptions();
    po->document.articles_only = !f_.code_all_pages;
    po->document.known = [this](const std::string& key) { return sink_->Known(key); };
    return 0;
  }

  Flags f_;
  Models models_;
  std::unique_ptr<ng::Store> store_;
  std::unique_ptr<StoreSink> sink_;
  std::unique_ptr<Fetcher> fetcher_;
};

}  // namespace

int CmdIngest(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags(args, &code);
  if (!flags) return code;
  return Ingest(std::move(*flags)).Run();
}

}  // namespace ng::cli
