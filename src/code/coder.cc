// coder.cc — our shallow event coder: actors from the analysis (plus role nouns, demonyms and
// capitals from the codebook), lemma patterns for the action, a handful of clause rules for who
// did it to whom. No parser: every rule is a bounded scan over one sentence's tokens.
//
// Per sentence:  actors → places/modifiers/topics set aside → coordinated actors grouped →
//   verb/noun patterns and frames matched (longest wins) → each surviving pattern finds its
//   source (passive "by", relative antecedent, nearest actor before it in the clause) and target
//   (first actor after it) → negation/hypothetical drop it, frames convert its code → events,
//   expanded over compound actors up to the cap.
// Per document: anaphoric dates ("This communication occurred on Tuesday"), responsibility
//   ("This attack was attributed to militants") and event anaphora ("opposes such military
//   actions") fill in what a single sentence cannot; events still without a source are dropped.
#include <cstdlib>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "code/actor_resolve.h"
#include "code/codebook.h"

namespace ng {
namespace {

constexpr int kMaxSentenceTokens = 400;  // longer sentences are coded on their first 400 tokens
constexpr int kGap = 8;                  // words a pattern may skip between two of its slots
constexpr int kFrameReach = 8;           // tokens between a frame's end and the framed verb
constexpr int kFutureReach = 3;

struct Tok {
  std::string_view lemma;
  std::string lower;
  WordClass wc = WordClass::kOther;
  size_t b = 0, e = 0;
  bool upper = false;  // first letter capitalised in the text
  std::string_view xpos;  // the tagger's Penn tag ("VBD", "NNS"); empty without the syntax models
};

struct Act {
  int tb = 0, te = 0;  // tokens [tb, te)
  EventActor a;
  bool location = false;  // names a country or city
  bool place = false;     // "in Iraq": where, not who
  bool modifier = false;  // "U.S.-led", "Iran's ...": modifies another actor
  bool topic = false;     // "regarding the future of X": talked about, not acted on
  bool from_agent = false;
  bool from_table = false;  // a body's name the analysis missed, read by the resolver
  bool uncodable = false;  // a state sector with no state ("President Bush" unknown to the analysis)
  bool capital = false;   // a capital city: the government when it acts, a place after "in"
  int place_index = -1;
  int group = -1;
};

struct Match {
  int pat = -1;
  int head = 0, last = 0;
  int slots = 0;
  std::vector<int> pos;
};

// The tagger's finite verb tags (past, present third person, present other).
bool FiniteVerbTag(std::string_view xpos) { return xpos == "VBD" || xpos == "VBZ" || xpos == "VBP"; }
bool CommonNounTag(std::string_view xpos) { return xpos == "NN" || xpos == "NNS"; }
bool VerbTag(std::string_view xpos) { return xpos.substr(0, 2) == "VB"; }

// CAMEO's country code for an ISO 3166 alpha-3 one (codebook iso_to_cameo; itself when not listed).
std::string CameoCountry(const Codebook& book, const std::string& iso3) {
  auto it = book.iso_to_cameo.find(iso3);
  return it != book.iso_to_cameo.end() ? it->second : iso3;
}

struct Candidate {
  int sentence = 0;
  std::vector<EventActor> sources, targets;
  std::string code;
  std::string head_lemma;
  Span verb;
  int place_act = -1;
  EventPlace place;
  bool has_date = false;
  std::string date;
  bool anaphor_target = false;
  std::string anaphor_kind;  // "military" or "measure"
  std::vector<std::string> rules;
  int eligible_actors = 0;  // actors of the sentence that could be a source or a target
  bool thing_doer = false;  // the tree's subject is a thing, no actor ("an outbreak of plague killed")
  bool place_phrase = false;  // the sentence says where ("in a village"), named or not
  std::string located_country;  // the one country of the sentence's places, "" if none or several
  bool agentless_passive = false;  // "were arrested": the text names no doer by construction
};

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// Index in an.tokens of sentence s's token that starts at byte `begin`; -1 when none does.
int TokenAt(const Analysis& an, int s, size_t begin) {
  const Sentence& S = an.sentences[s];
  const int end = std::min<int>(S.first_token + S.token_count, static_cast<int>(an.tokens.size()));
  for (int i = std::max(0, S.first_token); i < end; ++i)
    if (an.tokens[i].begin == begin) return i;
  return -1;
}

// The event noun ending at token `last` has a relative clause of its own, which reports it:
// "following an attack in Jordan that killed three soldiers".
bool OwnRelativeClause(const Analysis& an, int s, int last) {
  const Sentence& S = an.sentences[s];
  const int end = std::min<int>(S.first_token + S.token_count, static_cast<int>(an.tokens.size()));
  for (int k = last + 1; k < std::min(end, last + 8); ++k) {
    const Token& t = an.tokens[k];
    if (t.word_class == WordClass::kPunctuation) break;
    if ((t.lemma == "that" || t.lemma == "which") && k + 1 < end &&
        (an.tokens[k + 1].word_class == WordClass::kVerb || an.tokens[k + 1].word_class == WordClass::kAuxiliary))
      return true;
  }
  return false;
}

// The noun at token `head` heads the sentence's first noun phrase: only determiners, adjectives,
// nouns, numbers, possessive 's and hyphens stand before it ("Israeli air strikes hit ...").
bool OpensSentence(const Analysis& an, int s, int head) {
  for (int i = head - 1; i >= an.sentences[s].first_token; --i) {
    const Token& t = an.tokens[i];
    WordClass w = t.word_class;
    bool np = w == WordClass::kNoun || w == WordClass::kProperNoun || w == WordClass::kAdjective ||
              w == WordClass::kDeterminer || w == WordClass::kNumber || t.lemma == "'s" || t.lemma == "\u2019s" ||
              t.lemma == "-";
    if (!np) return false;
  }
  return true;
}

bool IsBreakPunct(const Tok& t) {
  return t.wc == WordClass::kPunctuation && (t.lower == "." || t.lower == ";" || t.lower == "!" || t.lower == "?" || t.lower == ":");
}

bool IsAccusationLemma(std::string_view l) {
  return l == "accuse" || l == "blame" || l == "charge" || l == "condemn" || l == "criticize" || l == "criticise";
}

bool ForceOrProtest(std::string_view cameo) {
  return cameo.substr(0, 2) == "14" || cameo.substr(0, 2) == "18" || cameo.substr(0, 2) == "19" ||
         cameo.substr(0, 2) == "20";
}

// Acts reported without their doer that are still news: force, protest and coercion ("over 2,500
// activists have been arrested in the district": the arrest is the event, whoever made it).
bool DoerlessEvent(std::string_view cameo) { return ForceOrProtest(cameo) || cameo.substr(0, 2) == "17"; }

// Acts whose clause is what they ask for, refuse, allege or threaten: appeal (02), demand (10),
// disapprove (11), reject (12), threaten (13).
bool ContentAct(std::string_view cameo) {
  const std::string_view r = cameo.substr(0, 2);
  return r == "02" || r == "10" || r == "11" || r == "12" || r == "13";
}

// A candidate's rule notes start with the rule's name ("rule nominal-by at ..."); decisions that
// depend on an earlier rule read it by that name.
bool RuleIs(const std::string& note, std::string_view name) { return note.compare(0, name.size(), name) == 0; }

class SentenceCoder {
 public:
  SentenceCoder(const Codebook& book, const Analysis& an, std::string_view text, int s,
                const std::vector<int>& ents, std::vector<std::string>* trace)
      : book_(book), an_(an), text_(text), s_(s), ents_(ents), trace_(trace) {}

  std::vector<Candidate> Run();

 private:
  void Log(const std::string& line) {
    if (trace_) trace_->push_back(line);
  }
  // Tokens one alternative covers at i ("pull_out" spans two tokens); 0 when it does not match.
  int AltAt(int i, const std::string& alt) const {
    size_t start = 0;
    int k = i;
    while (true) {
      size_t us = alt.find('_', start);
      std::string_view w = std::string_view(alt).substr(start, us == std::string::npos ? std::string::npos : us - start);
      if (k >= n_) return 0;
      const Tok& t = toks_[k];
      bool ok = w == t.lemma || w == t.lower ||
                (t.lemma.size() > 2 && t.lemma.back() == 's' && w.size() + 1 == t.lemma.size() && t.lemma.compare(0, w.size(), w) == 0);
      if (!ok) return 0;
      ++k;
      if (us == std::string::npos) return k - i;
      start = us + 1;
    }
  }
  // Longest alternative of `slot` matching at i, in tokens; 0 when none.
  int SlotAt(int i, const code::Slot& slot) const {
    int best = 0;
    for (const std::string& alt : slot) best = std::max(best, AltAt(i, alt));
    return best;
  }
  // rules.txt frame_stop: subordinators a frame does not reach across ("agree ... before they demobilize").
  bool FrameStop(int i) const {
    return LemmaIn(i, book_.clause_break) || LemmaIn(i, book_.frame_stop);
  }
  // A capital inside the sentence marks a name ("Theresa May"), unless a quote or bracket opens
  // a sentence there ("\"If the U.S. imposes ...").
  bool NameCapital(int i) const {
    if (!toks_[i].upper || i == 0) return false;
    const std::string_view p = toks_[i - 1].lower;
    return !(p == "\"" || p == "“" || p == "‘" || p == "(" || p == "'" || p == "«");
  }
  bool LemmaIn(int i, const code::SvSet& set) const {
    return i >= 0 && i < n_ && (book_.Has(set, toks_[i].lemma) || book_.Has(set, toks_[i].lower));
  }
  std::string CountryCode(const std::string& iso3) const { return CameoCountry(book_, iso3); }
  void SetCode(EventActor& a) const {
    a.code = CountryCode(a.country) + a.role;
  }
  std::string Slice(size_t b, size_t e) const { return std::string(text_.substr(b, e - b)); }

  // leaders.tsv: the office a named person held on the text's date. A full name out of office
  // then is a political figure (ELI) of its one country; a surname alone ("President Bush") must
  // point to one country among the holders in office then.
  bool PickTerm(const std::vector<code::Leader>& terms, bool surname, std::string* country, std::string* role) const {
    const std::string& d = an_.publication_date;
    const code::Leader* pick = nullptr;
    bool ambiguous = false;
    for (const code::Leader& t : terms) {
      if (!d.empty() && ((!t.from.empty() && d < t.from) || (!t.to.empty() && d > t.to))) continue;
      if (pick && pick->country != t.country) ambiguous = true;
      if (!pick) pick = &t;
    }
    if (ambiguous) return false;
    if (pick) {
      *country = pick->country;
      *role = pick->role;
      return true;
    }
    if (surname || terms.empty()) return false;
    // Outside every term (before or after office) a named office holder is still a political
    // figure of that country: ELI (TABARI's elite code), when all terms are one country's.
    for (const code::Leader& t : terms) {
      if (t.country != terms[0].country || t.country.empty()) return false;
    }
    *country = terms[0].country;
    *role = "ELI";
    return true;
  }
  static std::string SurnameKey(std::string s) {
    size_t sp = s.rfind(' ');
    if (sp != std::string::npos) s = s.substr(sp + 1);
    for (const char* p : {"al-", "el-", "ad-", "as-", "an-", "ar-", "ash-"}) {
      size_t n = std::strlen(p);
      if (s.size() > n + 2 && s.compare(0, n, p) == 0) return s.substr(n);
    }
    return s;
  }
  bool Leader(const std::string& lname, const std::string& ltext, bool titled, std::string* country, std::string* role) const {
    for (const std::string* k : {&lname, &ltext}) {
      auto it = book_.leaders.find(*k);
      if (it != book_.leaders.end()) return PickTerm(it->second, false, country, role);
    }
    // A surname alone, or a titled name whose full form the table lacks ("President Omar El Bashir").
    bool one_word = lname.find(' ') == std::string::npos;
    if (!one_word && !titled) return false;
    auto it = book_.leader_surnames.find(SurnameKey(lname));
    if (it == book_.leader_surnames.end()) return false;
    // A title in the text ("President Trump", "Mr. Sisi") says the name is that office holder's,
    // so outside every term the surname still names its one country's political figure (ELI).
    return PickTerm(it->second, !titled, country, role);
  }

  // The resolver's actor as the coder's: it speaks NGEC/PLOVER ("UNO", "EUR" as the country);
  // CAMEO codes an intergovernmental body IGO with the body as its known group (GDELT's
  // KnownGroupCode).
  void TakeResolution(const ActorResolution& r, EventActor* a) const {
    a->country = r.actor.country;
    a->role = r.actor.role;
    a->code = r.actor.code;
    if (!a->country.empty() && book_.nations.find(a->country) == book_.nations.end() && a->country != "NGO" &&
        a->country != "IMG" && a->country != "MNC") {
      if (a->country != "IGO") a->known_group = a->country;
      a->code = "IGO" + (a->role == "IGO" ? std::string() : a->role);
      a->country.clear();
      a->role = "IGO";
    }
    if (!r.actor.name.empty()) a->name = r.actor.name;
  }

  // A named body the analysis did not take for a name ("the IDF", "AQAP", "Action Against
  // Hunger"): the longest capitalised run at i (inner "of", "for", "against", "the", "and" allowed)
  // that organizations.tsv knows as a whole.
  bool UnfoundBodyAt(int i, ActorResolution* r, int* len) const {
    if (!toks_[i].upper || act_at_[i] >= 0 || toks_[i].wc == WordClass::kDeterminer) return false;
    if (i > 0 && toks_[i - 1].upper && act_at_[i - 1] < 0 && toks_[i - 1].wc != WordClass::kDeterminer &&
        toks_[i - 1].wc != WordClass::kPunctuation)
      return false;  // inside a longer capitalised run: tried from its start
    int e = i;
    for (int j = i; j < n_ && j < i + 8 && act_at_[j] < 0; ++j) {
      const std::string& w = toks_[j].lower;
      bool joint = w == "of" || w == "for" || w == "against" || w == "the" || w == "and" || w == "on";
      if (toks_[j].upper) e = j + 1;
      else if (!joint || j + 1 >= n_ || !toks_[j + 1].upper) break;
    }
    for (int end = e; end > i; --end) {
      if (!toks_[end - 1].upper) continue;
      // The index knows whole names only: look the run up before asking the resolver.
      if (book_.names.find(code::NormKey(Slice(toks_[i].b, toks_[end - 1].e))) == book_.names.end()) continue;
      ActorResolution x = ResolveActor(book_, an_, text_, Span{toks_[i].b, toks_[end - 1].e}, an_.publication_date);
      if (x.actor.code.empty() || x.matched.size() != 1 || x.matched[0].compare(0, 18, "organizations.tsv:") != 0) continue;
      if (x.actor.span.begin != toks_[i].b || x.actor.span.end != toks_[end - 1].e) continue;  // the whole run, no more
      // A body, not a region's name ("Darfur", "Sindh" are places: kind "state" gives a country only),
      // nor a seat of government the analysis did not geocode ("a car bomb in Kiev").
      if (x.actor.role.empty() && book_.nations.find(x.actor.country) != book_.nations.end()) continue;
      if (book_.capitals.count(Lower(Slice(toks_[i].b, toks_[end - 1].e))) || (i > 0 && LemmaIn(i - 1, book_.place_prep))) continue;
      *r = std::move(x);
      *len = end - i;
      return true;
    }
    return false;
  }

  // An actor that only reports: ", Iraqi police said", "according to the military", ", said X".
  bool SpeakerOnly(int a) const {
    const Act& x = acts_[a];
    int j = x.te;
    while (j < n_ && j < x.te + 3 && (toks_[j].wc == WordClass::kAuxiliary || toks_[j].wc == WordClass::kAdverb)) ++j;
    if (j < n_ && LemmaIn(j, book_.attribution) && toks_[j].wc == WordClass::kVerb) return true;
    int b = x.tb - 1;
    while (b >= 0 && x.tb - b <= 2 && toks_[b].wc == WordClass::kDeterminer) --b;
    if (b >= 1 && toks_[b].lower == "to" && toks_[b - 1].lower == "according") return true;
    return b >= 1 && LemmaIn(b, book_.attribution) && toks_[b].wc == WordClass::kVerb && toks_[b - 1].lower == ",";
  }

  bool LoneLeaderAt(int i, std::string* country, std::string* role, int* len) const {
    const Tok& t = toks_[i];
    *len = 1;
    if (!t.upper || (t.wc != WordClass::kProperNoun && t.wc != WordClass::kNoun)) return false;
    if (i > 0 && toks_[i - 1].upper && act_at_[i - 1] < 0) return false;
    for (int w = 4; w >= 2; --w) {
      // "Vladimir Putin criticized ...": a full name from the table the analysis did not find.
      if (i + w > n_ || (i + w < n_ && toks_[i + w].upper)) continue;
      std::string k = t.lower;
      bool ok = true;
      for (int j = i + 1; j < i + w && ok; ++j) {
        ok = toks_[j].upper && act_at_[j] < 0;
        k += " " + toks_[j].lower;
      }
      auto full = ok ? book_.leaders.find(k) : book_.leaders.end();
      if (full != book_.leaders.end() && PickTerm(full->second, false, country, role)) {
        *len = w;
        return true;
      }
    }
    if (i + 1 < n_ && toks_[i + 1].upper) return false;            // part of a longer name
    if (i > 0 && toks_[i - 1].upper && act_at_[i - 1] < 0) return false;
    auto full = book_.leaders.find(t.lower);
    if (full != book_.leaders.end()) return PickTerm(full->second, true, country, role);
    auto it = book_.leader_surnames.find(SurnameKey(t.lower));
    return it != book_.leader_surnames.end() && PickTerm(it->second, true, country, role);
  }

  void BuildTokens();
  void BuildActors();
  void MarkRoles();
  void Group();
  std::vector<Match> MatchAll(const std::vector<code::Pattern>& pats, const code::SvMap<std::vector<int>>& by_head,
                              bool frames);
  bool MatchAt(const code::Pattern& p, int head, Match* m) const;
  bool SenseOk(const code::Pattern& p, int head, int last, int src, int tgt, std::string* why) const;
  int ActorAt(int tok) const { return tok >= 0 && tok < n_ ? act_at_[tok] : -1; }
  bool Eligible(int a) const { return a >= 0 && !acts_[a].place && !acts_[a].modifier && !acts_[a].uncodable; }
  int ClauseStart(int head) const;
  bool AccusationBefore(int head) const;
  int NearestActorBefore(int from, int stop, bool cross_verbs) const;
  int FirstActorAfter(int from, int source_group) const;
  std::vector<EventActor> GroupActors(int a) const;
  std::string ActorsText(const std::vector<EventActor>& v) const;

