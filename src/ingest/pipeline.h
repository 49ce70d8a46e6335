// pipeline.h — the ordered, bounded, parallel pipeline ingest runs on:
//
//   producer thread ──► [bounded queue of WorkItems] ──► N worker threads ──► results by sequence
//                                                                             number ──► consumer
//
// The producer reads sources in order (WARC records, files, feed items); workers do the heavy,
// independent part (fetch, decode, extract); the consumer (the calling thread) receives results
// strictly in input order. At most `max_items` items and `max_bytes` record bytes are in flight,
// so memory stays flat however long the input is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "newsgraph/ingest.h"
#include "newsgraph/status.h"

namespace ng::ingest {

struct WorkItem {
  std::string source;            // label for messages: "a.warc.gz@1234", a path, a URL
  std::optional<Record> record;  // a record ready for the worker …
  std::string fetch_url;         // … or a URL the worker fetches first …
  Status error;                  // … or a problem found while reading (reported in order)
};

struct Outcome {
  std::string text;       // what the consumer writes (one JSONL line, or empty)
  std::string message;    // a one-line problem report ("" when none)
  bool failed = false;
  bool skipped = false;   // read fine but not an article (not HTML, not modified…)
  std::optional<FetchResult> fetched;  // for consumers that archive what was fetched
};

struct PipelineOptions {
  int jobs = 1;                 // worker threads
  size_t max_items = 16;        // in flight between producer and consumer
  size_t max_bytes = 64u << 20; // record bytes in flight (one item is always admitted)
};

// Emits one item; blocks while the window is full. Returns false when the run is cancelled.
using Emit = std::function<bool(WorkItem)>;

// Runs producer(emit) on its own thread, `jobs` workers, and consume(outcome) on this thread in
// input order. Returns when everything produced has been consumed.
void RunOrdered(const PipelineOptions& options, const std::function<void(const Emit&)>& producer,
                const std::function<Outcome(WorkItem&)>& work, const std::function<void(Outcome&)>& consume);

}  // namespace ng::ingest
