#include "extract/main_content.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace ng::extract {
namespace {

using html::Node;
using html::NodeType;
using html::Tag;

// ---------------------------------------------------------------------------------------------
// What an element says about itself.

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words of class/id that mark page chrome. Matched as whole words ("ad" must not hit "header"
// or "read"), after splitting on every non-alphanumeric character. Strong words are removed even
// from big elements (a cookie dialog can hold more prose than the article); weak words are kept
// when the element holds most of the page's prose (themes put "sidebar" on page wrappers).
enum class Word { kNone, kWeak, kStrong, kDialog };
// The word lists, looked up in one hash probe per word (this runs for every class of every
// element, so it is hot).
enum class Kind : uint8_t { kDialogW, kStrongW, kWeakW, kContentW };
const std::unordered_map<std::string_view, Kind>& WordTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, Kind>();
    for (std::string_view w : {"cookie", "cookies", "consent", "gdpr", "adblock"})
      t->emplace(w, Kind::kDialogW);
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
      t->emplace(w, Kind::kStrongW);
    for (std::string_view w :
         {"sidebar", "widget", "widgets", "nav", "navbar", "navigation", "menu", "footer",
          "masthead", "header", "tags", "tag", "tagcloud", "meta", "byline", "author",
          "authors", "dateline", "timestamp", "screen", "more", "readmore",
          "follow", "teaser", "teasers", "banner", "disclaimer", "copyright", "search",
          "offer", "breaking"})
      t->emplace(w, Kind::kWeakW);
    for (std::string_view w : {"article", "content", "entry", "body", "post", "story", "text",
                               "main", "articlebody", "storybody", "blog"})
      t->emplace(w, Kind::kContentW);
    return t;
  }();
  return *table;
}

// The word's list, or nullopt. Words outside the table's length range skip the hash probe.
std::optional<Kind> LookupWord(std::string_view w) {
  static const size_t max_len = [] {
    size_t m = 0;
    for (const auto& [word, kind] : WordTable()) m = std::max(m, word.size());
    return m;
  }();
  if (w.size() < 2 || w.size() > max_len) return std::nullopt;
  auto it = WordTable().find(w);
  if (it == WordTable().end()) return std::nullopt;
  return it->second;
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

}  // namespace

