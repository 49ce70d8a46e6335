// bench_parse — the HTML parser's speed, against gumbo, in one process on one core.
//
//   build/release/bench/html/bench_parse [--repeat N] [DIR]     (make bench-html)
//   build/release/bench/html/bench_parse --dump fast|gumbo PAGE.html   (the tree, for diffs)
// DIR defaults to ../shared/bench/extraction/scrapinghub-aeb/html. Pages are read into memory
// first (bytes as they are: the tokenizer does not care about the encoding). Reports:
//   parse:   tokenizer + tree builder MB/s (fast) and pre-pass + gumbo + copy MB/s (gumbo);
//   extract: whole ng::Extract pages/s with each parser, and the ratio;
// and checks its results: both parsers' articles must agree on (nearly) every page.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file.h"
#include "html/parser.h"
#include "html/tree_builder.h"
#include "newsgraph/extract.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::filesystem::path& p) {
  ng::Result<std::string> data = ng::ReadFile(p.string());
  return data.ok() ? std::move(data).value() : std::string();
}

void Dump(const ng::html::Node* root) {
  std::vector<std::pair<const ng::html::Node*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    std::string pad(static_cast<size_t>(d) * 2, ' ');
    if (n->is_element()) {
      std::printf("%s<%s", pad.c_str(), std::string(n->name).c_str());
      for (const auto& a : n->attrs)
        std::printf(" %s=\"%s\"", std::string(a.name).c_str(), std::string(a.value).c_str());
      std::printf(">\n");
    } else if (n->is_text()) {
      std::printf("%s\"%s\"\n", pad.c_str(), std::string(n->text).c_str());
    } else if (n->type == ng::html::NodeType::kComment) {
      std::printf("%s<!-- %s -->\n", pad.c_str(), std::string(n->text).c_str());
    }
    std::vector<const ng::html::Node*> kids;
    for (const ng::html::Node* c = n->first_child; c; c = c->next) kids.push_back(c);
    for (size_t i = kids.size(); i-- > 0;) stack.emplace_back(kids[i], d + 1);
  }
}

}  // namespace

// Peak resident set of this process image in kB (/proc/self/status VmHWM: unlike ru_maxrss,
// it does not count the parent's memory a forked child carried before exec).
long VmHwmKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb;
}

