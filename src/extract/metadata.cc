// metadata.cc — see metadata.h. One iterative pass over the DOM collects every source (meta tags,
// JSON-LD texts, canonical link, title, h1, <time>, byline/tag/breadcrumb candidates); the
// fields are then decided source by source, best first. Nothing here recurses on page data:
// DOM walks use html::Next, JSON-LD is walked breadth-first with an explicit queue.
#include "extract/metadata.h"
#include "base/utf8.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <deque>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/class_id.h"

namespace ng::extract {
namespace {

using html::Node;
using html::Tag;

// ---------------------------------------------------------------------------------------------
// Small string helpers (ASCII case folding: every keyword we compare against is ASCII or
// already lower-case UTF-8).

constexpr char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
constexpr bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

size_t IFind(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  if (hay.size() < needle.size()) return std::string_view::npos;
  const char first = Lower(needle[0]);
  for (size_t i = from; i + needle.size() <= hay.size(); ++i)
    if (Lower(hay[i]) == first && IEquals(hay.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

bool IContains(std::string_view hay, std::string_view needle) {
  return IFind(hay, needle) != std::string_view::npos;
}

// Whole-word, case-insensitive search (word = run of ASCII letters/digits or non-ASCII bytes).
bool IsWordByte(char c) {
  return IsAsciiAlpha(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0x80;
}
size_t IFindWord(std::string_view hay, std::string_view word, size_t from = 0) {
  for (size_t i = IFind(hay, word, from); i != std::string_view::npos;
       i = IFind(hay, word, i + 1)) {
    bool left = i == 0 || !IsWordByte(hay[i - 1]);
    size_t end = i + word.size();
    bool right = end >= hay.size() || !IsWordByte(hay[end]);
    if (left && right) return i;
  }
  return std::string_view::npos;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++n;
    }
  }
  return n;
}

bool IsUrlLike(std::string_view s) {
  s = TrimAscii(s);
  return IStartsWith(s, "http://") || IStartsWith(s, "https://") || IStartsWith(s, "//") ||
         IStartsWith(s, "www.") || s.find("://") != std::string_view::npos;
}

struct NamedEntity {
  std::string_view name;
  uint32_t cp;
};
// The entities that show up in metadata (JSON-LD strings are not entity-decoded by the HTML
// parser, and some CMSes double-encode attribute values). Numeric references cover the rest.
// clang-format off
constexpr NamedEntity kEntities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A},
    {"middot", 0xB7}, {"bull", 0x2022}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122},
    {"euro", 0x20AC}, {"pound", 0xA3}, {"deg", 0xB0}, {"shy", 0xAD}, {"Agrave", 0xC0},
    {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Auml", 0xC4}, {"Ccedil", 0xC7}, {"Egrave", 0xC8},
    {"Eacute", 0xC9}, {"Ecirc", 0xCA}, {"Iacute", 0xCD}, {"Ntilde", 0xD1}, {"Oacute", 0xD3},
    {"Ouml", 0xD6}, {"Uacute", 0xDA}, {"Uuml", 0xDC}, {"szlig", 0xDF}, {"agrave", 0xE0},
    {"aacute", 0xE1}, {"acirc", 0xE2}, {"atilde", 0xE3}, {"auml", 0xE4}, {"aring", 0xE5},
    {"ccedil", 0xE7}, {"egrave", 0xE8}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"euml", 0xEB},
    {"igrave", 0xEC}, {"iacute", 0xED}, {"icirc", 0xEE}, {"iuml", 0xEF}, {"ntilde", 0xF1},
    {"ograve", 0xF2}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"otilde", 0xF5}, {"ouml", 0xF6},
    {"oslash", 0xF8}, {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB}, {"uuml", 0xFC},
    {"yacute", 0xFD}, {"yuml", 0xFF},
};
// clang-format on

// Windows-1252 for &#128;..&#159; (old CMSes emit &#146; for ’).
// clang-format off
constexpr uint16_t kCp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};
// clang-format on