  const Codebook& book_;
  const Analysis& an_;
  std::string_view text_;
  int s_;
  const std::vector<int>& ents_;
  std::vector<std::string>* trace_;
  std::vector<Tok> toks_;
  int n_ = 0;
  std::vector<Act> acts_;
  std::vector<int> act_at_;
  std::vector<std::vector<int>> groups_;
  std::vector<char> blocked_;
  std::vector<char> in_date_;
  // The dependency tree of the sentence (src/syntax), when the analysis carries one: the head of
  // every token as a local index (-1 = root or outside the coded tokens) and its relation.
  bool tree_ = false;
  // Per sentence, after the actors are built (the same for every candidate):
  int possible_doers_ = 0;          // actors that could be a source or a target, reporters aside
  std::string sentence_country_;    // the one country of the sentence's places, "" if none or several
  bool place_phrase_ = false;       // a place preposition before a place noun ("in a village")
  std::vector<int> head_;
  std::vector<std::string_view> dep_;
  std::vector<std::vector<int>> kids_;
  static constexpr int kNoActor = -2;  // the tree says: no actor fills this role
  static constexpr int kUnknown = -1;  // the tree says nothing; the window rules decide
  static constexpr int kPronounSource = -3;  // SenseOk: the subject is a pronoun not resolved yet
  bool DepIs(int i, std::string_view rel) const {  // "nsubj" matches nsubj and nsubj:pass
    return i >= 0 && dep_[i].substr(0, rel.size()) == rel && (dep_[i].size() == rel.size() || dep_[i][rel.size()] == ':');
  }
  // "from" or "of" before a place: where someone comes from or belongs ("an expert from San Diego",
  // "the governor of Virginia").
  bool OriginPrep(int i) const { return toks_[i].lower == "from" || toks_[i].lower == "of"; }
  int Kid(int v, std::string_view rel) const {
    for (int k : kids_[v])
      if (DepIs(k, rel)) return k;
    return -1;
  }
  std::string_view CaseOf(int n) const {
    for (int k : kids_[n])
      if (DepIs(k, "case")) return toks_[k].lemma;
    return {};
  }
  int ActorIn(int t) const;
  int TreeSource(int v, int depth) const;
  int TreeSlot(int head, int after, const code::Slot& slot, int* len) const;
  // The nearest actor before `from` (after `stop`) when it names a state role whose country is
  // unknown ("government forces", "police"); -1 when the nearest actor is another one or none.
  int RoleOnlyBefore(int from, int stop) const {
    for (int k = from - 1; k > stop; --k) {
      int a = act_at_[k];
      if (a < 0) continue;
      return acts_[a].uncodable && !acts_[a].topic && !acts_[a].place && !acts_[a].modifier ? a : -1;
    }
    return -1;
  }
};

void SentenceCoder::BuildTokens() {
  const Sentence& sen = an_.sentences[s_];
  int count = std::min(sen.token_count, kMaxSentenceTokens);
  if (sen.token_count > kMaxSentenceTokens) Log("budget: sentence has " + std::to_string(sen.token_count) + " tokens; coding the first " + std::to_string(kMaxSentenceTokens));
  toks_.reserve(count);
  for (int i = 0; i < count; ++i) {
    int ti = sen.first_token + i;
    if (ti < 0 || ti >= static_cast<int>(an_.tokens.size())) break;
    const Token& t = an_.tokens[ti];
    Tok k;
    k.lemma = t.lemma;
    if (t.end <= text_.size() && t.begin <= t.end) k.lower = Lower(text_.substr(t.begin, t.end - t.begin));
    k.wc = t.word_class;
    k.b = t.begin;
    k.e = t.end;
    k.upper = t.begin < text_.size() && std::isupper(static_cast<unsigned char>(text_[t.begin]));
    if (t.xpos != 0) k.xpos = XposName(t.xpos);
    toks_.push_back(std::move(k));
  }
  n_ = static_cast<int>(toks_.size());
  head_.assign(n_, -1);
  dep_.assign(n_, std::string_view());
  kids_.assign(n_, {});
  for (int i = 0; i < n_; ++i) {
    const Token& t = an_.tokens[sen.first_token + i];
    if (t.deprel == 0 && t.head < 0) continue;
    tree_ = true;
    dep_[i] = DeprelName(t.deprel);
    int h = t.head - sen.first_token;
    if (t.head >= 0 && h >= 0 && h < n_ && h != i) {
      head_[i] = h;
      kids_[h].push_back(i);
    }
  }
  act_at_.assign(n_, -1);
  blocked_.assign(n_, 0);
  in_date_.assign(n_, 0);
  for (const DateMention& d : an_.dates) {
    if (d.sentence != s_) continue;
    for (int i = 0; i < n_; ++i) {
      if (toks_[i].b >= d.begin && toks_[i].e <= d.end) in_date_[i] = 1;
    }
  }
}

// Below this population a city named as a clause's subject is read as a person's name.
constexpr int64_t kTownPopulation = 100000;

void SentenceCoder::BuildActors() {
  // 1. Entities from the analysis.
  for (int ei : ents_) {
    const Entity& e = an_.entities[ei];
    int tb = -1, te = -1;
    for (int i = 0; i < n_; ++i) {
      if (toks_[i].b >= e.begin && toks_[i].e <= e.end) {
        if (tb < 0) tb = i;
        te = i + 1;
      }
    }
    if (tb < 0) continue;
    bool overlap = false;
    for (int i = tb; i < te; ++i) overlap |= act_at_[i] >= 0;
    if (overlap) continue;
    Act a;
    a.tb = tb;
    a.te = te;
    a.a.text = e.text;
    a.a.name = e.name;
    a.a.span = Span{e.begin, e.end};
    a.a.entity = ei;
    a.a.country = e.country;
    a.a.role = e.role;
    a.location = e.kind == EntityKind::kLocation;
    a.place_index = e.place;
    if (a.location) {
      // A place the gazetteer read into a date ("in March": March, Cambridgeshire) is the date.
      bool in_date = false;
      for (const DateMention& d : an_.dates) in_date |= d.begin <= e.begin && e.end <= d.end;
      if (in_date) {
        Log("place '" + e.text + "' is part of a date, no place");
        continue;
      }
      // A place inside a longer name is no actor: "the Washington Post", "University of
      // California", "Beijing Normal University"; nor is a dateline ("HANOI, Vietnam (AP) —").
      bool in_name = te < n_ && toks_[te].upper && act_at_[te] < 0 && toks_[te].wc != WordClass::kPunctuation &&
                     !book_.demonyms.count(toks_[te].lower);
      // ... unless the name is a body of the place ("Copenhagen City Court", "Kaduna State Government").
      for (int j = te; in_name && j < n_ && j < te + 4 && toks_[j].upper; ++j) in_name = !book_.agents.count(toks_[j].lower);
      // ("University" may itself have been read as a town: it is still the institution's word.)
      if (tb >= 2 && toks_[tb - 1].lower == "of" && toks_[tb - 2].upper && (act_at_[tb - 2] < 0 || acts_[act_at_[tb - 2]].location) &&
          (toks_[tb - 2].lower == "university" || toks_[tb - 2].lower == "college" || toks_[tb - 2].lower == "institute" ||
           toks_[tb - 2].lower == "museum" || toks_[tb - 2].lower == "school" || toks_[tb - 2].lower == "hospital" ||
           toks_[tb - 2].lower == "bank" || toks_[tb - 2].lower == "church" || toks_[tb - 2].lower == "archdiocese"))
        in_name = true;
      bool dateline = tb == 0 && te < n_ && (toks_[te].lower == "," || toks_[te].lower == "(" || toks_[te].lower == ":" || toks_[te].lower == "\u2014" || toks_[te].lower == "\u2013" ||
                                             toks_[te].lower == "-" || toks_[te].lower == "--");
      if (dateline) {
        bool caps = true;
        for (size_t c = e.begin; c < e.end && c < text_.size(); ++c)
          caps &= !std::islower(static_cast<unsigned char>(text_[c]));
        dateline = caps;
      }
      if (in_name || dateline) {
        Log("place '" + e.text + "' is " + (dateline ? "a dateline" : "part of a longer name") + ", no actor");
        continue;
      }
    }
    std::string lname = Lower(e.name), ltext = Lower(e.text);
    auto ov = book_.actor_overrides.find(lname);
    if (ov == book_.actor_overrides.end()) ov = book_.actor_overrides.find(ltext);
    if (a.location && !e.country.empty()) {
      auto cap = book_.capitals.find(ltext);
      bool city = e.place >= 0 && e.place < static_cast<int>(an_.places.size()) &&
                  an_.places[e.place].kind == Place::Kind::kCity;
      if (cap != book_.capitals.end() && cap->second == e.country && city) a.capital = true;
    }
    if (a.location && e.place >= 0 && e.place < static_cast<int>(an_.places.size()) &&
        an_.places[e.place].kind == Place::Kind::kCity && ov == book_.actor_overrides.end() &&
        (book_.leaders.count(lname) || book_.leader_surnames.count(SurnameKey(lname))) &&
        !(tb > 0 && LemmaIn(tb - 1, book_.place_prep))) {
      // "the Obama administration", "Harper said": a leader's name that is also a town's (Obama,
      // Japan; Harper, Liberia) is the person unless a place preposition stands before it.
      std::string c, r;
      if (!Leader(lname, ltext, !e.title.empty(), &c, &r)) {
        Log("reject place '" + e.text + "': a leader's name, not in office on the text's date");
        continue;
      }
      a.location = false;
      a.place_index = -1;
      a.a.country = c;
      a.a.role = r;
      Log("leader '" + e.text + "' -> " + c + r + " (leaders.tsv; a town of that name is not meant)");
    }
    if (a.location && !a.capital && tree_ && ov == book_.actor_overrides.end() && e.place >= 0 &&
        e.place < static_cast<int>(an_.places.size()) && an_.places[e.place].kind == Place::Kind::kCity &&
        an_.places[e.place].population < kTownPopulation && DepIs(te - 1, "nsubj")) {
      // "Taylor could not perform", "Graham said": a small town is never the doer of a clause; the
      // word is a person's name the gazetteer also holds. (Capitals act for their governments.)
      Log("place '" + e.text + "' is a town as a clause subject: a name, no actor");
      continue;
    }
    if (e.kind == EntityKind::kPerson && a.a.country.empty() && ov == book_.actor_overrides.end()) {
      if (Leader(lname, ltext, !e.title.empty(), &a.a.country, &a.a.role))
        Log("leader '" + e.name + "' -> " + a.a.country + a.a.role + " (leaders.tsv, " + (an_.publication_date.empty() ? std::string("undated") : an_.publication_date) + ")");
    }
    bool resolved = false;
    if (!a.location && ov == book_.actor_overrides.end() && (a.a.country.empty() || a.a.role.empty())) {
      // What the analysis left open, the actor tables may know: organisations (IGOs, armed
      // groups, parties, agencies, media), officials by date, "X's ministry" (ng::ResolveActor).
      // The name may be wider than the analysis' entity: capitalised words before it ("European
      // Parliament") and a role noun after it ("Boko Haram militants").
      // A possessive inside the name is part of it: "People's Liberation Army", "Lord's
      // Resistance Army", "Kurdistan Workers' Party" (the wider name is kept only if it resolves).
      int xb = tb, xe = te;
      while (xb > 0 && act_at_[xb - 1] < 0 && tb - xb < 4) {
        const Tok& p = toks_[xb - 1];
        const bool poss = (p.lower == "'s" || p.lower == "\u2019s" || p.lower == "'" || p.lower == "\u2019") && xb >= 2 &&
                          toks_[xb - 2].upper && act_at_[xb - 2] < 0;
        if (!poss && !(p.upper && p.wc != WordClass::kDeterminer && p.wc != WordClass::kPunctuation)) break;
        --xb;
      }
      if (xe < n_ && act_at_[xe] < 0 && !toks_[xe].upper && book_.agents.count(toks_[xe].lower)) ++xe;
      Span wide{toks_[xb].b, toks_[xe - 1].e};
      ActorResolution r = ResolveActor(book_, an_, text_, wide, an_.publication_date);
      if (r.actor.code.empty() && (xb != tb || xe != te)) r = ResolveActor(book_, an_, text_, Span{e.begin, e.end}, an_.publication_date);
      else if (!r.actor.code.empty()) {
        tb = xb;
        te = xe;
        a.tb = tb;
        a.te = te;
        a.a.span = wide;
        a.a.text = Slice(wide.begin, wide.end);
      }
      bool unknown = r.actor.code == "UNK" || r.actor.code == "JNK" || r.actor.role == "UNK" || r.actor.role == "JNK";
      if (!r.actor.code.empty() && !unknown && (a.a.country.empty() || r.actor.country == a.a.country)) {
        Log("resolve '" + e.text + "' -> " + r.actor.code + (r.matched.empty() ? "" : " (" + r.matched[0] + ")"));
        TakeResolution(r, &a.a);
        resolved = true;
      }
    }
    auto kg = book_.known_groups.find(lname);
    if (kg == book_.known_groups.end()) kg = book_.known_groups.find(ltext);
    if (kg != book_.known_groups.end() && a.a.known_group.empty()) a.a.known_group = kg->second;
    if (resolved) {
      // the resolver's code stands (non-state codes such as IGO, UNO, EURLEG are whole codes)
    } else if (ov != book_.actor_overrides.end()) {
      a.a.code = ov->second;
    } else {
      if (a.a.country.empty() && a.a.role.empty()) continue;
      SetCode(a.a);
    }
    for (int i = tb; i < te; ++i) act_at_[i] = static_cast<int>(acts_.size());
    acts_.push_back(std::move(a));
  }
  // 1b. "Boko Haram militants", "Hamas fighters": a named group followed at once by a role noun
  // without a country is one actor, the group's.
  for (size_t k = 0; k + 1 < acts_.size(); ++k) {
    Act& g = acts_[k];
    Act& r = acts_[k + 1];
    if (g.te != r.tb || g.location || g.a.country.empty() || !r.a.country.empty() || r.a.role.empty()) continue;
    if (!r.a.text.empty() && std::isupper(static_cast<unsigned char>(r.a.text[0]))) continue;
    Log("rule group-role: '" + g.a.text + " " + r.a.text + "' is one actor, " + g.a.code);
    g.te = r.te;
    g.a.span.end = r.a.span.end;
    g.a.text = Slice(g.a.span.begin, g.a.span.end);
    if (g.a.role.empty()) {
      g.a.role = r.a.role;
      SetCode(g.a);
    }
    for (int i = g.tb; i < g.te; ++i) act_at_[i] = static_cast<int>(k);
    acts_.erase(acts_.begin() + static_cast<long>(k) + 1);
    for (int i = 0; i < n_; ++i)
      if (act_at_[i] > static_cast<int>(k)) --act_at_[i];
  }
  // 2. Demonyms and role nouns the analysis did not cover.
  auto phrase = [&](int i, int words, bool lemma) {
    std::string k;
    for (int j = i; j < i + words; ++j) {
      if (j >= n_ || act_at_[j] >= 0) return std::string();
      if (!k.empty()) k += ' ';
      k += lemma ? std::string(toks_[j].lemma) : toks_[j].lower;
    }
    return k;
  };
  auto agent_at = [&](int i, int* len) -> const std::string* {
    // Inside a capitalised name ("Kurdistan Workers' Party") a role word is part of the name.
    if (toks_[i].upper && i > 0 && toks_[i - 1].upper && act_at_[i - 1] < 0 && i + 1 < n_ &&
        (toks_[i + 1].upper || toks_[i + 1].lower == "'" || toks_[i + 1].lower == "’")) {
      std::string prev = toks_[i - 1].lower;
      if (book_.demonyms.find(prev) == book_.demonyms.end()) return nullptr;
    }
    for (int w = book_.agent_max_words; w >= 1; --w) {
      std::string k = phrase(i, w, false);
      if (k.empty()) continue;
      auto it = book_.agents.find(k);
      if (it != book_.agents.end()) { *len = w; return &it->second; }
    }
    return nullptr;
  };
  auto demonym_at = [&](int i, int* len) -> const std::string* {
    if (!toks_[i].upper) return nullptr;
    for (int w = book_.demonym_max_words; w >= 1; --w) {
      std::string k = phrase(i, w, false);
      if (k.empty()) continue;
      auto it = book_.demonyms.find(k);
      if (it != book_.demonyms.end()) { *len = w; return &it->second; }
    }
    return nullptr;
  };
  // "Michael Jordan", "Lexus Philippines": a word inside a person's or a body's name the analysis
  // found is no demonym or country of its own.
  auto inside_name = [&](int i) {
    for (int ei : ents_) {
      const Entity& e = an_.entities[ei];
      if (e.mention != MentionKind::kName || e.begin > toks_[i].b || toks_[i].e > e.end) continue;
      // A body's name gets its nationality from a first word ("Chinese Center for Disease Control");
      // a country closing it names a firm's branch ("Lexus Philippines").
      if (e.kind == EntityKind::kPerson || (e.kind == EntityKind::kOrganization && e.begin < toks_[i].b)) return true;
    }
    return false;
  };
  for (int i = 0; i < n_; ++i) {
    if (act_at_[i] >= 0) continue;
    int len = 0;
    const std::string* iso = demonym_at(i, &len);
    if (iso && inside_name(i)) iso = nullptr;
    Act a;
    // "ethnic Albanians", "ethnic Russian separatists": an ethnic group, of no state by its name;
    // CAMEO codes it by the country where it lives (the located-source rule).
    const bool ethnic = iso && i > 0 && toks_[i - 1].lower == "ethnic";
    if (iso) {
      a.tb = i;
      a.te = i + len;
      a.a.country = ethnic ? "" : *iso;
      // A role noun within three words makes it "Iraqi officials" (skipping "paper", "senior").
      for (int j = i + len; j < std::min(n_, i + len + 4); ++j) {
        int al = 0;
        if (act_at_[j] >= 0 && ethnic) break;
        if (act_at_[j] >= 0) {
          Act& b = acts_[act_at_[j]];
          if (b.a.country.empty() && !b.a.role.empty() && !b.location) {  // "French border police"
            b.a.country = *iso;
            SetCode(b.a);
            b.tb = i;
            b.a.span.begin = toks_[i].b;
            b.a.text = Slice(b.a.span.begin, b.a.span.end);
            for (int k = i; k < j; ++k) act_at_[k] = act_at_[j];
            iso = nullptr;
          }
          break;
        }
        const std::string* role = agent_at(j, &al);
        if (role) {
          a.te = j + al;
          a.a.role = *role;
          a.from_agent = true;
          break;
        }
        WordClass wc = toks_[j].wc;
        if (wc != WordClass::kAdjective && wc != WordClass::kNoun && wc != WordClass::kProperNoun) break;
      }
      if (!iso) continue;
      if (ethnic && a.a.role.empty()) a.a.role = "CVL";  // a group of people, no country word
      std::string name_key = Lower(Slice(toks_[i].b, toks_[i + len - 1].e));
      auto nat = book_.nations.find(*iso);
      a.location = a.a.role.empty();  // a bare country word: a name or a modifier, never a role
      if (a.location && nat != book_.nations.end() && Lower(nat->second.name) == name_key) {
        // A country named by us rather than the analysis: find its place, if the analysis has one.
        for (size_t p = 0; p < an_.places.size(); ++p) {
          if (an_.places[p].kind == Place::Kind::kCountry && an_.places[p].country == *iso) a.place_index = static_cast<int>(p);
        }
      }
    } else if (ActorResolution r; UnfoundBodyAt(i, &r, &len)) {
      a.tb = i;
      a.te = i + len;
      a.a.span = Span{toks_[a.tb].b, toks_[a.te - 1].e};
      a.a.text = Slice(a.a.span.begin, a.a.span.end);
      TakeResolution(r, &a.a);
      a.from_table = true;
      Log("resolve '" + a.a.text + "' -> " + a.a.code + " (" + r.matched[0] + ", not an entity of the analysis)");
      for (int k = a.tb; k < a.te; ++k) act_at_[k] = static_cast<int>(acts_.size());
      acts_.push_back(std::move(a));
      continue;
    } else if (LoneLeaderAt(i, &a.a.country, &a.a.role, &len)) {
      // "Putin offered ...": a leader's name the analysis did not take for a person.
      a.tb = i;
      a.te = i + len;
      Log("leader '" + Slice(toks_[i].b, toks_[i + len - 1].e) + "' -> " + a.a.country + a.a.role + " (leaders.tsv, not an entity of the analysis)");
    } else {
      const std::string* role = agent_at(i, &len);
      if (!role) continue;
      // The tagger's verb ("militants set off", "police fire") is no noun the role word modifies.
      const bool next_verb = i + len < n_ && FiniteVerbTag(toks_[i + len].xpos);
      if (i + len < n_ && toks_[i + len].wc == WordClass::kNoun && act_at_[i + len] < 0 && !next_verb) {
        int l2 = 0;
        if (!agent_at(i + len, &l2)) continue;  // "military cooperation": a modifier, not an actor
      }
      a.tb = i;
      a.te = i + len;
      a.a.role = *role;
      a.from_agent = true;
      // Country from "Israel's militia", "its forces" (the nearest actor before it with a country).
      if (i >= 2 && (toks_[i - 1].lower == "'s" || toks_[i - 1].lower == "’s" || toks_[i - 1].lower == "'") && act_at_[i - 2] >= 0) {
        a.a.country = acts_[act_at_[i - 2]].a.country;
      } else if (i >= 1 && LemmaIn(i - 1, book_.possessive_pron)) {
        for (int j = i - 2; j >= 0; --j) {
          if (act_at_[j] >= 0 && !acts_[act_at_[j]].a.country.empty()) {
            a.a.country = acts_[act_at_[j]].a.country;
            break;
          }
        }
      }
    }
    a.a.span = Span{toks_[a.tb].b, toks_[a.te - 1].e};
    a.a.text = Slice(a.a.span.begin, a.a.span.end);
    a.a.name = a.a.text;
    SetCode(a.a);
    if (a.a.code.empty()) continue;
    for (int k = a.tb; k < a.te; ++k) act_at_[k] = static_cast<int>(acts_.size());
    acts_.push_back(std::move(a));
  }
  std::sort(acts_.begin(), acts_.end(), [](const Act& x, const Act& y) { return x.tb < y.tb; });
  // "SAN FRANCISCO (AP) —", "(Reuters)": a news agency in brackets credits the report; it is no
  // party to what the report tells.
  acts_.erase(std::remove_if(acts_.begin(), acts_.end(), [&](const Act& a) {
                const bool credit = a.a.role == "JRN" && a.tb > 0 && a.te < n_ && toks_[a.tb - 1].lower == "(" && toks_[a.te].lower == ")";
                if (credit) Log("actor '" + a.a.text + "' is a news agency's credit in brackets, no actor");
                return credit;
              }),
              acts_.end());
  // "Israeli helicopters and tanks": a country-less role noun coordinated after a national one shares it.
  for (size_t k = 1; k < acts_.size(); ++k) {
    Act& a = acts_[k];
    const Act& p = acts_[k - 1];
    if (!a.a.country.empty() || !a.from_agent || p.a.country.empty() || p.a.role.empty() || a.tb - p.te != 1) continue;
    if (toks_[p.te].lower != "and" && toks_[p.te].lower != "or") continue;
    a.a.country = p.a.country;
    SetCode(a.a);
    Log("rule shared-country: '" + a.a.text + "' takes " + a.a.country + " from '" + p.a.text + "'");
  }
  // "its allied militias", "their forces": the country of the nearest actor before that has one.
  for (size_t k = 1; k < acts_.size(); ++k) {
    Act& a = acts_[k];
    if (!a.a.country.empty() || a.a.role.empty() || a.location || a.tb == 0 || !LemmaIn(a.tb - 1, book_.possessive_pron)) continue;
    for (size_t j = k; j-- > 0;) {
      if (acts_[j].a.country.empty()) continue;
      a.a.country = acts_[j].a.country;
      SetCode(a.a);
      Log("rule possessive: '" + a.a.text + "' takes " + a.a.country + " from '" + acts_[j].a.text + "'");
      break;
    }
  }
  act_at_.assign(n_, -1);
  for (size_t k = 0; k < acts_.size(); ++k) {
    for (int i = acts_[k].tb; i < acts_[k].te; ++i) act_at_[i] = static_cast<int>(k);
  }
  // "Hungarian and Romanian officials": a bare demonym coordinated with a role actor shares its role.
  for (size_t k = 0; k + 1 < acts_.size(); ++k) {
    Act& a = acts_[k];
    const Act& b = acts_[k + 1];
    if (!a.a.role.empty() || a.location || b.a.role.empty() || b.tb - a.te != 1) continue;
    const std::string& sep = toks_[a.te].lower;
    if (sep != "and" && sep != "," && sep != "or") continue;
    a.a.role = b.a.role;
    SetCode(a.a);
    Log("rule shared-role: '" + a.a.text + "' takes role " + b.a.role + " from '" + b.a.text + "'");
  }
}

void SentenceCoder::MarkRoles() {
  for (size_t k = 0; k < acts_.size(); ++k) {
    Act& a = acts_[k];
    // Place: "in (the) (northern) Iraq", and "in Iraq and Syria".
    if (a.location) {
      int j = a.tb - 1, skipped = 0;
      // (an adjective by the word lists or by the tagger: WordNet also lists "northern" as a noun)
      while (j >= 0 && skipped < 2 && (toks_[j].wc == WordClass::kDeterminer || toks_[j].wc == WordClass::kAdjective || toks_[j].xpos == "JJ"))
        --j, ++skipped;
      if (j >= 0 && LemmaIn(j, book_.place_prep)) a.place = true;
      // "into the centre of Brussels", "on the outskirts of Kyiv": a part of the place after a
      // preposition of place or motion says where, as "in Brussels" does.
      if (!a.place && j >= 2 && toks_[j].lower == "of" && LemmaIn(j - 1, book_.place_part)) {
        int p = j - 2;
        skipped = 0;
        while (p >= 0 && skipped < 2 && (toks_[p].wc == WordClass::kDeterminer || toks_[p].wc == WordClass::kAdjective)) --p, ++skipped;
        if (p >= 0 && (LemmaIn(p, book_.place_prep) || LemmaIn(p, book_.motion_prep))) a.place = true;
      }
      if (!a.place && k > 0 && acts_[k - 1].place && acts_[k - 1].location && a.tb - acts_[k - 1].te == 1 &&
          (toks_[a.tb - 1].lower == "and" || toks_[a.tb - 1].lower == "," || toks_[a.tb - 1].lower == "or")) {
        a.place = true;
      }
      // "an expert from San Diego", "Jane Roe, 55, of Addison": a town or province after "from" or
      // "of" says where someone or something comes from or belongs; the place does nothing. (A
      // country there is the origin of an actor, "a delegation from Iran"; a capital may stand for
      // its government.)
      bool subnational = a.place_index >= 0 && a.place_index < static_cast<int>(an_.places.size()) &&
                         an_.places[a.place_index].kind != Place::Kind::kCountry;
      if (!a.place && !a.capital && subnational && j >= 0 && OriginPrep(j)) {
        a.place = true;
        Log("place '" + a.a.text + "' after '" + toks_[j].lower + "' is an origin, no actor");
      }
    }
    // "A New York man", "a Texas woman": a place before a private person says where the person
    // is from; the place does nothing.
    if (a.location && a.te < n_ && act_at_[a.te] < 0) {
      const std::string& w = toks_[a.te].lower;
      if (w == "man" || w == "woman" || w == "men" || w == "women" || w == "boy" || w == "girl" || w == "teen" ||
          w == "teenager" || w == "couple" || w == "father" || w == "mother" || w == "husband" || w == "wife" ||
          w == "native" || w == "resident" || w == "family" || w == "student" || w == "doctor" || w == "driver") {
        // The person is the actor: a civilian of the place's country ("A Kansas woman has started
        // a hunger strike" -> USACVL).
        a.te += 1;
        a.location = false;
        a.place = false;
        a.place_index = -1;
        a.capital = false;
        a.a.role = "CVL";
        a.a.span.end = toks_[a.te - 1].e;
        a.a.text = Slice(a.a.span.begin, a.a.span.end);
        SetCode(a.a);
        act_at_[a.te - 1] = static_cast<int>(k);
        Log("rule person-origin: '" + a.a.text + "' is a person from there, " + a.a.code);
      }
    }
    // Modifier: "U.S.-led", "Iran-backed", "Iran's Revolutionary Guard".
    if (a.te + 1 < n_ && toks_[a.te].lower == "-" && LemmaIn(a.te + 1, book_.modifier_suffix)) {
      a.modifier = true;
      // "Vietnamese-led forces": the forces are the leader's own (not so when "backed", "allied").
      const std::string& how = toks_[a.te + 1].lower;
      if ((how == "led" || how == "commanded") && k + 1 < acts_.size() && acts_[k + 1].tb == a.te + 2 &&
          acts_[k + 1].a.country.empty() && !acts_[k + 1].a.role.empty() && !a.a.country.empty() &&
          book_.Has(book_.require_country, acts_[k + 1].a.role)) {
        Act& b = acts_[k + 1];
        b.a.country = a.a.country;
        SetCode(b.a);
        Log("rule led-by: '" + b.a.text + "' takes " + b.a.country + " from '" + a.a.text + "-" + how + "'");
      }
    }
    if (a.te + 1 < n_ && (toks_[a.te].lower == "'s" || toks_[a.te].lower == "’s" || toks_[a.te].lower == "'")) {
      int j = a.te + 1;
      for (int stop = std::min(n_, a.te + 4); j < stop && act_at_[j] < 0; ++j) {}
      if (j < n_ && act_at_[j] > static_cast<int>(k)) {
        Act& b = acts_[act_at_[j]];
        a.modifier = true;
        if (b.a.country.empty() && !a.a.country.empty()) {
          b.a.country = a.a.country;
          SetCode(b.a);
        } else if (b.a.country.empty() && b.from_agent && a.a.role == "IGO") {
          // "the UN's envoy", "NATO's chief": a role of an international body is that body.
          b.a.role = a.a.role;
          b.a.code = a.a.code;
          b.a.known_group = a.a.known_group;
          Log("rule body-possessor: '" + b.a.text + "' acts for '" + a.a.text + "', " + b.a.code);
        }
      }
    }
    // A location right before another actor ("U.S. troops" the analysis did not join), or before
    // a titled name ("U.S. Secretary of State Antony Blinken"): the country of that actor.
    bool titled = false;
    if (a.location && k + 1 < acts_.size() && acts_[k + 1].tb > a.te && acts_[k + 1].tb - a.te <= 4) {
      titled = true;
      for (int i = a.te; i < acts_[k + 1].tb; ++i) {
        const std::string& w = toks_[i].lower;
        titled &= (toks_[i].upper && toks_[i].wc != WordClass::kPunctuation) || w == "of" || w == "for" || w == "the";
      }
    }
    // "Hezbollah guerrillas"; never a firm's product ("Boeing jets", "Airbus helicopters").
    bool role_after = !a.location && !a.a.country.empty() && k + 1 < acts_.size() && acts_[k + 1].tb == a.te &&
                      acts_[k + 1].from_agent && acts_[k + 1].a.country.empty() &&
                      !(a.a.role == "BUS" && acts_[k + 1].a.role == "MIL");
    if (role_after) {
      Act& b = acts_[k + 1];
      a.modifier = true;
      b.a.country = a.a.country;
      // "Alibaba leaders", "Boeing officials": a firm's leaders are the firm, not a government.
      if ((a.a.role == "BUS" || a.a.role == "MNC") && b.a.role == "GOV") b.a.role = a.a.role;
      SetCode(b.a);
      Log("rule head-noun: '" + b.a.text + "' takes " + b.a.country + " from '" + a.a.text + "'");
    }
    if (a.location && !a.modifier && k + 1 < acts_.size() && (acts_[k + 1].tb == a.te || titled) && !acts_[k + 1].location) {
      Act& b = acts_[k + 1];
      a.modifier = true;
      if (b.a.country.empty()) {
        b.a.country = a.a.country;
        SetCode(b.a);
      }
    }
  }
  // "Rebels in the Ivory Coast", "students throughout Indonesia": a country-less actor is from where it is.
  for (size_t k = 0; k + 1 < acts_.size(); ++k) {
    Act& a = acts_[k];
    const Act& b = acts_[k + 1];
    if (a.location || !a.a.country.empty() || a.a.role.empty() || !b.place || b.a.country.empty()) continue;
    // "officials from Kansas", "the governor of Louisiana": a place of origin or office too.
    if (b.tb - a.te > 3 || !(LemmaIn(a.te, book_.place_prep) || OriginPrep(a.te))) continue;
    a.a.country = b.a.country;
    SetCode(a.a);
    Log("rule located-actor: '" + a.a.text + "' takes " + a.a.country + " from '" + b.a.text + "'");
  }
  // Topic phrases: "regarding the future of the coalition".
  for (int i = 0; i < n_; ++i) {
    if (!LemmaIn(i, book_.topic_prep)) continue;
    if (i + 1 < n_) {
      // "about a dozen protesters", "about 200 people": an approximate number, not a topic.
      int q = i + 1;
      if ((toks_[q].lower == "a" || toks_[q].lower == "an") && q + 1 < n_) ++q;
      const std::string& w = toks_[q].lower;
      if (toks_[q].wc == WordClass::kNumber || w == "dozen" || w == "dozens" || w == "hundred" || w == "hundreds" ||
          w == "thousand" || w == "thousands" || w == "million" || w == "millions" || w == "half" || w == "third" ||
          w == "quarter" || w == "score" || w == "tens")
        continue;
    }
    int j = i + 1;
    for (; j < n_; ++j) {
      bool hyphenated = j > 0 && toks_[j - 1].lower == "-";
      if (LemmaIn(j, book_.topic_stop) || IsBreakPunct(toks_[j]) || toks_[j].lower == "," ||
          (toks_[j].wc == WordClass::kVerb && !hyphenated)) break;
      if (act_at_[j] >= 0) acts_[act_at_[j]].topic = true;
    }
    i = j - 1;
  }
  for (Act& a : acts_) {
    if (a.capital && !a.place && !a.modifier) {
      a.a.role = book_.capital_role;
      SetCode(a.a);
      Log("rule capital-as-government: '" + a.a.text + "' -> " + a.a.code);
    }
  }
  for (Act& a : acts_) {
    if (a.a.country.empty() && !a.location && book_.Has(book_.require_country, a.a.role) &&
        book_.actor_overrides.find(Lower(a.a.name)) == book_.actor_overrides.end()) {
      a.uncodable = true;
    }
  }
  for (const Act& a : acts_) {
    std::string what = a.place ? " (place)" : a.modifier ? " (modifier)" : a.topic ? " (topic)" :
                       a.uncodable ? " (dropped: " + a.a.role + " needs a country)" : "";
    Log("actor '" + a.a.text + "' [" + std::to_string(a.a.span.begin) + "," + std::to_string(a.a.span.end) + ") -> " +
        a.a.code + what + (a.a.entity >= 0 ? " (entity " + std::to_string(a.a.entity) + ")" : a.from_agent ? " (role noun)" : a.from_table ? " (table name)" : " (demonym)"));
  }
}

void SentenceCoder::Group() {
  int prev = -1;
  for (size_t k = 0; k < acts_.size(); ++k) {
    if (!Eligible(static_cast<int>(k))) continue;
    bool join = false;
    if (prev >= 0) {
      int gap = acts_[k].tb - acts_[prev].te;
      if (gap >= 1 && gap <= 3) {
        join = true;
        bool conj = false;
        for (int i = acts_[prev].te; i < acts_[k].tb; ++i) {
          const std::string& w = toks_[i].lower;
          if (w == "and" || w == "," || w == "&") conj = conj || w != ",";
          else if (w != "the" && w != "its" && w != "their" && w != "both") join = false;
        }
        // "A, B and C": a comma alone joins only if an "and" follows later in the list.
        if (join && !conj) {
          join = false;
          for (size_t m = k + 1; m < acts_.size() && m < k + 200; ++m) {
            int g = acts_[m].tb - acts_[m - 1].te;
            if (g < 1 || g > 3) break;
            if (toks_[acts_[m].tb - 1].lower == "and") { join = true; break; }
          }
        }
      }
    }
    if (join) {
      acts_[k].group = acts_[prev].group;
      groups_[acts_[k].group].push_back(static_cast<int>(k));
    } else {
      acts_[k].group = static_cast<int>(groups_.size());
      groups_.push_back({static_cast<int>(k)});
    }
    prev = static_cast<int>(k);
  }
  for (const auto& g : groups_) {
    if (g.size() > 1) Log("rule compound: " + std::to_string(g.size()) + " coordinated actors from '" + acts_[g[0]].a.text + "'");
  }
}

bool SentenceCoder::MatchAt(const code::Pattern& p, int head, Match* m) const {
  int len = SlotAt(head, p.slots[0]);
  if (len == 0) return false;
  m->pos.clear();
  for (int k = 0; k < len; ++k) m->pos.push_back(head + k);
  int prev = head + len - 1;
  for (size_t s = 1; s < p.slots.size(); ++s) {
    int found = -1, flen = 0;
    for (int j = prev + 1; j < n_ && j <= prev + 1 + kGap; ++j) {
      if (IsBreakPunct(toks_[j])) break;
      if ((flen = SlotAt(j, p.slots[s])) > 0) { found = j; break; }
      bool hyphenated = (j > 0 && toks_[j - 1].lower == "-") || (j + 1 < n_ && toks_[j + 1].lower == "-");
      // A gap never skips another verb; a participle before its noun ("urgently needed medical
      // supplies") is that noun's modifier.
      // Not right after an auxiliary head: "has injected similar drama" is a verb phrase.
      const bool aux_head = j == prev + 1 && (toks_[prev].lemma == "have" || toks_[prev].lemma == "be");
      bool prenominal = toks_[j].xpos == "VBN" && !aux_head && j + 1 < n_ &&
                        (toks_[j + 1].wc == WordClass::kNoun || toks_[j + 1].wc == WordClass::kAdjective);
      if (toks_[j].wc == WordClass::kVerb && act_at_[j] < 0 && !hyphenated && !prenominal) break;
    }
    // Beyond the window, the tree: the last word of a pattern may be a noun of the head verb's
    // own object or oblique phrases ("provided the army with aircraft, vehicles and weapons").
    if (found < 0 && s + 1 == p.slots.size()) found = TreeSlot(head, prev, p.slots[s], &flen);
    if (found < 0) return false;
    for (int k = 0; k < flen; ++k) m->pos.push_back(found + k);
    prev = found + flen - 1;
  }
  m->head = head;
  m->last = prev;
  m->slots = static_cast<int>(m->pos.size());
  return true;
}

// A word of `slot` after token `after` inside the nominal phrases the verb at `head` governs: its
// object, indirect object and obliques, and their nominal dependents and conjuncts, never across a
// clause (acl, advcl, ccomp, xcomp, parataxis) — the verb's own argument, however long the phrase.
int SentenceCoder::TreeSlot(int head, int after, const code::Slot& slot, int* len) const {
  if (!tree_ || toks_[head].wc != WordClass::kVerb) return -1;
  auto nominal = [&](int i) {
    return DepIs(i, "obj") || DepIs(i, "iobj") || DepIs(i, "obl") || DepIs(i, "nmod") || DepIs(i, "conj") ||
           DepIs(i, "compound") || DepIs(i, "amod") || DepIs(i, "appos");
  };
  for (int j = after + 1; j < n_; ++j) {
    if (toks_[j].wc != WordClass::kNoun && toks_[j].wc != WordClass::kAdjective) continue;
    int l = SlotAt(j, slot);
    if (l == 0) continue;
    // Walk up: every step a nominal relation, the first step off the head an argument of it.
    int k = j, steps = 0;
    while (k >= 0 && head_[k] != head && steps < 6 && nominal(k)) {
      k = head_[k];
      ++steps;
    }
    if (k < 0 || head_[k] != head || !(DepIs(k, "obj") || DepIs(k, "iobj") || DepIs(k, "obl"))) continue;
    *len = l;
    return j;
  }
  return -1;
}

// verbs.txt word-sense constraints (src= tgt= obj= subj= ctx=, data/code/README.md): "strike" is
// force when its source is armed or a state, a labour strike when it is neither; "fire" is shooting
// when weapons or "on/at" follow; "beat" needs actors on both sides. `why` names what failed.
bool SentenceCoder::SenseOk(const code::Pattern& p, int head, int last, int src, int tgt, std::string* why) const {
  auto actor_is = [&](int a, const std::string& v) {
    if (v == "none") return a < 0;
    if (a < 0) return false;
    const EventActor& e = acts_[a].a;
    const std::string& r = e.role;
    if (v == "any") return true;
    if (v == "state") return !e.country.empty() && (r.empty() || r == "GOV" || r == "MIL" || r == "COP" || r == "SPY" || r == "LEG" || r == "JUD");
    if (v == "armed") return r == "MIL" || r == "REB" || r == "COP" || r == "SPY" || r == "SEP" || r == "INS" || r == "UAF";
    if (v == "agent") return !(acts_[a].location && r.empty());  // not a bare place name ("Minnesota beat Buffalo")
    return r == v;
  };
  auto word_in = [&](const std::string& v, int b, int e) {  // tokens [b, e)
    b = std::max(b, 0);
    e = std::min(e, n_);
    if (v == "none") {
      for (int i = b; i < e; ++i) {
        WordClass wc = toks_[i].wc;
        if (act_at_[i] >= 0 || wc == WordClass::kNoun || wc == WordClass::kProperNoun || wc == WordClass::kNumber) return false;
      }
      return true;
    }
    const code::SvSet* cls = nullptr;
    if (v[0] == '@') {
      auto it = book_.word_classes.find(std::string_view(v).substr(1));
      if (it == book_.word_classes.end()) return false;
      cls = &it->second;
    }
    for (int i = b; i < e; ++i) {
      if (cls ? LemmaIn(i, *cls) : (toks_[i].lemma == v || toks_[i].lower == v)) return true;
    }
    return false;
  };
  auto holds = [](const code::Constraint& c, const auto& test) {
    for (const std::string& v : c.none_of) {
      if (test(v)) return false;
    }
    if (c.any_of.empty()) return true;
    for (const std::string& v : c.any_of) {
      if (test(v)) return true;
    }
    return false;
  };
  // kPronounSource: the subject is a pronoun the candidate resolves later ("said it had earmarked");
  // the source constraint waits for that.
  if (src != kPronounSource && !holds(p.src, [&](const std::string& v) { return actor_is(src, v); })) {
    *why = "source";
    return false;
  }
  if (!holds(p.tgt, [&](const std::string& v) { return actor_is(tgt, v); })) { *why = "target"; return false; }
  if (!p.obj.empty()) {
    int e = last + 1;  // the object: up to 8 tokens, to the end of the clause
    while (e < n_ && e <= last + 8 && !IsBreakPunct(toks_[e]) && !LemmaIn(e, book_.clause_break) && !LemmaIn(e, book_.relative)) ++e;
    if (!holds(p.obj, [&](const std::string& v) { return word_in(v, last + 1, e); })) { *why = "object"; return false; }
  }
  if (!p.subj.empty() && !holds(p.subj, [&](const std::string& v) { return word_in(v, ClauseStart(head) + 1, head); })) {
    *why = "subject";
    return false;
  }
  if (!p.ctx.empty() && !holds(p.ctx, [&](const std::string& v) {
        return v == "none" ? word_in(v, 0, head) && word_in(v, last + 1, n_) : word_in(v, 0, head) || word_in(v, last + 1, n_);
      })) {
    *why = "sentence";
    return false;
  }
  return true;
}

std::vector<Match> SentenceCoder::MatchAll(const std::vector<code::Pattern>& pats,
                                           const code::SvMap<std::vector<int>>& by_head, bool frames) {
  std::vector<Match> best_per_head;
  std::vector<int> cand;
  for (int i = 0; i < n_; ++i) {
    if (blocked_[i] || act_at_[i] >= 0) continue;  // a word naming an actor is not an action
    if ((i + 1 < n_ && toks_[i + 1].lower == "-") || (i > 0 && toks_[i - 1].lower == "-")) continue;  // "free-trade"
    if (in_date_[i]) continue;  // "last March"
    if (!frames && i > 0 && toks_[i].upper && toks_[i].wc != WordClass::kVerb) {
      // "the Shanghai Cooperation Organisation", "Relief Coordinator": a capitalised word inside
      // a capitalised name or title is part of the name, not an event.
      auto cap = [&](int j) {
        return j > 0 && j < n_ && toks_[j].upper && (toks_[j].wc == WordClass::kNoun || toks_[j].wc == WordClass::kProperNoun);
      };
      if (cap(i - 1) || cap(i + 1)) {
        Log("pattern head '" + toks_[i].lower + "' inside a capitalised name; no event");
        continue;
      }
    }
    const Tok& t = toks_[i];
    cand.clear();
    auto add = [&](std::string_view key) {
      auto it = by_head.find(key);
      if (it != by_head.end()) cand.insert(cand.end(), it->second.begin(), it->second.end());
    };
    add(t.lemma);
    if (t.lower != t.lemma) add(t.lower);
    if (t.lemma.size() > 3 && t.lemma.back() == 's') add(t.lemma.substr(0, t.lemma.size() - 1));
    if (cand.empty()) continue;
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    Match best, m;
    for (int pi : cand) {
      if (!MatchAt(pats[pi], i, &m)) continue;
      if (!frames && pats[pi].constrained()) {
        // Word sense: the actors as far as the words show them (the candidate checks them again).
        int src = -1, tgt = -1;
        for (int j = m.last + 1; j < std::min(n_, m.last + 5) && !IsBreakPunct(toks_[j]); ++j) {
          if (toks_[j].lower != "by") continue;
          for (int k = j + 1; k < std::min(n_, j + 5) && src < 0; ++k) {
            if (act_at_[k] >= 0 && Eligible(act_at_[k])) src = act_at_[k];
          }
          if (src >= 0) tgt = NearestActorBefore(i, ClauseStart(i), true);
          break;
        }
        if (src < 0) {
          src = NearestActorBefore(i, ClauseStart(i), true);
          tgt = FirstActorAfter(m.last, src >= 0 ? acts_[src].group : -1);
          int j = i - 1;  // "it has earmarked": a pronoun subject, resolved by the candidate
          while (j > 0 && i - j < 4 &&
                 (toks_[j].wc == WordClass::kAuxiliary || toks_[j].wc == WordClass::kAdverb || toks_[j].xpos == "MD" ||
                  toks_[j].lemma == "have" || toks_[j].lemma == "be"))
            --j;
          if (src < 0 && j >= 0 && act_at_[j] < 0 && toks_[j].wc == WordClass::kPronoun &&
              (toks_[j].lower == "it" || toks_[j].lower == "they" || toks_[j].lower == "he" || toks_[j].lower == "she" || toks_[j].lower == "we"))
            src = kPronounSource;
          // "government forces recaptured 8 villages": a role whose country is unknown still
          // tells the sense (armed, state); the candidate decides whether it may be the source.
          if (src == -1) src = RoleOnlyBefore(i, ClauseStart(i));
        }
        std::string why;
        if (!SenseOk(pats[pi], i, m.last, src, tgt, &why)) {
          Log("pattern " + pats[pi].where + " '" + pats[pi].text + "' not this sense: the " + why + " does not fit");
          continue;
        }
      }
      // More words win; among equals a pattern whose sense constraints held beats one without, and
      // a specific code beats a "not specified below" one (x0).
      auto specific = [&](int p) { const std::string& c = pats[p].code; return !frames && c.size() >= 3 && c.back() != '0'; };
      auto sensed = [&](int p) { return !frames && pats[p].constrained(); };
      if (best.pat < 0 || m.slots > best.slots || (m.slots == best.slots && sensed(pi) && !sensed(best.pat)) ||
          (m.slots == best.slots && sensed(pi) == sensed(best.pat) && specific(pi) && !specific(best.pat))) {
        best = m;
        best.pat = pi;
      }
    }
    if (best.pat >= 0) best_per_head.push_back(std::move(best));
  }
  // Longest first; a match whose head another accepted match consumed is dropped.
  std::stable_sort(best_per_head.begin(), best_per_head.end(), [](const Match& a, const Match& b) { return a.slots > b.slots; });
  std::vector<Match> accepted;
  std::vector<char> used(n_, 0);
  for (Match& m : best_per_head) {
    if (used[m.head]) {
      Log(std::string(frames ? "frame " : "pattern ") + pats[m.pat].where + " '" + pats[m.pat].text +
          "' rejected: its head is part of a longer match");
      continue;
    }
    for (int p : m.pos) used[p] = 1;
    accepted.push_back(std::move(m));
  }
  std::sort(accepted.begin(), accepted.end(), [](const Match& a, const Match& b) { return a.head < b.head; });
  return accepted;
}

// The actor a tree node names: the actor at the node, else the first actor in its phrase (not
// inside clauses hanging from it: "the troops who attacked the village" names the troops).
int SentenceCoder::ActorIn(int t) const {
  if (t < 0 || t >= n_) return -1;
  if (act_at_[t] >= 0 && Eligible(act_at_[t])) return act_at_[t];
  int best = -1;
  std::vector<int> todo(kids_[t].begin(), kids_[t].end());
  for (size_t q = 0; q < todo.size() && q < 64; ++q) {
    int k = todo[q];
    if (DepIs(k, "acl") || DepIs(k, "ccomp") || DepIs(k, "advcl") || DepIs(k, "parataxis") || DepIs(k, "appos") ||
        DepIs(k, "conj") || DepIs(k, "punct"))
      continue;
    if (act_at_[k] >= 0 && Eligible(act_at_[k]) && (best < 0 || acts_[act_at_[k]].tb < acts_[best].tb)) best = act_at_[k];
    for (int g : kids_[k]) todo.push_back(g);
  }
  return best;
}

// Who did it, read from the tree: the subject of a verb (the agent after "by" in the passive),
// climbing to the verb a coordinated, controlled or participial verb shares its subject with;
// for an event noun its possessor, its national modifier, its "by X", or the subject of the verb
// it is the object of ("launched an attack"). kNoActor when the tree names a doer that is no
// actor (or none, in an agentless passive); kUnknown when it cannot tell.
int SentenceCoder::TreeSource(int v, int depth) const {
  if (!tree_ || v < 0 || v >= n_ || depth > 4) return kUnknown;
  WordClass wc = toks_[v].wc;
  // A predicate noun ("Vietnam is one of the critics ... and has accused Beijing") heads its clause:
  // its subject is the clause's.
  const bool predicate = Kid(v, "cop") >= 0;
  if ((wc == WordClass::kNoun || wc == WordClass::kProperNoun) && !predicate) {
    for (int k : kids_[v]) {
      if (DepIs(k, "nmod:poss") || (DepIs(k, "nmod") && CaseOf(k) == "by")) {
        int a = ActorIn(k);
        if (a >= 0) return a;
      }
      if ((DepIs(k, "amod") || DepIs(k, "compound")) && act_at_[k] >= 0 && Eligible(act_at_[k])) return act_at_[k];
    }
    if (head_[v] >= 0 && DepIs(v, "obj")) return TreeSource(head_[v], depth + 1);
    return kUnknown;
  }
  bool passive = Kid(v, "nsubj:pass") >= 0 || Kid(v, "aux:pass") >= 0;
  if (passive) {
    for (int k : kids_[v]) {
      if (DepIs(k, "obl:agent") || (DepIs(k, "obl") && CaseOf(k) == "by")) {
        int a = ActorIn(k);
        return a >= 0 ? a : kNoActor;
      }
    }
    return kNoActor;
  }
  int subj = -1;
  for (int k : kids_[v])
    if (DepIs(k, "nsubj") || DepIs(k, "csubj")) { subj = k; break; }
  if (subj >= 0) {
    const std::string& w = toks_[subj].lower;
    bool relative = w == "who" || w == "which" || w == "that";
    if (relative && DepIs(v, "acl") && head_[v] >= 0) return ActorIn(head_[v]) >= 0 ? ActorIn(head_[v]) : kNoActor;
    if (toks_[subj].wc == WordClass::kPronoun && act_at_[subj] < 0) return kUnknown;  // unresolved "it", "they"
    int a = ActorIn(subj);
    return a >= 0 ? a : kNoActor;
  }
  if (head_[v] >= 0 && (DepIs(v, "conj") || DepIs(v, "xcomp") || DepIs(v, "advcl"))) return TreeSource(head_[v], depth + 1);
  return kUnknown;
}

// The clause a head sits in starts after the nearest clause-break word or ';' before it.
int SentenceCoder::ClauseStart(int head) const {
  for (int i = head - 1; i >= 0; --i) {
    if (IsBreakPunct(toks_[i]) || LemmaIn(i, book_.clause_break) || LemmaIn(i, book_.relative)) return i;
  }
  return -1;
}

// An accusation verb earlier in the sentence, not across a sentence-like break ("accused of
// creating a crisis by blocking aid").
bool SentenceCoder::AccusationBefore(int head) const {
  for (int i = head - 1; i >= std::max(0, head - 20); --i) {
    if (IsBreakPunct(toks_[i])) return false;
    if (IsAccusationLemma(toks_[i].lemma)) return true;
  }
  return false;
}

// Nearest eligible, non-topic actor in (stop, from); `cross_verbs` false stops at a verb.
int SentenceCoder::NearestActorBefore(int from, int stop, bool cross_verbs) const {
  for (int i = from - 1; i > stop; --i) {
    int a = act_at_[i];
    if (a >= 0 && Eligible(a) && !acts_[a].topic) return a;
    if (a < 0 && !cross_verbs && toks_[i].wc == WordClass::kVerb) return -1;
  }
  return -1;
}

int SentenceCoder::FirstActorAfter(int from, int source_group) const {
  bool comma = false, object_noun = false;
  for (int i = from + 1; i < n_; ++i) {
    if (IsBreakPunct(toks_[i])) return -1;
    const std::string& w = toks_[i].lower;
    // "assisting local forces to prevent the resurgence of X": the verb's object was a noun that
    // names no actor, and a purpose infinitive starts a clause of its own — X is not the target.
    if (object_noun && w == "to" && i + 1 < n_ && toks_[i + 1].wc == WordClass::kVerb) return -1;
    if ((act_at_[i] < 0 || !Eligible(act_at_[i])) &&
        (toks_[i].wc == WordClass::kNoun || toks_[i].wc == WordClass::kProperNoun))
      object_noun = true;  // a noun, or an actor too vague to code ("local forces")
    if (w == "\"" || w == "\u201c" || w == "\u201d") return -1;  // a quotation is someone else's clause
    if (w == ",") {
      comma = true;
      for (int j = i + 1; j < std::min(n_, i + 8); ++j) {
        if (toks_[j].lower == "," || IsBreakPunct(toks_[j])) break;
        if (LemmaIn(j, book_.attribution) && toks_[j].wc == WordClass::kVerb) return -1;  // ", the White House announced"
      }
    }
    else if (comma && toks_[i].wc == WordClass::kVerb && act_at_[i] < 0) return -1;  // ", asserting that"
    if ((LemmaIn(i, book_.relative) || LemmaIn(i, book_.clause_break)) && toks_[i].lower != "that") return -1;
    int a = act_at_[i];
    if (a >= 0 && Eligible(a) && !acts_[a].topic && acts_[a].group != source_group) return a;
  }
  return -1;
}

std::vector<EventActor> SentenceCoder::GroupActors(int a) const {
  std::vector<EventActor> out;
  if (a < 0) return out;
  if (acts_[a].group < 0) {  // defensive: an actor outside every group
    out.push_back(acts_[a].a);
    return out;
  }
  for (int k : groups_[acts_[a].group]) out.push_back(acts_[k].a);
  return out;
}

std::string SentenceCoder::ActorsText(const std::vector<EventActor>& v) const {
  if (v.empty()) return "-";
  std::string s;
  for (const auto& a : v) s += (s.empty() ? "" : "+") + a.code;
  return s;
}

std::vector<Candidate> SentenceCoder::Run() {
  std::vector<Candidate> out;
  BuildTokens();
  if (n_ == 0) return out;
  // "What is America talking about?", "Will Iran strike back?": a question reports no event.
  for (int i = n_ - 1; i >= 0 && toks_[i].wc == WordClass::kPunctuation; --i) {
    // A "?" inside a word is a character lost to encoding ("Ka?thane"), not a question mark.
    const size_t after = toks_[i].e;
    if (toks_[i].lower != "?" || (after < text_.size() && std::isalnum(static_cast<unsigned char>(text_[after])))) continue;
    Log("reject sentence: a question reports no event");
    return out;
  }
  BuildActors();
  MarkRoles();
  Group();
  bool one_country = true;
  for (int a = 0; a < static_cast<int>(acts_.size()); ++a) {
    possible_doers_ += Eligible(a) && !SpeakerOnly(a);
    const Act& p = acts_[a];
    if (!p.place || p.a.country.size() != 3) continue;
    if (!sentence_country_.empty() && sentence_country_ != p.a.country) one_country = false;
    sentence_country_ = p.a.country;
  }
  if (!one_country) sentence_country_.clear();
  for (int i = 0; i < n_ && !place_phrase_; ++i) {
    if (!LemmaIn(i, book_.place_prep)) continue;
    for (int j = i + 1; j < n_ && j <= i + 4 && !IsBreakPunct(toks_[j]) && !place_phrase_; ++j)
      place_phrase_ = LemmaIn(j, book_.place_noun) && !in_date_[j];
  }
  // Discards: phrases whose words may not fire a pattern ("heart attack").
  for (const auto& d : book_.discards) {
    if (d.empty()) continue;
    for (int i = 0; i + static_cast<int>(d.size()) <= n_; ++i) {
      bool ok = true;
      for (size_t k = 0; k < d.size() && ok; ++k) ok = toks_[i + k].lemma == d[k] || toks_[i + k].lower == d[k];
      if (!ok) continue;
      for (size_t k = 0; k < d.size(); ++k) blocked_[i + k] = 1;
      Log("discard: '" + Slice(toks_[i].b, toks_[i + d.size() - 1].e) + "'");
    }
  }
  std::vector<Match> verbs = MatchAll(book_.verbs, book_.verbs_by_head, false);
  std::vector<Match> frames = MatchAll(book_.frames, book_.frames_by_head, true);
  {
    // "rejected a US offer to host ...": a frame word inside another pattern is that pattern's object.
    std::vector<char> inside(n_, 0);
    for (const Match& m : verbs) {
      for (int p : m.pos) {
        if (p != m.head) inside[p] = 1;
      }
    }
    std::vector<Match> kept;
    for (Match& f : frames) {
      if (inside[f.head]) {
        Log("frame " + book_.frames[f.pat].where + " '" + book_.frames[f.pat].text + "' is inside another pattern; ignored");
        continue;
      }
      kept.push_back(std::move(f));
    }
    frames.swap(kept);
  }
  for (const Match& m : verbs) {
    const code::Pattern& p = book_.verbs[m.pat];
    Log("pattern " + p.where + " '" + p.text + "' -> " + p.code + " at '" + Slice(toks_[m.head].b, toks_[m.last].e) + "'");
  }
  for (const Match& f : frames) {
    const code::Pattern& p = book_.frames[f.pat];
    Log("frame " + p.where + " " + p.code + " '" + p.text + "' at '" + Slice(toks_[f.head].b, toks_[f.last].e) + "'");
  }
  // Each pattern takes the nearest frame that ends before it, within reach, with no break between.
  std::vector<int> frame_of(verbs.size(), -1);
  std::vector<char> frame_used(frames.size(), 0), in_verb(n_, 0);
  for (size_t v = 0; v < verbs.size(); ++v) {
    const Match& m = verbs[v];
    for (int p : m.pos) in_verb[p] = 1;
    for (int k = static_cast<int>(frames.size()) - 1; k >= 0; --k) {
      const Match& f = frames[k];
      if (f.last >= m.head) continue;
      int reach = book_.frames[f.pat].code == "future" ? kFutureReach : kFrameReach;
      if (m.head - f.last > reach) continue;
      bool broken = false;
      for (int i = f.last + 1; i < m.head; ++i) broken |= IsBreakPunct(toks_[i]) || FrameStop(i);
      if (broken || frame_used[k]) continue;
      // "rejects and condemns the decision": a verb coordinated with the frame word is an act
      // of its own, not what the frame rejects, asks or threatens.
      bool coordinated = false, only_links = true;
      for (int i = f.last + 1; i < m.head && only_links; ++i) {
        const std::string& w = toks_[i].lower;
        coordinated |= w == "and" || w == "or";
        only_links = w == "and" || w == "or" || w == "," || toks_[i].wc == WordClass::kAdverb;
      }
      if (coordinated && only_links) continue;
      const std::string& fkind = book_.frames[f.pat].code;
      if (tree_ && (fkind == "intent" || fkind == "prepare") && DepIs(f.head, "acl") &&
          (toks_[f.head].xpos == "VBN" || toks_[f.head].xpos == "VBG") && Kid(f.head, "aux") < 0 && head_[f.head] >= 0 &&
          CommonNounTag(toks_[head_[f.head]].xpos)) {
        // "a meeting aimed at establishing relations", "talks intended to end the war": the
        // purpose of a thing, not an actor's intent or act.
        Log("reject '" + Slice(toks_[m.head].b, toks_[m.last].e) + "' (" + book_.verbs[m.pat].where + "): the purpose of '" +
            toks_[head_[f.head]].lower + "' ('" + toks_[f.head].lower + "'), not an act");
        frame_of[v] = -2;
        frame_used[k] = 1;
        break;
      }
      if (tree_ && CommonNounTag(toks_[m.head].xpos)) {
        // "offered guidance to end the violence": an event noun governed by another verb between
        // the frame and it is that verb's object, not what the frame offers or plans.
        int k = m.head;
        for (int steps = 0; k >= 0 && steps < 4 && (DepIs(k, "obj") || DepIs(k, "obl") || DepIs(k, "nmod") || DepIs(k, "compound")); ++steps) {
          k = head_[k];
          if (k >= 0 && VerbTag(toks_[k].xpos)) break;
        }
        if (k > f.last && k < m.head && VerbTag(toks_[k].xpos) && !LemmaIn(k, book_.support_verb)) continue;
      }
      {
        // Only a frame that can convert the inner code takes it; otherwise the frame word keeps
        // its own pattern ("rejected an appeal for deploying troops" stays a rejection).
        const std::string& kind = book_.frames[f.pat].code;
        const std::string& inner = book_.verbs[m.pat].code;
        bool can = false;
        std::vector<std::string> kinds{kind};
        if (kind == "future") kinds.push_back("threat");  // "will ... unless" converts as a threat
        for (const std::string& kd : kinds) {
          auto cv = book_.conversions.find(kd);
          if (cv == book_.conversions.end()) continue;
          for (const auto& pr : cv->second) can |= inner.compare(0, pr.first.size(), pr.first) == 0;
        }
        if (!can) {
          Log("reject '" + Slice(toks_[m.head].b, toks_[m.last].e) + "' (" + book_.verbs[m.pat].where + "): frame '" +
              book_.frames[f.pat].text + "' (" + kind + ") has no conversion for " + inner);
          frame_of[v] = -2;  // dropped, but the frame stays free
          break;
        }
      }
      frame_of[v] = k;
      frame_used[k] = 1;
      break;
    }
  }
  struct Job {
    const Match* m;
    const code::Pattern* p;
    int fi;
    bool bare;
  };
  std::vector<Job> jobs;
  for (size_t v = 0; v < verbs.size(); ++v) {
    bool is_frame_head = false;
    for (size_t k = 0; k < frames.size(); ++k) is_frame_head |= frame_used[k] && frames[k].head == verbs[v].head;
    if (is_frame_head) {
      Log("pattern " + book_.verbs[verbs[v].pat].where + " yields to the frame at the same word");
      continue;
    }
    if (frame_of[v] == -2) continue;
    jobs.push_back({&verbs[v], &book_.verbs[verbs[v].pat], frame_of[v], false});
  }
  for (size_t k = 0; k < frames.size(); ++k) {
    const code::Pattern& fp = book_.frames[frames[k].pat];
    if (frame_used[k] || fp.bare.empty() || in_verb[frames[k].head]) continue;
    bool nested = false;  // "must agree to ...", "will offer": a frame under another frame
    for (size_t o = 0; o < frames.size(); ++o) {
      nested |= o != k && frames[o].last < frames[k].head && frames[k].head - frames[o].last <= 2;
    }
    if (nested) {
      Log("reject '" + Slice(toks_[frames[k].head].b, toks_[frames[k].last].e) + "' (" + fp.where + "): a frame under another frame (no nested frames)");
      continue;
    }
    if (tree_) {
      // "offers a powerful reminder", "offering new guidance": alone, the frame word's object
      // says what was offered; words of comment or insight (rules.txt idle_object) offer nothing.
      bool idle = false;
      for (int c : kids_[frames[k].head]) idle |= (dep_[c] == "obj" || dep_[c] == "nsubj:pass") && LemmaIn(c, book_.idle_object);
      if (idle) {
        Log("reject '" + Slice(toks_[frames[k].head].b, toks_[frames[k].last].e) + "' (" + fp.where + "): its object offers nothing (a comment or insight)");
        continue;
      }
    }
    jobs.push_back({&frames[k], &fp, -1, true});
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.m->head < b.m->head; });
  if (tree_) {
    // "demanded that the US cancel plans to sell weapons": what is appealed for, demanded,
    // rejected, alleged or threatened (a clause under such an act) is its content, not an event
    // of its own. Reported speech ("said that ...") and frames that convert their clause stay.
    std::vector<int> job_at(n_, -1);
    for (size_t j = 0; j < jobs.size(); ++j) job_at[jobs[j].m->head] = static_cast<int>(j);
    std::vector<Job> kept;
    for (const Job& job : jobs) {
      bool clausal = false, inside = false;
      int k = job.m->head;
      for (int steps = 0; k >= 0 && steps < 8 && !inside; ++steps) {
        clausal |= DepIs(k, "ccomp") || DepIs(k, "xcomp") || DepIs(k, "acl") || DepIs(k, "csubj");
        k = head_[k];
        if (k >= 0 && clausal && job_at[k] >= 0) {
          const Job& o = jobs[job_at[k]];
          const std::string& oc = o.bare ? o.p->bare : o.p->code;
          inside = ContentAct(oc);
        }
      }
      if (inside) {
        Log("reject '" + Slice(toks_[job.m->head].b, toks_[job.m->last].e) + "' (" + job.p->where + "): the content of the act at '" + toks_[k].lower + "'");
        continue;
      }
      kept.push_back(job);
    }
    jobs.swap(kept);
  }
  for (const Job& job : jobs) {
    const Match& m = *job.m;
    const code::Pattern& p = *job.p;
    int fi = job.fi;
    std::string where = "'" + Slice(toks_[m.head].b, toks_[m.last].e) + "' (" + p.where + ")";
    std::string code = job.bare ? p.bare : p.code;
    Candidate c;
    c.sentence = s_;
    c.eligible_actors = possible_doers_;
    c.place_phrase = place_phrase_;
    auto Note = [&](const std::string& line) {
      Log(line);
      c.rules.push_back(line);
    };
    c.rules.push_back(p.where + " " + p.text + " -> " + code + (job.bare ? " (frame alone)" : ""));
    int anchor = m.head;
    std::string kind;
    bool refusal = false;  // a negated future turned into a refusal: its negation is spent
    if (fi >= 0) {
      const Match& f = frames[fi];
      kind = book_.frames[f.pat].code;
      if (kind == "future") {
        // "will not release the prisoners", "would never lift the ban": a negated future of an
        // act of yielding or cooperating is a refusal (CAMEO 12), not a non-event.
        for (int i = f.head + 1; i < m.head && !refusal; ++i) refusal = LemmaIn(i, book_.negation);
        if (refusal) {
          kind = "refuse";
          Note("rule refusal: a negated future of " + code + " is a refusal");
        }
      }
      if (kind == "future") {
        // "will boycott ... unless": a conditional promise of harm is a threat.
        for (int i = m.last + 1; i < n_; ++i) {
          if (toks_[i].lower == "unless" || toks_[i].lower == "if") {
            kind = "threat";
            Note("rule conditional: '" + toks_[i].lower + "' makes the future a threat");
            break;
          }
        }
      }
      auto conv = book_.conversions.find(kind);
      std::string best;
      size_t best_len = 0;
      if (conv != book_.conversions.end()) {
        for (const auto& [prefix, to] : conv->second) {
          if (prefix.size() > best_len && code.compare(0, prefix.size(), prefix) == 0) {
            best = to;
            best_len = prefix.size();
          }
        }
      }
      if (best.empty()) {
        Log("reject " + where + ": frame '" + book_.frames[f.pat].text + "' (" + kind + ") has no conversion for " + code);
        continue;
      }
      if (best == "=") best = code;  // the framed act itself ("ordered the arrest" is the arrest)
      Note("rule modality: frame " + book_.frames[f.pat].where + " " + kind + " '" + book_.frames[f.pat].text + "' turns " + code + " into " + best);
      code = best;
      anchor = f.head;
    } else if (p.inner) {
      Log("reject " + where + ": pattern fires only inside a frame (request/threaten/...)");
      continue;
    }
    {
      const std::string& hw = toks_[m.head].lower;
      bool gerund = hw.size() > 4 && hw.compare(hw.size() - 3, 3, "ing") == 0 && anchor == m.head;
      if (gerund && m.head > 0) {
        const std::string& pw = toks_[m.head - 1].lower;
        if (pw == "of" || pw == "for" || pw == "with" || pw == "about") {
          Log("reject " + where + ": gerund after '" + pw + "' is what someone is accused of or why, not an event");
          continue;
        }
        // "pressed Kyiv into investigating", "barred them from leaving": what someone is pushed
        // into or kept from is the aim of the act before it, not an event that took place.
        if (pw == "into" || pw == "from") {
          Log("reject " + where + ": gerund after '" + pw + "' is the aim of the act before it, not an event");
          continue;
        }
        // "by V-ing" is the means of the main verb ("helped them by donating food": the donating is
        // the event), except inside an accusation ("accused of ... by blocking aid").
        if (pw == "by" && AccusationBefore(m.head)) {
          Log("reject " + where + ": 'by' gerund inside an accusation is what someone is accused of");
          continue;
        }
        if (pw == "in" && m.head >= 2 && toks_[m.head - 2].wc == WordClass::kNoun && act_at_[m.head - 2] < 0) {
          Log("reject " + where + ": gerund after 'NOUN in' (\"role in rioting\") names a part in something, not an event");
          continue;
        }
        if (pw == "," || pw == "and" || pw == "or") {
          // "accused X of violating ..., ignoring ... and ...": the later gerunds of the list too.
          bool listed = false;
          for (int i = m.head - 2; i > std::max(0, m.head - 12); --i) {
            if (IsBreakPunct(toks_[i]) && toks_[i].lower != ",") break;
            const std::string& w = toks_[i].lower;
            bool ger = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
            const std::string& before = toks_[i - 1].lower;
            if (ger && (before == "of" || before == "for" || before == "with" || before == "about")) { listed = true; break; }
          }
          if (listed) {
            Log("reject " + where + ": gerund in a list after 'of/for/with', what someone is accused of");
            continue;
          }
        }
      }
    }
    if (fi < 0) {
      // "must agree to changes before they demobilize", "will fight until they gain control": the
      // before/until clause of a demanded, promised or threatened act has not happened.
      for (int i = m.head - 1; i >= std::max(0, m.head - 5); --i) {
        if (IsBreakPunct(toks_[i])) break;
        if (toks_[i].lower != "before" && toks_[i].lower != "until") continue;
        bool framed = false;
        for (const Match& f : frames) framed |= f.head < i;
        if (framed) {
          Log("reject " + where + ": '" + toks_[i].lower + "' clause of a framed (demanded/promised) act");
          fi = -3;
        }
        break;
      }
      if (fi == -3) continue;
    }
    // Negation and hypotheticals just before the anchor (or the head).
    int clause = ClauseStart(anchor);
    if (anchor == m.head && (toks_[m.head].wc == WordClass::kNoun || toks_[m.head].wc == WordClass::kProperNoun)) {
      // "accused X of restoring the blackmail in the negotiations": nouns of the accusation's content.
      bool content = false;
      for (int i = m.head - 1; i > std::max(clause, m.head - 10); --i) {
        if (IsBreakPunct(toks_[i])) break;
        const std::string& w = toks_[i].lower;
        bool ger = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0 && toks_[i].wc != WordClass::kNoun;
        if (ger && i > 0 && (toks_[i - 1].lower == "of" || toks_[i - 1].lower == "for")) {
          for (int j = i - 2; j > std::max(clause, i - 8); --j) {
            if (IsAccusationLemma(toks_[j].lemma)) { content = true; break; }
          }
          break;
        }
      }
      if (content) {
        Log("reject " + where + ": part of what someone is accused of");
        continue;
      }
    }
    bool negated = false, hypothetical = false;
    for (int i = std::max(clause + 1, anchor - 4); i < m.head; ++i) {
      if (i == anchor && anchor != m.head) continue;
      if (act_at_[i] >= 0 && i < anchor) continue;
      if (LemmaIn(i, book_.negation) && !(refusal && i > anchor)) negated = true;
      // A capitalised modal inside the sentence is a name or a month ("Theresa May called").
      if (LemmaIn(i, book_.hypothetical) && !NameCapital(i)) hypothetical = true;
    }
    if (clause >= 0 && LemmaIn(clause, book_.hypothetical) && !NameCapital(clause)) hypothetical = true;
    if (toks_[m.head].wc == WordClass::kNoun || toks_[m.head].wc == WordClass::kProperNoun) {
      for (int i = m.last + 1; i < std::min(n_, m.last + 3); ++i) {
        hypothetical |= toks_[i].wc == WordClass::kAuxiliary && LemmaIn(i, book_.hypothetical);  // "a withdrawal could"
      }
    }
    if (negated) {
      Log("reject " + where + ": negated");
      continue;
    }
    if (hypothetical) {
      Log("reject " + where + ": hypothetical (could/might/if ...)");
      continue;
    }
    // Passive: "X was attacked (by Y)".
    bool passive = false;
    if (toks_[m.head].wc == WordClass::kVerb) {
      for (int i = m.head - 1; i >= std::max(0, m.head - 3); --i) {
        if (toks_[i].lemma == "be" || toks_[i].lemma == "get") {
          const std::string& w = toks_[m.head].lower;
          bool ing = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
          bool participle = (w.size() > 2 && (w.compare(w.size() - 2, 2, "ed") == 0 || w.compare(w.size() - 2, 2, "en") == 0)) ||
                            w != toks_[m.head].lemma;  // irregular: "was hit", "were shot"
          passive = !ing && participle;
          break;
        }
        if (toks_[i].wc != WordClass::kAdverb && !LemmaIn(i, book_.negation)) break;
      }
    }
    {
      // "the proposed changes", "alleged crimes": a participle used as an adjective is no action.
      const std::string& hw = toks_[m.head].lower;
      bool participle = hw.size() > 3 && hw.compare(hw.size() - 2, 2, "ed") == 0 && anchor == m.head && m.last == m.head;
      if (participle && m.head + 1 < n_) {
        WordClass nw = toks_[m.head + 1].wc;
        WordClass pw = m.head > 0 ? toks_[m.head - 1].wc : WordClass::kPunctuation;
        bool before_noun = nw == WordClass::kNoun || nw == WordClass::kProperNoun || nw == WordClass::kAdjective;
        if (act_at_[m.head + 1] >= 0) {
          // "the proposed Israeli changes": a demonym between the participle and its noun.
          int e = acts_[act_at_[m.head + 1]].te;
          before_noun = e < n_ && act_at_[e] < 0 && toks_[e].wc != WordClass::kAdposition && toks_[e].wc != WordClass::kDeterminer &&
                        toks_[e].wc != WordClass::kPunctuation && toks_[e].wc != WordClass::kAuxiliary && toks_[e].wc != WordClass::kPronoun;
        }
        bool after_det = pw == WordClass::kDeterminer || pw == WordClass::kVerb || pw == WordClass::kAdposition ||
                         pw == WordClass::kPunctuation || m.head == 0;
        if (job.bare && m.head > 0 && act_at_[m.head - 1] < 0 && pw != WordClass::kPronoun && pw != WordClass::kAuxiliary &&
            pw != WordClass::kAdverb && pw != WordClass::kProperNoun) {
          after_det = true;  // a frame word alone, not after its subject: "reject proposed Israeli changes"
        }
        if (before_noun && after_det) {
          Log("reject " + where + ": participle used as an adjective");
          continue;
        }
      }
    }
    if (!passive && anchor == m.head && m.head >= 2 && toks_[m.head].wc == WordClass::kVerb) {
      // "opened its borders to West Africans ordered out of Nigeria": a participle right after the
      // object of "to/for/with/against" modifies that object (a reduced relative), no finite verb.
      const std::string& hw = toks_[m.head].lower;
      bool ed = hw.size() > 3 && hw.compare(hw.size() - 2, 2, "ed") == 0;
      int j = m.head - 1;
      while (j >= 0 && m.head - j <= 6 && (act_at_[j] >= 0 || toks_[j].wc == WordClass::kNoun || toks_[j].wc == WordClass::kProperNoun ||
                                           toks_[j].wc == WordClass::kAdjective || toks_[j].wc == WordClass::kDeterminer ||
                                           toks_[j].wc == WordClass::kNumber)) --j;
      if (ed && j >= 0 && j < m.head - 1) {
        const std::string& w = toks_[j].lower;
        bool up_to = w == "to" && j > 0 && toks_[j - 1].lower == "up";  // "up to 100 people": a quantity
        // Only after a verb of its own: in "the ambassador to Britain expressed concern" nothing
        // before is a verb, so the participle is the sentence's verb.
        bool verb_before = false;
        for (int i = j - 1; i > clause && !verb_before; --i)
          verb_before = toks_[i].wc == WordClass::kVerb || toks_[i].wc == WordClass::kAuxiliary;
        if ((w == "to" || w == "for" || w == "with" || w == "against") && !up_to && verb_before) {
          Log("reject " + where + ": participle modifying the object of '" + w + "' (reduced relative)");
          continue;
        }
      }
    }
    if (p.passive_only && !passive) {
      Log("reject " + where + ": pattern is for the passive only");
      continue;
    }
    int src = -1, tgt = -1;
    bool inherit = false;  // the source is the previous event's (coordinated verbs)
    // "by X" right after the pattern names the agent (passive verbs and event nouns).
    int by_src = -1;
    for (int i = m.last + 1; i < std::min(n_, m.last + 5); ++i) {
      if (toks_[i].lower == "by" || (toks_[i].lower == "from" && toks_[m.head].wc == WordClass::kNoun)) {
        for (int j = i + 1; j < std::min(n_, i + 5); ++j) {
          if (act_at_[j] >= 0 && Eligible(act_at_[j])) { by_src = act_at_[j]; break; }
        }
        break;
      }
      // A comma ends the phrase whose agent "by X" can name.
      if (IsBreakPunct(toks_[i]) || toks_[i].lower == ",") break;
    }
    bool noun_head = toks_[m.head].wc == WordClass::kNoun || toks_[m.head].wc == WordClass::kProperNoun;
    if (!noun_head && tree_ && CommonNounTag(toks_[m.head].xpos) && Kid(m.head, "det") >= 0) {
      noun_head = true;  // "the large-scale killing of": the parse's noun with its determiner
    }
    if (!noun_head && m.head > 0) {
      WordClass pw = toks_[m.head - 1].wc;
      noun_head = pw == WordClass::kDeterminer || pw == WordClass::kAdjective || LemmaIn(m.head - 1, book_.possessive_pron);
      if (act_at_[m.head - 1] >= 0 && toks_[m.head].wc != WordClass::kVerb) {
        int tb = acts_[act_at_[m.head - 1]].tb;  // "a government offensive": a noun the tagger missed
        noun_head |= tb > 0 && (toks_[tb - 1].lower == "a" || toks_[tb - 1].lower == "an" ||
                                (toks_[tb - 1].lower == "the" && toks_[m.head].wc == WordClass::kOther));
      }
    } else if (noun_head && m.head > 0 && !LemmaIn(m.head - 1, book_.possessive_pron)) {
      WordClass pw = toks_[m.head - 1].wc;
      bool indefinite_np = false;  // "a government offensive": the actor word modifies the noun
      if (act_at_[m.head - 1] >= 0) {
        int tb = acts_[act_at_[m.head - 1]].tb;
        indefinite_np = tb > 0 && (toks_[tb - 1].lower == "a" || toks_[tb - 1].lower == "an");
      }
      // After an actor only a verbal form reads as a verb: "troops shelled", not "Taliban
      // violence" or "Israeli airstrikes".
      const std::string& hw = toks_[m.head].lower;
      bool verbal = (hw.size() > 3 && hw.compare(hw.size() - 2, 2, "ed") == 0) ||
                    (hw != toks_[m.head].lemma && !hw.empty() && hw.back() != 's');
      if (pw == WordClass::kAdverb || pw == WordClass::kAuxiliary ||
          (act_at_[m.head - 1] >= 0 && !acts_[act_at_[m.head - 1]].location && !indefinite_np && verbal)) {
        noun_head = false;  // "soldiers routinely beat", "troops have shelled": a verb the tagger missed
      }
    }
    if (noun_head && m.head + 1 < n_ && SlotAt(m.head, p.slots[0]) > 1 && toks_[m.head].wc != WordClass::kVerb &&
        (m.head == 0 || toks_[m.head - 1].wc != WordClass::kDeterminer)) {
      // "hand over 30 vehicles", "pull out troops": a verb with its particle, whatever the word alone is.
      const std::string& w2 = toks_[m.head + 1].lower;
      if (w2 == "over" || w2 == "out" || w2 == "up" || w2 == "off" || w2 == "down" || w2 == "back" || w2 == "away") {
        noun_head = false;
        Note("rule phrasal-verb at " + where + ": '" + toks_[m.head].lower + " " + w2 + "' is a verb");
      }
    }
    if (noun_head && FiniteVerbTag(toks_[m.head].xpos)) {
      // The tagger reads a finite verb ("police fire tear gas", "it hit five bases") where the word
      // lists know the word as a noun first. Only finite forms: infinitives and participles
      // ("to help", "fighting") stay with the word-list reading, which the rules below expect.
      noun_head = false;
    }
    if (noun_head && toks_[m.head].xpos == "VB") {
      // "will not release", "could free": the bare form after a modal is its verb; so is the
      // infinitive of an aspect verb ("police continue to arrest", "began to shell").
      int k = m.head - 1;
      while (k >= 0 && toks_[k].xpos == "RB") --k;
      const bool aspect = k >= 1 && toks_[k].lower == "to" &&
                          (toks_[k - 1].lemma == "continue" || toks_[k - 1].lemma == "begin" ||
                           toks_[k - 1].lemma == "start" || toks_[k - 1].lemma == "resume");
      noun_head = !(k >= 0 && toks_[k].xpos == "MD") && !aspect;
    }
    if (p.verb_only && noun_head) {
      Log("reject " + where + ": pattern is for the verb, this is a noun");
      continue;
    }
    if (p.verb_only && tree_ && (toks_[m.head].xpos == "RB" || toks_[m.head].xpos == "RP")) {
      // "Trump is almost back to where he was": the parse's adverb or particle is no verb.
      Log("reject " + where + ": pattern is for the verb, this is an adverb");
      continue;
    }
    if (p.intrans && tree_ && VerbTag(toks_[m.head].xpos) && (Kid(m.head, "obj") >= 0 || Kid(m.head, "ccomp") >= 0)) {
      // "the case demonstrates that ...", "demonstrated its resolve": the verb with an object or a
      // clause is another sense (show) than the one without (protest).
      Log("reject " + where + ": pattern is for the verb without an object");
      continue;
    }
    if (p.noun_only && !noun_head) {
      Log("reject " + where + ": pattern is for the noun, this is a verb");
      continue;
    }
    if (passive) {
      src = by_src;
      tgt = NearestActorBefore(m.head, clause, true);
      Note("rule passive at " + where + (src >= 0 ? ": agent after 'by'" : ": no agent"));
      c.agentless_passive = src < 0;
    } else if (noun_head && anchor == m.head && by_src >= 0) {
      src = by_src;
      Note("rule nominal-by at " + where);
    } else {
      bool cross = !(noun_head && anchor == m.head);
      // Event nouns after "during/in/at/after (a|the|his)" belong to the clause subject ("during a phone call with").
      if (!cross && code.compare(0, 2, "04") == 0) {
        int j = m.head - 1;
        while (j >= 0 && (toks_[j].wc == WordClass::kDeterminer || toks_[j].wc == WordClass::kPronoun ||
                          toks_[j].wc == WordClass::kAdjective || toks_[j].wc == WordClass::kNoun) && m.head - j <= 3) --j;
        if (j >= 0 && (toks_[j].lower == "during" || toks_[j].lower == "in" || toks_[j].lower == "at" || toks_[j].lower == "after" ||
                       toks_[j].lower == "amid" || toks_[j].lower == "for")) {
          // "met Merkel at a summit", "will meet Macron for talks": the setting or purpose of the
          // act its clause already reports, not a second meeting.
          if (!out.empty() && out.back().verb.end <= toks_[j].b && out.back().verb.begin >= toks_[std::max(clause, 0)].b) {
            Log("reject " + where + ": event noun after '" + toks_[j].lower + "' is the setting of the act before it");
            continue;
          }
          cross = true;
          Note("rule nominal-in-clause at " + where + ": event noun after '" + toks_[j].lower + "' takes the clause subject");
        }
      }
      if (cross) {
        src = NearestActorBefore(anchor, clause, true);
        if (src >= 0) {
          // "Sierra Leone's ambassador to the United States denied": the actor inside the
          // subject's prepositional phrase is not the subject; the phrase's head before it is.
          int pb = acts_[src].tb - 1;
          if (pb > clause && toks_[pb].wc == WordClass::kDeterminer) --pb;
          const std::string& pw = pb > clause ? toks_[pb].lower : std::string();
          int h = pb - 1;
          if ((pw == "to" || pw == "of" || pw == "for" || pw == "from") && h > clause && h >= 0 && act_at_[h] >= 0 &&
              act_at_[h] != src && Eligible(act_at_[h]) && !acts_[act_at_[h]].topic && !acts_[act_at_[h]].location &&
              !acts_[act_at_[h]].modifier) {
            src = act_at_[h];
            Note("rule np-head at " + where + ": '" + acts_[src].a.text + "' heads the subject, not the actor after '" + pw + "'");
          }
        }
        // "Pakistan, a key U.S. ally in the war, has refused": skip the apposition.
        int j = anchor - 1;
        while (j > clause && toks_[j].lower != "," && act_at_[j] < 0 && toks_[j].wc != WordClass::kVerb) --j;
        if (j > clause && toks_[j].lower == "," && (src < 0 || acts_[src].te <= j)) {
          int k = j - 1;
          while (k > clause && toks_[k].lower != "," && toks_[k].wc != WordClass::kVerb) --k;
          if (k > clause && toks_[k].lower == "," && k > 0 && act_at_[k - 1] >= 0 && Eligible(act_at_[k - 1]) && k - 1 != j) {
            src = act_at_[k - 1];
            Note("rule apposition at " + where + ": subject '" + acts_[src].a.text + "'");
          }
        }
        // ", killing one person": a participle after a comma belongs to the clause subject.
        const std::string& hw = toks_[m.head].lower;
        bool after_passive = false;
        if (anchor == m.head && m.head >= 1 && toks_[m.head - 1].lower == "," && hw.size() > 4 &&
            hw.compare(hw.size() - 3, 3, "ing") == 0 && !out.empty() && out.back().verb.end <= toks_[m.head].b &&
            out.back().verb.begin >= toks_[std::max(clause, 0)].b) {
          // "X was attacked by Y, killing ...": the participle is the agent's deed, not the subject's.
          for (const std::string& r : out.back().rules) after_passive |= RuleIs(r, "rule passive");
          if (after_passive) {
            inherit = true;
            Note("rule participle-after-passive at " + where + ": the agent of the passive before");
          }
        }
        if (!after_passive && anchor == m.head && m.head >= 1 && toks_[m.head - 1].lower == "," && hw.size() > 4 &&
            hw.compare(hw.size() - 3, 3, "ing") == 0) {
          for (int i = clause + 1; i < m.head; ++i) {
            if (act_at_[i] >= 0 && Eligible(act_at_[i]) && !acts_[act_at_[i]].topic) {
              src = act_at_[i];
              Note("rule participle at " + where + ": subject '" + acts_[src].a.text + "'");
              break;
            }
          }
        }
      } else {
        // An event noun's own doer sits in its noun phrase: "Israeli air strikes", "Iran's attack".
        for (int i = anchor - 1; i > clause; --i) {
          if (act_at_[i] >= 0) {
            if (Eligible(act_at_[i]) && !acts_[act_at_[i]].topic) src = act_at_[i];
            break;
          }
          WordClass wc = toks_[i].wc;
          const std::string& w = toks_[i].lower;
          if (LemmaIn(i, book_.possessive_pron)) {
            // "its long-threatened invasion": the owner is the nearest actor before; "have begun
            // their assault": after a support verb it is the verb's deed as well.
            src = NearestActorBefore(i, clause, true);
            bool deed = i > 0 && toks_[i - 1].wc == WordClass::kVerb && LemmaIn(i - 1, book_.support_verb);
            if (src >= 0) Note(std::string(deed ? "rule support-verb: '" : "rule possessive-event: '") + toks_[i].lower + "' -> '" + acts_[src].a.text + "'");
            break;
          }
          if (wc == WordClass::kVerb && LemmaIn(i, book_.support_verb)) {
            // "began a hunger strike", "launched an offensive": the event noun is the support verb's deed.
            src = NearestActorBefore(i, ClauseStart(i), true);
            if (src >= 0) Note("rule support-verb: '" + toks_[i].lower + "' -> subject '" + acts_[src].a.text + "'");
            break;
          }
          bool np = wc == WordClass::kDeterminer || wc == WordClass::kAdjective || wc == WordClass::kNoun ||
                    wc == WordClass::kProperNoun || wc == WordClass::kNumber || w == "'s" || w == "\u2019s" || w == "-" ||
                    ((w == "up" || w == "out") && i > 0 && toks_[i - 1].wc == WordClass::kVerb);  // "stepped up attacks"
          if (!np) break;
        }
      }
      if (src < 0 && clause >= 0 && LemmaIn(clause, book_.relative)) {
        // Relative clause: "militants who attacked ..." — the antecedent just before the pronoun.
        int j = clause - 1;
        if (j >= 0 && toks_[j].lower == ",") --j;
        bool subject_relative = toks_[clause].lower != "whom" && toks_[clause].lower != "whose" && toks_[clause].lower != "where";
        for (int i = clause + 1; i < anchor && subject_relative; ++i) {
          WordClass wc = toks_[i].wc;
          if (wc == WordClass::kPronoun || wc == WordClass::kNoun || wc == WordClass::kProperNoun) subject_relative = false;
        }
        if (subject_relative && j >= 0 && act_at_[j] >= 0 && Eligible(act_at_[j])) {
          src = act_at_[j];
          Note("rule relative-clause at " + where + ": source is the antecedent '" + acts_[src].a.text + "'");
        }
        // "The ministry, which runs the prisons, recently refused ...": a non-restrictive relative
        // clause closed by a comma; the verb after it is the antecedent's.
        int close = anchor - 1;
        while (close > clause && (toks_[close].wc == WordClass::kAdverb || toks_[close].wc == WordClass::kAuxiliary)) --close;
        if (src < 0 && !noun_head && clause >= 1 && toks_[clause - 1].lower == "," && close > clause + 1 &&
            toks_[close].lower == "," && j >= 0 && act_at_[j] >= 0 && Eligible(act_at_[j]) && !acts_[act_at_[j]].topic) {
          src = act_at_[j];
          Note("rule relative-aside at " + where + ": the verb after the relative clause is the antecedent's '" + acts_[src].a.text + "'");
        }
      }
      if (clause >= 0 && toks_[clause].lemma == "that" && src >= 0) {
        // Attribution: "X said that Y ..." codes Y's action; X is the speaker only.
        for (int i = clause - 1; i >= std::max(0, clause - 4); --i) {
          if (LemmaIn(i, book_.attribution)) {
            Note("rule attribution at " + where + ": reported clause after '" + toks_[i].lower + "', source is its subject");
            break;
          }
        }
      }
      int before = anchor - 1;  // "and has urged": skip auxiliaries and adverbs back to the "and"
      while (before > 0 && (toks_[before].wc == WordClass::kAuxiliary || toks_[before].wc == WordClass::kAdverb) &&
             anchor - before < 4) --before;
      if (!noun_head && before >= 0 && toks_[before].lower == "and" && !out.empty() &&
          out.back().verb.end <= toks_[before].b && out.back().verb.begin >= toks_[std::max(clause, 0)].b &&
          (toks_[anchor].wc == WordClass::kVerb || anchor != m.head)) {
        // The actor between the two verbs is the first verb's object, never the second's subject;
        // a first verb without a source leaves the second without one too.
        inherit = true;  // "killed one soldier and wounded two others": the same subject
        Note("rule coordinated-verb: '" + toks_[anchor].lower + "' shares the subject of the verb before 'and'");
      }
      if (src < 0 && !noun_head && !inherit) {
        for (int i = anchor - 1; i >= std::max(0, anchor - 4); --i) {
          const std::string& w = toks_[i].lower;
          if (w != "it" && w != "they" && w != "he" && w != "she" && w != "we") continue;
          int j = i - 1;
          if (j >= 0 && toks_[j].lower == "that") {
            --j;
            // "announced earlier Monday that it ...": a time phrase between the verb and "that".
            int k = j;
            while (k > 0 && j - k < 3 && !LemmaIn(k, book_.attribution) && act_at_[k] < 0 && !IsBreakPunct(toks_[k]) &&
                   toks_[k].wc != WordClass::kVerb && toks_[k].wc != WordClass::kAuxiliary && toks_[k].lower != ",")
              --k;
            if (k >= 0 && k != j && LemmaIn(k, book_.attribution) && toks_[k].wc == WordClass::kVerb) j = k;
          }
          if (j >= 0 && LemmaIn(j, book_.attribution)) {
            if (j > 0 && toks_[j - 1].lower == "and" && !out.empty() && !out.back().sources.empty()) {
              inherit = true;  // "X rejected ..., and said they also opposed": X
              Note("rule speaker-pronoun: '" + w + "' after 'and " + toks_[j].lower + "' is the subject of the event before");
            } else {
              src = NearestActorBefore(j, ClauseStart(j), true);
              if (src >= 0) Note("rule speaker-pronoun: '" + w + "' after '" + toks_[j].lower + "' is '" + acts_[src].a.text + "'");
            }
          }
          break;
        }
      }
      int from = fi >= 0 ? frames[fi].head : m.head;
      tgt = FirstActorAfter(from, src >= 0 ? acts_[src].group : -1);
      if (src >= 0 && tgt >= 0 && acts_[tgt].tb > 0 && LemmaIn(acts_[tgt].tb - 1, book_.possessive_pron) &&
          acts_[tgt].a.country == acts_[src].a.country) {
        // "withdraw its troops from Lebanon": the source's own forces are what it acts with.
        int next = FirstActorAfter(acts_[tgt].te - 1, acts_[src].group);
        Note("rule own-forces at " + where + ": '" + acts_[tgt].a.text + "' are the source's own" +
             (next >= 0 ? "; target '" + acts_[next].a.text + "'" : ""));
        tgt = next;
      }
      if (kind == "oblige") {
        // "X said that Y must ..." is X demanding of Y; without a speaker it is no event.
        int speaker = -1;
        if (clause >= 0 && toks_[clause].lemma == "that") {
          for (int i = clause - 1; i >= std::max(0, clause - 4); --i) {
            if (LemmaIn(i, book_.attribution)) { speaker = NearestActorBefore(i, ClauseStart(i), true); break; }
          }
        } else {
          // "X said Y must ...": the reported clause without "that"; the speaking verb is a verb
          // a few words before the obliged subject, in the same sentence.
          for (int i = anchor - 1; i >= std::max(0, anchor - 10) && !IsBreakPunct(toks_[i]); --i) {
            if (LemmaIn(i, book_.attribution) && toks_[i].wc == WordClass::kVerb) {
              // A belief is no public demand ("believed Ukraine needed to investigate").
              if (toks_[i].lemma != "believe" && toks_[i].lemma != "think") speaker = NearestActorBefore(i, ClauseStart(i), true);
              break;
            }
          }
        }
        if (speaker < 0) {
          Log("reject " + where + ": obligation ('must', 'should') without a speaker");
          continue;
        }
        tgt = speaker == src ? -1 : src;  // the speaker itself when the obliged subject is no actor
        src = speaker;
        Note("rule oblige: '" + acts_[src].a.text + "' demands of '" + (tgt >= 0 ? acts_[tgt].a.text : "-") + "'");
      }
    }
    if (tree_ && !inherit && kind != "oblige") {
      // The tree knows the subject and the passive agent where word windows guess the nearest
      // actor: "Iraqi warplanes pounded Islamic State positions", "the Nigerian military lifted a
      // ban on UNICEF operations". Where the tree's subject is no actor the window's choice stays
      // (measured: dropping it lost more right sources than wrong ones with today's parser).
      int ts = TreeSource(anchor, 0);
      if (ts >= 0 && ts != src && (src < 0 || acts_[ts].group < 0 || acts_[ts].group != acts_[src].group)) {
        Note("tree: source is the subject '" + acts_[ts].a.text + "'" + (src >= 0 ? " (not '" + acts_[src].a.text + "')" : ""));
        src = ts;
      }
    }
    if (src >= 0 && tgt >= 0 && acts_[src].group == acts_[tgt].group) tgt = -1;
    if (!inherit && (!p.src.empty() || !p.tgt.empty())) {
      std::string why;  // word sense, now with the actors the clause rules found
      if (!SenseOk(p, m.head, m.last, src >= 0 || passive || noun_head ? src : RoleOnlyBefore(anchor, clause), tgt, &why)) {
        Log("reject " + where + ": word sense: the " + why + " does not fit '" + p.text + "'");
        continue;
      }
    }
    c.sources = inherit ? out.back().sources : GroupActors(src);
    if (c.sources.empty() && tree_ && !passive && !noun_head) {
      for (int k : kids_[anchor]) {
        if (dep_[k] != "nsubj" || act_at_[k] >= 0 || toks_[k].wc != WordClass::kNoun) continue;
        // A subject that is neither an actor nor an event or weapon word of the lexicon.
        const std::string_view l = toks_[k].lemma;
        c.thing_doer = book_.verbs_by_head.find(l) == book_.verbs_by_head.end() &&
                       book_.verbs_by_head.find(toks_[k].lower) == book_.verbs_by_head.end() &&
                       l != "incident" && l != "violence" && l != "unrest" && l != "crossfire";  // events by name
      }
    }
    if (c.sources.empty() && tree_ && ForceOrProtest(code) && code.compare(0, 2, "14") != 0) {
      // "an outbreak of plague killed a couple", "were killed in a helicopter crash": the cause
      // is an accident, a disease or nature (rules.txt calamity), the subject or a phrase of the
      // verb; no one did it.
      for (int k : kids_[anchor]) {
        const bool subj = dep_[k] == "nsubj";
        if (!subj && dep_[k] != "obl" && dep_[k] != "obl:agent") continue;
        c.thing_doer |= LemmaIn(k, book_.calamity);
        if (subj)
          for (int g : kids_[k]) c.thing_doer |= dep_[g] == "nmod" && LemmaIn(g, book_.calamity);
      }
      // The parse may hang the verb elsewhere ("after an outbreak of plague killed"): the words
      // before it in its clause say the same.
      for (int i = anchor - 1; i > clause && i >= anchor - 8 && !IsBreakPunct(toks_[i]); --i)
        if (LemmaIn(i, book_.calamity)) c.thing_doer = true;
    }
    if (c.sources.empty() && !passive && !noun_head) {
      // "Police have arrested 233 activists": the doer is named by its role, its country unknown.
      // Force, protest and coercion keep it as a role-only actor (GDELT's Actor1Code "COP"), and
      // so does any act of a person named in full ("Sen. Jane Roe says she is pessimistic": LEG).
      if (int a = RoleOnlyBefore(anchor, clause); a >= 0) {
        int ent = acts_[a].a.entity;
        bool named_person = ent >= 0 && ent < static_cast<int>(an_.entities.size()) &&
                            an_.entities[ent].kind == EntityKind::kPerson && an_.entities[ent].mention != MentionKind::kDescription;
        if (DoerlessEvent(code) || named_person) {
          c.sources.push_back(acts_[a].a);
          Note("rule role-only-source at " + where + ": '" + acts_[a].a.text + "' (" + acts_[a].a.role + ", country unknown)");
        }
      }
    }
    if (c.sources.empty() && passive && code.compare(0, 2, "17") == 0) {
      // "was arrested in Lebanon": arrests, bans and expulsions without a named agent are done by
      // the authorities of the place where they happen.
      for (size_t k = 0; k < acts_.size(); ++k) {
        if (!acts_[k].place || acts_[k].tb <= m.head || acts_[k].a.country.empty()) continue;
        EventActor a;
        a.country = acts_[k].a.country;
        a.role = "GOV";
        SetCode(a);
        a.name = acts_[k].a.name + " authorities";
        a.text = acts_[k].a.text;
        a.span = acts_[k].a.span;
        c.sources.push_back(a);
        Note("rule place-authorities: unnamed agent of " + code + " is the government of '" + acts_[k].a.text + "'");
        break;
      }
    }
    if ((code.compare(0, 2, "02") == 0 || code.compare(0, 2, "10") == 0) && !out.empty()) {
      // "demonstrated ..., calling for independence", "a hunger strike to demand ...", "joining
      // demonstrators in demanding": the demand is what the protest is about; CAMEO codes the protest.
      bool after_protest = false;
      for (const Candidate& o : out) after_protest |= o.code.compare(0, 2, "14") == 0 && o.verb.end <= toks_[m.head].b;
      if (after_protest) {
        Log("reject " + where + ": the demand of the protest before it");
        continue;
      }
    }
    if (!passive && anchor == m.head && m.head > 0 && toks_[m.head - 1].lower == "to" && !out.empty() &&
        !out.back().sources.empty() && out.back().verb.end <= toks_[m.head].b) {
      // "staged demonstrations to demand reforms": a purpose infinitive is the motive of the event
      // before it, done by the same actor; CAMEO codes the main event.
      Log("reject " + where + ": purpose of the preceding event (" + out.back().code + ")");
      continue;
    }
    for (EventActor& a : c.sources) {
      bool country_name = a.entity >= 0 && an_.entities[a.entity].kind == EntityKind::kLocation && a.role.empty();
      if (!country_name || book_.country_source_role.empty()) continue;
      a.role = book_.country_source_role;
      SetCode(a);
      c.rules.push_back("rule country-as-government: " + a.text + " -> " + a.code);
    }
    c.targets = GroupActors(tgt);
    if (c.targets.empty() && !c.sources.empty()) {
      // "Israeli tanks fired at targets in Jericho": with no actor acted on, the place of another
      // country where the act happens is its target (CAMEO coders read "attacked Gaza" so).
      for (const Act& p2 : acts_) {
        if (!p2.place || p2.a.country.size() != 3 || p2.tb < m.head || p2.a.country == c.sources[0].country) continue;
        EventActor t;
        t.country = p2.a.country;
        t.text = p2.a.text;
        t.span = p2.a.span;
        t.name = p2.a.name;
        SetCode(t);
        c.targets.push_back(t);
        Note("rule place-target: '" + p2.a.text + "' (" + t.country + ") is where the act lands");
        break;
      }
    }
    // "refugees fleeing the war in Liberia", "rebels in Darfur": a target without a country is of
    // the one country where the sentence takes place.
    for (EventActor& t : c.targets) {
      if (!t.country.empty() || t.role.empty() || sentence_country_.empty()) continue;
      t.country = sentence_country_;
      SetCode(t);
      Note("rule located-target: '" + t.text + "' takes " + sentence_country_ + ", where the sentence takes place");
    }
    if (tgt < 0) {
      // "opposes such military actions": the target is whoever did the actions (document pass).
      for (int i = m.head + 1; i < std::min(n_, m.last + 5); ++i) {
        if (!LemmaIn(i, book_.anaphor_det)) continue;
        for (int j = i + 1; j < std::min(n_, i + 3); ++j) {
          if (LemmaIn(j, book_.anaphor_noun)) {
            c.anaphor_target = true;
            c.anaphor_kind = toks_[j].lemma;
            Note("rule event-anaphora at " + where + ": target is the actor of '" + Slice(toks_[i].b, toks_[j].e) + "'");
          }
        }
        break;
      }
    }
    c.code = code;
    c.located_country = sentence_country_;
    c.head_lemma = std::string(toks_[m.head].lemma);
    c.verb = Span{toks_[anchor].b, toks_[m.last].e};
    // Place: the first place after the head, else the last one before it in the clause.
    int pl = -1;
    for (size_t k = 0; k < acts_.size() && pl < 0; ++k) {
      if (acts_[k].place && acts_[k].tb > m.head) pl = static_cast<int>(k);
    }
    if (pl < 0) {
      for (size_t k = 0; k < acts_.size(); ++k) {
        if (acts_[k].place && acts_[k].te <= m.head && acts_[k].tb > clause) pl = static_cast<int>(k);
      }
    }
    // A source from an earlier clause ("Farmers drove into Brussels, blocking the roads"): the
    // event happens where that clause puts it, between the source and the head.
    if (pl < 0 && src >= 0 && acts_[src].te <= clause) {
      int from = ClauseStart(acts_[src].tb);
      for (size_t k = 0; k < acts_.size(); ++k) {
        if (acts_[k].place && acts_[k].te <= m.head && acts_[k].tb > from && acts_[k].tb > acts_[src].tb) pl = static_cast<int>(k);
      }
    }
    if (pl >= 0 && acts_[pl].place_index >= 0 && acts_[pl].place_index < static_cast<int>(an_.places.size())) {
      const Place& P = an_.places[acts_[pl].place_index];
      EventPlace& ep = c.place;
      bool us = P.country == "USA";
      ep.type = P.kind == Place::Kind::kCountry ? 1 : P.kind == Place::Kind::kAdm1 ? (us ? 2 : 5) : (us ? 3 : 4);
      ep.country = P.country;
      ep.fips = P.fips;
      ep.adm1 = P.adm1;
      ep.lat = P.lat;
      ep.lon = P.lon;
      ep.feature_id = P.geonames_id;
      ep.name = P.name;
      if (P.kind != Place::Kind::kCountry) {
        auto nat = book_.nations.find(P.country);
        if (nat != book_.nations.end()) ep.name += ", " + nat->second.name;
      }
    }
    if (anchor == m.head && !out.empty()) {
      // "pounded Taliban hideouts with heavy artillery and airstrikes": the event noun after "with"
      // is the instrument of the event before it in the clause, not an event of its own.
      int j = m.head - 1;
      while (j > clause && j >= 0 && m.head - j <= 4 &&
             (toks_[j].wc == WordClass::kAdjective || toks_[j].wc == WordClass::kAdverb || toks_[j].wc == WordClass::kDeterminer ||
              toks_[j].wc == WordClass::kNumber || toks_[j].wc == WordClass::kNoun || toks_[j].lower == "and"))
        --j;
      if (j > clause && j >= 0 && toks_[j].lower == "with" && out.back().verb.begin >= toks_[std::max(clause, 0)].b) {
        Log("reject " + where + ": the instrument ('with') of the event before it");
        continue;
      }
    }
    if (noun_head && anchor == m.head) {
      // An event noun reports an event of its own only as the deed of a support verb ("launched
      // an offensive"), with its agent ("attacks by militants"), or heading the sentence ("Israeli
      // air strikes killed ..."); elsewhere ("citing Taliban violence", "the China trade") it
      // names an event reported before or a topic.
      bool own = false;
      for (const std::string& r : c.rules)
        own |= RuleIs(r, "rule support-verb") || RuleIs(r, "rule nominal-by") ||
               RuleIs(r, "rule nominal-in-clause");
      const int first = an_.sentences[s_].first_token;
      own = own || OpensSentence(an_, s_, first + m.head) || OwnRelativeClause(an_, s_, first + m.last);
      if (own && tree_ && DepIs(m.head, "nsubj:pass")) {
        // "The Swedish investigation had been shelved": opening the sentence as the passive
        // subject of a verb that is not its support verb, the noun is what the verb acted on (an
        // event told before), not an event reported here.
        const int v = head_[m.head];
        if (v >= 0 && toks_[v].wc == WordClass::kVerb && !LemmaIn(v, book_.support_verb) && !LemmaIn(v, book_.occur) &&
            book_.verbs_by_head.find(toks_[v].lemma) == book_.verbs_by_head.end()) {
          Log("reject " + where + ": event noun as the passive subject of '" + toks_[v].lower + "' (acted on, not reported)");
          continue;
        }
      }
      if (!own && tree_) {
        // "announced nearly $33 million in additional assistance": the noun is inside the object
        // of a support verb, however long the phrase; the verb's subject is its doer.
        int k = m.head;
        for (int steps = 0; k >= 0 && steps < 4 && (DepIs(k, "nmod") || DepIs(k, "conj") || DepIs(k, "compound")); ++steps) k = head_[k];
        const int v = k >= 0 && DepIs(k, "obj") ? head_[k] : -1;
        if (v >= 0 && toks_[v].wc == WordClass::kVerb && LemmaIn(v, book_.support_verb)) {
          own = true;
          const int ts = c.sources.empty() ? TreeSource(v, 0) : -1;
          if (ts >= 0) c.sources = GroupActors(ts);
          Note("rule support-verb-tree: '" + toks_[v].lower + "' governs '" + toks_[m.head].lower + "'");
          if (c.sources.empty()) {
            Log("reject " + where + ": the support verb '" + toks_[v].lower + "' has no actor as subject");
            continue;
          }
        }
      }
      if (!own) {
        Log("reject " + where + ": event noun inside another clause's phrase (a mention, not a report)");
        continue;
      }
    }
    Log("candidate " + code + " " + ActorsText(c.sources) + " -> " + ActorsText(c.targets) + " from " + where);
    out.push_back(std::move(c));
  }
  return out;
}

void FillEvent(const Codebook& book, const Analysis& an, const Candidate& c, const EventActor& src, const EventActor* tgt,
               const CodeOptions& opt, Event* e) {
  e->sentence = c.sentence;
  e->source = src;
  if (tgt) e->target = *tgt;
  // A pronoun whose antecedent is named in the same sentence ("Sen. Jane Roe says that she ...")
  // is reported by that name: the evidence shows who, not "she".
  for (EventActor* a : {&e->source, &e->target}) {
    if (a->entity < 0 || a->entity >= static_cast<int>(an.entities.size())) continue;
    const Entity& m = an.entities[a->entity];
    if (m.mention != MentionKind::kPronoun || m.antecedent < 0 || m.antecedent >= static_cast<int>(an.entities.size())) continue;
    const Entity& ante = an.entities[m.antecedent];
    if (ante.sentence != c.sentence) continue;
    a->text = ante.text;
    a->span = Span{ante.begin, ante.end};
    a->entity = m.antecedent;
  }
  e->cameo = c.code;
  FillEventCodes(book, e);
  e->date = c.date;
  e->place = c.place;
  for (size_t q = 0; q < an.quantities.size(); ++q) {
    if (an.quantities[q].sentence == c.sentence) e->quantities.push_back(static_cast<int>(q));
  }
  e->verb = c.verb;
  e->root_event = c.sentence < opt.root_event_sentences;
  e->rules = c.rules;
  if (c.sentence >= 0 && c.sentence < static_cast<int>(an.sentences.size())) {
    e->evidence = Span{an.sentences[c.sentence].begin, an.sentences[c.sentence].end};
  }
  if (c.sentence >= 0 && c.sentence < static_cast<int>(an.sentence_tone.size())) e->tone = an.sentence_tone[c.sentence].score;
}

// "had captured", "had already struck", "'d left": the head word at `begin` is an inflected verb
// form after "had" (adverbs and negation may stand between).
// Reported speech is exempt: "they claimed that they had attacked" is the backshifted past of
// the claim, the news itself.
bool PastPerfect(const Codebook& book, const Analysis& an, std::string_view text, int s, size_t begin) {
  const Sentence& S = an.sentences[s];
  const int head = TokenAt(an, s, begin);
  if (head < 0) return false;
  for (int i = S.first_token; i < head; ++i) {
    WordClass wc = an.tokens[i].word_class;  // "said", not the "State" of "Islamic State"
    if (book.Has(book.attribution, an.tokens[i].lemma) && wc != WordClass::kNoun && wc != WordClass::kProperNoun) return false;
  }
  const Token& h = an.tokens[head];
  std::string surface = Lower(text.substr(h.begin, h.end - h.begin));
  if (surface == h.lemma || surface.empty() || surface.back() == 's') return false;
  for (int i = head - 1, seen = 0; i >= S.first_token && seen < 3; --i, ++seen) {
    const Token& t = an.tokens[i];
    std::string w = Lower(text.substr(t.begin, t.end - t.begin));
    if (w == "had" || w == "'d" || w == "\xE2\x80\x99" "d") return true;
    if (t.word_class != WordClass::kAdverb && w != "not" && w != "n't" && w != "never" && w != "already" &&
        w != "previously" && w != "earlier" && w != "also" && w != "just")
      return false;
  }
  return false;
}

// The verb at `begin` is its sentence's root in the parse (false without the syntax models).
bool SentenceRoot(const Analysis& an, int s, size_t begin) {
  const int head = TokenAt(an, s, begin);
  return head >= 0 && an.tokens[head].deprel != 0 && std::string_view(DeprelName(an.tokens[head].deprel)) == "root";
}

// The trigger of an event reported for itself: a verb, or an event noun heading the sentence's
// first noun phrase ("A car bomb killed ...", "Clashes broke out ...", "Peaceful protests took
// place ..."), not one behind a preposition ("after the attacks", "responsible for killings").
bool MainClauseTrigger(const Analysis& an, int s, size_t begin) {
  const int head = TokenAt(an, s, begin);
  if (head < 0) return false;
  WordClass wc = an.tokens[head].word_class;
  if (wc == WordClass::kVerb) return true;
  if (wc != WordClass::kNoun && wc != WordClass::kProperNoun) return false;
  return OwnRelativeClause(an, s, head) || OpensSentence(an, s, head);
}

bool PoliticalActor(const EventActor& a) {
  // A country alone (a state) or a political role; a firm, a medium or a school of a country
  // ("Instagram", "the Washington Post") is no political actor by its country.
  bool nonpolitical_sector = (a.role == "BUS" || a.role == "MNC" || a.role == "JRN" || a.role == "MED" || a.role == "EDU");
  return (!a.country.empty() && !nonpolitical_sector) || code::IsPoliticalRole(a.role) ||
         code::IsPoliticalRole(std::string_view(a.code).substr(0, 3));
}


// "Protesters blocked the roads in Lagos", "refugees ... the Russian government's refusal": a
// domestic group named without its country is of the country where the act happens (ICEWS and
// PLOVER code sector actors so), else of the state it acts on; not when it acts on another
// country. Labels the source only after the event was decided: which events exist never
// depends on it.
EventActor Located(const Codebook& book, const Candidate& c, const EventActor& src, const EventActor* tg) {
  if (!src.country.empty() || src.role.empty() || code::IsTransnationalRole(src.role)) return src;
  std::string country = c.place.country.size() == 3 ? c.place.country : c.located_country;
  if (country.empty() && tg && tg->country.size() == 3 && code::IsStateRole(tg->role)) country = tg->country;
  // A target of another country makes it no domestic affair ("militants attacked U.S. troops in
  // Jordan" are not Jordan's).
  if (country.empty() || (tg && !tg->country.empty() && tg->country != country)) return src;
  EventActor a = src;
  a.country = country;
  a.code = CameoCountry(book, country) + a.role;
  return a;
}

bool SentenceHasLemma(const Analysis& an, int s, const code::SvSet& set, int* at = nullptr) {
  const Sentence& S = an.sentences[s];
  for (int i = S.first_token; i < S.first_token + std::min(S.token_count, kMaxSentenceTokens) && i < static_cast<int>(an.tokens.size()); ++i) {
    if (set.count(an.tokens[i].lemma)) {
      if (at) *at = i;
      return true;
    }
  }
  return false;
}

// "This attack ...", "The meeting ...": the sentence opens by pointing back at an event.
bool OpensWithAnaphor(const Codebook& book, const Analysis& an, int s, std::string* noun) {
  const Sentence& S = an.sentences[s];
  if (S.token_count < 2 || S.first_token < 0 || static_cast<size_t>(S.first_token) + 1 >= an.tokens.size()) return false;
  const Token& d = an.tokens[S.first_token];
  if (d.lemma != "this" && d.lemma != "that" && d.lemma != "the" && d.lemma != "these") return false;
  const Token& w = an.tokens[S.first_token + 1];
  // After the determiner, a "verb" is the tagger's reading of a noun ("The meeting occurred").
  if (w.word_class != WordClass::kNoun && w.word_class != WordClass::kVerb) return false;
  *noun = w.lemma;
  return true;
}

}  // namespace

