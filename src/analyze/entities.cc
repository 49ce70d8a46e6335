// Entities: dictionary spans → persons (title + name), organisations (named, or a role noun with
// its national modifier), locations (countries, ADM1, cities) resolved to places; then
// coreference of later surnames and subject pronouns to the persons already named.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "analyze/internal.h"
#include "syntax/tagset.h"
#include "analyze/lemma.h"
#include "analyze/segment.h"

namespace ng {
namespace {

struct Match {
  int b = 0, e = 0;
  const std::vector<Sense>* senses = nullptr;
};

bool Has(const Match& m, Sense::Type t) {
  for (const Sense& s : *m.senses) {
    if (s.type == t) return true;
  }
  return false;
}
const Sense* First(const Match& m, Sense::Type t) {
  for (const Sense& s : *m.senses) {
    if (s.type == t) return &s;
  }
  return nullptr;
}

bool IsLocPrep(std::string_view w) {
  return w == "in" || w == "at" || w == "near" || w == "from" || w == "outside" || w == "to" ||
         w == "of" || w == "into" || w == "across" || w == "around" || w == "toward" || w == "towards";
}

bool IsReportingLemma(std::string_view l) {
  return l == "say" || l == "tell" || l == "add" || l == "announce" || l == "state" || l == "warn" ||
         l == "claim" || l == "write" || l == "note";
}

// The last word of a name that makes it an organisation's ("the Met Office said"), for the
// untitled "X Y said" names that would otherwise be read as persons.
bool IsOrgHead(std::string_view w) {
  static constexpr std::string_view kHeads[] = {
      "office", "ministry", "agency", "council", "committee", "commission", "department",
      "authority", "bureau", "service", "services", "institute", "university", "college",
      "company", "corporation", "corp", "inc", "ltd", "group", "bank", "party", "association",
      "federation", "foundation", "fund", "union", "board", "court", "police", "army", "navy",
      "forces", "organization", "organisation", "network", "centre", "center", "society",
      "league", "club", "parliament", "assembly", "senate", "congress", "tribunal", "times",
      "post", "news", "journal", "press", "media", "airlines", "airways", "holdings", "alliance",
      "coalition", "movement", "front", "initiative", "partnership", "trust", "institution", "guard",
      "brigade", "brigades", "corps", "cooperative", "consortium", "syndicate", "confederation"};
  return std::find(std::begin(kHeads), std::end(kHeads), w) != std::end(kHeads);
}

bool IsNameParticle(std::string_view w) {
  return w == "al" || w == "bin" || w == "ibn" || w == "de" || w == "van" || w == "von" || w == "da" ||
         w == "el" || w == "abu" || w == "le" || w == "la" || w == "del" || w == "der" || w == "den" ||
         w == "du" || w == "dos" || w == "das" || w == "di" || w == "bint" || w == "ben" || w == "ter" ||
         w == "zu" || w == "y";
}

class EntityFinder {
 public:
  explicit EntityFinder(Doc& d) : d_(d), res_(d.res), a_(*d.a) {
    int n = d_.NumTokens();
    match_of_.assign(n, -1);
  }

  void Run() {
    MatchDictionary();
    for (size_t k = 0; k < matches_.size(); ++k) {
      const Match& m = matches_[k];
      const Sense* s = First(m, Sense::kCountryName);
      bool adj = false;
      if (!s) {
        s = First(m, Sense::kCountryAdj);
        adj = s != nullptr;
      }
      if (!s) continue;
      for (int i = m.b; i < m.e; ++i) {
        d_.country_of[i] = s->country;
        d_.country_adj[i] = adj;
      }
    }
    Persons();
    Orgs();
    Coreference();
    Locations();
    Finish();
  }

 private:
  bool Usable(const Sense& s, int tok) const {
    if (!s.needs_capital) return true;
    return StartsUpper(d_.Tok(tok));
  }

