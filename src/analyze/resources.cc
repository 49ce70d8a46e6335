// Loads the analysis tables written by data/build_data.mjs (see data/SOURCES.md).
#include "analyze/resources.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <charconv>
#include <filesystem>

#include "base/file.h"
#include "analyze/lemma.h"
#include "analyze/segment.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/tagset.h"

#ifndef NG_BUILD_DATA_DIR
#define NG_BUILD_DATA_DIR "data"
#endif

namespace ng {

Resources::Resources() = default;
Resources::~Resources() = default;

std::string DefaultResourceDir() { return NG_BUILD_DATA_DIR; }

SyntaxInfo GetSyntaxInfo(const Resources& resources) { return resources.syntax_info; }

std::string PlaceNameCountry(const Resources& r, std::string_view name) {
  std::vector<Span> tokens;
  Tokenize(&r, name, 0, name.size(), &tokens);
  std::string key;
  for (const Span& t : tokens) {
    if (!key.empty()) key += ' ';
    LowerInto(name.substr(t.begin, t.end - t.begin), &key);
  }
  auto it = r.phrases.find(key);
  if (key.empty() || it == r.phrases.end()) return {};
  int64_t best = -1, other = 0;
  int country = -1;
  for (const Sense& s : it->second.senses) {
    if (s.type == Sense::kCountryName || s.type == Sense::kAdm1) return r.countries[s.country].iso3;
  }
  for (const Sense& s : it->second.senses) {
    if (s.type == Sense::kCity && r.cities[s.ref].population > best) {
      best = r.cities[s.ref].population;
      country = s.country;
    }
  }
  for (const Sense& s : it->second.senses) {
    if (s.type == Sense::kCity && s.country != country) other = std::max(other, r.cities[s.ref].population);
  }
  if (country < 0 || best < 15000 || other * 4 > best) return {};
  return r.countries[country].iso3;
}
const char* UposName(uint8_t id) { return syntax::UposName(id); }
const char* XposName(uint8_t id) { return syntax::XposName(id); }
const char* DeprelName(uint8_t id) { return syntax::DeprelName(id); }

namespace {
// <dir>/syntax/{tagger,parser}.model: absent or unreadable models are noted, not fatal, so the
// rest of the analysis still runs (docs/SYNTAX.md).
void LoadSyntax(Resources* r, const std::string& dir) {
  auto t0 = std::chrono::steady_clock::now();
  SyntaxInfo& info = r->syntax_info;
  std::string tagger_path = dir + "/syntax/tagger.model", parser_path = dir + "/syntax/parser.model";
  std::error_code ec;
  if (!std::filesystem::exists(tagger_path, ec)) {
    info.note = "syntax: no tagger model at " + tagger_path + " (run make train-syntax); no tags or tree";
    return;
  }
  auto tagger = syntax::Tagger::Load(tagger_path);
  if (!tagger.ok()) {
    info.note = "syntax: " + tagger.status().message() + "; no tags or tree";
    return;
  }
  r->tagger = std::move(*tagger);
  for (int t = 0; t < r->tagger->num_tags(); ++t) {
    r->tag_upos.push_back(syntax::UposId(r->tagger->upos(t)));
    r->tag_xpos.push_back(syntax::XposId(r->tagger->xpos(t)));
    if (r->tagger->upos(t) == "VERB" && r->tagger->xpos(t) == "VBP") r->tag_vbp = t;
    if (r->tagger->upos(t) == "VERB" && r->tagger->xpos(t) == "VBZ") r->tag_vbz = t;
    if (r->tagger->upos(t) == "VERB" && r->tagger->xpos(t) == "VBD") r->tag_vbd = t;
  }
  info.tagger = true;
  info.memory_bytes = r->tagger->MemoryBytes();
  if (!std::filesystem::exists(parser_path, ec)) {
    info.note = "syntax: no parser model at " + parser_path + " (run make train-syntax); tags only";
  } else if (auto parser = syntax::Parser::Load(parser_path); !parser.ok()) {
    info.note = "syntax: " + parser.status().message() + "; tags only";
  } else {
    r->parser = std::move(*parser);
    info.parser = true;
    info.memory_bytes += r->parser->MemoryBytes();
  }
  info.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t s = 0;
  for (;;) {
    size_t t = line.find('\t', s);
    f.push_back(line.substr(s, t == std::string_view::npos ? std::string_view::npos : t - s));
    if (t == std::string_view::npos) break;
    s = t + 1;
  }
  return f;
}

std::vector<std::string> SplitSemis(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(';', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

double ToDouble(std::string_view s) {
  if (s.empty()) return 0;
  return std::strtod(std::string(s).c_str(), nullptr);
}
int64_t ToInt(std::string_view s) {
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Reads a whole resource file; kNotFound when it is missing.
Result<std::string> Slurp(const std::string& path) {
  Result<std::string> data = ReadFile(path);
  if (!data.ok() && data.status().code() == Code::kNotFound)
    return NotFound("analysis resource missing: " + path);
  return data;
}

template <typename F>
void ForEachLine(std::string_view data, F&& f) {
  size_t b = 0;
  while (b < data.size()) {
    size_t e = data.find('\n', b);
    if (e == std::string_view::npos) e = data.size();
    std::string_view line = data.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line[0] != '#') f(line);
    b = e + 1;
  }
}

// "Kandahār" -> "Kandahar", "Łódź" -> "Lodz": the name without its diacritics, as English news
// spells it; "" when there is nothing to fold or a letter has no Latin base (non-Latin scripts).
std::string FoldDiacritics(std::string_view name) {
  bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return {};
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return {};
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString d = nfd->normalize(in, err);
  if (U_FAILURE(err)) return {};
  std::string out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c < 0x80) { out += static_cast<char>(c); continue; }
    switch (c) {  // letters NFD does not decompose
      case 0x0141: out += 'L'; break;  // Ł
      case 0x0142: out += 'l'; break;
      case 0x00D8: out += 'O'; break;  // Ø
      case 0x00F8: out += 'o'; break;
      case 0x0110: out += 'D'; break;  // Đ
      case 0x0111: out += 'd'; break;
      case 0x0131: out += 'i'; break;  // ı
      case 0x00DF: out += "ss"; break;
      case 0x02BB: case 0x02BC: case 0x2019: out += '\''; break;  // ʻ ʼ ’
      default: return {};
    }
  }
  return out;
}

class Builder {
 public:
  explicit Builder(Resources* r) : r_(r) {}

