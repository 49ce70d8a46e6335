// warc_reader.cc — a streaming WARC/1.0–1.1 reader: records are parsed from a DecodedStream with
// a sliding buffer, so memory is one record (bounded by max_record_bytes) plus 256 KB.
//
// Damage costs the damaged record only. Each problem is reported as an error naming the record's
// offset (the gzip member's offset in a per-record gzip file), then the reader goes on:
//  - bytes that are not a WARC header where one should start: scan to the next record start, a
//    "WARC/1.x" line followed by a header block with a Content-Length (so a "WARC/1." line in a
//    page does not count);
//  - a block whose Content-Length does not end at CRLF CRLF, or runs past the end of the input:
//    rescan from the start of the block, so a too-long length does not swallow the next records;
//  - a declared length over the limit: not buffered; the reader scans forward the same way;
//  - a corrupt or truncated gzip member: decoding resumes at the next intact member
//    (byte_stream.h); the record being read is reported lost. A stream error met while scanning
//    is reported on its own after the problem that started the scan.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <optional>

#include "ingest/byte_stream.h"
#include "ingest/digest.h"
#include "ingest/http_message.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

using ingest::DecodedStream;
using ingest::Headers;

constexpr size_t kChunk = 1 << 18;
constexpr size_t kMaxHeaderBytes = 1 << 20;
constexpr size_t kPeekBytes = 64;        // read past a block to check that a record follows
constexpr size_t kProbeBytes = 16 << 10;  // a resync candidate's header block must end within this

class WarcSource : public Source {
 public:
  WarcSource(std::unique_ptr<ingest::RawInput> raw, std::string name, const WarcReaderOptions& o)
      : in_(std::move(raw)), name_(std::move(name)), opt_(o) {}

  uint64_t bytes_read() const override { return in_.raw_offset(); }
  uint64_t bytes_total() const override { return in_.raw_size(); }

  Result<std::optional<Record>> Next() override {
    for (;;) {
      if (!deferred_.empty()) {  // stream errors met during a resync, after the problem that started it
        Status st = std::move(deferred_.front());
        deferred_.pop_front();
        return st;
      }
      if (done_) return std::optional<Record>();
      bool skipped = false;
      Result<std::optional<Record>> r = ReadRecord(&skipped);
      if (!r.ok()) return r;
      if (r->has_value() || !skipped) return r;
    }
  }

 private:
  size_t avail() const { return buf_.size() - pos_; }
  uint64_t offset() const { return consumed_ + pos_; }

  // Makes `n` bytes available from pos_. False at the end of input or on a stream error: then
  // stream_error_ holds it (and stops further reads) while the bytes before it stay buffered, so
  // a record they complete is still read; TakeStreamError / DeferStreamError drop the rest.
  bool Ensure(size_t n) {
    while (avail() < n) {
      if (!stream_error_.ok()) return false;
      if (pos_ > 0 && pos_ >= buf_.size() / 2) {
        consumed_ += pos_;
        buf_.erase(0, pos_);
        pos_ = 0;
      }
      Result<size_t> got = in_.Read(&buf_, std::max(kChunk, n - avail()));
      if (!got.ok()) {
        stream_error_ = got.status();
        return false;
      }
      if (*got == 0) { eof_ = true; return false; }
    }
    return true;
  }

  // One line without its terminator; false at the end.
  bool ReadLine(std::string_view* line, size_t max) {
    size_t from = pos_;
    for (;;) {
      size_t nl = buf_.find('\n', from);
      if (nl != std::string::npos && nl - pos_ <= max) {
        size_t end = nl;
        if (end > pos_ && buf_[end - 1] == '\r') --end;
        *line = std::string_view(buf_).substr(pos_, end - pos_);
        pos_ = nl + 1;
        return true;
      }
      if (avail() > max) return false;
      from = buf_.size();
      size_t before = pos_;
      if (!Ensure(avail() + 1)) return false;
      from -= (before - pos_);  // buffer may have been compacted
    }
  }

  // Scans forward to the next record start: a "WARC/1." that ProbeHeader accepts, at a line start
  // or not (a record cut short leaves the next one mid-line). Returns bytes skipped. A stream
  // error met on the way is kept in deferred_ and reported next.
  uint64_t Resync() {
    uint64_t start = offset();
    for (;;) {
      size_t hit = buf_.find("WARC/1.", pos_);
      if (hit != std::string::npos) {
        pos_ = hit;  // ProbeHeader may move the buffer; pos_ stays on the candidate
        int probe = ProbeHeader();
        if (probe > 0) return offset() - start;
        if (probe < 0) DeferStreamError();
        else ++pos_;
        continue;
      }
      if (avail() > 7) pos_ = buf_.size() - 7;  // "WARC/1" may straddle the refill
      if (!Ensure(avail() + 1)) {
        if (!eof_) { DeferStreamError(); continue; }
        pos_ = buf_.size();
        return offset() - start;
      }
    }
  }

