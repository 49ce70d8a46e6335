// Inputs of the document pipeline: paths, directories, WARC files, feeds, URLs and stdin.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "base/file.h"
#include "ingest/byte_stream.h"
#include "newsgraph/pipeline.h"

namespace ng {
namespace {

bool IsUrl(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

bool EndsWith(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool LooksLikeWarc(std::string_view head) {
  return head.substr(0, 7) == "WARC/1." ||
         (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
          static_cast<unsigned char>(head[1]) == 0x8b);
}

Input ErrorInput(std::string source, Status st) {
  Input in;
  in.source = std::move(source);
  in.error = std::move(st);
  return in;
}

Input RecordInput(std::string source, Record rec) {
  Input in;
  in.source = std::move(source);
  in.record = std::move(rec);
  return in;
}

// Emits every record of `src`; returns false when the run was cancelled.
bool EmitSource(const InputStream::Emit& emit, Source& src, const std::string& label,
                std::atomic<uint64_t>& bytes_read, uint64_t base) {
  for (;;) {
    Result<std::optional<Record>> r = src.Next();
    bytes_read = base + src.bytes_read();
    if (!r.ok()) {
      if (!emit(ErrorInput(label, r.status()))) return false;
      continue;
    }
    if (!r->has_value()) return true;
    std::string source = (*r)->source;
    if (!emit(RecordInput(std::move(source), std::move(**r)))) return false;
  }
}

bool EmitFeed(const InputStream::Emit& emit, const std::string& label, std::string_view bytes,
              const std::string& url) {
  Result<Feed> feed = ParseFeed(bytes, {.url = url});
  if (!feed.ok())
    return emit(
        ErrorInput(label, Status(feed.status().code(), label + ": " + feed.status().message())));
  for (FeedItem& item : feed->items) {
    Input in;
    in.source = label;
    in.fetch_url = std::move(item.url);
    if (!emit(std::move(in))) return false;
  }
  return true;
}

class SourcesInput : public InputStream {
 public:
  SourcesInput(std::vector<std::string> plan, uint64_t total, InputOptions options)
      : plan_(std::move(plan)), total_(total), options_(std::move(options)) {}

  uint64_t bytes_total() const override { return total_; }

  void Produce(const Emit& emit) override {
    for (const std::string& p : plan_) {
      if (!(IsUrl(p) ? ProduceUrl(emit, p) : ProduceFile(emit, p))) return;
    }
    for (const std::string& u : options_.urls) {
      Input in;
      in.source = u;
      in.fetch_url = u;
      if (!emit(std::move(in))) return;
    }
  }

 private:
  // A URL given as a source may be a feed: fetched here to know.
  bool ProduceUrl(const Emit& emit, const std::string& p) {
    if (!options_.fetcher)
      return emit(ErrorInput(p, InvalidArgument(p + ": no fetcher to fetch URLs with")));
    Result<FetchResult> r = options_.fetcher->Fetch(p);
    if (!r.ok()) return emit(ErrorInput(p, r.status()));
    Record& rec = r->record;
    if (r->not_modified) return emit(RecordInput(p, std::move(rec)));
    bool xml_type = rec.content_type.find("xml") != std::string::npos ||
                    rec.content_type.find("rss") != std::string::npos;
    if ((xml_type || rec.content_type.empty()) && LooksLikeFeed(rec.body))
      return EmitFeed(emit, p, rec.body, rec.url);
    return emit(RecordInput(p, std::move(rec)));
  }

  bool ProduceFile(const Emit& emit, const std::string& p) {
    Result<std::unique_ptr<ingest::RawInput>> raw = ingest::OpenRawFile(p);
    if (!raw.ok()) return emit(ErrorInput(p, raw.status()));
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
      std::unique_ptr<Source> warc = ingest::WarcFromRaw(
          ingest::PrefixedRaw(std::move(head), std::move(raw).value()), label, options_.warc);
      return EmitSource(emit, *warc, label, bytes_read_, bytes_read_.load());
    }
    std::string bytes = std::move(head);
    if (bytes.size() == 4096) {
      char buf[1 << 16];
      while (bytes.size() < options_.max_file_bytes) {
        Result<size_t> n = (*raw)->Read(buf, sizeof buf);
        if (!n.ok()) {
          if (!emit(ErrorInput(label, n.status()))) return false;
          break;
        }
        if (*n == 0) break;
        bytes.append(buf, *n);
      }
    }
    bytes_read_ += bytes.size();
    bool feed_name = EndsWith(p, ".rss") || EndsWith(p, ".atom") || EndsWith(p, ".xml");
    if (feed_name || LooksLikeFeed(bytes)) return EmitFeed(emit, label, bytes, "");
    Record rec;
    rec.source = label;
    rec.body = std::move(bytes);
    return emit(RecordInput(label, std::move(rec)));
  }

  std::vector<std::string> plan_;
  uint64_t total_;
  InputOptions options_;
};

class SourceInput : public InputStream {
 public:
  SourceInput(std::unique_ptr<Source> src, std::string label)
      : src_(std::move(src)), label_(std::move(label)) {}
  uint64_t bytes_total() const override { return src_->bytes_total(); }
  void Produce(const Emit& emit) override { EmitSource(emit, *src_, label_, bytes_read_, 0); }

 private:
  std::unique_ptr<Source> src_;
  std::string label_;
};

class PagesInput : public InputStream {
 public:
  PagesInput(std::vector<std::string> paths, std::string url, std::string charset, size_t max_bytes)
      : paths_(std::move(paths)),
        url_(std::move(url)),
        charset_(std::move(charset)),
        max_bytes_(max_bytes) {}

  void Produce(const Emit& emit) override {
    for (const std::string& p : paths_) {
      Result<std::string> bytes =
          p == "-" ? ReadStream(stdin, "-", max_bytes_) : ReadFile(p, max_bytes_);
      if (!bytes.ok()) {
        // Unreadable named input: an I/O problem of this run, not a missing record.
        Status st = bytes.status().code() == Code::kNotFound ? IoError(bytes.status().message())
                                                             : bytes.status();
        if (!emit(ErrorInput(p, std::move(st)))) return;
        continue;
      }
      bytes_read_ += bytes->size();
      Record rec;
      rec.source = p;
      rec.url = url_;
      rec.charset = charset_;
      rec.body = std::move(bytes).value();
      if (!emit(RecordInput(p, std::move(rec)))) return;
    }
  }

 private:
  std::vector<std::string> paths_;
  std::string url_, charset_;
  size_t max_bytes_;
};

}  // namespace

Result<std::vector<std::string>> ExpandSources(const std::vector<std::string>& sources) {
  std::vector<std::string> plan;
  for (const std::string& s : sources) {
    if (IsUrl(s) || s == "-") {
      plan.push_back(s);
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(s, ec)) {
      NG_ASSIGN_OR_RETURN(std::vector<std::string> files,
                          WalkDirectory(s, {".html", ".htm", ".xhtml", ".shtml", ".warc",
                                            ".warc.gz", ".rss", ".atom", ".xml"}));
      for (auto& p : files) plan.push_back(std::move(p));
    } else if (std::filesystem::exists(s, ec)) {
      plan.push_back(s);
    } else {
      return NotFound(s + ": no such file, directory or URL");
    }
  }
  return plan;
}

Result<std::unique_ptr<InputStream>> OpenInputs(const std::vector<std::string>& sources,
                                                const InputOptions& options) {
  // Directories are expanded up front (names only) so a missing path is an error now and the
  // progress bar knows the total size.
  NG_ASSIGN_OR_RETURN(std::vector<std::string> plan, ExpandSources(sources));
  uint64_t total = 0;
  for (const std::string& p : plan) {
    std::error_code ec;
    if (!IsUrl(p) && p != "-") {
      uintmax_t size = std::filesystem::file_size(p, ec);
      if (!ec) total += size;
    }
  }
  return std::unique_ptr<InputStream>(new SourcesInput(std::move(plan), total, options));
}

std::unique_ptr<InputStream> FromSource(std::unique_ptr<Source> source, std::string label) {
  return std::make_unique<SourceInput>(std::move(source), std::move(label));
}

std::unique_ptr<InputStream> OpenPages(std::vector<std::string> paths, std::string url,
                                       std::string charset, size_t max_bytes) {
  return std::make_unique<PagesInput>(std::move(paths), std::move(url), std::move(charset),
                                      max_bytes);
}

Result<std::vector<std::string>> ReadUrlList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot read the URL list");
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == '\r' || t.back() == ' ' || t.back() == '\t'))
      t.remove_suffix(1);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty() || t[0] == '#') continue;
    urls.emplace_back(t);
  }
  return urls;
}

}  // namespace ng
