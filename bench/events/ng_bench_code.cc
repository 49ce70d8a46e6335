// ng_bench_code — sentences/s of event coding after analysis, on one core.
//
//   ng_bench_code [--data DIR] [--codebook DIR] [--min-seconds S] [--target N] GOLD_DIR
// Reads GOLD_DIR/*.txt (e.g. ../shared/bench/extraction/scrapinghub-aeb/gold; never copied into
// the repo), analyses every text once (not timed), then codes all analyses repeatedly on this
// thread until at least S seconds of CPU time have passed (whole passes). Prints codebook load
// time, sentences/s and events found; fails (exit 1) when no event is found at all, so a fast but
// broken coder does not pass, and reports whether the target (default 20,000 sentences/s) is met.
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
#include "newsgraph/code.h"

// CPU time of this thread: the machine is shared, wall time would measure the neighbours.
static double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  std::string dir, data = ng::DefaultResourceDir(), codebook = ng::DefaultCodebookDir();
  double min_seconds = 5, target = 20000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--codebook" && i + 1 < argc) codebook = argv[++i];
    else if (a == "--min-seconds" && i + 1 < argc) min_seconds = std::atof(argv[++i]);
    else if (a == "--target" && i + 1 < argc) target = std::atof(argv[++i]);
    else dir = a;
  }
  if (dir.empty() || !std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "usage: ng_bench_code [--data DIR] [--codebook DIR] [--min-seconds S] GOLD_DIR\n");
    return 2;
  }
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  auto res = ng::LoadResources(data);
  if (!res.ok()) {
    std::fprintf(stderr, "ng_bench_code: %s\n", res.status().ToString().c_str());
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto book = ng::LoadCodebook(codebook);
  double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!book.ok()) {
    std::fprintf(stderr, "ng_bench_code: %s\n", book.status().ToString().c_str());
    return 2;
  }
  std::vector<std::string> texts;
  std::vector<ng::Analysis> analyses;
  size_t sentences = 0;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  for (const std::string& t : texts) {
    ng::AnalyzeOptions opt;
    opt.publication_date = "2024-01-01";
    auto a = ng::Analyze(**res, t, opt);
    if (!a.ok()) continue;
    sentences += a->sentences.size();
    analyses.push_back(std::move(*a));
  }
  // Re-align texts with the analyses that succeeded (all of them in practice).
  if (analyses.size() != texts.size()) {
    std::fprintf(stderr, "ng_bench_code: %zu of %zu texts failed analysis\n", texts.size() - analyses.size(), texts.size());
    return 1;
  }
  size_t events = 0, passes = 0, ev_first = 0;
  std::vector<size_t> per_root(21, 0);
  double c0 = ThreadCpuSeconds(), c1 = c0;
  do {
    for (size_t i = 0; i < analyses.size(); ++i) {
      std::vector<ng::Event> ev = ng::CodeEvents(**book, analyses[i], texts[i]);
      events += ev.size();
      if (passes == 0) {
        for (const auto& e : ev) {
          int r = std::atoi(e.root.c_str());
          if (r >= 0 && r <= 20) ++per_root[r];
        }
      }
    }
    if (passes == 0) ev_first = events;
    ++passes;
    c1 = ThreadCpuSeconds();
  } while (c1 - c0 < min_seconds);
  double secs = c1 - c0;
  double rate = sentences * passes / secs;
  std::printf("ng_bench_code: %zu texts, %zu sentences, codebook load %.1f ms\n", texts.size(), sentences, load_ms);
  std::printf("coding: %zu passes in %.2f s CPU = %.0f sentences/s on one core (target %.0f: %s)\n", passes, secs, rate,
              target, rate >= target ? "met" : "NOT met");
  std::printf("events per pass: %zu (%.3f per sentence); by CAMEO root:", ev_first, double(ev_first) / std::max<size_t>(1, sentences));
  for (int r = 1; r <= 20; ++r) {
    if (per_root[r]) std::printf(" %02d:%zu", r, per_root[r]);
  }
  std::printf("\n");
  // Issue 13: coding including tagging and parsing. The syntax cost is the CPU time of analysing
  // the texts with the tagger and parser minus without them (same texts), summed over alternating
  // rounds: one round is too short to stand out of a shared machine's noise.
  {
    auto analyse_all = [&](bool syntax) {
      double t0 = ThreadCpuSeconds();
      for (const std::string& t : texts) {
        ng::AnalyzeOptions opt;
        opt.publication_date = "2024-01-01";
        opt.syntax = syntax;
        auto a = ng::Analyze(**res, t, opt);
        (void)a;
      }
      return ThreadCpuSeconds() - t0;
    };
    constexpr int kRounds = 3;
    double with = 0, without = 0;
    for (int r = 0; r < kRounds; ++r) {
      with += analyse_all(true);
      without += analyse_all(false);
    }
    ng::SyntaxInfo si = ng::GetSyntaxInfo(**res);
    if (si.tagger && si.parser) {
      double syntax_secs = std::max(0.0, with - without) / kRounds;
      double per_sentence = syntax_secs / std::max<size_t>(1, sentences) + secs / (double(sentences) * passes);
      double both = 1.0 / per_sentence;
      std::printf("tagging + parsing + coding: %.0f sentences/s on one core (target 5000: %s); syntax alone %.0f sentences/s; "
                  "models load %.2f s, %.1f MB\n",
                  both, both >= 5000 ? "met" : "NOT met", sentences / std::max(1e-9, syntax_secs), si.load_seconds,
                  si.memory_bytes / 1e6);
    } else {
      std::printf("tagging + parsing + coding: not measured (%s)\n", si.note.c_str());
    }
  }
  if (ev_first == 0) {
    std::fprintf(stderr, "ng_bench_code: no events found at all - the coder is broken\n");
    return 1;
  }
  return 0;
}
