// codebook.cc — LoadCodebook: reads data/code/* (as the build copies them) into a Codebook.
// Every malformed line is an error naming the file and the line; nothing is silently skipped.
#include "code/codebook.h"

#include "code/actor_resolve.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ng {
namespace {

using code::Pattern;
using code::Slot;

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

struct Line {
  int number;
  std::string text;  // comment-free, trimmed; never empty
};

// Reads a text file's meaningful lines ('#' starts a comment line; blank lines skipped).
Result<std::vector<Line>> ReadLines(const std::string& dir, const std::string& name, bool required,
                                    bool* found = nullptr) {
  std::string path = dir + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (found) *found = static_cast<bool>(in);
  if (!in) {
    if (!required) return std::vector<Line>{};
    return NotFound("codebook: missing file " + path);
  }
  std::vector<Line> lines;
  std::string s;
  int n = 0;
  while (std::getline(in, s)) {
    ++n;
    if (s.size() > 4096) return InvalidArgument(name + ":" + std::to_string(n) + ": line longer than 4096 bytes");
    for (unsigned char c : s) {
      if (c == 0 || (c < 0x20 && c != '\t' && c != '\r')) {
        return InvalidArgument(name + ":" + std::to_string(n) + ": control byte in line (binary file?)");
      }
    }
    std::string_view t = Trim(s);
    if (t.empty() || t[0] == '#') continue;
    // Keep trailing tabs: they are empty columns.
    std::string_view keep = s;
    while (!keep.empty() && (keep.back() == '\r' || keep.back() == ' ')) keep.remove_suffix(1);
    while (!keep.empty() && keep.front() == ' ') keep.remove_prefix(1);
    lines.push_back({n, std::string(keep)});
    if (lines.size() > 200000) return InvalidArgument(name + ": more than 200000 lines");
  }
  return lines;
}

Status Bad(const std::string& file, int line, const std::string& what) {
  return InvalidArgument(file + ":" + std::to_string(line) + ": " + what);
}

bool IsLemmaWord(std::string_view w) {
  if (w.empty() || w.size() > 64) return false;
  for (unsigned char c : w) {
    if (c == ' ' || c == '\t' || c == '|') return false;
  }
  if (w.front() == '_' || w.back() == '_' || w.find("__") != std::string_view::npos) return false;
  for (unsigned char c : w) {
    if (c == 0) return false;
  }
  return true;
}

// "conduct|launch air strike" -> slots; '|' separates alternatives within a slot.
Result<std::vector<Slot>> ParsePattern(std::string_view text, const std::string& file, int line) {
  std::vector<Slot> slots;
  for (const std::string& w : Words(text)) {
    Slot slot;
    for (const std::string& alt : Split(w, '|')) {
      if (!IsLemmaWord(alt)) return Bad(file, line, "empty or malformed word in pattern '" + std::string(text) + "'");
      slot.push_back(Lower(alt));
    }
    slots.push_back(std::move(slot));
  }
  if (slots.empty()) return Bad(file, line, "empty pattern");
  if (slots.size() > 8) return Bad(file, line, "pattern has more than 8 words");
  return slots;
}

Status LoadCodes(const std::string& dir, Codebook* book) {
  const std::string file = "cameo_event_codes.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  bool header = true;
  for (const Line& l : *lines) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (header) {
      header = false;
      if (!f.empty() && f[0] == "cameo_code") continue;
    }
    if (f.size() < 12) return Bad(file, l.number, "expected 12 tab-separated columns");
    code::CodeInfo info;
    info.root = f[2];
    info.base = f[3];
    info.name = f[4];
    char* end = nullptr;
    info.goldstein = std::strtod(f[5].c_str(), &end);
    if (f[5].empty() || *end) return Bad(file, l.number, "goldstein_gdelt is not a number");
    info.quad = std::atoi(f[7].c_str());
    if (info.quad < 1 || info.quad > 4) return Bad(file, l.number, "quadclass_gdelt must be 1..4");
    info.plover = f[9];
    info.mode = f[10];
    if (f[0].size() < 2 || f[0].size() > 4) return Bad(file, l.number, "CAMEO code must have 2-4 digits");
    book->codes[f[0]] = std::move(info);
  }
  if (book->codes.empty()) return InvalidArgument(file + ": no codes");
  // Our additions to the PLOVER mapping (see README.md): category/mode for codes the 2021 map leaves open.
  const std::string extra = "plover_extra.tsv";
  Result<std::vector<Line>> ex = ReadLines(dir, extra, false);
  if (!ex.ok()) return ex.status();
  for (const Line& l : *ex) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 2) return Bad(extra, l.number, "expected: cameo_prefix <TAB> category [<TAB> mode]");
    bool any = false;
    for (auto& [c, info] : book->codes) {
      if (c.compare(0, f[0].size(), f[0]) != 0) continue;
      any = true;
      info.plover = f[1];
      if (f.size() > 2) info.mode = f[2];
    }
    if (!any) return Bad(extra, l.number, "no CAMEO code starts with '" + f[0] + "'");
  }
  return Status::Ok();
}

