#include "extract/page_type.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ng {
extern const char kPageTypeModelTable[];
}  // namespace ng

namespace ng::extract {
namespace {

using html::Node;
using html::Tag;

constexpr char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

constexpr std::array<bool, 256> kAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  return t;
}();
bool IsAlnum(char c) { return kAlnum[static_cast<unsigned char>(c)]; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// log1p(x) scaled so that `full` maps to 1 (more is allowed: the model is linear).
double LogScale(double x, double full) { return std::log1p(x) / std::log1p(full); }

// A signal's index, found at compile time (a misspelt name does not compile).
consteval size_t Index(std::string_view name) {
  for (size_t i = 0; i < kPageTypeFeatureNames.size(); ++i)
    if (kPageTypeFeatureNames[i] == name) return i;
  throw "unknown page-type signal name";
}

struct Setter {
  PageTypeFeatures& f;
  void operator()(size_t index, double v) { f.values[index] = v; }
};

// ---------------------------------------------------------------------------------------------
// The URL.

void UrlSignals(std::string_view url, Setter set) {
  std::string u = LowerCopy(url);
  size_t scheme = u.find("://");
  size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t path_start = u.find('/', host_start);
  std::string_view host = std::string_view(u).substr(
      host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  std::string_view path =
      path_start == std::string::npos ? std::string_view() : std::string_view(u).substr(path_start);
  path = path.substr(0, std::min(path.find('?'), path.find('#')));

  std::vector<std::string_view> segs;
  for (size_t i = 0; i < path.size();) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) segs.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  auto host_has = [&](std::initializer_list<std::string_view> parts) {
    for (auto p : parts)
      if (host.find(p) != std::string_view::npos) return true;
    return false;
  };
  auto host_starts = [&](std::initializer_list<std::string_view> parts) {
    for (auto p : parts)
      if (host.substr(0, p.size()) == p || host.find(std::string(".") + std::string(p)) !=
                                               std::string_view::npos)
        return true;
    return false;
  };
  auto seg_in = [&](std::initializer_list<std::string_view> words) {
    for (auto s : segs)
      if (In(s, words)) return true;
    return false;
  };
  std::string_view last = segs.empty() ? std::string_view() : segs.back();
  // A trailing page number ("/news/page/2", "/blog/3") does not change what the page is.
  std::string_view last_word = last;
  if (segs.size() >= 2 && std::all_of(last.begin(), last.end(), IsDigit) && last.size() <= 3)
    last_word = segs[segs.size() - (segs.size() >= 3 && segs[segs.size() - 2] == "page" ? 3 : 2)];

  set(Index("url_docs"), host_starts({"docs.", "developer.", "developers.", "wiki.", "devdocs."}) ||
                          host_has({"readthedocs", ".github.io"}) ||
                          seg_in({"docs", "doc", "documentation", "manual", "reference", "api",
                                  "guide", "guides", "handbook", "tutorial", "tutorials", "wiki",
                                  "man", "kb", "knowledge-base", "glossary", "help", "book",
                                  "man-pages", "howto", "concepts", "getting-started"})
                      ? 1.0
                      : 0.0);
  set(Index("url_forum"), host_starts({"forum.", "forums.", "community.", "discuss.", "answers.",
                                "users.", "talk.", "discourse."}) ||
                           host_has({"stackexchange", "stackoverflow", "reddit.", "quora."}) ||
                           seg_in({"t", "threads", "thread", "forum", "forums", "questions",
                                   "discussion", "discussions", "viewtopic.php",
                                   "showthread.php", "comments", "community", "topic"})
                       ? 1.0
                       : 0.0);
  set(Index("url_product"), seg_in({"product", "products", "dp", "itm", "ip", "item", "p", "gp",
                             "listing", "sku"})
                         ? 1.0
                         : 0.0);
  double listing = 0;
  if (In(last_word, {"news", "blog", "blogs", "category", "categories", "tag", "tags", "archive",
                     "archives", "issues", "search", "latest", "articles", "posts", "topics",
                     "trending", "stories", "press", "updates", "insights", "events", "shows",
                     "rankings", "learn", "browse"}))
    listing = 1;
  else if (seg_in({"category", "tag", "tags", "page", "archive", "topic", "topics", "author"}))
    listing = 0.6;
  set(Index("url_listing"), listing);
  set(Index("url_collection"), seg_in({"collections", "collection", "c", "cat", "category",
                                "categories", "shop", "store", "browse", "genre", "department",
                                "catalog", "zgbs", "b", "s", "buy"})
                            ? 1.0
                            : 0.0);
  bool dated = false;
  for (size_t i = 0; i + 7 < path.size() && !dated; ++i) {
    // /2024/05/ or 2024-05-
    if (path[i] == '2' && path[i + 1] == '0' && IsDigit(path[i + 2]) && IsDigit(path[i + 3]) &&
        (path[i + 4] == '/' || path[i + 4] == '-') && IsDigit(path[i + 5]) && IsDigit(path[i + 6]) &&
        (i == 0 || !IsDigit(path[i - 1])))
      dated = true;
  }
  set(Index("url_dated"), dated ? 1.0 : 0.0);
  // Words of the last segment (an article slug has many), without a file extension.
  std::string_view slug = last;
  if (size_t dot = slug.rfind('.'); dot != std::string_view::npos && slug.size() - dot <= 5)
    slug = slug.substr(0, dot);
  int words = 0;
  bool in_word = false;
  for (char c : slug) {
    bool letter = c >= 'a' && c <= 'z';
    if (letter && !in_word) ++words;
    in_word = letter || (in_word && IsDigit(c));
  }
  set(Index("url_slug_words"), std::min(words, 12) / 12.0);
  set(Index("url_root"), host.empty() ? 0.0 : segs.empty() || (segs.size() == 1 && In(segs[0], {"index.html", "index.php",
                                                                     "en", "home"}))
                      ? 1.0
                      : 0.0);
  set(Index("url_depth"), std::min<size_t>(segs.size(), 6) / 6.0);
  bool service = false;
  for (auto s : segs) {
    for (size_t i = 0; i < s.size();) {
      size_t j = i;
      while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
      std::string_view w = s.substr(i, j - i);
      if (In(w, {"services", "service", "pricing", "solutions", "solution", "about", "contact",
                 "insurance", "course", "courses", "program", "programs", "offers", "deals",
                 "plans", "rental", "rentals", "care", "consulting", "agency", "certification",
                 "packages", "seminars", "training", "treatment", "repair", "hire", "booking"}))
        service = true;
      i = j + 1;
    }
  }
  set(Index("url_service"), service ? 1.0 : 0.0);
  int run = 0, best_run = 0;
  for (char c : path) {
    run = IsDigit(c) ? run + 1 : 0;
    best_run = std::max(best_run, run);
  }
  set(Index("url_numeric_id"), best_run >= 5 ? 1.0 : 0.0);
}

// ---------------------------------------------------------------------------------------------
// schema.org and OpenGraph types.

// The "@type" values in one JSON-LD script, read with a string scan (a broken script still
// says what it is).
void LdTypes(std::string_view json, std::vector<std::string>& out) {
  for (size_t at = json.find("\"@type\""); at != std::string_view::npos;
       at = json.find("\"@type\"", at + 7)) {
    size_t i = at + 7;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':' || json[i] == '\n' ||
                               json[i] == '\t' || json[i] == '\r'))
      ++i;
    bool list = i < json.size() && json[i] == '[';
    size_t end = list ? json.find(']', i) : json.find_first_of(",}", i);
    if (end == std::string_view::npos) end = json.size();
    std::string_view v = json.substr(i, end - i);
    for (size_t q = v.find('"'); q != std::string_view::npos; q = v.find('"', q + 1)) {
      size_t e = v.find('"', q + 1);
      if (e == std::string_view::npos) break;
      std::string_view t = v.substr(q + 1, e - q - 1);
      if (size_t slash = t.rfind('/'); slash != std::string_view::npos) t = t.substr(slash + 1);
      if (!t.empty() && t.size() < 64) out.emplace_back(t);
      q = e;
    }
  }
}

