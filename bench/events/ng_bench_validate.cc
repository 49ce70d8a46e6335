// ng_bench_validate — codes sentences with a user's TABARI/PETRARCH dictionaries through the public
// API (ng::LoadForeignDictionaries → ForeignCoder::Code) for bench/events/validate.py.
//
//   ng_bench_validate --dictionaries DIR < requests.jsonl > answers.jsonl
//
// Each request line: {"id":..., "text":..., "date":"YYYY-MM-DD", "parse":"...",
// "options":{"k":"v"}} Each answer line:  {"id":..., "discarded":bool, "error":"..."|null,
//                     "events":[{"source":..,"target":..,"code":..,"rules":[..]}]}
#include <simdjson.h>

#include <iostream>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "newsgraph/code.h"

int main(int argc, char** argv) {
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dictionaries" && i + 1 < argc) dir = argv[++i];
  }
  if (dir.empty()) {
    std::cerr << "usage: ng_bench_validate --dictionaries DIR < requests.jsonl\n";
    return 2;
  }
  auto coder = ng::LoadForeignDictionaries(dir);
  if (!coder.ok()) {
    std::cerr << "ng_bench_validate: " << coder.status().ToString() << "\n";
    return 1;
  }
  simdjson::ondemand::parser parser;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    if (parser.iterate(padded).get(doc)) {
      std::cerr << "ng_bench_validate: bad JSON line\n";
      return 1;
    }
    std::string id, text, date, parse;
    std::vector<std::pair<std::string, std::string>> options;
    simdjson::ondemand::object obj;
    if (doc.get_object().get(obj)) return 1;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return 1;
      std::string_view sv;
      if (key == "id" && !field.value().get_string().get(sv))
        id = sv;
      else if (key == "text" && !field.value().get_string().get(sv))
        text = sv;
      else if (key == "date" && !field.value().get_string().get(sv))
        date = sv;
      else if (key == "parse" && !field.value().get_string().get(sv))
        parse = sv;
      else if (key == "options") {
        simdjson::ondemand::object o;
        if (field.value().get_object().get(o)) continue;
        for (auto kv : o) {
          std::string_view k, v;
          if (kv.unescaped_key().get(k) || kv.value().get_string().get(v)) continue;
          options.emplace_back(std::string(k), std::string(v));
        }
      }
    }
    ng::ForeignCoder::Input in;
    in.sentence = text;
    in.date = date;
    in.parse = parse;
    in.options = options;
    auto r = (*coder)->Code(in);
    std::string out;
    ng::JsonWriter w(&out);
    w.BeginObject();
    w.Key("id");
    w.String(id);
    w.Key("error");
    if (r.ok())
      w.Null();
    else
      w.String(r.status().ToString());
    w.Key("discarded");
    w.Bool(r.ok() && r.value().discarded);
    w.Key("events");
    w.BeginArray();
    if (r.ok()) {
      for (const ng::Event& e : r.value().events) {
        w.BeginObject();
        w.Key("source");
        w.String(e.source.code);
        w.Key("target");
        w.String(e.target.code);
        w.Key("code");
        w.String(e.cameo);
        w.Key("rules");
        w.StringArray(e.rules);
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
    std::cout << out << "\n";
  }
  return 0;
}
