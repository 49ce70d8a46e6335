// The gumbo adapter: parse with libgumbo, then copy its tree into our arena Document
// iteratively (gumbo's tree can be deep; our copy never recurses).
#include <gumbo.h>

#include <string>
#include <utility>
#include <vector>

#include "html/parser.h"

namespace ng::html {
namespace {

std::string ElementName(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return name;
}

void CopyTree(const GumboNode* groot, Document& doc) {
  std::vector<std::pair<const GumboNode*, Node*>> stack;
  std::vector<Attribute> attrs;  // one element's, reused
  // Children are pushed in reverse so they are appended in document order.
  auto push_children = [&](const GumboVector& children, Node* parent) {
    for (unsigned i = children.length; i-- > 0;)
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), parent);
  };
  push_children(groot->v.document.children, doc.root());
  while (!stack.empty()) {
    auto [g, parent] = stack.back();
    stack.pop_back();
    switch (g->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = g->v.element;
        Node* n = doc.NewElement(ElementName(el));
        attrs.clear();
        for (unsigned i = 0; i < el.attributes.length; ++i) {
          auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
          attrs.push_back({a->name, a->value});
        }
        doc.SetAttributes(n, std::span<const Attribute>(attrs));
        Document::Append(parent, n);
        push_children(el.children, n);
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        Document::Append(parent, doc.NewText(g->v.text.text));
        break;
      case GUMBO_NODE_COMMENT:
        Document::Append(parent, doc.NewComment(g->v.text.text));
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
}

}  // namespace

Status ParseWithGumbo(std::string_view utf8, int max_depth, ParsedPage* page) {
  std::string prepared;
  PrescanResult pre = PrepareForParse(utf8, max_depth, &prepared);
  if (pre.flattened) {
    if (!page->notes.empty()) page->notes += "; ";
    page->notes += "markup nested " + std::to_string(pre.max_depth_seen) +
                   " deep; flattened below depth " + std::to_string(max_depth);
  }
  if (pre.changed) utf8 = prepared;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;  // we never read gumbo's error list; recording it costs time
  GumboOutput* out = gumbo_parse_with_options(&gopts, utf8.data(), utf8.size());
  if (!out) return Internal("the HTML parser returned no tree");
  CopyTree(out->document, page->doc);
  gumbo_destroy_output(&gopts, out);
  return Status::Ok();
}

}  // namespace ng::html
