// The gumbo adapter: parse with libgumbo, then copy its tree into our arena Document
// iteratively (gumbo's tree can be deep; our copy never recurses).
#include <gumbo.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "html/parser.h"
#include "base/utf8.h"

namespace ng::html {
namespace {

// Controls and noncharacters. gumbo 0.10 replaces each of them with U+FFFD while it decodes its
// input (utf8.c: utf8_is_invalid_code_point): U+0001–U+0008, U+000B, U+000E–U+001F,
// U+007F–U+009F, U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane. The WHATWG spec ("preprocessing
// the input stream") makes them parse errors only (control-character-in-input-stream,
// noncharacter-in-input-stream) and keeps them in the tree, as the fast parser does. Pages
// mis-decoded once as ISO-8859-1 are full of U+0080–U+009F (a windows-1252 quote read as a C1
// control), so gumbo's U+FFFD changed their text. Before gumbo, each such character becomes a
// stand-in gumbo keeps — a plane-16 private-use code point, U+10FC00 + index — and the copy of the
// tree maps the stand-ins back. A page that already holds a code point of the stand-in range
// (U+10FC00–U+10FEFF; none does in practice) is left as it is.
//   index 0x000–0x09F: the C0/C1 control of that value
//   index 0x100–0x11F: U+FDD0–U+FDEF
//   index 0x200–0x221: U+xFFFE/U+xFFFF, 2 * plane + (cp & 1)
constexpr uint32_t kStandInBase = 0x10FC00;

bool IsGumboReplacedAscii(unsigned char c) {
  return (c >= 0x01 && c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
}

void AppendStandIn(uint32_t index, std::string* out) {
  uint32_t cp = kStandInBase + index;  // always 4 bytes: F4 8F B0..B8 xx
  out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

// The stand-in index of the character gumbo would replace at s[i], with its length in bytes;
// {0, 0} for any other character. Lead bytes are never continuation bytes, so a match at any
// position is where gumbo's decoder starts a character too, even in ill-formed input.
std::pair<uint32_t, size_t> ReplacedAt(std::string_view s, size_t i) {
  const size_t n = s.size();
  auto at = [&](size_t k) { return k < n ? static_cast<unsigned char>(s[k]) : 0; };
  unsigned char b = at(i);
  if (b < 0x80)
    return IsGumboReplacedAscii(b) ? std::pair<uint32_t, size_t>{b, 1}
                                   : std::pair<uint32_t, size_t>{0, 0};
  if (b == 0xC2 && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F) return {at(i + 1), 2};
  if (b == 0xEF && at(i + 1) == 0xB7 && at(i + 2) >= 0x90 && at(i + 2) <= 0xAF)
    return {0x100 + (at(i + 2) - 0x90), 3};
  if (b == 0xEF && at(i + 1) == 0xBF && (at(i + 2) == 0xBE || at(i + 2) == 0xBF))
    return {0x200 + (at(i + 2) & 1), 3};
  if (b >= 0xF0 && b <= 0xF4) {
    unsigned char b1 = at(i + 1);
    if ((b1 & 0xC0) != 0x80 || (b1 & 0x0F) != 0x0F || at(i + 2) != 0xBF ||
        (at(i + 3) != 0xBE && at(i + 3) != 0xBF))
      return {0, 0};
    if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) return {0, 0};  // overlong / too big
    uint32_t plane = ((b & 0x07u) << 2) | ((b1 & 0x3Fu) >> 4);
    return {0x200 + 2 * plane + (at(i + 3) & 1), 4};
  }
  return {0, 0};
}

// A numeric character reference to a stand-in code point ("&#x10FC92;"), which gumbo decodes
// to that code point: the copy could not tell it from a stand-in.
bool RefersToStandIn(std::string_view s) {
  for (size_t amp = s.find("&#"); amp != std::string_view::npos; amp = s.find("&#", amp + 2)) {
    size_t j = amp + 2;
    bool hex = j < s.size() && (s[j] | 0x20) == 'x';
    if (hex) ++j;
    uint32_t v = 0;
    size_t digits = 0;
    for (; j < s.size() && v <= 0x10FFFF; ++j, ++digits) {
      char c = s[j];
      int d = c >= '0' && c <= '9'                            ? c - '0'
              : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                              : -1;
      if (d < 0) break;
      v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (digits && v >= kStandInBase && v <= kStandInBase + 0x2FF) return true;
  }
  return false;
}

bool IsStandInAt(std::string_view s, size_t i) {
  return i + 3 < s.size() && static_cast<unsigned char>(s[i]) == 0xF4 &&
         static_cast<unsigned char>(s[i + 1]) == 0x8F &&
         static_cast<unsigned char>(s[i + 2]) >= 0xB0 &&
         static_cast<unsigned char>(s[i + 2]) <= 0xBB;
}

// Bytes that can start a replaced character or a stand-in (the scan skips all others).
bool MayStartReplaced(unsigned char b) {
  return b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF || (b >= 0xF0 && b <= 0xF4);
}

// Writes `in` with stand-ins into *out; false (out untouched) when there is nothing to protect
// or the input already holds a stand-in code point.
bool ProtectKeptCharacters(std::string_view in, std::string* out) {
  size_t first = in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    if (!MayStartReplaced(static_cast<unsigned char>(in[i]))) continue;
    if (IsStandInAt(in, i)) return false;
    if (first == in.size() && ReplacedAt(in, i).second) first = i;
  }
  if (first == in.size() || RefersToStandIn(in)) return false;
  out->clear();
  out->reserve(in.size() + in.size() / 16);
  out->append(in.substr(0, first));
  for (size_t i = first; i < in.size();) {
    if (!MayStartReplaced(static_cast<unsigned char>(in[i]))) {
      out->push_back(in[i++]);
      continue;
    }
    auto [index, len] = ReplacedAt(in, i);
    if (len) {
      AppendStandIn(index, out);
      i += len;
    } else {
      out->push_back(in[i]);
      ++i;
    }
  }
  return true;
}

// s with the stand-ins mapped back (s itself when it holds none; else written to *buf).
std::string_view RestoreKeptCharacters(std::string_view s, std::string* buf) {
  size_t i = s.find('\xF4');
  while (i != std::string_view::npos && !IsStandInAt(s, i)) i = s.find('\xF4', i + 1);
  if (i == std::string_view::npos) return s;
  buf->assign(s.substr(0, i));
  while (i < s.size()) {
    if (!IsStandInAt(s, i)) {
      buf->push_back(s[i++]);
      continue;
    }
    uint32_t index = ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6 |
                      (static_cast<unsigned char>(s[i + 3]) & 0x3Fu)) -
                     (kStandInBase & 0xFFFu);
    if (index < 0x100)
      AppendUtf8(buf, index);
    else if (index < 0x200)
      AppendUtf8(buf, 0xFDD0 + (index - 0x100));
    else
      AppendUtf8(buf, ((index - 0x200) >> 1) << 16 | 0xFFFE | (index & 1));
    i += 4;
  }
  return *buf;
}

std::string ElementName(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return name;
}

// `restore`: the input held stand-ins (ProtectKeptCharacters); map them back in every string.
void CopyTree(const GumboNode* groot, Document& doc, bool restore) {
  std::vector<std::pair<const GumboNode*, Node*>> stack;
  std::vector<Attribute> attrs;   // one element's, reused
  std::vector<std::string> bufs;  // restored attribute names and values, one element's
  std::string text_buf;
  auto text = [&](std::string_view s) { return restore ? RestoreKeptCharacters(s, &text_buf) : s; };
  // Children are pushed in reverse so they are appended in document order.
  auto push_children = [&](const GumboVector& children, Node* parent) {
    for (unsigned i = children.length; i-- > 0;)
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), parent);
  };
  push_children(groot->v.document.children, doc.root());
  while (!stack.empty()) {
    auto [g, parent] = stack.back();
    stack.pop_back();
    switch (g->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = g->v.element;
        std::string name = ElementName(el);
        Node* n = doc.NewElement(text(name));
        attrs.clear();
        if (restore && bufs.size() < 2 * el.attributes.length)
          bufs.resize(2 * el.attributes.length);
        for (unsigned i = 0; i < el.attributes.length; ++i) {
          auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
          if (restore)
            attrs.push_back({RestoreKeptCharacters(a->name, &bufs[2 * i]),
                             RestoreKeptCharacters(a->value, &bufs[2 * i + 1])});
          else
            attrs.push_back({a->name, a->value});
        }
        doc.SetAttributes(n, std::span<const Attribute>(attrs));
        Document::Append(parent, n);
        push_children(el.children, n);
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        Document::Append(parent, doc.NewText(text(g->v.text.text)));
        break;
      case GUMBO_NODE_COMMENT:
        Document::Append(parent, doc.NewComment(text(g->v.text.text)));
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
}

}  // namespace

Status ParseWithGumbo(std::string_view utf8, int max_depth, ParsedPage* page) {
  std::string prepared;
  PrescanResult pre = PrepareForParse(utf8, max_depth, &prepared);
  if (pre.flattened) {
    if (!page->notes.empty()) page->notes += "; ";
    page->notes += "markup nested " + std::to_string(pre.max_depth_seen) +
                   " deep; flattened below depth " + std::to_string(max_depth);
  }
  if (pre.changed) utf8 = prepared;
  std::string protected_input;
  bool restore = ProtectKeptCharacters(utf8, &protected_input);
  if (restore) utf8 = protected_input;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;  // we never read gumbo's error list; recording it costs time
  GumboOutput* out = gumbo_parse_with_options(&gopts, utf8.data(), utf8.size());
  if (!out) return Internal("the HTML parser returned no tree");
  CopyTree(out->document, page->doc, restore);
  gumbo_destroy_output(&gopts, out);
  return Status::Ok();
}

}  // namespace ng::html
