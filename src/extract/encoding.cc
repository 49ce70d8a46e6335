// encoding.cc — charset detection and conversion to UTF-8. See encoding.h for the rules.
#include "extract/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>  // SSSE3, used only behind a run-time CPU check
#endif

namespace ng::extract {
namespace {

constexpr size_t kNpos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// Charsets and labels (WHATWG Encoding standard,
// https://encoding.spec.whatwg.org/#names-and-labels)

// kIcuSingleByte: an ASCII-compatible single-byte charset; ICU fills a 128-entry table once per
// call and the bytes are mapped natively (3x faster than a UTF-16 round trip through ICU).
enum class Decoder : uint8_t {
  kUtf8,
  kUtf16Le,
  kUtf16Be,
  kWindows1252,
  kIso885916,
  kIcuSingleByte,
  kIcu
};

struct Charset {
  std::string_view name;  // canonical (WHATWG) name, reported in DecodedText::charset
  const char* icu;        // ICU converter name when decoder == kIcu
  Decoder decoder;
};

// ICU names are chosen to match the WHATWG decoders: GBK decodes as gb18030, Big5 as Big5-HKSCS,
// Shift_JIS as windows-31j, EUC-KR as windows-949. ISO-8859-16 is not in ICU 72's data, so it
// has a table below, as does windows-1252 (the most common legacy charset: no ICU round trip).
constexpr Charset kCharsets[] = {
    {"UTF-8", nullptr, Decoder::kUtf8},
    {"IBM866", "IBM866", Decoder::kIcuSingleByte},
    {"ISO-8859-2", "ISO-8859-2", Decoder::kIcuSingleByte},
    {"ISO-8859-3", "ISO-8859-3", Decoder::kIcuSingleByte},
    {"ISO-8859-4", "ISO-8859-4", Decoder::kIcuSingleByte},
    {"ISO-8859-5", "ISO-8859-5", Decoder::kIcuSingleByte},
    {"ISO-8859-6", "ISO-8859-6", Decoder::kIcuSingleByte},
    {"ISO-8859-7", "ISO-8859-7", Decoder::kIcuSingleByte},
    {"ISO-8859-8", "ISO-8859-8", Decoder::kIcuSingleByte},
    {"ISO-8859-8-I", "ISO-8859-8", Decoder::kIcuSingleByte},
    {"ISO-8859-10", "ISO-8859-10", Decoder::kIcuSingleByte},
    {"ISO-8859-13", "ISO-8859-13", Decoder::kIcuSingleByte},
    {"ISO-8859-14", "ISO-8859-14", Decoder::kIcuSingleByte},
    {"ISO-8859-15", "ISO-8859-15", Decoder::kIcuSingleByte},
    {"ISO-8859-16", nullptr, Decoder::kIso885916},
    {"KOI8-R", "KOI8-R", Decoder::kIcuSingleByte},
    {"KOI8-U", "KOI8-U", Decoder::kIcuSingleByte},
    {"macintosh", "macintosh", Decoder::kIcuSingleByte},
    {"windows-874", "windows-874", Decoder::kIcuSingleByte},
    {"windows-1250", "windows-1250", Decoder::kIcuSingleByte},
    {"windows-1251", "windows-1251", Decoder::kIcuSingleByte},
    {"windows-1252", nullptr, Decoder::kWindows1252},
    {"windows-1253", "windows-1253", Decoder::kIcuSingleByte},
    {"windows-1254", "windows-1254", Decoder::kIcuSingleByte},
    {"windows-1255", "windows-1255", Decoder::kIcuSingleByte},
    {"windows-1256", "windows-1256", Decoder::kIcuSingleByte},
    {"windows-1257", "windows-1257", Decoder::kIcuSingleByte},
    {"windows-1258", "windows-1258", Decoder::kIcuSingleByte},
    {"x-mac-cyrillic", "x-mac-cyrillic", Decoder::kIcuSingleByte},
    {"GBK", "GB18030", Decoder::kIcu},
    {"gb18030", "GB18030", Decoder::kIcu},
    {"Big5", "Big5-HKSCS", Decoder::kIcu},
    {"EUC-JP", "EUC-JP", Decoder::kIcu},
    {"ISO-2022-JP", "ISO-2022-JP", Decoder::kIcu},
    {"Shift_JIS", "windows-31j", Decoder::kIcu},
    {"EUC-KR", "windows-949", Decoder::kIcu},
    {"UTF-16BE", nullptr, Decoder::kUtf16Be},
    {"UTF-16LE", nullptr, Decoder::kUtf16Le},
    // WHATWG maps these to "replacement"; we decode them (see encoding.h).
    {"ISO-2022-KR", "ISO-2022-KR", Decoder::kIcu},
    {"ISO-2022-CN", "ISO-2022-CN", Decoder::kIcu},
    {"HZ-GB-2312", "HZ", Decoder::kIcu},
};

struct Label {
  std::string_view label;    // lowercase
  std::string_view charset;  // a kCharsets name
};

// clang-format off
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", "UTF-8"}, {"unicode11utf8", "UTF-8"}, {"unicode20utf8", "UTF-8"},
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
    {"866", "IBM866"}, {"cp866", "IBM866"}, {"csibm866", "IBM866"}, {"ibm866", "IBM866"},
    {"csisolatin2", "ISO-8859-2"}, {"iso-8859-2", "ISO-8859-2"}, {"iso-ir-101", "ISO-8859-2"},
    {"iso8859-2", "ISO-8859-2"}, {"iso88592", "ISO-8859-2"}, {"iso_8859-2", "ISO-8859-2"},
    {"iso_8859-2:1987", "ISO-8859-2"}, {"l2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"},
    {"csisolatin3", "ISO-8859-3"}, {"iso-8859-3", "ISO-8859-3"}, {"iso-ir-109", "ISO-8859-3"},
    {"iso8859-3", "ISO-8859-3"}, {"iso88593", "ISO-8859-3"}, {"iso_8859-3", "ISO-8859-3"},
    {"iso_8859-3:1988", "ISO-8859-3"}, {"l3", "ISO-8859-3"}, {"latin3", "ISO-8859-3"},
    {"csisolatin4", "ISO-8859-4"}, {"iso-8859-4", "ISO-8859-4"}, {"iso-ir-110", "ISO-8859-4"},
    {"iso8859-4", "ISO-8859-4"}, {"iso88594", "ISO-8859-4"}, {"iso_8859-4", "ISO-8859-4"},
    {"iso_8859-4:1988", "ISO-8859-4"}, {"l4", "ISO-8859-4"}, {"latin4", "ISO-8859-4"},
    {"csisolatincyrillic", "ISO-8859-5"}, {"cyrillic", "ISO-8859-5"}, {"iso-8859-5", "ISO-8859-5"},
    {"iso-ir-144", "ISO-8859-5"}, {"iso8859-5", "ISO-8859-5"}, {"iso88595", "ISO-8859-5"},
    {"iso_8859-5", "ISO-8859-5"}, {"iso_8859-5:1988", "ISO-8859-5"},
    {"arabic", "ISO-8859-6"}, {"asmo-708", "ISO-8859-6"}, {"csiso88596e", "ISO-8859-6"},
    {"csiso88596i", "ISO-8859-6"}, {"csisolatinarabic", "ISO-8859-6"}, {"ecma-114", "ISO-8859-6"},
    {"iso-8859-6", "ISO-8859-6"}, {"iso-8859-6-e", "ISO-8859-6"}, {"iso-8859-6-i", "ISO-8859-6"},
    {"iso-ir-127", "ISO-8859-6"}, {"iso8859-6", "ISO-8859-6"}, {"iso88596", "ISO-8859-6"},
    {"iso_8859-6", "ISO-8859-6"}, {"iso_8859-6:1987", "ISO-8859-6"},
    {"csisolatingreek", "ISO-8859-7"}, {"ecma-118", "ISO-8859-7"}, {"elot_928", "ISO-8859-7"},
    {"greek", "ISO-8859-7"}, {"greek8", "ISO-8859-7"}, {"iso-8859-7", "ISO-8859-7"},
    {"iso-ir-126", "ISO-8859-7"}, {"iso8859-7", "ISO-8859-7"}, {"iso88597", "ISO-8859-7"},
    {"iso_8859-7", "ISO-8859-7"}, {"iso_8859-7:1987", "ISO-8859-7"}, {"sun_eu_greek", "ISO-8859-7"},
    {"csiso88598e", "ISO-8859-8"}, {"csisolatinhebrew", "ISO-8859-8"}, {"hebrew", "ISO-8859-8"},
    {"iso-8859-8", "ISO-8859-8"}, {"iso-8859-8-e", "ISO-8859-8"}, {"iso-ir-138", "ISO-8859-8"},
    {"iso8859-8", "ISO-8859-8"}, {"iso88598", "ISO-8859-8"}, {"iso_8859-8", "ISO-8859-8"},
    {"iso_8859-8:1988", "ISO-8859-8"}, {"visual", "ISO-8859-8"},
    {"csiso88598i", "ISO-8859-8-I"}, {"iso-8859-8-i", "ISO-8859-8-I"}, {"logical", "ISO-8859-8-I"},
    {"csisolatin6", "ISO-8859-10"}, {"iso-8859-10", "ISO-8859-10"}, {"iso-ir-157", "ISO-8859-10"},
    {"iso8859-10", "ISO-8859-10"}, {"iso885910", "ISO-8859-10"}, {"l6", "ISO-8859-10"},
    {"latin6", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"}, {"iso8859-13", "ISO-8859-13"}, {"iso885913", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"}, {"iso8859-14", "ISO-8859-14"}, {"iso885914", "ISO-8859-14"},
    {"csisolatin9", "ISO-8859-15"}, {"iso-8859-15", "ISO-8859-15"}, {"iso8859-15", "ISO-8859-15"},
    {"iso885915", "ISO-8859-15"}, {"iso_8859-15", "ISO-8859-15"}, {"l9", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"cskoi8r", "KOI8-R"}, {"koi", "KOI8-R"}, {"koi8", "KOI8-R"}, {"koi8-r", "KOI8-R"},
    {"koi8_r", "KOI8-R"},
    {"koi8-ru", "KOI8-U"}, {"koi8-u", "KOI8-U"},
    {"csmacintosh", "macintosh"}, {"mac", "macintosh"}, {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"dos-874", "windows-874"}, {"iso-8859-11", "windows-874"}, {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"}, {"tis-620", "windows-874"}, {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"}, {"windows-1250", "windows-1250"}, {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"}, {"windows-1251", "windows-1251"}, {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"}, {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"iso-ir-100", "windows-1252"}, {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"l1", "windows-1252"}, {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"windows-1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
    {"x-user-defined", "windows-1252"},  // WHATWG: private-use code points; see encoding.h
    {"cp1253", "windows-1253"}, {"windows-1253", "windows-1253"}, {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"}, {"csisolatin5", "windows-1254"}, {"iso-8859-9", "windows-1254"},
    {"iso-ir-148", "windows-1254"}, {"iso8859-9", "windows-1254"}, {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"}, {"iso_8859-9:1989", "windows-1254"}, {"l5", "windows-1254"},
    {"latin5", "windows-1254"}, {"windows-1254", "windows-1254"}, {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"}, {"windows-1255", "windows-1255"}, {"x-cp1255", "windows-1255"},
    {"cp1256", "windows-1256"}, {"windows-1256", "windows-1256"}, {"x-cp1256", "windows-1256"},
    {"cp1257", "windows-1257"}, {"windows-1257", "windows-1257"}, {"x-cp1257", "windows-1257"},
    {"cp1258", "windows-1258"}, {"windows-1258", "windows-1258"}, {"x-cp1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"}, {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"chinese", "GBK"}, {"csgb2312", "GBK"}, {"csiso58gb231280", "GBK"}, {"gb2312", "GBK"},
    {"gb_2312", "GBK"}, {"gb_2312-80", "GBK"}, {"gbk", "GBK"}, {"iso-ir-58", "GBK"},
    {"x-gbk", "GBK"},
    {"gb18030", "gb18030"},
    {"big5", "Big5"}, {"big5-hkscs", "Big5"}, {"cn-big5", "Big5"}, {"csbig5", "Big5"},
    {"x-x-big5", "Big5"},
    {"cseucpkdfmtjapanese", "EUC-JP"}, {"euc-jp", "EUC-JP"}, {"x-euc-jp", "EUC-JP"},
    {"csiso2022jp", "ISO-2022-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
    {"csshiftjis", "Shift_JIS"}, {"ms932", "Shift_JIS"}, {"ms_kanji", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"}, {"shift_jis", "Shift_JIS"}, {"sjis", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"}, {"x-sjis", "Shift_JIS"},
    {"cseuckr", "EUC-KR"}, {"csksc56011987", "EUC-KR"}, {"euc-kr", "EUC-KR"},
    {"iso-ir-149", "EUC-KR"}, {"korean", "EUC-KR"}, {"ks_c_5601-1987", "EUC-KR"},
    {"ks_c_5601-1989", "EUC-KR"}, {"ksc5601", "EUC-KR"}, {"ksc_5601", "EUC-KR"},
    {"windows-949", "EUC-KR"},
    {"csiso2022kr", "ISO-2022-KR"}, {"iso-2022-kr", "ISO-2022-KR"},
    {"iso-2022-cn", "ISO-2022-CN"}, {"iso-2022-cn-ext", "ISO-2022-CN"},
    {"hz-gb-2312", "HZ-GB-2312"},
    {"unicodefffe", "UTF-16BE"}, {"utf-16be", "UTF-16BE"},
    {"csunicode", "UTF-16LE"}, {"iso-10646-ucs-2", "UTF-16LE"}, {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"}, {"unicodefeff", "UTF-16LE"}, {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
};
// clang-format on

const Charset* FindCharset(std::string_view name) {
  for (const Charset& c : kCharsets) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

inline bool IsAsciiWs(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}
inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
inline bool IsAsciiAlpha(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

std::string_view TrimAsciiWs(std::string_view s) {
  while (!s.empty() && IsAsciiWs(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && IsAsciiWs(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

const Charset* LookupLabel(std::string_view label) {
  label = TrimAsciiWs(label);
  char buf[32];
  if (label.empty() || label.size() > sizeof(buf)) return nullptr;
  for (size_t i = 0; i < label.size(); ++i) buf[i] = AsciiLower(label[i]);
  std::string_view lower(buf, label.size());
  for (const Label& l : kLabels) {
    if (l.label == lower) return FindCharset(l.charset);
  }
  return nullptr;
}

size_t FindCi(std::string_view s, std::string_view lower_needle, size_t from) {
  if (lower_needle.size() > s.size()) return kNpos;
  for (size_t i = from; i + lower_needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < lower_needle.size() && AsciiLower(s[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return i;
  }
  return kNpos;
}

// WHATWG "algorithm for extracting a character encoding from a meta element", also used on the
// HTTP Content-Type value.
std::optional<std::string_view> ExtractCharsetFromContent(std::string_view s) {
  size_t pos = 0;
  for (;;) {
    size_t at = FindCi(s, "charset", pos);
    if (at == kNpos) return std::nullopt;
    pos = at + 7;
    while (pos < s.size() && IsAsciiWs(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= s.size() || s[pos] != '=') continue;  // "charset" without "=": look further
    ++pos;
    while (pos < s.size() && IsAsciiWs(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= s.size()) return std::nullopt;
    if (s[pos] == '"' || s[pos] == '\'') {
      size_t close = s.find(s[pos], pos + 1);
      if (close == kNpos) return std::nullopt;
      return s.substr(pos + 1, close - pos - 1);
    }
    size_t end = pos;
    while (end < s.size() && !IsAsciiWs(static_cast<unsigned char>(s[end])) && s[end] != ';') ++end;
    return s.substr(pos, end - pos);
  }
}

// The charset named by an HTTP value: a bare label, a quoted label, or a whole Content-Type.
const Charset* LookupHttpCharset(std::string_view http) {
  if (FindCi(http, "charset", 0) != kNpos) {
    std::optional<std::string_view> label = ExtractCharsetFromContent(http);
    return label ? LookupLabel(*label) : nullptr;
  }
  http = TrimAsciiWs(http);
  if (http.size() >= 2 && (http.front() == '"' || http.front() == '\'') &&
      http.back() == http.front()) {
    http = http.substr(1, http.size() - 2);
  }
  return LookupLabel(http);
}

// ---------------------------------------------------------------------------------------------
// Meta prescan (WHATWG "prescan a byte stream to determine its encoding").

enum class AttrResult { kAttr, kNone, kEof };

// WHATWG "get an attribute". Names and values come out ASCII-lowercased.
AttrResult GetAttribute(std::string_view s, size_t& pos, std::string& name, std::string& value) {
  name.clear();
  value.clear();
  const size_t n = s.size();
  while (pos < n && (IsAsciiWs(static_cast<unsigned char>(s[pos])) || s[pos] == '/')) ++pos;
  if (pos >= n) return AttrResult::kEof;
  if (s[pos] == '>') return AttrResult::kNone;
  bool at_value = false;
  for (;;) {
    if (pos >= n) return AttrResult::kEof;
    char c = s[pos];
    if (c == '=' && !name.empty()) {
      ++pos;
      at_value = true;
      break;
    }
    if (IsAsciiWs(static_cast<unsigned char>(c))) break;
    if (c == '/' || c == '>') return AttrResult::kAttr;
    name.push_back(AsciiLower(c));
    ++pos;
  }
  if (!at_value) {
    while (pos < n && IsAsciiWs(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= n) return AttrResult::kEof;
    if (s[pos] != '=') return AttrResult::kAttr;
    ++pos;
  }
  while (pos < n && IsAsciiWs(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos >= n) return AttrResult::kEof;
  char c = s[pos];
  if (c == '"' || c == '\'') {
    const char quote = c;
    ++pos;
    for (;;) {
      if (pos >= n) return AttrResult::kEof;
      c = s[pos++];
      if (c == quote) return AttrResult::kAttr;
      value.push_back(AsciiLower(c));
    }
  }
  if (c == '>') return AttrResult::kAttr;
  for (;;) {
    if (pos >= n) return AttrResult::kEof;
    c = s[pos];
    if (IsAsciiWs(static_cast<unsigned char>(c)) || c == '>') return AttrResult::kAttr;
    value.push_back(AsciiLower(c));
    ++pos;
  }
}

bool StartsWithCi(std::string_view s, size_t pos, std::string_view lower) {
  if (pos + lower.size() > s.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (AsciiLower(s[pos + i]) != lower[i]) return false;
  }
  return true;
}

const Charset* PrescanMeta(std::string_view s) {
  const size_t n = s.size();
  size_t pos = 0;
  std::string name, value;
  std::vector<std::string> seen;
  while (pos < n) {
    if (s[pos] != '<') {  // everything below starts at a '<': skip to the next one
      pos = s.find('<', pos);
      if (pos == kNpos) break;
    }
    if (s.compare(pos, 4, "<!--") == 0) {
      size_t end = s.find("-->", pos + 2);  // "<!-->" is a whole comment
      if (end == kNpos) return nullptr;
      pos = end + 3;
      continue;
    }
    if (pos + 5 < n && StartsWithCi(s, pos, "<meta") &&
        (IsAsciiWs(static_cast<unsigned char>(s[pos + 5])) || s[pos + 5] == '/')) {
      pos += 5;
      seen.clear();
      bool got_pragma = false;
      int need_pragma = -1;  // -1 null, 0 false, 1 true
      bool charset_set = false;
      const Charset* charset = nullptr;  // nullptr with charset_set: "failure"
      for (;;) {
        AttrResult r = GetAttribute(s, pos, name, value);
        if (r == AttrResult::kEof) return nullptr;
        if (r == AttrResult::kNone) break;
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        if (name == "http-equiv") {
          if (value == "content-type") got_pragma = true;
        } else if (name == "content") {
          std::optional<std::string_view> label = ExtractCharsetFromContent(value);
          if (label && !charset_set) {
            charset = LookupLabel(*label);
            charset_set = true;
            need_pragma = 1;
          }
        } else if (name == "charset") {
          charset = LookupLabel(value);
          charset_set = true;
          need_pragma = 0;
        }
      }
      if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || charset == nullptr) {
        ++pos;
        continue;
      }
      if (charset->decoder == Decoder::kUtf16Le || charset->decoder == Decoder::kUtf16Be) {
        return FindCharset("UTF-8");  // a <meta> was read as ASCII, so it cannot be UTF-16
      }
      return charset;
    }
    if (s[pos] == '<' && pos + 1 < n &&
        (IsAsciiAlpha(s[pos + 1]) ||
         (s[pos + 1] == '/' && pos + 2 < n && IsAsciiAlpha(s[pos + 2])))) {
      while (pos < n && !IsAsciiWs(static_cast<unsigned char>(s[pos])) && s[pos] != '>') ++pos;
      for (;;) {
        AttrResult r = GetAttribute(s, pos, name, value);
        if (r == AttrResult::kEof) return nullptr;
        if (r == AttrResult::kNone) break;
      }
      ++pos;
      continue;
    }
    if (s.compare(pos, 2, "<!") == 0 || s.compare(pos, 2, "</") == 0 ||
        s.compare(pos, 2, "<?") == 0) {
      size_t end = s.find('>', pos + 2);
      if (end == kNpos) return nullptr;
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 scanning.

// Number of leading bytes that are ASCII and not NUL.
inline size_t CleanAsciiPrefix(const uint8_t* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero))) break;
  }
#else
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    std::memcpy(&v, p + i, 8);
    constexpr uint64_t kLow = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    if ((v & kHigh) | ((v - kLow) & ~v & kHigh)) break;
  }
#endif
  while (i < n && p[i] != 0 && p[i] < 0x80) ++i;
  return i;
}

// Length of the well-formed sequence at p (1..4, Unicode Table 3-7), or minus the length of its
// maximal malformed subpart (-1..-3). *incomplete is set when the input ends inside a sequence
// that was well-formed so far.
inline int Utf8Step(const uint8_t* p, const uint8_t* end, bool* incomplete) {
  const uint8_t b0 = p[0];
  if (b0 < 0x80) return 1;
  if (b0 < 0xC2) return -1;
  const size_t avail = static_cast<size_t>(end - p);
  if (b0 < 0xE0) {
    if (avail < 2) {
      *incomplete = true;
      return -1;
    }
    return (p[1] & 0xC0) == 0x80 ? 2 : -1;
  }
  uint8_t lo = 0x80, hi = 0xBF;
  int need;
  if (b0 < 0xF0) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 < 0xF5) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;
  }
  if (avail < 2) {
    *incomplete = true;
    return -1;
  }
  if (p[1] < lo || p[1] > hi) return -1;
  if (avail < 3) {
    *incomplete = true;
    return -2;
  }
  if ((p[2] & 0xC0) != 0x80) return -2;
  if (need == 3) return 3;
  if (avail < 4) {
    *incomplete = true;
    return -3;
  }
  if ((p[3] & 0xC0) != 0x80) return -3;
  return 4;
}

// At least kGoodPerBad well-formed multi-byte sequences per malformed one: see encoding.h.
constexpr size_t kGoodPerBad = 8;

struct Utf8Scan {
  size_t good = 0;               // well-formed multi-byte sequences (on the vector path of a
                                 // valid input: 1 if there is any, else 0)
  size_t bad = 0;                // malformed subparts, not counting an incomplete tail
  bool incomplete_tail = false;  // the input ends inside a sequence
  bool has_nul = false;
  size_t first_non_ascii = kNpos;  // set when the input is not valid UTF-8
  bool stopped_early = false;      // the counts cannot make the input look like UTF-8 any more

  bool clean() const { return bad == 0 && !incomplete_tail && !has_nul && !stopped_early; }
};

// Byte-at-a-time scan that counts everything; used when the input is not valid UTF-8.
Utf8Scan ScanUtf8Scalar(std::string_view s) {
  Utf8Scan r;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const begin = p;
  const uint8_t* const end = p + s.size();
  while (p < end) {
    p += CleanAsciiPrefix(p, static_cast<size_t>(end - p));
    // Scalar until past a 16-byte window, then try the fast ASCII skip again.
    const uint8_t* stop = std::min(p + 16, end);
    while (p < stop) {
      const uint8_t b = *p;
      if (b < 0x80) {
        r.has_nul |= (b == 0);
        ++p;
        continue;
      }
      if (r.first_non_ascii == kNpos) r.first_non_ascii = static_cast<size_t>(p - begin);
      bool incomplete = false;
      int k = Utf8Step(p, end, &incomplete);
      if (k > 0) {
        ++r.good;
        p += k;
      } else {
        if (incomplete) {
          r.incomplete_tail = true;
        } else {
          ++r.bad;
        }
        p += -k;
      }
    }
    // Legacy text: even if all that is left were 2-byte sequences, it could not reach the ratio.
    if (r.bad > 0 && r.good + static_cast<size_t>(end - p) / 2 < kGoodPerBad * r.bad) {
      r.stopped_early = true;
      break;
    }
  }
  return r;
}

#if defined(__x86_64__) || defined(__i386__)
// Vector validation after Keiser & Lemire, "Validating UTF-8 in less than one instruction per
// byte" (2021), on 16-byte SSSE3 blocks: three nibble lookups classify every byte pair, and
// saturating subtractions find the bytes that must be 3rd/4th bytes of a sequence. SSSE3 is
// checked at run time, so the default build needs no -m flags.
namespace vec {

constexpr uint8_t kTooShort = 1 << 0;   // lead or ASCII followed by a lead
constexpr uint8_t kTooLong = 1 << 1;    // ASCII followed by a continuation
constexpr uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 90.. and above
constexpr uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0, C1
constexpr uint8_t kTooLarge1000 = 1 << 6;
constexpr uint8_t kOverlong4 = 1 << 6;  // F0 80..8F
constexpr uint8_t kTwoConts = 1 << 7;   // continuation followed by continuation
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

#define NG_B(x) static_cast<char>(x)
struct State {
  __m128i error, prev_input, prev_incomplete, nul;
  int high_bits;
};

__attribute__((target("ssse3"), always_inline)) inline void Block(State& st, __m128i input) {
  const __m128i byte1_high =
      _mm_setr_epi8(NG_B(kTooLong), NG_B(kTooLong), NG_B(kTooLong), NG_B(kTooLong), NG_B(kTooLong),
                    NG_B(kTooLong), NG_B(kTooLong), NG_B(kTooLong), NG_B(kTwoConts),
                    NG_B(kTwoConts), NG_B(kTwoConts), NG_B(kTwoConts), NG_B(kTooShort | kOverlong2),
                    NG_B(kTooShort), NG_B(kTooShort | kOverlong3 | kSurrogate),
                    NG_B(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));
  const __m128i byte1_low = _mm_setr_epi8(
      NG_B(kCarry | kOverlong3 | kOverlong2 | kOverlong4), NG_B(kCarry | kOverlong2), NG_B(kCarry),
      NG_B(kCarry), NG_B(kCarry | kTooLarge), NG_B(kCarry | kTooLarge | kTooLarge1000),
      NG_B(kCarry | kTooLarge | kTooLarge1000), NG_B(kCarry | kTooLarge | kTooLarge1000),
      NG_B(kCarry | kTooLarge | kTooLarge1000), NG_B(kCarry | kTooLarge | kTooLarge1000),
      NG_B(kCarry | kTooLarge | kTooLarge1000), NG_B(kCarry | kTooLarge | kTooLarge1000),
      NG_B(kCarry | kTooLarge | kTooLarge1000),
      NG_B(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),
      NG_B(kCarry | kTooLarge | kTooLarge1000), NG_B(kCarry | kTooLarge | kTooLarge1000));
  const __m128i byte2_high = _mm_setr_epi8(
      NG_B(kTooShort), NG_B(kTooShort), NG_B(kTooShort), NG_B(kTooShort), NG_B(kTooShort),
      NG_B(kTooShort), NG_B(kTooShort), NG_B(kTooShort),
      NG_B(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4),
      NG_B(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),
      NG_B(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
      NG_B(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge), NG_B(kTooShort),
      NG_B(kTooShort), NG_B(kTooShort), NG_B(kTooShort));
  // A block is "incomplete" when its last 3 bytes start a sequence that needs the next block.
  const __m128i max_complete = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                             NG_B(0xF0 - 1), NG_B(0xE0 - 1), NG_B(0xC0 - 1));
  const __m128i nibble = _mm_set1_epi8(0x0F);

  const int high = _mm_movemask_epi8(input);
  st.high_bits |= high;
  if (high == 0) {
    st.error = _mm_or_si128(st.error, st.prev_incomplete);
    st.prev_incomplete = _mm_setzero_si128();
  } else {
    const __m128i prev1 = _mm_alignr_epi8(input, st.prev_input, 15);
    const __m128i prev2 = _mm_alignr_epi8(input, st.prev_input, 14);
    const __m128i prev3 = _mm_alignr_epi8(input, st.prev_input, 13);
    const __m128i b1h =
        _mm_shuffle_epi8(byte1_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
    const __m128i b1l = _mm_shuffle_epi8(byte1_low, _mm_and_si128(prev1, nibble));
    const __m128i b2h =
        _mm_shuffle_epi8(byte2_high, _mm_and_si128(_mm_srli_epi16(input, 4), nibble));
    const __m128i special = _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
    const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(NG_B(0xE0 - 0x80)));
    const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(NG_B(0xF0 - 0x80)));
    const __m128i must23 = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(NG_B(0x80)));
    st.error = _mm_or_si128(st.error, _mm_xor_si128(must23, special));
    st.prev_incomplete = _mm_subs_epu8(input, max_complete);
  }
  st.prev_input = input;
}

__attribute__((target("ssse3"))) bool Validate(const uint8_t* p, size_t n, bool* has_nul,
                                               bool* has_non_ascii) {
  const __m128i zero = _mm_setzero_si128();
  State st{zero, zero, zero, zero, 0};
  size_t i = 0;
  // HTML is mostly ASCII: 64 bytes without a high bit need only the NUL check, and what Block
  // does for an ASCII block (an incomplete sequence before it is an error; nothing is pending).
  for (; i + 64 <= n; i += 64) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 32));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 48));
    st.nul = _mm_or_si128(st.nul, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, zero),
                                                             _mm_cmpeq_epi8(b, zero)),
                                                _mm_or_si128(_mm_cmpeq_epi8(c, zero),
                                                             _mm_cmpeq_epi8(d, zero))));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) == 0) {
      st.error = _mm_or_si128(st.error, st.prev_incomplete);
      st.prev_incomplete = zero;
      st.prev_input = d;
      continue;
    }
    Block(st, a);
    Block(st, b);
    Block(st, c);
    Block(st, d);
  }
  for (; i + 16 <= n; i += 16) {
    const __m128i input = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    st.nul = _mm_or_si128(st.nul, _mm_cmpeq_epi8(input, zero));
    Block(st, input);
  }
  if (i < n) {
    alignas(16) uint8_t tail[16] = {};
    std::memcpy(tail, p + i, n - i);
    const __m128i input = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    const int tail_nul = _mm_movemask_epi8(_mm_cmpeq_epi8(input, zero)) & ((1 << (n - i)) - 1);
    if (tail_nul) st.nul = _mm_set1_epi8(-1);
    Block(st, input);  // the zero padding is ASCII, so a sequence cut by the end is an error
  }
  st.error = _mm_or_si128(st.error, st.prev_incomplete);
  *has_nul = _mm_movemask_epi8(_mm_cmpeq_epi8(st.nul, zero)) != 0xFFFF;
  *has_non_ascii = st.high_bits != 0;
  return _mm_movemask_epi8(_mm_cmpeq_epi8(st.error, zero)) == 0xFFFF;
}
#undef NG_B

bool Available() {
  static const bool ssse3 = __builtin_cpu_supports("ssse3");
  return ssse3;
}

}  // namespace vec
#endif

// One validating pass; the counting scalar pass runs only on inputs that are not valid UTF-8.
Utf8Scan ScanUtf8(std::string_view s) {
#if defined(__x86_64__) || defined(__i386__)
  if (vec::Available()) {
    Utf8Scan r;
    bool non_ascii = false;
    if (vec::Validate(reinterpret_cast<const uint8_t*>(s.data()), s.size(), &r.has_nul,
                      &non_ascii)) {
      r.good = non_ascii ? 1 : 0;
      return r;
    }
  }
#endif
  return ScanUtf8Scalar(s);
}

bool LooksLikeUtf8(const Utf8Scan& scan) {
  return scan.bad == 0 || scan.good >= kGoodPerBad * scan.bad;
}

constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";

// Appends `s` with malformed subparts replaced by U+FFFD and NULs dropped; returns true when a
// U+FFFD was inserted.
bool AppendSanitized(std::string_view s, std::string* out) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = p + s.size();
  bool lossy = false;
  while (p < end) {
    const uint8_t* run = p;
    // Extend the run over well-formed, non-NUL text.
    for (;;) {
      p += CleanAsciiPrefix(p, static_cast<size_t>(end - p));
      if (p >= end || *p == 0) break;
      bool incomplete = false;
      int k = Utf8Step(p, end, &incomplete);
      if (k <= 0) break;
      p += k;
    }
    out->append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    if (p >= end) break;
    if (*p == 0) {
      ++p;
      continue;
    }
    bool incomplete = false;
    int k = Utf8Step(p, end, &incomplete);
    out->append(kReplacementUtf8, 3);
    lossy = true;
    p += -k;
  }
  return lossy;
}

// Writes cp (< 0x110000, not a surrogate) as UTF-8 at w; returns the end.
inline char* PutCodePoint(uint32_t cp, char* w) {
  if (cp < 0x80) {
    *w++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *w++ = static_cast<char>(0xC0 | (cp >> 6));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (cp >> 12));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (cp >> 18));
    *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

// Appending through a raw pointer: Grow() makes room for at most `max_bytes` more bytes, and
// Commit() trims the string to what was written. Far cheaper than push_back per character.
inline char* Grow(std::string* out, size_t max_bytes) {
  const size_t old = out->size();
  out->resize(old + max_bytes);
  return out->data() + old;
}
inline void Commit(std::string* out, const char* w) {
  out->resize(static_cast<size_t>(w - out->data()));
}

// ---------------------------------------------------------------------------------------------
// Single-byte tables (0x80..0xFF) for the charsets we decode without ICU.

constexpr std::array<uint16_t, 128> Windows1252High() {
  constexpr uint16_t k80[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::array<uint16_t, 128> t{};
  for (int i = 0; i < 32; ++i) t[i] = k80[i];
  for (int i = 32; i < 128; ++i) t[i] = static_cast<uint16_t>(0x80 + i);
  return t;
}

constexpr std::array<uint16_t, 128> Iso885916High() {
  constexpr uint16_t kA0[96] = {
      0x00A0, 0x0104, 0x0105, 0x0141, 0x20AC, 0x201E, 0x0160, 0x00A7, 0x0161, 0x00A9, 0x0218,
      0x00AB, 0x0179, 0x00AD, 0x017A, 0x017B, 0x00B0, 0x00B1, 0x010C, 0x0142, 0x017D, 0x201D,
      0x00B6, 0x00B7, 0x017E, 0x010D, 0x0219, 0x00BB, 0x0152, 0x0153, 0x0178, 0x017C, 0x00C0,
      0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0106, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB,
      0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x0110, 0x0143, 0x00D2, 0x00D3, 0x00D4, 0x0150, 0x00D6,
      0x015A, 0x0170, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x0118, 0x021A, 0x00DF, 0x00E0, 0x00E1,
      0x00E2, 0x0103, 0x00E4, 0x0107, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC,
      0x00ED, 0x00EE, 0x00EF, 0x0111, 0x0144, 0x00F2, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x015B,
      0x0171, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0119, 0x021B, 0x00FF};
  std::array<uint16_t, 128> t{};
  for (int i = 0; i < 32; ++i) t[i] = static_cast<uint16_t>(0x80 + i);
  for (int i = 0; i < 96; ++i) t[32 + i] = kA0[i];
  return t;
}

constexpr std::array<uint16_t, 128> kWindows1252High = Windows1252High();
constexpr std::array<uint16_t, 128> kIso885916High = Iso885916High();

// Returns true when a byte mapped to U+FFFD (unassigned in the charset).
bool AppendSingleByte(std::string_view s, const std::array<uint16_t, 128>& high, std::string* out) {
  // Each high byte's UTF-8 form, stored little-endian in 4 bytes and written with one memcpy.
  uint32_t utf8[128];
  uint8_t len[128];
  for (int i = 0; i < 128; ++i) {
    char buf[4] = {};
    len[i] = static_cast<uint8_t>(PutCodePoint(high[i], buf) - buf);
    std::memcpy(&utf8[i], buf, 4);
  }
  bool lossy = false;
  constexpr size_t kChunk = 64 * 1024;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = p + s.size();
  while (p < end) {
    const uint8_t* const chunk_end = p + std::min<size_t>(kChunk, static_cast<size_t>(end - p));
    char* w = Grow(out, static_cast<size_t>(chunk_end - p) * 3 + 1);
    while (p < chunk_end) {
      const uint8_t b = *p;
      if (b >= 0x80) {
        std::memcpy(w, &utf8[b - 0x80], 4);
        w += len[b - 0x80];
        lossy |= high[b - 0x80] == 0xFFFD;
        ++p;
      } else if (b == 0) {
        ++p;
      } else {
        const size_t run = CleanAsciiPrefix(p, static_cast<size_t>(chunk_end - p));
        std::memcpy(w, p, run);
        w += run;
        p += run;
      }
    }
    Commit(out, w);
  }
  return lossy;
}

// ---------------------------------------------------------------------------------------------
// ICU conversion.

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr OpenConverter(const char* name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(name, &err));
  if (U_FAILURE(err)) return nullptr;
  return conv;
}

// Every malformed or unmappable input becomes exactly one U+FFFD (ICU's own default would give
// U+001A for some single-byte converters), and the caller learns that the decode was lossy.
void SubstituteFffd(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/,
                    int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  *static_cast<bool*>(const_cast<void*>(context)) = true;
  *err = U_ZERO_ERROR;
  static const UChar kFffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, err);
}

