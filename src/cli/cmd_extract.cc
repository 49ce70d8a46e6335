// newsgraph extract — thin: flags → DocumentOptions → the document pipeline (extraction only) → stdout.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/extract.h"
#include "newsgraph/pipeline.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph extract [PAGE.html | DIR | -]... [flags]\n"
    "\n"
    "Extracts the article (title, metadata, body without page chrome) from HTML pages.\n"
    "A directory is read recursively (*.html, *.htm, *.xhtml, *.shtml, in path order); '-' or no\n"
    "input reads one page from stdin.\n"
    "\n"
    "flags:\n"
    "  --format F     text (default), markdown, json, jsonl (json with several inputs = jsonl)\n"
    "  --url U        the page's URL (for one input; canonical links in the page win)\n"
    "  --charset C    charset from the HTTP header, if known\n"
    "  --comments     keep the comment thread\n"
    "  --parser P     fast (default: newsgraph's own HTML parser) or gumbo (the reference)\n"
    "  --jobs N       worker threads (default: all cores)\n"
    "  -o FILE        write to FILE instead of stdout\n"
    "  --quiet        no progress bar\n"
    "\n"
    "\n";

struct Flags {
  Format format = Format::kText;
  bool jsonl = false;
  std::string url, charset, out_path;
  bool comments = false, quiet = false;
  HtmlParser parser = HtmlParser::kFast;
  int jobs = 0;
  std::vector<std::string> inputs;
};

std::optional<Flags> ParseFlags(const std::vector<std::string>& args, int* exit_code) {
  Flags f;
  auto need = [&](size_t& i) -> const std::string* {
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "newsgraph extract: %s needs a value\n", args[i].c_str());
      *exit_code = 2;
      return nullptr;
    }
    return &args[++i];
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      *exit_code = 0;
      return std::nullopt;
    } else if (a == "--format") {
      const std::string* v = need(i);
      if (!v) return std::nullopt;
      if (*v == "text") f.format = Format::kText;
      else if (*v == "markdown" || *v == "md") f.format = Format::kMarkdown;
      else if (*v == "json") f.format = Format::kJson;
      else if (*v == "jsonl") { f.format = Format::kJson; f.jsonl = true; }
      else {
        std::fprintf(stderr, "newsgraph extract: unknown format '%s' (text, markdown, json, jsonl)\n",
                     v->c_str());
        *exit_code = 2;
        return std::nullopt;
      }
    } else if (a == "--url") {
      const std::string* v = need(i); if (!v) return std::nullopt; f.url = *v;
    } else if (a == "--charset") {
      const std::string* v = need(i); if (!v) return std::nullopt; f.charset = *v;
    } else if (a == "-o" || a == "--output") {
      const std::string* v = need(i); if (!v) return std::nullopt; f.out_path = *v;
    } else if (a == "--jobs" || a == "-j") {
      const std::string* v = need(i); if (!v) return std::nullopt;
      f.jobs = std::atoi(v->c_str());
      if (f.jobs <= 0) {
        std::fprintf(stderr, "newsgraph extract: --jobs needs a positive number\n");
        *exit_code = 2;
        return std::nullopt;
      }
    } else if (a == "--parser") {
      const std::string* v = need(i);
      if (!v) return std::nullopt;
      if (*v == "fast") f.parser = HtmlParser::kFast;
      else if (*v == "gumbo") f.parser = HtmlParser::kGumbo;
      else {
        std::fprintf(stderr, "newsgraph extract: unknown parser '%s' (fast, gumbo)\n", v->c_str());
        *exit_code = 2;
        return std::nullopt;
      }
    } else if (a == "--comments") {
      f.comments = true;
    } else if (a == "--quiet" || a == "-q") {
      f.quiet = true;
    } else if (a.size() > 1 && a[0] == '-' ) {
      std::fprintf(stderr, "newsgraph extract: unknown flag '%s'\n\n%s", a.c_str(), kHelp);
      *exit_code = 2;
      return std::nullopt;
    } else {
      f.inputs.push_back(a);
    }
  }
  if (f.inputs.empty()) f.inputs.push_back("-");
  return f;
}

// What the command prints for one document, in input order.
struct Output {
  std::string text;
  bool failed = false;
};

Output Render(Document& doc, const Flags& f, bool many) {
  Output o;
  if (doc.article && doc.bytes >= kMaxReadBytes) {
    // The read stopped at the CLI's limit: say how big the input really was.
    std::error_code ec;
    uintmax_t size = doc.source == "-" ? 0 : std::filesystem::file_size(doc.source, ec);
    std::string note = "read the first " + std::to_string(kMaxReadBytes >> 20) + " MB of " +
                       (size > 0 && !ec ? std::to_string(size >> 20) + " MB" : "a larger input");
    doc.article->reason = doc.article->reason.empty() ? note : note + "; " + doc.article->reason;
  }
  o.failed = doc.status != "ok";
  if (f.format == Format::kJson) {
    o.text = DocumentJsonLine(doc, /*with_record_url=*/false) + "\n";
    return o;
  }
  if (o.failed) return o;  // said on stderr by the caller
  if (many) o.text = "==> " + doc.source + " <==\n";
  o.text += RenderArticle(*doc.article, f.format);
  if (f.format == Format::kMarkdown) o.text += "\n";
  if (many) o.text += "\n";
  return o;
}

}  // namespace

int CmdExtract(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags(args, &code);
  if (!flags) return code;
  Flags& f = *flags;
  Result<std::vector<InputFile>> listed = ListInputs(f.inputs, {".html", ".htm", ".xhtml", ".shtml"});
  if (!listed.ok()) {
    std::fprintf(stderr, "newsgraph extract: %s\n", listed.status().message().c_str());
    return kExitUsage;
  }
  std::vector<InputFile> inputs = std::move(listed).value();
  bool many = inputs.size() > 1 || f.jsonl;
  if (!f.url.empty() && inputs.size() > 1) {
    std::fprintf(stderr, "newsgraph extract: --url applies to a single input\n");
    return 2;
  }
  std::ofstream file_out;
  std::ostream* out = OpenOutput(f.out_path, file_out, "extract");
  if (!out) return 2;
  std::ios::sync_with_stdio(false);
  int jobs = f.jobs > 0 ? f.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, inputs.size())));
  Progress progress(inputs.size(), Progress::Wanted(inputs.size(), f.quiet));
  std::vector<std::string> paths;
  for (InputFile& in : inputs) paths.push_back(std::move(in.path));
  std::unique_ptr<InputStream> pages = OpenPages(std::move(paths), f.url, f.charset, kMaxReadBytes);
  PipelineOptions po;
  po.jobs = jobs;
  po.document.analyze = false;
  po.document.content_hash = false;
  po.document.comments = f.comments;
  po.document.parser = f.parser;
  size_t failures = 0;
  RunPipeline(*pages, Models(), po, [&](Document& doc) {
    Output o = Render(doc, f, many);
    if (o.failed) {  // reported on stderr in every format (JSON also carries it)
      progress.Clear();
      std::fprintf(stderr, "newsgraph extract: %s\n", InputMessage(doc.source, doc.error_status()).c_str());
    }
    *out << o.text;
    if (o.failed) ++failures;
    progress.Tick(o.failed);
    return true;
  });
  progress.Done();
  out->flush();
  if (failures) {
    std::fprintf(stderr, "newsgraph extract: %zu of %zu inputs failed\n", failures, inputs.size());
    return 1;
  }
  return 0;
}

}  // namespace ng::cli