Status LoadVerbs(const std::string& dir, Codebook* book) {
  const std::string file = "verbs.txt";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    // CODE <TAB> pattern [<TAB> flags]
    std::vector<std::string> f = Split(l.text, '\t');
    if (!f.empty() && f[0] == "@class") {
      // @class NAME <TAB> word|word|...: a word class for the obj= subj= ctx= flags.
      if (f.size() != 3 || Trim(f[1]).empty()) return Bad(file, l.number, "expected: @class <TAB> NAME <TAB> word|word|...");
      code::SvSet& set = book->word_classes[Lower(Trim(f[1]))];
      for (const std::string& w : Split(std::string(Trim(f[2])), '|')) {
        if (!IsLemmaWord(w)) return Bad(file, l.number, "malformed word in @class");
        set.insert(Lower(w));
      }
      continue;
    }
    if (f.size() < 2) return Bad(file, l.number, "expected: CODE <TAB> pattern [<TAB> flags]");
    std::string code(Trim(f[0]));
    if (book->codes.find(code) == book->codes.end()) return Bad(file, l.number, "unknown CAMEO code '" + code + "'");
    Result<std::vector<Slot>> slots = ParsePattern(Trim(f[1]), file, l.number);
    if (!slots.ok()) return slots.status();
    Pattern p;
    p.code = code;
    p.slots = std::move(*slots);
    p.where = file + ":" + std::to_string(l.number);
    p.text = std::string(Trim(f[1]));
    if (f.size() > 2) {
      for (const std::string& flag : Words(f[2])) {
        size_t eq = flag.find('=');
        if (eq != std::string::npos) {
          // Word-sense constraints: src= tgt= (actor classes or roles), obj= subj= ctx= (words).
          std::string key = flag.substr(0, eq);
          code::Constraint* c = key == "src" ? &p.src : key == "tgt" ? &p.tgt : key == "obj" ? &p.obj : key == "subj" ? &p.subj
                              : key == "ctx" ? &p.ctx : nullptr;
          if (!c) return Bad(file, l.number, "unknown constraint '" + key + "' (src, tgt, obj, subj, ctx)");
          bool actor = key == "src" || key == "tgt";
          for (const std::string& alt : Split(flag.substr(eq + 1), ',')) {
            bool neg = !alt.empty() && alt[0] == '!';
            std::string v = neg ? alt.substr(1) : alt;
            bool ok = !v.empty();
            if (ok && actor) {
              ok = v == "state" || v == "armed" || v == "agent" || v == "any" || v == "none";
              if (!ok && v.size() == 3) ok = std::all_of(v.begin(), v.end(), [](unsigned char ch) { return std::isupper(ch); });
            } else if (ok && v[0] == '@') {
              ok = v.size() > 1;  // the class is checked once the file is read
            } else if (ok) {
              ok = v == "none" || IsLemmaWord(v);
              v = v == "none" ? v : Lower(v);
            }
            if (!ok) return Bad(file, l.number, "bad value '" + alt + "' in " + key + "=");
            (neg ? c->none_of : c->any_of).push_back(v);
          }
          continue;
        }
        if (flag == "inner") p.inner = true;
        else if (flag == "passive") p.passive_only = true;
        else if (flag == "verb") p.verb_only = true;
        else if (flag == "noun") p.noun_only = true;
        else if (flag == "intrans") p.intrans = true;
        else return Bad(file, l.number, "unknown flag '" + flag + "' (inner, passive, verb, noun, intrans, src=, tgt=, obj=, subj=, ctx=)");
      }
    }
    int idx = static_cast<int>(book->verbs.size());
    for (const std::string& h : p.slots[0]) book->verbs_by_head[h.substr(0, h.find('_'))].push_back(idx);
    book->verbs.push_back(std::move(p));
  }
  // Every @class a constraint names must be defined (anywhere in the file).
  for (const code::Pattern& p : book->verbs) {
    for (const code::Constraint* c : {&p.obj, &p.subj, &p.ctx}) {
      for (const auto* v : {&c->any_of, &c->none_of}) {
        for (const std::string& w : *v) {
          if (w[0] == '@' && book->word_classes.find(w.substr(1)) == book->word_classes.end()) {
            return InvalidArgument(p.where + ": unknown word class '" + w + "' (define it with @class)");
          }
        }
      }
    }
  }
  return Status::Ok();
}

