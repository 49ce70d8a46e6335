// newsgraph code / explain — thin: input → the document stage (ProcessText, Explain) → JSONL, GDELT rows or CSV.
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/analyze_input.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "newsgraph/analyze.h"
#include "newsgraph/code.h"
#include "newsgraph/pipeline.h"

namespace ng::cli {
namespace {

constexpr const char* kCodeHelp =
    "usage: newsgraph code [ARTICLE.json | PAGE.html | TEXT.txt | -]... [flags]\n"
    "\n"
    "Codes political events (who did what to whom, CAMEO and PLOVER) from each input, after the\n"
    "same analysis as `newsgraph analyze`: actors, verb patterns, clause rules, dates, places.\n"
    "Inputs are read as analyze reads them (directories too).\n"
    "\n"
    "flags:\n"
    "  --date YYYY-MM-DD   publication date (default: the article's own). Without either, events\n"
    "                      are undated (said on stderr): GDELT's date columns stay empty and\n"
    "                      DATEADDED is the time of the run\n"
    "  --url URL           the article URL (GDELT SOURCEURL, part of the stable event id; default:\n"
    "                      an HTML page's canonical URL)\n"
    "  --format F          jsonl (default: one event per line), gdelt (61 tab-separated GDELT 2.0\n"
    "                      event columns) or csv (with a header)\n"
    "  --ontology O        cameo, plover or both (default) in JSON output\n"
    "  --sentences FILE    JSONL of {\"id\", \"text\", \"date\"}: each line coded as its own document;\n"
    "                      events carry \"doc_id\"\n"
    "  --text STRING       code STRING instead of reading inputs\n"
    "  --dictionaries DIR  code with the user's TABARI / PETRARCH dictionaries instead of ours\n"
    "  --codebook DIR      our dictionaries (default: $NEWSGRAPH_CODEBOOK or the build's data/code)\n"
    "  --data DIR          analysis tables (default: $NEWSGRAPH_DATA or the build's data dir)\n"
    "  --max-events N      events per sentence, compound actors included (default 8)\n"
    "  --no-syntax         code from word windows alone (no tagger/parser tree), for comparison\n"
    "  -o FILE             write to FILE instead of stdout\n"
    "  --quiet             no progress bar (shown for several inputs when stderr is a terminal)\n"
    "\n"
    "JSON events carry \"date_precision\" (day, month or year: GDELT's SQLDATE of a month-only date\n"
    "is its first day) and their \"quantities\" as objects (text, value, unit, kind, offsets).\n"
    "\n";

constexpr const char* kExplainHelp =
    "usage: newsgraph explain \"SENTENCE\" [--date YYYY-MM-DD] [--codebook DIR] [--data DIR]\n"
    "\n"
    "Shows how the coder reads SENTENCE: the actors found (codes, byte spans), the patterns that\n"
    "matched (dictionary file:line), the rules that fired (passive, attribution, negation,\n"
    "modality, compound expansion), why candidates were rejected, and the events emitted.\n"
    "It opens with the dependency tree of each sentence (docs/SYNTAX.md): one word a line, under its\n"
    "head, as `relation word UPOS/XPOS`.\n"
    "\n";

struct Flags {
  std::string date, url, format = "jsonl", ontology = "both", sentences, text, dictionaries, codebook, data, out_path;
  bool has_text = false, quiet = false;
  int max_events = 8;
  bool syntax = true;  // --no-syntax: analysis without the tagger and parser
  std::vector<std::string> inputs;
};

std::optional<Flags> ParseFlags(const char* cmd, const char* help, const std::vector<std::string>& args, int* code) {
  Flags f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "newsgraph %s: %s needs a value\n", cmd, a.c_str());
        *code = 2;
        return nullptr;
      }
      return &args[++i];
    };
    const std::string* v = nullptr;
    if (a == "--help" || a == "-h") {
      std::fputs(help, stdout);
      std::fputs(kExitCodesHelp, stdout);
      *code = 0;
      return std::nullopt;
    } else if (a == "--date") {
      if (!(v = value())) return std::nullopt;
      f.date = *v;
      if (!CheckDateFlag(cmd, "--date", f.date)) {
        *code = kExitUsage;
        return std::nullopt;
      }
    } else if (a == "--url") {
      if (!(v = value())) return std::nullopt;
      f.url = *v;
    } else if (a == "--format") {
      if (!(v = value())) return std::nullopt;
      if (*v != "jsonl" && *v != "gdelt" && *v != "csv" && *v != "json") {
        std::fprintf(stderr, "newsgraph %s: unknown format '%s' (jsonl, gdelt, csv)\n", cmd, v->c_str());
        *code = 2;
        return std::nullopt;
      }
      f.format = *v == "json" ? "jsonl" : *v;
    } else if (a == "--ontology") {
      if (!(v = value())) return std::nullopt;
      if (*v != "cameo" && *v != "plover" && *v != "both") {
        std::fprintf(stderr, "newsgraph %s: unknown ontology '%s' (cameo, plover, both)\n", cmd, v->c_str());
        *code = 2;
        return std::nullopt;
      }
      f.ontology = *v;
    } else if (a == "--sentences") {
      if (!(v = value())) return std::nullopt;
      f.sentences = *v;
    } else if (a == "--text") {
      if (!(v = value())) return std::nullopt;
      f.text = *v;
      f.has_text = true;
    } else if (a == "--dictionaries") {
      if (!(v = value())) return std::nullopt;
      f.dictionaries = *v;
    } else if (a == "--codebook") {
      if (!(v = value())) return std::nullopt;
      f.codebook = *v;
    } else if (a == "--data") {
      if (!(v = value())) return std::nullopt;
      f.data = *v;
    } else if (a == "--max-events") {
      if (!(v = value())) return std::nullopt;
      char* end = nullptr;
      long n = std::strtol(v->c_str(), &end, 10);
      if (v->empty() || *end || n < 1 || n > 10000) {
        std::fprintf(stderr, "newsgraph %s: --max-events needs a number 1..10000\n", cmd);
        *code = 2;
        return std::nullopt;
      }
      f.max_events = static_cast<int>(n);
    } else if (a == "-o" || a == "--output") {
      if (!(v = value())) return std::nullopt;
      f.out_path = *v;
    } else if (a == "--no-syntax") {
      f.syntax = false;
    } else if (a == "--quiet" || a == "-q") {
      f.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "newsgraph %s: unknown flag '%s'\n\n%s", cmd, a.c_str(), help);
      *code = 2;
      return std::nullopt;
    } else {
      f.inputs.push_back(a);
    }
  }
  return f;
}

