#include "html/dom.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ng::html {
namespace {

struct TagEntry {
  std::string_view name;
  Tag tag;
};

// Sorted by name for binary search.
constexpr std::array kTags = std::to_array<TagEntry>({
    {"a", Tag::kA},           {"abbr", Tag::kAbbr},         {"address", Tag::kAddress},
    {"article", Tag::kArticle}, {"aside", Tag::kAside},     {"audio", Tag::kAudio},
    {"b", Tag::kB},           {"base", Tag::kBase},         {"blockquote", Tag::kBlockquote},
    {"body", Tag::kBody},     {"br", Tag::kBr},             {"button", Tag::kButton},
    {"canvas", Tag::kCanvas}, {"caption", Tag::kCaption},   {"center", Tag::kCenter},
    {"cite", Tag::kCite},     {"code", Tag::kCode},         {"dd", Tag::kDd},
    {"del", Tag::kDel},       {"details", Tag::kDetails},   {"dialog", Tag::kDialog},
    {"div", Tag::kDiv},       {"dl", Tag::kDl},             {"dt", Tag::kDt},
    {"em", Tag::kEm},         {"embed", Tag::kEmbed},       {"fieldset", Tag::kFieldset},
    {"figcaption", Tag::kFigcaption}, {"figure", Tag::kFigure}, {"font", Tag::kFont},
    {"footer", Tag::kFooter}, {"form", Tag::kForm},         {"h1", Tag::kH1},
    {"h2", Tag::kH2},         {"h3", Tag::kH3},             {"h4", Tag::kH4},
    {"h5", Tag::kH5},         {"h6", Tag::kH6},             {"head", Tag::kHead},
    {"header", Tag::kHeader}, {"hr", Tag::kHr},             {"html", Tag::kHtml},
    {"i", Tag::kI},           {"iframe", Tag::kIframe},     {"img", Tag::kImg},
    {"input", Tag::kInput},   {"ins", Tag::kIns},           {"label", Tag::kLabel},
    {"legend", Tag::kLegend}, {"li", Tag::kLi},             {"link", Tag::kLink},
    {"main", Tag::kMain},     {"mark", Tag::kMark},         {"math", Tag::kMath},
    {"menu", Tag::kMenu},     {"meta", Tag::kMeta},         {"nav", Tag::kNav},
    {"noscript", Tag::kNoscript}, {"object", Tag::kObject}, {"ol", Tag::kOl},
    {"option", Tag::kOption}, {"p", Tag::kP},               {"picture", Tag::kPicture},
    {"pre", Tag::kPre},       {"q", Tag::kQ},               {"s", Tag::kS},
    {"script", Tag::kScript}, {"section", Tag::kSection},   {"select", Tag::kSelect},
    {"small", Tag::kSmall},   {"source", Tag::kSource},     {"span", Tag::kSpan},
    {"strong", Tag::kStrong}, {"style", Tag::kStyle},       {"sub", Tag::kSub},
    {"summary", Tag::kSummary}, {"sup", Tag::kSup},         {"svg", Tag::kSvg},
    {"table", Tag::kTable},   {"tbody", Tag::kTbody},       {"td", Tag::kTd},
    {"template", Tag::kTemplate}, {"textarea", Tag::kTextarea}, {"tfoot", Tag::kTfoot},
    {"th", Tag::kTh},         {"thead", Tag::kThead},       {"time", Tag::kTime},
    {"title", Tag::kTitle},   {"tr", Tag::kTr},             {"u", Tag::kU},
    {"ul", Tag::kUl},         {"video", Tag::kVideo},       {"wbr", Tag::kWbr},
});

constexpr bool IsHtmlSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// IsHtmlSpace as a table, for loops that must not branch on it.
constexpr std::array<uint8_t, 256> kHtmlSpace = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = IsHtmlSpace(static_cast<unsigned char>(c)) ? 1 : 0;
  return t;
}();

// Length of a UTF-8 NBSP (C2 A0) at s[i], or 0.
size_t NbspAt(std::string_view s, size_t i) {
  return (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
          static_cast<unsigned char>(s[i + 1]) == 0xA0)
             ? 2
             : 0;
}

}  // namespace

Tag TagFromName(std::string_view name) {
  auto it = std::lower_bound(kTags.begin(), kTags.end(), name,
                             [](const TagEntry& e, std::string_view n) { return e.name < n; });
  return (it != kTags.end() && it->name == name) ? it->tag : Tag::kOther;
}

