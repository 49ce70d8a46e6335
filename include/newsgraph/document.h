// document.h — one input record and everything the pipeline derived from it: the value that
// travels from ProcessRecord (pipeline.h) to a sink (a JSONL writer, the Store, Python).
//
//   ng::Document d = ng::ProcessRecord(record, models);
//   if (d.status == "ok") for (const ng::Event& e : d.events) std::cout << e.cameo << "\n";
//   else std::cerr << d.source << ": " << d.status << ": " << d.error << " (" << d.reason << ")\n";
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "newsgraph/analyze.h"
#include "newsgraph/article.h"
#include "newsgraph/code.h"
#include "newsgraph/status.h"

namespace ng {

struct Document {
  std::string url;           // record URL ("" for a local file)
  std::string source;        // where it was read: a path, "a.warc.gz@1234", a URL
  std::string content_hash;  // "sha1:…" of the record bytes ("" when not computed)
  std::string fetch_time;    // ISO 8601 UTC or ""
  int http_status = 0;
  uint64_t bytes = 0;
  std::string status = "ok";    // "ok" (an article), "failed" (error says why), "skipped"
  std::string error;            // failed: the error message (as stored); skipped: what was skipped
  Code error_code = Code::kOk;  // failed: the error's code (Status(error_code, error))
  // Why the result is partial or was not processed, for people: "not HTML: image/png",
  // "publication date '2024-02-30' is not a valid date: relative dates left unresolved". ""
  // normally.
  std::string reason;
  bool from_record = true;      // false when no bytes were read (input error, failed or 304 fetch)
  bool already_stored = false;  // the sink's store had this key: not processed further
  std::optional<Article> article;  // status "ok" only
  std::string text;                // what was analysed: title + "\n\n" + body; offsets refer to it
  Analysis analysis;
  std::vector<Event> events;

  // The identity used for de-duplication: (url or source) + content hash.
  std::string key() const;
  // The error as a Status (ok unless status == "failed").
  Status error_status() const { return status == "failed" ? Status(error_code, error) : Status(); }
};

}  // namespace ng