int main(int argc, char** argv) {
  std::string dir = "../shared/bench/extraction/scrapinghub-aeb/html";
  int repeat = 3;
  bool parse_only = false;    // --parse-only: just the fast parser (for perf record)
  bool extract_only = false;  // --extract-only: just ng::Extract on the fast path (for perf record)
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dump" && i + 2 < argc) {
      std::string which = argv[i + 1];
      std::string page = ReadFile(argv[i + 2]);
      ng::html::ParseOptions o;
      o.parser = which == "gumbo" ? ng::html::ParseOptions::Parser::kGumbo
                                  : ng::html::ParseOptions::Parser::kFast;
      auto p = ng::html::ParseHtml(page, o);
      if (!p.ok()) return 1;
      Dump(p->doc.root());
      return 0;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--sanitized") {  // for tests that scale their inputs down under ASan
#if defined(__SANITIZE_ADDRESS__)
      std::puts("1");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
      std::puts("1");
#else
      std::puts("0");
#endif
#else
      std::puts("0");
#endif
      return 0;
    } else if (a == "--time" && i + 2 < argc) {
      // --time FILE MAX_DEPTH: CPU seconds of one BuildTree over FILE (tests/html/test_linear.py)
      std::string page = ReadFile(argv[i + 1]);
      int max_depth = std::atoi(argv[i + 2]);
      timespec t0, t1;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
      ng::html::Document doc;
      ng::html::BuildTree(page, {.max_depth = max_depth}, &doc);
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
      std::printf("%.6f %zu\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9, doc.size());
      return 0;
    } else if (a == "--rss" && i + 1 < argc) {
      // --rss PAGE: the process's peak resident set (VmHWM, this image only) before reading
      // PAGE and after ng::Extract of it, in kB: "bytes before_kb after_kb".
      long before = VmHwmKb();
      std::string page = ReadFile(argv[i + 1]);
      auto art = ng::Extract(page, {});
      std::printf("%zu %ld %ld %zu\n", page.size(), before, VmHwmKb(), art.ok() ? art->blocks.size() : 0);
      return 0;
    } else if (a == "--parse-only") {
      parse_only = true;
    } else if (a == "--extract-only") {
      extract_only = true;
    } else if (a == "--help" || a == "-h") {
      std::puts("usage: bench_parse [--repeat N] [--parse-only|--extract-only] [DIR] | --rss PAGE | --dump fast|gumbo PAGE.html");
      return 0;
    } else {
      dir = a;
    }
  }
  std::vector<std::string> pages;
  size_t bytes = 0;
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".html") paths.push_back(e.path());
  if (ec || paths.empty()) {
    std::fprintf(stderr, "bench_parse: no pages in %s\n", dir.c_str());
    return 2;
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    pages.push_back(ReadFile(p));
    bytes += pages.back().size();
  }
  std::printf("%zu pages, %.1f MB from %s; best of %d runs, one thread, CPU time\n", pages.size(),
              bytes / 1e6, dir.c_str(), repeat);

  // Thread CPU time, best of `repeat`: other processes on a busy machine do not count.
  auto cpu_now = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  };
  auto best_of = [&](auto&& fn) {
    double best = 1e100;
    for (int r = 0; r < repeat; ++r) {
      double t0 = cpu_now();
      fn();
      best = std::min(best, cpu_now() - t0);
    }
    return best;
  };
  if (extract_only) {
    size_t chars = 0;
    double t = best_of([&] {
      for (const std::string& p : pages) {
        auto a = ng::Extract(p, {});
        if (a.ok()) chars += a->blocks.size();
      }
    });
    std::printf("fast extract: %.1f pages/s (%zu blocks)\n", pages.size() / t, chars);
    return 0;
  }
  size_t nodes_fast = 0, nodes_gumbo = 0;
  double t_tree = best_of([&] {
    nodes_fast = 0;
    for (const std::string& p : pages) {
      ng::html::Document doc;
      doc.Borrow(p);  // as Extract does: text and attributes not copied from the page
      ng::html::BuildTree(p, {}, &doc);
      nodes_fast += doc.size();
    }
  });
  if (parse_only) {
    std::printf("fast: %.1f MB/s, %zu nodes\n", bytes / 1e6 / t_tree, nodes_fast);
    return 0;
  }
  double t_gumbo = best_of([&] {
    nodes_gumbo = 0;
    for (const std::string& p : pages) {
      auto r = ng::html::ParseHtml(p, {.parser = ng::html::ParseOptions::Parser::kGumbo});
      if (r.ok()) nodes_gumbo += r->doc.size();
    }
  });
  std::printf("\nparse (bytes -> Document)\n");
  std::printf("  %-34s %8.1f MB/s  %9zu nodes\n", "fast: tokenizer + tree builder", bytes / 1e6 / t_tree,
              nodes_fast);
  std::printf("  %-34s %8.1f MB/s  %9zu nodes\n", "gumbo: pre-pass + gumbo + copy", bytes / 1e6 / t_gumbo,
              nodes_gumbo);
  std::printf("  %-34s %8.1fx\n", "ratio", t_gumbo / t_tree);

  std::vector<std::string> text_fast(pages.size()), text_gumbo(pages.size());
  auto extract_all = [&](ng::HtmlParser parser, std::vector<std::string>* out) {
    return best_of([&] {
      for (size_t i = 0; i < pages.size(); ++i) {
        ng::ExtractOptions o;
        o.parser = parser;
        auto a = ng::Extract(pages[i], o);
        (*out)[i] = a.ok() ? a->title + "\n" + ng::RenderArticle(*a, ng::Format::kText) : "error";
      }
    });
  };
  double e_fast = extract_all(ng::HtmlParser::kFast, &text_fast);
  double e_gumbo = extract_all(ng::HtmlParser::kGumbo, &text_gumbo);
  size_t same = 0;
  for (size_t i = 0; i < pages.size(); ++i) same += text_fast[i] == text_gumbo[i];
  std::printf("\nextract (ng::Extract, whole pipeline)\n");
  std::printf("  %-34s %8.1f pages/s\n", "--parser fast", pages.size() / e_fast);
  std::printf("  %-34s %8.1f pages/s\n", "--parser gumbo", pages.size() / e_gumbo);
  std::printf("  %-34s %8.1fx\n", "ratio", e_gumbo / e_fast);
  std::printf("  %-34s %zu of %zu\n", "same article text", same, pages.size());
  // A benchmark that checks its result: the parsers must agree on almost every page.
  return same * 100 >= pages.size() * 99 ? 0 : 1;
}
