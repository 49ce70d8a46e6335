// libFuzzer target: arbitrary bytes → words + tags → ng::syntax::Parser::Parse, then the tree
// invariants (one root, every head in range, no cycle) are checked; also the same bytes as a
// parser model file (must be rejected or loaded, never crash) and as CoNLL-U text.
//
// Build (needs clang): add to tests/fuzz/CMakeLists.txt
//   add_executable(fuzz_parser fuzz_parser.cc)
//   target_link_options(fuzz_parser PRIVATE -fsanitize=fuzzer)
//   target_link_libraries(fuzz_parser PRIVATE newsgraph_lib)
// and run e.g. `build/fuzz/tests/fuzz/fuzz_parser -max_total_time=600`. The parser is the committed
// data/syntax/parser.model when NG_PARSER_MODEL names it, else a toy model trained at start-up.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/parser.h"
#include "syntax/tagset.h"

namespace {

using ng::syntax::ConlluSentence;
using ng::syntax::ConlluWord;
using ng::syntax::Parser;

ConlluSentence ToySentence(const char* subj, const char* verb, const char* obj) {
  ConlluSentence s;
  auto add = [&](const char* form, const char* upos, const char* xpos, int head, const char* rel) {
    ConlluWord w;
    w.form = form;
    w.upos = upos;
    w.xpos = xpos;
    w.head = head;
    w.deprel = rel;
    s.words.push_back(w);
  };
  add("the", "DET", "DT", 2, "det");
  add(subj, "NOUN", "NN", 3, "nsubj");
  add(verb, "VERB", "VBD", 0, "root");
  add(obj, "NOUN", "NNS", 3, "obj");
  add(".", "PUNCT", ".", 3, "punct");
  return s;
}

const Parser& TheParser() {
  static std::unique_ptr<Parser> parser = []() -> std::unique_ptr<Parser> {
    if (const char* path = std::getenv("NG_PARSER_MODEL")) {
      auto r = Parser::Load(path);
      if (r.ok()) return std::move(r).value();
    }
    std::vector<ConlluSentence> train;
    for (const char* s : {"army", "police", "rebel"}) {
      for (const char* v : {"attacked", "met", "fired"}) {
        for (const char* o : {"towns", "protesters", "shots"}) train.push_back(ToySentence(s, v, o));
      }
    }
    ng::syntax::ParserTrainOptions opt;
    opt.epochs = 2;
    opt.min_feature_count = 1;
    auto r = ng::syntax::TrainParser(train, {}, opt, nullptr);
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return *parser;
}

void CheckTree(const ng::syntax::ParseOutput& out, int n) {
  if (static_cast<int>(out.head.size()) != n || static_cast<int>(out.deprel.size()) != n) std::abort();
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    if (out.head[i] < -1 || out.head[i] >= n || out.head[i] == i) std::abort();
    if (out.head[i] == -1) ++roots;
    if (out.deprel[i] >= ng::syntax::DeprelCount()) std::abort();
  }
  if (n > 0 && roots != 1) std::abort();
  for (int i = 0; i < n; ++i) {  // every word reaches the root within n steps
    int a = i, steps = 0;
    while (a != -1 && steps <= n) a = out.head[a], ++steps;
    if (a != -1) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0:
      (void)Parser::FromBytes(bytes);
      return 0;
    case 1:
      (void)ng::syntax::ReadConllu(bytes);
      return 0;
    default:
      break;
  }
  // Words: split on spaces; each word's first two bytes (when present) are also its UPOS and XPOS
  // ids, unchecked, so out-of-range tags are exercised too.
  std::vector<std::string_view> forms;
  std::vector<uint8_t> upos, xpos;
  size_t start = 0;
  for (size_t i = 0; i <= bytes.size(); ++i) {
    if (i == bytes.size() || bytes[i] == ' ') {
      if (i > start) {
        std::string_view w = bytes.substr(start, i - start);
        forms.push_back(w);
        upos.push_back(static_cast<uint8_t>(w[0]));
        xpos.push_back(static_cast<uint8_t>(w.size() > 1 ? w[1] : w[0]));
      }
      start = i + 1;
    }
  }
  ng::syntax::ParseInput in{forms.data(), upos.data(), xpos.data(), nullptr,
                            static_cast<int>(forms.size())};
  ng::syntax::ParseOutput out;
  TheParser().Parse(in, &out);
  CheckTree(out, static_cast<int>(forms.size()));
  return 0;
}
