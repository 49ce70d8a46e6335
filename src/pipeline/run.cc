// The ordered parallel document pipeline and the store sink.
#include <algorithm>
#include <thread>
#include <utility>

#include "ingest/pipeline.h"
#include "newsgraph/pipeline.h"

namespace ng {
namespace {

Document InputFailure(const Input& in, std::string url, Status st) {
  Document doc;
  doc.source = in.source;
  doc.url = std::move(url);
  doc.status = "failed";
  doc.error_code = st.code();
  doc.error = st.message();
  doc.from_record = false;
  return doc;
}

Document Work(Input& in, const Models& models, const PipelineOptions& options) {
  if (!in.error.ok()) return InputFailure(in, "", in.error);
  if (!in.fetch_url.empty()) {
    if (!options.fetcher)
      return InputFailure(in, in.fetch_url,
                          InvalidArgument(in.fetch_url + ": no fetcher to fetch URLs with"));
    Result<FetchResult> r = options.fetcher->Fetch(in.fetch_url);
    if (!r.ok()) return InputFailure(in, in.fetch_url, r.status());
    if (r->not_modified) {
      Document doc;
      doc.source = in.source;
      doc.url = in.fetch_url;
      doc.status = "skipped";
      doc.reason = "not modified since the last fetch";
      doc.from_record = false;
      return doc;
    }
    in.record = std::move(r->record);
  }
  if (!in.record) return InputFailure(in, "", Internal("an input with neither a record nor a URL"));
  Document doc = ProcessRecord(*in.record, models, options.document);
  doc.source = in.source;
  return doc;
}

}  // namespace

PipelineStats RunPipeline(InputStream& input, const Models& models, const PipelineOptions& options,
                          const DocumentSink& sink) {
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ingest::PipelineOptions po;
  po.jobs = jobs;
  po.max_items = options.max_items > 0 ? options.max_items : static_cast<size_t>(jobs) * 8;
  po.max_bytes = options.max_bytes;
  PipelineStats stats;
  ingest::RunOrdered<Input, Document>(
      po, [&](const ingest::EmitFn<Input>& emit) { input.Produce(emit); },
      [&](Input& in) { return Work(in, models, options); },
      [&](Document& doc) {
        ++stats.documents;
        if (doc.already_stored) ++stats.already_stored;
        if (doc.status == "failed")
          ++stats.failed;
        else if (doc.status == "skipped")
          ++stats.skipped;
        else
          ++stats.articles;
        return sink(doc);
      },
      [](const Input& in) -> size_t { return in.record ? in.record->body.size() : 0; },
      [](Input& in) {
        Document doc;
        doc.source = in.source;
        doc.status = "skipped";
        doc.reason = "cancelled";
        doc.from_record = false;
        return doc;
      });
  return stats;
}

Status StoreSink::LoadKeys() {
  NG_ASSIGN_OR_RETURN(keys_, store_.Keys());
  std::sort(keys_.begin(), keys_.end());
  return Status::Ok();
}

bool StoreSink::Known(const std::string& key) const {
  return std::binary_search(keys_.begin(), keys_.end(), key);
}

bool StoreSink::Write(const Document& doc) {
  if (!status_.ok()) return false;  // after a store error nothing more is written
  if (doc.already_stored) {
    ++already_;
    return true;
  }
  if (!doc.from_record) return true;  // no bytes: reported, not stored
  Result<bool> have = store_.Contains(doc.key());
  if (have.ok() && *have) {
    ++already_;
    return true;
  }
  status_ = have.ok() ? store_.Add(doc) : have.status();
  if (status_.ok()) ++stored_;
  return status_.ok();
}

Status StoreSink::Finish() {
  if (status_.ok()) status_ = store_.Commit();
  return status_;
}

}  // namespace ng
