// libFuzzer target: arbitrary bytes → the WARC reader (plain or gzip, damaged in every way) → all
// records. Must never crash, hang, leak or buffer beyond its budgets.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsgraph/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ng::WarcReaderOptions options;
  options.max_record_bytes = 1 << 20;
  options.max_payload_bytes = 1 << 20;
  options.check_digests = size % 2 == 0;
  auto src = ng::WarcFromBytes(bytes, options);
  // Plain input: every record or error consumes at least one byte, so more results than bytes
  // means the reader stopped advancing (an endless loop the cap below would otherwise hide;
  // regressions/warc-long-version-line.warc was one). Gzip output can outgrow its input.
  bool plain = size < 2 || data[0] != 0x1f || data[1] != 0x8b;
  for (size_t i = 0; i < 100000; ++i) {
    if (plain && i > size + 8) __builtin_trap();
    ng::Result<std::optional<ng::Record>> r = src->Next();
    if (r.ok() && !r->has_value()) break;
  }
  return 0;
}