void TypeSignals(const std::vector<std::string>& types, std::string_view og_type, Setter set) {
  auto any = [&](std::initializer_list<std::string_view> names) {
    for (const auto& t : types)
      if (In(t, names)) return 1.0;
    return 0.0;
  };
  std::string og = LowerCopy(og_type);
  set(Index("ld_article"), std::max(any({"Article", "NewsArticle", "BlogPosting", "ReportageNews",
                                  "AnalysisNewsArticle", "OpinionNewsArticle", "Report",
                                  "ScholarlyArticle", "LiveBlogPosting", "BackgroundNewsArticle",
                                  "ReviewNewsArticle", "Review"}),
                             og == "article" ? 1.0 : 0.0));
  set(Index("ld_product"), std::max(any({"Product", "ProductGroup", "IndividualProduct", "Offer",
                                  "AggregateOffer", "ProductModel", "Vehicle"}),
                             og.find("product") != std::string::npos ? 1.0 : 0.0));
  set(Index("ld_forum"), any({"DiscussionForumPosting", "QAPage", "Question", "Answer"}));
  set(Index("ld_collection"), any({"CollectionPage", "ItemList", "SearchResultsPage", "OfferCatalog"}));
  set(Index("ld_docs"), any({"TechArticle", "APIReference", "SoftwareSourceCode", "DefinedTermSet"}));
  set(Index("ld_service"), any({"Service", "LocalBusiness", "ProfessionalService", "Course",
                         "EducationalOrganization", "MedicalBusiness", "MedicalClinic",
                         "InsuranceAgency", "FinancialProduct", "Event", "Dentist",
                         "HomeAndConstructionBusiness", "FinancialService", "LegalService"}));
}

// ---------------------------------------------------------------------------------------------
// The page's structure.

enum Flag : uint8_t {
  kHasLink = 1, kHasHeading = 2, kHasDate = 4, kHasPrice = 8, kHasImage = 16, kChrome = 32,
  kInLink = 64,  // like kChrome, passed down (to descendants), not up
  kCardBelow = 128,  // a card (heading + link, teaser-sized) is this element or inside it
};

struct Agg {
  uint32_t text = 0;       // collapsed-ish text bytes (runs of whitespace not counted)
  uint32_t link_text = 0;  // of which inside <a>
  uint8_t flags = 0;
  uint8_t words = 0;  // ElementWordKinds of the element's own class/id words
  uint64_t class_hash = 0;
};

// Text bytes with runs of white space counted once; *digit: whether any byte is a digit.
// The count is the length less the white-space bytes that follow white space (the first byte
// counts as following white space); 16 bytes at a time where SSE2 is there (every x86-64).
uint32_t TextBytes(std::string_view s, bool* digit) {
  // Per byte: 1 = white space, 2 = digit.
  static constexpr std::array<uint8_t, 256> kClass = [] {
    std::array<uint8_t, 256> t{};
    for (unsigned char c : {' ', '\n', '\t', '\r', '\f'}) t[c] = 1;
    for (unsigned char c = '0'; c <= '9'; ++c) t[c] = 2;
    return t;
  }();
  const char* p = s.data();
  size_t size = s.size(), i = 0;
  size_t collapsed = 0;  // white-space bytes after white space
  unsigned seen = 0;     // OR of the classes
  unsigned prev_ws = 1;
#ifdef __SSE2__
  if (size >= 16) {
    const __m128i space = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
                  cr = _mm_set1_epi8('\r'), ff = _mm_set1_epi8('\f'), zero = _mm_set1_epi8('0'),
                  nine = _mm_set1_epi8(9);
    __m128i last_ws = _mm_set1_epi8(-1);  // byte 15: whether the byte before the chunk is space
    __m128i digits = _mm_setzero_si128(), count = _mm_setzero_si128(), total = _mm_setzero_si128();
    int rounds = 0;
    for (; i + 16 <= size; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      __m128i ws = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, nl)),
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)),
                       _mm_cmpeq_epi8(v, ff)));
      __m128i d = _mm_sub_epi8(v, zero);  // a digit is 0..9 unsigned
      digits = _mm_or_si128(digits, _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
      __m128i prev = _mm_or_si128(_mm_slli_si128(ws, 1), _mm_srli_si128(last_ws, 15));
      count = _mm_sub_epi8(count, _mm_and_si128(ws, prev));  // +1 per byte lane where both
      last_ws = ws;
      if (++rounds == 255) {  // a lane holds at most 255
        total = _mm_add_epi64(total, _mm_sad_epu8(count, _mm_setzero_si128()));
        count = _mm_setzero_si128();
        rounds = 0;
      }
    }
    total = _mm_add_epi64(total, _mm_sad_epu8(count, _mm_setzero_si128()));
    collapsed = static_cast<size_t>(_mm_cvtsi128_si64(total)) +
                static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(total, total)));
    if (_mm_movemask_epi8(digits)) seen |= 2;
    prev_ws = static_cast<unsigned>(_mm_movemask_epi8(last_ws)) >> 15 & 1u;
  }
