#include "analyze/lemma.h"

#include <fstream>

namespace ng {
namespace {

struct Rule {
  std::string_view suffix, replacement;
};
// WordNet's morphy detachment rules (morph.c), per part of speech.
constexpr Rule kNounRules[] = {{"s", ""},     {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"}, {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

}  // namespace

Status Lemmatizer::Load(const std::string& dir) {
  static const char* kNames[] = {"noun", "verb", "adj", "adv"};
  for (int p = 0; p < 4; ++p) {
    std::string path = dir + "/wn_" + kNames[p] + ".txt";
    std::ifstream in(path);
    if (!in) return NotFound("lemma table missing: " + path);
    std::string line;
    words_[p].reserve(p == 0 ? 120000 : 20000);
    while (std::getline(in, line)) {
      if (!line.empty()) words_[p].insert(line);
    }
    std::ifstream exc(dir + "/wn_" + kNames[p] + ".exc");
    while (std::getline(exc, line)) {
      size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      exc_[p].emplace(line.substr(0, tab), line.substr(tab + 1));
    }
  }
  return Status::Ok();
}

std::string Lemmatizer::Lemma(std::string_view w, Pos pos) const {
  if (auto it = exc_[pos].find(w); it != exc_[pos].end()) return it->second;
  // WordNet lists some plurals as lemmas ("troops", "forces"); the singular reads better for
  // matching, so a noun ending in -s whose base form is known takes the base form.
  bool self = words_[pos].count(w) > 0;
  if (self && !(pos == kNoun && w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's')) return std::string(w);
  const Rule* begin = nullptr;
  size_t n = 0;
  switch (pos) {
    case kNoun: begin = kNounRules; n = std::size(kNounRules); break;
    case kVerb: begin = kVerbRules; n = std::size(kVerbRules); break;
    case kAdj: begin = kAdjRules; n = std::size(kAdjRules); break;
    case kAdv: return self ? std::string(w) : "";
  }
  if (pos == kNoun && w.size() > 4 && w.substr(w.size() - 4) == "ness") return "";
  std::string cand;
  for (size_t i = 0; i < n; ++i) {
    const Rule& r = begin[i];
    if (w.size() <= r.suffix.size() + 1 || w.substr(w.size() - r.suffix.size()) != r.suffix) continue;
    cand.assign(w.substr(0, w.size() - r.suffix.size()));
    cand += r.replacement;
    if (words_[pos].count(cand)) return cand;
  }
  return self ? std::string(w) : "";
}

}  // namespace ng
