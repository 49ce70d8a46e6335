// dom.h — the document tree every extractor stage reads.
//
// A Document owns its nodes in an arena (std::deque: stable addresses, no per-node free).
// Parsers (the gumbo adapter today, our own tree builder later) fill it; extract reads it.
//   ng::html::Document doc = ...;
//   for (const Node* n = doc.root(); n; n = Next(n, doc.root())) if (n->is(Tag::kP)) ...
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ng::html {

// Tags the extractor reasons about; everything else is kOther (name_ keeps the real name).
enum class Tag : uint8_t {
  kOther, kHtml, kHead, kBody, kTitle, kMeta, kLink, kScript, kStyle, kNoscript, kTemplate,
  kA, kAbbr, kAddress, kArticle, kAside, kB, kBlockquote, kBr, kButton, kCanvas, kCaption, kCite,
  kCode, kDd, kDel, kDetails, kDialog, kDiv, kDl, kDt, kEm, kEmbed, kFieldset, kFigcaption,
  kFigure, kFooter, kForm, kH1, kH2, kH3, kH4, kH5, kH6, kHeader, kHr, kI, kIframe, kImg, kInput,
  kIns, kLabel, kLegend, kLi, kMain, kMark, kMath, kMenu, kNav, kObject, kOl, kOption, kP,
  kPicture, kPre, kQ, kS, kSection, kSelect, kSmall, kSource, kSpan, kStrong, kSub, kSummary,
  kSup, kSvg, kTable, kTbody, kTd, kTextarea, kTfoot, kTh, kThead, kTime, kTr, kU, kUl, kVideo,
  kAudio, kCenter, kFont, kBase, kWbr,
};

Tag TagFromName(std::string_view lowercase_name);
std::string_view TagName(Tag tag);
bool IsBlockTag(Tag tag);    // starts a new line of text when rendered
bool IsHeadingTag(Tag tag);  // h1..h6

enum class NodeType : uint8_t { kDocument, kElement, kText, kComment };

struct Attribute {
  std::string name;   // lower-case
  std::string value;  // decoded
};

struct Node {
  NodeType type = NodeType::kElement;
  Tag tag = Tag::kOther;
  uint32_t id = 0;                  // index in the Document's arena: key for side tables
  std::string name;                 // element: lower-case tag name
  std::string text;                 // text/comment: decoded UTF-8
  std::vector<Attribute> attrs;
  Node* parent = nullptr;
  Node* first_child = nullptr;
  Node* last_child = nullptr;
  Node* next = nullptr;
  Node* prev = nullptr;

  bool is(Tag t) const { return type == NodeType::kElement && tag == t; }
  bool is_element() const { return type == NodeType::kElement; }
  bool is_text() const { return type == NodeType::kText; }
  // Attribute value, or empty when absent.
  std::string_view attr(std::string_view attr_name) const;
  bool has_attr(std::string_view attr_name) const;
};

class Document {
 public:
  Document();
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;

  Node* root() { return root_; }
  const Node* root() const { return root_; }
  Node* NewElement(std::string_view name);
  Node* NewElement(std::string_view name, Tag tag);  // tag == TagFromName(name), known by the caller
  Node* NewText(std::string_view text);
  Node* NewComment(std::string_view text);
  static void Append(Node* parent, Node* child);
  static void Detach(Node* node);  // unlinks node (and its subtree) from its parent
  size_t size() const { return nodes_.size(); }

  // Convenience lookups (first match in document order).
  const Node* FindFirst(Tag tag) const;
  const Node* head() const;
  const Node* body() const;

 private:
  std::deque<Node> nodes_;
  Node* root_ = nullptr;
};

// Pre-order successor of n within the subtree rooted at `scope` (nullptr at the end). Iterative:
// deep trees never overflow the stack.
const Node* Next(const Node* n, const Node* scope);
Node* Next(Node* n, const Node* scope);
// Successor that skips n's children.
const Node* NextSkipChildren(const Node* n, const Node* scope);

// All text under n, concatenated (no separators added). Skips script/style/template.
std::string TextContent(const Node* n);
// Whitespace-collapsed text length (in bytes) under n; cheap helper for scoring.
size_t CollapsedTextLength(const Node* n);

// Appends s to out, collapsing runs of HTML whitespace to one space (no leading space when out
// is empty or ends in a space/newline).
void AppendCollapsed(std::string& out, std::string_view s);
// Trims HTML whitespace (and NBSP) at both ends.
std::string_view Trim(std::string_view s);
std::string CollapseWhitespace(std::string_view s);

}  // namespace ng::html
