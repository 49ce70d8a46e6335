// article_json.h — the one JSONL line shape every command prints for an article:
//   {"source":…, ["record_url":…,] "error":null|"…", <the fields of RenderArticle(kJson)>}
// On error the article fields are absent. Shared by `extract` and `ingest` so the shapes agree.
#pragma once

#include <string>
#include <string_view>

#include "newsgraph/article.h"
#include "newsgraph/status.h"

namespace ng::cli {

// No trailing newline. `record_url` is written only when not null (ingest: the URL the record
// was fetched or archived under; the article's own "url" may be its canonical URL).
std::string ArticleJsonLine(std::string_view source, const std::string* record_url,
                            const Result<Article>& article);

}  // namespace ng::cli
