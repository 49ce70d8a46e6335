// page_type_signals — the page-type signals of HTML files, one TSV row per file, for the
// model's trainer (tools/train_page_type.py, `make train-pagetype`).
//
//   page_type_signals < list.tsv > signals.tsv      (list rows: id<TAB>url<TAB>path)
//
// Output: a header "id<TAB>predicted<TAB><signal names…>", then per file its id, the type the
// compiled-in model gives it, and the signal values. A file that cannot be read or extracted
// gets a row of "error" and is counted on stderr; the run goes on.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "extract/page_type.h"

int main() {
  std::cout << "id\tpredicted";
  for (auto name : ng::extract::kPageTypeFeatureNames) std::cout << '\t' << name;
  std::cout << '\n';
  std::string line;
  int errors = 0;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 == std::string::npos ? t1 : t1 + 1);
    if (t2 == std::string::npos) {
      ++errors;
      continue;
    }
    std::string id = line.substr(0, t1), url = line.substr(t1 + 1, t2 - t1 - 1),
                path = line.substr(t2 + 1);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ng::extract::PageTypeFeatures f;
    ng::ExtractOptions options;
    options.url = url;
    auto a = in ? ng::extract::ExtractWithPageSignals(ss.str(), options, &f)
                : ng::Result<ng::Article>(ng::InvalidArgument("cannot read " + path));
    if (!a.ok()) {
      ++errors;
      std::cout << id << "\terror\n";
      continue;
    }
    std::cout << id << '\t' << ng::PageTypeName(a->page_type);
    char buf[32];
    for (double v : f.values) {
      std::snprintf(buf, sizeof buf, "\t%.6g", v);
      std::cout << buf;
    }
    std::cout << '\n';
  }
  if (errors) std::fprintf(stderr, "page_type_signals: %d file(s) failed\n", errors);
  return 0;
}
