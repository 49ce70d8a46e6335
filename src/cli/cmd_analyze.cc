// newsgraph analyze — thin: input (article JSON, HTML page or text) → the document stage (ProcessText) → JSON.
#include <simdjson.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "cli/analyze_input.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/analyze.h"
#include "newsgraph/extract.h"
#include "newsgraph/pipeline.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph analyze [ARTICLE.json | PAGE.html | TEXT.txt | -]... [flags]\n"
    "\n"
    "Reads articles as an analyst would: sentences, tokens and lemmas, persons, organisations and\n"
    "locations (with country, role, title, coreference), places (ISO3, FIPS, ADM1, lat/lon),\n"
    "quantities (value, qualifier, unit, GKG kind), dates resolved against the publication date,\n"
    "and tone. Every finding has byte offsets into the \"text\" field of the output.\n"
    "\n"
    "inputs: *.json = an article as `newsgraph extract --format json` prints it (its \"text\", or\n"
    "title + blocks; its \"published\" date; optional \"sentences\": [[begin, end], ...] byte spans);\n"
    "*.html/*.htm = a page, extracted first; anything else = UTF-8 text. '-' or none = stdin\n"
    "(sniffed: '{' JSON, '<' HTML, else text). A directory is read recursively (*.json *.jsonl\n"
    "*.html *.htm *.xhtml *.txt, in path order). An empty input fails like an unreadable one.\n"
    "\n"
    "flags:\n"
    "  --date YYYY-MM-DD  publication date for relative dates (default: the article's own)\n"
    "  --text STRING      analyse STRING instead of reading inputs\n"
    "  --format F         json (default; one object per input), jsonl (same, one per line) or\n"
    "                     conllu (sentences with \"# text\", rows ID FORM LEMMA UPOS XPOS _ HEAD DEPREL)\n"
    "  --pretty           json indented for reading (the default when stdout is a terminal)\n"
    "  --tokens           include tokens as [begin, end, lemma, class, upos, xpos, head, deprel]\n"
    "  --data DIR         analysis tables (default: $NEWSGRAPH_DATA or the build's data dir)\n"
    "  -o FILE            write to FILE instead of stdout\n"
    "  --quiet            no progress bar (shown for several inputs when stderr is a terminal)\n"
    "\n";

struct Flags {
  std::string date, out_path, data_dir, text;
  bool has_text = false, tokens = false, conllu = false, quiet = false;
  int pretty = -1;  // -1: when stdout is a terminal (json only)
  std::vector<std::string> inputs;
};

std::optional<Flags> ParseFlags(const std::vector<std::string>& args, int* code) {
  Flags f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "newsgraph analyze: %s needs a value\n", a.c_str());
        *code = 2;
        return nullptr;
      }
      return &args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      std::fputs(kExitCodesHelp, stdout);
      *code = 0;
      return std::nullopt;
    } else if (a == "--date") {
      const std::string* v = value(); if (!v) return std::nullopt; f.date = *v;
      if (!CheckDateFlag("analyze", "--date", f.date)) {
        *code = kExitUsage;
        return std::nullopt;
      }
    } else if (a == "--text") {
      const std::string* v = value(); if (!v) return std::nullopt; f.text = *v; f.has_text = true;
    } else if (a == "--format") {
      const std::string* v = value(); if (!v) return std::nullopt;
      if (*v != "json" && *v != "jsonl" && *v != "conllu") {
        std::fprintf(stderr, "newsgraph analyze: unknown format '%s' (json, jsonl, conllu)\n", v->c_str());
        *code = 2;
        return std::nullopt;
      }
      f.conllu = *v == "conllu";
      if (*v == "jsonl") f.pretty = 0;
    } else if (a == "--data") {
      const std::string* v = value(); if (!v) return std::nullopt; f.data_dir = *v;
    } else if (a == "-o" || a == "--output") {
      const std::string* v = value(); if (!v) return std::nullopt; f.out_path = *v;
    } else if (a == "--tokens") {
      f.tokens = true;
    } else if (a == "--pretty") {
      f.pretty = 1;
    } else if (a == "--quiet" || a == "-q") {
      f.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "newsgraph analyze: unknown flag '%s'\n\n%s", a.c_str(), kHelp);
      *code = 2;
      return std::nullopt;
    } else {
      f.inputs.push_back(a);
    }
  }
  if (f.inputs.empty() && !f.has_text) f.inputs.push_back("-");
  return f;
}

