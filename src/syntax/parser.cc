#include "syntax/parser.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#if defined(__x86_64__) && defined(__GNUC__)
// GCC 12 warns -Wmaybe-uninitialized inside its own header for _mm512_cvtepi16_epi32 (a false
// positive), and for the hit lists of ParserModel::Score, which are read only below their counts.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#endif

#include "base/file.h"
#include "syntax/huge_pages.h"
#include "syntax/parser_system.h"
#include "syntax/tagset.h"

namespace ng::syntax {
namespace {

// ---------------------------------------------------------------------------------------------
// Hashing. Feature keys are 64-bit hashes of (template id, values); 0 is reserved for empty slots.

constexpr uint64_t kK1 = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kK2 = 0xC2B2AE3D27D4EB4FULL;

inline uint64_t Finish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h | 1;
}

inline uint64_t Feat(uint64_t t, uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  uint64_t h = (t + 1) * kK1;
  h = (h ^ a) * kK2;
  h = (h ^ (b + 0x51)) * kK1;
  h = (h ^ (c + 0x93)) * kK2;
  h = (h ^ (d + 0x2d)) * kK1;
  return Finish(h);
}

uint64_t SplitMix(uint64_t* s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Lower-cased form with every digit as '0', FNV-1a.
uint64_t WordHash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    if (c >= '0' && c <= '9') c = '0';
    h = (h ^ c) * 0x100000001b3ULL;
  }
  return Finish(h);
}

uint64_t SuffixHash(std::string_view s) {
  // The last three bytes (of the normalised form): cheap evidence for unknown words.
  size_t k = s.size() > 3 ? s.size() - 3 : 0;
  return WordHash(s.substr(k)) ^ 0x5bd1e995ULL;
}

constexpr uint32_t kFeatureVersion = 2;
constexpr int kMaxFeatures = 192;  // ExtractFeatures writes 127
constexpr int kDenseBlock = 32;  // classes per column block of AddDenseRows (one cache line)
constexpr int kMaxClasses = 2 + 2 * 64 + kDenseBlock;  // + padding of the dense rows

// Per-sentence word attributes, index 0 = root; reused across sentences of one thread.
struct SentenceFeatures {
  std::vector<uint64_t> w, suf;
  std::vector<uint8_t> p, u;
  void Fill(const ParseInput& in) {
    const int n = in.n;
    w.resize(n + 1);
    suf.resize(n + 1);
    p.resize(n + 1);
    u.resize(n + 1);
    w[0] = WordHash("\x01<root>");
    suf[0] = w[0];
    p[0] = 254;
    u[0] = 254;
    const int nx = XposCount(), nu = UposCount();
    for (int i = 1; i <= n; ++i) {
      std::string_view f = in.forms[i - 1];
      w[i] = WordHash(f);
      suf[i] = SuffixHash(f);
      p[i] = in.xpos[i - 1] < nx ? in.xpos[i - 1] : 0;
      u[i] = in.upos[i - 1] < nu ? in.upos[i - 1] : 0;
    }
  }
};

const uint64_t kNoneWord = WordHash("\x01<none>");

inline uint64_t Bucket(int d) {
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d < 10) return 5;
  return 6;
}

