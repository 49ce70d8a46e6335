#include "newsgraph/article.h"

namespace ng {

const char* BlockKindName(Block::Kind kind) {
  switch (kind) {
    case Block::Kind::kParagraph: return "p";
    case Block::Kind::kHeading: return "h";
    case Block::Kind::kListItem: return "li";
    case Block::Kind::kQuote: return "quote";
    case Block::Kind::kPre: return "pre";
    case Block::Kind::kTable: return "table";
    case Block::Kind::kCaption: return "caption";
    case Block::Kind::kComment: return "comment";
  }
  return "p";
}

const char* PageTypeName(PageType type) {
  switch (type) {
    case PageType::kArticle: return "article";
    case PageType::kListing: return "listing";
    case PageType::kForum: return "forum";
    case PageType::kProduct: return "product";
    case PageType::kDocumentation: return "documentation";
    case PageType::kCollection: return "collection";
    case PageType::kOther: return "other";
  }
  return "other";
}

std::string Article::Text() const {
  std::string out;
  for (const auto* list : {&blocks, &comments}) {
    for (const Block& b : *list) {
      if (!out.empty()) out += "\n\n";
      out += b.text;
    }
  }
  return out;
}

}  // namespace ng