  // At pos_ (a "WARC/1."): 1 when a record header follows — the line is "WARC/1.<digit>", then
  // "Name: value" lines with a numeric Content-Length up to a blank line, within kProbeBytes —
  // 0 when not, -1 on a stream error (the buffer is gone).
  int ProbeHeader() {
    for (;;) {
      std::string_view v = std::string_view(buf_).substr(pos_, kProbeBytes);
      int verdict = IsRecordStart(v);
      if (verdict >= 0) return verdict;
      if (v.size() >= kProbeBytes) return 0;
      if (!Ensure(avail() + 1)) return eof_ ? 0 : -1;
    }
  }

  // 1 when `v` starts with a record header ("WARC/1.<digit>", then "Name: value" lines with a
  // numeric Content-Length up to a blank line), 0 when not, -1 when `v` ends before it can tell.
  static int IsRecordStart(std::string_view v) {
    if (v.substr(0, 7) != std::string_view("WARC/1.").substr(0, std::min<size_t>(7, v.size()))) return 0;
    bool has_length = false;
    size_t at = 0;
    for (bool first = true;; first = false) {
      size_t nl = v.find('\n', at);
      if (nl == std::string_view::npos) return -1;
      std::string_view line = v.substr(at, nl - at);
      at = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (first) {
        if (line.size() != 8 || !std::isdigit(static_cast<unsigned char>(line[7]))) return 0;
        continue;
      }
      if (line.empty()) return has_length ? 1 : 0;
      if (line[0] == ' ' || line[0] == '\t') continue;  // a folded line
      size_t colon = line.find(':');
      if (colon == 0 || colon == std::string_view::npos) return 0;
      if (ingest::EqualsIgnoreCase(line.substr(0, colon), "Content-Length")) {
        std::string_view len = ingest::Trim(line.substr(colon + 1));
        has_length = !len.empty() && len.size() <= 19 &&
                     std::all_of(len.begin(), len.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
      }
    }
  }

  // After a block and its trailer: does what follows look like the next record (or the end)?
  // When not, and a record header sits inside the block, the Content-Length lied and the block
  // swallowed a record. (Junk between records is left to the next read: it costs only itself.)
  static bool LengthLied(std::string_view block, std::string_view after) {
    while (!after.empty() && (after[0] == '\r' || after[0] == '\n')) after.remove_prefix(1);
    if (IsRecordStart(after) != 0) return false;
    for (size_t i = block.find("WARC/1."); i != std::string_view::npos; i = block.find("WARC/1.", i + 1))
      if (IsRecordStart(block.substr(i, kProbeBytes)) == 1) return true;
    return false;
  }

  void DeferStreamError() {
    if (deferred_.size() < 1000) deferred_.push_back(DataLoss(name_ + ": " + stream_error_.message()));
    else if (deferred_.size() == 1000) deferred_.push_back(DataLoss(name_ + ": (further damaged gzip members in this stretch are not listed)"));
    stream_error_ = Status();
    DropBuffer();
  }

  void DropBuffer() {  // the bytes before a stream error that no record could use
    consumed_ += buf_.size();
    buf_.clear();
    pos_ = 0;
  }

  // Where record `at` (a decoded offset) is, in words a user can seek to.
  std::string Where(uint64_t at) {
    if (!in_.gzip()) return "offset " + std::to_string(at);
    int64_t member = in_.MemberAt(at);
    if (in_.multi_member() && member >= 0)
      return "offset " + std::to_string(member) + " (gzip member; uncompressed offset " + std::to_string(at) + ")";
    return "uncompressed offset " + std::to_string(at);
  }

  Status Fail(uint64_t at, std::string what) { return DataLoss(name_ + ": record at " + Where(at) + ": " + what); }

  Result<std::optional<Record>> ReadRecord(bool* skipped) {
    *skipped = false;
    // Blank lines between records are tolerated.
    std::string_view line;
    uint64_t start;
    for (;;) {
      start = offset();
      in_.ForgetMembersBefore(start);  // keeps the stream's member list short
      if (!ReadLine(&line, 64)) {
        if (!stream_error_.ok() && avail() <= 64) return TakeStreamError(std::nullopt);
        if (eof_ && avail() == 0) { done_ = true; return std::optional<Record>(); }
        line = {};  // a long line: garbage
        break;
      }
      if (!line.empty()) break;
    }
    if (line.substr(0, 7) != "WARC/1.") {
      pos_ = static_cast<size_t>(start - consumed_);  // the line started inside the buffer
      uint64_t skipped_bytes = Resync();
      if (eof_ && avail() == 0) done_ = true;
      return DataLoss(name_ + ": " + std::to_string(skipped_bytes) + " bytes at " + Where(start) +
                      " are not a WARC record (skipped to " +
                      (done_ ? std::string("the end") : "the next record at " + Where(offset())) + ")");
    }
    // Header block.
    std::string head;
    for (;;) {
      if (!ReadLine(&line, kMaxHeaderBytes)) {
        if (!stream_error_.ok()) return TakeStreamError(start);
        if (eof_) { done_ = true; return Fail(start, "the file ends inside the WARC header"); }
        Resync();
        return Fail(start, "WARC header over 1 MB (skipped)");
      }
      if (line.empty()) break;
      if (line.substr(0, 7) == "WARC/1.") {  // the header was cut short: the next record starts here
        pos_ = static_cast<size_t>(line.data() - buf_.data());
        return Fail(start, "the WARC header is cut short by the next record");
      }
      head.append(line);
      head += '\n';
      if (head.size() > kMaxHeaderBytes) { Resync(); return Fail(start, "WARC header over 1 MB (skipped)"); }
    }
    Headers h = ingest::ParseHeaderLines(head);
    std::string_view len_s = ingest::HeaderValue(h, "Content-Length");
    uint64_t len = 0;
    bool len_ok = !len_s.empty() && len_s.size() <= 19;
    for (char c : len_s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) { len_ok = false; break; }
      len = len * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!len_ok) {
      Resync();
      return Fail(start, "missing or invalid Content-Length '" + std::string(len_s.substr(0, 30)) + "' (skipped)");
    }
    if (len > opt_.max_record_bytes) {
      uint64_t skipped_bytes = Resync();
      if (eof_ && avail() == 0) done_ = true;
      return Fail(start, "declares Content-Length " + std::to_string(len) + ", over the limit of " +
                             std::to_string(opt_.max_record_bytes) + " bytes; skipped " +
                             std::to_string(skipped_bytes) + " bytes to the next record");
    }
    // The block and its CRLF CRLF trailer in one go: nothing below may move the buffer.
    // The block, its CRLF CRLF trailer and a peek at the next record in one go: nothing below may
    // move the buffer.
    if (!Ensure(static_cast<size_t>(len) + 4 + kPeekBytes)) {
      if (!stream_error_.ok() && avail() < len + 4) return TakeStreamError(start);
      if (avail() < len) {
        // Cut short, or a lying length: records may follow inside what the length claims.
        size_t have = avail();
        Resync();
        if (eof_ && avail() == 0) {
          done_ = true;
          return Fail(start, "truncated: Content-Length " + std::to_string(len) + " but the input ends after " +
                                 std::to_string(have) + " bytes of the block");
        }
        return Fail(start, "Content-Length " + std::to_string(len) + " runs past the end of the input (" +
                               std::to_string(have) + " bytes follow the header); resynchronised at the record at " +
                               Where(offset()));
      }
    }
    size_t block_pos = pos_;
    std::string_view rest = std::string_view(buf_).substr(pos_ + static_cast<size_t>(len));
    bool trailer_ok = false;
    size_t trailer = std::string_view::npos;
    if (rest.substr(0, 4) == "\r\n\r\n") trailer = 4;
    else if (rest.substr(0, 2) == "\n\n") trailer = 2;
    else if (eof_ && (rest.empty() || rest == "\r\n" || rest == "\n")) trailer = rest.size();
    std::string_view block(buf_.data() + block_pos, static_cast<size_t>(len));
    if (trailer != std::string_view::npos && !LengthLied(block, rest.substr(trailer))) {
      trailer_ok = true;
      pos_ += len + trailer;
    }
    if (!trailer_ok) {
      // Rescan from the start of the block: the next record may begin inside the declared length.
      Resync();
      if (eof_ && avail() == 0) done_ = true;
      return Fail(start, "Content-Length " + std::to_string(len) +
                             " does not end at the record boundary (no CRLF CRLF after the block); " +
                             (done_ ? std::string("no record follows") : "resynchronised at the record at " + Where(offset())));
    }
    Result<std::optional<Record>> rec = MakeRecord(h, block, start, skipped);
    if (!rec.ok()) {
      // A bad digest or HTTP message may mean a lying length that happened to end at CRLF CRLF
      // inside a later record: rescan the block so that record is not lost.
      pos_ = block_pos;
      Resync();
      if (eof_ && avail() == 0) done_ = true;
    }
    return rec;
  }

