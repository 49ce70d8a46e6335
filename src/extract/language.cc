// language.cc — declared language tags + CLD2. See language.h for the rule.
#include "extract/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <string>

#include "extract/encoding.h"

namespace ng::extract {
namespace {

// ISO 639-1 (2023), two letters each, sorted.
constexpr std::string_view kIso6391 =
    "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoeseteufaff"
    "fifjfofrfygagdglgngugvhahehihohrhthuhyhziaidieigiiikioisitiujajvkakgkikjkkklkmknkokrksku"
    "kvkwkylalblglilnloltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqu"
    "rmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzvevivo"
    "wawoxhyiyozazhzu";

bool IsIso6391(std::string_view code) {
  if (code.size() != 2) return false;
  size_t lo = 0, hi = kIso6391.size() / 2;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    const std::string_view c = kIso6391.substr(mid * 2, 2);
    if (c == code) return true;
    if (c < code) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

struct CodeMap {
  std::string_view from, to;
};

// Retired ISO 639-1 codes (CLD2 still returns "iw" and "jw").
constexpr CodeMap kRetired[] = {
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"}};

// ISO 639-2 (B and T) codes seen in lang attributes, for languages with a 639-1 code.
constexpr CodeMap kIso6392[] = {
    {"ara", "ar"}, {"ben", "bn"}, {"bul", "bg"}, {"cat", "ca"}, {"ces", "cs"}, {"chi", "zh"},
    {"cze", "cs"}, {"dan", "da"}, {"deu", "de"}, {"dut", "nl"}, {"ell", "el"}, {"eng", "en"},
    {"est", "et"}, {"fas", "fa"}, {"fin", "fi"}, {"fra", "fr"}, {"fre", "fr"}, {"ger", "de"},
    {"gre", "el"}, {"heb", "he"}, {"hin", "hi"}, {"hrv", "hr"}, {"hun", "hu"}, {"ind", "id"},
    {"ita", "it"}, {"jpn", "ja"}, {"kor", "ko"}, {"lav", "lv"}, {"lit", "lt"}, {"may", "ms"},
    {"msa", "ms"}, {"nld", "nl"}, {"nor", "no"}, {"per", "fa"}, {"pol", "pl"}, {"por", "pt"},
    {"ron", "ro"}, {"rum", "ro"}, {"rus", "ru"}, {"slk", "sk"}, {"slo", "sk"}, {"slv", "sl"},
    {"spa", "es"}, {"srp", "sr"}, {"swe", "sv"}, {"tha", "th"}, {"tur", "tr"}, {"ukr", "uk"},
    {"urd", "ur"}, {"vie", "vi"}, {"zho", "zh"}};

// The primary subtag of a tag as an ISO 639-1 code, or "".
std::string PrimaryToIso6391(std::string_view primary) {
  std::string code;
  for (char c : primary) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c < 'a' || c > 'z') return {};
    code.push_back(c);
  }
  const CodeMap* begin = code.size() == 2 ? std::begin(kRetired) : std::begin(kIso6392);
  const CodeMap* end = code.size() == 2 ? std::end(kRetired) : std::end(kIso6392);
  for (const CodeMap* m = begin; m != end; ++m) {
    if (m->from == code) return std::string(m->to);
  }
  return IsIso6391(code) ? code : std::string();
}

// CLD2 works on at most this many bytes. Measured here, CLD2 costs ~25 us + ~50 us per KB, so
// 4 KB (600+ words, far more than CLD2 needs to be reliable) keeps it near 0.2 ms a page, where
// 10 KB would take ~0.5 ms.
constexpr size_t kMaxCld2Bytes = 2 * 1024;
// Below these, CLD2 does not overrule a declared language (see language.h, rule 4).
constexpr int kOverrulePercent = 80;
constexpr int kOverruleTextBytes = 200;

struct Cld2Guess {
  std::string code;  // ISO 639-1 or ""
  CLD2::Language language = CLD2::UNKNOWN_LANGUAGE;
  int percent = 0;
  int text_bytes = 0;
  bool reliable = false;
};

Cld2Guess RunCld2(std::string_view text) {
  if (text.size() > kMaxCld2Bytes) {
    size_t cut = kMaxCld2Bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  // CLD2 must only see valid UTF-8 (its own docs insist).
  std::string sanitized;
  if (!IsValidUtf8(text)) {
    sanitized = SanitizeUtf8(text);
    text = sanitized;
  }
  Cld2Guess g;
  CLD2::Language language3[3];
  int percent3[3];
  g.language = CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                              /*is_plain_text=*/true, language3, percent3,
                                              &g.text_bytes, &g.reliable);
  g.percent = percent3[0];
  if (g.language != CLD2::UNKNOWN_LANGUAGE) {
    g.code = NormalizeLanguageTag(CLD2::LanguageCode(g.language));
  }
  return g;
}

bool CloseRelatives(const std::string& declared, CLD2::Language detected) {
  const int set = CLD2::LanguageCloseSet(detected);
  return set != 0 && set == CLD2::LanguageCloseSet(CLD2::GetLanguageFromName(declared.c_str()));
}

}  // namespace

std::string NormalizeLanguageTag(std::string_view tag) {
  // A list ("de, en;q=0.8"): the first entry.
  tag = tag.substr(0, std::min(tag.find(','), tag.find(';')));
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  return PrimaryToIso6391(tag.substr(0, tag.find_first_of("-_")));
}

std::string DetectLanguage(std::string_view utf8_text, std::string_view declared_tag) {
  const std::string declared = NormalizeLanguageTag(declared_tag);
  const Cld2Guess guess = RunCld2(utf8_text);
  if (guess.text_bytes == 0) return declared;                     // rule 1
  if (declared.empty()) return guess.reliable ? guess.code : "";  // rule 2
  if (guess.code.empty() || guess.code == declared || CloseRelatives(declared, guess.language)) {
    return declared;  // rule 3
  }
  const bool sure =
      guess.reliable && guess.percent >= kOverrulePercent && guess.text_bytes >= kOverruleTextBytes;
  return sure ? guess.code : declared;  // rule 4
}

}  // namespace ng::extract