std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      size_t semi = s.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i >= 3 && semi - i <= 10) {
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent[0] == '#') {
          uint32_t cp = 0;
          bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
          std::string_view digits = ent.substr(hex ? 2 : 1);
          auto [ptr, ec] =
              std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
          if (ec == std::errc() && ptr == digits.data() + digits.size() && !digits.empty() &&
              cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            if (cp >= 0x80 && cp < 0xA0) cp = kCp1252[cp - 0x80];
            AppendUtf8(&out, cp);
            i = semi;
            continue;
          }
        } else {
          bool found = false;
          for (const auto& e : kEntities) {
            if (e.name == ent ||
                (ent.size() <= 5 && IEquals(e.name, ent) && (e.cp < 0x80 || e.name == "nbsp"))) {
              AppendUtf8(&out, e.cp);
              found = true;
              break;
            }
          }
          if (found) {
            i = semi;
            continue;
          }
        }
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Drops "<tag …>" runs (JSON-LD descriptions and headlines sometimes carry markup).
std::string StripTags(std::string_view s) {
  if (s.find('<') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() &&
        (IsAsciiAlpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      size_t close = s.find('>', i + 1);
      if (close != std::string_view::npos) {
        out.push_back(' ');
        i = close;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// The form every text field leaves in: entities decoded, tags dropped, whitespace collapsed.
std::string CleanText(std::string_view s) {
  return html::CollapseWhitespace(StripTags(DecodeEntities(s)));
}

void AddUnique(std::vector<std::string>& list, std::string value) {
  if (value.empty()) return;
  for (const auto& v : list)
    if (IEquals(v, value)) return;
  list.push_back(std::move(value));
}

// ---------------------------------------------------------------------------------------------
// Dates.

struct DateTime {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  bool has_tz = false;
  int tz_minutes = 0;
};

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}
bool ValidDate(int y, int m, int d) {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::string FormatDate(const DateTime& t) {
  char buf[40];
  if (!t.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  } else if (!t.has_tz) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour,
                  t.minute, t.second);
  } else {
    int off = t.tz_minutes < 0 ? -t.tz_minutes : t.tz_minutes;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.year, t.month,
                  t.day, t.hour, t.minute, t.second, t.tz_minutes < 0 ? '-' : '+', off / 60,
                  off % 60);
  }
  return buf;
}

// Reads exactly n digits at s[pos]; advances pos.
bool ReadDigits(std::string_view s, size_t& pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  pos += n;
  *out = v;
  return true;
}

// Reads 1..max_n digits; advances pos.
bool ReadNumber(std::string_view s, size_t& pos, size_t max_n, int* out, size_t* n_read) {
  size_t start = pos;
  int v = 0;
  while (pos < s.size() && IsDigit(s[pos]) && pos - start < max_n) v = v * 10 + (s[pos++] - '0');
  if (pos == start || (pos < s.size() && IsDigit(s[pos]))) {
    pos = start;
    return false;
  }
  *out = v;
  if (n_read) *n_read = pos - start;
  return true;
}

void SkipSpaces(std::string_view s, size_t& pos) {
  while (pos < s.size() && IsSpace(s[pos])) ++pos;
}

struct NamedZone {
  std::string_view name;
  int minutes;
};
// clang-format off
constexpr NamedZone kZones[] = {
    {"utc", 0}, {"gmt", 0}, {"ut", 0}, {"z", 0}, {"est", -300}, {"edt", -240}, {"cst", -360},
    {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540},
    {"akdt", -480}, {"hst", -600}, {"cet", 60}, {"cest", 120}, {"mez", 60}, {"mesz", 120},
    {"wet", 0}, {"west", 60}, {"eet", 120}, {"eest", 180}, {"bst", 60}, {"msk", 180}, {"jst", 540},
    {"kst", 540}, {"aest", 600}, {"aedt", 660}, {"awst", 480}, {"nzst", 720}, {"nzdt", 780},
    {"sgt", 480}, {"hkt", 480},
};
// clang-format on

// "+05:30", "+0530", "+05", "-8" (after "UTC"/"GMT") → minutes east of UTC.
bool ReadOffset(std::string_view s, size_t& pos, int* minutes) {
  if (pos >= s.size()) return false;
  size_t p = pos;
  int sign = 0;
  if (s[p] == '+' || s[p] == '-') {
    sign = s[p] == '+' ? 1 : -1;
    ++p;
  } else if (s.substr(p, 3) == "\xE2\x88\x92") {  // U+2212 MINUS SIGN
    sign = -1;
    p += 3;
  } else {
    return false;
  }
  size_t run = 0;
  while (p + run < s.size() && IsDigit(s[p + run])) ++run;
  int h = 0, m = 0;
  if (run == 4) {
    ReadDigits(s, p, 2, &h);
    ReadDigits(s, p, 2, &m);
  } else if (run == 1 || run == 2) {
    ReadDigits(s, p, run, &h);
    if (p + 2 < s.size() && s[p] == ':' && IsDigit(s[p + 1]) && IsDigit(s[p + 2])) {
      ++p;
      ReadDigits(s, p, 2, &m);
    }
  } else {
    return false;
  }
  if (h > 14 || m > 59) return false;
  *minutes = sign * (h * 60 + m);
  pos = p;
  return true;
}

// A time of day at s[pos] ("9:14", "09:14:52", "09:14:52.123", optional am/pm, optional zone).
bool ReadTime(std::string_view s, size_t& pos, DateTime* t) {
  size_t p = pos;
  int h = 0, mi = 0, sec = 0;
  if (!ReadNumber(s, p, 2, &h, nullptr)) return false;
  if (p >= s.size() || (s[p] != ':' && s[p] != '.' && s[p] != 'h')) return false;
  char sep = s[p++];
  if (!ReadDigits(s, p, 2, &mi)) return false;
  if (p < s.size() && s[p] == sep && sep == ':') {
    size_t q = p + 1;
    if (ReadDigits(s, q, 2, &sec)) p = q;
    if (p < s.size() && (s[p] == '.' || s[p] == ',') && p + 1 < s.size() && IsDigit(s[p + 1])) {
      ++p;
      while (p < s.size() && IsDigit(s[p])) ++p;  // fraction: dropped
    }
  }
  // am / pm ("am", "a.m.", "AM")
  size_t q = p;
  SkipSpaces(s, q);
  if (q + 1 < s.size() && (Lower(s[q]) == 'a' || Lower(s[q]) == 'p')) {
    bool pm = Lower(s[q]) == 'p';
    size_t r = q + 1;
    if (r < s.size() && s[r] == '.') ++r;
    if (r < s.size() && Lower(s[r]) == 'm') {
      ++r;
      if (r < s.size() && s[r] == '.') ++r;
      if (r >= s.size() || !IsAsciiAlpha(s[r])) {
        if (h < 1 || h > 12) return false;
        if (pm && h != 12) h += 12;
        if (!pm && h == 12) h = 0;
        p = r;
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  t->has_time = true;
  t->hour = h;
  t->minute = mi;
  t->second = sec == 60 ? 59 : sec;
  // Zone: "Z", "+01:00", "GMT", "UTC+1", "EST", "(CET)".
  q = p;
  if (q < s.size() && (s[q] == 'Z' || s[q] == 'z') &&
      (q + 1 >= s.size() || !IsAsciiAlpha(s[q + 1]))) {
    t->has_tz = true;
    t->tz_minutes = 0;
    pos = q + 1;
    return true;
  }
  SkipSpaces(s, q);
  if (q < s.size() && s[q] == '(') ++q;
  int off = 0;
  if (ReadOffset(s, q, &off)) {
    t->has_tz = true;
    t->tz_minutes = off;
    pos = q;
    return true;
  }
  size_t w = q;
  while (w < s.size() && IsAsciiAlpha(s[w])) ++w;
  std::string word = ToLower(s.substr(q, w - q));
  for (const auto& z : kZones) {
    if (word == z.name) {
      t->has_tz = true;
      t->tz_minutes = z.minutes;
      size_t r = w;
      if ((word == "utc" || word == "gmt") && ReadOffset(s, r, &off)) {
        t->tz_minutes = off;
        w = r;
      }
      pos = w;
      return true;
    }
  }
  pos = p;
  return true;
}

// Tail after a date: nothing, or a time. Returns false only when a time was started but broken.
void ReadOptionalTime(std::string_view s, size_t pos, DateTime* t) {
  SkipSpaces(s, pos);
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ',')) ++pos;
  SkipSpaces(s, pos);
  if (IStartsWith(s.substr(pos), "at ")) pos += 3;
  if (IStartsWith(s.substr(pos), "um ")) pos += 3;
  if (IStartsWith(s.substr(pos), "- ")) pos += 2;
  if (IStartsWith(s.substr(pos), "| ")) pos += 2;
  DateTime copy = *t;
  if (!ReadTime(s, pos, &copy)) return;
  *t = copy;
}

// Days since 1970-01-01 → civil date (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// "YYYY-MM-DD" or "YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]" exactly, with valid fields.
bool IsStrictIso(std::string_view s) {
  size_t p = 0;
  int y, mo, d;
  if (!ReadDigits(s, p, 4, &y) || p >= s.size() || s[p++] != '-' || !ReadDigits(s, p, 2, &mo) ||
      p >= s.size() || s[p++] != '-' || !ReadDigits(s, p, 2, &d) || !ValidDate(y, mo, d)) {
    return false;
  }
  if (p == s.size()) return true;
  if (s[p] != 'T' && s[p] != 't') return false;
  ++p;
  int h, mi, sec = 0;
  if (!ReadDigits(s, p, 2, &h) || p >= s.size() || s[p++] != ':' || !ReadDigits(s, p, 2, &mi))
    return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!ReadDigits(s, p, 2, &sec)) return false;
    if (p < s.size() && s[p] == '.') {
      ++p;
      size_t start = p;
      while (p < s.size() && IsDigit(s[p])) ++p;
      if (p == start) return false;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  if (p == s.size()) return true;
  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == s.size();
  if (s[p] != '+' && s[p] != '-') return false;
  ++p;
  int oh, om;
  if (!ReadDigits(s, p, 2, &oh) || p >= s.size() || s[p++] != ':' || !ReadDigits(s, p, 2, &om))
    return false;
  return p == s.size() && oh <= 14 && om <= 59;
}

struct MonthName {
  std::string_view name;
  int month;
};
// Lower-case month names and abbreviations: en, de, fr, es, it, pt, nl.
// clang-format off
constexpr MonthName kMonths[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
    // de
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mär", 3},
    {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10}, {"dezember", 12},
    {"dez", 12},
    // fr
    {"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fevr", 2},
    {"mars", 3}, {"avril", 4}, {"avr", 4}, {"juin", 6}, {"juillet", 7}, {"juil", 7}, {"août", 8},
    {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"decembre", 12}, {"déc", 12},
    // es
    {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9}, {"setiembre", 9},
    {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"dic", 12},
    // it
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
    {"settembre", 9}, {"ottobre", 10},
    // pt
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    // nl
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
};
// clang-format on

int MonthFromWord(std::string_view lower_word) {
  for (const auto& m : kMonths)
    if (m.name == lower_word) return m.month;
  return 0;
}

// Numeric dates: "2024-02-07[ T]09:14[:52][zone]", "2024/02/07", "07.02.2024", "7/2/2024" (only
// when unambiguous), "20240207", Unix seconds / milliseconds.
bool ParseNumericDate(std::string_view s, DateTime* t) {
  bool all_digits = !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
  if (all_digits) {
    if (s.size() == 8) {
      size_t p = 0;
      ReadDigits(s, p, 4, &t->year);
      ReadDigits(s, p, 2, &t->month);
      ReadDigits(s, p, 2, &t->day);
      return ValidDate(t->year, t->month, t->day);
    }
    if (s.size() == 10 || s.size() == 13) {
      int64_t v = 0;
      std::from_chars(s.data(), s.data() + s.size(), v);
      if (s.size() == 13) v /= 1000;
      // 2000-01-01 .. 2100-01-01: a bare number outside that is more likely an id.
      if (v < 946684800 || v >= 4102444800) return false;
      int64_t days = v / 86400, rem = v % 86400;
      CivilFromDays(days, &t->year, &t->month, &t->day);
      t->has_time = t->has_tz = true;
      t->hour = static_cast<int>(rem / 3600);
      t->minute = static_cast<int>(rem % 3600 / 60);
      t->second = static_cast<int>(rem % 60);
      t->tz_minutes = 0;
      return true;
    }
    return false;
  }
  size_t p = 0;
  int a = 0, b = 0, c = 0;
  size_t na = 0, nb = 0, nc = 0;
  if (!ReadNumber(s, p, 4, &a, &na) || p >= s.size()) return false;
  char sep = s[p];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  ++p;
  if (!ReadNumber(s, p, 2, &b, &nb) || p >= s.size() || s[p] != sep) return false;
  ++p;
  if (!ReadNumber(s, p, 4, &c, &nc)) return false;
  if (na == 4 && nc <= 2) {
    t->year = a, t->month = b, t->day = c;
  } else if (na <= 2 && nc == 4) {
    t->year = c;
    if (sep == '.' || a > 12) {
      t->day = a, t->month = b;  // 07.02.2024 is always day-first; 13/02/2024 too
    } else if (b > 12 || a == b) {
      t->month = a, t->day = b;
    } else {
      return false;  // 02/07/2024: US or European? Not guessable from the string alone.
    }
  } else {
    return false;
  }
  if (!ValidDate(t->year, t->month, t->day)) return false;
  size_t rest = p;
  if (rest < s.size() && IsAsciiAlpha(s[rest]) && s[rest] != 'T' && s[rest] != 't') return false;
  ReadOptionalTime(s, rest, t);
  return true;
}

// Dates with a month name, in any of the usual orders, with weekday and filler words around:
// "February 7, 2024", "Wed, 07 Feb 2024 09:14:52 GMT", "7. Februar 2024", "7 de febrero de 2024",
// "2 min read · February 7th, 2024", "Updated 10:32 AM EST, Wed February 7, 2024".
// The month name anchors the parse: the day sits right before or after it, the year after.
bool ParseNamedDate(std::string_view s, DateTime* t) {
  struct Token {
    enum Kind { kNum, kWord, kTime } kind = kNum;
    int value = 0;      // number value / month (0 when the word is not a month)
    size_t digits = 0;  // for numbers
    std::string word;   // lower-case, for words
    DateTime time;      // for times
  };
  std::vector<Token> tokens;
  size_t p = 0;
  while (p < s.size() && tokens.size() < 64) {
    char c = s[p];
    if (IsDigit(c)) {
      size_t q = p;
      while (q < s.size() && IsDigit(s[q])) ++q;
      if (q < s.size() && s[q] == ':' && q - p <= 2) {
        Token tok;
        tok.kind = Token::kTime;
        size_t r = p;
        if (ReadTime(s, r, &tok.time)) {
          tokens.push_back(tok);
          p = r;
          continue;
        }
      }
      Token tok;
      tok.kind = Token::kNum;
      tok.digits = q - p;
      if (tok.digits <= 9) std::from_chars(s.data() + p, s.data() + q, tok.value);
      // Ordinal suffixes: 7th, 1st, 2nd, 3rd, 1er, 1e.
      std::string suffix;
      size_t r = q;
      while (r < s.size() && IsAsciiAlpha(s[r]) && suffix.size() < 4) suffix += Lower(s[r++]);
      if (!suffix.empty()) {
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
            suffix == "er" || suffix == "e") {
          q = r;
        } else {
          tok.digits = 99;  // "2min", "24h": not a date number
        }
      }
      tokens.push_back(tok);
      p = q;
      continue;
    }
    if (IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80) {
      size_t q = p;
      while (q < s.size() && (IsAsciiAlpha(s[q]) || static_cast<unsigned char>(s[q]) >= 0x80)) ++q;
      Token tok;
      tok.kind = Token::kWord;
      tok.word = ToLower(s.substr(p, q - p));
      tok.value = MonthFromWord(tok.word);
      tokens.push_back(std::move(tok));
      p = q;
      continue;
    }
    ++p;  // punctuation and spaces separate tokens
  }
  auto is_filler = [&](size_t i) {
    if (i >= tokens.size() || tokens[i].kind != Token::kWord || tokens[i].value) return false;
    const std::string& w = tokens[i].word;
    return w == "de" || w == "del" || w == "of" || w == "the" || w == "le" || w == "el" ||
           w == "den" || w == "der";
  };
  auto is_day = [&](size_t i) {
    return i < tokens.size() && tokens[i].kind == Token::kNum && tokens[i].digits <= 2 &&
           tokens[i].value >= 1 && tokens[i].value <= 31;
  };
  auto is_year = [&](size_t i) {
    return i < tokens.size() && tokens[i].kind == Token::kNum && tokens[i].digits == 4;
  };
  for (size_t mi = 0; mi < tokens.size(); ++mi) {
    if (tokens[mi].kind != Token::kWord || !tokens[mi].value) continue;
    int day = 0, year = 0;
    size_t last = mi;  // index of the last token of the date
    size_t first = mi;
    // Day before the month: "7 February", "7 de febrero", "7th of February".
    size_t b = mi;
    while (b > 0 && is_filler(b - 1)) --b;
    if (b > 0 && is_day(b - 1)) {
      day = tokens[b - 1].value;
      first = b - 1;
    }
    size_t a = mi + 1;
    while (is_filler(a)) ++a;
    if (!day && is_day(a)) {
      day = tokens[a].value;
      last = a;
      a = a + 1;
      while (is_filler(a)) ++a;
    }
    if (is_year(a)) {
      year = tokens[a].value;
      last = a;
    } else if (first > 0 && is_year(first - 1)) {
      year = tokens[first - 1].value;  // "2024 February 7"
      first = first - 1;
    }
    if (!day || !year || !ValidDate(year, tokens[mi].value, day)) continue;
    t->year = year, t->month = tokens[mi].value, t->day = day;
    // A time shortly after the date, else one written before it.
    const DateTime* time = nullptr;
    for (size_t i = last + 1; i < tokens.size() && i <= last + 3; ++i)
      if (tokens[i].kind == Token::kTime) {
        time = &tokens[i].time;
        break;
      }
    for (size_t i = first; !time && i-- > 0;)
      if (tokens[i].kind == Token::kTime && first - i <= 4) time = &tokens[i].time;
    if (time) {
      t->has_time = true;
      t->hour = time->hour, t->minute = time->minute, t->second = time->second;
      t->has_tz = time->has_tz;
      t->tz_minutes = time->tz_minutes;
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// URLs.

struct UrlParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

UrlParts SplitUrl(std::string_view u) {
  UrlParts p;
  size_t colon = u.find(':');
  if (colon != std::string_view::npos && colon > 0 && IsAsciiAlpha(u[0])) {
    bool ok = true;
    for (size_t i = 0; i < colon; ++i) {
      char c = u[i];
      if (!(IsAsciiAlpha(c) || IsDigit(c) || c == '+' || c == '-' || c == '.')) ok = false;
    }
    if (ok) {
      p.has_scheme = true;
      p.scheme = u.substr(0, colon);
      u.remove_prefix(colon + 1);
    }
  }
  size_t hash = u.find('#');
  if (hash != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = u.substr(hash + 1);
    u = u.substr(0, hash);
  }
  size_t q = u.find('?');
  if (q != std::string_view::npos) {
    p.has_query = true;
    p.query = u.substr(q + 1);
    u = u.substr(0, q);
  }
  if (u.substr(0, 2) == "//") {
    p.has_authority = true;
    u.remove_prefix(2);
    size_t slash = u.find('/');
    p.authority = u.substr(0, slash);
    u = slash == std::string_view::npos ? std::string_view() : u.substr(slash);
  }
  p.path = u;
  return p;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t start = in[0] == '/' ? 1 : 0;
      size_t next = in.find('/', start);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

std::string StripUrlJunk(std::string_view s) {
  s = html::Trim(s);
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  return out;
}

// True when the URL's path is empty or "/" (a site root).
bool IsRootUrl(std::string_view u) {
  UrlParts p = SplitUrl(u);
  return p.has_authority && (p.path.empty() || p.path == "/") && !p.has_query;
}

// ---------------------------------------------------------------------------------------------
// Titles.

struct Separator {
  size_t pos, len;
  bool dash;  // " - ", " – ", " — ": headlines use these too ("Fire - what we know")
};

// " | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " « ", " ~ ", and a bare "|".
std::vector<Separator> FindSeparators(std::string_view t) {
  static constexpr std::string_view kSpaced[] = {
      " - ",  " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " \xE2\x80\xA2 ",
      " :: ", " \xC2\xBB ",     " \xC2\xAB ",     " ~ ",        " | "};
  std::vector<Separator> seps;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != ' ' && t[i] != '|') continue;
    bool found = false;
    for (std::string_view sep : kSpaced) {
      if (t.substr(i, sep.size()) == sep) {
        bool dash = sep == " - " || sep == " \xE2\x80\x93 " || sep == " \xE2\x80\x94 ";
        seps.push_back({i, sep.size(), dash});
        i += sep.size() - 2;  // the trailing space may start the next separator's scan
        found = true;
        break;
      }
    }
    if (!found && t[i] == '|') seps.push_back({i, 1, false});
  }
  return seps;
}

// Lower-case alphanumerics without a leading "the"/"www":
// "The Daily-Ledger.com" → "dailyledgercom".
std::string SiteKey(std::string_view s) {
  std::string k;
  for (char c : s) {
    if (IsAsciiAlpha(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0x80) k += Lower(c);
  }
  std::string lower = ToLower(html::Trim(s));
  if (lower.rfind("the ", 0) == 0 && k.size() > 3) k.erase(0, 3);
  if (k.rfind("www", 0) == 0 && lower.rfind("www.", 0) == 0) k.erase(0, 3);
  return k;
}

bool SiteMatches(std::string_view part, std::string_view site) {
  if (site.empty() || part.empty()) return false;
  std::string a = SiteKey(part), b = SiteKey(site);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  // "Daily Ledger" vs "dailyledger.example", "The Daily Ledger Online" vs "The Daily Ledger".
  return shorter.size() >= 4 && longer.find(shorter) != std::string::npos &&
         CountWords(part) <= CountWords(site) + 3;
}

// True when `keep` is a headline and `cut` a short label (site, section) next to it.
bool MuchLonger(std::string_view keep, std::string_view cut) {
  return CountWords(keep) >= 3 && CountWords(cut) <= 4 && keep.size() >= 2 * cut.size();
}

std::string CleanTitleImpl(std::string_view raw, std::string_view site, bool heuristic) {
  std::string t = html::CollapseWhitespace(raw);
  for (int round = 0; round < 3; ++round) {
    std::vector<Separator> seps = FindSeparators(t);
    if (seps.empty()) break;
    const Separator& last = seps.back();
    const Separator& first = seps.front();
    std::string_view tv = t;
    std::string_view head = html::Trim(tv.substr(0, last.pos));
    std::string_view tail = html::Trim(tv.substr(last.pos + last.len));
    std::string_view head1 = html::Trim(tv.substr(0, first.pos));
    std::string_view tail1 = html::Trim(tv.substr(first.pos + first.len));
    std::string next;
    if (!head.empty() && SiteMatches(tail, site)) {
      next = head;
    } else if (!tail1.empty() && SiteMatches(head1, site)) {
      next = tail1;
    } else if (heuristic && !head.empty() && !tail.empty() && MuchLonger(head, tail)) {
      next = head;
    } else if (heuristic && !first.dash && !head1.empty() && !tail1.empty() &&
               MuchLonger(tail1, head1)) {
      // Prefixes are cut by this rule only at "|", "»"…: "Fire - what we know" is a headline.
      next = tail1;
    } else {
      break;
    }
    t = html::CollapseWhitespace(next);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Bylines.

// clang-format off
constexpr std::string_view kBylinePrefixes[] = {
    "written by", "reporting by", "reported by", "words by", "story by", "text by", "posted by",
    "published by", "compiled by", "by", "von", "par", "por", "door", "av", "af", "text:",
    "author:", "authors:", "autor:", "autorin:", "auteur:", "autore:", "byline:",
};
// clang-format on

// Strips "By", "Von:", "Written by" … (repeatedly). Returns true when one was found.
bool StripBylinePrefix(std::string_view& s) {
  bool any = false;
  for (bool again = true; again;) {
    again = false;
    s = html::Trim(s);
    for (std::string_view p : kBylinePrefixes) {
      if (!IStartsWith(s, p)) continue;
      size_t end = p.size();
      if (p.back() != ':') {
        if (end < s.size() && !IsSpace(s[end]) && s[end] != ':') continue;
        if (end < s.size() && s[end] == ':') ++end;
      }
      s.remove_prefix(end);
      any = again = true;
      break;
    }
  }
  return any;
}

// clang-format off
constexpr std::string_view kRoleWords[] = {
    "correspondent", "correspondents", "reporter", "reporters", "editor", "editors", "writer",
    "writers", "staff", "contributor", "contributors", "contributing", "columnist", "producer",
    "analyst", "bureau", "chief", "senior", "desk", "journalist", "journalists", "photographer",
    "photojournalist", "special", "news", "press", "agency", "agencies", "wire", "wires",
    "service", "services", "team", "newsroom", "redaktion", "rédaction", "redacción",
    "redazione", "associated", "editorial", "department", "media", "updated", "published",
    "photo", "photos", "video", "graphics", "illustration", "opinion", "guest", "the",
};

constexpr std::string_view kAgencies[] = {
    "reuters", "ap", "afp", "dpa", "upi", "efe", "ansa", "xinhua", "kyodo", "yonhap", "tass",
    "anadolu", "bernama", "pti", "ians", "ani", "aap", "pa", "apa", "sda", "lusa", "kna", "epd",
    "bloomberg", "associated press", "agence france-presse", "press association", "europa press",
};

constexpr std::string_view kJunkNames[] = {
    "admin", "administrator", "editor", "staff", "guest", "anonymous", "unknown", "redaktion",
    "newsroom", "webmaster", "team", "author", "user", "root", "editorial",
};
// clang-format on

bool IsAgency(std::string_view s) {
  for (std::string_view a : kAgencies)
    if (IEquals(s, a)) return true;
  return false;
}

bool HasRoleWord(std::string_view s) {
  for (std::string_view w : kRoleWords)
    if (IFindWord(s, w) != std::string_view::npos) return true;
  return false;
}

// Cuts s at the earliest of the given whole words (case-insensitive), when not at the start.
std::string_view CutAtWords(std::string_view s, std::initializer_list<std::string_view> words) {
  size_t cut = s.size();
  for (std::string_view w : words) {
    size_t i = IFindWord(s, w);
    if (i != std::string_view::npos && i > 0 && i < cut) cut = i;
  }
  return s.substr(0, cut);
}

std::string_view TrimPunct(std::string_view s) {
  auto junk = [](char c) {
    return IsSpace(c) || c == '.' || c == ',' || c == ':' || c == ';' || c == '-' || c == '*' ||
           c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']';
  };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && junk(s.back())) s.remove_suffix(1);
  return s;
}

// Splits s at each occurrence of any separator (plain substrings, case-insensitive).
std::vector<std::string> SplitAny(std::string_view s,
                                  std::initializer_list<std::string_view> seps) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    bool hit = false;
    for (std::string_view sep : seps) {
      if (IStartsWith(s.substr(i), sep)) {
        parts.emplace_back(s.substr(start, i - start));
        i += sep.size();
        start = i;
        hit = true;
        break;
      }
    }
    if (!hit) ++i;
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers.

bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsSpace(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !IsSpace(list[j])) ++j;
    if (j > i && IEquals(list.substr(i, j - i), token)) return true;
    i = j;
  }
  return false;
}

// Class or id attribute mentions any of the (lower-case) words as a substring.
bool ClassIdContains(const Node* n, std::initializer_list<std::string_view> words) {
  std::string_view cls = n->attr("class"), id = n->attr("id");
  for (std::string_view w : words)
    if (IContains(cls, w) || IContains(id, w)) return true;
  return false;
}

// A class token or id that starts with one of the words: "comment-list", "related-posts",
// "sidebar", "widget_tag_cloud". Token starts, not substrings, because wrappers such as
// Genesis' "content-sidebar-wrap" hold the article.
bool TokenStartsWithAny(std::string_view list, std::span<const std::string_view> words) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsSpace(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !IsSpace(list[j])) ++j;
    std::string_view tok = list.substr(i, j - i);
    for (std::string_view w : words)
      if (IStartsWith(tok, w)) return true;
    i = j;
  }
  return false;
}

// Inside page chrome where bylines, dates and tags belong to other stories or to
// commenters.
bool InChrome(const Node* n) {
  for (const Node* p = n->parent; p; p = p->parent) {
    if (!p->is_element() || p->is(Tag::kBody) || p->is(Tag::kHtml)) continue;
    if (p->is(Tag::kNav) || p->is(Tag::kAside) || p->is(Tag::kFooter) || p->is(Tag::kForm))
      return true;
    // clang-format off
    static constexpr std::string_view kWords[] = {
        "comment", "sidebar", "widget", "related", "footer", "popular", "recommend", "newsletter",
        "most-read", "trending", "more-from", "read-more", "readmore",
    };
    // clang-format on
    if (TokenStartsWithAny(p->attr("class"), kWords) || TokenStartsWithAny(p->attr("id"), kWords))
      return true;
    if (p->attr("role") == "complementary" || p->attr("role") == "contentinfo") return true;
  }
  return false;
}

bool InArticleOrMain(const Node* n) {
  for (const Node* p = n->parent; p; p = p->parent) {
    if (p->is(Tag::kArticle) || p->is(Tag::kMain) || p->attr("role") == "main") return true;
    std::string_view type = p->attr("itemtype");
    if (IContains(type, "Article") || IContains(type, "BlogPosting")) return true;
  }
  return false;
}

// Inside a <header> that is not part of an article: the site's masthead ("Today is …").
bool InSiteHeader(const Node* n) {
  bool header = false;
  for (const Node* p = n->parent; p; p = p->parent) {
    if (p->is(Tag::kArticle) || p->is(Tag::kMain)) return false;
    if (p->is(Tag::kHeader)) header = true;
  }
  return header;
}

std::string NodeText(const Node* n) {
  return html::CollapseWhitespace(html::TextContent(n));
}

// Text of a <script>: its text children (TextContent skips scripts on purpose).
std::string ScriptText(const Node* n) {
  std::string s;
  for (const Node* c = n->first_child; c; c = c->next)
    if (c->is_text()) s += c->text;
  return s;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD.

struct LdData {
  std::string headline, published, modified, section, publisher, language, image, url;
  std::string description, page_type, website_name, org_name;
  std::vector<std::string> authors;  // raw names, in order
  std::vector<std::string> tags;
  std::vector<std::string> breadcrumbs;
};

using simdjson::dom::element;

std::string_view JStr(element e) {
  std::string_view s;
  if (e.get_string().get(s)) return {};
  return s;
}

bool JField(element e, std::string_view key, element* out) {
  simdjson::dom::object o;
  if (e.get_object().get(o)) return false;
  return !o.at_key(key).get(*out);
}

std::string_view JFieldStr(element e, std::string_view key) {
  element v;
  return JField(e, key, &v) ? JStr(v) : std::string_view();
}

// "https://schema.org/NewsArticle", "schema:NewsArticle" → "NewsArticle".
std::string_view BareType(std::string_view t) {
  size_t cut = t.find_last_of("/:");
  return cut == std::string_view::npos ? t : t.substr(cut + 1);
}

// The object's @type values.
std::vector<std::string_view> JTypes(element e) {
  std::vector<std::string_view> types;
  element t;
  if (!JField(e, "@type", &t)) return types;
  if (t.is_string()) {
    types.push_back(BareType(JStr(t)));
  } else if (t.is_array()) {
    simdjson::dom::array arr;
    if (!t.get_array().get(arr))
      for (element x : arr)
        if (x.is_string()) types.push_back(BareType(JStr(x)));
  }
  return types;
}

bool AnyTypeIn(const std::vector<std::string_view>& types, std::span<const std::string_view> wanted,
               std::string_view* which = nullptr) {
  for (std::string_view t : types)
    for (std::string_view w : wanted)
      if (t == w) {
        if (which) *which = t;
        return true;
      }
  return false;
}
bool AnyTypeIn(const std::vector<std::string_view>& types,
               std::initializer_list<std::string_view> wanted) {
  return AnyTypeIn(types, std::span<const std::string_view>(wanted.begin(), wanted.size()));
}

// clang-format off
constexpr std::string_view kArticleTypes[] = {
    "NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle", "BlogPosting",
    "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "Report",
    "ScholarlyArticle", "TechArticle", "SatiricalArticle", "AdvertiserContentArticle",
    "MedicalScholarlyArticle", "Reportage",
};
// clang-format on

class LdReader {
 public:
  explicit LdReader(LdData* out) : out_(out) {}

  // Parses one <script type="application/ld+json"> body; silently ignores what is
  // unreadable.
  void Read(std::string_view text) {
    element root;
    std::string cleaned = Unwrap(text);
    if (Parse(cleaned, &root)) return Walk(root);
    std::string repaired = Repair(cleaned);
    if (Parse(repaired, &root)) return Walk(root);
    // Several objects one after another: "{…},{…}" or "{…}{…}".
    std::string wrapped = "[" + JoinObjects(repaired) + "]";
    if (Parse(wrapped, &root)) return Walk(root);
    if (repaired.find("&quot;") != std::string::npos) {
      std::string decoded = Repair(DecodeEntities(repaired));
      if (Parse(decoded, &root)) return Walk(root);
    }
  }

 private:
  bool Parse(const std::string& text, element* root) {
    if (text.empty()) return false;
    padded_ = simdjson::padded_string(text);
    return !parser_.parse(padded_).get(*root);
  }

  // Strips HTML comment / CDATA wrappers some CMSes put around the JSON.
  static std::string Unwrap(std::string_view s) {
    s = TrimAscii(s);
    for (std::string_view open : {"<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["})
      if (s.substr(0, open.size()) == open) s = TrimAscii(s.substr(open.size()));
    for (std::string_view close : {"-->", "//]]>", "/*]]>*/", "]]>"})
      if (s.size() >= close.size() && s.substr(s.size() - close.size()) == close)
        s = TrimAscii(s.substr(0, s.size() - close.size()));
    while (!s.empty() && s.back() == ';') s = TrimAscii(s.substr(0, s.size() - 1));
    return std::string(s);
  }

  // Light repair: control characters → spaces, invalid escapes ("\'") fixed, trailing
  // commas before } or ] dropped. Strings are tracked so commas inside them survive.
  static std::string Repair(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool in_string = false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (static_cast<unsigned char>(c) < 0x20) {
        out.push_back(' ');
        continue;
      }
      if (in_string) {
        if (c == '\\') {
          char n = i + 1 < s.size() ? s[i + 1] : '\0';
          if (n == '"' || n == '\\' || n == '/' || n == 'b' || n == 'f' || n == 'n' || n == 'r' ||
              n == 't') {
            out.push_back(c);
            out.push_back(n);
            ++i;
          } else if (n == 'u' && i + 5 < s.size() &&
                     std::all_of(s.begin() + i + 2, s.begin() + i + 6, [](char h) {
                       return IsDigit(h) || (Lower(h) >= 'a' && Lower(h) <= 'f');
                     })) {
            out.push_back(c);
          } else if (n == '\'') {
            out.push_back('\'');
            ++i;
          } else {
            out += "\\\\";
          }
          continue;
        }
        if (c == '"') in_string = false;
        out.push_back(c);
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '}' || c == ']') {
        size_t j = out.size();
        while (j > 0 && IsSpace(out[j - 1])) --j;
        if (j > 0 && out[j - 1] == ',') out.erase(j - 1, 1);
      }
      out.push_back(c);
    }
    return out;
  }

  // "}{" (outside strings, maybe with whitespace between) → "},{".
  static std::string JoinObjects(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    bool in_string = false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      out.push_back(c);
      if (in_string) {
        if (c == '\\') {
          if (i + 1 < s.size()) out.push_back(s[++i]);
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '}') {
        size_t j = i + 1;
        while (j < s.size() && IsSpace(s[j])) ++j;
        if (j < s.size() && s[j] == '{') out.push_back(',');
      }
    }
    return out;
  }

  // Object behind an {"@id": …} reference, when the same document defines it.
  element Resolve(element e) const {
    simdjson::dom::object o;
    if (e.get_object().get(o)) return e;
    if (o.size() > 2) return e;
    std::string_view id = JFieldStr(e, "@id");
    if (id.empty()) return e;
    auto it = by_id_.find(id);
    return it == by_id_.end() ? e : it->second;
  }

  // Breadth-first over every object: shallow objects win, and nothing recurses.
  void Walk(element root) {
    std::vector<element> objects;
    by_id_.clear();
    std::deque<element> queue{root};
    size_t budget = 50000;
    while (!queue.empty() && budget-- > 0) {
      element e = queue.front();
      queue.pop_front();
      if (e.is_array()) {
        simdjson::dom::array arr;
        if (!e.get_array().get(arr))
          for (element x : arr)
            if (x.is_array() || x.is_object()) queue.push_back(x);
      } else if (e.is_object()) {
        simdjson::dom::object o;
        if (e.get_object().get(o)) continue;
        objects.push_back(e);
        std::string_view id = JFieldStr(e, "@id");
        if (!id.empty() && o.size() > 1) by_id_.emplace(id, e);
        for (auto field : o)
          if (field.value.is_array() || field.value.is_object()) queue.push_back(field.value);
      }
    }
    const element* article = nullptr;
    const element* webpage = nullptr;
    std::string_view article_type;
    for (const element& e : objects) {
      std::vector<std::string_view> types = JTypes(e);
      if (types.empty()) continue;
      std::string_view which;
      if (!article && AnyTypeIn(types, kArticleTypes, &which)) {
        article = &e;
        article_type = which;
      } else if (!webpage && AnyTypeIn(types, {"WebPage", "ItemPage"})) {
        webpage = &e;
      } else if (AnyTypeIn(types, {"BreadcrumbList"})) {
        ReadBreadcrumbs(e);
      } else if (AnyTypeIn(types, {"WebSite"})) {
        SetIfEmpty(out_->website_name, JFieldStr(e, "name"));
      } else if (AnyTypeIn(types, {"Organization", "NewsMediaOrganization", "Corporation"})) {
        SetIfEmpty(out_->org_name, JFieldStr(e, "name"));
      }
    }
    if (article) ReadArticle(*article, article_type);
    if (webpage) {
      SetIfEmpty(out_->published, JFieldStr(*webpage, "datePublished"));
      SetIfEmpty(out_->modified, JFieldStr(*webpage, "dateModified"));
      SetIfEmpty(out_->language, JFieldStr(*webpage, "inLanguage"));
      element bc;
      if (JField(*webpage, "breadcrumb", &bc)) ReadBreadcrumbs(Resolve(bc));
    }
  }

  static void SetIfEmpty(std::string& field, std::string_view value) {
    if (field.empty()) field = CleanText(value);
  }

  // A string, or an object's name / first array element's name.
  std::string_view NameOf(element e) const {
    if (e.is_string()) return JStr(e);
    if (e.is_array()) {
      simdjson::dom::array arr;
      if (!e.get_array().get(arr))
        for (element x : arr) {
          x = Resolve(x);
          std::string_view n = x.is_string() ? JStr(x) : JFieldStr(x, "name");
          if (!n.empty()) return n;
        }
      return {};
    }
    if (e.is_object()) return JFieldStr(Resolve(e), "name");
    return {};
  }

  // string | ImageObject{url|contentUrl} | array of either.
  std::string_view ImageOf(element e) const {
    e = Resolve(e);
    if (e.is_string()) return JStr(e);
    if (e.is_object()) {
      std::string_view u = JFieldStr(e, "url");
      return u.empty() ? JFieldStr(e, "contentUrl") : u;
    }
    if (e.is_array()) {
      simdjson::dom::array arr;
      if (!e.get_array().get(arr))
        for (element x : arr) {
          x = Resolve(x);
          std::string_view u = x.is_string()   ? JStr(x)
                               : x.is_object() ? JFieldStr(x, "url")
                                               : std::string_view();
          if (u.empty() && x.is_object()) u = JFieldStr(x, "contentUrl");
          if (!u.empty()) return u;
        }
    }
    return {};
  }

  void AddAuthor(element a) {
    a = Resolve(a);
    std::string name;
    if (a.is_string()) {
      name = std::string(JStr(a));
    } else if (a.is_object()) {
      element n;
      if (JField(a, "name", &n)) name = std::string(NameOf(n));
      if (name.empty()) {
        std::string given(JFieldStr(a, "givenName")), family(JFieldStr(a, "familyName"));
        name = given.empty() || family.empty() ? given + family : given + " " + family;
      }
    }
    name = CleanText(name);
    if (name.empty() || IsUrlLike(name)) return;
    out_->authors.push_back(std::move(name));
  }

  void ReadArticle(element a, std::string_view type) {
    if (out_->page_type.empty()) out_->page_type = std::string(type);
    std::string_view headline = JFieldStr(a, "headline");
    if (headline.empty()) headline = JFieldStr(a, "name");
    SetIfEmpty(out_->headline, headline);
    std::string_view published = JFieldStr(a, "datePublished");
    if (published.empty()) published = JFieldStr(a, "dateCreated");
    SetIfEmpty(out_->published, published);
    SetIfEmpty(out_->modified, JFieldStr(a, "dateModified"));
    SetIfEmpty(out_->description, JFieldStr(a, "description"));
    element v;
    if (out_->authors.empty()) {
      if (JField(a, "author", &v) || JField(a, "creator", &v)) {
        if (v.is_array()) {
          simdjson::dom::array arr;
          if (!v.get_array().get(arr)) {
            size_t n = 0;
            for (element x : arr)
              if (n++ < 30) AddAuthor(x);
          }
        } else {
          AddAuthor(v);
        }
      }
    }
    if (JField(a, "articleSection", &v)) {
      if (v.is_array()) {
        simdjson::dom::array arr;
        if (!v.get_array().get(arr))
          for (element x : arr)
            if (!JStr(x).empty()) {
              SetIfEmpty(out_->section, JStr(x));
              break;
            }
      } else {
        SetIfEmpty(out_->section, JStr(v));
      }
    }
    if (out_->tags.empty() && JField(a, "keywords", &v)) {
      auto add = [&](std::string_view s) {
        for (const std::string& k : SplitAny(s, {","})) {
          std::string t = CleanText(k);
          if (t.size() <= 100) AddUnique(out_->tags, std::move(t));
        }
      };
      if (v.is_string()) {
        add(JStr(v));
      } else if (v.is_array()) {
        simdjson::dom::array arr;
        if (!v.get_array().get(arr))
          for (element x : arr) add(x.is_string() ? JStr(x) : JFieldStr(x, "name"));
      }
    }
    if (JField(a, "publisher", &v)) SetIfEmpty(out_->publisher, NameOf(v));
    if (JField(a, "inLanguage", &v)) {
      if (v.is_string()) {
        SetIfEmpty(out_->language, JStr(v));
      } else if (v.is_object()) {
        std::string_view alt = JFieldStr(v, "alternateName");
        SetIfEmpty(out_->language, alt.empty() ? JFieldStr(v, "name") : alt);
      }
    }
    if (JField(a, "image", &v) || JField(a, "thumbnailUrl", &v))
      SetIfEmpty(out_->image, ImageOf(v));
    std::string_view url = JFieldStr(a, "url");
    if (url.empty() && JField(a, "mainEntityOfPage", &v)) {
      url = v.is_string() ? JStr(v) : JFieldStr(v, "@id");
      if (url.empty()) url = JFieldStr(v, "url");
    }
    if (IsUrlLike(url)) SetIfEmpty(out_->url, url);
  }

  void ReadBreadcrumbs(element list) {
    if (!out_->breadcrumbs.empty()) return;
    element items;
    if (!JField(list, "itemListElement", &items)) return;
    struct Crumb {
      double position;
      size_t index;
      std::string name;
    };
    std::vector<Crumb> crumbs;
    auto add = [&](element li) {
      li = Resolve(li);
      double pos = 1e9;
      element p;
      if (JField(li, "position", &p)) {
        int64_t i;
        double d;
        if (!p.get_int64().get(i)) {
          pos = static_cast<double>(i);
        } else if (!p.get_double().get(d)) {
          pos = d;
        } else if (p.is_string()) {
          std::string_view s = JStr(p);
          int v = 0;
          if (std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc()) pos = v;
        }
      }
      std::string_view name = JFieldStr(li, "name");
      element item;
      if (name.empty() && JField(li, "item", &item)) {
        item = Resolve(item);
        if (item.is_object()) name = JFieldStr(item, "name");
      }
      crumbs.push_back({pos, crumbs.size(), CleanText(name)});
    };
    if (items.is_array()) {
      simdjson::dom::array arr;
      if (!items.get_array().get(arr))
        for (element x : arr)
          if (crumbs.size() < 50) add(x);
    } else if (items.is_object()) {
      add(items);
    }
    std::stable_sort(crumbs.begin(), crumbs.end(),
                     [](const Crumb& a, const Crumb& b) { return a.position < b.position; });
    for (Crumb& c : crumbs)
      if (!c.name.empty()) out_->breadcrumbs.push_back(std::move(c.name));
  }

  LdData* out_;
  simdjson::dom::parser parser_;
  simdjson::padded_string padded_;
  std::unordered_map<std::string_view, element> by_id_;
};

// Legacy Parse.ly: <meta name="parsely-page" content='{"title":…,"pub_date":…}'>.
void ReadParselyPage(std::string_view json,
                     std::vector<std::pair<std::string, std::string>>* meta) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element root;
  if (parser.parse(padded).get(root) || !root.is_object()) return;
  // clang-format off
  static constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
      {"title", "parsely-title"}, {"link", "parsely-link"}, {"pub_date", "parsely-pub-date"},
      {"section", "parsely-section"}, {"author", "parsely-author"},
      {"image_url", "parsely-image-url"},
  };
  // clang-format on
  for (const auto& [json_key, meta_key] : kKeys) {
    std::string_view v = JFieldStr(root, json_key);
    if (!v.empty()) meta->emplace_back(meta_key, v);
  }
  element tags;
  if (JField(root, "tags", &tags) && tags.is_array()) {
    simdjson::dom::array arr;
    if (!tags.get_array().get(arr))
      for (element t : arr)
        if (t.is_string()) meta->emplace_back("parsely-tags", JStr(t));
  }
}

