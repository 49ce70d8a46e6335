// simhash.cc — 64-bit SimHash over word 3-shingles: wire copies that differ by a dateline, a
// byline or a trailing sentence land within a few bits of each other; unrelated texts ~32 apart.
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "newsgraph/store.h"
#include "base/hash.h"

namespace ng {
namespace {


uint64_t Fnv(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

uint64_t SimHash(std::string_view text) {
  // Words: runs of ASCII letters/digits or any non-ASCII byte (UTF-8 letters), lower-cased.
  std::vector<uint64_t> words;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) words.push_back(Fnv(w));
    w.clear();
  };
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) w += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    else flush();
  }
  flush();
  if (words.empty()) return 0;
  std::array<int64_t, 64> acc{};
  auto add = [&](uint64_t h) {
    h = Mix64(h);
    for (int b = 0; b < 64; ++b) acc[b] += (h >> b) & 1 ? 1 : -1;
  };
  if (words.size() < 3) {
    for (uint64_t x : words) add(x);
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i) add(words[i] * 31 + Mix64(words[i + 1]) * 17 + Mix64(words[i + 2] ^ 0x9e37));
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (acc[b] > 0) out |= 1ULL << b;
  }
  return out;
}

}  // namespace ng
