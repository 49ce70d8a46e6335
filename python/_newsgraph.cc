// _newsgraph — the private pybind11 module under the `newsgraph` package (python/newsgraph).
// Thin on purpose: every call goes to the library (include/newsgraph/*.h), results cross as the
// library's own JSON renderings (the same bytes the CLI prints) or as plain tuples, Statuses
// become newsgraph.Error subclasses in one place (Raise), and the GIL is released around every
// call that does real work.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/file.h"
#include "base/json_writer.h"
#include "newsgraph/pipeline.h"

namespace py = pybind11;

namespace {

// Exception classes by ng::Code, created at import (newsgraph.Error and one subclass per code).
PyObject* g_errors[16] = {};

struct StatusError {
  ng::Status status;
};

[[noreturn]] void Raise(const ng::Status& st) {
  throw StatusError{st};
}

template <typename T>
T Take(ng::Result<T> r) {
  if (!r.ok()) Raise(r.status());
  return std::move(r).value();
}

// Python str or bytes as bytes (str is encoded as UTF-8).
std::string Bytes(const py::object& o) {
  if (py::isinstance<py::bytes>(o)) return o.cast<std::string>();
  if (py::isinstance<py::str>(o)) return o.cast<std::string>();
  if (py::isinstance<py::bytearray>(o)) return std::string(py::bytearray(o));
  Raise(ng::InvalidArgument("expected str or bytes, got " +
                            std::string(py::str(o.get_type().attr("__name__")))));
}

// What `newsgraph code` writes events with: the text, its date, the ontology, the article's URL
// (an extracted page's canonical URL: SOURCEURL and part of the ids), the quantities written as
// objects (no doc id).
ng::EventFormatContext Context(const ng::Document& d, std::string_view date, std::string_view ontology) {
  ng::EventFormatContext ctx;
  ctx.text = d.text;
  ctx.date_added = date;
  ctx.ontology = ontology;
  if (d.article) ctx.url = d.article->url;
  ctx.quantities = &d.analysis.quantities;
  return ctx;
}

std::string EventsJson(const std::vector<ng::Event>& events, const ng::EventFormatContext& ctx) {
  std::string out = "[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out += ",";
    out += ng::EventToJson(events[i], ctx);
  }
  return out + "]";
}

// {"status","error","reason","text","analysis","events"} with the library's renderings inside.
std::string DocumentJson(const ng::Document& d, const ng::EventFormatContext& ctx, bool tokens) {
  std::string out = "{\"status\":";
  ng::AppendJsonString(out, d.status);
  out += ",\"error\":";
  if (d.status == "failed")
    ng::AppendJsonString(out, d.error_status().ToString());
  else
    out += "null";
  out += ",\"reason\":";
  ng::AppendJsonString(out, d.reason);
  out += ",\"text\":";
  ng::AppendJsonString(out, d.text);
  out += ",\"analysis\":";
  out += d.status == "failed" ? "null" : ng::AnalysisToJson(d.analysis, d.text, tokens);
  out += ",\"events\":";
  out += EventsJson(d.events, ctx);
  return out + "}";
}

ng::DocumentOptions Options(bool code, const std::string& ontology, bool tokens, bool syntax) {
  if (ontology != "cameo" && ontology != "plover" && ontology != "both")
    Raise(ng::InvalidArgument("ontology must be 'cameo', 'plover' or 'both', not '" + ontology +
                              "'"));
  ng::DocumentOptions o;
  o.code = code;
  o.tokens = tokens;
  o.syntax = syntax;
  o.coding.ontology = ontology;
  return o;
}

// An analysed (and coded) text; `date` as given or "" (the ctx date of the CLI's `code`).
std::string Process(const ng::Models& m, std::string text, std::string date, bool code,
                    const std::string& ontology, bool tokens, bool syntax) {
  ng::DocumentOptions o = Options(code, ontology, tokens, syntax);
  ng::Document d;
  {
    py::gil_scoped_release nogil;
    d = ng::ProcessText({.text = std::move(text), .date = date}, m, o);
  }
  if (d.status == "failed") Raise(d.error_status());
  return DocumentJson(d, Context(d, date, ontology), tokens);
}

