#include "ingest/pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace ng::ingest {

void RunOrdered(const PipelineOptions& options, const std::function<void(const Emit&)>& producer,
                const std::function<Outcome(WorkItem&)>& work, const std::function<void(Outcome&)>& consume) {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<uint64_t, WorkItem>> queue;   // produced, not yet taken by a worker
  std::map<uint64_t, std::pair<Outcome, size_t>> done;  // finished, not yet consumed (+ its bytes)
  uint64_t produced = 0, consumed = 0;
  size_t bytes_in_flight = 0;
  bool producer_done = false;
  const size_t max_items = std::max<size_t>(options.max_items, 1);

  Emit emit = [&](WorkItem item) {
    size_t bytes = item.record ? item.record->body.size() : 0;
    std::unique_lock lock(mu);
    cv.wait(lock, [&] {
      bool empty = produced == consumed;
      return empty || (produced - consumed < max_items && bytes_in_flight + bytes <= options.max_bytes);
    });
    bytes_in_flight += bytes;
    queue.emplace_back(produced++, std::move(item));
    cv.notify_all();
    return true;
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
        std::pair<uint64_t, WorkItem> job;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return !queue.empty() || producer_done; });
          if (queue.empty()) return;
          job = std::move(queue.front());
          queue.pop_front();
        }
        size_t bytes = job.second.record ? job.second.record->body.size() : 0;
        Outcome o = work(job.second);
        job.second = WorkItem();  // free the record before waiting for the consumer
        {
          std::lock_guard lock(mu);
          done.emplace(job.first, std::make_pair(std::move(o), bytes));
        }
        cv.notify_all();
      }
    });
  }
  for (;;) {
    Outcome o;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return done.count(consumed) || (producer_done && consumed == produced); });
      auto it = done.find(consumed);
      if (it == done.end()) break;
      o = std::move(it->second.first);
      bytes_in_flight -= it->second.second;
      done.erase(it);
      ++consumed;
    }
    cv.notify_all();
    consume(o);
  }
  prod.join();
  for (auto& t : workers) t.join();
}

}  // namespace ng::ingest
