// ingest.h — raw pages in: WARC archives, RSS/Atom feeds, directories and a polite HTTP fetcher.
//
// Every source yields Records one at a time, in flat memory, so a 10 GB WARC streams like a page:
//   NG_ASSIGN_OR_RETURN(auto warc, ng::OpenWarc("cc-news.warc.gz"));
//   for (;;) {
//     ng::Result<std::optional<ng::Record>> r = warc->Next();
//     if (!r.ok()) { /* one bad record: report, count, call Next() again */ continue; }
//     if (!*r) break;                                   // end of input
//     ng::Extract((*r)->body, {.url = (*r)->url, .http_charset = (*r)->charset});
//   }
// A Source reports a corrupt record as an error and resynchronises; after an error it cannot
// recover from (the file cannot be read) the next call returns the end. In a WARC, one damaged
// record costs that record only (docs/INGEST.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng {

// One fetched or archived HTTP response (or a plain file), payload decoded.
struct Record {
  std::string url;           // target URI; "" for a local file
  std::string fetch_time;    // ISO 8601 UTC ("2024-05-01T12:00:00Z"); "" when unknown
  int http_status = 0;       // 0 when the bytes did not come over HTTP (file, WARC resource)
  std::string content_type;  // media type, lower case, without parameters ("text/html")
  std::string charset;       // from the Content-Type header, as given; "" when absent
  std::vector<std::pair<std::string, std::string>> headers;  // HTTP response headers, in order
  std::string body;          // the payload: transfer- and content-encoding removed
  std::string source;        // where it was read: "a.warc.gz@1234" (record offset), a path, a URL
};

// A stream of records. Next(): a record, std::nullopt at the end, or an error for one record.
class Source {
 public:
  virtual ~Source() = default;
  virtual Result<std::optional<Record>> Next() = 0;
  // Input bytes consumed so far and the total when known (0 = unknown), for progress bars.
  virtual uint64_t bytes_read() const { return 0; }
  virtual uint64_t bytes_total() const { return 0; }
};

// ---- WARC ----------------------------------------------------------------------------------
struct WarcReaderOptions {
  // A record whose block is larger is skipped (reported, not buffered): the reader scans on to
  // the next "WARC/1." line, so a lying Content-Length cannot swallow the rest of the file.
  uint64_t max_record_bytes = 64ull << 20;
  bool check_digests = true;  // WARC-Block-Digest / WARC-Payload-Digest "sha1:" (base32)
  // Decoded payloads (chunked, gzip/deflate content-encoding) are cut at this size; the record
  // is then reported as an error.
  uint64_t max_payload_bytes = 64ull << 20;
};

// Reads WARC/1.0 and 1.1: plain, gzip per record, or whole-file gzip (detected, not by name).
// Damage (a record or gzip member cut short, flipped bytes, a lying Content-Length) is one error
// naming the record's offset — the gzip member's offset in a per-record gzip file — and every
// intact record after it is still read; in a whole-file gzip, every record before the damage.
// `response` records (application/http) and `resource` records become Records; request,
// metadata, warcinfo, revisit and conversion records are skipped. "-" reads stdin.
Result<std::unique_ptr<Source>> OpenWarc(const std::string& path, const WarcReaderOptions& options = {});
// Same, over bytes already in memory (tests, fuzzing). The bytes must outlive the Source.
std::unique_ptr<Source> WarcFromBytes(std::string_view bytes, const WarcReaderOptions& options = {});

struct WarcWriterOptions {
  bool gzip = true;  // one gzip member per record (the form Common Crawl ships)
  std::string software = "newsgraph/0.1.0";
};

// Writes WARC/1.1 records with WARC-Block-Digest and WARC-Payload-Digest (sha1, base32).
class WarcWriter {
 public:
  static Result<std::unique_ptr<WarcWriter>> Open(const std::string& path,
                                                  const WarcWriterOptions& options = {});
  virtual ~WarcWriter() = default;
  virtual Status WriteWarcinfo(std::string_view fields) = 0;  // "key: value\r\n" lines
  // A request record (when request_head is not empty) and the response record it belongs to.
  // The response is written as "HTTP/1.1 <status>" + record.headers + body; Content-Encoding and
  // Transfer-Encoding are renamed X-Crawler-* because the body is stored decoded.
  virtual Status WriteResponse(const Record& record, std::string_view request_head = {}) = 0;
  virtual Status Close() = 0;
};

