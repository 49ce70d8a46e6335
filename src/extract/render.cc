// Renderers for an Article: plain text, Markdown and JSON.
#include <string>

#include "base/json_writer.h"
#include "newsgraph/extract.h"

namespace ng {
namespace {

std::string KindName(const Block& b) {
  if (b.kind == Block::Kind::kHeading) return "h" + std::to_string(b.level);
  return BlockKindName(b.kind);
}

void WriteBlocks(JsonWriter& w, const std::vector<Block>& blocks) {
  w.BeginArray();
  for (const Block& b : blocks) {
    w.BeginObject();
    w.Key("kind");
    w.String(KindName(b));
    if (b.kind == Block::Kind::kListItem) {
      w.Key("level");
      w.Int(b.level);
      w.Key("ordered");
      w.Bool(b.ordered);
    }
    w.Key("text");
    w.String(b.text);
    w.EndObject();
  }
  w.EndArray();
}

std::string RenderJson(const Article& a) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("url"); w.StringOrNull(a.url);
  w.Key("title"); w.StringOrNull(a.title);
  w.Key("section"); w.StringOrNull(a.section);
  w.Key("authors"); w.StringArray(a.authors);
  w.Key("published"); w.StringOrNull(a.published);
  w.Key("modified"); w.StringOrNull(a.modified);
  w.Key("language"); w.StringOrNull(a.language);
  w.Key("site_name"); w.StringOrNull(a.site_name);
  w.Key("description"); w.StringOrNull(a.description);
  w.Key("image"); w.StringOrNull(a.image);
  w.Key("tags"); w.StringArray(a.tags);
  w.Key("blocks"); WriteBlocks(w, a.blocks);
  w.Key("comments"); WriteBlocks(w, a.comments);
  w.Key("text"); w.String(a.Text());
  w.Key("encoding"); w.StringOrNull(a.encoding);
  w.Key("reason"); w.StringOrNull(a.reason);
  w.Key("page_type"); w.String(PageTypeName(a.page_type));
  w.Key("page_type_reason"); w.StringOrNull(a.page_type_reason);
  w.Key("schema_type"); w.StringOrNull(a.schema_type);
  w.EndObject();
  return out;
}

std::string RenderMarkdown(const Article& a) {
  std::string out;
  if (!a.title.empty()) out += "# " + a.title + "\n\n";
  std::string meta;
  if (!a.authors.empty()) {
    meta += "By ";
    for (size_t i = 0; i < a.authors.size(); ++i) meta += (i ? ", " : "") + a.authors[i];
  }
  if (!a.published.empty()) meta += (meta.empty() ? "" : " · ") + a.published;
  if (!meta.empty()) out += "_" + meta + "_\n\n";
  const Block* prev = nullptr;
  for (const Block& b : a.blocks) {
    bool list_run = prev && prev->kind == Block::Kind::kListItem && b.kind == Block::Kind::kListItem;
    if (prev && !list_run) out += "\n";
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += std::string(static_cast<size_t>(std::max(2, b.level)), '#') + " " + b.text + "\n";
        break;
      case Block::Kind::kListItem:
        out += std::string(static_cast<size_t>(2 * (std::max(1, b.level) - 1)), ' ');
        out += b.ordered ? "1. " : "- ";
        out += b.text + "\n";
        break;
      case Block::Kind::kQuote: {
        out += "> ";
        for (char c : b.text) out += c == '\n' ? std::string("\n> ") : std::string(1, c);
        out += "\n";
        break;
      }
      case Block::Kind::kPre:
        out += "```\n" + b.text + "\n```\n";
        break;
      case Block::Kind::kTable: {
        size_t row = 0, start = 0;
        while (start <= b.text.size()) {
          size_t end = b.text.find('\n', start);
          if (end == std::string::npos) end = b.text.size();
          std::string line = b.text.substr(start, end - start);
          out += "| " + line + " |\n";
          if (row++ == 0) {
            size_t cols = 1;
            for (size_t i = 0; i + 2 < line.size(); ++i)
              if (line.compare(i, 3, " | ") == 0) ++cols;
            out += "|";
            for (size_t i = 0; i < cols; ++i) out += " --- |";
            out += "\n";
          }
          start = end + 1;
        }
        break;
      }
      case Block::Kind::kCaption:
        out += "*" + b.text + "*\n";
        break;
      default:
        out += b.text + "\n";
    }
    prev = &b;
  }
  return out;
}

std::string RenderText(const Article& a) {
  std::string out;
  if (!a.title.empty()) out += a.title + "\n\n";
  out += a.Text();
  if (!out.empty()) out += "\n";
  return out;
}

}  // namespace

std::string RenderArticle(const Article& article, Format format) {
  switch (format) {
    case Format::kJson: return RenderJson(article);
    case Format::kMarkdown: return RenderMarkdown(article);
    case Format::kText: break;
  }
  return RenderText(article);
}

}  // namespace ng
