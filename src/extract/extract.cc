// Extract: bytes → UTF-8 → DOM (with budgets) → metadata + main content → Article.
#include "newsgraph/extract.h"

#include "extract/encoding.h"
#include "extract/language.h"
#include "extract/main_content.h"
#include "extract/metadata.h"
#include "extract/page_type.h"
#include "html/parser.h"

namespace ng {
namespace {

// Does the first KB look like text at all? Binary files (images, PDFs, archives) are full of
// control bytes that no HTML page has.
bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1024);
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') ||
                           (head[0] == '\xFE' && head[1] == '\xFF')))
    return false;  // UTF-16 BOM
  size_t control = 0, nul = 0;
  for (unsigned char c : head) {
    if (c == 0) ++nul;
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  // UTF-16 without a BOM has NULs in every other byte; DecodeHtml handles it.
  if (nul > head.size() / 3) return false;
  return (control + nul) * 10 > head.size();
}

}  // namespace

Result<Article> Extract(std::string_view bytes, const ExtractOptions& options) {
  return extract::ExtractWithPageSignals(bytes, options, nullptr);
}

namespace extract {

Result<Article> ExtractWithPageSignals(std::string_view bytes, const ExtractOptions& options,
                                       PageTypeFeatures* signals) {
  Article article;
  article.url = std::string(options.url);
  if (bytes.empty()) {
    article.reason = "empty input";
    return article;
  }
  if (LooksBinary(bytes))
    return InvalidArgument("input is not an HTML page (binary data in the first 1 KB)");
  // The decoded text may borrow `bytes` (no copy of a page that is UTF-8 already): both outlive
  // the parsed page.
  NG_ASSIGN_OR_RETURN(extract::DecodedText decoded,
                      extract::DecodeHtml(bytes.substr(0, options.max_bytes + 4096),
                                          options.http_charset, /*borrow_input=*/true));
  article.encoding = decoded.charset;
  NG_ASSIGN_OR_RETURN(html::ParsedPage page,
                      html::ParseHtml(decoded.text(),
                                      {.max_bytes = options.max_bytes,
                                       .max_depth = options.max_depth,
                                       .parser = options.parser == HtmlParser::kGumbo
                                                     ? html::ParseOptions::Parser::kGumbo
                                                     : html::ParseOptions::Parser::kFast,
                                       .borrow_input = true}));  // decoded outlives page
  std::string reason = page.notes;
  if (bytes.size() > options.max_bytes + 4096 && reason.empty())
    reason = "page is larger than the " + std::to_string(options.max_bytes >> 20) +
             " MB budget (it is " + std::to_string(bytes.size() >> 20) + " MB); parsed a prefix";

  extract::PageMetadata meta = extract::ExtractMetadata(page.doc, options.url);
  article.url = meta.url.empty() ? std::string(options.url) : meta.url;
  article.title = meta.title;
  article.section = meta.section;
  article.authors = meta.authors;
  article.published = meta.published;
  article.modified = meta.modified;
  article.site_name = meta.site_name;
  article.description = meta.description;
  article.image = meta.image;
  article.tags = meta.tags;
  article.schema_type = meta.page_type;

  extract::ContentResult content =
      extract::ExtractMainContent(page.doc, {.title = article.title, .comments = options.comments});
  article.blocks = std::move(content.blocks);
  article.comments = std::move(content.comments);

  std::string sample;
  for (const Block& b : article.blocks) {
    if (sample.size() > 2048) break;  // DetectLanguage reads 2 KB
    sample += b.text;
    sample += '\n';
  }
  if (sample.size() < 200) sample = article.title + "\n" + meta.description + "\n" + sample;
  article.language = extract::DetectLanguage(sample, meta.language);

  if (!content.reason.empty()) reason += (reason.empty() ? "" : "; ") + content.reason;
  bool truncated = bytes.size() > options.max_bytes + 4096;  // a cut can split a character
  if (decoded.lossy && !truncated) reason += std::string(reason.empty() ? "" : "; ") +
                               "invalid byte sequences replaced (decoded as " + decoded.charset + ")";
  article.reason = reason;

  PageTypeFeatures features = PageTypeSignals(page.doc, article.url, meta, article.blocks);
  PageTypeDecision kind = ClassifyPageType(features);
  article.page_type = kind.type;
  article.page_type_reason = std::move(kind.reason);
  if (signals) *signals = features;
  return article;
}

}  // namespace extract

}  // namespace ng