#endif
  for (; i < size; ++i) {
    unsigned c = kClass[static_cast<unsigned char>(p[i])];
    unsigned ws = c & 1u;
    collapsed += ws & prev_ws;
    seen |= c;
    prev_ws = ws;
  }
  *digit = (seen & 2) != 0;
  return static_cast<uint32_t>(size - collapsed);
}

bool HasPrice(std::string_view s) {
  // A currency sign next to a digit ("$12", "12,99 €", "£ 5"), or a code before a number.
  // Only called for text with a digit (TextBytes tells).
  static constexpr std::array<bool, 256> kStart = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'$', '\xE2', '\xC2', 'U', 'E', 'G'}) t[c] = true;
    return t;
  }();
  for (size_t p = 0; p < s.size(); ++p) {
    if (!kStart[static_cast<unsigned char>(s[p])]) continue;
    size_t len = 0;
    switch (s[p]) {
      case '$': len = 1; break;
      case '\xE2':  // € ₹
        if (s.substr(p, 3) == "\xE2\x82\xAC" || s.substr(p, 3) == "\xE2\x82\xB9") len = 3;
        break;
      case '\xC2':  // £ ¥
        if (s.substr(p, 2) == "\xC2\xA3" || s.substr(p, 2) == "\xC2\xA5") len = 2;
        break;
      case 'U': if (s.substr(p, 3) == "USD") len = 3; break;
      case 'E': if (s.substr(p, 3) == "EUR") len = 3; break;
      case 'G': if (s.substr(p, 3) == "GBP") len = 3; break;
      default: break;
    }
    if (!len) continue;
    size_t after = p + len;
    while (after < s.size() && s[after] == ' ') ++after;
    if (after < s.size() && IsDigit(s[after])) return true;
    size_t before = p;
    while (before > 0 && s[before - 1] == ' ') --before;
    if (before > 0 && IsDigit(s[before - 1])) return true;
  }
  return false;
}

bool IsMonthAbbreviation(std::string_view m) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view k : kMonths)
    if (m == k) return true;
  return false;
}

// s.find(" ago") != npos, looking for the rarer 'g' first.
bool HasAgo(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  for (const char* g = p + 2; g < end;) {
    g = static_cast<const char*>(std::memchr(g, 'g', static_cast<size_t>(end - g)));
    if (!g) return false;
    if (g + 1 < end && g[1] == 'o' && g[-1] == 'a' && g[-2] == ' ') return true;
    ++g;
  }
  return false;
}

// Only called for text with a digit (TextBytes tells).
bool HasDate(std::string_view s) {
  for (size_t p = 0; p + 3 <= s.size(); ++p) {
    static constexpr std::array<bool, 256> kFirst = [] {  // first letters of month names
      std::array<bool, 256> t{};
      for (unsigned char c : std::string_view("JFMASOND")) t[c] = true;
      return t;
    }();
    if (!kFirst[static_cast<unsigned char>(s[p])]) continue;
    if (!IsMonthAbbreviation(s.substr(p, 3))) continue;
    if (p > 0 && IsAlnum(s[p - 1])) continue;
    // a day or year within the next 12 bytes or the previous 4
    for (size_t i = p + 3; i < std::min(s.size(), p + 14); ++i)
      if (IsDigit(s[i])) return true;
    for (size_t i = p >= 4 ? p - 4 : 0; i < p; ++i)
      if (IsDigit(s[i])) return true;
  }
  for (size_t i = 0; i + 10 <= s.size(); ++i)  // 2024-05-01
    if (IsDigit(s[i]) && IsDigit(s[i + 3]) && s[i + 4] == '-' && IsDigit(s[i + 5]) &&
        s[i + 7] == '-' && IsDigit(s[i + 8]) && IsDigit(s[i + 1]) && IsDigit(s[i + 2]))
      return true;
  if (s.find(" ago") != std::string_view::npos) return true;
  return false;
}

constexpr std::string_view kForumWords[] = {
    "post", "posts", "reply", "replies", "message", "messages", "thread", "answer", "answers",
    "postbody", "topic", "bbcode", "bbwrapper", "forum", "cooked", "postcell", "postbit",
    "username", "userinfo", "avatar", "quote", "signature",
};
constexpr std::string_view kDocWords[] = {
    "toc", "docs", "doc", "documentation", "sphinxsidebar", "sphinx", "highlight", "hljs", "prism",
    "codehilite", "sourcecode", "api", "reference", "docusaurus", "menu", "sidebar", "rst", "wy",
    "md", "vp", "theme", "language", "admonition", "note", "warning", "tip", "breadcrumbs", "edit",
    "nextra", "gitbook",
};
constexpr std::string_view kProductWords[] = {
    "price", "prices", "product", "products", "cart", "sku", "variant", "variants", "quantity",
    "qty", "buy", "checkout", "basket", "rating", "stars", "reviews", "swatch", "size", "color",
    "colour", "stock", "wishlist", "shipping", "addtocart",
};

enum : uint8_t {
  kForumWord = 1, kDocWord = 2, kProductWord = 4, kCartWord = 8,
  kPostWord = 16,  // a class a post or entry of a thread carries
};

// FNV-1a: cheap enough to run on every class word of every element.
uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// The word lists above in a small open-addressed table keyed by FNV-1a of the word: class
// words are the most numerous strings of a page, so each is hashed once while it is read.
constexpr size_t kSlots = 512;  // power of two, over 4x the words
struct WordTable {
  std::array<std::string_view, kSlots> word{};
  std::array<uint8_t, kSlots> kinds{};
  void Add(std::string_view x, uint8_t k) {
    size_t i = Fnv(x) & (kSlots - 1);
    while (!word[i].empty() && word[i] != x) i = (i + 1) & (kSlots - 1);
    word[i] = x;
    kinds[i] |= k;
  }
};

