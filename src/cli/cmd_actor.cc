// newsgraph actor — thin: each phrase → ng::ResolveActorPhrase → one JSON object (or a
// tab-separated line) per phrase.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/analyze.h"
#include "newsgraph/code.h"

namespace ng::cli {
namespace {

constexpr const char* kActorHelp =
    "usage: newsgraph actor PHRASE... [--date D] [--format json|text]\n"
    "       newsgraph actor - [--date D]        (phrases from stdin, one per line)\n"
    "\n"
    "Resolves each actor phrase to a country, a sector (role) and a CAMEO actor code with what the\n"
    "event coder knows: organisations (IGOs, UN bodies, armed groups, parties, agencies, media,\n"
    "companies), role nouns, leaders and officials by date, demonyms, country names, capitals,\n"
    "possessives (\"Somalia's prime minister\"), \"former\"/\"retired\" (ELI). An unknown name\n"
    "resolves to nothing. Prints one line per phrase:\n"
    "  {\"phrase\",\"code\",\"country\",\"role\",\"name\",\"matched\":[...],\"reason\"?}\n"
    "country is ISO 3166 alpha-3 or a PLOVER non-state code (IGO, UNO, EUR, NGO, IMG, MNC); \"\"\n"
    "when none.\n"
    "\n"
    "flags:\n"
    "  --date D        the date the phrase is read at: YYYY-MM-DD, YYYY-MM, YYYY, \"today\",\n"
    "                  \"1 January 2003\" or \"January 1, 2003\" (default: today). Leaders in office\n"
    "                  then keep their office; out of office they are ELI.\n"
    "  --format F      json (default) or text (phrase, code, country, role, name; tab-separated)\n"
    "  --codebook DIR  our dictionaries (default: $NEWSGRAPH_CODEBOOK or the build's data/code)\n"
    "  --data DIR      analysis tables (default: $NEWSGRAPH_DATA or the build's data dir)\n"
    "\n"
    "An unresolved phrase is an answer, not an error.\n"
    "\n";

std::string EnvOr(const char* env, const std::string& flag, const std::string& def) {
  if (!flag.empty()) return flag;
  const char* e = std::getenv(env);
  return e && *e ? e : def;
}

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// "2003-01-01", "2003-01", "2003", "today", "1 January 2003", "January 1, 2003" → YYYY-MM-DD;
// "" when the text is not a date.
std::string ParseDate(const std::string& in) {
  std::string s;
  for (char c : in) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  if (s == "today" || s == "now") return Today();
  auto digits = [](const std::string& x) {
    return !x.empty() && std::all_of(x.begin(), x.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2)) && digits(s.substr(8, 2))) return s;
  if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2))) return s + "-01";
  if (s.size() == 4 && digits(s)) return s + "-01-01";
  static const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                  "august", "september", "october", "november", "december"};
  std::vector<std::string> w;
  std::string cur;
  for (char c : s + " ") {
    if (c == ' ' || c == ',') {
      if (!cur.empty()) w.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (w.size() != 3) return "";
  int month = 0;
  std::string day, year;
  for (int m = 0; m < 12; ++m) {
    if (w[0] == kMonths[m]) month = m + 1, day = w[1], year = w[2];
    if (w[1] == kMonths[m]) month = m + 1, day = w[0], year = w[2];
  }
  if (!month || !digits(day) || day.size() > 2 || year.size() != 4 || !digits(year)) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year.c_str(), month, std::atoi(day.c_str()));
  return buf;
}

// Invalid UTF-8 bytes become U+FFFD, so that every field written from the phrase is valid JSON.
std::string ValidUtf8(const std::string& in) {
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= in.size() && !(len == 2 && c < 0xC2);
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(in, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace

int CmdActor(const std::vector<std::string>& args) {
  std::string date_flag, format = "json", codebook, data;
  std::vector<std::string> phrases;
  bool from_stdin = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "newsgraph actor: %s needs a value\n", a.c_str());
        return false;
      }
      *out = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kActorHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      return 0;
    } else if (a == "--date") {
      if (!value(&date_flag)) return 2;
    } else if (a == "--format") {
      if (!value(&format)) return 2;
      if (format == "jsonl") format = "json";
      if (format != "json" && format != "text") {
        std::fprintf(stderr, "newsgraph actor: unknown format '%s' (json, text)\n", format.c_str());
        return 2;
      }
    } else if (a == "--codebook") {
      if (!value(&codebook)) return 2;
    } else if (a == "--data") {
      if (!value(&data)) return 2;
    } else if (a == "-") {
      from_stdin = true;
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      std::fprintf(stderr, "newsgraph actor: unknown flag '%s'\n\n%s", a.c_str(), kActorHelp);
      return 2;
    } else {
      phrases.push_back(a);
    }
  }
  std::string date = ParseDate(date_flag.empty() ? "today" : date_flag);
  if (date.empty() || !CheckPublicationDate(date).ok()) {  // the same check as every --date, more forms
    std::fprintf(stderr, "newsgraph actor: --date '%s' is not a date: expected YYYY-MM-DD, a real day (2024-02-07), "
                 "or YYYY-MM, YYYY, today, 1 January 2003\n", date_flag.c_str());
    return kExitUsage;
  }
  if (from_stdin) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) phrases.push_back(line);
    }
  }
  if (phrases.empty()) {
    std::fprintf(stderr, "newsgraph actor: no phrase given\n\n%s", kActorHelp);
    return 2;
  }
  Result<std::shared_ptr<const Resources>> res = LoadResources(EnvOr("NEWSGRAPH_DATA", data, DefaultResourceDir()));
  if (!res.ok()) {
    std::fprintf(stderr, "newsgraph actor: %s\n", res.status().ToString().c_str());
    return 2;
  }
  Result<std::shared_ptr<const Codebook>> book = LoadCodebook(EnvOr("NEWSGRAPH_CODEBOOK", codebook, DefaultCodebookDir()));
  if (!book.ok()) {
    std::fprintf(stderr, "newsgraph actor: %s\n", book.status().ToString().c_str());
    return 2;
  }
  int rc = 0;
  std::string out;
  for (const std::string& raw : phrases) {
    const std::string p = ValidUtf8(raw);
    Result<ActorResolution> rr = ResolveActorPhrase(**book, **res, p, date);
    if (!rr.ok()) {
      std::fprintf(stderr, "newsgraph actor: '%s': %s\n", p.c_str(), rr.status().ToString().c_str());
      rc = 1;
      continue;
    }
    const ActorResolution& r = *rr;
    out.clear();
    if (format == "text") {
      out = p + "\t" + r.actor.code + "\t" + r.actor.country + "\t" + r.actor.role + "\t" + r.actor.name + "\n";
    } else {
      JsonWriter w(&out);
      w.BeginObject();
      w.Key("phrase"); w.String(p);
      w.Key("code"); w.String(r.actor.code);
      w.Key("country"); w.String(r.actor.country);
      w.Key("role"); w.String(r.actor.role);
      w.Key("name"); w.String(r.actor.name);
      if (!r.actor.known_group.empty()) { w.Key("known_group"); w.String(r.actor.known_group); }
      w.Key("date"); w.String(date);
      w.Key("matched"); w.StringArray(r.matched);
      if (!r.reason.empty()) { w.Key("reason"); w.String(r.reason); }
      w.EndObject();
      out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return rc;
}

}  // namespace ng::cli