// ---------------------------------------------------------------------------------------------
// Everything one DOM pass collects.

struct PageFacts {
  std::vector<std::pair<std::string, std::string>> meta;  // lower-case key → content, in order
  std::vector<std::string> ld_scripts;
  std::string html_lang, canonical, base_href, image_src, title;
  bool have_title = false;
  std::vector<std::string> h1s;
  std::vector<const Node*> times;          // <time>, abbr.published
  std::vector<const Node*> rel_authors;    // a[rel~=author]
  std::vector<const Node*> prop_authors;   // [itemprop~=author]
  std::vector<const Node*> class_authors;  // class/id with byline/author
  std::vector<const Node*> tag_links;      // a[rel~=tag]
  std::vector<const Node*> date_texts;     // short .date/.publish elements in the article
  const Node* breadcrumb = nullptr;
  int itemprops = 0;  // itemprop values taken from elements (listing pages have hundreds)

  std::string_view First(std::string_view key) const {
    for (const auto& [k, v] : meta)
      if (k == key && !v.empty()) return v;
    return {};
  }
  std::vector<std::string_view> All(std::string_view key) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : meta)
      if (k == key && !v.empty()) out.push_back(v);
    return out;
  }
};

// Attributes the DOM pass looks at on every element, read in one scan. `key` is the
// lower-cased "class id" (a buffer reused across elements) and `flags` says which of the
// words the pass cares about occur in it (FindWords).
struct ElementAttrs {
  enum : unsigned {
    kAuthor = 1,
    kByline = 2,
    kBreadcrumb = 4,
    kDate = 8,
    kPublish = 16,
    kPosted = 32,
    kUpdate = 64,
    kModif = 128,
  };
  std::string_view itemprop, aria_label, itemtype;
  std::string_view key;  // in buf_
  unsigned flags = 0;