const WordTable& ClassWords() {
  static const WordTable table = [] {
    WordTable t;
    for (auto x : kForumWords) t.Add(x, kForumWord);
    for (auto x : kDocWords) t.Add(x, kDocWord);
    for (auto x : kProductWords) t.Add(x, kProductWord);
    for (std::string_view x : {"addtocart", "cart", "basket"}) t.Add(x, kCartWord);
    for (std::string_view x : {"post", "message", "reply", "answer", "postcell", "postbit", "topic",
                               "comment", "entry"})
      t.Add(x, kPostWord);
    return t;
  }();
  return table;
}

// Per byte: the lower-case letter it is (0 if none); per lower-case letter: whether a listed
// word starts with it (other words are not looked up).
struct LetterTables {
  std::array<char, 256> letter{};
  std::array<bool, 256> first{};
};
const LetterTables& Letters() {
  static const LetterTables t = [] {
    LetterTables l;
    for (int c = 0; c < 256; ++c) {
      char lc = Lower(static_cast<char>(c));
      if (lc >= 'a' && lc <= 'z') l.letter[c] = lc;
    }
    for (char c : std::string_view("abcdefghlmnpqrstuvw")) l.first[static_cast<unsigned char>(c)] = true;
    return l;
  }();
  return t;
}

// The kinds of the lower-cased letter runs of one class or id value ("post-body js-x" → post,
// body, js, x), OR-ed; only its first 128 bytes are read.
uint8_t ValueWordKinds(std::string_view value) {
  const WordTable& table = ClassWords();
  const LetterTables& letters = Letters();
  uint8_t kinds = 0;
  std::string_view v = value.substr(0, 128);
  // Each word is hashed (FNV-1a of its lower-case letters) while it is read.
  char first = 0;
  size_t len = 0;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i <= v.size(); ++i) {
    char c = i < v.size() ? letters.letter[static_cast<unsigned char>(v[i])] : 0;
    if (c) {
      if (len == 0) first = c;
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      ++len;
      continue;
    }
    if (len >= 2 && len <= 13 && letters.first[static_cast<unsigned char>(first)]) {
      for (size_t k = h & (kSlots - 1); !table.word[k].empty(); k = (k + 1) & (kSlots - 1)) {
        std::string_view t = table.word[k];
        if (t.size() != len) continue;
        // t equals the word iff its letters match v's (lower-cased) from i - len on.
        bool same = true;
        for (size_t x = 0; x < len && same; ++x)
          same = letters.letter[static_cast<unsigned char>(v[i - len + x])] == t[x];
        if (same) {
          kinds |= table.kinds[k];
          break;
        }
      }
    }
    len = 0;
    h = 1469598103934665603ull;
  }
  return kinds;
}

// Enough to tell sibling classes apart: the length and the first and last 16 bytes.
uint64_t ClassHash(std::string_view value) {
  std::string_view head = value.substr(0, 16);
  std::string_view tail = value.substr(value.size() > 16 ? value.size() - 16 : 0);
  // Two 8-byte words of each, mixed (zero-padded when shorter).
  uint64_t h = value.size() * 0x9E3779B97F4A7C15ULL + 1;
  for (std::string_view part : {head, tail}) {
    uint64_t w[2] = {0, 0};
    if (!part.empty()) std::memcpy(w, part.data(), part.size());
    for (uint64_t x : w) h = (h ^ x) * 0x9E3779B97F4A7C15ULL + (h >> 31);
  }
  return h;
}

// ValueWordKinds and ClassHash of a value, remembered: pages repeat the same class names on many
// elements (list items, cards, menu entries), so recent results are kept in a small
// direct-mapped cache keyed by the exact text (values over 128 bytes are not kept).
struct ValueFacts {
  uint8_t kinds = 0;
  uint64_t class_hash = 0;
};
ValueFacts CachedValueFacts(std::string_view value) {
  constexpr size_t kMaxKey = 128, kEntries = 512;
  // Long values are not kept; nor is the empty one (its data() may be null, which memcpy must
  // not be given even for 0 bytes).
  if (value.empty() || value.size() > kMaxKey) return {ValueWordKinds(value), ClassHash(value)};
  struct Entry {
    uint8_t size = 0;
    bool used = false;
    ValueFacts facts;
    char key[kMaxKey];
  };
  thread_local std::array<Entry, kEntries> cache;
  uint64_t h = value.size();
  size_t i = 0;
  for (; i + 8 <= value.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, value.data() + i, 8);
    h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
  }
  if (i < value.size()) {
    uint64_t x = 0;
    std::memcpy(&x, value.data() + i, value.size() - i);
    h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
  }
  Entry& e = cache[(h ^ (h >> 29)) % kEntries];
  if (!e.used || e.size != value.size() || std::memcmp(e.key, value.data(), value.size()) != 0) {
    e.used = true;
    e.size = static_cast<uint8_t>(value.size());
    std::memcpy(e.key, value.data(), value.size());
    e.facts = {ValueWordKinds(value), ClassHash(value)};
  }
  return e.facts;
}

// The kinds of the words of an element's class and id, OR-ed; *class_hash = ClassHash of the
// class attribute (0 without one).
uint8_t ElementWordKinds(const Node& e, uint64_t* class_hash) {
  uint8_t kinds = 0;
  *class_hash = 0;
  for (const auto& a : e.attrs) {
    bool is_class = a.name == "class";
    if (!is_class && a.name != "id") continue;
    if (!is_class) {  // ids are mostly unique on a page: read directly, not cached
      kinds |= ValueWordKinds(a.value);
      continue;
    }
    ValueFacts f = CachedValueFacts(a.value);
    *class_hash = f.class_hash;
    kinds |= f.kinds;
  }
  return kinds;
}

