// article.h — the value the extract stage produces: one clean news article.
//
//   ng::Result<ng::Article> a = ng::Extract(html, {.url = url});
//   for (const ng::Block& b : a->blocks) std::cout << b.text << "\n\n";
#pragma once

#include <string>
#include <vector>

namespace ng {

// One unit of the article body, kept as structure so later stages and renderers can tell a
// heading from a paragraph or a list item.
struct Block {
  enum class Kind { kParagraph, kHeading, kListItem, kQuote, kPre, kTable, kCaption, kComment };
  Kind kind = Kind::kParagraph;
  int level = 0;     // heading level 1..6; list nesting depth for list items (1 = top)
  bool ordered = false;  // list item of an <ol>
  std::string text;  // whitespace-collapsed UTF-8; tables: rows on lines, cells separated by " | "
};

const char* BlockKindName(Block::Kind kind);  // "p", "h", "li", "quote", "pre", "table", "caption", "comment"

// What kind of page the article came from (extract/page_type.h decides it from the URL, the
// page's schema.org/OpenGraph types and its structure). Only kArticle pages are coded into
// events by default (`ingest --db`); listings and collections keep their items as blocks.
enum class PageType { kArticle, kListing, kForum, kProduct, kDocumentation, kCollection, kOther };
// "article", "listing", "forum", "product", "documentation", "collection", "other"
const char* PageTypeName(PageType type);

struct Article {
  std::string url;           // canonical URL when the page gives one, else the URL passed in
  std::string title;
  std::string section;
  std::vector<std::string> authors;
  std::string published;     // ISO 8601 as found (normalised when recognisable), "" when unknown
  std::string modified;
  std::string language;      // ISO 639-1, "" when unknown
  std::string site_name;
  std::string description;
  std::string image;
  std::vector<std::string> tags;
  std::vector<Block> blocks; // the body, in reading order
  std::vector<Block> comments;  // only with ExtractOptions::comments
  std::string encoding;      // charset the bytes were decoded from
  std::string reason;        // why the result is partial or empty (budget hit, no main content…)
  PageType page_type = PageType::kArticle;
  std::string page_type_reason;  // the signals that decided page_type, e.g. "url /threads/; 12 posts"
  std::string schema_type;       // the page's own JSON-LD @type of its main object, else og:type

  // The body as plain text: blocks separated by blank lines, then the comments (if kept).
  std::string Text() const;
};

}  // namespace ng