// The analysis tables and one of the two coders, loaded once; errors on stderr (exit 2).
std::optional<Models> LoadCoders(const char* cmd, const Flags& f, int* code) {
  Result<Models> m = LoadModels({.data_dir = f.data, .codebook = false});
  if (!m.ok()) {
    std::fprintf(stderr, "newsgraph %s: %s\n", cmd, m.status().ToString().c_str());
    *code = 2;
    return std::nullopt;
  }
  Result<Models> coder = LoadModels({.codebook_dir = f.codebook, .dictionaries = f.dictionaries, .analysis = false});
  if (!coder.ok()) {
    std::string where = f.dictionaries.empty() ? "" : f.dictionaries + ": ";
    std::fprintf(stderr, "newsgraph %s: %s%s\n", cmd, where.c_str(), coder.status().ToString().c_str());
    *code = 2;
    return std::nullopt;
  }
  m->codebook = coder->codebook;
  m->foreign = coder->foreign;
  return std::move(m).value();
}

// Codes one document; events are appended to `out` in the requested format. `url` is SOURCEURL.
Status CodeDocument(const Models& m, const Flags& f, std::string text, const std::string& date,
                    std::vector<std::pair<size_t, size_t>> spans, const std::string& doc_id,
                    const std::string& url, std::string* out) {
  DocumentOptions o;
  o.syntax = f.syntax;
  o.coding.ontology = f.ontology;
  o.coding.max_events_per_sentence = f.max_events;
  Document doc = ProcessText({.text = std::move(text), .date = date, .sentences = std::move(spans)}, m, o);
  if (doc.status != "ok") return doc.error_status();
  EventFormatContext ctx;
  ctx.text = doc.text;
  ctx.url = url;
  ctx.date_added = date;
  ctx.doc_id = doc_id;
  ctx.ontology = f.ontology;
  ctx.quantities = &doc.analysis.quantities;
  for (const Event& e : doc.events) {
    if (f.format == "gdelt") *out += EventToGdeltRow(e, ctx);
    else if (f.format == "csv") *out += EventToCsvRow(e, ctx);
    else *out += EventToJson(e, ctx);
    *out += '\n';
  }
  return Status::Ok();
}

}  // namespace

