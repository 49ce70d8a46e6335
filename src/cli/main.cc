// newsgraph — raw news pages in, clean articles (and, as the stages land, events) out.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: newsgraph <command> [flags] [inputs...]\n"
    "\n"
    "commands:\n"
    "  analyze    article JSON, HTML or text -> sentences, entities, places, counts, dates, tone\n"
    "  extract    HTML page(s) -> clean article (text, markdown, json, jsonl)\n"
    "  fetch      URL(s) -> WARC archive, politely (robots.txt, delays, retries)\n"
    "  help       show this table, or `newsgraph help <command>`\n"
    "  ingest     WARC, feeds, directories, URLs -> articles as JSONL, in parallel\n"
    "  version    print the version\n"
    "\n"
    "Run `newsgraph <command> --help` for the flags of one command.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (cmd == "extract") return ng::cli::CmdExtract(args);
  if (cmd == "analyze") return ng::cli::CmdAnalyze(args);
  if (cmd == "ingest") return ng::cli::CmdIngest(args);
  if (cmd == "fetch") return ng::cli::CmdFetch(args);
  if (cmd == "version" || cmd == "--version") {
    std::puts("newsgraph 0.1.0");
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    if (args.size() == 1 && args[0] == "extract") return ng::cli::CmdExtract({"--help"});
    if (args.size() == 1 && args[0] == "analyze") return ng::cli::CmdAnalyze({"--help"});
    if (args.size() == 1 && args[0] == "ingest") return ng::cli::CmdIngest({"--help"});
    if (args.size() == 1 && args[0] == "fetch") return ng::cli::CmdFetch({"--help"});
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "newsgraph: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
