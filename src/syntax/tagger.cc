#include "syntax/tagger.h"
#include "base/hash.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <ostream>
#include <unordered_map>

#include "base/file.h"

namespace ng::syntax {
namespace {

constexpr char kMagic[8] = {'N', 'G', 'T', 'A', 'G', 'G', 'E', 'R'};
constexpr uint32_t kVersion = 2;  // 2: a direction count after the version
constexpr int kMaxTags = 256;
constexpr uint16_t kNoTag = 0xFFFF;
constexpr size_t kMaxFeatures = 40;


inline uint64_t HashBytes(const char* p, size_t n, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= 0x100000001b3ULL;
  }
  return Mix64(h + n);
}

inline uint64_t Combine(uint64_t a, uint64_t b) { return Mix64(a * 0x9E3779B97F4A7C15ULL + b); }

inline uint64_t Key(uint64_t templ, uint64_t value) {
  uint64_t k = Mix64(value ^ ((templ + 1) * 0xD6E8FEB86659FD93ULL));
  return k == 0 ? 1 : k;
}

inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

enum Flag : uint32_t { kHyphen = 1, kDigit = 2, kUpperFirst = 4, kAllUpper = 8, kHasLower = 16,
                       kNonAscii = 32, kPeriod = 64 };

// What the features need of one word, computed once per word.
struct WordInfo {
  uint64_t form, lower, pre[3], suf[4], shape;
  uint32_t flags;
  uint64_t amb;  // the word's ambiguity class: the set of labels it had in training (hashed)
};

// Words longer than this are described by their first and last kMaxWordBytes/2 bytes only,
// which keeps the per-word cost bounded (a 1 MB "word" costs as much as a 64-byte one).
constexpr size_t kMaxWordBytes = 64;

void Describe(std::string_view w, WordInfo* out) {
  char buf[kMaxWordBytes];
  size_t n = w.size();
  if (n > kMaxWordBytes) {
    std::memcpy(buf, w.data(), kMaxWordBytes / 2);
    std::memcpy(buf + kMaxWordBytes / 2, w.data() + n - kMaxWordBytes / 2, kMaxWordBytes / 2);
    n = kMaxWordBytes;
  } else {
    std::memcpy(buf, w.data(), n);
  }
  out->form = HashBytes(buf, n, 1);
  uint32_t flags = 0;
  bool all_upper = true, any_alpha = false;
  char lower[kMaxWordBytes];
  // Shape: X x d for upper, lower, digit, 'u' for a non-ASCII lead byte, other bytes as they are;
  // a run of one class is cut at two ("Xxx" for "Hello", "dd.dd" for "2024.10").
  uint64_t shape = 0xcbf29ce484222325ULL;
  char last = 0;
  int run = 0, shape_len = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = buf[i];
    unsigned char u = static_cast<unsigned char>(c);
    lower[i] = LowerAscii(c);
    char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
      any_alpha = true;
      if (i == 0) flags |= kUpperFirst;
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
      any_alpha = true;
      all_upper = false;
      flags |= kHasLower;
    } else if (c >= '0' && c <= '9') {
      s = 'd';
      flags |= kDigit;
    } else if (u >= 0x80) {
      flags |= kNonAscii;
      if ((u & 0xC0) == 0x80) continue;  // continuation byte
      s = 'u';
    } else {
      s = c;
      if (c == '-') flags |= kHyphen;
      if (c == '.') flags |= kPeriod;
    }
    if (s == last) {
      if (++run > 2) continue;
    } else {
      last = s;
      run = 1;
    }
    if (shape_len < 16) {
      shape ^= static_cast<unsigned char>(s);
      shape *= 0x100000001b3ULL;
      ++shape_len;
    }
  }
  if (any_alpha && all_upper) flags |= kAllUpper;
  out->flags = flags;
  out->shape = Mix64(shape + 7);
  out->lower = HashBytes(lower, n, 2);
  for (size_t k = 0; k < 3; ++k) out->pre[k] = HashBytes(lower, std::min(n, k + 1), 3 + k);
  for (size_t k = 0; k < 4; ++k) {
    size_t len = std::min(n, k + 1);
    out->suf[k] = HashBytes(lower + n - len, len, 10 + k);
  }
}

