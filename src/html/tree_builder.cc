// Tree construction: the WHATWG insertion modes, iterative, over our tokenizer. Comments cite
// the spec's steps by their names; the deviations are listed in tree_builder.h.
#include "html/tree_builder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "html/tokenizer.h"

namespace ng::html {
namespace {

// Every tag name the tree construction rules (or the DOM's Tag enum) name.
#define NG_TREE_TAGS(X)                                                                          \
  X(kA, "a") X(kAbbr, "abbr") X(kAddress, "address") X(kAnnotationXml, "annotation-xml")         \
  X(kApplet, "applet") X(kArea, "area") X(kArticle, "article") X(kAside, "aside")                \
  X(kAudio, "audio") X(kB, "b") X(kBase, "base") X(kBasefont, "basefont") X(kBgsound, "bgsound") \
  X(kBig, "big") X(kBlockquote, "blockquote") X(kBody, "body") X(kBr, "br")                      \
  X(kButton, "button") X(kCanvas, "canvas") X(kCaption, "caption") X(kCenter, "center")          \
  X(kCite, "cite") X(kCode, "code") X(kCol, "col") X(kColgroup, "colgroup") X(kDd, "dd")         \
  X(kDel, "del") X(kDesc, "desc") X(kDetails, "details") X(kDialog, "dialog") X(kDir, "dir")     \
  X(kDiv, "div") X(kDl, "dl") X(kDt, "dt") X(kEm, "em") X(kEmbed, "embed")                       \
  X(kFieldset, "fieldset") X(kFigcaption, "figcaption") X(kFigure, "figure") X(kFont, "font")    \
  X(kFooter, "footer") X(kForeignobject, "foreignobject") X(kForm, "form") X(kFrame, "frame")    \
  X(kFrameset, "frameset") X(kH1, "h1") X(kH2, "h2") X(kH3, "h3") X(kH4, "h4") X(kH5, "h5")      \
  X(kH6, "h6") X(kHead, "head") X(kHeader, "header") X(kHgroup, "hgroup") X(kHr, "hr")           \
  X(kHtml, "html") X(kI, "i") X(kIframe, "iframe") X(kImage, "image") X(kImg, "img")             \
  X(kInput, "input") X(kIns, "ins") X(kKeygen, "keygen") X(kLabel, "label")                      \
  X(kLegend, "legend") X(kLi, "li") X(kLink, "link") X(kListing, "listing") X(kMain, "main")     \
  X(kMalignmark, "malignmark") X(kMark, "mark") X(kMarquee, "marquee") X(kMath, "math")          \
  X(kMenu, "menu") X(kMeta, "meta") X(kMglyph, "mglyph") X(kMi, "mi") X(kMn, "mn") X(kMo, "mo")  \
  X(kMs, "ms") X(kMtext, "mtext") X(kNav, "nav") X(kNobr, "nobr") X(kNoembed, "noembed")         \
  X(kNoframes, "noframes") X(kNoscript, "noscript") X(kObject, "object") X(kOl, "ol")            \
  X(kOptgroup, "optgroup") X(kOption, "option") X(kP, "p") X(kParam, "param")                    \
  X(kPicture, "picture") X(kPlaintext, "plaintext") X(kPre, "pre") X(kQ, "q") X(kRb, "rb")       \
  X(kRp, "rp") X(kRt, "rt") X(kRtc, "rtc") X(kRuby, "ruby") X(kS, "s") X(kScript, "script")      \
  X(kSection, "section") X(kSelect, "select") X(kSmall, "small") X(kSource, "source")            \
  X(kSpan, "span") X(kStrike, "strike") X(kStrong, "strong") X(kStyle, "style") X(kSub, "sub")   \
  X(kSummary, "summary") X(kSup, "sup") X(kSvg, "svg") X(kTable, "table") X(kTbody, "tbody")     \
  X(kTd, "td") X(kTemplate, "template") X(kTextarea, "textarea") X(kTfoot, "tfoot")              \
  X(kTh, "th") X(kThead, "thead") X(kTime, "time") X(kTitle, "title") X(kTr, "tr")               \
  X(kTrack, "track") X(kTt, "tt") X(kU, "u") X(kUl, "ul") X(kVar, "var") X(kVideo, "video")      \
  X(kWbr, "wbr") X(kXmp, "xmp")

enum class T : uint8_t {
  kUnknown,
#define NG_ENUM(id, name) id,
  NG_TREE_TAGS(NG_ENUM)
#undef NG_ENUM
      kCount
};

struct TagInfo {
  std::string_view name;
  T id;
  Tag dom;
};

const std::vector<TagInfo>& TagTable() {
  static const std::vector<TagInfo> table = [] {
    std::vector<TagInfo> t = {
#define NG_ROW(id, name) {name, T::id, Tag::kOther},
        NG_TREE_TAGS(NG_ROW)
#undef NG_ROW
    };
    for (TagInfo& e : t) e.dom = TagFromName(e.name);
    std::sort(t.begin(), t.end(), [](const TagInfo& a, const TagInfo& b) { return a.name < b.name; });
    return t;
  }();
  return table;
}

// Tag names → TagInfo through an open-addressing hash table (one hash, usually one compare):
// the lookup runs for every tag token.
constexpr size_t kTagSlots = 1024;
inline uint32_t TagHash(std::string_view s) {
  uint32_t h = static_cast<uint32_t>(s.size()) * 0x9E3779B1u;
  for (unsigned char c : s) h = (h ^ c) * 0x01000193u;
  return h ^ (h >> 15);
}
const std::array<const TagInfo*, kTagSlots>& TagSlots() {
  static const std::array<const TagInfo*, kTagSlots> slots = [] {
    std::array<const TagInfo*, kTagSlots> a{};
    for (const TagInfo& e : TagTable()) {
      size_t i = TagHash(e.name) & (kTagSlots - 1);
      while (a[i]) i = (i + 1) & (kTagSlots - 1);
      a[i] = &e;
    }
    return a;
  }();
  return slots;
}
const TagInfo* LookupTag(std::string_view name) {
  if (name.size() > 14) return nullptr;  // "annotation-xml" is the longest
  const auto& slots = TagSlots();
  size_t i = TagHash(name) & (kTagSlots - 1);
  while (const TagInfo* e = slots[i]) {
    if (e->name == name) return e;
    i = (i + 1) & (kTagSlots - 1);
  }
  return nullptr;
}

constexpr size_t kScanLimit = 2048;  // deepest a stack scan looks (deviation 4)
constexpr size_t kMaxFormatting = 256;

enum class Ns : uint8_t { kHtml, kSvg, kMath };
// Integration points (spec "HTML integration point", "MathML text integration point").
enum class Ip : uint8_t { kNone, kHtml, kMathText };

bool IsSpecial(T t) {
  switch (t) {
    case T::kAddress: case T::kApplet: case T::kArea: case T::kArticle: case T::kAside:
    case T::kBase: case T::kBasefont: case T::kBgsound: case T::kBlockquote: case T::kBody:
    case T::kBr: case T::kButton: case T::kCaption: case T::kCenter: case T::kCol:
    case T::kColgroup: case T::kDd: case T::kDetails: case T::kDir: case T::kDiv: case T::kDl:
    case T::kDt: case T::kEmbed: case T::kFieldset: case T::kFigcaption: case T::kFigure:
    case T::kFooter: case T::kForm: case T::kFrame: case T::kFrameset: case T::kH1: case T::kH2:
    case T::kH3: case T::kH4: case T::kH5: case T::kH6: case T::kHead: case T::kHeader:
    case T::kHgroup: case T::kHr: case T::kHtml: case T::kIframe: case T::kImg: case T::kInput:
    case T::kKeygen: case T::kLi: case T::kLink: case T::kListing: case T::kMain:
    case T::kMarquee: case T::kMenu: case T::kMeta: case T::kNav: case T::kNoembed:
    case T::kNoframes: case T::kNoscript: case T::kObject: case T::kOl: case T::kP:
    case T::kParam: case T::kPlaintext: case T::kPre: case T::kScript: case T::kSection:
    case T::kSelect: case T::kSource: case T::kStyle: case T::kSummary: case T::kTable:
    case T::kTbody: case T::kTd: case T::kTemplate: case T::kTextarea: case T::kTfoot:
    case T::kTh: case T::kThead: case T::kTitle: case T::kTr: case T::kTrack: case T::kUl:
    case T::kWbr: case T::kXmp:
      return true;
    default:
      return false;
  }
}


bool IsImpliedEnd(T t) {
  switch (t) {
    case T::kDd: case T::kDt: case T::kLi: case T::kOptgroup: case T::kOption: case T::kP:
    case T::kRb: case T::kRp: case T::kRt: case T::kRtc:
      return true;
    default:
      return false;
  }
}

bool IsImpliedEndThorough(T t) {
  switch (t) {
    case T::kCaption: case T::kColgroup: case T::kTbody: case T::kTd: case T::kTfoot:
    case T::kTh: case T::kThead: case T::kTr:
      return true;
    default:
      return IsImpliedEnd(t);
  }
}

bool IsHeading(T t) { return t >= T::kH1 && t <= T::kH6; }

// Elements whose end tag is routinely implied: past the depth cap they are dropped without
// counting, and their end tags never count off a dropped element (see deviation 4).
bool EndOftenImplied(T t) {
  switch (t) {
    case T::kP: case T::kLi: case T::kDt: case T::kDd: case T::kOption: case T::kOptgroup:
    case T::kTr: case T::kTd: case T::kTh: case T::kThead: case T::kTbody: case T::kTfoot:
    case T::kRb: case T::kRt: case T::kRp: case T::kRtc: case T::kColgroup: case T::kCaption:
    case T::kBody: case T::kHtml: case T::kHead: case T::kBr:
      return true;
    default:
      return false;
  }
}

bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool AllWhitespace(std::string_view s) {
  for (char c : s)
    if (!IsWhitespace(c)) return false;
  return true;
}
size_t LeadingWhitespace(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsWhitespace(s[i])) ++i;
  return i;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IContains(std::string_view s, std::string_view lower_needle) {
  if (lower_needle.size() > s.size()) return false;
  for (size_t i = 0; i + lower_needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < lower_needle.size() && Lower(s[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

// Quirks mode from a DOCTYPE's raw text (the part after "<!DOCTYPE").
bool DoctypeIsQuirks(std::string_view raw) {
  size_t i = LeadingWhitespace(raw);
  size_t j = i;
  while (j < raw.size() && !IsWhitespace(raw[j])) ++j;
  std::string name;
  for (size_t k = i; k < j; ++k) name.push_back(Lower(raw[k]));
  if (name != "html") return true;  // also the missing name (force-quirks)
  std::string rest;
  for (size_t k = j; k < raw.size(); ++k) rest.push_back(Lower(raw[k]));
  auto quoted = [&](size_t from, std::string* out) -> size_t {
    size_t q = rest.find_first_of("\"'", from);
    if (q == std::string::npos) return std::string::npos;
    size_t e = rest.find(rest[q], q + 1);
    if (e == std::string::npos) e = rest.size();
    *out = rest.substr(q + 1, e - q - 1);
    return e + 1;
  };
  std::string pub, sys;
  bool has_sys = false;
  size_t kw = rest.find_first_not_of(" \t\n\f\r");
  if (kw != std::string::npos && rest.compare(kw, 6, "public") == 0) {
    size_t after = quoted(kw + 6, &pub);
    if (after != std::string::npos && after < rest.size())
      has_sys = quoted(after, &sys) != std::string::npos;
  } else if (kw != std::string::npos && rest.compare(kw, 6, "system") == 0) {
    has_sys = quoted(kw + 6, &sys) != std::string::npos;
  }
  if (pub == "-//w3o//dtd w3 html strict 3.0//en//" || pub == "-/w3c/dtd html 4.0 transitional/en" ||
      pub == "html" || sys == "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd")
    return true;
  static constexpr std::string_view kPrefixes[] = {
      "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
      "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html 2.0",
      "-//ietf//dtd html 3", "-//ietf//dtd html level", "-//ietf//dtd html strict",
      "-//ietf//dtd html//", "-//metrius//dtd metrius presentational//",
      "-//microsoft//dtd internet explorer", "-//netscape comm. corp.//dtd",
      "-//o'reilly and associates//dtd html", "-//softquad software//dtd hotmetal pro",
      "-//softquad//dtd hotmetal pro", "-//spyglass//dtd html 2.0 extended//",
      "-//sq//dtd html 2.0 hotmetal + extensions//", "-//sun microsystems corp.//dtd hotjava",
      "-//w3c//dtd html 3 1995-03-24//", "-//w3c//dtd html 3.2", "-//w3c//dtd html 4.0 frameset//",
      "-//w3c//dtd html 4.0 transitional//", "-//w3c//dtd html experimental",
      "-//w3c//dtd w3 html//", "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html"};
  for (std::string_view p : kPrefixes)
    if (std::string_view(pub).starts_with(p)) return true;
  if (!has_sys && (std::string_view(pub).starts_with("-//w3c//dtd html 4.01 frameset//") ||
                   std::string_view(pub).starts_with("-//w3c//dtd html 4.01 transitional//")))
    return true;
  return false;
}

enum class Mode : uint8_t {
  kInitial, kBeforeHtml, kBeforeHead, kInHead, kInHeadNoscript, kAfterHead, kInBody, kText,
  kInTable, kInCaption, kInColumnGroup, kInTableBody, kInRow, kInCell, kInSelect,
  kInSelectInTable,
};

class Builder {
 public:
  Builder(std::string_view input, const TreeOptions& options, Document* doc)
      : tok_(input), options_(options), doc_(doc) {
    max_depth_ = options.max_depth < 4 ? 4 : static_cast<size_t>(options.max_depth);
    open_count_.fill(0);
  }

  TreeStats Run() {
    Token t;
    for (;;) {
      // CDATA sections exist only when the adjusted current node is foreign.
      tok_.set_allow_cdata(!stack_.empty() && stack_.back().ns != Ns::kHtml);
      if (!tok_.Next(&t)) break;
      if (t.type == TokenType::kText && skip_lf_) {
        if (!t.text.empty() && t.text[0] == '\n') t.text.remove_prefix(1);
        if (t.text.empty()) {
          skip_lf_ = false;
          continue;
        }
      }
      skip_lf_ = false;
      Dispatch(t);
      if (t.type == TokenType::kEof) break;
    }
    stats_.depth_capped = capped_;
    stats_.quirks = quirks_;
    return stats_;
  }

 private:
  struct Open {
    Node* node;
    T tag;  // T::kUnknown for foreign elements
    Ns ns;
    Ip ip;
  };
  struct Fmt {
    Node* node;  // nullptr: a marker
    T tag;
  };

  // ---- the stack of open elements ---------------------------------------------------------
  Node* current() const { return stack_.back().node; }
  bool CurrentIs(T t) const {
    return !stack_.empty() && stack_.back().ns == Ns::kHtml && stack_.back().tag == t;
  }
  static bool IsHtml(const Open& e, T t) { return e.ns == Ns::kHtml && e.tag == t; }

  void MarkOnStack(Node* n, bool on) {
    if (n->id >= on_stack_.size()) on_stack_.resize(n->id + 1 + on_stack_.size() / 2, 0);
    on_stack_[n->id] = on;
  }
  bool OnStack(const Node* n) const { return n->id < on_stack_.size() && on_stack_[n->id]; }

  void Push(const Open& e) {
    stack_.push_back(e);
    if (e.ns == Ns::kHtml) ++open_count_[static_cast<size_t>(e.tag)];
    MarkOnStack(e.node, true);
  }
  void Pop() {
    const Open& e = stack_.back();
    if (e.ns == Ns::kHtml) --open_count_[static_cast<size_t>(e.tag)];
    MarkOnStack(e.node, false);
    stack_.pop_back();
  }
  void EraseAt(size_t i) {
    const Open& e = stack_[i];
    if (e.ns == Ns::kHtml) --open_count_[static_cast<size_t>(e.tag)];
    MarkOnStack(e.node, false);
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  void InsertAt(size_t i, const Open& e) {
    stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(i), e);
    if (e.ns == Ns::kHtml) ++open_count_[static_cast<size_t>(e.tag)];
    MarkOnStack(e.node, true);
  }
  // Index of node in the stack (searching from the top, bounded), or npos.
  size_t StackIndex(const Node* n) const {
    if (!OnStack(n)) return npos;
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k)
      if (stack_[stack_.size() - 1 - k].node == n) return stack_.size() - 1 - k;
    return npos;
  }
  static constexpr size_t npos = static_cast<size_t>(-1);

  void PopUntil(T t) {  // pop until an HTML t has been popped
    while (!stack_.empty()) {
      bool hit = IsHtml(stack_.back(), t);
      Pop();
      if (hit) return;
    }
  }
  void PopUntilHeading() {
    while (!stack_.empty()) {
      bool hit = stack_.back().ns == Ns::kHtml && IsHeading(stack_.back().tag);
      Pop();
      if (hit) return;
    }
  }

  enum class Scope { kDefault, kListItem, kButton, kTable, kSelect };
  static bool IsScopeBoundary(const Open& e, Scope s) {
    if (e.ns != Ns::kHtml) return s != Scope::kSelect && e.ip != Ip::kNone;
    switch (s) {
      case Scope::kTable:
        return e.tag == T::kHtml || e.tag == T::kTable || e.tag == T::kTemplate;
      case Scope::kSelect:
        return e.tag != T::kOptgroup && e.tag != T::kOption;
      default:
        break;
    }
    switch (e.tag) {
      case T::kApplet: case T::kCaption: case T::kHtml: case T::kTable: case T::kTd:
      case T::kTh: case T::kMarquee: case T::kObject: case T::kTemplate:
        return true;
      case T::kOl: case T::kUl:
        return s == Scope::kListItem;
      case T::kButton:
        return s == Scope::kButton;
      default:
        return false;
    }
  }
  bool InScope(T t, Scope s = Scope::kDefault) const {
    if (open_count_[static_cast<size_t>(t)] == 0) return false;
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k) {
      const Open& e = stack_[stack_.size() - 1 - k];
      if (IsHtml(e, t)) return true;
      if (IsScopeBoundary(e, s)) return false;
    }
    return false;
  }
  bool HeadingInScope() const {
    bool any = false;
    for (T h : {T::kH1, T::kH2, T::kH3, T::kH4, T::kH5, T::kH6})
      any |= open_count_[static_cast<size_t>(h)] > 0;
    if (!any) return false;
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k) {
      const Open& e = stack_[stack_.size() - 1 - k];
      if (e.ns == Ns::kHtml && IsHeading(e.tag)) return true;
      if (IsScopeBoundary(e, Scope::kDefault)) return false;
    }
    return false;
  }
  bool NodeInScope(const Node* n) const {
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k) {
      const Open& e = stack_[stack_.size() - 1 - k];
      if (e.node == n) return true;
      if (IsScopeBoundary(e, Scope::kDefault)) return false;
    }
    return false;
  }

  void GenerateImpliedEndTags(T except = T::kUnknown) {
    while (!stack_.empty() && stack_.back().ns == Ns::kHtml && IsImpliedEnd(stack_.back().tag) &&
           stack_.back().tag != except)
      Pop();
  }
  void GenerateImpliedEndTagsThoroughly() {
    while (!stack_.empty() && stack_.back().ns == Ns::kHtml &&
           IsImpliedEndThorough(stack_.back().tag))
      Pop();
  }
  void ClosePInButtonScope() {
    if (InScope(T::kP, Scope::kButton)) {
      GenerateImpliedEndTags(T::kP);
      PopUntil(T::kP);
    }
  }

  // ---- inserting nodes --------------------------------------------------------------------
  // The appropriate place for inserting a node: (parent, before) — before == nullptr appends.
  std::pair<Node*, Node*> InsertionPlace(Node* target = nullptr) {
    size_t target_index = stack_.size() - 1;
    if (!target) {
      target = current();
    } else {
      size_t idx = StackIndex(target);
      if (idx != npos) target_index = idx;
    }
    if (foster_ && IsTableish(stack_[target_index])) {
      // Foster parenting: before the last table, in the table's parent.
      size_t limit = std::min(stack_.size(), kScanLimit);
      for (size_t k = 0; k < limit; ++k) {
        size_t i = stack_.size() - 1 - k;
        const Open& e = stack_[i];
        if (IsHtml(e, T::kTemplate)) return {e.node, nullptr};
        if (IsHtml(e, T::kTable)) {
          if (e.node->parent) return {e.node->parent, e.node};
          return {stack_[i - 1].node, nullptr};
        }
      }
      return {stack_.front().node, nullptr};
    }
    return {target, nullptr};
  }
  static bool IsTableish(const Open& e) {
    return e.ns == Ns::kHtml && (e.tag == T::kTable || e.tag == T::kTbody ||
                                 e.tag == T::kTfoot || e.tag == T::kThead || e.tag == T::kTr);
  }
  static void InsertBefore(Node* parent, Node* child, Node* before) {
    if (!before) {
      Document::Append(parent, child);
      return;
    }
    child->parent = parent;
    child->next = before;
    child->prev = before->prev;
    if (before->prev) before->prev->next = child; else parent->first_child = child;
    before->prev = child;
  }

  void InsertText(std::string_view text) {
    if (text.empty() || stack_.empty()) return;
    if (drop_text_) return;
    auto [parent, before] = InsertionPlace();
    Node* prev = before ? before->prev : parent->last_child;
    if (prev && prev->type == NodeType::kText) {
      doc_->AppendText(prev, text);
      return;
    }
    InsertBefore(parent, doc_->NewText(text), before);
  }

  void InsertComment(std::string_view text, Node* parent = nullptr) {
    if (!options_.keep_comments) return;
    if (!parent) parent = stack_.empty() ? doc_->root() : current();
    Document::Append(parent, doc_->NewComment(text));
  }

  void SetAttributes(Node* n, const Token& t) {
    doc_->SetAttributes(n, std::span<const TokenAttr>(t.attrs));
  }

  Node* CreateElement(const Token& t, const TagInfo* info) {
    Node* n = info ? doc_->NewElement(t.name, info->dom) : doc_->NewElement(t.name, Tag::kOther);
    if (!t.attrs.empty()) SetAttributes(n, t);
    return n;
  }
  Node* CloneElement(const Node* src) {
    Node* n = doc_->NewElement(src->name, src->tag);
    Document::ShareAttributes(n, src);
    return n;
  }

  // Insert an HTML element for the token and push it. Returns nullptr when the depth cap drops
  // it (capped == false: raw-text and structural elements that must exist).
  Node* InsertHtml(const Token& t, const TagInfo* info, bool capped = true) {
    T tag = info ? info->id : T::kUnknown;
    if (capped && stack_.size() >= max_depth_) {
      capped_ = true;
      if (!EndOftenImplied(tag)) ++overflow_;
      return nullptr;
    }
    Node* n = CreateElement(t, info);
    auto [parent, before] = InsertionPlace();
    InsertBefore(parent, n, before);
    Push({n, tag, Ns::kHtml, Ip::kNone});
    return n;
  }
  // Void elements: inserted, never pushed (so never capped).
  void InsertVoid(const Token& t, const TagInfo* info) {
    Node* n = CreateElement(t, info);
    auto [parent, before] = InsertionPlace();
    InsertBefore(parent, n, before);
  }
  void InsertForeign(const Token& t, const TagInfo* info, Ns ns) {
    if (!t.self_closing && stack_.size() >= max_depth_) {
      capped_ = true;
      ++overflow_;
      return;
    }
    Node* n = CreateElement(t, info);
    auto [parent, before] = InsertionPlace();
    InsertBefore(parent, n, before);
    if (t.self_closing) return;
    Ip ip = Ip::kNone;
    T id = info ? info->id : T::kUnknown;
    if (ns == Ns::kSvg && (id == T::kForeignobject || id == T::kDesc || id == T::kTitle)) {
      ip = Ip::kHtml;
    } else if (ns == Ns::kMath) {
      if (id == T::kMi || id == T::kMo || id == T::kMn || id == T::kMs || id == T::kMtext)
        ip = Ip::kMathText;
      if (id == T::kAnnotationXml)
        for (const TokenAttr& a : t.attrs)
          if (a.name == "encoding" && (IContains(a.value, "text/html") ||
                                       IContains(a.value, "application/xhtml+xml")) &&
              (a.value.size() == 9 || a.value.size() == 21))
            ip = Ip::kHtml;
    }
    Push({n, T::kUnknown, ns, ip});
  }

  // Raw text elements: insert, switch the tokenizer, and remember where to return.
  void InsertRawText(const Token& t, const TagInfo* info, TextState state) {
    InsertHtml(t, info, /*capped=*/false);
    tok_.SetTextState(state, t.name);
    original_mode_ = mode_;
    mode_ = Mode::kText;
    T id = info ? info->id : T::kUnknown;
    drop_text_ = false;
    if ((id == T::kScript || id == T::kStyle) && !options_.keep_script_text) {
      bool json_ld = false;
      for (const TokenAttr& a : t.attrs)
        if (a.name == "type" && IContains(a.value, "ld+json")) json_ld = true;
      drop_text_ = !json_ld;
    }
  }

  // ---- active formatting elements -------------------------------------------------------
  void PushFormatting(Node* n, T tag) {
    // Noah's ark: at most three equal entries after the last marker.
    int same = 0;
    size_t earliest = npos;
    for (size_t k = afe_.size(); k-- > 0;) {
      const Fmt& f = afe_[k];
      if (!f.node) break;
      if (f.tag == tag && f.node->name == n->name && SameAttrs(f.node, n)) {
        ++same;
        earliest = k;
      }
    }
    if (same >= 3) afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(earliest));
    if (afe_.size() >= kMaxFormatting) return;  // deviation 4
    afe_.push_back({n, tag});
  }
  static bool SameAttrs(const Node* a, const Node* b) {
    if (a->attrs.size() != b->attrs.size()) return false;
    for (const Attribute& x : a->attrs) {
      bool found = false;
      for (const Attribute& y : b->attrs)
        if (x.name == y.name) {
          found = x.value == y.value;
          break;
        }
      if (!found) return false;
    }
    return true;
  }
  void PushMarker() { afe_.push_back({nullptr, T::kUnknown}); }
  void ClearFormattingToMarker() {
    while (!afe_.empty()) {
      bool marker = !afe_.back().node;
      afe_.pop_back();
      if (marker) return;
    }
  }
  size_t FormattingIndex(const Node* n) const {
    for (size_t k = afe_.size(); k-- > 0;)
      if (afe_[k].node == n) return k;
    return npos;
  }
  void Reconstruct() {
    if (afe_.empty()) return;
    const Fmt& last = afe_.back();
    if (!last.node || OnStack(last.node)) return;
    size_t i = afe_.size() - 1;
    while (i > 0) {
      const Fmt& e = afe_[i - 1];
      if (!e.node || OnStack(e.node)) break;
      --i;
    }
    for (; i < afe_.size(); ++i) {
      if (stack_.size() >= max_depth_) {  // past the cap: the text goes where it is
        capped_ = true;
        return;
      }
      Node* n = CloneElement(afe_[i].node);
      auto [parent, before] = InsertionPlace();
      InsertBefore(parent, n, before);
      Push({n, afe_[i].tag, Ns::kHtml, Ip::kNone});
      afe_[i].node = n;
    }
  }

