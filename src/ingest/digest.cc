#include "ingest/digest.h"

#include <openssl/evp.h>

namespace ng::ingest {

// SHA-1 comes from OpenSSL's libcrypto (SHA-NI / AVX2 code paths): on a 2 GB WARC the digest
// check was the largest single cost of the reader thread with a portable implementation.
// Without a context (out of memory) the digest comes out all zeros: it then fails to match any
// declared digest, which reports the record instead of accepting it unchecked.
Sha1::Sha1() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ && EVP_DigestInit_ex(ctx_, EVP_sha1(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx_);
    ctx_ = nullptr;
  }
}

Sha1::~Sha1() { EVP_MD_CTX_free(ctx_); }

void Sha1::Update(std::string_view data) {
  if (ctx_) EVP_DigestUpdate(ctx_, data.data(), data.size());
}

std::array<uint8_t, 20> Sha1::Final() {
  std::array<uint8_t, 20> out{};
  unsigned int n = 0;
  if (ctx_) EVP_DigestFinal_ex(ctx_, out.data(), &n);
  return out;
}

std::string Base32(const uint8_t* data, size_t n) {
  static const char kAlpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint64_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | data[i];
    bits += 8;
    while (bits >= 5) { out += kAlpha[(acc >> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits) out += kAlpha[(acc << (5 - bits)) & 31];
  while (out.size() % 8) out += '=';
  return out;
}

std::string WarcSha1(std::string_view data) {
  std::array<uint8_t, 20> d{};
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), d.data(), &n, EVP_sha1(), nullptr);
  return "sha1:" + Base32(d.data(), d.size());
}

}  // namespace ng::ingest
