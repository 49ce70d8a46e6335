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

namespace {

// End of the string token that opens at `i` (the quote), or of a scalar.
size_t TokenEnd(std::string_view s, size_t i) {
  if (s[i] == '"') {
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') ++i;
      else if (s[i] == '"') return i + 1;
    }
    return s.size();
  }
  while (i < s.size() && s[i] != ',' && s[i] != ']' && s[i] != '}' && s[i] != ':') ++i;
  return i;
}

// The end (past ']') of the array opening at `i` when it holds scalars only, else 0.
size_t FlatArrayEnd(std::string_view s, size_t i) {
  for (++i; i < s.size() && s[i] != ']';) {
    if (s[i] == '[' || s[i] == '{') return 0;
    i = s[i] == ',' ? i + 1 : TokenEnd(s, i);
  }
  return i < s.size() ? i + 1 : s.size();
}

}  // namespace

std::string PrettyJson(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  int depth = 0;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<size_t>(2 * depth), ' ');
  };
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    size_t flat = c == '[' ? FlatArrayEnd(s, i) : 0;
    if (flat || c == '"' || (c != '{' && c != '[' && c != '}' && c != ']' && c != ',' && c != ':')) {
      size_t end = flat ? flat : TokenEnd(s, i);
      std::string_view tok = s.substr(i, end - i);
      if (c == '[') {  // "[1, 2, 3]"
        for (size_t k = 0; k < tok.size(); ++k) {
          size_t e = tok[k] == '"' ? TokenEnd(tok, k) : k + 1;
          out.append(tok.substr(k, e - k));
          if (tok[k] == ',') out += ' ';
          k = e - 1;
        }
      } else {
        out.append(tok);
      }
      i = end;
      continue;
    }
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      if (i + 1 < s.size() && s[i + 1] == close) {  // {} and [] stay as they are
        out += c;
        out += close;
        i += 2;
        continue;
      }
      out += c;
      ++depth;
      newline();
    } else if (c == '}' || c == ']') {
      --depth;
      newline();
      out += c;
    } else if (c == ',') {
      out += ',';
      newline();
    } else if (c == ':') {
      out += ": ";
    }
    ++i;
  }
  return out;
}

}  // namespace ng