bool EndsWith(const std::string& s, const char* suf) {
  size_t n = std::char_traits<char>::length(suf);
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - n + i])) != suf[i]) return false;
  }
  return true;
}

struct Input {
  std::string text;
  std::string published;
  std::vector<std::pair<size_t, size_t>> sentences;
  std::string url;  // an HTML page's canonical URL (or og:url), else ""
};

// An article JSON: "text" if present, else title + blocks (as Article::Text() joins them).
Result<Input> FromJson(const std::string& bytes) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(bytes).get(doc); err) {
    return InvalidArgument(std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  simdjson::dom::object o;
  if (doc.get_object().get(o)) return InvalidArgument("article JSON must be an object");
  Input in;
  std::string_view sv;
  if (!o["text"].get_string().get(sv)) {
    in.text = std::string(sv);
  } else {
    if (!o["title"].get_string().get(sv) && !sv.empty()) in.text = std::string(sv);
    simdjson::dom::array blocks;
    if (!o["blocks"].get_array().get(blocks)) {
      for (simdjson::dom::element b : blocks) {
        std::string_view t;
        if (b["text"].get_string().get(t) || t.empty()) continue;
        if (!in.text.empty()) in.text += "\n\n";
        in.text += t;
      }
    }
  }
  if (!o["published"].get_string().get(sv)) in.published = std::string(sv.substr(0, 10));
  if (!o["url"].get_string().get(sv)) in.url = std::string(sv);
  simdjson::dom::array spans;
  if (!o["sentences"].get_array().get(spans)) {
    size_t k = 0;
    for (simdjson::dom::element s : spans) {
      simdjson::dom::array pair;
      int64_t b = -1, e = -1;
      if (s.get_array().get(pair) || pair.size() != 2 || pair.at(0).get_int64().get(b) || pair.at(1).get_int64().get(e) ||
          b < 0 || e < 0) {
        return InvalidArgument("sentences[" + std::to_string(k) + "] must be [begin, end] with non-negative integers");
      }
      in.sentences.emplace_back(static_cast<size_t>(b), static_cast<size_t>(e));
      ++k;
    }
  }
  return in;
}

Result<Input> Load(const std::string& path, const std::string& bytes) {
  size_t p = 0;
  while (p < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[p]))) ++p;
  bool json = EndsWith(path, ".json") || EndsWith(path, ".jsonl") || (path == "-" && p < bytes.size() && bytes[p] == '{');
  bool html = EndsWith(path, ".html") || EndsWith(path, ".htm") || EndsWith(path, ".xhtml") ||
              (path == "-" && p < bytes.size() && bytes[p] == '<');
  if (json) return FromJson(bytes);
  if (html) {
    Record rec;
    rec.body = bytes;
    Document doc = ProcessRecord(rec, Models(), {.analyze = false, .content_hash = false});
    if (doc.status != "ok") return doc.error_status();
    const std::optional<Article>& a = doc.article;
    Input in;
    in.text = a->title;
    std::string body = a->Text();
    if (!in.text.empty() && !body.empty()) in.text += "\n\n";
    in.text += body;
    in.published = a->published.substr(0, 10);
    in.url = a->url;
    return in;
  }
  return Input{bytes, "", {}, ""};
}

// Reads `path` ("-" = stdin): an empty input fails, as an unreadable one does.
Result<Input> ReadAndLoad(const std::string& path) {
  NG_ASSIGN_OR_RETURN(std::string bytes, ReadInput(path, kMaxReadBytes));
  NG_RETURN_IF_ERROR(CheckNotEmpty(path, bytes));
  return Load(path, bytes);
}

}  // namespace

