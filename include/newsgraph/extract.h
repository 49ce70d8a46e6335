// extract.h — main-content extraction for one HTML page.
//
// Bytes in (any encoding), an Article out: title, metadata and the body without page chrome.
//   ng::Result<ng::Article> a = ng::Extract(bytes, {.url = "https://example.com/x"});
//   if (!a.ok()) return a.status();         // only for unusable input (e.g. not text at all)
//   std::cout << ng::RenderArticle(*a, ng::Format::kMarkdown);
// "No main content found" is not an error: the Article comes back with a `reason`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "newsgraph/article.h"
#include "newsgraph/status.h"

namespace ng {

enum class Format { kText, kMarkdown, kJson };
// The HTML parser: kFast is newsgraph's own (linear in size and depth); kGumbo is libgumbo,
// the reference it is tested against.
enum class HtmlParser { kFast, kGumbo };

struct ExtractOptions {
  std::string_view url;           // where the page came from (used when it has no canonical URL)
  std::string_view http_charset;  // charset from the HTTP Content-Type header, if known
  bool comments = false;          // keep the comment thread (Article::comments)
  // Budgets: a page over max_bytes is parsed up to the limit; markup nested deeper than
  // max_depth is flattened before parsing (the text is kept). Both are noted in Article::reason.
  size_t max_bytes = 16u << 20;
  int max_depth = 400;
  HtmlParser parser = HtmlParser::kFast;
};

Result<Article> Extract(std::string_view html_bytes, const ExtractOptions& options = {});

// Renders an article: kText = title + body, kMarkdown = headings/lists/quotes/tables as Markdown,
// kJson = one JSON object (no trailing newline) with every field.
std::string RenderArticle(const Article& article, Format format);

}  // namespace ng