// The first `cap` bytes of the text under n, lower-cased, white space collapsed, into buf.
std::string_view ShortLowerText(const Node* n, char* buf, size_t cap) {
  size_t len = 0;
  bool space = true;
  for (const Node* d = n; d && len < cap; d = html::Next(d, n)) {
    if (!d->is_text()) continue;
    for (char c : d->text) {
      if (len >= cap) break;
      bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      if (ws) {
        if (!space) buf[len++] = ' ';
      } else {
        buf[len++] = Lower(c);
      }
      space = ws;
    }
  }
  while (len && buf[len - 1] == ' ') --len;
  return std::string_view(buf, len);
}

enum : uint8_t { kDocMarker = 1, kReadMore = 2 };

// Short lines that docs pages and listings carry ("On this page", "Read more").
uint8_t MarkerKinds(std::string_view lower_line) {
  static const std::unordered_map<std::string_view, uint8_t> kinds = [] {
    std::unordered_map<std::string_view, uint8_t> m;
    for (std::string_view x : {"on this page", "table of contents", "contents", "edit this page",
                               "edit on github", "in this article", "next", "previous",
                               "next page", "previous page", "search docs",
                               "was this page helpful?", "in this section"})
      m[x] |= kDocMarker;
    for (std::string_view x : {"read more", "continue reading", "read more \xC2\xBB",
                               "read more >", "more", "read story", "read article", "view all",
                               "see all", "load more", "show more", "older posts", "next page",
                               "more stories"})
      m[x] |= kReadMore;
    return m;
  }();
  auto it = kinds.find(lower_line);
  return it == kinds.end() ? 0 : it->second;
}

bool IsCallToAction(std::string_view lower_text) {
  static constexpr std::string_view kWords[] = {
      "contact", "get started", "get a quote", "request", "quote", "book a", "book now",
      "schedule", "free trial", "sign up", "demo", "apply", "learn more", "call us", "enroll",
      "register", "get in touch", "talk to", "consultation", "start now", "try it", "try for free"};
  static_assert(std::size(kWords) <= 32);
  // Bit k set for the first byte of kWords[k]: each position of the text is compared only with
  // the words that start with its byte (one pass instead of a search per word).
  static constexpr std::array<uint32_t, 256> kByFirst = [] {
    std::array<uint32_t, 256> m{};
    for (size_t k = 0; k < std::size(kWords); ++k)
      m[static_cast<unsigned char>(kWords[k][0])] |= 1u << k;
    return m;
  }();
  for (size_t i = 0; i < lower_text.size(); ++i) {
    for (uint32_t bits = kByFirst[static_cast<unsigned char>(lower_text[i])]; bits; bits &= bits - 1) {
      std::string_view w = kWords[__builtin_ctz(bits)];
      if (lower_text.substr(i, w.size()) == w) return true;
    }
  }
  return false;
}

// A heading whose first few descendants include a link (a teaser's headline).
bool HeadingHasLink(const Node* h) {
  int budget = 8;
  for (const Node* n = html::Next(h, h); n && budget-- > 0; n = html::Next(n, h))
    if (n->is(Tag::kA)) return true;
  return false;
}