  void MatchDictionary() {
    std::string key;
    for (const Sentence& s : a_.sentences) {
      int end = s.first_token + s.token_count;
      int i = s.first_token;
      while (i < end) {
        // Phrases start with a word; a lowercase function word starts none ("us" is not "US").
        WordClass wc = a_.tokens[i].word_class;
        if (wc == WordClass::kPunctuation || wc == WordClass::kNumber || wc == WordClass::kSymbol ||
            ((wc == WordClass::kDeterminer || wc == WordClass::kAdposition || wc == WordClass::kConjunction ||
              wc == WordClass::kAuxiliary || wc == WordClass::kPronoun) &&
             !StartsUpper(d_.Tok(i)))) {
          ++i;
          continue;
        }
        key.clear();
        int best = -1;
        const std::vector<Sense>* best_senses = nullptr;
        for (int k = i; k < end && k - i < res_.max_phrase_tokens; ++k) {
          if (k > i) key += ' ';
          key += d_.lower[k];
          auto it = res_.phrases.find(std::string_view(key));
          if (it == res_.phrases.end()) break;
          if (!it->second.senses.empty()) {
            bool ok = false;
            for (const Sense& sense : it->second.senses) ok = ok || Usable(sense, i);
            // A phrase must not end inside a word joined by a hyphen ("Iran-backed" is fine:
            // the phrase is "Iran"; but "Al-" + ... is left to the longer match).
            if (ok) {
              best = k;
              best_senses = &it->second.senses;
            }
          }
          if (!it->second.prefix) break;
        }
        if (best < 0) best_senses = MisspeltCountry(i);
        if (best_senses && best < 0) best = i;
        if (best >= 0) {
          int idx = static_cast<int>(matches_.size());
          matches_.push_back({i, best + 1, best_senses});
          for (int t = i; t <= best; ++t) match_of_[t] = idx;
          i = best + 1;
        } else {
          ++i;
        }
      }
    }
  }

  // "Ethopia", "Afganistan": a capitalised word of 7+ letters no word list knows, one slip (a
  // letter missing, added, changed, or two swapped) from exactly one country name or demonym.
  const std::vector<Sense>* MisspeltCountry(int i) const {
    const std::string& w = d_.lower[i];
    if (w.size() < 7 || !StartsUpper(d_.Tok(i)) || GivenName(w) != 0) return nullptr;
    for (char c : w)
      if (c < 'a' || c > 'z') return nullptr;
    for (auto pos : {Lemmatizer::kNoun, Lemmatizer::kVerb, Lemmatizer::kAdj, Lemmatizer::kAdv})
      if (res_.lemmatizer->Known(w, pos)) return nullptr;
    const std::string* found = nullptr;
    for (const std::string& k : res_.country_words) {
      if (!OneSlip(w, k)) continue;
      if (found) return nullptr;  // two candidates: no guess
      found = &k;
    }
    if (!found) return nullptr;
    auto it = res_.phrases.find(std::string_view(*found));
    return it == res_.phrases.end() || it->second.senses.empty() ? nullptr : &it->second.senses;
  }

  // a and b differ by one deletion, insertion, substitution or swap of neighbours (a != b).
  static bool OneSlip(std::string_view a, std::string_view b) {
    if (a == b) return false;
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
      if (a.substr(i + 1) == b.substr(i + 1)) return true;
      return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);
  }

  bool IsFunction(int i) const { return res_.function_words.count(std::string_view(d_.lower[i])) > 0; }

  // A token that can be part of a person's name.
  bool NameToken(int i) const {
    if (d_.in_entity[i] || !d_.IsWord(i) || !StartsUpper(d_.Tok(i)) || IsFunction(i)) return false;
    if (d_.lower[i] == "'s") return false;
    int m = match_of_[i];
    if (m >= 0) {
      const Match& mm = matches_[m];
      if (Has(mm, Sense::kTitle) || Has(mm, Sense::kOrg) || Has(mm, Sense::kAgent) ||
          Has(mm, Sense::kCountryName) || Has(mm, Sense::kCountryAdj))
        return false;
    }
    return true;
  }

  // "Theresa May", "Brian May": after a name's first word, a capitalised modal or function word
  // the tagger reads as a proper noun is the surname, not the modal.
  bool InnerNameToken(int j, int first) const {
    if (NameToken(j)) return true;
    static const uint8_t kNNP = syntax::XposId("NNP");
    return j > first && !d_.in_entity[j] && d_.IsWord(j) && StartsUpper(d_.Tok(j)) && IsFunction(j) &&
           NameToken(j - 1) && a_.tokens[j].xpos == kNNP;
  }

  // "Democrats", "Brothers": a plural common noun, never a surname.
  bool PluralNoun(int i) const {
    static const uint8_t kNNS = syntax::XposId("NNS"), kNNPS = syntax::XposId("NNPS");
    const std::string& l = a_.tokens[i].lemma;
    return a_.tokens[i].xpos == kNNS || a_.tokens[i].xpos == kNNPS ||
           (!l.empty() && l != d_.lower[i] && d_.lower[i].back() == 's');
  }