// ---- Feeds -----------------------------------------------------------------------------------
struct FeedItem {
  std::string url;        // the item's link, resolved against xml:base / the feed URL
  std::string title;
  std::string published;  // as written in the feed (pubDate, published, updated, dc:date)
  std::string summary;    // description / summary / content, as given (may be HTML)
};

struct Feed {
  std::string title;
  std::string link;
  std::vector<FeedItem> items;
};

struct FeedOptions {
  std::string_view url;     // where the feed came from: the base for relative links
  size_t max_items = 10000;
  int max_depth = 256;      // deeper XML nesting is an error (the parser keeps a stack)
};

// RSS 2.0 (and 0.9x/1.0 RDF) and Atom 1.0. Not XML, or XML that is not a feed: an error.
Result<Feed> ParseFeed(std::string_view bytes, const FeedOptions& options = {});
// True when the bytes look like a feed document (cheap sniff of the root element).
bool LooksLikeFeed(std::string_view bytes);

// Resolves `ref` against `base` (RFC 3986); "" when it cannot be resolved.
std::string ResolveUrl(std::string_view base, std::string_view ref);

// ---- Directories -------------------------------------------------------------------------------
// Files under `dir` (recursive, symlinked directories not followed) whose names end with one of
// `suffixes` (case-insensitive, e.g. ".html", ".warc.gz"), sorted by path.
Result<std::vector<std::string>> WalkDirectory(const std::string& dir,
                                               const std::vector<std::string>& suffixes);

// ---- HTTP fetching -----------------------------------------------------------------------------
struct FetchOptions {
  std::string user_agent = "newsgraph/0.1 (+https://github.com/newsgraph)";
  int delay_ms = 1000;          // minimum gap between request starts to one host
  int per_host_concurrency = 1; // requests in flight to one host
  int max_redirects = 5;
  int max_retries = 3;          // on 429, 5xx and transient network errors
  int backoff_ms = 500;         // first retry wait; doubles each retry
  int max_retry_wait_ms = 60000;// a longer Retry-After is not waited for: the fetch fails
  int timeout_ms = 30000;       // whole transfer
  int connect_timeout_ms = 10000;
  uint64_t max_bytes = 16ull << 20;  // larger bodies are an error (not truncated silently)
  bool obey_robots = true;
  std::string cache_path;       // ETag / Last-Modified per URL, kept across runs (TSV); "" = memory
};

struct FetchResult {
  Record record;               // the final response (after redirects)
  bool not_modified = false;   // 304 to a conditional GET: record.body is empty
  int attempts = 0;
  std::vector<std::string> redirects;  // the URLs redirected through, in order
  std::string request_head;    // the request as sent (for WARC request records)
};

// Thread-safe: any number of threads may call Fetch; per-host delay and concurrency are shared.
class Fetcher {
 public:
  static Result<std::unique_ptr<Fetcher>> Create(const FetchOptions& options = {});
  virtual ~Fetcher() = default;
  // Errors (the message names the URL and the rule): kUnavailable for robots.txt refusals,
  // network failures, timeouts and 429/5xx after the retries; kNotFound for other HTTP errors;
  // kResourceExhausted for bodies over max_bytes; kInvalidArgument for bad URLs and redirect loops.
  virtual Result<FetchResult> Fetch(const std::string& url) = 0;
  // Writes the validator cache to options.cache_path (no-op when it is empty).
  virtual Status SaveCache() = 0;
};

// robots.txt: true when `path` (path + query) may be fetched by `user_agent`.
bool RobotsAllows(std::string_view robots_txt, std::string_view user_agent, std::string_view path);

}  // namespace ng