void StructureSignals(const html::Document& doc, const PageMetadata& meta,
                      const std::vector<Block>& blocks, Setter set) {
  const Node* body = doc.body();
  const Node* scope = body ? body : doc.root();
  std::vector<const Node*> order;
  order.reserve(doc.size());
  std::vector<Agg> agg(doc.size() + 1);
  size_t code = 0, nav_links = 0, prices = 0, forum_words = 0, doc_words = 0, product_words = 0,
         times = 0, articles = 0, long_ps = 0, headings = 0, inputs = 0, linked_headings = 0,
         headline_links = 0, read_more = 0, cards = 0, ctas = 0, tels = 0, doc_markers = 0, dates = 0, tables = 0;
  bool cart = false;
  for (const Node* next = scope; next;) {
    const Node* n = next;
    bool skip = n->is_element() && (n->tag == Tag::kScript || n->tag == Tag::kStyle ||
                                    n->tag == Tag::kTemplate || n->tag == Tag::kNoscript ||
                                    n->tag == Tag::kSvg);
    next = skip ? html::NextSkipChildren(n, scope) : html::Next(n, scope);
    if (skip) continue;
    order.push_back(n);
    Agg& a = agg[n->id];
    const Node* p = n->parent;
    bool chrome_parent = p && (agg[p->id].flags & kChrome);
    if (chrome_parent) a.flags |= kChrome;
    bool in_link = p && (agg[p->id].flags & kInLink);
    if (in_link) a.flags |= kInLink;
    if (n->is_text()) {
      bool digit = false;
      a.text = TextBytes(n->text, &digit);
      if (a.text >= 2 && !chrome_parent) {  // menus and footers say nothing of the page
        if (digit && HasPrice(n->text)) {
          a.flags |= kHasPrice;
          ++prices;
        }
        if (digit ? HasDate(n->text) : HasAgo(n->text)) {
          a.flags |= kHasDate;
          ++dates;
        }
        if (a.text <= 24) {
          std::string_view t = html::Trim(n->text);
          char buf[32];
          if (t.size() <= sizeof buf) {
            for (size_t i = 0; i < t.size(); ++i) buf[i] = Lower(t[i]);
            uint8_t m = MarkerKinds(std::string_view(buf, t.size()));
            doc_markers += (m & kDocMarker) != 0;
            read_more += (m & kReadMore) != 0;
          }
        }
      }
      continue;
    }
    if (!n->is_element()) continue;
    switch (n->tag) {
      case Tag::kNav: case Tag::kAside: case Tag::kHeader: case Tag::kFooter:
        a.flags |= kChrome;
        break;
      case Tag::kPre: ++code; break;
      case Tag::kCode:
        if (!(p && (p->is(Tag::kPre)))) ++code;
        break;
      case Tag::kA: {
        a.flags |= kHasLink | kInLink;
        if (chrome_parent) {
          ++nav_links;
          break;
        }
        if (n->attr("href").substr(0, 4) == "tel:") ++tels;
        break;  // its text is read bottom-up, below
      }
      case Tag::kButton:
        if (!chrome_parent) {
          std::string t = LowerCopy(html::TextContent(n).substr(0, 60));
          if (IsCallToAction(t)) ++ctas;
        }
        break;
      case Tag::kTable: ++tables; break;
      case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
        a.flags |= kHasHeading;
        if (!chrome_parent && (in_link || HeadingHasLink(n))) ++linked_headings;
        if (!n->is(Tag::kH1) && !n->is(Tag::kH5) && !n->is(Tag::kH6)) ++headings;
        break;
      case Tag::kTime: a.flags |= kHasDate; ++times; break;
      case Tag::kImg: case Tag::kPicture: a.flags |= kHasImage; break;
      case Tag::kArticle: ++articles; break;
      case Tag::kInput: case Tag::kSelect: case Tag::kTextarea: ++inputs; break;
      default: break;
    }
    // Menus, headers and footers hold many elements and say little: their class words are not read.
    uint8_t kinds = (a.flags & kChrome) ? 0 : ElementWordKinds(*n, &a.class_hash);
    a.words = kinds;
    bool seen_forum = (kinds & kForumWord) != 0, seen_doc = (kinds & kDocWord) != 0,
         seen_product = (kinds & kProductWord) != 0;
    if (kinds & kCartWord) cart = true;
    forum_words += seen_forum;
    doc_words += seen_doc;
    product_words += seen_product;
    if (n->is(Tag::kButton) && !cart) {
      std::string t = LowerCopy(html::TextContent(n).substr(0, 64));
      if (t.find("add to cart") != std::string::npos || t.find("add to bag") != std::string::npos ||
          t.find("add to basket") != std::string::npos || t.find("buy now") != std::string::npos)
        cart = true;
    }
  }
  // Bottom-up sums (children come after their parent in `order`).
  for (size_t i = order.size(); i-- > 1;) {
    const Node* n = order[i];
    if (!n->parent) continue;
    Agg& a = agg[n->id];
    Agg& pa = agg[n->parent->id];
    if (n->is(Tag::kA)) {
      a.link_text = a.text;
      if (!(a.flags & kChrome)) {
        if (a.text >= 25) ++headline_links;  // a headline-sized link
        else if (a.text >= 4) {
          char buf[48];
          if (IsCallToAction(ShortLowerText(n, buf, sizeof buf))) ++ctas;
        }
      }
    }
    pa.text += a.text;
    pa.link_text += a.link_text;
    pa.flags |= a.flags & ~(kChrome | kInLink | kCardBelow);
    if (n->is(Tag::kP) && a.text >= 100) ++long_ps;
    // A card: the smallest element with a heading and a link and teaser-sized text.
    if (n->is_element() && !(a.flags & (kCardBelow | kChrome)) &&
        (a.flags & (kHasHeading | kHasLink)) == (kHasHeading | kHasLink) && a.text >= 30 &&
        a.text <= 800) {
      ++cards;
      a.flags |= kCardBelow;
    }
    pa.flags |= a.flags & kCardBelow;
  }
  const Agg& page = agg[scope->id];
  double page_text = std::max<uint32_t>(page.text, 1);

  // The largest run of alike siblings (same tag and class) that each hold a link and some text:
  // a listing's teasers, a shop's product cards, a forum's posts.
  struct Group { size_t count = 0; size_t heading = 0, date = 0, price = 0, image = 0; uint64_t text = 0; };
  Group best;
  size_t best_first = 0;  // document position of the best group's first member (ties)
  size_t forum_posts = 0;
  // (tag+class key, position) of a parent's qualifying children, sorted to find the runs.
  std::vector<std::pair<uint64_t, uint32_t>> members, posts;
  for (const Node* parent : order) {
    if (!parent->is_element() || !parent->first_child || (agg[parent->id].flags & kChrome)) continue;
    if (agg[parent->id].text < 60) continue;
    members.clear();
    posts.clear();
    uint32_t pos = 0;
    for (const Node* c = parent->first_child; c; c = c->next, ++pos) {
      if (!c->is_element() || c->tag == Tag::kOption || c->tag == Tag::kScript) continue;
      const Agg& ca = agg[c->id];
      if (ca.flags & kChrome) continue;
      bool post = (ca.words & kPostWord) && ca.text >= 40;
      bool member = (ca.flags & kHasLink) && ca.text >= 15;
      if (!post && !member) continue;
      uint64_t key = static_cast<uint64_t>(c->tag) << 56 ^ ca.class_hash;
      if (post) posts.push_back({key, pos});
      if (member) members.push_back({key, c->id});
    }
    std::sort(posts.begin(), posts.end());
    for (size_t i = 0; i < posts.size();) {
      size_t j = i;
      while (j < posts.size() && posts[j].first == posts[i].first) ++j;
      forum_posts = std::max(forum_posts, j - i);
      i = j;
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < members.size();) {
      Group g;
      size_t j = i;
      for (; j < members.size() && members[j].first == members[i].first; ++j) {
        const Agg& ca = agg[members[j].second];
        ++g.count;
        g.heading += (ca.flags & kHasHeading) != 0;
        g.date += (ca.flags & kHasDate) != 0;
        g.price += (ca.flags & kHasPrice) != 0;
        g.image += (ca.flags & kHasImage) != 0;
        g.text += ca.text;
      }
      size_t first = members[i].second;  // node ids grow in document order
      if (g.count > best.count || (g.count == best.count && g.text > best.text) ||
          (g.count == best.count && g.text == best.text && first < best_first)) {
        best = g;
        best_first = first;
      }
      i = j;
    }
  }
  double count = static_cast<double>(std::max<size_t>(best.count, 1));
  bool rep = best.count >= 3;
  set(Index("rep_count"), rep ? LogScale(best.count, 50) : 0.0);
  set(Index("rep_heading"), rep ? best.heading / count : 0.0);
  set(Index("rep_date"), rep ? best.date / count : 0.0);
  set(Index("rep_price"), rep ? best.price / count : 0.0);
  set(Index("rep_image"), rep ? best.image / count : 0.0);
  set(Index("rep_share"), rep ? std::min(1.0, best.text / page_text) : 0.0);
  set(Index("rep_item_text"), rep ? LogScale(best.text / count, 1000) : 0.0);
  set(Index("forum_posts"), LogScale(forum_posts, 30));

  set(Index("code_blocks"), LogScale(code, 50));
  set(Index("nav_links"), LogScale(nav_links, 300));
  set(Index("link_density"), page.link_text / page_text);
  set(Index("prices"), LogScale(prices, 50));
  set(Index("cart_button"), cart ? 1.0 : 0.0);
  set(Index("forum_classes"), LogScale(forum_words, 300));
  set(Index("doc_classes"), LogScale(doc_words, 300));
  set(Index("product_classes"), LogScale(product_words, 300));
  set(Index("times"), LogScale(times, 30));
  set(Index("articles"), LogScale(articles, 30));
  set(Index("long_paragraphs"), LogScale(long_ps, 50));
  set(Index("headings"), LogScale(headings, 50));
  set(Index("inputs"), LogScale(inputs, 30));
  set(Index("linked_headings"), LogScale(linked_headings, 50));
  set(Index("headline_links"), LogScale(headline_links, 100));
  set(Index("calls_to_action"), LogScale(ctas, 30));
  set(Index("tel_links"), LogScale(tels, 10));
  set(Index("doc_markers"), LogScale(doc_markers, 10));
  set(Index("dates"), LogScale(dates, 50));
  set(Index("tables"), LogScale(tables, 20));
  set(Index("read_more"), LogScale(read_more, 20));
  // Who the body speaks to: a service page says "we" and "you", a report "they" and names.
  size_t words = 0, we = 0, you = 0, sampled = 0;
  for (const Block& b : blocks) {
    if (sampled > 4000) break;  // a sample of the body is enough for a rate
    sampled += b.text.size();
    std::string_view t = b.text;
    for (size_t i = 0; i < t.size();) {
      while (i < t.size() && !IsAlnum(t[i])) ++i;
      size_t j = i;
      while (j < t.size() && (IsAlnum(t[j]) || t[j] == '\'')) ++j;
      if (j > i) {
        ++words;
        char first = Lower(t[i]);
        if (j - i <= 6 && (first == 'w' || first == 'o' || first == 'u' || first == 'y')) {
          char buf[6];
          for (size_t k = i; k < j; ++k) buf[k - i] = Lower(t[k]);
          std::string_view w(buf, j - i);
          if (In(w, {"we", "our", "us", "we're", "we've", "ours"})) ++we;
          else if (In(w, {"you", "your", "you're", "yours", "you'll"})) ++you;
        }
      }
      i = j;
    }
  }
  set(Index("cards"), LogScale(cards, 50));
  set(Index("card_ratio"), static_cast<double>(cards) / (cards + long_ps + 1));
  size_t paragraphs = 0, paragraph_text = 0, heading_blocks = 0;
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::kParagraph) {
      ++paragraphs;
      paragraph_text += b.text.size();
    } else if (b.kind == Block::Kind::kHeading) {
      ++heading_blocks;
    }
  }
  set(Index("mean_paragraph"), paragraphs ? LogScale(static_cast<double>(paragraph_text) / paragraphs, 1000) : 0.0);
  set(Index("body_heading_share"), blocks.empty() ? 0.0 : static_cast<double>(heading_blocks) / blocks.size());
  set(Index("we_rate"), words ? std::min(1.0, 20.0 * we / words) : 0.0);
  set(Index("you_rate"), words ? std::min(1.0, 20.0 * you / words) : 0.0);

  size_t body_text = 0, list_text = 0;
  for (const Block& b : blocks) {
    body_text += b.text.size();
    if (b.kind == Block::Kind::kListItem) list_text += b.text.size();
  }
  set(Index("body_share"), std::min(1.0, body_text / page_text));
  set(Index("body_length"), LogScale(body_text, 20000));
  set(Index("body_list_share"), body_text ? static_cast<double>(list_text) / body_text : 0.0);
  set(Index("has_published"), meta.published.empty() ? 0.0 : 1.0);
  set(Index("has_author"), meta.authors.empty() ? 0.0 : 1.0);
  set(Index("has_breadcrumbs"), meta.breadcrumbs.empty() ? 0.0 : 1.0);
}

