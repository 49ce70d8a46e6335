#include "extract/main_content.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <optional>
#include <unordered_map>

#include "extract/boilerplate_lines.h"
#include "extract/class_id.h"

namespace ng::extract {
namespace {

using html::Node;
using html::NodeType;
using html::Tag;

// ---------------------------------------------------------------------------------------------
// What an element says about itself.

// ASCII case folding: what std::tolower does in the "C" locale (we never set another), without
// a library call per byte.
constexpr char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// An attribute name (lower-case, short) against a literal: length first, then a fixed-size
// compare the compiler inlines.
template <size_t N>
bool NameIs(std::string_view name, const char (&literal)[N]) {
  return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
}

// The attributes the hints below read, found in one pass over the element's attributes. Each
// is the first attribute of its name, as Node::attr returns it.
struct HintAttrs {
  std::string_view itemprop, role, cls, id, style;
  bool hidden = false;

  explicit HintAttrs(const Node& e) {
    bool have_itemprop = false, have_role = false, have_cls = false, have_id = false,
         have_style = false;
    auto take = [](bool& have, std::string_view& field, std::string_view value) {
      if (!have) field = value;
      have = true;
    };
    for (const auto& a : e.attrs) {
      const std::string_view name = a.name;
      switch (name.size()) {
        case 2:
          if (NameIs(name, "id")) take(have_id, id, a.value);
          break;
        case 4:
          if (NameIs(name, "role")) take(have_role, role, a.value);
          break;
        case 5:
          if (NameIs(name, "class")) take(have_cls, cls, a.value);
          else if (NameIs(name, "style")) take(have_style, style, a.value);
          break;
        case 6:
          if (NameIs(name, "hidden")) hidden = true;
          break;
        case 8:
          if (NameIs(name, "itemprop")) take(have_itemprop, itemprop, a.value);
          break;
        default:
          break;
      }
    }
  }
};

// Words of class/id that mark page chrome. Matched as whole words ("ad" must not hit "header"
// or "read"), after splitting on every non-alphanumeric character. Strong words are removed even
// from big elements (a cookie dialog can hold more prose than the article); weak words are kept
// when the element holds most of the page's prose (themes put "sidebar" on page wrappers).
enum class Word { kNone, kWeak, kStrong, kDialog };
enum class Kind : uint8_t { kDialogW, kStrongW, kWeakW, kContentW };

// What the table knows of a word: its list (if any), and whether it is one of the taxonomy
// words of CMS class names ("tag-iraq", "category-world", see ClassHint).
struct WordInfo {
  std::optional<Kind> kind;
  bool taxonomy = false;
};

// The word lists in a small open-addressing table. This runs for every word of every class of
// every element, so a probe is a cheap hash of the length and the outer bytes, then a compare
// of two 8-byte loads. Words are at most 16 bytes.
class WordTable {
 public:
  static constexpr size_t kMaxLen = 16;

  WordTable() {
    for (size_t n = 0; n <= 8; ++n) {  // keep_[n]: the first n bytes in memory order
      unsigned char bytes[8] = {};
      std::memset(bytes, 0xFF, n);
      std::memcpy(&keep_[n], bytes, 8);
    }
    for (std::string_view w : {"cookie", "cookies", "consent", "gdpr", "adblock"})
      Add(w, Kind::kDialogW);
    for (std::string_view w :
         {"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising",
          "adsbygoogle", "adslot", "adunit", "dfp", "share", "sharing", "shares",
          "sharebar", "sharedaddy", "social", "socials", "related", "relatedposts",
          "recommended", "recommendations", "recirc", "newsletter", "newsletters",
          "subscribe", "subscription", "signup", "promo", "promotion", "sponsor",
          "sponsored", "popup", "modal", "overlay", "breadcrumb", "breadcrumbs", "pagination",
          "pager", "toolbar", "print", "outbrain", "taboola", "popular", "trending", "ticker",
          "skip", "jump", "login", "signin", "rss", "donate", "tooltip", "rating", "paywall",
          "toc", "addtoany", "a2a", "sharethis", "shareaholic", "nocontent",
          // The same chrome in the languages of the news we read most.
          "publicidad", "publicidade", "anuncio", "anuncios", "werbung", "anzeige",
          "publicite", "pub", "pubblicita", "reklama", "compartir", "partager", "teilen",
          "condividi", "compartilhar", "relacionadas", "relacionados", "relacionada",
          "interesar", "suscripcion", "suscribete", "abonnement", "abo"})
      Add(w, Kind::kStrongW);
    for (std::string_view w :
         {"sidebar", "widget", "widgets", "nav", "navbar", "navigation", "menu", "footer",
          "masthead", "header", "tags", "tag", "tagcloud", "meta", "byline", "author",
          "authors", "dateline", "timestamp", "screen", "more", "readmore",
          "follow", "teaser", "teasers", "banner", "disclaimer", "copyright", "search",
          "offer", "breaking"})
      Add(w, Kind::kWeakW);
    for (std::string_view w : {"article", "content", "entry", "body", "post", "story", "text",
                               "main", "articlebody", "storybody", "blog"})
      Add(w, Kind::kContentW);
    for (std::string_view w : {"tag", "category", "author", "type", "format"})
      Slot(w).info.taxonomy = true;
  }

  // `w` must be followed by at least kMaxLen readable bytes (LowerClassId pads its buffer).
  WordInfo Find(std::string_view w) const {
    if (w.size() < 2 || w.size() > max_len_) return {};
    uint64_t lo, hi;
    Load(w, &lo, &hi);
    for (size_t i = Hash(w);; i = (i + 1) & (kSlots - 1)) {
      const Entry& e = slots_[i];
      if (e.len == 0) return {};
      if (e.len == w.size() && e.lo == lo && e.hi == hi) return e.info;
    }
  }

