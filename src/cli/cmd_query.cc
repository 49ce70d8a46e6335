// newsgraph query — thin: flags → ng::EventQuery → Store::QueryEvents / QueryArticles / Summary
// → a table, JSONL or CSV.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "base/csv.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/store.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph query --db TARGET [filters] [flags]\n"
    "\n"
    "Events (GDELT-style: one row per event, with how many mentions, sources and articles report\n"
    "it), newest first; or articles ranked by full-text relevance with --articles.\n"
    "TARGET is a SQLite file or a postgresql:// URI written by `newsgraph ingest --db`.\n"
    "\n"
    "filters (all given must match):\n"
    "  --text WORDS       articles containing every word (full-text index)\n"
    "  --actor A          actor code prefix (USA, IRQGOV) or name substring, either side\n"
    "  --country ISO3     either actor's country or the place of the action\n"
    "  --cameo CODE       2 digits = root (19), 3 = base (195), 4 = exact code (0254)\n"
    "  --plover CAT       PLOVER category (CONSULT, ASSAULT, ...)\n"
    "  --from DATE        YYYY-MM-DD (inclusive); --to DATE likewise\n"
    "  --place P          action place: name substring, FIPS country or ADM1 code\n"
    "\n"
    "modes and output:\n"
    "  --articles         articles instead of events (bm25 rank and a snippet with --text), with\n"
    "                     the page type extraction gave each (article, listing, forum, ...)\n"
    "  --page-type T      with --articles: only pages of type T (article, listing, forum, product,\n"
    "                     documentation, collection, other)\n"
    "  --article SUFFIX   the events of one article (URL or path ending in SUFFIX), with evidence\n"
    "  --summary          counts, events by CAMEO root, top actor pairs and entities\n"
    "  --format F         table (default; as wide as the terminal, $COLUMNS or 120 columns), jsonl\n"
    "                     (numbers as JSON numbers) or csv\n"
    "  --limit N          at most N rows (default 100)\n"
    "  -o FILE            write to FILE instead of stdout\n"
    "\n";

struct Flags {
  std::string db, format = "table", out_path, article;
  bool articles = false, summary = false;
  EventQuery q;
};

std::optional<Flags> ParseFlags(const std::vector<std::string>& args, int* code) {
  Flags f;
  auto fail = [&](const std::string& m) {
    std::fprintf(stderr, "newsgraph query: %s\n", m.c_str());
    *code = 2;
    return std::nullopt;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    std::string* target = nullptr;
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      *code = 0;
      return std::nullopt;
    }
    if (a == "--db") target = &f.db;
    else if (a == "--text") target = &f.q.text;
    else if (a == "--actor") target = &f.q.actor;
    else if (a == "--country") target = &f.q.country;
    else if (a == "--cameo") target = &f.q.cameo;
    else if (a == "--plover") target = &f.q.plover;
    else if (a == "--from") target = &f.q.from;
    else if (a == "--to") target = &f.q.to;
    else if (a == "--place") target = &f.q.place;
    else if (a == "--format") target = &f.format;
    else if (a == "-o" || a == "--output") target = &f.out_path;
    else if (a == "--article") target = &f.article;
    else if (a == "--page-type") target = &f.q.page_type;
    if (target) {
      const std::string* v = value();
      if (!v) return fail(a + " needs a value");
      *target = *v;
      continue;
    }
    if (a == "--limit") {
      const std::string* v = value();
      char* end = nullptr;
      long n = v ? std::strtol(v->c_str(), &end, 10) : 0;
      if (!v || *end || n < 1) return fail("--limit needs a positive number");
      f.q.limit = static_cast<int>(n);
    } else if (a == "--articles") {
      f.articles = true;
    } else if (a == "--summary") {
      f.summary = true;
    } else if (a == "--quiet" || a == "-q") {
    } else {
      std::fprintf(stderr, "newsgraph query: unknown argument '%s'\n\n%s", a.c_str(), kHelp);
      *code = 2;
      return std::nullopt;
    }
  }
  if (f.db.empty()) return fail("--db is required (a SQLite file or postgresql:// URI)");
  if (!f.q.page_type.empty() && !f.articles) return fail("--page-type filters articles: add --articles");
  if (f.format != "table" && f.format != "jsonl" && f.format != "csv")
    return fail("--format '" + f.format + "': expected table, jsonl or csv");
  return f;
}

size_t Width(const std::string& s) {  // display columns, counting UTF-8 code points
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Cut(const std::string& s, size_t max) {
  if (Width(s) <= max) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
    out += s[i];
  }
  return out + "…";
}

}  // namespace

// The table's width: $COLUMNS, else the terminal's when stdout is one, else 120.
static size_t TableWidth() {
  const char* env = std::getenv("COLUMNS");
  if (env && std::atoi(env) >= 20) return static_cast<size_t>(std::atoi(env));
  struct winsize ws {};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 120;
}

