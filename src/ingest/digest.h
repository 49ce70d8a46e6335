// digest.h — SHA-1 and RFC 4648 base32, for WARC-Block-Digest / WARC-Payload-Digest ("sha1:…").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ng::ingest {

class Sha1 {
 public:
  Sha1();
  void Update(std::string_view data);
  std::array<uint8_t, 20> Final();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[5];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

std::string Base32(const uint8_t* data, size_t n);  // upper case, '=' padded
// "sha1:" + base32(SHA-1(data)), the form WARC files use.
std::string WarcSha1(std::string_view data);

}  // namespace ng::ingest
