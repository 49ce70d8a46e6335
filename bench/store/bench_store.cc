// bench_store — the store at scale: N generated events with GDELT-like distributions (CAMEO roots
// weighted as in GDELT 1.0/2.0 — statements and consultations dominate, violence is a few per
// cent; Zipf-distributed countries, actors, domains and words; ~30 % of events reported again by
// other articles), written through the public ng::Store API, then the ten most common queries
// timed (p50 / p95 over rotating parameters).
//
//   ng_bench_store --db /tmp/ng-bench/store.db --events 1000000 [--repeat 30] [--seed 1]
//   ng_bench_store --db postgresql://… --events 2000     (the PostgreSQL test uses it this way)
//   ng_bench_store --db TARGET --check-rollups   (only: the summary tables equal the clusters?)
// Prints a table and, with --json FILE, the numbers as JSON.
// Queries are written as designated initialisers ({.cameo = "19"}); the rest default on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "newsgraph/store.h"

namespace {

using Clock = std::chrono::steady_clock;

const std::vector<std::string> kCountries = {
    "USA", "RUS", "CHN", "GBR", "UKR", "ISR", "IRN", "FRA", "DEU", "IND", "TUR", "SYR", "IRQ", "PAK", "AFG",
    "JPN", "KOR", "PRK", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP", "POL", "VEN",
    "COL", "ARG", "CHL", "PER", "ETH", "KEN", "SDN", "SOM", "YEM", "LBY", "LBN", "JOR", "QAT", "ARE", "IDN",
    "PHL", "MYS", "THA", "VNM", "MMR", "BGD", "LKA", "NPL", "GRC", "SRB", "HUN", "ROU", "NLD", "BEL", "SWE"};
const std::vector<std::string> kFips = {
    "US", "RS", "CH", "UK", "UP", "IS", "IR", "FR", "GM", "IN", "TU", "SY", "IZ", "PK", "AF",
    "JA", "KS", "KN", "SA", "EG", "NI", "SF", "BR", "MX", "CA", "AS", "IT", "SP", "PL", "VE",
    "CO", "AR", "CI", "PE", "ET", "KE", "SU", "SO", "YM", "LY", "LE", "JO", "QA", "AE", "ID",
    "RP", "MY", "TH", "VM", "BM", "BG", "CE", "NP", "GR", "RI", "HU", "RO", "NL", "BE", "SW"};
const std::vector<std::string> kRoles = {"", "", "", "GOV", "GOV", "MIL", "COP", "REB", "OPP", "BUS", "JUD", "LEG", "MED", "CVL"};
// CAMEO roots with GDELT-like shares (per mille) and a few codes each.
struct Root { const char* root; int weight; std::vector<const char*> codes; double goldstein; int quad; const char* plover; };
const std::vector<Root> kRoots = {
    {"01", 150, {"010", "011", "012", "013", "014", "015", "016", "017", "018", "019"}, 0.0, 1, ""},
    {"02", 80, {"020", "021", "022", "023", "024", "025", "026", "027", "028"}, 3.0, 1, "REQUEST"},
    {"03", 80, {"030", "031", "032", "033", "034", "035", "036", "037", "038", "039"}, 4.0, 1, "AGREE"},
    {"04", 200, {"040", "041", "042", "043", "044", "045", "046"}, 1.0, 1, "CONSULT"},
    {"05", 70, {"050", "051", "052", "053", "054", "055", "056", "057"}, 3.5, 1, "SUPPORT"},
    {"06", 30, {"060", "061", "062", "063", "064"}, 6.0, 2, "COOPERATE"},
    {"07", 30, {"070", "071", "072", "073", "074", "075"}, 7.0, 2, "AID"},
    {"08", 30, {"080", "081", "082", "083", "084", "085", "086", "087"}, 5.0, 2, "CONCEDE"},
    {"09", 20, {"090", "091", "092", "093", "094"}, -2.0, 2, "INVESTIGATE"},
    {"10", 30, {"100", "101", "102", "103", "104", "105", "106", "107", "108"}, -5.0, 3, "DEMAND"},
    {"11", 60, {"110", "111", "112", "113", "114", "115", "116"}, -2.0, 3, "ACCUSE"},
    {"12", 30, {"120", "121", "122", "123", "124", "125", "126", "127", "128", "129"}, -4.0, 3, "REJECT"},
    {"13", 20, {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139"}, -6.0, 3, "THREATEN"},
    {"14", 25, {"140", "141", "142", "143", "144", "145"}, -6.5, 3, "PROTEST"},
    {"15", 10, {"150", "151", "152", "153", "154"}, -7.2, 4, "MOBILIZE"},
    {"16", 20, {"160", "161", "162", "163", "164", "165", "166"}, -4.0, 4, "REDUCE"},
    {"17", 40, {"170", "171", "172", "173", "174", "175", "176"}, -7.0, 4, "COERCE"},
    {"18", 40, {"180", "181", "182", "183", "184", "185", "186"}, -9.0, 4, "ASSAULT"},
    {"19", 60, {"190", "191", "192", "193", "194", "195", "196"}, -10.0, 4, "ASSAULT"},
    {"20", 5, {"200", "201", "202", "203", "204"}, -10.0, 4, "ASSAULT"}};
const std::vector<std::string> kNewsWords = {
    "protest", "election", "ceasefire", "sanctions", "talks", "minister", "president", "army", "police",
    "parliament", "summit", "troops", "strike", "refugees", "aid", "court", "border", "oil", "vote", "rebels"};

class Zipf {  // P(k) ~ 1 / (k+1)^s over n items
 public:
  Zipf(size_t n, double s) {
    double sum = 0;
    for (size_t k = 0; k < n; ++k) cdf_.push_back(sum += 1.0 / std::pow(double(k + 1), s));
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

struct Gen {
  explicit Gen(uint64_t seed) : rng(seed), country(kCountries.size(), 1.1), domain(500, 1.0), word(3000, 1.05) {
    int total = 0;
    for (const Root& r : kRoots) root_cdf.push_back(total += r.weight);
  }
  std::mt19937_64 rng;
  Zipf country, domain, word;
  std::vector<int> root_cdf;
  std::vector<ng::Event> recent;  // events other articles may report again

  int Uniform(int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); }

  std::string Date(int day) {  // day 0 = 2023-01-01; months of 28 days keep it simple and valid
    int y = 2023 + day / 336, m = 1 + day % 336 / 28, d = 1 + day % 28;
    char b[48];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
    return b;
  }

  ng::EventActor Actor(size_t c) {
    ng::EventActor a;
    a.country = kCountries[c];
    a.role = kRoles[static_cast<size_t>(Uniform(static_cast<int>(kRoles.size())))];
    a.code = a.country + a.role;
    a.name = a.country + (a.role.empty() ? "" : " " + a.role);
    a.text = a.name;
    return a;
  }

  ng::Event NewEvent(const std::string& date) {
    ng::Event e;
    size_t c1 = country(rng), c2 = country(rng);
    e.source = Actor(c1);
    if (Uniform(10) < 8) e.target = Actor(c2);
    int u = Uniform(root_cdf.back());
    size_t r = static_cast<size_t>(std::upper_bound(root_cdf.begin(), root_cdf.end(), u) - root_cdf.begin());
    const Root& root = kRoots[r];
    e.cameo = root.codes[static_cast<size_t>(Uniform(static_cast<int>(root.codes.size())))];
    e.base = e.cameo.substr(0, 3);
    e.root = root.root;
    e.goldstein = root.goldstein;
    e.quad_class = root.quad;
    e.plover = root.plover;
    e.date = date;
    size_t where = Uniform(2) ? c1 : c2;
    e.place.type = 1;
    e.place.name = kCountries[where];
    e.place.country = kCountries[where];
    e.place.fips = kFips[where];
    e.sentence = 0;
    e.rules = {"bench"};
    return e;
  }

  ng::DocumentRecord Doc(int64_t i, int day, int events) {
    ng::DocumentRecord d;
    std::string dom = "site" + std::to_string(domain(rng)) + ".example";
    d.url = "https://" + dom + "/story/" + std::to_string(i);
    d.source = d.url;
    d.content_hash = "sha1:bench" + std::to_string(i);
    d.fetch_time = Date(day) + "T12:00:00Z";
    d.http_status = 200;
    ng::Article a;
    a.url = d.url;
    a.published = Date(day);
    a.title = kNewsWords[static_cast<size_t>(Uniform(static_cast<int>(kNewsWords.size())))] + " report " + std::to_string(i);
    std::string body;
    for (int w = 0; w < 60; ++w) {
      size_t k = word(rng);
      // News words sit at Zipf ranks 100-119: each is in ~5-10 % of articles, like "election".
      bool news = k >= 100 && k < 100 + kNewsWords.size();
      body += (w ? " " : "") + (news ? kNewsWords[k - 100] : "w" + std::to_string(k));
    }
    d.text = a.title + "\n\n" + body + " " + std::to_string(i) + ".";
    d.bytes = d.text.size();
    d.article = std::move(a);
    ng::Sentence s;
    s.begin = 0;
    s.end = d.text.size();
    d.analysis.sentences.push_back(s);
    d.analysis.tone.score = std::uniform_real_distribution<double>(-8, 4)(rng);
    for (int k = 0; k < 3; ++k) {
      ng::Entity e;
      e.kind = ng::EntityKind::kLocation;
      size_t c = country(rng);
      e.text = e.name = kCountries[c];
      e.country = kCountries[c];
      e.begin = 0;
      e.end = 3;
      d.analysis.entities.push_back(e);
    }
    for (int k = 0; k < events; ++k) {
      if (!recent.empty() && Uniform(10) < 3) {
        d.events.push_back(recent[static_cast<size_t>(Uniform(static_cast<int>(recent.size())))]);
      } else {
        d.events.push_back(NewEvent(Date(std::max(0, day - Uniform(3)))));
        if (recent.size() < 2000) recent.push_back(d.events.back());
        else recent[static_cast<size_t>(Uniform(2000))] = d.events.back();
      }
    }
    return d;
  }
};

// This process's user + system time: on a shared machine wall time measures the neighbours too.
double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(k, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db = "/tmp/ng-bench/store.db", json;
  int64_t n_events = 1000000;
  int repeat = 30, batch = 2000;
  uint64_t seed = 1;
  bool check_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") db = next();
    else if (a == "--events") n_events = std::atoll(next().c_str());
    else if (a == "--repeat") repeat = std::atoi(next().c_str());
    else if (a == "--seed") seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--batch") batch = std::atoi(next().c_str());
    else if (a == "--json") json = next();
    else if (a == "--check-rollups") check_only = true;
    else {
      std::fprintf(stderr, "usage: ng_bench_store [--db TARGET] [--events N] [--repeat R] [--seed S] [--batch B] [--json FILE] | --db TARGET --check-rollups\n");
      return 2;
    }
  }
  bool pg = db.rfind("postgres", 0) == 0;
  if (check_only) {  // an existing store's summary tables against its clusters (the Dask test uses it)
    auto s = ng::Store::Open(db, {.read_only = !pg});
    ng::Status c = s.ok() ? (*s)->CheckRollups() : s.status();
    std::printf("%s\n", c.ok() ? "summary tables equal to the clusters' group-bys" : c.message().c_str());
    return c.ok() ? 0 : 1;
  }
  if (!pg) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
  }
  auto store = ng::Store::Open(db, {.batch_size = batch});
  if (!store.ok()) {
    std::fprintf(stderr, "ng_bench_store: %s\n", store.status().message().c_str());
    return 1;
  }
  Gen gen(seed);
  auto t0 = Clock::now();
  double cpu0 = CpuSeconds();
  int64_t events = 0, docs = 0;
  int days = 672;  // two years of 28-day months
  while (events < n_events) {
    int k = 1 + gen.Uniform(7);  // 1..7 events per article, mean 4
    k = static_cast<int>(std::min<int64_t>(k, n_events - events));
    int day = static_cast<int>(docs * days / std::max<int64_t>(1, n_events / 4));
    ng::Status st = (*store)->Add(gen.Doc(docs, std::min(day, days - 1), k));
    if (!st.ok()) {
      std::fprintf(stderr, "ng_bench_store: %s\n", st.message().c_str());
      return 1;
    }
    events += k;
    ++docs;
  }
  ng::Status st = (*store)->Commit();
  if (!st.ok()) {
    std::fprintf(stderr, "ng_bench_store: %s\n", st.message().c_str());
    return 1;
  }
  double ingest_s = std::chrono::duration<double>(Clock::now() - t0).count();
  double ingest_cpu = CpuSeconds() - cpu0;
  store->reset();  // close: checkpoints the WAL into the main file
  uint64_t bytes = 0;
  if (!pg) {
    struct stat sb;
    for (const char* suffix : {"", "-wal"}) {
      if (stat((db + suffix).c_str(), &sb) == 0) bytes += static_cast<uint64_t>(sb.st_size);
    }
  }
  auto ro = ng::Store::Open(db, {.read_only = !pg});
  if (!ro.ok()) {
    std::fprintf(stderr, "ng_bench_store: %s\n", ro.status().message().c_str());
    return 1;
  }
  auto t_check = Clock::now();
  if (ng::Status c = (*ro)->CheckRollups(); !c.ok()) {
    std::fprintf(stderr, "ng_bench_store: the summary tables do not equal the clusters: %s\n", c.message().c_str());
    return 1;
  }
  double check_s = std::chrono::duration<double>(Clock::now() - t_check).count();
  auto summary = (*ro)->Summary();
  if (!summary.ok() || summary->events != events) {
    std::fprintf(stderr, "ng_bench_store: stored %lld events, generated %lld\n",
                 summary.ok() ? static_cast<long long>(summary->events) : -1LL, static_cast<long long>(events));
    return 1;
  }
  std::printf("store bench: %s, %lld events in %lld articles (%lld event clusters)\n", (*ro)->backend().c_str(),
              static_cast<long long>(events), static_cast<long long>(docs), static_cast<long long>(summary->event_clusters));
  std::printf("ingest: %.1f s wall, %.0f events/s, %.0f articles/s; %.1f s CPU (user+sys), %.0f events per CPU-second\n",
              ingest_s, events / ingest_s, docs / ingest_s, ingest_cpu, events / ingest_cpu);
  std::printf("summary tables equal to the clusters' group-bys (checked in %.1f s)\n", check_s);
  if (bytes) std::printf("database: %.1f MB, %.0f bytes per event (articles, FTS index, entities included)\n", bytes / 1e6, double(bytes) / events);

  // The ten most common queries, each with rotating parameters.
  struct Q { const char* name; std::function<ng::EventQuery(int)> make; bool articles; };
  auto country = [](int i) { return kCountries[static_cast<size_t>(i) % 12]; };
  auto month = [&](int i) { return gen.Date((i * 97) % (days - 28)); };
  auto month_end = [&](int i) { return gen.Date((i * 97) % (days - 28) + 27); };
  std::vector<Q> queries = {
      {"root (--cameo 19)", [&](int i) { return ng::EventQuery{.cameo = kRoots[static_cast<size_t>(i) % 20].root}; }, false},
      {"actor prefix (--actor USA)", [&](int i) { return ng::EventQuery{.actor = country(i)}; }, false},
      {"country (--country RUS)", [&](int i) { return ng::EventQuery{.country = country(i + 3)}; }, false},
      {"date range (one month)", [&](int i) { return ng::EventQuery{.from = month(i), .to = month_end(i)}; }, false},
      {"base code + month", [&](int i) { return ng::EventQuery{.cameo = kRoots[static_cast<size_t>(i) % 20].codes[1], .from = month(i), .to = month_end(i)}; }, false},
      {"PLOVER category", [&](int i) { return ng::EventQuery{.plover = kRoots[1 + static_cast<size_t>(i) % 19].plover}; }, false},
      {"actor + root", [&](int i) { return ng::EventQuery{.actor = country(i) + "GOV", .cameo = kRoots[3 + static_cast<size_t>(i) % 3].root}; }, false},
      {"place (FIPS)", [&](int i) { return ng::EventQuery{.place = kFips[static_cast<size_t>(i) % 20]}; }, false},
      {"text -> events", [&](int i) { return ng::EventQuery{.text = kNewsWords[static_cast<size_t>(i) % kNewsWords.size()]}; }, false},
      {"text -> articles (bm25)", [&](int i) { return ng::EventQuery{.text = kNewsWords[static_cast<size_t>(i) % kNewsWords.size()] + " " + kNewsWords[(static_cast<size_t>(i) + 7) % kNewsWords.size()]}; }, true},
  };
  std::printf("\n%-30s %8s %8s %8s %6s\n", "query (limit 100)", "p50 ms", "p95 ms", "max ms", "rows");
  std::string js = "{\"backend\":\"" + (*ro)->backend() + "\",\"events\":" + std::to_string(events) +
                   ",\"articles\":" + std::to_string(docs) + ",\"ingest_seconds\":" + std::to_string(ingest_s) +
                   ",\"events_per_second\":" + std::to_string(events / ingest_s) +
                   ",\"ingest_cpu_seconds\":" + std::to_string(ingest_cpu) +
                   ",\"bytes_per_event\":" + std::to_string(bytes ? double(bytes) / events : 0) + ",\"queries\":[";
  bool over = false;
  for (size_t qi = 0; qi < queries.size(); ++qi) {
    std::vector<double> ms;
    size_t rows = 0;
    for (int r = 0; r < repeat; ++r) {
      ng::EventQuery q = queries[qi].make(r);
      auto t = Clock::now();
      auto res = queries[qi].articles ? (*ro)->QueryArticles(q) : (*ro)->QueryEvents(q);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
      if (!res.ok()) {
        std::fprintf(stderr, "ng_bench_store: %s: %s\n", queries[qi].name, res.status().message().c_str());
        return 1;
      }
      rows += res->rows.size();
    }
    double p50 = Percentile(ms, 0.5), p95 = Percentile(ms, 0.95), mx = Percentile(ms, 1.0);
    over |= p95 > 50;
    std::printf("%-30s %8.2f %8.2f %8.2f %6zu\n", queries[qi].name, p50, p95, mx, rows / static_cast<size_t>(repeat));
    js += std::string(qi ? "," : "") + "{\"name\":\"" + queries[qi].name + "\",\"p50_ms\":" + std::to_string(p50) +
          ",\"p95_ms\":" + std::to_string(p95) + "}";
  }
  js += "]}\n";
  if (!json.empty()) std::ofstream(json) << js;
  std::printf("\n%s\n", over ? "p95 > 50 ms for at least one query" : "every query: p95 <= 50 ms");
  return 0;
}
