// digest.h — SHA-1 and RFC 4648 base32, for WARC-Block-Digest / WARC-Payload-Digest ("sha1:…").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace ng::ingest {

// Incremental SHA-1 (OpenSSL libcrypto underneath).
class Sha1 {
 public:
  Sha1();
  ~Sha1();
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;
  void Update(std::string_view data);
  std::array<uint8_t, 20> Final();  // once

 private:
  ::evp_md_ctx_st* ctx_;
};

std::string Base32(const uint8_t* data, size_t n);  // upper case, '=' padded
// "sha1:" + base32(SHA-1(data)), the form WARC files use.
std::string WarcSha1(std::string_view data);

}  // namespace ng::ingest
