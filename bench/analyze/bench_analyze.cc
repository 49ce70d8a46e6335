// bench_analyze — sentences/s of the full analysis on one core, resources loaded once.
//
//   ng_bench_analyze [--data DIR] [--min-seconds S] GOLD_DIR
// Reads GOLD_DIR/*.txt (e.g. shared/bench/extraction/scrapinghub-aeb/gold; never copied into the
// repo), analyses every text on one thread until at least S seconds have passed (whole passes),
// and prints the load time, throughput and what was found — the counts are checked so a fast but
// broken analysis does not pass: the run fails if nothing is found.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/analyze.h"

// CPU time of this thread: on a shared machine (other jobs on the same cores) wall time
// measures the neighbours; CPU time measures us on one core.
static double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  std::string dir, data = ng::DefaultResourceDir();
  double min_seconds = 5;
  double target = 20000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--min-seconds" && i + 1 < argc) min_seconds = std::atof(argv[++i]);
    else if (a == "--target" && i + 1 < argc) target = std::atof(argv[++i]);
    else dir = a;
  }
  if (dir.empty() || !std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "usage: ng_bench_analyze [--data DIR] [--min-seconds S] GOLD_DIR\n");
    return 2;
  }
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
    bytes += texts.back().size();
  }
  auto t0 = std::chrono::steady_clock::now();
  auto res = ng::LoadResources(data);
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!res.ok()) {
    std::fprintf(stderr, "load: %s\n", res.status().ToString().c_str());
    return 1;
  }
  ng::AnalyzeOptions opt;
  opt.publication_date = "2024-02-07";
  opt.tokens = false;
  size_t passes = 0, sentences = 0, entities = 0, quantities = 0, dates = 0, places = 0, failures = 0;
  auto start = std::chrono::steady_clock::now();
  double cpu0 = ThreadCpuSeconds();
  double elapsed = 0;
  do {
    for (const std::string& t : texts) {
      auto a = ng::Analyze(**res, t, opt);
      if (!a.ok()) { ++failures; continue; }
      sentences += a->sentences.size();
      if (passes == 0) {
        entities += a->entities.size();
        quantities += a->quantities.size();
        dates += a->dates.size();
        places += a->places.size();
      }
    }
    ++passes;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  double cpu = ThreadCpuSeconds() - cpu0;
  double sps = sentences / cpu;
  double sps_wall = sentences / elapsed;
  std::printf("analyze benchmark: %zu texts, %.2f MB, %zu passes in %.2f s wall / %.2f s CPU on one thread\n",
              texts.size(), bytes / 1e6, passes, elapsed, cpu);
  std::printf("  resource load      %8.3f s   (target <= 1 s)\n", load_s);
  std::printf("  sentences/s (CPU)  %8.0f     (target >= %.0f)\n", sps, target);
  std::printf("  sentences/s (wall) %8.0f     (lower when other jobs share the cores)\n", sps_wall);
  std::printf("  MB/s (CPU)         %8.2f\n", bytes * passes / 1e6 / cpu);
  std::printf("  per pass: %zu sentences, %zu entity mentions, %zu places, %zu quantities, %zu dates\n",
              sentences / passes, entities, places, quantities, dates);
  bool ok = failures == 0 && entities > 0 && dates > 0 && sentences > 0;
  if (!ok) std::printf("  FAIL: %zu failures or nothing found\n", failures);
  std::printf("  %s\n", sps >= target && load_s <= 1.0 ? "targets met" : "BELOW TARGET");
  return ok ? 0 : 1;
}
