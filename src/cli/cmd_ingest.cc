// newsgraph ingest — sources (WARC, feeds, directories, files, URLs) → articles as JSONL, through
// the ordered parallel pipeline (src/ingest/pipeline.h). Thin: flags → options → pipeline.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <map>
#include <thread>
#include <unordered_set>
#include <vector>

#include "cli/article_json.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "ingest/byte_stream.h"
#include "ingest/pipeline.h"
#include "ingest/digest.h"
#include "newsgraph/analyze.h"
#include "newsgraph/code.h"
#include "newsgraph/extract.h"
#include "newsgraph/ingest.h"
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
    "  --data DIR           analysis tables (default: $NEWSGRAPH_DATA or the build's data dir)\n"
    "\n"
    "Records that are not HTML (images, robots.txt…), non-2xx archived responses and 304s are\n"
    "skipped and counted. A summary line goes to stderr at the end.\n"
    "exit codes: 0 ok, 1 some records failed (each is reported), 2 usage error\n";

struct Flags {
  std::vector<std::string> sources;
  std::string urls_file, out_path, db, data_dir;
  int jobs = 0, batch = 64;
  bool quiet = false, digests = true;
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

bool IsUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

bool EndsWith(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool LooksLikeWarc(std::string_view head) {
  return head.substr(0, 7) == "WARC/1." || (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
                                             static_cast<unsigned char>(head[1]) == 0x8b);
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

class Ingest {
 public:
  explicit Ingest(Flags f) : f_(std::move(f)) {}

  int Run() {
    Result<std::unique_ptr<Fetcher>> fetcher = Fetcher::Create(f_.fetch);
    if (!fetcher.ok()) {
      std::fprintf(stderr, "newsgraph ingest: %s\n", fetcher.status().message().c_str());
      return 2;
    }
    fetcher_ = std::move(fetcher).value();
    // Expand directories up front (names only) so a missing path is a usage error and the
    // progress bar knows the total size.
    std::vector<std::string> fetch_list;
    for (const std::string& s : f_.sources) {
      if (IsUrl(s) || s == "-") { plan_.push_back(s); continue; }
      std::error_code ec;
      if (std::filesystem::is_directory(s, ec)) {
        Result<std::vector<std::string>> files = WalkDirectory(
            s, {".html", ".htm", ".xhtml", ".shtml", ".warc", ".warc.gz", ".rss", ".atom", ".xml"});
        if (!files.ok()) return Usage(files.status().message());
        for (auto& p : *files) plan_.push_back(std::move(p));
      } else if (std::filesystem::exists(s, ec)) {
        plan_.push_back(s);
      } else {
        return Usage(s + ": no such file, directory or URL");
      }
    }
    if (!f_.urls_file.empty()) {
      std::ifstream in(f_.urls_file);
      if (!in) return Usage(f_.urls_file + ": cannot read the URL list");
      std::string line;
      while (std::getline(in, line)) {
        std::string_view t = line;
        while (!t.empty() && (t.back() == '\r' || t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
        if (t.empty() || t[0] == '#') continue;
        url_list_.emplace_back(t);
      }
    }
    uint64_t total = 0;
    for (const std::string& p : plan_) {
      std::error_code ec;
      if (!IsUrl(p) && p != "-") total += std::filesystem::file_size(p, ec);
    }
    if (!f_.db.empty()) {
      if (int rc = OpenStore(); rc != 0) return rc;
    }
    std::ofstream file_out;
    std::ostream* out = &std::cout;
    if (!f_.out_path.empty()) {
      file_out.open(f_.out_path, std::ios::binary);
      if (!file_out) return Usage("cannot write " + f_.out_path);
      out = &file_out;
    }
    std::ios::sync_with_stdio(false);
    int jobs = f_.jobs > 0 ? f_.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    IngestProgress progress(!f_.quiet && isatty(STDERR_FILENO), total);
    auto start = std::chrono::steady_clock::now();
    ingest::PipelineOptions po;
    po.jobs = jobs;
    po.max_items = static_cast<size_t>(jobs) * 8;
    size_t records = 0, failed = 0, skipped = 0, messages = 0;
    ingest::RunOrdered(
        po, [&](const ingest::Emit& emit) { Produce(emit); },
        [&](ingest::WorkItem& item) { return Work(item); },
        [&](ingest::Outcome& o) {
          ++records;
          if (o.skipped) ++skipped;
          if (o.failed) ++failed;
          if (store_) Keep(o);
          else if (!o.text.empty()) *out << o.text;
          if (!o.message.empty()) {
            progress.Clear();
            if (++messages <= 200) std::fprintf(stderr, "newsgraph ingest: %s\n", o.message.c_str());
            else if (messages == 201) std::fprintf(stderr, "newsgraph ingest: (further problems are only counted)\n");
          }
          progress.Tick(o.failed, bytes_done_.load());
        });
    out->flush();
    if (store_ && store_status_.ok()) store_status_ = store_->Commit();
    progress.Done(bytes_done_.load());
    (void)fetcher_->SaveCache();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t articles = records - failed - skipped;
    std::fprintf(stderr,
                 "newsgraph ingest: %zu records: %zu articles, %zu skipped, %zu failed in %.1f s "
                 "(%.1f records/s, %.1f MB/s read)\n",
                 records, articles, skipped, failed, secs, secs > 0 ? records / secs : 0.0,
                 secs > 0 ? bytes_done_.load() / secs / 1e6 : 0.0);
    if (store_) {
      std::string where = store_->backend() == "sqlite" ? f_.db : "postgresql";  // a URI may hold a password
      std::fprintf(stderr, "newsgraph ingest: %s: %zu documents stored, %zu already there\n", where.c_str(),
                   stored_, already_.load());
      if (!store_status_.ok()) {
        std::fprintf(stderr, "newsgraph ingest: %s\n", store_status_.message().c_str());
        return 1;
      }
    }
    if (failed) {
      std::fprintf(stderr, "newsgraph ingest: %zu of %zu records failed\n", failed, records);
      return 1;
    }
    return 0;
  }

 private:
  int Usage(const std::string& msg) {
    std::fprintf(stderr, "newsgraph ingest: %s\n", msg.c_str());
    return 2;
  }

  static ingest::WorkItem Error(std::string source, Status st) {
    ingest::WorkItem w;
    w.source = std::move(source);
    w.error = std::move(st);
    return w;
  }

  void EmitWarc(const ingest::Emit& emit, std::unique_ptr<Source> src, const std::string& label) {
    uint64_t base = bytes_done_.load();
    for (;;) {
      if (stop_) return;  // the store failed: read no further
      Result<std::optional<Record>> r = src->Next();
      bytes_done_ = base + src->bytes_read();
      if (!r.ok()) {
        emit(Error(label, r.status()));
        continue;
      }
      if (!r->has_value()) break;
      ingest::WorkItem w;
      w.source = (*r)->source;
      w.record = std::move(**r);
      emit(std::move(w));
    }
  }

  void EmitFeed(const ingest::Emit& emit, const std::string& label, std::string_view bytes, const std::string& url) {
    Result<Feed> feed = ParseFeed(bytes, {.url = url});
    if (!feed.ok()) {
      emit(Error(label, Status(feed.status().code(), label + ": " + feed.status().message())));
      return;
    }
    for (FeedItem& item : feed->items) {
      if (stop_) return;
      ingest::WorkItem w;
      w.source = label;
      w.fetch_url = std::move(item.url);
      emit(std::move(w));
    }
  }

  void EmitPage(const ingest::Emit& emit, const std::string& label, std::string bytes) {
    ingest::WorkItem w;
    w.source = label;
    w.record = Record();
    w.record->source = label;
    w.record->body = std::move(bytes);
    emit(std::move(w));
  }

  void Produce(const ingest::Emit& emit) {
    for (const std::string& p : plan_) {
      if (stop_) return;
      if (IsUrl(p)) {
        // A URL on the command line may be a feed: fetch it here to know.
        Result<FetchResult> r = fetcher_->Fetch(p);
        if (!r.ok()) { emit(Error(p, r.status())); continue; }
        Record& rec = r->record;
        if (r->not_modified) { ingest::WorkItem w; w.source = p; w.record = std::move(rec); emit(std::move(w)); continue; }
        bool xml_type = rec.content_type.find("xml") != std::string::npos || rec.content_type.find("rss") != std::string::npos;
        if ((xml_type || rec.content_type.empty()) && LooksLikeFeed(rec.body)) {
          EmitFeed(emit, p, rec.body, rec.url);
        } else {
          ingest::WorkItem w;
          w.source = p;
          w.record = std::move(rec);
          emit(std::move(w));
        }
        continue;
      }
      Result<std::unique_ptr<ingest::RawInput>> raw = ingest::OpenRawFile(p);
      if (!raw.ok()) { emit(Error(p, raw.status())); continue; }
      std::string head(4096, '\0');
      size_t got = 0;
      for (;;) {  // stdin may deliver in small pieces
        Result<size_t> n = (*raw)->Read(head.data() + got, head.size() - got);
        if (!n.ok() || *n == 0) break;
        got += *n;
        if (got == head.size()) break;
      }
      head.resize(got);
      std::string label = p == "-" ? "stdin" : p;
      // By name too: a WARC whose first record is damaged is still a WARC (and its damage is reported).
      if (LooksLikeWarc(head) || EndsWith(p, ".warc") || EndsWith(p, ".warc.gz")) {
        EmitWarc(emit, ingest::WarcFromRaw(ingest::PrefixedRaw(std::move(head), std::move(raw).value()), label, f_.warc), label);
        continue;
      }
      std::string bytes = std::move(head);
      if (bytes.size() == 4096) {
        char buf[1 << 16];
        while (bytes.size() < kMaxReadBytes) {
          Result<size_t> n = (*raw)->Read(buf, sizeof buf);
          if (!n.ok()) { emit(Error(label, n.status())); break; }
          if (*n == 0) break;
          bytes.append(buf, *n);
        }
      }
      bytes_done_ += bytes.size();
      bool feed_name = EndsWith(p, ".rss") || EndsWith(p, ".atom") || EndsWith(p, ".xml");
      if (feed_name || LooksLikeFeed(bytes)) EmitFeed(emit, label, bytes, "");
      else EmitPage(emit, label, std::move(bytes));
    }
    for (const std::string& u : url_list_) {
      if (stop_) return;
      ingest::WorkItem w;
      w.source = u;
      w.fetch_url = u;
      emit(std::move(w));
    }
  }

  // --db: open the store, load the analysis tables and codebook once, and the keys already stored
  // (so workers skip known documents before the expensive stages).
  int OpenStore() {
    StoreOptions so;
    so.batch_size = f_.batch;
    Result<std::unique_ptr<ng::Store>> st = ng::Store::Open(f_.db, so);
    if (!st.ok()) return Usage(st.status().message());
    store_ = std::move(st).value();
    std::string dir = f_.data_dir;
    if (dir.empty()) {
      const char* env = std::getenv("NEWSGRAPH_DATA");
      dir = env && *env ? env : DefaultResourceDir();
    }
    Result<std::shared_ptr<const Resources>> res = LoadResources(dir);
    if (!res.ok()) return Usage(res.status().ToString());
    resources_ = *res;
    // Without a codebook the documents, articles and entities are still worth storing; events
    // then stay empty (said once, here) and a later run cannot add them to stored documents.
    Result<std::shared_ptr<const Codebook>> book = LoadCodebook(DefaultCodebookDir());
    if (book.ok()) codebook_ = *book;
    else std::fprintf(stderr, "newsgraph ingest: warning: events are not coded: %s\n", book.status().ToString().c_str());
    Result<std::vector<std::string>> keys = store_->Keys();
    if (!keys.ok()) return Usage(keys.status().message());
    known_.insert(keys->begin(), keys->end());
    return 0;
  }

  // --db: the worker's DocumentRecord travels to the consumer through this side table (the
  // pipeline's Outcome carries text; in --db mode its text is the ticket number).
  std::string Park(std::unique_ptr<DocumentRecord> doc) {
    std::lock_guard<std::mutex> lock(parked_mu_);
    uint64_t ticket = next_ticket_++;
    parked_[ticket] = std::move(doc);
    return std::to_string(ticket);
  }

  void Keep(ingest::Outcome& o) {
    if (o.text.empty()) return;
    std::unique_ptr<DocumentRecord> doc;
    {
      std::lock_guard<std::mutex> lock(parked_mu_);
      auto it = parked_.find(std::stoull(o.text));
      if (it == parked_.end()) return;
      doc = std::move(it->second);
      parked_.erase(it);
    }
    if (!doc || !store_status_.ok()) return;  // after a store error nothing more is written
    Result<bool> have = store_->Contains(doc->key());
    if (have.ok() && *have) { ++already_; return; }
    store_status_ = have.ok() ? store_->Add(*doc) : have.status();
    if (store_status_.ok()) ++stored_;
    else stop_ = true;
  }

  // --db: record -> article -> analysis -> events, as one DocumentRecord.
  ingest::Outcome WorkDb(Record& rec, const std::string& source, ingest::Outcome o) {
    auto doc = std::make_unique<DocumentRecord>();
    doc->url = rec.url;
    doc->source = source;
    doc->content_hash = ingest::WarcSha1(rec.body);
    doc->fetch_time = rec.fetch_time;
    doc->http_status = rec.http_status;
    doc->bytes = rec.body.size();
    if (known_.count(doc->key())) {
      ++already_;
      return o;
    }
    if (o.skipped) {
      doc->status = "skipped";
      doc->error = rec.content_type.empty() ? "" : "not HTML: " + rec.content_type;
      o.text = Park(std::move(doc));
      return o;
    }
    Result<Article> a = Extract(rec.body, {.url = rec.url, .http_charset = rec.charset});
    if (!a.ok()) {
      o.failed = true;
      o.message = source + ": " + a.status().message();
      doc->status = "failed";
      doc->error = a.status().message();
      o.text = Park(std::move(doc));
      return o;
    }
    doc->text = a->title;
    std::string body = a->Text();
    if (!doc->text.empty() && !body.empty()) doc->text += "\n\n";
    doc->text += body;
    std::string date = a->published.size() >= 10 ? a->published.substr(0, 10) : "";
    AnalyzeOptions ao;
    ao.publication_date = date;
    ao.tokens = true;  // the coder reads them
    try {  // one page must not sink the run: a throwing stage fails this document only
      Result<Analysis> an = Analyze(*resources_, doc->text, ao);
      if (!an.ok() && !date.empty()) {  // an unusable publication date: analyse without it
        ao.publication_date = "";
        an = Analyze(*resources_, doc->text, ao);
      }
      if (an.ok()) {
        doc->analysis = std::move(an).value();
        if (codebook_) doc->events = CodeEvents(*codebook_, doc->analysis, doc->text);
      }
    } catch (const std::exception& e) {
      o.failed = true;
      o.message = source + ": analysis or event coding failed: " + e.what();
      doc->status = "failed";
      doc->error = o.message;
      doc->analysis = Analysis();
      doc->events.clear();
      o.text = Park(std::move(doc));
      return o;
    }
    doc->article = std::move(a).value();
    o.text = Park(std::move(doc));
    return o;
  }

  ingest::Outcome Work(ingest::WorkItem& item) {
    if (stop_) {  // the store failed: drain what is in flight without working on it
      ingest::Outcome o;
      o.skipped = true;
      return o;
    }
    if (store_) {
      ingest::Outcome o = WorkJsonl(item, /*extract=*/false);
      if (!item.record || o.failed) { o.text.clear(); return o; }  // no bytes: reported, not stored
      return WorkDb(*item.record, item.source, std::move(o));
    }
    return WorkJsonl(item, true);
  }

  ingest::Outcome WorkJsonl(ingest::WorkItem& item, bool extract) {
    ingest::Outcome o;
    if (!item.error.ok()) {
      o.failed = true;
      o.message = item.error.message();
      o.text = ArticleJsonLine(item.source, nullptr, Result<Article>(item.error)) + "\n";
      return o;
    }
    if (!item.fetch_url.empty()) {
      Result<FetchResult> r = fetcher_->Fetch(item.fetch_url);
      if (!r.ok()) {
        o.failed = true;
        o.message = r.status().message();
        o.text = ArticleJsonLine(item.source, &item.fetch_url, Result<Article>(r.status())) + "\n";
        return o;
      }
      if (r->not_modified) { o.skipped = true; return o; }
      item.record = std::move(r->record);
    }
    Record& rec = *item.record;
    if (rec.http_status == 304) { o.skipped = true; return o; }
    bool html = rec.content_type.empty() || rec.content_type.find("html") != std::string::npos;
    if (!html || (rec.http_status != 0 && (rec.http_status < 200 || rec.http_status >= 300))) {
      o.skipped = true;
      return o;
    }
    if (!extract) return o;
    Result<Article> a = Extract(rec.body, {.url = rec.url, .http_charset = rec.charset});
    o.failed = !a.ok();
    if (!a.ok()) o.message = item.source + ": " + a.status().message();
    const std::string* url = rec.url.empty() ? nullptr : &rec.url;
    o.text = ArticleJsonLine(item.source, url, a) + "\n";
    return o;
  }

  Flags f_;
  std::unique_ptr<ng::Store> store_;
  Status store_status_;
  std::shared_ptr<const Resources> resources_;
  std::shared_ptr<const Codebook> codebook_;
  std::unordered_set<std::string> known_;
  std::mutex parked_mu_;
  std::map<uint64_t, std::unique_ptr<DocumentRecord>> parked_;
  uint64_t next_ticket_ = 0;
  std::atomic<size_t> already_{0};
  std::atomic<bool> stop_{false};
  size_t stored_ = 0;
  std::unique_ptr<Fetcher> fetcher_;
  std::vector<std::string> plan_, url_list_;
  std::atomic<uint64_t> bytes_done_{0};
};

}  // namespace

int CmdIngest(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags(args, &code);
  if (!flags) return code;
  return Ingest(std::move(*flags)).Run();
}

}  // namespace ng::cli
