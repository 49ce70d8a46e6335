// class_id.h — an element's "class id" lower-cased into a zero-padded buffer, for the word
// scans of main_content.cc (chrome/content words) and metadata.cc (byline/date words), which
// read whole 8- or 16-byte words and so may look past the text's end.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace ng::extract {

// Writes lower-case(cls) + ' ' + lower-case(id) into `out`, then `pad` zero bytes; returns the
// text (without the padding). ASCII folding only: class names are matched against ASCII words.
inline std::string_view LowerClassId(std::string_view cls, std::string_view id, size_t pad,
                                     std::string& out) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  const size_t size = cls.size() + 1 + id.size();
  out.resize(size + pad);
  char* w = out.data();
  for (size_t i = 0; i < cls.size(); ++i) w[i] = lower(cls[i]);
  w[cls.size()] = ' ';
  w += cls.size() + 1;
  for (size_t i = 0; i < id.size(); ++i) w[i] = lower(id[i]);
  std::memset(out.data() + size, 0, pad);
  return std::string_view(out.data(), size);
}

}  // namespace ng::extract