// Appends UTF-16 as UTF-8, dropping U+0000; a lone surrogate becomes U+FFFD. A high surrogate at
// the end of `u` is kept in *pending for the next chunk.
bool AppendUtf16(const UChar* u, size_t n, UChar* pending, std::string* out) {
  bool lossy = false;
  char* w = Grow(out, n * 3 + 3);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = u[i];
    if (c < 0x80) {
      if (*pending != 0) {
        w = PutCodePoint(0xFFFD, w);
        lossy = true;
        *pending = 0;
      }
      if (c != 0) *w++ = static_cast<char>(c);
      continue;
    }
    if (*pending != 0) {
      if (c >= 0xDC00 && c <= 0xDFFF) {
        w = PutCodePoint(
            0x10000 + ((static_cast<uint32_t>(*pending) - 0xD800) << 10) + (c - 0xDC00), w);
        *pending = 0;
        continue;
      }
      w = PutCodePoint(0xFFFD, w);
      lossy = true;
      *pending = 0;
    }
    if (c >= 0xD800 && c <= 0xDBFF) {
      *pending = static_cast<UChar>(c);
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      w = PutCodePoint(0xFFFD, w);
      lossy = true;
    } else {
      w = PutCodePoint(c, w);
    }
  }
  Commit(out, w);
  return lossy;
}