  // A title-case line ("Taylor Swift Wins Big At Awards"): most of its words are capitalised.
  bool Headline(int sb, int se) const {
    int words = 0, caps = 0;
    for (int i = sb; i < se; ++i) {
      if (!d_.IsWord(i) || IsFunction(i)) continue;
      ++words;
      caps += StartsUpper(d_.Tok(i)) ? 1 : 0;
    }
    return words >= 3 && caps * 4 >= words * 3;
  }

  // Extends a person's name over [i, ...): capitalised words, particles ("bin"), hyphens.
  int NameEnd(int i, int end) const {
    int j = i;
    while (j < end && j - i < 5) {
      if (InnerNameToken(j, i)) {
        ++j;
        continue;
      }
      if (j > i && j + 1 < end && d_.Tok(j) == "-" && d_.Touch(j - 1, j) && d_.Touch(j, j + 1) && NameToken(j + 1)) {
        j += 2;
        continue;
      }
      // Particles, one or stacked ("van der", "de la", "bin al"), between parts of the name.
      int k = j;
      while (k < end && k - j < 3 && IsNameParticle(d_.lower[k])) ++k;
      if (k > j && k < end && (NameToken(k) || d_.Tok(k) == "-")) {
        j = k;
        continue;
      }
      break;
    }
    // Do not end on a particle or hyphen.
    while (j > i && !InnerNameToken(j - 1, i)) --j;
    return j;
  }

  // The national modifier ending just before token `i`: "Iraqi", "U.S.", "Iran 's". Returns the
  // country and sets *begin to the modifier's first token (only for direct modifiers).
  int ModifierBefore(int i, int sent_begin, int* begin, bool* possessive) const {
    *possessive = false;
    int k = i - 1;
    if (k < sent_begin) return -1;
    if (d_.lower[k] == "'s" && k - 1 >= sent_begin && d_.country_of[k - 1] >= 0 && !d_.country_adj[k - 1]) {
      *possessive = true;
      int b = k - 1;
      while (b - 1 >= sent_begin && match_of_[b - 1] == match_of_[k - 1] && match_of_[b - 1] >= 0) --b;
      *begin = b;
      return d_.country_of[k - 1];
    }
    if (d_.country_of[k] < 0 || d_.in_entity[k]) return -1;
    int b = k;
    while (b - 1 >= sent_begin && match_of_[b - 1] == match_of_[k] && match_of_[k] >= 0) --b;
    // "U.S.-led coalition": the country leads it, the coalition is not national.
    if (b - 1 >= sent_begin && d_.Tok(b - 1) == "-" && d_.Touch(b - 1, b)) return -1;
    *begin = b;
    return d_.country_of[k];
  }

  int AddEntity(Entity e) {
    e.text = std::string(d_.text.substr(e.begin, e.end - e.begin));
    if (e.name.empty()) e.name = e.text;
    out_.push_back(std::move(e));
    return static_cast<int>(out_.size()) - 1;
  }

  std::string Iso3(int country) const { return country >= 0 ? res_.countries[country].iso3 : ""; }

  void MarkEntity(int b, int e) {
    for (int i = b; i < e; ++i) d_.in_entity[i] = 1;
  }

  // An entity over tokens [b, e): its kind, mention, offsets and sentence.
  Entity Span(EntityKind kind, MentionKind mention, int b, int e) const {
    Entity out;
    out.kind = kind;
    out.mention = mention;
    out.begin = a_.tokens[b].begin;
    out.end = a_.tokens[e - 1].end;
    out.sentence = a_.tokens[b].sentence;
    return out;
  }

  void AddPerson(int name_b, int name_e, int title_b, int title_e, const Sense* title, int country) {
    Entity e = Span(EntityKind::kPerson, MentionKind::kName, name_b, name_e);
    e.country = Iso3(country);
    if (title) {
      e.role = title->role;
      e.title = std::string(d_.text.substr(a_.tokens[title_b].begin, a_.tokens[title_e - 1].end - a_.tokens[title_b].begin));
    }
    int idx = AddEntity(std::move(e));
    Person p{idx, name_b, {}, {}};
    p.first = std::string(d_.Tok(name_b));
    p.last = std::string(d_.Tok(name_e - 1));
    persons_.push_back(std::move(p));
  }

