// analyze_input.h — how analyze, code and explain read one input: an article JSON (its "text" or
// title + blocks, "published", optional "sentences" spans), an HTML page (extracted first) or
// plain text; "-" is sniffed ('{' JSON, '<' HTML). Implemented in cmd_analyze.cc.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng::cli {

struct AnalyzeInput {
  std::string text;
  std::string published;  // YYYY-MM-DD or ""
  std::vector<std::pair<size_t, size_t>> sentences;
  std::string url;        // an HTML page's canonical URL, else ""
};

// The inputs of analyze and code: "--text" first when has_text, then `inputs` with directories
// expanded (*.json *.jsonl *.html *.htm *.xhtml *.txt, in path order). nullopt after one stderr
// line naming `command` when a directory cannot be listed.
std::optional<std::vector<std::string>> AnalyzeSources(const char* command, const std::vector<std::string>& inputs,
                                                      bool has_text);

// Reads `path` ("-" = stdin) and loads it; an empty input is an error naming it.
Result<AnalyzeInput> ReadAnalyzeInput(const std::string& path);

}  // namespace ng::cli
