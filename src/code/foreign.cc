// foreign.cc — ng::LoadForeignDictionaries and the coder that applies a user's TABARI or PETRARCH
// dictionaries to one sentence, the shallow TABARI way: tokens → actors (+ agents, compounds) →
// the first verb with a code → its most specific matching pattern → source/target → events.
//
// Steps for one sentence (each linear or near-linear in the number of tokens; a per-sentence work
// budget caps the pattern search):
//   1. tokens: from the caller's parse when given (PTB leaves or CoNLL-U rows: their POS tags say
//      which words can be verbs), else from the raw text (a capitalised word inside the sentence,
//      a word after THE/A/AN or before 's is not a verb, as in TABARI).
//   2. comma-delimited asides are dropped when their length is within comma_min..comma_max
//      (comma_bmin/bmax for the opening one, comma_emin/emax for the closing one), unless they
//      are part of a list of actors or hold the only verb.
//   3. actors: longest match at each position, code chosen by date; agents attach to the actor
//      they name ("Arnor's foreign minister", "ambassadors of Arnor", "MSF Arnor"); a lone agent
//      is "---GOV" (PETRARCH) / "~GOV" (TABARI). Actors joined by "and" / "," form compounds.
//   4. verbs, left to right: the first whose pattern (or own code) gives a code codes the clause;
//      "X and <verb>" adds the next verb with the same source. A code marked "?" is used only when
//      no later verb codes. TABARI then codes later clauses ("but ...", "and <actor> <verb>"),
//      PETRARCH later comma-delimited stretches; TABARI "CODE ALL" codes every verb.
//   5. source = "$" of the pattern, else the first actor before the verb; target = "+", else the
//      first actor after it; "%" pairs the members of a compound; "A:B" codes add the reverse
//      event; "was <verb>ed by X" (or a CoNLL-U nsubj:pass) swaps source and target.
// docs/CODING_DICTIONARIES.md lists what is read and what is not applied.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "base/file.h"
#include "code/foreign_dict.h"
#include "newsgraph/code.h"

namespace ng {
namespace {

using foreign::Dictionaries;
using foreign::Elem;
using foreign::ElemKind;
using foreign::Flavor;
using foreign::Pattern;
using foreign::Phrase;
using foreign::VerbEntry;
using foreign::Word;
using foreign::WordMode;

constexpr size_t kMaxTokens = 20000;  // longer sentences are cut (a budget, not an error)
constexpr int kMaxGap = 6;            // words a " " in a phrase may skip
// Phrase comparisons allowed per sentence: huge synsets against huge sentences stop here and the
// sentence keeps what was coded so far (Outcome::note says so). Per thread, reset per sentence.
constexpr size_t kWorkBudget = 50'000'000;
thread_local size_t g_work = 0;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

struct Tok {
  std::string w;           // upper case
  std::string pos;         // parse tag ("VBD") or ""
  std::string lemma;       // upper case, CoNLL-U only
  bool cap = false;        // written with a capital first letter
  bool all_upper = false;  // written in capitals only
  int id = -1, head = -1;  // CoNLL-U word id and head id
  std::string deprel;      // CoNLL-U relation ("nsubj:pass")
  bool comma = false;
  size_t begin = 0, end = 0;  // bytes in the sentence
};

bool AllUpper(std::string_view w) {
  bool any = false;
  for (char c : w) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    any |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  return any;
}

bool IsPunct(const Tok& t) {
  return t.comma || t.w.empty() || !std::isalnum(static_cast<unsigned char>(t.w[0]));
}

// ---- tokens ---------------------------------------------------------------------------------

void AddRawToken(std::string_view sentence, size_t b, size_t e, std::vector<Tok>* out) {
  // Peel punctuation off both ends; commas, semicolons and colons become clause marks.
  auto is_lead = [](char c) {
    return std::string_view("\"'`([{<").find(c) != std::string_view::npos;
  };
  while (b < e && is_lead(sentence[b])) ++b;
  std::vector<Tok> tail;
  while (e > b) {
    char c = sentence[e - 1];
    if (c == ',' || c == ';' || c == ':') {
      Tok t;
      t.w = ",";
      t.comma = true;
      t.begin = e - 1;
      t.end = e;
      tail.push_back(t);
      --e;
    } else if (std::string_view("\"')]}>!?").find(c) != std::string_view::npos) {
      if (c == '\'' && e - b >= 2 && (sentence[e - 2] == 's' || sentence[e - 2] == 'S')) {
        --e;  // plural possessive: "nations'" -> "nations"
        continue;
      }
      --e;
    } else if (c == '.') {
      std::string_view word = sentence.substr(b, e - b);
      // keep the dot of abbreviations ("U.S.", "U.N."), drop a sentence-final one
      size_t dots = std::count(word.begin(), word.end(), '.');
      if (dots >= 2 && word.size() <= 12) break;
      --e;
    } else {
      break;
    }
  }
  if (e > b) {
    std::string_view word = sentence.substr(b, e - b);
    Tok t;
    t.begin = b;
    t.end = e;
    t.cap = std::isupper(static_cast<unsigned char>(word[0]));
    t.all_upper = AllUpper(word);
    std::string up = Upper(word);
    if (up.size() > 2 && EndsWith(up, "'S")) {
      t.w = up.substr(0, up.size() - 2);
      t.end = e - 2;
      out->push_back(t);
      Tok s;
      s.w = "'S";
      s.pos = "POS";
      s.begin = e - 2;
      s.end = e;
      out->push_back(s);
    } else {
      t.w = up;
      out->push_back(t);
    }
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out->push_back(*it);
}

std::vector<Tok> TokenizeRaw(std::string_view s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size() && out.size() < kMaxTokens) {
    // "Dol_Amroth" in a text is two words, as the dictionaries' "_" joins two words
    auto sep = [&](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '_'; };
    while (i < s.size() && sep(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !sep(s[j])) ++j;
    if (j > i) AddRawToken(s, i, j, &out);
    i = j;
  }
  return out;
}

// Byte offsets of parse words in the sentence (best effort: a word not found keeps the cursor).
void Align(std::string_view sentence, std::vector<Tok>* toks) {
  size_t cur = 0;
  std::string up = Upper(sentence);
  for (Tok& t : *toks) {
    std::string key = t.w == "-LRB-" ? "(" : t.w == "-RRB-" ? ")" : t.w;
    size_t at = up.find(key, cur);
    if (at != std::string::npos && at - cur < 64) {
      t.begin = at;
      t.end = at + key.size();
      t.cap = std::isupper(static_cast<unsigned char>(sentence[at]));
      cur = t.end;
    } else {
      t.begin = t.end = cur;
    }
  }
}

Tok ParseTok(std::string_view word, std::string_view tag, std::string_view lemma) {
  Tok t;
  t.w = Upper(word);
  t.pos = std::string(tag);
  t.lemma = Upper(lemma);
  t.cap = !word.empty() && std::isupper(static_cast<unsigned char>(word[0]));
  t.all_upper = AllUpper(word);
  if (tag == "," || tag == ":" || word == "," || word == ";") {
    t.w = ",";
    t.comma = true;
  }
  return t;
}

// PTB: every "(TAG word)" leaf in order. A tree whose brackets do not balance is an error.
Result<std::vector<Tok>> TokenizePtb(std::string_view p) {
  std::vector<Tok> out;
  long depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == ')') {
      if (--depth < 0) return InvalidArgument("parse: ')' without '('");
      continue;
    }
    if (p[i] != '(') continue;
    ++depth;
    size_t j = i + 1;
    while (j < p.size() && !std::isspace(static_cast<unsigned char>(p[j])) && p[j] != '(' &&
           p[j] != ')')
      ++j;
    std::string_view tag = p.substr(i + 1, j - i - 1);
    size_t k = j;
    while (k < p.size() && std::isspace(static_cast<unsigned char>(p[k]))) ++k;
    if (k < p.size() && p[k] != '(' && p[k] != ')') {
      size_t m = k;
      while (m < p.size() && p[m] != ')' && p[m] != '(' &&
             !std::isspace(static_cast<unsigned char>(p[m])))
        ++m;
      std::string_view word = p.substr(k, m - k);
      if (tag != "." && tag != "``" && tag != "''" && tag != "-LRB-" && tag != "-RRB-")
        out.push_back(ParseTok(word, tag, ""));
      if (out.size() >= kMaxTokens) break;
    }
  }
  if (depth != 0) return InvalidArgument("parse: brackets do not balance");
  if (out.empty()) return InvalidArgument("parse: no words");
  return out;
}

Result<std::vector<Tok>> TokenizeConllu(std::string_view p) {
  std::vector<Tok> out;
  size_t start = 0;
  while (start < p.size() && out.size() < kMaxTokens) {
    size_t nl = p.find('\n', start);
    if (nl == std::string_view::npos) nl = p.size();
    std::string_view line = p.substr(start, nl - start);
    start = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    size_t a = 0;
    while (f.size() < 10) {
      size_t tab = line.find('\t', a);
      f.push_back(line.substr(a, tab == std::string_view::npos ? std::string_view::npos : tab - a));
      if (tab == std::string_view::npos) break;
      a = tab + 1;
    }
    if (f.size() < 5) return InvalidArgument("parse: CoNLL-U row with fewer than 5 columns");
    if (f[0].find('-') != std::string_view::npos || f[0].find('.') != std::string_view::npos)
      continue;
    if (f[3] == "PUNCT" && f[1] != "," && f[1] != ";" && f[1] != ":") continue;
    std::string tag(f[4]);
    if (tag == "_" || tag.empty()) tag = f[3] == "VERB" ? "VB" : std::string(f[3]);
    Tok t = ParseTok(f[1], tag, f[2]);
    try {
      t.id = std::stoi(std::string(f[0]));
      if (f.size() >= 8) {
        t.head = std::stoi(std::string(f[6]));
        t.deprel = std::string(f[7]);
      }
    } catch (...) {
      return InvalidArgument("parse: CoNLL-U row with a bad id or head");
    }
    out.push_back(std::move(t));
  }
  if (out.empty()) return InvalidArgument("parse: no CoNLL-U rows");
  return out;
}

// ---- matching words -------------------------------------------------------------------------

// TABARI "WORD_": nouns take S/ES, verbs also ED/D/ING/EN ("DEPART_" ~ "departen", not "departx").
bool MatchWord(const Word& w, const Tok& t, bool verb = false) {
  if (t.comma) return false;
  const std::string& s = t.w;
  switch (w.mode) {
    case WordMode::kStem:
      return StartsWith(s, w.text);
    case WordMode::kExact:
      return s == w.text;
    case WordMode::kEndings: {
      if (!StartsWith(s, w.text)) return false;
      std::string_view rest = std::string_view(s).substr(w.text.size());
      if (rest.empty() || rest == "S" || rest == "ES") return true;
      return verb && (rest == "ED" || rest == "D" || rest == "ING" || rest == "EN");
    }
  }
  return false;
}

// A verb's first word in PETRARCH: the word, its regular forms, its listed forms, or the lemma.
bool MatchVerbWord(const Word& w, const std::vector<std::string>& forms, const Tok& t,
                   Flavor flavor) {
  if (t.comma) return false;
  if (flavor == Flavor::kTabari) {
    if (MatchWord(w, t, /*verb=*/true)) return true;
    for (const std::string& f : forms)
      if (t.w == f) return true;
    if (w.mode == WordMode::kEndings && EndsWith(w.text, "E") &&
        t.w == w.text.substr(0, w.text.size() - 1) + "ING")
      return true;
    return false;
  }
  const std::string& v = w.text;
  const std::string& s = t.w;
  if (s == v || (!t.lemma.empty() && t.lemma == v)) return true;
  for (const std::string& f : forms)
    if (s == f) return true;
  if (!StartsWith(s, v.substr(0, v.size() > 1 ? v.size() - 1 : 1))) return false;
  std::string stem = v;
  std::vector<std::string> regular{v + "S", v + "ED", v + "D", v + "ING"};
  if (EndsWith(v, "S") || EndsWith(v, "X") || EndsWith(v, "Z") || EndsWith(v, "CH") ||
      EndsWith(v, "SH") || EndsWith(v, "O"))
    regular.push_back(v + "ES");
  if (EndsWith(v, "E")) regular.push_back(v.substr(0, v.size() - 1) + "ING");
  if (EndsWith(v, "Y")) {
    regular.push_back(v.substr(0, v.size() - 1) + "IES");
    regular.push_back(v.substr(0, v.size() - 1) + "IED");
  }
  if (v.size() >= 3 && std::string_view("AEIOU").find(v[v.size() - 2]) != std::string_view::npos &&
      std::string_view("AEIOUWXY").find(v.back()) == std::string_view::npos) {
    regular.push_back(v + v.back() + "ED");
    regular.push_back(v + v.back() + "ING");
  }
  for (const std::string& f : regular)
    if (s == f) return true;
  return false;
}

// Matches `p` with its first word at `i`; returns one past its last word, or -1.
int MatchPhrase(const Phrase& p, const std::vector<Tok>& toks, int i, int limit) {
  if (++g_work > kWorkBudget) return -1;
  if (i < 0 || i >= limit || !MatchWord(p.words[0], toks[i])) return -1;
  int pos = i + 1;
  for (size_t k = 1; k < p.words.size(); ++k) {
    if (p.glued[k - 1]) {
      if (pos >= limit || !MatchWord(p.words[k], toks[pos])) return -1;
      ++pos;
    } else {
      int found = -1;
      for (int j = pos; j < limit && j <= pos + kMaxGap; ++j) {
        if (toks[j].comma) break;
        if (MatchWord(p.words[k], toks[j])) {
          found = j;
          break;
        }
      }
      if (found < 0) return -1;
      pos = found + 1;
    }
  }
  return pos;
}

// Index of phrases by the first letters of their first word, so a token only meets the phrases
// that can start with it.
class PhraseIndex {
 public:
  void Add(const Phrase& p, int id) {
    const std::string& w = p.words[0].text;
    map_[w.substr(0, std::min<size_t>(3, w.size()))].push_back(id);
  }
  template <typename F>
  void ForEach(const std::string& token, F f) const {
    for (size_t n = 1; n <= 3 && n <= token.size(); ++n) {
      auto it = map_.find(token.substr(0, n));
      if (it == map_.end()) continue;
      for (int id : it->second) f(id);
    }
  }

