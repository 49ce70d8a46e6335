// page_type.h — what kind of page this is: article, listing, forum, product, documentation,
// collection or other.
//
//   PageTypeFeatures f = PageTypeSignals(doc, url, meta, article.blocks);
//   PageTypeDecision d = ClassifyPageType(f);
//   // d.type, d.reason ("forum over article: url_forum=yes, forum_posts=0.71, ld_forum=yes")
// How: 64 signals of three kinds — the URL's path words (/docs/, /threads/, /product/,
// /category/, a dated slug), the page's own schema.org/OpenGraph types and title words, and its
// structure (link density, the largest run of alike sibling blocks and whether they carry
// headings, dates, prices or images, code blocks, navigation sidebars, post/reply classes, the
// share of the page the extracted body holds). A linear model per type scores them; its weights
// are data (data/page_type_model.tsv, trained by `make train-pagetype` on the tune half of
// wcxb-dev with tools/train_page_type.py) compiled into the binary. The reason names the signals
// that most favour the winner over the runner-up. Nothing here fails: an odd page still gets a
// type (most often "article").
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "extract/metadata.h"
#include "html/dom.h"
#include "newsgraph/article.h"
#include "newsgraph/extract.h"
#include "newsgraph/status.h"

namespace ng::extract {

// The signal names, in the order of PageTypeFeatures::values (also the model table's rows).
inline constexpr std::array<std::string_view, 64> kPageTypeFeatureNames = {
    "url_docs", "url_forum", "url_product", "url_listing", "url_collection", "url_dated",
    "url_slug_words", "url_root", "url_depth", "url_service", "url_numeric_id",
    "ld_article", "ld_product", "ld_forum", "ld_collection", "ld_docs", "ld_service",
    "has_published", "has_author", "has_breadcrumbs",
    "code_blocks", "nav_links", "link_density", "prices", "cart_button", "forum_classes",
    "doc_classes", "product_classes", "times", "articles",
    "rep_count", "rep_heading", "rep_date", "rep_price", "rep_image", "rep_share",
    "rep_item_text", "forum_posts",
    "long_paragraphs", "headings", "inputs",
    "body_share", "body_length", "body_list_share",
    "linked_headings", "headline_links", "ld_product_count", "calls_to_action", "tel_links",
    "doc_markers", "dates", "tables", "we_rate", "you_rate", "read_more",
    "cards", "card_ratio", "mean_paragraph", "body_heading_share",
    "title_listing", "title_service", "title_docs", "title_forum", "title_shop",
};

struct PageTypeFeatures {
  std::array<double, kPageTypeFeatureNames.size()> values{};
  // false when the page came without a URL (a local file): the url_* signals are then unknown,
  // not absent, and the model reads them as the training pages' average.
  bool url_known = true;
};

// Signals of one parsed page. `blocks` is the extracted body (its share of the page's text is a
// signal: an article body holds most of it, a listing's chosen block little).
PageTypeFeatures PageTypeSignals(const html::Document& doc, std::string_view url,
                                 const PageMetadata& meta, const std::vector<Block>& blocks);

struct PageTypeDecision {
  PageType type = PageType::kArticle;
  std::string reason;
};

PageTypeDecision ClassifyPageType(const PageTypeFeatures& features);

// ng::Extract, also handing back the page-type signals it classified (for the model's trainer,
// tools/page_type_signals.cc). `signals` may be null.
Result<Article> ExtractWithPageSignals(std::string_view html_bytes, const ExtractOptions& options,
                                       PageTypeFeatures* signals);

}  // namespace ng::extract
