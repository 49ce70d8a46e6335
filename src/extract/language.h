// language.h — the language of an article, as an ISO 639-1 code.
//
// Usage:
//   std::string lang = ng::extract::DetectLanguage(article_text, html_lang_attribute);
//   // "en", "de", "ar", ... or "" when unknown
//
// Evidence: the page's declared language (<html lang>, og:locale, Content-Language — the caller
// picks one and passes it as `declared`) and CLD2 run on the text (plain text, at most the first
// 2 KB, cut at a character boundary: enough for a reliable call, half the cost of 4 KB). The rule:
//   1. No usable text (CLD2 finds no letters): the normalised declared tag, or "".
//   2. No declared tag: CLD2's language when CLD2 calls it reliable, else "".
//   3. Both, and they agree, or CLD2 names a close relative it cannot tell apart reliably
//      (its own "close sets": da/nb/nn/no, bs/hr/sr, cs/sk, id/ms, es/gl/pt, hi/mr/ne, xh/zu,
//      rw/rn, bo/dz): the declared tag, which the publisher knows better.
//   4. Both, and they disagree: CLD2 wins only when it is sure — reliable, at least 80% of the
//      text, and at least 200 bytes of letters — because templates often keep lang="en" on
//      articles in other languages; otherwise the declared tag.
// Declared tags are normalised: "en-US", "en_US", "EN", " en " → "en"; "zh-Hans" → "zh";
// the first entry of a list ("de, en") is used; retired codes are updated (iw → he, in → id,
// ji → yi, jw → jv, mo → ro); common ISO 639-2 codes map to 639-1 ("eng" → "en",
// "ger"/"deu" → "de"); anything else that is not an ISO 639-1 code ("x-default", "und", "*",
// "{{lang}}") is ignored. CLD2 results outside ISO 639-1 (e.g. Cebuano) count as unknown.
// Thread-safe; 0.03 ms for a headline, about 0.1 ms for 2 KB or more of text.
#pragma once

#include <string>
#include <string_view>

namespace ng::extract {

std::string DetectLanguage(std::string_view utf8_text, std::string_view declared = {});

// The ISO 639-1 code in a declared language tag, or "" when there is none (see above).
std::string NormalizeLanguageTag(std::string_view tag);

}  // namespace ng::extract