 private:
  struct Entry {
    uint64_t lo = 0, hi = 0;  // the word's bytes, zero-padded to 16
    uint8_t len = 0;          // 0: a free slot
    WordInfo info;
  };
  static constexpr size_t kSlots = 512;  // a power of two, over three times the word count

  static size_t Hash(std::string_view w) {  // w.size() >= 2
    const auto b = [&](size_t i) {
      return static_cast<uint32_t>(static_cast<unsigned char>(w[i]));
    };
    const uint32_t key = (b(0) | b(1) << 8 | b(w.size() - 2) << 16 | b(w.size() - 1) << 24) ^
                         static_cast<uint32_t>(w.size()) * 0x01000193u;
    return (key * 0x9E3779B1u) >> (32 - 9);  // the top 9 bits: kSlots == 1 << 9
  }

  // The first w.size() (<= 16) bytes of w as two words, the rest zero. Reads 16 bytes.
  void Load(std::string_view w, uint64_t* lo, uint64_t* hi) const {
    std::memcpy(lo, w.data(), 8);
    std::memcpy(hi, w.data() + 8, 8);
    *lo &= keep_[std::min<size_t>(w.size(), 8)];
    *hi &= keep_[w.size() > 8 ? w.size() - 8 : 0];
  }

  Entry& Slot(std::string_view w) {  // the word's entry, made when new
    char padded[kMaxLen] = {};
    std::memcpy(padded, w.data(), w.size());
    uint64_t lo, hi;
    Load(std::string_view(padded, w.size()), &lo, &hi);
    auto same = [&](const Entry& e) { return e.len == w.size() && e.lo == lo && e.hi == hi; };
    size_t i = Hash(w);
    while (slots_[i].len != 0 && !same(slots_[i])) i = (i + 1) & (kSlots - 1);
    if (slots_[i].len == 0) {
      slots_[i].lo = lo;
      slots_[i].hi = hi;
      slots_[i].len = static_cast<uint8_t>(w.size());
      max_len_ = std::max(max_len_, w.size());
    }
    return slots_[i];
  }

  void Add(std::string_view w, Kind kind) {
    Entry& e = Slot(w);
    if (!e.info.kind) e.info.kind = kind;  // the first list naming a word wins
  }

  std::array<Entry, kSlots> slots_{};
  uint64_t keep_[9];  // masks for Load
  size_t max_len_ = 0;
};

WordInfo LookupWord(std::string_view w) {
  static const WordTable table;
  return table.Find(w);
}

Word ChromeWord(std::optional<Kind> k) {
  if (!k) return Word::kNone;
  switch (*k) {
    case Kind::kDialogW: return Word::kDialog;
    case Kind::kStrongW: return Word::kStrong;
    case Kind::kWeakW: return Word::kWeak;
    case Kind::kContentW: break;
  }
  return Word::kNone;
}

bool IsChromeRole(std::string_view role) {
  return InList(role, {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                       "menubar", "dialog", "alertdialog", "toolbar", "tablist"});
}

// Readable zero bytes after the text in LowerClassId's buffer: WordTable::Find loads 16 bytes
// from a word's start, HasCommentWord 16 from a word's last byte.
constexpr size_t kClassIdPad = 32;

// Does the lower-cased "class id" (followed by kClassIdPad readable bytes) name a comment
// thread: "comment", "disqus", "coment", "komment" or "комм" anywhere in it? A position is
// looked at only when its byte is a word's first and the byte where that word would end is its
// last (16 positions at a time with SSE2), which is rare in class names.
bool HasCommentWord(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "comment", "coment", "disqus", "komment", "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xBC"};  // "комм"
  auto at = [&](size_t i) {
    for (std::string_view w : kWords)
      if (s.compare(i, w.size(), w) == 0) return true;
    return false;
  };
#if defined(__SSE2__)
  for (size_t i = 0; i < s.size(); i += 16) {
    const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hits = _mm_setzero_si128();
    for (std::string_view w : kWords) {
      const __m128i last =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + w.size() - 1));
      hits = _mm_or_si128(hits,
                          _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(w.front())),
                                        _mm_cmpeq_epi8(last, _mm_set1_epi8(w.back()))));
    }
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(hits)); m != 0; m &= m - 1) {
      const size_t pos = i + static_cast<size_t>(__builtin_ctz(m));
      if (pos < s.size() && at(pos)) return true;
    }
  }
#else
  for (size_t i = 0; i < s.size(); ++i)
    if (at(i)) return true;
#endif
  return false;
}

// What ClassHint reads from the words of the lower-cased "class id".
struct ClassWords {
  bool comments = false;
  Word chrome = Word::kNone;
  bool content = false, header_word_only = true, whole_content_name = false;
};

ClassWords ReadClassWords(std::string_view s) {
  ClassWords r;
  if (HasCommentWord(s)) {
    r.comments = true;
    return r;
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t name_end = i;
    while (name_end < s.size() && s[name_end] != ' ') ++name_end;
    const std::string_view name = s.substr(i, name_end - i);
    i = name_end;
    // The name's words: the first 16 count, one table probe each (plain arrays, left
    // uninitialised: this runs for every name of every element).
    constexpr size_t kMaxWords = 16;
    std::optional<Kind> kinds[kMaxWords];
    uint32_t more_words = 0, header_words = 0;  // bit k: word k is "more" / "header"
    size_t n = 0, first_word_size = 0;
    bool has_content_word = false;
    // CMSes tag posts with their taxonomy ("tag-iraq", "category-world",
    // "entry-category-social_media", "entry-author-jane"): names, not chrome. That is one of
    // the taxonomy words followed by '-', at the name's start or after a '-' — anywhere in the
    // name, so every word is looked at for it.
    bool taxonomy = false;
    for (size_t k = 0, j; k < name.size(); k = j) {
      while (k < name.size() && !alnum(name[k])) ++k;
      j = k;
      while (j < name.size() && alnum(name[j])) ++j;
      if (j == k) continue;
      const std::string_view word = name.substr(k, j - k);
      const WordInfo info = LookupWord(word);
      if (info.taxonomy && (k == 0 || name[k - 1] == '-') && j < name.size() && name[j] == '-')
        taxonomy = true;
      if (n == kMaxWords) continue;
      kinds[n] = info.kind;
      if (word == "more") more_words |= 1u << n;
      if (word == "header") header_words |= 1u << n;
      if (n == 0) first_word_size = word.size();
      has_content_word |= info.kind == Kind::kContentW;
      ++n;
    }
    r.whole_content_name |= n == 1 && first_word_size == name.size() && has_content_word;
    if (taxonomy) continue;
    // "entry-more" / id "more" (Movable Type, TypePad) is the rest of the entry after its
    // jump: a "more" alone or joined to a content word is the article's continuation.
    bool continuation = has_content_word || name == "more";
    for (size_t k = 0; k < n; ++k) {
      Word cw = continuation && (more_words >> k & 1) ? Word::kNone : ChromeWord(kinds[k]);
      if (cw != Word::kNone && !(header_words >> k & 1)) r.header_word_only = false;
      r.chrome = std::max(r.chrome, cw);
    }
    r.content |= has_content_word;
  }
  return r;
}

