#include "base/json_writer.h"

#include <cmath>
#include <cstdio>

namespace ng {

void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void JsonWriter::Double(double v) {
  Sep();
  if (!std::isfinite(v)) { *out_ += "null"; return; }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  *out_ += buf;
}

}  // namespace ng
