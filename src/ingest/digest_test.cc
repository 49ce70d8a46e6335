#include "ingest/digest.h"

#include <gtest/gtest.h>

namespace ng::ingest {

TEST(Digest, Sha1KnownVectors) {
  // RFC 3174 vectors, as base32 (checked against Python: base64.b32encode(hashlib.sha1(x)))
  EXPECT_EQ(WarcSha1("abc"), "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  EXPECT_EQ(WarcSha1(""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  std::string million(1000000, 'a');
  Sha1 s;
  for (size_t i = 0; i < million.size(); i += 997) s.Update(std::string_view(million).substr(i, 997));
  auto d = s.Final();
  EXPECT_EQ("sha1:" + Base32(d.data(), d.size()), WarcSha1(million));
}

TEST(Digest, Base32Padding) {
  const uint8_t f[] = {'f', 'o', 'o', 'b', 'a', 'r'};
  EXPECT_EQ(Base32(f, 1), "MY======");
  EXPECT_EQ(Base32(f, 3), "MZXW6===");
  EXPECT_EQ(Base32(f, 6), "MZXW6YTBOI======");
}

}  // namespace ng::ingest
