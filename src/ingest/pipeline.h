// pipeline.h — the ordered, bounded, parallel runner every pipeline of newsgraph uses:
//
//   producer thread ──► [bounded queue of items] ──► N worker threads ──► results by sequence
//                                                                         number ──► consumer
//
// The producer reads sources in order (WARC records, files, feed items); workers do the heavy,
// independent part (fetch, decode, extract, analyze, code); the consumer (the calling thread)
// receives results strictly in input order. At most `max_items` items and `max_bytes` item bytes
// are in flight, so memory stays flat however long the input is. The document pipeline
// (include/newsgraph/pipeline.h) and `newsgraph fetch` run on it.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "newsgraph/ingest.h"
#include "newsgraph/status.h"

namespace ng::ingest {

// `newsgraph fetch`'s items: a URL to fetch, and what came of it.
struct WorkItem {
  std::string source;            // label for messages: "a.warc.gz@1234", a path, a URL
  std::optional<Record> record;  // a record ready for the worker …
  std::string fetch_url;         // … or a URL the worker fetches first …
  Status error;                  // … or a problem found while reading (reported in order)
};

struct Outcome {
  std::string message;  // a one-line problem report ("" when none)
  bool failed = false;
  bool skipped = false;  // not modified
  std::optional<FetchResult> fetched;
};

struct PipelineOptions {
  int jobs = 1;                  // worker threads
  size_t max_items = 16;         // in flight between producer and consumer
  size_t max_bytes = 64u << 20;  // item bytes in flight (one item is always admitted)
};

// Emits one item; blocks while the window is full. Returns false once the run is cancelled:
// the producer should stop reading (the item given is still taken).
template <typename In>
using EmitFn = std::function<bool(In)>;
using Emit = EmitFn<WorkItem>;

// Runs producer(emit) on its own thread, `jobs` workers calling work(item), and consume(result)
// on this thread in input order. `size(item)` is the item's weight against max_bytes. When
// consume returns false the run is cancelled: emit returns false from then on, items not yet
// started are passed to `drop(item)` instead of `work` (so nothing is lost from the count), and
// RunOrdered returns once everything produced has been consumed.
template <typename In, typename Out>
void RunOrdered(const PipelineOptions& options,
                const std::function<void(const EmitFn<In>&)>& producer,
                const std::function<Out(In&)>& work, const std::function<bool(Out&)>& consume,
                const std::function<size_t(const In&)>& size, const std::function<Out(In&)>& drop) {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<uint64_t, In>> queue;        // produced, not yet taken by a worker
  std::map<uint64_t, std::pair<Out, size_t>> done;  // finished, not yet consumed (+ its bytes)
  uint64_t produced = 0, consumed = 0;
  size_t bytes_in_flight = 0;
  bool producer_done = false;
  std::atomic<bool> cancelled{false};
  const size_t max_items = std::max<size_t>(options.max_items, 1);

  EmitFn<In> emit = [&](In item) {
    // An item offered after the cancel is still taken (and passed to drop): whatever the
    // producer read reaches the consumer, so nothing read is lost from the count.
    size_t bytes = size(item);
    std::unique_lock lock(mu);
    cv.wait(lock, [&] {
      bool empty = produced == consumed;
      return empty ||
             (produced - consumed < max_items && bytes_in_flight + bytes <= options.max_bytes);
    });
    bytes_in_flight += bytes;
    queue.emplace_back(produced++, std::move(item));
    cv.notify_all();
    return !cancelled;
  };
  std::thread prod([&] {
    producer(emit);
    std::lock_guard lock(mu);
    producer_done = true;
    cv.notify_all();
  });
  std::vector<std::thread> workers;
  for (int j = 0; j < std::max(1, options.jobs); ++j) {
    workers.emplace_back([&] {
      for (;;) {
        uint64_t seq;
        std::optional<In> item;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return !queue.empty() || producer_done; });
          if (queue.empty()) return;
          seq = queue.front().first;
          item.emplace(std::move(queue.front().second));
          queue.pop_front();
        }
        size_t bytes = size(*item);
        Out o = cancelled ? drop(*item) : work(*item);
        item.reset();  // free the item before waiting for the consumer
        {
          std::lock_guard lock(mu);
          done.emplace(seq, std::make_pair(std::move(o), bytes));
        }
        cv.notify_all();
      }
    });
  }
  for (;;) {
    std::optional<Out> o;
    {
      std::unique_lock lock(mu);
      cv.wait(lock,
              [&] { return done.count(consumed) || (producer_done && consumed == produced); });
      auto it = done.find(consumed);
      if (it == done.end()) break;
      o.emplace(std::move(it->second.first));
      bytes_in_flight -= it->second.second;
      done.erase(it);
      ++consumed;
    }
    cv.notify_all();
    if (!consume(*o)) cancelled = true;
  }
  prod.join();
  for (auto& t : workers) t.join();
}

}  // namespace ng::ingest
