// byte_stream.h — raw input (file, stdin, memory) and the gzip-aware decoded stream the WARC
// reader sits on. Gzip is detected from the first bytes; concatenated members (one per record)
// and whole-file gzip are the same stream.
//
// A corrupt or truncated member is reported once, with its offset. The inflater cannot tell where
// the damage is: a member cut short is decoded on into the members after it, and the error shows
// only later. So decoding resumes by rescanning from the damaged member's start + 1 for the next
// member header (1f 8b 08) that inflates to "WARC/1." — every intact member after it is read.
// The damaged member's output is dropped when another member follows (it is one record of many);
// when none follows (whole-file gzip, or the last member) its output up to the damage is delivered.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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
  // The raw offset of the gzip member whose output holds decoded byte `decoded` (an offset in the
  // bytes Read has delivered), or -1 when unknown (forgotten, or not gzip).
  int64_t MemberAt(uint64_t decoded) const;
  // Forgets the members wholly before `decoded` (the reader is past them), so memory stays flat.
  void ForgetMembersBefore(uint64_t decoded);
  // True once a second member has started: the file is gzip per record, not whole-file gzip.
  bool multi_member() const { return members_seen_ > 1; }

 private:
  Status Refill();  // compacts the input buffer (keeping a recent member's start) and reads more
  // Positions the input at the first verified member header at or after raw offset `from`
  // (or after the current position when `from` cannot be reached); false when none is left.
  bool ResyncGzip(uint64_t from);
  bool VerifyMember(size_t at);  // in_[at..] is a gzip header whose output starts "WARC/1."
  Result<size_t> Damaged(std::string* out, size_t old, size_t produced, const std::string& why);

  std::unique_ptr<RawInput> raw_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_base_ = 0;  // raw offset of in_[0]
  bool raw_eof_ = false, started_ = false, gzip_ = false, in_member_ = false;
  uint64_t member_start_ = 0;
  uint64_t member_out_ = 0;  // bytes the current member has produced
  uint64_t members_seen_ = 0;
  uint64_t delivered_ = 0;   // decoded bytes handed out by Read
  std::deque<std::pair<uint64_t, uint64_t>> members_;  // (first delivered byte, raw offset)
  Status pending_;           // an error to report after the good bytes before it
  z_stream z_{};
  z_stream verify_z_{};
  bool z_init_ = false, verify_init_ = false;
};

// A WARC Source over any raw input (warc_reader.cc); `name` labels records and messages.
std::unique_ptr<Source> WarcFromRaw(std::unique_ptr<RawInput> raw, std::string name,
                                    const WarcReaderOptions& options);

}  // namespace ng::ingest