// ---------------------------------------------------------------------------------------------
// The model: data/page_type_model.tsv, "feature<TAB>mean<TAB>scale<TAB>w_article … w_other";
// a row named "bias" holds each type's constant. Score(type) = bias + Σ w·(x − mean)/scale.

constexpr size_t kTypes = 7;
constexpr PageType kTypeOrder[kTypes] = {PageType::kArticle, PageType::kListing,
                                         PageType::kForum, PageType::kProduct,
                                         PageType::kDocumentation, PageType::kCollection,
                                         PageType::kOther};

struct Model {
  std::array<double, kTypes> bias{};
  struct Row { double mean = 0, scale = 1; std::array<double, kTypes> w{}; };
  std::array<Row, kPageTypeFeatureNames.size()> rows{};
  // Another type wins only with at least this probability, else the page stays an article (a
  // page without clear signals is coded as before).
  double min_probability = 0;
  bool loaded = false;
};

const Model& TheModel() {
  static const Model model = [] {
    Model m;
    std::string_view text = kPageTypeModelTable;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (line.empty() || line[0] == '#') continue;
      std::vector<double> nums;
      size_t tab = line.find('\t');
      std::string_view name = line.substr(0, tab);
      if (name == "feature") continue;  // the header row
      if (name == "min_probability") {
        m.min_probability = std::strtod(std::string(line.substr(tab + 1)).c_str(), nullptr);
        continue;
      }
      std::string rest(tab == std::string_view::npos ? "" : line.substr(tab + 1));
      const char* p = rest.c_str();
      while (*p) {
        char* end = nullptr;
        double v = std::strtod(p, &end);
        if (end == p) break;
        nums.push_back(v);
        p = end;
        while (*p == '\t' || *p == ' ') ++p;
      }
      if (nums.size() != kTypes + 2) continue;
      if (name == "bias") {
        for (size_t t = 0; t < kTypes; ++t) m.bias[t] = nums[t + 2];
        m.loaded = true;
        continue;
      }
      for (size_t i = 0; i < kPageTypeFeatureNames.size(); ++i) {
        if (kPageTypeFeatureNames[i] != name) continue;
        Model::Row& r = m.rows[i];
        r.mean = nums[0];
        r.scale = nums[1] > 0 ? nums[1] : 1;
        for (size_t t = 0; t < kTypes; ++t) r.w[t] = nums[t + 2];
      }
    }
    return m;
  }();
  return model;
}

