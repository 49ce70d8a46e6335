// The record → document stage: skip rules, extract → analyze → code, errors as values.
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include "base/json_writer.h"
#include "ingest/digest.h"
#include "newsgraph/pipeline.h"

namespace ng {
namespace {

std::string EnvOr(const char* env, const std::string& given, const std::string& fallback) {
  if (!given.empty()) return given;
  const char* e = std::getenv(env);
  return e && *e ? e : fallback;
}

void Fail(Document* doc, Code code, std::string error) {
  doc->status = "failed";
  doc->error_code = code;
  doc->error = std::move(error);
  doc->article.reset();
  doc->analysis = Analysis();
  doc->events.clear();
}

// Why a record is not an article, or "" when it may be one.
std::string SkipReason(const Record& rec) {
  if (rec.http_status == 304) return "not modified (HTTP 304)";
  bool html = rec.content_type.empty() || rec.content_type.find("html") != std::string::npos;
  if (!html) return "not HTML: " + rec.content_type;
  if (rec.http_status != 0 && (rec.http_status < 200 || rec.http_status >= 300))
    return "HTTP status " + std::to_string(rec.http_status);
  return "";
}

// Our coder, or the user's foreign dictionaries sentence by sentence (offsets made absolute).
std::vector<Event> CodeAnalysis(const Models& m, const Analysis& a, std::string_view text,
                                std::string_view date, const CodeOptions& options) {
  if (!m.foreign)
    return m.codebook ? CodeEvents(*m.codebook, a, text, options) : std::vector<Event>{};
  std::vector<Event> events;
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& S = a.sentences[s];
    std::vector<Event> ev = m.foreign->CodeSentence(text.substr(S.begin, S.end - S.begin), date);
    for (Event& e : ev) {
      // The foreign coder's offsets are relative to the sentence it was given.
      for (Span* sp : {&e.source.span, &e.target.span, &e.verb}) {
        sp->begin += S.begin;
        sp->end += S.begin;
      }
      e.sentence = static_cast<int>(s);
      e.evidence = Span{S.begin, S.end};
      if (s < a.sentence_tone.size()) e.tone = a.sentence_tone[s].score;
      if (e.date.empty()) e.date = std::string(date);
      if (m.codebook && e.quad_class == 0) FillEventCodes(*m.codebook, &e);
      events.push_back(std::move(e));
    }
  }
  return events;
}

// Analysis + events of doc->text; the date has been checked.
void AnalyzeAndCode(Document* doc, std::string_view date,
                    const std::vector<std::pair<size_t, size_t>>& spans, const Models& m,
                    const DocumentOptions& o) {
  bool code = o.code && (m.codebook || m.foreign);
  AnalyzeOptions ao;
  ao.publication_date = date;
  ao.sentences = spans;
  ao.syntax = o.syntax;
  ao.tokens = o.tokens || code;  // the coder reads them
  Result<Analysis> an = Analyze(*m.resources, doc->text, ao);
  if (!an.ok()) return Fail(doc, an.status().code(), an.status().message());
  doc->analysis = std::move(an).value();
  if (code) doc->events = CodeAnalysis(m, doc->analysis, doc->text, date, o.coding);
}

// title + body of doc->article, analysed and coded, dated by the article's publication date.
void AnalyzeArticle(Document* doc, const Models& models, const DocumentOptions& o) {
  const Article& art = *doc->article;
  doc->text = art.title;
  std::string body = art.Text();
  if (!doc->text.empty() && !body.empty()) doc->text += "\n\n";
  doc->text += body;
  std::string date = art.published.size() >= 10 ? art.published.substr(0, 10) : "";
  if (Status st = CheckPublicationDate(date); !st.ok()) {
    // Rejected before analysis: the text is still worth analysing, without a date to resolve
    // against.
    doc->reason =
        "publication date '" + date + "' is not a valid date: relative dates left unresolved";
    date.clear();
  }
  if (o.articles_only && art.page_type != PageType::kArticle && o.code) {
    DocumentOptions no_events = o;
    no_events.code = false;  // not an article: analysed, not coded
    return AnalyzeAndCode(doc, date, {}, models, no_events);
  }
  AnalyzeAndCode(doc, date, {}, models, o);
}

}  // namespace

Result<Models> LoadModels(const ModelOptions& options) {
  Models m;
  if (options.analysis) {
    NG_ASSIGN_OR_RETURN(m.resources, LoadResources(EnvOr("NEWSGRAPH_DATA", options.data_dir,
                                                         DefaultResourceDir())));
  }
  if (!options.codebook) return m;
  std::string book_dir = EnvOr("NEWSGRAPH_CODEBOOK", options.codebook_dir, DefaultCodebookDir());
  if (!options.dictionaries.empty()) {
    NG_ASSIGN_OR_RETURN(m.foreign, LoadForeignDictionaries(options.dictionaries));
    // Our CAMEO table, when available, completes the foreign coder's events (Goldstein, QuadClass,
    // PLOVER).
    Result<std::shared_ptr<const Codebook>> tables = LoadCodebook(book_dir);
    if (tables.ok()) m.codebook = *tables;
    return m;
  }
  Result<std::shared_ptr<const Codebook>> book = LoadCodebook(book_dir);
  if (book.ok())
    m.codebook = *book;
  else if (options.require_codebook)
    return book.status();
  else
    m.note = "events are not coded: " + book.status().ToString();
  return m;
}