// An extracted article given back as title, body text and published day (ProcessArticle).
std::string ProcessArticle(const ng::Models& m, std::string title, std::string body,
                           std::string published, std::string url, bool code,
                           const std::string& ontology, bool tokens, bool syntax) {
  ng::DocumentOptions o = Options(code, ontology, tokens, syntax);
  ng::Article a;
  a.title = std::move(title);
  a.published = std::move(published);
  a.url = std::move(url);
  if (!body.empty()) a.blocks.push_back({ng::Block::Kind::kParagraph, 0, false, std::move(body)});
  ng::Document d;
  {
    py::gil_scoped_release nogil;
    d = ng::ProcessArticle(std::move(a), m, o);
  }
  if (d.status == "failed") Raise(d.error_status());
  std::string date = d.analysis.publication_date;
  return DocumentJson(d, Context(d, date, ontology), tokens);
}

py::dict RecordDict(const ng::Record& r) {
  py::dict d;
  d["url"] = r.url;
  d["fetch_time"] = r.fetch_time;
  d["http_status"] = r.http_status;
  d["content_type"] = r.content_type;
  d["charset"] = r.charset;
  py::list headers;
  for (const auto& [k, v] : r.headers) headers.append(py::make_tuple(k, v));
  d["headers"] = headers;
  d["body"] = py::bytes(r.body);
  d["source"] = r.source;
  return d;
}

// Records of a WARC file, one per next(); a damaged record is skipped and its error kept in
// `errors` (one bad record never ends the iteration).
class WarcIterator {
 public:
  explicit WarcIterator(const std::string& path) {
    py::gil_scoped_release nogil;
    source_ = Take(ng::OpenWarc(path));
  }
  py::dict Next() {
    for (;;) {
      ng::Result<std::optional<ng::Record>> r = ng::Status();
      {
        py::gil_scoped_release nogil;
        r = source_->Next();
      }
      if (!r.ok()) {
        errors_.push_back(r.status().ToString());
        continue;
      }
      if (!r->has_value()) throw py::stop_iteration();
      return RecordDict(**r);
    }
  }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::unique_ptr<ng::Source> source_;
  std::vector<std::string> errors_;
};

py::list ReadFeed(const std::string& path, const std::string& url) {
  ng::Result<ng::Feed> feed = ng::Status();
  {
    py::gil_scoped_release nogil;
    ng::Result<std::string> bytes = ng::ReadFile(path, 64u << 20);
    feed = bytes.ok() ? ng::ParseFeed(*bytes, {.url = url}) : ng::Result<ng::Feed>(bytes.status());
  }
  if (!feed.ok()) Raise(ng::Status(feed.status().code(), path + ": " + feed.status().message()));
  py::list items;
  for (const ng::FeedItem& it : feed->items) {
    py::dict d;
    d["url"] = it.url;
    d["title"] = it.title;
    d["published"] = it.published;
    d["summary"] = it.summary;
    items.append(d);
  }
  return items;
}

// Sources → the document pipeline → a store; the same run as `newsgraph ingest --db`.
py::dict Ingest(const ng::Models& models, const std::vector<std::string>& sources,
                const std::string& db, int jobs, bool progress, int batch) {
  ng::PipelineStats stats;
  ng::Status store_status;
  size_t stored = 0, already = 0;
  std::vector<std::string> problems;
  {
    py::gil_scoped_release nogil;
    std::unique_ptr<ng::Fetcher> fetcher = Take(ng::Fetcher::Create({}));
    ng::InputOptions io;
    io.fetcher = fetcher.get();
    std::unique_ptr<ng::InputStream> in = Take(ng::OpenInputs(sources, io));
    std::unique_ptr<ng::Store> store = Take(ng::Store::Open(db, {.batch_size = batch}));
    ng::StoreSink sink(*store);
    if (ng::Status st = sink.LoadKeys(); !st.ok()) Raise(st);
    ng::PipelineOptions po;
    po.jobs = jobs;
    po.fetcher = fetcher.get();
    po.document.known = [&sink](const std::string& key) { return sink.Known(key); };
    bool draw = progress && isatty(STDERR_FILENO);
    auto last = std::chrono::steady_clock::now();
    size_t n = 0;
    stats = ng::RunPipeline(*in, models, po, [&](ng::Document& d) {
      if (d.status == "failed" && problems.size() < 200)
        problems.push_back(d.from_record ? d.source + ": " + d.error : d.error);
      ++n;
      if (draw && std::chrono::steady_clock::now() - last > std::chrono::milliseconds(100)) {
        last = std::chrono::steady_clock::now();
        std::fprintf(stderr, "\rnewsgraph: %zu documents", n);
      }
      return sink.Write(d);
    });
    if (draw) std::fprintf(stderr, "\rnewsgraph: %zu documents\n", n);
    store_status = sink.Finish();
    stored = sink.stored();
    already = sink.already();
  }
  if (!store_status.ok()) Raise(store_status);
  py::dict r;
  r["documents"] = stats.documents;
  r["articles"] = stats.articles;
  r["skipped"] = stats.skipped;
  r["failed"] = stats.failed;
  r["stored"] = stored;
  r["already_stored"] = already;
  r["problems"] = problems;
  return r;
}

