// The tokenizer: one pass over the input, one function per group of WHATWG states. Every
// lookahead checks bounds, so input cut at any byte ends in a defined state (the spec's EOF
// rules: an unfinished tag is dropped, an unfinished comment or text runs to the end).
#include "html/tokenizer.h"
#include "base/utf8.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ng::html {
namespace {

struct Entity {
  std::string_view name;
  std::string_view value;
};

constexpr Entity kEntities[] = {
#include "html/entities.inc"
};

constexpr bool IsAlpha(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
constexpr bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlnum(unsigned char c) { return IsAlpha(c) || IsDigit(c); }
constexpr bool IsHex(unsigned char c) {
  return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
// ASCII whitespace in tag states (CR is whitespace too: preprocessing turns it into LF).
constexpr bool IsTagSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
constexpr char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Bytes that end a tag or attribute name or an unquoted value (text runs: FindAny below).
struct SpecialTable {
  std::array<bool, 256> name_end{}, name_fix{}, attr_end{}, unquoted_end{};
  constexpr SpecialTable() {
    // Tag and attribute names end at whitespace, '/', '>' (attribute names also at '=');
    // upper case and NUL make a name need a copy.
    for (unsigned char c : {' ', '\t', '\n', '\f', '\r', '/', '>'}) name_end[c] = attr_end[c] = true;
    attr_end['='] = true;
    for (int c = 'A'; c <= 'Z'; ++c) name_fix[c] = true;
    name_fix[0] = true;
    for (unsigned char c : {' ', '\t', '\n', '\f', '\r', '>'}) unquoted_end[c] = true;
  }
};
constexpr SpecialTable kSpecial;

// The first i in [from, n) where s[i] is one of a, b, c, d (repeat a byte to look for fewer),
// or n. Text and attribute values are long runs with none of them: 16 bytes per step with SSE2
// (part of every x86-64), a byte at a time elsewhere.
size_t FindAny(const char* s, size_t from, size_t n, char a, char b, char c, char d) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c),
                vd = _mm_set1_epi8(d);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i)
    if (s[i] == a || s[i] == b || s[i] == c || s[i] == d) return i;
  return n;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Numeric character reference end state: code points 0x80–0x9F are read as windows-1252.
constexpr uint16_t kC1Table[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

const Entity* FindEntity(std::string_view name) {
  const Entity* end = kEntities + std::size(kEntities);
  const Entity* it = std::lower_bound(kEntities, end, name,
                                      [](const Entity& e, std::string_view n) { return e.name < n; });
  return (it != end && it->name == name) ? it : nullptr;
}

bool IEqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (ToLower(s[i]) != lower[i]) return false;
  return true;
}

uint64_t HashName(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

Tokenizer::Tokenizer(std::string_view input) : in_(input) {}

void Tokenizer::SetTextState(TextState state, std::string_view end_tag_name) {
  state_ = state;
  end_tag_.assign(end_tag_name);
}

size_t Tokenizer::DecodeCharRef(std::string_view in, size_t amp, bool in_attribute,
                                std::string* out) {
  const size_t n = in.size();
  size_t i = amp + 1;
  if (i >= n) return 0;
  unsigned char c = static_cast<unsigned char>(in[i]);
  if (c == '#') {
    size_t j = i + 1;
    bool hex = j < n && (in[j] | 0x20) == 'x';
    if (hex) ++j;
    size_t digits = j;
    uint32_t value = 0;
    while (j < n && (hex ? IsHex(static_cast<unsigned char>(in[j]))
                         : IsDigit(static_cast<unsigned char>(in[j])))) {
      unsigned char d = static_cast<unsigned char>(in[j]);
      uint32_t v = IsDigit(d) ? d - '0' : (d | 0x20) - 'a' + 10;
      value = value * (hex ? 16 : 10) + v;
      if (value > 0x10FFFF) value = 0x110000;  // saturate: stays out of range, never overflows
      ++j;
    }
    if (j == digits) return 0;  // "&#" / "&#x" without digits: not a reference
    if (j < n && in[j] == ';') ++j;
    uint32_t cp = value;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out->append(kReplacement);
    } else {
      if (cp >= 0x80 && cp <= 0x9F) cp = kC1Table[cp - 0x80];
      AppendUtf8(out, cp);
    }
    return j - amp;
  }
  if (!IsAlnum(c)) return 0;
  size_t j = i;
  while (j < n && j - i < 32 && IsAlnum(static_cast<unsigned char>(in[j]))) ++j;
  size_t len = j - i + (j < n && in[j] == ';' ? 1 : 0);
  // Longest match: the table holds "not" and "notin;", so "&notit;" decodes "&not" + "it;".
  for (; len >= 1; --len) {
    const Entity* e = FindEntity(in.substr(i, len));
    if (!e) continue;
    if (in_attribute && e->name.back() != ';') {
      size_t k = i + len;
      if (k < n && (in[k] == '=' || IsAlnum(static_cast<unsigned char>(in[k])))) return 0;
    }
    out->append(e->value);
    return 1 + len;
  }
  return 0;
}

void Tokenizer::SetText(Token* t, std::string_view text) {
  t->type = TokenType::kText;
  t->name = {};
  t->text = text;
  t->self_closing = false;
  t->attrs.clear();
}

bool Tokenizer::EndTagMatches(size_t lt) const {
  const size_t n = in_.size();
  size_t k = end_tag_.size();
  if (lt + 2 + k >= n || in_[lt + 1] != '/') return false;
  for (size_t m = 0; m < k; ++m)
    if (ToLower(in_[lt + 2 + m]) != end_tag_[m]) return false;
  unsigned char d = static_cast<unsigned char>(in_[lt + 2 + k]);
  return IsTagSpace(d) || d == '/' || d == '>';
}

// Data, RCDATA, RAWTEXT and PLAINTEXT: a run of characters up to markup (data), the
// appropriate end tag (RCDATA/RAWTEXT) or the end.
bool Tokenizer::LexText(Token* t) {
  const char* s = in_.data();
  const size_t n = in_.size();
  const size_t start = pos_;
  const bool data = state_ == TextState::kData;
  const bool refs = data || state_ == TextState::kRcdata;
  bool buffered = false;
  size_t lit = start;  // s[lit, i) is literal text not yet copied (when buffered)
  auto to_buffer = [&](size_t i) {
    if (!buffered) {
      text_buf_.clear();
      buffered = true;
    }
    text_buf_.append(s + lit, i - lit);
  };
  size_t i = start;
  while (i < n) {
    i = refs ? FindAny(s, i, n, '<', '&', '\r', '\0') : FindAny(s, i, n, '<', '\r', '\0', '\0');
    if (i >= n) break;
    char c = s[i];
    if (c == '<') {
      if (data) {
        if (i + 1 < n) {
          unsigned char d = static_cast<unsigned char>(s[i + 1]);
          if (IsAlpha(d) || d == '!' || d == '?' || (d == '/' && i + 2 < n)) break;
        }
      } else if (state_ != TextState::kPlaintext && EndTagMatches(i)) {
        break;
      }
      ++i;
    } else if (c == '&') {
      to_buffer(i);
      size_t used = DecodeCharRef(in_, i, false, &text_buf_);  // appends only on success
      if (used == 0) {
        text_buf_.push_back('&');
        used = 1;
      }
      i += used;
      lit = i;
    } else if (c == '\r') {
      to_buffer(i);
      text_buf_.push_back('\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      lit = i;
    } else {  // NUL: ignored in data ("in body" drops it), U+FFFD elsewhere
      to_buffer(i);
      if (!data) text_buf_.append(kReplacement);
      ++i;
      lit = i;
    }
  }
  pos_ = i;
  if (buffered) {
    text_buf_.append(s + lit, i - lit);
    if (text_buf_.empty()) return false;
    SetText(t, text_buf_);
    return true;
  }
  if (i == start) return false;
  SetText(t, in_.substr(start, i - start));
  return true;
}

// Script data: text up to `</script` + [ws / >], where `<!--` enters the escaped state, `<script`
// inside it the double-escaped state (in which `</script>` does not end the script) and `-->`
// leaves both.
bool Tokenizer::LexScriptData(Token* t) {
  const char* s = in_.data();
  const size_t n = in_.size();
  const size_t start = pos_;
  enum { kPlain, kEscaped, kDouble } mode = kPlain;
  bool buffered = false;
  size_t lit = start;
  auto to_buffer = [&](size_t i) {
    if (!buffered) {
      text_buf_.clear();
      buffered = true;
    }
    text_buf_.append(s + lit, i - lit);
  };
  auto script_word_at = [&](size_t k) {  // "script" + [ws / >] at s[k]
    if (k + 6 >= n) return false;
    for (size_t m = 0; m < 6; ++m)
      if (ToLower(s[k + m]) != "script"[m]) return false;
    unsigned char d = static_cast<unsigned char>(s[k + 6]);
    return IsTagSpace(d) || d == '/' || d == '>';
  };
  size_t i = start;
  while (i < n) {
    i = mode == kPlain ? FindAny(s, i, n, '<', '\r', '\0', '\0') : FindAny(s, i, n, '<', '-', '\r', '\0');
    if (i >= n) break;
    char c = s[i];
    if (c == '<') {
      if (mode == kPlain) {
        if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
          mode = kEscaped;
          i += 2;  // the dashes are read below, so "<!-->" returns to plain at once
          continue;
        }
        if (EndTagMatches(i)) break;
      } else if (mode == kEscaped) {
        if (EndTagMatches(i)) break;
        if (script_word_at(i + 1)) {
          mode = kDouble;
          i += 7;
          continue;
        }
      } else if (i + 1 < n && s[i + 1] == '/' && script_word_at(i + 2)) {
        mode = kEscaped;
        i += 8;
        continue;
      }
      ++i;
    } else if (c == '-') {
      size_t j = i;
      while (j < n && s[j] == '-') ++j;
      if (mode != kPlain && j - i >= 2 && j < n && s[j] == '>') {
        mode = kPlain;
        ++j;
      }
      i = j;
    } else if (c == '\r') {
      to_buffer(i);
      text_buf_.push_back('\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      lit = i;
    } else {
      to_buffer(i);
      text_buf_.append(kReplacement);
      ++i;
      lit = i;
    }
  }
  pos_ = i;
  if (buffered) {
    text_buf_.append(s + lit, i - lit);
    SetText(t, text_buf_);
    return !text_buf_.empty();
  }
  if (i == start) return false;
  SetText(t, in_.substr(start, i - start));
  return true;
}

void Tokenizer::LexBogusComment(Token* t, size_t data_start) {
  size_t gt = in_.find('>', data_start);
  size_t end = gt == std::string_view::npos ? in_.size() : gt;
  t->type = TokenType::kComment;
  t->name = {};
  t->text = in_.substr(data_start, end - data_start);
  t->attrs.clear();
  pos_ = gt == std::string_view::npos ? in_.size() : gt + 1;
}

// Comment states, collapsed into searches: the comment ends at the first "-->" or "--!>"
// ("<!-->" and "<!--->" are empty comments), or runs to the end of the input.
void Tokenizer::LexComment(Token* t, size_t data_start) {
  const size_t n = in_.size();
  t->type = TokenType::kComment;
  t->name = {};
  t->attrs.clear();
  if (data_start < n && in_[data_start] == '>') {  // <!-->
    t->text = {};
    pos_ = data_start + 1;
    return;
  }
  if (data_start + 1 < n && in_[data_start] == '-' && in_[data_start + 1] == '>') {  // <!--->
    t->text = {};
    pos_ = data_start + 2;
    return;
  }
  size_t k = data_start;
  while (true) {
    size_t d = in_.find("--", k);
    if (d == std::string_view::npos) {
      t->text = in_.substr(data_start);
      pos_ = n;
      return;
    }
    size_t e = d + 2;
    while (e < n && in_[e] == '-') ++e;  // "--->" ends too; the extra dashes are data
    if (e < n && in_[e] == '>') {
      t->text = in_.substr(data_start, e - 2 - data_start);
      pos_ = e + 1;
      return;
    }
    if (e + 1 < n && in_[e] == '!' && in_[e + 1] == '>') {
      t->text = in_.substr(data_start, e - 2 - data_start);
      pos_ = e + 2;
      return;
    }
    k = e;
  }
}

bool Tokenizer::LexMarkup(Token* t) {
  const size_t n = in_.size();
  const size_t lt = pos_;
  unsigned char c = static_cast<unsigned char>(in_[lt + 1]);
  if (c == '!') {
    if (lt + 3 < n && in_[lt + 2] == '-' && in_[lt + 3] == '-') {
      LexComment(t, lt + 4);
      return true;
    }
    if (lt + 9 <= n && IEqualsLower(in_.substr(lt + 2, 7), "doctype")) {
      // DOCTYPE states: every one of them ends the token at '>' (even inside a quoted id).
      size_t gt = in_.find('>', lt + 9);
      size_t end = gt == std::string_view::npos ? n : gt;
      t->type = TokenType::kDoctype;
      t->name = {};
      t->text = in_.substr(lt + 9, end - lt - 9);
      t->attrs.clear();
      pos_ = gt == std::string_view::npos ? n : gt + 1;
      return true;
    }
    if (allow_cdata_ && in_.substr(lt + 2, 7) == "[CDATA[") {
      size_t close = in_.find("]]>", lt + 9);
      size_t end = close == std::string_view::npos ? n : close;
      pos_ = close == std::string_view::npos ? n : close + 3;
      if (end == lt + 9) return false;
      SetText(t, in_.substr(lt + 9, end - lt - 9));
      return true;
    }
    LexBogusComment(t, lt + 2);
    return true;
  }
  if (c == '/') {
    unsigned char d = static_cast<unsigned char>(in_[lt + 2]);  // lt + 2 < n: see LexText
    if (IsAlpha(d)) return LexTag(t, lt + 2, true);
    if (d == '>') {  // "</>": nothing
      pos_ = lt + 3;
      return false;
    }
    LexBogusComment(t, lt + 2);
    return true;
  }
  if (c == '?') {
    LexBogusComment(t, lt + 1);
    return true;
  }
  return LexTag(t, lt + 1, false);
}

// Tag name, attribute and self-closing states.
bool Tokenizer::LexTag(Token* t, size_t name_start, bool end_tag) {
  const char* s = in_.data();
  const size_t n = in_.size();
  size_t i = name_start;
  bool name_copy = false;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kSpecial.name_end[c]) break;
    name_copy |= kSpecial.name_fix[c];
    ++i;
  }
  if (i >= n) {  // EOF in tag name: the tag is dropped
    pos_ = n;
    return false;
  }
  std::string_view name = in_.substr(name_start, i - name_start);
  if (name_copy) {
    name_buf_.clear();
    for (char ch : name) {
      if (ch == 0) name_buf_.append(kReplacement);
      else name_buf_.push_back(ToLower(ch));
    }
    name = name_buf_;
  }
  attr_buf_.clear();
  spans_.clear();
  seen_.clear();
  bool self_closing = false;
  // Appends the decoded value s[b, e) to attr_buf_ when it needs decoding; returns whether.
  auto decode_value = [&](size_t b, size_t e, AttrSpan* span) {
    size_t k = b;
    k = FindAny(s, k, e, '&', '\r', '\0', '\0');
    if (k == e) {
      span->val_off = b;
      span->val_len = e - b;
      span->val_in_buf = false;
      return;
    }
    span->val_off = attr_buf_.size();
    span->val_in_buf = true;
    attr_buf_.append(s + b, k - b);
    while (k < e) {
      char ch = s[k];
      if (ch == '&') {
        size_t used = DecodeCharRef(in_.substr(0, e), k, true, &attr_buf_);
        if (used == 0) {
          attr_buf_.push_back('&');
          used = 1;
        }
        k += used;
      } else if (ch == '\r') {
        attr_buf_.push_back('\n');
        k += (k + 1 < e && s[k + 1] == '\n') ? 2 : 1;
      } else if (ch == 0) {
        attr_buf_.append(kReplacement);
        ++k;
      } else {
        attr_buf_.push_back(ch);
        ++k;
      }
    }
    span->val_len = attr_buf_.size() - span->val_off;
  };
  for (;;) {
    while (i < n && IsTagSpace(static_cast<unsigned char>(s[i]))) ++i;
    if (i >= n) {
      pos_ = n;
      return false;
    }
    char c = s[i];
    if (c == '>') {
      ++i;
      break;
    }
    if (c == '/') {
      ++i;
      if (i < n && s[i] == '>') {
        self_closing = true;
        ++i;
        break;
      }
      continue;  // self-closing start tag state, anything else: reconsume before attr name
    }
    // Attribute name: the first character may be '=' (spec: before attribute name state).
    size_t nb = i++;
    bool lower = kSpecial.name_fix[static_cast<unsigned char>(s[nb])];
    while (i < n) {
      unsigned char d = static_cast<unsigned char>(s[i]);
      if (kSpecial.attr_end[d]) break;
      lower |= kSpecial.name_fix[d];
      ++i;
    }
    AttrSpan span{};
    if (lower) {
      span.name_off = attr_buf_.size();
      span.name_in_buf = true;
      for (size_t k = nb; k < i; ++k) {
        if (s[k] == 0) attr_buf_.append(kReplacement);
        else attr_buf_.push_back(ToLower(s[k]));
      }
      span.name_len = attr_buf_.size() - span.name_off;
    } else {
      span.name_off = nb;
      span.name_len = i - nb;
      span.name_in_buf = false;
    }
    while (i < n && IsTagSpace(static_cast<unsigned char>(s[i]))) ++i;
    span.val_off = 0;
    span.val_len = 0;
    span.val_in_buf = false;
    if (i < n && s[i] == '=') {
      ++i;
      while (i < n && IsTagSpace(static_cast<unsigned char>(s[i]))) ++i;
      if (i >= n) {
        pos_ = n;
        return false;
      }
      char q = s[i];
      if (q == '"' || q == '\'') {
        const void* hit = std::memchr(s + i + 1, q, n - i - 1);
        if (!hit) {  // EOF in attribute value: the tag is dropped
          pos_ = n;
          return false;
        }
        size_t e = static_cast<const char*>(hit) - s;
        decode_value(i + 1, e, &span);
        i = e + 1;
      } else if (q != '>') {
        size_t b = i;
        while (i < n && !kSpecial.unquoted_end[static_cast<unsigned char>(s[i])]) ++i;
        decode_value(b, i, &span);
      }
    }
    if (end_tag) continue;  // end tags' attributes are parsed and dropped
    // Duplicate names: the first wins. Few attributes: compare; many: a hash set first.
    auto name_of = [&](const AttrSpan& a) {
      return a.name_in_buf ? std::string_view(attr_buf_).substr(a.name_off, a.name_len)
                           : in_.substr(a.name_off, a.name_len);
    };
    std::string_view this_name = name_of(span);
    bool dup = false;
    if (spans_.size() < 16) {
      for (const AttrSpan& a : spans_)
        if (name_of(a) == this_name) { dup = true; break; }
    } else {
      // seen_: an open-addressing table of name hashes, rebuilt (doubled) when half full.
      uint64_t h = HashName(this_name);
      if (seen_.size() < 2 * (spans_.size() + 1)) {
        size_t cap = 64;
        while (cap < 4 * (spans_.size() + 1)) cap <<= 1;
        std::vector<uint64_t> table(cap, 0);
        for (const AttrSpan& a : spans_) {
          uint64_t ah = HashName(name_of(a)) | 1;
          size_t slot = ah & (cap - 1);
          while (table[slot] && table[slot] != ah) slot = (slot + 1) & (cap - 1);
          table[slot] = ah;
        }
        seen_.swap(table);
      }
      uint64_t key = h | 1;
      size_t cap = seen_.size();
      size_t slot = key & (cap - 1);
      while (seen_[slot] && seen_[slot] != key) slot = (slot + 1) & (cap - 1);
      if (seen_[slot] == key) {
        for (const AttrSpan& a : spans_)  // confirm: a hash collision must not drop a name
          if (name_of(a) == this_name) { dup = true; break; }
      } else {
        seen_[slot] = key;
      }
    }
    if (!dup) spans_.push_back(span);
  }
  pos_ = i;
  t->type = end_tag ? TokenType::kEndTag : TokenType::kStartTag;
  t->name = name;
  t->text = {};
  t->self_closing = self_closing;
  t->attrs.clear();
  if (!end_tag) FinishAttrs(t);
  return true;
}

