#include "ingest/byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ng::ingest {
namespace {

class FileInput : public RawInput {
 public:
  FileInput(int fd, std::string path, uint64_t size) : fd_(fd), path_(std::move(path)), size_(size) {}
  ~FileInput() override { if (fd_ > 0) ::close(fd_); }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) return static_cast<size_t>(r);
      if (errno == EINTR) continue;
      return IoError(path_ + ": read failed: " + std::strerror(errno));
    }
  }
  bool Seek(uint64_t offset) override {
    return size_ > 0 && ::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) == static_cast<off_t>(offset);
  }
  uint64_t size() const override { return size_; }

 private:
  int fd_;
  std::string path_;
  uint64_t size_;
};

class MemInput : public RawInput {
 public:
  explicit MemInput(std::string_view b) : b_(b) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, b_.size() - pos_);
    std::memcpy(buf, b_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  bool Seek(uint64_t offset) override { pos_ = std::min<uint64_t>(offset, b_.size()); return true; }
  uint64_t size() const override { return b_.size(); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

class PrefixInput : public RawInput {
 public:
  PrefixInput(std::string prefix, std::unique_ptr<RawInput> rest) : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  bool Seek(uint64_t) override { return false; }
  uint64_t size() const override { return 0; }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<RawInput> rest_;
};

}  // namespace

std::unique_ptr<RawInput> PrefixedRaw(std::string prefix, std::unique_ptr<RawInput> rest) {
  return std::make_unique<PrefixInput>(std::move(prefix), std::move(rest));
}

Result<std::unique_ptr<RawInput>> OpenRawFile(const std::string& path) {
  if (path == "-") return std::unique_ptr<RawInput>(new FileInput(0, "stdin", 0));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(path + ": " + std::strerror(errno));
  struct stat st{};
  uint64_t size = (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ? static_cast<uint64_t>(st.st_size) : 0;
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<RawInput>(new FileInput(fd, path, size));
}

std::unique_ptr<RawInput> RawFromBytes(std::string_view bytes) { return std::make_unique<MemInput>(bytes); }

DecodedStream::DecodedStream(std::unique_ptr<RawInput> raw) : raw_(std::move(raw)), in_(1 << 18) {}

DecodedStream::~DecodedStream() {
  if (z_init_) inflateEnd(&z_);
  if (verify_init_) inflateEnd(&verify_z_);
}

namespace {

constexpr size_t kVerifyBytes = 4096;  // input enough to inflate a member's first bytes
constexpr size_t kMaxMembersKept = 4096;

bool IsGzipHeader(const char* p) {  // magic, deflate, no reserved flag bits
  return static_cast<unsigned char>(p[0]) == 0x1f && static_cast<unsigned char>(p[1]) == 0x8b && p[2] == 8 &&
         (static_cast<unsigned char>(p[3]) & 0xe0) == 0;
}

}  // namespace

Status DecodedStream::Refill() {
  // Keep the current member's start in the buffer while it is recent (the buffer stays at least
  // half free), so a damaged member can be rescanned from its start even on a pipe.
  size_t keep = in_pos_;
  if (in_member_ && member_start_ >= in_base_ && member_start_ - in_base_ <= in_pos_ &&
      in_pos_ - (member_start_ - in_base_) < in_.size() / 2)
    keep = static_cast<size_t>(member_start_ - in_base_);
  if (keep > 0) {
    std::memmove(in_.data(), in_.data() + keep, in_len_ - keep);
    in_base_ += keep;
    in_len_ -= keep;
    in_pos_ -= keep;
  }
  if (raw_eof_ || in_len_ == in_.size()) return Status::Ok();
  NG_ASSIGN_OR_RETURN(size_t n, raw_->Read(in_.data() + in_len_, in_.size() - in_len_));
  if (n == 0) raw_eof_ = true;
  in_len_ += n;
  return Status::Ok();
}

bool DecodedStream::VerifyMember(size_t at) {
  if (!verify_init_) {
    if (inflateInit2(&verify_z_, 15 + 16) != Z_OK) return false;
    verify_init_ = true;
  } else {
    inflateReset(&verify_z_);
  }
  char head[32];
  verify_z_.next_in = reinterpret_cast<Bytef*>(in_.data() + at);
  verify_z_.avail_in = static_cast<uInt>(in_len_ - at);
  verify_z_.next_out = reinterpret_cast<Bytef*>(head);
  verify_z_.avail_out = sizeof(head);
  int rc = inflate(&verify_z_, Z_NO_FLUSH);
  if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) return false;
  std::string_view got(head, sizeof(head) - verify_z_.avail_out);
  while (!got.empty() && (got[0] == '\r' || got[0] == '\n')) got.remove_prefix(1);
  return got.substr(0, 7) == "WARC/1.";
}

bool DecodedStream::ResyncGzip(uint64_t from) {
  if (from >= in_base_ && from <= in_base_ + in_len_) {
    in_pos_ = static_cast<size_t>(from - in_base_);
  } else if (from < in_base_ && raw_->Seek(from)) {
    in_base_ = from;
    in_pos_ = in_len_ = 0;
    raw_eof_ = false;
  }  // else (a pipe, the start long gone): carry on from here
  for (;;) {
    bool refill = false;
    for (size_t i = in_pos_; i + 10 <= in_len_; ++i) {
      if (!IsGzipHeader(in_.data() + i)) continue;
      if (in_len_ - i < kVerifyBytes && !raw_eof_) {  // read more to inflate the candidate
        in_pos_ = i;
        refill = true;
        break;
      }
      if (VerifyMember(i)) {
        in_pos_ = i;
        return true;
      }
    }
    if (!refill) {
      if (raw_eof_) {
        in_pos_ = in_len_;
        return false;
      }
      in_pos_ = in_len_ >= 9 ? std::max(in_pos_, in_len_ - 9) : in_pos_;  // a header may straddle the refill
    }
    size_t before = in_len_ - in_pos_;
    if (!Refill().ok()) {
      raw_eof_ = true;
      in_pos_ = in_len_;
      return false;
    }
    if (in_len_ - in_pos_ == before && !raw_eof_) {  // no progress (cannot happen with a free buffer)
      in_pos_ = in_len_;
      return false;
    }
  }
}

int64_t DecodedStream::MemberAt(uint64_t decoded) const {
  // The last member whose output starts at or before `decoded` (a damaged member whose output was
  // dropped starts where the next one does: the later entry wins).
  auto it = std::upper_bound(members_.begin(), members_.end(), decoded,
                             [](uint64_t d, const std::pair<uint64_t, uint64_t>& m) { return d < m.first; });
  if (it == members_.begin()) return -1;
  return static_cast<int64_t>(std::prev(it)->second);
}

void DecodedStream::ForgetMembersBefore(uint64_t decoded) {
  while (members_.size() > 1 && members_[1].first <= decoded) members_.pop_front();
}

Result<size_t> DecodedStream::Damaged(std::string* out, size_t old, size_t produced, const std::string& why) {
  uint64_t start = member_start_;
  bool at_start = member_out_ == 0;  // nothing inflated: these bytes are not a gzip member at all
  size_t from_member = static_cast<size_t>(std::min<uint64_t>(member_out_, produced));
  in_member_ = false;
  bool found = ResyncGzip(start + 1);
  std::string next = found ? "resumed at the next gzip member, offset " + std::to_string(raw_offset())
                           : std::string("no intact gzip member follows");
  Status st;
  if (at_start) {
    st = DataLoss(std::to_string(raw_offset() - start) + " bytes at offset " + std::to_string(start) +
                  " are not a gzip member (" + why + "); " + next);
  } else if (found || start > 0) {
    st = DataLoss("corrupt or truncated gzip member at offset " + std::to_string(start) + " (" + why + "); " + next);
  } else {
    st = DataLoss("the gzip stream is corrupt or truncated (" + why + "): decoding stopped after " +
                  std::to_string(delivered_ + produced) + " bytes of output and " + next);
  }
  // A damaged member among others is one record: what it produced is not trusted. With nothing
  // after it, its output up to the damage is all that is left of the file: deliver it and let the
  // WARC reader's structure and digest checks judge it.
  size_t keep = found ? produced - from_member : produced;
  out->resize(old + keep);
  delivered_ += keep;
  if (keep == 0) return st;
  pending_ = std::move(st);
  return keep;
}

Result<size_t> DecodedStream::Read(std::string* out, size_t n) {
  if (!started_) {
    started_ = true;
    while (in_len_ < 2 && !raw_eof_) NG_RETURN_IF_ERROR(Refill());
    gzip_ = in_len_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f && static_cast<unsigned char>(in_[1]) == 0x8b;
    if (!gzip_ && in_len_ >= 10 && std::string_view(in_.data(), std::min<size_t>(in_len_, 16)).find("WARC/") == std::string_view::npos) {
      // Not WARC text either: a gzip file whose first member is damaged is still gzip.
      while (in_len_ < in_.size() && !raw_eof_) NG_RETURN_IF_ERROR(Refill());
      for (size_t i = 1; i + 10 <= in_len_ && !gzip_; ++i)
        if (IsGzipHeader(in_.data() + i) && VerifyMember(i)) gzip_ = true;
    }
    if (gzip_) {
      if (inflateInit2(&z_, 15 + 16) != Z_OK) return Internal("zlib init failed");
      z_init_ = true;
    }
  }
  if (!pending_.ok()) {
    Status st = std::move(pending_);
    pending_ = Status();
    return st;
  }
  size_t old = out->size();
  if (!gzip_) {
    if (in_pos_ == in_len_) NG_RETURN_IF_ERROR(Refill());
    size_t k = std::min(n, in_len_ - in_pos_);
    out->append(in_.data() + in_pos_, k);
    in_pos_ += k;
    delivered_ += k;
    return k;
  }
  out->resize(old + n);
  size_t produced = 0;
  while (produced < n) {
    if (in_pos_ == in_len_) {
      Status st = Refill();
      if (!st.ok()) {
        out->resize(old + produced);
        delivered_ += produced;
        return st;
      }
    }
    if (in_pos_ == in_len_) {  // end of input
      if (in_member_) return Damaged(out, old, produced, "the file ends inside it");
      break;
    }
    if (!in_member_) {
      inflateReset(&z_);
      member_start_ = raw_offset();
      member_out_ = 0;
      in_member_ = true;
      ++members_seen_;
      if (members_.size() == kMaxMembersKept) members_.pop_front();
      members_.emplace_back(delivered_ + produced, member_start_);
    }
    z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
    z_.next_out = reinterpret_cast<Bytef*>(out->data() + old + produced);
    z_.avail_out = static_cast<uInt>(n - produced);
    int rc = inflate(&z_, Z_NO_FLUSH);
    in_pos_ = in_len_ - z_.avail_in;
    member_out_ += (n - z_.avail_out) - produced;
    produced = n - z_.avail_out;
    if (rc == Z_STREAM_END) {
      in_member_ = false;
    } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR) {
      return Damaged(out, old, produced, z_.msg ? z_.msg : "zlib error");
    }
  }
  out->resize(old + produced);
  delivered_ += produced;
  return produced;
}

}  // namespace ng::ingest