Hint ClassHint(const Node& e) {
  std::string_view itemprop = e.attr("itemprop");
  if (itemprop == "articleBody" || itemprop == "articlebody") return Hint::kContent;
  // Containers that are the article by their nature; a class on them never makes them chrome.
  if (e.is(Tag::kArticle) || e.is(Tag::kMain) || e.is(Tag::kBody)) return Hint::kContent;
  std::string_view role = e.attr("role");
  if (role == "dialog" || role == "alertdialog") return Hint::kDialog;
  if (IsChromeRole(role)) return Hint::kChrome;
  std::string_view cls = e.attr("class"), id = e.attr("id");
  if (id.find('/') != std::string_view::npos) id = {};  // an id that is a URL names nothing
  if (cls.empty() && id.empty()) {
    switch (e.tag) {
      case Tag::kNav: case Tag::kAside: case Tag::kFooter: case Tag::kForm: case Tag::kHeader:
        break;  // decided by the tag below
      default:
        return role == "main" || role == "article" ? Hint::kContent : Hint::kNone;
    }
  }
  thread_local std::string s;  // reused: this runs for every element of every page
  s.assign(cls);
  s += ' ';
  s += id;
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  for (std::string_view c : {"comment", "disqus", "coment", "komment", "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xBC"})
    if (s.find(c) != std::string::npos) return Hint::kComments;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  Word chrome = Word::kNone;
  bool content = false, header_word_only = true, whole_content_name = false;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t name_end = s.find(' ', i);
    if (name_end == std::string::npos) name_end = s.size();
    std::string_view name(s.data() + i, name_end - i);
    i = name_end;
    // CMSes tag posts with their taxonomy ("tag-iraq", "category-world",
    // "entry-category-social_media", "entry-author-jane"): names, not chrome.
    bool taxonomy = false;
    if (name.find('-') != std::string_view::npos)
    for (std::string_view p : {"tag-", "category-", "author-", "type-", "format-"}) {
      for (size_t at = name.find(p); at != std::string_view::npos && !taxonomy;
           at = name.find(p, at + 1))
        taxonomy = at == 0 || name[at - 1] == '-';
    }
    // The name's words, one table probe each.
    struct NameWord { std::string_view text; std::optional<Kind> kind; };
    std::array<NameWord, 16> words;
    size_t n = 0;
    bool has_content_word = false;
    for (size_t k = 0, j; k < name.size() && n < words.size(); k = j) {
      while (k < name.size() && !alnum(name[k])) ++k;
      j = k;
      while (j < name.size() && alnum(name[j])) ++j;
      if (j == k) continue;
      words[n] = {name.substr(k, j - k), LookupWord(name.substr(k, j - k))};
      has_content_word |= words[n].kind == Kind::kContentW;
      ++n;
    }
    whole_content_name |= n == 1 && words[0].text.size() == name.size() && has_content_word;
    if (taxonomy) continue;
    // "entry-more" / id "more" (Movable Type, TypePad) is the rest of the entry after its
    // jump: a "more" alone or joined to a content word is the article's continuation.
    bool continuation = has_content_word || name == "more";
    for (size_t k = 0; k < n; ++k) {
      Word cw = continuation && words[k].text == "more" ? Word::kNone : ChromeWord(words[k].kind);
      if (cw != Word::kNone && words[k].text != "header") header_word_only = false;
      chrome = std::max(chrome, cw);
    }
    content |= has_content_word;
  }
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
bool IsHidden(const Node& e) {
  if (e.has_attr("hidden")) return true;
  std::string_view style = e.attr("style");
  if (!style.empty()) {
    std::string st = Lower(style);
    st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
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
  if (text.size() < 200) {
    // Legal lines: copyright and re-use notices, in the languages we see most.
    std::string l = Lower(html::Trim(text));
    for (std::string_view p : {"\xC2\xA9", "(c) ", "copyright", "all rights reserved",
                               "alle rechte vorbehalten", "todos los derechos reservados",
                               "tous droits r\xC3\xA9serv\xC3\xA9s",
                               // "При использовании материалов" (Russian re-use notice)
                               "\xD0\x9F\xD1\x80\xD0\xB8 \xD0\xB8\xD1\x81\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xB7\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xB8\xD0\xB8 \xD0\xBC\xD0\xB0\xD1\x82\xD0\xB5\xD1\x80\xD0\xB8\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xB2"})
      if (l.starts_with(p) || (p.size() > 12 && l.find(p) != std::string::npos)) return true;
  }
  if (text.size() < 400) {
    // Reprint and licensing notices of wire and print publishers ("This copy is for your
    // personal, non-commercial use only…", "Order a reprint of this article now").
    std::string l = Lower(html::Trim(text));
    if (l.find("personal, non-commercial use") != std::string::npos ||
        l.find("personal non-commercial use") != std::string::npos ||
        l.find("order a reprint") != std::string::npos ||
        l.find("sample reprint") != std::string::npos ||
        // WordPress themes' post footer since Kubrick.
        l.starts_with("you can follow any responses to this entry"))
      return true;
  }
  if (text.size() > 60) return false;
  std::string t = Lower(html::Trim(text));
  if (IsCounter(t)) return true;
  // "- Advertisement -", "— ADVERTISEMENT —", "Advertisement:".
  auto is_deco = [](char c) { return c == ':' || c == '.' || c == ' ' || c == '-' || c == '|' || c == '*'; };
  while (!t.empty() && is_deco(t.back())) t.pop_back();
  size_t lead = 0;
  while (lead < t.size() && is_deco(t[lead])) ++lead;
  t.erase(0, lead);
  for (std::string_view dash : {"\xE2\x80\x94", "\xE2\x80\x93"}) {  // em/en dash
    while (t.size() >= 3 && std::string_view(t).substr(t.size() - 3) == dash) {
      t.resize(t.size() - 3);
      while (!t.empty() && is_deco(t.back())) t.pop_back();
    }
    while (t.size() >= 3 && std::string_view(t).substr(0, 3) == dash) {
      t.erase(0, 3);
      while (!t.empty() && is_deco(t.front())) t.erase(0, 1);
    }
  }
  return InList(t, {"advertisement", "advert", "adverts", "advertisements", "advertising", "ad", "sponsored",
                    "sponsored content", "story continues below advertisement",
                    "continue reading below", "article continues below",
                    "scroll to continue with content", "read more", "share", "share this",
                    "share this article", "share on facebook", "share on twitter", "tweet",
                    "email", "print", "comments", "related", "related articles",
                    "related stories", "related posts", "back to top", "skip to content",
                    "loading", "loading...", "click to expand", "show more", "see also",
                    "more from", "recommended", "you may also like", "most read",
                    "most popular", "trending", "subscribe", "sign up", "log in", "follow us",
                    "no comments yet", "no comments", "be the first to comment"});
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
    if (std::isalnum(u) || u >= 0x80) {
      w += static_cast<char>(std::tolower(u));
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
      Hint h = ClassHint(*n);
      if (IsNeverContent(*n) || h == Hint::kComments) {
        f.skip[n->id] = IsNeverContent(*n) ? Skip::kRemove : Skip::kComments;
        n = NextSkipChildren(n, body);
        continue;
      }
      f.hints[n->id] = IsHidden(*n) ? Hint::kDialog : InRunningText(*n) ? Hint::kNone : h;
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