  // Tokenizes `phrase` like running text and files `sense` under its key.
  void Add(std::string_view phrase, Sense sense) {
    tokens_.clear();
    Tokenize(r_, phrase, 0, phrase.size(), &tokens_);
    if (tokens_.empty()) return;
    std::string key;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (i) {
        r_->phrases[key].prefix = true;
        key += ' ';
      }
      LowerInto(phrase.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin), &key);
    }
    r_->max_phrase_tokens = std::max<int>(r_->max_phrase_tokens, static_cast<int>(tokens_.size()));
    if ((sense.type == Sense::kCountryName || sense.type == Sense::kCountryAdj) && tokens_.size() == 1 && key.size() >= 7 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      r_->country_words.push_back(key);
    auto& v = r_->phrases[key].senses;
    for (const Sense& s : v) {
      if (s.type == sense.type && s.country == sense.country && s.ref == sense.ref) return;
    }
    v.push_back(std::move(sense));
  }

 private:
  Resources* r_;
  std::vector<Span> tokens_;
};

struct CountryNames {
  std::vector<std::vector<std::string>> names, adjs;
  std::vector<std::string> capitals;
};

Status ReadCountries(Resources* r, const std::string& dir, CountryNames* cn) {
  NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/countries.tsv"));
  auto& names = cn->names;
  auto& adjs = cn->adjs;
  auto& capitals = cn->capitals;
  ForEachLine(data, [&](std::string_view line) {
    auto f = SplitTabs(line);
    if (f.size() < 9) return;
    CountryRow c{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]),
                 ToDouble(f[7]), ToDouble(f[8]), -1};
    r->country_by_iso3[c.iso3] = static_cast<int>(r->countries.size());
    r->countries.push_back(std::move(c));
    names.push_back(SplitSemis(f[4]));
    adjs.push_back(SplitSemis(f[5]));
    capitals.emplace_back(f[6]);
  });
  if (r->countries.empty()) return DataLoss("countries.tsv has no rows");
  return Status::Ok();
}