std::vector<Event> CodeEventsExplained(const Codebook& book, const Analysis& an, std::string_view text,
                                       const CodeOptions& options, std::vector<std::string>* trace) {
  std::vector<Event> events;
  const int ns = static_cast<int>(an.sentences.size());
  if (ns == 0) return events;
  std::vector<std::vector<int>> ents(ns);
  for (size_t i = 0; i < an.entities.size(); ++i) {
    int s = an.entities[i].sentence;
    if (s >= 0 && s < ns) ents[s].push_back(static_cast<int>(i));
  }
  std::vector<std::vector<Candidate>> cands(ns);
  const std::vector<SentenceRelevance> relevance = DecideRelevance(book, an, text);
  for (int s = 0; s < ns; ++s) {
    const Sentence& sent = an.sentences[s];
    // An analysis made without tokens (AnalyzeOptions::tokens = false) or for another text
    // cannot be coded: such a sentence is skipped, never read out of range.
    if (sent.first_token < 0 || sent.token_count < 0 ||
        static_cast<size_t>(sent.first_token) + static_cast<size_t>(sent.token_count) > an.tokens.size() ||
        sent.begin > sent.end || sent.end > text.size()) {
      if (trace) trace->push_back("sentence " + std::to_string(s) + ": skipped (its tokens are not in the analysis)");
      continue;
    }
    if (trace) trace->push_back("sentence " + std::to_string(s) + ": " + std::string(text.substr(std::min(text.size(), an.sentences[s].begin), an.sentences[s].end - std::min(an.sentences[s].end, an.sentences[s].begin))));
    if (!relevance[s].political) {
      if (trace) trace->push_back("relevance: not political: " + relevance[s].reason);
      continue;
    }
    SentenceCoder sc(book, an, text, s, ents[s], trace);
    cands[s] = sc.Run();
    // A resolved day, month or year of this sentence (a week is no date for an event).
    auto dates_this_sentence = [&](const DateMention& d) {
      return d.sentence == s && !d.resolved.empty() && d.resolved.find('W') == std::string::npos;
    };
    std::string date;
    for (const DateMention& d : an.dates) {
      if (dates_this_sentence(d)) { date = d.resolved; break; }
    }
    for (Candidate& c : cands[s]) {
      if (!date.empty()) { c.date = date; c.has_date = true; }
    }
    // Background: an act in the past perfect in a subordinate or relative clause ("the Islamic
    // State, which had captured ...", "hours after Russia had declared ...") happened before the
    // story's time; without a time expression of its own it is not coded as a current event. As
    // the main verb ("Goodluck Jonathan had rejected the proposals") it is the sentence's report.
    auto& cs = cands[s];
    for (size_t k = 0; k < cs.size();) {
      bool own_date = cs[k].has_date;
      const bool past_perfect = PastPerfect(book, an, text, s, cs[k].verb.begin);
      if (own_date && past_perfect) {
        // The sentence's date before a past-perfect verb dates the main clause ("bombed towns on
        // Wednesday where Russia had declared a ceasefire"); only a time expression after the
        // verb is the act's own ("had signed a deal in 2015").
        own_date = false;
        for (const DateMention& d : an.dates) {
          if (dates_this_sentence(d) && d.begin >= cs[k].verb.end) {
            cs[k].date = d.resolved;
            own_date = true;
            break;
          }
        }
      }
      if (!own_date && past_perfect && !SentenceRoot(an, s, cs[k].verb.begin)) {
        if (trace) trace->push_back("rule background: '" + std::string(text.substr(cs[k].verb.begin, cs[k].verb.end - cs[k].verb.begin)) +
                                    "' is past perfect with no date of its own: not a current event");
        cs.erase(cs.begin() + static_cast<long>(k));
      } else {
        ++k;
      }
    }
  }
  // Document rules.
  for (int s = 1; s < ns; ++s) {
    std::string noun;
    if (!OpensWithAnaphor(book, an, s, &noun)) continue;
    {
      // "This attack ..." names an earlier event; it is not a new one.
      size_t at = an.tokens[an.sentences[s].first_token + 1].begin;
      auto& cs = cands[s];
      for (size_t k = 0; k < cs.size();) {
        if (cs[k].verb.begin == at) {
          if (trace) trace->push_back("rule anaphoric-mention: '" + noun + "' in sentence " + std::to_string(s) + " refers to an earlier event");
          cs.erase(cs.begin() + k);
        } else {
          ++k;
        }
      }
    }
    // Anaphoric date: "This communication occurred on Tuesday."
    if (SentenceHasLemma(an, s, book.occur)) {
      std::string date;
      for (const DateMention& d : an.dates) {
        if (d.sentence == s && !d.resolved.empty() && d.resolved.find('W') == std::string::npos) { date = d.resolved; break; }
      }
      if (!date.empty()) {
        for (Candidate& c : cands[s - 1]) {
          if (c.has_date) continue;
          c.date = date;
          c.has_date = true;
          c.rules.push_back("rule anaphoric-date: '" + noun + "' in the next sentence -> " + date);
          if (trace) trace->push_back("rule anaphoric-date: sentence " + std::to_string(s) + " dates the events of sentence " + std::to_string(s - 1) + " as " + date);
        }
      }
    }
    // Responsibility: "This attack was attributed to Iran-backed militant groups."
    const Sentence& S = an.sentences[s];
    int end = std::min<int>(S.first_token + std::min(S.token_count, kMaxSentenceTokens), static_cast<int>(an.tokens.size()));
    for (const auto& phrase : book.responsibility) {
      for (int i = S.first_token; i + static_cast<int>(phrase.size()) <= end; ++i) {
        bool ok = true;
        for (size_t k = 0; k < phrase.size() && ok; ++k) ok = an.tokens[i + k].lemma == phrase[k];
        if (!ok) continue;
        // The responsible actor: the first entity after the phrase in this sentence.
        size_t after = an.tokens[i + phrase.size() - 1].end;
        const Entity* who = nullptr;
        for (int ei : ents[s]) {
          const Entity& e = an.entities[ei];
          if (e.begin < after || e.kind == EntityKind::kLocation) continue;
          if (e.country.empty() && e.role.empty()) continue;
          who = &e;
          break;
        }
        if (!who) break;
        EventActor a;
        a.text = who->text;
        a.name = who->name;
        a.span = Span{who->begin, who->end};
        a.entity = static_cast<int>(who - an.entities.data());
        a.country = who->country;
        a.role = who->role;
        auto cc = book.iso_to_cameo.find(a.country);
        a.code = (cc != book.iso_to_cameo.end() ? cc->second : a.country) + a.role;
        for (int p = s - 1; p < s; ++p) {
          for (Candidate& c : cands[p]) {
            if (!c.sources.empty() || c.head_lemma != noun) continue;
            c.sources.push_back(a);
            c.rules.push_back("rule responsibility: '" + std::string(phrase[0]) + "' in sentence " + std::to_string(s) + " -> source " + a.code);
            if (trace) trace->push_back("rule responsibility: the '" + noun + "' of sentence " + std::to_string(p) + " is attributed to " + a.code);
          }
        }
        break;
      }
    }
  }
  // Event anaphora: the target is the source of the latest material-conflict event before it.
  for (int s = 0; s < ns; ++s) {
    for (Candidate& c : cands[s]) {
      if (!c.anaphor_target || !c.targets.empty()) continue;
      const Candidate* found = nullptr;
      for (int p = s; p >= std::max(0, s - 3) && !found; --p) {
        for (const Candidate& o : cands[p]) {
          if (&o == &c || o.sources.empty()) continue;
          if (p == s && o.verb.begin >= c.verb.begin) continue;
          auto it = book.codes.find(o.code);
          if (it == book.codes.end() || it->second.quad != 4) continue;
          found = &o;  // keep the latest in sentence p
        }
      }
      if (found) {
        c.targets = found->sources;
        c.rules.push_back("rule event-anaphora: '" + c.anaphor_kind + "' -> actor of event " + found->code);
        if (trace) trace->push_back("rule event-anaphora: target of " + c.code + " in sentence " + std::to_string(s) + " is " + found->sources[0].code);
      }
    }
  }
  for (int s = 0; s < ns; ++s) {
    int emitted = 0;
    bool capped = false;
    std::vector<std::tuple<std::string, std::string, std::string>> seen;  // source, target, category
    for (const Candidate& c0 : cands[s]) {
      Candidate c = c0;
      if (c.date.empty()) c.date = an.publication_date;
      if (c.sources.empty()) {
        // Force and protest are reported without a doer ("A grenade attack killed ten people",
        // "Clashes broke out in the capital"): coded with an unknown source (GDELT leaves Actor1
        // empty too) when the trigger is the sentence's own (a verb or the head of its first noun
        // phrase) and no actor of the sentence is left that could be the doer.
        // An agentless passive names no doer by construction: the other actors are its patients
        // or speakers ("110 people, mostly opposition activists, were arrested").
        bool alone = c.agentless_passive || c.eligible_actors <= static_cast<int>(c.targets.size());
        // Where: a victim with a state or a political role, or a place in a known country. A
        // doerless "explosion" with neither (a supernova, a game's boss fight) is no event.
        bool anchored = c.place.type != 0 || c.place.country.size() == 3;
        for (const EventActor& t : c.targets) anchored |= PoliticalActor(t);
        anchored |= c.place_phrase && ForceOrProtest(c.code);
        if (c.thing_doer) {
          if (trace) trace->push_back("reject " + c.code + " in sentence " + std::to_string(s) + ": its subject is a thing, not a doer");
          continue;
        }
        if (!(DoerlessEvent(c.code) && alone && anchored && MainClauseTrigger(an, s, c.verb.begin))) {
          if (trace) trace->push_back("reject " + c.code + " in sentence " + std::to_string(s) + ": no source actor");
          continue;
        }
        c.sources.push_back(EventActor{});
        c.rules.push_back("rule unknown-source: force or protest reported without its doer");
        if (trace) trace->push_back("rule unknown-source: " + c.code + " in sentence " + std::to_string(s) + " has no doer in the text");
      }
      bool participle = false;
      for (const std::string& r : c.rules) participle |= RuleIs(r, "rule participle");
      for (const EventActor& src : c.sources) {
        size_t nt = std::max<size_t>(1, c.targets.size());
        for (size_t t = 0; t < nt; ++t) {
          const EventActor* tg = c.targets.empty() ? nullptr : &c.targets[t];
          if (tg && tg->code == src.code) tg = nullptr;  // "USAGOV -> USAGOV" says nothing
          // One event per dyad and category in a sentence: "opened fire ..., killing ..." is one assault.
          auto it = book.codes.find(c.code);
          std::string cat = it != book.codes.end() && !it->second.plover.empty() ? it->second.plover : c.code.substr(0, 2);
          std::string tcode = tg ? tg->code : "";
          bool dup = false;
          for (const auto& [s0, t0, c0] : seen) {
            if (s0 == src.code && c0 == cat && (t0 == tcode || t0.empty() || tcode.empty())) dup = true;
            // "X hosted Y ..., the meeting ...": Y's target-less event of the same kind is X's event again.
            if (tcode.empty() && t0 == src.code && c0 == cat) dup = true;
            // "was attacked by X ..., killing ...": the participle's victims are the same assault's.
            if (s0 == src.code && c0 == cat && participle) dup = true;
          }
          if (dup) {
            if (trace) trace->push_back("rule same-event: " + c.code + " " + src.code + " -> " + (tcode.empty() ? "-" : tcode) + " repeats a " + cat + " event of this sentence");
            continue;
          }
          // An event needs a political actor: a state (any actor with a country) or a political,
          // armed or international role. Civilians, firms, doctors or schools among themselves are
          // no political event, except when they protest or use force (roots 14, 18-20).
          if (!PoliticalActor(src) && !(tg && PoliticalActor(*tg)) && !ForceOrProtest(c.code)) {
            if (trace) trace->push_back("reject " + c.code + " " + src.code + " -> " + (tcode.empty() ? "-" : tcode) + ": no political actor");
            continue;
          }
          seen.emplace_back(src.code, tcode, cat);
          if (emitted >= options.max_events_per_sentence) { capped = true; break; }
          Event e;
          const EventActor located = Located(book, c, src, tg);
          FillEvent(book, an, c, located, tg, options, &e);
          if (located.country != src.country) e.rules.push_back("rule located-source: '" + src.text + "' takes " + located.country + ", where the act happens");
          if (c.sources.size() > 1 || c.targets.size() > 1) e.rules.push_back("rule compound: expanded " + std::to_string(c.sources.size()) + "x" + std::to_string(std::max<size_t>(1, c.targets.size())));
          if (trace) trace->push_back("event " + e.cameo + " " + e.source.code + " -> " + (e.target.code.empty() ? "-" : e.target.code) + " date " + e.date + (e.place.type ? " place " + e.place.name : ""));
          events.push_back(std::move(e));
          ++emitted;
        }
        if (capped) break;
      }
    }
    if (capped && trace) trace->push_back("rule cap: sentence " + std::to_string(s) + " stopped at " + std::to_string(options.max_events_per_sentence) + " events");
  }
  return events;
}

std::vector<Event> CodeEvents(const Codebook& book, const Analysis& analysis, std::string_view text,
                              const CodeOptions& options) {
  return CodeEventsExplained(book, analysis, text, options, nullptr);
}

}  // namespace ng
