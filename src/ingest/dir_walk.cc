// dir_walk.cc — recursive listing in path order (names only, so memory is small even for
// millions of files).
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "ingest/http_message.h"
#include "newsgraph/ingest.h"

namespace ng {

Result<std::vector<std::string>> WalkDirectory(const std::string& dir, const std::vector<std::string>& suffixes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound(dir + ": not a directory");
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string name = ingest::ToLower(it->path().filename().string());
    for (const std::string& s : suffixes) {
      if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), ingest::ToLower(s)) == 0) {
        found.push_back(it->path().string());
        break;
      }
    }
  }
  if (ec) return IoError(dir + ": " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace ng