// Context words beyond the sentence.
const WordInfo& Boundary(int which) {
  static const WordInfo kInfo[4] = {
      {Mix64(101), Mix64(102), {Mix64(103), Mix64(103), Mix64(103)}, {Mix64(104), Mix64(104), Mix64(104), Mix64(104)}, Mix64(105), 0, Mix64(106)},
      {Mix64(201), Mix64(202), {Mix64(203), Mix64(203), Mix64(203)}, {Mix64(204), Mix64(204), Mix64(204), Mix64(204)}, Mix64(205), 0, Mix64(206)},
      {Mix64(301), Mix64(302), {Mix64(303), Mix64(303), Mix64(303)}, {Mix64(304), Mix64(304), Mix64(304), Mix64(304)}, Mix64(305), 0, Mix64(306)},
      {Mix64(401), Mix64(402), {Mix64(403), Mix64(403), Mix64(403)}, {Mix64(404), Mix64(404), Mix64(404), Mix64(404)}, Mix64(405), 0, Mix64(406)}};
  return kInfo[which];
}

// The feature keys of word i given the two previous labels (p1, p2; sentinels past the start).
// dir 0 reads left to right; dir 1 is the right-to-left model, run on the reversed sentence with
// keys of its own (the templates are offset by 64).
size_t Features(const WordInfo* info, int n, int i, uint64_t p1, uint64_t p2, uint64_t* f, uint64_t dir = 0) {
  const uint64_t t0 = dir * 64;
  const WordInfo& w = info[i];
  const WordInfo& l1 = i >= 1 ? info[i - 1] : Boundary(0);
  const WordInfo& l2 = i >= 2 ? info[i - 2] : Boundary(1);
  const WordInfo& r1 = i + 1 < n ? info[i + 1] : Boundary(2);
  const WordInfo& r2 = i + 2 < n ? info[i + 2] : Boundary(3);
  size_t k = 0;
  f[k++] = Key(t0 + 0, 0);
  f[k++] = Key(t0 + 1, w.form);
  f[k++] = Key(t0 + 2, w.lower);
  for (int j = 0; j < 3; ++j) f[k++] = Key(t0 + 3 + j, w.pre[j]);
  for (int j = 0; j < 4; ++j) f[k++] = Key(t0 + 6 + j, w.suf[j]);
  f[k++] = Key(t0 + 10, w.shape);
  f[k++] = Key(t0 + 11, w.flags | (i == 0 ? 1u << 10 : 0u));
  f[k++] = Key(t0 + 12, l1.lower);
  f[k++] = Key(t0 + 13, l2.lower);
  f[k++] = Key(t0 + 14, r1.lower);
  f[k++] = Key(t0 + 15, r2.lower);
  f[k++] = Key(t0 + 16, l1.suf[2]);
  f[k++] = Key(t0 + 17, r1.suf[2]);
  f[k++] = Key(t0 + 18, p1);
  f[k++] = Key(t0 + 19, p2);
  f[k++] = Key(t0 + 20, Combine(p1, p2));
  f[k++] = Key(t0 + 21, Combine(p1, w.lower));
  f[k++] = Key(t0 + 22, Combine(l1.lower, w.lower));
  f[k++] = Key(t0 + 23, Combine(w.lower, r1.lower));
  f[k++] = Key(t0 + 24, r1.shape);
  f[k++] = Key(t0 + 25, l1.shape);
  f[k++] = Key(t0 + 26, Combine(p1, r1.lower));
  f[k++] = Key(t0 + 27, Combine(w.suf[2], r1.flags));
  f[k++] = Key(t0 + 28, Combine(p1, w.suf[2]));
  f[k++] = Key(t0 + 29, w.amb);
  f[k++] = Key(t0 + 30, r1.amb);
  f[k++] = Key(t0 + 31, r2.amb);
  f[k++] = Key(t0 + 32, l1.amb);
  f[k++] = Key(t0 + 33, Combine(p1, r1.amb));
  f[k++] = Key(t0 + 34, Combine(w.amb, r1.amb));
  f[k++] = Key(t0 + 35, Combine(w.amb, w.suf[2]));
  return k;
}

inline uint64_t PrevLabel(int tag) { return Mix64(static_cast<uint64_t>(tag) + 1000); }
const uint64_t kStart1 = Mix64(9001), kStart2 = Mix64(9002);