std::string FormatValue(double v) {
  char buf[32];
  if (v == 0 || v == 1) std::snprintf(buf, sizeof buf, "%s", v == 1 ? "yes" : "no");
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Words of the page's <title> (with its site suffix) and og:site_name.
void TitleSignals(const html::Document& doc, const PageMetadata& meta, Setter set) {
  std::string title;
  if (const Node* t = doc.FindFirst(Tag::kTitle)) title = html::TextContent(t).substr(0, 300);
  title = LowerCopy(title + " | " + meta.title + " | " + meta.site_name);
  std::vector<std::string_view> words;
  for (size_t i = 0; i < title.size();) {
    size_t j = i;
    while (j < title.size() && title[j] >= 'a' && title[j] <= 'z') ++j;
    if (j > i) words.push_back(std::string_view(title).substr(i, j - i));
    i = j + 1;
  }
  auto any = [&](std::initializer_list<std::string_view> list) {
    for (auto w : words)
      if (In(w, list)) return 1.0;
    return 0.0;
  };
  set(Index("title_listing"), any({"news", "blog", "latest", "archive", "archives", "category", "tag",
                            "topics", "stories", "headlines", "podcast", "podcasts", "episodes",
                            "issues", "trending", "rankings", "courses", "page"}));
  set(Index("title_service"), any({"services", "service", "solutions", "consulting", "agency",
                            "company", "insurance", "pricing", "contact", "program", "programs",
                            "certificate", "certification", "training", "hire", "rental",
                            "repair", "clinic", "care", "platform", "software", "official"}));
  set(Index("title_docs"), any({"documentation", "docs", "guide", "reference", "api", "manual",
                         "tutorial", "handbook", "wiki", "glossary", "quickstart", "chapter"}));
  set(Index("title_forum"), any({"forum", "forums", "thread", "community", "discussion", "reddit",
                          "question", "questions", "answers", "discourse", "board", "lemmy"}));
  set(Index("title_shop"), any({"shop", "buy", "store", "sale", "price", "prices", "collection",
                         "collections", "online", "free", "shipping", "deals", "best", "sellers"}));
}

}  // namespace

PageTypeFeatures PageTypeSignals(const html::Document& doc, std::string_view url,
                                 const PageMetadata& meta, const std::vector<Block>& blocks) {
  PageTypeFeatures f;
  Setter set{f};
  UrlSignals(url, set);
  f.url_known = url.find("://") != std::string_view::npos;
  std::vector<std::string> types;
  std::string_view og_type;
  for (const Node* n = doc.root(); n; n = html::Next(n, doc.root())) {
    if (!n->is_element()) continue;
    if (n->is(Tag::kScript)) {
      std::string_view t = n->attr("type");
      if (t.find("ld+json") != std::string_view::npos && n->first_child && n->first_child->is_text())
        LdTypes(n->first_child->text, types);
    } else if (n->is(Tag::kMeta)) {
      std::string_view prop = n->attr("property");
      if (prop == "og:type") og_type = n->attr("content");
    }
    std::string_view itemtype;
    for (const auto& a : n->attrs)  // Node::attr, inlined: this runs on every element
      if (a.name.size() == 8 && a.name == "itemtype") {
        itemtype = a.value;
        break;
      }
    if (!itemtype.empty() && types.size() < 200) {
      if (size_t slash = itemtype.rfind('/'); slash != std::string_view::npos)
        itemtype = itemtype.substr(slash + 1);
      types.emplace_back(html::Trim(itemtype));
    }
  }
  TypeSignals(types, og_type, set);
  TitleSignals(doc, meta, set);
  size_t products = 0;
  for (const auto& t : types) products += t == "Product" || t == "ProductGroup";
  set(Index("ld_product_count"), LogScale(products, 30));
  StructureSignals(doc, meta, blocks, set);
  return f;
}

PageTypeDecision ClassifyPageType(const PageTypeFeatures& features) {
  const Model& m = TheModel();
  PageTypeDecision d;
  if (!m.loaded) {
    d.reason = "no page-type model compiled in";
    return d;
  }
  std::array<double, kTypes> score = m.bias;
  auto standardised = [&](size_t i) {
    const Model::Row& r = m.rows[i];
    if (!features.url_known && kPageTypeFeatureNames[i].substr(0, 4) == "url_") return 0.0;
    return (features.values[i] - r.mean) / r.scale;
  };
  for (size_t i = 0; i < kPageTypeFeatureNames.size(); ++i) {
    const Model::Row& r = m.rows[i];
    double z = standardised(i);
    for (size_t t = 0; t < kTypes; ++t) score[t] += r.w[t] * z;
  }
  size_t win = 0, second = 1;
  for (size_t t = 1; t < kTypes; ++t) {
    if (score[t] > score[win]) win = t;
  }
  second = win == 0 ? 1 : 0;
  for (size_t t = 0; t < kTypes; ++t)
    if (t != win && score[t] > score[second]) second = t;
  double sum = 0;
  for (size_t t = 0; t < kTypes; ++t) sum += std::exp(score[t] - score[win]);
  double p_win = 1 / sum;
  if (win != 0 && p_win < m.min_probability) {  // not sure enough: an article, as before
    d.type = PageType::kArticle;
    char buf[96];
    std::snprintf(buf, sizeof buf, "article: no type is clear (best %s at p=%.2f)",
                  PageTypeName(kTypeOrder[win]), p_win);
    d.reason = buf;
    return d;
  }
  d.type = kTypeOrder[win];
  // The reason: the three signals that most favour the winner over the runner-up.
  std::vector<std::pair<double, size_t>> pulls;
  for (size_t i = 0; i < kPageTypeFeatureNames.size(); ++i) {
    const Model::Row& r = m.rows[i];
    double z = standardised(i);
    double pull = (r.w[win] - r.w[second]) * z;
    if (pull > 0) pulls.push_back({pull, i});
  }
  std::sort(pulls.begin(), pulls.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  d.reason = std::string(PageTypeName(d.type)) + " over " + PageTypeName(kTypeOrder[second]) + ":";
  for (size_t k = 0; k < pulls.size() && k < 3; ++k) {
    size_t i = pulls[k].second;
    d.reason += (k ? ", " : " ") + std::string(kPageTypeFeatureNames[i]) + "=" +
                FormatValue(features.values[i]);
  }
  return d;
}

}  // namespace ng::extract
