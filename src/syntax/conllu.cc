#include "syntax/conllu.h"

#include <charconv>

namespace ng::syntax {
namespace {

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Status LineError(size_t line_no, const char* what) {
  return InvalidArgument("conllu line " + std::to_string(line_no) + ": " + what);
}

std::string_view Field(std::string_view s) { return s.empty() ? std::string_view("_") : s; }

}  // namespace

Result<std::vector<ConlluSentence>> ReadConllu(std::string_view data) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  bool open = false;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (open) {
        out.push_back(std::move(cur));
        cur = ConlluSentence();
        open = false;
      }
      continue;
    }
    if (line[0] == '#') {
      constexpr std::string_view kText = "# text = ";
      if (line.substr(0, kText.size()) == kText) cur.text = std::string(line.substr(kText.size()));
      open = true;
      continue;
    }
    std::string_view f[10];
    int nf = 0;
    size_t s = 0;
    for (;;) {
      size_t t = line.find('\t', s);
      if (nf == 10) return LineError(line_no, "expected 10 tab-separated fields");
      if (t == std::string_view::npos) {
        f[nf++] = line.substr(s);
        break;
      }
      f[nf++] = line.substr(s, t - s);
      s = t + 1;
    }
    if (nf != 10) return LineError(line_no, "expected 10 tab-separated fields");
    if (f[0].find_first_of("-.") != std::string_view::npos) continue;  // range or empty node
    int id = 0;
    if (!ParseInt(f[0], &id) || id != static_cast<int>(cur.words.size()) + 1) {
      return LineError(line_no, "word id is not the next integer");
    }
    ConlluWord w;
    w.form = std::string(f[1]);
    w.lemma = std::string(f[2]);
    w.upos = std::string(f[3]);
    w.xpos = std::string(f[4]);
    w.deprel = std::string(f[7]);
    if (f[6] == "_") {
      w.head = 0;
    } else if (!ParseInt(f[6], &w.head) || w.head < 0) {
      return LineError(line_no, "bad head");
    }
    cur.words.push_back(std::move(w));
    open = true;
  }
  if (open) out.push_back(std::move(cur));
  // Heads must point inside their sentence.
  for (const ConlluSentence& sent : out) {
    for (const ConlluWord& w : sent.words) {
      if (w.head > static_cast<int>(sent.words.size())) {
        return InvalidArgument("conllu: head out of range in sentence \"" + sent.text + "\"");
      }
    }
  }
  return out;
}

std::string WriteConllu(const std::vector<ConlluSentence>& sentences) {
  std::string out;
  for (const ConlluSentence& sent : sentences) {
    if (!sent.text.empty()) {
      out += "# text = ";
      out += sent.text;
      out += '\n';
    }
    for (size_t i = 0; i < sent.words.size(); ++i) {
      const ConlluWord& w = sent.words[i];
      out += std::to_string(i + 1);
      for (std::string_view v : {std::string_view(w.form), std::string_view(w.lemma),
                                 std::string_view(w.upos), std::string_view(w.xpos)}) {
        out += '\t';
        out += Field(v);
      }
      out += "\t_\t";
      out += std::to_string(w.head);
      out += '\t';
      out += Field(w.deprel);
      out += "\t_\t_\n";
    }
    out += '\n';
  }
  return out;
}

}  // namespace ng::syntax