// ---- model bytes ----
void PutU32(std::string* s, uint32_t v) { s->append(reinterpret_cast<const char*>(&v), 4); }
void PutU64(std::string* s, uint64_t v) { s->append(reinterpret_cast<const char*>(&v), 8); }
void PutU16(std::string* s, uint16_t v) { s->append(reinterpret_cast<const char*>(&v), 2); }
void PutStr(std::string* s, const std::string& v) {
  s->push_back(static_cast<char>(v.size()));
  s->append(v.data(), v.size() & 0xFF);
}

struct Reader {
  std::string_view b;
  size_t pos = 0;
  bool bad = false;
  bool Need(size_t n) {
    if (bad || b.size() - pos < n) bad = true;
    return !bad;
  }
  template <typename T>
  T Get() {
    T v{};
    if (Need(sizeof(T))) {
      std::memcpy(&v, b.data() + pos, sizeof(T));
      pos += sizeof(T);
    }
    return v;
  }
  std::string Str() {
    size_t n = Get<uint8_t>();
    if (!Need(n)) return {};
    std::string s(b.substr(pos, n));
    pos += n;
    return s;
  }
};

uint64_t Checksum(std::string_view b) { return HashBytes(b.data(), b.size(), 77); }

size_t TableSize(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  return cap;
}

template <typename V>
void Insert(std::vector<std::pair<uint64_t, V>>* table, uint64_t key, V value) {
  size_t mask = table->size() - 1;
  size_t j = key & mask;
  while ((*table)[j].first != 0) j = (j + 1) & mask;
  (*table)[j] = {key, value};
}

const uint64_t kUnknownAmb = Mix64(999);

}  // namespace

Tagger::Tagger() = default;
Tagger::~Tagger() = default;

inline uint32_t Fingerprint(uint64_t key) {
  uint32_t fp = static_cast<uint32_t>(key >> 32);
  return fp == 0 ? 1 : fp;
}

const Tagger::Slot* Tagger::Find(uint64_t key) const {
  const size_t mask = table_.size() - 1;
  const uint32_t fp = Fingerprint(key);
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    const Slot& s = table_[i];
    if (s.fp == fp) return &s;
    if (s.fp == 0) return nullptr;
  }
}

uint16_t Tagger::DictLookup(uint64_t word_hash) const {
  if (word_hash == 0) word_hash = 1;
  size_t mask = dict_.size() - 1;
  for (size_t i = word_hash & mask;; i = (i + 1) & mask) {
    if (dict_[i].first == word_hash) return dict_[i].second;
    if (dict_[i].first == 0) return kNoTag;
  }
}

uint64_t Tagger::AmbiguityClass(uint64_t lower_hash) const {
  if (lower_hash == 0) lower_hash = 1;
  size_t mask = lex_.size() - 1;
  for (size_t i = lower_hash & mask;; i = (i + 1) & mask) {
    if (lex_[i].first == lower_hash) return lex_[i].second;
    if (lex_[i].first == 0) return kUnknownAmb;
  }
}

// Scores of every label for word i of `info` (features already hashed into f[0, k)).
void Tagger::Score(const uint64_t* f, size_t k, float* scores) const {
  // Memory latency dominates (a feature is two cache misses: its slot, then its weights), so
  // every slot is prefetched first, then every weight row, and only then are they summed.
  const size_t mask = table_.size() - 1;
  for (size_t j = 0; j < k; ++j) __builtin_prefetch(&table_[f[j] & mask]);
  const Weight* rows[kMaxFeatures];
  uint32_t counts[kMaxFeatures];
  size_t m = 0;
  for (size_t j = 0; j < k; ++j) {
    const Slot* s = Find(f[j]);
    if (s == nullptr) continue;
    rows[m] = weights_.data() + (s->row >> 9);
    counts[m] = s->row & 511;
    __builtin_prefetch(rows[m]);
    ++m;
  }
  std::fill(scores, scores + num_tags(), 0.0f);
  for (size_t r = 0; r < m; ++r)
    for (uint32_t c = 0; c < counts[r]; ++c) scores[rows[r][c].tag] += rows[r][c].w;
}

