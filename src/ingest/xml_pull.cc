#include "ingest/xml_pull.h"
#include "base/utf8.h"

#include <algorithm>
#include <cctype>

namespace ng::ingest {
namespace {

void AppendChecked(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  AppendUtf8(&out, static_cast<uint32_t>(cp));
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-' || c == '.' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string DecodeXmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') { out += s[i]; continue; }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) { out += '&'; continue; }
    std::string_view e = s.substr(i + 1, semi - i - 1);
    if (e == "lt") out += '<';
    else if (e == "gt") out += '>';
    else if (e == "amp") out += '&';
    else if (e == "quot") out += '"';
    else if (e == "apos") out += '\'';
    else if (e.size() > 1 && e[0] == '#') {
      unsigned long cp = 0;
      bool hex = e[1] == 'x' || e[1] == 'X';
      std::string_view digits = e.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10 : -1;
        if (d < 0) { ok = false; break; }
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
        if (cp > 0x10FFFF) cp = 0x110000;
      }
      if (!ok) { out += '&'; continue; }
      AppendChecked(out, cp);
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

XmlPull::XmlPull(std::string_view doc) : s_(doc) {
  if (s_.substr(0, 3) == "\xEF\xBB\xBF") p_ = 3;
}

int XmlPull::line() const { return 1 + static_cast<int>(std::count(s_.begin(), s_.begin() + static_cast<long>(std::min(p_, s_.size())), '\n')); }

Status XmlPull::Error(const std::string& what) const {
  return DataLoss("not XML: " + what + " at line " + std::to_string(line()));
}

Result<XmlEvent> XmlPull::Next() {
  XmlEvent ev;
  for (;;) {
    if (p_ >= s_.size()) {
      if (!seen_root_) return Error("no root element");
      return ev;  // kEof
    }
    if (s_[p_] != '<') {
      size_t lt = s_.find('<', p_);
      if (lt == std::string_view::npos) lt = s_.size();
      std::string_view raw = s_.substr(p_, lt - p_);
      if (!seen_root_) {
        if (std::all_of(raw.begin(), raw.end(), IsSpace)) { p_ = lt; continue; }
        std::string shown(raw.substr(0, std::min<size_t>(raw.size(), 24)));
        for (char& c : shown) if (static_cast<unsigned char>(c) < 0x20) c = ' ';
        return Error("text before the root element ('" + shown + "')");
      }
      p_ = lt;
      ev.kind = XmlEvent::kText;
      ev.text = DecodeXmlEntities(raw);
      return ev;
    }
    std::string_view rest = s_.substr(p_);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = s_.find("-->", p_ + 4);
      if (end == std::string_view::npos) return Error("unterminated comment");
      p_ = end + 3;
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      size_t end = s_.find("]]>", p_ + 9);
      if (end == std::string_view::npos) return Error("unterminated CDATA section");
      ev.kind = XmlEvent::kText;
      ev.text = std::string(s_.substr(p_ + 9, end - p_ - 9));
      p_ = end + 3;
      return ev;
    }
    if (rest.substr(0, 2) == "<?") {
      size_t end = s_.find("?>", p_ + 2);
      if (end == std::string_view::npos) return Error("unterminated processing instruction");
      p_ = end + 2;
      continue;
    }
    if (rest.substr(0, 2) == "<!") {  // DOCTYPE (internal subset skipped, never interpreted)
      size_t i = p_ + 2;
      int depth = 0;
      for (; i < s_.size(); ++i) {
        if (s_[i] == '[') ++depth;
        else if (s_[i] == ']') --depth;
        else if (s_[i] == '>' && depth <= 0) break;
      }
      if (i >= s_.size()) return Error("unterminated declaration");
      p_ = i + 1;
      continue;
    }
    bool end_tag = rest.size() > 1 && rest[1] == '/';
    size_t i = p_ + (end_tag ? 2 : 1);
    size_t name_start = i;
    while (i < s_.size() && IsNameChar(s_[i])) ++i;
    if (i == name_start) {
      if (!seen_root_) return Error("'<' not followed by a tag name");
      // Stray '<' inside content: keep it as text.
      ev.kind = XmlEvent::kText;
      ev.text = "<";
      ++p_;
      return ev;
    }
    ev.name = std::string(s_.substr(name_start, i - name_start));
    if (end_tag) {
      size_t gt = s_.find('>', i);
      if (gt == std::string_view::npos) return Error("unterminated end tag");
      p_ = gt + 1;
      ev.kind = XmlEvent::kEnd;
      return ev;
    }
    ev.kind = XmlEvent::kStart;
    for (;;) {
      while (i < s_.size() && IsSpace(s_[i])) ++i;
      if (i >= s_.size()) return Error("unterminated tag <" + ev.name + ">");
      if (s_[i] == '>') { ++i; break; }
      if (s_[i] == '/' && i + 1 < s_.size() && s_[i + 1] == '>') { ev.self_closing = true; i += 2; break; }
      size_t an = i;
      while (i < s_.size() && IsNameChar(s_[i])) ++i;
      if (i == an) { ++i; continue; }  // junk inside a tag: skip it
      std::string key(s_.substr(an, i - an));
      while (i < s_.size() && IsSpace(s_[i])) ++i;
      std::string value;
      if (i < s_.size() && s_[i] == '=') {
        ++i;
        while (i < s_.size() && IsSpace(s_[i])) ++i;
        if (i < s_.size() && (s_[i] == '"' || s_[i] == '\'')) {
          char q = s_[i++];
          size_t close = s_.find(q, i);
          if (close == std::string_view::npos) return Error("unterminated attribute value");
          value = DecodeXmlEntities(s_.substr(i, close - i));
          i = close + 1;
        } else {
          size_t vs = i;
          while (i < s_.size() && !IsSpace(s_[i]) && s_[i] != '>') ++i;
          value = std::string(s_.substr(vs, i - vs));
        }
      }
      ev.attrs.emplace_back(std::move(key), std::move(value));
    }
    p_ = i;
    seen_root_ = true;
    return ev;
  }
}

}  // namespace ng::ingest
