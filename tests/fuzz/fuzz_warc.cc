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
  for (int i = 0; i < 100000; ++i) {
    ng::Result<std::optional<ng::Record>> r = src->Next();
    if (r.ok() && !r->has_value()) break;
  }
  return 0;
}