void Tagger::Tag(const std::string_view* words, int n, uint16_t* tags) const {
  if (n <= 0) return;
  std::vector<WordInfo> info(n);
  for (int i = 0; i < n; ++i) {
    Describe(words[i], &info[i]);
    info[i].amb = AmbiguityClass(info[i].lower);
  }
  const int nt = num_tags();
  const bool both = directions_ == 2;
  float scores[kMaxTags];
  uint64_t f[kMaxFeatures];
  // Words where the left-to-right pass was unsure (its best label within backward_margin_ of the
  // second): their forward scores, to be added to the right-to-left model's.
  std::vector<float> forward;
  std::vector<int> unsure_at(both ? n : 0, -1);
  uint64_t p1 = kStart1, p2 = kStart2;
  for (int i = 0; i < n; ++i) {
    uint16_t tag = DictLookup(info[i].form);
    if (tag == kNoTag) {
      Score(f, Features(info.data(), n, i, p1, p2, f), scores);
      int best = 0, second = -1;
      for (int c = 1; c < nt; ++c) {
        if (scores[c] > scores[best]) {
          second = best;
          best = c;
        } else if (second < 0 || scores[c] > scores[second]) {
          second = c;
        }
      }
      tag = static_cast<uint16_t>(best);
      if (both && (second < 0 || scores[best] - scores[second] < backward_margin_)) {
        unsure_at[i] = static_cast<int>(forward.size() / nt);
        forward.insert(forward.end(), scores, scores + nt);
      }
    }
    tags[i] = tag;
    p2 = p1;
    p1 = PrevLabel(tag);
  }
  if (forward.empty()) {
    RepairFiniteVerb(words, n, tags);
    return;
  }
  // The right-to-left model, only where the first pass was unsure; its history is the labels
  // already settled to the right (the reversed sentence's "previous" words).
  std::reverse(info.begin(), info.end());
  for (int i = n - 1; i >= 0; --i) {
    if (unsure_at[i] < 0) continue;
    const int j = n - 1 - i;
    uint64_t q1 = i + 1 < n ? PrevLabel(tags[i + 1]) : kStart1;
    uint64_t q2 = i + 2 < n ? PrevLabel(tags[i + 2]) : (i + 1 < n ? kStart1 : kStart2);
    Score(f, Features(info.data(), n, j, q1, q2, f, 1), scores);
    const float* fw = forward.data() + static_cast<size_t>(unsure_at[i]) * nt;
    int best = 0;
    for (int c = 0; c < nt; ++c) {
      scores[c] += fw[c];
      if (scores[c] > scores[best]) best = c;
    }
    tags[i] = static_cast<uint16_t>(best);
  }
  RepairFiniteVerb(words, n, tags);
}

// News clauses open with a plural or named subject and a past tense ("Syrian troops shelled rebel
// positions", "Police arrested 20 protesters") where EWT's web text mostly has a participle after
// a noun (a reduced relative: "the files attached"). A participle that follows its subject noun
// with no auxiliary before it and takes a direct object (a determiner, number, adjective or noun
// next) is the clause's past tense. Verbs of naming keep the participle ("a man named John").
void Tagger::RepairFiniteVerb(const std::string_view* words, int n, uint16_t* tags) const {
  int vbd = -1;
  for (int i = 1; i + 1 < n; ++i) {
    if (xpos_[tags[i]] != "VBN") continue;
    const std::string& prev = xpos_[tags[i - 1]];
    if (prev != "NN" && prev != "NNS" && prev != "NNP" && prev != "NNPS" && prev != "PRP") continue;
    // A particle may stand between the verb and its object ("militants set off a bomb").
    const int o = xpos_[tags[i + 1]] == "RP" && i + 2 < n ? i + 2 : i + 1;
    const std::string& next = xpos_[tags[o]];
    if (next != "DT" && next != "CD" && next != "JJ" && next != "NN" && next != "NNS" && next != "PRP$" && next != "PRP")
      continue;
    bool aux = false;
    for (int j = std::max(0, i - 4); j < i && !aux; ++j) aux = upos_[tags[j]] == "AUX";
    if (aux) continue;
    std::string lower(words[i]);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "named" || lower == "called" || lower == "dubbed" || lower == "titled" || lower == "entitled" ||
        lower == "nicknamed" || lower == "labelled" || lower == "labeled") continue;
    if (vbd < 0) {
      for (int t = 0; t < num_tags(); ++t) {
        if (upos_[t] == "VERB" && xpos_[t] == "VBD") vbd = t;
      }
      if (vbd < 0) return;
    }
    tags[i] = static_cast<uint16_t>(vbd);
  }
}

