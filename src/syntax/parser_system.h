// parser_system.h — the transition system of the parser (internal; tests use it model-free).
//
// Arc-standard with SWAP (Nivre 2009): a stack whose bottom is the artificial root (word 0) and a
// buffer of words 1..n. Transitions:
//   SHIFT      move the buffer front onto the stack
//   SWAP       move s1 back to the buffer front (only when s1 precedes s0 in the sentence)
//   LEFT(l)    s1 becomes a dependent of s0 with label l; pop s1
//   RIGHT(l)   s0 becomes a dependent of s1 with label l; pop s0
// A second system, arc-hybrid (Kuhlmann et al. 2011), differs only in LEFT(l): s0 becomes a
// dependent of the buffer front b0; pop s0. It has no SWAP (projective trees only) but has a cheap
// dynamic oracle (Goldberg & Nivre 2013), so the parser can be trained on its own mistakes.
// The root may take only one dependent, by RIGHT(root) once the buffer is empty, so every final
// state is a tree with one root. SWAPs are capped at n per sentence, which bounds a parse to at
// most 4n transitions (linear time) without changing any reachable gold tree of EWT.
#pragma once

#include <cstdint>
#include <vector>

namespace ng::syntax {

// Class ids: 0 = SHIFT, 1 = SWAP, 2 + l = LEFT(l), 2 + L + l = RIGHT(l), L = number of labels.
inline constexpr int kShift = 0;
inline constexpr int kSwap = 1;

struct ParserState {
  int n = 0;               // words 1..n; 0 is the root
  int num_labels = 0;
  int root_label = 0;
  std::vector<int> stack;  // stack.back() = s0
  std::vector<int> buffer; // buffer.back() = front of the buffer
  std::vector<int> head;   // -1 = not attached yet; 0 = root
  std::vector<uint8_t> label;
  // Children by sentence position: two leftmost and two rightmost, counts and label sets.
  std::vector<int> lc1, lc2, rc1, rc2;
  std::vector<uint16_t> nleft, nright;
  std::vector<uint64_t> lset, rset;
  int swaps = 0;
  int max_swaps = 0;
  bool hybrid = false;  // arc-hybrid instead of arc-standard + SWAP

  // Reuses the vectors' storage: no allocation once they have grown to the longest sentence.
  void Reset(int n_words, int labels, int root_label_id, bool arc_hybrid = false);
  bool Terminal() const { return buffer.empty() && stack.size() == 1; }
  int S(int i) const {  // i-th from the stack top, -1 if none
    return static_cast<int>(stack.size()) > i ? stack[stack.size() - 1 - i] : -1;
  }
  int B(int i) const {
    return static_cast<int>(buffer.size()) > i ? buffer[buffer.size() - 1 - i] : -1;
  }
  bool Valid(int cls) const;
  void Apply(int cls);
  int NumClasses() const { return 2 + 2 * num_labels; }
};

// Static oracle with lazy swaps for a gold tree (gold_head[i] for i in 1..n, 0 = root;
// entries [0] unused). Returns false when the gold tree is not a single-rooted tree.
class ParserOracle {
 public:
  bool Init(int n, const int* gold_head, const uint8_t* gold_label, int num_labels, int root_label);
  int Next(const ParserState& state) const;  // the gold transition in `state`

 private:
  int n_ = 0, num_labels_ = 0;
  std::vector<int> head_, order_, mpc_, nkids_;
  std::vector<uint8_t> label_;
};

// Dynamic oracle for arc-hybrid: the number of gold arcs (a wrong label counts as a lost arc)
// that each class would make unreachable from `state`. Exact for projective gold trees; for
// non-projective ones the minimum-cost classes are still a sensible target.
class HybridOracle {
 public:
  bool Init(int n, const int* gold_head, const uint8_t* gold_label, int root_label);
  // cost[c] for every class c < state.NumClasses(); invalid classes get a large cost.
  void Costs(const ParserState& state, int* cost) const;

 private:
  int n_ = 0;
  std::vector<int> head_;
  std::vector<uint8_t> label_;
  std::vector<int> kid_begin_, kids_;  // gold dependents of each word, CSR
};

}  // namespace ng::syntax
