// foreign_dict.h — the in-memory form of a user's TABARI or PETRARCH dictionaries, and the readers
// that build it. foreign.cc applies it to sentences (ng::ForeignCoder).
//
//   ng::foreign::Dictionaries d;
//   NG_RETURN_IF_ERROR(ng::foreign::ReadTabariVerbs(text, "x.verbs", &d));
//
// Both formats share one model: a phrase is a list of words, each word glued to the next ("_") or
// not (" "); a TABARI word is a stem unless it ends in "_" (word + regular endings) or "=" (exact).
// PETRARCH words are exact; verbs get regular forms plus the listed irregular ones.
//
// Errors: a line the original tools could not have read (an unclosed "[" or "{", a pattern with
// no "*" or no code, a synset reference that never resolves, a date that is not a date) is
// kInvalidArgument "FILE:LINE: what". Lines the tools skipped silently (unknown "<TAG>" lines,
// blank "+" synonyms) are skipped and counted in `warnings`.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace ng::foreign {

enum class Flavor { kTabari, kPetrarch };

// How a dictionary word matches a sentence token.
enum class WordMode : char {
  kStem,     // TABARI default: the token starts with the word ("RESTOR" ~ "RESTORED")
  kEndings,  // TABARI "WORD_": the word or the word + a regular ending (S, ES, ED, D, ING, EN)
  kExact,    // TABARI "WORD=", every PETRARCH word
};

struct Word {
  std::string text;  // upper case, without the mode marker
  WordMode mode = WordMode::kExact;
};

// A run of words; glued[i] says word i must be directly followed by word i+1.
struct Phrase {
  std::vector<Word> words;
  std::vector<bool> glued;
};

struct DatedCode {
  std::string code;
  int from = 0;  // yyyymmdd, inclusive
  int to = 99999999;
  bool restricted = false;
};

struct ActorEntry {
  Phrase phrase;
  std::vector<DatedCode> codes;  // the first restricted code whose range holds the date wins,
                                 // else the first unrestricted one
  std::string where;             // "file:line"
};

struct AgentEntry {
  Phrase phrase;
  std::string code;     // without "~"
  bool prefix = false;  // "NGO~": the code goes before the actor's
  std::string where;
};

enum class ElemKind { kWord, kAlt, kSource, kTarget, kCompound, kSkipActor, kVerb };

struct Elem {
  ElemKind kind = ElemKind::kWord;
  Word word;                 // kWord
  std::vector<Phrase> alts;  // kAlt: {a | b} or a synset, already expanded
  bool glued_prev = false;   // joined to the element before it by "_"
};

struct Pattern {
  std::vector<Elem> before;        // the elements left of "*", in text order
  std::vector<Elem> after;         // right of "*"
  bool verb_glued_before = false;  // "X_*": the element before "*" touches the verb
  bool verb_glued_after = false;   // "*_X"
  std::string code;
  int weight = 0;  // how specific: words count 2, markers 1 (the longest pattern is tried first)
  std::string where;
  std::string text;
};

struct VerbEntry {
  Phrase head;                     // "BURN DOWN", "CALLED_ON"
  std::vector<std::string> forms;  // irregular forms of the head's first word ({BANS BANNED})
  std::string code;                // "064", "032:033", "---", "023?"
  std::vector<Pattern> patterns;   // sorted by weight, longest first; ties keep file order
  std::string where;
};

struct Dictionaries {
  Flavor flavor = Flavor::kTabari;
  std::vector<ActorEntry> actors;
  std::vector<AgentEntry> agents;
  std::vector<VerbEntry> verbs;
  std::vector<Phrase> sentence_discards;       // PETRARCH discards without "+"
  std::vector<Phrase> story_discards;          // with "+"
  std::map<std::string, std::string> options;  // upper-cased keys: "REQUIRE_DYAD", "COMMA_MAX"...
  std::vector<std::string> nouns, adjectives;  // TABARI <NOUN> / <ADJECTIVE> sections
  std::vector<std::string> warnings;
};

// Readers append to `d`. `file` names the source in messages.
Status ReadTabariVerbs(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadTabariActors(std::string_view text, const std::string& file, bool agents,
                        Dictionaries* d);
Status ReadTabariOptions(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadPetrarchVerbs(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadPetrarchActors(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadPetrarchAgents(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadPetrarchDiscards(std::string_view text, const std::string& file, Dictionaries* d);
Status ReadPetrarchConfig(std::string_view text, const std::string& file, Dictionaries* d);

// Limits that keep any input bounded.
inline constexpr size_t kMaxLineBytes = 1 << 16;
inline constexpr size_t kMaxPatternElems = 64;
inline constexpr size_t kMaxAlternatives = 4096;  // after synset expansion, per element
inline constexpr int kMaxSynsetDepth = 16;

}  // namespace ng::foreign