int CmdCode(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags("code", kCodeHelp, args, &code);
  if (!flags) return code;
  Flags& f = *flags;
  if (f.inputs.empty() && !f.has_text && f.sentences.empty()) f.inputs.push_back("-");
  std::optional<Models> coders = LoadCoders("code", f, &code);
  if (!coders) return code;
  std::ofstream file_out;
  std::ostream* out = OpenOutput(f.out_path, file_out, "code");
  if (!out) return kExitUsage;
  if (f.format == "csv") *out << EventCsvHeader() << "\n";
  size_t failures = 0;
  std::string buf;
  if (!f.sentences.empty()) {
    Result<std::string> bytes = ReadInput(f.sentences, kMaxReadBytes);
    if (!bytes.ok()) {  // an input like the others: reported, the rest goes on
      std::fprintf(stderr, "newsgraph code: %s\n", InputMessage(f.sentences, bytes.status()).c_str());
      ++failures;
      bytes = std::string();
    }
    simdjson::dom::parser parser;
    size_t line_no = 0, pos = 0, undated_lines = 0;
    const std::string& all = *bytes;
    while (pos < all.size()) {
      size_t nl = all.find('\n', pos);
      if (nl == std::string::npos) nl = all.size();
      std::string line = all.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      simdjson::dom::element doc;
      simdjson::dom::object o;
      std::string_view id, text, date;
      if (parser.parse(line).get(doc) || doc.get_object().get(o) || o["text"].get_string().get(text)) {
        std::fprintf(stderr, "newsgraph code: %s:%zu: expected a JSON object with \"text\"\n", f.sentences.c_str(), line_no);
        ++failures;
        continue;
      }
      std::string id_s;
      if (!o["id"].get_string().get(id)) id_s = std::string(id);
      else {
        int64_t n;
        id_s = !o["id"].get_int64().get(n) ? std::to_string(n) : std::to_string(line_no);
      }
      std::string d = f.date;
      if (d.empty() && !o["date"].get_string().get(date) && date.size() >= 10) d = std::string(date.substr(0, 10));
      undated_lines += d.empty();
      buf.clear();
      Status st = CodeDocument(*coders, f, std::string(text), d, {}, id_s, f.url, &buf);
      if (!st.ok()) {
        std::fprintf(stderr, "newsgraph code: %s:%zu: %s\n", f.sentences.c_str(), line_no, st.ToString().c_str());
        ++failures;
        continue;
      }
      *out << buf;
    }
    if (undated_lines)
      std::fprintf(stderr, "newsgraph code: %s: %zu lines without \"date\" and no --date: their events are undated "
                           "(GDELT date columns empty, DATEADDED the time of this run)\n", f.sentences.c_str(), undated_lines);
  }
  std::optional<std::vector<std::string>> listed = AnalyzeSources("code", f.inputs, f.has_text);
  if (!listed) return kExitUsage;
  const std::vector<std::string>& sources = *listed;
  Progress progress(sources.size(), Progress::Wanted(sources.size(), f.quiet));
  size_t undated = 0;
  for (const std::string& src : sources) {
    std::string name = src == "--text" ? "text" : src;
    Result<AnalyzeInput> in = src == "--text" ? AnalyzeInput{f.text, "", {}, ""} : ReadAnalyzeInput(src);
    if (src == "--text" && !CheckNotEmpty(name, f.text).ok()) in = CheckNotEmpty(name, f.text);
    Status st = in.status();
    if (in.ok()) {
      std::string date = !f.date.empty() ? f.date : in->published;
      if (date.size() < 10) date.clear();
      buf.clear();
      st = CodeDocument(*coders, f, in->text, date, in->sentences, "", f.url.empty() ? in->url : f.url, &buf);
      if (st.ok()) *out << buf;
      if (st.ok() && date.empty() && !buf.empty()) {
        progress.Clear();
        if (++undated <= 20)
          std::fprintf(stderr, "newsgraph code: %s: no publication date in the input and no --date: events not dated "
                               "by their sentence are undated (GDELT date columns empty, DATEADDED the time of this run)\n",
                       name.c_str());
      }
    }
    progress.Tick(!st.ok());
    if (!st.ok()) {
      ++failures;
      progress.Clear();
      std::fprintf(stderr, "newsgraph code: %s\n", InputMessage(name, st).c_str());
    }
  }
  progress.Done();
  out->flush();
  return failures ? kExitPartial : kExitOk;
}