Status LoadFrames(const std::string& dir, Codebook* book) {
  const std::string file = "frames.txt";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  static const char* kKinds[] = {"intent", "prepare", "future", "threat", "appeal", "demand", "refuse", "oblige", "order", "decide"};
  for (const Line& l : *lines) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 2) return Bad(file, l.number, "expected: KIND <TAB> pattern");
    std::string kind(Trim(f[0]));
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) {
      return Bad(file, l.number, "unknown frame kind '" + kind + "' (intent future threat appeal demand refuse oblige)");
    }
    Result<std::vector<Slot>> slots = ParsePattern(Trim(f[1]), file, l.number);
    if (!slots.ok()) return slots.status();
    Pattern p;
    p.code = kind;
    p.slots = std::move(*slots);
    p.where = file + ":" + std::to_string(l.number);
    p.text = std::string(Trim(f[1]));
    if (f.size() > 2 && !Trim(f[2]).empty()) {
      p.bare = std::string(Trim(f[2]));
      if (book->codes.find(p.bare) == book->codes.end()) return Bad(file, l.number, "unknown CAMEO code '" + p.bare + "'");
    }
    int idx = static_cast<int>(book->frames.size());
    for (const std::string& h : p.slots[0]) book->frames_by_head[h.substr(0, h.find('_'))].push_back(idx);
    book->frames.push_back(std::move(p));
  }
  const std::string conv = "conversions.tsv";
  Result<std::vector<Line>> cl = ReadLines(dir, conv, true);
  if (!cl.ok()) return cl.status();
  for (const Line& l : *cl) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() != 3) return Bad(conv, l.number, "expected: KIND <TAB> inner-code-prefix <TAB> code");
    if (f[2] != "=" && book->codes.find(f[2]) == book->codes.end()) return Bad(conv, l.number, "unknown CAMEO code '" + f[2] + "' (or '=' to keep the inner code)");
    if (f[1].empty() || f[1].size() > 4) return Bad(conv, l.number, "bad inner code prefix");
    for (const std::string& kind : Split(f[0], ',')) {
      if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) {
        return Bad(conv, l.number, "unknown frame kind '" + kind + "'");
      }
      book->conversions[kind].emplace_back(f[1], f[2]);
    }
  }
  return Status::Ok();
}

Status LoadAgents(const std::string& dir, Codebook* book) {
  const std::string file = "agents.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 2) return Bad(file, l.number, "expected: lemma phrase <TAB> ROLE");
    std::vector<std::string> w = Words(Lower(f[0]));
    std::string role(Trim(f[1]));
    if (w.empty()) return Bad(file, l.number, "empty phrase");
    if (role.size() != 3) return Bad(file, l.number, "role must be a 3-letter code");
    std::string key;
    for (const auto& x : w) key += (key.empty() ? "" : " ") + x;
    if (f.size() >= 3 && Trim(f[2]) == "resolve") {  // a bare phrase's role, never an event actor
      book->resolve_agents[key] = role;
      continue;
    }
    book->agents[key] = role;
    book->agent_max_words = std::max<int>(book->agent_max_words, static_cast<int>(w.size()));
  }
  return Status::Ok();
}

