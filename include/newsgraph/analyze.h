// analyze.h — read an article as an analyst would: sentences, tokens and lemmas, who is named
// (persons, organisations, locations), where (places resolved to country/ADM1/coordinates), how
// many (typed counts), when (dates resolved against the publication date) and the tone.
//
//   NG_ASSIGN_OR_RETURN(std::shared_ptr<const ng::Resources> res, ng::LoadResources(dir));
//   ng::Result<ng::Analysis> a = ng::Analyze(*res, text, {.publication_date = "2024-02-07"});
//   for (const ng::Entity& e : a->entities) std::cout << e.text << " " << e.country << "\n";
//   std::cout << ng::AnalysisToJson(*a, text);
// Every finding carries byte offsets [begin, end) into the UTF-8 text that was analysed.
// Resources are immutable once loaded and may be shared by any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng {

struct Span {
  size_t begin = 0;  // byte offsets into the analysed text
  size_t end = 0;
};

struct Sentence : Span {
  int first_token = 0;  // tokens [first_token, first_token + token_count)
  int token_count = 0;
};

// A coarse word class — enough for the shallow coder. With the syntax models loaded it is read
// off the tagger's UPOS (see UposName); without them it comes from word lists and WordNet.
enum class WordClass : uint8_t {
  kNoun, kProperNoun, kVerb, kAdjective, kAdverb, kNumber, kDeterminer, kPronoun,
  kAdposition, kConjunction, kAuxiliary, kParticle, kPunctuation, kSymbol, kOther
};
const char* WordClassName(WordClass c);  // "NOUN", "PROPN", "VERB", ...

struct Token : Span {
  std::string lemma;  // lowercase WordNet base form ("struck" -> "strike"); the lowercased word otherwise
  WordClass word_class = WordClass::kOther;
  int sentence = 0;
  // Syntax (docs/SYNTAX.md), when the models are loaded: tag and relation ids named by UposName,
  // XposName and DeprelName; head is an index into Analysis::tokens, -1 for the root of its
  // sentence (and for every token when the models are absent: upos/xpos/deprel are then 0).
  uint8_t upos = 0;    // Universal POS ("NOUN", "VERB", ...)
  uint8_t xpos = 0;    // Penn Treebank POS ("NNS", "VBD", ...)
  uint8_t deprel = 0;  // Universal Dependencies relation ("nsubj", "obj", ...)
  int head = -1;
};
const char* UposName(uint8_t id);    // "X" for 0
const char* XposName(uint8_t id);    // "_" for 0
const char* DeprelName(uint8_t id);  // "dep" for 0

enum class EntityKind : uint8_t { kPerson, kOrganization, kLocation };
const char* EntityKindName(EntityKind k);  // "person", "organization", "location"

// How an entity mention names its referent.
enum class MentionKind : uint8_t { kName, kPartialName, kPronoun, kDescription };
const char* MentionKindName(MentionKind k);  // "name", "partial", "pronoun", "description"

struct Entity : Span {
  EntityKind kind = EntityKind::kPerson;
  MentionKind mention = MentionKind::kName;
  std::string text;     // exactly text[begin, end)
  std::string name;     // canonical name ("Fuad Hussein" for a later "Hussein" or "He")
  std::string country;  // ISO 3166 alpha-3 ("" when unknown or not national)
  std::string role;     // CAMEO-style sector: GOV MIL REB IGO BUS COP JUD LEG OPP SPY NGO ...
  std::string title;    // persons: "Foreign Minister"
  int sentence = 0;
  int antecedent = -1;  // coreference: index in Analysis::entities of the first mention
  int place = -1;       // locations: index in Analysis::places
};

struct Place {
  enum class Kind : uint8_t { kCountry, kAdm1, kCity };
  Kind kind = Kind::kCountry;
  std::string name;      // gazetteer name ("Washington", "Iraq")
  std::string country;   // ISO 3166 alpha-3
  std::string fips;      // FIPS 10-4 country code (GDELT's country code)
  std::string adm1;      // GDELT-style ADM1: FIPS + GeoNames admin1 ("USDC", "IZ07"); "" for countries
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;  // cities only
  int64_t population = 0;
  std::vector<int> mentions;  // indices in Analysis::entities
};
const char* PlaceKindName(Place::Kind k);  // "country", "adm1", "city"

struct Quantity : Span {
  std::string text;       // text[begin, end): "approximately 2,500 U.S. troops"
  double value = 0;       // 2500; the lower end of a range
  double value_max = 0;   // upper end of a range ("20 to 30"), else == value
  std::string qualifier;  // "", "more_than", "less_than", "at_least", "at_most", "approximately", "range"
  std::string unit;       // the counted noun phrase: "troops", "service members"
  std::string kind;       // GKG count type from the governing verb or noun: KILL, WOUND, ARREST, ...
  std::string country;    // from a national modifier of the counted noun ("Iraqi banks" -> IRQ)
  int sentence = 0;
};

