// libFuzzer target: arbitrary bytes → the feed sniffer and parser (RSS, Atom, RDF; xml:base and
// relative links through ResolveUrl). Must never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsgraph/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ng::LooksLikeFeed(bytes);
  ng::FeedOptions options;
  options.url = "http://example.com/news/feed.xml";
  options.max_depth = 64;
  ng::Result<ng::Feed> feed = ng::ParseFeed(bytes, options);
  (void)feed;
  return 0;
}
