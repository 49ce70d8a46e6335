// parser.h — labelled dependency parser (UD relations) for one sentence at a time.
//
// A greedy transition-based parser: arc-standard with SWAP (so non-projective trees can be built),
// labelled transitions scored by an averaged perceptron over hashed Zhang & Nivre-style features
// (arc-hybrid with a dynamic oracle is a training option). Design and numbers: docs/SYNTAX.md.
// Parse() always returns a tree (one root, no cycles, every word has a head), runs in time linear
// in the sentence length (the number of SWAPs is capped), uses no recursion and never fails.
//
// Usage:
//   NG_ASSIGN_OR_RETURN(std::unique_ptr<ng::syntax::Parser> parser,
//                       ng::syntax::Parser::Load("data/syntax/parser.model"));
//   ng::syntax::ParseInput in{forms, upos, xpos, /*lemmas=*/nullptr, n};
//   ng::syntax::ParseOutput out;
//   parser->Parse(in, &out);   // out.head[i] = head index or -1; out.deprel[i] = DeprelName() id
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"
#include "syntax/conllu.h"

namespace ng::syntax {

struct ParseInput {                   // one sentence; all arrays have n entries
  const std::string_view* forms;      // surface words as in the text
  const uint8_t* upos;                // tagset ids (predicted by the tagger at run time)
  const uint8_t* xpos;
  const std::string_view* lemmas;     // may be nullptr (the parser does not use them today)
  int n;
};

struct ParseOutput {
  std::vector<int> head;              // 0-based index of the head word, -1 = root
  std::vector<uint8_t> deprel;        // tagset.h ids
};

class ParserModel;  // parser_model.h: the weights

class Parser {
 public:
  ~Parser();
  static Result<std::unique_ptr<Parser>> Load(const std::string& path);  // model file
  static Result<std::unique_ptr<Parser>> FromBytes(std::string_view bytes);
  Status Save(const std::string& path) const;
  std::string ToBytes() const;
  // Thread-safe; never fails; linear time; no recursion. n <= 0 gives empty output.
  void Parse(const ParseInput& in, ParseOutput* out) const;
  size_t MemoryBytes() const;

  explicit Parser(std::unique_ptr<ParserModel> model);

 private:
  std::unique_ptr<ParserModel> model_;
};

struct ParserTrainOptions {
  int epochs = 8;  // the epoch with the best dev LAS is kept
  uint64_t seed = 1;
  // Gold tags of a training word are replaced by another tag the word has in training with this
  // probability, so the parser learns to live with the tagger's mistakes.
  double tag_noise = 0.0;
  // Features updated fewer times than this in training are dropped from the saved model.
  int min_feature_count = 6;
  // Transition system: arc-standard + SWAP with the static oracle (non-projective trees too), or
  // arc-hybrid with a dynamic oracle and exploration (projective only; measured no better on EWT
  // dev with predicted tags and a larger model — docs/SYNTAX.md).
  bool arc_hybrid = false;
  int explore_from_epoch = 2;  // from this epoch on, ...
  double explore = 0.9;        // ... follow the model's own choice with this probability
};

// Deterministic: the same inputs give the same model bytes. Progress lines go to `log` if not null.
Result<std::unique_ptr<Parser>> TrainParser(const std::vector<ConlluSentence>& train,
                                            const std::vector<ConlluSentence>& dev,
                                            const ParserTrainOptions& opt, std::ostream* log);

// Attachment scores of `parser` on `gold` (punctuation included, as in the CoNLL 2018 shared task
// LAS counts every word). Tags are the gold ones from the file unless `upos`/`xpos` are given
// (one vector per sentence).
struct ParserScore {
  long words = 0, head_correct = 0, labelled_correct = 0;
  double uas() const { return words ? 100.0 * head_correct / words : 0; }
  double las() const { return words ? 100.0 * labelled_correct / words : 0; }
};
ParserScore EvaluateParser(const Parser& parser, const std::vector<ConlluSentence>& gold,
                           const std::vector<std::vector<uint8_t>>* upos = nullptr,
                           const std::vector<std::vector<uint8_t>>* xpos = nullptr);

// For tests: sums random int16 rows with each SIMD kernel of the dense scorer this CPU can run
// and with the plain loop; returns how many kernels disagree with the plain loop (must be 0), or
// -1 when the CPU runs no SIMD kernel (nothing to compare).
int DenseKernelsDisagreeForTest(uint64_t seed);

}  // namespace ng::syntax
