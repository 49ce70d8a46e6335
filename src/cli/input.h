// input.h — the CLI's inputs: paths, directories (recursive) and stdin; and a progress bar.
#pragma once

#include <chrono>
#include <fstream>
#include <ostream>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace ng::cli {

struct InputFile {
  std::string path;  // "-" for stdin
};

// Reading stops at this many bytes; extraction budgets are far below it, and the prefix is
// enough to report how the page was cut.
inline constexpr size_t kMaxReadBytes = 64u << 20;

// Expands directories (recursively, files whose extension is in `exts`, sorted by path).
// A missing path is an error naming it.
Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& args,
                                          std::initializer_list<std::string_view> exts);

// stdout, or `path` opened into `file` when given; nullptr (after one stderr line naming
// `command`) when the file cannot be written.
std::ostream* OpenOutput(const std::string& path, std::ofstream& file, const char* command);

// Reads a file (or stdin for "-"), at most max_bytes.
Result<std::string> ReadInput(const std::string& path, size_t max_bytes);

// "[####      ] 120/800  35.2/s  2 errors  ETA 19s" on stderr, redrawn at most 10×/s.
class Progress {
 public:
  Progress(size_t total, bool enabled);
  void Tick(bool failed);
  void Done();

 private:
  void Draw(bool final);
  size_t total_, done_ = 0, failed_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace ng::cli