std::string_view TagName(Tag tag) {
  static const auto names = [] {
    std::array<std::string_view, 256> t{};
    for (const auto& e : kTags) t[static_cast<uint8_t>(e.tag)] = e.name;
    return t;
  }();
  return names[static_cast<uint8_t>(tag)];
}

bool IsBlockTag(Tag t) {
  switch (t) {
    case Tag::kAddress: case Tag::kArticle: case Tag::kAside: case Tag::kBlockquote:
    case Tag::kBody: case Tag::kCaption: case Tag::kCenter: case Tag::kDd: case Tag::kDetails:
    case Tag::kDialog: case Tag::kDiv: case Tag::kDl: case Tag::kDt: case Tag::kFieldset:
    case Tag::kFigcaption: case Tag::kFigure: case Tag::kFooter: case Tag::kForm: case Tag::kH1:
    case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kHeader:
    case Tag::kHr: case Tag::kHtml: case Tag::kLegend: case Tag::kLi: case Tag::kMain:
    case Tag::kMenu: case Tag::kNav: case Tag::kOl: case Tag::kP: case Tag::kPre:
    case Tag::kSection: case Tag::kSummary: case Tag::kTable: case Tag::kTbody: case Tag::kTd:
    case Tag::kTfoot: case Tag::kTh: case Tag::kThead: case Tag::kTr: case Tag::kUl:
    case Tag::kOption: case Tag::kSelect: case Tag::kTextarea:
      return true;
    default:
      return false;
  }
}

bool IsHeadingTag(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

std::string_view Node::attr(std::string_view n) const {
  for (const auto& a : attrs)
    if (a.name == n) return a.value;
  return {};
}

bool Node::has_attr(std::string_view n) const {
  for (const auto& a : attrs)
    if (a.name == n) return true;
  return false;
}

Document::Document() {
  root_ = NewNode(NodeType::kDocument);
}

Node* Document::NewNode(NodeType type) {
  if (chunk_used_ == chunk_size_) {
    chunk_size_ = chunk_size_ ? std::min<size_t>(chunk_size_ * 2, 4096) : 64;
    node_chunks_.push_back(std::make_unique<Node[]>(chunk_size_));
    chunk_used_ = 0;
  }
  Node* n = &node_chunks_.back()[chunk_used_++];
  n->id = static_cast<uint32_t>(count_++);
  n->type = type;
  return n;
}

char* Document::Allocate(size_t bytes, size_t align) {
  auto aligned = [&](char* p) {
    return reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(p) + align - 1) & ~(align - 1));
  };
  if (top_) {
    char* p = aligned(top_);
    if (p <= end_ && static_cast<size_t>(end_ - p) >= bytes) {
      top_ = p + bytes;
      return p;
    }
  }
  size_t need = bytes + align;
  if (need > next_block_ / 2) {
    // Big: a block of its own, so the current block keeps serving small strings.
    blocks_.push_back(std::make_unique<char[]>(need));
    return aligned(blocks_.back().get());
  }
  blocks_.push_back(std::make_unique<char[]>(next_block_));
  top_ = blocks_.back().get();
  end_ = top_ + next_block_;
  next_block_ = std::min<size_t>(next_block_ * 2, 1u << 20);
  char* p = aligned(top_);
  top_ = p + bytes;
  return p;
}