// The dependency tree of every sentence, indented under each head; iterative (an explicit stack),
// and every token is printed once even if a tree were malformed.
std::string DependencyTree(const Analysis& a, std::string_view text) {
  std::string out;
  for (size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    int b = s.first_token, n = s.token_count;
    out += "tree " + std::to_string(si + 1) + ":";
    bool parsed = false;
    for (int i = 0; i < n; ++i) parsed |= a.tokens[b + i].head >= 0;
    if (!parsed && n > 1) {
      out += " (no parser model: run make train-syntax)\n";
      continue;
    }
    out += "\n";
    std::vector<std::vector<int>> kids(n);
    std::vector<int> roots;
    for (int i = 0; i < n; ++i) {
      int h = a.tokens[b + i].head;
      if (h >= b && h < b + n && h != b + i) kids[h - b].push_back(i);
      else roots.push_back(i);
    }
    std::vector<char> done(n, 0);
    std::vector<std::pair<int, int>> stack;  // (word, depth)
    auto visit = [&](int r) {
      stack.push_back({r, 0});
      while (!stack.empty()) {
        auto [i, depth] = stack.back();
        stack.pop_back();
        if (done[i]) continue;
        done[i] = 1;
        const Token& t = a.tokens[b + i];
        out.append(2 + 2 * std::min(depth, 30), ' ');
        out += t.head < 0 ? "root" : DeprelName(t.deprel);
        out += "  ";
        out.append(text.substr(t.begin, t.end - t.begin));
        out += "  ";
        out += UposName(t.upos);
        out += '/';
        out += XposName(t.xpos);
        out += '\n';
        for (auto k = kids[i].rbegin(); k != kids[i].rend(); ++k) stack.push_back({*k, depth + 1});
      }
    };
    for (int r : roots) visit(r);
    for (int i = 0; i < n; ++i)
      if (!done[i]) visit(i);  // a cycle (never from our parser): still show every word
  }
  return out;
}

int CmdExplain(const std::vector<std::string>& args) {
  int code = 0;
  std::optional<Flags> flags = ParseFlags("explain", kExplainHelp, args, &code);
  if (!flags) return code;
  Flags& f = *flags;
  std::string sentence = f.has_text ? f.text : "";
  for (const std::string& s : f.inputs) sentence += (sentence.empty() ? "" : " ") + s;
  if (sentence.empty()) {
    std::fputs(kExplainHelp, stderr);
    return 2;
  }
  if (!f.dictionaries.empty()) {
    std::fputs("newsgraph explain: --dictionaries is not supported; explain shows our own coder\n", stderr);
    return 2;
  }
  std::optional<Models> coders = LoadCoders("explain", f, &code);
  if (!coders) return code;
  DocumentOptions o;
  o.syntax = f.syntax;
  o.coding.max_events_per_sentence = f.max_events;
  Result<Explanation> x = Explain(sentence, f.date, *coders, o);
  if (!x.ok()) {
    std::fprintf(stderr, "newsgraph explain: %s\n", x.status().ToString().c_str());
    return 1;
  }
  std::string out = DependencyTree(x->analysis, x->text);
  for (const std::string& line : x->trace) out += line + "\n";
  out += "events: " + std::to_string(x->events.size()) + "\n";
  EventFormatContext ctx;
  ctx.text = x->text;
  ctx.quantities = &x->analysis.quantities;
  for (const Event& e : x->events) out += EventToJson(e, ctx) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace ng::cli