  void Persons() {
    for (const Sentence& s : a_.sentences) {
      int sb = s.first_token, se = s.first_token + s.token_count;
      int headline = -1;  // Headline(sb, se), computed once, when a given name first asks
      auto is_headline = [&] {
        if (headline < 0) headline = Headline(sb, se) ? 1 : 0;
        return headline == 1;
      };
      for (int i = sb; i < se; ++i) {
        int m = match_of_[i];
        if (m >= 0 && matches_[m].b == i && Has(matches_[m], Sense::kTitle) && !d_.in_entity[i]) {
          // Titles may stack: "Deputy Prime Minister", "Chief of Staff Gen. X".
          int title_b = i, title_e = matches_[m].e;
          const Sense* title = First(matches_[m], Sense::kTitle);
          while (title_e < se && match_of_[title_e] >= 0 && matches_[match_of_[title_e]].b == title_e &&
                 Has(matches_[match_of_[title_e]], Sense::kTitle)) {
            const Sense* t2 = First(matches_[match_of_[title_e]], Sense::kTitle);
            if (title->role.empty()) title = t2;
            title_e = matches_[match_of_[title_e]].e;
          }
          int name_e = NameEnd(title_e, se);
          if (name_e == title_e) continue;
          // "Premier League", "President Hotel Group": the name ends in a body's head noun, so the
          // title word is part of an organisation's name, not a person's title.
          if (IsOrgHead(d_.lower[name_e - 1])) {
            i = name_e - 1;
            continue;
          }
          int mod_b = title_b;
          bool poss = false;
          int country = ModifierBefore(title_b, sb, &mod_b, &poss);
          AddPerson(title_e, name_e, title_b, title_e, title, country);
          MarkEntity(poss ? title_b : mod_b, name_e);
          i = name_e - 1;
          continue;
        }
        // Untitled names: two to four name tokens next to a reporting verb: "X Y said", or
        // inverted after a quote, "..., said Pieter Van Damme, a dairy farmer".
        if (NameToken(i) && (i == sb || !NameToken(i - 1))) {
          int j = NameEnd(i, se);
          bool inverted = i > sb && IsReportingLemma(a_.tokens[i - 1].lemma) &&
                          a_.tokens[i - 1].word_class != WordClass::kNoun &&
                          (j == se || d_.lower[j] == "," || d_.lower[j] == "." || d_.lower[j] == ";");
          if (j - i >= 2 && j - i <= 4 && (j < se || inverted)) {
            int v = j;
            if (v < se && d_.lower[v] == ",") v = -1;  // appositives are left alone
            // "involving Taylor Swift, her label": a given name and one or two more name words
            // outside any dictionary phrase are a person wherever they stand (not in a headline,
            // where every word is capitalised; not a body's name, "Austin Police Department").
            const bool given = j - i <= 3 && GivenName(d_.lower[i]) != 0 && match_of_[i + 1] < 0 &&
                               (match_of_[i] < 0 || match_of_[i] != match_of_[i + 1]) && !IsOrgHead(d_.lower[j - 1]) &&
                               !PluralNoun(i + 1) && !is_headline();
            if (inverted || given || (v > 0 && IsReportingLemma(a_.tokens[v].lemma))) {
              if (IsOrgHead(d_.lower[j - 1])) {  // "the Met Office said": a body, not a person
                Entity e = Span(EntityKind::kOrganization, MentionKind::kName, i, j);
                e.name = std::string(d_.text.substr(e.begin, e.end - e.begin));
                AddEntity(std::move(e));
              } else {
                AddPerson(i, j, 0, 0, nullptr, -1);
              }
              MarkEntity(i, j);
              i = j - 1;
            }
          }
        }
      }
    }
  }

  void Orgs() {
    for (const Match& m : matches_) {
      if (d_.in_entity[m.b]) continue;
      const Sense* s = First(m, Sense::kOrg);
      bool agent = false;
      if (!s) {
        s = First(m, Sense::kAgent);
        agent = s != nullptr;
      }
      if (!s) continue;
      // Skip if this match is primarily a place with a stronger reading ("Georgia" has no org).
      int sb = d_.SentenceOf(m.b).first_token, se = d_.SentenceEnd(m.b);
      if (agent && m.e - m.b == 1 && m.e < se) {
        // "military actions", "coalition members": an adjective or noun modifier, not an actor.
        const Token& next = a_.tokens[m.e];
        if ((next.word_class == WordClass::kNoun || next.word_class == WordClass::kAdjective) &&
            !StartsUpper(d_.Tok(m.e)) && match_of_[m.e] < 0)
          continue;
      }
      int b = m.b;
      if (agent) {
        while (b - 1 >= sb && res_.agent_premods.count(std::string_view(d_.lower[b - 1])) &&
               !d_.in_entity[b - 1] && match_of_[b - 1] < 0)
          --b;
      }
      int mod_b = b;
      bool poss = false;
      int country = ModifierBefore(b, sb, &mod_b, &poss);
      if (country >= 0 && !poss) b = mod_b;
      if (country < 0) country = s->country;
      Entity e = Span(EntityKind::kOrganization, agent ? MentionKind::kDescription : MentionKind::kName,
                      b, m.e);
      e.sentence = a_.tokens[m.b].sentence;  // the sentence of the name, not of a modifier
      e.country = Iso3(country);
      e.role = s->role;
      if (!agent) e.name = s->canonical;
      AddEntity(std::move(e));
      MarkEntity(poss ? m.b : b, m.e);
    }
  }

