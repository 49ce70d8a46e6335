// newsgraph — raw news pages in, clean articles (and, as the stages land, events) out.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"

namespace {

constexpr const char* kUsage =
    "usage: newsgraph <command> [flags] [inputs...]\n"
    "\n"
    "commands:\n"
    "  actor      actor phrase(s) -> country, sector and CAMEO code (\"Somalia's prime minister\")\n"
    "  analyze    article JSON, HTML or text -> sentences, entities, places, counts, dates, tone\n"
    "  code       article JSON, HTML or text -> political events (CAMEO, PLOVER) as JSONL, GDELT, CSV\n"
    "  explain    one sentence -> how the coder read it: actors, patterns, rules, events\n"
    "  export     a database -> GDELT events / mentions / GKG files, JSONL or CSV\n"
    "  extract    HTML page(s) -> clean article (text, markdown, json, jsonl)\n"
    "  fetch      URL(s) -> WARC archive, politely (robots.txt, delays, retries)\n"
    "  help       show this table, or `newsgraph help <command>`\n"
    "  ingest     WARC, feeds, directories, URLs -> articles as JSONL, or --db: the whole pipeline\n"
    "             into SQLite / PostgreSQL\n"
    "  query      a database -> events or articles by text, actor, country, CAMEO, PLOVER, date, place\n"
    "  serve      a database -> HTTP JSON API (search, events, aggregates, evidence, reviews)\n"
    "  version    print the version\n"
    "\n"
    "Run `newsgraph <command> --help` for the flags of one command.\n"
    "\n";

// An installed newsgraph (`make install`, the Debian package) reads its tables from
// <prefix>/share/newsgraph next to <prefix>/bin: it says so to the library through the same
// variables a user would set (a user's own setting wins). A binary in the build tree finds none
// and keeps the build's data directory.
void UseInstalledData() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return;
  std::filesystem::path share = exe.parent_path().parent_path() / "share" / "newsgraph";
  if (!std::filesystem::exists(share / "VERSION", ec)) return;
  setenv("NEWSGRAPH_DATA", share.c_str(), /*overwrite=*/0);
  setenv("NEWSGRAPH_CODEBOOK", (share / "code").c_str(), /*overwrite=*/0);
}

}  // namespace

int main(int argc, char** argv) {
  UseInstalledData();
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    std::fputs(ng::cli::kExitCodesHelp, stderr);
    return ng::cli::kExitUsage;
  }
  std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (cmd == "extract") return ng::cli::CmdExtract(args);
  if (cmd == "analyze") return ng::cli::CmdAnalyze(args);
  if (cmd == "code") return ng::cli::CmdCode(args);
  if (cmd == "explain") return ng::cli::CmdExplain(args);
  if (cmd == "ingest") return ng::cli::CmdIngest(args);
  if (cmd == "fetch") return ng::cli::CmdFetch(args);
  if (cmd == "query") return ng::cli::CmdQuery(args);
  if (cmd == "export") return ng::cli::CmdExport(args);
  if (cmd == "actor") return ng::cli::CmdActor(args);
  if (cmd == "serve") return ng::cli::CmdServe(args);
  if (cmd == "version" || cmd == "--version") {
    std::puts("newsgraph 0.1.0");
    return ng::cli::kExitOk;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    if (args.size() == 1 && args[0] == "extract") return ng::cli::CmdExtract({"--help"});
    if (args.size() == 1 && args[0] == "analyze") return ng::cli::CmdAnalyze({"--help"});
    if (args.size() == 1 && args[0] == "code") return ng::cli::CmdCode({"--help"});
    if (args.size() == 1 && args[0] == "explain") return ng::cli::CmdExplain({"--help"});
    if (args.size() == 1 && args[0] == "ingest") return ng::cli::CmdIngest({"--help"});
    if (args.size() == 1 && args[0] == "fetch") return ng::cli::CmdFetch({"--help"});
    if (args.size() == 1 && args[0] == "query") return ng::cli::CmdQuery({"--help"});
    if (args.size() == 1 && args[0] == "export") return ng::cli::CmdExport({"--help"});
    if (args.size() == 1 && args[0] == "actor") return ng::cli::CmdActor({"--help"});
    if (args.size() == 1 && args[0] == "serve") return ng::cli::CmdServe({"--help"});
    if (!args.empty()) {
      std::fprintf(stderr, "newsgraph help: unknown command '%s' (actor, analyze, code, explain, export, extract, "
                   "fetch, ingest, query, serve, version)\n", args[0].c_str());
      return ng::cli::kExitUsage;
    }
    std::fputs(kUsage, stdout);
    std::fputs(ng::cli::kExitCodesHelp, stdout);
    return ng::cli::kExitOk;
  }
  std::fprintf(stderr, "newsgraph: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return ng::cli::kExitUsage;
}