// A cheap hash of s as LowerClassId leaves it, 8 bytes at a time (the last 8 may take in some of
// the zero padding after it, the same for equal texts).
size_t HashClassId(std::string_view s) {
  uint64_t h = s.size();
  for (size_t i = 0; i < s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
  }
  return static_cast<size_t>(h ^ (h >> 29));
}

// ClassWords of s, remembered: pages repeat the same class names on many elements (list items,
// cards, menu entries), so the last results are kept in a small direct-mapped cache keyed by the
// exact text.
const ClassWords& CachedClassWords(std::string_view s) {
  struct Entry {
    std::string key;
    ClassWords words;
    bool used = false;
  };
  constexpr size_t kEntries = 256;
  constexpr size_t kMaxKey = 256;  // longer class strings are rare: not kept (memory stays flat)
  if (s.size() > kMaxKey) {
    thread_local ClassWords uncached;
    uncached = ReadClassWords(s);
    return uncached;
  }
  thread_local std::array<Entry, kEntries> cache;
  Entry& e = cache[HashClassId(s) % kEntries];
  if (!e.used || e.key != s) {
    e.key.assign(s);
    e.words = ReadClassWords(s);
    e.used = true;
  }
  return e.words;
}

Hint ClassHint(const Node& e, const HintAttrs& attrs) {
  std::string_view itemprop = attrs.itemprop;
  if (itemprop == "articleBody" || itemprop == "articlebody") return Hint::kContent;
  // Containers that are the article by their nature; a class on them never makes them chrome.
  if (e.is(Tag::kArticle) || e.is(Tag::kMain) || e.is(Tag::kBody)) return Hint::kContent;
  std::string_view role = attrs.role;
  if (!role.empty()) {
    if (role == "dialog" || role == "alertdialog") return Hint::kDialog;
    if (IsChromeRole(role)) return Hint::kChrome;
  }
  std::string_view cls = attrs.cls, id = attrs.id;
  if (id.find('/') != std::string_view::npos) id = {};  // an id that is a URL names nothing
  if (cls.empty() && id.empty()) {
    switch (e.tag) {
      case Tag::kNav: case Tag::kAside: case Tag::kFooter: case Tag::kForm: case Tag::kHeader:
        break;  // decided by the tag below
      default:
        return role == "main" || role == "article" ? Hint::kContent : Hint::kNone;
    }
  }
  thread_local std::string buf;  // reused: this runs for every element of every page
  if (buf.capacity() > (64u << 10)) std::string().swap(buf);  // a huge class once: give it back
  const ClassWords& words = CachedClassWords(LowerClassId(cls, id, kClassIdPad, buf));
  if (words.comments) return Hint::kComments;
  const Word chrome = words.chrome;
  const bool content = words.content, header_word_only = words.header_word_only,
             whole_content_name = words.whole_content_name;
  if (chrome == Word::kDialog) return Hint::kDialog;
  if (chrome == Word::kStrong) return Hint::kStrongChrome;
  // Blogger's posts live in a "widget Blog": a class that is a content word by itself
  // outweighs a weak chrome word beside it.
  if (chrome == Word::kWeak && whole_content_name) return Hint::kNone;
  if (chrome == Word::kWeak) {
    // An entry's own header (a live blog's timestamp and headline) sits inside its <article>.
    if (header_word_only)
      for (const Node* a = e.parent; a; a = a->parent)
        if (a->is(Tag::kArticle)) return Hint::kNone;
    return Hint::kChrome;
  }
  if (content || role == "main" || role == "article") return Hint::kContent;
  switch (e.tag) {
    case Tag::kNav: case Tag::kAside: case Tag::kFooter: case Tag::kForm:
      return Hint::kChrome;
    case Tag::kHeader:  // a page header is chrome; an entry's header holds its headline
      for (const Node* a = e.parent; a; a = a->parent)
        if (a->is(Tag::kArticle)) return Hint::kNone;
      return Hint::kChrome;
    default:
      return Hint::kNone;
  }
}

}  // namespace

Hint ClassHint(const Node& e) { return ClassHint(e, HintAttrs(e)); }

