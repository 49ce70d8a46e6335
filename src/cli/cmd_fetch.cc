// newsgraph fetch — URLs → a WARC archive (request + response records, sha1 digests), fetched
// politely by ng::Fetcher. Thin: flags → FetchOptions → pipeline (fetch in workers, write in order).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "ingest/pipeline.h"
#include "newsgraph/ingest.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph fetch URL... [--urls FILE] --warc OUT.warc.gz [flags]\n"
    "\n"
    "Fetches each URL (robots.txt honoured, a delay between requests to one host, retries with\n"
    "backoff on 429/5xx) and archives request + response records in a WARC/1.1 file, in input\n"
    "order. OUT ending in .gz is written gzip per record, otherwise plain.\n"
    "\n"
    "flags:\n"
    "  --warc FILE          the archive to write (required)\n"
    "  --urls FILE          also fetch the URLs in FILE (one per line, # comments)\n"
    "  --jobs N             fetches in flight (default 4; the per-host cap still applies)\n"
    "  --user-agent S       --delay-ms N  --per-host N  --max-bytes N  --timeout-ms N\n"
    "  --retries N          --backoff-ms N  --max-retry-wait-ms N  --max-redirects N\n"
    "  --cache FILE         ETag / Last-Modified store: unchanged pages (304) are not archived\n"
    "  --quiet              no per-URL lines on stderr\n"
    "\n";

bool Num(const std::vector<std::string>& args, size_t& i, long long lo, long long* out) {
  if (i + 1 >= args.size()) return false;
  char* end = nullptr;
  const std::string& v = args[++i];
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end || n < lo) return false;
  *out = n;
  return true;
}

}  // namespace

