// libFuzzer target: arbitrary bytes → ng::html::BuildTree, then a check of the tree's links
// (parent/child/sibling pointers agree, no cycles, depth within 3/2 of the cap). Iterative throughout.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "html/dom.h"
#include "html/tree_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ng::html::Document doc;
  ng::html::TreeOptions options;
  options.max_depth = size % 3 == 0 ? 8 : 64;  // small caps so the cap paths run too
  options.keep_comments = size % 2 == 0;
  options.keep_script_text = size % 5 == 0;
  ng::html::BuildTree(in, options, &doc);
  const ng::html::Node* root = doc.root();
  size_t seen = 0;
  for (const ng::html::Node* n = root; n; n = ng::html::Next(n, root)) {
    if (++seen > doc.size()) abort();  // a cycle
    const ng::html::Node* prev = nullptr;
    for (const ng::html::Node* c = n->first_child; c; c = c->next) {
      if (c->parent != n || c->prev != prev) abort();
      prev = c;
    }
    if (n->last_child != prev) abort();
    int depth = 0;
    for (const ng::html::Node* a = n; a; a = a->parent) ++depth;
    // max_depth caps the stack of open elements. The tree can be deeper: an <a> start tag
    // removes the open <a> from the stack but leaves it in the tree when it is out of scope
    // (an svg <title> between them), so each "<a><svg><title>" adds 3 levels for 2 stack
    // entries; table parts (tbody, tr, td) are never capped. Hence 3/2 and a margin.
    if (depth > options.max_depth * 3 / 2 + 16) abort();
  }
  (void)ng::html::TextContent(root);
  return 0;
}