  void Read(const Node* n) {
    itemprop = aria_label = itemtype = {};
    flags = 0;
    std::string_view cls, id;
    // Names are compared by length first, then with a fixed-size compare the compiler inlines.
    // A repeated attribute: the last one counts.
    for (const html::Attribute& a : n->attrs) {
      const std::string_view name = a.name;
      switch (name.size()) {
        case 2:
          if (std::memcmp(name.data(), "id", 2) == 0) id = a.value;
          break;
        case 5:
          if (std::memcmp(name.data(), "class", 5) == 0) cls = a.value;
          break;
        case 8:
          if (std::memcmp(name.data(), "itemprop", 8) == 0)
            itemprop = a.value;
          else if (std::memcmp(name.data(), "itemtype", 8) == 0)
            itemtype = a.value;
          break;
        case 10:
          if (std::memcmp(name.data(), "aria-label", 10) == 0) aria_label = a.value;
          break;
        default:
          break;
      }
    }
    if (cls.empty() && id.empty()) {
      key = {};
      return;
    }
    // Lower-cased into a buffer padded with zeros, so the word search below may read past the
    // end.
    key = LowerClassId(cls, id, kPad, buf_);
    flags = FindWords(key);
  }

  // Which of the words occur in `k` (readable for kPad bytes past its end): a position is
  // looked at only when its byte is a word's first and the byte where that word would end is
  // its last (16 positions at a time with SSE2), which is rare in class names.
  static unsigned FindWords(std::string_view k) {
    struct W {
      std::string_view text;
      unsigned flag;
    };
    static constexpr W kWords[] = {{"author", kAuthor}, {"byline", kByline},
                                   {"breadcrumb", kBreadcrumb}, {"date", kDate},
                                   {"publish", kPublish}, {"posted", kPosted},
                                   {"update", kUpdate}, {"modif", kModif}};
    unsigned found = 0;
    auto check = [&](size_t i) {
      for (const W& w : kWords)
        if (k.compare(i, w.text.size(), w.text) == 0) found |= w.flag;
    };
#if defined(__SSE2__)
    for (size_t i = 0; i < k.size(); i += 16) {
      const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(k.data() + i));
      __m128i hits = _mm_setzero_si128();
      for (const W& w : kWords) {
        const __m128i last = _mm_loadu_si128(
            reinterpret_cast<const __m128i*>(k.data() + i + w.text.size() - 1));
        hits = _mm_or_si128(
            hits, _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(w.text.front())),
                                _mm_cmpeq_epi8(last, _mm_set1_epi8(w.text.back()))));
      }
      for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(hits)); m != 0; m &= m - 1) {
        const size_t at = i + static_cast<size_t>(__builtin_ctz(m));
        if (at < k.size()) check(at);
      }
    }