// Zhang & Nivre (2011)-style templates for arc-standard: s0, s1 are the arc candidates.
// With a run-time index (`slots`, 8-byte slots, `mask`), each key's slot is prefetched as soon as
// the key is known, so the table's cache misses overlap with hashing the remaining templates.
int ExtractFeatures(const ParserState& st, const SentenceFeatures& sf, uint64_t* f,
                    const void* slots = nullptr, size_t mask = 0) {
  const char* slot_bytes = static_cast<const char*>(slots);
  auto Pre = [&](uint64_t key) {
    if (slot_bytes != nullptr) __builtin_prefetch(slot_bytes + (key & mask) * 8);
    return key;
  };
  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  auto W = [&](int x) { return x < 0 ? kNoneWord : sf.w[x]; };
  auto P = [&](int x) -> uint64_t { return x < 0 ? 255 : sf.p[x]; };
  auto U = [&](int x) -> uint64_t { return x < 0 ? 255 : sf.u[x]; };
  auto L = [&](int x) -> uint64_t { return x <= 0 ? 255 : st.label[x]; };
  auto Lc1 = [&](int x) { return x < 0 ? -1 : st.lc1[x]; };
  auto Lc2 = [&](int x) { return x < 0 ? -1 : st.lc2[x]; };
  auto Rc1 = [&](int x) { return x < 0 ? -1 : st.rc1[x]; };
  auto Rc2 = [&](int x) { return x < 0 ? -1 : st.rc2[x]; };
  auto Nl = [&](int x) -> uint64_t { return x < 0 ? 15 : std::min<int>(st.nleft[x], 7); };
  auto Nr = [&](int x) -> uint64_t { return x < 0 ? 15 : std::min<int>(st.nright[x], 7); };
  auto Ls = [&](int x) -> uint64_t { return x < 0 ? 1 : st.lset[x] * kK2; };
  auto Rs = [&](int x) -> uint64_t { return x < 0 ? 1 : st.rset[x] * kK2; };

  const uint64_t s0w = W(s0), s1w = W(s1), s2w = W(s2), b0w = W(b0), b1w = W(b1), b2w = W(b2);
  const uint64_t s0p = P(s0), s1p = P(s1), s2p = P(s2), b0p = P(b0), b1p = P(b1), b2p = P(b2);
  const uint64_t s0u = U(s0), s1u = U(s1), b0u = U(b0);
  const int s0l = Lc1(s0), s0l2 = Lc2(s0), s0r = Rc1(s0), s0r2 = Rc2(s0);
  const int s1l = Lc1(s1), s1l2 = Lc2(s1), s1r = Rc1(s1), s1r2 = Rc2(s1);
  const int s0ll = Lc1(s0l), s0rr = Rc1(s0r), s1ll = Lc1(s1l), s1rr = Rc1(s1r);
  uint64_t dist = 0;
  if (s0 > 0 && s1 > 0) dist = Bucket(std::abs(s0 - s1));
  if (s1 == 0) dist = 7;
  const uint64_t inv01 = (s1 > 0 && s0 > 0 && s1 > s0) ? 1 : 0;
  const uint64_t inv0b = (b0 > 0 && s0 > 0 && b0 < s0) ? 1 : 0;
  const uint64_t s0wp = s0w ^ (s0p << 1);
  const uint64_t s1wp = s1w ^ (s1p << 1);
  const uint64_t b0wp = b0w ^ (b0p << 1);

  int k = 0;
  uint64_t t = 0;
  // Unigrams.
  f[k++] = Pre(Feat(t++, s0w));
  f[k++] = Pre(Feat(t++, s0p));
  f[k++] = Pre(Feat(t++, s0wp));
  f[k++] = Pre(Feat(t++, s1w));
  f[k++] = Pre(Feat(t++, s1p));
  f[k++] = Pre(Feat(t++, s1wp));
  f[k++] = Pre(Feat(t++, s2w));
  f[k++] = Pre(Feat(t++, s2p));
  f[k++] = Pre(Feat(t++, b0w));
  f[k++] = Pre(Feat(t++, b0p));
  f[k++] = Pre(Feat(t++, b0wp));
  f[k++] = Pre(Feat(t++, b1w));
  f[k++] = Pre(Feat(t++, b1p));
  f[k++] = Pre(Feat(t++, b1w, b1p));
  f[k++] = Pre(Feat(t++, b2w));
  f[k++] = Pre(Feat(t++, b2p));
  f[k++] = Pre(Feat(t++, s0u));
  f[k++] = Pre(Feat(t++, s1u));
  f[k++] = Pre(Feat(t++, b0u));
  f[k++] = Pre(Feat(t++, s0 < 0 ? 0 : sf.suf[s0], s0p));
  f[k++] = Pre(Feat(t++, s1 < 0 ? 0 : sf.suf[s1], s1p));
  f[k++] = Pre(Feat(t++, b0 < 0 ? 0 : sf.suf[b0], b0p));
  // Pairs of s0 and s1.
  f[k++] = Pre(Feat(t++, s0wp, s1wp));
  f[k++] = Pre(Feat(t++, s0wp, s1w));
  f[k++] = Pre(Feat(t++, s0w, s1wp));
  f[k++] = Pre(Feat(t++, s0wp, s1p));
  f[k++] = Pre(Feat(t++, s0p, s1wp));
  f[k++] = Pre(Feat(t++, s0w, s1w));
  f[k++] = Pre(Feat(t++, s0p, s1p));
  f[k++] = Pre(Feat(t++, s0u, s1u));
  f[k++] = Pre(Feat(t++, s0w, s1p, s1u));
  f[k++] = Pre(Feat(t++, s0p, s0u, s1w));
  // With the buffer.
  f[k++] = Pre(Feat(t++, s0p, b0p));
  f[k++] = Pre(Feat(t++, s0w, b0w));
  f[k++] = Pre(Feat(t++, s0wp, b0p));
  f[k++] = Pre(Feat(t++, s0p, b0wp));
  f[k++] = Pre(Feat(t++, s1p, b0p));
  f[k++] = Pre(Feat(t++, s1w, b0w));
  f[k++] = Pre(Feat(t++, s0u, b0u));
  f[k++] = Pre(Feat(t++, b0p, b1p));
  f[k++] = Pre(Feat(t++, b0w, b1w));
  // Triples.
  f[k++] = Pre(Feat(t++, s0p, s1p, b0p));
  f[k++] = Pre(Feat(t++, s0p, b0p, b1p));
  f[k++] = Pre(Feat(t++, s1p, s0p, s2p));
  f[k++] = Pre(Feat(t++, s0w, s1p, b0p));
  f[k++] = Pre(Feat(t++, s0p, s1w, b0p));
  f[k++] = Pre(Feat(t++, s0p, s1p, b0w));
  f[k++] = Pre(Feat(t++, s0u, s1u, b0u));
  f[k++] = Pre(Feat(t++, b0p, b1p, b2p));
  f[k++] = Pre(Feat(t++, s1p, s2p, s0w));
  f[k++] = Pre(Feat(t++, s0p, s1p, s2w));
  // Distance.
  f[k++] = Pre(Feat(t++, s0w, dist));
  f[k++] = Pre(Feat(t++, s0p, dist));
  f[k++] = Pre(Feat(t++, s1w, dist));
  f[k++] = Pre(Feat(t++, s1p, dist));
  f[k++] = Pre(Feat(t++, s0w, s1w, dist));
  f[k++] = Pre(Feat(t++, s0p, s1p, dist));
  f[k++] = Pre(Feat(t++, s0wp, s1p, dist));
  f[k++] = Pre(Feat(t++, s0p, s1wp, dist));
  // Valency.
  f[k++] = Pre(Feat(t++, s0w, Nl(s0)));
  f[k++] = Pre(Feat(t++, s0p, Nl(s0)));
  f[k++] = Pre(Feat(t++, s0w, Nr(s0)));
  f[k++] = Pre(Feat(t++, s0p, Nr(s0)));
  f[k++] = Pre(Feat(t++, s1w, Nl(s1)));
  f[k++] = Pre(Feat(t++, s1p, Nl(s1)));
  f[k++] = Pre(Feat(t++, s1w, Nr(s1)));
  f[k++] = Pre(Feat(t++, s1p, Nr(s1)));
  f[k++] = Pre(Feat(t++, s0p, s1p, Nl(s0), Nr(s1)));
  // Children of s0 and s1: words, tags, labels.
  f[k++] = Pre(Feat(t++, W(s0l)));
  f[k++] = Pre(Feat(t++, P(s0l)));
  f[k++] = Pre(Feat(t++, L(s0l)));
  f[k++] = Pre(Feat(t++, W(s0r)));
  f[k++] = Pre(Feat(t++, P(s0r)));
  f[k++] = Pre(Feat(t++, L(s0r)));
  f[k++] = Pre(Feat(t++, W(s1l)));
  f[k++] = Pre(Feat(t++, P(s1l)));
  f[k++] = Pre(Feat(t++, L(s1l)));
  f[k++] = Pre(Feat(t++, W(s1r)));
  f[k++] = Pre(Feat(t++, P(s1r)));
  f[k++] = Pre(Feat(t++, L(s1r)));
  f[k++] = Pre(Feat(t++, P(s0l2), L(s0l2)));
  f[k++] = Pre(Feat(t++, P(s0r2), L(s0r2)));
  f[k++] = Pre(Feat(t++, P(s1l2), L(s1l2)));
  f[k++] = Pre(Feat(t++, P(s1r2), L(s1r2)));
  f[k++] = Pre(Feat(t++, P(s0ll), L(s0ll)));
  f[k++] = Pre(Feat(t++, P(s0rr), L(s0rr)));
  f[k++] = Pre(Feat(t++, P(s1ll), L(s1ll)));
  f[k++] = Pre(Feat(t++, P(s1rr), L(s1rr)));
  // Third order and child-in-context.
  f[k++] = Pre(Feat(t++, s0p, P(s0l), P(s0l2)));
  f[k++] = Pre(Feat(t++, s0p, P(s0r), P(s0r2)));
  f[k++] = Pre(Feat(t++, s1p, P(s1l), P(s1l2)));
  f[k++] = Pre(Feat(t++, s1p, P(s1r), P(s1r2)));
  f[k++] = Pre(Feat(t++, s0p, L(s0l), L(s0l2)));
  f[k++] = Pre(Feat(t++, s0p, L(s0r), L(s0r2)));
  f[k++] = Pre(Feat(t++, s1p, L(s1l), L(s1l2)));
  f[k++] = Pre(Feat(t++, s1p, L(s1r), L(s1r2)));
  f[k++] = Pre(Feat(t++, s0p, s1p, P(s0l)));
  f[k++] = Pre(Feat(t++, s0p, s1p, P(s0r)));
  f[k++] = Pre(Feat(t++, s0p, s1p, P(s1l)));
  f[k++] = Pre(Feat(t++, s0p, s1p, P(s1r)));
  f[k++] = Pre(Feat(t++, s0p, s1p, L(s0l), L(s1r)));
  f[k++] = Pre(Feat(t++, s0w, L(s0l)));
  f[k++] = Pre(Feat(t++, s1w, L(s1r)));
  f[k++] = Pre(Feat(t++, s1w, L(s1l)));
  // Label sets.
  f[k++] = Pre(Feat(t++, s0w, Ls(s0)));
  f[k++] = Pre(Feat(t++, s0p, Ls(s0)));
  f[k++] = Pre(Feat(t++, s0w, Rs(s0)));
  f[k++] = Pre(Feat(t++, s0p, Rs(s0)));
  f[k++] = Pre(Feat(t++, s1w, Ls(s1)));
  f[k++] = Pre(Feat(t++, s1p, Ls(s1)));
  f[k++] = Pre(Feat(t++, s1w, Rs(s1)));
  f[k++] = Pre(Feat(t++, s1p, Rs(s1)));
  f[k++] = Pre(Feat(t++, s0p, s1p, Rs(s1), Ls(s0)));
  // Word order after SWAPs, and whether s1 is the root.
  f[k++] = Pre(Feat(t++, s0p, s1p, inv01, inv0b));
  f[k++] = Pre(Feat(t++, s0w, inv01, inv0b));
  f[k++] = Pre(Feat(t++, s0p, b0p, inv0b, b1p));
  f[k++] = Pre(Feat(t++, s0p, s1 == 0 ? 1 : 0, st.buffer.empty() ? 1 : 0));
  // The buffer front's left children (arc-hybrid attaches them to b0).
  const int b0l = b0 < 0 ? -1 : st.lc1[b0], b0l2 = b0 < 0 ? -1 : st.lc2[b0];
  f[k++] = Pre(Feat(t++, P(b0l), L(b0l)));
  f[k++] = Pre(Feat(t++, b0p, P(b0l), L(b0l)));
  f[k++] = Pre(Feat(t++, b0w, L(b0l), L(b0l2)));
  f[k++] = Pre(Feat(t++, s0p, b0p, P(b0l)));
  f[k++] = Pre(Feat(t++, b0w, b0 < 0 ? 15 : Nl(b0)));
  f[k++] = Pre(Feat(t++, b0p, b0 < 0 ? 1 : Ls(b0)));
  f[k++] = Pre(Feat(t++, s0p, s0 > 0 && b0 > 0 ? Bucket(b0 - s0) : 0));
  f[k++] = Pre(Feat(t++, s0w, b0w, s0 > 0 && b0 > 0 ? Bucket(b0 - s0) : 0));
  f[k++] = Pre(Feat(t++, s0p, b0p, s0 > 0 && b0 > 0 ? Bucket(b0 - s0) : 0));
  f[k++] = Pre(Feat(t++, 12345));  // bias
  return k;
}

