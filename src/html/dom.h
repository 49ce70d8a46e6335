// dom.h — the document tree every extractor stage reads.
//
// A Document owns its nodes and every string they hold in two arenas (chunks of nodes; chunks of
// bytes for names, text and attributes): no per-node heap allocation, stable addresses, and one
// free per chunk when the Document goes. Nodes hold string_views into the byte arena, so a Node
// never outlives its Document. Parsers (tree_builder.cc, the gumbo adapter) fill it through
// New*/AppendText/SetAttributes; extract only reads it.
//   ng::html::Document doc = ...;
//   for (const Node* n = doc.root(); n; n = Next(n, doc.root())) if (n->is(Tag::kP)) ...
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
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
  std::string_view name;   // lower-case
  std::string_view value;  // decoded
};

struct Node {
  NodeType type = NodeType::kElement;
  Tag tag = Tag::kOther;
  uint32_t id = 0;                  // index in the Document's arena: key for side tables
  std::string_view name;            // element: lower-case tag name
  std::string_view text;            // text/comment: decoded UTF-8
  std::span<const Attribute> attrs;  // set through Document::SetAttributes/AddAttribute
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
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  Node* root() { return root_; }
  const Node* root() const { return root_; }
  Node* NewElement(std::string_view name);
  Node* NewElement(std::string_view name, Tag tag);  // tag == TagFromName(name), known by the caller
  Node* NewText(std::string_view text);
  Node* NewComment(std::string_view text);
  // Appends to a text/comment node's text; amortised linear however appends interleave with
  // other allocations (a moved text keeps room to grow).
  void AppendText(Node* node, std::string_view more);
  // Replaces node's attributes with copies of `attrs` (any type with `name` and `value` views;
  // both are copied into the arena).
  template <class Attr>
  void SetAttributes(Node* node, std::span<const Attr> attrs) {
    Attribute* a = NewAttributes(node, attrs.size());
    for (size_t i = 0; i < attrs.size(); ++i) a[i] = {Store(attrs[i].name), Store(attrs[i].value)};
  }
  // Adds one attribute (amortised constant: the array keeps room to grow).
  void AddAttribute(Node* node, std::string_view name, std::string_view value);
  // Shares another node's attributes (they are immutable): a clone of a formatting element.
  static void ShareAttributes(Node* node, const Node* from) { node->attrs = from->attrs; }
  // A copy of s that lives as long as the Document (s itself when s lies in borrowed bytes).
  std::string_view Store(std::string_view s);
  // Text and attributes that are slices of `bytes` are kept as views of it, not copied: the
  // parser's input, when the caller keeps it alive for as long as the Document.
  void Borrow(std::string_view bytes) { borrowed_ = bytes; }
  static void Append(Node* parent, Node* child);
  static void Detach(Node* node);  // unlinks node (and its subtree) from its parent
  size_t size() const { return count_; }

  // Convenience lookups (first match in document order).
  const Node* FindFirst(Tag tag) const;
  const Node* head() const;
  const Node* body() const;

 private:
  Node* NewNode(NodeType type);
  Attribute* NewAttributes(Node* node, size_t n);  // node->attrs = n empty attributes
  char* Allocate(size_t bytes, size_t align);

  // Nodes: chunks that double in size (64, 128, … 4096 nodes); addresses never move.
  std::vector<std::unique_ptr<Node[]>> node_chunks_;
  size_t chunk_used_ = 0, chunk_size_ = 0;
  size_t count_ = 0;
  // Bytes: blocks that double in size up to 1 MB; a request bigger than a block gets its own.
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* top_ = nullptr;
  char* end_ = nullptr;
  size_t next_block_ = 4096;
  // Room reserved behind a text or attribute array that was moved to grow (rare: text appended
  // after something else was allocated; attributes merged into <html>/<body>).
  std::unordered_map<const void*, size_t> capacity_;
  std::string_view borrowed_;
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
