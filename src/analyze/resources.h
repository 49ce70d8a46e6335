// resources.h — the immutable tables behind ng::Analyze (internal to src/analyze).
//
// Loaded once by LoadResources from the directory data/build_data.mjs writes at build time;
// shared read-only by every thread. Phrase dictionaries are keyed by their tokens, lowercased
// and joined with single spaces, so matching works on our own tokens (see segment.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsgraph/analyze.h"

#include <unicode/brkiter.h>

namespace ng {
namespace syntax {
class Tagger;
class Parser;
}  // namespace syntax

// Heterogeneous lookup so a std::string_view key needs no allocation.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct CountryRow {
  std::string iso3, iso2, fips, name;
  double lat = 0, lon = 0;
  int capital_city = -1;  // index in cities
};

struct CityRow {
  std::string name;
  int country = -1;  // index in countries
  std::string admin1;
  double lat = 0, lon = 0;
  int64_t population = 0;
  int64_t geonames_id = 0;
  bool capital = false;  // PPLC
};

struct Adm1Row {
  std::string code;  // ISO 3166-2, "US-GA"
  std::string name;
  int country = -1;
  double lat = 0, lon = 0;  // its most populous city stands in for a centroid
};

// One dictionary sense of a phrase.
struct Sense {
  enum Type : uint8_t { kCountryName, kCountryAdj, kCity, kAdm1, kTitle, kOrg, kAgent };
  Type type;
  bool needs_capital = false;  // the text's first letter must be upper case ("US" vs "us")
  int country = -1;            // index in countries
  int ref = -1;                // city / adm1 index
  std::string role, canonical;
};

enum class AbbrevKind : uint8_t { kTitle, kName };

class Lemmatizer;

class Resources {
 public:
  Resources();
  ~Resources();

  std::vector<CountryRow> countries;
  StringMap<int> country_by_iso3;
  std::vector<CityRow> cities;
  std::vector<Adm1Row> adm1;

  // phrase key -> senses; every proper prefix of a key is there too (prefix = true, maybe with
  // no senses), so a scan needs one lookup per token and stops as soon as nothing can follow.
  struct Phrase {
    std::vector<Sense> senses;
    bool prefix = false;
  };
  StringMap<Phrase> phrases;
  int max_phrase_tokens = 1;

  StringMap<WordClass> function_words;
  StringMap<AbbrevKind> abbreviations;  // case-sensitive, with the final period
  StringSet agent_premods;
  StringMap<std::string> count_kinds;  // lemma -> KILL, WOUND, ...
  StringMap<int> tone;                 // lowercase word -> valence
  StringMap<char> given_names;         // lowercase first name -> 'm', 'f' or 'u' (both)
  // One-word country names and demonyms of 7+ letters ("ethiopia", "ethiopian"): an unknown
  // capitalised word one typing slip away from exactly one of them is read as it ("Ethopia").
  std::vector<std::string> country_words;
  std::unique_ptr<Lemmatizer> lemmatizer;
  std::unique_ptr<icu::BreakIterator> sentence_prototype;  // cloned per thread

  int64_t city_min_population = 15000;  // a lone city name below this needs "in/at/near"

  // Syntax models (optional: absent models leave a note, never an error).
  std::unique_ptr<syntax::Tagger> tagger;
  std::unique_ptr<syntax::Parser> parser;
  std::vector<uint8_t> tag_upos, tag_xpos;  // tagger label -> tagset ids
  int tag_vbp = -1, tag_vbz = -1, tag_vbd = -1;  // the tagger's labels VERB/VBP, VBZ, VBD; -1 if none
  SyntaxInfo syntax_info;
};

}  // namespace ng
