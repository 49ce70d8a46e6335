// byte_stream.h — raw input (file, stdin, memory) and the gzip-aware decoded stream the WARC
// reader sits on. Gzip is detected from the first bytes; concatenated members (one per record)
// and whole-file gzip are the same stream. A corrupt or truncated member is reported once and
// decoding resumes at the next gzip member header (1f 8b 08).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/ingest.h"
#include "newsgraph/status.h"

namespace ng::ingest {

class RawInput {
 public:
  virtual ~RawInput() = default;
  virtual Result<size_t> Read(char* buf, size_t n) = 0;  // 0 = end of input
  virtual bool Seek(uint64_t offset) = 0;                // false when not seekable (stdin)
  virtual uint64_t size() const = 0;                     // 0 = unknown
};

Result<std::unique_ptr<RawInput>> OpenRawFile(const std::string& path);  // "-" = stdin
std::unique_ptr<RawInput> RawFromBytes(std::string_view bytes);
// `prefix` (bytes already read, e.g. to sniff stdin) followed by the rest of `rest`.
std::unique_ptr<RawInput> PrefixedRaw(std::string prefix, std::unique_ptr<RawInput> rest);

class DecodedStream {
 public:
  explicit DecodedStream(std::unique_ptr<RawInput> raw);
  ~DecodedStream();
  DecodedStream(const DecodedStream&) = delete;
  DecodedStream& operator=(const DecodedStream&) = delete;

  // Appends up to `n` decoded bytes to *out; returns how many. 0 with ok status = end of input.
  // An error is returned once, after the good bytes before it were delivered; the stream then
  // continues after the damage.
  Result<size_t> Read(std::string* out, size_t n);
  uint64_t raw_offset() const { return in_base_ + in_pos_; }
  uint64_t raw_size() const { return raw_->size(); }
  bool gzip() const { return gzip_; }

 private:
  Status Refill();  // compacts the input buffer and reads more; sets raw_eof_
  void ResyncGzip(uint64_t from);

  std::unique_ptr<RawInput> raw_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_base_ = 0;  // raw offset of in_[0]
  bool raw_eof_ = false, started_ = false, gzip_ = false, in_member_ = false;
  uint64_t member_start_ = 0;
  uint64_t member_out_ = 0;  // bytes the current member has produced
  Status pending_;           // an error to report after the good bytes before it
  z_stream z_{};
  bool z_init_ = false;
};

// A WARC Source over any raw input (warc_reader.cc); `name` labels records and messages.
std::unique_ptr<Source> WarcFromRaw(std::unique_ptr<RawInput> raw, std::string name,
                                    const WarcReaderOptions& options);

}  // namespace ng::ingest
