// server.cc — libmicrohttpd in front of the Api: a pool of polling threads (epoll where the
// kernel has it), limits on connections (in all and per client), idle time (slowloris),
// header memory (431 from libmicrohttpd) and body size (413 here, before the body is read).
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>

#include "newsgraph/serve.h"

namespace ng {
namespace {

// Per-connection state between libmicrohttpd's calls for one request.
struct Pending {
  std::string body;
  size_t limit = 0;  // body bytes this request may send
  bool too_large = false;
};

class ServerImpl : public Server {
 public:
  ServerImpl(std::unique_ptr<Api> api, ServeOptions options) : api_(std::move(api)), options_(std::move(options)) {}
  ~ServerImpl() override { Stop(); }

  Status Listen() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(options_.port));
    if (inet_pton(AF_INET, options_.host.c_str(), &addr.sin_addr) != 1) {
      return InvalidArgument("--host: an IPv4 address such as 127.0.0.1 or 0.0.0.0, got '" + options_.host + "'");
    }
    if (options_.port < 0 || options_.port > 65535) return InvalidArgument("--port: 0 to 65535");
    unsigned int flags = MHD_USE_AUTO_INTERNAL_THREAD;
    daemon_ = MHD_start_daemon(
        flags, static_cast<uint16_t>(options_.port), nullptr, nullptr, &ServerImpl::OnRequest, this,
        MHD_OPTION_SOCK_ADDR, reinterpret_cast<const sockaddr*>(&addr),
        MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned int>(options_.threads > 0 ? options_.threads : 1),
        MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned int>(options_.max_connections),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<unsigned int>(options_.max_connections_per_client),
        MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned int>(options_.connection_timeout_s),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(32 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, &ServerImpl::OnCompleted, this,
        MHD_OPTION_END);
    if (!daemon_) {
      return IoError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                     " (port in use, or a privileged port?); choose another --port");
    }
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    port_ = info ? info->port : options_.port;
    return Status::Ok();
  }

  int port() const override { return port_; }
  const std::string& host() const override { return options_.host; }
  void Stop() override {
    if (daemon_) MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
  }

 private:
  static MHD_Result Send(MHD_Connection* c, const ApiResponse& r) {
    MHD_Response* resp = MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r.content_type.c_str());
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_Result ok = MHD_queue_response(c, static_cast<unsigned int>(r.status), resp);
    MHD_destroy_response(resp);
    return ok;
  }

  static MHD_Result CollectArg(void* cls, MHD_ValueKind, const char* key, const char* value) {
    static_cast<ApiRequest*>(cls)->params.emplace_back(key ? key : "", value ? value : "");
    return MHD_YES;
  }

  static MHD_Result OnRequest(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                              const char* upload, size_t* upload_size, void** state) {
    auto* self = static_cast<ServerImpl*>(cls);
    auto* pending = static_cast<Pending*>(*state);
    if (!pending) {  // first call: headers only
      pending = new Pending;
      *state = pending;
      // A page for POST /api/ingest may be larger than any other body.
      bool ingest = self->options_.allow_ingest && url && method && std::strcmp(url, "/api/ingest") == 0 &&
                    std::strcmp(method, "POST") == 0;
      pending->limit = ingest ? self->options_.max_ingest_bytes : self->options_.max_body_bytes;
      const char* length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
      if (length && std::strtoull(length, nullptr, 10) > pending->limit) {
        pending->too_large = true;  // answered below without reading the body
      } else {
        return MHD_YES;
      }
    }
    if (*upload_size > 0 && !pending->too_large) {
      if (pending->body.size() + *upload_size > pending->limit) {
        pending->too_large = true;
        pending->body.clear();
      } else {
        pending->body.append(upload, *upload_size);
      }
      *upload_size = 0;
      return MHD_YES;
    }
    *upload_size = 0;
    if (pending->too_large) {
      ApiResponse r;
      r.status = 413;
      r.body = "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"request bodies are limited to " +
               std::to_string(pending->limit) + " bytes\"}}";
      return Send(c, r);
    }
    ApiRequest req;
    req.method = method ? method : "";
    req.path = url ? url : "";
    req.body = std::move(pending->body);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, &ServerImpl::CollectArg, &req);
    if (const char* auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)) {
      req.authorization = auth;
    }
    return Send(c, self->api_->Handle(req));
  }

  static void OnCompleted(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
    delete static_cast<Pending*>(*state);
    *state = nullptr;
  }

  std::unique_ptr<Api> api_;
  ServeOptions options_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  Result<std::unique_ptr<Api>> api = Api::Open(options);
  if (!api.ok()) return api.status();
  auto s = std::make_unique<ServerImpl>(std::move(api).value(), options);
  NG_RETURN_IF_ERROR(s->Listen());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace ng
