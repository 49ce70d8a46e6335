// code.h — who did what to whom: political events coded from analysed text, the way TABARI,
// PETRARCH and GDELT do, with the evidence that produced each one.
//
//   NG_ASSIGN_OR_RETURN(auto book, ng::LoadCodebook(ng::DefaultCodebookDir()));
//   ng::Analysis a = ...;                       // ng::Analyze(resources, text, {...})
//   std::vector<ng::Event> ev = ng::CodeEvents(*book, a, text, {});
//   for (const ng::Event& e : ev) std::cout << e.source.code << " " << e.cameo << " " << e.target.code;
//
// Users' own TABARI / PETRARCH dictionaries go through LoadForeignDictionaries → ForeignCoder.
// Codebooks and foreign coders are immutable once loaded and may be shared by threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/analyze.h"
#include "newsgraph/status.h"

namespace ng {

struct EventActor {
  std::string code;     // CAMEO actor code: "IRQGOV", "USAMIL", "REB", "IGO"; "" = no actor
  std::string country;  // ISO 3166 alpha-3 (CAMEO country part) or ""
  std::string role;     // first role code: GOV MIL REB BUS IGO ... or ""
  std::string text;     // the words in the sentence that named the actor
  std::string name;     // canonical name when known ("Fuad Hussein", "Iraq")
  Span span;            // byte offsets of `text` in the analysed text
  int entity = -1;      // index in Analysis::entities when the actor came from one
  std::string known_group;  // GDELT KnownGroupCode ("UNO", "NAT") when the codebook knows one
};

struct EventPlace {
  int type = 0;          // GDELT ActionGeo_Type: 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world state
  std::string name;      // "Iraq", "Amman, Amman, Jordan"
  std::string country;   // ISO 3166 alpha-3
  std::string fips;      // FIPS 10-4 country code (GDELT CountryCode)
  std::string adm1;      // GDELT ADM1 code ("IZ07") or ""
  double lat = 0, lon = 0;
  int64_t feature_id = 0;
};

struct Event {
  int sentence = -1;         // index in Analysis::sentences
  EventActor source, target;
  std::string cameo;         // CAMEO event code, exactly as in the CAMEO table ("195", "0254")
  std::string base;          // 3-digit base code ("025")
  std::string root;          // 2-digit root code ("02")
  double goldstein = 0;      // GDELT Goldstein value of `cameo`
  int quad_class = 0;        // GDELT QuadClass 1..4
  std::string plover;        // PLOVER category ("CONSULT"), "" when the table has none
  std::string plover_mode;   // PLOVER mode ("phone") when known
  std::string date;          // resolved event date: "YYYY-MM-DD", "YYYY-MM", or the publication date
  EventPlace place;          // where the action happened (GDELT ActionGeo)
  std::vector<int> quantities;  // indices in Analysis::quantities attached to this event
  Span verb;                 // offsets of the verb phrase that fired
  bool root_event = false;   // GDELT IsRootEvent: from the first paragraph's sentences
  std::vector<std::string> rules;  // dictionary entries that fired ("verbs.tsv:412 conduct airstrike -> 195")
  Span evidence;             // the sentence's byte offsets (for ids, evidence text and exports)
  double tone = 0;           // the sentence's tone score (GDELT AvgTone)
};

struct CodeOptions {
  std::string ontology = "both";  // "cameo", "plover" or "both" (what the output shows)
  int max_events_per_sentence = 8;  // compound actors expand up to this many events
  int root_event_sentences = 3;     // sentences [0, n) count as the lead for IsRootEvent
};

// Our own dictionaries (verb patterns, actors, agents, discards) and the CAMEO/PLOVER tables.
class Codebook;

// Loads from `dir` (the build writes <build>/data/code). kNotFound / kInvalidArgument name the
// file and line at fault.
Result<std::shared_ptr<const Codebook>> LoadCodebook(const std::string& dir);
std::string DefaultCodebookDir();

// Codes every sentence of an analysed text. Never fails on content: no event beats a wrong one.
// Needs the analysis' tokens (AnalyzeOptions::tokens = true, the default) of this very `text`;
// a sentence whose tokens or offsets are not there is skipped.
std::vector<Event> CodeEvents(const Codebook& book, const Analysis& analysis, std::string_view text,
                              const CodeOptions& options = {});

// CodeEvents plus an account of every decision, one line each, appended to `trace`: the actors
// found (codes and spans), the patterns that matched (dictionary file:line), the rules that fired
// (passive, attribution, negation, modality, compound expansion) and why candidates were rejected.
// `newsgraph explain` prints it.
std::vector<Event> CodeEventsExplained(const Codebook& book, const Analysis& analysis, std::string_view text,
                                       const CodeOptions& options, std::vector<std::string>* trace);

// Only political events (src/code/relevance.cc): one decision per sentence of the analysis.
// Sports, markets, products and entertainment yield no events; the reason says which cues decided.
struct SentenceRelevance {
  bool political = true;
  std::string topic;   // when not political: "sports", "markets", "products", "entertainment"
  std::string reason;  // "sports (coach, score 2-0), no political cue"
};
std::vector<SentenceRelevance> DecideRelevance(const Codebook& book, const Analysis& analysis, std::string_view text);

// Who an actor phrase names: "Somalia's prime minister" -> SOM GOV, "the DEA" -> USA COP,
// "Tony Blair" on 2003-01-01 -> GBR GOV and today -> GBR ELI, "a group of men" -> UNK, an unknown
// name -> nothing. Uses what the coder knows (organizations.tsv, agents.tsv role nouns, leaders.tsv
// by date, demonyms, country names, capitals, "X's Y" possessives, "former"/"retired" -> ELI) plus
// the analysis' places for cities and regions. Never guesses a country from how a name sounds.
//   ng::Result<ng::Analysis> a = ng::Analyze(*res, phrase, {.publication_date = date});
//   ng::ActorResolution r = ng::ResolveActor(*book, *a, phrase, {0, phrase.size()}, date);
struct ActorResolution {
  // code ("SOMGOV", "UNO", "EURLEG"), country (ISO3, or a PLOVER non-state code: IGO UNO EUR NGO
  // IMG MNC; "" = none), role (sector, "" = none), name (canonical), text and span of the phrase.
  EventActor actor;
  std::vector<std::string> matched;  // what decided it: "organizations.tsv: Federal Security Service"
  std::string reason;                // why nothing (or only part) resolved; "" otherwise
};
// Resolves text[span) (one actor mention of an analysed text: a whole phrase given alone, or a
// mention inside a sentence). `date` is YYYY-MM-DD: leaders in office then keep their office, the
// others of the table are ELI; "" = today's holders (open terms).
ActorResolution ResolveActor(const Codebook& book, const Analysis& analysis, std::string_view text, Span span,
                             std::string_view date);
// A phrase given alone (the `newsgraph actor` command): analyses it as the object of "in" so that
// the gazetteer reads its place names ("Shanghai police"), then ResolveActor. The span of the
// result is relative to `phrase`. kInvalidArgument only when the analysis fails.
Result<ActorResolution> ResolveActorPhrase(const Codebook& book, const Resources& resources, std::string_view phrase,
                                           std::string_view date);

// Fills base/root/goldstein/quad_class/plover/plover_mode of `event` from the codebook's CAMEO
// table when its `cameo` code is there (for events from other coders); false when it is not.
bool FillEventCodes(const Codebook& book, Event* event);

// Output shared by the CLI and the store's exports (src/code/event_format.cc).
struct EventFormatContext {
  std::string_view text;        // the analysed text the event's offsets refer to
  std::string_view url;         // SOURCEURL; part of the stable id
  std::string_view date_added;  // DATEADDED as YYYYMMDDHHMMSS or YYYY-MM-DD; "" = the event date,
                                // or the time of the run for an undated event
  std::string_view doc_id;      // written as "doc_id" in JSON when not empty
  std::string_view ontology = "both";  // JSON: "cameo", "plover" or "both"
  // The analysis' quantities: JSON then writes each attached quantity as an object (text, value,
  // value_max, qualifier, unit, kind, begin, end) instead of its index.
  const std::vector<Quantity>* quantities = nullptr;
};
// "day", "week", "month" or "year" for an event date "YYYY-MM-DD", "YYYY-Www", "YYYY-MM" or "YYYY";
// "" when undated.
// GDELT's date columns need a full day: a month-only date is written as its first day (and a
// year-only one as 1 January), so JSON carries the precision as "date_precision".
std::string_view DatePrecision(std::string_view date);
// Stable across runs: FNV-1a of url, sentence text, offsets and code, folded to 63 bits.
uint64_t StableEventId(const Event& event, std::string_view url, std::string_view text);
// One JSON object, no newline: ids, codes, actors with spans, date, place, evidence, rules.
std::string EventToJson(const Event& event, const EventFormatContext& ctx);
// One GDELT 2.0 event row: the 61 columns of tables/gdelt2_event_columns.tsv, tab-separated, no newline.
// An undated event (no publication date, no date in its sentence) leaves SQLDATE, MonthYear, Year
// and FractionDate empty: never year 0.
std::string EventToGdeltRow(const Event& event, const EventFormatContext& ctx);
// CSV with a header (EventCsvHeader()); fields quoted when needed.
std::string EventCsvHeader();
std::string EventToCsvRow(const Event& event, const EventFormatContext& ctx);

// A coder driven by a user's TABARI or PETRARCH dictionary files (.verbs, .actors, .agents,
// discards). Works on one sentence at a time.
class ForeignCoder {
 public:
  virtual ~ForeignCoder() = default;
  // `date` is YYYY-MM-DD (dictionaries can carry date-restricted actor codes).
  virtual std::vector<Event> CodeSentence(std::string_view sentence, std::string_view date) const = 0;

  // The same with what a caller may add: a parse of the sentence and per-sentence options.
  struct Input {
    std::string_view sentence;
    std::string_view date;   // YYYY-MM-DD
    std::string_view parse;  // optional: a PTB bracketed tree or CoNLL-U rows; "" = none
    // Overrides of the dictionary's options, by the names TABARI/PETRARCH use
    // ("require_dyad" = "false", "comma_max" = "6", "CODE BY SENTENCE" = "TRUE").
    std::vector<std::pair<std::string, std::string>> options;
  };
  struct Outcome {
    std::vector<Event> events;
    bool discarded = false;   // a discard phrase or code matched: the sentence is not coded
    std::string note;         // why nothing was coded, when known
  };
  // kInvalidArgument for a parse that cannot be read; content never fails otherwise.
  virtual Result<Outcome> Code(const Input& input) const {
    return Outcome{CodeSentence(input.sentence, input.date), false, ""};
  }
};

// `path` is a directory holding the files (recognised by name: *verbs*, *actors*, *agents*,
// *discard*, *.options / *.project / *config*) or a TABARI .project file. A malformed line is
// kInvalidArgument naming file and line.
Result<std::unique_ptr<ForeignCoder>> LoadForeignDictionaries(const std::string& path);

}  // namespace ng