Status LoadActors(const std::string& dir, Codebook* book) {
  const std::string file = "actors.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    // name <TAB> CAMEO actor code (or -) <TAB> GDELT known-group code (or -)
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 3) return Bad(file, l.number, "expected: name <TAB> actor code|- <TAB> known group|-");
    std::string name = Lower(Trim(f[0]));
    if (name.empty()) return Bad(file, l.number, "empty name");
    if (f[1] != "-") book->actor_overrides[name] = f[1];
    if (f[2] != "-") book->known_groups[name] = f[2];
  }
  return Status::Ok();
}

// name <TAB> ISO3 <TAB> role <TAB> from (YYYY[-MM[-DD]] or -) <TAB> to (same or -)
// [<TAB> surname used alone, or - for none]. Optional file.
std::string PadDate(std::string d, bool end) {
  if (d == "-") return "";
  if (d.size() == 4) d += end ? "-12-31" : "-01-01";
  else if (d.size() == 7) d += end ? "-31" : "-01";
  return d;
}

Status LoadLeaders(const std::string& dir, Codebook* book) {
  const std::string file = "leaders.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, false);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 5) return Bad(file, l.number, "expected: name <TAB> ISO3 <TAB> role <TAB> from <TAB> to [<TAB> surname]");
    std::string name = Lower(Trim(f[0]));
    if (name.empty()) return Bad(file, l.number, "empty name");
    code::Leader t;
    t.country = std::string(Trim(f[1]));
    t.role = std::string(Trim(f[2]));
    if (t.country == "-") t.country.clear();  // an international office: the role is the code
    else if (t.country.size() != 3) return Bad(file, l.number, "country must be an ISO3 code or -");
    if (t.role.size() != 3) return Bad(file, l.number, "role must be a 3-letter code");
    t.from = PadDate(std::string(Trim(f[3])), false);
    t.to = PadDate(std::string(Trim(f[4])), true);
    for (const std::string* d : {&t.from, &t.to}) {
      if (!d->empty() && (d->size() != 10 || (*d)[4] != '-' || (*d)[7] != '-'))
        return Bad(file, l.number, "dates must be YYYY, YYYY-MM or YYYY-MM-DD");
    }
    std::string surname;
    if (f.size() >= 6) {
      surname = Lower(Trim(f[5]));
      if (surname == "-") surname.clear();
    } else {
      size_t sp = name.rfind(' ');
      surname = sp == std::string::npos ? name : name.substr(sp + 1);
    }
    book->leaders[name].push_back(t);
    for (const char* pre : {"al-", "el-", "ad-", "as-", "an-", "ar-", "ash-"}) {
      size_t n = std::strlen(pre);
      if (surname.size() > n + 2 && surname.compare(0, n, pre) == 0) { surname = surname.substr(n); break; }
    }
    if (!surname.empty() && surname != name) book->leader_surnames[surname].push_back(t);
  }
  return Status::Ok();
}

Status LoadNations(const std::string& dir, Codebook* book) {
  const std::string file = "nations.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    // iso3 iso2 fips name names(;) adjectives(;) capital lat lon  (written by build_data.mjs)
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 7) return Bad(file, l.number, "expected at least 7 tab-separated columns");
    if (f[0].size() != 3) return Bad(file, l.number, "ISO3 code must have 3 letters");
    book->nations[f[0]] = code::Nation{f[0], f[2], f[3]};
    auto add = [&](const std::string& s) {
      std::string k = Lower(Trim(s));
      if (k.empty()) return;
      book->demonyms.emplace(k, f[0]);
      int words = 1 + static_cast<int>(std::count(k.begin(), k.end(), ' '));
      book->demonym_max_words = std::max(book->demonym_max_words, words);
    };
    for (const std::string& a : Split(f[5], ';')) {
      add(a);
      if (!a.empty() && a.back() != 's') add(a + "s");  // "Palestinians", "Iraqis"
    }
    for (const std::string& n : Split(f[4], ';')) add(n);
    if (!f[6].empty()) book->capitals.emplace(Lower(f[6]), f[0]);
  }
  const std::string cc = "cameo_countries.tsv";
  Result<std::vector<Line>> cl = ReadLines(dir, cc, true);
  if (!cl.ok()) return cl.status();
  bool header = true;
  for (const Line& l : *cl) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (header) {
      header = false;
      if (!f.empty() && f[0] == "cameo_code") continue;
    }
    if (f.size() < 3) return Bad(cc, l.number, "expected cameo_code, name, iso3166_alpha3 columns");
    // An identity row (MOZ -> MOZ) wins over another row claiming the same ISO code: the copied
    // CountryInfo table lists Myanmar with ISO3 "MOZ".
    if (f[2].size() != 3) continue;
    if (f[0] == f[2]) book->iso_to_cameo[f[2]] = f[0];
    else book->iso_to_cameo.emplace(f[2], f[0]);
  }
  return Status::Ok();
}