#else
    for (size_t i = 0; i < k.size(); ++i) check(i);
#endif
    return found;
  }

  bool Has(unsigned mask) const { return (flags & mask) != 0; }
  // For the rarer checks: any of the (lower-case) words.
  bool Has(std::initializer_list<std::string_view> words) const {
    if (key.empty()) return false;
    for (std::string_view w : words)
      if (key.find(w) != std::string_view::npos) return true;
    return false;
  }

 private:
  static constexpr size_t kPad = 32;  // >= 16 + the longest word - 1
  std::string buf_;
};

bool IsBylineCandidate(const Node* n, const ElementAttrs& key) {
  switch (n->tag) {
    case Tag::kImg:
    case Tag::kInput:
    case Tag::kLabel:
    case Tag::kTextarea:
    case Tag::kButton:
    case Tag::kForm:
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kMeta:
    case Tag::kLink:
    case Tag::kSvg:
    case Tag::kSelect:
    case Tag::kOption:
    case Tag::kBody:
    case Tag::kHtml:
    case Tag::kPicture:
    case Tag::kFigure:
      return false;
    default:
      break;
  }
  if (!key.Has(ElementAttrs::kByline | ElementAttrs::kAuthor)) return false;
  return !key.Has({"comment", "avatar", "bio", "photo", "image", "img", "social", "follow", "thumb",
                   "icon", "more-", "related"});
}

