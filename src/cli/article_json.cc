#include "cli/article_json.h"

#include "base/json_writer.h"
#include "newsgraph/extract.h"

namespace ng::cli {

std::string ArticleJsonLine(std::string_view source, const std::string* record_url,
                            const Result<Article>& article) {
  std::string line = "{\"source\":";
  AppendJsonString(line, source);
  if (record_url) {
    line += ",\"record_url\":";
    AppendJsonString(line, *record_url);
  }
  line += ",\"error\":";
  if (!article.ok()) {
    AppendJsonString(line, article.status().ToString());
    line += '}';
    return line;
  }
  std::string body = RenderArticle(*article, Format::kJson);
  line += "null,";
  line.append(body, 1, std::string::npos);  // splice the article's fields after ours
  return line;
}

}  // namespace ng::cli