size_t Tagger::MemoryBytes() const {
  return sizeof(*this) + table_.capacity() * sizeof(Slot) + weights_.capacity() * sizeof(Weight) +
         keys_.capacity() * 8 + counts_.capacity() * 4 +
         dict_.capacity() * sizeof(dict_[0]) + lex_.capacity() * sizeof(lex_[0]) + (upos_.size() + xpos_.size()) * 40;
}

void Tagger::BuildTable(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& counts) {
  table_.assign(TableSize(keys.size()), Slot{0, 0});
  size_t mask = table_.size() - 1;
  uint32_t begin = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t i = keys[k] & mask;
    while (table_[i].fp != 0) i = (i + 1) & mask;
    table_[i] = Slot{Fingerprint(keys[k]), begin << 9 | counts[k]};
    begin += counts[k];
  }
  keys_ = keys;
  counts_ = counts;
  num_features_ = keys.size();
}

std::string Tagger::Serialize() const {
  std::string s(kMagic, 8);
  PutU32(&s, kVersion);
  PutU32(&s, static_cast<uint32_t>(directions_));
  PutU32(&s, static_cast<uint32_t>(upos_.size()));
  for (size_t t = 0; t < upos_.size(); ++t) {
    PutStr(&s, upos_[t]);
    PutStr(&s, xpos_[t]);
  }
  std::vector<std::pair<uint64_t, uint16_t>> dict;
  for (const auto& e : dict_)
    if (e.first != 0) dict.push_back(e);
  std::sort(dict.begin(), dict.end());
  PutU32(&s, static_cast<uint32_t>(dict.size()));
  for (const auto& [k, t] : dict) {
    PutU64(&s, k);
    PutU16(&s, t);
  }
  std::vector<std::pair<uint64_t, uint64_t>> lex;
  for (const auto& e : lex_)
    if (e.first != 0) lex.push_back(e);
  std::sort(lex.begin(), lex.end());
  PutU32(&s, static_cast<uint32_t>(lex.size()));
  for (const auto& [k, v] : lex) {
    PutU64(&s, k);
    PutU64(&s, v);
  }
  PutU32(&s, static_cast<uint32_t>(keys_.size()));
  size_t begin = 0;
  for (size_t k = 0; k < keys_.size(); ++k) {  // keys_ are sorted (training and loading keep them so)
    PutU64(&s, keys_[k]);
    PutU16(&s, static_cast<uint16_t>(counts_[k]));
    for (uint32_t c = 0; c < counts_[k]; ++c) {
      const Weight& w = weights_[begin + c];
      s.push_back(static_cast<char>(w.tag));
      s.append(reinterpret_cast<const char*>(&w.w), 4);
    }
    begin += counts_[k];
  }
  PutU64(&s, Checksum(s));
  return s;
}

Status Tagger::Save(const std::string& path) const {
  std::string bytes = Serialize();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError("cannot write " + path);
  return Status::Ok();
}