int CmdFetch(const std::vector<std::string>& args) {
  FetchOptions fo;
  std::string warc_path, urls_file;
  std::vector<std::string> urls;
  int jobs = 4;
  bool quiet = false;
  auto usage = [](const std::string& m) {
    std::fprintf(stderr, "newsgraph fetch: %s\n", m.c_str());
    return 2;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    long long n = 0;
    if (a == "--help" || a == "-h") { std::fputs(kHelp, stdout); std::fputs(kExitCodesHelp, stdout); return kExitOk; }
    else if (a == "--warc" && i + 1 < args.size()) warc_path = args[++i];
    else if (a == "--urls" && i + 1 < args.size()) urls_file = args[++i];
    else if (a == "--user-agent" && i + 1 < args.size()) fo.user_agent = args[++i];
    else if (a == "--cache" && i + 1 < args.size()) fo.cache_path = args[++i];
    else if (a == "--jobs" || a == "-j") { if (!Num(args, i, 1, &n)) return usage("--jobs needs a positive number"); jobs = static_cast<int>(n); }
    else if (a == "--delay-ms") { if (!Num(args, i, 0, &n)) return usage("--delay-ms needs a number >= 0"); fo.delay_ms = static_cast<int>(n); }
    else if (a == "--per-host") { if (!Num(args, i, 1, &n)) return usage("--per-host needs a positive number"); fo.per_host_concurrency = static_cast<int>(n); }
    else if (a == "--max-bytes") { if (!Num(args, i, 1, &n)) return usage("--max-bytes needs a positive number"); fo.max_bytes = static_cast<uint64_t>(n); }
    else if (a == "--timeout-ms") { if (!Num(args, i, 1, &n)) return usage("--timeout-ms needs a positive number"); fo.timeout_ms = static_cast<int>(n); fo.connect_timeout_ms = std::min(fo.connect_timeout_ms, fo.timeout_ms); }
    else if (a == "--retries") { if (!Num(args, i, 0, &n)) return usage("--retries needs a number >= 0"); fo.max_retries = static_cast<int>(n); }
    else if (a == "--backoff-ms") { if (!Num(args, i, 0, &n)) return usage("--backoff-ms needs a number >= 0"); fo.backoff_ms = static_cast<int>(n); }
    else if (a == "--max-retry-wait-ms") { if (!Num(args, i, 0, &n)) return usage("--max-retry-wait-ms needs a number >= 0"); fo.max_retry_wait_ms = static_cast<int>(n); }
    else if (a == "--max-redirects") { if (!Num(args, i, 0, &n)) return usage("--max-redirects needs a number >= 0"); fo.max_redirects = static_cast<int>(n); }
    else if (a == "--quiet" || a == "-q") quiet = true;
    else if (a.size() > 1 && a[0] == '-') { std::fprintf(stderr, "newsgraph fetch: unknown flag or missing value '%s'\n\n%s", a.c_str(), kHelp); return 2; }
    else urls.push_back(a);
  }
  if (warc_path.empty()) return usage("--warc OUT.warc.gz is required");
  size_t lists_failed = 0;  // a --urls FILE that cannot be read is a failed input: the rest goes on
  if (!urls_file.empty()) {
    std::ifstream in(urls_file);
    if (!in) {
      std::fprintf(stderr, "newsgraph fetch: %s: cannot read the URL list\n", urls_file.c_str());
      ++lists_failed;
    }
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      size_t s = line.find_first_not_of(" \t");
      if (s == std::string::npos || line[s] == '#') continue;
      urls.push_back(line.substr(s));
    }
  }
  if (urls.empty() && lists_failed) return kExitPartial;
  if (urls.empty()) return usage("no URL given (see --help)");
  Result<std::unique_ptr<Fetcher>> fetcher = Fetcher::Create(fo);
  if (!fetcher.ok()) return usage(fetcher.status().message());
  bool gz = warc_path.size() > 3 && warc_path.compare(warc_path.size() - 3, 3, ".gz") == 0;
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(warc_path, {.gzip = gz});
  if (!writer.ok()) return usage(writer.status().message());
  Status st = (*writer)->WriteWarcinfo("robots: obey\r\nhttp-header-user-agent: " + fo.user_agent + "\r\n");
  if (!st.ok()) return usage(st.message());

  auto start = std::chrono::steady_clock::now();
  size_t archived = 0, not_modified = 0, failed = 0;
  Status write_error;
  ingest::PipelineOptions po;
  po.jobs = jobs;
  po.max_items = static_cast<size_t>(jobs) * 4;
  ingest::RunOrdered<ingest::WorkItem, ingest::Outcome>(
      po,
      [&](const ingest::Emit& emit) {
        for (const std::string& u : urls) {
          ingest::WorkItem w;
          w.source = w.fetch_url = u;
          emit(std::move(w));
        }
      },
      [&](ingest::WorkItem& item) {
        ingest::Outcome o;
        Result<FetchResult> r = (*fetcher)->Fetch(item.fetch_url);
        if (!r.ok()) {
          o.failed = true;
          o.message = r.status().message();
        } else {
          o.skipped = r->not_modified;
          o.message = std::to_string(r->record.http_status) + " " + item.fetch_url + " (" +
                      std::to_string(r->record.body.size()) + " bytes" +
                      (r->redirects.empty() ? "" : ", via " + std::to_string(r->redirects.size()) + " redirects") +
                      (r->attempts > 1 ? ", " + std::to_string(r->attempts) + " attempts" : "") + ")";
          o.fetched = std::move(r).value();
        }
        return o;
      },
      [&](ingest::Outcome& o) {
        if (o.failed) ++failed;
        else if (o.skipped) ++not_modified;
        if (o.fetched && !o.skipped && write_error.ok()) {
          write_error = (*writer)->WriteResponse(o.fetched->record, o.fetched->request_head);
          if (write_error.ok()) ++archived;
        }
        if (o.failed || !quiet) std::fprintf(stderr, "newsgraph fetch: %s%s\n", o.failed ? "failed: " : "", o.message.c_str());
        return true;
      },
      [](const ingest::WorkItem&) -> size_t { return 0; }, [](ingest::WorkItem&) { return ingest::Outcome(); });
  Status close = (*writer)->Close();
  (void)(*fetcher)->SaveCache();
  if (!write_error.ok() || !close.ok()) {
    std::fprintf(stderr, "newsgraph fetch: %s\n", (!write_error.ok() ? write_error : close).message().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "newsgraph fetch: %zu URLs: %zu archived, %zu not modified, %zu failed in %.1f s -> %s\n",
               urls.size(), archived, not_modified, failed, secs, warc_path.c_str());
  if (failed) {
    std::fprintf(stderr, "newsgraph fetch: %zu of %zu URLs failed\n", failed, urls.size());
    return kExitPartial;
  }
  return lists_failed ? kExitPartial : kExitOk;
}

}  // namespace ng::cli