std::string_view Document::Store(std::string_view s) {
  if (s.empty()) return {};
  auto at = reinterpret_cast<uintptr_t>(s.data()), from = reinterpret_cast<uintptr_t>(borrowed_.data());
  if (at >= from && at - from <= borrowed_.size() && s.size() <= borrowed_.size() - (at - from))
    return s;
  char* p = Allocate(s.size(), 1);
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Document::AppendText(Node* node, std::string_view more) {
  if (more.empty()) return;
  std::string_view old = node->text;
  if (old.empty()) {
    node->text = Store(more);
    return;
  }
  char* p = const_cast<char*>(old.data());
  size_t size = old.size() + more.size();
  auto room = capacity_.find(p);
  bool fits = room != capacity_.end() ? size <= room->second
                                       : p + old.size() == top_ && more.size() <= size_t(end_ - top_);
  if (fits) {
    std::memcpy(p + old.size(), more.data(), more.size());
    if (room == capacity_.end()) top_ += more.size();
    node->text = {p, size};
    return;
  }
  // Move it, with room to double: appends interleaved with other allocations stay linear.
  if (room != capacity_.end()) capacity_.erase(room);
  size_t cap = 2 * size;
  char* q = Allocate(cap, 1);
  std::memcpy(q, old.data(), old.size());
  std::memcpy(q + old.size(), more.data(), more.size());
  capacity_[q] = cap;
  node->text = {q, size};
}

Attribute* Document::NewAttributes(Node* node, size_t n) {
  if (n == 0) {
    node->attrs = {};
    return nullptr;
  }
  auto* a = reinterpret_cast<Attribute*>(Allocate(n * sizeof(Attribute), alignof(Attribute)));
  for (size_t i = 0; i < n; ++i) new (&a[i]) Attribute{};
  node->attrs = {a, n};
  return a;
}

void Document::AddAttribute(Node* node, std::string_view name, std::string_view value) {
  size_t n = node->attrs.size();
  auto* a = const_cast<Attribute*>(node->attrs.data());
  auto room = a ? capacity_.find(a) : capacity_.end();
  if (room == capacity_.end() || n + 1 > room->second) {
    size_t cap = std::max<size_t>(4, 2 * (n + 1));
    auto* b = reinterpret_cast<Attribute*>(Allocate(cap * sizeof(Attribute), alignof(Attribute)));
    for (size_t i = 0; i < n; ++i) new (&b[i]) Attribute(node->attrs[i]);
    if (room != capacity_.end()) capacity_.erase(room);
    capacity_[b] = cap;
    a = b;
  }
  new (&a[n]) Attribute{Store(name), Store(value)};
  node->attrs = {a, n + 1};
}

Node* Document::NewElement(std::string_view name) { return NewElement(name, TagFromName(name)); }

Node* Document::NewElement(std::string_view name, Tag tag) {
  Node* n = NewNode(NodeType::kElement);
  n->tag = tag;
  // A known tag's name is the table's (static) string; others are copied.
  n->name = tag != Tag::kOther ? TagName(tag) : Store(name);
  return n;
}

Node* Document::NewText(std::string_view text) {
  Node* n = NewNode(NodeType::kText);
  n->text = Store(text);
  return n;
}

Node* Document::NewComment(std::string_view text) {
  Node* n = NewNode(NodeType::kComment);
  n->text = Store(text);
  return n;
}

void Document::Append(Node* parent, Node* child) {
  child->parent = parent;
  child->prev = parent->last_child;
  child->next = nullptr;
  if (parent->last_child)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
}

void Document::Detach(Node* node) {
  Node* p = node->parent;
  if (!p) return;
  if (node->prev) node->prev->next = node->next; else p->first_child = node->next;
  if (node->next) node->next->prev = node->prev; else p->last_child = node->prev;
  node->parent = node->prev = node->next = nullptr;
}

const Node* Document::FindFirst(Tag tag) const {
  for (const Node* n = root_; n; n = Next(n, root_))
    if (n->is(tag)) return n;
  return nullptr;
}

const Node* Document::head() const {
  for (const Node* html = root_->first_child; html; html = html->next)
    if (html->is(Tag::kHtml))
      for (const Node* c = html->first_child; c; c = c->next)
        if (c->is(Tag::kHead)) return c;
  return FindFirst(Tag::kHead);
}

const Node* Document::body() const {
  for (const Node* html = root_->first_child; html; html = html->next)
    if (html->is(Tag::kHtml))
      for (const Node* c = html->first_child; c; c = c->next)
        if (c->is(Tag::kBody)) return c;
  return FindFirst(Tag::kBody);
}

const Node* NextSkipChildren(const Node* n, const Node* scope) {
  while (n && n != scope) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return nullptr;
}

const Node* Next(const Node* n, const Node* scope) {
  if (n->first_child) return n->first_child;
  return NextSkipChildren(n, scope);
}

Node* Next(Node* n, const Node* scope) {
  return const_cast<Node*>(Next(static_cast<const Node*>(n), scope));
}

static bool SkipsText(const Node* n) {
  return n->is(Tag::kScript) || n->is(Tag::kStyle) || n->is(Tag::kTemplate) ||
         n->is(Tag::kNoscript);
}

std::string TextContent(const Node* root) {
  std::string out;
  if (root->is_text()) return std::string(root->text);
  for (const Node* n = root; n;) {
    if (n != root && SkipsText(n)) { n = NextSkipChildren(n, root); continue; }
    if (n->is_text()) out += n->text;
    n = Next(n, root);
  }
  return out;
}

size_t CollapsedTextLength(const Node* root) {
  size_t len = 0;
  bool space = true;
  for (const Node* n = root; n;) {
    if (n != root && SkipsText(n)) { n = NextSkipChildren(n, root); continue; }
    if (n->is_text()) {
      for (unsigned char c : n->text) {
        if (IsHtmlSpace(c)) {
          if (!space) { ++len; space = true; }
        } else {
          ++len;
          space = false;
        }
      }
    }
    n = Next(n, root);
  }
  return len;
}

#if !defined(__SSE2__)
// True when none of the 8 bytes in `x` is below 0x21 (whitespace or another control byte) or an
// NBSP lead byte 0xC2: AppendCollapsed copies such bytes as they are. The usual SWAR tests for
// "some byte < n" and "some byte == c".
inline bool AllPlain(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const uint64_t below_bang = (x - kOnes * 0x21) & ~x & kHighs;
  const uint64_t c2 = x ^ (kOnes * 0xC2);
  const uint64_t is_c2 = (c2 - kOnes) & ~c2 & kHighs;
  return (below_bang | is_c2) == 0;
}
#endif

void AppendCollapsed(std::string& out, std::string_view s) {
  bool space = out.empty() || out.back() == ' ' || out.back() == '\n';
  // Written through a pointer into room made up front: the collapsed text is never longer than
  // s. Most stretches of text need no change at all, so they are copied a block at a time.
  const size_t old_size = out.size();
  out.resize(old_size + s.size());
  char* w = out.data() + old_size;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
#if defined(__SSE2__)
    // 16 bytes copy as they are when they hold no whitespace but single ' ' (none right after
    // a space already written) and no NBSP lead byte; control bytes take the slow path too.
    constexpr size_t kBlock = 16;
    if (end - p >= 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x);  // <= 0x20
      const __m128i blank = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
      const __m128i nbsp = _mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC2)));
      const __m128i other_mask = _mm_or_si128(_mm_andnot_si128(blank, low), nbsp);
      const unsigned other = static_cast<unsigned>(_mm_movemask_epi8(other_mask));
      const unsigned blanks = static_cast<unsigned>(_mm_movemask_epi8(blank));
      const unsigned after_space = blanks << 1 | (space ? 1u : 0u);  // bit i: byte i-1 a space
      if (other == 0 && (blanks & after_space) == 0) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), x);
        w += 16;
        p += 16;
        space = (blanks >> 15) != 0;
        continue;
      }
    }