// The document pipeline as a Python iterator: RunPipeline on a thread of its own, Documents (as
// JSON) through a bounded queue, in input order. Dropping the iterator stops the run.
class DocumentIterator {
 public:
  DocumentIterator(std::shared_ptr<ng::Models> models, const std::vector<std::string>& sources,
                   int jobs, bool analyze)
      : models_(std::move(models)) {
    py::gil_scoped_release nogil;
    fetcher_ = Take(ng::Fetcher::Create({}));
    ng::InputOptions io;
    io.fetcher = fetcher_.get();
    input_ = Take(ng::OpenInputs(sources, io));
    ng::PipelineOptions po;
    po.jobs = jobs;
    po.fetcher = fetcher_.get();
    po.document.analyze = analyze;
    thread_ = std::thread([this, po] {
      ng::RunPipeline(*input_, *models_, po, [this](ng::Document& d) {
        std::string json = Json(d);
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return queue_.size() < 16 || closed_; });
        if (closed_) return false;
        queue_.push_back(std::move(json));
        cv_.notify_all();
        return true;
      });
      std::lock_guard lock(mu_);
      done_ = true;
      cv_.notify_all();
    });
  }
  ~DocumentIterator() { Close(); }

  std::string Next() {
    std::string json;
    {
      py::gil_scoped_release nogil;
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (queue_.empty()) throw py::stop_iteration();
      json = std::move(queue_.front());
      queue_.pop_front();
      cv_.notify_all();
    }
    return json;
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
      cv_.notify_all();
    }
    if (thread_.joinable()) {
      py::gil_scoped_release nogil;
      thread_.join();
    }
  }

 private:
  static std::string Json(const ng::Document& d) {
    std::string out = "{\"source\":";
    ng::AppendJsonString(out, d.source);
    out += ",\"url\":";
    ng::AppendJsonString(out, d.url);
    out += ",\"article\":";
    out += d.article ? ng::RenderArticle(*d.article, ng::Format::kJson) : "null";
    out += ",\"document\":";
    out += DocumentJson(d, Context(d, d.analysis.publication_date, "both"), false);
    return out + "}";
  }

  std::shared_ptr<ng::Models> models_;
  std::unique_ptr<ng::Fetcher> fetcher_;
  std::unique_ptr<ng::InputStream> input_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool closed_ = false, done_ = false;
};

class Db {
 public:
  Db(const std::string& target, bool read_only, int batch) {
    if (batch < 1) Raise(ng::InvalidArgument("batch must be a positive number"));
    py::gil_scoped_release nogil;
    store_ = Take(ng::Store::Open(target, {.batch_size = batch, .read_only = read_only}));
  }
  int64_t Merge(const std::string& shard) {
    ng::Result<int64_t> r = ng::Status();
    {
      py::gil_scoped_release nogil;
      r = store_->Merge(shard);
    }
    return Take(std::move(r));
  }
  py::tuple Events(const ng::EventQuery& q) {
    ng::Result<ng::QueryResult> r = ng::Status();
    {
      py::gil_scoped_release nogil;
      r = store_->QueryEvents(q);
    }
    return Table(Take(std::move(r)));
  }
  py::tuple Articles(const ng::EventQuery& q) {
    ng::Result<ng::QueryResult> r = ng::Status();
    {
      py::gil_scoped_release nogil;
      r = store_->QueryArticles(q);
    }
    return Table(Take(std::move(r)));
  }
  void Export(const std::string& format, const std::string& path) {
    std::optional<ng::ExportFormat> f = ng::ParseExportFormat(format);
    if (!f && format != "dump")
      Raise(ng::InvalidArgument("unknown export format '" + format +
                                "' (gdelt-events, gdelt-mentions, gkg, jsonl, csv, dump)"));
    ng::Status st;
    {
      py::gil_scoped_release nogil;
      std::ofstream out(path, std::ios::binary);
      if (!out) Raise(ng::IoError("cannot write " + path));
      st = f ? store_->Export(*f, out) : store_->CanonicalDump(out);
      out.flush();
      if (st.ok() && !out) st = ng::IoError("writing " + path + " failed");
    }
    if (!st.ok()) Raise(st);
  }
  std::string Dump() {
    std::ostringstream out;
    ng::Status st;
    {
      py::gil_scoped_release nogil;
      st = store_->CanonicalDump(out);
    }
    if (!st.ok()) Raise(st);
    return out.str();
  }
  std::string backend() const { return store_->backend(); }
  void Close() { store_.reset(); }
  ng::Store& store() {
    if (!store_) Raise(ng::InvalidArgument("the database is closed"));
    return *store_;
  }

