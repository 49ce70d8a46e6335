#include "syntax/parser_system.h"

#include <algorithm>

namespace ng::syntax {

void ParserState::Reset(int n_words, int labels, int root_label_id, bool arc_hybrid) {
  hybrid = arc_hybrid;
  n = n_words;
  num_labels = labels;
  root_label = root_label_id;
  stack.clear();
  stack.reserve(n + 1);
  stack.push_back(0);
  buffer.clear();
  buffer.reserve(n + 1);
  for (int i = n; i >= 1; --i) buffer.push_back(i);
  head.assign(n + 1, -1);
  label.assign(n + 1, 0);
  lc1.assign(n + 1, -1);
  lc2.assign(n + 1, -1);
  rc1.assign(n + 1, -1);
  rc2.assign(n + 1, -1);
  nleft.assign(n + 1, 0);
  nright.assign(n + 1, 0);
  lset.assign(n + 1, 0);
  rset.assign(n + 1, 0);
  swaps = 0;
  max_swaps = n;
}

bool ParserState::Valid(int cls) const {
  const size_t depth = stack.size();
  if (cls == kShift) return !buffer.empty();
  if (cls == kSwap) {
    return !hybrid && depth >= 3 && swaps < max_swaps && S(1) < S(0);
  }
  if (cls < 2 || cls >= NumClasses()) return false;
  const bool left = cls < 2 + num_labels;
  const int l = left ? cls - 2 : cls - 2 - num_labels;
  if (left && hybrid) return depth >= 2 && !buffer.empty() && l != root_label;
  if (left) return depth >= 3 && l != root_label;
  if (depth >= 3) return l != root_label;
  return depth == 2 && buffer.empty() && l == root_label;
}

void ParserState::Apply(int cls) {
  if (cls == kShift) {
    stack.push_back(buffer.back());
    buffer.pop_back();
    return;
  }
  if (cls == kSwap) {
    const int s0 = stack.back();
    stack.pop_back();
    const int s1 = stack.back();
    stack.pop_back();
    stack.push_back(s0);
    buffer.push_back(s1);
    ++swaps;
    return;
  }
  const bool left = cls < 2 + num_labels;
  const int l = left ? cls - 2 : cls - 2 - num_labels;
  const int s0 = stack.back();
  stack.pop_back();
  const int s1 = stack.back();
  int h, d;
  if (left && hybrid) {  // s0 (already popped) goes under the buffer front
    h = buffer.back();
    d = s0;
  } else if (left) {
    stack.back() = s0;
    h = s0;
    d = s1;
  } else {
    h = s1;
    d = s0;
  }
  head[d] = h;
  label[d] = static_cast<uint8_t>(l);
  const uint64_t bit = uint64_t{1} << (l & 63);
  if (d < h) {
    ++nleft[h];
    lset[h] |= bit;
    if (lc1[h] < 0 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] < 0 || d < lc2[h]) {
      lc2[h] = d;
    }
  } else {
    ++nright[h];
    rset[h] |= bit;
    if (rc1[h] < 0 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] < 0 || d > rc2[h]) {
      rc2[h] = d;
    }
  }
}

bool ParserOracle::Init(int n, const int* gold_head, const uint8_t* gold_label, int num_labels,
                        int root_label) {
  n_ = n;
  num_labels_ = num_labels;
  head_.assign(gold_head, gold_head + n + 1);
  head_[0] = -1;
  label_.assign(gold_label, gold_label + n + 1);
  nkids_.assign(n + 1, 0);
  int roots = 0;
  for (int i = 1; i <= n; ++i) {
    if (head_[i] < 0 || head_[i] > n || head_[i] == i) return false;
    if (head_[i] == 0) {
      ++roots;
      if (label_[i] != root_label) return false;
    } else if (label_[i] == root_label) {
      return false;
    }
    ++nkids_[head_[i]];
  }
  if (roots != 1) return false;
  // Acyclic: every word reaches the root within n steps.
  for (int i = 1; i <= n; ++i) {
    int a = i, steps = 0;
    while (a != 0 && steps <= n) a = head_[a], ++steps;
    if (a != 0) return false;
  }
  // Projective order: in-order traversal (left dependents, the head, right dependents), iterative.
  std::vector<std::vector<int>> kids(n + 1);
  for (int i = 1; i <= n; ++i) kids[head_[i]].push_back(i);  // ascending by construction
  order_.assign(n + 1, 0);
  int next = 0;
  std::vector<std::pair<int, int>> todo;  // (node, index of the next child to visit)
  todo.push_back({0, 0});
  while (!todo.empty()) {
    auto& [node, k] = todo.back();
    const std::vector<int>& ch = kids[node];
    if (k < static_cast<int>(ch.size()) && ch[k] < node) {
      int c = ch[k++];
      todo.push_back({c, 0});
      continue;
    }
    if (k == static_cast<int>(ch.size()) || ch[k] > node) {
      // Emit once: mark by advancing through a sentinel state.
      if (order_[node] == 0 && node != 0) order_[node] = ++next;
      if (k < static_cast<int>(ch.size())) {
        int c = ch[k++];
        todo.push_back({c, 0});
        continue;
      }
      todo.pop_back();
    }
  }
  // Maximal projective components: run the oracle without SWAP; the words left on the stack at the
  // end head the components.
  mpc_.assign(n + 1, 0);
  {
    std::vector<int> built(n + 1, -1), done(n + 1, 0), st{0};
    int b = 1;
    for (;;) {
      const int depth = static_cast<int>(st.size());
      if (depth >= 3) {
        const int s0 = st[depth - 1], s1 = st[depth - 2];
        if (head_[s1] == s0 && done[s1] == nkids_[s1]) {
          built[s1] = s0;
          ++done[s0];
          st[depth - 2] = s0;
          st.pop_back();
          continue;
        }
        if (head_[s0] == s1 && done[s0] == nkids_[s0]) {
          built[s0] = s1;
          ++done[s1];
          st.pop_back();
          continue;
        }
      }
      if (b > n) break;
      st.push_back(b++);
    }
    for (int i = 1; i <= n; ++i) {
      int a = i;
      while (built[a] > 0) a = built[a];
      mpc_[i] = a;
    }
  }
  return true;
}

