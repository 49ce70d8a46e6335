// internal.h — what the analysis passes share (internal to src/analyze).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/resources.h"
#include "newsgraph/analyze.h"

namespace ng {

// The document being analysed: the text, its tokens (in Analysis::tokens) and per-token state.
struct Doc {
  const Resources& res;
  std::string_view text;
  Analysis* a;
  std::vector<std::string> lower;  // lowercased token text
  std::vector<uint8_t> in_entity;  // 1 when a person/organisation span covers the token
  std::vector<int> country_of;     // country index a token names (name or adjective), else -1
  std::vector<uint8_t> country_adj;  // 1 when that token is an adjective/demonym ("Iraqi")
  std::vector<uint8_t> in_date;      // 1 when a date expression covers the token

  std::string_view Tok(int i) const {
    const Token& t = a->tokens[i];
    return text.substr(t.begin, t.end - t.begin);
  }
  int NumTokens() const { return static_cast<int>(a->tokens.size()); }
  const Sentence& SentenceOf(int tok) const { return a->sentences[a->tokens[tok].sentence]; }
  int SentenceEnd(int tok) const {
    const Sentence& s = SentenceOf(tok);
    return s.first_token + s.token_count;
  }
  bool IsWord(int i) const {
    WordClass c = a->tokens[i].word_class;
    return c != WordClass::kPunctuation && c != WordClass::kSymbol && c != WordClass::kNumber;
  }
  // True when tokens i and i+1 touch (no space between: "U.S.-led").
  bool Touch(int i, int j) const { return a->tokens[i].end == a->tokens[j].begin; }
};

// Calendar dates (proleptic Gregorian).
struct Ymd {
  int y = 0, m = 0, d = 0;
};
bool ParseYmd(std::string_view s, Ymd* out);  // "YYYY-MM-DD" (a longer ISO timestamp is cut)
int64_t DaysFromCivil(Ymd d);
Ymd CivilFromDays(int64_t days);
int Weekday(Ymd d);  // 0 = Monday .. 6 = Sunday
std::string FormatYmd(Ymd d, DateMention::Granularity g);

// Number at token i ("2,500", "eighty-five", "a dozen", "1.5 million"); sets *next to the token
// after it. *vague = "dozens of"-style (value is the lower bound).
bool ParseNumber(const Doc& doc, int i, int end, double* value, int* next, bool* vague);

void FindEntities(Doc& doc);
void FindQuantities(Doc& doc);
void FindDates(Doc& doc, const Ymd* publication);

}  // namespace ng
