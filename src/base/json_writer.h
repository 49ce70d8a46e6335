// json_writer.h — a small streaming JSON writer (objects, arrays, strings, numbers).
//
//   JsonWriter w(&out);
//   w.BeginObject(); w.Key("title"); w.String(t); w.EndObject();
// Strings are written as given; invalid UTF-8 must be sanitised by the caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ng {

void AppendJsonString(std::string& out, std::string_view s);
// Compact JSON (as JsonWriter writes it) indented by two spaces per level for people; arrays of
// scalars stay on one line. Strings are copied as they are.
std::string PrettyJson(std::string_view compact);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  void BeginObject() { Sep(); *out_ += '{'; first_.push_back(true); }
  void EndObject() { *out_ += '}'; first_.pop_back(); }
  void BeginArray() { Sep(); *out_ += '['; first_.push_back(true); }
  void EndArray() { *out_ += ']'; first_.pop_back(); }
  void Key(std::string_view k) { Sep(); AppendJsonString(*out_, k); *out_ += ':'; after_key_ = true; }
  void String(std::string_view s) { Sep(); AppendJsonString(*out_, s); }
  void StringOrNull(std::string_view s) { if (s.empty()) Null(); else String(s); }
  void Int(long long v) { Sep(); *out_ += std::to_string(v); }
  void Double(double v);
  // A number already in JSON's grammar (the caller checked it), written as is: no precision lost.
  void RawNumber(std::string_view n) { Sep(); *out_ += n; }
  void Bool(bool v) { Sep(); *out_ += v ? "true" : "false"; }
  void Null() { Sep(); *out_ += "null"; }
  void StringArray(const std::vector<std::string>& v) {
    BeginArray();
    for (const auto& s : v) String(s);
    EndArray();
  }

 private:
  void Sep() {
    if (after_key_) { after_key_ = false; return; }
    if (!first_.empty()) {
      if (!first_.back()) *out_ += ',';
      first_.back() = false;
    }
  }
  std::string* out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace ng
