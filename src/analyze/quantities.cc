// Quantities: a number (digits or words), its qualifier ("over", "at least"), an optional range,
// the counted noun phrase with its national modifier, and a GKG count type taken from the
// governing verb ("killed three soldiers", "three soldiers were killed") or the noun ("12 dead").
#include <cmath>
#include <cstdlib>

#include "analyze/internal.h"
#include "analyze/segment.h"

namespace ng {
namespace {

struct NumWord {
  std::string_view w;
  int v;
};
constexpr NumWord kSmall[] = {
    {"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},      {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},      {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},   {"thirty", 30},    {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70},  {"eighty", 80},    {"ninety", 90}};

// "dozens of", "hundreds of": the lower bound of what they mean.
double VagueScale(std::string_view w) {
  if (w == "dozens") return 24;
  if (w == "scores") return 40;
  if (w == "hundreds") return 200;
  if (w == "thousands") return 2000;
  if (w == "millions") return 2e6;
  if (w == "billions") return 2e9;
  return 0;
}

int Small(std::string_view w) {
  if (w.size() < 3 || w.size() > 9 || w[0] < 'e' || w[0] > 'z') return -1;
  for (const NumWord& n : kSmall) {
    if (n.w.size() == w.size() && n.w == w) return n.v;
  }
  return -1;
}

// Could token text start a number ("12", "three", "a dozen", "dozens of")?
bool Numberish(std::string_view w) {
  if (w.empty()) return false;
  if (w[0] >= '0' && w[0] <= '9') return true;
  if (w == "a" || w == "an" || w == "dozen" || w == "tens") return true;
  return Small(w) >= 0 || VagueScale(w) > 0;
}

bool MaybeQualifier(std::string_view w) {
  if (w.size() < 2) return false;
  switch (w[0]) {
    case 'm': case 'o': case 'a': case 'n': case 'r': case 's': case 'e': case 'c': case 'u': case 'f': case 'l':
      return true;
    default:
      return false;
  }
}
double Scale(std::string_view w) {
  if (w == "hundred") return 100;
  if (w == "thousand") return 1e3;
  if (w == "million") return 1e6;
  if (w == "billion") return 1e9;
  if (w == "trillion") return 1e12;
  return 0;
}
bool ParseDigits(std::string_view s, double* v) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  std::string clean;
  bool dot = false;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (c < '0' || c > '9') {
      return false;
    }
    clean += c;
  }
  if (clean.size() > 15) return false;
  *v = std::strtod(clean.c_str(), nullptr);
  return true;
}

struct Qualifier {
  std::string_view words[3];
  std::string_view name;
};
constexpr Qualifier kQualifiers[] = {
    {{"more", "than"}, "more_than"},   {{"over"}, "more_than"},          {{"above"}, "more_than"},
    {{"at", "least"}, "at_least"},     {{"nearly"}, "approximately"},    {{"almost"}, "approximately"},
    {{"approximately"}, "approximately"}, {{"about"}, "approximately"},  {{"around"}, "approximately"},
    {{"roughly"}, "approximately"},    {{"some"}, "approximately"},      {{"an", "estimated"}, "approximately"},
    {{"estimated"}, "approximately"},  {{"close", "to"}, "approximately"}, {{"up", "to"}, "at_most"},
    {{"as", "many", "as"}, "at_most"}, {{"at", "most"}, "at_most"},     {{"fewer", "than"}, "less_than"},
    {{"less", "than"}, "less_than"},   {{"under"}, "less_than"},
};

bool IsAux(std::string_view w) {
  return w == "were" || w == "was" || w == "have" || w == "has" || w == "had" || w == "been" || w == "be" ||
         w == "are" || w == "is" || w == "reportedly" || w == "also" || w == "being" || w == "later";
}

}  // namespace

bool ParseNumber(const Doc& d, int i, int end, double* value, int* next, bool* vague) {
  *vague = false;
  if (i >= end) return false;
  const std::string& w = d.lower[i];
  double v = 0;
  if (ParseDigits(w, &v)) {
    int j = i + 1;
    if (j < end && Scale(d.lower[j]) > 0) v *= Scale(d.lower[j++]);
    *value = v;
    *next = j;
    return true;
  }
  // "tens of thousands of"
  if (w == "tens" && i + 2 < end && d.lower[i + 1] == "of" && VagueScale(d.lower[i + 2]) > 0) {
    *value = VagueScale(d.lower[i + 2]) * 5;  // "tens of thousands" >= 20,000
    *vague = true;
    *next = i + 3;
    if (*next < end && d.lower[*next] == "of") ++*next;
    return true;
  }
  if (VagueScale(w) > 0 && i + 1 < end && d.lower[i + 1] == "of") {
    *value = VagueScale(w);
    *vague = true;
    *next = i + 2;
    return true;
  }
  if ((w == "a" || w == "an") && i + 1 < end) {
    const std::string& n = d.lower[i + 1];
    if (n == "dozen") { *value = 12; *next = i + 2; return true; }
    if (Scale(n) > 0) { *value = Scale(n); *next = i + 2; return true; }
    return false;
  }
  if (w == "dozen") { *value = 12; *next = i + 1; return true; }
  double total = 0, current = 0;
  int j = i;
  bool any = false;
  while (j < end) {
    const std::string& t = d.lower[j];
    int s = Small(t);
    if (s >= 0) {
      current += s;
      any = true;
      ++j;
      // "eighty-five"
      if (j + 1 < end && d.lower[j] == "-" && d.Touch(j - 1, j) && d.Touch(j, j + 1) && Small(d.lower[j + 1]) > 0 &&
          Small(d.lower[j + 1]) < 10) {
        current += Small(d.lower[j + 1]);
        j += 2;
      }
      continue;
    }
    if (any && t == "hundred") { current *= 100; ++j; continue; }
    if (any && t == "dozen") { current *= 12; ++j; continue; }
    if (any && Scale(t) >= 1e3) { total += current * Scale(t); current = 0; ++j; continue; }
    if (any && t == "and" && j + 1 < end && Small(d.lower[j + 1]) >= 0 && j > i && d.lower[j - 1] == "hundred") { ++j; continue; }
    break;
  }
  if (!any) return false;
  *value = total + current;
  *next = j;
  return true;
}

void FindQuantities(Doc& d) {
  Analysis& a = *d.a;
  const Resources& res = d.res;
  for (size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    int sb = s.first_token, se = s.first_token + s.token_count;
    for (int i = sb; i < se; ++i) {
      if (d.in_date[i]) continue;
      // Qualifier.
      int q_b = i, j = i;
      std::string_view qualifier;
      if (!Numberish(d.lower[i]) && !MaybeQualifier(d.lower[i])) continue;
      for (const Qualifier& q : kQualifiers) {
        if (!MaybeQualifier(d.lower[i])) break;
        int k = i;
        bool ok = true;
        for (std::string_view w : q.words) {
          if (w.empty()) break;
          if (k >= se || d.lower[k] != w) { ok = false; break; }
          ++k;
        }
        if (ok) {
          qualifier = q.name;
          j = k;
          break;
        }
      }
      double value = 0, value_max = 0;
      int next = 0;
      bool vague = false;
      if (j >= se || d.in_date[j] || !Numberish(d.lower[j]) || !ParseNumber(d, j, se, &value, &next, &vague)) continue;
      // "a" / "an" / "one" as plain determiners are not counts unless a count verb governs them.
      const std::string& first = d.lower[j];
      bool weak = (first == "one" || first == "a" || first == "an") && next == j + 1;
      if (first == "a" || first == "an") weak = weak || (next == j + 2 && d.lower[j + 1] != "dozen");
      value_max = value;
      bool money = j > sb && d.Tok(j - 1) == "$";
      if (money) q_b = std::min(q_b, j - 1);
      // Range: "20 to 30", "20-30", "between 20 and 30".
      int k = next;
      if (k + 1 < se && (d.lower[k] == "to" || ((d.lower[k] == "-" || d.Tok(k) == "\xE2\x80\x93") && d.Touch(k - 1, k))) ) {
        double v2;
        int n2;
        bool vg2;
        if (ParseNumber(d, k + 1, se, &v2, &n2, &vg2) && v2 > value) {
          value_max = v2;
          qualifier = "range";
          k = n2;
        }
      } else if (j > sb && d.lower[j - 1] == "between" && k + 1 < se && d.lower[k] == "and") {
        double v2;
        int n2;
        bool vg2;
        if (ParseNumber(d, k + 1, se, &v2, &n2, &vg2) && v2 > value) {
          value_max = v2;
          qualifier = "range";
          k = n2;
          q_b = j - 1;
        }
      }
      if (vague && qualifier.empty()) qualifier = "at_least";
      // The counted noun phrase.
      int country = -1;
      int u_b = -1, u_e = -1;
      std::string unit;
      if (k < se && (d.Tok(k) == "%" || d.lower[k] == "percent" || d.lower[k] == "per")) {
        u_b = k;
        u_e = k + 1;
        if (d.lower[k] == "per" && k + 1 < se && d.lower[k + 1] == "cent") u_e = k + 2;
        unit = "percent";
      } else {
        int t = k;
        int taken = 0;
        while (t < se && taken < 5) {
          if (d.country_of[t] >= 0 && u_b < 0 && country < 0) {
            country = d.country_of[t];
            while (t < se && d.country_of[t] == country) ++t;
            continue;
          }
          const Token& tok = a.tokens[t];
          bool wordy = d.IsWord(t) && !StartsUpper(d.Tok(t)) && !d.in_date[t] &&
                       !res.function_words.count(std::string_view(d.lower[t])) && d.lower[t] != "'s";
          if (!wordy || tok.word_class == WordClass::kVerb || tok.word_class == WordClass::kAdverb) break;
          if (u_b < 0) u_b = t;
          u_e = t + 1;
          ++t;
          ++taken;
          // Stop after the head noun: a plural ("members"), or a noun not followed by another noun.
          bool plural = tok.word_class == WordClass::kNoun && tok.lemma != d.lower[t - 1];
          if (plural) break;
          if (t < se && a.tokens[t].word_class != WordClass::kNoun && a.tokens[t].word_class != WordClass::kAdjective) break;
        }
        if (u_b >= 0) {
          unit.assign(d.text.substr(a.tokens[u_b].begin, a.tokens[u_e - 1].end - a.tokens[u_b].begin));
          if (money) unit = "USD " + unit;
        } else if (money) {
          unit = "USD";
        }
      }
      // Count type: the head noun, a verb just before, or a (passive) verb just after.
      std::string kind;
      if (kind.empty()) {
        for (int b = q_b - 1, steps = 0; b >= sb && steps < 3; --b, ++steps) {
          const Token& t = a.tokens[b];
          if (t.word_class == WordClass::kVerb || t.word_class == WordClass::kNoun || t.word_class == WordClass::kAdjective) {
            auto it = res.count_kinds.find(std::string_view(t.lemma));
            if (it != res.count_kinds.end() && t.word_class == WordClass::kVerb) kind = it->second;
            break;
          }
        }
      }
      if (kind.empty()) {
        int t = u_e > 0 ? u_e : k;
        for (int steps = 0; t < se && steps < 4; ++t, ++steps) {
          if (IsAux(d.lower[t])) continue;
          auto it = res.count_kinds.find(std::string_view(a.tokens[t].lemma));
          if (it != res.count_kinds.end() &&
              (a.tokens[t].word_class == WordClass::kVerb || a.tokens[t].word_class == WordClass::kAdjective)) {
            kind = it->second;
          }
          break;
        }
      }
      if (kind.empty() && u_e > 0) {
        auto it = res.count_kinds.find(std::string_view(a.tokens[u_e - 1].lemma));
        if (it == res.count_kinds.end()) it = res.count_kinds.find(std::string_view(d.lower[u_e - 1]));
        if (it != res.count_kinds.end()) kind = it->second;
      }
      bool yearish = value >= 1900 && value <= 2100 && value == std::floor(value) && d.lower[j].size() == 4 &&
                     qualifier.empty();
      if (unit.empty() && kind.empty()) continue;
      if (yearish && unit.empty()) continue;
      if (weak && kind.empty()) continue;
      int q_e = u_e > 0 ? u_e : k;
      Quantity q;
      q.begin = a.tokens[q_b].begin;
      q.end = a.tokens[q_e - 1].end;
      q.text.assign(d.text.substr(q.begin, q.end - q.begin));
      q.value = value;
      q.value_max = value_max;
      q.qualifier = std::string(qualifier);
      q.unit = unit;
      q.kind = kind;
      q.country = country >= 0 ? res.countries[country].iso3 : "";
      q.sentence = static_cast<int>(si);
      a.quantities.push_back(std::move(q));
      i = q_e - 1;
    }
  }
}

}  // namespace ng
