// warc_writer.cc — WARC/1.1 records, one gzip member each (or plain), with sha1 digests.
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>

#include "base/clock.h"
#include "ingest/digest.h"
#include "ingest/http_message.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

std::string NewRecordId() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  uint64_t a, b;
  {
    std::lock_guard lock(mu);
    a = rng();
    b = rng();
  }
  a = (a & ~0xF000ull) | 0x4000ull;                       // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 1
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:%08x-%04x-%04x-%04x-%012llx>", uint32_t(a >> 32),
                unsigned((a >> 16) & 0xFFFF), unsigned(a & 0xFFFF), unsigned(b >> 48),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
  return buf;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 404: return "Not Found";
    case 410: return "Gone";
    default: return status < 400 ? "OK" : "Error";
  }
}

class Writer : public WarcWriter {
 public:
  Writer(FILE* f, std::string path, WarcWriterOptions o) : f_(f), path_(std::move(path)), opt_(std::move(o)) {}
  ~Writer() override { (void)Close(); }

  Status WriteWarcinfo(std::string_view fields) override {
    std::string body = "software: " + opt_.software + "\r\nformat: WARC File Format 1.1\r\n";
    body.append(fields);
    std::string name = path_.substr(path_.rfind('/') == std::string::npos ? 0 : path_.rfind('/') + 1);
    return WriteRecord("warcinfo", "", "application/warc-fields", "WARC-Filename: " + name + "\r\n", body, "");
  }

  Status WriteResponse(const Record& r, std::string_view request_head) override {
    std::string response_id = NewRecordId();
    std::string block = "HTTP/1.1 " + std::to_string(r.http_status ? r.http_status : 200) + " " +
                        Reason(r.http_status ? r.http_status : 200) + "\r\n";
    for (const auto& [k, v] : r.headers) {
      // The body is stored decoded, so the codings and length of the wire no longer apply.
      if (ingest::EqualsIgnoreCase(k, "Content-Encoding") || ingest::EqualsIgnoreCase(k, "Transfer-Encoding") ||
          ingest::EqualsIgnoreCase(k, "Content-Length"))
        block += "X-Crawler-" + k + ": " + v + "\r\n";
      else
        block += k + ": " + v + "\r\n";
    }
    block += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
    block += r.body;
    std::string extra = "WARC-Target-URI: " + r.url + "\r\nWARC-Payload-Digest: " + ingest::WarcSha1(r.body) + "\r\n";
    std::string date = r.fetch_time.empty() ? ng::NowIso8601() : r.fetch_time;
    if (!request_head.empty()) {
      std::string req = "WARC-Target-URI: " + r.url + "\r\nWARC-Concurrent-To: " + response_id + "\r\n";
      NG_RETURN_IF_ERROR(WriteRecord("request", date, "application/http; msgtype=request", req,
                                     request_head, NewRecordId()));
    }
    return WriteRecord("response", date, "application/http; msgtype=response", extra, block, response_id);
  }

  Status Close() override {
    if (!f_) return Status::Ok();
    int rc = std::fclose(f_);
    f_ = nullptr;
    if (rc != 0) return IoError(path_ + ": close failed: " + std::strerror(errno));
    return Status::Ok();
  }

 private:
  Status WriteRecord(std::string_view type, std::string date, std::string_view content_type,
                     std::string_view extra_fields, std::string_view block, std::string id) {
    if (!f_) return Internal(path_ + ": write after Close");
    if (date.empty()) date = ng::NowIso8601();
    if (id.empty()) id = NewRecordId();
    std::string head = "WARC/1.1\r\nWARC-Type: ";
    head.append(type);
    head += "\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + date + "\r\n";
    head.append(extra_fields);
    head += "Content-Type: ";
    head.append(content_type);
    head += "\r\nWARC-Block-Digest: " + ingest::WarcSha1(block) + "\r\nContent-Length: " +
            std::to_string(block.size()) + "\r\n\r\n";
    if (!opt_.gzip) {
      if (std::fwrite(head.data(), 1, head.size(), f_) != head.size() ||
          std::fwrite(block.data(), 1, block.size(), f_) != block.size() || std::fwrite("\r\n\r\n", 1, 4, f_) != 4)
        return IoError(path_ + ": write failed: " + std::strerror(errno));
      return Status::Ok();
    }
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return Internal("zlib init failed");
    Status st;
    std::string_view parts[3] = {head, block, "\r\n\r\n"};
    char out[1 << 16];
    for (int i = 0; i < 3 && st.ok(); ++i) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
      z.avail_in = static_cast<uInt>(parts[i].size());
      int flush = i == 2 ? Z_FINISH : Z_NO_FLUSH;
      int rc;
      do {
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        rc = deflate(&z, flush);
        size_t n = sizeof out - z.avail_out;
        if (n && std::fwrite(out, 1, n, f_) != n) { st = IoError(path_ + ": write failed: " + std::strerror(errno)); break; }
      } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    deflateEnd(&z);
    return st;
  }

  FILE* f_;
  std::string path_;
  WarcWriterOptions opt_;
};

}  // namespace

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const std::string& path, const WarcWriterOptions& options) {
  FILE* f = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (!f) return IoError(path + ": cannot write: " + std::strerror(errno));
  return std::unique_ptr<WarcWriter>(new Writer(f, path, options));
}

}  // namespace ng