 private:
  std::unordered_map<std::string, std::vector<int>> map_;
};

// ---- actors ---------------------------------------------------------------------------------

struct Unit {
  int b = 0, e = 0;                // token span
  std::vector<std::string> codes;  // one per member ("ELR/GAL" gives two)
  bool pronoun = false;
  std::vector<std::string> rules;
};

struct Group {
  int b = 0, e = 0;
  std::vector<int> units;
};

std::string MergeCode(const std::string& actor, const std::string& agent, bool prefix) {
  if (agent.empty()) return actor;
  for (size_t k = 0; k + agent.size() <= actor.size(); k += 3)
    if (actor.compare(k, agent.size(), agent) == 0) return actor;  // already there (AGENTS-10)
  return prefix ? agent + actor : actor + agent;
}

class TabariPetrarchCoder final : public ForeignCoder {
 public:
  explicit TabariPetrarchCoder(Dictionaries d) : d_(std::move(d)) {
    for (size_t i = 0; i < d_.actors.size(); ++i)
      actor_index_.Add(d_.actors[i].phrase, static_cast<int>(i));
    for (size_t i = 0; i < d_.agents.size(); ++i)
      agent_index_.Add(d_.agents[i].phrase, static_cast<int>(i));
    for (size_t i = 0; i < d_.verbs.size(); ++i) {
      verb_index_.Add(d_.verbs[i].head, static_cast<int>(i));
      for (const std::string& f : d_.verbs[i].forms) {
        Phrase p;
        p.words.push_back({f, WordMode::kExact});
        p.glued.push_back(false);
        verb_index_.Add(p, static_cast<int>(i));
      }
    }
    for (const VerbEntry& v : d_.verbs)
      for (const Pattern& p : v.patterns)
        for (const auto* side : {&p.before, &p.after})
          for (const Elem& e : *side)
            if (e.kind == ElemKind::kAlt && e.alts.size() > 8) {
              PhraseIndex& ix = alt_index_[&e];
              for (size_t k = 0; k < e.alts.size(); ++k) ix.Add(e.alts[k], static_cast<int>(k));
            }
    for (const std::string& a : d_.adjectives) modifiers_.insert(a);
    for (const std::string& n : d_.nouns) nouns_.insert(n);
  }

  std::vector<Event> CodeSentence(std::string_view sentence, std::string_view date) const override {
    Input in;
    in.sentence = sentence;
    in.date = date;
    Result<Outcome> r = Code(in);
    return r.ok() ? std::move(r.value().events) : std::vector<Event>{};
  }

  Result<Outcome> Code(const Input& in) const override;
  Result<Outcome> CodeWithinBudget(const Input& in) const;