void LinkCountries(Resources* r, const CountryNames& cn, Builder* b) {
  const auto& names = cn.names;
  const auto& adjs = cn.adjs;
  const auto& capitals = cn.capitals;
  for (size_t i = 0; i < r->countries.size(); ++i) {
    int ci = static_cast<int>(i);
    for (const auto& n : names[i]) b->Add(n, {Sense::kCountryName, true, ci, -1, "", r->countries[i].name});
    b->Add(r->countries[i].name, {Sense::kCountryName, true, ci, -1, "", r->countries[i].name});
    for (const auto& a : adjs[i]) b->Add(a, {Sense::kCountryAdj, true, ci, -1, "", r->countries[i].name});
  }
  // Capitals: the national capital (PPLC) whose name starts with ours, else the most populous
  // city of exactly that name in the country.
  std::vector<int> pplc;
  std::vector<int> best(r->countries.size(), -1);
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(a[k])) != std::tolower(static_cast<unsigned char>(b[k]))) return false;
    }
    return true;
  };
  for (size_t k = 0; k < r->cities.size(); ++k) {
    const CityRow& c = r->cities[k];
    if (c.capital) pplc.push_back(static_cast<int>(k));
    if (c.country < 0 || capitals[c.country].empty() || !same(c.name, capitals[c.country])) continue;
    if (best[c.country] < 0 || r->cities[best[c.country]].population < c.population) best[c.country] = static_cast<int>(k);
  }
  for (size_t i = 0; i < r->countries.size(); ++i) {
    if (capitals[i].empty()) continue;
    // The national capital (PPLC) whose name starts with ours ("Washington" -> "Washington, D.C."),
    // else the most populous city of that name.
    int city = -1;
    std::string want = Lower(capitals[i]);
    for (int k : pplc) {
      if (city >= 0) break;
      const CityRow& c = r->cities[k];
      if (c.capital && c.country == static_cast<int>(i) && Lower(c.name).rfind(want, 0) == 0) city = static_cast<int>(k);
    }
    if (city < 0) city = best[i];
    if (city < 0) continue;
    r->countries[i].capital_city = city;
    b->Add(capitals[i], {Sense::kCity, true, static_cast<int>(i), city, "", r->cities[city].name});
  }
}