// ---------------------------------------------------------------------------------------------
// Open-addressing map from feature key to a 32-bit value (training and run time).

class KeyMap {
 public:
  explicit KeyMap(size_t capacity_pow2 = 1024) { Rehash(capacity_pow2); }
  // Returns a pointer to the value of `key`, or nullptr.
  const uint32_t* Find(uint64_t key) const {
    size_t i = key & mask_;
    for (;;) {
      const uint64_t k = keys_[i];
      if (k == key) return &vals_[i];
      if (k == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  // Inserts `key` with `value` unless present; returns the stored value.
  uint32_t Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 2 > keys_.size()) Rehash(keys_.size() * 2);
    size_t i = key & mask_;
    for (;;) {
      if (keys_[i] == key) return vals_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        vals_[i] = value;
        ++size_;
        return value;
      }
      i = (i + 1) & mask_;
    }
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return keys_.capacity() * 8 + vals_.capacity() * 4; }

 private:
  void Rehash(size_t cap) {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_vals = std::move(vals_);
    keys_.assign(cap, 0);
    vals_.assign(cap, 0);
    mask_ = cap - 1;
    size_ = 0;
    for (size_t j = 0; j < old_keys.size(); ++j) {
      if (old_keys[j] != 0) Insert(old_keys[j], old_vals[j]);
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

uint64_t Fnv(const char* p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ULL;
  return h;
}

// scores[0, width) += the sum of rows[0, nrows): int16 weights, int32 sums, width a multiple of
// kDenseBlock. The AVX2 and AVX-512 versions hold one block of sums in registers while every row's
// cache line of it is added (column blocks outside, rows inside). Integer sums, so every version
// gives the same scores; PickAddDenseRows chooses by the CPU once, at model load.
using AddDenseRowsFn = void (*)(const int16_t* const* rows, int nrows, int width, int32_t* scores);

void AddDenseRowsPlain(const int16_t* const* rows, int nrows, int width, int32_t* scores) {
  for (int r = 0; r < nrows; ++r) {
    const int16_t* row = rows[r];
    for (int c = 0; c < width; ++c) scores[c] += row[c];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void AddDenseRowsAvx2(const int16_t* const* rows, int nrows,
                                                       int width, int32_t* scores) {
  static_assert(kDenseBlock == 32);
  for (int c0 = 0; c0 < width; c0 += kDenseBlock) {
    __m256i* out = reinterpret_cast<__m256i*>(scores + c0);
    __m256i a0 = _mm256_loadu_si256(out), a1 = _mm256_loadu_si256(out + 1);
    __m256i a2 = _mm256_loadu_si256(out + 2), a3 = _mm256_loadu_si256(out + 3);
    for (int r = 0; r < nrows; ++r) {
      const __m128i* in = reinterpret_cast<const __m128i*>(rows[r] + c0);
      a0 = _mm256_add_epi32(a0, _mm256_cvtepi16_epi32(_mm_loadu_si128(in)));
      a1 = _mm256_add_epi32(a1, _mm256_cvtepi16_epi32(_mm_loadu_si128(in + 1)));
      a2 = _mm256_add_epi32(a2, _mm256_cvtepi16_epi32(_mm_loadu_si128(in + 2)));
      a3 = _mm256_add_epi32(a3, _mm256_cvtepi16_epi32(_mm_loadu_si128(in + 3)));
    }
    _mm256_storeu_si256(out, a0);
    _mm256_storeu_si256(out + 1, a1);
    _mm256_storeu_si256(out + 2, a2);
    _mm256_storeu_si256(out + 3, a3);
  }
}

__attribute__((target("avx512f,avx512bw"))) void AddDenseRowsAvx512(const int16_t* const* rows,
                                                                     int nrows, int width,
                                                                     int32_t* scores) {
  for (int c0 = 0; c0 < width; c0 += kDenseBlock) {
    __m512i a0 = _mm512_loadu_si512(scores + c0), a1 = _mm512_loadu_si512(scores + c0 + 16);
    for (int r = 0; r < nrows; ++r) {
      const __m256i* in = reinterpret_cast<const __m256i*>(rows[r] + c0);
      a0 = _mm512_add_epi32(a0, _mm512_cvtepi16_epi32(_mm256_loadu_si256(in)));
      a1 = _mm512_add_epi32(a1, _mm512_cvtepi16_epi32(_mm256_loadu_si256(in + 1)));
    }
    _mm512_storeu_si512(scores + c0, a0);
    _mm512_storeu_si512(scores + c0 + 16, a1);
  }
}
#endif

// Every kernel this CPU can run, the plain loop first.
std::vector<AddDenseRowsFn> RunnableAddDenseRows() {
  std::vector<AddDenseRowsFn> fns{AddDenseRowsPlain};
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx2")) fns.push_back(AddDenseRowsAvx2);
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) {
    fns.push_back(AddDenseRowsAvx512);
  }
#endif
  return fns;
}

AddDenseRowsFn PickAddDenseRows() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) {
    return AddDenseRowsAvx512;
  }
  if (__builtin_cpu_supports("avx2")) return AddDenseRowsAvx2;
#endif
  return AddDenseRowsPlain;
}

constexpr char kMagic[8] = {'N', 'G', 'P', 'A', 'R', 'S', 'E', '\0'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderBytes = 48;

}  // namespace

// ---------------------------------------------------------------------------------------------
// The frozen model: per feature a run of (class, int16 weight) entries.

struct ParserEntry {
  uint16_t cls;
  int16_t w;
};

class ParserModel {
 public:
  int num_labels = 0;
  int root_label = kDeprelRoot;
  bool hybrid = false;  // transition system: arc-hybrid, else arc-standard + SWAP
  float scale = 1;
  std::vector<uint64_t> keys;      // sorted ascending (file order)
  std::vector<uint32_t> offsets;   // feature number -> first entry; size = features + 1
  std::vector<ParserEntry, HugePageAllocator<ParserEntry>> entries;

  // Run-time index: open addressing with 8-byte slots — 32 high bits of the key (the low bits
  // choose the slot) and where the weights are. Features with many classes (the frequent tag
  // templates) get a dense int16 row, added with SIMD; the others a run of (class, weight) entries.
  struct Slot {
    uint32_t tag;   // (key >> 32) | 1; 0 = empty
    uint32_t info;  // sparse: first entry << 8 | count; dense: row << 8 | 0xFF
  };
  static constexpr uint32_t kDenseMark = 0xFF;
  std::vector<Slot, HugePageAllocator<Slot>> slots;
  size_t mask = 0;
  bool index_ok = true;             // false when the model is too large for the 24-bit fields
  int row_width = 0;                // classes rounded up to a multiple of kDenseBlock
  std::vector<int16_t, HugePageAllocator<int16_t>> dense_rows;  // row_width per dense row
  AddDenseRowsFn add_dense_rows = PickAddDenseRows();

  static uint32_t TagOf(uint64_t key) { return static_cast<uint32_t>(key >> 32) | 1u; }

  void BuildIndex() {
    size_t cap = 1024;
    while (cap < keys.size() * 3 / 2 + 2) cap *= 2;  // load factor <= 2/3
    slots.assign(cap, Slot{0, 0});
    mask = cap - 1;
    const int nc = 2 + 2 * num_labels;
    row_width = (nc + kDenseBlock - 1) / kDenseBlock * kDenseBlock;
    const uint32_t dense_min = static_cast<uint32_t>(nc / 6);
    dense_rows.clear();
    uint32_t next_row = 0;
    index_ok = entries.size() < (1u << 24) && nc < 255;
    if (!index_ok) return;
    for (size_t i = 0; i < keys.size(); ++i) {
      size_t j = keys[i] & mask;
      while (slots[j].tag != 0) j = (j + 1) & mask;
      const uint32_t off = offsets[i], cnt = offsets[i + 1] - offsets[i];
      Slot sl{TagOf(keys[i]), off << 8 | cnt};
      if (cnt >= dense_min) {
        const uint32_t row_id = next_row++;
        dense_rows.resize(dense_rows.size() + row_width, 0);
        int16_t* row = dense_rows.data() + static_cast<size_t>(row_id) * row_width;
        for (uint32_t e = 0; e < cnt; ++e) row[entries[off + e].cls] = entries[off + e].w;
        sl.info = row_id << 8 | kDenseMark;
      }
      slots[j] = sl;
    }
  }

  // Memory-bound: first prefetch every feature's slot, then every hit's weights, then add, so the
  // cache misses of one transition overlap instead of queueing.
  void Score(const uint64_t* f, int nf, int32_t* scores) const {
    const int width = row_width;
    std::fill(scores, scores + width, 0);
    const Slot* base = slots.data();
    static_assert(sizeof(Slot) == 8);  // ExtractFeatures prefetched every key's slot already
    const int16_t* dense_hit[kMaxFeatures];
    uint32_t sparse_hit[kMaxFeatures];
    int nd = 0, ns = 0;
    for (int j = 0; j < nf; ++j) {
      size_t i = f[j] & mask;
      const uint32_t tag = TagOf(f[j]);
      for (;;) {
        const Slot s = base[i];
        if (s.tag == tag) {
          if ((s.info & 0xFF) == kDenseMark) {
            const int16_t* row = dense_rows.data() + static_cast<size_t>(s.info >> 8) * width;
            dense_hit[nd++] = row;
            const char* bytes = reinterpret_cast<const char*>(row);
            for (int b = 0; b < width * 2; b += 64) __builtin_prefetch(bytes + b);
          } else {
            sparse_hit[ns++] = s.info;
            __builtin_prefetch(entries.data() + (s.info >> 8));
          }
          break;
        }
        if (s.tag == 0) break;
        i = (i + 1) & mask;
      }
    }
    add_dense_rows(dense_hit, nd, width, scores);
    for (int j = 0; j < ns; ++j) {
      const ParserEntry* e = entries.data() + (sparse_hit[j] >> 8);
      const ParserEntry* end = e + (sparse_hit[j] & 0xFF);
      for (; e != end; ++e) scores[e->cls] += e->w;
    }
  }

  std::string ToBytes() const {
    const size_t nf = keys.size();
    std::string out;
    const uint64_t ne = entries.size();
    out.append(kMagic, 8);
    auto put32 = [&](uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
    auto put64 = [&](uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); };
    put32(kFormatVersion);
    put32(kFeatureVersion);
    put32(static_cast<uint32_t>(num_labels));
    put32(static_cast<uint32_t>(root_label));
    put64(nf);
    put64(ne);
    uint32_t scale_bits;
    std::memcpy(&scale_bits, &scale, 4);
    put32(scale_bits);
    put32(hybrid ? 1 : 0);
    for (uint64_t k : keys) put64(k);
    for (size_t i = 0; i < nf; ++i) {
      const uint16_t c = static_cast<uint16_t>(offsets[i + 1] - offsets[i]);
      out.append(reinterpret_cast<const char*>(&c), 2);
    }
    for (const ParserEntry& e : entries) {  // already in key order
      out.append(reinterpret_cast<const char*>(&e.cls), 2);
      out.append(reinterpret_cast<const char*>(&e.w), 2);
    }
    put64(Fnv(out.data(), out.size()));
    return out;
  }

  static Result<std::unique_ptr<ParserModel>> FromBytes(std::string_view b) {
    if (b.size() < kHeaderBytes + 8 || std::memcmp(b.data(), kMagic, 8) != 0) {
      return DataLoss("parser model: not a newsgraph parser model (bad magic or too short)");
    }
    auto get32 = [&](size_t at) {
      uint32_t v;
      std::memcpy(&v, b.data() + at, 4);
      return v;
    };
    auto get64 = [&](size_t at) {
      uint64_t v;
      std::memcpy(&v, b.data() + at, 8);
      return v;
    };
    if (get32(8) != kFormatVersion || get32(12) != kFeatureVersion) {
      return DataLoss("parser model: unsupported format or feature version " +
                      std::to_string(get32(8)) + "/" + std::to_string(get32(12)));
    }
    auto m = std::make_unique<ParserModel>();
    m->num_labels = static_cast<int>(get32(16));
    m->root_label = static_cast<int>(get32(20));
    const uint64_t nf = get64(24), ne = get64(32);
    uint32_t scale_bits = get32(40);
    std::memcpy(&m->scale, &scale_bits, 4);
    if (get32(44) > 1) return DataLoss("parser model: unknown transition system");
    m->hybrid = get32(44) == 1;
    if (m->num_labels < 1 || m->num_labels > DeprelCount() || m->root_label >= m->num_labels) {
      return DataLoss("parser model: label count out of range");
    }
    const uint64_t avail = b.size() - kHeaderBytes - 8;
    if (nf > avail / 10 || ne > avail / 4 || nf * 10 + ne * 4 != avail) {
      return DataLoss("parser model: size does not match its header (truncated?)");
    }
    if (get64(b.size() - 8) != Fnv(b.data(), b.size() - 8)) {
      return DataLoss("parser model: checksum mismatch (corrupt file)");
    }
    const char* p = b.data() + kHeaderBytes;
    m->keys.resize(nf);
    if (nf) std::memcpy(m->keys.data(), p, nf * 8);
    p += nf * 8;
    m->offsets.resize(nf + 1);
    m->offsets[0] = 0;
    uint64_t total = 0;
    for (uint64_t i = 0; i < nf; ++i) {
      uint16_t c;
      std::memcpy(&c, p + 2 * i, 2);
      total += c;
      if (c == 0 || total > ne) return DataLoss("parser model: bad entry counts");
      m->offsets[i + 1] = static_cast<uint32_t>(total);
      if (m->keys[i] == 0 || (i > 0 && m->keys[i] <= m->keys[i - 1])) {
        return DataLoss("parser model: feature keys not sorted");
      }
    }
    if (total != ne) return DataLoss("parser model: entry counts do not add up");
    p += nf * 2;
    m->entries.resize(ne);
    if (ne) std::memcpy(m->entries.data(), p, ne * 4);
    const uint16_t nc = static_cast<uint16_t>(2 + 2 * m->num_labels);
    for (const ParserEntry& e : m->entries) {
      if (e.cls >= nc) return DataLoss("parser model: class id out of range");
    }
    m->BuildIndex();
    if (!m->index_ok) return DataLoss("parser model: too many weights for the run-time index");
    return m;
  }
};

namespace {

// Per-thread scratch space for Parse(): grows to the longest sentence, then never allocates.
struct Workspace {
  ParserState state;
  SentenceFeatures sf;
  uint64_t feats[kMaxFeatures];
  int32_t scores[kMaxClasses];
};

// The best valid class under `scores` (ties: the lowest class id).
template <typename T>
int BestValid(const ParserState& st, const T* scores) {
  const int nl = st.num_labels;
  int best = -1;
  T best_score = 0;
  auto consider = [&](int c) {
    if (best < 0 || scores[c] > best_score) {
      best = c;
      best_score = scores[c];
    }
  };
  const size_t depth = st.stack.size();
  if (!st.buffer.empty()) consider(kShift);
  if (st.hybrid) {
    for (int l = 0; l < nl; ++l) {
      if (l == st.root_label) continue;
      if (depth >= 2 && !st.buffer.empty()) consider(2 + l);
      if (depth >= 3) consider(2 + nl + l);
    }
    if (depth == 2 && st.buffer.empty()) consider(2 + nl + st.root_label);
    return best;
  }
  if (depth >= 3) {
    if (st.swaps < st.max_swaps && st.S(1) < st.S(0)) consider(kSwap);
    for (int l = 0; l < nl; ++l) {
      if (l == st.root_label) continue;
      consider(2 + l);
      consider(2 + nl + l);
    }
  } else if (depth == 2 && st.buffer.empty()) {
    consider(2 + nl + st.root_label);
  }
  return best;
}

}  // namespace

int DenseKernelsDisagreeForTest(uint64_t seed) {
  uint64_t rng = seed;
  auto next = [&rng] { return SplitMix(&rng); };
  const int width = 5 * kDenseBlock, nrows = 200;
  std::vector<int16_t> weights(static_cast<size_t>(width) * nrows);
  for (int16_t& w : weights) w = static_cast<int16_t>(next());  // the full int16 range
  std::vector<const int16_t*> rows;
  for (int r = 0; r < nrows; ++r) rows.push_back(weights.data() + static_cast<size_t>(r) * width);
  const std::vector<AddDenseRowsFn> fns = RunnableAddDenseRows();
  std::vector<int32_t> want(width), got(width);
  for (int c = 0; c < width; ++c) want[c] = got[c] = static_cast<int32_t>(next() % 1000) - 500;
  fns[0](rows.data(), nrows, width, want.data());
  int disagree = 0;
  const std::vector<int32_t> start = got;
  for (size_t k = 1; k < fns.size(); ++k) {
    got = start;
    fns[k](rows.data(), nrows, width, got.data());
    disagree += got != want;
  }
  return fns.size() > 1 && want != start ? disagree : -1;
}

Parser::Parser(std::unique_ptr<ParserModel> model) : model_(std::move(model)) {}
Parser::~Parser() = default;

Result<std::unique_ptr<Parser>> Parser::FromBytes(std::string_view bytes) {
  NG_ASSIGN_OR_RETURN(std::unique_ptr<ParserModel> m, ParserModel::FromBytes(bytes));
  return std::make_unique<Parser>(std::move(m));
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& path) {
  NG_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, size_t{1} << 30));
  auto r = FromBytes(bytes);
  if (!r.ok()) return Status(r.status().code(), path + ": " + r.status().message());
  return r;
}