 private:
  struct Opts {
    bool require_dyad = true;
    int comma_min = 2, comma_max = 8, comma_bmin = 0, comma_bmax = 0, comma_emin = 2,
        comma_emax = 8;
    bool convert_agent = false;
    std::string default_source,
        default_target;  // TABARI "DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER"
    bool default_source_prior = false, default_target_after = false;
    bool code_all = false;  // TABARI "SET: CODE ALL": every verb that codes, not just the first
    bool code_by_sentence = false;  // TABARI "SET: CODE BY SENTENCE": one clause per sentence
  };
  struct VerbHit {
    int b = -1, e = -1;  // head span
    int verb = -1;       // index in d_.verbs
  };
  struct Coded {
    std::string code;
    const Pattern* pattern = nullptr;
    int source = -1, target = -1, compound = -1;  // group ids bound by markers
    int start = 0, end = 0;                       // token span of the match
  };

  Opts MakeOpts(const Input& in) const;
  std::vector<Unit> FindUnits(const std::vector<Tok>& t, int date,
                              const std::vector<bool>& verbish) const;
  std::vector<VerbHit> FindVerbs(const std::vector<Tok>& t, const std::vector<int>& unit_of) const;
  bool MatchPattern(const Pattern& p, const std::vector<Tok>& t, const VerbHit& v,
                    const std::vector<Group>& groups, Coded* out) const;
  bool MatchElemForward(const Elem& e, bool glued, const std::vector<Tok>& t, int* pos,
                        const std::vector<Group>& groups, int* bound) const;
  bool MatchElemBackward(const Elem& e, bool glued, const std::vector<Tok>& t, int* pos,
                         const std::vector<Group>& groups, int* bound) const;
  bool Discarded(const std::vector<Tok>& t) const;
  // End of the first of e.alts (in dictionary order) matching at j, or -1.
  int MatchAlt(const Elem& e, const std::vector<Tok>& t, int j, int limit) const;

  Dictionaries d_;
  PhraseIndex actor_index_, agent_index_, verb_index_;
  std::unordered_map<const Elem*, PhraseIndex> alt_index_;  // for large synsets in patterns
  std::set<std::string> modifiers_, nouns_;
};

int DateNumber(std::string_view date) {
  int v = 0, digits = 0;
  for (char c : date) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      v = v * 10 + (c - '0');
      if (++digits == 8) break;
    }
  }
  return digits == 8 ? v : 0;
}

bool Truthy(const std::string& v) {
  std::string u = Upper(v);
  return u == "TRUE" || u == "1" || u == "YES";
}

TabariPetrarchCoder::Opts TabariPetrarchCoder::MakeOpts(const Input& in) const {
  std::map<std::string, std::string> o = d_.options;
  for (const auto& [k, v] : in.options) o[Upper(k)] = v;
  Opts r;
  if (d_.flavor == Flavor::kTabari) {  // TABARI's own defaults
    r.comma_max = 10;
    r.comma_emax = 10;
  }
  // TABARI "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0" or "COMMA: OFF"
  if (auto it = o.find("COMMA"); it != o.end()) {
    std::istringstream ss(Upper(it->second));
    std::string key, eq;
    int value = 0;
    if (Upper(it->second).find("OFF") != std::string::npos) {
      r.comma_max = r.comma_emax = r.comma_bmax = -1;
    } else {
      while (ss >> key >> eq >> value) {
        if (key == "MIN")
          r.comma_min = value;
        else if (key == "MAX")
          r.comma_max = value;
        else if (key == "BMIN")
          r.comma_bmin = value;
        else if (key == "BMAX")
          r.comma_bmax = value;
        else if (key == "EMIN")
          r.comma_emin = value;
        else if (key == "EMAX")
          r.comma_emax = value;
      }
    }
  }
  if (auto it = o.find("DEFAULT"); it != o.end()) {
    std::string v = Upper(it->second);
    auto code_after = [&](const std::string& word, std::string* code, bool* flag,
                          const char* flag_word) {
      size_t at = v.find(word);
      if (at == std::string::npos) return;
      size_t open = v.find('[', at), close = v.find(']', at);
      if (open == std::string::npos || close == std::string::npos || close < open) return;
      *code = v.substr(open + 1, close - open - 1);
      size_t next = v.find_first_not_of(' ', close + 1);
      *flag = next != std::string::npos && v.compare(next, strlen(flag_word), flag_word) == 0;
    };
    if (v.find("OFF") == std::string::npos || v.find('[') != std::string::npos) {
      code_after("SOURCE", &r.default_source, &r.default_source_prior, "PRIOR");
      code_after("TARGET", &r.default_target, &r.default_target_after, "AFTER");
    }
  }
  auto num = [&](const char* key, int* dst) {
    auto it = o.find(key);
    if (it == o.end()) return;
    try {
      *dst = std::stoi(it->second);
    } catch (...) {
    }
  };
  if (auto it = o.find("REQUIRE_DYAD"); it != o.end()) r.require_dyad = Truthy(it->second);
  num("COMMA_MIN", &r.comma_min);
  num("COMMA_MAX", &r.comma_max);
  num("COMMA_BMIN", &r.comma_bmin);
  num("COMMA_BMAX", &r.comma_bmax);
  num("COMMA_EMIN", &r.comma_emin);
  num("COMMA_EMAX", &r.comma_emax);
  if (auto it = o.find("CONVERT AGENT"); it != o.end()) r.convert_agent = Truthy(it->second);
  if (auto it = o.find("CODE ALL"); it != o.end()) r.code_all = Truthy(it->second);
  if (auto it = o.find("CODE BY SENTENCE"); it != o.end()) r.code_by_sentence = Truthy(it->second);
  return r;
}

const std::string* PickCode(const foreign::ActorEntry& a, int date) {
  for (const auto& c : a.codes)
    if (c.restricted && date >= c.from && date <= c.to) return &c.code;
  for (const auto& c : a.codes)
    if (!c.restricted) return &c.code;
  return nullptr;
}

bool IsPronoun(const std::string& w) {
  return w == "HE" || w == "SHE" || w == "THEY" || w == "IT";
}

