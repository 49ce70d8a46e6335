// libFuzzer target: arbitrary bytes → ng::Extract → every renderer. Must never crash, hang or
// leak; the sanitizers do the checking.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsgraph/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Small budgets so the fuzzer explores the budget paths too.
  ng::ExtractOptions options;
  options.max_bytes = 256 * 1024;
  options.max_depth = 64;
  options.comments = size % 2 == 1;
  ng::Result<ng::Article> a = ng::Extract(bytes, options);
  if (a.ok()) {
    (void)ng::RenderArticle(*a, ng::Format::kJson);
    (void)ng::RenderArticle(*a, ng::Format::kMarkdown);
    (void)ng::RenderArticle(*a, ng::Format::kText);
  }
  return 0;
}