  // The adoption agency algorithm. Returns false when the end tag is to be handled as "any
  // other end tag".
  bool AdoptionAgency(const Token& t, T subject) {
    if (CurrentIs(subject) && FormattingIndex(current()) == npos) {
      Pop();
      return true;
    }
    for (int outer = 0; outer < 8; ++outer) {
      size_t fi = npos;
      for (size_t k = afe_.size(); k-- > 0;) {
        if (!afe_[k].node) break;
        if (afe_[k].tag == subject) { fi = k; break; }
      }
      if (fi == npos) return false;
      Node* fe = afe_[fi].node;
      size_t si = StackIndex(fe);
      if (si == npos) {
        afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(fi));
        return true;
      }
      if (!NodeInScope(fe)) return true;
      size_t fb = npos;
      for (size_t i = si + 1; i < stack_.size() && i - si <= kScanLimit; ++i) {
        const Open& e = stack_[i];
        if ((e.ns == Ns::kHtml && IsSpecial(e.tag)) || (e.ns != Ns::kHtml && e.ip != Ip::kNone)) {
          fb = i;
          break;
        }
      }
      if (fb == npos) {
        while (stack_.size() > si) Pop();
        afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(fi));
        return true;
      }
      Node* common = stack_[si - 1].node;
      Node* furthest = stack_[fb].node;
      size_t bookmark = fi;
      size_t node_i = fb;
      Node* last = furthest;
      for (int inner = 1;; ++inner) {
        --node_i;
        Node* node = stack_[node_i].node;
        if (node == fe) break;
        size_t ni = FormattingIndex(node);
        if (inner > 3 && ni != npos) {
          afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(ni));
          if (ni < bookmark) --bookmark;
          ni = npos;
        }
        if (ni == npos) {
          EraseAt(node_i);
          continue;
        }
        Node* clone = CloneElement(node);
        afe_[ni].node = clone;
        Open repl = stack_[node_i];
        MarkOnStack(node, false);
        repl.node = clone;
        stack_[node_i] = repl;
        MarkOnStack(clone, true);
        if (last == furthest) bookmark = ni + 1;
        Document::Detach(last);
        Document::Append(clone, last);
        last = clone;
      }
      Document::Detach(last);
      {
        bool saved = foster_;
        foster_ = true;  // "the appropriate place ... with common ancestor as override target"
        auto [parent, before] = InsertionPlace(common);
        foster_ = saved;
        InsertBefore(parent, last, before);
      }
      Node* clone = CloneElement(fe);
      while (Node* c = furthest->first_child) {
        Document::Detach(c);
        Document::Append(clone, c);
      }
      Document::Append(furthest, clone);
      size_t fe_afe = FormattingIndex(fe);
      T fe_tag = afe_[fe_afe].tag;
      afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(fe_afe));
      if (fe_afe < bookmark) --bookmark;
      if (bookmark > afe_.size()) bookmark = afe_.size();
      afe_.insert(afe_.begin() + static_cast<std::ptrdiff_t>(bookmark), Fmt{clone, fe_tag});
      size_t fe_si = StackIndex(fe);
      EraseAt(fe_si);
      size_t fb_si = StackIndex(furthest);
      InsertAt(fb_si + 1, {clone, fe_tag, Ns::kHtml, Ip::kNone});
    }
    return true;
  }

  // ---- modes --------------------------------------------------------------------------------
  void ResetInsertionMode() {
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k) {
      size_t i = stack_.size() - 1 - k;
      const Open& e = stack_[i];
      bool last = i == 0;
      if (e.ns != Ns::kHtml) continue;
      switch (e.tag) {
        case T::kSelect: {
          for (size_t j = i; j-- > 0 && i - j < kScanLimit;) {
            if (IsHtml(stack_[j], T::kTemplate)) break;
            if (IsHtml(stack_[j], T::kTable)) {
              mode_ = Mode::kInSelectInTable;
              return;
            }
          }
          mode_ = Mode::kInSelect;
          return;
        }
        case T::kTd: case T::kTh:
          if (!last) { mode_ = Mode::kInCell; return; }
          break;
        case T::kTr: mode_ = Mode::kInRow; return;
        case T::kTbody: case T::kThead: case T::kTfoot: mode_ = Mode::kInTableBody; return;
        case T::kCaption: mode_ = Mode::kInCaption; return;
        case T::kColgroup: mode_ = Mode::kInColumnGroup; return;
        case T::kTable: mode_ = Mode::kInTable; return;
        case T::kTemplate: mode_ = Mode::kInBody; return;  // deviation 2
        case T::kHead:
          if (!last) { mode_ = Mode::kInHead; return; }
          break;
        case T::kBody: mode_ = Mode::kInBody; return;
        case T::kHtml: mode_ = head_ ? Mode::kAfterHead : Mode::kBeforeHead; return;
        default: break;
      }
      if (last) break;
    }
    mode_ = Mode::kInBody;
  }

  // Tree construction dispatcher: foreign content or the current insertion mode.
  void Dispatch(const Token& t) {
    if (!stack_.empty() && t.type != TokenType::kEof) {
      const Open& cur = stack_.back();
      if (cur.ns != Ns::kHtml) {
        bool html_rules = false;
        if (cur.ip == Ip::kMathText) {
          if (t.type == TokenType::kText) html_rules = true;
          if (t.type == TokenType::kStartTag && t.name != "mglyph" && t.name != "malignmark")
            html_rules = true;
        } else if (cur.ip == Ip::kHtml) {
          html_rules = t.type == TokenType::kText || t.type == TokenType::kStartTag;
        }
        if (cur.ns == Ns::kMath && cur.node->name == "annotation-xml" &&
            t.type == TokenType::kStartTag && t.name == "svg")
          html_rules = true;
        if (!html_rules) {
          Foreign(t);
          return;
        }
      }
    }
    Process(t, mode_);
  }

  void Foreign(const Token& t) {
    switch (t.type) {
      case TokenType::kText:
        InsertText(t.text);
        return;
      case TokenType::kComment:
        InsertComment(t.text);
        return;
      case TokenType::kDoctype:
      case TokenType::kEof:
        return;
      case TokenType::kStartTag: {
        const TagInfo* info = LookupTag(t.name);
        T id = info ? info->id : T::kUnknown;
        bool breakout = false;
        switch (id) {
          case T::kB: case T::kBig: case T::kBlockquote: case T::kBody: case T::kBr:
          case T::kCenter: case T::kCode: case T::kDd: case T::kDiv: case T::kDl: case T::kDt:
          case T::kEm: case T::kEmbed: case T::kH1: case T::kH2: case T::kH3: case T::kH4:
          case T::kH5: case T::kH6: case T::kHead: case T::kHr: case T::kI: case T::kImg:
          case T::kLi: case T::kListing: case T::kMenu: case T::kMeta: case T::kNobr:
          case T::kOl: case T::kP: case T::kPre: case T::kRuby: case T::kS: case T::kSmall:
          case T::kSpan: case T::kStrong: case T::kStrike: case T::kSub: case T::kSup:
          case T::kTable: case T::kTt: case T::kU: case T::kUl: case T::kVar:
            breakout = true;
            break;
          case T::kFont:
            for (const TokenAttr& a : t.attrs)
              breakout |= a.name == "color" || a.name == "face" || a.name == "size";
            break;
          default:
            break;
        }
        if (breakout) {
          while (stack_.size() > 1 && stack_.back().ns != Ns::kHtml && stack_.back().ip == Ip::kNone)
            Pop();
          Process(t, mode_);
          return;
        }
        InsertForeign(t, info, stack_.back().ns);
        return;
      }
      case TokenType::kEndTag: {
        if (overflow_ > 0) {
          --overflow_;
          return;
        }
        size_t limit = std::min(stack_.size(), kScanLimit);
        for (size_t k = 0; k < limit; ++k) {
          size_t i = stack_.size() - 1 - k;
          if (i == 0) return;
          const Open& e = stack_[i];
          if (e.ns != Ns::kHtml) {
            if (e.node->name == t.name) {
              while (stack_.size() > i) Pop();
              return;
            }
            continue;
          }
          Process(t, mode_);
          return;
        }
        return;
      }
    }
  }

  void Process(const Token& t, Mode mode) {
    switch (mode) {
      case Mode::kInitial:
        if (t.type == TokenType::kText) {
          size_t ws = LeadingWhitespace(t.text);
          if (ws == t.text.size()) return;
        }
        if (t.type == TokenType::kComment) return InsertComment(t.text, doc_->root());
        if (t.type == TokenType::kDoctype) {
          quirks_ = DoctypeIsQuirks(t.text);
          mode_ = Mode::kBeforeHtml;
          return;
        }
        quirks_ = true;  // no DOCTYPE
        mode_ = Mode::kBeforeHtml;
        return Process(t, mode_);
      case Mode::kBeforeHtml:
        return BeforeHtml(t);
      case Mode::kBeforeHead:
        return BeforeHead(t);
      case Mode::kInHead:
        return InHead(t);
      case Mode::kInHeadNoscript:
        return InHeadNoscript(t);
      case Mode::kAfterHead:
        return AfterHead(t);
      case Mode::kInBody:
        return InBody(t);
      case Mode::kText:
        return InText(t);
      case Mode::kInTable:
        return InTable(t);
      case Mode::kInCaption:
        return InCaption(t);
      case Mode::kInColumnGroup:
        return InColumnGroup(t);
      case Mode::kInTableBody:
        return InTableBody(t);
      case Mode::kInRow:
        return InRow(t);
      case Mode::kInCell:
        return InCell(t);
      case Mode::kInSelect:
      case Mode::kInSelectInTable:
        return InSelect(t, mode == Mode::kInSelectInTable);
    }
  }

  void CreateHtml(const Token* t) {
    Node* html = doc_->NewElement("html", Tag::kHtml);
    if (t && !t->attrs.empty()) SetAttributes(html, *t);
    Document::Append(doc_->root(), html);
    Push({html, T::kHtml, Ns::kHtml, Ip::kNone});
    mode_ = Mode::kBeforeHead;
  }

  void BeforeHtml(const Token& t) {
    switch (t.type) {
      case TokenType::kDoctype: return;
      case TokenType::kComment: return InsertComment(t.text, doc_->root());
      case TokenType::kText:
        if (AllWhitespace(t.text)) return;
        {
          Token rest = t;
          rest.text.remove_prefix(LeadingWhitespace(t.text));
          CreateHtml(nullptr);
          return Process(rest, mode_);
        }
      case TokenType::kStartTag:
        if (t.name == "html") return CreateHtml(&t);
        break;
      case TokenType::kEndTag:
        if (t.name != "head" && t.name != "body" && t.name != "html" && t.name != "br") return;
        break;
      case TokenType::kEof:
        break;
    }
    CreateHtml(nullptr);
    Process(t, mode_);
  }

  // A stray <html>/<body> start tag adds its new attributes to the open one, up to
  // kMaxMergedAttrs in all (deviation 4: each merge scans the element's attributes).
  static constexpr size_t kMaxMergedAttrs = 256;
  void MergeAttrs(Node* n, const Token& t) {
    for (const TokenAttr& a : t.attrs)
      if (n->attrs.size() < kMaxMergedAttrs && !n->has_attr(a.name))
        doc_->AddAttribute(n, a.name, a.value);
  }

  void InsertHead(const Token* t) {
    static const Token kEmpty = [] {
      Token e;
      e.type = TokenType::kStartTag;
      e.name = "head";
      return e;
    }();
    head_ = InsertHtml(t ? *t : kEmpty, LookupTag("head"), false);
    mode_ = Mode::kInHead;
  }

  void BeforeHead(const Token& t) {
    switch (t.type) {
      case TokenType::kText:
        if (AllWhitespace(t.text)) return;
        {
          Token rest = t;
          rest.text.remove_prefix(LeadingWhitespace(t.text));
          InsertHead(nullptr);
          return Process(rest, mode_);
        }
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kStartTag:
        if (t.name == "html") return InBody(t);
        if (t.name == "head") return InsertHead(&t);
        break;
      case TokenType::kEndTag:
        if (t.name != "head" && t.name != "body" && t.name != "html" && t.name != "br") return;
        break;
      case TokenType::kEof:
        break;
    }
    InsertHead(nullptr);
    Process(t, mode_);
  }

  // Start tags the "in head" mode handles itself. Returns false when it does not.
  bool HeadStartTag(const Token& t, const TagInfo* info) {
    T id = info ? info->id : T::kUnknown;
    switch (id) {
      case T::kBase: case T::kBasefont: case T::kBgsound: case T::kLink: case T::kMeta:
        InsertVoid(t, info);
        return true;
      case T::kTitle:
        InsertRawText(t, info, TextState::kRcdata);
        return true;
      case T::kNoframes: case T::kStyle:
        InsertRawText(t, info, TextState::kRawtext);
        return true;
      case T::kScript:
        InsertRawText(t, info, TextState::kScriptData);
        return true;
      case T::kTemplate:
        InsertHtml(t, info, false);
        PushMarker();
        mode_ = Mode::kInBody;  // deviation 2
        return true;
      default:
        return false;
    }
  }

  void EndTemplate() {
    if (open_count_[static_cast<size_t>(T::kTemplate)] == 0) return;
    GenerateImpliedEndTagsThoroughly();
    PopUntil(T::kTemplate);
    ClearFormattingToMarker();
    ResetInsertionMode();
  }

  void InHead(const Token& t) {
    switch (t.type) {
      case TokenType::kText: {
        size_t ws = LeadingWhitespace(t.text);
        if (ws) InsertText(t.text.substr(0, ws));
        if (ws == t.text.size()) return;
        Token rest = t;
        rest.text.remove_prefix(ws);
        if (CurrentIs(T::kHead)) Pop();
        mode_ = Mode::kAfterHead;
        return Process(rest, mode_);
      }
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kStartTag: {
        if (t.name == "html") return InBody(t);
        const TagInfo* info = LookupTag(t.name);
        if (info && info->id == T::kNoscript) {
          InsertHtml(t, info, false);
          mode_ = Mode::kInHeadNoscript;
          return;
        }
        if (HeadStartTag(t, info)) return;
        if (t.name == "head") return;
        break;
      }
      case TokenType::kEndTag:
        if (t.name == "head") {
          Pop();
          mode_ = Mode::kAfterHead;
          return;
        }
        if (t.name == "template") return EndTemplate();
        if (t.name != "body" && t.name != "html" && t.name != "br") return;
        break;
      case TokenType::kEof:
        break;
    }
    if (CurrentIs(T::kHead)) Pop();
    mode_ = Mode::kAfterHead;
    Process(t, mode_);
  }

  void InHeadNoscript(const Token& t) {
    switch (t.type) {
      case TokenType::kDoctype: return;
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kText:
        if (AllWhitespace(t.text)) return InsertText(t.text);
        break;
      case TokenType::kStartTag: {
        if (t.name == "html") return InBody(t);
        const TagInfo* info = LookupTag(t.name);
        T id = info ? info->id : T::kUnknown;
        if (id == T::kBasefont || id == T::kBgsound || id == T::kLink || id == T::kMeta ||
            id == T::kNoframes || id == T::kStyle) {
          HeadStartTag(t, info);
          if (mode_ == Mode::kText) original_mode_ = Mode::kInHeadNoscript;
          return;
        }
        if (id == T::kHead || id == T::kNoscript) return;
        break;
      }
      case TokenType::kEndTag:
        if (t.name == "noscript") {
          Pop();
          mode_ = Mode::kInHead;
          return;
        }
        if (t.name != "br") return;
        break;
      case TokenType::kEof:
        break;
    }
    if (CurrentIs(T::kNoscript)) Pop();
    mode_ = Mode::kInHead;
    Process(t, mode_);
  }

  void InsertBody(const Token* t) {
    static const Token kEmpty = [] {
      Token e;
      e.type = TokenType::kStartTag;
      e.name = "body";
      return e;
    }();
    InsertHtml(t ? *t : kEmpty, LookupTag("body"), false);
    mode_ = Mode::kInBody;
  }

  void AfterHead(const Token& t) {
    switch (t.type) {
      case TokenType::kText: {
        size_t ws = LeadingWhitespace(t.text);
        if (ws) InsertText(t.text.substr(0, ws));
        if (ws == t.text.size()) return;
        Token rest = t;
        rest.text.remove_prefix(ws);
        InsertBody(nullptr);
        return Process(rest, mode_);
      }
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kStartTag: {
        if (t.name == "html") return InBody(t);
        if (t.name == "body") return InsertBody(&t);
        if (t.name == "frameset" || t.name == "head") return;  // deviation 1
        const TagInfo* info = LookupTag(t.name);
        T id = info ? info->id : T::kUnknown;
        if (head_ && (id == T::kBase || id == T::kBasefont || id == T::kBgsound ||
                      id == T::kLink || id == T::kMeta || id == T::kNoframes ||
                      id == T::kScript || id == T::kStyle || id == T::kTemplate ||
                      id == T::kTitle)) {
          // Back into the head, then the head leaves the stack again.
          Push({head_, T::kHead, Ns::kHtml, Ip::kNone});
          HeadStartTag(t, info);
          size_t hi = StackIndex(head_);
          if (hi != npos) EraseAt(hi);
          if (mode_ == Mode::kText) original_mode_ = Mode::kAfterHead;
          else if (id != T::kTemplate) mode_ = Mode::kAfterHead;
          return;
        }
        break;
      }
      case TokenType::kEndTag:
        if (t.name == "template") return EndTemplate();
        if (t.name != "body" && t.name != "html" && t.name != "br") return;
        break;
      case TokenType::kEof:
        break;
    }
    InsertBody(nullptr);
    Process(t, mode_);
  }

  void InText(const Token& t) {
    if (t.type == TokenType::kText) {
      InsertText(t.text);
      return;
    }
    // The end tag (the tokenizer only ends the text at the matching one) or EOF.
    drop_text_ = false;
    if (stack_.size() > 1) Pop();
    mode_ = original_mode_;
    if (t.type == TokenType::kEof) Process(t, mode_);
  }

  // ---- in body --------------------------------------------------------------------------
  void InBody(const Token& t) {
    switch (t.type) {
      case TokenType::kText:
        Reconstruct();
        InsertText(t.text);
        return;
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kEof: return;
      case TokenType::kStartTag: return BodyStartTag(t);
      case TokenType::kEndTag: return BodyEndTag(t);
    }
  }

  void BodyStartTag(const Token& t) {
    const TagInfo* info = LookupTag(t.name);
    T id = info ? info->id : T::kUnknown;
    switch (id) {
      case T::kHtml:
        if (open_count_[static_cast<size_t>(T::kTemplate)] == 0 && !stack_.empty())
          MergeAttrs(stack_.front().node, t);
        return;
      case T::kBase: case T::kBasefont: case T::kBgsound: case T::kLink: case T::kMeta:
      case T::kNoframes: case T::kScript: case T::kStyle: case T::kTemplate: case T::kTitle:
        HeadStartTag(t, info);
        return;
      case T::kBody:
        if (stack_.size() >= 2 && IsHtml(stack_[1], T::kBody) &&
            open_count_[static_cast<size_t>(T::kTemplate)] == 0)
          MergeAttrs(stack_[1].node, t);
        return;
      case T::kFrameset:
      case T::kFrame:
        return;  // deviation 1
      case T::kAddress: case T::kArticle: case T::kAside: case T::kBlockquote: case T::kCenter:
      case T::kDetails: case T::kDialog: case T::kDir: case T::kDiv: case T::kDl:
      case T::kFieldset: case T::kFigcaption: case T::kFigure: case T::kFooter: case T::kHeader:
      case T::kHgroup: case T::kMain: case T::kMenu: case T::kNav: case T::kOl: case T::kP:
      case T::kSection: case T::kSummary: case T::kUl:
        ClosePInButtonScope();
        InsertHtml(t, info);
        return;
      case T::kH1: case T::kH2: case T::kH3: case T::kH4: case T::kH5: case T::kH6:
        ClosePInButtonScope();
        if (!stack_.empty() && stack_.back().ns == Ns::kHtml && IsHeading(stack_.back().tag)) Pop();
        InsertHtml(t, info);
        return;
      case T::kPre: case T::kListing:
        ClosePInButtonScope();
        if (InsertHtml(t, info)) skip_lf_ = true;
        return;
      case T::kForm:
        if (form_ && open_count_[static_cast<size_t>(T::kTemplate)] == 0) return;
        ClosePInButtonScope();
        if (Node* n = InsertHtml(t, info); n && open_count_[static_cast<size_t>(T::kTemplate)] == 0)
          form_ = n;
        return;
      case T::kLi: case T::kDd: case T::kDt: {
        size_t limit = std::min(stack_.size(), kScanLimit);
        for (size_t k = 0; k < limit; ++k) {
          const Open& e = stack_[stack_.size() - 1 - k];
          bool match = e.ns == Ns::kHtml &&
                       (id == T::kLi ? e.tag == T::kLi : (e.tag == T::kDd || e.tag == T::kDt));
          if (match) {
            T which = e.tag;
            GenerateImpliedEndTags(which);
            PopUntil(which);
            break;
          }
          bool special = (e.ns == Ns::kHtml && IsSpecial(e.tag)) ||
                         (e.ns != Ns::kHtml && e.ip != Ip::kNone);
          if (special && !(e.ns == Ns::kHtml && (e.tag == T::kAddress || e.tag == T::kDiv ||
                                                 e.tag == T::kP)))
            break;
        }
        ClosePInButtonScope();
        InsertHtml(t, info);
        return;
      }
      case T::kPlaintext:
        ClosePInButtonScope();
        InsertHtml(t, info, false);
        tok_.SetTextState(TextState::kPlaintext, "");
        return;
      case T::kButton:
        if (InScope(T::kButton)) {
          GenerateImpliedEndTags();
          PopUntil(T::kButton);
        }
        Reconstruct();
        InsertHtml(t, info);
        return;
      case T::kA: {
        for (size_t k = afe_.size(); k-- > 0;) {
          if (!afe_[k].node) break;
          if (afe_[k].tag == T::kA) {
            Node* a = afe_[k].node;
            Token end;
            end.type = TokenType::kEndTag;
            end.name = "a";
            AdoptionAgency(end, T::kA);
            size_t fi = FormattingIndex(a);
            if (fi != npos) afe_.erase(afe_.begin() + static_cast<std::ptrdiff_t>(fi));
            size_t si = StackIndex(a);
            if (si != npos) EraseAt(si);
            break;
          }
        }
        Reconstruct();
        if (Node* n = InsertHtml(t, info)) PushFormatting(n, id);
        return;
      }
      case T::kB: case T::kBig: case T::kCode: case T::kEm: case T::kFont: case T::kI: case T::kS:
      case T::kSmall: case T::kStrike: case T::kStrong: case T::kTt: case T::kU:
        Reconstruct();
        if (Node* n = InsertHtml(t, info)) PushFormatting(n, id);
        return;
      case T::kNobr:
        Reconstruct();
        if (InScope(T::kNobr)) {
          Token end;
          end.type = TokenType::kEndTag;
          end.name = "nobr";
          AdoptionAgency(end, T::kNobr);
          Reconstruct();
        }
        if (Node* n = InsertHtml(t, info)) PushFormatting(n, id);
        return;
      case T::kApplet: case T::kMarquee: case T::kObject:
        Reconstruct();
        if (InsertHtml(t, info)) PushMarker();
        return;
      case T::kTable:
        if (!quirks_) ClosePInButtonScope();
        if (InsertHtml(t, info)) mode_ = Mode::kInTable;
        return;
      case T::kArea: case T::kBr: case T::kEmbed: case T::kImg: case T::kKeygen: case T::kWbr:
      case T::kInput:
        Reconstruct();
        InsertVoid(t, info);
        return;
      case T::kImage: {
        Token img = t;
        img.name = "img";
        Reconstruct();
        InsertVoid(img, LookupTag("img"));
        return;
      }
      case T::kParam: case T::kSource: case T::kTrack:
        InsertVoid(t, info);
        return;
      case T::kHr:
        ClosePInButtonScope();
        InsertVoid(t, info);
        return;
      case T::kTextarea:
        InsertRawText(t, info, TextState::kRcdata);
        skip_lf_ = true;
        return;
      case T::kXmp:
        ClosePInButtonScope();
        Reconstruct();
        InsertRawText(t, info, TextState::kRawtext);
        return;
      case T::kIframe: case T::kNoembed:
        InsertRawText(t, info, TextState::kRawtext);
        return;
      case T::kSelect:
        Reconstruct();
        if (InsertHtml(t, info)) {
          mode_ = (mode_ == Mode::kInTable || mode_ == Mode::kInCaption ||
                   mode_ == Mode::kInTableBody || mode_ == Mode::kInRow || mode_ == Mode::kInCell)
                      ? Mode::kInSelectInTable
                      : Mode::kInSelect;
        }
        return;
      case T::kOptgroup: case T::kOption:
        if (CurrentIs(T::kOption)) Pop();
        Reconstruct();
        InsertHtml(t, info);
        return;
      case T::kRb: case T::kRtc:
        if (InScope(T::kRuby)) GenerateImpliedEndTags();
        InsertHtml(t, info);
        return;
      case T::kRp: case T::kRt:
        if (InScope(T::kRuby)) GenerateImpliedEndTags(T::kRtc);
        InsertHtml(t, info);
        return;
      case T::kMath:
        Reconstruct();
        InsertForeign(t, info, Ns::kMath);
        return;
      case T::kSvg:
        Reconstruct();
        InsertForeign(t, info, Ns::kSvg);
        return;
      case T::kCaption: case T::kCol: case T::kColgroup: case T::kHead: case T::kTbody:
      case T::kTd: case T::kTfoot: case T::kTh: case T::kThead: case T::kTr:
        return;
      default:
        Reconstruct();
        InsertHtml(t, info);
        return;
    }
  }

  void BodyEndTag(const Token& t) {
    const TagInfo* info = LookupTag(t.name);
    T id = info ? info->id : T::kUnknown;
    if (overflow_ > 0 && !EndOftenImplied(id)) {  // the end tag of an element never created
      --overflow_;
      return;
    }
    switch (id) {
      case T::kTemplate:
        return EndTemplate();
      case T::kBody: case T::kHtml:
        return;  // "after body" reprocesses everything in body: ignoring is the same tree
      case T::kAddress: case T::kArticle: case T::kAside: case T::kBlockquote: case T::kButton:
      case T::kCenter: case T::kDetails: case T::kDialog: case T::kDir: case T::kDiv: case T::kDl:
      case T::kFieldset: case T::kFigcaption: case T::kFigure: case T::kFooter: case T::kHeader:
      case T::kHgroup: case T::kListing: case T::kMain: case T::kMenu: case T::kNav: case T::kOl:
      case T::kPre: case T::kSection: case T::kSummary: case T::kUl:
        if (!InScope(id)) return;
        GenerateImpliedEndTags();
        PopUntil(id);
        return;
      case T::kForm: {
        if (open_count_[static_cast<size_t>(T::kTemplate)] == 0) {
          Node* node = form_;
          form_ = nullptr;
          if (!node || !NodeInScope(node)) return;
          GenerateImpliedEndTags();
          size_t i = StackIndex(node);
          if (i != npos) EraseAt(i);
        } else {
          if (!InScope(T::kForm)) return;
          GenerateImpliedEndTags();
          PopUntil(T::kForm);
        }
        return;
      }
      case T::kP:
        if (!InScope(T::kP, Scope::kButton)) {
          Token p;
          p.type = TokenType::kStartTag;
          p.name = "p";
          InsertHtml(p, info, false);
        }
        GenerateImpliedEndTags(T::kP);
        PopUntil(T::kP);
        return;
      case T::kLi:
        if (!InScope(T::kLi, Scope::kListItem)) return;
        GenerateImpliedEndTags(T::kLi);
        PopUntil(T::kLi);
        return;
      case T::kDd: case T::kDt:
        if (!InScope(id)) return;
        GenerateImpliedEndTags(id);
        PopUntil(id);
        return;
      case T::kH1: case T::kH2: case T::kH3: case T::kH4: case T::kH5: case T::kH6:
        if (!HeadingInScope()) return;
        GenerateImpliedEndTags();
        PopUntilHeading();
        return;
      case T::kA: case T::kB: case T::kBig: case T::kCode: case T::kEm: case T::kFont: case T::kI:
      case T::kNobr: case T::kS: case T::kSmall: case T::kStrike: case T::kStrong: case T::kTt:
      case T::kU:
        if (AdoptionAgency(t, id)) return;
        break;
      case T::kApplet: case T::kMarquee: case T::kObject:
        if (!InScope(id)) return;
        GenerateImpliedEndTags();
        PopUntil(id);
        ClearFormattingToMarker();
        return;
      case T::kBr: {
        Token br;
        br.type = TokenType::kStartTag;
        br.name = "br";
        Reconstruct();
        InsertVoid(br, info);
        return;
      }
      default:
        break;
    }
    AnyOtherEndTag(t, id);
  }

  void AnyOtherEndTag(const Token& t, T id) {
    size_t limit = std::min(stack_.size(), kScanLimit);
    for (size_t k = 0; k < limit; ++k) {
      size_t i = stack_.size() - 1 - k;
      const Open& e = stack_[i];
      bool same = e.ns == Ns::kHtml &&
                  (id != T::kUnknown ? e.tag == id : (e.tag == T::kUnknown && e.node->name == t.name));
      if (same) {
        GenerateImpliedEndTags(id == T::kUnknown ? T::kCount : id);
        while (stack_.size() > i) Pop();
        return;
      }
      if ((e.ns == Ns::kHtml && IsSpecial(e.tag)) || (e.ns != Ns::kHtml && e.ip != Ip::kNone)) return;
    }
  }

  // ---- tables ---------------------------------------------------------------------------
  void ClearToContext(std::initializer_list<T> stops) {
    while (stack_.size() > 1) {
      const Open& e = stack_.back();
      if (e.ns == Ns::kHtml &&
          (e.tag == T::kHtml || e.tag == T::kTemplate ||
           std::find(stops.begin(), stops.end(), e.tag) != stops.end()))
        return;
      Pop();
    }
  }

  void InTableAnythingElse(const Token& t) {
    foster_ = true;
    InBody(t);
    foster_ = false;
  }

  void InTable(const Token& t) {
    switch (t.type) {
      case TokenType::kText:
        if (!stack_.empty() && IsTableish(stack_.back())) {
          // In table text: whitespace stays in the table, anything else is foster-parented.
          if (AllWhitespace(t.text)) return InsertText(t.text);
          return InTableAnythingElse(t);
        }
        return InTableAnythingElse(t);
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kEof: return;
      case TokenType::kStartTag: {
        const TagInfo* info = LookupTag(t.name);
        T id = info ? info->id : T::kUnknown;
        switch (id) {
          case T::kCaption:
            ClearToContext({T::kTable});
            PushMarker();
            InsertHtml(t, info, false);
            mode_ = Mode::kInCaption;
            return;
          case T::kColgroup:
            ClearToContext({T::kTable});
            InsertHtml(t, info, false);
            mode_ = Mode::kInColumnGroup;
            return;
          case T::kCol: {
            ClearToContext({T::kTable});
            Token cg;
            cg.type = TokenType::kStartTag;
            cg.name = "colgroup";
            InsertHtml(cg, LookupTag("colgroup"), false);
            mode_ = Mode::kInColumnGroup;
            return Process(t, mode_);
          }
          case T::kTbody: case T::kTfoot: case T::kThead:
            ClearToContext({T::kTable});
            InsertHtml(t, info, false);
            mode_ = Mode::kInTableBody;
            return;
          case T::kTd: case T::kTh: case T::kTr: {
            ClearToContext({T::kTable});
            Token tb;
            tb.type = TokenType::kStartTag;
            tb.name = "tbody";
            InsertHtml(tb, LookupTag("tbody"), false);
            mode_ = Mode::kInTableBody;
            return Process(t, mode_);
          }
          case T::kTable:
            if (!InScope(T::kTable, Scope::kTable)) return;
            PopUntil(T::kTable);
            ResetInsertionMode();
            return Process(t, mode_);
          case T::kStyle: case T::kScript: case T::kTemplate:
            HeadStartTag(t, info);
            return;
          case T::kInput: {
            bool hidden = false;
            for (const TokenAttr& a : t.attrs)
              if (a.name == "type" && a.value.size() == 6 && IContains(a.value, "hidden")) hidden = true;
            if (!hidden) break;
            InsertVoid(t, info);
            return;
          }
          case T::kForm:
            if (open_count_[static_cast<size_t>(T::kTemplate)] > 0 || form_) return;
            if (Node* n = InsertHtml(t, info)) {
              form_ = n;
              Pop();
            }
            return;
          default:
            break;
        }
        return InTableAnythingElse(t);
      }
      case TokenType::kEndTag: {
        const TagInfo* info = LookupTag(t.name);
        T id = info ? info->id : T::kUnknown;
        switch (id) {
          case T::kTable:
            if (!InScope(T::kTable, Scope::kTable)) return;
            PopUntil(T::kTable);
            ResetInsertionMode();
            return;
          case T::kBody: case T::kCaption: case T::kCol: case T::kColgroup: case T::kHtml:
          case T::kTbody: case T::kTd: case T::kTfoot: case T::kTh: case T::kThead: case T::kTr:
            return;
          case T::kTemplate:
            return EndTemplate();
          default:
            return InTableAnythingElse(t);
        }
      }
    }
  }

  void InCaption(const Token& t) {
    T id = T::kUnknown;
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      const TagInfo* info = LookupTag(t.name);
      id = info ? info->id : T::kUnknown;
    }
    bool closes = (t.type == TokenType::kEndTag && (id == T::kCaption || id == T::kTable)) ||
                  (t.type == TokenType::kStartTag &&
                   (id == T::kCaption || id == T::kCol || id == T::kColgroup || id == T::kTbody ||
                    id == T::kTd || id == T::kTfoot || id == T::kTh || id == T::kThead ||
                    id == T::kTr));
    if (closes) {
      if (!InScope(T::kCaption, Scope::kTable)) return;
      GenerateImpliedEndTags();
      PopUntil(T::kCaption);
      ClearFormattingToMarker();
      mode_ = Mode::kInTable;
      if (!(t.type == TokenType::kEndTag && id == T::kCaption)) Process(t, mode_);
      return;
    }
    if (t.type == TokenType::kEndTag &&
        (id == T::kBody || id == T::kCol || id == T::kColgroup || id == T::kHtml ||
         id == T::kTbody || id == T::kTd || id == T::kTfoot || id == T::kTh || id == T::kThead ||
         id == T::kTr))
      return;
    InBody(t);
  }

  void InColumnGroup(const Token& t) {
    switch (t.type) {
      case TokenType::kText: {
        size_t ws = LeadingWhitespace(t.text);
        if (ws) InsertText(t.text.substr(0, ws));
        if (ws == t.text.size()) return;
        Token rest = t;
        rest.text.remove_prefix(ws);
        if (!CurrentIs(T::kColgroup)) return;
        Pop();
        mode_ = Mode::kInTable;
        return Process(rest, mode_);
      }
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kEof: return;
      case TokenType::kStartTag:
        if (t.name == "html") return InBody(t);
        if (t.name == "col") return InsertVoid(t, LookupTag("col"));
        if (t.name == "template") return InHead(t);
        break;
      case TokenType::kEndTag:
        if (t.name == "colgroup") {
          if (!CurrentIs(T::kColgroup)) return;
          Pop();
          mode_ = Mode::kInTable;
          return;
        }
        if (t.name == "col") return;
        if (t.name == "template") return EndTemplate();
        break;
    }
    if (!CurrentIs(T::kColgroup)) return;
    Pop();
    mode_ = Mode::kInTable;
    Process(t, mode_);
  }

  void InTableBody(const Token& t) {
    T id = T::kUnknown;
    const TagInfo* info = nullptr;
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      info = LookupTag(t.name);
      id = info ? info->id : T::kUnknown;
    }
    if (t.type == TokenType::kStartTag) {
      if (id == T::kTr) {
        ClearToContext({T::kTbody, T::kTfoot, T::kThead});
        InsertHtml(t, info, false);
        mode_ = Mode::kInRow;
        return;
      }
      if (id == T::kTh || id == T::kTd) {
        ClearToContext({T::kTbody, T::kTfoot, T::kThead});
        Token tr;
        tr.type = TokenType::kStartTag;
        tr.name = "tr";
        InsertHtml(tr, LookupTag("tr"), false);
        mode_ = Mode::kInRow;
        return Process(t, mode_);
      }
      if (id == T::kCaption || id == T::kCol || id == T::kColgroup || id == T::kTbody ||
          id == T::kTfoot || id == T::kThead) {
        if (!InScope(T::kTbody, Scope::kTable) && !InScope(T::kThead, Scope::kTable) &&
            !InScope(T::kTfoot, Scope::kTable))
          return;
        ClearToContext({T::kTbody, T::kTfoot, T::kThead});
        Pop();
        mode_ = Mode::kInTable;
        return Process(t, mode_);
      }
    } else if (t.type == TokenType::kEndTag) {
      if (id == T::kTbody || id == T::kTfoot || id == T::kThead) {
        if (!InScope(id, Scope::kTable)) return;
        ClearToContext({T::kTbody, T::kTfoot, T::kThead});
        Pop();
        mode_ = Mode::kInTable;
        return;
      }
      if (id == T::kTable) {
        if (!InScope(T::kTbody, Scope::kTable) && !InScope(T::kThead, Scope::kTable) &&
            !InScope(T::kTfoot, Scope::kTable))
          return;
        ClearToContext({T::kTbody, T::kTfoot, T::kThead});
        Pop();
        mode_ = Mode::kInTable;
        return Process(t, mode_);
      }
      if (id == T::kBody || id == T::kCaption || id == T::kCol || id == T::kColgroup ||
          id == T::kHtml || id == T::kTd || id == T::kTh || id == T::kTr)
        return;
    }
    InTable(t);
  }

  void InRow(const Token& t) {
    T id = T::kUnknown;
    const TagInfo* info = nullptr;
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      info = LookupTag(t.name);
      id = info ? info->id : T::kUnknown;
    }
    auto close_row = [&]() {
      if (!InScope(T::kTr, Scope::kTable)) return false;
      ClearToContext({T::kTr});
      Pop();
      mode_ = Mode::kInTableBody;
      return true;
    };
    if (t.type == TokenType::kStartTag) {
      if (id == T::kTh || id == T::kTd) {
        ClearToContext({T::kTr});
        InsertHtml(t, info, false);
        mode_ = Mode::kInCell;
        PushMarker();
        return;
      }
      if (id == T::kCaption || id == T::kCol || id == T::kColgroup || id == T::kTbody ||
          id == T::kTfoot || id == T::kThead || id == T::kTr) {
        if (close_row()) Process(t, mode_);
        return;
      }
    } else if (t.type == TokenType::kEndTag) {
      if (id == T::kTr) {
        close_row();
        return;
      }
      if (id == T::kTable) {
        if (close_row()) Process(t, mode_);
        return;
      }
      if (id == T::kTbody || id == T::kTfoot || id == T::kThead) {
        if (!InScope(id, Scope::kTable)) return;
        if (close_row()) Process(t, mode_);
        return;
      }
      if (id == T::kBody || id == T::kCaption || id == T::kCol || id == T::kColgroup ||
          id == T::kHtml || id == T::kTd || id == T::kTh)
        return;
    }
    InTable(t);
  }

  void CloseCell() {
    GenerateImpliedEndTags();
    while (!stack_.empty()) {
      bool hit = IsHtml(stack_.back(), T::kTd) || IsHtml(stack_.back(), T::kTh);
      Pop();
      if (hit) break;
    }
    ClearFormattingToMarker();
    mode_ = Mode::kInRow;
  }

  void InCell(const Token& t) {
    T id = T::kUnknown;
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      const TagInfo* info = LookupTag(t.name);
      id = info ? info->id : T::kUnknown;
    }
    if (t.type == TokenType::kEndTag) {
      if (id == T::kTd || id == T::kTh) {
        if (!InScope(id, Scope::kTable)) return;
        GenerateImpliedEndTags();
        PopUntil(id);
        ClearFormattingToMarker();
        mode_ = Mode::kInRow;
        return;
      }
      if (id == T::kBody || id == T::kCaption || id == T::kCol || id == T::kColgroup ||
          id == T::kHtml)
        return;
      if (id == T::kTable || id == T::kTbody || id == T::kTfoot || id == T::kThead ||
          id == T::kTr) {
        if (!InScope(id, Scope::kTable)) return;
        CloseCell();
        return Process(t, mode_);
      }
    } else if (t.type == TokenType::kStartTag) {
      if (id == T::kCaption || id == T::kCol || id == T::kColgroup || id == T::kTbody ||
          id == T::kTd || id == T::kTfoot || id == T::kTh || id == T::kThead || id == T::kTr) {
        if (!InScope(T::kTd, Scope::kTable) && !InScope(T::kTh, Scope::kTable)) return;
        CloseCell();
        return Process(t, mode_);
      }
    }
    InBody(t);
  }

  void InSelect(const Token& t, bool in_table) {
    T id = T::kUnknown;
    const TagInfo* info = nullptr;
    if (t.type == TokenType::kStartTag || t.type == TokenType::kEndTag) {
      info = LookupTag(t.name);
      id = info ? info->id : T::kUnknown;
    }
    if (in_table) {
      bool tableish = id == T::kCaption || id == T::kTable || id == T::kTbody || id == T::kTfoot ||
                      id == T::kThead || id == T::kTr || id == T::kTd || id == T::kTh;
      if (tableish && t.type == TokenType::kStartTag) {
        PopUntil(T::kSelect);
        ResetInsertionMode();
        return Process(t, mode_);
      }
      if (tableish && t.type == TokenType::kEndTag) {
        if (!InScope(id, Scope::kTable)) return;
        PopUntil(T::kSelect);
        ResetInsertionMode();
        return Process(t, mode_);
      }
    }
    switch (t.type) {
      case TokenType::kText: return InsertText(t.text);
      case TokenType::kComment: return InsertComment(t.text);
      case TokenType::kDoctype: return;
      case TokenType::kEof: return;
      case TokenType::kStartTag:
        switch (id) {
          case T::kHtml: return InBody(t);
          case T::kOption:
            if (CurrentIs(T::kOption)) Pop();
            InsertHtml(t, info, false);
            return;
          case T::kOptgroup:
            if (CurrentIs(T::kOption)) Pop();
            if (CurrentIs(T::kOptgroup)) Pop();
            InsertHtml(t, info, false);
            return;
          case T::kSelect:
            if (!InScope(T::kSelect, Scope::kSelect)) return;
            PopUntil(T::kSelect);
            ResetInsertionMode();
            return;
          case T::kInput: case T::kKeygen: case T::kTextarea:
            if (!InScope(T::kSelect, Scope::kSelect)) return;
            PopUntil(T::kSelect);
            ResetInsertionMode();
            return Process(t, mode_);
          case T::kScript: case T::kTemplate:
            HeadStartTag(t, info);
            return;
          default:
            return;
        }
      case TokenType::kEndTag:
        switch (id) {
          case T::kOptgroup:
            if (CurrentIs(T::kOption) && stack_.size() >= 2 && IsHtml(stack_[stack_.size() - 2], T::kOptgroup))
              Pop();
            if (CurrentIs(T::kOptgroup)) Pop();
            return;
          case T::kOption:
            if (CurrentIs(T::kOption)) Pop();
            return;
          case T::kSelect:
            if (!InScope(T::kSelect, Scope::kSelect)) return;
            PopUntil(T::kSelect);
            ResetInsertionMode();
            return;
          case T::kTemplate:
            return EndTemplate();
          default:
            return;
        }
    }
  }

  Tokenizer tok_;
  TreeOptions options_;
  Document* doc_;
  size_t max_depth_;
  std::vector<Open> stack_;
  std::vector<Fmt> afe_;
  std::vector<uint8_t> on_stack_;
  std::array<uint32_t, static_cast<size_t>(T::kCount) + 1> open_count_;
  Mode mode_ = Mode::kInitial;
  Mode original_mode_ = Mode::kInBody;
  Node* head_ = nullptr;
  Node* form_ = nullptr;
  bool foster_ = false;
  bool quirks_ = false;
  bool skip_lf_ = false;
  bool drop_text_ = false;
  bool capped_ = false;
  size_t overflow_ = 0;
  TreeStats stats_;
};

}  // namespace

TreeStats BuildTree(std::string_view utf8, const TreeOptions& options, Document* doc) {
  Builder b(utf8, options, doc);
  return b.Run();
}

}  // namespace ng::html
