// event_format.cc — events as JSON, GDELT 2.0 rows and CSV; shared by the CLI and the exports.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/csv.h"
#include "newsgraph/code.h"

namespace ng {
namespace {

std::string_view Slice(std::string_view text, Span s) {
  if (s.begin > s.end || s.end > text.size()) return {};
  return text.substr(s.begin, s.end - s.begin);
}

// Invalid UTF-8 becomes U+FFFD so JSON stays valid; tabs/newlines become spaces for TSV.
std::string Clean(std::string_view t, bool for_tsv) {
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= t.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(t[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (for_tsv && n == 1 && (c == '\t' || c == '\n' || c == '\r')) out += ' ';
    else out.append(t, i, n);
    i += n;
  }
  return out;
}

// "2024-02-06" -> 20240206; "2024-01" -> 20240101; "2023" -> 20230101 (GDELT needs a full date).
void DateParts(std::string_view d, int* y, int* m, int* day) {
  *y = 0, *m = 1, *day = 1;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    if (pos + len > d.size()) return -1;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(d[i]))) return -1;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  int yy = num(0, 4);
  if (yy < 0) return;
  *y = yy;
  int mm = d.size() >= 7 && d[4] == '-' ? num(5, 2) : -1;
  if (mm >= 1 && mm <= 12) *m = mm;
  int dd = d.size() >= 10 && d[7] == '-' ? num(8, 2) : -1;
  if (dd >= 1 && dd <= 31) *day = dd;
}

std::string Num(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

void ActorJson(JsonWriter& w, const EventActor& a, std::string_view text) {
  if (a.code.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("code"); w.String(a.code);
  w.Key("country"); w.StringOrNull(a.country);
  w.Key("role"); w.StringOrNull(a.role);
  w.Key("name"); w.String(Clean(a.name, false));
  w.Key("text"); w.String(Clean(a.text, false));
  w.Key("begin"); w.Int(static_cast<long long>(a.span.begin));
  w.Key("end"); w.Int(static_cast<long long>(a.span.end));
  if (!a.known_group.empty()) { w.Key("known_group"); w.String(a.known_group); }
  w.EndObject();
}

void ActorCols(std::string& row, const EventActor& a) {
  // Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1, Type2, Type3
  std::string country = a.code.size() >= 3 && !a.country.empty() ? a.code.substr(0, 3) : "";
  std::string fields[10] = {a.code, Upper(Clean(a.name.empty() ? a.text : a.name, true)), country, a.known_group, "", "", "",
                            a.role, "", ""};
  if (a.code.empty()) fields[1].clear();
  for (const std::string& f : fields) row += f + '\t';
}

}  // namespace

std::string_view DatePrecision(std::string_view d) {
  auto digits = [&](size_t pos, size_t len) {
    for (size_t i = pos; i < pos + len; ++i)
      if (i >= d.size() || !std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    return true;
  };
  if (!digits(0, 4)) return "";
  if (d.size() == 4) return "year";
  if (d.size() == 7 && d[4] == '-' && digits(5, 2)) return "month";
  if (d.size() == 8 && d[4] == '-' && d[5] == 'W') return "week";
  return "day";
}

uint64_t StableEventId(const Event& e, std::string_view url, std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix(url);
  mix(Slice(text, e.evidence));
  mix(std::to_string(e.evidence.begin));
  mix(std::to_string(e.verb.begin) + ":" + std::to_string(e.verb.end));
  mix(e.cameo);
  mix(e.source.code + "/" + std::to_string(e.source.span.begin));
  mix(e.target.code + "/" + std::to_string(e.target.span.begin));
  return h & 0x7fffffffffffffffull;
}

std::string EventToJson(const Event& e, const EventFormatContext& ctx) {
  std::string out;
  JsonWriter w(&out);
  bool cameo = ctx.ontology != "plover", plover = ctx.ontology != "cameo";
  w.BeginObject();
  w.Key("id"); w.String(std::to_string(StableEventId(e, ctx.url, ctx.text)));
  if (!ctx.doc_id.empty()) { w.Key("doc_id"); w.String(Clean(ctx.doc_id, false)); }
  w.Key("sentence"); w.Int(e.sentence);
  if (cameo) {
    w.Key("cameo"); w.String(e.cameo);
    w.Key("base"); w.String(e.base);
    w.Key("root"); w.String(e.root);
    w.Key("goldstein"); w.Double(e.goldstein);
    w.Key("quad_class"); w.Int(e.quad_class);
  }
  if (plover) {
    w.Key("plover"); w.StringOrNull(e.plover);
    w.Key("plover_mode"); w.StringOrNull(e.plover_mode);
  }
  w.Key("source"); ActorJson(w, e.source, ctx.text);
  w.Key("target"); ActorJson(w, e.target, ctx.text);
  w.Key("date"); w.StringOrNull(e.date);
  w.Key("date_precision"); w.StringOrNull(DatePrecision(e.date));
  w.Key("place");
  if (e.place.type == 0) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("type"); w.Int(e.place.type);
    w.Key("name"); w.String(Clean(e.place.name, false));
    w.Key("country"); w.String(e.place.country);
    w.Key("fips"); w.String(e.place.fips);
    w.Key("adm1"); w.StringOrNull(e.place.adm1);
    w.Key("lat"); w.Double(e.place.lat);
    w.Key("lon"); w.Double(e.place.lon);
    if (e.place.feature_id) { w.Key("feature_id"); w.Int(e.place.feature_id); }
    w.EndObject();
  }
  w.Key("quantities");
  w.BeginArray();
  for (int q : e.quantities) {
    if (!ctx.quantities || q < 0 || static_cast<size_t>(q) >= ctx.quantities->size()) {
      w.Int(q);
      continue;
    }
    const Quantity& x = (*ctx.quantities)[static_cast<size_t>(q)];
    w.BeginObject();
    w.Key("text"); w.String(Clean(x.text, false));
    w.Key("value"); w.Double(x.value);
    w.Key("value_max"); w.Double(x.value_max);
    w.Key("qualifier"); w.StringOrNull(x.qualifier);
    w.Key("unit"); w.StringOrNull(Clean(x.unit, false));
    w.Key("kind"); w.StringOrNull(x.kind);
    w.Key("begin"); w.Int(static_cast<long long>(x.begin));
    w.Key("end"); w.Int(static_cast<long long>(x.end));
    w.EndObject();
  }
  w.EndArray();
  w.Key("root_event"); w.Bool(e.root_event);
  w.Key("tone"); w.Double(e.tone);
  for (auto [key, span] : {std::pair{"verb", e.verb}, std::pair{"evidence", e.evidence}}) {
    w.Key(key);
    w.BeginObject();
    w.Key("text"); w.String(Clean(Slice(ctx.text, span), false));
    w.Key("begin"); w.Int(static_cast<long long>(span.begin));
    w.Key("end"); w.Int(static_cast<long long>(span.end));
    w.EndObject();
  }
  w.Key("rules"); w.StringArray(e.rules);
  w.EndObject();
  return out;
}

std::string EventToGdeltRow(const Event& e, const EventFormatContext& ctx) {
  int y, m, d;
  DateParts(e.date, &y, &m, &d);
  char sql[16] = "", month[8] = "", year[8] = "";
  std::string fraction;
  if (y > 0) {  // undated: empty columns, never year 0
    std::snprintf(sql, sizeof sql, "%04d%02d%02d", y, m, d);
    std::snprintf(month, sizeof month, "%04d%02d", y, m);
    std::snprintf(year, sizeof year, "%04d", y);
    static const int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    fraction = Num(y + (kCum[m - 1] + d) / 365.0, 4);
  }
  std::string row;
  row += std::to_string(StableEventId(e, ctx.url, ctx.text)) + '\t';  // 0
  row += std::string(sql) + '\t' + month + '\t' + year + '\t' + fraction + '\t';  // 1-4
  ActorCols(row, e.source);  // 5-14
  ActorCols(row, e.target);  // 15-24
  row += std::string(e.root_event ? "1" : "0") + '\t';  // 25
  row += e.cameo + '\t' + e.base + '\t' + e.root + '\t';  // 26-28
  row += std::to_string(e.quad_class) + '\t' + Num(e.goldstein, 1) + '\t';  // 29-30
  row += "1\t1\t1\t";  // 31-33 NumMentions, NumSources, NumArticles: one article
  row += Num(e.tone, 4) + '\t';  // 34
  // Actor geo (35-50): not resolved per actor yet; type 0 and empty fields, as GDELT writes them.
  for (int g = 0; g < 2; ++g) row += "0\t\t\t\t\t\t\t\t";
  const EventPlace& p = e.place;  // 51-58
  if (p.type == 0) {
    row += "0\t\t\t\t\t\t\t\t";
  } else {
    row += std::to_string(p.type) + '\t' + Clean(p.name, true) + '\t' + p.fips + '\t' +
           (p.adm1.empty() ? p.fips : p.adm1) + "\t\t" + Num(p.lat, 4) + '\t' + Num(p.lon, 4) + '\t' +
           (p.feature_id ? std::to_string(p.feature_id) : p.fips) + '\t';
  }
  std::string added;
  for (char c : ctx.date_added) {
    if (std::isdigit(static_cast<unsigned char>(c))) added += c;
  }
  if (added.size() < 8) added = sql;
  if (added.size() < 8) {  // neither given nor dated: the time of this run
    added.clear();
    for (char c : NowIso8601())
      if (std::isdigit(static_cast<unsigned char>(c))) added += c;
  }
  while (added.size() < 14) added += '0';
  row += added.substr(0, 14) + '\t';  // 59
  row += Clean(ctx.url, true);          // 60
  return row;
}

std::string EventCsvHeader() {
  return "id,doc_id,sentence,date,source,source_name,target,target_name,cameo,base,root,quad_class,goldstein,"
         "plover,plover_mode,place,place_country,lat,lon,verb,evidence";
}

std::string EventToCsvRow(const Event& e, const EventFormatContext& ctx) {
  std::string f[] = {std::to_string(StableEventId(e, ctx.url, ctx.text)),
                     Clean(ctx.doc_id, true),
                     std::to_string(e.sentence),
                     e.date,
                     e.source.code,
                     Clean(e.source.name, true),
                     e.target.code,
                     Clean(e.target.name, true),
                     e.cameo,
                     e.base,
                     e.root,
                     std::to_string(e.quad_class),
                     Num(e.goldstein, 1),
                     e.plover,
                     e.plover_mode,
                     Clean(e.place.name, true),
                     e.place.country,
                     e.place.type ? Num(e.place.lat, 4) : "",
                     e.place.type ? Num(e.place.lon, 4) : "",
                     Clean(Slice(ctx.text, e.verb), true),
                     Clean(Slice(ctx.text, e.evidence), true)};
  std::string row;
  for (size_t i = 0; i < sizeof f / sizeof f[0]; ++i) {
    if (i) row += ',';
    row += CsvField(f[i]);
  }
  return row;
}

}  // namespace ng
