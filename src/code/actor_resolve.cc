// actor_resolve.cc — ng::ResolveActor: one actor phrase -> country, sector, code.
//
// The phrase is read as normalised words (NormWords) and matched, longest first, against one
// index of everything the codebook knows by name (BuildNameIndex): organisations, leaders,
// country names and demonyms, capitals, role nouns. Cities and regions the tables do not name come
// from the analysis' places. Then:
//   * segments: prepositions ("of", "in", "at", "for", ...) and commas split the phrase; the first
//     segment is the head ("professor of law at Oxford": professor). A head of generic words only
//     ("members of", "a team of", "a group of") hands over to the segment after it.
//   * role: the head's last role item that is not a possessive ("Norway's central bank": GOV);
//     a person noun such as "officer" or "spokesman" takes the role of an institution before it or
//     of its "of"-complement ("intelligence agency officer": SPY; "director of the FBI": COP);
//     with no such item, a possessive one ("the army's"); "former"/"retired" make a state role ELI.
//   * country: the head's organisation or leader, else the first country word, capital or place in
//     the phrase, else an organisation or leader further on.
//   * a head that is only names we do not know ("Searchers of ...", "Jane Doe") resolves to
//     nothing: no country from the sound of a name, no place borrowed from its complement.
//   * a capital alone stands for the government ("Tehran" -> IRN GOV); a country alone has no role.
#include "code/actor_resolve.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "code/codebook.h"

namespace ng {
namespace code {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

bool IsApostrophe(std::string_view t, size_t i, size_t* len) {
  if (t[i] == '\'') { *len = 1; return true; }
  if (t.compare(i, 3, "\xE2\x80\x99") == 0) { *len = 3; return true; }  // ’
  return false;
}

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Closed-class words the resolver reads itself (grammar, not knowledge of the world).
bool IsFiller(std::string_view w) {
  static const std::initializer_list<std::string_view> k = {
      "the", "a", "an", "this", "these", "those", "some", "any", "several", "many", "few", "more", "most",
      "all", "both", "each", "other", "another", "various", "numerous", "dozen", "dozens", "hundreds",
      "thousands", "scores", "millions", "over", "about", "around", "nearly", "almost", "approximately",
      "least", "than", "up", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
      "then", "now", "also", "other", "our", "their", "his", "her", "its", "my", "your", "so", "called"};
  if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) return true;  // "20", "18th"
  return In(w, k);
}
bool IsEliMarker(std::string_view w) {
  return In(w, {"former", "retired", "ex", "exiled", "ousted", "deposed", "onetime", "erstwhile", "late"});
}
bool IsBoundaryWord(std::string_view w) {
  return In(w, {"of", "at", "in", "for", "from", "on", "near", "with", "by", "to", "inside", "outside", "across",
                "within", "under", "during", "against", "who", "which", "whose", "where"});
}
// Nouns that name a part of a group rather than who it is: the group is in the complement.
bool IsGenericHead(std::string_view w) {
  return In(w, {"member", "members", "group", "groups", "team", "teams", "band", "bands", "unit", "units",
                "crowd", "crowds", "number", "couple", "pair", "part", "rest", "majority", "handful", "lot",
                "lots", "contingent", "detachment", "squad", "squads", "batch", "wave", "column", "convoy"});
}
// Person nouns whose sector is their institution's: "police officer", "army spokesman".
bool IsWeakPerson(std::string_view w) {
  return In(w, {"official", "officials", "officer", "officers", "spokesman", "spokeswoman", "spokesperson",
                "spokespeople", "representative", "representatives", "head", "heads", "chief", "chiefs",
                "director", "directors", "agent", "agents", "staff", "employee", "employees", "personnel",
                "aide", "aides", "adviser", "advisers", "advisor", "advisors", "source", "sources", "leader", "secretary",
                "leaders", "commander", "commanders", "boss", "bosses", "worker", "workers", "deputy"});
}
bool IsKin(std::string_view w) {
  return In(w, {"son", "sons", "daughter", "daughters", "wife", "husband", "brother", "brothers", "sister",
                "sisters", "father", "mother", "nephew", "niece", "cousin", "widow", "family", "relative",
                "relatives", "children", "grandson", "granddaughter", "stepson", "son-in-law", "brother-in-law"});
}
// Capitalised adjectives of faiths and of peoples spread over several states: descriptions, not
// names ("Sunni tribesmen", "Kurdish fighters"); they give no country.
bool IsGroupAdjective(std::string_view w) {
  return In(w, {"sunni", "sunnis", "shia", "shiite", "shiites", "shi", "christian", "christians", "muslim", "muslims",
                "catholic", "catholics", "protestant", "orthodox", "buddhist", "hindu", "hindus", "jewish", "islamist",
                "islamic", "evangelical", "arab", "arabs", "kurdish", "kurds", "pashtun", "pashtuns", "tamil", "berber",
                "bedouin", "fulani", "hausa", "baloch", "druze", "alawite", "maronite", "tuareg", "roma", "western"});
}
// Possessive plural nouns that occur inside the names of bodies.
bool IsNamePossessive(std::string_view w) {
  return In(w, {"people", "peoples", "workers", "women", "martyrs", "children", "veterans", "farmers", "mothers",
                "soldiers", "citizens", "nations"});
}
// Nouns after a place name that say what kind of place it is: "Kandahar province", "Lagos State".
bool IsPlaceNoun(std::string_view w) {
  return In(w, {"province", "state", "region", "oblast", "krai", "district", "governorate", "county", "prefecture",
                "city", "town", "village", "municipality", "territory", "department", "canton"});
}

// An office held on `date` (YYYY-MM-DD; "" = now: open terms) among `terms`.
const Leader* InOffice(const std::vector<Leader>& terms, std::string_view date) {
  for (const Leader& t : terms) {
    if (date.empty()) {
      if (t.to.empty()) return &t;
      continue;
    }
    if ((t.from.empty() || t.from <= date) && (t.to.empty() || date <= t.to)) return &t;
  }
  return nullptr;
}

struct Item {
  int b = 0, e = 0;             // words [b, e)
  NameEntry::Kind kind = NameEntry::Kind::kAgent;
  bool place = false;           // from the analysis' places
  std::string country, role, name, known_group, org_kind, matched;
  std::string office;           // leaders: the role of the office they held (GOV), in or out of it
  bool possessive = false;
  bool weak = false;            // a person noun taking its institution's role
  bool capital = false;
};

bool NameCaseOk(const std::vector<NormWord>& w, int b, int e, bool lower_phrase) {
  size_t chars = 0;
  for (int i = b; i < e; ++i) chars += w[i].key.size();
  if (chars <= 3) {  // "US", "UN", "EU": only as written in capitals, never "us"
    // ... or, in a phrase written all in lower case, with periods ("u.s. troops"), or "us", "uk",
    // "un", "eu" before another word ("the us military"; the pronoun does not modify a noun).
    if (lower_phrase && (e - b > 1 || (e < static_cast<int>(w.size()) && In(w[b].key, {"us", "uk", "un", "eu"}))))
      return true;
    // A short name written with an inner capital ("AfD", "PiS") is a name as well: no common
    // word is spelt so.
    if (e - b == 1 && w[b].upper && w[b].inner_upper) return true;
    for (int i = b; i < e; ++i) {
      if (!w[i].all_upper) return false;
    }
    return true;
  }
  // "al-Qaeda", "bin Salman", "van der Bellen": a lowercase particle before a capitalised name.
  bool particle = e - b > 1 && w[b + 1].upper && In(w[b].key, {"al", "el", "ad", "as", "ash", "bin", "ibn", "de", "del", "della",
                                                                "di", "da", "van", "von", "der", "den", "la", "le"});
  return lower_phrase || w[b].upper || particle;
}

}  // namespace