 private:
  static py::tuple Table(const ng::QueryResult& r) { return py::make_tuple(r.columns, r.rows); }
  std::unique_ptr<ng::Store> store_;
};

}  // namespace

PYBIND11_MODULE(_newsgraph, m) {
  m.doc() = "newsgraph's C++ library (private: use the `newsgraph` package)";
  PyObject* base = PyErr_NewExceptionWithDoc(
      "newsgraph.Error", "A newsgraph call failed; the message is the library's.", nullptr,
      nullptr);
  m.attr("Error") = py::handle(base);
  struct Named {
    ng::Code code;
    const char* name;
    const char* doc;
  };
  const Named named[] = {
      {ng::Code::kInvalidArgument, "InvalidArgumentError",
       "The input or an option is unusable (a bad date, not a feed)."},
      {ng::Code::kNotFound, "NotFoundError", "A file, directory, record or table is not there."},
      {ng::Code::kDataLoss, "DataLossError",
       "The input is corrupt or truncated (a damaged database or archive)."},
      {ng::Code::kResourceExhausted, "ResourceExhaustedError",
       "A budget (size, depth, time, memory) was exceeded."},
      {ng::Code::kUnimplemented, "UnimplementedError", "Not supported."},
      {ng::Code::kUnavailable, "UnavailableError",
       "Transient: network, a server that does not answer, a locked database."},
      {ng::Code::kInternal, "InternalError",
       "A bug in newsgraph: please report it with the input."},
      {ng::Code::kIo, "IoError", "The operating system refused (open, read, write, disk full)."},
  };
  for (const Named& n : named) {
    std::string qual = std::string("newsgraph.") + n.name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qual.c_str(), n.doc, base, nullptr);
    g_errors[static_cast<int>(n.code)] = cls;
    m.attr(n.name) = py::handle(cls);
  }
  g_errors[0] = base;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      PyObject* cls = g_errors[static_cast<int>(e.status.code())];
      PyErr_SetString(cls ? cls : g_errors[0], e.status.message().c_str());
    }
  });

  py::class_<ng::Models, std::shared_ptr<ng::Models>>(
      m, "Models", "Loaded analysis tables and coder (shared, read-only).")
      .def_property_readonly("note", [](const ng::Models& x) { return x.note; })
      .def_property_readonly("has_coder",
                             [](const ng::Models& x) { return bool(x.codebook || x.foreign); });
  m.def(
      "load_models",
      [](const std::string& data_dir, const std::string& codebook_dir,
         const std::string& dictionaries, bool codebook) {
        py::gil_scoped_release nogil;
        return std::make_shared<ng::Models>(Take(ng::LoadModels({.data_dir = data_dir,
                                                                 .codebook_dir = codebook_dir,
                                                                 .dictionaries = dictionaries,
                                                                 .codebook = codebook})));
      },
      py::arg("data_dir") = "", py::arg("codebook_dir") = "", py::arg("dictionaries") = "",
      py::arg("codebook") = true);

  m.def(
      "extract",
      [](const py::object& html, const std::string& url, const std::string& charset, bool comments,
         const std::string& parser) {
        if (parser != "fast" && parser != "gumbo")
          Raise(ng::InvalidArgument("parser must be 'fast' or 'gumbo'"));
        std::string bytes = Bytes(html);
        ng::Record rec;
        rec.url = url;
        rec.charset = charset;
        rec.body = std::move(bytes);
        ng::Document d;
        std::string json;
        {
          py::gil_scoped_release nogil;
          ng::DocumentOptions o;
          o.analyze = false;
          o.content_hash = false;
          o.empty_fails = false;  // extract(b"") is an Article with reason "empty input", as documented
          o.comments = comments;
          o.parser = parser == "gumbo" ? ng::HtmlParser::kGumbo : ng::HtmlParser::kFast;
          d = ng::ProcessRecord(rec, ng::Models(), o);
          if (d.status == "ok") json = ng::RenderArticle(*d.article, ng::Format::kJson);
        }
        if (d.status != "ok") Raise(d.error_status());
        return json;
      },
      py::arg("html"), py::arg("url") = "", py::arg("charset") = "", py::arg("comments") = false,
      py::arg("parser") = "fast");
  m.def("process_text", &Process, py::arg("models"), py::arg("text"), py::arg("date"),
        py::arg("code"), py::arg("ontology"), py::arg("tokens"), py::arg("syntax"));
  m.def("process_article", &ProcessArticle, py::arg("models"), py::arg("title"), py::arg("body"),
        py::arg("published"), py::arg("url"), py::arg("code"), py::arg("ontology"),
        py::arg("tokens"), py::arg("syntax"));
  m.def(
      "explain",
      [](const ng::Models& models, const std::string& sentence, const std::string& date) {
        ng::Result<ng::Explanation> x = ng::Status();
        {
          py::gil_scoped_release nogil;
          x = ng::Explain(sentence, date, models);
        }
        ng::Explanation e = Take(std::move(x));
        ng::EventFormatContext ctx;  // as `newsgraph explain` prints them
        ctx.text = e.text;
        ctx.quantities = &e.analysis.quantities;
        return py::make_tuple(e.trace, EventsJson(e.events, ctx),
                              ng::AnalysisToConllu(e.analysis, e.text));
      },
      py::arg("models"), py::arg("sentence"), py::arg("date"));

  py::class_<WarcIterator>(m, "WarcIterator")
      .def(py::init<const std::string&>())
      .def("__iter__", [](WarcIterator& self) -> WarcIterator& { return self; })
      .def("__next__", &WarcIterator::Next)
      .def_property_readonly("errors", &WarcIterator::errors);
  m.def(
      "expand_sources",
      [](const std::vector<std::string>& sources) { return Take(ng::ExpandSources(sources)); },
      py::arg("sources"));
  m.def("read_feed", &ReadFeed, py::arg("path"), py::arg("url") = "");
  m.def("ingest", &Ingest, py::arg("models"), py::arg("sources"), py::arg("db"), py::arg("jobs"),
        py::arg("progress"), py::arg("batch"));

  py::class_<DocumentIterator>(m, "DocumentIterator")
      .def(py::init<std::shared_ptr<ng::Models>, const std::vector<std::string>&, int, bool>())
      .def("__iter__", [](DocumentIterator& self) -> DocumentIterator& { return self; })
      .def("__next__", &DocumentIterator::Next)
      .def("close", &DocumentIterator::Close);

  py::class_<ng::EventQuery>(m, "EventQuery")
      .def(py::init<>())
      .def_readwrite("text", &ng::EventQuery::text)
      .def_readwrite("actor", &ng::EventQuery::actor)
      .def_readwrite("country", &ng::EventQuery::country)
      .def_readwrite("cameo", &ng::EventQuery::cameo)
      .def_readwrite("plover", &ng::EventQuery::plover)
      .def_readwrite("start", &ng::EventQuery::from)
      .def_readwrite("end", &ng::EventQuery::to)
      .def_readwrite("place", &ng::EventQuery::place)
      .def_readwrite("limit", &ng::EventQuery::limit);
  py::class_<Db>(m, "Db")
      .def(py::init<const std::string&, bool, int>(), py::arg("target"), py::arg("read_only"),
           py::arg("batch") = 64)
      .def("merge",
           [](Db& db, const std::string& shard) {
             db.store();
             return db.Merge(shard);
           })
      .def("events",
           [](Db& db, const ng::EventQuery& q) {
             db.store();
             return db.Events(q);
           })
      .def("articles",
           [](Db& db, const ng::EventQuery& q) {
             db.store();
             return db.Articles(q);
           })
      .def("export",
           [](Db& db, const std::string& f, const std::string& p) {
             db.store();
             db.Export(f, p);
           })
      .def("dump",
           [](Db& db) {
             db.store();
             return db.Dump();
           })
      .def("backend", [](Db& db) { return db.store().backend(); })
      .def("close", &Db::Close);
}
