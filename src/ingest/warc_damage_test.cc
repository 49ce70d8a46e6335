// One damaged gzip member costs one record, also on input that cannot seek back (stdin, pipes):
// the reader keeps a recent member's start in its buffer to rescan from. The CLI-level test over
// every damage kind is tests/ingest/test_warc_damage.py.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "ingest/byte_stream.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

std::string Gzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A resource record whose body is `n` bytes of varied text (so members are not tiny).
std::string Record(int i, size_t n) {
  std::string body;
  uint64_t x = 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(i + 1);
  while (body.size() < n) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    body += "word" + std::to_string(x % 5000) + (x % 11 == 0 ? ".\n" : " ");
  }
  body.resize(n);
  return "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://ex.org/" + std::to_string(i) +
         "\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
         "\r\n\r\n";
}

struct Read {
  std::vector<std::string> urls;
  std::vector<std::string> errors;
};

Read ReadAll(std::unique_ptr<Source> src) {
  Read r;
  for (int guard = 0; guard < 1000; ++guard) {
    Result<std::optional<ng::Record>> rec = src->Next();
    if (!rec.ok()) {
      r.errors.push_back(rec.status().message());
      continue;
    }
    if (!rec->has_value()) break;
    r.urls.push_back((*rec)->url);
  }
  return r;
}

TEST(WarcDamage, CutMemberOnAPipeCostsOneRecord) {
  constexpr int kRecords = 12;
  std::vector<std::string> members;
  for (int i = 0; i < kRecords; ++i) members.push_back(Gzip(Record(i, 150000 + 9000 * i)));
  for (int k = 0; k < kRecords; ++k) {
    std::string file;
    size_t start = 0;
    for (int i = 0; i < kRecords; ++i) {
      if (i == k) start = file.size();
      file += i == k ? members[i].substr(0, members[i].size() / 2) : members[i];
    }
    // PrefixedRaw cannot seek: the rescan from the member's start + 1 must come from the buffer.
    Read got = ReadAll(ingest::WarcFromRaw(ingest::PrefixedRaw("", ingest::RawFromBytes(file)), "pipe", {}));
    std::vector<std::string> want;
    for (int i = 0; i < kRecords; ++i)
      if (i != k) want.push_back("http://ex.org/" + std::to_string(i));
    EXPECT_EQ(got.urls, want) << "member " << k << " cut";
    ASSERT_EQ(got.errors.size(), 1u) << "member " << k << " cut";
    EXPECT_NE(got.errors[0].find("gzip member at offset " + std::to_string(start) + " "), std::string::npos)
        << got.errors[0];
  }
}

TEST(WarcDamage, MemberOffsetsAreReportedForRecordDamage) {
  // A lying Content-Length inside an intact member: the message names the member's offset.
  std::string a = Record(0, 5000), b = Record(1, 5000), c = Record(2, 5000);
  std::string lied = b;
  lied.replace(lied.find("Content-Length: 5000"), 20, "Content-Length: 2500");
  std::string file = Gzip(a) + Gzip(lied) + Gzip(c);
  Read got = ReadAll(WarcFromBytes(file));
  EXPECT_EQ(got.urls, (std::vector<std::string>{"http://ex.org/0", "http://ex.org/2"}));
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("record at offset " + std::to_string(Gzip(a).size()) + " (gzip member"),
            std::string::npos)
      << got.errors[0];
}

TEST(WarcDamage, WholeFileGzipCutKeepsWhatCameBefore) {
  std::string plain;
  for (int i = 0; i < 8; ++i) plain += Record(i, 20000);
  std::string gz = Gzip(plain);
  Read got = ReadAll(WarcFromBytes(std::string_view(gz).substr(0, gz.size() * 3 / 4)));
  // Three quarters of the compressed bytes hold at least the first half of the records.
  ASSERT_GE(got.urls.size(), 4u);
  for (size_t i = 0; i < got.urls.size(); ++i) EXPECT_EQ(got.urls[i], "http://ex.org/" + std::to_string(i));
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("lost the record at uncompressed offset " +
                               std::to_string(got.urls.size() * Record(0, 20000).size())),
            std::string::npos)
      << got.errors[0];
}

}  // namespace
}  // namespace ng