std::string Parser::ToBytes() const { return model_->ToBytes(); }

Status Parser::Save(const std::string& path) const {
  const std::string bytes = ToBytes();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError("write failed: " + path);
  return Status::Ok();
}

size_t Parser::MemoryBytes() const {
  return sizeof(*this) + sizeof(ParserModel) + model_->slots.capacity() * sizeof(ParserModel::Slot) +
         model_->dense_rows.capacity() * 2 + model_->keys.capacity() * 8 +
         model_->offsets.capacity() * 4 +
         model_->entries.capacity() * sizeof(ParserEntry);
}

void Parser::Parse(const ParseInput& in, ParseOutput* out) const {
  const int n = in.n > 0 ? in.n : 0;
  out->head.assign(n, -1);
  out->deprel.assign(n, kDeprelRoot);
  if (n == 0) return;
  thread_local Workspace ws;
  ParserState& st = ws.state;
  st.Reset(n, model_->num_labels, model_->root_label, model_->hybrid);
  ws.sf.Fill(in);
  const long max_steps = 4L * n + 8;
  for (long step = 0; !st.Terminal() && step < max_steps; ++step) {
    // Only one valid transition (common: the stack holds just the root and one word): no scoring.
    if (st.stack.size() == 1 || (!st.hybrid && st.stack.size() == 2)) {
      st.Apply(st.buffer.empty() ? 2 + model_->num_labels + model_->root_label : kShift);
      continue;
    }
    const int nf = ExtractFeatures(st, ws.sf, ws.feats, model_->slots.data(), model_->mask);
    model_->Score(ws.feats, nf, ws.scores);
    const int c = BestValid(st, ws.scores);
    if (c < 0) break;  // unreachable: some transition is valid in every non-final state
    st.Apply(c);
  }
  // Defensive: should a parse ever stop early, hang the loose words under the first root word so
  // the output is still a tree.
  int root = -1;
  for (int i = 1; i <= n; ++i) {
    if (st.head[i] == 0) {
      root = i;
      break;
    }
  }
  for (int i = 1; i <= n; ++i) {
    if (st.head[i] < 0 && root < 0) {
      root = i;
      st.head[i] = 0;
      st.label[i] = static_cast<uint8_t>(model_->root_label);
    }
  }
  for (int i = 1; i <= n; ++i) {
    if (st.head[i] < 0) {
      st.head[i] = root;
      st.label[i] = kDeprelDep;
    }
    out->head[i - 1] = st.head[i] - 1;
    out->deprel[i - 1] = st.label[i];
  }
}