#else
    // 8 bytes copy as they are when none is whitespace (or another byte < 0x21) or an NBSP lead.
    constexpr size_t kBlock = 8;
    if (end - p >= 8) {
      uint64_t x;
      std::memcpy(&x, p, 8);
      if (AllPlain(x)) {
        std::memcpy(w, p, 8);
        w += 8;
        p += 8;
        space = false;
        continue;
      }
    }
#endif
    // Something to collapse in the next block: those bytes one (or one NBSP) at a time,
    // without a branch on whitespace (text alternates words and spaces too irregularly for
    // branch prediction): the byte, or ' ' for whitespace, is always stored, and kept unless it
    // is a space after a space.
    const char* const stop = end - p > static_cast<std::ptrdiff_t>(kBlock) ? p + kBlock : end;
    unsigned prev_space = space;
    while (p < stop) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) {  // NBSP
        if (!prev_space) *w++ = ' ';
        prev_space = 1;
        p += 2;
        continue;
      }
      const unsigned is_space = kHtmlSpace[c];
      const unsigned char mask = static_cast<unsigned char>(-is_space);  // 0xFF for whitespace
      *w = static_cast<char>(c ^ ((c ^ ' ') & mask));
      w += 1 - (is_space & prev_space);
      prev_space = is_space;
      ++p;
    }
    space = prev_space != 0;
  }
  out.resize(static_cast<size_t>(w - out.data()));
}

std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsHtmlSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    else if (NbspAt(s, 0)) s.remove_prefix(2);
    else break;
  }
  for (;;) {
    if (!s.empty() && IsHtmlSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    else if (s.size() >= 2 && NbspAt(s, s.size() - 2)) s.remove_suffix(2);
    else break;
  }
  return s;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendCollapsed(out, s);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace ng::html
