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

// Exit codes, the same in every command (README.md "Exit codes"; tests/cli/test_exit_codes.py).
inline constexpr int kExitOk = 0;       // everything asked for was done
inline constexpr int kExitPartial = 1;  // some inputs (records, URLs, phrases) failed, or the
                                        // database or output failed part-way; each is reported
inline constexpr int kExitUsage = 2;    // nothing was done: the command line cannot be used
// The lines every `--help` ends with (the README's table, in short).
inline constexpr const char* kExitCodesHelp =
    "exit codes: 0 ok; 1 some inputs failed (each reported once, the others are processed) or the\n"
    "database or output failed part-way; 2 nothing done: unknown command or flag, a missing or\n"
    "invalid value (the message lists the valid ones), or a database, output file, dictionary or\n"
    "table named on the command line that cannot be opened\n";

// --date (and query's --from / --to): a calendar date YYYY-MM-DD, checked the same way in every
// command. false (after one stderr line naming `command` and `flag`) when `value` is not one.
bool CheckDateFlag(const char* command, const char* flag, const std::string& value);

// "path: message" with the path once (most read errors name their path already).
std::string InputMessage(const std::string& source, const Status& status);

// An error "<source>: empty input (no bytes | only white space)" when `bytes` holds nothing else:
// such an input fails (it is no article and no text), like an unreadable one.
Status CheckNotEmpty(const std::string& source, std::string_view bytes);

// Reading stops at this many bytes; extraction budgets are far below it, and the prefix is
// enough to report how the page was cut.
inline constexpr size_t kMaxReadBytes = 64u << 20;

// Expands directories (recursively, files whose extension is in `exts`, sorted by path).
// A missing path, and a directory without such files, stay in the list (reading them fails and
// is reported, the batch going on); an error only when a directory cannot be listed.
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
  // Enabled for several inputs, stderr a terminal and no --quiet.
  static bool Wanted(size_t inputs, bool quiet);
  // Erases the bar before a message line (it is drawn again on the next Tick).
  void Clear();
  void Tick(bool failed);
  void Done();

 private:
  void Draw(bool final);
  size_t total_, done_ = 0, failed_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace ng::cli