// ---------------------------------------------------------------------------------------------
// Training: averaged perceptron with the static (lazy-swap) oracle.

namespace {

struct TrainEntry {
  uint16_t cls;
  float w;
  double acc;
  int64_t stamp;
};

struct TrainWeights {
  KeyMap index{1 << 20};
  std::vector<uint64_t> keys;
  std::vector<std::vector<TrainEntry>> rows;
  std::vector<uint32_t> updates;
  int64_t now = 0;

  void Score(const uint64_t* f, int nf, float* scores, int nc) const {
    std::fill(scores, scores + nc, 0.0f);
    for (int j = 0; j < nf; ++j) {
      const uint32_t* v = index.Find(f[j]);
      if (v == nullptr) continue;
      for (const TrainEntry& e : rows[*v]) scores[e.cls] += e.w;
    }
  }

  void Add(uint64_t key, int cls, float delta) {
    uint32_t id = index.Insert(key, static_cast<uint32_t>(rows.size()));
    if (id == rows.size()) {
      rows.emplace_back();
      keys.push_back(key);
      updates.push_back(0);
    }
    ++updates[id];
    for (TrainEntry& e : rows[id]) {
      if (e.cls == cls) {
        e.acc += static_cast<double>(now - e.stamp) * e.w;
        e.stamp = now;
        e.w += delta;
        return;
      }
    }
    rows[id].push_back({static_cast<uint16_t>(cls), delta, 0.0, now});
  }

