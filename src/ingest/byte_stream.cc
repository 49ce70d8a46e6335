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
}

Status DecodedStream::Refill() {
  if (in_pos_ > 0) {
    std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
    in_base_ += in_pos_;
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  if (raw_eof_ || in_len_ == in_.size()) return Status::Ok();
  NG_ASSIGN_OR_RETURN(size_t n, raw_->Read(in_.data() + in_len_, in_.size() - in_len_));
  if (n == 0) raw_eof_ = true;
  in_len_ += n;
  return Status::Ok();
}

void DecodedStream::ResyncGzip(uint64_t from) {
  if (from >= in_base_ && from <= in_base_ + in_len_) {
    in_pos_ = static_cast<size_t>(from - in_base_);
  } else if (from > in_base_ + in_len_ || !raw_->Seek(from)) {
    in_pos_ = in_len_;  // not seekable: carry on from here
  } else {
    in_base_ = from;
    in_pos_ = in_len_ = 0;
    raw_eof_ = false;
  }
  for (;;) {
    for (size_t i = in_pos_; i + 3 <= in_len_; ++i) {
      if (static_cast<unsigned char>(in_[i]) == 0x1f && static_cast<unsigned char>(in_[i + 1]) == 0x8b &&
          in_[i + 2] == 8) {
        in_pos_ = i;
        return;
      }
    }
    if (raw_eof_) { in_pos_ = in_len_; return; }
    in_pos_ = in_len_ >= 2 ? in_len_ - 2 : in_len_;  // a header may straddle the refill
    if (!Refill().ok()) { raw_eof_ = true; in_pos_ = in_len_; return; }
  }
}

Result<size_t> DecodedStream::Read(std::string* out, size_t n) {
  if (!started_) {
    started_ = true;
    while (in_len_ < 2 && !raw_eof_) NG_RETURN_IF_ERROR(Refill());
    gzip_ = in_len_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f && static_cast<unsigned char>(in_[1]) == 0x8b;
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
    return k;
  }
  out->resize(old + n);
  size_t produced = 0;
  while (produced < n) {
    if (in_pos_ == in_len_) {
      Status st = Refill();
      if (!st.ok()) { out->resize(old + produced); return st; }
    }
    if (in_pos_ == in_len_) {  // end of input
      if (in_member_) {
        in_member_ = false;
        if (produced > 0) { in_member_ = true; break; }  // deliver first, report next call
        out->resize(old);
        return DataLoss("gzip member at offset " + std::to_string(member_start_) +
                        " is truncated (the file ends inside it)");
      }
      break;
    }
    if (!in_member_) {
      inflateReset(&z_);
      member_start_ = raw_offset();
      member_out_ = 0;
      in_member_ = true;
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
      std::string msg = z_.msg ? z_.msg : "zlib error";
      uint64_t start = member_start_;
      bool at_start = member_out_ == 0;
      // Bytes decoded from a damaged member are not trusted: drop those of this call.
      size_t keep = produced >= member_out_ ? produced - static_cast<size_t>(member_out_) : 0;
      in_member_ = false;
      ResyncGzip(start + 1);
      std::string where = raw_offset() < raw_size() || raw_size() == 0
          ? "the next gzip member at offset " + std::to_string(raw_offset()) : std::string("the end");
      Status st = at_start
          ? DataLoss(std::to_string(raw_offset() - start) + " bytes at offset " + std::to_string(start) +
                     " are not a gzip member (" + msg + "); skipped to " + where)
          : DataLoss("corrupt or truncated gzip member at offset " + std::to_string(start) + " (" + msg +
                     "); skipped to " + where);
      out->resize(old + keep);
      if (keep == 0) return st;
      pending_ = std::move(st);
      return keep;
    }
  }
  out->resize(old + produced);
  return produced;
}

}  // namespace ng::ingest