void CollectFacts(const html::Document& doc, PageFacts* f) {
  const Node* root = doc.root();
  ElementAttrs key;
  for (const Node* n = root; n;) {
    if (!n->is_element()) {
      n = html::Next(n, root);
      continue;
    }
    key.Read(n);
    switch (n->tag) {
      case Tag::kSvg:
      case Tag::kTemplate:
        n = html::NextSkipChildren(n, root);
        continue;
      case Tag::kHtml:
        if (f->html_lang.empty()) {
          std::string_view lang = n->attr("lang");
          if (lang.empty()) lang = n->attr("xml:lang");
          f->html_lang = std::string(html::Trim(lang));
        }
        break;
      case Tag::kMeta: {
        std::string content = DecodeEntities(html::Trim(n->attr("content")));
        if (content.empty()) break;
        for (std::string_view attr : {"property", "name"}) {
          std::string_view keys = n->attr(attr);
          // RDFa allows several space-separated properties in one attribute.
          size_t i = 0;
          while (i < keys.size()) {
            while (i < keys.size() && IsSpace(keys[i])) ++i;
            size_t j = i;
            while (j < keys.size() && !IsSpace(keys[j])) ++j;
            if (j > i) f->meta.emplace_back(ToLower(keys.substr(i, j - i)), content);
            i = j;
          }
        }
        if (n->has_attr("itemprop") && !InChrome(n))
          f->meta.emplace_back("itemprop:" + ToLower(html::Trim(n->attr("itemprop"))), content);
        if (n->has_attr("http-equiv"))
          f->meta.emplace_back("http-equiv:" + ToLower(html::Trim(n->attr("http-equiv"))), content);
        break;
      }
      case Tag::kLink: {
        std::string_view rel = n->attr("rel");
        if (HasToken(rel, "canonical") && f->canonical.empty())
          f->canonical = StripUrlJunk(n->attr("href"));
        if (HasToken(rel, "image_src") && f->image_src.empty())
          f->image_src = StripUrlJunk(n->attr("href"));
        break;
      }
      case Tag::kBase:
        if (f->base_href.empty()) f->base_href = StripUrlJunk(n->attr("href"));
        break;
      case Tag::kTitle:
        if (!f->have_title) {
          f->title = NodeText(n);
          f->have_title = !f->title.empty();
        }
        break;
      case Tag::kScript:
        if (IContains(n->attr("type"), "ld+json")) f->ld_scripts.push_back(ScriptText(n));
        n = html::NextSkipChildren(n, root);
        continue;
      case Tag::kH1:
        if (f->h1s.size() < 8) {
          std::string t = NodeText(n);
          if (!t.empty()) f->h1s.push_back(std::move(t));
        }
        break;
      case Tag::kTime:
        if (f->times.size() < 64) f->times.push_back(n);
        break;
      case Tag::kAbbr:
        if (ClassIdContains(n, {"published", "updated"}) && n->has_attr("title") &&
            f->times.size() < 64)
          f->times.push_back(n);
        break;
      case Tag::kA: {
        std::string_view rel = n->attr("rel");
        if (HasToken(rel, "author") && f->rel_authors.size() < 16) f->rel_authors.push_back(n);
        if (HasToken(rel, "tag") && !HasToken(rel, "category") && f->tag_links.size() < 64)
          f->tag_links.push_back(n);
        break;
      }
      default:
        break;
    }
    std::string_view itemprop = key.itemprop;
    if (!itemprop.empty() && !n->is(Tag::kMeta)) {
      if (HasToken(itemprop, "author") && f->prop_authors.size() < 16) f->prop_authors.push_back(n);
      for (std::string_view key : {"datePublished", "dateModified", "headline"}) {
        if (!HasToken(itemprop, key) || f->itemprops >= 32) continue;
        ++f->itemprops;
        std::string_view v = n->attr("content");
        if (v.empty()) v = n->attr("datetime");
        std::string value = v.empty() ? NodeText(n) : std::string(html::Trim(v));
        if (!value.empty() && !InChrome(n))
          f->meta.emplace_back("itemprop:" + ToLower(key), std::move(value));
      }
    }
    if (!f->breadcrumb && !n->is(Tag::kScript) && !n->is(Tag::kBody) &&
        (key.Has(ElementAttrs::kBreadcrumb) || IContains(key.aria_label, "breadcrumb") ||
         IContains(key.itemtype, "BreadcrumbList"))) {
      f->breadcrumb = n;
    }
    if (f->class_authors.size() < 32 && IsBylineCandidate(n, key)) f->class_authors.push_back(n);
    if (f->date_texts.size() < 16 && n->first_child && !n->is(Tag::kTime) &&
        key.Has(ElementAttrs::kDate | ElementAttrs::kPublish | ElementAttrs::kPosted) &&
        !key.Has(ElementAttrs::kUpdate | ElementAttrs::kModif)) {
      f->date_texts.push_back(n);
    }
    n = html::Next(n, root);
  }
}

// Names from a byline element: a microdata name inside it when there is one, else its text.
std::string BylineText(const Node* n) {
  for (const Node* c = n; c; c = html::Next(c, n)) {
    if (c != n && c->is_element() && HasToken(c->attr("itemprop"), "name")) {
      std::string_view content = c->attr("content");
      return content.empty() ? NodeText(c) : std::string(html::Trim(content));
    }
  }
  std::string_view content = n->attr("content");
  return content.empty() ? NodeText(n) : std::string(html::Trim(content));
}

bool IsDescendantOf(const Node* n, const Node* ancestor) {
  for (const Node* p = n->parent; p; p = p->parent)
    if (p == ancestor) return true;
  return false;
}