Status LoadRules(const std::string& dir, Codebook* book) {
  const std::string file = "rules.txt";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  struct Set {
    const char* key;
    code::SvSet Codebook::*set;
  };
  static const Set kSets[] = {
      {"negation", &Codebook::negation},         {"clause_break", &Codebook::clause_break},
      {"relative", &Codebook::relative},         {"place_prep", &Codebook::place_prep},
      {"topic_prep", &Codebook::topic_prep},     {"topic_stop", &Codebook::topic_stop},
      {"modifier_suffix", &Codebook::modifier_suffix}, {"anaphor_det", &Codebook::anaphor_det},
      {"anaphor_noun", &Codebook::anaphor_noun}, {"occur", &Codebook::occur},
      {"hypothetical", &Codebook::hypothetical}, {"attribution", &Codebook::attribution},
      {"possessive_pronoun", &Codebook::possessive_pron}, {"require_country", &Codebook::require_country},
      {"support_verb", &Codebook::support_verb}, {"frame_stop", &Codebook::frame_stop},
      {"place_noun", &Codebook::place_noun},     {"place_part", &Codebook::place_part},
      {"motion_prep", &Codebook::motion_prep},   {"calamity", &Codebook::calamity},
      {"idle_object", &Codebook::idle_object},
  };
  for (const Line& l : *lines) {
    // key: value words   (responsibility phrases are separated by ';')
    size_t colon = l.text.find(':');
    if (colon == std::string::npos || colon == 0) return Bad(file, l.number, "expected 'key: values'");
    std::string key(Trim(std::string_view(l.text).substr(0, colon)));
    std::string value(Trim(std::string_view(l.text).substr(colon + 1)));
    bool done = false;
    for (const Set& s : kSets) {
      if (key != s.key) continue;
      // Role codes stay upper case; everything else is matched against lowercase words.
      for (const std::string& w : Words(key == "require_country" ? value : Lower(value))) (book->*(s.set)).insert(w);
      done = true;
    }
    if (done) continue;
    if (key == "responsibility") {
      for (const std::string& phrase : Split(value, ';')) {
        std::vector<std::string> w = Words(Lower(phrase));
        if (!w.empty()) book->responsibility.push_back(std::move(w));
      }
    } else if (key == "country_source_role") {
      book->country_source_role = value == "-" ? "" : value;
    } else if (key == "capital_role") {
      book->capital_role = value == "-" ? "" : value;
    } else {
      return Bad(file, l.number, "unknown key '" + key + "'");
    }
  }
  return Status::Ok();
}