int ParserOracle::Next(const ParserState& st) const {
  const int s0 = st.S(0), s1 = st.S(1);
  if (st.stack.size() >= 3) {
    auto complete = [&](int w) {
      return st.nleft[w] + st.nright[w] == nkids_[w];
    };
    if (head_[s1] == s0 && complete(s1)) return 2 + label_[s1];
    if (head_[s0] == s1 && complete(s0)) return 2 + num_labels_ + label_[s0];
    if (order_[s0] < order_[s1] && (st.buffer.empty() || mpc_[s0] != mpc_[st.B(0)])) return kSwap;
    return kShift;
  }
  if (st.buffer.empty()) return 2 + num_labels_ + label_[s0];
  return kShift;
}

}  // namespace ng::syntax

namespace ng::syntax {

bool HybridOracle::Init(int n, const int* gold_head, const uint8_t* gold_label, int root_label) {
  n_ = n;
  head_.assign(gold_head, gold_head + n + 1);
  head_[0] = -1;
  label_.assign(gold_label, gold_label + n + 1);
  kid_begin_.assign(n + 2, 0);
  for (int i = 1; i <= n; ++i) {
    if (head_[i] < 0 || head_[i] > n || head_[i] == i) return false;
    ++kid_begin_[head_[i] + 1];
  }
  for (int i = 0; i <= n; ++i) kid_begin_[i + 1] += kid_begin_[i];
  kids_.assign(n, 0);
  std::vector<int> fill(kid_begin_.begin(), kid_begin_.end() - 1);
  for (int i = 1; i <= n; ++i) kids_[fill[head_[i]]++] = i;
  (void)root_label;
  return true;
}

void HybridOracle::Costs(const ParserState& st, int* cost) const {
  const int nl = st.num_labels;
  const int nc = st.NumClasses();
  constexpr int kInvalid = 1 << 20;
  for (int c = 0; c < nc; ++c) cost[c] = kInvalid;
  const int s0 = st.S(0), s1 = st.S(1);
  const int b0 = st.buffer.empty() ? n_ + 1 : st.B(0);  // words >= b0 are in the buffer
  auto in_buffer = [&](int x) { return x >= b0 && x <= n_; };
  auto kids_in_buffer = [&](int x) {
    int k = 0;
    for (int j = kid_begin_[x]; j < kid_begin_[x + 1]; ++j) k += in_buffer(kids_[j]);
    return k;
  };
  // SHIFT: b0 loses a head deeper in the stack than s0 and its dependents on the stack.
  if (st.Valid(kShift)) {
    int c = 0;
    const int h = head_[b0];
    if (h >= 0 && h < b0 && h != s0 && (h == 0 || st.head[h] < 0)) ++c;
    for (int j = kid_begin_[b0]; j < kid_begin_[b0 + 1]; ++j) {
      const int d = kids_[j];
      if (d < b0 && st.head[d] < 0) ++c;
    }
    cost[kShift] = c;
  }
  if (s0 <= 0) return;
  const int lost_kids = kids_in_buffer(s0);
  const int h = head_[s0];
  // LEFT(l): s0 under b0.
  if (!st.buffer.empty()) {
    int base = lost_kids + ((h != b0 && (h == s1 || in_buffer(h))) ? 1 : 0);
    for (int l = 0; l < nl; ++l) {
      if (!st.Valid(2 + l)) continue;
      cost[2 + l] = base + ((h == b0 && l != label_[s0]) ? 1 : 0);
    }
  }
  // RIGHT(l): s0 under s1.
  {
    int base = lost_kids + (in_buffer(h) ? 1 : 0);
    for (int l = 0; l < nl; ++l) {
      if (!st.Valid(2 + nl + l)) continue;
      cost[2 + nl + l] = base + ((h == s1 && l != label_[s0]) ? 1 : 0);
    }
  }
}

}  // namespace ng::syntax