  void Coreference() {
    // Entities found so far, in text order, so "the last person named" is known at each token.
    std::vector<int> order(out_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return out_[x].begin < out_[y].begin; });
    size_t next = 0;
    // The persons mentioned so far, latest last: (first mention, sentence of the latest mention).
    // A pronoun takes the latest whose known gender does not contradict it; gender is known from
    // a title ("Queen", "Mr."), a given name ("Julie") or an earlier pronoun that took the person.
    std::vector<std::pair<int, int>> recent;
    std::map<std::string, char, std::less<>> gender;  // person's name -> 'm' or 'f' (every mention of the name)
    for (const Entity& e : out_) {
      const char g = TitleGender(e.title);
      if (e.kind == EntityKind::kPerson && g != 0) gender.emplace(e.name, g);
    }
    for (const Person& p : persons_) {
      const char g = GivenName(d_.lower[p.first_token]);
      if (g == 'm' || g == 'f') gender.emplace(out_[p.entity].name, g);
    }
    auto mentioned = [&](int ref, int sentence) {
      for (size_t k = 0; k < recent.size(); ++k) {
        if (recent[k].first == ref) {
          recent.erase(recent.begin() + static_cast<long>(k));
          break;
        }
      }
      recent.emplace_back(ref, sentence);
    };
    int n = d_.NumTokens();
    for (int i = 0; i < n; ++i) {
      const Token& t = a_.tokens[i];
      while (next < order.size() && out_[order[next]].begin <= t.begin) {
        const Entity& e = out_[order[next]];
        if (e.kind == EntityKind::kPerson) mentioned(e.antecedent >= 0 ? e.antecedent : order[next], e.sentence);
        ++next;
      }
      if (d_.in_entity[i]) continue;
      const std::string& w = d_.lower[i];
      int ref = -1;
      MentionKind kind = MentionKind::kPartialName;
      if (w == "he" || w == "she") {
        const char g = w == "he" ? 'm' : 'f';
        for (size_t k = recent.size(); k-- > 0 && t.sentence - recent[k].second <= 3;) {
          auto known = gender.find(out_[recent[k].first].name);
          if (known != gender.end() && known->second != g) continue;
          ref = recent[k].first;
          gender.emplace(out_[ref].name, g);
          break;
        }
        kind = MentionKind::kPronoun;
      } else if (StartsUpper(d_.Tok(i)) && (i + 1 >= n || !NameToken(i + 1)) &&
                 (i == 0 || !NameToken(i - 1) || a_.tokens[i - 1].sentence != t.sentence || i == d_.SentenceOf(i).first_token)) {
        std::string_view tok = d_.Tok(i);
        for (const Person& p : persons_) {
          if (out_[p.entity].begin < t.begin && (tok == p.last || tok == p.first)) ref = p.entity;
        }
      }
      if (ref < 0) continue;
      AddCoreferent(i, ref, kind);
      mentioned(ref, t.sentence);
    }
  }

  // "Ian Hamilton, an expert ... Hamilton urged": a lone place-named word that is the surname of a
  // person named before it in the text is that person again (news names a person in full once,
  // then by surname). Adds the mention; false when no earlier person has that surname.
  bool SurnameMention(int tok) {
    int ref = -1;
    for (const Person& p : persons_) {
      if (out_[p.entity].begin < a_.tokens[tok].begin && p.first != p.last && d_.Tok(tok) == p.last) ref = p.entity;
    }
    if (ref < 0) return false;
    AddCoreferent(tok, ref, MentionKind::kPartialName);
    return true;
  }