std::vector<NormWord> NormWords(std::string_view t, size_t offset) {
  std::vector<NormWord> out;
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    size_t alen = 0;
    if (IsApostrophe(t, i, &alen)) {
      size_t j = i + alen;
      bool s = j < t.size() && (t[j] == 's' || t[j] == 'S') &&
               (j + 1 >= t.size() || !IsWordByte(static_cast<unsigned char>(t[j + 1])));
      if (!out.empty() && out.back().end == offset + i) {
        if (s) {
          out.back().possessive = true;
          i = j + 1;
          continue;
        }
        if (j >= t.size() || !IsWordByte(static_cast<unsigned char>(t[j]))) out.back().possessive = true;  // "workers'"
      }
      i = j;
    } else if (t.compare(i, 2, "\xE2\x80") == 0) {
      // “quotes”, dashes, ellipses: not letters. A spaced dash ends a segment like a comma.
      if (!out.empty() && i + 2 < t.size() && (t[i + 2] == '\x93' || t[i + 2] == '\x94')) out.back().boundary = true;
      i += std::min<size_t>(3, t.size() - i);
    } else if (IsWordByte(c)) {
      size_t j = i;
      while (j < t.size() && IsWordByte(static_cast<unsigned char>(t[j]))) {
        // "’" is 3 bytes >= 0x80: stop at it so that "Ecuador’s" splits like "Ecuador's".
        if (t.compare(j, 2, "\xE2\x80") == 0) break;  // general punctuation: ’ “ ” — …
        ++j;
      }
      NormWord w;
      w.begin = offset + i;
      w.end = offset + j;
      bool any_lower = false, any_upper = false;
      for (size_t k = i; k < j; ++k) {
        unsigned char x = static_cast<unsigned char>(t[k]);
        if (std::isupper(x)) any_upper = true;
        if (std::islower(x)) any_lower = true;
        w.key += static_cast<char>(std::tolower(x));
      }
      w.upper = std::isupper(c) != 0;
      w.all_upper = any_upper && !any_lower;
      for (size_t k = i + 1; k < j; ++k) w.inner_upper |= std::isupper(static_cast<unsigned char>(t[k])) != 0;
      out.push_back(std::move(w));
      i = j;
    } else {
      if (!out.empty() && (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']')) {
        out.back().boundary = true;
      }
      if (c == '-' && i > 0 && i + 1 < t.size() && t[i - 1] == ' ' && t[i + 1] == ' ' && !out.empty()) {
        out.back().boundary = true;  // "X - the spokesman"
      }
      ++i;
    }
  }
  return out;
}

std::string NormKey(std::string_view name) {
  std::string k;
  for (const NormWord& w : NormWords(name)) {
    if (!k.empty()) k += ' ';
    k += w.key;
  }
  return k;
}