Status LoadCities(Resources* r, const std::string& dir) {
  NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/cities.tsv"));
  StringMap<int> by_iso2;
  for (size_t i = 0; i < r->countries.size(); ++i) by_iso2[r->countries[i].iso2] = static_cast<int>(i);
  r->cities.reserve(140000);
  ForEachLine(data, [&](std::string_view line) {
    auto f = SplitTabs(line);
    if (f.size() < 8) return;
    auto it = by_iso2.find(f[1]);
    if (it == by_iso2.end()) return;
    CityRow c;
    c.name = std::string(f[0]);
    c.country = it->second;
    c.admin1 = std::string(f[2]);
    c.lat = ToDouble(f[3]);
    c.lon = ToDouble(f[4]);
    c.population = ToInt(f[5]);
    c.capital = f[6] == "PPLC";
    c.geonames_id = ToInt(f[7]);
    r->cities.push_back(std::move(c));
  });
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Resources>> LoadResources(const std::string& dir) {
  auto r = std::make_shared<Resources>();
  r->phrases.reserve(160000);
  Builder b(r.get());

  // Closed-class words and abbreviations first: the tokenizer consults the abbreviations.
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/function_words.txt"));
    static const std::pair<std::string_view, WordClass> kClasses[] = {
        {"DET", WordClass::kDeterminer}, {"PRON", WordClass::kPronoun},    {"ADP", WordClass::kAdposition},
        {"CONJ", WordClass::kConjunction}, {"AUX", WordClass::kAuxiliary}, {"PART", WordClass::kParticle},
        {"ADV", WordClass::kAdverb}};
    ForEachLine(data, [&](std::string_view line) {
      size_t sp = line.find(' ');
      if (sp == std::string_view::npos) return;
      std::string_view cls = line.substr(sp + 1);
      for (const auto& [name, wc] : kClasses) {
        if (cls == name) r->function_words.emplace(std::string(line.substr(0, sp)), wc);
      }
    });
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/abbreviations.txt"));
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() < 2) return;
      r->abbreviations.emplace(std::string(f[0]), f[1] == "title" ? AbbrevKind::kTitle : AbbrevKind::kName);
    });
  }
  r->lemmatizer = std::make_unique<Lemmatizer>();
  NG_RETURN_IF_ERROR(r->lemmatizer->Load(dir));

  CountryNames cn;
  NG_RETURN_IF_ERROR(ReadCountries(r.get(), dir, &cn));
  NG_RETURN_IF_ERROR(LoadCities(r.get(), dir));
  LinkCountries(r.get(), cn, &b);

  // Cities: one sense per (name, country), the most populous (cities.tsv is sorted by
  // population); tiny places are left out because their names are mostly ordinary words or surnames.
  {
    StringSet seen;
    seen.reserve(60000);
    std::string key;
    for (size_t k = 0; k < r->cities.size(); ++k) {
      const CityRow& c = r->cities[k];
      if (c.population < 5000 && !c.capital) continue;
      key.clear();
      LowerInto(c.name, &key);
      key += '|';
      key += std::to_string(c.country);
      if (!seen.insert(key).second) continue;
      b.Add(c.name, {Sense::kCity, true, c.country, static_cast<int>(k), "", c.name});
      std::string folded = FoldDiacritics(c.name);
      if (folded.empty()) continue;
      key.clear();
      LowerInto(folded, &key);
      key += '|';
      key += std::to_string(c.country);
      if (seen.insert(key).second) b.Add(folded, {Sense::kCity, true, c.country, static_cast<int>(k), "", c.name});
    }
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/adm1.tsv"));
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() < 2 || f[0].size() < 4) return;
      auto it = r->country_by_iso3.find("USA");
      if (f[0].substr(0, 2) != "US" || it == r->country_by_iso3.end()) return;
      Adm1Row row{std::string(f[0]), std::string(f[1]), it->second, 0, 0};
      std::string_view code = f[0].substr(3);
      int64_t best_pop = -1;
      for (const CityRow& c : r->cities) {
        if (c.country == it->second && c.admin1 == code && c.population > best_pop) {
          best_pop = c.population;
          row.lat = c.lat;
          row.lon = c.lon;
        }
      }
      r->adm1.push_back(std::move(row));
      b.Add(f[1], {Sense::kAdm1, true, it->second, static_cast<int>(r->adm1.size() - 1), "", std::string(f[1])});
    });
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/actors.tsv"));
    Status bad = Status::Ok();
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() < 4) return;
      Sense s;
      if (f[1] == "title") s.type = Sense::kTitle;
      else if (f[1] == "org") s.type = Sense::kOrg;
      else if (f[1] == "agent") s.type = Sense::kAgent;
      else return;
      s.needs_capital = StartsUpper(f[0]);
      s.role = f[2] == "-" ? "" : std::string(f[2]);
      if (f[3] != "-") {
        auto it = r->country_by_iso3.find(f[3]);
        if (it != r->country_by_iso3.end()) s.country = it->second;
      }
      s.canonical = f.size() > 4 && !f[4].empty() ? std::string(f[4]) : std::string(f[0]);
      b.Add(f[0], std::move(s));
    });
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/agent_premods.txt"));
    ForEachLine(data, [&](std::string_view line) { r->agent_premods.emplace(line); });
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/count_kinds.tsv"));
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() >= 2) r->count_kinds.emplace(std::string(f[0]), std::string(f[1]));
    });
  }
  {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + "/given_names.tsv"));
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() >= 2 && !f[1].empty()) r->given_names.emplace(std::string(f[0]), f[1][0]);
    });
  }
  for (const char* name : {"/tone.tsv", "/tone_extra.tsv"}) {
    NG_ASSIGN_OR_RETURN(std::string data, Slurp(dir + name));
    ForEachLine(data, [&](std::string_view line) {
      auto f = SplitTabs(line);
      if (f.size() < 2 || f[0].find(' ') != std::string_view::npos) return;
      r->tone[std::string(f[0])] = static_cast<int>(ToInt(f[1][0] == '+' ? f[1].substr(1) : f[1]));
    });
  }

  std::sort(r->country_words.begin(), r->country_words.end());  // filled by Builder::Add
  r->country_words.erase(std::unique(r->country_words.begin(), r->country_words.end()), r->country_words.end());

  UErrorCode st = U_ZERO_ERROR;
  r->sentence_prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), st));
  if (U_FAILURE(st)) return Internal(std::string("ICU sentence iterator: ") + u_errorName(st));
  LoadSyntax(r.get(), dir);
  return std::shared_ptr<const Resources>(std::move(r));
}

}  // namespace ng
