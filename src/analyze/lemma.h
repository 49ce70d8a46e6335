// lemma.h — a morphy-style lemmatizer over WordNet 3.0 (Debian wordnet-base).
//
// Like WordNet's morphy: exception lists first ("struck" -> "strike", "fled" -> "flee"), then
// detachment rules per part of speech, keeping only candidates WordNet lists as lemmas.
//   Lemmatizer lm; lm.Load(dir);  lm.Lemma("killed", Pos::kVerb) == "kill"
#pragma once

#include <string>
#include <string_view>

#include "analyze/resources.h"
#include "newsgraph/status.h"

namespace ng {

class Lemmatizer {
 public:
  enum Pos { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3 };
  // Reads wn_{noun,verb,adj,adv}.{txt,exc} from dir.
  Status Load(const std::string& dir);
  // The base form of a lowercase word for `pos`, or "" when WordNet knows none.
  std::string Lemma(std::string_view lower, Pos pos) const;
  bool Known(std::string_view lower, Pos pos) const { return words_[pos].count(lower) > 0; }
  bool IsException(std::string_view lower, Pos pos) const { return exc_[pos].count(lower) > 0; }
  bool empty() const { return words_[kNoun].empty(); }

 private:
  StringSet words_[4];
  StringMap<std::string> exc_[4];
};

}  // namespace ng
