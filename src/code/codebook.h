// codebook.h — the loaded event-coding dictionaries (internal to src/code).
//
// Everything here is read from the directory LoadCodebook() is given (the build writes
// <build>/data/code from data/code/; see data/code/README.md for the formats). Immutable once
// loaded; shared read-only by threads.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsgraph/code.h"

namespace ng {
namespace code {

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using SvMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;
using SvSet = std::unordered_set<std::string, SvHash, std::equal_to<>>;

// One slot of a pattern: any of these lemmas ("conduct|launch|carry").
using Slot = std::vector<std::string>;

// A word-sense constraint of a verbs.txt pattern (flags src= tgt= obj= subj= ctx=, see
// data/code/README.md): alternatives of which at least one must hold (`any_of`, when not empty)
// and none of `none_of` may hold. Actor constraints (src, tgt) name classes (state, armed, agent,
// any, none) or role codes (LAB, MIL, ...); word constraints (obj, subj, ctx) name lemmas, @classes
// of verbs.txt (`@class NAME<TAB>words`) or none (no noun or actor in the window).
struct Constraint {
  std::vector<std::string> any_of, none_of;
  bool empty() const { return any_of.empty() && none_of.empty(); }
};

struct Pattern {
  std::string code;         // CAMEO code (verbs) or frame kind (frames)
  std::vector<Slot> slots;  // slot 0 is the head
  bool inner = false;       // verbs: fires only inside a frame ("reassess sanction" under "request")
  bool passive_only = false;
  bool verb_only = false;   // verbs: not when the head is used as a noun ("support", "free")
  bool noun_only = false;   // verbs: not when the head is used as a verb ("a call with")
  bool intrans = false;     // verbs: not when the verb has an object or a clause ("demonstrated that")
  Constraint src, tgt;      // who may do it / whom to: "strike" is force when the source is armed
  Constraint obj, subj, ctx;  // words after the pattern / before it in its clause / in the sentence
  bool constrained() const { return !src.empty() || !tgt.empty() || !obj.empty() || !subj.empty() || !ctx.empty(); }
  std::string bare;         // frames: the event a frame is by itself ("threaten" -> 130), "" none
  std::string where;        // "verbs.txt:412"
  std::string text;         // the pattern as written
};

struct CodeInfo {
  std::string base, root, name;
  double goldstein = 0;
  int quad = 0;
  std::string plover, mode;
};

struct Nation {
  std::string iso3, fips, name;
};

// leaders.tsv: a person who held an office from `from` to `to` (YYYY-MM-DD; "" = open).
struct Leader {
  std::string country, role, from, to;
};

// organizations.tsv: a named body (or a state / seat-of-government name) with its country
// (ISO3, or a PLOVER non-state code: IGO UNO EUR NGO IMG MNC) and sector ("" = none).
struct Organization {
  std::string name;         // canonical name (the first of the row's names)
  std::string country;      // "USA", "IGO", "UNO", ...; "" = none
  std::string sector;       // "SPY", "PTY", ...; "" = none
  std::string known_group;  // GDELT KnownGroupCode or ""
  std::string kind;         // "org", "state" (a country's name) or "capital" (a seat of government)
};

// The actor resolver's name index (built by BuildNameIndex in actor_resolve.cc): every name the
// codebook knows, as normalised words ("u s", "people republic of china").
struct NameEntry {
  enum class Kind : uint8_t { kOrg, kLeader, kCountry, kCapital, kAgent };
  Kind kind = Kind::kAgent;
  std::string value;  // org: index as text; leader: lowercase full name; country/capital: ISO3; agent: role
  bool phrase_only = false;  // agents.tsv rows marked `resolve`: for a bare phrase, not the coder
  bool acronym = false;      // every table spelling is one all-capital word ("PLAN", "IDF"): it
                             // matches only in capitals ("Plan" is a word, not the PLA Navy)
  bool inner_caps = false;   // every table spelling is one word with an inner capital ("LeT",
                             // "AfD"): it matches only so written ("Let's" is no LeT)
};

// A state, armed, party or international role: an actor with one makes an event political
// (the coder's political-actor rule and the relevance decision share this list).
bool IsPoliticalRole(std::string_view role);
// Roles of the state itself (government, forces, police, legislators, courts, spies, ruling party).
bool IsStateRole(std::string_view role);
// Roles that belong to no one country (international bodies, NGOs, firms across borders).
bool IsTransnationalRole(std::string_view role);

}  // namespace code

class Codebook {
 public:
  code::SvMap<code::CodeInfo> codes;                  // CAMEO code -> table row
  std::vector<code::Pattern> verbs;                   // verb and noun patterns
  code::SvMap<code::SvSet> word_classes;              // verbs.txt "@class NAME<TAB>w|w|...": obj=@NAME
  code::SvMap<std::vector<int>> verbs_by_head;        // head lemma -> indices in verbs
  std::vector<code::Pattern> frames;                  // modality / appeal / threat frames
  code::SvMap<std::vector<int>> frames_by_head;
  // kind -> (inner code prefix -> converted code); longest prefix wins.
  code::SvMap<std::vector<std::pair<std::string, std::string>>> conversions;
  code::SvMap<std::string> agents;                    // lemma phrase -> role ("militant" -> REB)
  int agent_max_words = 1;
  code::SvMap<std::string> demonyms;                  // lowercase adjective/name -> ISO3
  int demonym_max_words = 1;
  code::SvMap<std::string> capitals;                  // lowercase capital -> ISO3
  code::SvMap<code::Nation> nations;                  // ISO3 -> names
  code::SvMap<std::string> iso_to_cameo;              // ISO3 -> CAMEO country code
  code::SvMap<std::string> known_groups;              // lowercase org name -> GDELT known group code
  // leaders.tsv: lowercase full name -> terms; lowercase surname -> terms (for "President Bush").
  code::SvMap<std::vector<code::Leader>> leaders, leader_surnames;
  code::SvMap<std::string> actor_overrides;           // lowercase entity name -> "CODE" (e.g. "IGO")
  std::vector<std::vector<std::string>> discards;     // lemma sequences that block patterns
  code::SvMap<std::string> resolve_agents;            // agents.tsv rows marked `resolve` (resolver only)
  std::vector<code::Organization> organizations;      // organizations.tsv
  code::SvMap<std::vector<code::NameEntry>> names;    // resolver index: normalised words -> entries
  int name_max_words = 1;
  code::SvMap<std::vector<std::string>> rules;        // rules.txt: key -> words
  code::SvSet negation, clause_break, relative, place_prep, topic_prep, topic_stop, modifier_suffix,
      anaphor_det, anaphor_noun, occur, hypothetical, attribution, event_noun_military,
      event_noun_measure, possessive_pron, require_country, support_verb, frame_stop, place_noun,
      place_part, motion_prep, calamity, idle_object;
  std::vector<std::vector<std::string>> responsibility;  // lemma sequences ("attribute to")
  // topics.txt (optional): lemma or "a_b" -> non-political topic ("sports", "markets", ...);
  // political cues keep a sentence in whatever topic its article has (src/code/relevance.cc).
  code::SvMap<std::string> topic_cues;
  code::SvSet political_cues;
  std::string country_source_role = "GOV";
  std::string capital_role = "GOV";

  bool Has(const code::SvSet& s, std::string_view w) const { return s.find(w) != s.end(); }
};

}  // namespace ng