void BuildNameIndex(Codebook* book) {
  auto add = [&](std::string_view name, NameEntry e) {
    std::string k = NormKey(name);
    if (k.empty()) return;
    bool letters = false, lower = false;
    for (char c : name) {
      letters |= std::isalpha(static_cast<unsigned char>(c)) != 0;
      lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    }
    e.acronym = letters && !lower && k.find(' ') == std::string::npos && k.size() >= 2;
    bool inner = false;
    for (size_t i = 1; i < name.size(); ++i) inner |= std::isupper(static_cast<unsigned char>(name[i])) != 0;
    e.inner_caps = inner && lower && k.find(' ') == std::string::npos;
    auto& v = book->names[k];
    for (NameEntry& x : v) {
      if (x.kind == e.kind && x.value == e.value) {
        x.acronym = x.acronym && e.acronym;  // another spelling in lower case lifts the restriction
        x.inner_caps = x.inner_caps && e.inner_caps;
        return;
      }
    }
    v.push_back(std::move(e));
    book->name_max_words = std::max(book->name_max_words, 1 + static_cast<int>(std::count(k.begin(), k.end(), ' ')));
  };
  // Organisations: every name of a row (the file keeps them '|'-separated in `name` only for the
  // first; aliases are re-read here from the same row through the loader's split).
  for (size_t i = 0; i < book->organizations.size(); ++i) {
    const Organization& o = book->organizations[i];
    size_t start = 0;
    const std::string& all = o.name;
    for (size_t j = 0; j <= all.size(); ++j) {
      if (j == all.size() || all[j] == '|') {
        add(std::string_view(all).substr(start, j - start), {NameEntry::Kind::kOrg, std::to_string(i)});
        start = j + 1;
      }
    }
  }
  for (const auto& [name, terms] : book->leaders) add(name, {NameEntry::Kind::kLeader, name});
  for (const auto& [name, iso] : book->demonyms) add(name, {NameEntry::Kind::kCountry, iso});
  for (const auto& [name, iso] : book->capitals) add(name, {NameEntry::Kind::kCapital, iso});
  // Resolver rows first: for a phrase both list, the resolver's (PLOVER) sector wins here.
  for (const auto& [name, role] : book->resolve_agents) add(name, {NameEntry::Kind::kAgent, role, true});
  for (const auto& [name, role] : book->agents) add(name, {NameEntry::Kind::kAgent, role});
  // An organisation's canonical name is its first alias.
  for (Organization& o : book->organizations) {
    size_t bar = o.name.find('|');
    if (bar != std::string::npos) o.name = o.name.substr(0, bar);
  }
}

}  // namespace code

namespace {

using code::Item;
using code::NameEntry;
using code::NormWord;

// The entry of `entries` this occurrence can be, by priority (organisation, leader, country,
// capital, role noun), honouring case: names need a capital letter unless the phrase has none.
const NameEntry* Pick(const std::vector<NameEntry>& entries, const std::vector<NormWord>& w, int b, int e,
                      bool lower_phrase, const Analysis& analysis) {
  // An acronym of the tables written as a word ("Nato", "Opec" in British style) stands for it,
  // unless the word is a common English word there ("Plan" is no PLA Navy).
  auto common_word = [&](size_t offset) {
    auto it = std::lower_bound(analysis.tokens.begin(), analysis.tokens.end(), offset,
                               [](const Token& t, size_t off) { return t.begin < off; });
    if (it == analysis.tokens.end() || it->begin != offset) return false;
    WordClass c = it->word_class;
    return c == WordClass::kNoun || c == WordClass::kVerb || c == WordClass::kAdjective || c == WordClass::kAdverb ||
           c == WordClass::kDeterminer || c == WordClass::kPronoun || c == WordClass::kAdposition;
  };
  static const NameEntry::Kind kOrder[] = {NameEntry::Kind::kOrg, NameEntry::Kind::kLeader,
                                           NameEntry::Kind::kCountry, NameEntry::Kind::kCapital,
                                           NameEntry::Kind::kAgent};
  for (NameEntry::Kind k : kOrder) {
    for (const NameEntry& x : entries) {
      if (x.kind != k) continue;
      // A short name the tables spell in lower case ("Fed", "Lao", "Eni") is no acronym: written
      // with a capital it is that name (only the acronyms "US", "UN" need capitals throughout).
      // Two-letter keys stay capitals-only ("Us" is no US).
      bool short_name = !x.acronym && e == b + 1 && w[b].upper && w[b].key.size() == 3 && !code::IsFiller(w[b].key) &&
                        !code::IsBoundaryWord(w[b].key) &&
                        !code::In(w[b].key, {"you", "who", "may", "can", "new", "and", "but", "not", "nor", "yet", "how", "why"});
      if (k != NameEntry::Kind::kAgent && !short_name && !code::NameCaseOk(w, b, e, lower_phrase)) continue;
      if (x.inner_caps && !lower_phrase && !(e == b + 1 && w[b].inner_upper)) continue;  // "Let's" is no "LeT"
      if (x.acronym && !lower_phrase && !(e == b + 1 && w[b].all_upper) && common_word(w[b].begin)) continue;
      // "Nato" for NATO, but not a surname after a particle or a first name ("Moqtada al-Sadr" is no SADR).
      if (x.acronym && !lower_phrase && !(e == b + 1 && w[b].all_upper) && b > 0 &&
          (w[b - 1].upper || code::In(w[b - 1].key, {"al", "el", "bin", "ibn", "de", "van", "von"})))
        continue;
      return &x;
    }
  }
  return nullptr;
}

std::string CameoCountry(const Codebook& book, const std::string& iso) {
  auto it = book.iso_to_cameo.find(iso);
  return it == book.iso_to_cameo.end() ? iso : it->second;
}

}  // namespace