Result<std::unique_ptr<Tagger>> Tagger::FromBytes(std::string_view bytes) {
  if (bytes.size() < 8 + 4 + 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    return DataLoss("not a newsgraph tagger model");
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  Reader r{body, 8};
  uint32_t version = r.Get<uint32_t>();
  if (version != kVersion)
    return DataLoss("tagger model version " + std::to_string(version) + ", this build reads " +
                    std::to_string(kVersion) + " (rebuild it with make train-syntax)");
  if (Checksum(body) != stored) return DataLoss("tagger model checksum mismatch (corrupt file)");
  auto t = std::make_unique<Tagger>();
  uint32_t dirs = r.Get<uint32_t>();
  if (dirs != 1 && dirs != 2) return DataLoss("tagger model: bad direction count");
  t->directions_ = static_cast<int>(dirs);
  uint32_t nt = r.Get<uint32_t>();
  if (nt == 0 || nt > static_cast<uint32_t>(kMaxTags)) return DataLoss("tagger model: bad tag count");
  for (uint32_t i = 0; i < nt && !r.bad; ++i) {
    t->upos_.push_back(r.Str());
    t->xpos_.push_back(r.Str());
  }
  uint32_t nd = r.Get<uint32_t>();
  if (r.bad || nd > body.size() / 10) return DataLoss("tagger model: truncated dictionary");
  t->dict_.assign(TableSize(nd), {0, 0});
  uint64_t last = 0;
  for (uint32_t i = 0; i < nd; ++i) {
    uint64_t k = r.Get<uint64_t>();
    uint16_t tag = r.Get<uint16_t>();
    if (r.bad || k <= last || tag >= nt) return DataLoss("tagger model: bad dictionary entry");
    Insert(&t->dict_, k, tag);
    last = k;
  }
  uint32_t nl = r.Get<uint32_t>();
  if (r.bad || nl > body.size() / 16) return DataLoss("tagger model: truncated lexicon");
  t->lex_.assign(TableSize(nl), {0, 0});
  last = 0;
  for (uint32_t i = 0; i < nl; ++i) {
    uint64_t k = r.Get<uint64_t>();
    uint64_t v = r.Get<uint64_t>();
    if (r.bad || k <= last) return DataLoss("tagger model: bad lexicon entry");
    Insert(&t->lex_, k, v);
    last = k;
  }
  uint32_t nf = r.Get<uint32_t>();
  if (r.bad || nf > body.size() / 10) return DataLoss("tagger model: truncated features");
  std::vector<uint64_t> keys(nf);
  std::vector<uint32_t> counts(nf);
  for (uint32_t i = 0; i < nf; ++i) {
    keys[i] = r.Get<uint64_t>();
    counts[i] = r.Get<uint16_t>();
    if (r.bad || keys[i] == 0 || counts[i] > nt || (i > 0 && keys[i] <= keys[i - 1]))
      return DataLoss("tagger model: bad feature entry");
    for (uint32_t c = 0; c < counts[i]; ++c) {
      uint8_t tag = r.Get<uint8_t>();
      float w = r.Get<float>();
      if (r.bad || tag >= nt || !std::isfinite(w)) return DataLoss("tagger model: bad weight");
      t->weights_.push_back(Weight{w, tag});
    }
  }
  if (r.pos != body.size()) return DataLoss("tagger model: trailing bytes");
  if (t->weights_.size() >= (1u << 23)) return DataLoss("tagger model: too many weights");
  t->BuildTable(keys, counts);
  return t;
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  NG_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, 512u << 20));
  Result<std::unique_ptr<Tagger>> t = FromBytes(bytes);
  if (!t.ok()) return Status(t.status().code(), path + ": " + t.status().message());
  return t;
}

// ---- training ----

class TaggerTrainer {
 public:
  struct Entry {
    uint16_t tag;
    float w = 0;
    double total = 0;
    int64_t stamp = 0;
  };

