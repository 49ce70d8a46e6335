// analyze_input.h — how analyze, code and explain read one input: an article JSON (its "text" or
// title + blocks, "published", optional "sentences" spans), an HTML page (extracted first) or
// plain text; "-" is sniffed ('{' JSON, '<' HTML). Implemented in cmd_analyze.cc.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng::cli {

struct AnalyzeInput {
  std::string text;
  std::string published;  // YYYY-MM-DD or ""
  std::vector<std::pair<size_t, size_t>> sentences;
};

Result<AnalyzeInput> LoadAnalyzeInput(const std::string& path, const std::string& bytes);

}  // namespace ng::cli
