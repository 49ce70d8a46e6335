// boilerplate_lines.cc — the table of data/boilerplate.tsv ("kind<TAB>language<TAB>line"),
// read once from the copy compiled into the binary (CMakeLists.txt, embed_table.cmake).
#include "extract/boilerplate_lines.h"

#include <string>
#include <unordered_set>

#include <unicode/unistr.h>

namespace ng {

extern const char kBoilerplateTable[];

namespace {

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string UnicodeLower(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toLower()
      .toUTF8String(out);
  return out;
}

const std::unordered_set<std::string>& Lines() {
  static const std::unordered_set<std::string> lines = [] {
    std::unordered_set<std::string> out;
    std::string_view text = kBoilerplateTable;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view row = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (row.empty() || row[0] == '#') continue;
      size_t t1 = row.find('\t');
      size_t t2 = t1 == std::string_view::npos ? t1 : row.find('\t', t1 + 1);
      if (t2 == std::string_view::npos) continue;
      out.insert(UnicodeLower(row.substr(t2 + 1)));
    }
    return out;
  }();
  return lines;
}

}  // namespace

bool IsBoilerplatePhrase(std::string_view line) {
  const auto& lines = Lines();
  if (IsAscii(line)) return lines.count(std::string(line)) > 0;
  return lines.count(UnicodeLower(line)) > 0;
}

}  // namespace ng