// Items of an HTML breadcrumb trail.
std::vector<std::string> HtmlBreadcrumbs(const Node* c) {
  std::vector<std::string> items;
  auto add = [&](std::string s) {
    // Trim separators that sit inside items ("World ›").
    // clang-format off
    static constexpr std::string_view kSeps[] = {
        "/", ">", "<", "|", "-", ":", "\\", "\xE2\x80\xBA", "\xC2\xBB", "\xC2\xAB",
        "\xE2\x80\xB9", "\xE2\x86\x92", "\xC2\xB7", "\xE2\x80\xA2"};
    // clang-format on
    std::string_view v = html::Trim(s);
    for (bool again = true; again;) {
      again = false;
      for (std::string_view sep : kSeps) {
        if (v.size() >= sep.size() && v.substr(0, sep.size()) == sep) {
          v = html::Trim(v.substr(sep.size()));
          again = true;
        }
        if (v.size() >= sep.size() && v.substr(v.size() - sep.size()) == sep) {
          v = html::Trim(v.substr(0, v.size() - sep.size()));
          again = true;
        }
      }
    }
    if (v.empty() || v.size() > 300) return;
    if (!items.empty() && items.back() == v) return;
    items.emplace_back(v);
  };
  std::vector<const Node*> names, lis, links;
  const Node* current = nullptr;
  for (const Node* n = c; n; n = html::Next(n, c)) {
    if (!n->is_element()) continue;
    if (HasToken(n->attr("itemprop"), "name")) names.push_back(n);
    if (n->is(Tag::kLi)) lis.push_back(n);
    if (n->is(Tag::kA)) links.push_back(n);
    if (!current && n != c && !n->is(Tag::kA) &&
        (n->has_attr("aria-current") || ClassIdContains(n, {"current", "active", "last"})))
      current = n;
  }
  if (!names.empty()) {
    for (const Node* n : names) {
      std::string_view content = n->attr("content");
      add(content.empty() ? NodeText(n) : std::string(content));
    }
  } else if (!lis.empty()) {
    for (const Node* n : lis) add(NodeText(n));
  } else {
    for (const Node* n : links) add(NodeText(n));
    if (current && !current->is(Tag::kA)) add(NodeText(current));
  }
  if (items.size() > 12) items.clear();  // a menu, not a trail
  return items;
}

bool IsHomeCrumb(std::string_view s) {
  // clang-format off
  static constexpr std::string_view kHome[] = {
      "home", "homepage", "home page", "startseite", "start", "accueil", "inicio", "início",
      "portada", "página inicial", "pagina iniziale", "voorpagina", "hjem", "hem", "forside",
      "etusivu", "strona główna", "anasayfa", "ana sayfa", "главная", "首页", "ホーム", "الرئيسية",
  };
  // clang-format on
  for (std::string_view h : kHome)
    if (IEquals(s, h)) return true;
  return false;
}

// A crumb that is the article itself (equal to the title, or a cut-down copy of it).
bool CrumbIsTitle(std::string_view crumb, std::string_view title) {
  if (title.empty()) return false;
  if (IEquals(crumb, title)) return true;
  std::string_view c = crumb;
  for (std::string_view ell : {"...", "\xE2\x80\xA6"})
    if (c.size() > ell.size() && c.substr(c.size() - ell.size()) == ell)
      c = html::Trim(c.substr(0, c.size() - ell.size()));
  if (c.size() * 2 >= title.size() && (IContains(title, c) || IContains(c, title))) return true;
  return CountWords(crumb) >= 7;  // sections are short; anything this long is a headline
}

// Meta keys that carry the publication date, after JSON-LD and before <time>; best first.
// clang-format off
constexpr std::string_view kPublishedKeys[] = {
    "article:published_time", "og:published_time", "article:published", "parsely-pub-date",
    "sailthru.date", "itemprop:datepublished", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.issued", "dcterms.created", "date", "pubdate", "publishdate", "publish-date",
    "publish_date", "publication_date", "article.published", "datepublished",
    "citation_publication_date", "citation_date", "cxenseparse:recs:publishtime",
};
// clang-format on