struct DateMention : Span {
  enum class Granularity : uint8_t { kDay, kWeek, kMonth, kYear };
  std::string text;      // "on Tuesday", "in January", "last week"
  std::string resolved;  // "2024-02-06", "2024-01", "2024-W05", "2023"; "" when unresolvable
  Granularity granularity = Granularity::kDay;
  bool relative = false; // resolved against the publication date
  int sentence = 0;
};
const char* GranularityName(DateMention::Granularity g);  // "day", "week", "month", "year"

struct Tone {
  double positive = 0;  // share of words with positive valence, in percent (GDELT GKG style)
  double negative = 0;  // share of words with negative valence, in percent
  double polarity = 0;  // positive + negative: how emotionally charged
  double score = 0;     // positive - negative
  int word_count = 0;
};

struct Analysis {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Entity> entities;  // in text order
  std::vector<Place> places;     // distinct places, in order of first mention
  std::vector<Quantity> quantities;
  std::vector<DateMention> dates;
  Tone tone;                        // whole document
  std::vector<Tone> sentence_tone;  // one per sentence
  std::string publication_date;     // the date relative expressions were resolved against
  std::string notes;                // budgets that cut the analysis short, "" normally
};

// Immutable dictionaries, gazetteer, lemma and tone tables. Defined in src/analyze.
class Resources;

// Loads every table from `dir` (the build writes it to <build>/data; see data/SOURCES.md).
// Fails with kNotFound naming the first missing required file.
Result<std::shared_ptr<const Resources>> LoadResources(const std::string& dir);

// The data directory the build produced (compiled in), for tools and tests.
std::string DefaultResourceDir();

// The syntax models in a Resources (<dir>/syntax/tagger.model and parser.model): whether they
// loaded, why not, and what they cost.
struct SyntaxInfo {
  bool tagger = false, parser = false;
  std::string note;          // "" when both loaded, else why analysis runs without (part of) syntax
  double load_seconds = 0;   // both models
  size_t memory_bytes = 0;   // both models, in memory
};
SyntaxInfo GetSyntaxInfo(const Resources& resources);

// The country (ISO3) a bare place name stands for in the gazetteer: a country name, a US state, or
// a city (diacritics optional: "Kandahar") whose most populous namesake has >= 15,000 people and
// four times the people of any namesake in another country. "" otherwise (unknown or ambiguous).
std::string PlaceNameCountry(const Resources& resources, std::string_view name);

struct AnalyzeOptions {
  // YYYY-MM-DD; relative dates ("on Tuesday") are resolved against it. Empty: left unresolved.
  std::string_view publication_date;
  // Pre-split sentences as byte spans (e.g. from a supplied JSON). Validated: in range, ordered,
  // non-overlapping, on UTF-8 boundaries; an invalid span is kInvalidArgument. Empty: split here.
  std::vector<std::pair<size_t, size_t>> sentences;
  // Budgets. Text past max_bytes is not analysed (noted in Analysis::notes); a sentence longer
  // than max_sentence_bytes is cut at whitespace into pieces of at most that size.
  size_t max_bytes = 16u << 20;
  size_t max_sentence_bytes = 4096;
  bool tokens = true;  // keep Analysis::tokens (they are always computed)
  bool syntax = true;  // tag and parse each sentence when the models are loaded
  // Budget: sentences after the first max_syntax_tokens tokens are not tagged or parsed (noted in
  // Analysis::notes); tagging + parsing costs a few µs per token, so this bounds a hostile page.
  size_t max_syntax_tokens = 200000;
};

// OK for "" and for a real calendar day "YYYY-MM-DD" (a longer ISO timestamp is cut there);
// kInvalidArgument naming the value otherwise. Analyze applies the same check.
Status CheckPublicationDate(std::string_view date);

// Never fails on text content: empty text gives an empty Analysis. Fails only on invalid
// options (a malformed publication_date, invalid sentence spans).
Result<Analysis> Analyze(const Resources& resources, std::string_view text,
                         const AnalyzeOptions& options = {});

// One JSON object (no trailing newline): {"publication_date", "sentences", "tokens"?,
// "entities", "places", "quantities", "dates", "tone", "sentence_tone"}; `text` is the analysed
// text, used to write each sentence's text.
std::string AnalysisToJson(const Analysis& analysis, std::string_view text, bool with_tokens = false);

// CoNLL-U (https://universaldependencies.org/format.html): per sentence "# sent_id", "# text"
// and rows ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ _ (HEAD 0 = root; "_" without syntax).
// sentence >= 0 writes only that sentence.
std::string AnalysisToConllu(const Analysis& analysis, std::string_view text, int sentence = -1);

}  // namespace ng
