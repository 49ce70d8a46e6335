// tagger.h — a part-of-speech tagger (UPOS + XPOS jointly) for English words, EWT-style.
//
// Greedy averaged perceptron over hashed integer features (word, lowercase, prefixes/suffixes,
// shape, flags, ambiguity classes, ±2 context words, the two previous tags), run left to right and
// right to left; each word takes the label with the best sum of both passes' scores. Frequent
// unambiguous words are tagged from a dictionary without scoring. One label is a (UPOS, XPOS)
// pair as seen in training ("AUX|VBZ", "VERB|VBZ"), so the UPOS split of an XPOS (AUX vs VERB,
// ADP vs SCONJ, PART vs ADV) is decided in context, not from a word list.
//   NG_ASSIGN_OR_RETURN(std::unique_ptr<Tagger> t, Tagger::Load("data/syntax/tagger.model"));
//   std::vector<uint16_t> tags(n);  t->Tag(words, n, tags.data());
//   t->upos(tags[0]);  // "PROPN"
// Thread-safe after Load (Tag is const and keeps no state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"
#include "syntax/huge_pages.h"

namespace ng::syntax {

// One training sentence: words with their gold tags (all three the same length).
struct TaggedSentence {
  std::vector<std::string> words, upos, xpos;
};

struct TaggerTrainOptions {
  int iterations = 10;
  uint64_t seed = 1;            // the shuffle of the training sentences (deterministic)
  int dict_min_count = 10;      // a word enters the tag dictionary when seen this often ...
  double dict_min_ratio = 0.99; // ... with one label at least this share of the time
  int lex_min_count = 3;        // words seen this often get an ambiguity-class feature
  bool bidirectional = true;    // train a right-to-left model as well (tagging costs two passes)
  float prune = 0.0f;           // averaged weights with |w| below this are dropped
};

class Tagger {
 public:
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  // The model from its bytes (as Serialize wrote them); a corrupt model is kDataLoss.
  static Result<std::unique_ptr<Tagger>> FromBytes(std::string_view bytes);
  Status Save(const std::string& path) const;
  std::string Serialize() const;

  // Tags words[0, n) into tags[0, n) (label ids, < num_tags()). Linear in n and in the bytes.
  void Tag(const std::string_view* words, int n, uint16_t* tags) const;

  int num_tags() const { return static_cast<int>(upos_.size()); }
  const std::string& upos(int tag) const { return upos_[tag]; }
  const std::string& xpos(int tag) const { return xpos_[tag]; }
  size_t MemoryBytes() const;
  size_t num_features() const { return num_features_; }
  // The right-to-left model is consulted only where the left-to-right pass's best label leads the
  // second by less than this (0: never; a large value: everywhere). Chosen on dev; see SYNTAX.md.
  void set_backward_margin(float m) { backward_margin_ = m; }

  Tagger();
  ~Tagger();

 private:
  void RepairFiniteVerb(const std::string_view* words, int n, uint16_t* tags) const;
  friend class TaggerTrainer;
  // 8 bytes: the high half of the feature key (its low bits chose the slot) and the feature's
  // weight row as begin << 9 | count.
  struct Slot {
    uint32_t fp;
    uint32_t row;
  };
  struct Weight {
    float w;
    uint32_t tag;
  };
  const Slot* Find(uint64_t key) const;
  void Score(const uint64_t* f, size_t k, float* scores) const;
  void BuildTable(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& counts);
  uint16_t DictLookup(uint64_t word_hash) const;  // 0xFFFF when absent
  uint64_t AmbiguityClass(uint64_t lower_hash) const;

  std::vector<std::string> upos_, xpos_;
  std::vector<Slot, HugePageAllocator<Slot>> table_;  // open addressing, power-of-two size, fp 0 = empty
  std::vector<uint64_t> keys_;     // full keys in weight-row order (for Serialize)
  std::vector<uint32_t> counts_;   // weights per key, same order
  std::vector<Weight, HugePageAllocator<Weight>> weights_;
  std::vector<std::pair<uint64_t, uint16_t>> dict_;  // open addressing as well, key 0 = empty
  std::vector<std::pair<uint64_t, uint64_t>> lex_;   // lowercase word -> ambiguity class
  size_t num_features_ = 0;
  int directions_ = 1;  // 2: a right-to-left model too, its scores added to the left-to-right ones
  float backward_margin_ = 12.0f;  // dev: 95.32 UPOS at ~60% of the cost of both passes everywhere
};

Result<std::unique_ptr<Tagger>> TrainTagger(const std::vector<TaggedSentence>& train,
                                            const TaggerTrainOptions& options, std::ostream* log);

// Share of words whose tags agree: {upos, xpos} accuracy of `tagger` on `gold`.
struct TagAccuracy {
  double upos = 0, xpos = 0;
  size_t words = 0;
};
TagAccuracy EvaluateTagger(const Tagger& tagger, const std::vector<TaggedSentence>& gold);

}  // namespace ng::syntax