// name[|alias...] <TAB> country (ISO3 or IGO/UNO/EUR/NGO/IMG/MNC or -) <TAB> sector or -
// <TAB> known group or - [<TAB> kind: org (default), state, capital]. Optional file.
Status LoadOrganizations(const std::string& dir, Codebook* book) {
  const std::string file = "organizations.tsv";
  Result<std::vector<Line>> lines = ReadLines(dir, file, false);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    std::vector<std::string> f = Split(l.text, '\t');
    if (f.size() < 4) return Bad(file, l.number, "expected: names <TAB> country|- <TAB> sector|- <TAB> known group|- [<TAB> kind]");
    code::Organization o;
    // All names stay '|'-joined here; BuildNameIndex indexes each and keeps the first as the name.
    o.name = std::string(Trim(f[0]));
    if (o.name.empty() || o.name[0] == '|') return Bad(file, l.number, "empty name");
    o.country = std::string(Trim(f[1]));
    o.sector = std::string(Trim(f[2]));
    o.known_group = std::string(Trim(f[3]));
    o.kind = f.size() >= 5 ? std::string(Trim(f[4])) : "org";
    for (std::string* v : {&o.country, &o.sector, &o.known_group}) {
      if (*v == "-") v->clear();
    }
    if (!o.country.empty() && o.country.size() != 3) return Bad(file, l.number, "country must be a 3-letter code or -");
    if (!o.sector.empty() && o.sector.size() != 3) return Bad(file, l.number, "sector must be a 3-letter code or -");
    if (o.kind != "org" && o.kind != "state" && o.kind != "capital") return Bad(file, l.number, "kind must be org, state or capital");
    book->organizations.push_back(std::move(o));
  }
  return Status::Ok();
}

Status LoadDiscards(const std::string& dir, Codebook* book) {
  const std::string file = "discards.txt";
  Result<std::vector<Line>> lines = ReadLines(dir, file, true);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    std::vector<std::string> w = Words(Lower(l.text));
    if (w.size() > 8) return Bad(file, l.number, "discard phrase longer than 8 words");
    book->discards.push_back(std::move(w));
  }
  return Status::Ok();
}

Status LoadTopics(const std::string& dir, Codebook* book) {
  const std::string file = "topics.txt";
  Result<std::vector<Line>> lines = ReadLines(dir, file, false);
  if (!lines.ok()) return lines.status();
  for (const Line& l : *lines) {
    size_t colon = l.text.find(':');
    if (colon == std::string::npos || colon == 0) return Bad(file, l.number, "expected 'topic: lemmas'");
    std::string topic(Trim(std::string_view(l.text).substr(0, colon)));
    for (const std::string& w : Words(Lower(std::string_view(l.text).substr(colon + 1)))) {
      if (topic == "political") book->political_cues.insert(w);
      else book->topic_cues.emplace(w, topic);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Codebook>> LoadCodebook(const std::string& dir) {
  if (dir.empty()) return NotFound("codebook: no directory given");
  auto book = std::make_shared<Codebook>();
  NG_RETURN_IF_ERROR(LoadCodes(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadVerbs(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadFrames(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadAgents(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadActors(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadLeaders(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadNations(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadRules(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadDiscards(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadTopics(dir, book.get()));
  NG_RETURN_IF_ERROR(LoadOrganizations(dir, book.get()));
  code::BuildNameIndex(book.get());
  return std::shared_ptr<const Codebook>(std::move(book));
}

namespace code {
bool IsPoliticalRole(std::string_view role) {
  static constexpr std::string_view kRoles[] = {"GOV", "MIL", "COP", "REB", "OPP", "IGO", "NGO", "PTY", "LEG", "JUD",
                                                "SPY", "ELI", "UAF", "PRM", "IMG", "INS", "SEP", "RAD", "UNO", "NGM"};
  for (std::string_view r : kRoles)
    if (role == r) return true;
  return false;
}

bool IsStateRole(std::string_view role) {
  static constexpr std::string_view kRoles[] = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "PTY", "PRM"};
  for (std::string_view r : kRoles)
    if (role == r) return true;
  return false;
}

bool IsTransnationalRole(std::string_view role) {
  static constexpr std::string_view kRoles[] = {"IGO", "NGO", "IMG", "MNC", "UNO", "NGM"};
  for (std::string_view r : kRoles)
    if (role == r) return true;
  return false;
}
}  // namespace code

bool FillEventCodes(const Codebook& book, Event* e) {
  auto it = book.codes.find(e->cameo);
  if (it == book.codes.end()) return false;
  e->base = it->second.base;
  e->root = it->second.root;
  e->goldstein = it->second.goldstein;
  e->quad_class = it->second.quad;
  e->plover = it->second.plover;
  e->plover_mode = it->second.mode;
  return true;
}

std::string DefaultCodebookDir() {
#ifdef NG_BUILD_DATA_DIR
  return std::string(NG_BUILD_DATA_DIR) + "/code";
#else
  return "data/code";
#endif
}

}  // namespace ng