Document ProcessRecord(const Record& rec, const Models& models, const DocumentOptions& o) {
  Document doc;
  doc.url = rec.url;
  doc.source = rec.source;
  doc.fetch_time = rec.fetch_time;
  doc.http_status = rec.http_status;
  doc.bytes = rec.body.size();
  std::string skip = SkipReason(rec);
  if (o.content_hash || o.known) doc.content_hash = ingest::WarcSha1(rec.body);
  if (o.known && o.known(doc.key())) {
    doc.already_stored = true;
    if (!skip.empty()) doc.status = "skipped";
    doc.reason = "already stored";
    return doc;
  }
  if (!skip.empty()) {
    doc.status = "skipped";
    doc.error =
        rec.content_type.empty() ? "" : "not HTML: " + rec.content_type;  // as the store has it
    doc.reason = std::move(skip);
    return doc;
  }
  if (o.empty_fails && rec.body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    // Nothing to extract: an input error, not an article without content.
    Fail(&doc, Code::kInvalidArgument,
         std::string("empty page (") + (rec.body.empty() ? "no bytes" : "only white space") + ")");
    return doc;
  }
  try {  // one page must not sink the run: a throwing stage fails this document only
    Result<Article> a = Extract(
        rec.body,
        {.url = rec.url, .http_charset = rec.charset, .comments = o.comments, .parser = o.parser});
    if (!a.ok()) {
      Fail(&doc, a.status().code(), a.status().message());
      return doc;
    }
    doc.article = std::move(a).value();
    if (o.analyze && models.resources) AnalyzeArticle(&doc, models, o);
  } catch (const std::exception& e) {
    Fail(&doc, Code::kInternal, "analysis or event coding failed: " + std::string(e.what()));
  }
  return doc;
}

Document ProcessArticle(Article article, const Models& models, const DocumentOptions& o) {
  Document doc;
  doc.url = article.url;
  doc.source = article.url;
  doc.article = std::move(article);
  if (!models.resources) {
    Fail(&doc, Code::kInvalidArgument, "no analysis tables loaded (ModelOptions::analysis)");
    return doc;
  }
  try {
    AnalyzeArticle(&doc, models, o);
  } catch (const std::exception& e) {
    Fail(&doc, Code::kInternal, "analysis or event coding failed: " + std::string(e.what()));
  }
  return doc;
}

Document ProcessText(TextInput in, const Models& models, const DocumentOptions& o) {
  Document doc;
  doc.source = std::move(in.source);
  doc.bytes = in.text.size();
  doc.text = std::move(in.text);
  if (!models.resources) {
    Fail(&doc, Code::kInvalidArgument, "no analysis tables loaded (ModelOptions::analysis)");
    return doc;
  }
  if (Status st = CheckPublicationDate(in.date); !st.ok()) {
    Fail(&doc, st.code(), st.message());
    return doc;
  }
  try {
    AnalyzeAndCode(&doc, in.date, in.sentences, models, o);
  } catch (const std::exception& e) {
    Fail(&doc, Code::kInternal, "analysis or event coding failed: " + std::string(e.what()));
  }
  return doc;
}

Result<Explanation> Explain(std::string_view sentence, std::string_view date, const Models& models,
                            const DocumentOptions& o) {
  if (!models.resources || !models.codebook)
    return InvalidArgument("explain needs the analysis tables and our codebook (ModelOptions)");
  Explanation x;
  x.text = std::string(sentence);
  AnalyzeOptions ao;
  ao.publication_date = date;
  ao.syntax = o.syntax;
  try {
    NG_ASSIGN_OR_RETURN(x.analysis, Analyze(*models.resources, x.text, ao));
    x.events = CodeEventsExplained(*models.codebook, x.analysis, x.text, o.coding, &x.trace);
  } catch (const std::exception& e) {
    return Internal("analysis or event coding failed: " + std::string(e.what()));
  }
  return x;
}

std::string DocumentJsonLine(const Document& doc, bool with_record_url) {
  std::string line = "{\"source\":";
  AppendJsonString(line, doc.source);
  if (with_record_url && !doc.url.empty()) {
    line += ",\"record_url\":";
    AppendJsonString(line, doc.url);
  }
  line += ",\"error\":";
  if (doc.status == "failed" || !doc.article) {
    AppendJsonString(
        line, doc.status == "failed" ? doc.error_status().ToString() : "no article: " + doc.reason);
    line += '}';
    return line;
  }
  std::string body = RenderArticle(*doc.article, Format::kJson);
  line += "null,";
  line.append(body, 1, std::string::npos);  // splice the article's fields after ours
  return line;
}

}  // namespace ng