ActorResolution ResolveActor(const Codebook& book, const Analysis& analysis, std::string_view text, Span span,
                             std::string_view date) {
  ActorResolution r;
  if (span.end > text.size()) span.end = text.size();
  if (span.begin > span.end) span.begin = span.end;
  std::string_view phrase = text.substr(span.begin, span.end - span.begin);
  r.actor.text = std::string(phrase);
  r.actor.span = span;
  std::vector<NormWord> w = code::NormWords(phrase, span.begin);
  const int n = static_cast<int>(w.size());
  if (n == 0) {
    r.reason = "no words";
    return r;
  }
  bool lower_phrase = std::none_of(w.begin(), w.end(), [](const NormWord& x) { return x.upper; });

  // 1. Items: longest index match at each word; the analysis' places for the rest.
  std::vector<Item> items;
  std::vector<int> item_at(n, -1);
  for (int i = 0; i < n;) {
    int best = 0;
    const NameEntry* hit = nullptr;
    std::string key;
    for (int len = std::min(book.name_max_words, n - i); len >= 1; --len) {
      key.clear();
      bool stop = false;
      for (int j = i; j < i + len; ++j) {
        if (!key.empty()) key += ' ';
        key += w[j].key;
        // A name does not run across a comma, nor past a possessive ("Ecuador's Ombudsman"), except
        // a plural noun's inside a body's name ("People's Liberation Army", "Workers' Party").
        if (j < i + len - 1 && (w[j].boundary || (w[j].possessive && !code::IsNamePossessive(w[j].key)))) stop = true;
      }
      if (stop) continue;
      auto it = book.names.find(key);
      if (it == book.names.end()) continue;
      // "members of", "group of": a generic head stays generic even where a table lists it.
      if (len == 1 && code::IsGenericHead(w[i].key) && i + 1 < n && w[i + 1].key == "of") break;
      const NameEntry* e = Pick(it->second, w, i, i + len, lower_phrase, analysis);
      if (!e) continue;
      best = len;
      hit = e;
      break;
    }
    if (!hit) {
      ++i;
      continue;
    }
    Item it;
    it.b = i;
    it.e = i + best;
    it.kind = hit->kind;
    it.possessive = w[i + best - 1].possessive;
    std::string surface(text.substr(w[i].begin, w[i + best - 1].end - w[i].begin));
    switch (hit->kind) {
      case NameEntry::Kind::kOrg: {
        const code::Organization& o = book.organizations[std::stoul(hit->value)];
        it.country = o.country;
        it.role = o.sector;
        it.name = o.name;
        it.known_group = o.known_group;
        it.org_kind = o.kind;
        it.capital = o.kind == "capital";
        if (o.kind == "capital") it.kind = NameEntry::Kind::kCapital;
        if (o.kind == "state") it.kind = NameEntry::Kind::kCountry;
        it.matched = "organizations.tsv: " + o.name;
        break;
      }
      case NameEntry::Kind::kLeader: {
        auto lt = book.leaders.find(hit->value);
        if (lt == book.leaders.end() || lt->second.empty()) continue;
        const code::Leader* t = code::InOffice(lt->second, date);
        if (!t) {
          // "King Abdullah" on a date when only "King Abdullah II" reigns: a name that a longer
          // name in office begins with (a regnal number, a further given name) is that holder,
          // when only one country's holder is in office under such names.
          const std::string prefix = code::NormKey(hit->value) + " ";
          const code::Leader* longer = nullptr;
          bool one = true;
          for (const auto& [name, terms] : book.leaders) {
            if (name.size() <= hit->value.size()) continue;
            std::string k = code::NormKey(name);
            if (k.compare(0, prefix.size(), prefix) != 0) continue;
            const code::Leader* x = code::InOffice(terms, date);
            if (!x) continue;
            if (longer && longer->country != x->country) one = false;
            longer = x;
          }
          if (longer && one) t = longer;
        }
        if (t) {
          it.country = t->country;
          it.role = t->role;
        } else {
          // Out of office on that date: a political figure of the country of the latest term.
          const code::Leader* last = &lt->second.front();
          for (const code::Leader& x : lt->second) {
            if (x.to.empty() || (!last->to.empty() && x.to > last->to)) last = &x;
          }
          it.country = last->country;
          it.role = "ELI";
          it.office = last->role;
        }
        // An international office (country "-", role IGO): PLOVER puts IGO in the country field.
        if (it.country.empty() && it.role == "IGO") {
          it.country = "IGO";
          it.role.clear();
        }
        it.name = surface;
        it.matched = "leaders.tsv: " + hit->value + (t ? " (in office)" : " (out of office)");
        break;
      }
      case NameEntry::Kind::kCountry:
        it.country = hit->value;
        it.matched = "nations: " + code::NormKey(surface);
        break;
      case NameEntry::Kind::kCapital:
        it.country = hit->value;
        it.capital = true;
        it.matched = "capital: " + code::NormKey(surface);
        break;
      case NameEntry::Kind::kAgent:
        it.role = hit->value;
        it.weak = best == 1 && code::IsWeakPerson(w[i].key);
        it.matched = "agents.tsv: " + key;
        break;
    }
    for (int j = it.b; j < it.e; ++j) item_at[j] = static_cast<int>(items.size());
    items.push_back(std::move(it));
    i += best;
  }
  // Lone surnames of leaders in office ("President Putin", "Erdogan"), unless part of a longer
  // name we do not know ("Laura Bush").
  for (int i = 0; i < n; ++i) {
    if (item_at[i] >= 0 || !w[i].upper) continue;
    if (i > 0 && item_at[i - 1] < 0 && w[i - 1].upper) continue;
    if (i + 1 < n && item_at[i + 1] < 0 && w[i + 1].upper) continue;
    auto sn = book.leader_surnames.find(w[i].key);
    if (sn == book.leader_surnames.end()) continue;
    const code::Leader* only = nullptr;
    int count = 0;
    for (const code::Leader& t : sn->second) {
      if (code::InOffice({t}, date)) {
        if (!only || only->country != t.country) ++count;
        only = &t;
      }
    }
    // "the Bush administration", "the Trudeau government": a leader's name before a government
    // noun names that leader's government whatever the date, when all the name's terms are one
    // country's.
    bool governs = count == 0 && i + 1 < n && item_at[i + 1] >= 0 &&
                   items[item_at[i + 1]].kind == NameEntry::Kind::kAgent && items[item_at[i + 1]].role == "GOV";
    if (governs) {
      for (const code::Leader& t : sn->second) {
        if (only && only->country != t.country) { count = 2; break; }
        only = &t;
        count = 1;
      }
    }
    // "President Obama", "Chancellor Merkel" on a date outside their terms: a state title right
    // before the surname says it is the politician (not a town or another bearer of the name);
    // when all the surname's terms are one country's, the latest term gives the country. The
    // title's role is applied below, as for a full name with a title.
    bool titled_out = false;
    if (count == 0 && !governs && i > 0 && item_at[i - 1] >= 0) {
      const Item& t = items[item_at[i - 1]];
      if (t.kind == NameEntry::Kind::kAgent && code::IsStateRole(t.role) && !t.possessive) {
        const code::Leader* last = nullptr;
        bool one = true;
        for (const code::Leader& x : sn->second) {
          if (last && last->country != x.country) { one = false; break; }
          if (!last || x.to.empty() || (!last->to.empty() && x.to > last->to)) last = &x;
        }
        // Every leader of the tables with this word anywhere in the name must be of that country
        // too: "President Lee" is no one's when the table has Lees of three countries, and
        // surnames kept from lone use ("-") or written first ("Lee Jae-myung") count as well.
        for (const auto& [name, terms] : book.leaders) {
          if (!one || !last) break;
          bool has = false;
          for (const NormWord& x : code::NormWords(name)) has |= x.key == w[i].key;
          if (!has) continue;
          for (const code::Leader& x : terms) one &= x.country == last->country;
        }
        if (one && last) {
          only = last;
          count = 1;
          titled_out = true;
        }
      }
    }
    if (count != 1) continue;
    Item it;
    it.b = i;
    it.e = i + 1;
    it.kind = NameEntry::Kind::kLeader;
    it.country = only->country;
    it.role = governs ? std::string("GOV") : titled_out ? std::string("ELI") : only->role;
    if (titled_out) it.office = only->role;
    if (it.country.empty() && (it.role == "IGO" || it.office == "IGO")) it.country = "IGO", it.role.clear();
    it.name = std::string(text.substr(w[i].begin, w[i].end - w[i].begin));
    it.possessive = w[i].possessive;
    it.matched = "leaders.tsv: surname " + w[i].key +
                 (governs ? " (their government)" : titled_out ? " (out of office, after a title)" : " (in office)");
    item_at[i] = static_cast<int>(items.size());
    items.push_back(std::move(it));
  }
  // Places the tables do not name: cities and regions from the analysis ("Shanghai", "Rakhine").
  for (const Entity& e : analysis.entities) {
    if (e.kind != EntityKind::kLocation || e.country.empty() || e.begin < span.begin || e.end > span.end) continue;
    int b = -1, en = -1;
    bool free = true;
    for (int i = 0; i < n; ++i) {
      if (w[i].begin >= e.begin && w[i].end <= e.end) {
        if (b < 0) b = i;
        en = i + 1;
        free &= item_at[i] < 0;
      }
    }
    if (b < 0 || !free) continue;
    Item it;
    it.b = b;
    it.e = en;
    it.kind = NameEntry::Kind::kCountry;
    it.place = true;
    it.country = e.country;
    it.possessive = w[en - 1].possessive;
    it.name = e.text;
    it.matched = "place: " + e.name + " (" + e.country + ")";
    // A seat of government alone stands for it, by the gazetteer's spelling too ("Pristina").
    auto cap = book.capitals.find(code::NormKey(e.name));
    if (cap != book.capitals.end() && cap->second == e.country) it.capital = true;
    for (int j = b; j < en; ++j) item_at[j] = static_cast<int>(items.size());
    items.push_back(std::move(it));
  }
  std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.b < y.b; });
  auto reindex = [&]() {
    item_at.assign(n, -1);
    for (size_t k = 0; k < items.size(); ++k) {
      for (int j = items[k].b; j < items[k].e; ++j) item_at[j] = static_cast<int>(k);
    }
  };
  reindex();
  // "Lima Bertrand", "Jordan Peterson", "Kenya Airways": a country, capital or place name inside a
  // run of capitalised words we do not know is part of another name, unless a role noun or body
  // follows the run ("Seoul Metropolitan Police", "Kazakhstan Foreign Ministry").
  {
    auto unknown_cap = [&](int i) {
      return i >= 0 && i < n && item_at[i] < 0 && w[i].upper && !code::IsFiller(w[i].key) &&
             !code::IsBoundaryWord(w[i].key) && !code::IsEliMarker(w[i].key) && !code::IsPlaceNoun(w[i].key);
    };
    // "Kenya Moore", "Cairo Santos": a country or capital right before a one-word place of another
    // country that ends the phrase or precedes no role noun is a person's given name and surname;
    // neither place is meant.
    std::vector<bool> drop(items.size(), false);
    for (size_t k = 0; k + 1 < items.size(); ++k) {
      const Item& a = items[k];
      const Item& b = items[k + 1];
      bool a_where = (a.kind == NameEntry::Kind::kCountry || a.kind == NameEntry::Kind::kCapital) && !a.place;
      if (!a_where || !b.place || b.b != a.e || b.e != b.b + 1 || a.country == b.country) continue;
      if (w[a.e - 1].boundary || w[a.e - 1].possessive || !w[b.b].upper) continue;
      if (b.e < n && item_at[b.e] >= 0 && !items[item_at[b.e]].role.empty()) continue;
      drop[k] = drop[k + 1] = true;
    }
    std::vector<Item> kept;
    for (size_t k = 0; k < items.size(); ++k) {
      const Item& it = items[k];
      if (drop[k]) continue;
      bool where = it.kind == NameEntry::Kind::kCountry || it.kind == NameEntry::Kind::kCapital;
      int lb = it.b, re = it.e;
      while (where && lb > 0 && !w[lb - 1].boundary && !w[lb - 1].possessive && unknown_cap(lb - 1)) --lb;
      while (where && !w[re - 1].boundary && !w[re - 1].possessive && unknown_cap(re)) ++re;
      bool fused = where && (lb < it.b || re > it.e);
      if (fused && re < n && item_at[re] >= 0 && !items[item_at[re]].role.empty()) fused = false;
      if (!fused) kept.push_back(it);
    }
    if (kept.size() != items.size()) {
      items = std::move(kept);
      reindex();
    }
  }
  // "Iran-backed militias", "U.S.-led coalition", "Hamas-run ministry": a sponsor, not who it is.
  {
    std::vector<Item> kept;
    for (const Item& it : items) {
      if (it.e < n && !w[it.e - 1].possessive && book.Has(book.modifier_suffix, w[it.e].key)) continue;
      kept.push_back(it);
    }
    if (kept.size() != items.size()) {
      items = std::move(kept);
      reindex();
    }
  }

  // 2. Segments: [begin, end) word ranges split at prepositions and commas.
  struct Segment {
    int b, e;
    std::string prep;  // the word that opened it ("of"), "" for the first
  };
  std::vector<Segment> segs;
  {
    int b = 0;
    std::string prep;
    for (int i = 0; i < n; ++i) {
      bool prep_here = item_at[i] < 0 && code::IsBoundaryWord(w[i].key) && i > b;
      if (prep_here) {
        segs.push_back({b, i, prep});
        prep = w[i].key;
        b = i + 1;
        continue;
      }
      if (w[i].boundary) {
        segs.push_back({b, i + 1, prep});
        prep = ",";
        b = i + 1;
      }
    }
    if (b < n) segs.push_back({b, n, prep});
  }
  auto items_in = [&](const Segment& s) {
    std::vector<int> v;
    for (size_t k = 0; k < items.size(); ++k) {
      if (items[k].b >= s.b && items[k].b < s.e) v.push_back(static_cast<int>(k));
    }
    return v;
  };
  // Head: the first segment, past segments of generic words only ("a group of", "members of").
  size_t head = 0;
  while (head + 1 < segs.size() && segs[head + 1].prep == "of" && items_in(segs[head]).empty()) {
    bool generic = false, other = false;
    for (int i = segs[head].b; i < segs[head].e; ++i) {
      if (code::IsGenericHead(w[i].key)) generic = true;
      else if (!code::IsFiller(w[i].key)) other = true;
    }
    if (!generic || other) break;
    ++head;
  }
  if (segs.empty()) segs.push_back({0, n, ""});
  // Unknown names in a segment: capitalised words no table or place knows.
  auto scan = [&](const Segment& sg, bool* unknown, bool* eli_marker) {
    *unknown = *eli_marker = false;
    for (int i = sg.b; i < sg.e; ++i) {
      if (item_at[i] >= 0) continue;
      if (code::IsEliMarker(w[i].key)) *eli_marker = true;
      if (w[i].upper && !code::IsFiller(w[i].key) && !code::IsBoundaryWord(w[i].key) && w[i].key != "and" &&
          !code::IsGroupAdjective(w[i].key))
        *unknown = true;
    }
  };
  bool unknown_name = false, eli = false;
  scan(segs[head], &unknown_name, &eli);
  const Item* affiliation = nullptr;
  if (items_in(segs[head]).empty() && unknown_name && head + 1 < segs.size()) {
    const Segment& next = segs[head + 1];
    if (next.prep == ",") {
      // "Jane Doe, the mayor of Lima": the apposition says who the name is.
      bool u2 = false, e2 = false;
      scan(next, &u2, &e2);
      if (!items_in(next).empty()) {
        ++head;
        unknown_name = u2;
        eli = e2;
      }
    } else if (next.prep == "of" || next.prep == "from" || next.prep == "at") {
      // "Jane Doe of Hamas": a name with its organisation (a body, never a place).
      for (int k : items_in(next)) {
        if (items[k].kind == NameEntry::Kind::kOrg && !items[k].role.empty()) {
          affiliation = &items[k];
          break;
        }
      }
    }
  }
  const Segment hs = segs[head];
  std::vector<int> hitems = items_in(hs);
  if (hitems.empty() && unknown_name && !affiliation) {
    r.reason = "unknown name: no table, leader or place knows '" +
               std::string(text.substr(w[hs.b].begin, w[hs.e - 1].end - w[hs.b].begin)) + "'";
    return r;
  }

  // 3. Role.
  const Item* role_item = affiliation;
  for (int k : hitems) {
    const Item& it = items[k];
    if (it.role.empty() || it.possessive) continue;
    if (it.weak && role_item && !role_item->weak) continue;  // "intelligence agency officer"
    role_item = &it;
  }
  if (role_item && role_item->weak) {
    // The institution before the person noun, a possessive one included ("the army's spokesman"),
    // else the one of its "of"/"for" complement ("director of the FBI").
    const Item* inst = nullptr;
    for (int k : hitems) {
      if (&items[k] == role_item) break;
      if (!items[k].role.empty() && !items[k].weak) inst = &items[k];
    }
    if (!inst && head + 1 < segs.size() && (segs[head + 1].prep == "of" || segs[head + 1].prep == "for")) {
      for (int k : items_in(segs[head + 1])) {
        if (!items[k].role.empty() && !items[k].weak) { inst = &items[k]; break; }
      }
    }
    if (inst) role_item = inst;
  }
  if (!role_item) {
    for (int k : hitems) {
      if (!items[k].role.empty()) role_item = &items[k];  // "Ecuador's Ombudsman's Office"
    }
  }
  if (!role_item && head + 1 < segs.size() && (segs[head + 1].prep == "of" || segs[head + 1].prep == "for")) {
    // "the official residence of the President", "the head of the FBI": a head without a role
    // takes its complement's.
    for (int k : items_in(segs[head + 1])) {
      if (!items[k].role.empty()) { role_item = &items[k]; break; }
    }
  }
  // A capital alone stands for its government ("Beijing said"): the whole head is the capital.
  const Item* capital_alone = nullptr;
  if (hitems.size() == 1 && items[hitems[0]].capital && !items[hitems[0]].possessive && segs.size() == 1) {
    bool only = true;
    for (int i = hs.b; i < hs.e; ++i) only &= item_at[i] == hitems[0] || code::IsFiller(w[i].key);
    if (only) capital_alone = &items[hitems[0]];
  }

  // 4. Country: the head's organisation or leader, else the first country word, capital or place,
  // else an organisation or leader further on.
  const Item* country_item = nullptr;
  if (role_item && !role_item->country.empty() &&
      (role_item->kind == NameEntry::Kind::kOrg || role_item->kind == NameEntry::Kind::kLeader)) {
    country_item = role_item;
    // "Ukrainian National Guard": a nationality right before a body's name is its country (not
    // "Iran's Hezbollah" nor "Iran-backed Hezbollah": a possessive or "-backed" names a sponsor).
    for (const Item& it : items) {
      if (it.e == role_item->b && it.kind == NameEntry::Kind::kCountry && !it.possessive && !it.place &&
          role_item->kind == NameEntry::Kind::kOrg && role_item->country.size() == 3 &&
          book.nations.count(role_item->country)) {
        country_item = &it;
      }
    }
  }
  for (int pass = 0; pass < 3 && !country_item; ++pass) {
    for (size_t si = head; si < segs.size() && !country_item; ++si) {
      if (pass == 0 && si != head) break;
      for (int k : items_in(segs[si])) {
        const Item& it = items[k];
        if (it.country.empty()) continue;
        bool named = it.kind == NameEntry::Kind::kOrg || it.kind == NameEntry::Kind::kLeader;
        if ((pass == 0 && named) || (pass == 1 && !named) || pass == 2) {
          country_item = &it;
          // "Serbian Labour Minister", "Pakistani Taliban": a nationality said before a body of
          // another country is the person's or the branch's country.
          for (int k2 : items_in(segs[si])) {
            const Item& c = items[k2];
            if (named && c.e <= it.b && c.kind == NameEntry::Kind::kCountry && !c.possessive && !c.place &&
                c.country.size() == 3 && c.country != it.country) {
              country_item = &c;
            }
          }
          break;
        }
      }
    }
  }

  // "the president's son", "Assad's wife": family of office holders are elites (PLOVER ELI).
  const Item* kin_of = nullptr;
  for (int i = hs.b; i < hs.e && !kin_of; ++i) {
    if (item_at[i] >= 0 || !code::IsKin(w[i].key)) continue;
    for (int k : hitems) {
      if (items[k].e <= i && items[k].possessive && code::IsStateRole(items[k].role)) kin_of = &items[k];
    }
  }
  // A leader the table has out of office on the date, or in another country than the phrase
  // names, with a title before the name ("Foreign Ministry spokesman X", "King X of Jordan"): the
  // phrase says the person holds an office now, and where; the title's role wins over ELI and the
  // phrase's country over the table's (it is another holder of the same name).
  std::string title_role, title_country;
  if (role_item && role_item->kind == NameEntry::Kind::kLeader && !eli) {
    const Item* title = nullptr;
    for (int k : hitems) {
      const Item& it = items[k];
      if (it.b >= role_item->b) break;
      if (it.kind == NameEntry::Kind::kAgent && code::IsStateRole(it.role) && !it.possessive) title = &it;
    }
    const Item* named_country = nullptr;
    for (size_t si = head; si < segs.size(); ++si) {
      if (si != head && segs[si].prep != "of" && segs[si].prep != ",") break;
      for (int k : items_in(segs[si])) {
        const Item& it = items[k];
        if ((it.kind == NameEntry::Kind::kCountry || it.kind == NameEntry::Kind::kCapital) && !it.country.empty() &&
            !named_country)
          named_country = &it;
      }
    }
    bool other_country = named_country && role_item->country.size() == 3 && named_country->country != role_item->country;
    if (title && role_item->role == "ELI") title_role = title->role;
    if (other_country) {
      title_country = named_country->country;
      if (role_item->role == "ELI") title_role = title ? title->role : role_item->office;
      if (title_role.empty() && role_item->role != "ELI") title_role = role_item->role;
    }
  }
  EventActor& a = r.actor;
  if (role_item) a.role = role_item->role;
  if (!title_role.empty()) {
    a.role = title_role;
    r.matched.push_back("title in the phrase: " + title_role + " in office");
  }
  if (capital_alone && a.role.empty()) a.role = book.capital_role.empty() ? "GOV" : book.capital_role;
  if (country_item) a.country = country_item->country;
  if (!title_country.empty()) a.country = title_country;
  if (eli && code::IsStateRole(a.role)) a.role = "ELI";
  if (kin_of) {
    a.role = "ELI";
    if (!kin_of->country.empty()) a.country = kin_of->country;
    r.matched.push_back("family of an office holder: ELI");
  }
  for (const Item& it : items) {
    if (&it == role_item || &it == country_item || (capital_alone == &it)) r.matched.push_back(it.matched);
  }
  if (eli && a.role == "ELI") r.matched.push_back("former/retired: ELI");
  const Item* named = role_item && (role_item->kind != NameEntry::Kind::kAgent) ? role_item : country_item;
  if (named && !named->name.empty()) a.name = named->name;
  else if (country_item && !country_item->place) {
    auto nat = book.nations.find(a.country);
    if (nat != book.nations.end()) a.name = nat->second.name;
  }
  if (role_item && !role_item->known_group.empty()) a.known_group = role_item->known_group;
  else if (country_item && !country_item->known_group.empty()) a.known_group = country_item->known_group;
  if (a.country.empty() && a.role.empty()) {
    r.reason = items.empty() ? "no known actor words" : "no country or role in the head of the phrase";
    return r;
  }
  a.code = (a.country.empty() ? std::string() : CameoCountry(book, a.country)) + a.role;
  if (a.name.empty()) a.name = a.text;
  return r;
}