std::vector<Unit> TabariPetrarchCoder::FindUnits(const std::vector<Tok>& t, int date,
                                                 const std::vector<bool>& verbish) const {
  const int n = static_cast<int>(t.size());
  std::vector<Unit> units;
  std::vector<int> taken(n, -1);
  // Actors: longest match at each start, left to right.
  for (int i = 0; i < n; ++i) {
    if (t[i].comma) continue;
    int best_end = -1, best = -1;
    actor_index_.ForEach(t[i].w, [&](int id) {
      int e = MatchPhrase(d_.actors[id].phrase, t, i, n);
      if (e > best_end) {
        best_end = e;
        best = id;
      }
    });
    if (best < 0) continue;
    const std::string* code = PickCode(d_.actors[best], date);
    if (code == nullptr) continue;
    Unit u;
    u.b = i;
    u.e = best_end;
    std::string c = *code;
    size_t start = 0;
    while (start <= c.size()) {
      size_t slash = c.find('/', start);
      if (slash == std::string::npos) slash = c.size();
      if (slash > start) u.codes.push_back(c.substr(start, slash - start));
      start = slash + 1;
    }
    u.rules.push_back(d_.actors[best].where + " actor -> " + c);
    for (int k = u.b; k < u.e; ++k) taken[k] = static_cast<int>(units.size());
    units.push_back(std::move(u));
    i = best_end - 1;
  }
  // Agents on the words left over.
  struct AgentHit {
    int b, e, id;
  };
  std::vector<AgentHit> agents;
  for (int i = 0; i < n; ++i) {
    if (taken[i] >= 0 || t[i].comma) continue;
    int best_end = -1, best = -1;
    agent_index_.ForEach(t[i].w, [&](int id) {
      int e = MatchPhrase(d_.agents[id].phrase, t, i, n);
      if (e <= best_end) return;
      for (int k = i; k < e; ++k)
        if (taken[k] >= 0) return;
      best_end = e;
      best = id;
    });
    if (best < 0) continue;
    agents.push_back({i, best_end, best});
    i = best_end - 1;
  }
  auto is_link = [&](const Tok& tok) {
    return tok.w == "'S" || tok.w == "THE" || modifiers_.count(tok.w) > 0;
  };
  // Attach each agent (or a run of adjacent agents) to an actor next to it.
  std::vector<bool> used(agents.size(), false);
  for (size_t a = 0; a < agents.size(); ++a) {
    if (used[a]) continue;
    size_t last = a;  // a run of agents with at most one link word between them
    while (last + 1 < agents.size() && agents[last + 1].b <= agents[last].e + 1 &&
           (agents[last + 1].b == agents[last].e || is_link(t[agents[last].e]) ||
            t[agents[last].e].w == "AND"))
      ++last;
    int run_b = agents[a].b, run_e = agents[last].e;
    // "media and government": one code per conjunct; agents before the first conjunct's head are
    // shared ("Danish Islamist media and government" -> MUSMED, MUSGOV).
    std::vector<std::vector<size_t>> conj(1);
    for (size_t k = a; k <= last; ++k) {
      if (k > a) {
        for (int x = agents[k - 1].e; x < agents[k].b; ++x)
          if (t[x].w == "AND") {
            conj.emplace_back();
            break;
          }
      }
      conj.back().push_back(k);
    }
    std::vector<std::vector<size_t>> variants;
    for (size_t c = 0; c < conj.size(); ++c) {
      std::vector<size_t> v;
      if (c > 0) v.assign(conj[0].begin(), conj[0].end() - 1);
      v.insert(v.end(), conj[c].begin(), conj[c].end());
      variants.push_back(std::move(v));
    }
    std::vector<int> owners;
    // "ambassadors of Arnor", "lawmakers in Fornost and Gondor", "soldiers from Gondor"
    if (run_e < n && (t[run_e].w == "OF" || t[run_e].w == "IN" || t[run_e].w == "FROM")) {
      int k = run_e + 1;
      if (k < n && t[k].w == "THE") ++k;
      if (k < n && taken[k] >= 0 && units[taken[k]].b == k) {
        owners.push_back(taken[k]);
        // and (PETRARCH) the rest of a list that follows: "of Arnor, Osgiliath and Gondor"
        int e = units[taken[k]].e;
        while (e < n && d_.flavor == Flavor::kPetrarch) {
          int x = e;
          bool joined = false;
          while (x < n && (t[x].comma || t[x].w == "AND" || t[x].w == "THE")) {
            joined |= t[x].comma || t[x].w == "AND";
            ++x;
          }
          if (!joined || x >= n || taken[x] < 0 || units[taken[x]].b != x) break;
          owners.push_back(taken[x]);
          e = units[taken[x]].e;
        }
      }
    }
    // TABARI: an actor right after the agent wins ("minister Calimehtar")
    if (owners.empty() && d_.flavor == Flavor::kTabari && run_e < n && taken[run_e] >= 0 &&
        !(run_b > 0 && taken[run_b - 1] >= 0))
      owners.push_back(taken[run_e]);
    // actor before: "Arnor's foreign minister", "Ithilen's awful and evil minister"
    if (owners.empty()) {
      for (int k = run_b - 1, steps = 0; k >= 0 && steps <= 5; --k, ++steps) {
        if (taken[k] >= 0) {
          owners.push_back(taken[k]);
          break;
        }
        if (t[k].comma || verbish[k]) break;
        bool link = is_link(t[k]) || t[k].w == "AND" || t[k].pos.substr(0, 2) == "JJ";
        if (!link) break;
      }
    }
    // agent right before the actor: "MSF Arnor"
    if (owners.empty() && run_e < n && taken[run_e] >= 0) owners.push_back(taken[run_e]);
    for (size_t k = a; k <= last; ++k) used[k] = true;
    // "former security officials", "former Gondor prosecutors": a former office holder is ELI
    // whatever the office.
    bool former = run_b > 0 && t[run_b - 1].w == "FORMER";
    for (int owner : owners)
      if (units[owner].b > 0 && t[units[owner].b - 1].w == "FORMER" && units[owner].b < run_b)
        former = true;
    auto merged = [&](const std::string& base, const std::vector<size_t>& v) {
      std::string c = base == "---" ? std::string() : base;
      if (former) return MergeCode(c, "ELI", false);
      for (size_t k : v) {
        const auto& ag = d_.agents[agents[k].id];
        c = MergeCode(c, ag.code, ag.prefix);
      }
      return c;
    };
    if (!owners.empty()) {
      for (int owner : owners) {
        Unit& u = units[owner];
        std::vector<std::string> codes;
        for (const std::string& c : u.codes)
          for (const auto& v : variants) codes.push_back(merged(c, v));
        u.codes = std::move(codes);
        for (size_t k = a; k <= last; ++k) {
          const auto& ag = d_.agents[agents[k].id];
          u.rules.push_back(ag.where + " agent -> " + ag.code);
        }
      }
      Unit& u = units[owners[0]];
      // The unit now covers the agents when they sit next to it.
      if (run_b >= u.e && run_b - u.e <= 4) {
        for (int k = u.e; k < run_e; ++k) taken[k] = owners[0];
        u.e = run_e;
      } else if (run_e <= u.b && u.b - run_e <= 3) {
        for (int k = run_b; k < u.b; ++k) taken[k] = owners[0];
        u.b = run_b;
      }
    } else {
      Unit u;
      u.b = run_b;
      u.e = run_e;
      for (const auto& v : variants)
        u.codes.push_back((d_.flavor == Flavor::kPetrarch ? "---" : "~") + merged("", v));
      u.rules.push_back(d_.agents[agents[a].id].where + " agent alone -> " + u.codes[0]);
      for (int k = u.b; k < u.e; ++k) taken[k] = static_cast<int>(units.size());
      units.push_back(std::move(u));
    }
  }
  // Pronouns refer to the nearest actor before them.
  for (int i = 0; i < n; ++i) {
    if (taken[i] >= 0 || !IsPronoun(t[i].w)) continue;
    int prev = -1;
    for (size_t u = 0; u < units.size(); ++u)
      if (units[u].e <= i && !units[u].pronoun && (prev < 0 || units[u].e > units[prev].e))
        prev = static_cast<int>(u);
    if (prev < 0) continue;
    Unit u;
    u.b = i;
    u.e = i + 1;
    u.codes = units[prev].codes;
    u.pronoun = true;
    u.rules.push_back("pronoun " + t[i].w);
    taken[i] = static_cast<int>(units.size());
    units.push_back(std::move(u));
  }
  std::sort(units.begin(), units.end(), [](const Unit& x, const Unit& y) { return x.b < y.b; });
  return units;
}

std::vector<TabariPetrarchCoder::VerbHit> TabariPetrarchCoder::FindVerbs(
    const std::vector<Tok>& t, const std::vector<int>& unit_of) const {
  const int n = static_cast<int>(t.size());
  std::vector<VerbHit> hits;
  // In an all-capitals sentence capitals say nothing.
  int caps = 0, words = 0;
  for (const Tok& x : t) {
    if (IsPunct(x)) continue;
    ++words;
    if (x.all_upper) caps += 1;
  }
  const bool all_caps = words > 3 && caps * 10 >= words * 9;
  for (int i = 0; i < n; ++i) {
    if (unit_of[i] >= 0 || t[i].comma) continue;
    if (i + 1 < n && t[i + 1].w == "'S") continue;  // "donate's": a possessive is a noun
    if (d_.flavor == Flavor::kTabari) {
      if (i > 0 && t[i].cap && !t[i - 1].comma && !all_caps) continue;  // capitalised: a noun
      if (i > 0 && (t[i - 1].w == "THE" || t[i - 1].w == "A" || t[i - 1].w == "AN")) continue;
      if (nouns_.count(t[i].w)) continue;
    }
    if (!t[i].pos.empty() && t[i].pos.substr(0, 2) != "VB" && t[i].pos != "VERB" &&
        t[i].pos != "MD") {
      // a parse says what can be a verb; a past participle used as an adjective still counts
      if (!(t[i].pos == "JJ" && (EndsWith(t[i].w, "ED") || EndsWith(t[i].w, "EN")))) continue;
    }
    VerbHit best;
    size_t best_words = 0, best_len = 0;
    verb_index_.ForEach(t[i].w, [&](int id) {
      const VerbEntry& v = d_.verbs[id];
      if (!MatchVerbWord(v.head.words[0], v.forms, t[i], d_.flavor)) return;
      int pos = i + 1;
      for (size_t k = 1; k < v.head.words.size(); ++k) {
        int found = -1;
        int stop = v.head.glued[k - 1] ? pos + 1 : pos + 4;
        for (int j = pos; j < n && j < stop; ++j) {
          if (t[j].comma) break;
          if (MatchWord(v.head.words[k], t[j])) {
            found = j;
            break;
          }
        }
        if (found < 0) return;
        pos = found + 1;
      }
      size_t len = v.head.words[0].text.size();
      if (v.head.words.size() > best_words ||
          (v.head.words.size() == best_words && len > best_len)) {
        best_words = v.head.words.size();
        best_len = len;
        best = {i, pos, id};
      }
    });
    if (best.verb < 0 && !t[i].lemma.empty()) {
      // CoNLL-U: try the lemma as the word
      Tok lt = t[i];
      lt.w = t[i].lemma;
      verb_index_.ForEach(lt.w, [&](int id) {
        const VerbEntry& v = d_.verbs[id];
        if (best.verb < 0 && v.head.words.size() == 1 &&
            MatchVerbWord(v.head.words[0], v.forms, lt, d_.flavor))
          best = {i, i + 1, id};
      });
    }
    if (best.verb >= 0) hits.push_back(best);
  }
  return hits;
}