  // Token `tok` names again the person of entity `ref` (a surname, a pronoun): a mention with the
  // person's name, country, role and title.
  void AddCoreferent(int tok, int ref, MentionKind kind) {
    Entity e = Span(EntityKind::kPerson, kind, tok, tok + 1);
    const Entity& ante = out_[ref];
    e.name = ante.name;
    e.country = ante.country;
    e.role = ante.role;
    e.title = ante.title;
    e.antecedent = ref;
    MarkEntity(tok, tok + 1);
    AddEntity(std::move(e));
  }

  // 'm', 'f' or 'u' (either) for a lowercase given name of data/given_names.tsv ("julie"), else 0.
  char GivenName(std::string_view lower) const {
    auto it = res_.given_names.find(lower);
    return it == res_.given_names.end() ? 0 : it->second;
  }

  // 'f' or 'm' for a title that says it ("Queen", "Mrs.", "King", "Sir"), else 0.
  static char TitleGender(std::string_view title) {
    std::string first;
    for (char c : title) {
      if (c == ' ') break;
      if (c != '.') first += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static const char* const kFemale[] = {"queen", "princess", "duchess", "lady", "dame", "mrs", "ms", "miss",
                                          "madam", "madame", "empress", "baroness", "countess", "sister"};
    static const char* const kMale[] = {"king", "prince", "duke", "lord", "sir", "mr", "emperor", "baron",
                                        "count", "sultan", "emir", "sheikh", "father", "brother"};
    for (const char* f : kFemale)
      if (first == f) return 'f';
    for (const char* m : kMale)
      if (first == m) return 'm';
    return 0;
  }

  // Evidence for a country from the rest of the document: how many dictionary matches name it.
  int CountryEvidence(int country) const {
    if (country < 0) return 0;
    auto it = evidence_.find(country);
    return it == evidence_.end() ? 0 : it->second;
  }

  void Locations() {
    for (const Match& m : matches_) {
      for (const Sense& s : *m.senses) {
        if (s.type == Sense::kCountryName || s.type == Sense::kCountryAdj || s.type == Sense::kAdm1 ||
            (s.type == Sense::kCity && res_.cities[s.ref].population >= 100000))
          ++evidence_[s.country];
      }
    }
    for (const Match& m : matches_) {
      bool any_place = Has(m, Sense::kCountryName) || Has(m, Sense::kCity) || Has(m, Sense::kAdm1);
      if (!any_place) continue;
      bool consumed = false;
      for (int i = m.b; i < m.e; ++i) consumed = consumed || d_.in_entity[i];
      if (consumed) continue;
      int sb = d_.SentenceOf(m.b).first_token, se = d_.SentenceEnd(m.b);
      // Part of a longer capitalised name ("Michael Jordan", "Washington Post", "Antony Blinken").
      bool after_name = m.b > sb && NameToken(m.b - 1) && match_of_[m.b - 1] < 0 &&
                        (m.b - 1 != sb || a_.tokens[m.b - 1].word_class == WordClass::kProperNoun ||
                         (a_.tokens[m.b - 1].word_class == WordClass::kNoun && a_.tokens[m.b - 1].lemma == d_.lower[m.b - 1] &&
                          !res_.lemmatizer->Known(d_.lower[m.b - 1], Lemmatizer::kVerb) &&
                          !res_.lemmatizer->Known(d_.lower[m.b - 1], Lemmatizer::kAdj)));
      bool before_name = m.e < se && NameToken(m.e) && match_of_[m.e] < 0;
      // A place word that is the head of a body's name ("European Farmers' Alliance": not
      // Alliance, Ohio) is no place: the name is an organisation. (A place before the head, "the
      // Kolkata Police", stays a place: it says whose body it is, and the coder reads it so.)
      int body_b, body_e;
      if (BodyName(m, sb, se, &body_b, &body_e)) {
        if (!d_.in_entity[body_b] && !d_.in_entity[body_e - 1]) {
          Entity e = Span(EntityKind::kOrganization, MentionKind::kName, body_b, body_e);
          AddEntity(std::move(e));
          MarkEntity(body_b, body_e);
        }
        continue;
      }
      if (after_name && !before_name && m.e - m.b == 1 && Has(m, Sense::kCountryName) && !GivenName(d_.lower[m.b - 1])) {
        // A country after a capitalised word that is no given name: "Western Cambodia" is the
        // country's west; "Lexus Philippines", "Samsung India" are firms (no place, no person).
        static const char* const kCompass[] = {"western", "eastern", "northern", "southern", "central",
                                               "northwestern", "northeastern", "southwestern", "southeastern",
                                               "north-western", "north-eastern", "south-western", "south-eastern"};
        bool compass = false;
        for (const char* c : kCompass) compass = compass || d_.lower[m.b - 1] == c;
        if (!compass) {
          Entity e = Span(EntityKind::kOrganization, MentionKind::kName, m.b - 1, m.e);
          AddEntity(std::move(e));
          MarkEntity(m.b - 1, m.e);
          continue;
        }
        after_name = false;
      }
      if (after_name && !before_name && m.e - m.b == 1) {
        // "Michael Jordan": a first name and a place-named surname make a person; the name goes
        // on over particles and further place-named parts ("Pieter Van Damme": Van, Damme).
        int b0 = m.b - 1;
        while (b0 - 1 >= sb && NameToken(b0 - 1) && match_of_[b0 - 1] < 0) --b0;
        int e0 = std::max(m.e, NameEnd(b0, se));
        AddPerson(b0, e0, 0, 0, nullptr, -1);
        MarkEntity(b0, e0);
        continue;
      }
      if (after_name || before_name) continue;
      bool prep = m.b > sb && IsLocPrep(d_.lower[m.b - 1]);
      const Sense* country = First(m, Sense::kCountryName);
      // (not a state or province: "Southern California" and "Sierra Nevada" may have been misread as persons)
      if (!prep && !country && !First(m, Sense::kAdm1) && m.e - m.b == 1 && SurnameMention(m.b)) continue;
      const Sense* adm1 = nullptr;
      const Sense* city = nullptr;
      double city_score = -1e9;
      for (const Sense& s : *m.senses) {
        if (!Usable(s, m.b)) continue;
        if (s.type == Sense::kAdm1 && !adm1) adm1 = &s;
        if (s.type != Sense::kCity) continue;
        const CityRow& c = res_.cities[s.ref];
        bool is_capital = res_.countries[c.country].capital_city == s.ref;
        double score = std::log10(1.0 + static_cast<double>(c.population)) + 2.0 * std::min(CountryEvidence(c.country), 3) +
                       (is_capital ? 3.0 : 0.0);
        if (score > city_score) {
          city_score = score;
          city = &s;
        }
      }
      if (city) {
        const CityRow& c = res_.cities[city->ref];
        bool is_capital = res_.countries[c.country].capital_city == city->ref;
        bool common = m.e - m.b == 1 && (res_.lemmatizer->Known(d_.lower[m.b], Lemmatizer::kVerb) ||
                                         res_.lemmatizer->Known(d_.lower[m.b], Lemmatizer::kAdj) ||
                                         res_.lemmatizer->Known(d_.lower[m.b], Lemmatizer::kAdv) ||
                                         (!a_.tokens[m.b].lemma.empty() && a_.tokens[m.b].lemma != d_.lower[m.b]));
        bool ok = is_capital || (c.population >= res_.city_min_population && (!common || prep)) ||
                  (prep && c.population >= 5000 && !common);
        if (m.b == sb && !prep && !is_capital && c.population < 100000) ok = false;
        if (!ok) city = nullptr;
      }
      // "Washington state" / "the state of Georgia".
      bool state_word = (m.e < se && d_.lower[m.e] == "state") || (m.b >= 2 && d_.lower[m.b - 1] == "of" && d_.lower[m.b - 2] == "state");
      Entity e;
      e.kind = EntityKind::kLocation;
      e.begin = a_.tokens[m.b].begin;
      e.end = a_.tokens[m.e - 1].end;
      e.sentence = a_.tokens[m.b].sentence;
      int place = -1;
      if (adm1 && (state_word || (country && CountryEvidence(adm1->country) > CountryEvidence(country->country) + 1) ||
                   (!country && city && res_.cities[city->ref].population < 1000000 &&
                    !(res_.countries[res_.cities[city->ref].country].capital_city == city->ref)) ||
                   (!country && !city))) {
        place = PlaceFor(Place::Kind::kAdm1, *adm1);
        e.country = Iso3(adm1->country);
      } else if (country) {
        place = PlaceFor(Place::Kind::kCountry, *country);
        e.country = Iso3(country->country);
        e.name = res_.countries[country->country].name;
      } else if (city) {
        place = PlaceFor(Place::Kind::kCity, *city);
        e.country = Iso3(city->country);
      } else {
        continue;
      }
      e.place = place;
      if (e.name.empty()) e.name = a_.places[place].name;
      AddEntity(std::move(e));
    }
  }

  // The capitalised name that place match `m` ends as its head noun: capitalised words (and
  // possessive marks, "Farmers' Alliance") before it, the match one word that is a body's head
  // noun ("Alliance", "Union", "University"). Sets [*b, *e) to the name's tokens.
  bool BodyName(const Match& m, int sb, int se, int* b, int* e) const {
    auto possessive = [&](int k) {
      std::string_view w = d_.lower[k];
      return w == "'" || w == "\xE2\x80\x99" || w == "'s" || w == "\xE2\x80\x99s";
    };
    auto capital_word = [&](int k) {
      return d_.IsWord(k) && StartsUpper(d_.Tok(k)) && !IsFunction(k) &&
             (match_of_[k] < 0 || match_of_[k] == match_of_[m.b] || !Has(matches_[match_of_[k]], Sense::kTitle));
    };
    int l = m.b;
    for (;;) {
      if (l - 1 >= sb && capital_word(l - 1)) { --l; continue; }
      // "Farmers' Alliance": a possessive between two capitalised words of the name; a place
      // before it is the body's owner, not part of its name ("Athens' Polytechnic University").
      if (l - 2 >= sb && possessive(l - 1) && d_.Touch(l - 2, l - 1) && capital_word(l - 2) && match_of_[l - 2] < 0) {
        l -= 2;
        continue;
      }
      break;
    }
    int r = m.e;
    // The head inside the place's own name is the place ("the West Bank"); a name going on after
    // the place is left to the rules below ("Washington Post", "Kenya Wildlife Service").
    if (m.e - m.b != 1 || (r < se && capital_word(r)) || r - l < 2 || !IsOrgHead(d_.lower[r - 1])) return false;
    *b = l;
    *e = r;
    return true;
  }

  int PlaceFor(Place::Kind kind, const Sense& s) {
    int key_ref = kind == Place::Kind::kCountry ? s.country : s.ref;
    auto key = std::make_pair(static_cast<int>(kind), key_ref);
    auto it = place_index_.find(key);
    if (it != place_index_.end()) return it->second;
    Place p;
    p.kind = kind;
    const CountryRow& c = res_.countries[s.country];
    p.country = c.iso3;
    p.fips = c.fips;
    if (kind == Place::Kind::kCountry) {
      p.name = c.name;
      p.lat = c.lat;
      p.lon = c.lon;
    } else if (kind == Place::Kind::kAdm1) {
      const Adm1Row& r = res_.adm1[s.ref];
      p.name = r.name;
      p.adm1 = c.fips + r.code.substr(r.code.find('-') + 1);
      p.lat = r.lat;
      p.lon = r.lon;
    } else {
      const CityRow& city = res_.cities[s.ref];
      p.name = city.name;
      p.adm1 = city.admin1.empty() ? "" : c.fips + city.admin1;
      p.lat = city.lat;
      p.lon = city.lon;
      p.geonames_id = city.geonames_id;
      p.population = city.population;
    }
    a_.places.push_back(std::move(p));
    int idx = static_cast<int>(a_.places.size()) - 1;
    place_index_[key] = idx;
    return idx;
  }

  void Finish() {
    std::vector<int> order(out_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return out_[x].begin < out_[y].begin; });
    std::vector<int> new_index(out_.size());
    for (size_t k = 0; k < order.size(); ++k) new_index[order[k]] = static_cast<int>(k);
    a_.entities.clear();
    a_.entities.reserve(out_.size());
    for (int old : order) {
      Entity e = std::move(out_[old]);
      if (e.antecedent >= 0) e.antecedent = new_index[e.antecedent];
      a_.entities.push_back(std::move(e));
    }
    for (size_t k = 0; k < a_.entities.size(); ++k) {
      const Entity& e = a_.entities[k];
      if (e.place >= 0) a_.places[e.place].mentions.push_back(static_cast<int>(k));
    }
  }

  struct Person {
    int entity;
    int first_token;  // of the name: d_.lower[first_token] is the given name's key
    std::string first, last;
  };

  Doc& d_;
  const Resources& res_;
  Analysis& a_;
  std::vector<Match> matches_;
  std::vector<int> match_of_;
  std::vector<Entity> out_;
  std::vector<Person> persons_;
  std::map<int, int> evidence_;
  std::map<std::pair<int, int>, int> place_index_;
};

}  // namespace

void FindEntities(Doc& doc) { EntityFinder(doc).Run(); }

}  // namespace ng