std::string NormalizeFirst(const std::vector<std::string_view>& candidates) {
  for (std::string_view c : candidates) {
    std::string d = NormalizeDate(c);
    if (!d.empty()) return d;
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public helpers.

std::string NormalizeDate(std::string_view text) {
  std::string cleaned = html::CollapseWhitespace(text);
  std::string_view s = cleaned;
  if (s.empty() || s.size() > 200) return {};
  if (IsStrictIso(s)) return std::string(s);
  DateTime t;
  if (IsDigit(s[0]) && ParseNumericDate(s, &t)) return FormatDate(t);
  t = DateTime();
  if (ParseNamedDate(s, &t)) return FormatDate(t);
  return {};
}

std::string CleanTitle(std::string_view raw_title, std::string_view site_name) {
  return CleanTitleImpl(raw_title, site_name, /*heuristic=*/true);
}

std::string ResolveUrl(std::string_view base_in, std::string_view ref_in) {
  std::string ref_s = StripUrlJunk(ref_in), base_s = StripUrlJunk(base_in);
  UrlParts r = SplitUrl(ref_s);
  if (r.has_scheme) return ref_s;
  UrlParts b = SplitUrl(base_s);
  if (!b.has_scheme) return ref_s;
  std::string out(b.scheme);
  out += ':';
  std::string path;
  std::string_view query;
  bool has_query = false;
  std::string_view authority = b.authority;
  bool has_authority = b.has_authority;
  if (r.has_authority) {
    authority = r.authority;
    has_authority = true;
    path = RemoveDotSegments(r.path);
    query = r.query, has_query = r.has_query;
  } else if (r.path.empty()) {
    path = std::string(b.path);
    if (r.has_query) {
      query = r.query, has_query = true;
    } else {
      query = b.query, has_query = b.has_query;
    }
  } else {
    if (r.path[0] == '/') {
      path = RemoveDotSegments(r.path);
    } else {
      std::string merged;
      if (b.has_authority && b.path.empty()) {
        merged = "/" + std::string(r.path);
      } else {
        size_t slash = b.path.rfind('/');
        merged = std::string(slash == std::string_view::npos ? std::string_view()
                                                             : b.path.substr(0, slash + 1));
        merged += r.path;
      }
      path = RemoveDotSegments(merged);
    }
    query = r.query, has_query = r.has_query;
  }
  if (has_authority) {
    out += "//";
    out += authority;
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (r.has_fragment) {
    out += '#';
    out += r.fragment;
  }
  return out;
}

std::vector<std::string> SplitByline(std::string_view text) {
  std::string whole = html::CollapseWhitespace(DecodeEntities(text));
  std::vector<std::string> names;
  if (whole.empty() || whole.size() > 400) return names;
  // Segments: "Jane Doe | Reuters | Feb 7". Prefer the one that says "By …".
  std::vector<std::string> segments =
      SplitAny(whole, {"|", "\xE2\x80\xA2", "\xC2\xB7", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "});
  std::string chosen;
  for (const std::string& seg : segments) {
    std::string_view v = seg;
    if (StripBylinePrefix(v) && !TrimPunct(v).empty()) {
      chosen = std::string(v);
      break;
    }
  }
  if (chosen.empty()) {
    for (const std::string& seg : segments) {
      std::string_view v = html::Trim(seg);
      if (v.empty()) continue;
      // "More stories by Jane Doe", "Photo: AP, text by Jane"
      size_t by = IFindWord(v, "by");
      if (by != std::string_view::npos && by > 0 && CountWords(v.substr(0, by)) <= 4)
        v = v.substr(by + 2);
      chosen = std::string(v);
      break;
    }
  }
  std::string_view body = chosen;
  body = CutAtWords(body, {"updated", "published", "posted", "last updated", "aktualisiert",
                           "veröffentlicht", "publié", "publicado", "actualizado", "am", "on"});
  // Parenthesised asides: "Jane Doe (Reuters)".
  std::string no_parens;
  int depth = 0;
  for (char c : body) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      no_parens.push_back(c);
    }
  }
  std::vector<std::string> parts;
  for (const std::string& piece : SplitAny(no_parens, {",", ";", " / "}))
    for (std::string& p :
         SplitAny(piece, {" and ", " & ", " und ", " et ", " y ", " e ", " with ", " og ", " en "}))
      parts.push_back(std::move(p));
  std::string agency_fallback;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    StripBylinePrefix(p);
    p = CutAtWords(p, {"in", "at", "for", "from"});  // "Jane Doe in Baghdad"
    p = TrimPunct(html::Trim(p));
    if (p.empty()) continue;
    std::string name = html::CollapseWhitespace(p);
    if (IsAgency(name)) {
      if (agency_fallback.empty() && i == 0) agency_fallback = name;
      continue;
    }
    if (std::any_of(name.begin(), name.end(), IsDigit) || name.find('@') != std::string::npos ||
        IsUrlLike(name) || CountWords(name) > 5 || name.size() < 2 || name.size() > 80)
      continue;
    if (name[0] >= 'a' && name[0] <= 'z') continue;  // "staff", "updated …": not a name
    if (HasRoleWord(name)) continue;
    bool junk = false;
    for (std::string_view j : kJunkNames) junk = junk || IEquals(name, j);
    if (junk) continue;
    // A lone word after a name is a place or an outlet: "Jane Doe, Washington".
    if (CountWords(name) == 1 && !names.empty()) continue;
    AddUnique(names, std::move(name));
  }
  if (names.empty() && !agency_fallback.empty()) names.push_back(agency_fallback);
  return names;
}

// ---------------------------------------------------------------------------------------------

PageMetadata ExtractMetadata(const html::Document& doc, std::string_view page_url) {
  PageMetadata m;
  PageFacts f;
  CollectFacts(doc, &f);
  if (std::string_view pp = f.First("parsely-page"); !pp.empty()) ReadParselyPage(pp, &f.meta);

  LdData ld;
  {
    LdReader reader(&ld);
    for (const std::string& s : f.ld_scripts) reader.Read(s);
  }

  auto first_clean = [&](std::initializer_list<std::string_view> keys) -> std::string {
    for (std::string_view k : keys) {
      std::string v = CleanText(f.First(k));
      if (!v.empty()) return v;
    }
    return {};
  };

  // Site name first: title cleaning and author filtering use it.
  m.site_name = first_clean({"og:site_name"});
  if (m.site_name.empty()) m.site_name = ld.publisher;
  if (m.site_name.empty()) m.site_name = ld.website_name;
  if (m.site_name.empty()) m.site_name = ld.org_name;
  if (m.site_name.empty()) m.site_name = first_clean({"application-name", "dc.publisher"});

  // URL: canonical > og:url > JSON-LD > page_url. A canonical pointing at the site root from
  // a deeper page is a template bug, not the article's address.
  std::string base(page_url);
  if (!f.base_href.empty()) base = ResolveUrl(page_url, f.base_href);
  bool page_is_root = page_url.empty() || IsRootUrl(page_url);
  auto usable = [&](const std::string& u) {
    return !u.empty() && !IStartsWith(u, "javascript:") && !IStartsWith(u, "data:") &&
           (page_is_root || !IsRootUrl(u)) && SplitUrl(u).has_scheme;
  };
  for (std::string_view cand :
       {std::string_view(f.canonical), f.First("og:url"), std::string_view(ld.url)}) {
    if (cand.empty()) continue;
    std::string u = ResolveUrl(base, cand);
    if (usable(u)) {
      m.url = std::move(u);
      break;
    }
  }
  if (m.url.empty()) m.url = std::string(page_url);

  // Title. Candidates that are only the site name (some sites put it in og:title on every
  // page) are skipped.
  {
    const std::string site_key = SiteKey(m.site_name);
    auto usable_title = [&](const std::string& t) {
      return !t.empty() && (site_key.empty() || SiteKey(t) != site_key);
    };
    std::string og = CleanTitleImpl(first_clean({"og:title"}), m.site_name, false);
    std::string headline = CleanTitleImpl(ld.headline, m.site_name, false);
    // Google truncates JSON-LD headlines at 110 characters; some sites follow with "…".
    for (std::string_view ell : {"...", "\xE2\x80\xA6"}) {
      if (headline.size() > ell.size() && headline.ends_with(ell)) {
        std::string_view stem =
            html::Trim(std::string_view(headline).substr(0, headline.size() - ell.size()));
        if (!og.empty() && IStartsWith(og, stem)) headline = og;
      }
    }
    for (const std::string* cand : {&headline, &og}) {
      if (m.title.empty() && usable_title(*cand)) m.title = *cand;
    }
    for (std::string_view k :
         {"twitter:title", "dc.title", "dcterms.title", "parsely-title", "itemprop:headline"}) {
      if (!m.title.empty()) break;
      std::string t = CleanTitleImpl(first_clean({k}), m.site_name, false);
      if (usable_title(t)) m.title = std::move(t);
    }
    if (m.title.empty() && f.have_title) {
      std::string raw = CleanText(f.title);
      std::string cleaned = CleanTitle(raw, m.site_name);
      // The longest <h1> found in the <title> (a logo <h1> is in there too, but shorter).
      for (const std::string& h1 : f.h1s) {
        if (SiteMatches(h1, m.site_name) && CountWords(h1) <= 4) continue;
        if (h1.size() * 2 >= cleaned.size() && h1.size() > m.title.size() && IContains(raw, h1))
          m.title = h1;
      }
      if (m.title.empty() && usable_title(cleaned)) m.title = cleaned;
    }
    if (m.title.empty() && f.h1s.size() == 1) m.title = f.h1s[0];
  }

  // Dates.
  {
    std::vector<std::string_view> pub = {ld.published};
    for (std::string_view k : kPublishedKeys)
      for (std::string_view v : f.All(k)) pub.push_back(v);
    m.published = NormalizeFirst(pub);
    std::vector<std::string_view> mod = {ld.modified};
    for (std::string_view k : {"article:modified_time", "og:updated_time", "article:modified",
                               "itemprop:datemodified", "dc.date.modified", "dcterms.modified",
                               "last-modified", "http-equiv:last-modified", "lastmod"})
      for (std::string_view v : f.All(k)) mod.push_back(v);
    m.modified = NormalizeFirst(mod);

    // <time> elements (and hAtom abbr.published / abbr.updated). A publish hint is on the
    // element or its parent (<p class="article-date"><time datetime=…>), or the element sits in
    // the article. Failing that, the first <time datetime> outside chrome and the site header.
    std::string fallback_time;
    for (const Node* t : f.times) {
      if (!m.published.empty() && !m.modified.empty()) break;
      if (InChrome(t)) continue;
      std::string_view v = t->attr("datetime");
      if (v.empty() && t->is(Tag::kAbbr)) v = t->attr("title");
      std::string d = NormalizeDate(v.empty() ? NodeText(t) : std::string(v));
      if (d.empty()) continue;
      std::string_view prop = t->attr("itemprop");
      const Node* parent = t->parent && t->parent->is_element() ? t->parent : t;
      bool updated = IContains(prop, "modif") || ClassIdContains(t, {"updat", "modif"}) ||
                     ClassIdContains(parent, {"updat", "modif"});
      bool publish = IContains(prop, "publish") || IContains(prop, "date") ||
                     ClassIdContains(t, {"publish", "date", "posted"}) ||
                     ClassIdContains(parent, {"publish", "date", "posted"});
      if (updated) {
        if (m.modified.empty()) m.modified = d;
      } else if (m.published.empty() && (publish || InArticleOrMain(t))) {
        m.published = d;
      } else if (fallback_time.empty() && !v.empty() && !InSiteHeader(t)) {
        fallback_time = d;
      }
    }
    if (m.published.empty()) m.published = fallback_time;
    if (m.published.empty()) {
      for (const Node* n : f.date_texts) {
        if (InChrome(n) || !InArticleOrMain(n) || html::CollapsedTextLength(n) > 80) continue;
        std::string d = NormalizeDate(NodeText(n));
        if (!d.empty()) {
          m.published = d;
          break;
        }
      }
    }
  }

  // Authors: JSON-LD > meta tags > rel=author > itemprop=author > byline classes.
  {
    std::vector<std::string> authors;
    for (size_t i = 0; i < ld.authors.size(); ++i) {
      std::vector<std::string> split = SplitByline(ld.authors[i]);
      if (split.empty() && !IsUrlLike(ld.authors[i]) && CountWords(ld.authors[i]) <= 6)
        split.push_back(ld.authors[i]);  // an organisation name SplitByline deems a role
      for (std::string& a : split) AddUnique(authors, std::move(a));
    }
    if (authors.empty()) {
      for (std::string_view k :
           {"author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
            "sailthru.author", "byl", "citation_author", "itemprop:author"}) {
        for (std::string_view v : f.All(k)) {
          if (IsUrlLike(v)) continue;
          for (std::string& a : SplitByline(v)) AddUnique(authors, std::move(a));
        }
      }
    }
    // Byline elements, skipping any inside one already taken (its text included them).
    auto from_nodes = [&](const std::vector<const Node*>& nodes) {
      std::vector<const Node*> taken;
      for (const Node* n : nodes) {
        if (InChrome(n)) continue;
        bool inside = false;
        for (const Node* t : taken) inside = inside || IsDescendantOf(n, t);
        if (inside) continue;
        if (html::CollapsedTextLength(n) > 150 && n->attr("content").empty()) continue;
        std::vector<std::string> names = SplitByline(BylineText(n));
        if (names.empty()) continue;
        taken.push_back(n);
        for (std::string& a : names) AddUnique(authors, std::move(a));
      }
    };
    if (authors.empty()) from_nodes(f.rel_authors);
    if (authors.empty()) from_nodes(f.prop_authors);
    if (authors.empty()) from_nodes(f.class_authors);
    // Drop the outlet when a person is named too ("Jane Doe" + "The Daily Ledger").
    if (authors.size() > 1) {
      std::vector<std::string> kept;
      for (std::string& a : authors) {
        std::string key = SiteKey(a);
        bool is_outlet = (!m.site_name.empty() && key == SiteKey(m.site_name)) ||
                         (!ld.publisher.empty() && key == SiteKey(ld.publisher));
        if (is_outlet) continue;
        kept.push_back(std::move(a));
      }
      if (!kept.empty()) authors = std::move(kept);
    }
    m.authors = std::move(authors);
  }

  // Breadcrumbs: JSON-LD trail, else the page's.
  {
    std::vector<std::string> crumbs = ld.breadcrumbs;
    if (crumbs.empty() && f.breadcrumb) crumbs = HtmlBreadcrumbs(f.breadcrumb);
    for (size_t i = 0; i < crumbs.size(); ++i) {
      if (IsHomeCrumb(crumbs[i])) continue;
      if (i == 0 && SiteMatches(crumbs[i], m.site_name) && CountWords(crumbs[i]) <= 5) continue;
      m.breadcrumbs.push_back(std::move(crumbs[i]));
    }
  }

  // Section: JSON-LD > article:section > the last crumb that is not the article itself.
  m.section = ld.section;
  if (m.section.empty())
    m.section =
        first_clean({"article:section", "parsely-section", "og:section", "section", "category"});
  if (m.section.empty()) {
    for (size_t i = m.breadcrumbs.size(); i-- > 0;) {
      if (CrumbIsTitle(m.breadcrumbs[i], m.title)) continue;
      m.section = m.breadcrumbs[i];
      break;
    }
  }

  // Tags: article:tag > JSON-LD keywords > rel=tag links > parsely-tags > keywords meta.
  {
    std::vector<std::string> tags;
    auto add_split = [&](std::string_view v) {
      for (const std::string& t : SplitAny(v, {",", ";"})) {
        std::string c = CleanText(t);
        if (c.size() <= 100) AddUnique(tags, std::move(c));
      }
    };
    for (std::string_view v : f.All("article:tag")) add_split(v);
    if (tags.empty()) tags = ld.tags;
    if (tags.empty()) {
      for (const Node* a : f.tag_links) {
        if (InChrome(a)) continue;
        std::string t = NodeText(a);
        if (!t.empty() && t[0] == '#') t = html::CollapseWhitespace(std::string_view(t).substr(1));
        if (t.size() <= 100) AddUnique(tags, std::move(t));
      }
    }
    for (std::string_view k : {"parsely-tags", "news_keywords", "keywords"}) {
      if (!tags.empty()) break;
      for (std::string_view v : f.All(k)) add_split(v);
    }
    m.tags = std::move(tags);
  }

  m.description = first_clean({"og:description", "description", "twitter:description"});
  if (m.description.empty()) m.description = ld.description;
  if (m.description.empty())
    m.description = first_clean({"dc.description", "itemprop:description"});

  {
    std::string image = first_clean(
        {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"});
    if (image.empty()) image = ld.image;
    if (image.empty()) image = first_clean({"itemprop:image", "parsely-image-url"});
    if (image.empty()) image = f.image_src;
    // Relative URLs in a page resolve against the document's base, not its canonical URL.
    if (!image.empty()) image = ResolveUrl(base.empty() ? m.url : base, image);
    m.image = std::move(image);
  }

  m.language = f.html_lang;
  for (std::string_view k : {"og:locale", "http-equiv:content-language", "content-language"}) {
    if (!m.language.empty()) break;
    m.language = std::string(html::Trim(f.First(k)));
  }
  if (m.language.empty()) m.language = ld.language;
  if (m.language.empty()) m.language = first_clean({"dc.language", "dcterms.language", "language"});

  m.page_type = ld.page_type;
  if (m.page_type.empty()) m.page_type = first_clean({"og:type"});
  return m;
}

}  // namespace ng::extract