Result<ActorResolution> ResolveActorPhrase(const Codebook& book, const Resources& resources, std::string_view phrase,
                                           std::string_view date) {
  // "In " puts the phrase where the analysis looks for places, as in running text; only its
  // locations are used, and a place fused with an unknown name is dropped by ResolveActor.
  static constexpr std::string_view kPrefix = "In ";
  std::string text(kPrefix);
  text += phrase;
  AnalyzeOptions opt;
  opt.publication_date = date;
  NG_ASSIGN_OR_RETURN(Analysis a, Analyze(resources, text, opt));
  // "Kandahar province", "Lagos State", "Donetsk Oblast": a capitalised name before a place noun is
  // looked up in the gazetteer itself (running text's place rules keep a name followed by another
  // capitalised word for a longer name). Only a name the gazetteer places in one country counts.
  {
    std::vector<code::NormWord> w = code::NormWords(text);
    for (size_t i = 2; i < w.size(); ++i) {
      if (!code::IsPlaceNoun(w[i].key) || w[i - 1].boundary || w[i - 1].possessive) continue;
      size_t first = i;  // the capitalised run before the noun, at most three words, longest first
      while (first > 1 && first + 3 > i && w[first - 1].upper && (first == i || !w[first - 1].boundary) &&
             (first == i || !w[first - 1].possessive))
        --first;
      for (size_t b = first; b < i; ++b) {
        size_t begin = w[b].begin, end = w[i - 1].end;
        bool taken = std::any_of(a.entities.begin(), a.entities.end(),
                                 [&](const Entity& e) { return e.begin < end && begin < e.end; });
        if (taken) continue;
        std::string iso = PlaceNameCountry(resources, std::string_view(text).substr(begin, end - begin));
        if (iso.empty()) continue;
        Entity e;
        e.kind = EntityKind::kLocation;
        e.begin = begin;
        e.end = end;
        e.text = e.name = text.substr(begin, end - begin);
        e.country = iso;
        a.entities.push_back(std::move(e));
        break;
      }
    }
  }
  ActorResolution r = ResolveActor(book, a, text, Span{kPrefix.size(), text.size()}, date);
  r.actor.span = Span{0, phrase.size()};
  return r;
}

}  // namespace ng
