// libFuzzer target: arbitrary bytes → one API request (method, path, query parameters,
// Authorization header, body) → ng::Api::Handle over a small SQLite store made at start (the
// bundled corpus is not needed: an empty store runs every route and every check). Must never
// crash, hang or answer a 5xx other than 503; the HTTP framing itself is libmicrohttpd's.
// Input: lines "METHOD PATH", then "key=value" parameter lines, then an empty line and the body.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "newsgraph/serve.h"
#include "newsgraph/store.h"

namespace {

std::unique_ptr<ng::Api> g_api;
std::string g_dir;  // removed at exit

void RemoveDir() {
  g_api.reset();
  std::error_code ec;
  std::filesystem::remove_all(g_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/ng-fuzz-api-XXXXXX";
  if (!mkdtemp(dir)) std::abort();
  g_dir = dir;
  std::atexit(RemoveDir);
  std::string db = std::string(dir) + "/fuzz.db";
  {  // create and migrate
    auto s = ng::Store::Open(db);
    if (!s.ok()) std::abort();
  }
  ng::ServeOptions o;
  o.db = db;
  o.review_token = "fuzz-token-123";
  o.allow_ingest = true;  // POST /api/ingest runs the document pipeline on the body
  o.statement_timeout_ms = 500;
  auto api = ng::Api::Open(o);
  if (!api.ok()) std::abort();
  g_api = std::move(api).value();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  ng::ApiRequest req;
  size_t pos = 0;
  auto line = [&]() {
    size_t e = in.find('\n', pos);
    std::string l = in.substr(pos, e == std::string::npos ? std::string::npos : e - pos);
    pos = e == std::string::npos ? in.size() : e + 1;
    return l;
  };
  std::string first = line();
  size_t sp = first.find(' ');
  req.method = first.substr(0, sp);
  req.path = sp == std::string::npos ? "/" : first.substr(sp + 1);
  while (pos < in.size()) {
    std::string l = line();
    if (l.empty()) break;
    size_t eq = l.find('=');
    if (l.rfind("Authorization:", 0) == 0) req.authorization = l.substr(14);
    else req.params.emplace_back(l.substr(0, eq), eq == std::string::npos ? "" : l.substr(eq + 1));
  }
  req.body = in.substr(pos);
  ng::ApiResponse r = g_api->Handle(req);
  if (r.status >= 500 && r.status != 503) std::abort();
  return 0;
}