static void PrintQueryResult(const QueryResult& r, const std::string& format, std::ostream& out, size_t max_width) {
  if (format == "jsonl") {
    for (const auto& row : r.rows) {
      std::string line = "{";
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) line += ",";
        AppendJsonString(line, r.columns[i]);
        line += ":";
        bool number = i < r.numeric.size() && r.numeric[i];
        if (number && row[i].empty()) line += "null";
        else if (number) line += row[i];
        else AppendJsonString(line, row[i]);
      }
      out << line << "}\n";
    }
    return;
  }
  if (format == "csv") {
    for (size_t i = 0; i < r.columns.size(); ++i) out << (i ? "," : "") << r.columns[i];
    out << "\n";
    for (const auto& row : r.rows) {
      for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvField(row[i]);
      out << "\n";
    }
    return;
  }
  // Table: drop columns that are empty in every row; cut long cells.
  std::vector<size_t> keep, width;
  for (size_t c = 0; c < r.columns.size(); ++c) {
    size_t w = Width(r.columns[c]);
    bool any = false;
    for (const auto& row : r.rows) {
      any |= !row[c].empty();
      w = std::max(w, Width(Cut(row[c], c + 1 == r.columns.size() ? 100 : 60)));
    }
    if (any || r.rows.empty()) {
      keep.push_back(c);
      width.push_back(w);
    }
  }
  // Fit max_width: long cells are cut first (a column down to 10 characters or its header), then
  // columns are left out from the right, and a last line says how many.
  auto total = [&] {
    size_t t = 0;
    for (size_t w : width) t += w + 2;
    return t > 2 ? t - 2 : t;
  };
  std::vector<size_t> least(width.size());
  for (size_t k = 0; k < width.size(); ++k) least[k] = std::min(width[k], std::max<size_t>(10, Width(r.columns[keep[k]])));
  while (total() > max_width) {
    size_t widest = width.size();
    for (size_t k = 0; k < width.size(); ++k)
      if (width[k] > least[k] && (widest == width.size() || width[k] > width[widest])) widest = k;
    if (widest == width.size()) break;
    --width[widest];
  }
  size_t left_out = 0;
  while (total() > max_width && keep.size() > 1) {
    ++left_out;
    keep.pop_back();
    width.pop_back();
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t k = 0; k < keep.size(); ++k) {
      std::string v = Cut(cells[keep[k]], width[k]);
      s += v;
      if (k + 1 < keep.size()) s += std::string(width[k] - Width(v) + 2, ' ');
    }
    out << s << "\n";
  };
  line(r.columns);
  for (const auto& row : r.rows) line(row);
  out << "(" << r.rows.size() << (r.rows.size() == 1 ? " row)\n" : " rows)\n");
  if (left_out)
    out << "(" << left_out << " columns left out to fit " << max_width << ": --format csv or jsonl has them)\n";
}

static void PrintSummary(const StoreSummary& s, std::ostream& out) {
  out << "documents " << s.documents << "  articles " << s.articles << "  failed " << s.failed << "\n"
      << "entities " << s.entities << " (" << s.mentions << " mentions)  quantities " << s.quantities << "\n"
      << "events " << s.events << " coded, " << s.event_clusters << " distinct (event clusters)\n"
      << "near-duplicate articles " << s.dup_articles << " in " << s.dup_clusters << " clusters\n";
  out << "events by CAMEO root:\n";
  if (s.events_by_root.empty()) out << "  (none)\n";
  for (const auto& [k, n] : s.events_by_root) out << "  " << k << "  " << n << "\n";
  out << "top actor pairs:\n";
  if (s.top_actor_pairs.empty()) out << "  (none)\n";
  for (const auto& [k, n] : s.top_actor_pairs) out << "  " << k << "  " << n << "\n";
  out << "most mentioned entities:\n";
  for (const auto& [k, n] : s.top_entities) out << "  " << k << "  " << n << "\n";
}

int CmdQuery(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> f = ParseFlags(args, &code);
  if (!f) return code;
  Result<std::unique_ptr<Store>> db = Store::Open(f->db, {.read_only = true});
  if (!db.ok()) {
    std::fprintf(stderr, "newsgraph query: %s\n", db.status().message().c_str());
    return kExitUsage;
  }
  std::ofstream file;
  std::ostream* out = OpenOutput(f->out_path, file, "query");
  if (!out) return kExitUsage;
  if (f->summary) {
    Result<StoreSummary> s = (*db)->Summary();
    if (!s.ok()) {
      std::fprintf(stderr, "newsgraph query: %s\n", s.status().message().c_str());
      return kExitPartial;
    }
    PrintSummary(*s, *out);
    return 0;
  }
  Result<QueryResult> r = !f->article.empty() ? (*db)->ArticleEvents(f->article)
                          : f->articles       ? (*db)->QueryArticles(f->q)
                                              : (*db)->QueryEvents(f->q);
  if (!r.ok()) {
    std::fprintf(stderr, "newsgraph query: %s\n", r.status().message().c_str());
    return r.status().code() == Code::kInvalidArgument ? kExitUsage : kExitPartial;
  }
  PrintQueryResult(*r, f->format, *out, TableWidth());
  out->flush();
  return 0;
}

}  // namespace ng::cli