  void Update(const uint64_t* f, int nf, int gold, int pred) {
    for (int j = 0; j < nf; ++j) {
      Add(f[j], gold, 1.0f);
      Add(f[j], pred, -1.0f);
    }
  }

  // Averaged, quantised and pruned copy.
  std::unique_ptr<ParserModel> Freeze(int num_labels, int min_count, bool hybrid) const {
    auto m = std::make_unique<ParserModel>();
    m->hybrid = hybrid;
    m->num_labels = num_labels;
    m->root_label = kDeprelRoot;
    const double total = std::max<int64_t>(now, 1);
    double max_abs = 0;
    std::vector<uint32_t> order;
    for (uint32_t i = 0; i < rows.size(); ++i) {
      if (static_cast<int>(updates[i]) < min_count) continue;
      order.push_back(i);
      for (const TrainEntry& e : rows[i]) {
        const double avg = (e.acc + static_cast<double>(now - e.stamp) * e.w) / total;
        max_abs = std::max(max_abs, std::fabs(avg));
      }
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    m->scale = max_abs > 0 ? static_cast<float>(32000.0 / max_abs) : 1.0f;
    m->offsets.push_back(0);
    std::vector<ParserEntry> row;
    for (uint32_t i : order) {
      row.clear();
      for (const TrainEntry& e : rows[i]) {
        const double avg = (e.acc + static_cast<double>(now - e.stamp) * e.w) / total;
        const long q = std::lround(avg * m->scale);
        if (q != 0) row.push_back({e.cls, static_cast<int16_t>(q)});
      }
      if (row.empty()) continue;
      std::sort(row.begin(), row.end(),
                [](const ParserEntry& a, const ParserEntry& b) { return a.cls < b.cls; });
      m->keys.push_back(keys[i]);
      m->entries.insert(m->entries.end(), row.begin(), row.end());
      m->offsets.push_back(static_cast<uint32_t>(m->entries.size()));
    }
    m->BuildIndex();  // an oversized model fails later, in FromBytes (TrainParser's last step)
    return m;
  }
};

struct GoldSentence {
  std::vector<std::string_view> forms;
  std::vector<uint8_t> upos, xpos;
  std::vector<int> head;       // 1-based with [0] unused
  std::vector<uint8_t> label;  // 1-based
};

GoldSentence MakeGold(const ConlluSentence& s) {
  GoldSentence g;
  const int n = static_cast<int>(s.words.size());
  g.head.assign(n + 1, 0);
  g.label.assign(n + 1, 0);
  for (int i = 0; i < n; ++i) {
    const ConlluWord& w = s.words[i];
    g.forms.push_back(w.form);
    g.upos.push_back(UposId(w.upos));
    g.xpos.push_back(XposId(w.xpos));
    g.head[i + 1] = w.head;
    g.label[i + 1] = DeprelId(w.deprel);
  }
  return g;
}

}  // namespace

ParserScore EvaluateParser(const Parser& parser, const std::vector<ConlluSentence>& gold,
                           const std::vector<std::vector<uint8_t>>* upos,
                           const std::vector<std::vector<uint8_t>>* xpos) {
  ParserScore score;
  ParseOutput out;
  for (size_t si = 0; si < gold.size(); ++si) {
    GoldSentence g = MakeGold(gold[si]);
    const int n = static_cast<int>(g.forms.size());
    if (upos != nullptr && (*upos)[si].size() == static_cast<size_t>(n)) g.upos = (*upos)[si];
    if (xpos != nullptr && (*xpos)[si].size() == static_cast<size_t>(n)) g.xpos = (*xpos)[si];
    ParseInput in{g.forms.data(), g.upos.data(), g.xpos.data(), nullptr, n};
    parser.Parse(in, &out);
    for (int i = 0; i < n; ++i) {
      ++score.words;
      if (out.head[i] + 1 == g.head[i + 1]) {
        ++score.head_correct;
        if (out.deprel[i] == g.label[i + 1]) ++score.labelled_correct;
      }
    }
  }
  return score;
}

Result<std::unique_ptr<Parser>> TrainParser(const std::vector<ConlluSentence>& train,
                                            const std::vector<ConlluSentence>& dev,
                                            const ParserTrainOptions& opt, std::ostream* log) {
  const int num_labels = DeprelCount();
  if (num_labels + 0 > 64) return Internal("parser: more than 64 labels");
  std::vector<GoldSentence> gold;
  std::vector<ParserOracle> oracles;
  std::vector<HybridOracle> hybrid_oracles;
  int skipped = 0;
  for (const ConlluSentence& s : train) {
    if (s.words.empty()) continue;
    GoldSentence g = MakeGold(s);
    ParserOracle o;  // also the tree check for the hybrid system
    if (!o.Init(static_cast<int>(g.forms.size()), g.head.data(), g.label.data(), num_labels,
                kDeprelRoot)) {
      ++skipped;
      continue;
    }
    if (opt.arc_hybrid) {
      HybridOracle h;
      h.Init(static_cast<int>(g.forms.size()), g.head.data(), g.label.data(), kDeprelRoot);
      hybrid_oracles.push_back(std::move(h));
    } else {
      oracles.push_back(std::move(o));
    }
    gold.push_back(std::move(g));
  }
  if (gold.empty()) return InvalidArgument("parser: no usable training sentence");
  // Tag noise: each word's alternative tags seen in training (sorted ids, so deterministic).
  KeyMap word_index(1 << 16);
  std::vector<std::vector<std::pair<uint8_t, uint8_t>>> word_tags;  // (xpos, upos) per word type
  for (const GoldSentence& g : gold) {
    for (size_t i = 0; i < g.forms.size(); ++i) {
      const uint64_t key = WordHash(g.forms[i]);
      const uint32_t id = word_index.Insert(key, static_cast<uint32_t>(word_tags.size()));
      if (id == word_tags.size()) word_tags.emplace_back();
      auto& v = word_tags[id];
      std::pair<uint8_t, uint8_t> t{g.xpos[i], g.upos[i]};
      if (std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
    }
  }
  if (log) {
    *log << "parser: " << gold.size() << " training sentences (" << skipped
         << " skipped: not a tree)\n";
  }
  TrainWeights weights;
  ParserState st;
  SentenceFeatures sf;
  uint64_t feats[kMaxFeatures];
  std::vector<float> scores(kMaxClasses);
  std::vector<int> costs(kMaxClasses);
  std::vector<uint32_t> order(gold.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = opt.seed;
  std::string best_bytes;
  double best_las = -1;
  std::vector<uint8_t> upos, xpos;
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[SplitMix(&rng) % i]);
    }
    long steps = 0, errors = 0;
    for (uint32_t si : order) {
      const GoldSentence& g = gold[si];
      const int n = static_cast<int>(g.forms.size());
      upos = g.upos;
      xpos = g.xpos;
      if (opt.tag_noise > 0) {
        for (int i = 0; i < n; ++i) {
          const double r = static_cast<double>(SplitMix(&rng) >> 11) * 0x1.0p-53;
          if (r >= opt.tag_noise) continue;
          const uint32_t* id = word_index.Find(WordHash(g.forms[i]));
          if (id == nullptr || word_tags[*id].size() < 2) continue;
          const auto& alts = word_tags[*id];
          const auto& t = alts[SplitMix(&rng) % alts.size()];
          xpos[i] = t.first;
          upos[i] = t.second;
        }
      }
      ParseInput in{g.forms.data(), upos.data(), xpos.data(), nullptr, n};
      sf.Fill(in);
      st.Reset(n, num_labels, kDeprelRoot, opt.arc_hybrid);
      if (opt.arc_hybrid) {
        // Dynamic oracle: update towards the best-scoring cheapest class; after the first
        // epochs, follow the model's own choice (mistakes included) with probability `explore`.
        const HybridOracle& oracle = hybrid_oracles[si];
        const bool exploring = epoch >= opt.explore_from_epoch;
        while (!st.Terminal()) {
          const int nf = ExtractFeatures(st, sf, feats);
          const int nc = st.NumClasses();
          weights.Score(feats, nf, scores.data(), nc);
          oracle.Costs(st, costs.data());
          const int pred = BestValid(st, scores.data());
          int min_cost = costs[pred];
          for (int c = 0; c < nc; ++c) min_cost = std::min(min_cost, costs[c]);
          int best = -1;
          for (int c = 0; c < nc; ++c) {
            if (costs[c] == min_cost && (best < 0 || scores[c] > scores[best])) best = c;
          }
          ++weights.now;
          ++steps;
          if (costs[pred] > min_cost) {
            ++errors;
            weights.Update(feats, nf, best, pred);
          }
          int next = best;
          if (exploring && static_cast<double>(SplitMix(&rng) >> 11) * 0x1.0p-53 < opt.explore) {
            next = pred;
          }
          st.Apply(next);
        }
        continue;
      }
      st.max_swaps = 1 << 30;  // the run-time cap never binds on gold trees; do not let it here
      const ParserOracle& oracle = oracles[si];
      while (!st.Terminal()) {
        const int gold_cls = oracle.Next(st);
        const int nf = ExtractFeatures(st, sf, feats);
        weights.Score(feats, nf, scores.data(), st.NumClasses());
        const int pred = BestValid(st, scores.data());
        ++weights.now;
        ++steps;
        if (pred != gold_cls) {
          ++errors;
          weights.Update(feats, nf, gold_cls, pred);
        }
        st.Apply(gold_cls);
      }
    }
    Parser candidate(weights.Freeze(num_labels, opt.min_feature_count, opt.arc_hybrid));
    std::string bytes = candidate.ToBytes();
    ParserScore ds;
    if (!dev.empty()) ds = EvaluateParser(candidate, dev);
    if (log) {
      *log << "parser: epoch " << epoch << " train-acc "
           << (steps ? 100.0 * (steps - errors) / steps : 0) << "% features "
           << weights.rows.size() << " model " << bytes.size() << " bytes, dev UAS " << ds.uas()
           << " LAS " << ds.las() << "\n";
      log->flush();
    }
    if (dev.empty() || ds.las() > best_las) {
      best_las = ds.las();
      best_bytes = std::move(bytes);
    }
  }
  return Parser::FromBytes(best_bytes);
}

}  // namespace ng::syntax