// Converts with ICU; false (and nothing useful in *out) when the converter cannot be used.
bool ConvertWithIcu(std::string_view bytes, const char* icu_name, std::string* out, bool* lossy) {
  ConverterPtr conv = OpenConverter(icu_name);
  if (!conv) return false;
  UErrorCode err = U_ZERO_ERROR;
  bool substituted = false;
  ucnv_setToUCallBack(conv.get(), SubstituteFffd, &substituted, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return false;

  constexpr size_t kChunk = 16 * 1024;
  std::vector<UChar> buf(kChunk);
  out->reserve(bytes.size() + bytes.size() / 4);
  const char* src = bytes.data();
  const char* const src_end = src + bytes.size();
  UChar pending = 0;
  bool surrogate_lossy = false;
  do {
    err = U_ZERO_ERROR;
    UChar* target = buf.data();
    ucnv_toUnicode(conv.get(), &target, buf.data() + kChunk, &src, src_end, nullptr,
                   /*flush=*/true, &err);
    surrogate_lossy |=
        AppendUtf16(buf.data(), static_cast<size_t>(target - buf.data()), &pending, out);
  } while (err == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(err)) return false;
  if (pending != 0) {
    out->append(kReplacementUtf8, 3);
    surrogate_lossy = true;
  }
  *lossy = substituted || surrogate_lossy;
  return true;
}

// The 0x80..0xFF half of a single-byte charset, read from ICU; false when ICU cannot open it.
bool SingleByteTableFromIcu(const char* icu_name, std::array<uint16_t, 128>* table) {
  ConverterPtr conv = OpenConverter(icu_name);
  if (!conv) return false;
  for (int b = 0x80; b <= 0xFF; ++b) {
    const char byte = static_cast<char>(b);
    UChar u[4];
    UErrorCode err = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    const int32_t n = ucnv_toUChars(conv.get(), u, 4, &byte, 1, &err);
    const bool single =
        U_SUCCESS(err) && n == 1 && u[0] != 0 && u[0] != 0x1A && (u[0] < 0xD800 || u[0] > 0xDFFF);
    (*table)[b - 0x80] = single ? u[0] : 0xFFFD;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Detection.

enum class Utf16Guess { kNone, kLe, kBe };

// BOM-less UTF-16 HTML is mostly ASCII markup, so every other byte is NUL.
Utf16Guess SniffUtf16(std::string_view s) {
  const size_t n = std::min<size_t>(s.size(), 2048) & ~size_t{1};
  if (n < 8) return Utf16Guess::kNone;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    even += s[i] == 0;
    odd += s[i + 1] == 0;
  }
  const size_t pairs = n / 2;
  if (odd * 10 >= pairs * 3 && even * 10 < pairs) return Utf16Guess::kLe;
  if (even * 10 >= pairs * 3 && odd * 10 < pairs) return Utf16Guess::kBe;
  return Utf16Guess::kNone;
}

// What to decode with: a table entry, or a charset only uchardet and ICU know (e.g. IBM855).
struct Choice {
  std::string name;
  std::string icu;
  Decoder decoder = Decoder::kWindows1252;
};

Choice FromCharset(const Charset& c) {
  return {std::string(c.name), c.icu ? c.icu : "", c.decoder};
}

std::optional<Choice> FromUchardet(const char* detected) {
  if (detected == nullptr || *detected == '\0') return std::nullopt;
  std::string_view name(detected);
  if (const Charset* c = LookupLabel(name)) return FromCharset(*c);
  if (name == "MAC-CENTRALEUROPE")
    return Choice{"x-mac-ce", "x-mac-centraleurroman", Decoder::kIcu};
  if (OpenConverter(detected)) return Choice{std::string(name), std::string(name), Decoder::kIcu};
  return std::nullopt;  // e.g. VISCII, which ICU 72 lacks
}

std::string RunUchardet(std::string_view bytes, size_t first_non_ascii) {
  constexpr size_t kWindow = 64 * 1024, kLead = 1024;
  size_t start = 0;
  if (first_non_ascii != kNpos && first_non_ascii > kLead) start = first_non_ascii - kLead;
  std::string_view window = bytes.substr(start, kWindow);
  uchardet_t ud = uchardet_new();
  if (ud == nullptr) return {};
  std::string result;
  if (uchardet_handle_data(ud, window.data(), window.size()) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs != nullptr) result = cs;
  }
  uchardet_delete(ud);
  return result;
}

// The decode a declared charset leads to, or nullopt when the bytes contradict it.
std::optional<Choice> CheckDeclared(const Charset& declared, const Utf8Scan& scan, Utf16Guess utf16,
                                    std::string* source) {
  const bool declared_utf16 =
      declared.decoder == Decoder::kUtf16Le || declared.decoder == Decoder::kUtf16Be;
  if (declared_utf16 || utf16 != Utf16Guess::kNone) {
    if (!declared_utf16 || utf16 == Utf16Guess::kNone) return std::nullopt;
    return FromCharset(*FindCharset(utf16 == Utf16Guess::kLe ? "UTF-16LE" : "UTF-16BE"));
  }
  if (declared.decoder == Decoder::kUtf8) {
    if (!LooksLikeUtf8(scan)) return std::nullopt;
    return FromCharset(declared);
  }
  // A legacy charset, but the bytes are (overwhelmingly) UTF-8 with real multi-byte text.
  if (scan.good > 0 && LooksLikeUtf8(scan)) {
    *source = "utf8-check";
    return FromCharset(*FindCharset("UTF-8"));
  }
  return FromCharset(declared);
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  Utf8Scan scan = ScanUtf8(s);
  return scan.bad == 0 && !scan.incomplete_tail;
}

std::string SanitizeUtf8(std::string_view s) {
  if (ScanUtf8(s).clean()) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  AppendSanitized(s, &out);
  return out;
}

std::optional<std::string_view> CanonicalCharset(std::string_view label) {
  const Charset* c = LookupLabel(label);
  if (c == nullptr) return std::nullopt;
  return c->name;
}

std::optional<std::string_view> PrescanMetaCharset(std::string_view bytes, size_t limit) {
  const Charset* c = PrescanMeta(bytes.substr(0, limit));
  if (c == nullptr) return std::nullopt;
  return c->name;
}

ng::Result<DecodedText> DecodeHtml(std::string_view bytes, std::string_view http_charset,
                                   bool borrow_input) {
  DecodedText out;
  std::optional<Choice> choice;
  std::string_view body = bytes;
  const Utf8Scan* scan_of_body = nullptr;

  // 1. Byte order mark.
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    choice = FromCharset(*FindCharset("UTF-8"));
    body = bytes.substr(3);
  } else if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFF\xFE") == 0) {
    choice = FromCharset(*FindCharset("UTF-16LE"));
    body = bytes.substr(2);
  } else if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFE\xFF") == 0) {
    choice = FromCharset(*FindCharset("UTF-16BE"));
    body = bytes.substr(2);
  }
  if (choice) out.source = "bom";

  Utf8Scan scan;
  if (!choice) {
    scan = ScanUtf8(bytes);
    scan_of_body = &scan;
    const Utf16Guess utf16 = SniffUtf16(bytes);
    // 2. and 3. Declarations, each trusted only when the bytes agree with it.
    if (!http_charset.empty()) {
      if (const Charset* declared = LookupHttpCharset(http_charset)) {
        out.source = "http";
        choice = CheckDeclared(*declared, scan, utf16, &out.source);
      }
    }
    if (!choice && utf16 == Utf16Guess::kNone) {
      if (const Charset* declared = PrescanMeta(bytes.substr(0, 4096))) {
        out.source = "meta";
        choice = CheckDeclared(*declared, scan, utf16, &out.source);
      }
    }
    // 4. UTF-8 (including pure ASCII).
    if (!choice && utf16 == Utf16Guess::kNone && LooksLikeUtf8(scan)) {
      out.source = "utf8-check";
      choice = FromCharset(*FindCharset("UTF-8"));
    }
    // BOM-less UTF-16 (uchardet 0.0.7 reads it as a single-byte charset).
    if (!choice && utf16 != Utf16Guess::kNone) {
      out.source = "utf16-sniff";
      choice = FromCharset(*FindCharset(utf16 == Utf16Guess::kLe ? "UTF-16LE" : "UTF-16BE"));
    }
    // 5. uchardet.
    if (!choice) {
      std::string detected = RunUchardet(bytes, scan.first_non_ascii);
      choice = FromUchardet(detected.c_str());
      if (choice) out.source = "uchardet";
    }
    // 6. The web's default.
    if (!choice) {
      out.source = "default";
      choice = FromCharset(*FindCharset("windows-1252"));
    }
  }

  out.charset = choice->name;
  switch (choice->decoder) {
    case Decoder::kUtf8:
      if (scan_of_body == nullptr) {  // after a BOM
        scan = ScanUtf8(body);
        scan_of_body = &scan;
      }
      if (scan_of_body->clean() && borrow_input) {
        out.borrowed = true;
        out.borrowed_text = body;
      } else if (scan_of_body->clean()) {
        out.utf8.assign(body);
      } else {
        out.utf8.reserve(body.size() + 16);
        out.lossy = AppendSanitized(body, &out.utf8);
      }
      return out;
    case Decoder::kWindows1252:
      out.utf8.reserve(body.size() + body.size() / 8);
      out.lossy = AppendSingleByte(body, kWindows1252High, &out.utf8);
      return out;
    case Decoder::kIso885916:
      out.utf8.reserve(body.size() + body.size() / 8);
      out.lossy = AppendSingleByte(body, kIso885916High, &out.utf8);
      return out;
    case Decoder::kIcuSingleByte: {
      std::array<uint16_t, 128> table;
      if (SingleByteTableFromIcu(choice->icu.c_str(), &table)) {
        out.utf8.reserve(body.size() + body.size() / 2);
        out.lossy = AppendSingleByte(body, table, &out.utf8);
        return out;
      }
      [[fallthrough]];  // ICU cannot open it: the fallback below
    }
    case Decoder::kUtf16Le:
    case Decoder::kUtf16Be:
    case Decoder::kIcu: {
      const char* icu = choice->decoder == Decoder::kUtf16Le   ? "UTF-16LE"
                        : choice->decoder == Decoder::kUtf16Be ? "UTF-16BE"
                                                               : choice->icu.c_str();
      if (ConvertWithIcu(body, icu, &out.utf8, &out.lossy)) return out;
      // ICU could not convert (missing data?): keep the text readable rather than fail.
      out.utf8.clear();
      out.lossy = false;
      out.charset = "windows-1252";
      out.source = "default";
      out.lossy = AppendSingleByte(body, kWindows1252High, &out.utf8);
      return out;
    }
  }
  return ng::Internal("DecodeHtml: unhandled decoder for charset '" + choice->name + "'");
}

}  // namespace ng::extract
