// conllu.h — read and write CoNLL-U (https://universaldependencies.org/format.html).
//
// Only the basic tree is kept: multiword-token ranges ("1-2") and empty nodes ("8.1") are skipped,
// "# text = ..." is kept as ConlluSentence::text. A malformed line is kInvalidArgument naming its
// (1-based) line number.
//
// Usage:
//   NG_ASSIGN_OR_RETURN(std::vector<ng::syntax::ConlluSentence> sents, ng::syntax::ReadConllu(data));
//   std::string out = ng::syntax::WriteConllu(sents);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace ng::syntax {

struct ConlluWord {
  std::string form, lemma, upos, xpos, deprel;
  int head = 0;  // 0 = root, else 1-based index of the head word in the sentence
};

struct ConlluSentence {
  std::string text;
  std::vector<ConlluWord> words;
};

Result<std::vector<ConlluSentence>> ReadConllu(std::string_view data);

// Writes ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ _ (empty fields as "_"), "# text =" when set,
// a blank line after each sentence.
std::string WriteConllu(const std::vector<ConlluSentence>& sentences);

}  // namespace ng::syntax