void Tokenizer::FinishAttrs(Token* t) {
  std::string_view buf(attr_buf_);
  for (const AttrSpan& a : spans_) {
    TokenAttr ta;
    ta.name = a.name_in_buf ? buf.substr(a.name_off, a.name_len) : in_.substr(a.name_off, a.name_len);
    ta.value = a.val_in_buf ? buf.substr(a.val_off, a.val_len) : in_.substr(a.val_off, a.val_len);
    t->attrs.push_back(ta);
  }
}

bool Tokenizer::Next(Token* t) {
  const size_t n = in_.size();
  for (;;) {
    if (pos_ >= n) {
      if (eof_sent_) return false;
      eof_sent_ = true;
      SetText(t, {});
      t->type = TokenType::kEof;
      return true;
    }
    if (state_ == TextState::kScriptData) {
      bool got = LexScriptData(t);
      state_ = TextState::kData;
      if (got) return true;
      continue;
    }
    if (state_ != TextState::kData) {
      bool got = LexText(t);
      if (state_ != TextState::kPlaintext) state_ = TextState::kData;
      if (got) return true;
      continue;
    }
    if (in_[pos_] == '<' && pos_ + 1 < n) {
      unsigned char d = static_cast<unsigned char>(in_[pos_ + 1]);
      if (IsAlpha(d) || d == '!' || d == '?' || (d == '/' && pos_ + 2 < n)) {
        if (LexMarkup(t)) return true;
        continue;
      }
    }
    if (LexText(t)) return true;
  }
}

}  // namespace ng::html
