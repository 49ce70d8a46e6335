// serve.h — the HTTP JSON API over a store (libmicrohttpd): article search, events by the
// filters of `newsgraph query`, aggregates per day / dyad / country / place, an article with its
// evidence, readers' reviews of events. The API is described by src/serve/openapi.json, served at
// /api/openapi.json.
//
//   NG_ASSIGN_OR_RETURN(std::unique_ptr<ng::Server> s, ng::Server::Start({.db = "news.db", .port = 0}));
//   std::printf("http://%s:%d/\n", s->host().c_str(), s->port());
//   s->Stop();   // also done by the destructor
//
// Read-only unless `review_token` is set: then POST /api/events/{id}/reviews with
// `Authorization: Bearer TOKEN` stores a judgement, and with `allow_ingest` POST /api/ingest
// stores a page. Bound to 127.0.0.1 unless told otherwise.
// Every parameter is bound (never spliced into SQL); results, request bodies, connections per
// client and statement time are capped by the options below.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "newsgraph/status.h"

namespace ng {

struct ServeOptions {
  std::string db;                    // SQLite file or postgresql:// URI
  std::string host = "127.0.0.1";    // an IPv4 address to bind; "0.0.0.0" for every interface
  int port = 8080;                   // 0: an ephemeral port (see Server::port())
  std::string review_token;          // empty: read-only
  int threads = 4;                   // worker threads, each with its own database connection
  size_t max_body_bytes = 64 * 1024; // larger request bodies get 413
  int max_results = 1000;            // `limit` above this gets 400
  int max_connections = 4096;        // open connections in all
  int max_connections_per_client = 64;
  int connection_timeout_s = 10;     // idle or slow (slowloris) connections are closed after this
  int statement_timeout_ms = 2000;   // a slower query gets 503
  bool use_rollups = true;           // false: aggregates scan the clusters (StoreOptions::use_rollups)
  // POST /api/ingest (needs review_token too): a page runs the library's document pipeline
  // (ng::ProcessRecord, as `newsgraph ingest --db`) into the served database.
  bool allow_ingest = false;
  size_t max_ingest_bytes = 8u << 20;  // larger pages get 413
};

// One request as the API sees it, without the socket: the server fills it from libmicrohttpd;
// tests and the fuzz target build it directly.
struct ApiRequest {
  std::string method;                                       // "GET", "POST", …
  std::string path;                                         // "/api/events" (decoded, no query)
  std::vector<std::pair<std::string, std::string>> params;  // decoded query parameters, in order
  std::string authorization;                                // the Authorization header
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The routes without HTTP: opens store connections as it needs them (one per concurrent caller).
class Api {
 public:
  static Result<std::unique_ptr<Api>> Open(const ServeOptions& options);
  virtual ~Api() = default;
  // Thread-safe. Errors are responses: {"error": {"code": "...", "message": "..."}} with a 4xx/5xx.
  virtual ApiResponse Handle(const ApiRequest& request) = 0;
};

class Server {
 public:
  // Opens the store (fails early with the store's message) and starts listening.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  virtual ~Server() = default;
  virtual int port() const = 0;
  virtual const std::string& host() const = 0;
  virtual void Stop() = 0;
};

}  // namespace ng