int GroupStartingAt(const std::vector<Group>& g, int pos, bool exact, int* end) {
  for (size_t k = 0; k < g.size(); ++k) {
    if (g[k].b < pos) continue;
    if (exact && g[k].b != pos) return -1;
    *end = g[k].e;
    return static_cast<int>(k);
  }
  return -1;
}

int GroupEndingAt(const std::vector<Group>& g, int pos, bool exact, int* begin) {
  for (size_t k = g.size(); k-- > 0;) {
    if (g[k].e > pos) continue;
    if (exact && g[k].e != pos) return -1;
    *begin = g[k].b;
    return static_cast<int>(k);
  }
  return -1;
}

int TabariPetrarchCoder::MatchAlt(const Elem& e, const std::vector<Tok>& t, int j,
                                  int limit) const {
  auto it = alt_index_.find(&e);
  if (it == alt_index_.end()) {
    for (const Phrase& p : e.alts) {
      int end = MatchPhrase(p, t, j, limit);
      if (end > 0) return end;
    }
    return -1;
  }
  int best_id = -1, best_end = -1;
  it->second.ForEach(t[j].w, [&](int id) {
    if (best_id >= 0 && id > best_id) return;
    int end = MatchPhrase(e.alts[id], t, j, limit);
    if (end > 0) {
      best_id = id;
      best_end = end;
    }
  });
  return best_end;
}

bool TabariPetrarchCoder::MatchElemForward(const Elem& e, bool glued, const std::vector<Tok>& t,
                                           int* pos, const std::vector<Group>& groups,
                                           int* bound) const {
  const int n = static_cast<int>(t.size());
  if (e.kind == ElemKind::kWord || e.kind == ElemKind::kAlt) {
    int stop = glued ? *pos + 1 : n;
    for (int j = *pos; j < n && j < stop; ++j) {
      if (++g_work > kWorkBudget) return false;
      if (e.kind == ElemKind::kWord) {
        if (MatchWord(e.word, t[j])) {
          *pos = j + 1;
          return true;
        }
      } else {
        int end = MatchAlt(e, t, j, n);
        if (end > 0) {
          *pos = end;
          return true;
        }
      }
    }
    return false;
  }
  int end = 0;
  int g = GroupStartingAt(groups, *pos, glued, &end);
  if (g < 0) return false;
  *bound = g;
  *pos = end;
  return true;
}

bool TabariPetrarchCoder::MatchElemBackward(const Elem& e, bool glued, const std::vector<Tok>& t,
                                            int* pos, const std::vector<Group>& groups,
                                            int* bound) const {
  // *pos is one past the last token the element may use.
  if (e.kind == ElemKind::kWord || e.kind == ElemKind::kAlt) {
    // a glued word must sit right before *pos; a glued phrase must end there
    int lowest = !glued ? 0 : e.kind == ElemKind::kWord ? *pos - 1 : *pos - 2 * kMaxGap;
    for (int j = *pos - 1; j >= 0 && j >= lowest; --j) {
      if (++g_work > kWorkBudget) return false;
      if (e.kind == ElemKind::kWord) {
        if (MatchWord(e.word, t[j])) {
          *pos = j;
          return true;
        }
      } else if (!glued) {
        if (MatchAlt(e, t, j, *pos) > 0) {
          *pos = j;
          return true;
        }
      } else {
        for (const Phrase& p : e.alts)
          if (MatchPhrase(p, t, j, *pos) == *pos) {
            *pos = j;
            return true;
          }
      }
    }
    return false;
  }
  int begin = 0;
  int g = GroupEndingAt(groups, *pos, glued, &begin);
  if (g < 0) return false;
  *bound = g;
  *pos = begin;
  return true;
}

bool TabariPetrarchCoder::MatchPattern(const Pattern& p, const std::vector<Tok>& t,
                                       const VerbHit& v, const std::vector<Group>& groups,
                                       Coded* out) const {
  Coded c;
  auto bind = [&](ElemKind k, int g) {
    if (k == ElemKind::kSource)
      c.source = g;
    else if (k == ElemKind::kTarget)
      c.target = g;
    else if (k == ElemKind::kCompound)
      c.compound = g;
  };
  int pos = v.e;
  for (size_t k = 0; k < p.after.size(); ++k) {
    bool glued = k == 0 ? p.verb_glued_after : p.after[k].glued_prev;
    int g = -1;
    if (!MatchElemForward(p.after[k], glued, t, &pos, groups, &g)) return false;
    if (g >= 0) bind(p.after[k].kind, g);
  }
  c.end = pos;
  pos = v.b;
  for (size_t k = p.before.size(); k-- > 0;) {
    bool glued = k + 1 == p.before.size() ? p.verb_glued_before : p.before[k + 1].glued_prev;
    int g = -1;
    if (!MatchElemBackward(p.before[k], glued, t, &pos, groups, &g)) return false;
    if (g >= 0) bind(p.before[k].kind, g);
  }
  c.start = pos;
  c.code = p.code;
  c.pattern = &p;
  *out = c;
  return true;
}

bool TabariPetrarchCoder::Discarded(const std::vector<Tok>& t) const {
  const int n = static_cast<int>(t.size());
  for (const auto* list : {&d_.sentence_discards, &d_.story_discards})
    for (const Phrase& p : *list)
      for (int i = 0; i < n; ++i)
        if (MatchPhrase(p, t, i, n) > 0) return true;
  return false;
}

// PETRARCH's check for a dateline left in the text: "CEBU CITY: -- Cordova Mayor ..." (capitals,
// then ":" or "--" within the first few words).
bool LooksLikeDateline(std::string_view s) {
  size_t i = 0, letters = 0;
  while (i < s.size() && i < 64) {
    char c = s[i];
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (c == ':' || (c == '-' && i + 1 < s.size() && s[i + 1] == '-')) return letters >= 3;
    if (std::isupper(static_cast<unsigned char>(c)))
      ++letters;
    else if (!(c == ' ' || c == '.' || c == ',' || c == '\''))
      return false;
    ++i;
  }
  return false;
}

bool IsBe(const std::string& w) {
  return w == "WAS" || w == "WERE" || w == "IS" || w == "ARE" || w == "BEEN" || w == "BE" ||
         w == "BEING";
}

Result<ForeignCoder::Outcome> TabariPetrarchCoder::Code(const Input& in) const {
  g_work = 0;
  Result<Outcome> out = CodeWithinBudget(in);
  if (out.ok() && g_work > kWorkBudget && out.value().note.empty())
    out.value().note = "work budget reached; later clauses not coded";
  return out;
}