  static Result<std::unique_ptr<Tagger>> Train(const std::vector<TaggedSentence>& train,
                                               const TaggerTrainOptions& o, std::ostream* log) {
    auto tagger = std::make_unique<Tagger>();
    // Labels in order of first appearance in the training data (deterministic).
    std::map<std::pair<std::string, std::string>, int> label_of;
    std::vector<std::vector<uint16_t>> gold(train.size());
    for (size_t s = 0; s < train.size(); ++s) {
      const TaggedSentence& ts = train[s];
      if (ts.upos.size() != ts.words.size() || ts.xpos.size() != ts.words.size())
        return InvalidArgument("tagger training: sentence " + std::to_string(s) + " has ragged tags");
      for (size_t i = 0; i < ts.words.size(); ++i) {
        auto [it, fresh] = label_of.try_emplace({ts.upos[i], ts.xpos[i]}, static_cast<int>(label_of.size()));
        if (fresh) {
          if (label_of.size() > static_cast<size_t>(kMaxTags)) return InvalidArgument("more than 256 tag pairs");
          tagger->upos_.push_back(ts.upos[i].substr(0, 255));
          tagger->xpos_.push_back(ts.xpos[i].substr(0, 255));
        }
        gold[s].push_back(static_cast<uint16_t>(it->second));
      }
    }
    const int nt = tagger->num_tags();
    if (nt == 0) return InvalidArgument("tagger training: no words");

    // The tag dictionary: frequent words that (almost) always carry one label.
    std::unordered_map<uint64_t, std::vector<int>> seen;
    for (size_t s = 0; s < train.size(); ++s)
      for (size_t i = 0; i < train[s].words.size(); ++i) {
        WordInfo wi;
        Describe(train[s].words[i], &wi);
        std::vector<int>& c = seen[wi.form];
        if (c.empty()) c.assign(nt, 0);
        ++c[gold[s][i]];
      }
    std::vector<std::pair<uint64_t, uint16_t>> dict;
    for (const auto& [k, c] : seen) {
      int total = 0, best = 0;
      for (int t = 0; t < nt; ++t) {
        total += c[t];
        if (c[t] > c[best]) best = t;
      }
      if (total >= o.dict_min_count && c[best] >= o.dict_min_ratio * total)
        dict.push_back({k == 0 ? 1 : k, static_cast<uint16_t>(best)});
    }
    std::sort(dict.begin(), dict.end());
    tagger->dict_.assign(TableSize(dict.size()), {0, 0});
    for (const auto& e : dict) Insert(&tagger->dict_, e.first, e.second);

    // The lexicon: each lowercase word's set of labels in training, as one hashed class.
    // Words seen fewer than lex_min_count times stay out, so that training meets words of unknown
    // class as often as a new text does (every training word in it would teach trust in it).
    std::map<uint64_t, std::vector<int>> labels_of;
    for (size_t s = 0; s < train.size(); ++s)
      for (size_t i = 0; i < train[s].words.size(); ++i) {
        WordInfo wi;
        Describe(train[s].words[i], &wi);
        std::vector<int>& set = labels_of[wi.lower == 0 ? 1 : wi.lower];
        if (set.empty()) set.assign(nt + 1, 0);
        ++set[gold[s][i]];
        ++set[nt];
      }
    size_t lex_size = 0;
    for (const auto& [k, set] : labels_of) lex_size += set[nt] >= o.lex_min_count;
    tagger->lex_.assign(TableSize(lex_size), {0, 0});
    for (const auto& [k, set] : labels_of) {
      if (set[nt] < o.lex_min_count) continue;
      uint64_t h = Mix64(4242);
      for (int t = 0; t < nt; ++t)
        if (set[t] > 0) h = Combine(h, static_cast<uint64_t>(t));
      Insert(&tagger->lex_, k, h);
    }

    TaggerTrainer tr;
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    uint64_t rng = o.seed;
    std::vector<WordInfo> info;
    uint64_t f[kMaxFeatures];
    std::vector<float> scores(nt);
    std::vector<uint16_t> gold_dir;
    tagger->directions_ = o.bidirectional ? 2 : 1;
    for (int it = 0; it < o.iterations; ++it) {
      for (size_t i = order.size(); i > 1; --i) {  // Fisher-Yates with our own generator
        rng += 0x9E3779B97F4A7C15ULL;
        std::swap(order[i - 1], order[Mix64(rng) % i]);
      }
      size_t right = 0, words = 0;
      for (size_t s : order) {
        const TaggedSentence& ts = train[s];
        int n = static_cast<int>(ts.words.size());
        info.resize(n);
        for (int i = 0; i < n; ++i) {
          Describe(ts.words[i], &info[i]);
          info[i].amb = tagger->AmbiguityClass(info[i].lower);
        }
        std::vector<uint16_t>& g = gold_dir;
        g.assign(gold[s].begin(), gold[s].end());
        for (uint64_t dir = 0; dir < (o.bidirectional ? 2u : 1u); ++dir) {
          if (dir == 1) {  // the right-to-left model trains on the reversed sentence
            std::reverse(info.begin(), info.end());
            std::reverse(g.begin(), g.end());
          }
          uint64_t p1 = kStart1, p2 = kStart2;
          for (int i = 0; i < n; ++i) {
            uint16_t guess = tagger->DictLookup(info[i].form);
            if (guess == kNoTag) {
              size_t k = Features(info.data(), n, i, p1, p2, f, dir);
              std::fill(scores.begin(), scores.end(), 0.0f);
              for (size_t j = 0; j < k; ++j) {
                auto found = tr.index_.find(f[j]);
                if (found == tr.index_.end()) continue;
                for (const Entry& e : tr.rows_[found->second]) scores[e.tag] += e.w;
              }
              int best = 0;
              for (int c = 1; c < nt; ++c)
                if (scores[c] > scores[best]) best = c;
              guess = static_cast<uint16_t>(best);
              ++tr.now_;
              if (guess != g[i]) {
                for (size_t j = 0; j < k; ++j) {
                  tr.Update(f[j], g[i], 1.0f);
                  tr.Update(f[j], guess, -1.0f);
                }
              }
            }
            right += guess == g[i];
            ++words;
            p2 = p1;
            p1 = PrevLabel(guess);
          }
        }
      }
      if (log != nullptr)
        *log << "tagger iteration " << it + 1 << ": train accuracy "
             << (words ? 100.0 * right / words : 0.0) << "%, " << tr.rows_.size() << " features\n";
    }

    // Average, drop the zeros, write keys in sorted order.
    std::vector<std::pair<uint64_t, uint32_t>> keyed(tr.index_.begin(), tr.index_.end());
    std::sort(keyed.begin(), keyed.end());
    std::vector<uint64_t> keys;
    std::vector<uint32_t> counts;
    const double now = static_cast<double>(std::max<int64_t>(tr.now_, 1));
    for (const auto& [key, row_index] : keyed) {
      std::vector<Entry>& row = tr.rows_[row_index];
      std::sort(row.begin(), row.end(), [](const Entry& a, const Entry& b) { return a.tag < b.tag; });
      uint32_t kept = 0;
      for (Entry& e : row) {
        double total = e.total + static_cast<double>(tr.now_ - e.stamp) * e.w;
        float avg = static_cast<float>(total / now);
        if (std::fabs(avg) <= o.prune || avg == 0.0f) continue;
        tagger->weights_.push_back(Tagger::Weight{avg, e.tag});
        ++kept;
      }
      if (kept > 0) {
        keys.push_back(key);
        counts.push_back(kept);
      }
    }
    tagger->BuildTable(keys, counts);
    if (log != nullptr)
      *log << "tagger: " << nt << " labels, " << dict.size() << " dictionary words, " << keys.size()
           << " features, " << tagger->weights_.size() << " weights\n";
    return tagger;
  }