namespace {

// Elements that never hold article text.
bool IsNeverContent(const Node& e) {
  switch (e.tag) {
    case Tag::kHead: case Tag::kScript: case Tag::kStyle: case Tag::kNoscript:
    case Tag::kTemplate: case Tag::kIframe: case Tag::kSvg: case Tag::kMath: case Tag::kCanvas:
    case Tag::kObject: case Tag::kEmbed: case Tag::kVideo: case Tag::kAudio: case Tag::kButton:
    case Tag::kInput: case Tag::kSelect: case Tag::kTextarea: case Tag::kOption:
    case Tag::kDialog: case Tag::kTitle: case Tag::kMeta: case Tag::kLink: case Tag::kLabel:
      return true;
    case Tag::kIns:
      return e.attr("class").find("adsbygoogle") != std::string_view::npos;
    default:
      break;
  }
  return false;
}

// Hidden by attribute or inline style. Treated like strong chrome, not like a script: sloppy
// markup sometimes nests the rest of the page inside a hidden menu layer.
bool IsHidden(const HintAttrs& attrs) {
  if (attrs.hidden) return true;
  if (!attrs.style.empty()) {
    thread_local std::string st;  // the style lower-cased, without spaces
    st.clear();
    for (char c : attrs.style)
      if (c != ' ') st.push_back(AsciiLower(c));
    if (st.find("display:none") != std::string::npos ||
        st.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

// An inline element inside a sentence (a glossary link with class "popup", a highlighted
// phrase): its class names a style, not a page region.
bool InRunningText(const Node& e) {
  switch (e.tag) {
    case Tag::kA: case Tag::kSpan: case Tag::kEm: case Tag::kStrong: case Tag::kB: case Tag::kI:
    case Tag::kU: case Tag::kFont: case Tag::kSmall: case Tag::kSup: case Tag::kSub:
    case Tag::kAbbr: case Tag::kCite: case Tag::kCode: case Tag::kMark: case Tag::kQ:
      break;
    default:
      return false;
  }
  for (const Node* side : {e.prev, e.next}) {
    if (side && side->is_text() && !html::Trim(side->text).empty()) return true;
  }
  return false;
}

bool IsDataTable(const Node* table) {
  if (table->attr("role") == "presentation") return false;
  int rows = 0, cells = 0;
  size_t text = 0;
  for (const Node* n = Next(table, table); n; n = Next(n, table)) {
    if (!n->is_element()) {
      if (n->is_text()) text += n->text.size();
      continue;
    }
    switch (n->tag) {
      case Tag::kTable: case Tag::kP: case Tag::kDiv: case Tag::kUl: case Tag::kOl:
      case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kBlockquote: case Tag::kImg:
        return false;
      case Tag::kTr: ++rows; break;
      case Tag::kTd: case Tag::kTh: ++cells; break;
      default: break;
    }
  }
  return rows >= 2 && cells >= 2 * rows - rows / 2 && text < 20000;
}

std::string TableText(const Node* table) {
  std::string out;
  for (const Node* n = Next(table, table); n; n = Next(n, table)) {
    if (n->is(Tag::kTr)) {
      std::string row;
      for (const Node* c = n->first_child; c; c = c->next) {
        if (!c->is(Tag::kTd) && !c->is(Tag::kTh)) continue;
        std::string cell = html::CollapseWhitespace(html::TextContent(c));
        std::string_view t = html::Trim(cell);
        if (!row.empty()) row += " | ";
        row += t;
      }
      if (!html::Trim(row).empty()) {
        if (!out.empty()) out += '\n';
        out += row;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Segmentation: the page as a flat list of text blocks, each owned by its nearest block element.

struct RawBlock {
  Block block;
  size_t chars = 0;       // visible characters (bytes of collapsed text)
  size_t link_chars = 0;  // of which inside <a>
  const Node* owner = nullptr;
  bool in_comments = false;
};

enum class Skip : uint8_t { kKeep, kRemove, kComments };

class Segmenter {
 public:
  Segmenter(const std::vector<Skip>& skip, bool keep_comments)
      : skip_(skip), keep_comments_(keep_comments) {}

  std::vector<RawBlock> Run(const Node* root) {
    const Node* n = root;
    Enter(n);
    while (true) {
      if (n->first_child && descend_) {
        n = n->first_child;
        Enter(n);
        continue;
      }
      if (descend_) Exit(n);  // a skipped node got no Enter bookkeeping
      while (n != root && !n->next) {
        n = n->parent;
        Exit(n);
      }
      if (n == root) break;
      n = n->next;
      Enter(n);
    }
    Flush();
    return std::move(blocks_);
  }

 private:
  void Enter(const Node* n) {
    descend_ = true;
    if (n->type == NodeType::kText) {
      AddText(n->text);
      descend_ = false;
      return;
    }
    if (!n->is_element() && n->type != NodeType::kDocument) {
      descend_ = false;
      return;
    }
    Skip s = n->is_element() ? skip_[n->id] : Skip::kKeep;
    if (s == Skip::kRemove || (s == Skip::kComments && !keep_comments_)) {
      descend_ = false;
      if (html::IsBlockTag(n->tag)) Flush();
      return;
    }
    if (n->is(Tag::kBr)) {
      if (!block_stack_.empty() && InlineBreakOwner(block_stack_.back()->tag)) {
        while (!cur_.empty() && cur_.back() == ' ') cur_.pop_back();
        if (!cur_.empty() && cur_.back() != '\n') cur_ += '\n';
      } else {
        Flush();
      }
      descend_ = false;
      return;
    }
    if (n->is(Tag::kTable) && IsDataTable(n)) {
      Flush();
      RawBlock rb;
      rb.block.kind = Block::Kind::kTable;
      rb.block.text = TableText(n);
      rb.chars = rb.block.text.size();
      rb.owner = n;
      rb.in_comments = comments_depth_ > 0;
      if (rb.chars) blocks_.push_back(std::move(rb));
      descend_ = false;
      return;
    }
    if (s == Skip::kComments) ++comments_depth_;
    if (n->is(Tag::kA)) ++link_depth_;
    if (n->is(Tag::kPre)) ++pre_depth_;
    if (n->is(Tag::kBlockquote)) ++quote_depth_;
    if (n->is(Tag::kUl) || n->is(Tag::kOl)) list_stack_.push_back(n->is(Tag::kOl));
    if (n->is_element() && html::IsBlockTag(n->tag)) {
      Flush();
      block_stack_.push_back(n);
    }
  }

  void Exit(const Node* n) {
    if (!n->is_element()) return;
    if (html::IsBlockTag(n->tag)) {
      Flush();
      if (!block_stack_.empty()) block_stack_.pop_back();
    }
    if (n->is(Tag::kA)) --link_depth_;
    if (n->is(Tag::kPre)) --pre_depth_;
    if (n->is(Tag::kBlockquote)) --quote_depth_;
    if ((n->is(Tag::kUl) || n->is(Tag::kOl)) && !list_stack_.empty()) list_stack_.pop_back();
    if (skip_[n->id] == Skip::kComments) --comments_depth_;
  }

  static bool InlineBreakOwner(Tag t) {
    return t == Tag::kP || t == Tag::kLi || t == Tag::kDd || t == Tag::kDt || html::IsHeadingTag(t) ||
           t == Tag::kTd || t == Tag::kTh || t == Tag::kBlockquote || t == Tag::kFigcaption;
  }

  void AddText(std::string_view t) {
    size_t before = cur_.size();
    if (pre_depth_ > 0) {
      cur_ += t;
    } else {
      html::AppendCollapsed(cur_, t);
    }
    if (link_depth_ > 0) cur_link_ += cur_.size() - before;
  }

  void Flush() {
    std::string_view t = html::Trim(cur_);
    if (!t.empty()) {
      RawBlock rb;
      rb.owner = block_stack_.empty() ? nullptr : block_stack_.back();
      rb.block.text = pre_depth_ > 0 ? std::string(t) : TrimLines(t);
      rb.chars = rb.block.text.size();
      rb.link_chars = std::min(cur_link_, rb.chars);
      rb.in_comments = comments_depth_ > 0;
      Classify(rb);
      blocks_.push_back(std::move(rb));
    }
    cur_.clear();
    cur_link_ = 0;
  }

  static std::string TrimLines(std::string_view t) {
    if (t.find('\n') == std::string_view::npos) return std::string(t);  // the common case
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\n') {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
        while (i + 1 < t.size() && t[i + 1] == ' ') ++i;
      } else {
        out += t[i];
      }
    }
    return out;
  }

  void Classify(RawBlock& rb) const {
    Block& b = rb.block;
    Tag t = rb.owner ? rb.owner->tag : Tag::kOther;
    if (rb.in_comments) {
      b.kind = Block::Kind::kComment;
    } else if (html::IsHeadingTag(t)) {
      b.kind = Block::Kind::kHeading;
      b.level = static_cast<int>(t) - static_cast<int>(Tag::kH1) + 1;
    } else if (t == Tag::kLi) {
      b.kind = Block::Kind::kListItem;
      b.level = static_cast<int>(std::max<size_t>(1, list_stack_.size()));
      b.ordered = !list_stack_.empty() && list_stack_.back();
    } else if (pre_depth_ > 0) {
      b.kind = Block::Kind::kPre;
    } else if (quote_depth_ > 0) {
      b.kind = Block::Kind::kQuote;
    } else if (t == Tag::kFigcaption || t == Tag::kCaption) {
      b.kind = Block::Kind::kCaption;
    } else {
      b.kind = Block::Kind::kParagraph;
    }
  }

  const std::vector<Skip>& skip_;
  bool keep_comments_;
  bool descend_ = true;
  std::vector<RawBlock> blocks_;
  std::vector<const Node*> block_stack_;
  std::vector<bool> list_stack_;
  std::string cur_;
  size_t cur_link_ = 0;
  int link_depth_ = 0, pre_depth_ = 0, quote_depth_ = 0, comments_depth_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Scoring.

bool EndsSentence(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == '\'' || t.back() == ')'))
    t.remove_suffix(1);
  if (t.empty()) return false;
  char c = t.back();
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  // Closing curly quote / CJK full stop (UTF-8 tails).
  return t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x9D" ||
                           t.substr(t.size() - 3) == "\xE3\x80\x82");
}

// How much a block speaks for its container being the article: its length when it reads like
// prose, 0 otherwise (then it counts against).
double ProseWeight(const RawBlock& rb) {
  if (rb.block.kind == Block::Kind::kHeading) return 0;
  double ld = rb.chars ? static_cast<double>(rb.link_chars) / rb.chars : 1.0;
  if (ld >= 0.5) return 0;
  bool para_owner = rb.owner && (rb.owner->is(Tag::kP) || rb.owner->is(Tag::kBlockquote) ||
                                 rb.owner->is(Tag::kPre));
  size_t min_len = para_owner ? 20 : 60;
  if (rb.chars >= min_len || (para_owner && EndsSentence(rb.block.text) && rb.chars >= 8))
    return static_cast<double>(rb.chars) * (1.0 - ld);
  return 0;
}

// "3 of 12", "3 / 12": a gallery's slide counter.
bool IsCounter(std::string_view t) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    return i > start;
  };
  auto skip_spaces = [&] { while (i < t.size() && t[i] == ' ') ++i; };
  if (!digits()) return false;
  skip_spaces();
  if (t.compare(i, 2, "of") == 0) i += 2;
  else if (i < t.size() && t[i] == '/') ++i;
  else return false;
  skip_spaces();
  return digits() && i == t.size();
}

bool IsBoilerplateLine(std::string_view text) {
  if (text.size() < 160 && text.find("JavaScript") != std::string_view::npos) {
    std::string t = Lower(text);
    if (t.find("enable") != std::string::npos || t.find("turn on") != std::string::npos ||
        t.find("activate") != std::string::npos || t.find("aktivieren") != std::string::npos)
      return true;
  }
  if (text.size() >= 400) return false;
  // The checks below read the trimmed text lower-cased; made once, in a reused buffer.
  thread_local std::string lower;
  const std::string_view trimmed = html::Trim(text);
  lower.resize(trimmed.size());
  std::transform(trimmed.begin(), trimmed.end(), lower.begin(), AsciiLower);
  const std::string_view l = lower;
  if (text.size() < 200) {
    // Legal lines: copyright and re-use notices, in the languages we see most.
    for (std::string_view p : {"\xC2\xA9", "(c) ", "copyright", "all rights reserved",
                               "alle rechte vorbehalten", "todos los derechos reservados",
                               "tous droits r\xC3\xA9serv\xC3\xA9s",
                               // "При использовании материалов" (Russian re-use notice)
                               "\xD0\x9F\xD1\x80\xD0\xB8 \xD0\xB8\xD1\x81\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xB7\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xB8\xD0\xB8 \xD0\xBC\xD0\xB0\xD1\x82\xD0\xB5\xD1\x80\xD0\xB8\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xB2"})
      if (l.starts_with(p) || (p.size() > 12 && l.find(p) != std::string_view::npos)) return true;
  }
  // Reprint and licensing notices of wire and print publishers ("This copy is for your
  // personal, non-commercial use only…", "Order a reprint of this article now").
  if (l.find("personal, non-commercial use") != std::string_view::npos ||
      l.find("personal non-commercial use") != std::string_view::npos ||
      l.find("order a reprint") != std::string_view::npos ||
      l.find("sample reprint") != std::string_view::npos ||
      // WordPress themes' post footer since Kubrick.
      l.starts_with("you can follow any responses to this entry"))
    return true;
  if (text.size() > 60) return false;
  std::string_view t = l;
  if (IsCounter(t)) return true;
  // "- Advertisement -", "— ADVERTISEMENT —", "Advertisement:".
  auto is_deco = [](char c) { return c == ':' || c == '.' || c == ' ' || c == '-' || c == '|' || c == '*'; };
  while (!t.empty() && is_deco(t.back())) t.remove_suffix(1);
  while (!t.empty() && is_deco(t.front())) t.remove_prefix(1);
  for (std::string_view dash : {"\xE2\x80\x94", "\xE2\x80\x93"}) {  // em/en dash
    while (t.ends_with(dash)) {
      t.remove_suffix(3);
      while (!t.empty() && is_deco(t.back())) t.remove_suffix(1);
    }
    while (t.starts_with(dash)) {
      t.remove_prefix(3);
      while (!t.empty() && is_deco(t.front())) t.remove_prefix(1);
    }
  }
  return IsBoilerplatePhrase(t);  // data/boilerplate.tsv: every language's labels
}

bool IsAncestorOrSelf(const Node* a, const Node* n) {
  for (; n; n = n->parent)
    if (n == a) return true;
  return false;
}

// Inside a comment thread, only the comments themselves: not the reply form, the "N thoughts
// on" heading, "Name says: date" lines or "Reply" links.
bool IsCommentText(const RawBlock& rb) {
  for (const Node* a = rb.owner; a; a = a->parent)
    if (a->is(Tag::kForm) || html::IsHeadingTag(a->tag)) return false;
  return ProseWeight(rb) > 0 &&
         !IsBoilerplateLine(rb.block.text);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80) {
      w += AsciiLower(c);
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

// A heading that repeats the page title in other words ("Foo" under the title "Foo | Site",
// or the headline with a kicker): most of its words are title words.
bool DuplicatesTitle(std::string_view heading, std::string_view title) {
  std::vector<std::string> h = Words(heading), t = Words(title);
  if (h.empty()) return false;
  size_t all = 0, fresh = 0;
  for (const auto& w : h) {
    all += w.size();
    if (std::find(t.begin(), t.end(), w) == t.end()) fresh += w.size();
  }
  return 1.0 - static_cast<double>(fresh) / all > 0.75;
}

// A headline that opens a teaser or a slide: linked, or numbered like a slide ("3/50 Title").
bool IsLinkedHeading(const RawBlock& rb) {
  if (rb.block.kind != Block::Kind::kHeading) return false;
  if (rb.link_chars * 5 >= rb.chars * 4) return true;
  std::string_view t = rb.block.text;
  size_t sp = t.find(' ');
  return sp != std::string_view::npos && IsCounter(Lower(t.substr(0, sp)));
}

// A "more stories" stream: three or more units in a row of a linked headline followed by at
// most three short lines (section, source, blurb). Marks every block of such a run. A blog front
// page also has linked post titles, but its posts run longer, so they never form a run.
std::vector<bool> TeaserStream(const std::vector<RawBlock*>& blocks) {
  std::vector<bool> teaser(blocks.size(), false);
  size_t i = 0;
  while (i < blocks.size()) {
    if (!IsLinkedHeading(*blocks[i])) {
      ++i;
      continue;
    }
    size_t run_start = i, units = 0, j = i;
    while (j < blocks.size() && IsLinkedHeading(*blocks[j])) {
      size_t k = j + 1, lines = 0;
      bool short_lines = true;
      // A slide's caption runs longer than a teaser's blurb.
      size_t limit = blocks[j]->link_chars * 5 >= blocks[j]->chars * 4 ? 300 : 500;
      while (k < blocks.size() && blocks[k]->block.kind != Block::Kind::kHeading) {
        short_lines &= blocks[k]->chars < limit;
        ++lines;
        ++k;
      }
      if (lines > 3 || !short_lines) break;
      ++units;
      j = k;
    }
    if (units >= 3)
      for (size_t x = run_start; x < j; ++x) teaser[x] = true;
    i = std::max(j, i + 1);
  }
  return teaser;
}

struct Totals {
  std::vector<double> prose, other;
  std::vector<uint32_t> paragraphs;  // prose blocks under each element
};

Totals Accumulate(const std::vector<RawBlock>& blocks, size_t n_nodes, bool relaxed = false) {
  Totals t{std::vector<double>(n_nodes, 0), std::vector<double>(n_nodes, 0),
           std::vector<uint32_t>(n_nodes, 0)};
  for (const RawBlock& rb : blocks) {
    if (rb.in_comments) continue;
    double w = relaxed ? static_cast<double>(rb.chars) : ProseWeight(rb);
    // Headings are neutral, unless they are links: a run of linked headlines is a teaser list.
    double o = static_cast<double>(rb.chars) - w;
    if (rb.block.kind == Block::Kind::kHeading && rb.link_chars * 2 < rb.chars) o = 0;
    for (const Node* a = rb.owner; a; a = a->parent) {
      t.prose[a->id] += w;
      t.other[a->id] += o;
      t.paragraphs[a->id] += w > 0;
    }
  }
  return t;
}

constexpr double kOtherPenalty = 0.5;
constexpr double kTighterShare = 0.8;
constexpr double kTighterProse = 0.7;

}  // namespace

namespace {

struct Attempt {
  bool weak_hints = true;   // also drop elements whose class/id/role weakly say chrome
  bool relaxed = false;     // every block counts as prose (tiny pages with no real paragraph)
};

// What every attempt starts from, measured once per page: the body, what is never content or is
// a comment thread, the prose each element holds before any class hint is applied, the
// landmarks, and each element's hint (class/id/role, hidden, or none for inline words).
struct PageFacts {
  const Node* body = nullptr;
  std::vector<Skip> skip;
  Totals totals;
  std::vector<bool> landmark;
  std::vector<Hint> hints;
};

PageFacts Measure(const html::Document& doc) {
  PageFacts f;
  f.body = doc.body() ? doc.body() : doc.root();
  const Node* body = f.body;
  f.skip.assign(doc.size(), Skip::kKeep);
  f.hints.assign(doc.size(), Hint::kNone);
  f.landmark.assign(doc.size(), false);
  // Drop what is never content. Comment threads are set aside too, so they do not count as the
  // page's prose below.
  for (const Node* n = body; n;) {
    if (n != body && n->is_element()) {
      if (IsNeverContent(*n)) {
        f.skip[n->id] = Skip::kRemove;
        n = NextSkipChildren(n, body);
        continue;
      }
      const HintAttrs attrs(*n);
      Hint h = ClassHint(*n, attrs);
      if (h == Hint::kComments) {
        f.skip[n->id] = Skip::kComments;
        n = NextSkipChildren(n, body);
        continue;
      }
      f.hints[n->id] = IsHidden(attrs) ? Hint::kDialog : InRunningText(*n) ? Hint::kNone : h;
    }
    n = Next(n, body);
  }
  Segmenter seg(f.skip, false);
  f.totals = Accumulate(seg.Run(body), doc.size());
  // Elements that contain the page's headline or article landmark: a strong chrome word on
  // them is a wrapper's name ("body_overlay"), not a dialog's.
  for (const Node* n = body; n; n = Next(n, body)) {
    if (n->is(Tag::kH1) || n->is(Tag::kArticle) || n->is(Tag::kMain) ||
        n->attr("itemprop") == "articleBody")
      for (const Node* a = n; a && !f.landmark[a->id]; a = a->parent) f.landmark[a->id] = true;
  }
  return f;
}

// Removes every run of 3+ consecutive blocks flagged in `repeated` (headings between them
// do not break a run).
void DropRepeatedRuns(std::vector<Block>& blocks, const std::vector<bool>& repeated) {
  constexpr int kMinRun = 2;
  std::vector<bool> drop(blocks.size(), false);
  for (size_t i = 0; i < blocks.size();) {
    if (!repeated[i]) { ++i; continue; }
    size_t j = i;
    int run = 0;
    while (j < blocks.size() && (repeated[j] || blocks[j].kind == Block::Kind::kHeading))
      run += repeated[j++];
    if (run >= kMinRun)
      for (size_t k = i; k < j; ++k) drop[k] = repeated[k];
    i = j;
  }
  size_t out = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) blocks[out] = std::move(blocks[i]);
    ++out;
  }
  blocks.resize(out);
}

ContentResult Run(const html::Document& doc, const ContentOptions& options, const Attempt& how,
                  const PageFacts& facts) {
  ContentResult result;
  const Node* body = facts.body;
  std::vector<Skip> skip = facts.skip;
  // Chrome by class/id/role, unless the element holds most of the page's prose (measured
  // without the chrome it holds itself: "sidebar" on a whole-page wrapper).
  const Totals& pre = facts.totals;
  double total = pre.prose[body->id];
  for (const Node* n = body; n;) {
    if (n != body && n->is_element() && skip[n->id] == Skip::kKeep) {
      Hint h = facts.hints[n->id];
      // A page wrapper holds most of the prose in several paragraphs; a profile box or a
      // pull-out can outweigh a short post with one long block.
      bool holds_article =
          total > 0 && pre.prose[n->id] >= 0.5 * total && pre.paragraphs[n->id] >= 3;
      bool drop = (h == Hint::kDialog && !(holds_article && facts.landmark[n->id])) ||
                  (h == Hint::kStrongChrome && !holds_article) ||
                  (h == Hint::kChrome && how.weak_hints && !holds_article);
      if (drop) {
        skip[n->id] = Skip::kRemove;
        n = NextSkipChildren(n, body);
        continue;
      }
    }
    n = Next(n, body);
  }

  Segmenter seg(skip, options.comments);
  std::vector<RawBlock> blocks = seg.Run(body);
  Totals t = Accumulate(blocks, doc.size(), how.relaxed);

  // The body is the element with the most prose net of the chrome it also holds; the deepest
  // one wins a tie (pre-order visits ancestors first).
  const Node* best = nullptr;
  double best_score = 0;
  for (const Node* n = body; n; n = Next(n, body)) {
    if (!n->is_element() || t.prose[n->id] <= 0) continue;
    double s = t.prose[n->id] - kOtherPenalty * t.other[n->id];
    if (!best || s >= best_score) {
      best = n;
      best_score = s;
    }
  }
  // Prefer a tighter container when it keeps nearly all of the score: a page wrapper that adds
  // a date bar or a teaser to the article should not win by a few characters.
  while (best) {
    const Node* tighter = nullptr;
    double tighter_score = 0;
    for (const Node* c = best->first_child; c; c = c->next) {
      if (!c->is_element() || t.prose[c->id] <= 0) continue;
      double s = t.prose[c->id] - kOtherPenalty * t.other[c->id];
      if (!tighter || s > tighter_score) {
        tighter = c;
        tighter_score = s;
      }
    }
    // ...and nearly all of its prose: a wrapper is dropped for its chrome, not for paragraphs.
    if (!tighter || tighter_score < kTighterShare * best_score ||
        t.prose[tighter->id] < kTighterProse * t.prose[best->id])
      break;
    best = tighter;
    best_score = tighter_score;
  }
  if (!best) {
    result.reason = "no main content found";
    for (RawBlock& rb : blocks)
      if (rb.in_comments && options.comments) result.comments.push_back(std::move(rb.block));
    return result;
  }

  // Siblings that read like prose join the body (a lede kept outside the body container).
  auto joins = [&](const Node* n) {
    if (!n->is_element()) return false;
    double p = t.prose[n->id], o = t.other[n->id];
    return p >= 80 && p >= 0.05 * t.prose[best->id] && p > 2 * o;
  };

  std::string title = Lower(html::CollapseWhitespace(options.title));
  std::vector<RawBlock*> body_blocks;
  for (RawBlock& rb : blocks) {
    if (rb.in_comments) {
      if (options.comments && IsCommentText(rb)) result.comments.push_back(std::move(rb.block));
      continue;
    }
    if (!rb.owner) continue;
    bool inside = IsAncestorOrSelf(best, rb.owner);
    if (!inside && best->parent) {
      for (const Node* a = rb.owner; a && a != best->parent; a = a->parent)
        if (a->parent == best->parent) {
          inside = joins(a);
          break;
        }
    }
    if (inside) body_blocks.push_back(&rb);
  }
  std::vector<uint32_t> link_items(doc.size(), 0);  // link-dense <li> per list element
  for (const RawBlock* rb : body_blocks)
    if (rb->block.kind == Block::Kind::kListItem && rb->owner->parent &&
        rb->link_chars * 2 >= rb->chars)
      ++link_items[rb->owner->parent->id];
  std::vector<bool> teaser = how.relaxed ? std::vector<bool>(body_blocks.size(), false)
                                         : TeaserStream(body_blocks);
  // A page that carries its article twice (a print copy, a second tab) repeats a run of whole
  // paragraphs verbatim in another container; that second copy goes. (A paragraph or two
  // repeated is the author's — a refrain, a quote — and stays.)
  std::unordered_map<std::string_view, const Node*> seen_paragraphs;
  std::vector<bool> repeated;  // parallel to result.blocks
  for (size_t i = 0; i < body_blocks.size(); ++i) {
    RawBlock& rb = *body_blocks[i];
    if (teaser[i]) continue;
    bool repeat = false;
    if (rb.block.kind == Block::Kind::kParagraph && rb.block.text.size() >= 100) {
      auto [at, fresh] = seen_paragraphs.emplace(rb.block.text, rb.owner->parent);
      repeat = !fresh && at->second != rb.owner->parent;
    }
    const Block& b = rb.block;
    double ld = rb.chars ? static_cast<double>(rb.link_chars) / rb.chars : 0;
    // Link lines ("Read more: …") go; a list item keeps a link that is part of a sentence.
    // A long list (10+) of links is a link list (related, archive); a shorter one in the
    // body is the article's own (highlights, further reading).
    bool link_list_item = b.kind == Block::Kind::kListItem && rb.owner->parent &&
                          link_items[rb.owner->parent->id] >= 10;
    bool drop_links = b.kind == Block::Kind::kListItem ? link_list_item : ld >= 0.5;
    if (!how.relaxed && b.kind != Block::Kind::kHeading && drop_links && ld >= 0.5 &&
        rb.chars < 400)
      continue;
    if (!how.relaxed && b.kind == Block::Kind::kHeading && ld >= 0.8) continue;  // teaser headline
    if (IsBoilerplateLine(b.text)) continue;
    if (b.kind == Block::Kind::kHeading && !title.empty() &&
        (Lower(b.text) == title ||
         (b.level <= 2 && result.blocks.empty() && DuplicatesTitle(b.text, title))))
      continue;
    result.blocks.push_back(std::move(rb.block));
    repeated.resize(result.blocks.size(), false);
    repeated.back() = repeat;
  }
  DropRepeatedRuns(result.blocks, repeated);
  // A heading with nothing after it titled something we removed ("Related Articles").
  while (!how.relaxed && !result.blocks.empty() && result.blocks.back().kind == Block::Kind::kHeading)
    result.blocks.pop_back();
  if (result.blocks.empty()) result.reason = "no main content found";
  return result;
}

size_t TextSize(const ContentResult& r) {
  size_t n = 0;
  for (const Block& b : r.blocks) n += b.text.size();
  return n;
}

}  // namespace

ContentResult ExtractMainContent(const html::Document& doc, const ContentOptions& options) {
  PageFacts facts = Measure(doc);
  ContentResult first = Run(doc, options, {.weak_hints = true}, facts);
  if (TextSize(first) >= 250) return first;
  // Too little: class names may have misled us (a blog's "widget Blog" body). Retry trusting
  // only structure, and keep whichever found more.
  ContentResult second = Run(doc, options, {.weak_hints = false}, facts);
  ContentResult& better = TextSize(second) > 2 * TextSize(first) + 50 ? second : first;
  if (!better.blocks.empty()) return std::move(better);
  // Nothing reads like prose at all (a stub page): keep whatever text the body has.
  return Run(doc, options, {.weak_hints = false, .relaxed = true}, facts);
}

}  // namespace ng::extract