int CmdAnalyze(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags(args, &code);
  if (!flags) return code;
  Flags& f = *flags;
  Result<Models> res = LoadModels({.data_dir = f.data_dir, .codebook = false});
  if (!res.ok()) {
    std::fprintf(stderr, "newsgraph analyze: %s\n", res.status().ToString().c_str());
    return 2;
  }
  std::ofstream file_out;
  std::ostream* out = OpenOutput(f.out_path, file_out, "analyze");
  if (!out) return 2;
  std::optional<std::vector<std::string>> listed = AnalyzeSources("analyze", f.inputs, f.has_text);
  if (!listed) return kExitUsage;
  const std::vector<std::string>& sources = *listed;
  bool pretty = f.pretty == 1 || (f.pretty == -1 && f.out_path.empty() && isatty(STDOUT_FILENO));
  Progress progress(sources.size(), Progress::Wanted(sources.size(), f.quiet));
  size_t failures = 0;
  for (const std::string& src : sources) {
    Result<Input> in = Input{};
    if (src == "--text") {
      in = Input{f.text, "", {}, ""};
      if (Status empty = CheckNotEmpty("text", f.text); !empty.ok()) in = empty;
    } else {
      in = ReadAndLoad(src);
    }
    std::string line = "{\"source\":";
    AppendJsonString(line, src == "--text" ? "text" : src);
    Status st = in.status();
    Document doc;
    if (in.ok()) {
      std::string date = !f.date.empty() ? f.date : in->published;
      if (date.size() < 10) date.clear();
      DocumentOptions opt;
      opt.code = false;
      opt.tokens = f.tokens || f.conllu;
      doc = ProcessText({.text = std::move(in->text), .date = date, .sentences = std::move(in->sentences)}, *res, opt);
      st = doc.error_status();
    }
    const Analysis* a = &doc.analysis;
    const std::string& text = doc.text;
    progress.Tick(!st.ok());
    if (!st.ok()) {
      ++failures;
      progress.Clear();
      std::fprintf(stderr, "newsgraph analyze: %s\n", InputMessage(src == "--text" ? "text" : src, st).c_str());
      if (f.conllu) continue;  // the error is on stderr; CoNLL-U has no place for it
      line += ",\"error\":";
      AppendJsonString(line, st.ToString());
      line += "}";
    } else if (f.conllu) {
      if (!a->notes.empty()) std::fprintf(stderr, "newsgraph analyze: %s: %s\n", src.c_str(), a->notes.c_str());
      *out << "# newdoc id = " << (src == "--text" ? "text" : src) << "\n" << AnalysisToConllu(*a, text);
      continue;
    } else {
      std::string body = AnalysisToJson(*a, text, f.tokens);
      line += ",\"error\":null,\"text\":";
      // The text as analysed (invalid UTF-8 bytes become U+FFFD in JSON; offsets refer to the input bytes).
      std::string text_json;
      {
        std::string clean;
        clean.reserve(text.size());
        const std::string& t = text;
        for (size_t i = 0; i < t.size();) {
          unsigned char c = static_cast<unsigned char>(t[i]);
          size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
          bool ok = n > 0 && i + n <= t.size();
          for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(t[i + k]) & 0xC0) == 0x80;
          if (ok) { clean.append(t, i, n); i += n; }
          else { clean += "\xEF\xBF\xBD"; ++i; }
        }
        AppendJsonString(text_json, clean);
      }
      line += text_json;
      line += ",";
      line.append(body, 1, std::string::npos);
    }
    *out << (pretty ? PrettyJson(line) : line) << "\n";
  }
  progress.Done();
  out->flush();
  return failures ? kExitPartial : kExitOk;
}

}  // namespace ng::cli

namespace ng::cli {

std::optional<std::vector<std::string>> AnalyzeSources(const char* command, const std::vector<std::string>& inputs,
                                                      bool has_text) {
  Result<std::vector<InputFile>> listed = ListInputs(inputs, {".json", ".jsonl", ".html", ".htm", ".xhtml", ".txt"});
  if (!listed.ok()) {
    std::fprintf(stderr, "newsgraph %s: %s\n", command, listed.status().message().c_str());
    return std::nullopt;
  }
  std::vector<std::string> sources;
  if (has_text) sources.push_back("--text");
  for (InputFile& in : *listed) sources.push_back(std::move(in.path));
  return sources;
}

// Shared with `newsgraph code` / `explain` (analyze_input.h): the same input rules as analyze.
Result<AnalyzeInput> ReadAnalyzeInput(const std::string& path) {
  Result<Input> in = ReadAndLoad(path);
  if (!in.ok()) return in.status();
  return AnalyzeInput{std::move(in->text), std::move(in->published), std::move(in->sentences), std::move(in->url)};
}

}  // namespace ng::cli