Result<ForeignCoder::Outcome> TabariPetrarchCoder::CodeWithinBudget(const Input& in) const {
  Outcome out;
  std::vector<Tok> toks;
  std::string_view parse = in.parse;
  while (!parse.empty() && std::isspace(static_cast<unsigned char>(parse.front())))
    parse.remove_prefix(1);
  if (!parse.empty()) {
    Result<std::vector<Tok>> r = parse.front() == '(' ? TokenizePtb(parse) : TokenizeConllu(parse);
    if (!r.ok()) return r.status();
    toks = std::move(r.value());
    Align(in.sentence, &toks);
  } else {
    toks = TokenizeRaw(in.sentence);
  }
  if (toks.size() > kMaxTokens) toks.resize(kMaxTokens);
  if (d_.flavor == Flavor::kPetrarch && LooksLikeDateline(in.sentence)) {
    out.discarded = true;
    out.note = "dateline";
    return out;
  }
  const Opts opts = MakeOpts(in);
  const int date = DateNumber(in.date);
  if (Discarded(toks)) {
    out.discarded = true;
    out.note = "discard phrase";
    return out;
  }

  // Which tokens could be verbs (used to keep agents from reaching over them).
  auto verbish_of = [&](const std::vector<Tok>& t) {
    std::vector<int> none(t.size(), -1);
    std::vector<bool> vb(t.size(), false);
    for (const VerbHit& h : FindVerbs(t, none)) vb[h.b] = true;
    return vb;
  };

  // Drop comma-delimited asides, but not lists of actors.
  {
    std::vector<bool> vb = verbish_of(toks);
    std::vector<Unit> units = FindUnits(toks, date, vb);
    std::vector<int> unit_at(toks.size(), -1);
    for (size_t u = 0; u < units.size(); ++u)
      for (int k = units[u].b; k < units[u].e; ++k) unit_at[k] = static_cast<int>(u);
    std::vector<int> commas;
    for (size_t i = 0; i < toks.size(); ++i)
      if (toks[i].comma) commas.push_back(static_cast<int>(i));
    std::vector<bool> drop(toks.size(), false);
    auto words_in = [&](int b, int e) {
      int c = 0;
      for (int k = b; k < e; ++k)
        if (!IsPunct(toks[k])) ++c;
      return c;
    };
    auto has_actor = [&](int b, int e) {
      for (int k = b; k < e; ++k)
        if (unit_at[k] >= 0) return true;
      return false;
    };
    const int n = static_cast<int>(toks.size());
    for (size_t c = 0; c < commas.size(); ++c) {
      int b = commas[c] + 1;
      int e = c + 1 < commas.size() ? commas[c + 1] : n;
      int len = words_in(b, e);
      bool closing = c + 1 == commas.size();
      if (closing) {
        // the closing stretch stays when it holds the only verb left ("Arnor's minister, in
        // remarks on Monday, urged Eriador to ...")
        bool verb_elsewhere = false;
        for (int k = 0; k < commas[c]; ++k)
          if (vb[k] && !drop[k]) verb_elsewhere = true;
        if (!verb_elsewhere) break;
      }
      // PETRARCH drops an inner aside one word longer than its comma_max says (9 words go under
      // comma_max = 8, 10 stay; a closing one of 9 stays under comma_emax = 8); TABARI counts all.
      int slack = d_.flavor == Flavor::kPetrarch && !closing ? 1 : 0;
      bool remove = closing ? (len >= opts.comma_emin && len <= opts.comma_emax + slack)
                            : (len >= opts.comma_min && len <= opts.comma_max + slack);
      if (remove && has_actor(b, e)) {
        // part of a list: "Mordor, the Shire, Fornost and Bree"
        int after = e + 1;
        int first = b < n && toks[b].w == "THE" ? b + 1 : b;
        bool list_before =
            commas[c] > 0 && unit_at[commas[c] - 1] >= 0 && first < n && unit_at[first] >= 0;
        if (!closing && after < n &&
            (unit_at[after] >= 0 || toks[after].w == "AND" || toks[after].w == "THE"))
          remove = false;
        if (list_before) remove = false;
      }
      if (remove) {
        for (int k = b - 1; k < e; ++k) drop[k] = true;
      }
    }
    if (!commas.empty()) {
      int e = commas[0];
      int len = words_in(0, e);
      if (len >= opts.comma_bmin && len <= opts.comma_bmax && opts.comma_bmax > 0)
        for (int k = 0; k <= e; ++k) drop[k] = true;
    }
    std::vector<Tok> kept;
    for (size_t i = 0; i < toks.size(); ++i)
      if (!drop[i]) kept.push_back(std::move(toks[i]));
    toks = std::move(kept);
  }
  const int n = static_cast<int>(toks.size());

  std::vector<bool> vb = verbish_of(toks);
  std::vector<Unit> units = FindUnits(toks, date, vb);
  std::vector<int> unit_of(n, -1);
  for (size_t u = 0; u < units.size(); ++u)
    for (int k = units[u].b; k < units[u].e; ++k) unit_of[k] = static_cast<int>(u);
  // TABARI: an actor coded "###" discards the sentence (PETRARCH reads "###" as a plain code).
  for (const Unit& u : units)
    for (const std::string& c : u.codes)
      if (c == "###" && d_.flavor == Flavor::kTabari) {
        out.discarded = true;
        out.note = "discard actor";
        return out;
      }

  // Compounds: actors joined by "and", "nor", "," (with articles and adjectives between).
  std::vector<Group> groups;
  for (size_t u = 0; u < units.size(); ++u) {
    if (!groups.empty()) {
      Group& g = groups.back();
      const Unit& prev = units[g.units.back()];
      bool joined = false, ok = units[u].b > prev.e || units[u].b == prev.e;
      for (int k = prev.e; ok && k < units[u].b; ++k) {
        const std::string& w = toks[k].w;
        if (w == "AND" || w == "NOR" || toks[k].comma)
          joined = true;
        else if (!(w == "THE" || modifiers_.count(w) ||
                   (!toks[k].pos.empty() && toks[k].pos.substr(0, 2) == "JJ")))
          ok = false;
      }
      if (ok && joined && !units[u].pronoun && !prev.pronoun) {
        g.units.push_back(static_cast<int>(u));
        g.e = units[u].e;
        continue;
      }
    }
    groups.push_back({units[u].b, units[u].e, {static_cast<int>(u)}});
  }
  std::vector<int> group_of(n, -1);
  for (size_t g = 0; g < groups.size(); ++g)
    for (int k = groups[g].b; k < groups[g].e; ++k) group_of[k] = static_cast<int>(g);

  std::vector<VerbHit> verbs = FindVerbs(toks, unit_of);

  auto code_verb = [&](const VerbHit& v, Coded* c) {
    const VerbEntry& ve = d_.verbs[v.verb];
    for (const Pattern& p : ve.patterns)
      if (MatchPattern(p, toks, v, groups, c)) return;
    *c = Coded();
    c->code = ve.code;
    c->start = v.b;
    c->end = v.e;
  };
  auto clean = [](std::string code, bool* low) {
    *low = false;
    std::string r;
    for (char ch : code) {
      if (ch == '?')
        *low = true;
      else if (ch != '!')
        r.push_back(ch);
    }
    return r;
  };
  auto null_code = [](const std::string& c) { return c.empty() || c == "---" || c == "+++"; };

  auto agent_only_group = [&](size_t g) {
    for (int u : groups[g].units)
      for (const std::string& c : units[u].codes)
        if (!c.empty() && c[0] != '~' && !StartsWith(c, "---") && c != "+++") return false;
    return true;
  };
  auto pronoun_group = [&](size_t g) {
    for (int u : groups[g].units)
      if (!units[u].pronoun) return false;
    return true;
  };
  int range_floor = 0;  // the clause being coded starts here (PETRARCH codes clause by clause)
  std::vector<std::string> last_source_codes;  // a later clause's "he"/"they" is this source
  auto resolve_pronouns = [&](int b, int e) {
    if (last_source_codes.empty()) return;
    for (Unit& u : units)
      if (u.pronoun && u.b >= b && u.b < e) u.codes = last_source_codes;
  };
  auto null_group = [&](size_t g) {
    for (int u : groups[g].units)
      for (const std::string& c : units[u].codes)
        if (c != "---") return false;
    return true;
  };
  // Events of one verb given the source group (-1: find it).
  auto emit = [&](const VerbHit& v, const Coded& c, const std::string& code, int source, int limit,
                  std::vector<Event>* evs) -> int {
    int target = c.target;
    const VerbEntry& ve = d_.verbs[v.verb];
    std::vector<std::pair<std::string, std::string>>
        pairs;  // (source code, target code) per code half
    std::string c1 = code, c2;
    if (size_t colon = code.find(':'); colon != std::string::npos) {
      c1 = code.substr(0, colon);
      c2 = code.substr(colon + 1);
    }
    struct Planned {
      std::string s, t, code;
      int su = -1, tu = -1;  // the units that named source and target (-1: none / default)
    };
    std::vector<Planned> out3;
    bool compound_as_target = false;
    if (c.compound >= 0 && c.source < 0 && c.target < 0 && d_.flavor == Flavor::kPetrarch &&
        groups[c.compound].b >= v.e) {
      // PETRARCH "* WITH %": the compound after the verb is the target of a source before it
      for (size_t g = 0; g < groups.size(); ++g)
        if (groups[g].e <= v.b && groups[g].b >= range_floor && !null_group(g)) {
          compound_as_target = true;
          break;
        }
      if (compound_as_target) target = c.compound;
    }
    if (c.compound >= 0 && c.source < 0 && c.target < 0 && !compound_as_target) {
      const Group& g = groups[c.compound];
      for (int a : g.units)
        for (int b : g.units) {
          if (a == b || (!c2.empty() && b < a)) continue;
          for (const std::string& x : units[a].codes)
            for (const std::string& y : units[b].codes) {
              out3.push_back({x, y, c1, a, b});
              if (!c2.empty()) out3.push_back({y, x, c2, b, a});
            }
        }
      source = c.compound;
    } else {
      if (source < 0) source = c.source;
      if (source < 0) {
        for (size_t g = 0; g < groups.size(); ++g) {
          if (static_cast<int>(g) == target || static_cast<int>(g) == c.compound || null_group(g))
            continue;
          if (groups[g].b < range_floor) continue;
          if (groups[g].e <= std::max(c.start, 0) || groups[g].e <= v.b) {
            source = static_cast<int>(g);
            break;
          }
        }
      }
      bool passive = false;
      // A dependency parse says "passive" outright: the passive subject is the target and the
      // source is the "by" agent, else the first actor after the verb (UD-PETRARCH's reading).
      bool dep_passive = false;
      if (toks[v.b].id >= 0)
        for (const Tok& x : toks)
          if (x.head == toks[v.b].id && (x.deprel == "nsubj:pass" || x.deprel == "nsubjpass"))
            dep_passive = true;
      if (dep_passive && c.source < 0 && c.target < 0 && source >= 0) {
        int after = -1;
        for (size_t g = 0; g < groups.size(); ++g)
          if (groups[g].b >= v.e && groups[g].b < limit && !null_group(g)) {
            after = static_cast<int>(g);
            break;
          }
        if (after >= 0) {
          target = source;
          source = after;
          passive = true;
        }
      }
      if (!passive && c.pattern == nullptr && target < 0) {
        // "X was opposed by Y": Y is the source, X the target
        bool be = false;
        for (int k = v.b - 1; k >= 0 && k >= v.b - 3; --k)
          if (IsBe(toks[k].w)) be = true;
        bool participle =
            toks[v.b].pos == "VBN" ||
            (toks[v.b].pos.empty() && (EndsWith(toks[v.b].w, "ED") || EndsWith(toks[v.b].w, "EN")));
        if (be && participle) {
          for (int k = v.e; k + 1 < n && k < limit; ++k) {
            if (toks[k].comma) break;
            if (toks[k].w == "BY") {
              int j = k + 1;
              if (j < n && toks[j].w == "THE") ++j;
              if (j < n && group_of[j] >= 0 && groups[group_of[j]].b == j) {
                target = source;
                source = group_of[j];
                passive = true;
              }
              break;
            }
          }
        }
      }
      bool default_src = false;
      if (!passive && source < 0 && !opts.default_source.empty() && opts.default_source_prior)
        default_src = true;
      if (!passive && source < 0 && !default_src) {
        for (size_t g = 0; g < groups.size(); ++g)
          if (groups[g].b >= v.e && static_cast<int>(g) != target && groups[g].b < limit &&
              !null_group(g)) {
            source = static_cast<int>(g);
            break;
          }
      }
      if (!passive && target < 0) {
        for (size_t g = 0; g < groups.size(); ++g)
          if (groups[g].b >= v.e && static_cast<int>(g) != source && groups[g].b < limit &&
              !null_group(g) && !pronoun_group(g)) {
            target = static_cast<int>(g);
            break;
          }
      }
      if (!passive && target < 0 && source >= 0 && d_.flavor == Flavor::kTabari &&
          groups[source].e <= v.b) {
        // TABARI: nothing after the verb, so the actor between the source and the verb
        for (size_t g = groups.size(); g-- > 0;)
          if (groups[g].e <= v.b && static_cast<int>(g) != source &&
              groups[g].b >= groups[source].e && !null_group(g) && !pronoun_group(g) &&
              !agent_only_group(g)) {
            bool comma = false;
            for (int k = groups[g].e; k < v.b; ++k) comma |= toks[k].comma;
            if (!comma) target = static_cast<int>(g);
            break;
          }
      }
      std::vector<std::pair<std::string, int>> srcs, tgts;  // (code, unit)
      if (source < 0 && !opts.default_source.empty()) srcs.push_back({opts.default_source, -1});
      if (target < 0 && !opts.default_target.empty()) tgts.push_back({opts.default_target, -1});
      if (source >= 0)
        for (int u : groups[source].units)
          for (const std::string& code : units[u].codes) srcs.push_back({code, u});
      if (target >= 0)
        for (int u : groups[target].units)
          for (const std::string& code : units[u].codes) tgts.push_back({code, u});
      if (srcs.empty() || tgts.empty()) {
        if (opts.require_dyad) return source;
        if (srcs.empty()) srcs.push_back({"---", -1});
        if (tgts.empty()) tgts.push_back({"---", -1});
      }
      for (const auto& [s, su] : srcs)
        for (const auto& [t, tu] : tgts) {
          if (s == t) continue;
          out3.push_back({s, t, c1, su, tu});
          if (!c2.empty()) out3.push_back({t, s, c2, tu, su});
        }
    }
    if (source >= 0 && !out3.empty()) {
      last_source_codes.clear();
      for (int u : groups[source].units)
        last_source_codes.insert(last_source_codes.end(), units[u].codes.begin(),
                                 units[u].codes.end());
    }
    auto describe = [&](int u, EventActor* a) {
      if (u < 0) return;
      const Tok& first = toks[units[u].b];
      const Tok& last = toks[units[u].e - 1];
      if (last.end >= first.begin && last.end <= in.sentence.size()) {
        a->span = {first.begin, last.end};
        a->text = std::string(in.sentence.substr(first.begin, last.end - first.begin));
      }
    };
    for (const Planned& pl : out3) {
      const std::string& cc = pl.code;
      if (null_code(cc)) continue;
      Event e;
      e.source.code = pl.s;
      e.target.code = pl.t;
      describe(pl.su, &e.source);
      describe(pl.tu, &e.target);
      e.cameo = cc;
      e.base = cc.substr(0, std::min<size_t>(3, cc.size()));
      e.root = cc.substr(0, std::min<size_t>(2, cc.size()));
      e.date = std::string(in.date);
      e.verb = {toks[v.b].begin, toks[v.e - 1].end};
      e.rules.push_back(ve.where + " verb " + toks[v.b].w + " -> " + ve.code);
      if (c.pattern)
        e.rules.push_back(c.pattern->where + " - " + c.pattern->text + " -> " + c.pattern->code);
      if (source >= 0)
        for (int u : groups[source].units)
          e.rules.insert(e.rules.end(), units[u].rules.begin(), units[u].rules.end());
      evs->push_back(std::move(e));
    }
    return source;
  };

  // First verb in [sb, se) that codes; a "?" code waits for a better one. Returns the token after
  // the coded verb, or -1.
  auto code_range = [&](int sb, int se, std::vector<Event>* result, bool* discard,
                        int floor) -> int {
    range_floor = floor;
    std::vector<Event> low_events;
    int low_end = -1;
    for (size_t vi = 0; vi < verbs.size(); ++vi) {
      const VerbHit& v = verbs[vi];
      if (v.b < sb || v.b >= se) continue;
      Coded c;
      code_verb(v, &c);
      bool low = false;
      std::string code = clean(c.code, &low);
      if (code == "###") {
        *discard = true;
        return -1;
      }
      // TABARI "+++": the sentence needs a human; code nothing more in this clause
      if (code == "+++" && d_.flavor == Flavor::kTabari) return -1;
      if (null_code(code)) continue;
      // A later verb joined by "and" ends this verb's reach for a target.
      int limit = se;
      size_t next_conj = verbs.size();
      for (size_t wi = vi + 1; wi < verbs.size() && verbs[wi].b < se; ++wi) {
        int b = verbs[wi].b;
        bool conj = false;
        for (int k = b - 1; k >= verbs[wi - 1].e && k >= b - 3; --k) {
          if (toks[k].w == "AND") {
            conj = true;
            break;
          }
          if (unit_of[k] >= 0 || toks[k].comma) break;
        }
        if (conj) {
          limit = b;
          next_conj = wi;
          while (limit > 0 && toks[limit - 1].w != "AND") --limit;
          break;
        }
      }
      std::vector<Event> evs;
      int source = emit(v, c, code, -1, limit, &evs);
      if (evs.empty()) continue;
      int end = v.e;
      // Conjoined verbs: "condemned ... and promised aid to ..."
      size_t wi = next_conj;
      while (wi < verbs.size() && source >= 0) {
        Coded c2;
        code_verb(verbs[wi], &c2);
        bool low2 = false;
        std::string code2 = clean(c2.code, &low2);
        int limit2 = se;
        size_t after = verbs.size();
        for (size_t xi = wi + 1; xi < verbs.size() && verbs[xi].b < se; ++xi) {
          int b = verbs[xi].b;
          bool conj = false;
          for (int k = b - 1; k >= verbs[xi - 1].e && k >= b - 3; --k) {
            if (toks[k].w == "AND") {
              conj = true;
              break;
            }
            if (unit_of[k] >= 0 || toks[k].comma) break;
          }
          if (conj) {
            limit2 = b;
            after = xi;
            break;
          }
        }
        if (!null_code(code2) && code2 != "###")
          emit(verbs[wi], c2, code2, c2.source >= 0 ? -1 : source, limit2, &evs);
        end = verbs[wi].e;
        wi = after;
      }
      if (low) {
        if (low_end < 0) {
          low_events = std::move(evs);
          low_end = end;
        }
        continue;
      }
      result->insert(result->end(), evs.begin(), evs.end());
      return end;
    }
    if (low_end >= 0) result->insert(result->end(), low_events.begin(), low_events.end());
    return low_end;
  };

  bool discard = false;
  // TABARI codes clause by clause: "..., but Dagolath promised aid", "... and Gondor asked him".
  std::vector<int> clause_ends;
  if (d_.flavor == Flavor::kTabari && !opts.code_all && !opts.code_by_sentence) {
    std::vector<bool> verb_at(n + 1, false);
    for (const VerbHit& h : verbs) verb_at[h.b] = true;
    bool verb_seen = false;
    for (int k = 0; k < n; ++k) {
      if (verb_at[k]) verb_seen = true;
      if (!verb_seen) continue;
      bool boundary = toks[k].w == "BUT";
      if (toks[k].w == "AND") {
        int j = k + 1;
        if (j < n && toks[j].w == "THEN") ++j;
        if (j < n && unit_of[j] >= 0) {
          int after = units[unit_of[j]].e;
          for (int x = after; x < n && x < after + 4; ++x)
            if (verb_at[x]) {
              boundary = true;
              break;
            }
        }
      }
      if (boundary) {
        clause_ends.push_back(k);
        verb_seen = false;
      }
    }
  }
  int end = code_range(0, clause_ends.empty() ? n : clause_ends[0], &out.events, &discard, 0);
  for (size_t ci = 0; ci < clause_ends.size() && !discard; ++ci) {
    int b = clause_ends[ci] + 1;
    int e = ci + 1 < clause_ends.size() ? clause_ends[ci + 1] : n;
    resolve_pronouns(b, e);
    code_range(b, e, &out.events, &discard, b);
  }
  for (int guard = 0; opts.code_all && end >= 0 && end < n && !discard && guard < n; ++guard) {
    std::vector<Event> more;
    int next = -1;
    // every later verb, with the whole sentence as its field (sources come from before it)
    for (size_t vi = 0; vi < verbs.size(); ++vi) {
      if (verbs[vi].b < end) continue;
      next = code_range(verbs[vi].b, n, &more, &discard, 0);
      break;
    }
    if (next < 0) break;
    out.events.insert(out.events.end(), more.begin(), more.end());
    end = next;
  }
  if (d_.flavor == Flavor::kPetrarch && end >= 0 && !discard) {
    // PETRARCH codes every clause: each comma-delimited stretch after the coded verb's own
    // stretch gets its own verb and actors.
    int k = end;
    while (k < n && !toks[k].comma) ++k;
    while (k < n && !discard) {
      int b = k + 1, e = b;
      while (e < n && !toks[e].comma) ++e;
      if (e > b) {
        resolve_pronouns(b, e);
        code_range(b, e, &out.events, &discard, b);
      }
      k = e;
    }
  }
  if (discard) {
    out.events.clear();
    out.discarded = true;
    out.note = "discard verb";
  }
  return out;
}