  // The stream failed while a record was being read (`record` = its start, when one was): the
  // record is lost with it. Whole-file gzip names it, since the stream's message cannot.
  Status TakeStreamError(std::optional<uint64_t> record) {
    Status st = std::move(stream_error_);
    stream_error_ = Status();
    DropBuffer();
    std::string msg = name_ + ": " + st.message();
    if (record && in_.gzip() && !in_.multi_member())
      msg += "; lost the record at uncompressed offset " + std::to_string(*record) + " and what follows it";
    return DataLoss(msg);
  }

  Result<std::optional<Record>> MakeRecord(const Headers& h, std::string_view block, uint64_t start, bool* skipped) {
    std::string type = ingest::ToLower(ingest::HeaderValue(h, "WARC-Type"));
    if (type != "response" && type != "resource") { *skipped = true; return std::optional<Record>(); }
    if (opt_.check_digests) {
      std::string_view want = ingest::HeaderValue(h, "WARC-Block-Digest");
      if (want.size() > 5 && ingest::EqualsIgnoreCase(want.substr(0, 5), "sha1:") &&
          !ingest::EqualsIgnoreCase(ingest::WarcSha1(block), want))
        return Fail(start, "WARC-Block-Digest mismatch (" + std::string(want) + ")");
    }
    Record rec;
    rec.url = std::string(ingest::Trim(ingest::HeaderValue(h, "WARC-Target-URI")));
    if (rec.url.size() >= 2 && rec.url.front() == '<' && rec.url.back() == '>') rec.url = rec.url.substr(1, rec.url.size() - 2);
    rec.fetch_time = std::string(ingest::HeaderValue(h, "WARC-Date"));
    rec.source = name_ + "@" + std::to_string(start);
    if (type == "resource") {
      ingest::ParseContentType(ingest::HeaderValue(h, "Content-Type"), &rec.content_type, &rec.charset);
      rec.body.assign(block.data(), block.size());
      return std::optional<Record>(std::move(rec));
    }
    std::string ct = ingest::ToLower(ingest::HeaderValue(h, "Content-Type"));
    if (!ct.empty() && ct.find("application/http") == std::string::npos) { *skipped = true; return std::optional<Record>(); }
    Status st = ingest::RecordFromHttpResponse(block, opt_.max_payload_bytes, &rec);
    if (!st.ok()) return Fail(start, st.message());
    if (opt_.check_digests) {
      std::string_view want = ingest::HeaderValue(h, "WARC-Payload-Digest");
      if (want.size() > 5 && ingest::EqualsIgnoreCase(want.substr(0, 5), "sha1:")) {
        int code = 0;
        Headers ignored;
        size_t head_end = 0;
        (void)ingest::ParseResponseHead(block, &code, &ignored, &head_end);
        // Tools disagree on whether the payload digest covers the body before or after transfer
        // decoding (and content decoding): accept any of them.
        if (!ingest::EqualsIgnoreCase(ingest::WarcSha1(block.substr(head_end)), want) &&
            !ingest::EqualsIgnoreCase(ingest::WarcSha1(rec.body), want)) {
          std::string dechunked;
          if (!ingest::Dechunk(block.substr(head_end), &dechunked, opt_.max_payload_bytes).ok() ||
              !ingest::EqualsIgnoreCase(ingest::WarcSha1(dechunked), want))
            return Fail(start, "WARC-Payload-Digest mismatch (" + std::string(want) + ")");
        }
      }
    }
    return std::optional<Record>(std::move(rec));
  }

  DecodedStream in_;
  std::string name_;
  WarcReaderOptions opt_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // decoded bytes dropped from the front of buf_
  bool eof_ = false, done_ = false;
  Status stream_error_;
  std::deque<Status> deferred_;  // stream errors met during a resync, reported after that problem
};

}  // namespace

Result<std::unique_ptr<Source>> OpenWarc(const std::string& path, const WarcReaderOptions& options) {
  NG_ASSIGN_OR_RETURN(std::unique_ptr<ingest::RawInput> raw, ingest::OpenRawFile(path));
  return std::unique_ptr<Source>(new WarcSource(std::move(raw), path == "-" ? "stdin" : path, options));
}

std::unique_ptr<Source> WarcFromBytes(std::string_view bytes, const WarcReaderOptions& options) {
  return std::make_unique<WarcSource>(ingest::RawFromBytes(bytes), "input", options);
}

namespace ingest {
std::unique_ptr<Source> WarcFromRaw(std::unique_ptr<RawInput> raw, std::string name, const WarcReaderOptions& options) {
  return std::make_unique<WarcSource>(std::move(raw), std::move(name), options);
}
}  // namespace ingest

}  // namespace ng
