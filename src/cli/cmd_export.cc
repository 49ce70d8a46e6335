// newsgraph export — thin: --db + --format → Store::Export (or the canonical dump) → a file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/store.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph export --db TARGET --format F [-o FILE]\n"
    "\n"
    "Writes what `newsgraph ingest --db` stored:\n"
    "  gdelt-events    GDELT 2.0 event table (61 tab-separated columns, GDELT's order): one row per\n"
    "                  event cluster, with NumMentions / NumSources / NumArticles\n"
    "  gdelt-mentions  GDELT 2.0 mentions table (16 columns): one row per event per article\n"
    "  gkg             GDELT GKG 2.1 (27 columns): one row per article (counts, locations, persons,\n"
    "                  organisations, tone, names, amounts)\n"
    "  jsonl, csv      one coded event per line with its evidence sentence and cluster counts\n"
    "  reviews         readers' judgements (`newsgraph serve --review`) as JSONL gold records:\n"
    "                  id, date, text (the sentence), events [{source, target, code}], coded, review\n"
    "  dump            the canonical dump (every table without provenance columns), for comparing\n"
    "                  two databases\n"
    "TARGET is a SQLite file or a postgresql:// URI.\n"
    "\n";

}  // namespace

int CmdExport(const std::vector<std::string>& args) {
  std::string db_path, format, out_path;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      return kExitOk;
    }
    std::string* target = a == "--db" ? &db_path : a == "--format" ? &format : (a == "-o" || a == "--output") ? &out_path : nullptr;
    if (a == "--quiet" || a == "-q") continue;
    if (!target || i + 1 >= args.size()) {
      std::fprintf(stderr, "newsgraph export: %s '%s'\n\n%s", target ? "missing value for" : "unknown argument", a.c_str(), kHelp);
      return 2;
    }
    *target = args[++i];
  }
  if (db_path.empty()) {
    std::fprintf(stderr, "newsgraph export: --db is required\n");
    return 2;
  }
  std::optional<ExportFormat> fmt = ParseExportFormat(format);
  if (!fmt && format != "dump") {
    std::fprintf(stderr, "newsgraph export: --format must be gdelt-events, gdelt-mentions, gkg, jsonl, csv, reviews or dump\n");
    return 2;
  }
  Result<std::unique_ptr<Store>> db = Store::Open(db_path, {.read_only = true});
  if (!db.ok()) {
    std::fprintf(stderr, "newsgraph export: %s\n", db.status().message().c_str());
    return kExitUsage;
  }
  std::ofstream file;
  std::ostream* out = OpenOutput(out_path, file, "export");
  if (!out) return kExitUsage;
  Status st = fmt ? (*db)->Export(*fmt, *out) : (*db)->CanonicalDump(*out);
  out->flush();
  if (st.ok() && !*out) st = IoError("cannot write " + (out_path.empty() ? std::string("stdout") : out_path));
  if (!st.ok()) {
    std::fprintf(stderr, "newsgraph export: %s\n", st.message().c_str());
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace ng::cli
