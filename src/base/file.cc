#include "base/file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ng {

Result<std::string> ReadStream(std::FILE* f, const std::string& name, size_t max_bytes) {
  std::string data;
  struct stat st;
  bool known = fstat(fileno(f), &st) == 0;
  if (known && S_ISDIR(st.st_mode)) return InvalidArgument(name + ": is a directory");
  if (known && S_ISREG(st.st_mode))
    data.reserve(std::min<size_t>(static_cast<size_t>(st.st_size), max_bytes) + 1);
  char buf[1 << 16];
  while (data.size() < max_bytes) {
    size_t want = std::min(sizeof buf, max_bytes - data.size());
    size_t n = std::fread(buf, 1, want, f);
    data.append(buf, n);
    if (n < want) break;
  }
  if (std::ferror(f)) return IoError(name + ": read error: " + std::strerror(errno));
  return data;
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return NotFound(path + ": " + std::strerror(errno));
  Result<std::string> data = ReadStream(f, path, max_bytes);
  std::fclose(f);
  return data;
}

}  // namespace ng