 private:
  void Update(uint64_t key, uint16_t tag, float delta) {
    auto [it, fresh] = index_.try_emplace(key, static_cast<uint32_t>(rows_.size()));
    if (fresh) rows_.emplace_back();
    std::vector<Entry>& row = rows_[it->second];
    Entry* e = nullptr;
    for (Entry& x : row)
      if (x.tag == tag) e = &x;
    if (e == nullptr) {
      row.push_back(Entry{tag, 0, 0, now_});
      e = &row.back();
    }
    e->total += static_cast<double>(now_ - e->stamp) * e->w;
    e->stamp = now_;
    e->w += delta;
  }

  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<std::vector<Entry>> rows_;
  int64_t now_ = 0;
};

Result<std::unique_ptr<Tagger>> TrainTagger(const std::vector<TaggedSentence>& train,
                                            const TaggerTrainOptions& options, std::ostream* log) {
  return TaggerTrainer::Train(train, options, log);
}

TagAccuracy EvaluateTagger(const Tagger& tagger, const std::vector<TaggedSentence>& gold) {
  TagAccuracy acc;
  size_t upos = 0, xpos = 0;
  std::vector<std::string_view> words;
  std::vector<uint16_t> tags;
  for (const TaggedSentence& s : gold) {
    words.assign(s.words.begin(), s.words.end());
    tags.resize(words.size());
    tagger.Tag(words.data(), static_cast<int>(words.size()), tags.data());
    for (size_t i = 0; i < words.size(); ++i) {
      upos += i < s.upos.size() && tagger.upos(tags[i]) == s.upos[i];
      xpos += i < s.xpos.size() && tagger.xpos(tags[i]) == s.xpos[i];
    }
    acc.words += words.size();
  }
  if (acc.words > 0) {
    acc.upos = static_cast<double>(upos) / acc.words;
    acc.xpos = static_cast<double>(xpos) / acc.words;
  }
  return acc;
}

}  // namespace ng::syntax