// ---- loading --------------------------------------------------------------------------------

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<std::unique_ptr<ForeignCoder>> LoadForeignDictionaries(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root(path);
  if (!fs::exists(root, ec)) return NotFound(path + ": no such file or directory");
  struct Files {
    std::vector<fs::path> verbs, actors, agents, discards, options, config;
  } files;
  Flavor flavor = Flavor::kPetrarch;
  auto classify = [&](const fs::path& p) {
    std::string name = Lower(p.filename().string());
    std::string ext = Lower(p.extension().string());
    if (ext == ".verbs") {
      files.verbs.push_back(p);
      flavor = Flavor::kTabari;
    } else if (ext == ".actors") {
      files.actors.push_back(p);
      flavor = Flavor::kTabari;
    } else if (ext == ".agents") {
      files.agents.push_back(p);
      flavor = Flavor::kTabari;
    } else if (ext == ".options") {
      files.options.push_back(p);
      flavor = Flavor::kTabari;
    } else if (ext == ".txt" && name.find("verbs") != std::string::npos)
      files.verbs.push_back(p);
    else if (ext == ".txt" && name.find("actors") != std::string::npos)
      files.actors.push_back(p);
    else if (ext == ".txt" && name.find("agents") != std::string::npos)
      files.agents.push_back(p);
    else if (ext == ".txt" && name.find("discard") != std::string::npos)
      files.discards.push_back(p);
    else if (name.find("config") != std::string::npos && (ext == ".ini" || ext == ".txt"))
      files.config.push_back(p);
  };
  fs::path project;
  if (fs::is_directory(root, ec)) {
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(root, ec))
      if (e.is_regular_file()) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries)
      if (Lower(p.extension().string()) == ".project") project = p;
    if (project.empty())
      for (const auto& p : entries) classify(p);
  } else if (Lower(root.extension().string()) == ".project") {
    project = root;
  } else {
    return InvalidArgument(path +
                           ": expected a directory of dictionaries or a TABARI .project file");
  }
  if (!project.empty()) {
    // "<actorsfile> NAME" lines name the files, relative to the project's folder.
    NG_ASSIGN_OR_RETURN(std::string text, ReadFile(project.string()));
    std::istringstream ss(text);
    std::string line;
    flavor = Flavor::kTabari;
    while (std::getline(ss, line)) {
      size_t close = line.find('>');
      if (line.empty() || line[0] != '<' || close == std::string::npos) continue;
      std::string tag = Lower(line.substr(1, close - 1));
      std::string rest = line.substr(close + 1);
      size_t a = rest.find_first_not_of(" \t\r");
      if (a == std::string::npos) continue;
      size_t b = rest.find_last_not_of(" \t\r");
      fs::path file = project.parent_path() / rest.substr(a, b - a + 1);
      if (tag == "actorsfile")
        files.actors.push_back(file);
      else if (tag == "verbsfile")
        files.verbs.push_back(file);
      else if (tag == "agentsfile")
        files.agents.push_back(file);
      else if (tag == "optionsfile")
        files.options.push_back(file);
    }
  }
  if (files.verbs.empty())
    return InvalidArgument(path + ": no verbs dictionary (*.verbs or *verbs*.txt)");
  if (files.actors.empty())
    return InvalidArgument(path + ": no actors dictionary (*.actors or *actors*.txt)");
  Dictionaries d;
  d.flavor = flavor;
  if (flavor == Flavor::kPetrarch) {
    d.options["REQUIRE_DYAD"] = "TRUE";
  }
  auto each = [&](const std::vector<fs::path>& list, auto reader) -> Status {
    for (const fs::path& p : list) {
      NG_ASSIGN_OR_RETURN(std::string text, ReadFile(p.string()));
      NG_RETURN_IF_ERROR(reader(text, p.filename().string()));
    }
    return Status::Ok();
  };
  if (flavor == Flavor::kTabari) {
    NG_RETURN_IF_ERROR(each(files.options, [&](const std::string& t, const std::string& f) {
      return foreign::ReadTabariOptions(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.verbs, [&](const std::string& t, const std::string& f) {
      return foreign::ReadTabariVerbs(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.actors, [&](const std::string& t, const std::string& f) {
      return foreign::ReadTabariActors(t, f, false, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.agents, [&](const std::string& t, const std::string& f) {
      return foreign::ReadTabariActors(t, f, true, &d);
    }));
  } else {
    NG_RETURN_IF_ERROR(each(files.config, [&](const std::string& t, const std::string& f) {
      return foreign::ReadPetrarchConfig(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.verbs, [&](const std::string& t, const std::string& f) {
      return foreign::ReadPetrarchVerbs(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.actors, [&](const std::string& t, const std::string& f) {
      return foreign::ReadPetrarchActors(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.agents, [&](const std::string& t, const std::string& f) {
      return foreign::ReadPetrarchAgents(t, f, &d);
    }));
    NG_RETURN_IF_ERROR(each(files.discards, [&](const std::string& t, const std::string& f) {
      return foreign::ReadPetrarchDiscards(t, f, &d);
    }));
  }
  return std::unique_ptr<ForeignCoder>(new TabariPetrarchCoder(std::move(d)));
}

}  // namespace ng
