#include "cli/input.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <unistd.h>

#include "base/file.h"
#include "newsgraph/analyze.h"

namespace ng::cli {

namespace fs = std::filesystem;

Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& args,
                                          std::initializer_list<std::string_view> exts) {
  std::vector<InputFile> out;
  for (const std::string& a : args) {
    if (a == "-") {
      out.push_back({a});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st) || !fs::is_directory(st)) {  // a missing file fails when read
      out.push_back({a});
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
      if (std::find(exts.begin(), exts.end(), ext) != exts.end()) found.push_back(it->path().string());
    }
    if (ec) return IoError(a + ": " + ec.message());
    if (found.empty()) found.push_back(a);  // read as a file: "is a directory"
    std::sort(found.begin(), found.end());
    for (auto& p : found) out.push_back({std::move(p)});
  }
  return out;
}

bool CheckDateFlag(const char* command, const char* flag, const std::string& value) {
  Status st = CheckPublicationDate(value);
  if (st.ok() && !value.empty()) return true;
  std::fprintf(stderr, "newsgraph %s: %s '%s' is not a date: expected YYYY-MM-DD, a real day (2024-02-07)\n",
               command, flag, value.substr(0, 40).c_str());
  return false;
}

std::string InputMessage(const std::string& source, const Status& status) {
  const std::string& m = status.message();
  if (m.compare(0, source.size() + 1, source + ":") == 0) return m;
  return source + ": " + m;
}

Status CheckNotEmpty(const std::string& source, std::string_view bytes) {
  if (bytes.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos) return Status::Ok();
  return InvalidArgument(source + ": empty input (" + (bytes.empty() ? "no bytes" : "only white space") + ")");
}

std::ostream* OpenOutput(const std::string& path, std::ofstream& file, const char* command) {
  if (path.empty()) return &std::cout;
  file.open(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "newsgraph %s: cannot write %s: %s\n", command, path.c_str(), std::strerror(errno));
    return nullptr;
  }
  return &file;
}

Result<std::string> ReadInput(const std::string& path, size_t max_bytes) {
  if (path == "-") return ReadStream(stdin, "-", max_bytes);
  Result<std::string> data = ReadFile(path, max_bytes);
  if (!data.ok() && data.status().code() == Code::kNotFound) return IoError(data.status().message());
  return data;
}

Progress::Progress(size_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_() {}

bool Progress::Wanted(size_t inputs, bool quiet) { return !quiet && inputs > 1 && isatty(STDERR_FILENO); }

void Progress::Clear() {
  if (enabled_ && done_ > 0) std::fputs("\r\033[K", stderr);
}

void Progress::Tick(bool failed) {
  ++done_;
  if (failed) ++failed_;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? done_ / secs : 0;
  const int width = 24;
  int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, ' ');
  double eta = rate > 0 ? (total_ - done_) / rate : 0;
  std::fprintf(stderr, "\r[%s] %zu/%zu  %.1f/s  %zu errors  ETA %.0fs   %s", bar.c_str(), done_,
               total_, rate, failed_, eta, final ? "\n" : "");
  std::fflush(stderr);
}

void Progress::Done() {
  if (enabled_) Draw(true);
}

}  // namespace ng::cli
