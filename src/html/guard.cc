// The depth guard: a linear scan over tags, not a parser. It only has to be right enough to
// bound gumbo's work: it over-counts on sloppy markup, which at worst flattens a few wrappers
// of a pathological page.
#include <cstring>
#include <vector>

#include "html/parser.h"

namespace ng::html {
namespace {

bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Tags that never nest (void) or whose end tag is routinely implied; they do not add depth.
bool DoesNotNest(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
      "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "image", "keygen"};
  for (auto n : kNames)
    if (n == name) return true;
  return false;
}

bool IsRawText(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
         name == "plaintext";
}

// Case-insensitive search for "</name" from pos.
size_t FindEndTag(std::string_view s, size_t pos, std::string_view name) {
  while (true) {
    size_t lt = s.find("</", pos);
    if (lt == std::string_view::npos) return s.size();
    size_t i = lt + 2, k = 0;
    while (k < name.size() && i + k < s.size() && (s[i + k] | 0x20) == name[k]) ++k;
    if (k == name.size()) return lt;
    pos = lt + 2;
  }
}

}  // namespace

PrescanResult PrepareForParse(std::string_view s, int max_depth, std::string* out) {
  int depth = 0, seen = 0;
  bool changed = false, flattened = false;
  size_t copied = 0;  // s[copied, i) not yet appended to out
  std::vector<char> name_buf;
  size_t i = 0;
  auto drop = [&](size_t begin, size_t end) {
    if (!changed) {
      out->clear();
      out->reserve(s.size());
      changed = true;
    }
    out->append(s.data() + copied, begin - copied);
    copied = end;
  };
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    char c = s[lt + 1];
    if (c == '!') {  // comment or doctype
      bool comment = s.compare(lt, 4, "<!--") == 0;
      size_t end = comment ? s.find("-->", lt + 4) : s.find('>', lt);
      if (end == std::string_view::npos) {
        i = s.size();
      } else {
        i = end + (comment ? 3 : 1);
        if (comment) drop(lt, i);  // comments carry no text; the parser need not see them
      }
      continue;
    }
    bool closing = c == '/';
    size_t n0 = lt + (closing ? 2 : 1);
    if (n0 >= s.size() || !IsAlpha(s[n0])) {
      i = lt + 1;
      continue;
    }
    size_t n1 = n0;
    name_buf.clear();
    while (n1 < s.size() && s[n1] != '>' && s[n1] != '/' && s[n1] != ' ' && s[n1] != '\t' &&
           s[n1] != '\n' && s[n1] != '\r' && s[n1] != '\f') {
      name_buf.push_back(static_cast<char>(s[n1] | (IsAlpha(s[n1]) ? 0x20 : 0)));
      ++n1;
    }
    // Find the tag's end, skipping quoted attribute values.
    size_t j = n1;
    char quote = 0;
    for (; j < s.size(); ++j) {
      if (quote) {
        if (s[j] == quote) quote = 0;
      } else if (s[j] == '"' || s[j] == '\'') {
        if (s[j - 1] == '=' || s[j - 1] == ' ') quote = s[j];
      } else if (s[j] == '>') {
        break;
      }
    }
    size_t tag_end = j < s.size() ? j + 1 : s.size();
    std::string_view name(name_buf.data(), name_buf.size());
    bool self_closing = j < s.size() && j > n1 && s[j - 1] == '/';
    if (closing) {
      if (!DoesNotNest(name)) {
        if (depth > max_depth) { drop(lt, tag_end); flattened = true; }
        if (depth > 0) --depth;
      }
      i = tag_end;
      continue;
    }
    if (IsRawText(name)) {
      size_t end = FindEndTag(s, tag_end, name);
      // Script and style bodies are half of a typical news page and never text; JSON-LD is
      // metadata and stays.
      if ((name == "script" || name == "style") && end > tag_end) {
        std::string_view tag = s.substr(lt, tag_end - lt);
        bool json_ld = false;
        for (size_t k = 0; k + 7 <= tag.size() && !json_ld; ++k)
          json_ld = (tag[k] | 0x20) == 'l' && (tag[k + 1] | 0x20) == 'd' && tag[k + 2] == '+' &&
                    (tag[k + 3] | 0x20) == 'j';
        if (!json_ld && depth + 1 <= max_depth) drop(tag_end, end);
      }
      i = end;  // the end tag is then handled as a normal closing tag
      ++depth;
      if (depth > seen) seen = depth;
      if (depth > max_depth) {
        // Dropping a raw-text start tag would expose its content as markup: drop the whole run.
        size_t close = s.find('>', end);
        drop(lt, close == std::string_view::npos ? s.size() : close + 1);
        flattened = true;
        i = copied;
        --depth;
      }
      continue;
    }
    if (!DoesNotNest(name) && !self_closing) {
      ++depth;
      if (depth > seen) seen = depth;
      if (depth > max_depth) { drop(lt, tag_end); flattened = true; }
    }
    i = tag_end;
  }
  if (changed) out->append(s.data() + copied, s.size() - copied);
  return {changed, flattened, seen};
}

}  // namespace ng::html
